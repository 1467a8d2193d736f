//! The chronoscope binary: parse the command line, dispatch, and map the
//! outcome to exit codes — 0 success, 1 an invalid timeline, 2 usage or I/O.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use chronoscope::app::App;
use chronoscope::cli::{CheckFormat, Cli, Command};
use chronoscope::load::{self, Input, LoadError, Loaded};
use chronoscope::text::one_line;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { paths, format }) => check(&paths, format),
        None => explore(&cli),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, LoadError> {
    if paths.is_empty() {
        Ok(load::bundled())
    } else {
        load::read_paths(paths)
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(loaded: &Loaded) -> String {
    let t = &loaded.timeline;
    format!(
        "{}, {}, {}: {}, {}",
        plural(loaded.files.files.len(), "file", "files"),
        plural(t.events.len(), "event", "events"),
        plural(t.actors.len(), "actor", "actors"),
        plural(loaded.errors(), "error", "errors"),
        plural(loaded.warnings(), "warning", "warnings"),
    )
}

fn check(paths: &[PathBuf], format: CheckFormat) -> Result<ExitCode, LoadError> {
    let loaded = load::load(inputs(paths)?);
    let mut out = std::io::stdout().lock();
    let written = match format {
        CheckFormat::Human => {
            let mut s = String::new();
            for d in &loaded.diagnostics {
                s.push_str(&loaded.files.render(d));
                s.push_str("\n\n");
            }
            s.push_str(&summary(&loaded));
            writeln!(out, "{s}")
        }
        CheckFormat::Json => {
            let diagnostics: Vec<_> = loaded
                .diagnostics
                .iter()
                .map(|d| loaded.files.to_json(d))
                .collect();
            let doc = serde_json::json!({
                "files": loaded.files.files.len(),
                "events": loaded.timeline.events.len(),
                "actors": loaded.timeline.actors.len(),
                "errors": loaded.errors(),
                "warnings": loaded.warnings(),
                "diagnostics": diagnostics,
            });
            writeln!(out, "{doc:#}")
        }
    };
    // A closed pipe (`| head`) is not a failure of the timeline.
    drop(written);
    Ok(ExitCode::from(if loaded.errors() > 0 { 1 } else { 0 }))
}

/// Loads a timeline for the explorer or a listing; on errors prints them
/// and gives the exit code.
fn load_valid(paths: &[PathBuf]) -> Result<Result<Loaded, ExitCode>, LoadError> {
    let loaded = load::load(inputs(paths)?);
    if loaded.errors() > 0 {
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}\n", loaded.files.render(d));
        }
        eprintln!("{}", summary(&loaded));
        eprintln!("chronoscope check shows every problem; fix the errors above and try again.");
        return Ok(Err(ExitCode::from(1)));
    }
    Ok(Ok(loaded))
}

fn explore(cli: &Cli) -> Result<ExitCode, LoadError> {
    let loaded = match load_valid(&cli.paths)? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let filter = match cli.filter.to_filter(&loaded.timeline) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if !std::io::stdout().is_terminal() {
        return Ok(listing(&loaded, &filter));
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let app = App::new(loaded.timeline, filter, cli.theme, no_color);
    match chronoscope::term::run(app) {
        Ok(None) => Ok(ExitCode::SUCCESS),
        Ok(Some(signal)) => Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))),
        Err(e) => {
            eprintln!("error: the terminal failed: {e}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The plain chronological listing, for pipes and files.
fn listing(loaded: &Loaded, filter: &chronoscope::query::Filter) -> ExitCode {
    let t = &loaded.timeline;
    let index = chronoscope::query::Index::build(t);
    let shown = chronoscope::query::apply(t, &index, filter);
    let mut out = std::io::stdout().lock();
    for e in shown.events.iter().map(|&i| &t.events[i]) {
        let actors: Vec<&str> = e
            .actors
            .iter()
            .map(|&a| t.actors[a].short.as_str())
            .collect();
        if writeln!(
            out,
            "{:<22} {}  [{}]",
            e.display_date(),
            one_line(&e.title),
            actors.join(", ")
        )
        .is_err()
        {
            break;
        }
    }
    ExitCode::SUCCESS
}
