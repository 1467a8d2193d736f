//! Loader tests on inline TOML.

#![allow(clippy::expect_used)]

use super::*;

fn load_str(text: &str) -> Loaded {
    load(vec![Input {
        name: "t.toml".into(),
        bytes: text.as_bytes().to_vec(),
    }])
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
        if raw::is_plain(&s) {
            assert_eq!(crate::text::sanitize(&s), s.as_str(), "{c:?}");
        }
    }
    assert!(raw::is_plain("Peshawar, 16 Dec 2014\nÜrümqi, Çelik"));
    assert!(!raw::is_plain("a\tb"));
    assert!(!raw::is_plain("x\ry"));
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
