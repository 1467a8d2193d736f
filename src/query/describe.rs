//! What a filter says about itself, as the header, exports and slides
//! show it: "TTP ∧ PAK · #attack · @Peshawar · 2021–2024 · /border".

use super::sources::{describe_sources, known_on};
use super::{Combine, Filter, Filtered, SearchMode};
use crate::model::Timeline;

/// The active filters as words: "TTP ∧ PAK · #attack · 2021–2024 · /border".
pub fn describe(t: &Timeline, f: &Filter, shown: &Filtered) -> Vec<String> {
    let mut parts: Vec<String> = known_on(t).into_iter().collect();
    parts.extend(describe_filters(t, f, shown));
    parts
}

/// The filters alone, without the day the timeline is seen as known on.
pub fn describe_filters(t: &Timeline, f: &Filter, shown: &Filtered) -> Vec<String> {
    let mut parts = Vec::new();
    let join = match f.combine {
        Combine::All => " ∧ ",
        Combine::Any => " ∨ ",
    };
    if !f.actors.is_empty() {
        parts.push(
            f.actors
                .iter()
                .filter_map(|&a| t.actors.get(a).map(|a| a.short.as_str()))
                .collect::<Vec<_>>()
                .join(join),
        );
    }
    if !f.tags.is_empty() {
        parts.push(
            f.tags
                .iter()
                .filter_map(|&g| t.tags.get(g).map(|g| format!("#{g}")))
                .collect::<Vec<_>>()
                .join(join),
        );
    }
    if let Some(m) = &f.marked {
        parts.push(format!("★ marked ({})", m.len()));
    }
    if let Some((since, events)) = &f.since {
        parts.push(format!(
            "new or changed since {} ({})",
            crate::text::one_line(since),
            events.len()
        ));
    }
    if !f.places.is_empty() {
        parts.push(
            f.places
                .iter()
                .filter_map(|&p| t.places.get(p).map(|p| format!("@{}", p.short)))
                .collect::<Vec<_>>()
                .join(" ∨ "),
        );
    }
    let dates = match (f.from, f.to) {
        (None, None) => None,
        (Some(a), Some(b)) if a == b => Some(a.to_string()),
        // Said as a period is: "Jun–Dec 2022".
        (Some(a), Some(b)) => Some(a.display_range(Some(&b))),
        (a, b) => Some(format!(
            "{}–{}",
            a.map(|d| d.to_string()).unwrap_or_default(),
            b.map(|d| d.to_string()).unwrap_or_default()
        )),
    };
    if let Some(mut d) = dates {
        if shown.too_coarse > 0 {
            d.push_str(&format!(
                " ({} dated too coarsely to tell, not shown)",
                shown.too_coarse
            ));
        }
        parts.push(d);
    }
    parts.extend(describe_sources(t, f, &shown.by_sources));
    if !f.search.trim().is_empty() {
        let mut s = format!("/{}", crate::text::one_line(f.search.trim()));
        match f.search_mode {
            SearchMode::Filter if shown.hidden_by_search > 0 => {
                s.push_str(&format!(" ({} hidden)", shown.hidden_by_search));
            }
            SearchMode::Highlight => s.push_str(&format!(" ({} marked)", shown.matches.len())),
            SearchMode::Filter => {}
        }
        parts.push(s);
    }
    parts
}
