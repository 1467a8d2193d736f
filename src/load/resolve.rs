//! Stage two of loading: raw records from every file → one `Timeline`.
//!
//! Merges the files, then checks what only the whole set can tell: duplicate
//! ids (pointing at both places), references to actors, events and claimants
//! that do not exist (with a did-you-mean), and the warnings — events without
//! a source, events outside the declared coverage, actors no event mentions.

use std::cell::OnceCell;
use std::collections::HashMap;

mod places;

use super::diagnostic::Diagnostic;
use super::raw::{RawActor, RawEvent, RawTimeline, RawTour, Ref, Spanned};
use super::suggest::{Budget, Suggester};
use crate::model::{Actor, Claim, Coverage, Event, Source, Timeline, Tour, TourStep};
use crate::text::one_line;

/// What a reference names, and where: each with its diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An event's `actors`.
    Actor,
    /// An actor's `links`.
    LinkedActor,
    /// A claim's `by`.
    Claimant,
    /// An event's `related`.
    RelatedEvent,
    /// A tour step's `event`.
    TourStep,
    /// An event's `places`.
    Place,
    /// A place's `within`.
    Within,
}

impl Role {
    /// What kind of record the reference must name.
    fn target(self) -> Record {
        match self {
            Role::Actor | Role::LinkedActor | Role::Claimant => Record::Actor,
            Role::RelatedEvent | Role::TourStep => Record::Event,
            Role::Place | Role::Within => Record::Place,
        }
    }

    /// The reference as a message names it: "unknown claimant …".
    fn noun(self) -> &'static str {
        match self {
            Role::Actor => "actor",
            Role::LinkedActor => "linked actor",
            Role::Claimant => "claimant",
            Role::RelatedEvent => "related event",
            Role::TourStep => "tour step",
            Role::Place => "place",
            Role::Within => "enclosing place",
        }
    }

    /// The diagnostic code of a reference to nothing.
    fn code(self) -> &'static str {
        match self {
            Role::Actor | Role::LinkedActor => "unknown-actor",
            Role::Claimant => "unknown-claimant",
            Role::RelatedEvent => "unknown-event",
            Role::TourStep => "unknown-tour-event",
            Role::Place | Role::Within => "unknown-place",
        }
    }
}

/// The records that have ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Record {
    Actor,
    Event,
    Tour,
    Place,
}

impl Record {
    fn noun(self) -> &'static str {
        match self {
            Record::Actor => "actor",
            Record::Event => "event",
            Record::Tour => "tour",
            Record::Place => "place",
        }
    }
}

/// Merges the files' records into one timeline, in stages: the
/// `[timeline]` table, actors, tags, events (with their references), tours,
/// and last the actors nothing mentions.
pub fn resolve(
    raw: RawTimeline<'_>,
    fallback_title: &str,
    diags: &mut Vec<Diagnostic>,
) -> Timeline {
    let actor_ids = unique_ids(raw.actors.iter().map(|a| &a.id), Record::Actor, diags);
    let event_ids = unique_ids(raw.events.iter().map(|e| &e.id), Record::Event, diags);
    unique_ids(raw.tours.iter().map(|t| &t.id), Record::Tour, diags);
    let place_ids = unique_ids(raw.places.iter().map(|p| &p.id), Record::Place, diags);
    let (title, summary, coverage) = meta(&raw, diags);
    let mut refs = Refs {
        actor_ids: &actor_ids,
        event_ids: &event_ids,
        place_ids: &place_ids,
        actor_names: OnceCell::new(),
        event_names: OnceCell::new(),
        place_names: OnceCell::new(),
        budget: Budget::default(),
        mentioned: vec![false; raw.actors.len()],
        placed: vec![false; raw.places.len()],
        diags,
    };
    let actors = refs.actors(&raw);
    let places = refs.places(&raw.places);
    let tags = tags(&raw);
    let named = places::Names::new(&raw.places);
    let (events, kept) = refs.events(raw.events, &tags, coverage, &named);
    let tours = refs.tours(raw.tours, &kept);
    let Refs {
        mentioned,
        placed,
        diags,
        ..
    } = refs;
    unused_actors(&raw.actors, &mentioned, diags);
    places::unused(&raw.places, &places, &placed, diags);
    let title = title.unwrap_or_else(|| fallback_title.to_string());
    Timeline::new(
        title, summary, coverage, actors, events, tags, tours, places,
    )
}

