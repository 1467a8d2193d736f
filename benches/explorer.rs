//! Benchmarks at 10,000 and 100,000 events: loading (against the toml
//! crate's own parse of the same text, the floor), building the index,
//! applying a filter, one search keystroke, one frame at 200×60, the map
//! (200 and 2,000 places: opening it, a frame, re-filtering with its
//! per-place counts) and one keystroke narrowing 10,000 actors.
//!
//! Run with `cargo bench --bench explorer`; BENCHMARKS.md records the
//! figures and what dominates each. The timelines come from `synth.rs`, the
//! generator `examples/synth.rs` also uses, so a person can open the very
//! timeline measured here.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod synth;

use std::sync::OnceLock;

use chronoscope::app::{App, Message, Mode, Start};
use chronoscope::load::{self, Input};
use chronoscope::model::Timeline;
use chronoscope::query::{self, Combine, Filter, Index, SearchMode};
use chronoscope::ui;
use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [usize; 2] = [10_000, 100_000];
const SEED: u64 = 2024;

fn main() {
    divan::main();
}

/// One generated timeline, its loaded form and its index, built once per size.
struct Fixture {
    files: Vec<(String, String)>,
    timeline: Timeline,
    index: Index,
}

fn fixture(n: usize) -> &'static Fixture {
    static SMALL: OnceLock<Fixture> = OnceLock::new();
    static LARGE: OnceLock<Fixture> = OnceLock::new();
    let cell = if n == SIZES[0] { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let files = synth::files(n, SEED);
        let loaded = load::load(inputs(&files));
        assert_eq!(
            loaded.errors(),
            0,
            "the synthetic timeline must load cleanly"
        );
        assert_eq!(loaded.timeline.events.len(), n);
        assert_eq!(loaded.timeline.places.len(), synth::places::count(n));
        let index = Index::build(&loaded.timeline);
        Fixture {
            files,
            timeline: loaded.timeline,
            index,
        }
    })
}

fn inputs(files: &[(String, String)]) -> Vec<Input> {
    files
        .iter()
        .map(|(name, text)| Input {
            name: name.clone(),
            bytes: text.as_bytes().to_vec(),
        })
        .collect()
}

/// An explorer over a fixture's timeline, at 200×60.
fn explorer(f: &Fixture) -> App {
    let mut app = App::new(Start::new(f.timeline.clone()));
    app.update(Message::Resize(200, 60));
    app
}

fn actor(t: &Timeline, id: &str) -> usize {
    t.actor_ix(id).unwrap_or_else(|| panic!("no actor {id}"))
}

/// Loading: the toml crate's parse is the floor the whole load is held to.
mod load_timeline {
    use super::*;

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn toml_detable_parse(bencher: Bencher, n: usize) {
        let f = fixture(n);
        bencher.bench_local(|| {
            f.files
                .iter()
                .map(|(_, text)| toml::de::DeTable::parse(black_box(text)).unwrap())
                .collect::<Vec<_>>()
        });
    }

    /// The same parse with the tree dropped inside the timing, as a loader
    /// must once it has walked it.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn toml_detable_parse_and_drop(bencher: Bencher, n: usize) {
        let f = fixture(n);
        bencher.bench_local(|| {
            for (_, text) in &f.files {
                drop(toml::de::DeTable::parse(black_box(text)).unwrap());
            }
        });
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn toml_from_str_table(bencher: Bencher, n: usize) {
        let f = fixture(n);
        bencher.bench_local(|| {
            f.files
                .iter()
                .map(|(_, text)| toml::from_str::<toml::Table>(black_box(text)).unwrap())
                .collect::<Vec<_>>()
        });
    }

    /// Decode, parse, validate, resolve, sort: what `chronoscope PATH` waits for
    /// once the files are read.
    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn chronoscope_load(bencher: Bencher, n: usize) {
        let f = fixture(n);
        bencher
            .with_inputs(|| inputs(&f.files))
            .bench_local_values(load::load);
    }

    #[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
    fn index_build(bencher: Bencher, n: usize) {
        let f = fixture(n);
        bencher.bench_local(|| Index::build(black_box(&f.timeline)));
    }
}

