//! Weighing sources in the explorer: the contested and weakly sourced
//! switches, the sources prompt (a grade, a stance, by an actor), and the
//! view "as known on" a day, which swaps the shown timeline for what was
//! on the record then and keeps the whole one to return to.

use super::{App, Effect, Mode, Pane, Prompt, PromptState, Subject};
use crate::model::{EventDate, Timeline};
use crate::query;

impl App {
    pub(super) fn toggle_contested(&mut self) {
        self.filter.contested = !self.filter.contested;
        self.banner = Some(if self.filter.contested {
            "Only contested events: claims on both sides (≠)".into()
        } else {
            "Contested or not, every event".into()
        });
        self.refilter(None);
    }

    pub(super) fn toggle_weakly_sourced(&mut self) {
        self.filter.weakly_sourced = !self.filter.weakly_sourced;
        self.banner = Some(if self.filter.weakly_sourced {
            "Only weakly sourced events: every source graded D–F, ungraded or without an address"
                .into()
        } else {
            "However sourced, every event".into()
        });
        self.refilter(None);
    }

    pub(super) fn start_sources(&mut self) {
        // What is set, read back, with room to type the next word.
        let mut input = query::sources_text(&self.timeline, &self.filter);
        if !input.is_empty() {
            input.push(' ');
        }
        self.mode = Mode::Prompt(PromptState::new(Prompt::Sources, input));
    }

    pub(super) fn start_as_of(&mut self) {
        let input = self
            .timeline
            .known_on
            .map(|k| k.day.to_edtf())
            .unwrap_or_default();
        self.mode = Mode::Prompt(PromptState::new(Prompt::AsOf, input));
    }

    /// The sources prompt's words, on Enter.
    pub(super) fn apply_sources(&mut self, text: &str) -> Result<(), String> {
        let mut f = self.filter.clone();
        query::parse_sources(&self.timeline, text, &mut f)?;
        self.filter = f;
        self.refilter(None);
        Ok(())
    }

    /// The as-of prompt's day, on Enter; empty returns to the whole timeline.
    pub(super) fn apply_as_of(&mut self, text: &str) -> Result<(), String> {
        let day = match text.trim() {
            "" => None,
            s => Some(EventDate::parse(s).map_err(|e| e.to_string())?),
        };
        self.show_known_on(day);
        Ok(())
    }

    /// Shows the timeline as known on `day`, or whole for `None`.
    pub(super) fn show_known_on(&mut self, day: Option<EventDate>) {
        if day.is_none() && self.full.is_none() {
            return;
        }
        let full = self.full.take().unwrap_or_else(|| self.timeline.clone());
        let view = match day {
            Some(d) => {
                let view = full.as_known_on(d);
                self.full = Some(full);
                view
            }
            None => full,
        };
        self.take_timeline(view, None);
        self.banner = Some(match query::known_on(&self.timeline) {
            Some(words) => format!("The chronology {words}"),
            None => "The whole chronology, as known today".into(),
        });
    }

    /// `y`: a citation of the event the details show — of the source whose
    /// address is selected in the details pane, else of its first source —
    /// to the clipboard, and on screen, where it can be selected when the
    /// terminal does not take OSC 52.
    pub(super) fn copy_citation(&mut self) -> Option<Effect> {
        let Some(Subject::Event(ix)) = self.subject() else {
            self.banner = Some("Select an event to cite".into());
            return None;
        };
        let e = &self.timeline.events[ix];
        let chosen = match self.pane {
            Pane::Details => self.doc.links.get(self.link).and_then(|l| l.source),
            _ => None,
        };
        let source = chosen.or((!e.sources.is_empty()).then_some(0));
        let text = crate::export::cite(e, source.and_then(|i| e.sources.get(i)));
        let banner = format!("Copied: {text}");
        // Whole on the bottom line when it fits; else whole in a box.
        if crate::fit::width(&banner) <= usize::from(self.size.0) {
            self.banner = Some(banner);
        } else {
            let text = text.clone();
            self.open_overlay(|behind| Mode::Copied { text, behind });
        }
        Some(Effect::Copy(text))
    }

    /// `o`: the selected source's address, to the system's opener — only
    /// an address shown whole (the selected one) and only one `Source::link`
    /// accepts, so what opens is what the person read.
    pub(super) fn open_source(&mut self) -> Option<Effect> {
        let source = match (self.pane, self.subject()) {
            (Pane::Details, Some(Subject::Event(ix))) => self
                .doc
                .links
                .get(self.link)
                .and_then(|l| l.source)
                .and_then(|i| self.timeline.events[ix].sources.get(i)),
            _ => None,
        };
        let Some(source) = source else {
            self.banner = Some(format!(
                "Select a source's address first: {} moves to it",
                super::keymap::label(super::keymap::Scope::Details, &super::Message::NextLink)
            ));
            return None;
        };
        match source.link() {
            Some(url) => {
                self.banner = Some(format!("Opening {url}"));
                Some(Effect::Open(url.to_string()))
            }
            None => {
                self.banner = Some("Not opened: only plain http and https addresses are".into());
                None
            }
        }
    }

