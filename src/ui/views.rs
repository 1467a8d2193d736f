//! The views picker: the timeline's saved filters, then the person's own,
//! each marked as whose, with its id (for `--view`) and what it is for.
//!
//! ```text
//! ┌▶ Views · 4 · Enter applies ────────────────────────────────────┐
//! │ ▸ The TTP since the Taliban took Kabul                          │
//! │     timeline · ttp-since-2021 · From August 2021: talks, the…   │
//! │   Contested mosques                                             │
//! │     yours · contested-mosques                                   │
//! └─────────────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;

use super::Theme;
use super::picker::{self, Item};
use crate::app::keymap::{self, Scope};
use crate::app::views::{ViewPicker, Whose};
use crate::app::{App, Message};

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, p: &ViewPicker) {
    let items: Vec<Item> = app
        .views()
        .into_iter()
        .map(|(whose, v)| Item {
            title: v.title.clone(),
            facts: format!(
                "{} · {}",
                match whose {
                    Whose::Timeline => "timeline",
                    Whose::Mine => "yours",
                },
                v.id
            ),
            rest: if v.summary.is_empty() {
                String::new()
            } else {
                format!(" · {}", v.summary)
            },
        })
        .collect();
    let title = format!(
        "Views · {} · {} applies",
        items.len(),
        keymap::label(Scope::Views, &Message::OpenSelected)
    );
    picker::draw(frame, app, theme, title, &items, p.cursor);
}
