//! Screen tests: the explorer drawn into ratatui's `TestBackend`, compared
//! with committed insta snapshots at 80×24 and 160×48, plus a sweep of every
//! size with live resizes in every mode.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use chronoscope::app::{App, Message, Mode};
use chronoscope::ui::ThemeName;
use ratatui::style::{Color, Modifier};

use common::screen::{app_from, draw, presenting_tour, select_actor, text, type_text};

const FIXTURE: &str = include_str!("fixtures/explorer/timeline.toml");

fn app_with(theme: ThemeName, no_color: bool) -> App {
    app_from(FIXTURE, theme, no_color)
}

fn app() -> App {
    app_with(ThemeName::Dark, false)
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
        app.update(Message::SubmitInput);
        app.update(Message::OpenSelected);
    });
}

#[test]
fn actor_profile() {
    snap_both!("actor_profile", |app| {
        select_actor(app, "ttp");
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
        app.update(Message::SubmitInput);
        app.update(Message::ToggleSearchMode);
    });
}

/// The sources view lists every publisher with its events, those resting
/// on it alone and its grades; the header then shows the filter it set.
#[test]
fn sources_by_publisher() {
    snap_both!("sources", |app| {
        app.update(Message::ToggleSources);
        app.update(Message::MoveDown);
    });
    snap_both!("sources_filtered", |app| {
        app.update(Message::ToggleSources);
        app.update(Message::RestsOnAlone);
    });
}

/// Sources weighed in the explorer: contested, a stance by an actor, and
/// the day the chronology is seen as known on, each named in the header,
/// the citation numbers beside the claims.
#[test]
fn sources_weighed_in_the_header_and_claims() {
    snap_both!("contested_denials", |app| {
        app.update(Message::ToggleContested);
        app.update(Message::StartSources);
        type_text(app, "disputes by taliban");
        app.update(Message::SubmitInput);
        app.update(Message::OpenSelected);
    });
    snap_both!("as_known_on", |app| {
        app.update(Message::StartAsOf);
        type_text(app, "2014-12-20");
        app.update(Message::SubmitInput);
        app.update(Message::MoveLast);
        app.update(Message::OpenSelected);
    });
}

