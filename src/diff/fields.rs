//! Field by field: what changed in each event, actor, place and tour that
//! both timelines hold, and which records only one of them holds.
//!
//! References are compared by id, never by index: an event's actors by
//! actor id, its places by place id, a tour's steps by event id. Claims
//! and sources are compared as sets, in `sets`; each kind of field, a
//! text, a date, a set of ids, in `values`.

use serde_json::{Value, json};

use super::sets::{claims, sources};
use super::values::{
    date_field, figures, id_set, long_text, optional_text, replaced, text_field, word_field,
};
use super::words::reword;
use super::{Change, Changed, Entry, FieldChange, Section};
use crate::model::{Actor, Event, Place, Timeline, Tour};
use crate::text::{one_line, sanitize};

/// The `[timeline]` table: title, summary, coverage.
pub fn timeline(old: &Timeline, new: &Timeline) -> Vec<FieldChange> {
    let coverage = |t: &Timeline| {
        t.coverage
            .map(|c| one_line(&c.from.display_range(Some(&c.to))))
    };
    let coverage_json = |t: &Timeline| match t.coverage {
        Some(c) => json!({ "from": c.from.to_edtf(), "to": c.to.to_edtf() }),
        None => Value::Null,
    };
    let mut out = Vec::new();
    out.extend(text_field("title", &old.title, &new.title));
    out.extend(long_text("summary", &old.summary, &new.summary));
    if old.coverage != new.coverage {
        out.push(replaced(
            "coverage",
            coverage(old),
            coverage(new),
            false,
            coverage_json(old),
            coverage_json(new),
        ));
    }
    out
}

pub fn events(old: &Timeline, new: &Timeline) -> Section {
    let entry = |e: &Event| Entry {
        id: one_line(&e.id),
        date: Some((e.date, e.end)),
        label: one_line(&e.title),
    };
    let mut s = Section::default();
    for e in &new.events {
        match old.event_ix(&e.id).and_then(|i| old.events.get(i)) {
            None => s.added.push(entry(e)),
            Some(o) => {
                let fields = event(old, o, new, e);
                if !fields.is_empty() {
                    s.changed.push(Changed {
                        entry: entry(e),
                        fields,
                    });
                }
            }
        }
    }
    s.removed = old
        .events
        .iter()
        .filter(|e| new.event_ix(&e.id).is_none())
        .map(entry)
        .collect();
    s
}

/// The fields of one event, in the order FORMAT.md lists them.
fn event(ot: &Timeline, o: &Event, nt: &Timeline, n: &Event) -> Vec<FieldChange> {
    let mut out = Vec::new();
    out.extend(date_field("date", Some(o.date), Some(n.date)));
    out.extend(date_field("end", o.end, n.end));
    out.extend(text_field("title", &o.title, &n.title));
    out.extend(long_text("summary", &o.summary, &n.summary));
    out.extend(long_text("details", &o.details, &n.details));
    out.extend(optional_text("location", &o.location, &n.location));
    let actor_ids = |t: &Timeline, e: &Event| ids(e.actors.iter().map(|&a| actor_id(t, a)));
    out.extend(id_set("actors", actor_ids(ot, o), actor_ids(nt, n)));
    let place_ids = |t: &Timeline, e: &Event| {
        ids(e
            .places
            .iter()
            .map(|&p| t.places.get(p).map(|p| p.id.as_str())))
    };
    out.extend(id_set("places", place_ids(ot, o), place_ids(nt, n)));
    let tags =
        |t: &Timeline, e: &Event| ids(e.tags.iter().map(|&g| t.tags.get(g).map(String::as_str)));
    out.extend(id_set("tags", tags(ot, o), tags(nt, n)));
    out.extend(figures(&o.figures, &n.figures));
    out.extend(claims(ot, o, nt, n));
    out.extend(sources(&o.sources, &n.sources));
    let related = |t: &Timeline, e: &Event| {
        ids(e
            .related
            .iter()
            .map(|&r| t.events.get(r).map(|r| r.id.as_str())))
    };
    out.extend(id_set("related", related(ot, o), related(nt, n)));
    out
}

