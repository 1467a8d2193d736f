//! `cache`, `config`, `completions` and `man`: the program's own
//! folders, settings and documentation.

use std::process::ExitCode;

use chronoscope::cli::Cli;
use chronoscope::text::one_line;

use crate::{Stream, plural, say, usage};

/// `chronoscope cache`: where the cache of resolved timelines is and what
/// it holds; `--clear` removes every entry.
pub(crate) fn cache(clear: bool) -> ExitCode {
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
pub(crate) fn config(default: bool, read: &chronoscope::config::Read) -> ExitCode {
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

/// `chronoscope completions SHELL`: the script clap_complete makes from the
/// same definitions that parse the command line, so it never drifts.
pub(crate) fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "chronoscope", &mut out);
    say(Stream::Out, &String::from_utf8_lossy(&out));
    ExitCode::SUCCESS
}

/// `chronoscope man`: the manual, in roff, from the same definitions: the
/// program's page, then a page per subcommand (`chronoscope-list(1)`…),
/// one after the other, as `man -l -` reads them.
pub(crate) fn man() -> ExitCode {
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
