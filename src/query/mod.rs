//! Filtering a timeline: actors, tags, a date range and text → the events
//! shown, with the counts every pane displays.
//!
//! Pure functions over `Timeline` and its `Index`; the explorer, `list`,
//! `present` and the exports all go through `apply`, so the same flags give
//! the same events everywhere. Never imports a terminal library.

mod counts;
mod describe;
mod fuzzy;
mod index;
mod publishers;
mod search_text;
mod sketch;
mod sources;
mod terms;

use counts::counts;
#[cfg(test)]
use counts::counts_from;
pub use describe::{describe, describe_filters};
pub use fuzzy::Fuzzy;
pub use index::{Hits, Index};
pub use publishers::{Publisher, PublisherFilter, publisher_named, publishers};
pub use search_text::{Folded, SearchText};
use sources::restrict_by_sources;
pub use sources::{ClaimFilter, SourceHidden, known_on, parse_sources, sources_text};
pub use terms::{Term, fold, fold_char, terms, words};

use crate::model::{ActorIx, EventDate, EventIx, Grade, PlaceIx, TagIx, Timeline};

/// How several selected actors (or tags) combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Combine {
    /// Events involving at least one of them.
    #[default]
    Any,
    /// Events involving every one of them.
    All,
}

/// What a search does to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// Show only the events that match.
    #[default]
    Filter,
    /// Show every event the other filters allow and mark the matches.
    Highlight,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Selected actors, ascending.
    pub actors: Vec<ActorIx>,
    /// Selected tags, ascending.
    pub tags: Vec<TagIx>,
    /// Selected places, ascending: events at any of them, or at a place
    /// within one of them.
    pub places: Vec<PlaceIx>,
    pub combine: Combine,
    pub from: Option<EventDate>,
    pub to: Option<EventDate>,
    pub search: String,
    pub search_mode: SearchMode,
    /// Only events whose claims conflict (the `≠` mark).
    pub contested: bool,
    /// Only events with a claim of this stance, by this actor.
    pub claim: Option<ClaimFilter>,
    /// Only events with a source at least this reliable and credible.
    pub min_grade: Option<Grade>,
    /// Only events every source of which is weak (`Source::is_weak`).
    pub weakly_sourced: bool,
    /// Only events a publisher reports (or rest on it alone).
    pub publisher: Option<PublisherFilter>,
    /// Only the events a person marked, ascending (`crate::marks`).
    pub marked: Option<Vec<EventIx>>,
    /// Only the events new or changed since a version: its name, and the
    /// events, ascending (`crate::diff`).
    pub since: Option<(String, Vec<EventIx>)>,
}

impl Filter {
    /// True when a filter on sources or claims is set.
    pub fn on_sources(&self) -> bool {
        self.contested
            || self.claim.is_some()
            || self.min_grade.is_some()
            || self.weakly_sourced
            || self.publisher.is_some()
    }

    pub fn is_empty(&self) -> bool {
        !self.on_sources()
            && self.actors.is_empty()
            && self.tags.is_empty()
            && self.places.is_empty()
            && self.marked.is_none()
            && self.since.is_none()
            && self.from.is_none()
            && self.to.is_none()
            && self.search.trim().is_empty()
    }

    /// Adds the actor if absent, removes it if present.
    pub fn toggle_actor(&mut self, a: ActorIx) {
        toggle(&mut self.actors, a);
    }

    pub fn toggle_tag(&mut self, t: TagIx) {
        toggle(&mut self.tags, t);
    }

    pub fn toggle_place(&mut self, p: PlaceIx) {
        toggle(&mut self.places, p);
    }
}

fn toggle(set: &mut Vec<usize>, x: usize) {
    match set.binary_search(&x) {
        Ok(i) => {
            set.remove(i);
        }
        Err(i) => set.insert(i, x),
    }
}