pub fn actors(old: &Timeline, new: &Timeline) -> Section {
    let entry = |a: &Actor| Entry {
        id: one_line(&a.id),
        date: None,
        label: one_line(&a.name),
    };
    by_id(
        &old.actors,
        &new.actors,
        |a| &a.id,
        |id| old.actor_ix(id).and_then(|i| old.actors.get(i)),
        |id| new.actor_ix(id).is_some(),
        entry,
        |o, n| {
            let mut out = Vec::new();
            out.extend(text_field("name", &o.name, &n.name));
            out.extend(text_field("short", &o.short, &n.short));
            out.extend(word_field("kind", o.kind.as_str(), n.kind.as_str()));
            out.extend(long_text("summary", &o.summary, &n.summary));
            out.extend(id_set(
                "aliases",
                ids(o.aliases.iter().map(|s| Some(s.as_str()))),
                ids(n.aliases.iter().map(|s| Some(s.as_str()))),
            ));
            let links = |t: &Timeline, a: &Actor| ids(a.links.iter().map(|&l| actor_id(t, l)));
            out.extend(id_set("links", links(old, o), links(new, n)));
            out
        },
    )
}

pub fn places(old: &Timeline, new: &Timeline) -> Section {
    let entry = |p: &Place| Entry {
        id: one_line(&p.id),
        date: None,
        label: one_line(&p.name),
    };
    let within = |t: &Timeline, p: &Place| {
        p.within
            .and_then(|w| t.places.get(w))
            .map(|w| one_line(&w.id))
    };
    by_id(
        &old.places,
        &new.places,
        |p| &p.id,
        |id| old.place_ix(id).and_then(|i| old.places.get(i)),
        |id| new.place_ix(id).is_some(),
        entry,
        |o, n| {
            let mut out = Vec::new();
            out.extend(text_field("name", &o.name, &n.name));
            out.extend(text_field("short", &o.short, &n.short));
            out.extend(word_field("kind", o.kind.as_str(), n.kind.as_str()));
            for (field, a, b) in [("lat", o.lat, n.lat), ("lon", o.lon, n.lon)] {
                if a.to_bits() != b.to_bits() {
                    out.push(replaced(
                        field,
                        Some(a.to_string()),
                        Some(b.to_string()),
                        false,
                        json!(a),
                        json!(b),
                    ));
                }
            }
            let (wo, wn) = (within(old, o), within(new, n));
            if wo != wn {
                let (jo, jn) = (json!(wo), json!(wn));
                out.push(replaced("within", wo, wn, false, jo, jn));
            }
            out.extend(id_set(
                "aliases",
                ids(o.aliases.iter().map(|s| Some(s.as_str()))),
                ids(n.aliases.iter().map(|s| Some(s.as_str()))),
            ));
            out
        },
    )
}

pub fn tours(old: &Timeline, new: &Timeline) -> Section {
    let entry = |t: &Tour| Entry {
        id: one_line(&t.id),
        date: None,
        label: one_line(&t.title),
    };
    let sorted = |t: &Timeline| {
        let mut tours: Vec<Tour> = t.tours.clone();
        tours.sort_by(|a, b| a.id.cmp(&b.id));
        tours
    };
    let (o_tours, n_tours) = (sorted(old), sorted(new));
    by_id(
        &o_tours,
        &n_tours,
        |t| &t.id,
        |id| o_tours.iter().find(|t| t.id == id),
        |id| n_tours.iter().any(|t| t.id == id),
        entry,
        |o, n| {
            let mut out = Vec::new();
            out.extend(text_field("title", &o.title, &n.title));
            out.extend(long_text("summary", &o.summary, &n.summary));
            out.extend(steps(old, o, new, n));
            out
        },
    )
}

