//! The `?` overlay, generated from the key table that dispatches keys,
//! grouped by pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, pane_block, truncate};
use crate::app::keymap::{BINDINGS, Scope};

/// Every line of the help, in table order.
pub fn lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let scopes = [
        Scope::Global,
        Scope::Actors,
        Scope::Events,
        Scope::Details,
        Scope::Prompt,
    ];
    let mut out = Vec::new();
    for scope in scopes {
        out.push(Line::from(Span::styled(
            scope.title().to_string(),
            theme.heading,
        )));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            let desc = truncate(b.desc, width.saturating_sub(12));
            out.push(Line::from(vec![
                Span::styled(format!("  {:<9} ", b.label), theme.title),
                Span::styled(desc, theme.base),
            ]));
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled("Marks".to_string(), theme.heading)));
    for (mark, meaning) in [
        ("▸", "the selected event"),
        (
            "≠",
            "the event's claims conflict: someone denies or disputes what another asserts",
        ),
        (
            "•",
            "a search match, when matches are highlighted in place (t)",
        ),
        (
            "[x]",
            "an actor or tag in the filter; ∨ any-of, ∧ all-of in the header",
        ),
        ("–", "the event's date is known to the year only"),
        ("c. / ?", "an approximate / uncertain date"),
    ] {
        out.push(Line::from(vec![
            Span::styled(format!("  {mark:<9} "), theme.title),
            Span::styled(truncate(meaning, width.saturating_sub(12)), theme.base),
        ]));
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        "Mouse: click selects, the wheel scrolls.".to_string(),
        theme.dim,
    )));
    out
}

pub fn draw(frame: &mut Frame<'_>, theme: &Theme, area: Rect, scroll: u16) {
    let w = area.width.saturating_sub(4).min(72);
    let h = area.height.saturating_sub(2);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    frame.render_widget(Clear, r);
    let block = pane_block(
        "Help · j/k scroll · ? or Esc close".to_string(),
        true,
        theme,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let all = lines(theme, usize::from(inner.width));
    let max_scroll = all.len().saturating_sub(usize::from(inner.height));
    let top = usize::from(scroll).min(max_scroll);
    let visible: Vec<Line<'static>> = all
        .into_iter()
        .skip(top)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible).style(theme.base), inner);
}
