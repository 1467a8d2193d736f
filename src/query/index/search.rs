//! The search over the index's folded text: every term of a query in
//! each event's text, on every core when there is much of it, passing over
//! the events whose sketch says a term cannot be there.

use memchr::memmem;
use rayon::prelude::*;

use super::Index;
use crate::model::EventIx;
use crate::query::sketch::{FAR, alnum, needed};
use crate::query::terms::{Finder, Term};

impl Index {
    /// The searchable text of one event.
    fn event_text(&self, ix: EventIx) -> &[u8] {
        &self.text.bytes[self.text.starts[ix]..self.text.starts[ix + 1]]
    }

    /// Whether one event's searchable text holds `word`, tried alone: what
    /// `search` must agree with.
    #[cfg(test)]
    pub fn event_text_contains(&self, ix: EventIx, word: &str) -> bool {
        memmem::find(self.event_text(ix), word.as_bytes()).is_some()
    }

    /// Events whose text holds every term of a query, in ascending order.
    /// With `within` (ascending), only those events are tried: a query that
    /// extends the previous one narrows its matches instead of rescanning
    /// everything.
    pub fn search(&self, terms: &[Term], within: Option<&[EventIx]>) -> Hits {
        let (Some(longest), Some(last)) = (terms.iter().max_by_key(|w| w.text.len()), terms.last())
        else {
            let events =
                within.map_or_else(|| (0..self.spans.len()).collect(), <[EventIx]>::to_vec);
            return Hits {
                events,
                last_at: Vec::new(),
            };
        };
        // Loaded text never holds NUL (the sanitizer shows it as ␀), and NUL
        // separates events in the buffer: such a word can only match nothing.
        if terms
            .iter()
            .any(|w| w.text.contains('\0') || w.text.is_empty())
        {
            return Hits::default();
        }
        // The first letter of a search is answered from the sketches alone.
        if let ([only], true) = (terms, self.sketched)
            && let ([b], false) = (only.text.as_bytes(), only.whole)
            && let Some(c) = alnum(*b)
        {
            return self.letter(*b, c, within);
        }
        // Events whose sketch rules the query out are never read.
        let candidates: Vec<EventIx>;
        let within = match self.sketched.then(|| self.sifted(terms, within)) {
            Some(Some(sifted)) => {
                candidates = sifted;
                Some(&candidates[..])
            }
            _ => within,
        };
        let finder = Finder::new(longest);
        let others: Vec<Finder<'_>> = terms
            .iter()
            .filter(|w| !std::ptr::eq(*w, longest))
            .map(Finder::new)
            .collect();
        // Where the last word is, when it is not the one searched for.
        let last = (!std::ptr::eq(last, longest)).then(|| Finder::new(last));
        let words = Words {
            finder,
            others,
            last,
        };
        // Runs of neighbouring candidates: each is searched in one pass.
        let runs: Vec<(EventIx, EventIx)> = match within {
            None => vec![(0, self.text.starts.len() - 1)],
            Some(candidates) => {
                let mut runs = Vec::new();
                let mut i = 0;
                while i < candidates.len() {
                    let mut j = i + 1;
                    while j < candidates.len() && candidates[j] == candidates[j - 1] + 1 {
                        j += 1;
                    }
                    runs.push((candidates[i], candidates[j - 1] + 1));
                    i = j;
                }
                runs
            }
        };
        // Each core takes a share of the text; the shares are in order, so
        // their matches concatenate in ascending order.
        let shares = self.shares(&runs);
        Hits::joined(if shares.len() == 1 {
            vec![self.scan(&shares[0], &words)]
        } else {
            shares
                .par_iter()
                .map(|share| self.scan(share, &words))
                .collect()
        })
    }

