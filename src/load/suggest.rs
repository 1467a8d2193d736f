//! Did-you-mean: the id closest to a word that names none, cheaply enough
//! that a hostile file cannot make the checker slow.
//!
//! Suggesting compares a word with every candidate (Jaro–Winkler), so three
//! bounds keep it near-linear in the size of the input: a word far longer
//! than any candidate gets no suggestion (it is no typo of one); only the
//! first `COMPARED_CHARS` characters of each side are compared; and a load
//! makes at most `PER_FILE` suggestions per file and `IN_ALL` in all — past
//! them, unknown references are still reported, each without a suggestion.
//! `check` runs on untrusted pull requests in CI: this path has to stay fast.

use std::collections::HashMap;

use super::diagnostic::FileId;

/// Characters of each side compared; enough to tell apart ids people write.
const COMPARED_CHARS: usize = 48;

/// Suggestions one file may receive, and a whole load.
pub const PER_FILE: usize = 20;
pub const IN_ALL: usize = 100;

/// The score a candidate needs to be offered.
const THRESHOLD: f64 = 0.78;

/// Candidates prepared once for many look-ups.
pub struct Suggester<'a> {
    names: Vec<&'a str>,
    /// The first characters of each name.
    heads: Vec<String>,
    /// Which characters each head holds, hashed into 64 bits: a candidate
    /// sharing none with the word cannot score.
    masks: Vec<u64>,
    /// The longest name, in characters.
    longest: usize,
}

fn head(s: &str) -> String {
    s.chars().take(COMPARED_CHARS).collect()
}

fn mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1u64 << (u32::from(c) % 64))
}

impl<'a> Suggester<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Suggester<'a> {
        let names: Vec<&str> = names.into_iter().collect();
        let heads: Vec<String> = names.iter().map(|n| head(n)).collect();
        let masks = heads.iter().map(|h| mask(h)).collect();
        let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        Suggester {
            names,
            heads,
            masks,
            longest,
        }
    }

    /// The closest name to `word`, when one is close enough to be a typo.
    pub fn suggest(&self, word: &str) -> Option<&'a str> {
        // A word more than twice as long as every name is no typo of one;
        // counting stops as soon as that is known.
        let limit = self.longest.saturating_mul(2).saturating_add(8);
        if word.chars().nth(limit).is_some() {
            return None;
        }
        let w = head(word);
        let wm = mask(&w);
        // The best score; between equals, the name sharing more pairs of
        // letters with the word ("tpp" is nearer "ttp" than "tjp").
        let mut best: Option<(f64, usize, &'a str)> = None;
        for ((name, h), &m) in self.names.iter().zip(&self.heads).zip(&self.masks) {
            if m & wm == 0 {
                continue;
            }
            let score = strsim::jaro_winkler(&w, h);
            if score < THRESHOLD {
                continue;
            }
            let better = match best {
                None => true,
                Some((b, _, _)) if score > b + 1e-9 => true,
                Some((b, pairs, _)) if score > b - 1e-9 => shared_pairs(&w, h) > pairs,
                Some(_) => false,
            };
            if better {
                best = Some((score, shared_pairs(&w, h), name));
            }
        }
        best.map(|(_, _, name)| name)
    }
}

/// How many pairs of neighbouring letters of `a` are also in `b`.
fn shared_pairs(a: &str, b: &str) -> usize {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let theirs = pairs(b);
    pairs(a).iter().filter(|p| theirs.contains(p)).count()
}

/// The closest of a few `candidates` to `word`, for one-off look-ups such as
/// a misspelt field name or a command-line value.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    Suggester::new(candidates).suggest(word)
}

/// How many suggestions are left, per file and in all.
#[derive(Default)]
pub struct Budget {
    per_file: HashMap<FileId, usize>,
    used: usize,
}

impl Budget {
    /// Takes one suggestion for `file`; false once its share or the whole
    /// load's is spent.
    pub fn take(&mut self, file: FileId) -> bool {
        let n = self.per_file.entry(file).or_default();
        if *n >= PER_FILE || self.used >= IN_ALL {
            return false;
        }
        *n += 1;
        self.used += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_only() {
        let ids = ["ttp", "pakistan-army", "afghan-taliban"];
        assert_eq!(did_you_mean("ttp-leadership", ids), Some("ttp"));
        assert_eq!(did_you_mean("pakistan-armi", ids), Some("pakistan-army"));
        assert_eq!(did_you_mean("zzz", ids), None);
        assert_eq!(did_you_mean("tpp", ["tjp", "ttp"]), Some("ttp"));
    }

    #[test]
    fn a_word_far_longer_than_every_name_gets_none() {
        let ids = ["ttp", "pakistan-army"];
        let long = "pakistan-army".repeat(10);
        assert_eq!(did_you_mean(&long, ids), None);
        assert_eq!(did_you_mean("pakistan-army-x", ids), Some("pakistan-army"));
    }

    #[test]
    fn long_names_are_compared_by_their_heads() {
        let a = format!("{}-one", "x".repeat(60));
        let b = format!("{}-two", "y".repeat(60));
        let s = Suggester::new([a.as_str(), b.as_str()]);
        assert_eq!(
            s.suggest(&format!("{}-thr", "x".repeat(60))),
            Some(a.as_str())
        );
    }

    #[test]
    fn the_budget_stops_per_file_and_in_all() {
        let mut budget = Budget::default();
        let taken = (0..PER_FILE + 5).filter(|_| budget.take(0)).count();
        assert_eq!(taken, PER_FILE);
        let mut budget = Budget::default();
        let taken = (0..IN_ALL * 2).filter(|i| budget.take(*i)).count();
        assert_eq!(taken, IN_ALL);
    }
}
