//! Claims and sources, compared as sets: each member has an identity (a
//! source's publisher and title, a claim's actor, stance and text) and
//! particulars (a source's date, address and grade, a claim's citations).
//! A member on both sides whose particulars differ is changed; one on a
//! side only is added or removed. Reordering is no change.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::fields::actor_id;
use super::words::{CLIP, clip};
use super::{Change, FieldChange};
use crate::model::{Claim, Event, EventDate, Source, Stance, Timeline};
use crate::text::one_line;

/// A source's identity: who published it, under what title.
type SourceKey = (String, String);

fn source_key(s: &Source) -> SourceKey {
    (one_line(&s.publisher), one_line(&s.title))
}

/// "Dawn, “Taliban besiege Peshawar school”".
fn source_name(s: &Source) -> String {
    format!("{}, “{}”", clip(&s.publisher, CLIP), clip(&s.title, CLIP))
}

/// A claim as compared: by whom, how, what, and the sources it cites by
/// their identity (never their numbers, which shift when a source is added).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ClaimView {
    by: String,
    stance: Stance,
    text: String,
    cites: Vec<SourceKey>,
}

fn claim_view(t: &Timeline, e: &Event, c: &Claim) -> ClaimView {
    let mut cites: Vec<SourceKey> = c
        .sources
        .iter()
        .filter_map(|&i| e.sources.get(i))
        .map(source_key)
        .collect();
    cites.sort();
    cites.dedup();
    ClaimView {
        by: actor_id(t, c.by).map(one_line).unwrap_or_default(),
        stance: c.stance,
        text: one_line(&c.text),
        cites,
    }
}

impl ClaimView {
    fn identity(&self) -> (String, Stance, String) {
        (self.by.clone(), self.stance, self.text.clone())
    }

    /// "ttp asserts “Said the attack avenged…”".
    fn said(&self) -> String {
        format!(
            "{} {} “{}”",
            self.by,
            self.stance.as_str(),
            clip(&self.text, CLIP)
        )
    }

    fn show(&self) -> String {
        match self.cites.is_empty() {
            true => self.said(),
            false => format!("{} (cites {})", self.said(), cites(&self.cites, false)),
        }
    }

    fn json(&self) -> Value {
        let cites: Vec<Value> = self
            .cites
            .iter()
            .map(|(p, t)| json!({ "publisher": p, "title": t }))
            .collect();
        json!({
            "by": self.by,
            "stance": self.stance.as_str(),
            "text": self.text,
            "sources": cites,
        })
    }
}

/// The sources a claim cites, by publisher, or with their titles too.
fn cites(keys: &[SourceKey], titles: bool) -> String {
    if keys.is_empty() {
        return "none".to_string();
    }
    let mut names: Vec<String> = keys
        .iter()
        .map(|(p, t)| match titles {
            true => format!("{}, “{}”", clip(p, CLIP), clip(t, CLIP)),
            false => clip(p, CLIP),
        })
        .collect();
    names.dedup();
    names.join("; ")
}

pub(super) fn claims(ot: &Timeline, o: &Event, nt: &Timeline, n: &Event) -> Option<FieldChange> {
    let view = |t: &Timeline, e: &Event| -> Vec<ClaimView> {
        let mut v: Vec<ClaimView> = e.claims.iter().map(|c| claim_view(t, e, c)).collect();
        v.sort();
        v
    };
    let (old, new) = (view(ot, o), view(nt, n));
    let change = members(&old, &new, ClaimView::identity, ClaimView::show, |a, b| {
        // Said by publisher when that tells the two apart, else with titles.
        let (mut was, mut now) = (cites(&a.cites, false), cites(&b.cites, false));
        if was == now {
            (was, now) = (cites(&a.cites, true), cites(&b.cites, true));
        }
        format!("{}: cites {was} → {now}", a.said())
    })?;
    Some(FieldChange {
        field: "claims",
        change,
        old: Value::Array(old.iter().map(ClaimView::json).collect()),
        new: Value::Array(new.iter().map(ClaimView::json).collect()),
    })
}

/// A source as compared: its identity, then its particulars.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SourceView {
    publisher: String,
    title: String,
    date: Option<EventDate>,
    url: Option<String>,
    grade: Option<String>,
    name: String,
}

