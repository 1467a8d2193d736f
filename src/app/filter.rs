//! The filter and what it shows: toggling actors and tags, any-of and
//! all-of, the search mode, clearing, and the rows of the events and actors
//! panes that follow every change.

use super::keymap::{self, Scope};
use super::{App, Entry, Message, Pane, Row};
use crate::model::{ActorIx, PlaceIx, TagIx};
use crate::query::{self, Combine, Filter, SearchMode};

impl App {
    /// Re-applies the filter, keeping the selected event, or the nearest one
    /// after it. `prev_filter` is the filter the current result came from,
    /// when only the search text changed, so the result can be narrowed.
    pub(super) fn refilter(&mut self, prev_filter: Option<Filter>) {
        let keep = self.selected_event();
        self.filtered = match prev_filter {
            Some(pf) => query::refine(
                &self.timeline,
                &self.index,
                &self.filter,
                &pf,
                &self.filtered,
            ),
            None => query::apply(&self.timeline, &self.index, &self.filter),
        };
        self.cursor = keep.map_or(0, |e| self.filtered.events.partition_point(|&x| x < e));
        if self.cursor >= self.filtered.events.len() {
            self.cursor = self.filtered.events.len().saturating_sub(1);
        }
        self.rebuild_rows();
        self.rebuild_entries();
        self.clamp_scrolls();
    }

    pub(super) fn rebuild_rows(&mut self) {
        self.rows.clear();
        self.event_rows.clear();
        let mut year = None;
        self.rows.reserve(self.filtered.events.len() + 64);
        self.event_rows.reserve(self.filtered.events.len());
        // The index's compact year array, not the events themselves: this
        // runs on every keystroke over every shown event.
        for (pos, &e) in self.filtered.events.iter().enumerate() {
            let y = self.index.years[e];
            if year != Some(y) {
                self.rows.push(Row::Year(y));
                year = Some(y);
            }
            self.event_rows.push(self.rows.len());
            self.rows.push(Row::Event(pos));
        }
    }

