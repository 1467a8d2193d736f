//! The header: the timeline's title, every active filter, what live reload
//! is doing, and a density strip of events per year after filtering, the
//! selected event's year marked. A filter too long for the line ends in
//! "…" and names the key that shows it whole.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, truncate, width};
use crate::app::keymap::{self, Scope};
use crate::app::layout::strip;
use crate::app::{App, Message, Mode, WatchStatus};

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// What the header says about the files on disk, if anything: a broken
/// edit, a reload under way or stuck, watching stopped.
pub fn live_mark(app: &App) -> Option<String> {
    let live = app.live();
    let show = keymap::label(Scope::Global, &Message::ToggleProblems);
    if let Some(b) = &live.broken {
        let n = b.problems.len();
        return Some(format!(
            "⚠ not reloaded: {n} {} — press {show} to see {}",
            if n == 1 { "error" } else { "errors" },
            if n == 1 { "it" } else { "them" }
        ));
    }
    if live.stalled {
        return Some("⚠ reloading is taking long: a file does not answer".into());
    }
    if live.reloading {
        return Some("⟳ reloading".into());
    }
    match &live.watch {
        WatchStatus::Stopped(why) => Some(format!("⚠ not watching for changes: {why}")),
        WatchStatus::Partly(why) => Some(format!("⚠ {why}")),
        WatchStatus::Off | WatchStatus::Watching(_) => None,
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let w = usize::from(area.width);
    let shown = app.filtered().events.len();
    let total = app.timeline().events.len();
    let mark = live_mark(app);
    let title = format!(" {}", truncate(&app.timeline().title, w / 3));
    let count = format!("   {shown}/{total} events");
    let mut first = vec![
        Span::styled(title.clone(), theme.title),
        Span::styled(count.clone(), theme.base),
    ];
    let mut used = width(&title) + width(&count);
    let mark_room = mark.as_ref().map_or(0, |m| width(m) + 3);
    let filters = crate::query::describe_filters(app.timeline(), app.filter(), app.filtered());
    // The view of the past stands apart from the filters, in its own colour.
    if let Some(known) = crate::query::known_on(app.timeline()) {
        let known = format!(" {} ", truncate(&known, w.saturating_sub(used + 2)));
        used += width(&known);
        first.push(Span::styled(" ", theme.base));
        first.push(Span::styled(known, theme.known_on));
        used += 1;
    }
    // A view's title stands for its filter while the filter is unchanged
    // (F shows the filter whole).
    let (lead, text) = if let Some(title) = app.view_title() {
        (" · view: ", crate::text::one_line(title))
    } else if filters.is_empty() {
        (" · no filter", String::new())
    } else {
        (" · filter: ", filters.join(" · "))
    };
    used += width(lead);
    first.push(Span::styled(lead, theme.dim));
    let room = w.saturating_sub(used + mark_room);
    if width(&text) > room {
        let full = keymap::label(Scope::Global, &Message::ShowFilter);
        let key = format!(" ({full}: all)");
        let cut = truncate(&text, room.saturating_sub(width(&key)));
        first.push(Span::styled(cut, theme.heading));
        first.push(Span::styled(key, theme.dim));
    } else {
        first.push(Span::styled(text, theme.heading));
    }
    if let Some(m) = mark {
        first.push(Span::styled("   ", theme.base));
        first.push(Span::styled(
            truncate(&m, mark_room.saturating_sub(3)),
            theme.error,
        ));
    }
    let strip = strip_line(app, theme, area.width);
    frame.render_widget(Paragraph::new(vec![Line::from(first), strip]), area);
}

/// "2007 ▁▂▁▁▂▄▃▂▁ 2024": one bar per year, or per bucket of years when the
/// span is wider than the screen, stretched to the width (`layout::strip`).
fn strip_line(app: &App, theme: &Theme, screen: u16) -> Line<'static> {
    let years = &app.filtered().years;
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Line::from("");
    };
    let s = strip(years.len(), screen);
    let buckets: Vec<(u16, u32)> = years
        .chunks(s.per)
        .map(|c| (c[0].0, c.iter().map(|y| y.1).sum()))
        .collect();
    let max = buckets.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    // In the lanes the cursor's year is marked; elsewhere the selected event's.
    let selected_year = match app.mode() {
        Mode::Lanes(l) => l.columns.get(l.col).map(|c| c.year()),
        _ => app.selected_event().map(|e| app.index().years[e]),
    };
    let mut spans = vec![Span::styled(format!(" {:<4} ", first.0), theme.dim)];
    for (i, &(y, n)) in buckets.iter().enumerate() {
        let bar = if n == 0 {
            ' '
        } else {
            BARS[((n as usize * 7) / max as usize).min(7)]
        };
        let end = buckets.get(i + 1).map_or(last.0.saturating_add(1), |b| b.0);
        let marked = selected_year.is_some_and(|sy| sy >= y && sy < end);
        let (ch, style) = match (marked, n) {
            (true, 0) => ('·', theme.strip_mark),
            (true, _) => (bar, theme.strip_mark),
            (false, _) => (bar, theme.strip),
        };
        spans.push(Span::styled(ch.to_string().repeat(s.cell), style));
    }
    spans.push(Span::styled(format!(" {}", last.0), theme.dim));
    if let Some(y) = selected_year {
        spans.push(Span::styled(format!("  ▲ {y}"), theme.dim));
    }
    Line::from(spans)
}
