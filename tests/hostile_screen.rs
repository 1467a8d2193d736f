//! Hostile timelines drawn in-process: the explorer's state driven by
//! messages and drawn into ratatui's `TestBackend`.
//!
//! - No text from a file reaches a cell as a control or bidi character, in
//!   any mode (SECURITY.md, promise 1).
//! - Huge, cyclic and empty timelines neither panic nor hang the explorer
//!   (promise 2).
//! - Every size from 0×0 to 300×100, with live resizes in every mode,
//!   including the export prompt and the presentation overview (promise 3).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use chronoscope::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use chronoscope::app::{App, Entry, ExportProblem, Message, Mode, Pane, Prompt, Start};
use chronoscope::load::{self, Input};
use chronoscope::text::is_unsafe;
use chronoscope::ui::{self, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use common::screen::{self, draw, every_mode, focus, select_link, type_text};

const HOSTILE: &str = include_str!("fixtures/hostile/escapes.toml");
const EXPLORER: &str = include_str!("fixtures/explorer/timeline.toml");

fn app_from(toml: &str) -> App {
    screen::app_from(toml, ThemeName::Dark, false)
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// No cell holds a control (C0, DEL, C1), a tab, a newline or a bidi control.
fn assert_clean(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t'),
                "{what}: cell {x},{y} holds {sym:?}; the screen was:\n{}",
                text(buf)
            );
        }
    }
}

/// Draws `app` at every size of `SIZES`, checking each screen; returns the
/// text of the largest.
fn draw_checked(app: &mut App, what: &str) -> String {
    let mut last = String::new();
    for (w, h) in SIZES {
        let buf = draw(app, w, h);
        assert_clean(&buf, &format!("{what} at {w}x{h}"));
        last = text(&buf);
    }
    last
}

const SIZES: [(u16, u16); 5] = [(40, 10), (80, 24), (120, 40), (160, 48), (300, 100)];

/// Every screen of the explorer over a timeline whose every text field
/// holds escape sequences: the main screen, each event's details scrolled
/// through and its links followed, each actor's profile, help, search,
/// filters, presentation with notes, the overview, the export prompt.
/// No address of the hostile file is ever marked as a hyperlink: each
/// holds an escape, a quote or a scheme a browser must not be sent to.
#[test]
fn no_hostile_address_becomes_a_hyperlink() {
    let mut app = app_from(HOSTILE);
    let events = app.timeline().events.len();
    for i in 0..events {
        app.update(Message::MoveFirst);
        for _ in 0..i {
            app.update(Message::MoveDown);
        }
        app.update(Message::OpenSelected);
        for _ in 0..8 {
            draw(&mut app, 120, 40);
            assert!(chronoscope::ui::hyperlinks(&app).is_empty(), "event {i}");
            app.update(Message::NextLink);
        }
        app.update(Message::GoBack);
    }
}

