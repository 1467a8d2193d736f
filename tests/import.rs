//! `chronoscope import`: TimelineJS JSON, the TimelineJS sheet as CSV,
//! ACLED exports and mapped CSV into new timeline folders that `check`
//! passes — each folder compared with a committed snapshot, the rows it
//! cannot read reported at their JSON path or CSV line and skipped (or,
//! with `--strict`, nothing written), never a folder written into that
//! holds anything, and a round trip through `list --format timelinejs`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::cli::{run, stderr, stdout};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/timelinejs.json"
);

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn loaded(dir: &Path) -> chronoscope::load::Loaded {
    chronoscope::load::load(chronoscope::load::read_paths(&[dir.to_path_buf()]).unwrap())
}

/// Imports into a fresh folder under `tmp`, with these arguments after the input.
fn import(tmp: &Path, input: &str, more: &[&str]) -> (Output, PathBuf) {
    let dir = tmp.join(format!(
        "out-{}",
        std::fs::read_dir(tmp).map_or(0, Iterator::count)
    ));
    let mut args = vec!["import", input, "--output", dir.to_str().unwrap()];
    args.extend_from_slice(more);
    (run(&args), dir)
}

/// Every file the import wrote, one after the other under its name.
fn folder(dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            format!(
                "── {n} ──\n{}",
                std::fs::read_to_string(dir.join(n)).unwrap()
            )
        })
        .collect()
}

/// The lines the import reported as skipped, at what and why.
fn skipped(out: &Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.contains("skipped:"))
        .map(|l| l.rsplit_once("import/").map_or(l, |(_, r)| r).to_string())
        .collect()
}

#[test]
fn a_timelinejs_file_becomes_a_clean_timeline_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, out_dir) = import(tmp.path(), FIXTURE, &[]);
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
        ("events[4]", "-622"),
        ("events[5]", "no start_date"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(at) && l.contains(why)),
            "{at}: {err}"
        );
    }
    insta::assert_snapshot!("import_timelinejs", folder(&out_dir));
    let l = loaded(&out_dir);
    assert_eq!(l.errors(), 0);
    let t = &l.timeline;
    // Precision as given: a month, a day with its end, a circa year.
    let dates: Vec<String> = t.events.iter().map(|e| e.date.to_edtf()).collect();
    assert_eq!(dates, ["2007-11", "2009~", "2009-02-16"]);
    // Importing again gives the same ids.
    let (_, again) = import(tmp.path(), FIXTURE, &[]);
    let ids = |t: &chronoscope::model::Timeline| -> Vec<String> {
        t.events.iter().map(|e| e.id.to_string()).collect()
    };
    assert_eq!(ids(&loaded(&again).timeline), ids(t));
}

#[test]
fn the_timelinejs_sheet_imports_at_the_precision_of_its_cells() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, dir) = import(tmp.path(), &fixture("sheet.csv"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("4 events imported"),
        "{}",
        stdout(&out)
    );
    // Lines as a text editor counts them, past a cell of three lines.
    assert_eq!(
        skipped(&out),
        [
            "sheet.csv: line 10: skipped: Year -300: chronoscope's dates are years 0 to 9999 (EDTF's four digits); a year before the common era, or past 9999, cannot be held",
            "sheet.csv: line 11: skipped: the start date: there is no month 13; months run from 01 to 12",
            "sheet.csv: line 12: skipped: no Year",
        ]
    );
    insta::assert_snapshot!("import_sheet", folder(&dir));
    let l = loaded(&dir);
    assert_eq!(l.errors(), 0);
    let t = &l.timeline;
    assert_eq!(t.title, "Swat and after");
    let dates: Vec<String> = t
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e.date.to_edtf(),
                e.end.map(|d| d.to_edtf()).unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        dates,
        ["0622 ", "2007-11 ", "2009~ ", "2009-02-16 2009-04-13"]
    );
    let op = &t.events[1];
    assert_eq!(op.summary, "The army moves in.");
    assert_eq!(
        op.details,
        "A second paragraph, over two lines, with a link (https://www.dawn.com/news/1)."
    );
    assert_eq!(
        op.sources[0].link(),
        Some("https://www.dawn.com/news/275000")
    );
    // The era tags the events it spans; a photograph is no source.
    let accord = &t.events[3];
    let tags: Vec<&str> = accord.tags.iter().map(|&i| t.tags[i].as_str()).collect();
    assert_eq!(tags, ["era-the-accord", "peace-talks"]);
    assert!(accord.sources.is_empty());
    assert!(
        accord.editor_note.contains("photo.jpg"),
        "{}",
        accord.editor_note
    );
    assert!(
        accord.editor_note.contains("start time: 14:30"),
        "{}",
        accord.editor_note
    );
}

