//! The tour picker: each tour's title, then its steps, its dates and what
//! it is for.
//!
//! ```text
//! ┌▶ Tours · 3 · Enter presents ──────────────────────────────────┐
//! │ ▸ Briefing: the TTP's resurgence since August 2021             │
//! │     15 steps · 15 Aug 2021–Jan 2024 · How the Taliban's return… │
//! └────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;

use super::Theme;
use super::picker::{self, Item};
use crate::app::keymap::{self, Scope};
use crate::app::tours::{TourPicker, rows};
use crate::app::{App, Message};

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, p: &TourPicker) {
    let items: Vec<Item> = rows(app.timeline())
        .into_iter()
        .map(|t| Item {
            facts: format!(
                "{} {} · {} · ",
                t.steps,
                if t.steps == 1 { "step" } else { "steps" },
                t.span
            ),
            title: t.title,
            rest: t.summary,
        })
        .collect();
    let title = format!(
        "Tours · {} · {} presents",
        items.len(),
        keymap::label(Scope::Tours, &Message::OpenSelected)
    );
    picker::draw(frame, app, theme, title, &items, p.cursor);
}
