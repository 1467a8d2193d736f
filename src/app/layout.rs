//! Where each part of the screen goes, for a size and the focused pane.
//! Pure geometry: `update` uses it for page sizes, clicks and wrapping
//! widths, `draw` to place the panes, so the two always agree.
//!
//! ```text
//!  Title   96 events · filter: TTP ∧ PAK · 2021–2024 · /border     HEADER (2 rows)
//!  2007 ▁▂▁▁▂▄▃▂▁▁▁▂▁▁▃▅█▆ 2024
//! ┌ Actors ──────┬ Events 34/96 ───────────────┬ Details ──────────────┐
//! │ [x] TTP   41 │ 2021                        │ 15 Aug 2021 · Kabul   │  BODY
//! └──────────────┴─────────────────────────────┴───────────────────────┘
//!  ? help  q quit  j/k move  / search  Space filter                        FOOTER (1 row)
//! ```
//!
//! From `WIDE` columns all three panes show; from `MEDIUM` the focused pane
//! and its neighbour; below that the focused pane alone. The events pane
//! gets room for titles first: it grows to `EVENTS_WANT` columns before
//! the details take the rest. Below `MIN_WIDTH`×`MIN_HEIGHT` a "terminal
//! too small" message replaces everything.

use ratatui::layout::{Constraint, Layout, Rect};

use super::Pane;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width all three panes show.
pub const WIDE: u16 = 110;
/// From this width two panes show side by side.
pub const MEDIUM: u16 = 64;
/// What the events pane wants: a date, a title of about sixty columns and
/// a few badges. Past it, width goes to the details.
pub const EVENTS_WANT: u16 = 96;
/// What the details pane keeps at least, when all three show.
const DETAILS_MIN: u16 = 44;

pub const HEADER: Constraint = Constraint::Length(2);
pub const BODY: Constraint = Constraint::Min(3);
pub const FOOTER: Constraint = Constraint::Length(1);

/// Where each part of the screen goes; hidden panes are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    pub header: Rect,
    pub actors: Option<Rect>,
    pub events: Option<Rect>,
    pub details: Option<Rect>,
    pub footer: Rect,
}

impl Areas {
    /// The area of a pane, if it shows.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Actors => self.actors,
            Pane::Events => self.events,
            Pane::Details => self.details,
        }
    }
}

/// The layout for a screen of `width`×`height` with `pane` focused.
pub fn layout(width: u16, height: u16, pane: Pane) -> Areas {
    let area = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    let [header, body, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(area);
    let mut a = Areas {
        header,
        footer,
        ..Areas::default()
    };
    if width >= WIDE {
        let actors = if width >= 160 { 26 } else { 22 };
        let rest = width - actors;
        // Titles first: the events pane takes what it wants while the
        // details keep their minimum, then the details take the rest.
        let events = EVENTS_WANT
            .min(rest.saturating_sub(DETAILS_MIN))
            .max(rest / 2);
        let [left, mid, right] = Layout::horizontal([
            Constraint::Length(actors),
            Constraint::Length(events),
            Constraint::Min(10),
        ])
        .areas(body);
        (a.actors, a.events, a.details) = (Some(left), Some(mid), Some(right));
    } else if width >= MEDIUM {
        if pane == Pane::Actors {
            let [left, rest] =
                Layout::horizontal([Constraint::Length(24), Constraint::Min(10)]).areas(body);
            (a.actors, a.events) = (Some(left), Some(rest));
        } else {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                    .areas(body);
            (a.events, a.details) = (Some(left), Some(right));
        }
    } else {
        match pane {
            Pane::Actors => a.actors = Some(body),
            Pane::Events => a.events = Some(body),
            Pane::Details => a.details = Some(body),
        }
    }
    a
}

/// The smallest screen the map draws on; below it, it says so.
pub const MAP_MIN: (u16, u16) = (40, 12);
/// Lines under the map inside its border: the selected place, the legend.
pub const MAP_INFO: u16 = 2;

/// The map view's parts on a screen `width`×`height`: its bordered body,
/// and inside it the map itself and the lines beneath it; `None` below
/// `MAP_MIN`.
pub fn map(width: u16, height: u16) -> Option<(Rect, Rect, Rect)> {
    if width < MAP_MIN.0 || height < MAP_MIN.1 {
        return None;
    }
    let [_, body, _] =
        Layout::vertical([HEADER, BODY, FOOTER]).areas(Rect::new(0, 0, width, height));
    let inner = Rect::new(body.x + 1, body.y + 1, body.width - 2, body.height - 2);
    let [canvas, info] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(MAP_INFO)]).areas(inner);
    Some((body, canvas, info))
}

