//! Compiles the bundled timeline into the binary: every `*.toml` file under
//! `timelines/`, in sorted order, becomes an `include_str!` entry, so
//! `chronoscope` with no path works from any folder. A `timelines/` that
//! cannot be read, or holds no timeline file, fails the build: a binary
//! without its chronology would open on nothing.

use std::io;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// Every file below `dir` whose name ends in `.ext`.
fn collect(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}

fn main() {
    let (Ok(root), Ok(out)) = (env::var("CARGO_MANIFEST_DIR"), env::var("OUT_DIR")) else {
        println!(
            "cargo::error=build.rs runs under cargo, which sets CARGO_MANIFEST_DIR and OUT_DIR"
        );
        return;
    };
    let root = PathBuf::from(root);
    let dir = root.join("timelines");
    println!("cargo::rerun-if-changed=timelines");
    let mut files = Vec::new();
    if let Err(e) = collect(&dir, "toml", &mut files) {
        println!(
            "cargo::error=cannot read the bundled timeline in {}: {e}",
            dir.display()
        );
        return;
    }
    if files.is_empty() {
        println!(
            "cargo::error=no *.toml file in {}: the bundled timeline is missing",
            dir.display()
        );
        return;
    }
    files.sort();
    let mut code = String::from("&[\n");
    for f in &files {
        println!("cargo::rerun-if-changed={}", f.display());
        let name = f.strip_prefix(&root).unwrap_or(f).display().to_string();
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push(']');
    let out = PathBuf::from(out).join("bundled.rs");
    if let Err(e) = fs::write(&out, code) {
        println!("cargo::error=cannot write {}: {e}", out.display());
    }
    fingerprint(&root);
}

/// A hash of the source the cache's entries are laid out by (the model
/// and the search text, with how the text is folded and sketched, and the
/// entry's layout), so an entry written by one build is never read as
/// another's: `CHRONOSCOPE_MODEL`.
fn fingerprint(root: &Path) {
    use std::hash::{Hash, Hasher};
    let mut files = Vec::new();
    let model = root.join("src").join("model");
    let query = root.join("src").join("query");
    let mut hasher = std::hash::DefaultHasher::new();
    if collect(&model, "rs", &mut files).is_err() {
        println!("cargo::error=cannot read {}", model.display());
        return;
    }
    files.extend(["search_text.rs", "sketch.rs", "terms.rs"].map(|f| query.join(f)));
    files.push(root.join("src").join("cache").join("layout.rs"));
    files.sort();
    for f in &files {
        println!("cargo::rerun-if-changed={}", f.display());
        match fs::read(f) {
            Ok(bytes) => bytes.hash(&mut hasher),
            Err(e) => println!("cargo::error=cannot read {}: {e}", f.display()),
        }
    }
    println!(
        "cargo::rustc-env=CHRONOSCOPE_MODEL={:016x}",
        hasher.finish()
    );
}