#[test]
fn an_acled_export_brings_actors_tags_places_and_fatalities() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, dir) = import(tmp.path(), &fixture("acled.csv"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("6 events, 9 actors, 10 places: 0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        skipped(&out),
        [
            "acled.csv: line 6: skipped: event_date \"31 February 2023\" is not a date ACLED writes (30 January 2023, or 2023-01-30)",
            "acled.csv: line 7: skipped: time_precision \"4\" is not 1, 2 or 3",
            "acled.csv: line 8: skipped: fatalities \"many\" is not a whole number",
        ]
    );
    insta::assert_snapshot!("import_acled", folder(&dir));
    let t = loaded(&dir).timeline;
    assert!(
        t.summary.contains("(ACLED), www.acleddata.com"),
        "{}",
        t.summary
    );
    let by = |key: &str| t.events.iter().find(|e| e.id.ends_with(key)).unwrap();
    // time_precision 1, 2 and 3; both of ACLED's date forms.
    assert_eq!(by("pak9001").date.to_edtf(), "2023-01-30");
    assert_eq!(by("pak9002").date.to_edtf(), "2023-02-03~");
    assert_eq!(by("pak9003").date.to_edtf(), "2023-02");
    let e = by("pak9001");
    assert_eq!(e.figures, [("killed".into(), 12)]);
    let kinds: Vec<(String, &str)> = e
        .actors
        .iter()
        .map(|&a| (t.actors[a].name.clone(), t.actors[a].kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "Police Forces of Pakistan (2018-)".to_string(),
                "government"
            ),
            (
                "Unidentified Armed Group (Pakistan)".to_string(),
                "armed-group"
            ),
        ]
    );
    let place = &t.places[e.places[0]];
    assert_eq!(
        (place.name.as_str(), place.lat, place.lon),
        ("Peshawar", 34.008, 71.5785)
    );
    let within = |p: &chronoscope::model::Place| p.within.map(|w| t.places[w].name.clone());
    let district = &t.places[place.within.unwrap()];
    assert_eq!(within(place).as_deref(), Some("Peshawar"));
    assert_eq!(within(district).as_deref(), Some("Khyber Pakhtunkhwa"));
    assert_eq!(e.sources[0].publisher, "ACLED");
    assert_eq!(e.sources[0].date.unwrap().to_edtf(), "2023-02-07");
    // No coordinates: the event is placed in the country the file places.
    let turbat = by("pak9004");
    assert_eq!(t.places[turbat.places[0]].name, "Pakistan");
    assert_eq!(turbat.location, "Turbat, Kech, Balochistan, Pakistan");
    // A formula-looking cell stays text, and a spreadsheet export defuses it.
    let csv = run(&["list", dir.to_str().unwrap(), "--format", "csv"]);
    assert!(stdout(&csv).contains("'=cmd|"), "{}", stdout(&csv));
    // Control characters are shown as marks, never sent to the terminal.
    let text = run(&["list", dir.to_str().unwrap(), "--format", "markdown"]);
    assert!(stdout(&text).contains("␛\\[31mred"), "{}", stdout(&text));
    assert!(!stdout(&text).contains('\u{1b}'));
}

const MAP: &str = "date=When,end=Until,title=Headline,summary=What happened,actors=Who,location=Where,lat=Lat,lon=Lon,url=Link,publisher=Outlet,killed=Deaths,tags=Topics";

