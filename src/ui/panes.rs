//! The actors pane and the events pane. Each draws only its visible rows,
//! from the rows `update` precomputed. The events pane keeps the year of
//! its first row in view above it, and gives the title room before the
//! badges: they shrink to a count before a title is cut short.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::highlight::highlight;
use super::{Theme, pane_block, truncate, width};
use crate::app::keymap::{self, Scope};
use crate::app::{App, Entry, Message, Pane, Row};
use crate::model::Precision;
use crate::query::{self, Combine, SearchMode};

/// A title keeps at least this many columns before badges give way.
const TITLE_FIRST: usize = 40;

pub fn draw_actors(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.pane() == Pane::Actors;
    let mode = match app.filter().combine {
        Combine::Any => "any",
        Combine::All => "all",
    };
    let title = if app.narrowing().is_empty() {
        format!("Actors ({mode})")
    } else {
        format!("Actors /{}", crate::text::one_line(app.narrowing()))
    };
    // What the numbers are, where they are read.
    let block = pane_block(title, focused, theme)
        .title_bottom(Span::styled("n = shown events", theme.dim).into_right_aligned_line());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    if app.entries().is_empty() {
        let msg = format!(
            "No actor or tag matches. {} clears the narrowing.",
            keymap::label(Scope::Actors, &Message::GoBack)
        );
        let lines: Vec<Line<'_>> = crate::fit::wrap(&msg, w)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines).style(theme.dim), inner);
        return;
    }
    let t = app.timeline();
    let shown = app.filtered();
    let mut fuzzy =
        (!app.narrowing().trim().is_empty()).then(|| query::Fuzzy::new(app.narrowing()));
    let lines: Vec<Line<'_>> = app
        .entries()
        .iter()
        .enumerate()
        .skip(app.entries_top())
        .take(usize::from(inner.height))
        .map(|(i, entry)| {
            let (checked, label, count) = match *entry {
                Entry::Actor(a) => (
                    app.filter().actors.contains(&a),
                    t.actors[a].short.clone(),
                    shown.actor_counts[a],
                ),
                Entry::Tag(g) => (
                    app.filter().tags.contains(&g),
                    format!("#{}", t.tags[g]),
                    shown.tag_counts[g],
                ),
                Entry::Place(p) => (
                    app.filter().places.contains(&p),
                    format!("@{}", t.places[p].short),
                    shown.place_counts[p],
                ),
                Entry::TagsHeading => {
                    return Line::from(Span::styled(truncate("Tags", w), theme.heading));
                }
                Entry::PlacesHeading => {
                    return Line::from(Span::styled(truncate("Places", w), theme.heading));
                }
            };
            let mark = if checked { "[x] " } else { "[ ] " };
            let count = count.to_string();
            let room = w.saturating_sub(4 + count.len() + 1);
            let mut hits = fuzzy
                .as_mut()
                .map(|f| f.positions(&label))
                .unwrap_or_default();
            let full = label;
            let label = truncate(&full, room);
            if label != full {
                // The ellipsis stands for what was cut: nothing past it is marked.
                let kept = label.chars().count().saturating_sub(1);
                hits.retain(|&p| p < kept);
            }
            let pad = room.saturating_sub(width(&label));
            let selected = i == app.entry_cursor();
            let style = if selected {
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
            let hit = if selected {
                style.add_modifier(Modifier::UNDERLINED)
            } else {
                theme.matched
            };
            if w < 4 + 1 + count.len() {
                return Line::from(Span::styled(truncate(&format!("{mark}{label}"), w), style));
            }
            let mut spans = vec![Span::styled(mark, style)];
            spans.extend(marked(&label, &hits, style, hit));
            spans.push(Span::styled(format!("{} {count}", " ".repeat(pad)), style));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_events(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.pane() == Pane::Events;
    let title = format!(
        "Events {}/{}",
        app.filtered().events.len(),
        app.timeline().events.len()
    );
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    if app.filtered().events.is_empty() {
        let msg = if app.timeline().events.is_empty() {
            "This timeline has no events.".to_string()
        } else {
            format!(
                "No event matches the filter. Press {} to clear it.",
                keymap::label(Scope::Global, &Message::ClearFilters)
            )
        };
        let lines: Vec<Line<'_>> = crate::fit::wrap(&msg, w)
            .into_iter()
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines).style(theme.dim), inner);
        return;
    }
    let words = app.search_words();
    let highlight_mode = app.filter().search_mode == SearchMode::Highlight && !words.is_empty();
    let rows = app.rows();
    let top = app.events_top();
    let mut lines: Vec<Line<'_>> = Vec::new();
    // The year of the first row shown, when that row is not its separator.
    if let Some(Row::Event(pos)) = rows.get(top)
        && inner.height > 1
    {
        let year = app.index().years[app.filtered().events[*pos]];
        lines.push(year_line(year, w, theme));
    }
    let room = usize::from(inner.height) - lines.len();
    for row in rows.iter().skip(top).take(room) {
        lines.push(match *row {
            Row::Year(y) => year_line(y, w, theme),
            Row::Event(pos) => event_line(app, theme, pos, w, &words, highlight_mode, focused),
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `label` in spans, the characters at `hits` (character positions) in `hit`.
fn marked(label: &str, hits: &[usize], base: Style, hit: Style) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in label.chars().enumerate() {
        let is_hit = hits.binary_search(&i).is_ok();
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { hit } else { base },
            ));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { base }));
    }
    spans
}

fn year_line(y: u16, w: usize, theme: &Theme) -> Line<'static> {
    let label = format!("{y} ");
    let rule = "─".repeat(w.saturating_sub(width(&label)));
    Line::from(vec![
        Span::styled(label, theme.year),
        Span::styled(rule, theme.dim),
    ])
}

