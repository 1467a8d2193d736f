//! End to end: the real binary in a real terminal (tmux), driven with
//! send-keys and read with capture-pane, polling for text rather than
//! sleeping a fixed time. Each test has its own tmux server socket.
//!
//! Needs tmux; `.ci/run` installs it.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::process::Command;

use common::{BIN, Tmux};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/explorer");

#[test]
fn a_person_explores_filters_searches_follows_and_quits() {
    let Some(t) = Tmux::new(80, 24) else {
        return;
    };
    t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
    t.wait_for("Events 12/12");
    t.wait_format("#{alternate_on}", "1");

    // Filter by an actor: to the actors pane, narrow to the TTP, toggle it.
    t.send(&["BTab"]);
    t.wait_for("Actors (any)");
    t.send(&["/"]);
    t.send(&["-l", "ttp"]);
    t.send(&["Enter"]);
    t.send(&["Space"]);
    t.wait_for("Events 5/12");
    t.wait_for("filter: TTP");

    // Search within the filter.
    t.send(&["Tab"]);
    t.send(&["/"]);
    t.send(&["-l", "army public"]);
    t.wait_for("Events 1/12");
    t.send(&["Enter"]);

    // Open the details and follow a related event, then come back.
    t.send(&["Enter"]);
    t.wait_for("Army Public School attack in");
    t.send(&["c"]);
    t.wait_for("Events 12/12");
    for _ in 0..3 {
        t.send(&["]"]);
    }
    t.send(&["Enter"]);
    t.wait_for("National Action Plan announced");
    t.wait_for("back (1)");
    t.send(&["Escape"]);
    t.wait_for("Army Public School attack in");

    // Too small, and back.
    t.resize(20, 6);
    t.wait_for("too small");
    t.resize(80, 24);
    t.wait_for("Events 12/12");

    // Help from the same key table.
    t.send(&["?"]);
    t.wait_for("Help");
    t.wait_for("Everywhere");
    t.send(&["?"]);
    t.wait_until("help closed", |s| !s.contains("Everywhere"));

    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn lanes_show_who_acted_when_and_enter_lists_a_cell() {
    let Some(t) = Tmux::new(80, 24) else {
        return;
    };
    t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
    t.wait_for("Events 12/12");
    t.send(&["l"]);
    t.wait_for("Lanes · actors by year, 2007–2024");
    // The cursor starts on the selected event's year and first actor, so
    // the cell holds at least that event.
    t.wait_for("TTP in 2007: 1 shown event");
    t.send(&["z"]);
    t.wait_for("Lanes · actors 2007 by month");
    t.send(&["z"]);
    t.wait_for("by year, 2007–2024");
    t.send(&["Enter"]);
    t.wait_for("1/12 events");
    t.wait_for("Events 1/12");
    t.wait_for("filter: TTP");
    t.send(&["c"]);
    t.wait_for("Events 12/12");
    t.send(&["l"]);
    t.wait_for("Lanes");
    t.send(&["Escape"]);
    t.wait_until("lanes closed", |s| !s.contains("Lanes ·"));
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn the_map_shows_where_and_enter_lists_a_places_events() {
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
    t.wait_for("Events 12/12");
    t.send(&["M"]);
    t.wait_for("Map · 6 events at 5 places");
    // Opened on the first event's place; Tab goes by events, wrapping.
    t.wait_for("▸ South Waziristan · district in Khyber Pakhtunkhwa, Pakistan");
    t.send(&["Tab"]);
    t.wait_for("▸ Swat");
    t.send(&["Tab"]);
    t.wait_for("▸ Peshawar · city in Khyber Pakhtunkhwa, Pakistan · 2 shown events");
    t.send(&["Enter"]);
    t.wait_for("2 events at Peshawar");
    let screen = t.wait_for("Events 2/12");
    assert!(
        screen.contains("@Peshawar"),
        "the header names the place:\n{screen}"
    );
    assert!(screen.contains("Army Public School"), "{screen}");
    assert!(!screen.contains("Taliban enter Kabul"), "{screen}");
    // The map follows the filter; c clears it with the rest.
    t.send(&["M"]);
    t.wait_for("Map · 2 events at 1 place");
    t.send(&["Escape"]);
    t.send(&["c"]);
    t.wait_for("Events 12/12");
    // Too small for a map, and back.
    t.send(&["M"]);
    t.wait_for("Map ·");
    t.resize(44, 11);
    t.wait_for("The map needs 40×12");
    t.resize(100, 30);
    t.wait_for("Map · 6 events");
    t.send(&["q"]);
    t.wait_until("map closed", |s| !s.contains("Map ·"));
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn marks_and_notes_are_kept_between_runs_and_become_a_brief_and_a_tour() {
    let state = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    let env = format!("XDG_STATE_HOME={}", state.path().display());
    t.run(&format!(
        "cd {} && {env} {BIN} {FIXTURE}; echo EXITED $?",
        work.path().display()
    ));
    t.wait_for("Events 12/12");
    // Mark the first event and the third, and write a note on the third.
    t.send(&["m"]);
    t.wait_for("Marked · 1 marked");
    t.send(&["j", "j", "m"]);
    t.wait_for("Marked · 2 marked");
    t.send(&["A"]);
    t.wait_for("note:");
    t.send(&["-l", "Ask the desk about this"]);
    t.send(&["Enter"]);
    t.wait_for("Note kept");
    // Saved as a tour, in a new file beside the work.
    t.send(&["T"]);
    t.wait_for("save the marks as a tour (in date order");
    t.send(&["Enter"]);
    let screen = t.wait_for("saved to");
    assert!(screen.contains("Tour \"marked-"), "{screen}");
    t.send(&["q"]);
    t.wait_for("EXITED 0");

    // A second run: the marks are there, and * shows only them.
    t.run(&format!("{env} {BIN} {FIXTURE}; echo EXITED $?"));
    t.wait_for("Events 12/12");
    let screen = t.wait_for("★");
    let starred = screen
        .lines()
        .filter(|l| l.chars().nth(2) == Some('★'))
        .count();
    assert_eq!(starred, 2, "two marked rows:\n{screen}");
    t.send(&["*"]);
    t.wait_for("Events 2/12");
    t.wait_for("★ marked (2)");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();

    // The brief of the marked events carries the note.
    let out = std::process::Command::new(BIN)
        .args(["list", "--marked", "--format", "markdown", FIXTURE])
        .env("XDG_STATE_HOME", state.path())
        .output()
        .unwrap();
    let brief = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{brief}");
    assert!(
        brief.contains("> **Note:** Ask the desk about this"),
        "{brief}"
    );
    assert_eq!(brief.matches("\n### ").count(), 2, "two events:\n{brief}");
    // The tour loads with the timeline, and check passes both.
    let tour = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "toml"))
        .expect("the tour file");
    let check = std::process::Command::new(BIN)
        .args(["check", FIXTURE])
        .arg(&tour)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let id = format!("marked-{}", chrono::Local::now().format("%Y%m%d"));
    t.run(&format!(
        "{BIN} present --tour {id} {FIXTURE} {}; echo EXITED $?",
        tour.display()
    ));
    t.wait_for("2 steps");
    t.send(&["Right"]);
    t.wait_for("1/2");
    t.send(&["Right"]);
    t.wait_for("2/2");
    t.wait_for("Ask the desk about this");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    // Nothing but the marks file was written in the state folder.
    let kept: Vec<_> = walk(state.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        kept[0].starts_with(state.path().join("chronoscope/marks")),
        "{kept:?}"
    );
}

#[test]
fn since_badges_what_is_new_and_changed_and_c_shows_only_them() {
    let dir = tempfile::tempdir().unwrap();
    let now = dir.path().join("timeline.toml");
    let old = std::fs::read_to_string(format!("{FIXTURE}/timeline.toml")).unwrap();
    let edited = old.replace(
        "title = \"Taliban enter Kabul\"",
        "title = \"Taliban take Kabul without a fight\"",
    ) + "\n[[events]]\nid = \"2024-12-new\"\ndate = \"2024-12-01\"\ntitle = \"A late addition\"\nsummary = \"s\"\n\n[[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\ndate = \"2024-12-01\"\n";
    assert_ne!(old, edited);
    std::fs::write(&now, edited).unwrap();
    let Some(t) = Tmux::new(120, 32) else {
        return;
    };
    t.run(&format!(
        "{BIN} --since {FIXTURE} {}; echo EXITED $?",
        now.display()
    ));
    t.wait_for("Events 13/13");
    t.send(&["C"]);
    t.wait_for("Events 2/13");
    let screen = t.wait_for("new or changed since");
    assert!(
        screen.contains("changed") && screen.contains(" new"),
        "{screen}"
    );
    // The details say what changed, the old title beside the new.
    jump_to(&t, "2021-08");
    t.send(&["Enter"]);
    t.wait_for("changed since");
    t.wait_for("“Taliban enter Kabul”");
    t.send(&["c"]);
    t.wait_for("Events 13/13");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn a_longer_note_is_written_in_the_editor() {
    let state = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    let editor = bin.path().join("note-editor");
    // An editor that adds a paragraph to the file it is given last (after
    // the flag from $EDITOR, which is split on spaces, never a shell).
    std::fs::write(
        &editor,
        "#!/bin/sh\nfor f; do :; done\nprintf '%s\\n\\nSecond paragraph, from the editor.\\n' \"$(cat \"$f\")\" > \"$f.new\" && mv \"$f.new\" \"$f\"\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!(
        "XDG_STATE_HOME={} EDITOR='{} --flag' {BIN} {FIXTURE}; echo EXITED $?",
        state.path().display(),
        editor.display()
    ));
    t.wait_for("Events 12/12");
    t.send(&["A"]);
    t.wait_for("note:");
    t.send(&["-l", "First"]);
    t.send(&["C-e"]);
    t.wait_for("Note kept");
    t.send(&["Tab"]);
    t.wait_for("Second paragraph, from the editor.");
    t.wait_for("First");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// Writes `text` to `file`, again each second, until `want` is on screen.
fn write_until_seen(t: &Tmux, file: &std::path::Path, text: &str, want: &str) -> String {
    for _ in 0..30 {
        std::fs::write(file, text).unwrap();
        for _ in 0..25 {
            let s = t.screen();
            if s.contains(want) {
                return s;
            }
            std::thread::sleep(std::time::Duration::from_millis(40));
        }
    }
    t.wait_for(want)
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn an_edited_file_reloads_keeping_the_filter_and_a_broken_edit_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("timeline.toml");
    let original = std::fs::read_to_string(format!("{FIXTURE}/timeline.toml")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {}; echo EXITED $?", dir.path().display()));
    t.wait_for("Events 12/12");
    t.send(&["BTab"]);
    t.wait_for("Actors (any)");
    t.send(&["/"]);
    t.send(&["-l", "ttp"]);
    t.send(&["Enter"]);
    t.send(&["Space"]);
    t.wait_for("Events 5/12");
    t.send(&["Tab"]);
    // No key in flight when the file changes: a key clears the banner.
    t.wait_for("▶ Events 5/12");

    let renamed = original.replace("TTP formed under Baitullah", "TTP founded by Baitullah");
    std::fs::write(&file, &renamed).unwrap();
    t.wait_for("Reloaded: 12 events");
    t.wait_for("TTP founded by Baitullah");
    t.wait_for("Events 5/12");

    // A broken edit: the banner says where, the last good timeline stays.
    std::fs::write(&file, format!("{renamed}\n= broken\n")).unwrap();
    t.wait_for("Not reloaded: ");
    t.wait_for("timeline.toml:");
    t.wait_for("TTP founded by Baitullah");

    std::fs::write(&file, &original).unwrap();
    t.wait_for("Reloaded: 12 events");
    t.wait_for("TTP formed under Baitullah");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// A timeline of two files: the actors and one event, and an event that
/// names an actor of the first file.
const ACTORS_FILE: &str = r#"
[timeline]
title = "Two files"

[actors.ttp]
name = "Tehrik-i-Taliban Pakistan"
kind = "armed-group"
summary = "s"

[[events]]
id = "formed"
date = "2007-12"
title = "TTP formed"
summary = "s"
actors = ["ttp"]
[[events.sources]]
publisher = "Dawn"
title = "t"
"#;

const EVENTS_FILE: &str = r#"
[[events]]
id = "school"
date = "2014-12-16"
title = "Army Public School attack"
summary = "s"
actors = ["ttp"]
related = ["formed"]
[[events.sources]]
publisher = "Dawn"
title = "t"
"#;

#[test]
fn edits_to_either_file_of_a_folder_reload_and_a_reference_broken_across_files_is_placed() {
    let dir = tempfile::tempdir().unwrap();
    let actors = dir.path().join("actors.toml");
    let events = dir.path().join("events.toml");
    std::fs::write(&actors, ACTORS_FILE).unwrap();
    std::fs::write(&events, EVENTS_FILE).unwrap();
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {}; echo EXITED $?", dir.path().display()));
    t.wait_for("Events 2/2");

    // The first reload reads both files, and keeps their records once the
    // screen shows it; the next ones read only the file edited.
    let retitled = EVENTS_FILE.replace("Army Public School attack", "APS Peshawar attack");
    std::fs::write(&events, &retitled).unwrap();
    t.wait_for("Reloaded: 2 events");
    t.wait_for("APS Peshawar attack");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    std::fs::write(&actors, ACTORS_FILE.replace("TTP formed", "TTP founded")).unwrap();
    t.wait_for("TTP founded");
    t.wait_for("APS Peshawar attack");
    std::thread::sleep(std::time::Duration::from_millis(1500));

    // The actor goes from the first file: the unchanged second file's
    // reference to it is the error, at its own line.
    let without = ACTORS_FILE.replace("actors = [\"ttp\"]\n", "");
    let without = without.replace("[actors.ttp]", "[actors.army]");
    std::fs::write(&actors, &without).unwrap();
    t.wait_for("Not reloaded: ");
    t.wait_for("events.toml:7:");
    t.wait_for("APS Peshawar attack");

    // It comes back in the second file: the timeline loads again.
    let ttp = &ACTORS_FILE
        [ACTORS_FILE.find("[actors.ttp]").unwrap()..ACTORS_FILE.find("[[events]]").unwrap()];
    std::fs::write(&events, format!("{ttp}\n{retitled}")).unwrap();
    t.wait_for("Reloaded: 2 events");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn the_bundled_timeline_opens_with_no_path_and_finds_the_school_attack() {
    let Some(t) = Tmux::new(160, 48) else {
        return;
    };
    t.run(&format!("cd /; {BIN}; echo EXITED $?"));
    t.wait_for("Pakistan, Afghanistan and the TTP");
    t.send(&["/"]);
    t.send(&["-l", "Army Public School"]);
    t.send(&["Enter"]);
    t.wait_for("Army Public School");
    t.send(&["C-c"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn a_trainer_walks_a_tour_with_notes_and_returns_to_the_explorer() {
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!(
        "{BIN} present {FIXTURE} --tour test-tour; echo EXITED $?"
    ));
    // The tour opens on its title slide: what it is, how long, when.
    t.wait_for("From APS to the talks");
    t.wait_for("3 steps ·");
    t.send(&["Right"]);
    t.wait_for("1/3");
    t.wait_for("Start with the school.");
    // Blanked for a question; any key shows the slide again, and only that.
    t.send(&["b"]);
    t.wait_until("the screen is blank", |s| s.trim().is_empty());
    t.send(&["q"]);
    t.wait_for("1/3");
    t.send(&["Right"]);
    t.wait_for("2/3");
    t.wait_for("The state's answer.");
    t.send(&["n"]);
    t.wait_until("notes hidden", |s| !s.contains("The state's answer."));
    t.send(&["g"]);
    t.wait_for("Go to slide:");
    t.send(&["3", "Enter"]);
    t.wait_for("3/3");
    // The overview marks what was shown: the title slide and all three.
    t.send(&["o"]);
    let overview = t.wait_for("✓ shown");
    assert_eq!(overview.matches('✓').count(), 5, "{overview}");
    t.send(&["o"]);
    t.send(&["Escape"]);
    t.wait_for("Events 12/12");
    t.wait_for("Kabul-hosted talks with the TTP");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let Some(t) = Tmux::new(80, 24) else {
            return;
        };
        t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
        t.wait_for("Events 12/12");
        t.wait_format("#{mouse_any_flag}", "1");
        let pid = t.child_pid();
        assert!(
            Command::new("kill")
                .args([&format!("-{signal}"), &pid])
                .status()
                .unwrap()
                .success()
        );
        t.wait_for(&format!("EXITED {code}"));
        t.assert_restored();
    }
}

/// A journalist weighs the sources: contested events only, denials by
/// one actor, then the bundled chronology as known on the day of the
/// school massacre, where nothing published later shows.
#[test]
fn sources_are_weighed_and_the_chronology_seen_as_known_on_a_day() {
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
    t.wait_for("Events 12/12");
    t.send(&["x"]);
    t.wait_for("≠ contested");
    t.wait_until("fewer events", |s| !s.contains("Events 12/12"));
    t.send(&["x"]);
    t.wait_for("Events 12/12");
    t.send(&["s"]);
    t.wait_for("sources (B2");
    t.send(&["-l", "denies by taliban"]);
    t.send(&["Enter"]);
    t.wait_for("AFT denies");
    t.send(&["c"]);
    t.wait_for("Events 12/12");
    // What rests on one publisher alone: the sources view, then `a`.
    t.send(&["S"]);
    t.wait_for("publishers of the shown events");
    t.send(&["a"]);
    t.wait_for("resting on AP alone");
    t.wait_for("Events 3/12");
    t.send(&["c"]);
    t.wait_for("Events 12/12");
    t.send(&["q"]);
    t.wait_for("EXITED 0");

    t.run(&format!("{BIN}; echo EXITED $?"));
    t.wait_for("Pakistan, Afghanistan and the TTP");
    t.send(&["a"]);
    t.wait_for("as known on (");
    t.send(&["-l", "2014-12-16"]);
    t.send(&["Enter"]);
    t.wait_for("as known on 16 Dec 2014");
    jump_to(&t, "2014-12-16");
    t.wait_for("TTP massacre at the Army");
    t.wait_for("are hidden.");
    let screen = t.screen();
    assert!(
        !screen.contains("2015"),
        "nothing from 2015 on the screen:\n{screen}"
    );
    t.send(&["c"]);
    t.wait_until("the whole chronology", |s| {
        !s.contains("as known on 16 Dec")
    });
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// `:` and a date: the events pane moves to the first event on or after it.
fn jump_to(t: &Tmux, date: &str) {
    t.send(&[":"]);
    t.send(&["-l", date]);
    t.send(&["Enter"]);
}

/// A stand-in for the system's opener on PATH: it writes each argument it
/// was given on a line of `opened.txt`, so a test sees exactly what
/// chronoscope handed over, and whether a shell ever saw it.
fn fake_opener() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > {}/opened.txt\n",
            dir.path().display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// `o` on a source's selected address hands exactly that address, as one
/// argument, to the system's opener.
#[test]
fn a_source_address_opens_in_the_browser() {
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    let bin = fake_opener();
    let path = bin.path().display();
    t.run(&format!(
        "PATH={path}:$PATH {BIN} {FIXTURE}; echo EXITED $?"
    ));
    t.wait_for("Events 12/12");
    jump_to(&t, "2014-12-16");
    t.send(&["Enter"]);
    t.wait_for("Army Public School attack in Peshawar");
    // The first link, selected on opening, is the source's address.
    t.send(&["o"]);
    t.wait_for("Opened https://www.dawn.com/news/1151361");
    let opened = bin.path().join("opened.txt");
    let start = std::time::Instant::now();
    while !opened.exists() {
        assert!(start.elapsed() < common::TIMEOUT, "the opener never ran");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        "https://www.dawn.com/news/1151361\n"
    );
    // The next link is an actor: nothing to open.
    t.send(&["]"]);
    t.send(&["o"]);
    t.wait_for("Select a source's address first");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// An address holding an escape sequence (shown as visible marks) is
/// never handed to the opener.
#[test]
fn a_hostile_address_is_never_opened() {
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    let bin = fake_opener();
    let path = bin.path().display();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/escapes.toml"
    );
    t.run(&format!(
        "PATH={path}:$PATH NO_COLOR=1 {BIN} {file}; echo EXITED $?"
    ));
    t.wait_for("Events 3/3");
    t.send(&["g", "Enter"]);
    t.wait_for("pwned-event");
    t.send(&["o"]);
    t.wait_for("Not opened: only plain http and https addresses are");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!bin.path().join("opened.txt").exists(), "the opener ran");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// What the program writes to the terminal, read raw through tmux's
/// `pipe-pane`: the source's address is a hyperlink (OSC 8) to exactly
/// itself, and the hostile file's addresses never open one.
#[test]
fn addresses_are_hyperlinks_and_hostile_ones_never() {
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("raw.out");
    t.tmux(&["pipe-pane", "-t", "t", &format!("cat >> {}", raw.display())]);
    t.run(&format!("{BIN} {FIXTURE}; echo EXITED $?"));
    t.wait_for("Events 12/12");
    jump_to(&t, "2014-12-16");
    t.send(&["Enter", "]", "["]);
    t.wait_for("https://www.dawn.com/news/115");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/escapes.toml"
    );
    t.run(&format!("NO_COLOR=1 {BIN} {file}; echo EXITED $?"));
    t.wait_for("Events 3/3");
    t.send(&["g", "Enter", "]", "["]);
    t.wait_for("pwned-event");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.tmux(&["pipe-pane", "-t", "t"]);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let out = String::from_utf8_lossy(&std::fs::read(&raw).unwrap()).into_owned();
    let (good, hostile) = out
        .split_once("hostile/escapes.toml")
        .expect("both runs recorded");
    assert!(
        good.contains("\u{1b}]8;;https://www.dawn.com/news/1151361\u{1b}\\"),
        "no hyperlink to the address"
    );
    assert_eq!(
        good.matches("\u{1b}]8;;").count() % 2,
        0,
        "every hyperlink is closed"
    );
    assert!(
        !hostile.contains("\u{1b}]8"),
        "a hyperlink from the hostile file"
    );
    t.assert_restored();
}

#[test]
fn a_panic_gives_the_terminal_back() {
    let Some(t) = Tmux::new(80, 24) else {
        return;
    };
    t.run(&format!(
        "CHRONOSCOPE_TEST_PANIC=1 {BIN} {FIXTURE} 2>/dev/null; echo EXITED $?"
    ));
    t.wait_for("EXITED 101");
    t.assert_restored();
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    let Some(t) = Tmux::new(80, 24) else {
        return;
    };
    t.run(&format!("{BIN} {FIXTURE}"));
    t.wait_for("Events 12/12");
    t.send(&["C-z"]);
    t.wait_for("Stopped");
    t.wait_format("#{alternate_on}", "0");
    t.wait_format("#{mouse_any_flag}", "0");
    t.run("fg; echo EXITED $?");
    t.wait_for("Events 12/12");
    t.wait_format("#{alternate_on}", "1");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn a_pipe_gets_the_plain_listing() {
    let Some(t) = Tmux::new(120, 30) else {
        return;
    };
    t.run(&format!(
        "{BIN} {FIXTURE} --actor ttp | cat; echo EXITED $?"
    ));
    let s = t.wait_for("EXITED 0");
    assert!(s.contains("Army Public School attack in Peshawar"), "{s}");
    assert!(!s.contains("Operation in Swat"), "the filter applies: {s}");
    assert_eq!(t.format("#{alternate_on}"), "0");
}

#[test]
fn e_exports_the_shown_events_and_never_a_timeline_file() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("timeline.toml");
    std::fs::copy(format!("{FIXTURE}/timeline.toml"), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = dir.path().join("brief.md");
    let Some(t) = Tmux::new(120, 30) else {
        return;
    };
    t.run(&format!(
        "{BIN} {} --actor ttp; echo EXITED $?",
        copy.display()
    ));
    t.wait_for("Events 5/12");
    // A timeline file is refused, and the prompt stays open to fix the path.
    t.send(&["e"]);
    t.wait_for("export Markdown");
    t.send(&["C-u"]);
    t.send(&["-l", &copy.display().to_string()]);
    t.send(&["Enter"]);
    t.wait_for("refusing to export");
    t.send(&["C-u"]);
    t.send(&["-l", &out.display().to_string()]);
    t.send(&["Enter"]);
    t.wait_for("Exported 5 events to");
    let brief = std::fs::read_to_string(&out).unwrap();
    assert!(
        brief.contains("Army Public School attack in Peshawar"),
        "{brief}"
    );
    assert!(
        !brief.contains("Operation in Swat"),
        "only the shown events: {brief}"
    );
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "the timeline file is untouched"
    );
    t.send(&["q"]);
    t.wait_for("EXITED 0");
}

/// A broken edit keeps its mark in the header past the next key, `!` shows
/// every problem with its place, and fixing the file clears the mark.
#[test]
fn a_broken_edit_keeps_its_mark_until_fixed_and_bang_shows_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("timeline.toml");
    let original = std::fs::read_to_string(format!("{FIXTURE}/timeline.toml")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {}; echo EXITED $?", dir.path().display()));
    t.wait_for("Events 12/12");
    // The watcher is set up beside the first frame, not before it: an edit
    // made at once may come before it, as a person's never does.
    write_until_seen(
        &t,
        &file,
        &format!("{original}\n= broken\n"),
        "Not reloaded: ",
    );
    // The banner goes with the next key; the mark stays.
    t.send(&["j"]);
    t.wait_until("banner gone", |s| !s.contains("Not reloaded: "));
    // The two mistakes toml finds in "= broken".
    let screen = t.wait_for("⚠ not reloaded: 2 errors");
    assert!(screen.contains("press ! to see them"), "{screen}");
    t.send(&["!"]);
    let overlay = t.wait_for("Problems in the files");
    assert!(
        overlay.contains("timeline.toml:"),
        "file:line:col shown: {overlay}"
    );
    t.send(&["Escape"]);
    t.wait_until("overlay closed", |s| !s.contains("Problems in the files"));
    t.wait_for("⚠ not reloaded");
    std::fs::write(&file, &original).unwrap();
    t.wait_for("Reloaded: 12 events");
    t.send(&["j"]);
    t.wait_until("mark cleared", |s| !s.contains("not reloaded"));
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// A timeline with errors opens at a terminal on the events that loaded,
/// marked; piped, it exits 1 with the diagnostics.
#[test]
fn a_broken_timeline_opens_marked_at_a_terminal_and_fails_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("timeline.toml");
    let original = std::fs::read_to_string(format!("{FIXTURE}/timeline.toml")).unwrap();
    // An unknown actor: one error, and every event still loads.
    let broken = original.replacen("actors = [\"ttp\"", "actors = [\"tpp\"", 1);
    assert_ne!(broken, original);
    std::fs::write(&file, &broken).unwrap();
    let Some(t) = Tmux::new(100, 30) else {
        return;
    };
    t.run(&format!("{BIN} {}; echo EXITED $?", file.display()));
    let screen = t.wait_for("⚠ not reloaded: 1 error");
    assert!(screen.contains("Events 12/12"), "{screen}");
    t.send(&["!"]);
    let overlay = t.wait_for("Problems in the files");
    assert!(overlay.contains("unknown actor"), "{overlay}");
    t.send(&["Escape", "q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
    t.run(&format!(
        "{BIN} {} | cat; echo PIPED ${{PIPESTATUS[0]}}",
        file.display()
    ));
    let piped = t.wait_for("PIPED 1");
    assert!(!piped.contains("Events 12/12"), "{piped}");
}

/// The explorer's export never replaces a file without a yes: `n` goes back
/// to the prompt, `y` replaces.
#[test]
fn a_second_export_to_the_same_file_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("timeline.toml");
    std::fs::copy(format!("{FIXTURE}/timeline.toml"), &copy).unwrap();
    let out = dir.path().join("brief.md");
    std::fs::write(&out, "an earlier brief\n").unwrap();
    let Some(t) = Tmux::new(120, 30) else {
        return;
    };
    t.run(&format!(
        "{BIN} {} --actor TTP; echo EXITED $?",
        copy.display()
    ));
    t.wait_for("Events 5/12");
    t.send(&["e"]);
    t.wait_for("export Markdown");
    t.send(&["C-u"]);
    t.send(&["-l", &out.display().to_string()]);
    t.send(&["Enter"]);
    t.wait_for("exists. Replace it?");
    t.send(&["n"]);
    t.wait_for("export Markdown");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "an earlier brief\n");
    t.send(&["Enter"]);
    t.wait_for("exists. Replace it?");
    t.send(&["y"]);
    t.wait_for("Exported 5 events to");
    let brief = std::fs::read_to_string(&out).unwrap();
    assert!(brief.contains("filter: TTP"), "{brief}");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
}
