//! What the screen tests share: an explorer over a timeline's text, drawn
//! into ratatui's `TestBackend`, and typing into it.

use chronoscope::app::{App, Message};
use chronoscope::load::{self, Input};
use chronoscope::query::Filter;
use chronoscope::ui::{self, ThemeName};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// An explorer over one timeline file's text, which must load cleanly.
pub fn app_from(toml: &str, theme: ThemeName, no_color: bool) -> App {
    let l = load::load(vec![Input {
        name: "timeline.toml".into(),
        bytes: toml.as_bytes().to_vec(),
    }]);
    let errors: Vec<String> = l.diagnostics.iter().map(|d| l.files.render(d)).collect();
    assert_eq!(l.errors(), 0, "{}", errors.join("\n"));
    App::new(l.timeline, Filter::default(), theme, no_color)
}

/// One frame at `w`×`h`, after telling the app its size.
pub fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    app.update(Message::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

pub fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Message::InputChar(c));
    }
}
