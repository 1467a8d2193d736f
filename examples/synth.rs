//! Writes a large synthetic timeline to disk, to open in the explorer or
//! time `chronoscope check` on:
//!
//! ```text
//! cargo run --release --example synth -- 100000 /tmp/big.toml
//! chronoscope /tmp/big.toml      # or /tmp/big/ when it was split
//! ```
//!
//! The timeline is the one the benchmarks measure (same generator, same
//! seed). A path ending in `.toml` gets one file while the text fits the
//! loader's per-file limit; past it, or for any other path, a directory of
//! files is written instead, the way a large timeline is kept.

#[path = "../benches/synth/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chronoscope::load::MAX_FILE_BYTES;

const SEED: u64 = 2024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(path)) = (
        args.first()
            .and_then(|s| s.replace('_', "").parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: synth EVENTS PATH   (e.g. synth 100000 /tmp/big.toml)");
        return ExitCode::from(2);
    };
    match write(n, Path::new(path)) {
        Ok(opened) => {
            eprintln!(
                "wrote {n} events; open them with: chronoscope {}",
                opened.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::from(1)
        }
    }
}

/// Writes the timeline and returns the path to open.
fn write(n: usize, path: &Path) -> std::io::Result<PathBuf> {
    let files = synth::files(n, SEED);
    let total: usize = files.iter().map(|(_, t)| t.len()).sum();
    let single = path.extension().is_some_and(|e| e == "toml");
    if single && (total as u64) <= MAX_FILE_BYTES {
        let text: Vec<&str> = files.iter().map(|(_, t)| t.as_str()).collect();
        std::fs::write(path, text.join("\n"))?;
        return Ok(path.to_path_buf());
    }
    let dir = if single {
        path.with_extension("")
    } else {
        path.to_path_buf()
    };
    if single {
        eprintln!(
            "{} MiB is over the {} MiB limit for one timeline file; writing {} files to {} instead",
            total / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024),
            files.len(),
            dir.display()
        );
    }
    std::fs::create_dir_all(&dir)?;
    for (name, text) in &files {
        let file = name.rsplit('/').next().unwrap_or(name);
        std::fs::write(dir.join(file), text)?;
    }
    Ok(dir)
}
