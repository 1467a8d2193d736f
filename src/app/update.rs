//! `update`: the few messages that mean the same in every mode, then one
//! handler per mode. A message a mode has no use for changes nothing
//! there; the key table only sends a mode the messages of its own scope,
//! and a test sends every one of them (`keymap`'s tests).

use super::{App, Effect, Message, Mode, Pane, Subject, layout};

impl App {
    pub fn update(&mut self, msg: Message) -> Option<Effect> {
        match msg {
            Message::Quit => return Some(Effect::Quit),
            Message::Suspend => return Some(Effect::Suspend),
            Message::Redraw => return Some(Effect::Redraw),
            Message::Resize(w, h) => {
                self.resize(w, h);
                return None;
            }
            // The loop's reports arrive whatever is on screen.
            Message::Reloading => {
                self.live.reloading = true;
                return None;
            }
            Message::ReloadStalled => {
                self.live.stalled = true;
                return None;
            }
            Message::Reloaded(outcome) => {
                self.reloaded(*outcome);
                return None;
            }
            Message::WatchChanged(status) => {
                self.live.watch = status;
                return None;
            }
            Message::ExportDone(result) => return self.export_done(result),
            Message::MarksSaved(result) => {
                self.marks_saved(result);
                return None;
            }
            Message::NoteEdited(event, result) => {
                return match result {
                    Ok(text) => self.submit_note(event, &text),
                    Err(why) => {
                        self.banner = Some(format!("Note unchanged: {why}"));
                        None
                    }
                };
            }
            Message::Tick(tick) => {
                self.tick = Some(tick);
                self.began_now(tick);
                return None;
            }
            Message::Linked(event) => return self.linked(event),
            Message::ViewsSaved(result) => {
                self.views_saved(result);
                return None;
            }
            Message::TourSaved(result) => {
                self.tour_saved(result);
                return None;
            }
            Message::OpenDone(result) => {
                self.banner = Some(match result {
                    Ok(url) => format!("Opened {url}"),
                    Err(why) => {
                        format!("Could not open it: {why} · y copies a citation with the address")
                    }
                });
                return None;
            }
            _ => {}
        }
        self.banner = None;
        match &self.mode {
            Mode::Browse if msg == Message::CopyCitation => return self.copy_citation(),
            Mode::Browse if msg == Message::OpenSource => return self.open_source(),
            Mode::Browse if msg == Message::ToggleMark => return self.toggle_mark(),
            Mode::Browse => self.on_browse(msg),
            Mode::Prompt(_) => return self.on_prompt(msg),
            Mode::ConfirmReplace { .. } => return self.on_confirm(msg),
            Mode::Help { .. } | Mode::Problems { .. } => self.on_overlay(msg),
            Mode::FilterInFull { .. } | Mode::Copied { .. } => self.on_filter_in_full(msg),
            Mode::Present(_) => return self.on_present(msg),
            Mode::Tours(_) => self.on_tours(msg),
            Mode::Views(_) => self.on_views(msg),
            Mode::Follow(_) => return self.on_follow(msg),
            Mode::Lanes(_) => self.on_lanes(msg),
            Mode::Map(_) => self.on_map(msg),
            Mode::Publishers(_) => self.on_publishers(msg),
        }
        None
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.areas = layout(w, h, self.pane);
        self.clamp_scrolls();
        self.clamp_overlay();
        self.clamp_slide();
        self.resize_map();
    }

    /// Browsing: the three panes.
    fn on_browse(&mut self, msg: Message) {
        match msg {
            Message::MoveDown
            | Message::MoveUp
            | Message::PageDown
            | Message::PageUp
            | Message::HalfPageDown
            | Message::HalfPageUp
            | Message::MoveFirst
            | Message::MoveLast => self.move_in_pane(&msg),
            Message::PrevYear => self.step_year(false),
            Message::NextYear => self.step_year(true),
            Message::NextLink => self.step_link(1),
            Message::PrevLink => self.step_link(-1),
            Message::NextPane => self.cycle_pane(1),
            Message::PrevPane => self.cycle_pane(Pane::ALL.len() - 1),
            Message::StartSearch => self.start_search(),
            Message::StartDateRange => self.start_date_range(),
            Message::StartJump => self.start_jump(),
            Message::StartSources => self.start_sources(),
            Message::StartAsOf => self.start_as_of(),
            Message::ToggleContested => self.toggle_contested(),
            Message::ToggleWeaklySourced => self.toggle_weakly_sourced(),
            Message::StartExport => self.start_export(),
            Message::NextMatch => self.step_match(true),
            Message::PrevMatch => self.step_match(false),
            Message::ToggleSearchMode => self.toggle_search_mode(),
            Message::ToggleCombine => self.toggle_combine(),
            Message::ClearFilters => self.clear_filters(),
            Message::ToggleSelected => self.toggle_selected(),
            Message::OpenSelected => self.open_selected(),
            Message::GoBack => self.go_back(),
            Message::ShowFilter => self.open_overlay(|behind| Mode::FilterInFull { behind }),
            Message::ToggleHelp => self.open_help(),
            Message::ToggleProblems => self.open_problems(),
            Message::StartPresent => self.start_present(),
            Message::StartTours => self.open_tours(),
            Message::StartViews => self.open_views(),
            Message::StartSaveView => self.start_save_view(),
            Message::ToggleLanes => self.open_lanes(),
            Message::ToggleMap => self.open_map(),
            Message::NextMark => self.step_mark(true),
            Message::PrevMark => self.step_mark(false),
            Message::ToggleMarkedOnly => self.toggle_marked_only(),
            Message::StartNote => self.start_note(),
            Message::StartSaveTour => self.start_save_tour(),
            Message::ToggleChangedOnly => self.toggle_changed_only(),
            Message::ToggleSources => self.open_publishers(),
            Message::Click { column, row } => self.click(column, row),
            Message::Scroll { column, row, down } => self.scroll_at(column, row, down),
            _ => {}
        }
    }

