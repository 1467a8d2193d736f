//! The lowercased text of every event that a search reads, with a sketch
//! of each event's text: folded once at load (or read from the cache) on
//! every core, and searched by `Index`.

use rayon::prelude::*;

use super::sketch::{ALNUM, Sketches, sketch};
use super::terms::fold_into;
use crate::model::Timeline;

/// Events folded together by one task: enough that a task's overhead is
/// nothing beside its work, few enough that both cores stay busy.
const FOLD_CHUNK: usize = 2048;

/// The lowercased searchable text of every event, back to back, each
/// event's fields ending in `\n` and the event in `\0`: what `search`
/// scans. Built at load, or read from the cache.
///
/// With it, a sketch of each event's text, so that a keystroke need not
/// read the text of an event that cannot match: which bytes occur in it
/// (`seen`, exact for letters and digits), and where each letter and digit
/// first occurs (`first`), which answers a search for one letter, the
/// first keystroke of every search, without reading any text.
#[derive(Debug, Clone, Default, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct SearchText {
    /// Kept by the cache in a section of its own, as it is (`bytes`,
    /// `with_bytes`), rather than in the archive with the rest.
    #[rkyv(with = rkyv::with::Skip)]
    pub(super) bytes: Vec<u8>,
    /// Start of each event's text in `bytes`; one extra entry at the end.
    pub(super) starts: Vec<usize>,
    /// For each event, a bit for each letter and digit in its text, and
    /// for the other bytes a bit that several share.
    pub(super) seen: Vec<u64>,
    /// For each event, where each letter and digit first occurs in its
    /// text, from its start; `FAR` when at 255 or later, or nowhere.
    pub(super) first: Vec<[u8; ALNUM]>,
}

impl SearchText {
    /// Folds every event's title, summary, details, location, places and
    /// actors' names, in chunks on every core.
    pub fn of(t: &Timeline) -> SearchText {
        let parts: Vec<(String, Vec<usize>, Sketches)> = t
            .events
            .par_chunks(FOLD_CHUNK)
            .map(|chunk| {
                let mut text = String::new();
                let mut starts = Vec::with_capacity(chunk.len());
                let mut sketches = Sketches::with_capacity(chunk.len());
                for e in chunk {
                    let start = text.len();
                    starts.push(start);
                    let mut push = |s: &str| {
                        fold_into(s, &mut text);
                        text.push('\n');
                    };
                    push(&e.title);
                    push(&e.summary);
                    push(&e.details);
                    push(&e.location);
                    for &p in &e.places {
                        push(&t.places[p].name);
                    }
                    for &a in &e.actors {
                        let actor = &t.actors[a];
                        push(&actor.name);
                        push(&actor.short);
                        actor.aliases.iter().for_each(|al| push(al));
                    }
                    sketches.push(sketch(&text.as_bytes()[start..]));
                    text.push('\0');
                }
                (text, starts, sketches)
            })
            .collect();
        let total = parts.iter().map(|(text, ..)| text.len()).sum();
        let mut bytes = Vec::with_capacity(total);
        let mut starts = Vec::with_capacity(t.events.len() + 1);
        let mut all = Sketches::with_capacity(t.events.len());
        for (text, at, sketches) in parts {
            let base = bytes.len();
            starts.extend(at.into_iter().map(|s| base + s));
            bytes.extend_from_slice(text.as_bytes());
            all.seen.extend(sketches.seen);
            all.first.extend(sketches.first);
        }
        starts.push(bytes.len());
        SearchText {
            bytes,
            starts,
            seen: all.seen,
            first: all.first,
        }
    }

    /// The folded text itself, back to back.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// This text's starts and sketches with `bytes` as the text: what the
    /// cache reads back in two parts. `fits` says whether they agree.
    pub fn with_bytes(self, bytes: Vec<u8>) -> SearchText {
        SearchText { bytes, ..self }
    }

    /// Whether this could be the text of a timeline of `events` events:
    /// one start for each and one past the end, in order, within the
    /// bytes. What the cache checks before a search may slice by them.
    pub fn fits(&self, events: usize) -> bool {
        self.starts.len() == events + 1
            && self.seen.len() == events
            && self.first.len() == events
            && self.starts.first() == Some(&0)
            && self.starts.last() == Some(&self.bytes.len())
            && self.starts.windows(2).all(|w| w[0] <= w[1])
    }
}
