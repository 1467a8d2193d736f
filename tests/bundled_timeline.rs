//! Invariants of the bundled Pakistan–Afghanistan–TTP chronology in `timelines/`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use chronoscope::load::{self, Loaded};

/// Events that carry the seed article's content (January 2024 report on Pakistan's
/// diplomacy with the Taliban over the TTP). Every one must stay in the timeline.
const SEED_EVENT_IDS: &[&str] = &[
    "2007-12-ttp-founded",
    "2021-08-taliban-take-kabul",
    "2021-08-us-withdrawal-complete",
    "2022-06-kabul-hosted-talks",
    "2022-11-ttp-ends-ceasefire",
    "2023-ttp-deadliest-year",
    "2023-10-illegal-foreigners-repatriation-plan",
    "2023-11-kakar-afghan-nationals",
    "2023-12-taliban-ttp-arrests-relocation",
    "2024-01-jcc-islamabad",
    "2024-01-fazlur-rehman-kabul",
    "2024-01-fo-no-talks-with-ttp",
    "2024-01-taliban-recognition-status",
    "2024-02-general-election",
];

fn loaded_from_disk() -> Loaded {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("timelines");
    let inputs = load::read_paths(&[dir]).expect("timelines/ is readable");
    load::load(inputs)
}

fn assert_clean(loaded: &Loaded, what: &str) {
    let problems: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| format!("{} [{}]", d.message, d.code))
        .collect();
    assert!(
        problems.is_empty(),
        "{what}: expected no errors or warnings, got {}:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert_eq!(loaded.errors(), 0);
    assert_eq!(loaded.warnings(), 0);
}

#[test]
fn bundled_and_on_disk_timelines_load_without_diagnostics() {
    assert_clean(&load::load(load::bundled()), "bundled");
    assert_clean(&loaded_from_disk(), "timelines/ on disk");
}

#[test]
fn bundled_timeline_is_split_across_several_files() {
    assert!(
        load::bundled().len() >= 4,
        "the bundled timeline should exercise merging"
    );
}

#[test]
fn every_year_has_its_major_events() {
    let tl = load::load(load::bundled()).timeline;
    let mut per_year: BTreeMap<u16, usize> = BTreeMap::new();
    for e in &tl.events {
        *per_year.entry(e.date.year()).or_default() += 1;
    }
    for year in 2007..=2024u16 {
        let n = per_year.get(&year).copied().unwrap_or(0);
        let want = if year >= 2021 { 15 } else { 8 };
        assert!(n >= want, "year {year} has only {n} events, wants {want}");
    }
    assert!(tl.events.len() >= 220, "only {} events", tl.events.len());
    assert!(tl.actors.len() >= 30, "only {} actors", tl.actors.len());
}

/// A journalist sees which source backs each claim: at least 80 % cite
/// one (FORMAT.md, "Which source reports a claim"), every source is dated
/// so the chronology can be walked "as known on" a day, and the school
/// massacre, seen as known on its day, shows nothing published later.
#[test]
fn claims_cite_their_sources_and_sources_carry_dates() {
    let tl = load::load(load::bundled()).timeline;
    let claims: Vec<_> = tl.events.iter().flat_map(|e| &e.claims).collect();
    let citing = claims.iter().filter(|c| !c.sources.is_empty()).count();
    assert!(
        citing * 100 >= claims.len() * 80,
        "{citing} of {} claims cite a source",
        claims.len()
    );
    for e in &tl.events {
        for s in &e.sources {
            assert!(s.date.is_some(), "event {}: {} is undated", e.id, s.title);
        }
    }
    let day = chronoscope::model::EventDate::parse("2014-12-16").unwrap();
    let known = tl.as_known_on(day);
    let aps = &known.events[known
        .event_ix("2014-12-aps-peshawar")
        .expect("reported that day")];
    assert!(!aps.sources.is_empty() && !aps.claims.is_empty());
    for e in &known.events {
        for s in &e.sources {
            assert!(
                s.date.is_some_and(|d| d.last_day() <= day.last_day()),
                "{}",
                e.id
            );
        }
    }
    assert!(
        known.event_ix("2014-12-nap").is_none(),
        "the plan came later"
    );
}

#[test]
fn every_event_has_a_source() {
    let tl = load::load(load::bundled()).timeline;
    for e in &tl.events {
        assert!(!e.sources.is_empty(), "event {} has no source", e.id);
        for s in &e.sources {
            assert!(
                !s.publisher.trim().is_empty(),
                "event {}: source without publisher",
                e.id
            );
            assert!(
                !s.title.trim().is_empty(),
                "event {}: source without title",
                e.id
            );
        }
    }
}

#[test]
fn sources_are_citable() {
    let tl = load::load(load::bundled()).timeline;
    let (mut all, mut with_url) = (0, 0);
    for e in &tl.events {
        assert!(
            !e.sources
                .iter()
                .all(|s| s.publisher.to_lowercase().contains("wikipedia")),
            "event {} rests on Wikipedia alone",
            e.id
        );
        for s in &e.sources {
            all += 1;
            with_url += usize::from(s.url.is_some());
            assert!(
                s.date.is_some(),
                "event {}: source {} has no date",
                e.id,
                s.title
            );
            assert!(
                s.grade.is_some(),
                "event {}: source {} has no grade",
                e.id,
                s.title
            );
        }
        assert!(
            e.sources.iter().any(|s| s.url.is_some()),
            "event {}: no source with an address",
            e.id
        );
    }
    assert!(
        with_url * 100 >= all * 85,
        "only {with_url} of {all} sources have a url"
    );
}

