//! Writing an export to a file without ever leaving half of one behind, and
//! without ever touching a timeline file.
//!
//! The text goes to a temporary file in the destination's folder (so the
//! final rename stays on one file system and is atomic), is flushed to disk,
//! and only then is renamed over the destination. Any failure drops the
//! temporary file, which deletes it; a signal that ends the program while
//! one exists removes it too (`remove_temporaries`).
//!
//! Refused: a `.toml` destination (no export is TOML, and a `.toml` file in
//! a timeline's folder would be read as part of it), any destination inside
//! a folder the timeline is read from, a timeline file itself (by path,
//! symlink or hard link), a folder, a device or pipe, and a path ending in
//! `/`. A destination that is a symbolic link is written through: the file
//! it points to is replaced and the link stays. A new file gets the mode the
//! umask allows (0666 less the umask); a replaced file keeps its own.

use std::fmt;
use std::fs;
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

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
    /// The path ends in `.toml`, the timelines' own extension.
    TomlDestination(PathBuf),
    /// A tour must be a `.toml` file, to be read with the timeline.
    NotToml(PathBuf),
    /// The path is inside a folder the timeline is read from.
    InsideTimelineFolder(PathBuf, PathBuf),
    /// The path ends in a `/`: a folder, not a file.
    TrailingSlash(PathBuf),
    /// The path is a symbolic link to nothing.
    DanglingLink(PathBuf),
    /// A file is there and replacing it was not allowed.
    Exists(PathBuf),
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
            ExportError::TomlDestination(p) => write!(
                f,
                "refusing to export to {}: exports are never TOML, and a .toml file would be read as part of a timeline; use .md, .csv, .json or .txt (nothing was written)",
                show(p)
            ),
            ExportError::InsideTimelineFolder(p, folder) => write!(
                f,
                "refusing to export to {}: it is inside {}, a folder the timeline is read from; choose a folder outside it (nothing was written)",
                show(p),
                show(folder)
            ),
            ExportError::TrailingSlash(p) => write!(
                f,
                "cannot export to \"{}\": it ends in /, which names a folder; give a file name, such as {} (nothing was written)",
                show(p),
                show(&p.join("chronology.md"))
            ),
            ExportError::DanglingLink(p) => write!(
                f,
                "cannot export to {}: it is a symbolic link to a file that does not exist; choose another path (nothing was written)",
                show(p)
            ),
            ExportError::Exists(p) => write!(f, "{} already exists (nothing was written)", show(p)),
            ExportError::NotToml(p) => write!(
                f,
                "cannot save a tour to {}: a tour is read with the timeline, so its name ends in .toml (nothing was written)",
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

/// What an export may never write over or into: the timeline's files and
/// the folders it is read from.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    pub files: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
}

/// Whether an existing file at the destination may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it, as `list --output` does.
    Allow,
    /// Refuse with `ExportError::Exists`, so the explorer can ask first.
    Refuse,
}

/// Temporary files of exports under way, for `remove_temporaries`.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary file of every export under way. A signal that
/// ends the program calls it, so no `.chronoscope-export-*.tmp` is left.
pub fn remove_temporaries() {
    remove_temporaries_under(Path::new("/"));
}

/// Removes the temporary files of exports under way below `folder`.
fn remove_temporaries_under(folder: &Path) {
    let list = TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner);
    for p in list.iter().filter(|p| p.starts_with(folder)) {
        let _ = fs::remove_file(p);
    }
}

/// Keeps a temporary file's path listed while it exists.
struct Listed(PathBuf);

impl Listed {
    fn new(path: &Path) -> Listed {
        TEMPORARIES
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path.to_path_buf());
        Listed(path.to_path_buf())
    }
}

/// Lists a path as an export's temporary file, as `write_atomic` does.
#[cfg(test)]
pub(super) fn list_for_test(path: &Path) -> impl Drop {
    Listed::new(path)
}

/// `remove_temporaries`, kept to one folder so parallel tests keep theirs.
#[cfg(test)]
pub(super) fn remove_for_test(folder: &Path) {
    remove_temporaries_under(folder);
}

