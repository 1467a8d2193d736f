//! The person's settings file: every problem it can have, each with a
//! fixture and its report at file:line:col; a remapped key that works in
//! the explorer and shows remapped in help; a broken file that starts the
//! explorer with the defaults and says why; the date style.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::cli::{run, run_env, stderr, stdout};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/config");

#[test]
fn every_problem_has_a_fixture_reported_where_it_is() {
    for code in chronoscope::config::CODES {
        if code == "unreadable" {
            let out = run(&["config", "--config", "/nonexistent/chronoscope.toml"]);
            assert_eq!(out.status.code(), Some(1));
            assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
            continue;
        }
        let file = format!("{DIR}/{code}.toml");
        assert!(
            std::path::Path::new(&file).exists(),
            "no fixture for {code}"
        );
        let out = run(&["config", "--config", &file]);
        assert_eq!(out.status.code(), Some(1), "{code}");
        let report = stderr(&out).replace(DIR, "tests/fixtures/config");
        assert!(
            report.contains(&format!("tests/fixtures/config/{code}.toml:")),
            "{code}: {report}"
        );
        insta::assert_snapshot!(format!("config_{code}"), report);
    }
}

#[test]
fn the_default_file_is_used_and_a_missing_file_is_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    let default = run(&["config", "--default"]);
    std::fs::write(&file, stdout(&default)).unwrap();
    let out = run(&["config", "--config", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("the settings are used"));
    // Every binding is in the default file, by scope.
    assert!(stdout(&default).contains("[keys.present]"));
    assert!(stdout(&default).contains("# toggle-blank = [\"b\"]"));
    let none = run_env(
        &["config"],
        &[("XDG_CONFIG_HOME", dir.path().join("none").to_str().unwrap())],
    );
    assert_eq!(none.status.code(), Some(0));
    assert!(
        stdout(&none).contains("No settings file"),
        "{}",
        stdout(&none)
    );
}

#[test]
fn dates_follow_the_date_style_and_paths_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/explorer");
    std::fs::write(
        &file,
        format!("date_style = \"month-day\"\npaths = [\"{fixture}\"]\n"),
    )
    .unwrap();
    let out = run_env(&["list"], &[("CHRONOSCOPE_CONFIG", file.to_str().unwrap())]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Dec 16, 2014"), "{text}");
    assert_eq!(text.lines().count(), 12, "the settings' timeline: {text}");
}

#[test]
fn a_remapped_key_works_and_shows_in_help() {
    let Some(t) = common::Tmux::new(100, 40) else {
        return;
    };
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("chronoscope")).unwrap();
    std::fs::write(
        config.path().join("chronoscope/config.toml"),
        "[keys.global]\ntoggle-contested = \"X\"\n",
    )
    .unwrap();
    let env = format!("XDG_CONFIG_HOME={}", config.path().display());
    t.run(&format!(
        "{env} {} {}; echo EXITED $?",
        common::BIN,
        common::FIXTURES.to_string() + "/explorer"
    ));
    t.wait_for("Events 12/12");
    t.send(&["x"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(t.screen().contains("Events 12/12"), "x no longer filters");
    t.send(&["X"]);
    t.wait_for("Events 2/12");
    t.send(&["?"]);
    // The whole overlay, not its first line: the terminal may still be
    // painting the rest when the title shows.
    t.wait_until("the remapped key in the help", |help| {
        help.contains("Everywhere in the explorer")
            && help
                .lines()
                .any(|l| l.contains(" X ") && l.contains("only contested events"))
    });
    t.send(&["Escape"]);
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}

#[test]
fn a_broken_file_starts_with_the_defaults_and_says_why() {
    let Some(t) = common::Tmux::new(140, 30) else {
        return;
    };
    let file = format!("{DIR}/key-bound-twice.toml");
    t.run(&format!(
        "CHRONOSCOPE_CONFIG={file} {} {}/explorer; echo EXITED $?",
        common::BIN,
        common::FIXTURES
    ));
    t.wait_for("Settings not used:");
    t.wait_for("key-bound-twice.toml:3:14");
    // The defaults: x filters, q quits.
    t.send(&["x"]);
    t.wait_for("Events 2/12");
    t.send(&["q"]);
    t.wait_for("EXITED 0");
    t.assert_restored();
}
