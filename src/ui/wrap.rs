//! Fitting text to cells: word wrapping, truncation with an ellipsis, and
//! splitting a line into spans so search matches stand out. Widths are in
//! terminal columns (unicode-width), never bytes.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `s` to at most `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Greedy word wrap to `width` columns; paragraphs (`\n`) are kept, words
/// longer than a line are broken.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split_whitespace() {
            let ww = word.width();
            if used > 0 && used + 1 + ww <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + ww;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if ww <= width {
                line.push_str(word);
                used = ww;
                continue;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// Splits `text` into spans, styling every case-insensitive occurrence of
/// any of `words` with `hit`.
pub fn highlight(text: &str, words: &[String], base: Style, hit: Style) -> Vec<Span<'static>> {
    let folded = crate::query::fold(text);
    // Folding can change byte lengths (e.g. 'İ'); then positions would not
    // line up, and the text is shown without marks rather than wrongly.
    if words.is_empty() || folded.len() != text.len() {
        return vec![Span::styled(text.to_string(), base)];
    }
    let mut marks = vec![false; text.len()];
    for w in words.iter().filter(|w| !w.is_empty()) {
        let mut from = 0;
        while let Some(p) = folded[from..].find(w.as_str()) {
            let start = from + p;
            marks[start..start + w.len()]
                .iter_mut()
                .for_each(|m| *m = true);
            from = start + w.len();
        }
    }
    let mut spans = Vec::new();
    let mut start = 0;
    for i in 1..=text.len() {
        if i == text.len() || (marks[i] != marks[start] && text.is_char_boundary(i)) {
            let style = if marks[start] { hit } else { base };
            spans.push(Span::styled(text[start..i].to_string(), style));
            start = i;
        }
    }
    spans
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
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("Peshawar", 5), "Pesh…");
        assert_eq!(truncate("Peshawar", 8), "Peshawar");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn highlight_marks_every_occurrence() {
        let spans = highlight(
            "Army Public School, army",
            &["army".into()],
            Style::new(),
            Style::new().bold(),
        );
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["Army", " Public School, ", "army"]);
    }
}
