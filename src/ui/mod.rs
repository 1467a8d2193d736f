//! Drawing the explorer: `draw(frame, &App)` reads state and renders only
//! what is visible. It never changes `App`.
//!
//! ```text
//!  Title   96 events · filter: TTP ∧ PAK · 2021–2024 · /border     HEADER (2 rows)
//!  2007 ▁▂▁▁▂▄▃▂▁▁▁▂▁▁▃▅█▆ 2024
//! ┌ Actors ──────┬ Events 34/96 ───────────────┬ Details ──────────────┐
//! │ [x] TTP   41 │ 2021                        │ 15 Aug 2021 · Kabul   │  BODY
//! │ [ ] PAK   60 │ ▸ 15 Aug  Taliban enter …   │ …                     │
//! └──────────────┴─────────────────────────────┴───────────────────────┘
//!  j/k move  / search  Space filter  Enter open  ? help  q quit           FOOTER (1 row)
//! ```
//!
//! Wide terminals (≥ `WIDE`) show the three panes, the details widest at
//! ≥ `WIDER`; medium ones show the focused pane and its neighbour; narrow
//! ones the focused pane alone. Below `MIN_WIDTH`×`MIN_HEIGHT` a
//! "terminal too small" message replaces everything.

pub mod details;
mod header;
mod help;
mod lanes;
mod panes;
mod present;
mod theme;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub use header::describe_filters;
pub use theme::{Theme, ThemeName};
pub use wrap::{truncate, wrap};

use crate::app::keymap;
use crate::app::{App, Mode, Pane, Prompt};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width all three panes show.
pub const WIDE: u16 = 110;
/// From this width the details pane takes the larger share.
pub const WIDER: u16 = 160;
/// From this width two panes show side by side.
pub const MEDIUM: u16 = 64;

const HEADER: Constraint = Constraint::Length(2);
const BODY: Constraint = Constraint::Min(3);
const FOOTER: Constraint = Constraint::Length(1);

/// Where each part of the screen goes; hidden panes are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    pub header: Rect,
    pub actors: Option<Rect>,
    pub events: Option<Rect>,
    pub details: Option<Rect>,
    pub footer: Rect,
}

/// The layout for a screen size and the focused pane. Pure, so `update`
/// uses it too (mouse clicks, page sizes).
pub fn layout(area: Rect, pane: Pane) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let [header, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(area);
    let mut a = Areas {
        header,
        footer,
        ..Areas::default()
    };
    let w = area.width;
    if w >= WIDE {
        let actors = if w >= WIDER { 26 } else { 22 };
        let (ev, de) = if w >= WIDER { (45, 55) } else { (52, 48) };
        let [left, rest] =
            Layout::horizontal([Constraint::Length(actors), Constraint::Min(10)]).areas(body);
        let [mid, right] =
            Layout::horizontal([Constraint::Percentage(ev), Constraint::Percentage(de)])
                .areas(rest);
        (a.actors, a.events, a.details) = (Some(left), Some(mid), Some(right));
    } else if w >= MEDIUM {
        if pane == Pane::Actors {
            let [left, rest] =
                Layout::horizontal([Constraint::Length(24), Constraint::Min(10)]).areas(body);
            (a.actors, a.events) = (Some(left), Some(rest));
        } else {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(body);
            (a.events, a.details) = (Some(left), Some(right));
        }
    } else {
        match pane {
            Pane::Actors => a.actors = Some(body),
            Pane::Events => a.events = Some(body),
            Pane::Details => a.details = Some(body),
        }
    }
    a
}

/// Renders the whole screen from the state.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let theme = Theme::get(app.theme, app.no_color);
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base);
    let areas = layout(area, app.pane);
    if areas.too_small {
        let msg = format!(
            "Terminal too small: {}×{}. Needs {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or press q to quit.",
            area.width, area.height
        );
        let lines: Vec<Line<'_>> = wrap(&msg, usize::from(area.width.max(1)))
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines).style(theme.error), area);
        return;
    }
    if let Mode::Present(deck) = &app.mode {
        present::draw(frame, app, &theme, deck);
        return;
    }
    if let Mode::Lanes(l) = &app.mode {
        lanes::draw(frame, app, &theme, l);
        return;
    }
    header::draw(frame, app, &theme, areas.header);
    if let Some(r) = areas.actors {
        panes::draw_actors(frame, app, &theme, r);
    }
    if let Some(r) = areas.events {
        panes::draw_events(frame, app, &theme, r);
    }
    if let Some(r) = areas.details {
        details::draw(frame, app, &theme, r);
    }
    draw_footer(frame, app, &theme, areas.footer);
    if let Mode::Help { scroll } = app.mode {
        help::draw(frame, &theme, area, scroll);
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

/// The bottom line: the prompt while typing, else a banner, else the hints.
fn draw_footer(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    let line = match &app.mode {
        Mode::Prompt {
            kind, input, error, ..
        } => {
            let label = match kind {
                Prompt::Search => "/",
                Prompt::Narrow => "narrow actors: ",
                Prompt::DateRange => "dates (2021..2023-06, 2014, ..2010): ",
                Prompt::Jump => "jump to date: ",
                Prompt::Export(_) => "",
            };
            let mut spans = vec![];
            if let Prompt::Export(format) = kind {
                spans.push(Span::styled(
                    format!("export {} (Tab: format) to: ", format.label()),
                    theme.heading,
                ));
            }
            spans.extend([
                Span::styled(label, theme.heading),
                Span::styled(crate::text::one_line(input), theme.title),
                Span::styled("█", theme.dim),
            ]);
            match (error, kind) {
                (Some(e), _) => spans.push(Span::styled(
                    format!("  {}", crate::text::one_line(e)),
                    theme.error,
                )),
                (None, Prompt::Search) => spans.push(Span::styled(
                    format!(
                        "  {} matches · Enter keep · Esc cancel",
                        app.filtered.matches.len()
                    ),
                    theme.dim,
                )),
                (None, _) => spans.push(Span::styled("  Enter accept · Esc cancel", theme.dim)),
            }
            Line::from(spans)
        }
        _ => hint_line(app, theme, width),
    };
    frame.render_widget(Paragraph::new(line).style(Style::default()), area);
}

/// The banner if there is one, else the keys that matter in this mode and pane.
fn hint_line(app: &App, theme: &Theme, width: usize) -> Line<'static> {
    if let Some(b) = &app.banner {
        return Line::from(Span::styled(
            truncate(&format!(" {b}"), width),
            theme.heading,
        ));
    }
    let mut spans = Vec::new();
    for b in keymap::hints(&app.mode, app.pane) {
        spans.push(Span::styled(format!(" {}", b.label), theme.heading));
        spans.push(Span::styled(
            format!(" {} ", b.hint.unwrap_or_default()),
            theme.dim,
        ));
    }
    Line::from(spans)
}
