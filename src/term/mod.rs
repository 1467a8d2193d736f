//! The only module that touches the real terminal: the guard that enters
//! and always leaves raw mode, the alternate screen and mouse capture
//! (`guard`); what signals do (`signals`); the worker that watches the
//! timeline's files and reads them again (`watch`); and the event loop,
//! which turns keys, clicks and the workers' reports into messages.
//!
//! The terminal is given back on a normal quit, on an error (the guard's
//! Drop), on a panic (a chained hook) and on every terminating signal (the
//! signal thread, which works even while the loop is busy). The loop never
//! waits on a file: reloads run on the worker, and a reload that does not
//! answer in `RELOAD_DEADLINE` is reported while keys go on working.

mod editor;
pub mod guard;
mod links;
mod open;
pub mod signals;
pub mod watch;

use std::io;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{App, Effect, ExportProblem, Message};
use crate::export::{ExportError, Replace};
use crate::ui;

/// Everything the loop waits for.
pub enum Wake {
    Term(TermEvent),
    /// The terminal could not be read: the loop ends with this error.
    TermFailed(io::Error),
    /// The program was continued after a stop: repaint everything.
    Repaint,
    Watch(watch::Report),
    /// The presenter view's channel (`crate::link`).
    Link(crate::link::Event),
}

/// The presenter view's channel, if this screen uses one.
pub enum Link {
    None,
    /// The room's screen, publishing to a presenter view.
    Publish(crate::link::Publisher),
    /// The presenter view, following the presentation at this socket.
    Follow(std::path::PathBuf),
}

/// What the presenter view was last told, so that only changes are sent.
#[derive(Default)]
struct Told {
    decks: Option<u64>,
    state: Option<(usize, bool)>,
}

/// Tells the presenter view what changed on the room's screen.
fn publish(app: &App, publisher: &crate::link::Publisher, told: &mut Told) {
    use crate::link::ToPresenter;
    if told.decks != Some(app.decks_opened()) || app.published_state().is_none() {
        let deck = app.published_deck();
        let idle = deck == ToPresenter::Idle;
        if !(idle && told.decks.is_some() && told.state.is_none()) {
            publisher.send(&deck);
        }
        told.decks = Some(app.decks_opened());
        told.state = None;
    }
    if let Some(state) = app.published_state()
        && let ToPresenter::State { at, blank, .. } = state
        && told.state != Some((at, blank))
    {
        publisher.send(&state);
        told.state = Some((at, blank));
    }
}

/// The clock now, on the loop's steady count since `started`.
fn tick(started: Instant) -> crate::app::Tick {
    crate::app::Tick {
        clock: chrono::Local::now().time(),
        uptime: started.elapsed(),
    }
}

/// How often the footer's clock moves.
const TICK: Duration = Duration::from_secs(1);

/// How long a reload may take before the header says the files do not answer.
const RELOAD_DEADLINE: Duration = Duration::from_secs(5);

/// How long the input thread waits for a key before it looks whether it
/// should stand aside (for an editor the person opened).
const INPUT_POLL: Duration = Duration::from_millis(100);

fn spawn_input(tx: mpsc::Sender<Wake>) -> io::Result<()> {
    thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            if editor::paused() {
                thread::sleep(INPUT_POLL / 4);
                continue;
            }
            match event::poll(INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(e) => {
                    let _ = tx.send(Wake::TermFailed(e));
                    break;
                }
            }
            let input = match event::read() {
                Ok(ev) => Wake::Term(ev),
                Err(e) => {
                    let _ = tx.send(Wake::TermFailed(e));
                    break;
                }
            };
            if tx.send(input).is_err() {
                break;
            }
        }
    })?;
    Ok(())
}

