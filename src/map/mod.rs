//! Where events happened, on a map: the geometry the map view needs,
//! free of any terminal. `basemap` holds the borders the binary ships;
//! here are the view (a centre and a height in degrees), its projection
//! onto a grid of cells, fitting a view to places, and moving between
//! places by direction.
//!
//! The projection is equirectangular about the view's central latitude:
//! a degree of longitude is `cos(latitude)` as wide as a degree of
//! latitude. At Pakistan's latitudes (24–37° N) it distorts distances
//! across the map by under 10 %, and it keeps the arithmetic of drawing
//! and of clicking on a place exact inverses of each other.

pub mod basemap;

pub use basemap::{Bounds, basemap};

/// A terminal cell is about twice as tall as it is wide.
pub const CELL_ASPECT: f64 = 2.0;
/// The smallest and largest heights a view may show, in degrees of latitude.
pub const MIN_SPAN: f64 = 0.05;
pub const MAX_SPAN: f64 = 170.0;

/// What part of the world a map shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// The centre, as (longitude, latitude).
    pub lon: f64,
    pub lat: f64,
    /// Degrees of latitude from the top of the map to its bottom.
    pub span: f64,
}

/// Directions to move, to pan, to look for the next place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    /// The unit step on the map: east and north are positive.
    fn step(self) -> (f64, f64) {
        match self {
            Direction::Left => (-1.0, 0.0),
            Direction::Right => (1.0, 0.0),
            Direction::Up => (0.0, 1.0),
            Direction::Down => (0.0, -1.0),
        }
    }
}

impl View {
    /// How much narrower a degree of longitude is than one of latitude here.
    fn squeeze(&self) -> f64 {
        self.lat.to_radians().cos().max(0.05)
    }

    /// The view laid on a grid of `cols` × `rows` cells: the longitudes
    /// and latitudes it spans, so that a degree looks the same size both
    /// ways on screen.
    pub fn bounds(&self, cols: u16, rows: u16) -> Bounds {
        let (cols, rows) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
        let half_lat = self.span / 2.0;
        let half_lon = half_lat * cols / (rows * CELL_ASPECT) / self.squeeze();
        Bounds {
            west: self.lon - half_lon,
            south: self.lat - half_lat,
            east: self.lon + half_lon,
            north: self.lat + half_lat,
        }
    }

    /// The view fitted to `points` (longitude, latitude) on a grid of
    /// `cols` × `rows` cells, with a margin of a tenth each side; one
    /// point, or points close together, get a view a degree high.
    pub fn fit(points: &[(f64, f64)], cols: u16, rows: u16) -> Option<View> {
        let (first, rest) = points.split_first()?;
        let mut b = Bounds {
            west: first.0,
            east: first.0,
            south: first.1,
            north: first.1,
        };
        for &(lon, lat) in rest {
            b.west = b.west.min(lon);
            b.east = b.east.max(lon);
            b.south = b.south.min(lat);
            b.north = b.north.max(lat);
        }
        let mut view = View {
            lon: (b.west + b.east) / 2.0,
            lat: (b.south + b.north) / 2.0,
            span: 1.0,
        };
        // The height that shows every point: the latitudes, or the
        // longitudes as wide as the grid is.
        let (c, r) = (f64::from(cols.max(1)), f64::from(rows.max(1)));
        let tall = b.north - b.south;
        let wide = (b.east - b.west) * view.squeeze() * r * CELL_ASPECT / c;
        view.span = (tall.max(wide) * 1.25).clamp(1.0, MAX_SPAN);
        Some(view)
    }

    /// Closer in (a factor below 1) or further out.
    pub fn zoomed(self, factor: f64) -> View {
        View {
            span: (self.span * factor).clamp(MIN_SPAN, MAX_SPAN),
            ..self
        }
    }

    /// Moved a quarter of the map's height in a direction.
    pub fn panned(self, d: Direction, cols: u16, rows: u16) -> View {
        let b = self.bounds(cols, rows);
        let (dx, dy) = d.step();
        View {
            lon: (self.lon + dx * (b.east - b.west) / 4.0).clamp(-180.0, 180.0),
            lat: (self.lat + dy * (b.north - b.south) / 4.0).clamp(-85.0, 85.0),
            ..self
        }
    }
}

/// A view's bounds on a grid of cells: where a point falls, and back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub bounds: Bounds,
    pub cols: u16,
    pub rows: u16,
}

impl Grid {
    pub fn new(view: &View, cols: u16, rows: u16) -> Grid {
        Grid {
            bounds: view.bounds(cols, rows),
            cols: cols.max(1),
            rows: rows.max(1),
        }
    }

