//! A timeline read back from the cache's archive: deserialised with its
//! events on every core, then checked (`check_sound`) while its lookups by
//! id, which the archive leaves out, are made again beside the check.

use std::collections::HashMap;

use rayon::prelude::*;
use rkyv::rancor;

use super::{ArchivedTimeline, Event, Timeline};

/// Events deserialised per task: enough that a task outweighs handing it
/// to another core.
const EVENTS_PER_TASK: usize = 4096;

impl ArchivedTimeline {
    /// The timeline an archive (already validated) holds, its events
    /// deserialised on every core: they are nearly all of it. Its lookups
    /// by id are left empty, for `sound_and_relinked`.
    pub fn deserialize_on_every_core(&self) -> Result<Timeline, rancor::Error> {
        let events = self
            .events
            .as_slice()
            .par_iter()
            .with_min_len(EVENTS_PER_TASK)
            .map(rkyv::deserialize::<Event, _>)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Timeline {
            title: self.title.as_str().to_string(),
            summary: self.summary.as_str().to_string(),
            coverage: rkyv::deserialize(&self.coverage)?,
            actors: rkyv::deserialize(&self.actors)?,
            events,
            tags: rkyv::deserialize(&self.tags)?,
            tours: rkyv::deserialize(&self.tours)?,
            places: rkyv::deserialize(&self.places)?,
            views: rkyv::deserialize(&self.views)?,
            actor_ids: HashMap::new(),
            place_ids: HashMap::new(),
            event_ids: HashMap::new(),
            known_on: rkyv::deserialize(&self.known_on)?,
        })
    }
}

impl Timeline {
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
