//! Presentation slides: the date in big type, the title, summary, actors,
//! figures and claims side by side; sources on a footer line; progress as
//! `n/N` and a bar; speaker notes and the overview on request.
//!
//! ```text
//!  Tour title                                                   3/12
//!  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━─────────────
//!       ▄▄ ▄▄▄   ▄▄▄ ▄▄▄ ▄▄▄   ▄▄▄ ▄▄▄ ▄▄ ▄ ▄                         BIG DATE
//!  Title
//!  Summary …                 Actors · Figures · Claims
//!  ┌ Notes ───────────────────────────────────────────────────────┐  (n)
//!  Sources: Dawn — "…" (17 Dec 2014) · …                              FOOTER
//! ```

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use tui_big_text::{BigText, PixelSize};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block, truncate, wrap};
use crate::app::{App, Deck};
use crate::model::{Event, Timeline};

/// Widest the slide's text column grows, so lines stay readable on a projector.
const MAX_TEXT_WIDTH: u16 = 120;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, deck: &Deck) {
    let area = frame.area();
    let Some(slide) = deck.current() else { return };
    let t = &app.timeline;
    let e = &t.events[slide.event];
    let notes_height = if deck.notes && !slide.note.is_empty() {
        notes_rows(&slide.note, area.width)
    } else {
        0
    };
    let [top, bar, body, notes, footer, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notes_height),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let count = format!("{}/{} ", deck.at + 1, deck.slides.len());
    let title = truncate(
        &format!(" {}", deck.title),
        usize::from(area.width).saturating_sub(count.width() + 1),
    );
    let pad = usize::from(area.width).saturating_sub(title.width() + count.width());
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title, theme.title),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, theme.heading),
        ])),
        top,
    );
    frame.render_widget(Paragraph::new(progress(deck, bar.width, theme)), bar);

    let column = centered(
        body,
        MAX_TEXT_WIDTH.min(body.width.saturating_sub(4)).max(1),
    );
    draw_body(frame, t, e, theme, column);

    if notes_height > 0 {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.heading)
            .title(Span::styled(" Speaker notes (n hides) ", theme.heading));
        let inner = block.inner(notes);
        frame.render_widget(block, notes);
        let lines: Vec<Line<'_>> = wrap(&slide.note, usize::from(inner.width.saturating_sub(2)))
            .into_iter()
            .map(|l| Line::from(format!(" {l}")))
            .collect();
        frame.render_widget(Paragraph::new(lines).style(theme.base), inner);
    }
    frame.render_widget(
        Paragraph::new(sources_line(e, footer.width)).style(theme.dim),
        footer,
    );
    frame.render_widget(
        Paragraph::new(super::hint_line(app, theme, usize::from(hints.width))),
        hints,
    );

    if let Some(cursor) = deck.overview {
        draw_overview(frame, t, theme, deck, cursor, area);
    }
}

fn notes_rows(note: &str, width: u16) -> u16 {
    let lines = wrap(note, usize::from(width.saturating_sub(2))).len();
    u16::try_from(lines + 1).unwrap_or(u16::MAX).min(8)
}

fn centered(area: Rect, width: u16) -> Rect {
    let x = area.x + (area.width.saturating_sub(width)) / 2;
    Rect::new(x, area.y, width.min(area.width), area.height)
}

fn progress(deck: &Deck, width: u16, theme: &Theme) -> Line<'static> {
    let w = usize::from(width.saturating_sub(2));
    let n = deck.slides.len().max(1);
    let done = (w * (deck.at + 1)).div_ceil(n).min(w);
    Line::from(vec![
        Span::raw(" "),
        Span::styled("━".repeat(done), theme.heading),
        Span::styled("─".repeat(w - done), theme.dim),
    ])
}

