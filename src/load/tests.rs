//! Loader tests on inline TOML.

#![allow(clippy::expect_used)]

use super::pieces::{cuts, parse_all, parse_general};
use super::*;

fn load_str(text: &str) -> Loaded {
    from_str("t.toml", text)
}

const BASE: &str = r#"
[timeline]
title = "T"
coverage = { from = "2007", to = "2024" }

[actors.ttp]
name = "Tehrik-i-Taliban Pakistan"
short = "TTP"
kind = "armed-group"
summary = "s"

[[events]]
id = "a"
date = "2014-12-16"
title = "A"
summary = "s"
actors = ["ttp"]
[[events.sources]]
publisher = "P"
title = "T"
date = "2014-12-16"
"#;

#[test]
fn a_valid_file_loads_without_diagnostics() {
    let l = load_str(BASE);
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    assert_eq!(l.timeline.events.len(), 1);
    assert_eq!(l.timeline.actors[0].short, "TTP");
}

#[test]
fn spans_point_at_the_value() {
    let l = load_str(&BASE.replace("actors = [\"ttp\"]", "actors = [\"ttp-leadership\"]"));
    let d = l
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown-actor")
        .expect("an unknown-actor error");
    let label = d.primary.as_ref().map(|p| l.files.position(p));
    assert_eq!(label.as_deref(), Some("t.toml:17:11"));
}

#[test]
fn plain_text_is_what_sanitize_leaves_alone() {
    let mut s = String::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        s.clear();
        s.push(c);
        if crate::text::is_plain(&s) {
            assert_eq!(crate::text::sanitize(&s), s.as_str(), "{c:?}");
        }
    }
    assert!(crate::text::is_plain(
        "Peshawar, 16 Dec 2014\nÜrümqi, Çelik"
    ));
    assert!(!crate::text::is_plain("a\tb"));
    assert!(!crate::text::is_plain("x\ry"));
}

#[test]
fn text_fields_are_sanitized_on_both_paths() {
    let l = load_str(&BASE.replace(
        "title = \"A\"",
        "title = \"A\\u001b[2J \\u202e\"\nlocation = \"Kabul\\n— city\"\ndetails = \"  d\\te  \"",
    ));
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    let e = &l.timeline.events[0];
    assert_eq!(e.title, "A␛[2J <U+202E>");
    assert_eq!(e.location, "Kabul — city");
    assert_eq!(e.details, "d   e");
    assert_eq!(e.summary, "s");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(BASE.as_bytes());
    let l = load(vec![Input {
        name: "t.toml".into(),
        bytes,
    }]);
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    assert_eq!(l.timeline.events.len(), 1);
}

#[test]
fn files_decoded_in_parallel_keep_their_order_and_their_own_problems() {
    // Every file is decoded on whichever core is free: the ids, the names
    // and each encoding problem must still follow the order given.
    let mut inputs: Vec<Input> = (0..12)
        .map(|i| Input {
            name: format!("f{i:02}.toml"),
            bytes: BASE
                .replace("id = \"a\"", &format!("id = \"e{i}\""))
                .into_bytes(),
        })
        .collect();
    inputs[3].bytes = b"\xFF\xFEt\0i\0t\0l\0e\0".to_vec();
    inputs[8].bytes.extend_from_slice(b"# \xC3(\n");
    let l = load(inputs);
    let names: Vec<&str> = l.files.files.iter().map(|f| f.name.as_str()).collect();
    let wanted: Vec<String> = (0..12).map(|i| format!("f{i:02}.toml")).collect();
    assert_eq!(names, wanted);
    let encoding: Vec<(FileId, &str)> = l
        .diagnostics
        .iter()
        .filter(|d| d.code == "encoding")
        .filter_map(|d| Some((d.primary.as_ref()?.file, d.message.as_str())))
        .collect();
    assert_eq!(
        encoding,
        [
            (3, "the file is UTF-16; timeline files are UTF-8"),
            (8, "the file is not valid UTF-8")
        ]
    );
}

