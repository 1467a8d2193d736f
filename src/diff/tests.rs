//! The diff on small timelines built from text: each field, ids renamed,
//! the order of what is listed, and sets compared as sets.

use super::*;
use crate::load;

/// A timeline of two actors, a place and two events; `edit` rewrites it.
const BASE: &str = r#"
[timeline]
title = "Test"
summary = "A test timeline."

[actors.aa]
name = "Actor A"
kind = "armed-group"
summary = "The first actor."

[actors.bb]
name = "Actor B"
kind = "government"
summary = "The second actor."

[places.city]
name = "City"
kind = "city"
lat = 34.0
lon = 71.5

[[events]]
id = "2014-12-one"
date = "2014-12-16"
title = "First event"
summary = "Gunmen attack a school, killing mostly children."
actors = ["aa"]
places = ["city"]
tags = ["attack"]
figures = { killed = 141 }

[[events.claims]]
by = "aa"
stance = "asserts"
text = "Said it was revenge."
sources = [1]

[[events.claims]]
by = "bb"
stance = "denies"
text = "Denied any failure."
sources = [2]

[[events.sources]]
publisher = "Dawn"
title = "School attacked"
date = "2014-12-16"
grade = "B2"

[[events.sources]]
publisher = "BBC"
title = "Attack in the city"
date = "2014-12-17"

[[events]]
id = "2015-01-two"
date = "2015-01"
title = "Second event"
summary = "The government answers."
actors = ["bb"]

[[events.sources]]
publisher = "Dawn"
title = "The answer"
date = "2015-01-02"

[[tours]]
id = "walk"
title = "A walk"
steps = [{ event = "2014-12-one", note = "Begin." }, { event = "2015-01-two" }]
"#;

fn timeline(text: &str) -> Timeline {
    let loaded = load::from_str("test.toml", text);
    let errors: Vec<String> = loaded.problems();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    loaded.timeline
}

/// The base, with `from` replaced by `to` (which must be there).
fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    BASE.replacen(from, to, 1)
}

fn diff_to(new: &str) -> Diff {
    compare(&timeline(BASE), &timeline(new))
}

/// The one changed field of the one changed event, described.
fn only_change(new: &str) -> (String, String) {
    let d = diff_to(new);
    assert!(
        d.events.added.is_empty() && d.events.removed.is_empty(),
        "{d:?}"
    );
    assert_eq!(d.events.changed.len(), 1, "{d:?}");
    let fields = &d.events.changed[0].fields;
    assert_eq!(fields.len(), 1, "{fields:?}");
    (fields[0].field.to_string(), fields[0].change.describe())
}

#[test]
fn the_same_timeline_has_no_changes() {
    let d = diff_to(BASE);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(d.summary(), "no changes");
    let bundled = load::load(load::bundled()).timeline;
    assert!(compare(&bundled, &bundled).is_empty());
}

