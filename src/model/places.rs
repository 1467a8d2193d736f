//! Places: where events happened, with coordinates, each optionally within
//! a larger place (Peshawar within Khyber Pakhtunkhwa within Pakistan).

use super::{PlaceIx, Timeline};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub enum PlaceKind {
    City,
    District,
    Province,
    Region,
    Country,
    Crossing,
    Base,
    Other,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 8] = [
        PlaceKind::City,
        PlaceKind::District,
        PlaceKind::Province,
        PlaceKind::Region,
        PlaceKind::Country,
        PlaceKind::Crossing,
        PlaceKind::Base,
        PlaceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::District => "district",
            PlaceKind::Province => "province",
            PlaceKind::Region => "region",
            PlaceKind::Country => "country",
            PlaceKind::Crossing => "crossing",
            PlaceKind::Base => "base",
            PlaceKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// True for places that cover an area a map shows better by its
    /// borders than by a mark: a province, a region, a country.
    pub fn is_area(self) -> bool {
        matches!(
            self,
            PlaceKind::Province | PlaceKind::Region | PlaceKind::Country
        )
    }
}

#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Place {
    pub id: String,
    pub name: String,
    /// What labels and narrow panes show; the name when none was given.
    pub short: String,
    pub kind: PlaceKind,
    /// Decimal degrees, WGS 84.
    pub lat: f64,
    pub lon: f64,
    /// The larger place this one lies in; never a cycle.
    pub within: Option<PlaceIx>,
    pub aliases: Vec<String>,
}

impl Timeline {
    pub fn place_ix(&self, id: &str) -> Option<PlaceIx> {
        self.place_ids.get(id).copied()
    }

    /// The places a person may mean by `name`: the one with that id; else
    /// every place whose id, short name, name or an alias is `name`,
    /// ignoring case.
    pub fn places_named(&self, name: &str) -> Vec<PlaceIx> {
        if let Some(p) = self.place_ix(name) {
            return vec![p];
        }
        let name = name.trim().to_lowercase();
        self.places
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                std::iter::once(&p.id)
                    .chain([&p.short, &p.name])
                    .chain(&p.aliases)
                    .any(|n| n.to_lowercase() == name)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The larger places `p` lies in, nearest first.
    pub fn enclosing(&self, p: PlaceIx) -> impl Iterator<Item = PlaceIx> + '_ {
        let mut at = self.places.get(p).and_then(|p| p.within);
        // `within` never cycles once loaded; the bound keeps a hand-built
        // timeline from looping all the same.
        let mut left = self.places.len();
        std::iter::from_fn(move || {
            let here = at.filter(|_| left > 0)?;
            left -= 1;
            at = self.places.get(here).and_then(|p| p.within);
            Some(here)
        })
    }

    /// For each place, whether it is one of `selected` or lies within one:
    /// what a filter on a province keeps.
    pub fn within_any(&self, selected: &[PlaceIx]) -> Vec<bool> {
        let mut inside = vec![false; self.places.len()];
        for (p, slot) in inside.iter_mut().enumerate() {
            *slot = selected.contains(&p) || self.enclosing(p).any(|q| selected.contains(&q));
        }
        inside
    }

    /// "Peshawar, Khyber Pakhtunkhwa, Pakistan": a place and what it lies in.
    pub fn place_path(&self, p: PlaceIx) -> String {
        std::iter::once(p)
            .chain(self.enclosing(p))
            .filter_map(|q| self.places.get(q).map(|q| q.name.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
