//! Export, end to end: golden files for every format from a fixture full of
//! hostile text, the JSON and CSV read back and compared with the model,
//! `list`'s flags against `query::apply`, and `--output`'s atomic writes.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test export`
//! and review the diff before committing it.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use chronoscope::export::{self, Format};
use chronoscope::load::{self, Loaded};
use chronoscope::model::{EventDate, Grade, Stance, Str, Timeline};
use chronoscope::query::{self, ClaimFilter, Combine, Filter, Filtered, Index, PublisherFilter};
use common::cli::{EPOCH, event_ids};
use serde_json::Value;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/timeline.toml")
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/golden")
}

fn loaded() -> Loaded {
    let loaded = load::load(load::read_paths(&[fixture()]).unwrap());
    assert_eq!(loaded.errors(), 0, "the fixture is a valid timeline");
    loaded
}

fn everything(t: &Timeline) -> Filtered {
    query::apply(t, &Index::build(t), &Filter::default())
}

/// What an export of `shown` says about itself, made at `EPOCH`.
fn about(t: &Timeline, f: &Filter, shown: &Filtered) -> export::About {
    export::About::at(t, f, shown, "2024-01-31T10:00:00Z".into())
}

fn about_all(t: &Timeline) -> export::About {
    about(t, &Filter::default(), &everything(t))
}

fn render(f: Format, t: &Timeline, shown: &Filtered) -> String {
    f.render(t, shown, &about(t, &Filter::default(), shown))
}

fn golden_name(f: Format) -> String {
    match f {
        Format::TimelineJs => "timeline.timelinejs.json".into(),
        f => format!("timeline.{}", f.suggested_extension()),
    }
}

