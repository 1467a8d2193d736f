//! Events: their actors, related events and places resolved, the
//! claimants of their claims, the warnings an event alone shows (no source,
//! outside the coverage, a location naming a place it does not list), and
//! the new position of each event that kept its date.

use super::{Diagnostic, Refs, Role, places};
use crate::load::raw::{RawEvent, Runs};
use crate::model::{Claim, Coverage, Event};

impl Refs<'_, '_> {
    /// The events with a date, and for each raw event where it went (an
    /// event dropped for a missing date shifts the ones after it). Each
    /// run of raw events is freed once its events are made.
    pub(super) fn events(
        &mut self,
        raw: Runs<RawEvent<'_>>,
        tags: &[String],
        coverage: Option<Coverage>,
        named: &places::Names,
    ) -> (Vec<Event>, Vec<Option<usize>>) {
        let mut events = Vec::with_capacity(raw.len());
        let mut kept: Vec<Option<usize>> = vec![None; raw.len()];
        for (old, e) in raw.into_iter().enumerate() {
            let actors = self.resolve(&e.actors, Role::Actor);
            actors.iter().for_each(|&a| self.mentioned[a] = true);
            let related = self.resolve(&e.related, Role::RelatedEvent);
            let places = self.resolve(&e.places, Role::Place);
            places.iter().for_each(|&p| self.placed[p] = true);
            if e.places.is_empty()
                && let Some(at) = &e.location_at
                && let Some(name) = named.named_in(&e.location)
            {
                self.diags.push(places::unplaced(&e.id.value, at, name));
            }
            let mut claims = Vec::with_capacity(e.claims.len());
            for c in e.claims {
                if let [by] = self.resolve(std::slice::from_ref(&c.by), Role::Claimant)[..] {
                    self.mentioned[by] = true;
                    claims.push(Claim {
                        by,
                        stance: c.stance,
                        text: c.text.into(),
                        sources: c.sources,
                    });
                }
            }
            if e.sources.is_empty() {
                self.diags.push(
                    Diagnostic::warning(
                        "no-source",
                        format!("event \"{}\" has no source", e.id.value),
                    )
                    .at(
                        e.id.file,
                        e.id.span.clone(),
                        "no [[events.sources]] for this event",
                    )
                    .hint("add [[events.sources]] with publisher and title after the event"),
                );
            }
            let Some(date) = e.date else { continue };
            if let Some(c) = coverage {
                let end = e.end.as_ref().map_or(date.value, |d| d.value);
                if date.value.first_day() > c.to.last_day() || end.last_day() < c.from.first_day() {
                    self.diags.push(
                        Diagnostic::warning(
                            "outside-coverage",
                            format!(
                                "event \"{}\" ({}) is outside the declared coverage {}–{}",
                                e.id.value, date.value, c.from, c.to
                            ),
                        )
                        .at(date.file, date.span.clone(), "outside the coverage")
                        .hint("fix the date, or widen `coverage` in [timeline]"),
                    );
                }
            }
            let mut tag_ix = Vec::with_capacity(e.tags.len());
            tag_ix.extend(
                e.tags
                    .iter()
                    .filter_map(|t| tags.binary_search_by(|x| x.as_str().cmp(t)).ok()),
            );
            kept[old] = Some(events.len());
            events.push(Event {
                origin: e.origin.into(),
                id: e.id.value.into(),
                date: date.value,
                end: e.end.map(|d| d.value),
                title: e.title.into(),
                summary: e.summary.into(),
                details: e.details.into(),
                editor_note: e.editor_note.into(),
                actors,
                location: e.location.into(),
                places,
                tags: tag_ix,
                figures: e.figures.into_iter().map(|(k, v)| (k.into(), v)).collect(),
                related,
                claims,
                sources: e.sources,
            });
        }
        // Related events were resolved against the raw list.
        for e in &mut events {
            e.related.retain_mut(|r| match kept[*r] {
                Some(k) => {
                    *r = k;
                    true
                }
                None => false,
            });
            e.related.shrink_to_fit();
        }
        (events, kept)
    }
}
