//! The timeline as the rest of chronoscope sees it: validated, merged,
//! sorted, with every reference resolved to an index.
//!
//! Everything here is built by `load` and read by `query`, `export` and the
//! explorer. All text has already passed through the sanitizer. This module
//! never touches files or terminals.

mod date;
mod known;

pub use date::{DateError, EventDate, Precision, Qualifier};
pub use known::KnownOn;

use std::collections::HashMap;

/// Position of an actor in `Timeline::actors`.
pub type ActorIx = usize;
/// Position of an event in `Timeline::events` (chronological order).
pub type EventIx = usize;
/// Position of a tag in `Timeline::tags`.
pub type TagIx = usize;

/// A merged, validated timeline.
#[derive(Debug, Clone, Default, PartialEq)]
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
    actor_ids: HashMap<String, ActorIx>,
    event_ids: HashMap<String, EventIx>,
    /// Set when this is the timeline as known on a day (`as_known_on`):
    /// the day, and what the view hides.
    pub known_on: Option<KnownOn>,
}

/// The span a timeline declares it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub from: EventDate,
    pub to: EventDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

#[derive(Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: EventDate,
    pub end: Option<EventDate>,
    pub title: String,
    pub summary: String,
    pub details: String,
    /// A note for the people who keep the timeline, never for the room:
    /// shown dimmed at the foot of the details pane and nowhere else.
    pub editor_note: String,
    pub actors: Vec<ActorIx>,
    pub location: String,
    pub tags: Vec<TagIx>,
    /// Whole-number facts in file order, e.g. ("killed", 149).
    pub figures: Vec<(String, u64)>,
    pub related: Vec<EventIx>,
    pub claims: Vec<Claim>,
    pub sources: Vec<Source>,
    /// Where the event was defined, for messages: "timelines/2014.toml:12".
    pub origin: String,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stance {
    Asserts,
    Confirms,
    Denies,
    Disputes,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Asserts,
        Stance::Confirms,
        Stance::Denies,
        Stance::Disputes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserts => "asserts",
            Stance::Confirms => "confirms",
            Stance::Denies => "denies",
            Stance::Disputes => "disputes",
        }
    }

    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What claims of this stance are called: "denials".
    pub fn plural(self) -> &'static str {
        match self {
            Stance::Asserts => "assertions",
            Stance::Confirms => "confirmations",
            Stance::Denies => "denials",
            Stance::Disputes => "disputes",
        }
    }

    /// Asserting and confirming stand on one side; denying and disputing on the other.
    pub fn is_for(self) -> bool {
        matches!(self, Stance::Asserts | Stance::Confirms)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub by: ActorIx,
    pub stance: Stance,
    pub text: String,
    /// The event's sources that report this claim, as positions in
    /// `Event::sources` (0-based here; the file writes them from 1, as a
    /// footnote reads). Empty when the claim cites none.
    pub sources: Vec<usize>,
}

impl Claim {
    /// The citation mark a reader sees beside the claim: "[1, 3]", or
    /// nothing when it cites no source.
    pub fn citation(&self) -> String {
        if self.sources.is_empty() {
            return String::new();
        }
        let n: Vec<String> = self.sources.iter().map(|i| (i + 1).to_string()).collect();
        format!("[{}]", n.join(", "))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    pub date: Option<EventDate>,
    pub url: Option<String>,
    pub grade: Option<Grade>,
}

impl Source {
    /// A source a fact-checker would not rest on alone: graded D–F in
    /// reliability, not graded, or with no address to follow.
    pub fn is_weak(&self) -> bool {
        self.url.is_none() || self.grade.is_none_or(|g| g.reliability >= 'D')
    }
}

/// An Admiralty (NATO) grade: the source's reliability A–F and the
/// information's credibility 1–6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Grade {
    pub reliability: char,
    pub credibility: u8,
}

impl Grade {
    pub fn parse(s: &str) -> Option<Grade> {
        let mut chars = s.chars();
        let (r, c) = (chars.next()?, chars.next()?);
        if chars.next().is_some() || !('A'..='F').contains(&r) || !('1'..='6').contains(&c) {
            return None;
        }
        Some(Grade {
            reliability: r,
            credibility: c as u8 - b'0',
        })
    }

