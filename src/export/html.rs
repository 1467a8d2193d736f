//! The HTML brief: one self-contained file to hand round, opened offline
//! in any browser, no script and nothing fetched. Under the title, the
//! filter it was made with and when; a heading per year; per event its
//! date at its precision, actors, places, summary, details, figures, the
//! claims side by side (what is asserted or confirmed on the left, what is
//! denied or disputed on the right) and its sources as numbered references
//! with their links and grades. A print stylesheet makes it a clean
//! handout: a page per year, links printed after their text.
//!
//! Every string from the timeline is escaped (`&`, `<`, `>`, `"`, `'`),
//! after the same sanitizing as every export, so no file text becomes
//! markup; only http(s) addresses (`Source::link`) become links.

use std::fmt::Write;

use super::markdown::toll_disputed;
use super::{About, actor_name, block, grade_words, html as esc, line, shown_events};
use crate::model::{Event, Source, Timeline};
use crate::query::Filtered;

const STYLE: &str = "
:root { --ink: #1b1b1b; --dim: #5b5b5b; --rule: #d0d0d0; --for: #0b5394; --against: #990000; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: var(--ink); max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
header h1 { font-size: 1.8rem; margin-bottom: .2rem; }
.about, .facts, .meta, .sources, .figures { color: var(--dim); font-size: .9rem; }
h2 { border-bottom: 2px solid var(--ink); margin-top: 2.5rem; }
article { border-top: 1px solid var(--rule); padding: .6rem 0 .4rem; break-inside: avoid-page; }
h3 { font-size: 1.1rem; margin: .2rem 0; }
h3 time { font-variant-numeric: tabular-nums; margin-right: .5rem; }
.claims { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; margin: .6rem 0; }
.claims h4 { font-size: .85rem; text-transform: uppercase; letter-spacing: .05em; margin: 0 0 .3rem; }
.claims.one { grid-template-columns: 1fr; }
.claims .for h4 { color: var(--for); }
.claims .against h4 { color: var(--against); }
.claim { margin: 0 0 .5rem; padding-left: .6rem; border-left: 3px solid var(--rule); }
.for .claim { border-color: var(--for); }
.against .claim { border-color: var(--against); }
.claim .by { font-weight: bold; }
.figures { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; margin: .3rem 0; padding: 0; }
.figures dt { display: inline; font-weight: bold; }
.figures dd { display: inline; margin: 0 0 0 .3rem; }
.disputed, .note { font-style: italic; }
.note { border-left: 3px solid var(--dim); padding-left: .6rem; }
.grade { font-family: monospace; }
.sources { padding-left: 1.6rem; }
a { color: inherit; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.year + section.year { break-before: page; }
  h2, h3 { break-after: avoid; }
  a[href]::after { content: ' <' attr(href) '>'; font-size: .85em; word-break: break-all; }
  .claims { grid-template-columns: 1fr 1fr; }
  .claims.one { grid-template-columns: 1fr; }
}
";

pub fn to_html(t: &Timeline, shown: &Filtered, about: &About) -> String {
    super::whole(|out| write_html(t, shown, about, out))
}

/// The brief, written as it is made.
pub fn write_html(
    t: &Timeline,
    shown: &Filtered,
    about: &About,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut spool = super::Spool::new(out);
    let out = &mut spool.buf;
    let title = super::title(t);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", esc(&title));
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"chronoscope {}\">",
        esc(about.version)
    );
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>\n<header>");
    let _ = writeln!(out, "<h1>{}</h1>", esc(&title));
    let _ = writeln!(out, "<p class=\"about\">{}</p>", esc(&about.sentence()));
    if !t.summary.trim().is_empty() {
        paragraphs(out, &block(&t.summary), "summary");
    }
    let _ = writeln!(
        out,
        "<p class=\"facts\">{}</p>\n</header>\n<main>",
        esc(&super::facts(t, shown))
    );
    let mut year = None;
    for e in shown_events(t, shown) {
        let out = &mut spool.buf;
        if year != Some(e.date.year()) {
            if year.is_some() {
                out.push_str("</section>\n");
            }
            year = Some(e.date.year());
            let _ = writeln!(
                out,
                "<section class=\"year\" id=\"y{0}\">\n<h2>{0}</h2>",
                e.date.year()
            );
        }
        event(out, t, e, about);
        spool.spill()?;
    }
    let out = &mut spool.buf;
    if year.is_some() {
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    spool.finish()
}

fn event(out: &mut String, t: &Timeline, e: &Event, about: &About) {
    let _ = writeln!(
        out,
        "<article class=\"event\" id=\"{}\">",
        esc(&line(&e.id))
    );
    // The machine-readable date is the start's, at its precision: YYYY, YYYY-MM or YYYY-MM-DD.
    let edtf = e.date.to_edtf();
    let machine = edtf.trim_end_matches(['~', '?']);
    let _ = writeln!(
        out,
        "<h3><time datetime=\"{}\">{}</time> <span class=\"title\">{}</span></h3>",
        esc(machine),
        esc(&line(&e.display_date())),
        esc(&line(&e.title))
    );
    let mut meta = Vec::new();
    let actors: Vec<String> = e.actors.iter().map(|&a| esc(&actor_name(t, a))).collect();
    if !actors.is_empty() {
        meta.push(format!(
            "<span class=\"actors\">{}</span>",
            actors.join(", ")
        ));
    }
    if !e.location.is_empty() {
        meta.push(format!(
            "<span class=\"location\">{}</span>",
            esc(&line(&e.location))
        ));
    }
    let places: Vec<String> = e
        .places
        .iter()
        .filter_map(|&p| t.places.get(p))
        .map(|p| esc(&line(&p.name)))
        .collect();
    if !places.is_empty() {
        meta.push(format!(
            "<span class=\"places\">at {}</span>",
            places.join(", ")
        ));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    }
    paragraphs(out, &block(&e.summary), "summary");
    if !e.details.trim().is_empty() {
        out.push_str("<div class=\"details\">\n");
        paragraphs(out, &block(&e.details), "");
        out.push_str("</div>\n");
    }
    if !e.figures.is_empty() {
        out.push_str("<dl class=\"figures\">");
        for (k, v) in &e.figures {
            let _ = write!(out, "<div><dt>{}</dt><dd>{v}</dd></div>", esc(&line(k)));
        }
        out.push_str("</dl>\n");
    }
    if toll_disputed(e) {
        out.push_str(
            "<p class=\"disputed\">Toll disputed: the counts differ between sources; see the sources.</p>\n",
        );
    }
    claims(out, t, e);
    let note = about.note(&e.id);
    if !note.is_empty() {
        // The person's own note, told apart from the chronology's text.
        out.push_str("<aside class=\"note\"><strong>Note:</strong>\n");
        paragraphs(out, &note, "");
        out.push_str("</aside>\n");
    }
    if !e.sources.is_empty() {
        out.push_str("<ol class=\"sources\">\n");
        for (i, s) in e.sources.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li id=\"{}-s{}\">{}</li>",
                esc(&line(&e.id)),
                i + 1,
                source(s)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
}

/// The claims in two columns: asserted or confirmed, then denied or disputed.
fn claims(out: &mut String, t: &Timeline, e: &Event) {
    if e.claims.is_empty() {
        return;
    }
    let sides = [
        (true, "for", "Asserted or confirmed"),
        (false, "against", "Denied or disputed"),
    ];
    // Two columns when both sides speak; one when only one does.
    let shown: Vec<_> = sides
        .into_iter()
        .filter(|&(side, _, _)| e.claims.iter().any(|c| c.stance.is_for() == side))
        .collect();
    let layout = if shown.len() == 2 {
        "claims"
    } else {
        "claims one"
    };
    let _ = writeln!(out, "<div class=\"{layout}\">");
    for (for_side, class, heading) in shown {
        let _ = writeln!(out, "<div class=\"{class}\"><h4>{heading}</h4>");
        for c in e.claims.iter().filter(|c| c.stance.is_for() == for_side) {
            let cites: String = c
                .sources
                .iter()
                .filter(|&&i| i < e.sources.len())
                .map(|&i| {
                    format!(
                        "<sup><a href=\"#{}-s{n}\">[{n}]</a></sup>",
                        esc(&line(&e.id)),
                        n = i + 1
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "<blockquote class=\"claim\"><p><span class=\"by\">{} {}</span>: {}{cites}</p></blockquote>",
                esc(&actor_name(t, c.by)),
                esc(c.stance.as_str()),
                esc(&line(&c.text))
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

/// "Dawn, “Title”, 17 Dec 2014, <a>https://…</a>. Grade B2: usually reliable, probably true."
fn source(s: &Source) -> String {
    let mut parts = vec![format!("<cite>{}</cite>", esc(&line(&s.publisher)))];
    if !s.title.is_empty() {
        parts.push(format!("“{}”", esc(&line(&s.title))));
    }
    if let Some(d) = s.date {
        parts.push(esc(&d.to_string()));
    }
    match s.link() {
        Some(url) => parts.push(format!("<a href=\"{0}\">{0}</a>", esc(url))),
        None => {
            if let Some(u) = s.url.as_deref() {
                parts.push(esc(&line(u)));
            }
        }
    }
    let mut text = format!("{}.", parts.join(", "));
    if let Some(g) = s.grade {
        let (code, rest) = grade_words(g);
        let _ = write!(
            text,
            " <span class=\"grade\">Grade {}: {}.</span>",
            esc(&code),
            esc(&rest)
        );
    }
    text
}

/// Paragraphs of sanitized text, one `<p>` each (blank lines part them).
fn paragraphs(out: &mut String, text: &str, class: &str) {
    let attr = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let joined: Vec<&str> = p.lines().map(str::trim).collect();
        let _ = writeln!(out, "<p{attr}>{}</p>", esc(&joined.join(" ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_never_becomes_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        let mut out = String::new();
        paragraphs(&mut out, "One <b>\nline.\n\nTwo.", "");
        assert_eq!(out, "<p>One &lt;b&gt; line.</p>\n<p>Two.</p>\n");
    }
}
