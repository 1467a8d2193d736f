//! A slide laid out for the screen. Its body — title, summary, actors,
//! figures, claims and the sources they cite — comes before decoration: the
//! big date shrinks to a smaller font, then to one plain line, before a body
//! line is dropped; when the body still does not fit, `Deck::lines_below`
//! says how many lines are below and the deck scrolls. Laid out in `update`,
//! so the scroll can be kept within the slide.

use super::deck::Deck;
use super::doc::{DocLine, Tone, cited};
use crate::fit::{truncate, wrap};
use crate::model::{Event, Timeline};

/// Widest the slide's text column grows, so lines stay readable on a projector.
pub const MAX_TEXT_WIDTH: u16 = 120;
/// Rows the speaker notes take at most.
pub const MAX_NOTE_ROWS: usize = 8;

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
    if sources_in_body(e) {
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
            let used: usize = line.iter().map(|(_, s)| crate::fit::width(s)).sum();
            line.push((Tone::Plain, " ".repeat(w.saturating_sub(used))));
            line.push((Tone::Dim, " │ ".into()));
            line.extend(right.get(i).cloned().unwrap_or_default());
            line
        })
        .collect()
}

/// Whether the slide's body lists the event's sources, numbered for the
/// claims that cite them; the footer line then has nothing to add.
pub fn sources_in_body(e: &Event) -> bool {
    e.claims.iter().any(|c| !c.sources.is_empty())
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
    // Title bar, progress bar, key hints, and the sources line unless the
    // body lists the sources.
    let chrome = if sources_in_body(e) { 3 } else { 4 };
    let room = usize::from(h).saturating_sub(chrome + notes_rows);
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
