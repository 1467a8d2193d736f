//! Unit tests over a timeline built in memory, bypassing the loader's
//! sanitizer, so they prove the exports sanitize at output on their own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use super::*;
use crate::model::{Actor, ActorKind, Claim, Event, EventDate, Grade, Source, Stance, Timeline};
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
        title: format!("={HOSTILE}"),
        summary: format!("{HOSTILE}\n\n- second paragraph"),
        details: HOSTILE.into(),
        actors: vec![0, 1],
        location: HOSTILE.into(),
        tags: vec![0],
        figures: vec![(HOSTILE.into(), 3)],
        related: vec![],
        claims: vec![Claim {
            by: 1,
            stance: Stance::Denies,
            text: HOSTILE.into(),
        }],
        sources: vec![Source {
            publisher: HOSTILE.into(),
            title: HOSTILE.into(),
            date: Some(d("2020-01")),
            url: Some(format!("https://example.org/{HOSTILE}")),
            grade: Grade::parse("B2"),
        }],
        origin: String::new(),
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
    )
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
        let out = format.render(&t, &shown);
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
        let out = format.render(&t, &shown);
        assert!(!out.is_empty(), "{format}");
    }
    assert_eq!(to_text(&t, &shown).lines().count(), 2);
}

#[test]
fn an_empty_selection_still_makes_a_valid_document() {
    let t = raw_timeline();
    let shown = Filtered::default();
    assert_eq!(to_text(&t, &shown), "");
    assert_eq!(to_csv(&t, &shown).lines().count(), 1);
    let json: serde_json::Value = serde_json::from_str(&to_json(&t, &shown)).unwrap();
    assert_eq!(json["events"].as_array().map(Vec::len), Some(0));
    let tl: serde_json::Value = serde_json::from_str(&to_timelinejs(&t, &shown)).unwrap();
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
    let written = write_atomic(&path, "one\n", &[]).unwrap();
    assert_eq!(written, path.canonicalize().unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "one\n");
    write_atomic(&path, "two\n", &[]).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "two\n");
    assert!(leftovers(dir.path()).is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
}

#[test]
fn a_timeline_source_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("t.toml");
    std::fs::write(&source, "original").unwrap();
    let sources = vec![source.clone()];
    let spellings = [
        source.clone(),
        dir.path().join(".").join("t.toml"),
        dir.path().join("sub").join("..").join("t.toml"),
    ];
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for p in &spellings {
        let err = write_atomic(p, "x", &sources).unwrap_err();
        assert!(
            matches!(err, ExportError::TimelineSource(_)),
            "{p:?}: {err}"
        );
    }
    #[cfg(unix)]
    {
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&source, &link).unwrap();
        assert!(matches!(
            write_atomic(&link, "x", &sources),
            Err(ExportError::TimelineSource(_))
        ));
        let hard = dir.path().join("hard.toml");
        std::fs::hard_link(&source, &hard).unwrap();
        assert!(matches!(
            write_atomic(&hard, "x", &sources),
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
    let err = write_atomic(&missing, "x", &[]).unwrap_err();
    assert!(matches!(err, ExportError::MissingFolder(_)), "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(matches!(
        write_atomic(dir.path(), "x", &[]),
        Err(ExportError::IsAFolder(_))
    ));
    assert!(matches!(
        write_atomic(&PathBuf::from(""), "x", &[]),
        Err(ExportError::NoFileName(_))
    ));
    assert!(matches!(
        write_atomic(&PathBuf::from("/"), "x", &[]),
        Err(ExportError::NoFileName(_))
    ));
    #[cfg(unix)]
    {
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = write_atomic(&fifo, "x", &[]).unwrap_err();
            assert!(matches!(err, ExportError::NotAFile(_)), "{err}");
            std::fs::remove_file(&fifo).unwrap();
        }
    }
    let file = dir.path().join("plain");
    std::fs::write(&file, "").unwrap();
    assert!(write_atomic(&file.join("out.md"), "x", &[]).is_err());
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
