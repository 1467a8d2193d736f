//! Tours and views: the records a briefing opens, which point into the
//! timeline and are pointed at by nothing. A tour's steps become event
//! positions; a view keeps the ids it names as written, each checked.

use std::collections::HashSet;

use super::{Refs, Role};
use crate::load::raw::{RawTour, RawView, Ref};
use crate::model::{Tour, TourStep, View};

impl Refs<'_, '_> {
    pub(super) fn tours(&mut self, raw: Vec<RawTour<'_>>, kept: &[Option<usize>]) -> Vec<Tour> {
        let mut tours = Vec::with_capacity(raw.len());
        for t in raw {
            let mut steps = Vec::with_capacity(t.steps.len());
            for (ev, note) in t.steps {
                if let [ix] = self.resolve(std::slice::from_ref(&ev), Role::TourStep)[..]
                    && let Some(event) = kept[ix]
                {
                    steps.push(TourStep { event, note });
                }
            }
            tours.push(Tour {
                id: t.id.value,
                title: t.title,
                summary: t.summary,
                steps,
            });
        }
        tours
    }

    pub(super) fn views(&mut self, raw: Vec<RawView<'_>>) -> Vec<View> {
        raw.into_iter()
            .map(|v| View {
                actors: self.named(&v.actors, Role::Actor),
                tags: self.named(&v.tags, Role::Tag),
                places: self.named(&v.places, Role::Place),
                event: v
                    .event
                    .filter(|e| self.lookup(e, Role::Opening).is_some())
                    .map(|e| e.value.into_owned()),
                id: v.id.value,
                title: v.title,
                summary: v.summary,
                all: v.all,
                from: v.from,
                to: v.to,
                search: v.search,
                highlight: v.highlight,
                contested: v.contested,
                as_of: v.as_of,
            })
            .collect()
    }

