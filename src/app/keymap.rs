//! The one key table: it dispatches keys, writes the hint line and the `?`
//! help, so the three never disagree.
//!
//! `lookup` is pure: a mode, the focused pane and a key in, a `Message` out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Message, Mode, Pane};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere while browsing.
    Global,
    Actors,
    Events,
    Details,
    /// While typing a search, a date range, a date or a narrowing.
    Prompt,
    Help,
    /// Presentation mode, one event a slide.
    Present,
    /// The list of slides in presentation mode.
    Overview,
    /// The lanes view: actors by years.
    Lanes,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Actors => "Actors pane",
            Scope::Events => "Events pane",
            Scope::Details => "Details pane",
            Scope::Prompt => "While typing",
            Scope::Help => "Help",
            Scope::Present => "Presenting",
            Scope::Overview => "Slide overview",
            Scope::Lanes => "Lanes (actors by years)",
        }
    }
}

#[derive(Debug, Clone, Copy)]
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
    /// How the keys read in help and hints.
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

use KeyCode::{
    BackTab, Backspace, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};
use Scope::{Actors, Details, Events, Global, Help, Lanes, Overview, Present, Prompt};

pub static BINDINGS: &[Binding] = &[
    // Browsing, in any pane.
    b(
        Global,
        &[k('j'), code(Down)],
        "j/↓",
        Message::MoveDown,
        "move down",
        Some("move"),
    ),
    b(
        Global,
        &[k('k'), code(Up)],
        "k/↑",
        Message::MoveUp,
        "move up",
        None,
    ),
    b(
        Global,
        &[code(PageDown), ctrl('f')],
        "PgDn",
        Message::PageDown,
        "page down",
        None,
    ),
    b(
        Global,
        &[code(PageUp), ctrl('b')],
        "PgUp",
        Message::PageUp,
        "page up",
        None,
    ),
    b(
        Global,
        &[ctrl('d')],
        "Ctrl-d",
        Message::HalfPageDown,
        "half a page down",
        None,
    ),
    b(
        Global,
        &[ctrl('u')],
        "Ctrl-u",
        Message::HalfPageUp,
        "half a page up",
        None,
    ),
    b(
        Global,
        &[k('g'), code(Home)],
        "g/Home",
        Message::MoveFirst,
        "first",
        None,
    ),
    b(
        Global,
        &[k('G'), code(End)],
        "G/End",
        Message::MoveLast,
        "last",
        None,
    ),
    b(
        Global,
        &[code(Tab)],
        "Tab",
        Message::NextPane,
        "next pane",
        Some("pane"),
    ),
    b(
        Global,
        &[code(BackTab)],
        "S-Tab",
        Message::PrevPane,
        "previous pane",
        None,
    ),
    b(
        Global,
        &[k('/')],
        "/",
        Message::StartSearch,
        "search events (in Actors: narrow the list)",
        Some("search"),
    ),
    b(
        Global,
        &[k('n')],
        "n",
        Message::NextMatch,
        "next search match",
        None,
    ),
    b(
        Global,
        &[k('N')],
        "N",
        Message::PrevMatch,
        "previous search match",
        None,
    ),
    b(
        Global,
        &[k('t')],
        "t",
        Message::ToggleSearchMode,
        "search: filter to matches / highlight in place",
        None,
    ),
    b(
        Global,
        &[k('f')],
        "f",
        Message::StartDateRange,
        "filter by dates: 2021..2023-06, 2014, ..2010",
        Some("dates"),
    ),
    b(
        Global,
        &[k(':')],
        ":",
        Message::StartJump,
        "jump to a date: 2014-12",
        None,
    ),
    b(
        Global,
        &[k('m')],
        "m",
        Message::ToggleCombine,
        "actors and tags: any-of / all-of",
        None,
    ),
    b(
        Global,
        &[k('c')],
        "c",
        Message::ClearFilters,
        "clear every filter",
        Some("clear"),
    ),
    b(
        Global,
        &[code(Backspace)],
        "⌫",
        Message::GoBack,
        "back along the history",
        None,
    ),
    b(
        Global,
        &[k('?'), code(KeyCode::F(1))],
        "?",
        Message::ToggleHelp,
        "help",
        Some("help"),
    ),
    b(Global, &[k('q')], "q", Message::Quit, "quit", Some("quit")),
    b(Global, &[ctrl('c')], "Ctrl-c", Message::Quit, "quit", None),
    b(
        Global,
        &[ctrl('z')],
        "Ctrl-z",
        Message::Suspend,
        "suspend to the shell",
        None,
    ),
    b(
        Global,
        &[ctrl('l')],
        "Ctrl-l",
        Message::Redraw,
        "redraw the screen",
        None,
    ),
    b(
        Global,
        &[k('e')],
        "e",
        Message::StartExport,
        "export the shown events to a file",
        Some("export"),
    ),
    b(
        Global,
        &[k('p')],
        "p",
        Message::StartPresent,
        "present the shown events as slides",
        Some("present"),
    ),
    b(
        Global,
        &[k('l')],
        "l",
        Message::ToggleLanes,
        "lanes: who acted when, actors by years",
        Some("lanes"),
    ),
    // Pane-specific.
    b(
        Actors,
        &[k(' ')],
        "Space",
        Message::ToggleSelected,
        "add to / remove from the filter",
        Some("filter"),
    ),
    b(
        Actors,
        &[code(Enter), code(Right)],
        "Enter",
        Message::OpenSelected,
        "open the actor's profile",
        Some("profile"),
    ),
    b(
        Actors,
        &[code(Esc)],
        "Esc",
        Message::GoBack,
        "clear the narrowing, or go back",
        None,
    ),
    b(
        Events,
        &[code(Enter), code(Right)],
        "Enter",
        Message::OpenSelected,
        "read the event in the details pane",
        Some("read"),
    ),
    b(
        Events,
        &[k('[')],
        "[",
        Message::PrevYear,
        "previous year",
        None,
    ),
    b(
        Events,
        &[k(']')],
        "]",
        Message::NextYear,
        "next year",
        Some("next year"),
    ),
    b(
        Events,
        &[k(' ')],
        "Space",
        Message::ToggleSelected,
        "filter by the event's first actor",
        None,
    ),
    b(
        Events,
        &[code(Esc)],
        "Esc",
        Message::GoBack,
        "back along the history",
        None,
    ),
    b(
        Details,
        &[k(']')],
        "]",
        Message::NextLink,
        "next link (actor or event)",
        Some("link"),
    ),
    b(
        Details,
        &[k('[')],
        "[",
        Message::PrevLink,
        "previous link",
        None,
    ),
    b(
        Details,
        &[code(Enter)],
        "Enter",
        Message::OpenSelected,
        "follow the selected link",
        Some("follow"),
    ),
    b(
        Details,
        &[code(Esc), code(Left)],
        "Esc",
        Message::GoBack,
        "back along the history",
        Some("back"),
    ),
    // Typing a search, a range, a date or a narrowing.
    b(
        Prompt,
        &[code(Enter)],
        "Enter",
        Message::InputSubmit,
        "accept",
        Some("accept"),
    ),
    b(
        Prompt,
        &[code(Esc)],
        "Esc",
        Message::InputCancel,
        "cancel",
        Some("cancel"),
    ),
    b(
        Prompt,
        &[code(Backspace)],
        "⌫",
        Message::InputBackspace,
        "delete a character",
        None,
    ),
    b(
        Prompt,
        &[code(Tab)],
        "Tab",
        Message::NextFormat,
        "export: the next format",
        None,
    ),
    b(
        Prompt,
        &[ctrl('u')],
        "Ctrl-u",
        Message::InputClear,
        "clear the input",
        None,
    ),
    b(Prompt, &[ctrl('c')], "Ctrl-c", Message::Quit, "quit", None),
    // The help overlay.
    b(
        Help,
        &[k('j'), code(Down)],
        "j/↓",
        Message::MoveDown,
        "scroll down",
        Some("scroll"),
    ),
    b(
        Help,
        &[k('k'), code(Up)],
        "k/↑",
        Message::MoveUp,
        "scroll up",
        Some("scroll"),
    ),
    b(
        Help,
        &[k('?'), code(Esc), k('q'), code(KeyCode::F(1))],
        "?/Esc",
        Message::ToggleHelp,
        "close help",
        Some("close"),
    ),
    b(Help, &[ctrl('c')], "Ctrl-c", Message::Quit, "quit", None),
    // Presenting.
    b(
        Present,
        &[code(Right), k(' '), k('l'), code(PageDown)],
        "→/Space",
        Message::NextSlide,
        "next slide",
        Some("next"),
    ),
    b(
        Present,
        &[code(Left), code(Backspace), k('h'), code(PageUp)],
        "←",
        Message::PrevSlide,
        "previous slide",
        Some("back"),
    ),
    b(
        Present,
        &[code(Home), k('g')],
        "Home",
        Message::FirstSlide,
        "first slide",
        None,
    ),
    b(
        Present,
        &[code(End), k('G')],
        "End",
        Message::LastSlide,
        "last slide",
        None,
    ),
    b(
        Present,
        &[k('n')],
        "n",
        Message::ToggleNotes,
        "speaker notes on / off",
        Some("notes"),
    ),
    b(
        Present,
        &[k('o')],
        "o",
        Message::ToggleOverview,
        "overview of the slides",
        Some("overview"),
    ),
    b(
        Present,
        &[code(Esc)],
        "Esc",
        Message::ExitPresent,
        "back to the explorer at this event",
        Some("explorer"),
    ),
    b(
        Present,
        &[k('q'), ctrl('c')],
        "q",
        Message::Quit,
        "quit",
        Some("quit"),
    ),
    b(
        Overview,
        &[k('j'), code(Down)],
        "j/↓",
        Message::MoveDown,
        "next slide in the list",
        Some("move"),
    ),
    b(
        Overview,
        &[k('k'), code(Up)],
        "k/↑",
        Message::MoveUp,
        "previous slide in the list",
        None,
    ),
    b(
        Overview,
        &[code(Home), k('g')],
        "Home",
        Message::FirstSlide,
        "first slide",
        None,
    ),
    b(
        Overview,
        &[code(End), k('G')],
        "End",
        Message::LastSlide,
        "last slide",
        None,
    ),
    b(
        Overview,
        &[code(Enter)],
        "Enter",
        Message::OpenSelected,
        "show this slide",
        Some("show"),
    ),
    b(
        Overview,
        &[k('o'), code(Esc)],
        "o/Esc",
        Message::ToggleOverview,
        "close the overview",
        Some("close"),
    ),
    b(
        Overview,
        &[k('q'), ctrl('c')],
        "q",
        Message::Quit,
        "quit",
        Some("quit"),
    ),
    b(
        Lanes,
        &[k('j'), code(Down)],
        "j/↓",
        Message::MoveDown,
        "next actor",
        Some("actor"),
    ),
    b(
        Lanes,
        &[k('k'), code(Up)],
        "k/↑",
        Message::MoveUp,
        "previous actor",
        None,
    ),
    b(
        Lanes,
        &[k('l'), code(Right)],
        "l/→",
        Message::MoveRight,
        "later year (or month)",
        Some("year"),
    ),
    b(
        Lanes,
        &[k('h'), code(Left)],
        "h/←",
        Message::MoveLeft,
        "earlier year (or month)",
        None,
    ),
    b(
        Lanes,
        &[code(PageDown), ctrl('d')],
        "PgDn",
        Message::PageDown,
        "a page of actors down",
        None,
    ),
    b(
        Lanes,
        &[code(PageUp), ctrl('u')],
        "PgUp",
        Message::PageUp,
        "a page of actors up",
        None,
    ),
    b(
        Lanes,
        &[code(Home), k('g')],
        "g/Home",
        Message::MoveFirst,
        "first actor",
        None,
    ),
    b(
        Lanes,
        &[code(End), k('G')],
        "G/End",
        Message::MoveLast,
        "last actor",
        None,
    ),
    b(
        Lanes,
        &[k('z')],
        "z",
        Message::ToggleZoom,
        "the months of this year, or back to years",
        Some("zoom"),
    ),
    b(
        Lanes,
        &[code(Enter)],
        "Enter",
        Message::OpenSelected,
        "list this actor's events in this year (or month)",
        Some("list"),
    ),
    b(
        Lanes,
        &[code(Esc)],
        "Esc",
        Message::ToggleLanes,
        "back to the explorer",
        Some("explorer"),
    ),
    b(
        Lanes,
        &[k('q'), ctrl('c')],
        "q",
        Message::Quit,
        "quit",
        Some("quit"),
    ),
];

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shift is implied by the character itself ('G', '?', ':').
    let mods = ev.modifiers - KeyModifiers::SHIFT;
    let want = key.mods - KeyModifiers::SHIFT;
    match (key.code, ev.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a == b && mods == want,
        (a, b) => a == b && mods == want,
    }
}

