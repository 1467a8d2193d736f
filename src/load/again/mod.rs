//! Reading a timeline again after an edit. A file whose bytes have not
//! changed since the last read is not parsed again: its records from that
//! read are taken as they were. The whole set is then resolved afresh, as
//! on a first read, so that a reference into the edited file, or out of
//! it, is checked exactly as `load` would check it.

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use super::pieces::{self, Part};
use super::{Decoded, FileId, Files, Input, Loaded, fallback_title, merge};

/// Records are kept for files of at most this many bytes in all: kept,
/// they take about one and a half times their file's size (100,000
/// synthetic events: 131 MB of files, 200 MB of records), and a file
/// beyond the bound is parsed at every reload instead.
const KEEP_BYTES: usize = 256 * 1024 * 1024;

/// The records of each file of the last read, for the next one.
pub struct Again {
    /// The files of the last read, by name, in order: a file's records
    /// hold its position, so they are taken again only for the same files.
    names: Vec<String>,
    /// Each file's records, with its bytes' length and hash; `None` for a
    /// file that could not be decoded, or whose records are not kept yet.
    kept: Vec<Option<Kept>>,
    /// The files the last read parsed without keeping their records, with
    /// their bytes' length and hash: `keep_one` parses them again.
    unkept: Vec<(FileId, usize, u64)>,
    /// How many files the last read parsed.
    parsed: usize,
    /// The most bytes of files whose records are kept: `KEEP_BYTES`.
    limit: usize,
    /// The bytes of the files whose records are kept now.
    kept_bytes: usize,
}

impl Default for Again {
    fn default() -> Again {
        Again::with_limit(KEEP_BYTES)
    }
}

struct Kept {
    len: usize,
    hash: u64,
    part: Part<'static>,
}

impl Again {
    /// Keeps the records of at most `limit` bytes of files.
    pub fn with_limit(limit: usize) -> Again {
        Again {
            names: Vec::new(),
            kept: Vec::new(),
            unkept: Vec::new(),
            parsed: 0,
            limit,
            kept_bytes: 0,
        }
    }

    /// Decodes, parses, validates and merges `inputs` as `load` does,
    /// parsing only the files that changed since the last call.
    pub fn load(&mut self, inputs: Vec<Input>) -> Loaded {
        let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
        if names != self.names {
            self.kept.clear();
            self.kept_bytes = 0;
            self.names = names;
        }
        self.kept.resize_with(inputs.len(), || None);
        let sums: Vec<(usize, u64)> = inputs
            .par_iter()
            .map(|i| (i.bytes.len(), xxh3_64(&i.bytes)))
            .collect();
        let fallback_title = fallback_title(&inputs);
        let read = Decoded::of(inputs);
        let mut readable = vec![false; sums.len()];
        for &id in &read.readable {
            readable[id] = true;
        }
        let mut changed = Vec::new();
        for (id, &(len, hash)) in sums.iter().enumerate() {
            let same = self.kept[id]
                .as_ref()
                .is_some_and(|k| k.len == len && k.hash == hash);
            if !same {
                self.put(id, None);
                if readable[id] {
                    changed.push(id);
                }
            }
        }
        self.parsed = changed.len();
        self.unkept.clear();
        let parts = if changed.len() == read.readable.len() {
            // Nothing to take again: the files are read as `load` reads
            // them, and their records kept afterwards, by `keep_one`.
            // Last first: `keep_one` takes them from the end, in file order.
            self.unkept = changed
                .iter()
                .rev()
                .map(|&id| (id, sums[id].0, sums[id].1))
                .collect();
            pieces::parse_all(&read.files, &read.readable, pieces::PIECE_BYTES)
        } else {
            // A file's pieces are parsed on every core, one file after
            // another; its records are kept, while there is room, without
            // the text they borrow.
            let mut fresh: Vec<Option<Part<'_>>> = (0..sums.len()).map(|_| None).collect();
            for &id in &changed {
                let part = pieces::parse_all(&read.files, &[id], pieces::PIECE_BYTES);
                let (len, hash) = sums[id];
                if self.room_for(len) {
                    let part = part.owned();
                    self.put(id, Some(Kept { len, hash, part }));
                } else {
                    fresh[id] = Some(part);
                }
            }
            // The resolver takes its records by value: each kept file's are
            // copied, a file per core, and merged in file order.
            let copies: Vec<Option<Part<'static>>> = read
                .readable
                .par_iter()
                .map(|&id| self.kept[id].as_ref().map(|k| k.part.clone()))
                .collect();
            let mut all = Part::default();
            for (&id, copy) in read.readable.iter().zip(copies) {
                if let Some(part) = copy.or_else(|| fresh[id].take()) {
                    all.append(part);
                }
            }
            all
        };
        let (timeline, diagnostics) = merge(parts, read.diags, read.broken, &fallback_title);
        Loaded {
            timeline,
            diagnostics,
            files: read.files,
        }
    }

    /// Parses again, and keeps, the records of one more file the last
    /// `load` read without keeping them; `files` are that load's. False
    /// when there is none left. A read that parses every file (the first
    /// after opening, or one after every file changed) would be a third
    /// slower if it copied every record before resolving them: these are
    /// kept once its timeline is on screen, a file at a time, so that a
    /// change seen meanwhile waits for one file at most.
    pub fn keep_one(&mut self, files: &Files) -> bool {
        let Some((id, len, hash)) = self.unkept.pop() else {
            return false;
        };
        if files.get(id).is_some() && id < self.kept.len() && self.room_for(len) {
            let part = pieces::parse_all(files, &[id], pieces::PIECE_BYTES).owned();
            self.put(id, Some(Kept { len, hash, part }));
        }
        true
    }

    /// True when the records of a file of `len` bytes fit beside those
    /// kept already.
    fn room_for(&self, len: usize) -> bool {
        self.kept_bytes + len <= self.limit
    }

    /// Keeps `kept` as file `id`'s records, or none.
    fn put(&mut self, id: FileId, kept: Option<Kept>) {
        let was = std::mem::replace(&mut self.kept[id], kept);
        self.kept_bytes -= was.map_or(0, |k| k.len);
        self.kept_bytes += self.kept[id].as_ref().map_or(0, |k| k.len);
    }

    /// How many files the last `load` parsed; the rest it took again.
    pub fn parsed(&self) -> usize {
        self.parsed
    }
}

#[cfg(test)]
mod tests;
