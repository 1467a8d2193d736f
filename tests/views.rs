//! Saved views through the real binary: `--view ID` shows exactly what the
//! same filter typed as flags shows, on `list`, in JSON and as text, and in
//! the explorer's path when its output is not a terminal; flags given with a
//! view apply on top of it; an unknown view is a usage error with a
//! did-you-mean; `chronoscope views` lists them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::{event_ids, run, stderr, stdout};
use serde_json::Value;

/// Each bundled view, and the flags a person would type for it by hand.
const BUNDLED: &[(&str, &[&str])] = &[
    ("ttp-since-2021", &["--actor", "ttp", "--from", "2021-08"]),
    (
        "kabul-islamabad",
        &[
            "--actor",
            "taliban-government",
            "--tag",
            "diplomacy",
            "--from",
            "2021-08",
        ],
    ),
    ("contested", &["--contested"]),
    (
        "aps-to-nap",
        &["--from", "2014-12-16", "--to", "2015-01-06"],
    ),
];

/// `chronoscope list` with these arguments: the exit code and standard
/// output, the whole of it, the filter the export records included.
fn list(args: &[&str]) -> (Option<i32>, String) {
    let out = run(&[&["list"], args].concat());
    (out.status.code(), stdout(&out))
}

#[test]
fn every_bundled_view_shows_what_its_flags_typed_by_hand_show() {
    let listed = stdout(&run(&["views", "--format", "json"]));
    let listed: Value = serde_json::from_str(&listed).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    let tested: Vec<&str> = BUNDLED.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, tested, "every bundled view is compared here");
    let total = event_ids(&list(&["--format", "json"]).1).len();
    for (id, flags) in BUNDLED {
        for format in ["json", "text", "csv", "markdown"] {
            let by_view = list(&["--view", id, "--format", format]);
            let by_hand = list(&[flags, &["--format", format][..]].concat());
            assert_eq!(by_view.0, Some(0), "{id} {format}: {}", by_view.1);
            assert!(
                by_view == by_hand,
                "--view {id} and {flags:?} differ as {format}:\n{}\n---\n{}",
                by_view.1,
                by_hand.1
            );
        }
        let shown = event_ids(&list(&["--view", id, "--format", "json"]).1);
        assert!(
            !shown.is_empty() && shown.len() < total,
            "{id} shows {} of {total} events",
            shown.len()
        );
    }
}

#[test]
fn the_bundled_views_select_the_events_they_promise() {
    let shown = |id: &str| event_ids(&list(&["--view", id, "--format", "json"]).1);
    let kabul = shown("kabul-islamabad");
    for visit in [
        "2021-09-faiz-hameed-kabul",
        "2021-10-qureshi-faiz-hameed-kabul",
        "2021-11-muttaqi-islamabad-troika-plus",
        "2022-11-hina-khar-kabul",
        "2023-02-khawaja-asif-kabul",
        "2023-05-muttaqi-islamabad-trilateral",
        "2024-01-jcc-islamabad",
        "2024-01-fazlur-rehman-kabul",
    ] {
        assert!(kabul.iter().any(|e| e == visit), "{visit} not in {kabul:?}");
    }
    let ttp = shown("ttp-since-2021");
    assert!(ttp.iter().all(|e| e.as_str() >= "2021-08"), "{ttp:?}");
    assert!(ttp.iter().any(|e| e == "2022-11-ttp-ends-ceasefire"));
    let aps = shown("aps-to-nap");
    assert_eq!(
        aps.first().map(String::as_str),
        Some("2014-12-aps-peshawar")
    );
    assert!(aps.iter().any(|e| e == "2014-12-nap"), "{aps:?}");
}

#[test]
fn flags_given_with_a_view_apply_on_top_of_it() {
    let on_top = list(&[
        "--view",
        "ttp-since-2021",
        "--tag",
        "attack",
        "--from",
        "2023",
        "--format",
        "json",
    ]);
    let by_hand = list(&[
        "--actor", "ttp", "--tag", "attack", "--from", "2023", "--format", "json",
    ]);
    assert_eq!(on_top.0, Some(0), "{}", on_top.1);
    assert!(on_top == by_hand, "{}\n---\n{}", on_top.1, by_hand.1);
    let view = event_ids(&list(&["--view", "ttp-since-2021", "--format", "json"]).1);
    let narrowed = event_ids(&on_top.1);
    assert!(!narrowed.is_empty() && narrowed.len() < view.len());
    assert!(narrowed.iter().all(|e| view.contains(e)));
}

#[test]
fn a_view_with_every_field_shows_what_its_flags_show() {
    let path = "tests/fixtures/valid/views.toml";
    let by_view = list(&["--view", "every-field", "--format", "json", path]);
    let by_hand = list(&[
        "--actor",
        "ttp",
        "--actor",
        "pakistan-army",
        "--all-actors",
        "--tag",
        "attack",
        "--place",
        "pakistan",
        "--from",
        "2014-12",
        "--to",
        "2024",
        "--search",
        "school",
        "--highlight",
        "--contested",
        "--as-of",
        "2014-12-31",
        "--format",
        "json",
        path,
    ]);
    assert_eq!(by_view.0, Some(0), "{}", by_view.1);
    assert!(by_view == by_hand, "{}\n---\n{}", by_view.1, by_hand.1);
    assert_eq!(event_ids(&by_view.1), ["2014-12-aps-peshawar"]);
    // Without the view, the later event shows too.
    assert_eq!(event_ids(&list(&["--format", "json", path]).1).len(), 2);
}

