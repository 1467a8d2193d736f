//! Filter tests on a small inline timeline.

use super::*;
use crate::load::{from_str, load};

const T: &str = r#"
[timeline]
title = "T"
coverage = { from = "2007", to = "2024" }
[actors.pak]
name = "Pakistan"
short = "PAK"
kind = "state"
summary = "s"
[actors.ttp]
name = "Tehrik-i-Taliban Pakistan"
short = "TTP"
aliases = ["Pakistani Taliban"]
kind = "armed-group"
summary = "s"
[actors.afg]
name = "Afghan Taliban"
kind = "armed-group"
summary = "s"

[[events]]
id = "founding"
date = "2007-12"
title = "TTP founded"
summary = "Baitullah Mehsud leads."
actors = ["ttp"]
tags = ["leadership"]
[[events.sources]]
publisher = "P"
title = "T"

[[events]]
id = "aps"
date = "2014-12-16"
title = "Army Public School attack"
summary = "Peshawar school attacked."
location = "Peshawar"
actors = ["ttp", "pak"]
tags = ["attack", "education"]
[[events.sources]]
publisher = "P"
title = "T"

[[events]]
id = "talks"
date = "2022-06~"
end = "2022-11"
title = "Kabul-hosted talks"
summary = "Talks between Islamabad and the group."
actors = ["pak", "ttp"]
[[events.claims]]
by = "afg"
stance = "asserts"
text = "We mediate."
[[events.sources]]
publisher = "P"
title = "T"

[[events]]
id = "fence"
date = "2017"
title = "Border fencing"
summary = "Fence along the Durand Line."
actors = ["pak"]
tags = ["border"]
[[events.sources]]
publisher = "P"
title = "T"
"#;

fn timeline() -> (Timeline, Index) {
    let l = from_str("t.toml", T);
    assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
    let index = Index::build(&l.timeline);
    (l.timeline, index)
}

fn ids(t: &Timeline, f: &Filtered) -> Vec<String> {
    f.events
        .iter()
        .map(|&i| t.events[i].id.to_string())
        .collect()
}

#[test]
fn no_filter_shows_everything_in_order() {
    let (t, ix) = timeline();
    let f = apply(&t, &ix, &Filter::default());
    assert_eq!(ids(&t, &f), ["founding", "aps", "fence", "talks"]);
    assert_eq!(f.years.first(), Some(&(2007, 1)));
    assert_eq!(f.years.len(), 18);
}

#[test]
fn actors_combine_any_or_all() {
    let (t, ix) = timeline();
    let pak = t.actor_ix("pak").unwrap();
    let ttp = t.actor_ix("ttp").unwrap();
    let mut filter = Filter::default();
    filter.toggle_actor(ttp);
    filter.toggle_actor(pak);
    assert_eq!(
        ids(&t, &apply(&t, &ix, &filter)),
        ["founding", "aps", "fence", "talks"]
    );
    filter.combine = Combine::All;
    let f = apply(&t, &ix, &filter);
    assert_eq!(ids(&t, &f), ["aps", "talks"]);
    assert_eq!(f.actor_counts[pak], 2);
    filter.toggle_actor(pak);
    assert_eq!(filter.actors, vec![ttp]);
}

#[test]
fn claimants_count_as_involved() {
    let (t, ix) = timeline();
    let mut filter = Filter::default();
    filter.toggle_actor(t.actor_ix("afg").unwrap());
    assert_eq!(ids(&t, &apply(&t, &ix, &filter)), ["talks"]);
}

#[test]
fn tags_filter() {
    let (t, ix) = timeline();
    let mut filter = Filter::default();
    filter.toggle_tag(t.tag_ix("education").unwrap());
    assert_eq!(ids(&t, &apply(&t, &ix, &filter)), ["aps"]);
}

#[test]
fn date_ranges_keep_overlapping_periods() {
    let (t, ix) = timeline();
    let (from, to) = parse_range("2021..2023-06").unwrap();
    let f = apply(
        &t,
        &ix,
        &Filter {
            from,
            to,
            ..Filter::default()
        },
    );
    assert_eq!(ids(&t, &f), ["talks"]);
    let (from, to) = parse_range("..2010").unwrap();
    assert_eq!(
        ids(
            &t,
            &apply(
                &t,
                &ix,
                &Filter {
                    from,
                    to,
                    ..Filter::default()
                }
            )
        ),
        ["founding"]
    );
    let (from, to) = parse_range("2022-11").unwrap();
    assert_eq!(
        ids(
            &t,
            &apply(
                &t,
                &ix,
                &Filter {
                    from,
                    to,
                    ..Filter::default()
                }
            )
        ),
        ["talks"]
    );
    assert!(parse_range("2023..2021").is_err());
    assert!(parse_range("2011-13").is_err());
    assert!(parse_range("").is_err());
}

