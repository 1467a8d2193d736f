//! The person's settings: `$XDG_CONFIG_HOME/chronoscope/config.toml`
//! (`--config FILE` or `CHRONOSCOPE_CONFIG` name another). The theme, the
//! timeline opened when no path is given, how dates are written, and
//! `[keys.<scope>]` remapping any binding of the key table by its message
//! name (`crate::app::remap`).
//!
//! The file is checked as a timeline is, with the same diagnostics:
//! `file:line:col`, the line and a caret, and a did-you-mean on every name.
//! A file with any problem is not applied at all: chronoscope starts with
//! its defaults and says why on the bottom line; `chronoscope config`
//! shows every problem.

use std::path::{Path, PathBuf};

use toml::de::DeTable;

use crate::app::keymap::Table;
use crate::app::remap;
use crate::cli::ThemeName;
use crate::load::{Diagnostic, Files};
use crate::model::DateStyle;

mod check;
use check::Checker;

/// The settings a file gives; what it leaves out is the default.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub theme: Option<ThemeName>,
    /// The timeline opened when no path is given; empty for the bundled one.
    pub paths: Vec<PathBuf>,
    pub date_style: DateStyle,
    /// The key table remapped, when `[keys]` remaps anything.
    pub keys: Option<Table>,
}

/// A settings file as read: what it says, or what is wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Read {
    /// The file read, if there was one.
    pub file: Option<PathBuf>,
    /// The settings in force: the file's, or the defaults when it has problems.
    pub settings: Settings,
    pub files: Files,
    pub diagnostics: Vec<Diagnostic>,
}

impl Read {
    /// The bottom line's message for a file with problems: the first, and
    /// how to see them all.
    pub fn problem(&self) -> Option<String> {
        let d = self.diagnostics.first()?;
        let at = d
            .primary
            .as_ref()
            .map(|l| format!("{}: ", self.files.position(l)))
            .unwrap_or_default();
        let more = match self.diagnostics.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        Some(crate::text::one_line(&format!(
            "Settings not used: {at}{}{more} · started with the defaults · chronoscope config shows why",
            d.message
        )))
    }
}

/// Where the settings are read from: `--config`, else `CHRONOSCOPE_CONFIG`,
/// else the config folder. The flag and the variable must name a file
/// that exists; the config folder's may be absent.
pub fn locate(flag: Option<&Path>) -> (Option<PathBuf>, bool) {
    if let Some(f) = flag {
        return (Some(f.to_path_buf()), true);
    }
    if let Some(v) = std::env::var_os("CHRONOSCOPE_CONFIG").filter(|v| !v.is_empty()) {
        return (Some(PathBuf::from(v)), true);
    }
    use etcetera::BaseStrategy as _;
    let default = etcetera::choose_base_strategy()
        .ok()
        .map(|b| b.config_dir().join("chronoscope").join("config.toml"));
    (default, false)
}

/// Reads the settings at `path`; a missing file is the defaults, unless
/// it was named (`must_exist`).
pub fn read(path: Option<&Path>, must_exist: bool) -> Read {
    let Some(path) = path else {
        return Read::default();
    };
    let name = crate::text::one_line(&path.display().to_string());
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut read = parse(&name, &text);
            read.file = Some(path.to_path_buf());
            read
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => Read::default(),
        Err(e) => Read {
            diagnostics: vec![
                Diagnostic::error("unreadable", format!("cannot read {name}: {e}"))
                    .hint("check the path given with --config or CHRONOSCOPE_CONFIG"),
            ],
            ..Read::default()
        },
    }
}

/// The settings a file's text gives, checked.
pub fn parse(name: &str, text: &str) -> Read {
    let mut files = Files::default();
    let file = files.add(name.to_string(), text.to_string());
    let mut c = Checker {
        file,
        diagnostics: Vec::new(),
    };
    let settings = match DeTable::parse(text) {
        Ok(doc) => c.settings(doc.into_inner()),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            c.diagnostics.push(
                Diagnostic::error("syntax", format!("invalid TOML: {}", e.message().trim()))
                    .at(file, span, "here")
                    .hint("`chronoscope config --default` prints a file to start from"),
            );
            Settings::default()
        }
    };
    c.diagnostics
        .sort_by_key(|d| d.primary.as_ref().map_or(0, |l| l.span.start));
    let settings = if c.diagnostics.is_empty() {
        settings
    } else {
        Settings::default()
    };
    Read {
        file: None,
        settings,
        files,
        diagnostics: c.diagnostics,
    }
}