#[test]
fn hostile_text_never_reaches_a_cell_in_any_mode() {
    let mut app = app_from(HOSTILE);
    let mut seen = String::new();

    for pane in [Pane::Events, Pane::Actors, Pane::Details] {
        focus(&mut app, pane);
        seen += &draw_checked(&mut app, &format!("main, {pane:?} focused"));
    }

    // Details of every event, scrolled to the end, every link followed.
    let events = app.filtered().events.len();
    assert_eq!(events, 3);
    for i in 0..events {
        focus(&mut app, Pane::Events);
        app.update(Message::MoveFirst);
        for _ in 0..i {
            app.update(Message::MoveDown);
        }
        app.update(Message::OpenSelected);
        assert_eq!(app.pane(), Pane::Details);
        for step in 0..12 {
            seen += &draw_checked(&mut app, &format!("details of event {i}, scrolled {step}"));
            app.update(Message::MoveDown);
        }
        for link in 0..app.doc().links.len() {
            app.update(Message::NextLink);
            app.update(Message::OpenSelected);
            seen += &draw_checked(&mut app, &format!("event {i}, link {link} followed"));
            app.update(Message::GoBack);
        }
        app.update(Message::GoBack);
    }

    // Every actor's profile, and every actor toggled into the filter (its
    // short name goes into the header).
    let actors: Vec<usize> = app
        .entries()
        .iter()
        .filter_map(|e| match e {
            Entry::Actor(a) => Some(*a),
            _ => None,
        })
        .collect();
    assert_eq!(actors.len(), 2);
    for a in actors {
        let id = app.timeline().actors[a].id.clone();
        screen::select_actor(&mut app, &id);
        app.update(Message::ToggleSelected);
        seen += &draw_checked(&mut app, &format!("actor {a} in the filter"));
        app.update(Message::OpenSelected);
        for step in 0..6 {
            seen += &draw_checked(&mut app, &format!("profile of actor {a}, scrolled {step}"));
            app.update(Message::MoveDown);
        }
        app.update(Message::NextLink);
        app.update(Message::OpenSelected);
        seen += &draw_checked(&mut app, &format!("a link of actor {a}"));
        app.update(Message::GoBack);
        app.update(Message::GoBack);
    }
    app.update(Message::ClearFilters);

    app.update(Message::ToggleHelp);
    draw_checked(&mut app, "help");
    app.update(Message::ToggleHelp);

    // Search, filtering then highlighting; escapes typed or pasted into the
    // prompt are shown as marks too.
    focus(&mut app, Pane::Events);
    app.update(Message::StartSearch);
    type_text(&mut app, "pwned");
    seen += &draw_checked(&mut app, "search prompt");
    type_text(&mut app, "\u{1b}]0;typed\u{7}\u{9b}2J\u{202e}\r");
    seen += &draw_checked(&mut app, "search prompt holding escapes");
    app.update(Message::ClearInput);
    type_text(&mut app, "pwned");
    app.update(Message::SubmitInput);
    app.update(Message::ToggleSearchMode);
    seen += &draw_checked(&mut app, "search highlighted in place");
    app.update(Message::ClearFilters);

    // Date prompts with their error messages, which quote what was typed.
    app.update(Message::StartDateRange);
    type_text(&mut app, "\u{1b}[2J..\u{202e}");
    app.update(Message::SubmitInput);
    seen += &draw_checked(&mut app, "date range error");
    app.update(Message::CancelInput);
    app.update(Message::StartJump);
    type_text(&mut app, "\u{9b}31m");
    app.update(Message::SubmitInput);
    seen += &draw_checked(&mut app, "jump error");
    app.update(Message::CancelInput);

    // Presentation of the filtered view, each slide with and without notes,
    // and the overview.
    app.update(Message::MoveFirst);
    app.update(Message::StartPresent);
    assert!(matches!(app.mode(), Mode::Present(_)));
    for slide in 0..events {
        seen += &draw_checked(&mut app, &format!("slide {slide}"));
        app.update(Message::ToggleNotes);
        seen += &draw_checked(&mut app, &format!("slide {slide}, notes toggled"));
        app.update(Message::NextSlide);
    }
    app.update(Message::NextSlide); // past the end: a banner
    seen += &draw_checked(&mut app, "last slide banner");
    app.update(Message::ToggleOverview);
    seen += &draw_checked(&mut app, "overview");
    app.update(Message::ExitPresent);
    app.update(Message::ExitPresent);
    assert_eq!(app.mode(), &Mode::Browse);

    // The tour, with speaker notes on every slide.
    // Its title slide first.
    let mut app = screen::presenting_tour(HOSTILE, "hostile-tour");
    for slide in 0..4 {
        seen += &draw_checked(&mut app, &format!("tour slide {slide} with notes"));
        app.update(Message::NextSlide);
    }
    app.update(Message::ToggleOverview);
    seen += &draw_checked(&mut app, "tour overview");
    app.update(Message::ExitPresent);
    app.update(Message::ExitPresent);
    app.update(Message::StartTours);
    seen += &draw_checked(&mut app, "tour picker");
    app.update(Message::CancelInput);

    // The presenter view of the tour: notes, next slide, title slide.
    let mut s = screen::start_from(HOSTILE);
    s.follow = Some("/run/user/\u{1b}]0;sock\u{7}/present.sock".into());
    let mut presenter = App::new(s);
    seen += &draw_checked(&mut presenter, "presenter view waiting");
    let ids: Vec<String> = {
        let t = presenter.timeline();
        t.tour("hostile-tour")
            .unwrap()
            .steps
            .iter()
            .map(|s| t.events[s.event].id.to_string())
            .collect()
    };
    presenter.update(Message::Linked(chronoscope::link::Event::Said(
        chronoscope::link::ToPresenter::Deck {
            tour: Some("hostile-tour".into()),
            events: ids,
        },
    )));
    for at in 0..4 {
        presenter.update(Message::Linked(chronoscope::link::Event::Said(
            chronoscope::link::ToPresenter::State {
                at,
                blank: at == 3,
                elapsed: 5,
            },
        )));
        seen += &draw_checked(&mut presenter, &format!("presenter view at {at}"));
    }

    // The export prompt in every format, with a hostile path typed and a
    // failure reported both in the prompt and as a banner.
    app.update(Message::StartExport);
    for _ in 0..5 {
        seen += &draw_checked(&mut app, "export prompt");
        app.update(Message::NextFormat);
    }
    assert!(matches!(app.mode(), Mode::Prompt(p) if matches!(p.kind, Prompt::Export(_))));
    app.update(Message::ClearInput);
    type_text(&mut app, "/tmp/\u{1b}]0;path\u{7}.md");
    seen += &draw_checked(&mut app, "export prompt holding an escape");
    app.update(Message::ExportDone(Err(ExportProblem::Failed(
        "failed \u{1b}[2J\u{202e}".into(),
    ))));
    seen += &draw_checked(&mut app, "export error in the prompt");
    app.update(Message::ExportDone(Err(ExportProblem::Exists(
        "/tmp/\u{1b}]0;asked\u{7}.md".into(),
    ))));
    seen += &draw_checked(&mut app, "asked to replace a hostile path");
    app.update(Message::Decline);
    app.update(Message::CancelInput);
    app.update(Message::ExportDone(Err(ExportProblem::Failed(
        "failed \u{1b}]0;banner\u{7}".into(),
    ))));
    seen += &draw_checked(&mut app, "export error as a banner");

    // What the file held is there to read, as marks.
    for mark in [
        "␛]0;pwned-event␇",
        "␛]52;c;cHduZWQ=␇",
        "␛[2J",
        "<U+202E>",
        "<U+009B>2J",
        "␍",
        "pwned-note",
        "pwned-claim",
        "pwned-source",
    ] {
        assert!(seen.contains(mark), "{mark:?} was never shown");
    }
}

