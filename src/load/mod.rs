//! Loading timelines: paths → bytes → validated `Timeline` + `Diagnostics`.
//!
//! `read_paths` gathers files (a directory gives every `*.toml` below it, in
//! sorted order) and refuses what cannot be a timeline before reading it:
//! missing paths, FIFOs and devices, files over `MAX_FILE_BYTES`. `load`
//! then decodes, parses and validates the whole set: `doc` parses each file
//! (a large one in pieces, on several threads) into a spanned tree, `raw`
//! walks the tree into records, and `resolve` checks the references between
//! them, collecting every problem rather than stopping at the first.
//! Nothing here ever writes to a file.

pub mod diagnostic;
mod doc;
mod raw;
mod resolve;
pub mod suggest;

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, FileId, Files, Severity};
pub use raw::{
    ACTOR_FIELDS, CLAIM_FIELDS, COVERAGE_FIELDS, EVENT_FIELDS, SOURCE_FIELDS, STEP_FIELDS,
    TIMELINE_FIELDS, TOP_FIELDS, TOUR_FIELDS,
};

use rayon::prelude::*;

use crate::model::Timeline;
use crate::text::one_line;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Syntax errors shown per file; the rest are counted in one more. Past the
/// first few they mostly echo the first, and a line of 100,000 `-` would
/// otherwise yield 100,000 errors, each quoting the whole line.
const MAX_SYNTAX_ERRORS: usize = 10;

/// Directories nested deeper than this below a given path are not searched.
const MAX_DEPTH: usize = 32;

/// The timeline compiled into the binary, as (display name, text) pairs.
pub const BUNDLED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// A problem that stops loading before any timeline is read: exit code 2.
#[derive(Debug)]
pub enum LoadError {
    Missing(PathBuf),
    NoTimelineFiles(PathBuf),
    NotAFile(PathBuf),
    TooLarge(PathBuf, u64),
    Unreadable(PathBuf, std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |p: &Path| one_line(&p.display().to_string());
        match self {
            LoadError::Missing(p) => write!(f, "{}: no such file or directory", show(p)),
            LoadError::NoTimelineFiles(p) => write!(
                f,
                "{}: no timeline files here (a directory loads every *.toml file below it)",
                show(p)
            ),
            LoadError::NotAFile(p) => write!(
                f,
                "{}: not a regular file; give a .toml file or a directory of them",
                show(p)
            ),
            LoadError::TooLarge(p, n) => write!(
                f,
                "{}: {} MiB is over the {} MiB limit for a timeline file; split it into several files in one directory",
                show(p),
                n / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            LoadError::Unreadable(p, e) => write!(f, "{}: cannot read: {e}", show(p)),
        }
    }
}

impl std::error::Error for LoadError {}

/// A file's name as shown in messages, and its bytes.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The outcome of a load: the timeline (meaningful only when there are no
/// errors), every diagnostic in file order, and the files they point into.
pub struct Loaded {
    pub timeline: Timeline,
    pub diagnostics: Vec<Diagnostic>,
    pub files: Files,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Every error on one line each, `file:line:col: message`: what the
    /// explorer's problems overlay lists.
    pub fn problems(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let place = d
                    .primary
                    .as_ref()
                    .map(|l| format!("{}: ", self.files.position(l)))
                    .unwrap_or_default();
                one_line(&format!("{place}{}", d.message))
            })
            .collect()
    }

    /// The first error on one line, `file:line:col: message`, with how
    /// many more there are: what a banner has room for.
    pub fn first_error(&self) -> Option<String> {
        let first = self.diagnostics.iter().find(|d| d.is_error())?;
        let place = first
            .primary
            .as_ref()
            .map(|l| format!("{}: ", self.files.position(l)))
            .unwrap_or_default();
        let more = match self.errors() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more)"),
        };
        Some(one_line(&format!("{place}{}{more}", first.message)))
    }
}

/// Reads and loads the timeline at `paths` again, as the explorer does when
/// one of its files changes: the timeline, or every error that stops it,
/// one line each.
pub fn reload(paths: &[PathBuf]) -> Result<Timeline, Vec<String>> {
    let loaded = load(read_paths(paths).map_err(|e| vec![e.to_string()])?);
    match loaded.errors() {
        0 => Ok(loaded.timeline),
        _ => Err(loaded.problems()),
    }
}

/// What a set of paths holds for the loader: the timeline files, in the
/// order they are read, and every folder walked to find them.
#[derive(Debug, Default, PartialEq)]
pub struct Scan {
    pub files: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
}

