//! TimelineJS3 JSON (Knight Lab's format, and what `list --format
//! timelinejs` writes) into events. A date keeps the precision its parts
//! give: no month is a year, no day a month, never the 1st. A
//! `display_date` of "c. …" or "…?" keeps its qualifier. The headline is
//! the title; the text, HTML, becomes plain text with its paragraphs and
//! its links as addresses: the first paragraph is the summary, the rest the
//! details. `group` becomes a tag, a media link to an article a source, the
//! eras tags on the events they span, and the title slide the timeline's
//! title and summary. What has no place in the format (a media caption
//! without a link, a display date) is kept in the event's editor's note.

use serde_json::Value;

use super::{Imported, Row, RowError};
use crate::model::{EventDate, Qualifier};

/// Whether a JSON document looks like TimelineJS: an object with `events`.
pub fn detect(v: &Value) -> bool {
    v.get("events").is_some_and(Value::is_array)
}

pub fn import(v: &Value) -> Imported {
    let mut out = Imported::default();
    if let Some(title) = v.get("title") {
        (out.title, out.summary) = title_slide(title);
    }
    let empty = Vec::new();
    let events = v.get("events").and_then(Value::as_array).unwrap_or(&empty);
    for (i, e) in events.iter().enumerate() {
        match row(e) {
            Ok(r) => out.rows.push(r),
            Err(why) => out.skipped.push(RowError {
                at: format!("events[{i}]"),
                why,
            }),
        }
    }
    let eras = v.get("eras").and_then(Value::as_array).unwrap_or(&empty);
    for (i, e) in eras.iter().enumerate() {
        if let Err(why) = era(e, &mut out.rows) {
            out.skipped.push(RowError {
                at: format!("eras[{i}]"),
                why,
            });
        }
    }
    out
}

/// The title slide's headline and text: the timeline's title and summary.
pub fn title_slide(slide: &Value) -> (String, String) {
    let text = slide.get("text");
    let title = text
        .and_then(|t| t.get("headline"))
        .and_then(Value::as_str)
        .map(|h| plain(h).replace('\n', " "))
        .unwrap_or_default();
    let summary = text
        .and_then(|t| t.get("text"))
        .and_then(Value::as_str)
        .map(plain)
        .unwrap_or_default();
    (title, summary)
}

/// An era is a span: each event in it carries the era's name as a tag,
/// `era-<name>`.
pub fn era(era: &Value, rows: &mut [Row]) -> Result<(), String> {
    let start = date(
        era.get("start_date").ok_or("an era with no start_date")?,
        "",
    )?;
    let end = dated(
        era.get("end_date").ok_or("an era with no end_date")?,
        "",
        "end_date",
    )?;
    let name = era
        .get("text")
        .and_then(|t| t.get("headline"))
        .and_then(Value::as_str)
        .map(plain)
        .unwrap_or_default();
    let tag = super::slug(&name);
    if tag.is_empty() {
        return Err("an era with no headline to name it by".into());
    }
    for r in rows {
        if r.date.first_day() >= start.first_day() && r.date.first_day() <= end.last_day() {
            r.tags.push(format!("era-{tag}"));
        }
    }
    Ok(())
}

/// One slide: its dates, headline, text, group and media.
pub fn row(e: &Value) -> Result<Row, String> {
    let display = e
        .get("display_date")
        .and_then(Value::as_str)
        .map(plain)
        .unwrap_or_default();
    let start = e.get("start_date").ok_or("no start_date")?;
    let date = date(start, &display)?;
    let end = match e.get("end_date") {
        Some(d) => Some(dated(d, "", "end_date")?),
        None => None,
    };
    let text = e.get("text");
    let headline = text
        .and_then(|t| t.get("headline"))
        .and_then(Value::as_str)
        .map(|h| plain(h).replace('\n', " "))
        .unwrap_or_default();
    let body = text
        .and_then(|t| t.get("text"))
        .and_then(Value::as_str)
        .map(plain)
        .unwrap_or_default();
    let mut paragraphs = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let first = paragraphs.next().unwrap_or_default().to_string();
    let details: Vec<&str> = paragraphs.collect();
    let title = if headline.trim().is_empty() {
        first.chars().take(100).collect::<String>()
    } else {
        headline.trim().to_string()
    };
    if title.trim().is_empty() {
        return Err("no headline and no text".into());
    }
    let mut r = Row {
        date,
        end: end.filter(|d| d.first_day() >= date.first_day() && *d != date),
        summary: if first.is_empty() {
            title.clone()
        } else {
            first
        },
        title,
        details: details.join("\n\n"),
        ..Row::on(date)
    };
    if let Some(g) = e.get("group").and_then(Value::as_str) {
        let tag = super::slug(&plain(g));
        if !tag.is_empty() {
            r.tags.push(tag);
        }
    }
    if let Some(media) = e.get("media") {
        let url = media.get("url").and_then(Value::as_str).unwrap_or_default();
        let credit = media
            .get("credit")
            .and_then(Value::as_str)
            .map(plain)
            .unwrap_or_default();
        let caption = media
            .get("caption")
            .and_then(Value::as_str)
            .map(plain)
            .unwrap_or_default();
        if super::is_link(url) && !is_media(url) {
            r.sources.push(super::Source {
                publisher: if credit.is_empty() {
                    super::host(url)
                } else {
                    credit
                },
                title: if caption.is_empty() {
                    r.title.clone()
                } else {
                    caption
                },
                url: url.to_string(),
                date: None,
            });
        } else if !(url.is_empty() && credit.is_empty() && caption.is_empty()) {
            let what = [plain(url), credit, caption]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>();
            if !what.is_empty() {
                r.notes.push(format!("Media: {}", what.join(" · ")));
            }
        }
    }
    for (which, d) in [("start", Some(start)), ("end", e.get("end_date"))] {
        if let Some(t) = d.and_then(time_of) {
            r.notes.push(format!("TimelineJS {which} time: {t}"));
        }
    }
    if !display.is_empty() && display != r.date.display_range(r.end.as_ref()) {
        r.notes.push(format!("TimelineJS display date: {display}"));
    }
    Ok(r)
}

