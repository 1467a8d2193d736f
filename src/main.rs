//! The chronoscope binary: parse the command line, dispatch, and map the
//! outcome to exit codes — 0 success, 1 an invalid timeline, 2 usage or I/O.
//!
//! Everything printed goes through `say`: text is sanitized, a closed pipe
//! (`| head`) is quiet, and any other failed write (a full disk, a closed
//! terminal) ends the program with code 2 rather than a lost report and a
//! success code.

mod commands;

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

use chronoscope::cli::{Cli, Command};
use chronoscope::export::Catalogue;

use commands::{
    cache, catalogue, check, completions, config, diff, explore, import, list, man, present,
    presenter,
};

/// mimalloc rather than the system's allocator: a load or a warm open
/// makes millions of small allocations on every core, and mimalloc's
/// per-thread heaps make them about a quarter faster (`BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    give_freed_memory_back_at_once();
    // First, so that no signal finds a terminal taken or an export half made.
    if let Err(e) = chronoscope::term::signals::install() {
        say(Stream::Err, &format!("error: cannot handle signals: {e}\n"));
        return ExitCode::from(2);
    }
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    let settings = settings(&mut cli);
    NO_CACHE.store(cli.no_cache, Ordering::Relaxed);
    let result = match cli.command {
        Some(Command::Check { paths, format }) => check(&paths, format),
        Some(Command::List(args)) => list(&args),
        Some(Command::Present(args)) => present(&args),
        Some(Command::Presenter(args)) => presenter(&args),
        Some(Command::Actors(args)) => catalogue(&args, Catalogue::Actors),
        Some(Command::Tags(args)) => catalogue(&args, Catalogue::Tags),
        Some(Command::Places(args)) => catalogue(&args, Catalogue::Places),
        Some(Command::Tours(args)) => catalogue(&args, Catalogue::Tours),
        Some(Command::Views(args)) => catalogue(&args, Catalogue::Views),
        Some(Command::Diff(args)) => Ok(diff(&args)),
        Some(Command::Completions { shell }) => Ok(completions(shell)),
        Some(Command::Man) => Ok(man()),
        Some(Command::Import(args)) => Ok(import(&args)),
        Some(Command::Config { default }) => Ok(config(default, settings)),
        Some(Command::Cache { clear }) => Ok(cache(clear)),
        None => explore(&cli),
    };
    // An entry the cache is still writing is finished first.
    chronoscope::cache::wait();
    let code = match result {
        Ok(code) => code,
        Err(e) => {
            say(Stream::Err, &format!("error: {e}\n"));
            ExitCode::from(2)
        }
    };
    if WRITE_FAILED.load(Ordering::Relaxed) {
        ExitCode::from(2)
    } else {
        code
    }
}

/// A clap error or help text, printed through the sanitizer: a file name
/// picked up by a shell glob can hold escape sequences, and clap quotes it.
fn clap_error(e: &clap::Error) -> ExitCode {
    let text = chronoscope::text::sanitize(&e.render().to_string()).into_owned();
    let (stream, code) = if e.use_stderr() {
        (Stream::Err, 2)
    } else {
        (Stream::Out, 0)
    };
    say(stream, &text);
    if WRITE_FAILED.load(Ordering::Relaxed) {
        ExitCode::from(2)
    } else {
        ExitCode::from(code)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Stream {
    Out,
    Err,
}

/// Set once any write failed for a reason other than a closed pipe.
static WRITE_FAILED: AtomicBool = AtomicBool::new(false);

/// Writes `text` whole to a stream; see `written` for what a failure does.
fn say(stream: Stream, text: &str) {
    let result = match stream {
        Stream::Out => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        }
        Stream::Err => {
            let mut err = std::io::stderr().lock();
            err.write_all(text.as_bytes()).and_then(|()| err.flush())
        }
    };
    written(stream, result);
}

/// mimalloc's `mi_option_purge_delay` (its `mimalloc.h`, the `mi_option_e`
/// enumeration): how long memory freed waits before it goes back to the
/// system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives memory freed back to the system at once instead of 10 ms later:
/// a load frees the files' text and its records while it builds the
/// timeline, and with the delay they were still held at the peak (a
/// `check` of 100,000 events peaked at 680 MB instead of 560).
fn give_freed_memory_back_at_once() {
    // SAFETY: sets a tuning parameter that mimalloc reads whenever it
    // purges; any value is valid.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

/// What became of a write to a stream: a reader that went away (`| head`)
/// is not a failure; anything else is remembered (exit code 2) and, for
/// standard output, reported on standard error while it still works.
fn written(stream: Stream, result: std::io::Result<()>) {
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {}
        Err(e) => {
            let first = !WRITE_FAILED.swap(true, Ordering::Relaxed);
            if first && stream == Stream::Out {
                say(
                    Stream::Err,
                    &format!("error: cannot write to standard output: {e}\n"),
                );
            }
        }
    }
}

/// Set by `--no-cache`: every timeline is loaded from its files.
static NO_CACHE: AtomicBool = AtomicBool::new(false);

/// The cache folder, unless `--no-cache`.
fn cache_folder() -> Option<PathBuf> {
    match NO_CACHE.load(Ordering::Relaxed) {
        true => None,
        false => chronoscope::cache::folder(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The settings read at the start, for the explorer's theme and its bottom line.
static SETTINGS: std::sync::OnceLock<chronoscope::config::Read> = std::sync::OnceLock::new();

/// Reads the person's settings and puts them in force: the key table, the
/// date style, and the timeline paths of a command given none. A file with
/// problems is not used at all (the explorer says why).
fn settings(cli: &mut Cli) -> &'static chronoscope::config::Read {
    let (path, must_exist) = chronoscope::config::locate(cli.config.as_deref());
    let read = SETTINGS.get_or_init(|| chronoscope::config::read(path.as_deref(), must_exist));
    let s = &read.settings;
    if let Some(table) = &s.keys {
        chronoscope::app::keymap::install(table.clone());
    }
    s.date_style.set();
    if !s.paths.is_empty() {
        let paths = match &mut cli.command {
            None => Some(&mut cli.paths),
            Some(Command::List(a)) => Some(&mut a.paths),
            Some(Command::Present(a)) => Some(&mut a.paths),
            Some(Command::Presenter(a)) => Some(&mut a.paths),
            Some(
                Command::Actors(a)
                | Command::Tags(a)
                | Command::Places(a)
                | Command::Tours(a)
                | Command::Views(a),
            ) => Some(&mut a.paths),
            // `check` checks what it is given, or the bundled timeline.
            _ => None,
        };
        if let Some(p) = paths.filter(|p| p.is_empty()) {
            p.clone_from(&s.paths);
        }
    }
    read
}

fn usage(message: &str) -> ExitCode {
    say(Stream::Err, &format!("error: {message}\n"));
    ExitCode::from(2)
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
