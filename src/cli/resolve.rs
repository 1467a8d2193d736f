//! The filter flags read against a timeline: names become indices, dates
//! are parsed, a `--view` is applied under the flags given with it. Every
//! error names the bad value and what would fix it.

use super::FilterArgs;
use crate::model::{EventDate, Timeline, View};

impl FilterArgs {
    /// Resolves the flags against a timeline: actor and tag ids must exist,
    /// dates must parse. The error names the bad value and the fix.
    pub fn to_filter(&self, t: &Timeline) -> Result<crate::query::Filter, String> {
        use crate::load::suggest::did_you_mean;
        use crate::query::{Combine, Filter};
        let mut f = Filter {
            actors: self
                .actors
                .iter()
                .map(|id| actor_named(t, "actor", id))
                .collect::<Result<_, _>>()?,
            tags: self
                .tags
                .iter()
                .map(|tag| {
                    t.tag_ix(tag).ok_or_else(|| {
                        let near = did_you_mean(tag, t.tags.iter().map(String::as_str));
                        unknown("tag", tag, near)
                    })
                })
                .collect::<Result<_, _>>()?,
            places: self
                .places
                .iter()
                .map(|name| place_named(t, name))
                .collect::<Result<_, _>>()?,
            ..Filter::default()
        };
        // Ascending, each once, as toggling leaves them: a view may list many.
        for list in [&mut f.actors, &mut f.tags, &mut f.places] {
            list.sort_unstable();
            list.dedup();
        }
        if self.all_actors {
            f.combine = Combine::All;
        }
        let date = |flag: &str, v: &Option<String>| -> Result<Option<EventDate>, String> {
            v.as_deref()
                .map(|s| {
                    EventDate::parse(s.trim())
                        .map_err(|e| format!("--{flag} {}: {e}", crate::text::one_line(s)))
                })
                .transpose()
        };
        f.from = date("from", &self.from)?;
        f.to = date("to", &self.to)?;
        if let (Some(a), Some(b)) = (f.from, f.to)
            && b.last_day() < a.first_day()
        {
            return Err(format!("--to {b} is before --from {a}"));
        }
        f.search = self.search.clone().unwrap_or_default();
        if self.highlight {
            f.search_mode = crate::query::SearchMode::Highlight;
        }
        f.contested = self.contested;
        f.weakly_sourced = self.weakly_sourced;
        if self.stance.is_some() || self.by.is_some() {
            f.claim = Some(crate::query::ClaimFilter {
                stance: self.stance.as_deref().and_then(crate::model::Stance::parse),
                by: self
                    .by
                    .as_deref()
                    .map(|b| actor_named(t, "by", b))
                    .transpose()?,
            });
        }
        let publisher = [
            (&self.publisher, false, "publisher"),
            (&self.rests_on, true, "rests-on"),
        ];
        for (name, alone, flag) in publisher {
            let Some(name) = name else { continue };
            let Some(found) = crate::query::publisher_named(t, name) else {
                let all: Vec<&str> = t
                    .events
                    .iter()
                    .flat_map(|e| &e.sources)
                    .map(|s| s.publisher.as_str())
                    .collect();
                let near = crate::load::suggest::did_you_mean(name, all.iter().copied());
                let name = crate::text::one_line(name);
                return Err(match near {
                    Some(n) => {
                        format!("--{flag} {name}: no source is from it; did you mean \"{n}\"?")
                    }
                    None => format!("--{flag} {name}: no source is from it"),
                });
            };
            f.publisher = Some(crate::query::PublisherFilter { name: found, alone });
        }
        if let Some(g) = &self.min_grade {
            f.min_grade = Some(crate::model::Grade::parse(g.trim()).ok_or_else(|| {
                format!(
                    "--min-grade {}: an Admiralty grade is a letter A-F then a digit 1-6, e.g. B2",
                    crate::text::one_line(g)
                )
            })?);
        }
        Ok(f)
    }

