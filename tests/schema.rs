//! Keeps `assets/timeline.schema.json` in step with the loader.
//!
//! Editors validate and complete timeline files with the schema while the
//! checker validates them with the loader; the two must agree. Every valid
//! fixture passes the schema, the schema names exactly the fields the loader
//! accepts, a field is required in the schema exactly when the loader
//! reports it missing, and fixtures with problems a schema can see are
//! rejected by it too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chronoscope::load;
use serde_json::Value;

const SCHEMA: &str = include_str!("../assets/timeline.schema.json");
const SCHEMA_URL: &str = "file:///chronoscope/timeline.schema.json";

fn schema_json() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn new() -> Validator {
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V7);
        compiler
            .add_resource(SCHEMA_URL, schema_json())
            .expect("the schema is added");
        let mut schemas = boon::Schemas::new();
        // Compiling checks the schema against the draft-07 metaschema too.
        let index = compiler
            .compile(SCHEMA_URL, &mut schemas)
            .unwrap_or_else(|e| panic!("the schema compiles: {e:#}"));
        Validator { schemas, index }
    }

    fn check(&self, doc: &Value) -> Result<(), String> {
        self.schemas
            .validate(doc, self.index)
            .map_err(|e| format!("{e}"))
    }
}

/// A TOML file as the JSON an editor's TOML language server validates:
/// native dates and times become strings.
fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn file_as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    toml_to_json(toml::Value::Table(table))
}

fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