#[test]
fn each_event_field_is_compared() {
    let cases = [
        (
            ("date = \"2014-12-16\"", "date = \"2014-12\""),
            ("date", "16 Dec 2014 → Dec 2014 (day → month precision)"),
        ),
        (
            ("date = \"2014-12-16\"", "date = \"2014-12-16~\""),
            ("date", "16 Dec 2014 → c. 16 Dec 2014 (exact → approximate)"),
        ),
        (
            (
                "date = \"2014-12-16\"",
                "date = \"2014-12-16\"\nend = \"2014-12-17\"",
            ),
            ("end", "none → 17 Dec 2014"),
        ),
        (
            ("title = \"First event\"", "title = \"The first event\""),
            ("title", "“First event” → “The first event”"),
        ),
        (
            (
                "killing mostly children",
                "killing 149 people, mostly children",
            ),
            (
                "summary",
                "reworded (48 → 60 characters): added “149 people,”",
            ),
        ),
        (
            (
                "tags = [\"attack\"]",
                "tags = [\"attack\"]\ndetails = \"More.\"",
            ),
            ("details", "added (5 characters): “More.”"),
        ),
        (
            (
                "tags = [\"attack\"]",
                "tags = [\"attack\"]\nlocation = \"Warsak Road\"",
            ),
            ("location", "none → “Warsak Road”"),
        ),
        (
            ("actors = [\"aa\"]", "actors = [\"bb\"]"),
            ("actors", "+ bb, − aa"),
        ),
        (("places = [\"city\"]", "places = []"), ("places", "− city")),
        (
            ("tags = [\"attack\"]", "tags = [\"attack\", \"school\"]"),
            ("tags", "+ school"),
        ),
        (
            ("killed = 141", "killed = 149, wounded = 114"),
            ("figures", "+ wounded 114, ~ killed 141 → 149"),
        ),
        (
            (
                "text = \"Said it was revenge.\"",
                "text = \"Said it was revenge for the offensive.\"",
            ),
            (
                "claims",
                "+ aa asserts “Said it was revenge for the offensive.” (cites Dawn), − aa asserts “Said it was revenge.” (cites Dawn)",
            ),
        ),
        (
            ("sources = [1]", "sources = [1, 2]"),
            (
                "claims",
                "~ aa asserts “Said it was revenge.”: cites Dawn → BBC; Dawn",
            ),
        ),
        (
            (
                "grade = \"B2\"",
                "grade = \"C3\"\nurl = \"https://dawn.com/1\"",
            ),
            (
                "sources",
                "~ Dawn, “School attacked”: grade B2 → C3; url none → https://dawn.com/1",
            ),
        ),
        (
            (
                "figures = { killed = 141 }",
                "figures = { killed = 141 }\nrelated = [\"2015-01-two\"]",
            ),
            ("related", "+ 2015-01-two"),
        ),
    ];
    for ((from, to), (field, said)) in cases {
        let (f, d) = only_change(&edit(from, to));
        assert_eq!((f.as_str(), d.as_str()), (field, said), "{from} → {to}");
    }
    // A source retitled is another source, and the claim citing it cites
    // another: said with the titles, since the publisher stayed.
    let d = diff_to(&edit(
        "title = \"Attack in the city\"",
        "title = \"Attack in a city\"",
    ));
    let fields: Vec<String> = d.events.changed[0]
        .fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.change.describe()))
        .collect();
    assert_eq!(
        fields,
        [
            "claims: ~ bb denies “Denied any failure.”: cites BBC, “Attack in the city” → BBC, “Attack in a city”",
            "sources: + BBC, “Attack in a city”, 17 Dec 2014, − BBC, “Attack in the city”, 17 Dec 2014",
        ]
    );
}

#[test]
fn a_reworded_summary_is_said_in_one_line() {
    let long = "word ".repeat(80);
    let (field, said) = only_change(&edit(
        "Gunmen attack a school, killing mostly children.",
        &format!("{long}and more besides {long}"),
    ));
    assert_eq!(field, "summary");
    assert!(!said.contains('\n'), "{said}");
    assert!(said.starts_with("reworded (48 → "), "{said}");
    assert!(said.chars().count() < 160, "{said}");
}

#[test]
fn a_renamed_id_is_a_removal_and_an_addition() {
    let new = BASE.replace("2015-01-two", "2015-01-second");
    let d = diff_to(&new);
    let ids = |es: &[Entry]| es.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.events.added), ["2015-01-second"]);
    assert_eq!(ids(&d.events.removed), ["2015-01-two"]);
    assert!(d.events.changed.is_empty(), "{:?}", d.events.changed);
    // The tour that walks through it changed its steps accordingly.
    assert_eq!(d.tours.changed.len(), 1);
    assert_eq!(
        d.tours.changed[0].fields[0].change.describe(),
        "+ 2015-01-second, − 2015-01-two"
    );
    assert_eq!(d.summary(), "1 event added, 1 removed; 1 tour changed");
}

#[test]
fn records_are_listed_in_order_and_members_sorted() {
    // Events added out of file order are listed chronologically.
    let more = r#"
[[events]]
id = "2016-late"
date = "2016"
title = "Late"
summary = "Late."
[[events.sources]]
publisher = "Dawn"
title = "Late"
date = "2016"

[[events]]
id = "2013-early"
date = "2013-05"
title = "Early"
summary = "Early."
[[events.sources]]
publisher = "Dawn"
title = "Early"
date = "2013-05"
"#;
    let d = diff_to(&format!("{BASE}{more}"));
    let ids: Vec<&str> = d.events.added.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["2013-early", "2016-late"]);
    assert_eq!(d.events.added[0].when(), "May 2013");
    // Members come sorted whatever order the file gives them in.
    let a = edit(
        "tags = [\"attack\"]",
        "tags = [\"zeta\", \"attack\", \"beta\"]",
    );
    let b = edit(
        "tags = [\"attack\"]",
        "tags = [\"beta\", \"zeta\", \"attack\"]",
    );
    let (_, said_a) = only_change(&a);
    let (_, said_b) = only_change(&b);
    assert_eq!(said_a, "+ beta, + zeta");
    assert_eq!(said_a, said_b);
}

