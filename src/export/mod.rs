//! Export: the filtered chronology as text, Markdown, HTML, CSV, JSON,
//! TimelineJS JSON or GeoJSON, and the atomic write that puts it in a file.
//!
//! Every format is a pure function over a `Timeline` and the `Filtered`
//! result of `query::apply`, so `list`, the explorer's `e` key and the
//! non-terminal listing export exactly the events a filter shows. Text from
//! the timeline was sanitized at load and is sanitized again here, at the
//! point of output. This module never imports a terminal library and never
//! writes to a timeline file: `write_atomic` refuses one.

mod catalogue;
mod csv;
mod geojson;
mod html;
mod json;
mod markdown;
mod plain;
mod timelinejs;
mod write;

pub use catalogue::Catalogue;
pub use csv::to_csv;
pub use geojson::to_geojson;
pub use html::to_html;
pub use json::to_json;
pub use markdown::to_markdown;
pub use plain::{cite, to_text};
pub use timelinejs::to_timelinejs;
pub use write::{
    ExportError, Protected, Replace, remove_temporaries, write_atomic, write_new_toml,
};

use std::path::{Path, PathBuf};

use crate::model::{Event, Timeline};
use crate::query::{Combine, Filter, Filtered, SearchMode};

/// What an export says about itself: the filter that chose its events,
/// when it was made and by which chronoscope, so a brief found later can
/// be told from one made today, and repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    /// The filter in words, as the header shows it; empty for none.
    pub filter: Vec<String>,
    /// The filter's parts, for machines.
    pub actors: Vec<String>,
    pub all_actors: bool,
    pub tags: Vec<String>,
    pub places: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub search: String,
    pub highlight: bool,
    /// The person's notes on events (`crate::marks`), by event id: each
    /// export carries the note of every event it holds that has one.
    pub notes: Vec<(String, String)>,
    /// When the export was made, RFC 3339 in local time.
    pub made: String,
    pub version: &'static str,
}

