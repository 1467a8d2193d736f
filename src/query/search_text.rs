//! The lowercased text of every event that a search reads, with a sketch
//! of each event's text: folded once at load (or read from the cache) on
//! every core, and searched by `Index`.

use std::sync::Arc;

use rayon::prelude::*;

use super::sketch::{ALNUM, Sketches, sketch};
use super::terms::fold_into;
use crate::model::{Event, Timeline};

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
    ///
    /// Shared, so that a first open's cache entry is written from the very
    /// bytes the index searches rather than from a copy (73 MB at 100,000
    /// events), and held as the cache holds them (`Folded`).
    #[rkyv(with = rkyv::with::Skip)]
    pub(super) bytes: Folded,
    /// Start of each event's text in `bytes`; one extra entry at the end.
    pub(super) starts: Vec<usize>,
    /// For each event, a bit for each letter and digit in its text, and
    /// for the other bytes a bit that several share.
    pub(super) seen: Vec<u64>,
    /// For each event, where each letter and digit first occurs in its
    /// text, from its start; `FAR` when at 255 or later, or nowhere.
    pub(super) first: Vec<[u8; ALNUM]>,
}

/// The folded text's bytes, wherever they are held: made by folding, or
/// as the cache read them (mapped from its entry, which no one writes
/// in place), and shared by the index and the entry made from it.
#[derive(Clone)]
pub struct Folded(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl Folded {
    pub fn new(bytes: impl AsRef<[u8]> + Send + Sync + 'static) -> Folded {
        Folded(Arc::new(bytes))
    }
}

impl std::ops::Deref for Folded {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

impl Default for Folded {
    fn default() -> Folded {
        Folded::new(Vec::new())
    }
}

impl PartialEq for Folded {
    fn eq(&self, other: &Folded) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for Folded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Folded({} bytes)", self.len())
    }
}

/// A run of events' folded text, their starts in it and their sketches.
struct Chunk {
    text: String,
    starts: Vec<usize>,
    sketches: Sketches,
}

impl SearchText {
    /// Folds every event's title, summary, details, location, places and
    /// actors' names, in chunks on every core.
    pub fn of(t: &Timeline) -> SearchText {
        SearchText::join(t, fold_chunks(t))
    }

    /// The chunks' text and sketches, back to back: the text copied on
    /// every core, each chunk's into its own part of the whole.
    fn join(t: &Timeline, chunks: Vec<Chunk>) -> SearchText {
        let total = chunks.iter().map(|c| c.text.len()).sum();
        let mut starts = Vec::with_capacity(t.events.len() + 1);
        let mut all = Sketches::with_capacity(t.events.len());
        let mut parts = Vec::with_capacity(chunks.len());
        let mut base = 0;
        for chunk in chunks {
            starts.extend(chunk.starts.iter().map(|s| base + s));
            base += chunk.text.len();
            all.seen.extend(chunk.sketches.seen);
            all.first.extend(chunk.sketches.first);
            parts.push(chunk.text);
        }
        starts.push(total);
        let mut bytes = vec![0; total];
        let mut rest = &mut bytes[..];
        let mut slots = Vec::with_capacity(parts.len());
        for part in &parts {
            let (here, after) = rest.split_at_mut(part.len());
            slots.push(here);
            rest = after;
        }
        slots
            .into_par_iter()
            .zip(&parts)
            .for_each(|(slot, part)| slot.copy_from_slice(part.as_bytes()));
        SearchText {
            bytes: Folded::new(bytes),
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
    pub fn with_bytes(self, bytes: Folded) -> SearchText {
        SearchText { bytes, ..self }
    }

    /// The folded text, shared: what the cache writes.
    pub fn shared_bytes(&self) -> Folded {
        self.bytes.clone()
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

/// Each event's text before folding, a field at a time: its title,
/// summary, details, location, places' names and actors' names.
fn pieces<'t>(t: &'t Timeline, e: &'t Event) -> impl Iterator<Item = &'t str> {
    let own = [&e.title, &e.summary, &e.details, &e.location].map(|s| s.as_str());
    let places = e.places.iter().map(|&p| t.places[p].name.as_str());
    let actors = e.actors.iter().flat_map(|&a| {
        let actor = &t.actors[a];
        [&actor.name, &actor.short]
            .into_iter()
            .chain(&actor.aliases)
            .map(String::as_str)
    });
    own.into_iter().chain(places).chain(actors)
}

/// The events of `t` folded in chunks on every core.
fn fold_chunks(t: &Timeline) -> Vec<Chunk> {
    t.events
        .par_chunks(FOLD_CHUNK)
        .map(|events| {
            // As long as the text before folding, which folding ASCII
            // keeps: the chunk's text is written once, never moved.
            let room = events
                .iter()
                .map(|e| pieces(t, e).map(|p| p.len() + 1).sum::<usize>() + 1)
                .sum();
            let mut chunk = Chunk {
                text: String::with_capacity(room),
                starts: Vec::with_capacity(events.len()),
                sketches: Sketches::with_capacity(events.len()),
            };
            for e in events {
                let start = chunk.text.len();
                chunk.starts.push(start);
                for piece in pieces(t, e) {
                    fold_into(piece, &mut chunk.text);
                    chunk.text.push('\n');
                }
                chunk.sketches.push(sketch(&chunk.text.as_bytes()[start..]));
                chunk.text.push('\0');
            }
            chunk
        })
        .collect()
}
