//! Handing a source's address to the system's opener (`xdg-open`, or
//! `open` on macOS): a child process given the address as its one
//! argument, never through a shell, with nothing of the terminal — its
//! input and output go to /dev/null, so a browser's messages never land
//! on the screen. The address has passed `Source::link` already.

use std::process::{Command, Stdio};

/// The opener this system has.
const OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// Starts the opener on `url` and leaves it to run: a thread waits for it,
/// so it never lingers as a zombie. The error says what a person can do.
pub fn open(url: &str) -> Result<String, String> {
    let mut child = Command::new(OPENER)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("this system has no {OPENER}"),
            _ => format!("{OPENER} did not start: {e}"),
        })?;
    std::thread::spawn(move || child.wait());
    Ok(url.to_string())
}
