//! The chronoscope binary: parse the command line, dispatch, and map the
//! outcome to exit codes — 0 success, 1 an invalid timeline, 2 usage or I/O.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use chronoscope::cli::{CheckFormat, Cli, Command};
use chronoscope::load::{self, Input, LoadError, Loaded};
use chronoscope::text::one_line;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { paths, format }) => check(&paths, format),
        None => listing(&cli.paths),
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

fn listing(paths: &[PathBuf]) -> Result<ExitCode, LoadError> {
    let loaded = load::load(inputs(paths)?);
    if loaded.errors() > 0 {
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}\n", loaded.files.render(d));
        }
        eprintln!("{}", summary(&loaded));
        return Ok(ExitCode::from(1));
    }
    let t = &loaded.timeline;
    let mut out = std::io::stdout().lock();
    for e in &t.events {
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
    Ok(ExitCode::SUCCESS)
}
