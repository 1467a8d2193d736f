//! Stage two of loading: raw records from every file → one `Timeline`.
//!
//! Merges the files, then checks what only the whole set can tell: duplicate
//! ids (pointing at both places), references to actors, events, claimants,
//! places and tags that do not exist (with a did-you-mean), and the
//! warnings — events without a source, events outside the declared
//! coverage, actors no event mentions.

use std::cell::OnceCell;
use std::collections::HashMap;

mod briefing;
mod events;
mod places;

use super::diagnostic::Diagnostic;
use super::raw::{RawActor, RawTimeline, Ref, Spanned};
use super::suggest::{Budget, Suggester};
use crate::model::{Actor, Coverage, Timeline};
use crate::text::one_line;

/// What a reference names, and where: each with its diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An event's or a view's `actors`.
    Actor,
    /// An actor's `links`.
    LinkedActor,
    /// A claim's `by`.
    Claimant,
    /// An event's `related`.
    RelatedEvent,
    /// A tour step's `event`.
    TourStep,
    /// An event's or a view's `places`.
    Place,
    /// A place's `within`.
    Within,
    /// A view's `tags`.
    Tag,
    /// A view's `event`, selected when it opens.
    Opening,
}

impl Role {
    /// What kind of record the reference must name.
    fn target(self) -> Record {
        match self {
            Role::Actor | Role::LinkedActor | Role::Claimant => Record::Actor,
            Role::RelatedEvent | Role::TourStep | Role::Opening => Record::Event,
            Role::Place | Role::Within => Record::Place,
            Role::Tag => Record::Tag,
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
            Role::Tag => "tag",
            Role::Opening => "event",
        }
    }

    /// The diagnostic code of a reference to nothing.
    fn code(self) -> &'static str {
        match self {
            Role::Actor | Role::LinkedActor => "unknown-actor",
            Role::Claimant => "unknown-claimant",
            Role::RelatedEvent | Role::Opening => "unknown-event",
            Role::TourStep => "unknown-tour-event",
            Role::Place | Role::Within => "unknown-place",
            Role::Tag => "unknown-tag",
        }
    }
}

/// The records that have ids, and tags, which a view names as it names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Record {
    Actor,
    Event,
    Tour,
    Place,
    View,
    Tag,
}

impl Record {
    fn noun(self) -> &'static str {
        match self {
            Record::Actor => "actor",
            Record::Event => "event",
            Record::Tour => "tour",
            Record::Place => "place",
            Record::View => "view",
            Record::Tag => "tag",
        }
    }
}

