//! The binary's commands, a file for each kind, and what they share:
//! reading a timeline (through the cache where it may), resolving the
//! filter flags against it, and reporting what stops it from loading.

mod check;
mod explore;
mod list;
mod setup;

pub(crate) use check::{catalogue, check, import};
pub(crate) use explore::{explore, present, presenter};
pub(crate) use list::{diff, list};
pub(crate) use setup::{cache, completions, config, man};

use std::path::PathBuf;
use std::process::ExitCode;

use chronoscope::cache::Opened;
use chronoscope::export::Protected;
use chronoscope::load::{self, Input, LoadError, Loaded};
use chronoscope::model::Timeline;
use chronoscope::query::{Filter, Index};

use crate::{Stream, cache_folder, plural, say, usage};

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
