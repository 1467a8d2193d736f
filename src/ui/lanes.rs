//! The lanes view: actors down, years (or buckets of years, or one year's
//! months and its "yr" column) across, a bar in each cell as tall as the
//! share of the busiest cell's events. The bar's height carries the count,
//! so it reads without colour. Columns stretch to the width.
//!
//! ```text
//!  Title   96/96 events · no filter
//!  2007 ▁▂▁▁▂▄▃▂▁▁▁▂▁▁▃▅█▆ 2024
//! ┌▶ Lanes · actors by year, 2007–2024 ─────────────────────────────┐
//! │                    07  08  09  10  11  12  13  14  15  16  17  18 │
//! │ TTP          41     ▂   ▄   ·   ▂   ·   ▄   █   ▆   ▂   ·   ·   ▂ │
//! │ TTP in 2014: 6 shown events · Enter lists them · z months        │
//! └──────────────────────────────────────────────────────────────────┘
//!  ? help  j/k actor  h/l year  z zoom  Enter list  Esc/q close
//! ```

use ratatui::Frame;
use ratatui::layout::{Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, header, hint_line, pane_block, truncate, width};
use crate::app::keymap::{self, Scope};
use crate::app::lanes::LEFT;
use crate::app::layout::{BODY, FOOTER, HEADER};
use crate::app::{App, Lanes, Message};

/// Bars from the fewest events to the most; an empty cell shows a dot.
const BARS: [&str; 4] = ["▂", "▄", "▆", "█"];
/// Room for the actor's short name.
const NAME: usize = LEFT - 7;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, lanes: &Lanes) {
    let [top, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(frame.area());
    header::draw(frame, app, theme, top);
    let span = match (lanes.zoom, lanes.columns.first(), lanes.columns.last()) {
        (Some(y), _, _) => format!("{y} by month"),
        (None, Some(a), Some(b)) => format!(
            "by year, {}–{}",
            a.year(),
            b.range().map_or(b.year(), |r| r.1.year())
        ),
        _ => String::new(),
    };
    let block = pane_block(format!("Lanes · actors {span}"), true, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    frame.render_widget(Paragraph::new(lines(app, theme, lanes, inner)), inner);
    let w = usize::from(footer.width);
    frame.render_widget(Paragraph::new(hint_line(app, theme, w)), footer);
}

/// The labels, one line per visible actor, and the line about the cursor's cell.
fn lines(app: &App, theme: &Theme, lanes: &Lanes, area: Rect) -> Vec<Line<'static>> {
    let cell = lanes.cell;
    let w = usize::from(area.width);
    let height = usize::from(area.height);
    // From the first row and column, scrolled just far enough to keep
    // the cursor on screen.
    let shown_cols = (w.saturating_sub(LEFT) / cell).max(1);
    let shown_rows = height.saturating_sub(2).max(1);
    let left = lanes.col.saturating_sub(shown_cols - 1);
    let top = lanes.row.saturating_sub(shown_rows - 1);
    let cols = left..(left + shown_cols).min(lanes.columns.len());

    let mut heading = vec![Span::raw(" ".repeat(LEFT))];
    for c in cols.clone() {
        let label = truncate(&lanes.columns[c].label(), cell.saturating_sub(1));
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

    let t = app.timeline();
    for row in (top..lanes.actors.len()).take(shown_rows) {
        let actor = &t.actors[lanes.actors[row]];
        let name = truncate(&actor.short, NAME);
        let pad = NAME.saturating_sub(width(&name));
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

    let (Some(&actor), Some(column)) = (lanes.actors.get(lanes.row), lanes.columns.get(lanes.col))
    else {
        return out;
    };
    let short = &t.actors[actor].short;
    let n = lanes.count(lanes.row, lanes.col);
    let zoom = format!(
        "{} {}",
        keymap::label(Scope::Lanes, &Message::ToggleZoom),
        if lanes.zoom.is_some() {
            "years"
        } else {
            "months"
        }
    );
    let enter = keymap::label(Scope::Lanes, &Message::OpenSelected);
    let when = column.describe();
    let about = match n {
        0 => format!(" {short} in {when}: no shown event · {zoom}"),
        1 => format!(" {short} in {when}: 1 shown event · {enter} lists it · {zoom}"),
        n => format!(" {short} in {when}: {n} shown events · {enter} lists them · {zoom}"),
    };
    while out.len() < height.saturating_sub(1) {
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(truncate(&about, w), theme.title)));
    out
}
