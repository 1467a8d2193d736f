//! The details pane's document, laid out without any theme: lines of text
//! pieces, each with a `Tone` that the drawing code styles, and the links
//! with the row each sits on. Links are written once, in reading order — a
//! source's address, the actors, the related events of an event; the linked
//! actors and the events of an actor — so selecting, scrolling to and
//! following a link all agree.

use super::Subject;
use crate::fit::{truncate, width, wrap};
use crate::model::{ActorIx, Event, Stance, Timeline};
use crate::query::Index;

/// Events listed in an actor's profile before "and N more".
pub const PROFILE_EVENTS: usize = 300;

/// What a piece of the document is, for the drawing code to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Title,
    Heading,
    Dim,
    ClaimFor,
    ClaimAgainst,
    /// The n-th link of the document.
    Link(usize),
    /// The n-th link's detail, beside its label.
    LinkDetail(usize),
    /// The editor's note: for the people who keep the timeline.
    Note,
}

/// A link: where following it goes (`None` for a source's address, which
/// is shown whole when selected), and its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocLink {
    pub target: Option<Subject>,
    pub row: usize,
    /// For a source's address: the source's position in the event's list.
    pub source: Option<usize>,
    /// For a place: Enter filters the explorer to it.
    pub place: Option<crate::model::PlaceIx>,
}

pub type DocLine = Vec<(Tone, String)>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub lines: Vec<DocLine>,
    pub links: Vec<DocLink>,
}

struct Writer {
    width: usize,
    lines: Vec<DocLine>,
    links: Vec<DocLink>,
    /// The selected link, whose source address is shown whole.
    selected: usize,
}

impl Writer {
    fn blank(&mut self) {
        self.lines.push(Vec::new());
    }

    fn heading(&mut self, s: &str) {
        self.blank();
        self.lines.push(vec![(Tone::Heading, s.to_string())]);
    }

    /// Wrapped text, `indent` columns in.
    fn text(&mut self, s: &str, tone: Tone, indent: usize) {
        for l in wrap(s, self.width.saturating_sub(indent)) {
            self.lines
                .push(vec![(Tone::Plain, " ".repeat(indent)), (tone, l)]);
        }
    }

    /// A link to follow: its label, and a detail beside it while there is room.
    fn link(&mut self, label: &str, detail: &str, target: Subject) {
        let n = self.links.len();
        self.links.push(DocLink {
            source: None,
            target: Some(target),
            row: self.lines.len(),
            place: None,
        });
        self.link_line(n, label, detail);
    }

    /// A place to filter by: its name, and what it lies in beside it.
    fn place_link(&mut self, label: &str, detail: &str, place: crate::model::PlaceIx) {
        let n = self.links.len();
        self.links.push(DocLink {
            source: None,
            target: None,
            row: self.lines.len(),
            place: Some(place),
        });
        self.link_line(n, label, detail);
    }

    fn link_line(&mut self, n: usize, label: &str, detail: &str) {
        let room = self.width.saturating_sub(2);
        let label = truncate(label, room);
        let rest = truncate(detail, room.saturating_sub(width(&label) + 2));
        self.lines.push(vec![
            (Tone::Link(n), "› ".to_string()),
            (Tone::Link(n), label),
            (Tone::LinkDetail(n), format!("  {rest}")),
        ]);
    }

    /// A source's address: cut to the line, whole when selected.
    fn address(&mut self, url: &str, indent: usize, source: usize) {
        let n = self.links.len();
        self.links.push(DocLink {
            target: None,
            row: self.lines.len(),
            source: Some(source),
            place: None,
        });
        let room = self.width.saturating_sub(indent);
        let lines = if n == self.selected {
            wrap(url, room)
        } else {
            vec![truncate(url, room)]
        };
        for l in lines {
            self.lines
                .push(vec![(Tone::Plain, " ".repeat(indent)), (Tone::Link(n), l)]);
        }
    }
}

