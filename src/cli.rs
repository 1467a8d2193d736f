//! The command line: the same filter flags for every subcommand.
//!
//! Parsing only; `main` dispatches. Clap's own usage errors exit with code 2,
//! the code chronoscope uses for every usage or I/O problem.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

    /// Colour theme
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
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
}

/// The filter every subcommand shares.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only events involving this actor id (repeatable)
    #[arg(long = "actor", value_name = "ID")]
    pub actors: Vec<String>,
    /// With several --actor: require all of them rather than any
    #[arg(long)]
    pub all_actors: bool,
    /// Only events with this tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only events whose text matches
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
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
