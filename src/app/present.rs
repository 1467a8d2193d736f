//! Presentation mode: one event a slide, walked in order, with speaker
//! notes and an overview to jump from. The deck is either the explorer's
//! filtered view or a tour from the timeline files.
//!
//! A slide never loses content silently. Its body — title, summary,
//! actors, figures, claims — comes before decoration: the big date shrinks
//! to a smaller font, then to one plain line, before a body line is
//! dropped; when the body still does not fit, the last row says how many
//! lines are below and `j`/`k` (or the wheel) scroll it. The layout is
//! made here, in `update`, so the scroll can be kept within the slide.

use super::details::{DocLine, Tone, cited};
use super::{App, Message, Mode, Pane, Subject};
use crate::fit::{truncate, width, wrap};
use crate::model::{Event, EventIx, Timeline};

/// Widest the slide's text column grows, so lines stay readable on a projector.
pub const MAX_TEXT_WIDTH: u16 = 120;
/// Rows the speaker notes take at most.
pub const MAX_NOTE_ROWS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub event: EventIx,
    /// The tour step's speaker note; empty outside tours.
    pub note: String,
}

/// How big the date is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateSize {
    /// Eight rows of big type.
    Full,
    /// Four rows of big type, half as wide.
    Quadrant,
    /// One plain line at the top of the body.
    #[default]
    Line,
}

impl DateSize {
    /// Rows the big date and the gap under it take.
    pub fn rows(self) -> usize {
        match self {
            DateSize::Full => 9,
            DateSize::Quadrant => 5,
            DateSize::Line => 0,
        }
    }
}

/// A slide laid out for the screen: the date's size, the body's lines,
/// how far the body is scrolled and how many of its rows show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SlideLayout {
    pub date: DateSize,
    pub body: Vec<DocLine>,
    pub visible: usize,
    pub notes_rows: usize,
    /// The body's column: its width, and its offset from the left edge.
    pub width: usize,
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

/// The body of a slide, `width` columns wide: the date line when the date
/// is not drawn big, then when and where, title, summary, actors,
/// figures and claims, for on the left and against on the right.
pub fn slide_body(t: &Timeline, e: &Event, width: usize, date_line: bool) -> Vec<DocLine> {
    let width = width.max(1);
    let mut lines: Vec<DocLine> = Vec::new();
    let push = |tone: Tone, text: &str, indent: usize, lines: &mut Vec<DocLine>| {
        for l in wrap(text, width.saturating_sub(indent)) {
            lines.push(vec![(Tone::Plain, " ".repeat(indent)), (tone, l)]);
        }
    };
    // When the big date has no room, this line stands in for it, as a heading.
    let mut when = e.display_date();
    if !e.location.is_empty() {
        when = format!("{when} · {}", e.location);
    }
    let tone = if date_line { Tone::Heading } else { Tone::Dim };
    push(tone, &when, 0, &mut lines);
    push(Tone::Title, &e.title, 0, &mut lines);
    lines.push(Vec::new());
    push(Tone::Plain, &e.summary, 0, &mut lines);
    lines.push(Vec::new());
    if !e.actors.is_empty() {
        let names: Vec<String> = e
            .actors
            .iter()
            .map(|&a| format!("{} ({})", t.actors[a].name, t.actors[a].short))
            .collect();
        for (i, l) in wrap(&names.join(" · "), width.saturating_sub(8))
            .into_iter()
            .enumerate()
        {
            let label = if i == 0 { "Actors  " } else { "        " };
            lines.push(vec![(Tone::Heading, label.into()), (Tone::Plain, l)]);
        }
    }
    if !e.figures.is_empty() {
        let figures: Vec<String> = e.figures.iter().map(|(k, v)| format!("{k} {v}")).collect();
        for (i, l) in wrap(&figures.join(" · "), width.saturating_sub(8))
            .into_iter()
            .enumerate()
        {
            let label = if i == 0 { "Figures " } else { "        " };
            lines.push(vec![(Tone::Heading, label.into()), (Tone::Plain, l)]);
        }
    }
    if !e.claims.is_empty() {
        lines.push(Vec::new());
        lines.extend(claim_columns(t, e, width));
    }
    // The numbers beside the claims, spelt out.
    if e.claims.iter().any(|c| !c.sources.is_empty()) {
        let sources: Vec<String> = e
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| match s.date {
                Some(d) => format!("[{}] {}, {d}", i + 1, s.publisher),
                None => format!("[{}] {}", i + 1, s.publisher),
            })
            .collect();
        lines.push(Vec::new());
        for (i, l) in wrap(&sources.join(" · "), width.saturating_sub(8))
            .into_iter()
            .enumerate()
        {
            let label = if i == 0 { "Sources " } else { "        " };
            lines.push(vec![(Tone::Heading, label.into()), (Tone::Dim, l)]);
        }
    }
    lines
}

