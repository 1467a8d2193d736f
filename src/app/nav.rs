//! Moving around: cursors, pages, years, links, and keeping what is
//! selected in view. Part of `update`; changes `App` and nothing else.

use super::{App, Entry, Message, Mode, Pane, Row};
use crate::ui;

impl App {
    /// Visible rows inside a pane's border; 1 when the pane is hidden.
    fn pane_height(&self, pane: Pane) -> usize {
        let areas = self.areas();
        let r = match pane {
            Pane::Actors => areas.actors,
            Pane::Events => areas.events,
            Pane::Details => areas.details,
        };
        r.map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    pub(super) fn navigate(&mut self, msg: Message) {
        if !matches!(self.mode, Mode::Browse) {
            return;
        }
        let page = self.pane_height(self.pane);
        let delta: isize = match msg {
            Message::MoveDown => 1,
            Message::MoveUp => -1,
            Message::PageDown => page as isize,
            Message::PageUp => -(page as isize),
            Message::HalfPageDown => (page / 2).max(1) as isize,
            Message::HalfPageUp => -((page / 2).max(1) as isize),
            Message::MoveFirst => isize::MIN / 2,
            Message::MoveLast => isize::MAX / 2,
            Message::PrevYear => return self.step_year(false),
            Message::NextYear => return self.step_year(true),
            Message::NextLink => return self.step_link(1),
            Message::PrevLink => return self.step_link(-1),
            _ => return,
        };
        match self.pane {
            Pane::Events => {
                let last = self.filtered.events.len().saturating_sub(1);
                self.select_event_pos(self.cursor.saturating_add_signed(delta).min(last));
            }
            Pane::Actors => {
                let last = self.entries.len().saturating_sub(1);
                let mut i = self.entry_cursor.saturating_add_signed(delta).min(last);
                if self.entries.get(i) == Some(&Entry::TagsHeading) {
                    i = if delta > 0 || i == 0 {
                        (i + 1).min(last)
                    } else {
                        i - 1
                    };
                }
                self.entry_cursor = i;
                self.clamp_scrolls();
            }
            Pane::Details => {
                self.details_top = self.details_top.saturating_add_signed(delta);
                self.clamp_scrolls();
            }
        }
    }

    /// Selects the event at a position of the shown list; the details pane follows.
    pub(super) fn select_event_pos(&mut self, pos: usize) {
        if pos >= self.filtered.events.len() {
            return;
        }
        if pos != self.cursor || self.details_override.is_some() {
            self.details_override = None;
            self.link = 0;
            self.details_top = 0;
        }
        self.cursor = pos;
        self.clamp_scrolls();
    }

    fn step_year(&mut self, forward: bool) {
        let Some(current) = self.selected_event() else {
            return;
        };
        let year = self.timeline.events[current].date.year();
        let events = &self.filtered.events;
        let target = if forward {
            events
                .iter()
                .position(|&e| self.timeline.events[e].date.year() > year)
        } else {
            // The first event of the previous year that has any.
            let prev = events[..self.cursor]
                .iter()
                .rev()
                .map(|&e| self.timeline.events[e].date.year())
                .find(|&y| y < year);
            prev.and_then(|py| {
                events
                    .iter()
                    .position(|&e| self.timeline.events[e].date.year() == py)
            })
        };
        match target {
            Some(pos) => self.select_event_pos(pos),
            None => {
                self.banner = Some(if forward {
                    "No later year".into()
                } else {
                    "No earlier year".into()
                })
            }
        }
    }

    fn step_link(&mut self, delta: isize) {
        let n = self.links().len();
        if n == 0 {
            self.banner = Some("No links here".into());
            return;
        }
        self.link = (self.link as isize + delta).rem_euclid(n as isize) as usize;
        // Bring the selected link into view.
        let width = self
            .areas()
            .details
            .map_or(40, |r| r.width.saturating_sub(2));
        if let Some(focus) = self.focus() {
            let doc = ui::details::document(self, focus, width);
            if let Some(&row) = doc.link_rows.get(self.link) {
                let h = self.pane_height(Pane::Details);
                if row < self.details_top {
                    self.details_top = row;
                } else if row >= self.details_top + h {
                    self.details_top = row + 1 - h;
                }
            }
        }
    }

    /// Keeps every cursor inside its list and on screen.
    pub(super) fn clamp_scrolls(&mut self) {
        let h = self.pane_height(Pane::Events);
        if let Some(&row) = self.event_rows.get(self.cursor) {
            // Show the year separator above the first event of a year too.
            let want_top = if row > 0 && matches!(self.rows.get(row - 1), Some(Row::Year(_))) {
                row - 1
            } else {
                row
            };
            if want_top < self.events_top {
                self.events_top = want_top;
            } else if row >= self.events_top + h {
                self.events_top = row + 1 - h;
            }
        }
        self.events_top = self.events_top.min(self.rows.len().saturating_sub(h));

        self.entry_cursor = self.entry_cursor.min(self.entries.len().saturating_sub(1));
        let h = self.pane_height(Pane::Actors);
        if self.entry_cursor < self.entries_top {
            self.entries_top = self.entry_cursor;
        } else if self.entry_cursor >= self.entries_top + h {
            self.entries_top = self.entry_cursor + 1 - h;
        }
        self.entries_top = self.entries_top.min(self.entries.len().saturating_sub(h));

        let width = self
            .areas()
            .details
            .map_or(40, |r| r.width.saturating_sub(2));
        let total = self
            .focus()
            .map_or(0, |f| ui::details::document(self, f, width).lines.len());
        self.details_top = self
            .details_top
            .min(total.saturating_sub(self.pane_height(Pane::Details)));
        self.link = self.link.min(self.links().len().saturating_sub(1));
    }
}