#[test]
fn of_several_unreadable_files_the_first_in_order_is_the_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good = dir.path().join("a.toml");
    std::fs::write(&good, BASE).expect("written");
    let files: Vec<PathBuf> = std::iter::once(good)
        .chain((0..16).map(|i| dir.path().join(format!("gone-{i:02}.toml"))))
        .collect();
    for _ in 0..8 {
        match read_files(&files) {
            Err(LoadError::Unreadable(path, _)) => assert_eq!(path, files[1]),
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("the missing files were read"),
        }
    }
}

#[test]
fn files_parsed_in_parallel_merge_in_file_order() {
    // Two files define the same event id: the first file's is "first defined",
    // however the threads are scheduled.
    let event = |id: &str, title: &str| {
        format!(
            "[[events]]\nid = \"{id}\"\ndate = \"2014\"\ntitle = \"{title}\"\nsummary = \"s\"\n[[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n"
        )
    };
    for _ in 0..20 {
        let inputs: Vec<Input> = (0..8)
            .map(|i| {
                let id = if i % 4 == 0 {
                    "dup".to_string()
                } else {
                    format!("e{i}")
                };
                Input {
                    name: format!("{i}.toml"),
                    bytes: event(&id, &format!("from {i}")).into_bytes(),
                }
            })
            .collect();
        let l = load(inputs);
        let dups: Vec<&Diagnostic> = l
            .diagnostics
            .iter()
            .filter(|d| d.code == "duplicate-id")
            .collect();
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].primary.as_ref().map(|p| p.file), Some(4));
        assert_eq!(
            dups[0].secondary[0].file, 0,
            "first defined in the first file"
        );
    }
}

// ---- the fast path and the pieces against toml's own document ----

/// Every fixture and bundled file, as (name, text).
fn corpus() -> Vec<(String, String)> {
    fn collect(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push((path.display().to_string(), text));
            }
        }
    }
    let mut out: Vec<(String, String)> = BUNDLED
        .iter()
        .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
        .collect();
    collect(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut out,
    );
    out
}

/// Asserts two normalised parts are equal, showing where they first differ.
fn assert_same(a: &str, b: &str, what: &str) {
    if a != b {
        let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        let from = a.floor_char_boundary(at.saturating_sub(300));
        let around = |s: &str| {
            s.get(from..s.ceil_char_boundary((at + 300).min(s.len())))
                .unwrap_or("")
                .to_string()
        };
        panic!(
            "{what}: differ at byte {at}\n--- pieces ---\n{}\n--- whole ---\n{}",
            around(a),
            around(b)
        );
    }
}

/// Reads `text` as `parse_all` does with pieces of `piece_bytes`, and as
/// the general path alone does; both normalised.
fn both_paths(text: &str, piece_bytes: usize) -> (String, String) {
    let mut files = Files::default();
    let id = files.add("t.toml".into(), text.to_string());
    let pieces = parse_all(&files, &[id], piece_bytes);
    (pieces.normal(), parse_general(&files, id).normal())
}

#[test]
fn the_fast_tree_is_tomls_tree_for_every_file_it_takes() {
    let mut taken = Vec::new();
    for (name, text) in corpus() {
        let Some(mut fast) = doc::fast(&text, 0, &mut doc::Buffers::default()) else {
            continue;
        };
        let (mut general, errors) = doc::general(&text);
        assert!(errors.is_empty(), "{name}: toml reports {errors:?}");
        fast.sort();
        general.sort();
        assert!(fast == general, "{name}: the trees differ");
        taken.push(name);
    }
    // The bundled timeline and every valid fixture take the fast path.
    for must in [
        "timelines/",
        "valid/full.toml",
        "valid/views.toml",
        "explorer/",
        "export/",
        "hostile/escapes",
    ] {
        assert!(
            taken.iter().any(|n| n.contains(must)),
            "{must} did not take the fast path: {taken:?}"
        );
    }
}

