//! A diff as text for a terminal (green `+`, red `−`, yellow `~` when
//! asked to colour) and as a Markdown "what changed" brief.
//!
//! Every string here was sanitized when the diff was built; the text is
//! sanitized once more piece by piece (the colours are added after), and
//! Markdown escapes whatever would become markup.

use std::fmt::Write as _;

use super::{Change, Diff, Entry, FieldChange, Kind, Labels, Section};
use crate::text::one_line;

/// A field's members fit on one line up to this many characters.
const LINE: usize = 100;

/// The colours of the text output, or none.
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        match self.on {
            true => format!("\x1b[{code}m{s}\x1b[0m"),
            false => s.to_string(),
        }
    }

    fn added(&self, s: &str) -> String {
        self.wrap("32", s)
    }

    fn removed(&self, s: &str) -> String {
        self.wrap("31", s)
    }

    fn changed(&self, s: &str) -> String {
        self.wrap("33", s)
    }

    fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
}

/// The diff as text: the records of each kind added, removed and changed
/// (one line per changed field), then a summary line. `color` adds ANSI
/// colours; give it only for a terminal that asked for none of `NO_COLOR`.
pub fn to_text(diff: &Diff, labels: &Labels, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        p.bold(&format!("What changed in {}", one_line(&diff.title)))
    );
    let _ = writeln!(
        out,
        "from {} to {}",
        one_line(&labels.old),
        one_line(&labels.new)
    );
    if !diff.timeline.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("Timeline changed"));
        for f in &diff.timeline {
            text_field(&mut out, &p, f, "  ");
        }
    }
    for kind in Kind::ALL {
        let s = diff.section(kind);
        if s.is_empty() {
            continue;
        }
        out.push('\n');
        text_section(&mut out, &p, kind, s);
    }
    let _ = writeln!(out, "\n{}", one_line(&diff.summary()));
    out
}

fn text_section(out: &mut String, p: &Paint, kind: Kind, s: &Section) {
    let width = s
        .added
        .iter()
        .chain(&s.removed)
        .chain(s.changed.iter().map(|c| &c.entry))
        .map(|e| e.when().chars().count())
        .max()
        .unwrap_or(0);
    let line = |e: &Entry| {
        let when = e.when();
        let pad = " ".repeat(width - when.chars().count());
        let label = one_line(&e.label);
        match when.is_empty() {
            true => format!("{}  {label}", one_line(&e.id)),
            false => format!("{when}{pad}  {}  {label}", one_line(&e.id)),
        }
    };
    let heading = |how: &str, n: usize| p.bold(&format!("{} {how} ({n})", kind.heading()));
    if !s.added.is_empty() {
        let _ = writeln!(out, "{}", heading("added", s.added.len()));
        for e in &s.added {
            let _ = writeln!(out, "  {} {}", p.added("+"), line(e));
        }
    }
    if !s.removed.is_empty() {
        let _ = writeln!(out, "{}", heading("removed", s.removed.len()));
        for e in &s.removed {
            let _ = writeln!(out, "  {} {}", p.removed("−"), line(e));
        }
    }
    if !s.changed.is_empty() {
        let _ = writeln!(out, "{}", heading("changed", s.changed.len()));
        for c in &s.changed {
            let _ = writeln!(out, "  {} {}", p.changed("~"), line(&c.entry));
            for f in &c.fields {
                text_field(out, p, f, "      ");
            }
        }
    }
}

/// One changed field: `field: old → new`, or its members on one line when
/// they fit, else one line each below it.
fn text_field(out: &mut String, p: &Paint, f: &FieldChange, indent: &str) {
    let Change::Members {
        added,
        removed,
        changed,
    } = &f.change
    else {
        let _ = writeln!(
            out,
            "{indent}{}: {}",
            f.field,
            one_line(&f.change.describe())
        );
        return;
    };
    let marked: Vec<(String, String)> = added
        .iter()
        .map(|m| (p.added("+"), one_line(m)))
        .chain(removed.iter().map(|m| (p.removed("−"), one_line(m))))
        .chain(changed.iter().map(|m| (p.changed("~"), one_line(m))))
        .collect();
    let plain = one_line(&f.change.describe());
    if indent.len() + f.field.len() + 2 + plain.chars().count() <= LINE {
        let parts: Vec<String> = marked.iter().map(|(m, s)| format!("{m} {s}")).collect();
        let _ = writeln!(out, "{indent}{}: {}", f.field, parts.join(", "));
        return;
    }
    let _ = writeln!(out, "{indent}{}:", f.field);
    for (m, s) in &marked {
        let _ = writeln!(out, "{indent}  {m} {s}");
    }
}

