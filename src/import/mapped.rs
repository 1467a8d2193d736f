//! Any CSV, read through a mapping that names which column feeds which
//! field: `--map title=Headline,date=Date,actors=Who`. Dates are ISO
//! (`2014`, `2014-12`, `2014-12-16`, with `~` or `?`, a time after the day
//! ignored) unless `--date-format` gives their form in strftime's terms
//! (`%d/%m/%Y`; a form without a day reads a month, without a month a
//! year). Actors and tags are split on `;`; an actor is made for each
//! distinct name, of kind `other`, for the person to refine.

use chrono::NaiveDate;

use super::table::{Line, Table};
use super::{ActorSeed, Imported, PlaceSeed, Row, Source, host, is_link, slug};
use crate::load::suggest::did_you_mean;
use crate::model::{EventDate, Qualifier};
use crate::text::one_line;

/// The fields a column may feed, as `--map` names them.
pub const FIELDS: &[&str] = &[
    "date",
    "end",
    "title",
    "summary",
    "details",
    "actors",
    "tags",
    "location",
    "lat",
    "lon",
    "url",
    "publisher",
    "source",
    "source_date",
    "note",
    "killed",
    "wounded",
];

/// Field → column name, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    pairs: Vec<(String, String)>,
}

impl Mapping {
    /// `field=Column,field=Column`; a field `figure.NAME` feeds the figure
    /// NAME. Every field named once, `date` always, `title` or `summary`.
    pub fn parse(s: &str) -> Result<Mapping, String> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, column) = part
                .split_once('=')
                .ok_or_else(|| format!("\"{part}\" is not field=COLUMN"))?;
            let (field, column) = (field.trim().to_lowercase(), column.trim().to_string());
            let figure = field
                .strip_prefix("figure.")
                .is_some_and(|n| !n.is_empty() && slug(n) == n);
            if !FIELDS.contains(&field.as_str()) && !figure {
                let hint = did_you_mean(&field, FIELDS.iter().copied())
                    .map(|f| format!(" (did you mean {f}?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "no field \"{field}\"{hint}: --map takes {}, and figure.NAME",
                    FIELDS.join(", ")
                ));
            }
            if column.is_empty() {
                return Err(format!("{field}= names no column"));
            }
            if pairs.iter().any(|(f, _)| *f == field) {
                return Err(format!("{field} is mapped twice"));
            }
            pairs.push((field, column));
        }
        let has = |f: &str| pairs.iter().any(|(g, _)| g == f);
        if !has("date") {
            return Err("--map needs date=COLUMN".into());
        }
        if !has("title") && !has("summary") {
            return Err("--map needs title=COLUMN or summary=COLUMN".into());
        }
        Ok(Mapping { pairs })
    }

    fn column(&self, field: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, c)| c.as_str())
    }
}

pub fn import(t: &Table, map: &Mapping, format: Option<&str>) -> Result<Imported, String> {
    for (field, column) in &map.pairs {
        if !t.has(column) {
            let hint = did_you_mean(column, t.header.iter().map(String::as_str))
                .map(|c| format!(" (did you mean \"{c}\"?)"))
                .unwrap_or_default();
            return Err(format!(
                "--map {field}={column}: the file has no column \"{column}\"{hint}; its columns are {}",
                t.header.join(", ")
            ));
        }
    }
    Ok(t.each_row(|line, out, (): &mut ()| row(t, line, map, format, out)))
}

/// A date in ISO form, or in the form given.
pub fn date(s: &str, format: Option<&str>) -> Result<EventDate, String> {
    let bad = || match format {
        Some(f) => format!("\"{}\" is not a date of the form {f}", one_line(s)),
        None => format!(
            "\"{}\" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, with ~ or ?); \
             --date-format gives another form, such as %d/%m/%Y",
            one_line(s)
        ),
    };
    let Some(f) = format else {
        let head = s.split(['T', ' ']).next().unwrap_or(s);
        return EventDate::parse(head).map_err(|_| bad());
    };
    let has = |codes: &[&str]| codes.iter().any(|c| f.contains(c));
    let (month, day) = (has(&["%m", "%b", "%B", "%h"]), has(&["%d", "%e", "%j"]));
    let d = if day || has(&["%F", "%D", "%x"]) {
        NaiveDate::parse_from_str(s, f).map_err(|_| bad())?
    } else if month {
        NaiveDate::parse_from_str(&format!("{s} 1"), &format!("{f} %d")).map_err(|_| bad())?
    } else {
        NaiveDate::parse_from_str(&format!("{s} 1 1"), &format!("{f} %m %d")).map_err(|_| bad())?
    };
    use chrono::Datelike;
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| *y <= 9999)
        .ok_or_else(|| format!("{}: chronoscope's dates are years 0 to 9999", one_line(s)))?;
    let full = day || has(&["%F", "%D", "%x"]);
    EventDate::from_parts(
        year,
        (month || full).then(|| d.month()),
        full.then(|| d.day()),
        Qualifier::Exact,
    )
    .map_err(|e| e.to_string())
}

