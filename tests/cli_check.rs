//! `chronoscope check` through the real binary: every fixture in
//! `tests/fixtures/invalid/` is reported with its code, message and exact
//! `file:line:col` (a snapshot of each report), in the human output and in
//! `--format json`; valid fixtures pass; usage and I/O problems exit 2.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

mod common;

use common::cli::{run, stderr, stdout};
use serde_json::Value;

/// The report of `check` on a fixture below tests/fixtures/invalid/, with
/// its exit code, for a snapshot; and the codes its JSON report names.
fn report(fixture: &str) -> (String, Vec<String>) {
    let path = format!("tests/fixtures/invalid/{fixture}");
    let out = run(&["check", &path]);
    assert_eq!(stderr(&out), "", "{path}: nothing on stderr");
    let json = run(&["check", "--format", "json", &path]);
    assert_eq!(json.status.code(), out.status.code(), "{path}");
    let doc: Value = serde_json::from_slice(&json.stdout)
        .unwrap_or_else(|e| panic!("{path}: not JSON ({e}):\n{}", stdout(&json)));
    let codes = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    let code = out.status.code().unwrap_or(-1);
    (format!("exit {code}\n\n{}", stdout(&out)), codes)
}

/// Every invalid fixture, a file or a folder of files, shows the one
/// problem it is named for, at its exact place, with its label and hint:
/// the whole report is a snapshot (`tests/snapshots/cli_check__*.snap`).
#[test]
fn each_invalid_fixture_reports_the_problem_it_is_named_for() {
    insta::glob!("fixtures/invalid/*.toml", |path| {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (text, codes) = report(&name);
        let code = name.trim_end_matches(".toml");
        assert_eq!(codes, [code], "{name}: {text}");
        insta::assert_snapshot!(text);
    });
    for folder in ["duplicate-id", "duplicate-timeline"] {
        let (text, codes) = report(folder);
        assert_eq!(codes, [folder], "{folder}: {text}");
        insta::assert_snapshot!(format!("folder_{folder}"), text);
    }
}

/// The JSON report points at the same places as the human one.
#[test]
fn json_output_carries_the_same_places() {
    let path = "tests/fixtures/invalid/unknown-actor.toml";
    let human = stdout(&run(&["check", path]));
    let doc: Value =
        serde_json::from_slice(&run(&["check", "--format", "json", path]).stdout).unwrap();
    let d = &doc["diagnostics"][0];
    let at = format!(
        " --> {}:{}:{}",
        d["location"]["file"].as_str().unwrap(),
        d["location"]["line"],
        d["location"]["column"]
    );
    assert!(human.contains(&at), "{at} not in:\n{human}");
    let dup = "tests/fixtures/invalid/duplicate-id";
    let doc: Value =
        serde_json::from_slice(&run(&["check", "--format", "json", dup]).stdout).unwrap();
    assert_eq!(
        doc["diagnostics"][0]["related"].as_array().map(Vec::len),
        Some(1)
    );
}

/// Every fixture's code: each is named for the one code it shows.
fn fixture_codes() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".toml")
                .to_string()
        })
        .collect()
}

/// The diagnostic codes FORMAT.md documents: its table rows that start with a code.
fn documented_codes() -> Vec<String> {
    let format = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("FORMAT.md"))
        .expect("FORMAT.md exists");
    let section = format
        .split_once("## Errors and warnings")
        .expect("FORMAT.md has an \"Errors and warnings\" section")
        .1;
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(code, _)| code.to_string())
        .collect()
}

#[test]
fn every_documented_code_has_a_fixture_and_every_fixture_is_documented() {
    let documented = documented_codes();
    let codes = fixture_codes();
    let tested: Vec<&str> = codes.iter().map(String::as_str).collect();
    for code in &documented {
        assert!(
            tested.contains(&code.as_str()),
            "FORMAT.md documents `{code}` but no fixture shows it"
        );
    }
    for code in &tested {
        assert!(
            documented.iter().any(|d| d == code),
            "`{code}` has a fixture but FORMAT.md does not document it"
        );
    }
}

#[test]
fn valid_fixtures_check_clean() {
    for (path, summary) in [
        (
            "tests/fixtures/valid/minimal.toml",
            "1 file, 1 event, 0 actors: 0 errors, 0 warnings\n",
        ),
        (
            "tests/fixtures/valid/full.toml",
            "4 claims, 1 of them citing a source (25 %)\n1 file, 9 events, 10 actors: 0 errors, 0 warnings\n",
        ),
        (
            "tests/fixtures/valid/multi",
            "4 files, 2 events, 2 actors: 0 errors, 0 warnings\n",
        ),
        (
            "tests/fixtures/valid/views.toml",
            "2 claims, 2 of them citing a source (100 %)\n1 file, 2 events, 2 actors, 2 places: 0 errors, 0 warnings\n",
        ),
    ] {
        let out = run(&["check", path]);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", stdout(&out));
        assert_eq!(stdout(&out), summary, "{path}");
    }
}

