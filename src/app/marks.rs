//! Marks and notes in the explorer: `m` marks the selected event, `u` and
//! `U` go to the next and previous mark, `*` shows only the marked events,
//! `A` writes a note on one, `T` saves the marks as a tour in a new file.
//! Every change is handed to the loop to keep (`Effect::SaveMarks`); the
//! marks themselves, by event id, are `crate::marks`.

use super::keymap::{self, Scope};
use super::prompt::{Prompt, PromptState};
use super::{App, Effect, Message, Mode};
use crate::model::{EventIx, Timeline};

impl App {
    /// Which events are marked, after the marks or the timeline changed;
    /// the marked-only filter follows (its caller filters again).
    pub(super) fn remark(&mut self) {
        let t = &self.timeline;
        self.marked = vec![false; t.events.len()];
        for m in &self.marks.list {
            if let Some(e) = t.event_ix(&m.event) {
                self.marked[e] = true;
            }
        }
        if self.filter.marked.is_some() {
            self.filter.marked = Some(self.marked_events());
        }
    }

    /// The marks changed: which events are marked, and what shows.
    fn marks_changed(&mut self) {
        self.remark();
        if self.filter.marked.is_some() {
            self.refilter(None);
        }
        self.doc_key = None;
    }

    /// The marked events that are in the timeline, in date order.
    pub(super) fn marked_events(&self) -> Vec<EventIx> {
        (0..self.marked.len()).filter(|&e| self.marked[e]).collect()
    }

    /// Marks whose events the timeline no longer has, by id.
    pub(super) fn gone_marks(&self) -> Vec<&str> {
        self.marks
            .list
            .iter()
            .filter(|m| self.timeline.event_ix(&m.event).is_none())
            .map(|m| m.event.as_str())
            .collect()
    }

    fn save_marks(&self) -> Option<Effect> {
        let (file, paths) = self.marks_file.as_ref()?;
        Some(Effect::SaveMarks {
            file: file.clone(),
            marks: self.marks.clone(),
            paths: paths.clone(),
        })
    }

    pub(super) fn toggle_mark(&mut self) -> Option<Effect> {
        let Some(e) = self.selected_event() else {
            self.banner = Some("No event to mark".into());
            return None;
        };
        let id = self.timeline.events[e].id.clone();
        let had_note = self.marks.note(&id).is_some();
        let now = self.marks.toggle(&id);
        self.marks_changed();
        let n = self.marked.iter().filter(|&&m| m).count();
        self.banner = Some(match (now, had_note) {
            (true, _) => format!("Marked · {n} marked"),
            (false, true) => format!("Unmarked, and its note removed · {n} marked"),
            (false, false) => format!("Unmarked · {n} marked"),
        });
        self.save_marks()
    }

    /// The next (or previous) marked event among those shown, wrapping.
    pub(super) fn step_mark(&mut self, forward: bool) {
        let shown = &self.filtered.events;
        let marked: Vec<usize> = (0..shown.len())
            .filter(|&p| self.is_marked(shown[p]))
            .collect();
        let next = if forward {
            marked.iter().find(|&&p| p > self.cursor).or(marked.first())
        } else {
            marked
                .iter()
                .rev()
                .find(|&&p| p < self.cursor)
                .or(marked.last())
        };
        match next {
            Some(&p) => self.jump_to(p),
            None => {
                let m = keymap::label(Scope::Global, &Message::ToggleMark);
                self.banner = Some(format!("No marked event shown · {m} marks one"));
            }
        }
    }

    pub(super) fn toggle_marked_only(&mut self) {
        if self.filter.marked.take().is_none() {
            let marked = self.marked_events();
            if marked.is_empty() {
                let m = keymap::label(Scope::Global, &Message::ToggleMark);
                self.banner = Some(format!(
                    "Nothing is marked yet · {m} marks the selected event"
                ));
                return;
            }
            self.filter.marked = Some(marked);
        }
        self.refilter(None);
    }

