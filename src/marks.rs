//! Marks and notes: the events a person collects from a timeline, each with
//! a note of their own, kept beside the timeline rather than in it.
//!
//! chronoscope never writes to a timeline file, so marks live in the user's
//! state folder (`$XDG_STATE_HOME/chronoscope/marks/`, by default
//! `~/.local/state/chronoscope/marks/`), one file per timeline, named after
//! the timeline's paths made absolute. The file is TOML a person can read:
//! the paths it belongs to, then one `[[marks]]` per event, in the order
//! they were marked, by event id — so a mark survives a reload, and a mark
//! on an event that has gone is kept and reported rather than dropped.
//! It is written atomically (a temporary file in the same folder, renamed
//! over the old one), in a folder only its owner can enter.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One marked event and its note (empty for none).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Mark {
    pub event: String,
    #[serde(default)]
    pub note: String,
}

/// The marks of one timeline, in the order they were made.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Marks {
    pub list: Vec<Mark>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    marks: Vec<Mark>,
}

/// A marks file larger than this is refused, not read.
const MAX_BYTES: u64 = 16 << 20;

impl Marks {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn is_marked(&self, id: &str) -> bool {
        self.list.iter().any(|m| m.event == id)
    }

    /// Marks the event, or unmarks it (losing its note); true when it is
    /// now marked.
    pub fn toggle(&mut self, id: &str) -> bool {
        match self.list.iter().position(|m| m.event == id) {
            Some(i) => {
                self.list.remove(i);
                false
            }
            None => {
                self.list.push(Mark {
                    event: id.to_string(),
                    note: String::new(),
                });
                true
            }
        }
    }

    pub fn note(&self, id: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|m| m.event == id)
            .map(|m| m.note.as_str())
            .filter(|n| !n.is_empty())
    }

    /// Sets the event's note, marking it when it was not.
    pub fn set_note(&mut self, id: &str, note: &str) {
        let note = crate::text::sanitize(note.trim()).into_owned();
        match self.list.iter_mut().find(|m| m.event == id) {
            Some(m) => m.note = note,
            None => self.list.push(Mark {
                event: id.to_string(),
                note,
            }),
        }
    }

    /// The marks a file holds; every text cleaned as a timeline's is.
    pub fn parse(text: &str) -> Result<Marks, String> {
        let file: File = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut out = Marks::default();
        for m in file.marks {
            let id = crate::text::one_line(&m.event);
            if !id.is_empty() && !out.is_marked(&id) {
                out.list.push(Mark {
                    event: id,
                    note: crate::text::sanitize(&m.note).into_owned(),
                });
            }
        }
        Ok(out)
    }

    /// The file's text: a comment saying what it is, the timeline's paths,
    /// and the marks.
    pub fn render(&self, paths: &[PathBuf]) -> String {
        let mut out = String::from(
            "# Marks and notes chronoscope keeps for one timeline: the events marked\n\
             # with `m`, in the order they were marked, and the notes written on them.\n\
             # Edit or delete it freely; chronoscope never writes the timeline itself.\n",
        );
        let shown: Vec<String> = paths
            .iter()
            .map(|p| toml_string(&p.display().to_string()))
            .collect();
        out.push_str(&format!("timeline = [{}]\n", shown.join(", ")));
        for m in &self.list {
            out.push_str(&format!("\n[[marks]]\nevent = {}\n", toml_string(&m.event)));
            if !m.note.is_empty() {
                out.push_str(&format!("note = {}\n", toml_string(&m.note)));
            }
        }
        out
    }
}

/// Where a timeline's marks are kept: the file, and the timeline's paths
/// it belongs to.
pub type Keeping = (PathBuf, Vec<PathBuf>);

/// A timeline's marks as opened: the marks, where they are kept (`None`:
/// for this session only), and why they cannot be kept when they cannot —
/// said, never silent.
#[derive(Debug, Default)]
pub struct Opened {
    pub marks: Marks,
    pub keeping: Option<Keeping>,
    pub problem: Option<String>,
}

/// The marks of the timeline read from `paths`, from the state folder.
pub fn open(paths: &[PathBuf]) -> Opened {
    let Some(folder) = folder() else {
        return Opened {
            problem: Some(
                "marks are kept for this session only: no state folder (set HOME or XDG_STATE_HOME)"
                    .into(),
            ),
            ..Opened::default()
        };
    };
    let file = file_in(&folder, paths);
    match load(&file) {
        Ok(marks) => Opened {
            marks,
            keeping: Some((file, paths.to_vec())),
            problem: None,
        },
        Err(why) => Opened {
            problem: Some(format!(
                "marks are kept for this session only: {why}; fix or move that file"
            )),
            ..Opened::default()
        },
    }
}

/// `s` as a TOML basic string: a JSON string is one, with the same
/// escapes (and `\u` for every C0 control character), once DEL, which
/// JSON leaves bare and TOML does not allow, is escaped too.
pub fn toml_string(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    if json.contains('\u{7f}') {
        json.replace('\u{7f}', "\\u007F")
    } else {
        json
    }
}

/// The folder marks are kept in: `$XDG_STATE_HOME/chronoscope/marks`.
pub fn folder() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.state_dir()?.join("chronoscope").join("marks"))
}

