//! JSON in chronoscope's own export shape, which EXPORT.md documents and
//! `version` guards: every field of every event shown, dates as objects that
//! keep their precision and qualifier, references as ids with names.
//!
//! Adding a field is compatible and keeps version 1; renaming or removing
//! one, or changing its meaning, needs version 2.

use serde::Serialize;

use super::{About, block, line, shown_events};
use crate::model::{Actor, Coverage, Event, EventDate, Source, Timeline};
use crate::query::Filtered;

/// The value of `format`, so a reader can tell the file from others.
pub const FORMAT_NAME: &str = "chronoscope-export";
/// The shape's version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    /// What chose the events, and when and by what the file was made.
    query: QueryJson,
    timeline: TimelineJson,
    actors: Vec<ActorJson>,
    places: Vec<PlaceJson>,
    events: Events<'a>,
}

/// The events, each made into its JSON shape only as it is written: the
/// document streams, never all in memory at once.
struct Events<'a> {
    t: &'a Timeline,
    events: &'a [&'a Event],
    about: &'a About,
}

impl Serialize for Events<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let mut seq = s.serialize_seq(Some(self.events.len()))?;
        for e in self.events {
            seq.serialize_element(&event(self.t, e, self.about))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct PlaceJson {
    id: String,
    name: String,
    short: String,
    kind: &'static str,
    lat: f64,
    lon: f64,
    within: Option<String>,
    aliases: Vec<String>,
}

#[derive(Serialize)]
struct PlaceRef {
    id: String,
    name: String,
    lat: f64,
    lon: f64,
}

#[derive(Serialize)]
struct QueryJson {
    /// The filter in words, as the explorer's header shows it.
    description: Vec<String>,
    actors: Vec<String>,
    all_actors: bool,
    tags: Vec<String>,
    places: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    search: String,
    search_mode: &'static str,
    exported_at: String,
    chronoscope_version: &'static str,
}

#[derive(Serialize)]
struct TimelineJson {
    title: String,
    summary: String,
    coverage: Option<CoverageJson>,
    event_count: usize,
}

#[derive(Serialize)]
struct CoverageJson {
    from: DateJson,
    to: DateJson,
    display: String,
}

#[derive(Serialize)]
struct DateJson {
    edtf: String,
    precision: &'static str,
    qualifier: &'static str,
    display: String,
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

#[derive(Serialize)]
struct ActorJson {
    id: String,
    name: String,
    short: String,
    aliases: Vec<String>,
    kind: &'static str,
    summary: String,
    links: Vec<String>,
}

#[derive(Serialize)]
struct ActorRef {
    id: String,
    name: String,
    short: String,
}

#[derive(Serialize)]
struct EventJson {
    id: String,
    date: DateJson,
    end: Option<DateJson>,
    display_date: String,
    title: String,
    summary: String,
    details: String,
    location: String,
    places: Vec<PlaceRef>,
    actors: Vec<ActorRef>,
    tags: Vec<String>,
    figures: Vec<FigureJson>,
    related: Vec<String>,
    claims: Vec<ClaimJson>,
    sources: Vec<SourceJson>,
    /// The person's note on the event (from their marks); empty for none.
    note: String,
}

#[derive(Serialize)]
struct FigureJson {
    name: String,
    value: u64,
}

#[derive(Serialize)]
struct ClaimJson {
    by: ActorRef,
    stance: &'static str,
    text: String,
    /// The event's sources that carry the claim, numbered from 1 in the
    /// order of `sources`, as the timeline file writes them.
    sources: Vec<usize>,
}

#[derive(Serialize)]
struct SourceJson {
    publisher: String,
    title: String,
    date: Option<DateJson>,
    url: Option<String>,
    grade: Option<String>,
}

pub fn to_json(t: &Timeline, shown: &Filtered, about: &About) -> String {
    super::whole(|out| write_json(t, shown, about, out))
}

/// The JSON document, written as it is made.
pub fn write_json(
    t: &Timeline,
    shown: &Filtered,
    about: &About,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let events: Vec<&Event> = shown_events(t, shown).collect();
    // Every actor an exported event names, as actor or claimant, in the timeline's order.
    let mut involved = vec![false; t.actors.len()];
    for e in &events {
        for a in e.actors.iter().chain(e.claims.iter().map(|c| &c.by)) {
            if let Some(slot) = involved.get_mut(*a) {
                *slot = true;
            }
        }
    }
    // Every place an exported event names, and the places those lie within.
    let mut named = vec![false; t.places.len()];
    for e in &events {
        for &p in &e.places {
            for q in std::iter::once(p).chain(t.enclosing(p)) {
                if let Some(slot) = named.get_mut(q) {
                    *slot = true;
                }
            }
        }
    }
    let doc = Document {
        format: FORMAT_NAME,
        version: VERSION,
        query: QueryJson {
            description: about.filter.clone(),
            actors: about.actors.clone(),
            all_actors: about.all_actors,
            tags: about.tags.clone(),
            places: about.places.clone(),
            from: about.from.clone(),
            to: about.to.clone(),
            search: about.search.clone(),
            search_mode: if about.highlight {
                "highlight"
            } else {
                "filter"
            },
            exported_at: about.made.clone(),
            chronoscope_version: about.version,
        },
        timeline: TimelineJson {
            title: line(&t.title),
            summary: block(&t.summary),
            coverage: t.coverage.map(coverage),
            event_count: t.events.len(),
        },
        actors: t
            .actors
            .iter()
            .zip(&involved)
            .filter(|(_, i)| **i)
            .map(|(a, _)| actor(t, a))
            .collect(),
        places: t
            .places
            .iter()
            .zip(&named)
            .filter(|(_, n)| **n)
            .map(|(p, _)| PlaceJson {
                id: line(&p.id),
                name: line(&p.name),
                short: line(&p.short),
                kind: p.kind.as_str(),
                lat: p.lat,
                lon: p.lon,
                within: p.within.and_then(|w| t.places.get(w)).map(|w| line(&w.id)),
                aliases: p.aliases.iter().map(|s| line(s)).collect(),
            })
            .collect(),
        events: Events {
            t,
            events: &events,
            about,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

fn date(d: &EventDate) -> DateJson {
    DateJson {
        edtf: d.to_edtf(),
        precision: d.precision().as_str(),
        qualifier: d.qualifier().as_str(),
        display: line(&d.to_string()),
        year: d.year(),
        month: d.month(),
        day: d.day(),
    }
}

fn coverage(c: Coverage) -> CoverageJson {
    CoverageJson {
        from: date(&c.from),
        to: date(&c.to),
        display: line(&c.from.display_range(Some(&c.to))),
    }
}

fn actor(t: &Timeline, a: &Actor) -> ActorJson {
    ActorJson {
        id: line(&a.id),
        name: line(&a.name),
        short: line(&a.short),
        aliases: a.aliases.iter().map(|s| line(s)).collect(),
        kind: a.kind.as_str(),
        summary: block(&a.summary),
        links: a
            .links
            .iter()
            .filter_map(|&l| t.actors.get(l))
            .map(|l| line(&l.id))
            .collect(),
    }
}

fn actor_ref(t: &Timeline, a: usize) -> Option<ActorRef> {
    t.actors.get(a).map(|a| ActorRef {
        id: line(&a.id),
        name: line(&a.name),
        short: line(&a.short),
    })
}

fn event(t: &Timeline, e: &Event, about: &About) -> EventJson {
    EventJson {
        note: about.note(&e.id),
        id: line(&e.id),
        date: date(&e.date),
        end: e.end.as_ref().map(date),
        display_date: line(&e.display_date()),
        title: line(&e.title),
        summary: block(&e.summary),
        details: block(&e.details),
        location: line(&e.location),
        places: e
            .places
            .iter()
            .filter_map(|&p| t.places.get(p))
            .map(|p| PlaceRef {
                id: line(&p.id),
                name: line(&p.name),
                lat: p.lat,
                lon: p.lon,
            })
            .collect(),
        actors: e.actors.iter().filter_map(|&a| actor_ref(t, a)).collect(),
        tags: e
            .tags
            .iter()
            .filter_map(|&g| t.tags.get(g))
            .map(|g| line(g))
            .collect(),
        figures: e
            .figures
            .iter()
            .map(|(k, v)| FigureJson {
                name: line(k),
                value: *v,
            })
            .collect(),
        related: e
            .related
            .iter()
            .filter_map(|&r| t.events.get(r))
            .map(|r| line(&r.id))
            .collect(),
        claims: e
            .claims
            .iter()
            .filter_map(|c| {
                Some(ClaimJson {
                    by: actor_ref(t, c.by)?,
                    stance: c.stance.as_str(),
                    text: block(&c.text),
                    sources: c.sources.iter().map(|i| i + 1).collect(),
                })
            })
            .collect(),
        sources: e.sources.iter().map(source).collect(),
    }
}

fn source(s: &Source) -> SourceJson {
    SourceJson {
        publisher: line(&s.publisher),
        title: line(&s.title),
        date: s.date.as_ref().map(date),
        url: s.url.as_deref().map(line),
        grade: s.grade.map(|g| g.to_string()),
    }
}
