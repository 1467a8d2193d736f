//! The second round of hostile inputs: each found to crash, hang or
//! mislead `chronoscope`, each kept from doing so again (SECURITY.md).
//!
//! Growth is measured as a ratio — ten times the input must cost about
//! ten times the time, not a hundred — never against a wall-clock limit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use chronoscope::load;

const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");

fn chronoscope(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn no_escape(what: &str, s: &str) {
    assert!(
        !s.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{9b}'),
        "{what}: a live control reached the output: {s:?}"
    );
}

/// A header, a dotted key and an actor header each a million keys deep:
/// one error, exit 1, no stack overflow.
#[test]
fn a_million_keys_deep_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let keys = vec!["a"; 1_000_000].join(".");
    for (name, body) in [
        ("header.toml", format!("[{keys}]\n")),
        ("array.toml", format!("[[{keys}]]\n")),
        ("actor.toml", format!("[actors.{keys}]\n")),
        ("dotted.toml", format!("{keys} = 1\n")),
        (
            "inline.toml",
            format!("x = {}{}\n", "{a=".repeat(100_000), "}".repeat(100_000)),
        ),
        (
            "array-deep.toml",
            format!("x = {}{}\n", "[".repeat(1_000_000), "]".repeat(1_000_000)),
        ),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, body).unwrap();
        let out = chronoscope(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stderr));
        let report = text(&out.stdout);
        assert!(report.contains("error"), "{name}: {report:.400}");
    }
}

