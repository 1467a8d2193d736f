//! Presentation mode: one event a slide, walked in order, with speaker
//! notes and an overview to jump from. The deck is either the explorer's
//! filtered view or a tour from the timeline files. A slide never loses
//! content silently: `slide` lays it out, and `j`/`k` (or the wheel)
//! scroll what does not fit. `b` blanks the screen, `g` and a number goes
//! to a slide, and the footer keeps a clock. Published (`--publish`), the
//! room's screen shows no speaker notes: the presenter view
//! (`follow`) does, and either side moves both.

use super::deck::{Deck, Typed};
use super::slide::lay_out;
use super::{App, Effect, Message, Mode, Pane, Subject};
use crate::link::{Command, ToPresenter};

impl App {
    /// Opens presentation mode on the filtered view, from the selected event.
    pub(super) fn start_present(&mut self) {
        if self.filtered.events.is_empty() {
            self.banner = Some("Nothing to present: no event is shown".into());
            return;
        }
        let filters = crate::query::describe(&self.timeline, &self.filter, &self.filtered);
        let title = if filters.is_empty() {
            self.timeline.title.clone()
        } else {
            format!("{} · {}", self.timeline.title, filters.join(" · "))
        };
        let start = self.subject_event().or(self.selected_event());
        self.open_deck(Deck::of_events(title, &self.filtered.events, start));
    }

    /// Presents a deck: from now, with notes left to the presenter view
    /// when the presentation is published.
    pub(super) fn open_deck(&mut self, mut deck: Deck) {
        deck.began = self.tick.map(|t| t.uptime);
        if self.publishing {
            deck.notes = false;
        }
        self.decks += 1;
        self.mode = Mode::Present(deck);
        self.clamp_slide();
    }

    /// Lays the current slide out for the screen and keeps its scroll within it.
    pub(super) fn clamp_slide(&mut self) {
        let (w, h) = self.size;
        let Mode::Present(deck) = &mut self.mode else {
            return;
        };
        deck.at = deck.at.min(deck.len().saturating_sub(1));
        deck.layout = lay_out(&self.timeline, deck, w, h);
        let last = deck.layout.body.len().saturating_sub(deck.layout.visible);
        deck.scroll = deck.scroll.min(last);
    }

    /// Leaves presentation mode with the current slide's event selected.
    fn exit_present(&mut self) {
        let event = match &self.mode {
            Mode::Present(deck) => deck.current().map(|s| s.event),
            _ => None,
        };
        self.mode = Mode::Browse;
        self.focus_pane(Pane::Events);
        if let Some(e) = event {
            self.history.clear();
            self.follow(Subject::Event(e));
        }
    }

    pub(super) fn on_present(&mut self, msg: Message) -> Option<Effect> {
        let publishing = self.publishing;
        let Mode::Present(deck) = &mut self.mode else {
            return None;
        };
        // Blank: any key shows the slide again, and does nothing else.
        if deck.blank {
            deck.blank = false;
            return None;
        }
        if deck.goto.is_some() {
            self.banner = type_step(deck, msg);
            self.clamp_slide();
            return None;
        }
        match msg {
            Message::ExitPresent if deck.overview.is_some() => deck.overview = None,
            Message::ExitPresent => {
                self.exit_present();
                return None;
            }
            Message::ToggleHelp => {
                self.open_help();
                return None;
            }
            Message::Quit => return Some(Effect::Quit),
            _ => {}
        }
        let last = deck.len().saturating_sub(1);
        if let Some(cursor) = &mut deck.overview {
            match msg {
                Message::MoveDown | Message::NextSlide => *cursor = (*cursor + 1).min(last),
                Message::MoveUp | Message::PrevSlide => *cursor = cursor.saturating_sub(1),
                Message::FirstSlide => *cursor = 0,
                Message::LastSlide => *cursor = last,
                Message::OpenSelected => {
                    let at = *cursor;
                    deck.go(at);
                    deck.overview = None;
                }
                Message::ToggleOverview => deck.overview = None,
                _ => {}
            }
            self.clamp_slide();
            return None;
        }
        match msg {
            Message::NextSlide => self.banner = step(deck, Command::Next),
            Message::PrevSlide => self.banner = step(deck, Command::Prev),
            Message::FirstSlide => deck.go(0),
            Message::LastSlide => deck.go(last),
            Message::ToggleNotes if publishing => {
                self.banner =
                    Some("Speaker notes are on the presenter view (chronoscope presenter)".into());
            }
            Message::ToggleNotes => deck.notes = !deck.notes,
            Message::ToggleOverview => deck.overview = Some(deck.at),
            Message::ToggleBlank => deck.blank = true,
            Message::StartGoTo => deck.goto = Some(String::new()),
            Message::ToggleClock => deck.clock = !deck.clock,
            Message::MoveDown => deck.scroll += 1,
            Message::MoveUp => deck.scroll = deck.scroll.saturating_sub(1),
            Message::Scroll { down, .. } => {
                deck.scroll = if down {
                    deck.scroll + 3
                } else {
                    deck.scroll.saturating_sub(3)
                }
            }
            _ => {}
        }
        self.clamp_slide();
        None
    }

