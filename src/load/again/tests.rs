//! A reload that parses only the changed files gives what a first read of
//! the same files gives: the same timeline, the same diagnostics at the
//! same places, across edits that move records between files.

#![allow(clippy::expect_used)]

use super::super::{Input, load};
use super::Again;

const ACTORS: &str = r#"
[timeline]
title = "T"
coverage = { from = "2007", to = "2024" }

[actors.ttp]
name = "Tehrik-i-Taliban Pakistan"
kind = "armed-group"
summary = "s"

[actors.army]
name = "Pakistan Army"
kind = "state"
summary = "s"
"#;

const FIRST: &str = r#"
[[events]]
id = "school"
date = "2014-12-16"
title = "School attack"
summary = "s"
actors = ["ttp"]
related = ["operation"]
tags = ["attack"]
[[events.sources]]
publisher = "P"
title = "T"
"#;

const SECOND: &str = r#"
[[events]]
id = "operation"
date = "2014-06-15"
title = "Operation"
summary = "s"
actors = ["army"]
related = ["school"]
tags = ["operation"]
[[events.claims]]
by = "ttp"
stance = "denies"
text = "c"
[[events.sources]]
publisher = "P"
title = "T"
"#;

/// The files as the loader is given them, from (name, bytes).
fn inputs(files: &[(&str, &[u8])]) -> Vec<Input> {
    files
        .iter()
        .map(|(name, bytes)| Input {
            name: (*name).to_string(),
            bytes: bytes.to_vec(),
        })
        .collect()
}

/// Reads `files` through `again`, checks the outcome against a first read
/// of the same files, and says how many files were parsed.
fn read(again: &mut Again, files: &[(&str, &[u8])]) -> usize {
    let got = again.load(inputs(files));
    let want = load(inputs(files));
    assert_eq!(got.timeline, want.timeline, "the timeline differs");
    assert_eq!(got.diagnostics, want.diagnostics, "the diagnostics differ");
    assert_eq!(got.problems(), want.problems());
    let names = |f: &super::super::Files| -> Vec<String> {
        f.files
            .iter()
            .map(|f| format!("{}:{}", f.name, f.text.len()))
            .collect()
    };
    assert_eq!(names(&got.files), names(&want.files));
    while again.keep_one(&got.files) {}
    again.parsed()
}

#[test]
fn only_the_changed_file_is_parsed_and_the_outcome_is_a_first_reads() {
    let mut again = Again::default();
    let start: [(&str, &[u8]); 3] = [
        ("actors.toml", ACTORS.as_bytes()),
        ("first.toml", FIRST.as_bytes()),
        ("second.toml", SECOND.as_bytes()),
    ];
    assert_eq!(
        read(&mut again, &start),
        3,
        "the first read parses every file"
    );
    assert_eq!(read(&mut again, &start), 0, "nothing changed");

    let retitled = SECOND.replace("title = \"Operation\"", "title = \"Zarb-e-Azb\"");
    let step: [(&str, &[u8]); 3] = [start[0], start[1], ("second.toml", retitled.as_bytes())];
    assert_eq!(read(&mut again, &step), 1);

    // The army's table moves from the actors' file to the events' file.
    let (without, army) = ACTORS.split_at(ACTORS.find("[actors.army]").expect("army"));
    let with_army = format!("{army}\n{retitled}");
    let moved: [(&str, &[u8]); 3] = [
        ("actors.toml", without.as_bytes()),
        start[1],
        ("second.toml", with_army.as_bytes()),
    ];
    assert_eq!(read(&mut again, &moved), 2);
    let got = again.load(inputs(&moved));
    assert_eq!(got.errors(), 0, "{:?}", got.problems());
    while again.keep_one(&got.files) {}

    // The related event goes: the unchanged file's reference to it is now
    // an error, at its own line and column.
    let gone: [(&str, &[u8]); 3] = [moved[0], ("first.toml", b"".as_slice()), moved[2]];
    assert_eq!(read(&mut again, &gone), 1);
    let broken = again.load(inputs(&gone));
    let problems = broken.problems();
    assert!(
        problems.iter().any(
            |p| p.starts_with("second.toml:") && p.contains("unknown related event \"school\"")
        ),
        "{problems:?}"
    );
    while again.keep_one(&broken.files) {}

    // It comes back twice: once in its file, once beside the other event.
    let twice = format!("{with_army}\n{FIRST}");
    let duplicate: [(&str, &[u8]); 3] = [moved[0], moved[1], ("second.toml", twice.as_bytes())];
    assert_eq!(read(&mut again, &duplicate), 2);
    let dup = again.load(inputs(&duplicate));
    assert!(
        dup.diagnostics.iter().any(|d| d.code == "duplicate-id"),
        "{:?}",
        dup.diagnostics
    );
    while again.keep_one(&dup.files) {}
    assert_eq!(read(&mut again, &moved), 1);

    // A file that cannot be decoded, then mended.
    let undecodable: [(&str, &[u8]); 3] = [moved[0], ("first.toml", b"\xff\xfe title"), moved[2]];
    assert_eq!(
        read(&mut again, &undecodable),
        0,
        "nothing of it can be parsed"
    );
    assert_eq!(read(&mut again, &moved), 1);
}

