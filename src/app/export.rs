//! Exporting from the explorer: the file name suggested for the day, the
//! format switch in the export prompt, a suggestion that gives way to the
//! next number, the question when a file is in the way, and the loop's
//! report of what was written.

use super::{App, Effect, ExportProblem, Message, Mode, Prompt, PromptState};
use crate::export::Format;

/// Where an export goes unless the person types another path: the day's
/// name, numbered from the second export of a session on.
fn suggested_path(format: Format, day: chrono::NaiveDate, nth: usize) -> String {
    let name = format.suggested_file_name(day);
    match nth {
        0 => format!("./{name}"),
        n => {
            let (stem, ext) = name.split_once('.').unwrap_or((name.as_str(), ""));
            format!("./{stem}-{}.{ext}", n + 1)
        }
    }
}

impl App {
    pub(super) fn start_export(&mut self) {
        let format = Format::Markdown;
        let path = suggested_path(format, self.today, self.exports);
        let mut p = PromptState::export(format, path.clone());
        p.suggested = Some(path);
        self.mode = Mode::Prompt(p);
    }

    /// The next format (`step` 1) or the one before (`step` 0), carrying a
    /// typed path's stem over to the new extension.
    pub(super) fn switch_format(&mut self, old: Format, step: usize) {
        let formats = Format::ALL;
        let i = formats.iter().position(|f| *f == old).unwrap_or(0);
        let new = if step == 1 {
            formats[(i + 1) % formats.len()]
        } else {
            formats[(i + formats.len() - 1) % formats.len()]
        };
        let suggestion = suggested_path(new, self.today, self.exports);
        let Mode::Prompt(p) = &mut self.mode else {
            return;
        };
        p.kind = Prompt::Export(new);
        if p.suggested.as_deref() == Some(p.input.as_str()) {
            p.input = suggestion.clone();
            p.suggested = Some(suggestion);
        } else if let Some(stem) = p
            .input
            .strip_suffix(&format!(".{}", old.suggested_extension()))
        {
            p.input = format!("{stem}.{}", new.suggested_extension());
        }
    }

    /// An untouched suggestion that names an existing file gives way to the
    /// next number, so an earlier export is never in the way; `None` when
    /// the person chose the path.
    pub(super) fn next_free_suggestion(&mut self) -> Option<Effect> {
        let Mode::Prompt(p) = &self.mode else {
            return None;
        };
        let Prompt::Export(format) = p.kind else {
            return None;
        };
        if p.suggested.as_deref() != Some(p.input.as_str()) || self.exports > 99 {
            return None;
        }
        self.exports += 1;
        let next = suggested_path(format, self.today, self.exports);
        let path = self.expand_home(&next);
        if let Mode::Prompt(p) = &mut self.mode {
            p.input = next.clone();
            p.suggested = Some(next);
        }
        Some(Effect::Export {
            format,
            path,
            replace: false,
        })
    }

    /// The loop's report of an export: written, a file in the way, or why not.
    pub(super) fn export_done(&mut self, result: Result<String, ExportProblem>) -> Option<Effect> {
        match result {
            Ok(path) => {
                self.mode = Mode::Browse;
                self.exports += 1;
                let n = self.filtered.events.len();
                self.banner = Some(format!(
                    "Exported {n} {} to {path}",
                    if n == 1 { "event" } else { "events" }
                ));
            }
            Err(ExportProblem::Exists(path)) => {
                if let Some(retry) = self.next_free_suggestion() {
                    return Some(retry);
                }
                let format = match &self.mode {
                    Mode::Prompt(p) => match p.kind {
                        super::Prompt::Export(f) => Some(f),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(format) = format {
                    self.mode = Mode::ConfirmReplace { format, path };
                }
            }
            Err(ExportProblem::Failed(e)) => match &mut self.mode {
                Mode::Prompt(p) => p.error = Some(e),
                _ => self.banner = Some(format!("Export failed: {e}")),
            },
        }
        None
    }

    /// Replace the file that is there? Yes writes over it; no goes back
    /// to the path, to choose another.
    pub(super) fn on_confirm(&mut self, msg: Message) -> Option<Effect> {
        let Mode::ConfirmReplace { format, path } = &self.mode else {
            return None;
        };
        let (format, path) = (*format, path.clone());
        match msg {
            Message::Confirm => Some(Effect::Export {
                format,
                path: self.expand_home(&path),
                replace: true,
            }),
            Message::Decline | Message::CancelInput => {
                self.mode = Mode::Prompt(super::PromptState::export(format, path));
                None
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::testing::{app, type_text};
    use super::*;

    #[test]
    fn export_formats_cycle_both_ways_and_keep_a_typed_stem() {
        let mut app = app();
        app.update(Message::StartExport);
        let input = |app: &App| match &app.mode {
            Mode::Prompt(p) => (p.kind, p.input.clone()),
            other => panic!("{other:?}"),
        };
        assert_eq!(input(&app).1, "./chronology-20240131.md");
        app.update(Message::NextFormat);
        assert_eq!(
            input(&app),
            (
                Prompt::Export(Format::Csv),
                "./chronology-20240131.csv".into()
            )
        );
        app.update(Message::PrevFormat);
        app.update(Message::PrevFormat);
        assert_eq!(input(&app).0, Prompt::Export(Format::Text));
        app.update(Message::ClearInput);
        type_text(&mut app, "~/brief.txt");
        app.update(Message::NextFormat);
        assert_eq!(input(&app).1, "~/brief.md");
        let effect = app.update(Message::SubmitInput);
        assert_eq!(
            effect,
            Some(Effect::Export {
                format: Format::Markdown,
                path: PathBuf::from("/home/reader/brief.md"),
                replace: false,
            })
        );
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_the_person_says_yes() {
        let mut app = app();
        app.update(Message::StartExport);
        app.update(Message::ClearInput);
        type_text(&mut app, "brief.md");
        assert!(app.update(Message::SubmitInput).is_some());
        app.update(Message::ExportDone(Err(ExportProblem::Exists(
            "brief.md".into(),
        ))));
        assert!(matches!(app.mode, Mode::ConfirmReplace { .. }));
        app.update(Message::Decline);
        assert!(matches!(&app.mode, Mode::Prompt(p) if p.input == "brief.md"));
        app.update(Message::SubmitInput);
        app.update(Message::ExportDone(Err(ExportProblem::Exists(
            "brief.md".into(),
        ))));
        assert_eq!(
            app.update(Message::Confirm),
            Some(Effect::Export {
                format: Format::Markdown,
                path: PathBuf::from("brief.md"),
                replace: true,
            })
        );
    }

    #[test]
    fn a_suggested_name_in_the_way_gives_way_to_the_next_number() {
        let mut app = app();
        app.update(Message::StartExport);
        app.update(Message::SubmitInput);
        let retry = app.next_free_suggestion();
        assert_eq!(
            retry,
            Some(Effect::Export {
                format: Format::Markdown,
                path: PathBuf::from("./chronology-20240131-2.md"),
                replace: false,
            })
        );
    }
}
