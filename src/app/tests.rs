//! `update` driven by messages, without a terminal: every message changes
//! the state as a person expects.

use super::*;
use crate::load::{Input, load};

const FIXTURE: &str = include_str!("../../tests/fixtures/explorer/timeline.toml");

fn app() -> App {
    let l = load(vec![Input {
        name: "timeline.toml".into(),
        bytes: FIXTURE.as_bytes().to_vec(),
    }]);
    assert_eq!(l.errors(), 0);
    let mut app = App::new(l.timeline, Filter::default(), ThemeName::Dark, false);
    app.update(Message::Resize(120, 40));
    app
}

fn selected_id(app: &App) -> &str {
    app.selected_event()
        .map_or("", |e| app.timeline.events[e].id.as_str())
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Message::InputChar(c));
    }
}

fn select_actor(app: &mut App, id: &str) {
    let a = app.timeline.actor_ix(id).unwrap();
    app.entry_cursor = app
        .entries
        .iter()
        .position(|e| *e == Entry::Actor(a))
        .unwrap();
}

#[test]
fn starts_on_the_first_event_with_everything_shown() {
    let app = app();
    assert_eq!(app.filtered.events.len(), 12);
    assert_eq!(selected_id(&app), "2007-12-ttp-founded");
    assert_eq!(app.pane, Pane::Events);
    assert_eq!(app.rows[0], Row::Year(2007));
}

#[test]
fn moving_through_events() {
    let mut app = app();
    app.update(Message::MoveDown);
    assert_eq!(selected_id(&app), "2009-05-swat");
    app.update(Message::MoveUp);
    app.update(Message::MoveUp);
    assert_eq!(selected_id(&app), "2007-12-ttp-founded");
    app.update(Message::MoveLast);
    assert_eq!(selected_id(&app), "2024-03-strikes");
    app.update(Message::MoveFirst);
    app.update(Message::PageDown);
    assert!(app.cursor > 5, "a page moves many rows");
    app.update(Message::PageUp);
    assert_eq!(app.cursor, 0);
    app.update(Message::HalfPageDown);
    let half = app.cursor;
    assert!(half > 0 && half < 12);
    app.update(Message::HalfPageUp);
    assert_eq!(app.cursor, 0);
}

#[test]
fn years_step_forward_and_back() {
    let mut app = app();
    app.update(Message::NextYear);
    assert_eq!(selected_id(&app), "2009-05-swat");
    app.update(Message::NextYear);
    app.update(Message::NextYear);
    assert_eq!(selected_id(&app), "2014-06-zarb-e-azb");
    app.update(Message::MoveDown);
    app.update(Message::PrevYear);
    assert_eq!(selected_id(&app), "2011");
    app.update(Message::MoveFirst);
    app.update(Message::PrevYear);
    assert!(app.banner.is_some());
}

#[test]
fn panes_cycle_both_ways() {
    let mut app = app();
    app.update(Message::NextPane);
    assert_eq!(app.pane, Pane::Details);
    app.update(Message::NextPane);
    assert_eq!(app.pane, Pane::Actors);
    app.update(Message::PrevPane);
    assert_eq!(app.pane, Pane::Details);
}

#[test]
fn toggling_actors_filters_and_all_of_narrows() {
    let mut app = app();
    app.update(Message::PrevPane);
    assert_eq!(app.pane, Pane::Actors);
    select_actor(&mut app, "ttp");
    app.update(Message::ToggleSelected);
    assert_eq!(app.filtered.events.len(), 5);
    select_actor(&mut app, "pakistan");
    app.update(Message::ToggleSelected);
    assert_eq!(app.filtered.events.len(), 10, "any-of");
    app.update(Message::ToggleCombine);
    assert_eq!(app.filter.combine, Combine::All);
    let ids: Vec<&str> = app
        .filtered
        .events
        .iter()
        .map(|&e| app.timeline.events[e].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "2014-06-zarb-e-azb",
            "2014-12-aps",
            "2022-06-talks",
            "2023-01-peshawar-mosque"
        ]
    );
    app.update(Message::ClearFilters);
    assert_eq!(app.filtered.events.len(), 12);
    assert!(app.filter.actors.is_empty());
}

