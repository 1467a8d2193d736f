//! Indexes built once per load, so a keystroke never rescans the timeline's
//! structure: posting lists per actor and per tag, each event's day span, and
//! the search over one contiguous lowercased text buffer (`SearchText`) that
//! a SIMD substring search runs over, with a sketch of each event's text
//! that lets a search pass over the events that cannot match without
//! reading them (the search itself is in `search`).

use rayon::prelude::*;

mod search;

pub use search::Hits;

use super::search_text::SearchText;
use crate::model::{Event, EventIx, Timeline};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index {
    /// For each actor, the events that involve it (as actor or claimant), ascending.
    pub actor_events: Vec<Vec<EventIx>>,
    /// For each tag, the events that carry it, ascending.
    pub tag_events: Vec<Vec<EventIx>>,
    /// For each place, the events that name it, ascending.
    pub place_events: Vec<Vec<EventIx>>,
    /// Each event's first and last day, as days since the common era.
    pub spans: Vec<(i32, i32)>,
    /// Each event's year (of its start).
    pub years: Vec<u16>,
    /// Each event's last year (of its end, or its start).
    pub last_years: Vec<u16>,
    /// The days each event certainly covers: from the last day its start
    /// could be to the first day its end could be, for a period whose
    /// start and end cannot overlap; `None` otherwise.
    pub cores: Vec<Option<(i32, i32)>>,
    /// The timeline's `year_span`, computed once rather than per filter.
    pub year_span: Option<(u16, u16)>,
    /// Each event's actors and claimants, deduplicated, back to back:
    /// event `i` owns `involved[involved_at[i]..involved_at[i + 1]]`. Counting
    /// reads these contiguous arrays instead of chasing every event's own
    /// vectors, which at 100,000 events costs a cache miss or three each.
    involved: Vec<usize>,
    involved_at: Vec<usize>,
    /// Each event's tags, laid out as `involved`.
    event_tags: Vec<usize>,
    event_tags_at: Vec<usize>,
    /// Each event's places, laid out as `involved`.
    event_places: Vec<usize>,
    event_places_at: Vec<usize>,
    /// Every event's folded text, what a search scans.
    text: SearchText,
    /// The threads a search may use, asked once rather than per keystroke.
    threads: usize,
    /// Below this much text to search, one core does it all.
    parallel_bytes: usize,
    /// Whether searches read the sketches first (always, but in the tests
    /// that hold them to a scan of the text alone).
    sketched: bool,
}

/// The days `e` certainly covers (`Index::cores`).
fn core(e: &Event) -> Option<(i32, i32)> {
    e.end.and_then(|end| {
        let a = e.date.day_numbers().1;
        let b = end.day_numbers().0;
        (a <= b).then_some((a, b))
    })
}

/// Below this much text a search runs on one core: starting threads would
/// cost more than they save.
const PARALLEL_BYTES: usize = 4 << 20;

impl Index {
    pub fn build(t: &Timeline) -> Index {
        Index::with_text(t, SearchText::of(t))
    }

    /// The index of `t` on its folded text, made before (and kept in the
    /// cache): everything else is rebuilt, which is cheap next to folding.
    /// `text` must be `SearchText::of(t)`, or at least `fits` it.
    pub fn with_text(t: &Timeline, text: SearchText) -> Index {
        let text = if text.fits(t.events.len()) {
            text
        } else {
            SearchText::of(t)
        };
        let mut actor_events = vec![Vec::new(); t.actors.len()];
        let mut tag_events = vec![Vec::new(); t.tags.len()];
        let mut place_events = vec![Vec::new(); t.places.len()];
        let mut involved_all = Vec::with_capacity(t.events.len() * 4);
        let mut involved_at = Vec::with_capacity(t.events.len() + 1);
        let mut event_tags = Vec::with_capacity(t.events.len() * 2);
        let mut event_tags_at = Vec::with_capacity(t.events.len() + 1);
        let mut event_places = Vec::new();
        let mut event_places_at = Vec::with_capacity(t.events.len() + 1);
        // What each event covers, on every core, before the posting lists.
        let ((spans, years), (last_years, cores)) = rayon::join(
            || {
                rayon::join(
                    || t.events.par_iter().map(Event::day_numbers).collect(),
                    || t.events.par_iter().map(|e| e.date.year()).collect(),
                )
            },
            || {
                rayon::join(
                    || {
                        t.events
                            .par_iter()
                            .map(|e| e.end.map_or(e.date.year(), |d| d.year()))
                            .collect()
                    },
                    || t.events.par_iter().map(core).collect(),
                )
            },
        );
        let mut involved = Vec::new();
        for (i, e) in t.events.iter().enumerate() {
            involved.clear();
            involved.extend(
                e.actors
                    .iter()
                    .copied()
                    .chain(e.claims.iter().map(|c| c.by)),
            );
            involved.sort_unstable();
            involved.dedup();
            involved_at.push(involved_all.len());
            for &a in &involved {
                actor_events[a].push(i);
                involved_all.push(a);
            }
            event_tags_at.push(event_tags.len());
            for &tag in &e.tags {
                tag_events[tag].push(i);
                event_tags.push(tag);
            }
            event_places_at.push(event_places.len());
            for &p in &e.places {
                place_events[p].push(i);
                event_places.push(p);
            }
        }
        involved_at.push(involved_all.len());
        event_tags_at.push(event_tags.len());
        event_places_at.push(event_places.len());
        Index {
            actor_events,
            tag_events,
            place_events,
            spans,
            years,
            last_years,
            cores,
            year_span: t.year_span(),
            involved: involved_all,
            involved_at,
            event_tags,
            event_tags_at,
            event_places,
            event_places_at,
            text,
            threads: rayon::current_num_threads(),
            parallel_bytes: PARALLEL_BYTES,
            sketched: true,
        }
    }

    /// The same index searching on `cores` threads from `parallel_bytes`
    /// of text on, so tests reach the split search with small timelines.
    #[cfg(test)]
    pub fn split_search(mut self, cores: usize, parallel_bytes: usize) -> Index {
        self.threads = cores;
        self.parallel_bytes = parallel_bytes;
        self
    }

    /// The same index searching the text alone, without its sketches:
    /// what the tests hold the sketched search to.
    #[cfg(test)]
    pub fn unsketched(mut self) -> Index {
        self.sketched = false;
        self
    }

    /// The folded text searches scan, for the cache to keep.
    pub fn search_text(&self) -> &SearchText {
        &self.text
    }

    /// The actors an event involves, as actor or claimant, each once.
    pub fn involved(&self, ix: EventIx) -> &[usize] {
        &self.involved[self.involved_at[ix]..self.involved_at[ix + 1]]
    }

    /// The tags of an event.
    pub fn tags(&self, ix: EventIx) -> &[usize] {
        &self.event_tags[self.event_tags_at[ix]..self.event_tags_at[ix + 1]]
    }

    /// The places of an event.
    pub fn places(&self, ix: EventIx) -> &[usize] {
        &self.event_places[self.event_places_at[ix]..self.event_places_at[ix + 1]]
    }
}
