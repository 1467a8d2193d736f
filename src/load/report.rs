//! Diagnostics as a person or a program reads them: `file:line:col`, the
//! offending line and a caret under the exact span, in the style of
//! compiler errors (annotate-snippets), or JSON for editors and CI. Every
//! piece of file text that reaches the output passes through the sanitizer
//! first.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use super::diagnostic::{Diagnostic, Files, Label, Severity, floor_boundary};
use crate::text::{one_line, sanitize};

impl Files {
    /// Renders a diagnostic as a person reads it in a terminal.
    pub fn render(&self, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = one_line(&d.message);
        let labels = d.primary.iter().chain(&d.secondary);
        let located: Vec<Located> = labels
            .enumerate()
            .filter_map(|(i, l)| self.locate(l, i == 0 && d.primary.is_some()))
            .collect();
        let mut group = Group::with_title(level.primary_title(message.as_str()));
        for p in &located {
            let kind = if p.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            group = group.element(
                Snippet::source(p.source.as_str())
                    .path(p.path.as_str())
                    .line_start(p.line)
                    .annotation(kind.span(p.span.clone()).label(p.label.as_str())),
            );
        }
        let hint = d.hint.as_deref().map(one_line);
        if let Some(h) = &hint {
            group = group.element(Level::HELP.message(h.as_str()));
        }
        let out = Renderer::plain().render(&[group]).to_string();
        with_file_columns(&out, &located)
    }

    /// The sanitized line under a label and the label's span within it.
    fn locate(&self, label: &Label, primary: bool) -> Option<Located> {
        let file = self.files.get(label.file)?;
        let (line, col) = file.location(label.span.start);
        let range = file.line_range(line);
        let raw = &file.text[range.clone()];
        let start = label.span.start.clamp(range.start, range.end) - range.start;
        let mut end = label.span.end.clamp(range.start, range.end) - range.start;
        if !raw.is_char_boundary(start) || !raw.is_char_boundary(end) {
            return None;
        }
        if end <= start {
            // Point at one character, or just past the end of the line.
            end = raw[start..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8());
        }
        // Quote only a window of a long line: the renderer cuts it to the
        // terminal anyway, and sanitizing the whole of a 2 MB line for each
        // of thousands of labels on it would take minutes.
        end = floor_boundary(raw, end.min(start + CONTEXT)).max(start);
        let lo = floor_boundary(raw, start.saturating_sub(CONTEXT));
        let hi = floor_boundary(raw, end.saturating_add(CONTEXT).min(raw.len()));
        let before = sanitize(&raw[lo..start]);
        let inside = sanitize(&raw[start..end]);
        let after = sanitize(&raw[end..hi]);
        let (open, close) = (
            if lo > 0 { "..." } else { "" },
            if hi < raw.len() { "..." } else { "" },
        );
        let source = format!("{open}{before}{inside}{after}{close}");
        let span = open.len() + before.len()..open.len() + before.len() + inside.len();
        Some(Located {
            path: one_line(&file.name),
            line,
            col,
            source,
            span,
            label: one_line(&label.text),
            primary,
        })
    }

    /// A diagnostic as JSON for editors and CI.
    pub fn to_json(&self, d: &Diagnostic) -> JsonDiagnostic {
        let place = |l: &Label| {
            let f = self.files.get(l.file);
            let (line, column) = f.map_or((0, 0), |f| f.location(l.span.start));
            let (end_line, end_column) = f.map_or((0, 0), |f| f.location(l.span.end));
            JsonPlace {
                file: f.map(|f| one_line(&f.name)).unwrap_or_default(),
                line,
                column,
                end_line,
                end_column,
                label: one_line(&l.text),
            }
        };
        JsonDiagnostic {
            severity: d.severity,
            code: d.code,
            message: one_line(&d.message),
            location: d.primary.as_ref().map(place),
            related: d.secondary.iter().map(place).collect(),
            hint: d.hint.as_deref().map(one_line),
        }
    }
}

