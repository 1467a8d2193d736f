//! Diagnostics: what is wrong with a timeline, where, and how to fix it.
//!
//! A `Diagnostic` points at byte spans in `Files`, and a `SourceFile` turns
//! an offset into a line and a column as an editor counts them. `report`
//! renders diagnostics for a person or as JSON.

use std::ops::Range;

use serde::Serialize;

use crate::text::one_line;

/// Index of a file in `Files`.
pub type FileId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A span of a file with a short label shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable name for the kind of problem, e.g. `unknown-actor`.
    pub code: &'static str,
    pub message: String,
    /// Where the problem is; `None` only when it has no place (an empty set of files).
    pub primary: Option<Label>,
    /// Other places that explain it, e.g. the first definition of a duplicate id.
    pub secondary: Vec<Label>,
    /// What would fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            hint: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label {
            file,
            span,
            text: label.into(),
        });
        self
    }

    pub fn also(
        mut self,
        file: FileId,
        span: Range<usize>,
        label: impl Into<String>,
    ) -> Diagnostic {
        self.secondary.push(Label {
            file,
            span,
            text: label.into(),
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One loaded file: its display name and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// Every `CHECKPOINT` bytes, the byte offset (on a character boundary)
    /// and how many characters precede it: a column on a long line is then
    /// counted from the nearest checkpoint, not from the line's start.
    /// Made when the first column is asked for.
    checkpoints: std::sync::OnceLock<Vec<(usize, usize)>>,
}

/// Bytes between column checkpoints.
const CHECKPOINT: usize = 4096;

impl SourceFile {
    pub fn new(name: String, text: String) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        SourceFile {
            name,
            text,
            line_starts,
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    /// Characters before byte `offset`, which must be a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let marks = self.checkpoints.get_or_init(|| {
            let mut marks = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            while at + CHECKPOINT < self.text.len() {
                let next = floor_boundary(&self.text, at + CHECKPOINT);
                if next <= at {
                    break;
                }
                chars += self.text[at..next].chars().count();
                at = next;
                marks.push((at, chars));
            }
            marks
        });
        let i = marks.partition_point(|&(b, _)| b <= offset).max(1) - 1;
        let (at, chars) = marks[i];
        chars + self.text.get(at..offset).map_or(0, |s| s.chars().count())
    }

    /// The column (1-based, in characters) of `offset` on a line starting at `start`.
    fn column(&self, start: usize, offset: usize) -> usize {
        if !self.text.is_char_boundary(offset) || !self.text.is_char_boundary(start) {
            return offset - start + 1;
        }
        if offset - start <= CHECKPOINT {
            return self.text[start..offset].chars().count() + 1;
        }
        self.chars_before(offset) - self.chars_before(start) + 1
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn location(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        (line, self.column(start, offset))
    }

    /// Like `location`, but counting lines on from an earlier offset whose
    /// line is known, rather than searching every line: cheaper for a run
    /// of offsets that only grow, as a file's events do.
    pub fn location_after(
        &self,
        (from, from_line): (usize, usize),
        offset: usize,
    ) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let bytes = self.text.as_bytes();
        let Some(between) = bytes.get(from..offset) else {
            return self.location(offset);
        };
        let line = from_line + memchr::memchr_iter(b'\n', between).count();
        let start = memchr::memrchr(b'\n', &bytes[..offset]).map_or(0, |i| i + 1);
        (line, self.column(start, offset))
    }

    /// The byte range of a 1-based line, without its newline.
    pub(super) fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }
}

/// Every file of a load, so diagnostics can be rendered.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub files: Vec<SourceFile>,
}

impl Files {
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.push(SourceFile::new(name, text))
    }

    pub fn push(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id)
    }

    /// "path:line:col" of a label's start.
    pub fn position(&self, label: &Label) -> String {
        match self.files.get(label.file) {
            Some(f) => {
                let (line, col) = f.location(label.span.start);
                format!("{}:{line}:{col}", one_line(&f.name))
            }
            None => String::from("?"),
        }
    }
}

/// The largest char boundary of `s` at or before `i`.
pub(super) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let f = SourceFile::new("t.toml".into(), "ab\nçd = 1\n".into());
        assert_eq!(f.location(0), (1, 1));
        assert_eq!(f.location(3), (2, 1));
        assert_eq!(f.location(6), (2, 3)); // after the two-byte ç and d
        assert_eq!(f.location(100), (3, 1));
    }

    #[test]
    fn counting_on_from_an_earlier_place_agrees_with_searching() {
        let f = SourceFile::new("t.toml".into(), "ab\nçd = 1\n\n[x]\r\ny = \"é\"\n".into());
        let n = f.text.len();
        for from in 0..=n {
            if !f.text.is_char_boundary(from) {
                continue;
            }
            let known = (from, f.location(from).0);
            for offset in 0..=n + 2 {
                assert_eq!(
                    f.location_after(known, offset),
                    f.location(offset),
                    "from {from} to {offset}"
                );
            }
        }
    }
}
