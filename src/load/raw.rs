//! Stage one of loading: a file's document tree → raw, spanned records.
//!
//! Walks the spanned tree `doc` gives for one file by hand rather than through
//! serde derive, so that every problem in the file — wrong types, unknown
//! fields, bad dates, grades and stances — is reported in one pass with its
//! exact span, instead of stopping at the first. References between records
//! are checked later, in `resolve`, once every file is read.

use std::borrow::Cow;
use std::ops::Range;

use super::diagnostic::{Diagnostic, FileId, SourceFile};
use super::doc::{Key, Node, Table, Value};
use super::suggest::did_you_mean;
use crate::model::{ActorKind, EventDate, Grade, Qualifier, Stance};
use crate::text::{one_line, sanitize};

/// A value with the place it came from.
#[derive(Debug, Clone)]
pub struct Sp<T> {
    pub value: T,
    pub file: FileId,
    pub span: Range<usize>,
}

/// The records of one or more files. References to other records borrow
/// the file's text where they can: they become indices once resolved, so
/// copying them would only be undone.
#[derive(Debug, Default)]
pub struct RawTimeline<'a> {
    pub meta: Vec<RawMeta>,
    pub actors: Vec<RawActor<'a>>,
    pub events: Vec<RawEvent<'a>>,
    pub tours: Vec<RawTour<'a>>,
}

/// A reference to another record (or a tag), with its place.
pub type Ref<'a> = Sp<Cow<'a, str>>;

#[derive(Debug)]
pub struct RawMeta {
    pub at: Sp<()>,
    pub title: Option<String>,
    pub summary: String,
    pub coverage: Option<(Sp<EventDate>, Sp<EventDate>)>,
}

#[derive(Debug)]
pub struct RawActor<'a> {
    pub id: Sp<String>,
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    pub summary: String,
    pub links: Vec<Ref<'a>>,
}

#[derive(Debug)]
pub struct RawEvent<'a> {
    pub id: Sp<String>,
    /// Where the event's id is written, as `file:line:column`.
    pub origin: String,
    pub date: Option<Sp<EventDate>>,
    pub end: Option<Sp<EventDate>>,
    pub title: String,
    pub summary: String,
    pub details: String,
    pub editor_note: String,
    pub actors: Vec<Ref<'a>>,
    pub location: String,
    pub tags: Vec<Cow<'a, str>>,
    pub figures: Vec<(String, u64)>,
    pub related: Vec<Ref<'a>>,
    pub claims: Vec<RawClaim<'a>>,
    pub sources: Vec<RawSource>,
}

#[derive(Debug)]
pub struct RawClaim<'a> {
    pub by: Ref<'a>,
    pub stance: Stance,
    pub text: String,
}

#[derive(Debug)]
pub struct RawSource {
    pub publisher: String,
    pub title: String,
    pub date: Option<EventDate>,
    pub url: Option<String>,
    pub grade: Option<Grade>,
}

#[derive(Debug)]
pub struct RawTour<'a> {
    pub id: Sp<String>,
    pub title: String,
    pub summary: String,
    pub steps: Vec<(Ref<'a>, String)>,
}

/// The fields each table accepts, in the order FORMAT.md documents them.
pub const TOP_FIELDS: &[&str] = &["timeline", "actors", "events", "tours"];
pub const TIMELINE_FIELDS: &[&str] = &["title", "summary", "coverage"];
pub const COVERAGE_FIELDS: &[&str] = &["from", "to"];
pub const ACTOR_FIELDS: &[&str] = &["name", "short", "aliases", "kind", "summary", "links"];
pub const EVENT_FIELDS: &[&str] = &[
    "id",
    "date",
    "end",
    "title",
    "summary",
    "details",
    "actors",
    "location",
    "tags",
    "figures",
    "related",
    "claims",
    "sources",
    "editor_note",
];
pub const CLAIM_FIELDS: &[&str] = &["by", "stance", "text"];
pub const SOURCE_FIELDS: &[&str] = &["publisher", "title", "date", "url", "grade"];
pub const TOUR_FIELDS: &[&str] = &["id", "title", "summary", "steps"];
pub const STEP_FIELDS: &[&str] = &["event", "note"];

/// A table with the span it was written at.
#[derive(Clone, Copy)]
struct Tab<'v, 'i> {
    span: &'v Range<usize>,
    table: &'v Table<'i>,
}

