//! Records that no longer borrow their file's text, so that a reload can
//! keep a file's records and take them again while the file is unchanged.

use std::borrow::Cow;

use super::{RawActor, RawClaim, RawEvent, RawPlace, RawTimeline, RawTour, RawView, Ref};

fn cow(c: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(c.into_owned())
}

fn reference(r: Ref<'_>) -> Ref<'static> {
    Ref {
        value: cow(r.value),
        file: r.file,
        span: r.span,
    }
}

fn references(refs: Vec<Ref<'_>>) -> Vec<Ref<'static>> {
    refs.into_iter().map(reference).collect()
}

impl RawTimeline<'_> {
    /// The same records, each reference holding its own copy of its text.
    pub fn owned(self) -> RawTimeline<'static> {
        RawTimeline {
            meta: self.meta,
            actors: self.actors.into_iter().map(RawActor::owned).collect(),
            events: self.events.map(RawEvent::owned),
            tours: self.tours.into_iter().map(RawTour::owned).collect(),
            places: self.places.into_iter().map(RawPlace::owned).collect(),
            views: self.views.into_iter().map(RawView::owned).collect(),
        }
    }
}

impl RawActor<'_> {
    fn owned(self) -> RawActor<'static> {
        RawActor {
            links: references(self.links),
            id: self.id,
            name: self.name,
            short: self.short,
            aliases: self.aliases,
            kind: self.kind,
            summary: self.summary,
        }
    }
}

impl RawPlace<'_> {
    fn owned(self) -> RawPlace<'static> {
        RawPlace {
            within: self.within.map(reference),
            id: self.id,
            name: self.name,
            short: self.short,
            kind: self.kind,
            at: self.at,
            aliases: self.aliases,
        }
    }
}

impl RawEvent<'_> {
    fn owned(self) -> RawEvent<'static> {
        RawEvent {
            actors: references(self.actors),
            places: references(self.places),
            tags: self.tags.into_iter().map(cow).collect(),
            related: references(self.related),
            claims: self.claims.into_iter().map(RawClaim::owned).collect(),
            id: self.id,
            origin: self.origin,
            date: self.date,
            end: self.end,
            title: self.title,
            summary: self.summary,
            details: self.details,
            editor_note: self.editor_note,
            location: self.location,
            location_at: self.location_at,
            figures: self.figures,
            sources: self.sources,
        }
    }
}

impl RawClaim<'_> {
    fn owned(self) -> RawClaim<'static> {
        RawClaim {
            by: reference(self.by),
            stance: self.stance,
            text: self.text,
            sources: self.sources,
        }
    }
}

impl RawTour<'_> {
    fn owned(self) -> RawTour<'static> {
        RawTour {
            steps: self
                .steps
                .into_iter()
                .map(|(r, note)| (reference(r), note))
                .collect(),
            id: self.id,
            title: self.title,
            summary: self.summary,
        }
    }
}

impl RawView<'_> {
    fn owned(self) -> RawView<'static> {
        RawView {
            actors: references(self.actors),
            tags: references(self.tags),
            places: references(self.places),
            event: self.event.map(reference),
            id: self.id,
            title: self.title,
            summary: self.summary,
            all: self.all,
            from: self.from,
            to: self.to,
            search: self.search,
            highlight: self.highlight,
            contested: self.contested,
            as_of: self.as_of,
        }
    }
}
