//! Every code block of the README and `docs/` is run or checked by a test: Rust blocks are
//! the bodies of the example functions below (compared line by line, then run); `sh`
//! blocks' `sosmeta …` lines run the CLI with real files in place of the placeholders
//! (the arguments must parse, and the command must do its work); the other commands name
//! scripts, benches and files that must exist; JSON blocks are read as the input they
//! document. The `js` and `html` blocks are checked by `tools/docs-blocks.mjs` (syntax,
//! and every property and method they use exists on the element's types).

use std::path::PathBuf;
use std::process::Command;
use std::rc::Rc;

use yew::prelude::*;

use crate::support::*;

/// A fenced code block: its language tag, text and first line (1-based).
struct Block {
    file: String,
    lang: String,
    text: String,
    line: usize,
}

fn blocks() -> Vec<Block> {
    let mut out = Vec::new();
    for f in doc_files() {
        let name = f.strip_prefix(root()).unwrap().display().to_string();
        let mut open: Option<Block> = None;
        for (i, line) in read(&f).lines().enumerate() {
            match (&mut open, line.strip_prefix("```")) {
                (None, Some(tag)) => {
                    open = Some(Block {
                        file: name.clone(),
                        lang: tag.trim().to_string(),
                        text: String::new(),
                        line: i + 1,
                    })
                }
                (Some(_), Some("")) => out.push(open.take().unwrap()),
                (Some(b), _) => {
                    b.text.push_str(line);
                    b.text.push('\n');
                }
                (None, None) => {}
            }
        }
        assert!(open.is_none(), "{name}: a code block is not closed");
    }
    out
}

/// A block's lines without `//` comments and blank lines, trimmed (how a Rust block is
/// compared with the example function that runs it).
fn code_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| match l.find("// ") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect()
}

// ---- the Rust examples, as the docs write them ----

/// `docs/library.md`'s example.
#[rustfmt::skip]
fn library_example() -> Result<(), Box<dyn std::error::Error>> {
    use sosmeta_editor::{render_bundle, validate, Document, RenderOptions, Rules, Structure};
    let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json")?)?;
    let doc = Document::from_json(&s, &std::fs::read_to_string("tests/data/demo-kertomus.filled.json")?)?;
    let report = validate(&s, &doc, &Rules::default());          // errors = the schema's verdict
    for i in &report.issues { println!("{} {} {}", i.pointer, i.severity().as_str(), i.kind.code()); }
    let opts = RenderOptions { doc_oid: Some("1.2.246.10.1.2026.1".into()), ..Default::default() };
    let bundle = render_bundle(&s, &doc, &Rules::default(), &opts)?;  // Err(Refused) says why not
    let out = std::env::temp_dir().join("sosmeta-library-example");
    std::fs::create_dir_all(&out)?;
    for f in &bundle.files { std::fs::write(out.join(f.name), &f.bytes)?; }  // document.json, .xhtml, metadata, manifest
    assert_eq!(bundle.files.len(), 4);
    Ok(())
}

/// The README's library example.
#[rustfmt::skip]
fn readme_library_example() {
    use sosmeta_editor::{render_bundle, validate, Document, RenderOptions, Rules, Structure};
    let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
    let doc = Document::from_json(&s, &std::fs::read_to_string("tests/data/demo-kertomus.filled.json").unwrap()).unwrap();
    assert!(!validate(&s, &doc, &Rules::default()).has_errors());
    let bundle = render_bundle(&s, &doc, &Rules::default(), &RenderOptions::default()).unwrap();
    for f in &bundle.files { std::fs::write(std::env::temp_dir().join(f.name), &f.bytes).unwrap(); }
}

fn save_draft(json: String) {
    assert!(json.starts_with('{'));
}
fn archive(b: Rc<sosmeta_editor::Bundle>) {
    assert!(!b.files.is_empty());
}

/// The README's and `docs/yew.md`'s Yew example: the `Editor` in a host's view (`text`:
/// the structure's JSON text, as the host fetched it).
#[rustfmt::skip]
fn yew_example(text: String) -> Result<Html, sosmeta_editor::ParseError> {
    let html = {
        use std::rc::Rc;
        use sosmeta_editor::{Bundle, Editor, Lang, Mode, Structure};
        let structure = Rc::new(Structure::from_json(&text)?);        // parse once, share
        html! { <Editor {structure} lang={Lang::Fi} mode={Mode::Edit}
                    on_change={Callback::from(|json: String| save_draft(json))}   // debounced document JSON
                    on_emit={Callback::from(|b: Rc<Bundle>| archive(b))} /> }       // the same four files as the CLI
    };
    Ok(html)
}

