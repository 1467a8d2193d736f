//! The whole pipeline under a fuzzer: bytes → `load::load` → (if valid)
//! `App::new` → a few messages → `ui::draw` into a `TestBackend` of a fuzzed
//! size → every export format.
//!
//! It asserts that nothing panics, that no control or bidi character
//! reaches a drawn cell, an exported byte (`\n` aside) or a diagnostic, and
//! that the loader's ways of reading a file (its fast path, in pieces or
//! whole, and toml's own document) agree.
//!
//! The input is a timeline file, optionally followed by a control tail: the
//! bytes after the last `\n#~` steer the run (screen size, then one message
//! per byte). Without a tail the steering comes from a hash of the input, so
//! plain TOML seeds still reach every mode.

#![no_main]

use chronoscope::app::{
    App, Broken, Deck, ExportProblem, Message, ReloadOutcome, Start, WatchStatus,
};
use chronoscope::export::{About, Format};
use chronoscope::load::{self, Input};
use chronoscope::text::is_unsafe;
use chronoscope::ui::{self, ThemeName};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Most messages one input may send; keeps every run short.
const MAX_MESSAGES: usize = 32;

fuzz_target!(|data: &[u8]| run(data));

fn run(data: &[u8]) {
    let (file, steer) = split(data);
    // The fast path, the pieces and toml's own document agree.
    if let Ok(text) = std::str::from_utf8(file) {
        assert!(load::paths_agree(text), "the ways of reading the file differ");
    }
    let loaded = load::load(vec![Input {
        name: "fuzz.toml".into(),
        bytes: file.to_vec(),
    }]);
    for d in &loaded.diagnostics {
        assert_clean("diagnostic", &loaded.files.render(d));
        let json = serde_json::to_value(loaded.files.to_json(d)).unwrap_or_default();
        assert_clean_json("diagnostic JSON", &json);
    }
    if loaded.errors() > 0 {
        return;
    }
    let mut steer = steer.into_iter();
    let mut next = move || steer.next().unwrap_or(0);
    let theme = match next() % 3 {
        0 => ThemeName::Dark,
        1 => ThemeName::Light,
        _ => ThemeName::HighContrast,
    };
    let mut start = Start::new(loaded.timeline);
    start.theme = theme;
    start.no_color = next() % 2 == 0;
    // Now and then open on a tour, as `present --tour` does.
    let tours = start.timeline.tours.len();
    if tours > 0 && next() % 4 == 0 {
        let id = start.timeline.tours[usize::from(next()) % tours].id.clone();
        start.deck = Deck::of_tour(&start.timeline, &id);
    }
    let mut app = App::new(start);
    let (w, h) = size(next(), next());
    app.update(Message::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| match e {});

    for _ in 0..MAX_MESSAGES {
        let op = next();
        if op == 0 {
            break;
        }
        let msg = match op % 60 {
            0 => Message::MoveDown,
            1 => Message::MoveUp,
            2 => Message::PageDown,
            3 => Message::PageUp,
            4 => Message::MoveFirst,
            5 => Message::MoveLast,
            6 => Message::NextPane,
            7 => Message::PrevPane,
            8 => Message::OpenSelected,
            9 => Message::GoBack,
            10 => Message::NextLink,
            11 => Message::PrevLink,
            12 => Message::ToggleSelected,
            13 => Message::ToggleCombine,
            14 => Message::StartSearch,
            // Any Latin-1 character, C0 and C1 controls included: what a
            // paste may deliver as keys.
            15..=17 => Message::TypeChar(char::from(next())),
            18 => Message::SubmitInput,
            19 => Message::CancelInput,
            20 => Message::DeleteChar,
            21 => Message::StartDateRange,
            22 => Message::StartJump,
            23 => Message::StartPresent,
            24 => Message::NextSlide,
            25 => Message::PrevSlide,
            26 => Message::ToggleNotes,
            27 => Message::ToggleOverview,
            28 => Message::ExitPresent,
            29 => Message::ToggleHelp,
            30 => Message::StartExport,
            31 => Message::NextFormat,
            32 => Message::ToggleSearchMode,
            33 => Message::ClearFilters,
            34 => Message::NextYear,
            35 => Message::PrevYear,
            36 => {
                let (w, h) = size(next(), next());
                terminal.backend_mut().resize(w, h);
                Message::Resize(w, h)
            }
            37 => Message::Click {
                column: u16::from(next()),
                row: u16::from(next() % 101),
            },
            38 => Message::Scroll {
                column: u16::from(next()),
                row: u16::from(next() % 101),
                down: next() % 2 == 0,
            },
            39 => {
                // A reload: the same timeline again, or files that do not load.
                let outcome = if next() % 2 == 0 {
                    Ok(app.timeline().clone())
                } else {
                    Err(Broken::one("fuzz.toml:1:1: \u{1b}]0;broken\u{7}"))
                };
                Message::Reloaded(Box::new(ReloadOutcome {
                    outcome,
                    watching: WatchStatus::Watching(1),
                }))
            }
            40 => Message::HalfPageDown,
            41 => Message::NextMatch,
            42 => Message::PrevMatch,
            43 => Message::LastSlide,
            44 => Message::FirstSlide,
            45 => Message::ExportDone(Err(if next() % 2 == 0 {
                ExportProblem::Failed("cannot \u{1b}[2J export".into())
            } else {
                ExportProblem::Exists("./\u{1b}]0;x\u{7}.md".into())
            })),
            46 => Message::MoveDown,
            47 => Message::ToggleLanes,
            48 => Message::ToggleZoom,
            49 => Message::MoveRight,
            50 => Message::MoveLeft,
            51 => Message::ToggleProblems,
            52 => Message::ShowFilter,
            53 => Message::Confirm,
            54 => Message::Decline,
            55 => Message::PrevFormat,
            56 => Message::ClearInput,
            57 => Message::ReloadStalled,
            58 => Message::Reloading,
            _ => {
                draw(&mut terminal, &app);
                continue;
            }
        };
        let _ = app.update(msg);
    }
    draw(&mut terminal, &app);
    let about = About::at(app.timeline(), app.filter(), app.filtered(), "now".into());
    for format in Format::ALL {
        let text = format.render(app.timeline(), app.filtered(), &about);
        assert_clean(format.as_str(), &text);
        if matches!(format, Format::Json | Format::TimelineJs) {
            let v: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{format} export is not JSON: {e}"));
            assert_clean_json(format.as_str(), &v);
        }
    }
}