/// Where an overlay (help, problems) goes: most of the screen, a margin of
/// one row and two columns around it, at most `OVERLAY_MAX_WIDTH` wide.
pub fn overlay(width: u16, height: u16) -> Rect {
    let w = width.saturating_sub(4).min(OVERLAY_MAX_WIDTH);
    let h = height.saturating_sub(2);
    Rect::new((width - w) / 2, 1.min(height), w, h)
}

/// Widest an overlay grows: lines longer than this are hard to read.
pub const OVERLAY_MAX_WIDTH: u16 = 110;

/// Rows of text inside an overlay on a screen `height` rows tall.
pub fn overlay_height(height: u16) -> usize {
    inner_height(overlay(MIN_WIDTH, height)).max(1)
}

/// The density strip's geometry: after a label of the first year, one bar
/// per bucket of `per` years, each bar `cell` columns wide, so the strip
/// spans the screen; the last year's label and the cursor's year follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strip {
    /// Column of the first bar.
    pub start: u16,
    pub cell: usize,
    pub per: usize,
    pub buckets: usize,
}

/// Room the strip leaves for its labels: " 2007 " before, " 2024  ▲ 2014" after.
const STRIP_LABELS: usize = 6 + 13;

/// The strip for `years` years on a screen `width` columns wide.
pub fn strip(years: usize, width: u16) -> Strip {
    let room = usize::from(width).saturating_sub(STRIP_LABELS).max(1);
    let per = years.max(1).div_ceil(room).max(1);
    let buckets = years.max(1).div_ceil(per);
    // Wide bars are hard to tell apart past four cells; the rest is margin.
    let cell = (room / buckets).clamp(1, 4);
    Strip {
        start: 6,
        cell,
        per,
        buckets,
    }
}

impl Strip {
    /// The bucket under a column of the strip, if any.
    pub fn bucket_at(&self, column: u16) -> Option<usize> {
        let x = usize::from(column.checked_sub(self.start)?);
        let b = x / self.cell;
        (b < self.buckets).then_some(b)
    }
}

/// Rows inside a bordered area's border.
pub fn inner_height(r: Rect) -> usize {
    usize::from(r.height.saturating_sub(2))
}

/// Columns inside a bordered area's border.
pub fn inner_width(r: Rect) -> usize {
    usize::from(r.width.saturating_sub(2))
}

/// The row inside a bordered area, if `row` is inside its border.
pub fn inner_row(r: Rect, row: u16) -> Option<usize> {
    (row > r.y && row + 1 < r.y + r.height).then(|| usize::from(row - r.y - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_events_pane_grows_before_the_details() {
        let at = |w| {
            let a = layout(w, 40, Pane::Events);
            (a.events.map(|r| r.width), a.details.map(|r| r.width))
        };
        let (ev, de) = at(120);
        assert!(ev.unwrap() >= 49 && de.unwrap() >= 44, "{ev:?} {de:?}");
        let (ev, de) = at(200);
        assert_eq!(ev, Some(EVENTS_WANT));
        assert!(de.unwrap() > 70);
        assert_eq!(at(80).0, Some(48));
        assert_eq!(
            layout(50, 20, Pane::Details).details.map(|r| r.width),
            Some(50)
        );
        assert!(layout(39, 20, Pane::Events).too_small);
    }
}
