//! What changed between two versions of a timeline: `chronoscope diff OLD
//! NEW`.
//!
//! Each side is a file, a folder or `REV:PATH` read from git (`side.rs`),
//! loaded as any timeline is; `compare` then matches events, actors,
//! places and tours by id. An id on one side only is added or removed (a
//! renamed id is both), and an id on both sides is changed when one of its
//! fields differs (`fields.rs`). Sets — an event's actors, places, tags,
//! claims and sources — are compared as sets, so reordering them is no
//! change, and their members are listed in a stable order. A long text (a
//! summary, details) that changed is said in one line (`words.rs`).
//!
//! The result renders as text, Markdown or JSON (`render.rs`, `json.rs`).
//! Every string taken from a timeline is sanitized when the diff is built,
//! and again where it is written, so no control character reaches a
//! terminal or a file. Editor notes are left out, as every export leaves
//! them out.

mod fields;
mod json;
mod render;
mod sets;
mod side;
mod values;
mod words;

pub use json::{FORMAT_NAME, VERSION, to_json};
pub use render::{to_markdown, to_text};
pub use side::{GitError, Side, SideError, Spec, read_side};

use std::path::{Path, PathBuf};

use crate::model::{EventDate, Timeline};
use crate::text::one_line;

/// The formats a diff is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum DiffFormat {
    /// Grouped lists with a summary line, coloured on a terminal
    Text,
    /// A "what changed" brief
    Markdown,
    /// The `chronoscope-diff` shape, for scripts
    Json,
}

impl DiffFormat {
    /// Renders `diff` in this format; `color` applies to text only.
    pub fn render(self, diff: &Diff, labels: &Labels, color: bool) -> String {
        match self {
            DiffFormat::Text => to_text(diff, labels, color),
            DiffFormat::Markdown => to_markdown(diff, labels),
            DiffFormat::Json => to_json(diff, labels),
        }
    }
}

/// What the two sides are called in the output: the arguments as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    pub old: String,
    pub new: String,
}

impl Labels {
    /// The labels, each sanitized onto one line.
    pub fn new(old: &str, new: &str) -> Labels {
        Labels {
            old: one_line(old),
            new: one_line(new),
        }
    }
}

/// Everything that changed from one timeline to another.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The new timeline's title (the old one's when it has none).
    pub title: String,
    /// The `[timeline]` table's fields that changed: title, summary, coverage.
    pub timeline: Vec<FieldChange>,
    pub events: Section,
    pub actors: Section,
    pub places: Section,
    pub tours: Section,
}

/// The records of one kind added, removed and changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    /// In the new timeline's order: events chronologically, the rest by id.
    pub added: Vec<Entry>,
    /// In the old timeline's order.
    pub removed: Vec<Entry>,
    /// In the new timeline's order.
    pub changed: Vec<Changed>,
}

impl Section {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// What kind of record a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Event,
    Actor,
    Place,
    Tour,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Event, Kind::Actor, Kind::Place, Kind::Tour];

    /// "event", "events".
    pub fn noun(self, n: usize) -> &'static str {
        match (self, n == 1) {
            (Kind::Event, true) => "event",
            (Kind::Event, false) => "events",
            (Kind::Actor, true) => "actor",
            (Kind::Actor, false) => "actors",
            (Kind::Place, true) => "place",
            (Kind::Place, false) => "places",
            (Kind::Tour, true) => "tour",
            (Kind::Tour, false) => "tours",
        }
    }

    /// "Events", as a heading starts.
    pub fn heading(self) -> &'static str {
        match self {
            Kind::Event => "Events",
            Kind::Actor => "Actors",
            Kind::Place => "Places",
            Kind::Tour => "Tours",
        }
    }
}

/// A record as the diff names it: its id, its date (events only) and its
/// title (events, tours) or name (actors, places), sanitized.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    /// The event's date and end; `None` for actors, places and tours.
    pub date: Option<(EventDate, Option<EventDate>)>,
    pub label: String,
}

impl Entry {
    /// The date as a reader sees it, "16–17 Dec 2014"; empty when undated.
    pub fn when(&self) -> String {
        self.date
            .map(|(d, end)| one_line(&d.display_range(end.as_ref())))
            .unwrap_or_default()
    }
}

/// A record on both sides whose fields differ, named as on the new side.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub entry: Entry,
    /// In the order the format lists the fields.
    pub fields: Vec<FieldChange>,
}

/// One field that changed: how, for a person, and both values, for machines.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field's name as the format writes it: "date", "summary", "claims".
    pub field: &'static str,
    pub change: Change,
    /// The whole old and new values (`null` where absent), sanitized.
    pub old: serde_json::Value,
    pub new: serde_json::Value,
}

/// How a field changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A short value replaced: shown `old → new`; `None` where absent.
    /// `note` says more, such as a date's change of precision; `quoted`
    /// values are text (a title, a name) and are shown in quotes.
    Replaced {
        old: Option<String>,
        new: Option<String>,
        note: Option<String>,
        quoted: bool,
    },
    /// A long text changed, said in one line (see `Rewording`).
    Reworded(Rewording),
    /// Members of a set added and removed, and members whose identity
    /// stayed but whose particulars changed (a source's grade, a claim's
    /// citations), each one line, sorted.
    Members {
        added: Vec<String>,
        removed: Vec<String>,
        changed: Vec<String>,
    },
}

/// A long text's change in one line: its lengths, and the first words
/// where the two differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewording {
    pub old_chars: usize,
    pub new_chars: usize,
    /// The first differing words of each side, clipped; empty when that
    /// side has none there (words were only added, or only cut).
    pub old_words: String,
    pub new_words: String,
}

