//! The layers of `src/` (issue 13, "clean layers"): a module imports only from layers
//! below its own, so no module imports from above and none import each other in a circle.
//! The order is written once here and in docs/architecture.md's module map.

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
    // `crate::{a::{b, c}, d}`: the top-level names of the group, nested groups skipped.
    for (start, _) in code.match_indices("crate::{") {
        let mut depth = 0usize;
        let mut item = String::new();
        for c in code[start + "crate::".len()..].chars() {
            match c {
                '{' => {
                    depth += 1;
                    continue;
                }
                '}' => depth -= 1,
                ',' if depth == 1 => {}
                _ => {
                    if depth == 1 {
                        item.push(c);
                    }
                    continue;
                }
            }
            let name: String = item
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
            item.clear();
            if depth == 0 {
                break;
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
        // Nested groups (issue 23: the old reader stopped at the first `}`).
        (
            "restrict".to_string(),
            "use crate::{document::{Document, Item}, emit};".to_string(),
        ),
    ];
    assert_eq!(
        violations(&files),
        [
            ("emit".to_string(), "lint".to_string()),
            ("json".to_string(), "model".to_string()),
            ("model".to_string(), "view".to_string()),
            ("restrict".to_string(), "emit".to_string()),
        ]
    );
}

/// The widgets draw and send what the person did (callbacks); the reducer and its actions
/// are the form's and the Editor's (issue 23: "CorrectionPanel takes the reducer").
const WIDGETS: [&str; 4] = [
    "correction.rs",
    "markings.rs",
    "drawing.rs",
    "field_edit.rs",
];

#[test]
fn widgets_do_not_take_the_reducer() {
    for w in WIDGETS {
        let code: String = read(root().join("src/view").join(w))
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for word in [
            "Action",
            "UseReducerDispatcher",
            "UseReducerHandle",
            "EditorState",
        ] {
            assert!(!code.contains(word), "{w} refers to {word}");
        }
    }
}

/// "Kyllä/Ei once" (issue 23): the yes/no words are in `lang::yes_no` and nowhere else in
/// the library's code (tests and comments aside).
#[test]
fn yes_and_no_are_written_once() {
    // Displayed words (the prose reader's lowercase "kyllä"/"ei" are what it reads).
    let words = ["\"Kyllä\"", "\"Ei\"", "\"Ja\"", "\"Nej\""];
    let mut found = Vec::new();
    let mut files = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    walk(&root().join("src"), &mut files);
    for f in files {
        if f.ends_with("src/lang.rs") {
            continue;
        }
        let text = read(&f);
        // Library code only: a file's unit tests follow its `#[cfg(test)]`.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let l = line.trim_start();
            if l.starts_with("//") {
                continue;
            }
            if words.iter().any(|w| line.contains(w)) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, l));
            }
        }
    }
    assert!(
        found.is_empty(),
        "yes/no words outside lang::yes_no:\n{}",
        found.join("\n")
    );
}