    /// What the presenter view asked for, on the room's screen.
    pub(super) fn obey(&mut self, cmd: Command) {
        let Mode::Present(deck) = &mut self.mode else {
            return;
        };
        match cmd {
            Command::Next | Command::Prev => {
                step(deck, cmd);
            }
            Command::First => deck.go(0),
            Command::Last => deck.go(deck.len().saturating_sub(1)),
            Command::Go(at) if at < deck.len() => deck.go(at),
            Command::Go(_) => {}
            Command::Blank(b) => deck.blank = b,
        }
        deck.goto = None;
        self.clamp_slide();
    }

    /// How many decks were opened: a new one must be sent to the presenter view.
    pub fn decks_opened(&self) -> u64 {
        self.decks
    }

    /// The deck on screen as the presenter view is told it: the tour and
    /// the events, by id; `Idle` when nothing is presented.
    pub fn published_deck(&self) -> ToPresenter {
        match &self.mode {
            Mode::Present(deck) => ToPresenter::Deck {
                tour: deck.tour.clone(),
                events: deck
                    .slides
                    .iter()
                    .map(|s| self.timeline.events[s.event].id.to_string())
                    .collect(),
            },
            _ => ToPresenter::Idle,
        }
    }

    /// The slide on screen, whether it is blank, and the seconds since the
    /// first slide; `None` when nothing is presented.
    pub fn published_state(&self) -> Option<ToPresenter> {
        let Mode::Present(deck) = &self.mode else {
            return None;
        };
        let elapsed = self
            .tick
            .and_then(|t| deck.elapsed(t.uptime))
            .map_or(0, |d| d.as_secs());
        Some(ToPresenter::State {
            at: deck.at,
            blank: deck.blank,
            elapsed,
        })
    }
}

/// The next or the previous slide, or why there is none.
fn step(deck: &mut Deck, cmd: Command) -> Option<String> {
    let last = deck.len().saturating_sub(1);
    match cmd {
        Command::Next if deck.at == last => Some("Last slide: End of the deck".into()),
        Command::Next => {
            deck.go(deck.at + 1);
            None
        }
        Command::Prev if deck.at == 0 => Some("First slide".into()),
        Command::Prev => {
            deck.go(deck.at - 1);
            None
        }
        _ => None,
    }
}

