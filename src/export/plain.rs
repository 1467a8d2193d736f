//! The plain listing: one line per event — date at its precision, title,
//! actors' short names. What `list` prints by default and what the bare
//! command prints when its output is not a terminal.

use std::fmt::Write;

use super::{line, shown_events};
use crate::model::{Event, Source, Timeline};
use crate::query::Filtered;

/// Width of the date column; "30 Nov–2 Dec 2014" and "c. Jun–Nov 2022" fit.
const DATE_WIDTH: usize = 22;

pub fn to_text(t: &Timeline, shown: &Filtered) -> String {
    super::whole(|out| write_text(t, shown, out))
}

/// The listing, written as it is made.
pub fn write_text(
    t: &Timeline,
    shown: &Filtered,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut spool = super::Spool::new(out);
    for e in shown_events(t, shown) {
        let out = &mut spool.buf;
        let actors: Vec<String> = e
            .actors
            .iter()
            .filter_map(|&a| t.actors.get(a))
            .map(|a| line(&a.short))
            .collect();
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{:<DATE_WIDTH$} {}  [{}]",
            line(&e.display_date()),
            line(&e.title),
            actors.join(", ")
        );
        spool.spill()?;
    }
    spool.finish()
}

/// A citation of an event, on one line, for a story or a footnote:
/// "Title (16 Dec 2014). Publisher, ‘Article title’, 17 Dec 2014, URL".
/// With no source, the event alone.
pub fn cite(e: &Event, source: Option<&Source>) -> String {
    let mut out = format!("{} ({}).", line(&e.title), line(&e.display_date()));
    if let Some(s) = source {
        let _ = write!(out, " {}, ‘{}’", line(&s.publisher), line(&s.title));
        if let Some(d) = s.date {
            let _ = write!(out, ", {d}");
        }
        if let Some(u) = &s.url {
            let _ = write!(out, ", {}", line(u));
        }
    }
    out
}
