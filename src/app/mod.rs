//! The explorer's state and the one place it changes.
//!
//! `App` owns everything the screen shows; `update` turns a `Message` (an
//! intent, not a key) into a new state and, rarely, an `Effect` for the loop
//! to carry out. Filters, counts, rows and match lists are computed here,
//! once per change, so drawing only reads. Nothing here touches the terminal.

pub mod keymap;
mod lanes;
mod nav;
mod present;
mod reload;
#[cfg(test)]
mod tests;

use ratatui::layout::Rect;

pub use lanes::Lanes;
pub use present::{Deck, Slide};

use crate::model::{ActorIx, EventIx, TagIx, Timeline};
use crate::query::{self, Combine, Filter, Filtered, Index, SearchMode};
use crate::ui::{self, Areas, ThemeName};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Actors,
    Events,
    Details,
}

/// What the prompt line is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    Search,
    DateRange,
    Jump,
    Narrow,
    /// A file path for the export, in the given format.
    Export(crate::export::Format),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Prompt {
        kind: Prompt,
        input: String,
        error: Option<String>,
        /// The text before the prompt opened, restored on cancel.
        before: Option<String>,
    },
    Help {
        scroll: u16,
    },
    Present(Deck),
    Lanes(Lanes),
}

/// What the details pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Event(EventIx),
    Actor(ActorIx),
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
}

/// Intents: what a key, a click or the terminal asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    MoveFirst,
    MoveLast,
    NextPane,
    PrevPane,
    StartSearch,
    NextMatch,
    PrevMatch,
    ToggleSearchMode,
    StartDateRange,
    StartJump,
    ToggleCombine,
    ClearFilters,
    GoBack,
    ToggleHelp,
    Quit,
    Suspend,
    Redraw,
    ToggleSelected,
    OpenSelected,
    PrevYear,
    NextYear,
    NextLink,
    PrevLink,
    InputSubmit,
    InputCancel,
    InputBackspace,
    InputClear,
    InputChar(char),
    StartExport,
    /// In the export prompt: the next format.
    NextFormat,
    /// The loop's report of an export: the path written, or why not.
    ExportDone(Result<String, String>),
    StartPresent,
    /// Opens or closes the lanes view.
    ToggleLanes,
    /// In the lanes view: years, or the months of one year.
    ToggleZoom,
    MoveLeft,
    MoveRight,
    NextSlide,
    PrevSlide,
    FirstSlide,
    LastSlide,
    ToggleNotes,
    ToggleOverview,
    ExitPresent,
    Resize(u16, u16),
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
}

/// Work for the loop, outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Clear and repaint the whole screen.
    Redraw,
    /// Write the shown events to a new file.
    Export {
        format: crate::export::Format,
        path: std::path::PathBuf,
    },
}

pub struct App {
    pub timeline: Timeline,
    pub index: Index,
    pub filter: Filter,
    pub filtered: Filtered,
    /// Rows of the events pane: year separators and events.
    pub rows: Vec<Row>,
    /// For each position in `filtered.events`, its row.
    pub event_rows: Vec<usize>,
    /// Position of the selected event in `filtered.events`.
    pub cursor: usize,
    /// First visible row of the events pane.
    pub events_top: usize,
    pub entries: Vec<Entry>,
    pub entry_cursor: usize,
    pub entries_top: usize,
    /// The actors pane's fuzzy narrowing text.
    pub narrow: String,
    pub pane: Pane,
    pub mode: Mode,
    /// What the details pane shows instead of the selected event, if anything.
    pub details_override: Option<Focus>,
    /// Where `GoBack` returns to, most recent last.
    pub history: Vec<Focus>,
    /// The selected link in the details pane.
    pub link: usize,
    pub details_top: usize,
    pub size: (u16, u16),
    pub theme: ThemeName,
    pub no_color: bool,
    /// A one-line message shown until the next key.
    pub banner: Option<String>,
    /// The timeline's own files, which an export must never replace.
    pub sources: Vec<std::path::PathBuf>,
    /// The paths the timeline was read from, read again when a file below
    /// them changes; empty for the bundled timeline.
    pub watched: Vec<std::path::PathBuf>,
}

