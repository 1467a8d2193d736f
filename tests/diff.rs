//! `chronoscope diff` through the real binary: exit codes (0 the same, 1
//! changed, 2 cannot compare), the three formats on two fixture folders
//! that change every field (`tests/fixtures/diff/old` and `new`; the text
//! and Markdown are snapshots), `--output`, and sides read from git in a
//! temporary repository of two commits (skipped, with a notice, where git
//! is not installed; `.ci/run` installs it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const OLD: &str = "tests/fixtures/diff/old";
const NEW: &str = "tests/fixtures/diff/new";

fn chronoscope(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    chronoscope(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_same_timeline_exits_0() {
    for format in ["text", "markdown", "json"] {
        let out = run(&["diff", "--format", format, OLD, OLD]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{format}");
        assert!(
            stdout(&out).contains("no changes"),
            "{format}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn changes_exit_1_as_text() {
    let out = run(&["diff", OLD, NEW]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour in a pipe: {text}");
    insta::assert_snapshot!("text", text);
}

#[test]
fn changes_exit_1_as_a_markdown_brief() {
    let out = run(&["diff", "--format", "markdown", OLD, NEW]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("# What changed in Peshawar, December 2014\n"));
    insta::assert_snapshot!("markdown", text);
}

#[test]
fn changes_exit_1_as_json() {
    let out = run(&["diff", "--format", "json", OLD, NEW]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "chronoscope-diff");
    assert_eq!(v["version"], 1);
    assert_eq!(
        (v["old"].as_str(), v["new"].as_str()),
        (Some(OLD), Some(NEW))
    );
    assert_eq!(v["changed"], true);
    let ids = |kind: &str, how: &str| -> Vec<String> {
        v[kind][how]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids("events", "added"),
        ["2014-12-nap", "2015-02-apex-committees"]
    );
    assert_eq!(
        ids("events", "removed"),
        ["2014-11-lahore-rally", "2014-12-nap-announced"]
    );
    assert_eq!(
        ids("events", "changed"),
        ["2014-12-aps-attack", "2015-01-military-courts"]
    );
    assert_eq!(ids("actors", "added"), ["pakistan-army"]);
    assert_eq!(ids("places", "removed"), ["lahore"]);
    assert_eq!(ids("tours", "changed"), ["december-2014"]);
    let aps = &v["events"]["changed"][0];
    let fields: Vec<&str> = aps["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "date", "title", "summary", "details", "location", "actors", "places", "tags",
            "figures", "claims", "sources", "related"
        ]
    );
    let date = &aps["fields"][0];
    assert_eq!(date["old"]["edtf"], "2014-12");
    assert_eq!(date["new"]["precision"], "day");
    let figures = &aps["fields"][8];
    assert_eq!(figures["new"]["killed"], 149);
    assert_eq!(figures["changed"][0], "killed 141 → 149");
    // A long text is whole in the JSON, one line in the summary.
    let summary = &aps["fields"][2];
    assert!(
        summary["new"]
            .as_str()
            .unwrap()
            .contains("killing 149 people")
    );
    assert!(
        summary["summary"]
            .as_str()
            .unwrap()
            .starts_with("reworded (")
    );
    assert_eq!(v["actors"]["added"][0]["name"], "Pakistan Army");
    assert_eq!(v["events"]["added"][0]["date"]["display"], "24 Dec 2014");
}

#[test]
fn a_side_that_cannot_be_read_or_has_errors_exits_2() {
    let out = run(&["diff", "no/such/folder", NEW]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no/such/folder: no such file or directory\n"
    );
    assert_eq!(stdout(&out), "");
    // A broken side prints its errors as `check` does, and nothing is compared.
    let broken = "tests/fixtures/invalid/unknown-actor.toml";
    let out = run(&["diff", OLD, broken]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error: the new side, {broken}, has errors; nothing was compared"
        )),
        "{err}"
    );
    assert!(err.contains("unknown actor \"ttp-leadership\""), "{err}");
    assert!(err.contains(&format!("--> {broken}:")), "{err}");
    // Usage: two sides, a known format.
    assert_eq!(run(&["diff", OLD]).status.code(), Some(2));
    assert_eq!(
        run(&["diff", "--format", "csv", OLD, NEW]).status.code(),
        Some(2)
    );
}

#[test]
fn output_is_written_atomically_and_never_over_a_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("changes.md");
    let out = run(&[
        "diff",
        "--format",
        "markdown",
        "--output",
        brief.to_str().unwrap(),
        OLD,
        NEW,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let written = fs::read_to_string(&brief).unwrap();
    let printed = stdout(&run(&["diff", "--format", "markdown", OLD, NEW]));
    assert_eq!(written, printed);
    // Never a timeline file or into a timeline's folder.
    let into = format!("{NEW}/changes.md");
    for target in [format!("{NEW}/events.toml"), into.clone()] {
        let out = run(&["diff", "--output", &target, OLD, NEW]);
        assert_eq!(out.status.code(), Some(2), "{target}");
        assert!(
            stderr(&out).starts_with("error: refusing to export to"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!Path::new(env!("CARGO_MANIFEST_DIR")).join(into).exists());
}

/// Whether git runs here; without it the git tests are skipped, each with
/// a notice.
fn git_available() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: git is not installed; this diff-from-git test is skipped");
    }
    ok
}

/// Runs git in `dir` with a configuration of its own, so that the
/// machine's settings (signing, hooks, a default branch) play no part.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Chronoscope Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

/// Copies the `*.toml` files of a fixture folder into `to`, replacing what is there.
fn copy_fixture(from: &str, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
}

/// A repository whose first commit holds the old fixture in `timelines/`
/// and whose second holds the new one.
fn two_commits() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let timelines = dir.join("timelines");
    git(dir, &["init", "-q"]);
    copy_fixture(OLD, &timelines);
    // Neither a hidden file nor one of another extension is a timeline file.
    fs::write(timelines.join(".draft.toml"), "not = [toml").unwrap();
    fs::write(timelines.join("README.md"), "# Notes\n").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "old"]);
    copy_fixture(NEW, &timelines);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "new"]);
    repo
}