#[test]
fn another_set_of_files_is_parsed_whole() {
    let mut again = Again::default();
    let two: [(&str, &[u8]); 2] = [
        ("actors.toml", ACTORS.as_bytes()),
        ("first.toml", FIRST.as_bytes()),
    ];
    let three: [(&str, &[u8]); 3] = [two[0], two[1], ("second.toml", SECOND.as_bytes())];
    assert_eq!(read(&mut again, &two), 2);
    assert_eq!(read(&mut again, &three), 3, "a file added");
    assert_eq!(read(&mut again, &two), 2, "a file removed");
    let renamed: [(&str, &[u8]); 2] = [two[0], ("renamed.toml", FIRST.as_bytes())];
    assert_eq!(read(&mut again, &renamed), 2, "a file renamed");
}

#[test]
fn records_are_kept_only_once_asked_and_a_change_meanwhile_is_parsed() {
    let mut again = Again::default();
    let start: [(&str, &[u8]); 3] = [
        ("actors.toml", ACTORS.as_bytes()),
        ("first.toml", FIRST.as_bytes()),
        ("second.toml", SECOND.as_bytes()),
    ];
    let first = again.load(inputs(&start));
    assert_eq!(again.parsed(), 3);
    // Nothing kept: the next read parses every file again.
    let second = again.load(inputs(&start));
    assert_eq!(again.parsed(), 3);
    assert_eq!(first.timeline, second.timeline);
    // The first file kept, in file order, and then the last edited: it is
    // parsed, and the second, never kept, with it.
    assert!(again.keep_one(&second.files));
    let edited = SECOND.replace("\"denies\"", "\"claims\"");
    let step: [(&str, &[u8]); 3] = [start[0], start[1], ("second.toml", edited.as_bytes())];
    assert_eq!(read(&mut again, &step), 2);
    assert_eq!(read(&mut again, &start), 1);
}

#[test]
fn records_beyond_the_bound_are_not_kept_and_their_file_is_parsed_each_time() {
    let start: [(&str, &[u8]); 3] = [
        ("actors.toml", ACTORS.as_bytes()),
        ("first.toml", FIRST.as_bytes()),
        ("second.toml", SECOND.as_bytes()),
    ];
    // Room for the actors' file and the first, not the second.
    let mut again = Again::with_limit(ACTORS.len() + FIRST.len());
    assert_eq!(read(&mut again, &start), 3);
    assert_eq!(read(&mut again, &start), 1, "the second file, never kept");
    let edited = FIRST.replace("School attack", "APS attack");
    let step: [(&str, &[u8]); 3] = [start[0], ("first.toml", edited.as_bytes()), start[2]];
    assert_eq!(read(&mut again, &step), 2);
    assert_eq!(read(&mut again, &step), 1);
    // No room at all: every read parses every file, and is still right.
    let mut none = Again::with_limit(0);
    assert_eq!(read(&mut none, &start), 3);
    assert_eq!(read(&mut none, &step), 3);
}