#[test]
fn search_covers_text_location_actor_names_and_aliases() {
    let (t, ix) = timeline();
    let find = |q: &str| {
        ids(
            &t,
            &apply(
                &t,
                &ix,
                &Filter {
                    search: q.into(),
                    ..Filter::default()
                },
            ),
        )
    };
    assert_eq!(find("army public school"), ["aps"]);
    assert_eq!(find("ARMY school"), ["aps"]);
    assert_eq!(find("peshawar"), ["aps"]);
    assert_eq!(find("pakistani taliban"), ["founding", "aps", "talks"]);
    assert_eq!(find("durand"), ["fence"]);
    assert!(find("zzzz").is_empty());
}

#[test]
fn highlight_mode_keeps_all_and_marks_matches() {
    let (t, ix) = timeline();
    let f = apply(
        &t,
        &ix,
        &Filter {
            search: "school".into(),
            search_mode: SearchMode::Highlight,
            ..Filter::default()
        },
    );
    assert_eq!(f.events.len(), 4);
    assert_eq!(f.matches.len(), 1);
    assert_eq!(f.hidden_by_search, 3);
}

#[test]
fn refine_agrees_with_apply() {
    let (t, ix) = timeline();
    let mut prev_filter = Filter::default();
    let mut prev = apply(&t, &ix, &prev_filter);
    for q in ["p", "pe", "pes", "pesh", "pesha", "peshawar"] {
        let f = Filter {
            search: q.into(),
            ..Filter::default()
        };
        let refined = refine(&t, &ix, &f, &prev_filter, &prev);
        assert_eq!(refined, apply(&t, &ix, &f), "{q}");
        prev = refined;
        prev_filter = f;
    }
}

#[test]
fn search_over_runs_agrees_with_event_by_event() {
    let (t, ix) = timeline();
    let all: Vec<EventIx> = (0..t.events.len()).collect();
    let some: Vec<EventIx> = vec![0, 2, 3];
    for q in [
        "t",
        "ttp",
        "pakistani taliban",
        "line.\n",
        "ban pak",
        "zzz",
        "a\0b",
        "d\0",
    ] {
        let query = terms(q);
        let naive = |within: &[EventIx]| -> Vec<EventIx> {
            within
                .iter()
                .copied()
                .filter(|&i| query.iter().all(|w| ix.event_text_contains(i, &w.text)))
                .collect()
        };
        assert_eq!(ix.search(&query, None).events, naive(&all), "{q:?}");
        assert_eq!(ix.search(&query, Some(&all)).events, naive(&all), "{q:?}");
        assert_eq!(ix.search(&query, Some(&some)).events, naive(&some), "{q:?}");
        // Split across threads, from no text at all on, it agrees too.
        for cores in [2, 3, 7] {
            let split = ix.clone().split_search(cores, 0);
            assert_eq!(
                split.search(&query, None).events,
                naive(&all),
                "{q:?} on {cores}"
            );
            assert_eq!(
                split.search(&query, Some(&all)).events,
                naive(&all),
                "{q:?} on {cores}"
            );
            assert_eq!(
                split.search(&query, Some(&some)).events,
                naive(&some),
                "{q:?} on {cores}"
            );
        }
    }
}

#[test]
fn counts_take_each_involved_actor_once() {
    let text = T.replace(
        "[[events]]\nid = \"fence\"",
        "[[events]]\nid = \"claims\"\ndate = \"2020\"\ntitle = \"C\"\nsummary = \"s\"\nactors = [\"pak\"]\n\
         [[events.claims]]\nby = \"afg\"\nstance = \"asserts\"\ntext = \"one\"\n\
         [[events.claims]]\nby = \"afg\"\nstance = \"denies\"\ntext = \"two\"\n\
         [[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n\n[[events]]\nid = \"fence\"",
    );
    let l = from_str("t.toml", &text);
    assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
    let (t, ix) = (&l.timeline, Index::build(&l.timeline));
    let mut filter = Filter {
        search: "one two".into(),
        ..Filter::default()
    };
    let f = apply(t, &ix, &filter);
    assert_eq!(f.events.len(), 0, "claim text is not searched");
    filter.search.clear();
    filter.toggle_actor(t.actor_ix("afg").unwrap());
    let f = apply(t, &ix, &filter);
    assert_eq!(ids(t, &f), ["claims", "talks"]);
    assert_eq!(f.actor_counts[t.actor_ix("afg").unwrap()], 2);
}