#[test]
fn tags_toggle_from_the_actors_pane() {
    let mut app = app();
    app.pane = Pane::Actors;
    let tag = app.timeline.tag_ix("attack").unwrap();
    app.entry_cursor = app
        .entries
        .iter()
        .position(|e| *e == Entry::Tag(tag))
        .unwrap();
    app.update(Message::OpenSelected);
    assert_eq!(app.filtered.events.len(), 2);
    app.update(Message::ToggleSelected);
    assert_eq!(app.filtered.events.len(), 12);
}

#[test]
fn the_cursor_skips_the_tags_heading() {
    let mut app = app();
    app.pane = Pane::Actors;
    let heading = app
        .entries
        .iter()
        .position(|e| *e == Entry::TagsHeading)
        .unwrap();
    app.entry_cursor = heading - 1;
    app.update(Message::MoveDown);
    assert_eq!(app.entry_cursor, heading + 1);
    app.update(Message::MoveUp);
    assert_eq!(app.entry_cursor, heading - 1);
}

#[test]
fn narrowing_the_actors_list_is_fuzzy_and_cancellable() {
    let mut app = app();
    app.pane = Pane::Actors;
    app.update(Message::StartSearch);
    assert!(matches!(
        app.mode,
        Mode::Prompt {
            kind: Prompt::Narrow,
            ..
        }
    ));
    type_text(&mut app, "tehreek");
    assert_eq!(
        app.entries.first(),
        Some(&Entry::Actor(app.timeline.actor_ix("ttp").unwrap()))
    );
    app.update(Message::InputSubmit);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.narrow, "tehreek");
    app.update(Message::GoBack);
    assert!(app.narrow.is_empty());
    app.update(Message::StartSearch);
    type_text(&mut app, "zz");
    app.update(Message::InputCancel);
    assert!(app.narrow.is_empty());
}

#[test]
fn search_is_incremental_and_cancel_restores() {
    let mut app = app();
    app.update(Message::StartSearch);
    type_text(&mut app, "pesh");
    assert_eq!(app.filtered.events.len(), 2, "updates on every keystroke");
    app.update(Message::InputBackspace);
    assert_eq!(app.filter.search, "pes");
    app.update(Message::InputClear);
    assert_eq!(app.filtered.events.len(), 12);
    type_text(&mut app, "army public school");
    app.update(Message::InputSubmit);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(selected_id(&app), "2014-12-aps");
    app.update(Message::StartSearch);
    type_text(&mut app, "x");
    app.update(Message::InputCancel);
    assert_eq!(app.filter.search, "army public school");
}

#[test]
fn matches_step_and_highlight_mode_shows_hidden_count() {
    let mut app = app();
    app.update(Message::StartSearch);
    type_text(&mut app, "peshawar");
    app.update(Message::InputSubmit);
    app.update(Message::ToggleSearchMode);
    assert_eq!(app.filter.search_mode, SearchMode::Highlight);
    assert_eq!(app.filtered.events.len(), 12);
    assert_eq!(app.filtered.hidden_by_search, 10);
    app.update(Message::MoveFirst);
    app.update(Message::NextMatch);
    assert_eq!(selected_id(&app), "2014-12-aps");
    app.update(Message::NextMatch);
    assert_eq!(selected_id(&app), "2023-01-peshawar-mosque");
    app.update(Message::NextMatch);
    assert_eq!(selected_id(&app), "2014-12-aps", "wraps around");
    app.update(Message::PrevMatch);
    assert_eq!(selected_id(&app), "2023-01-peshawar-mosque");
    let mut plain = self::app();
    plain.update(Message::NextMatch);
    assert!(plain.banner.is_some());
}

