//! Hostile timelines and hostile circumstances in a real terminal: the
//! binary in tmux, each test on its own tmux server (`-L`), polling the
//! screen rather than sleeping a fixed time.
//!
//! - A file full of escape sequences changes nothing it asks for: the pane
//!   title, the clipboard, the colours, the screen (SECURITY.md, promise 1).
//! - With standard input from /dev/null the explorer still works; with no
//!   controlling terminal at all it fails with a message and exit 2, the
//!   terminal as it was (promise 4).
//! - The explorer, presentation and the export prompt never write to a
//!   timeline file; a timeline deleted or changed while open does not crash
//!   it (promise 5).
//!
//! Needs tmux; `.ci/run` installs it.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{BIN, FIXTURES, TIMEOUT, Tmux, aged_copies, assert_unchanged, snapshot};

/// A tmux server where an OSC 52 that got through would land in a paste
/// buffer, and an OSC 0 or 2 in the pane title.
fn hostile_tmux(width: u16, height: u16) -> Option<Tmux> {
    let t = Tmux::new(width, height)?;
    t.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    t.tmux(&["set-option", "-g", "allow-rename", "on"]);
    t.tmux(&["select-pane", "-t", "t", "-T", "title-before"]);
    Some(t)
}

/// Nothing the hostile file asked for has happened.
fn assert_untouched(t: &Tmux, step: &str) {
    assert_eq!(
        t.format("#{pane_title}"),
        "title-before",
        "{step}: the pane title changed"
    );
    assert_eq!(
        t.tmux(&["list-buffers"]).trim(),
        "",
        "{step}: something reached the clipboard"
    );
    let escaped = t.screen_escaped();
    // Under NO_COLOR chronoscope draws no colour: any colour on screen
    // came from the file. Hyperlinks and other OSC never show up either.
    assert!(
        !escaped.contains("\u{1b}]"),
        "{step}: an OSC on screen:\n{escaped}"
    );
    if let Some(p) = colour_or_blink(&escaped) {
        panic!("{step}: SGR {p} on screen:\n{escaped}");
    }
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "{step}: left the alternate screen"
    );
    assert_eq!(
        t.format("#{mouse_any_flag}"),
        "1",
        "{step}: mouse reporting changed"
    );
}

/// The first SGR parameter in `escaped` that sets a colour or blinking.
fn colour_or_blink(escaped: &str) -> Option<u32> {
    escaped.split("\u{1b}[").skip(1).find_map(|rest| {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
        if !rest[end..].starts_with('m') {
            return None;
        }
        rest[..end]
            .split(';')
            .filter_map(|p| p.parse::<u32>().ok())
            .find(|&p| {
                p == 5
                    || p == 6
                    || (30..=38).contains(&p)
                    || (40..=48).contains(&p)
                    || (90..=107).contains(&p)
            })
    })
}

/// Opens the hostile fixture, walks into each event's details, an actor's
/// profile, help, search, the presentation with notes and its overview and
/// the export prompt, and checks at every step that the pane title, the
/// clipboard, the colours, the alternate screen and the mouse mode are as
/// chronoscope set them, and that the file's escapes show as marks. After
/// quitting, the shell's screen is still there: nothing cleared it.
#[test]
fn a_hostile_file_changes_nothing_it_asks_for() {
    let Some(t) = hostile_tmux(120, 40) else {
        return;
    };
    let file = Path::new(FIXTURES).join("hostile/escapes.toml");
    t.run("echo MARKER-BEFORE-CHRONOSCOPE");
    t.wait_for("MARKER-BEFORE-CHRONOSCOPE\n");
    t.run(&format!(
        "NO_COLOR=1 {BIN} {}; echo EXITED $?",
        file.display()
    ));
    t.wait_for("Events 3/3");
    t.wait_format("#{alternate_on}", "1");
    t.wait_format("#{mouse_any_flag}", "1");
    let s = t.wait_for("␛]0;pwned-title␇");
    assert!(s.contains("timeline"), "the header is drawn:\n{s}");
    assert_untouched(&t, "opened");

    for (i, title) in ["pwned-event", "Second", "Third"].iter().enumerate() {
        t.send(&["g"]);
        for _ in 0..i {
            t.send(&["j"]);
        }
        t.send(&["Enter"]);
        t.wait_for(title);
        for _ in 0..8 {
            t.send(&["j"]);
        }
        t.wait_for("Details");
        assert_untouched(&t, &format!("details of event {i}"));
        t.send(&["Escape"]);
    }
    // Scroll the first event's details down to its claims and sources.
    t.send(&["g", "Enter"]);
    let start = Instant::now();
    while !t.screen().contains("pwned-claim") {
        assert!(start.elapsed() < TIMEOUT, "no claims:\n{}", t.screen());
        t.send(&["j"]);
        std::thread::sleep(Duration::from_millis(50));
    }
    t.wait_for("pwned-source");
    assert_untouched(&t, "claims and sources");

    t.send(&["Escape", "BTab"]);
    t.wait_for("Actors");
    t.send(&["Enter"]);
    t.wait_for("pwned-actor");
    assert_untouched(&t, "actor profile");
    t.send(&["Escape", "Escape"]);

    t.send(&["?"]);
    t.wait_for("Everywhere");
    assert_untouched(&t, "help");
    t.send(&["?"]);

    t.send(&["/"]);
    t.send(&["-l", "pwned"]);
    t.wait_for("matches");
    assert_untouched(&t, "search");
    t.send(&["Escape"]);

    t.send(&["g", "p"]);
    t.wait_for("1/3");
    t.send(&["n"]);
    assert_untouched(&t, "slide 1");
    t.send(&["Right"]);
    t.wait_for("2/3");
    assert_untouched(&t, "slide 2");
    t.send(&["Right"]);
    t.wait_for("3/3");
    assert_untouched(&t, "slide 3");
    t.send(&["o"]);
    t.wait_for("Second");
    assert_untouched(&t, "overview");
    t.send(&["Escape", "Escape"]);
    t.wait_for("Events 3/3");

    t.send(&["e"]);
    t.wait_for("export");
    assert_untouched(&t, "export prompt");
    t.send(&["Escape"]);

    let s = t.wait_for("Events 3/3");
    assert!(s.contains("Hostile"), "the screen was cleared:\n{s}");
    assert_untouched(&t, "back to the main screen");

    t.send(&["q"]);
    assert_eq!(t.wait_exit(), "0", "{}", t.screen());
    let s = t.screen();
    assert!(
        s.contains("MARKER-BEFORE-CHRONOSCOPE"),
        "the shell's screen was cleared:\n{s}"
    );
    assert_eq!(t.format("#{pane_title}"), "title-before");
    assert_eq!(t.tmux(&["list-buffers"]).trim(), "");
    t.assert_restored();
}

