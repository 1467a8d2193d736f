//! The timeline as the rest of chronoscope sees it: validated, merged,
//! sorted, with every reference resolved to an index.
//!
//! Everything here is built by `load` and read by `query`, `export` and the
//! explorer. All text has already passed through the sanitizer. This module
//! never touches files or terminals.

mod archive;
mod claims;
mod date;
mod known;
mod lasting;
mod places;
mod sound;
mod views;

pub use claims::{Claim, Grade, Source, Stance, web_link};
pub use date::{DateError, DateStyle, EventDate, Precision, Qualifier};
pub use known::KnownOn;
pub use lasting::Str;
pub use places::{Place, PlaceKind};
pub use views::View;

use std::collections::HashMap;

/// Position of an actor in `Timeline::actors`.
pub type ActorIx = usize;
/// Position of an event in `Timeline::events` (chronological order).
pub type EventIx = usize;
/// Position of a tag in `Timeline::tags`.
pub type TagIx = usize;
/// Position of a place in `Timeline::places`.
pub type PlaceIx = usize;

/// A merged, validated timeline.
#[derive(Debug, Clone, Default, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Timeline {
    pub title: String,
    pub summary: String,
    pub coverage: Option<Coverage>,
    /// Sorted by id.
    pub actors: Vec<Actor>,
    /// In chronological order (see `EventDate`'s ordering, then id).
    pub events: Vec<Event>,
    /// Every tag used by an event, sorted.
    pub tags: Vec<String>,
    pub tours: Vec<Tour>,
    /// Sorted by id.
    pub places: Vec<Place>,
    /// Saved views, in the order the files define them.
    pub views: Vec<View>,
    #[rkyv(with = rkyv::with::Skip)]
    actor_ids: HashMap<String, ActorIx>,
    #[rkyv(with = rkyv::with::Skip)]
    place_ids: HashMap<String, PlaceIx>,
    #[rkyv(with = rkyv::with::Skip)]
    event_ids: HashMap<Str, EventIx>,
    /// Set when this is the timeline as known on a day (`as_known_on`):
    /// the day, and what the view hides.
    pub known_on: Option<KnownOn>,
}

/// The span a timeline declares it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Coverage {
    pub from: EventDate,
    pub to: EventDate,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub enum ActorKind {
    State,
    Government,
    Military,
    Intelligence,
    Party,
    ArmedGroup,
    Person,
    Organisation,
    Other,
}

