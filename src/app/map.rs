//! The map view: where the shown events happened. One mark per place that
//! a shown event names, sized by how many; the selected place moves by
//! direction (the nearest place that way), the view zooms and pans, and
//! Enter lists the place's events in the explorer, places within it too.
//!
//! Here: opening, moving, zooming and listing; `crate::map` does the
//! geometry, `ui::map` the drawing.

use super::keymap::{self, Scope};
use super::layout;
use super::{App, Message, Mode, Pane};
use crate::map::{Direction, Grid, View, core, nearest, nearest_toward};
use crate::model::PlaceIx;

/// The map as it stands: the places of the shown events, which is
/// selected, and what part of the world shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// Places some shown event names, the busiest first (then by name).
    pub places: Vec<PlaceIx>,
    /// Shown events naming each place, parallel to `places`.
    pub counts: Vec<u32>,
    /// Each place's (longitude, latitude), parallel to `places`.
    pub points: Vec<(f64, f64)>,
    /// Position in `places`.
    pub selected: usize,
    pub view: View,
    /// The view `0` returns to: fitted to where most events are.
    pub fitted: View,
    /// Events shown that name no place.
    pub unplaced: usize,
}

impl MapView {
    pub fn selected_place(&self) -> Option<PlaceIx> {
        self.places.get(self.selected).copied()
    }

    /// The largest number of events at one place.
    pub fn busiest(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }
}

impl App {
    /// The map's size, in cells.
    fn map_cells(&self) -> (u16, u16) {
        layout::map(self.size.0, self.size.1).map_or((80, 16), |(_, c, _)| (c.width, c.height))
    }

    /// Opens the map of the shown events, on the selected event's place.
    pub(super) fn open_map(&mut self) {
        let Some(map) = self.build_map() else {
            self.banner =
                Some("No map: no shown event names a place (events list places = [\"…\"])".into());
            return;
        };
        self.mode = Mode::Map(map);
    }

    fn build_map(&self) -> Option<MapView> {
        let t = &self.timeline;
        let counts = &self.filtered.place_counts;
        let mut places: Vec<PlaceIx> = (0..counts.len()).filter(|&p| counts[p] > 0).collect();
        if places.is_empty() {
            return None;
        }
        places.sort_by(|&a, &b| {
            counts[b]
                .cmp(&counts[a])
                .then_with(|| t.places[a].name.cmp(&t.places[b].name))
        });
        let points: Vec<(f64, f64)> = places
            .iter()
            .map(|&p| (t.places[p].lon, t.places[p].lat))
            .collect();
        let counts: Vec<u32> = places.iter().map(|&p| counts[p]).collect();
        let (cols, rows) = self.map_cells();
        let main: Vec<(f64, f64)> = core(&points, &counts)
            .into_iter()
            .map(|i| points[i])
            .collect();
        let fitted = View::fit(&main, cols, rows)?;
        let selected = self
            .selected_event()
            .and_then(|e| {
                self.index
                    .places(e)
                    .iter()
                    .find_map(|p| places.iter().position(|x| x == p))
            })
            .unwrap_or(0);
        let unplaced = self
            .filtered
            .events
            .iter()
            .filter(|&&e| self.index.places(e).is_empty())
            .count();
        let mut map = MapView {
            places,
            counts,
            points,
            selected,
            view: fitted,
            fitted,
            unplaced,
        };
        keep_in_view(&mut map, cols, rows);
        map.fitted = map.view;
        Some(map)
    }