    /// A timeline read again from disk, seen as known on the same day as
    /// the one it replaces.
    pub(super) fn as_seen(&mut self, whole: Timeline) -> Timeline {
        match self.timeline.known_on {
            Some(k) => {
                let view = whole.as_known_on(k.day);
                if let Some(old) = self.full.replace(whole) {
                    super::reload::aside(old);
                }
                view
            }
            None => whole,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{app, type_text};
    use super::super::{Effect, Message, Mode};

    #[test]
    fn contested_and_weak_switch_on_and_off_and_clear_goes_back() {
        let mut app = app();
        let all = app.filtered.events.len();
        app.update(Message::ToggleContested);
        let contested = app.filtered.events.len();
        assert!(contested < all && contested > 0, "{contested} of {all}");
        assert!(
            app.filtered
                .events
                .iter()
                .all(|&e| app.timeline.events[e].has_conflict())
        );
        assert_eq!(app.filtered.by_sources.contested, all - contested);
        app.update(Message::ToggleContested);
        assert_eq!(app.filtered.events.len(), all);
        app.update(Message::ToggleWeaklySourced);
        assert!(
            app.filtered
                .events
                .iter()
                .all(|&e| app.timeline.events[e].is_weakly_sourced())
        );
        app.update(Message::ClearFilters);
        assert_eq!(app.filtered.events.len(), all);
    }

    #[test]
    fn the_sources_prompt_takes_a_grade_a_stance_and_an_actor() {
        let mut app = app();
        app.update(Message::StartSources);
        type_text(&mut app, "denies by taliban");
        app.update(Message::SubmitInput);
        assert_eq!(app.mode, Mode::Browse);
        let c = app.filter.claim.expect("a claim filter");
        assert_eq!(c.by, app.timeline.actor_ix("taliban"));
        assert!(!app.filtered.events.is_empty());
        app.update(Message::StartSources);
        let Mode::Prompt(p) = &app.mode else { panic!() };
        assert_eq!(
            p.input, "denies by taliban ",
            "the prompt reads the filter back, with room for a word"
        );
        type_text(&mut app, "B2");
        app.update(Message::SubmitInput);
        assert_eq!(
            app.mode,
            Mode::Browse,
            "a word after the actor's name is its own"
        );
        assert_eq!(app.filter.claim, Some(c));
        assert_eq!(
            app.filter.min_grade.map(|g| g.to_string()).as_deref(),
            Some("B2")
        );
        app.update(Message::StartSources);
        app.update(Message::ClearInput);
        type_text(&mut app, "B9");
        app.update(Message::SubmitInput);
        assert!(matches!(&app.mode, Mode::Prompt(p) if p.error.is_some()));
        app.update(Message::ClearInput);
        app.update(Message::SubmitInput);
        assert_eq!(app.filter.claim, None, "empty clears");
    }

    #[test]
    fn a_citation_is_copied_and_shown_whole() {
        let mut app = app();
        app.update(Message::StartJump);
        type_text(&mut app, "2014-12-16");
        app.update(Message::SubmitInput);
        let want = "Army Public School attack in Peshawar (16 Dec 2014). Dawn, ‘Massacre at school’, \
                    17 Dec 2014, https://www.dawn.com/news/1151361";
        app.update(Message::Resize(300, 40));
        assert_eq!(
            app.update(Message::CopyCitation),
            Some(Effect::Copy(want.into()))
        );
        assert_eq!(app.banner(), Some(format!("Copied: {want}").as_str()));
        // Too long for the bottom line: whole, in a box, until Esc.
        app.update(Message::Resize(80, 24));
        assert_eq!(
            app.update(Message::CopyCitation),
            Some(Effect::Copy(want.into()))
        );
        assert!(matches!(&app.mode, Mode::Copied { text, .. } if text == want));
        app.update(Message::CancelInput);
        assert_eq!(app.mode, Mode::Browse);
    }

    #[test]
    fn as_known_on_a_day_swaps_the_timeline_and_back() {
        let mut app = app();
        let all = app.timeline.events.len();
        app.update(Message::StartAsOf);
        type_text(&mut app, "2014-12-17");
        app.update(Message::SubmitInput);
        assert_eq!(app.mode, Mode::Browse);
        let known = app.timeline.known_on.expect("a view as known on a day");
        assert!(app.timeline.events.len() < all);
        assert!(app.timeline.events.iter().all(|e| {
            e.sources
                .iter()
                .all(|s| s.date.is_some_and(|d| d.last_day() <= known.day.last_day()))
        }));
        app.update(Message::ClearFilters);
        assert_eq!(
            app.timeline.events.len(),
            all,
            "c returns to the whole chronology"
        );
        assert_eq!(app.timeline.known_on, None);
    }
}
