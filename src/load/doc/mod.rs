//! A timeline file's TOML document as a small tree of spanned values, and
//! the one interface through which the loader gets it.
//!
//! Two builders make the tree. `fast` (in `fast.rs`) reads the parser's
//! events straight into it for the shapes a timeline file is written in:
//! `[table]` and `[[array]]` headers, plain keys, values of any kind.
//! Whatever else it meets — a syntax error, a dotted key, a key given
//! twice, a header that reopens a table — makes it give up and return
//! `None`, and the file is parsed again by `general`, which takes toml's
//! own document (with its exact error messages) and converts it. Both give
//! the same tree for any file `fast` accepts; toml's document is the
//! oracle: `load/tests.rs` compares the two on every fixture, and the fuzz
//! target on arbitrary input. Skipping toml's document on the common path
//! is what keeps a load close to the cost of the parse alone.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

mod fast;

pub use fast::{Buffers, fast};

/// A table with more entries than this finds its keys through a hash
/// index rather than a scan, so ten thousand `[actors.x]` headers stay
/// linear.
const SCAN_LIMIT: usize = 16;

#[derive(Debug, Clone, PartialEq)]
pub struct Key<'i> {
    pub name: Cow<'i, str>,
    pub span: Range<usize>,
}

#[derive(Debug, PartialEq)]
pub struct Node<'i> {
    pub span: Range<usize>,
    pub value: Value<'i>,
}

#[derive(Debug, PartialEq)]
pub enum Value<'i> {
    String(Cow<'i, str>),
    /// The digits as toml decodes them, and their base.
    Integer {
        digits: Cow<'i, str>,
        radix: u32,
    },
    Float,
    Boolean(bool),
    Datetime(Datetime),
    Array(Array<'i>),
    Table(Table<'i>),
}

impl Value<'_> {
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer { .. } => "integer",
            Value::Float => "float",
            Value::Boolean(_) => "boolean",
            Value::Datetime(_) => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }
}

#[derive(Debug, Default)]
pub struct Table<'i> {
    entries: Vec<(Key<'i>, Node<'i>)>,
    /// Each key's position, once the table has more than `SCAN_LIMIT`.
    index: Option<HashMap<Cow<'i, str>, usize>>,
    /// Written as `{ … }`: closed once written, so no header may add to it.
    inline: bool,
}

/// Equal when the entries are, whatever the builder's bookkeeping.
impl PartialEq for Table<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

/// How many tables and arrays deep a drop may recurse before it goes on
/// with a list instead. Both builders refuse nesting deeper than 80, so a
/// tree from a file never gets there; the bound makes freeing any tree,
/// however it was built, unable to grow the stack with its depth.
const RECURSIVE_DROP: u32 = 128;

thread_local! {
    /// Tables and arrays being dropped on this thread, one inside another.
    static DROPPING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Whether a drop at this depth may recurse; if so, the depth is counted
/// until `leave`.
fn enter() -> bool {
    let depth = DROPPING.get();
    if depth >= RECURSIVE_DROP {
        return false;
    }
    DROPPING.set(depth + 1);
    true
}

fn leave() {
    DROPPING.set(DROPPING.get().saturating_sub(1));
}

/// Frees `pending` and everything under it from a list, without recursion.
fn free_flat(mut pending: Vec<Node<'_>>) {
    while let Some(mut node) = pending.pop() {
        match &mut node.value {
            Value::Table(t) => pending.extend(t.entries.drain(..).map(|(_, n)| n)),
            Value::Array(a) => pending.append(&mut a.items),
            _ => {}
        }
    }
}

/// A table frees its entries as the compiler would (no copy, no
/// allocation) while the tree is shallow, and from a list beyond
/// `RECURSIVE_DROP` levels, so the stack stays flat whatever the depth.
impl Drop for Table<'_> {
    fn drop(&mut self) {
        let entries = std::mem::take(&mut self.entries);
        if enter() {
            drop(entries);
            leave();
        } else {
            free_flat(entries.into_iter().map(|(_, n)| n).collect());
        }
    }
}

/// An array frees its items as a table frees its entries.
impl Drop for Array<'_> {
    fn drop(&mut self) {
        let items = std::mem::take(&mut self.items);
        if enter() {
            drop(items);
            leave();
        } else {
            free_flat(items);
        }
    }
}

