//! The basemap the map view draws: country borders and coasts, and a label
//! point for each country, from Natural Earth (public domain) by way of the
//! npm package world-atlas, built into the binary.
//!
//! Two layers: "region", the 1:10m lines around the bundled timeline
//! (Pakistan, Afghanistan and their neighbours), and "world", the 1:110m
//! lines of the whole globe for any other timeline. A third, "provinces",
//! is reserved for first-level boundaries and is empty in the asset built
//! today. `assets/basemap/README.md` tells where the data comes from, how
//! `borders.bin` is rebuilt, and its binary format, which [`decode`] reads.
//!
//! The asset is decoded once, on first use. A corrupt asset decodes to an
//! empty basemap: the view then draws no borders, and nothing panics.

use std::sync::OnceLock;

/// The encoded basemap, built by `assets/basemap/build.py`.
static ASSET: &[u8] = include_bytes!("../../assets/basemap/borders.bin");

const MAGIC: &[u8; 4] = b"CSBM";
const VERSION: u8 = 1;

/// One of the basemap's sets of lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// 1:10m borders and coasts around the bundled timeline's region.
    Region,
    /// 1:110m borders and coasts of the whole world.
    World,
    /// First-level (province) boundaries inside the region, drawn thinner.
    Provinces,
}

/// What a line is, so the view can draw each differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A land border between two countries.
    Border,
    /// A coastline (or a lake or sea shore that is no border).
    Coast,
    /// A boundary between two first-level divisions of one country.
    Province,
}

/// A rectangle in degrees: longitude west to east, latitude south to north.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Bounds {
    /// Whether the two rectangles share a point (touching edges count).
    pub fn intersects(&self, other: &Bounds) -> bool {
        self.west <= other.east
            && other.west <= self.east
            && self.south <= other.north
            && other.south <= self.north
    }

    /// Whether the point lies in the rectangle, edges included.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        self.west <= lon && lon <= self.east && self.south <= lat && lat <= self.north
    }

    /// Whether `inner` lies wholly in this rectangle, edges included.
    fn contains_bounds(&self, inner: &Bounds) -> bool {
        self.contains(inner.west, inner.south) && self.contains(inner.east, inner.north)
    }

    /// The smallest rectangle holding every point; `None` for no points.
    fn around(points: &[(f64, f64)]) -> Option<Bounds> {
        let (&(lon, lat), rest) = points.split_first()?;
        let mut b = Bounds {
            west: lon,
            south: lat,
            east: lon,
            north: lat,
        };
        for &(lon, lat) in rest {
            b.west = b.west.min(lon);
            b.east = b.east.max(lon);
            b.south = b.south.min(lat);
            b.north = b.north.max(lat);
        }
        Some(b)
    }
}

/// A polyline: a border, coast or province boundary between two junctions.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    /// The rectangle around `points`.
    pub bbox: Bounds,
    /// (longitude, latitude) in degrees; at least two.
    pub points: Vec<(f64, f64)>,
}

/// Where to write a country's name: a point well inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
}

/// One decoded layer.
#[derive(Clone, Debug, Default, PartialEq)]
struct LayerData {
    /// The area the layer covers; `None` when the asset has no such layer.
    bounds: Option<Bounds>,
    lines: Vec<Line>,
    labels: Vec<Label>,
}

/// The decoded basemap; [`basemap`] gives the one built into the binary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    region: LayerData,
    world: LayerData,
    provinces: LayerData,
}

/// The basemap built into the binary, decoded on first use.
pub fn basemap() -> &'static Basemap {
    static MAP: OnceLock<Basemap> = OnceLock::new();
    MAP.get_or_init(|| decode(ASSET))
}

impl Basemap {
    /// The region layer's bounds: inside them the detailed lines are
    /// complete. All zero for an empty basemap.
    pub fn region(&self) -> Bounds {
        self.region.bounds.unwrap_or(Bounds {
            west: 0.0,
            south: 0.0,
            east: 0.0,
            north: 0.0,
        })
    }

    /// Whether there is nothing to draw (the asset was corrupt).
    pub fn is_empty(&self) -> bool {
        self.region.lines.is_empty() && self.world.lines.is_empty()
    }

    /// The layer [`lines_in`](Self::lines_in) and
    /// [`labels_in`](Self::labels_in) draw from for `view`: the region
    /// (with its provinces) when the view lies wholly within the region's
    /// bounds, else the world.
    pub fn layer_for(&self, view: &Bounds) -> Layer {
        match self.region.bounds {
            Some(region) if !self.region.lines.is_empty() && region.contains_bounds(view) => {
                Layer::Region
            }
            _ => Layer::World,
        }
    }

    /// Every line of one layer.
    pub fn lines(&self, layer: Layer) -> &[Line] {
        &self.data(layer).lines
    }

    /// Every label of one layer (provinces have none).
    pub fn labels(&self, layer: Layer) -> &[Label] {
        &self.data(layer).labels
    }

    /// The lines to draw for a view: the region layer (plus provinces) when
    /// the view lies within the region's bounds, else the world layer; only
    /// lines whose bbox intersects the view. Province lines come first, so
    /// borders drawn after them show on top.
    pub fn lines_in<'a>(&'a self, view: &Bounds) -> impl Iterator<Item = &'a Line> + use<'a> {
        let view = *view;
        let (under, main): (&[Line], &[Line]) = match self.layer_for(&view) {
            Layer::Region | Layer::Provinces => (&self.provinces.lines, &self.region.lines),
            Layer::World => (&[], &self.world.lines),
        };
        under
            .iter()
            .chain(main)
            .filter(move |line| line.bbox.intersects(&view))
    }

    /// Country labels whose point lies in the view, from the same layer
    /// [`lines_in`](Self::lines_in) chooses.
    pub fn labels_in<'a>(&'a self, view: &Bounds) -> impl Iterator<Item = &'a Label> + use<'a> {
        let view = *view;
        let labels: &[Label] = match self.layer_for(&view) {
            Layer::Region | Layer::Provinces => &self.region.labels,
            Layer::World => &self.world.labels,
        };
        labels
            .iter()
            .filter(move |label| view.contains(label.lon, label.lat))
    }

    fn data(&self, layer: Layer) -> &LayerData {
        match layer {
            Layer::Region => &self.region,
            Layer::World => &self.world,
            Layer::Provinces => &self.provinces,
        }
    }
}

mod decode;
#[cfg(test)]
mod tests;

pub(crate) use decode::decode;
