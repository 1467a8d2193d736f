//! No input makes `chronoscope check` panic, hang or print a live control
//! character.
//!
//! Each input is generated into a temporary directory at test time, and the
//! real binary runs on it under a deadline: it must finish with exit 1 (the
//! timeline is invalid) or 2 (it cannot be read at all) and say why in text
//! a terminal shows as text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a loaded two-core machine; an input that
/// hangs the loader never finishes at all.
const DEADLINE: Duration = Duration::from_secs(20);

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs the binary with output going to files, so a flood of output cannot
/// block it on a full pipe while the deadline is polled.
fn run_with_deadline(dir: &Path, args: &[&str]) -> Outcome {
    let out_path = dir.join("stdout.log");
    let err_path = dir.join("stderr.log");
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("the binary starts");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chronoscope {args:?} still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8(fs::read(p).unwrap()).expect("output is UTF-8");
    Outcome {
        code: status.code(),
        stdout: read(&out_path),
        stderr: read(&err_path),
        took: started.elapsed(),
    }
}

/// Checks one path in both output formats.
fn assert_refused(dir: &Path, path: &Path, what: &str, expect_code: i32, expect_text: &str) {
    let p = path.to_str().unwrap();
    for args in [&["check", p][..], &["check", "--format", "json", p]] {
        let o = run_with_deadline(dir, args);
        let all = format!("{}{}", o.stdout, o.stderr);
        assert_eq!(
            o.code,
            Some(expect_code),
            "{what} {args:?}: exit {:?} after {:?}\n{}",
            o.code,
            o.took,
            head(&all)
        );
        assert!(
            !all.contains("panicked"),
            "{what} {args:?} panicked:\n{}",
            head(&all)
        );
        let live: Vec<char> = all
            .chars()
            .filter(|&c| c != '\n' && (c.is_control() || is_bidi(c)))
            .collect();
        assert!(
            live.is_empty(),
            "{what} {args:?}: raw control characters {live:?} in the output:\n{}",
            head(&all)
        );
        let json = args[1] == "--format";
        // JSON names the severity in a field, not as an "error:" prefix.
        let expect_text = if json && expect_code == 1 && expect_text == "error:" {
            "\"severity\": \"error\""
        } else {
            expect_text
        };
        assert!(
            all.contains(expect_text),
            "{what} {args:?}: expected {expect_text:?} in:\n{}",
            head(&all)
        );
        if json && expect_code == 1 {
            let doc: serde_json::Value = serde_json::from_str(&o.stdout)
                .unwrap_or_else(|e| panic!("{what}: JSON output does not parse: {e}"));
            assert!(doc["errors"].as_u64().unwrap() > 0, "{what}: {doc}");
        }
        // A flood of output is not a readable message either: a long line is
        // quoted in part, and only one case holds thousands of problems.
        let limit = if what.starts_with("many-") {
            16_000_000
        } else {
            100_000
        };
        assert!(
            all.len() < limit,
            "{what} {args:?}: {} bytes of output",
            all.len()
        );
    }
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn head(s: &str) -> String {
    s.chars().take(3000).collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Bytes from a fixed linear congruential generator: garbage, but the same
/// garbage every run.
fn garbage(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 56) as u8
        })
        .collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let b = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&b);
    }
    out
}

