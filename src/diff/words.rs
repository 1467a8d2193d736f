//! A long text's change in one line: how long each side is and the first
//! words where they part, never the two texts whole.

use super::Rewording;
use crate::text::one_line;

/// At most this many words of each side are quoted.
const WORDS: usize = 8;
/// Quoted words and one-line values are clipped to this many characters.
pub const CLIP: usize = 100;

/// How `old` became `new`, or `None` when they are the same text.
pub fn reword(old: &str, new: &str) -> Option<Rewording> {
    if old == new {
        return None;
    }
    let (old, new) = (one_line(old), one_line(new));
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let rest = a.len().min(b.len()) - start;
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(rest)
        .take_while(|(x, y)| x == y)
        .count();
    let part = |w: &[&str]| {
        let mut s = w.iter().take(WORDS).copied().collect::<Vec<_>>().join(" ");
        if w.len() > WORDS {
            s.push('…');
        }
        clip(&s, CLIP)
    };
    Some(Rewording {
        old_chars: old.trim().chars().count(),
        new_chars: new.trim().chars().count(),
        old_words: part(&a[start..a.len() - end]),
        new_words: part(&b[start..b.len() - end]),
    })
}

/// `s` on one line, cut to `max` characters with an ellipsis.
pub fn clip(s: &str, max: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewording_quotes_only_where_the_texts_part() {
        let r = reword(
            "Gunmen attack a school, killing mostly children.",
            "Gunmen attack a school, killing 149 people, mostly children.",
        );
        let r = r.map(|r| r.describe()).unwrap_or_default();
        assert_eq!(r, "reworded (48 → 60 characters): added “149 people,”");
        let r = reword("The army says 10 died.", "The army says 12 died.");
        assert_eq!(
            r.map(|r| r.describe()).unwrap_or_default(),
            "reworded (22 → 22 characters): “10” → “12”"
        );
        assert_eq!(reword("same", "same"), None);
        let spaced = reword("a  b", "a b").map(|r| r.describe());
        assert_eq!(
            spaced.as_deref(),
            Some("reworded (4 → 3 characters): spacing only")
        );
    }

    #[test]
    fn long_changes_are_clipped_to_a_line() {
        let old = "one two three four five six seven eight nine ten";
        let r = reword(old, "x").unwrap_or_else(|| unreachable!());
        assert_eq!(r.old_words, "one two three four five six seven eight…");
        let long = "w".repeat(500);
        let r = reword("a", &long).unwrap_or_else(|| unreachable!());
        assert_eq!(r.new_words.chars().count(), CLIP);
        assert!(r.new_words.ends_with('…'));
    }
}
