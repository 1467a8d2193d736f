//! The explorer's state and the one place it changes.
//!
//! `App` owns everything the screen shows; `update` (in `update.rs`) turns
//! a `Message` into a new state and, rarely, an `Effect` for the loop to
//! carry out. Filters, counts, rows, the details document and match lists
//! are computed here, once per change, so drawing only reads. Nothing here
//! touches the terminal, the clock or the disk.
//!
//! Where things live, by feature: `message` (what comes in and goes out),
//! `update` (the dispatch, one handler per mode), `nav` (cursors, pages,
//! years), `filter` (the filter and what it shows), `sources` (filters on
//! sources and claims, the view as known on a day, citations), `prompt`
//! (typing a search, a date, a path), `export` (the export prompt and its
//! questions), `details` (what the details pane shows and its history) and
//! `doc` (its document), `mouse`, `lanes` with `grid` (the cells),
//! `present` with `slide` (a slide's layout), `publishers` (the sources
//! view), `map` (where events happened), `reload`, and `keymap` (the
//! one key table). `read` is what drawing reads; `layout` the screen's
//! geometry, shared with `ui`.

mod deck;
mod details;
mod doc;
mod export;
mod filter;
pub mod follow;
mod grid;
pub mod keymap;
pub mod lanes;
pub mod layout;
pub mod map;
pub mod marks;
mod message;
mod mouse;
mod nav;
pub mod present;
mod prompt;
mod publishers;
mod read;
mod reload;
pub mod remap;
pub mod since;
pub mod slide;
mod sources;
#[cfg(test)]
mod testing;
pub mod tours;
mod update;
pub mod views;

use std::path::PathBuf;

pub use deck::{Cover, Deck, Slide, clock_words};
pub use doc::{Doc, DocLink, Tone};
pub use lanes::Lanes;
pub use layout::{Areas, layout};
pub use map::MapView;
pub use message::{
    Broken, Effect, ExportProblem, Message, ReloadOutcome, Subject, Tick, WatchStatus,
};
pub use prompt::{Prompt, PromptState};
pub use publishers::Publishers;

use crate::cli::ThemeName;
use crate::export::Protected;
use crate::model::{ActorIx, PlaceIx, TagIx, Timeline};
use crate::query::{Filter, Filtered, Index};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Actors,
    Events,
    Details,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Browse,
    Prompt(PromptState),
    /// A yes/no question: replace an existing file with an export.
    ConfirmReplace {
        format: crate::export::Format,
        path: String,
    },
    /// The key table, over whatever was on screen.
    Help {
        scroll: usize,
        behind: Box<Mode>,
    },
    /// Every problem of the files on disk, over whatever was on screen.
    Problems {
        scroll: usize,
        behind: Box<Mode>,
    },
    /// The whole filter, when the header cannot show all of it.
    FilterInFull {
        behind: Box<Mode>,
    },
    /// A citation just copied, whole, when the bottom line cannot hold it:
    /// to read, and to select where the terminal takes no OSC 52.
    Copied {
        text: String,
        behind: Box<Mode>,
    },
    Present(Deck),
    /// The tours, to choose one to present.
    Tours(tours::TourPicker),
    /// The presenter view: the notes of the slide the room sees.
    Follow(follow::Follow),
    /// The saved views, to apply one.
    Views(views::ViewPicker),
    Lanes(Lanes),
    /// Where the shown events happened.
    Map(MapView),
    /// Every publisher of the shown events, what it supports.
    Publishers(Publishers),
}

/// A row of the events pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Year(u16),
    /// Position in `Filtered::events`.
    Event(usize),
}

/// A row of the actors pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Actor(ActorIx),
    TagsHeading,
    Tag(TagIx),
    PlacesHeading,
    Place(PlaceIx),
}

impl Entry {
    /// A section's heading, which the cursor steps over.
    pub fn is_heading(self) -> bool {
        matches!(self, Entry::TagsHeading | Entry::PlacesHeading)
    }
}

