//! The last pass over every frame: character sequences that terminals
//! draw at different widths become ones every terminal draws alike.
//!
//! An emoji joined by zero-width joiners (a family), a flag (two regional
//! indicators), an emoji with a variation selector or a skin tone: some
//! terminals join them into one glyph two cells wide, others draw every
//! part, wider than ratatui measured, and the overflow is left behind in
//! the neighbouring pane. Each such cell gets the text presentation of its
//! sequence — the parts without joiners or modifiers, a flag's two letters
//! ("PK") — cut or padded to the cells ratatui gave it, so what is drawn
//! is what was measured.

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

fn joins(c: char) -> bool {
    matches!(
        c,
        '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}'
    )
}

fn regional(c: char) -> Option<char> {
    let n = u32::from(c).checked_sub(0x1F1E6)?;
    (n < 26).then(|| char::from(b'A' + n as u8))
}

/// The text presentation of a cell's symbol, if it needs one.
fn plain(symbol: &str) -> Option<String> {
    if symbol.len() <= 4 && !symbol.chars().any(|c| regional(c).is_some()) {
        return None;
    }
    if !symbol.chars().any(|c| joins(c) || regional(c).is_some()) {
        return None;
    }
    let mut out = String::new();
    for c in symbol.chars() {
        if let Some(letter) = regional(c) {
            out.push(letter);
        } else if !joins(c) {
            out.push(c);
        }
    }
    Some(out)
}

/// Rewrites every cell of `buf` whose symbol terminals disagree on.
pub fn cells(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            // Nearly every cell is one ASCII character: nothing to measure.
            if symbol.len() == 1 {
                x += 1;
                continue;
            }
            let cells = symbol.width().max(1);
            if let Some(text) = plain(symbol) {
                let mut parts: Vec<String> = Vec::new();
                let mut used = 0;
                for ch in text.chars() {
                    let w = ch.to_string().width();
                    if w == 0 || used + w > cells {
                        continue;
                    }
                    parts.push(ch.to_string());
                    used += w;
                    if w == 2 {
                        parts.push(String::new());
                    }
                }
                while used < cells {
                    parts.push(" ".into());
                    used += 1;
                }
                // One grapheme per cell; a wide one leaves the next cell to it.
                // These symbols come from the frame's own cells, which ratatui
                // filtered; no file text reaches `set_symbol` unfiltered.
                for (cx, part) in (x..area.right()).zip(parts) {
                    // A wide grapheme's second cell is hidden by it, as ratatui leaves it.
                    buf[(cx, y)].set_symbol(if part.is_empty() { " " } else { &part });
                }
            }
            x += u16::try_from(cells).unwrap_or(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn flags_and_joined_emoji_become_what_every_terminal_draws() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        buf.set_string(
            0,
            0,
            "a🇵🇰b👨\u{200D}👩\u{200D}👧c❤\u{FE0F}d",
            ratatui::style::Style::new(),
        );
        let before: usize = (0..20).map(|x| buf[(x, 0)].symbol().width()).sum();
        cells(&mut buf);
        let s = row(&buf, 0);
        assert!(!s.contains('\u{200D}') && !s.contains('\u{FE0F}'), "{s:?}");
        assert!(s.starts_with("aPKb"), "{s:?}");
        let after: usize = (0..20).map(|x| buf[(x, 0)].symbol().width()).sum();
        assert!(after <= before.max(20), "{before} {after}");
    }

    #[test]
    fn plain_text_is_left_alone() {
        assert_eq!(plain("a"), None);
        assert_eq!(plain("é"), None);
        assert_eq!(plain("日"), None);
        assert_eq!(plain("🇵🇰").as_deref(), Some("PK"));
    }
}
