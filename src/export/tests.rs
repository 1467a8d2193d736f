//! Unit tests over a timeline built in memory, bypassing the loader's
//! sanitizer, so they prove the exports sanitize at output on their own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use super::*;
use crate::model::{
    Actor, ActorKind, Claim, Event, EventDate, Grade, Place, PlaceKind, Source, Stance, Timeline,
};
use crate::query::{Filter, Index, apply};

const HOSTILE: &str = "a\u{1b}]0;pwned\u{7}b\u{1b}[2J\u{9b}c\u{202e}d\re\tf\u{7f}";

fn d(s: &str) -> EventDate {
    EventDate::parse(s).unwrap()
}

fn raw_timeline() -> Timeline {
    let actor = |id: &str, name: &str| Actor {
        id: id.into(),
        name: name.into(),
        short: format!("{name}-short"),
        aliases: vec![HOSTILE.into()],
        kind: ActorKind::Other,
        summary: HOSTILE.into(),
        links: vec![],
    };
    let event = |id: &str, date: &str| Event {
        id: id.into(),
        date: d(date),
        end: None,
        title: format!("={HOSTILE}").into(),
        summary: format!("{HOSTILE}\n\n- second paragraph").into(),
        details: HOSTILE.into(),
        editor_note: HOSTILE.into(),
        actors: vec![0, 1],
        location: HOSTILE.into(),
        places: vec![0],
        tags: vec![0],
        figures: vec![(HOSTILE.into(), 3)],
        related: vec![],
        claims: vec![Claim {
            by: 1,
            stance: Stance::Denies,
            text: HOSTILE.into(),
            sources: vec![0],
        }],
        sources: vec![Source {
            publisher: HOSTILE.into(),
            title: HOSTILE.into(),
            date: Some(d("2020-01")),
            url: Some(format!("https://example.org/{HOSTILE}").into()),
            grade: Grade::parse("B2"),
        }],
        origin: Default::default(),
    };
    let mut second = event("b", "2021-06~");
    second.end = Some(d("2021-08~"));
    second.related = vec![0];
    Timeline::new(
        HOSTILE.into(),
        HOSTILE.into(),
        None,
        vec![actor("x", HOSTILE), actor("y", "Y")],
        vec![event("a", "2020"), second],
        vec![HOSTILE.into()],
        vec![],
        vec![Place {
            id: "p".into(),
            name: HOSTILE.into(),
            short: HOSTILE.into(),
            kind: PlaceKind::City,
            lat: 34.0151,
            lon: 71.5249,
            within: None,
            aliases: vec![HOSTILE.into()],
        }],
    )
}

fn about(t: &Timeline, shown: &Filtered) -> About {
    About::at(
        t,
        &Filter::default(),
        shown,
        "2024-01-31T10:00:00+05:00".into(),
    )
}

fn render(format: Format, t: &Timeline, shown: &Filtered) -> String {
    format.render(t, shown, &about(t, shown))
}

fn everything(t: &Timeline) -> Filtered {
    apply(t, &Index::build(t), &Filter::default())
}

#[test]
fn no_format_lets_a_control_character_through() {
    let t = raw_timeline();
    let shown = everything(&t);
    assert_eq!(shown.events.len(), 2);
    for format in Format::ALL {
        let out = render(format, &t, &shown);
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| c != '\n' && crate::text::is_unsafe(c) || c == '\t')
            .collect();
        assert!(bad.is_empty(), "{format}: {bad:?} in\n{out}");
        assert!(
            out.contains('␛'),
            "{format} shows the escape as a visible mark"
        );
        assert!(out.ends_with('\n'), "{format} ends with a newline");
    }
}

#[test]
fn formats_parse_as_they_print() {
    use clap::ValueEnum;
    for f in Format::ALL {
        assert_eq!(Format::from_str(f.as_str(), false).ok(), Some(f));
    }
    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    assert_eq!(
        Format::Markdown.suggested_file_name(day),
        "chronology-20240131.md"
    );
    assert_eq!(
        Format::TimelineJs.suggested_file_name(day),
        "chronology-20240131.timelinejs.json"
    );
    assert_eq!(Format::Csv.suggested_extension(), "csv");
}