/// Applying a filter from scratch, as a toggle in the actors pane does.
mod filter {
    use super::*;

    /// The most common actor, 2000..2010.
    pub(super) fn actor_and_date(t: &Timeline) -> Filter {
        let (from, to) = query::parse_range("2000..2010").unwrap();
        Filter {
            actors: vec![actor(t, synth::COMMON_ACTORS[0])],
            from,
            to,
            ..Filter::default()
        }
    }

    #[divan::bench(args = SIZES, sample_count = 50)]
    fn actor_and_date_range(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let filter = actor_and_date(&f.timeline);
        bencher.bench_local(|| query::apply(&f.timeline, &f.index, black_box(&filter)));
    }

    #[divan::bench(args = SIZES, sample_count = 50)]
    fn actors_all_of_pair(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let mut actors: Vec<usize> = synth::COMMON_ACTORS
            .iter()
            .map(|id| actor(&f.timeline, id))
            .collect();
        actors.sort_unstable();
        let filter = Filter {
            actors,
            combine: Combine::All,
            ..Filter::default()
        };
        bencher.bench_local(|| query::apply(&f.timeline, &f.index, black_box(&filter)));
    }
}

/// One keystroke of incremental search.
mod search {
    use super::*;

    fn searching(text: &str) -> Filter {
        Filter {
            search: text.to_string(),
            ..Filter::default()
        }
    }

    /// A search for `text` with nothing before it to narrow.
    fn fresh(bencher: Bencher, n: usize, text: &str) {
        let f = fixture(n);
        let filter = searching(text);
        bencher.bench_local(|| query::apply(&f.timeline, &f.index, black_box(&filter)));
    }

    /// One letter typed onto a search: `was` narrowed to `now`.
    fn typed(bencher: Bencher, n: usize, was: &str, now: &str) {
        let f = fixture(n);
        let before = searching(was);
        let prev = query::apply(&f.timeline, &f.index, &before);
        let after = searching(now);
        bencher.bench_local(|| {
            query::refine(&f.timeline, &f.index, black_box(&after), &before, &prev)
        });
    }

    /// "pes" → "pesh": narrows the previous matches.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn refine_pes_to_pesh(bencher: Bencher, n: usize) {
        typed(bencher, n, "pes", "pesh");
    }

    /// The first keystroke: nothing to narrow, and nearly every event matches.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn fresh_one_char(bencher: Bencher, n: usize) {
        fresh(bencher, n, "p");
    }

    /// The second keystroke, "p" → "pe": narrows nearly every event.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn refine_p_to_pe(bencher: Bencher, n: usize) {
        typed(bencher, n, "p", "pe");
    }

    /// "pesh" → "pes", a letter erased: searched afresh.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn fresh_pes(bencher: Bencher, n: usize) {
        fresh(bencher, n, "pes");
    }

    /// A fresh search for a rarer word, scanning every event's text.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn fresh_word(bencher: Bencher, n: usize) {
        fresh(bencher, n, "peshawar");
    }

    /// An explorer with "pes" typed into the search prompt.
    fn typed_pes(f: &Fixture) -> App {
        let mut app = explorer(f);
        app.update(Message::StartSearch);
        for c in "pes".chars() {
            app.update(Message::TypeChar(c));
        }
        app
    }

    /// The whole keystroke as the explorer handles it while a person types:
    /// `App::update` with "pes" typed, then "h" — refine, rows, actor
    /// entries, scrolls. One explorer serves every sample; the "h" is
    /// erased again before each, which searches "pes" afresh, as the
    /// keystroke before it did.
    #[divan::bench(args = SIZES, sample_count = 50, sample_size = 1)]
    fn app_keystroke(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let app = std::cell::RefCell::new(typed_pes(f));
        bencher
            .with_inputs(|| {
                app.borrow_mut().update(Message::DeleteChar);
            })
            .bench_local_values(|()| app.borrow_mut().update(Message::TypeChar('h')));
    }

    /// The same keystroke in an explorer built just before it, for every
    /// sample: cloning the timeline and building the index leave the text
    /// out of the cache, so this is the cold bound.
    #[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
    fn app_keystroke_cold(bencher: Bencher, n: usize) {
        let f = fixture(n);
        bencher
            .with_inputs(|| typed_pes(f))
            .bench_local_refs(|app| app.update(Message::TypeChar('h')));
    }
}

