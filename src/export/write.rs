//! Writing an export to a file without ever leaving half of one behind, and
//! without ever touching a timeline file.
//!
//! The text goes to a temporary file in the destination's folder (so the
//! final rename stays on one file system and is atomic), is flushed to disk,
//! and only then is renamed over the destination. Any failure drops the
//! temporary file, which deletes it.

use std::fmt;
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::text::one_line;

/// Why an export could not be written. Every message names the path and
/// says that nothing was written.
#[derive(Debug)]
pub enum ExportError {
    /// The path names no file: empty, `/`, or ending in `..`.
    NoFileName(PathBuf),
    /// The folder the file would go in does not exist.
    MissingFolder(PathBuf),
    /// The path is an existing folder.
    IsAFolder(PathBuf),
    /// The path is a device, a pipe or a socket, which a rename would replace.
    NotAFile(PathBuf),
    /// The path is one of the timeline files being exported.
    TimelineSource(PathBuf),
    /// The folder (or the file) may not be written: permissions or a read-only file system.
    NotWritable(PathBuf, io::Error),
    /// The disk or the quota is full.
    DiskFull(PathBuf),
    /// Any other I/O failure.
    Io(PathBuf, io::Error),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |p: &Path| one_line(&p.display().to_string());
        match self {
            ExportError::NoFileName(p) => write!(
                f,
                "cannot export to \"{}\": give a file name, such as chronology.md",
                show(p)
            ),
            ExportError::MissingFolder(p) => write!(
                f,
                "cannot export to {}: the folder {} does not exist; create it or choose another path (nothing was written)",
                show(p),
                show(folder_of(p))
            ),
            ExportError::IsAFolder(p) => write!(
                f,
                "cannot export to {}: it is a folder; give a file name inside it, such as {}",
                show(p),
                show(&p.join("chronology.md"))
            ),
            ExportError::NotAFile(p) => write!(
                f,
                "cannot export to {}: it is a device, pipe or socket, not a regular file; choose a file name (nothing was written)",
                show(p)
            ),
            ExportError::TimelineSource(p) => write!(
                f,
                "refusing to export to {}: it is one of the timeline files being read; choose another file name (nothing was written)",
                show(p)
            ),
            ExportError::NotWritable(p, e) => write!(
                f,
                "cannot export to {}: the folder {} is not writable ({}); choose a folder you can write to (nothing was written)",
                show(p),
                show(folder_of(p)),
                one_line(&e.to_string())
            ),
            ExportError::DiskFull(p) => write!(
                f,
                "cannot export to {}: the disk is full; free some space or choose another disk (nothing was written)",
                show(p)
            ),
            ExportError::Io(p, e) => write!(
                f,
                "cannot export to {}: {} (nothing was written)",
                show(p),
                one_line(&e.to_string())
            ),
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::NotWritable(_, e) | ExportError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

impl ExportError {
    /// Sorts an I/O error into what a person can act on.
    pub fn from_io(path: &Path, e: io::Error) -> ExportError {
        let path = path.to_path_buf();
        match e.kind() {
            ErrorKind::NotFound => ExportError::MissingFolder(path),
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                ExportError::NotWritable(path, e)
            }
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => ExportError::DiskFull(path),
            ErrorKind::IsADirectory => ExportError::IsAFolder(path),
            _ => ExportError::Io(path, e),
        }
    }
}

fn folder_of(p: &Path) -> &Path {
    match p.parent() {
        Some(f) if !f.as_os_str().is_empty() => f,
        _ => Path::new("."),
    }
}

/// Writes `contents` to `path` atomically and returns the absolute path
/// written. Refuses a path that is, or links to, one of `sources` (the
/// timeline files read), and an existing folder. On any failure nothing is
/// left behind: neither a partial file nor a temporary one.
pub fn write_atomic(
    path: &Path,
    contents: &str,
    sources: &[PathBuf],
) -> Result<PathBuf, ExportError> {
    let Some(name) = path.file_name() else {
        return Err(ExportError::NoFileName(path.to_path_buf()));
    };
    let folder = folder_of(path)
        .canonicalize()
        .map_err(|e| ExportError::from_io(path, e))?;
    if !folder.is_dir() {
        return Err(ExportError::MissingFolder(path.to_path_buf()));
    }
    let target = folder.join(name);
    let existing = fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(ExportError::IsAFolder(path.to_path_buf()));
    }
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(ExportError::NotAFile(path.to_path_buf()));
    }
    if existing.is_some() && is_source(&target, sources) {
        return Err(ExportError::TimelineSource(path.to_path_buf()));
    }
    let io = |e| ExportError::from_io(path, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".chronoscope-export-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(io)?;
    tmp.write_all(contents.as_bytes()).map_err(io)?;
    tmp.flush().map_err(io)?;
    set_mode(tmp.as_file(), existing.as_ref()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(&target).map_err(|e| io(e.error))?;
    // The rename is durable once the folder is synced; a file system that
    // cannot sync a folder still has the complete file, so this is best effort.
    if let Ok(dir) = fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(target)
}

/// True when `target` is the same file as one of `sources`, by canonical
/// path or (on Unix) by device and inode, which also catches hard links.
fn is_source(target: &Path, sources: &[PathBuf]) -> bool {
    let canonical = target.canonicalize().ok();
    let id = file_id(target);
    sources.iter().any(|s| {
        let same_path = canonical.is_some() && s.canonicalize().ok() == canonical;
        let same_file = id.is_some() && file_id(s) == id;
        same_path || same_file
    })
}

#[cfg(unix)]
fn file_id(p: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &Path) -> Option<(u64, u64)> {
    None
}

/// A temporary file is private (0600); the export gets the mode of the file
/// it replaces, or the usual 0644 for a new file.
#[cfg(unix)]
fn set_mode(file: &fs::File, existing: Option<&fs::Metadata>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = existing.map_or(0o644, |m| m.permissions().mode() & 0o7777);
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &fs::File, _: Option<&fs::Metadata>) -> io::Result<()> {
    Ok(())
}
