//! The views picker: the timeline's saved filters, then the person's own,
//! each marked as whose, with its id (for `--view`) and what it is for.
//!
//! ```text
//! ┌▶ Views · 4 · Enter applies ────────────────────────────────────┐
//! │ ▸ The TTP since the Taliban took Kabul                          │
//! │     timeline · ttp-since-2021 · From August 2021: talks, the…   │
//! │   Contested mosques                                             │
//! │     yours · contested-mosques                                   │
//! └─────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Layout;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, header, hint_line, pane_block, truncate, width};
use crate::app::keymap::{self, Scope};
use crate::app::layout::{BODY, FOOTER, HEADER};
use crate::app::views::{ViewPicker, Whose};
use crate::app::{App, Message};

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, picker: &ViewPicker) {
    let [top, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(frame.area());
    header::draw(frame, app, theme, top);
    let views = app.views();
    let title = format!(
        "Views · {} · {} applies",
        views.len(),
        keymap::label(Scope::Views, &Message::OpenSelected)
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let w = usize::from(inner.width);
    let fit = (usize::from(inner.height) / 2).max(1);
    let first = picker.cursor.saturating_sub(fit - 1);
    let mut lines = Vec::new();
    for (i, (whose, v)) in views.iter().enumerate().skip(first).take(fit) {
        let selected = i == picker.cursor;
        let mark = if selected { "▸" } else { " " };
        let style = if selected {
            theme.selected
        } else {
            theme.title
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("{mark} {}", v.title), w),
            style,
        )));
        let whose = match whose {
            Whose::Timeline => "timeline",
            Whose::Mine => "yours",
        };
        let facts = format!("    {whose} · {}", v.id);
        let rest = if v.summary.is_empty() {
            String::new()
        } else {
            format!(" · {}", v.summary)
        };
        lines.push(Line::from(vec![
            Span::styled(truncate(&facts, w), theme.heading),
            Span::styled(truncate(&rest, w.saturating_sub(width(&facts))), theme.dim),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let w = usize::from(footer.width);
    frame.render_widget(Paragraph::new(hint_line(app, theme, w)), footer);
}
