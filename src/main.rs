//! The chronoscope binary: parse the command line, dispatch, and map the
//! outcome to exit codes — 0 success, 1 an invalid timeline, 2 usage or I/O.
//!
//! Everything printed goes through `say`: text is sanitized, a closed pipe
//! (`| head`) is quiet, and any other failed write (a full disk, a closed
//! terminal) ends the program with code 2 rather than a lost report and a
//! success code.

use std::io::{ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Parser;

use chronoscope::app::{App, Broken, Deck, Start};
use chronoscope::cache::Opened;
use chronoscope::cli::{
    CheckFormat, Cli, Command, IndexArgs, ListArgs, PresentArgs, PresenterArgs, ThemeName,
};
use chronoscope::export::{self, Catalogue, Format, Protected, Replace};
use chronoscope::load::{self, Input, LoadError, Loaded};
use chronoscope::model::Timeline;
use chronoscope::query::{self, Filter, Index};
use chronoscope::text::one_line;

fn main() -> ExitCode {
    grow_the_heap_in_large_steps();
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

/// Asks glibc's allocator to grow each heap 64 MiB at a time rather than
/// a page or so: loading or decoding 100,000 events makes millions of
/// small allocations on the worker threads, whose heaps otherwise grow by
/// one `mprotect` call after another (13 % of a warm open). Untouched
/// room costs no memory.
fn grow_the_heap_in_large_steps() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a tuning parameter, before any thread
    // is started.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
    }
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

/// The files a command reads, and what an export from it may never write
/// over or into: those files, and the folders given. No path: the bundled
/// timeline, which has no files on disk.
fn inputs(paths: &[PathBuf]) -> Result<(Vec<Input>, Protected), LoadError> {
    if paths.is_empty() {
        return Ok((load::bundled(), Protected::default()));
    }
    let scan = load::scan(paths)?;
    let inputs = load::read_files(&scan.files)?;
    Ok((inputs, protected(paths, &scan.files)))
}

fn protected(paths: &[PathBuf], files: &[PathBuf]) -> Protected {
    Protected {
        files: files.iter().chain(paths).cloned().collect(),
        folders: paths.iter().filter(|p| p.is_dir()).cloned().collect(),
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

/// The timeline a command shows, as `inputs` gives it but through the
/// cache (`chronoscope::cache`) unless `--no-cache`. The bundled timeline
/// is never cached: it loads in milliseconds.
fn open(paths: &[PathBuf]) -> Result<(Opened, Protected), LoadError> {
    if paths.is_empty() {
        return Ok((Opened::bundled(), Protected::default()));
    }
    let scan = load::scan(paths)?;
    let opened = Opened::load(cache_folder().as_deref(), paths, &scan.files)?;
    Ok((opened, protected(paths, &scan.files)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(loaded: &Loaded) -> String {
    let t = &loaded.timeline;
    // Every event written is counted, so a file of broken events does not
    // read as an empty one.
    let events = match (t.events.len(), loaded.events_written()) {
        (valid, written) if written > valid => format!("{valid} of {written} events valid"),
        (valid, _) => plural(valid, "event", "events"),
    };
    // Places are said only where a timeline has them.
    let places = match t.places.len() {
        0 => String::new(),
        n => format!(", {}", plural(n, "place", "places")),
    };
    format!(
        "{}, {}, {}{places}: {}, {}",
        plural(loaded.files.files.len(), "file", "files"),
        events,
        plural(t.actors.len(), "actor", "actors"),
        plural(loaded.errors(), "error", "errors"),
        plural(loaded.warnings(), "warning", "warnings"),
    )
}

/// How many claims there are, and how many of them cite a source.
fn claim_counts(t: &Timeline) -> (usize, usize) {
    t.events
        .iter()
        .flat_map(|e| &e.claims)
        .fold((0, 0), |(n, c), claim| {
            (n + 1, c + usize::from(!claim.sources.is_empty()))
        })
}

/// "278 claims, 240 of them citing a source (86 %)", when there are claims.
fn citations(t: &Timeline) -> Option<String> {
    let (n, citing) = claim_counts(t);
    (n > 0).then(|| {
        format!(
            "{}, {citing} of them citing a source ({} %)",
            plural(n, "claim", "claims"),
            citing * 100 / n
        )
    })
}

fn check(paths: &[PathBuf], format: CheckFormat) -> Result<ExitCode, LoadError> {
    let loaded = load::load(inputs(paths)?.0);
    let text = match format {
        CheckFormat::Human => {
            let mut s = String::new();
            for d in &loaded.diagnostics {
                s.push_str(&loaded.files.render(d));
                s.push_str("\n\n");
            }
            if let Some(line) = citations(&loaded.timeline) {
                s.push_str(&line);
                s.push('\n');
            }
            s.push_str(&summary(&loaded));
            s
        }
        CheckFormat::Json => {
            let (claims, citing) = claim_counts(&loaded.timeline);
            let diagnostics: Vec<_> = loaded
                .diagnostics
                .iter()
                .map(|d| loaded.files.to_json(d))
                .collect();
            let doc = serde_json::json!({
                "files": loaded.files.files.len(),
                "events": loaded.timeline.events.len(),
                "actors": loaded.timeline.actors.len(),
                "places": loaded.timeline.places.len(),
                "errors": loaded.errors(),
                "warnings": loaded.warnings(),
                "claims": claims,
                "claims_citing_a_source": citing,
                "diagnostics": diagnostics,
            });
            format!("{doc:#}")
        }
    };
    say(Stream::Out, &format!("{text}\n"));
    let code = ExitCode::from(if loaded.errors() > 0 { 1 } else { 0 });
    // Left for the process's end to take back: freeing 100,000 events one
    // allocation at a time is a sixth of a check.
    std::mem::forget(loaded);
    Ok(code)
}

/// Prints the errors of a timeline that did not load, with the summary.
fn report_errors(loaded: &Loaded) -> ExitCode {
    let mut text = String::new();
    for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
        text.push_str(&loaded.files.render(d));
        text.push_str("\n\n");
    }
    text.push_str(&summary(loaded));
    text.push_str("\nchronoscope check shows every problem; fix the errors above and try again.\n");
    say(Stream::Err, &text);
    ExitCode::from(1)
}

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

fn explore(cli: &Cli) -> Result<ExitCode, LoadError> {
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
fn present(args: &PresentArgs) -> Result<ExitCode, LoadError> {
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
fn presenter(args: &PresenterArgs) -> Result<ExitCode, LoadError> {
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

/// `chronoscope cache`: where the cache of resolved timelines is and what
/// it holds; `--clear` removes every entry.
fn cache(clear: bool) -> ExitCode {
    use chronoscope::cache;
    let Some(folder) = cache::folder() else {
        return usage("no cache folder: set HOME or XDG_CACHE_HOME");
    };
    let shown = one_line(&folder.display().to_string());
    let mb = |bytes: u64| bytes as f64 / 1e6;
    if clear {
        return match cache::clear(&folder) {
            Ok((n, bytes)) => {
                let entries = plural(n, "timeline", "timelines");
                say(
                    Stream::Out,
                    &format!("removed {entries} ({:.1} MB) from {shown}\n", mb(bytes)),
                );
                ExitCode::SUCCESS
            }
            Err(e) => usage(&format!("cannot clear {shown}: {e}")),
        };
    }
    let (n, bytes) = cache::usage(&folder);
    say(
        Stream::Out,
        &format!(
            "{shown}: {} cached, {:.1} MB of at most {:.0} MB\n",
            plural(n, "timeline", "timelines"),
            mb(bytes),
            mb(cache::LIMIT)
        ),
    );
    ExitCode::SUCCESS
}

/// `chronoscope config`: where the settings are read from and whether they
/// are used; `--default` prints a file to start from.
fn config(default: bool, read: &chronoscope::config::Read) -> ExitCode {
    if default {
        say(Stream::Out, &chronoscope::config::default_text());
        return ExitCode::SUCCESS;
    }
    if !read.diagnostics.is_empty() {
        for d in &read.diagnostics {
            say(
                Stream::Err,
                &format!(
                    "{}
",
                    read.files.render(d)
                ),
            );
        }
        say(
            Stream::Err,
            &format!(
                "{} problem{}: the settings are not used; chronoscope starts with its defaults\n",
                read.diagnostics.len(),
                if read.diagnostics.len() == 1 { "" } else { "s" }
            ),
        );
        return ExitCode::from(1);
    }
    match &read.file {
        Some(f) => say(
            Stream::Out,
            &format!(
                "{}: the settings are used\n",
                one_line(&f.display().to_string())
            ),
        ),
        None => {
            let (path, _) = chronoscope::config::locate(None);
            let at = path.map_or_else(
                || "no config folder".to_string(),
                |p| one_line(&p.display().to_string()),
            );
            say(
                Stream::Out,
                &format!(
                    "No settings file ({at}): chronoscope uses its defaults; `chronoscope config --default > FILE` writes one to start from\n"
                ),
            );
        }
    }
    ExitCode::SUCCESS
}

/// `chronoscope import`: reads each file, reports what it skips and why,
/// writes the new folder and checks it as `check` would.
fn import(args: &chronoscope::cli::ImportArgs) -> ExitCode {
    use chronoscope::import;
    let options = import::Options {
        from: args.from,
        map: args.map.clone(),
        date_format: args.date_format.clone(),
    };
    let all = match import::read_all(&args.inputs, &options) {
        Ok(all) => all,
        Err(why) => return usage(&why),
    };
    for s in &all.skipped {
        say(
            Stream::Err,
            &format!("{}: skipped: {}\n", s.at, one_line(&s.why)),
        );
    }
    if args.strict && !all.skipped.is_empty() {
        say(
            Stream::Err,
            &format!(
                "error: --strict: {} rows cannot be read; nothing was written\n",
                all.skipped.len()
            ),
        );
        return ExitCode::from(1);
    }
    let title = args.title.clone().unwrap_or_else(|| {
        if all.title.trim().is_empty() {
            args.inputs[0].file_stem().map_or_else(
                || "Imported chronology".to_string(),
                |s| s.to_string_lossy().into_owned(),
            )
        } else {
            all.title.clone()
        }
    });
    let written = match import::write(&args.output, &all, &one_line(&title)) {
        Ok(n) => n,
        Err(why) => return usage(&why),
    };
    let out = one_line(&args.output.display().to_string());
    say(
        Stream::Out,
        &format!(
            "{written} events imported into {out}, {} rows skipped\n",
            all.skipped.len()
        ),
    );
    // What was written, checked as `check` checks it.
    match load::read_paths(std::slice::from_ref(&args.output)) {
        Ok(inputs) => {
            let loaded = load::load(inputs);
            say(Stream::Out, &format!("{}\n", summary(&loaded).trim_end()));
            if loaded.errors() > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => usage(&e.to_string()),
    }
}

/// `chronoscope completions SHELL`: the script clap_complete makes from the
/// same definitions that parse the command line, so it never drifts.
fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "chronoscope", &mut out);
    say(Stream::Out, &String::from_utf8_lossy(&out));
    ExitCode::SUCCESS
}

/// `chronoscope man`: the manual, in roff, from the same definitions: the
/// program's page, then a page per subcommand (`chronoscope-list(1)`…),
/// one after the other, as `man -l -` reads them.
fn man() -> ExitCode {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    let mut pages = vec![cmd.clone()];
    pages.extend(
        cmd.get_subcommands()
            // A page's name lives as long as the program: this runs once.
            .map(|s| {
                let name: &'static str =
                    Box::leak(format!("chronoscope-{}", s.get_name()).into_boxed_str());
                s.clone().name(name).version(env!("CARGO_PKG_VERSION"))
            }),
    );
    for page in pages {
        if let Err(e) = clap_mangen::Man::new(page).render(&mut out) {
            return usage(&format!("cannot make the manual page: {e}"));
        }
    }
    say(Stream::Out, &String::from_utf8_lossy(&out));
    ExitCode::SUCCESS
}

fn usage(message: &str) -> ExitCode {
    say(Stream::Err, &format!("error: {message}\n"));
    ExitCode::from(2)
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A valid timeline ready to show: its index, the filter flags resolved
/// against it, and what an export from it must never write over.
struct Ready {
    loaded: Loaded,
    index: Index,
    filter: Filter,
    protected: Protected,
}

impl Ready {
    /// `index` is of the timeline as loaded; one seen as known on a day
    /// (`--as-of`) gets its own.
    fn new(loaded: Loaded, index: Index, filter: Filter, protected: Protected) -> Ready {
        let index = match loaded.timeline.known_on {
            Some(_) => Index::build(&loaded.timeline),
            None => index,
        };
        Ready {
            loaded,
            index,
            filter,
            protected,
        }
    }
}

/// Loads a valid timeline and resolves the filter flags against it. `Err`
/// carries the exit code after the problem was reported.
fn load_filtered(
    paths: &[PathBuf],
    flags: &chronoscope::cli::FilterArgs,
) -> Result<Result<Ready, ExitCode>, LoadError> {
    let (mut opened, protected) = open(paths)?;
    if opened.loaded.errors() > 0 {
        return Ok(Err(report_errors(&opened.loaded)));
    }
    let index = opened.index();
    let mut loaded = opened.loaded;
    match known_filter(&mut loaded, flags, paths) {
        Ok(f) => Ok(Ok(Ready::new(loaded, index, f, protected))),
        Err(e) => Ok(Err(usage(&e))),
    }
}

/// The filter flags, on top of their `--view`, resolved against the
/// timeline, which `--as-of` replaces with the timeline as known on that day.
fn known_filter(
    loaded: &mut Loaded,
    flags: &chronoscope::cli::FilterArgs,
    paths: &[PathBuf],
) -> Result<Filter, String> {
    let flags = &flags.view_applied(&loaded.timeline, &my_views(flags, &loaded.timeline))?;
    let mut filter = flags.to_filter(&loaded.timeline)?;
    if let Some(day) = flags.as_of()? {
        loaded.timeline = loaded.timeline.as_known_on(day);
    }
    if flags.marked {
        let chronoscope::marks::Opened { marks, problem, .. } = chronoscope::marks::open(paths);
        if let Some(why) = problem {
            return Err(format!("--marked: {why}"));
        }
        let t = &loaded.timeline;
        let mut marked: Vec<usize> = marks
            .list
            .iter()
            .filter_map(|m| t.event_ix(&m.event))
            .collect();
        marked.sort_unstable();
        filter.marked = Some(marked);
    }
    Ok(filter)
}

/// The person's own views, read when `--view` names none of the timeline's.
fn my_views(flags: &chronoscope::cli::FilterArgs, t: &Timeline) -> Vec<chronoscope::model::View> {
    match &flags.view {
        Some(id) if t.view(id).is_none() => chronoscope::views::open().views,
        _ => Vec::new(),
    }
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

/// `chronoscope actors|tags|places|tours|views`: the ids a person can pass
/// to `--actor`, `--tag`, `--place`, `--tour` and `--view`, with what they
/// name and how often.
fn catalogue(args: &IndexArgs, what: Catalogue) -> Result<ExitCode, LoadError> {
    let (inputs, _) = inputs(&args.paths)?;
    let loaded = load::load(inputs);
    if loaded.errors() > 0 {
        return Ok(report_errors(&loaded));
    }
    let json = matches!(args.format, CheckFormat::Json);
    say(Stream::Out, &what.render(&loaded.timeline, json));
    // As `check` leaves it.
    std::mem::forget(loaded);
    Ok(ExitCode::SUCCESS)
}

/// `chronoscope diff OLD NEW`: what changed between two versions, each a
/// file, a folder or `REV:PATH` read from git. Exit 0 when nothing did, 1
/// when something did, as `diff` does, and 2 when the two cannot be
/// compared: a side that cannot be read (no git, an unknown revision) or
/// that has errors, which are printed as `check` prints them.
fn diff(args: &chronoscope::cli::DiffArgs) -> ExitCode {
    use chronoscope::diff;
    let mut loaded = Vec::new();
    let mut protected = Protected::default();
    for (which, arg) in [("old", &args.old), ("new", &args.new)] {
        let side = match diff::read_side(arg) {
            Ok(side) => side,
            Err(e) => return usage(&e.to_string()),
        };
        let timeline = load::load(side.inputs);
        if timeline.errors() > 0 {
            let label = one_line(&side.label);
            say(
                Stream::Err,
                &format!("error: the {which} side, {label}, has errors; nothing was compared\n\n"),
            );
            report_errors(&timeline);
            return ExitCode::from(2);
        }
        protected.files.extend(side.protected.files);
        protected.folders.extend(side.protected.folders);
        loaded.push(timeline);
    }
    let [old, new] = &loaded[..] else {
        return ExitCode::from(2);
    };
    let changes = diff::compare(&old.timeline, &new.timeline);
    let labels = diff::Labels::new(
        &args.old.display().to_string(),
        &args.new.display().to_string(),
    );
    let color = args.output.is_none() && std::io::stdout().is_terminal() && !no_color();
    let text = args.format.render(&changes, &labels, color);
    if let Some(path) = &args.output {
        if let Err(e) = export::write_atomic(path, &text, &protected, Replace::Allow) {
            return usage(&e.to_string());
        }
    } else {
        say(Stream::Out, &text);
    }
    ExitCode::from(if changes.is_empty() { 0 } else { 1 })
}

/// `chronoscope list`: the filtered chronology on standard output or in a file.
fn list(args: &ListArgs) -> Result<ExitCode, LoadError> {
    let ready = match load_filtered(&args.paths, &args.filter)? {
        Ok(ok) => ok,
        Err(code) => return Ok(code),
    };
    // The notes travel with the marked events they belong to.
    let marks = args
        .filter
        .marked
        .then(|| chronoscope::marks::open(&args.paths).marks);
    let code = emit(&ready, args.format, args.output.as_deref(), marks.as_ref());
    // Left for the process's end to take back, as the explorer leaves its
    // own (`App::leave`).
    std::mem::forget(ready);
    Ok(code)
}

/// Exports the events `filter` shows — through `query::apply`, the path the
/// explorer uses — to `output`, or to standard output when there is none.
fn emit(
    ready: &Ready,
    format: Format,
    output: Option<&Path>,
    marks: Option<&chronoscope::marks::Marks>,
) -> ExitCode {
    let (t, filter, protected) = (&ready.loaded.timeline, &ready.filter, &ready.protected);
    let shown = query::apply(t, &ready.index, filter);
    let mut about = export::About::now(t, filter, &shown);
    if let Some(m) = marks {
        about = about.with_notes(m);
    }
    if shown.events.is_empty() {
        // An empty listing on its own would look like a failure.
        let why = if t.events.is_empty() {
            "the timeline has no events"
        } else {
            "no event matches the filters"
        };
        say(Stream::Err, &format!("note: {why}\n"));
    }
    if let Some(path) = output {
        return match export::export_to(format, t, &shown, &about, path, protected, Replace::Allow) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                say(Stream::Err, &format!("error: {e}\n"));
                ExitCode::from(2)
            }
        };
    }
    // Written as it is made, so a large listing is never whole in memory.
    let result = {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        format
            .render_to(t, &shown, &about, &mut out)
            .and_then(|()| out.flush())
    };
    written(Stream::Out, result);
    ExitCode::SUCCESS
}
