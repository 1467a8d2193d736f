//! `list` and `diff`: the filtered chronology exported, and what changed
//! between two versions.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use chronoscope::cli::ListArgs;
use chronoscope::export::{self, Format, Protected, Replace};
use chronoscope::load::{self, LoadError};
use chronoscope::query;
use chronoscope::text::one_line;

use super::{Ready, load_filtered, report_errors};
use crate::written;
use crate::{Stream, no_color, say, usage};

/// `chronoscope diff OLD NEW`: what changed between two versions, each a
/// file, a folder or `REV:PATH` read from git. Exit 0 when nothing did, 1
/// when something did, as `diff` does, and 2 when the two cannot be
/// compared: a side that cannot be read (no git, an unknown revision) or
/// that has errors, which are printed as `check` prints them.
pub(crate) fn diff(args: &chronoscope::cli::DiffArgs) -> ExitCode {
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
    let code = ExitCode::from(if changes.is_empty() { 0 } else { 1 });
    // Both sides are left for the process's end, as `check` leaves one.
    std::mem::forget(loaded);
    code
}

/// `chronoscope list`: the filtered chronology on standard output or in a file.
pub(crate) fn list(args: &ListArgs) -> Result<ExitCode, LoadError> {
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
pub(super) fn emit(
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
