//! The HTML brief, read back with an HTML parser: its structure (a heading
//! per year, an article per event with its date, claims in two columns,
//! numbered sources), that no text from a timeline — the hostile fixtures
//! included — becomes markup, and, where a Chromium is installed, that it
//! renders to a PNG and prints to a PDF.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use chronoscope::export::{self, Format};
use chronoscope::load;
use chronoscope::model::Timeline;
use chronoscope::query::{self, Filter, Index};
use scraper::{Html, Selector};

fn load_fixture(name: &str) -> Timeline {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    let loaded = load::load(load::read_paths(&[path]).unwrap());
    assert_eq!(loaded.errors(), 0, "{name} is a valid timeline");
    loaded.timeline
}

fn brief(t: &Timeline) -> String {
    let shown = query::apply(t, &Index::build(t), &Filter::default());
    let about = export::About::at(t, &Filter::default(), &shown, "2024-01-31T10:00:00Z".into());
    Format::Html.render(t, &shown, &about)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The elements the brief is made of; anything else would be file text
/// become markup.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "p",
    "main",
    "section",
    "h2",
    "article",
    "h3",
    "time",
    "span",
    "div",
    "dl",
    "dt",
    "dd",
    "h4",
    "blockquote",
    "sup",
    "a",
    "aside",
    "strong",
    "ol",
    "li",
    "cite",
];

/// No script, no element chronoscope does not write, no event handler,
/// no link but to the web or within the page.
fn assert_inert(doc: &Html) {
    for el in select(doc, "*") {
        let name = el.value().name();
        assert!(ELEMENTS.contains(&name), "an unexpected <{name}>");
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "an event handler {attr}={value:?}");
            if attr == "href" {
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with('#'),
                    "a link to {value:?}"
                );
            }
        }
    }
    assert!(select(doc, "script").is_empty());
    assert!(select(doc, "link").is_empty(), "nothing fetched");
    assert!(select(doc, "img").is_empty(), "nothing fetched");
}

#[test]
fn the_brief_has_a_section_per_year_and_an_article_per_event() {
    let t = load_fixture("tests/fixtures/export/timeline.toml");
    let html = brief(&t);
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert_inert(&doc);
    assert_eq!(select(&doc, "h1").len(), 1);
    assert!(select(&doc, "style").len() == 1 && html.contains("@media print"));
    let years: BTreeSet<i32> = t.events.iter().map(|e| e.date.year().into()).collect();
    let headings: Vec<String> = select(&doc, "section.year > h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    let want: Vec<String> = years.iter().map(i32::to_string).collect();
    assert_eq!(headings, want);
    let articles = select(&doc, "article.event");
    assert_eq!(articles.len(), t.events.len());
    for (a, e) in articles.iter().zip(&t.events) {
        let sel = |css: &str| Selector::parse(css).unwrap();
        let time = a.select(&sel("h3 > time")).next().expect("a date");
        assert_eq!(time.text().collect::<String>(), e.display_date());
        let machine = time.value().attr("datetime").unwrap();
        assert!(e.date.to_edtf().starts_with(machine), "{machine}");
        assert_eq!(
            a.select(&sel("ol.sources > li")).count(),
            e.sources.len(),
            "{}",
            e.id
        );
        if !e.claims.is_empty() {
            let claims = a.select(&sel("div.claims")).next().expect("claims");
            let both = e.claims.iter().any(|c| c.stance.is_for())
                && e.claims.iter().any(|c| !c.stance.is_for());
            let columns = claims.value().classes().any(|c| c == "one");
            assert_eq!(columns, !both, "two columns only when both sides speak");
            let for_n = claims.select(&sel(".for .claim")).count();
            let against_n = claims.select(&sel(".against .claim")).count();
            let want_for = e.claims.iter().filter(|c| c.stance.is_for()).count();
            assert_eq!((for_n, against_n), (want_for, e.claims.len() - want_for));
        }
        for (k, v) in &e.figures {
            let figs: String = a
                .select(&sel("dl.figures"))
                .flat_map(|d| d.text())
                .collect();
            assert!(
                figs.contains(&v.to_string()) && figs.contains(k.as_str()),
                "{figs}"
            );
        }
    }
}

#[test]
fn hostile_text_stays_text() {
    let t = load_fixture("tests/fixtures/hostile/escapes.toml");
    let html = brief(&t);
    let doc = Html::parse_document(&html);
    assert_inert(&doc);
    assert!(!html.contains('\u{1b}'), "no escape reaches the file");
    // The page's text holds the timeline's titles as written (sanitized).
    let text: String = doc.root_element().text().collect();
    for e in &t.events {
        let title = chronoscope::text::one_line(&e.title);
        assert!(text.contains(title.as_str()), "{title:?} not shown as text");
    }
}

/// The brief renders and prints in a real browser, where one is installed
/// (`chromium`, `chromium-browser` or `google-chrome` on the PATH).
#[test]
fn the_brief_renders_and_prints_in_chromium_where_installed() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!("note: no Chromium here; the brief is not rendered in a browser");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("brief.html");
    std::fs::write(
        &page,
        brief(&load_fixture("tests/fixtures/export/timeline.toml")),
    )
    .unwrap();
    let url = format!("file://{}", page.display());
    for (flag, out) in [
        ("--screenshot", "brief.png"),
        ("--print-to-pdf", "brief.pdf"),
    ] {
        let target = dir.path().join(out);
        let status = std::process::Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("{flag}={}", target.display()))
            .arg(&url)
            .status()
            .unwrap();
        assert!(status.success(), "{browser} {flag}");
        let len = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
        assert!(len > 1000, "{out} is {len} bytes");
    }
}
