//! The one sanitizer for text that comes from timeline files.
//!
//! Timeline files are shared between newsrooms and units, so their text is
//! untrusted: an escape sequence in a title must never reach a terminal, a
//! spreadsheet or an error message as a live control. `sanitize` turns every
//! C0 and C1 control, DEL, bidi control and stray carriage return into a
//! visible mark and expands tabs. It runs at load and again at every output.
//! Newlines are the one control kept: they separate paragraphs.

use std::borrow::Cow;

/// Tab stops every this many columns.
pub const TAB_WIDTH: usize = 4;

/// Characters that reorder text (bidi controls) or separate lines outside
/// `\n`; shown as `<U+XXXX>` so a reader sees what the file held.
fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{FEFF}'
    )
}

/// True for any character `sanitize` would change, apart from tabs and newlines.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible_control(c)
}

/// Makes untrusted text safe to print: controls become visible marks
/// (`␛` for ESC, `<U+202E>` for a bidi override), `\r\n` becomes `\n`, a
/// lone `\r` becomes `␍`, tabs become spaces. Idempotent; printable text is
/// returned unchanged without copying.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\t' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut column = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\t' => {
                let n = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
                continue;
            }
            // C0 controls have pictures at U+2400; DEL has U+2421.
            '\0'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
            '\u{7F}' => out.push('\u{2421}'),
            c if is_unsafe(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
        column += 1;
    }
    Cow::Owned(out)
}

/// True when `sanitize` would return `s` unchanged, judged from its bytes
/// alone, which is several times faster than `sanitize`'s walk over chars
/// and settles nearly all real text. Every character `sanitize` changes is
/// a byte below 0x20 other than `\n`, DEL, or a character whose UTF-8 form
/// starts with 0xC2 (C1 controls), 0xD8 (U+061C), 0xE2 (the bidi and line
/// separators at U+2xxx) or 0xEF (U+FEFF). Text holding those bytes for
/// harmless characters (an em dash starts with 0xE2) just takes the slow
/// path. A test in `load/tests.rs` checks this against every character.
pub fn is_plain(s: &str) -> bool {
    let plain = |b: u8| (b >= 0x20 || b == b'\n') && !matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF);
    // Whole chunks without an early exit, so the compiler can use SIMD.
    s.as_bytes()
        .chunks(32)
        .all(|chunk| chunk.iter().fold(true, |ok, &b| ok & plain(b)))
}

/// Sanitizes text that must stay on one line (a title, a name): newlines
/// become spaces.
pub fn one_line(s: &str) -> String {
    let clean = sanitize(s);
    if clean.contains('\n') {
        clean.replace('\n', " ")
    } else {
        clean.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(sanitize("a\u{1b}]0;pwned\u{7}b"), "a␛]0;pwned␇b");
        assert_eq!(sanitize("\u{9b}2J"), "<U+009B>2J");
        assert_eq!(sanitize("abc\u{202E}def"), "abc<U+202E>def");
        assert_eq!(sanitize("x\ry"), "x␍y");
        assert_eq!(sanitize("x\r\ny"), "x\ny");
        assert_eq!(sanitize("\u{7f}"), "␡");
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("abcd\te"), "abcd    e");
        assert_eq!(sanitize("ab\n\tc"), "ab\n    c");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("Peshawar — 16 Dec 2014"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn one_line_folds_newlines() {
        assert_eq!(one_line("a\nb\u{1b}"), "a b␛");
    }

    proptest! {
        #[test]
        fn sanitize_is_idempotent(s in any::<String>()) {
            let once = sanitize(&s).into_owned();
            prop_assert_eq!(sanitize(&once), once.as_str());
        }

        #[test]
        fn output_holds_no_control_or_bidi_character(s in any::<String>()) {
            let out = sanitize(&s);
            prop_assert!(out.chars().all(|c| c == '\n' || !is_unsafe(c) && c != '\t'), "{:?}", out);
        }

        #[test]
        fn printable_text_is_unchanged(s in "[^\\p{Cc}\\p{Cf}\u{2028}\u{2029}]*") {
            prop_assert_eq!(sanitize(&s), s.as_str());
        }

        #[test]
        fn hostile_mix_is_neutralised(s in prop::collection::vec(prop::sample::select(vec![
            "\u{1b}[2J", "\u{1b}]52;c;aGk=\u{7}", "\u{9b}", "\u{202e}", "\r", "\t", "ok", "\u{1b}P", "\n",
        ]), 0..20)) {
            let s: String = s.concat();
            let out = sanitize(&s);
            let live = ['\u{1b}', '\u{9b}', '\u{202e}', '\r'];
            prop_assert!(!out.contains(live), "{:?}", out);
        }
    }
}
