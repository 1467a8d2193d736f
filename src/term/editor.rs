//! Writing a longer note in the person's own editor (`$VISUAL`, else
//! `$EDITOR`): the input thread stands aside, the terminal is given back,
//! the editor runs on a temporary file holding the note, and the terminal
//! is taken again. The editor's command is split on spaces (`code -w`) and
//! run directly, never through a shell.

use std::io::{self, Read, Write};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::guard;

/// Set while an editor has the terminal: the input thread reads nothing.
static PAUSED: AtomicBool = AtomicBool::new(false);
/// A note longer than this is cut when read back.
const MAX_NOTE_BYTES: u64 = 64 << 10;

pub fn paused() -> bool {
    PAUSED.load(Ordering::Relaxed)
}

/// The editor a person chose, as a program and its arguments.
fn chosen() -> Option<Vec<String>> {
    ["VISUAL", "EDITOR"].iter().find_map(|var| {
        let words: Vec<String> = std::env::var(var)
            .ok()?
            .split_whitespace()
            .map(str::to_string)
            .collect();
        (!words.is_empty()).then_some(words)
    })
}

/// `text` as the person left it in their editor, or why not.
pub fn edit(taken: &mut bool, text: &str) -> Result<String, String> {
    let Some(cmd) = chosen() else {
        return Err("set $EDITOR (or $VISUAL) to write longer notes in your editor".into());
    };
    let mut file = tempfile::Builder::new()
        .prefix("chronoscope-note-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("no temporary file for the note: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write the note's file: {e}"))?;
    PAUSED.store(true, Ordering::Relaxed);
    // The input thread finishes the poll it is in before it stands aside.
    std::thread::sleep(Duration::from_millis(150));
    let held = *taken;
    guard::give_back(taken);
    let status = Command::new(&cmd[0])
        .args(&cmd[1..])
        .arg(file.path())
        .status();
    if held {
        let _ = guard::take(taken);
    }
    PAUSED.store(false, Ordering::Relaxed);
    let status =
        status.map_err(|e| format!("cannot run {}: {e}", crate::text::one_line(&cmd[0])))?;
    if !status.success() {
        return Err(format!(
            "{} exited with {status}; the note is unchanged",
            crate::text::one_line(&cmd[0])
        ));
    }
    let mut back = String::new();
    std::fs::File::open(file.path())
        .and_then(|f| f.take(MAX_NOTE_BYTES).read_to_string(&mut back))
        .map_err(|e: io::Error| format!("cannot read the note back: {e}"))?;
    Ok(back)
}
