//! The tmux harness the terminal tests share: a private tmux server per
//! test (`-L`), a plain shell in it, keys sent with send-keys and the
//! screen read with capture-pane, polling for text rather than sleeping a
//! fixed time.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

pub const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
pub const TIMEOUT: Duration = Duration::from_secs(30);
const SESSION: &str = "t";

pub mod cli;
pub mod screen;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A private tmux server with one window running a plain shell.
pub struct Tmux {
    socket: String,
    /// The pane keys go to and screens come from.
    target: String,
    /// Whether dropping this handle ends the server (the first pane's does).
    owner: bool,
}

/// Whether tmux runs here. Without it the terminal tests are skipped, each
/// with a notice, unless `CHRONOSCOPE_REQUIRE_TMUX` is set (as `.ci/run`
/// sets it), when its absence fails them.
pub fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CHRONOSCOPE_REQUIRE_TMUX").is_none(),
            "tmux is required here (CHRONOSCOPE_REQUIRE_TMUX is set) but does not run"
        );
        eprintln!("note: tmux is not installed; this terminal test is skipped");
    }
    ok
}

impl Tmux {
    /// A tmux server with a shell in a `width`×`height` window, or `None`
    /// (and a notice) where tmux is not installed.
    pub fn new(width: u16, height: u16) -> Option<Tmux> {
        if !tmux_available() {
            return None;
        }
        Some(Tmux::start(width, height))
    }

    fn start(width: u16, height: u16) -> Tmux {
        let socket = format!(
            "chronoscope-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux {
            socket,
            target: SESSION.to_string(),
            owner: true,
        };
        let status = t
            .cmd()
            .args(["-f", "/dev/null", "new-session", "-d", "-s", SESSION])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .args([
                "env",
                "-u",
                "NO_COLOR",
                "PS1=$ ",
                "TERM=xterm-256color",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .expect("tmux runs; install it to run the terminal tests");
        assert!(status.success(), "tmux new-session failed");
        t
    }

    /// A second pane beside this one, with the same shell: another
    /// terminal on the same screen (the presenter view's, say).
    pub fn split(&self) -> Tmux {
        let out = self
            .cmd()
            .args([
                "split-window",
                "-h",
                "-d",
                "-P",
                "-F",
                "#{pane_id}",
                "-t",
                &self.target,
            ])
            .args(["env", "-u", "NO_COLOR", "PS1=$ ", "TERM=xterm-256color"])
            .args(["bash", "--norc", "--noprofile"])
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux split-window failed");
        Tmux {
            socket: self.socket.clone(),
            target: String::from_utf8_lossy(&out.stdout).trim().to_string(),
            owner: false,
        }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys. An Escape goes alone, followed by a pause: sent
    /// together with the next key, the terminal would read the pair as Alt
    /// plus that key.
    pub fn send(&self, keys: &[&str]) {
        if keys.len() > 1 && keys.contains(&"Escape") {
            for k in keys {
                self.send(&[k]);
            }
            return;
        }
        let status = self
            .cmd()
            .args(["send-keys", "-t", &self.target])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
        if keys == ["Escape"] {
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Waits for the shell's `echo EXITED $?` and returns the code; the
    /// command line itself, wrapped or not, never starts a line with it.
    pub fn wait_exit(&self) -> String {
        let s = self.wait_until("the program to exit", |s| {
            s.lines().any(|l| l.starts_with("EXITED "))
        });
        s.lines()
            .find_map(|l| l.strip_prefix("EXITED "))
            .unwrap()
            .trim()
            .to_string()
    }

    /// Types a shell command line and runs it.
    pub fn run(&self, line: &str) {
        self.send(&["-l", line]);
        self.send(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", &self.target])
    }

    /// The screen with its attributes as escape sequences.
    pub fn screen_escaped(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", &self.target])
    }

    pub fn format(&self, f: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", &self.target, f])
            .trim()
            .to_string()
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    pub fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn wait_format(&self, f: &str, want: &str) {
        let start = Instant::now();
        while self.format(f) != want {
            if start.elapsed() > TIMEOUT {
                panic!(
                    "{f} stayed {:?}, wanted {want:?}; screen:\n{}",
                    self.format(f),
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// The terminal is back as the shell had it: main screen, no mouse
    /// reporting, cursor shown, and the tty in canonical mode with echo.
    pub fn assert_restored(&self) {
        self.wait_format("#{alternate_on}", "0");
        self.wait_format("#{mouse_any_flag}", "0");
        assert_eq!(
            self.format("#{cursor_flag}"),
            "1",
            "cursor hidden after exit"
        );
        self.run("clear; stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo STTY-$((6*7))");
        let s = self.wait_for("STTY-42");
        assert!(
            s.contains("icanon echo STTY-42"),
            "the tty is still raw:\n{s}"
        );
    }

    /// The pid of the program running in the shell.
    pub fn child_pid(&self) -> String {
        let shell = self.format("#{pane_pid}");
        let start = Instant::now();
        loop {
            let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
            let pid = String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            if !pid.is_empty() {
                return pid;
            }
            assert!(start.elapsed() < TIMEOUT, "no child of the shell");
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn resize(&self, w: u16, h: u16) {
        let status = self
            .cmd()
            .args([
                "resize-window",
                "-t",
                SESSION,
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if !self.owner {
            return;
        }
        let _ = self.cmd().arg("kill-server").status();
    }
}

/// Every file below a folder with its bytes and modification time, to
/// prove that nothing was written to it.
pub type Snapshot = BTreeMap<PathBuf, (Vec<u8>, SystemTime)>;

/// Copies fixtures (paths below `tests/fixtures`) into a fresh folder at the
/// same relative paths, dated a day ago so that any write, even of the same
/// bytes, shows in the modification time. The folder, and the copies.
pub fn aged_copies(fixtures: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let tmp = tempfile::tempdir().unwrap();
    let day_ago = SystemTime::now() - Duration::from_secs(86_400);
    let mut paths = Vec::new();
    for fixture in fixtures {
        let dest = tmp.path().join(fixture);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(Path::new(FIXTURES).join(fixture), &dest).unwrap();
        fs::File::options()
            .write(true)
            .open(&dest)
            .unwrap()
            .set_modified(day_ago)
            .unwrap();
        paths.push(dest);
    }
    (tmp, paths)
}

pub fn snapshot(dir: &Path) -> Snapshot {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.clone(),
                    (fs::read(&path).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    out
}

/// Nothing below the folder was created, removed or written to between the
/// two snapshots.
pub fn assert_unchanged(before: &Snapshot, after: &Snapshot) {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files appeared or vanished beside the timelines"
    );
    for (path, (bytes, mtime)) in before {
        let (b, m) = &after[path];
        assert!(b == bytes, "{} changed", path.display());
        assert_eq!(m, mtime, "{} was written to", path.display());
    }
}