#[test]
fn a_stale_selection_is_skipped_not_trusted() {
    let t = raw_timeline();
    let shown = Filtered {
        events: vec![1, 7, 0],
        ..Filtered::default()
    };
    for format in Format::ALL {
        let out = render(format, &t, &shown);
        assert!(!out.is_empty(), "{format}");
    }
    assert_eq!(to_text(&t, &shown).lines().count(), 2);
}

#[test]
fn an_empty_selection_still_makes_a_valid_document() {
    let t = raw_timeline();
    let shown = Filtered::default();
    assert_eq!(to_text(&t, &shown), "");
    assert_eq!(to_csv(&t, &shown, &about(&t, &shown)).lines().count(), 1);
    let json: serde_json::Value =
        serde_json::from_str(&to_json(&t, &shown, &about(&t, &shown))).unwrap();
    assert_eq!(json["events"].as_array().map(Vec::len), Some(0));
    let tl: serde_json::Value =
        serde_json::from_str(&to_timelinejs(&t, &shown, &about(&t, &shown))).unwrap();
    assert_eq!(tl["events"].as_array().map(Vec::len), Some(0));
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn writes_replace_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.md");
    let written = write_atomic(&path, "one\n", &Protected::default(), Replace::Allow).unwrap();
    assert_eq!(written, path.canonicalize().unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\n");
    write_atomic(&path, "two\n", &Protected::default(), Replace::Allow).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "two\n");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_timeline_source_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    // A timeline file given by path may have any name; a .toml one is
    // refused for its name already.
    let source = dir.path().join("t.txt");
    std::fs::write(&source, "original").unwrap();
    let sources = Protected {
        files: vec![source.clone()],
        folders: vec![],
    };
    let spellings = [
        source.clone(),
        dir.path().join(".").join("t.txt"),
        dir.path().join("sub").join("..").join("t.txt"),
    ];
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for p in &spellings {
        let err = write_atomic(p, "x", &sources, Replace::Allow).unwrap_err();
        assert!(
            matches!(err, ExportError::TimelineSource(_)),
            "{p:?}: {err}"
        );
    }
    #[cfg(unix)]
    {
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&source, &link).unwrap();
        assert!(matches!(
            write_atomic(&link, "x", &sources, Replace::Allow),
            Err(ExportError::TimelineSource(_))
        ));
        let hard = dir.path().join("hard.txt");
        std::fs::hard_link(&source, &hard).unwrap();
        assert!(matches!(
            write_atomic(&hard, "x", &sources, Replace::Allow),
            Err(ExportError::TimelineSource(_))
        ));
    }
    assert_eq!(std::fs::read_to_string(&source).unwrap(), "original");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn bad_destinations_are_named_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope").join("out.md");
    let err = write_atomic(&missing, "x", &Protected::default(), Replace::Allow).unwrap_err();
    assert!(matches!(err, ExportError::MissingFolder(_)), "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(matches!(
        write_atomic(dir.path(), "x", &Protected::default(), Replace::Allow),
        Err(ExportError::IsAFolder(_))
    ));
    assert!(matches!(
        write_atomic(
            &PathBuf::from(""),
            "x",
            &Protected::default(),
            Replace::Allow
        ),
        Err(ExportError::NoFileName(_))
    ));
    assert!(matches!(
        write_atomic(
            &PathBuf::from("/"),
            "x",
            &Protected::default(),
            Replace::Allow
        ),
        Err(ExportError::NoFileName(_))
    ));
    #[cfg(unix)]
    {
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = write_atomic(&fifo, "x", &Protected::default(), Replace::Allow).unwrap_err();
            assert!(matches!(err, ExportError::NotAFile(_)), "{err}");
            std::fs::remove_file(&fifo).unwrap();
        }
    }
    let file = dir.path().join("plain");
    std::fs::write(&file, "").unwrap();
    assert!(
        write_atomic(
            &file.join("out.md"),
            "x",
            &Protected::default(),
            Replace::Allow
        )
        .is_err()
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn io_errors_become_actionable_messages() {
    use std::io::{Error, ErrorKind};
    let p = std::path::Path::new("out/brief.md");
    let full = ExportError::from_io(p, Error::from(ErrorKind::StorageFull));
    assert!(matches!(full, ExportError::DiskFull(_)));
    assert!(full.to_string().contains("disk is full"), "{full}");
    let ro = ExportError::from_io(p, Error::from(ErrorKind::ReadOnlyFilesystem));
    assert!(ro.to_string().contains("not writable"), "{ro}");
    let denied = ExportError::from_io(p, Error::from(ErrorKind::PermissionDenied));
    assert!(
        denied.to_string().contains("folder out is not writable"),
        "{denied}"
    );
    let hostile = ExportError::from_io(
        std::path::Path::new("a\u{1b}[2J.md"),
        Error::from(ErrorKind::Other),
    );
    assert!(!hostile.to_string().contains('\u{1b}'));
}

#[test]
fn a_toml_destination_is_refused_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["u.toml", "U.TOML"] {
        let err = write_atomic(
            &dir.path().join(name),
            "x",
            &Protected::default(),
            Replace::Allow,
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::TomlDestination(_)), "{err}");
    }
    assert!(leftovers(dir.path()).is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn nothing_is_written_inside_a_folder_the_timeline_is_read_from() {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("tl");
    std::fs::create_dir_all(tl.join("sub")).unwrap();
    let protected = Protected {
        files: vec![],
        folders: vec![tl.clone()],
    };
    for p in [tl.join("brief.md"), tl.join("sub").join("brief.md")] {
        let err = write_atomic(&p, "x", &protected, Replace::Allow).unwrap_err();
        assert!(
            matches!(err, ExportError::InsideTimelineFolder(..)),
            "{err}"
        );
    }
    assert!(
        write_atomic(
            &dir.path().join("brief.md"),
            "x",
            &protected,
            Replace::Allow
        )
        .is_ok()
    );
}

#[test]
fn an_existing_file_is_replaced_only_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.md");
    std::fs::write(&path, "first").unwrap();
    let err = write_atomic(&path, "second", &Protected::default(), Replace::Refuse).unwrap_err();
    assert!(matches!(err, ExportError::Exists(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
    write_atomic(&path, "second", &Protected::default(), Replace::Allow).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
}

#[test]
fn a_trailing_slash_names_a_folder_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = PathBuf::from(format!("{}/out/", dir.path().display()));
    let err = write_atomic(&p, "x", &Protected::default(), Replace::Allow).unwrap_err();
    assert!(matches!(err, ExportError::TrailingSlash(_)), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[cfg(unix)]
#[test]
fn a_link_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.md");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    write_atomic(&link, "new", &Protected::default(), Replace::Allow).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink(dir.path().join("nowhere.md"), &dangling).unwrap();
    let err = write_atomic(&dangling, "x", &Protected::default(), Replace::Allow).unwrap_err();
    assert!(matches!(err, ExportError::DanglingLink(_)), "{err}");
}

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_mode_the_umask_allows_and_a_replaced_one_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // The process's umask, as Linux reports it; elsewhere the usual 022.
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        })
        .unwrap_or(0o022);
    let path = dir.path().join("out.md");
    write_atomic(&path, "one", &Protected::default(), Replace::Allow).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o666 & !umask);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    write_atomic(&path, "two", &Protected::default(), Replace::Allow).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn every_export_says_what_chose_its_events_and_when() {
    let t = raw_timeline();
    let shown = everything(&t);
    let md = render(Format::Markdown, &t, &shown);
    assert!(
        md.lines()
            .nth(2)
            .unwrap()
            .contains("no filter · exported 2024-01-31T10:00:00+05:00 by chronoscope"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&render(Format::Json, &t, &shown)).unwrap();
    assert_eq!(json["query"]["exported_at"], "2024-01-31T10:00:00+05:00");
    assert_eq!(
        json["query"]["chronoscope_version"],
        env!("CARGO_PKG_VERSION")
    );
    let csv = render(Format::Csv, &t, &shown);
    assert!(csv.lines().next().unwrap().ends_with(",exported"));
    let tl = render(Format::TimelineJs, &t, &shown);
    assert!(tl.contains("exported 2024-01-31"));
}

#[test]
fn a_claim_with_a_semicolon_stays_one_claim_in_csv() {
    let mut t = raw_timeline();
    t.events[0].claims = vec![
        Claim {
            by: 1,
            stance: Stance::Denies,
            text: "first; still the first".into(),
            sources: vec![],
        },
        Claim {
            by: 0,
            stance: Stance::Asserts,
            text: "second".into(),
            sources: vec![],
        },
    ];
    let shown = everything(&t);
    let csv = to_csv(&t, &shown, &about(&t, &shown));
    let mut r = ::csv::Reader::from_reader(csv.as_bytes());
    let at = super::csv::COLUMNS
        .iter()
        .position(|c| *c == "claims")
        .unwrap();
    let claims = r.records().next().unwrap().unwrap()[at].to_string();
    let lines: Vec<&str> = claims.lines().collect();
    assert_eq!(lines.len(), 2, "{claims:?}");
    assert!(lines[0].ends_with("first; still the first"));
}

#[test]
fn the_timelinejs_slides_carry_the_claims_attributed() {
    let mut t = raw_timeline();
    t.events[0].claims = vec![Claim {
        by: 1,
        stance: Stance::Denies,
        text: "we deny it".into(),
        sources: vec![],
    }];
    let shown = everything(&t);
    let tl = to_timelinejs(&t, &shown, &about(&t, &shown));
    assert!(tl.contains("</b> denies: we deny it"), "{tl}");
}

#[test]
fn a_disputed_toll_is_flagged_in_the_brief() {
    let mut t = raw_timeline();
    t.events[0].details = "Tolls differ: 24 killed (police), 31 (hospital).".into();
    let shown = everything(&t);
    let md = render(Format::Markdown, &t, &shown);
    assert!(md.contains("*Toll disputed"), "{md}");
    t.events[0].details = "The army said 12 were killed.".into();
    assert!(!render(Format::Markdown, &t, &everything(&t)).contains("Toll disputed"));
}

#[test]
fn an_interrupted_export_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join(".chronoscope-export-x.tmp");
    std::fs::write(&tmp, "half").unwrap();
    let _listed = super::write::list_for_test(&tmp);
    super::write::remove_for_test(dir.path());
    assert!(!tmp.exists());
}

