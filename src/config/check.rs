//! Checking a settings file: each setting's value, and the `[keys]`
//! remapping, with a diagnostic at file:line:col for every problem.

use std::ops::Range;
use std::path::PathBuf;

use toml::de::{DeTable, DeValue};

use super::{SETTINGS, Settings};
use crate::app::keymap::Table;
use crate::app::remap::{self, Problem, Remap};
use crate::cli::ThemeName;
use crate::load::suggest::did_you_mean;
use crate::load::{Diagnostic, FileId};
use crate::model::DateStyle;

pub(super) struct Checker {
    pub(super) file: FileId,
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Where a remapping was written: its scope, its name, each of its keys.
type Written = (Range<usize>, Range<usize>, Vec<Range<usize>>);

type Entry<'i> = (
    toml::Spanned<std::borrow::Cow<'i, str>>,
    toml::Spanned<DeValue<'i>>,
);

impl Checker {
    pub(super) fn settings(&mut self, doc: DeTable<'_>) -> Settings {
        let mut s = Settings::default();
        for (k, v) in doc {
            match k.get_ref().as_ref() {
                "theme" => s.theme = self.theme(&v),
                "paths" => s.paths = self.paths(&v),
                "date_style" => {
                    if let Some(word) = self.string(&v, "date_style = \"day-month\"") {
                        match DateStyle::parse(&word) {
                            Some(d) => s.date_style = d,
                            None => self.bad_word(
                                "bad-date-style",
                                "date style",
                                &word,
                                &DateStyle::NAMES,
                                v.span(),
                            ),
                        }
                    }
                }
                "keys" => s.keys = self.keys(v),
                other => {
                    let near = did_you_mean(other, SETTINGS);
                    let mut d = Diagnostic::error(
                        "unknown-setting",
                        format!("unknown setting \"{other}\""),
                    )
                    .at(self.file, k.span(), "not a setting");
                    d = match near {
                        Some(n) => d.hint(format!(
                            "did you mean \"{n}\"? The settings are {}",
                            SETTINGS.join(", ")
                        )),
                        None => d.hint(format!("the settings are {}", SETTINGS.join(", "))),
                    };
                    self.diagnostics.push(d);
                }
            }
        }
        s
    }

    fn wrong_type(&mut self, span: Range<usize>, want: &str, example: &str) {
        self.diagnostics.push(
            Diagnostic::error("wrong-type", format!("expected {want}"))
                .at(self.file, span, format!("not {want}"))
                .hint(format!("write it like {example}")),
        );
    }

