//! The only module that touches the real terminal: the guard that enters
//! and always leaves raw mode, the alternate screen and mouse capture; the
//! input and signal threads and the watcher of the timeline's files feeding
//! one channel; and the event loop, which reads the files again when one
//! changes.
//!
//! The terminal is given back on a normal quit, on an error (the guard's
//! Drop), on a panic (a chained hook) and on SIGTERM/SIGHUP (a message that
//! ends the loop). `ratatui::restore()` alone would leave mouse capture on.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TermEvent, KeyEventKind, MouseButton,
    MouseEventKind,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGTERM};

use crate::app::{App, Effect, Message, keymap};
use crate::ui;

/// Everything the loop waits for.
enum Input {
    Term(TermEvent),
    Signal(i32),
    /// A timeline file below a watched path changed.
    Changed,
}

/// Editors save in bursts (write, rename, chmod): the loop waits this long
/// after a change for the rest of the burst before reading the files again.
const SETTLE: Duration = Duration::from_millis(150);
/// The longest a burst may hold back a reload.
const MAX_SETTLE: Duration = Duration::from_secs(1);

/// Watches the timeline's paths (a file's folder, since editors often save
/// by replacing the file) and reports changes to `.toml` files. `None` when
/// there is nothing to watch or the system refuses: the explorer then works
/// as before, without reloading.
fn watch(paths: &[PathBuf], tx: mpsc::Sender<Input>) -> Option<RecommendedWatcher> {
    if paths.is_empty() {
        return None;
    }
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        let relevant = !matches!(ev.kind, EventKind::Access(_))
            && ev
                .paths
                .iter()
                .any(|p| p.extension().is_some_and(|e| e == "toml"));
        if relevant {
            let _ = tx.send(Input::Changed);
        }
    })
    .ok()?;
    for path in paths {
        let (target, mode) = if path.is_dir() {
            (path.clone(), RecursiveMode::Recursive)
        } else {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            (
                parent.map_or_else(|| PathBuf::from("."), PathBuf::from),
                RecursiveMode::NonRecursive,
            )
        };
        watcher.watch(&target, mode).ok()?;
    }
    Some(watcher)
}

/// Puts the terminal back as the shell expects it. Safe to call twice.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Holds the terminal in explorer state; dropping it gives it back.
struct Guard;

impl Guard {
    fn enter() -> io::Result<Guard> {
        // Built first, so a failure half-way is undone by its Drop.
        let guard = Guard;
        take_terminal()?;
        Ok(guard)
    }
}

/// Raw mode, the alternate screen, mouse capture, no cursor: what `restore` undoes.
fn take_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

fn spawn_inputs(tx: mpsc::Sender<Input>) -> io::Result<()> {
    let keys = tx.clone();
    thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if keys.send(Input::Term(ev)).is_err() {
                break;
            }
        }
    });
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Input::Signal(sig)).is_err() {
                break;
            }
        }
    });
    Ok(())
}

fn message_for(app: &App, ev: TermEvent) -> Option<Message> {
    match ev {
        TermEvent::Key(k) if k.kind != KeyEventKind::Release => {
            keymap::lookup(&app.mode, app.pane, &k)
        }
        TermEvent::Resize(w, h) => Some(Message::Resize(w, h)),
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Message::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Message::Scroll {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Message::Scroll {
                column: m.column,
                row: m.row,
                down: false,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Runs the explorer until the person quits or a signal ends it. Returns
/// the signal number when one did.
pub fn run(mut app: App) -> io::Result<Option<i32>> {
    install_panic_hook();
    let guard = Guard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    app.update(Message::Resize(size.width, size.height));
    let (tx, rx) = mpsc::channel();
    // Kept alive for as long as the loop runs; dropping it stops watching.
    let _watcher = watch(&app.watched, tx.clone());
    spawn_inputs(tx)?;
    let panic_for_tests = std::env::var_os("CHRONOSCOPE_TEST_PANIC").is_some();
    // Inputs that arrived while a burst of changes settled.
    let mut waiting = VecDeque::new();
    loop {
        terminal.draw(|f| ui::draw(f, &app))?;
        if panic_for_tests {
            test_panic();
        }
        let Some(input) = waiting.pop_front().or_else(|| rx.recv().ok()) else {
            break;
        };
        let msg = match input {
            Input::Signal(sig) => {
                drop(guard);
                return Ok(Some(sig));
            }
            Input::Term(ev) => message_for(&app, ev),
            Input::Changed => {
                // Let the burst settle, keeping any key pressed meanwhile;
                // a file that never stops changing is read once a second.
                let until = Instant::now() + MAX_SETTLE;
                while let Some(wait) = until.checked_duration_since(Instant::now()) {
                    let Ok(next) = rx.recv_timeout(wait.min(SETTLE)) else {
                        break;
                    };
                    if !matches!(next, Input::Changed) {
                        waiting.push_back(next);
                    }
                }
                app.reload(crate::load::reload(&app.watched));
                continue;
            }
        };
        let Some(msg) = msg else { continue };
        match app.update(msg) {
            Some(Effect::Quit) => break,
            Some(Effect::Suspend) => {
                restore();
                let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
                // Resumed: take the terminal again and repaint everything.
                take_terminal()?;
                repaint(&mut terminal)?;
            }
            Some(Effect::Redraw) => repaint(&mut terminal)?,
            Some(Effect::Export { format, path }) => {
                let result = crate::export::export_to(
                    format,
                    &app.timeline,
                    &app.filtered,
                    &path,
                    &app.sources,
                )
                .map(|p| crate::text::one_line(&p.display().to_string()))
                .map_err(|e| e.to_string());
                app.update(Message::ExportDone(result));
            }
            None => {}
        }
    }
    drop(guard);
    Ok(None)
}

/// Clears the screen and makes the next draw repaint every cell.
/// (`Terminal::clear` would ask the terminal for the cursor position, a
/// reply the input thread can swallow.)
fn repaint(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>) -> io::Result<()> {
    execute!(
        io::stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    // Each swap resets the buffer it retires: two swaps leave both blank.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}

/// Lets the end-to-end tests prove the terminal survives a panic.
#[allow(clippy::panic)]
fn test_panic() {
    panic!("CHRONOSCOPE_TEST_PANIC is set: panicking on purpose after the first frame");
}