impl Drop for Listed {
    fn drop(&mut self) {
        TEMPORARIES
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|p| *p != self.0);
    }
}

/// Where an export to `path` lands, after every refusal: the absolute path
/// of the file to write (a link's target for a symbolic link), and what is
/// there now.
fn destination(
    path: &Path,
    protected: &Protected,
    toml: bool,
) -> Result<(PathBuf, Option<fs::Metadata>), ExportError> {
    let shown = path.to_path_buf();
    let Some(name) = path.file_name() else {
        return Err(ExportError::NoFileName(shown));
    };
    if path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::MAIN_SEPARATOR)
    {
        return Err(ExportError::TrailingSlash(shown));
    }
    let folder = folder_of(path)
        .canonicalize()
        .map_err(|e| ExportError::from_io(path, e))?;
    if !folder.is_dir() {
        return Err(ExportError::MissingFolder(shown));
    }
    let mut target = folder.join(name);
    if fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
        target = target
            .canonicalize()
            .map_err(|_| ExportError::DanglingLink(shown.clone()))?;
    }
    let is_toml = target
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml != toml {
        return Err(if toml {
            ExportError::NotToml(shown)
        } else {
            ExportError::TomlDestination(shown)
        });
    }
    let existing = fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(ExportError::IsAFolder(shown));
    }
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(ExportError::NotAFile(shown));
    }
    if existing.is_some() && is_source(&target, &protected.files) {
        return Err(ExportError::TimelineSource(shown));
    }
    let parent = target.parent().unwrap_or(&folder);
    for read in &protected.folders {
        if let Ok(read) = read.canonicalize()
            && parent.starts_with(&read)
        {
            return Err(ExportError::InsideTimelineFolder(shown, read));
        }
    }
    Ok((target, existing))
}

/// Writes `contents` to `path` atomically and returns the absolute path
/// written. On any failure nothing is left behind: neither a partial file
/// nor a temporary one.
pub fn write_atomic(
    path: &Path,
    contents: &str,
    protected: &Protected,
    replace: Replace,
) -> Result<PathBuf, ExportError> {
    write_atomic_with(path, protected, replace, &mut |out| {
        out.write_all(contents.as_bytes())
    })
}

/// The same, the contents written by `fill` as it makes them, through a
/// buffer, so an export never needs to be in memory whole.
pub fn write_atomic_with(
    path: &Path,
    protected: &Protected,
    replace: Replace,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<PathBuf, ExportError> {
    let (target, existing) = destination(path, protected, false)?;
    if existing.is_some() && replace == Replace::Refuse {
        return Err(ExportError::Exists(path.to_path_buf()));
    }
    write_to(path, &target, existing.as_ref(), fill)
}

/// Writes a new TOML file atomically — a tour made from marks — with every
/// refusal of an export but the one of `.toml`: never over any file, never
/// into a folder the timeline is read from (it would become part of it).
pub fn write_new_toml(
    path: &Path,
    contents: &str,
    protected: &Protected,
) -> Result<PathBuf, ExportError> {
    let (target, existing) = destination(path, protected, true)?;
    if existing.is_some() {
        return Err(ExportError::Exists(path.to_path_buf()));
    }
    write_to(path, &target, None, &mut |out| {
        out.write_all(contents.as_bytes())
    })
}

/// The write itself: a temporary file in the target's folder, synced, then
/// renamed over the target; `existing`'s permissions are kept.
fn write_to(
    path: &Path,
    target: &Path,
    existing: Option<&fs::Metadata>,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<PathBuf, ExportError> {
    let folder = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let io = |e| ExportError::from_io(path, e);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".chronoscope-export-").suffix(".tmp");
    // 0666, from which the system takes what the umask says, as for any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&folder).map_err(io)?;
    let _listed = Listed::new(tmp.path());
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        fill(&mut out).map_err(io)?;
        out.flush().map_err(io)?;
    }
    if let Some(m) = existing {
        tmp.as_file().set_permissions(m.permissions()).map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(target).map_err(|e| io(e.error))?;
    // The rename is durable once the folder is synced; a file system that
    // cannot sync a folder still has the complete file, so this is best effort.
    if let Ok(dir) = fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(target.to_path_buf())
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
