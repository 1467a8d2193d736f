//! What a timeline holds, as the command line lists it: `chronoscope
//! actors`, `tags`, `places`, `tours` and `views` print the ids a person can
//! pass to `--actor`, `--tag`, `--place`, `--tour` and `--view`, with what
//! each names and how many events it has (or, for a view, what it shows) —
//! as aligned columns, or as JSON for scripts.

use serde_json::{Value, json};

use crate::fit::width;
use crate::model::{Timeline, View};
use crate::query::{Filtered, Index, SearchMode, describe_filters};
use crate::text::one_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Catalogue {
    Actors,
    Tags,
    Places,
    Tours,
    Views,
}

impl Catalogue {
    /// The listing: a JSON array of objects, or a table with a heading row.
    pub fn render(self, t: &Timeline, json: bool) -> String {
        let rows = self.rows(t);
        if json {
            return format!("{:#}\n", Value::Array(rows));
        }
        let cols: &[&str] = match self {
            Catalogue::Actors => &["id", "short", "events", "name"],
            Catalogue::Tags => &["tag", "events"],
            Catalogue::Places => &["id", "kind", "events", "lat", "lon", "name"],
            Catalogue::Tours => &["id", "steps", "title"],
            Catalogue::Views => &["id", "title", "filter"],
        };
        let cells: Vec<Vec<String>> =
            std::iter::once(cols.iter().map(|c| c.to_uppercase()).collect())
                .chain(
                    rows.iter()
                        .map(|r| cols.iter().map(|c| cell(r, c)).collect()),
                )
                .collect();
        let widths: Vec<usize> = (0..cols.len())
            .map(|i| cells.iter().map(|row| width(&row[i])).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for row in &cells {
            let mut line = String::new();
            for (i, (text, w)) in row.iter().zip(&widths).enumerate() {
                line.push_str(text);
                if i + 1 < row.len() {
                    line.push_str(&" ".repeat(w.saturating_sub(width(text)) + 2));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// One JSON object per actor, tag, place, tour or view, every text on one line.
    fn rows(self, t: &Timeline) -> Vec<Value> {
        let ix = Index::build(t);
        match self {
            Catalogue::Actors => t
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    json!({
                        "id": one_line(&a.id),
                        "short": one_line(&a.short),
                        "name": one_line(&a.name),
                        "kind": a.kind.as_str(),
                        "aliases": a.aliases.iter().map(|s| one_line(s)).collect::<Vec<_>>(),
                        "events": ix.actor_events[i].len(),
                    })
                })
                .collect(),
            Catalogue::Tags => t
                .tags
                .iter()
                .enumerate()
                .map(|(i, g)| json!({ "tag": one_line(g), "events": ix.tag_events[i].len() }))
                .collect(),
            Catalogue::Places => t
                .places
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    json!({
                        "id": one_line(&p.id),
                        "name": one_line(&p.name),
                        "short": one_line(&p.short),
                        "kind": p.kind.as_str(),
                        "lat": p.lat,
                        "lon": p.lon,
                        "within": p.within.map(|w| one_line(&t.places[w].id)),
                        "aliases": p.aliases.iter().map(|s| one_line(s)).collect::<Vec<_>>(),
                        "events": ix.place_events[i].len(),
                    })
                })
                .collect(),
            Catalogue::Tours => t
                .tours
                .iter()
                .map(|tour| {
                    json!({
                        "id": one_line(&tour.id),
                        "title": one_line(&tour.title),
                        "steps": tour.steps.len(),
                    })
                })
                .collect(),
            Catalogue::Views => t.views.iter().map(|v| view_row(t, v)).collect(),
        }
    }
}

/// A view: what it shows in words, and each of its fields.
fn view_row(t: &Timeline, v: &View) -> Value {
    let lines = |list: &[String]| list.iter().map(|s| one_line(s)).collect::<Vec<_>>();
    let date = |d: Option<crate::model::EventDate>| d.map(|d| d.to_edtf());
    json!({
        "id": one_line(&v.id),
        "title": one_line(&v.title),
        "summary": one_line(&v.summary),
        "filter": view_words(t, v),
        "actors": lines(&v.actors),
        "match": View::MATCHES[usize::from(v.all)],
        "tags": lines(&v.tags),
        "places": lines(&v.places),
        "from": date(v.from),
        "to": date(v.to),
        "search": one_line(&v.search),
        "highlight": v.highlight,
        "contested": v.contested,
        "as_of": date(v.as_of),
        "event": v.event.as_deref().map(one_line),
    })
}

/// What a view shows, in the words the explorer's header gives a filter:
/// "as known on 2023 · TTP · 2021-08– · opens on 2021-08-taliban-take-kabul".
/// Without counts: what a search hides or marks is seen once it is applied.
fn view_words(t: &Timeline, v: &View) -> String {
    let mut words: Vec<String> = v
        .as_of
        .map(|d| format!("as known on {d}"))
        .into_iter()
        .collect();
    match crate::cli::FilterArgs::default().with_view(v).to_filter(t) {
        Ok(mut f) => {
            let marked = std::mem::take(&mut f.search_mode) == SearchMode::Highlight;
            words.extend(describe_filters(t, &f, &Filtered::default()));
            if marked {
                words.push("matches marked in place".to_string());
            }
        }
        Err(e) => words.push(e),
    }
    if let Some(e) = &v.event {
        words.push(format!("opens on {}", one_line(e)));
    }
    if words.is_empty() {
        "every event".to_string()
    } else {
        words.join(" · ")
    }
}

/// A field as a table shows it: strings bare, numbers as digits.
fn cell(row: &Value, key: &str) -> String {
    match &row[key] {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::from_str;

    const T: &str = r#"
[timeline]
title = "T"
[actors.ttp]
name = "Tehrik-i-Taliban Pakistan"
short = "TTP"
kind = "armed-group"
summary = "s"
[actors.pak]
name = "Pakistan"
kind = "state"
summary = "s"
[[events]]
id = "a"
date = "2007-12"
title = "Founded"
summary = "s"
actors = ["ttp", "pak"]
tags = ["founding"]
[[events.sources]]
publisher = "P"
title = "T"
[[events]]
id = "b"
date = "2008"
title = "Later"
summary = "s"
actors = ["ttp"]
[[events.sources]]
publisher = "P"
title = "T"
[[tours]]
id = "intro"
title = "An introduction"
steps = [{ event = "a" }, { event = "b" }]
[[views]]
id = "ttp-2008"
title = "The TTP from 2008"
actors = ["ttp"]
from = "2008"
search = "later"
highlight = true
as_of = "2009"
event = "b"
[[views]]
id = "all"
title = "Everything"
"#;

    fn timeline() -> Timeline {
        let l = from_str("t.toml", T);
        assert_eq!(l.errors(), 0, "{:?}", l.problems());
        l.timeline
    }

    #[test]
    fn actors_are_listed_in_aligned_columns_with_their_counts() {
        let out = Catalogue::Actors.render(&timeline(), false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "ID   SHORT     EVENTS  NAME");
        assert!(
            lines.contains(&"ttp  TTP       2       Tehrik-i-Taliban Pakistan"),
            "{out}"
        );
        assert!(
            lines.contains(&"pak  Pakistan  1       Pakistan") || out.contains("pak  Pakistan"),
            "{out}"
        );
    }

    #[test]
    fn tags_and_tours_list_what_filters_take() {
        let t = timeline();
        assert_eq!(
            Catalogue::Tags.render(&t, false),
            "TAG       EVENTS\nfounding  1\n"
        );
        assert_eq!(
            Catalogue::Tours.render(&t, false),
            "ID     STEPS  TITLE\nintro  2      An introduction\n"
        );
    }

    #[test]
    fn json_holds_every_field() {
        let out = Catalogue::Actors.render(&timeline(), true);
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        let ttp = v
            .as_array()
            .and_then(|a| a.iter().find(|r| r["id"] == "ttp"));
        assert_eq!(ttp.map(|r| r["events"].clone()), Some(json!(2)));
        assert_eq!(ttp.map(|r| r["kind"].clone()), Some(json!("armed-group")));
    }

    #[test]
    fn views_say_what_they_show_in_the_headers_words() {
        let t = timeline();
        assert_eq!(
            Catalogue::Views.render(&t, false),
            "ID        TITLE              FILTER\n\
             ttp-2008  The TTP from 2008  as known on 2009 · TTP · 2008– · /later · matches marked in place · opens on b\n\
             all       Everything         every event\n"
        );
        let out = Catalogue::Views.render(&t, true);
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(v[0]["match"], "any");
        assert_eq!(v[0]["from"], "2008");
        assert_eq!(v[0]["as_of"], "2009");
        assert_eq!(v[0]["highlight"], true);
        assert_eq!(v[1]["event"], Value::Null);
    }
}
