//! The binary run once, as a script would run it: from the project's
//! folder, without colour, every export stamped with one fixed time, and
//! what it printed as text.

use std::process::{Command, Output};

use serde_json::Value;

/// The moment every export in the tests is made: `SOURCE_DATE_EPOCH`.
pub const EPOCH: &str = "1706695200";

pub fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

/// The same, with these variables set too.
pub fn run_env(args: &[&str], vars: &[(&str, &str)]) -> Output {
    Command::new(super::BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .envs(vars.iter().copied())
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The ids of the events a JSON export holds, in its order.
pub fn event_ids(json: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(json).expect("a JSON export");
    doc["events"]
        .as_array()
        .expect("an export lists its events")
        .iter()
        .filter_map(|e| e["id"].as_str().map(str::to_string))
        .collect()
}
