//! The actors pane and the events pane. Each draws only its visible rows,
//! from the rows `update` precomputed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::wrap::highlight;
use super::{Theme, pane_block, truncate};
use crate::app::{App, Entry, Pane, Row};
use crate::query::{Combine, SearchMode};

pub fn draw_actors(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.pane == Pane::Actors;
    let mode = match app.filter.combine {
        Combine::Any => "any",
        Combine::All => "all",
    };
    let mut title = format!("Actors ({mode})");
    if !app.narrow.is_empty() {
        title = format!("Actors /{}", crate::text::one_line(&app.narrow));
    }
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    if app.entries.is_empty() {
        let msg = "No actor or tag matches. Esc clears the narrowing.";
        let lines: Vec<Line<'_>> = super::wrap(msg, width)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines).style(theme.dim), inner);
        return;
    }
    let t = &app.timeline;
    let lines: Vec<Line<'_>> = app
        .entries
        .iter()
        .enumerate()
        .skip(app.entries_top)
        .take(usize::from(inner.height))
        .map(|(i, entry)| {
            let (checked, label, count) = match *entry {
                Entry::Actor(a) => (
                    app.filter.actors.contains(&a),
                    t.actors[a].short.clone(),
                    app.filtered.actor_counts[a],
                ),
                Entry::Tag(g) => (
                    app.filter.tags.contains(&g),
                    format!("#{}", t.tags[g]),
                    app.filtered.tag_counts[g],
                ),
                Entry::TagsHeading => {
                    return Line::from(Span::styled(truncate("Tags", width), theme.heading));
                }
            };
            let mark = if checked { "[x] " } else { "[ ] " };
            let count = count.to_string();
            let room = width.saturating_sub(4 + count.len() + 1);
            let label = truncate(&label, room);
            let pad = room.saturating_sub(label.width());
            let text = format!("{mark}{label}{} {count}", " ".repeat(pad));
            let style = if i == app.entry_cursor {
                if focused {
                    theme.selected
                } else {
                    theme.selected_idle
                }
            } else if checked {
                theme.checked
            } else if count == "0" {
                theme.dim
            } else {
                theme.base
            };
            Line::from(Span::styled(truncate(&text, width), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_events(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.pane == Pane::Events;
    let title = format!(
        "Events {}/{}",
        app.filtered.events.len(),
        app.timeline.events.len()
    );
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    if app.filtered.events.is_empty() {
        let msg = if app.timeline.events.is_empty() {
            "This timeline has no events."
        } else {
            "No event matches the filter. Press c to clear it."
        };
        frame.render_widget(
            Paragraph::new(
                super::wrap(msg, width)
                    .into_iter()
                    .map(Line::from)
                    .collect::<Vec<_>>(),
            )
            .style(theme.dim),
            inner,
        );
        return;
    }
    let words = app.search_words();
    let highlight_mode = app.filter.search_mode == SearchMode::Highlight && !words.is_empty();
    let lines: Vec<Line<'_>> = app
        .rows
        .iter()
        .skip(app.events_top)
        .take(usize::from(inner.height))
        .map(|row| match *row {
            Row::Year(y) => {
                let label = format!("{y} ");
                let rule = "─".repeat(width.saturating_sub(label.width()));
                Line::from(vec![
                    Span::styled(label, theme.year),
                    Span::styled(rule, theme.dim),
                ])
            }
            Row::Event(pos) => event_line(app, theme, pos, width, &words, highlight_mode, focused),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn event_line(
    app: &App,
    theme: &Theme,
    pos: usize,
    width: usize,
    words: &[String],
    highlight_mode: bool,
    focused: bool,
) -> Line<'static> {
    let ix = app.filtered.events[pos];
    let t = &app.timeline;
    let e = &t.events[ix];
    let selected = pos == app.cursor;
    let is_match = highlight_mode && app.filtered.matches.binary_search(&ix).is_ok();
    let row_style = match (selected, focused) {
        (true, true) => theme.selected,
        (true, false) => theme.selected_idle,
        _ => theme.base,
    };
    let pointer = if selected {
        "▸"
    } else if is_match {
        "•"
    } else {
        " "
    };
    let date = e.date.without_year();
    let date = if date.is_empty() {
        "–".to_string()
    } else {
        date
    };
    let conflict = if e.has_conflict() { "≠" } else { " " };
    let badges: Vec<&str> = e
        .actors
        .iter()
        .take(3)
        .map(|&a| t.actors[a].short.as_str())
        .collect();
    let more = if e.actors.len() > 3 { "+" } else { "" };
    let badges = format!("{}{more}", badges.join(" "));
    let fixed = 1 + 1 + 8 + 1 + 1; // pointer, space, date, space, conflict
    // The title matters most: narrow panes give the badges less room, and
    // the narrowest none.
    let badge_room = match width {
        0..40 => 0,
        40..60 => width / 6,
        _ => width / 4,
    }
    .min(badges.width());
    let badges = truncate(&badges, badge_room);
    let title_room = width.saturating_sub(fixed + badges.width() + 2);
    let title = truncate(&e.title, title_room);
    let pad = title_room.saturating_sub(title.width());
    let mut spans = vec![
        Span::styled(format!("{pointer} "), row_style),
        Span::styled(
            format!("{:<8} ", truncate(&date, 8)),
            if selected { row_style } else { theme.dim },
        ),
        Span::styled(
            conflict.to_string(),
            if selected { row_style } else { theme.conflict },
        ),
    ];
    let hit = if selected {
        row_style.patch(Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED))
    } else {
        theme.matched
    };
    spans.extend(highlight(&title, words, row_style, hit));
    spans.push(Span::styled(" ".repeat(pad + 2), row_style));
    spans.push(Span::styled(
        badges,
        if selected { row_style } else { theme.badge },
    ));
    Line::from(spans)
}
