//! Finding and reading a timeline's files without ever waiting on one:
//! the walk of a folder (which the live-reload watcher follows too), reads
//! that refuse what is not a regular file, and the decoding of bytes into
//! text, with the encoding named when it is not UTF-8.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Diagnostic, FileId, Input, LoadError, MAX_FILE_BYTES};

/// Directories nested deeper than this below a given path are not searched.
const MAX_DEPTH: usize = 32;

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

/// Reads the files a scan found, on every core; the first of them that
/// cannot be read, in their order, is the error.
pub fn read_files(files: &[PathBuf]) -> Result<Vec<Input>, LoadError> {
    let read: Vec<_> = files.par_iter().map(|p| read_file(p)).collect();
    read.into_iter().collect()
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

/// The wide encoding a file is written in, when it is not UTF-8: told by
/// its byte-order mark, or, without one, by the zero bytes every other
/// byte of ASCII text in UTF-16 is.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some("UTF-32");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16");
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.len() < 4 {
        return None;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    // Text in UTF-16 has a zero in nearly every other byte; UTF-8 text none.
    (even.max(odd) * 4 >= half * 3 && even.min(odd) * 4 < half).then_some("UTF-16")
}

type Problem = Box<dyn FnOnce(FileId) -> Diagnostic + Send>;

/// Turns bytes into text, or says why they are not UTF-8 text.
pub(super) fn decode(bytes: Vec<u8>) -> (String, Option<Problem>) {
    if let Some(encoding) = wide_encoding(&bytes) {
        let problem: Problem = Box::new(move |id| {
            Diagnostic::error(
                "encoding",
                format!("the file is {encoding}; timeline files are UTF-8"),
            )
            .at(id, 0..0, format!("{encoding} text"))
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
