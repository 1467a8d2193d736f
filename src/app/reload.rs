//! Live reload: when a timeline file changes on disk the explorer takes the
//! new timeline and keeps what the person chose — filters, search, the
//! selected event, the slides being presented — by id, since indices change
//! with the files. A broken edit leaves the last good timeline on screen,
//! and the header keeps saying so until the files load again.

use super::{App, Mode, ReloadOutcome};
use crate::model::Timeline;
use crate::query::{Filtered, Index};

impl App {
    /// The problems overlay's rows at the present size: each problem of the
    /// files on disk wrapped to the box, its first row marked `true` (drawn
    /// with a bullet). `update` scrolls over these rows, `draw` shows them.
    pub fn problem_rows(&self) -> Vec<(bool, String)> {
        let width = super::layout::inner_width(super::layout::overlay(self.size.0, self.size.1))
            .saturating_sub(2);
        let Some(broken) = &self.live.broken else {
            return Vec::new();
        };
        broken
            .problems
            .iter()
            .flat_map(|p| {
                crate::fit::wrap(p, width)
                    .into_iter()
                    .enumerate()
                    .map(|(i, row)| (i == 0, row))
            })
            .collect()
    }

    /// Takes the outcome of reading the files again.
    pub(super) fn reloaded(&mut self, r: ReloadOutcome) {
        self.live.reloading = false;
        self.live.stalled = false;
        self.live.watch = r.watching;
        // The index fits the timeline as read, not a view of it.
        let index = r.index.filter(|_| self.timeline.known_on.is_none());
        let timeline = match r.outcome {
            Ok(t) => t,
            Err(broken) => {
                let first = broken.problems.first().cloned().unwrap_or_default();
                let more = match broken.problems.len() {
                    0 | 1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                self.banner = Some(format!(
                    "Not reloaded: {first}{more} · the last good timeline stays"
                ));
                self.live.broken = Some(broken);
                return;
            }
        };
        self.live.broken = None;
        let timeline = self.as_seen(timeline);
        self.take_timeline(timeline, index);
        let mut said = format!("Reloaded: {} events", self.timeline.events.len());
        let gone = self.gone_marks();
        if !gone.is_empty() {
            said.push_str(&format!(" · {}", super::marks::gone_words(&gone)));
        }
        self.banner = Some(said);
    }

    /// Shows `timeline` instead, with its `index` when one was made.
    pub(super) fn take_timeline(&mut self, timeline: Timeline, index: Option<Index>) {
        let old = &self.timeline;
        let actors: Vec<String> = self
            .filter
            .actors
            .iter()
            .filter_map(|&a| old.actors.get(a).map(|a| a.id.clone()))
            .collect();
        let tags: Vec<String> = self
            .filter
            .tags
            .iter()
            .filter_map(|&t| old.tags.get(t).cloned())
            .collect();
        let places: Vec<String> = self
            .filter
            .places
            .iter()
            .filter_map(|&p| old.places.get(p).map(|p| p.id.clone()))
            .collect();
        let selected = self
            .selected_event()
            .and_then(|e| old.events.get(e))
            .map(|e| (e.id.clone(), e.date));
        self.filter.actors = actors
            .iter()
            .filter_map(|id| timeline.actor_ix(id))
            .collect();
        self.filter.actors.sort_unstable();
        self.filter.tags = tags.iter().filter_map(|t| timeline.tag_ix(t)).collect();
        self.filter.tags.sort_unstable();
        self.filter.places = places
            .iter()
            .filter_map(|id| timeline.place_ix(id))
            .collect();
        self.filter.places.sort_unstable();
        let index = index.unwrap_or_else(|| Index::build(&timeline));
        let old_index = std::mem::replace(&mut self.index, index);
        let old = std::mem::replace(&mut self.timeline, timeline);
        self.remark();
        self.rebadge();
        // Indices into the old timeline go: links, history, the lanes.
        self.history.clear();
        self.details_override = None;
        self.doc_key = None;
        self.link = 0;
        self.details_top = 0;
        self.lanes_return = None;
        self.remap_mode(&old);
        aside((old, old_index));
        self.filtered = Filtered::default();
        self.cursor = 0;
        self.entry_cursor = 0;
        self.refilter(None);
        if let Some((id, date)) = selected {
            let t = &self.timeline;
            let shown = &self.filtered.events;
            // The same event, else the first shown on or after its date.
            let pos = t
                .event_ix(&id)
                .and_then(|e| shown.iter().position(|&x| x == e))
                .unwrap_or_else(|| shown.partition_point(|&x| t.events[x].date < date));
            self.select_event_pos(pos.min(shown.len().saturating_sub(1)));
        }
        if let Mode::Lanes(_) = self.mode {
            self.open_lanes();
        }
        if let Mode::Publishers(_) = self.mode {
            self.open_publishers();
        }
        if let Mode::Map(_) = self.mode {
            self.mode = Mode::Browse;
            self.open_map();
        }
        self.clamp_slide();
    }

    /// Slides keep their events by id; slides whose event is gone are
    /// dropped. Overlays keep what is behind them, remapped the same way.
    fn remap_mode(&mut self, old: &Timeline) {
        let mode = std::mem::replace(&mut self.mode, Mode::Browse);
        self.mode = remap(mode, old, &self.timeline);
        match &self.mode {
            Mode::Present(deck) if deck.is_empty() => self.mode = Mode::Browse,
            // The room's screen is sent the deck again.
            Mode::Present(_) => self.decks += 1,
            _ => {}
        }
    }
}

/// Frees what the explorer no longer shows on a thread of its own: at
/// 100,000 events, giving back the old timeline one allocation at a time
/// would hold the screen for a third of a second.
pub(super) fn aside<T: Send + 'static>(old: T) {
    let spawned = std::thread::Builder::new()
        .name("chronoscope-free".into())
        .spawn(move || drop(old));
    // Without a thread, the old timeline is freed here, as before.
    drop(spawned);
}