/// Finds the files the paths name: a file as given, a directory's `*.toml`
/// files below it, sorted by path. Hidden folders and symlinked folders are
/// skipped, and the walk stops `MAX_DEPTH` folders down, so no link loop or
/// link maze can make it long.
pub fn scan(paths: &[PathBuf]) -> Result<Scan, LoadError> {
    let mut scan = Scan::default();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::Missing(path.clone()),
            _ => LoadError::Unreadable(path.clone(), e),
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            collect_toml(path, 0, &mut found, &mut scan.folders)?;
            if found.is_empty() {
                return Err(LoadError::NoTimelineFiles(path.clone()));
            }
            found.sort();
            scan.files.extend(found);
        } else {
            scan.files.push(path.clone());
        }
    }
    Ok(scan)
}

/// Reads every file the paths name, in order (see `scan`).
pub fn read_paths(paths: &[PathBuf]) -> Result<Vec<Input>, LoadError> {
    read_files(&scan(paths)?.files)
}

/// Reads the files a scan found.
pub fn read_files(files: &[PathBuf]) -> Result<Vec<Input>, LoadError> {
    files.iter().map(|p| read_file(p)).collect()
}

fn collect_toml(
    dir: &Path,
    depth: usize,
    out: &mut Vec<PathBuf>,
    folders: &mut Vec<PathBuf>,
) -> Result<(), LoadError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    folders.push(dir.to_path_buf());
    let entries = fs::read_dir(dir).map_err(|e| LoadError::Unreadable(dir.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| LoadError::Unreadable(dir.to_path_buf(), e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        // Symlinked directories are not followed, so a link loop cannot hang the walk.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if hidden {
            continue;
        }
        if kind.is_dir() {
            collect_toml(&path, depth + 1, out, folders)?;
        } else if path.extension().is_some_and(|e| e == "toml")
            && (kind.is_file() || path.is_file())
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads one file without ever waiting on it: opened non-blocking, so a
/// pipe or a device cannot stall the open; refused unless the opened
/// handle is a regular file, so nothing swapped in after a check is read;
/// and read only up to the size limit.
fn read_file(path: &Path) -> Result<Input, LoadError> {
    let unreadable = |e| LoadError::Unreadable(path.to_path_buf(), e);
    let file = open_nonblocking(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    // FIFOs, sockets and devices could block a read forever or never end.
    if !meta.is_file() {
        return Err(LoadError::NotAFile(path.to_path_buf()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(path.to_path_buf(), meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The limit holds even when the size on disk changes under us.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge(path.to_path_buf(), bytes.len() as u64));
    }
    Ok(Input {
        name: path.display().to_string(),
        bytes,
    })
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// The bundled timeline's files.
pub fn bundled() -> Vec<Input> {
    BUNDLED
        .iter()
        .map(|(name, text)| Input {
            name: (*name).to_string(),
            bytes: text.as_bytes().to_vec(),
        })
        .collect()
}

/// Loads one file's text, named `name` in messages: what tests, benches
/// and the fuzz target use.
pub fn from_str(name: &str, text: &str) -> Loaded {
    load(vec![Input {
        name: name.to_string(),
        bytes: text.as_bytes().to_vec(),
    }])
}

/// Decodes, parses, validates and merges a set of files.
pub fn load(inputs: Vec<Input>) -> Loaded {
    let mut files = Files::default();
    let mut diags = Vec::new();
    let mut broken = false;
    let fallback_title = inputs.first().map(|i| i.name.clone()).unwrap_or_default();
    let mut readable = Vec::new();
    for input in inputs {
        let (text, problem) = decode(input.bytes);
        let id = files.add(input.name, text);
        match problem {
            Some(d) => {
                diags.push(d(id));
                broken = true;
            }
            None => readable.push(id),
        }
    }
    let all = parse_all(&files, &readable, PIECE_BYTES);
    broken |= all.broken;
    diags.extend(all.diags);
    // What did parse is resolved even when a file did not, so the explorer
    // can open on it; but references into a file that did not parse would
    // only add noise to the report.
    let mut resolved = Vec::new();
    let timeline = resolve::resolve(all.raw, &fallback_title, &mut resolved);
    if !broken {
        diags.extend(resolved);
    }
    diags.sort_by_key(|d| {
        let place = d.primary.as_ref().map(|l| (l.file, l.span.start));
        (place.is_none(), place)
    });
    Loaded {
        timeline,
        diagnostics: diags,
        files,
    }
}

/// What one file contributes before the files are merged.
#[derive(Default)]
struct Part<'a> {
    raw: raw::RawTimeline<'a>,
    diags: Vec<Diagnostic>,
    broken: bool,
}

impl<'a> Part<'a> {
    fn append(&mut self, other: Part<'a>) {
        self.raw.meta.extend(other.raw.meta);
        self.raw.actors.extend(other.raw.actors);
        self.raw.events.extend(other.raw.events);
        self.raw.tours.extend(other.raw.tours);
        self.diags.extend(other.diags);
        self.broken |= other.broken;
    }

    /// The part in a form that does not depend on the order toml keeps
    /// keys in (actors sorted by id, diagnostics by place and text), to
    /// compare the ways of reading a file.
    #[cfg(any(test, fuzzing))]
    fn normal(&self) -> String {
        let mut actors: Vec<String> = self.raw.actors.iter().map(|a| format!("{a:?}")).collect();
        actors.sort();
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
            "broken {}\nmeta {:?}\nactors {actors:?}\nevents {:?}\ntours {:?}\ndiags {diags:#?}",
            self.broken, self.raw.meta, self.raw.events, self.raw.tours
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
const PIECE_BYTES: usize = 1 << 20;

/// One piece of one file, as it is handed to a thread.
struct Piece {
    /// The file's position among those being read.
    nth: usize,
    file: FileId,
    range: std::ops::Range<usize>,
}

/// What the fast path made of a piece: its part, the top-level keys it
/// defined, and whether its `events` (if any) came from `[[events]]`.
struct PieceDone<'a> {
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
fn parse_all<'a>(files: &'a Files, ids: &[FileId], piece_bytes: usize) -> Part<'a> {
    let pieces: Vec<Piece> = ids
        .iter()
        .enumerate()
        .flat_map(|(nth, &file)| {
            let text = files.get(file).map_or("", |f| f.text.as_str());
            doc::pieces(text, piece_bytes)
                .into_iter()
                .map(move |range| Piece { nth, file, range })
        })
        .collect();
    // In order, whichever thread finished first; each thread reuses its buffers.
    let done: Vec<Option<PieceDone>> = if pieces.len() == 1 {
        let mut buffers = doc::Buffers::default();
        pieces
            .iter()
            .map(|p| parse_piece(files, p, &mut buffers))
            .collect()
    } else {
        pieces
            .par_iter()
            .map_init(doc::Buffers::default, |buffers, piece| {
                parse_piece(files, piece, buffers)
            })
            .collect()
    };
    // Each file's pieces in order; `None` once one needs the general path.
    let mut by_file: Vec<Option<Vec<PieceDone>>> = ids.iter().map(|_| Some(Vec::new())).collect();
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
fn separate(pieces: &[PieceDone]) -> bool {
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
    piece: &Piece,
    buffers: &mut doc::Buffers,
) -> Option<PieceDone<'a>> {
    let file = files.get(piece.file)?;
    let text = file.text.get(piece.range.clone())?;
    let doc = doc::fast(text, piece.range.start, buffers)?;
    let keys = doc.iter().map(|(k, _)| k.name.to_string()).collect();
    let events_by_header = doc.events_by_header();
    let mut part = Part::default();
    raw::Walker::new(piece.file, file, &mut part.diags).document(&doc, &mut part.raw);
    Some(PieceDone {
        part,
        keys,
        events_by_header,
    })
}

/// Parses a whole file with toml's own document, reporting its syntax
/// errors, and walks it into raw records.
fn parse_general(files: &Files, id: FileId) -> Part<'_> {
    let mut part = Part::default();
    let Some(file) = files.get(id) else {
        return part;
    };
    let (doc, errors) = doc::general(&file.text);
    if !errors.is_empty() {
        part.broken = true;
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
            part.diags.push(
                Diagnostic::error(
                    "syntax",
                    format!("invalid TOML: {}", one_line(e.message().trim())),
                )
                .at(id, span, "here")
                .hint("see FORMAT.md for how a timeline file is written"),
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

fn empty_file(id: FileId) -> Diagnostic {
    Diagnostic::error(
        "empty-file",
        "the file holds no timeline, actors, events or tours",
    )
    .at(id, 0..0, "empty")
    .hint("add [timeline], [actors.<id>], [[events]] or [[tours]] tables, or remove the file")
}

type Problem = Box<dyn FnOnce(FileId) -> Diagnostic>;

/// Turns bytes into text, or says why they are not UTF-8 text.
fn decode(bytes: Vec<u8>) -> (String, Option<Problem>) {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let problem: Problem = Box::new(|id| {
            Diagnostic::error("encoding", "the file is UTF-16; timeline files are UTF-8")
                .at(id, 0..0, "UTF-16 byte-order mark")
                .hint("save the file as UTF-8 (most editors: File › Save with Encoding › UTF-8)")
        });
        return (String::new(), Some(problem));
    }
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Taking the bytes rather than copying them: a large file is text
    // already, and a copy would cost as much as checking it.
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Offsets after the bad byte shift in the lossy text; the first is exact.
            let problem: Problem = Box::new(move |id| {
                Diagnostic::error("encoding", "the file is not valid UTF-8")
                    .at(id, at..at, "invalid byte here")
                    .hint("save the file as UTF-8; timeline files are UTF-8 text")
            });
            (text, Some(problem))
        }
    }
}

#[cfg(test)]
mod tests;