/// The badges of an event in `room` columns: the short names, as many as
/// fit, and a count of the rest ("TTP PAK +2", "+4").
fn badges(names: &[&str], room: usize) -> String {
    let all = names.join(" ");
    if width(&all) <= room {
        return all;
    }
    for keep in (0..names.len()).rev() {
        let rest = format!("+{}", names.len() - keep);
        let shown = names[..keep].join(" ");
        let text = if keep == 0 {
            rest
        } else {
            format!("{shown} {rest}")
        };
        if width(&text) <= room {
            return text;
        }
    }
    String::new()
}

fn event_line(
    app: &App,
    theme: &Theme,
    pos: usize,
    w: usize,
    words: &[String],
    highlight_mode: bool,
    focused: bool,
) -> Line<'static> {
    let ix = app.filtered().events[pos];
    let t = app.timeline();
    let e = &t.events[ix];
    let selected = pos == app.cursor();
    let is_match = highlight_mode && app.filtered().matches.binary_search(&ix).is_ok();
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
    // An event known only to its year shows the year: nothing else is known.
    let date = match e.date.precision() {
        Precision::Year => e.date.to_string(),
        _ => e.date.without_year(),
    };
    let conflict = if e.has_conflict() { "≠" } else { " " };
    // New or changed since `--since`: a word, first among the badges.
    let names: Vec<&str> = app
        .badge(ix)
        .map(|b| b.word())
        .into_iter()
        .chain(e.actors.iter().map(|&a| t.actors[a].short.as_str()))
        .collect();
    let fixed = 1 + 1 + 8 + 1 + 1; // pointer, space, date, space, conflict
    let free = w.saturating_sub(fixed + 2);
    // The title first: the badges get what is left once the title has
    // its whole width, or at least forty columns of it.
    let full = width(&names.join(" "));
    let title_width = width(&e.title);
    let reserve = title_width.min(TITLE_FIRST.max(free.saturating_sub(full)));
    let badges = badges(&names, free.saturating_sub(reserve));
    let title_room = free.saturating_sub(width(&badges));
    let title = truncate(&e.title, title_room);
    let pad = title_room.saturating_sub(width(&title));
    // A marked event carries a star in the margin: a mark, not a colour.
    let star = if app.is_marked(ix) { "★" } else { " " };
    let mut spans = vec![
        Span::styled(format!("{pointer}{star}"), row_style),
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
        row_style.patch(Style::new().add_modifier(Modifier::UNDERLINED))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_shrink_to_a_count() {
        let names = ["TTP", "PAK-GOV", "AFG"];
        assert_eq!(badges(&names, 30), "TTP PAK-GOV AFG");
        assert_eq!(badges(&names, 14), "TTP PAK-GOV +1");
        assert_eq!(badges(&names, 12), "TTP +2");
        assert_eq!(badges(&names, 7), "TTP +2");
        assert_eq!(badges(&names, 3), "+3");
        assert_eq!(badges(&names, 1), "");
    }
}
