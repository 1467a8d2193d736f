//! The text of events, claims and sources: owned when it came from a
//! timeline's files, or read where a cache entry's mapping holds it, so
//! that a warm open copies none of it (and clears no memory to copy it
//! into).
//!
//! A mapping is lent to the text only when it lasts as long as the
//! process (`Str::lending`): no text can outlive the bytes it reads.

use std::borrow::Borrow;
use std::cell::Cell;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use rkyv::rancor::{Fallible, Source};
use rkyv::string::{ArchivedString, StringResolver};
use rkyv::{Archive, Deserialize, Place, Serialize, SerializeUnsized};

/// A string of the model: it reads as a `str`, and is made from one.
#[derive(Clone)]
pub struct Str(Repr);

#[derive(Clone)]
enum Repr {
    Owned(Box<str>),
    /// In a mapping that is never unmapped.
    Lasting(&'static str),
}

thread_local! {
    /// The bytes this thread's deserialising may lend from, as an address
    /// range: set only for the length of `Str::lending`.
    static LENT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

impl Str {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Lasting(s) => s,
        }
    }

    /// True when the text is read where a mapping holds it.
    pub fn is_lent(&self) -> bool {
        matches!(self.0, Repr::Lasting(_))
    }

    /// Runs `f` with the text deserialised from `bytes` on this thread
    /// read where it lies, rather than copied (none, for no bytes).
    pub fn lending<T>(bytes: &'static [u8], f: impl FnOnce() -> T) -> T {
        struct Reset((usize, usize));
        impl Drop for Reset {
            fn drop(&mut self) {
                LENT.set(self.0);
            }
        }
        let start = bytes.as_ptr() as usize;
        let _reset = Reset(LENT.replace((start, start + bytes.len())));
        f()
    }

    /// `s`, lent when it lies within the bytes `lending` gives this
    /// thread, else copied.
    fn read(s: &str) -> Str {
        let (start, end) = LENT.get();
        let at = s.as_ptr() as usize;
        if start <= at && at + s.len() <= end && start < end {
            // SAFETY: `lending` takes only bytes that last as long as the
            // process, and `s` lies within them.
            let lasting = unsafe { &*std::ptr::from_ref::<str>(s) };
            Str(Repr::Lasting(lasting))
        } else {
            Str::from(s)
        }
    }
}

impl Default for Str {
    fn default() -> Str {
        Str(Repr::Owned(Box::default()))
    }
}

impl Deref for Str {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Str {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str(Repr::Owned(s.into()))
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str(Repr::Owned(s.into_boxed_str()))
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Str> for str {
    fn eq(&self, other: &Str) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str> for &str {
    fn eq(&self, other: &Str) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<String> for Str {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialOrd for Str {
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Str {
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Str {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl serde::Serialize for Str {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

/// Archived as a `String` is, so an entry's layout is the same.
impl Archive for Str {
    type Archived = ArchivedString;
    type Resolver = StringResolver;

    fn resolve(&self, resolver: StringResolver, out: Place<ArchivedString>) {
        ArchivedString::resolve_from_str(self, resolver, out);
    }
}

impl<S: Fallible + ?Sized> Serialize<S> for Str
where
    S::Error: Source,
    str: SerializeUnsized<S>,
{
    fn serialize(&self, serializer: &mut S) -> Result<StringResolver, S::Error> {
        ArchivedString::serialize_from_str(self, serializer)
    }
}

impl<D: Fallible + ?Sized> Deserialize<Str, D> for ArchivedString {
    fn deserialize(&self, _: &mut D) -> Result<Str, D::Error> {
        Ok(Str::read(self.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::Str;

    #[test]
    fn text_is_lent_only_from_the_bytes_lent_and_only_while_they_are() {
        let bytes: &'static [u8] = b"within the mapping";
        let inside = std::str::from_utf8(&bytes[7..10]).unwrap();
        let outside = String::from("the");
        let (lent, copied) = Str::lending(bytes, || (Str::read(inside), Str::read(&outside)));
        assert!(lent.is_lent() && !copied.is_lent());
        assert_eq!((lent.as_str(), copied.as_str()), ("the", "the"));
        assert_eq!(lent, copied);
        assert!(!Str::read(inside).is_lent(), "lent after lending ended");
    }

    #[test]
    fn lending_ends_even_when_what_it_runs_panics() {
        let bytes: &'static [u8] = b"abc";
        let inside = std::str::from_utf8(bytes).unwrap();
        let _ = std::panic::catch_unwind(|| Str::lending(bytes, || panic!("in the middle")));
        assert!(!Str::read(inside).is_lent());
    }
}