/// How the explorer opens: the one way to make an `App`.
pub struct Start {
    pub timeline: Timeline,
    pub filter: Filter,
    pub theme: ThemeName,
    pub no_color: bool,
    /// What an export may never write over or into.
    pub protected: Protected,
    /// The paths read again when their files change; empty for none.
    pub watched: Vec<PathBuf>,
    /// Today, for the export's suggested file name.
    pub today: chrono::NaiveDate,
    /// Slides to open on instead of the explorer.
    pub deck: Option<Deck>,
    /// The files on disk did not load cleanly: the timeline is what did.
    pub broken: Option<Broken>,
    /// The home folder, for `~` in a typed path.
    pub home: Option<PathBuf>,
    /// The person's marks and notes on this timeline.
    pub marks: crate::marks::Marks,
    /// Where they are kept, and the timeline paths they belong to; `None`
    /// keeps them for this session only (no state folder, or a marks
    /// file that could not be read and must not be written over).
    pub marks_file: Option<crate::marks::Keeping>,
    /// Why marks are not kept, to say on the bottom line when the explorer
    /// opens (marked events that are gone are said there too).
    pub marks_problem: Option<String>,
    /// What changed since an older version, to badge (`--since`).
    pub since: Option<since::Since>,
    /// Presenting to a presenter view (`present --publish`): the room's
    /// screen shows no speaker notes.
    pub publish: bool,
    /// Open as the presenter view of the presentation published at this
    /// socket (`chronoscope presenter`).
    pub follow: Option<String>,
    /// The person's own saved views (`crate::views`).
    pub my_views: crate::views::Mine,
    /// Why the settings file is not used, for the bottom line.
    pub notice: Option<String>,
    /// The timeline's index, when it was built already (or read from
    /// the cache); otherwise the explorer builds it.
    pub index: Option<Index>,
    /// The view `filter` came from (`--view`): its title for the header,
    /// and its event to select.
    pub view: Option<views::ViewStart>,
}

impl Start {
    /// The explorer on `timeline`, everything else at its default.
    pub fn new(timeline: Timeline) -> Start {
        Start {
            timeline,
            filter: Filter::default(),
            theme: ThemeName::Dark,
            no_color: false,
            protected: Protected::default(),
            watched: Vec::new(),
            today: chrono::NaiveDate::default(),
            deck: None,
            broken: None,
            home: None,
            marks: crate::marks::Marks::default(),
            marks_file: None,
            marks_problem: None,
            since: None,
            publish: false,
            follow: None,
            my_views: crate::views::Mine::default(),
            view: None,
            notice: None,
            index: None,
        }
    }
}

/// Where the details pane stands: what it shows, how far it is scrolled,
/// which link is selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub subject: Subject,
    pub top: usize,
    pub link: usize,
}

/// Live reload as the header shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Live {
    pub watch: WatchStatus,
    /// A reload is under way.
    pub reloading: bool,
    /// The last reload did not answer in time.
    pub stalled: bool,
    /// The files on disk do not load; the screen shows the last good timeline.
    pub broken: Option<Broken>,
}

