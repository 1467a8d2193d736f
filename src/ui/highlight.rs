//! Marking search matches in text about to be drawn: every place the
//! folded text holds a searched word, found the way the search finds it
//! (`query::fold`), so "Pakistan’s" is marked for `pakistan's`.

use ratatui::style::Style;
use ratatui::text::Span;

/// Splits `text` into spans, styling every occurrence of any of `words`
/// (already folded) with `hit`.
pub fn highlight(text: &str, words: &[String], base: Style, hit: Style) -> Vec<Span<'static>> {
    if words.iter().all(String::is_empty) || text.is_empty() {
        return vec![Span::styled(text.to_string(), base)];
    }
    // Most rows on screen hold no match: find that out on the folded text
    // alone before mapping its bytes back to the original's.
    let quick = crate::query::fold(text);
    if !words
        .iter()
        .any(|w| !w.is_empty() && quick.contains(w.as_str()))
    {
        return vec![Span::styled(text.to_string(), base)];
    }
    // The folded text, and for each of its bytes the original character's start.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<usize> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        match crate::query::fold_char(c) {
            Some(f) => folded.push(f),
            None => folded.extend(c.to_lowercase()),
        }
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    let mut marks = vec![false; text.len()];
    for w in words.iter().filter(|w| !w.is_empty()) {
        let mut from = 0;
        while let Some(p) = folded[from..].find(w.as_str()) {
            let start = from + p;
            let end = start + w.len();
            let (a, b) = (
                origin[start],
                origin.get(end).copied().unwrap_or(text.len()),
            );
            marks[a..b.max(a)].iter_mut().for_each(|m| *m = true);
            from = end;
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

    fn marked(text: &str, word: &str) -> Vec<String> {
        highlight(text, &[word.into()], Style::new(), Style::new().bold())
            .into_iter()
            .filter(|s| s.style == Style::new().bold())
            .map(|s| s.content.into_owned())
            .collect()
    }

    #[test]
    fn every_occurrence_is_marked_as_the_search_finds_it() {
        assert_eq!(marked("Army Public School, army", "army"), ["Army", "army"]);
        assert_eq!(marked("Pakistan’s border", "pakistan's"), ["Pakistan’s"]);
        assert_eq!(
            marked("Pakistan–TTP talks", "pakistan-ttp"),
            ["Pakistan–TTP"]
        );
        assert_eq!(marked("İstanbul", "i̇stanbul"), ["İstanbul"]);
    }
}
