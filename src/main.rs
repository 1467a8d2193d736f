//! The chronoscope binary: parse the command line, dispatch, and map the
//! outcome to exit codes — 0 success, 1 an invalid timeline, 2 usage or I/O.

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use chronoscope::app::App;
use chronoscope::cli::{CheckFormat, Cli, Command, ListArgs};
use chronoscope::export::{self, Format};
use chronoscope::load::{self, Input, LoadError, Loaded};
use chronoscope::model::Timeline;
use chronoscope::query::{self, Filter};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { paths, format }) => check(&paths, format),
        Some(Command::List(args)) => list(&args),
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
    valid(load::load(inputs(paths)?))
}

/// The loaded timeline, or its errors printed and exit code 1.
fn valid(loaded: Loaded) -> Result<Result<Loaded, ExitCode>, LoadError> {
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
        return Ok(emit(&loaded.timeline, &filter, Format::Text, None, &[]));
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

/// `chronoscope list`: the filtered chronology on standard output or in a file.
fn list(args: &ListArgs) -> Result<ExitCode, LoadError> {
    let inputs = inputs(&args.paths)?;
    // The files read, as named when read plus as given, so that `--output`
    // can refuse every one of them; the bundled timeline has none on disk.
    let sources: Vec<PathBuf> = if args.paths.is_empty() {
        Vec::new()
    } else {
        inputs
            .iter()
            .map(|i| PathBuf::from(&i.name))
            .chain(args.paths.iter().cloned())
            .collect()
    };
    let loaded = match valid(load::load(inputs))? {
        Ok(l) => l,
        Err(code) => return Ok(code),
    };
    let filter = match args.filter.to_filter(&loaded.timeline) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    Ok(emit(
        &loaded.timeline,
        &filter,
        args.format,
        args.output.as_deref(),
        &sources,
    ))
}

/// Exports the events `filter` shows — through `query::apply`, the path the
/// explorer uses — to `output`, or to standard output when there is none.
fn emit(
    t: &Timeline,
    filter: &Filter,
    format: Format,
    output: Option<&Path>,
    sources: &[PathBuf],
) -> ExitCode {
    let shown = query::apply(t, &query::Index::build(t), filter);
    if let Some(path) = output {
        return match export::export_to(format, t, &shown, path, sources) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        };
    }
    let text = format.render(t, &shown);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not a failure.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}