impl App {
    pub fn new(timeline: Timeline, filter: Filter, theme: ThemeName, no_color: bool) -> App {
        let index = Index::build(&timeline);
        let filtered = query::apply(&timeline, &index, &filter);
        let mut app = App {
            timeline,
            index,
            filter,
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
            mode: Mode::Browse,
            details_override: None,
            history: Vec::new(),
            link: 0,
            details_top: 0,
            size: (80, 24),
            theme,
            no_color,
            banner: None,
            sources: Vec::new(),
            watched: Vec::new(),
        };
        app.rebuild_rows();
        app.rebuild_entries();
        app
    }

    /// The event under the cursor, if any is shown.
    pub fn selected_event(&self) -> Option<EventIx> {
        self.filtered.events.get(self.cursor).copied()
    }

    /// What the details pane shows.
    pub fn focus(&self) -> Option<Focus> {
        self.details_override
            .or(self.selected_event().map(Focus::Event))
    }

    pub fn areas(&self) -> Areas {
        ui::layout(Rect::new(0, 0, self.size.0, self.size.1), self.pane)
    }

    pub fn search_words(&self) -> Vec<String> {
        query::words(&self.filter.search)
    }

    pub fn update(&mut self, msg: Message) -> Option<Effect> {
        if !matches!(msg, Message::Resize(..)) {
            self.banner = None;
        }
        if matches!(self.mode, Mode::Lanes(_))
            && !matches!(
                msg,
                Message::Quit | Message::Suspend | Message::Redraw | Message::Resize(..)
            )
        {
            self.update_lanes(msg);
            return None;
        }
        if matches!(self.mode, Mode::Present(_)) {
            match msg {
                Message::Quit | Message::Suspend | Message::Redraw | Message::Resize(..) => {}
                Message::Scroll { down, .. } => {
                    self.update_present(if down {
                        Message::NextSlide
                    } else {
                        Message::PrevSlide
                    });
                    return None;
                }
                other => {
                    self.update_present(other);
                    return None;
                }
            }
        }
        match msg {
            Message::Quit => return Some(Effect::Quit),
            Message::Suspend => return Some(Effect::Suspend),
            Message::Redraw => return Some(Effect::Redraw),
            Message::Resize(w, h) => {
                self.size = (w, h);
                self.clamp_scrolls();
            }
            Message::ToggleHelp => {
                self.mode = match self.mode {
                    Mode::Help { .. } => Mode::Browse,
                    _ => Mode::Help { scroll: 0 },
                };
            }
            Message::MoveDown | Message::MoveUp if matches!(self.mode, Mode::Help { .. }) => {
                if let Mode::Help { scroll } = &mut self.mode {
                    *scroll = if msg == Message::MoveDown {
                        scroll.saturating_add(1)
                    } else {
                        scroll.saturating_sub(1)
                    };
                }
            }
            Message::NextPane | Message::PrevPane => {
                let order = [Pane::Actors, Pane::Events, Pane::Details];
                let i = order.iter().position(|p| *p == self.pane).unwrap_or(1);
                let step = if msg == Message::NextPane { 1 } else { 2 };
                self.pane = order[(i + step) % 3];
                self.clamp_scrolls();
            }
            Message::StartSearch => {
                let (kind, input) = match self.pane {
                    Pane::Actors => (Prompt::Narrow, self.narrow.clone()),
                    _ => (Prompt::Search, self.filter.search.clone()),
                };
                // A new search starts empty, as in less and vim; Esc brings the old one back.
                self.mode = Mode::Prompt {
                    kind,
                    before: Some(input),
                    input: String::new(),
                    error: None,
                };
            }
            Message::StartDateRange => {
                let input = match (self.filter.from, self.filter.to) {
                    (None, None) => String::new(),
                    (f, t) => format!(
                        "{}..{}",
                        f.map(|d| d.to_edtf()).unwrap_or_default(),
                        t.map(|d| d.to_edtf()).unwrap_or_default()
                    ),
                };
                self.mode = Mode::Prompt {
                    kind: Prompt::DateRange,
                    input,
                    error: None,
                    before: None,
                };
            }
            Message::StartJump => {
                self.mode = Mode::Prompt {
                    kind: Prompt::Jump,
                    input: String::new(),
                    error: None,
                    before: None,
                };
            }
            Message::InputChar(_)
            | Message::InputBackspace
            | Message::InputClear
            | Message::InputSubmit
            | Message::InputCancel
            | Message::NextFormat => {
                return self.prompt(msg);
            }
            Message::StartExport => {
                let format = crate::export::Format::Markdown;
                let input = suggested_path(format);
                self.mode = Mode::Prompt {
                    kind: Prompt::Export(format),
                    input,
                    error: None,
                    before: None,
                };
            }
            Message::ExportDone(result) => match result {
                Ok(path) => {
                    self.mode = Mode::Browse;
                    self.banner = Some(format!(
                        "Exported {} events to {path}",
                        self.filtered.events.len()
                    ));
                }
                Err(e) => {
                    if let Mode::Prompt { error, .. } = &mut self.mode {
                        *error = Some(e);
                    } else {
                        self.banner = Some(format!("Export failed: {e}"));
                    }
                }
            },
            Message::ToggleCombine => {
                self.filter.combine = match self.filter.combine {
                    Combine::Any => Combine::All,
                    Combine::All => Combine::Any,
                };
                self.refilter(None);
            }
            Message::ToggleSearchMode => {
                self.filter.search_mode = match self.filter.search_mode {
                    SearchMode::Filter => SearchMode::Highlight,
                    SearchMode::Highlight => SearchMode::Filter,
                };
                self.refilter(None);
            }
            Message::ClearFilters => {
                let mode = self.filter.search_mode;
                self.filter = Filter {
                    search_mode: mode,
                    ..Filter::default()
                };
                self.narrow.clear();
                self.rebuild_entries();
                self.refilter(None);
                self.banner = Some("Filters cleared".into());
            }
            Message::ToggleSelected => self.toggle_selected(),
            Message::OpenSelected => self.open_selected(),
            Message::GoBack => self.go_back(),
            Message::NextMatch => self.step_match(true),
            Message::PrevMatch => self.step_match(false),
            Message::StartPresent => self.start_present(),
            Message::ToggleLanes => self.open_lanes(),
            Message::Click { column, row } => self.click(column, row),
            Message::Scroll { column, row, down } => self.scroll_at(column, row, down),
            other => self.navigate(other),
        }
        None
    }

