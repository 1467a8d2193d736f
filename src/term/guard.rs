//! Taking the terminal and giving it back: raw mode, the alternate screen,
//! mouse capture and a hidden cursor, and the one lock that keeps a frame
//! from being drawn while another thread (a signal's) gives the terminal
//! back or suspends the program.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{Command, cursor, execute};

/// Whether the explorer holds the terminal. Held while a frame is drawn,
/// while the terminal is given back, and while the program is stopped.
static TAKEN: Mutex<bool> = Mutex::new(false);

/// What `TAKEN` holds, for a signal handler, which may take no lock.
static TAKEN_NOW: AtomicBool = AtomicBool::new(false);

/// The terminal's settings before chronoscope first took it, for a signal
/// handler to put back (`give_back_at_once`).
static BEFORE: OnceLock<libc::termios> = OnceLock::new();

/// What `give_back` writes, made once before the terminal is first taken,
/// so that a signal handler writes the very same bytes.
static BACK: OnceLock<String> = OnceLock::new();

/// The escapes that undo `take`'s: mouse capture off, the main screen, the
/// cursor shown.
fn back_escapes() -> String {
    let mut out = String::new();
    let _ = DisableMouseCapture.write_ansi(&mut out);
    let _ = LeaveAlternateScreen.write_ansi(&mut out);
    let _ = cursor::Show.write_ansi(&mut out);
    out
}

/// The terminal lock, whoever panicked holding it.
pub fn lock() -> MutexGuard<'static, bool> {
    TAKEN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The lock, or after `wait` without it, nothing: a thread stuck writing a
/// frame to a terminal that no longer reads must not stop a signal from
/// ending the program.
pub fn lock_within(wait: Duration) -> Option<MutexGuard<'static, bool>> {
    let until = Instant::now() + wait;
    loop {
        match TAKEN.try_lock() {
            Ok(g) => return Some(g),
            Err(std::sync::TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) if Instant::now() < until => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(std::sync::TryLockError::WouldBlock) => return None,
        }
    }
}

/// Raw mode, the alternate screen, mouse capture, no cursor: what `give_back`
/// undoes. Raw mode is set afresh, so a shell that put the terminal back in
/// cooked mode while the program was stopped is overruled.
pub fn take(taken: &mut bool) -> io::Result<()> {
    let _ = disable_raw_mode();
    BACK.get_or_init(back_escapes);
    if BEFORE.get().is_none() {
        let mut before = std::mem::MaybeUninit::<libc::termios>::zeroed();
        // SAFETY: tcgetattr fills the termios it is given, or fails.
        if with_tty(|fd| unsafe { libc::tcgetattr(fd, before.as_mut_ptr()) }) == Some(0) {
            // SAFETY: filled by the call that succeeded.
            let _ = BEFORE.set(unsafe { before.assume_init() });
        }
    }
    enable_raw_mode()?;
    *taken = true;
    TAKEN_NOW.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
}

/// Puts the terminal back as the shell expects it. Safe to call twice, and
/// when the terminal is gone (every failure is ignored).
pub fn give_back(taken: &mut bool) {
    if !*taken {
        return;
    }
    let mut out = io::stdout();
    let _ = out.write_all(BACK.get_or_init(back_escapes).as_bytes());
    let _ = out.flush();
    let _ = disable_raw_mode();
    *taken = false;
    TAKEN_NOW.store(false, Ordering::SeqCst);
}

/// Calls `f` with the terminal's descriptor, found as the terminal library
/// finds it: standard input when it is a terminal, else `/dev/tty`. Only
/// async-signal-safe calls.
fn with_tty(f: impl FnOnce(libc::c_int) -> libc::c_int) -> Option<libc::c_int> {
    // SAFETY: isatty, open and close are given a descriptor or a path
    // that ends in a zero byte.
    unsafe {
        if libc::isatty(libc::STDIN_FILENO) == 1 {
            return Some(f(libc::STDIN_FILENO));
        }
        let fd = libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR);
        if fd < 0 {
            return None;
        }
        let got = f(fd);
        libc::close(fd);
        Some(got)
    }
}

/// Gives the terminal back from a signal handler, with the calls one may
/// make there: the escapes `give_back` writes, and the settings from
/// before it was first taken.
pub fn give_back_at_once() {
    if !TAKEN_NOW.load(Ordering::SeqCst) {
        return;
    }
    // SAFETY: write and tcsetattr are async-signal-safe; both are given
    // memory that lives as long as the program.
    unsafe {
        if let Some(back) = BACK.get() {
            libc::write(libc::STDOUT_FILENO, back.as_ptr().cast(), back.len());
        }
        if let Some(before) = BEFORE.get() {
            with_tty(|fd| libc::tcsetattr(fd, libc::TCSANOW, before));
        }
    }
}

/// Holds the terminal in explorer state; dropping it gives it back, on a
/// normal return and on an error alike.
pub struct Guard(());

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        // Made first, so a failure half-way is undone by its Drop.
        let guard = Guard(());
        take(&mut lock())?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        give_back(&mut lock());
    }
}

/// Gives the terminal back before the panic message, so the message is
/// readable and the shell usable. The lock is not waited for long: the
/// panicking thread may hold it.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(mut taken) = lock_within(Duration::from_millis(100)) {
            give_back(&mut taken);
        } else {
            give_back(&mut true);
        }
        previous(info);
    }));
}