    /// The cell (column, row) a point falls in, from the grid's top left,
    /// as a Braille canvas of the same bounds puts its dot (two dots
    /// across a cell, four down); `None` off the grid.
    pub fn cell(&self, lon: f64, lat: f64) -> Option<(u16, u16)> {
        let b = &self.bounds;
        if !(lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north) {
            return None;
        }
        let (dots_x, dots_y) = self.dots();
        let x = ((lon - b.west) * (dots_x - 1.0) / (b.east - b.west)).round() as u16 / 2;
        let y = ((b.north - lat) * (dots_y - 1.0) / (b.north - b.south)).round() as u16 / 4;
        Some((x.min(self.cols - 1), y.min(self.rows - 1)))
    }

    /// The point at the middle of a cell's dots.
    pub fn point(&self, col: u16, row: u16) -> (f64, f64) {
        let b = &self.bounds;
        let (dots_x, dots_y) = self.dots();
        let lon = b.west + (2.0 * f64::from(col) + 0.5) * (b.east - b.west) / (dots_x - 1.0);
        let lat = b.north - (4.0 * f64::from(row) + 1.5) * (b.north - b.south) / (dots_y - 1.0);
        (lon, lat)
    }

    /// Braille dots across and down.
    fn dots(&self) -> (f64, f64) {
        (f64::from(self.cols) * 2.0, f64::from(self.rows) * 4.0)
    }
}

/// Distance as the map shows it, in degrees of latitude, between two points.
fn apart(from: (f64, f64), to: (f64, f64)) -> (f64, f64) {
    let squeeze = ((from.1 + to.1) / 2.0).to_radians().cos();
    ((to.0 - from.0) * squeeze, to.1 - from.1)
}

