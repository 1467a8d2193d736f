//! The presenter view (`chronoscope presenter`), and the room's side of
//! its channel. The presenter view reads its own copy of the timeline and
//! follows the slide the room sees: the speaker notes large, what comes
//! next, where the deck stands, the clock and the time since the first
//! slide. Its keys are sent to the room's screen, which moves and says
//! where it is now; the presenter view only ever shows what it was told.

use std::time::Duration;

use super::deck::{Deck, Typed};
use super::{App, Effect, Message, Mode};
use crate::link::{Command, Event, ToPresenter};
use crate::model::EventIx;

/// How the presenter view stands with the room's screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Nothing is published at the socket yet.
    Waiting,
    /// Connected, and following.
    Following,
    /// Connected, but the room's screen is on the explorer.
    Idle,
    /// Another presenter view is following: this one tries again.
    Refused,
    /// The room's screen closed: waiting for the next presentation.
    Ended,
    /// What the room's screen sent could not be read, or names events
    /// this timeline lacks: why.
    Trouble(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Follow {
    /// The socket followed, to say where the presenter view waits.
    pub socket: String,
    pub status: Status,
    /// The room's deck, read from this timeline, at the room's slide.
    pub deck: Option<Deck>,
    /// The number typed after `g`, while it is typed.
    pub goto: Option<String>,
    pub clock: bool,
}

impl Follow {
    pub fn new(socket: String) -> Follow {
        Follow {
            socket,
            status: Status::Waiting,
            deck: None,
            goto: None,
            clock: true,
        }
    }
}

impl App {
    /// Each second: a deck's first slide counts from the first reading.
    pub(super) fn began_now(&mut self, tick: super::Tick) {
        if let Mode::Present(deck) = &mut self.mode
            && deck.began.is_none()
        {
            deck.began = Some(tick.uptime);
        }
    }

    /// Whether the loop should read the clock every second.
    pub fn wants_ticks(&self) -> bool {
        match &self.mode {
            Mode::Present(d) => d.clock || d.began.is_none(),
            Mode::Follow(f) => f.clock,
            Mode::Help { behind, .. } => matches!(**behind, Mode::Present(_) | Mode::Follow(_)),
            _ => false,
        }
    }

    /// The loop's last clock reading.
    pub fn tick(&self) -> Option<super::Tick> {
        self.tick
    }

    /// What the channel reported, on either side of it.
    pub(super) fn linked(&mut self, event: Event) -> Option<Effect> {
        match event {
            Event::Joined => self.banner = Some("A presenter view is following".into()),
            Event::Left => self.banner = Some("The presenter view quit".into()),
            Event::Command(cmd) => self.obey(cmd),
            // Ended is waiting too, and says more.
            Event::Waiting if matches!(&self.mode, Mode::Follow(f) if f.status == Status::Ended) => {
            }
            Event::Waiting => self.set_status(Status::Waiting),
            Event::Ended => self.set_status(Status::Ended),
            Event::Garbled(why) => self.set_status(Status::Trouble(format!(
                "The room's screen sent what cannot be read: {why}"
            ))),
            Event::Said(said) => self.told(said),
        }
        None
    }

    fn set_status(&mut self, status: Status) {
        if let Mode::Follow(f) = &mut self.mode {
            f.status = status;
            f.deck = None;
            f.goto = None;
        }
    }

    /// The room's screen said this.
    fn told(&mut self, said: ToPresenter) {
        let uptime = self.tick.map(|t| t.uptime);
        let deck = match &said {
            ToPresenter::Deck { tour, events } => Some(self.deck_of(tour.as_deref(), events)),
            _ => None,
        };
        let Mode::Follow(f) = &mut self.mode else {
            return;
        };
        match said {
            ToPresenter::Greeting => f.status = Status::Idle,
            ToPresenter::Busy => {
                f.status = Status::Refused;
                f.deck = None;
            }
            ToPresenter::Idle => {
                f.status = Status::Idle;
                f.deck = None;
            }
            ToPresenter::Bye => {
                f.status = Status::Ended;
                f.deck = None;
            }
            ToPresenter::Deck { .. } => match deck {
                Some(Ok(d)) => {
                    f.status = Status::Following;
                    f.deck = Some(d);
                }
                Some(Err(why)) => {
                    f.status = Status::Trouble(why);
                    f.deck = None;
                }
                None => {}
            },
            ToPresenter::State { at, blank, elapsed } => {
                if let Some(d) = &mut f.deck
                    && at < d.len()
                {
                    d.go(at);
                    d.blank = blank;
                    d.began = uptime.map(|u| u.saturating_sub(Duration::from_secs(elapsed)));
                }
            }
        }
    }

    /// The room's deck, read from this timeline: the tour's own, with its
    /// notes and title slide, when it is the same; else the events with
    /// the person's notes on them. Refused when an event is not here.
    fn deck_of(&self, tour: Option<&str>, ids: &[String]) -> Result<Deck, String> {
        let t = &self.timeline;
        let mut events: Vec<EventIx> = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for id in ids {
            match t.event_ix(id) {
                Some(ix) => events.push(ix),
                None => missing.push(id.as_str()),
            }
        }
        if let Some(first) = missing.first() {
            return Err(format!(
                "The room shows {} event{} this timeline lacks (the first: {first}): \
                 start the presenter view on the same files",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ));
        }
        if let Some(deck) = tour.and_then(|id| Deck::of_tour(t, id))
            && deck
                .slides
                .iter()
                .map(|s| s.event)
                .eq(events.iter().copied())
        {
            return Ok(deck);
        }
        let mut deck = Deck::of_events("The shown events".into(), &events, None);
        for s in &mut deck.slides {
            // A marked event's note is for the presenter's eyes only.
            s.note = self.note(s.event).unwrap_or_default().to_string();
        }
        Ok(deck)
    }

    /// Keys in the presenter view: sent to the room's screen.
    pub(super) fn on_follow(&mut self, msg: Message) -> Option<Effect> {
        let Mode::Follow(f) = &mut self.mode else {
            return None;
        };
        match msg {
            Message::Quit => return Some(Effect::Quit),
            Message::ToggleHelp => {
                self.open_help();
                return None;
            }
            Message::ToggleClock => {
                f.clock = !f.clock;
                return None;
            }
            _ => {}
        }
        let Some(deck) = &mut f.deck else {
            self.banner = Some(match f.status {
                Status::Idle => "The room's screen shows no slides yet".into(),
                _ => "Not following a presentation yet".into(),
            });
            return None;
        };
        if f.goto.is_some() {
            // The room's screen goes there, and says so.
            match deck.type_number(&mut f.goto, &msg) {
                Typed::Go(at) => return Some(Effect::Send(Command::Go(at))),
                Typed::NoSuch(why) => self.banner = Some(why),
                Typed::Typing => {}
            }
            return None;
        }
        let cmd = match msg {
            Message::NextSlide => Command::Next,
            Message::PrevSlide => Command::Prev,
            Message::FirstSlide => Command::First,
            Message::LastSlide => Command::Last,
            Message::ToggleBlank => Command::Blank(!deck.blank),
            Message::StartGoTo => {
                f.goto = Some(String::new());
                return None;
            }
            _ => return None,
        };
        Some(Effect::Send(cmd))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::app_with;
    use super::*;
    use crate::app::{Start, Tick};

    fn presenter() -> App {
        let t = crate::load::load(crate::load::bundled()).timeline;
        let mut s = Start::new(t);
        s.follow = Some("/run/user/1000/chronoscope/present.sock".into());
        app_with(s)
    }

    fn follow(app: &App) -> &Follow {
        match &app.mode {
            Mode::Follow(f) => f,
            other => panic!("not the presenter view: {other:?}"),
        }
    }

    fn tour_ids(app: &App, id: &str) -> Vec<String> {
        let t = app.timeline();
        t.tour(id)
            .unwrap()
            .steps
            .iter()
            .map(|s| t.events[s.event].id.to_string())
            .collect()
    }

    #[test]
    fn the_presenter_view_follows_the_rooms_deck_with_its_notes() {
        let mut app = presenter();
        assert_eq!(follow(&app).status, Status::Waiting);
        app.update(Message::Linked(Event::Said(ToPresenter::Greeting)));
        assert_eq!(follow(&app).status, Status::Idle);
        let events = tour_ids(&app, "lal-masjid-to-nap");
        app.update(Message::Tick(Tick {
            clock: chrono::NaiveTime::MIN,
            uptime: Duration::from_secs(100),
        }));
        app.update(Message::Linked(Event::Said(ToPresenter::Deck {
            tour: Some("lal-masjid-to-nap".into()),
            events,
        })));
        app.update(Message::Linked(Event::Said(ToPresenter::State {
            at: 2,
            blank: false,
            elapsed: 30,
        })));
        let f = follow(&app);
        assert_eq!(f.status, Status::Following);
        let deck = f.deck.as_ref().unwrap();
        assert_eq!(deck.at, 2);
        assert!(
            deck.current().unwrap().note.contains("Swat"),
            "the tour's note"
        );
        assert_eq!(
            deck.elapsed(Duration::from_secs(100)),
            Some(Duration::from_secs(30))
        );

        assert_eq!(
            app.update(Message::NextSlide),
            Some(Effect::Send(Command::Next))
        );
        assert_eq!(
            follow(&app).deck.as_ref().unwrap().at,
            2,
            "moves only when told"
        );
        app.update(Message::StartGoTo);
        app.update(Message::TypeChar('7'));
        assert_eq!(
            app.update(Message::SubmitInput),
            Some(Effect::Send(Command::Go(7)))
        );
        assert_eq!(
            app.update(Message::ToggleBlank),
            Some(Effect::Send(Command::Blank(true)))
        );
        app.update(Message::Linked(Event::Ended));
        assert_eq!(follow(&app).status, Status::Ended);
        assert!(follow(&app).deck.is_none());
    }

    #[test]
    fn events_this_timeline_lacks_are_refused() {
        let mut app = presenter();
        app.update(Message::Linked(Event::Said(ToPresenter::Deck {
            tour: None,
            events: vec!["2099-01-not-here".into()],
        })));
        let Status::Trouble(why) = &follow(&app).status else {
            panic!("{:?}", follow(&app).status);
        };
        assert!(why.contains("2099-01-not-here"), "{why}");
        assert_eq!(app.update(Message::NextSlide), None);
    }

    #[test]
    fn a_state_beyond_the_deck_is_ignored() {
        let mut app = presenter();
        let events = tour_ids(&app, "lal-masjid-to-nap");
        app.update(Message::Linked(Event::Said(ToPresenter::Deck {
            tour: None,
            events,
        })));
        app.update(Message::Linked(Event::Said(ToPresenter::State {
            at: 10_000,
            blank: true,
            elapsed: 0,
        })));
        let deck = follow(&app).deck.as_ref().unwrap();
        assert_eq!((deck.at, deck.blank), (0, false));
        assert!(deck.cover.is_none(), "no tour: no title slide");
    }
}