    /// These flags on top of a saved view: the view's actors, tags and
    /// places with the flags' added, a switch on when either has it on, and
    /// the flag's date, search and as-of day where one is given, the view's
    /// otherwise. The result names no view: it is the view, applied.
    pub fn with_view(&self, view: &View) -> FilterArgs {
        let joined =
            |mine: &[String], theirs: &[String]| mine.iter().chain(theirs).cloned().collect();
        let date = |flag: &Option<String>, d: Option<EventDate>| {
            flag.clone().or_else(|| d.map(|d| d.to_edtf()))
        };
        FilterArgs {
            view: None,
            actors: joined(&view.actors, &self.actors),
            all_actors: view.all || self.all_actors,
            tags: joined(&view.tags, &self.tags),
            places: joined(&view.places, &self.places),
            from: date(&self.from, view.from),
            to: date(&self.to, view.to),
            search: self
                .search
                .clone()
                .or_else(|| (!view.search.is_empty()).then(|| view.search.clone())),
            highlight: view.highlight || self.highlight,
            contested: view.contested || self.contested,
            as_of: date(&self.as_of, view.as_of),
            ..self.clone()
        }
    }

    /// The flags with their `--view` applied (`with_view`), or as they are
    /// without one. An id the timeline has no view for is an error with
    /// the near miss and the views it does have.
    pub fn view_applied(&self, t: &Timeline, mine: &[View]) -> Result<FilterArgs, String> {
        Ok(match self.chosen_view(t, mine)? {
            Some(v) => self.with_view(v),
            None => self.clone(),
        })
    }

    /// The view `--view` names: the timeline's, else one of the person's
    /// own (`crate::views`); `None` without `--view`.
    pub fn chosen_view<'a>(
        &self,
        t: &'a Timeline,
        mine: &'a [View],
    ) -> Result<Option<&'a View>, String> {
        let Some(id) = &self.view else {
            return Ok(None);
        };
        match t.view(id).or_else(|| mine.iter().find(|v| v.id == *id)) {
            Some(v) => Ok(Some(v)),
            None => {
                let ids: Vec<&str> = t.views.iter().chain(mine).map(|v| v.id.as_str()).collect();
                Err(unknown_id("view", id, &ids))
            }
        }
    }

    /// The day of `--as-of`, if given and valid.
    pub fn as_of(&self) -> Result<Option<EventDate>, String> {
        self.as_of
            .as_deref()
            .map(|s| {
                EventDate::parse(s.trim())
                    .map_err(|e| format!("--as-of {}: {e}", crate::text::one_line(s)))
            })
            .transpose()
    }
}

/// The one actor a flag's value names, or an error with the near misses.
fn actor_named(t: &Timeline, flag: &str, id: &str) -> Result<usize, String> {
    use crate::load::suggest::did_you_mean;
    match t.actors_named(id)[..] {
        [a] => Ok(a),
        [] => {
            // Near misses among everything a person could have typed.
            let names = t.actors.iter().flat_map(|a| {
                std::iter::once(a.id.as_str())
                    .chain([a.short.as_str(), a.name.as_str()])
                    .chain(a.aliases.iter().map(String::as_str))
            });
            let near =
                did_you_mean(&id.to_lowercase(), names.clone()).or_else(|| did_you_mean(id, names));
            Err(unknown("actor", id, near))
        }
        ref many => {
            let ids: Vec<&str> = many.iter().map(|&a| t.actors[a].id.as_str()).collect();
            Err(format!(
                "--{flag} {} could mean {}; give one of these ids",
                crate::text::one_line(id),
                ids.join(", ")
            ))
        }
    }
}

/// The one place a flag's value names, or an error with the near misses.
fn place_named(t: &Timeline, name: &str) -> Result<usize, String> {
    use crate::load::suggest::did_you_mean;
    match t.places_named(name)[..] {
        [p] => Ok(p),
        [] => {
            let names = t.places.iter().flat_map(|p| {
                std::iter::once(p.id.as_str())
                    .chain([p.short.as_str(), p.name.as_str()])
                    .chain(p.aliases.iter().map(String::as_str))
            });
            let near = did_you_mean(&name.to_lowercase(), names.clone())
                .or_else(|| did_you_mean(name, names));
            Err(unknown("place", name, near))
        }
        ref many => {
            let ids: Vec<&str> = many.iter().map(|&p| t.places[p].id.as_str()).collect();
            Err(format!(
                "--place {} could mean {}; give one of these ids",
                crate::text::one_line(name),
                ids.join(", ")
            ))
        }
    }
}

