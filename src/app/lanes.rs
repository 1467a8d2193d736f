//! The lanes view: one row per actor, one column per year (or per bucket
//! of years when they outnumber the columns, or per month of one year,
//! zoomed in), a mark in each cell sized by how many of the shown events
//! involve that actor then. Who acted when, side by side — what a briefing
//! asks first. Enter lists a cell's events in the explorer; Esc there
//! comes back to the same cell.
//!
//! Here: opening, moving, zooming and listing a cell; `grid` counts the
//! cells.

use super::keymap::{self, Scope};
use super::{App, Message, Mode, Pane};
use crate::query::{Combine, Filter};

pub use super::grid::{CELL, Column, LEFT, Lanes};

impl App {
    fn lanes_width(&self) -> usize {
        usize::from(self.size.0.saturating_sub(2))
    }

    /// Opens the lanes of the shown events, on the selected event's year
    /// and the busiest of its actors when there is one.
    pub(super) fn open_lanes(&mut self) {
        let mut lanes = Lanes::build(
            &self.timeline,
            &self.index,
            &self.filtered.events,
            None,
            self.lanes_width(),
        );
        if lanes.actors.is_empty() || lanes.columns.is_empty() {
            self.banner = Some("No lanes: no shown event involves an actor".into());
            return;
        }
        if let Some(e) = self.selected_event() {
            lanes.col = lanes.column_of(self.index.years[e]).unwrap_or(0);
            // The event's busiest actor: the highest of its rows.
            lanes.row = self
                .index
                .involved(e)
                .iter()
                .filter_map(|&a| lanes.actors.iter().position(|&x| x == a))
                .min()
                .unwrap_or(0);
        }
        self.lanes_return = None;
        self.mode = Mode::Lanes(lanes);
    }

    pub(super) fn on_lanes(&mut self, msg: Message) {
        match msg {
            Message::OpenSelected => return self.list_cell(),
            Message::ToggleZoom => return self.toggle_zoom(),
            Message::ToggleLanes => {
                self.mode = Mode::Browse;
                return;
            }
            Message::ToggleHelp => {
                self.open_help();
                return;
            }
            _ => {}
        }
        let page = usize::from(self.size.1.saturating_sub(6)).max(1);
        let Mode::Lanes(l) = &mut self.mode else {
            return;
        };
        let last_row = l.actors.len().saturating_sub(1);
        let last_col = l.columns.len().saturating_sub(1);
        match msg {
            Message::MoveDown => l.row = (l.row + 1).min(last_row),
            Message::MoveUp => l.row = l.row.saturating_sub(1),
            Message::PageDown | Message::HalfPageDown => l.row = (l.row + page).min(last_row),
            Message::PageUp | Message::HalfPageUp => l.row = l.row.saturating_sub(page),
            Message::MoveFirst => l.row = 0,
            Message::MoveLast => l.row = last_row,
            Message::MoveRight => l.col = (l.col + 1).min(last_col),
            Message::MoveLeft => l.col = l.col.saturating_sub(1),
            Message::Scroll { down: true, .. } => l.row = (l.row + 3).min(last_row),
            Message::Scroll { down: false, .. } => l.row = l.row.saturating_sub(3),
            _ => {}
        }
    }

    /// Into the months of the cursor's year, or back out to that year, on
    /// the same actor.
    fn toggle_zoom(&mut self) {
        let Mode::Lanes(l) = &self.mode else { return };
        let (row, actor) = (l.row, l.actors.get(l.row).copied());
        let (zoom, back_to) = match (l.zoom, l.columns.get(l.col)) {
            (Some(year), _) => (None, Some(year)),
            (None, Some(Column::Years(a, _))) => (Some(*a), None),
            (None, _) => return,
        };
        let mut lanes = Lanes::build(
            &self.timeline,
            &self.index,
            &self.filtered.events,
            zoom,
            self.lanes_width(),
        );
        lanes.row = actor
            .and_then(|a| lanes.actors.iter().position(|&x| x == a))
            .unwrap_or(row.min(lanes.actors.len().saturating_sub(1)));
        lanes.col = back_to.and_then(|y| lanes.column_of(y)).unwrap_or(0);
        self.mode = Mode::Lanes(lanes);
    }

