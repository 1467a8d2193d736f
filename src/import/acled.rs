//! ACLED's CSV export (the Armed Conflict Location & Event Data Project),
//! one row an event, its columns as ACLED's codebook names them.
//!
//! - `event_date` as the export tool writes it ("30 January 2023") or as
//!   the API returns it ("2023-01-30"); `time_precision` 1 is that day, 2
//!   (within a week of it) the day with `~`, 3 (within the month) the month.
//! - `actor1`, `actor2` and the associated actors (`assoc_actor_1`,
//!   `assoc_actor_2`, split on `;`) become actors, one per distinct name,
//!   their kind from `inter1`/`inter2` (code or words): state forces are
//!   `military` (police and government bodies `government`), rebel groups
//!   and political and identity militias `armed-group`, the rest (rioters,
//!   protesters, civilians, external forces, associated actors) `other`.
//! - `disorder_type`, `event_type`, `sub_event_type` and
//!   `civilian_targeting` become tags; `fatalities` the figure `killed`.
//! - `country` › `admin1` › `admin2` › `location` become places, each
//!   within the one before, the location at its `latitude`/`longitude`;
//!   `geo_precision` 2 and 3 are said in the editor's note.
//! - The source is the ACLED record: ACLED the publisher, the outlets of
//!   `source` in its title, `timestamp` its date. `notes` is the summary.
//!
//! ACLED asks that its data be attributed wherever it is used: the
//! timeline's summary says where the events came from.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::{Line, Table};
use super::{ActorSeed, Imported, PlaceSeed, Row, Source, slug};
use crate::model::{EventDate, Qualifier};

/// The columns that make a CSV an ACLED export.
const NEEDED: [&str; 4] = ["event_id_cnty", "event_date", "event_type", "actor1"];

const CREDIT: &str = "Events from the Armed Conflict Location & Event Data Project (ACLED), \
www.acleddata.com. ACLED's terms of use require that its data be attributed to ACLED wherever it is used.";

pub fn detect(header: &[String]) -> bool {
    NEEDED
        .iter()
        .all(|c| header.iter().any(|h| h.trim().eq_ignore_ascii_case(c)))
}

pub fn import(t: &Table) -> Result<Imported, String> {
    if !NEEDED.iter().all(|c| t.has(c)) {
        return Err(format!(
            "not an ACLED export: its header needs {}, and is {}",
            NEEDED.join(", "),
            t.header.join(", ")
        ));
    }
    let mut out = t.each_row(|line, out, seen| row(t, line, out, seen));
    out.credit = Some(CREDIT.to_string());
    let mut countries: Vec<&str> = Vec::new();
    for line in &t.rows {
        let country = t.cell(line, "country");
        if !country.is_empty() && !countries.contains(&country) {
            countries.push(country);
        }
    }
    out.title = if countries.is_empty() || countries.len() > 3 {
        "ACLED events".to_string()
    } else {
        format!("ACLED events: {}", countries.join(", "))
    };
    Ok(out)
}

/// What one run of rows has seen: each type's tag, and each place by its
/// path, with whether its coordinates are known.
#[derive(Default)]
struct Seen {
    slugs: HashMap<String, String>,
    places: HashMap<String, bool>,
}

