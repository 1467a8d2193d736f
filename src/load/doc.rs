//! A timeline file's TOML document as a small tree of spanned values.
//!
//! Two builders make it. `fast` reads the parser's events straight into the
//! tree for the shapes a timeline file is written in: `[table]` and
//! `[[array]]` headers, plain keys, values of any kind. Whatever else it
//! meets — a syntax error, a dotted key, a key given twice, a header that
//! reopens a table — makes it give up and return `None`, and the file is
//! parsed again by `general`, which takes toml's own document (with its
//! exact error messages) and converts it. Both give the same tree for any
//! file `fast` accepts; `tests.rs` checks that on every fixture, and the
//! fuzz target on arbitrary input. Skipping toml's document on the common
//! path is what keeps a load close to the cost of the parse alone.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;
use toml_parser::decoder::ScalarKind;
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source};

/// Nesting deeper than this is refused, as toml refuses it.
const MAX_DEPTH: u32 = 80;

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
    Boolean,
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
            Value::Boolean => "boolean",
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

/// Dropped without recursion: however a tree was built, freeing it never
/// grows the stack with its depth.
impl Drop for Table<'_> {
    fn drop(&mut self) {
        let mut pending: Vec<Node<'_>> = Vec::new();
        pending.extend(self.entries.drain(..).map(|(_, node)| node));
        while let Some(mut node) = pending.pop() {
            match &mut node.value {
                Value::Table(t) => pending.extend(t.entries.drain(..).map(|(_, n)| n)),
                Value::Array(a) => pending.append(&mut a.items),
                _ => {}
            }
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
        DeValue::Boolean(_) => Value::Boolean,
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(a) => Value::Array(Array {
            items: a.into_iter().map(from_de_value).collect(),
            of_tables: false,
        }),
        DeValue::Table(t) => Value::Table(from_de_table(t)),
    };
    Node { span, value }
}

/// The token and event buffers one thread reuses from piece to piece, so
/// a large file is not lexed into freshly mapped memory.
#[derive(Default)]
pub struct Buffers {
    tokens: Vec<Token>,
    events: Vec<Event>,
}

/// The tree read straight from the parser's events, or `None` when the
/// text needs the general path. `text` starts `offset` bytes into its file;
/// spans count from the start of the file.
pub fn fast<'i>(text: &'i str, offset: usize, buffers: &mut Buffers) -> Option<Table<'i>> {
    let source = Source::new(text);
    let Buffers { tokens, events } = buffers;
    tokens.clear();
    tokens.extend(source.lex());
    events.clear();
    let mut error: Option<ParseError> = None;
    {
        let mut whitespace = ValidateWhitespace::new(events, source);
        let mut guard = RecursionGuard::new(&mut whitespace, MAX_DEPTH);
        toml_parser::parser::parse_document(tokens, &mut guard, &mut error);
    }
    if error.is_some() {
        return None;
    }
    let mut builder = Builder {
        source,
        offset,
        events,
        at: 0,
        root: Table::default(),
        current: Vec::new(),
        keys: Vec::new(),
        sizes: HashMap::new(),
        header_was_array: false,
    };
    builder.document()?;
    Some(std::mem::take(&mut builder.root))
}

/// Where a large file may be cut into pieces that parse on their own: the
/// start of each line that opens an `[[events]]` table, once at least
/// `size` bytes have passed since the last cut. A cut that falls inside a
/// multi-line string or array leaves the piece before it unterminated,
/// which its parse reports, and the file then takes the general path.
pub fn pieces(text: &str, size: usize) -> Vec<Range<usize>> {
    const HEADER: &[u8] = b"\n[[events]]";
    let mut out = Vec::new();
    let mut start: usize = 0;
    while let Some(found) = text
        .as_bytes()
        .get(start.saturating_add(size)..)
        .and_then(|rest| memchr::memmem::find(rest, HEADER))
    {
        let cut = start.saturating_add(size) + found + 1;
        out.push(start..cut);
        start = cut;
    }
    out.push(start..text.len());
    out
}

