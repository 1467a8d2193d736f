//! The prompt line: typing a search, a narrowing of the actors list, a
//! date range, a date to jump to, or the path of an export. Search and
//! narrowing follow every keystroke; the others act on Enter.

use std::path::PathBuf;

use super::keymap::{self, Scope};
use super::{App, Effect, Message, Mode, Pane};
use crate::export::Format;
use crate::query;

/// What the prompt line is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    Search,
    DateRange,
    Jump,
    Narrow,
    /// Filters on sources and claims: a grade, a stance, by an actor.
    Sources,
    /// The day to see the chronology as known on.
    AsOf,
    /// A file path for the export, in the given format.
    Export(Format),
    /// A note on an event.
    Note(crate::model::EventIx),
    /// A file path for a tour of the marked events, in date order or in
    /// the order they were marked.
    SaveTour {
        by_date: bool,
    },
    /// A name to save the current filter under, as a view.
    SaveView,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptState {
    pub kind: Prompt,
    pub input: String,
    pub error: Option<String>,
    /// The text before the prompt opened, restored on cancel.
    pub before: Option<String>,
    /// The export path chronoscope suggested, while it is unchanged.
    pub suggested: Option<String>,
}

impl PromptState {
    pub(super) fn new(kind: Prompt, input: String) -> PromptState {
        PromptState {
            kind,
            input,
            error: None,
            before: None,
            suggested: None,
        }
    }

    /// The export prompt on a path the person typed.
    pub fn export(format: Format, path: String) -> PromptState {
        PromptState::new(Prompt::Export(format), path)
    }
}

impl App {
    pub(super) fn start_search(&mut self) {
        let (kind, before) = match self.pane {
            Pane::Actors => (Prompt::Narrow, self.narrow.clone()),
            _ => (Prompt::Search, self.filter.search.clone()),
        };
        // A new search starts empty, as in less and vim; Esc brings the old one back.
        let mut p = PromptState::new(kind, String::new());
        p.before = Some(before);
        self.mode = Mode::Prompt(p);
    }

    pub(super) fn start_date_range(&mut self) {
        let input = match (self.filter.from, self.filter.to) {
            (None, None) => String::new(),
            (f, t) => format!(
                "{}..{}",
                f.map(|d| d.to_edtf()).unwrap_or_default(),
                t.map(|d| d.to_edtf()).unwrap_or_default()
            ),
        };
        self.mode = Mode::Prompt(PromptState::new(Prompt::DateRange, input));
    }

    pub(super) fn start_jump(&mut self) {
        self.mode = Mode::Prompt(PromptState::new(Prompt::Jump, String::new()));
    }

    pub(super) fn on_prompt(&mut self, msg: Message) -> Option<Effect> {
        let Mode::Prompt(p) = &mut self.mode else {
            return None;
        };
        p.error = None;
        let kind = p.kind;
        match msg {
            Message::TypeChar(c) => p.input.push(c),
            Message::DeleteChar => {
                p.input.pop();
            }
            Message::ClearInput => p.input.clear(),
            Message::NextFormat | Message::PrevFormat => {
                if let Prompt::SaveTour { .. } = kind {
                    self.switch_tour_order();
                }
                if let Prompt::Export(old) = kind {
                    let step = if msg == Message::NextFormat { 1 } else { 0 };
                    self.switch_format(old, step);
                }
                return None;
            }
            Message::CancelInput => {
                self.cancel_prompt();
                return None;
            }
            Message::SubmitInput => return self.submit(),
            Message::EditInEditor => {
                if let Prompt::Note(event) = kind {
                    let text = p.input.clone();
                    self.mode = Mode::Browse;
                    return Some(Effect::EditNote { event, text });
                }
                p.error = Some("only a note is written in the editor".into());
                return None;
            }
            Message::ToggleHelp => {
                self.open_help();
                return None;
            }
            // Clicks and the wheel never reach the panes behind the prompt.
            _ => return None,
        }
        self.follow_typing();
        None
    }

    /// Search and narrowing follow every keystroke.
    fn follow_typing(&mut self) {
        let Mode::Prompt(p) = &self.mode else { return };
        let text = p.input.clone();
        match p.kind {
            Prompt::Search => self.set_search(text),
            Prompt::Narrow => {
                self.narrow = text;
                self.rebuild_entries();
                // The best match is the one a person wants next.
                self.entry_cursor =
                    usize::from(self.entries.first().is_some_and(|e| e.is_heading()));
                self.clamp_scrolls();
            }
            Prompt::DateRange
            | Prompt::Jump
            | Prompt::Export(_)
            | Prompt::Note(_)
            | Prompt::SaveTour { .. }
            | Prompt::SaveView
            | Prompt::Sources
            | Prompt::AsOf => {}
        }
    }

    fn cancel_prompt(&mut self) {
        let Mode::Prompt(p) = std::mem::replace(&mut self.mode, Mode::Browse) else {
            return;
        };
        match (p.kind, p.before) {
            (Prompt::Search, Some(s)) => self.set_search(s),
            (Prompt::Narrow, Some(s)) => {
                self.narrow = s;
                self.rebuild_entries();
            }
            _ => {}
        }
    }

