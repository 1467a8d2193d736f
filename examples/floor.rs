//! The floor `chronoscope check` is measured against: the toml crate's
//! own parse (`DeTable::parse`) of every `*.toml` file in a folder, the
//! files shared out over THREADS threads, as a whole process, so that
//! `benches/compare.sh` can time the two side by side:
//!
//! ```text
//! cargo run --release --example floor -- /tmp/big 2
//! ```
//!
//! It reads the files, parses each, drops the trees and prints how many
//! files parsed; it validates nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(threads)) = (
        args.first().map(PathBuf::from),
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: floor DIR THREADS");
        return ExitCode::from(2);
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            eprintln!("floor: {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    files.sort();
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
        eprintln!("floor: cannot start {threads} threads");
        return ExitCode::from(2);
    };
    let parsed = pool.install(|| {
        files
            .par_iter()
            .filter(|path| {
                std::fs::read_to_string(path)
                    .ok()
                    .is_some_and(|text| toml::de::DeTable::parse(&text).is_ok())
            })
            .count()
    });
    println!("{parsed} of {} files parsed", files.len());
    ExitCode::from(u8::from(parsed != files.len()))
}
