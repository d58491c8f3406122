//! The `sosmeta` binary: exit codes, outputs, stdin, messages naming file and pointer.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use sosmeta_editor::Rules;
use sosmeta_editor::{render_bundle, RenderOptions};

use crate::support::*;

fn sosmeta(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const S: &str = "structures/demo-kertomus.json";
const D: &str = "tests/data/demo-kertomus.filled.json";

#[test]
fn check() {
    let o = sosmeta(&["check", S], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("oid: 1.2.246.537.6.1506.99901.2026.11.22\ntitle: Demo: asiakaskertomusmerkintä\nstatus: Valmis"));
    assert!(out(&o).contains("groups: 4, fields: 15, required: 11, conditionallyRequired: 2"));
    let o = sosmeta(&["check", "tests/data/invalid-structures.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        err(&o),
        "error: tests/data/invalid-structures.json: schema node is not a JSON object at /\n"
    );
    let o = sosmeta(&["check", "no-such-file.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).starts_with("error: no-such-file.json: cannot read:"));
}

#[test]
fn validate_exit_codes_and_json_lines() {
    let o = sosmeta(&["validate", S, D], None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let bad = r#"{"demo_asiakaskertomus":{"merkinta":"","x":1}}"#;
    let o = sosmeta(&["validate", S, "-", "--json"], Some(bad));
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = out(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "the file, then the summary: {lines:?}");
    assert_eq!(
        lines[0],
        serde_json::json!({"file": "-", "status": "invalid", "errors": 1, "warnings": 0, "issues": [
            {"path": "/demo_asiakaskertomus/x", "severity": "error", "code": "unknown-property", "message": "'x' is not part of this document structure"}
        ]}),
        "shape problems come first and alone"
    );
    assert_eq!(lines[1]["summary"]["invalid"], 1);
    // The issues are written one at a time into the line: the bytes are those of the whole
    // object (keys in this order, no spaces), with no issue as an empty array.
    assert_eq!(
        out(&o).lines().next().unwrap(),
        r#"{"file":"-","status":"invalid","errors":1,"warnings":0,"issues":[{"path":"/demo_asiakaskertomus/x","severity":"error","code":"unknown-property","message":"'x' is not part of this document structure"}]}"#
    );
    let o = sosmeta(&["validate", S, D, "--json"], None);
    assert!(
        out(&o)
            .lines()
            .next()
            .unwrap()
            .ends_with(r#""status":"valid","errors":0,"warnings":0,"issues":[]}"#),
        "{}",
        out(&o)
    );
    let o = sosmeta(
        &["validate", S, "-", "--json", "--lang", "fi"],
        Some(r#"{"demo_asiakaskertomus":{}}"#),
    );
    assert_eq!(o.status.code(), Some(1));
    let file: serde_json::Value = serde_json::from_str(out(&o).lines().next().unwrap()).unwrap();
    let first = &file["issues"][0];
    assert_eq!(first["path"], "/demo_asiakaskertomus/asiakas");
    assert_eq!(first["message"], "Pakollinen tieto puuttuu");
    let o = sosmeta(&["validate", S, "-"], Some("{not json"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: -: not valid JSON at line 1 column 2"),
        "{}",
        err(&o)
    );
    let o = sosmeta(
        &[
            "validate",
            S,
            D,
            "--rules",
            "rules/demo-kertomus.rules.json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        out(&o),
        "",
        "the rule covers the prose condition: no warning left"
    );
}

#[test]
fn render_writes_the_same_bytes_as_the_library() {
    let dir = std::env::temp_dir().join(format!("sosmeta-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = sosmeta(
        &[
            "render",
            S,
            D,
            "--out",
            dir.to_str().unwrap(),
            "--doc-oid",
            "1.2.246.10.1.2026.1",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let s = project("demo-kertomus.json");
    let d = doc(&s, D);
    let b = render_bundle(
        &s,
        &d,
        &Rules::default(),
        &RenderOptions {
            doc_oid: Some("1.2.246.10.1.2026.1".into()),
            ..Default::default()
        },
    )
    .unwrap();
    for f in &b.files {
        assert_eq!(
            std::fs::read(dir.join(f.name)).unwrap(),
            f.bytes,
            "{}",
            f.name
        );
    }
    // Not valid: exit 1, says why, no bundle; --draft writes a marked preview.
    let dir2 = dir.join("bad");
    let o = sosmeta(
        &["render", S, "-", "--out", dir2.to_str().unwrap(), "--draft"],
        Some(r#"{"demo_asiakaskertomus":{"merkinta":"M"}}"#),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("-: no signed-ready bundle: the document has 5 error(s)"),
        "{}",
        err(&o)
    );
    assert!(err(&o)
        .contains("-:/demo_asiakaskertomus/asiakas: error [required] Required value is missing"));
    assert!(!dir2.join("manifest.json").exists());
    assert!(read(dir2.join("draft.xhtml")).contains("LUONNOS"));
    let o = sosmeta(
        &[
            "render",
            "structures/demo-luonnos.json",
            "-",
            "--out",
            dir2.to_str().unwrap(),
        ],
        Some(r#"{"demo_luonnos":{"kuvaus":"K"}}"#),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("structure status is 'Luonnos', not 'Valmis'"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lint_output() {
    let o = sosmeta(&["lint", "structures/demo-luonnos.json"], None);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        out(&o),
        "structures/demo-luonnos.json: [missing-sv] 'name' has no Swedish text at /properties/demo_luonnos/properties/kuvaus\n\
         structures/demo-luonnos.json: [copied-sv] Swedish 'name' is a copy of the Finnish text at /properties/demo_luonnos/properties/lisatieto\n"
    );
    let o = sosmeta(
        &["lint", S, "--rules", "rules/demo-kertomus.rules.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = sosmeta(
        &["lint", S, "--rules", "tests/data/demo-kertomus.filled.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).starts_with("error: tests/data/demo-kertomus.filled.json: not a rules file"),
        "{}",
        err(&o)
    );
}

#[test]
fn preview_and_render_with_markings() {
    const L: &str = "structures/demo-lapsi.json";
    const LD: &str = "tests/data/demo-lapsi.filled.json";
    let dir = scratch("cli-m");
    let markings = dir.join("markings.json");
    let render = |markings: Option<&str>| {
        let mut args = vec![
            "render",
            L,
            LD,
            "--out",
            dir.to_str().unwrap(),
            "--today",
            "2026-11-22",
        ];
        args.extend(markings.map(|m| ["--markings", m]).into_iter().flatten());
        sosmeta(&args, None)
    };
    // A minor: refused until the guardian mark is set.
    let o = render(None);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("restriction markings: the client is a minor"),
        "{}",
        err(&o)
    );
    std::fs::write(&markings, r#"{"authorRole":"provider","guardian":{"disclosed":false,"justification":"Lapsen etu","proposal":"pending"},
        "omakanta":{"display":"delayed","until":"2027-03-01","reason":{"code":"1","display":"Vaara"},"justification":"Viivästys"}}"#).unwrap();
    let m = markings.to_str().unwrap();
    let o = render(Some(m));
    // A pending proposal has no place in the CDA header (issue 15): no bundle until the
    // organiser decides.
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("the organiser decides before the document is archived"),
        "{}",
        err(&o)
    );
    let confirmed = dir.with_extension("confirmed.json");
    // The header's consent code for the refusal is the host's (issue 22: required).
    std::fs::write(&confirmed, r#"{"authorRole":"organiser","guardian":{"disclosed":false,"justification":"Lapsen etu","proposal":"confirmed","minorDecision":{"code":"3","display":"Alaikäinen kieltää luovuttamisen"}},
        "omakanta":{"display":"delayed","until":"2027-03-01","reason":{"code":"1","display":"Vaara"},"justification":"Viivästys"}}"#).unwrap();
    let o = render(Some(confirmed.to_str().unwrap()));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(read(dir.join("metadata.json")).contains(r#""proposalState":"confirmed""#));
    std::fs::remove_file(&confirmed).ok();
    let o = sosmeta(
        &[
            "preview",
            L,
            LD,
            "--as",
            "guardian",
            "--today",
            "2026-11-22",
            "--markings",
            m,
        ],
        None,
    );
    assert_eq!(out(&o), "Näytetään 1.3.2027 alkaen\n");
    let o = sosmeta(
        &[
            "preview",
            L,
            LD,
            "--as",
            "guardian",
            "--today",
            "2027-03-01",
            "--markings",
            m,
        ],
        None,
    );
    assert_eq!(
        out(&o),
        "Ei näytetä huoltajalle (palveluntuottajan ehdotus odottaa vastuutyöntekijän päätöstä)\n"
    );
    let o = sosmeta(
        &[
            "preview",
            L,
            LD,
            "--as",
            "client",
            "--today",
            "2027-03-01",
            "--markings",
            m,
            "--lang",
            "sv",
        ],
        None,
    );
    assert!(
        out(&o).starts_with("<div class=\"soc-document\""),
        "{}",
        out(&o)
    );
    assert!(!out(&o).contains("Salainen katu"), "turvakielto redaction");
    let o = sosmeta(
        &["preview", L, LD, "--as", "professional", "--today", "nope"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    std::fs::write(&markings, r#"{"guardian": 5}"#).unwrap();
    let o = sosmeta(&["preview", L, LD, "--as", "client", "--markings", m], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not a markings file"), "{}", err(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_with_markings_reports_marking_problems() {
    let o = sosmeta(
        &[
            "validate",
            "structures/demo-lapsi.json",
            "tests/data/demo-lapsi.filled.json",
            "--json",
            "--today",
            "2026-11-22",
            "--markings",
            "/dev/null",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "an empty markings file is not a markings file"
    );
    let dir = scratch("cli-v");
    let m = dir.join("m.json");
    std::fs::write(&m, "{}").unwrap();
    let o = sosmeta(
        &[
            "validate",
            "structures/demo-lapsi.json",
            "tests/data/demo-lapsi.filled.json",
            "--json",
            "--today",
            "2026-11-22",
            "--markings",
            m.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let file: serde_json::Value = serde_json::from_str(out(&o).lines().next().unwrap()).unwrap();
    let line = file["issues"].as_array().unwrap().last().unwrap();
    assert_eq!(line["code"], "guardian-mark-missing");
    assert_eq!(
        line["message"],
        "the client is a minor, or the age is not known: mark whether the document is shown to the guardian"
    );
    let o = sosmeta(
        &[
            "validate",
            "structures/demo-lapsi.json",
            "tests/data/demo-lapsi.filled.json",
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "without --markings only the document is checked"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
