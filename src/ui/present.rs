//! Presentation slides, drawn from the layout `update` made: the date in
//! big type when there is room for it and the body, the body (scrolled,
//! with "↓ N more lines" when it goes on), the speaker notes, sources on
//! a footer line (or numbered in the body, when claims cite them),
//! progress as `n/N` and a bar; the overview on request.
//!
//! ```text
//!  Tour title                                                   3/12
//!  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━─────────────
//!       ▄▄ ▄▄▄   ▄▄▄ ▄▄▄ ▄▄▄   ▄▄▄ ▄▄▄ ▄▄ ▄ ▄                         BIG DATE
//!  Title, summary, actors, figures, claims side by side              BODY
//!  ┌ Speaker notes ───────────────────────────────────────────────┐  (n)
//!  Sources: Dawn — "…" (17 Dec 2014) · …                              FOOTER
//! ```

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use tui_big_text::{BigText, PixelSize};

use super::{Theme, pane_block, truncate, width, wrap};
use crate::app::keymap::{self, Scope};
use crate::app::slide::DateSize;
use crate::app::{App, Deck, Message, Tone};
use crate::model::{Event, Timeline};

fn tone(theme: &Theme, t: Tone) -> Style {
    match t {
        Tone::Title => theme.title,
        Tone::Heading => theme.heading,
        Tone::Dim => theme.dim,
        Tone::ClaimFor => theme.claim_for,
        Tone::ClaimAgainst => theme.claim_against,
        _ => theme.base,
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, deck: &Deck) {
    let area = frame.area();
    // Blank: nothing at all, until a key shows the slide again.
    if deck.blank {
        return;
    }
    let Some(slide) = deck.current() else {
        draw_cover(frame, app, theme, deck);
        return;
    };
    let t = app.timeline();
    let e = &t.events[slide.event];
    let layout = &deck.layout;
    let notes_height = u16::try_from(layout.notes_rows).unwrap_or(0);
    let footer_height = u16::from(!crate::app::slide::sources_in_body(e));
    let [top, bar, body, notes, footer, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(notes_height),
        Constraint::Length(footer_height),
        Constraint::Length(1),
    ])
    .areas(area);

    // A marked event is starred beside the count: a mark, not a colour.
    let star = if app.is_marked(slide.event) {
        "★ "
    } else {
        ""
    };
    let count = format!("{star}{}/{} ", deck.step(deck.at), deck.slides.len());
    draw_top(frame, theme, deck, &count, top, bar);

    let text_width = u16::try_from(layout.width).unwrap_or(body.width);
    match beside_map(e, body, text_width) {
        // The text keeps its width; beside it, the map of where.
        Some((column, map)) => {
            draw_body(frame, e, theme, deck, column);
            super::map::draw_locator(frame, t, theme, map, &e.places);
        }
        None => draw_body(frame, e, theme, deck, centered(body, text_width)),
    }

    if notes_height > 0 {
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.heading)
            .title(Span::styled(
                format!(
                    " Speaker notes ({} hides) ",
                    keymap::label(Scope::Present, &Message::ToggleNotes)
                ),
                theme.heading,
            ));
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
    draw_footer(frame, app, theme, deck, hints);

    if let Some(cursor) = deck.overview {
        draw_overview(frame, t, theme, deck, cursor, area);
    }
}

/// The deck's title and where it stands, then the progress bar.
fn draw_top(frame: &mut Frame<'_>, theme: &Theme, deck: &Deck, count: &str, top: Rect, bar: Rect) {
    let title = truncate(
        &format!(" {}", deck.title),
        usize::from(top.width).saturating_sub(width(count) + 1),
    );
    let pad = usize::from(top.width).saturating_sub(width(&title) + width(count));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title, theme.title),
            Span::raw(" ".repeat(pad)),
            Span::styled(count.to_string(), theme.heading),
        ])),
        top,
    );
    frame.render_widget(Paragraph::new(progress(deck, bar.width, theme)), bar);
}

