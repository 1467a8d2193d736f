//! What drawing reads: the explorer's state as the screens see it,
//! never changed from here.

use std::path::PathBuf;

use super::{App, Areas, Doc, Entry, Live, Message, Mode, Pane, Row, Subject, keymap};
use crate::cli::ThemeName;
use crate::export::Protected;
use crate::model::{EventIx, Timeline};
use crate::query::{Filter, Filtered, Index};

impl App {
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }
    pub fn index(&self) -> &Index {
        &self.index
    }
    pub fn filter(&self) -> &Filter {
        &self.filter
    }
    pub fn filtered(&self) -> &Filtered {
        &self.filtered
    }
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }
    /// Position of the selected event among the shown ones.
    pub fn cursor(&self) -> usize {
        self.cursor
    }
    pub fn events_top(&self) -> usize {
        self.events_top
    }
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    pub fn entry_cursor(&self) -> usize {
        self.entry_cursor
    }
    pub fn entries_top(&self) -> usize {
        self.entries_top
    }
    pub fn narrowing(&self) -> &str {
        &self.narrow
    }
    /// The pane that has the keyboard.
    pub fn pane(&self) -> Pane {
        self.pane
    }
    pub fn mode(&self) -> &Mode {
        &self.mode
    }
    pub fn history_len(&self) -> usize {
        self.history.len()
    }
    /// The selected link of the details pane.
    pub fn link(&self) -> usize {
        self.link
    }
    pub fn details_top(&self) -> usize {
        self.details_top
    }
    pub fn doc(&self) -> &Doc {
        &self.doc
    }
    pub fn areas(&self) -> &Areas {
        &self.areas
    }
    pub fn size(&self) -> (u16, u16) {
        self.size
    }
    pub fn theme(&self) -> ThemeName {
        self.theme
    }
    pub fn no_color(&self) -> bool {
        self.no_color
    }
    pub fn banner(&self) -> Option<&str> {
        self.banner.as_deref()
    }
    pub fn live(&self) -> &Live {
        &self.live
    }
    /// What an export may never write over or into.
    pub fn protected(&self) -> &Protected {
        &self.protected
    }
    /// The paths the timeline is read from again when they change.
    pub fn watched(&self) -> &[PathBuf] {
        &self.watched
    }

    /// Whether the event is marked.
    pub fn is_marked(&self, e: EventIx) -> bool {
        self.marked.get(e).copied().unwrap_or(false)
    }

    /// The person's note on the event, if any.
    pub fn note(&self, e: EventIx) -> Option<&str> {
        self.timeline
            .events
            .get(e)
            .and_then(|ev| self.marks.note(&ev.id))
    }

    pub fn marks(&self) -> &crate::marks::Marks {
        &self.marks
    }

    /// The event under the cursor, if any is shown.
    pub fn selected_event(&self) -> Option<EventIx> {
        self.filtered.events.get(self.cursor).copied()
    }

    /// What the details pane shows.
    pub fn subject(&self) -> Option<Subject> {
        self.details_override
            .or(self.selected_event().map(Subject::Event))
    }

    /// The search's words, as matched: for marking matches on screen.
    pub fn search_words(&self) -> Vec<String> {
        crate::query::words(&self.filter.search)
    }

    /// The message a key means here, from the key table.
    pub fn message_for_key(&self, key: &ratatui::crossterm::event::KeyEvent) -> Option<Message> {
        keymap::lookup(&self.mode, self.pane, key)
    }
}
