//! The places an import writes to `places.toml`: every place the rows
//! name, each within the next larger one, with an id of its own and
//! coordinates that place it on the map.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use super::write::unique;
use super::{Imported, slug};
use crate::marks::toml_string;
use crate::text::one_line;

/// The places written: each with coordinates, its own or, for an area the
/// file gives none for, those of the place within it nearest the middle of
/// all of them (a point inside the area, where a map may label it). A
/// place with no coordinates at all is left out, and what lies within it
/// goes within the next larger place written.
pub(super) struct Places {
    /// Each place written, by its path.
    pub(super) ids: BTreeMap<Vec<String>, Written>,
}

/// A place as written: its id, where it is, the id of the place it lies
/// within, its kind.
pub(super) struct Written {
    id: String,
    lat: f64,
    lon: f64,
    within: Option<String>,
    kind: &'static str,
}

impl Places {
    pub(super) fn of(imported: &Imported, taken: &mut HashSet<String>) -> Places {
        // Every point at or within each path.
        let mut points: BTreeMap<&[String], Vec<(f64, f64)>> = BTreeMap::new();
        for (path, p) in &imported.places {
            if let Some(at) = p.at {
                for n in 1..=path.len() {
                    points.entry(&path[..n]).or_default().push(at);
                }
            }
        }
        let mut ids = BTreeMap::new();
        for (path, p) in &imported.places {
            let at = p.at.or_else(|| {
                let pts = points.get(path.as_slice())?;
                let n = pts.len() as f64;
                let (mlat, mlon) = pts.iter().fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
                let (mlat, mlon) = (mlat / n, mlon / n);
                pts.iter().copied().min_by(|a, b| {
                    let d = |p: &(f64, f64)| (p.0 - mlat).powi(2) + (p.1 - mlon).powi(2);
                    d(a).total_cmp(&d(b))
                })
            });
            let Some((lat, lon)) = at else {
                continue;
            };
            let within = (1..path.len())
                .rev()
                .find_map(|n| ids.get(&path[..n]).map(|w: &Written| w.id.clone()));
            let name = path.last().map(String::as_str).unwrap_or_default();
            // Peshawar the district, then Peshawar the city, then a
            // Peshawar elsewhere by what it lies in.
            let mut base = slug(name);
            if taken.contains(&base) {
                base = slug(&format!("{name} {}", p.kind));
            }
            if taken.contains(&base) && path.len() > 1 {
                base = slug(&format!("{name} {}", path[path.len() - 2]));
            }
            let id = unique(base, "place", taken);
            ids.insert(
                path.clone(),
                Written {
                    id,
                    lat,
                    lon,
                    within,
                    kind: p.kind,
                },
            );
        }
        Places { ids }
    }

    /// The id of the place written for a path: its own, else the nearest
    /// larger one.
    pub(super) fn id(&self, path: &[String]) -> Option<&str> {
        (1..=path.len())
            .rev()
            .find_map(|n| self.ids.get(&path[..n]).map(|w| w.id.as_str()))
    }

    pub(super) fn file(&self) -> String {
        let mut out = String::new();
        for (path, w) in &self.ids {
            let Written {
                id,
                lat,
                lon,
                within,
                kind,
            } = w;
            let name = path.last().map(String::as_str).unwrap_or_default();
            let _ = writeln!(out, "[places.{id}]");
            let _ = writeln!(out, "name = {}", toml_string(&one_line(name)));
            let _ = writeln!(out, "kind = {}", toml_string(kind));
            let _ = writeln!(out, "lat = {}", degrees(*lat));
            let _ = writeln!(out, "lon = {}", degrees(*lon));
            if let Some(w) = within {
                let _ = writeln!(out, "within = {}", toml_string(w));
            }
            out.push('\n');
        }
        out
    }
}

/// Degrees at most 6 decimals, always written as a TOML float.
fn degrees(x: f64) -> String {
    let s = format!("{}", (x * 1e6).round() / 1e6);
    if s.contains('.') { s } else { format!("{s}.0") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_are_toml_floats_of_at_most_six_decimals() {
        assert_eq!(degrees(34.0), "34.0");
        assert_eq!(degrees(34.008), "34.008");
        assert_eq!(degrees(-71.123_456_789), "-71.123457");
    }
}
