//! Shared test helpers: fixture paths, the real corpus, golden files, XHTML checks.

use std::path::{Path, PathBuf};

use sosmeta_editor::Document;
use sosmeta_editor::Structure;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(p: impl AsRef<Path>) -> String {
    let p = p.as_ref();
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// A project structure from `structures/`.
/// Every file under `dir` (recursively) whose name ends with `.` + one of `exts`, sorted;
/// none when `dir` is missing.
pub fn files_under(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if exts
                .iter()
                .any(|x| p.to_string_lossy().ends_with(&format!(".{x}")))
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// What a reader of the project's docs reads: the README, then `docs/*.md` by name.
pub fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    files.extend(files_under(&root().join("docs"), &["md"]));
    files
}

pub fn project(name: &str) -> Structure {
    Structure::from_json(&read(root().join("structures").join(name))).unwrap()
}

pub fn doc(s: &Structure, path: &str) -> Document {
    Document::from_json(s, &read(root().join(path))).unwrap()
}

/// `../shared` beside the project, when present. With `CI=true` its absence fails the test.
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("..").join("shared");
    // SOSMETA_WITHOUT_SHARED=1 runs the tests as a machine without ../shared would (to see
    // that what must run everywhere does).
    let hidden = std::env::var("SOSMETA_WITHOUT_SHARED").as_deref() == Ok("1");
    if dir.join("sosmeta").join("structures").is_dir() && !hidden {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but ../shared/sosmeta/structures is missing: the real corpus is required in CI");
    }
    eprintln!("NOTICE: ../shared/sosmeta/structures not found; skipping tests on the real corpus");
    None
}

/// Every real structure file, sorted by name.
pub fn corpus() -> Vec<PathBuf> {
    let Some(dir) = shared() else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("sosmeta/structures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 167, "expected the 167 real structures");
    v
}

/// A real structure by OID, when the corpus is present.
pub fn real(oid: &str) -> Option<(Structure, serde_json::Value)> {
    let dir = shared()?;
    let text = read(dir.join("sosmeta/structures").join(format!("{oid}.json")));
    Some((
        Structure::from_json(&text).unwrap(),
        serde_json::from_str(&text).unwrap(),
    ))
}

/// The independent validator: the `jsonschema` crate, draft 7.
pub fn oracle(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::draft7::new(schema).expect("schema compiles in jsonschema")
}

/// Parses XHTML with an XML parser and checks it carries no active content.
pub fn assert_safe_xhtml(x: &str) {
    let doc =
        roxmltree::Document::parse(x).unwrap_or_else(|e| panic!("XHTML not well-formed: {e}\n{x}"));
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(
            !matches!(
                name,
                "script" | "style" | "iframe" | "object" | "embed" | "img" | "link" | "a"
            ),
            "active element <{name}>"
        );
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "event attribute {}", a.name());
            assert!(
                !matches!(a.name(), "href" | "src" | "style"),
                "reference attribute {}",
                a.name()
            );
        }
    }
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.w3.org/1999/xhtml")
    );
}

/// Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it instead.
pub fn golden(name: &str, actual: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "golden file {} missing; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "\n{name} differs from golden (UPDATE_GOLDEN=1 to accept)\n{}\nEXPECTED:\n{expected}\n{}\nACTUAL:\n{actual}\n{}\n",
            "=".repeat(60),
            "-".repeat(60),
            "=".repeat(60)
        );
    }
}

