//! Live reload's worker: it watches exactly what the loader reads, reads
//! the timeline again when a file changes, and reports to the event loop,
//! which never waits on a file itself.
//!
//! What is watched follows the loader's own rules (`load::scan`): each
//! folder it walks (hidden and symlinked folders are skipped, so no link
//! maze is ever walked), one watch each and never recursive; the folder
//! holding each path given, so a folder or file deleted and made again
//! (`git checkout`, `rm -rf tl && cp -r …`) is seen; and no more than
//! `MAX_WATCHES` folders. After every reload the watches are made afresh,
//! since a folder made again is a new folder to the system.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, Debouncer, NoCache};

use crate::app::{Broken, ReloadOutcome, WatchStatus};
use crate::load;
use crate::model::Timeline;
use crate::query::Index;

/// Editors save in bursts (write, rename, chmod): a change is reported once
/// this long has passed without another.
const SETTLE: Duration = Duration::from_millis(150);

/// A reload that parsed every file keeps their records for the next one
/// once this long has passed without another change, while the person
/// reads the screen rather than while the explorer shows the timeline.
const KEEP_AFTER: Duration = Duration::from_millis(500);

/// At most this many folders are watched; past it, changes in the others
/// are not seen, and the explorer says so.
pub const MAX_WATCHES: usize = 256;

/// What the worker tells the loop.
pub enum Report {
    /// Watching began, or could not.
    Watching(WatchStatus),
    /// A change was seen and the files are being read.
    Reloading,
    Reloaded(Box<ReloadOutcome>),
}

enum Ping {
    Changed,
    Failed(String),
}

/// Starts the worker for the timeline at `paths`; it reports on `tx`.
pub fn spawn(paths: Vec<PathBuf>, tx: Sender<Report>) {
    let failed = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("reload".into())
        .spawn(move || work(&paths, &tx));
    if let Err(e) = spawned {
        let why = format!("cannot start watching ({e})");
        let _ = failed.send(Report::Watching(WatchStatus::Stopped(why)));
    }
}

fn work(paths: &[PathBuf], tx: &Sender<Report>) {
    let roots: Vec<Root> = paths.iter().map(|p| Root::new(p)).collect();
    let (ping_tx, ping_rx) = mpsc::channel();
    let relevant = roots.clone();
    let handler = move |result: DebounceEventResult| {
        let ping = match result {
            Ok(events) if events.iter().any(|e| touches(&relevant, e)) => Ping::Changed,
            Ok(_) => return,
            Err(errors) => Ping::Failed(
                errors
                    .first()
                    .map_or_else(String::new, |e| crate::text::one_line(&e.to_string())),
            ),
        };
        let _ = ping_tx.send(ping);
    };
    let config = notify::Config::default().with_follow_symlinks(false);
    let debouncer = notify_debouncer_full::new_debouncer_opt::<_, RecommendedWatcher, NoCache>(
        SETTLE, None, handler, NoCache, config,
    );
    let mut watcher = match debouncer {
        Ok(d) => Watcher {
            debouncer: d,
            watched: Vec::new(),
        },
        Err(e) => {
            let why = format!("the system refused to watch files ({e})");
            let _ = tx.send(Report::Watching(WatchStatus::Stopped(
                crate::text::one_line(&why),
            )));
            return;
        }
    };
    let status = watcher.rewatch(paths, &roots);
    if tx.send(Report::Watching(status)).is_err() {
        return;
    }
    serve(paths, &roots, &mut watcher, &ping_rx, tx);
}

fn serve(
    paths: &[PathBuf],
    roots: &[Root],
    watcher: &mut Watcher,
    pings: &Receiver<Ping>,
    tx: &Sender<Report>,
) {
    let mut again = load::Again::default();
    // The files of a reload whose records are still to be kept.
    let mut keeping: Option<load::Files> = None;
    loop {
        let ping = match keeping.take() {
            Some(files) => match pings.recv_timeout(KEEP_AFTER) {
                Ok(ping) => ping,
                Err(RecvTimeoutError::Timeout) => match keep(&mut again, &files, pings) {
                    Some(ping) => ping,
                    None => continue,
                },
                Err(RecvTimeoutError::Disconnected) => return,
            },
            None => match pings.recv() {
                Ok(ping) => ping,
                Err(_) => return,
            },
        };
        if let Ping::Failed(why) = ping {
            let status = WatchStatus::Stopped(format!("watching failed: {why}"));
            if tx.send(Report::Watching(status)).is_err() {
                return;
            }
            continue;
        }
        // Changes that came while the last reload ran are read by this one.
        while pings.try_recv().is_ok() {}
        if tx.send(Report::Reloading).is_err() {
            return;
        }
        let (outcome, index, files) = reread(paths, &mut again);
        let watching = watcher.rewatch(paths, roots);
        let report = Report::Reloaded(Box::new(ReloadOutcome {
            outcome,
            index,
            watching,
        }));
        if tx.send(report).is_err() {
            return;
        }
        keeping = Some(files);
    }
}