#[test]
fn every_file_reads_the_same_in_pieces_as_whole() {
    for (name, text) in corpus() {
        for piece_bytes in [1, 64, usize::MAX] {
            let (pieces, whole) = both_paths(&text, piece_bytes);
            assert_same(
                &pieces,
                &whole,
                &format!("{name} in pieces of {piece_bytes}"),
            );
        }
    }
}

/// Texts where a cut before `[[events]]` would change the meaning if the
/// pieces were trusted blindly.
#[test]
fn a_cut_that_would_change_the_meaning_falls_back_to_the_whole_file() {
    let event = "[[events]]\nid = \"a\"\ndate = \"2014\"\ntitle = \"A\"\nsummary = \"s\"\n";
    let cases = [
        // The cut falls inside a multi-line string, basic and literal.
        format!("{event}details = \"\"\"\n[[events]]\nid = \"b\"\n\"\"\"\n"),
        format!("{event}details = '''\n[[events]]\n'''\n"),
        // The cut falls inside an array that spans lines.
        format!("{event}tags = [\n\"x\",\n[[events]]\n]\n"),
        // A table defined in two pieces: toml reports it once whole.
        format!("[timeline]\ntitle = \"T\"\n{event}[timeline]\ntitle = \"U\"\n"),
        format!("[actors.a]\nname = \"A\"\n{event}[actors.a]\nname = \"B\"\n"),
        format!("[timeline]\ntitle = \"T\"\n{event}[timeline.coverage]\nfrom = \"2007\"\n"),
        // An inline array of events, then headers adding to it.
        format!("events = [ {{ id = \"z\" }} ]\n{event}"),
        // Line ends written \r\n.
        format!("{event}{event}").replace('\n', "\r\n"),
        // Sub-tables of the last event of each piece.
        format!("{event}[[events.claims]]\nby = \"a\"\n{event}[events.figures]\nkilled = 3\n"),
    ];
    for text in cases {
        let (pieces, whole) = both_paths(&text, 1);
        assert_eq!(pieces, whole, "{text}");
    }
    // A table defined twice across pieces is still reported, as toml reports it.
    let twice = format!("[timeline]\ntitle = \"T\"\n{event}[timeline]\ntitle = \"U\"\n");
    let l = load_str(&twice);
    assert!(
        l.diagnostics
            .iter()
            .any(|d| d.message.contains("duplicate key")),
        "{:?}",
        l.diagnostics
    );
}

#[test]
fn a_large_file_is_cut_only_before_an_events_header() {
    let text = "[timeline]\n[[events]]\nid = 1\n[[events.claims]]\n\n[[events]]\n# é\n[[events]]";
    let pieces = cuts(text, 1);
    let starts: Vec<&str> = pieces.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(
        starts,
        [
            "[timeline]\n",
            "[[events]]\nid = 1\n[[events.claims]]\n\n",
            "[[events]]\n# é\n",
            "[[events]]"
        ]
    );
    assert_eq!(cuts(text, usize::MAX), vec![0..text.len()]);
    // A size that lands inside a multi-byte character does not stop the cuts.
    let wide = format!("# {}\n[[events]]\n[[events]]\n", "é".repeat(10));
    assert_eq!(cuts(&wide, 3).len(), 3);
}

mod differential {
    use super::*;
    use proptest::prelude::*;

