//! The synthetic timeline's places: about one for every 50 events (20 to
//! 2,000), with coordinates, and the places each event names.
//!
//! Two invented countries side by side in Pakistan and Afghanistan's box
//! (longitude 60–77, latitude 24–37), four provinces in each, and in them
//! cities, districts, crossings and bases clustered round a few hubs per
//! province — some cities within a district, so `within` chains run city →
//! district → province → country — plus a handful of cities elsewhere in
//! the world, within nothing. Coordinates have 4 decimals, written plainly.
//!
//! Everything here draws from its own generator, seeded apart from the
//! one the rest of the timeline uses, so adding places left every other
//! line of the timeline as it was.
//!
//! Two things keep the timeline free of warnings: every place that is not
//! a province or a country is named by at least one event (the provinces
//! and countries are in use through the places within them), and no
//! place's name, short name or alias is a word the events' `location`
//! text uses, so no event is "at" a place it does not list.

use std::fmt::Write as _;

use super::{PLACES, REGIONS, Rng};

/// What seeds the places' generator apart from the timeline's ("PLACES").
const STREAM: u64 = 0x504C_4143_4553;

/// How many places a timeline of `events` has: one for every 50 events,
/// 20 to 2,000; none without events.
pub fn count(events: usize) -> usize {
    if events == 0 {
        0
    } else {
        (events / 50).clamp(20, 2_000)
    }
}

pub struct Place {
    pub id: String,
    name: String,
    short: Option<String>,
    aliases: Vec<String>,
    kind: &'static str,
    /// Ten-thousandths of a degree.
    lon: i32,
    lat: i32,
    within: Option<usize>,
}

/// The places, and the places each event names (indices into the first).
pub struct Placed {
    pub places: Vec<Place>,
    pub of_event: Vec<Vec<usize>>,
}

/// A province: its rectangle, in ten-thousandths of a degree, and hubs.
struct Province {
    ix: usize,
    west: i32,
    south: i32,
    east: i32,
    north: i32,
    hubs: Vec<(i32, i32)>,
    /// Its places other than itself, in the order made.
    members: Vec<usize>,
}

const COUNTRIES: [(&str, &str); 2] = [("Norastan", "NRS"), ("Sudavia", "SDV")];

/// Four provinces a country, west to east and north to south.
const PROVINCES: [&str; 8] = [
    "Harvel", "Qandor", "Sistral", "Baktar", "Zavol", "Lorvand", "Tirach", "Morzan",
];

/// Place names are made from three parts: 20 × 10 × 12 = 2,400 names. No
/// part or join spells "pes", so the search benches' queries ("pes",
/// "pesh", "peshawar") match the events they always did.
const STARTS: [&str; 20] = [
    "Kar", "Zar", "Dar", "Bal", "Sar", "Nur", "Gul", "Tor", "Mir", "Shah", "Khan", "Var", "Hal",
    "Qal", "Bar", "Jan", "Dal", "Ghor", "Lak", "Sor",
];
const MIDDLES: [&str; 10] = ["a", "i", "o", "u", "an", "ar", "en", "ir", "ol", "um"];
const ENDS: [&str; 12] = [
    "bad", "kot", "garh", "dara", "wal", "zai", "khel", "pur", "tan", "gan", "ran", "mand",
];

/// Where the cities elsewhere lie: about where the capitals a chronology
/// of the region meets are (longitude, latitude).
const ABROAD: [(f64, f64); 12] = [
    (-77.04, 38.91),
    (-0.13, 51.51),
    (37.62, 55.75),
    (116.40, 39.90),
    (55.27, 25.20),
    (2.35, 48.86),
    (28.98, 41.01),
    (31.24, 30.04),
    (139.69, 35.69),
    (-74.01, 40.71),
    (103.82, 1.35),
    (6.14, 46.20),
];

