//! Presentation mode: one event a slide, walked in order, with speaker
//! notes and an overview to jump from. The deck is either the explorer's
//! filtered view or a tour from the timeline files. A slide never loses
//! content silently: `slide` lays it out, and `j`/`k` (or the wheel)
//! scroll what does not fit.

use super::slide::{SlideLayout, lay_out};
use super::{App, Message, Mode, Pane, Subject};
use crate::model::{EventIx, Timeline};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub event: EventIx,
    /// The tour step's speaker note; empty outside tours.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    /// The tour's title, or a description of the filtered view.
    pub title: String,
    pub slides: Vec<Slide>,
    pub at: usize,
    pub notes: bool,
    /// The overview's cursor while the overview is open.
    pub overview: Option<usize>,
    /// How far the current slide's body is scrolled.
    pub scroll: usize,
    pub layout: SlideLayout,
}

impl Deck {
    /// A deck of the given events, starting at `start` when it is among them.
    pub fn of_events(title: String, events: &[EventIx], start: Option<EventIx>) -> Deck {
        let at = start
            .and_then(|s| events.iter().position(|&e| e == s))
            .unwrap_or(0);
        Deck {
            title,
            slides: events
                .iter()
                .map(|&event| Slide {
                    event,
                    note: String::new(),
                })
                .collect(),
            at,
            notes: false,
            overview: None,
            scroll: 0,
            layout: SlideLayout::default(),
        }
    }

    /// A deck walking a tour in its own order, notes shown.
    pub fn of_tour(t: &Timeline, id: &str) -> Option<Deck> {
        let tour = t.tour(id)?;
        let mut deck = Deck::of_events(tour.title.clone(), &[], None);
        deck.slides = tour
            .steps
            .iter()
            .map(|s| Slide {
                event: s.event,
                note: s.note.clone(),
            })
            .collect();
        deck.notes = true;
        Some(deck)
    }

    pub fn current(&self) -> Option<&Slide> {
        self.slides.get(self.at)
    }

    /// Body lines below the ones on screen.
    pub fn lines_below(&self) -> usize {
        self.layout
            .body
            .len()
            .saturating_sub(self.scroll + self.layout.visible)
    }

    fn go(&mut self, at: usize) {
        if at != self.at {
            self.at = at;
            self.scroll = 0;
        }
    }
}

impl App {
    /// Opens presentation mode on the filtered view, from the selected event.
    pub(super) fn start_present(&mut self) {
        if self.filtered.events.is_empty() {
            self.banner = Some("Nothing to present: no event is shown".into());
            return;
        }
        let filters = crate::query::describe(&self.timeline, &self.filter, &self.filtered);
        let title = if filters.is_empty() {
            self.timeline.title.clone()
        } else {
            format!("{} · {}", self.timeline.title, filters.join(" · "))
        };
        let start = self.subject_event().or(self.selected_event());
        self.mode = Mode::Present(Deck::of_events(title, &self.filtered.events, start));
        self.clamp_slide();
    }

    /// Lays the current slide out for the screen and keeps its scroll within it.
    pub(super) fn clamp_slide(&mut self) {
        let (w, h) = self.size;
        let Mode::Present(deck) = &mut self.mode else {
            return;
        };
        deck.at = deck.at.min(deck.slides.len().saturating_sub(1));
        deck.layout = lay_out(&self.timeline, deck, w, h);
        let last = deck.layout.body.len().saturating_sub(deck.layout.visible);
        deck.scroll = deck.scroll.min(last);
    }

    /// Leaves presentation mode with the current slide's event selected.
    fn exit_present(&mut self) {
        let event = match &self.mode {
            Mode::Present(deck) => deck.current().map(|s| s.event),
            _ => None,
        };
        self.mode = Mode::Browse;
        self.focus_pane(Pane::Events);
        if let Some(e) = event {
            self.history.clear();
            self.follow(Subject::Event(e));
        }
    }