    /// The events among `within` (all, for `None`) whose sketches allow
    /// the query; `None` when the sketches of a sample of them say most
    /// do, where one pass over the text of long runs of neighbours is
    /// quicker than a search of each event left.
    fn sifted(&self, terms: &[Term], within: Option<&[EventIx]>) -> Option<Vec<EventIx>> {
        let need = needed(terms.iter().map(|w| w.text.as_str()));
        let may = |&ix: &EventIx| self.may_hold(ix, need);
        let events = self.text.starts.len() - 1;
        let sample = match within {
            None => (0..events.min(SAMPLE)).filter(may).count(),
            Some(within) => within.iter().take(SAMPLE).filter(|ix| may(ix)).count(),
        };
        let sampled = within.map_or(events, <[EventIx]>::len).min(SAMPLE);
        if sample * 4 > sampled {
            return None;
        }
        Some(match within {
            None => (0..events).filter(may).collect(),
            Some(within) => within.iter().copied().filter(may).collect(),
        })
    }

    /// Whether an event's sketch shows every byte `need` asks for.
    fn may_hold(&self, ix: EventIx, need: u64) -> bool {
        self.text.seen[ix] & need == need
    }

    /// The events among `within` (all, for `None`) whose text holds the
    /// letter or digit `b`, number `c` of the 36, and where each first
    /// holds it: read from the sketches, and from the text only where the
    /// first one is 255 bytes or more into an event's text.
    fn letter(&self, b: u8, c: usize, within: Option<&[EventIx]>) -> Hits {
        let bit = 1 << c;
        let mut hits = Hits::default();
        let bytes: &[u8] = &self.text.bytes;
        let mut visit = |ix: EventIx| {
            if self.text.seen[ix] & bit == 0 {
                return;
            }
            let (start, end) = (self.text.starts[ix], self.text.starts[ix + 1]);
            let first = self.text.first[ix][c];
            let hint = start + usize::from(first);
            // Taken on trust, like the text itself, when it falls within
            // the event: reading the text there would cost what the
            // sketch saves, a cache miss for every event.
            let at = if first != FAR && hint < end {
                Some(hint)
            } else {
                let from = if first == FAR { hint.min(end) } else { start };
                memchr::memchr(b, &bytes[from..end]).map(|p| from + p)
            };
            if let Some(at) = at {
                hits.events.push(ix);
                hits.last_at.push(at);
            }
        };
        match within {
            None => (0..self.text.starts.len() - 1).for_each(&mut visit),
            Some(within) => within.iter().copied().for_each(&mut visit),
        }
        hits
    }

    /// Narrows the hits of a query (`events`, and `last_at` as in `Hits`,
    /// one each) to the same query with its last word grown to `last` (one
    /// more letter typed). Each event is tried from where the shorter word
    /// first occurred, since the longer one can occur no earlier, and usually
    /// occurs right there: most events are settled without a search. The
    /// other words matched before and are unchanged.
    pub fn search_on(&self, last: &str, events: &[EventIx], last_at: &[usize]) -> Hits {
        if last.contains('\0') {
            return Hits::default();
        }
        let finder = memmem::Finder::new(last.as_bytes());
        let need = needed([last]);
        // The shorter word is at each offset, so the letter typed decides
        // most events before the whole word is compared.
        let typed = last.len().checked_sub(1).map(|i| (i, last.as_bytes()[i]));
        let n = events.len();
        // An event costs about what scanning half a kilobyte of text does.
        let jobs = if n * 512 < self.parallel_bytes {
            1
        } else {
            self.threads.max(1)
        };
        let per_job = n.div_ceil(jobs.max(1));
        let chunks: Vec<(usize, usize)> = (0..jobs)
            .map(|job| ((job * per_job).min(n), ((job + 1) * per_job).min(n)))
            .collect();
        // Taken from where the text is held once, not for every event.
        let bytes: &[u8] = &self.text.bytes;
        let narrow = |&(lo, hi): &(usize, usize)| {
            let mut out = Vec::with_capacity(hi - lo);
            for (&ix, &at) in events[lo..hi].iter().zip(&last_at[lo..hi]) {
                // An event without every letter of the word is
                // passed over unread.
                if self.sketched && !self.may_hold(ix, need) {
                    continue;
                }
                let text = &bytes[at..self.text.starts[ix + 1]];
                let there = typed.is_none_or(|(i, b)| text.get(i) == Some(&b))
                    && text.starts_with(last.as_bytes());
                if there {
                    out.push((ix, at));
                } else if let Some(pos) = finder.find(text) {
                    out.push((ix, at + pos));
                }
            }
            out
        };
        Hits::joined(if jobs == 1 {
            chunks.iter().map(narrow).collect()
        } else {
            chunks.par_iter().map(narrow).collect()
        })
    }