fn chronoscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(args)
        .env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn every_format_matches_its_golden_file() {
    let l = loaded();
    let t = &l.timeline;
    let shown = everything(t);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for f in Format::ALL {
        let got = render(f, t, &shown);
        let path = golden_dir().join(golden_name(f));
        if update {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
                path.display()
            )
        });
        if got != want {
            stale.push(format!("--- {} ---\n{got}", path.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "exports differ from their golden files (UPDATE_GOLDEN=1 regenerates them):\n{}",
        stale.join("\n")
    );
}

/// JSON and CSV are written as each event is made, into the file or the
/// pipe: byte for byte the golden files, which `render` makes whole.
#[test]
fn streamed_exports_are_the_golden_files() {
    let tmp = tempfile::tempdir().unwrap();
    let path = fixture();
    for f in Format::ALL {
        let golden = std::fs::read(golden_dir().join(golden_name(f))).unwrap();
        let l = loaded();
        let shown = everything(&l.timeline);
        let mut streamed = Vec::new();
        f.render_to(
            &l.timeline,
            &shown,
            &about(&l.timeline, &Filter::default(), &shown),
            &mut streamed,
        )
        .unwrap();
        assert_eq!(streamed, golden, "{f}: render_to");
        let file = tmp.path().join(golden_name(f));
        let out = chronoscope(&[
            "list",
            path.to_str().unwrap(),
            "--format",
            f.as_str(),
            "--output",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{f}: {}", stderr(&out));
        let mut want = if f == Format::Csv {
            "\u{FEFF}".as_bytes().to_vec()
        } else {
            Vec::new()
        };
        want.extend(&golden);
        assert_eq!(std::fs::read(&file).unwrap(), want, "{f}: --output");
    }
}

#[test]
fn the_command_line_prints_what_the_library_renders() {
    let l = loaded();
    let shown = everything(&l.timeline);
    let path = fixture();
    let path = path.to_str().unwrap();
    for f in Format::ALL {
        let out = chronoscope(&["list", path, "--format", f.as_str()]);
        assert_eq!(out.status.code(), Some(0), "{f}: {}", stderr(&out));
        assert_eq!(stdout(&out), render(f, &l.timeline, &shown), "{f}");
    }
    // Text is the default, and what the bare command prints into a pipe.
    let default = chronoscope(&["list", path]);
    let bare = chronoscope(&[path]);
    assert_eq!(stdout(&default), export::to_text(&l.timeline, &shown));
    assert_eq!(stdout(&bare), stdout(&default));
    let filtered = chronoscope(&["list", path, "--actor", "ttp", "--from", "2014"]);
    let bare = chronoscope(&[path, "--actor", "ttp", "--from", "2014"]);
    assert_eq!(stdout(&bare), stdout(&filtered));
    assert_eq!(stdout(&filtered).lines().count(), 3);
}

/// `chronoscope actors|tags|tours` print the catalogue the library renders,
/// and what `actors` lists is what `--actor` takes.
#[test]
fn the_catalogues_list_what_the_filters_take() {
    let l = loaded();
    let path = fixture();
    let path = path.to_str().unwrap();
    for (cmd, what) in [
        ("actors", export::Catalogue::Actors),
        ("tags", export::Catalogue::Tags),
        ("tours", export::Catalogue::Tours),
    ] {
        for json in [false, true] {
            let format = if json { "json" } else { "human" };
            let out = chronoscope(&[cmd, path, "--format", format]);
            assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr(&out));
            assert_eq!(
                stdout(&out),
                what.render(&l.timeline, json),
                "{cmd} {format}"
            );
        }
    }
    let listed = stdout(&chronoscope(&["actors", path]));
    let short = listed
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap();
    let out = chronoscope(&["list", path, "--actor", short]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "--actor {short}: {}",
        stderr(&out)
    );
    assert!(!stdout(&out).is_empty());
    let broken = chronoscope(&["actors", "tests/fixtures/invalid/bad-kind.toml"]);
    assert_eq!(
        broken.status.code(),
        Some(1),
        "an invalid timeline lists nothing"
    );
}

/// `--actor` takes what people see: a short name, a name or an alias, in
/// any case; a near miss gets a did-you-mean over all of them.
#[test]
fn actor_flags_take_short_names_and_aliases() {
    let path = fixture();
    let path = path.to_str().unwrap();
    let by_id = stdout(&chronoscope(&["list", path, "--actor", "ttp"]));
    assert!(!by_id.is_empty());
    for spelled in ["TTP", "Tehrik-i-Taliban Pakistan", "pakistani taliban"] {
        let out = chronoscope(&["list", path, "--actor", spelled]);
        assert_eq!(out.status.code(), Some(0), "{spelled}: {}", stderr(&out));
        assert_eq!(stdout(&out), by_id, "{spelled}");
    }
    let typo = chronoscope(&["list", path, "--actor", "tpp"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("did you mean"), "{}", stderr(&typo));
    assert!(
        stderr(&typo).contains("chronoscope actors"),
        "{}",
        stderr(&typo)
    );
    // The bundled timeline, as the issue's reader tried it.
    let bundled = chronoscope(&["list", "--actor", "TTP", "--actor", "US"]);
    assert_eq!(bundled.status.code(), Some(0), "{}", stderr(&bundled));
}

/// Bytes a terminal or a spreadsheet could act on: C0 controls but `\n`,
/// DEL, C1 controls and bidi controls.
fn assert_inert(what: &str, s: &str) {
    for (i, c) in s.char_indices() {
        let bad = (c.is_control() && c != '\n') || chronoscope::text::is_unsafe(c);
        assert!(!bad, "{what}: {c:?} at byte {i}");
    }
    assert!(
        !s.as_bytes().contains(&b'\r'),
        "{what}: lines end with \\n alone"
    );
}

#[test]
fn no_output_carries_a_control_character() {
    let l = loaded();
    let shown = everything(&l.timeline);
    for f in Format::ALL {
        let out = render(f, &l.timeline, &shown);
        assert_inert(f.as_str(), &out);
        // The hostile text is still there, visibly.
        assert!(
            out.contains("␛]0;pwned␇") || out.contains("␛\\]0;pwned␇"),
            "{f}"
        );
        if f != Format::Text {
            let marks = ["<U+202E>", "\\<U+202E\\>", "&lt;U+202E&gt;"];
            assert!(marks.iter().any(|m| out.contains(m)), "{f}");
        }
    }
    for name in std::fs::read_dir(golden_dir()).unwrap() {
        let path = name.unwrap().path();
        assert_inert(
            &path.display().to_string(),
            &std::fs::read_to_string(&path).unwrap(),
        );
    }
}

fn date_matches(v: &Value, d: &EventDate) {
    assert_eq!(v["edtf"], d.to_edtf());
    assert_eq!(v["precision"], d.precision().as_str());
    assert_eq!(v["qualifier"], d.qualifier().as_str());
    assert_eq!(v["display"], d.to_string());
    assert_eq!(v["year"], d.year());
    assert_eq!(v["month"], serde_json::json!(d.month()));
    assert_eq!(v["day"], serde_json::json!(d.day()));
    assert_eq!(EventDate::parse(v["edtf"].as_str().unwrap()).unwrap(), *d);
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn json_reads_back_as_the_model() {
    let l = loaded();
    let t = &l.timeline;
    let shown = everything(t);
    let doc: Value = serde_json::from_str(&export::to_json(t, &shown, &about_all(t))).unwrap();
    assert_eq!(doc["format"], "chronoscope-export");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["timeline"]["title"], t.title);
    assert_eq!(doc["timeline"]["summary"], t.summary);
    assert_eq!(doc["timeline"]["event_count"], t.events.len());
    let cov = t.coverage.unwrap();
    date_matches(&doc["timeline"]["coverage"]["from"], &cov.from);
    date_matches(&doc["timeline"]["coverage"]["to"], &cov.to);

    let actors = doc["actors"].as_array().unwrap();
    assert_eq!(
        actors.len(),
        t.actors.len(),
        "every actor takes part in some event"
    );
    for (j, a) in actors.iter().zip(&t.actors) {
        assert_eq!(j["id"], a.id);
        assert_eq!(j["name"], a.name);
        assert_eq!(j["short"], a.short);
        assert_eq!(strings(&j["aliases"]), a.aliases);
        assert_eq!(j["kind"], a.kind.as_str());
        assert_eq!(j["summary"], a.summary);
        let links: Vec<&str> = a.links.iter().map(|&x| t.actors[x].id.as_str()).collect();
        assert_eq!(strings(&j["links"]), links);
    }

    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), t.events.len());
    for (j, e) in events.iter().zip(&t.events) {
        assert_eq!(j["id"], e.id.as_str());
        date_matches(&j["date"], &e.date);
        match &e.end {
            Some(end) => date_matches(&j["end"], end),
            None => assert!(j["end"].is_null()),
        }
        assert_eq!(j["display_date"], e.display_date());
        assert_eq!(j["title"], e.title.as_str());
        assert_eq!(j["summary"], e.summary.as_str());
        assert_eq!(j["details"], e.details.as_str());
        assert_eq!(j["location"], e.location.as_str());
        let ja = j["actors"].as_array().unwrap();
        assert_eq!(ja.len(), e.actors.len());
        for (x, &a) in ja.iter().zip(&e.actors) {
            assert_eq!(x["id"], t.actors[a].id);
            assert_eq!(x["name"], t.actors[a].name);
            assert_eq!(x["short"], t.actors[a].short);
        }
        let tags: Vec<&str> = e.tags.iter().map(|&g| t.tags[g].as_str()).collect();
        assert_eq!(strings(&j["tags"]), tags);
        let figures: Vec<(Str, u64)> = j["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["name"].as_str().unwrap().into(),
                    f["value"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(figures, e.figures);
        let related: Vec<&str> = e.related.iter().map(|&r| t.events[r].id.as_str()).collect();
        assert_eq!(strings(&j["related"]), related);
        let jc = j["claims"].as_array().unwrap();
        assert_eq!(jc.len(), e.claims.len());
        for (x, c) in jc.iter().zip(&e.claims) {
            assert_eq!(x["by"]["id"], t.actors[c.by].id);
            assert_eq!(x["by"]["name"], t.actors[c.by].name);
            assert_eq!(x["stance"], c.stance.as_str());
            assert_eq!(x["text"], c.text.as_str());
        }
        let js = j["sources"].as_array().unwrap();
        assert_eq!(js.len(), e.sources.len());
        for (x, s) in js.iter().zip(&e.sources) {
            assert_eq!(x["publisher"], s.publisher.as_str());
            assert_eq!(x["title"], s.title.as_str());
            match &s.date {
                Some(d) => date_matches(&x["date"], d),
                None => assert!(x["date"].is_null()),
            }
            assert_eq!(x["url"], serde_json::json!(s.url));
            assert_eq!(
                x["grade"],
                serde_json::json!(s.grade.map(|g| g.to_string()))
            );
        }
    }
}

#[test]
fn json_exports_only_the_actors_of_the_events_shown() {
    let l = loaded();
    let t = &l.timeline;
    let mut f = Filter::default();
    f.toggle_actor(t.actor_ix("hostile").unwrap());
    let shown = query::apply(t, &Index::build(t), &f);
    let doc: Value = serde_json::from_str(&export::to_json(t, &shown, &about_all(t))).unwrap();
    let ids: Vec<&str> = doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["hostile", "ttp"]);
    assert_eq!(doc["events"].as_array().unwrap().len(), 1);
    assert_eq!(doc["timeline"]["event_count"], t.events.len());
}

/// What the CSV export does to a cell a spreadsheet would run.
fn neutralised(s: &str) -> String {
    if s.trim_start_matches(' ').starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[test]
fn csv_reads_back_as_the_model() {
    let l = loaded();
    let t = &l.timeline;
    let text = export::to_csv(t, &everything(t), &about_all(t));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id",
            "date",
            "start",
            "end",
            "precision",
            "qualifier",
            "title",
            "summary",
            "details",
            "location",
            "places",
            "place_ids",
            "actors",
            "actor_ids",
            "tags",
            "figures",
            "claims",
            "sources",
            "related",
            "note",
            "exported"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), t.events.len());
    for (r, e) in rows.iter().zip(&t.events) {
        let cell = |name: &str| {
            r.get(header.iter().position(|h| h == name).unwrap())
                .unwrap()
        };
        assert_eq!(r.len(), header.len());
        assert_eq!(cell("id"), e.id);
        assert_eq!(cell("date"), e.display_date());
        assert_eq!(EventDate::parse(cell("start")).unwrap(), e.date);
        assert_eq!(cell("end"), e.end.map(|d| d.to_edtf()).unwrap_or_default());
        assert_eq!(cell("precision"), e.date.precision().as_str());
        assert_eq!(cell("qualifier"), e.date.qualifier().as_str());
        assert_eq!(cell("title"), neutralised(&e.title));
        assert_eq!(cell("summary"), neutralised(&e.summary));
        assert_eq!(cell("details"), neutralised(&e.details));
        assert_eq!(cell("location"), neutralised(&e.location));
        let places: Vec<&str> = e
            .places
            .iter()
            .map(|&p| t.places[p].name.as_str())
            .collect();
        assert_eq!(cell("places"), neutralised(&places.join("; ")));
        let ids: Vec<&str> = e.places.iter().map(|&p| t.places[p].id.as_str()).collect();
        assert_eq!(cell("place_ids"), ids.join("; "));
        let names: Vec<&str> = e
            .actors
            .iter()
            .map(|&a| t.actors[a].name.as_str())
            .collect();
        assert_eq!(cell("actors"), neutralised(&names.join("; ")));
        let ids: Vec<&str> = e.actors.iter().map(|&a| t.actors[a].id.as_str()).collect();
        assert_eq!(cell("actor_ids"), ids.join("; "));
        let tags: Vec<&str> = e.tags.iter().map(|&g| t.tags[g].as_str()).collect();
        assert_eq!(cell("tags"), tags.join("; "));
        let figures: Vec<String> = e.figures.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(cell("figures"), figures.join("; "));
        for c in &e.claims {
            let by = &t.actors[c.by].name;
            assert!(
                cell("claims").contains(&format!("{by} {}: ", c.stance.as_str())),
                "{}",
                cell("claims")
            );
        }
        for s in &e.sources {
            assert!(
                cell("sources").contains(s.publisher.as_str()),
                "{}",
                cell("sources")
            );
        }
        let related: Vec<&str> = e.related.iter().map(|&x| t.events[x].id.as_str()).collect();
        assert_eq!(cell("related"), related.join("; "));
    }
    // The hostile cells, as a spreadsheet will see them.
    let first = &rows[0];
    assert!(first[6].starts_with("'=HYPERLINK("), "{}", &first[6]);
    assert_eq!(&first[12], "Tehrik-i-Taliban Pakistan; =cmd|' /C calc'!A0");
    assert!(rows[2][6].starts_with("'-1 "));
    assert!(rows[2][7].starts_with("'@here"));
    // No cell of any row starts a formula.
    for r in &rows {
        for c in r {
            assert!(!c.trim_start().starts_with(['=', '+', '-', '@']), "{c:?}");
        }
    }
}

fn unescape_html(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn timelinejs_dates_name_only_what_is_known() {
    let l = loaded();
    let t = &l.timeline;
    let doc: Value =
        serde_json::from_str(&export::to_timelinejs(t, &everything(t), &about_all(t))).unwrap();
    assert!(
        doc["title"]["text"]["headline"]
            .as_str()
            .unwrap()
            .contains("&quot;quotes&quot;")
    );
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), t.events.len());
    for (j, e) in events.iter().zip(&t.events) {
        assert_eq!(j["unique_id"], e.id.as_str());
        let start = &j["start_date"];
        assert_eq!(start["year"], e.date.year());
        assert_eq!(
            start.get("month").and_then(Value::as_u64),
            e.date.month().map(u64::from)
        );
        assert_eq!(
            start.get("day").and_then(Value::as_u64),
            e.date.day().map(u64::from)
        );
        assert_eq!(j.get("end_date").is_some(), e.end.is_some());
        let group = e.actors.first().map(|&a| t.actors[a].name.as_str());
        let got = j.get("group").and_then(Value::as_str).map(unescape_html);
        assert_eq!(got.as_deref(), group);
        assert!(!j["text"]["headline"].as_str().unwrap().contains('<'));
    }
    let talks = &events[3];
    assert_eq!(talks["start_date"]["display_date"], "c. Jun 2022");
    assert_eq!(talks["end_date"]["display_date"], "c. Nov 2022");
    assert_eq!(talks["display_date"], "c. Jun–Nov 2022");
    assert!(events[0]["start_date"].get("month").is_none());
    // Only web URLs become links; the markup in a source title is text.
    let text = events[1]["text"]["text"].as_str().unwrap();
    assert!(!text.contains("javascript:alert(1)\""), "{text}");
    assert!(
        events[0]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("href=\"https://example.org/ttp?a=1&amp;b=2\"")
    );
    assert!(
        events[3]["text"]["text"]
            .as_str()
            .unwrap()
            .contains("&lt;b&gt;bold&lt;/b&gt;")
    );
}

