//! A list to choose from, two rows an item: its title, then what it is
//! (facts in one colour, a description in another); the tour and view
//! pickers draw through it.

use ratatui::Frame;
use ratatui::layout::Layout;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, header, hint_line, pane_block, truncate, width};
use crate::app::App;
use crate::app::layout::{BODY, FOOTER, HEADER};

/// An item: its title, its facts, and the rest of its line.
pub struct Item {
    pub title: String,
    pub facts: String,
    pub rest: String,
}

pub fn draw(
    frame: &mut Frame<'_>,
    app: &App,
    theme: &Theme,
    title: String,
    items: &[Item],
    cursor: usize,
) {
    let [top, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(frame.area());
    header::draw(frame, app, theme, top);
    let block = pane_block(title, true, theme);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let w = usize::from(inner.width);
    let fit = (usize::from(inner.height) / 2).max(1);
    let first = cursor.saturating_sub(fit - 1);
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate().skip(first).take(fit) {
        let selected = i == cursor;
        let mark = if selected { "▸" } else { " " };
        let style = if selected {
            theme.selected
        } else {
            theme.title
        };
        lines.push(Line::from(Span::styled(
            truncate(&format!("{mark} {}", item.title), w),
            style,
        )));
        let facts = format!("    {}", item.facts);
        lines.push(Line::from(vec![
            Span::styled(truncate(&facts, w), theme.heading),
            Span::styled(
                truncate(&item.rest, w.saturating_sub(width(&facts))),
                theme.dim,
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let w = usize::from(footer.width);
    frame.render_widget(Paragraph::new(hint_line(app, theme, w)), footer);
}
