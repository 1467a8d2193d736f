//! Drawing the explorer: `draw(frame, &App)` reads state and renders only
//! what is visible. It never changes `App`, and lays nothing out that
//! `update` has not: the panes' places come from `app::layout`, the
//! details document and the slides from `App`.
//!
//! ```text
//!  Title   96 events · filter: TTP ∧ PAK · 2021–2024 · /border     HEADER (2 rows)
//!  2007 ▁▂▁▁▂▄▃▂▁▁▁▂▁▁▃▅█▆ 2024
//! ┌ Actors ──────┬ Events 34/96 ───────────────┬ Details ──────────────┐
//! │ [x] TTP   41 │ 2021                        │ 15 Aug 2021 · Kabul   │  BODY
//! └──────────────┴─────────────────────────────┴───────────────────────┘
//!  ? help  q quit  j/k move  / search  Space filter                        FOOTER (1 row)
//! ```

mod details;
mod header;
mod help;
mod highlight;
mod lanes;
mod map;
mod panes;
mod picker;
mod present;
mod presenter;
mod publishers;
mod safe;
mod theme;
mod tours;
mod views;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub use details::{Hyperlink, hyperlinks};
pub use theme::{Theme, ThemeName};

use crate::app::keymap::{self, Scope};
use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Message, Mode, Prompt};
use crate::fit::{truncate, width, wrap};

/// Renders the whole screen from the state.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let theme = Theme::get(app.theme(), app.no_color());
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base);
    let areas = app.areas();
    if areas.too_small {
        let msg = format!(
            "Terminal too small: {}×{}. Needs {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or press {} to quit.",
            area.width,
            area.height,
            keymap::label(Scope::Global, &Message::Quit)
        );
        notice(frame, &theme, area, &msg);
        return;
    }
    draw_mode(frame, app, &theme, app.mode());
    safe::cells(frame.buffer_mut());
}

/// A message in place of a screen that has no room to draw.
fn notice(frame: &mut Frame<'_>, theme: &Theme, area: Rect, msg: &str) {
    let lines: Vec<Line<'_>> = wrap(msg, usize::from(area.width.max(1)))
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.error), area);
}

/// One mode's screen; an overlay draws what it covers first.
fn draw_mode(frame: &mut Frame<'_>, app: &App, theme: &Theme, mode: &Mode) {
    let area = frame.area();
    match mode {
        Mode::Present(deck) => present::draw(frame, app, theme, deck),
        Mode::Tours(picker) => tours::draw(frame, app, theme, picker),
        Mode::Follow(f) => presenter::draw(frame, app, theme, f),
        Mode::Views(picker) => views::draw(frame, app, theme, picker),
        Mode::Lanes(l) => lanes::draw(frame, app, theme, l),
        Mode::Map(m) => map::draw(frame, app, theme, m),
        Mode::Publishers(v) => publishers::draw(frame, app, theme, v),
        Mode::Help { scroll, behind } => {
            draw_mode(frame, app, theme, behind);
            help::draw(frame, theme, area, *scroll);
        }
        Mode::Problems { scroll, behind } => {
            draw_mode(frame, app, theme, behind);
            help::draw_problems(frame, app, theme, area, *scroll);
        }
        Mode::FilterInFull { behind } => {
            draw_mode(frame, app, theme, behind);
            help::draw_filter(frame, app, theme, area);
        }
        Mode::Copied { text, behind } => {
            draw_mode(frame, app, theme, behind);
            help::draw_copied(frame, theme, area, text);
        }
        Mode::Browse | Mode::Prompt(_) | Mode::ConfirmReplace { .. } => {
            let areas = app.areas();
            header::draw(frame, app, theme, areas.header);
            if let Some(r) = areas.actors {
                panes::draw_actors(frame, app, theme, r);
            }
            if let Some(r) = areas.events {
                panes::draw_events(frame, app, theme, r);
            }
            if let Some(r) = areas.details {
                details::draw(frame, app, theme, r);
            }
            draw_footer(frame, app, theme, areas.footer);
        }
    }
}

/// A bordered pane whose border shows whether it has the focus.
fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let marker = if focused { "▶ " } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(format!("{marker}{title}"), style))
}

