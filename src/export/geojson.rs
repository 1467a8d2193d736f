//! GeoJSON (RFC 7946): the shown events as points, for geojson.io, QGIS
//! and any map that reads the standard. One feature per event and place
//! it names, at the place's coordinates (longitude first, as the RFC
//! orders them); events that name no place are left out, and counted in
//! the collection's `chronoscope` member.

use serde_json::{Map, Value, json};

use super::{About, actor_name, line, shown_events};
use crate::model::Timeline;
use crate::query::Filtered;

pub fn to_geojson(t: &Timeline, shown: &Filtered, about: &About) -> String {
    let mut features = Vec::new();
    let mut unplaced = 0;
    for e in shown_events(t, shown) {
        if e.places.is_empty() {
            unplaced += 1;
        }
        for p in e.places.iter().filter_map(|&p| t.places.get(p)) {
            let figures: Map<String, Value> =
                e.figures.iter().map(|(k, v)| (line(k), json!(v))).collect();
            features.push(json!({
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
            }));
        }
    }
    let doc = json!({
        "type": "FeatureCollection",
        "chronoscope": {
            "title": line(&t.title),
            "filter": about.filter,
            "events_without_a_place": unplaced,
            "exported_at": about.made,
            "chronoscope_version": about.version,
        },
        "features": features,
    });
    let mut out = super::json_text(&doc);
    out.push('\n');
    out
}
