//! `chronoscope check` through the real binary: every fixture in
//! `tests/fixtures/invalid/` is reported with its code, message and exact
//! `file:line:col`, in the human output and in `--format json`; valid
//! fixtures pass; usage and I/O problems exit 2.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// One fixture and what `check` must say about it.
struct Case {
    /// Below tests/fixtures/invalid/: a file, or a directory of files.
    fixture: &'static str,
    exit: i32,
    code: &'static str,
    /// The headline, e.g. `error: unknown actor "ttp-leadership"`.
    headline: &'static str,
    /// Where it points, relative to the fixture path; None when it has no place.
    at: Option<(&'static str, usize, usize)>,
    /// A second place it points at (the first definition of a duplicate…).
    also: Option<(&'static str, usize, usize)>,
    /// Further text the output must hold: the label, the did-you-mean, the hint.
    says: &'static [&'static str],
    summary: &'static str,
}

const CASES: &[Case] = &[
    Case {
        fixture: "syntax.toml",
        exit: 1,
        code: "syntax",
        headline: "error: invalid TOML: invalid basic string",
        at: Some(("", 2, 33)),
        also: None,
        says: &["2 | title = \"A missing closing quote"],
        summary: "1 file, 0 events, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "wrong-type.toml",
        exit: 1,
        code: "wrong-type",
        headline: "error: expected an array of strings, found string",
        at: Some(("", 9, 10)),
        also: None,
        says: &["9 | actors = \"ttp\"", "^^^^^ this is a string"],
        summary: "1 file, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "unknown-field.toml",
        exit: 1,
        code: "unknown-field",
        headline: "error: unknown field `locaton` in an event",
        at: Some(("", 9, 1)),
        also: None,
        says: &[
            "^^^^^^^ did you mean `location`?",
            "an event accepts: id, date",
        ],
        summary: "1 file, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "bad-date.toml",
        exit: 1,
        code: "bad-date",
        headline: "error: impossible date \"2011-13-45\"",
        at: Some(("", 6, 8)),
        also: None,
        says: &["not a valid date", "there is no month 13"],
        summary: "1 file, 0 events, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "end-before-date.toml",
        exit: 1,
        code: "end-before-date",
        headline: "error: event ends (16 Nov 2014) before it starts (16 Dec 2014)",
        at: Some(("", 7, 7)),
        also: Some(("", 6, 8)),
        says: &["`end` is before `date`", "the event starts here"],
        summary: "1 file, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "end-before-start.toml",
        exit: 1,
        code: "end-before-start",
        headline: "error: coverage ends before it starts",
        at: Some(("", 3, 34)),
        also: None,
        says: &["2007 is before 2024", "swap `from` and `to`"],
        summary: "1 file, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "duplicate-id",
        exit: 1,
        code: "duplicate-id",
        headline: "error: duplicate event id \"2014-12-aps-peshawar\"",
        at: Some(("/b.toml", 4, 6)),
        also: Some(("/a.toml", 5, 6)),
        says: &["defined again here", "first defined here"],
        summary: "2 files, 2 events, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "duplicate-timeline",
        exit: 1,
        code: "duplicate-timeline",
        headline: "error: [timeline] is defined more than once",
        at: Some(("/b.toml", 1, 2)),
        also: Some(("/a.toml", 1, 2)),
        says: &["keep one [timeline] table"],
        summary: "2 files, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "unknown-actor.toml",
        exit: 1,
        code: "unknown-actor",
        headline: "error: unknown actor \"ttp-leadership\"",
        at: Some(("", 14, 11)),
        also: None,
        says: &[
            "14 | actors = [\"ttp-leadership\", \"ttp\"]",
            "^^^^^^^^^^^^^^^^ not defined; did you mean \"ttp\"?",
        ],
        summary: "1 file, 1 event, 1 actor: 1 error, 0 warnings",
    },
    Case {
        fixture: "unknown-event.toml",
        exit: 1,
        code: "unknown-event",
        headline: "error: unknown related event \"2014-12-npa\"",
        at: Some(("", 9, 12)),
        also: None,
        says: &["did you mean \"2014-12-nap\"?"],
        summary: "1 file, 2 events, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "unknown-claimant.toml",
        exit: 1,
        code: "unknown-claimant",
        headline: "error: unknown claimant \"pakistan-govt\"",
        at: Some(("", 17, 6)),
        also: None,
        says: &["did you mean \"pakistan-government\"?"],
        summary: "1 file, 1 event, 1 actor: 1 error, 0 warnings",
    },
    Case {
        fixture: "unknown-tour-event.toml",
        exit: 1,
        code: "unknown-tour-event",
        headline: "error: unknown tour step \"2014-12-aps-peshwar\"",
        at: Some(("", 18, 13)),
        also: None,
        says: &["did you mean \"2014-12-aps-peshawar\"?"],
        summary: "1 file, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "bad-grade.toml",
        exit: 1,
        code: "bad-grade",
        headline: "error: \"G7\" is not an Admiralty grade",
        at: Some(("", 13, 9)),
        also: None,
        says: &["expected a letter A–F then a digit 1–6"],
        summary: "1 file, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "bad-stance.toml",
        exit: 1,
        code: "bad-stance",
        headline: "error: unknown stance \"deny\"",
        at: Some(("", 18, 10)),
        also: None,
        says: &[
            "did you mean \"denies\"?",
            "asserts, confirms, denies, disputes",
        ],
        summary: "1 file, 1 event, 1 actor: 1 error, 0 warnings",
    },
    Case {
        fixture: "bad-kind.toml",
        exit: 1,
        code: "bad-kind",
        headline: "error: unknown actor kind \"armed group\"",
        at: Some(("", 6, 8)),
        also: None,
        says: &["did you mean \"armed-group\"?"],
        summary: "1 file, 1 event, 1 actor: 1 error, 0 warnings",
    },
    Case {
        fixture: "bad-id.toml",
        exit: 1,
        code: "bad-id",
        headline: "error: event id \"2014-12 APS Peshawar\" is not a lowercase slug",
        at: Some(("", 5, 6)),
        also: None,
        says: &["use only a-z, 0-9 and -", "e.g. \"2014-12-aps-peshawar\""],
        summary: "1 file, 0 events, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "missing-field.toml",
        exit: 1,
        code: "missing-field",
        headline: "error: event is missing required field `title`",
        at: Some(("", 4, 1)),
        also: None,
        says: &["this event has no `title`", "add title = "],
        summary: "1 file, 1 event, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "empty-file.toml",
        exit: 1,
        code: "empty-file",
        headline: "error: the file holds no timeline, actors, events or tours",
        at: Some(("", 1, 1)),
        also: None,
        says: &[],
        summary: "1 file, 0 events, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "encoding.toml",
        exit: 1,
        code: "encoding",
        headline: "error: the file is not valid UTF-8",
        at: Some(("", 2, 13)),
        also: None,
        says: &["invalid byte here"],
        summary: "1 file, 0 events, 0 actors: 1 error, 0 warnings",
    },
    Case {
        fixture: "no-source.toml",
        exit: 0,
        code: "no-source",
        headline: "warning: event \"2014-12-aps-peshawar\" has no source",
        at: Some(("", 5, 6)),
        also: None,
        says: &["no [[events.sources]] for this event"],
        summary: "1 file, 1 event, 0 actors: 0 errors, 1 warning",
    },
    Case {
        fixture: "outside-coverage.toml",
        exit: 0,
        code: "outside-coverage",
        headline: "warning: event \"2001-09-attacks\" (11 Sep 2001) is outside the declared coverage 2007–2024",
        at: Some(("", 7, 8)),
        also: None,
        says: &["outside the coverage"],
        summary: "1 file, 1 event, 0 actors: 0 errors, 1 warning",
    },
    Case {
        fixture: "unused-actor.toml",
        exit: 0,
        code: "unused-actor",
        headline: "warning: actor \"ttp\" is not mentioned by any event",
        at: Some(("", 4, 9)),
        also: None,
        says: &["defined but never used"],
        summary: "1 file, 1 event, 1 actor: 0 errors, 1 warning",
    },
    Case {
        fixture: "no-timeline.toml",
        exit: 0,
        code: "no-timeline",
        headline: "warning: no [timeline] table: the timeline has no title",
        at: None,
        also: None,
        says: &[],
        summary: "1 file, 1 event, 0 actors: 0 errors, 1 warning",
    },
];

fn fixture_path(case: &Case) -> String {
    format!("tests/fixtures/invalid/{}", case.fixture)
}

fn place(case: &Case, at: (&str, usize, usize)) -> (String, usize, usize) {
    (format!("{}{}", fixture_path(case), at.0), at.1, at.2)
}

#[test]
fn each_invalid_fixture_is_reported_at_its_exact_place() {
    for case in CASES {
        let path = fixture_path(case);
        let out = run(&["check", &path]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(case.exit), "{path}:\n{text}");
        assert!(
            text.starts_with(case.headline),
            "{path}: expected {:?} first, got:\n{text}",
            case.headline
        );
        if let Some(at) = case.at {
            let (file, line, col) = place(case, at);
            let arrow = format!(" --> {file}:{line}:{col}\n");
            assert!(
                text.contains(&arrow),
                "{path}: expected {arrow:?} in:\n{text}"
            );
        }
        if let Some(at) = case.also {
            let (file, line, col) = place(case, at);
            let arrow = format!(" ::: {file}:{line}:{col}\n");
            assert!(
                text.contains(&arrow),
                "{path}: expected {arrow:?} in:\n{text}"
            );
        }
        for says in case.says {
            assert!(text.contains(says), "{path}: expected {says:?} in:\n{text}");
        }
        assert!(
            text.ends_with(&format!("\n{}\n", case.summary)),
            "{path}: expected the summary {:?} last in:\n{text}",
            case.summary
        );
        assert_eq!(stderr(&out), "", "{path}: nothing on stderr");
    }
}

#[test]
fn json_output_carries_the_same_places() {
    for case in CASES {
        let path = fixture_path(case);
        let out = run(&["check", "--format", "json", &path]);
        assert_eq!(out.status.code(), Some(case.exit), "{path}");
        let doc: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{path}: not JSON ({e}):\n{}", stdout(&out)));
        let diags = doc["diagnostics"].as_array().unwrap();
        assert_eq!(diags.len(), 1, "{path}: one diagnostic, got {doc:#}");
        let d = &diags[0];
        assert_eq!(d["code"], case.code, "{path}");
        let (kind, message) = case.headline.split_once(": ").unwrap();
        assert_eq!(d["severity"], kind, "{path}");
        let got = d["message"].as_str().unwrap();
        assert!(got.starts_with(message), "{path}: {got:?}");
        let errors = usize::from(kind == "error");
        assert_eq!(doc["errors"], errors, "{path}");
        assert_eq!(doc["warnings"], 1 - errors, "{path}");
        let check_place = |p: &Value, at: (&str, usize, usize)| {
            let (file, line, col) = place(case, at);
            assert_eq!(p["file"], file.as_str(), "{path}");
            assert_eq!(p["line"], line, "{path}");
            assert_eq!(p["column"], col, "{path}");
        };
        match case.at {
            Some(at) => check_place(&d["location"], at),
            None => assert!(d["location"].is_null(), "{path}"),
        }
        match case.also {
            Some(at) => check_place(&d["related"][0], at),
            None => assert_eq!(d["related"], serde_json::json!([]), "{path}"),
        }
    }
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
    let tested: Vec<&str> = CASES.iter().map(|c| c.code).collect();
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
    // Every fixture in the directory has a case.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            CASES.iter().any(|c| c.fixture == name),
            "tests/fixtures/invalid/{name} is not checked by any case"
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
            "1 file, 9 events, 10 actors: 0 errors, 0 warnings\n",
        ),
        (
            "tests/fixtures/valid/multi",
            "4 files, 2 events, 2 actors: 0 errors, 0 warnings\n",
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
        text.contains(" --> tests/fixtures/valid/multi/events.toml:17:11\n"),
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