#[test]
fn a_search_split_across_threads_finds_what_one_thread_finds() {
    let l = load(crate::load::bundled());
    assert_eq!(l.errors(), 0);
    let ix = Index::build(&l.timeline);
    let n = l.timeline.events.len();
    let every_third: Vec<EventIx> = (0..n).step_by(3).collect();
    let runs_of_two: Vec<EventIx> = (0..n).filter(|i| i % 5 < 2).collect();
    for q in ["a", "pak", "ttp taliban", "peshawar school", "zzz"] {
        let query = terms(q);
        for within in [None, Some(&every_third[..]), Some(&runs_of_two[..])] {
            let one = ix.search(&query, within);
            for cores in [2, 3, 5, 64] {
                for from in [0, 1000] {
                    let split = ix.clone().split_search(cores, from);
                    assert_eq!(split.search(&query, within), one, "{q:?} on {cores} cores");
                    if let (Some(last), false) = (query.last(), one.events.is_empty()) {
                        let more = format!("{}a", last.text);
                        let narrowed = ix.search_on(&more, &one.events, &one.last_at);
                        assert_eq!(
                            split.search_on(&more, &one.events, &one.last_at),
                            narrowed,
                            "{q:?}+a on {cores} cores"
                        );
                    }
                }
            }
        }
    }
}

/// Typing a query letter by letter, each refinement must equal a fresh
/// filter: the same events, matches and last-word offsets.
#[test]
fn refining_letter_by_letter_equals_filtering_afresh() {
    let l = load(crate::load::bundled());
    let t = &l.timeline;
    for ix in [
        Index::build(t),
        Index::build(t).split_search(2, 0),
        Index::build(t).split_search(5, 0),
    ] {
        for query in [
            "peshawar",
            "army public school",
            "ttp",
            "a b c",
            "pak  taliban",
            "zq",
        ] {
            for mode in [SearchMode::Filter, SearchMode::Highlight] {
                let mut prev_filter = Filter {
                    search_mode: mode,
                    ..Filter::default()
                };
                let mut prev = apply(t, &ix, &prev_filter);
                for end in 1..=query.len() {
                    let f = Filter {
                        search: query[..end].to_string(),
                        ..prev_filter.clone()
                    };
                    let refined = refine(t, &ix, &f, &prev_filter, &prev);
                    let fresh = apply(t, &ix, &f);
                    assert_eq!(refined, fresh, "{:?} in {mode:?}", f.search);
                    assert_eq!(fresh.match_at.len(), fresh.matches.len(), "{:?}", f.search);
                    (prev_filter, prev) = (f, refined);
                }
            }
        }
    }
}

#[test]
fn refining_follows_lowercasing_not_the_typed_text() {
    // "ΟΔΟΣ" lowercases to "οδος" (a final sigma) but "ΟΔΟΣΑ" to "οδοσα":
    // the longer query is not a narrowing of the shorter one.
    let text = T.replace("title = \"TTP founded\"", "title = \"Η οδοσα\"");
    let l = from_str("t.toml", &text);
    assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
    let (t, ix) = (&l.timeline, Index::build(&l.timeline));
    let before = Filter {
        search: "ΟΔΟΣ".into(),
        ..Filter::default()
    };
    let prev = apply(t, &ix, &before);
    assert!(prev.matches.is_empty());
    let after = Filter {
        search: "ΟΔΟΣΑ".into(),
        ..Filter::default()
    };
    let refined = refine(t, &ix, &after, &before, &prev);
    assert_eq!(refined, apply(t, &ix, &after));
    assert_eq!(ids(t, &refined), ["founding"]);
}

#[test]
fn queries_fold_dashes_quotes_and_keep_phrases_and_abbreviations_whole() {
    let t = terms("Pakistan-TTP “peace talks” APS pakistan’s");
    let texts: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["pakistan-ttp", "peace talks", "aps", "pakistan's"]);
    let whole: Vec<bool> = t.iter().map(|t| t.whole).collect();
    assert_eq!(whole, [false, true, true, false]);
    assert_eq!(fold("Pakistan–TTP talks"), "pakistan-ttp talks");
    assert_eq!(fold("Pakistan’s \u{a0}“x”"), "pakistan's  \"x\"");
    // An unclosed quote runs to the end; an empty one is nothing.
    assert_eq!(terms("\"carry out attacks")[0].text, "carry out attacks");
    assert!(terms("\"\"").is_empty());
    // Abbreviations are short capitals, not any capitalised word.
    assert!(!terms("Kabul")[0].whole && !terms("aps")[0].whole);
    assert!(terms("TTP")[0].whole && terms("9/11")[0].text == "9/11");
}

#[test]
fn folding_a_run_at_a_time_agrees_with_folding_each_character() {
    let each = |s: &str| -> String {
        s.chars()
            .flat_map(|c| match fold_char(c) {
                Some(f) => vec![f],
                None => c.to_lowercase().collect(),
            })
            .collect()
    };
    for s in [
        "",
        "Pakistan",
        "PLAIN ascii Words, 2014-12-16: ~[]{}\\|\t\n",
        "Pakistan–TTP `talks`",
        "İstanbul ÇAĞ Straße",
        "“Quoted” ‘single’ ΑΘΗΝΑ",
        "a\u{a0}b\u{202f}c",
        "``",
        "ǅ ß ﬁ",
    ] {
        assert_eq!(fold(s), each(s), "{s:?}");
    }
}

