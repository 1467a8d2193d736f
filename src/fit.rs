//! Fitting text to terminal cells: word wrapping (textwrap), truncation
//! with an ellipsis (unicode-truncate), both measured in columns, never
//! bytes; and a bound on how much of one text is ever laid out, so a
//! 50 MB title costs a screenful of work, not 50 MB of it, per frame.
//!
//! The explorer's document builder and the drawing code share these, so a
//! line measured in `update` is the line drawn.

use std::borrow::Cow;

use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

/// Characters of one text laid out at most; the rest is announced, not shown.
pub const MAX_LAID_OUT: usize = 20_000;

/// Columns `s` takes.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts `s` to at most `width` columns, ending in `…` when cut. Only the
/// part that fits is ever measured.
pub fn truncate(s: &str, width: usize) -> String {
    // No character takes more columns than it has bytes, so a text no
    // longer in bytes than the room fits; ASCII is one column a byte. Both
    // spare the grapheme walk for most of what a frame draws.
    if s.len() <= width {
        return s.to_string();
    }
    if s.is_ascii() {
        return match width {
            0 => String::new(),
            w => format!("{}…", &s[..w - 1]),
        };
    }
    let (fit, _) = s.unicode_truncate(width);
    if fit.len() == s.len() {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (fit, _) = s.unicode_truncate(width - 1);
    format!("{fit}…")
}

/// The first `max` characters of `s`, and how many characters were left
/// out (counted only up to a bound, so a huge text is not walked whole).
pub fn clip(s: &str, max: usize) -> (&str, Option<usize>) {
    match s.char_indices().nth(max) {
        None => (s, None),
        Some((at, _)) => {
            let rest = &s[at..];
            let left = rest.len();
            (&s[..at], Some(left))
        }
    }
}

/// Word-wraps `text` to `width` columns; paragraphs (`\n`) are kept, a
/// word longer than a line is broken. At most `MAX_LAID_OUT` characters
/// are wrapped; a note says how much more there is.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let (text, left) = clip(text, MAX_LAID_OUT);
    let options = textwrap::Options::new(width)
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut lines: Vec<String> = text
        .split('\n')
        .flat_map(|para| {
            let wrapped = textwrap::wrap(para, &options);
            if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped.into_iter().map(Cow::into_owned).collect()
            }
        })
        .collect();
    if let Some(bytes) = left {
        lines.push(truncate(
            &format!("[… {} more not shown]", size(bytes)),
            width,
        ));
    }
    lines
}

/// "12 KB", "3 MB": the size of text left out, roughly.
fn size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{} KB", bytes / 1_000),
        _ => format!("{} MB", bytes / 1_000_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_paragraphs() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(
            wrap("Tehrik-i-Taliban Pakistan", 12),
            ["Tehrik-i-Tal", "iban", "Pakistan"]
        );
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("Peshawar", 5), "Pesh…");
        assert_eq!(truncate("Peshawar", 8), "Peshawar");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 0), "");
        // The shortcuts agree with measuring every grapheme.
        let measured = |s: &str, w: usize| -> String {
            if s.width() <= w {
                return s.to_string();
            }
            if w == 0 {
                return String::new();
            }
            format!("{}…", s.unicode_truncate(w - 1).0)
        };
        for s in [
            "",
            "a",
            "Peshawar",
            "Pakistan–TTP talks",
            "日本語です",
            "e\u{301}te\u{301}",
        ] {
            for w in 0..12 {
                assert_eq!(truncate(s, w), measured(s, w), "{s:?} at {w}");
            }
        }
    }

    #[test]
    fn a_huge_text_is_laid_out_only_in_part() {
        let huge = "word ".repeat(1_000_000);
        let lines = wrap(&huge, 80);
        assert!(lines.len() < MAX_LAID_OUT / 40, "{}", lines.len());
        assert!(
            lines
                .last()
                .is_some_and(|l| l.contains("MB more not shown"))
        );
        assert_eq!(truncate(&huge, 10), "word word…");
    }
}