/// One frame at 200×60 into a `TestBackend`; the app is built once and
/// only drawing (and ratatui's diff against the previous frame) is timed.
mod frame {
    use super::*;

    pub(super) fn draw_bench(bencher: Bencher, app: &App) {
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        bencher.bench_local(|| {
            terminal
                .draw(|frame| ui::draw(frame, black_box(app)))
                .unwrap();
        });
    }

    #[divan::bench(args = SIZES, sample_count = 50)]
    fn browse_200x60(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let mut app = explorer(f);
        // Somewhere in the middle, where the density strip marks a year.
        for _ in 0..5 {
            app.update(Message::PageDown);
        }
        draw_bench(bencher, &app);
    }

    #[divan::bench(args = SIZES, sample_count = 50)]
    fn search_highlight_200x60(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let filter = Filter {
            search: "peshawar".into(),
            search_mode: SearchMode::Highlight,
            ..Filter::default()
        };
        let mut start = Start::new(f.timeline.clone());
        start.filter = filter;
        let mut app = App::new(start);
        app.update(Message::Resize(200, 60));
        draw_bench(bencher, &app);
    }
}

/// The map of where the shown events happened: 200 places at 10,000
/// events, 2,000 at 100,000, most in one country-sized box.
mod map {
    use super::filter::actor_and_date;
    use super::*;

    /// An explorer at 200×60 with the map open on every event.
    fn mapped(f: &Fixture) -> App {
        let mut app = explorer(f);
        app.update(Message::ToggleMap);
        match app.mode() {
            Mode::Map(m) => assert_eq!(m.places.len(), f.timeline.places.len()),
            other => panic!("the map did not open: {other:?}"),
        }
        app
    }

    /// Opening the map from the explorer (`M`): the places the shown
    /// events name, ordered by events, and the view fitted to most of them.
    #[divan::bench(args = SIZES, sample_count = 50, sample_size = 1)]
    fn map_open(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let app = std::cell::RefCell::new(explorer(f));
        bencher
            .with_inputs(|| {
                let mut app = app.borrow_mut();
                if matches!(app.mode(), Mode::Map(_)) {
                    app.update(Message::ToggleMap);
                }
            })
            .bench_local_values(|()| app.borrow_mut().update(Message::ToggleMap));
    }