    fn prompt(&mut self, msg: Message) -> Option<Effect> {
        let Mode::Prompt {
            kind,
            input,
            error,
            before,
        } = &mut self.mode
        else {
            return None;
        };
        let kind_now = *kind;
        *error = None;
        match (&msg, kind_now) {
            (Message::NextFormat, Prompt::Export(old)) => {
                let formats = crate::export::Format::ALL;
                let i = formats.iter().position(|f| *f == old).unwrap_or(0);
                let new = formats[(i + 1) % formats.len()];
                *kind = Prompt::Export(new);
                if *input == suggested_path(old) {
                    *input = suggested_path(new);
                } else if let Some(stem) =
                    input.strip_suffix(&format!(".{}", old.suggested_extension()))
                {
                    *input = format!("{stem}.{}", new.suggested_extension());
                }
                return None;
            }
            (Message::InputSubmit, Prompt::Export(format)) => {
                if input.trim().is_empty() {
                    *error = Some("type a file name".into());
                    return None;
                }
                return Some(Effect::Export {
                    format,
                    path: std::path::PathBuf::from(input.trim()),
                });
            }
            _ => {}
        }
        let kind = kind_now;
        match msg {
            Message::InputChar(c) => input.push(c),
            Message::InputBackspace => {
                input.pop();
            }
            Message::InputClear => input.clear(),
            Message::InputCancel => {
                let restore = before.take();
                self.mode = Mode::Browse;
                match (kind, restore) {
                    (Prompt::Search, Some(s)) => self.set_search(s),
                    (Prompt::Narrow, Some(s)) => {
                        self.narrow = s;
                        self.rebuild_entries();
                    }
                    _ => {}
                }
                return None;
            }
            Message::InputSubmit => {
                let text = input.clone();
                match self.submit(kind, &text) {
                    Ok(()) => self.mode = Mode::Browse,
                    Err(e) => {
                        if let Mode::Prompt { error, .. } = &mut self.mode {
                            *error = Some(e);
                        }
                    }
                }
                return None;
            }
            _ => {}
        }
        // Search and narrowing follow every keystroke.
        let text = input.clone();
        match kind {
            Prompt::Search => self.set_search(text),
            Prompt::Narrow => {
                self.narrow = text;
                self.rebuild_entries();
                // The best match is the one a person wants next.
                self.entry_cursor = usize::from(self.entries.first() == Some(&Entry::TagsHeading));
                self.clamp_scrolls();
            }
            Prompt::DateRange | Prompt::Jump | Prompt::Export(_) => {}
        }
        None
    }