/// The result of a filter: what each pane shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filtered {
    /// Events shown, in chronological order.
    pub events: Vec<EventIx>,
    /// Events among `events` that match the search (all of them in filter mode).
    pub matches: Vec<EventIx>,
    /// For each match, where the search's last word first occurs in the
    /// index's text (empty without a search): one more letter typed is
    /// looked for from there.
    pub match_at: Vec<usize>,
    /// Events the search hides: the other filters allow them, the text does not match.
    pub hidden_by_search: usize,
    /// Per actor, how many shown events involve it.
    pub actor_counts: Vec<u32>,
    /// Per tag, how many shown events carry it.
    pub tag_counts: Vec<u32>,
    /// Per place, how many shown events name it.
    pub place_counts: Vec<u32>,
    /// Events shown per year, from the timeline's first year to its last.
    pub years: Vec<(u16, u32)>,
    /// Events the date range leaves out because their dates are too
    /// coarse to tell: an event dated only "2023" for a range of January 2023.
    pub too_coarse: usize,
    /// Events the filters on sources and claims hide.
    pub by_sources: SourceHidden,
}

/// Why a typed date range was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    Empty,
    /// A date that does not parse, and why.
    Date(String),
    /// The end is before the start; the same range the right way round.
    Reversed {
        swapped: String,
    },
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RangeError::Empty => f.write_str("type a range such as 2021..2023-06, 2014 or ..2010"),
            RangeError::Date(why) => f.write_str(why),
            RangeError::Reversed { swapped } => {
                write!(f, "the range runs backwards; did you mean {swapped}?")
            }
        }
    }
}

/// Parses a date range as typed after `f`: `2021..2023-06`, `2014`,
/// `..2010`, `2020..`, and `2021-2023` for two years.
pub fn parse_range(s: &str) -> Result<(Option<EventDate>, Option<EventDate>), RangeError> {
    let s = s.trim();
    let date = |p: &str| -> Result<Option<EventDate>, RangeError> {
        let p = p.trim();
        if p.is_empty() {
            Ok(None)
        } else {
            EventDate::parse(p)
                .map(Some)
                .map_err(|e| RangeError::Date(format!("{p}: {e}")))
        }
    };
    let two_years = s.split_once('-').filter(|(a, b)| {
        [a, b]
            .iter()
            .all(|y| y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()))
    });
    let (from, to) = match (s.split_once(".."), two_years) {
        (Some((a, b)), _) | (None, Some((a, b))) => (date(a)?, date(b)?),
        (None, None) if s.is_empty() => return Err(RangeError::Empty),
        (None, None) => {
            let d = date(s)?;
            (d, d)
        }
    };
    if let (Some(f), Some(t)) = (from, to)
        && t.last_day() < f.first_day()
    {
        return Err(RangeError::Reversed {
            swapped: format!("{}..{}", t.to_edtf(), f.to_edtf()),
        });
    }
    Ok((from, to))
}

/// Whether event `e` falls within the days `lo..=hi` as far as its dates
/// tell. Certainly in: every day its dates could mean lies within the
/// range, or the days it certainly covers (from the last day its start
/// could be to the first its end could be) meet the range. An event dated
/// only to 2023 is within 2023, but not within January 2023: a date is
/// never narrowed. A period of June to November 2022 is within November.
pub fn within(index: &Index, e: EventIx, lo: i32, hi: i32) -> bool {
    let (start, end) = index.spans[e];
    if start >= lo && end <= hi {
        return true;
    }
    index.cores[e].is_some_and(|(a, b)| a <= hi && b >= lo)
}

/// Whether the event's possible days meet the range at all.
fn may_be_within(index: &Index, e: EventIx, lo: i32, hi: i32) -> bool {
    let (start, end) = index.spans[e];
    start <= hi && end >= lo
}

/// Applies a filter. Costs one pass over the candidate events; the actor and
/// tag selections start from posting lists rather than every event.
pub fn apply(t: &Timeline, index: &Index, f: &Filter) -> Filtered {
    let n = t.events.len();
    let mut keep = vec![true; n];
    restrict(&mut keep, &f.actors, &index.actor_events, f.combine);
    restrict(&mut keep, &f.tags, &index.tag_events, f.combine);
    restrict_places(t, index, f, &mut keep);
    for only in [f.marked.as_ref(), f.since.as_ref().map(|s| &s.1)]
        .into_iter()
        .flatten()
    {
        for (e, k) in keep.iter_mut().enumerate() {
            *k &= only.binary_search(&e).is_ok();
        }
    }
    let mut too_coarse = 0;
    if f.from.is_some() || f.to.is_some() {
        let lo = f.from.map_or(i32::MIN, |d| d.day_numbers().0);
        let hi = f.to.map_or(i32::MAX, |d| d.day_numbers().1);
        for (e, k) in keep.iter_mut().enumerate() {
            if !*k {
                continue;
            }
            *k = within(index, e, lo, hi);
            too_coarse += usize::from(!*k && may_be_within(index, e, lo, hi));
        }
    }
    let by_sources = if f.on_sources() {
        restrict_by_sources(t, f, &mut keep)
    } else {
        SourceHidden::default()
    };
    let allowed: Vec<EventIx> = (0..n).filter(|&i| keep[i]).collect();
    let query = terms(&f.search);
    let hits = if query.is_empty() {
        Hits {
            events: allowed.clone(),
            last_at: Vec::new(),
        }
    } else {
        index.search(&query, Some(&allowed))
    };
    let matches = hits.events;
    let hidden_by_search = allowed.len() - matches.len();
    let events = match f.search_mode {
        SearchMode::Filter => matches.clone(),
        SearchMode::Highlight => allowed,
    };
    let mut out = counts(t, index, events, matches, hidden_by_search);
    out.match_at = hits.last_at;
    out.too_coarse = too_coarse;
    out.by_sources = by_sources;
    out
}