/// A `start_date`/`end_date` object: its year, month and day at the
/// precision given; "c. " or "?" in `display` qualifies it.
fn date(d: &Value, display: &str) -> Result<EventDate, String> {
    dated(d, display, "start_date")
}

fn dated(d: &Value, display: &str, what: &str) -> Result<EventDate, String> {
    let mut date = date_of(d, what)?;
    let shown = d
        .get("display_date")
        .and_then(Value::as_str)
        .map(plain)
        .unwrap_or_else(|| display.to_string());
    let q = if shown.starts_with("c. ") {
        Qualifier::Approximate
    } else if shown.ends_with('?') {
        Qualifier::Uncertain
    } else {
        Qualifier::Exact
    };
    if q != Qualifier::Exact {
        date = EventDate::from_parts(
            date.year(),
            date.month().map(u32::from),
            date.day().map(u32::from),
            q,
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(date)
}

fn date_of(d: &Value, what: &str) -> Result<EventDate, String> {
    let part = |k: &str| -> Result<Option<i64>, String> {
        match d.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => s.trim().parse::<i64>().map(Some).map_err(|_| {
                format!(
                    "{what}.{k} \"{}\" is not a number",
                    crate::text::one_line(s)
                )
            }),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| format!("{what}.{k} {n} is not a whole number")),
            Some(other) => Err(format!("{what}.{k} is {other}, not a number")),
        }
    };
    let year = part("year")?.ok_or_else(|| format!("{what} has no year"))?;
    let (month, day) = (part("month")?, part("day")?);
    if !(0..=9999).contains(&year) {
        return Err(format!(
            "{what}.year {year}: chronoscope's dates are years 0 to 9999 (EDTF's four digits); a year before the common era, or past 9999, cannot be held"
        ));
    }
    if day.is_some() && month.is_none() {
        return Err(format!("{what} has a day but no month"));
    }
    let small = |n: Option<i64>| n.and_then(|n| u32::try_from(n).ok());
    EventDate::from_parts(
        u16::try_from(year).unwrap_or_default(),
        small(month),
        small(day),
        Qualifier::Exact,
    )
    .map_err(|e| format!("{what}: {e}"))
}

/// Whether a link is to a picture, a recording or a video rather than to
/// an article: by its file's extension, or a host that serves only media.
fn is_media(url: &str) -> bool {
    const HOSTS: &[&str] = &[
        "upload.wikimedia.org",
        "youtube.com",
        "youtu.be",
        "vimeo.com",
        "dailymotion.com",
        "soundcloud.com",
        "open.spotify.com",
        "flickr.com",
        "imgur.com",
        "giphy.com",
        "tiktok.com",
    ];
    const EXTENSIONS: &[&str] = &[
        "jpg", "jpeg", "png", "gif", "svg", "webp", "tif", "tiff", "mp3", "mp4", "m4a", "wav",
        "ogg", "webm", "mov",
    ];
    let host = super::host(url).to_lowercase();
    if host.starts_with("google.") && url.contains("/maps") {
        return true;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url).to_lowercase();
    HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
        || EXTENSIONS
            .iter()
            .any(|e| path.rsplit_once('.').is_some_and(|(_, x)| x == *e))
}

/// A time of day, when a date gives one: `hour`, `minute`, `second`.
fn time_of(d: &Value) -> Option<String> {
    let part = |k: &str| match d.get(k) {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let hour = part("hour")?;
    let mut t = format!("{hour:02}:{:02}", part("minute").unwrap_or(0));
    if let Some(s) = part("second") {
        t.push_str(&format!(":{s:02}"));
    }
    Some(t)
}

/// HTML as plain text: paragraphs kept, each link's address written after
/// its words, in brackets, when it is a web address the words do not
/// already give.
pub fn plain(html: &str) -> String {
    use html2text::render::RichAnnotation;
    if !html.contains('<') && !html.contains('&') {
        return html.trim().to_string();
    }
    let Ok(lines) = html2text::config::rich().lines_from_read(html.as_bytes(), 10_000) else {
        return html.trim().to_string();
    };
    let mut text = String::new();
    for line in lines {
        let mut open: Option<(String, String)> = None;
        let close = |text: &mut String, (url, words): (String, String)| {
            if super::is_link(&url) && words.trim() != url {
                text.push_str(&format!(" ({url})"));
            }
        };
        for piece in line.tagged_strings() {
            let link = piece.tag.iter().find_map(|a| match a {
                RichAnnotation::Link(u) => Some(u.clone()),
                _ => None,
            });
            if open.as_ref().map(|(u, _)| u) != link.as_ref() {
                if let Some(done) = open.take() {
                    close(&mut text, done);
                }
                open = link.map(|u| (u, String::new()));
            }
            if let Some((_, words)) = &mut open {
                words.push_str(&piece.s);
            }
            text.push_str(&piece.s);
        }
        if let Some(done) = open.take() {
            close(&mut text, done);
        }
        text.push('\n');
    }
    let mut out: Vec<String> = Vec::new();
    for para in text.split("\n\n") {
        let joined: Vec<&str> = para
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !joined.is_empty() {
            out.push(joined.join(" "));
        }
    }
    out.join("\n\n")
}