#[test]
fn markdown_cites_each_source_once_and_keeps_markup_literal() {
    let l = loaded();
    let md = export::to_markdown(
        &l.timeline,
        &everything(&l.timeline),
        &about_all(&l.timeline),
    );
    // The same Dawn article is cited by two events under one number.
    assert_eq!(md.matches("[^1]").count(), 3, "{md}");
    assert_eq!(md.matches("]: Dawn").count(), 1);
    assert!(md.contains("<https://example.org/ttp?a=1&b=2>"));
    assert!(!md.contains("<script>"));
    assert!(!md.contains("(javascript:"), "no javascript link");
    for year in [
        "## 2007", "## 2014", "## 2016", "## 2022", "## 2023", "## 2024",
    ] {
        assert!(md.contains(&format!("\n{year}\n")), "{year}");
    }
    assert!(md.contains("**Clear screen ␛\\[2J and title ␛\\]0;pwned␇ in a title**"));
    assert!(md.contains("Afghan Taliban **denies**: Denied any part in it."));
    assert!(md.contains("Grade B2: usually reliable, probably true."));
}

/// Runs `list --format json` and returns the ids of the events it exports.
fn listed_ids(flags: &[&str]) -> Vec<String> {
    let path = fixture();
    let mut args = vec!["list", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(flags);
    let out = chronoscope(&args);
    assert_eq!(out.status.code(), Some(0), "{flags:?}: {}", stderr(&out));
    event_ids(&stdout(&out))
}

#[test]
fn list_flags_select_what_query_apply_selects() {
    let l = loaded();
    let t = &l.timeline;
    let index = Index::build(t);
    let actor = |id: &str| t.actor_ix(id).unwrap();
    let tag = |id: &str| t.tag_ix(id).unwrap();
    let date = |s: &str| Some(EventDate::parse(s).unwrap());
    let cases: Vec<(Vec<&str>, Filter)> = vec![
        (vec![], Filter::default()),
        (
            vec!["--actor", "ttp"],
            Filter {
                actors: vec![actor("ttp")],
                ..Filter::default()
            },
        ),
        (
            vec!["--actor", "ttp", "--actor", "taliban"],
            Filter {
                actors: {
                    let mut v = vec![actor("ttp"), actor("taliban")];
                    v.sort();
                    v
                },
                ..Filter::default()
            },
        ),
        (
            vec!["--actor", "ttp", "--actor", "taliban", "--all-actors"],
            Filter {
                actors: {
                    let mut v = vec![actor("ttp"), actor("taliban")];
                    v.sort();
                    v
                },
                combine: Combine::All,
                ..Filter::default()
            },
        ),
        (
            vec!["--tag", "attack"],
            Filter {
                tags: vec![tag("attack")],
                ..Filter::default()
            },
        ),
        (
            vec!["--from", "2014-12-17", "--to", "2022-06"],
            Filter {
                from: date("2014-12-17"),
                to: date("2022-06"),
                ..Filter::default()
            },
        ),
        (
            vec!["--search", "kabul"],
            Filter {
                search: "kabul".into(),
                ..Filter::default()
            },
        ),
        (
            vec![
                "--actor", "pakistan", "--tag", "talks", "--from", "2020", "--search", "talks",
            ],
            Filter {
                actors: vec![actor("pakistan")],
                tags: vec![tag("talks")],
                from: date("2020"),
                search: "talks".into(),
                ..Filter::default()
            },
        ),
        (
            vec!["--search", "no such words anywhere"],
            Filter {
                search: "no such words anywhere".into(),
                ..Filter::default()
            },
        ),
    ];
    let on_sources: Vec<(Vec<&str>, Filter)> = vec![
        (
            vec!["--contested"],
            Filter {
                contested: true,
                ..Filter::default()
            },
        ),
        (
            vec!["--stance", "denies", "--by", "taliban"],
            Filter {
                claim: Some(ClaimFilter {
                    stance: Some(Stance::Denies),
                    by: Some(actor("taliban")),
                }),
                ..Filter::default()
            },
        ),
        (
            vec!["--stance", "disputes"],
            Filter {
                claim: Some(ClaimFilter {
                    stance: Some(Stance::Disputes),
                    by: None,
                }),
                ..Filter::default()
            },
        ),
        (
            vec!["--min-grade", "B2"],
            Filter {
                min_grade: Grade::parse("B2"),
                ..Filter::default()
            },
        ),
        (
            vec!["--publisher", "dawn"],
            Filter {
                publisher: Some(PublisherFilter {
                    name: "Dawn".into(),
                    alone: false,
                }),
                ..Filter::default()
            },
        ),
        (
            vec!["--rests-on", "Reuters"],
            Filter {
                publisher: Some(PublisherFilter {
                    name: "Reuters".into(),
                    alone: true,
                }),
                ..Filter::default()
            },
        ),
        (
            vec!["--publisher", "ISPR"],
            Filter {
                publisher: Some(PublisherFilter {
                    name: "ISPR".into(),
                    alone: false,
                }),
                ..Filter::default()
            },
        ),
        (
            vec!["--weakly-sourced", "--tag", "attack"],
            Filter {
                weakly_sourced: true,
                tags: vec![tag("attack")],
                ..Filter::default()
            },
        ),
    ];
    let all = t.events.len();
    for (flags, filter) in cases.into_iter().chain(on_sources) {
        let want: Vec<String> = query::apply(t, &index, &filter)
            .events
            .iter()
            .map(|&i| t.events[i].id.to_string())
            .collect();
        if filter.on_sources() {
            assert!(
                !want.is_empty() && want.len() < all,
                "{flags:?} should pick some events, not all: {want:?}"
            );
        }
        assert_eq!(listed_ids(&flags), want, "{flags:?}");
    }
    // As known on a day: the timeline is cut first, then filtered.
    let day = EventDate::parse("2015-01-01").unwrap();
    let known = t.as_known_on(day);
    let want: Vec<String> = query::apply(&known, &Index::build(&known), &Filter::default())
        .events
        .iter()
        .map(|&i| known.events[i].id.to_string())
        .collect();
    assert!(!want.is_empty() && want.len() < all, "{want:?}");
    assert_eq!(listed_ids(&["--as-of", "2015-01-01"]), want);
}

#[test]
fn bad_flags_and_invalid_timelines_exit_with_their_codes() {
    let path = fixture();
    let path = path.to_str().unwrap();
    for (flags, needle) in [
        (vec!["--format", "pdf"], "pdf"),
        (vec!["--actor", "talibans"], "did you mean \"taliban\""),
        (vec!["--tag", "nope"], "unknown tag"),
        (vec!["--from", "2020-13"], "month 13"),
        (vec!["--from", "2022", "--to", "2020"], "before"),
        (vec!["--min-grade", "B9"], "Admiralty grade"),
        (vec!["--stance", "deny"], "possible values"),
        (vec!["--by", "talibans"], "did you mean \"taliban\""),
        (vec!["--as-of", "2014-13"], "month 13"),
        (vec!["--publisher", "Dwan"], "did you mean \"Dawn\""),
        (
            vec!["--publisher", "Dawn", "--rests-on", "Dawn"],
            "cannot be used with",
        ),
    ] {
        let mut args = vec!["list", path];
        args.extend_from_slice(&flags);
        let out = chronoscope(&args);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert!(stderr(&out).contains(needle), "{flags:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{flags:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[timeline]\ntitle = 1\n").unwrap();
    let out = chronoscope(&["list", broken.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken.toml"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let missing = chronoscope(&["list", dir.path().join("absent.toml").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn with_no_path_list_exports_the_bundled_timeline() {
    let out = chronoscope(&[
        "list", "--format", "json", "--actor", "ttp", "--from", "2021",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(!doc["events"].as_array().unwrap().is_empty());
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A copy of the fixture in a fresh folder, so a refusal that failed could
/// never damage the committed file.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("timeline.toml");
    std::fs::copy(fixture(), &copy).unwrap();
    (dir, copy)
}

#[test]
fn output_writes_the_file_atomically() {
    let (dir, timeline) = scratch();
    let t = timeline.to_str().unwrap();
    let out_path = dir.path().join("brief.md");
    let o = out_path.to_str().unwrap();
    let run = chronoscope(&["list", t, "--format", "markdown", "--output", o]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        run.stdout.is_empty(),
        "nothing on stdout when writing a file"
    );
    let printed = stdout(&chronoscope(&["list", t, "--format", "markdown"]));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), printed);
    // A second export replaces the first whole.
    let run = chronoscope(&[
        "list", t, "--format", "markdown", "--actor", "taliban", "-o", o,
    ]);
    assert_eq!(run.status.code(), Some(0));
    let second = std::fs::read_to_string(&out_path).unwrap();
    assert!(second.len() < printed.len());
    assert_eq!(entries(dir.path()), ["brief.md", "timeline.toml"]);
}

#[test]
fn output_refuses_a_timeline_source() {
    let (dir, timeline) = scratch();
    let before = std::fs::read(&timeline).unwrap();
    let folder = dir.path().to_str().unwrap();
    let t = timeline.to_str().unwrap();
    let dotted = dir.path().join(".").join("timeline.toml");
    for (input, output) in [(t, t), (folder, t), (t, dotted.to_str().unwrap())] {
        let run = chronoscope(&["list", input, "--format", "csv", "--output", output]);
        assert_eq!(run.status.code(), Some(2), "{input} → {output}");
        let err = stderr(&run);
        // A .toml destination is refused for its name before anything else.
        assert!(
            err.contains("refusing") && err.contains("never TOML"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(&timeline).unwrap(), before);
    assert_eq!(entries(dir.path()), ["timeline.toml"]);
}

#[test]
fn output_into_a_missing_folder_fails_cleanly() {
    let (dir, timeline) = scratch();
    let target = dir.path().join("no-such-folder").join("out.json");
    let run = chronoscope(&[
        "list",
        timeline.to_str().unwrap(),
        "--format",
        "json",
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(
        err.contains("no-such-folder") && err.contains("does not exist"),
        "{err}"
    );
    assert!(run.stdout.is_empty());
    assert_eq!(entries(dir.path()), ["timeline.toml"]);
}

#[cfg(unix)]
#[test]
fn output_into_a_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, timeline) = scratch();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes anywhere; there the refusal cannot be observed.
    let probe = locked.join("probe");
    if std::fs::write(&probe, "").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user can write into a read-only folder (root)");
        return;
    }
    let target = locked.join("out.csv");
    let run = chronoscope(&[
        "list",
        timeline.to_str().unwrap(),
        "--format",
        "csv",
        "--output",
        target.to_str().unwrap(),
    ]);
    let listing = entries(&locked);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(err.contains("not writable"), "{err}");
    assert!(listing.is_empty(), "{listing:?}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["list", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn an_empty_listing_says_why_on_stderr() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["list", "--search", "no such words anywhere at all"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "note: no event matches the filters"
    );
}

/// RFC 7946's shapes for what the GeoJSON export writes: a
/// FeatureCollection of Features whose geometry is a Point of longitude
/// and latitude in range, and whose properties are an object.
const GEOJSON_POINTS: &str = r##"{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["type", "features"],
  "properties": {
    "type": { "const": "FeatureCollection" },
    "features": { "type": "array", "items": { "$ref": "#/definitions/feature" } }
  },
  "definitions": {
    "feature": {
      "type": "object",
      "required": ["type", "geometry", "properties"],
      "properties": {
        "type": { "const": "Feature" },
        "geometry": {
          "type": "object",
          "required": ["type", "coordinates"],
          "properties": {
            "type": { "const": "Point" },
            "coordinates": {
              "type": "array",
              "minItems": 2,
              "maxItems": 3,
              "items": [
                { "type": "number", "minimum": -180, "maximum": 180 },
                { "type": "number", "minimum": -90, "maximum": 90 }
              ]
            }
          }
        },
        "properties": { "type": ["object", "null"] }
      }
    }
  }
}"##;

#[test]
fn geojson_reads_back_as_points_at_the_events_places() {
    let l = loaded();
    let t = &l.timeline;
    let shown = everything(t);
    let doc: Value = serde_json::from_str(&render(Format::GeoJson, t, &shown)).unwrap();
    // The spec's shape.
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(
            "geojson.json",
            serde_json::from_str(GEOJSON_POINTS).unwrap(),
        )
        .unwrap();
    let mut schemas = boon::Schemas::new();
    let ix = compiler.compile("geojson.json", &mut schemas).unwrap();
    schemas
        .validate(&doc, ix)
        .unwrap_or_else(|e| panic!("not GeoJSON points: {e}"));
    // One feature per event and place, in the events' order.
    let features = doc["features"].as_array().unwrap();
    let expected: Vec<(&str, usize)> = t
        .events
        .iter()
        .flat_map(|e| e.places.iter().map(move |&p| (e.id.as_str(), p)))
        .collect();
    assert_eq!(features.len(), expected.len());
    assert!(!expected.is_empty(), "the fixture places some events");
    for (f, (id, p)) in features.iter().zip(expected) {
        let place = &t.places[p];
        let e = &t.events[t.event_ix(id).unwrap()];
        assert_eq!(f["geometry"]["coordinates"][0].as_f64(), Some(place.lon));
        assert_eq!(f["geometry"]["coordinates"][1].as_f64(), Some(place.lat));
        let props = &f["properties"];
        assert_eq!(props["id"], id);
        assert_eq!(props["date"], e.date.to_edtf());
        assert_eq!(props["place"], place.id.as_str());
        assert!(props["title"].is_string() && props["actors"].is_array());
    }
    let unplaced = t.events.iter().filter(|e| e.places.is_empty()).count();
    assert_eq!(doc["chronoscope"]["events_without_a_place"], unplaced);
    // A filter on a place keeps its events, and the places within it.
    let kp = t.place_ix("khyber-pakhtunkhwa").unwrap();
    let f = Filter {
        places: vec![kp],
        ..Filter::default()
    };
    let at_kp = query::apply(t, &Index::build(t), &f);
    let doc: Value = serde_json::from_str(&render(Format::GeoJson, t, &at_kp)).unwrap();
    let places: Vec<&str> = doc["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["place"].as_str().unwrap())
        .collect();
    assert_eq!(places, ["peshawar"]);
}
