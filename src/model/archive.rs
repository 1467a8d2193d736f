//! A timeline as the cache keeps it: its head (everything but its events)
//! archived apart from the events, and read back by checking it
//! (`check_sound`) while its lookups by id, which the cache leaves out,
//! are made again beside the check.

use std::collections::HashMap;

use super::Timeline;

impl Timeline {
    /// The timeline without its events, for the cache to archive on its
    /// own: the events go in sections of their own. The lookups by id are
    /// left empty, as the archive leaves them.
    pub fn head(&self) -> Timeline {
        Timeline {
            title: self.title.clone(),
            summary: self.summary.clone(),
            coverage: self.coverage,
            actors: self.actors.clone(),
            events: Vec::new(),
            tags: self.tags.clone(),
            tours: self.tours.clone(),
            places: self.places.clone(),
            views: self.views.clone(),
            actor_ids: HashMap::new(),
            place_ids: HashMap::new(),
            event_ids: HashMap::new(),
            known_on: self.known_on,
        }
    }

    /// The timeline with its lookups by id made again (what the cache
    /// leaves out, since they are the ids over again) once `check_sound`
    /// passes it; the two run side by side.
    pub fn sound_and_relinked(mut self) -> Result<Timeline, String> {
        let (sound, (actor_ids, place_ids, event_ids)) = rayon::join(
            || self.check_sound(),
            || {
                (
                    super::ids(self.actors.iter().map(|a| &a.id)),
                    super::ids(self.places.iter().map(|p| &p.id)),
                    super::ids(self.events.iter().map(|e| &e.id)),
                )
            },
        );
        sound?;
        self.actor_ids = actor_ids;
        self.place_ids = place_ids;
        self.event_ids = event_ids;
        Ok(self)
    }
}