    /// Whether this grade is at least `min`: as reliable **and** as
    /// credible. The halves are compared apart, never added: A3 is not at
    /// least B2, nor is C1. F and 6 ("cannot be judged") meet only F and 6.
    pub fn at_least(&self, min: Grade) -> bool {
        self.reliability <= min.reliability && self.credibility <= min.credibility
    }

    /// "B2 usually reliable, probably true".
    pub fn describe(&self) -> String {
        let r = match self.reliability {
            'A' => "completely reliable",
            'B' => "usually reliable",
            'C' => "fairly reliable",
            'D' => "not usually reliable",
            'E' => "unreliable",
            _ => "reliability unknown",
        };
        let c = match self.credibility {
            1 => "confirmed",
            2 => "probably true",
            3 => "possibly true",
            4 => "doubtful",
            5 => "improbable",
            _ => "truth unknown",
        };
        format!("{self} {r}, {c}")
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.reliability, self.credibility)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tour {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub steps: Vec<TourStep>,
}

#[derive(Debug, Clone, PartialEq)]
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
    ) -> Timeline {
        let actor_order = sorted_order(&actors, |a, b| a.id.cmp(&b.id));
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
        for a in &mut actors {
            a.links.iter_mut().for_each(|l| *l = actor_new[*l]);
        }
        for e in &mut events {
            e.actors.iter_mut().for_each(|x| *x = actor_new[*x]);
            e.related.iter_mut().for_each(|x| *x = event_new[*x]);
            e.tags.iter_mut().for_each(|x| *x = tag_new[*x]);
            e.tags.sort_unstable();
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
        let actor_ids = actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let event_ids = event_ids(&events);
        Timeline {
            title,
            summary,
            coverage,
            actors,
            events,
            tags,
            tours,
            actor_ids,
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

/// Each event's position by its id.
fn event_ids(events: &[Event]) -> HashMap<String, EventIx> {
    events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect()
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

fn permute<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_follow_the_admiralty_code() {
        assert_eq!(Grade::parse("B2").map(|g| g.to_string()), Some("B2".into()));
        for bad in ["", "G1", "A7", "a1", "A0", "B22", "2B"] {
            assert_eq!(Grade::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Grade::parse("F6").map(|g| g.describe()),
            Some("F6 reliability unknown, truth unknown".into())
        );
    }

    #[test]
    fn grades_compare_half_by_half() {
        let g = |s: &str| Grade::parse(s).unwrap();
        assert!(g("B2").at_least(g("B2")) && g("A1").at_least(g("B2")));
        assert!(g("B1").at_least(g("B2")) && g("A2").at_least(g("B2")));
        for worse in ["A3", "C1", "C3", "F1", "A6", "F6"] {
            assert!(!g(worse).at_least(g("B2")), "{worse}");
        }
        assert!(g("F6").at_least(g("F6")) && g("E5").at_least(g("F6")));
    }

    #[test]
    fn weak_sources_are_low_graded_ungraded_or_unlinked() {
        let s = |grade: Option<&str>, url: Option<&str>| Source {
            publisher: "P".into(),
            title: "T".into(),
            date: None,
            url: url.map(String::from),
            grade: grade.and_then(Grade::parse),
        };
        let url = Some("https://www.dawn.com/news/1");
        assert!(!s(Some("B2"), url).is_weak() && !s(Some("C3"), url).is_weak());
        assert!(s(Some("D2"), url).is_weak() && s(Some("F6"), url).is_weak());
        assert!(s(None, url).is_weak(), "ungraded");
        assert!(s(Some("A1"), None).is_weak(), "nothing to follow");
    }

    #[test]
    fn stances_split_into_two_sides() {
        assert!(Stance::Asserts.is_for() && Stance::Confirms.is_for());
        assert!(!Stance::Denies.is_for() && !Stance::Disputes.is_for());
        assert_eq!(Stance::parse("denies"), Some(Stance::Denies));
        assert_eq!(Stance::parse("deny"), None);
    }
}