#[test]
fn broken_files_are_reported_not_crashed_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let big = "x".repeat(2 * 1024 * 1024);
    let many_refs: Vec<String> = (0..20_000).map(|i| format!("\"x{i}\"")).collect();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.toml", Vec::new(), "holds no timeline"),
        ("garbage.toml", garbage(64 * 1024), "error:"),
        (
            "invalid-utf8.toml",
            b"[timeline]\ntitle = \"\xC3\x28\"\n".to_vec(),
            "not valid UTF-8",
        ),
        (
            "utf16-le.toml",
            utf16("[timeline]\ntitle = \"x\"\n", false),
            "UTF-16",
        ),
        (
            "utf16-be.toml",
            utf16("[timeline]\ntitle = \"x\"\n", true),
            "UTF-16",
        ),
        (
            "nested-brackets.toml",
            format!("a = {}", "[".repeat(50_000)).into_bytes(),
            "invalid TOML",
        ),
        (
            "nested-tables.toml",
            format!("a = {}", "{ b = ".repeat(50_000)).into_bytes(),
            "invalid TOML",
        ),
        (
            "dashes.toml",
            format!("a = {}\n", "-".repeat(100_000)).into_bytes(),
            "more TOML syntax errors",
        ),
        (
            "equals.toml",
            format!("a {}\n", "=".repeat(100_000)).into_bytes(),
            "invalid TOML",
        ),
        (
            "big-string.toml",
            format!("[timeline]\ntitle = \"t\"\nnotes = \"{big}\"\n").into_bytes(),
            "unknown field `notes`",
        ),
        (
            "big-unterminated-string.toml",
            format!("[timeline]\ntitle = \"{big}\n").into_bytes(),
            "invalid TOML",
        ),
        (
            "many-references-on-one-line.toml",
            format!(
                "[timeline]\ntitle = \"t\"\n[[events]]\nid = \"e\"\ndate = \"2014\"\ntitle = \"t\"\nsummary = \"s\"\nactors = [{}]\n",
                many_refs.join(",")
            )
            .into_bytes(),
            "x19999",
        ),
        (
            "nul-bytes.toml",
            b"\0\0\0[timeline]\0".to_vec(),
            "invalid TOML",
        ),
        (
            "escape-sequences.toml",
            "[timeline]\ntitle = \"\u{1b}]0;owned\u{7}\u{1b}[2J\"\n\"\u{1b}[31m\u{202e}\" = 1\n\rstray = \"\u{9b}\"\n"
                .as_bytes()
                .to_vec(),
            "error:",
        ),
        (
            "control-in-strings.toml",
            "[timeline]\ntitle = \"t\"\n\"key\\u001b[2J\\u202e\" = \"x\"\n[actors.\"\\u001b\"]\nname = \"\\u009b\"\n"
                .as_bytes()
                .to_vec(),
            "unknown field",
        ),
        (
            "crlf.toml",
            b"[timeline]\r\ntitle = \"t\"\r\nbogus = 1\r\n".to_vec(),
            "unknown field `bogus`",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = write(dir, name, bytes);
        assert_refused(dir, &path, name, 1, says);
    }
}

#[test]
fn paths_that_are_not_timeline_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    assert_refused(
        dir,
        Path::new("/dev/null"),
        "/dev/null",
        2,
        "not a regular file",
    );

    // A FIFO would block a reader forever; it must be refused unopened.
    let fifo = dir.join("fifo.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        assert_refused(dir, &fifo, "a FIFO", 2, "not a regular file");
        // Inside a directory it is skipped, not opened.
        let sub = dir.join("with-fifo");
        fs::create_dir(&sub).unwrap();
        Command::new("mkfifo")
            .arg(sub.join("pipe.toml"))
            .status()
            .unwrap();
        assert_refused(
            dir,
            &sub,
            "a directory holding a FIFO",
            2,
            "no timeline files",
        );
    } else {
        eprintln!("skipped the FIFO case: mkfifo is not available");
    }

    let empty = dir.join("empty-dir");
    fs::create_dir(&empty).unwrap();
    assert_refused(dir, &empty, "an empty directory", 2, "no timeline files");

    // A symbolic link loop is not followed.
    let looped = dir.join("loop");
    fs::create_dir(&looped).unwrap();
    std::os::unix::fs::symlink(&looped, looped.join("again")).unwrap();
    assert_refused(dir, &looped, "a symlink loop", 2, "no timeline files");

    // A directory named like a timeline file.
    let named = dir.join("dir.toml");
    fs::create_dir(&named).unwrap();
    assert_refused(
        dir,
        &named,
        "a directory named *.toml",
        2,
        "no timeline files",
    );

    // Over the size limit: refused from its size, before it is read. The
    // file is sparse, so it costs no disk.
    let huge = dir.join("huge.toml");
    let f = fs::File::create(&huge).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    drop(f);
    assert_refused(dir, &huge, "a 65 MiB file", 2, "over the 64 MiB limit");

    assert_refused(
        dir,
        &dir.join("missing.toml"),
        "a missing file",
        2,
        "no such file",
    );
}

