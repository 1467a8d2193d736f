//! Moving around: cursors, pages, years, links, and keeping what is
//! selected in view. A jump (a date, a search match, a followed link)
//! leaves a few rows of context above its target, as vim's `scrolloff`
//! does; the year of the first row shown stays visible above it.

use super::layout::{inner_height, inner_width};
use super::{App, Message, Pane, Row};

/// Rows kept above the target of a jump.
pub const SCROLL_OFF: usize = 3;

impl App {
    /// Visible rows inside a pane's border; 1 when the pane is hidden.
    pub(super) fn pane_height(&self, pane: Pane) -> usize {
        self.areas.pane(pane).map_or(1, |r| inner_height(r).max(1))
    }

    /// The width the details document is laid out for.
    pub(super) fn details_width(&self) -> usize {
        self.areas.details.map_or(40, inner_width).max(1)
    }

    /// Event rows that fit below `top`: one row goes to the sticky year
    /// line when `top` is not itself a year separator.
    fn event_capacity(&self, top: usize) -> usize {
        let h = self.pane_height(Pane::Events);
        match self.rows.get(top) {
            Some(Row::Event(_)) if h > 1 => h - 1,
            _ => h,
        }
    }

    pub(super) fn move_in_pane(&mut self, msg: &Message) {
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
                if self.entries.get(i).is_some_and(|e| e.is_heading()) {
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

    /// Selects an event a jump landed on, with context above it.
    pub(super) fn jump_to(&mut self, pos: usize) {
        self.select_event_pos(pos);
        if let Some(&row) = self.event_rows.get(self.cursor) {
            self.events_top = row.saturating_sub(SCROLL_OFF);
            self.clamp_scrolls();
        }
    }

    pub(super) fn step_year(&mut self, forward: bool) {
        let Some(current) = self.selected_event() else {
            return;
        };
        let year = self.index.years[current];
        let years = &self.index.years;
        let events = &self.filtered.events;
        let target = if forward {
            events.iter().position(|&e| years[e] > year)
        } else {
            // The first event of the previous year that has any.
            let prev = events[..self.cursor]
                .iter()
                .rev()
                .map(|&e| years[e])
                .find(|&y| y < year);
            prev.and_then(|py| events.iter().position(|&e| years[e] == py))
        };
        match target {
            Some(pos) => self.jump_to(pos),
            None => {
                self.banner = Some(if forward {
                    "No later year".into()
                } else {
                    "No earlier year".into()
                })
            }
        }
    }

    pub(super) fn step_link(&mut self, delta: isize) {
        let n = self.doc.links.len();
        if n == 0 {
            self.banner = Some("No links here".into());
            return;
        }
        self.link = (self.link as isize + delta).rem_euclid(n as isize) as usize;
        // A selected source shows its whole address: the layout changes.
        self.doc_key = None;
        self.clamp_scrolls();
        // Bring the selected link into view.
        if let Some(row) = self.doc.links.get(self.link).map(|l| l.row) {
            let h = self.pane_height(Pane::Details);
            if row < self.details_top {
                self.details_top = row;
            } else if row >= self.details_top + h {
                self.details_top = row + 1 - h;
            }
        }
    }

    /// Keeps every cursor inside its list and on screen, and the details
    /// document laid out for what the pane shows.
    pub(super) fn clamp_scrolls(&mut self) {
        if let Some(&row) = self.event_rows.get(self.cursor) {
            // Show the year separator above the first event of a year too.
            let want_top = if row > 0 && matches!(self.rows.get(row - 1), Some(Row::Year(_))) {
                row - 1
            } else {
                row
            };
            if want_top < self.events_top {
                self.events_top = want_top;
            }
            while row >= self.events_top + self.event_capacity(self.events_top) {
                self.events_top += 1;
            }
        }
        let h = self.pane_height(Pane::Events);
        // The furthest the list scrolls: its last row at the bottom, one
        // row lower when the sticky year line takes the top one.
        let mut last_top = self.rows.len().saturating_sub(h);
        if last_top > 0 && matches!(self.rows.get(last_top), Some(Row::Event(_))) {
            last_top += 1;
        }
        self.events_top = self.events_top.min(last_top);

        self.entry_cursor = self.entry_cursor.min(self.entries.len().saturating_sub(1));
        let h = self.pane_height(Pane::Actors);
        if self.entry_cursor < self.entries_top {
            self.entries_top = self.entry_cursor;
        } else if self.entry_cursor >= self.entries_top + h {
            self.entries_top = self.entry_cursor + 1 - h;
        }
        self.entries_top = self.entries_top.min(self.entries.len().saturating_sub(h));

        self.lay_out_details();
        self.details_top = self.details_top.min(
            self.doc
                .lines
                .len()
                .saturating_sub(self.pane_height(Pane::Details)),
        );
        self.link = self.link.min(self.doc.links.len().saturating_sub(1));
    }
}

/// j/k/g/G in a list of `len` items that moves one cursor: whether the
/// message was one of those.
pub(super) fn step_list(cursor: &mut usize, msg: &Message, len: usize) -> bool {
    let last = len.saturating_sub(1);
    *cursor = match msg {
        Message::MoveDown => (*cursor + 1).min(last),
        Message::MoveUp => cursor.saturating_sub(1),
        Message::MoveFirst => 0,
        Message::MoveLast => last,
        _ => return false,
    };
    true
}

#[cfg(test)]
mod tests {
    use super::super::testing::{app, selected_id, type_text};
    use super::super::{Message, Row};
    use super::*;

    #[test]
    fn moving_through_events() {
        let mut app = app();
        assert_eq!(selected_id(&app), "2007-12-ttp-founded");
        assert_eq!(app.rows[0], Row::Year(2007));
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
        app.update(Message::PrevYear);
        app.update(Message::PrevYear);
        assert_eq!(selected_id(&app), "2009-05-swat");
        app.update(Message::PrevYear);
        app.update(Message::PrevYear);
        assert_eq!(app.banner.as_deref(), Some("No earlier year"));
    }

    #[test]
    fn panes_cycle_both_ways() {
        let mut app = app();
        assert_eq!(app.pane, Pane::Events);
        app.update(Message::NextPane);
        assert_eq!(app.pane, Pane::Details);
        app.update(Message::NextPane);
        assert_eq!(app.pane, Pane::Actors);
        app.update(Message::PrevPane);
        assert_eq!(app.pane, Pane::Details);
    }

    #[test]
    fn a_jump_keeps_rows_of_context_above_its_target() {
        let mut app = app();
        app.update(Message::Resize(120, 14));
        app.update(Message::StartJump);
        type_text(&mut app, "2022");
        app.update(Message::SubmitInput);
        let row = app.event_rows[app.cursor];
        assert!(row > SCROLL_OFF);
        assert_eq!(app.events_top, row - SCROLL_OFF);
    }

    #[test]
    fn the_cursor_never_hides_under_the_sticky_year() {
        let mut app = app();
        for h in 10..30 {
            app.update(Message::Resize(90, h));
            for _ in 0..12 {
                app.update(Message::MoveDown);
                let row = app.event_rows[app.cursor];
                let top = app.events_top;
                let sticky = usize::from(matches!(app.rows[top], Row::Event(_)));
                assert!(row >= top && row < top + app.pane_height(Pane::Events) - sticky);
            }
            app.update(Message::MoveFirst);
        }
    }

    #[test]
    fn resizing_keeps_the_cursor_visible_and_never_panics() {
        let mut app = app();
        app.update(Message::MoveLast);
        for (w, h) in [
            (1, 1),
            (39, 9),
            (40, 10),
            (63, 20),
            (64, 20),
            (200, 60),
            (80, 24),
        ] {
            app.update(Message::Resize(w, h));
            let row = app.event_rows[app.cursor];
            assert!(row >= app.events_top);
        }
    }
}