    /// The actors pane: actors by name (or by fuzzy score while narrowing), then tags.
    pub(super) fn rebuild_entries(&mut self) {
        let selected = self.entries.get(self.entry_cursor).copied();
        let t = &self.timeline;
        let q = self.narrow.trim();
        let mut fuzzy = query::Fuzzy::new(q);
        let mut actors: Vec<(u32, ActorIx)> = (0..t.actors.len())
            .filter_map(|i| {
                let a = &t.actors[i];
                if q.is_empty() {
                    return Some((0, i));
                }
                std::iter::once(&a.short)
                    .chain([&a.name, &a.id])
                    .chain(&a.aliases)
                    .filter_map(|s| fuzzy.score(s))
                    .max()
                    .map(|score| (score, i))
            })
            .collect();
        if q.is_empty() {
            actors.sort_by_cached_key(|&(_, i)| query::fold(&t.actors[i].short));
        } else {
            actors.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        let tags: Vec<TagIx> = (0..t.tags.len())
            .filter(|&i| q.is_empty() || fuzzy.score(&t.tags[i]).is_some())
            .collect();
        let mut places: Vec<PlaceIx> = (0..t.places.len())
            .filter(|&i| {
                let p = &t.places[i];
                q.is_empty()
                    || std::iter::once(&p.short)
                        .chain([&p.name, &p.id])
                        .chain(&p.aliases)
                        .any(|s| fuzzy.score(s).is_some())
            })
            .collect();
        places.sort_by_cached_key(|&i| query::fold(&t.places[i].short));
        self.entries = actors.into_iter().map(|(_, i)| Entry::Actor(i)).collect();
        if !tags.is_empty() {
            self.entries.push(Entry::TagsHeading);
            self.entries.extend(tags.into_iter().map(Entry::Tag));
        }
        if !places.is_empty() {
            self.entries.push(Entry::PlacesHeading);
            self.entries.extend(places.into_iter().map(Entry::Place));
        }
        self.entry_cursor = selected
            .and_then(|s| self.entries.iter().position(|e| *e == s))
            .unwrap_or(0);
        if self
            .entries
            .get(self.entry_cursor)
            .is_some_and(|e| e.is_heading())
        {
            self.entry_cursor += 1;
        }
        self.clamp_scrolls();
    }

    /// Space: in the actors pane the actor or tag under the cursor, in the
    /// events pane the selected event's first actor, joins or leaves the filter.
    pub(super) fn toggle_selected(&mut self) {
        match self.pane {
            Pane::Actors => match self.entries.get(self.entry_cursor) {
                Some(Entry::Actor(a)) => self.filter.toggle_actor(*a),
                Some(Entry::Tag(t)) => self.filter.toggle_tag(*t),
                Some(Entry::Place(p)) => self.filter.toggle_place(*p),
                _ => return,
            },
            Pane::Events => {
                let Some(first) = self
                    .selected_event()
                    .and_then(|e| self.timeline.events[e].actors.first().copied())
                else {
                    self.banner = Some("This event names no actor".into());
                    return;
                };
                self.filter.toggle_actor(first);
                let short = &self.timeline.actors[first].short;
                let verb = if self.filter.actors.contains(&first) {
                    "added to"
                } else {
                    "removed from"
                };
                self.banner = Some(format!("{short} {verb} the filter"));
            }
            Pane::Details => return,
        }
        self.refilter(None);
    }

    pub(super) fn toggle_combine(&mut self) {
        self.filter.combine = match self.filter.combine {
            Combine::Any => Combine::All,
            Combine::All => Combine::Any,
        };
        self.refilter(None);
    }

    pub(super) fn toggle_search_mode(&mut self) {
        self.filter.search_mode = match self.filter.search_mode {
            SearchMode::Filter => SearchMode::Highlight,
            SearchMode::Highlight => SearchMode::Filter,
        };
        self.refilter(None);
    }

    /// Every filter and the actors' narrowing go; the search mode stays.
    pub(super) fn clear_filters(&mut self) {
        let mode = self.filter.search_mode;
        self.filter = Filter {
            search_mode: mode,
            ..Filter::default()
        };
        self.narrow.clear();
        self.lanes_return = None;
        self.rebuild_entries();
        self.refilter(None);
        self.show_known_on(None);
        self.banner = Some("Filters cleared".into());
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let matches = &self.filtered.matches;
        if self.filter.search.trim().is_empty() || matches.is_empty() {
            self.banner = Some(if self.filter.search.trim().is_empty() {
                format!(
                    "No search: press {} to search",
                    keymap::label(Scope::Global, &Message::StartSearch)
                )
            } else {
                "No matches".into()
            });
            return;
        }
        let current = self.selected_event().unwrap_or(0);
        let next = if forward {
            matches.iter().find(|&&m| m > current).or(matches.first())
        } else {
            matches
                .iter()
                .rev()
                .find(|&&m| m < current)
                .or(matches.last())
        };
        if let Some(&m) = next
            && let Ok(pos) = self.filtered.events.binary_search(&m)
        {
            self.jump_to(pos);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{app, select_actor, selected_id, type_text};
    use super::super::{Message, Mode};
    use super::*;

    #[test]
    fn toggling_actors_filters_and_all_of_narrows() {
        let mut app = app();
        app.focus_pane(Pane::Actors);
        select_actor(&mut app, "ttp");
        app.update(Message::ToggleSelected);
        let ttp = app.filtered.events.len();
        assert!(ttp < 12 && ttp > 0);
        select_actor(&mut app, "pakistan");
        app.update(Message::ToggleSelected);
        let any = app.filtered.events.len();
        assert!(any >= ttp);
        app.update(Message::ToggleCombine);
        let all = app.filtered.events.len();
        assert!(all <= ttp, "all-of narrows: {all} vs {ttp}");
        app.update(Message::ClearFilters);
        assert_eq!(app.filtered.events.len(), 12);
    }

    #[test]
    fn space_in_the_events_pane_filters_by_the_first_actor() {
        let mut app = app();
        let first = app.timeline.events[app.selected_event().unwrap()].actors[0];
        app.update(Message::ToggleSelected);
        assert_eq!(app.filter.actors, vec![first]);
        assert!(
            app.banner
                .as_deref()
                .unwrap()
                .contains("added to the filter")
        );
        app.update(Message::ToggleSelected);
        assert!(app.filter.actors.is_empty());
    }

    #[test]
    fn clearing_keeps_the_selected_event_and_drops_the_narrowing() {
        let mut app = app();
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        let id = selected_id(&app).to_string();
        app.focus_pane(Pane::Actors);
        app.update(Message::StartSearch);
        type_text(&mut app, "ttp");
        app.update(Message::SubmitInput);
        assert_eq!(app.narrow, "ttp");
        app.update(Message::ClearFilters);
        assert!(app.narrow.is_empty());
        assert_eq!(selected_id(&app), id);
        assert_eq!(app.mode, Mode::Browse);
    }

    #[test]
    fn matches_step_and_highlight_mode_moves_to_the_first_match() {
        let mut app = app();
        app.update(Message::ToggleSearchMode);
        app.update(Message::MoveLast);
        app.update(Message::StartSearch);
        type_text(&mut app, "kabul");
        let first = app.filtered.matches[0];
        assert_eq!(app.selected_event(), Some(first));
        assert_eq!(app.filtered.events.len(), 12);
        app.update(Message::SubmitInput);
        app.update(Message::NextMatch);
        assert_ne!(app.selected_event(), Some(first));
        app.update(Message::PrevMatch);
        assert_eq!(app.selected_event(), Some(first));
    }
}
