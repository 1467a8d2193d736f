//! Places: their `within` chains (resolved, and never a cycle), the places
//! no event uses, and the events whose `location` names a place they do
//! not list.

use std::collections::HashMap;

use super::{Diagnostic, Refs, Role};
use crate::load::raw::{RawPlace, Spanned};
use crate::model::Place;
use crate::text::one_line;

impl Refs<'_, '_> {
    /// The places, each `within` resolved; a `within` that closes a cycle
    /// is reported and dropped, so that every chain ends.
    pub(super) fn places(&mut self, raw: &[RawPlace<'_>]) -> Vec<Place> {
        let mut places: Vec<Place> = raw
            .iter()
            .map(|p| {
                let (lat, lon) = p.at.unwrap_or((0.0, 0.0));
                let within = p
                    .within
                    .as_ref()
                    .and_then(|w| self.resolve(std::slice::from_ref(w), Role::Within).pop());
                Place {
                    id: p.id.value.clone(),
                    name: p.name.clone(),
                    short: p.short.clone().unwrap_or_else(|| p.name.clone()),
                    kind: p.kind,
                    lat,
                    lon,
                    within,
                    aliases: p.aliases.clone(),
                }
            })
            .collect();
        break_cycles(raw, &mut places, self.diags);
        places
    }
}

/// Follows every `within` chain; where one comes back on itself, reports
/// the cycle at the `within` that closes it and drops that link.
fn break_cycles(raw: &[RawPlace<'_>], places: &mut [Place], diags: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Not,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::Not; places.len()];
    for start in 0..places.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(p) = at {
            match seen[p] {
                Seen::Done => break,
                Seen::OnPath => {
                    // `path` ends at the place whose `within` leads back to `p`.
                    let from = path.iter().position(|&q| q == p).unwrap_or(0);
                    let cycle = &path[from..];
                    let last = *cycle.last().unwrap_or(&p);
                    let mut names: Vec<&str> =
                        cycle.iter().map(|&q| places[q].id.as_str()).collect();
                    names.push(places[p].id.as_str());
                    let chain = one_line(&names.join(" → "));
                    if let Some(w) = &raw[last].within {
                        diags.push(
                            Diagnostic::error(
                                "place-cycle",
                                format!("places lie within each other in a circle: {chain}"),
                            )
                            .at(w.file, w.span.clone(), "this `within` closes the circle")
                            .hint("a place lies within a larger one: remove `within` from the largest"),
                        );
                    }
                    places[last].within = None;
                    break;
                }
                Seen::Not => {
                    seen[p] = Seen::OnPath;
                    path.push(p);
                    at = places[p].within;
                }
            }
        }
        for q in path {
            seen[q] = Seen::Done;
        }
    }
}

/// Warns of each place no event names, unless a place an event names lies
/// within it: a province defined to hold its cities is in use.
pub(super) fn unused(
    raw: &[RawPlace<'_>],
    places: &[Place],
    placed: &[bool],
    diags: &mut Vec<Diagnostic>,
) {
    let mut used = placed.to_vec();
    for (p, &named) in placed.iter().enumerate() {
        let mut at = places[p].within.filter(|_| named);
        let mut left = places.len();
        while let Some(q) = at.filter(|_| left > 0) {
            left -= 1;
            if used[q] && !placed[q] {
                break;
            }
            used[q] = true;
            at = places[q].within;
        }
    }
    for (p, used) in raw.iter().zip(used) {
        if !used {
            diags.push(
                Diagnostic::warning(
                    "unused-place",
                    format!("place \"{}\" is not named by any event", p.id.value),
                )
                .at(p.id.file, p.id.span.clone(), "defined but never used")
                .hint("list it in an event's `places`, or remove it"),
            );
        }
    }
}

/// The warning for an event whose `location` names a place it does not list.
pub(super) fn unplaced(event: &str, at: &Spanned<()>, place: (&str, &str)) -> Diagnostic {
    let (id, name) = (one_line(place.0), one_line(place.1));
    Diagnostic::warning(
        "unplaced-location",
        format!("event \"{event}\" is at {name} but lists no place"),
    )
    .at(
        at.file,
        at.span.clone(),
        format!("names the place \"{id}\""),
    )
    .hint(format!(
        "add places = [\"{id}\"] after `location`, so the map and --place find it"
    ))
}

/// Every place's names (name, short name, aliases) as words, to find one
/// in an event's free-text `location`.
pub(super) struct Names<'r> {
    /// By each name's first word: the whole name's words, and the place.
    by_first: HashMap<String, Vec<(Vec<String>, &'r RawPlace<'r>)>>,
}

impl<'r> Names<'r> {
    pub(super) fn new(raw: &'r [RawPlace<'r>]) -> Names<'r> {
        let mut by_first: HashMap<String, Vec<(Vec<String>, &'r RawPlace<'r>)>> = HashMap::new();
        for p in raw {
            let names = std::iter::once(&p.name).chain(&p.short).chain(&p.aliases);
            for n in names {
                let w = words(n);
                if let Some(first) = w.first() {
                    by_first.entry(first.clone()).or_default().push((w, p));
                }
            }
        }
        Names { by_first }
    }

    /// The first place (id, name) whose name appears in `text` as whole words.
    pub(super) fn named_in(&self, text: &str) -> Option<(&'r str, &'r str)> {
        if self.by_first.is_empty() {
            return None;
        }
        let w = words(text);
        (0..w.len()).find_map(|i| {
            self.by_first.get(&w[i])?.iter().find_map(|(name, p)| {
                w[i..]
                    .starts_with(name)
                    .then_some((p.id.value.as_str(), p.name.as_str()))
            })
        })
    }
}

/// A text's words, lowercased: "Warsak Road, Peshawar" → warsak, road, peshawar.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
