#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::*;
use crate::load::{self, Loaded, read_paths, scan};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Every timeline that loads without an error: the bundled one and the
/// valid fixtures, the explorer's and the exports', the hostile text.
fn timelines() -> Vec<(String, Loaded)> {
    let mut out = vec![("bundled".to_string(), load::load(load::bundled()))];
    for name in [
        "valid/full.toml",
        "valid/minimal.toml",
        "valid/views.toml",
        "valid/multi",
        "explorer/timeline.toml",
        "export/timeline.toml",
        "hostile/escapes.toml",
    ] {
        let path = PathBuf::from(FIXTURES).join(name);
        out.push((name.to_string(), load::load(read_paths(&[path]).unwrap())));
    }
    for (name, l) in &out {
        assert_eq!(l.errors(), 0, "{name} loads");
    }
    out
}

fn key() -> Key {
    Key::of(&[], &[])
}

fn entry_of(t: &Timeline) -> Vec<u8> {
    encode(t, &SearchText::of(t), key()).unwrap()
}

#[test]
fn every_timeline_comes_back_as_it_was_loaded() {
    for (name, l) in timelines() {
        let text = SearchText::of(&l.timeline);
        let bytes = encode(&l.timeline, &text, key()).unwrap();
        let (t, got) = decode(&bytes, key()).unwrap_or_else(|m| panic!("{name}: {m:?}"));
        assert!(t == l.timeline, "{name}: the timeline differs");
        assert!(got == text, "{name}: the search text differs");
        // The lookups by id were made again.
        for e in &l.timeline.events {
            assert_eq!(t.event_ix(&e.id), l.timeline.event_ix(&e.id), "{name}");
        }
        for a in &l.timeline.actors {
            assert_eq!(t.actor_ix(&a.id), l.timeline.actor_ix(&a.id), "{name}");
        }
    }
}

/// Sections are read where the bytes lie when they are aligned as an
/// archive must be, and copied into memory of their own when not: an
/// entry comes back the same from aligned bytes, from bytes a byte off,
/// and from its file, mapped.
#[test]
fn an_entry_comes_back_the_same_in_place_copied_or_mapped() {
    let dir = tempfile::tempdir().unwrap();
    for (name, l) in timelines() {
        let bytes = entry_of(&l.timeline);
        let mut aligned = rkyv::util::AlignedVec::<16>::new();
        aligned.extend_from_slice(&bytes);
        let mut off = vec![0u8];
        off.extend_from_slice(&bytes);
        let path = dir.path().join("entry.cache");
        std::fs::write(&path, &bytes).unwrap();
        let file = File::open(&path).unwrap();
        let got = [
            layout::decode_from(&aligned[..], key()),
            layout::decode_from(&off[1..], key()),
            layout::read_file(&file, key()),
        ];
        for (how, got) in ["in place", "copied", "mapped"].iter().zip(got) {
            let (t, text) = got.unwrap_or_else(|m| panic!("{name}, {how}: {m:?}"));
            assert!(t == l.timeline, "{name}, {how}: the timeline differs");
            assert!(
                text == SearchText::of(&l.timeline),
                "{name}, {how}: the text differs"
            );
            // Only a mapping, which lasts, lends the events their text;
            // ids are always their own.
            let lent = |e: &crate::model::Event| e.title.is_lent() && e.details.is_lent();
            let mapped = *how == "mapped";
            assert!(
                t.events
                    .iter()
                    .all(|e| lent(e) == mapped && !e.id.is_lent()),
                "{name}, {how}: text lent from bytes that may go"
            );
        }
    }
}

#[test]
fn events_deserialised_on_every_core_come_back_in_their_order() {
    // Events in a dozen sections (1,024 each) and a part-filled last one,
    // each deserialised into its own run: any run out of place shows in
    // the order of ids.
    let mut text = String::from(
        "[timeline]\ntitle = \"Many\"\n\n[actors.a]\nname = \"A\"\nkind = \"person\"\nsummary = \"s\"\n",
    );
    for i in 0..3 * 4096 + 17 {
        let (year, day) = (1990 + i % 30, 1 + i % 28);
        text.push_str(&format!(
            "\n[[events]]\nid = \"e{i:05}\"\ndate = \"{year}-03-{day:02}\"\ntitle = \"Event {i}\"\n\
             summary = \"s {i}\"\nactors = [\"a\"]\nrelated = [\"e{:05}\"]\n\
             [[events.sources]]\npublisher = \"P\"\ntitle = \"T {i}\"\n",
            (i * 7) % (3 * 4096 + 17)
        ));
    }
    let l = load::from_str("many.toml", &text);
    assert_eq!(l.errors(), 0, "{:?}", l.problems());
    let (t, _) = decode(&entry_of(&l.timeline), key()).unwrap();
    assert!(t == l.timeline, "the timeline differs");
    assert_eq!(t.events.len(), 3 * 4096 + 17);
}

