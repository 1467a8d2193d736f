//! The Markdown brief: a heading per year; per event its date, bold title,
//! actors, summary, claims with who made them and their stance, figures;
//! sources as numbered footnotes at the end, ready to paste into a story.
//!
//! Under the title, one line says what the brief holds: its filter, when it
//! was exported and by which chronoscope. An event whose details explain
//! that its toll is disputed says so in the brief too.
//!
//! Timeline text is escaped so it reads as written: a title holding
//! `*`, `[link](…)`, `&amp;` or `<script>` stays literal text rather than
//! becoming emphasis, a link, an entity or HTML. Only http(s) URLs become links.

use std::collections::HashMap;
use std::fmt::Write;

use super::{About, actor_name, block, grade_words, line, shown_events};
use crate::model::{Event, Source, Timeline};
use crate::query::Filtered;

pub fn to_markdown(t: &Timeline, shown: &Filtered, about: &About) -> String {
    super::whole(|out| write_markdown(t, shown, about, out))
}

/// The document, written as it is made; its footnotes at the end.
pub fn write_markdown(
    t: &Timeline,
    shown: &Filtered,
    about: &About,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut spool = super::Spool::new(out);
    let out = &mut spool.buf;
    let mut notes = Footnotes::default();
    let _ = writeln!(out, "# {}\n", inline(&super::title(t)));
    let _ = writeln!(out, "*{}*\n", inline(&about.sentence()));
    if !t.summary.trim().is_empty() {
        let _ = writeln!(out, "{}\n", paragraphs(&block(&t.summary)));
    }
    let _ = writeln!(out, "*{}*\n", inline(&super::facts(t, shown)));

    let mut year = None;
    for e in shown_events(t, shown) {
        if year != Some(e.date.year()) {
            year = Some(e.date.year());
            let _ = writeln!(spool.buf, "## {}\n", e.date.year());
        }
        event(&mut spool.buf, t, e, &mut notes, about);
        spool.spill()?;
    }
    notes.write(&mut spool.buf);
    // One trailing newline, however the last block ended.
    let end = spool.buf.trim_end().len();
    spool.buf.truncate(end);
    spool.buf.push('\n');
    spool.finish()
}

fn event(out: &mut String, t: &Timeline, e: &Event, notes: &mut Footnotes, about: &About) {
    let _ = writeln!(out, "### {}\n", inline(&line(&e.display_date())));
    let _ = writeln!(out, "**{}**\n", inline(&line(&e.title)));
    let actors: Vec<String> = e
        .actors
        .iter()
        .map(|&a| inline(&actor_name(t, a)))
        .collect();
    let mut meta = Vec::new();
    if !actors.is_empty() {
        meta.push(format!("*{}*", actors.join(", ")));
    }
    if !e.location.is_empty() {
        meta.push(inline(&line(&e.location)));
    }
    // The places the location's words do not already name.
    let unnamed: Vec<String> = e
        .places
        .iter()
        .filter_map(|&p| t.places.get(p))
        .filter(|p| !e.location.contains(p.name.as_str()))
        .map(|p| inline(&line(&p.name)))
        .collect();
    if !unnamed.is_empty() {
        meta.push(format!("at {}", unnamed.join(", ")));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "{}\n", meta.join(" · "));
    }
    let refs: String = e
        .sources
        .iter()
        .map(|s| format!("[^{}]", notes.number(s)))
        .collect();
    let note = about.note(&e.id);
    let summary = paragraphs(&block(&e.summary));
    if summary.is_empty() {
        let _ = writeln!(out, "Sources: {refs}\n");
    } else {
        let _ = writeln!(out, "{summary}{refs}\n");
    }
    if !e.claims.is_empty() {
        for c in &e.claims {
            // Each claim cites the footnotes of the sources that carry it.
            let cites: String = c
                .sources
                .iter()
                .filter_map(|&i| e.sources.get(i))
                .map(|s| format!("[^{}]", notes.number(s)))
                .collect();
            let _ = writeln!(
                out,
                "- {} **{}**: {}{cites}",
                inline(&actor_name(t, c.by)),
                c.stance.as_str(),
                inline(&line(&c.text))
            );
        }
        out.push('\n');
    }
    if !e.figures.is_empty() {
        let figures: Vec<String> = e
            .figures
            .iter()
            .map(|(k, v)| format!("{} {v}", inline(&line(k))))
            .collect();
        let _ = writeln!(out, "Figures: {}\n", figures.join(" · "));
    }
    if toll_disputed(e) {
        let _ = writeln!(
            out,
            "*Toll disputed: the counts differ between sources; see the sources.*\n"
        );
    }
    if !note.is_empty() {
        // The person's own note, told apart from the chronology's text.
        let _ = writeln!(
            out,
            "> **Note:** {}\n",
            paragraphs(&note).replace('\n', "\n> ")
        );
    }
}

