//! Who reports the shown events: each publisher, how many events it
//! supports, how many rest on it alone, and the grades its reports carry —
//! so "what rests on ISPR alone?" is a question the explorer answers. A
//! publisher is its name as the sources write it.

use std::collections::HashMap;

use crate::model::{Event, EventIx, Grade, Timeline};

/// One publisher among the shown events' sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publisher {
    pub name: String,
    /// Shown events with at least one source from it.
    pub events: usize,
    /// Shown events every source of which is from it.
    pub alone: usize,
    /// How often each grade is given to its reports, best first.
    pub grades: Vec<(Grade, usize)>,
    /// Its reports that carry no grade.
    pub ungraded: usize,
}

/// Events a publisher reports, or only those it alone reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublisherFilter {
    pub name: String,
    pub alone: bool,
}

impl PublisherFilter {
    pub fn keeps(&self, e: &Event) -> bool {
        let from = |s: &crate::model::Source| s.publisher == self.name;
        if self.alone {
            !e.sources.is_empty() && e.sources.iter().all(from)
        } else {
            e.sources.iter().any(from)
        }
    }

    /// "from Dawn", "resting on ISPR alone".
    pub fn words(&self) -> String {
        let name = crate::text::one_line(&self.name);
        if self.alone {
            format!("resting on {name} alone")
        } else {
            format!("from {name}")
        }
    }
}

/// The publishers of the `shown` events' sources, those supporting the
/// most events first, then by name.
pub fn publishers(t: &Timeline, shown: &[EventIx]) -> Vec<Publisher> {
    let mut at: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<Publisher> = Vec::new();
    let mut names: Vec<usize> = Vec::new();
    for &e in shown {
        let Some(ev) = t.events.get(e) else { continue };
        names.clear();
        for s in &ev.sources {
            let i = *at.entry(s.publisher.as_str()).or_insert_with(|| {
                out.push(Publisher {
                    name: s.publisher.to_string(),
                    events: 0,
                    alone: 0,
                    grades: Vec::new(),
                    ungraded: 0,
                });
                out.len() - 1
            });
            let p = &mut out[i];
            match s.grade {
                Some(g) => match p.grades.iter_mut().find(|(x, _)| *x == g) {
                    Some((_, n)) => *n += 1,
                    None => p.grades.push((g, 1)),
                },
                None => p.ungraded += 1,
            }
            if !names.contains(&i) {
                names.push(i);
                p.events += 1;
            }
        }
        if let [only] = names[..] {
            out[only].alone += 1;
        }
    }
    for p in &mut out {
        p.grades
            .sort_by_key(|(g, _)| (g.reliability, g.credibility));
    }
    out.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The publisher a person means by `name`: its exact name, else the one
/// whose name matches ignoring case.
pub fn publisher_named(t: &Timeline, name: &str) -> Option<String> {
    let all = || {
        t.events
            .iter()
            .flat_map(|e| &e.sources)
            .map(|s| &s.publisher)
    };
    all()
        .find(|p| *p == name)
        .or_else(|| all().find(|p| p.to_lowercase() == name.trim().to_lowercase()))
        .map(|p| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Timeline {
        crate::load::from_str(
            "t.toml",
            r#"[timeline]
title = "T"
[[events]]
id = "a"
date = "2014"
title = "A"
summary = "s"
[[events.sources]]
publisher = "ISPR"
title = "Press release"
date = "2014"
grade = "A1"
[[events]]
id = "b"
date = "2015"
title = "B"
summary = "s"
[[events.sources]]
publisher = "ISPR"
title = "Press release"
date = "2015"
grade = "A2"
[[events.sources]]
publisher = "Dawn"
title = "Report"
date = "2015"
[[events]]
id = "c"
date = "2016"
title = "C"
summary = "s"
[[events.sources]]
publisher = "Dawn"
title = "Report"
date = "2016"
grade = "B2"
[[events.sources]]
publisher = "Dawn"
title = "Follow-up"
date = "2016"
grade = "B2"
"#,
        )
        .timeline
    }

    #[test]
    fn each_publisher_counts_what_it_supports_and_what_rests_on_it_alone() {
        let t = t();
        let all: Vec<EventIx> = (0..t.events.len()).collect();
        let p = publishers(&t, &all);
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Dawn", "ISPR"], "two events each: by name");
        let (dawn, ispr) = (&p[0], &p[1]);
        assert_eq!((dawn.events, dawn.alone, dawn.ungraded), (2, 1, 1));
        assert_eq!(dawn.grades, [(Grade::parse("B2").unwrap(), 2)]);
        assert_eq!((ispr.events, ispr.alone), (2, 1));
        let grades: Vec<String> = ispr.grades.iter().map(|(g, _)| g.to_string()).collect();
        assert_eq!(grades, ["A1", "A2"]);
        let only_b = publishers(&t, &[1]);
        assert_eq!(only_b.iter().map(|p| p.alone).sum::<usize>(), 0);
    }

    #[test]
    fn a_publisher_filter_keeps_its_events_or_those_resting_on_it_alone() {
        let t = t();
        let keeps = |name: &str, alone: bool| -> Vec<&str> {
            let f = PublisherFilter {
                name: name.into(),
                alone,
            };
            t.events
                .iter()
                .filter(|e| f.keeps(e))
                .map(|e| e.id.as_str())
                .collect()
        };
        assert_eq!(keeps("ISPR", false), ["a", "b"]);
        assert_eq!(keeps("ISPR", true), ["a"]);
        assert_eq!(keeps("Dawn", true), ["c"]);
        assert_eq!(publisher_named(&t, "ispr").as_deref(), Some("ISPR"));
        assert_eq!(publisher_named(&t, "Reuters"), None);
    }
}
