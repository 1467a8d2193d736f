//! The presenter view: what the presenter reads while the room sees the
//! slide. The speaker notes in bold, double-spaced where they fit (a
//! larger terminal font makes them larger still), the next slide's date
//! and title, where the deck stands, the time since the first slide and
//! the clock.
//!
//! ```text
//!  Presenter view · Training: from Lal Masjid…                     3/14
//!  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━─────────────────────────────
//!  Now  14 Dec 2007 · Tehrik-i-Taliban Pakistan formed
//!
//!         14 December 2007: commanders from across the tribal     NOTES
//!
//!         areas announce that they have united under Baitullah.
//!
//!  Next 27 Dec 2007 · Benazir Bhutto assassinated
//!  → next  ← back  g go to  b blank                      ⏱ 4:07 · 14:32
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::present::{clock_text, draw_with_clock, go_to_line};
use super::{Theme, hint_line, truncate, width, wrap};
use crate::app::follow::{Follow, Status};
use crate::app::keymap::{self, Scope};
use crate::app::{App, Deck, Message};

/// Widest the notes' column grows: about as wide as a line of a book.
const NOTE_WIDTH: u16 = 72;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, f: &Follow) {
    let area = frame.area();
    let [top, bar, now, body, next, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let Some(deck) = &f.deck else {
        let w = usize::from(top.width);
        frame.render_widget(
            Paragraph::new(Span::styled(truncate(" Presenter view", w), theme.title)),
            top,
        );
        draw_status(frame, theme, f, body);
        draw_footer(frame, app, theme, f, None, footer);
        return;
    };
    let count = if deck.on_cover() {
        "title slide ".to_string()
    } else {
        format!("{}/{} ", deck.step(deck.at), deck.slides.len())
    };
    let title = truncate(
        &format!(" Presenter view · {}", deck.title),
        usize::from(top.width).saturating_sub(width(&count) + 1),
    );
    let pad = usize::from(top.width).saturating_sub(width(&title) + width(&count));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title, theme.title),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, theme.heading),
        ])),
        top,
    );
    frame.render_widget(
        Paragraph::new(super::present::progress(deck, bar.width, theme)),
        bar,
    );
    frame.render_widget(
        Paragraph::new(slide_line(app, deck, deck.at, "Now ", theme, now.width)),
        now,
    );
    let note = deck.current().map_or("", |s| s.note.as_str());
    if note.is_empty() {
        let summary = deck
            .current()
            .map(|s| app.timeline().events[s.event].summary.as_str())
            .or(deck.cover.as_ref().map(|c| c.summary.as_str()))
            .unwrap_or_default();
        let mut lines = vec![Line::from(Span::styled(
            " No speaker note for this slide.",
            theme.dim,
        ))];
        lines.push(Line::default());
        for l in wrap(summary, usize::from(body.width.saturating_sub(2))) {
            lines.push(Line::from(Span::styled(format!(" {l}"), theme.base)));
        }
        frame.render_widget(Paragraph::new(lines), body);
    } else {
        draw_note(frame, theme, note, body);
    }
    let line = if deck.at + 1 < deck.len() {
        slide_line(app, deck, deck.at + 1, "Next ", theme, next.width)
    } else {
        Line::from(Span::styled(" Next: the end of the deck", theme.dim))
    };
    frame.render_widget(Paragraph::new(line), next);
    draw_footer(frame, app, theme, f, Some(deck), footer);
}

/// "Now  14 Dec 2007 · Tehrik-i-Taliban Pakistan formed".
fn slide_line(
    app: &App,
    deck: &Deck,
    at: usize,
    label: &str,
    theme: &Theme,
    w: u16,
) -> Line<'static> {
    let what = match deck.slide_at(at) {
        Some(s) => {
            let e = &app.timeline().events[s.event];
            format!("{} · {}", e.display_date(), e.title)
        }
        None => format!("the title slide · {}", deck.title),
    };
    let w = usize::from(w);
    Line::from(vec![
        Span::styled(format!(" {label}"), theme.heading),
        Span::styled(
            truncate(&what, w.saturating_sub(width(label) + 1)),
            theme.title,
        ),
    ])
}

/// The notes in bold, in a column a reader's eye can follow, a blank row
/// between lines when there is room for it. (Big type was tried: its
/// blocky letters read well for a date, badly for sentences.)
fn draw_note(frame: &mut Frame<'_>, theme: &Theme, note: &str, area: Rect) {
    let column = NOTE_WIDTH.min(area.width.saturating_sub(4)).max(1);
    let inner = Rect::new(
        area.x + (area.width - column) / 2,
        area.y,
        column,
        area.height,
    );
    let h = usize::from(inner.height);
    let lines = wrap(note, usize::from(column));
    let spaced = lines.len() * 2 <= h;
    let mut out = Vec::new();
    if spaced && lines.len() * 2 + 2 <= h {
        out.push(Line::default());
    }
    for l in lines {
        out.push(Line::from(Span::styled(l, theme.title)));
        if spaced {
            out.push(Line::default());
        }
    }
    frame.render_widget(Paragraph::new(out), inner);
}

/// Where the presenter view stands, when it follows no deck.
fn draw_status(frame: &mut Frame<'_>, theme: &Theme, f: &Follow, area: Rect) {
    let (text, style) = match &f.status {
        Status::Waiting => (
            format!(
                "Waiting for a presentation at {}. Start one in another terminal: \
                 chronoscope present --tour ID --publish",
                f.socket
            ),
            theme.heading,
        ),
        Status::Idle | Status::Following => (
            "Following. The room's screen shows no slides: it is on the explorer.".to_string(),
            theme.heading,
        ),
        Status::Refused => (
            "Refused: another presenter view is following this presentation. \
             Quit it, and this one follows."
                .to_string(),
            theme.error,
        ),
        Status::Ended => (
            format!(
                "The presentation ended. Waiting for the next one at {}.",
                f.socket
            ),
            theme.heading,
        ),
        Status::Trouble(why) => (why.clone(), theme.error),
    };
    let w = usize::from(area.width.saturating_sub(4)).max(1);
    let mut lines = vec![Line::default(); usize::from(area.height) / 3];
    for l in wrap(&text, w) {
        lines.push(Line::from(Span::styled(format!("  {l}"), style)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_footer(
    frame: &mut Frame<'_>,
    app: &App,
    theme: &Theme,
    f: &Follow,
    deck: Option<&Deck>,
    area: Rect,
) {
    let clock = match deck {
        Some(d) if f.clock => clock_text(app, d),
        _ => String::new(),
    };
    let w = usize::from(area.width).saturating_sub(width(&clock));
    let left = match (&f.goto, deck) {
        (Some(typed), Some(d)) => go_to_line(theme, typed, d.slides.len(), w),
        (_, Some(d)) if d.blank && app.banner().is_none() => {
            let b = keymap::label(Scope::Follow, &Message::ToggleBlank);
            Line::from(Span::styled(
                truncate(&format!(" ■ The room's screen is blank · {b} shows it"), w),
                theme.error,
            ))
        }
        _ => hint_line(app, theme, w),
    };
    draw_with_clock(frame, theme, left, clock, area);
}