/// Claims for on the left, against on the right; stacked when narrow.
fn claim_columns(t: &Timeline, e: &Event, width: usize) -> Vec<DocLine> {
    let column = |for_side: bool, w: usize| -> Vec<DocLine> {
        let mut out = Vec::new();
        for c in e.claims.iter().filter(|c| c.stance.is_for() == for_side) {
            let tone = if for_side {
                Tone::ClaimFor
            } else {
                Tone::ClaimAgainst
            };
            let who = format!("{} {}", t.actors[c.by].short, c.stance.as_str());
            out.push(vec![(tone, truncate(&who, w))]);
            for l in wrap(&cited(c), w.saturating_sub(2)) {
                out.push(vec![(Tone::Plain, "  ".into()), (Tone::Plain, l)]);
            }
        }
        out
    };
    let both_sides =
        e.claims.iter().any(|c| c.stance.is_for()) && e.claims.iter().any(|c| !c.stance.is_for());
    if width < 60 || !both_sides {
        let mut all = column(true, width);
        all.extend(column(false, width));
        return all;
    }
    let w = (width - 3) / 2;
    let (left, right) = (column(true, w), column(false, w));
    (0..left.len().max(right.len()))
        .map(|i| {
            let mut line = left.get(i).cloned().unwrap_or_default();
            let used: usize = line.iter().map(|(_, s)| width_of(s)).sum();
            line.push((Tone::Plain, " ".repeat(w.saturating_sub(used))));
            line.push((Tone::Dim, " │ ".into()));
            line.extend(right.get(i).cloned().unwrap_or_default());
            line
        })
        .collect()
}

fn width_of(s: &str) -> usize {
    width(s)
}

/// Rows the speaker notes of `note` take at `width`: a rule and the text.
pub fn notes_rows(note: &str, screen_width: u16) -> usize {
    let lines = wrap(note, usize::from(screen_width.saturating_sub(2))).len();
    (lines + 1).min(MAX_NOTE_ROWS)
}

/// Lays a slide out for a `w`×`h` screen.
pub fn lay_out(t: &Timeline, deck: &Deck, w: u16, h: u16) -> SlideLayout {
    let Some(slide) = deck.current() else {
        return SlideLayout::default();
    };
    let e = &t.events[slide.event];
    let notes_rows = if deck.notes && !slide.note.is_empty() {
        notes_rows(&slide.note, w)
    } else {
        0
    };
    // Title bar, progress bar, sources line and key hints.
    let room = usize::from(h).saturating_sub(4 + notes_rows);
    let width = usize::from(MAX_TEXT_WIDTH.min(w.saturating_sub(4)).max(1));
    let chars = e.date.to_string().chars().count();
    let body = slide_body(t, e, width, false);
    let fits = |rows: usize| body.len() + rows <= room;
    let date = if width >= chars * 8 && fits(DateSize::Full.rows()) {
        DateSize::Full
    } else if width >= chars * 4 && fits(DateSize::Quadrant.rows()) {
        DateSize::Quadrant
    } else {
        DateSize::Line
    };
    let body = if date == DateSize::Line {
        slide_body(t, e, width, true)
    } else {
        body
    };
    let visible = room.saturating_sub(date.rows());
    SlideLayout {
        date,
        body,
        visible,
        notes_rows,
        width,
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