/// The document for `subject`, `width` columns wide, with `selected` the
/// selected link; `own` is what the person brings to an event subject.
pub fn document(
    t: &Timeline,
    index: &Index,
    subject: Subject,
    width: usize,
    selected: usize,
    own: Own<'_>,
) -> Doc {
    let mut b = Writer {
        width: width.max(1),
        lines: Vec::new(),
        links: Vec::new(),
        selected,
    };
    match subject {
        Subject::Event(e) => event_doc(&mut b, t, e, own),
        Subject::Actor(a) => actor_doc(&mut b, t, index, a),
    }
    Doc {
        lines: b.lines,
        links: b.links,
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

/// A claim's words in quotation marks, unless the text brings its own.
pub fn quoted(text: &str) -> String {
    let opens = text.starts_with(['“', '"', '‘', '\'']);
    let closes = text.ends_with(['”', '"', '’', '\'']);
    if opens && closes {
        text.to_string()
    } else {
        format!("“{text}”")
    }
}

/// A claim's words quoted, with the numbers of the sources that carry it:
/// "“…” [2]".
pub fn cited(c: &crate::model::Claim) -> String {
    match c.citation() {
        s if s.is_empty() => quoted(&c.text),
        s => format!("{} {s}", quoted(&c.text)),
    }
}

/// What the person brings to an event: their mark and note, and what
/// changed in it since the version they compare with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Own<'a> {
    /// `None` unmarked, else the note (empty for none).
    pub mark: Option<&'a str>,
    /// The version, and the lines of what changed (`None`: a new event).
    pub since: Option<(&'a str, Option<&'a [String]>)>,
}

fn event_doc(b: &mut Writer, t: &Timeline, ix: usize, own: Own<'_>) {
    let mark = own.mark;
    let e = &t.events[ix];
    let mut top = e.display_date();
    if !e.location.is_empty() {
        top.push_str(" · ");
        top.push_str(&e.location);
    }
    b.text(&top, Tone::Heading, 0);
    b.text(&e.title, Tone::Title, 0);
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|&g| format!("#{}", t.tags[g])).collect();
        b.text(&tags.join(" "), Tone::Dim, 0);
    }
    match mark {
        Some("") => b.text("★ marked", Tone::Heading, 0),
        Some(note) => {
            b.text("★ marked · your note:", Tone::Heading, 0);
            b.text(note, Tone::Note, 2);
        }
        None => {}
    }
    match own.since {
        Some((label, None)) => b.text(&format!("new since {label}"), Tone::Heading, 0),
        Some((label, Some(lines))) => {
            b.text(&format!("changed since {label}:"), Tone::Heading, 0);
            for l in lines {
                b.text(l, Tone::Dim, 2);
            }
        }
        None => {}
    }
    b.blank();
    b.text(&e.summary, Tone::Plain, 0);
    if !e.details.is_empty() {
        b.blank();
        b.text(&e.details, Tone::Plain, 0);
    }
    if let Some(k) = t.known_on {
        b.blank();
        b.text(
            &format!(
                "As known on {}: only the sources out by then, and the claims they carry; the details, written later, are hidden.",
                k.day
            ),
            Tone::Note,
            0,
        );
    }
    if !e.figures.is_empty() {
        b.heading("Figures");
        let f: Vec<String> = e.figures.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        b.text(&f.join(" · "), Tone::Plain, 2);
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
            b.text(&line, Tone::Plain, 2);
            if let Some(g) = s.grade {
                b.text(&format!("grade {}", g.describe()), Tone::Dim, 6);
            }
            if let Some(u) = &s.url {
                b.address(u, 6, i);
            }
        }
    }
    let actors = event_actors(e);
    if !actors.is_empty() {
        b.heading("Actors");
        for a in actors {
            let actor = &t.actors[a];
            b.link(&actor.short, &actor.name, Subject::Actor(a));
        }
    }
    if !e.places.is_empty() {
        b.heading("Places");
        for &p in &e.places {
            let place = &t.places[p];
            let within: Vec<&str> = t.enclosing(p).map(|q| t.places[q].name.as_str()).collect();
            let detail = match within.is_empty() {
                true => place.kind.as_str().to_string(),
                false => format!("{} in {}", place.kind.as_str(), within.join(", ")),
            };
            b.place_link(&place.name, &detail, p);
        }
    }
    if !e.related.is_empty() {
        b.heading("Related events");
        for &r in &e.related {
            let re = &t.events[r];
            b.link(&re.display_date(), &re.title, Subject::Event(r));
        }
    }
    if !e.editor_note.is_empty() {
        b.heading("Editor's note");
        b.text(&e.editor_note, Tone::Note, 2);
    }
    b.blank();
    b.text(&format!("{} · {}", e.id, e.origin), Tone::Dim, 0);
}