/// `mode` with its events moved from `old` to `new`, by id.
fn remap(mode: Mode, old: &Timeline, new: &Timeline) -> Mode {
    let moved = |e: usize| old.events.get(e).and_then(|e| new.event_ix(&e.id));
    match mode {
        Mode::Present(mut deck) => {
            let current = deck.current().map(|s| s.event);
            deck.slides.retain_mut(|s| match moved(s.event) {
                Some(ix) => {
                    s.event = ix;
                    true
                }
                None => false,
            });
            if let Some(at) = current
                .and_then(moved)
                .and_then(|ix| deck.position_of_event(ix))
            {
                deck.at = at;
            }
            deck.refit();
            Mode::Present(deck)
        }
        Mode::Help { scroll, behind } => Mode::Help {
            scroll,
            behind: Box::new(remap(*behind, old, new)),
        },
        Mode::Problems { scroll, behind } => Mode::Problems {
            scroll,
            behind: Box::new(remap(*behind, old, new)),
        },
        Mode::FilterInFull { behind } => Mode::FilterInFull {
            behind: Box::new(remap(*behind, old, new)),
        },
        Mode::Copied { text, behind } => Mode::Copied {
            text,
            behind: Box::new(remap(*behind, old, new)),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{FIXTURE, app, selected_id, timeline_of, type_text};
    use super::super::{Broken, Message, WatchStatus};
    use super::*;

    fn reload(app: &mut App, outcome: Result<Timeline, Broken>) {
        app.update(Message::Reloaded(Box::new(ReloadOutcome {
            outcome,
            index: None,
            watching: WatchStatus::Watching(1),
        })));
    }

    #[test]
    fn a_reload_keeps_the_filters_search_and_selection_by_id() {
        let mut app = app();
        app.update(Message::StartSearch);
        type_text(&mut app, "kabul");
        app.update(Message::SubmitInput);
        app.update(Message::MoveDown);
        let id = selected_id(&app).to_string();
        let edited = FIXTURE.replacen(
            "[[events]]",
            "[[events]]\nid = \"1990-new\"\ndate = \"1990\"\ntitle = \"New\"\n\
             summary = \"s\"\nactors = [\"ttp\"]\n[[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n\n\
             [[events]]",
            1,
        );
        reload(&mut app, Ok(timeline_of(&edited)));
        assert_eq!(app.filter.search, "kabul");
        assert_eq!(selected_id(&app), id);
        assert_eq!(app.timeline.events.len(), 13);
        assert!(app.banner.as_deref().unwrap().starts_with("Reloaded"));
    }

    #[test]
    fn a_broken_reload_keeps_the_last_good_timeline_and_the_mark_stays() {
        let mut app = app();
        reload(
            &mut app,
            Err(Broken::one("timeline.toml:12:5: invalid TOML")),
        );
        assert_eq!(app.timeline.events.len(), 12);
        assert_eq!(
            app.banner.as_deref(),
            Some("Not reloaded: timeline.toml:12:5: invalid TOML · the last good timeline stays")
        );
        app.update(Message::MoveDown);
        assert!(app.banner.is_none());
        assert!(app.live.broken.is_some(), "the mark outlives the banner");
        app.update(Message::ToggleProblems);
        assert!(matches!(app.mode, Mode::Problems { .. }));
        app.update(Message::ToggleProblems);
        reload(&mut app, Ok(timeline_of(FIXTURE)));
        assert!(app.live.broken.is_none());
    }

    #[test]
    fn a_reload_never_leaves_presenting_and_keeps_the_slide() {
        let mut app = app();
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        app.update(Message::StartPresent);
        let Mode::Present(before) = &app.mode else {
            panic!()
        };
        let on = app.timeline.events[before.slides[before.at].event]
            .id
            .clone();
        let edited = FIXTURE.replacen(
            "[[events]]",
            "[[events]]\nid = \"1990-new\"\ndate = \"1990\"\ntitle = \"New\"\n\
             summary = \"s\"\n[[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n\n[[events]]",
            1,
        );
        reload(&mut app, Ok(timeline_of(&edited)));
        let Mode::Present(after) = &app.mode else {
            panic!("left presenting: {:?}", app.mode)
        };
        assert_eq!(app.timeline.events[after.slides[after.at].event].id, on);
    }

    #[test]
    fn the_problems_overlay_scrolls_to_the_last_row_of_long_problems() {
        let mut app = app();
        app.update(Message::Resize(80, 24));
        let long = "timeline.toml:3:1: unknown actor \"x\" ".repeat(12);
        let problems: Vec<String> = (0..8).map(|i| format!("{i}: {long}")).collect();
        reload(&mut app, Err(Broken { problems }));
        app.update(Message::ToggleProblems);
        let rows = app.problem_rows();
        assert!(
            rows.len() > 8 * 4,
            "each problem wraps: {} rows",
            rows.len()
        );
        assert_eq!(rows.iter().filter(|(first, _)| *first).count(), 8);
        app.update(Message::MoveLast);
        let Mode::Problems { scroll, .. } = app.mode else {
            panic!("{:?}", app.mode)
        };
        let height = super::super::layout::overlay_height(24);
        assert_eq!(scroll + height, 2 + rows.len(), "the last row is in view");
    }
}
