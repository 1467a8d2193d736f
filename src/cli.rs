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
    /// What changed between two versions: exit 0 when nothing did, 1 when something did, 2 when they cannot be compared
    Diff(DiffArgs),
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

    /// Colour theme (high-contrast suits projectors)
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
}

/// `chronoscope presenter`: follows the presentation published on this machine.
#[derive(Debug, Clone, Args)]
pub struct PresenterArgs {
    /// Timeline files or directories: the same as the presentation's
    /// (default: the bundled timeline)
    pub paths: Vec<PathBuf>,

    /// Colour theme
    #[arg(long, value_enum, default_value_t = ThemeName::Dark)]
    pub theme: ThemeName,
}

/// `chronoscope actors|tags|tours`: what ids a timeline holds.
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

impl FilterArgs {
    /// Resolves the flags against a timeline: actor and tag ids must exist,
    /// dates must parse. The error names the bad value and the fix.
    pub fn to_filter(&self, t: &crate::model::Timeline) -> Result<crate::query::Filter, String> {
        use crate::load::suggest::did_you_mean;
        use crate::query::{Combine, Filter};
        let mut f = Filter::default();
        for id in &self.actors {
            let a = actor_named(t, "actor", id)?;
            if !f.actors.contains(&a) {
                f.toggle_actor(a);
            }
        }
        for tag in &self.tags {
            let Some(g) = t.tag_ix(tag) else {
                let near = did_you_mean(tag, t.tags.iter().map(String::as_str));
                return Err(unknown("tag", tag, near));
            };
            if !f.tags.contains(&g) {
                f.toggle_tag(g);
            }
        }
        for name in &self.places {
            let p = place_named(t, name)?;
            if !f.places.contains(&p) {
                f.toggle_place(p);
            }
        }
        if self.all_actors {
            f.combine = Combine::All;
        }
        let date =
            |flag: &str, v: &Option<String>| -> Result<Option<crate::model::EventDate>, String> {
                v.as_deref()
                    .map(|s| {
                        crate::model::EventDate::parse(s.trim())
                            .map_err(|e| format!("--{flag} {}: {e}", crate::text::one_line(s)))
                    })
                    .transpose()
            };
        f.from = date("from", &self.from)?;
        f.to = date("to", &self.to)?;
        if let (Some(a), Some(b)) = (f.from, f.to)
            && b.last_day() < a.first_day()
        {
            return Err(format!("--to {b} is before --from {a}"));
        }
        f.search = self.search.clone().unwrap_or_default();
        f.contested = self.contested;
        f.weakly_sourced = self.weakly_sourced;
        if self.stance.is_some() || self.by.is_some() {
            f.claim = Some(crate::query::ClaimFilter {
                stance: self.stance.as_deref().and_then(crate::model::Stance::parse),
                by: self
                    .by
                    .as_deref()
                    .map(|b| actor_named(t, "by", b))
                    .transpose()?,
            });
        }
        let publisher = [
            (&self.publisher, false, "publisher"),
            (&self.rests_on, true, "rests-on"),
        ];
        for (name, alone, flag) in publisher {
            let Some(name) = name else { continue };
            let Some(found) = crate::query::publisher_named(t, name) else {
                let all: Vec<&str> = t
                    .events
                    .iter()
                    .flat_map(|e| &e.sources)
                    .map(|s| s.publisher.as_str())
                    .collect();
                let near = crate::load::suggest::did_you_mean(name, all.iter().copied());
                let name = crate::text::one_line(name);
                return Err(match near {
                    Some(n) => {
                        format!("--{flag} {name}: no source is from it; did you mean \"{n}\"?")
                    }
                    None => format!("--{flag} {name}: no source is from it"),
                });
            };
            f.publisher = Some(crate::query::PublisherFilter { name: found, alone });
        }
        if let Some(g) = &self.min_grade {
            f.min_grade = Some(crate::model::Grade::parse(g.trim()).ok_or_else(|| {
                format!(
                    "--min-grade {}: an Admiralty grade is a letter A-F then a digit 1-6, e.g. B2",
                    crate::text::one_line(g)
                )
            })?);
        }
        Ok(f)
    }

    /// The day of `--as-of`, if given and valid.
    pub fn as_of(&self) -> Result<Option<crate::model::EventDate>, String> {
        self.as_of
            .as_deref()
            .map(|s| {
                crate::model::EventDate::parse(s.trim())
                    .map_err(|e| format!("--as-of {}: {e}", crate::text::one_line(s)))
            })
            .transpose()
    }
}

/// The one actor a flag's value names, or an error with the near misses.
fn actor_named(t: &crate::model::Timeline, flag: &str, id: &str) -> Result<usize, String> {
    use crate::load::suggest::did_you_mean;
    match t.actors_named(id)[..] {
        [a] => Ok(a),
        [] => {
            // Near misses among everything a person could have typed.
            let names = t.actors.iter().flat_map(|a| {
                std::iter::once(a.id.as_str())
                    .chain([a.short.as_str(), a.name.as_str()])
                    .chain(a.aliases.iter().map(String::as_str))
            });
            let near =
                did_you_mean(&id.to_lowercase(), names.clone()).or_else(|| did_you_mean(id, names));
            Err(unknown("actor", id, near))
        }
        ref many => {
            let ids: Vec<&str> = many.iter().map(|&a| t.actors[a].id.as_str()).collect();
            Err(format!(
                "--{flag} {} could mean {}; give one of these ids",
                crate::text::one_line(id),
                ids.join(", ")
            ))
        }
    }
}

/// The one place a flag's value names, or an error with the near misses.
fn place_named(t: &crate::model::Timeline, name: &str) -> Result<usize, String> {
    use crate::load::suggest::did_you_mean;
    match t.places_named(name)[..] {
        [p] => Ok(p),
        [] => {
            let names = t.places.iter().flat_map(|p| {
                std::iter::once(p.id.as_str())
                    .chain([p.short.as_str(), p.name.as_str()])
                    .chain(p.aliases.iter().map(String::as_str))
            });
            let near = did_you_mean(&name.to_lowercase(), names.clone())
                .or_else(|| did_you_mean(name, names));
            Err(unknown("place", name, near))
        }
        ref many => {
            let ids: Vec<&str> = many.iter().map(|&p| t.places[p].id.as_str()).collect();
            Err(format!(
                "--place {} could mean {}; give one of these ids",
                crate::text::one_line(name),
                ids.join(", ")
            ))
        }
    }
}

fn unknown(what: &str, id: &str, near: Option<&str>) -> String {
    let id = crate::text::one_line(id);
    let all = format!("`chronoscope {what}s` lists the timeline's {what}s");
    match near {
        Some(n) => format!("unknown {what} \"{id}\"; did you mean \"{n}\"? ({all})"),
        None => format!("unknown {what} \"{id}\"; {all}"),
    }
}
