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
        let mut involved_all = Vec::with_capacity(t.events.len() * 4);
        let mut involved_at = Vec::with_capacity(t.events.len() + 1);
        let mut event_tags = Vec::with_capacity(t.events.len() * 2);
        let mut event_tags_at = Vec::with_capacity(t.events.len() + 1);
        for (i, e) in t.events.iter().enumerate() {
            let mut involved: Vec<usize> = e
                .actors
                .iter()
                .copied()
                .chain(e.claims.iter().map(|c| c.by))
                .collect();
            involved.sort_unstable();
            involved.dedup();
            involved_at.push(involved_all.len());
            for a in involved {
                actor_events[a].push(i);
                involved_all.push(a);
            }
            event_tags_at.push(event_tags.len());
            for &tag in &e.tags {
                tag_events[tag].push(i);
                event_tags.push(tag);
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
        involved_at.push(involved_all.len());
        event_tags_at.push(event_tags.len());
        Index {
            actor_events,
            tag_events,
            spans,
            years,
            year_span: t.year_span(),
            involved: involved_all,
            involved_at,
            event_tags,
            event_tags_at,
            text,
            starts,
        }
    }

    /// The actors an event involves, as actor or claimant, each once.
    pub fn involved(&self, ix: EventIx) -> &[usize] {
        &self.involved[self.involved_at[ix]..self.involved_at[ix + 1]]
    }

    /// The tags of an event.
    pub fn tags(&self, ix: EventIx) -> &[usize] {
        &self.event_tags[self.event_tags_at[ix]..self.event_tags_at[ix + 1]]
    }

    /// The searchable text of one event.
    fn event_text(&self, ix: EventIx) -> &[u8] {
        &self.text[self.starts[ix]..self.starts[ix + 1]]
    }

    /// Whether one event's searchable text holds `word`, tried alone: what
    /// `search` must agree with.
    #[cfg(test)]
    pub fn event_text_contains(&self, ix: EventIx, word: &str) -> bool {
        memmem::find(self.event_text(ix), word.as_bytes()).is_some()
    }

    /// Events whose text holds every word of `query` (already folded), in
    /// ascending order. With `within` (ascending), only those events are
    /// tried: a query that extends the previous one narrows its matches
    /// instead of rescanning everything.
    pub fn search(&self, words: &[String], within: Option<&[EventIx]>) -> Vec<EventIx> {
        let Some(longest) = words.iter().max_by_key(|w| w.len()) else {
            return within.map_or_else(|| (0..self.spans.len()).collect(), <[EventIx]>::to_vec);
        };
        // Loaded text never holds NUL (the sanitizer shows it as ␀), and NUL
        // separates events in the buffer: such a word can only match nothing.
        if words.iter().any(|w| w.contains('\0')) {
            return Vec::new();
        }
        let finder = memmem::Finder::new(longest.as_bytes());
        let others: Vec<memmem::Finder<'_>> = words
            .iter()
            .filter(|w| !std::ptr::eq(*w, longest))
            .map(|w| memmem::Finder::new(w.as_bytes()))
            .collect();
        let all_match = |ix: EventIx| others.iter().all(|f| f.find(self.event_text(ix)).is_some());
        let mut out = Vec::new();
        // One pass over the contiguous text of events `first..end`; after a
        // hit, skip to the next event. Searching a run of neighbours in one
        // call, rather than event by event, saves a call's set-up per event,
        // which is most of the cost when nearly every event is a candidate.
        let mut scan = |first: EventIx, end: EventIx| {
            let stop = self.starts[end];
            let mut ix = first;
            while self.starts[ix] < stop {
                let at = self.starts[ix];
                let Some(pos) = finder.find(&self.text[at..stop]) else {
                    break;
                };
                let hit = at + pos;
                // Most hits fall in the event the search started in.
                if hit >= self.starts[ix + 1] {
                    ix += self.starts[ix + 1..end].partition_point(|&s| s <= hit);
                }
                if all_match(ix) {
                    out.push(ix);
                }
                ix += 1;
            }
        };
        match within {
            None => scan(0, self.starts.len() - 1),
            Some(candidates) => {
                let mut i = 0;
                while i < candidates.len() {
                    let mut j = i + 1;
                    while j < candidates.len() && candidates[j] == candidates[j - 1] + 1 {
                        j += 1;
                    }
                    scan(candidates[i], candidates[j - 1] + 1);
                    i = j;
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
