//! The key table as the person's settings remap it (`[keys.<scope>]` in
//! `config.toml`, see `crate::config`): each binding is named by its scope
//! and its message, in kebab case (`[keys.global] toggle-contested = "X"`),
//! and given the keys that replace its own. The names, the key syntax and
//! the labels shown on screen are all made here, from the one table, so
//! help and hints follow a remapping.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::Message;
use super::keymap::{Key, Row, Scope, Table};

/// A scope as a settings file names it: "global", "go-to".
pub fn scope_name(s: Scope) -> String {
    kebab(&format!("{s:?}"))
}

/// A message as a settings file names it: "move-down", "pan-left".
pub fn message_name(m: &Message) -> String {
    kebab(&format!("{m:?}"))
}

/// "MoveDown" → "move-down"; "Pan(Left)" → "pan-left".
fn kebab(debug: &str) -> String {
    let mut out = String::new();
    for c in debug.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The key names a settings file takes besides single characters.
pub const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

/// A key as written in a settings file: a character ("x", "G", "?"), a
/// name ("enter", "pagedown", "f1"), or either after "ctrl-" or "alt-".
pub fn parse_key(s: &str) -> Result<Key, String> {
    let (mods, rest) = if let Some(r) = s.strip_prefix("ctrl-") {
        (KeyModifiers::CONTROL, r)
    } else if let Some(r) = s.strip_prefix("alt-") {
        (KeyModifiers::ALT, r)
    } else {
        (KeyModifiers::NONE, s)
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && c != ' ' => KeyCode::Char(c),
        _ => {
            let lower = rest.to_ascii_lowercase();
            let function = lower
                .strip_prefix('f')
                .and_then(|n| n.parse::<u8>().ok())
                .filter(|n| (1..=12).contains(n));
            match (NAMED.iter().find(|(n, _)| *n == lower), function) {
                (Some(&(_, code)), _) => code,
                (None, Some(n)) => KeyCode::F(n),
                (None, None) => {
                    let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
                    let near = crate::load::suggest::did_you_mean(&lower, names.iter().copied());
                    return Err(match near {
                        Some(n) => format!("did you mean \"{n}\"?"),
                        None => "a key is one character, or enter, esc, tab, space, up, pagedown, f1… (after ctrl- or alt- if need be)".into(),
                    });
                }
            }
        }
    };
    Ok(Key { code, mods })
}

/// How a key reads on screen: "x", "Ctrl-d", "Enter", "↓".
pub fn key_label(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::Backspace => "⌫".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else if k.mods.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

/// A binding's label: its first two keys, "x/↓".
pub fn label_of(keys: &[Key]) -> String {
    let shown: Vec<String> = keys.iter().take(2).map(key_label).collect();
    shown.join("/")
}

/// One `name = keys` line of a `[keys.<scope>]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remap {
    pub scope: String,
    pub message: String,
    pub keys: Vec<String>,
}

/// What is wrong with a remapping, and which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No such scope; the nearest name.
    UnknownScope(Option<String>),
    /// No such binding in the scope; the nearest name there, and the
    /// scopes that do bind a message of that name.
    UnknownBinding {
        near: Option<String>,
        elsewhere: Vec<String>,
    },
    /// The key at this position cannot be read: why.
    BadKey(usize, String),
    /// No key given.
    NoKeys,
    /// The key at this position is bound in the same scope to another message.
    BoundTwice(usize, String),
}

