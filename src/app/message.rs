//! What enters `update` and what it hands back.
//!
//! A `Message` is an intent — from a key (through the key table), a click,
//! the terminal, or the loop's workers — never a key name. An `Effect` is
//! work for the loop: what `update` may not do itself (quit, touch the
//! terminal, write a file).

use std::path::PathBuf;

use super::Pane;
use crate::export::Format;
use crate::model::Timeline;

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    // The terminal and the program.
    Quit,
    Suspend,
    Redraw,
    Resize(u16, u16),

    // Moving.
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    MoveFirst,
    MoveLast,
    MoveLeft,
    MoveRight,
    NextPane,
    PrevPane,
    PrevYear,
    NextYear,
    NextLink,
    PrevLink,
    OpenSelected,
    GoBack,

    // Filtering.
    ToggleSelected,
    ToggleCombine,
    ClearFilters,
    StartSearch,
    NextMatch,
    PrevMatch,
    ToggleSearchMode,
    StartDateRange,
    StartJump,
    ShowFilter,
    CopyCitation,
    /// Open or close the sources view.
    ToggleSources,
    /// In the sources view: the events resting on the publisher alone.
    RestsOnAlone,
    OpenSource,
    ToggleContested,
    ToggleWeaklySourced,
    StartSources,
    StartAsOf,

    // Typing at the prompt.
    TypeChar(char),
    DeleteChar,
    ClearInput,
    SubmitInput,
    CancelInput,
    /// In the export prompt: the next format, or the one before.
    NextFormat,
    PrevFormat,

    // A yes/no question.
    Confirm,
    Decline,

    // Overlays.
    ToggleHelp,
    ToggleProblems,

    // Exporting.
    StartExport,
    /// The loop's report of an export.
    ExportDone(Result<String, ExportProblem>),
    /// The loop's report of handing an address to the system's opener.
    OpenDone(Result<String, String>),

    // Presenting.
    StartPresent,
    NextSlide,
    PrevSlide,
    FirstSlide,
    LastSlide,
    ToggleNotes,
    ToggleOverview,
    ExitPresent,
    /// Blank the screen for a question from the room (any key shows it again).
    ToggleBlank,
    /// Type a slide's number to go to it.
    StartGoTo,
    /// The clock and the time since the first slide, shown or hidden.
    ToggleClock,
    /// Choose a tour to present.
    StartTours,
    /// The saved views, to apply one.
    StartViews,
    /// Save the current filter as a view.
    StartSaveView,
    /// The loop's report of writing the views file: the file, or why not.
    ViewsSaved(Result<String, String>),
    /// The loop's clock, once a second while a clock is shown.
    Tick(Tick),
    /// The presenter view's channel reported this (`crate::link`).
    Linked(crate::link::Event),

    // The lanes.
    ToggleLanes,
    ToggleZoom,

    // Marks and notes.
    ToggleMark,
    NextMark,
    PrevMark,
    /// Only the marked events, or all again.
    ToggleMarkedOnly,
    /// Write a note on the selected event.
    StartNote,
    /// Save the marked events as a tour, in a new file.
    StartSaveTour,
    /// In the note prompt: write the note in the person's editor.
    EditInEditor,
    /// The loop's report of the editor: the note as left, or why not.
    NoteEdited(crate::model::EventIx, Result<String, String>),
    /// Only the events new or changed since `--since`, or all again.
    ToggleChangedOnly,
    /// The loop's report of writing the marks file.
    MarksSaved(Result<(), String>),
    /// The loop's report of saving a tour: the file, or why not.
    TourSaved(Result<String, String>),

    // The map.
    ToggleMap,
    ZoomIn,
    ZoomOut,
    /// Back to the view fitted to the places.
    FitMap,
    Pan(crate::map::Direction),

    // The mouse.
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },

    // From the reload worker.
    /// A change was seen; the files are being read again.
    Reloading,
    Reloaded(Box<ReloadOutcome>),
    /// The files did not answer within the loop's deadline.
    ReloadStalled,
    WatchChanged(WatchStatus),
}

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportProblem {
    /// A file is there: the person is asked before it is replaced.
    Exists(String),
    Failed(String),
}

/// Work for the loop, outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Clear and repaint the whole screen.
    Redraw,
    /// Put this text on the clipboard (OSC 52): a citation, one line.
    Copy(String),
    /// Hand this address (`Source::link`) to the system's opener.
    Open(String),
    /// Write the shown events to a file; `replace` once the person said so.
    Export {
        format: Format,
        path: PathBuf,
        replace: bool,
    },
    /// Keep the marks: write them to their file.
    SaveMarks {
        file: PathBuf,
        marks: crate::marks::Marks,
        paths: Vec<PathBuf>,
    },
    /// Open the person's editor on a note.
    EditNote {
        event: crate::model::EventIx,
        text: String,
    },
    /// Write a tour to a new file, never over one.
    SaveTour {
        path: PathBuf,
        text: String,
    },
    /// Tell the room's screen this, from the presenter view.
    Send(crate::link::Command),
    /// Write the person's views file, never a timeline file.
    SaveViews {
        file: PathBuf,
        views: Vec<crate::model::View>,
    },
}

/// The time as the loop reads it: the wall clock for the presenter to
/// read, and a steady count since the loop started, for elapsed times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    pub clock: chrono::NaiveTime,
    pub uptime: std::time::Duration,
}

/// What reading the files again gave, and how watching stands after it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReloadOutcome {
    pub outcome: Result<Timeline, Broken>,
    /// The index of the timeline read, made beside it so that the loop
    /// does not; `None` leaves it to the loop.
    pub index: Option<crate::query::Index>,
    pub watching: WatchStatus,
}

/// Why the files on disk do not make a timeline now: every problem, one
/// line each, `file:line:col: message`, for the problems overlay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Broken {
    pub problems: Vec<String>,
}

impl Broken {
    pub fn one(why: impl Into<String>) -> Broken {
        Broken {
            problems: vec![why.into()],
        }
    }
}

/// Whether the timeline's files are being watched for changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WatchStatus {
    /// Nothing to watch: the bundled timeline, or slides from the shell.
    #[default]
    Off,
    /// Watching this many folders.
    Watching(usize),
    /// Some changes may go unseen, and why.
    Partly(String),
    /// Watching stopped, and why: changes are no longer seen.
    Stopped(String),
}

/// What the details pane can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Event(crate::model::EventIx),
    Actor(crate::model::ActorIx),
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Actors, Pane::Events, Pane::Details];
}