/// The point nearest to `from` in a direction, as a person reading the
/// map means it: ahead of it within a wide cone, the nearest first, a
/// point straight ahead before one as near but off to the side. Points
/// only behind or beside give nothing.
pub fn nearest_toward(from: (f64, f64), points: &[(f64, f64)], d: Direction) -> Option<usize> {
    let (sx, sy) = d.step();
    points
        .iter()
        .enumerate()
        .filter_map(|(i, &p)| {
            let (dx, dy) = apart(from, p);
            let ahead = dx * sx + dy * sy;
            let aside = (dx * sy - dy * sx).abs();
            // Within 60° either side of the direction.
            (ahead > 1e-9 && aside <= ahead * 1.8).then_some((i, ahead + 2.0 * aside))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The point nearest to `at`, as the map shows distance.
pub fn nearest(at: (f64, f64), points: &[(f64, f64)]) -> Option<usize> {
    points
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let (dx, dy) = apart(at, p);
            (i, dx * dx + dy * dy)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The points a first view should show: those around where most of the
/// weight is, leaving out far outliers (a meeting in Washington in a
/// chronology of the Afghan border). Returns each point's index; every
/// point when there are three or fewer.
pub fn core(points: &[(f64, f64)], weights: &[u32]) -> Vec<usize> {
    let all: Vec<usize> = (0..points.len()).collect();
    if points.len() <= 3 {
        return all;
    }
    let median = |coord: fn(&(f64, f64)) -> f64| -> f64 {
        let mut v: Vec<(f64, u32)> = points
            .iter()
            .zip(weights)
            .map(|(p, &w)| (coord(p), w.max(1)))
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let half = v.iter().map(|x| u64::from(x.1)).sum::<u64>() / 2;
        let mut run = 0;
        v.iter()
            .find(|x| {
                run += u64::from(x.1);
                run > half
            })
            .map_or(0.0, |x| x.0)
    };
    let centre = (median(|p| p.0), median(|p| p.1));
    let far = |p: &(f64, f64)| {
        let (dx, dy) = apart(centre, *p);
        (dx * dx + dy * dy).sqrt()
    };
    let mut by_distance: Vec<(f64, u32)> = points
        .iter()
        .zip(weights)
        .map(|(p, &w)| (far(p), w.max(1)))
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: u64 = by_distance.iter().map(|x| u64::from(x.1)).sum();
    let mut run = 0;
    // The radius holding nine tenths of the weight, and half again.
    let radius = by_distance
        .iter()
        .find(|x| {
            run += u64::from(x.1);
            run * 10 >= total * 9
        })
        .map_or(0.0, |x| x.0);
    let reach = (radius * 1.5).max(1.0);
    all.into_iter()
        .filter(|&i| far(&points[i]) <= reach)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const PESHAWAR: (f64, f64) = (71.5249, 34.0151);
    const ISLAMABAD: (f64, f64) = (73.0479, 33.6844);
    const KABUL: (f64, f64) = (69.2075, 34.5553);
    const QUETTA: (f64, f64) = (66.975, 30.1798);
    const KARACHI: (f64, f64) = (67.0011, 24.8607);
    const WASHINGTON: (f64, f64) = (-77.0369, 38.9072);

    #[test]
    fn a_degree_looks_as_wide_as_it_is_tall() {
        let v = View {
            lon: 70.0,
            lat: 30.0,
            span: 10.0,
        };
        // 80 columns by 20 rows: as wide on screen as 40 rows are tall.
        let b = v.bounds(80, 20);
        assert!((b.north - b.south - 10.0).abs() < 1e-9);
        let wide = (b.east - b.west) * 30f64.to_radians().cos();
        assert!((wide - 20.0).abs() < 1e-9, "{wide}");
    }

    #[test]
    fn a_point_falls_in_the_cell_that_maps_back_to_it() {
        let v = View::fit(&[PESHAWAR, KARACHI, KABUL], 80, 20).unwrap();
        let g = Grid::new(&v, 80, 20);
        for p in [PESHAWAR, KARACHI, KABUL, ISLAMABAD] {
            let (c, r) = g.cell(p.0, p.1).unwrap();
            let back = g.point(c, r);
            let (w, h) = (
                (g.bounds.east - g.bounds.west) / 80.0,
                (g.bounds.north - g.bounds.south) / 20.0,
            );
            // Within a cell, give or take the rounding to a dot.
            assert!((back.0 - p.0).abs() <= w * 0.55, "{back:?} {p:?}");
            assert!((back.1 - p.1).abs() <= h * 0.55, "{back:?} {p:?}");
        }
        // North is up, east is right.
        let (pc, pr) = g.cell(PESHAWAR.0, PESHAWAR.1).unwrap();
        let (kc, kr) = g.cell(KARACHI.0, KARACHI.1).unwrap();
        assert!(kr > pr && kc < pc);
        assert_eq!(g.cell(WASHINGTON.0, WASHINGTON.1), None);
    }

    #[test]
    fn a_fitted_view_shows_every_point_with_a_margin() {
        let pts = [PESHAWAR, KARACHI, KABUL, QUETTA, ISLAMABAD];
        for (cols, rows) in [(80, 20), (40, 10), (200, 55), (30, 40)] {
            let v = View::fit(&pts, cols, rows).unwrap();
            let b = v.bounds(cols, rows);
            for p in pts {
                assert!(b.contains(p.0, p.1), "{p:?} in {b:?} at {cols}×{rows}");
                let g = Grid::new(&v, cols, rows);
                assert!(g.cell(p.0, p.1).is_some());
            }
        }
        let one = View::fit(&[PESHAWAR], 80, 20).unwrap();
        assert_eq!((one.lon, one.lat, one.span), (PESHAWAR.0, PESHAWAR.1, 1.0));
        assert_eq!(View::fit(&[], 80, 20), None);
    }

    #[test]
    fn moving_by_direction_picks_the_nearest_place_that_way() {
        let pts = [PESHAWAR, ISLAMABAD, KABUL, QUETTA, KARACHI];
        let from = PESHAWAR;
        assert_eq!(nearest_toward(from, &pts, Direction::Right), Some(1));
        assert_eq!(nearest_toward(from, &pts, Direction::Left), Some(2));
        // South: Quetta is nearer than Karachi, and not too far aside.
        assert_eq!(nearest_toward(from, &pts, Direction::Down), Some(3));
        assert_eq!(nearest_toward(from, &pts, Direction::Up), None);
        assert_eq!(nearest_toward(KARACHI, &pts, Direction::Down), None);
        // From Quetta, up finds Kabul before Peshawar: nearer, straighter.
        assert_eq!(nearest_toward(QUETTA, &pts, Direction::Up), Some(2));
        assert_eq!(nearest((71.0, 34.0), &pts), Some(0));
    }

    #[test]
    fn the_first_view_leaves_far_outliers_out() {
        let pts = [PESHAWAR, ISLAMABAD, KABUL, QUETTA, KARACHI, WASHINGTON];
        let core = core(&pts, &[10, 30, 20, 5, 5, 6]);
        assert_eq!(core, [0, 1, 2, 3, 4]);
        // Three points or fewer are all shown.
        assert_eq!(super::core(&[PESHAWAR, WASHINGTON], &[1, 1]), [0, 1]);
    }

    #[test]
    fn zoom_and_pan_stay_within_the_world() {
        let v = View {
            lon: 179.0,
            lat: 84.0,
            span: 100.0,
        };
        assert_eq!(v.zoomed(10.0).span, MAX_SPAN);
        assert_eq!(v.zoomed(1e-9).span, MIN_SPAN);
        let p = v
            .panned(Direction::Right, 80, 20)
            .panned(Direction::Up, 80, 20);
        assert!(p.lon <= 180.0 && p.lat <= 85.0);
    }
}
