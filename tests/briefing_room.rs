//! The briefing room, end to end: the room's screen (`present
//! --publish`) in one tmux pane and the presenter view (`chronoscope
//! presenter`) in the other, driven from each side, then quit one after
//! the other with the terminal given back each time.
//!
//! Needs tmux; `.ci/run` installs it.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use common::{BIN, Tmux};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/explorer");

/// A runtime folder of the test's own, as a login session gives one.
fn runtime() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

#[test]
fn the_presenter_view_follows_the_room_and_moves_it() {
    let Some(room) = Tmux::new(201, 30) else {
        return;
    };
    let presenter = room.split();
    let rt = runtime();
    let env = format!("XDG_RUNTIME_DIR={}", rt.path().display());

    // Started first, the presenter view waits, and says for what.
    presenter.run(&format!("{env} {BIN} presenter {FIXTURE}; echo EXITED $?"));
    presenter.wait_for("Waiting for a presentation");

    room.run(&format!(
        "{env} {BIN} present {FIXTURE} --tour test-tour --publish; echo EXITED $?"
    ));
    room.wait_for("3 steps ·");
    presenter.wait_for("title slide");
    room.wait_for("A presenter view is following");
    let socket = rt.path().join("chronoscope");
    let mode = std::fs::metadata(&socket).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o777,
        0o700,
        "the socket's folder is the user's only"
    );

    // A second room screen is refused, and says why.
    let second = Command::new(BIN)
        .args(["present", FIXTURE, "--publish"])
        .env("XDG_RUNTIME_DIR", rt.path())
        .output()
        .unwrap();
    assert_eq!(second.status.code(), Some(2));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("already published"), "{err}");

    // From the presenter view: both move; the note is only on its side.
    presenter.send(&["Right"]);
    room.wait_for("1/3");
    presenter.wait_for("1/3");
    presenter.wait_for("Start with the school.");
    assert!(!room.screen().contains("Start with the school."));

    // From the room: both move.
    room.send(&["Right"]);
    presenter.wait_for("2/3");
    presenter.wait_for("The state's answer.");
    presenter.wait_for("Next ");
    presenter.wait_for("⏱ ");

    // Blanked from the presenter view, shown again from the room.
    presenter.send(&["b"]);
    room.wait_until("the room's screen is blank", |s| s.trim().is_empty());
    presenter.wait_for("The room's screen is blank");
    room.send(&["x"]);
    room.wait_for("2/3");
    presenter.wait_until("the screen shown again", |s| {
        !s.contains("The room's screen is blank")
    });

    // g and a number, from the presenter view.
    presenter.send(&["g"]);
    presenter.wait_for("Go to slide:");
    presenter.send(&["3", "Enter"]);
    room.wait_for("3/3");
    presenter.wait_for("Talks, later abandoned.");

    // The presenter view quits; the room goes on, and takes a new one.
    presenter.send(&["q"]);
    presenter.wait_for("EXITED 0");
    presenter.assert_restored();
    room.wait_for("The presenter view quit");
    room.send(&["Home"]);
    room.wait_for("3 steps ·");
    presenter.run(&format!("{env} {BIN} presenter {FIXTURE}; echo EXITED $?"));
    presenter.wait_for("title slide");

    // The room quits; the presenter view says so and waits for the next.
    room.send(&["q"]);
    room.wait_for("EXITED 0");
    room.assert_restored();
    presenter.wait_for("The presentation ended");
    assert!(
        !socket.join("present.sock").exists(),
        "the socket is removed"
    );
    presenter.send(&["q"]);
    presenter.wait_for("EXITED 0");
    presenter.assert_restored();
}

#[test]
fn a_tour_is_picked_in_the_explorer() {
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
    t.wait_for("Events 12/12");
    t.send(&["P"]);
    t.wait_for("Tours · 1");
    t.wait_for("3 steps ·");
    t.send(&["Enter"]);
    t.wait_for("From APS to the talks");
    t.send(&["Right"]);
    t.wait_for("1/3");
    t.send(&["Escape"]);
    t.wait_for("Events 12/12");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// The explorer as the room's screen: the presenter view waits while the
/// room browses, follows the tour picked with P, and waits again after.
#[test]
fn a_tour_picked_in_a_published_explorer_reaches_the_presenter_view() {
    let Some(room) = Tmux::new(201, 30) else {
        return;
    };
    let presenter = room.split();
    let rt = runtime();
    let env = format!("XDG_RUNTIME_DIR={}", rt.path().display());
    room.run(&format!("{env} {BIN} --publish {FIXTURE}; echo EXITED $?"));
    room.wait_for("Events 12/12");
    presenter.run(&format!("{env} {BIN} presenter {FIXTURE}; echo EXITED $?"));
    presenter.wait_for("The room's screen shows no slides");
    room.send(&["P"]);
    room.wait_for("Tours · 1");
    room.send(&["Enter"]);
    room.wait_for("3 steps ·");
    presenter.wait_for("title slide");
    room.send(&["Right"]);
    presenter.wait_for("Start with the school.");
    room.send(&["Escape"]);
    room.wait_for("Events 12/12");
    presenter.wait_for("The room's screen shows no slides");
    room.send(&["q"]);
    room.wait_for("EXITED 0");
    room.assert_restored();
    presenter.send(&["q"]);
    presenter.wait_for("EXITED 0");
    presenter.assert_restored();
}
