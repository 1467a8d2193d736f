//! A person's own saved views: named filters kept in their config folder
//! (`$XDG_CONFIG_HOME/chronoscope/views.toml`), never in a timeline file.
//! The file is written as `[[views]]` tables like a timeline's own, with
//! the same fields, so a view can be moved into a timeline by hand.
//!
//! The file is read leniently: one that cannot be read is reported with
//! its line and column, and chronoscope goes on without it; it is never
//! written over while it cannot be read.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::marks::toml_string;
use crate::model::{EventDate, View};

/// The views file: `$XDG_CONFIG_HOME/chronoscope/views.toml`.
pub fn file() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("chronoscope").join("views.toml"))
}

/// The person's views, and where they are kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mine {
    pub views: Vec<View>,
    /// Where to write them; `None` when there is no config folder, or the
    /// file could not be read and must not be written over.
    pub file: Option<PathBuf>,
    /// Why the file could not be read, to say on the bottom line.
    pub problem: Option<String>,
}

/// Reads the person's views from their config folder.
pub fn open() -> Mine {
    match file() {
        Some(f) => open_file(&f),
        None => Mine {
            problem: Some("Views are kept for this session only: no config folder".into()),
            ..Mine::default()
        },
    }
}

/// Reads the views kept in `path` (none when it does not exist yet).
pub fn open_file(path: &Path) -> Mine {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Mine {
                file: Some(path.to_path_buf()),
                ..Mine::default()
            };
        }
        Err(e) => {
            return Mine {
                problem: Some(format!("Your views were not read: {}: {e}", path.display())),
                ..Mine::default()
            };
        }
    };
    match parse(&text) {
        Ok(views) => Mine {
            views,
            file: Some(path.to_path_buf()),
            problem: None,
        },
        Err(why) => Mine {
            problem: Some(format!(
                "Your views were not read: {}:{why}",
                crate::text::one_line(&path.display().to_string())
            )),
            ..Mine::default()
        },
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileOf {
    #[serde(default)]
    views: Vec<Written>,
}

/// A view as written: the fields of a timeline's `[[views]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    id: String,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default, rename = "match")]
    combine: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    search: String,
    #[serde(default)]
    highlight: bool,
    #[serde(default)]
    contested: bool,
    as_of: Option<String>,
    event: Option<String>,
}

/// The views of a file's text, or "line:col: why" for the first problem.
pub fn parse(text: &str) -> Result<Vec<View>, String> {
    let at = |span: Option<std::ops::Range<usize>>| {
        let offset = span.map_or(0, |s| s.start).min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{line}:{col}")
    };
    let file: FileOf = toml::from_str(text).map_err(|e| {
        format!(
            "{}: {}",
            at(e.span()),
            crate::text::one_line(e.message().trim())
        )
    })?;
    let mut views = Vec::with_capacity(file.views.len());
    for (n, w) in file.views.into_iter().enumerate() {
        let which = format!("view {} (\"{}\")", n + 1, crate::text::one_line(&w.id));
        let date = |field: &str, v: &Option<String>| -> Result<Option<EventDate>, String> {
            v.as_deref()
                .map(|s| EventDate::parse(s.trim()).map_err(|e| format!(" {which}: {field}: {e}")))
                .transpose()
        };
        let all = match w.combine.as_deref() {
            None => false,
            Some(m) => View::parse_match(m)
                .ok_or_else(|| format!(" {which}: match is \"any\" or \"all\""))?,
        };
        views.push(View {
            id: w.id.clone(),
            title: crate::text::one_line(&w.title),
            summary: w.summary,
            actors: w.actors,
            all,
            tags: w.tags,
            places: w.places,
            from: date("from", &w.from)?,
            to: date("to", &w.to)?,
            search: w.search,
            highlight: w.highlight,
            contested: w.contested,
            as_of: date("as_of", &w.as_of)?,
            event: w.event,
        });
    }
    Ok(views)
}

