//! The tour picker: each tour's title, then its steps, its dates and what
//! it is for.
//!
//! ```text
//!  Title   268/268 events · no filter
//! ┌▶ Tours · 3 · Enter presents ──────────────────────────────────┐
//! │ ▸ Briefing: the TTP's resurgence since August 2021             │
//! │     15 steps · 15 Aug 2021–Jan 2024 · How the Taliban's return… │
//! └────────────────────────────────────────────────────────────────┘
//!  ? help  Esc/q close  j/↓ move  Enter present
//! ```

use ratatui::Frame;
use ratatui::layout::Layout;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, header, hint_line, pane_block, truncate};
use crate::app::keymap::{self, Scope};
use crate::app::layout::{BODY, FOOTER, HEADER};
use crate::app::tours::{TourPicker, rows};
use crate::app::{App, Message};

/// Rows each tour takes: its title, then the facts and summary.
const ROWS_EACH: usize = 2;

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, picker: &TourPicker) {
    let [top, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(frame.area());
    header::draw(frame, app, theme, top);
    let tours = rows(app.timeline());
    let title = format!(
        "Tours · {} · {} presents",
        tours.len(),
        keymap::label(Scope::Tours, &Message::OpenSelected)
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let w = usize::from(inner.width);
    let fit = (usize::from(inner.height) / ROWS_EACH).max(1);
    let first = picker.cursor.saturating_sub(fit - 1);
    let mut lines = Vec::new();
    for (i, tour) in tours.iter().enumerate().skip(first).take(fit) {
        let selected = i == picker.cursor;
        let mark = if selected { "▸" } else { " " };
        let style = if selected {
            theme.selected
        } else {
            theme.title
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("{mark} {}", tour.title), w),
            style,
        )));
        let steps = if tour.steps == 1 { "step" } else { "steps" };
        let facts = format!("    {} {steps} · {} · ", tour.steps, tour.span);
        lines.push(Line::from(vec![
            Span::styled(truncate(&facts, w), theme.heading),
            Span::styled(
                truncate(&tour.summary, w.saturating_sub(crate::fit::width(&facts))),
                theme.dim,
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let w = usize::from(footer.width);
    frame.render_widget(Paragraph::new(hint_line(app, theme, w)), footer);
}
