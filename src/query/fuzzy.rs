//! Narrowing a list of names as the user types: nucleo's matcher (the one
//! helix and television use), with a floor that keeps loose matches out.
//!
//! A subsequence alone is too generous for short names: "ttp" is in
//! "Government of the Islamic Republic of Afghanistan". nucleo scores 16 per
//! matched character, adds bonuses for word starts and runs, and takes
//! penalties for gaps; a match is kept only when its bonuses at least pay
//! for its gaps, so initials ("ttp" → "Tehrik-i-Taliban Pakistan") and runs
//! ("fazl" → "Mullah Fazlullah") pass and scattered letters do not.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::fold_char;

/// nucleo's score for one matched character with no bonus.
const PER_CHAR: u32 = 16;

/// One typed needle, ready to score many names.
pub struct Fuzzy {
    atom: Atom,
    floor: u32,
    matcher: Matcher,
    buf: Vec<char>,
    hay: String,
}

impl Fuzzy {
    pub fn new(needle: &str) -> Self {
        let needle: String = needle.trim().chars().map(fold).collect();
        let chars = u32::try_from(needle.chars().count()).unwrap_or(u32::MAX);
        Fuzzy {
            atom: Atom::new(
                &needle,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
                false,
            ),
            floor: chars.saturating_mul(PER_CHAR),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            hay: String::new(),
        }
    }

    /// How well `name` matches (higher is better; between equal matches the
    /// shorter name is the closer one), or `None`.
    pub fn score(&mut self, name: &str) -> Option<u32> {
        self.fold_into(name);
        let s = u32::from(
            self.atom
                .score(Utf32Str::new(&self.hay, &mut self.buf), &mut self.matcher)?,
        );
        if s < self.floor {
            return None;
        }
        let length = u32::try_from(self.buf_len().min(63)).unwrap_or(63);
        Some(s * 64 + (63 - length))
    }

    /// The character positions in `name` that the needle matched, for
    /// marking them; empty when it does not match.
    pub fn positions(&mut self, name: &str) -> Vec<usize> {
        self.fold_into(name);
        let mut at = Vec::new();
        let s = self.atom.indices(
            Utf32Str::new(&self.hay, &mut self.buf),
            &mut self.matcher,
            &mut at,
        );
        if s.is_none_or(|s| u32::from(s) < self.floor) {
            return Vec::new();
        }
        at.sort_unstable();
        at.into_iter().map(|i| i as usize).collect()
    }

    /// `name` with dashes and quotes folded one character for one, so
    /// positions stay those of the name as drawn.
    fn fold_into(&mut self, name: &str) {
        self.hay.clear();
        self.hay.extend(name.chars().map(fold));
    }

    fn buf_len(&self) -> usize {
        self.hay.chars().count()
    }
}

fn fold(c: char) -> char {
    fold_char(c).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(needle: &str, name: &str) -> Option<u32> {
        Fuzzy::new(needle).score(name)
    }

    #[test]
    fn initials_and_runs_match_and_scattered_letters_do_not() {
        assert!(score("ttp", "Tehrik-i-Taliban Pakistan").is_some());
        assert!(score("isi", "Inter-Services Intelligence").is_some());
        assert!(score("fazl", "Mullah Fazlullah").is_some());
        assert!(score("xyz", "Pakistan").is_none());
        assert!(score("ttp", "Government of the Islamic Republic of Afghanistan").is_none());
    }

    #[test]
    fn the_tighter_and_then_the_shorter_match_ranks_first() {
        assert!(score("pak", "Pakistan") > score("pak", "Pashtun Kakar"));
        assert!(score("ttp", "TTP") > score("ttp", "TTP-JuA"));
        assert!(score("ttp", "TTP-JuA") > score("ttp", "Tehrik-i-Taliban Pakistan"));
    }

    #[test]
    fn case_accents_and_dashes_are_folded() {
        assert!(score("jua", "Jamaat‑ul‑Ahrar").is_some());
        assert!(score("TTP", "ttp").is_some());
        assert!(score("peshawar", "Peshāwar").is_some());
        assert!(score("ul-a", "Jamaat\u{2011}ul\u{2011}Ahrar").is_some());
    }

    #[test]
    fn positions_are_those_of_the_name_as_drawn() {
        assert_eq!(
            Fuzzy::new("ttp").positions("Tehrik-i-Taliban Pakistan"),
            [0, 9, 17]
        );
        assert_eq!(
            Fuzzy::new("ul-a").positions("Jamaat\u{2011}ul\u{2011}Ahrar"),
            [7, 8, 9, 10]
        );
        assert!(Fuzzy::new("xyz").positions("Pakistan").is_empty());
    }
}
