//! How each kind of field is compared, whatever record holds it: a
//! one-line text, one that may be left out, a word, a long text (reworded
//! word by word), a date with its precision, a set of ids, figures.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::words::{CLIP, clip, reword};
use super::{Change, FieldChange};
use crate::model::{EventDate, Str};
use crate::text::{one_line, sanitize};

pub(super) fn replaced(
    field: &'static str,
    old: Option<String>,
    new: Option<String>,
    quoted: bool,
    old_json: Value,
    new_json: Value,
) -> FieldChange {
    FieldChange {
        field,
        change: Change::Replaced {
            old: old.map(|s| clip(&s, CLIP)),
            new: new.map(|s| clip(&s, CLIP)),
            note: None,
            quoted,
        },
        old: old_json,
        new: new_json,
    }
}

/// A one-line text that is always there: a title, a name.
pub(super) fn text_field(field: &'static str, old: &str, new: &str) -> Option<FieldChange> {
    (old != new).then(|| {
        let (o, n) = (one_line(old), one_line(new));
        let (jo, jn) = (json!(o), json!(n));
        replaced(field, Some(o), Some(n), true, jo, jn)
    })
}

/// A one-line text that may be left out (empty): a location.
pub(super) fn optional_text(field: &'static str, old: &str, new: &str) -> Option<FieldChange> {
    (old != new).then(|| {
        let value = |s: &str| (!s.is_empty()).then(|| one_line(s));
        let (o, n) = (value(old), value(new));
        let (jo, jn) = (json!(o), json!(n));
        replaced(field, o, n, true, jo, jn)
    })
}

/// A word from a fixed list, shown unquoted: an actor's kind.
pub(super) fn word_field(field: &'static str, old: &str, new: &str) -> Option<FieldChange> {
    (old != new).then(|| {
        replaced(
            field,
            Some(old.into()),
            Some(new.into()),
            false,
            json!(old),
            json!(new),
        )
    })
}

/// A text that may run to paragraphs: said in one line; the JSON keeps
/// both texts whole (`null` where empty).
pub(super) fn long_text(field: &'static str, old: &str, new: &str) -> Option<FieldChange> {
    let r = reword(old, new)?;
    let value = |s: &str| match s.trim() {
        "" => Value::Null,
        _ => json!(sanitize(s)),
    };
    Some(FieldChange {
        field,
        change: Change::Reworded(r),
        old: value(old),
        new: value(new),
    })
}

/// A date, with what changed of its precision and qualifier.
pub(super) fn date_field(
    field: &'static str,
    old: Option<EventDate>,
    new: Option<EventDate>,
) -> Option<FieldChange> {
    if old == new {
        return None;
    }
    let mut notes = Vec::new();
    if let (Some(a), Some(b)) = (old, new) {
        if a.precision() != b.precision() {
            notes.push(format!(
                "{} → {} precision",
                a.precision().as_str(),
                b.precision().as_str()
            ));
        }
        if a.qualifier() != b.qualifier() {
            notes.push(format!(
                "{} → {}",
                a.qualifier().as_str(),
                b.qualifier().as_str()
            ));
        }
    }
    let show = |d: Option<EventDate>| d.map(|d| one_line(&d.to_string()));
    Some(FieldChange {
        field,
        change: Change::Replaced {
            old: show(old),
            new: show(new),
            note: (!notes.is_empty()).then(|| notes.join(", ")),
            quoted: false,
        },
        old: date_json(old),
        new: date_json(new),
    })
}

/// A date as the export's JSON writes one, or `null`.
pub(super) fn date_json(d: Option<EventDate>) -> Value {
    match d {
        Some(d) => json!({
            "edtf": d.to_edtf(),
            "precision": d.precision().as_str(),
            "qualifier": d.qualifier().as_str(),
            "display": one_line(&d.to_string()),
        }),
        None => Value::Null,
    }
}

/// A set of ids or names: members added and removed.
pub(super) fn id_set(
    field: &'static str,
    old: Vec<String>,
    new: Vec<String>,
) -> Option<FieldChange> {
    if old == new {
        return None;
    }
    let added = new.iter().filter(|x| !old.contains(x)).cloned().collect();
    let removed = old.iter().filter(|x| !new.contains(x)).cloned().collect();
    Some(FieldChange {
        field,
        change: Change::Members {
            added,
            removed,
            changed: Vec::new(),
        },
        old: json!(old),
        new: json!(new),
    })
}

/// Figures by name: a new figure, one gone, one whose number changed.
pub(super) fn figures(old: &[(Str, u64)], new: &[(Str, u64)]) -> Option<FieldChange> {
    let map = |f: &[(Str, u64)]| -> BTreeMap<String, u64> {
        f.iter().map(|(k, v)| (one_line(k), *v)).collect()
    };
    let (o, n) = (map(old), map(new));
    if o == n {
        return None;
    }
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (k, v) in &n {
        match o.get(k) {
            None => added.push(format!("{k} {v}")),
            Some(w) if w != v => changed.push(format!("{k} {w} → {v}")),
            Some(_) => {}
        }
    }
    for (k, v) in &o {
        if !n.contains_key(k) {
            removed.push(format!("{k} {v}"));
        }
    }
    Some(FieldChange {
        field: "figures",
        change: Change::Members {
            added,
            removed,
            changed,
        },
        old: json!(o),
        new: json!(n),
    })
}