    fn cycle_pane(&mut self, step: usize) {
        let i = Pane::ALL.iter().position(|p| *p == self.pane).unwrap_or(1);
        self.focus_pane(Pane::ALL[(i + step) % Pane::ALL.len()]);
    }

    /// Gives `pane` the keyboard; the layout follows it on narrow screens.
    pub(super) fn focus_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.areas = layout(self.size.0, self.size.1, pane);
        self.clamp_scrolls();
    }

    /// Opens an overlay over what is on screen now.
    pub(super) fn open_overlay(&mut self, make: impl FnOnce(Box<Mode>) -> Mode) {
        let behind = std::mem::replace(&mut self.mode, Mode::Browse);
        self.mode = make(Box::new(behind));
    }

    /// The help, over whatever is on screen, from any mode that offers it.
    pub(super) fn open_help(&mut self) {
        self.open_overlay(|behind| Mode::Help { scroll: 0, behind });
    }

    fn open_problems(&mut self) {
        if self.live.broken.is_none() {
            self.banner = Some(match &self.live.watch {
                super::WatchStatus::Stopped(why) => format!("No problems in the files · {why}"),
                _ => "No problems: the timeline's files load cleanly".into(),
            });
            return;
        }
        self.open_overlay(|behind| Mode::Problems { scroll: 0, behind });
    }

    /// Help, the problems and the full filter: scrolling, closing, and
    /// the overlay's own key again. Clicks never reach what is behind.
    fn on_overlay(&mut self, msg: Message) {
        let page = layout::overlay_height(self.size.1);
        let total = self.overlay_lines();
        let (Mode::Help { scroll, .. } | Mode::Problems { scroll, .. }) = &mut self.mode else {
            return;
        };
        let last = total.saturating_sub(page);
        match msg {
            Message::MoveDown => *scroll = (*scroll + 1).min(last),
            Message::MoveUp => *scroll = scroll.saturating_sub(1),
            Message::PageDown => *scroll = (*scroll + page).min(last),
            Message::PageUp => *scroll = scroll.saturating_sub(page),
            Message::HalfPageDown => *scroll = (*scroll + page / 2).min(last),
            Message::HalfPageUp => *scroll = scroll.saturating_sub(page / 2),
            Message::MoveFirst => *scroll = 0,
            Message::MoveLast => *scroll = last,
            Message::Scroll { down, .. } => {
                *scroll = if down {
                    (*scroll + 3).min(last)
                } else {
                    scroll.saturating_sub(3)
                }
            }
            Message::ToggleHelp | Message::ToggleProblems | Message::CancelInput => {
                self.close_overlay()
            }
            _ => {}
        }
    }

    fn on_filter_in_full(&mut self, msg: Message) {
        if matches!(
            msg,
            Message::ShowFilter | Message::CancelInput | Message::ToggleHelp
        ) {
            self.close_overlay();
        }
    }

    /// Back to what the overlay covered.
    fn close_overlay(&mut self) {
        let mode = std::mem::replace(&mut self.mode, Mode::Browse);
        self.mode = match mode {
            Mode::Help { behind, .. }
            | Mode::Problems { behind, .. }
            | Mode::FilterInFull { behind }
            | Mode::Copied { behind, .. } => *behind,
            other => other,
        };
    }

    /// Lines of the open overlay, to clamp its scroll.
    fn overlay_lines(&self) -> usize {
        match &self.mode {
            Mode::Help { .. } => super::keymap::help_lines().len(),
            // The heading and a blank row, then the problems' rows.
            Mode::Problems { .. } => 2 + self.problem_rows().len(),
            _ => 0,
        }
    }

    fn clamp_overlay(&mut self) {
        let last = self
            .overlay_lines()
            .saturating_sub(layout::overlay_height(self.size.1));
        if let Mode::Help { scroll, .. } | Mode::Problems { scroll, .. } = &mut self.mode {
            *scroll = (*scroll).min(last);
        }
    }

    /// The subject's event, if it is one.
    pub(super) fn subject_event(&self) -> Option<crate::model::EventIx> {
        match self.subject() {
            Some(Subject::Event(e)) => Some(e),
            _ => None,
        }
    }
}