/// The report with each snippet's location line (`--> path:line:col`, or
/// `::: …` for the others) written from the file's own place. The renderer
/// counts columns in the line it was given, which is the sanitized window
/// of the line; a person's editor counts them in the file. One location
/// line is drawn per snippet, in order.
fn with_file_columns(report: &str, located: &[Located]) -> String {
    let mut places = located.iter();
    let mut out = String::with_capacity(report.len());
    for line in report.split_inclusive('\n') {
        let body = line.trim_start();
        let arrow = ["--> ", "::: "].into_iter().find(|a| body.starts_with(a));
        let place = if arrow.is_some() { places.next() } else { None };
        match (arrow, place) {
            (Some(arrow), Some(p)) => {
                let indent = &line[..line.len() - body.len()];
                let end = if line.ends_with('\n') { "\n" } else { "" };
                out.push_str(&format!(
                    "{indent}{arrow}{}:{}:{}{end}",
                    p.path, p.line, p.col
                ));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Bytes of a long line quoted either side of a label, and at most under it.
const CONTEXT: usize = 160;

struct Located {
    path: String,
    line: usize,
    col: usize,
    source: String,
    span: Range<usize>,
    label: String,
    primary: bool,
}

#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub location: Option<JsonPlace>,
    pub related: Vec<JsonPlace>,
    pub hint: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct JsonPlace {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_names_the_place_and_underlines_the_span() {
        let mut files = Files::default();
        let id = files.add(
            "t.toml".into(),
            "[[events]]\nactors = [\"ttp-leadership\", \"x\"]\n".into(),
        );
        let d = Diagnostic::error("unknown-actor", "unknown actor \"ttp-leadership\"")
            .at(id, 22..38, "not defined; did you mean \"ttp\"?")
            .hint("define it under [actors.ttp-leadership]");
        let out = files.render(&d);
        assert!(
            out.contains("error: unknown actor \"ttp-leadership\""),
            "{out}"
        );
        assert!(out.contains("--> t.toml:2:12"), "{out}");
        assert!(
            out.contains("2 | actors = [\"ttp-leadership\", \"x\"]"),
            "{out}"
        );
        assert!(out.contains("^^^^^^^^^^^^^^^^ not defined"), "{out}");
        assert!(out.contains("help: define it"), "{out}");
    }

    #[test]
    fn rendering_sanitizes_the_quoted_line() {
        let mut files = Files::default();
        let id = files.add(
            "t.toml".into(),
            "title = \"\u{1b}]0;owned\u{7}\" oops\n".into(),
        );
        let d = Diagnostic::error("syntax", "bad").at(id, 20..24, "here");
        let out = files.render(&d);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("␛]0;owned␇"), "{out}");
    }

    #[test]
    fn columns_stay_exact_after_tabs_and_controls() {
        let mut files = Files::default();
        let id = files.add("t.toml".into(), "\tactors = [\"\u{202e}\", \"x\"]\n".into());
        // The span of "\"x\"": byte 18 in the raw line, column 17 in characters.
        let d = Diagnostic::error("unknown-actor", "unknown").at(id, 18..21, "here");
        let out = files.render(&d);
        assert!(out.contains("--> t.toml:1:17"), "{out}");
        assert!(out.contains("<U+202E>"), "{out}");
    }

    #[test]
    fn columns_stay_exact_in_a_quoted_window_and_in_a_second_file() {
        let mut files = Files::default();
        let long = format!("actors = [{}\"zz\"]\n", "\"a\", ".repeat(100));
        let at = long.find("\"zz\"").unwrap();
        let first = files.add("t.toml".into(), long.clone());
        let second = files.add("u.toml".into(), "\t\tid = \"zz\"\n".into());
        let d = Diagnostic::error("duplicate-id", "duplicate")
            .at(first, at..at + 4, "here")
            .also(second, 8..12, "and here");
        let out = files.render(&d);
        assert!(out.contains(&format!("--> t.toml:1:{}", at + 1)), "{out}");
        assert!(out.contains("::: u.toml:1:9"), "{out}");
        assert!(
            out.contains("...\"a\""),
            "the long line is quoted as a window: {out}"
        );
    }
}