struct Builder<'e, 'i> {
    source: Source<'i>,
    offset: usize,
    events: &'e [Event],
    at: usize,
    root: Table<'i>,
    /// The entries leading from the root to the table key-values go into.
    current: Vec<usize>,
    /// The keys of the header being read, kept to spare an allocation.
    keys: Vec<Key<'i>>,
    /// How many entries the last table opened by each kind of header held
    /// (see `size_key`): the next one is made that size, not grown to it.
    sizes: HashMap<Cow<'i, str>, usize>,
    /// The last header was `[[…]]`.
    header_was_array: bool,
}

/// Which tables are alike in size: those of one array of tables share its
/// name (`[[events]]`, `[[events.sources]]`); tables under one parent share
/// the parent's (`[actors.ttp]`, `[actors.tlp]`). A timeline file has few
/// kinds, and a map keeps the lookup constant when a hostile one has many.
fn size_key<'i>(keys: &[Key<'i>], array: bool) -> Option<Cow<'i, str>> {
    let (last, parents) = keys.split_last()?;
    match (array, parents.last()) {
        (false, Some(parent)) => Some(parent.name.clone()),
        _ => Some(last.name.clone()),
    }
}

impl<'i> Builder<'_, 'i> {
    fn document(&mut self) -> Option<()> {
        while let Some(event) = self.next_significant(true) {
            match event.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => self.header(event)?,
                EventKind::SimpleKey => {
                    let (key, node) = self.key_value(event, 0)?;
                    self.current_table()?.insert(key, node)?;
                }
                _ => return None,
            }
        }
        Some(())
    }

    /// The next event that is not whitespace (nor a comment or newline,
    /// when `lines` is set).
    fn next_significant(&mut self, lines: bool) -> Option<Event> {
        while let Some(&event) = self.events.get(self.at) {
            self.at += 1;
            match event.kind() {
                EventKind::Whitespace => {}
                EventKind::Comment | EventKind::Newline if lines => {}
                _ => return Some(event),
            }
        }
        None
    }

    fn key(&self, event: Event) -> Option<Key<'i>> {
        let raw = self.source.get(event)?;
        let mut name = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        raw.decode_key(&mut name, &mut error);
        error.is_none().then(|| Key {
            name,
            span: self.span(event, event),
        })
    }

    /// The table key-values go into now.
    fn current_table(&mut self) -> Option<&mut Table<'i>> {
        let mut table = &mut self.root;
        for &i in &self.current {
            table = table.entries.get_mut(i)?.1.header_target()?;
        }
        Some(table)
    }

    /// `[a.b]` or `[[a.b]]`: finds or makes the table it names.
    fn header(&mut self, open: Event) -> Option<()> {
        let array = open.kind() == EventKind::ArrayTableOpen;
        if let Some(kind) = size_key(&self.keys, self.header_was_array) {
            let filled = self.current_table()?.entries.len();
            self.sizes.insert(kind, filled);
        }
        let mut keys = std::mem::take(&mut self.keys);
        keys.clear();
        let close = loop {
            let event = self.next_significant(false)?;
            match event.kind() {
                EventKind::SimpleKey => {
                    // A path deeper than any value may nest gives up, as a
                    // nested value would; toml's own parser then reports it.
                    if keys.len() as u32 >= MAX_DEPTH {
                        return None;
                    }
                    keys.push(self.key(event)?)
                }
                EventKind::KeySep => {}
                EventKind::StdTableClose | EventKind::ArrayTableClose => break event,
                _ => return None,
            }
        };
        let span = self.span(open, close);
        let (last, parents) = keys.split_last()?;
        let size = size_key(&keys, array)
            .and_then(|kind| self.sizes.get(&kind).copied())
            .unwrap_or(0);
        let mut path = std::mem::take(&mut self.current);
        path.clear();
        let mut table = &mut self.root;
        for key in parents {
            let i = match table.find(&key.name) {
                Some(i) => i,
                None => {
                    // A parent named only on the way to a deeper header.
                    let node = Node {
                        span: key.span.clone(),
                        value: Value::Table(Table::default()),
                    };
                    table.insert(key.clone(), node)?
                }
            };
            path.push(i);
            table = table.entries.get_mut(i)?.1.header_target()?;
        }
        let opened = Node {
            span: span.clone(),
            value: Value::Table(Table::with_capacity(size)),
        };
        let i = match (array, table.find(&last.name)) {
            (false, None) => table.insert(last.clone(), opened)?,
            (false, Some(_)) => return None,
            (true, None) => {
                let items = Array {
                    items: vec![opened],
                    of_tables: true,
                };
                let node = Node {
                    span,
                    value: Value::Array(items),
                };
                table.insert(last.clone(), node)?
            }
            (true, Some(i)) => {
                match &mut table.entries.get_mut(i)?.1.value {
                    Value::Array(a) if a.of_tables => a.items.push(opened),
                    _ => return None,
                }
                i
            }
        };
        path.push(i);
        self.current = path;
        self.keys = keys;
        self.header_was_array = array;
        Some(())
    }

    /// `key = value`, from its key onwards; a dotted key gives up.
    fn key_value(&mut self, first: Event, depth: u32) -> Option<(Key<'i>, Node<'i>)> {
        let key = self.key(first)?;
        if self.next_significant(false)?.kind() != EventKind::KeyValSep {
            return None;
        }
        let value = self.next_significant(false)?;
        Some((key, self.value(value, depth)?))
    }

    fn value(&mut self, event: Event, depth: u32) -> Option<Node<'i>> {
        if depth >= MAX_DEPTH {
            return None;
        }
        match event.kind() {
            EventKind::Scalar => self.scalar(event),
            EventKind::ArrayOpen => {
                let mut items = Vec::new();
                let close = loop {
                    let next = self.next_significant(true)?;
                    if next.kind() == EventKind::ArrayClose {
                        break next;
                    }
                    items.push(self.value(next, depth + 1)?);
                    let after = self.next_significant(true)?;
                    match after.kind() {
                        EventKind::ValueSep => {}
                        EventKind::ArrayClose => break after,
                        _ => return None,
                    }
                };
                let value = Value::Array(Array {
                    items,
                    of_tables: false,
                });
                Some(Node {
                    span: self.span(event, close),
                    value,
                })
            }
            EventKind::InlineTableOpen => {
                let mut table = Table::default();
                table.inline = true;
                let close = loop {
                    let next = self.next_significant(true)?;
                    match next.kind() {
                        EventKind::InlineTableClose => break next,
                        EventKind::SimpleKey => {
                            let (key, node) = self.key_value(next, depth + 1)?;
                            table.insert(key, node)?;
                        }
                        _ => return None,
                    }
                    let after = self.next_significant(true)?;
                    match after.kind() {
                        EventKind::ValueSep => {}
                        EventKind::InlineTableClose => break after,
                        _ => return None,
                    }
                };
                Some(Node {
                    span: self.span(event, close),
                    value: Value::Table(table),
                })
            }
            _ => None,
        }
    }

    fn scalar(&self, event: Event) -> Option<Node<'i>> {
        let raw = self.source.get(event)?;
        let mut text = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut text, &mut error);
        if error.is_some() {
            return None;
        }
        let value = match kind {
            ScalarKind::String => Value::String(text),
            ScalarKind::Boolean(_) => Value::Boolean,
            ScalarKind::DateTime => Value::Datetime(text.parse().ok()?),
            ScalarKind::Float => Value::Float,
            ScalarKind::Integer(radix) => Value::Integer {
                digits: text,
                radix: radix.value(),
            },
        };
        Some(Node {
            span: self.span(event, event),
            value,
        })
    }

    /// From the start of `first` to the end of `last`, in the whole file.
    fn span(&self, first: Event, last: Event) -> Range<usize> {
        self.offset + first.span().start()..self.offset + last.span().end()
    }
}