#[test]
fn date_ranges_filter_and_errors_stay_in_the_prompt() {
    let mut app = app();
    app.update(Message::StartDateRange);
    type_text(&mut app, "2021..2023-06");
    app.update(Message::InputSubmit);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.filtered.events.len(), 3);
    app.update(Message::StartDateRange);
    app.update(Message::InputClear);
    type_text(&mut app, "2011-13");
    app.update(Message::InputSubmit);
    assert!(matches!(&app.mode, Mode::Prompt { error: Some(e), .. } if e.contains("month 13")));
    app.update(Message::InputCancel);
    assert_eq!(
        app.filtered.events.len(),
        3,
        "a cancelled range changes nothing"
    );
    app.update(Message::StartDateRange);
    app.update(Message::InputClear);
    app.update(Message::InputSubmit);
    assert_eq!(app.filtered.events.len(), 12, "an empty range clears it");
}

#[test]
fn jumping_to_a_date() {
    let mut app = app();
    app.update(Message::StartJump);
    type_text(&mut app, "2014-12");
    app.update(Message::InputSubmit);
    assert_eq!(selected_id(&app), "2014-12-aps");
    app.update(Message::StartJump);
    type_text(&mut app, "2030");
    app.update(Message::InputSubmit);
    assert!(matches!(&app.mode, Mode::Prompt { error: Some(_), .. }));
}

#[test]
fn following_links_and_going_back() {
    let mut app = app();
    app.update(Message::StartJump);
    type_text(&mut app, "2014-12-16");
    app.update(Message::InputSubmit);
    app.update(Message::OpenSelected);
    assert_eq!(app.pane, Pane::Details);
    let links = app.links();
    // TTP, Pakistan, then the Afghan Taliban as claimant; then two related events.
    assert_eq!(links.len(), 5);
    for _ in 0..3 {
        app.update(Message::NextLink);
    }
    assert_eq!(
        links[app.link],
        Focus::Event(app.timeline.event_ix("2014-12-nap").unwrap())
    );
    app.update(Message::OpenSelected);
    assert_eq!(selected_id(&app), "2014-12-nap");
    assert_eq!(app.history.len(), 1);
    app.update(Message::PrevLink);
    app.update(Message::OpenSelected);
    assert_eq!(
        selected_id(&app),
        "2014-12-aps",
        "the NAP links back to APS"
    );
    app.update(Message::GoBack);
    assert_eq!(selected_id(&app), "2014-12-nap");
    app.update(Message::GoBack);
    assert_eq!(selected_id(&app), "2014-12-aps");
    app.update(Message::GoBack);
    assert_eq!(
        app.pane,
        Pane::Events,
        "with no history, back leaves the details"
    );
}

#[test]
fn a_hidden_event_opens_without_losing_the_filter() {
    let mut app = app();
    app.pane = Pane::Actors;
    select_actor(&mut app, "us");
    app.update(Message::ToggleSelected);
    app.update(Message::OpenSelected);
    let Some(Focus::Actor(a)) = app.focus() else {
        panic!("profile")
    };
    assert_eq!(app.timeline.actors[a].id, "us");
    // The profile lists the actor's events; follow the Doha agreement.
    let links = app.links();
    let doha = app.timeline.event_ix("2020-02-doha").unwrap();
    app.link = links.iter().position(|l| *l == Focus::Event(doha)).unwrap();
    app.update(Message::OpenSelected);
    assert_eq!(selected_id(&app), "2020-02-doha");
    app.update(Message::GoBack);
    assert_eq!(app.focus(), Some(Focus::Actor(a)));
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app();
    app.update(Message::ToggleHelp);
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    app.update(Message::MoveDown);
    assert_eq!(app.mode, Mode::Help { scroll: 1 });
    app.update(Message::MoveUp);
    app.update(Message::MoveUp);
    assert_eq!(app.mode, Mode::Help { scroll: 0 });
    app.update(Message::ToggleHelp);
    assert_eq!(app.mode, Mode::Browse);
}

#[test]
fn effects_for_the_loop() {
    let mut app = app();
    assert_eq!(app.update(Message::Quit), Some(Effect::Quit));
    assert_eq!(app.update(Message::Suspend), Some(Effect::Suspend));
    assert_eq!(app.update(Message::Redraw), Some(Effect::Redraw));
    assert_eq!(app.update(Message::MoveDown), None);
}