/// Follows related events round a cycle (a → b → a …) and an event related
/// to itself, many times, then goes back all the way: the history grows by
/// one per step and unwinds to where it started.
#[test]
fn cycles_of_related_events_can_be_followed_and_unwound() {
    let mut toml = String::from(
        "[timeline]\ntitle = \"cycles\"\n[actors.a]\nname = \"A\"\nkind = \"person\"\nsummary = \"s\"\n",
    );
    // A ring of five events, each related to the next and to itself.
    for i in 0..5 {
        let next = (i + 1) % 5;
        toml += &format!(
            "[[events]]\nid = \"e{i}\"\ndate = \"201{i}\"\ntitle = \"Event {i}\"\nsummary = \"s\"\nactors = [\"a\"]\nrelated = [\"e{next}\", \"e{i}\"]\n[[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n"
        );
    }
    let mut app = app_from(&toml);
    app.update(Message::Resize(160, 48));
    app.update(Message::OpenSelected);
    assert_eq!(app.pane(), Pane::Details);
    let start = app.subject();
    let rounds = 200;
    let next_event = |app: &App| {
        app.doc()
            .links
            .iter()
            .position(|l| matches!(l.target, Some(chronoscope::app::Subject::Event(_))))
            .unwrap()
    };
    for step in 0..rounds {
        // The first event link is the next event of the ring.
        let n = next_event(&app);
        select_link(&mut app, n);
        app.update(Message::OpenSelected);
        assert_eq!(app.history_len(), step + 1, "step {step}");
        if step % 37 == 0 {
            assert_clean(&draw(&mut app, 160, 48), &format!("step {step}"));
        }
    }
    // Round the ring 40 times: back where it started.
    assert_eq!(app.subject(), start);
    // The self-link: following an event to itself adds no history.
    let before = app.history_len();
    let me = app.subject();
    let self_link = app
        .doc()
        .links
        .iter()
        .position(|l| l.target == me)
        .expect("the event links to itself");
    select_link(&mut app, self_link);
    app.update(Message::OpenSelected);
    assert_eq!(app.subject(), me);
    assert_eq!(app.history_len(), before);
    for _ in 0..rounds {
        app.update(Message::GoBack);
    }
    assert_eq!(app.history_len(), 0);
    assert_eq!(app.subject(), start);
    app.update(Message::GoBack);
    app.update(Message::GoBack);
    assert_eq!(app.pane(), Pane::Events);
    assert_clean(&draw(&mut app, 80, 24), "after unwinding");
}

