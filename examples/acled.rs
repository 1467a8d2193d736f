//! Writes a synthetic ACLED export, to time `chronoscope import` against
//! loading what it writes (BENCHMARKS.md, "Import"):
//!
//! ```text
//! cargo run --release --example acled -- 100000 /tmp/acled.csv
//! chronoscope import /tmp/acled.csv --output /tmp/acled/
//! ```
//!
//! The rows have ACLED's 31 columns in its order: dates across 2017–2024
//! at all three time precisions, in both of ACLED's date forms; 60 actors
//! of every category, associated actors on a quarter of the rows; 400
//! locations in 40 districts of 4 provinces, 5 % without coordinates;
//! ACLED's event types; notes of about 200 characters; fatalities. The
//! same seed gives the same file.

use std::io::Write as _;
use std::process::ExitCode;

const COLUMNS: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

const TYPES: [(&str, &str, &str); 8] = [
    ("Political violence", "Battles", "Armed clash"),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Violent demonstration"),
    (
        "Strategic developments",
        "Strategic developments",
        "Arrests",
    ),
    (
        "Political violence",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
];

/// A month's English name, as ACLED's export tool writes it.
fn month_name(m: usize) -> &'static str {
    u8::try_from(m)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .map_or("January", |m| m.name())
}

const WORDS: [&str; 16] = [
    "reported",
    "district",
    "forces",
    "attack",
    "near",
    "village",
    "local",
    "sources",
    "said",
    "police",
    "security",
    "checkpoint",
    "market",
    "road",
    "killed",
    "injured",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(path)) = (
        args.first()
            .and_then(|s| s.replace('_', "").parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: acled ROWS PATH   (e.g. acled 100000 /tmp/acled.csv)");
        return ExitCode::from(2);
    };
    let file = match std::fs::File::create(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut out = std::io::BufWriter::new(file);
    let mut rng = Rng(2024);
    let categories = [1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8];
    let actors: Vec<(String, usize)> = (0..60)
        .map(|i| {
            let c = categories[i % categories.len()];
            (format!("Synthetic Actor {i} (Pakistan)"), c)
        })
        .collect();
    let mut lines = vec![COLUMNS.to_string()];
    for i in 0..n {
        let year = 2017 + rng.below(8);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let date = if i % 2 == 0 {
            format!("{day} {} {year}", month_name(month))
        } else {
            format!("{year}-{month:02}-{day:02}")
        };
        let precision = [1, 1, 1, 1, 2, 3][rng.below(6)];
        let (disorder, kind, sub) = TYPES[rng.below(TYPES.len())];
        let (a1, c1) = &actors[rng.below(actors.len())];
        let (a2, c2) = &actors[rng.below(actors.len())];
        let assoc = if rng.below(4) == 0 {
            format!("Synthetic Group {} (Pakistan)", rng.below(30))
        } else {
            String::new()
        };
        let province = rng.below(4);
        let district = province * 10 + rng.below(10);
        let location = district * 10 + rng.below(10);
        let (lat, lon) = if rng.below(20) == 0 {
            (String::new(), String::new())
        } else {
            (
                format!("{:.4}", 24.0 + (location as f64 * 0.0313) % 13.0),
                format!("{:.4}", 61.0 + (location as f64 * 0.0411) % 16.0),
            )
        };
        let notes: Vec<&str> = (0..30).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        let row = [
            format!("PAK{}", 10_000 + i),
            date,
            year.to_string(),
            precision.to_string(),
            disorder.to_string(),
            kind.to_string(),
            sub.to_string(),
            a1.clone(),
            assoc,
            c1.to_string(),
            a2.clone(),
            String::new(),
            c2.to_string(),
            format!("{c1}{c2}"),
            String::new(),
            "586".into(),
            "Southern Asia".into(),
            "Pakistan".into(),
            format!("Province {province}"),
            format!("District {district}"),
            String::new(),
            format!("Town {location}"),
            lat,
            lon,
            (1 + rng.below(3)).to_string(),
            "Dawn; The News".into(),
            "National".into(),
            format!("On {day} {}, {}.", month_name(month), notes.join(" ")),
            rng.below(6).to_string(),
            String::new(),
            (1_500_000_000 + i * 600).to_string(),
        ];
        let row: Vec<String> = row.iter().map(|c| quote(c)).collect();
        lines.push(row.join(","));
        if lines.len() >= 10_000 {
            if writeln!(out, "{}", lines.join("\n")).is_err() {
                return ExitCode::from(1);
            }
            lines.clear();
        }
    }
    if !lines.is_empty() && writeln!(out, "{}", lines.join("\n")).is_err() {
        return ExitCode::from(1);
    }
    if out.flush().is_err() {
        return ExitCode::from(1);
    }
    eprintln!("wrote {n} ACLED rows to {path}");
    ExitCode::SUCCESS
}