/// Every problem a settings file can have, by its code: each has a fixture
/// in `tests/fixtures/config/` (`unreadable` is a file that cannot be read).
pub const CODES: [&str; 10] = [
    "syntax",
    "unknown-setting",
    "wrong-type",
    "bad-theme",
    "bad-date-style",
    "unknown-scope",
    "unknown-binding",
    "bad-key",
    "key-bound-twice",
    "unreadable",
];

/// The settings a file may hold, in the order the default file gives them.
pub const SETTINGS: [&str; 4] = ["theme", "paths", "date_style", "keys"];

/// A commented settings file with every setting at its default and every
/// binding of the key table, ready to edit: `chronoscope config --default`.
pub fn default_text() -> String {
    let mut out = String::from(
        "# chronoscope's settings: $XDG_CONFIG_HOME/chronoscope/config.toml\n\
         # (--config FILE or CHRONOSCOPE_CONFIG name another file).\n\
         # A file with any problem is not used: chronoscope starts with its\n\
         # defaults and says why; `chronoscope config` shows every problem.\n\n\
         # The colour theme: dark, light or high-contrast (--theme overrides it).\n\
         theme = \"dark\"\n\n\
         # The timeline opened when no path is given; empty for the bundled one.\n\
         paths = []\n\n\
         # How a day is written: \"day-month\" (16 Dec 2014) or \"month-day\" (Dec 16, 2014).\n\
         date_style = \"day-month\"\n\n\
         # Remap any binding: under [keys.<scope>], the binding's name and its new\n\
         # keys, replacing its own. A key is one character (\"x\", \"G\", \"?\"), a name\n\
         # (enter, esc, tab, shift-tab, backspace, delete, insert, up, down, left,\n\
         # right, home, end, pageup, pagedown, space, f1-f12), either after \"ctrl-\"\n\
         # or \"alt-\". A key bound twice in one scope is an error. Every binding,\n\
         # with its keys now, commented out:\n",
    );
    for (scope, rows) in remap::names() {
        out.push_str(&format!("\n[keys.{scope}]\n"));
        for (name, keys, desc) in rows {
            out.push_str(&format!("# {name} = [\"{keys}\"]  # {desc}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_valid_and_changes_nothing() {
        let read = parse("config.toml", &default_text());
        assert_eq!(read.diagnostics.len(), 0, "{:?}", read.diagnostics);
        assert!(read.settings.keys.is_none());
        assert_eq!(read.settings.theme, Some(ThemeName::Dark));
        // Uncommented, every binding is taken as it is.
        let uncommented: String = default_text()
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = [\"") => rest.split("  # ").next().unwrap_or(""),
                _ => l,
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let read = parse("config.toml", &uncommented);
        assert_eq!(read.diagnostics.len(), 0, "{:?}", read.diagnostics);
        // Every key means what it meant (labels may read differently).
        let keys = read.settings.keys.unwrap();
        for row in Table::defaults().rows {
            for k in &row.keys {
                let now = keys
                    .rows
                    .iter()
                    .find(|r| r.scope == row.scope && r.keys.contains(k))
                    .map(|r| &r.message);
                assert_eq!(now, Some(&row.message), "{k:?} in {:?}", row.scope);
            }
        }
    }

    #[test]
    fn settings_are_read() {
        let read = parse(
            "c.toml",
            "theme = \"light\"\ndate_style = \"month-day\"\npaths = [\"/srv/t\"]\n[keys.global]\ntoggle-contested = \"X\"\n",
        );
        assert_eq!(read.diagnostics.len(), 0);
        let s = read.settings;
        assert_eq!(s.theme, Some(ThemeName::Light));
        assert_eq!(s.date_style, DateStyle::MonthDay);
        assert_eq!(s.paths, vec![PathBuf::from("/srv/t")]);
        assert!(s.keys.is_some());
    }

    #[test]
    fn a_file_with_a_problem_gives_the_defaults_and_says_where() {
        let read = parse("c.toml", "theme = \"light\"\ncolour = 1\n");
        assert_eq!(read.settings.theme, None);
        let why = read.problem().unwrap();
        assert!(
            why.starts_with("Settings not used: c.toml:2:1: unknown setting \"colour\""),
            "{why}"
        );
    }
}
