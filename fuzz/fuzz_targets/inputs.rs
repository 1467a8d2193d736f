//! The untrusted inputs besides timeline files: the presenter view's
//! channel, a settings file and a views file. Each line of the input is
//! read as a message from the room's screen and as a command from the
//! presenter view; the whole input as a settings file and as a views file.
//!
//! It asserts that nothing panics, that every message or command accepted
//! reads back as itself when written again, and that a settings problem's
//! bottom-line message holds no control character.

#![no_main]

use chronoscope::link::{Command, ToPresenter};
use chronoscope::text::is_unsafe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| run(data));

fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for line in text.split('\n') {
        if let Ok(m) = ToPresenter::parse(line) {
            assert_eq!(ToPresenter::parse(&m.line()), Ok(m.clone()), "{line:?}");
        }
        if let Ok(c) = Command::parse(line) {
            assert_eq!(Command::parse(&c.line()), Ok(c), "{line:?}");
        }
    }
    let read = chronoscope::config::parse("fuzz.toml", &text);
    if let Some(why) = read.problem() {
        assert!(!why.chars().any(is_unsafe), "{why:?}");
    }
    for d in &read.diagnostics {
        let shown = read.files.render(d);
        assert!(
            !shown.chars().any(|c| c != '\n' && is_unsafe(c)),
            "{shown:?}"
        );
    }
    let _ = chronoscope::views::parse(&text);
}
