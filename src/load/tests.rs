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