/// The scopes that apply, most specific first.
pub fn scopes(mode: &Mode, pane: Pane) -> &'static [Scope] {
    match mode {
        Mode::Help { .. } => &[Help],
        Mode::Prompt { .. } => &[Prompt],
        Mode::Present(deck) if deck.overview.is_some() => &[Overview],
        Mode::Present(_) => &[Present],
        Mode::Lanes(_) => &[Lanes],
        Mode::Browse => match pane {
            Pane::Actors => &[Actors, Global],
            Pane::Events => &[Events, Global],
            Pane::Details => &[Details, Global],
        },
    }
}

/// The message a key means in this mode and pane.
pub fn lookup(mode: &Mode, pane: Pane, ev: &KeyEvent) -> Option<Message> {
    for &scope in scopes(mode, pane) {
        if let Some(b) = BINDINGS
            .iter()
            .find(|b| b.scope == scope && b.keys.iter().any(|k| matches(k, ev)))
        {
            return Some(b.message.clone());
        }
    }
    if let (Mode::Prompt { .. }, KeyCode::Char(c)) = (mode, ev.code)
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Message::InputChar(c));
    }
    None
}

/// The bindings for the hint bar: help and quit first, so they survive a
/// narrow screen, then the pane's own keys, then the rest.
pub fn hints(mode: &Mode, pane: Pane) -> Vec<&'static Binding> {
    let scopes = scopes(mode, pane);
    let mut out: Vec<&Binding> = Vec::new();
    for &scope in scopes {
        for b in BINDINGS
            .iter()
            .filter(|b| b.scope == scope && b.hint.is_some())
        {
            if !out.iter().any(|o| o.label == b.label) {
                out.push(b);
            }
        }
    }
    let rank = |b: &Binding| match b.message {
        Message::ToggleHelp => 0,
        Message::Quit => 1,
        _ if b.scope != Scope::Global => 2,
        _ => 3,
    };
    out.sort_by_key(|b| rank(b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn the_pane_decides_what_a_key_means() {
        let br = key(KeyCode::Char(']'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&Mode::Browse, Pane::Events, &br),
            Some(Message::NextYear)
        );
        assert_eq!(
            lookup(&Mode::Browse, Pane::Details, &br),
            Some(Message::NextLink)
        );
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&Mode::Browse, Pane::Actors, &q), Some(Message::Quit));
    }

    #[test]
    fn typing_goes_to_the_prompt() {
        let mode = Mode::Prompt {
            kind: super::super::Prompt::Search,
            input: String::new(),
            error: None,
            before: None,
        };
        assert_eq!(
            lookup(
                &mode,
                Pane::Events,
                &key(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            Some(Message::InputChar('q'))
        );
        assert_eq!(
            lookup(
                &mode,
                Pane::Events,
                &key(KeyCode::Char('Q'), KeyModifiers::SHIFT)
            ),
            Some(Message::InputChar('Q'))
        );
        assert_eq!(
            lookup(&mode, Pane::Events, &key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Message::InputCancel)
        );
        assert_eq!(
            lookup(
                &mode,
                Pane::Events,
                &key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Message::Quit)
        );
    }

    #[test]
    fn shifted_characters_match_their_bindings() {
        assert_eq!(
            lookup(
                &Mode::Browse,
                Pane::Events,
                &key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Message::MoveLast)
        );
        assert_eq!(
            lookup(
                &Mode::Browse,
                Pane::Events,
                &key(KeyCode::Char('?'), KeyModifiers::SHIFT)
            ),
            Some(Message::ToggleHelp)
        );
        assert_eq!(
            lookup(
                &Mode::Browse,
                Pane::Events,
                &key(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(Message::HalfPageDown)
        );
        assert_eq!(
            lookup(
                &Mode::Browse,
                Pane::Events,
                &key(KeyCode::Char('x'), KeyModifiers::ALT)
            ),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b2 in &BINDINGS[i + 1..] {
                if a.scope != b2.scope {
                    continue;
                }
                for ka in a.keys {
                    assert!(
                        !b2.keys
                            .iter()
                            .any(|kb| ka.code == kb.code && ka.mods == kb.mods),
                        "{:?} bound twice in {:?}",
                        ka.code,
                        a.scope
                    );
                }
            }
        }
    }

    #[test]
    fn hints_follow_the_pane() {
        let labels: Vec<&str> = hints(&Mode::Browse, Pane::Details)
            .iter()
            .map(|b| b.label)
            .collect();
        assert!(
            labels.contains(&"]") && labels.contains(&"Esc") && labels.contains(&"q"),
            "{labels:?}"
        );
    }
}