    fn submit(&mut self, kind: Prompt, text: &str) -> Result<(), String> {
        match kind {
            Prompt::Search | Prompt::Narrow | Prompt::Export(_) => Ok(()),
            Prompt::DateRange => {
                let (from, to) = if text.trim().is_empty() {
                    (None, None)
                } else {
                    query::parse_range(text)?
                };
                self.filter.from = from;
                self.filter.to = to;
                self.refilter(None);
                Ok(())
            }
            Prompt::Jump => {
                let date =
                    crate::model::EventDate::parse(text.trim()).map_err(|e| e.to_string())?;
                let target = date.first_day();
                let pos = self
                    .filtered
                    .events
                    .iter()
                    .position(|&e| self.timeline.events[e].last_day() >= target)
                    .ok_or_else(|| format!("no event shown on or after {date}"))?;
                self.select_event_pos(pos);
                Ok(())
            }
        }
    }

    fn set_search(&mut self, text: String) {
        let prev_filter = self.filter.clone();
        self.filter.search = text;
        self.refilter(Some(prev_filter));
    }

    /// Re-applies the filter, keeping the selected event, or the nearest one after it.
    pub fn refilter(&mut self, prev_filter: Option<Filter>) {
        let keep = self.selected_event();
        self.filtered = match prev_filter {
            Some(pf) => query::refine(
                &self.timeline,
                &self.index,
                &self.filter,
                &pf,
                &self.filtered,
            ),
            None => query::apply(&self.timeline, &self.index, &self.filter),
        };
        self.cursor = keep.map_or(0, |e| self.filtered.events.partition_point(|&x| x < e));
        if self.cursor >= self.filtered.events.len() {
            self.cursor = self.filtered.events.len().saturating_sub(1);
        }
        self.rebuild_rows();
        self.rebuild_entries();
        self.clamp_scrolls();
    }

    fn rebuild_rows(&mut self) {
        self.rows.clear();
        self.event_rows.clear();
        let mut year = None;
        self.rows.reserve(self.filtered.events.len() + 64);
        self.event_rows.reserve(self.filtered.events.len());
        // The index's compact year array, not the events themselves: this
        // runs on every keystroke over every shown event.
        for (pos, &e) in self.filtered.events.iter().enumerate() {
            let y = self.index.years[e];
            if year != Some(y) {
                self.rows.push(Row::Year(y));
                year = Some(y);
            }
            self.event_rows.push(self.rows.len());
            self.rows.push(Row::Event(pos));
        }
    }