#[test]
fn a_tour_is_a_new_toml_file_never_over_one_nor_inside_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("tl");
    std::fs::create_dir_all(&tl).unwrap();
    let protected = Protected {
        files: vec![],
        folders: vec![tl.clone()],
    };
    let tour = dir.path().join("tour.toml");
    let written = write_new_toml(&tour, "[[tours]]\n", &protected).unwrap();
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "[[tours]]\n");
    // Never over a file, not even the one just written.
    let err = write_new_toml(&tour, "again", &protected).unwrap_err();
    assert!(matches!(err, ExportError::Exists(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&tour).unwrap(), "[[tours]]\n");
    // Never into the timeline's folder, where it would join the timeline.
    let err = write_new_toml(&tl.join("tour.toml"), "x", &protected).unwrap_err();
    assert!(
        matches!(err, ExportError::InsideTimelineFolder(..)),
        "{err}"
    );
    // A tour is TOML.
    let err = write_new_toml(&dir.path().join("tour.md"), "x", &protected).unwrap_err();
    assert!(matches!(err, ExportError::NotToml(_)), "{err}");
}

#[test]
fn a_streamed_export_is_the_same_however_often_it_is_written_out() {
    // The bundled timeline, and two events with no source, whose Markdown
    // ends on an event's trailing blank lines rather than on footnotes.
    let bare = crate::load::Input {
        name: "bare.toml".into(),
        bytes: b"[timeline]\ntitle = \"T\"\n[[events]]\nid = \"a\"\ndate = \"2001\"\ntitle = \"A\"\nsummary = \"S\"\n[[events]]\nid = \"b\"\ndate = \"2002\"\ntitle = \"B\"\nsummary = \"S\"\ndetails = \"D\"\n".to_vec(),
    };
    for t in [
        crate::load::load(crate::load::bundled()).timeline,
        crate::load::load(vec![bare]).timeline,
    ] {
        streams_alike(&t);
    }
}

fn streams_alike(t: &Timeline) {
    let shown = crate::query::apply(t, &crate::query::Index::build(t), &Filter::default());
    assert!(shown.events.len() > 1);
    let about = about(t, &shown);
    for f in Format::ALL {
        let whole = f.render(t, &shown, &about);
        // After every event, not once in the whole document.
        super::SPILL_AT.with(|s| s.set(1));
        let mut cut = Vec::new();
        f.render_to(t, &shown, &about, &mut cut).unwrap();
        super::SPILL_AT.with(|s| s.set(1 << 16));
        assert_eq!(String::from_utf8(cut).unwrap(), whole, "{f}");
    }
}
