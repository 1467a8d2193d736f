//! `chronoscope import`: a chronology from another tool into a new
//! timeline folder that `check` passes and the explorer opens. Each format
//! reads into rows (`Row`), skipping what it cannot read with the reason
//! (`RowError`); `write` turns the rows into `timeline.toml` and events
//! split by year, never into a folder that holds anything.
//!
//! Formats: TimelineJS3 JSON (`timelinejs`). Ids are made from the date
//! and the title, so importing the same file again gives the same ids.

mod timelinejs;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::marks::toml_string;
use crate::model::EventDate;

pub use timelinejs::plain;

/// What a file gave: the timeline's title and summary, its events, and
/// what was skipped, and why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub title: String,
    pub summary: String,
    pub rows: Vec<Row>,
    pub skipped: Vec<RowError>,
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
    pub source: Option<Source>,
    /// What the format held that the timeline format has no field for.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    pub url: String,
}

/// A row not imported: where it is (a JSON path, a CSV line) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub at: String,
    pub why: String,
}

/// Reads a file of a known format, or says which formats chronoscope reads.
pub fn read(name: &str, bytes: &[u8]) -> Result<Imported, String> {
    let text = decode(bytes)?;
    let json: Result<serde_json::Value, _> = serde_json::from_str(&text);
    match json {
        Ok(v) if timelinejs::detect(&v) => Ok(timelinejs::import(&v)),
        Ok(_) => Err(format!(
            "{name}: a JSON document without \"events\": chronoscope imports TimelineJS JSON (an object with an \"events\" array)"
        )),
        Err(e) => {
            let head: String = crate::text::one_line(&text.chars().take(80).collect::<String>());
            Err(format!(
                "{name}: not TimelineJS JSON ({e}); chronoscope imports TimelineJS JSON. The file begins: {head}"
            ))
        }
    }
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

/// Writes the rows as a timeline folder at `dir`, which must not exist or
/// be empty: `timeline.toml` and one `events-YYYY.toml` per year.
pub fn write(dir: &Path, imported: &Imported, title: &str, origin: &str) -> Result<usize, String> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!(
                "{} is not empty: import writes only into a new or empty folder",
                dir.display()
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut meta = String::from("[timeline]\n");
    let _ = writeln!(meta, "title = {}", toml_string(title));
    let mut summary = imported.summary.trim().to_string();
    if !summary.is_empty() {
        summary.push_str("\n\n");
    }
    summary.push_str(&format!("Imported by chronoscope from {origin}."));
    let _ = writeln!(meta, "summary = {}", toml_string(&summary));
    write_file(&dir.join("timeline.toml"), &meta)?;
    let mut ids = HashSet::new();
    let mut rows: Vec<&Row> = imported.rows.iter().collect();
    rows.sort_by_key(|r| (r.date, r.title.clone()));
    let mut by_year: Vec<(u16, String)> = Vec::new();
    for r in rows {
        let year = r.date.year();
        if by_year.last().is_none_or(|(y, _)| *y != year) {
            by_year.push((year, String::new()));
        }
        let Some((_, text)) = by_year.last_mut() else {
            continue;
        };
        event(text, r, &mut ids);
    }
    for (year, text) in &by_year {
        write_file(&dir.join(format!("events-{year}.toml")), text)?;
    }
    Ok(imported.rows.len())
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    tmp.persist_noclobber(path)
        .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(())
}

/// An id from the date and the title, made unique by a number.
fn id_for(r: &Row, ids: &mut HashSet<String>) -> String {
    let mut base = format!(
        "{}-{}",
        r.date.to_edtf().trim_end_matches(['~', '?']),
        slug(&r.title)
    );
    if base.ends_with('-') {
        base.push_str("event");
    }
    let mut id = base.clone();
    let mut n = 2;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn event(out: &mut String, r: &Row, ids: &mut HashSet<String>) {
    out.push_str("[[events]]\n");
    let _ = writeln!(out, "id = {}", toml_string(&id_for(r, ids)));
    let _ = writeln!(out, "date = {}", toml_string(&r.date.to_edtf()));
    if let Some(end) = r.end {
        let _ = writeln!(out, "end = {}", toml_string(&end.to_edtf()));
    }
    let _ = writeln!(
        out,
        "title = {}",
        toml_string(&crate::text::one_line(&r.title))
    );
    let _ = writeln!(out, "summary = {}", toml_string(&r.summary));
    if !r.details.is_empty() {
        let _ = writeln!(out, "details = {}", toml_string(&r.details));
    }
    let mut tags: Vec<&String> = r.tags.iter().collect();
    tags.sort();
    tags.dedup();
    if !tags.is_empty() {
        let t: Vec<String> = tags.iter().map(|t| toml_string(t)).collect();
        let _ = writeln!(out, "tags = [{}]", t.join(", "));
    }
    if !r.notes.is_empty() {
        let _ = writeln!(out, "editor_note = {}", toml_string(&r.notes.join("\n\n")));
    }
    if let Some(s) = &r.source {
        out.push_str("\n[[events.sources]]\n");
        let _ = writeln!(
            out,
            "publisher = {}",
            toml_string(&crate::text::one_line(&s.publisher))
        );
        let _ = writeln!(
            out,
            "title = {}",
            toml_string(&crate::text::one_line(&s.title))
        );
        let _ = writeln!(out, "url = {}", toml_string(&s.url));
    }
    out.push('\n');
}
