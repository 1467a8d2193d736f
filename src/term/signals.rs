//! What a signal does to chronoscope, in every command.
//!
//! A thread installed before anything else (before the terminal is taken,
//! so there is no moment when a signal would leave it raw) waits for
//! signals and acts on them itself, so that it works even while the main
//! thread is busy:
//!
//! - SIGHUP, SIGINT, SIGQUIT, SIGTERM, and the other signals whose default
//!   is to end the program (SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
//!   SIGXCPU, SIGXFSZ, SIGIO, SIGPWR): remove the temporary file of any
//!   export under way, give the terminal back, and exit with 128 + the
//!   signal's number.
//! - SIGTSTP (a `kill -TSTP`, or the shell's job control): give the
//!   terminal back and stop; on SIGCONT take it again and repaint. Ctrl-Z
//!   inside the explorer takes the same path.
//! - SIGCONT after any stop (even SIGSTOP, which cannot be caught): take
//!   the terminal again if the explorer holds it, and repaint.
//!
//! - SIGBUS: a page of a mapped file is gone, which means another program
//!   cut short the cache entry the search text is read from
//!   (`cache::bytes`). Nothing can be read in its place: the terminal is
//!   given back, in the signal handler itself, the reason is said, and the
//!   program exits with 128 + the signal's number.
//!
//! SIGKILL and SIGSTOP cannot be caught; SIGSEGV, SIGILL, SIGFPE, SIGTRAP,
//! SIGABRT and SIGSYS mean the program itself has failed and are left to
//! their default. SIGPIPE is ignored: a closed pipe is an error a
//! write reports.

use std::io;
use std::sync::mpsc::Sender;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use signal_hook::consts::{
    SIGALRM, SIGBUS, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP,
    SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::Signals;

use super::guard;

/// Signals whose default is to end the program, all given the same care.
#[cfg(target_os = "linux")]
pub const TERMINATING: &[i32] = &[
    SIGHUP,
    SIGINT,
    SIGQUIT,
    SIGTERM,
    SIGUSR1,
    SIGUSR2,
    SIGALRM,
    SIGVTALRM,
    SIGPROF,
    SIGXCPU,
    SIGXFSZ,
    SIGIO,
    libc::SIGPWR,
];
#[cfg(not(target_os = "linux"))]
pub const TERMINATING: &[i32] = &[
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ, SIGIO,
];

/// Where to say "repaint" after the program was stopped and continued.
static REPAINT: Mutex<Option<Sender<()>>> = Mutex::new(None);

/// How long a signal waits for a frame being drawn before it acts anyway.
const WAIT_FOR_FRAME: Duration = Duration::from_millis(500);

/// Starts the signal thread. Call it first thing in `main`.
pub fn install() -> io::Result<()> {
    // SAFETY: `on_fault` makes only async-signal-safe calls, and ends the
    // program rather than return to the access that faulted.
    unsafe { signal_hook::low_level::register(SIGBUS, on_fault) }?;
    let mut wanted = TERMINATING.to_vec();
    wanted.extend([SIGTSTP, SIGCONT]);
    let mut signals = Signals::new(&wanted)?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                match sig {
                    SIGTSTP => suspend(),
                    SIGCONT => resumed(),
                    _ => terminate(sig),
                }
            }
        })?;
    Ok(())
}

/// Asks for a repaint on `to` whenever the program is continued.
pub fn repaint_on_resume(to: Sender<()>) {
    *REPAINT.lock().unwrap_or_else(PoisonError::into_inner) = Some(to);
}

/// What a SIGBUS does (see the module's comment).
fn on_fault() {
    guard::give_back_at_once();
    const WHY: &[u8] = b"chronoscope: a file it was reading was cut short by another program \
(its cache entry, in the cache folder); run it again, or with --no-cache\n";
    // SAFETY: write is async-signal-safe.
    unsafe { libc::write(libc::STDERR_FILENO, WHY.as_ptr().cast(), WHY.len()) };
    signal_hook::low_level::exit(128 + SIGBUS)
}

fn terminate(sig: i32) -> ! {
    crate::export::remove_temporaries();
    match guard::lock_within(WAIT_FOR_FRAME) {
        Some(mut taken) => guard::give_back(&mut taken),
        None => guard::give_back(&mut true),
    }
    std::process::exit(128 + sig)
}

/// Gives the terminal back, stops, and on continuing takes it again. The
/// lock is held throughout, so no frame is drawn while stopped.
pub fn suspend() {
    let mut lock = guard::lock_within(WAIT_FOR_FRAME);
    // A lock not had in time is held by a frame being drawn: the terminal is taken.
    let mut assumed = true;
    let taken = lock.as_deref_mut().unwrap_or(&mut assumed);
    let held = *taken;
    guard::give_back(taken);
    // SIGTSTP is caught here, so raising it would only come back to us.
    let _ = signal_hook::low_level::raise(SIGSTOP);
    if held {
        let _ = guard::take(taken);
    }
    drop(lock);
    ask_repaint();
}

fn resumed() {
    if let Some(mut taken) = guard::lock_within(WAIT_FOR_FRAME)
        && *taken
    {
        let _ = guard::take(&mut taken);
    }
    ask_repaint();
}

fn ask_repaint() {
    if let Some(tx) = REPAINT
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
    {
        let _ = tx.send(());
    }
}
