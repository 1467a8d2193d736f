//! Writes a large synthetic timeline to disk, to open in the explorer or
//! time `chronoscope check` on:
//!
//! ```text
//! cargo run --release --example synth -- 100000 /tmp/big.toml
//! chronoscope /tmp/big.toml      # or /tmp/big/ when it was split
//! ```
//!
//! With `--log FILE`, the same events are written to FILE as a log as
//! well, one line each (`2014-12-16T00:00:00Z [actors] title: summary
//! details`), for tools that read logs, such as lnav, to open the same
//! events (`benches/compare.sh`).
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
        eprintln!("usage: synth EVENTS PATH [--log FILE]   (e.g. synth 100000 /tmp/big.toml)");
        return ExitCode::from(2);
    };
    let log = match &args[2..] {
        [] => None,
        [flag, file] if flag == "--log" => Some(Path::new(file)),
        _ => {
            eprintln!("usage: synth EVENTS PATH [--log FILE]");
            return ExitCode::from(2);
        }
    };
    let written = write(n, Path::new(path)).and_then(|opened| {
        if let Some(log) = log {
            write_log(&opened, log)?;
        }
        Ok(opened)
    });
    match written {
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

/// The events at `opened` as a log, one line each in date order, as
/// chronoscope loads them.
fn write_log(opened: &Path, log: &Path) -> std::io::Result<()> {
    use std::io::Write as _;
    let inputs = chronoscope::load::read_paths(&[opened.to_path_buf()])
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let t = chronoscope::load::load(inputs).timeline;
    let mut out = std::io::BufWriter::new(std::fs::File::create(log)?);
    let flat = |s: &str| s.replace('\n', " ");
    for e in &t.events {
        let actors: Vec<&str> = e
            .actors
            .iter()
            .map(|&a| t.actors[a].short.as_str())
            .collect();
        writeln!(
            out,
            "{}T00:00:00Z [{}] {}: {} {}",
            e.date.first_day(),
            actors.join(","),
            flat(&e.title),
            flat(&e.summary),
            flat(&e.details)
        )?;
    }
    out.flush()
}
