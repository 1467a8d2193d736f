//! Screen tests: the explorer drawn into ratatui's `TestBackend`, compared
//! with committed insta snapshots at 80×24 and 160×48, plus a sweep of every
//! size with live resizes in every mode.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use chronoscope::app::{App, Entry, Message, Pane};
use chronoscope::ui::{self, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use common::screen::{app_from, draw, type_text};

const FIXTURE: &str = include_str!("fixtures/explorer/timeline.toml");

fn app_with(theme: ThemeName, no_color: bool) -> App {
    app_from(FIXTURE, theme, no_color)
}

fn app() -> App {
    app_with(ThemeName::Dark, false)
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Renders the app at both snapshot sizes.
macro_rules! snap_both {
    ($name:literal, $setup:expr) => {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut app = app();
            let setup: fn(&mut App) = $setup;
            app.update(Message::Resize(w, h));
            setup(&mut app);
            let screen = text(&draw(&mut app, w, h));
            insta::assert_snapshot!(format!("{}_{}x{}", $name, w, h), screen);
        }
    };
}

#[test]
fn main_screen() {
    snap_both!("main", |app| {
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
    });
}

#[test]
fn event_with_claims_in_details() {
    snap_both!("details_claims", |app| {
        app.update(Message::StartJump);
        type_text(app, "2014-12-16");
        app.update(Message::InputSubmit);
        app.update(Message::OpenSelected);
    });
}

#[test]
fn actor_profile() {
    snap_both!("actor_profile", |app| {
        app.pane = Pane::Actors;
        let ttp = app.timeline.actor_ix("ttp").unwrap();
        app.entry_cursor = app
            .entries
            .iter()
            .position(|e| *e == Entry::Actor(ttp))
            .unwrap();
        app.update(Message::OpenSelected);
    });
}

#[test]
fn help_overlay() {
    snap_both!("help", |app| {
        app.update(Message::ToggleHelp);
    });
}

#[test]
fn search_with_matches() {
    snap_both!("search", |app| {
        app.update(Message::StartSearch);
        type_text(app, "peshawar");
    });
}

#[test]
fn search_highlighting_in_place() {
    snap_both!("search_highlight", |app| {
        app.update(Message::StartSearch);
        type_text(app, "peshawar");
        app.update(Message::InputSubmit);
        app.update(Message::ToggleSearchMode);
    });
}

#[test]
fn lanes_by_year() {
    snap_both!("lanes", |app| {
        app.update(Message::MoveDown);
        app.update(Message::ToggleLanes);
        app.update(Message::MoveDown);
    });
}

#[test]
fn lanes_by_month() {
    snap_both!("lanes_months", |app| {
        app.update(Message::ToggleLanes);
        for _ in 0..7 {
            app.update(Message::MoveRight);
        }
        app.update(Message::ToggleZoom);
    });
}

#[test]
fn filtered_by_two_actors_all_of() {
    snap_both!("filter_all_of", |app| {
        app.pane = Pane::Actors;
        for id in ["ttp", "pakistan"] {
            let a = app.timeline.actor_ix(id).unwrap();
            app.entry_cursor = app
                .entries
                .iter()
                .position(|e| *e == Entry::Actor(a))
                .unwrap();
            app.update(Message::ToggleSelected);
        }
        app.update(Message::ToggleCombine);
    });
}

#[test]
fn too_small() {
    let mut app = app();
    let screen = text(&draw(&mut app, 30, 8));
    insta::assert_snapshot!("too_small_30x8", screen);
}

/// Under NO_COLOR every theme draws without a single colour, and the
/// selection is still visible as reversed text.
#[test]
fn every_theme_under_no_color() {
    for theme in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
        for (w, h) in [(80u16, 24u16), (160, 48)] {
            let mut app = app_with(theme, true);
            app.update(Message::MoveDown);
            let buf = draw(&mut app, w, h);
            let mut reversed_rows = std::collections::BTreeSet::new();
            for y in 0..h {
                for x in 0..w {
                    let c = &buf[(x, y)];
                    assert!(
                        c.fg == Color::Reset && c.bg == Color::Reset,
                        "{theme:?} {w}x{h}: colour at {x},{y}"
                    );
                    if c.modifier.contains(Modifier::REVERSED) {
                        reversed_rows.insert(y);
                    }
                }
            }
            let selected_title = "Operation in Swat";
            let row = (0..h).find(|&y| {
                text(&buf)
                    .lines()
                    .nth(usize::from(y))
                    .is_some_and(|l| l.contains(selected_title) && l.contains('▸'))
            });
            let row = row.unwrap_or_else(|| panic!("{theme:?} {w}x{h}: selected row not drawn"));
            assert!(
                reversed_rows.contains(&row),
                "{theme:?} {w}x{h}: selection not reversed"
            );
            insta::assert_snapshot!(format!("no_color_{theme:?}_{w}x{h}"), text(&buf));
        }
    }
}

