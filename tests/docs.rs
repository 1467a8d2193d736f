//! The documents' promises point at tests that exist: every `module::test`
//! that SECURITY.md names as keeping a promise is a test function in the
//! suite, so renaming or deleting one cannot silently orphan a promise.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, read.
fn sources(dir: &Path, out: &mut String) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_test_security_md_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join("SECURITY.md")).unwrap();
    let mut code = String::new();
    sources(&root.join("src"), &mut code);
    sources(&root.join("tests"), &mut code);
    let named: Vec<&str> = doc
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains("::")
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || "_:".contains(c))
        })
        .collect();
    assert!(
        named.len() > 40,
        "SECURITY.md names its tests: {}",
        named.len()
    );
    let missing: Vec<&str> = named
        .iter()
        .copied()
        .filter(|n| {
            let f = n.rsplit("::").next().unwrap();
            !code.contains(&format!("fn {f}("))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "SECURITY.md names tests that do not exist: {missing:?}"
    );
}
