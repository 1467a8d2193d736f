//! Colour themes: dark (default), light, and high-contrast for projectors.
//!
//! With `NO_COLOR` set every style keeps only its modifiers — reverse for
//! the selection, bold for headings, underline for matches — so nothing is
//! carried by colour alone.

use ratatui::style::{Color, Modifier, Style};

pub use crate::cli::ThemeName;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub dim: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of an unfocused pane.
    pub selected_idle: Style,
    pub year: Style,
    pub badge: Style,
    pub matched: Style,
    pub conflict: Style,
    pub checked: Style,
    pub heading: Style,
    pub link: Style,
    pub error: Style,
    pub strip: Style,
    pub strip_mark: Style,
    /// "as known on 16 Dec 2014" in the header: a view of the past, never
    /// to be mistaken for a filter.
    pub known_on: Style,
    pub claim_for: Style,
    pub claim_against: Style,
    /// The big date on a slide: never underlined, which would blot it out.
    pub big_date: Style,
    /// The editor's note, for those who keep the timeline.
    pub note: Style,
}

impl Theme {
    pub fn get(name: ThemeName, no_color: bool) -> Theme {
        let t = match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
        };
        if no_color { t.without_colour() } else { t }
    }

    fn dark() -> Theme {
        let fg = Style::new().fg(Color::Gray);
        Theme {
            base: fg,
            title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected_idle: Style::new().fg(Color::White).bg(Color::DarkGray),
            year: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            badge: Style::new().fg(Color::LightBlue),
            matched: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            conflict: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            checked: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            link: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::UNDERLINED),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            strip: Style::new().fg(Color::Cyan),
            strip_mark: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            known_on: Style::new()
                .fg(Color::Black)
                .bg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD),
            claim_for: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            claim_against: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            big_date: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            note: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
        }
    }

    fn light() -> Theme {
        Theme {
            base: Style::new().fg(Color::Black),
            title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            // Visible on white: light grey borders vanish on a white terminal.
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected_idle: Style::new().fg(Color::Black).bg(Color::Gray),
            year: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            badge: Style::new().fg(Color::Blue),
            matched: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::UNDERLINED),
            conflict: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            checked: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            strip: Style::new().fg(Color::Blue),
            strip_mark: Style::new()
                .fg(Color::White)
                .bg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
            known_on: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            claim_for: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            claim_against: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            big_date: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            note: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
        }
    }

    fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            base: Style::new().fg(Color::White).bg(Color::Black),
            title: Style::new()
                .fg(Color::White)
                .bg(Color::Black)
                .add_modifier(bold),
            dim: Style::new().fg(Color::White).bg(Color::Black),
            border: Style::new().fg(Color::White).bg(Color::Black),
            border_focused: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            // Only the focused pane's cursor is reversed; the others are underlined.
            selected_idle: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold | Modifier::UNDERLINED),
            year: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            badge: Style::new()
                .fg(Color::Cyan)
                .bg(Color::Black)
                .add_modifier(bold),
            matched: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(bold | Modifier::UNDERLINED),
            conflict: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            checked: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            heading: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold | Modifier::UNDERLINED),
            link: Style::new()
                .fg(Color::Cyan)
                .bg(Color::Black)
                .add_modifier(bold | Modifier::UNDERLINED),
            error: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            strip: Style::new().fg(Color::White).bg(Color::Black),
            strip_mark: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            known_on: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            claim_for: Style::new()
                .fg(Color::White)
                .bg(Color::Black)
                .add_modifier(bold),
            claim_against: Style::new()
                .fg(Color::White)
                .bg(Color::Black)
                .add_modifier(bold),
            big_date: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(bold),
            note: Style::new().fg(Color::White).bg(Color::Black),
        }
    }

    /// Drops every colour and keeps modifiers: the focused pane's cursor is
    /// reversed, another pane's underlined, so two reversed rows never
    /// leave focus to the border alone.
    fn without_colour(self) -> Theme {
        let strip = |s: Style| Style::new().add_modifier(s.add_modifier);
        Theme {
            base: Style::new(),
            title: strip(self.title),
            dim: Style::new(),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_idle: Style::new().add_modifier(Modifier::UNDERLINED),
            year: strip(self.year),
            badge: Style::new(),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            conflict: Style::new().add_modifier(Modifier::BOLD),
            checked: Style::new().add_modifier(Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            error: Style::new().add_modifier(Modifier::BOLD),
            strip: Style::new(),
            strip_mark: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            known_on: Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC),
            claim_for: Style::new().add_modifier(Modifier::BOLD),
            claim_against: Style::new().add_modifier(Modifier::BOLD),
            big_date: Style::new().add_modifier(Modifier::BOLD),
            note: Style::new().add_modifier(Modifier::ITALIC),
        }
    }
}