#[test]
fn deeply_nested_directories_do_not_exhaust_the_stack() {
    let tmp = tempfile::tempdir().unwrap();
    let mut deep = tmp.path().join("root");
    let root = deep.clone();
    for i in 0..200 {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    write(&deep, "bottom.toml", "[timeline]\ntitle = \"t\"\n");
    write(&root, "broken.toml", "[timeline\n");
    assert_refused(
        tmp.path(),
        &root,
        "200 nested directories",
        1,
        "invalid TOML",
    );
}

/// Valid but extreme timelines: `check`, `list` in every format and the
/// explorer's piped listing each finish under the deadline with exit 0 and
/// clean output. (The explorer's screens over the same shapes are in
/// `hostile_screen.rs`.)
#[test]
fn extreme_valid_timelines_finish_in_bounded_time() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let event = |id: &str, date: &str, title: &str, actors: &str, related: &str| {
        format!(
            "[[events]]\nid = \"{id}\"\ndate = \"{date}\"\ntitle = \"{title}\"\nsummary = \"s\"\nactors = [{actors}]\nrelated = [{related}]\n[[events.sources]]\npublisher = \"p\"\ntitle = \"t\"\n"
        )
    };
    let actor =
        |id: &str| format!("[actors.{id}]\nname = \"{id}\"\nkind = \"person\"\nsummary = \"s\"\n");
    let top = "[timeline]\ntitle = \"t\"\n";

    let mut many = String::from(top);
    let ids: Vec<String> = (0..10_000).map(|i| format!("a{i}")).collect();
    for id in &ids {
        many += &actor(id);
    }
    let quoted: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
    many += &event("e", "2014", "t", &quoted.join(","), "");

    let selfish = format!(
        "{top}{}{}",
        actor("a"),
        event("e", "2014", "self", "\"a\"", "\"e\"")
    );

    let mut cycle = format!("{top}{}", actor("a"));
    for i in 0..100 {
        let next = format!("\"e{}\"", (i + 1) % 100);
        cycle += &event(
            &format!("e{i}"),
            &format!("{}", 2000 + i % 20),
            "c",
            "\"a\"",
            &next,
        );
    }

    let big = "word ".repeat(2 * 1024 * 1024 / 5);
    let big_title = format!(
        "{top}{}{}",
        actor("a"),
        event("e", "2014", &big, "\"a\"", "")
    );

    let cases = [
        ("ten-thousand-actors.toml", many),
        ("related-to-itself.toml", selfish),
        ("cycle-of-100.toml", cycle),
        ("only-timeline.toml", top.to_string()),
        ("two-megabyte-title.toml", big_title),
    ];
    for (name, text) in cases {
        let path = write(dir, name, text);
        let p = path.to_str().unwrap();
        let mut runs: Vec<Vec<&str>> = vec![vec!["check", p], vec![p]];
        for format in ["text", "markdown", "csv", "json", "timelinejs"] {
            runs.push(vec!["list", p, "--format", format]);
        }
        for args in runs {
            let o = run_with_deadline(dir, &args);
            assert_eq!(
                o.code,
                Some(0),
                "{name} {args:?}: exit {:?}\n{}",
                o.code,
                head(&o.stderr)
            );
            assert!(!o.stderr.contains("panicked"), "{name} {args:?}");
            let live = o
                .stdout
                .chars()
                .chain(o.stderr.chars())
                .find(|&c| c != '\n' && (c.is_control() || is_bidi(c)));
            assert_eq!(live, None, "{name} {args:?}: a raw control character");
        }
    }
}
