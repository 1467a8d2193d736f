//! The timeline as it stood on the record on a given day: hindsight hidden.
//!
//! An event is known once its earliest dated source is published; of a
//! known event only the sources published by then are kept, and the claims
//! that cite one of them. A source dated to a month or a year counts from
//! that period's last day, and an undated source never counts: nothing
//! reported later can slip in. FORMAT.md ("As known on a day") is the rule.

use super::{Event, EventDate, EventIx, Source, Str, Timeline};

/// What a view "as known on" a day hides, for the header to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct KnownOn {
    /// The day the view stands on.
    pub day: EventDate,
    /// Events whose dated sources were all published after the day.
    pub later: usize,
    /// Events no dated source reports: never known.
    pub undated: usize,
    /// Claims of shown events hidden because no source they cite was out yet.
    pub claims_hidden: usize,
    /// Sources of shown events published after the day.
    pub sources_hidden: usize,
}

/// Whether a source was on the record by `limit`.
fn known_by(s: &Source, limit: chrono::NaiveDate) -> bool {
    s.date.is_some_and(|d| d.last_day() <= limit)
}

impl Timeline {
    /// The timeline as known on `day` (through its last day, when `day`
    /// is a month or a year). Actors and tags are kept whole, so their
    /// positions stay those of `self`, and so are the saved views, which
    /// name records by id; events, their sources and claims, links between
    /// events and tour steps are cut to what was known.
    pub fn as_known_on(&self, day: EventDate) -> Timeline {
        let limit = day.last_day();
        let mut known = KnownOn {
            day,
            later: 0,
            undated: 0,
            claims_hidden: 0,
            sources_hidden: 0,
        };
        let mut new_ix: Vec<Option<EventIx>> = vec![None; self.events.len()];
        let mut events: Vec<Event> = Vec::new();
        for (old, e) in self.events.iter().enumerate() {
            // Where each source went: its position among the kept ones.
            let mut kept_at: Vec<Option<usize>> = vec![None; e.sources.len()];
            let mut sources = Vec::new();
            for (i, s) in e.sources.iter().enumerate() {
                if known_by(s, limit) {
                    kept_at[i] = Some(sources.len());
                    sources.push(s.clone());
                }
            }
            if sources.is_empty() {
                if e.sources.iter().any(|s| s.date.is_some()) {
                    known.later += 1;
                } else {
                    known.undated += 1;
                }
                continue;
            }
            known.sources_hidden += e.sources.len() - sources.len();
            let mut claims = Vec::new();
            for c in &e.claims {
                let cites: Vec<usize> = c.sources.iter().filter_map(|&i| kept_at[i]).collect();
                if cites.is_empty() {
                    known.claims_hidden += 1;
                } else {
                    let mut c = c.clone();
                    c.sources = cites;
                    claims.push(c);
                }
            }
            new_ix[old] = Some(events.len());
            events.push(Event {
                sources,
                claims,
                // Written afterwards, with what came to be known later.
                details: Str::default(),
                ..e.clone()
            });
        }
        for e in &mut events {
            e.related = e.related.iter().filter_map(|&r| new_ix[r]).collect();
        }
        let mut tours = self.tours.clone();
        for t in &mut tours {
            t.steps.retain_mut(|s| match new_ix[s.event] {
                Some(n) => {
                    s.event = n;
                    true
                }
                None => false,
            });
        }
        let event_ids = super::ids(events.iter().map(|e| &e.id));
        Timeline {
            title: self.title.clone(),
            summary: self.summary.clone(),
            coverage: self.coverage,
            actors: self.actors.clone(),
            events,
            tags: self.tags.clone(),
            tours,
            places: self.places.clone(),
            views: self.views.clone(),
            actor_ids: self.actor_ids.clone(),
            place_ids: self.place_ids.clone(),
            event_ids,
            known_on: Some(known),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Actor, ActorKind, Claim, Stance, Tour, TourStep, View};
    use super::*;

    fn source(title: &str, date: Option<&str>) -> Source {
        Source {
            publisher: "Dawn".into(),
            title: title.into(),
            date: date.map(|d| EventDate::parse(d).unwrap()),
            url: None,
            grade: None,
        }
    }

    fn event(id: &str, date: &str, sources: Vec<Source>, claims: Vec<Claim>) -> Event {
        Event {
            id: id.into(),
            date: EventDate::parse(date).unwrap(),
            end: None,
            title: id.into(),
            summary: Str::default(),
            details: "Written later.".into(),
            editor_note: Str::default(),
            actors: vec![],
            location: Str::default(),
            places: vec![],
            tags: vec![],
            figures: vec![],
            related: vec![],
            claims,
            sources,
            origin: Str::default(),
        }
    }

    fn claim(text: &str, sources: Vec<usize>) -> Claim {
        Claim {
            by: 0,
            stance: Stance::Asserts,
            text: text.into(),
            sources,
        }
    }

    /// The day of the attack, the morning after, a year on: what was known
    /// grows, and nothing published later shows early.
    fn timeline() -> Timeline {
        let mut attack = event(
            "attack",
            "2014-12-16",
            vec![
                source("the day's report", Some("2014-12-16")),
                source("the toll a year on", Some("2015-12")),
                source("an undated page", None),
            ],
            vec![
                claim("claimed on the day", vec![0]),
                claim("revised a year on", vec![1]),
                claim("cites nothing", vec![]),
                claim("on the day and later", vec![1, 0]),
            ],
        );
        attack.related = vec![1, 2];
        let mut t = Timeline::new(
            "T".into(),
            String::new(),
            None,
            vec![Actor {
                id: "ttp".into(),
                name: "TTP".into(),
                short: "TTP".into(),
                aliases: vec![],
                kind: ActorKind::ArmedGroup,
                summary: String::new(),
                links: vec![],
            }],
            vec![
                attack,
                event(
                    "inquiry",
                    "2014-12-20",
                    vec![source("inquiry", Some("2015"))],
                    vec![],
                ),
                event("rumour", "2014-12-18", vec![source("blog", None)], vec![]),
            ],
            vec![],
            vec![Tour {
                id: "tour".into(),
                title: "Tour".into(),
                summary: String::new(),
                steps: vec![
                    TourStep {
                        event: 0,
                        note: String::new(),
                    },
                    TourStep {
                        event: 2,
                        note: String::new(),
                    },
                ],
            }],
            vec![],
        );
        // Timeline::new sorted the events; find them again by id.
        let ix = |id: &str| t.event_ix(id).unwrap();
        let (inquiry, rumour) = (ix("inquiry"), ix("rumour"));
        let attack = ix("attack");
        t.events[attack].related = vec![inquiry, rumour];
        t.tours[0].steps[1].event = inquiry;
        t.views = vec![View {
            id: "the-attack".into(),
            event: Some("attack".into()),
            ..Default::default()
        }];
        t
    }

    #[test]
    fn the_morning_after_shows_only_what_was_published() {
        let t = timeline();
        let v = t.as_known_on(EventDate::parse("2014-12-17").unwrap());
        let ids: Vec<&str> = v.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["attack"],
            "a later report and an undated one hide their events"
        );
        let known = v.known_on.unwrap();
        assert_eq!((known.later, known.undated), (1, 1));
        let e = &v.events[0];
        assert_eq!(
            e.sources.len(),
            1,
            "the year-on toll and the undated page are hidden"
        );
        assert_eq!(known.sources_hidden, 2);
        let claims: Vec<(&str, &[usize])> = e
            .claims
            .iter()
            .map(|c| (c.text.as_str(), c.sources.as_slice()))
            .collect();
        assert_eq!(
            claims,
            [
                ("claimed on the day", &[0][..]),
                ("on the day and later", &[0][..])
            ],
            "a claim only a later source carries, and one that cites nothing, are hidden"
        );
        assert_eq!(known.claims_hidden, 2);
        assert!(e.details.is_empty(), "details are written with hindsight");
        assert!(e.related.is_empty(), "links to events not yet known go");
        assert_eq!(v.tours[0].steps.len(), 1);
        assert_eq!(v.event_ix("attack"), Some(0));
        assert_eq!(v.event_ix("inquiry"), None);
        assert_eq!(v.views, t.views, "views are ways of looking, kept whole");
    }

    #[test]
    fn a_source_dated_to_a_year_counts_from_its_last_day() {
        let t = timeline();
        let mid = t.as_known_on(EventDate::parse("2015-06-30").unwrap());
        assert_eq!(
            mid.event_ix("inquiry"),
            None,
            "\"2015\" may mean December 2015"
        );
        let end = t.as_known_on(EventDate::parse("2015").unwrap());
        let inquiry = end.event_ix("inquiry").expect("known by the end of 2015");
        let attack = &end.events[end.event_ix("attack").unwrap()];
        assert_eq!(attack.related, [inquiry]);
        assert_eq!(attack.sources.len(), 2);
        let revised = attack
            .claims
            .iter()
            .find(|c| c.text == "on the day and later");
        assert_eq!(revised.map(|c| c.sources.clone()), Some(vec![1, 0]));
        assert_eq!(end.known_on.unwrap().undated, 1, "undated is never known");
    }
}