impl<'v, 'i> Tab<'v, 'i> {
    fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// Walks one file's document into `out`, pushing every problem onto `diags`.
pub struct Walker<'w, 'a> {
    file: FileId,
    source: &'a SourceFile,
    /// The file's name as an event's origin shows it.
    name: String,
    diags: &'w mut Vec<Diagnostic>,
    /// The offset and line of the last event's origin, to count on from.
    last_origin: Option<(usize, usize)>,
}

impl<'w, 'a> Walker<'w, 'a> {
    pub fn new(file: FileId, source: &'a SourceFile, diags: &'w mut Vec<Diagnostic>) -> Self {
        Walker {
            file,
            source,
            name: one_line(&source.name),
            diags,
            last_origin: None,
        }
    }

    /// `file:line:column` of an offset; events come in file order, so the
    /// line is counted on from the previous event's.
    fn origin(&mut self, offset: usize) -> String {
        let (line, col) = match self.last_origin {
            Some(from) => self.source.location_after(from, offset),
            None => self.source.location(offset),
        };
        self.last_origin = Some((offset, line));
        format!("{}:{line}:{col}", self.name)
    }

    pub fn document(&mut self, doc: &Table<'a>, out: &mut RawTimeline<'a>) {
        for (key, value) in doc.iter() {
            match key.name.as_ref() {
                "timeline" => {
                    if let Some(t) = self.table(value, "the [timeline] table") {
                        out.meta.push(self.meta(key, &t));
                    }
                }
                "actors" => {
                    if let Some(t) = self.table(value, "[actors], a table of actor tables") {
                        for (id, actor) in t.table.iter() {
                            if let Some(a) = self.actor(id, actor) {
                                out.actors.push(a);
                            }
                        }
                    }
                }
                "events" => {
                    for item in self.array_of_tables(value, "[[events]]") {
                        if let Some(e) = self.event(item) {
                            out.events.push(e);
                        }
                    }
                }
                "tours" => {
                    for item in self.array_of_tables(value, "[[tours]]") {
                        if let Some(t) = self.tour(item) {
                            out.tours.push(t);
                        }
                    }
                }
                other => self.unknown_field(key, other, TOP_FIELDS, "a timeline file"),
            }
        }
    }