#[test]
fn nothing_from_the_editing_room_reaches_the_room() {
    let tl = load::load(load::bundled()).timeline;
    let editing = [
        "seed article",
        "modelled",
        "figures field",
        "is recorded",
        "precision kept",
    ];
    let check = |what: &str, text: &str| {
        let lower = text.to_lowercase();
        for word in editing {
            assert!(!lower.contains(word), "{what} says {word:?}: {text}");
        }
    };
    for e in &tl.events {
        check(&format!("{} title", e.id), &e.title);
        check(&format!("{} summary", e.id), &e.summary);
        check(&format!("{} details", e.id), &e.details);
        for c in &e.claims {
            check(&format!("{} claim", e.id), &c.text);
        }
    }
    for t in &tl.tours {
        check(&format!("tour {}", t.id), &t.summary);
        for s in &t.steps {
            check(&format!("tour {} note", t.id), &s.note);
        }
    }
}

#[test]
fn every_actor_is_mentioned_by_an_event() {
    let tl = load::load(load::bundled()).timeline;
    let mut mentioned = HashSet::new();
    for e in &tl.events {
        mentioned.extend(e.actors.iter().copied());
        mentioned.extend(e.claims.iter().map(|c| c.by));
    }
    for (ix, a) in tl.actors.iter().enumerate() {
        assert!(mentioned.contains(&ix), "actor {} is never mentioned", a.id);
    }
}

#[test]
fn every_seed_article_event_is_present_and_cites_the_article() {
    let tl = load::load(load::bundled()).timeline;
    for id in SEED_EVENT_IDS {
        let e = tl
            .events
            .iter()
            .find(|e| e.id == *id)
            .unwrap_or_else(|| panic!("seed-article event {id} is missing"));
        assert!(
            e.sources.iter().any(|s| s.publisher == "Business Upturn"
                && s.title.starts_with("Pakistan’s diplomatic tightrope")),
            "seed-article event {id} does not cite the seed article"
        );
    }
}

#[test]
fn seed_article_contradiction_is_kept_as_two_meetings() {
    let tl = load::load(load::bundled()).timeline;
    let find = |id: &str| tl.events.iter().find(|e| e.id == id).expect(id);
    let jcc = find("2024-01-jcc-islamabad");
    let kabul = find("2024-01-fazlur-rehman-kabul");
    assert!(jcc.location.contains("Islamabad"));
    assert!(kabul.location.contains("Kabul"));
    // The JCC event records the Pakistani assertion and the Taliban denial side by side.
    assert!(
        jcc.has_conflict(),
        "JCC event should carry an assertion and a denial"
    );
}

#[test]
fn tours_resolve_and_have_eight_to_fifteen_steps() {
    let tl = load::load(load::bundled()).timeline;
    assert!(tl.tours.len() >= 2);
    for t in &tl.tours {
        assert!(
            (8..=15).contains(&t.steps.len()),
            "tour {} has {} steps",
            t.id,
            t.steps.len()
        );
        for s in &t.steps {
            assert!(
                s.event < tl.events.len(),
                "tour {} points past the events",
                t.id
            );
            assert!(
                !s.note.trim().is_empty(),
                "tour {}: a step has no speaker note",
                t.id
            );
        }
    }
    for id in [
        "ttp-resurgence-2021",
        "lal-masjid-to-nap",
        "kabul-islamabad-2021",
    ] {
        assert!(tl.tours.iter().any(|t| t.id == id), "tour {id} is missing");
    }
}

/// What people type or paste finds the events they mean: a hyphen for the
/// data's en dash, a straight apostrophe for its curly one, a phrase in
/// quotes, and an abbreviation as a whole word.
#[test]
fn searches_people_type_find_the_events_they_mean() {
    use chronoscope::query::{self, Filter, Index};
    let l = load::load(load::bundled());
    let t = &l.timeline;
    let ix = Index::build(t);
    let found = |search: &str| -> Vec<String> {
        let f = Filter {
            search: search.into(),
            ..Filter::default()
        };
        query::apply(t, &ix, &f)
            .events
            .iter()
            .map(|&e| t.events[e].id.to_string())
            .collect()
    };
    assert!(found("Pakistan-TTP talks").contains(&"2022-06-kabul-hosted-talks".to_string()));
    assert_eq!(found("Pakistan's"), found("Pakistan’s"));
    assert!(found("Pakistan's").len() > 10);
    assert_eq!(
        found("\"carry out attacks\""),
        ["2022-11-ttp-ends-ceasefire"]
    );
    let aps = found("APS");
    assert_eq!(
        aps.first().map(String::as_str),
        Some("2014-12-aps-peshawar")
    );
    // "collapsed" holds "aps"; the abbreviation does not match inside it.
    assert!(aps.len() < found("aps").len(), "{aps:?}");
}
