//! A deck of slides: the events shown one a slide, in order, after a
//! title slide when the deck is a tour. Positions count the title slide:
//! `at == 0` is the title slide when there is one, and `Deck::step` says
//! which event slide a position is (what `7/15` and `g 7` mean).

use std::time::Duration;

use super::Message;
use super::slide::SlideLayout;
use crate::model::{EventDate, EventIx, Timeline};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub event: EventIx,
    /// The tour step's speaker note; empty outside tours.
    pub note: String,
}

/// A tour's title slide: what it is, how long, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub summary: String,
    /// The first and the last day its steps cover, as a reader says them.
    pub span: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    /// The tour's title, or a description of the filtered view.
    pub title: String,
    /// The tour's id, when the deck walks one.
    pub tour: Option<String>,
    pub cover: Option<Cover>,
    pub slides: Vec<Slide>,
    /// The position shown: the title slide first, when there is one.
    pub at: usize,
    pub notes: bool,
    /// The overview's cursor while the overview is open.
    pub overview: Option<usize>,
    /// How far the current slide's body is scrolled.
    pub scroll: usize,
    pub layout: SlideLayout,
    /// For each position, whether it was shown: the overview marks them.
    pub seen: Vec<bool>,
    /// The screen is blanked, for a question from the room.
    pub blank: bool,
    /// The number typed after `g`, while it is typed.
    pub goto: Option<String>,
    /// The clock and the time since the first slide, in the footer.
    pub clock: bool,
    /// When the first slide was shown, on the loop's clock (`Tick::uptime`).
    pub began: Option<Duration>,
}

impl Deck {
    /// A deck of the given events, starting at `start` when it is among them.
    pub fn of_events(title: String, events: &[EventIx], start: Option<EventIx>) -> Deck {
        let at = start
            .and_then(|s| events.iter().position(|&e| e == s))
            .unwrap_or(0);
        let slides = events
            .iter()
            .map(|&event| Slide {
                event,
                note: String::new(),
            })
            .collect();
        Deck::new(title, None, None, slides, at)
    }

    /// A deck walking a tour in its own order, from its title slide, notes shown.
    pub fn of_tour(t: &Timeline, id: &str) -> Option<Deck> {
        let tour = t.tour(id)?;
        let slides: Vec<Slide> = tour
            .steps
            .iter()
            .map(|s| Slide {
                event: s.event,
                note: s.note.clone(),
            })
            .collect();
        let cover = Cover {
            summary: tour.summary.clone(),
            span: span(t, &slides),
        };
        let mut deck = Deck::new(
            tour.title.clone(),
            Some(tour.id.clone()),
            Some(cover),
            slides,
            0,
        );
        deck.notes = true;
        Some(deck)
    }

    fn new(
        title: String,
        tour: Option<String>,
        cover: Option<Cover>,
        slides: Vec<Slide>,
        at: usize,
    ) -> Deck {
        let positions = slides.len() + usize::from(cover.is_some());
        let mut deck = Deck {
            title,
            tour,
            cover,
            slides,
            at,
            notes: false,
            overview: None,
            scroll: 0,
            layout: SlideLayout::default(),
            seen: vec![false; positions],
            blank: false,
            goto: None,
            clock: true,
            began: None,
        };
        deck.mark_seen();
        deck
    }

    /// Positions in the deck: the title slide and the event slides.
    pub fn len(&self) -> usize {
        self.slides.len() + self.offset()
    }

    /// True when the deck has no event slide to show.
    pub fn is_empty(&self) -> bool {
        self.slides.is_empty()
    }

    /// 1 when the deck opens on a title slide.
    fn offset(&self) -> usize {
        usize::from(self.cover.is_some())
    }

    /// Whether the title slide is shown.
    pub fn on_cover(&self) -> bool {
        self.cover.is_some() && self.at == 0
    }

    /// The event slide shown, unless the title slide is.
    pub fn current(&self) -> Option<&Slide> {
        self.slide_at(self.at)
    }

    /// The event slide at a position, unless it is the title slide.
    pub fn slide_at(&self, at: usize) -> Option<&Slide> {
        at.checked_sub(self.offset())
            .and_then(|i| self.slides.get(i))
    }

    /// Which event slide a position is, counting from 1; 0 for the title slide.
    pub fn step(&self, at: usize) -> usize {
        at + 1 - self.offset()
    }

    /// The position of event slide `step` (from 1), or the title slide for 0.
    pub fn position_of_step(&self, step: usize) -> Option<usize> {
        let at = (step + self.offset()).checked_sub(1)?;
        (at < self.len()).then_some(at)
    }

    /// The position of the slide showing `event`.
    pub fn position_of_event(&self, event: EventIx) -> Option<usize> {
        self.slides
            .iter()
            .position(|s| s.event == event)
            .map(|i| i + self.offset())
    }

    /// Body lines below the ones on screen.
    pub fn lines_below(&self) -> usize {
        self.layout
            .body
            .len()
            .saturating_sub(self.scroll + self.layout.visible)
    }

