//! The details pane: an event in full, or an actor's profile.
//!
//! `document` lays the content out as wrapped lines for a width and records
//! which line each link sits on, so `update` can scroll a selected link into
//! view and `draw` only slices the visible lines. Links are the actors and
//! related events of an event, and the linked actors and events of an actor,
//! in reading order; `links` lists them in that same order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::wrap::highlight;
use super::{Theme, pane_block, truncate, wrap};
use crate::app::{App, Focus, Pane};
use crate::model::{ActorIx, Event, EventIx, Stance, Timeline};
use crate::query::Index;

/// Events listed in an actor's profile before "and N more".
pub const PROFILE_EVENTS: usize = 300;

pub struct Doc {
    pub lines: Vec<Line<'static>>,
    pub link_rows: Vec<usize>,
}

/// The link targets of a focus, in reading order.
pub fn links(t: &Timeline, index: &Index, focus: Focus) -> Vec<Focus> {
    match focus {
        Focus::Event(e) => {
            let ev = &t.events[e];
            event_actors(ev)
                .into_iter()
                .map(Focus::Actor)
                .chain(ev.related.iter().map(|&r| Focus::Event(r)))
                .collect()
        }
        Focus::Actor(a) => t.actors[a]
            .links
            .iter()
            .map(|&l| Focus::Actor(l))
            .chain(
                index.actor_events[a]
                    .iter()
                    .take(PROFILE_EVENTS)
                    .map(|&e| Focus::Event(e)),
            )
            .collect(),
    }
}

/// An event's actors, then claimants not already among them.
fn event_actors(e: &Event) -> Vec<ActorIx> {
    let mut v = e.actors.clone();
    for c in &e.claims {
        if !v.contains(&c.by) {
            v.push(c.by);
        }
    }
    v
}

struct Builder<'a> {
    theme: &'a Theme,
    width: usize,
    words: Vec<String>,
    lines: Vec<Line<'static>>,
    link_rows: Vec<usize>,
    selected_link: Option<usize>,
}

impl Builder<'_> {
    fn blank(&mut self) {
        self.lines.push(Line::from(""));
    }

    fn heading(&mut self, s: &str) {
        self.blank();
        self.lines
            .push(Line::from(Span::styled(s.to_string(), self.theme.heading)));
    }

    /// Wrapped text with search matches marked; `indent` columns to the left.
    fn text(&mut self, s: &str, style: Style, indent: usize) {
        for l in wrap(s, self.width.saturating_sub(indent)) {
            let mut spans = vec![Span::raw(" ".repeat(indent))];
            spans.extend(highlight(&l, &self.words, style, self.theme.matched));
            self.lines.push(Line::from(spans));
        }
    }

    fn link(&mut self, label: String, detail: &str) {
        let n = self.link_rows.len();
        self.link_rows.push(self.lines.len());
        let selected = self.selected_link == Some(n);
        let style = if selected {
            self.theme.selected
        } else {
            self.theme.link
        };
        let marker = if selected { "▸ " } else { "› " };
        let room = self.width.saturating_sub(2);
        let label = truncate(&label, room);
        let rest = truncate(
            detail,
            room.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()) + 2),
        );
        self.lines.push(Line::from(vec![
            Span::styled(marker, style),
            Span::styled(label, style),
            Span::styled(format!("  {rest}"), self.theme.dim),
        ]));
    }
}

/// Lays out `focus` for a pane `width` columns wide.
pub fn document(app: &App, focus: Focus, width: u16) -> Doc {
    let theme = Theme::get(app.theme, app.no_color);
    let mut b = Builder {
        theme: &theme,
        width: usize::from(width.max(1)),
        words: app.search_words(),
        lines: Vec::new(),
        link_rows: Vec::new(),
        selected_link: (app.pane == Pane::Details).then_some(app.link),
    };
    match focus {
        Focus::Event(e) => event_doc(&mut b, &app.timeline, e),
        Focus::Actor(a) => actor_doc(&mut b, &app.timeline, &app.index, a),
    }
    Doc {
        lines: b.lines,
        link_rows: b.link_rows,
    }
}