    /// Lines a timeline file is made of, well and badly: headers, plain
    /// and dotted keys, duplicates, multi-line strings holding a header,
    /// arrays across lines, escapes, comments.
    /// (With `HEADERS` below.)
    const LINES: &[&str] = &[
        "[actors.a.c]",
        "[[tours.steps]]",
        "[ events ]",
        "[[ \"events\" ]]",
        "id = \"e1\"",
        "id = \"e2\"",
        "id = 'a'",
        "date = \"2014-12-16\"",
        "date = 2014-12-16",
        "date = 2014-12-16T10:00:00",
        "end = \"2014\"",
        "title = \"T\"",
        "title = \"T\\u00e9\\n\"",
        "summary = \"s\"",
        "name = \"N\"",
        "kind = \"state\"",
        "by = \"a\"",
        "stance = \"asserts\"",
        "text = \"x\"",
        "publisher = \"P\"",
        "grade = \"B2\"",
        "actors = [\"a\", \"b\"]",
        "actors = [",
        "\"a\",",
        "]",
        "tags = []",
        "figures.killed = 3",
        "figures = { killed = 3, wounded = 0x10 }",
        "killed = -1",
        "coverage = { from = \"2007\", to = \"2024\" }",
        "from = \"2007\"",
        "steps = [ { event = \"e1\", note = \"n\" } ]",
        "events = [ { id = \"i\" } ]",
        "timeline.title = \"t\"",
        "\"title\" = \"q\"",
        "details = \"\"\"",
        "details = '''",
        "\"\"\"",
        "'''",
        "x = 1.5",
        "x = true",
        "# [[events]]",
        "",
        "= oops",
    ];

    /// Headers and whole key-values, each valid TOML on its own, so that
    /// most documents built from them parse and take the fast path.
    const HEADERS: &[&str] = &[
        "[timeline]",
        "[timeline.coverage]",
        "[actors.a]",
        "[actors.b]",
        "[actors]",
        "[[events]]",
        "[[events]]",
        "[[events]]",
        "[[events.claims]]",
        "[[events.sources]]",
        "[events.figures]",
        "[[tours]]",
    ];
    const KEY_VALUES: &[&str] = &[
        "id = \"e1\"",
        "id = \"e2\"",
        "date = \"2014-12-16\"",
        "date = 2014-12-16",
        "title = \"T\\u00e9\"",
        "summary = \"s\"",
        "name = \"N\"",
        "kind = \"state\"",
        "by = \"a\"",
        "stance = \"denies\"",
        "text = \"x\"",
        "publisher = \"P\"",
        "killed = 3",
        "actors = [\"a\", \"b\",]",
        "tags = [\n  \"x\", # note\n  \"y\",\n]",
        "figures = { killed = 3 }",
        "coverage = { from = \"2007\", to = \"2024\" }",
        "steps = [ { event = \"e1\" }, { event = \"e2\", note = \"n\" } ]",
        "details = \"\"\"\n[[events]]\nid = \"b\"\n\"\"\"",
        "details = '''\n[[events]]\n'''",
        "figures.killed = 3",
        "events = [ { id = \"i\" } ]",
        "x = { a = { b = [1, [2]] } }",
    ];

