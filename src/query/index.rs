//! Indexes built once per load, so a keystroke never rescans the timeline's
//! structure: posting lists per actor and per tag, each event's day span, and
//! the search over one contiguous lowercased text buffer (`SearchText`) that
//! a SIMD substring search runs over, with a sketch of each event's text
//! that lets a search pass over the events that cannot match without
//! reading them.

use memchr::memmem;
use rayon::prelude::*;

use super::search_text::SearchText;
use super::sketch::{FAR, alnum, needed};
use super::terms::{Finder, Term};
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
                memchr::memchr(b, &self.text.bytes[from..end]).map(|p| from + p)
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
        let narrow = |&(lo, hi): &(usize, usize)| {
            let mut out = Vec::with_capacity(hi - lo);
            for (&ix, &at) in events[lo..hi].iter().zip(&last_at[lo..hi]) {
                // An event without every letter of the word is
                // passed over unread.
                if self.sketched && !self.may_hold(ix, need) {
                    continue;
                }
                let text = &self.text.bytes[at..self.text.starts[ix + 1]];
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
        // One pass over the contiguous text of a run; after a hit, skip to
        // the next event. Searching a run of neighbours in one call, rather
        // than event by event, saves a call's set-up per event, which is
        // most of the cost when nearly every event is a candidate.
        for &(first, end) in runs {
            let stop = self.text.starts[end];
            let mut ix = first;
            while self.text.starts[ix] < stop {
                let at = self.text.starts[ix];
                let Some(pos) = words.finder.find(&self.text.bytes[at..stop]) else {
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