fn message_for(app: &App, ev: TermEvent) -> Option<Message> {
    match ev {
        TermEvent::Key(k) if k.kind != KeyEventKind::Release => app.message_for_key(&k),
        TermEvent::Resize(w, h) => Some(Message::Resize(w, h)),
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Message::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Message::Scroll {
                column: m.column,
                row: m.row,
                down: m.kind == MouseEventKind::ScrollDown,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The loop's report of a worker as a message, and whether a reload is
/// now under way.
fn report(r: watch::Report) -> (Message, bool) {
    match r {
        watch::Report::Watching(status) => (Message::WatchChanged(status), false),
        watch::Report::Reloading => (Message::Reloading, true),
        watch::Report::Reloaded(outcome) => (Message::Reloaded(outcome), false),
    }
}

/// Runs the explorer until the person quits. Signals end it from the
/// signal thread (see `signals`).
pub fn run(app: App) -> io::Result<()> {
    run_linked(app, Link::None)
}

/// Runs the explorer, the room's screen or the presenter view, until the
/// person quits.
pub fn run_linked(mut app: App, link: Link) -> io::Result<()> {
    guard::install_panic_hook();
    let guard = guard::Guard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.update(Message::Resize(size.width, size.height));
    let (tx, rx) = mpsc::channel();
    let (repaint_tx, repaint_rx) = mpsc::channel();
    signals::repaint_on_resume(repaint_tx);
    let forward = tx.clone();
    thread::Builder::new()
        .name("repaint".into())
        .spawn(move || {
            while repaint_rx.recv().is_ok() {
                if forward.send(Wake::Repaint).is_err() {
                    break;
                }
            }
        })?;
    if !app.watched().is_empty() {
        let to_loop = tx.clone();
        let (reports_tx, reports_rx) = mpsc::channel();
        watch::spawn(app.watched().to_vec(), reports_tx);
        thread::Builder::new()
            .name("reports".into())
            .spawn(move || {
                while let Ok(r) = reports_rx.recv() {
                    if to_loop.send(Wake::Watch(r)).is_err() {
                        break;
                    }
                }
            })?;
    }
    let reporter = |tx: &mpsc::Sender<Wake>| -> crate::link::Report {
        let tx = tx.clone();
        Box::new(move |e| tx.send(Wake::Link(e)).is_ok())
    };
    let (publisher, follower) = match link {
        Link::None => (None, None),
        Link::Publish(mut p) => {
            p.start(reporter(&tx))?;
            (Some(p), None)
        }
        Link::Follow(path) => (
            None,
            Some(crate::link::Follower::start(path, reporter(&tx))?),
        ),
    };
    let mut told = Told::default();
    spawn_input(tx)?;
    let started = Instant::now();
    let mut next_tick = started;
    let panic_for_tests =
        cfg!(feature = "test-hooks") && std::env::var_os("CHRONOSCOPE_TEST_PANIC").is_some();
    // When the reload under way must have answered.
    let mut deadline: Option<Instant> = None;
    let hyperlinks = !links::unsupported();
    loop {
        {
            let _drawing = guard::lock();
            let frame = terminal.draw(|f| ui::draw(f, &app))?;
            let shown = if hyperlinks {
                links::cells(frame.buffer, ui::hyperlinks(&app))
            } else {
                Vec::new()
            };
            links::mark(terminal.backend_mut(), &shown)?;
        }
        if panic_for_tests {
            test_panic();
        }
        if let Some(p) = &publisher {
            publish(&app, p, &mut told);
        }
        // The clock in the footer moves each second while it is shown.
        let ticking = app.wants_ticks();
        if ticking && Instant::now() >= next_tick {
            app.update(Message::Tick(tick(started)));
            next_tick = Instant::now() + TICK;
            continue;
        }
        let wake = [deadline, ticking.then_some(next_tick)]
            .into_iter()
            .flatten()
            .min();
        let input = match wake {
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(input) => input,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        deadline = None;
                        app.update(Message::ReloadStalled);
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(input) => input,
                Err(_) => break,
            },
        };
        let msg = match input {
            Wake::Term(ev) => message_for(&app, ev),
            Wake::TermFailed(e) => return Err(e),
            Wake::Repaint => {
                repaint(&mut terminal)?;
                None
            }
            Wake::Watch(r) => {
                let (msg, reloading) = report(r);
                deadline = reloading.then(|| Instant::now() + RELOAD_DEADLINE);
                Some(msg)
            }
            Wake::Link(e) => {
                if e == crate::link::Event::Joined {
                    // A new presenter view is told everything.
                    told = Told::default();
                }
                Some(Message::Linked(e))
            }
        };
        let Some(msg) = msg else { continue };
        let mut effect = app.update(msg);
        while let Some(e) = effect.take() {
            match e {
                Effect::Quit => {
                    drop(guard);
                    app.leave();
                    return Ok(());
                }
                Effect::Suspend => {
                    // The same path as a SIGTSTP from outside.
                    signals::suspend();
                    repaint(&mut terminal)?;
                }
                Effect::Redraw => repaint(&mut terminal)?,
                Effect::Copy(text) => copy(terminal.backend_mut(), &text)?,
                Effect::Open(url) => effect = app.update(Message::OpenDone(open::open(&url))),
                Effect::Export {
                    format,
                    path,
                    replace,
                } => effect = app.update(Message::ExportDone(export(&app, format, &path, replace))),
                Effect::SaveMarks { file, marks, paths } => {
                    let saved = crate::marks::save(&file, &marks, &paths)
                        .map_err(|e| format!("{}: {e}", file.display()));
                    effect = app.update(Message::MarksSaved(saved));
                }
                Effect::EditNote { event, text } => {
                    let edited = {
                        let mut taken = guard::lock();
                        editor::edit(&mut taken, &text)
                    };
                    repaint(&mut terminal)?;
                    effect = app.update(Message::NoteEdited(event, edited));
                }
                Effect::SaveViews { file, views } => {
                    let saved = crate::views::save(&file, &views)
                        .map(|()| crate::text::one_line(&file.display().to_string()))
                        .map_err(|e| format!("{}: {e}", file.display()));
                    effect = app.update(Message::ViewsSaved(saved));
                }
                Effect::Send(cmd) => {
                    if let Some(f) = &follower {
                        f.send(cmd);
                    }
                }
                Effect::SaveTour { path, text } => {
                    let saved = crate::export::write_new_toml(&path, &text, app.protected())
                        .map(|p| p.display().to_string())
                        .map_err(|e| e.to_string());
                    effect = app.update(Message::TourSaved(saved));
                }
            }
        }
    }
    drop(guard);
    Ok(())
}

/// Puts `text` on the clipboard through OSC 52, which terminals (and
/// tmux with `set-clipboard on`) pass to the system clipboard. The text is
/// base64-encoded, so nothing in it can end the sequence or start another;
/// it was built from sanitized fields and is cleaned again here.
fn copy(out: &mut impl std::io::Write, text: &str) -> std::io::Result<()> {
    use base64::Engine as _;
    let clean = crate::text::one_line(text);
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Writes the shown events, stamped with this moment.
fn export(
    app: &App,
    format: crate::export::Format,
    path: &std::path::Path,
    replace: bool,
) -> Result<String, ExportProblem> {
    let replace = if replace {
        Replace::Allow
    } else {
        Replace::Refuse
    };
    let about = crate::export::About::now(app.timeline(), app.filter(), app.filtered())
        .with_notes(app.marks());
    crate::export::export_to(
        format,
        app.timeline(),
        app.filtered(),
        &about,
        path,
        app.protected(),
        replace,
    )
    .map(|p| crate::text::one_line(&p.display().to_string()))
    .map_err(|e| match e {
        ExportError::Exists(p) => {
            ExportProblem::Exists(crate::text::one_line(&p.display().to_string()))
        }
        other => ExportProblem::Failed(other.to_string()),
    })
}

/// Clears the screen and makes the next draw repaint every cell.
/// (`Terminal::clear` would ask the terminal for the cursor position, a
/// reply the input thread can swallow.)
fn repaint(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
    let _drawing = guard::lock();
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    // Each swap resets the buffer it retires: two swaps leave both blank.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}

/// Lets the end-to-end tests prove the terminal survives a panic; built
/// only with the `test-hooks` feature.
#[allow(clippy::panic)]
fn test_panic() {
    panic!("CHRONOSCOPE_TEST_PANIC is set: panicking on purpose after the first frame");
}