    fn document() -> impl Strategy<Value = String> {
        let any_line: Vec<&str> = HEADERS.iter().chain(LINES).copied().collect();
        let lines = prop::collection::vec(prop::sample::select(any_line), 0..40);
        let block = (
            prop::sample::select(HEADERS),
            prop::collection::vec(prop::sample::select(KEY_VALUES), 0..5),
        );
        let blocks = prop::collection::vec(block, 0..12).prop_map(|blocks| {
            blocks
                .into_iter()
                .flat_map(|(header, kvs)| std::iter::once(header).chain(kvs))
                .collect::<Vec<_>>()
        });
        prop_oneof![lines, blocks].prop_map(|lines| {
            let mut text = lines.join("\n");
            text.push('\n');
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn pieces_and_the_fast_path_agree_with_toml(text in document()) {
            let (pieces, whole) = both_paths(&text, 1);
            prop_assert_eq!(pieces, whole);
            if let Some(mut fast) = doc::fast(&text, 0, &mut doc::Buffers::default()) {
                let (mut general, errors) = doc::general(&text);
                prop_assert!(errors.is_empty(), "toml reports {:?}", errors);
                fast.sort();
                general.sort();
                prop_assert!(fast == general);
            }
        }
    }
}

/// The checker's rough edges, each one problem reported once, at its place,
/// with a fix a person can copy.
#[test]
fn each_mistake_is_reported_once_with_its_own_fix() {
    let l = from_str(
        "t.toml",
        "[timeline]\ntitle = \"T\"\n[actors.TTP]\nname = \"T\"\nkind = \"country\"\nsummary = \"s\"\n\
         [[events]]\nid = \"a\"\ndate = 1972\ntitle = \"t\"\nsummary = \"s\"\nactors = [\"TTP\"]\n\
         [[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n\
         [[events]]\nid = \"b\"\ndate = \"27/01/1967\"\ntitel = \"t\"\nsummary = \"s\"\n\
         [[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n\
         [[events]]\nid = \"c\"\ndate = \"1970-4-11\"\ntitle = \"t\"\nsummary = \"s\"\n\
         [[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n",
    );
    let all: Vec<String> = l.diagnostics.iter().map(|d| l.files.render(d)).collect();
    let codes: Vec<&str> = l.diagnostics.iter().map(|d| d.code).collect();
    let text = all.join("\n");
    // The id with capitals, once; its reference is not unknown.
    assert_eq!(
        codes.iter().filter(|c| **c == "bad-id").count(),
        1,
        "{text}"
    );
    assert!(!codes.contains(&"unknown-actor"), "{text}");
    assert!(text.contains("did you mean \"state\"?"), "{text}");
    assert!(
        text.contains("write the year as a string: \"1972\""),
        "{text}"
    );
    assert!(
        text.contains("malformed date \"27/01/1967\"") && text.contains("write \"1967-01-27\"")
    );
    assert!(text.contains("write \"1970-04-11\""), "{text}");
    // The misspelt title: an unknown field with a did-you-mean, not also a missing one.
    assert!(
        codes.contains(&"unknown-field") && !codes.contains(&"missing-field"),
        "{text}"
    );
    assert_eq!(l.events_written(), 3);
}

#[test]
fn events_written_are_counted_at_line_starts_only() {
    let l = from_str(
        "t.toml",
        "[[events]]\nid = \"a\"\n  [[events]]\n\t[[events]] # indented\n\
         title = \"not [[events]] here\"\nx = 1 [[events]]\n",
    );
    assert_eq!(l.events_written(), 3);
}

const PLACES: &str = r#"
[places.pakistan]
name = "Pakistan"
kind = "country"
lat = 30
lon = 70

[places.peshawar]
name = "Peshawar"
kind = "city"
lat = 34.0151
lon = 71.5249
within = "khyber-pakhtunkhwa"

[places.khyber-pakhtunkhwa]
name = "Khyber Pakhtunkhwa"
short = "KP"
kind = "province"
lat = 34.5
lon = -72.25
within = "pakistan"
aliases = ["North-West Frontier Province", "NWFP"]
"#;

fn with_places(location: &str, places: &str) -> Loaded {
    let text = format!("{BASE}{PLACES}").replace(
        "actors = [\"ttp\"]",
        &format!("actors = [\"ttp\"]\nlocation = \"{location}\"\n{places}"),
    );
    load_str(&text)
}

#[test]
fn places_load_sorted_with_their_chains_resolved() {
    let l = with_places("Peshawar", "places = [\"peshawar\"]");
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    let t = &l.timeline;
    let ids: Vec<&str> = t.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["khyber-pakhtunkhwa", "pakistan", "peshawar"]);
    let peshawar = t.place_ix("peshawar").expect("peshawar");
    assert_eq!(t.events[0].places, [peshawar]);
    assert_eq!(
        t.place_path(peshawar),
        "Peshawar, Khyber Pakhtunkhwa, Pakistan"
    );
    let kp = t.place_ix("khyber-pakhtunkhwa").expect("kp");
    assert_eq!(t.places[kp].short, "KP");
    assert_eq!((t.places[kp].lat, t.places[kp].lon), (34.5, -72.25));
    assert_eq!(
        t.places[peshawar].short, "Peshawar",
        "short defaults to the name"
    );
    assert_eq!(t.places_named("nwfp"), [kp]);
    let inside = t.within_any(&[kp]);
    assert!(inside[kp] && inside[peshawar] && !inside[t.place_ix("pakistan").expect("pk")]);
}

#[test]
fn a_location_naming_a_place_warns_only_when_the_event_lists_none() {
    let codes =
        |l: &Loaded| -> Vec<&'static str> { l.diagnostics.iter().map(|d| d.code).collect() };
    // By an alias, as whole words, ignoring case.
    let l = with_places("Swat, north-west frontier province", "");
    let mut found = codes(&l);
    found.sort_unstable();
    assert_eq!(
        found,
        [
            "unplaced-location",
            "unused-place",
            "unused-place",
            "unused-place"
        ]
    );
    let d = l
        .diagnostics
        .iter()
        .find(|d| d.code == "unplaced-location")
        .expect("warned");
    assert!(d.message.contains("Khyber Pakhtunkhwa"), "{}", d.message);
    assert_eq!(
        d.primary.as_ref().map(|p| l.files.position(p)).as_deref(),
        Some("t.toml:18:12")
    );
    // Part of a word is not a name: "Peshawari" names nothing.
    let l = with_places("Peshawari bazaar", "");
    assert!(!codes(&l).contains(&"unplaced-location"), "{:?}", codes(&l));
    // Any place listed will do: the location may say more than the places.
    let l = with_places("Peshawar", "places = [\"pakistan\"]");
    assert!(!codes(&l).contains(&"unplaced-location"), "{:?}", codes(&l));
}

#[test]
fn a_circle_of_places_is_reported_once_and_broken() {
    let text = format!("{BASE}{PLACES}")
        .replace(
            "kind = \"country\"",
            "kind = \"country\"\nwithin = \"peshawar\"",
        )
        .replace(
            "actors = [\"ttp\"]",
            "actors = [\"ttp\"]\nplaces = [\"peshawar\"]",
        );
    let l = load_str(&text);
    let cycles: Vec<&Diagnostic> = l
        .diagnostics
        .iter()
        .filter(|d| d.code == "place-cycle")
        .collect();
    assert_eq!(cycles.len(), 1, "{:?}", l.diagnostics);
    let t = &l.timeline;
    for p in 0..t.places.len() {
        assert!(
            t.enclosing(p).count() < t.places.len(),
            "the chain from {p} ends"
        );
    }
}

#[test]
fn coordinates_are_checked_as_written() {
    for (lat, ok) in [
        ("34.0151", true),
        ("-90", true),
        ("90.000000", true),
        ("+1_0.5", true),
        ("90.5", false),
        ("34.0151234", false),
        ("3.4e1", false),
        ("inf", false),
        ("nan", false),
        ("\"34.0\"", false),
    ] {
        let l =
            load_str(&format!("{BASE}{PLACES}").replace("lat = 30\n", &format!("lat = {lat}\n")));
        let bad = l.diagnostics.iter().any(|d| d.is_error());
        assert_eq!(!bad, ok, "lat = {lat}: {:?}", l.diagnostics);
    }
}

/// A list grown a push at a time holds room for four: at 100,000 events
/// the sources alone left 17 MB unused in the timeline. Every list the
/// loader moves into the timeline is as long as what it holds.
#[test]
fn the_timeline_holds_no_room_its_lists_do_not_use() {
    let full = include_str!("../../tests/fixtures/valid/full.toml");
    for loaded in [load(bundled()), load_str(full)] {
        assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics);
        let events = &loaded.timeline.events;
        assert!(
            events
                .iter()
                .any(|e| e.sources.len() > 1 && !e.claims.is_empty())
        );
        for e in events {
            let lists = [
                (e.sources.capacity(), e.sources.len(), "sources"),
                (e.claims.capacity(), e.claims.len(), "claims"),
                (e.actors.capacity(), e.actors.len(), "actors"),
                (e.places.capacity(), e.places.len(), "places"),
                (e.tags.capacity(), e.tags.len(), "tags"),
                (e.related.capacity(), e.related.len(), "related"),
            ];
            for (room, len, what) in lists {
                assert_eq!(room, len, "{} {what}", e.id);
            }
            for c in &e.claims {
                assert_eq!(c.sources.capacity(), c.sources.len(), "{} claim", e.id);
            }
        }
    }
}
