//! The second round of hostile inputs, in a real terminal (tmux): signals,
//! stops and continues, files that change into hostile ones, folders
//! made again, link mazes — the terminal always comes back, the explorer
//! never hangs (SECURITY.md).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{BIN, Tmux};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/explorer/timeline.toml"
);

fn kill(signal: &str, pid: &str) {
    assert!(
        Command::new("kill")
            .args([&format!("-{signal}"), pid])
            .status()
            .unwrap()
            .success()
    );
}

/// A copy of the explorer fixture in a folder of its own.
fn copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("tl");
    fs::create_dir(&tl).unwrap();
    fs::copy(FIXTURE, tl.join("timeline.toml")).unwrap();
    (dir, tl)
}

/// Every catchable signal that ends a program gives the terminal back and
/// exits with 128 + its number.
#[test]
fn every_terminating_signal_gives_the_terminal_back() {
    for (signal, code) in [
        ("INT", 130),
        ("QUIT", 131),
        ("TERM", 143),
        ("HUP", 129),
        ("USR1", 138),
        ("USR2", 140),
        ("ALRM", 142),
    ] {
        let Some(t) = Tmux::new(80, 24) else {
            return;
        };
        t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
        t.wait_for("Events 12/12");
        t.wait_format("#{mouse_any_flag}", "1");
        kill(signal, &t.child_pid());
        t.wait_for(&format!("EXITED {code}"));
        t.assert_restored();
    }
}

/// A stop from outside gives the terminal back; `fg` takes it again in raw
/// mode, so a key acts at once, without Enter.
#[test]
fn a_stop_from_outside_and_fg_keep_the_terminal_sane() {
    let Some(t) = Tmux::new(80, 24) else {
        return;
    };
    // Run alone: the shell would count a stop as the end of a list.
    t.run(&format!("{BIN} {FIXTURE}"));
    t.wait_for("Events 12/12");
    let pid = t.child_pid();
    kill("TSTP", &pid);
    t.wait_for("Stopped");
    t.wait_format("#{alternate_on}", "0");
    t.wait_format("#{mouse_any_flag}", "0");
    assert_eq!(t.format("#{cursor_flag}"), "1");
    t.run("fg; echo EXITED $?");
    t.wait_for("Events 12/12");
    t.wait_format("#{alternate_on}", "1");
    // Raw mode again: `]` jumps a year without Enter.
    t.send(&["]"]);
    t.wait_until("the cursor on 2009", |s| {
        s.lines()
            .any(|l| l.contains('▸') && l.contains("Operation in Swat"))
    });
    // Stopped and continued again: the same.
    kill("TSTP", &pid);
    t.wait_for("Stopped");
    t.wait_format("#{alternate_on}", "0");
    t.run("clear; fg; echo EXITED $?");
    t.wait_format("#{alternate_on}", "1");
    t.send(&["j"]);
    t.wait_until("the cursor moved on", |s| {
        s.lines()
            .any(|l| l.contains('▸') && l.contains("A year-precision event"))
    });
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// An open timeline replaced by a file a million keys deep: not reloaded,
/// the explorer alive and the terminal its own.
#[test]
fn a_file_a_million_keys_deep_does_not_crash_a_reload() {
    let (_dir, tl) = copy();
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {}; echo EXITED $?", tl.display()));
    t.wait_for("Events 12/12");
    let keys = vec!["a"; 1_000_000].join(".");
    fs::write(tl.join("timeline.toml"), format!("[{keys}]\n")).unwrap();
    t.wait_for("not reloaded: 1 error");
    t.send(&["j"]);
    t.wait_for("Events 12/12");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// A hidden folder holding a maze of links (24 folders, each with two
/// links to the next) opens at once, is never watched, and `q` quits.
#[cfg(unix)]
#[test]
fn a_maze_of_links_neither_delays_nor_blocks_the_explorer() {
    let (_dir, tl) = copy();
    maze(&tl.join(".maze"), 24);
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    let start = Instant::now();
    t.run(&format!("{BIN} {}; echo EXITED $?", tl.display()));
    t.wait_for("Events 12/12");
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "the first frame took {:?}",
        start.elapsed()
    );
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[cfg(unix)]
fn maze(at: &Path, depth: usize) {
    let levels: Vec<_> = (0..=depth).map(|i| at.join(format!("l{i}"))).collect();
    for l in &levels {
        fs::create_dir_all(l).unwrap();
    }
    for w in levels.windows(2) {
        std::os::unix::fs::symlink(&w[1], w[0].join("x")).unwrap();
        std::os::unix::fs::symlink(&w[1], w[0].join("y")).unwrap();
    }
}

/// The folder deleted and made again, as `git checkout` does: the watches
/// are made afresh and the next change reloads.
#[test]
fn a_folder_made_again_is_watched_again() {
    let (_dir, tl) = copy();
    let original = fs::read_to_string(FIXTURE).unwrap();
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {}; echo EXITED $?", tl.display()));
    t.wait_for("Events 12/12");
    fs::remove_dir_all(&tl).unwrap();
    t.wait_for("not reloaded");
    fs::create_dir(&tl).unwrap();
    let renamed = original.replace("Operation in Swat", "Operation in the Swat valley");
    fs::write(tl.join("timeline.toml"), &renamed).unwrap();
    t.wait_for("Operation in the Swat valley");
    // Watching still works after the folder was made again.
    fs::write(tl.join("timeline.toml"), &original).unwrap();
    t.wait_until("the second change", |s| {
        s.contains("Operation in Swat") && !s.contains("Swat valley")
    });
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}