/// Keeps the records of the last reload's files (`load::Again::keep_one`)
/// until they are all kept, or a change is seen: that change.
fn keep(again: &mut load::Again, files: &load::Files, pings: &Receiver<Ping>) -> Option<Ping> {
    while again.keep_one(files) {
        if let Ok(ping) = pings.try_recv() {
            return Some(ping);
        }
    }
    None
}

/// Reads the timeline at `paths` again and indexes it, so that the loop
/// only has to show it: the timeline, or every error that stops it, one
/// line each, with the files as read. Only the files changed since the
/// last reload are parsed (`load::Again`); the first parses them all.
///
/// A reload is not kept in the cache: archiving the timeline beside the
/// index made it 15 % slower at 100,000 events (BENCHMARKS.md), and the
/// next open after an edit keeps it.
fn reread(
    paths: &[PathBuf],
    again: &mut load::Again,
) -> (Result<Timeline, Broken>, Option<Index>, load::Files) {
    let loaded = match load::read_paths(paths) {
        Ok(inputs) => again.load(inputs),
        Err(e) => {
            return (
                Err(Broken::one(e.to_string())),
                None,
                load::Files::default(),
            );
        }
    };
    if loaded.errors() > 0 {
        let problems = loaded.problems();
        return (Err(Broken { problems }), None, loaded.files);
    }
    let index = Index::build(&loaded.timeline);
    (Ok(loaded.timeline), Some(index), loaded.files)
}

struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, NoCache>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Drops every watch and makes the ones the paths need now.
    fn rewatch(&mut self, paths: &[PathBuf], roots: &[Root]) -> WatchStatus {
        for old in self.watched.drain(..) {
            let _ = self.debouncer.unwatch(&old);
        }
        let wanted = targets(paths, roots);
        let total = wanted.len();
        let mut failed = None;
        for folder in wanted.into_iter().take(MAX_WATCHES) {
            match self.debouncer.watch(&folder, RecursiveMode::NonRecursive) {
                Ok(()) => self.watched.push(folder),
                Err(e) => {
                    failed.get_or_insert_with(|| {
                        format!(
                            "cannot watch {}: {e}",
                            crate::text::one_line(&folder.display().to_string())
                        )
                    });
                }
            }
        }
        match failed {
            _ if self.watched.is_empty() => WatchStatus::Stopped(
                failed.unwrap_or_else(|| "no folder of the timeline can be watched".into()),
            ),
            Some(why) => WatchStatus::Partly(why),
            None if total > MAX_WATCHES => WatchStatus::Partly(format!(
                "watching {MAX_WATCHES} of {total} folders; changes in the rest are not seen"
            )),
            None => WatchStatus::Watching(self.watched.len()),
        }
    }
}

/// The folders to watch: every folder the loader walks, and the folder
/// holding each given path (for a file, also the folder above that).
fn targets(paths: &[PathBuf], roots: &[Root]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut add = |p: PathBuf| {
        if p.is_dir() && !out.contains(&p) {
            out.push(p);
        }
    };
    for root in roots {
        if let Some(parent) = root.path.parent() {
            add(parent.to_path_buf());
            if !root.folder
                && let Some(grand) = parent.parent()
            {
                add(grand.to_path_buf());
            }
        }
    }
    for path in paths {
        // A path that cannot be read now is watched through its parent.
        if let Ok(scan) = load::scan(std::slice::from_ref(path)) {
            scan.folders.into_iter().map(absolute).for_each(&mut add);
        }
    }
    out
}

fn absolute(p: PathBuf) -> PathBuf {
    std::path::absolute(&p).unwrap_or(p)
}