#[test]
fn clicks_select_and_the_wheel_scrolls() {
    let mut app = app();
    let events = app.areas().events.unwrap();
    // Row 1 inside the border is the 2007 separator, row 2 the first event, row 3 the 2009 separator, row 4 Swat.
    app.update(Message::Click {
        column: events.x + 3,
        row: events.y + 4,
    });
    assert_eq!(selected_id(&app), "2009-05-swat");
    app.update(Message::Scroll {
        column: events.x + 3,
        row: events.y + 4,
        down: true,
    });
    assert_eq!(app.cursor, 4);
    let actors = app.areas().actors.unwrap();
    app.update(Message::Click {
        column: actors.x + 2,
        row: actors.y + 1,
    });
    assert_eq!(app.pane, Pane::Actors);
    assert_eq!(app.entry_cursor, 0);
    let details = app.areas().details.unwrap();
    app.update(Message::Click {
        column: details.x + 2,
        row: details.y + 2,
    });
    assert_eq!(app.pane, Pane::Details);
}

#[test]
fn resizing_keeps_the_cursor_visible_and_never_panics() {
    let mut app = app();
    app.update(Message::MoveLast);
    for (w, h) in [
        (0, 0),
        (1, 1),
        (20, 6),
        (39, 9),
        (40, 10),
        (80, 24),
        (300, 100),
        (61, 12),
    ] {
        app.update(Message::Resize(w, h));
        if let Some(r) = app.areas().events {
            let visible = usize::from(r.height.saturating_sub(2));
            let row = app.event_rows[app.cursor];
            assert!(
                row >= app.events_top && row < app.events_top + visible.max(1),
                "{w}x{h}"
            );
        }
    }
}

#[test]
fn clearing_keeps_the_selected_event() {
    let mut app = app();
    app.update(Message::StartSearch);
    type_text(&mut app, "kabul");
    app.update(Message::InputSubmit);
    app.update(Message::MoveLast);
    let id = selected_id(&app).to_string();
    app.update(Message::ClearFilters);
    assert_eq!(selected_id(&app), id);
    assert_eq!(app.banner.as_deref(), Some("Filters cleared"));
}

#[test]
fn presenting_the_filtered_view_from_the_selected_event() {
    let mut app = app();
    app.update(Message::StartJump);
    type_text(&mut app, "2014-12-16");
    app.update(Message::InputSubmit);
    app.update(Message::StartPresent);
    let Mode::Present(deck) = &app.mode else {
        panic!("presenting")
    };
    assert_eq!(deck.slides.len(), 12);
    assert_eq!(
        app.timeline.events[deck.slides[deck.at].event].id,
        "2014-12-aps"
    );
    app.update(Message::NextSlide);
    app.update(Message::NextSlide);
    app.update(Message::PrevSlide);
    app.update(Message::ToggleNotes);
    let Mode::Present(deck) = &app.mode else {
        panic!("presenting")
    };
    assert!(deck.notes);
    assert_eq!(
        app.timeline.events[deck.slides[deck.at].event].id,
        "2014-12-nap"
    );
    app.update(Message::LastSlide);
    app.update(Message::NextSlide);
    assert!(app.banner.is_some(), "the last slide says so");
    app.update(Message::FirstSlide);
    app.update(Message::PrevSlide);
    assert!(app.banner.is_some(), "the first slide says so");
    app.update(Message::NextSlide);
    app.update(Message::ExitPresent);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(
        selected_id(&app),
        "2009-05-swat",
        "back in the explorer at the slide's event"
    );
}

#[test]
fn the_overview_jumps_to_a_slide() {
    let mut app = app();
    app.update(Message::StartPresent);
    app.update(Message::ToggleOverview);
    app.update(Message::MoveDown);
    app.update(Message::MoveDown);
    app.update(Message::MoveUp);
    app.update(Message::OpenSelected);
    let Mode::Present(deck) = &app.mode else {
        panic!("presenting")
    };
    assert_eq!((deck.at, deck.overview), (1, None));
    app.update(Message::ToggleOverview);
    app.update(Message::LastSlide);
    app.update(Message::ExitPresent);
    let Mode::Present(deck) = &app.mode else {
        panic!("Esc closes the overview first")
    };
    assert_eq!((deck.at, deck.overview), (1, None));
    app.update(Message::Scroll {
        column: 0,
        row: 0,
        down: true,
    });
    let Mode::Present(deck) = &app.mode else {
        panic!("presenting")
    };
    assert_eq!(deck.at, 2, "the wheel turns slides");
}