#[test]
fn an_entry_for_other_files_or_another_version_is_stale() {
    let t = load::load(load::bundled()).timeline;
    let bytes = entry_of(&t);
    let other = Key::with_version("0.0.0-other", &[], &[]);
    assert_eq!(decode(&bytes, other), Err(Miss::Stale));
}

/// A folder with one timeline file, and its key.
fn one_file(text: &str) -> (tempfile::TempDir, PathBuf, Key) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.toml");
    std::fs::write(&path, text).unwrap();
    let key = file_key(&path);
    (dir, path, key)
}

fn file_key(path: &Path) -> Key {
    let files = scan(&[path.to_path_buf()]).unwrap().files;
    let inputs = load::read_files(&files).unwrap();
    let key = Key::of(&files, &inputs);
    assert_eq!(
        Key::of_files(&files),
        Some(key),
        "hashed as read, the same key"
    );
    key
}

const SMALL: &str =
    "[timeline]\ntitle = \"T\"\n\n[[events]]\nid = \"a\"\ndate = \"2001\"\ntitle = \"Alpha\"\n";

#[test]
fn touching_a_file_changes_the_key() {
    let (_dir, path, before) = one_file(SMALL);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    let after = file_key(&path);
    assert_ne!(after, before);
    // The fingerprint, read without the content, sees it too: such an
    // entry is passed over unread.
    assert_ne!(after.stat, before.stat);
}

#[test]
fn a_changed_file_of_the_same_size_and_time_changes_the_key() {
    let (_dir, path, before) = one_file(SMALL);
    let when = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, SMALL.replace("Alpha", "Omega")).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(when).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.len(), meta.modified().unwrap()),
        (SMALL.len() as u64, when)
    );
    let after = file_key(&path);
    assert_ne!(after, before, "the content hash tells them apart");
    assert_eq!(after.stat, before.stat, "what only reading the file tells");
}

#[test]
fn a_damaged_or_cut_entry_is_refused() {
    let t = load::load(load::bundled()).timeline;
    let bytes = entry_of(&t);
    // Every byte of the header and a spread of the rest, flipped alone.
    let step = (bytes.len() / 97).max(1);
    for at in (0..HEADER).chain((HEADER..bytes.len()).step_by(step)) {
        let mut bad = bytes.clone();
        bad[at] ^= 0x55;
        assert!(
            decode(&bad, key()).is_err(),
            "byte {at} flipped was not noticed"
        );
    }
    for len in [0, 7, HEADER - 1, HEADER, bytes.len() / 2, bytes.len() - 1] {
        assert!(decode(&bytes[..len], key()).is_err(), "cut to {len} bytes");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer, key()).is_err());
}