fn row(
    t: &Table,
    line: &Line,
    map: &Mapping,
    format: Option<&str>,
    out: &mut Imported,
) -> Result<(), String> {
    let cell = |field: &str| map.column(field).map_or("", |c| t.cell(line, c));
    let when = date(cell("date"), format).map_err(|e| format!("date: {e}"))?;
    let end = match cell("end") {
        "" => None,
        e => Some(date(e, format).map_err(|e| format!("end: {e}"))?),
    };
    if let Some(e) = end.filter(|e| e.first_day() < when.first_day()) {
        return Err(format!(
            "end {} is before the date {}",
            e.to_edtf(),
            when.to_edtf()
        ));
    }
    let mut figures = Vec::new();
    for (field, _) in &map.pairs {
        let name = match field.as_str() {
            "killed" | "wounded" => field.as_str(),
            f => match f.strip_prefix("figure.") {
                Some(n) => n,
                None => continue,
            },
        };
        match cell(field) {
            "" => {}
            v => figures.push((
                name.to_string(),
                v.parse::<u64>()
                    .map_err(|_| format!("{field} \"{}\" is not a whole number", one_line(v)))?,
            )),
        }
    }
    let at = super::point(("lat", cell("lat")), ("lon", cell("lon")))?;
    let summary = cell("summary");
    let title = match cell("title") {
        "" => summary.chars().take(100).collect::<String>(),
        t => t.to_string(),
    };
    if title.trim().is_empty() {
        return Err("no title and no summary".into());
    }
    let mut actors = Vec::new();
    for name in cell("actors")
        .split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let column = map.column("actors").unwrap_or_default();
        out.actors
            .entry(name.to_string())
            .or_insert_with(|| ActorSeed {
                kind: "other",
                summary: format!("Named in the \"{column}\" column of the imported spreadsheet."),
            });
        actors.push(name.to_string());
    }
    let location = cell("location");
    let place = match (location, at) {
        ("", _) | (_, None) => None,
        (name, Some(at)) => {
            let path = vec![name.to_string()];
            out.places.entry(path.clone()).or_insert(PlaceSeed {
                kind: "other",
                at: Some(at),
            });
            Some(path)
        }
    };
    let mut notes = Vec::new();
    if !cell("note").is_empty() {
        notes.push(cell("note").to_string());
    }
    let (url, publisher, named) = (cell("url"), cell("publisher"), cell("source"));
    let mut sources = Vec::new();
    if !url.is_empty() && !is_link(url) {
        notes.push(format!("Source address as given: {url}"));
    }
    if is_link(url) || !publisher.is_empty() || !named.is_empty() {
        let source_date = match cell("source_date") {
            "" => None,
            d => Some(date(d, format).map_err(|e| format!("source_date: {e}"))?),
        };
        sources.push(Source {
            publisher: match (publisher, is_link(url)) {
                ("", true) => host(url),
                ("", false) => named.to_string(),
                (p, _) => p.to_string(),
            },
            title: if named.is_empty() {
                title.clone()
            } else {
                named.to_string()
            },
            url: if is_link(url) {
                url.to_string()
            } else {
                String::new()
            },
            date: source_date,
        });
    }
    out.rows.push(Row {
        date: when,
        end: end.filter(|e| *e != when),
        summary: if summary.is_empty() {
            title.clone()
        } else {
            summary.to_string()
        },
        title,
        details: cell("details").to_string(),
        tags: cell("tags")
            .split(';')
            .map(slug)
            .filter(|t| !t.is_empty())
            .collect(),
        actors,
        location: location.to_string(),
        place,
        figures,
        sources,
        notes,
        ..Row::on(when)
    });
    Ok(())
}
