//! `chronoscope import`: TimelineJS JSON into a new timeline folder that
//! `check` passes — its files compared with committed snapshots, the rows
//! it cannot read reported at their JSON path and skipped (or, with
//! `--strict`, nothing written), never a folder written into that holds
//! anything, and a round trip through `list --format timelinejs`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::Path;

use common::cli::{run, stderr, stdout};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/timelinejs.json"
);

fn loaded(dir: &Path) -> chronoscope::load::Loaded {
    chronoscope::load::load(chronoscope::load::read_paths(&[dir.to_path_buf()]).unwrap())
}

#[test]
fn a_timelinejs_file_becomes_a_clean_timeline_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("swat");
    let out = run(&["import", FIXTURE, "--output", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("3 events imported"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("0 errors"), "{}", stdout(&out));
    let err = stderr(&out);
    for (at, why) in [
        ("events[3]", "\"abc\" is not a number"),
        ("events[4]", "622"),
        ("events[5]", "no start_date"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(at) && l.contains(why)),
            "{at}: {err}"
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["events-2007.toml", "events-2009.toml", "timeline.toml"]
    );
    for n in &names {
        insta::assert_snapshot!(
            format!("import_{n}"),
            std::fs::read_to_string(out_dir.join(n)).unwrap()
        );
    }
    let l = loaded(&out_dir);
    assert_eq!(l.errors(), 0);
    let t = &l.timeline;
    // Precision as given: a month, a day with its end, a circa year.
    let dates: Vec<String> = t.events.iter().map(|e| e.date.to_edtf()).collect();
    assert_eq!(dates, ["2007-11", "2009~", "2009-02-16"]);
    // Importing again gives the same ids.
    let again = tmp.path().join("again");
    run(&["import", FIXTURE, "--output", again.to_str().unwrap()]);
    let ids = |t: &chronoscope::model::Timeline| -> Vec<String> {
        t.events.iter().map(|e| e.id.clone()).collect()
    };
    assert_eq!(ids(&loaded(&again).timeline), ids(t));
}

#[test]
fn import_never_writes_into_a_folder_that_holds_anything() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = run(&["import", FIXTURE, "--output", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "nothing was written");
    // --strict: a row that cannot be read writes nothing at all.
    let strict = tmp.path().join("strict");
    let out = run(&[
        "import",
        FIXTURE,
        "--strict",
        "--output",
        strict.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!strict.exists());
}

#[test]
fn what_is_not_timelinejs_is_refused_with_what_was_read() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("sheet.csv");
    std::fs::write(&csv, "Year,Month,Day,Headline\n2014,12,16,APS\n").unwrap();
    let out = run(&[
        "import",
        csv.to_str().unwrap(),
        "--output",
        tmp.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("TimelineJS JSON") && err.contains("Year,Month,Day,Headline"),
        "{err}"
    );
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, b"{\"events\": [\xff]}").unwrap();
    let out = run(&[
        "import",
        bad.to_str().unwrap(),
        "--output",
        tmp.path().join("p").to_str().unwrap(),
    ]);
    assert!(
        stderr(&out).contains("invalid UTF-8 at byte 12"),
        "{}",
        stderr(&out)
    );
    // UTF-16 with its byte-order mark is read.
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let wide = tmp.path().join("wide.json");
    std::fs::write(&wide, utf16).unwrap();
    let out = run(&[
        "import",
        wide.to_str().unwrap(),
        "--output",
        tmp.path().join("q").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_timelinejs_export_imports_back_to_the_same_events() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/explorer");
    let tmp = tempfile::tempdir().unwrap();
    let json = tmp.path().join("export.json");
    let out = run(&[
        "list",
        fixture,
        "--format",
        "timelinejs",
        "--output",
        json.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let back = tmp.path().join("back");
    let out = run(&[
        "import",
        json.to_str().unwrap(),
        "--output",
        back.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let original = loaded(Path::new(fixture)).timeline;
    let imported = loaded(&back).timeline;
    assert_eq!(imported.title, original.title);
    assert_eq!(imported.events.len(), original.events.len());
    let key = |e: &chronoscope::model::Event| (e.date, e.end, e.title.clone());
    let mut a: Vec<_> = original.events.iter().map(key).collect();
    let mut b: Vec<_> = imported.events.iter().map(key).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "dates, ends and titles");
    for e in &original.events {
        let i = imported
            .events
            .iter()
            .find(|i| i.title == e.title && i.date == e.date)
            .unwrap();
        assert_eq!(i.summary, e.summary.trim(), "{}", e.id);
        // The group, the event's first actor, comes back as a tag.
        if let Some(&a) = e.actors.first() {
            let tag = chronoscope::import::slug(&original.actors[a].name);
            assert!(
                i.tags.iter().any(|&t| imported.tags[t] == tag),
                "{}: {tag}",
                e.id
            );
        }
    }
}
