//! The layers of `src/` (issue 13, "clean layers"): a module imports only from layers
//! below its own, so no module imports from above and none import each other in a circle.
//! The order is written once here and in the README's module map.

use std::path::Path;

use crate::support::*;

/// Lowest first. Modules of one layer may not import each other; the first layer (the
/// leaves) imports nothing from the crate.
const LAYERS: &[&[&str]] = &[
    &["lang", "json", "hetu", "time"],
    &["model"],
    &["document", "codes", "context"],
    &["validate"],
    &["restrict"],
    &["assess"],
    &["resolve"],
    &["emit", "lint"],
    &["messages"],
    &["view"],
    &["element"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The crate modules a source text refers to (`crate::x`, `crate::{x, y::z}`), outside
/// comments.
fn references(source: &str) -> Vec<String> {
    let code: String = source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let single = regex::Regex::new(r"crate::([a-z_][a-z0-9_]*)").unwrap();
    for c in single.captures_iter(&code) {
        out.push(c[1].to_string());
    }
    let group = regex::Regex::new(r"crate::\{([^}]*)\}").unwrap();
    let head = regex::Regex::new(r"^\s*([a-z_][a-z0-9_]*)").unwrap();
    for c in group.captures_iter(&code) {
        for part in c[1].split(',') {
            if let Some(h) = head.captures(part) {
                out.push(h[1].to_string());
            }
        }
    }
    out
}

/// Every import from the same layer or a layer above: `(module, imported)`.
fn violations(files: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (module, source) in files {
        let Some(own) = rank(module) else {
            out.push((module.clone(), "<module missing from LAYERS>".into()));
            continue;
        };
        for r in references(source) {
            if r == *module {
                continue;
            }
            match rank(&r) {
                Some(theirs) if theirs < own => {}
                // The same layer, a layer above, or a name no layer lists.
                _ => out.push((module.clone(), r)),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// `(top-level module, source)` for every file under `src/` except `lib.rs` and `bin/`.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, top: Option<&str>, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                if top.is_none() && name == "bin" {
                    continue;
                }
                walk(&p, Some(top.unwrap_or(&name)), out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                if top.is_none() && name == "lib" {
                    continue;
                }
                out.push((top.unwrap_or(&name).to_string(), read(&p)));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src"), None, &mut out);
    out
}

#[test]
fn modules_import_only_from_layers_below() {
    let files = sources();
    assert!(files.len() > 30, "read src/: {} files", files.len());
    let v = violations(&files);
    assert!(
        v.is_empty(),
        "imports against the layer order (module, imported): {v:?}"
    );
}

/// The test of the test: a back-import and a same-layer import are caught.
#[test]
fn a_back_import_is_caught() {
    let files = vec![
        ("model".to_string(), "use crate::view::Editor;".to_string()),
        (
            "emit".to_string(),
            "use crate::{lang::Lang, lint::lint};".to_string(),
        ),
        (
            "json".to_string(),
            "fn f() { crate::model::is_oid(\"1.2\"); }".to_string(),
        ),
        (
            "validate".to_string(),
            "// crate::view in a comment is fine\nuse crate::document::X;".to_string(),
        ),
    ];
    assert_eq!(
        violations(&files),
        [
            ("emit".to_string(), "lint".to_string()),
            ("json".to_string(), "model".to_string()),
            ("model".to_string(), "view".to_string()),
        ]
    );
}