/// A tour's title slide: its title, what it is for, how many steps and
/// the span of their dates, a third of the way down.
fn draw_cover(frame: &mut Frame<'_>, app: &App, theme: &Theme, deck: &Deck) {
    let Some(cover) = &deck.cover else { return };
    let area = frame.area();
    let [top, bar, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let n = deck.slides.len();
    let count = format!("{n} {} ", if n == 1 { "step" } else { "steps" });
    draw_top(frame, theme, deck, &count, top, bar);
    let w = crate::app::slide::MAX_TEXT_WIDTH
        .min(body.width.saturating_sub(4))
        .max(1);
    let column = centered(body, w);
    let w = usize::from(w);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for l in wrap(&deck.title, w) {
        lines.push(Line::from(Span::styled(l, theme.title)));
    }
    lines.push(Line::default());
    for l in wrap(&cover.summary, w) {
        lines.push(Line::from(Span::styled(l, theme.base)));
    }
    lines.push(Line::default());
    let facts = format!(
        "{n} {} · {}",
        if n == 1 { "step" } else { "steps" },
        cover.span
    );
    lines.push(Line::from(Span::styled(truncate(&facts, w), theme.heading)));
    let next = keymap::label(Scope::Present, &Message::NextSlide);
    lines.push(Line::from(Span::styled(
        truncate(&format!("{next} begins"), w),
        theme.dim,
    )));
    let free = usize::from(column.height).saturating_sub(lines.len());
    let mut padded = vec![Line::default(); free / 3];
    padded.extend(lines);
    frame.render_widget(Paragraph::new(padded), column);
    draw_footer(frame, app, theme, deck, footer);
}

/// The hints, or the slide number being typed; the clock at the right.
fn draw_footer(frame: &mut Frame<'_>, app: &App, theme: &Theme, deck: &Deck, area: Rect) {
    let clock = if deck.clock {
        clock_text(app, deck)
    } else {
        String::new()
    };
    let w = usize::from(area.width).saturating_sub(width(&clock));
    let left = match &deck.goto {
        Some(typed) => go_to_line(theme, typed, deck.slides.len(), w),
        None => super::hint_line(app, theme, w),
    };
    draw_with_clock(frame, theme, left, clock, area);
}

/// A footer line with the clock at its right end.
pub fn draw_with_clock(
    frame: &mut Frame<'_>,
    theme: &Theme,
    left: Line<'static>,
    clock: String,
    area: Rect,
) {
    let w = usize::from(area.width).saturating_sub(width(&clock));
    let used: usize = left.spans.iter().map(|s| width(&s.content)).sum();
    let mut spans = left.spans;
    spans.push(Span::raw(" ".repeat(w.saturating_sub(used))));
    spans.push(Span::styled(clock, theme.heading));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "⏱ 4:07 · 14:32 ": the time since the first slide and the clock.
pub fn clock_text(app: &App, deck: &Deck) -> String {
    let Some(tick) = app.tick() else {
        return String::new();
    };
    let elapsed = deck
        .elapsed(tick.uptime)
        .map(crate::app::clock_words)
        .unwrap_or_default();
    format!("⏱ {elapsed} · {} ", tick.clock.format("%H:%M"))
}

/// "Go to slide: 7▏ of 1–15 · Enter goes · Esc stays".
pub fn go_to_line(theme: &Theme, typed: &str, steps: usize, w: usize) -> Line<'static> {
    let go = keymap::label(Scope::GoTo, &Message::SubmitInput);
    let stay = keymap::label(Scope::GoTo, &Message::CancelInput);
    let text = format!(" Go to slide: {typed}▏ of 1–{steps} · {go} goes · {stay} stays");
    Line::from(Span::styled(truncate(&text, w), theme.heading))
}

/// Columns and rows a locator map needs, border included.
const LOCATOR: (u16, u16) = (28, 10);

/// The text's column and, right of it, a locator map: when the event
/// names a place and the screen is wide and tall enough to spare the room
/// without narrowing the text. The two are centred together, the map
/// halfway down.
fn beside_map(e: &Event, body: Rect, text_width: u16) -> Option<(Rect, Rect)> {
    const GAP: u16 = 3;
    let spare = body.width.checked_sub(text_width + GAP)?;
    if e.places.is_empty() || spare < LOCATOR.0 || body.height < LOCATOR.1 + 1 {
        return None;
    }
    let w = spare.min(48);
    let h = (w / 3).clamp(LOCATOR.1, body.height - 1);
    let left = body.x + (spare - w) / 2;
    let column = Rect::new(left, body.y, text_width, body.height);
    let map = Rect::new(
        left + text_width + GAP,
        body.y + (body.height - h) / 2,
        w,
        h,
    );
    Some((column, map))
}

fn centered(area: Rect, width: u16) -> Rect {
    let w = width.min(area.width);
    let x = area.x + (area.width - w) / 2;
    Rect::new(x, area.y, w, area.height)
}

pub(super) fn progress(deck: &Deck, width: u16, theme: &Theme) -> Line<'static> {
    let w = usize::from(width.saturating_sub(2));
    let n = deck.len().max(1);
    let done = (w * (deck.at + 1)).div_ceil(n).min(w);
    Line::from(vec![
        Span::raw(" "),
        Span::styled("━".repeat(done), theme.heading),
        Span::styled("─".repeat(w - done), theme.dim),
    ])
}

