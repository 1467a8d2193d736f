//! The sources view: one row per publisher of the shown events, the
//! events it supports, those resting on it alone, and its grades.
//!
//! ```text
//!  Title   268/268 events · no filter
//!  2007 ▁▂▁▁▂▄▃▂▁▁▁▂▁▁▃▅█▆ 2024
//! ┌▶ Sources · 240 publishers of the shown events ─────────────────┐
//! │   publisher                     events  alone  grades          │
//! │ ▸ Dawn                              80     12  A2 ×3 · B1 ×40  │
//! └────────────────────────────────────────────────────────────────┘
//!  ? help  Esc/q close  j/↓ move  Enter its events  a alone
//! ```

use ratatui::Frame;
use ratatui::layout::Layout;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, header, hint_line, pane_block, truncate, width};
use crate::app::layout::{BODY, FOOTER, HEADER};
use crate::app::{App, Publishers};
use crate::query::Publisher;

/// Columns for the counts: "events" and "alone", right-aligned.
const COUNTS: usize = 15;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, view: &Publishers) {
    let [top, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(frame.area());
    header::draw(frame, app, theme, top);
    let n = view.rows.len();
    let title = format!(
        "Sources · {n} {} of the shown events",
        if n == 1 { "publisher" } else { "publishers" }
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let w = usize::from(inner.width);
    // The name takes what the counts and a few grades leave.
    let name_w = (w.saturating_sub(COUNTS + 4) * 11 / 20).clamp(8, 48);
    let mut lines = vec![Line::from(Span::styled(
        truncate(
            &format!(
                "  {:<name_w$} {:>6} {:>6}  grades of its reports",
                "publisher", "events", "alone"
            ),
            w,
        ),
        theme.dim,
    ))];
    let rows = usize::from(inner.height).saturating_sub(1);
    for (i, p) in view.rows.iter().enumerate().skip(view.top).take(rows) {
        let selected = i == view.cursor;
        let text = row(p, name_w, selected);
        let style = if selected { theme.selected } else { theme.base };
        lines.push(Line::from(Span::styled(truncate(&text, w), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let w = usize::from(footer.width);
    frame.render_widget(Paragraph::new(hint_line(app, theme, w)), footer);
}

/// "▸ Dawn   80   12  B1 ×40 · B2 ×3 · ungraded 2".
fn row(p: &Publisher, name_w: usize, selected: bool) -> String {
    let mark = if selected { "▸" } else { " " };
    let name = truncate(&p.name, name_w);
    let pad = name_w.saturating_sub(width(&name));
    let mut grades: Vec<String> = p.grades.iter().map(|(g, n)| format!("{g} ×{n}")).collect();
    if p.ungraded > 0 {
        grades.push(format!("ungraded {}", p.ungraded));
    }
    format!(
        "{mark} {name}{} {:>6} {:>6}  {}",
        " ".repeat(pad),
        p.events,
        p.alone,
        grades.join(" · ")
    )
}