impl About {
    /// The export of `shown`, chosen by `filter`, made at `made`.
    pub fn at(t: &Timeline, filter: &Filter, shown: &Filtered, made: String) -> About {
        About {
            filter: crate::query::describe(t, filter, shown),
            actors: filter
                .actors
                .iter()
                .filter_map(|&a| t.actors.get(a).map(|a| line(&a.id)))
                .collect(),
            all_actors: filter.combine == Combine::All,
            tags: filter
                .tags
                .iter()
                .filter_map(|&g| t.tags.get(g).map(|g| line(g)))
                .collect(),
            places: filter
                .places
                .iter()
                .filter_map(|&p| t.places.get(p).map(|p| line(&p.id)))
                .collect(),
            from: filter.from.map(|d| d.to_edtf()),
            to: filter.to.map(|d| d.to_edtf()),
            search: line(filter.search.trim()),
            highlight: filter.search_mode == SearchMode::Highlight,
            notes: Vec::new(),
            made,
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// The same, made now; or, when `SOURCE_DATE_EPOCH` is set (the
    /// reproducible-builds convention), at that moment in UTC, so the
    /// same export run twice gives the same bytes.
    pub fn now(t: &Timeline, filter: &Filter, shown: &Filtered) -> About {
        let fixed = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0));
        let made = match fixed {
            Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            None => chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        About::at(t, filter, shown, made)
    }

    /// The notes of these marks, to carry in the export.
    pub fn with_notes(mut self, marks: &crate::marks::Marks) -> About {
        self.notes = marks
            .list
            .iter()
            .filter(|m| !m.note.is_empty())
            .map(|m| (m.event.clone(), m.note.clone()))
            .collect();
        self
    }

    /// The note on an event, sanitized for output; empty for none.
    pub fn note(&self, id: &str) -> String {
        self.notes
            .iter()
            .find(|(e, _)| e == id)
            .map(|(_, n)| block(n))
            .unwrap_or_default()
    }

    /// "filter: TTP ∨ PAK · 2021–2023 · exported 2024-01-31T10:00:00+00:00 by chronoscope 0.1.0".
    pub fn sentence(&self) -> String {
        let filter = if self.filter.is_empty() {
            "no filter".to_string()
        } else {
            format!("filter: {}", self.filter.join(" · "))
        };
        format!(
            "{filter} · exported {} by chronoscope {}",
            self.made, self.version
        )
    }
}

/// The formats a chronology can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// One line per event: date, title, actors
    Text,
    /// A brief with a heading per year and sources as footnotes
    Markdown,
    /// One row per event, for spreadsheets
    Csv,
    /// Every field, in chronoscope's documented export shape
    Json,
    /// TimelineJS3 JSON, to publish the chronology on the web
    #[value(name = "timelinejs")]
    TimelineJs,
    /// GeoJSON points, one per event and place, for QGIS and geojson.io
    #[value(name = "geojson")]
    GeoJson,
    /// One self-contained HTML file, readable offline and printable as a handout
    Html,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::TimelineJs,
        Format::GeoJson,
        Format::Html,
    ];

    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::TimelineJs => "timelinejs",
            Format::GeoJson => "geojson",
            Format::Html => "html",
        }
    }

    /// The name a person reads in a menu.
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "Text",
            Format::Markdown => "Markdown",
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::TimelineJs => "TimelineJS",
            Format::GeoJson => "GeoJSON",
            Format::Html => "HTML",
        }
    }

    /// The file extension a file of this format usually has, without the dot.
    pub fn suggested_extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json | Format::TimelineJs => "json",
            Format::GeoJson => "geojson",
            Format::Html => "html",
        }
    }

    /// A file name for an export made on `day`: `chronology-20240131.md`.
    /// TimelineJS gets its own stem so it never replaces a JSON export of the same day.
    pub fn suggested_file_name(self, day: chrono::NaiveDate) -> String {
        let stem = format!("chronology-{}", day.format("%Y%m%d"));
        match self {
            Format::TimelineJs => format!("{stem}.timelinejs.json"),
            _ => format!("{stem}.{}", self.suggested_extension()),
        }
    }

    /// Writes the events `shown` in this format to `out` as each event is
    /// made.
    pub fn render_to(
        self,
        t: &Timeline,
        shown: &Filtered,
        about: &About,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        match self {
            Format::Text => plain::write_text(t, shown, out),
            Format::Markdown => markdown::write_markdown(t, shown, about, out),
            Format::Json => json::write_json(t, shown, about, out),
            Format::Csv => csv::write_csv(t, shown, about, out),
            Format::Html => html::write_html(t, shown, about, out),
            Format::GeoJson => geojson::write_geojson(t, shown, about, out),
            Format::TimelineJs => timelinejs::write_timelinejs(t, shown, about, out),
        }
    }

    /// Renders the events `shown` in this format.
    pub fn render(self, t: &Timeline, shown: &Filtered, about: &About) -> String {
        match self {
            Format::Text => to_text(t, shown),
            Format::Markdown => to_markdown(t, shown, about),
            Format::Csv => to_csv(t, shown, about),
            Format::Json => to_json(t, shown, about),
            Format::TimelineJs => to_timelinejs(t, shown, about),
            Format::GeoJson => to_geojson(t, shown, about),
            Format::Html => to_html(t, shown, about),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Renders the events `shown` and writes them atomically to `path`, never
/// over or into what `protected` names. Returns the absolute path written.
/// A CSV file starts with a UTF-8 byte-order mark, which spreadsheets
/// (Excel above all) read as "this is UTF-8"; standard output gets none.
pub fn export_to(
    format: Format,
    t: &Timeline,
    shown: &Filtered,
    about: &About,
    path: &Path,
    protected: &Protected,
    replace: Replace,
) -> Result<PathBuf, ExportError> {
    write::write_atomic_with(path, protected, replace, &mut |out| {
        if format == Format::Csv {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        format.render_to(t, shown, about, out)
    })
}

thread_local! {
    /// How much a spool holds before it writes out: 64 KiB, and less in
    /// the tests that check a document is the same however it is cut.
    static SPILL_AT: std::cell::Cell<usize> = const { std::cell::Cell::new(1 << 16) };
}

/// Text made a piece at a time and written out as it passes 64 KiB, so
/// an export is never whole in memory. What is written stops short of the
/// text's trailing blank space, which the end of a document may trim.
struct Spool<'a> {
    buf: String,
    out: &'a mut dyn std::io::Write,
}

impl<'a> Spool<'a> {
    fn new(out: &'a mut dyn std::io::Write) -> Spool<'a> {
        Spool {
            buf: String::new(),
            out,
        }
    }

    /// Writes out what is made so far, once there is enough of it.
    fn spill(&mut self) -> std::io::Result<()> {
        if self.buf.len() >= SPILL_AT.with(std::cell::Cell::get) {
            let keep = self.buf.trim_end().len();
            self.out.write_all(&self.buf.as_bytes()[..keep])?;
            self.buf.drain(..keep);
        }
        Ok(())
    }

    /// Writes out the rest.
    fn finish(self) -> std::io::Result<()> {
        self.out.write_all(self.buf.as_bytes())
    }
}

/// A document made by `write` into memory: for the explorer's exports and
/// the tests, which want it whole.
fn whole(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The events shown, in order. Indices outside the timeline (a stale
/// `Filtered` after a reload) are skipped rather than trusted.
fn shown_events<'a>(t: &'a Timeline, shown: &'a Filtered) -> impl Iterator<Item = &'a Event> + 'a {
    shown.events.iter().filter_map(|&i| t.events.get(i))
}

/// An actor's name by index, sanitized; empty for an index out of range.
fn actor_name(t: &Timeline, a: usize) -> String {
    t.actors.get(a).map(|x| line(&x.name)).unwrap_or_default()
}

/// A document's title: the timeline's, sanitized, or "Chronology".
fn title(t: &Timeline) -> String {
    if t.title.is_empty() {
        "Chronology".to_string()
    } else {
        line(&t.title)
    }
}

/// How much of the timeline a document holds, for its head: "12 of 268
/// events, coverage 2007–2024".
fn facts(t: &Timeline, shown: &Filtered) -> String {
    let mut facts = vec![format!(
        "{} of {} events",
        shown.events.len(),
        t.events.len()
    )];
    if let Some(c) = t.coverage {
        facts.push(format!(
            "coverage {}",
            line(&c.from.display_range(Some(&c.to)))
        ));
    }
    facts.join(", ")
}

/// Escapes text for HTML content and attribute values: never markup.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A grade and what it means, apart: ("B2", "usually reliable, probably true").
fn grade_words(g: crate::model::Grade) -> (String, String) {
    let code = g.to_string();
    let described = g.describe();
    let rest = described
        .strip_prefix(&code)
        .unwrap_or("")
        .trim()
        .to_string();
    (code, rest)
}

/// Text that must stay on one line, sanitized for output.
fn line(s: &str) -> String {
    crate::text::one_line(s)
}

/// Text that may hold paragraphs, sanitized for output.
fn block(s: &str) -> String {
    crate::text::sanitize(s).into_owned()
}

#[cfg(test)]
mod tests;
