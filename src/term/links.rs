//! Source addresses as hyperlinks (OSC 8), for terminals that follow them.
//!
//! Ratatui draws cells, not sequences, so after each frame the loop writes
//! the cells of each address again — the same characters in the same
//! styles — between an OSC 8 opening with the address and its close. A
//! terminal without hyperlinks ignores the two sequences and shows what
//! was there. The address has passed `Source::link`, which admits only
//! printable URL characters, so it cannot end the sequence early.

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Buffer;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{Attribute, Print, ResetColor, SetAttribute, SetStyle};

use crate::ui::Hyperlink;

/// Whether this terminal is one that shows OSC 8 as text instead of
/// ignoring it: the Linux console and terminals that say they are dumb.
pub fn unsupported() -> bool {
    matches!(
        std::env::var("TERM").as_deref(),
        Ok("linux" | "dumb" | "vt100" | "vt220")
    )
}

/// An address on screen with the cells drawn for it: symbol and style.
pub struct Marked {
    link: Hyperlink,
    cells: Vec<(String, ratatui::style::Style)>,
}

/// The cells of each link, copied out of the frame just drawn.
pub fn cells(buffer: &Buffer, links: Vec<Hyperlink>) -> Vec<Marked> {
    links
        .into_iter()
        .map(|link| {
            let cells = (link.x..link.x.saturating_add(link.width))
                .map_while(|x| buffer.cell((x, link.y)))
                .map(|c| (c.symbol().to_string(), c.style()))
                .collect();
            Marked { link, cells }
        })
        .collect()
}

/// Writes each link's cells again between an OSC 8 opening and its close.
pub fn mark(out: &mut impl Write, marked: &[Marked]) -> io::Result<()> {
    if marked.is_empty() {
        return Ok(());
    }
    for Marked { link, cells } in marked {
        queue!(out, MoveTo(link.x, link.y))?;
        write!(out, "\x1b]8;;{}\x1b\\", link.url)?;
        for (symbol, style) in cells {
            queue!(
                out,
                SetAttribute(Attribute::Reset),
                SetStyle((*style).into_crossterm()),
                Print(symbol)
            )?;
        }
        write!(out, "\x1b]8;;\x1b\\")?;
    }
    queue!(out, SetAttribute(Attribute::Reset), ResetColor)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    #[test]
    fn a_link_is_its_own_cells_between_an_opening_and_a_close() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 12, 2));
        buffer.set_string(2, 1, "https://x.y", Style::new().fg(Color::Blue));
        let marked = cells(
            &buffer,
            vec![Hyperlink {
                x: 2,
                y: 1,
                width: 11,
                url: "https://x.y/z".into(),
            }],
        );
        assert_eq!(marked[0].cells.len(), 10, "cut at the buffer's edge");
        let mut out = Vec::new();
        mark(&mut out, &marked).unwrap();
        let out = String::from_utf8(out).unwrap();
        let opening = "\x1b]8;;https://x.y/z\x1b\\";
        let open = out.find(opening).expect("an opening") + opening.len();
        let close = out.rfind("\x1b]8;;\x1b\\").expect("a close");
        // Between them, the cells' characters, each after its style (CSI … m).
        let mut drawn = String::new();
        let mut rest = &out[open..close];
        while let Some(c) = rest.chars().next() {
            if c == '\x1b' {
                let end = rest.find('m').expect("a style sequence ends in m");
                rest = &rest[end + 1..];
            } else {
                drawn.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        assert_eq!(drawn, "https://x.", "{out:?}");
        assert_eq!(
            out.matches("\x1b]8;;").count(),
            2,
            "one opening, one close: {out:?}"
        );
    }
}
