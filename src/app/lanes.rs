//! The lanes view: one row per actor, one column per year (or per month of
//! one year, zoomed in), a mark in each cell sized by how many of the shown
//! events involve that actor then. Who acted when, side by side — what a
//! briefing asks first. Enter lists a cell's events in the explorer.

use super::{App, Message, Mode, Pane};
use crate::model::{ActorIx, EventDate, EventIx, Qualifier, Timeline};
use crate::query::{Combine, Index};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lanes {
    /// The actors the shown events involve, most events first.
    pub actors: Vec<ActorIx>,
    /// Per row, how many shown events involve the actor.
    pub totals: Vec<u32>,
    /// Each column's date: a year, or a month of the zoomed year.
    pub columns: Vec<EventDate>,
    /// Row by row, how many shown events involve the row's actor and
    /// overlap the column's dates, as the date filter counts overlap.
    pub counts: Vec<u32>,
    /// The largest count, which the marks are sized against.
    pub max: u32,
    pub row: usize,
    pub col: usize,
    /// The year shown month by month, when zoomed in.
    pub zoom: Option<u16>,
}

impl Lanes {
    /// The lanes of `shown` events, by year or by month of `zoom`.
    pub fn build(t: &Timeline, index: &Index, shown: &[EventIx], zoom: Option<u16>) -> Lanes {
        let columns: Vec<EventDate> = match zoom {
            Some(y) => (1..=12)
                .filter_map(|m| EventDate::from_parts(y, Some(m), None, Qualifier::Exact).ok())
                .collect(),
            None => index.year_span.map_or_else(Vec::new, |(y0, y1)| {
                (y0..=y1)
                    .filter_map(|y| EventDate::from_parts(y, None, None, Qualifier::Exact).ok())
                    .collect()
            }),
        };
        let days: Vec<(i32, i32)> = columns.iter().map(EventDate::day_numbers).collect();
        let mut totals_by_actor = vec![0u32; t.actors.len()];
        for &e in shown {
            for &a in index.involved(e) {
                totals_by_actor[a] += 1;
            }
        }
        let mut actors: Vec<ActorIx> = (0..t.actors.len())
            .filter(|&a| totals_by_actor[a] > 0)
            .collect();
        actors.sort_by(|&a, &b| {
            totals_by_actor[b]
                .cmp(&totals_by_actor[a])
                .then_with(|| t.actors[a].short.cmp(&t.actors[b].short))
        });
        let mut row_of = vec![usize::MAX; t.actors.len()];
        for (row, &a) in actors.iter().enumerate() {
            row_of[a] = row;
        }
        let width = columns.len();
        let mut counts = vec![0u32; actors.len() * width];
        for &e in shown {
            let (start, end) = index.spans[e];
            // The columns the event overlaps: they are in date order.
            let first = days.partition_point(|&(_, last)| last < start);
            let overlapped = days[first..]
                .iter()
                .take_while(|&&(from, _)| from <= end)
                .count();
            for &a in index.involved(e) {
                let row = row_of[a];
                for col in first..first + overlapped {
                    counts[row * width + col] += 1;
                }
            }
        }
        Lanes {
            totals: actors.iter().map(|&a| totals_by_actor[a]).collect(),
            actors,
            max: counts.iter().copied().max().unwrap_or(0),
            columns,
            counts,
            row: 0,
            col: 0,
            zoom,
        }
    }

    pub fn count(&self, row: usize, col: usize) -> u32 {
        self.counts
            .get(row * self.columns.len() + col)
            .copied()
            .unwrap_or(0)
    }

    /// A column's heading: `'07` for a year, `Jan` for a month.
    pub fn label(&self, col: usize) -> String {
        match (self.zoom, self.columns.get(col)) {
            (Some(_), Some(d)) => d.to_string().chars().take(3).collect(),
            (None, Some(d)) => format!("'{:02}", d.year() % 100),
            _ => String::new(),
        }
    }
}

impl App {
    /// Opens the lanes of the shown events, on the selected event's year
    /// and the busiest of its actors when there is one.
    pub(super) fn open_lanes(&mut self) {
        let mut lanes = Lanes::build(&self.timeline, &self.index, &self.filtered.events, None);
        if lanes.actors.is_empty() || lanes.columns.is_empty() {
            self.banner = Some("No lanes: no shown event involves an actor".into());
            return;
        }
        if let Some(e) = self.selected_event() {
            let year = self.timeline.events[e].date.year();
            lanes.col = lanes
                .columns
                .iter()
                .position(|c| c.year() == year)
                .unwrap_or(0);
            // The event's busiest actor: the highest of its rows.
            lanes.row = self
                .index
                .involved(e)
                .iter()
                .filter_map(|&a| lanes.actors.iter().position(|&x| x == a))
                .min()
                .unwrap_or(0);
        }
        self.mode = Mode::Lanes(lanes);
    }

    pub(super) fn update_lanes(&mut self, msg: Message) {
        match msg {
            Message::OpenSelected => return self.list_cell(),
            Message::ToggleZoom => return self.toggle_zoom(),
            Message::ToggleLanes => {
                self.mode = Mode::Browse;
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
        let (zoom, back_to) = match l.zoom {
            Some(year) => (None, Some(year)),
            None => (l.columns.get(l.col).map(EventDate::year), None),
        };
        let mut lanes = Lanes::build(&self.timeline, &self.index, &self.filtered.events, zoom);
        lanes.row = actor
            .and_then(|a| lanes.actors.iter().position(|&x| x == a))
            .unwrap_or(row.min(lanes.actors.len().saturating_sub(1)));
        lanes.col = back_to
            .and_then(|y| lanes.columns.iter().position(|c| c.year() == y))
            .unwrap_or(0);
        self.mode = Mode::Lanes(lanes);
    }

    /// Enter on a cell: the explorer, filtered to the row's actor and the
    /// column's dates, the other filters kept.
    fn list_cell(&mut self) {
        let Mode::Lanes(l) = &self.mode else { return };
        let (Some(&actor), Some(&date)) = (l.actors.get(l.row), l.columns.get(l.col)) else {
            return;
        };
        let short = self.timeline.actors[actor].short.clone();
        if l.count(l.row, l.col) == 0 {
            self.banner = Some(format!("No shown event involves {short} in {date}"));
            return;
        }
        self.filter.actors = vec![actor];
        self.filter.combine = Combine::Any;
        self.filter.from = Some(date);
        self.filter.to = Some(date);
        self.mode = Mode::Browse;
        self.pane = Pane::Events;
        self.history.clear();
        self.details_override = None;
        self.refilter(None);
        self.banner = Some(format!(
            "{} events of {short} in {date} · c clears the filters",
            self.filtered.events.len()
        ));
    }
}