/// 10,000 actors: the actors pane scrolls, narrows, filters and opens a
/// profile in bounded time.
#[test]
fn ten_thousand_actors() {
    let mut toml = String::from("[timeline]\ntitle = \"many actors\"\n");
    for i in 0..10_000 {
        toml += &format!(
            "[actors.a{i}]\nname = \"Actor \\u001b]0;x\\u0007 {i}\"\nkind = \"person\"\nsummary = \"s\"\n"
        );
    }
    let all: Vec<String> = (0..10_000).map(|i| format!("\"a{i}\"")).collect();
    toml += &format!(
        "[[events]]\nid = \"e\"\ndate = \"2014\"\ntitle = \"t\"\nsummary = \"s\"\nactors = [{}]\n[[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n",
        all.join(", ")
    );
    let mut app = app_from(&toml);
    assert_eq!(app.timeline().actors.len(), 10_000);
    focus(&mut app, Pane::Actors);
    for msg in [
        Message::PageDown,
        Message::MoveLast,
        Message::PageUp,
        Message::ToggleSelected,
        Message::OpenSelected,
    ] {
        app.update(msg);
        for (w, h) in [(80, 24), (300, 100)] {
            assert_clean(&draw(&mut app, w, h), "10,000 actors");
        }
    }
    // The one event's details list all 10,000 actors; scroll to the end.
    app.update(Message::ClearFilters);
    app.update(Message::GoBack);
    focus(&mut app, Pane::Events);
    app.update(Message::OpenSelected);
    app.update(Message::MoveLast);
    assert_clean(&draw(&mut app, 300, 100), "an event with 10,000 actors");
    focus(&mut app, Pane::Actors);
    app.update(Message::StartSearch);
    type_text(&mut app, "9999");
    app.update(Message::SubmitInput);
    assert_clean(&draw(&mut app, 80, 24), "narrowed to one actor");
    app.update(Message::StartPresent);
    assert_clean(
        &draw(&mut app, 300, 100),
        "presenting an event with 10,000 actors",
    );
}

/// A timeline with only `[timeline]`: every mode says there is nothing,
/// rather than panicking on an empty list.
#[test]
fn an_empty_timeline_opens_every_mode() {
    let mut app = app_from("[timeline]\ntitle = \"empty\"\n");
    assert!(app.filtered().events.is_empty());
    let messages = [
        Message::MoveDown,
        Message::MoveLast,
        Message::PageUp,
        Message::NextYear,
        Message::PrevYear,
        Message::NextPane,
        Message::OpenSelected,
        Message::NextLink,
        Message::ToggleSelected,
        Message::NextPane,
        Message::OpenSelected,
        Message::GoBack,
        Message::NextMatch,
        Message::StartPresent,
        Message::NextSlide,
        Message::ToggleOverview,
        Message::ExitPresent,
        Message::ToggleHelp,
        Message::MoveDown,
        Message::ToggleHelp,
        Message::StartSearch,
        Message::TypeChar('x'),
        Message::SubmitInput,
        Message::StartJump,
        Message::TypeChar('2'),
        Message::SubmitInput,
        Message::CancelInput,
        Message::StartExport,
        Message::NextFormat,
        Message::CancelInput,
        Message::ToggleLanes,
        Message::ToggleProblems,
        Message::ShowFilter,
        Message::CancelInput,
        Message::Click { column: 5, row: 5 },
        Message::Scroll {
            column: 5,
            row: 5,
            down: true,
        },
    ];
    for msg in messages {
        let what = format!("{msg:?}");
        app.update(msg);
        for (w, h) in [(0, 0), (40, 10), (80, 24), (300, 100)] {
            assert_clean(&draw(&mut app, w, h), &what);
        }
    }
    // Presenting nothing is refused with a banner, not an empty deck; an
    // empty deck given at the start opens the explorer instead.
    assert!(!matches!(app.mode(), Mode::Present(_)));
    let mut s = screen::start_from("[timeline]\ntitle = \"empty\"\n");
    s.deck = Some(chronoscope::app::Deck::of_events("empty".into(), &[], None));
    let mut app = App::new(s);
    assert_eq!(app.mode(), &Mode::Browse);
    for msg in [
        Message::NextSlide,
        Message::ToggleOverview,
        Message::MoveDown,
        Message::OpenSelected,
    ] {
        app.update(msg);
        assert_clean(&draw(&mut app, 80, 24), "an empty deck");
    }
}

