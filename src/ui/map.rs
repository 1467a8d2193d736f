//! The map view: borders in Braille, one mark per place sized by its
//! number of shown events, labels for the busiest places that fit, and
//! beneath, the selected place and the legend.
//!
//! ```text
//!  Title   212/268 events · TTP · 2023
//!  2007 ▁▂▁▁▂▄▃▂▁▁▁▂▁▁▃▅█▆ 2024
//! ┌▶ Map · 30 events at 12 places ───────────────────────────────────┐
//! │      ⡠⠤⠒⠉⠑⠢⡀   • Bannu 3        Afghanistan                        │
//! │   ⠔⠁  ◉ Peshawar 12 ⠈⠢⡀                                           │
//! │ ▸ Peshawar · city in Khyber Pakhtunkhwa, Pakistan · 12 events     │
//! │ · 1  • 2–4  ● 5–9  ◉ 10+ events  ◇ province or country            │
//! └──────────────────────────────────────────────────────────────────┘
//!  ? help  h/← place  + zoom  0 fit  Enter list  Esc/q close
//! ```

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::canvas::{Canvas, Line as Segment};

use super::{Theme, header, hint_line, pane_block, truncate, width};
use crate::app::layout::{self, BODY, FOOTER, HEADER, MAP_MIN};
use crate::app::{App, MapView};
use crate::map::basemap::LineKind;
use crate::map::{Grid, basemap};
use crate::model::{PlaceIx, Timeline};

/// Marks from one event to many; a province or country has its own.
const MARKS: [(u32, &str); 4] = [(1, "·"), (2, "•"), (5, "●"), (10, "◉")];
const AREA: &str = "◇";

/// The mark for a place with `n` shown events.
fn mark(n: u32, area: bool) -> &'static str {
    if area {
        return AREA;
    }
    MARKS
        .iter()
        .rev()
        .find(|(from, _)| n >= *from)
        .map_or(MARKS[0].1, |(_, m)| m)
}

/// The legend: each mark and the counts it stands for.
fn legend() -> String {
    let mut parts: Vec<String> = MARKS
        .iter()
        .enumerate()
        .map(|(i, (from, m))| match MARKS.get(i + 1) {
            Some((next, _)) if next - 1 == *from => format!("{m} {from}"),
            Some((next, _)) => format!("{m} {from}–{}", next - 1),
            None => format!("{m} {from}+"),
        })
        .collect();
    if let Some(last) = parts.last_mut() {
        last.push_str(" events");
    }
    parts.push(format!("{AREA} province or country"));
    parts.join("  ")
}

pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme, map: &MapView) {
    let area = frame.area();
    let Some((body, canvas, info)) = layout::map(area.width, area.height) else {
        let msg = format!(
            "The map needs {}×{}; the terminal is {}×{}. Enlarge it, or press Esc to close the map.",
            MAP_MIN.0, MAP_MIN.1, area.width, area.height
        );
        super::notice(frame, theme, area, &msg);
        return;
    };
    let [top, _, footer] = Layout::vertical([HEADER, BODY, FOOTER]).areas(area);
    header::draw(frame, app, theme, top);
    let t = app.timeline();
    // Events, not marks: an event at two places counts once.
    let placed = app.filtered().events.len().saturating_sub(map.unplaced);
    let title = format!(
        "Map · {} at {}",
        plural(placed, "event", "events"),
        plural(map.places.len(), "place", "places")
    );
    frame.render_widget(pane_block(title, true, theme), body);
    let grid = Grid::new(&map.view, canvas.width, canvas.height);
    draw_borders(frame, theme, canvas, &grid);
    let off = draw_places(frame.buffer_mut(), app, theme, map, canvas, &grid);
    frame.render_widget(
        Paragraph::new(info_lines(t, theme, map, &off, info.width)),
        info,
    );
    let w = usize::from(footer.width);
    frame.render_widget(Paragraph::new(hint_line(app, theme, w)), footer);
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The country borders and coasts in view, in Braille.
fn draw_borders(frame: &mut Frame<'_>, theme: &Theme, area: Rect, grid: &Grid) {
    let b = grid.bounds;
    let colour = |s: Style| s.fg.unwrap_or(Color::Reset);
    let (border, coast) = (colour(theme.title), colour(theme.dim));
    let canvas = Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([b.west, b.east])
        .y_bounds([b.south, b.north])
        .background_color(theme.base.bg.unwrap_or(Color::Reset))
        .paint(move |ctx| {
            for line in basemap().lines_in(&b) {
                let c = match line.kind {
                    LineKind::Border => border,
                    LineKind::Coast | LineKind::Province => coast,
                };
                for pair in line.points.windows(2) {
                    let (a, z) = (pair[0], pair[1]);
                    // Segments wholly to one side of the view draw nothing.
                    if (a.0 < b.west && z.0 < b.west)
                        || (a.0 > b.east && z.0 > b.east)
                        || (a.1 < b.south && z.1 < b.south)
                        || (a.1 > b.north && z.1 > b.north)
                    {
                        continue;
                    }
                    ctx.draw(&Segment::new(a.0, a.1, z.0, z.1, c));
                }
            }
        });
    frame.render_widget(canvas, area);
}

/// Which cells of the map are taken by a mark or a label.
struct Taken {
    area: Rect,
    cells: Vec<bool>,
}

impl Taken {
    fn new(area: Rect) -> Taken {
        Taken {
            area,
            cells: vec![false; usize::from(area.width) * usize::from(area.height)],
        }
    }

    fn ix(&self, col: u16, row: u16) -> usize {
        usize::from(row) * usize::from(self.area.width) + usize::from(col)
    }

    /// Whether `len` cells from (col, row) lie on the map and are free.
    fn free(&self, col: i32, row: u16, len: u16) -> bool {
        let Ok(col) = u16::try_from(col) else {
            return false;
        };
        if row >= self.area.height || col.saturating_add(len) > self.area.width {
            return false;
        }
        (col..col + len).all(|c| !self.cells[self.ix(c, row)])
    }

    fn take(&mut self, col: u16, row: u16, len: u16) {
        for c in col..(col + len).min(self.area.width) {
            let i = self.ix(c, row);
            self.cells[i] = true;
        }
    }
}

/// The marks and labels, over the borders; returns the places off the map.
fn draw_places(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    map: &MapView,
    area: Rect,
    grid: &Grid,
) -> Vec<usize> {
    let t = app.timeline();
    let selected = map.selected_place();
    // The places of the event selected in the explorer.
    let of_event: Vec<PlaceIx> = app
        .selected_event()
        .map(|e| app.index().places(e).to_vec())
        .unwrap_or_default();
    let mut taken = Taken::new(area);
    let mut off = Vec::new();
    let mut at: Vec<Option<(u16, u16)>> = Vec::with_capacity(map.places.len());
    for (i, &p) in map.places.iter().enumerate() {
        let place = &t.places[p];
        let cell = grid.cell(place.lon, place.lat);
        if cell.is_none() {
            off.push(i);
        }
        at.push(cell);
    }
    // Marks: the least busy first, so the busiest stays on top; the
    // selected place last of all.
    let style_of = |p: PlaceIx| {
        if Some(p) == selected {
            theme.selected
        } else if of_event.contains(&p) {
            theme.matched
        } else {
            theme.title
        }
    };
    let mut order: Vec<usize> = (0..map.places.len()).rev().collect();
    order.sort_by_key(|&i| Some(map.places[i]) == selected);
    for &i in &order {
        let Some((c, r)) = at[i] else { continue };
        let p = map.places[i];
        let symbol = mark(map.counts[i], t.places[p].kind.is_area());
        if let Some(cell) = buf.cell_mut((area.x + c, area.y + r)) {
            cell.set_symbol(symbol).set_style(style_of(p));
        }
        taken.take(c, r, 1);
    }
    // Labels: the selected place's first, then the busiest, each right of
    // its mark, else left of it, else not at all.
    let mut label_order: Vec<usize> = (0..map.places.len()).collect();
    label_order.sort_by_key(|&i| Some(map.places[i]) != selected);
    for i in label_order {
        let Some((c, r)) = at[i] else { continue };
        let p = map.places[i];
        // Measured before it is made: most labels find no room.
        let digits = map.counts[i].checked_ilog10().unwrap_or(0) as usize + 1;
        let len = u16::try_from(width(&t.places[p].short) + 1 + digits).unwrap_or(u16::MAX);
        let must = Some(p) == selected;
        let right = i32::from(c) + 2;
        let left = i32::from(c) - i32::from(len) - 1;
        let col = [right, left]
            .into_iter()
            .find(|&x| taken.free(x - 1, r, len + 2))
            .or_else(|| must.then(|| right.min(i32::from(area.width) - i32::from(len)).max(0)));
        let Some(col) = col.and_then(|x| u16::try_from(x).ok()) else {
            continue;
        };
        let style = if must { theme.selected } else { theme.heading };
        let text = format!("{} {}", t.places[p].short, map.counts[i]);
        buf.set_stringn(area.x + col, area.y + r, &text, usize::from(len), style);
        taken.take(col, r, len);
    }
    // Country names where nothing else is.
    for label in basemap().labels_in(&grid.bounds) {
        let Some((c, r)) = grid.cell(label.lon, label.lat) else {
            continue;
        };
        let len = u16::try_from(width(&label.name)).unwrap_or(u16::MAX);
        let col = i32::from(c) - i32::from(len / 2);
        if taken.free(col - 1, r, len + 2)
            && let Ok(col) = u16::try_from(col)
        {
            buf.set_stringn(
                area.x + col,
                area.y + r,
                &label.name,
                usize::from(len),
                theme.dim,
            );
            taken.take(col, r, len);
        }
    }
    off
}

/// Degrees of latitude a slide's locator map spans: a province or two
/// around the place, with the country's borders for context.
const LOCATOR_SPAN: f64 = 9.0;

/// A small map of where a slide's event happened: the borders around its
/// places, each marked and named, in a frame titled with the first.
pub fn draw_locator(
    frame: &mut Frame<'_>,
    t: &Timeline,
    theme: &Theme,
    area: Rect,
    places: &[PlaceIx],
) {
    let points: Vec<(f64, f64)> = places
        .iter()
        .filter_map(|&p| t.places.get(p).map(|p| (p.lon, p.lat)))
        .collect();
    let Some(first) = places.first().and_then(|&p| t.places.get(p)) else {
        return;
    };
    let block = ratatui::widgets::Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", first.short), theme.heading));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(mut view) = crate::map::View::fit(&points, inner.width, inner.height) else {
        return;
    };
    view.span = view.span.max(LOCATOR_SPAN);
    let grid = Grid::new(&view, inner.width, inner.height);
    draw_borders(frame, theme, inner, &grid);
    let buf = frame.buffer_mut();
    let mut taken = Taken::new(inner);
    for (&p, &(lon, lat)) in places.iter().zip(&points) {
        let Some((c, r)) = grid.cell(lon, lat) else {
            continue;
        };
        if let Some(cell) = buf.cell_mut((inner.x + c, inner.y + r)) {
            cell.set_symbol(MARKS[3].1).set_style(theme.title);
        }
        taken.take(c, r, 1);
        let name = &t.places[p].short;
        let len = u16::try_from(width(name)).unwrap_or(u16::MAX);
        let right = i32::from(c) + 2;
        let left = i32::from(c) - i32::from(len) - 1;
        if let Some(col) = [right, left]
            .into_iter()
            .find(|&x| taken.free(x, r, len))
            .and_then(|x| u16::try_from(x).ok())
        {
            buf.set_stringn(
                inner.x + col,
                inner.y + r,
                name,
                usize::from(len),
                theme.heading,
            );
            taken.take(col, r, len);
        }
    }
}