    pub(super) fn start_note(&mut self) {
        let Some(e) = self.selected_event() else {
            self.banner = Some("No event to write a note on".into());
            return;
        };
        let note = self.note(e).unwrap_or_default().to_string();
        self.mode = Mode::Prompt(PromptState::new(Prompt::Note(e), note));
    }

    /// Enter on the note: kept, the event marked; an empty note removes
    /// the note and keeps the mark.
    pub(super) fn submit_note(&mut self, e: EventIx, text: &str) -> Option<Effect> {
        self.mode = Mode::Browse;
        let id = self.timeline.events.get(e)?.id.clone();
        self.marks.set_note(&id, text);
        self.marks_changed();
        self.banner = Some(if text.trim().is_empty() {
            "Note removed; the event stays marked".into()
        } else {
            "Note kept, and the event marked".into()
        });
        self.save_marks()
    }

    pub(super) fn start_save_tour(&mut self) {
        if self.marked_events().is_empty() {
            let m = keymap::label(Scope::Global, &Message::ToggleMark);
            self.banner = Some(format!(
                "Nothing is marked yet · {m} marks the selected event"
            ));
            return;
        }
        let name = format!("tour-{}.toml", self.today.format("%Y%m%d"));
        let mut p = PromptState::new(Prompt::SaveTour { by_date: true }, name.clone());
        p.suggested = Some(name);
        self.mode = Mode::Prompt(p);
    }

    /// Tab in the tour prompt: date order, or the order of marking.
    pub(super) fn switch_tour_order(&mut self) {
        if let Mode::Prompt(p) = &mut self.mode
            && let Prompt::SaveTour { by_date } = p.kind
        {
            p.kind = Prompt::SaveTour { by_date: !by_date };
        }
    }

    pub(super) fn submit_tour(&mut self, by_date: bool, path: &str) -> Option<Effect> {
        if path.trim().is_empty() {
            if let Mode::Prompt(p) = &mut self.mode {
                p.error = Some("type a file name".into());
            }
            return None;
        }
        let id = format!("marked-{}", self.today.format("%Y%m%d"));
        let text = tour_text(&self.timeline, &self.marks, &id, by_date, self.today);
        self.mode = Mode::Browse;
        Some(Effect::SaveTour {
            path: self.expand_home(path.trim()),
            text,
        })
    }

    pub(super) fn tour_saved(&mut self, result: Result<String, String>) {
        let id = format!("marked-{}", self.today.format("%Y%m%d"));
        self.banner = Some(match result {
            Err(why) if why.contains("already exists") => {
                format!("Tour not saved: {why}; a tour never replaces a file, choose another name")
            }
            Ok(path) => format!(
                "Tour \"{id}\" saved to {path} · present it: chronoscope present --tour {id} <the timeline> {path}"
            ),
            Err(why) => format!("Tour not saved: {why}"),
        });
    }

    pub(super) fn marks_saved(&mut self, result: Result<(), String>) {
        if let Err(why) = result {
            self.banner = Some(format!("Marks not kept: {why}"));
        }
    }
}

/// "2 marked events are gone: a, b (their marks are kept)".
pub fn gone_words(gone: &[&str]) -> String {
    let shown: Vec<String> = gone
        .iter()
        .take(3)
        .map(|g| crate::text::one_line(g))
        .collect();
    let more = gone.len().saturating_sub(3);
    let list = match more {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    };
    match gone.len() {
        1 => format!("a marked event is gone from the timeline: {list} (its mark is kept)"),
        n => format!("{n} marked events are gone from the timeline: {list} (their marks are kept)"),
    }
}

