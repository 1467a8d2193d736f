//! Where an entry's bytes are read from: its file, mapped, or bytes in
//! memory (the tests and the fuzz target).
//!
//! A file's entry is mapped, so that the sections are read where the page
//! cache holds them: the search text is kept so, neither copied nor
//! cleared for a copy (73 MB at 100,000 events), and each section of
//! events is validated and deserialised in place and its pages let go.
//! An entry is never written in place: it is made in a temporary file and
//! renamed over the old one, and removing it leaves a mapping whole. What
//! a mapping cannot survive is the file cut short by another program
//! while chronoscope reads it; its length is checked when it is read, and
//! the terminal is given back if a page is gone later (`term::signals`).

#[cfg(unix)]
use std::fs::File;
use std::io;
#[cfg(unix)]
use std::sync::Arc;

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
    map: Option<Arc<memmap2::Mmap>>,
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
            map: map.map(Arc::new),
        })
    }

    fn mapped(&self) -> &[u8] {
        self.map.as_deref().map_or(&[], |m| &m[..])
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

    fn read_through(&self, at: u64, len: usize) {
        if let (Some(map), Ok(at)) = (&self.map, usize::try_from(at)) {
            // SAFETY: the mapping is read-only and of a file: a page let go
            // is read again from the file if it is touched again.
            let _ =
                unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, at, len) };
        }
    }

    fn held(&self, at: u64, len: usize) -> io::Result<Folded> {
        match (&self.map, self.in_place(at, len)) {
            (Some(map), Some(_)) => Ok(Folded::new(Slice {
                map: Arc::clone(map),
                at: at as usize,
                len,
            })),
            _ => Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
        }
    }
}

/// Part of a mapped entry, kept.
#[cfg(unix)]
struct Slice {
    map: Arc<memmap2::Mmap>,
    at: usize,
    len: usize,
}

#[cfg(unix)]
impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.map[self.at..self.at + self.len]
    }
}