/// `y` copies a citation through OSC 52: what reaches the clipboard is the
/// citation with every escape in the file shown as a visible mark, and the
/// pane title stays as it was.
#[test]
fn a_copied_citation_carries_no_escape_from_the_file() {
    let Some(t) = hostile_tmux(120, 40) else {
        return;
    };
    let file = Path::new(FIXTURES).join("hostile/escapes.toml");
    t.run(&format!(
        "NO_COLOR=1 {BIN} {}; echo EXITED $?",
        file.display()
    ));
    t.wait_for("Events 3/3");
    t.send(&["g", "y"]);
    t.wait_for("Copied");
    let start = Instant::now();
    let copied = loop {
        let b = t.tmux(&["show-buffer"]);
        if !b.is_empty() {
            break b;
        }
        assert!(start.elapsed() < TIMEOUT, "nothing reached the clipboard");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        copied.starts_with("Title sets window ␛]0;pwned-event␇"),
        "{copied:?}"
    );
    assert!(
        copied.contains("Pub ␛]0;pwned-source␇"),
        "the first source: {copied:?}"
    );
    assert!(!copied.contains(['\u{1b}', '\u{7}', '\n']), "{copied:?}");
    assert_eq!(t.format("#{pane_title}"), "title-before");
    // Too long for the bottom line, the citation is shown whole in a box.
    t.wait_for("Copied to the clipboard");
    t.send(&["Escape"]);
    t.wait_until("the box closed", |s| !s.contains("Copied to the clipboard"));
    t.send(&["q"]);
    assert_eq!(t.wait_exit(), "0", "{}", t.screen());
    t.assert_restored();
}

/// With standard input from /dev/null the explorer still reads keys from
/// the terminal (crossterm opens /dev/tty), and gives it back on quit.
#[test]
fn stdin_from_dev_null_still_explores() {
    let Some(t) = hostile_tmux(80, 24) else {
        return;
    };
    let fixture = Path::new(FIXTURES).join("explorer");
    t.run(&format!(
        "{BIN} {} < /dev/null; echo EXITED $?",
        fixture.display()
    ));
    t.wait_for("Events 12/12");
    t.send(&["j", "Enter"]);
    t.wait_for("Operation in Swat");
    t.send(&["q"]);
    assert_eq!(t.wait_exit(), "0", "{}", t.screen());
    t.assert_restored();
}

/// With no controlling terminal to take (a new session, stdin from
/// /dev/null, stdout still the pane) the explorer cannot enter raw mode: it
/// says so and exits 2, and the terminal is left as it was.
#[test]
fn no_controlling_terminal_is_an_error_exit_that_restores() {
    let Some(t) = hostile_tmux(80, 24) else {
        return;
    };
    let fixture = Path::new(FIXTURES).join("explorer");
    t.run(&format!(
        "setsid -w {BIN} {} < /dev/null; echo EXITED $?",
        fixture.display()
    ));
    assert_eq!(t.wait_exit(), "2", "{}", t.screen());
    let s = t.screen();
    assert!(s.contains("error: the terminal failed"), "{s}");
    assert!(!s.contains("panicked"), "{s}");
    t.assert_restored();
}