#[test]
fn a_tour_walks_in_tour_order_with_notes() {
    let mut app = app();
    let deck = Deck::of_tour(&app.timeline, "test-tour").unwrap();
    assert!(deck.notes);
    assert_eq!(deck.slides.len(), 3);
    assert_eq!(deck.slides[1].note, "The state's answer.");
    assert!(Deck::of_tour(&app.timeline, "no-such-tour").is_none());
    app.mode = Mode::Present(deck);
    app.update(Message::NextSlide);
    app.update(Message::NextSlide);
    app.update(Message::ExitPresent);
    assert_eq!(selected_id(&app), "2022-06-talks");
}

#[test]
fn nothing_to_present_says_so() {
    let mut app = app();
    app.update(Message::StartSearch);
    type_text(&mut app, "no such words");
    app.update(Message::InputSubmit);
    app.update(Message::StartPresent);
    assert_eq!(app.mode, Mode::Browse);
    assert!(app.banner.is_some());
}

#[test]
fn exporting_asks_for_a_format_and_a_path_then_reports() {
    use crate::export::Format;
    let mut app = app();
    app.update(Message::StartExport);
    let Mode::Prompt {
        kind: Prompt::Export(Format::Markdown),
        input,
        ..
    } = &app.mode
    else {
        panic!("export prompt")
    };
    assert!(
        input.starts_with("./chronology-") && input.ends_with(".md"),
        "{input}"
    );
    app.update(Message::NextFormat);
    let Mode::Prompt {
        kind: Prompt::Export(Format::Csv),
        input,
        ..
    } = &app.mode
    else {
        panic!("csv next")
    };
    assert!(input.ends_with(".csv"), "{input}");
    app.update(Message::InputClear);
    type_text(&mut app, "brief.csv");
    app.update(Message::NextFormat);
    let Mode::Prompt { input, .. } = &app.mode else {
        panic!("prompt")
    };
    assert_eq!(input, "brief.json", "an edited name keeps its stem");
    let effect = app.update(Message::InputSubmit);
    assert_eq!(
        effect,
        Some(Effect::Export {
            format: Format::Json,
            path: "brief.json".into()
        })
    );
    app.update(Message::ExportDone(Err("no such folder".into())));
    assert!(
        matches!(&app.mode, Mode::Prompt { error: Some(e), .. } if e == "no such folder"),
        "the prompt stays to fix the path"
    );
    app.update(Message::ExportDone(Ok("/tmp/brief.json".into())));
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(
        app.banner.as_deref(),
        Some("Exported 12 events to /tmp/brief.json")
    );
    app.update(Message::StartExport);
    app.update(Message::InputClear);
    assert_eq!(
        app.update(Message::InputSubmit),
        None,
        "an empty path is refused"
    );
    app.update(Message::InputCancel);
    assert_eq!(app.mode, Mode::Browse);
}

/// Sends one message `times` times.
fn press(app: &mut App, msg: Message, times: usize) {
    for _ in 0..times {
        app.update(msg.clone());
    }
}

#[test]
fn lanes_open_on_the_selected_event_and_move_within_bounds() {
    let mut app = app();
    app.update(Message::MoveDown);
    let e = app.selected_event().unwrap();
    app.update(Message::ToggleLanes);
    let Mode::Lanes(l) = &app.mode else {
        panic!("lanes did not open: {:?}", app.mode)
    };
    assert_eq!(l.columns[l.col].year(), app.timeline.events[e].date.year());
    let rows_of_e: Vec<usize> = (0..l.actors.len())
        .filter(|&r| app.index.involved(e).contains(&l.actors[r]))
        .collect();
    assert_eq!(Some(&l.row), rows_of_e.first(), "the event's busiest actor");
    let (rows, cols) = (l.actors.len(), l.columns.len());
    press(&mut app, Message::MoveDown, rows + 3);
    press(&mut app, Message::MoveRight, cols + 3);
    let Mode::Lanes(l) = &app.mode else { panic!() };
    assert_eq!((l.row, l.col), (rows - 1, cols - 1));
    app.update(Message::MoveFirst);
    press(&mut app, Message::MoveLeft, cols + 3);
    let Mode::Lanes(l) = &app.mode else { panic!() };
    assert_eq!((l.row, l.col), (0, 0));
    app.update(Message::ToggleLanes);
    assert_eq!(app.mode, Mode::Browse);
}