/// Added, removed and changed records of one kind matched by id; `new`
/// and `old` are in the order the output lists them.
#[allow(clippy::too_many_arguments)]
fn by_id<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &String,
    in_old: impl Fn(&str) -> Option<&'a T>,
    in_new: impl Fn(&str) -> bool,
    entry: impl Fn(&T) -> Entry,
    fields: impl Fn(&T, &T) -> Vec<FieldChange>,
) -> Section {
    let mut s = Section::default();
    for n in new {
        match in_old(id(n)) {
            None => s.added.push(entry(n)),
            Some(o) => {
                let fields = fields(o, n);
                if !fields.is_empty() {
                    s.changed.push(Changed {
                        entry: entry(n),
                        fields,
                    });
                }
            }
        }
    }
    s.removed = old.iter().filter(|o| !in_new(id(o))).map(entry).collect();
    s
}

pub(super) fn actor_id(t: &Timeline, a: usize) -> Option<&str> {
    t.actors.get(a).map(|a| a.id.as_str())
}

/// Ids (or names) as a sorted set, sanitized; references out of range are
/// skipped rather than trusted.
fn ids<'a>(items: impl Iterator<Item = Option<&'a str>>) -> Vec<String> {
    let mut v: Vec<String> = items.flatten().map(one_line).collect();
    v.sort();
    v.dedup();
    v
}

/// A tour's steps by event id: events added to and dropped from the tour,
/// the order of those it kept, and their speaker notes.
fn steps(ot: &Timeline, o: &Tour, nt: &Timeline, n: &Tour) -> Option<FieldChange> {
    let view = |t: &Timeline, tour: &Tour| -> Vec<(String, String)> {
        tour.steps
            .iter()
            .filter_map(|s| {
                let e = t.events.get(s.event)?;
                Some((one_line(&e.id), sanitize(&s.note).into_owned()))
            })
            .collect()
    };
    let (old, new) = (view(ot, o), view(nt, n));
    if old == new {
        return None;
    }
    let has = |steps: &[(String, String)], id: &str| steps.iter().any(|(e, _)| e == id);
    let mut added: Vec<String> = Vec::new();
    for (e, _) in &new {
        if !has(&old, e) && !added.contains(e) {
            added.push(e.clone());
        }
    }
    let mut removed: Vec<String> = Vec::new();
    for (e, _) in &old {
        if !has(&new, e) && !removed.contains(e) {
            removed.push(e.clone());
        }
    }
    let mut changed = Vec::new();
    let kept = |a: &[(String, String)], b: &[(String, String)]| -> Vec<String> {
        a.iter()
            .filter(|(e, _)| has(b, e))
            .map(|(e, _)| e.clone())
            .collect()
    };
    let (was, now) = (kept(&old, &new), kept(&new, &old));
    if was != now && was.len() == now.len() {
        let moved = was.iter().zip(&now).filter(|(a, b)| a != b).count();
        changed.push(format!("order: {moved} of {} kept steps moved", was.len()));
    } else if was != now {
        // An event the tour shows more than once, shown a different number of times.
        changed.push(format!("{} → {} steps", old.len(), new.len()));
    }
    for (e, note) in &new {
        let Some((_, was)) = old.iter().find(|(x, _)| x == e) else {
            continue;
        };
        if let Some(r) = reword(was, note) {
            changed.push(format!("{e}: note {}", r.describe()));
        }
    }
    let step_json = |steps: &[(String, String)]| -> Value {
        Value::Array(
            steps
                .iter()
                .map(|(e, note)| json!({ "event": e, "note": note }))
                .collect(),
        )
    };
    Some(FieldChange {
        field: "steps",
        change: Change::Members {
            added,
            removed,
            changed,
        },
        old: step_json(&old),
        new: step_json(&new),
    })
}
