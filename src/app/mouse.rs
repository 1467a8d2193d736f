//! The mouse: a click selects (a row, a pane, a year of the density
//! strip), the wheel scrolls the pane under it. Overlays and the prompt
//! take no clicks: nothing changes behind them.

use ratatui::layout::Position;

use super::layout::{inner_row, strip};
use super::{App, Message, Pane, Row};

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let at = Position::new(column, row);
        if self.areas.header.contains(at) && row == self.areas.header.y + 1 {
            return self.click_strip(column);
        }
        if let Some(r) = self.areas.actors.filter(|r| r.contains(at)) {
            self.focus_pane(Pane::Actors);
            if let Some(i) = inner_row(r, row).map(|i| i + self.entries_top)
                && i < self.entries.len()
                && !self.entries[i].is_heading()
            {
                self.entry_cursor = i;
                self.clamp_scrolls();
            }
        } else if let Some(r) = self.areas.events.filter(|r| r.contains(at)) {
            self.focus_pane(Pane::Events);
            let top = self.events_top;
            let sticky = usize::from(matches!(self.rows.get(top), Some(Row::Event(_))));
            let hit = inner_row(r, row)
                .and_then(|i| i.checked_sub(sticky))
                .and_then(|i| self.rows.get(top + i).copied());
            if let Some(Row::Event(pos)) = hit {
                self.select_event_pos(pos);
            }
        } else if self.areas.details.is_some_and(|r| r.contains(at)) {
            self.focus_pane(Pane::Details);
        }
    }

    /// A click on a year of the density strip: that year's first shown event.
    fn click_strip(&mut self, column: u16) {
        let years = &self.filtered.years;
        let s = strip(years.len(), self.size.0);
        let Some(bucket) = s.bucket_at(column) else {
            return;
        };
        let Some(&(year, _)) = years.get(bucket * s.per) else {
            return;
        };
        let until = years
            .get((bucket + 1) * s.per)
            .map_or(u16::MAX, |&(y, _)| y);
        let yrs = &self.index.years;
        match self
            .filtered
            .events
            .iter()
            .position(|&e| yrs[e] >= year && yrs[e] < until)
        {
            Some(pos) => self.jump_to(pos),
            None => self.banner = Some(format!("No shown event in {year}")),
        }
    }

    pub(super) fn scroll_at(&mut self, column: u16, row: u16, down: bool) {
        let at = Position::new(column, row);
        let pane = if self.areas.actors.is_some_and(|r| r.contains(at)) {
            Pane::Actors
        } else if self.areas.details.is_some_and(|r| r.contains(at)) {
            Pane::Details
        } else {
            Pane::Events
        };
        let saved = self.pane;
        self.pane = pane;
        let step = if down {
            Message::MoveDown
        } else {
            Message::MoveUp
        };
        for _ in 0..3 {
            self.move_in_pane(&step);
        }
        self.pane = saved;
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{app, selected_id};
    use super::super::{Message, Mode};
    use super::*;

    #[test]
    fn clicks_select_and_the_wheel_scrolls() {
        let mut app = app();
        app.update(Message::Resize(120, 30));
        let events = app.areas.events.unwrap();
        app.update(Message::Click {
            column: events.x + 5,
            row: events.y + 4,
        });
        assert_eq!(app.pane, Pane::Events);
        assert_ne!(selected_id(&app), "2007-12-ttp-founded");
        let actors = app.areas.actors.unwrap();
        app.update(Message::Click {
            column: actors.x + 2,
            row: actors.y + 2,
        });
        assert_eq!(app.pane, Pane::Actors);
        assert_eq!(app.entry_cursor, 1);
        app.update(Message::Scroll {
            column: actors.x + 2,
            row: actors.y + 2,
            down: true,
        });
        // Three down from the second actor, past the tags heading.
        assert_eq!(app.entry_cursor, 5);
    }

    #[test]
    fn a_click_on_the_strip_jumps_to_that_year() {
        let mut app = app();
        app.update(Message::Resize(120, 30));
        let s = strip(app.filtered.years.len(), 120);
        let i = app
            .filtered
            .years
            .iter()
            .position(|&(y, _)| y == 2014)
            .unwrap();
        let column = s.start + u16::try_from(i / s.per * s.cell).unwrap();
        app.update(Message::Click { column, row: 1 });
        assert_eq!(selected_id(&app), "2014-06-zarb-e-azb");
    }

    #[test]
    fn clicks_behind_an_overlay_or_the_prompt_change_nothing() {
        let mut app = app();
        app.update(Message::Resize(120, 30));
        let events = app.areas.events.unwrap();
        for open in [Message::ToggleHelp, Message::StartSearch] {
            app.update(open);
            let before = (app.cursor, app.pane);
            app.update(Message::Click {
                column: events.x + 5,
                row: events.y + 6,
            });
            assert_eq!((app.cursor, app.pane), before);
            app.update(Message::CancelInput);
            assert_eq!(app.mode, Mode::Browse);
        }
    }
}