/// The `[timeline]` table: its title, summary and coverage, and a report
/// when there is none or more than one.
fn meta(
    raw: &RawTimeline<'_>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, String, Option<Coverage>) {
    let Some(first) = raw.meta.first() else {
        if !raw.events.is_empty() {
            diags.push(
                Diagnostic::warning("no-timeline", "no [timeline] table: the timeline has no title")
                    .hint("add [timeline] with title = \"…\" and coverage = { from = \"…\", to = \"…\" } to one file"),
            );
        }
        return (None, String::new(), None);
    };
    for m in &raw.meta[1..] {
        diags.push(
            Diagnostic::error("duplicate-timeline", "[timeline] is defined more than once")
                .at(m.at.file, m.at.span.clone(), "defined again here")
                .also(first.at.file, first.at.span.clone(), "first defined here")
                .hint("keep one [timeline] table across all the files of a timeline"),
        );
    }
    let coverage = first.coverage.as_ref().map(|(f, t)| Coverage {
        from: f.value,
        to: t.value,
    });
    (first.title.clone(), first.summary.clone(), coverage)
}

/// Every tag any event uses, sorted: the index events' tags point into.
fn tags(raw: &RawTimeline<'_>) -> Vec<String> {
    let mut names: Vec<&str> = raw
        .events
        .iter()
        .flat_map(|e| e.tags.iter().map(AsRef::as_ref))
        .collect();
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(str::to_owned).collect()
}