pub struct App {
    timeline: Timeline,
    /// The whole timeline, kept while `timeline` is it as known on a day.
    full: Option<Timeline>,
    index: Index,
    filter: Filter,
    filtered: Filtered,
    /// Rows of the events pane: year separators and events.
    rows: Vec<Row>,
    /// For each position in `filtered.events`, its row.
    event_rows: Vec<usize>,
    /// Position of the selected event in `filtered.events`.
    cursor: usize,
    /// First visible row of the events pane.
    events_top: usize,
    entries: Vec<Entry>,
    entry_cursor: usize,
    entries_top: usize,
    /// The actors pane's fuzzy narrowing text.
    narrow: String,
    pane: Pane,
    mode: Mode,
    /// What the details pane shows instead of the selected event, if anything.
    details_override: Option<Subject>,
    /// Where `GoBack` returns to, most recent last.
    history: Vec<Visit>,
    /// The selected link in the details pane.
    link: usize,
    details_top: usize,
    /// The details pane's document, laid out for its width.
    doc: Doc,
    /// What `doc` was laid out for, so it is remade only on a change.
    doc_key: Option<(Subject, usize)>,
    size: (u16, u16),
    areas: Areas,
    theme: ThemeName,
    no_color: bool,
    /// A one-line message shown until the next key.
    banner: Option<String>,
    protected: Protected,
    watched: Vec<PathBuf>,
    today: chrono::NaiveDate,
    live: Live,
    /// The lanes (and the filter they were built on) to return to with
    /// Esc after Enter listed a cell.
    lanes_return: Option<(Lanes, Filter)>,
    home: Option<PathBuf>,
    /// Exports suggested this session, so the next suggestion is new.
    exports: usize,
    marks: crate::marks::Marks,
    marks_file: Option<crate::marks::Keeping>,
    /// For each event, whether it is marked: `marks` by index.
    marked: Vec<bool>,
    since: Option<since::Since>,
    /// Each event's badge against `since`.
    badges: Vec<Option<since::Badge>>,
    /// The loop's last clock reading.
    tick: Option<Tick>,
    /// The presentation is published to a presenter view: the room's
    /// screen shows no speaker notes.
    publishing: bool,
    /// Decks opened so far, so the loop knows when to send a new one.
    decks: u64,
    my_views: crate::views::Mine,
    /// The view applied, while the header may name it.
    view: Option<views::Applied>,
    /// Views being written, and what the saved one left out, until the
    /// loop reports.
    saving_views: Option<(Vec<crate::model::View>, Vec<&'static str>)>,
}

impl App {
    /// Leaves the timeline and its index to the operating system to take
    /// back as the process ends: freeing them piece by piece is a fifth of
    /// a second at 100,000 events, after the person has asked to go.
    pub fn leave(&mut self) {
        std::mem::forget(std::mem::take(&mut self.timeline));
        std::mem::forget(self.full.take());
        std::mem::forget(std::mem::take(&mut self.index));
    }

    pub fn new(start: Start) -> App {
        let index = match start.index {
            Some(index) if index.spans.len() == start.timeline.events.len() => index,
            _ => Index::build(&start.timeline),
        };
        let filtered = crate::query::apply(&start.timeline, &index, &start.filter);
        let mode = match (start.deck, start.follow) {
            (_, Some(socket)) => Mode::Follow(follow::Follow::new(socket)),
            (Some(deck), None) if !deck.is_empty() => Mode::Present(deck),
            _ => Mode::Browse,
        };
        let watch = if start.watched.is_empty() {
            WatchStatus::Off
        } else {
            WatchStatus::Watching(0)
        };
        let mut app = App {
            timeline: start.timeline,
            full: None,
            index,
            filter: start.filter,
            filtered,
            rows: Vec::new(),
            event_rows: Vec::new(),
            cursor: 0,
            events_top: 0,
            entries: Vec::new(),
            entry_cursor: 0,
            entries_top: 0,
            narrow: String::new(),
            pane: Pane::Events,
            mode,
            details_override: None,
            history: Vec::new(),
            link: 0,
            details_top: 0,
            doc: Doc::default(),
            doc_key: None,
            size: (80, 24),
            areas: layout(80, 24, Pane::Events),
            theme: start.theme,
            no_color: start.no_color,
            banner: None,
            protected: start.protected,
            watched: start.watched,
            today: start.today,
            live: Live {
                watch,
                broken: start.broken,
                ..Live::default()
            },
            lanes_return: None,
            home: start.home,
            exports: 0,
            marks: start.marks,
            marks_file: start.marks_file,
            marked: Vec::new(),
            since: start.since,
            badges: Vec::new(),
            tick: None,
            publishing: start.publish,
            decks: 0,
            my_views: start.my_views,
            view: None,
            saving_views: None,
        };
        app.remark();
        app.rebadge();
        let gone = app.gone_marks();
        app.banner = start
            .marks_problem
            .or_else(|| (!gone.is_empty()).then(|| marks::gone_words(&gone)));
        app.rebuild_rows();
        app.rebuild_entries();
        app.clamp_scrolls();
        if let Some(v) = start.view {
            app.select_view_event(v.event.as_deref());
            app.view = Some(views::Applied {
                title: v.title,
                filter: app.filter.clone(),
            });
        }
        if let Some(why) = app.my_views.problem.clone()
            && app.banner.is_none()
        {
            app.banner = Some(why);
        }
        if let Some(why) = start.notice {
            app.banner = Some(why);
        }
        if let Mode::Present(deck) = &mut app.mode {
            app.decks = 1;
            if app.publishing {
                deck.notes = false;
            }
        }
        app.clamp_slide();
        app
    }
}