/// The timeline's paths made absolute and sorted: what its marks are kept
/// under. The bundled timeline, with no paths, is `bundled`.
pub fn key_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = paths
        .iter()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The marks file of a timeline read from `paths`, in `folder`: a name a
/// person can recognise (the last parts of the first path), then a hash of
/// every path, so two timelines never share a file.
pub fn file_in(folder: &Path, paths: &[PathBuf]) -> PathBuf {
    let keys = key_paths(paths);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for p in &keys {
        for b in p.as_os_str().as_encoded_bytes().iter().chain(b"\0") {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let readable: String = match keys.first() {
        None => "bundled".into(),
        Some(p) => p
            .components()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("-"),
    };
    let readable: String = readable
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    folder.join(format!("{}-{hash:016x}.toml", readable.trim_matches('-')))
}

/// The marks in `file`; none when there is no file yet. A file that cannot
/// be read or parsed is an error to report, never a reason to lose it.
pub fn load(file: &Path) -> Result<Marks, String> {
    let text = match std::fs::metadata(file) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Marks::default()),
        Err(e) => return Err(format!("{}: {e}", file.display())),
        Ok(m) if !m.is_file() => return Err(format!("{}: not a regular file", file.display())),
        Ok(m) if m.len() > MAX_BYTES => return Err(format!("{}: over 16 MiB", file.display())),
        Ok(_) => std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?,
    };
    Marks::parse(&text).map_err(|e| format!("{}: {}", file.display(), crate::text::one_line(&e)))
}

/// Writes the marks atomically: a temporary file beside `file`, synced,
/// then renamed over it. The folder is made, for its owner only, if need be.
pub fn save(file: &Path, marks: &Marks, paths: &[PathBuf]) -> io::Result<()> {
    let dir = file
        .parent()
        .ok_or_else(|| io::Error::other("a marks file needs a folder"))?;
    if !dir.is_dir() {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)?;
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(marks.render(&key_paths(paths)).as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_character_survives_a_toml_string() {
        // DEL is the one control character JSON leaves bare.
        let all: String = (0u32..0x250).filter_map(char::from_u32).collect();
        let doc = format!("s = {}", toml_string(&all));
        let back: toml::Table = toml::from_str(&doc).unwrap();
        assert_eq!(back["s"].as_str(), Some(all.as_str()));
    }

    #[test]
    fn marks_keep_their_order_and_notes_through_a_file() {
        let mut m = Marks::default();
        assert!(m.toggle("b"));
        assert!(m.toggle("a"));
        m.set_note("a", "  Ask the \"desk\" about the toll\u{1b}[2J  ");
        m.set_note("c", "noted, so marked");
        assert!(!m.toggle("b"), "a second m unmarks");
        let text = m.render(&[PathBuf::from("/t/timelines")]);
        let back = Marks::parse(&text).unwrap();
        assert_eq!(back, {
            let mut want = Marks::default();
            want.list.push(Mark {
                event: "a".into(),
                note: "Ask the \"desk\" about the toll␛[2J".into(),
            });
            want.list.push(Mark {
                event: "c".into(),
                note: "noted, so marked".into(),
            });
            want
        });
        assert_eq!(back.note("a"), Some("Ask the \"desk\" about the toll␛[2J"));
        assert_eq!(back.note("zzz"), None);
        assert!(text.starts_with("# Marks and notes"));
    }

    #[test]
    fn a_broken_file_is_an_error_and_a_missing_one_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.toml");
        assert_eq!(load(&file).unwrap(), Marks::default());
        std::fs::write(&file, "[[marks]\n").unwrap();
        assert!(load(&file).unwrap_err().contains("m.toml"));
        std::fs::write(
            &file,
            "[[marks]]\nevent = \"x\"\n[[marks]]\nevent = \"x\"\n",
        )
        .unwrap();
        assert_eq!(
            load(&file).unwrap().list.len(),
            1,
            "a duplicate counts once"
        );
    }

    #[test]
    fn saving_makes_a_private_folder_and_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state/chronoscope/marks/t.toml");
        let mut m = Marks::default();
        m.toggle("a");
        save(&file, &m, &[]).unwrap();
        m.toggle("b");
        save(&file, &m, &[]).unwrap();
        assert_eq!(load(&file).unwrap(), m);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file.parent().unwrap())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "only the owner may enter");
        }
        let left: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn each_timeline_has_its_own_file() {
        let dir = Path::new("/state");
        let a = file_in(dir, &[PathBuf::from("/x/timelines")]);
        let b = file_in(dir, &[PathBuf::from("/y/timelines")]);
        let both = file_in(
            dir,
            &[PathBuf::from("/y/timelines"), PathBuf::from("/x/timelines")],
        );
        let both_again = file_in(
            dir,
            &[PathBuf::from("/x/timelines"), PathBuf::from("/y/timelines")],
        );
        assert_ne!(a, b);
        assert_eq!(
            both, both_again,
            "the order paths are given in does not matter"
        );
        assert!(
            a.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("x-timelines-")
        );
        assert!(
            file_in(dir, &[])
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("bundled-")
        );
    }
}