/// The median of three runs of `f`, in seconds.
fn timed(f: impl Fn()) -> f64 {
    let mut runs: Vec<Duration> = (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    runs.sort();
    runs[1].as_secs_f64()
}

/// Ten times the input must cost less than thirty times the time: linear
/// work takes ten, the quadratic paths these guard against a hundred.
fn assert_linear(what: &str, small: f64, large: f64) {
    let ratio = large / small.max(1e-4);
    assert!(
        ratio < 30.0,
        "{what}: 10× the input took {ratio:.1}× the time ({small:.3}s → {large:.3}s)"
    );
}

fn actors(n: usize) -> String {
    (0..n)
        .map(|i| format!("[actors.a{i}]\nname = \"A {i}\"\nkind = \"person\"\nsummary = \"s\"\n\n"))
        .collect()
}

#[test]
fn many_tables_load_in_linear_time() {
    type Shape = (&'static str, fn(usize) -> String);
    let shapes: [Shape; 3] = [
        ("actor headers", actors),
        ("tour tables", |n| {
            let mut s = String::from(
                "[[events]]\nid=\"e\"\ndate=\"2000\"\ntitle=\"t\"\nsummary=\"s\"\n[[events.sources]]\npublisher=\"p\"\ntitle=\"t\"\n",
            );
            for i in 0..n {
                s += &format!(
                    "[[tours]]\nid = \"t{i}\"\ntitle = \"T\"\nsteps = [{{ event = \"e\" }}]\n"
                );
            }
            s
        }),
        ("tags of one event", |n| {
            let tags: Vec<String> = (0..n).map(|i| format!("\"tag-{i}\"")).collect();
            format!(
                "[[events]]\nid=\"e\"\ndate=\"2000\"\ntitle=\"t\"\nsummary=\"s\"\ntags=[{}]\n[[events.sources]]\npublisher=\"p\"\ntitle=\"t\"\n",
                tags.join(",")
            )
        }),
    ];
    for (what, make) in shapes {
        let (small, large) = (make(10_000), make(100_000));
        let t_small = timed(|| {
            load::from_str("t.toml", &small);
        });
        let t_large = timed(|| {
            load::from_str("t.toml", &large);
        });
        assert_linear(what, t_small, t_large);
    }
}

/// Unknown references, each offered a did-you-mean, against many ids.
fn unknown_refs(ids: usize, refs: usize) -> String {
    let mut s = (0..ids)
        .map(|i| {
            format!("[actors.actor-number-{i}]\nname = \"A\"\nkind = \"person\"\nsummary = \"s\"\n")
        })
        .collect::<String>();
    let list: Vec<String> = (0..refs).map(|i| format!("\"actor-numbr-{i}\"")).collect();
    s += &format!(
        "[[events]]\nid=\"e\"\ndate=\"2000\"\ntitle=\"t\"\nsummary=\"s\"\nactors=[{}]\n",
        list.join(",")
    );
    s
}

#[test]
fn did_you_mean_stays_linear() {
    let (a, b) = (unknown_refs(2_000, 10_000), unknown_refs(2_000, 100_000));
    assert_linear(
        "unknown references",
        timed(|| {
            load::from_str("t.toml", &a);
        }),
        timed(|| {
            load::from_str("t.toml", &b);
        }),
    );
    let (a, b) = (unknown_refs(10_000, 200), unknown_refs(100_000, 200));
    assert_linear(
        "ids to compare with",
        timed(|| {
            load::from_str("t.toml", &a);
        }),
        timed(|| {
            load::from_str("t.toml", &b);
        }),
    );
    // A reference far longer than any id is not compared at all.
    let long = format!(
        "{}[[events]]\nid=\"e\"\ndate=\"2000\"\ntitle=\"t\"\nsummary=\"s\"\nactors=[\"{}\"]\n",
        (0..1000)
            .map(|i| format!(
                "[actors.{}{i:04}]\nname=\"n\"\nkind=\"person\"\nsummary=\"s\"\n",
                "x".repeat(500)
            ))
            .collect::<String>(),
        "x".repeat(1_000_000)
    );
    let l = load::from_str("t.toml", &long);
    assert!(l.diagnostics.iter().any(|d| d.code == "unknown-actor"));
}

#[test]
fn wide_encodings_are_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let sample = "[timeline]\ntitle = \"T\"\n";
    let le: Vec<u8> = sample.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = sample.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    utf32.extend(sample.chars().flat_map(|c| u32::from(c).to_le_bytes()));
    for (name, bytes, want) in [
        ("le.toml", le, "UTF-16"),
        ("be.toml", be, "UTF-16"),
        ("utf32.toml", utf32, "UTF-32"),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = chronoscope(&["check", path.to_str().unwrap()]);
        let report = text(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(report.matches("error:").count(), 1, "{name}: {report}");
        assert!(
            report.contains(&format!("the file is {want}")),
            "{name}: {report}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_kernel_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("tl");
    fs::create_dir(&tl).unwrap();
    fs::write(tl.join("a.toml"), "[timeline]\ntitle = \"T\"\n").unwrap();
    let fifo = tl.join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Named, it is refused; found in a folder, it is not a timeline file.
    let out = chronoscope(&["check", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("not a regular file"),
        "{}",
        text(&out.stderr)
    );
    let out = chronoscope(&["check", tl.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 file,"),
        "{}",
        text(&out.stdout)
    );
    fs::remove_file(&fifo).unwrap();
    // A file of the kernel's that blocks a reader, where this machine lets us open it.
    if fs::File::open("/proc/kmsg").is_ok() {
        std::os::unix::fs::symlink("/proc/kmsg", tl.join("kmsg.toml")).unwrap();
        let out = chronoscope(&["check", tl.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    }
}

#[test]
fn a_file_name_with_escapes_reaches_no_terminal_through_clap() {
    let dir = tempfile::tempdir().unwrap();
    let name = "--format=\u{1b}]0;PWNED\u{7}\u{1b}[2J";
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args(["list", name])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    no_escape("clap's error", &err);
    assert!(err.contains("--format"), "{err}");
    let help = chronoscope(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("Usage"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_stdout_or_stderr_is_an_error_never_a_panic() {
    let full = || {
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for args in [
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["list"],
    ] {
        let out = Command::new(BIN)
            .args(&args)
            .stdout(full())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} > /dev/full");
        assert!(
            text(&out.stderr).contains("cannot write"),
            "{}",
            text(&out.stderr)
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    fs::write(&broken, "[[events]]\nid = \"x\"\n").unwrap();
    for args in [vec!["check"], vec!["list", broken.to_str().unwrap()]] {
        let out = Command::new(BIN)
            .args(&args)
            .stderr(full())
            .stdout(Stdio::null())
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "{args:?} 2> /dev/full: {code:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_is_quiet() {
    let mut child = Command::new(BIN)
        .args(["list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then close the pipe, as `| head -1` does.
    let mut out = child.stdout.take().unwrap();
    let mut byte = [0u8; 64];
    let _ = std::io::Read::read(&mut out, &mut byte).unwrap();
    drop(out);
    let done = child.wait_with_output().unwrap();
    assert_eq!(done.status.code(), Some(0));
    assert!(text(&done.stderr).is_empty(), "{}", text(&done.stderr));
}

#[test]
fn one_line_fields_are_trimmed() {
    let l = load::from_str(
        "t.toml",
        "[timeline]\ntitle = \"  T  \"\n[actors.a]\nname = \" Name \"\nshort = \" S\"\nkind = \"person\"\nsummary = \"s\"\n\
         [[events]]\nid = \"e\"\ndate = \"2000\"\ntitle = \"  Title \"\nsummary = \"s\"\nlocation = \" Kabul \"\nactors = [\"a\"]\n\
         [[events.sources]]\npublisher = \" P \"\ntitle = \"T\"\n",
    );
    assert_eq!(l.errors(), 0, "{:?}", l.diagnostics);
    let t = &l.timeline;
    assert_eq!(t.title, "T");
    assert_eq!(
        (t.actors[0].name.as_str(), t.actors[0].short.as_str()),
        ("Name", "S")
    );
    let e = &t.events[0];
    assert_eq!((e.title.as_str(), e.location.as_str()), ("Title", "Kabul"));
    assert_eq!(e.sources[0].publisher, "P");
}

/// The symlinked and hidden folders the loader skips are skipped by the
/// walk the watcher uses too: a maze of links costs nothing.
#[cfg(unix)]
#[test]
fn a_maze_of_links_is_never_walked() {
    let dir = tempfile::tempdir().unwrap();
    let tl = dir.path().join("tl");
    fs::create_dir(&tl).unwrap();
    fs::write(tl.join("a.toml"), "[timeline]\ntitle = \"T\"\n").unwrap();
    maze(&tl.join(".maze"), 24);
    maze(&tl.join("maze"), 24);
    let start = Instant::now();
    let scan = load::scan(std::slice::from_ref(&tl)).unwrap();
    assert_eq!(scan.files.len(), 1);
    // The visible maze's 25 real folders are walked; its 2^24 paths of links are not.
    assert_eq!(scan.folders.len(), 1 + 1 + 25, "{:?}", scan.folders);
    assert!(start.elapsed() < Duration::from_secs(5));
}

/// A chain of `depth` folders, each holding two links to the next.
#[cfg(unix)]
pub fn maze(at: &Path, depth: usize) {
    let levels: Vec<_> = (0..=depth).map(|i| at.join(format!("l{i}"))).collect();
    for l in &levels {
        fs::create_dir_all(l).unwrap();
    }
    for w in levels.windows(2) {
        std::os::unix::fs::symlink(&w[1], w[0].join("x")).unwrap();
        std::os::unix::fs::symlink(&w[1], w[0].join("y")).unwrap();
    }
}
