//! Reading the files into records: the fast path, a large file cut into
//! pieces read on every core, and toml's own document as the general path
//! for whatever the fast one gives up on, with toml's exact errors.

use rayon::prelude::*;

use super::diagnostic::{Diagnostic, FileId, Files};
use super::{doc, raw};
use crate::text::one_line;

/// Syntax errors shown per file; the rest are counted in one more. Past the
/// first few they mostly echo the first, and a line of 100,000 `-` would
/// otherwise yield 100,000 errors, each quoting the whole line.
const MAX_SYNTAX_ERRORS: usize = 10;

/// What one file contributes before the files are merged.
#[derive(Default, Clone)]
pub(super) struct Part<'a> {
    pub(super) raw: raw::RawTimeline<'a>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) broken: bool,
}

impl<'a> Part<'a> {
    pub(super) fn append(&mut self, other: Part<'a>) {
        self.raw.meta.extend(other.raw.meta);
        self.raw.actors.extend(other.raw.actors);
        self.raw.events.append(other.raw.events);
        self.raw.tours.extend(other.raw.tours);
        self.raw.places.extend(other.raw.places);
        self.raw.views.extend(other.raw.views);
        self.diags.extend(other.diags);
        self.broken |= other.broken;
    }

    /// The same part, no longer borrowing the file's text.
    pub(super) fn owned(self) -> Part<'static> {
        Part {
            raw: self.raw.owned(),
            diags: self.diags,
            broken: self.broken,
        }
    }

    /// The part in a form that does not depend on the order toml keeps
    /// keys in (actors sorted by id, diagnostics by place and text), to
    /// compare the ways of reading a file.
    #[cfg(any(test, fuzzing))]
    pub(super) fn normal(&self) -> String {
        let mut actors: Vec<String> = self.raw.actors.iter().map(|a| format!("{a:?}")).collect();
        actors.sort();
        let mut places: Vec<String> = self.raw.places.iter().map(|p| format!("{p:?}")).collect();
        places.sort();
        let mut diags: Vec<String> = self
            .diags
            .iter()
            .map(|d| {
                let at = d.primary.as_ref().map(|l| l.span.start);
                format!("{at:09?} {d:?}")
            })
            .collect();
        diags.sort();
        format!(
            "broken {}\nmeta {:?}\nactors {actors:?}\nplaces {places:?}\nevents {:?}\ntours {:?}\nviews {:?}\ndiags {diags:#?}",
            self.broken, self.raw.meta, self.raw.events, self.raw.tours, self.raw.views
        )
    }
}

/// True when every way of reading `text` gives the same records and
/// diagnostics: in pieces cut at every `[[events]]`, whole by the fast
/// path, and by toml's own document. The fuzz target asserts it.
#[cfg(fuzzing)]
pub fn paths_agree(text: &str) -> bool {
    let mut files = Files::default();
    let id = files.add("fuzz.toml".into(), text.to_string());
    let general = parse_general(&files, id).normal();
    [1, usize::MAX]
        .into_iter()
        .all(|piece_bytes| parse_all(&files, &[id], piece_bytes).normal() == general)
}

/// Large files are read in pieces of about this many bytes, cut before an
/// `[[events]]` header, so that one file keeps every core busy and each
/// piece's tokens fit in memory the thread has already touched.
pub(super) const PIECE_BYTES: usize = 1 << 20;

/// One piece of one file, as it is handed to a thread.
struct Cut {
    /// The file's position among those being read.
    nth: usize,
    file: FileId,
    range: std::ops::Range<usize>,
}

/// What the fast path made of a piece: its part, the top-level keys it
/// defined, and whether its `events` (if any) came from `[[events]]`.
struct CutDone<'a> {
    part: Part<'a>,
    keys: Vec<String>,
    events_by_header: bool,
}

