//! A diff as JSON, in the `chronoscope-diff` shape that README.md
//! ("What changed: diff") documents and `version` guards:
//!
//! ```json
//! { "format": "chronoscope-diff", "version": 1,
//!   "old": "HEAD~1:timelines", "new": "timelines", "title": "…",
//!   "changed": true, "summary": "1 event added, 1 changed",
//!   "timeline": [ field, … ],
//!   "events": { "added": [ {"id", "date", "end", "title"} ],
//!               "removed": [ … ],
//!               "changed": [ {"id", "date", "end", "title", "fields": [ field, … ]} ] },
//!   "actors": { … {"id", "name"} … }, "places": { … {"id", "name"} … },
//!   "tours": { … {"id", "title"} … } }
//! ```
//!
//! where a field is `{"field", "summary", "old", "new"}`, plus `"added"`,
//! `"removed"` and `"changed"` (lists of lines) for the fields that are
//! sets. Adding a key is compatible and keeps version 1; renaming or
//! removing one, or changing its meaning, needs version 2.

use serde::Serialize;
use serde_json::{Value, json};

use super::values::date_json;
use super::{Change, Diff, Entry, FieldChange, Kind, Labels};
use crate::text::one_line;

/// The value of `format`.
pub const FORMAT_NAME: &str = "chronoscope-diff";
/// The shape's version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document {
    format: &'static str,
    version: u32,
    old: String,
    new: String,
    title: String,
    changed: bool,
    summary: String,
    timeline: Vec<FieldJson>,
    events: SectionJson,
    actors: SectionJson,
    places: SectionJson,
    tours: SectionJson,
}

#[derive(Serialize)]
struct SectionJson {
    added: Vec<EntryJson>,
    removed: Vec<EntryJson>,
    changed: Vec<EntryJson>,
}

/// An event as `{id, date, end, title}`; an actor or place as `{id,
/// name}`; a tour as `{id, title}`; with `fields` when it changed.
#[derive(Serialize)]
struct EntryJson {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<FieldJson>>,
}

#[derive(Serialize)]
struct FieldJson {
    field: &'static str,
    summary: String,
    old: Value,
    new: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    added: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<Vec<String>>,
}

/// The diff as pretty JSON, ending in a newline.
pub fn to_json(diff: &Diff, labels: &Labels) -> String {
    let section = |kind: Kind| {
        let s = diff.section(kind);
        SectionJson {
            added: s.added.iter().map(|e| entry(kind, e, None)).collect(),
            removed: s.removed.iter().map(|e| entry(kind, e, None)).collect(),
            changed: s
                .changed
                .iter()
                .map(|c| entry(kind, &c.entry, Some(&c.fields)))
                .collect(),
        }
    };
    let doc = Document {
        format: FORMAT_NAME,
        version: VERSION,
        old: one_line(&labels.old),
        new: one_line(&labels.new),
        title: one_line(&diff.title),
        changed: !diff.is_empty(),
        summary: diff.summary(),
        timeline: fields(&diff.timeline),
        events: section(Kind::Event),
        actors: section(Kind::Actor),
        places: section(Kind::Place),
        tours: section(Kind::Tour),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        // Cannot happen: every key is a string and no value fails to serialise.
        json!({ "format": FORMAT_NAME, "error": e.to_string() }).to_string()
    });
    text.push('\n');
    text
}

fn entry(kind: Kind, e: &Entry, changed: Option<&[FieldChange]>) -> EntryJson {
    let label = Some(one_line(&e.label));
    let (title, name) = match kind {
        Kind::Actor | Kind::Place => (None, label),
        Kind::Event | Kind::Tour => (label, None),
    };
    EntryJson {
        id: one_line(&e.id),
        date: e.date.map(|(d, _)| date_json(Some(d))),
        end: e.date.map(|(_, end)| date_json(end)),
        title,
        name,
        fields: changed.map(fields),
    }
}

fn fields(fs: &[FieldChange]) -> Vec<FieldJson> {
    fs.iter()
        .map(|f| {
            let mut j = FieldJson {
                field: f.field,
                summary: one_line(&f.change.describe()),
                old: f.old.clone(),
                new: f.new.clone(),
                added: None,
                removed: None,
                changed: None,
            };
            if let Change::Members {
                added,
                removed,
                changed,
            } = &f.change
            {
                j.added = Some(added.clone());
                j.removed = Some(removed.clone());
                j.changed = Some(changed.clone());
            }
            j
        })
        .collect()
}
