//! Where an entry's bytes are read from: its file, mapped, or bytes in
//! memory (the tests and the fuzz target).
//!
//! A file's entry is mapped, so that the sections are read where the page
//! cache holds them: the search text is kept so, neither copied nor
//! cleared for a copy (73 MB at 100,000 events), and each section of
//! events is validated and deserialised in place, its events' text left
//! where it lies (`Str`), and its pages let go until a screen shows them.
//! The mapping is never unmapped, so no text outlives what it reads: an
//! open from the cache keeps one for the rest of the process (the address
//! space of the entry, not memory: its pages are the page cache's).
//! An entry is never written in place: it is made in a temporary file and
//! renamed over the old one, and removing it leaves a mapping whole. What
//! a mapping cannot survive is the file cut short or rewritten in place
//! by another program (of the same user: the entry is the user's alone);
//! its length is checked when it is read, and the terminal is given back
//! if a page is gone later (`term::signals`).

#[cfg(unix)]
use std::fs::File;
use std::io;

use crate::query::Folded;

pub trait Bytes: Sync {
    fn len(&self) -> u64;

    /// Fills `out` with the bytes from `at` on.
    fn read_at(&self, at: u64, out: &mut [u8]) -> io::Result<()>;

    /// The `len` bytes from `at` on, where they lie, when they can be
    /// read so.
    fn in_place(&self, at: u64, len: usize) -> Option<&[u8]> {
        let _ = (at, len);
        None
    }

    /// All the bytes, when they last as long as the process: the text
    /// deserialised from them may be read where it lies (`Str::lending`).
    fn lasting(&self) -> Option<&'static [u8]> {
        None
    }

    /// Says the bytes `in_place` gave are read: their pages may go.
    fn read_through(&self, at: u64, len: usize) {
        let _ = (at, len);
    }

    /// The `len` bytes from `at` on, to be kept: where they lie when they
    /// can be kept so, else read into memory of their own.
    fn held(&self, at: u64, len: usize) -> io::Result<Folded> {
        let mut out = vec![0; len];
        self.read_at(at, &mut out)?;
        Ok(Folded::new(out))
    }
}

/// The range `at..at + len` of `bytes`, if it lies within them.
fn within(bytes: &[u8], at: u64, len: usize) -> Option<&[u8]> {
    let at = usize::try_from(at).ok()?;
    bytes.get(at..at.checked_add(len)?)
}

impl Bytes for [u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }

    fn read_at(&self, at: u64, out: &mut [u8]) -> io::Result<()> {
        let from = within(self, at, out.len())
            .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
        out.copy_from_slice(from);
        Ok(())
    }

    fn in_place(&self, at: u64, len: usize) -> Option<&[u8]> {
        within(self, at, len)
    }
}

/// An entry's file, mapped when it was opened.
#[cfg(unix)]
pub struct InFile<'f> {
    file: &'f File,
    map: Option<&'static memmap2::Mmap>,
}

#[cfg(unix)]
impl InFile<'_> {
    pub fn new(file: &File) -> io::Result<InFile<'_>> {
        let len = file.metadata()?.len();
        // SAFETY: see the module's comment: no one writes an entry in
        // place, and a file cut short is found by its length.
        let map = (len > 0)
            .then(|| unsafe { memmap2::Mmap::map(file) })
            .transpose()?;
        Ok(InFile {
            file,
            map: map.map(|m| &*Box::leak(Box::new(m))),
        })
    }

    fn mapped(&self) -> &'static [u8] {
        self.map.map_or(&[], |m| &m[..])
    }
}

#[cfg(unix)]
impl Bytes for InFile<'_> {
    /// The file's length now, not when it was mapped: a file cut short
    /// since no longer fits its table, and is not read.
    fn len(&self) -> u64 {
        match self.file.metadata() {
            Ok(m) if m.len() == self.mapped().len() as u64 => m.len(),
            _ => 0,
        }
    }

    fn read_at(&self, at: u64, out: &mut [u8]) -> io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(self.file, out, at)
    }

    fn in_place(&self, at: u64, len: usize) -> Option<&[u8]> {
        within(self.mapped(), at, len)
    }

    fn lasting(&self) -> Option<&'static [u8]> {
        self.map.map(|m| &m[..])
    }

    fn read_through(&self, at: u64, len: usize) {
        if let (Some(map), Ok(at)) = (self.map, usize::try_from(at)) {
            // SAFETY: the mapping is read-only and of a file: a page let go
            // is read again from the file if it is touched again.
            let _ =
                unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, at, len) };
        }
    }

    fn held(&self, at: u64, len: usize) -> io::Result<Folded> {
        within(self.mapped(), at, len)
            .map(Folded::new)
            .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))
    }
}
