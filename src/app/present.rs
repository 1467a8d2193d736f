//! Presentation mode: one event a slide, walked in order, with speaker
//! notes and an overview to jump from. The deck is either the explorer's
//! filtered view or a tour from the timeline files.

use super::{App, Focus, Message, Mode, Pane};
use crate::model::{EventIx, Timeline};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub event: EventIx,
    /// The tour step's speaker note; empty outside tours.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    /// The tour's title, or a description of the filtered view.
    pub title: String,
    pub slides: Vec<Slide>,
    pub at: usize,
    pub notes: bool,
    /// The overview's cursor while the overview is open.
    pub overview: Option<usize>,
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
        }
    }

    /// A deck walking a tour in its own order, notes shown.
    pub fn of_tour(t: &Timeline, id: &str) -> Option<Deck> {
        let tour = t.tour(id)?;
        Some(Deck {
            title: tour.title.clone(),
            slides: tour
                .steps
                .iter()
                .map(|s| Slide {
                    event: s.event,
                    note: s.note.clone(),
                })
                .collect(),
            at: 0,
            notes: true,
            overview: None,
        })
    }

    pub fn current(&self) -> Option<&Slide> {
        self.slides.get(self.at)
    }
}

impl App {
    /// Opens presentation mode on the filtered view, from the selected event.
    pub(super) fn start_present(&mut self) {
        if self.filtered.events.is_empty() {
            self.banner = Some("Nothing to present: no event is shown".into());
            return;
        }
        let filters = crate::ui::describe_filters(self);
        let title = if filters.is_empty() {
            self.timeline.title.clone()
        } else {
            format!("{} · {}", self.timeline.title, filters.join(" · "))
        };
        let start = match self.focus() {
            Some(Focus::Event(e)) => Some(e),
            _ => self.selected_event(),
        };
        self.mode = Mode::Present(Deck::of_events(title, &self.filtered.events, start));
    }

    /// Leaves presentation mode with the current slide's event selected.
    fn exit_present(&mut self) {
        let event = match &self.mode {
            Mode::Present(deck) => deck.current().map(|s| s.event),
            _ => None,
        };
        self.mode = Mode::Browse;
        self.pane = Pane::Events;
        if let Some(e) = event {
            self.history.clear();
            self.show(Focus::Event(e));
        }
    }

    pub(super) fn update_present(&mut self, msg: Message) {
        if msg == Message::ExitPresent {
            let Mode::Present(deck) = &mut self.mode else {
                return;
            };
            if deck.overview.is_some() {
                deck.overview = None;
            } else {
                self.exit_present();
            }
            return;
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
                    deck.at = *cursor;
                    deck.overview = None;
                }
                Message::ToggleOverview => deck.overview = None,
                _ => {}
            }
            return;
        }
        match msg {
            Message::NextSlide => {
                if deck.at == last {
                    self.banner = Some("Last slide: End of the deck".into());
                } else {
                    deck.at += 1;
                }
            }
            Message::PrevSlide => {
                if deck.at == 0 {
                    self.banner = Some("First slide".into());
                } else {
                    deck.at -= 1;
                }
            }
            Message::FirstSlide => deck.at = 0,
            Message::LastSlide => deck.at = last,
            Message::ToggleNotes => deck.notes = !deck.notes,
            Message::ToggleOverview => deck.overview = Some(deck.at),
            _ => {}
        }
    }
}
