//! The command line: the same filter flags for every subcommand.
//!
//! Parsing here, and in `resolve` the flags read against a timeline;
//! `main` dispatches. Clap's own usage errors exit with code 2, the code
//! chronoscope uses for every usage or I/O problem.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod resolve;

pub use resolve::unknown_id;

#[derive(Debug, Parser)]
#[command(
    name = "chronoscope",
    version,
    about = "Explore, check, present and export chronologies written in TOML",
    long_about = "Explore, check, present and export chronologies written in TOML.\n\n\
        With no PATH, chronoscope opens the timeline compiled into it: Pakistan, \
        Afghanistan and the TTP, 2007-2024. A PATH may be a .toml file or a directory, \
        whose *.toml files are merged.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Timeline files or directories (default: the bundled timeline)
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Colour theme (default: the settings' theme, else dark)
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,

    /// Read the settings from this file rather than
    /// $XDG_CONFIG_HOME/chronoscope/config.toml (or $CHRONOSCOPE_CONFIG)
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Load the timeline from its files, neither reading nor writing the
    /// cache of resolved timelines (`chronoscope cache`)
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Present to a presenter view: the tours picked (P) and the shown events
    /// presented (p) show the room no speaker notes; `chronoscope presenter`
    /// in a second terminal shows them
    #[arg(long)]
    pub publish: bool,

    /// Badge what changed since this version: a git revision (HEAD~10, read
    /// from the same paths) or an older copy's path
    #[arg(long, value_name = "REV|PATH")]
    pub since: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate timeline files: exit 0 when valid, 1 when not, 2 on usage or I/O errors
    Check {
        /// Timeline files or directories (default: the bundled timeline)
        paths: Vec<PathBuf>,
        /// How to print the diagnostics
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
    },
    /// Print or write the filtered chronology as text, Markdown, CSV, JSON, TimelineJS JSON or GeoJSON
    List(ListArgs),
    /// Present the filtered chronology, or a tour, full screen, one event a slide
    Present(PresentArgs),
    /// List the actors: id, short name, name and how many events involve each
    Actors(IndexArgs),
    /// List the tags and how many events carry each
    Tags(IndexArgs),
    /// List the places: id, kind, how many events name each, coordinates and name
    Places(IndexArgs),
    /// The presenter view of a presentation published with `present --publish`:
    /// the speaker notes, the next slide, the clock; its keys move both screens
    Presenter(PresenterArgs),
    /// List the tours: id, title and number of steps
    Tours(IndexArgs),
    /// List the saved views --view opens: id, title and what each shows
    Views(IndexArgs),
    /// What changed between two versions: exit 0 when nothing did, 1 when something did, 2 when they cannot be compared
    Diff(DiffArgs),
    /// Print a completion script for a shell, made from these very options:
    /// `chronoscope completions bash > ~/.local/share/bash-completion/completions/chronoscope`
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `chronoscope man | man -l -`
    Man,
    /// Bring a chronology from another tool into a new timeline folder (TimelineJS JSON)
    Import(ImportArgs),
    /// Say where the cache of resolved timelines is and what it holds;
    /// --clear empties it. `check` never reads it
    Cache {
        /// Remove every cached timeline
        #[arg(long)]
        clear: bool,
    },
    /// Check the settings file and say where it is; --default prints a commented one to start from
    Config {
        /// Print a settings file with every setting at its default and every key binding
        #[arg(long)]
        default: bool,
    },
}

/// `chronoscope diff OLD NEW`: events, actors, places and tours added,
/// removed and changed between two versions of a timeline.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The old version: a .toml file, a folder, or REV:PATH read from git (HEAD~1:timelines)
    pub old: PathBuf,
    /// The new version, in the same forms
    pub new: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = crate::diff::DiffFormat::Text)]
    pub format: crate::diff::DiffFormat,
    /// Write to this file (atomically; never a timeline file) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `chronoscope present`: a tour, or the events the filters show, as slides.
#[derive(Debug, Clone, Args)]
pub struct PresentArgs {
    /// Timeline files or directories (default: the bundled timeline)
    pub paths: Vec<PathBuf>,

    /// Walk this tour from the timeline files, in its order, with its speaker notes
    #[arg(long, value_name = "ID")]
    pub tour: Option<String>,

