//! What the room's screen and the presenter view say to each other, one
//! line of text at a time. Only positions and ids cross: each side reads
//! the slides' text from its own copy of the timeline. Every line is
//! checked on receipt — its length, its words, its numbers and the shape
//! of every id — and anything else is refused, never guessed at.

/// The first line the room's screen sends: who it is and the version of
/// these lines.
pub const GREETING: &str = "chronoscope-present 1";

/// The first line a presenter view sends: it means to follow.
pub const HELLO: &str = "follow";

/// Longest line either side reads, in bytes: a deck of a million events
/// of 16-character ids fits.
pub const MAX_LINE: usize = 32 * 1024 * 1024;

/// Most slides a deck may name.
pub const MAX_SLIDES: usize = 1_000_000;

/// Highest position or second count read; far beyond any presentation.
const MAX_NUMBER: u64 = 100_000_000;

/// From the room's screen to the presenter view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToPresenter {
    /// The presenter view may follow.
    Greeting,
    /// Another presenter view is following already: this one is refused.
    Busy,
    /// The slides, by event id, and the tour they walk, if any.
    Deck {
        tour: Option<String>,
        events: Vec<String>,
    },
    /// Nothing is presented: the room's screen is on the explorer.
    Idle,
    /// The slide shown, whether the screen is blank, and the seconds since
    /// the first slide.
    State {
        at: usize,
        blank: bool,
        elapsed: u64,
    },
    /// The room's screen is closing.
    Bye,
}

/// From the presenter view to the room's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Next,
    Prev,
    First,
    Last,
    /// Show the slide at this position.
    Go(usize),
    /// Blank the screen, or show the slide again.
    Blank(bool),
}

impl ToPresenter {
    /// The line for this message, without its newline.
    pub fn line(&self) -> String {
        match self {
            ToPresenter::Greeting => GREETING.to_string(),
            ToPresenter::Busy => "busy".into(),
            ToPresenter::Deck { tour, events } => {
                let mut s = format!("deck {}", tour.as_deref().unwrap_or("-"));
                for id in events {
                    s.push(' ');
                    s.push_str(id);
                }
                s
            }
            ToPresenter::Idle => "idle".into(),
            ToPresenter::State { at, blank, elapsed } => {
                format!("at {at} {} {elapsed}", u8::from(*blank))
            }
            ToPresenter::Bye => "bye".into(),
        }
    }

    /// Reads a line (its newline removed), or says why it is refused.
    pub fn parse(line: &str) -> Result<ToPresenter, String> {
        if line == GREETING {
            return Ok(ToPresenter::Greeting);
        }
        let mut words = line.split(' ');
        let verb = words.next().unwrap_or_default();
        let msg = match verb {
            "busy" => ToPresenter::Busy,
            "idle" => ToPresenter::Idle,
            "bye" => ToPresenter::Bye,
            "deck" => {
                let tour = match words.next() {
                    Some("-") => None,
                    Some(id) => Some(slug(id)?.to_string()),
                    None => return Err("a deck without its tour".into()),
                };
                let mut events = Vec::new();
                for id in words.by_ref() {
                    if events.len() == MAX_SLIDES {
                        return Err(format!("a deck of more than {MAX_SLIDES} slides"));
                    }
                    events.push(slug(id)?.to_string());
                }
                ToPresenter::Deck { tour, events }
            }
            "at" => {
                let at = number(words.next())?;
                let blank = match words.next() {
                    Some("0") => false,
                    Some("1") => true,
                    _ => return Err("blank is 0 or 1".into()),
                };
                let elapsed = number(words.next())?;
                ToPresenter::State {
                    at: usize::try_from(at).map_err(|_| "a position out of range")?,
                    blank,
                    elapsed,
                }
            }
            _ => return Err(format!("an unknown message \"{}\"", shown(verb))),
        };
        match words.next() {
            Some(extra) => Err(format!("\"{}\" after the message", shown(extra))),
            None => Ok(msg),
        }
    }
}

