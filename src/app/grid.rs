//! The lanes' grid: which columns the shown years (or the months of one
//! year) make at a width, and how many shown events involve each actor in
//! each column.
//!
//! A cell counts the events the date filter would list for its dates
//! (`query::within`): an event dated only to a year is in that year, but in
//! none of its months, so the month view gives such events a column of
//! their own, "yr", and never counts them in a month.

use crate::model::{ActorIx, EventDate, EventIx, Qualifier, Timeline};
use crate::query::{Index, within};

/// Columns each cell takes at least, and the room the labels take.
pub const CELL: usize = 3;
pub const LEFT: usize = 17;

/// What a column stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Years from one to another, both included (often just one).
    Years(u16, u16),
    Month(u16, u8),
    /// Events of this year known to no finer date than the year.
    YearOnly(u16),
}

impl Column {
    /// The dates this column lists when Enter is pressed on it.
    pub fn range(self) -> Option<(EventDate, EventDate)> {
        let year = |y| EventDate::from_parts(y, None, None, Qualifier::Exact).ok();
        match self {
            Column::Years(a, b) => year(a).zip(year(b)),
            Column::Month(y, m) => {
                EventDate::from_parts(y, Some(u32::from(m)), None, Qualifier::Exact)
                    .ok()
                    .map(|d| (d, d))
            }
            Column::YearOnly(y) => year(y).map(|d| (d, d)),
        }
    }

    /// The first year the column covers.
    pub fn year(self) -> u16 {
        match self {
            Column::Years(a, _) | Column::Month(a, _) | Column::YearOnly(a) => a,
        }
    }

    /// The column's heading: `14`, `14-16`, `Jan`, `yr`.
    pub fn label(self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self {
            Column::Years(a, b) if a == b => format!("{:02}", a % 100),
            Column::Years(a, b) => format!("{:02}-{:02}", a % 100, b % 100),
            Column::Month(_, m) => MONTHS[usize::from(m.clamp(1, 12)) - 1].to_string(),
            Column::YearOnly(_) => "yr".into(),
        }
    }