fn toml_files_below(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files_below(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out.sort();
}

#[test]
fn every_valid_fixture_passes_the_schema() {
    let v = Validator::new();
    let mut files = Vec::new();
    toml_files_below(&fixtures("valid"), &mut files);
    assert!(
        files.len() >= 6,
        "expected the valid fixtures, found {files:?}"
    );
    for f in &files {
        if let Err(e) = v.check(&file_as_json(f)) {
            panic!(
                "{} is valid for the loader but not the schema:\n{e}",
                f.display()
            );
        }
    }
}

#[test]
fn the_bundled_timeline_passes_the_schema_file_by_file() {
    // Only a timeline the loader accepts must pass: one the loader rejects
    // already fails `chronoscope check timelines` in CI, with better messages.
    let loaded = load::load(load::bundled());
    if loaded.errors() > 0 {
        return;
    }
    let v = Validator::new();
    for (name, text) in load::BUNDLED {
        let table: toml::Table = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Err(e) = v.check(&toml_to_json(toml::Value::Table(table))) {
            panic!("{name} is valid for the loader but not the schema:\n{e}");
        }
    }
}

fn property_names(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("the schema has no object at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

/// Each table of the format: the loader's list of fields and where the
/// schema describes the same table.
fn tables() -> [(&'static str, &'static [load::Field], &'static str); 11] {
    [
        ("top level", load::fields::TOP, "/properties"),
        (
            "[timeline]",
            load::fields::TIMELINE,
            "/properties/timeline/properties",
        ),
        (
            "coverage",
            load::fields::COVERAGE,
            "/properties/timeline/properties/coverage/properties",
        ),
        (
            "actor",
            load::fields::ACTOR,
            "/definitions/actor/properties",
        ),
        (
            "place",
            load::fields::PLACE,
            "/definitions/place/properties",
        ),
        (
            "event",
            load::fields::EVENT,
            "/definitions/event/properties",
        ),
        (
            "claim",
            load::fields::CLAIM,
            "/definitions/claim/properties",
        ),
        (
            "source",
            load::fields::SOURCE,
            "/definitions/source/properties",
        ),
        ("tour", load::fields::TOUR, "/definitions/tour/properties"),
        (
            "tour step",
            load::fields::STEP,
            "/definitions/step/properties",
        ),
        ("view", load::fields::VIEW, "/definitions/view/properties"),
    ]
}

#[test]
fn the_schema_names_exactly_the_fields_the_loader_accepts() {
    let schema = schema_json();
    for (table, loader, pointer) in tables() {
        let in_schema = property_names(&schema, pointer);
        let in_loader: BTreeSet<String> = loader.iter().map(|f| f.name.to_string()).collect();
        let missing: Vec<_> = in_loader.difference(&in_schema).collect();
        let extra: Vec<_> = in_schema.difference(&in_loader).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{table}: fields the loader accepts but the schema lacks: {missing:?}; \
             fields the schema names but the loader rejects: {extra:?}"
        );
    }
}

#[test]
fn every_table_with_fields_rejects_unknown_ones_and_describes_each_field() {
    fn walk(v: &Value, at: &str) {
        let Some(obj) = v.as_object() else {
            if let Some(items) = v.as_array() {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{at}/{i}"));
                }
            }
            return;
        };
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            assert_eq!(
                obj.get("additionalProperties"),
                Some(&Value::Bool(false)),
                "{at} lists properties but accepts unknown ones"
            );
            for (name, prop) in props {
                assert!(
                    prop.get("description").and_then(Value::as_str).is_some(),
                    "{at}/properties/{name} has no description for editors to show"
                );
            }
        }
        for (k, child) in obj {
            walk(child, &format!("{at}/{k}"));
        }
    }
    walk(&schema_json(), "");
}

fn required(schema: &Value, pointer: &str) -> BTreeSet<String> {
    let object = pointer.trim_end_matches("/properties");
    schema
        .pointer(&format!("{object}/required"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn missing_field_errors(text: &str) -> Vec<String> {
    let loaded = load::from_str("t.toml", text);
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

/// One of each table, each field on its own line so it can be left out.
const ONE_OF_EACH: &str = r#"[timeline]
title = "T"
summary = "S"
coverage = { from = "2007", to = "2024" }

[actors.a]
name = "A"
short = "A"
aliases = ["Alias"]
kind = "person"
summary = "S"
links = ["a"]

[places.p]
name = "P"
short = "P"
kind = "city"
lat = 34.0151
lon = 71.5249
within = "p2"
aliases = ["Alias"]

[places.p2]
name = "P2"
kind = "province"
lat = 34.5
lon = 72

[[events]]
id = "e"
date = "2014-12-16"
end = "2014-12-17"
title = "T"
summary = "S"
details = "D"
actors = ["a"]
location = "L"
places = ["p"]
tags = ["t"]
figures = { killed = 1 }
related = ["e"]

[[events.claims]]
by = "a"
stance = "asserts"
text = "T"

[[events.sources]]
publisher = "P"
title = "T"
date = "2014"
url = "https://example.org/"
grade = "B2"

[[tours]]
id = "t"
title = "T"
summary = "S"
steps = [{ event = "e", note = "N" }]

[[views]]
id = "v"
title = "T"
summary = "S"
actors = ["a"]
match = "all"
tags = ["t"]
places = ["p"]
from = "2014"
to = "2024"
search = "S"
highlight = true
contested = false
as_of = "2015"
event = "e"
"#;

#[test]
fn a_field_is_required_in_the_schema_exactly_when_the_loader_requires_it() {
    let schema = schema_json();
    let v = Validator::new();
    assert_eq!(missing_field_errors(ONE_OF_EACH), Vec::<String>::new());
    v.check(&toml_to_json(toml::Value::Table(
        toml::from_str(ONE_OF_EACH).unwrap(),
    )))
    .unwrap();

    // Which schema object each line of ONE_OF_EACH belongs to.
    let mut section = "";
    let lines: Vec<&str> = ONE_OF_EACH.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        section = match *line {
            "[timeline]" => "/properties/timeline/properties",
            "[actors.a]" => "/definitions/actor/properties",
            "[places.p]" | "[places.p2]" => "/definitions/place/properties",
            "[[events]]" => "/definitions/event/properties",
            "[[events.claims]]" => "/definitions/claim/properties",
            "[[events.sources]]" => "/definitions/source/properties",
            "[[tours]]" => "/definitions/tour/properties",
            "[[views]]" => "/definitions/view/properties",
            _ => section,
        };
        let Some((field, _)) = line.split_once(" = ") else {
            continue;
        };
        let without: String = lines
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        let errors = missing_field_errors(&without);
        let loader_requires = errors.iter().any(|e| e.starts_with("missing-field"));
        let schema_requires = required(&schema, section).contains(field);
        assert_eq!(
            loader_requires, schema_requires,
            "{section}: `{field}` required by the loader: {loader_requires} ({errors:?}); \
             by the schema: {schema_requires}"
        );
        checked += 1;
    }
    assert_eq!(checked, 58, "every field of ONE_OF_EACH was left out once");

    // The fields of the inline tables.
    let inline = [
        (
            "coverage = { from = \"2007\", to = \"2024\" }",
            "coverage = { to = \"2024\" }",
            "/properties/timeline/properties/coverage/properties",
            "from",
        ),
        (
            "coverage = { from = \"2007\", to = \"2024\" }",
            "coverage = { from = \"2007\" }",
            "/properties/timeline/properties/coverage/properties",
            "to",
        ),
        (
            "{ event = \"e\", note = \"N\" }",
            "{ note = \"N\" }",
            "/definitions/step/properties",
            "event",
        ),
        (
            "{ event = \"e\", note = \"N\" }",
            "{ event = \"e\" }",
            "/definitions/step/properties",
            "note",
        ),
    ];
    for (from, to, pointer, field) in inline {
        let errors = missing_field_errors(&ONE_OF_EACH.replace(from, to));
        let loader_requires = errors.iter().any(|e| e.starts_with("missing-field"));
        assert_eq!(
            loader_requires,
            required(&schema, pointer).contains(field),
            "{pointer}: `{field}` ({errors:?})"
        );
    }
}

#[test]
fn the_schema_enums_match_the_model() {
    use chronoscope::model::{ActorKind, Stance};
    let schema = schema_json();
    let list = |p: &str| -> Vec<String> {
        schema
            .pointer(p)
            .and_then(Value::as_array)
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let kinds: Vec<String> = ActorKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(list("/definitions/actor/properties/kind/enum"), kinds);
    let places: Vec<String> = chronoscope::model::PlaceKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(list("/definitions/place/properties/kind/enum"), places);
    let mut stances: Vec<String> = Stance::ALL.iter().map(|s| s.as_str().to_string()).collect();
    let mut in_schema = list("/definitions/claim/properties/stance/enum");
    stances.sort();
    in_schema.sort();
    assert_eq!(in_schema, stances);
    assert_eq!(
        list("/definitions/view/properties/match/enum"),
        chronoscope::model::View::MATCHES
    );
}

#[test]
fn fixtures_with_problems_a_schema_can_see_are_rejected_by_it() {
    let v = Validator::new();
    for name in [
        "wrong-type.toml",
        "unknown-field.toml",
        "bad-date.toml",
        "bad-grade.toml",
        "bad-stance.toml",
        "bad-kind.toml",
        "bad-id.toml",
        "bad-coordinate.toml",
        "bad-match.toml",
        "missing-field.toml",
        "empty-file.toml",
    ] {
        let path = fixtures("invalid").join(name);
        assert!(
            v.check(&file_as_json(&path)).is_err(),
            "{name} is invalid for the loader but passes the schema"
        );
    }
}

#[test]
fn problems_only_the_whole_timeline_shows_pass_the_schema() {
    // References, duplicates and calendar checks need every file at once:
    // the checker reports them, a per-file schema cannot.
    let v = Validator::new();
    for name in [
        "unknown-actor.toml",
        "unknown-event.toml",
        "unknown-claimant.toml",
        "unknown-tour-event.toml",
        "end-before-date.toml",
        "duplicate-id/a.toml",
        "duplicate-id/b.toml",
        "no-source.toml",
        "outside-coverage.toml",
        "unused-actor.toml",
        "unknown-place.toml",
        "place-cycle.toml",
        "unused-place.toml",
        "unplaced-location.toml",
        "unknown-tag.toml",
    ] {
        let path = fixtures("invalid").join(name);
        if let Err(e) = v.check(&file_as_json(&path)) {
            panic!("{name} should pass the schema:\n{e}");
        }
    }
}

#[test]
fn dates_the_schema_accepts_are_dates_the_loader_accepts() {
    let v = Validator::new();
    for (date, ok) in [
        ("2007", true),
        ("2007-12", true),
        ("2014-12-16", true),
        ("2022-06~", true),
        ("2022-06?", true),
        ("2014-12-31~", true),
        ("2011-13-45", false),
        ("2011-00", false),
        ("2011-12-32", false),
        ("07", false),
        ("2007-1", false),
        ("2007~?", false),
        ("2014-12-16T10:00:00", false),
    ] {
        let doc = serde_json::json!({ "timeline": { "title": "T", "coverage": { "from": date, "to": "9999" } } });
        assert_eq!(v.check(&doc).is_ok(), ok, "schema on {date:?}");
        assert_eq!(
            chronoscope::model::EventDate::parse(date).is_ok(),
            ok,
            "loader on {date:?}"
        );
    }
}

#[test]
fn the_worked_example_in_format_md_checks_clean_and_passes_the_schema() {
    let format = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("FORMAT.md"))
        .expect("FORMAT.md exists");
    let example = format
        .split_once("```toml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("FORMAT.md opens with a TOML example");
    let loaded = load::from_str("example.toml", example);
    let problems: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| loaded.files.render(d))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(loaded.timeline.events.len(), 2);
    let table: toml::Table = toml::from_str(example).unwrap();
    if let Err(e) = Validator::new().check(&toml_to_json(toml::Value::Table(table))) {
        panic!("the FORMAT.md example fails the schema:\n{e}");
    }
}