/// The bottom line: the prompt while typing, the question while asking,
/// else a banner, else the hints.
fn draw_footer(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let w = usize::from(area.width);
    let line = match app.mode() {
        Mode::Prompt(p) => prompt_line(app, theme, p, w),
        Mode::ConfirmReplace { path, .. } => {
            let yes = keymap::label(Scope::Confirm, &Message::Confirm);
            let no = keymap::label(Scope::Confirm, &Message::Decline);
            Line::from(vec![
                Span::styled(
                    truncate(
                        &format!(" {} exists. Replace it? ", crate::text::one_line(path)),
                        w.saturating_sub(40),
                    ),
                    theme.heading,
                ),
                Span::styled(
                    format!("{yes} replace · {no} keep it and choose another name"),
                    theme.title,
                ),
            ])
        }
        _ => hint_line(app, theme, w),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn prompt_line(app: &App, theme: &Theme, p: &crate::app::PromptState, w: usize) -> Line<'static> {
    let accept = keymap::label(Scope::Prompt, &Message::SubmitInput);
    let cancel = keymap::label(Scope::Prompt, &Message::CancelInput);
    let label = match p.kind {
        Prompt::Search => "/".to_string(),
        Prompt::Narrow => "narrow actors: ".into(),
        Prompt::DateRange => "dates (2021..2023-06, 2014, ..2010): ".into(),
        Prompt::Jump => "jump to date: ".into(),
        Prompt::Sources => "sources (B2, denies, by ttp, contested, weak): ".into(),
        Prompt::AsOf => "as known on (2014-12-16; empty: today): ".into(),
        Prompt::Export(format) => format!(
            "export {} ({} format) to: ",
            format.label(),
            keymap::label(Scope::Prompt, &Message::NextFormat)
        ),
        Prompt::Note(_) => "note: ".into(),
        Prompt::SaveView => "save the filter as a view named: ".into(),
        Prompt::SaveTour { by_date } => format!(
            "save the marks as a tour ({}; {} switches) to a new file: ",
            if by_date {
                "in date order"
            } else {
                "in the order marked"
            },
            keymap::label(Scope::Prompt, &Message::NextFormat)
        ),
    };
    let mut spans = vec![
        Span::styled(label, theme.heading),
        Span::styled(crate::text::one_line(&p.input), theme.title),
        Span::styled("█", theme.dim),
    ];
    let tail = match (&p.error, p.kind) {
        (Some(e), _) => Span::styled(format!("  {}", crate::text::one_line(e)), theme.error),
        (None, Prompt::Search) => {
            let n = app.filtered().matches.len();
            Span::styled(
                format!(
                    "  {n} {} · {accept} keep · {cancel} cancel",
                    if n == 1 { "match" } else { "matches" }
                ),
                theme.dim,
            )
        }
        (None, _) => Span::styled(format!("  {accept} accept · {cancel} cancel"), theme.dim),
    };
    // The error (or the hint) and the end of the input matter most: the
    // start of a long input gives way first, then the hint.
    let tail_text = truncate(&tail.content, w / 2);
    let room = w.saturating_sub(width(&spans[0].content) + 1 + width(&tail_text));
    let input = crate::text::one_line(&p.input);
    if width(&input) > room {
        let (end, _) = unicode_truncate::UnicodeTruncateStr::unicode_truncate_start(
            input.as_str(),
            room.saturating_sub(1),
        );
        spans[1] = Span::styled(format!("…{end}"), theme.title);
    }
    spans.push(Span::styled(tail_text, tail.style));
    Line::from(spans)
}

/// The banner if there is one, else the keys that matter in this mode and
/// pane, as many whole hints as fit.
fn hint_line(app: &App, theme: &Theme, w: usize) -> Line<'static> {
    if let Some(b) = app.banner() {
        return Line::from(Span::styled(truncate(&format!(" {b}"), w), theme.heading));
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for b in keymap::hints(app.mode(), app.pane()) {
        let key = format!(" {}", b.label);
        let word = format!(" {} ", b.hint.unwrap_or_default());
        let n = width(&key) + width(&word);
        if used + n > w {
            break;
        }
        used += n;
        spans.push(Span::styled(key, theme.heading));
        spans.push(Span::styled(word, theme.dim));
    }
    Line::from(spans)
}