    /// Shows the slide at a position (kept within the deck).
    pub fn go(&mut self, at: usize) {
        let at = at.min(self.len().saturating_sub(1));
        if at != self.at {
            self.at = at;
            self.scroll = 0;
        }
        self.mark_seen();
    }

    fn mark_seen(&mut self) {
        if let Some(s) = self.seen.get_mut(self.at) {
            *s = true;
        }
    }

    /// After the slides changed (a reload dropped some): the seen marks
    /// and the positions kept within the deck.
    pub fn refit(&mut self) {
        let len = self.len();
        self.seen.resize(len, false);
        self.at = self.at.min(len.saturating_sub(1));
        self.overview = self.overview.map(|o| o.min(len.saturating_sub(1)));
    }

    /// Time since the first slide, on the loop's clock.
    pub fn elapsed(&self, now: Duration) -> Option<Duration> {
        self.began.map(|b| now.saturating_sub(b))
    }
}

/// What a key did while a slide's number is typed after `g`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// Still typing, or stopped without a number.
    Typing,
    /// Enter on a slide's number: its position.
    Go(usize),
    /// Enter on a number no slide has: why.
    NoSuch(String),
}

impl Deck {
    /// A key while a slide's number is typed into `typed`: digits (at most
    /// seven), ⌫, Esc (stops, stays), Enter (stops, and goes if it can).
    pub fn type_number(&self, typed: &mut Option<String>, msg: &Message) -> Typed {
        let Some(text) = typed.as_mut() else {
            return Typed::Typing;
        };
        match msg {
            Message::TypeChar(c) if c.is_ascii_digit() && text.len() < 7 => text.push(*c),
            Message::DeleteChar => {
                text.pop();
            }
            Message::CancelInput => *typed = None,
            Message::SubmitInput => {
                let wanted = text.parse::<usize>().ok();
                *typed = None;
                return match (wanted, wanted.and_then(|n| self.position_of_step(n))) {
                    (_, Some(at)) => Typed::Go(at),
                    (Some(n), None) => Typed::NoSuch(format!(
                        "No slide {n}: the slides are 1–{}",
                        self.slides.len()
                    )),
                    (None, None) => Typed::Typing,
                };
            }
            _ => {}
        }
        Typed::Typing
    }
}

/// The first and last day a tour's steps cover, as a reader says them.
fn span(t: &Timeline, slides: &[Slide]) -> String {
    let first: Option<EventDate> = slides.iter().map(|s| t.events[s.event].date).min();
    let last = slides
        .iter()
        .map(|s| {
            let e = &t.events[s.event];
            e.end.unwrap_or(e.date)
        })
        .max_by_key(|d| d.last_day());
    match (first, last) {
        (Some(a), Some(b)) => a.display_range(Some(&b)),
        _ => String::new(),
    }
}

/// A duration as a presenter reads it: "4:07", "1:02:09".
pub fn clock_words(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tour_deck() -> Deck {
        let t = crate::load::load(crate::load::bundled()).timeline;
        Deck::of_tour(&t, "lal-masjid-to-nap").unwrap()
    }

    #[test]
    fn a_tour_opens_on_its_title_slide() {
        let d = tour_deck();
        assert!(d.on_cover());
        assert!(d.current().is_none());
        let cover = d.cover.as_ref().unwrap();
        assert!(cover.summary.starts_with("Seven years in fourteen steps"));
        assert!(
            cover.span.contains("2007") && cover.span.contains("2014"),
            "{cover:?}"
        );
        assert_eq!(d.len(), d.slides.len() + 1);
        assert_eq!(d.step(1), 1);
        assert_eq!(d.position_of_step(1), Some(1));
        assert_eq!(d.position_of_step(0), Some(0));
        assert_eq!(d.position_of_step(d.slides.len() + 1), None);
    }

    #[test]
    fn shown_slides_are_remembered() {
        let mut d = tour_deck();
        d.go(3);
        d.go(1);
        let seen: Vec<usize> = (0..d.len()).filter(|&i| d.seen[i]).collect();
        assert_eq!(seen, vec![0, 1, 3]);
        d.go(999);
        assert_eq!(d.at, d.len() - 1);
    }

    #[test]
    fn a_filtered_deck_has_no_title_slide() {
        let d = Deck::of_events("x".into(), &[4, 5, 6], Some(5));
        assert_eq!(d.at, 1);
        assert_eq!(d.current().unwrap().event, 5);
        assert_eq!(d.step(d.at), 2);
        assert_eq!(d.position_of_step(0), None);
    }

    #[test]
    fn durations_read_as_a_clock() {
        assert_eq!(clock_words(Duration::from_secs(0)), "0:00");
        assert_eq!(clock_words(Duration::from_secs(247)), "4:07");
        assert_eq!(clock_words(Duration::from_secs(3729)), "1:02:09");
    }
}
