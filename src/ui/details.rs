//! The details pane: the document `update` laid out, styled and sliced to
//! what is visible. Search matches are marked, the selected link is shown
//! as selected while the pane has the keyboard.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::highlight::highlight;
use super::{Theme, pane_block};
use crate::app::keymap::{self, Scope};
use crate::app::{App, Message, Pane, Subject, Tone};

fn style(theme: &Theme, tone: Tone, selected: Option<usize>) -> Style {
    match tone {
        Tone::Plain => theme.base,
        Tone::Title => theme.title,
        Tone::Heading => theme.heading,
        Tone::Dim => theme.dim,
        Tone::ClaimFor => theme.claim_for,
        Tone::ClaimAgainst => theme.claim_against,
        Tone::Note => theme.note,
        Tone::Link(n) if selected == Some(n) => theme.selected,
        Tone::Link(_) => theme.link,
        Tone::LinkDetail(_) => theme.dim,
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.pane() == Pane::Details;
    let title = match app.subject() {
        Some(Subject::Actor(_)) => "Actor".to_string(),
        _ => "Details".to_string(),
    };
    let title = match app.history_len() {
        0 => title,
        n => format!(
            "{title} · {} back ({n})",
            keymap::label(Scope::Details, &Message::GoBack)
        ),
    };
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.subject().is_none() {
        frame.render_widget(Paragraph::new("Nothing selected.").style(theme.dim), inner);
        return;
    }
    let words = app.search_words();
    let selected = focused.then_some(app.link());
    let lines: Vec<Line<'static>> = app
        .doc()
        .lines
        .iter()
        .skip(app.details_top())
        .take(usize::from(inner.height))
        .map(|pieces| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for (tone, text) in pieces {
                let s = style(theme, *tone, selected);
                match tone {
                    Tone::Plain | Tone::Title | Tone::Heading | Tone::Note => {
                        spans.extend(highlight(text, &words, s, theme.matched));
                    }
                    _ => spans.push(Span::styled(text.clone(), s)),
                }
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