/// The big date when the screen allows, then the text of the slide,
/// placed a third of the way down the free space.
fn draw_body(frame: &mut Frame<'_>, t: &Timeline, e: &Event, theme: &Theme, area: Rect) {
    let date = e.date.to_string();
    let chars = u16::try_from(date.chars().count()).unwrap_or(u16::MAX);
    let (size, rows) = if area.width >= chars * 8 && area.height >= 30 {
        (Some(PixelSize::Full), 8)
    } else if area.width >= chars * 4 && area.height >= 16 {
        (Some(PixelSize::Quadrant), 4)
    } else {
        (None, 0)
    };
    let width = usize::from(area.width.max(1));
    let mut lines: Vec<Line<'static>> = Vec::new();
    if size.is_none() {
        lines.push(Line::from(Span::styled(date.clone(), theme.heading)));
    }
    let mut when = e.display_date();
    if !e.location.is_empty() {
        when = format!("{when} · {}", e.location);
    }
    lines.push(Line::from(Span::styled(truncate(&when, width), theme.dim)));
    for l in wrap(&e.title, width) {
        lines.push(Line::from(Span::styled(l, theme.title)));
    }
    lines.push(Line::from(""));
    for l in wrap(&e.summary, width) {
        lines.push(Line::from(Span::styled(l, theme.base)));
    }
    lines.push(Line::from(""));
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
            lines.push(Line::from(vec![
                Span::styled(label, theme.heading),
                Span::styled(l, theme.base),
            ]));
        }
    }
    if !e.figures.is_empty() {
        let figures: Vec<String> = e.figures.iter().map(|(k, v)| format!("{k} {v}")).collect();
        lines.push(Line::from(vec![
            Span::styled("Figures ", theme.heading),
            Span::styled(
                truncate(&figures.join(" · "), width.saturating_sub(8)),
                theme.base,
            ),
        ]));
    }
    if !e.claims.is_empty() {
        lines.push(Line::from(""));
        lines.extend(claim_columns(t, e, theme, width));
    }
    let big_rows = if size.is_some() { rows + 1 } else { 0 };
    let used = big_rows + u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let offset = area.height.saturating_sub(used) / 3;
    let [_, big, _, rest] = Layout::vertical([
        Constraint::Length(offset),
        Constraint::Length(if size.is_some() { rows } else { 0 }),
        Constraint::Length(if size.is_some() { 1 } else { 0 }),
        Constraint::Min(0),
    ])
    .areas(area);
    if let Some(size) = size {
        // The date is built by chronoscope from validated numbers; no file text reaches BigText.
        let big_text = BigText::builder()
            .pixel_size(size)
            .style(theme.heading)
            .lines(vec![Line::from(date)])
            .build();
        frame.render_widget(big_text, big);
    }
    frame.render_widget(Paragraph::new(lines), rest);
}

/// Claims for on the left, against on the right; stacked when narrow.
fn claim_columns(t: &Timeline, e: &Event, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let column = |for_side: bool, w: usize| -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for c in e.claims.iter().filter(|c| c.stance.is_for() == for_side) {
            let style = if for_side {
                theme.claim_for
            } else {
                theme.claim_against
            };
            out.push(Line::from(Span::styled(
                truncate(
                    &format!("{} {}", t.actors[c.by].short, c.stance.as_str()),
                    w,
                ),
                style,
            )));
            for l in wrap(&format!("“{}”", c.text), w.saturating_sub(2)) {
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(l, theme.base),
                ]));
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
            let l = left.get(i).cloned().unwrap_or_default();
            let pad = w.saturating_sub(l.width());
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(" │ ", theme.dim));
            spans.extend(right.get(i).cloned().unwrap_or_default().spans);
            Line::from(spans)
        })
        .collect()
}

fn sources_line(e: &Event, width: u16) -> Line<'static> {
    let parts: Vec<String> = e
        .sources
        .iter()
        .map(|s| match s.date {
            Some(d) => format!("{} — {} ({d})", s.publisher, s.title),
            None => format!("{} — {}", s.publisher, s.title),
        })
        .collect();
    Line::from(truncate(
        &format!(" Sources: {}", parts.join(" · ")),
        usize::from(width),
    ))
}

fn draw_overview(
    frame: &mut Frame<'_>,
    t: &Timeline,
    theme: &Theme,
    deck: &Deck,
    cursor: usize,
    area: Rect,
) {
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(4);
    if w < 10 || h < 3 {
        return;
    }
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 2, w, h);
    frame.render_widget(Clear, r);
    let block = pane_block(
        format!(
            "Slides {}/{} · Enter show · o close",
            cursor + 1,
            deck.slides.len()
        ),
        true,
        theme,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let visible = usize::from(inner.height);
    let top = cursor.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line<'static>> = deck
        .slides
        .iter()
        .enumerate()
        .skip(top)
        .take(visible)
        .map(|(i, s)| {
            let e = &t.events[s.event];
            let text = truncate(
                &format!("{:>3}  {:<14} {}", i + 1, e.date.to_string(), e.title),
                usize::from(inner.width),
            );
            let style = if i == cursor {
                theme.selected
            } else if i == deck.at {
                theme.heading
            } else {
                theme.base
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Left), inner);
}
