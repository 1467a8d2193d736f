//! The fast builder: the parser's events read straight into the tree, for
//! the shapes a timeline file is written in, or `None` for the general path.

use std::borrow::Cow;
use std::collections::HashMap;

use std::ops::Range;
use toml_parser::decoder::ScalarKind;
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ParseError, Source};

use super::{Array, Key, Node, Table, Value};

/// Nesting deeper than this is refused, as toml refuses it.
const MAX_DEPTH: u32 = 80;

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
    let mut reader = Reader {
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
    reader.document()?;
    Some(std::mem::take(&mut reader.root))
}

struct Reader<'e, 'i> {
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

impl<'i> Reader<'_, 'i> {
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
            ScalarKind::Boolean(b) => Value::Boolean(b),
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