#[test]
fn claims_and_sources_are_compared_as_sets() {
    // The claims and the sources swapped, the citations renumbered to
    // match: the same claims citing the same sources.
    let swapped = BASE
        .replace("sources = [1]", "sources = [@2]")
        .replace("sources = [2]", "sources = [1]")
        .replace("sources = [@2]", "sources = [2]")
        .replace(
            "[[events.sources]]\npublisher = \"Dawn\"\ntitle = \"School attacked\"\ndate = \"2014-12-16\"\ngrade = \"B2\"\n\n[[events.sources]]\npublisher = \"BBC\"\ntitle = \"Attack in the city\"\ndate = \"2014-12-17\"\n",
            "[[events.sources]]\npublisher = \"BBC\"\ntitle = \"Attack in the city\"\ndate = \"2014-12-17\"\n\n[[events.sources]]\npublisher = \"Dawn\"\ntitle = \"School attacked\"\ndate = \"2014-12-16\"\ngrade = \"B2\"\n",
        );
    assert_ne!(swapped, BASE);
    let d = diff_to(&swapped);
    assert!(d.is_empty(), "{d:?}");
    // Two claims added in either order say the same.
    let claim = |by: &str, text: &str| {
        format!("\n[[events.claims]]\nby = \"{by}\"\nstance = \"disputes\"\ntext = \"{text}\"\n")
    };
    let anchor = "\n[[events.sources]]\npublisher = \"Dawn\"\ntitle = \"School attacked\"";
    let one = edit(
        anchor,
        &format!("{}{}{anchor}", claim("bb", "Y."), claim("aa", "X.")),
    );
    let two = edit(
        anchor,
        &format!("{}{}{anchor}", claim("aa", "X."), claim("bb", "Y.")),
    );
    let (_, a) = only_change(&one);
    let (_, b) = only_change(&two);
    assert_eq!(a, "+ aa disputes “X.”, + bb disputes “Y.”");
    assert_eq!(a, b);
}

#[test]
fn references_are_compared_by_id_not_position() {
    // A new actor sorting first moves every other actor's index.
    let new = edit(
        "[actors.aa]",
        "[actors.a0]\nname = \"Actor 0\"\nkind = \"other\"\nsummary = \"New.\"\n\n[actors.aa]",
    );
    let d = diff_to(&new);
    assert!(d.events.is_empty(), "{:?}", d.events);
    assert_eq!(d.summary(), "1 actor added");
}

#[test]
fn actors_places_and_tours_are_compared_by_id() {
    let new = BASE
        .replace(
            "name = \"Actor A\"",
            "name = \"Actor Alpha\"\nshort = \"AA\"\naliases = [\"Alpha\"]",
        )
        .replace(
            "summary = \"The second actor.\"",
            "summary = \"The second actor, renamed.\"\nlinks = [\"aa\"]",
        )
        .replace("lat = 34.0", "lat = 34.01")
        .replace("kind = \"city\"", "kind = \"district\"")
        .replace("title = \"A walk\"", "title = \"A long walk\"")
        .replace("note = \"Begin.\"", "note = \"Begin here.\"");
    let d = diff_to(&new);
    let said = |s: &Section| -> Vec<String> {
        s.changed
            .iter()
            .flat_map(|c| {
                c.fields
                    .iter()
                    .map(move |f| format!("{} {}: {}", c.entry.id, f.field, f.change.describe()))
            })
            .collect()
    };
    assert_eq!(
        said(&d.actors),
        [
            "aa name: “Actor A” → “Actor Alpha”",
            "aa short: “Actor A” → “AA”",
            "aa aliases: + Alpha",
            "bb summary: reworded (17 → 26 characters): “actor.” → “actor, renamed.”",
            "bb links: + aa",
        ]
    );
    assert_eq!(
        said(&d.places),
        ["city kind: city → district", "city lat: 34 → 34.01"]
    );
    assert_eq!(
        said(&d.tours),
        [
            "walk title: “A walk” → “A long walk”",
            "walk steps: ~ 2014-12-one: note reworded (6 → 11 characters): “Begin.” → “Begin here.”",
        ]
    );
    // A tour's steps reordered.
    let reordered = BASE.replace(
        "steps = [{ event = \"2014-12-one\", note = \"Begin.\" }, { event = \"2015-01-two\" }]",
        "steps = [{ event = \"2015-01-two\" }, { event = \"2014-12-one\", note = \"Begin.\" }]",
    );
    assert_eq!(
        said(&diff_to(&reordered).tours),
        ["walk steps: ~ order: 2 of 2 kept steps moved"]
    );
}