    pub(super) fn on_map(&mut self, msg: Message) {
        match msg {
            Message::OpenSelected => return self.list_place(),
            Message::ToggleMap => {
                self.mode = Mode::Browse;
                return;
            }
            Message::ToggleHelp => return self.open_help(),
            _ => {}
        }
        let (cols, rows) = self.map_cells();
        let canvas = layout::map(self.size.0, self.size.1).map(|(_, c, _)| c);
        let Mode::Map(m) = &mut self.mode else { return };
        let n = m.places.len();
        match msg {
            Message::MoveLeft => step(m, Direction::Left, cols, rows),
            Message::MoveRight => step(m, Direction::Right, cols, rows),
            Message::MoveUp => step(m, Direction::Up, cols, rows),
            Message::MoveDown => step(m, Direction::Down, cols, rows),
            Message::NextPane => {
                m.selected = (m.selected + 1) % n.max(1);
                keep_in_view(m, cols, rows);
            }
            Message::PrevPane => {
                m.selected = (m.selected + n.max(1) - 1) % n.max(1);
                keep_in_view(m, cols, rows);
            }
            Message::Pan(d) => m.view = m.view.panned(d, cols, rows),
            Message::ZoomIn => m.view = m.view.zoomed(0.5),
            Message::ZoomOut => m.view = m.view.zoomed(2.0),
            Message::FitMap => m.view = m.fitted,
            Message::Scroll { down, .. } => {
                m.view = m.view.zoomed(if down { 2.0 } else { 0.5 });
            }
            Message::Click { column, row } => {
                let Some(c) =
                    canvas.filter(|c| c.contains(ratatui::layout::Position::new(column, row)))
                else {
                    return;
                };
                let grid = Grid::new(&m.view, c.width, c.height);
                let at = grid.point(column - c.x, row - c.y);
                // The nearest place, if it is within two cells of the click.
                if let Some(i) = nearest(at, &m.points)
                    && let Some((pc, pr)) = grid.cell(m.points[i].0, m.points[i].1)
                    && (i32::from(pc) - i32::from(column - c.x)).abs() <= 2
                    && (i32::from(pr) - i32::from(row - c.y)).abs() <= 1
                {
                    m.selected = i;
                }
            }
            _ => {}
        }
    }

    /// The map made again for the screen's new size, keeping the place
    /// and, unless the person moved it, refitting the view.
    pub(super) fn resize_map(&mut self) {
        let Mode::Map(old) = &self.mode else { return };
        let (place, moved, view) = (old.selected_place(), old.view != old.fitted, old.view);
        if let Some(mut m) = self.build_map() {
            if let Some(i) = place.and_then(|p| m.places.iter().position(|&x| x == p)) {
                m.selected = i;
            }
            if moved {
                m.view = view;
            }
            self.mode = Mode::Map(m);
        }
    }

    /// Enter on a place: the explorer, showing the events at it and at
    /// every place within it, the other filters kept.
    fn list_place(&mut self) {
        let Mode::Map(m) = &self.mode else { return };
        let Some(p) = m.selected_place() else { return };
        self.mode = Mode::Browse;
        self.filter_to_place(p);
    }

    /// The explorer filtered to a place and the places within it, the
    /// other filters kept, on the events pane.
    pub(super) fn filter_to_place(&mut self, p: crate::model::PlaceIx) {
        self.filter.places = vec![p];
        self.focus_pane(Pane::Events);
        self.history.clear();
        self.details_override = None;
        self.refilter(None);
        let shown = self.filtered.events.len();
        let place = &self.timeline.places[p];
        let clear = keymap::label(Scope::Global, &Message::ClearFilters);
        let map = keymap::label(Scope::Global, &Message::ToggleMap);
        self.banner = Some(format!(
            "{shown} events at {} · {clear} clears the filters · {map} the map again",
            place.name
        ));
    }
}

/// Moves the selection to the nearest place in a direction, bringing it
/// into view; where there is none, the view pans that way instead.
fn step(m: &mut MapView, d: Direction, cols: u16, rows: u16) {
    let from = m
        .points
        .get(m.selected)
        .copied()
        .unwrap_or((m.view.lon, m.view.lat));
    match nearest_toward(from, &m.points, d) {
        Some(i) => {
            m.selected = i;
            keep_in_view(m, cols, rows);
        }
        None => m.view = m.view.panned(d, cols, rows),
    }
}

/// Centres the view on the selected place when it is off the map.
fn keep_in_view(m: &mut MapView, cols: u16, rows: u16) {
    let Some(&(lon, lat)) = m.points.get(m.selected) else {
        return;
    };
    if Grid::new(&m.view, cols, rows).cell(lon, lat).is_none() {
        m.view.lon = lon;
        m.view.lat = lat;
    }
}

#[cfg(test)]
mod tests;
