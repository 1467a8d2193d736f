//! What the app's tests share: an explorer over the small fixture
//! timeline at 120×40, on 31 January 2024, in a home folder, and typing.

use super::{App, Entry, Message, Start};
use crate::model::Timeline;

pub const FIXTURE: &str = include_str!("../../tests/fixtures/explorer/timeline.toml");

/// The timeline a text loads to, which must load cleanly.
pub fn timeline_of(text: &str) -> Timeline {
    let l = crate::load::from_str("timeline.toml", text);
    assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
    l.timeline
}

pub fn app() -> App {
    app_of(timeline_of(FIXTURE))
}

/// The explorer over any timeline, as `app` opens it.
pub fn app_of(timeline: Timeline) -> App {
    app_with(Start::new(timeline))
}

/// The explorer as `start` says, on the day and in the home folder `app` uses.
pub fn app_with(mut start: Start) -> App {
    start.today = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap_or_default();
    start.home = Some("/home/reader".into());
    let mut app = App::new(start);
    app.update(Message::Resize(120, 40));
    app
}

pub fn selected_id(app: &App) -> &str {
    app.selected_event()
        .map_or("", |e| app.timeline.events[e].id.as_str())
}

pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Message::TypeChar(c));
    }
}

pub fn select_actor(app: &mut App, id: &str) {
    let a = app.timeline.actor_ix(id).unwrap();
    app.entry_cursor = app
        .entries
        .iter()
        .position(|e| *e == Entry::Actor(a))
        .unwrap();
}
