//! CSV: one row per event under a header row, RFC 4180 quoting by the `csv`
//! crate, `\n` line ends. Multi-valued fields are joined with `"; "`,
//! except claims, which hold any punctuation: one claim per line of the
//! cell. The last column, `exported`, repeats on every row what the file
//! holds (its filter, when and by which chronoscope it was made): comment
//! lines would be data rows to Excel, and a sidecar file gets separated
//! from its table; a column travels with every row a reader copies.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a
//! formula, so a hostile title could fetch a URL or run a command when the
//! file is opened. Such cells get a leading `'`, which spreadsheets read as
//! "this is text" (the OWASP advice for CSV injection).

use super::{About, actor_name, block, line, shown_events};
use crate::model::{Event, Source, Timeline};
use crate::query::Filtered;

/// The header row, in column order.
pub const COLUMNS: [&str; 21] = [
    "id",
    "date",
    "start",
    "end",
    "precision",
    "qualifier",
    "title",
    "summary",
    "details",
    "location",
    "places",
    "place_ids",
    "actors",
    "actor_ids",
    "tags",
    "figures",
    "claims",
    "sources",
    "related",
    "note",
    "exported",
];

/// What joins the values of a multi-valued cell.
pub const JOIN: &str = "; ";

pub fn to_csv(t: &Timeline, shown: &Filtered, about: &About) -> String {
    super::whole(|out| write_csv(t, shown, about, out))
}

/// The CSV, a row written as each event is made into one.
pub fn write_csv(
    t: &Timeline,
    shown: &Filtered,
    about: &About,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let exported = about.sentence();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(COLUMNS)?;
    for e in shown_events(t, shown) {
        w.write_record(row(t, e, &exported, about).iter().map(|c| neutralise(c)))?;
    }
    w.flush()
}

fn row(t: &Timeline, e: &Event, exported: &str, about: &About) -> [String; 21] {
    let join = |v: Vec<String>| v.join(JOIN);
    [
        line(&e.id),
        line(&e.display_date()),
        e.date.to_edtf(),
        e.end.map(|d| d.to_edtf()).unwrap_or_default(),
        e.date.precision().as_str().to_string(),
        e.date.qualifier().as_str().to_string(),
        line(&e.title),
        block(&e.summary),
        block(&e.details),
        line(&e.location),
        join(
            e.places
                .iter()
                .filter_map(|&p| t.places.get(p))
                .map(|p| line(&p.name))
                .collect(),
        ),
        join(
            e.places
                .iter()
                .filter_map(|&p| t.places.get(p))
                .map(|p| line(&p.id))
                .collect(),
        ),
        join(e.actors.iter().map(|&a| actor_name(t, a)).collect()),
        join(
            e.actors
                .iter()
                .filter_map(|&a| t.actors.get(a))
                .map(|a| line(&a.id))
                .collect(),
        ),
        join(
            e.tags
                .iter()
                .filter_map(|&g| t.tags.get(g))
                .map(|g| line(g))
                .collect(),
        ),
        join(
            e.figures
                .iter()
                .map(|(k, v)| format!("{}={v}", line(k)))
                .collect(),
        ),
        e.claims
            .iter()
            .map(|c| {
                format!(
                    "{} {}: {}",
                    actor_name(t, c.by),
                    c.stance.as_str(),
                    line(&c.text)
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        join(e.sources.iter().map(source).collect()),
        join(
            e.related
                .iter()
                .filter_map(|&r| t.events.get(r))
                .map(|r| line(&r.id))
                .collect(),
        ),
        about.note(&e.id),
        exported.to_string(),
    ]
}

/// "Dawn, Militant groups form an alliance, 15 Dec 2007, https://…, B2".
fn source(s: &Source) -> String {
    let mut parts = vec![line(&s.publisher), line(&s.title)];
    parts.extend(s.date.map(|d| d.to_string()));
    parts.extend(s.url.as_deref().map(line));
    parts.extend(s.grade.map(|g| g.to_string()));
    parts.retain(|p| !p.is_empty());
    parts.join(", ")
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula. Leading
/// white space of any kind (a no-break or an ideographic space too) is
/// looked past, since spreadsheets trim it on import.
pub fn neutralise(cell: &str) -> String {
    let first = cell.trim_start_matches(char::is_whitespace).chars().next();
    if matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')) || cell.starts_with(['\t', '\r'])
    {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "  =HYPERLINK(\"x\")",
            "\u{A0}=1",
            "\u{3000}=1",
        ] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        for good in ["1-1", "a=b", "", "'quoted", "2014-12-16"] {
            assert_eq!(neutralise(good), good);
        }
    }
}
