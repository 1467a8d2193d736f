//! TimelineJS3 JSON, so a chronology can be published on the web with
//! Knight Lab's TimelineJS: a title slide and one slide per event, with
//! `start_date`/`end_date` objects that name only the parts of a date that
//! are known, and a `display_date` that keeps the qualifier ("c. Jun 2022").
//!
//! TimelineJS renders `headline`, `text` and `group` as HTML, so every
//! string from the timeline is HTML-escaped, and only http(s) URLs become links.

use serde::Serialize;

use super::{About, actor_name, block, html, line, shown_events};
use crate::model::{Event, EventDate, Source, Timeline};
use crate::query::Filtered;

#[derive(Serialize)]
struct Document<'a> {
    title: Slide,
    events: Slides<'a>,
}

/// The events, each made into a slide only as it is written.
struct Slides<'a> {
    t: &'a Timeline,
    shown: &'a Filtered,
}

impl Serialize for Slides<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        let mut seq = s.serialize_seq(None)?;
        for e in shown_events(self.t, self.shown) {
            seq.serialize_element(&slide(self.t, e))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Slide {
    text: Text,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct EventSlide {
    start_date: DateJs,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateJs>,
    display_date: String,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    unique_id: String,
}

#[derive(Serialize)]
struct DateJs {
    year: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    display_date: String,
}

pub fn to_timelinejs(t: &Timeline, shown: &Filtered, about: &About) -> String {
    super::whole(|out| write_timelinejs(t, shown, about, out))
}

/// The TimelineJS document, a slide written as each is made.
pub fn write_timelinejs(
    t: &Timeline,
    shown: &Filtered,
    about: &About,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut intro = paragraphs(&block(&t.summary));
    intro.push_str(&format!(
        "<p><small>{}</small></p>",
        html(&about.sentence())
    ));
    if let Some(c) = t.coverage {
        intro.push_str(&format!(
            "<p>{}</p>",
            html(&line(&c.from.display_range(Some(&c.to))))
        ));
    }
    let doc = Document {
        title: Slide {
            text: Text {
                headline: html(&line(&t.title)),
                text: intro,
            },
        },
        events: Slides { t, shown },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

fn slide(t: &Timeline, e: &Event) -> EventSlide {
    let mut text = paragraphs(&block(&e.summary));
    let actors: Vec<String> = e.actors.iter().map(|&a| html(&actor_name(t, a))).collect();
    if !actors.is_empty() {
        text.push_str(&format!("<p>{}</p>", actors.join(", ")));
    }
    // Claims, each with who made it and how it stands: a denial is never
    // published as the event's own word.
    if !e.claims.is_empty() {
        let claims: Vec<String> = e
            .claims
            .iter()
            .map(|c| {
                format!(
                    "<li><b>{}</b> {}: {}</li>",
                    html(&actor_name(t, c.by)),
                    c.stance.as_str(),
                    html(&line(&c.text))
                )
            })
            .collect();
        text.push_str(&format!("<ul>{}</ul>", claims.concat()));
    }
    if !e.sources.is_empty() {
        let sources: Vec<String> = e.sources.iter().map(source).collect();
        text.push_str(&format!("<p>Sources: {}</p>", sources.join("; ")));
    }
    EventSlide {
        start_date: date(&e.date),
        end_date: e.end.as_ref().filter(|end| **end != e.date).map(date),
        display_date: html(&line(&e.display_date())),
        text: Text {
            headline: html(&line(&e.title)),
            text,
        },
        group: e
            .actors
            .first()
            .map(|&a| html(&actor_name(t, a)))
            .filter(|g| !g.is_empty()),
        unique_id: line(&e.id),
    }
}

fn date(d: &EventDate) -> DateJs {
    DateJs {
        year: d.year(),
        month: d.month(),
        day: d.day(),
        display_date: html(&line(&d.to_string())),
    }
}

/// "Dawn, <a href="…">Title</a>, 15 Dec 2007 (B2)".
fn source(s: &Source) -> String {
    let title = html(&line(&s.title));
    let url = s.url.as_deref().map(line).filter(|u| {
        let l = u.to_ascii_lowercase();
        l.starts_with("https://") || l.starts_with("http://")
    });
    let title = match url {
        Some(u) if !title.is_empty() => format!("<a href=\"{}\">{title}</a>", html(&u)),
        _ => title,
    };
    let mut parts = vec![html(&line(&s.publisher)), title];
    parts.extend(s.date.map(|d| html(&d.to_string())));
    parts.retain(|p| !p.is_empty());
    let mut out = parts.join(", ");
    if let Some(g) = s.grade {
        out.push_str(&format!(" ({g})"));
    }
    out
}

/// Paragraphs of text as `<p>` elements.
fn paragraphs(s: &str) -> String {
    s.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", html(p).replace('\n', "<br>")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(paragraphs("a\nb\n\n<c>"), "<p>a<br>b</p><p>&lt;c&gt;</p>");
    }
}