fn event_doc(b: &mut Builder<'_>, t: &Timeline, ix: EventIx) {
    let e = &t.events[ix];
    let theme = b.theme;
    let mut top = e.display_date();
    if !e.location.is_empty() {
        top.push_str(" · ");
        top.push_str(&e.location);
    }
    b.text(&top, theme.heading, 0);
    b.text(&e.title, theme.title, 0);
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|&g| format!("#{}", t.tags[g])).collect();
        b.text(&tags.join(" "), theme.dim, 0);
    }
    b.blank();
    b.text(&e.summary, theme.base, 0);
    if !e.details.is_empty() {
        b.blank();
        b.text(&e.details, theme.base, 0);
    }
    if !e.figures.is_empty() {
        b.heading("Figures");
        let f: Vec<String> = e.figures.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        b.text(&f.join(" · "), theme.base, 2);
    }
    if !e.claims.is_empty() {
        claims(b, t, e);
    }
    if !e.sources.is_empty() {
        b.heading("Sources");
        for (i, s) in e.sources.iter().enumerate() {
            let mut line = format!("[{}] {} — {}", i + 1, s.publisher, s.title);
            if let Some(d) = s.date {
                line.push_str(&format!(" ({d})"));
            }
            b.text(&line, theme.base, 2);
            if let Some(g) = s.grade {
                b.text(&format!("grade {}", g.describe()), theme.dim, 6);
            }
            if let Some(u) = &s.url {
                b.text(u, theme.dim, 6);
            }
        }
    }
    let actors = event_actors(e);
    if !actors.is_empty() {
        b.heading("Actors");
        for a in actors {
            let actor = &t.actors[a];
            b.link(actor.short.clone(), &actor.name);
        }
    }
    if !e.related.is_empty() {
        b.heading("Related events");
        for &r in &e.related {
            let re = &t.events[r];
            b.link(re.display_date(), &re.title);
        }
    }
    b.blank();
    b.text(&format!("{} · {}", e.id, e.origin), theme.dim, 0);
}

/// Claims grouped by stance: assertions beside denials when there is room.
fn claims(b: &mut Builder<'_>, t: &Timeline, e: &Event) {
    b.heading("Claims");
    let theme = b.theme;
    let render = |stances: &[Stance], width: usize| -> Vec<Line<'static>> {
        let mut out = Vec::new();
        for c in e.claims.iter().filter(|c| stances.contains(&c.stance)) {
            let who = format!("{} {}:", t.actors[c.by].short, c.stance.as_str());
            let style = if c.stance.is_for() {
                theme.claim_for
            } else {
                theme.claim_against
            };
            out.push(Line::from(Span::styled(truncate(&who, width), style)));
            for l in wrap(&format!("“{}”", c.text), width.saturating_sub(2)) {
                out.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(l, theme.base),
                ]));
            }
        }
        out
    };
    let for_ = [Stance::Asserts, Stance::Confirms];
    let against = [Stance::Denies, Stance::Disputes];
    let has_against = e.claims.iter().any(|c| !c.stance.is_for());
    let has_for = e.claims.iter().any(|c| c.stance.is_for());
    if has_for && has_against && b.width >= 56 {
        let col = (b.width - 3) / 2;
        let left = render(&for_, col);
        let right = render(&against, col);
        for i in 0..left.len().max(right.len()) {
            let l = left.get(i).cloned().unwrap_or_default();
            let pad = col.saturating_sub(l.width());
            let mut spans = l.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(" │ ", theme.dim));
            spans.extend(right.get(i).cloned().unwrap_or_default().spans);
            b.lines.push(Line::from(spans));
        }
    } else {
        let all = render(&for_, b.width);
        b.lines.extend(all);
        b.lines.extend(render(&against, b.width));
    }
}

fn actor_doc(b: &mut Builder<'_>, t: &Timeline, index: &Index, a: ActorIx) {
    let actor = &t.actors[a];
    let theme = b.theme;
    b.text(&format!("{} ({})", actor.name, actor.short), theme.title, 0);
    b.text(
        &format!("{} · id {}", actor.kind.as_str(), actor.id),
        theme.dim,
        0,
    );
    if !actor.aliases.is_empty() {
        b.text(&format!("also: {}", actor.aliases.join("; ")), theme.dim, 0);
    }
    b.blank();
    b.text(&actor.summary, theme.base, 0);
    if !actor.links.is_empty() {
        b.heading("Linked actors");
        for &l in &actor.links {
            b.link(t.actors[l].short.clone(), &t.actors[l].name);
        }
    }
    let events = &index.actor_events[a];
    b.heading(&format!("Events ({})", events.len()));
    for &e in events.iter().take(PROFILE_EVENTS) {
        let ev = &t.events[e];
        b.link(ev.display_date(), &ev.title);
    }
    if events.len() > PROFILE_EVENTS {
        b.text(
            &format!(
                "… and {} more: filter by this actor to see them all",
                events.len() - PROFILE_EVENTS
            ),
            theme.dim,
            2,
        );
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, area: Rect) {
    let focused = app.pane == Pane::Details;
    let title = match app.focus() {
        Some(Focus::Actor(_)) => "Actor".to_string(),
        _ => "Details".to_string(),
    };
    let title = if app.history.is_empty() {
        title
    } else {
        format!("{title} · ⌫ back ({})", app.history.len())
    };
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(focus) = app.focus() else {
        frame.render_widget(Paragraph::new("Nothing selected.").style(theme.dim), inner);
        return;
    };
    let doc = document(app, focus, inner.width);
    let lines: Vec<Line<'static>> = doc
        .lines
        .into_iter()
        .skip(app.details_top)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
