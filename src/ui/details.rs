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
use crate::app::{App, Message, Mode, Pane, Subject, Tone};

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

/// A source's address on screen, where the terminal is told it links to
/// `url` (OSC 8): `width` cells from (`x`, `y`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub url: String,
}

/// The addresses the details pane shows, where they are drawn, for the
/// loop to mark as hyperlinks after the frame. Only while the pane is
/// uncovered, and only addresses `Source::link` accepts: nothing else from
/// a file is ever given to the terminal inside a sequence.
pub fn hyperlinks(app: &App) -> Vec<Hyperlink> {
    let uncovered = matches!(
        app.mode(),
        Mode::Browse | Mode::Prompt(_) | Mode::ConfirmReplace { .. }
    );
    let (Some(area), Some(Subject::Event(ix)), true) =
        (app.areas().details, app.subject(), uncovered)
    else {
        return Vec::new();
    };
    if app.areas().too_small {
        return Vec::new();
    }
    let Some(event) = app.timeline().events.get(ix) else {
        return Vec::new();
    };
    let inner = ratatui::widgets::Block::bordered().inner(area);
    let doc = app.doc();
    let mut out = Vec::new();
    let rows = doc
        .lines
        .iter()
        .skip(app.details_top())
        .take(usize::from(inner.height));
    for (y, pieces) in (inner.y..).zip(rows) {
        let mut x = 0usize;
        for (tone, text) in pieces {
            let w = crate::fit::width(text);
            let url = match tone {
                Tone::Link(n) => doc
                    .links
                    .get(*n)
                    .and_then(|l| l.source)
                    .and_then(|s| event.sources.get(s))
                    .and_then(|s| s.link()),
                _ => None,
            };
            let room = usize::from(inner.width).saturating_sub(x);
            if let Some(url) = url
                && room > 0
                && w > 0
            {
                out.push(Hyperlink {
                    x: inner.x + u16::try_from(x).unwrap_or(u16::MAX),
                    y,
                    width: u16::try_from(w.min(room)).unwrap_or(u16::MAX),
                    url: url.to_string(),
                });
            }
            x += w;
        }
    }
    out
}