/// The sketches only ever spare reading an event that cannot match: a
/// sketched search finds what a scan of the text alone finds, events and
/// offsets both, on events long and short, over a small alphabet that
/// makes every letter, pair and first position collide often.
mod sketches {
    use super::*;
    use proptest::prelude::*;

    const ALPHABET: [char; 13] = [
        'a', 'b', 'p', 'e', ' ', '-', '9', 'é', 'Z', 'q', '.', '\'', 'ç',
    ];

    /// A timeline of events with these summaries.
    fn timeline_of(summaries: &[String]) -> Timeline {
        let mut text = T.split("[[events]]").next().unwrap_or_default().to_string();
        for (i, s) in summaries.iter().enumerate() {
            text.push_str(&format!(
                "[[events]]\nid = \"e{i}\"\ndate = \"2020\"\ntitle = \"T\"\nsummary = \"{s}\"\n\
                 actors = [\"pak\"]\n[[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n\n"
            ));
        }
        let l = from_str("t.toml", &text);
        assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
        l.timeline
    }

    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(&ALPHABET[..]), 1..5)
            .prop_map(|cs| cs.into_iter().collect())
    }

    fn summary() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(&ALPHABET[..]), 0..700)
            .prop_map(|cs| cs.into_iter().collect())
    }

    fn agree(t: &Timeline, queries: &[String]) {
        let ix = Index::build(t);
        let plain = ix.clone().unsketched();
        let n = t.events.len();
        let odd: Vec<EventIx> = (0..n).filter(|i| i % 2 == 1).collect();
        for q in queries {
            let query = terms(q);
            for within in [None, Some(&odd[..])] {
                let hits = ix.search(&query, within);
                assert_eq!(hits, plain.search(&query, within), "{q:?}");
                assert_eq!(
                    ix.clone().split_search(2, 0).search(&query, within),
                    hits,
                    "{q:?} split"
                );
                for more in ["a", "e", "-", "é"] {
                    let Some(last) = query.last() else { continue };
                    let longer = format!("{}{more}", last.text);
                    assert_eq!(
                        ix.search_on(&longer, &hits.events, &hits.last_at),
                        plain.search_on(&longer, &hits.events, &hits.last_at),
                        "{q:?} then {longer:?}"
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn a_sketched_search_finds_what_a_scan_finds(
            summaries in proptest::collection::vec(summary(), 1..12),
            queries in proptest::collection::vec(word(), 1..8),
        ) {
            agree(&timeline_of(&summaries), &queries);
        }
    }

    #[test]
    fn on_the_bundled_timeline_too() {
        let l = load(crate::load::bundled());
        let queries: Vec<String> = [
            "p",
            "a",
            "9",
            "z",
            "q",
            "x",
            "-",
            "'",
            "é",
            "pe",
            "pes",
            "peshawar",
            "ttp taliban",
            "p a",
            "\"army public\"",
            "APS",
            "2014",
            "zq",
            "kabul-hosted",
        ]
        .map(String::from)
        .to_vec();
        agree(&l.timeline, &queries);
    }

    #[test]
    fn a_letter_far_into_an_event_is_found_where_it_is() {
        let far = format!("{}q and q", "a".repeat(300));
        let t = timeline_of(&["q first".into(), far.clone(), "none here".into()]);
        let ix = Index::build(&t);
        let hits = ix.search(&terms("q"), None);
        assert_eq!(hits.events, [0, 1]);
        // The offset is that of the first "q" of the second summary.
        assert_eq!(hits, ix.clone().unsketched().search(&terms("q"), None));
    }
}

#[test]
fn counting_on_every_core_adds_up_to_counting_on_one() {
    let l = load(crate::load::bundled());
    let t = &l.timeline;
    let ix = Index::build(t);
    let n = t.events.len();
    for events in [
        (0..n).collect::<Vec<_>>(),
        (0..n).step_by(3).collect(),
        vec![n / 2],
        Vec::new(),
    ] {
        let one = counts_from(t, &ix, events.clone(), events.clone(), 0, usize::MAX);
        let every = counts_from(t, &ix, events.clone(), events.clone(), 0, 1);
        assert_eq!(every, one, "{} events", events.len());
    }
    let all = counts_from(t, &ix, (0..n).collect(), Vec::new(), 0, 1);
    assert_eq!(all.years.iter().map(|y| y.1 as usize).sum::<usize>(), n);
}
