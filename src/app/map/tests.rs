//! The map view's tests: what it holds, how keys and clicks move over
//! it, and what Enter lists.

use super::super::testing::{app_of, timeline_of};
use super::*;

const PLACES: &str = r#"
[timeline]
title = "T"

[actors.ttp]
name = "Tehrik-i-Taliban Pakistan"
short = "TTP"
kind = "armed-group"
summary = "s"

[places.pakistan]
name = "Pakistan"
kind = "country"
lat = 30.0
lon = 70.0

[places.khyber-pakhtunkhwa]
name = "Khyber Pakhtunkhwa"
kind = "province"
lat = 34.5
lon = 72.0
within = "pakistan"

[places.peshawar]
name = "Peshawar"
kind = "city"
lat = 34.0151
lon = 71.5249
within = "khyber-pakhtunkhwa"

[places.bannu]
name = "Bannu"
kind = "city"
lat = 32.9889
lon = 70.6056
within = "khyber-pakhtunkhwa"

[places.quetta]
name = "Quetta"
kind = "city"
lat = 30.1798
lon = 66.975
within = "pakistan"

[[events]]
id = "a"
date = "2014-12-16"
title = "At Peshawar"
summary = "s"
actors = ["ttp"]
places = ["peshawar"]

[[events]]
id = "b"
date = "2015"
title = "At Peshawar again"
summary = "s"
places = ["peshawar"]

[[events]]
id = "c"
date = "2016"
title = "At Bannu"
summary = "s"
actors = ["ttp"]
places = ["bannu"]

[[events]]
id = "d"
date = "2017"
title = "At Quetta"
summary = "s"
places = ["quetta"]

[[events]]
id = "e"
date = "2018"
title = "Nowhere"
summary = "s"
"#;

fn map_of(app: &App) -> &MapView {
    match &app.mode {
        Mode::Map(m) => m,
        other => panic!("not on the map: {other:?}"),
    }
}

fn name(app: &App) -> String {
    let m = map_of(app);
    app.timeline.places[m.selected_place().unwrap()]
        .name
        .clone()
}

#[test]
fn the_map_holds_the_places_of_the_shown_events_busiest_first() {
    let mut app = app_of(timeline_of(PLACES));
    app.update(Message::ToggleMap);
    let m = map_of(&app);
    let names: Vec<&str> = m
        .places
        .iter()
        .map(|&p| app.timeline.places[p].name.as_str())
        .collect();
    assert_eq!(names, ["Peshawar", "Bannu", "Quetta"]);
    assert_eq!(m.counts, [2, 1, 1]);
    assert_eq!(m.unplaced, 1);
    // Opened on the selected event's place: the first event, at Peshawar.
    assert_eq!(name(&app), "Peshawar");
}

#[test]
fn keys_move_to_the_nearest_place_that_way() {
    let mut app = app_of(timeline_of(PLACES));
    app.update(Message::ToggleMap);
    app.update(Message::MoveDown);
    assert_eq!(name(&app), "Bannu");
    app.update(Message::MoveLeft);
    assert_eq!(name(&app), "Quetta");
    app.update(Message::MoveUp);
    assert_eq!(
        name(&app),
        "Bannu",
        "north-east of Quetta, nearer than Peshawar"
    );
    app.update(Message::NextPane);
    assert_eq!(name(&app), "Quetta", "Tab: the next place by events");
}

#[test]
fn zoom_pan_and_fit_change_only_the_view() {
    let mut app = app_of(timeline_of(PLACES));
    app.update(Message::ToggleMap);
    let fitted = map_of(&app).view;
    app.update(Message::ZoomIn);
    assert!((map_of(&app).view.span - fitted.span / 2.0).abs() < 1e-9);
    app.update(Message::Pan(Direction::Right));
    assert!(map_of(&app).view.lon > fitted.lon);
    app.update(Message::FitMap);
    assert_eq!(map_of(&app).view, fitted);
    assert_eq!(name(&app), "Peshawar");
}

#[test]
fn enter_lists_the_place_and_the_places_within_it() {
    let mut app = app_of(timeline_of(PLACES));
    app.update(Message::ToggleMap);
    app.update(Message::OpenSelected);
    assert_eq!(app.mode, Mode::Browse);
    assert_eq!(app.filtered.events.len(), 2);
    assert!(
        app.banner
            .as_deref()
            .unwrap()
            .starts_with("2 events at Peshawar")
    );
    // A province keeps its cities' events, through the filter.
    let kp = app.timeline.place_ix("khyber-pakhtunkhwa").unwrap();
    app.filter.places = vec![kp];
    app.refilter(None);
    assert_eq!(app.filtered.events.len(), 3);
    app.update(Message::ClearFilters);
    assert_eq!(app.filtered.events.len(), 5);
}

#[test]
fn the_map_follows_the_filters() {
    let mut app = app_of(timeline_of(PLACES));
    app.filter.actors = vec![app.timeline.actor_ix("ttp").unwrap()];
    app.refilter(None);
    app.update(Message::ToggleMap);
    assert_eq!(map_of(&app).places.len(), 2, "Peshawar and Bannu only");
    app.update(Message::ToggleMap);
    app.filter.search = "nowhere".into();
    app.refilter(None);
    app.update(Message::ToggleMap);
    assert_eq!(app.mode, Mode::Browse);
    assert!(app.banner.as_deref().unwrap().starts_with("No map"));
}

#[test]
fn a_click_selects_the_place_under_it() {
    let mut app = app_of(timeline_of(PLACES));
    app.update(Message::ToggleMap);
    let (_, c, _) = layout::map(app.size.0, app.size.1).unwrap();
    let m = map_of(&app);
    let grid = Grid::new(&m.view, c.width, c.height);
    let q = m
        .places
        .iter()
        .position(|&p| app.timeline.places[p].name == "Quetta")
        .unwrap();
    let (col, row) = grid.cell(m.points[q].0, m.points[q].1).unwrap();
    app.update(Message::Click {
        column: c.x + col,
        row: c.y + row,
    });
    assert_eq!(name(&app), "Quetta");
    // A click far from any place changes nothing.
    app.update(Message::Click {
        column: c.x,
        row: c.y,
    });
    assert_eq!(name(&app), "Quetta");
}