#[test]
fn git_revisions_compare_as_the_folders_do() {
    if !git_available() {
        return;
    }
    let repo = two_commits();
    let dir = repo.path();
    let out = chronoscope(dir, &["diff", "HEAD~1:timelines", "HEAD:timelines"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let from_git = stdout(&out);
    assert!(
        from_git.starts_with(
            "What changed in Peshawar, December 2014\nfrom HEAD~1:timelines to HEAD:timelines\n"
        ),
        "{from_git}"
    );
    // The same changes as between the folders on disk.
    let on_disk = stdout(&run(&["diff", OLD, NEW]));
    let body = |s: &str| s.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&from_git), body(&on_disk));
    // A revision against the work tree, and one file of each.
    let out = chronoscope(dir, &["diff", "HEAD:timelines", "timelines"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = chronoscope(
        dir,
        &[
            "diff",
            "--format",
            "json",
            "HEAD~1:timelines/events.toml",
            "HEAD:timelines/events.toml",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "events alone name undefined actors"
    );
    assert!(
        stderr(&out).contains("--> HEAD~1:timelines/events.toml:"),
        "diagnostics name the revision's file: {}",
        stderr(&out)
    );
}

#[test]
fn git_problems_exit_2_with_one_line() {
    if !git_available() {
        return;
    }
    let repo = two_commits();
    let dir = repo.path();
    let cases = [
        (
            "HEAD~5:timelines",
            "error: HEAD~5:timelines: unknown revision \"HEAD~5\" in this git repository (`git log --oneline` lists the commits)\n",
        ),
        (
            "HEAD:nothing",
            "error: HEAD:nothing: revision HEAD has no \"nothing\" (PATH is relative to the repository's top, or to this folder when it starts with ./)\n",
        ),
        (
            ":timelines",
            "error: :timelines: no revision before the ':'; write REV:PATH, such as HEAD~1:timelines (or give a path that exists)\n",
        ),
        (
            "--output=x:timelines",
            "error: --output=x:timelines: \"--output=x\" is not a revision (it starts with '-'); write REV:PATH, such as HEAD~1:timelines\n",
        ),
    ];
    for (side, said) in cases {
        let out = chronoscope(dir, &["diff", "--", side, "timelines"]);
        assert_eq!(out.status.code(), Some(2), "{side}");
        assert_eq!(stderr(&out), said, "{side}");
        assert_eq!(stdout(&out), "", "{side}");
    }
    // A folder of no timeline files at that revision.
    fs::create_dir(dir.join("notes")).unwrap();
    fs::write(dir.join("notes/a.md"), "a").unwrap();
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "notes"]);
    let out = chronoscope(dir, &["diff", "HEAD:notes", "timelines"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no timeline files in \"notes\""),
        "{}",
        stderr(&out)
    );
    // Outside any repository, git's own reason.
    let bare = tempfile::tempdir().unwrap();
    copy_fixture(NEW, &bare.path().join("timelines"));
    let out = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["diff", "HEAD:timelines", "timelines"])
        .current_dir(bare.path())
        .env("GIT_CEILING_DIRECTORIES", bare.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a git repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_git_exits_2_with_one_line() {
    // No git on an empty PATH, whether or not this machine has one.
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["diff", "HEAD~1:timelines", "timelines"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: HEAD~1:timelines: reading REV:PATH needs git, which is not installed (or not on PATH); install git, or give a file or folder\n"
    );
}