impl Change {
    /// The change in one line, without the field's name: "24 Dec 2014 →
    /// Dec 2014 (day → month precision)", "reworded (71 → 80 characters):
    /// “mostly” → “149 people, mostly”", "+ pakistan-army, − ttp".
    pub fn describe(&self) -> String {
        match self {
            Change::Replaced {
                old,
                new,
                note,
                quoted,
            } => {
                let show = |v: &Option<String>| match v {
                    Some(s) if *quoted => format!("“{s}”"),
                    Some(s) => s.clone(),
                    None => "none".to_string(),
                };
                let note = note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default();
                format!("{} → {}{note}", show(old), show(new))
            }
            Change::Reworded(r) => r.describe(),
            Change::Members {
                added,
                removed,
                changed,
            } => {
                let parts: Vec<String> = added
                    .iter()
                    .map(|m| format!("+ {m}"))
                    .chain(removed.iter().map(|m| format!("− {m}")))
                    .chain(changed.iter().map(|m| format!("~ {m}")))
                    .collect();
                parts.join(", ")
            }
        }
    }
}

impl Rewording {
    /// "reworded (312 → 340 characters): “mostly children” → “149
    /// people”", "added (120 characters): “Seven gunmen…”".
    pub fn describe(&self) -> String {
        let quote = |s: &str| format!("“{s}”");
        match (self.old_chars, self.new_chars) {
            (0, n) => format!("added ({n} characters): {}", quote(&self.new_words)),
            (n, 0) => format!("removed ({n} characters)"),
            (a, b) => {
                let how = match (self.old_words.is_empty(), self.new_words.is_empty()) {
                    (true, true) => "spacing only".to_string(),
                    (true, false) => format!("added {}", quote(&self.new_words)),
                    (false, true) => format!("cut {}", quote(&self.old_words)),
                    (false, false) => {
                        format!("{} → {}", quote(&self.old_words), quote(&self.new_words))
                    }
                };
                format!("reworded ({a} → {b} characters): {how}")
            }
        }
    }
}

impl Diff {
    /// True when the two timelines hold the same records with the same fields.
    pub fn is_empty(&self) -> bool {
        self.timeline.is_empty() && Kind::ALL.into_iter().all(|k| self.section(k).is_empty())
    }

    pub fn section(&self, kind: Kind) -> &Section {
        match kind {
            Kind::Event => &self.events,
            Kind::Actor => &self.actors,
            Kind::Place => &self.places,
            Kind::Tour => &self.tours,
        }
    }

    /// "3 events added, 1 removed, 5 changed; 1 actor added; timeline:
    /// summary changed", or "no changes".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for kind in Kind::ALL {
            let s = self.section(kind);
            let counts = [
                (s.added.len(), "added"),
                (s.removed.len(), "removed"),
                (s.changed.len(), "changed"),
            ];
            let said: Vec<String> = counts
                .into_iter()
                .filter(|(n, _)| *n > 0)
                .enumerate()
                .map(|(i, (n, how))| match i {
                    0 => format!("{n} {} {how}", kind.noun(n)),
                    _ => format!("{n} {how}"),
                })
                .collect();
            if !said.is_empty() {
                parts.push(said.join(", "));
            }
        }
        if !self.timeline.is_empty() {
            let names: Vec<&str> = self.timeline.iter().map(|f| f.field).collect();
            parts.push(format!("timeline {} changed", names.join(", ")));
        }
        if parts.is_empty() {
            "no changes".to_string()
        } else {
            parts.join("; ")
        }
    }
}

/// Compares two loaded timelines by id. Both are taken as loaded: a
/// timeline with errors compares what did load. Saved views are not
/// compared: they are ways of looking at the chronology, not part of it,
/// and a changed view changes no event, actor, place or tour.
pub fn compare(old: &Timeline, new: &Timeline) -> Diff {
    let title = if new.title.is_empty() {
        &old.title
    } else {
        &new.title
    };
    Diff {
        title: one_line(title),
        timeline: fields::timeline(old, new),
        events: fields::events(old, new),
        actors: fields::actors(old, new),
        places: fields::places(old, new),
        tours: fields::tours(old, new),
    }
}

/// What changed in `now` since the version `arg` names: a path to an
/// older copy, `REV:PATH`, or a git revision of the same paths (the
/// bundled timeline's are `timelines/`, read from the repository here).
pub fn since(arg: &str, paths: &[PathBuf], now: &Timeline) -> Result<Diff, String> {
    let shown = one_line(arg);
    let old: PathBuf = if Path::new(arg).exists() || arg.contains(':') {
        PathBuf::from(arg)
    } else {
        let path = match paths {
            [] => PathBuf::from("timelines"),
            [p] => p.clone(),
            _ => {
                return Err(format!(
                    "--since {shown} with several paths: give an older copy's path, or REV:PATH"
                ));
            }
        };
        let path = if path.is_relative() && !path.starts_with(".") {
            Path::new(".").join(path)
        } else {
            path
        };
        PathBuf::from(format!("{arg}:{}", path.display()))
    };
    let side = read_side(&old).map_err(|e| format!("--since {shown}: {e}"))?;
    let loaded = crate::load::load(side.inputs);
    if loaded.errors() > 0 {
        return Err(format!(
            "--since {shown}: that version has {} errors; `chronoscope check` on it shows them",
            loaded.errors()
        ));
    }
    Ok(compare(&loaded.timeline, now))
}

#[cfg(test)]
mod tests;
