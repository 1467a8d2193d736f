//! The overlays: the `?` help generated from the key table, every scope
//! and every mark; the problems of the files on disk; the whole filter.
//! Each uses the box `app::layout::overlay` gives it, and scrolls as
//! `update` says (clamped there).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, pane_block, truncate, wrap};
use crate::app::keymap::{self, HelpLine, Scope};
use crate::app::layout::overlay;
use crate::app::{App, Message};

/// The help's lines for a box `w` columns wide.
pub fn lines(theme: &Theme, w: usize) -> Vec<Line<'static>> {
    keymap::help_lines()
        .into_iter()
        .map(|l| match l {
            HelpLine::Title(t) => Line::from(Span::styled(t.to_string(), theme.heading)),
            HelpLine::Key(key, desc) => Line::from(vec![
                Span::styled(format!("  {key:<9} "), theme.title),
                Span::styled(truncate(desc, w.saturating_sub(12)), theme.base),
            ]),
            HelpLine::Gap => Line::from(""),
            HelpLine::Note(n) => Line::from(Span::styled(truncate(n, w), theme.dim)),
        })
        .collect()
}

fn boxed(frame: &mut Frame<'_>, theme: &Theme, area: Rect, title: String) -> Rect {
    let r = overlay(area.width, area.height);
    frame.render_widget(Clear, r);
    let block = pane_block(title, true, theme);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    inner
}

fn close_keys() -> String {
    let close = keymap::label(Scope::Overlay, &Message::CancelInput);
    let page = keymap::label(Scope::Overlay, &Message::PageDown);
    let line = keymap::label(Scope::Overlay, &Message::MoveDown);
    format!("{page} and {line} scroll · {close} close")
}

pub fn draw(frame: &mut Frame<'_>, theme: &Theme, area: Rect, scroll: usize) {
    let inner = boxed(frame, theme, area, format!("Help · {}", close_keys()));
    let visible: Vec<Line<'static>> = lines(theme, usize::from(inner.width))
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible).style(theme.base), inner);
}

/// Every problem of the files on disk, one per line, as `check` names them.
pub fn draw_problems(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect, scroll: usize) {
    let inner = boxed(
        frame,
        theme,
        area,
        format!("Problems in the files · {}", close_keys()),
    );
    let w = usize::from(inner.width);
    let heading = [
        Line::from(Span::styled(
            truncate(
                "The files on disk do not load; the screen shows the last good timeline. Fix these and save:",
                w,
            ),
            theme.heading,
        )),
        Line::from(""),
    ];
    let rows = app.problem_rows();
    let visible: Vec<Line<'static>> = heading
        .into_iter()
        .chain(rows.into_iter().map(|(first, row)| {
            let lead = if first { "• " } else { "  " };
            Line::from(vec![
                Span::styled(lead, theme.error),
                Span::styled(row, theme.base),
            ])
        }))
        .skip(scroll)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// The whole filter, each part on its own lines.
pub fn draw_filter(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let close = keymap::label(Scope::Overlay, &Message::CancelInput);
    let inner = boxed(frame, theme, area, format!("The filter · {close} close"));
    let w = usize::from(inner.width);
    let parts = crate::query::describe(app.timeline(), app.filter(), app.filtered());
    let mut lines = Vec::new();
    if parts.is_empty() {
        lines.push(Line::from(Span::styled(
            "No filter: every event is shown.",
            theme.dim,
        )));
    }
    for p in parts {
        for l in wrap(&p, w) {
            lines.push(Line::from(Span::styled(l, theme.heading)));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A citation just copied, whole: what the clipboard now holds, to select
/// by hand where the terminal does not pass OSC 52 on.
pub fn draw_copied(frame: &mut Frame<'_>, theme: &Theme, area: Rect, text: &str) {
    let close = keymap::label(Scope::Overlay, &Message::CancelInput);
    let inner = boxed(
        frame,
        theme,
        area,
        format!("Copied to the clipboard · {close} close"),
    );
    let w = usize::from(inner.width);
    let mut lines: Vec<Line<'_>> = wrap(text, w)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.title)))
        .collect();
    lines.push(Line::from(""));
    for l in wrap(
        "Sent through OSC 52; where the terminal does not pass it on, select the text above.",
        w,
    ) {
        lines.push(Line::from(Span::styled(l, theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