/// A date as ACLED writes it, in any of its exports' forms.
fn day(s: &str) -> Option<NaiveDate> {
    // The two forms nearly every export uses, read without a format
    // string; the rest through chrono.
    let num = |t: &str| -> Option<u32> {
        (!t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let mut parts = s.split([' ', '-']);
    if let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    {
        if a.len() == 4 {
            if let (Some(y), Some(m), Some(d)) = (num(a), num(b), num(c)) {
                return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
            }
        } else if let (Some(d), Some(y), Some(m)) = (
            num(a),
            num(c),
            (1..=12u8).find(|m| {
                chrono::Month::try_from(*m).is_ok_and(|m| {
                    m.name().eq_ignore_ascii_case(b) || m.name()[..3].eq_ignore_ascii_case(b)
                })
            }),
        ) {
            return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, u32::from(m), d);
        }
    }
    ["%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%B %d, %Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

fn on(d: NaiveDate, q: Qualifier) -> Option<EventDate> {
    use chrono::Datelike;
    EventDate::from_parts(
        u16::try_from(d.year()).ok()?,
        Some(d.month()),
        Some(d.day()),
        q,
    )
    .ok()
}

/// ACLED's actor categories, by interaction code.
const CATEGORIES: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

/// An actor's category from ACLED's interaction code, given as a number
/// (1–8) or in the words of ACLED's newer exports.
fn category(inter: &str) -> Option<usize> {
    let inter = inter.trim();
    match inter.parse::<usize>() {
        Ok(n @ 1..=8) => Some(n - 1),
        _ => CATEGORIES.iter().position(|c| {
            let c = c.to_lowercase();
            let i = inter.to_lowercase();
            i == c || i.strip_suffix('s') == Some(c.as_str())
        }),
    }
}

/// The kind of an actor of that category.
fn kind(name: &str, category: Option<usize>) -> &'static str {
    match category {
        Some(0) if name.starts_with("Police Forces") || name.starts_with("Government of") => {
            "government"
        }
        Some(0) => "military",
        Some(1..=3) => "armed-group",
        _ => "other",
    }
}

fn row(t: &Table, line: &Line, out: &mut Imported, seen: &mut Seen) -> Result<(), String> {
    let cell = |c: &str| t.cell(line, c);
    let raw = cell("event_date");
    let day = day(raw).ok_or_else(|| {
        format!(
            "event_date \"{}\" is not a date ACLED writes (30 January 2023, or 2023-01-30)",
            crate::text::one_line(raw)
        )
    })?;
    let precision = cell("time_precision");
    let mut notes = Vec::new();
    let date = match precision {
        "" | "1" => on(day, Qualifier::Exact),
        "2" => {
            notes.push("ACLED time_precision 2: within a week of this day.".to_string());
            on(day, Qualifier::Approximate)
        }
        "3" => {
            use chrono::Datelike;
            notes.push("ACLED time_precision 3: some day in this month.".to_string());
            u16::try_from(day.year()).ok().and_then(|y| {
                EventDate::from_parts(y, Some(day.month()), None, Qualifier::Exact).ok()
            })
        }
        other => {
            return Err(format!(
                "time_precision \"{}\" is not 1, 2 or 3",
                crate::text::one_line(other)
            ));
        }
    }
    .ok_or_else(|| format!("event_date \"{raw}\" is outside the years 0 to 9999"))?;
    let fatalities = match cell("fatalities") {
        "" => None,
        f => Some(f.parse::<u64>().map_err(|_| {
            format!(
                "fatalities \"{}\" is not a whole number",
                crate::text::one_line(f)
            )
        })?),
    };
    let at = super::point(
        ("latitude", cell("latitude")),
        ("longitude", cell("longitude")),
    )?;

    // Actors: the two sides and those associated with each.
    let mut actors = Vec::new();
    for (who, inter, assoc) in [
        ("actor1", "inter1", "assoc_actor_1"),
        ("actor2", "inter2", "assoc_actor_2"),
    ] {
        let name = cell(who);
        if !name.is_empty() {
            if !out.actors.contains_key(name) {
                let category = category(cell(inter));
                let summary = match category {
                    Some(c) => format!(
                        "An actor in ACLED's data, of its category \"{}\".",
                        CATEGORIES[c]
                    ),
                    None => "An actor in ACLED's data.".to_string(),
                };
                out.actors.insert(
                    name.to_string(),
                    ActorSeed {
                        kind: kind(name, category),
                        summary,
                    },
                );
            }
            actors.push(name.to_string());
        }
        for name in cell(assoc)
            .split(';')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            out.actors
                .entry(name.to_string())
                .or_insert_with(|| ActorSeed {
                    kind: "other",
                    summary: "An actor ACLED associates with a side in its data.".to_string(),
                });
            actors.push(name.to_string());
        }
    }

    // Places: country › admin1 › admin2 › location.
    let levels = [
        ("country", "country"),
        ("admin1", "province"),
        ("admin2", "district"),
        ("location", "city"),
    ];
    let path: Vec<String> = levels
        .iter()
        .map(|(col, _)| cell(col))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    // A place already known, with its coordinates or with none to add,
    // needs no look-up in the tree.
    let known = path.join("\u{1f}");
    let placed = seen.places.get(&known).copied();
    if placed.is_none() || (placed == Some(false) && at.is_some()) {
        let mut n = 0;
        for (col, kind) in levels {
            if cell(col).is_empty() {
                continue;
            }
            n += 1;
            let at = if col == "location" { at } else { None };
            match out.places.get_mut(&path[..n]) {
                Some(here) => {
                    if here.at.is_none() {
                        here.at = at;
                    }
                }
                None => {
                    out.places
                        .insert(path[..n].to_vec(), PlaceSeed { kind, at });
                }
            }
        }
        seen.places
            .insert(known, at.is_some() || cell("location").is_empty());
    }
    match cell("geo_precision") {
        "2" => notes.push("ACLED geo_precision 2: near this location, not in it.".to_string()),
        "3" => notes.push(
            "ACLED geo_precision 3: the report named only a larger region, which this location stands for."
                .to_string(),
        ),
        _ => {}
    }
    // "Peshawar, Khyber Pakhtunkhwa, Pakistan": each name once.
    let mut location: Vec<&str> = Vec::new();
    for c in ["location", "admin2", "admin1", "country"] {
        let v = cell(c);
        if !v.is_empty() && !location.contains(&v) {
            location.push(v);
        }
    }
    if !cell("admin3").is_empty() {
        notes.push(format!("ACLED admin3: {}", cell("admin3")));
    }

    let mut tags: Vec<String> = Vec::new();
    for c in ["disorder_type", "event_type", "sub_event_type"] {
        let v = cell(c);
        if v.is_empty() {
            continue;
        }
        // A few types over many rows: each slugged once.
        let tag = match seen.slugs.get(v) {
            Some(t) => t.clone(),
            None => {
                let t = slug(v);
                seen.slugs.insert(v.to_string(), t.clone());
                t
            }
        };
        if !tag.is_empty() {
            tags.push(tag);
        }
    }
    if !cell("civilian_targeting").is_empty() {
        tags.push("civilian-targeting".into());
    }
    if !cell("tags").is_empty() {
        notes.push(format!("ACLED tags: {}", cell("tags")));
    }

    let what = [cell("sub_event_type"), cell("event_type")]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("Event");
    let title = match location.first() {
        Some(place) => format!("{what} in {place}"),
        None => what.to_string(),
    };
    let id = cell("event_id_cnty");
    let record = if id.is_empty() {
        "ACLED event".to_string()
    } else {
        format!("ACLED event {id}")
    };
    let source = Source {
        publisher: "ACLED".into(),
        title: match cell("source") {
            "" => record,
            outlets => format!("{record}, from {outlets}"),
        },
        url: String::new(),
        date: cell("timestamp")
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .and_then(|t| on(t.date_naive(), Qualifier::Exact)),
    };
    let notes_text = cell("notes");
    out.rows.push(Row {
        date,
        summary: if notes_text.is_empty() {
            title.clone()
        } else {
            notes_text.to_string()
        },
        title,
        tags,
        key: (!id.is_empty()).then(|| id.to_string()),
        actors,
        location: location.join(", "),
        place: (!path.is_empty()).then_some(path),
        figures: fatalities
            .map(|f| vec![("killed".to_string(), f)])
            .unwrap_or_default(),
        sources: vec![source],
        notes,
        ..Row::on(date)
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_dates_in_every_form_its_exports_write() {
        let d = NaiveDate::from_ymd_opt(2023, 1, 30);
        for s in [
            "30 January 2023",
            "2023-01-30",
            "30-January-2023",
            "January 30, 2023",
            "30 Jan 2023",
        ] {
            assert_eq!(day(s), d, "{s}");
        }
        assert_eq!(day("31 February 2023"), None);
    }

    #[test]
    fn an_actor_kind_follows_its_category_by_code_or_words() {
        assert_eq!(category("1"), Some(0));
        assert_eq!(category("Rebel groups"), Some(1));
        assert_eq!(category("identity militia"), Some(3));
        assert_eq!(category("9"), None);
        assert_eq!(
            kind("Military Forces of Pakistan (2018-)", category("1")),
            "military"
        );
        assert_eq!(
            kind("Police Forces of Pakistan (2018-)", category("1")),
            "government"
        );
        assert_eq!(
            kind("TTP: Tehrik-i-Taliban Pakistan", category("2")),
            "armed-group"
        );
        assert_eq!(
            kind("Protesters (Pakistan)", category("Protesters")),
            "other"
        );
        assert_eq!(kind("Anyone", None), "other");
    }
}