    /// The actors pane: actors by name (or by fuzzy score while narrowing), then tags.
    fn rebuild_entries(&mut self) {
        let selected = self.entries.get(self.entry_cursor).copied();
        let t = &self.timeline;
        let q = self.narrow.trim();
        let mut actors: Vec<(i32, ActorIx)> = (0..t.actors.len())
            .filter_map(|i| {
                let a = &t.actors[i];
                if q.is_empty() {
                    return Some((0, i));
                }
                std::iter::once(&a.short)
                    .chain([&a.name, &a.id])
                    .chain(&a.aliases)
                    .filter_map(|s| query::fuzzy_score(q, s))
                    .max()
                    .map(|score| (score, i))
            })
            .collect();
        if q.is_empty() {
            actors.sort_by_cached_key(|&(_, i)| query::fold(&t.actors[i].short));
        } else {
            actors.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        let tags: Vec<TagIx> = (0..t.tags.len())
            .filter(|&i| q.is_empty() || query::fuzzy_score(q, &t.tags[i]).is_some())
            .collect();
        self.entries = actors.into_iter().map(|(_, i)| Entry::Actor(i)).collect();
        if !tags.is_empty() {
            self.entries.push(Entry::TagsHeading);
            self.entries.extend(tags.into_iter().map(Entry::Tag));
        }
        self.entry_cursor = selected
            .and_then(|s| self.entries.iter().position(|e| *e == s))
            .unwrap_or(0);
        if self.entries.get(self.entry_cursor) == Some(&Entry::TagsHeading) {
            self.entry_cursor += 1;
        }
        self.clamp_scrolls();
    }

    fn toggle_selected(&mut self) {
        if self.pane != Pane::Actors {
            return;
        }
        match self.entries.get(self.entry_cursor) {
            Some(Entry::Actor(a)) => self.filter.toggle_actor(*a),
            Some(Entry::Tag(t)) => self.filter.toggle_tag(*t),
            _ => return,
        }
        self.refilter(None);
    }

    fn open_selected(&mut self) {
        match self.pane {
            Pane::Actors => match self.entries.get(self.entry_cursor).copied() {
                Some(Entry::Actor(a)) => {
                    self.follow(Focus::Actor(a));
                    self.pane = Pane::Details;
                }
                Some(Entry::Tag(_)) => self.toggle_selected(),
                _ => {}
            },
            Pane::Events => {
                if self.selected_event().is_some() {
                    self.details_override = None;
                    self.pane = Pane::Details;
                }
            }
            Pane::Details => {
                if let Some(target) = self.links().get(self.link).copied() {
                    self.follow(target);
                }
            }
        }
    }

    /// The links of the details pane, in reading order.
    pub fn links(&self) -> Vec<Focus> {
        match self.focus() {
            Some(f) => ui::details::links(&self.timeline, &self.index, f),
            None => Vec::new(),
        }
    }

    /// Shows `target` in the details pane, remembering where we were.
    fn follow(&mut self, target: Focus) {
        if let Some(current) = self.focus() {
            if current == target {
                return;
            }
            self.history.push(current);
        }
        self.show(target);
    }

    fn show(&mut self, target: Focus) {
        self.details_override = Some(target);
        if let Focus::Event(e) = target
            && let Ok(pos) = self.filtered.events.binary_search(&e)
        {
            self.select_event_pos(pos);
            self.details_override = None;
        }
        self.link = 0;
        self.details_top = 0;
    }

    fn go_back(&mut self) {
        if self.pane == Pane::Actors && !self.narrow.is_empty() {
            self.narrow.clear();
            self.rebuild_entries();
            return;
        }
        match self.history.pop() {
            Some(prev) => self.show(prev),
            None if self.pane == Pane::Details => {
                self.details_override = None;
                self.pane = Pane::Events;
            }
            None => self.banner = Some("Nothing to go back to".into()),
        }
    }

    fn step_match(&mut self, forward: bool) {
        let matches = &self.filtered.matches;
        if self.filter.search.trim().is_empty() || matches.is_empty() {
            self.banner = Some(if self.filter.search.trim().is_empty() {
                "No search: press / to search".into()
            } else {
                "No matches".into()
            });
            return;
        }
        let current = self.selected_event().unwrap_or(0);
        let next = if forward {
            matches.iter().find(|&&m| m > current).or(matches.first())
        } else {
            matches
                .iter()
                .rev()
                .find(|&&m| m < current)
                .or(matches.last())
        };
        if let Some(&m) = next
            && let Ok(pos) = self.filtered.events.binary_search(&m)
        {
            self.select_event_pos(pos);
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let areas = self.areas();
        let at = ratatui::layout::Position::new(column, row);
        if let Some(r) = areas.actors.filter(|r| r.contains(at)) {
            self.pane = Pane::Actors;
            if let Some(i) = inner_row(r, row).map(|i| i + self.entries_top)
                && i < self.entries.len()
                && self.entries[i] != Entry::TagsHeading
            {
                self.entry_cursor = i;
            }
        } else if let Some(r) = areas.events.filter(|r| r.contains(at)) {
            self.pane = Pane::Events;
            if let Some(Row::Event(pos)) =
                inner_row(r, row).and_then(|i| self.rows.get(i + self.events_top))
            {
                self.select_event_pos(*pos);
            }
        } else if areas.details.is_some_and(|r| r.contains(at)) {
            self.pane = Pane::Details;
        }
    }

    fn scroll_at(&mut self, column: u16, row: u16, down: bool) {
        let areas = self.areas();
        let at = ratatui::layout::Position::new(column, row);
        let pane = if areas.actors.is_some_and(|r| r.contains(at)) {
            Pane::Actors
        } else if areas.details.is_some_and(|r| r.contains(at)) {
            Pane::Details
        } else {
            Pane::Events
        };
        let saved = self.pane;
        self.pane = pane;
        for _ in 0..3 {
            self.navigate(if down {
                Message::MoveDown
            } else {
                Message::MoveUp
            });
        }
        self.pane = saved;
    }
}

/// Where an export goes unless the person types another path.
fn suggested_path(format: crate::export::Format) -> String {
    format!(
        "./{}",
        format.suggested_file_name(chrono::Local::now().date_naive())
    )
}

/// The row inside a bordered pane, if `row` is inside its border.
fn inner_row(r: Rect, row: u16) -> Option<usize> {
    (row > r.y && row + 1 < r.y + r.height).then(|| usize::from(row - r.y - 1))
}
