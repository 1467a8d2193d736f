//! An entry's bytes: how a timeline and its search text are laid out in
//! the file, and how they are read back.
//!
//! ```text
//!  0..8   magic "chrnscp\n"
//!  8..24  the key: chronoscope's version, the model's fingerprint, and
//!         for every source file its path, size, modification time and
//!         content hash (xxh3)
//! 24..32  the number of sections
//! 32..40  the xxh3 of the table of sections
//! 40..48  the number of events
//! 48..56  zero
//! 56..64  the files' fingerprint: the key but for their content, so an
//!         entry for files that were since edited is passed over unread
//! 64..    the table: each section's length and xxh3, 16 bytes a section;
//!         then the sections, each from a multiple of `ALIGN` on (zeros
//!         between them):
//!           0   the timeline but its events (an `rkyv` archive)
//!           1   the search text but its bytes (an `rkyv` archive)
//!           2   the search text's bytes, as they are
//!           3…  the events in order, `EVENTS_PER_SECTION` a section
//!               and the rest in the last (`rkyv` archives of a vector
//!               of events)
//! ```
//!
//! Every byte that is read is covered: the header by the key, the
//! fingerprint and the count of events, the table by its checksum, each
//! section by its own; the zeros between sections are read by nothing.
//! A section's checksum and `rkyv`'s validation pass before anything of
//! it is used, each archive where the file's mapping has it
//! (`Bytes::in_place`, aligned as an archive must be) or read into memory
//! of its own (`archive_in`). The sections of events are validated and
//! deserialised on every core, each while it is still in the processor's
//! cache, and straight into its place in the timeline, their text read
//! where the mapping holds it (`Bytes::lasting`); then its pages are let
//! go. The search text's bytes are kept where the mapping has them
//! (`Bytes::held`).

use std::fs::File;
use std::io::{self, Write};

use rayon::prelude::*;
use rkyv::rancor;
use rkyv::util::AlignedVec;
use rkyv::vec::{ArchivedVec, VecResolver};
use xxhash_rust::xxh3::xxh3_64;

pub use super::bytes::Bytes;
#[cfg(unix)]
pub use super::bytes::InFile;
use super::{Key, Miss};
use crate::model::{ArchivedEvent, ArchivedTimeline, Event, Str, Timeline};
use crate::query::SearchText;

pub const MAGIC: &[u8; 8] = b"chrnscp\n";
pub const HEADER: usize = 64;
/// Where each section may start: a multiple of this, so that an archive
/// is read in place where the mapping of the file has it.
const ALIGN: u64 = AlignedVec::<16>::ALIGNMENT as u64;

/// Events archived together in one section: enough that a section
/// outweighs handing it to another core, few enough (about a megabyte)
/// that it is validated and deserialised while it is in the cache.
const EVENTS_PER_SECTION: usize = 1024;
/// The sections before the events: the head, the text's sketches and its
/// bytes.
const FIRST_EVENTS: usize = 3;

/// The sections a timeline makes: its head and its events.
pub struct Archived {
    head: AlignedVec,
    events: Vec<AlignedVec>,
    count: usize,
}

impl Archived {
    /// Archives `timeline`: its head, then its events a section at a time.
    pub fn of(timeline: &Timeline) -> io::Result<Archived> {
        Ok(Archived {
            head: archive(&timeline.head())?,
            events: timeline
                .events
                .chunks(EVENTS_PER_SECTION)
                .map(|events| archive(&Events(events)))
                .collect::<io::Result<_>>()?,
            count: timeline.events.len(),
        })
    }
}

/// A run of events archived as a vector of them, without one being made.
struct Events<'a>(&'a [Event]);

impl rkyv::Archive for Events<'_> {
    type Archived = ArchivedVec<ArchivedEvent>;
    type Resolver = VecResolver;

    fn resolve(&self, resolver: VecResolver, out: rkyv::Place<Self::Archived>) {
        ArchivedVec::resolve_from_slice(self.0, resolver, out);
    }
}

