//! `chronoscope import`: a chronology from another tool into a new
//! timeline folder that `check` passes and the explorer opens. Each format
//! reads into rows (`Row`), with the actors and places they name, skipping
//! what it cannot read with the reason (`RowError`); `write` turns them
//! into `timeline.toml`, `actors.toml`, `places.toml` and events split by
//! year, never into a folder that holds anything.
//!
//! Formats (`From`): TimelineJS3 JSON, the TimelineJS sheet template as
//! CSV, ACLED's CSV export, and any CSV with a column mapping (`Mapping`).
//! Without `--from` the format is told from the file itself. Ids are made
//! from the date and the title (ACLED's own event id where it has one), so
//! importing the same file again gives the same ids.

mod acled;
mod mapped;
mod places;
mod sheet;
mod table;
mod timelinejs;
mod write;

use std::collections::BTreeMap;

use crate::model::EventDate;
use crate::text::one_line;

pub use mapped::Mapping;
pub use timelinejs::plain;
pub use write::{render, write};

/// The largest file import reads: past it, the file is refused unread.
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024 * 1024;

/// The formats `--from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    /// TimelineJS3 JSON: an object with an `events` array
    Timelinejs,
    /// The TimelineJS Google Sheet template, downloaded as CSV
    TimelinejsCsv,
    /// An ACLED export (CSV)
    Acled,
    /// Any CSV, its columns named with --map
    Csv,
}

impl From {
    /// How the timeline's summary names where its events came from.
    fn origin(self) -> &'static str {
        match self {
            From::Timelinejs => "TimelineJS JSON",
            From::TimelinejsCsv => "a TimelineJS sheet",
            From::Acled => "ACLED data",
            From::Csv => "CSV",
        }
    }
}

/// How to read the files: the format, if named, and for plain CSV which
/// column feeds which field and how its dates are written.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub from: Option<From>,
    pub map: Option<Mapping>,
    pub date_format: Option<String>,
}

/// What the files gave: the timeline's title and summary, its events, the
/// actors and places they name, and what was skipped, and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub title: String,
    pub summary: String,
    pub rows: Vec<Row>,
    pub skipped: Vec<RowError>,
    /// Actors by the name the rows give them.
    pub actors: BTreeMap<String, ActorSeed>,
    /// Places by their path from the largest: `["Pakistan", "Khyber
    /// Pakhtunkhwa", "Peshawar", "Peshawar"]`, each within the one before.
    pub places: BTreeMap<Vec<String>, PlaceSeed>,
    /// Where the data came from, as its licence asks it be said; the
    /// timeline's summary carries it.
    pub credit: Option<String>,
    /// The formats read, in order, for the summary.
    pub origins: Vec<String>,
}

/// One event as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub date: EventDate,
    pub end: Option<EventDate>,
    pub title: String,
    pub summary: String,
    pub details: String,
    pub tags: Vec<String>,
    /// A stable key for the id in place of the title (ACLED's event id).
    pub key: Option<String>,
    /// Names of actors, each a key of `Imported::actors`.
    pub actors: Vec<String>,
    pub location: String,
    /// A key of `Imported::places`.
    pub place: Option<Vec<String>>,
    pub figures: Vec<(String, u64)>,
    pub sources: Vec<Source>,
    /// What the format held that the timeline format has no field for.
    pub notes: Vec<String>,
}

impl Row {
    /// A row on a day, its other fields empty.
    pub fn on(date: EventDate) -> Row {
        Row {
            date,
            end: None,
            title: String::new(),
            summary: String::new(),
            details: String::new(),
            tags: Vec::new(),
            key: None,
            actors: Vec::new(),
            location: String::new(),
            place: None,
            figures: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    pub url: String,
    pub date: Option<EventDate>,
}

/// An actor as a file names it: its kind, and a line on where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorSeed {
    pub kind: &'static str,
    pub summary: String,
}

/// A place as a file names it: its kind and, when the file gives them, its
/// coordinates (latitude, longitude).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceSeed {
    pub kind: &'static str,
    pub at: Option<(f64, f64)>,
}

/// A row not imported: where it is (a JSON path, a CSV line) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub at: String,
    pub why: String,
}

impl Imported {
    /// Adds what another file gave: its rows, actors and places; its title
    /// only when none is known yet.
    pub fn absorb(&mut self, other: Imported) {
        if self.title.trim().is_empty() {
            self.title = other.title;
            self.summary = other.summary;
        }
        self.rows.extend(other.rows);
        self.skipped.extend(other.skipped);
        for (name, a) in other.actors {
            self.actors.entry(name).or_insert(a);
        }
        for (path, p) in other.places {
            let mine = self.places.entry(path).or_insert_with(|| p.clone());
            if mine.at.is_none() {
                mine.at = p.at;
            }
        }
        if self.credit.is_none() {
            self.credit = other.credit;
        }
        for o in other.origins {
            if !self.origins.contains(&o) {
                self.origins.push(o);
            }
        }
    }
}