/// Colour themes differ from each other, and high contrast keeps a black background.
#[test]
fn themes_have_their_own_colours() {
    let mut dark = app_with(ThemeName::Dark, false);
    let mut light = app_with(ThemeName::Light, false);
    let mut hc = app_with(ThemeName::HighContrast, false);
    let (d, l, h) = (
        draw(&mut dark, 80, 24),
        draw(&mut light, 80, 24),
        draw(&mut hc, 80, 24),
    );
    assert_ne!(d, l);
    assert_ne!(d, h);
    assert_eq!(h[(5, 5)].bg, Color::Black);
}

/// Every size from 0×0 to 300×100, resizing live while each mode is open.
#[test]
fn size_sweep_never_panics() {
    let mut widths: Vec<u16> = (0..=300).step_by(9).collect();
    widths.extend([
        1, 2, 39, 40, 41, 63, 64, 65, 109, 110, 111, 159, 160, 161, 300,
    ]);
    let mut heights: Vec<u16> = (0..=100).step_by(7).collect();
    heights.extend([1, 2, 9, 10, 11, 24, 48, 100]);
    type Setup = fn(&mut App);
    let setups: Vec<(&str, Setup)> = vec![
        ("browse", |_| {}),
        ("actors", |a| a.pane = Pane::Actors),
        ("details", |a| {
            a.update(Message::MoveLast);
            a.pane = Pane::Details;
        }),
        ("help", |a| {
            a.update(Message::ToggleHelp);
        }),
        ("search", |a| {
            a.update(Message::StartSearch);
            type_text(a, "peshawar");
        }),
        ("profile", |a| {
            a.pane = Pane::Actors;
            a.update(Message::OpenSelected);
        }),
        ("present", |a| {
            a.update(Message::StartPresent);
        }),
        ("overview", |a| {
            a.update(Message::StartPresent);
            a.update(Message::ToggleOverview);
        }),
        ("empty", |a| {
            a.update(Message::StartSearch);
            type_text(a, "no such text anywhere");
        }),
    ];
    for (name, setup) in setups {
        let mut app = app();
        setup(&mut app);
        let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
        for &w in &widths {
            for &h in &heights {
                terminal.backend_mut().resize(w, h);
                app.update(Message::Resize(w, h));
                app.update(Message::MoveDown);
                app.update(Message::NextLink);
                terminal
                    .draw(|f| ui::draw(f, &app))
                    .unwrap_or_else(|e| panic!("{name} at {w}x{h}: {e}"));
            }
        }
    }
}

fn present_screen(w: u16, h: u16, tour: bool, notes: bool) -> String {
    let mut app = app();
    app.update(Message::Resize(w, h));
    if tour {
        app.mode = chronoscope::app::Mode::Present(
            chronoscope::app::Deck::of_tour(&app.timeline, "test-tour").unwrap(),
        );
    } else {
        app.update(Message::StartJump);
        type_text(&mut app, "2014-12-16");
        app.update(Message::InputSubmit);
        app.update(Message::StartPresent);
    }
    if !notes {
        app.update(Message::ToggleNotes);
    }
    text(&draw(&mut app, w, h))
}

#[test]
fn presentation_slides() {
    insta::assert_snapshot!("present_80x24", present_screen(80, 24, false, false));
    insta::assert_snapshot!("present_200x60", present_screen(200, 60, false, false));
    insta::assert_snapshot!(
        "present_tour_notes_80x24",
        present_screen(80, 24, true, true)
    );
    insta::assert_snapshot!(
        "present_tour_notes_200x60",
        present_screen(200, 60, true, true)
    );
}

#[test]
fn presentation_overview() {
    let mut app = app();
    app.update(Message::StartPresent);
    app.update(Message::ToggleOverview);
    app.update(Message::MoveDown);
    insta::assert_snapshot!("present_overview_80x24", text(&draw(&mut app, 80, 24)));
}
