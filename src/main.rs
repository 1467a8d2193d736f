//! The chronoscope binary: parse the command line, dispatch, and map the
//! outcome to exit codes — 0 success, 1 an invalid timeline, 2 usage or I/O.

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

use chronoscope::app::{App, Deck, Mode};
use chronoscope::cli::{CheckFormat, Cli, Command, ListArgs, PresentArgs, ThemeName};
use chronoscope::export::{self, Format};
use chronoscope::load::{self, Input, LoadError, Loaded};
use chronoscope::model::Timeline;
use chronoscope::query::{self, Filter};
use chronoscope::text::one_line;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check { paths, format }) => check(&paths, format),
        Some(Command::List(args)) => list(&args),
        Some(Command::Present(args)) => present(&args),
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

/// The loaded timeline, or its errors printed and exit code 1.
fn validated(loaded: Loaded) -> Result<Loaded, ExitCode> {
    if loaded.errors() > 0 {
        for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
            eprintln!("{}\n", loaded.files.render(d));
        }
        eprintln!("{}", summary(&loaded));
        eprintln!("chronoscope check shows every problem; fix the errors above and try again.");
        return Err(ExitCode::from(1));
    }
    Ok(loaded)
}

fn explore(cli: &Cli) -> Result<ExitCode, LoadError> {
    let (loaded, filter, sources) = match load_filtered(&cli.paths, &cli.filter)? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
    };
    if !std::io::stdout().is_terminal() {
        return Ok(emit(&loaded.timeline, &filter, Format::Text, None, &[]));
    }
    let app = App::new(loaded.timeline, filter, cli.theme, no_color());
    Ok(run_terminal(App {
        sources,
        watched: cli.paths.clone(),
        ..app
    }))
}

/// `chronoscope present`: a tour, or the filtered events, as slides.
fn present(args: &PresentArgs) -> Result<ExitCode, LoadError> {
    let (loaded, filter, sources) = match load_filtered(&args.paths, &args.filter)? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
    };
    let t = &loaded.timeline;
    let deck = match &args.tour {
        Some(id) => match Deck::of_tour(t, id) {
            Some(deck) if !deck.slides.is_empty() => deck,
            Some(_) => return Ok(usage(&format!("tour \"{}\" has no steps", one_line(id)))),
            None => {
                let ids: Vec<&str> = t.tours.iter().map(|t| t.id.as_str()).collect();
                let near = load::diagnostic::did_you_mean(id, ids.iter().copied());
                let hint = match near {
                    Some(n) => format!("did you mean \"{n}\"?"),
                    None if ids.is_empty() => "this timeline has no [[tours]]".to_string(),
                    None => format!("its tours are: {}", ids.join(", ")),
                };
                return Ok(usage(&format!("unknown tour \"{}\"; {hint}", one_line(id))));
            }
        },
        None => {
            let index = query::Index::build(t);
            let shown = query::apply(t, &index, &filter);
            if shown.events.is_empty() {
                return Ok(usage("nothing to present: no event matches the filters"));
            }
            Deck::of_events(t.title.clone(), &shown.events, None)
        }
    };
    if !std::io::stdout().is_terminal() {
        return Ok(usage(
            "present needs a terminal; `chronoscope list` prints the chronology",
        ));
    }
    let theme: ThemeName = args.theme;
    let mut app = App::new(loaded.timeline, filter, theme, no_color());
    app.sources = sources;
    app.mode = Mode::Present(deck);
    Ok(run_terminal(app))
}

fn usage(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Loads a valid timeline and resolves the filter flags against it, with
/// the paths an export must never overwrite. `Err` carries the exit code
/// after the problem was reported.
#[allow(clippy::type_complexity)]
fn load_filtered(
    paths: &[PathBuf],
    flags: &chronoscope::cli::FilterArgs,
) -> Result<Result<(Loaded, Filter, Vec<PathBuf>), ExitCode>, LoadError> {
    let inputs = inputs(paths)?;
    let sources = source_paths(paths, &inputs);
    let loaded = match validated(load::load(inputs)) {
        Ok(l) => l,
        Err(code) => return Ok(Err(code)),
    };
    match flags.to_filter(&loaded.timeline) {
        Ok(f) => Ok(Ok((loaded, f, sources))),
        Err(e) => Ok(Err(usage(&e))),
    }
}

/// The files read, as named when read plus as given, so an export can
/// refuse every one of them; the bundled timeline has none on disk.
fn source_paths(paths: &[PathBuf], inputs: &[Input]) -> Vec<PathBuf> {
    if paths.is_empty() {
        return Vec::new();
    }
    inputs
        .iter()
        .map(|i| PathBuf::from(&i.name))
        .chain(paths.iter().cloned())
        .collect()
}

fn run_terminal(app: App) -> ExitCode {
    match chronoscope::term::run(app) {
        Ok(None) => ExitCode::SUCCESS,
        Ok(Some(signal)) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        Err(e) => {
            eprintln!("error: the terminal failed: {e}");
            ExitCode::from(2)
        }
    }
}

/// `chronoscope list`: the filtered chronology on standard output or in a file.
fn list(args: &ListArgs) -> Result<ExitCode, LoadError> {
    let (loaded, filter, sources) = match load_filtered(&args.paths, &args.filter)? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
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
    if shown.events.is_empty() {
        // An empty listing on its own would look like a failure.
        let why = if t.events.is_empty() {
            "the timeline has no events"
        } else {
            "no event matches the filters"
        };
        eprintln!("note: {why}");
    }
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
