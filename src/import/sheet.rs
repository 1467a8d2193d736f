//! The TimelineJS Google Sheet template, downloaded as CSV: Year, Month,
//! Day, Time, End Year, End Month, End Day, End Time, Display Date,
//! Headline, Text, Media, Media Credit, Media Caption, Media Thumbnail,
//! Type, Group, Background. Each row is read as the JSON slide it stands
//! for, so a sheet and its JSON import alike: the row whose Type is
//! `title` is the title slide, rows of Type `era` are eras, the rest
//! events. A time of day, which the timeline format does not hold, goes
//! to the editor's note; the thumbnail and background are how TimelineJS
//! draws a slide, and are left out.

use serde_json::{Map, Value, json};

use super::table::{Line, Table};
use super::{Imported, RowError, timelinejs};

/// Whether a header is the template's: its date parts and its headline.
pub fn detect(header: &[String]) -> bool {
    let has = |name: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    ["Year", "Month", "Day", "Headline", "Text"]
        .iter()
        .all(|c| has(c))
}

pub fn import(t: &Table) -> Result<Imported, String> {
    if !detect(&t.header) {
        return Err(format!(
            "not the TimelineJS sheet template: its header needs Year, Month, Day, Headline and Text, and is {}",
            t.header.join(", ")
        ));
    }
    let mut out = Imported {
        skipped: t.broken_rows(),
        ..Imported::default()
    };
    let mut eras = Vec::new();
    for row in &t.rows {
        let slide = slide(t, row);
        match t.cell(row, "Type").to_lowercase().as_str() {
            "title" => (out.title, out.summary) = timelinejs::title_slide(&slide),
            "era" => eras.push((row.line, slide)),
            _ => match timelinejs::row(&slide) {
                Ok(mut r) => {
                    for (which, col) in [("start", "Time"), ("end", "End Time")] {
                        let time = t.cell(row, col);
                        if !time.is_empty() {
                            r.notes.push(format!("TimelineJS {which} time: {time}"));
                        }
                    }
                    out.rows.push(r);
                }
                Err(why) => out.skipped.push(RowError {
                    at: format!("line {}", row.line),
                    why: columns(&why),
                }),
            },
        }
    }
    for (line, e) in eras {
        if let Err(why) = timelinejs::era(&e, &mut out.rows) {
            out.skipped.push(RowError {
                at: format!("line {line}"),
                why: columns(&why),
            });
        }
    }
    Ok(out)
}

/// A reason given in JSON's terms, in the sheet's column names.
fn columns(why: &str) -> String {
    why.replace("start_date.year", "Year")
        .replace("start_date.month", "Month")
        .replace("start_date.day", "Day")
        .replace("end_date.year", "End Year")
        .replace("end_date.month", "End Month")
        .replace("end_date.day", "End Day")
        .replace("no start_date", "no Year")
        .replace("start_date", "the start date")
        .replace("end_date", "the end date")
}

/// A row as the JSON slide TimelineJS makes of it.
fn slide(t: &Table, row: &Line) -> Value {
    let cell = |c: &str| t.cell(row, c);
    let date = |y: &str, m: &str, d: &str| -> Option<Value> {
        if cell(y).is_empty() && cell(m).is_empty() && cell(d).is_empty() {
            return None;
        }
        Some(json!({ "year": cell(y), "month": cell(m), "day": cell(d) }))
    };
    let mut slide = Map::new();
    if let Some(d) = date("Year", "Month", "Day") {
        slide.insert("start_date".into(), d);
    }
    if let Some(d) = date("End Year", "End Month", "End Day") {
        slide.insert("end_date".into(), d);
    }
    if !cell("Display Date").is_empty() {
        slide.insert("display_date".into(), json!(cell("Display Date")));
    }
    slide.insert(
        "text".into(),
        json!({ "headline": cell("Headline"), "text": cell("Text") }),
    );
    if !cell("Media").is_empty() || !cell("Media Caption").is_empty() {
        slide.insert(
            "media".into(),
            json!({
                "url": cell("Media"),
                "credit": cell("Media Credit"),
                "caption": cell("Media Caption"),
            }),
        );
    }
    if !cell("Group").is_empty() {
        slide.insert("group".into(), json!(cell("Group")));
    }
    Value::Object(slide)
}