/// An id given to `--view` or `--tour` that names nothing: the near miss,
/// and the ids there are — the first few, when there are many.
pub fn unknown_id(what: &str, id: &str, ids: &[&str]) -> String {
    const LISTED: usize = 12;
    let id = crate::text::one_line(id);
    if ids.is_empty() {
        return format!("unknown {what} \"{id}\": this timeline has no [[{what}s]]");
    }
    let near = crate::load::suggest::did_you_mean(&id, ids.iter().copied());
    let mut list: Vec<String> = ids
        .iter()
        .take(LISTED)
        .map(|i| crate::text::one_line(i))
        .collect();
    if ids.len() > LISTED {
        list.push(format!(
            "and {} more (`chronoscope {what}s` lists them all)",
            ids.len() - LISTED
        ));
    }
    let list = list.join(", ");
    match near {
        Some(n) => {
            format!("unknown {what} \"{id}\"; did you mean \"{n}\"? The {what}s are: {list}")
        }
        None => format!("unknown {what} \"{id}\"; the {what}s are: {list}"),
    }
}

fn unknown(what: &str, id: &str, near: Option<&str>) -> String {
    let id = crate::text::one_line(id);
    let all = format!("`chronoscope {what}s` lists the timeline's {what}s");
    match near {
        Some(n) => format!("unknown {what} \"{id}\"; did you mean \"{n}\"? ({all})"),
        None => format!("unknown {what} \"{id}\"; {all}"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn view() -> View {
        View {
            id: "ttp-since-2021".into(),
            title: "The TTP since 2021".into(),
            actors: vec!["ttp".into()],
            tags: vec!["attack".into()],
            from: EventDate::parse("2021-08").ok(),
            search: "border".into(),
            highlight: true,
            as_of: EventDate::parse("2023-06~").ok(),
            ..View::default()
        }
    }

    #[test]
    fn a_view_alone_is_the_flags_it_stands_for() {
        let got = FilterArgs::default().with_view(&view());
        let want = FilterArgs {
            actors: vec!["ttp".into()],
            tags: vec!["attack".into()],
            from: Some("2021-08".into()),
            search: Some("border".into()),
            highlight: true,
            as_of: Some("2023-06~".into()),
            ..FilterArgs::default()
        };
        assert_eq!(format!("{got:?}"), format!("{want:?}"));
    }

    #[test]
    fn flags_add_to_a_views_lists_and_replace_its_values() {
        let flags = FilterArgs {
            view: Some("ttp-since-2021".into()),
            actors: vec!["pakistan-army".into()],
            places: vec!["peshawar".into()],
            from: Some("2023".into()),
            to: Some("2024".into()),
            contested: true,
            marked: true,
            ..FilterArgs::default()
        };
        let got = flags.with_view(&view());
        assert_eq!(got.view, None, "the view is applied, not named again");
        assert_eq!(got.actors, ["ttp", "pakistan-army"]);
        assert_eq!(got.tags, ["attack"]);
        assert_eq!(got.places, ["peshawar"]);
        assert_eq!(got.from.as_deref(), Some("2023"), "the flag wins");
        assert_eq!(got.to.as_deref(), Some("2024"));
        assert_eq!(got.search.as_deref(), Some("border"));
        assert!(got.highlight && got.contested && got.marked && !got.all_actors);
        assert_eq!(got.as_of.as_deref(), Some("2023-06~"));
    }

    #[test]
    fn an_unknown_view_names_the_near_miss_and_the_views_there_are() {
        let mut t = Timeline::default();
        let flags = FilterArgs {
            view: Some("ttp-since2021".into()),
            ..FilterArgs::default()
        };
        assert_eq!(
            flags.view_applied(&t, &[]).unwrap_err(),
            "unknown view \"ttp-since2021\": this timeline has no [[views]]"
        );
        t.views = vec![
            view(),
            View {
                id: "contested".into(),
                ..View::default()
            },
        ];
        assert_eq!(
            flags.view_applied(&t, &[]).unwrap_err(),
            "unknown view \"ttp-since2021\"; did you mean \"ttp-since-2021\"? \
             The views are: ttp-since-2021, contested"
        );
        let applied = FilterArgs {
            view: Some("contested".into()),
            ..FilterArgs::default()
        };
        assert_eq!(applied.view_applied(&t, &[]).unwrap().view, None);
        let none = FilterArgs::default().view_applied(&t, &[]).unwrap();
        assert_eq!(format!("{none:?}"), format!("{:?}", FilterArgs::default()));
    }

    #[test]
    fn a_long_list_of_ids_is_cut_short() {
        let ids: Vec<String> = (0..30).map(|i| format!("view-{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let text = unknown_id("view", "zzz", &ids);
        assert!(text.contains("view-11, and 18 more"), "{text}");
        assert!(!text.contains("view-12"), "{text}");
    }
}