/// A path the timeline was opened on, made absolute, as the watcher's
/// events name paths.
#[derive(Clone)]
struct Root {
    path: PathBuf,
    folder: bool,
}

impl Root {
    fn new(p: &Path) -> Root {
        Root {
            folder: p.is_dir(),
            path: absolute(p.to_path_buf()),
        }
    }
}

/// True when an event can change what the loader reads: a `.toml` file or
/// a folder inside a folder root, a file root itself, or a root (or a
/// folder above it) made or removed.
fn touches(roots: &[Root], event: &DebouncedEvent) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| {
        roots.iter().any(|root| {
            if root.path.starts_with(p) {
                return true;
            }
            root.folder && p.starts_with(&root.path) && p.extension().is_none_or(|e| e == "toml")
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: EventKind, path: &Path) -> DebouncedEvent {
        DebouncedEvent::new(
            notify::Event::new(kind).add_path(path.to_path_buf()),
            std::time::Instant::now(),
        )
    }

    #[test]
    fn only_what_the_loader_reads_is_relevant() {
        let dir = tempfile::tempdir().unwrap();
        let tl = dir.path().join("tl");
        std::fs::create_dir(&tl).ok();
        let roots = [Root::new(&tl)];
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        assert!(touches(&roots, &event(modify, &tl.join("2014.toml"))));
        assert!(touches(&roots, &event(modify, &tl.join("sub"))));
        assert!(touches(&roots, &event(modify, &tl)));
        assert!(!touches(&roots, &event(modify, &tl.join("brief.md"))));
        assert!(!touches(
            &roots,
            &event(modify, &dir.path().join("other.toml"))
        ));
        let access = EventKind::Access(notify::event::AccessKind::Any);
        assert!(!touches(&roots, &event(access, &tl.join("2014.toml"))));
    }

    #[test]
    fn a_file_root_is_seen_through_its_folder_and_the_one_above() {
        let dir = tempfile::tempdir().unwrap();
        let tl = dir.path().join("tl");
        std::fs::create_dir(&tl).ok();
        let file = tl.join("t.toml");
        std::fs::write(&file, "").ok();
        let roots = [Root::new(&file)];
        let modify = EventKind::Modify(notify::event::ModifyKind::Any);
        assert!(touches(&roots, &event(modify, &file)));
        assert!(touches(&roots, &event(modify, &tl)));
        assert!(!touches(&roots, &event(modify, &tl.join("u.toml"))));
        let got = targets(std::slice::from_ref(&file), &roots);
        let want = [absolute(tl.clone()), absolute(dir.path().to_path_buf())];
        assert_eq!(got, want);
    }

    #[test]
    fn hidden_and_linked_folders_are_never_watched() {
        let dir = tempfile::tempdir().unwrap();
        let tl = dir.path().join("tl");
        std::fs::create_dir_all(tl.join(".git/objects")).ok();
        std::fs::create_dir_all(tl.join("2021")).ok();
        std::fs::write(tl.join("2021/a.toml"), "").ok();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&tl, tl.join("loop")).ok();
        let roots = [Root::new(&tl)];
        let got = targets(std::slice::from_ref(&tl), &roots);
        let want = [
            absolute(dir.path().to_path_buf()),
            absolute(tl.clone()),
            absolute(tl.join("2021")),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_timeline_read_again_is_indexed_or_each_error_said_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.toml");
        let good = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/valid/minimal.toml"
        ))
        .unwrap();
        std::fs::write(&file, &good).ok();
        let paths = std::slice::from_ref(&file);
        let (read, index, _) = reread(paths, &mut load::Again::default());
        let timeline = read.unwrap();
        assert_eq!(timeline.events.len(), 1);
        assert_eq!(index, Some(Index::build(&timeline)), "indexed beside");

        let bad = good.replacen(
            "date = \"2014-12-16\"",
            "date = \"2014-13-16\"\nnope = 1",
            1,
        );
        std::fs::write(&file, bad).ok();
        let (broken, index, _) = reread(paths, &mut load::Again::default());
        let why = broken.unwrap_err().problems;
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(why[0].contains("t.toml:8:8: impossible date"), "{why:?}");
        assert!(index.is_none());
        let (missing, _, _) = reread(&[dir.path().join("gone.toml")], &mut load::Again::default());
        let why = missing.unwrap_err().problems;
        assert!(why[0].contains("no such file"), "{why:?}");
    }
}
