//! What a search is made of: text folded the way people type it, and a
//! query split into terms (words, and phrases in quotes) that the index
//! finds, whole-word where a term must match whole words.

use memchr::memmem;

/// Makes text match as people type it: lowercased (non-ASCII letters too,
/// so "Ç" finds "ç"), every dash and hyphen as `-`, every apostrophe and
/// single quote as `'`, every double quote as `"`, and a no-break space as
/// a space. "Pakistan-TTP" then finds "Pakistan–TTP", "Pakistan's" finds
/// "Pakistan’s".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// `fold`, appended to `out`. Runs of ASCII other than the backtick are
/// lowercased in place a run at a time: the index folds every event's text
/// through this, and most of it is ASCII.
pub fn fold_into(s: &str, out: &mut String) {
    // Most text is ASCII without a backtick throughout: asked of every
    // byte without stopping at the first that is not, which the compiler
    // makes a few bytes at a time, and then lowercased in one go.
    if s.bytes()
        .fold(false, |odd, b| odd | !b.is_ascii() | (b == b'`'))
    {
        fold_runs(s, out);
    } else {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    }
}

/// `fold_into` a run of ASCII at a time.
fn fold_runs(s: &str, out: &mut String) {
    let mut rest = s;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii() || b == b'`')
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..run]);
        out[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        match fold_char(c) {
            Some(f) => out.push(f),
            None => out.extend(c.to_lowercase()),
        }
        rest = &rest[c.len_utf8()..];
    }
}

/// The character a punctuation mark folds to, if it is one that folds.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' | '`'
        | '\u{B4}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => Some('"'),
        '\u{A0}' | '\u{202F}' | '\u{2007}' => Some(' '),
        _ => None,
    }
}

/// One term of a query: a word, or a phrase in quotes, folded; `whole`
/// when it matches only whole words (a quoted term, or a short all-caps
/// one such as `APS`, which would otherwise match inside "collapsed").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub whole: bool,
}

/// A term ready to be found in the folded text.
pub(super) struct Finder<'t> {
    finder: memmem::Finder<'t>,
    whole: bool,
}

impl<'t> Finder<'t> {
    pub(super) fn new(term: &'t Term) -> Finder<'t> {
        Finder {
            finder: memmem::Finder::new(term.text.as_bytes()),
            whole: term.whole,
        }
    }

    /// The first place in `text` the term occurs (as a whole word, when it must).
    pub(super) fn find(&self, text: &[u8]) -> Option<usize> {
        if !self.whole {
            return self.finder.find(text);
        }
        let len = self.finder.needle().len();
        self.finder
            .find_iter(text)
            .find(|&at| !word_char_before(text, at) && !word_char_after(text, at + len))
    }
}

/// Whether a letter or digit ends just before `at`.
fn word_char_before(text: &[u8], at: usize) -> bool {
    let mut start = at;
    while start > 0 && at - start < 4 {
        start -= 1;
        if text[start] & 0xC0 != 0x80 {
            break;
        }
    }
    std::str::from_utf8(&text[start..at])
        .ok()
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Whether a letter or digit starts at `at`.
fn word_char_after(text: &[u8], at: usize) -> bool {
    let end = (at + 4).min(text.len());
    let bytes = &text[at.min(end)..end];
    let valid = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
    };
    valid.chars().next().is_some_and(char::is_alphanumeric)
}

/// Splits a search query into folded terms: words, and phrases in
/// quotes (straight or curly). A quoted term, and a short all-caps word
/// (2 to 4 letters or digits, at least one a capital), match whole words.
pub fn terms(query: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut rest = query;
    loop {
        let open = rest.find(['"', '“', '”']);
        let (plain, quoted) = match open {
            Some(i) => {
                let after = &rest[i + rest[i..].chars().next().map_or(1, char::len_utf8)..];
                match after.find(['"', '“', '”']) {
                    Some(j) => (&rest[..i], Some((&after[..j], &after[j..]))),
                    // An opening quote with no closing one: a phrase to the end.
                    None => (&rest[..i], Some((after, ""))),
                }
            }
            None => (rest, None),
        };
        for word in plain.split_whitespace() {
            out.push(Term {
                whole: short_caps(word),
                text: fold(word),
            });
        }
        let Some((phrase, after)) = quoted else { break };
        let text = fold(phrase)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() {
            out.push(Term { text, whole: true });
        }
        rest = after.char_indices().nth(1).map_or("", |(i, _)| &after[i..]);
        if after.is_empty() {
            break;
        }
    }
    out
}

/// `APS`, `TTP`, `US`: an abbreviation, which means a whole word.
fn short_caps(word: &str) -> bool {
    let n = word.chars().count();
    (2..=4).contains(&n)
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && word.chars().any(char::is_uppercase)
}

/// The folded words and phrases of a query, for marking matches on screen.
pub fn words(query: &str) -> Vec<String> {
    terms(query).into_iter().map(|t| t.text).collect()
}
