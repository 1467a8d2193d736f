//! The details pane: what it shows (the selected event, or an actor or
//! event followed from a link), its history, and following its links.
//! The document it shows is made by `doc`, once per change of subject or
//! width.

use super::doc::document;
use super::{App, Entry, Pane, Subject, Visit};

impl App {
    /// Lays the details document out again when what it shows, its width
    /// or its selected link changed.
    pub(super) fn lay_out_details(&mut self) {
        let Some(subject) = self.subject() else {
            self.doc = super::Doc::default();
            self.doc_key = None;
            return;
        };
        let key = (subject, self.details_width());
        if self.doc_key == Some(key) {
            return;
        }
        let own = match subject {
            Subject::Event(e) => super::doc::Own {
                mark: self.is_marked(e).then(|| self.note(e).unwrap_or_default()),
                since: self.changes(e),
            },
            Subject::Actor(_) => super::doc::Own::default(),
        };
        self.doc = document(&self.timeline, &self.index, subject, key.1, self.link, own);
        self.doc_key = Some(key);
    }

    pub(super) fn open_selected(&mut self) {
        match self.pane {
            Pane::Actors => match self.entries.get(self.entry_cursor).copied() {
                Some(Entry::Actor(a)) => {
                    self.follow(Subject::Actor(a));
                    self.focus_pane(Pane::Details);
                }
                Some(Entry::Tag(_) | Entry::Place(_)) => self.toggle_selected(),
                _ => {}
            },
            Pane::Events => {
                if self.selected_event().is_some() {
                    self.details_override = None;
                    self.doc_key = None;
                    self.focus_pane(Pane::Details);
                }
            }
            Pane::Details => match self.doc.links.get(self.link).map(|l| (l.target, l.place)) {
                Some((Some(target), _)) => self.follow(target),
                Some((None, Some(place))) => self.filter_to_place(place),
                Some((None, None)) => {
                    self.banner =
                        Some("A source's address: shown whole while it is selected".into())
                }
                None => self.banner = Some("No links here".into()),
            },
        }
    }

    /// Shows `target` in the details pane, remembering where we were.
    pub(super) fn follow(&mut self, target: Subject) {
        if let Some(current) = self.subject() {
            if current == target {
                return;
            }
            self.history.push(Visit {
                subject: current,
                top: self.details_top,
                link: self.link,
            });
        }
        self.show(Visit {
            subject: target,
            top: 0,
            link: 0,
        });
    }

    fn show(&mut self, visit: Visit) {
        self.details_override = Some(visit.subject);
        if let Subject::Event(e) = visit.subject
            && let Ok(pos) = self.filtered.events.binary_search(&e)
        {
            self.jump_to(pos);
            self.details_override = None;
        }
        self.link = visit.link;
        self.doc_key = None;
        self.clamp_scrolls();
        self.details_top = visit.top;
        self.clamp_scrolls();
    }

    pub(super) fn go_back(&mut self) {
        if self.pane == Pane::Actors && !self.narrow.is_empty() {
            self.narrow.clear();
            self.rebuild_entries();
            return;
        }
        match self.history.pop() {
            Some(prev) => self.show(prev),
            None if self.pane == Pane::Details => {
                self.details_override = None;
                self.doc_key = None;
                self.focus_pane(Pane::Events);
            }
            None => match self.lanes_return.take() {
                Some(lanes) => self.return_to_lanes(lanes),
                None => self.banner = Some("Nothing to go back to".into()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Message;
    use super::super::testing::{app, selected_id};
    use super::*;

    fn link_to(app: &App, want: Subject) -> usize {
        app.doc
            .links
            .iter()
            .position(|l| l.target == Some(want))
            .unwrap()
    }

    #[test]
    fn following_links_and_going_back_restores_scroll_and_link() {
        let mut app = app();
        app.update(Message::Resize(120, 20));
        app.update(Message::OpenSelected);
        assert_eq!(app.pane, Pane::Details);
        let ttp = app.timeline.actor_ix("ttp").unwrap();
        let n = link_to(&app, Subject::Actor(ttp));
        for _ in 0..n {
            app.update(Message::NextLink);
        }
        let (top, link) = (app.details_top, app.link);
        app.update(Message::OpenSelected);
        assert_eq!(app.subject(), Some(Subject::Actor(ttp)));
        assert_eq!(app.history.len(), 1);
        app.update(Message::GoBack);
        assert_eq!(selected_id(&app), "2007-12-ttp-founded");
        assert_eq!((app.details_top, app.link), (top, link));
        app.update(Message::GoBack);
        assert_eq!(app.pane, Pane::Events);
    }
}
