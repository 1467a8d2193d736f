//! `check`, the catalogues (`actors`, `tags`, `places`, `tours`, `views`)
//! and `import`: what a timeline holds, and whether it is sound.

use std::path::PathBuf;
use std::process::ExitCode;

use chronoscope::cli::{CheckFormat, IndexArgs};
use chronoscope::export::Catalogue;
use chronoscope::load::{self, LoadError};
use chronoscope::text::one_line;

use super::{citations, claim_counts, inputs, report_errors, summary};
use crate::{Stream, say, usage};

pub(crate) fn check(paths: &[PathBuf], format: CheckFormat) -> Result<ExitCode, LoadError> {
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

/// `chronoscope import`: reads each file, reports what it skips and why,
/// writes the new folder and checks it as `check` would.
pub(crate) fn import(args: &chronoscope::cli::ImportArgs) -> ExitCode {
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
            let code = if loaded.errors() > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
            // As `check` leaves it: 100,000 imported rows are freed at exit.
            std::mem::forget(loaded);
            code
        }
        Err(e) => usage(&e.to_string()),
    }
}

/// `chronoscope actors|tags|places|tours|views`: the ids a person can pass
/// to `--actor`, `--tag`, `--place`, `--tour` and `--view`, with what they
/// name and how often.
pub(crate) fn catalogue(args: &IndexArgs, what: Catalogue) -> Result<ExitCode, LoadError> {
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