/// The addresses the loop marks as hyperlinks are where the details pane
/// drew them, cell for cell, and only while the pane is uncovered.
#[test]
fn hyperlinks_sit_on_the_addresses_drawn() {
    for (w, h) in [(80u16, 24u16), (160, 48)] {
        let mut app = app();
        app.update(Message::Resize(w, h));
        app.update(Message::StartJump);
        type_text(&mut app, "2014-12-16");
        app.update(Message::SubmitInput);
        app.update(Message::OpenSelected);
        // Off and back onto the address, which scrolls it into view.
        app.update(Message::NextLink);
        app.update(Message::PrevLink);
        let buf = draw(&mut app, w, h);
        let links = chronoscope::ui::hyperlinks(&app);
        assert!(!links.is_empty(), "the event's address at {w}×{h}");
        // The selected address is drawn whole, wrapped when narrow: its
        // pieces, in order, are the address.
        let mut drawn = String::new();
        for l in &links {
            assert_eq!(l.url, "https://www.dawn.com/news/1151361");
            drawn.extend((l.x..l.x + l.width).map(|x| buf[(x, l.y)].symbol().to_string()));
        }
        assert_eq!(drawn, "https://www.dawn.com/news/1151361", "at {w}×{h}");
        app.update(Message::ToggleHelp);
        assert!(
            chronoscope::ui::hyperlinks(&app).is_empty(),
            "help covers the pane"
        );
    }
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
        for id in ["ttp", "pakistan"] {
            select_actor(app, id);
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
            // Only the focused pane's cursor row is reversed: the details
            // pane's selected link is not, nor the actors pane's cursor.
            // (The header's density strip marks the selected year in reverse too.)
            let in_panes: Vec<&u16> = reversed_rows.iter().filter(|&&y| y >= 2).collect();
            assert_eq!(in_panes.len(), 1, "{theme:?} {w}x{h}: {reversed_rows:?}");
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

fn present_screen(w: u16, h: u16, tour: bool, notes: bool) -> String {
    let mut app = if tour {
        presenting_tour(FIXTURE, "test-tour")
    } else {
        app()
    };
    app.update(Message::Resize(w, h));
    if tour {
        // Past the title slide, to the first step.
        app.update(Message::NextSlide);
    }
    if !tour {
        app.update(Message::StartJump);
        type_text(&mut app, "2014-12-16");
        app.update(Message::SubmitInput);
        app.update(Message::StartPresent);
    }
    // A tour opens with its notes shown; other decks without.
    if notes != tour {
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

/// The briefing room: a tour's title slide, the tour picker, the
/// footer's clock and the number typed after g, a blank screen, and the
/// presenter view following the room.
#[test]
fn briefing_room_screens() {
    use chronoscope::link::{Event, ToPresenter};
    let tick = |secs| {
        Message::Tick(chronoscope::app::Tick {
            clock: chrono::NaiveTime::from_hms_opt(14, 32, 0).unwrap(),
            uptime: std::time::Duration::from_secs(secs),
        })
    };
    let bundled = || {
        let t = chronoscope::load::load(chronoscope::load::bundled()).timeline;
        chronoscope::app::Start::new(t)
    };
    for (w, h) in [(80, 24), (200, 60)] {
        let mut s = bundled();
        s.deck = Some(chronoscope::app::Deck::of_tour(&s.timeline, "lal-masjid-to-nap").unwrap());
        let mut app = App::new(s);
        app.update(tick(100));
        app.update(tick(347));
        insta::assert_snapshot!(
            format!("tour_title_slide_{w}x{h}"),
            text(&draw(&mut app, w, h))
        );
        app.update(Message::NextSlide);
        app.update(Message::StartGoTo);
        type_text(&mut app, "12");
        insta::assert_snapshot!(format!("tour_go_to_{w}x{h}"), text(&draw(&mut app, w, h)));
        app.update(Message::SubmitInput);
        app.update(Message::ToggleOverview);
        insta::assert_snapshot!(
            format!("tour_overview_shown_{w}x{h}"),
            text(&draw(&mut app, w, h))
        );
        app.update(Message::ToggleOverview);
        app.update(Message::ToggleBlank);
        let blank = text(&draw(&mut app, w, h));
        assert!(
            blank.trim().is_empty(),
            "a blank screen shows nothing:\n{blank}"
        );

        let mut app = App::new(bundled());
        app.update(Message::StartTours);
        insta::assert_snapshot!(format!("tour_picker_{w}x{h}"), text(&draw(&mut app, w, h)));

        let mut s = bundled();
        s.follow = Some("/run/user/1000/chronoscope/present.sock".into());
        let mut presenter = App::new(s);
        insta::assert_snapshot!(
            format!("presenter_waiting_{w}x{h}"),
            text(&draw(&mut presenter, w, h))
        );
        let tour = presenter.timeline().tour("lal-masjid-to-nap").unwrap();
        let events = tour
            .steps
            .iter()
            .map(|s| presenter.timeline().events[s.event].id.to_string())
            .collect();
        presenter.update(tick(1000));
        presenter.update(Message::Linked(Event::Said(ToPresenter::Greeting)));
        presenter.update(Message::Linked(Event::Said(ToPresenter::Deck {
            tour: Some("lal-masjid-to-nap".into()),
            events,
        })));
        presenter.update(Message::Linked(Event::Said(ToPresenter::State {
            at: 4,
            blank: false,
            elapsed: 754,
        })));
        insta::assert_snapshot!(
            format!("presenter_view_{w}x{h}"),
            text(&draw(&mut presenter, w, h))
        );
    }
}

#[test]
fn presentation_overview() {
    let mut app = app();
    app.update(Message::StartPresent);
    app.update(Message::ToggleOverview);
    app.update(Message::MoveDown);
    insta::assert_snapshot!("present_overview_80x24", text(&draw(&mut app, 80, 24)));
}

/// Text on screen as words, punctuation and marks set aside, so a claim
/// wrapped over lines and columns can be found again.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every claim of every slide of every bundled tour can be read, at the
/// sizes a trainer presents at, notes shown or hidden: on the slide, or
/// after scrolling it with j. Nothing is cut silently.
#[test]
fn every_claim_of_every_bundled_tour_can_be_read() {
    let loaded = chronoscope::load::load(chronoscope::load::bundled());
    let t = loaded.timeline;
    assert!(t.tours.len() >= 3);
    for tour in &t.tours {
        for (w, h) in [(80u16, 24u16), (120, 35), (200, 60)] {
            for notes in [true, false] {
                let mut s = chronoscope::app::Start::new(t.clone());
                s.deck = Some(chronoscope::app::Deck::of_tour(&t, &tour.id).unwrap());
                let mut app = App::new(s);
                app.update(Message::Resize(w, h));
                // Past the title slide.
                app.update(Message::NextSlide);
                if !notes {
                    app.update(Message::ToggleNotes);
                }
                for (n, step) in tour.steps.iter().enumerate() {
                    let e = &t.events[step.event];
                    // Everything the slide shows, scrolled to its end.
                    let mut seen = Vec::new();
                    for _ in 0..200 {
                        let screen = text(&draw(&mut app, w, h));
                        seen.extend(words(&screen));
                        let Mode::Present(deck) = app.mode() else {
                            panic!("left presenting")
                        };
                        if deck.lines_below() == 0 {
                            break;
                        }
                        app.update(Message::MoveDown);
                    }
                    let seen: std::collections::HashSet<String> = seen.into_iter().collect();
                    for c in &e.claims {
                        let missing: Vec<String> = words(&c.text)
                            .into_iter()
                            .filter(|w| !seen.contains(w))
                            .collect();
                        assert!(
                            missing.is_empty(),
                            "tour {} slide {} ({}) at {w}x{h}, notes {notes}: claim words never shown: {missing:?}",
                            tour.id,
                            n + 1,
                            e.id
                        );
                    }
                    for w in words(&e.title) {
                        assert!(seen.contains(&w), "{}: title word {w} not shown", e.id);
                    }
                    app.update(Message::NextSlide);
                }
            }
        }
    }
}

/// The month view of 2011 shows the fixture's year-only event in its own
/// "yr" column and in no month.
#[test]
fn lanes_keep_a_year_only_event_out_of_the_months() {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut app = app();
        app.update(Message::StartJump);
        type_text(&mut app, "2011");
        app.update(Message::SubmitInput);
        app.update(Message::ToggleLanes);
        app.update(Message::ToggleZoom);
        let screen = text(&draw(&mut app, w, h));
        let us = screen
            .lines()
            .map(|l| l.trim_matches(['│', ' ']))
            .find(|l| l.starts_with("US "))
            .unwrap_or_else(|| panic!("no US lane:\n{screen}"));
        let marks: Vec<&str> = us.split_whitespace().skip(2).collect();
        assert_eq!(marks.len(), 13, "{us}");
        assert!(marks[..12].iter().all(|m| *m == "·"), "{us}");
        assert_ne!(marks[12], "·", "{us}");
        assert!(screen.contains(" yr"), "{screen}");
        insta::assert_snapshot!(format!("lanes_year_only_{w}x{h}"), screen);
    }
}

/// Help lists every scope, lanes and presenting among them, and pages.
#[test]
fn help_shows_every_scope_and_pages() {
    let mut app = app();
    app.update(Message::ToggleHelp);
    let mut all = String::new();
    for _ in 0..40 {
        all += &text(&draw(&mut app, 80, 24));
        app.update(Message::PageDown);
    }
    for scope in chronoscope::app::keymap::Scope::ALL {
        assert!(all.contains(scope.title()), "{}", scope.title());
    }
    let first = text(&draw(&mut app, 200, 60));
    insta::assert_snapshot!("help_paged_down_200x60", first);
}

/// At 80 columns the header ends in "…" with the key that shows the whole
/// filter, and the footer never cuts a hint in the middle.
#[test]
fn a_long_filter_is_cut_visibly_and_the_footer_keeps_whole_hints() {
    let mut app = app();
    for id in ["ttp", "pakistan", "taliban", "us"] {
        select_actor(&mut app, id);
        app.update(Message::ToggleSelected);
    }
    common::screen::focus(&mut app, chronoscope::app::Pane::Events);
    app.update(Message::StartDateRange);
    type_text(&mut app, "2007..2024");
    app.update(Message::SubmitInput);
    app.update(Message::StartSearch);
    type_text(&mut app, "a long search text");
    app.update(Message::SubmitInput);
    let screen = text(&draw(&mut app, 80, 24));
    let header = screen.lines().next().unwrap();
    assert!(
        header.contains('…') && header.contains("(F: all)"),
        "{header}"
    );
    let footer = screen.lines().last().unwrap();
    let hints = [
        "help", "quit", "filter", "profile", "move", "pane", "search",
    ];
    let last_word = footer.split_whitespace().last().unwrap();
    assert!(
        hints.contains(&last_word) || footer.trim().is_empty() || last_word.len() > 1,
        "{footer}"
    );
    app.update(Message::ShowFilter);
    let full = text(&draw(&mut app, 80, 24));
    assert!(full.contains("a long search text"), "{full}");
    insta::assert_snapshot!("long_filter_80x24", screen);
}

/// Mixed sizes: at 200 columns the events pane gets room for whole titles.
#[test]
fn wide_screens_give_titles_room() {
    let mut wide = app();
    let screen = text(&draw(&mut wide, 200, 60));
    assert!(
        screen.contains("US–Taliban agreement signed in Doha"),
        "{screen}"
    );
    insta::assert_snapshot!("main_200x60", screen);
    let mut narrow = app();
    let small = text(&draw(&mut narrow, 80, 24));
    assert!(small.contains("National Action Plan announced"), "{small}");
}

/// An event known only to its year shows the year in the list.
#[test]
fn a_year_only_event_shows_its_year() {
    let mut app = app();
    let screen = text(&draw(&mut app, 120, 40));
    let row = screen
        .lines()
        .find(|l| l.contains("A year-precision event"))
        .unwrap();
    assert!(row.contains("2011"), "{row}");
}

/// The details pane of an event whose claims quote themselves shows one
/// pair of quotation marks, and a long source address is cut to the pane.
#[test]
fn details_quote_once_and_cut_long_addresses() {
    let mut app = app();
    app.update(Message::StartJump);
    type_text(&mut app, "2014-12-16");
    app.update(Message::SubmitInput);
    app.update(Message::OpenSelected);
    let screen = text(&draw(&mut app, 80, 24));
    assert!(!screen.contains("““") && !screen.contains("””"), "{screen}");
    for line in screen.lines() {
        assert!(chronoscope::fit::width(line) <= 80, "{line}");
    }
}

/// Under the high-contrast theme the big date of a slide is not underlined.
#[test]
fn high_contrast_draws_the_big_date_without_underline() {
    let mut app = app_with(ThemeName::HighContrast, false);
    app.update(Message::StartPresent);
    let buf = draw(&mut app, 200, 60);
    for y in 2..12 {
        for x in 0..200 {
            let c = &buf[(x, y)];
            if c.symbol().chars().any(|ch| matches!(ch, '█' | '▀' | '▄')) {
                assert!(!c.modifier.contains(Modifier::UNDERLINED), "{x},{y}");
            }
        }
    }
}

/// Narrowing the actors pane marks the letters that matched, and only them.
#[test]
fn narrowing_marks_the_matched_letters() {
    let mut app = app();
    common::screen::focus(&mut app, chronoscope::app::Pane::Actors);
    app.update(Message::StartSearch);
    type_text(&mut app, "ttp");
    let buf = draw(&mut app, 80, 24);
    let screen = text(&buf);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("] TTP"))
        .unwrap_or_else(|| panic!("{screen}"));
    let at = line.find("] TTP").unwrap();
    let x = line[..at].chars().count() + 2;
    // The first match is the selected row: its marked letters are underlined.
    let underlined = |x: usize| {
        buf[(x as u16, y as u16)]
            .modifier
            .contains(Modifier::UNDERLINED)
    };
    assert!((x..x + 3).all(underlined), "TTP marked: {line}");
    assert!(
        !underlined(x + 3) && !underlined(x - 1),
        "only TTP marked: {line}"
    );
    assert!(screen.contains("Actors /ttp"), "{screen}");
}

/// The explorer over the bundled chronology, without colour.
fn bundled(filter: chronoscope::query::Filter) -> App {
    let l = chronoscope::load::load(chronoscope::load::bundled());
    assert_eq!(l.errors(), 0);
    let mut s = chronoscope::app::Start::new(l.timeline);
    s.no_color = true;
    s.filter = filter;
    App::new(s)
}

fn ttp_in_2023() -> chronoscope::query::Filter {
    let l = chronoscope::load::load(chronoscope::load::bundled());
    let args = chronoscope::cli::FilterArgs {
        actors: vec!["ttp".into()],
        from: Some("2023".into()),
        to: Some("2023".into()),
        ..Default::default()
    };
    args.to_filter(&l.timeline).unwrap()
}

#[test]
fn the_map_of_the_bundled_chronology() {
    for (name, filter) in [
        ("all", chronoscope::query::Filter::default()),
        ("ttp_2023", ttp_in_2023()),
    ] {
        for (w, h) in [(80u16, 24u16), (200, 60)] {
            let mut app = bundled(filter.clone());
            app.update(Message::Resize(w, h));
            app.update(Message::ToggleMap);
            assert!(matches!(app.mode(), Mode::Map(_)), "{name}: the map opens");
            let buf = draw(&mut app, w, h);
            let screen = text(&buf);
            assert!(
                screen.contains("Pakistan") && screen.contains("Afghanistan"),
                "{screen}"
            );
            // Without colour, nothing on the map is told by colour.
            for cell in buf.content() {
                assert!(
                    matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                    "{name}: a coloured cell {cell:?}"
                );
            }
            insta::assert_snapshot!(format!("map_{name}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn the_map_says_so_when_the_screen_is_too_small() {
    let mut app = bundled(chronoscope::query::Filter::default());
    app.update(Message::ToggleMap);
    let screen = text(&draw(&mut app, 45, 11));
    assert!(screen.contains("The map needs 40×12"), "{screen}");
    // And draws again when there is room.
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Map ·"), "{screen}");
}

#[test]
fn a_slide_shows_where_when_the_screen_has_room() {
    let mut app = presenting_tour(FIXTURE, "test-tour");
    // To the slide of an event at Peshawar.
    let mut screen = String::new();
    for _ in 0..12 {
        screen = text(&draw(&mut app, 170, 45));
        if screen.contains("Peshawar") {
            break;
        }
        app.update(Message::NextSlide);
    }
    assert!(
        screen.contains("┌ Peshawar "),
        "a locator map titled by the place:\n{screen}"
    );
    assert!(screen.contains("◉ Peshawar"), "{screen}");
    // Never at the cost of the text: on a narrower screen, no map, and
    // the text is as wide as without places.
    let narrow = text(&draw(&mut app, 120, 40));
    assert!(!narrow.contains("┌ Peshawar"), "{narrow}");
}

#[test]
fn marked_events_and_a_note() {
    snap_both!("marks", |app| {
        app.update(Message::ToggleMark);
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        app.update(Message::StartNote);
        type_text(app, "Ask the desk whether the toll was revised");
        app.update(Message::SubmitInput);
        app.update(Message::NextPane);
    });
}
