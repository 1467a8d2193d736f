//! What the screen tests share: an explorer over a timeline's text, drawn
//! into ratatui's `TestBackend`, driven only by messages, as a person
//! drives it; and the list of every mode a person can have open.

use chronoscope::app::{App, Deck, Entry, Message, Pane, Start};
use chronoscope::load;
use chronoscope::ui::{self, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// How an explorer over one timeline file's text starts; it must load cleanly.
pub fn start_from(toml: &str) -> Start {
    let l = load::from_str("timeline.toml", toml);
    let errors: Vec<String> = l.diagnostics.iter().map(|d| l.files.render(d)).collect();
    assert_eq!(l.errors(), 0, "{}", errors.join("\n"));
    let mut s = Start::new(l.timeline);
    s.today = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    s
}

pub fn app_from(toml: &str, theme: ThemeName, no_color: bool) -> App {
    let mut s = start_from(toml);
    s.theme = theme;
    s.no_color = no_color;
    App::new(s)
}

/// The explorer presenting one of the timeline's tours.
pub fn presenting_tour(toml: &str, tour: &str) -> App {
    let mut s = start_from(toml);
    s.deck = Some(Deck::of_tour(&s.timeline, tour).unwrap());
    App::new(s)
}

/// One frame at `w`×`h`, after telling the app its size.
pub fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    app.update(Message::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line a row, trailing spaces cut.
pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Message::TypeChar(c));
    }
}

/// Tab until `pane` has the keyboard.
pub fn focus(app: &mut App, pane: Pane) {
    for _ in 0..3 {
        if app.pane() == pane {
            return;
        }
        app.update(Message::NextPane);
    }
    assert_eq!(app.pane(), pane);
}

/// Moves the actors pane's cursor onto an actor, as a person would.
pub fn select_actor(app: &mut App, id: &str) {
    focus(app, Pane::Actors);
    let a = app.timeline().actor_ix(id).unwrap();
    app.update(Message::MoveFirst);
    for _ in 0..app.entries().len() {
        if app.entries().get(app.entry_cursor()) == Some(&Entry::Actor(a)) {
            return;
        }
        app.update(Message::MoveDown);
    }
    panic!("actor {id} not reached");
}

/// Selects the details pane's link `n`.
pub fn select_link(app: &mut App, n: usize) {
    for _ in 0..=app.doc().links.len() {
        if app.link() == n {
            return;
        }
        app.update(Message::NextLink);
    }
    panic!("link {n} not reached");
}

pub type Setup = fn(&mut App);

/// Every mode a person can have open while the terminal is resized.
pub fn every_mode() -> Vec<(&'static str, Setup)> {
    vec![
        ("browse", |_| {}),
        ("actors", |a| focus(a, Pane::Actors)),
        ("details", |a| {
            a.update(Message::MoveLast);
            a.update(Message::OpenSelected);
        }),
        ("profile", |a| {
            focus(a, Pane::Actors);
            a.update(Message::OpenSelected);
        }),
        ("help", |a| {
            a.update(Message::ToggleHelp);
            a.update(Message::PageDown);
        }),
        ("filter in full", |a| {
            a.update(Message::ShowFilter);
        }),
        ("citation copied", |a| {
            a.update(Message::Resize(60, 20));
            a.update(Message::CopyCitation);
        }),
        ("sources view", |a| {
            a.update(Message::ToggleSources);
            a.update(Message::MoveDown);
        }),
        ("search", |a| {
            a.update(Message::StartSearch);
            type_text(a, "e");
        }),
        ("date range", |a| {
            a.update(Message::StartDateRange);
            type_text(a, "nonsense");
            a.update(Message::SubmitInput);
        }),
        ("export prompt", |a| {
            a.update(Message::StartExport);
            a.update(Message::NextFormat);
        }),
        ("export error", |a| {
            a.update(Message::StartExport);
            a.update(Message::ExportDone(Err(
                chronoscope::app::ExportProblem::Failed("the folder does not exist".into()),
            )));
        }),
        ("replace?", |a| {
            a.update(Message::StartExport);
            a.update(Message::ExportDone(Err(
                chronoscope::app::ExportProblem::Exists("./brief.md".into()),
            )));
        }),
        ("present", |a| {
            a.update(Message::StartPresent);
        }),
        ("present notes", |a| {
            a.update(Message::StartPresent);
            a.update(Message::ToggleNotes);
            a.update(Message::MoveDown);
        }),
        ("help over slides", |a| {
            a.update(Message::StartPresent);
            a.update(Message::ToggleHelp);
        }),
        ("overview", |a| {
            a.update(Message::StartPresent);
            a.update(Message::ToggleOverview);
            a.update(Message::MoveDown);
        }),
        ("lanes", |a| {
            a.update(Message::ToggleLanes);
            a.update(Message::MoveDown);
            a.update(Message::MoveRight);
        }),
        ("lanes by month", |a| {
            a.update(Message::ToggleLanes);
            a.update(Message::MoveLast);
            a.update(Message::ToggleZoom);
            a.update(Message::MoveRight);
        }),
        ("map", |a| {
            a.update(Message::ToggleMap);
            a.update(Message::MoveDown);
            a.update(Message::ZoomIn);
        }),
        ("filtered empty", |a| {
            a.update(Message::StartSearch);
            type_text(a, "no such text anywhere");
            a.update(Message::SubmitInput);
        }),
    ]
}