/// The explorer fixture and the hostile one in a fresh folder, dated a day
/// ago so that any write shows in the modification time.
fn timeline_copy() -> tempfile::TempDir {
    aged_copies(&["explorer/timeline.toml", "hostile/escapes.toml"]).0
}

/// The explorer, presentation and the export prompt — including an export
/// aimed at a timeline file, which is refused — leave every timeline file's
/// bytes and modification time as they were and add no file beside them.
#[test]
fn the_explorer_never_writes_to_timeline_files() {
    let tmp = timeline_copy();
    let dir = tmp.path();
    let before = snapshot(dir);
    let out = tempfile::tempdir().unwrap();
    let Some(t) = hostile_tmux(120, 40) else {
        return;
    };
    let sessions = [
        (dir.join("explorer"), dir.join("explorer/timeline.toml"), 12),
        (
            dir.join("hostile/escapes.toml"),
            dir.join("hostile/escapes.toml"),
            3,
        ),
    ];
    for (session, (open, timeline, n)) in sessions.iter().enumerate() {
        t.run("clear");
        t.run(&format!("{BIN} {}; echo EXITED $?", open.display()));
        let all = format!("Events {n}/{n}");
        t.wait_for(&all);
        t.send(&["j", "j", "Enter", "Tab", "Enter"]);
        t.send(&["Escape", "Escape", "Escape", "p"]);
        t.wait_for(&format!("/{n}"));
        t.send(&["Right", "n", "o", "Escape", "Escape"]);
        t.wait_for(&all);

        // Export over the timeline file: refused, in the prompt.
        t.send(&["e", "C-u"]);
        t.send(&["-l", timeline.to_str().unwrap()]);
        t.send(&["Enter"]);
        t.wait_for("refusing to export");
        // Export elsewhere, in every format.
        for i in 0..5 {
            t.send(&["C-u"]);
            let dest = out.path().join(format!("s{session}-{i}"));
            t.send(&["-l", dest.to_str().unwrap()]);
            t.send(&["Enter"]);
            t.wait_for("Exported");
            t.send(&["e"]);
            for _ in 0..=i {
                t.send(&["Tab"]);
            }
        }
        t.send(&["Escape", "q"]);
        assert_eq!(t.wait_exit(), "0", "{}", t.screen());
    }
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 10);

    // The `present` subcommand.
    t.run("clear");
    t.run(&format!(
        "{BIN} present {}; echo PRESENTED $?",
        dir.join("explorer").display()
    ));
    t.wait_for("1/12");
    t.send(&["Right", "End", "n", "o"]);
    t.send(&["q"]);
    t.wait_for("PRESENTED 0");

    assert_unchanged(&before, &snapshot(dir));
}

/// Deleting the timeline while it is open, then putting back a broken
/// file, then a changed valid one, then deleting the whole folder: the
/// explorer keeps what it loaded, keeps navigating and presenting, and
/// quits cleanly.
#[test]
fn a_timeline_deleted_or_changed_while_open_does_not_crash() {
    let tmp = timeline_copy();
    let dir = tmp.path().to_path_buf();
    let file = dir.join("explorer/timeline.toml");
    let Some(t) = hostile_tmux(120, 40) else {
        return;
    };
    t.run(&format!("{BIN} {}; echo EXITED $?", file.display()));
    t.wait_for("Events 12/12");

    let walk = |step: &str| {
        t.send(&["j", "Enter", "Tab", "Enter", "Escape", "Escape"]);
        t.send(&["p", "Right", "o", "Escape", "Escape", "G", "g"]);
        t.send(&["/"]);
        t.send(&["-l", "swat"]);
        t.send(&["Enter", "c", "?"]);
        t.wait_for("Everywhere");
        t.send(&["?"]);
        let s = t.wait_until(&format!("the explorer after {step}"), |s| {
            s.contains("Events") && !s.contains("Everywhere")
        });
        assert!(!s.contains("panicked"), "{step}:\n{s}");
        assert_eq!(
            t.format("#{alternate_on}"),
            "1",
            "{step}: the explorer is gone:\n{s}"
        );
    };

    walk("opening");
    fs::remove_file(&file).unwrap();
    walk("deleting the file");
    fs::write(&file, "[timeline\ntitle = \"broken \u{1b}]0;x\u{7}\n").unwrap();
    walk("a broken file in its place");
    let changed = fs::read_to_string(Path::new(FIXTURES).join("explorer/timeline.toml"))
        .unwrap()
        .replace("Operation in Swat", "Operation in Swat, edited");
    fs::write(&file, changed).unwrap();
    walk("a changed file in its place");
    fs::remove_dir_all(&dir).unwrap();
    walk("deleting the folder");

    t.send(&["q"]);
    assert_eq!(t.wait_exit(), "0", "{}", t.screen());
    t.assert_restored();
}
