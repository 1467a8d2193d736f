//! Stage one of loading: a file's document tree → raw, spanned records.
//!
//! Walks the spanned tree `doc` gives for one file by hand rather than through
//! serde derive, so that every problem in the file — wrong types, unknown
//! fields, bad dates, grades and stances — is reported in one pass with its
//! exact span, instead of stopping at the first. References between records
//! are checked later, in `resolve`, once every file is read.
//!
//! Here: the records and the fields each table takes (one spec per table,
//! which drives both the unknown-field and the missing-field checks);
//! `walk` turns tables into records, `views` the `[[views]]` tables;
//! `accessors` reads typed values, `degrees` coordinates; `runs` holds the
//! events a piece at a time.

mod accessors;
mod degrees;
mod owned;
mod runs;
mod views;
mod walk;

use std::borrow::Cow;
use std::ops::Range;

use super::diagnostic::{Diagnostic, FileId, SourceFile};
use super::doc::Table;
use crate::model::{ActorKind, EventDate, Grade, PlaceKind, Stance, View};
use crate::text::one_line;

pub use runs::Runs;

/// A value with the place it came from.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub file: FileId,
    pub span: Range<usize>,
}

/// The records of one or more files. References to other records borrow
/// the file's text where they can: they become indices once resolved, so
/// copying them would only be undone.
#[derive(Debug, Clone, Default)]
pub struct RawTimeline<'a> {
    pub meta: Vec<RawMeta>,
    pub actors: Vec<RawActor<'a>>,
    pub events: Runs<RawEvent<'a>>,
    pub tours: Vec<RawTour<'a>>,
    pub places: Vec<RawPlace<'a>>,
    pub views: Vec<RawView<'a>>,
}

/// A reference to another record (or a tag), with its place.
pub type Ref<'a> = Spanned<Cow<'a, str>>;

#[derive(Debug, Clone)]
pub struct RawMeta {
    pub at: Spanned<()>,
    pub title: Option<String>,
    pub summary: String,
    pub coverage: Option<(Spanned<EventDate>, Spanned<EventDate>)>,
}

#[derive(Debug, Clone)]
pub struct RawActor<'a> {
    pub id: Spanned<String>,
    pub name: String,
    pub short: Option<String>,
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    pub summary: String,
    pub links: Vec<Ref<'a>>,
}

#[derive(Debug, Clone)]
pub struct RawPlace<'a> {
    pub id: Spanned<String>,
    pub name: String,
    pub short: Option<String>,
    pub kind: PlaceKind,
    /// Latitude and longitude in decimal degrees, when both were readable.
    pub at: Option<(f64, f64)>,
    pub within: Option<Ref<'a>>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RawEvent<'a> {
    pub id: Spanned<String>,
    /// Where the event's id is written, as `file:line:column`.
    pub origin: String,
    pub date: Option<Spanned<EventDate>>,
    pub end: Option<Spanned<EventDate>>,
    pub title: String,
    pub summary: String,
    pub details: String,
    pub editor_note: String,
    pub actors: Vec<Ref<'a>>,
    pub location: String,
    /// Where `location` is written, for the warning that it names a place.
    pub location_at: Option<Spanned<()>>,
    pub places: Vec<Ref<'a>>,
    pub tags: Vec<Cow<'a, str>>,
    pub figures: Vec<(String, u64)>,
    pub related: Vec<Ref<'a>>,
    pub claims: Vec<RawClaim<'a>>,
    pub sources: Vec<RawSource>,
}

#[derive(Debug, Clone)]
pub struct RawClaim<'a> {
    pub by: Ref<'a>,
    pub stance: Stance,
    pub text: String,
    /// Positions of the event's sources, as written (from 1), checked
    /// against the event's sources once the whole event is read.
    pub sources: Vec<usize>,
}

/// A source is read as the model keeps it: moved, not copied, into the event.
pub type RawSource = crate::model::Source;

#[derive(Debug, Clone)]
pub struct RawTour<'a> {
    pub id: Spanned<String>,
    pub title: String,
    pub summary: String,
    pub steps: Vec<(Ref<'a>, String)>,
}

/// A saved view: its references are checked once every file is read.
#[derive(Debug, Clone)]
pub struct RawView<'a> {
    pub id: Spanned<String>,
    pub title: String,
    pub summary: String,
    pub actors: Vec<Ref<'a>>,
    pub all: bool,
    pub tags: Vec<Ref<'a>>,
    pub places: Vec<Ref<'a>>,
    pub from: Option<EventDate>,
    pub to: Option<EventDate>,
    pub search: String,
    pub highlight: bool,
    pub contested: bool,
    pub as_of: Option<EventDate>,
    pub event: Option<Ref<'a>>,
}

/// A field of a table: its name and, when it is required, the line a
/// "missing" message offers as an example.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub required: Option<&'static str>,
}

const fn opt(name: &'static str) -> Field {
    Field {
        name,
        required: None,
    }
}

const fn req(name: &'static str, example: &'static str) -> Field {
    Field {
        name,
        required: Some(example),
    }
}