/// Parses and walks every file, its pieces on as many threads as there are
/// cores, and merges what they hold in file order, and a file's pieces in
/// their order, so the result never depends on which thread finished
/// first. A file whose pieces the fast path cannot take, or whose pieces
/// share a top-level table other than `[[events]]`, is read again whole by
/// the general path, which reports exactly what toml reports.
pub(super) fn parse_all<'a>(files: &'a Files, ids: &[FileId], piece_bytes: usize) -> Part<'a> {
    let pieces: Vec<Cut> = ids
        .iter()
        .enumerate()
        .flat_map(|(nth, &file)| {
            let text = files.get(file).map_or("", |f| f.text.as_str());
            cuts(text, piece_bytes)
                .into_iter()
                .map(move |range| Cut { nth, file, range })
        })
        .collect();
    // In order, whichever thread finished first; each thread reuses its buffers.
    let done: Vec<Option<CutDone>> = if pieces.len() == 1 {
        let mut buffers = doc::Buffers::default();
        pieces
            .iter()
            .map(|p| parse_piece(files, p, &mut buffers))
            .collect()
    } else {
        // One run of neighbouring pieces per thread, each with one set of
        // buffers: rayon's `map_init` would make a set per split it
        // chooses, and each set grows to a piece's size again.
        let per = pieces.len().div_ceil(rayon::current_num_threads().max(1));
        pieces
            .par_chunks(per.max(1))
            .map(|run| {
                let mut buffers = doc::Buffers::default();
                run.iter()
                    .map(|p| parse_piece(files, p, &mut buffers))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    };
    // Each file's pieces in order; `None` once one needs the general path.
    let mut by_file: Vec<Option<Vec<CutDone>>> = ids.iter().map(|_| Some(Vec::new())).collect();
    for (piece, outcome) in pieces.iter().zip(done) {
        let slot = &mut by_file[piece.nth];
        match (slot.as_mut(), outcome) {
            (Some(list), Some(piece)) => list.push(piece),
            _ => *slot = None,
        }
    }
    let mut all = Part::default();
    for (&id, pieces) in ids.iter().zip(by_file) {
        match pieces {
            Some(pieces) if separate(&pieces) => {
                if pieces.iter().all(|p| p.keys.is_empty()) {
                    all.diags.push(empty_file(id));
                }
                pieces.into_iter().for_each(|p| all.append(p.part));
            }
            _ => all.append(parse_general(files, id)),
        }
    }
    all
}

/// True when the pieces of a file could not have interfered had they been
/// read as one: no top-level key is defined in two of them, except the
/// array of `[[events]]` tables they share.
fn separate(pieces: &[CutDone]) -> bool {
    if pieces.len() <= 1 {
        return true;
    }
    let mut seen: Vec<&str> = Vec::new();
    for piece in pieces {
        for key in &piece.keys {
            if key == "events" {
                if !piece.events_by_header {
                    return false;
                }
            } else if seen.contains(&key.as_str()) {
                return false;
            } else {
                seen.push(key);
            }
        }
    }
    true
}

/// One piece through the fast path; `None` sends its file to the general one.
fn parse_piece<'a>(
    files: &'a Files,
    piece: &Cut,
    buffers: &mut doc::Buffers,
) -> Option<CutDone<'a>> {
    let file = files.get(piece.file)?;
    let text = file.text.get(piece.range.clone())?;
    let doc = doc::fast(text, piece.range.start, buffers)?;
    let keys = doc.iter().map(|(k, _)| k.name.to_string()).collect();
    let events_by_header = doc.events_by_header();
    let mut part = Part::default();
    raw::Walker::new(piece.file, file, &mut part.diags).document(&doc, &mut part.raw);
    Some(CutDone {
        part,
        keys,
        events_by_header,
    })
}

/// Parses a whole file with toml's own document, reporting its syntax
/// errors, and walks it into raw records.
pub(super) fn parse_general(files: &Files, id: FileId) -> Part<'_> {
    let mut part = Part::default();
    let Some(file) = files.get(id) else {
        return part;
    };
    let (doc, errors) = doc::general(&file.text);
    if !errors.is_empty() {
        part.broken = true;
        single_tables(&file.text, id, &mut part.diags);
        let more = errors.len().saturating_sub(MAX_SYNTAX_ERRORS);
        for (i, e) in errors.into_iter().enumerate() {
            let span = e.span().unwrap_or(0..0);
            if i == MAX_SYNTAX_ERRORS {
                part.diags.push(
                    Diagnostic::error(
                        "syntax",
                        format!("{more} more TOML syntax errors in this file"),
                    )
                    .at(id, span, "the next one is here")
                    .hint("fix the errors above first; the later ones often follow from them"),
                );
                break;
            }
            let message = one_line(e.message().trim());
            let hint = if message.contains("recursion limit") {
                "tables, arrays and dotted keys nest at most 80 levels deep; a timeline needs three"
            } else {
                "see FORMAT.md for how a timeline file is written"
            };
            part.diags.push(
                Diagnostic::error("syntax", format!("invalid TOML: {message}"))
                    .at(id, span, "here")
                    .hint(hint),
            );
        }
        return part;
    }
    if doc.is_empty() {
        part.diags.push(empty_file(id));
    }
    raw::Walker::new(id, file, &mut part.diags).document(&doc, &mut part.raw);
    part
}

/// `[events]` (or `[tours]`, `[views]`, `[events.sources]`,
/// `[events.claims]`) written where its double-bracketed form was meant:
/// toml reports the clash at the next, correct header; this points at the
/// mistake itself.
fn single_tables(text: &str, id: FileId, diags: &mut Vec<Diagnostic>) {
    const ARRAYS: [&str; 5] = [
        "events",
        "tours",
        "views",
        "events.sources",
        "events.claims",
    ];
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']'))
            && !name.starts_with('[')
            && ARRAYS.contains(&name.trim())
        {
            let start = at + (line.len() - line.trim_start().len());
            diags.push(
                Diagnostic::error(
                    "single-events-table",
                    format!(
                        "`[{}]` opens a single table; each one is its own `[[{}]]`",
                        name.trim(),
                        name.trim()
                    ),
                )
                .at(id, start..start + t.len(), "written with single brackets")
                .hint(format!(
                    "an array of tables is written [[{}]], with double brackets",
                    name.trim()
                )),
            );
        }
        at += line.len();
    }
}

fn empty_file(id: FileId) -> Diagnostic {
    Diagnostic::error(
        "empty-file",
        "the file holds no timeline, actors, places, events, tours or views",
    )
    .at(id, 0..0, "empty")
    .hint("add [timeline], [actors.<id>], [places.<id>], [[events]], [[tours]] or [[views]] tables, or remove the file")
}

/// Where a large file may be cut into pieces that parse on their own: the
/// start of each line that opens an `[[events]]` table, once at least
/// `size` bytes have passed since the last cut. A cut that falls inside a
/// multi-line string or array leaves the piece before it unterminated,
/// which its parse reports, and the file then takes the general path.
pub(super) fn cuts(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    const HEADER: &[u8] = b"\n[[events]]";
    let mut out = Vec::new();
    let mut start: usize = 0;
    while let Some(found) = text
        .as_bytes()
        .get(start.saturating_add(size)..)
        .and_then(|rest| memchr::memmem::find(rest, HEADER))
    {
        let cut = start.saturating_add(size) + found + 1;
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}