/// Claims grouped by stance: assertions beside denials when there is room.
fn claims(b: &mut Writer, t: &Timeline, e: &Event) {
    b.heading("Claims");
    let render = |stances: &[Stance], width: usize| -> Vec<DocLine> {
        let mut out = Vec::new();
        for c in e.claims.iter().filter(|c| stances.contains(&c.stance)) {
            let who = format!("{} {}:", t.actors[c.by].short, c.stance.as_str());
            let tone = if c.stance.is_for() {
                Tone::ClaimFor
            } else {
                Tone::ClaimAgainst
            };
            out.push(vec![(tone, truncate(&who, width))]);
            for l in wrap(&cited(c), width.saturating_sub(2)) {
                out.push(vec![(Tone::Plain, "  ".into()), (Tone::Plain, l)]);
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
            let mut line = left.get(i).cloned().unwrap_or_default();
            let used: usize = line.iter().map(|(_, s)| width(s)).sum();
            line.push((Tone::Plain, " ".repeat(col.saturating_sub(used))));
            line.push((Tone::Dim, " │ ".into()));
            line.extend(right.get(i).cloned().unwrap_or_default());
            b.lines.push(line);
        }
    } else {
        b.lines.extend(render(&for_, b.width));
        b.lines.extend(render(&against, b.width));
    }
}

fn actor_doc(b: &mut Writer, t: &Timeline, index: &Index, a: ActorIx) {
    let actor = &t.actors[a];
    b.text(&format!("{} ({})", actor.name, actor.short), Tone::Title, 0);
    b.text(
        &format!("{} · id {}", actor.kind.as_str(), actor.id),
        Tone::Dim,
        0,
    );
    if !actor.aliases.is_empty() {
        b.text(&format!("also: {}", actor.aliases.join("; ")), Tone::Dim, 0);
    }
    b.blank();
    b.text(&actor.summary, Tone::Plain, 0);
    if !actor.links.is_empty() {
        b.heading("Linked actors");
        for &l in &actor.links {
            b.link(&t.actors[l].short, &t.actors[l].name, Subject::Actor(l));
        }
    }
    let events = &index.actor_events[a];
    b.heading(&format!("Events ({})", events.len()));
    for &e in events.iter().take(PROFILE_EVENTS) {
        let ev = &t.events[e];
        b.link(&ev.display_date(), &ev.title, Subject::Event(e));
    }
    if events.len() > PROFILE_EVENTS {
        b.text(
            &format!(
                "… and {} more: filter by this actor to see them all",
                events.len() - PROFILE_EVENTS
            ),
            Tone::Dim,
            2,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_quoted_once() {
        assert_eq!(quoted("we deny it"), "“we deny it”");
        assert_eq!(quoted("“we deny it”"), "“we deny it”");
        assert_eq!(quoted("\"we deny it\""), "\"we deny it\"");
    }

    #[test]
    fn a_long_address_is_cut_unless_selected() {
        let t = super::super::testing::timeline_of(&format!(
            "[timeline]\ntitle = \"T\"\n[[events]]\nid = \"e\"\ndate = \"2020\"\ntitle = \"E\"\n\
             summary = \"S\"\n[[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\nurl = \"https://example.org/{}\"\n",
            "a".repeat(200)
        ));
        let index = Index::build(&t);
        let shut = document(&t, &index, Subject::Event(0), 40, 9, Own::default());
        let open = document(&t, &index, Subject::Event(0), 40, 0, Own::default());
        let rows = |d: &Doc| {
            d.lines
                .iter()
                .filter(|l| l.iter().any(|(t, _)| *t == Tone::Link(0)))
                .count()
        };
        assert_eq!(rows(&shut), 1);
        assert!(rows(&open) > 4);
        assert!(
            shut.lines
                .iter()
                .all(|l| l.iter().map(|(_, s)| width(s)).sum::<usize>() <= 40)
        );
    }
}
