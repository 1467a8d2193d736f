//! Live reload: when a timeline file changes on disk the explorer takes the
//! new timeline and keeps what the person chose — filters, search, the
//! selected event — by id, since indices change with the files. A broken
//! edit leaves the last good timeline on screen and says why in the banner.

use super::{App, Mode};
use crate::model::Timeline;
use crate::query::{Filtered, Index};

impl App {
    /// Takes the outcome of reading the files again.
    pub fn reload(&mut self, outcome: Result<Timeline, String>) {
        let timeline = match outcome {
            Ok(t) => t,
            Err(why) => {
                self.banner = Some(format!(
                    "Not reloaded: {why} · the last good timeline stays"
                ));
                return;
            }
        };
        let old = &self.timeline;
        let actors: Vec<String> = self
            .filter
            .actors
            .iter()
            .filter_map(|&a| old.actors.get(a).map(|a| a.id.clone()))
            .collect();
        let tags: Vec<String> = self
            .filter
            .tags
            .iter()
            .filter_map(|&t| old.tags.get(t).cloned())
            .collect();
        let selected = self
            .selected_event()
            .and_then(|e| old.events.get(e))
            .map(|e| (e.id.clone(), e.date));

        self.filter.actors = actors
            .iter()
            .filter_map(|id| timeline.actor_ix(id))
            .collect();
        self.filter.actors.sort_unstable();
        self.filter.tags = tags.iter().filter_map(|t| timeline.tag_ix(t)).collect();
        self.filter.tags.sort_unstable();
        self.index = Index::build(&timeline);
        self.timeline = timeline;
        // Every index into the old timeline goes: links, history, slides, lanes.
        self.history.clear();
        self.details_override = None;
        self.link = 0;
        self.details_top = 0;
        if matches!(self.mode, Mode::Present(_) | Mode::Lanes(_)) {
            self.mode = Mode::Browse;
        }
        self.filtered = Filtered::default();
        self.cursor = 0;
        self.entry_cursor = 0;
        self.refilter(None);
        if let Some((id, date)) = selected {
            let t = &self.timeline;
            let shown = &self.filtered.events;
            // The same event, else the first shown on or after its date.
            let pos = t
                .event_ix(&id)
                .and_then(|e| shown.iter().position(|&x| x == e))
                .unwrap_or_else(|| shown.partition_point(|&x| t.events[x].date < date));
            self.select_event_pos(pos.min(shown.len().saturating_sub(1)));
        }
        self.banner = Some(format!("Reloaded: {} events", self.timeline.events.len()));
    }
}