#[test]
fn a_hand_made_spreadsheet_imports_with_one_map() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, dir) = import(
        tmp.path(),
        &fixture("plain.csv"),
        &["--map", MAP, "--date-format", "%d/%m/%Y"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        skipped(&out),
        [
            "plain.csv: line 4: skipped: date: \"yesterday\" is not a date of the form %d/%m/%Y",
            "plain.csv: line 5: skipped: end 2014-12-31 is before the date 2015-01-01",
            "plain.csv: line 6: skipped: killed \"many\" is not a whole number",
        ]
    );
    assert!(
        stdout(&out).contains("3 events imported"),
        "{}",
        stdout(&out)
    );
    insta::assert_snapshot!("import_plain", folder(&dir));
    let l = loaded(&dir);
    assert_eq!(l.errors(), 0);
    let t = &l.timeline;
    let school = &t.events[0];
    assert_eq!(school.date.to_edtf(), "2014-12-16");
    assert_eq!(school.figures, [("killed".into(), 149)]);
    assert_eq!(school.actors.len(), 2);
    assert_eq!(t.places[school.places[0]].name, "Peshawar");
    assert_eq!(
        school.sources[0].link(),
        Some("https://www.dawn.com/news/1151203")
    );
    assert_eq!(t.events[1].end.unwrap().to_edtf(), "2014-12-20");
    // An address that is not a link is kept, in the note, never linked.
    assert!(t.events[2].sources[0].url.is_none());
    assert!(t.events[2].editor_note.contains("www.example.org/story"));
}

#[test]
fn a_map_that_does_not_fit_the_file_is_refused_with_the_columns_it_has() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = fixture("plain.csv");
    let (out, dir) = import(tmp.path(), &plain, &["--map", "date=When,titel=Headline"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no field \"titel\" (did you mean title?)"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.exists());
    let (out, _) = import(tmp.path(), &plain, &["--map", "date=Wehn,title=Headline"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no column \"Wehn\" (did you mean \"When\"?)"),
        "{err}"
    );
    assert!(
        err.contains("its columns are When, Until, Headline"),
        "{err}"
    );
    // Without a map, a CSV of no known shape is refused, its header shown.
    let (out, _) = import(tmp.path(), &plain, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for name in [
        "TimelineJS JSON",
        "TimelineJS sheet",
        "ACLED",
        "--map",
        "When, Until, Headline",
    ] {
        assert!(err.contains(name), "{name}: {err}");
    }
    // --from names the format; a file not in it is refused.
    let (out, _) = import(tmp.path(), &fixture("sheet.csv"), &["--from", "acled"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not an ACLED export"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_of_64_mib_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("big.csv");
    let filler = "x".repeat(8 * 1024);
    let mut text = String::from("When,Headline,Filler\n");
    let mut n = 0;
    while text.len() < 64 * 1024 * 1024 {
        n += 1;
        text.push_str(&format!(
            "{}-{:02}-{:02},Row {n},{filler}\n",
            1900 + n % 100,
            1 + n % 12,
            1 + n % 28
        ));
    }
    std::fs::write(&path, &text).unwrap();
    let (out, dir) = import(
        tmp.path(),
        path.to_str().unwrap(),
        &["--map", "date=When,title=Headline"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(&format!("{n} events imported")),
        "{}",
        stdout(&out)
    );
    assert_eq!(loaded(&dir).timeline.events.len(), n);
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
    std::fs::write(&csv, "Year,Month,Headline\n2014,12,APS\n").unwrap();
    let out = run(&[
        "import",
        csv.to_str().unwrap(),
        "--output",
        tmp.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("TimelineJS JSON") && err.contains("Year, Month, Headline"),
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

/// The path a person takes: import an ACLED export in a shell, then open
/// what it wrote in the explorer, at 80×24, and find the events on the map.
#[test]
fn an_imported_acled_export_opens_in_the_explorer_and_on_the_map() {
    let Some(t) = common::Tmux::new(80, 24) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pakistan");
    t.run(&format!(
        "cd /; {} import {} --output {} 2>/dev/null; echo IMPORTED $?",
        common::BIN,
        fixture("acled.csv"),
        dir.display()
    ));
    t.wait_for("IMPORTED 0");
    t.run(&format!(
        "clear; {} {}; echo EXITED $?",
        common::BIN,
        dir.display()
    ));
    t.wait_for("ACLED events: Pakistan");
    t.wait_for("Suicide bomb in Peshawar");
    t.wait_for("killed: 12");
    t.send(&["M"]);
    t.wait_for("Map · 6 events at 5 places");
    t.wait_for("Lahore 1");
    t.send(&["Escape"]);
    t.send(&["q"]);
    t.wait_for("EXITED 0");
}