impl ActorKind {
    pub const ALL: [ActorKind; 9] = [
        ActorKind::State,
        ActorKind::Government,
        ActorKind::Military,
        ActorKind::Intelligence,
        ActorKind::Party,
        ActorKind::ArmedGroup,
        ActorKind::Person,
        ActorKind::Organisation,
        ActorKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Government => "government",
            ActorKind::Military => "military",
            ActorKind::Intelligence => "intelligence",
            ActorKind::Party => "party",
            ActorKind::ArmedGroup => "armed-group",
            ActorKind::Person => "person",
            ActorKind::Organisation => "organisation",
            ActorKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// What badges and narrow panes show; the name when none was given.
    pub short: String,
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    pub summary: String,
    pub links: Vec<ActorIx>,
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Event {
    pub id: Str,
    pub date: EventDate,
    pub end: Option<EventDate>,
    pub title: Str,
    pub summary: Str,
    pub details: Str,
    /// A note for the people who keep the timeline, never for the room:
    /// shown dimmed at the foot of the details pane and nowhere else.
    pub editor_note: Str,
    pub actors: Vec<ActorIx>,
    pub location: Str,
    /// The places the event names, in the order written.
    pub places: Vec<PlaceIx>,
    pub tags: Vec<TagIx>,
    /// Whole-number facts in file order, e.g. ("killed", 149).
    pub figures: Vec<(Str, u64)>,
    pub related: Vec<EventIx>,
    pub claims: Vec<Claim>,
    pub sources: Vec<Source>,
    /// Where the event was defined, for messages: "timelines/2014.toml:12".
    pub origin: Str,
}

impl Event {
    /// The date as a reader sees it, with the end when there is one.
    pub fn display_date(&self) -> String {
        self.date.display_range(self.end.as_ref())
    }

    /// The last day the event covers.
    pub fn last_day(&self) -> chrono::NaiveDate {
        self.end.unwrap_or(self.date).last_day()
    }

    /// The first and last day the event covers, as day numbers
    /// (`EventDate::day_numbers`).
    pub fn day_numbers(&self) -> (i32, i32) {
        (
            self.date.day_numbers().0,
            self.end.unwrap_or(self.date).day_numbers().1,
        )
    }

    /// True when every source is weak (`Source::is_weak`), or there is none.
    pub fn is_weakly_sourced(&self) -> bool {
        self.sources.iter().all(Source::is_weak)
    }

    /// True when one actor asserts or confirms what another denies or disputes.
    pub fn has_conflict(&self) -> bool {
        self.claims.iter().any(|c| c.stance.is_for())
            && self.claims.iter().any(|c| !c.stance.is_for())
    }
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Tour {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<TourStep>,
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct TourStep {
    pub event: EventIx,
    pub note: String,
}

impl Timeline {
    /// Builds a timeline, sorting actors by id and events chronologically
    /// (then by id), and remapping every index to the new order.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        title: String,
        summary: String,
        coverage: Option<Coverage>,
        mut actors: Vec<Actor>,
        mut events: Vec<Event>,
        tags: Vec<String>,
        mut tours: Vec<Tour>,
        mut places: Vec<Place>,
    ) -> Timeline {
        let actor_order = sorted_order(&actors, |a, b| a.id.cmp(&b.id));
        let place_order = sorted_order(&places, |a, b| a.id.cmp(&b.id));
        // Dates sort from a compact copy; ids are read only on a tie.
        let mut dated: Vec<(EventDate, usize)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.date, i))
            .collect();
        dated.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| events[a.1].id.cmp(&events[b.1].id))
        });
        let event_order: Vec<usize> = dated.into_iter().map(|(_, i)| i).collect();
        let tag_order = sorted_order(&tags, |a, b| a.cmp(b));
        let actor_new = inverse(&actor_order);
        let event_new = inverse(&event_order);
        let tag_new = inverse(&tag_order);
        let place_new = inverse(&place_order);
        for p in &mut places {
            p.within = p.within.map(|w| place_new[w]);
        }
        for a in &mut actors {
            a.links.iter_mut().for_each(|l| *l = actor_new[*l]);
        }
        for e in &mut events {
            e.actors.iter_mut().for_each(|x| *x = actor_new[*x]);
            e.related.iter_mut().for_each(|x| *x = event_new[*x]);
            e.tags.iter_mut().for_each(|x| *x = tag_new[*x]);
            e.tags.sort_unstable();
            e.places.iter_mut().for_each(|x| *x = place_new[*x]);
            e.claims.iter_mut().for_each(|c| c.by = actor_new[c.by]);
        }
        for t in &mut tours {
            t.steps
                .iter_mut()
                .for_each(|s| s.event = event_new[s.event]);
        }
        let actors = permute(actors, &actor_order);
        let events = permute(events, &event_order);
        let tags = permute(tags, &tag_order);
        let places = permute(places, &place_order);
        let place_ids = ids(places.iter().map(|p| &p.id));
        let actor_ids = ids(actors.iter().map(|a| &a.id));
        let event_ids = ids(events.iter().map(|e| &e.id));
        Timeline {
            title,
            summary,
            coverage,
            actors,
            events,
            tags,
            tours,
            places,
            // Set by the loader once they are checked: the many callers of
            // `new` have none.
            views: Vec::new(),
            actor_ids,
            place_ids,
            event_ids,
            known_on: None,
        }
    }

    pub fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        self.actor_ids.get(id).copied()
    }

    /// The actors a person may mean by `name`: the one with that id; else
    /// every actor whose id, short name, name or an alias is `name`,
    /// ignoring case. `--actor TTP` finds `ttp`, `--actor "pakistani taliban"` too.
    pub fn actors_named(&self, name: &str) -> Vec<ActorIx> {
        if let Some(a) = self.actor_ix(name) {
            return vec![a];
        }
        let name = name.trim().to_lowercase();
        self.actors
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                std::iter::once(&a.id)
                    .chain([&a.short, &a.name])
                    .chain(&a.aliases)
                    .any(|n| n.to_lowercase() == name)
            })
            .map(|(i, _)| i)
            .collect()
    }

    pub fn event_ix(&self, id: &str) -> Option<EventIx> {
        self.event_ids.get(id).copied()
    }

    pub fn tag_ix(&self, tag: &str) -> Option<TagIx> {
        self.tags.binary_search_by(|t| t.as_str().cmp(tag)).ok()
    }

    pub fn tour(&self, id: &str) -> Option<&Tour> {
        self.tours.iter().find(|t| t.id == id)
    }

    /// The years the timeline spans: its declared coverage, widened to every event.
    pub fn year_span(&self) -> Option<(u16, u16)> {
        let mut span = self.coverage.map(|c| (c.from.year(), c.to.year()));
        for e in &self.events {
            let (a, b) = (e.date.year(), e.end.unwrap_or(e.date).year());
            span = Some(match span {
                Some((lo, hi)) => (lo.min(a), hi.max(b)),
                None => (a, b),
            });
        }
        span
    }
}

/// Each record's position by its id.
fn ids<'a, K: Clone + Eq + std::hash::Hash + 'a>(
    ids: impl Iterator<Item = &'a K>,
) -> HashMap<K, usize> {
    ids.enumerate().map(|(i, id)| (id.clone(), i)).collect()
}

fn sorted_order<T>(items: &[T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| cmp(&items[a], &items[b]));
    order
}

fn inverse(order: &[usize]) -> Vec<usize> {
    let mut inv = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        inv[old] = new;
    }
    inv
}

/// `items` reordered so that item `i` is the one at `order[i]`, in place:
/// each cycle of the order followed, an item swapped into its place at
/// each step, so that no second vector of 100,000 events is ever made.
/// `order` is a permutation (`sorted_order`'s).
fn permute<T>(mut items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::{inverse, permute, sorted_order};

    #[test]
    fn permuting_in_place_puts_each_item_where_the_order_says() {
        // Fixed points, a swap, cycles long and short, and orders made by
        // sorting, as `Timeline::new` makes them.
        let words = ["d", "a", "c", "b", "f", "e", "a", "g", "h", "c"];
        let orders = [
            vec![],
            vec![0],
            vec![1, 0],
            vec![2, 0, 1],
            vec![0, 1, 2, 3],
            vec![3, 2, 1, 0],
            vec![4, 0, 1, 2, 3, 5, 9, 8, 7, 6],
            sorted_order(&words, |a, b| a.cmp(b)),
            inverse(&sorted_order(&words, |a, b| b.cmp(a))),
        ];
        for order in orders {
            let items: Vec<String> = (0..order.len()).map(|i| format!("item {i}")).collect();
            let want: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            assert_eq!(permute(items, &order), want, "{order:?}");
        }
    }
}
