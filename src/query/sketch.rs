//! A sketch of each event's folded text, kept beside it in `SearchText`:
//! which bytes occur (`seen`, a bit each for the letters and digits, shared
//! bits for the rest) and where each letter and digit first occurs in the
//! first 255 bytes. A search passes over the events whose sketch rules it
//! out, and answers a single letter from the sketches alone.

/// Letters and digits: each has a bit of its own in an event's `seen`
/// mask and a first position in its `first` row.
pub(super) const ALNUM: usize = 36;

/// A first position of 255 says "not in the first 255 bytes".
pub(super) const FAR: u8 = u8::MAX;

/// A letter's or digit's place among the 36, if `b` is one.
pub(super) fn alnum(b: u8) -> Option<usize> {
    let bit = usize::from(BYTE_BITS[usize::from(b)]);
    (bit < ALNUM).then_some(bit)
}

/// The bit of `seen` that says byte `b` occurs.
fn byte_bit(b: u8) -> u64 {
    1 << BYTE_BITS[usize::from(b)]
}

/// For each byte, its bit in `seen`: a table, since a branch for every
/// byte of every event's text would cost more than the rest of the sketch.
const BYTE_BITS: [u8; 256] = {
    let mut bits = [0; 256];
    let mut b = 0;
    while b < 256 {
        bits[b] = match b as u8 {
            c @ b'a'..=b'z' => c - b'a',
            c @ b'0'..=b'9' => 26 + c - b'0',
            _ => (ALNUM + b % (64 - ALNUM)) as u8,
        };
        b += 1;
    }
    bits
};

/// The sketch of one event's text.
pub(super) fn sketch(text: &[u8]) -> (u64, [u8; ALNUM]) {
    // Four bytes at a time into four masks, so that no byte waits for
    // the one before it.
    let mut masks = [0; 4];
    let mut fours = text.chunks_exact(4);
    for four in &mut fours {
        for (mask, &b) in masks.iter_mut().zip(four) {
            *mask |= byte_bit(b);
        }
    }
    let rest = fours
        .remainder()
        .iter()
        .fold(0, |seen, &b| seen | byte_bit(b));
    let seen = masks.iter().fold(rest, |seen, mask| seen | mask);
    // Written from the 255th byte back to the first, without a branch:
    // each letter's slot ends holding its first place, and every other
    // byte lands in a slot past the 36.
    let mut slots = [FAR; 64];
    for (at, &b) in (0..FAR).zip(text).rev() {
        slots[usize::from(BYTE_BITS[usize::from(b)])] = at;
    }
    let mut first = [FAR; ALNUM];
    first.copy_from_slice(&slots[..ALNUM]);
    (seen, first)
}

/// What an event's `seen` mask must hold for a query of these words to be
/// able to match it: the bit of every byte of every word.
pub(super) fn needed<'a>(words: impl IntoIterator<Item = &'a str>) -> u64 {
    words
        .into_iter()
        .flat_map(str::bytes)
        .fold(0, |seen, b| seen | byte_bit(b))
}

/// The sketches of a run of events, as `SearchText` keeps them.
pub(super) struct Sketches {
    pub(super) seen: Vec<u64>,
    pub(super) first: Vec<[u8; ALNUM]>,
}

impl Sketches {
    pub(super) fn with_capacity(n: usize) -> Sketches {
        Sketches {
            seen: Vec::with_capacity(n),
            first: Vec::with_capacity(n),
        }
    }

    pub(super) fn push(&mut self, (seen, first): (u64, [u8; ALNUM])) {
        self.seen.push(seen);
        self.first.push(first);
    }
}