/// `docs/yew.md`'s large-document example: the editor's start stepped by the host, then
/// the editor mounted with it.
#[rustfmt::skip]
fn yew_start_example(structure: Rc<sosmeta_editor::Structure>, doc: sosmeta_editor::Document) -> Html {
    use sosmeta_editor::{Editor, EditorProps};
    use sosmeta_editor::{SharedStart, StartInputs};
    let props = yew::props!(EditorProps { structure, document: Some(Rc::new(doc)), progressive: true });
    let start = SharedStart::new(StartInputs::of(&props));   // made for exactly these props
    while start.step() { /* in the host's own tasks: yield to the browser between steps */ }
    html! { <Editor start={start.clone()} ..props /> }       // taken; for other props it starts anew
}

#[derive(Properties, PartialEq)]
struct HostProps {
    text: String,
}

/// A host component around the Yew example.
#[component]
fn YewHost(p: &HostProps) -> Html {
    yew_example(p.text.clone()).unwrap()
}

// ---- the checks ----

#[test]
fn every_rust_block_is_an_example_that_runs() {
    let me = code_lines(include_str!("docs.rs"));
    let mut seen = 0;
    for b in blocks().iter().filter(|b| b.lang.starts_with("rust")) {
        let want = code_lines(&b.text);
        assert!(
            me.windows(want.len()).any(|w| w == want.as_slice()),
            "{}:{}: this Rust block is not one of tests/docs.rs's examples, as written:\n{}",
            b.file,
            b.line,
            b.text
        );
        seen += 1;
    }
    assert!(seen >= 4, "{seen}");
    library_example().unwrap();
    readme_library_example();
    let html = ssr::<YewHost>(HostProps {
        text: read(root().join("structures/demo-kertomus.json")),
    });
    assert!(
        html.contains("sm-form") && html.contains("merkinta"),
        "{html}"
    );
    let s = Rc::new(project("demo-kertomus.json"));
    let d = sosmeta_editor::Document::from_json(
        &s,
        &read(root().join("tests/data/demo-kertomus.filled.json")),
    )
    .unwrap();
    // That the editor takes a start made for its props: tests/ui.rs.
    let html = ssr::<Wrap>(WrapProps {
        html: yew_start_example(s, d),
    });
    assert!(
        html.contains("sm-form") && html.contains("merkinta"),
        "{html}"
    );
}

#[derive(Properties, PartialEq)]
struct WrapProps {
    html: Html,
}

/// Renders given markup (a documented example's `html!`).
#[component]
fn Wrap(p: &WrapProps) -> Html {
    p.html.clone()
}

/// The files a documented command line's placeholders stand for.
struct Places {
    dir: PathBuf,
    /// A structure and a document that fit the Kanta sample's context and markings.
    subject: Subject,
}