/// Typing a slide's number after `g`, on the room's screen: the deck
/// goes there; the message, if the number names no slide.
fn type_step(deck: &mut Deck, msg: Message) -> Option<String> {
    let mut typed = deck.goto.take();
    let outcome = deck.type_number(&mut typed, &msg);
    deck.goto = typed;
    match outcome {
        Typed::Go(at) => deck.go(at),
        Typed::NoSuch(why) => return Some(why),
        Typed::Typing => {}
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::slide::DateSize;
    use super::super::testing::{app, selected_id};
    use super::*;

    fn deck(app: &App) -> &Deck {
        match &app.mode {
            Mode::Present(d) => d,
            other => panic!("not presenting: {other:?}"),
        }
    }

    #[test]
    fn presenting_the_filtered_view_from_the_selected_event() {
        let mut app = app();
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        let id = selected_id(&app).to_string();
        app.update(Message::StartPresent);
        assert_eq!(deck(&app).at, 2);
        app.update(Message::NextSlide);
        app.update(Message::PrevSlide);
        app.update(Message::PrevSlide);
        app.update(Message::ExitPresent);
        assert_eq!(app.mode, Mode::Browse);
        assert_ne!(selected_id(&app), id);
    }

    #[test]
    fn the_overview_jumps_to_a_slide() {
        let mut app = app();
        app.update(Message::StartPresent);
        app.update(Message::ToggleOverview);
        app.update(Message::MoveDown);
        app.update(Message::MoveDown);
        app.update(Message::OpenSelected);
        assert_eq!(deck(&app).at, 2);
        assert_eq!(deck(&app).overview, None);
    }

    #[test]
    fn a_tall_slide_shrinks_its_date_before_it_scrolls() {
        let mut app = app();
        app.update(Message::StartPresent);
        app.update(Message::Resize(200, 60));
        assert_eq!(deck(&app).layout.date, DateSize::Full);
        for h in 8..60 {
            app.update(Message::Resize(80, h));
            let d = deck(&app);
            if d.lines_below() > 0 {
                assert_eq!(d.layout.date, DateSize::Line, "at 80×{h}");
            }
        }
        app.update(Message::Resize(44, 10));
        let below = deck(&app).lines_below();
        assert!(below > 0);
        for _ in 0..below + 5 {
            app.update(Message::MoveDown);
        }
        assert_eq!(deck(&app).lines_below(), 0);
        assert_eq!(deck(&app).scroll, below);
        app.update(Message::NextSlide);
        assert_eq!(deck(&app).scroll, 0, "a new slide starts at its top");
    }

    #[test]
    fn a_blank_screen_comes_back_at_any_key_and_the_key_does_nothing_else() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        app.update(Message::StartPresent);
        app.update(Message::ToggleBlank);
        assert!(deck(&app).blank);
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        let msg = app.message_for_key(&q).unwrap();
        assert_eq!(msg, Message::ToggleBlank, "q does not quit a blank screen");
        assert_eq!(app.update(msg), None);
        assert!(!deck(&app).blank);
        assert_eq!(deck(&app).at, 0);
    }

    #[test]
    fn g_and_a_number_goes_to_that_slide() {
        let mut app = app();
        app.update(Message::StartPresent);
        app.update(Message::StartGoTo);
        for c in ['x', '3'] {
            app.update(Message::TypeChar(c));
        }
        assert_eq!(deck(&app).goto.as_deref(), Some("3"), "only digits");
        app.update(Message::SubmitInput);
        assert_eq!((deck(&app).at, deck(&app).goto.clone()), (2, None));
        app.update(Message::StartGoTo);
        app.update(Message::TypeChar('9'));
        app.update(Message::TypeChar('9'));
        app.update(Message::SubmitInput);
        assert_eq!(deck(&app).at, 2);
        assert!(app.banner.as_deref().unwrap().starts_with("No slide 99"));
        app.update(Message::StartGoTo);
        app.update(Message::TypeChar('1'));
        app.update(Message::CancelInput);
        assert_eq!(deck(&app).at, 2, "Esc stays");
    }

    #[test]
    fn the_overview_knows_the_slides_shown() {
        let mut app = app();
        app.update(Message::StartPresent);
        app.update(Message::NextSlide);
        app.update(Message::NextSlide);
        app.update(Message::FirstSlide);
        let seen: Vec<bool> = deck(&app).seen.iter().copied().take(4).collect();
        assert_eq!(seen, [true, true, true, false]);
    }

    #[test]
    fn the_clock_counts_from_the_first_slide() {
        use std::time::Duration;
        let tick = |s| {
            Message::Tick(crate::app::Tick {
                clock: chrono::NaiveTime::MIN,
                uptime: Duration::from_secs(s),
            })
        };
        let mut app = app();
        app.update(tick(40));
        app.update(Message::StartPresent);
        assert!(app.wants_ticks());
        app.update(tick(100));
        assert_eq!(
            deck(&app).elapsed(Duration::from_secs(100)),
            Some(Duration::from_secs(60))
        );
        app.update(Message::ToggleClock);
        assert!(!deck(&app).clock && !app.wants_ticks());
    }

    #[test]
    fn published_the_room_sees_no_speaker_notes() {
        let t = crate::load::load(crate::load::bundled()).timeline;
        let tour = Deck::of_tour(&t, "lal-masjid-to-nap").unwrap();
        let mut s = crate::app::Start::new(t);
        s.deck = Some(tour);
        s.publish = true;
        let mut app = crate::app::testing::app_with(s);
        app.update(Message::NextSlide);
        assert!(!deck(&app).notes);
        app.update(Message::ToggleNotes);
        assert!(!deck(&app).notes);
        assert!(app.banner.as_deref().unwrap().contains("presenter view"));
        assert_eq!(deck(&app).layout.notes_rows, 0);
        let ToPresenter::Deck { tour, events } = app.published_deck() else {
            panic!("no deck published");
        };
        assert_eq!(tour.as_deref(), Some("lal-masjid-to-nap"));
        assert_eq!(events.len(), 14);
        assert_eq!(
            app.published_state(),
            Some(ToPresenter::State {
                at: 1,
                blank: false,
                elapsed: 0
            })
        );
        app.obey(Command::Go(5));
        app.obey(Command::Blank(true));
        assert_eq!((deck(&app).at, deck(&app).blank), (5, true));
        app.obey(Command::Go(500));
        assert_eq!(deck(&app).at, 5, "a position beyond the deck is ignored");
    }

    #[test]
    fn nothing_to_present_says_so() {
        let mut app = app();
        app.update(Message::StartSearch);
        super::super::testing::type_text(&mut app, "zzzzzz");
        app.update(Message::SubmitInput);
        app.update(Message::StartPresent);
        assert_eq!(app.mode, Mode::Browse);
        assert!(
            app.banner
                .as_deref()
                .unwrap()
                .contains("Nothing to present")
        );
    }
}
