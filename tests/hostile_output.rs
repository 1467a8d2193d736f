//! Hostile timelines through the real binary's non-interactive outputs:
//! `list` in every format, exported files, `check`'s messages.
//!
//! - No control byte other than `\n`, and no bidi control, in anything
//!   written (SECURITY.md, promise 1).
//! - `check` and `list` never write to a timeline file; an export into a
//!   full folder fails cleanly and leaves no partial file (promise 5).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chronoscope::text::is_unsafe;
use common::{aged_copies, assert_unchanged, snapshot};

const BIN: &str = env!("CARGO_BIN_EXE_chronoscope");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const FORMATS: [&str; 5] = ["text", "markdown", "csv", "json", "timelinejs"];

fn hostile(name: &str) -> PathBuf {
    Path::new(FIXTURES).join("hostile").join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        // Every export the same moment, so two runs compare byte for byte.
        .env("SOURCE_DATE_EPOCH", "1706695200")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// The first control (other than `\n`) or bidi character in `bytes`, which
/// must be UTF-8.
fn first_unsafe(bytes: &[u8]) -> Option<(usize, char)> {
    let s = std::str::from_utf8(bytes).expect("output is UTF-8");
    // A CSV file opens with a byte-order mark for spreadsheets: the one
    // invisible character an export writes on purpose.
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    s.char_indices()
        .find(|&(_, c)| c != '\n' && (is_unsafe(c) || c == '\t'))
}

fn assert_clean(bytes: &[u8], what: &str) {
    if let Some((at, c)) = first_unsafe(bytes) {
        let s = String::from_utf8_lossy(bytes);
        let near: String = s[at..].chars().take(80).collect();
        panic!("{what}: {c:?} at byte {at}: {near:?}");
    }
}

/// Every string in a JSON document, decoded: `\u001b` is as live as a raw
/// escape once a program reads the JSON and prints the value.
fn assert_clean_json(v: &serde_json::Value, what: &str) {
    match v {
        serde_json::Value::String(s) => assert_clean(s.as_bytes(), what),
        serde_json::Value::Array(a) => a.iter().for_each(|x| assert_clean_json(x, what)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            assert_clean(k.as_bytes(), what);
            assert_clean_json(x, what);
        }),
        _ => {}
    }
}