    /// Present to the room with no speaker notes on screen: `chronoscope
    /// presenter` in a second terminal shows them, and moves both
    #[arg(long)]
    pub publish: bool,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Colour theme (high-contrast suits projectors; default: the settings' theme, else dark)
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
}

/// `chronoscope import`: files of another tool's format into a new folder.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The files to import, all of one format
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Their format (default: told from the file)
    #[arg(long, value_enum)]
    pub from: Option<crate::import::From>,
    /// Which column feeds which field, for --from csv: title=Headline,date=Date,actors=Who,…
    #[arg(long, value_name = "FIELD=COLUMN,…", value_parser = crate::import::Mapping::parse)]
    pub map: Option<crate::import::Mapping>,
    /// How the CSV's dates are written, in strftime's terms: %d/%m/%Y (default: ISO, 2014-12-16)
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// The folder to write: it must not exist, or be empty
    #[arg(long, short, value_name = "DIR")]
    pub output: PathBuf,
    /// The timeline's title (default: the file's own, else its name)
    #[arg(long)]
    pub title: Option<String>,
    /// Fail, writing nothing, when a row cannot be read, rather than skip it
    #[arg(long)]
    pub strict: bool,
}

/// `chronoscope presenter`: follows the presentation published on this machine.
#[derive(Debug, Clone, Args)]
pub struct PresenterArgs {
    /// Timeline files or directories: the same as the presentation's
    /// (default: the bundled timeline)
    pub paths: Vec<PathBuf>,

    /// Colour theme (default: the settings' theme, else dark)
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
}

/// `chronoscope actors|tags|places|tours|views`: what ids a timeline holds.
#[derive(Debug, Clone, Args)]
pub struct IndexArgs {
    /// Timeline files or directories (default: the bundled timeline)
    pub paths: Vec<PathBuf>,
    /// How to print them
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
}

/// `chronoscope list`: the explorer's filters, a format and an optional file.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Timeline files or directories (default: the bundled timeline)
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = crate::export::Format::Text)]
    pub format: crate::export::Format,

    /// Write to this file (atomically; never a timeline file) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The filter every subcommand shares.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Open a view saved in the timeline ([[views]]; `chronoscope views` lists them)
    ///
    /// The other filters given with it apply on top: --actor, --tag and --place add to its
    /// lists; --all-actors, --contested and --highlight switch on what it leaves off; and
    /// --from, --to, --search and --as-of, when given, replace its own.
    #[arg(long, value_name = "ID")]
    pub view: Option<String>,
    /// Only events involving this actor: its id, short name, name or an alias, in any case (repeatable)
    #[arg(long = "actor", value_name = "ID")]
    pub actors: Vec<String>,
    /// With several --actor: require all of them rather than any
    #[arg(long)]
    pub all_actors: bool,
    /// Only events with this tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only events at this place or a place within it: its id, short name, name or an alias (repeatable, any of them)
    #[arg(long = "place", value_name = "ID")]
    pub places: Vec<String>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only events whose text matches
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// With --search: show every event the other filters allow and mark the matches, rather than hide the rest
    #[arg(long)]
    pub highlight: bool,
    /// Only events whose claims conflict: someone denies or disputes what another asserts
    #[arg(long)]
    pub contested: bool,
    /// Only events with a claim of this stance (with --by: made by that actor)
    #[arg(long, value_name = "STANCE", value_parser = ["asserts", "confirms", "denies", "disputes"])]
    pub stance: Option<String>,
    /// Only events with a claim made by this actor (its id, short name, name or an alias)
    #[arg(long, value_name = "ACTOR")]
    pub by: Option<String>,
    /// Only events with a source graded at least this reliable and credible, e.g. B2
    #[arg(long, value_name = "GRADE")]
    pub min_grade: Option<String>,
    /// Only events every source of which is graded D-F, ungraded or without a URL
    #[arg(long)]
    pub weakly_sourced: bool,
    /// Only events with a source from this publisher, as the sources name it (any case)
    #[arg(long, value_name = "PUBLISHER", conflicts_with = "rests_on")]
    pub publisher: Option<String>,
    /// Only events every source of which is from this publisher: what rests on it alone
    #[arg(long, value_name = "PUBLISHER")]
    pub rests_on: Option<String>,
    /// The chronology as known on this day: only what its sources had reported by then
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Only the events marked in the explorer (m), with their notes in exports
    #[arg(long)]
    pub marked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}