/// Whether an event's details tell of a toll the sources disagree on: a
/// toll word ("killed", "dead", "wounded", "toll") and a word of
/// disagreement ("differ", "disputed", "varied", "revised", "range") in
/// one sentence.
pub fn toll_disputed(e: &Event) -> bool {
    const TOLL: [&str; 6] = ["killed", "dead", "wounded", "injured", "toll", "casualt"];
    const DOUBT: [&str; 8] = [
        "differ",
        "disput",
        "varied",
        "vary",
        "revised",
        "range",
        "contested",
        "could not be",
    ];
    e.details.split(['.', ';']).any(|sentence| {
        let s = sentence.to_lowercase();
        TOLL.iter().any(|w| s.contains(w)) && DOUBT.iter().any(|w| s.contains(w))
    })
}

/// Sources numbered in order of first citation; a source cited by several
/// events keeps one number.
#[derive(Default)]
struct Footnotes {
    order: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl Footnotes {
    fn number(&mut self, s: &Source) -> usize {
        let text = citation(s);
        if let Some(&n) = self.numbers.get(&text) {
            return n;
        }
        self.order.push(text.clone());
        let n = self.order.len();
        self.numbers.insert(text, n);
        n
    }

    fn write(&self, out: &mut String) {
        for (i, text) in self.order.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {text}", i + 1);
        }
    }
}

/// "Dawn, “Title”, 15 Dec 2007, <https://…>. Grade B2: usually reliable, probably true."
fn citation(s: &Source) -> String {
    let mut parts = vec![inline(&line(&s.publisher))];
    if !s.title.is_empty() {
        parts.push(format!("“{}”", inline(&line(&s.title))));
    }
    if let Some(d) = s.date {
        parts.push(inline(&line(&d.to_string())));
    }
    if let Some(u) = s.url.as_deref() {
        parts.push(link(&line(u)));
    }
    let mut text = format!("{}.", parts.join(", "));
    if let Some(g) = s.grade {
        let (code, rest) = grade_words(g);
        let _ = write!(
            text,
            " Grade {}: {}.",
            inline(&line(&code)),
            inline(&line(&rest))
        );
    }
    text
}

/// An http(s) URL as an autolink; anything else (a `javascript:` URL, one
/// with spaces or angle brackets) as escaped text.
fn link(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    if web
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
    {
        format!("<{url}>")
    } else {
        inline(url)
    }
}

/// Escapes the characters that would turn text into Markdown or HTML.
fn inline(s: &str) -> String {
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

/// Escapes multi-line text, keeping its paragraphs, so that no line of it
/// becomes a list item, a heading, a quote or a code block.
fn paragraphs(s: &str) -> String {
    let lines: Vec<String> = s
        .trim()
        .lines()
        .map(|l| line_start(&inline(l.trim_start())))
        .collect();
    lines.join("\n")
}

/// Escapes a line's first character when it would start a block:
/// `- `, `+ `, `=` (a setext underline), `1. ` or `1) `.
fn line_start(l: &str) -> String {
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    let after = l[digits..].chars().next();
    if digits > 0 && matches!(after, Some('.' | ')')) {
        return format!("{}\\{}", &l[..digits], &l[digits..]);
    }
    match l.chars().next() {
        Some('-' | '+' | '=') => format!("\\{l}"),
        _ => l.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_literal() {
        assert_eq!(inline("*a* [x](y) <b>"), "\\*a\\* \\[x\\](y) \\<b\\>");
        assert_eq!(inline("AT&amp;T"), "AT\\&amp;T");
        assert_eq!(
            paragraphs("- a\n  + b\n\n1. c\n12) d\n= e"),
            "\\- a\n\\+ b\n\n1\\. c\n12\\) d\n\\= e"
        );
        assert_eq!(paragraphs("2014 was"), "2014 was");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(link("https://example.org/a"), "<https://example.org/a>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("https://x.org/<a>"), "https://x.org/\\<a\\>");
    }
}