/// The defaults with these remappings, and the problems of each (by its
/// position). With any problem the caller keeps the defaults.
pub fn remapped(remaps: &[Remap]) -> (Table, Vec<(usize, Problem)>) {
    let mut table = Table::defaults();
    let mut problems = Vec::new();
    // Which remapping set each row's keys, to blame a clash on it.
    let mut set_by: Vec<Option<usize>> = vec![None; table.rows.len()];
    for (i, r) in remaps.iter().enumerate() {
        let Some(scope) = Scope::ALL.into_iter().find(|&s| scope_name(s) == r.scope) else {
            let names: Vec<String> = Scope::ALL.into_iter().map(scope_name).collect();
            let near =
                crate::load::suggest::did_you_mean(&r.scope, names.iter().map(String::as_str));
            problems.push((i, Problem::UnknownScope(near.map(str::to_string))));
            continue;
        };
        let rows: Vec<usize> = (0..table.rows.len())
            .filter(|&j| {
                table.rows[j].scope == scope && message_name(&table.rows[j].message) == r.message
            })
            .collect();
        let Some(&first) = rows.first() else {
            let here: Vec<String> = table
                .rows
                .iter()
                .filter(|b| b.scope == scope)
                .map(|b| message_name(&b.message))
                .collect();
            let near =
                crate::load::suggest::did_you_mean(&r.message, here.iter().map(String::as_str));
            let mut elsewhere: Vec<String> = table
                .rows
                .iter()
                .filter(|b| message_name(&b.message) == r.message)
                .map(|b| scope_name(b.scope))
                .collect();
            elsewhere.dedup();
            problems.push((
                i,
                Problem::UnknownBinding {
                    near: near.map(str::to_string),
                    elsewhere,
                },
            ));
            continue;
        };
        if r.keys.is_empty() {
            problems.push((i, Problem::NoKeys));
            continue;
        }
        let mut keys = Vec::new();
        for (n, k) in r.keys.iter().enumerate() {
            match parse_key(k) {
                Ok(key) => keys.push(key),
                Err(why) => problems.push((i, Problem::BadKey(n, why))),
            }
        }
        if keys.len() != r.keys.len() {
            continue;
        }
        // The first row takes the keys; the message's other rows in the
        // scope go, so the message has exactly the keys given.
        table.rows[first].label = label_of(&keys);
        table.rows[first].keys = keys;
        set_by[first] = Some(i);
        for &j in rows.iter().skip(1).rev() {
            table.rows.remove(j);
            set_by.remove(j);
        }
    }
    clashes(&table, &set_by, &mut problems);
    (table, problems)
}

/// A key bound twice in one scope, blamed on the remapping that bound it.
fn clashes(table: &Table, set_by: &[Option<usize>], problems: &mut Vec<(usize, Problem)>) {
    for (a, row) in table.rows.iter().enumerate() {
        let Some(i) = set_by[a] else { continue };
        for (n, key) in row.keys.iter().enumerate() {
            let other = table.rows.iter().enumerate().find(|&(b, o)| {
                b != a && o.scope == row.scope && o.keys.iter().any(|k| same(k, key))
            });
            if let Some((b, o)) = other {
                // Two remappings that clash are reported once, at the later.
                if set_by[b].is_some_and(|j| j > i) {
                    continue;
                }
                problems.push((i, Problem::BoundTwice(n, message_name(&o.message))));
            }
        }
    }
}

fn same(a: &Key, b: &Key) -> bool {
    a.code == b.code && a.mods - KeyModifiers::SHIFT == b.mods - KeyModifiers::SHIFT
}