/// Merges the files' records into one timeline, in stages: the
/// `[timeline]` table, actors, tags, events (with their references), tours
/// and views, and last the actors nothing mentions.
pub fn resolve(
    raw: RawTimeline<'_>,
    fallback_title: &str,
    diags: &mut Vec<Diagnostic>,
) -> Timeline {
    let actor_ids = unique_ids(raw.actors.iter().map(|a| &a.id), Record::Actor, diags);
    let event_ids = unique_ids(raw.events.iter().map(|e| &e.id), Record::Event, diags);
    unique_ids(raw.tours.iter().map(|t| &t.id), Record::Tour, diags);
    unique_ids(raw.views.iter().map(|v| &v.id), Record::View, diags);
    let place_ids = unique_ids(raw.places.iter().map(|p| &p.id), Record::Place, diags);
    let (title, summary, coverage) = meta(&raw, diags);
    let tags = tags(&raw);
    // Only views name tags on their own; events define them by using them.
    let tag_ids: HashMap<String, usize> = if raw.views.is_empty() {
        HashMap::new()
    } else {
        tags.iter()
            .enumerate()
            .map(|(i, g)| (g.clone(), i))
            .collect()
    };
    let mut refs = Refs {
        actor_ids: &actor_ids,
        event_ids: &event_ids,
        place_ids: &place_ids,
        tag_ids: &tag_ids,
        actor_names: OnceCell::new(),
        event_names: OnceCell::new(),
        place_names: OnceCell::new(),
        tag_names: OnceCell::new(),
        budget: Budget::default(),
        mentioned: vec![false; raw.actors.len()],
        placed: vec![false; raw.places.len()],
        diags,
    };
    let actors = refs.actors(&raw);
    let places = refs.places(&raw.places);
    let named = places::Names::new(&raw.places);
    let (events, kept) = refs.events(raw.events, &tags, coverage, &named);
    let tours = refs.tours(raw.tours, &kept);
    let views = refs.views(raw.views);
    let Refs {
        mentioned,
        placed,
        diags,
        ..
    } = refs;
    unused_actors(&raw.actors, &mentioned, diags);
    places::unused(&raw.places, &places, &placed, diags);
    let title = title.unwrap_or_else(|| fallback_title.to_string());
    let mut timeline = Timeline::new(
        title, summary, coverage, actors, events, tags, tours, places,
    );
    timeline.views = views;
    timeline
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
    /// Every tag, when there are views to name them.
    tag_ids: &'s HashMap<String, usize>,
    /// Built on the first reference to nothing: most timelines have none,
    /// and preparing 100,000 ids for suggestions would cost every load.
    actor_names: OnceCell<Suggester<'s>>,
    event_names: OnceCell<Suggester<'s>>,
    place_names: OnceCell<Suggester<'s>>,
    tag_names: OnceCell<Suggester<'s>>,
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

    /// Resolves references, reporting each unknown one with a did-you-mean;
    /// a record named twice is kept once.
    fn resolve(&mut self, list: &[Ref<'_>], role: Role) -> Vec<usize> {
        let mut out = Vec::with_capacity(list.len());
        // A long list is deduplicated through a set, a short one by scanning.
        let mut seen = std::collections::HashSet::new();
        for r in list {
            let Some(i) = self.lookup(r, role) else {
                continue;
            };
            let fresh = if list.len() > 16 {
                seen.insert(i)
            } else {
                !out.contains(&i)
            };
            if fresh {
                out.push(i);
            }
        }
        // A list with a name repeated or unknown keeps no room it lost.
        out.shrink_to_fit();
        out
    }

    /// The record one reference names, or `None` after reporting it.
    fn lookup(&mut self, r: &Ref<'_>, role: Role) -> Option<usize> {
        let (ids, names) = match role.target() {
            Record::Actor => (self.actor_ids, &self.actor_names),
            Record::Place => (self.place_ids, &self.place_names),
            Record::Tag => (self.tag_ids, &self.tag_names),
            Record::Event | Record::Tour | Record::View => (self.event_ids, &self.event_names),
        };
        if let Some(&i) = ids.get(r.value.as_ref()) {
            return Some(i);
        }
        let target = role.target().noun();
        let shown = one_line(&r.value);
        let near = if self.budget.take(r.file) {
            names.get_or_init(|| in_file_order(ids)).suggest(&shown)
        } else {
            None
        };
        // A tag is not defined: it exists once an event carries it.
        let (missing, fix, otherwise) = match role.target() {
            Record::Tag => (
                "no event carries it",
                "fix the spelling: a view names the tags events carry".to_string(),
                format!("tag an event \"{shown}\", or remove this tag"),
            ),
            _ => (
                "not defined",
                format!("fix the spelling, or define the {target} \"{shown}\""),
                format!("define the {target} \"{shown}\", or remove this reference"),
            ),
        };
        let (label, hint) = match near {
            Some(m) => (format!("{missing}; did you mean \"{m}\"?"), fix),
            None => (missing.to_string(), otherwise),
        };
        self.diags.push(
            Diagnostic::error(role.code(), format!("unknown {} \"{shown}\"", role.noun()))
                .at(r.file, r.span.clone(), label)
                .hint(hint),
        );
        None
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
