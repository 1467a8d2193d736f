//! Stage two of loading: raw records from every file → one `Timeline`.
//!
//! Merges the files, then checks what only the whole set can tell: duplicate
//! ids (pointing at both places), references to actors, events and claimants
//! that do not exist (with a did-you-mean), and the warnings — events without
//! a source, events outside the declared coverage, actors no event mentions.

use std::collections::HashMap;

use super::diagnostic::Diagnostic;
use super::raw::{RawTimeline, Ref, Spanned};
use super::suggest::{Budget, Suggester};
use crate::model::{Actor, Claim, Coverage, Event, Source, Timeline, Tour, TourStep};
use crate::text::one_line;

pub fn resolve(
    raw: RawTimeline<'_>,
    fallback_title: &str,
    diags: &mut Vec<Diagnostic>,
) -> Timeline {
    let actor_ids = unique_ids(raw.actors.iter().map(|a| &a.id), "actor", diags);
    let event_ids = unique_ids(raw.events.iter().map(|e| &e.id), "event", diags);
    unique_ids(raw.tours.iter().map(|t| &t.id), "tour", diags);

    let mut title = None;
    let mut summary = String::new();
    let mut coverage = None;
    for (i, m) in raw.meta.iter().enumerate() {
        if i > 0 {
            diags.push(
                Diagnostic::error("duplicate-timeline", "[timeline] is defined more than once")
                    .at(m.at.file, m.at.span.clone(), "defined again here")
                    .also(
                        raw.meta[0].at.file,
                        raw.meta[0].at.span.clone(),
                        "first defined here",
                    )
                    .hint("keep one [timeline] table across all the files of a timeline"),
            );
            continue;
        }
        title.clone_from(&m.title);
        summary.clone_from(&m.summary);
        coverage = m.coverage.as_ref().map(|(f, t)| Coverage {
            from: f.value,
            to: t.value,
        });
    }
    if raw.meta.is_empty() && !raw.events.is_empty() {
        diags.push(
            Diagnostic::warning("no-timeline", "no [timeline] table: the timeline has no title")
                .hint("add [timeline] with title = \"…\" and coverage = { from = \"…\", to = \"…\" } to one file"),
        );
    }

    let actor_names = Suggester::new(raw.actors.iter().map(|a| a.id.value.as_str()));
    let event_owned: Vec<String> = raw.events.iter().map(|e| e.id.value.clone()).collect();
    let event_names = Suggester::new(event_owned.iter().map(String::as_str));
    let mut budget = Budget::default();
    let mut mentioned = vec![false; raw.actors.len()];

    let actors: Vec<Actor> = raw
        .actors
        .iter()
        .map(|a| Actor {
            id: a.id.value.clone(),
            name: a.name.clone(),
            short: a.short.clone().unwrap_or_else(|| a.name.clone()),
            aliases: a.aliases.clone(),
            kind: a.kind,
            summary: a.summary.clone(),
            links: refs(
                &a.links,
                &actor_ids,
                &actor_names,
                "actor",
                "linked actor",
                &mut budget,
                diags,
            ),
        })
        .collect();

    let mut tag_names: Vec<&str> = raw
        .events
        .iter()
        .flat_map(|e| e.tags.iter().map(AsRef::as_ref))
        .collect();
    tag_names.sort_unstable();
    tag_names.dedup();
    let tags: Vec<String> = tag_names.into_iter().map(str::to_owned).collect();

    let mut events = Vec::with_capacity(raw.events.len());
    // Events dropped for a missing date shift indices: where each one went.
    let mut kept: Vec<Option<usize>> = vec![None; raw.events.len()];
    for (old, e) in raw.events.into_iter().enumerate() {
        let actors_of = refs(
            &e.actors,
            &actor_ids,
            &actor_names,
            "actor",
            "actor",
            &mut budget,
            diags,
        );
        actors_of.iter().for_each(|&a| mentioned[a] = true);
        let related = refs(
            &e.related,
            &event_ids,
            &event_names,
            "event",
            "related event",
            &mut budget,
            diags,
        );
        let mut claims = Vec::with_capacity(e.claims.len());
        for c in e.claims {
            if let [by] = refs(
                std::slice::from_ref(&c.by),
                &actor_ids,
                &actor_names,
                "actor",
                "claimant",
                &mut budget,
                diags,
            )[..]
            {
                mentioned[by] = true;
                claims.push(Claim {
                    by,
                    stance: c.stance,
                    text: c.text,
                });
            }
        }
        if e.sources.is_empty() {
            diags.push(
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
                diags.push(
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
            actors: actors_of,
            location: e.location,
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
    let remap = |old: usize| kept.get(old).copied().flatten();
    let remapped: Vec<Vec<usize>> = events
        .iter()
        .map(|e| e.related.iter().filter_map(|&r| remap(r)).collect())
        .collect();
    let mut tours = Vec::with_capacity(raw.tours.len());
    for t in raw.tours {
        let mut steps = Vec::with_capacity(t.steps.len());
        for (ev, note) in t.steps {
            if let [ix] = refs(
                std::slice::from_ref(&ev),
                &event_ids,
                &event_names,
                "event",
                "tour step",
                &mut budget,
                diags,
            )[..]
                && let Some(event) = remap(ix)
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
    for (e, related) in events.iter_mut().zip(remapped) {
        e.related = related;
    }

    for (a, used) in raw.actors.iter().zip(&mentioned) {
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

    let title = title.unwrap_or_else(|| fallback_title.to_string());
    Timeline::new(title, summary, coverage, actors, events, tags, tours)
}

/// Maps ids to their first index, reporting each later duplicate at both places.
fn unique_ids<'a>(
    ids: impl Iterator<Item = &'a Spanned<String>>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> HashMap<String, usize> {
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

/// Resolves references, reporting each unknown one with a did-you-mean.
fn refs(
    list: &[Ref<'_>],
    ids: &HashMap<String, usize>,
    names: &Suggester<'_>,
    target: &str,
    role: &str,
    budget: &mut Budget,
    diags: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut out = Vec::with_capacity(list.len());
    // A long list is deduplicated through a set, a short one by scanning.
    let mut seen = std::collections::HashSet::new();
    for r in list {
        match ids.get(r.value.as_ref()) {
            Some(&i) => {
                let fresh = if list.len() > 16 {
                    seen.insert(i)
                } else {
                    !out.contains(&i)
                };
                if fresh {
                    out.push(i);
                }
            }
            None => {
                let shown = one_line(&r.value);
                let near = if budget.take(r.file) {
                    names.suggest(&shown)
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
                let code = match role {
                    "claimant" => "unknown-claimant",
                    "tour step" => "unknown-tour-event",
                    _ if target == "actor" => "unknown-actor",
                    _ => "unknown-event",
                };
                diags.push(
                    Diagnostic::error(code, format!("unknown {role} \"{shown}\""))
                        .at(r.file, r.span.clone(), label)
                        .hint(hint),
                );
            }
        }
    }
    out
}