#[test]
fn several_paths_merge_into_one_timeline() {
    // Files given one by one merge as a directory does.
    let out = run(&[
        "check",
        "tests/fixtures/valid/multi/actors.toml",
        "tests/fixtures/valid/multi/events.toml",
        "tests/fixtures/valid/multi/timeline.toml",
        "tests/fixtures/valid/multi/tours.toml",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "4 files, 2 events, 2 actors: 0 errors, 0 warnings\n"
    );
    // Without the actors file every actor reference is unknown, each at its place.
    let out = run(&[
        "check",
        "tests/fixtures/valid/multi/events.toml",
        "tests/fixtures/valid/multi/timeline.toml",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(" --> tests/fixtures/valid/multi/events.toml:6:11\n"),
        "{text}"
    );
    assert!(
        text.contains(" --> tests/fixtures/valid/multi/events.toml:18:11\n"),
        "{text}"
    );
    assert!(
        text.ends_with("2 files, 2 events, 0 actors: 3 errors, 0 warnings\n"),
        "{text}"
    );
}

#[test]
fn every_problem_is_found_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.toml");
    std::fs::write(
        &file,
        r#"[timeline]
title = "Several problems"

[actors.ttp]
name = "TTP"
kind = "armed-group"
summary = "s"

[[events]]
id = "a"
date = "2011-13-45"
title = "A"
summary = "s"
actors = ["tpp"]
locaton = "x"

[[events]]
id = "b"
date = "2014"
title = "B"
summary = "s"
related = ["c"]

[[events.sources]]
publisher = "P"
title = "T"
grade = "Z9"
"#,
    )
    .unwrap();
    let out = run(&["check", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, u64)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = [
        ("unused-actor", 4),
        ("no-source", 10),
        ("bad-date", 11),
        ("unknown-actor", 14),
        ("unknown-field", 15),
        ("unknown-event", 22),
        ("undated-source", 24),
        ("bad-grade", 27),
    ];
    let expected: Vec<(String, u64)> = expected
        .iter()
        .map(|(c, l)| ((*c).to_string(), *l))
        .collect();
    assert_eq!(found, expected, "{doc:#}");
}

#[test]
fn a_missing_path_is_an_io_error() {
    let out = run(&["check", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: tests/fixtures/no-such-file.toml: no such file or directory\n"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_directory_without_timeline_files_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a timeline").unwrap();
    std::fs::write(
        dir.path().join(".hidden.toml"),
        "[timeline]\ntitle = \"x\"\n",
    )
    .unwrap();
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no timeline files here"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_directory_loads_its_toml_files_in_sorted_order_skipping_hidden_ones() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("b-sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "[timeline]\ntitle = \"Sorted\"\n",
    )
    .unwrap();
    let event = "[[events]]\nid = \"e\"\ndate = \"2014\"\ntitle = \"t\"\nsummary = \"s\"\n";
    std::fs::write(sub.join("c.toml"), event).unwrap();
    std::fs::write(dir.path().join("z.toml"), event).unwrap();
    // Hidden files and files of other types are not part of the timeline.
    std::fs::write(dir.path().join(".backup.toml"), "garbage [[").unwrap();
    std::fs::write(dir.path().join("readme.md"), "garbage [[").unwrap();
    let out = run(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["files"], 3, "{doc:#}");
    let dup = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "duplicate-id")
        .unwrap_or_else(|| panic!("a duplicate id: {doc:#}"));
    // b-sub/c.toml sorts before z.toml, so z.toml holds the second definition.
    assert!(
        dup["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with("z.toml"),
        "{dup:#}"
    );
    assert!(
        dup["related"][0]["file"]
            .as_str()
            .unwrap()
            .ends_with("c.toml"),
        "{dup:#}"
    );
}

#[test]
fn an_unreadable_file_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("locked.toml");
    std::fs::write(&file, "[timeline]\ntitle = \"x\"\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&file).is_ok() {
        // Running as root: permissions do not stop a read, so there is nothing to see.
        eprintln!("skipped: this user can read a file with mode 000");
        return;
    }
    let out = run(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--no-such-flag"][..],
        &[
            "check",
            "--format",
            "xml",
            "tests/fixtures/valid/minimal.toml",
        ],
        &["--no-such-flag"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with("error: "),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