/// The fields each table takes, in the order FORMAT.md documents them.
pub const TOP: &[Field] = &[
    opt("timeline"),
    opt("actors"),
    opt("places"),
    opt("events"),
    opt("tours"),
    opt("views"),
];
pub const TIMELINE: &[Field] = &[
    req("title", "title = \"Pakistan, Afghanistan and the TTP\""),
    opt("summary"),
    opt("coverage"),
];
pub const COVERAGE: &[Field] = &[opt("from"), opt("to")];
pub const ACTOR: &[Field] = &[
    req("name", "name = \"Tehrik-i-Taliban Pakistan\""),
    opt("short"),
    opt("aliases"),
    req("kind", "kind = \"armed-group\""),
    req("summary", "summary = \"One paragraph on who this is.\""),
    opt("links"),
];
pub const PLACE: &[Field] = &[
    req("name", "name = \"Peshawar\""),
    opt("short"),
    req("kind", "kind = \"city\""),
    req("lat", "lat = 34.0151"),
    req("lon", "lon = 71.5249"),
    opt("within"),
    opt("aliases"),
];
pub const EVENT: &[Field] = &[
    req("id", "id = \"2014-12-aps-peshawar\""),
    req("date", "date = \"2014-12-16\""),
    opt("end"),
    req("title", "title = \"What happened, in one line\""),
    req("summary", "summary = \"One or two sentences.\""),
    opt("details"),
    opt("actors"),
    opt("location"),
    opt("places"),
    opt("tags"),
    opt("figures"),
    opt("related"),
    opt("claims"),
    opt("sources"),
    opt("editor_note"),
];
pub const CLAIM: &[Field] = &[
    req("by", "by = \"pakistan-government\""),
    req("stance", "stance = \"asserts\""),
    req("text", "text = \"What they said.\""),
    opt("sources"),
];
pub const SOURCE: &[Field] = &[
    req("publisher", "publisher = \"Dawn\""),
    req("title", "title = \"Headline of the report\""),
    opt("date"),
    opt("url"),
    opt("grade"),
];
pub const TOUR: &[Field] = &[
    req("id", "id = \"briefing-2023\""),
    req("title", "title = \"What the tour shows\""),
    opt("summary"),
    req("steps", "steps = [ { event = \"…\", note = \"…\" } ]"),
];
pub const STEP: &[Field] = &[
    req("event", "event = \"2014-12-aps-peshawar\""),
    opt("note"),
];

pub const VIEW: &[Field] = &[
    req("id", "id = \"ttp-since-2021\""),
    req("title", "title = \"What the view shows\""),
    opt("summary"),
    opt("actors"),
    opt("match"),
    opt("tags"),
    opt("places"),
    opt("from"),
    opt("to"),
    opt("search"),
    opt("highlight"),
    opt("contested"),
    opt("as_of"),
    opt("event"),
];

/// The names of a table's fields.
pub fn names(spec: &[Field]) -> Vec<&'static str> {
    spec.iter().map(|f| f.name).collect()
}

/// A table with the span it was written at.
#[derive(Clone, Copy)]
struct TableAt<'v, 'i> {
    span: &'v Range<usize>,
    table: &'v Table<'i>,
}

impl<'v, 'i> TableAt<'v, 'i> {
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
}

/// The choices a field may take, each with the code its diagnostic carries.
#[derive(Debug, Clone, Copy)]
enum Choice {
    Stance,
    ActorKind,
    PlaceKind,
    /// How a view's actors and tags combine.
    Match,
}

impl Choice {
    fn noun(self) -> &'static str {
        match self {
            Choice::Stance => "stance",
            Choice::ActorKind => "actor kind",
            Choice::PlaceKind => "place kind",
            Choice::Match => "match",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Choice::Stance => "bad-stance",
            Choice::ActorKind | Choice::PlaceKind => "bad-kind",
            Choice::Match => "bad-match",
        }
    }

    fn names(self) -> Vec<&'static str> {
        match self {
            Choice::Stance => Stance::ALL.map(Stance::as_str).to_vec(),
            Choice::ActorKind => ActorKind::ALL.map(ActorKind::as_str).to_vec(),
            Choice::PlaceKind => PlaceKind::ALL.map(PlaceKind::as_str).to_vec(),
            Choice::Match => View::MATCHES.to_vec(),
        }
    }

    /// The choice a person likely meant by a word of their own: `country`
    /// is a `state`, `group` an `armed-group`.
    fn meant(self, word: &str) -> Option<&'static str> {
        let w = word.to_lowercase();
        match self {
            Choice::ActorKind => match w.as_str() {
                "country" | "nation" | "nation-state" => Some("state"),
                "group" | "militia" | "militant-group" | "insurgent-group" | "faction" => {
                    Some("armed-group")
                }
                "army" | "armed-forces" | "security-forces" | "police" => Some("military"),
                "govt" | "ministry" | "cabinet" => Some("government"),
                "individual" | "people" | "leader" => Some("person"),
                "org" | "organization" | "ngo" | "agency" => Some("organisation"),
                "political-party" => Some("party"),
                _ => None,
            },
            Choice::PlaceKind => match w.as_str() {
                "town" | "village" | "capital" => Some("city"),
                "agency" | "tribal-agency" | "tehsil" | "county" => Some("district"),
                "state" | "territory" => Some("province"),
                "nation" => Some("country"),
                "border-crossing" | "checkpoint" | "border" => Some("crossing"),
                "airbase" | "air-base" | "cantonment" | "garrison" => Some("base"),
                "area" | "valley" => Some("region"),
                _ => None,
            },
            Choice::Stance => match w.as_str() {
                "claims" | "says" | "alleges" | "states" => Some("asserts"),
                "rejects" | "refutes" => Some("denies"),
                "questions" | "contests" => Some("disputes"),
                "admits" | "acknowledges" => Some("confirms"),
                _ => None,
            },
            Choice::Match => match w.as_str() {
                "or" | "either" | "some" | "one" => Some("any"),
                "and" | "both" | "every" | "each" => Some("all"),
                _ => None,
            },
        }
    }
}
