//! Export: the filtered chronology as text, Markdown, CSV, JSON or
//! TimelineJS JSON, and the atomic write that puts it in a file.
//!
//! Every format is a pure function over a `Timeline` and the `Filtered`
//! result of `query::apply`, so `list`, the explorer's `e` key and the
//! non-terminal listing export exactly the events a filter shows. Text from
//! the timeline was sanitized at load and is sanitized again here, at the
//! point of output. This module never imports a terminal library and never
//! writes to a timeline file: `write_atomic` refuses one.

mod csv;
mod json;
mod markdown;
mod text;
mod timelinejs;
mod write;

pub use csv::to_csv;
pub use json::to_json;
pub use markdown::to_markdown;
pub use text::to_text;
pub use timelinejs::to_timelinejs;
pub use write::{ExportError, write_atomic};

use std::path::{Path, PathBuf};

use crate::model::{Event, Timeline};
use crate::query::Filtered;

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
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::TimelineJs,
    ];

    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::TimelineJs => "timelinejs",
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
        }
    }

    /// The file extension a file of this format usually has, without the dot.
    pub fn suggested_extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json | Format::TimelineJs => "json",
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

    /// Renders the events `shown` in this format.
    pub fn render(self, t: &Timeline, shown: &Filtered) -> String {
        match self {
            Format::Text => to_text(t, shown),
            Format::Markdown => to_markdown(t, shown),
            Format::Csv => to_csv(t, shown),
            Format::Json => to_json(t, shown),
            Format::TimelineJs => to_timelinejs(t, shown),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Renders the events `shown` and writes them atomically to `path`, which
/// must not be one of the timeline's `sources`. Returns the absolute path written.
pub fn export_to(
    format: Format,
    t: &Timeline,
    shown: &Filtered,
    path: &Path,
    sources: &[PathBuf],
) -> Result<PathBuf, ExportError> {
    write_atomic(path, &format.render(t, shown), sources)
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
