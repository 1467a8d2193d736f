//! Indexes built once per load, so a keystroke never rescans the timeline's
//! structure: posting lists per actor and per tag, each event's day span, and
//! one contiguous lowercased text buffer that a SIMD substring search runs
//! over.

use memchr::memmem;

use crate::model::{EventIx, Timeline};

#[derive(Debug, Clone, Default)]
pub struct Index {
    /// For each actor, the events that involve it (as actor or claimant), ascending.
    pub actor_events: Vec<Vec<EventIx>>,
    /// For each tag, the events that carry it, ascending.
    pub tag_events: Vec<Vec<EventIx>>,
    /// Each event's first and last day, as days since the common era.
    pub spans: Vec<(i32, i32)>,
    /// Each event's year (of its start).
    pub years: Vec<u16>,
    /// Lowercased searchable text of every event, separated by `\0`.
    text: Vec<u8>,
    /// Start of each event's text in `text`; one extra entry at the end.
    starts: Vec<usize>,
}

/// Lowercases for matching. Non-ASCII letters are lowercased too, so
/// "Ç" finds "ç".
pub fn fold(s: &str) -> String {
    s.to_lowercase()
}

impl Index {
    pub fn build(t: &Timeline) -> Index {
        let mut actor_events = vec![Vec::new(); t.actors.len()];
        let mut tag_events = vec![Vec::new(); t.tags.len()];
        let mut spans = Vec::with_capacity(t.events.len());
        let mut years = Vec::with_capacity(t.events.len());
        let mut text = Vec::new();
        let mut starts = Vec::with_capacity(t.events.len() + 1);
        for (i, e) in t.events.iter().enumerate() {
            let mut involved: Vec<usize> = e
                .actors
                .iter()
                .copied()
                .chain(e.claims.iter().map(|c| c.by))
                .collect();
            involved.sort_unstable();
            involved.dedup();
            for a in involved {
                actor_events[a].push(i);
            }
            for &tag in &e.tags {
                tag_events[tag].push(i);
            }
            spans.push((days(e.date.first_day()), days(e.last_day())));
            years.push(e.date.year());
            starts.push(text.len());
            let mut push = |s: &str| {
                text.extend_from_slice(fold(s).as_bytes());
                text.push(b'\n');
            };
            push(&e.title);
            push(&e.summary);
            push(&e.details);
            push(&e.location);
            for &a in &e.actors {
                let actor = &t.actors[a];
                push(&actor.name);
                push(&actor.short);
                actor.aliases.iter().for_each(|al| push(al));
            }
            text.push(0);
        }
        starts.push(text.len());
        Index {
            actor_events,
            tag_events,
            spans,
            years,
            text,
            starts,
        }
    }

    /// The searchable text of one event.
    fn event_text(&self, ix: EventIx) -> &[u8] {
        &self.text[self.starts[ix]..self.starts[ix + 1]]
    }

    /// Events whose text holds every word of `query` (already folded), in
    /// ascending order. With `within`, only those events are tried: a query
    /// that extends the previous one narrows its matches instead of
    /// rescanning everything.
    pub fn search(&self, words: &[String], within: Option<&[EventIx]>) -> Vec<EventIx> {
        let Some(longest) = words.iter().max_by_key(|w| w.len()) else {
            return within.map_or_else(|| (0..self.spans.len()).collect(), <[EventIx]>::to_vec);
        };
        let finder = memmem::Finder::new(longest.as_bytes());
        let others: Vec<memmem::Finder<'_>> = words
            .iter()
            .filter(|w| !std::ptr::eq(*w, longest))
            .map(|w| memmem::Finder::new(w.as_bytes()))
            .collect();
        let all_match = |ix: EventIx| others.iter().all(|f| f.find(self.event_text(ix)).is_some());
        let mut out = Vec::new();
        match within {
            Some(candidates) => {
                for &ix in candidates {
                    if finder.find(self.event_text(ix)).is_some() && all_match(ix) {
                        out.push(ix);
                    }
                }
            }
            None => {
                // One pass over the whole buffer; after a hit, skip to the next event.
                let mut at = 0;
                while let Some(pos) = finder.find(&self.text[at..]) {
                    let hit = at + pos;
                    let ix = self.starts.partition_point(|&s| s <= hit) - 1;
                    if all_match(ix) {
                        out.push(ix);
                    }
                    at = self.starts[ix + 1];
                    if at >= self.text.len() {
                        break;
                    }
                }
            }
        }
        out
    }
}

fn days(d: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce()
}

/// Splits a search query into folded words.
pub fn words(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}