#[test]
fn zooming_shows_the_months_of_the_cursors_year_and_comes_back_to_it() {
    let mut app = app();
    app.update(Message::ToggleLanes);
    press(&mut app, Message::MoveRight, 7);
    let Mode::Lanes(l) = &app.mode else { panic!() };
    let (year, actor) = (l.columns[l.col].year(), l.actors[l.row]);
    app.update(Message::ToggleZoom);
    let Mode::Lanes(l) = &app.mode else { panic!() };
    assert_eq!(l.zoom, Some(year));
    assert_eq!(l.columns.len(), 12);
    assert!(
        l.columns
            .iter()
            .all(|c| c.year() == year && c.month().is_some())
    );
    assert_eq!(l.actors[l.row], actor, "the same actor stays selected");
    app.update(Message::ToggleZoom);
    let Mode::Lanes(l) = &app.mode else { panic!() };
    assert_eq!((l.zoom, l.columns[l.col].year()), (None, year));
}

/// Each cell counts what Enter on it lists: the row's actor's shown events
/// overlapping the column's dates, the date filter's own rule.
#[test]
fn every_cell_counts_what_enter_lists() {
    // The bundled timeline has events at every precision, some spanning
    // several months (the 2009 Swat accord) or years.
    let l = load(crate::load::bundled());
    let base = App::new(l.timeline, Filter::default(), ThemeName::Dark, false);
    for zoom in [None, Some(2007), Some(2009), Some(2014), Some(2021)] {
        let lanes = Lanes::build(&base.timeline, &base.index, &base.filtered.events, zoom);
        assert!(lanes.max > 0);
        for (row, &actor) in lanes.actors.iter().enumerate() {
            for (col, &date) in lanes.columns.iter().enumerate() {
                let f = Filter {
                    actors: vec![actor],
                    from: Some(date),
                    to: Some(date),
                    ..Filter::default()
                };
                let listed = query::apply(&base.timeline, &base.index, &f).events.len();
                assert_eq!(
                    lanes.count(row, col) as usize,
                    listed,
                    "{} in {date}",
                    base.timeline.actors[actor].id
                );
            }
        }
    }
}

#[test]
fn enter_on_a_cell_lists_its_events_in_the_explorer() {
    let mut app = app();
    app.update(Message::StartSearch);
    type_text(&mut app, "a");
    app.update(Message::InputSubmit);
    app.update(Message::ToggleLanes);
    // The first non-empty cell of the first row.
    let Mode::Lanes(l) = &app.mode else { panic!() };
    let col = (0..l.columns.len()).find(|&c| l.count(0, c) > 0).unwrap();
    let (actor, date, n, cols) = (
        l.actors[0],
        l.columns[col],
        l.count(0, col),
        l.columns.len(),
    );
    app.update(Message::MoveFirst);
    press(&mut app, Message::MoveLeft, cols);
    press(&mut app, Message::MoveRight, col);
    app.update(Message::OpenSelected);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.pane, Pane::Events);
    assert_eq!(app.filter.actors, vec![actor]);
    assert_eq!((app.filter.from, app.filter.to), (Some(date), Some(date)));
    assert_eq!(app.filter.search, "a", "the other filters are kept");
    assert_eq!(app.filtered.events.len(), n as usize);
    assert!(
        app.banner
            .as_deref()
            .unwrap_or("")
            .contains(&date.to_string())
    );

    // An empty cell says so and stays in the lanes.
    app.update(Message::ClearFilters);
    app.update(Message::ToggleLanes);
    let Mode::Lanes(l) = &app.mode else { panic!() };
    let last = l.actors.len() - 1;
    let empty = (0..l.columns.len())
        .find(|&c| l.count(last, c) == 0)
        .unwrap();
    let cols = l.columns.len();
    app.update(Message::MoveLast);
    press(&mut app, Message::MoveLeft, cols);
    press(&mut app, Message::MoveRight, empty);
    app.update(Message::OpenSelected);
    assert!(matches!(app.mode, Mode::Lanes(_)));
    assert!(
        app.banner
            .as_deref()
            .unwrap_or("")
            .starts_with("No shown event")
    );
}