    fn meta(&mut self, key: &Key<'_>, t: &Tab<'_, '_>) -> RawMeta {
        let mut meta = RawMeta {
            at: self.sp(&key.span, ()),
            title: None,
            summary: String::new(),
            coverage: None,
        };
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "title" => meta.title = self.line(v),
                "summary" => meta.summary = self.text(v).unwrap_or_default(),
                "coverage" => {
                    let Some(c) = self.table(
                        v,
                        "an inline table such as { from = \"2007\", to = \"2024\" }",
                    ) else {
                        continue;
                    };
                    let (mut from, mut to) = (None, None);
                    for (ck, cv) in c.table.iter() {
                        match ck.name.as_ref() {
                            "from" => from = self.date(cv),
                            "to" => to = self.date(cv),
                            other => self.unknown_field(ck, other, COVERAGE_FIELDS, "coverage"),
                        }
                    }
                    match (from, to) {
                        (Some(f), Some(t)) => {
                            if t.value.last_day() < f.value.first_day() {
                                self.push(
                                    Diagnostic::error(
                                        "end-before-start",
                                        "coverage ends before it starts",
                                    )
                                    .at(
                                        t.file,
                                        t.span.clone(),
                                        format!("{} is before {}", t.value, f.value),
                                    )
                                    .hint("swap `from` and `to`"),
                                );
                            } else {
                                // A backwards coverage would put every event outside it.
                                meta.coverage = Some((f, t));
                            }
                        }
                        _ => self.push(
                            Diagnostic::error(
                                "missing-field",
                                "coverage needs both `from` and `to`",
                            )
                            .at(self.file, v.span.clone(), "incomplete coverage")
                            .hint("write coverage = { from = \"2007\", to = \"2024\" }"),
                        ),
                    }
                }
                other => self.unknown_field(k, other, TIMELINE_FIELDS, "[timeline]"),
            }
        }
        if meta.title.is_none() {
            self.missing(
                key.span.clone(),
                "title",
                "[timeline]",
                "title = \"Pakistan, Afghanistan and the TTP\"",
            );
        }
        meta
    }

    fn actor(&mut self, key: &Key<'_>, value: &Node<'a>) -> Option<RawActor<'a>> {
        let id = self.slug_key(key, "actor")?;
        let t = self.table(value, "an actor table such as [actors.ttp]")?;
        let (mut name, mut short, mut aliases, mut kind, mut summary, mut links) =
            (None, None, Vec::new(), None, None, Vec::new());
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "name" => name = self.line(v),
                "short" => short = self.line(v),
                "aliases" => {
                    aliases = self
                        .refs(v)
                        .into_iter()
                        .map(|s| one_line(&s.value))
                        .collect()
                }
                "kind" => {
                    kind = self.choice(
                        v,
                        "actor kind",
                        &ActorKind::ALL.map(ActorKind::as_str),
                        ActorKind::parse,
                    )
                }
                "summary" => summary = self.text(v),
                "links" => links = self.refs(v),
                other => self.unknown_field(k, other, ACTOR_FIELDS, "an actor"),
            }
        }
        let at = key.span.clone();
        if name.is_none() {
            self.missing(
                at.clone(),
                "name",
                "actor",
                "name = \"Tehrik-i-Taliban Pakistan\"",
            );
        }
        if kind.is_none() && !t.table.contains_key("kind") {
            self.missing(at.clone(), "kind", "actor", "kind = \"armed-group\"");
        }
        if summary.is_none() && !t.table.contains_key("summary") {
            self.missing(
                at,
                "summary",
                "actor",
                "summary = \"One paragraph on who this is.\"",
            );
        }
        Some(RawActor {
            name: name.unwrap_or_else(|| id.value.clone()),
            id,
            short,
            aliases,
            kind: kind.unwrap_or(ActorKind::Other),
            summary: summary.unwrap_or_default(),
            links,
        })
    }

    fn event(&mut self, t: Tab<'_, 'a>) -> Option<RawEvent<'a>> {
        let mut e = RawEvent {
            id: Sp {
                value: String::new(),
                file: self.file,
                span: t.span(),
            },
            origin: String::new(),
            date: None,
            end: None,
            title: String::new(),
            summary: String::new(),
            details: String::new(),
            editor_note: String::new(),
            actors: Vec::new(),
            location: String::new(),
            tags: Vec::new(),
            figures: Vec::new(),
            related: Vec::new(),
            claims: Vec::new(),
            sources: Vec::new(),
        };
        let mut seen = Vec::new();
        for (k, v) in t.table.iter() {
            let name = k.name.as_ref();
            seen.push(name);
            match name {
                "id" => {
                    if let Some(id) = self.slug(v, "event") {
                        e.id = id;
                    }
                }
                "date" => e.date = self.date(v),
                "end" => e.end = self.date(v),
                "title" => e.title = self.line(v).unwrap_or_default(),
                "summary" => e.summary = self.text(v).unwrap_or_default(),
                "details" => e.details = self.text(v).unwrap_or_default(),
                "editor_note" => e.editor_note = self.text(v).unwrap_or_default(),
                "actors" => e.actors = self.refs(v),
                "location" => e.location = self.line(v).unwrap_or_default(),
                "tags" => {
                    e.tags = self
                        .refs(v)
                        .into_iter()
                        .filter_map(|s| self.check_slug(s, "tag"))
                        .map(|s| s.value)
                        .collect()
                }
                "figures" => e.figures = self.figures(v),
                "related" => e.related = self.refs(v),
                "claims" => {
                    for c in self.array_of_tables(v, "[[events.claims]]") {
                        e.claims.extend(self.claim(c));
                    }
                }
                "sources" => {
                    for s in self.array_of_tables(v, "[[events.sources]]") {
                        e.sources.extend(self.source(s));
                    }
                }
                other => self.unknown_field(k, other, EVENT_FIELDS, "an event"),
            }
        }
        let at = t.span();
        let required = [
            ("id", "id = \"2014-12-aps-peshawar\""),
            ("date", "date = \"2014-12-16\""),
            ("title", "title = \"What happened, in one line\""),
            ("summary", "summary = \"One or two sentences.\""),
        ];
        for (field, example) in required {
            if !seen.contains(&field) {
                self.missing(at.clone(), field, "event", example);
            }
        }
        if let (Some(d), Some(end)) = (&e.date, &e.end)
            && end.value.last_day() < d.value.first_day()
        {
            self.push(
                Diagnostic::error(
                    "end-before-date",
                    format!("event ends ({}) before it starts ({})", end.value, d.value),
                )
                .at(end.file, end.span.clone(), "`end` is before `date`")
                .also(d.file, d.span.clone(), "the event starts here")
                .hint("`end` must be on or after `date`; swap them or fix the typo"),
            );
        }
        if e.id.value.is_empty() {
            return None;
        }
        e.origin = self.origin(e.id.span.start);
        Some(e)
    }

    fn claim(&mut self, t: Tab<'_, 'a>) -> Option<RawClaim<'a>> {
        let (mut by, mut stance, mut text) = (None, None, None);
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "by" => by = self.reference(v),
                "stance" => {
                    stance =
                        self.choice(v, "stance", &Stance::ALL.map(Stance::as_str), Stance::parse)
                }
                "text" => text = self.text(v),
                other => self.unknown_field(k, other, CLAIM_FIELDS, "a claim"),
            }
        }
        let keys = t.table;
        for (field, example) in [
            ("by", "by = \"pakistan-government\""),
            ("stance", "stance = \"asserts\""),
            ("text", "text = \"What they said.\""),
        ] {
            if !keys.contains_key(field) {
                self.missing(t.span(), field, "claim", example);
            }
        }
        Some(RawClaim {
            by: by?,
            stance: stance?,
            text: text?,
        })
    }

    fn source(&mut self, t: Tab<'_, '_>) -> Option<RawSource> {
        let mut s = RawSource {
            publisher: String::new(),
            title: String::new(),
            date: None,
            url: None,
            grade: None,
        };
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "publisher" => s.publisher = self.line(v).unwrap_or_default(),
                "title" => s.title = self.line(v).unwrap_or_default(),
                "date" => s.date = self.date(v).map(|d| d.value),
                "url" => s.url = self.line(v),
                "grade" => {
                    if let Some(g) = self.string(v) {
                        s.grade = Grade::parse(&g.value);
                        if s.grade.is_none() {
                            self.push(
                                Diagnostic::error("bad-grade", format!("\"{}\" is not an Admiralty grade", g.value))
                                    .at(g.file, g.span, "expected a letter A–F then a digit 1–6")
                                    .hint("e.g. grade = \"B2\": usually reliable source, information probably true"),
                            );
                        }
                    }
                }
                other => self.unknown_field(k, other, SOURCE_FIELDS, "a source"),
            }
        }
        let keys = t.table;
        for (field, example) in [
            ("publisher", "publisher = \"Dawn\""),
            ("title", "title = \"Headline of the report\""),
        ] {
            if !keys.contains_key(field) {
                self.missing(t.span(), field, "source", example);
            }
        }
        Some(s)
    }

    fn tour(&mut self, t: Tab<'_, 'a>) -> Option<RawTour<'a>> {
        let (mut id, mut title, mut summary, mut steps) = (None, None, String::new(), Vec::new());
        for (k, v) in t.table.iter() {
            match k.name.as_ref() {
                "id" => id = self.slug(v, "tour"),
                "title" => title = self.line(v),
                "summary" => summary = self.text(v).unwrap_or_default(),
                "steps" => {
                    for step in
                        self.array_of_tables(v, "steps = [ { event = \"…\", note = \"…\" } ]")
                    {
                        let (mut event, mut note) = (None, String::new());
                        for (sk, sv) in step.table.iter() {
                            match sk.name.as_ref() {
                                "event" => event = self.reference(sv),
                                "note" => note = self.text(sv).unwrap_or_default(),
                                other => self.unknown_field(sk, other, STEP_FIELDS, "a tour step"),
                            }
                        }
                        match event {
                            Some(ev) => steps.push((ev, note)),
                            None if !step.table.contains_key("event") => self.missing(
                                step.span(),
                                "event",
                                "tour step",
                                "event = \"2014-12-aps-peshawar\"",
                            ),
                            None => {}
                        }
                    }
                }
                other => self.unknown_field(k, other, TOUR_FIELDS, "a tour"),
            }
        }
        let keys = t.table;
        for (field, example) in [
            ("id", "id = \"briefing-2023\""),
            ("title", "title = \"What the tour shows\""),
            ("steps", "steps = [ { event = \"…\", note = \"…\" } ]"),
        ] {
            if !keys.contains_key(field) {
                self.missing(t.span(), field, "tour", example);
            }
        }
        Some(RawTour {
            id: id?,
            title: title.unwrap_or_default(),
            summary,
            steps,
        })
    }

    // ---- typed accessors: each reports a wrong type at the value's span ----

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn sp<T>(&self, span: &Range<usize>, value: T) -> Sp<T> {
        Sp {
            value,
            file: self.file,
            span: span.clone(),
        }
    }

    fn wrong_type(&mut self, v: &Node<'_>, expected: &str) {
        let found = &v.value.type_str();
        self.push(
            Diagnostic::error("wrong-type", format!("expected {expected}, found {found}"))
                .at(
                    self.file,
                    v.span.clone(),
                    format!("this is {} {found}", article(found)),
                )
                .hint(format!("write {expected} here")),
        );
    }

    fn missing(&mut self, at: Range<usize>, field: &str, what: &str, example: &str) {
        self.push(
            Diagnostic::error(
                "missing-field",
                format!("{what} is missing required field `{field}`"),
            )
            .at(self.file, at, format!("this {what} has no `{field}`"))
            .hint(format!("add {example}")),
        );
    }

    fn unknown_field(&mut self, key: &Key<'_>, name: &str, fields: &[&str], what: &str) {
        let name = one_line(name);
        let mut d = Diagnostic::error("unknown-field", format!("unknown field `{name}` in {what}"));
        d = match did_you_mean(&name, fields.iter().copied()) {
            Some(m) => d.at(self.file, key.span.clone(), format!("did you mean `{m}`?")),
            None => d.at(self.file, key.span.clone(), "not a field of the format"),
        };
        self.push(d.hint(format!("{what} accepts: {}", fields.join(", "))));
    }

    fn table<'v, 'i>(&mut self, v: &'v Node<'i>, expected: &str) -> Option<Tab<'v, 'i>> {
        match &v.value {
            Value::Table(table) => Some(Tab {
                span: &v.span,
                table,
            }),
            _ => {
                self.wrong_type(v, expected);
                None
            }
        }
    }

    fn array_of_tables<'v, 'i>(&mut self, v: &'v Node<'i>, expected: &str) -> Vec<Tab<'v, 'i>> {
        let Value::Array(array) = &v.value else {
            self.wrong_type(v, &format!("an array of tables ({expected})"));
            return Vec::new();
        };
        array
            .items
            .iter()
            .filter_map(|item| self.table(item, &format!("a table ({expected})")))
            .collect()
    }

    fn string(&mut self, v: &Node<'_>) -> Option<Sp<String>> {
        let s = self.str_value(v)?.to_owned();
        Some(self.sp(&v.span, s))
    }

    /// A string value, borrowed: the text fields copy it once, cleaned.
    fn str_value<'v>(&mut self, v: &'v Node<'_>) -> Option<&'v str> {
        match &v.value {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(v, "a string");
                None
            }
        }
    }

    /// A one-line text field, sanitized.
    fn line(&mut self, v: &Node<'_>) -> Option<String> {
        self.str_value(v).map(|s| {
            if is_plain(s) && !s.contains('\n') {
                s.to_owned()
            } else {
                one_line(s)
            }
        })
    }

    /// A multi-line text field, sanitized, paragraphs kept.
    fn text(&mut self, v: &Node<'_>) -> Option<String> {
        self.str_value(v).map(|s| {
            let s = s.trim();
            if is_plain(s) {
                s.to_owned()
            } else {
                sanitize(s).into_owned()
            }
        })
    }

    /// A reference to another record: a string, borrowed from the file
    /// unless it was written with escapes.
    fn reference(&mut self, v: &Node<'a>) -> Option<Ref<'a>> {
        match &v.value {
            Value::String(s) => Some(self.sp(&v.span, s.clone())),
            _ => {
                self.wrong_type(v, "a string");
                None
            }
        }
    }

    fn refs(&mut self, v: &Node<'a>) -> Vec<Ref<'a>> {
        match &v.value {
            Value::Array(array) => array
                .items
                .iter()
                .filter_map(|i| self.reference(i))
                .collect(),
            _ => {
                self.wrong_type(v, "an array of strings");
                Vec::new()
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        v: &Node<'_>,
        what: &str,
        names: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let s = self.string(v)?;
        let found = parse(&s.value);
        if found.is_none() {
            let shown = one_line(&s.value);
            let label = match did_you_mean(&shown, names.iter().copied()) {
                Some(m) => format!("did you mean \"{m}\"?"),
                None => format!("not a known {what}"),
            };
            self.push(
                Diagnostic::error(
                    if what == "stance" {
                        "bad-stance"
                    } else {
                        "bad-kind"
                    },
                    format!("unknown {what} \"{shown}\""),
                )
                .at(s.file, s.span, label)
                .hint(format!("{what} is one of: {}", names.join(", "))),
            );
        }
        found
    }

    fn date(&mut self, v: &Node<'_>) -> Option<Sp<EventDate>> {
        let parsed = match &v.value {
            Value::String(s) => EventDate::parse(s).map_err(|e| e.to_string()),
            Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => EventDate::from_parts(
                    d.year,
                    Some(u32::from(d.month)),
                    Some(u32::from(d.day)),
                    Qualifier::Exact,
                )
                .map_err(|e| e.to_string()),
                _ => Err("a date takes no time of day; write it as \"YYYY-MM-DD\"".to_string()),
            },
            Value::Integer { .. } => Err("write the year as a string: \"2007\"".to_string()),
            _ => {
                self.wrong_type(
                    v,
                    "a date string such as \"2014-12-16\", \"2014-12\" or \"2014\"",
                );
                return None;
            }
        };
        match parsed {
            Ok(d) => Some(self.sp(&v.span, d)),
            Err(why) => {
                self.push(
                    Diagnostic::error(
                        "bad-date",
                        format!("impossible date {}", one_line(&value_text(v))),
                    )
                    .at(self.file, v.span.clone(), "not a valid date")
                    .hint(why),
                );
                None
            }
        }
    }

    fn figures(&mut self, v: &Node<'_>) -> Vec<(String, u64)> {
        let Some(t) = self.table(v, "a table of whole numbers such as { killed = 149 }") else {
            return Vec::new();
        };
        let mut out: Vec<(usize, String, u64)> = Vec::new();
        for (k, fv) in t.table.iter() {
            let key = self.sp(&k.span, k.name.to_string());
            let Some(key) = self.check_slug(key, "figure name") else {
                continue;
            };
            let whole = match &fv.value {
                Value::Integer { digits, radix: 10 } => digits.replace('_', "").parse::<u64>().ok(),
                _ => None,
            };
            match whole {
                Some(n) => out.push((k.span.start, key.value, n)),
                _ => self.push(
                    Diagnostic::error("wrong-type", "a figure must be a whole number of zero or more")
                        .at(self.file, fv.span.clone(), "not a whole number")
                        .hint("write e.g. killed = 149; put ranges and disputed tolls in `details`, attributed"),
                ),
            }
        }
        out.sort_by_key(|(at, _, _)| *at);
        out.into_iter().map(|(_, k, n)| (k, n)).collect()
    }

    fn slug_key(&mut self, key: &Key<'_>, what: &str) -> Option<Sp<String>> {
        let s = self.sp(&key.span, key.name.to_string());
        self.check_slug(s, &format!("{what} id"))
    }

    fn slug(&mut self, v: &Node<'_>, what: &str) -> Option<Sp<String>> {
        let s = self.string(v)?;
        self.check_slug(s, &format!("{what} id"))
    }

    fn check_slug<T: AsRef<str>>(&mut self, s: Sp<T>, what: &str) -> Option<Sp<T>> {
        let value = s.value.as_ref();
        let ok = !value.is_empty()
            && value.len() <= 128
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            return Some(s);
        }
        let suggestion: String = value
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        self.push(
            Diagnostic::error(
                "bad-id",
                format!("{what} \"{}\" is not a lowercase slug", one_line(value)),
            )
            .at(s.file, s.span, "use only a-z, 0-9 and -")
            .hint(format!("e.g. \"{}\"", suggestion.trim_matches('-'))),
        );
        None
    }
}

/// True when `sanitize` would return `s` unchanged, judged from its bytes
/// alone, which is several times faster than `sanitize`'s walk over chars
/// and settles nearly all real text. Every character `sanitize` changes is
/// a byte below 0x20 other than `\n`, DEL, or a character whose UTF-8 form
/// starts with 0xC2 (C1 controls), 0xD8 (U+061C), 0xE2 (the bidi and line
/// separators at U+2xxx) or 0xEF (U+FEFF). Text holding those bytes for
/// harmless characters (an em dash starts with 0xE2) just takes the slow
/// path. A test in `tests.rs` checks this against every character.
pub(super) fn is_plain(s: &str) -> bool {
    let plain = |b: u8| (b >= 0x20 || b == b'\n') && !matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF);
    // Whole chunks without an early exit, so the compiler can use SIMD.
    s.as_bytes()
        .chunks(32)
        .all(|chunk| chunk.iter().fold(true, |ok, &b| ok & plain(b)))
}

fn value_text(v: &Node<'_>) -> String {
    match &v.value {
        Value::String(s) => format!("\"{s}\""),
        Value::Datetime(d) => d.to_string(),
        Value::Integer { digits, radix } => {
            let prefix = match radix {
                2 => "0b",
                8 => "0o",
                16 => "0x",
                _ => "",
            };
            format!("{prefix}{digits}")
        }
        other => other.type_str().to_string(),
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