/// A 2 MB title draws at 80×24 and 300×100 in every mode that shows it,
/// without panicking and in bounded time.
#[test]
fn a_two_megabyte_title_draws() {
    let big = "word \\u001b[2J ".repeat(2 * 1024 * 1024 / 15);
    let toml = format!(
        "[timeline]\ntitle = \"{big}\"\n[actors.a]\nname = \"{big}\"\nkind = \"person\"\nsummary = \"s\"\n[[events]]\nid = \"e\"\ndate = \"2014\"\ntitle = \"{big}\"\nsummary = \"s\"\nactors = [\"a\"]\n[[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n"
    );
    assert!(toml.len() > 6 * 1024 * 1024);
    let setups: [(&str, screen::Setup); 6] = [
        ("main", |_| {}),
        ("details", |a| {
            a.update(Message::OpenSelected);
            a.update(Message::MoveDown);
        }),
        ("profile", |a| {
            focus(a, Pane::Actors);
            a.update(Message::OpenSelected);
        }),
        ("present", |a| {
            a.update(Message::StartPresent);
        }),
        ("overview", |a| {
            a.update(Message::StartPresent);
            a.update(Message::ToggleOverview);
        }),
        ("export prompt", |a| {
            a.update(Message::StartExport);
        }),
    ];
    let start = screen::start_from(&toml);
    for (name, setup) in setups {
        let mut s = Start::new(start.timeline.clone());
        s.today = start.today;
        let mut app = App::new(s);
        setup(&mut app);
        for (w, h) in [(80, 24), (300, 100)] {
            assert_clean(&draw(&mut app, w, h), &format!("{name} at {w}x{h}"));
        }
    }
}

/// The cursors stay inside their lists whatever the size.
fn assert_clamped(app: &App, what: &str) {
    let n = app.filtered().events.len();
    assert!(
        app.cursor() < n.max(1),
        "{what}: cursor {} of {n}",
        app.cursor()
    );
    assert!(
        app.events_top() <= app.rows().len(),
        "{what}: events_top {} past {} rows",
        app.events_top(),
        app.rows().len()
    );
    assert!(
        app.entry_cursor() < app.entries().len().max(1),
        "{what}: entry cursor {}",
        app.entry_cursor()
    );
    assert!(
        app.link() < app.doc().links.len().max(1),
        "{what}: link {}",
        app.link()
    );
    if let Mode::Present(deck) = app.mode() {
        assert!(
            deck.at < deck.slides.len().max(1),
            "{what}: slide {}",
            deck.at
        );
    }
    if let Mode::Lanes(l) = app.mode() {
        assert!(
            l.row < l.actors.len().max(1) && l.col < l.columns.len().max(1),
            "{what}: lanes cell {},{}",
            l.row,
            l.col
        );
    }
}

/// Every size from 0×0 to 300×100 in every mode, resized live (one
/// terminal, one app, resized between draws), over the explorer fixture and
/// the hostile one; below the minimum the screen says the terminal is too
/// small. This is the one size sweep: every mode, every layout boundary.
#[test]
fn every_size_and_live_resize_in_every_mode() {
    // Below the minimum a frame is one paragraph and cheap: sweep those
    // sizes exhaustively; above it, every layout boundary and some between.
    let mut widths: Vec<u16> = (0..=41).collect();
    widths.extend([
        50, 63, 64, 65, 80, 109, 110, 111, 159, 160, 161, 230, 299, 300,
    ]);
    let mut heights: Vec<u16> = (0..=11).collect();
    heights.extend([15, 24, 47, 48, 49, 99, 100]);
    for (fixture, toml) in [("explorer", EXPLORER), ("hostile", HOSTILE)] {
        for (name, setup) in every_mode() {
            let mut app = app_from(toml);
            setup(&mut app);
            let mut terminal = Terminal::new(TestBackend::new(0, 0)).unwrap();
            for (i, &w) in widths.iter().enumerate() {
                // Alternate growing and shrinking heights so each resize
                // jumps, as a window drag does.
                let hs: Vec<u16> = if i % 2 == 0 {
                    heights.clone()
                } else {
                    heights.iter().rev().copied().collect()
                };
                for h in hs {
                    let what = format!("{fixture} {name} at {w}x{h}");
                    terminal.backend_mut().resize(w, h);
                    app.update(Message::Resize(w, h));
                    if (w + h) % 5 == 0 {
                        app.update(Message::MoveDown);
                        app.update(Message::NextLink);
                    }
                    assert_clamped(&app, &what);
                    terminal
                        .draw(|f| ui::draw(f, &app))
                        .unwrap_or_else(|e| panic!("{what}: {e}"));
                    let buf = terminal.backend().buffer();
                    if fixture == "hostile" {
                        assert_clean(buf, &what);
                    }
                    if (w < MIN_WIDTH || h < MIN_HEIGHT) && w >= 20 && h >= 1 {
                        let first: String = (0..w).map(|x| buf[(x, 0)].symbol()).collect();
                        assert!(
                            first.contains("Terminal too small"),
                            "{what}: no too-small message: {first:?}"
                        );
                    }
                }
            }
        }
    }
}