    /// The dates as a person reads them: "2014", "2014–2016", "Jan 2014",
    /// "2014, dated to the year only".
    pub fn describe(self) -> String {
        match self {
            Column::Years(a, b) if a == b => a.to_string(),
            Column::Years(a, b) => format!("{a}–{b}"),
            Column::Month(..) => self.range().map_or_else(String::new, |r| r.0.to_string()),
            Column::YearOnly(y) => format!("{y}, dated to the year only"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lanes {
    /// The actors the shown events involve, most events first.
    pub actors: Vec<ActorIx>,
    /// Per row, how many shown events involve the actor.
    pub totals: Vec<u32>,
    pub columns: Vec<Column>,
    /// Row by row, how many shown events involve the row's actor within
    /// the column's dates.
    pub counts: Vec<u32>,
    /// The largest count, which the marks are sized against.
    pub max: u32,
    pub row: usize,
    pub col: usize,
    /// The year shown month by month, when zoomed in.
    pub zoom: Option<u16>,
    /// Columns each cell takes on screen.
    pub cell: usize,
}

impl Lanes {
    /// The lanes of `shown` events, by year (bucketed to fit `width`
    /// columns) or by month of `zoom`.
    pub fn build(
        t: &Timeline,
        index: &Index,
        shown: &[EventIx],
        zoom: Option<u16>,
        width: usize,
    ) -> Lanes {
        let room = width.saturating_sub(LEFT).max(CELL);
        let columns: Vec<Column> = match zoom {
            Some(y) => (1..=12)
                .map(|m| Column::Month(y, m))
                .chain([Column::YearOnly(y)])
                .collect(),
            None => {
                let years = shown.iter().map(|&e| index.years[e]);
                let first = years.clone().min();
                let last = shown.iter().map(|&e| index.last_years[e]).max();
                match (first, last) {
                    (Some(a), Some(b)) => year_columns(a, b.max(a), room / CELL),
                    _ => Vec::new(),
                }
            }
        };
        let cell = (room / columns.len().max(1)).clamp(CELL, 8);
        let days: Vec<(i32, i32)> = columns
            .iter()
            .map(|c| {
                c.range().map_or((i32::MAX, i32::MIN), |(a, b)| {
                    (a.day_numbers().0, b.day_numbers().1)
                })
            })
            .collect();
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
            // The columns the event is within: they are in date order,
            // so only those its possible dates overlap are tried.
            let (start, end) = index.spans[e];
            let first = days.partition_point(|&(_, last)| last < start);
            let in_month = |col: usize| matches!(columns[col], Column::Month(..));
            let mut any_month = false;
            let mut hit = Vec::new();
            for (col, &(from, to)) in days.iter().enumerate().skip(first) {
                if from > end {
                    break;
                }
                if matches!(columns[col], Column::YearOnly(_)) {
                    continue;
                }
                if within(index, e, from, to) {
                    any_month |= in_month(col);
                    hit.push(col);
                }
            }
            if let (Some(y), false) = (zoom, any_month)
                && let Some(col) = columns.iter().position(|c| *c == Column::YearOnly(y))
                && within(index, e, days[col].0, days[col].1)
            {
                hit.push(col);
            }
            for &a in index.involved(e) {
                for &col in &hit {
                    counts[row_of[a] * width + col] += 1;
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
            cell,
        }
    }

    pub fn count(&self, row: usize, col: usize) -> u32 {
        self.counts
            .get(row * self.columns.len() + col)
            .copied()
            .unwrap_or(0)
    }

    /// The column holding `year`.
    pub(super) fn column_of(&self, year: u16) -> Option<usize> {
        self.columns.iter().position(|c| match *c {
            Column::Years(a, b) => (a..=b).contains(&year),
            Column::Month(y, _) | Column::YearOnly(y) => y == year,
        })
    }
}

/// One column per year from `first` to `last`, or per bucket of years when
/// there are more than `room` of them: a lane never allocates more cells
/// than the screen has, whatever years a timeline spans.
fn year_columns(first: u16, last: u16, room: usize) -> Vec<Column> {
    let years = usize::from(last - first) + 1;
    let per = years.div_ceil(room.max(1)).max(1);
    (0..years.div_ceil(per))
        .map(|i| {
            let a = first + u16::try_from(i * per).unwrap_or(u16::MAX - first);
            let b = a
                .saturating_add(u16::try_from(per - 1).unwrap_or(0))
                .min(last);
            Column::Years(a, b)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::timeline_of;
    use super::*;

    #[test]
    fn a_year_only_event_is_never_counted_in_a_month() {
        let t = timeline_of(
            "[timeline]\ntitle = \"T\"\n[actors.us]\nname = \"United States\"\nshort = \"US\"\nkind = \"state\"\nsummary = \"s\"\n\
             [[events]]\nid = \"a\"\ndate = \"2023\"\ntitle = \"A year\"\nsummary = \"s\"\nactors = [\"us\"]\n\
             [[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n\
             [[events]]\nid = \"b\"\ndate = \"2023-03-05\"\ntitle = \"A day\"\nsummary = \"s\"\nactors = [\"us\"]\n\
             [[events.sources]]\npublisher = \"P\"\ntitle = \"T\"\n",
        );
        let index = Index::build(&t);
        let l = Lanes::build(&t, &index, &[0, 1], Some(2023), 120);
        let per_month: Vec<u32> = (0..12).map(|c| l.count(0, c)).collect();
        assert_eq!(per_month, [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(l.count(0, 12), 1, "the year-only column");
        let by_year = Lanes::build(&t, &index, &[0, 1], None, 120);
        assert_eq!(by_year.count(0, 0), 2);
    }

    #[test]
    fn years_past_the_width_share_a_column() {
        assert_eq!(year_columns(1, 9999, 40).len(), 40);
        assert_eq!(year_columns(1, 9999, 40)[0], Column::Years(1, 250));
    }
}