impl<'i> Table<'i> {
    pub fn iter(&self) -> impl Iterator<Item = &(Key<'i>, Node<'i>)> {
        self.entries.iter()
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when `events`, if there, was made by `[[events]]` headers, so
    /// that a later piece's `[[events]]` would have added to it.
    pub fn events_by_header(&self) -> bool {
        self.entries.iter().all(|(k, node)| {
            k.name != "events" || matches!(&node.value, Value::Array(a) if a.of_tables)
        })
    }

    fn with_capacity(n: usize) -> Self {
        Table {
            entries: Vec::with_capacity(n),
            index: None,
            inline: false,
        }
    }

    /// The entry with this name.
    fn find(&self, name: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(name).copied(),
            None => self.entries.iter().position(|(k, _)| k.name == name),
        }
    }

    /// Adds an entry; `None` when the key is already there.
    fn insert(&mut self, key: Key<'i>, node: Node<'i>) -> Option<usize> {
        if self.find(&key.name).is_some() {
            return None;
        }
        let at = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.name.clone(), at);
        } else if at == SCAN_LIMIT {
            let mut index: HashMap<Cow<'i, str>, usize> = HashMap::with_capacity(2 * SCAN_LIMIT);
            for (i, (k, _)) in self.entries.iter().enumerate() {
                index.insert(k.name.clone(), i);
            }
            index.insert(key.name.clone(), at);
            self.index = Some(index);
        }
        self.entries.push((key, node));
        Some(at)
    }

    /// Sorts entries by name, recursively: toml keeps a table's keys
    /// sorted, a file keeps them in the order written.
    #[cfg(test)]
    pub fn sort(&mut self) {
        self.entries.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        self.index = None;
        for (_, node) in &mut self.entries {
            node.sort();
        }
    }
}

#[derive(Debug, Default)]
pub struct Array<'i> {
    pub items: Vec<Node<'i>>,
    /// Made by `[[header]]`s, which may add to it; `[ … ]` is closed.
    of_tables: bool,
}

impl PartialEq for Array<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<'i> Node<'i> {
    #[cfg(test)]
    fn sort(&mut self) {
        match &mut self.value {
            Value::Table(t) => t.sort(),
            Value::Array(a) => a.items.iter_mut().for_each(Node::sort),
            _ => {}
        }
    }

    /// The table this node holds, or the last table of an array of tables:
    /// where a header's path leads through it.
    fn header_target(&mut self) -> Option<&mut Table<'i>> {
        match &mut self.value {
            Value::Table(t) if !t.inline => Some(t),
            Value::Array(a) if a.of_tables => match &mut a.items.last_mut()?.value {
                Value::Table(t) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The tree toml's own parser gives, with its errors; the general path.
pub fn general(text: &str) -> (Table<'_>, Vec<toml::de::Error>) {
    let (doc, errors) = DeTable::parse_recoverable(text);
    (from_de_table(doc.into_inner()), errors)
}

fn from_de_table(t: DeTable<'_>) -> Table<'_> {
    let mut table = Table::default();
    for (k, v) in t {
        let key = Key {
            span: k.span(),
            name: k.into_inner(),
        };
        // toml has refused every duplicate key already.
        table.insert(key, from_de_value(v));
    }
    table
}

fn from_de_value(v: toml::Spanned<DeValue<'_>>) -> Node<'_> {
    let span = v.span();
    let value = match v.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer {
            digits: Cow::Owned(i.as_str().to_owned()),
            radix: i.radix(),
        },
        DeValue::Float(_) => Value::Float,
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(a) => Value::Array(Array {
            items: a.into_iter().map(from_de_value).collect(),
            of_tables: false,
        }),
        DeValue::Table(t) => Value::Table(from_de_table(t)),
    };
    Node { span, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> Table<'static> {
        let mut t = Table::default();
        for _ in 0..depth {
            let mut outer = Table::default();
            let inner = Array {
                items: vec![Node {
                    span: 0..0,
                    value: Value::Table(t),
                }],
                of_tables: true,
            };
            outer.entries.push((
                Key {
                    name: Cow::Borrowed("a"),
                    span: 0..0,
                },
                Node {
                    span: 0..0,
                    value: Value::Array(inner),
                },
            ));
            t = outer;
        }
        t
    }

    /// However deep a tree is, freeing it never overflows the stack; a
    /// shallow one is freed by plain recursion and leaves the count at zero.
    #[test]
    fn a_million_levels_free_without_recursion() {
        drop(nested(1_000_000));
        drop(nested(3));
        assert_eq!(DROPPING.get(), 0);
    }
}