impl Places {
    fn new() -> Places {
        let dir = std::env::temp_dir().join(format!("sosmeta-docs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("ARCHIVE")).unwrap();
        std::fs::create_dir_all(dir.join("OLD")).unwrap();
        let subject = subject();
        // The Kanta sample's markings with a delay that is still ahead (the CLI's day is
        // the machine's).
        std::fs::write(
            dir.join("markings.json"),
            read(root().join("tests/data/kanta-sample.markings.json"))
                .replace("\"until\": \"2026-04-23\"", "\"until\": \"2099-04-23\""),
        )
        .unwrap();
        std::fs::copy(&subject.document, dir.join("ARCHIVE/a.json")).unwrap();
        let p = Places { dir, subject };
        // An archived version to unpack, correct and invalidate (OLD/…).
        let out = p.run(&[
            "cda",
            &p.file("S.json"),
            &p.file("DOC.json"),
            "--out",
            &p.dir.join("OLD").display().to_string(),
            "--context",
            &p.file("C.json"),
            "--markings",
            &p.file("M.json"),
            "--doc-oid",
            "1.2.246.10.2012566.95.2026.688883.2655274",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        p
    }

    /// The real file (or value) for one placeholder token; others are kept.
    fn file(&self, token: &str) -> String {
        let data = |f: &str| root().join(f).display().to_string();
        match token {
            "STRUCTURE.json" | "S.json" => self.subject.structure.display().to_string(),
            "DOC.json" | "OLD.json" | "NEW.json" | "more.json" => {
                self.subject.document.display().to_string()
            }
            "C.json" | "context.json" => data("tests/data/kanta-sample.context.json"),
            "M.json" | "markings.json" => self.dir.join("markings.json").display().to_string(),
            "DIR" => self.dir.join("out").display().to_string(),
            "ARCHIVE/" => self.dir.join("ARCHIVE").display().to_string(),
            t if t.starts_with("OLD/") => self.dir.join(t).display().to_string(),
            t => t.to_string(),
        }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_sosmeta"));
        c.args(args).current_dir(root());
        if args.contains(&"-") {
            let mut child = c
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(self.subject.json.as_bytes())
                .unwrap();
            return child.wait_with_output().unwrap();
        }
        c.output().unwrap()
    }
}

/// One documented `sosmeta …` line as arguments: its comment dropped, `[optional]` parts
/// kept, the first of `a|b|c`, the placeholders made real.
fn command_args(line: &str, p: &Places) -> Vec<String> {
    let code = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let code = code.replace(['[', ']'], "");
    let mut out: Vec<String> = Vec::new();
    for t in code.split_whitespace().skip(1) {
        let t = t.split('|').next().unwrap();
        let t = match (out.last().map(String::as_str), t) {
            (Some("--today"), "D") => "2026-11-22".to_string(),
            (Some("--markings"), "F" | "FILE") => p.file("M.json"),
            (Some("--rules"), "FILE") => root()
                .join("rules/demo-kertomus.rules.json")
                .display()
                .to_string(),
            (Some("--jobs"), "N") => "2".to_string(),
            _ => p.file(t),
        };
        out.push(t);
    }
    out
}

#[test]
fn every_sh_block_names_what_exists_and_every_cli_line_runs() {
    let p = Places::new();
    let mut ran = 0;
    for b in blocks().iter().filter(|b| b.lang == "sh") {
        for (i, line) in b.text.lines().enumerate() {
            let at = format!("{}:{}: {line}", b.file, b.line + 1 + i);
            let cmd = line.trim();
            if cmd.is_empty() || cmd.starts_with('#') {
                continue;
            }
            if cmd.starts_with("sosmeta ") {
                if cmd.contains("../shared/") && shared().is_none() {
                    assert!(
                        std::env::var("CI").as_deref() != Ok("true"),
                        "{at}: ../shared is missing"
                    );
                    println!("NOTICE: {at}: skipped, needs ../shared");
                    continue;
                }
                let args = command_args(cmd, &p);
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let out = p.run(&args);
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(
                    !err.contains("Usage:"),
                    "{at}: the CLI does not take this line:\n{err}"
                );
                // The command does its work: 0, or 1 (issues found, no bundle, differences);
                // 2 (an input it refuses) only where the line says a 2 can come.
                let code = out.status.code().unwrap_or(-1);
                let says_2 = line.contains("exit 2") || line.contains(" 2 with");
                assert!(
                    code == 0 || code == 1 || (code == 2 && says_2),
                    "{at}: exit {code}\n{err}"
                );
                ran += 1;
            } else {
                // Everything else names a script, a cargo target or the npm package.
                for part in cmd.split("&&").map(str::trim) {
                    let words: Vec<&str> = part.split_whitespace().collect();
                    match words.as_slice() {
                        [s, ..] if s.starts_with("scripts/") => {
                            use std::os::unix::fs::PermissionsExt;
                            let m = std::fs::metadata(root().join(s))
                                .unwrap_or_else(|_| panic!("{at}: no {s}"));
                            assert!(
                                m.permissions().mode() & 0o111 != 0,
                                "{at}: {s} is not executable"
                            );
                        }
                        ["cargo", "build", "--release", ..] => {}
                        ["cargo", "bench", "--bench", name, rest @ ..] => {
                            let src = read(root().join(format!("benches/{name}.rs")));
                            for flag in rest.iter().filter(|f| f.starts_with("--") && **f != "--") {
                                assert!(
                                    src.contains(&format!("\"{flag}\"")),
                                    "{at}: benches/{name}.rs takes no {flag}"
                                );
                            }
                        }
                        ["npm", "install", tgz] => {
                            let want = format!("sosmeta-editor-{}.tgz", env!("CARGO_PKG_VERSION"));
                            assert!(tgz.ends_with(&want), "{at}: the package is {want}");
                        }
                        _ => panic!("{at}: a command this test does not know how to check"),
                    }
                }
            }
        }
    }
    assert!(ran >= 20, "{ran} CLI lines");
    let _ = std::fs::remove_dir_all(&p.dir);
}

#[test]
fn every_json_block_is_read_as_the_input_it_documents() {
    let mut seen = 0;
    for b in blocks().iter().filter(|b| b.lang == "json") {
        let at = format!("{}:{}", b.file, b.line);
        if b.file.ends_with("cda.md") {
            sosmeta_editor::HostContext::from_json(&b.text).unwrap_or_else(|e| panic!("{at}: {e}"));
        } else if b.file.ends_with("restrictions.md") {
            sosmeta_editor::Markings::from_json(&b.text).unwrap_or_else(|e| panic!("{at}: {e}"));
        } else {
            panic!("{at}: a JSON block this test does not know the type of");
        }
        seen += 1;
    }
    assert!(seen >= 2);
}

/// The languages of the docs' blocks are the ones checked here, by
/// `tools/docs-blocks.mjs` (`js`, `html`) or by `tools/package-e2e.mjs` (`csp`: the policy
/// its hosts are served under is read from the block), both run by `scripts/test`.
#[test]
fn every_block_has_a_checker() {
    for b in blocks() {
        assert!(
            [
                "rust",
                "rust,ignore",
                "sh",
                "json",
                "js",
                "html",
                "csp",
                "text"
            ]
            .contains(&b.lang.as_str()),
            "{}:{}: a `{}` block nothing checks",
            b.file,
            b.line,
            b.lang
        );
    }
    assert!(read(root().join("scripts/test")).contains("tools/docs-blocks.mjs"));
    assert!(read(root().join("tools/package-e2e.mjs")).contains("```csp"));
}

/// A `text` block is a map of the sources: every `src/…` path it names exists.
#[test]
fn every_text_block_names_files_that_exist() {
    let mut named = 0;
    for b in blocks().iter().filter(|b| b.lang == "text") {
        for word in b.text.split_whitespace().filter(|w| w.starts_with("src/")) {
            let w = word.trim_end_matches([',', '.', ')', ':']);
            assert!(
                root().join(w).exists(),
                "{}:{}: {w} does not exist",
                b.file,
                b.line
            );
            named += 1;
        }
    }
    assert!(named >= 10, "{named}");
}

/// Every relative link of the README and `docs/` leads to a file that exists (and, with a
/// `#fragment`, to a heading of it): a newcomer following the front door never lands on
/// nothing.
#[test]
fn every_relative_link_leads_somewhere() {
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").unwrap();
    let mut files = doc_files();
    files.push(root().join("CHANGELOG.md"));
    let mut checked = 0;
    for f in &files {
        let text = read(f);
        for c in link.captures_iter(&text) {
            let target = &c[1];
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((p, frag)) => (p, Some(frag)),
                None => (target, None),
            };
            let dest = if path.is_empty() {
                f.clone()
            } else {
                f.parent().unwrap().join(path)
            };
            assert!(dest.exists(), "{}: {target} does not exist", f.display());
            if let Some(frag) = fragment {
                // GitHub's heading anchors: lowercase, spaces to '-', punctuation dropped.
                let anchors: Vec<String> = read(&dest)
                    .lines()
                    .filter(|l| l.starts_with('#'))
                    .map(|l| {
                        l.trim_start_matches('#')
                            .trim()
                            .to_lowercase()
                            .chars()
                            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
                            .map(|c| if c == ' ' { '-' } else { c })
                            .collect()
                    })
                    .collect();
                assert!(
                    anchors.iter().any(|a| a == frag),
                    "{}: {target}: no such heading in {}",
                    f.display(),
                    dest.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} links");
}
