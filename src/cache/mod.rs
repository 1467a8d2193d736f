//! The cache of resolved timelines: the second open of an unchanged
//! timeline reads what the first one resolved, instead of parsing TOML.
//!
//! An entry sits in the user's cache folder (`$XDG_CACHE_HOME/chronoscope/
//! timelines/`), one file per set of paths opened. It holds the timeline
//! and its folded search text behind a header and a table of sections
//! (`layout` describes it).
//!
//! The file is untrusted input. It is used only when the key matches the
//! files just read, every checksum agrees, `rkyv`'s validation passes and
//! the timeline is sound (`Timeline::check_sound`); anything else is a
//! miss, and the load from the files writes a new entry. An entry is
//! written only for a timeline with no errors, atomically, and the folder
//! is kept under `LIMIT` bytes. `check` never reads the cache.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use crate::load::Input;
use crate::model::Timeline;
use crate::query::SearchText;

mod bytes;
mod layout;
mod opened;
use layout::{Archived, HEADER, MAGIC, Made};
pub use opened::Opened;

/// What the folder may hold in all, in bytes: past it, the entries used
/// longest ago are removed, though the newest entry always stays.
pub const LIMIT: u64 = 2 << 30;

/// Entry files end in this; anything else in the folder is left alone.
const SUFFIX: &str = "cache";

/// Changes whenever the model's or the search text's source does, so a
/// build whose archive layout differs never reads another's entries.
const MODEL: &str = env!("CHRONOSCOPE_MODEL");

/// The cache folder: `$XDG_CACHE_HOME/chronoscope/timelines`, or the
/// platform's equivalent. `None` when there is no home to find it from.
pub fn folder() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.cache_dir().join("chronoscope").join("timelines"))
}

/// What identifies the exact files a timeline was loaded from: every
/// part of them, and (`stat`) what the system says of them without
/// reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    all: u128,
    stat: u64,
}

impl Key {
    /// The key of `inputs`, read from `files` (in the same order).
    pub fn of(files: &[PathBuf], inputs: &[Input]) -> Key {
        Key::with_version(env!("CARGO_PKG_VERSION"), files, inputs)
    }

    /// What `files` are by their paths, sizes and modification times
    /// (and chronoscope's version): what an entry made from them holds
    /// at 56..64, read without reading the files.
    fn stat_of(files: &[PathBuf]) -> u64 {
        let mut h = Key::start(env!("CARGO_PKG_VERSION"));
        for path in files {
            Key::stat(&mut h, path);
        }
        h.digest()
    }

    /// The key of `files` as they are on disk, each hashed as it is read
    /// through one small buffer, so that nothing of them stays in memory:
    /// the same key `of` gives once they are read. `None` when one cannot
    /// be read (the load from the files will say why).
    fn of_files(files: &[PathBuf]) -> Option<Key> {
        let mut h = Key::start(env!("CARGO_PKG_VERSION"));
        let mut buffer = vec![0; 64 << 10];
        for path in files {
            let mut file = File::open(path).ok()?;
            let mut content = Xxh3::new();
            let mut len = 0u64;
            loop {
                match file.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => {
                        content.update(&buffer[..n]);
                        len += n as u64;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => return None,
                }
            }
            Key::add(&mut h, path, len, content.digest());
        }
        Some(Key {
            all: h.digest128(),
            stat: Key::stat_of(files),
        })
    }

    /// The key as an entry's header holds it, at 8..24.
    pub fn to_le_bytes(self) -> [u8; 16] {
        self.all.to_le_bytes()
    }

    /// The files' fingerprint as an entry's header holds it, at 56..64.
    pub fn stat_le_bytes(self) -> [u8; 8] {
        self.stat.to_le_bytes()
    }

    fn start(version: &str) -> Xxh3 {
        let mut h = Xxh3::new();
        for part in [version, MODEL] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        h
    }

    /// One file: its path, size, modification time, length and content hash.
    fn add(h: &mut Xxh3, path: &Path, len: u64, content: u64) {
        Key::stat(h, path);
        h.update(&len.to_le_bytes());
        h.update(&content.to_le_bytes());
    }

    /// One file's path, size and modification time.
    fn stat(h: &mut Xxh3, path: &Path) {
        let name = path.as_os_str().as_encoded_bytes();
        h.update(&(name.len() as u64).to_le_bytes());
        h.update(name);
        let meta = fs::metadata(path);
        let size = meta.as_ref().map_or(u64::MAX, fs::Metadata::len);
        let modified = meta
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        h.update(&size.to_le_bytes());
        h.update(&modified.to_le_bytes());
    }

    fn with_version(version: &str, files: &[PathBuf], inputs: &[Input]) -> Key {
        let mut h = Key::start(version);
        for (path, input) in files.iter().zip(inputs) {
            Key::add(
                &mut h,
                path,
                input.bytes.len() as u64,
                xxh3_64(&input.bytes),
            );
        }
        Key {
            all: h.digest128(),
            stat: Key::stat_of(files),
        }
    }
}

/// Where the entry for a set of paths lives in `folder`: named by the
/// paths as given, made absolute, so each set has one entry.
pub fn entry(folder: &Path, paths: &[PathBuf]) -> PathBuf {
    let mut named = Vec::new();
    for p in paths {
        let p = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        named.extend_from_slice(p.as_os_str().as_encoded_bytes());
        named.push(0);
    }
    folder.join(format!("{:032x}.{SUFFIX}", xxh3_128(&named)))
}