#[test]
fn the_explorer_opens_on_the_view_when_its_output_is_not_a_terminal() {
    for (id, _) in BUNDLED {
        let explorer = run(&["--view", id]);
        let listed = run(&["list", "--view", id]);
        assert_eq!(explorer.status.code(), Some(0), "{}", stderr(&explorer));
        assert_eq!(stdout(&explorer), stdout(&listed), "{id}");
    }
}

#[test]
fn an_unknown_view_is_a_usage_error_with_a_did_you_mean() {
    for args in [
        &["list", "--view", "ttp-since2021"][..],
        &["--view", "ttp-since2021"],
        &["present", "--view", "ttp-since2021"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&out),
            "error: unknown view \"ttp-since2021\"; did you mean \"ttp-since-2021\"? \
             The views are: ttp-since-2021, kabul-islamabad, contested, aps-to-nap\n",
            "{args:?}"
        );
        assert_eq!(stdout(&out), "", "{args:?}");
    }
    let out = run(&["list", "--view", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: unknown view \"nope\"; the views are: ttp-since-2021,"),
        "{}",
        stderr(&out)
    );
    let out = run(&["list", "--view", "x", "tests/fixtures/valid/minimal.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: unknown view \"x\": this timeline has no [[views]]\n"
    );
}

#[test]
fn views_lists_each_view_with_its_title_and_filter() {
    let out = run(&["views"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("ID "), "{text}");
    assert!(lines[0].trim_end().ends_with("FILTER"), "{text}");
    assert_eq!(lines.len(), 1 + BUNDLED.len(), "{text}");
    let contested = lines.iter().find(|l| l.starts_with("contested "));
    assert!(
        contested.is_some_and(|l| l.ends_with("≠ contested")),
        "{text}"
    );
    let ttp = lines.iter().find(|l| l.starts_with("ttp-since-2021 "));
    assert!(ttp.is_some_and(|l| l.contains("TTP · Aug 2021–")), "{text}");
    let doc: Value = serde_json::from_str(&stdout(&run(&["views", "--format", "json"]))).unwrap();
    let kabul = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "kabul-islamabad")
        .unwrap();
    assert_eq!(kabul["actors"], serde_json::json!(["taliban-government"]));
    assert_eq!(kabul["tags"], serde_json::json!(["diplomacy"]));
    assert_eq!(kabul["from"], "2021-08");
    assert!(kabul["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(kabul["summary"].as_str().is_some_and(|t| !t.is_empty()));
}

#[test]
fn the_explorer_opens_on_the_views_filter_and_day() {
    let Some(t) = common::Tmux::new(160, 48) else {
        return;
    };
    let count = |args: &[&str]| event_ids(&list(&[args, &["--format", "json"]].concat()).1).len();
    let (shown, total) = (count(&["--view", "aps-to-nap"]), count(&[]));
    t.run(&format!(
        "cd /; {} --view aps-to-nap; echo EXITED $?",
        common::BIN
    ));
    t.wait_for(&format!("Events {shown}/{total}"));
    // The header names the view; F shows the filter it stands for; the
    // view's event is selected.
    t.wait_for("view: From the Army Public School massacre");
    t.wait_for("▸ 16 Dec");
    t.send(&["F"]);
    t.wait_for("16 Dec 2014–6 Jan 2015");
    t.send(&["Escape"]);
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    let fixture = format!("{}/valid/views.toml", common::FIXTURES);
    t.run(&format!(
        "clear; {} --view every-field {fixture}; echo EXITED $?",
        common::BIN
    ));
    t.wait_for("as known on 31 Dec 2014");
    t.wait_for("Events 1/");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

/// A view saved in the explorer goes to the person's config folder, is
/// there after a restart, applies through `--view` and `list`, and is never
/// written into the timeline's files.
#[test]
fn a_saved_view_survives_a_restart_and_never_touches_the_timeline() {
    let Some(t) = common::Tmux::new(120, 30) else {
        return;
    };
    let (work, paths) = common::aged_copies(&["explorer/timeline.toml"]);
    let timeline = paths[0].display().to_string();
    let before = common::snapshot(work.path());
    let config = tempfile::tempdir().unwrap();
    let env = format!("XDG_CONFIG_HOME={}", config.path().display());
    t.run(&format!("{env} {} {timeline}; echo EXITED $?", common::BIN));
    t.wait_for("Events 12/12");
    t.send(&["x"]);
    t.wait_for("Events 2/12");
    t.send(&["V"]);
    t.wait_for("save the filter as a view named:");
    t.send(&["-l", "Contested, for the desk"]);
    t.send(&["Enter"]);
    t.wait_for("View saved in");
    t.wait_for("view: Contested, for the desk");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    let file = config.path().join("chronoscope/views.toml");
    let kept = std::fs::read_to_string(&file).unwrap();
    assert!(kept.contains("id = \"contested-for-the-desk\""), "{kept}");

    // After a restart: listed as the person's, and applied.
    t.run(&format!(
        "clear; {env} {} {timeline}; echo EXITED $?",
        common::BIN
    ));
    t.wait_for("Events 12/12");
    t.send(&["v"]);
    t.wait_for("yours · contested-for-the-desk");
    t.send(&["Enter"]);
    t.wait_for("Events 2/12");
    t.wait_for("view: Contested, for the desk");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();

    // --view finds it too, and shows what the flags typed by hand show.
    let by_view = common::cli::run_env(
        &["list", &timeline, "--view", "contested-for-the-desk"],
        &[("XDG_CONFIG_HOME", config.path().to_str().unwrap())],
    );
    let by_hand = common::cli::run_env(&["list", &timeline, "--contested"], &[]);
    assert_eq!(by_view.status.code(), Some(0), "{}", stderr(&by_view));
    assert_eq!(stdout(&by_view), stdout(&by_hand));
    assert_eq!(
        common::snapshot(work.path()),
        before,
        "the timeline's folder is untouched"
    );
}
