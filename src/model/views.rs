//! Saved views: named filters an author writes into a timeline
//! (`[[views]]`), so that `chronoscope --view ID` opens on a screen ready
//! for a briefing.
//!
//! A view keeps the ids as written rather than indices: they were checked
//! when the timeline loaded, and kept as words the same struct can describe
//! a view saved elsewhere, against a timeline that may since have changed.
//! Turning a view into a filter is the command line's job
//! (`cli::FilterArgs::with_view`), so that a view and the same flags typed
//! by hand always show the same events.

use super::{EventDate, Timeline};

/// A named filter: what the explorer, `list` and `present` show under `--view ID`.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct View {
    pub id: String,
    /// One line: what the view shows.
    pub title: String,
    pub summary: String,
    /// Actor ids.
    pub actors: Vec<String>,
    /// True when several actors (or tags) must all be involved (`match =
    /// "all"`), false when any of them will do.
    pub all: bool,
    pub tags: Vec<String>,
    /// Place ids: events at one of them or at a place within one.
    pub places: Vec<String>,
    pub from: Option<EventDate>,
    pub to: Option<EventDate>,
    pub search: String,
    /// Mark the search's matches among the events shown rather than hide
    /// the rest.
    pub highlight: bool,
    /// Only events whose claims conflict.
    pub contested: bool,
    /// The chronology as known on this day.
    pub as_of: Option<EventDate>,
    /// The event selected when the view opens.
    pub event: Option<String>,
}

impl View {
    /// The words `match` takes, in the order FORMAT.md gives them.
    pub const MATCHES: [&'static str; 2] = ["any", "all"];

    /// What `match = "…"` says: `Some(true)` for all-of, `Some(false)` for
    /// any-of, `None` for a word it does not take.
    pub fn parse_match(s: &str) -> Option<bool> {
        match s {
            "any" => Some(false),
            "all" => Some(true),
            _ => None,
        }
    }
}

impl Timeline {
    /// The view with this id.
    pub fn view(&self, id: &str) -> Option<&View> {
        self.views.iter().find(|v| v.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_takes_any_and_all_only() {
        let parsed: Vec<Option<bool>> =
            View::MATCHES.iter().map(|m| View::parse_match(m)).collect();
        assert_eq!(parsed, [Some(false), Some(true)]);
        assert_eq!(View::parse_match("both"), None);
        assert_eq!(View::parse_match("ALL"), None);
    }

    #[test]
    fn a_view_is_found_by_its_id() {
        let t = Timeline {
            views: vec![
                View {
                    id: "a".into(),
                    ..View::default()
                },
                View {
                    id: "b".into(),
                    contested: true,
                    ..View::default()
                },
            ],
            ..Timeline::default()
        };
        assert!(t.view("b").is_some_and(|v| v.contested));
        assert!(t.view("c").is_none());
    }
}
