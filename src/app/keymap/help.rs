//! The `?` help: every scope's keys as the table in force names them,
//! then the marks on screen and what each means.

use super::{Scope, table};

/// A line of the help: a scope's title, a key and what it does, a mark
/// and what it means, or a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpLine {
    Title(&'static str),
    Key(&'static str, &'static str),
    Gap,
    Note(&'static str),
}

/// The marks on screen and what they mean, for the help.
pub const MARKS: &[(&str, &str)] = &[
    ("▸", "the selected event"),
    (
        "≠",
        "the event's claims conflict: someone denies or disputes what another asserts",
    ),
    (
        "•",
        "a search match, when matches are highlighted in place (t)",
    ),
    (
        "[x]",
        "an actor or tag in the filter; ∨ any-of, ∧ all-of in the header",
    ),
    (
        "n",
        "beside an actor or tag: how many shown events involve it",
    ),
    ("2014", "an event known only to its year shows the year"),
    ("c. / ?", "an approximate / uncertain date"),
    (
        "⚠",
        "in the header: the files on disk do not load, or are not watched (! shows why)",
    ),
    ("↓ N", "on a slide: N more lines below; j/k scroll"),
    ("✓", "in the slide overview: a slide already shown"),
    (
        "⏱",
        "presenting: the time since the first slide, then the clock",
    ),
];

/// Every line of the help, every scope in turn, then the marks.
pub fn help_lines() -> Vec<HelpLine> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        out.push(HelpLine::Title(scope.title()));
        for b in table().rows.iter().filter(|b| b.scope == scope) {
            out.push(HelpLine::Key(b.label.as_str(), b.desc));
        }
        out.push(HelpLine::Gap);
    }
    out.push(HelpLine::Title("Marks"));
    for &(mark, meaning) in MARKS {
        out.push(HelpLine::Key(mark, meaning));
    }
    out.push(HelpLine::Gap);
    out.push(HelpLine::Note(
        "Mouse: click selects (a year in the strip jumps there), the wheel scrolls.",
    ));
    out
}