    /// The references that name a record, as written, each once; the others
    /// are reported.
    fn named(&mut self, list: &[Ref<'_>], role: Role) -> Vec<String> {
        let mut seen = HashSet::new();
        list.iter()
            .filter(|r| self.lookup(r, role).is_some_and(|i| seen.insert(i)))
            .map(|r| r.value.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{Loaded, from_str};
    use crate::model::{EventDate, View};

    const BASE: &str = r#"
[timeline]
title = "T"

[actors.ttp]
name = "Tehrik-i-Taliban Pakistan"
kind = "armed-group"
summary = "s"

[actors.pakistan-army]
name = "Pakistan Army"
kind = "military"
summary = "s"

[places.peshawar]
name = "Peshawar"
kind = "city"
lat = 34.0151
lon = 71.5249

[[events]]
id = "2014-12-aps-peshawar"
date = "2014-12-16"
title = "A"
summary = "s"
actors = ["ttp", "pakistan-army"]
places = ["peshawar"]
tags = ["attack"]
[[events.sources]]
publisher = "P"
title = "T"
date = "2014-12-16"
"#;

    fn with_view(view: &str) -> Loaded {
        from_str("t.toml", &format!("{BASE}\n[[views]]\n{view}"))
    }

    /// Each diagnostic as "code at file:line:col: label".
    fn problems(l: &Loaded) -> Vec<String> {
        l.diagnostics
            .iter()
            .map(|d| match &d.primary {
                Some(p) => format!("{} at {}: {}", d.code, l.files.position(p), p.text),
                None => d.code.to_string(),
            })
            .collect()
    }

    fn date(s: &str) -> Option<EventDate> {
        EventDate::parse(s).ok()
    }

    #[test]
    fn a_view_with_every_field_loads_as_written() {
        let l = with_view(
            r#"id = "every-field"
title = "Every field"
summary = """
Two

paragraphs."""
actors = ["ttp", "pakistan-army", "ttp"]
match = "all"
tags = ["attack"]
places = ["peshawar"]
from = "2014-12"
to = 2015-01-31
search = "school"
highlight = true
contested = true
as_of = "2014-12-31"
event = "2014-12-aps-peshawar"
"#,
        );
        assert_eq!(problems(&l), Vec::<String>::new());
        let want = View {
            id: "every-field".into(),
            title: "Every field".into(),
            summary: "Two\n\nparagraphs.".into(),
            actors: vec!["ttp".into(), "pakistan-army".into()],
            all: true,
            tags: vec!["attack".into()],
            places: vec!["peshawar".into()],
            from: date("2014-12"),
            to: date("2015-01-31"),
            search: "school".into(),
            highlight: true,
            contested: true,
            as_of: date("2014-12-31"),
            event: Some("2014-12-aps-peshawar".into()),
        };
        assert_eq!(l.timeline.views, [want]);
        assert!(l.timeline.view("every-field").is_some());
    }

    #[test]
    fn a_view_needs_only_an_id_and_a_title() {
        let l = with_view("id = \"all\"\ntitle = \"Everything\"");
        assert_eq!(problems(&l), Vec::<String>::new());
        let want = View {
            id: "all".into(),
            title: "Everything".into(),
            ..View::default()
        };
        assert_eq!(l.timeline.view("all"), Some(&want));
        let l = with_view("summary = \"s\"");
        assert_eq!(
            problems(&l),
            [
                "missing-field at t.toml:34:1: this view has no `id`",
                "missing-field at t.toml:34:1: this view has no `title`",
            ]
        );
        assert!(l.timeline.views.is_empty());
    }

    #[test]
    fn each_reference_to_nothing_is_reported_with_a_did_you_mean() {
        let l = with_view(
            r#"id = "v"
title = "V"
actors = ["tpp"]
tags = ["attacks"]
places = ["peshwar"]
event = "2014-12-aps-peshwar"
"#,
        );
        assert_eq!(
            problems(&l),
            [
                "unknown-actor at t.toml:37:11: not defined; did you mean \"ttp\"?",
                "unknown-tag at t.toml:38:9: no event carries it; did you mean \"attack\"?",
                "unknown-place at t.toml:39:11: not defined; did you mean \"peshawar\"?",
                "unknown-event at t.toml:40:9: not defined; did you mean \"2014-12-aps-peshawar\"?",
            ]
        );
        let v = &l.timeline.views[0];
        assert!(v.actors.is_empty() && v.tags.is_empty() && v.places.is_empty());
        assert_eq!(v.event, None, "only what exists is kept");
    }

    #[test]
    fn values_of_the_wrong_kind_are_each_reported_where_they_are() {
        let l = with_view(
            r#"id = "v"
title = "V"
match = "both"
from = "2016"
to = "2015"
highlight = "yes"
contested = 1
as_of = "2014-13"
colour = "red"
"#,
        );
        assert_eq!(
            problems(&l),
            [
                "bad-match at t.toml:37:9: did you mean \"all\"?",
                "end-before-start at t.toml:39:6: 2015 is before 2016",
                "wrong-type at t.toml:40:13: this is a string",
                "wrong-type at t.toml:41:13: this is an integer",
                "bad-date at t.toml:42:9: no such date",
                "unknown-field at t.toml:43:1: not a field of the format",
            ]
        );
    }

    #[test]
    fn two_views_with_one_id_are_reported_at_both() {
        let l = with_view("id = \"v\"\ntitle = \"A\"\n\n[[views]]\nid = \"v\"\ntitle = \"B\"");
        let dup: Vec<_> = l
            .diagnostics
            .iter()
            .filter(|d| d.code == "duplicate-id")
            .collect();
        assert_eq!(dup.len(), 1, "{:?}", problems(&l));
        assert_eq!(dup[0].message, "duplicate view id \"v\"");
        assert_eq!(dup[0].secondary.len(), 1);
        // A view is no tour: the same id in both is no clash.
        let l = from_str(
            "t.toml",
            &format!(
                "{BASE}\n[[tours]]\nid = \"v\"\ntitle = \"T\"\nsteps = [{{ event = \"2014-12-aps-peshawar\" }}]\n[[views]]\nid = \"v\"\ntitle = \"V\""
            ),
        );
        assert_eq!(problems(&l), Vec::<String>::new());
    }
}