impl<S> rkyv::Serialize<S> for Events<'_>
where
    S: rkyv::rancor::Fallible + rkyv::ser::Allocator + rkyv::ser::Writer + ?Sized,
    Event: rkyv::Serialize<S>,
{
    fn serialize(&self, serializer: &mut S) -> Result<VecResolver, S::Error> {
        ArchivedVec::serialize_from_slice(self.0, serializer)
    }
}

/// Serialises `value` to an archive of its own.
fn archive<T>(value: &T) -> io::Result<AlignedVec>
where
    T: for<'a> rkyv::Serialize<
            rkyv::api::high::HighSerializer<
                AlignedVec,
                rkyv::ser::allocator::ArenaHandle<'a>,
                rancor::Error,
            >,
        >,
{
    rkyv::to_bytes::<rancor::Error>(value).map_err(io::Error::other)
}

/// An entry made in memory: its header, its table and its sections.
pub struct Made {
    head: [u8; HEADER],
    table: Vec<u8>,
    sections: Vec<Part>,
}

/// A section's bytes: an archive made for the entry, or the search text's
/// bytes, shared with the index that searches them rather than copied.
enum Part {
    Archive(AlignedVec),
    Shared(crate::query::Folded),
}

impl std::ops::Deref for Part {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Part::Archive(bytes) => bytes,
            Part::Shared(bytes) => bytes,
        }
    }
}

impl Made {
    /// The entry of a timeline already archived, with `text`.
    pub fn new(timeline: Archived, text: &SearchText, key: Key) -> io::Result<Made> {
        let count = timeline.count as u64;
        let mut sections = vec![
            Part::Archive(timeline.head),
            Part::Archive(archive(text)?),
            Part::Shared(text.shared_bytes()),
        ];
        sections.extend(timeline.events.into_iter().map(Part::Archive));
        let table: Vec<u8> = sections
            .iter()
            .flat_map(|s| [s.len() as u64, xxh3_64(s)])
            .flat_map(u64::to_le_bytes)
            .collect();
        let mut head = [0; HEADER];
        head[..8].copy_from_slice(MAGIC);
        head[8..24].copy_from_slice(&key.to_le_bytes());
        head[24..32].copy_from_slice(&(sections.len() as u64).to_le_bytes());
        head[32..40].copy_from_slice(&xxh3_64(&table).to_le_bytes());
        head[40..48].copy_from_slice(&count.to_le_bytes());
        head[56..64].copy_from_slice(&key.stat_le_bytes());
        Ok(Made {
            head,
            table,
            sections,
        })
    }

    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&self.head)?;
        out.write_all(&self.table)?;
        let mut at = (HEADER + self.table.len()) as u64;
        for s in &self.sections {
            let gap = at.next_multiple_of(ALIGN) - at;
            out.write_all(&[0; ALIGN as usize][..gap as usize])?;
            out.write_all(s)?;
            at += gap + s.len() as u64;
        }
        out.flush()
    }
}

/// Reads the entry in `file` for `key`.
pub fn read_file(file: &File, key: Key) -> Result<(Timeline, SearchText), Miss> {
    #[cfg(unix)]
    return decode_from(&InFile::new(file).map_err(unread)?, key);
    #[cfg(not(unix))]
    {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut &*file, &mut bytes).map_err(unread)?;
        decode_from(&bytes[..], key)
    }
}

/// One section: where it starts, its length and its checksum.
#[derive(Debug, Clone, Copy)]
struct Section {
    at: u64,
    len: usize,
    sum: u64,
}

fn corrupt(why: &str) -> Miss {
    Miss::Corrupt(why.to_string())
}