/// The selected place, then the legend and what the map leaves out.
fn info_lines(
    t: &Timeline,
    theme: &Theme,
    map: &MapView,
    off: &[usize],
    w: u16,
) -> Vec<Line<'static>> {
    let w = usize::from(w);
    let mut lines = Vec::new();
    if let Some(p) = map.selected_place() {
        let place = &t.places[p];
        let within: Vec<&str> = t.enclosing(p).map(|q| t.places[q].name.as_str()).collect();
        let mut s = format!("▸ {} · {}", place.name, place.kind.as_str());
        if !within.is_empty() {
            s.push_str(&format!(" in {}", within.join(", ")));
        }
        let n = map.counts.get(map.selected).copied().unwrap_or(0);
        s.push_str(&format!(
            " · {}",
            plural(
                usize::try_from(n).unwrap_or(0),
                "shown event",
                "shown events"
            )
        ));
        lines.push(Line::from(Span::styled(truncate(&s, w), theme.heading)));
    }
    let mut s = legend();
    if map.unplaced > 0 {
        s.push_str(&format!(
            " · {} name no place",
            plural(map.unplaced, "event", "events")
        ));
    }
    if !off.is_empty() {
        let names: Vec<String> = off
            .iter()
            .map(|&i| format!("{} {}", t.places[map.places[i]].short, map.counts[i]))
            .collect();
        s.push_str(&format!(" · off the map: {}", names.join(", ")));
    }
    lines.push(Line::from(Span::styled(truncate(&s, w), theme.dim)));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_grow_with_the_count_and_the_legend_says_so() {
        assert_eq!(mark(1, false), "·");
        assert_eq!(mark(4, false), "•");
        assert_eq!(mark(9, false), "●");
        assert_eq!(mark(250, false), "◉");
        assert_eq!(mark(3, true), AREA);
        assert_eq!(
            legend(),
            "· 1  • 2–4  ● 5–9  ◉ 10+ events  ◇ province or country"
        );
    }
}
