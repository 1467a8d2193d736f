//! The lanes view: actors down, years (or one year's months) across, a bar
//! in each cell as tall as the share of the busiest cell's events. The bar's
//! height carries the count, so it reads without colour.
//!
//! ```text
//!  Title   96/96 events · no filter
//!  2007 ▁▂▁▁▂▄▃▂▁▁▁▂▁▁▃▅█▆ 2024
//! ┌▶ Lanes · actors by year, 2007–2024 ─────────────────────────────┐
//! │                  07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 … │
//! │ TTP          41   ▂  ▄  ·  ▂  ·  ▄  █  ▆  ▂  ·  ·  ▂  ·  ▄  ▆ … │
//! │ PAK-GOV      38   ▄  ▂  ▂  ·  ▂  ▂  ▆  ▄  ▂  ▂  ·  ▂  ▂  ▂  ▄ … │
//! │ TTP in 2014: 6 shown events · Enter lists them · z months       │
//! └──────────────────────────────────────────────────────────────────┘
//!  j/k actor  h/l year  z zoom  Enter list  Esc explorer  q quit
//! ```

use ratatui::Frame;
use ratatui::layout::{Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{BODY, FOOTER, HEADER, Theme, header, hint_line, pane_block, truncate};
use crate::app::{App, Lanes};

/// Bars from the fewest events to the most; an empty cell shows a dot.
const BARS: [&str; 4] = ["▂", "▄", "▆", "█"];
/// Room for the actor's short name.
const NAME: usize = 10;
/// The name, its total and the spaces around them.
const LEFT: usize = NAME + 7;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, lanes: &Lanes) {
    let [top, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(frame.area());
    header::draw(frame, app, theme, top);
    let span = match (lanes.zoom, lanes.columns.first(), lanes.columns.last()) {
        (Some(y), _, _) => format!("{y} by month"),
        (None, Some(a), Some(b)) => format!("by year, {}–{}", a.year(), b.year()),
        _ => String::new(),
    };
    let block = pane_block(format!("Lanes · actors {span}"), true, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    frame.render_widget(Paragraph::new(lines(app, theme, lanes, inner)), inner);
    let width = usize::from(footer.width);
    frame.render_widget(Paragraph::new(hint_line(app, theme, width)), footer);
}

/// The labels, one line per visible actor, and the line about the cursor's cell.
fn lines(app: &App, theme: &Theme, lanes: &Lanes, area: Rect) -> Vec<Line<'static>> {
    let cell = if lanes.zoom.is_some() { 4 } else { 3 };
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    // From the first row and column, scrolled just far enough to keep
    // the cursor on screen.
    let shown_cols = (width.saturating_sub(LEFT) / cell).max(1);
    let shown_rows = height.saturating_sub(2).max(1);
    let left = lanes.col.saturating_sub(shown_cols - 1);
    let top = lanes.row.saturating_sub(shown_rows - 1);
    let cols = left..(left + shown_cols).min(lanes.columns.len());

    let mut heading = vec![Span::raw(" ".repeat(LEFT))];
    for c in cols.clone() {
        let label = lanes.label(c);
        let label = if lanes.zoom.is_some() {
            label
        } else {
            label.trim_start_matches('\'').to_string()
        };
        let style = if c == lanes.col {
            theme.heading
        } else {
            theme.dim
        };
        heading.push(Span::styled(format!("{label:>cell$}"), style));
    }
    if cols.end < lanes.columns.len() {
        heading.push(Span::styled(" →", theme.dim));
    }
    let mut out = vec![Line::from(heading)];

    let t = &app.timeline;
    for row in (top..lanes.actors.len()).take(shown_rows) {
        let actor = &t.actors[lanes.actors[row]];
        let name = truncate(&actor.short, NAME);
        let pad = NAME.saturating_sub(name.width());
        let name_style = if row == lanes.row {
            theme.heading
        } else {
            theme.badge
        };
        let mut spans = vec![
            Span::styled(format!(" {name}{}", " ".repeat(pad)), name_style),
            Span::styled(format!(" {:>4} ", lanes.totals[row]), theme.dim),
        ];
        for c in cols.clone() {
            let n = lanes.count(row, c);
            let mark = if n == 0 {
                "·"
            } else {
                let level = (n as usize * BARS.len()).div_ceil(lanes.max.max(1) as usize);
                BARS[level.clamp(1, BARS.len()) - 1]
            };
            let style = match (row == lanes.row && c == lanes.col, n) {
                (true, _) => theme.selected,
                (false, 0) => theme.dim,
                (false, _) => theme.strip,
            };
            spans.push(Span::styled(format!("{mark:>cell$}"), style));
        }
        out.push(Line::from(spans));
    }

    let (Some(&actor), Some(date)) = (lanes.actors.get(lanes.row), lanes.columns.get(lanes.col))
    else {
        return out;
    };
    let short = &t.actors[actor].short;
    let n = lanes.count(lanes.row, lanes.col);
    let zoom = if lanes.zoom.is_some() {
        "z years"
    } else {
        "z months"
    };
    let about = match n {
        0 => format!(" {short} in {date}: no shown event · {zoom}"),
        1 => format!(" {short} in {date}: 1 shown event · Enter lists it · {zoom}"),
        n => format!(" {short} in {date}: {n} shown events · Enter lists them · {zoom}"),
    };
    while out.len() < height.saturating_sub(1) {
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(
        truncate(&about, width),
        theme.title,
    )));
    out
}