    fn string(&mut self, v: &toml::Spanned<DeValue<'_>>, example: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(v.span(), "a string", example);
                None
            }
        }
    }

    fn bad_word(
        &mut self,
        code: &'static str,
        what: &str,
        word: &str,
        words: &[&str],
        span: Range<usize>,
    ) {
        let near = did_you_mean(word, words.iter().copied());
        let list = words.join(", ");
        let hint = match near {
            Some(n) => format!("did you mean \"{n}\"? It is one of {list}"),
            None => format!("it is one of {list}"),
        };
        self.diagnostics.push(
            Diagnostic::error(
                code,
                format!("unknown {what} \"{}\"", crate::text::one_line(word)),
            )
            .at(self.file, span, format!("not a {what}"))
            .hint(hint),
        );
    }

    fn theme(&mut self, v: &toml::Spanned<DeValue<'_>>) -> Option<ThemeName> {
        let word = self.string(v, "theme = \"high-contrast\"")?;
        use clap::ValueEnum as _;
        let names: Vec<String> = ThemeName::value_variants()
            .iter()
            .filter_map(|t| t.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        match ThemeName::from_str(&word, false) {
            Ok(t) => Some(t),
            Err(_) => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                self.bad_word("bad-theme", "theme", &word, &names, v.span());
                None
            }
        }
    }

    fn paths(&mut self, v: &toml::Spanned<DeValue<'_>>) -> Vec<PathBuf> {
        let example = "paths = [\"~/timelines/pakistan\"]";
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(v.span(), "an array of paths", example);
            return Vec::new();
        };
        let home = std::env::var_os("HOME").map(PathBuf::from);
        items
            .iter()
            .filter_map(|item| self.string(item, example))
            .map(|p| match (p.strip_prefix("~/"), &home) {
                (Some(rest), Some(h)) => h.join(rest),
                _ => PathBuf::from(p),
            })
            .collect()
    }

    /// `[keys.<scope>]` tables: each binding's new keys, remapped once all
    /// are read, so a key moved away first is free for another.
    fn keys(&mut self, v: toml::Spanned<DeValue<'_>>) -> Option<Table> {
        let span = v.span();
        let DeValue::Table(scopes) = v.into_inner() else {
            self.wrong_type(span, "a table of scopes", "[keys.global]");
            return None;
        };
        let mut remaps = Vec::new();
        // Where each remapping was written: its scope, its name, its keys.
        let mut spans: Vec<Written> = Vec::new();
        for (scope, bindings) in scopes {
            let bspan = bindings.span();
            let DeValue::Table(bindings) = bindings.into_inner() else {
                self.wrong_type(
                    bspan,
                    "a table of bindings",
                    "[keys.global]\ntoggle-contested = \"X\"",
                );
                continue;
            };
            for entry in bindings {
                let Some((message, keys, key_spans)) = self.binding(&entry) else {
                    continue;
                };
                remaps.push(Remap {
                    scope: scope.get_ref().to_string(),
                    message,
                    keys,
                });
                spans.push((scope.span(), entry.0.span(), key_spans));
            }
        }
        if remaps.is_empty() {
            return None;
        }
        let (table, problems) = remap::remapped(&remaps);
        for (i, p) in problems {
            let (scope_span, name_span, key_spans) = &spans[i];
            let r = &remaps[i];
            self.diagnostics
                .push(self.remap_problem(r, p, scope_span, name_span, key_spans));
        }
        Some(table)
    }

    /// `name = "key"` or `name = ["key", …]`: the name, the keys and where each is.
    fn binding(
        &mut self,
        (name, value): &Entry<'_>,
    ) -> Option<(String, Vec<String>, Vec<Range<usize>>)> {
        let example = "toggle-contested = \"X\" (or [\"X\", \"f5\"])";
        let keys: Vec<(String, Range<usize>)> = match value.get_ref() {
            DeValue::String(s) => vec![(s.to_string(), value.span())],
            DeValue::Array(items) => {
                let mut keys = Vec::new();
                for item in items {
                    keys.push((self.string(item, example)?, item.span()));
                }
                keys
            }
            _ => {
                self.wrong_type(value.span(), "a key or a list of keys", example);
                return None;
            }
        };
        let (keys, spans) = keys.into_iter().unzip();
        Some((name.get_ref().to_string(), keys, spans))
    }

    fn remap_problem(
        &self,
        r: &Remap,
        p: Problem,
        scope_span: &Range<usize>,
        name_span: &Range<usize>,
        key_spans: &[Range<usize>],
    ) -> Diagnostic {
        let file = self.file;
        let scopes: Vec<String> = crate::app::keymap::Scope::ALL
            .into_iter()
            .map(remap::scope_name)
            .collect();
        match p {
            Problem::UnknownScope(near) => {
                let d = Diagnostic::error(
                    "unknown-scope",
                    format!("unknown key scope \"{}\"", r.scope),
                )
                .at(file, scope_span.clone(), "not a scope");
                match near {
                    Some(n) => d.hint(format!(
                        "did you mean \"{n}\"? The scopes are {}",
                        scopes.join(", ")
                    )),
                    None => d.hint(format!("the scopes are {}", scopes.join(", "))),
                }
            }
            Problem::UnknownBinding { near, elsewhere } => {
                let d = Diagnostic::error(
                    "unknown-binding",
                    format!(
                        "nothing named \"{}\" is bound in [keys.{}]",
                        r.message, r.scope
                    ),
                )
                .at(file, name_span.clone(), "not a binding of this scope");
                match (near, elsewhere.is_empty()) {
                    (_, false) => d.hint(format!(
                        "\"{}\" is bound in [keys.{}]",
                        r.message,
                        elsewhere.join("], [keys.")
                    )),
                    (Some(n), true) => d.hint(format!(
                        "did you mean \"{n}\"? `chronoscope config --default` lists every binding"
                    )),
                    (None, true) => d.hint("`chronoscope config --default` lists every binding"),
                }
            }
            Problem::BadKey(n, why) => Diagnostic::error(
                "bad-key",
                format!("\"{}\" is not a key", crate::text::one_line(&r.keys[n])),
            )
            .at(
                file,
                key_spans.get(n).cloned().unwrap_or(name_span.clone()),
                "not a key",
            )
            .hint(why),
            Problem::NoKeys => {
                Diagnostic::error("bad-key", format!("\"{}\" is given no key", r.message))
                    .at(file, name_span.clone(), "no key")
                    .hint("give it one key or a list: [\"X\", \"f5\"]")
            }
            Problem::BoundTwice(n, other) => Diagnostic::error(
                "key-bound-twice",
                format!(
                    "\"{}\" is bound twice in [keys.{}]: to {} and to {other}",
                    crate::text::one_line(&r.keys[n]),
                    r.scope,
                    r.message
                ),
            )
            .at(
                file,
                key_spans.get(n).cloned().unwrap_or(name_span.clone()),
                "bound twice",
            )
            .hint(format!(
                "give {other} another key in [keys.{}], or choose another here",
                r.scope
            )),
        }
    }
}
