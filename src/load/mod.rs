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

mod again;
pub mod diagnostic;
mod doc;
mod pieces;
mod raw;
mod read;
mod report;
mod resolve;
pub mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use again::Again;
use diagnostic::SourceFile;
pub use diagnostic::{Diagnostic, FileId, Files, Severity};
pub use raw::{Field, names as field_names};
pub use report::{JsonDiagnostic, JsonPlace};

/// The fields each table takes, as FORMAT.md and the schema list them.
pub mod fields {
    pub use super::raw::{
        ACTOR, CLAIM, COVERAGE, EVENT, PLACE, SOURCE, STEP, TIMELINE, TOP, TOUR, VIEW,
    };
}

pub use read::{Scan, read_files, read_paths, scan};

#[cfg(fuzzing)]
pub use pieces::paths_agree;

use crate::model::Timeline;
use crate::text::one_line;

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
    /// `[[events]]` tables written in the files, valid or not, counted in
    /// the text (a file that does not parse has no tree to count in): what
    /// the checker's summary compares with the events that loaded.
    pub fn events_written(&self) -> usize {
        self.files
            .files
            .iter()
            .map(|f| {
                let text = f.text.as_bytes();
                memchr::memmem::find_iter(text, b"[[events]]")
                    .filter(|&at| {
                        // At the start of a line, after any indentation.
                        let line = &text[..at];
                        let indent = line
                            .iter()
                            .rev()
                            .take_while(|&&b| b == b' ' || b == b'\t')
                            .count();
                        line.len() == indent || line[line.len() - indent - 1] == b'\n'
                    })
                    .count()
            })
            .sum()
    }

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
    let fallback_title = fallback_title(&inputs);
    let read = Decoded::of(inputs);
    let all = pieces::parse_all(&read.files, &read.readable, pieces::PIECE_BYTES);
    let (timeline, diagnostics) = merge(all, read.diags, read.broken, &fallback_title);
    Loaded {
        timeline,
        diagnostics,
        files: read.files,
    }
}

/// What a timeline without a `[timeline]` title is called: its first file.
fn fallback_title(inputs: &[Input]) -> String {
    inputs.first().map(|i| i.name.clone()).unwrap_or_default()
}

/// The files decoded, before any is parsed.
struct Decoded {
    files: Files,
    /// A problem for each file that could not be decoded.
    diags: Vec<Diagnostic>,
    broken: bool,
    /// The files that decoded, to be parsed.
    readable: Vec<FileId>,
}

impl Decoded {
    fn of(inputs: Vec<Input>) -> Decoded {
        let mut read = Decoded {
            files: Files::default(),
            diags: Vec::new(),
            broken: false,
            readable: Vec::new(),
        };
        // Decoding a file and finding its lines is a pass over its bytes,
        // one file per core; the files keep their order.
        let decoded: Vec<_> = inputs
            .into_par_iter()
            .map(|input| {
                let (text, problem) = read::decode(input.bytes);
                (SourceFile::new(input.name, text), problem)
            })
            .collect();
        for (file, problem) in decoded {
            let id = read.files.push(file);
            match problem {
                Some(d) => {
                    read.diags.push(d(id));
                    read.broken = true;
                }
                None => read.readable.push(id),
            }
        }
        read
    }
}

/// The parsed records of every file resolved into one timeline, with every
/// diagnostic in file order.
fn merge(
    all: pieces::Part<'_>,
    mut diags: Vec<Diagnostic>,
    broken: bool,
    fallback_title: &str,
) -> (Timeline, Vec<Diagnostic>) {
    let broken = broken || all.broken;
    diags.extend(all.diags);
    // What did parse is resolved even when a file did not, so the explorer
    // can open on it; but references into a file that did not parse would
    // only add noise to the report.
    let mut resolved = Vec::new();
    let timeline = resolve::resolve(all.raw, fallback_title, &mut resolved);
    if !broken {
        diags.extend(resolved);
    }
    diags.sort_by_key(|d| {
        let place = d.primary.as_ref().map(|l| (l.file, l.span.start));
        (place.is_none(), place)
    });
    (timeline, diags)
}

#[cfg(test)]
mod tests;