impl Command {
    pub fn line(&self) -> String {
        match self {
            Command::Next => "next".into(),
            Command::Prev => "prev".into(),
            Command::First => "first".into(),
            Command::Last => "last".into(),
            Command::Go(at) => format!("go {at}"),
            Command::Blank(true) => "blank".into(),
            Command::Blank(false) => "unblank".into(),
        }
    }

    pub fn parse(line: &str) -> Result<Command, String> {
        let mut words = line.split(' ');
        let verb = words.next().unwrap_or_default();
        let cmd = match verb {
            "next" => Command::Next,
            "prev" => Command::Prev,
            "first" => Command::First,
            "last" => Command::Last,
            "blank" => Command::Blank(true),
            "unblank" => Command::Blank(false),
            "go" => Command::Go(
                usize::try_from(number(words.next())?).map_err(|_| "a position out of range")?,
            ),
            _ => return Err(format!("an unknown command \"{}\"", shown(verb))),
        };
        match words.next() {
            Some(extra) => Err(format!("\"{}\" after the command", shown(extra))),
            None => Ok(cmd),
        }
    }
}

/// An id as the format writes them: a-z, 0-9 and -, at most 128 characters.
fn slug(s: &str) -> Result<&str, String> {
    let ok = !s.is_empty()
        && s.len() <= 128
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(s)
    } else {
        Err(format!("\"{}\" is not an id", shown(s)))
    }
}

fn number(word: Option<&str>) -> Result<u64, String> {
    let word = word.ok_or("a number is missing")?;
    if word.is_empty() || word.len() > 9 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("\"{}\" is not a number", shown(word)));
    }
    let n: u64 = word.parse().map_err(|_| "not a number")?;
    if n > MAX_NUMBER {
        return Err(format!("{n} is out of range"));
    }
    Ok(n)
}

/// A refused word as a message may show it: one line, short.
fn shown(s: &str) -> String {
    crate::fit::truncate(&crate::text::one_line(s), 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_reads_back_as_written() {
        let all = [
            ToPresenter::Greeting,
            ToPresenter::Busy,
            ToPresenter::Idle,
            ToPresenter::Bye,
            ToPresenter::Deck {
                tour: Some("lal-masjid-to-nap".into()),
                events: vec!["2007-07-lal-masjid".into(), "2014-12-aps".into()],
            },
            ToPresenter::Deck {
                tour: None,
                events: vec![],
            },
            ToPresenter::State {
                at: 7,
                blank: true,
                elapsed: 754,
            },
        ];
        for m in all {
            assert_eq!(ToPresenter::parse(&m.line()), Ok(m.clone()), "{m:?}");
        }
        let cmds = [
            Command::Next,
            Command::Prev,
            Command::First,
            Command::Last,
            Command::Go(12),
            Command::Blank(true),
            Command::Blank(false),
        ];
        for c in cmds {
            assert_eq!(Command::parse(&c.line()), Ok(c));
        }
    }

    #[test]
    fn anything_else_is_refused() {
        let bad = [
            "",
            "hello",
            "deck",
            "deck - ../../etc/passwd",
            "deck - Upper",
            "deck - \x1b[31m",
            "at 1 2 3",
            "at -1 0 0",
            "at 1 0",
            "at 99999999999 0 0",
            "at 1 0 5 extra",
            "busy now",
            "chronoscope-present 2",
        ];
        for line in bad {
            assert!(ToPresenter::parse(line).is_err(), "{line:?}");
        }
        for line in ["", "go", "go x", "go 1 2", "next please", "rm -rf", "go +1"] {
            assert!(Command::parse(line).is_err(), "{line:?}");
        }
        let long_id = format!("deck - {}", "a".repeat(129));
        assert!(ToPresenter::parse(&long_id).is_err());
        let why = ToPresenter::parse("\x1b]52;c;eA==\x07").unwrap_err();
        assert!(!why.contains('\x1b'), "{why:?}");
    }
}