/// A binding as the default settings file lists it: its name, its keys as
/// the file writes them, and what it does.
pub type Named = (String, String, &'static str);

/// Every `[keys.<scope>]` name a settings file takes, for the default file
/// and for did-you-mean: each scope with the messages bound in it.
pub fn names() -> Vec<(String, Vec<Named>)> {
    let table = Table::defaults();
    Scope::ALL
        .into_iter()
        .map(|s| {
            let mut seen: Vec<String> = Vec::new();
            let rows: Vec<Named> = table
                .rows
                .iter()
                .filter(|b| b.scope == s)
                .filter_map(|b: &Row| {
                    let name = message_name(&b.message);
                    if seen.contains(&name) {
                        return None;
                    }
                    seen.push(name.clone());
                    let keys: Vec<String> = table
                        .rows
                        .iter()
                        .filter(|o| o.scope == s && o.message == b.message)
                        .flat_map(|o| o.keys.iter().map(key_setting))
                        .collect();
                    Some((name, keys.join("\", \""), b.desc))
                })
                .collect();
            (scope_name(s), rows)
        })
        .collect()
}

/// A key as a settings file writes it: the inverse of `parse_key`.
pub fn key_setting(k: &Key) -> String {
    let base = match k.code {
        KeyCode::Char(c) if c != ' ' => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        code => NAMED.iter().find(|(_, c)| *c == code).map_or_else(
            || format!("{code:?}").to_lowercase(),
            |(n, _)| n.to_string(),
        ),
    };
    if k.mods.contains(KeyModifiers::CONTROL) {
        format!("ctrl-{base}")
    } else if k.mods.contains(KeyModifiers::ALT) {
        format!("alt-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remap(scope: &str, message: &str, keys: &[&str]) -> Remap {
        Remap {
            scope: scope.into(),
            message: message.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn names_are_kebab_case() {
        assert_eq!(message_name(&Message::MoveDown), "move-down");
        assert_eq!(
            message_name(&Message::Pan(crate::map::Direction::Left)),
            "pan-left"
        );
        assert_eq!(scope_name(Scope::GoTo), "go-to");
        // Names are unique in each scope.
        for (scope, rows) in names() {
            let mut seen: Vec<&String> = rows.iter().map(|r| &r.0).collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), rows.len(), "{scope}");
        }
    }

    #[test]
    fn every_default_key_reads_back_as_written() {
        for row in Table::defaults().rows {
            for k in &row.keys {
                assert_eq!(parse_key(&key_setting(k)).as_ref(), Ok(k), "{row:?}");
            }
        }
        assert_eq!(key_label(&parse_key("ctrl-d").unwrap()), "Ctrl-d");
        assert!(parse_key("entr").unwrap_err().contains("\"enter\""));
        assert!(parse_key("").is_err());
        assert!(parse_key("f13").is_err());
    }

    #[test]
    fn a_remapped_key_replaces_the_bindings_keys_and_its_label() {
        let (t, problems) = remapped(&[remap("global", "toggle-contested", &["X", "f5"])]);
        assert_eq!(problems, vec![]);
        let row = t
            .rows
            .iter()
            .find(|r| r.scope == Scope::Global && r.message == Message::ToggleContested)
            .unwrap();
        assert_eq!(row.label, "X/F5");
        // Quit has two rows in the global scope (q, Ctrl-c): one remains.
        let (t, problems) = remapped(&[remap("global", "quit", &["Q"])]);
        assert_eq!(problems, vec![]);
        let quits = t
            .rows
            .iter()
            .filter(|r| r.scope == Scope::Global && r.message == Message::Quit)
            .count();
        assert_eq!(quits, 1);
    }

    #[test]
    fn every_problem_is_found_and_named() {
        let (_, p) = remapped(&[remap("globl", "quit", &["Q"])]);
        assert_eq!(p, vec![(0, Problem::UnknownScope(Some("global".into())))]);
        let (_, p) = remapped(&[remap("global", "toggle-contestd", &["X"])]);
        assert!(
            matches!(&p[0].1, Problem::UnknownBinding { near: Some(n), .. } if n == "toggle-contested")
        );
        let (_, p) = remapped(&[remap("global", "next-slide", &["X"])]);
        assert!(
            matches!(&p[0].1, Problem::UnknownBinding { elsewhere, .. } if elsewhere.contains(&"present".to_string()))
        );
        let (_, p) = remapped(&[remap("global", "quit", &["ctrl-"])]);
        assert!(matches!(p[0].1, Problem::BadKey(0, _)));
        let (_, p) = remapped(&[remap("global", "quit", &[])]);
        assert_eq!(p[0].1, Problem::NoKeys);
        // "x" is already the contested filter's key.
        let (_, p) = remapped(&[remap("global", "quit", &["Q", "x"])]);
        assert_eq!(
            p,
            vec![(0, Problem::BoundTwice(1, "toggle-contested".into()))]
        );
        // Moving contested away first frees x.
        let (_, p) = remapped(&[
            remap("global", "toggle-contested", &["X"]),
            remap("global", "quit", &["x"]),
        ]);
        assert_eq!(p, vec![]);
    }
}