/// Renders a component to HTML natively (yew `ssr`, not hydratable).
pub fn ssr<C: yew::BaseComponent>(props: C::Properties) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    local.block_on(
        &rt,
        yew::LocalServerRenderer::<C>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// Markings with the guardian mark "shown to the guardian", decided (sample clients may be
/// minors: their documents need the mark before a bundle is made).
/// The host says the client is an adult (a document that tells no client age is otherwise
/// a possible minor's: issue 15).
pub fn adult_client() -> sosmeta_editor::Markings {
    sosmeta_editor::Markings {
        host: sosmeta_editor::HostFacts {
            client_adult: true,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Shown to the guardian, with the header's code for it: consent code 1 ("voidaan
/// luovuttaa huoltajille … koska alaikäinen ei kiellä", the Kanta sample) — a minor's mark
/// without a code cannot go into the header (issue 22).
pub fn disclosed_to_guardian() -> sosmeta_editor::Markings {
    use sosmeta_editor::{Coded, GuardianMark, Markings, ProposalState};
    Markings {
        guardian: Some(GuardianMark {
            disclosed: true,
            minor_decision: Some(Coded {
                code: "1".into(),
                display: "Alaikäinen ei kiellä luovuttamista".into(),
            }),
            justification: String::new(),
            proposal: ProposalState::Decided,
        }),
        ..Markings::default()
    }
}

/// The OmaKanta display states the policy tables run over: shown, a delay already over
/// (1.1.2026), a delay to come (1.3.2027), not shown — each with reason code 1.
pub fn omakanta_states() -> Vec<sosmeta_editor::OmaKanta> {
    use sosmeta_editor::{Coded, OmaKanta};
    let reason = || {
        Some(Coded {
            code: "1".into(),
            display: "Vaaraa asiakkaan terveydelle tai kehitykselle".into(),
        })
    };
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    vec![
        OmaKanta::Shown,
        OmaKanta::Delayed {
            until: day(2026, 1, 1),
            reason: reason(),
            justification: "x".into(),
        },
        OmaKanta::Delayed {
            until: day(2027, 3, 1),
            reason: reason(),
            justification: "x".into(),
        },
        OmaKanta::NotShown {
            reason: reason(),
            justification: "x".into(),
        },
    ]
}

/// The guardian decisions the policy tables run over, made with `mark(disclosed, state)`:
/// none, disclosed, not disclosed (decided, pending, confirmed, rejected).
pub fn guardian_marks<M>(
    mark: impl Fn(bool, sosmeta_editor::ProposalState) -> Option<M>,
) -> Vec<Option<M>> {
    use sosmeta_editor::ProposalState::*;
    vec![
        None,
        mark(true, Decided),
        mark(false, Decided),
        mark(false, Pending),
        mark(false, Confirmed),
        mark(false, Rejected),
    ]
}

/// Runs the `sosmeta` CLI with `args` (no stdin).
pub fn run_cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(args)
        .output()
        .unwrap()
}

/// The Kanta sample's whole host context (`tests/data/kanta-sample.context.json`) made to
/// fit any structure: its general document type named as the structure names it.
pub fn full_context(s: &Structure) -> sosmeta_editor::HostContext {
    let mut c = sosmeta_editor::HostContext::from_json(&read(
        root().join("tests/data/kanta-sample.context.json"),
    ))
    .unwrap();
    if let Some(t) = &s.meta.document_type {
        c.document_type.as_mut().unwrap().display_name = t.trim().to_string();
    }
    c
}

/// The two payloads (XHTML, JSON) a CDA envelope's `nonXMLBody` carries, decoded.
pub fn cda_payloads(xml: &str) -> (Vec<u8>, Vec<u8>) {
    use base64::Engine;
    let doc = roxmltree::Document::parse(xml).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name("nonXMLBody"))
        .unwrap();
    let decode = |name: &str| {
        let t = body
            .children()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap();
        base64::engine::general_purpose::STANDARD.decode(t).unwrap()
    };
    (decode("text"), decode("json"))
}

/// A minimal document of `s` that satisfies the structure's own rules.
pub fn minimal_sample(s: &Structure) -> Document {
    use sosmeta_editor::{sample_satisfying, with_structure_rules};
    let rules = with_structure_rules(s, sosmeta_editor::Rules::default(), Default::default());
    sample_satisfying(s, sosmeta_editor::SampleMode::Minimal, &rules)
}

/// An empty editor state for `s` on 30.11.2026 (Finnish, no markings, no host rules).
pub fn editor_state(s: &Structure) -> sosmeta_editor::view::state::EditorState {
    sosmeta_editor::view::state::EditorState::new(
        std::rc::Rc::new(s.clone()),
        std::rc::Rc::new(sosmeta_editor::Rules::default()),
        Document::default(),
        sosmeta_editor::Lang::Fi,
        Default::default(),
        sosmeta_editor::Context {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        },
    )
}

/// The command succeeded (exit 0); its stderr is the message when not.
pub fn assert_success(o: &std::process::Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A fresh scratch folder for one test: `sosmeta-NAME-PID` in the temp dir, emptied of an
/// earlier run's files.
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sosmeta-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A code from the host's list 1.2.246.537.6.1286.201901 for a minor's refusal: the public
/// sources give code 1 only ("voidaan luovuttaa … koska alaikäinen ei kiellä"), so a
/// non-disclosure's code is the host's (issue 22: the header needs one).
pub fn host_refusal_code() -> sosmeta_editor::Coded {
    sosmeta_editor::Coded {
        code: "3".into(),
        display: "Alaikäinen kieltää asiakirjan luovuttamisen huoltajille".into(),
    }
}

/// The host context's client made the document's own: its first client's henkilötunnus,
/// the birth date read from it (the markings' own birth date, which the Kanta sample's
/// file gives, goes with it). A header names the document's client, or the bundle is
/// refused (issue 22); a sample document's client is not the Kanta sample's.
pub fn client_of(s: &Structure, doc: &Document, opts: &mut sosmeta_editor::RenderOptions) {
    let ours = sosmeta_editor::restrict::client_identifiers(s, doc);
    if let (Some(c), Some(hetu)) = (
        opts.host.as_mut().and_then(|h| h.client.as_mut()),
        ours.first(),
    ) {
        c.id.extension = hetu.clone();
        c.birth_date = None;
        opts.markings.host.client_birth_date = None;
    }
}

/// The display form of the document `v` with the turvakielto redactions of `m`.
pub fn redacted_display(
    s: &Structure,
    v: &serde_json::Value,
    m: &sosmeta_editor::Markings,
) -> String {
    let d = Document::from_value(s, v).unwrap();
    let red = sosmeta_editor::restrict::turvakielto_redactions(s, &d, m);
    sosmeta_editor::write_xhtml(s, &d, &red, &sosmeta_editor::XhtmlOptions::default())
}

/// The real structure of the Kanta sample (the 15007 plan).
pub const ENVELOPE_OID: &str = "1.2.246.537.6.1506.15007.2024.11.28";

/// What the envelope tests run on: the real 15007 structure and the Kanta sample's
/// structured form, else (no `../shared`, outside CI: `shared()` says so) the project's demo
/// structure made a "Suunnitelma" and its filled document made the sample client's — so the
/// envelope tests run everywhere (issue 23); only the element-by-element comparison with the
/// real skeleton needs `../shared`.
pub struct Subject {
    pub s: sosmeta_editor::Structure,
    pub structure: std::path::PathBuf,
    pub document: std::path::PathBuf,
    pub json: String,
}

pub fn subject() -> Subject {
    if let Some(dir) = shared() {
        let document = dir.join("kanta-samples/lapsiperheiden-asiakassuunnitelma.structured.json");
        return Subject {
            s: real(ENVELOPE_OID).unwrap().0,
            structure: dir.join(format!("sosmeta/structures/{ENVELOPE_OID}.json")),
            json: read(&document),
            document,
        };
    }
    // A folder of its own per call: tests run in parallel, and `scratch` empties its folder.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = scratch(&format!("cda-fixture-{n}"));
    let text = read(root().join("structures/demo-kertomus.json")).replacen(
        "\"documentType\": \"Asiakaskertomusmerkintä\"",
        "\"documentType\": \"Suunnitelma\"",
        1,
    );
    let json = read(root().join("tests/data/demo-kertomus.filled.json"))
        .replacen("131052-308T", "180418A903L", 1)
        .replacen("Meikäläinen", "Sosh-Aik", 1);
    let (structure, document) = (dir.join("structure.json"), dir.join("document.json"));
    std::fs::write(&structure, &text).unwrap();
    std::fs::write(&document, &json).unwrap();
    Subject {
        s: sosmeta_editor::Structure::from_json(&text).unwrap(),
        structure,
        document,
        json,
    }
}
