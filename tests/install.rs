//! What a person installs besides the binary: shell completions and the
//! manual page, both made from the same clap definitions that parse the
//! command line, so they can never drift from it.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use clap::CommandFactory;
use common::cli::{run, stdout};

/// Every subcommand's name, from the definitions themselves.
fn subcommands() -> Vec<String> {
    chronoscope::cli::Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

#[test]
fn completions_for_every_shell_know_every_subcommand() {
    let names = subcommands();
    assert!(names.len() >= 12, "{names:?}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        for n in &names {
            assert!(script.contains(n.as_str()), "{shell} does not complete {n}");
        }
        // Values clap knows are completed too, where the shell's script
        // takes values (elvish and PowerShell complete flags only).
        if matches!(shell, "bash" | "zsh" | "fish") {
            for value in ["high-contrast", "timelinejs", "geojson"] {
                assert!(script.contains(value), "{shell} does not complete {value}");
            }
        }
    }
    let bad = run(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_manual_page_names_every_subcommand_and_option() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie") || page.contains(".TH chronoscope"),
        "{page:.200}"
    );
    for n in subcommands() {
        assert!(page.contains(&n), "the manual page does not name {n}");
        // Each subcommand has its page, which SUBCOMMANDS refers to.
        assert!(
            page.contains(&format!(".TH chronoscope\\-{n} 1"))
                || page.contains(&format!(".TH chronoscope-{n} 1")),
            "no page for chronoscope-{n}"
        );
    }
    for option in ["\\-\\-view", "\\-\\-publish", "\\-\\-theme", "\\-\\-since"] {
        assert!(
            page.contains(option),
            "the manual page does not name {option}"
        );
    }
}