    /// Enter on a cell: the explorer, filtered to the row's actor and the
    /// column's dates, the other filters kept. Esc comes back here.
    fn list_cell(&mut self) {
        let Mode::Lanes(l) = &self.mode else { return };
        let (Some(&actor), Some(&column)) = (l.actors.get(l.row), l.columns.get(l.col)) else {
            return;
        };
        let short = self.timeline.actors[actor].short.clone();
        let n = l.count(l.row, l.col);
        if n == 0 {
            self.banner = Some(format!(
                "No shown event involves {short} in {}",
                column.describe()
            ));
            return;
        }
        let Some((from, to)) = column.range() else {
            return;
        };
        let Mode::Lanes(lanes) = std::mem::replace(&mut self.mode, Mode::Browse) else {
            return;
        };
        self.lanes_return = Some((lanes, self.filter.clone()));
        self.filter.actors = vec![actor];
        self.filter.combine = Combine::Any;
        self.filter.from = Some(from);
        self.filter.to = Some(to);
        self.focus_pane(Pane::Events);
        self.history.clear();
        self.details_override = None;
        self.refilter(None);
        let shown = self.filtered.events.len();
        let back = keymap::label(Scope::Events, &Message::GoBack);
        self.banner = Some(match column {
            Column::YearOnly(y) => format!(
                "{shown} events of {short} in {y}, {n} of them dated to the year only · {back} back to the lanes"
            ),
            _ => format!(
                "{shown} events of {short} in {} · {back} back to the lanes",
                column.describe()
            ),
        });
    }

    /// Esc after a cell was listed: the lanes again, at that cell, on the
    /// filter they were built from.
    pub(super) fn return_to_lanes(&mut self, (lanes, filter): (Lanes, Filter)) {
        self.filter = filter;
        self.refilter(None);
        self.mode = Mode::Lanes(lanes);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::app;
    use super::*;

    fn lanes(app: &App) -> &Lanes {
        match &app.mode {
            Mode::Lanes(l) => l,
            other => panic!("not in the lanes: {other:?}"),
        }
    }

    #[test]
    fn lanes_open_on_the_selected_event_and_move_within_bounds() {
        let mut app = app();
        app.update(Message::MoveDown);
        app.update(Message::ToggleLanes);
        let l = lanes(&app);
        assert!(matches!(l.columns[l.col], Column::Years(2009, 2009)));
        for _ in 0..100 {
            app.update(Message::MoveDown);
            app.update(Message::MoveRight);
        }
        let l = lanes(&app);
        assert_eq!(l.row, l.actors.len() - 1);
        assert_eq!(l.col, l.columns.len() - 1);
        app.update(Message::ToggleLanes);
        assert_eq!(app.mode, Mode::Browse);
    }

    #[test]
    fn every_cell_counts_what_enter_lists() {
        let mut app = app();
        app.update(Message::ToggleLanes);
        for zoom in [false, true] {
            if zoom {
                app.update(Message::ToggleZoom);
            }
            let l = lanes(&app).clone();
            for row in 0..l.actors.len() {
                for col in 0..l.columns.len() {
                    let n = l.count(row, col);
                    let mut probe = app_with_cell(&app, row, col);
                    probe.update(Message::OpenSelected);
                    if n == 0 {
                        assert!(matches!(probe.mode, Mode::Lanes(_)));
                        continue;
                    }
                    let listed = probe.filtered.events.len() as u32;
                    match l.columns[col] {
                        Column::YearOnly(_) => assert!(listed >= n),
                        _ => assert_eq!(listed, n, "{:?}", l.columns[col]),
                    }
                }
            }
        }
    }

    fn app_with_cell(app: &App, row: usize, col: usize) -> App {
        let Mode::Lanes(l) = &app.mode else {
            unreachable!()
        };
        let mut probe = super::super::testing::app();
        probe.update(Message::ToggleLanes);
        probe.update(Message::ToggleZoom);
        probe.update(Message::ToggleZoom);
        let mut l = l.clone();
        l.row = row;
        l.col = col;
        probe.mode = Mode::Lanes(l);
        probe
    }

    #[test]
    fn columns_follow_the_shown_years_and_bucket_past_the_width() {
        let mut app = app();
        app.update(Message::StartDateRange);
        super::super::testing::type_text(&mut app, "2021..2024");
        app.update(Message::SubmitInput);
        app.update(Message::ToggleLanes);
        let l = lanes(&app);
        assert_eq!(l.columns.first(), Some(&Column::Years(2021, 2021)));
        assert_eq!(l.columns.last(), Some(&Column::Years(2024, 2024)));
    }

    #[test]
    fn esc_after_enter_comes_back_to_the_cell_and_its_filter() {
        let mut app = app();
        app.update(Message::ToggleLanes);
        let before = lanes(&app).clone();
        let (row, col) = (0..before.actors.len())
            .flat_map(|r| (0..before.columns.len()).map(move |c| (r, c)))
            .find(|&(r, c)| before.count(r, c) > 0)
            .unwrap();
        let mut l = before.clone();
        l.row = row;
        l.col = col;
        app.mode = Mode::Lanes(l.clone());
        app.update(Message::OpenSelected);
        assert_eq!(app.mode, Mode::Browse);
        assert!(app.filter.from.is_some());
        app.update(Message::GoBack);
        assert_eq!(app.mode, Mode::Lanes(l));
        assert!(app.filter.from.is_none());
    }
}
