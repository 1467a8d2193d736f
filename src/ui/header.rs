//! The header: the timeline's title, every active filter, and a density
//! strip of events per year after filtering, the selected event's year marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, truncate};
use crate::app::{App, Mode};
use crate::query::{Combine, SearchMode};
use crate::text::one_line;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The active filters as words: "TTP ∧ PAK · #attack · 2021–2024 · /border".
pub fn describe_filters(app: &App) -> Vec<String> {
    let t = &app.timeline;
    let f = &app.filter;
    let mut parts = Vec::new();
    let join = match f.combine {
        Combine::All => " ∧ ",
        Combine::Any => " ∨ ",
    };
    if !f.actors.is_empty() {
        parts.push(
            f.actors
                .iter()
                .map(|&a| t.actors[a].short.as_str())
                .collect::<Vec<_>>()
                .join(join),
        );
    }
    if !f.tags.is_empty() {
        parts.push(
            f.tags
                .iter()
                .map(|&g| format!("#{}", t.tags[g]))
                .collect::<Vec<_>>()
                .join(join),
        );
    }
    match (f.from, f.to) {
        (None, None) => {}
        (Some(a), Some(b)) if a == b => parts.push(a.to_string()),
        (a, b) => parts.push(format!(
            "{}–{}",
            a.map(|d| d.to_string()).unwrap_or_default(),
            b.map(|d| d.to_string()).unwrap_or_default()
        )),
    }
    if !f.search.trim().is_empty() {
        let mut s = format!("/{}", one_line(f.search.trim()));
        match f.search_mode {
            SearchMode::Filter if app.filtered.hidden_by_search > 0 => {
                s.push_str(&format!(" ({} hidden)", app.filtered.hidden_by_search));
            }
            SearchMode::Highlight => {
                s.push_str(&format!(" ({} marked)", app.filtered.matches.len()))
            }
            SearchMode::Filter => {}
        }
        parts.push(s);
    }
    parts
}

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let width = usize::from(area.width);
    let shown = app.filtered.events.len();
    let total = app.timeline.events.len();
    let mut first = vec![
        Span::styled(
            format!(" {}", truncate(&app.timeline.title, width / 2)),
            theme.title,
        ),
        Span::styled(format!("   {shown}/{total} events"), theme.base),
    ];
    let filters = describe_filters(app);
    if filters.is_empty() {
        first.push(Span::styled(" · no filter", theme.dim));
    } else {
        first.push(Span::styled(" · filter: ", theme.dim));
        first.push(Span::styled(filters.join(" · "), theme.heading));
    }
    let strip = strip_line(app, theme, width);
    let lines = vec![Line::from(first), strip];
    frame.render_widget(Paragraph::new(lines), area);
}

/// "2007 ▁▂▁▁▂▄▃▂▁ 2024": one bar per year, or per bucket of years when the
/// span is wider than the screen.
fn strip_line(app: &App, theme: &Theme, width: usize) -> Line<'static> {
    let years = &app.filtered.years;
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Line::from("");
    };
    let room = width.saturating_sub(12).max(1);
    let per = years.len().div_ceil(room).max(1);
    let buckets: Vec<(u16, u32)> = years
        .chunks(per)
        .map(|c| (c[0].0, c.iter().map(|y| y.1).sum()))
        .collect();
    let max = buckets.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    // In the lanes the cursor's year is marked; elsewhere the selected event's.
    let selected_year = match &app.mode {
        Mode::Lanes(l) => l.columns.get(l.col).map(|d| d.year()),
        _ => app
            .selected_event()
            .map(|e| app.timeline.events[e].date.year()),
    };
    let mut spans = vec![Span::styled(format!(" {} ", first.0), theme.dim)];
    for (i, &(y, n)) in buckets.iter().enumerate() {
        let bar = if n == 0 {
            ' '
        } else {
            BARS[((n as usize * 7) / max as usize).min(7)]
        };
        let end = buckets.get(i + 1).map_or(last.0 + 1, |b| b.0);
        let marked = selected_year.is_some_and(|s| s >= y && s < end);
        let (ch, style) = match (marked, n) {
            (true, 0) => ('·', theme.strip_mark),
            (true, _) => (bar, theme.strip_mark),
            (false, _) => (bar, theme.strip),
        };
        spans.push(Span::styled(ch.to_string(), style));
    }
    spans.push(Span::styled(format!(" {}", last.0), theme.dim));
    if let Some(y) = selected_year {
        spans.push(Span::styled(format!("  ▲ {y}"), theme.dim));
    }
    Line::from(spans)
}
