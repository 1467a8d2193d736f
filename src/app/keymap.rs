//! The one key table: it dispatches keys, writes the hint line and the `?`
//! help, and names every key shown anywhere on screen, so they never
//! disagree.
//!
//! `lookup` is pure: a mode, the focused pane and a key in, a `Message`
//! out. To add a key, add a row to `BINDINGS` in its scope; the help and
//! the hints follow, and `every_binding_does_something` sends it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod bindings;
mod help;

pub use bindings::{BINDINGS, Binding, Key};
pub use help::{HelpLine, MARKS, help_lines};

use super::{Message, Mode, Pane};
use Scope::{
    Actors, Confirm, Details, Events, Follow, Global, GoTo, Lanes, Map, Overlay, Overview, Present,
    Prompt, Publishers, Tours, Views,
};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere while browsing.
    Global,
    Actors,
    Events,
    Details,
    /// While typing a search, a date range, a date, a narrowing or a path.
    Prompt,
    /// Asked whether to replace a file.
    Confirm,
    /// Help, the problems list, the full filter.
    Overlay,
    /// Presentation mode, one event a slide.
    Present,
    /// The list of slides in presentation mode.
    Overview,
    /// Typing a slide's number after `g`.
    GoTo,
    /// The tour picker.
    Tours,
    /// The presenter view, following the room's screen.
    Follow,
    /// The saved views.
    Views,
    /// The lanes view: actors by years.
    Lanes,
    /// The map: where the shown events happened.
    Map,
    /// The sources view: publishers and what they support.
    Publishers,
}

impl Scope {
    /// Every scope, in the order help lists them.
    pub const ALL: [Scope; 16] = [
        Scope::Global,
        Scope::Actors,
        Scope::Events,
        Scope::Details,
        Scope::Prompt,
        Scope::Confirm,
        Scope::Lanes,
        Scope::Map,
        Scope::Publishers,
        Scope::Views,
        Scope::Tours,
        Scope::Present,
        Scope::GoTo,
        Scope::Overview,
        Scope::Follow,
        Scope::Overlay,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere in the explorer",
            Scope::Actors => "Actors pane",
            Scope::Events => "Events pane",
            Scope::Details => "Details pane",
            Scope::Prompt => "While typing",
            Scope::Confirm => "Asked to replace a file",
            Scope::Overlay => "Help and other overlays",
            Scope::Present => "Presenting",
            Scope::Overview => "Slide overview",
            Scope::GoTo => "Going to a slide (g, then its number)",
            Scope::Tours => "Tours (choose one to present)",
            Scope::Views => "Views (saved filters)",
            Scope::Follow => "Presenter view (chronoscope presenter)",
            Scope::Lanes => "Lanes (actors by years)",
            Scope::Map => "Map (where the shown events happened)",
            Scope::Publishers => "Sources (publishers of the shown events)",
        }
    }
}

/// A binding in force: a row of `BINDINGS`, its keys as the person's
/// settings remap them (`remap`).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub scope: Scope,
    pub keys: Vec<Key>,
    /// How the keys read in help, hints and messages.
    pub label: String,
    pub message: Message,
    pub desc: &'static str,
    pub hint: Option<&'static str>,
}

/// The key table in force: the defaults, remapped by the person's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    /// `BINDINGS` as they are.
    pub fn defaults() -> Table {
        Table {
            rows: BINDINGS
                .iter()
                .map(|b| Row {
                    scope: b.scope,
                    keys: b.keys.to_vec(),
                    label: b.label.to_string(),
                    message: b.message.clone(),
                    desc: b.desc,
                    hint: b.hint,
                })
                .collect(),
        }
    }
}

static ACTIVE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();

/// The table every key is looked up in and every key name on screen comes from.
pub fn table() -> &'static Table {
    ACTIVE.get_or_init(Table::defaults)
}

/// Puts a remapped table in force, once, before the explorer starts; false
/// when a table was already in force.
pub fn install(t: Table) -> bool {
    ACTIVE.set(t).is_ok()
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    // Shift is implied by the character itself ('G', '?', ':').
    same_key(key.code, key.mods, ev.code, ev.modifiers)
}

/// Keys compare as `lookup` reads them: Shift does not count for a
/// character, which carries its own case.
fn same_key(a: KeyCode, a_mods: KeyModifiers, b: KeyCode, b_mods: KeyModifiers) -> bool {
    a == b && a_mods - KeyModifiers::SHIFT == b_mods - KeyModifiers::SHIFT
}

/// The scopes that apply, most specific first.
pub fn scopes(mode: &Mode, pane: Pane) -> &'static [Scope] {
    match mode {
        Mode::Help { .. }
        | Mode::Problems { .. }
        | Mode::FilterInFull { .. }
        | Mode::Copied { .. } => &[Overlay],
        Mode::Prompt(_) => &[Prompt],
        Mode::ConfirmReplace { .. } => &[Confirm],
        Mode::Present(deck) if deck.goto.is_some() => &[GoTo],
        Mode::Present(deck) if deck.overview.is_some() => &[Overview],
        Mode::Present(_) => &[Present],
        Mode::Tours(_) => &[Tours],
        Mode::Views(_) => &[Views],
        Mode::Follow(f) if f.goto.is_some() => &[GoTo],
        Mode::Follow(_) => &[Follow],
        Mode::Lanes(_) => &[Lanes],
        Mode::Map(_) => &[Map],
        Mode::Publishers(_) => &[Publishers],
        Mode::Browse => match pane {
            Pane::Actors => &[Actors, Global],
            Pane::Events => &[Events, Global],
            Pane::Details => &[Details, Global],
        },
    }
}

/// The message a key means in this mode and pane.
pub fn lookup(mode: &Mode, pane: Pane, ev: &KeyEvent) -> Option<Message> {
    // A blanked screen shows again at any key, and the key does nothing else.
    if let Mode::Present(deck) = mode
        && deck.blank
    {
        return Some(Message::ToggleBlank);
    }
    let typing = matches!(scopes(mode, pane), [Prompt] | [GoTo]);
    for &scope in scopes(mode, pane) {
        if let Some(b) = table()
            .rows
            .iter()
            .find(|b| b.scope == scope && b.keys.iter().any(|k| matches(k, ev)))
        {
            return Some(b.message.clone());
        }
    }
    if let (true, KeyCode::Char(c)) = (typing, ev.code)
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return Some(Message::TypeChar(c));
    }
    None
}

/// How the key for `message` in `scope` reads: "Esc", "c". Every key
/// named on screen comes from here.
pub fn label(scope: Scope, message: &Message) -> &'static str {
    table()
        .rows
        .iter()
        .find(|b| b.scope == scope && b.message == *message)
        .map_or("?", |b| b.label.as_str())
}

/// The bindings for the hint bar: help and quit first, so they survive a
/// narrow screen, then the pane's own keys, then the rest.
pub fn hints(mode: &Mode, pane: Pane) -> Vec<&'static Row> {
    let scopes = scopes(mode, pane);
    let mut out: Vec<&Row> = Vec::new();
    for &scope in scopes {
        for b in table()
            .rows
            .iter()
            .filter(|b| b.scope == scope && b.hint.is_some())
        {
            if !out.iter().any(|o| o.label == b.label) {
                out.push(b);
            }
        }
    }
    let rank = |b: &Row| match b.message {
        Message::ToggleHelp => 0,
        Message::Quit => 1,
        _ if b.scope != Scope::Global => 2,
        _ => 3,
    };
    out.sort_by_key(|b| rank(b));
    out
}

#[cfg(test)]
mod tests;