#[test]
fn an_entry_claiming_more_events_than_it_holds_is_refused() {
    let t = load::load(load::bundled()).timeline;
    let bytes = entry_of(&t);
    let count = u64::from_le_bytes(bytes[40..48].try_into().unwrap());
    assert_eq!(count, t.events.len() as u64, "the header counts the events");
    // Vastly more (room for them is never asked for), one more or one
    // fewer (the last section does not fit), none at all.
    for claimed in [u64::MAX, 1 << 40, count + 1, count - 1, 0] {
        let mut bad = bytes.clone();
        bad[40..48].copy_from_slice(&claimed.to_le_bytes());
        assert!(
            matches!(decode(&bad, key()), Err(Miss::Corrupt(_))),
            "{claimed} events were not refused"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_entry_cut_short_while_it_is_read_is_a_miss() {
    let t = load::load(load::bundled()).timeline;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entry.cache");
    std::fs::write(&path, entry_of(&t)).unwrap();
    let file = File::open(&path).unwrap();
    assert!(layout::read_file(&file, key()).is_ok(), "whole, it is read");
    // Another process cuts the file after this one mapped it: the file
    // no longer has the mapping's length, and none of it is read (a page
    // past the new end would fault).
    let len = file.metadata().unwrap().len();
    let reading = layout::InFile::new(&file).unwrap();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    assert!(matches!(
        layout::decode_from(&reading, key()),
        Err(Miss::Corrupt(_))
    ));
}

/// An entry whose checksums and archives are good but whose timeline no
/// loader would make: each one is refused.
#[test]
fn a_well_formed_entry_with_an_unsound_timeline_is_refused() {
    let base = load::load(load::bundled()).timeline;
    type Spoil = fn(&mut Timeline);
    let unsound: Vec<(&str, Spoil)> = vec![
        ("an actor past the end", |t| t.events[0].actors.push(9999)),
        ("a related event past the end", |t| {
            t.events[0].related.push(usize::MAX >> 40)
        }),
        ("a tag past the end", |t| {
            t.events[0].tags.push(t.tags.len())
        }),
        ("a claimant past the end", |t| {
            let e = t.events.iter_mut().find(|e| !e.claims.is_empty()).unwrap();
            e.claims[0].by = 9999;
        }),
        ("a claim citing a source the event lacks", |t| {
            let e = t.events.iter_mut().find(|e| !e.claims.is_empty()).unwrap();
            e.claims[0].sources.push(e.sources.len());
        }),
        ("a tour step past the end", |t| {
            t.tours[0].steps[0].event = 1 << 20
        }),
        ("a place within itself", |t| t.places[0].within = Some(0)),
        ("two places within each other", |t| {
            t.places[0].within = Some(1);
            t.places[1].within = Some(0);
        }),
        ("an escape in a title", |t| {
            t.events[0].title = "\u{1b}]52;c;aGk=\u{7}".into()
        }),
        ("a bidi override in a name", |t| {
            t.actors[0].name = "\u{202e}evil".into()
        }),
        ("events out of order", |t| t.events.swap(0, 5)),
        ("actors out of order", |t| t.actors.swap(0, 1)),
        ("an end before the start", |t| {
            t.events[0].end = Some(crate::model::EventDate::parse("1900").unwrap());
        }),
        ("a grade off the scale", |t| {
            let s = t
                .events
                .iter_mut()
                .flat_map(|e| &mut e.sources)
                .find(|s| s.grade.is_some())
                .unwrap();
            s.grade = Some(crate::model::Grade {
                reliability: 'Z',
                credibility: 9,
            });
        }),
        ("a place off the globe", |t| t.places[0].lat = f64::NAN),
    ];
    for (what, spoil) in unsound {
        let mut t = base.clone();
        spoil(&mut t);
        let text = SearchText::of(&base);
        let bytes = encode(&t, &text, key()).unwrap();
        assert!(
            matches!(decode(&bytes, key()), Err(Miss::Corrupt(_))),
            "{what} was not refused"
        );
    }
}

#[test]
fn search_text_that_does_not_fit_the_events_is_refused() {
    let t = load::load(load::bundled()).timeline;
    let mut fewer = t.clone();
    fewer.events.pop();
    let bytes = encode(&t, &SearchText::of(&fewer), key()).unwrap();
    assert!(matches!(decode(&bytes, key()), Err(Miss::Corrupt(_))));
}

/// A folder holding the valid multi-file fixture, the paths to open and
/// a cache folder: what `Opened::load` is given.
struct Scene {
    _dir: tempfile::TempDir,
    paths: Vec<PathBuf>,
    cache: PathBuf,
}

fn scene() -> Scene {
    let dir = tempfile::tempdir().unwrap();
    let timeline = dir.path().join("timeline");
    std::fs::create_dir(&timeline).unwrap();
    for f in std::fs::read_dir(Path::new(FIXTURES).join("valid/multi")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, timeline.join(f.file_name().unwrap())).unwrap();
    }
    let cache = dir.path().join("cache");
    Scene {
        _dir: dir,
        paths: vec![timeline],
        cache,
    }
}

fn open(s: &Scene) -> Opened {
    let files = scan(&s.paths).unwrap().files;
    let mut opened = Opened::load(Some(&s.cache), &s.paths, &files).unwrap();
    let _index = opened.index();
    wait();
    opened
}

#[test]
fn the_second_open_comes_from_the_cache_and_equals_the_first() {
    let s = scene();
    let first = open(&s);
    assert!(!first.from_cache());
    assert!(
        entry(&s.cache, &s.paths).is_file(),
        "the first open wrote an entry"
    );
    let second = open(&s);
    assert!(second.from_cache());
    assert!(second.loaded.timeline == first.loaded.timeline);
}

#[test]
fn a_bad_entry_is_passed_over_and_written_again() {
    let s = scene();
    let fresh = open(&s).loaded.timeline;
    let path = entry(&s.cache, &s.paths);
    let good = std::fs::read(&path).unwrap();
    let damaged = {
        let mut b = good.clone();
        let n = b.len();
        b[n - 3] ^= 0xFF;
        b
    };
    let hostile = {
        let mut t = fresh.clone();
        t.events[0].actors.push(4096);
        let key = read_key(&good);
        encode(&t, &SearchText::of(&fresh), key).unwrap()
    };
    for (what, bytes) in [
        ("damaged", damaged),
        ("cut short", good[..good.len() / 3].to_vec()),
        ("hostile", hostile),
        ("empty", Vec::new()),
    ] {
        std::fs::write(&path, &bytes).unwrap();
        let opened = open(&s);
        assert!(!opened.from_cache(), "{what}: used");
        assert!(
            opened.loaded.timeline == fresh,
            "{what}: not the files' timeline"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            good,
            "{what}: not written again"
        );
    }
}

fn read_key(entry: &[u8]) -> Key {
    let mut k = [0; 16];
    k.copy_from_slice(&entry[8..24]);
    let mut stat = [0; 8];
    stat.copy_from_slice(&entry[56..64]);
    let key = Key {
        all: u128::from_le_bytes(k),
        stat: u64::from_le_bytes(stat),
    };
    assert_eq!(key.to_le_bytes(), k);
    key
}

#[test]
fn an_edited_file_is_loaded_from_the_files() {
    let s = scene();
    open(&s);
    let events = s.paths[0].join("events.toml");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(&events, text.replacen("title = \"", "title = \"Edited ", 1)).unwrap();
    let opened = open(&s);
    assert!(!opened.from_cache());
    assert!(
        opened
            .loaded
            .timeline
            .events
            .iter()
            .any(|e| e.title.starts_with("Edited ")),
        "the edit is shown"
    );
    assert!(open(&s).from_cache(), "and kept for the next open");
}

#[test]
fn a_timeline_with_errors_is_never_kept() {
    let s = scene();
    let events = s.paths[0].join("events.toml");
    std::fs::write(&events, "[[events]]\nid = \"x\"\n").unwrap();
    let opened = open(&s);
    assert!(opened.loaded.errors() > 0);
    assert!(!entry(&s.cache, &s.paths).exists());
    // The errors are shown from the files' text, so it stays.
    assert!(!opened.loaded.files.files.is_empty());
}

#[test]
fn without_a_folder_nothing_is_read_or_written() {
    let s = scene();
    let files = scan(&s.paths).unwrap().files;
    let mut opened = Opened::load(None, &s.paths, &files).unwrap();
    assert!(!opened.loaded.files.files.is_empty());
    opened.index();
    wait();
    assert!(!s.cache.exists());
    // No message needs the text of files with no error: it is not held
    // beside the index.
    assert!(opened.loaded.files.files.is_empty());
}

#[test]
fn the_folder_is_kept_under_its_limit_and_the_newest_stays() {
    let dir = tempfile::tempdir().unwrap();
    let now = SystemTime::now();
    for (i, name) in ["old", "mid", "new"].iter().enumerate() {
        let path = dir.path().join(format!("{name}.{SUFFIX}"));
        std::fs::write(&path, vec![0; 100]).unwrap();
        let f = std::fs::File::options().write(true).open(&path).unwrap();
        f.set_modified(now - Duration::from_secs(100 - i as u64 * 10))
            .unwrap();
    }
    std::fs::write(dir.path().join("notes.txt"), "not ours").unwrap();
    let keep = dir.path().join(format!("new.{SUFFIX}"));
    evict(dir.path(), &keep, 250).unwrap();
    let left: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(left, ["mid.cache", "new.cache", "notes.txt"]);
    // Even alone over the limit, the newest stays.
    evict(dir.path(), &keep, 10).unwrap();
    assert!(keep.exists());
    assert_eq!(usage(dir.path()), (1, 100));
    assert_eq!(clear(dir.path()).unwrap(), (1, 100));
    assert!(
        dir.path().join("notes.txt").exists(),
        "clear leaves others' files"
    );
}