fn source_view(s: &Source) -> SourceView {
    let (publisher, title) = source_key(s);
    SourceView {
        publisher,
        title,
        date: s.date,
        url: s.url.as_deref().map(one_line),
        grade: s.grade.map(|g| g.to_string()),
        name: source_name(s),
    }
}

impl SourceView {
    fn identity(&self) -> SourceKey {
        (self.publisher.clone(), self.title.clone())
    }

    /// "Dawn, “Title”, 16 Dec 2014, B2, https://…".
    fn show(&self) -> String {
        let mut parts = vec![self.name.clone()];
        parts.extend(self.date.map(|d| one_line(&d.to_string())));
        parts.extend(self.grade.clone());
        parts.extend(self.url.as_deref().map(|u| clip(u, CLIP)));
        parts.join(", ")
    }

    fn json(&self) -> Value {
        json!({
            "publisher": self.publisher,
            "title": self.title,
            "date": self.date.map(|d| d.to_edtf()),
            "url": self.url,
            "grade": self.grade,
        })
    }
}

pub(super) fn sources(old: &[Source], new: &[Source]) -> Option<FieldChange> {
    let view = |s: &[Source]| -> Vec<SourceView> {
        let mut v: Vec<SourceView> = s.iter().map(source_view).collect();
        v.sort();
        v
    };
    let (old, new) = (view(old), view(new));
    let change = members(
        &old,
        &new,
        SourceView::identity,
        SourceView::show,
        |a, b| {
            let show = |v: Option<String>| v.unwrap_or_else(|| "none".to_string());
            let date = |d: Option<EventDate>| d.map(|d| one_line(&d.to_string()));
            let url = |u: &Option<String>| u.as_deref().map(|u| clip(u, CLIP));
            let mut what = Vec::new();
            for (name, was, now) in [
                ("date", date(a.date), date(b.date)),
                ("grade", a.grade.clone(), b.grade.clone()),
                ("url", url(&a.url), url(&b.url)),
            ] {
                if was != now {
                    what.push(format!("{name} {} → {}", show(was), show(now)));
                }
            }
            format!("{}: {}", a.name, what.join("; "))
        },
    )?;
    Some(FieldChange {
        field: "sources",
        change,
        old: Value::Array(old.iter().map(SourceView::json).collect()),
        new: Value::Array(new.iter().map(SourceView::json).collect()),
    })
}

/// Two sorted multisets compared: members on both sides alike drop out;
/// of the rest, those whose identity is on both sides are paired (in
/// order) as changed, the others are added or removed. `None` when the
/// sets are equal.
pub(super) fn members<T: Ord, I: Ord>(
    old: &[T],
    new: &[T],
    identity: impl Fn(&T) -> I,
    show: impl Fn(&T) -> String,
    changed: impl Fn(&T, &T) -> String,
) -> Option<Change> {
    if old == new {
        return None;
    }
    // Both are sorted: a merge drops what both hold.
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => (i, j) = (i + 1, j + 1),
            (Some(a), Some(b)) if a < b => {
                gone.push(a);
                i += 1;
            }
            (Some(_), Some(b)) | (None, Some(b)) => {
                came.push(b);
                j += 1;
            }
            (Some(a), None) => {
                gone.push(a);
                i += 1;
            }
            (None, None) => break,
        }
    }
    let mut by_identity: BTreeMap<I, (Vec<&T>, Vec<&T>)> = BTreeMap::new();
    for a in gone {
        by_identity.entry(identity(a)).or_default().0.push(a);
    }
    for b in came {
        by_identity.entry(identity(b)).or_default().1.push(b);
    }
    let (mut added, mut removed, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    for (was, now) in by_identity.values() {
        let pairs = was.len().min(now.len());
        for (a, b) in was.iter().zip(now.iter()) {
            changes.push(changed(a, b));
        }
        removed.extend(was[pairs..].iter().map(|a| show(a)));
        added.extend(now[pairs..].iter().map(|b| show(b)));
    }
    Some(Change::Members {
        added,
        removed,
        changed: changes,
    })
}