/// Like `apply`, but narrows the previous result when only the search text
/// grew (the common case while typing), instead of rescanning every event.
pub fn refine(
    t: &Timeline,
    index: &Index,
    f: &Filter,
    prev_filter: &Filter,
    prev: &Filtered,
) -> Filtered {
    let same_rest = Filter {
        search: String::new(),
        ..f.clone()
    } == Filter {
        search: String::new(),
        ..prev_filter.clone()
    };
    // Compared folded: lowercasing a longer text need not extend the
    // lowercased shorter one (a final Σ lowercases to ς, then to σ).
    let grew = !prev_filter.search.trim().is_empty()
        && fold(&f.search).starts_with(fold(&prev_filter.search).as_str());
    let query = terms(&f.search);
    let before = terms(&prev_filter.search);
    // A whole-word term does not narrow as it grows ("AP" is not in "APS"),
    // nor do quotes: such queries are searched afresh.
    let plain = |ts: &[Term]| ts.iter().all(|t| !t.whole) && !f.search.contains(['"', '“', '”']);
    if !(same_rest
        && grew
        && f.search_mode == SearchMode::Filter
        && plain(&query)
        && plain(&before))
    {
        return apply(t, index, f);
    }
    // Only the last word grew, as it does while it is typed: each match is
    // tried from where the shorter word was found.
    let last_grew = query.len() == before.len()
        && query.split_last().zip(before.split_last()).is_some_and(
            |((last, rest), (was, rest_before))| {
                rest == rest_before && last.text.starts_with(was.text.as_str())
            },
        );
    let hits = if last_grew && prev.match_at.len() == prev.matches.len() {
        let last = query.last().map_or("", |t| t.text.as_str());
        index.search_on(last, &prev.matches, &prev.match_at)
    } else {
        index.search(&query, Some(&prev.matches))
    };
    let matches = hits.events;
    let hidden_by_search = prev.hidden_by_search + (prev.matches.len() - matches.len());
    let mut out = counts(t, index, matches.clone(), matches, hidden_by_search);
    out.match_at = hits.last_at;
    out.too_coarse = prev.too_coarse;
    out.by_sources = prev.by_sources;
    out
}

/// Keeps the events at a selected place or at a place within one: a
/// province keeps its cities' events. Places always combine as any-of,
/// since an event is seldom at two.
fn restrict_places(t: &Timeline, index: &Index, f: &Filter, keep: &mut [bool]) {
    if f.places.is_empty() {
        return;
    }
    let inside = t.within_any(&f.places);
    let places: Vec<PlaceIx> = (0..inside.len()).filter(|&p| inside[p]).collect();
    restrict(keep, &places, &index.place_events, Combine::Any);
}

fn restrict(keep: &mut [bool], selected: &[usize], postings: &[Vec<EventIx>], combine: Combine) {
    if selected.is_empty() {
        return;
    }
    let mut hits = vec![0u16; keep.len()];
    for &s in selected {
        for &e in postings.get(s).map_or(&[][..], Vec::as_slice) {
            hits[e] = hits[e].saturating_add(1);
        }
    }
    let need = match combine {
        Combine::Any => 1,
        Combine::All => u16::try_from(selected.len()).unwrap_or(u16::MAX),
    };
    for (k, h) in keep.iter_mut().zip(hits) {
        *k &= h >= need;
    }
}

#[cfg(test)]
mod tests;