/// `list` of the hostile timeline in every format, on standard output and
/// in a file, and the plain listing a pipe gets from the explorer: no
/// control byte but `\n`, the escapes shown as marks.
#[test]
fn list_and_exports_hold_no_control_byte() {
    let file = hostile("escapes.toml");
    let p = file.to_str().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    for format in FORMATS {
        let o = run(&["list", p, "--format", format]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_clean(&o.stdout, &format!("list --format {format}"));
        assert_clean(&o.stderr, &format!("list --format {format} (stderr)"));
        let text = String::from_utf8(o.stdout.clone()).unwrap();
        assert!(
            text.contains("pwned-event"),
            "{format}: the title is missing:\n{text}"
        );
        assert!(
            text.contains('␛'),
            "{format}: ESC is not shown as a mark:\n{text}"
        );

        let dest = out_dir.path().join(format!("out.{format}"));
        let o = run(&[
            "list",
            p,
            "--format",
            format,
            "--output",
            dest.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let mut written = fs::read(&dest).unwrap();
        assert_clean(&written, &format!("exported {format} file"));
        // A CSV file starts with the byte-order mark spreadsheets want;
        // otherwise it is what standard output got.
        if format == "csv" {
            assert!(written.starts_with("\u{FEFF}".as_bytes()));
            written.drain(..3);
        }
        assert_eq!(
            written,
            text.as_bytes(),
            "{format}: the file and stdout differ"
        );

        if format == "json" || format == "timelinejs" {
            let v: serde_json::Value = serde_json::from_slice(&written).unwrap();
            assert_clean_json(&v, &format!("decoded {format}"));
        }
    }
    // The explorer with standard output not a terminal prints the listing.
    let o = run(&[p]);
    assert_eq!(o.status.code(), Some(0));
    assert_clean(&o.stdout, "explorer piped");
    assert!(String::from_utf8_lossy(&o.stdout).contains("pwned-event"));
}

/// `check`, and the explorer and `list` refusing a broken file, quote the
/// hostile values they complain about as marks, whether the file held TOML
/// escapes or raw control bytes.
#[test]
fn error_messages_on_a_hostile_broken_file_hold_no_control_byte() {
    for name in ["broken-refs.toml", "broken-raw.toml"] {
        let file = hostile(name);
        let p = file.to_str().unwrap();
        let runs: [&[&str]; 5] = [
            &["check", p],
            &["check", "--format", "json", p],
            &[p],
            &["list", p],
            &["list", p, "--format", "json"],
        ];
        for args in runs {
            let o = run(args);
            let what = format!("{name}: {args:?}");
            assert_eq!(o.status.code(), Some(1), "{what}");
            assert_clean(&o.stdout, &format!("{what} stdout"));
            assert_clean(&o.stderr, &format!("{what} stderr"));
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(!all.contains("panicked"), "{what}:\n{all}");
            assert!(all.contains("error"), "{what}: no error:\n{all}");
            if args.get(1) == Some(&"--format") {
                let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
                assert_clean_json(&v, &what);
            } else {
                assert!(
                    all.contains('␛'),
                    "{what}: ESC is not quoted as a mark:\n{all}"
                );
            }
        }
    }
}

/// `check`, `list` in every format (to standard output, to a file elsewhere,
/// and pointed at a timeline file itself) and the piped explorer leave every
/// timeline file's bytes and modification time as they were, and add no
/// file beside them.
#[test]
fn check_and_list_never_write_to_timeline_files() {
    let (tmp, paths) = aged_copies(&[
        "explorer/timeline.toml",
        "export/timeline.toml",
        "hostile/escapes.toml",
    ]);
    let before = snapshot(tmp.path());
    let out = tempfile::tempdir().unwrap();
    for path in &paths {
        let p = path.to_str().unwrap();
        let folder = path.parent().unwrap().to_str().unwrap();
        for target in [p, folder] {
            assert_eq!(run(&["check", target]).status.code(), Some(0), "{target}");
            assert_eq!(
                run(&["check", "--format", "json", target]).status.code(),
                Some(0)
            );
            assert_eq!(run(&[target]).status.code(), Some(0));
            for format in FORMATS {
                assert_eq!(
                    run(&["list", target, "--format", format]).status.code(),
                    Some(0)
                );
                let dest = out.path().join(format!("out.{format}"));
                let o = run(&[
                    "list",
                    target,
                    "--format",
                    format,
                    "-o",
                    dest.to_str().unwrap(),
                ]);
                assert_eq!(
                    o.status.code(),
                    Some(0),
                    "{}",
                    String::from_utf8_lossy(&o.stderr)
                );
                // Asked to write over the timeline it reads: refused.
                let o = run(&["list", target, "--format", format, "-o", p]);
                assert_eq!(o.status.code(), Some(2), "{format} over {p}");
                assert!(
                    String::from_utf8_lossy(&o.stderr).contains("refusing to export"),
                    "{}",
                    String::from_utf8_lossy(&o.stderr)
                );
            }
        }
    }
    assert_unchanged(&before, &snapshot(tmp.path()));
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Result<Mount, String> {
        let o = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if o.status.success() {
            Ok(Mount(dir.to_path_buf()))
        } else {
            Err(String::from_utf8_lossy(&o.stderr).trim().to_string())
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// An export into a folder on a full disk fails with exit 2 and a message
/// saying the disk is full, and leaves neither a partial file nor a
/// temporary one; a file already there of the same name is untouched.
/// Needs a tiny tmpfs, so root; skipped with the reason otherwise.
#[test]
fn an_export_into_a_full_folder_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("full");
    fs::create_dir(&dir).unwrap();
    let mount = match Mount::tmpfs(&dir, "64k") {
        Ok(m) => m,
        Err(why) => {
            eprintln!("skipped: cannot mount a tiny tmpfs to make a full folder ({why})");
            return;
        }
    };
    let existing = dir.join("existing.md");
    fs::write(&existing, "an earlier export\n").unwrap();
    // Fill what is left.
    let filler = vec![b'x'; 4096];
    let mut fill = fs::File::create(dir.join("filler")).unwrap();
    while std::io::Write::write_all(&mut fill, &filler).is_ok() {}
    drop(fill);
    let before = snapshot(&dir);

    // The bundled timeline's exports are far larger than any space left.
    for format in FORMATS {
        for name in ["new.out", "existing.md"] {
            let dest = dir.join(name);
            let o = run(&["list", "--format", format, "-o", dest.to_str().unwrap()]);
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{format} to {name}: {err}");
            assert!(err.contains("full"), "{format} to {name}: {err}");
            assert!(
                err.contains("nothing was written"),
                "{format} to {name}: {err}"
            );
            assert_clean(&o.stderr, "the disk-full message");
            assert_eq!(
                snapshot(&dir),
                before,
                "{format} to {name} left something behind"
            );
        }
    }

    // The library call the explorer's export prompt makes says the same.
    let loaded = chronoscope::load::load(chronoscope::load::bundled());
    let t = &loaded.timeline;
    let shown = chronoscope::query::apply(
        t,
        &chronoscope::query::Index::build(t),
        &chronoscope::query::Filter::default(),
    );
    let filter = chronoscope::query::Filter::default();
    let about = chronoscope::export::About::now(t, &filter, &shown);
    let e = chronoscope::export::export_to(
        chronoscope::export::Format::Json,
        t,
        &shown,
        &about,
        &dir.join("from-the-prompt.json"),
        &chronoscope::export::Protected::default(),
        chronoscope::export::Replace::Refuse,
    )
    .unwrap_err();
    assert!(
        matches!(e, chronoscope::export::ExportError::DiskFull(_)),
        "{e:?}"
    );
    assert_eq!(snapshot(&dir), before);
    drop(mount);
}
