//! The cache of resolved timelines as a person meets it: the second open
//! reads it, an edit or a bad entry goes back to the files, `check` and
//! `--no-cache` never read it, `chronoscope cache --clear` empties it.
//! Each test keeps its cache in a folder of its own (`XDG_CACHE_HOME`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use chronoscope::cache::{self, Key};
use chronoscope::load;
use chronoscope::query::SearchText;
use common::cli::{run_env, stdout};

/// A copy of the valid multi-file fixture and a cache folder for it.
struct Scene {
    dir: tempfile::TempDir,
    timeline: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let timeline = dir.path().join("timeline");
        std::fs::create_dir(&timeline).unwrap();
        let from = Path::new(common::FIXTURES).join("valid/multi");
        for f in std::fs::read_dir(from).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, timeline.join(f.file_name().unwrap())).unwrap();
        }
        Scene { dir, timeline }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// The folder the binary keeps entries in, under this scene's home.
    fn folder(&self) -> PathBuf {
        self.home().join("chronoscope").join("timelines")
    }

    fn entry(&self) -> PathBuf {
        cache::entry(&self.folder(), std::slice::from_ref(&self.timeline))
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let home = self.home();
        run_env(args, &[("XDG_CACHE_HOME", home.to_str().unwrap())])
    }

    fn list(&self, extra: &[&str]) -> String {
        let path = self.timeline.to_str().unwrap();
        let mut args = vec!["list", path, "--format", "json"];
        args.extend_from_slice(extra);
        let out = self.run(&args);
        assert!(out.status.success(), "{out:?}");
        stdout(&out)
    }

    /// An entry for the files as they are, holding their timeline retitled:
    /// what shows whether a command read the cache.
    fn poison(&self) {
        let paths = std::slice::from_ref(&self.timeline);
        let files = load::scan(paths).unwrap().files;
        let inputs = load::read_files(&files).unwrap();
        let key = Key::of(&files, &inputs);
        let mut t = load::load(inputs).timeline;
        t.title = "Read from the cache".into();
        cache::write(&self.entry(), &t, &SearchText::of(&t), key).unwrap();
    }
}

#[test]
fn the_second_list_reads_the_cache_and_prints_the_same() {
    let s = Scene::new();
    let first = s.list(&[]);
    assert!(s.entry().is_file(), "the first run kept the timeline");
    let written = std::fs::metadata(s.entry()).unwrap().len();
    assert!(written > 64);
    assert_eq!(s.list(&[]), first);
    let listed = s.run(&["cache"]);
    assert!(stdout(&listed).contains("1 timeline cached"), "{listed:?}");
}

#[test]
fn check_never_reads_the_cache_and_no_cache_bypasses_it() {
    let s = Scene::new();
    let truth = s.list(&["--no-cache"]);
    assert!(!s.entry().exists(), "--no-cache wrote nothing");
    s.poison();
    assert!(
        s.list(&[]).contains("Read from the cache"),
        "list reads the entry"
    );
    assert_eq!(s.list(&["--no-cache"]), truth);
    let checked = s.run(&["check", s.timeline.to_str().unwrap(), "--format", "json"]);
    assert!(checked.status.success());
    assert!(!stdout(&checked).contains("Read from the cache"));
    // Breaking a file shows in check at once, whatever the cache holds.
    std::fs::write(s.timeline.join("events.toml"), "[[events]]\nid = 1\n").unwrap();
    let broken = s.run(&["check", s.timeline.to_str().unwrap()]);
    assert_eq!(broken.status.code(), Some(1));
}

#[test]
fn an_edit_is_seen_at_once_and_kept_for_next_time() {
    let s = Scene::new();
    s.list(&[]);
    let events = s.timeline.join("events.toml");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(&events, text.replacen("title = \"", "title = \"Edited ", 1)).unwrap();
    let after = s.list(&[]);
    assert!(after.contains("Edited "), "the edit shows");
    assert_eq!(s.list(&["--no-cache"]), after);
}

#[test]
fn a_damaged_entry_is_ignored_and_written_again() {
    let s = Scene::new();
    let truth = s.list(&[]);
    let good = std::fs::read(s.entry()).unwrap();
    for bad in [
        b"not a cache at all".to_vec(),
        good[..good.len() / 2].to_vec(),
        good.iter().map(|b| b ^ 0x20).collect(),
    ] {
        std::fs::write(s.entry(), &bad).unwrap();
        assert_eq!(s.list(&[]), truth);
        assert_eq!(std::fs::read(s.entry()).unwrap(), good, "written again");
    }
}

#[test]
fn cache_clear_empties_the_folder() {
    let s = Scene::new();
    s.list(&[]);
    let cleared = s.run(&["cache", "--clear"]);
    assert!(cleared.status.success());
    assert!(
        stdout(&cleared).starts_with("removed 1 timeline ("),
        "{cleared:?}"
    );
    assert!(!s.entry().exists());
    let listed = s.run(&["cache"]);
    assert!(stdout(&listed).contains("0 timelines cached"), "{listed:?}");
}

/// The explorer opened twice on the same folder at 80×24: the second time
/// from the cache, on the same screen.
#[test]
fn the_explorer_opens_from_the_cache_on_the_same_screen() {
    let Some(t) = common::Tmux::new(80, 24) else {
        return;
    };
    let s = Scene::new();
    let open = format!(
        "clear; XDG_CACHE_HOME={} {} {}; echo EXITED $?",
        s.home().display(),
        common::BIN,
        s.timeline.display()
    );
    t.run(&open);
    let whole = |title: &'static str| {
        move |screen: &str| screen.contains(title) && screen.contains("s.toml:2:6")
    };
    let first = t.wait_until("the first screen", whole("A timeline in several fil"));
    t.send(&["q"]);
    assert_eq!(t.wait_exit(), "0");
    assert!(s.entry().is_file());
    s.poison();
    t.run(&open);
    let second = t.wait_until("the screen from the cache", whole("Read from the cache"));
    let rows = |screen: &str| {
        screen
            .lines()
            .skip(1)
            .take(20)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(rows(&second), rows(&first), "only the title differs");
    t.send(&["q"]);
    assert_eq!(t.wait_exit(), "0");
}

/// The explorer's search text is read where the entry's mapping has it:
/// an entry cut short by another program while the explorer runs ends it
/// at the next search that reads the text, with the terminal given back
/// and the reason said, never a raw terminal.
#[cfg(unix)]
#[test]
fn an_entry_cut_short_under_the_explorer_ends_it_cleanly() {
    let Some(t) = common::Tmux::new(80, 24) else {
        return;
    };
    let s = Scene::new();
    s.poison();
    t.run(&format!(
        "clear; XDG_CACHE_HOME={} {} {} 2>&1; echo EXITED $?",
        s.home().display(),
        common::BIN,
        s.timeline.display()
    ));
    t.wait_for("Read from the cache");
    std::fs::File::options()
        .write(true)
        .open(s.entry())
        .unwrap()
        .set_len(0)
        .unwrap();
    // One letter is answered from the sketches; the second reads the text.
    t.send(&["/", "z", "a"]);
    let screen = t.wait_for("EXITED 135");
    assert!(
        screen.contains("was cut short by another program"),
        "{screen}"
    );
    t.assert_restored();
}