#[test]
fn the_timeline_table_is_compared() {
    let new = edit(
        "summary = \"A test timeline.\"",
        "summary = \"A test timeline, longer.\"\ncoverage = { from = \"2014\", to = \"2015\" }",
    );
    let d = diff_to(&new);
    let fields: Vec<String> = d
        .timeline
        .iter()
        .map(|f| format!("{}: {}", f.field, f.change.describe()))
        .collect();
    assert_eq!(
        fields,
        [
            "summary: reworded (16 → 24 characters): “timeline.” → “timeline, longer.”",
            "coverage: none → 2014–2015",
        ]
    );
    assert_eq!(d.summary(), "timeline summary, coverage changed");
}

#[test]
fn control_characters_never_reach_the_output() {
    let old = timeline(BASE);
    let mut new = old.clone();
    new.events[0].title = "Evil \u{1b}]0;pwned\u{7} \u{202e}title".into();
    new.events[0].summary = "A\u{1b}[2J summary\nover lines".into();
    new.actors[0].name = "\u{9b}31m".into();
    let d = compare(&old, &new);
    let labels = Labels::new("old\u{1b}[31m", "new");
    for out in [
        to_text(&d, &labels, false),
        to_markdown(&d, &labels),
        to_json(&d, &labels),
    ] {
        assert!(
            !out.chars()
                .any(|c| crate::text::is_unsafe(c) || c == '\u{7}'),
            "{out}"
        );
        assert!(!out.contains('\u{1b}') && !out.contains('\u{9b}'), "{out}");
    }
    // Colour is the only escape there is, and only when asked for.
    let coloured = to_text(&d, &labels, true);
    assert!(coloured.contains("\u{1b}[33m~\u{1b}[0m"), "{coloured}");
    assert!(!coloured.contains("\u{1b}]"), "{coloured}");
}

#[test]
fn the_json_has_its_documented_shape() {
    let d = diff_to(&BASE.replace("2015-01-two", "2015-01-second"));
    let labels = Labels::new("HEAD~1:t", "t");
    let v: serde_json::Value = serde_json::from_str(&to_json(&d, &labels)).unwrap();
    assert_eq!(v["format"], FORMAT_NAME);
    assert_eq!(v["version"], VERSION);
    assert_eq!(v["old"], "HEAD~1:t");
    assert_eq!(v["changed"], true);
    assert_eq!(v["events"]["added"][0]["id"], "2015-01-second");
    assert_eq!(v["events"]["added"][0]["date"]["edtf"], "2015-01");
    assert_eq!(v["events"]["added"][0]["date"]["precision"], "month");
    assert_eq!(v["events"]["removed"][0]["title"], "Second event");
    let step = &v["tours"]["changed"][0]["fields"][0];
    assert_eq!(step["field"], "steps");
    assert_eq!(step["added"][0], "2015-01-second");
    assert_eq!(step["new"][1]["event"], "2015-01-second");
    for kind in ["events", "actors", "places", "tours"] {
        for how in ["added", "removed", "changed"] {
            assert!(v[kind][how].is_array(), "{kind}.{how}");
        }
    }
    let same = to_json(&diff_to(BASE), &labels);
    let v: serde_json::Value = serde_json::from_str(&same).unwrap();
    assert_eq!(
        (v["changed"].clone(), v["summary"].clone()),
        (false.into(), "no changes".into())
    );
}