/// The timeline bytes, and the steering bytes: the tail after the last
/// `\n#~`, or a hash of the whole input.
fn split(data: &[u8]) -> (&[u8], Vec<u8>) {
    const MARK: &[u8] = b"\n#~";
    if let Some(at) = data.windows(MARK.len()).rposition(|w| w == MARK) {
        return (&data[..at], data[at + MARK.len()..].to_vec());
    }
    // FNV-1a, stretched: deterministic steering for plain TOML.
    let mut x: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        x = (x ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let steer = (0..24)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8 | 1
        })
        .collect();
    (data, steer)
}

/// A screen size from 0×0 to 300×100.
fn size(a: u8, b: u8) -> (u16, u16) {
    let w = u32::from(a) * 300 / 255;
    (u16::try_from(w).unwrap_or(300), u16::from(b) % 101)
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| ui::draw(f, app))
        .unwrap_or_else(|e| match e {});
    let buf = terminal.backend().buffer();
    for (i, cell) in buf.content.iter().enumerate() {
        let sym = cell.symbol();
        assert!(
            !sym.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t'),
            "a control or bidi character {sym:?} reached cell {i} of a {}x{} screen in mode {:?}",
            buf.area.width,
            buf.area.height,
            app.mode()
        );
    }
}

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| c != '\n' && (is_unsafe(c) || c == '\t'))
    {
        panic!("{what} holds the control character {c:?}");
    }
}

/// Every string in a JSON value, decoded: an escaped `\u001b` is as live
/// as a raw one once a program reads the JSON.
fn assert_clean_json(what: &str, v: &serde_json::Value) {
    match v {
        serde_json::Value::String(s) => assert_clean(what, s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| assert_clean_json(what, x)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            assert_clean(what, k);
            assert_clean_json(what, x);
        }),
        _ => {}
    }
}