/// "One XML writer serves the display form and the envelope" (issue 23): markup is written
/// by `emit::xml` alone.
#[test]
fn one_xml_writer() {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("emit/xml.rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join("src"), &mut files);
    let mut found = Vec::new();
    for f in files {
        for (n, line) in read(&f).lines().enumerate() {
            if line.contains("push_str(\"<") || line.contains("push('<')") {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "markup written outside emit::xml:\n{}",
        found.join("\n")
    );
}

/// "History lives in git and `CHANGELOG.md`: no "issue N" in `src/` comments" (issue 25).
/// Every file of `src/`, the CLI's included.
#[test]
fn no_tracker_history_in_the_sources() {
    let re = regex::Regex::new(r"\b[Ii]ssue \d+\b").unwrap();
    // "… or in the docs": the README, docs/ and the changelog too.
    let mut files = files_under(&root().join("src"), &["rs"]);
    files.extend(doc_files());
    files.push(root().join("CHANGELOG.md"));
    let mut found = Vec::new();
    for p in files {
        for (i, line) in read(&p).lines().enumerate() {
            if re.is_match(line) {
                found.push(format!("{}:{}: {line}", p.display(), i + 1));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// "`lib.rs` is the API … have tests, docs and the CLI import from the crate root" (issue
/// 25's words; boon's shape in STYLE.md): the CLI, the benchmarks, the fuzz targets, the
/// README, `docs/` and the examples in the library's own docs name only items of the crate
/// root (and the strict JSON reader, `json`, the one public module). The test suite may
/// reach inside (feature `internals`); nothing a host reads does.
#[test]
fn hosts_import_only_from_the_crate_root() {
    let lib = read(root().join("src/lib.rs"));
    let private: Vec<&str> = lib
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.ends_with(',')
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == ',')
        })
        .map(|l| l.trim_end_matches(','))
        .collect();
    assert!(
        private.contains(&"validate") && private.contains(&"view") && !private.contains(&"json"),
        "the module list in lib.rs changed shape: {private:?}"
    );
    let mut files = Vec::new();
    for (dir, exts) in [
        ("src/bin", &["rs"][..]),
        ("benches", &["rs"]),
        ("fuzz/fuzz_targets", &["rs"]),
        ("fuzz/common", &["rs"]),
    ] {
        files.extend(files_under(&root().join(dir), exts));
    }
    files.extend(doc_files());
    let mut texts: Vec<(String, String, bool)> = files
        .iter()
        .map(|p| (p.display().to_string(), read(p), false))
        .collect();
    // The doc examples (`///` and `//!` lines) of the library's public items.
    texts.extend(
        files_under(&root().join("src"), &["rs"])
            .iter()
            .map(|p| (p.display().to_string(), read(p), true)),
    );
    let found = deep_imports(&private, &texts);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The lines of `files` (name, text, whether a library source: only its doc comments
/// count) that name an item through one of the `private` modules.
fn deep_imports(private: &[&str], files: &[(String, String, bool)]) -> Vec<String> {
    let deep = regex::Regex::new(r"sosmeta_editor::([a-z_]+)::").unwrap();
    // Doc examples of items only the crate itself uses may name their module (they are
    // run with the test suite's `internals`); none of them is an item at the root.
    let internal_examples = ["hetu::", "context::ArchivedVersion", "restrict::", "time::"];
    let mut found = Vec::new();
    for (name, text, in_src) in files {
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if *in_src
                && (!(t.starts_with("///") || t.starts_with("//!"))
                    || internal_examples
                        .iter()
                        .any(|x| line.contains(&format!("sosmeta_editor::{x}"))))
            {
                continue;
            }
            if deep.captures_iter(line).any(|c| private.contains(&&c[1])) {
                found.push(format!("{name}:{}: {line}", i + 1));
            }
        }
    }
    found
}

/// The test above catches a host-facing file that reaches into a module, and lets the
/// crate-root form and the public `json` module through.
#[test]
fn a_deep_import_in_a_host_file_is_caught() {
    let host = |text: &str| vec![("host.rs".to_string(), text.to_string(), false)];
    let private = ["validate", "view"];
    assert_eq!(
        deep_imports(&private, &host("use sosmeta_editor::validate::Rules;")),
        ["host.rs:1: use sosmeta_editor::validate::Rules;"]
    );
    assert!(deep_imports(&private, &host("use sosmeta_editor::{validate, Rules};")).is_empty());
    assert!(deep_imports(&private, &host("let v = sosmeta_editor::json::parse(t);")).is_empty());
    // In a library source only doc comments count.
    let src = |text: &str| vec![("lib.rs".to_string(), text.to_string(), true)];
    assert!(deep_imports(&private, &src("use sosmeta_editor::validate::Rules;")).is_empty());
    assert_eq!(
        deep_imports(&private, &src("/// use sosmeta_editor::validate::Rules;")).len(),
        1
    );
}

/// The stylesheet's selectors with a bare `*` before a sibling combinator (`* + *`,
/// `* ~ .x`; `legend + *` is fine: its left side names a type). In Chromium such a rule
/// makes every insertion of a node under the form restyle the form's whole subtree
/// (trace: "Invalidation set invalidates subtree FORM … .sm-item > * + *"): drawing a
/// 16 MiB structure restyled all of its 18 000–44 000 elements in each step, 73–228 ms a
/// step (docs/performance.md, 2026-12-04). `:not(:first-child)` selects the same children
/// and invalidates only the old first child when a node goes in front of it.
fn universal_sibling_rules(css: &str) -> Vec<String> {
    let mut found = Vec::new();
    // Comments out, then every selector of every rule.
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    for rule in text.split('}') {
        let Some((selectors, _)) = rule.split_once('{') else {
            continue;
        };
        for selector in selectors.split(',') {
            let tokens: Vec<&str> = selector.split_whitespace().collect();
            if tokens
                .windows(2)
                .any(|w| w[0].ends_with('*') && (w[1] == "+" || w[1] == "~"))
            {
                found.push(selector.trim().to_string());
            }
        }
    }
    found
}

#[test]
fn the_stylesheet_has_no_universal_sibling_rules() {
    let css = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("static/sosmeta-editor.css"),
    )
    .expect("static/sosmeta-editor.css");
    assert_eq!(universal_sibling_rules(&css), Vec::<String>::new());
}

/// The check above finds the rule it is about, in a list and after a comment.
#[test]
fn a_universal_sibling_rule_is_caught() {
    let css = "/* a { } */ .a > :not(:first-child) { margin: 0 }\n.b > legend + *, .sm-item > * + * { margin-top: .75rem; }";
    assert_eq!(universal_sibling_rules(css), [".sm-item > * + *"]);
    assert!(universal_sibling_rules(".x > legend + * {}").is_empty());
    assert_eq!(universal_sibling_rules(".x > * ~ p {}"), [".x > * ~ p"]);
}