/// The big date when the layout gave it room, then the body, a third of
/// the way down the free space when it fits, scrolled when it does not.
fn draw_body(frame: &mut Frame<'_>, e: &Event, theme: &Theme, deck: &Deck, area: Rect) {
    let layout = &deck.layout;
    let size = match layout.date {
        DateSize::Full => Some(PixelSize::Full),
        DateSize::Quadrant => Some(PixelSize::Quadrant),
        DateSize::Line => None,
    };
    let big_rows = layout.date.rows();
    let body = &layout.body;
    let below = deck.lines_below();
    let shown = layout.visible.min(body.len());
    let used = big_rows + shown;
    let offset = if below == 0 && deck.scroll == 0 {
        usize::from(area.height).saturating_sub(used) / 3
    } else {
        0
    };
    let [_, big, _, rest] = Layout::vertical([
        Constraint::Length(u16::try_from(offset).unwrap_or(0)),
        Constraint::Length(u16::try_from(big_rows.saturating_sub(1)).unwrap_or(0)),
        Constraint::Length(u16::from(size.is_some())),
        Constraint::Min(0),
    ])
    .areas(area);
    if let Some(size) = size {
        // The date is built by chronoscope from validated numbers; no file text reaches BigText.
        let big_text = BigText::builder()
            .pixel_size(size)
            .style(theme.big_date)
            .lines(vec![Line::from(e.date.to_string())])
            .build();
        frame.render_widget(big_text, big);
    }
    let mut lines: Vec<Line<'static>> = body
        .iter()
        .skip(deck.scroll)
        .take(layout.visible)
        .map(|pieces| {
            Line::from(
                pieces
                    .iter()
                    .map(|(t, s)| Span::styled(s.clone(), tone(theme, *t)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    if below > 0 && !lines.is_empty() {
        let down = keymap::label(Scope::Present, &Message::MoveDown);
        let last = lines.len() - 1;
        lines[last] = Line::from(Span::styled(
            truncate(
                &format!(
                    "↓ {} more {} · {down} scrolls",
                    below + 1,
                    if below == 0 { "line" } else { "lines" }
                ),
                usize::from(area.width),
            ),
            theme.heading,
        ));
    }
    frame.render_widget(Paragraph::new(lines), rest);
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
            "Slides · {} · ✓ shown · {} show · {} close",
            deck.slides.len(),
            keymap::label(Scope::Overview, &Message::OpenSelected),
            keymap::label(Scope::Overview, &Message::ToggleOverview),
        ),
        true,
        theme,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let visible = usize::from(inner.height);
    let top = cursor.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line<'static>> = (0..deck.len())
        .skip(top)
        .take(visible)
        .map(|i| {
            // ✓ marks a slide already shown.
            let seen = if deck.seen.get(i).copied().unwrap_or(false) {
                "✓"
            } else {
                " "
            };
            let row = match deck.slide_at(i) {
                Some(s) => {
                    let e = &t.events[s.event];
                    format!(
                        "{seen}{:>3}  {:<14} {}",
                        deck.step(i),
                        e.date.to_string(),
                        e.title
                    )
                }
                None => format!("{seen}       Title slide · {}", deck.title),
            };
            let text = truncate(&row, usize::from(inner.width));
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