/// The views as the file keeps them.
pub fn render(views: &[View]) -> String {
    let mut out = String::from(
        "# Your saved views (chronoscope `V` saves one, `v` lists them, --view ID applies one).\n\
         # The same fields as a timeline's [[views]]; see FORMAT.md.\n",
    );
    for v in views {
        out.push_str("\n[[views]]\n");
        let line = |out: &mut String, k: &str, v: &str| {
            out.push_str(&format!("{k} = {}\n", toml_string(v)));
        };
        let list = |out: &mut String, k: &str, vs: &[String]| {
            if !vs.is_empty() {
                let items: Vec<String> = vs.iter().map(|s| toml_string(s)).collect();
                out.push_str(&format!("{k} = [{}]\n", items.join(", ")));
            }
        };
        line(&mut out, "id", &v.id);
        line(&mut out, "title", &v.title);
        if !v.summary.is_empty() {
            line(&mut out, "summary", &v.summary);
        }
        list(&mut out, "actors", &v.actors);
        if v.all {
            line(&mut out, "match", "all");
        }
        list(&mut out, "tags", &v.tags);
        list(&mut out, "places", &v.places);
        for (k, d) in [("from", v.from), ("to", v.to), ("as_of", v.as_of)] {
            if let Some(d) = d {
                line(&mut out, k, &d.to_edtf());
            }
        }
        if !v.search.is_empty() {
            line(&mut out, "search", &v.search);
        }
        if v.highlight {
            out.push_str("highlight = true\n");
        }
        if v.contested {
            out.push_str("contested = true\n");
        }
        if let Some(e) = &v.event {
            line(&mut out, "event", e);
        }
    }
    out
}

/// Writes the views atomically: a temporary file beside `file`, synced,
/// then renamed over it. The folder is made, for its owner only, if need be.
pub fn save(file: &Path, views: &[View]) -> io::Result<()> {
    let dir = file
        .parent()
        .ok_or_else(|| io::Error::other("a views file needs a folder"))?;
    if !dir.is_dir() {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)?;
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(render(views).as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// An id for a view named `title`: its words in lowercase, joined by `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    out.chars()
        .take(64)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn every_field() -> View {
        View {
            id: "ttp-2023".into(),
            title: "The TTP in 2023 \"as said\"".into(),
            summary: "What the room asks about.".into(),
            actors: vec!["ttp".into(), "pakistan-army".into()],
            all: true,
            tags: vec!["attack".into()],
            places: vec!["peshawar".into()],
            from: EventDate::parse("2023").ok(),
            to: EventDate::parse("2023-12~").ok(),
            search: "mosque".into(),
            highlight: true,
            contested: true,
            as_of: EventDate::parse("2024-01-31").ok(),
            event: Some("2023-01-peshawar-police-mosque".into()),
        }
    }

    #[test]
    fn views_read_back_as_written() {
        let views = vec![
            every_field(),
            View {
                id: "bare".into(),
                title: "Bare".into(),
                ..View::default()
            },
        ];
        assert_eq!(parse(&render(&views)).unwrap(), views);
    }

    #[test]
    fn a_file_kept_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chronoscope/views.toml");
        assert_eq!(open_file(&path).views, vec![]);
        save(&path, &[every_field()]).unwrap();
        let mine = open_file(&path);
        assert_eq!(mine.views, vec![every_field()]);
        assert_eq!(mine.file.as_deref(), Some(path.as_path()));
    }

    #[test]
    fn a_broken_file_says_where_and_is_not_kept_for_writing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("views.toml");
        std::fs::write(&path, "[[views]]\nid = \"a\"\ntitle = \"A\"\ncolour = 3\n").unwrap();
        let mine = open_file(&path);
        assert!(mine.file.is_none());
        let why = mine.problem.unwrap();
        assert!(why.contains("views.toml:4:1"), "{why}");
        std::fs::write(
            &path,
            "[[views]]\nid = \"a\"\ntitle = \"A\"\nfrom = \"2023-13\"\n",
        )
        .unwrap();
        let why = open_file(&path).problem.unwrap();
        assert!(why.contains("from"), "{why}");
    }

    #[test]
    fn titles_become_ids() {
        assert_eq!(slug("The TTP since 2021!"), "the-ttp-since-2021");
        assert_eq!(slug("  Peshawar — 2014 "), "peshawar-2014");
        assert_eq!(slug("؟؟"), "");
    }
}