/// The diff as a Markdown brief: "What changed in <title>", the summary,
/// then a section per kind of record and what happened to them.
pub fn to_markdown(diff: &Diff, labels: &Labels) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# What changed in {}\n", inline(&diff.title));
    let _ = writeln!(
        out,
        "Between {} and {}: {}.",
        label(&labels.old),
        label(&labels.new),
        inline(&diff.summary())
    );
    if !diff.timeline.is_empty() {
        let _ = writeln!(out, "\n## The timeline\n");
        for f in &diff.timeline {
            md_field(&mut out, f);
        }
    }
    for kind in Kind::ALL {
        let s = diff.section(kind);
        let heading = kind.heading();
        if !s.added.is_empty() {
            let _ = writeln!(out, "\n## {heading} added\n");
            for e in &s.added {
                let _ = writeln!(out, "- {}", md_entry(e));
            }
        }
        if !s.removed.is_empty() {
            let _ = writeln!(out, "\n## {heading} removed\n");
            for e in &s.removed {
                let _ = writeln!(out, "- {}", md_entry(e));
            }
        }
        if !s.changed.is_empty() {
            let _ = writeln!(out, "\n## {heading} changed");
            for c in &s.changed {
                let _ = writeln!(out, "\n### {}\n", md_heading(&c.entry));
                for f in &c.fields {
                    md_field(&mut out, f);
                }
            }
        }
    }
    out
}

/// "16 Dec 2014: **Attack on the school** (`2014-12-aps`)".
fn md_entry(e: &Entry) -> String {
    let when = e.when();
    let label = format!("**{}** ({})", inline(&e.label), code(&e.id));
    match when.is_empty() {
        true => label,
        false => format!("{}: {label}", inline(&when)),
    }
}

/// "Attack on the school (`2014-12-aps`), 16 Dec 2014".
fn md_heading(e: &Entry) -> String {
    let when = e.when();
    let head = format!("{} ({})", inline(&e.label), code(&e.id));
    match when.is_empty() {
        true => head,
        false => format!("{head}, {}", inline(&when)),
    }
}

fn md_field(out: &mut String, f: &FieldChange) {
    let Change::Members {
        added,
        removed,
        changed,
    } = &f.change
    else {
        let _ = writeln!(out, "- **{}**: {}", f.field, inline(&f.change.describe()));
        return;
    };
    let groups = [("added", added), ("removed", removed), ("changed", changed)];
    let said: Vec<String> = groups
        .iter()
        .filter(|(_, m)| !m.is_empty())
        .map(|(how, m)| {
            let m: Vec<String> = m.iter().map(|s| inline(s)).collect();
            format!("{how} {}", m.join(", "))
        })
        .collect();
    let line = said.join("; ");
    if f.field.len() + line.chars().count() <= LINE {
        let _ = writeln!(out, "- **{}**: {line}", f.field);
        return;
    }
    let _ = writeln!(out, "- **{}**:", f.field);
    for (how, members) in groups {
        for m in members {
            let _ = writeln!(out, "  - {how}: {}", inline(m));
        }
    }
}

/// A side's name as inline code (`HEAD~1:timelines`), or escaped text when
/// it holds a backtick.
fn label(s: &str) -> String {
    match s.contains('`') {
        true => inline(s),
        false => format!("`{}`", one_line(s)),
    }
}

/// An id as inline code; ids are slugs, but a backtick could never end the span.
fn code(id: &str) -> String {
    format!("`{}`", one_line(id).replace('`', "'"))
}

/// Escapes the characters that would turn text into Markdown or HTML, on
/// one line.
fn inline(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn markdown_markup_in_timeline_text_stays_literal() {
        assert_eq!(
            inline("*a* [x](y) <b>\n#"),
            "\\*a\\* \\[x\\](y) \\<b\\> \\#"
        );
    }
}