/// What resolving references needs: the ids, the did-you-mean indexes and
/// their shared budget, and which actors have been mentioned so far.
struct Refs<'s, 'd> {
    actor_ids: &'s HashMap<String, usize>,
    event_ids: &'s HashMap<String, usize>,
    place_ids: &'s HashMap<String, usize>,
    /// Built on the first reference to nothing: most timelines have none,
    /// and preparing 100,000 ids for suggestions would cost every load.
    actor_names: OnceCell<Suggester<'s>>,
    event_names: OnceCell<Suggester<'s>>,
    place_names: OnceCell<Suggester<'s>>,
    budget: Budget,
    mentioned: Vec<bool>,
    /// Which places an event names.
    placed: Vec<bool>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Refs<'_, '_> {
    fn actors(&mut self, raw: &RawTimeline<'_>) -> Vec<Actor> {
        raw.actors
            .iter()
            .map(|a| Actor {
                id: a.id.value.clone(),
                name: a.name.clone(),
                short: a.short.clone().unwrap_or_else(|| a.name.clone()),
                aliases: a.aliases.clone(),
                kind: a.kind,
                summary: a.summary.clone(),
                links: self.resolve(&a.links, Role::LinkedActor),
            })
            .collect()
    }

    /// The events with a date, and for each raw event where it went (an
    /// event dropped for a missing date shifts the ones after it).
    fn events(
        &mut self,
        raw: Vec<RawEvent<'_>>,
        tags: &[String],
        coverage: Option<Coverage>,
        named: &places::Names,
    ) -> (Vec<Event>, Vec<Option<usize>>) {
        let mut events = Vec::with_capacity(raw.len());
        let mut kept: Vec<Option<usize>> = vec![None; raw.len()];
        for (old, e) in raw.into_iter().enumerate() {
            let actors = self.resolve(&e.actors, Role::Actor);
            actors.iter().for_each(|&a| self.mentioned[a] = true);
            let related = self.resolve(&e.related, Role::RelatedEvent);
            let places = self.resolve(&e.places, Role::Place);
            places.iter().for_each(|&p| self.placed[p] = true);
            if e.places.is_empty()
                && let Some(at) = &e.location_at
                && let Some(name) = named.named_in(&e.location)
            {
                self.diags.push(places::unplaced(&e.id.value, at, name));
            }
            let mut claims = Vec::with_capacity(e.claims.len());
            for c in e.claims {
                if let [by] = self.resolve(std::slice::from_ref(&c.by), Role::Claimant)[..] {
                    self.mentioned[by] = true;
                    claims.push(Claim {
                        by,
                        stance: c.stance,
                        text: c.text,
                        sources: c.sources,
                    });
                }
            }
            if e.sources.is_empty() {
                self.diags.push(
                    Diagnostic::warning(
                        "no-source",
                        format!("event \"{}\" has no source", e.id.value),
                    )
                    .at(
                        e.id.file,
                        e.id.span.clone(),
                        "no [[events.sources]] for this event",
                    )
                    .hint("add [[events.sources]] with publisher and title after the event"),
                );
            }
            let Some(date) = e.date else { continue };
            if let Some(c) = coverage {
                let end = e.end.as_ref().map_or(date.value, |d| d.value);
                if date.value.first_day() > c.to.last_day() || end.last_day() < c.from.first_day() {
                    self.diags.push(
                        Diagnostic::warning(
                            "outside-coverage",
                            format!(
                                "event \"{}\" ({}) is outside the declared coverage {}–{}",
                                e.id.value, date.value, c.from, c.to
                            ),
                        )
                        .at(date.file, date.span.clone(), "outside the coverage")
                        .hint("fix the date, or widen `coverage` in [timeline]"),
                    );
                }
            }
            let tag_ix = e
                .tags
                .iter()
                .filter_map(|t| tags.binary_search_by(|x| x.as_str().cmp(t)).ok())
                .collect();
            kept[old] = Some(events.len());
            events.push(Event {
                origin: e.origin,
                id: e.id.value,
                date: date.value,
                end: e.end.map(|d| d.value),
                title: e.title,
                summary: e.summary,
                details: e.details,
                editor_note: e.editor_note,
                actors,
                location: e.location,
                places,
                tags: tag_ix,
                figures: e.figures,
                related,
                claims,
                sources: e
                    .sources
                    .into_iter()
                    .map(|s| Source {
                        publisher: s.publisher,
                        title: s.title,
                        date: s.date,
                        url: s.url,
                        grade: s.grade,
                    })
                    .collect(),
            });
        }
        // Related events were resolved against the raw list.
        for e in &mut events {
            e.related = e.related.iter().filter_map(|&r| kept[r]).collect();
        }
        (events, kept)
    }

    fn tours(&mut self, raw: Vec<RawTour<'_>>, kept: &[Option<usize>]) -> Vec<Tour> {
        let mut tours = Vec::with_capacity(raw.len());
        for t in raw {
            let mut steps = Vec::with_capacity(t.steps.len());
            for (ev, note) in t.steps {
                if let [ix] = self.resolve(std::slice::from_ref(&ev), Role::TourStep)[..]
                    && let Some(event) = kept[ix]
                {
                    steps.push(TourStep { event, note });
                }
            }
            tours.push(Tour {
                id: t.id.value,
                title: t.title,
                summary: t.summary,
                steps,
            });
        }
        tours
    }

    /// Resolves references, reporting each unknown one with a did-you-mean.
    fn resolve(&mut self, list: &[Ref<'_>], role: Role) -> Vec<usize> {
        let (ids, names) = match role.target() {
            Record::Actor => (self.actor_ids, &self.actor_names),
            Record::Place => (self.place_ids, &self.place_names),
            Record::Event | Record::Tour => (self.event_ids, &self.event_names),
        };
        let target = role.target().noun();
        let mut out = Vec::with_capacity(list.len());
        // A long list is deduplicated through a set, a short one by scanning.
        let mut seen = std::collections::HashSet::new();
        for r in list {
            if let Some(&i) = ids.get(r.value.as_ref()) {
                let fresh = if list.len() > 16 {
                    seen.insert(i)
                } else {
                    !out.contains(&i)
                };
                if fresh {
                    out.push(i);
                }
                continue;
            }
            let shown = one_line(&r.value);
            let near = if self.budget.take(r.file) {
                names.get_or_init(|| in_file_order(ids)).suggest(&shown)
            } else {
                None
            };
            let (label, hint) = match near {
                Some(m) => (
                    format!("not defined; did you mean \"{m}\"?"),
                    format!("fix the spelling, or define the {target} \"{shown}\""),
                ),
                None => (
                    "not defined".to_string(),
                    format!("define the {target} \"{shown}\", or remove this reference"),
                ),
            };
            self.diags.push(
                Diagnostic::error(role.code(), format!("unknown {} \"{shown}\"", role.noun()))
                    .at(r.file, r.span.clone(), label)
                    .hint(hint),
            );
        }
        out
    }
}

/// The ids of a map from id to first index, in the order they were defined,
/// ready for suggestions: between equally close ids, the first defined wins.
fn in_file_order(ids: &HashMap<String, usize>) -> Suggester<'_> {
    let mut names: Vec<(&str, usize)> = ids.iter().map(|(id, &i)| (id.as_str(), i)).collect();
    names.sort_unstable_by_key(|&(_, i)| i);
    Suggester::new(names.into_iter().map(|(id, _)| id))
}

/// Warns of each actor no event or claim mentions.
fn unused_actors(actors: &[RawActor<'_>], mentioned: &[bool], diags: &mut Vec<Diagnostic>) {
    for (a, used) in actors.iter().zip(mentioned) {
        if !used {
            diags.push(
                Diagnostic::warning(
                    "unused-actor",
                    format!("actor \"{}\" is not mentioned by any event", a.id.value),
                )
                .at(a.id.file, a.id.span.clone(), "defined but never used")
                .hint("list it in an event's `actors` or a claim's `by`, or remove it"),
            );
        }
    }
}

/// Maps ids to their first index, reporting each later duplicate at both places.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a Spanned<String>>,
    record: Record,
    diags: &mut Vec<Diagnostic>,
) -> HashMap<String, usize> {
    let what = record.noun();
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut places: Vec<&Spanned<String>> = Vec::new();
    for (i, id) in ids.enumerate() {
        places.push(id);
        if let Some(&j) = first.get(&id.value) {
            let prev = places[j];
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("duplicate {what} id \"{}\"", one_line(&id.value)),
                )
                .at(id.file, id.span.clone(), "defined again here")
                .also(prev.file, prev.span.clone(), "first defined here")
                .hint(format!(
                    "every {what} id must be unique across all files; rename one"
                )),
            );
        } else {
            first.insert(id.value.clone(), i);
        }
    }
    first
}
