//! The sources view: every publisher of the shown events, how many events
//! each supports, how many rest on it alone, and its grades. Enter lists
//! the events a publisher reports; `a` those resting on it alone — the
//! filter joins the others, and `c` clears it with them.

use super::{App, Message, Mode};
use crate::query::{self, Publisher, PublisherFilter};

/// The view's rows and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Publishers {
    pub rows: Vec<Publisher>,
    pub cursor: usize,
    /// First row on screen.
    pub top: usize,
}

impl App {
    /// Rows of the list on screen: the header, the frame and the hint line go.
    fn publisher_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }

    pub(super) fn open_publishers(&mut self) {
        let rows = query::publishers(&self.timeline, &self.filtered.events);
        if rows.is_empty() {
            self.banner = Some("No sources: no shown event names one".into());
            return;
        }
        // Where the view was, when it is opened again on the same rows.
        let cursor = match &self.mode {
            Mode::Publishers(p) => p
                .rows
                .get(p.cursor)
                .and_then(|was| rows.iter().position(|r| r.name == was.name)),
            _ => None,
        };
        self.mode = Mode::Publishers(Publishers {
            rows,
            cursor: cursor.unwrap_or(0),
            top: 0,
        });
        self.clamp_publishers();
    }

    fn clamp_publishers(&mut self) {
        let page = self.publisher_rows();
        if let Mode::Publishers(p) = &mut self.mode {
            p.cursor = p.cursor.min(p.rows.len().saturating_sub(1));
            if p.cursor < p.top {
                p.top = p.cursor;
            } else if p.cursor >= p.top + page {
                p.top = p.cursor + 1 - page;
            }
        }
    }

    pub(super) fn on_publishers(&mut self, msg: Message) {
        let page = self.publisher_rows();
        let Mode::Publishers(p) = &mut self.mode else {
            return;
        };
        let last = p.rows.len().saturating_sub(1);
        match msg {
            Message::MoveDown => p.cursor = (p.cursor + 1).min(last),
            Message::MoveUp => p.cursor = p.cursor.saturating_sub(1),
            Message::PageDown => p.cursor = (p.cursor + page).min(last),
            Message::PageUp => p.cursor = p.cursor.saturating_sub(page),
            Message::MoveFirst => p.cursor = 0,
            Message::MoveLast => p.cursor = last,
            Message::OpenSelected | Message::RestsOnAlone => {
                let alone = msg == Message::RestsOnAlone;
                let Some(row) = p.rows.get(p.cursor) else {
                    return;
                };
                if alone && row.alone == 0 {
                    self.banner = Some(format!(
                        "No shown event rests on {} alone",
                        crate::text::one_line(&row.name)
                    ));
                    return;
                }
                self.filter.publisher = Some(PublisherFilter {
                    name: row.name.clone(),
                    alone,
                });
                self.mode = Mode::Browse;
                self.refilter(None);
                return;
            }
            Message::ToggleSources => {
                self.mode = Mode::Browse;
                return;
            }
            Message::ToggleHelp => {
                self.open_help();
                return;
            }
            _ => return,
        }
        self.clamp_publishers();
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::app;
    use super::*;

    fn view(app: &App) -> &Publishers {
        match &app.mode {
            Mode::Publishers(p) => p,
            other => panic!("not in the sources view: {other:?}"),
        }
    }

    #[test]
    fn enter_lists_a_publishers_events_and_a_those_resting_on_it_alone() {
        let mut app = app();
        app.update(Message::ToggleSources);
        let first = view(&app).rows[0].clone();
        assert!(first.events >= view(&app).rows.last().unwrap().events);
        app.update(Message::OpenSelected);
        assert_eq!(app.mode, Mode::Browse);
        assert_eq!(app.filtered.events.len(), first.events);
        let name = first.name.clone();
        assert!(app.filtered.events.iter().all(|&e| {
            app.timeline.events[e]
                .sources
                .iter()
                .any(|s| s.publisher == name)
        }));
        app.update(Message::ClearFilters);
        app.update(Message::ToggleSources);
        let alone = view(&app).rows.iter().position(|r| r.alone > 0).unwrap();
        for _ in 0..alone {
            app.update(Message::MoveDown);
        }
        let row = view(&app).rows[alone].clone();
        app.update(Message::RestsOnAlone);
        assert_eq!(app.filtered.events.len(), row.alone);
        assert!(app.filtered.events.iter().all(|&e| {
            app.timeline.events[e]
                .sources
                .iter()
                .all(|s| s.publisher == row.name)
        }));
    }

    #[test]
    fn the_cursor_stays_on_the_list_and_esc_closes() {
        let mut app = app();
        app.update(Message::ToggleSources);
        let n = view(&app).rows.len();
        for _ in 0..n + 5 {
            app.update(Message::MoveDown);
        }
        assert_eq!(view(&app).cursor, n - 1);
        app.update(Message::MoveFirst);
        assert_eq!(view(&app).cursor, 0);
        app.update(Message::ToggleSources);
        assert_eq!(app.mode, Mode::Browse);
    }
}