    /// One frame of the map at 200×60 into a `TestBackend`: the borders in
    /// Braille, every place's mark, the labels that fit, the header.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn map_200x60(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let app = mapped(f);
        frame::draw_bench(bencher, &app);
    }

    /// The same frame with the map zoomed in twice, on the selected place.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn map_zoomed_200x60(bencher: Bencher, n: usize) {
        let f = fixture(n);
        let mut app = mapped(f);
        app.update(Message::ZoomIn);
        app.update(Message::ZoomIn);
        frame::draw_bench(bencher, &app);
    }

    /// The fixture's timeline with its places taken out, and its index:
    /// otherwise the same events, actors, dates and text (less the place
    /// names).
    fn without_places(n: usize) -> &'static (Timeline, Index) {
        static SMALL: OnceLock<(Timeline, Index)> = OnceLock::new();
        static LARGE: OnceLock<(Timeline, Index)> = OnceLock::new();
        let cell = if n == SIZES[0] { &SMALL } else { &LARGE };
        cell.get_or_init(|| {
            let mut t = fixture(n).timeline.clone();
            t.places.clear();
            for e in &mut t.events {
                e.places.clear();
            }
            let index = Index::build(&t);
            (t, index)
        })
    }

    /// `query::apply` on the timeline with places and on the same without,
    /// checking both show the same events and only the first counts places.
    fn refilter(bencher: Bencher, n: usize, places: bool, filter: fn(&Timeline) -> Filter) {
        let f = fixture(n);
        let (bare, bare_index) = without_places(n);
        let (t, index) = if places {
            (&f.timeline, &f.index)
        } else {
            (bare, bare_index)
        };
        let filter = filter(t);
        let shown = query::apply(t, index, &filter);
        assert_eq!(shown.place_counts.iter().any(|&c| c > 0), places);
        assert_eq!(
            shown.events,
            query::apply(&f.timeline, &f.index, &filter).events
        );
        bencher.bench_local(|| query::apply(t, index, black_box(&filter)));
    }

    /// The filter of `filter::actor_and_date_range` (one actor, 2000..2010;
    /// 1,424 events at 100,000): its one pass over the shown events counts
    /// places with actors and tags. Against `map_refilter_no_places`, the
    /// difference is what the map's per-place counts cost.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn map_refilter(bencher: Bencher, n: usize) {
        refilter(bencher, n, true, actor_and_date);
    }

    #[divan::bench(args = SIZES, sample_count = 50)]
    fn map_refilter_no_places(bencher: Bencher, n: usize) {
        refilter(bencher, n, false, actor_and_date);
    }

    /// No filter: every event is shown and counted, the most the
    /// per-place counts can add.
    #[divan::bench(args = SIZES, sample_count = 50)]
    fn map_refilter_all(bencher: Bencher, n: usize) {
        refilter(bencher, n, true, |_| Filter::default());
    }

    #[divan::bench(args = SIZES, sample_count = 50)]
    fn map_refilter_all_no_places(bencher: Bencher, n: usize) {
        refilter(bencher, n, false, |_| Filter::default());
    }
}

/// Narrowing the actors pane as a person types a name: one keystroke of
/// `App::update` over 1,000 and 10,000 actors (each with a short name, a
/// name and two aliases, all scored by nucleo), re-sorting the list.
mod typed_narrowing {
    use super::*;

    const ACTORS: [usize; 2] = [1_000, 10_000];

    fn actors_timeline(n: usize) -> Timeline {
        let words = [
            "Tehrik", "Taliban", "Lashkar", "Jamaat", "Harakat", "Front", "Army",
        ];
        let mut text = String::from("[timeline]\ntitle = \"Actors\"\n");
        let mut ids = Vec::with_capacity(n);
        for i in 0..n {
            let (a, b) = (words[i % words.len()], words[(i / 7) % words.len()]);
            text.push_str(&format!(
                "[actors.a{i}]\nname = \"{a}-i-{b} {i}\"\nshort = \"{}{i}\"\n\
                 aliases = [\"{b} {a} group {i}\", \"the {a}s of {i}\"]\nkind = \"armed-group\"\nsummary = \"s\"\n",
                &a[..2].to_uppercase()
            ));
            ids.push(format!("\"a{i}\""));
        }
        text.push_str(&format!(
            "[[events]]\nid = \"e\"\ndate = \"2000\"\ntitle = \"t\"\nsummary = \"s\"\nactors = [{}]\n\
             [[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n",
            ids.join(", ")
        ));
        let loaded = load::from_str("actors.toml", &text);
        assert_eq!(loaded.errors(), 0, "{:?}", loaded.problems());
        loaded.timeline
    }

    /// "ta" typed into the actors pane's narrowing, then "l".
    #[divan::bench(args = ACTORS, sample_count = 30, sample_size = 1)]
    fn keystroke(bencher: Bencher, n: usize) {
        let mut app = App::new(Start::new(actors_timeline(n)));
        app.update(Message::Resize(200, 60));
        app.update(Message::PrevPane);
        assert_eq!(app.pane(), chronoscope::app::Pane::Actors);
        app.update(Message::StartSearch);
        for c in "ta".chars() {
            app.update(Message::TypeChar(c));
        }
        let app = std::cell::RefCell::new(app);
        bencher
            .with_inputs(|| {
                app.borrow_mut().update(Message::DeleteChar);
            })
            .bench_local_values(|()| app.borrow_mut().update(Message::TypeChar('l')));
    }
}