/// Every file under `tests/fixtures/hostile/` (the hand-written hostile
/// timelines and any input the fuzzer ever crashed on) through the
/// fuzz target's pipeline: load; if valid, the app in several modes drawn
/// at several sizes, and every export format. Nothing panics and nothing
/// unsafe comes out.
#[test]
fn hostile_fixtures_replay_through_the_whole_pipeline() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    for path in files {
        let what = path.display().to_string();
        let l = load::load(vec![Input {
            name: what.clone(),
            bytes: std::fs::read(&path).unwrap(),
        }]);
        for d in &l.diagnostics {
            let msg = l.files.render(d);
            assert!(
                !msg.chars().any(|c| c != '\n' && is_unsafe(c)),
                "{what}: {msg}"
            );
        }
        if l.errors() > 0 {
            continue;
        }
        for (name, setup) in every_mode() {
            let mut s = Start::new(l.timeline.clone());
            s.no_color = true;
            let mut app = App::new(s);
            setup(&mut app);
            for (w, h) in [(0, 0), (39, 9), (80, 24), (300, 100)] {
                assert_clean(&draw(&mut app, w, h), &format!("{what}: {name} at {w}x{h}"));
            }
        }
        let app = App::new(Start::new(l.timeline.clone()));
        for format in chronoscope::export::Format::ALL {
            let about =
                chronoscope::export::About::now(app.timeline(), app.filter(), app.filtered());
            let out = format.render(app.timeline(), app.filtered(), &about);
            assert!(
                !out.chars()
                    .any(|c| c != '\n' && (is_unsafe(c) || c == '\t')),
                "{what}: {format}"
            );
        }
    }
}

/// Places at the ends of the earth, on top of one another, with hostile
/// names, on a map zoomed and panned past every limit.
#[test]
fn hostile_places_on_the_map_neither_panic_nor_reach_a_cell() {
    let mut toml = String::from("[timeline]\ntitle = \"Places\"\n");
    let corners = [
        (90.0, 180.0),
        (-90.0, -180.0),
        (0.0, 0.0),
        (0.0, 0.0),
        (89.999999, -179.999999),
        (34.0151, 71.5249),
    ];
    for (i, (lat, lon)) in corners.iter().enumerate() {
        toml.push_str(&format!(
            "[places.p{i}]\nname = \"P\\u001b]0;pwned\\u0007{i}\\u202e{}\"\nkind = \"city\"\nlat = {lat}\nlon = {lon}\n",
            "x".repeat(i * 40)
        ));
    }
    for i in 0..corners.len() {
        toml.push_str(&format!(
            "[[events]]\nid = \"e{i}\"\ndate = \"2020\"\ntitle = \"E\"\nsummary = \"s\"\nplaces = [\"p{i}\", \"p{}\"]\n",
            (i + 1) % corners.len()
        ));
    }
    let mut app = app_from(&toml);
    app.update(Message::ToggleMap);
    assert!(matches!(app.mode(), Mode::Map(_)), "the map opens");
    draw_checked(&mut app, "map");
    for msg in [
        Message::ZoomIn,
        Message::ZoomOut,
        Message::Pan(chronoscope::map::Direction::Up),
        Message::Pan(chronoscope::map::Direction::Left),
        Message::MoveUp,
        Message::MoveLeft,
        Message::NextPane,
    ] {
        for _ in 0..40 {
            app.update(msg.clone());
        }
        draw_checked(&mut app, &format!("map after 40 × {msg:?}"));
    }
    app.update(Message::FitMap);
    app.update(Message::Click { column: 10, row: 5 });
    app.update(Message::Scroll {
        column: 10,
        row: 5,
        down: true,
    });
    draw_checked(&mut app, "map fitted again");
    // Enter lists the place's events; the slides of them show where.
    app.update(Message::OpenSelected);
    assert_eq!(app.mode(), &Mode::Browse);
    app.update(Message::StartPresent);
    draw_checked(&mut app, "slides with locator maps");
}