/// The words the events' `location` text is made of, lowercased.
fn location_words() -> Vec<String> {
    PLACES
        .iter()
        .chain(REGIONS.iter().map(|(r, _)| r))
        .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn slug(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// Degrees from ten-thousandths, written plainly: `-77.0400`, `34.0151`.
fn degrees(e4: i32) -> String {
    let sign = if e4 < 0 { "-" } else { "" };
    let a = e4.unsigned_abs();
    format!("{sign}{}.{:04}", a / 10_000, a % 10_000)
}

/// A number of ten-thousandths about `spread` either side of 0, most
/// near it (the sum of two uniforms).
fn jitter(rng: &mut Rng, spread: i32) -> i32 {
    let s = spread as usize;
    (rng.below(s + 1) + rng.below(s + 1)) as i32 - spread
}

/// The places of a timeline of `events`, and the places each event names.
pub fn generate(events: usize, seed: u64) -> Placed {
    let total = count(events);
    if total == 0 {
        return Placed {
            places: Vec::new(),
            of_event: vec![Vec::new(); events],
        };
    }
    let mut rng = Rng::new(seed ^ STREAM);
    let mut places: Vec<Place> = Vec::with_capacity(total);

    // Norastan west of longitude 68.5, Sudavia east of it, both 24–37° N.
    let (west, middle, east, south, north) = (600_000, 685_000, 770_000, 240_000, 370_000);
    let bands = [(west, middle), (middle, east)];
    for (c, (name, short)) in COUNTRIES.iter().enumerate() {
        let (w, e) = bands[c];
        places.push(Place {
            id: slug(name),
            name: (*name).to_string(),
            short: Some((*short).to_string()),
            aliases: vec![format!("Republic of {name}")],
            kind: "country",
            lon: (w + e) / 2,
            lat: (south + north) / 2,
            within: None,
        });
    }
    let mut provinces: Vec<Province> = Vec::with_capacity(PROVINCES.len());
    for (k, name) in PROVINCES.iter().enumerate() {
        let country = k / 4;
        let (w, e) = bands[country];
        let (cx, cy) = (k % 2, (k / 2) % 2);
        let (mx, my) = ((w + e) / 2, (south + north) / 2);
        let (pw, pe) = if cx == 0 { (w, mx) } else { (mx, e) };
        let (ps, pn) = if cy == 0 { (my, north) } else { (south, my) };
        // Three hubs well inside the province, where most places gather.
        let hubs = (0..3)
            .map(|_| {
                (
                    pw + 5_000 + rng.below((pe - pw - 10_000) as usize) as i32,
                    ps + 5_000 + rng.below((pn - ps - 10_000) as usize) as i32,
                )
            })
            .collect();
        provinces.push(Province {
            ix: places.len(),
            west: pw,
            south: ps,
            east: pe,
            north: pn,
            hubs,
            members: Vec::new(),
        });
        places.push(Place {
            id: slug(&format!("{name} Province")),
            name: format!("{name} Province"),
            short: Some((*name).to_string()),
            aliases: Vec::new(),
            kind: "province",
            lon: (pw + pe) / 2,
            lat: (ps + pn) / 2,
            within: Some(country),
        });
    }
    let areas = places.len();

    // Names: every combination once, in a scattered order, none a word of
    // the events' locations.
    let avoid = location_words();
    let combinations = STARTS.len() * MIDDLES.len() * ENDS.len();
    let mut next_name = 0usize;
    let mut next_stem = || loop {
        // 1,223 is prime to 2,400: the walk visits every combination.
        let c = (next_name * 1_223 + 17) % combinations;
        next_name += 1;
        let s = format!(
            "{}{}{}",
            STARTS[c % STARTS.len()],
            MIDDLES[(c / STARTS.len()) % MIDDLES.len()],
            ENDS[c / (STARTS.len() * MIDDLES.len())]
        );
        if !avoid.contains(&s.to_lowercase()) {
            break s;
        }
    };

    let abroad = (total / 150).clamp(2, ABROAD.len());
    let at_home = total - areas - abroad;
    for j in 0..at_home {
        let pr = j % provinces.len();
        let prov = &provinces[pr];
        let (hx, hy) = prov.hubs[rng.below(prov.hubs.len())];
        let lon = (hx + jitter(&mut rng, 12_000)).clamp(prov.west + 500, prov.east - 500);
        let lat = (hy + jitter(&mut rng, 9_000)).clamp(prov.south + 500, prov.north - 500);
        let stem = next_stem();
        let kind = match rng.below(100) {
            0..60 => "city",
            60..85 => "district",
            85..91 => "crossing",
            91..96 => "base",
            _ => "other",
        };
        // A third of the cities lie within one of the province's districts.
        let district = prov
            .members
            .iter()
            .copied()
            .filter(|&m| places[m].kind == "district")
            .nth(rng.below(4));
        let within = match district {
            Some(d) if kind == "city" && rng.percent(33) => d,
            _ => prov.ix,
        };
        let (name, short) = if kind == "district" {
            (format!("{stem} District"), Some(stem.clone()))
        } else {
            (stem.clone(), None)
        };
        let aliases = if kind == "city" && rng.percent(10) {
            vec![format!("Old {stem}")]
        } else {
            Vec::new()
        };
        provinces[pr].members.push(places.len());
        places.push(Place {
            id: slug(&name),
            name,
            short,
            aliases,
            kind,
            lon,
            lat,
            within: Some(within),
        });
    }
    for &(lon, lat) in ABROAD.iter().take(abroad) {
        let stem = next_stem();
        places.push(Place {
            id: slug(&stem),
            name: stem,
            short: None,
            aliases: Vec::new(),
            kind: if rng.percent(80) { "city" } else { "other" },
            lon: (lon * 10_000.0) as i32 + jitter(&mut rng, 500),
            lat: (lat * 10_000.0) as i32 + jitter(&mut rng, 500),
            within: None,
        });
    }

    // What events name: mostly one place, some none, some two.
    let named: Vec<usize> = (areas..places.len()).collect();
    let areas: Vec<usize> = (0..areas).collect();
    let mut province_of = vec![None; places.len()];
    for (pr, prov) in provinces.iter().enumerate() {
        for &m in &prov.members {
            province_of[m] = Some(pr);
        }
    }
    let pick = |rng: &mut Rng| -> usize {
        match rng.below(100) {
            // A province or a country itself.
            0..3 => areas[rng.below(areas.len())],
            // The few big cities most events happen in.
            3..28 => named[rng.skewed(named.len().min(50))],
            28..53 => named[rng.skewed(named.len())],
            _ => named[rng.below(named.len())],
        }
    };
    let mut of_event: Vec<Vec<usize>> = Vec::with_capacity(events);
    for _ in 0..events {
        let n = match rng.below(100) {
            0..15 => 0,
            15..85 => 1,
            _ => 2,
        };
        let mut here: Vec<usize> = Vec::with_capacity(n);
        if n > 0 {
            here.push(pick(&mut rng));
        }
        if n > 1 {
            // Most often a second place in the same province.
            let second = match province_of[here[0]] {
                Some(pr) if rng.percent(70) => {
                    let m = &provinces[pr].members;
                    m[rng.below(m.len())]
                }
                _ => pick(&mut rng),
            };
            if second != here[0] {
                here.push(second);
            }
        }
        of_event.push(here);
    }

    // Every place but the provinces and countries named at least once: a
    // place no event names goes to the next event naming fewer than two.
    let mut used = vec![false; places.len()];
    for here in &of_event {
        for &p in here {
            used[p] = true;
        }
    }
    for &p in &named {
        if used[p] {
            continue;
        }
        let start = p.wrapping_mul(7_919) % events;
        let e = (0..events)
            .map(|k| (start + k) % events)
            .find(|&e| of_event[e].len() < 2)
            .unwrap_or(start);
        of_event[e].push(p);
        used[p] = true;
    }
    Placed { places, of_event }
}

pub fn write_place(out: &mut String, all: &[Place], p: &Place) {
    let _ = writeln!(out, "[places.{}]", p.id);
    let _ = writeln!(out, "name = \"{}\"", p.name);
    if let Some(short) = &p.short {
        let _ = writeln!(out, "short = \"{short}\"");
    }
    let _ = writeln!(out, "kind = \"{}\"", p.kind);
    let _ = writeln!(out, "lat = {}", degrees(p.lat));
    let _ = writeln!(out, "lon = {}", degrees(p.lon));
    if let Some(w) = p.within {
        let _ = writeln!(out, "within = \"{}\"", all[w].id);
    }
    if !p.aliases.is_empty() {
        let aliases: Vec<String> = p.aliases.iter().map(|s| format!("\"{s}\"")).collect();
        let _ = writeln!(out, "aliases = [{}]", aliases.join(", "));
    }
    out.push('\n');
}

/// An event's `places = [...]` line, or nothing for an event at none.
pub fn write_event_places(out: &mut String, all: &[Place], here: &[usize]) {
    if here.is_empty() {
        return;
    }
    let ids: Vec<String> = here.iter().map(|&p| format!("\"{}\"", all[p].id)).collect();
    let _ = writeln!(out, "places = [{}]", ids.join(", "));
}
