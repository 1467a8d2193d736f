//! What every pane counts of the events a filter shows: how many involve
//! each actor, carry each tag, name each place, fall in each year. One pass
//! over the shown events, on every core when there are many.

use super::{Filtered, Index, SourceHidden};
use crate::model::{EventIx, Timeline};

/// Below this many events one core counts them all.
const PARALLEL_COUNT: usize = 16_384;

/// What `counts` tallies: events per actor, tag, place and year.
struct Counts {
    actors: Vec<u32>,
    tags: Vec<u32>,
    places: Vec<u32>,
    years: Vec<(u16, u32)>,
}

impl Counts {
    /// The tallies of two shares of the events, added up.
    fn add(mut self, other: Counts) -> Counts {
        let sum = |a: &mut Vec<u32>, b: Vec<u32>| a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        sum(&mut self.actors, other.actors);
        sum(&mut self.tags, other.tags);
        sum(&mut self.places, other.places);
        for (a, b) in self.years.iter_mut().zip(other.years) {
            a.1 += b.1;
        }
        self
    }
}

pub(super) fn counts(
    t: &Timeline,
    index: &Index,
    events: Vec<EventIx>,
    matches: Vec<EventIx>,
    hidden_by_search: usize,
) -> Filtered {
    counts_from(t, index, events, matches, hidden_by_search, PARALLEL_COUNT)
}

/// `counts`, on every core from `parallel_from` events on.
pub(super) fn counts_from(
    t: &Timeline,
    index: &Index,
    events: Vec<EventIx>,
    matches: Vec<EventIx>,
    hidden_by_search: usize,
    parallel_from: usize,
) -> Filtered {
    let (y0, y1) = index.year_span.unwrap_or((0, 0));
    let tally = |events: &[EventIx]| {
        let mut c = Counts {
            actors: vec![0u32; t.actors.len()],
            tags: vec![0u32; t.tags.len()],
            places: vec![0u32; t.places.len()],
            years: (y0..=y1).map(|y| (y, 0)).collect(),
        };
        for &i in events {
            for &a in index.involved(i) {
                c.actors[a] += 1;
            }
            for &tag in index.tags(i) {
                c.tags[tag] += 1;
            }
            for &p in index.places(i) {
                c.places[p] += 1;
            }
            if let Some(slot) = c
                .years
                .get_mut(usize::from(index.years[i].saturating_sub(y0)))
            {
                slot.1 += 1;
            }
        }
        c
    };
    // Many events are counted on every core, each its share, and the
    // tallies added up.
    let threads = rayon::current_num_threads();
    let Counts {
        actors: actor_counts,
        tags: tag_counts,
        places: place_counts,
        years,
    } = if threads > 1 && events.len() >= parallel_from {
        use rayon::prelude::*;
        events
            .par_chunks(events.len().div_ceil(threads))
            .map(tally)
            .reduce_with(Counts::add)
            .unwrap_or_else(|| tally(&[]))
    } else {
        tally(&events)
    };
    Filtered {
        events,
        matches,
        match_at: Vec::new(),
        hidden_by_search,
        actor_counts,
        tag_counts,
        place_counts,
        years,
        too_coarse: 0,
        by_sources: SourceHidden::default(),
    }
}