/// A `[[tours]]` entry of the marked events, in date order or in the order
/// they were marked, each note its step's speaker note; marks whose events
/// are gone are left out.
pub fn tour_text(
    t: &Timeline,
    marks: &crate::marks::Marks,
    id: &str,
    by_date: bool,
    today: chrono::NaiveDate,
) -> String {
    let quote = crate::marks::toml_string;
    let mut steps: Vec<(EventIx, &str)> = marks
        .list
        .iter()
        .filter_map(|m| Some((t.event_ix(&m.event)?, m.note.as_str())))
        .collect();
    if by_date {
        steps.sort_by_key(|&(e, _)| e);
    }
    let order = if by_date {
        "in date order"
    } else {
        "in the order they were marked"
    };
    let title = crate::text::one_line(&t.title);
    let mut out = format!(
        "# A tour of {n} marked events of \"{title}\", {order}, saved by chronoscope\n\
         # on {today}. Present it with the timeline it was made from:\n\
         #   chronoscope present --tour {id} <the timeline's paths> <this file>\n\n\
         [[tours]]\nid = {}\ntitle = {}\nsummary = {}\nsteps = [\n",
        quote(id),
        quote(&format!("Marked events of {title}")),
        quote(&format!(
            "{} events marked in the explorer, {order}.",
            steps.len()
        )),
        n = steps.len(),
        today = today.format("%-d %b %Y"),
    );
    for (e, note) in steps {
        let event = quote(&t.events[e].id);
        if note.is_empty() {
            out.push_str(&format!("  {{ event = {event} }},\n"));
        } else {
            out.push_str(&format!(
                "  {{ event = {event}, note = {} }},\n",
                quote(&crate::text::one_line(note))
            ));
        }
    }
    out.push_str("]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{app, selected_id, type_text};
    use super::*;

    fn marked_ids(app: &App) -> Vec<String> {
        app.marks.list.iter().map(|m| m.event.clone()).collect()
    }

    #[test]
    fn m_marks_and_unmarks_and_every_change_is_kept() {
        let mut app = app();
        app.marks_file = Some(("/state/m.toml".into(), vec![]));
        let first = selected_id(&app).to_string();
        let effect = app.update(Message::ToggleMark);
        assert!(
            matches!(&effect, Some(Effect::SaveMarks { marks, .. }) if marks.is_marked(&first)),
            "{effect:?}"
        );
        assert!(app.is_marked(app.selected_event().unwrap()));
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        app.update(Message::ToggleMark);
        assert_eq!(marked_ids(&app).len(), 2);
        // Unmarking is kept too.
        let effect = app.update(Message::ToggleMark);
        assert!(matches!(effect, Some(Effect::SaveMarks { .. })));
        assert_eq!(marked_ids(&app), [first]);
        // Without a marks file, nothing is written.
        app.marks_file = None;
        assert_eq!(app.update(Message::ToggleMark), None);
    }

    #[test]
    fn u_and_shift_u_go_round_the_marks_and_star_shows_only_them() {
        let mut app = app();
        for _ in 0..3 {
            app.update(Message::ToggleMark);
            app.update(Message::MoveDown);
            app.update(Message::MoveDown);
        }
        app.update(Message::MoveFirst);
        app.update(Message::NextMark);
        assert_eq!(app.cursor, 2);
        app.update(Message::NextMark);
        assert_eq!(app.cursor, 4);
        app.update(Message::NextMark);
        assert_eq!(app.cursor, 0, "round to the first");
        app.update(Message::PrevMark);
        assert_eq!(app.cursor, 4);
        app.update(Message::ToggleMarkedOnly);
        assert_eq!(app.filtered.events.len(), 3);
        let said = crate::query::describe(&app.timeline, &app.filter, &app.filtered);
        assert!(said.iter().any(|s| s == "★ marked (3)"), "{said:?}");
        // Unmarking one while only marked events show takes it away.
        app.update(Message::MoveFirst);
        app.update(Message::ToggleMark);
        assert_eq!(app.filtered.events.len(), 2);
        app.update(Message::ClearFilters);
        assert_eq!(app.filtered.events.len(), 12, "c clears it with the rest");
        assert_eq!(app.marks.list.len(), 2, "and keeps the marks");
    }

    #[test]
    fn a_note_marks_the_event_and_shows_in_the_details() {
        let mut app = app();
        app.update(Message::StartNote);
        type_text(&mut app, "Check the toll with the desk");
        let effect = app.update(Message::SubmitInput);
        assert_eq!(app.mode, Mode::Browse);
        assert!(effect.is_none(), "no marks file in this test");
        let e = app.selected_event().unwrap();
        assert!(app.is_marked(e));
        assert_eq!(app.note(e), Some("Check the toll with the desk"));
        app.lay_out_details();
        let text: String = app
            .doc
            .lines
            .iter()
            .flat_map(|l| l.iter().map(|(_, s)| s.as_str()))
            .collect();
        assert!(
            text.contains("your note:") && text.contains("Check the toll"),
            "{text}"
        );
        // The prompt opens on the note; emptied, the note goes, the mark stays.
        app.update(Message::StartNote);
        let Mode::Prompt(p) = &app.mode else { panic!() };
        assert_eq!(p.input, "Check the toll with the desk");
        app.update(Message::ClearInput);
        app.update(Message::SubmitInput);
        assert!(app.is_marked(e) && app.note(e).is_none());
    }

    #[test]
    fn the_marks_become_a_tour_that_loads_with_the_timeline() {
        let mut app = app();
        app.update(Message::MoveLast);
        app.update(Message::ToggleMark);
        app.update(Message::StartNote);
        type_text(&mut app, "Last \"first\"");
        app.update(Message::SubmitInput);
        app.update(Message::MoveFirst);
        app.update(Message::ToggleMark);
        app.update(Message::StartSaveTour);
        let Mode::Prompt(p) = &app.mode else { panic!() };
        assert_eq!(p.input, "tour-20240131.toml");
        let Some(Effect::SaveTour { path, text }) = app.update(Message::SubmitInput) else {
            panic!("a tour to save")
        };
        assert_eq!(path, std::path::PathBuf::from("tour-20240131.toml"));
        let both = format!("{}\n{text}", super::super::testing::FIXTURE);
        let l = crate::load::from_str("t.toml", &both);
        assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
        let tour = l.timeline.tour("marked-20240131").expect("the tour");
        let ids: Vec<&str> = tour
            .steps
            .iter()
            .map(|s| l.timeline.events[s.event].id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["2007-12-ttp-founded", "2024-03-strikes"],
            "date order"
        );
        assert_eq!(tour.steps[1].note, "Last \"first\"");
        // Tab: the order they were marked in.
        app.update(Message::StartSaveTour);
        app.update(Message::NextFormat);
        let Some(Effect::SaveTour { text, .. }) = app.update(Message::SubmitInput) else {
            panic!()
        };
        let l = crate::load::from_str(
            "t.toml",
            &format!("{}\n{text}", super::super::testing::FIXTURE),
        );
        let tour = l.timeline.tour("marked-20240131").unwrap();
        assert_eq!(l.timeline.events[tour.steps[0].event].id, "2024-03-strikes");
    }

    #[test]
    fn a_mark_on_an_event_that_went_is_kept_and_reported_on_reload() {
        let mut app = app();
        app.update(Message::MoveLast);
        app.update(Message::ToggleMark);
        let gone = selected_id(&app).to_string();
        let text =
            super::super::testing::FIXTURE.replace(&format!("id = \"{gone}\""), "id = \"renamed\"");
        app.update(Message::Reloaded(Box::new(super::super::ReloadOutcome {
            outcome: Ok(super::super::testing::timeline_of(&text)),
            index: None,
            watching: super::super::WatchStatus::Off,
        })));
        let said = app.banner.clone().unwrap_or_default();
        assert!(
            said.contains("a marked event is gone") && said.contains(&gone),
            "{said}"
        );
        assert!(app.marks.is_marked(&gone), "kept");
        assert!(!app.marked.iter().any(|&m| m));
    }
}