    /// Splits runs of events into one share per core, of about equal text,
    /// cutting a run between events where needed; a single share when the
    /// text is too small for threads to pay for themselves.
    fn shares(&self, runs: &[(EventIx, EventIx)]) -> Vec<Vec<(EventIx, EventIx)>> {
        let bytes =
            |(first, end): (EventIx, EventIx)| self.text.starts[end] - self.text.starts[first];
        let total: usize = runs.iter().map(|&r| bytes(r)).sum();
        if self.threads <= 1 || total < self.parallel_bytes {
            return vec![runs.to_vec()];
        }
        let target = total.div_ceil(self.threads);
        let mut shares = vec![Vec::new()];
        let mut filled = 0;
        for &(mut first, end) in runs {
            while first < end {
                let room = target.saturating_sub(filled);
                // The first event past which this share would be full.
                let limit = self.text.starts[first] + room;
                let cut =
                    first + 1 + self.text.starts[first + 1..end].partition_point(|&s| s < limit);
                let cut = cut.min(end);
                if let Some(share) = shares.last_mut() {
                    share.push((first, cut));
                }
                filled += self.text.starts[cut] - self.text.starts[first];
                first = cut;
                if filled >= target && shares.len() < self.threads {
                    shares.push(Vec::new());
                    filled = 0;
                }
            }
        }
        shares.retain(|s| !s.is_empty());
        shares
    }

    /// Searches runs of events `first..end` for the longest word, then
    /// checks the others in each event it hits.
    fn scan(&self, runs: &[(EventIx, EventIx)], words: &Words<'_>) -> Vec<(EventIx, usize)> {
        let all_match = |ix: EventIx| {
            words
                .others
                .iter()
                .all(|f| f.find(self.event_text(ix)).is_some())
        };
        let mut out = Vec::new();
        let bytes: &[u8] = &self.text.bytes;
        // One pass over the contiguous text of a run; after a hit, skip to
        // the next event. Searching a run of neighbours in one call, rather
        // than event by event, saves a call's set-up per event, which is
        // most of the cost when nearly every event is a candidate.
        for &(first, end) in runs {
            let stop = self.text.starts[end];
            let mut ix = first;
            while self.text.starts[ix] < stop {
                let at = self.text.starts[ix];
                let Some(pos) = words.finder.find(&bytes[at..stop]) else {
                    break;
                };
                let hit = at + pos;
                // Most hits fall in the event the search started in.
                if hit >= self.text.starts[ix + 1] {
                    ix += self.text.starts[ix + 1..end].partition_point(|&s| s <= hit);
                }
                if all_match(ix) {
                    // The hit is the word's first in its event: no earlier
                    // event text was skipped without a search.
                    let last_at = match &words.last {
                        None => Some(hit),
                        Some(f) => f
                            .find(self.event_text(ix))
                            .map(|p| self.text.starts[ix] + p),
                    };
                    if let Some(last_at) = last_at {
                        out.push((ix, last_at));
                    }
                }
                ix += 1;
            }
        }
        out
    }
}

/// Events whose sketches are tried before deciding whether to sift by them.
const SAMPLE: usize = 1024;

/// The words of a query, made ready to search for.
struct Words<'w> {
    /// The longest word, which the text is scanned for.
    finder: Finder<'w>,
    /// The other words, each checked in the events the scan hits.
    others: Vec<Finder<'w>>,
    /// The last word, when it is not the longest.
    last: Option<Finder<'w>>,
}

/// What a search found: the matching events, ascending, and for each one
/// the offset into the index's text where the query's last word first
/// occurs, from which a longer last word is looked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    pub events: Vec<EventIx>,
    pub last_at: Vec<usize>,
}

impl Hits {
    /// The hits of consecutive shares of the events, in their order.
    fn joined(parts: Vec<Vec<(EventIx, usize)>>) -> Hits {
        let (events, last_at) = parts.into_iter().flatten().unzip();
        Hits { events, last_at }
    }
}
