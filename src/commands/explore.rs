//! The explorer and the two ends of a presentation: `present` and
//! `presenter`, sharing the explorer's start.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chronoscope::app::{App, Broken, Deck, Start};
use chronoscope::cli::{Cli, PresentArgs, PresenterArgs, ThemeName};
use chronoscope::export::Format;
use chronoscope::load::LoadError;
use chronoscope::query;
use chronoscope::text::one_line;

use super::list::emit;
use super::{Ready, known_filter, load_filtered, open, report_errors};
use crate::SETTINGS;
use crate::{Stream, no_color, say, usage};

/// The explorer's start on a loaded timeline: theme, colours, today, home.
fn start(ready: Ready, theme: Option<ThemeName>) -> Start {
    let mut s = Start::new(ready.loaded.timeline);
    s.index = Some(ready.index);
    s.filter = ready.filter;
    let protected = ready.protected;
    let read = SETTINGS.get();
    s.theme = theme
        .or(read.and_then(|r| r.settings.theme))
        .unwrap_or_default();
    s.notice = read.and_then(chronoscope::config::Read::problem);
    s.no_color = no_color();
    s.protected = protected;
    s.today = chrono::Local::now().date_naive();
    s.home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    s
}

pub(crate) fn explore(cli: &Cli) -> Result<ExitCode, LoadError> {
    let (mut opened, protected) = open(&cli.paths)?;
    let index = opened.index();
    let loaded = opened.loaded;
    let interactive = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    // A timeline with errors opens on what did load, marked as broken, for
    // a person at a terminal; a pipe or a script gets the errors and code 1.
    let broken = match loaded.errors() {
        0 => None,
        _ if interactive && !cli.paths.is_empty() => Some(Broken {
            problems: loaded.problems(),
        }),
        _ => return Ok(report_errors(&loaded)),
    };
    let mut loaded = loaded;
    let filter = match known_filter(&mut loaded, &cli.filter, &cli.paths) {
        Ok(f) => f,
        Err(e) => return Ok(usage(&e)),
    };
    let ready = Ready::new(loaded, index, filter, protected);
    if !std::io::stdout().is_terminal() {
        return Ok(emit(&ready, Format::Text, None, None));
    }
    let since = match &cli.since {
        Some(arg) => match chronoscope::diff::since(arg, &cli.paths, &ready.loaded.timeline) {
            Ok(d) => Some(chronoscope::app::since::Since::from_diff(arg, &d)),
            Err(e) => return Ok(usage(&e)),
        },
        None => None,
    };
    // The room's screen, when the explorer presents to a presenter view.
    let link = match publish(cli.publish) {
        Ok(link) => link,
        Err(why) => return Ok(usage(&why)),
    };
    let mine = chronoscope::views::open();
    let view = cli
        .filter
        .chosen_view(&ready.loaded.timeline, &mine.views)
        .ok()
        .flatten()
        .map(|v| chronoscope::app::views::ViewStart {
            title: v.title.clone(),
            event: v.event.clone(),
        });
    let mut s = start(ready, cli.theme);
    s.since = since;
    with_marks(&mut s, &cli.paths);
    s.watched = cli.paths.clone();
    s.broken = broken;
    s.my_views = mine;
    s.view = view;
    s.publish = cli.publish;
    Ok(run_linked(App::new(s), link))
}

/// `chronoscope present`: a tour, or the filtered events, as slides.
pub(crate) fn present(args: &PresentArgs) -> Result<ExitCode, LoadError> {
    let ready = match load_filtered(&args.paths, &args.filter)? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
    };
    let (t, filter) = (&ready.loaded.timeline, &ready.filter);
    let deck = match &args.tour {
        Some(id) => match Deck::of_tour(t, id) {
            Some(deck) if !deck.slides.is_empty() => deck,
            Some(_) => return Ok(usage(&format!("tour \"{}\" has no steps", one_line(id)))),
            None => {
                let ids: Vec<&str> = t.tours.iter().map(|t| t.id.as_str()).collect();
                return Ok(usage(&chronoscope::cli::unknown_id("tour", id, &ids)));
            }
        },
        None => {
            let shown = query::apply(t, &ready.index, filter);
            if shown.events.is_empty() {
                return Ok(usage("nothing to present: no event matches the filters"));
            }
            let describe = query::describe(t, filter, &shown);
            let title = if describe.is_empty() {
                t.title.clone()
            } else {
                format!("{} · {}", t.title, describe.join(" · "))
            };
            Deck::of_events(title, &shown.events, None)
        }
    };
    let link = match publish(args.publish) {
        Ok(link) => link,
        Err(why) => return Ok(usage(&why)),
    };
    if !std::io::stdout().is_terminal() {
        return Ok(usage(
            "present needs a terminal; `chronoscope list` prints the chronology",
        ));
    }
    let mut s = start(ready, args.theme);
    with_marks(&mut s, &args.paths);
    s.deck = Some(deck);
    s.publish = args.publish;
    Ok(run_linked(App::new(s), link))
}

/// The room's screen's end of the channel, with `--publish`: refused
/// before the terminal is taken, when another presentation has it.
fn publish(on: bool) -> Result<chronoscope::term::Link, String> {
    if !on {
        return Ok(chronoscope::term::Link::None);
    }
    chronoscope::link::socket_path()
        .and_then(|p| chronoscope::link::Publisher::bind(&p))
        .map(chronoscope::term::Link::Publish)
        .map_err(|why| format!("--publish: {why}"))
}

/// `chronoscope presenter`: the presenter view of the presentation
/// published on this machine, read from the same timeline.
pub(crate) fn presenter(args: &PresenterArgs) -> Result<ExitCode, LoadError> {
    let ready = match load_filtered(&args.paths, &Default::default())? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
    };
    let path = match chronoscope::link::socket_path() {
        Ok(p) => p,
        Err(why) => return Ok(usage(&why)),
    };
    if !std::io::stdout().is_terminal() {
        return Ok(usage("the presenter view needs a terminal"));
    }
    let mut s = start(ready, args.theme);
    with_marks(&mut s, &args.paths);
    s.follow = Some(one_line(&path.display().to_string()));
    Ok(run_linked(
        App::new(s),
        chronoscope::term::Link::Follow(path),
    ))
}

/// The explorer's marks: loaded, and kept where they belong.
fn with_marks(s: &mut Start, paths: &[PathBuf]) {
    let opened = chronoscope::marks::open(paths);
    s.marks = opened.marks;
    s.marks_file = opened.keeping;
    s.marks_problem = opened.problem;
}

fn run_linked(app: App, link: chronoscope::term::Link) -> ExitCode {
    match chronoscope::term::run_linked(app, link) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(Stream::Err, &format!("error: the terminal failed: {e}\n"));
            ExitCode::from(2)
        }
    }
}
