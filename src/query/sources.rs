//! Filters on sources and claims — contested events, a stance (by an
//! actor), a minimum Admiralty grade, weakly sourced events — and the
//! words the header and exports use for them and for a view "as known on"
//! a day. FORMAT.md ("Sources and the Admiralty grade") gives the rules.

use super::Filter;
use crate::model::{ActorIx, Event, Grade, Stance, Timeline};

/// Events with a claim of a stance, by an actor; either may be left open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimFilter {
    pub stance: Option<Stance>,
    pub by: Option<ActorIx>,
}

impl ClaimFilter {
    pub(super) fn keeps(&self, e: &Event) -> bool {
        e.claims
            .iter()
            .any(|c| self.stance.is_none_or(|s| s == c.stance) && self.by.is_none_or(|a| a == c.by))
    }
}

/// How many events each filter on sources and claims hides, taken in
/// the order the header lists them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceHidden {
    pub contested: usize,
    pub claim: usize,
    pub grade: usize,
    pub weak: usize,
    pub publisher: usize,
}

/// Applies the filters on sources and claims to the events still kept,
/// each in turn, counting what each one hides.
pub(super) fn restrict_by_sources(t: &Timeline, f: &Filter, keep: &mut [bool]) -> SourceHidden {
    let mut hidden = SourceHidden::default();
    for (e, k) in t.events.iter().zip(keep.iter_mut()) {
        if !*k {
            continue;
        }
        // The first filter that rejects the event hides it; the rest are not asked.
        let count = if f.contested && !e.has_conflict() {
            &mut hidden.contested
        } else if f.claim.is_some_and(|c| !c.keeps(e)) {
            &mut hidden.claim
        } else if f.min_grade.is_some_and(|min| {
            !e.sources
                .iter()
                .any(|s| s.grade.is_some_and(|g| g.at_least(min)))
        }) {
            &mut hidden.grade
        } else if f.weakly_sourced && !e.is_weakly_sourced() {
            &mut hidden.weak
        } else if f.publisher.as_ref().is_some_and(|p| !p.keeps(e)) {
            &mut hidden.publisher
        } else {
            continue;
        };
        *count += 1;
        *k = false;
    }
    hidden
}

/// "as known on 16 Dec 2014 (230 not yet reported, 3 hidden: undated sources)",
/// when the timeline is viewed as known on a day.
pub fn known_on(t: &Timeline) -> Option<String> {
    let k = t.known_on?;
    let mut hidden = Vec::new();
    if k.later > 0 {
        hidden.push(format!("{} not yet reported", k.later));
    }
    if k.undated > 0 {
        hidden.push(format!("{} hidden: undated sources", k.undated));
    }
    let mut s = format!("as known on {}", k.day);
    if !hidden.is_empty() {
        s.push_str(&format!(" ({})", hidden.join(", ")));
    }
    Some(s)
}

/// The filters on sources and claims as words, each with what it hides:
/// "≠ contested (230 hidden)", "denies by TTP", "grade ≥ B2", "weakly sourced".
pub(super) fn describe_sources(t: &Timeline, f: &Filter, hidden: &SourceHidden) -> Vec<String> {
    let with = |s: String, n: usize| match n {
        0 => s,
        n => format!("{s} ({n} hidden)"),
    };
    let mut parts = Vec::new();
    if f.contested {
        parts.push(with("≠ contested".into(), hidden.contested));
    }
    if let Some(c) = f.claim {
        let by = c.by.and_then(|a| t.actors.get(a)).map(|a| a.short.as_str());
        let words = match (c.stance, by) {
            (Some(s), Some(by)) => format!("{by} {}", s.as_str()),
            (Some(s), None) => s.plural().to_string(),
            (None, Some(by)) => format!("claims by {by}"),
            (None, None) => "claims".to_string(),
        };
        parts.push(with(words, hidden.claim));
    }
    if let Some(g) = f.min_grade {
        parts.push(with(format!("grade ≥ {g}"), hidden.grade));
    }
    if f.weakly_sourced {
        parts.push(with("weakly sourced".into(), hidden.weak));
    }
    if let Some(p) = &f.publisher {
        parts.push(with(p.words(), hidden.publisher));
    }
    parts
}

/// What the explorer's sources prompt asks for, typed as words in any
/// order: a grade ("B2"), a stance ("denies"), "by" and an actor,
/// "contested", "weak". Empty clears them all.
pub fn parse_sources(t: &Timeline, text: &str, f: &mut Filter) -> Result<(), String> {
    let mut words = text.split_whitespace().peekable();
    let mut next = Filter::default();
    let mut claim = ClaimFilter {
        stance: None,
        by: None,
    };
    while let Some(w) = words.next() {
        if let Some(word) = keyword(w) {
            match word {
                Keyword::Grade(g) => next.min_grade = Some(g),
                Keyword::Stance(s) => claim.stance = Some(s),
                Keyword::Contested => next.contested = true,
                Keyword::Weak => next.weakly_sourced = true,
                // The second word of "weakly sourced".
                Keyword::Sourced => {}
            }
        } else if w.eq_ignore_ascii_case("by") {
            // The actor's name runs to the next word the prompt knows.
            let mut name: Vec<&str> = Vec::new();
            while let Some(n) = words.next_if(|n| keyword(n).is_none()) {
                name.push(n);
            }
            let name = name.join(" ");
            claim.by = match t.actors_named(&name)[..] {
                [a] => Some(a),
                [] if name.is_empty() => return Err("by whom? type an actor after \"by\"".into()),
                [] => {
                    return Err(format!(
                        "no actor is called \"{}\"",
                        crate::text::one_line(&name)
                    ));
                }
                _ => {
                    return Err(format!(
                        "\"{}\" names several actors; type its id",
                        crate::text::one_line(&name)
                    ));
                }
            };
        } else {
            return Err(format!(
                "\"{}\" is not a grade (B2), a stance (asserts, confirms, denies, disputes), by ACTOR, contested or weak",
                crate::text::one_line(w)
            ));
        }
    }
    f.contested = next.contested;
    f.weakly_sourced = next.weakly_sourced;
    f.min_grade = next.min_grade;
    f.claim = (claim.stance.is_some() || claim.by.is_some()).then_some(claim);
    Ok(())
}

/// A word the sources prompt knows, other than "by".
enum Keyword {
    Grade(Grade),
    Stance(Stance),
    Contested,
    Weak,
    Sourced,
}

fn keyword(w: &str) -> Option<Keyword> {
    let lower = w.to_lowercase();
    if let Some(g) = Grade::parse(&w.to_uppercase()) {
        return Some(Keyword::Grade(g));
    }
    if let Some(s) = Stance::parse(&lower) {
        return Some(Keyword::Stance(s));
    }
    match lower.as_str() {
        "contested" | "≠" => Some(Keyword::Contested),
        "weak" | "weakly" | "weakly-sourced" => Some(Keyword::Weak),
        "sourced" => Some(Keyword::Sourced),
        _ => None,
    }
}

/// The sources filter as the prompt reads it back: "B2 denies by ttp".
pub fn sources_text(t: &Timeline, f: &Filter) -> String {
    let mut words: Vec<String> = Vec::new();
    if f.contested {
        words.push("contested".into());
    }
    if let Some(g) = f.min_grade {
        words.push(g.to_string());
    }
    if f.weakly_sourced {
        words.push("weak".into());
    }
    if let Some(c) = f.claim {
        words.extend(c.stance.map(|s| s.as_str().to_string()));
        if let Some(a) = c.by.and_then(|a| t.actors.get(a)) {
            words.push(format!("by {}", a.id));
        }
    }
    words.join(" ")
}
