//! What changed since an older version of the timeline (`--since`): the
//! events new or changed since then, badged in the events pane, what
//! changed listed in the details pane, and `C` to show only them — "what is
//! new since the last brief" in two keys. The comparison is `crate::diff`'s.

use super::keymap::{self, Scope};
use super::{App, Message};
use crate::model::EventIx;

/// The events new or changed since a version, by id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Since {
    /// The version, as the person named it: `HEAD~10`.
    pub label: String,
    pub new: Vec<String>,
    /// Each changed event, with one line per field that changed.
    pub changed: Vec<(String, Vec<String>)>,
}

impl Since {
    pub fn from_diff(label: &str, d: &crate::diff::Diff) -> Since {
        Since {
            label: label.to_string(),
            new: d.events.added.iter().map(|e| e.id.clone()).collect(),
            changed: d
                .events
                .changed
                .iter()
                .map(|c| {
                    let lines = c
                        .fields
                        .iter()
                        .map(|f| format!("{}: {}", f.field, f.change.describe()))
                        .collect();
                    (c.entry.id.clone(), lines)
                })
                .collect(),
        }
    }
}

/// How an event stands against the older version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    New,
    Changed,
}

impl Badge {
    pub fn word(self) -> &'static str {
        match self {
            Badge::New => "new",
            Badge::Changed => "changed",
        }
    }
}

impl App {
    /// Each event's badge, after the timeline changed.
    pub(super) fn rebadge(&mut self) {
        let t = &self.timeline;
        self.badges = vec![None; t.events.len()];
        let Some(s) = &self.since else { return };
        for id in &s.new {
            if let Some(e) = t.event_ix(id) {
                self.badges[e] = Some(Badge::New);
            }
        }
        for (id, _) in &s.changed {
            if let Some(e) = t.event_ix(id) {
                self.badges[e] = Some(Badge::Changed);
            }
        }
        if let Some((label, _)) = self.filter.since.take() {
            self.filter.since = Some((label, self.badged()));
        }
    }

    fn badged(&self) -> Vec<EventIx> {
        (0..self.badges.len())
            .filter(|&e| self.badges[e].is_some())
            .collect()
    }

    pub fn badge(&self, e: EventIx) -> Option<Badge> {
        self.badges.get(e).copied().flatten()
    }

    /// The version compared with, and what changed in the event since then
    /// (`None` for a new event).
    pub fn changes(&self, e: EventIx) -> Option<(&str, Option<&[String]>)> {
        let s = self.since.as_ref()?;
        let id = &self.timeline.events.get(e)?.id;
        match self.badge(e)? {
            Badge::New => Some((&s.label, None)),
            Badge::Changed => s
                .changed
                .iter()
                .find(|(c, _)| *id == *c)
                .map(|(_, lines)| (s.label.as_str(), Some(lines.as_slice()))),
        }
    }

    /// `C`: only the events new or changed since the version, or all again.
    pub(super) fn toggle_changed_only(&mut self) {
        if self.filter.since.take().is_none() {
            let Some(s) = &self.since else {
                let key = keymap::label(Scope::Global, &Message::ToggleChangedOnly);
                self.banner = Some(format!(
                    "Nothing to compare with: start with --since HEAD~10 (or an older copy's path) to use {key}"
                ));
                return;
            };
            let events = self.badged();
            if events.is_empty() {
                self.banner = Some(format!("Nothing changed since {}", s.label));
                return;
            }
            self.filter.since = Some((s.label.clone(), events));
        }
        self.refilter(None);
    }
}
