//! GeoJSON (RFC 7946): the shown events as points, for geojson.io, QGIS
//! and any map that reads the standard. One feature per event and place
//! it names, at the place's coordinates (longitude first, as the RFC
//! orders them); events that name no place are left out, and counted in
//! the collection's `chronoscope` member.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::{About, actor_name, line, shown_events};
use crate::model::{Event, Place, Timeline};
use crate::query::Filtered;

pub fn to_geojson(t: &Timeline, shown: &Filtered, about: &About) -> String {
    super::whole(|out| write_geojson(t, shown, about, out))
}

/// The collection as written: its members in the order of their names,
/// as a JSON object orders them, the features made one at a time.
#[derive(Serialize)]
struct Collection<'a> {
    chronoscope: Value,
    features: Features<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

struct Features<'a> {
    t: &'a Timeline,
    shown: &'a Filtered,
}

impl Serialize for Features<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let t = self.t;
        let mut seq = s.serialize_seq(None)?;
        for e in shown_events(t, self.shown) {
            for p in e.places.iter().filter_map(|&p| t.places.get(p)) {
                seq.serialize_element(&feature(t, e, p))?;
            }
        }
        seq.end()
    }
}

fn feature(t: &Timeline, e: &Event, p: &Place) -> Value {
    let figures: Map<String, Value> = e.figures.iter().map(|(k, v)| (line(k), json!(v))).collect();
    json!({
        "type": "Feature",
        "geometry": { "type": "Point", "coordinates": [p.lon, p.lat] },
        "properties": {
            "id": line(&e.id),
            "date": e.date.to_edtf(),
            "end": e.end.map(|d| d.to_edtf()),
            "display_date": line(&e.display_date()),
            "title": line(&e.title),
            "location": line(&e.location),
            "actors": e.actors.iter().map(|&a| actor_name(t, a)).collect::<Vec<_>>(),
            "actor_ids": e
                .actors
                .iter()
                .filter_map(|&a| t.actors.get(a))
                .map(|a| line(&a.id))
                .collect::<Vec<_>>(),
            "tags": e
                .tags
                .iter()
                .filter_map(|&g| t.tags.get(g))
                .map(|g| line(g))
                .collect::<Vec<_>>(),
            "figures": figures,
            "place": line(&p.id),
            "place_name": line(&p.name),
            "place_kind": p.kind.as_str(),
        },
    })
}

/// The collection, a feature written as each is made.
pub fn write_geojson(
    t: &Timeline,
    shown: &Filtered,
    about: &About,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let unplaced = shown_events(t, shown)
        .filter(|e| e.places.is_empty())
        .count();
    let doc = Collection {
        chronoscope: json!({
            "title": line(&t.title),
            "filter": about.filter,
            "events_without_a_place": unplaced,
            "exported_at": about.made,
            "chronoscope_version": about.version,
        }),
        features: Features { t, shown },
        kind: "FeatureCollection",
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
