//! The default bindings: every key the explorer knows, a row each, in
//! the scope where it means what it says. The help, the hint line and the
//! key names on screen are all read from this table (`super::table`).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::Scope;
use crate::app::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    /// How the keys read in help, hints and messages.
    pub label: &'static str,
    pub message: Message,
    pub desc: &'static str,
    /// The word shown in the one-line hint bar, if the key is shown there.
    pub hint: Option<&'static str>,
}

const fn b(
    scope: Scope,
    keys: &'static [Key],
    label: &'static str,
    message: Message,
    desc: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        label,
        message,
        desc,
        hint,
    }
}

use crate::map::Direction;
use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Message as M;
use Scope::{
    Actors, Confirm, Details, Events, Follow, Global, GoTo, Lanes, Map, Overlay, Overview, Present,
    Prompt, Publishers, Tours, Views,
};

#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Browsing, in any pane.
    b(Global, &[k('j'), code(Down)], "j/↓", M::MoveDown, "move down (in Details: scroll)", Some("move")),
    b(Global, &[k('k'), code(Up)], "k/↑", M::MoveUp, "move up", None),
    b(Global, &[code(PageDown), ctrl('f')], "PgDn", M::PageDown, "page down", None),
    b(Global, &[code(PageUp), ctrl('b')], "PgUp", M::PageUp, "page up", None),
    b(Global, &[ctrl('d')], "Ctrl-d", M::HalfPageDown, "half a page down", None),
    b(Global, &[ctrl('u')], "Ctrl-u", M::HalfPageUp, "half a page up", None),
    b(Global, &[k('g'), code(Home)], "g/Home", M::MoveFirst, "first", None),
    b(Global, &[k('G'), code(End)], "G/End", M::MoveLast, "last", None),
    b(Global, &[code(Tab)], "Tab", M::NextPane, "next pane", Some("pane")),
    b(Global, &[code(BackTab)], "S-Tab", M::PrevPane, "previous pane", None),
    b(Global, &[k('/')], "/", M::StartSearch, "search events (in Actors: narrow the list)", Some("search")),
    b(Global, &[k('n')], "n", M::NextMatch, "next search match", None),
    b(Global, &[k('N')], "N", M::PrevMatch, "previous search match", None),
    b(Global, &[k('t')], "t", M::ToggleSearchMode, "search: filter to matches / highlight in place", None),
    b(Global, &[k('f')], "f", M::StartDateRange, "filter by dates: 2021..2023-06, 2014, ..2010", Some("dates")),
    b(Global, &[k(':')], ":", M::StartJump, "jump to a date: 2014-12", None),
    b(Global, &[k('&')], "&", M::ToggleCombine, "actors and tags: any-of / all-of", None),
    b(Global, &[k('m')], "m", M::ToggleMark, "mark / unmark the selected event (kept between runs)", Some("mark")),
    b(Global, &[k('u')], "u", M::NextMark, "next marked event", None),
    b(Global, &[k('U')], "U", M::PrevMark, "previous marked event", None),
    b(Global, &[k('*')], "*", M::ToggleMarkedOnly, "only the marked events (again: all)", None),
    b(Global, &[k('A')], "A", M::StartNote, "write a note on the selected event (marks it)", None),
    b(Global, &[k('C')], "C", M::ToggleChangedOnly, "only the events new or changed since --since (again: all)", None),
    b(Global, &[k('T')], "T", M::StartSaveTour, "save the marked events as a tour, in a new file", None),
    b(Global, &[k('c')], "c", M::ClearFilters, "clear every filter and the narrowing", Some("clear")),
    b(Global, &[k('x')], "x", M::ToggleContested, "only contested events (≠): claims on both sides", None),
    b(Global, &[k('w')], "w", M::ToggleWeaklySourced, "only weakly sourced events: every source D–F, ungraded or without an address", None),
    b(Global, &[k('s')], "s", M::StartSources, "filter by sources and claims: B2, denies, by ttp", Some("sources")),
    b(Global, &[k('a')], "a", M::StartAsOf, "the chronology as known on a day: hindsight hidden", None),
    b(Global, &[k('S')], "S", M::ToggleSources, "sources: every publisher, the events it supports, its grades", None),
    b(Global, &[k('F')], "F", M::ShowFilter, "the whole filter, when the header cuts it", None),
    b(Global, &[code(Backspace)], "⌫", M::GoBack, "back along the history", None),
    b(Global, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Global, &[k('!')], "!", M::ToggleProblems, "the problems of the files on disk, when they do not load", None),
    b(Global, &[k('q')], "q", M::Quit, "quit", Some("quit")),
    b(Global, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    b(Global, &[ctrl('z')], "Ctrl-z", M::Suspend, "suspend to the shell (fg comes back)", None),
    b(Global, &[ctrl('l')], "Ctrl-l", M::Redraw, "redraw the screen", None),
    b(Global, &[k('e')], "e", M::StartExport, "export the shown events to a file", Some("export")),
    b(Global, &[k('p')], "p", M::StartPresent, "present the shown events as slides", Some("present")),
    b(Global, &[k('P')], "P", M::StartTours, "present a tour: choose one from the timeline's tours", Some("tours")),
    b(Global, &[k('v')], "v", M::StartViews, "views: the timeline's saved filters and your own; Enter applies one", Some("views")),
    b(Global, &[k('V')], "V", M::StartSaveView, "save the current filter as a view of your own", None),
    b(Global, &[k('l')], "l", M::ToggleLanes, "lanes: who acted when, actors by years", Some("lanes")),
    b(Global, &[k('M')], "M", M::ToggleMap, "map: where the shown events happened", Some("map")),
    // Pane-specific.
    b(Actors, &[k(' ')], "Space", M::ToggleSelected, "add to / remove from the filter", Some("filter")),
    b(Actors, &[code(Enter), code(Right)], "Enter", M::OpenSelected, "open the actor's profile (a tag: filter)", Some("profile")),
    b(Actors, &[code(Esc)], "Esc", M::GoBack, "clear the narrowing, or go back", None),
    b(Events, &[code(Enter), code(Right)], "Enter", M::OpenSelected, "read the event in the details pane", Some("read")),
    b(Events, &[k('[')], "[", M::PrevYear, "previous year", None),
    b(Events, &[k(']')], "]", M::NextYear, "next year", Some("next year")),
    b(Events, &[k(' ')], "Space", M::ToggleSelected, "filter by the event's first actor (again: remove it)", None),
    b(Events, &[code(Esc)], "Esc", M::GoBack, "back along the history (or to the lanes)", None),
    b(Details, &[k(']')], "]", M::NextLink, "next link (address, actor or event)", Some("link")),
    b(Details, &[k('[')], "[", M::PrevLink, "previous link", None),
    b(Details, &[code(Enter)], "Enter", M::OpenSelected, "follow the selected actor or event (an address shows whole)", Some("follow")),
    b(Details, &[k('y')], "y", M::CopyCitation, "copy a citation of the event, or of the selected source's address", Some("cite")),
    b(Details, &[k('o')], "o", M::OpenSource, "open the selected source's address in the browser", Some("open")),
    b(Events, &[k('y')], "y", M::CopyCitation, "copy a citation of the event and its first source", None),
    b(Details, &[code(Esc), code(Left)], "Esc", M::GoBack, "back along the history", Some("back")),
    // Typing a search, a range, a date, a narrowing or a path.
    b(Prompt, &[code(Enter)], "Enter", M::SubmitInput, "accept", Some("accept")),
    b(Prompt, &[code(Esc)], "Esc", M::CancelInput, "cancel", Some("cancel")),
    b(Prompt, &[code(Backspace)], "⌫", M::DeleteChar, "delete a character", None),
    b(Prompt, &[code(Tab)], "Tab", M::NextFormat, "export: the next format", None),
    b(Prompt, &[code(BackTab)], "S-Tab", M::PrevFormat, "export: the format before", None),
    b(Prompt, &[ctrl('u')], "Ctrl-u", M::ClearInput, "clear the input", None),
    b(Prompt, &[ctrl('e')], "Ctrl-e", M::EditInEditor, "note: write it in $EDITOR instead", None),
    b(Prompt, &[code(F(1))], "F1", M::ToggleHelp, "help (? is typed)", None),
    b(Prompt, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    // Asked whether to replace a file.
    b(Confirm, &[k('y')], "y", M::Confirm, "yes, replace it", Some("replace")),
    b(Confirm, &[k('n'), code(Esc)], "n/Esc", M::Decline, "no: back to the file name", Some("keep it")),
    b(Confirm, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    // The lanes.
    b(Lanes, &[k('j'), code(Down)], "j/↓", M::MoveDown, "next actor", Some("actor")),
    b(Lanes, &[k('k'), code(Up)], "k/↑", M::MoveUp, "previous actor", None),
    b(Lanes, &[k('l'), code(Right)], "l/→", M::MoveRight, "later year (or month)", Some("year")),
    b(Lanes, &[k('h'), code(Left)], "h/←", M::MoveLeft, "earlier year (or month)", None),
    b(Lanes, &[code(PageDown), ctrl('d')], "PgDn", M::PageDown, "a page of actors down", None),
    b(Lanes, &[code(PageUp), ctrl('u')], "PgUp", M::PageUp, "a page of actors up", None),
    b(Lanes, &[code(Home), k('g')], "g/Home", M::MoveFirst, "first actor", None),
    b(Lanes, &[code(End), k('G')], "G/End", M::MoveLast, "last actor", None),
    b(Lanes, &[k('z')], "z", M::ToggleZoom, "the months of this year, or back to years", Some("zoom")),
    b(Lanes, &[code(Enter)], "Enter", M::OpenSelected, "list this actor's events in this cell", Some("list")),
    b(Lanes, &[code(Esc), k('q')], "Esc/q", M::ToggleLanes, "close the lanes", Some("close")),
    b(Lanes, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Lanes, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    // The map.
    b(Map, &[k('h'), code(Left)], "h/←", M::MoveLeft, "the nearest place to the west", Some("place")),
    b(Map, &[k('l'), code(Right)], "l/→", M::MoveRight, "the nearest place to the east", None),
    b(Map, &[k('k'), code(Up)], "k/↑", M::MoveUp, "the nearest place to the north", None),
    b(Map, &[k('j'), code(Down)], "j/↓", M::MoveDown, "the nearest place to the south", None),
    b(Map, &[code(Tab)], "Tab", M::NextPane, "the next place by number of events", None),
    b(Map, &[code(BackTab)], "S-Tab", M::PrevPane, "the place before, by number of events", None),
    b(Map, &[k('+'), k('=')], "+", M::ZoomIn, "zoom in", Some("zoom")),
    b(Map, &[k('-')], "-", M::ZoomOut, "zoom out", None),
    b(Map, &[k('H')], "H", M::Pan(Direction::Left), "pan west", None),
    b(Map, &[k('L')], "L", M::Pan(Direction::Right), "pan east", None),
    b(Map, &[k('K')], "K", M::Pan(Direction::Up), "pan north", None),
    b(Map, &[k('J')], "J", M::Pan(Direction::Down), "pan south", None),
    b(Map, &[k('0')], "0", M::FitMap, "fit the map to the places again", Some("fit")),
    b(Map, &[code(Enter)], "Enter", M::OpenSelected, "list the events at this place and the places within it", Some("list")),
    b(Map, &[code(Esc), k('q'), k('M')], "Esc/q", M::ToggleMap, "close the map", Some("close")),
    b(Map, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Map, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    // The sources view.
    b(Publishers, &[k('j'), code(Down)], "j/↓", M::MoveDown, "next publisher", Some("move")),
    b(Publishers, &[k('k'), code(Up)], "k/↑", M::MoveUp, "previous publisher", None),
    b(Publishers, &[code(PageDown), ctrl('d')], "PgDn", M::PageDown, "a page down", None),
    b(Publishers, &[code(PageUp), ctrl('u')], "PgUp", M::PageUp, "a page up", None),
    b(Publishers, &[code(Home), k('g')], "g/Home", M::MoveFirst, "first publisher", None),
    b(Publishers, &[code(End), k('G')], "G/End", M::MoveLast, "last publisher", None),
    b(Publishers, &[code(Enter)], "Enter", M::OpenSelected, "list the events it reports", Some("its events")),
    b(Publishers, &[k('a')], "a", M::RestsOnAlone, "list the events resting on it alone", Some("alone")),
    b(Publishers, &[code(Esc), k('q'), k('S')], "Esc/q", M::ToggleSources, "close the sources view", Some("close")),
    b(Publishers, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Publishers, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    // Presenting.
    b(Present, &[code(Right), k(' '), k('l'), code(PageDown)], "→/Space", M::NextSlide, "next slide", Some("next")),
    b(Present, &[code(Left), code(Backspace), k('h'), code(PageUp)], "←", M::PrevSlide, "previous slide", Some("back")),
    b(Present, &[k('j'), code(Down)], "j/↓", M::MoveDown, "scroll a long slide down", None),
    b(Present, &[k('k'), code(Up)], "k/↑", M::MoveUp, "scroll a long slide up", None),
    b(Present, &[code(Home)], "Home", M::FirstSlide, "first slide (a tour's title slide)", None),
    b(Present, &[code(End), k('G')], "End", M::LastSlide, "last slide", None),
    b(Present, &[k('g')], "g", M::StartGoTo, "go to a slide: g, its number, Enter", Some("go to")),
    b(Present, &[k('b')], "b", M::ToggleBlank, "blank the screen for a question (any key shows it again)", Some("blank")),
    b(Present, &[k('c')], "c", M::ToggleClock, "the clock and the time since the first slide, on / off", None),
    b(Present, &[k('n')], "n", M::ToggleNotes, "speaker notes on / off (published: on the presenter view)", Some("notes")),
    b(Present, &[k('o')], "o", M::ToggleOverview, "overview of the slides", Some("overview")),
    b(Present, &[code(Esc)], "Esc", M::ExitPresent, "back to the explorer at this event", Some("explorer")),
    b(Present, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Present, &[k('q'), ctrl('c')], "q", M::Quit, "quit", Some("quit")),
    b(GoTo, &[code(Enter)], "Enter", M::SubmitInput, "go to the slide of that number", Some("go")),
    b(GoTo, &[code(Esc)], "Esc", M::CancelInput, "stay on this slide", Some("cancel")),
    b(GoTo, &[code(Backspace)], "⌫", M::DeleteChar, "delete a digit", None),
    b(GoTo, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    b(Overview, &[k('j'), code(Down)], "j/↓", M::MoveDown, "next slide in the list", Some("move")),
    b(Overview, &[k('k'), code(Up)], "k/↑", M::MoveUp, "previous slide in the list", None),
    b(Overview, &[code(Home), k('g')], "Home", M::FirstSlide, "first slide", None),
    b(Overview, &[code(End), k('G')], "End", M::LastSlide, "last slide", None),
    b(Overview, &[code(Enter)], "Enter", M::OpenSelected, "show this slide", Some("show")),
    b(Overview, &[k('o')], "o", M::ToggleOverview, "close the overview", Some("close")),
    b(Overview, &[code(Esc)], "Esc", M::ExitPresent, "close the overview", None),
    b(Overview, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", None),
    b(Overview, &[k('q'), ctrl('c')], "q", M::Quit, "quit", Some("quit")),
    // Choosing a tour.
    b(Tours, &[k('j'), code(Down)], "j/↓", M::MoveDown, "next tour", Some("move")),
    b(Tours, &[k('k'), code(Up)], "k/↑", M::MoveUp, "previous tour", None),
    b(Tours, &[code(Home), k('g')], "g/Home", M::MoveFirst, "first tour", None),
    b(Tours, &[code(End), k('G')], "G/End", M::MoveLast, "last tour", None),
    b(Tours, &[code(Enter)], "Enter", M::OpenSelected, "present this tour, from its title slide", Some("present")),
    b(Tours, &[code(Esc), k('q'), k('P')], "Esc/q", M::CancelInput, "back to the explorer", Some("close")),
    b(Tours, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Tours, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    // The saved views.
    b(Views, &[k('j'), code(Down)], "j/↓", M::MoveDown, "next view", Some("move")),
    b(Views, &[k('k'), code(Up)], "k/↑", M::MoveUp, "previous view", None),
    b(Views, &[code(Home), k('g')], "g/Home", M::MoveFirst, "first view", None),
    b(Views, &[code(End), k('G')], "G/End", M::MoveLast, "last view", None),
    b(Views, &[code(Enter)], "Enter", M::OpenSelected, "apply this view", Some("apply")),
    b(Views, &[code(Esc), k('q'), k('v')], "Esc/q", M::CancelInput, "back to the explorer", Some("close")),
    b(Views, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Views, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
    // The presenter view: keys move the room's screen.
    b(Follow, &[code(Right), k(' '), k('l'), code(PageDown)], "→/Space", M::NextSlide, "next slide, in the room too", Some("next")),
    b(Follow, &[code(Left), code(Backspace), k('h'), code(PageUp)], "←", M::PrevSlide, "previous slide", Some("back")),
    b(Follow, &[code(Home)], "Home", M::FirstSlide, "first slide", None),
    b(Follow, &[code(End), k('G')], "End", M::LastSlide, "last slide", None),
    b(Follow, &[k('g')], "g", M::StartGoTo, "go to a slide: g, its number, Enter", Some("go to")),
    b(Follow, &[k('b')], "b", M::ToggleBlank, "blank the room's screen, or show it again", Some("blank")),
    b(Follow, &[k('c')], "c", M::ToggleClock, "the clock and the time since the first slide, on / off", None),
    b(Follow, &[k('?'), code(F(1))], "?", M::ToggleHelp, "help", Some("help")),
    b(Follow, &[k('q'), ctrl('c')], "q", M::Quit, "quit the presenter view (the room's screen goes on)", Some("quit")),
    // Help, the problems, the whole filter.
    b(Overlay, &[k('j'), code(Down)], "j/↓", M::MoveDown, "scroll down", Some("scroll")),
    b(Overlay, &[k('k'), code(Up)], "k/↑", M::MoveUp, "scroll up", None),
    b(Overlay, &[code(PageDown), ctrl('f')], "PgDn", M::PageDown, "a page down", None),
    b(Overlay, &[code(PageUp), ctrl('b')], "PgUp", M::PageUp, "a page up", None),
    b(Overlay, &[ctrl('d')], "Ctrl-d", M::HalfPageDown, "half a page down", None),
    b(Overlay, &[ctrl('u')], "Ctrl-u", M::HalfPageUp, "half a page up", None),
    b(Overlay, &[k('g'), code(Home)], "g/Home", M::MoveFirst, "top", None),
    b(Overlay, &[k('G'), code(End)], "G/End", M::MoveLast, "bottom", None),
    b(Overlay, &[code(Esc), k('q'), k('?'), code(F(1)), k('!'), k('F')], "Esc/q", M::CancelInput, "close", Some("close")),
    b(Overlay, &[ctrl('c')], "Ctrl-c", M::Quit, "quit", None),
];