/// Why an entry was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// There is none.
    Absent,
    /// It is of other files, or another version of chronoscope.
    Stale,
    /// It is damaged or not chronoscope's: what was wrong.
    Corrupt(String),
}

/// The timeline and search text an entry's bytes hold, checked against
/// `key`.
pub fn decode(bytes: &[u8], key: Key) -> Result<(Timeline, SearchText), Miss> {
    layout::decode_from(bytes, key)
}

/// The entry at `path`, open, and the key its header names.
fn probe(path: &Path) -> Result<(File, Key), Miss> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Miss::Absent),
        Err(e) => return Err(Miss::Corrupt(e.to_string())),
    };
    let mut head = [0; HEADER];
    if file.read_exact(&mut head).is_err() || &head[..8] != MAGIC {
        return Err(Miss::Corrupt("not a chronoscope cache entry".into()));
    }
    let mut all = [0; 16];
    all.copy_from_slice(&head[8..24]);
    let mut stat = [0; 8];
    stat.copy_from_slice(&head[56..HEADER]);
    let key = Key {
        all: u128::from_le_bytes(all),
        stat: u64::from_le_bytes(stat),
    };
    Ok((file, key))
}

/// Reads the entry at `path` for `key`.
pub fn read(path: &Path, key: Key) -> Result<(Timeline, SearchText), Miss> {
    let (file, stored) = probe(path)?;
    if stored.all != key.all {
        return Err(Miss::Stale);
    }
    read_file(&file, path, key)
}

fn read_file(file: &File, path: &Path, key: Key) -> Result<(Timeline, SearchText), Miss> {
    let got = layout::read_file(file, key)?;
    // Marks the entry as used, for eviction; an entry that cannot be
    // touched is still good.
    let _ = File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()));
    Ok(got)
}

/// The bytes of an entry: what `write` puts in the file, for the tests
/// and the fuzz target's seeds.
pub fn encode(timeline: &Timeline, text: &SearchText, key: Key) -> io::Result<Vec<u8>> {
    let made = Made::new(Archived::of(timeline)?, text, key)?;
    let mut out = Vec::new();
    made.write_to(&mut out)?;
    Ok(out)
}

/// Writes the entry at `path`: the timeline `timeline` and its search text.
pub fn write(path: &Path, timeline: &Timeline, text: &SearchText, key: Key) -> io::Result<()> {
    write_made(&Made::new(Archived::of(timeline)?, text, key)?, path)
}

/// Writes `made` at `path` atomically (a temporary file in the same
/// folder, renamed into place), then keeps the folder under `LIMIT`.
fn write_made(made: &Made, path: &Path) -> io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(folder)?;
    let (file, temp) = tempfile::Builder::new()
        .prefix(".entry-")
        .tempfile_in(folder)?
        .into_parts();
    let mut out = BufWriter::with_capacity(1 << 20, file);
    made.write_to(&mut out)?;
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    temp.persist(path).map_err(|e| e.error)?;
    evict(folder, path, LIMIT)
}

/// The entry being written in the background, if any.
static WRITING: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> = std::sync::Mutex::new(None);

/// Waits for the entry being written in the background, if one is: what a
/// command does before it ends, so that no entry is left half made.
pub fn wait() {
    let writing = WRITING.lock().ok().and_then(|mut w| w.take());
    if let Some(handle) = writing {
        let _ = handle.join();
    }
}

/// One entry in the folder: its path, size and when it was last used.
struct Entry {
    path: PathBuf,
    size: u64,
    used: SystemTime,
}

fn entries(folder: &Path) -> io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for item in fs::read_dir(folder)? {
        let item = item?;
        let path = item.path();
        let name = item.file_name();
        let name = name.to_string_lossy();
        let ours = path.extension().is_some_and(|e| e == SUFFIX) || name.starts_with(".entry-");
        let Ok(meta) = item.metadata() else { continue };
        if ours && meta.is_file() {
            out.push(Entry {
                path,
                size: meta.len(),
                used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            });
        }
    }
    Ok(out)
}

/// Removes the entries used longest ago until the folder holds at most
/// `limit` bytes, never `keep`; and temporary files an interrupted write
/// left more than an hour ago.
fn evict(folder: &Path, keep: &Path, limit: u64) -> io::Result<()> {
    let mut all = entries(folder)?;
    let hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
    all.retain(|e| {
        let stray = e.path.extension().is_none_or(|x| x != SUFFIX);
        if stray && e.used < hour_ago {
            let _ = fs::remove_file(&e.path);
        }
        !stray
    });
    all.sort_by_key(|e| std::cmp::Reverse((e.path == keep, e.used)));
    let mut total = 0;
    for e in all {
        total += e.size;
        if total > limit && e.path != keep {
            let _ = fs::remove_file(&e.path);
        }
    }
    Ok(())
}

/// What the folder holds: its entries and their bytes.
pub fn usage(folder: &Path) -> (usize, u64) {
    let all = entries(folder).unwrap_or_default();
    (all.len(), all.iter().map(|e| e.size).sum())
}

/// Removes every entry from the folder: how many, and their bytes.
pub fn clear(folder: &Path) -> io::Result<(usize, u64)> {
    let all = match entries(folder) {
        Ok(all) => all,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((0, 0)),
        Err(e) => return Err(e),
    };
    let mut removed = (0, 0);
    for e in all {
        fs::remove_file(&e.path)?;
        removed = (removed.0 + 1, removed.1 + e.size);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests;