#[test]
fn lanes_need_a_shown_event_with_an_actor() {
    let mut app = app();
    app.update(Message::StartSearch);
    type_text(&mut app, "no such text anywhere");
    app.update(Message::InputSubmit);
    app.update(Message::ToggleLanes);
    assert_eq!(app.mode, Mode::Browse);
    assert!(app.banner.as_deref().unwrap_or("").starts_with("No lanes"));
}

fn timeline_of(text: &str) -> Timeline {
    let l = load(vec![Input {
        name: "timeline.toml".into(),
        bytes: text.as_bytes().to_vec(),
    }]);
    assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
    l.timeline
}

#[test]
fn a_reload_keeps_the_filters_search_and_selection_by_id() {
    let mut app = app();
    select_actor(&mut app, "ttp");
    app.pane = Pane::Actors;
    app.update(Message::ToggleSelected);
    app.pane = Pane::Events;
    app.update(Message::MoveDown);
    let chosen = selected_id(&app).to_string();
    let shown = app.filtered.events.len();
    // A new event ahead of everything shifts every index by one.
    let edited = FIXTURE.replacen(
        "[[events]]",
        "[[events]]\nid = \"2007-01-first\"\ndate = \"2007-01\"\ntitle = \"A new first event\"\n\
         summary = \"s\"\nactors = [\"ttp\"]\n[[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n\n\
         [[events]]",
        1,
    );
    app.update(Message::ToggleLanes);
    app.reload(Ok(timeline_of(&edited)));
    assert_eq!(app.mode, Mode::Browse, "the lanes' indices are gone");
    assert_eq!(selected_id(&app), chosen);
    assert_eq!(app.filtered.events.len(), shown + 1);
    let ttp = app.timeline.actor_ix("ttp").unwrap();
    assert_eq!(app.filter.actors, vec![ttp]);
    assert_eq!(app.banner.as_deref(), Some("Reloaded: 13 events"));
    assert!(app.history.is_empty());
}

#[test]
fn a_reload_drops_what_no_longer_exists_and_selects_the_nearest_event() {
    let mut app = app();
    app.update(Message::MoveDown);
    let gone = selected_id(&app).to_string();
    let date = app.timeline.events[app.selected_event().unwrap()].date;
    // Remove the selected event: the next one on or after its date is selected.
    let start = FIXTURE.find(&format!("id = \"{gone}\"")).unwrap();
    let block_start = FIXTURE[..start].rfind("[[events]]").unwrap();
    let block_end = block_start + 10 + FIXTURE[block_start + 10..].find("[[events]]\n").unwrap();
    let edited = format!("{}{}", &FIXTURE[..block_start], &FIXTURE[block_end..]);
    app.reload(Ok(timeline_of(&edited)));
    let now = app.selected_event().unwrap();
    assert_ne!(app.timeline.events[now].id, gone);
    assert!(app.timeline.events[now].date >= date);
    assert_eq!(
        app.cursor,
        app.filtered.events.partition_point(|&e| e < now)
    );
}

#[test]
fn a_broken_reload_keeps_the_last_good_timeline_and_says_why() {
    let mut app = app();
    app.update(Message::MoveDown);
    let before = (app.timeline.events.len(), selected_id(&app).to_string());
    app.reload(Err("timeline.toml:12:5: invalid TOML".into()));
    assert_eq!(
        (app.timeline.events.len(), selected_id(&app).to_string()),
        before
    );
    assert_eq!(
        app.banner.as_deref(),
        Some("Not reloaded: timeline.toml:12:5: invalid TOML · the last good timeline stays")
    );
}