    fn submit(&mut self) -> Option<Effect> {
        let Mode::Prompt(p) = &self.mode else {
            return None;
        };
        let (kind, text) = (p.kind, p.input.clone());
        match kind {
            Prompt::Note(e) => return self.submit_note(e, &text),
            Prompt::SaveTour { by_date } => return self.submit_tour(by_date, &text),
            Prompt::SaveView => return self.submit_view(&text),
            _ => {}
        }
        if let Prompt::Export(format) = kind {
            if text.trim().is_empty() {
                self.prompt_error("type a file name".into());
                return None;
            }
            return Some(Effect::Export {
                format,
                path: self.expand_home(text.trim()),
                replace: false,
            });
        }
        match self.apply_prompt(kind, &text) {
            Ok(()) => {
                if matches!(self.mode, Mode::Prompt(_)) {
                    self.mode = Mode::Browse;
                }
            }
            Err(e) => self.prompt_error(e),
        }
        None
    }

    fn prompt_error(&mut self, e: String) {
        if let Mode::Prompt(p) = &mut self.mode {
            p.error = Some(e);
        }
    }

    fn apply_prompt(&mut self, kind: Prompt, text: &str) -> Result<(), String> {
        match kind {
            Prompt::Search
            | Prompt::Narrow
            | Prompt::Export(_)
            | Prompt::Note(_)
            | Prompt::SaveTour { .. }
            | Prompt::SaveView => Ok(()),
            Prompt::Sources => self.apply_sources(text),
            Prompt::AsOf => self.apply_as_of(text),
            Prompt::DateRange => {
                let (from, to) = if text.trim().is_empty() {
                    (None, None)
                } else {
                    match query::parse_range(text) {
                        Ok(range) => range,
                        Err(query::RangeError::Reversed { swapped }) => {
                            // Offered, not imposed: Enter again accepts it.
                            let why = format!(
                                "that range runs backwards; {} keeps it swapped: {swapped}",
                                keymap::label(Scope::Prompt, &Message::SubmitInput)
                            );
                            if let Mode::Prompt(p) = &mut self.mode {
                                p.input = swapped;
                            }
                            return Err(why);
                        }
                        Err(e) => return Err(e.to_string()),
                    }
                };
                self.filter.from = from;
                self.filter.to = to;
                self.refilter(None);
                Ok(())
            }
            Prompt::Jump => {
                let date =
                    crate::model::EventDate::parse(text.trim()).map_err(|e| e.to_string())?;
                let target = date.first_day();
                let pos = self
                    .filtered
                    .events
                    .iter()
                    .position(|&e| self.timeline.events[e].last_day() >= target)
                    .ok_or_else(|| format!("no event shown on or after {date}"))?;
                self.jump_to(pos);
                Ok(())
            }
        }
    }

    /// A typed path with `~` as the home folder, as a shell reads it.
    pub(super) fn expand_home(&self, path: &str) -> PathBuf {
        match (&self.home, path.strip_prefix('~')) {
            (Some(home), Some("")) => home.clone(),
            (Some(home), Some(rest)) if rest.starts_with('/') => {
                home.join(rest.trim_start_matches('/'))
            }
            _ => PathBuf::from(path),
        }
    }

    pub(super) fn set_search(&mut self, text: String) {
        let prev_filter = self.filter.clone();
        self.filter.search = text;
        self.refilter(Some(prev_filter));
        // In highlight mode a new search moves to its first match.
        if self.filter.search_mode == query::SearchMode::Highlight
            && let Some(&first) = self.filtered.matches.first()
            && let Ok(pos) = self.filtered.events.binary_search(&first)
        {
            self.jump_to(pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{app, type_text};
    use super::*;

    #[test]
    fn search_is_incremental_and_cancel_restores() {
        let mut app = app();
        app.update(Message::StartSearch);
        type_text(&mut app, "kab");
        let during = app.filtered.events.len();
        assert!(during > 0 && during < 12, "{during}");
        app.update(Message::CancelInput);
        assert_eq!(app.filtered.events.len(), 12);
        app.update(Message::StartSearch);
        type_text(&mut app, "kabul");
        app.update(Message::SubmitInput);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.filter.search, "kabul");
    }

    #[test]
    fn date_ranges_filter_and_a_reversed_one_is_offered_swapped() {
        let mut app = app();
        app.update(Message::StartDateRange);
        type_text(&mut app, "2021-2023");
        app.update(Message::SubmitInput);
        assert_eq!(app.mode, Mode::Browse);
        assert!(app.filter.from.is_some() && app.filter.to.is_some());
        app.update(Message::StartDateRange);
        app.update(Message::ClearInput);
        type_text(&mut app, "2023..2021");
        app.update(Message::SubmitInput);
        let Mode::Prompt(p) = &app.mode else {
            panic!("the prompt stays open: {:?}", app.mode)
        };
        assert_eq!(p.input, "2021..2023");
        assert!(p.error.as_deref().is_some_and(|e| e.contains("backwards")));
        app.update(Message::SubmitInput);
        assert_eq!(app.mode, Mode::Browse);
        app.update(Message::StartDateRange);
        app.update(Message::ClearInput);
        type_text(&mut app, "2021-13");
        app.update(Message::SubmitInput);
        assert!(matches!(&app.mode, Mode::Prompt(p) if p.error.is_some()));
    }
}