fn word(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

/// `bytes` checked against their checksum `sum`.
fn summed(bytes: &[u8], sum: u64) -> Result<(), Miss> {
    digest_is(xxh3_64(bytes), sum)
}

/// The fuzz target reaches the sections with bytes whose checksums it
/// could never forge.
fn digest_is(digest: u64, sum: u64) -> Result<(), Miss> {
    if cfg!(fuzzing) || digest == sum {
        Ok(())
    } else {
        Err(corrupt("a checksum that does not match"))
    }
}

/// `summed` for the bytes of `section`, held where they lie: hashed a
/// stretch at a time, each stretch's pages let go once it is hashed, so
/// that checking the search text does not keep all of it in memory (a
/// search brings back only the pages it reads).
fn summed_through<B: Bytes + ?Sized>(src: &B, bytes: &[u8], section: Section) -> Result<(), Miss> {
    const STRETCH: usize = 256 << 10;
    let mut sum = xxhash_rust::xxh3::Xxh3::new();
    for (i, stretch) in bytes.chunks(STRETCH).enumerate() {
        sum.update(stretch);
        src.read_through(section.at + (i * STRETCH) as u64, stretch.len());
    }
    digest_is(sum.digest(), section.sum)
}

/// The timeline and search text an entry holds, checked against `key`.
pub fn decode_from<B: Bytes + ?Sized>(src: &B, key: Key) -> Result<(Timeline, SearchText), Miss> {
    let (count, sections) = sections(src, key)?;
    let (front, events) = rayon::join(
        || -> Result<_, Miss> {
            let mut buffer = AlignedVec::new();
            let head = archive_in(src, sections[0], &mut buffer)?;
            let head = rkyv::access::<ArchivedTimeline, rancor::Error>(head).map_err(invalid)?;
            if !head.events.is_empty() {
                return Err(corrupt("events in the head"));
            }
            let head: Timeline = rkyv::deserialize::<_, rancor::Error>(head).map_err(invalid)?;
            let text = archive_in(src, sections[1], &mut buffer)?;
            let text = rkyv::from_bytes::<SearchText, rancor::Error>(text).map_err(invalid)?;
            let bytes = src.held(sections[2].at, sections[2].len).map_err(unread)?;
            summed_through(src, &bytes, sections[2])?;
            Ok((head, text.with_bytes(bytes)))
        },
        || events_in(src, &sections[FIRST_EVENTS..], count),
    );
    let (mut timeline, text) = front?;
    timeline.events = events?;
    let timeline = timeline.sound_and_relinked().map_err(Miss::Corrupt)?;
    if !text.fits(timeline.events.len()) {
        return Err(corrupt("search text that does not fit the events"));
    }
    Ok((timeline, text))
}

/// The `count` events `sections` hold, each section read, validated and
/// deserialised on whichever core is free, into its own run of the
/// timeline's events: no section's events are gathered and then moved.
fn events_in<B: Bytes + ?Sized>(
    src: &B,
    sections: &[Section],
    count: usize,
) -> Result<Vec<Event>, Miss> {
    // An event missing is as big as one there (the niche of its strings),
    // so the slots become the events where they lie.
    let mut slots: Vec<Option<Event>> = Vec::new();
    slots.resize_with(count, || None);
    slots
        .par_chunks_mut(EVENTS_PER_SECTION)
        .zip(sections)
        .try_for_each_init(AlignedVec::new, |buffer, (slots, &s)| {
            let events = archive_in(src, s, buffer)?;
            let events = rkyv::access::<ArchivedVec<ArchivedEvent>, rancor::Error>(events)
                .map_err(invalid)?;
            if events.len() != slots.len() {
                return Err(corrupt("a section of events of another length"));
            }
            let fill = || -> Result<(), Miss> {
                for (slot, event) in slots.iter_mut().zip(events.iter()) {
                    let mut event =
                        rkyv::deserialize::<Event, rancor::Error>(event).map_err(invalid)?;
                    // Every lookup by id reads it: in memory of its own,
                    // it brings back none of the pages let go.
                    event.id = Str::from(event.id.as_str());
                    event.check_sound().map_err(Miss::Corrupt)?;
                    *slot = Some(event);
                }
                Ok(())
            };
            Str::lending(src.lasting().unwrap_or_default(), fill)?;
            src.read_through(s.at, s.len);
            Ok(())
        })?;
    slots
        .into_iter()
        .map(|e| e.ok_or_else(|| corrupt("an event missing")))
        .collect()
}

fn invalid(e: rancor::Error) -> Miss {
    Miss::Corrupt(e.to_string())
}

fn unread(e: io::Error) -> Miss {
    Miss::Corrupt(format!("a section that cannot be read: {e}"))
}

/// The header's and the table's account of the events and the sections,
/// checked: the key, the fingerprint and the table's checksum match, the
/// sections fill the rest of the entry exactly, and there are as many
/// sections of events as the events fill.
fn sections<B: Bytes + ?Sized>(src: &B, key: Key) -> Result<(usize, Vec<Section>), Miss> {
    let len = src.len();
    let mut head = [0; HEADER];
    if len < HEADER as u64 || src.read_at(0, &mut head).is_err() || &head[..8] != MAGIC {
        return Err(corrupt("not a chronoscope cache entry"));
    }
    if head[8..24] != key.to_le_bytes() || head[56..64] != key.stat_le_bytes() {
        return Err(Miss::Stale);
    }
    if head[48..56].iter().any(|&b| b != 0) {
        return Err(corrupt("a header of another layout"));
    }
    // Every archived event takes room in the file, so the number cannot
    // ask for more memory than the file's size in events.
    let events = usize::try_from(word(&head, 40))
        .ok()
        .filter(|&n| n as u64 <= len / size_of::<ArchivedEvent>() as u64)
        .ok_or_else(|| corrupt("more events than the entry holds"))?;
    let count = word(&head, 24);
    if count != (FIRST_EVENTS + events.div_ceil(EVENTS_PER_SECTION)) as u64 {
        return Err(corrupt("sections that do not fit the events"));
    }
    let table_len = count
        .checked_mul(16)
        .filter(|&n| n <= len - HEADER as u64)
        .ok_or_else(|| corrupt("a table of sections past the end"))?;
    let mut table = vec![0; table_len as usize];
    src.read_at(HEADER as u64, &mut table).map_err(unread)?;
    summed(&table, word(&head, 32))?;
    let mut at = HEADER as u64 + table_len;
    let mut out = Vec::with_capacity(count as usize);
    for entry in table.chunks_exact(16) {
        at = at.next_multiple_of(ALIGN);
        let n = word(entry, 0);
        let section = usize::try_from(n).ok().zip(at.checked_add(n));
        let Some((n, end)) = section.filter(|&(_, end)| end <= len) else {
            return Err(corrupt("a section past the end"));
        };
        out.push(Section {
            at,
            len: n,
            sum: word(entry, 8),
        });
        at = end;
    }
    if at != len {
        return Err(corrupt("lengths that do not match the file's"));
    }
    Ok((events, out))
}

/// The bytes of `section`, checked, for `rkyv` to read: where they lie
/// when they are aligned as an archive must be (`Bytes::in_place`), else
/// read into `buffer`.
fn archive_in<'b, B: Bytes + ?Sized>(
    src: &'b B,
    section: Section,
    buffer: &'b mut AlignedVec,
) -> Result<&'b [u8], Miss> {
    let bytes = match src.in_place(section.at, section.len) {
        Some(bytes) if bytes.as_ptr().align_offset(ALIGN as usize) == 0 => bytes,
        _ => {
            buffer.clear();
            buffer.resize(section.len, 0);
            src.read_at(section.at, buffer.as_mut_slice())
                .map_err(unread)?;
            buffer.as_slice()
        }
    };
    summed(bytes, section.sum)?;
    Ok(bytes)
}