    pub(super) fn on_present(&mut self, msg: Message) {
        match msg {
            Message::ExitPresent => {
                if let Mode::Present(deck) = &mut self.mode
                    && deck.overview.is_some()
                {
                    deck.overview = None;
                } else {
                    self.exit_present();
                }
                return;
            }
            Message::ToggleHelp => {
                self.open_help();
                return;
            }
            _ => {}
        }
        let Mode::Present(deck) = &mut self.mode else {
            return;
        };
        let last = deck.slides.len().saturating_sub(1);
        if let Some(cursor) = &mut deck.overview {
            match msg {
                Message::MoveDown | Message::NextSlide => *cursor = (*cursor + 1).min(last),
                Message::MoveUp | Message::PrevSlide => *cursor = cursor.saturating_sub(1),
                Message::FirstSlide => *cursor = 0,
                Message::LastSlide => *cursor = last,
                Message::OpenSelected => {
                    let at = *cursor;
                    deck.go(at);
                    deck.overview = None;
                }
                Message::ToggleOverview => deck.overview = None,
                _ => {}
            }
            self.clamp_slide();
            return;
        }
        match msg {
            Message::NextSlide => {
                if deck.at == last {
                    self.banner = Some("Last slide: End of the deck".into());
                } else {
                    deck.go(deck.at + 1);
                }
            }
            Message::PrevSlide => {
                if deck.at == 0 {
                    self.banner = Some("First slide".into());
                } else {
                    deck.go(deck.at - 1);
                }
            }
            Message::FirstSlide => deck.go(0),
            Message::LastSlide => deck.go(last),
            Message::ToggleNotes => deck.notes = !deck.notes,
            Message::ToggleOverview => deck.overview = Some(deck.at),
            Message::MoveDown => deck.scroll += 1,
            Message::MoveUp => deck.scroll = deck.scroll.saturating_sub(1),
            Message::Scroll { down, .. } => {
                deck.scroll = if down {
                    deck.scroll + 3
                } else {
                    deck.scroll.saturating_sub(3)
                }
            }
            _ => {}
        }
        self.clamp_slide();
    }
}

#[cfg(test)]
mod tests {
    use super::super::slide::DateSize;
    use super::super::testing::{app, selected_id};
    use super::*;

    fn deck(app: &App) -> &Deck {
        match &app.mode {
            Mode::Present(d) => d,
            other => panic!("not presenting: {other:?}"),
        }
    }

    #[test]
    fn presenting_the_filtered_view_from_the_selected_event() {
        let mut app = app();
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        let id = selected_id(&app).to_string();
        app.update(Message::StartPresent);
        assert_eq!(deck(&app).at, 2);
        app.update(Message::NextSlide);
        app.update(Message::PrevSlide);
        app.update(Message::PrevSlide);
        app.update(Message::ExitPresent);
        assert_eq!(app.mode, Mode::Browse);
        assert_ne!(selected_id(&app), id);
    }

    #[test]
    fn the_overview_jumps_to_a_slide() {
        let mut app = app();
        app.update(Message::StartPresent);
        app.update(Message::ToggleOverview);
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        app.update(Message::OpenSelected);
        assert_eq!(deck(&app).at, 2);
        assert_eq!(deck(&app).overview, None);
    }

    #[test]
    fn a_tall_slide_shrinks_its_date_before_it_scrolls() {
        let mut app = app();
        app.update(Message::StartPresent);
        app.update(Message::Resize(200, 60));
        assert_eq!(deck(&app).layout.date, DateSize::Full);
        for h in 8..60 {
            app.update(Message::Resize(80, h));
            let d = deck(&app);
            if d.lines_below() > 0 {
                assert_eq!(d.layout.date, DateSize::Line, "at 80×{h}");
            }
        }
        app.update(Message::Resize(44, 10));
        let below = deck(&app).lines_below();
        assert!(below > 0);
        for _ in 0..below + 5 {
            app.update(Message::MoveDown);
        }
        assert_eq!(deck(&app).lines_below(), 0);
        assert_eq!(deck(&app).scroll, below);
        app.update(Message::NextSlide);
        assert_eq!(deck(&app).scroll, 0, "a new slide starts at its top");
    }

    #[test]
    fn nothing_to_present_says_so() {
        let mut app = app();
        app.update(Message::StartSearch);
        super::super::testing::type_text(&mut app, "zzzzzz");
        app.update(Message::SubmitInput);
        app.update(Message::StartPresent);
        assert_eq!(app.mode, Mode::Browse);
        assert!(
            app.banner
                .as_deref()
                .unwrap()
                .contains("Nothing to present")
        );
    }
}