/// Reads a file in the format given, or the one it looks like; a file
/// chronoscope cannot place is refused with the formats it reads and what
/// the file begins with.
pub fn read(name: &str, bytes: &[u8], options: &Options) -> Result<Imported, String> {
    let text = decode(bytes).map_err(|e| format!("{name}: {e}"))?;
    let from = match options.from {
        Some(f) => f,
        None if options.map.is_some() => From::Csv,
        None => detect(name, &text)?,
    };
    if options.map.is_some() && from != From::Csv {
        return Err(format!(
            "{name}: --map names the columns of a plain CSV (--from csv); this file is read as {}",
            from.origin()
        ));
    }
    let mut got = match from {
        From::Timelinejs => {
            let v: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{name}: not JSON: {e}"))?;
            if !timelinejs::detect(&v) {
                return Err(format!(
                    "{name}: a JSON document without \"events\": TimelineJS JSON is an object with an \"events\" array"
                ));
            }
            timelinejs::import(&v)
        }
        From::TimelinejsCsv => {
            sheet::import(&table::read(&text)?).map_err(|e| format!("{name}: {e}"))?
        }
        From::Acled => acled::import(&table::read(&text)?).map_err(|e| format!("{name}: {e}"))?,
        From::Csv => {
            let map = options.map.as_ref().ok_or_else(|| {
                format!("{name}: --from csv needs --map naming the columns: --map title=COLUMN,date=COLUMN,…")
            })?;
            mapped::import(&table::read(&text)?, map, options.date_format.as_deref())
                .map_err(|e| format!("{name}: {e}"))?
        }
    };
    got.origins.push(from.origin().to_string());
    Ok(got)
}

/// Reads every file into one import: the rows each skips are named with
/// the file they are in. A file that cannot be read at all stops it.
pub fn read_all(inputs: &[std::path::PathBuf], options: &Options) -> Result<Imported, String> {
    let mut all = Imported::default();
    for path in inputs {
        let name = one_line(&path.display().to_string());
        let size = std::fs::metadata(path)
            .map_err(|e| format!("cannot read {name}: {e}"))?
            .len();
        if size > MAX_INPUT_BYTES {
            return Err(format!(
                "{name} is {} MiB; import reads files of at most {} MiB: split it, and give the parts together",
                size >> 20,
                MAX_INPUT_BYTES >> 20
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
        let mut got = read(&name, &bytes, options)?;
        for s in &mut got.skipped {
            s.at = format!("{name}: {}", s.at);
        }
        all.absorb(got);
    }
    Ok(all)
}

/// The format a file is in, from its first bytes: JSON with `events`, or a
/// CSV whose header is the TimelineJS template's or ACLED's.
fn detect(name: &str, text: &str) -> Result<From, String> {
    let body = text.trim_start();
    if body.starts_with('{') || body.starts_with('[') {
        return Ok(From::Timelinejs);
    }
    let header = table::header(text);
    if sheet::detect(&header) {
        return Ok(From::TimelinejsCsv);
    }
    if acled::detect(&header) {
        return Ok(From::Acled);
    }
    let shown: Vec<String> = header.iter().take(24).map(|h| one_line(h)).collect();
    let shown = if shown.is_empty() {
        one_line(&text.chars().take(80).collect::<String>())
    } else {
        shown.join(", ")
    };
    Err(format!(
        "{name}: not a format chronoscope knows. It imports TimelineJS JSON (an object with \"events\"), \
         the TimelineJS sheet template as CSV (Year, Month, Day, …, Headline, Text, …), \
         ACLED exports (event_id_cnty, event_date, event_type, actor1, …), \
         and any CSV with --from csv --map title=COLUMN,date=COLUMN,…. The file begins: {shown}"
    ))
}

/// The text of a file: UTF-8 (a byte-order mark dropped) or UTF-16 with
/// its byte-order mark; anything else is refused, never guessed.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |le: bool| -> Result<String, String> {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "invalid UTF-16".to_string())
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec())
            .map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to() + 3)),
        _ => String::from_utf8(bytes.to_vec())
            .map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to())),
    }
}

/// Lowercase words joined by `-`, at most 60 characters: a tag or an id's tail.
pub fn slug(s: &str) -> String {
    crate::views::slug(s)
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// A URL's host, to name a source that has no credit.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_start_matches("www.")
        .to_string()
}

/// A point from a latitude and a longitude cell, each named for the
/// reason when it is no number in range; none when either is empty.
fn point(lat: (&str, &str), lon: (&str, &str)) -> Result<Option<(f64, f64)>, String> {
    let degrees = |(name, v): (&str, &str), limit: f64| -> Result<Option<f64>, String> {
        if v.is_empty() {
            return Ok(None);
        }
        match v.parse::<f64>() {
            Ok(x) if x.is_finite() && x.abs() <= limit => Ok(Some(x)),
            _ => Err(format!(
                "{name} \"{}\" is not a number from -{limit} to {limit}",
                one_line(v)
            )),
        }
    };
    Ok(degrees(lat, 90.0)?.zip(degrees(lon, 180.0)?))
}

/// Whether a cell's text is a web address a source may link to.
fn is_link(url: &str) -> bool {
    crate::model::web_link(url.trim()).is_some()
}

#[cfg(test)]
mod tests;
