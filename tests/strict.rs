//! Issue 12, "Nothing lost, nothing leaked": each reproduction of the issue as a test named
//! after what it guards (library and CLI). The element's part is in `tools/e2e.mjs`.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use sosmeta_editor::json::JsonErrorKind;
use sosmeta_editor::view::host;
use sosmeta_editor::Markings;
use sosmeta_editor::{render_bundle, Refusal, RenderOptions};
use sosmeta_editor::{DataPath, Document, Edit, Item, LoadError, Plain};
use sosmeta_editor::{ParseErrorKind, Structure};
use sosmeta_editor::{RuleSet, Rules};

use crate::support::*;

const S: &str = "structures/demo-kertomus.json";
const D: &str = "tests/data/demo-kertomus.filled.json";

fn sosmeta(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn tmp(name: &str) -> std::path::PathBuf {
    scratch(&format!("strict-{name}"))
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

// ---- Data that changes or vanishes without a word ----------------------------------

#[test]
// See: issue 12, "Duplicate JSON keys".
fn duplicate_keys_are_refused_in_every_input_naming_both_places() {
    let s = project("demo-kertomus.json");
    // Document: the root key twice (the first group would vanish).
    let doc = "{\"demo_asiakaskertomus\": {\"merkinta\": \"A\"},\n \"demo_asiakaskertomus\": {\"merkinta\": \"B\"}}";
    match Document::from_json(&s, doc) {
        Err(LoadError::Json { error }) => {
            assert_eq!(
                error.duplicate(),
                Some(("/demo_asiakaskertomus", (1, 2), (2, 2)))
            );
            let m = error.to_string();
            assert!(
                m.contains("line 1 column 2") && m.contains("line 2 column 2"),
                "{m}"
            );
        }
        other => panic!("duplicate root key accepted: {other:?}"),
    }
    // The CLI and the element's parser say the same.
    let dir = tmp("dup");
    let p = write(&dir, "doc.json", doc);
    let o = sosmeta(&["validate", S, &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("duplicate key 'demo_asiakaskertomus'"));
    let e = host::parse_document(&s, doc).unwrap_err();
    assert_eq!(
        (e.code, e.pointer.as_str()),
        ("document-invalid", "/demo_asiakaskertomus")
    );
    // Rules: a structure OID twice would drop every rule.
    let rules = format!(
        r#"{{"rules": {{"{oid}": [], "{oid}": []}}}}"#,
        oid = s.meta.oid
    );
    let e = RuleSet::from_json(&rules).unwrap_err();
    assert_eq!(e.pointer, format!("/rules/{}", s.meta.oid));
    assert!(e.kind.to_string().contains("duplicate key"), "{}", e);
    // Structure.
    let st = read(root().join(S)).replacen("\"type\"", "\"type\": \"object\", \"type\"", 1);
    let e = Structure::from_json(&st).unwrap_err();
    assert!(
        matches!(&e.kind, ParseErrorKind::Json { error } if matches!(error.kind, JsonErrorKind::DuplicateKey { .. })),
        "{e}"
    );
    // Markings and code sets.
    let e =
        Markings::from_json(r#"{"specialContent": true, "specialContent": false}"#).unwrap_err();
    assert_eq!(e.pointer, "/specialContent");
    let e = host::parse_code_sets(r#"{"1.2.3": [{"code": "1", "code": "2"}]}"#).unwrap_err();
    assert_eq!(e.pointer, "/1.2.3/0/code");
    // Code sets: one OID given twice in two files (with and without urn:oid:) is not a
    // silent replacement either.
    let e = host::parse_code_sets(
        r#"[{"oid": "1.2.3", "codes": []}, {"oid": "urn:oid:1.2.3", "codes": []}]"#,
    )
    .unwrap_err();
    assert_eq!(e.pointer, "/1/oid");
}

#[test]
// See: issue 12, "Numbers are not kept as read".
fn numbers_survive_load_edit_and_emit_exactly() {
    let s = project("demo-kaikki-tietotyypit.json");
    let text = r#"{"demo_kaikki_tietotyypit":{"numero":1234567890123456.78,"lkm":18446744073709551616,
        "maara":{"value":9007199254740993,"code":"EUR"}}}"#;
    let mut d = Document::from_json(&s, text).unwrap();
    // Edit another field, then emit.
    d.apply(
        &s,
        Edit::Set {
            path: DataPath::from_pointer(&s, "/demo_kaikki_tietotyypit/fraasi").unwrap(),
            value: Item::Plain(Plain::Text("x".into())),
        },
    )
    .unwrap();
    let json = d.to_canonical_json(&s);
    for n in [
        "\"numero\":1234567890123456.78",
        "\"lkm\":18446744073709551616",
        "\"value\":9007199254740993",
    ] {
        assert!(json.contains(n), "{n} lost in {json}");
    }
    // One canonical spelling: 1e2 → 100, 100.0 → 100, 12.50 → 12.5; reading it again
    // gives the same document and the same bytes.
    let d = Document::from_json(
        &s,
        r#"{"demo_kaikki_tietotyypit":{"numero":1e2,"lkm":100.0,"maara":{"value":12.50}}}"#,
    )
    .unwrap();
    let json = d.to_canonical_json(&s);
    assert_eq!(
        json,
        r#"{"demo_kaikki_tietotyypit":{"maara":{"value":12.5},"numero":100,"lkm":100}}"#
    );
    assert_eq!(
        Document::from_json(&s, &json)
            .unwrap()
            .to_canonical_json(&s),
        json
    );
    // What cannot be kept exactly is an error, never a rounding.
    for n in ["1e-400", "1e400"] {
        let t = format!(r#"{{"demo_kaikki_tietotyypit":{{"numero":{n}}}}}"#);
        match Document::from_json(&s, &t) {
            Err(LoadError::Json { error }) => {
                assert!(
                    matches!(error.kind, JsonErrorKind::NumberOutOfRange { .. }),
                    "{error}"
                );
                assert_eq!(error.pointer, "/demo_kaikki_tietotyypit/numero");
            }
            other => panic!("{n}: {other:?}"),
        }
    }
}

#[test]
// See: issue 12, "Markings: unknown keys inside nested objects are dropped".
fn markings_reject_unknown_keys_and_arrays_at_every_level() {
    let e = Markings::from_json(
        r#"{"guardian": {"disclosed": false, "justification": "x", "minordecision": {"code": "1"}}}"#,
    )
    .unwrap_err();
    assert!(e.kind.to_string().contains("minordecision"), "{e}");
    assert!(e.pointer.starts_with("/guardian"), "{e}");
    let e = Markings::from_json(
        r#"{"guardian": {"disclosed": true, "minorDecision": {"code": "1", "dispaly": "x"}}}"#,
    )
    .unwrap_err();
    assert!(e.kind.to_string().contains("dispaly"), "{e}");
    assert!(e.pointer.starts_with("/guardian/minorDecision"), "{e}");
    let e = Markings::from_json(
        r#"{"omakanta": {"display": "notShown", "reason": {"code": "1"}, "justification": "j", "until2": "x"}}"#,
    )
    .unwrap_err();
    assert!(e.kind.to_string().contains("until2"), "{e}");
    for bad in ["[]", "[true]", "true", "\"x\"", r#"{"guardian": [true]}"#] {
        assert!(
            Markings::from_json(bad).is_err(),
            "{bad} accepted as markings"
        );
    }
    assert!(Markings::from_json("{}").is_ok());
}

/// A structure with a draft-07 assertion the editor does not evaluate.
fn with_keyword(keyword: &str, value: &str) -> Structure {
    let text = read(root().join(S)).replacen(
        "\"merkinta\": {",
        &format!("\"merkinta\": {{\"{keyword}\": {value},"),
        1,
    );
    assert!(text.contains(keyword), "fixture edit failed");
    Structure::from_json(&text).unwrap()
}

#[test]
// See: issue 12, "Unsupported schema keywords".
fn unevaluated_schema_keywords_refuse_a_signed_ready_bundle() {
    let d_text = read(root().join(D));
    for (k, v) in [
        ("maxLength", "3"),
        ("const", "\"x\""),
        ("format", "\"date\""),
        ("oneOf", "[{}]"),
        ("minimum", "0"),
        ("maxItems", "1"),
    ] {
        let s = with_keyword(k, v);
        assert_eq!(s.unevaluated_keywords().count(), 1, "{k}");
        let d = Document::from_json(&s, &d_text).unwrap();
        let opts = RenderOptions {
            today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            ..Default::default()
        };
        let r = render_bundle(&s, &d, &Rules::default(), &opts).unwrap_err();
        assert!(
            r.reasons.iter().any(
                |x| matches!(x, Refusal::UnevaluatedKeywords { keywords } if keywords[0].1 == k)
            ),
            "{k}: {r}"
        );
    }
    // The CLI: validate says so (exit 1, as render), render refuses.
    let dir = tmp("kw");
    let st =
        read(root().join(S)).replacen("\"merkinta\": {", "\"merkinta\": {\"maxLength\": 3,", 1);
    let sp = write(&dir, "s.json", &st);
    let o = sosmeta(&["validate", &sp, D]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("keyword 'maxLength'"));
    let out = dir.join("out");
    let o = sosmeta(&["render", &sp, D, "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.join("document.json").exists());
}

#[test]
// See: issue 12, "The structure OID is not checked".
fn structure_oid_is_checked() {
    let text = read(root().join(S));
    let oid = "1.2.246.537.6.1506.99901.2026.11.22";
    for bad in [
        "\\\"><script>alert(1)</script>",
        "",
        "1.2.246.537.6.1506.x",
        "01.2.3",
    ] {
        let e = Structure::from_json(&text.replace(oid, bad)).unwrap_err();
        assert_eq!(e.pointer, "/sosmeta/oid", "{bad}: {e}");
        assert!(
            matches!(e.kind, ParseErrorKind::BadOid { .. }),
            "{bad}: {e}"
        );
    }
    // A valid OID without a document type and definition date: readable, never archived.
    let s = Structure::from_json(&text.replace(oid, "1.2.246.537.6.1506")).unwrap();
    assert!(s.meta.oid_problem().is_some());
    assert_eq!(s.meta.document_type_code(), None);
    let d = doc(&s, D);
    let r = render_bundle(&s, &d, &Rules::default(), &RenderOptions::default()).unwrap_err();
    assert!(
        r.reasons
            .iter()
            .any(|x| matches!(x, Refusal::StructureOid { .. })),
        "{r}"
    );
}

#[test]
// See: issue 12, "--out keeps stale files".
fn render_out_never_holds_files_of_two_renders() {
    let dir = tmp("out");
    let out = dir.join("bundle");
    let o = sosmeta(&[
        "render",
        S,
        D,
        "--out",
        out.to_str().unwrap(),
        "--doc-oid",
        "1.2.246.10.1.2026.1",
    ]);
    assert_success(&o);
    // The output step's own ledger (`.sosmeta-render`, what it wrote) is not a render file:
    // left out of the listing (it was added with "an output step removes only what it
    // wrote before", issue 23).
    let names = |p: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".sosmeta-render")
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names(&out),
        [
            "document.json",
            "document.xhtml",
            "manifest.json",
            "metadata.json"
        ]
    );
    // A later draft render into the same folder leaves no earlier signed-ready file.
    let bad = write(
        &dir,
        "bad.json",
        r#"{"demo_asiakaskertomus": {"merkinta": "x"}}"#,
    );
    let o = sosmeta(&["render", S, &bad, "--out", out.to_str().unwrap(), "--draft"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(names(&out), ["draft.json", "draft.xhtml"]);
    // Files that are not ours stay.
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let o = sosmeta(&["render", S, D, "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        names(&out),
        [
            "document.json",
            "document.xhtml",
            "manifest.json",
            "metadata.json",
            "notes.txt"
        ]
    );
    // A host's own draft.json (not written by a render) stays; our draft of an earlier
    // render goes (issue 23: "render --out likewise deletes an unrelated draft.json").
    std::fs::write(out.join("draft.json"), "the host's").unwrap();
    let o = sosmeta(&["render", S, D, "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(read(out.join("draft.json")), "the host's");
    std::fs::remove_file(out.join("draft.json")).unwrap();
    // A folder that cannot be written: a clean error, nothing half-written, no temp left.
    let blocked = dir.join("blocked");
    std::fs::write(&blocked, "a file, not a folder").unwrap();
    let o = sosmeta(&["render", S, D, "--out", blocked.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("panicked"));
}

// ---- Bounded, honest about failure (CLI) --------------------------------------------

#[test]
// See: issue 12, "The CLI never panics on output" (> /dev/full).
fn cli_output_to_a_full_disk_is_a_clean_exit() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    let Ok(full) = full else {
        eprintln!("NOTICE: no /dev/full here; skipped");
        return;
    };
    let o = Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(["sample", S])
        .current_dir(root())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.starts_with("error: cannot write to standard output"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
// See: issue 12, "The CLI never panics on output" (| true).
fn cli_output_to_a_closed_pipe_is_a_clean_exit() {
    // A sample larger than a pipe's buffer, so the writer meets the closed end.
    let dir = tmp("pipe");
    let fields: Vec<String> = (0..4000)
        .map(|i| format!(r#""f{i}":{{"type":"string","sosmeta":{{"representation":[{{"lang":"fi","value":"Teksti"}}]}}}}"#))
        .collect();
    let st = format!(
        r#"{{"type":"object","additionalProperties":false,"sosmeta":{{"oid":"1.2.246.537.6.1506.99990.2026.11.30","status":"Valmis"}},"properties":{{"d":{{"type":"object","additionalProperties":false,"properties":{{{}}}}}}}}}"#,
        fields.join(",")
    );
    let sp = write(&dir, "wide.json", &st);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(["sample", &sp])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // `| true`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(3), "{err}");
    assert!(err.contains("cannot write to standard output"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
// See: issue 12, "Control characters from input are escaped".
fn cli_escapes_control_characters_from_input() {
    let dir = tmp("ctl");
    let p = write(
        &dir,
        "doc.json",
        "{\"demo_asiakaskertomus\": {\"\\u001b[2J\\u001b]0;pwned\\u0007\\u202e\": 1}}",
    );
    let o = sosmeta(&["validate", S, &p]);
    let all = [o.stdout.clone(), o.stderr.clone()].concat();
    assert!(
        !all.iter().any(|b| *b == 0x1b || *b == 0x07),
        "raw control bytes on the terminal"
    );
    assert!(!String::from_utf8_lossy(&all).contains('\u{202e}'));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("\\u{1b}[2J"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // JSON lines: the same value, with C1 and bidi controls as \u escapes.
    let o = sosmeta(&["validate", S, &p, "--json"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        !text.contains('\u{202e}') && !text.contains('\u{1b}'),
        "{text}"
    );
    let file: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    for v in file["issues"].as_array().unwrap() {
        let line = v.to_string();
        if v["code"] == "unknown-property" {
            assert!(
                v["path"].as_str().unwrap().contains('\u{202e}'),
                "value kept: {line}"
            );
        }
    }
    // File names too.
    let odd = write(&dir, "a\u{1b}[31mb.json", "{");
    let o = sosmeta(&["validate", S, &odd]);
    assert!(!o.stderr.contains(&0x1b));
}

#[test]
// See: issue 12, "Exit codes agree between validate and render --draft".
fn cli_exit_codes_agree_between_validate_and_render_draft() {
    let dir = tmp("agree");
    let out = dir.join("out");
    for (doc, want) in [
        (D.to_string(), 0),
        // Fits the structure but misses required fields.
        (
            write(
                &dir,
                "missing.json",
                r#"{"demo_asiakaskertomus": {"merkinta": "x"}}"#,
            ),
            1,
        ),
        // Does not fit the structure (unknown property): issues, not unusable input.
        (
            write(
                &dir,
                "unknown.json",
                r#"{"demo_asiakaskertomus": {"nope": 1}}"#,
            ),
            1,
        ),
        // Not JSON at all: unusable for both.
        (write(&dir, "broken.json", "{"), 2),
    ] {
        let v = sosmeta(&["validate", S, &doc]).status.code();
        let r = sosmeta(&[
            "render",
            S,
            &doc,
            "--out",
            out.to_str().unwrap(),
            "--draft",
            "--today",
            "2026-11-22",
        ])
        .status
        .code();
        assert_eq!((v, r), (Some(want), Some(want)), "{doc}");
    }
}

#[test]
// See: issue 12, "all structure errors are reported, not the first".
fn cli_reports_every_structure_error() {
    let dir = tmp("errs");
    let st = read(root().join(S)).replacen("\"type\": \"string\"", "\"type\": \"strin\"", 2);
    let sp = write(&dir, "s.json", &st);
    let o = sosmeta(&["check", &sp]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("unsupported type 'strin'").count(), 2, "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
// See: issue 12, "--doc-oid/--today are validated; a UTF-8 BOM gets its own message".
fn cli_validates_doc_oid_today_and_says_bom() {
    let out = tmp("args").join("o");
    let out = out.to_str().unwrap();
    for bad in ["1.2.x", "\"><script>", "", "1..2"] {
        let o = sosmeta(&["render", S, D, "--out", out, "--doc-oid", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("--doc-oid"));
    }
    for bad in ["2026-13-01", "2026-1-1", "tomorrow", "2026-11-22x"] {
        let o = sosmeta(&["render", S, D, "--out", out, "--today", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("--today"));
    }
    let dir = tmp("bom");
    let p = write(
        &dir,
        "bom.json",
        &format!("\u{feff}{}", read(root().join(D))),
    );
    let o = sosmeta(&["validate", S, &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("byte order mark"));
}

#[test]
// See: issue 12, "Inputs have size limits" (validate S /dev/zero).
fn cli_inputs_are_bounded() {
    // /dev/zero never ends: the read stops at the limit.
    let o = sosmeta(&["validate", S, "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("larger than the limit"));
    let o = sosmeta(&["validate", S, D, "--max-bytes", "100"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("larger than the limit of 100 bytes"));
    let o = sosmeta(&["validate", S, D, "--max-bytes", "10000000"]);
    assert_eq!(o.status.code(), Some(0));
    // The structure too (the largest real one is about 0.5 MB).
    let mut child = Command::new(env!("CARGO_BIN_EXE_sosmeta"))
        .args(["check", "-", "--max-bytes", "1000"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(&vec![b' '; 100_000]);
    drop(stdin);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

// ---- Today in Finland ------------------------------------------------------------

/// `crate::time` (the EU summer-time rule) against the IANA database, every hour of
/// 1996–2040.
#[test]
// See: issue 12, "decide the day in Finland's time".
fn finnish_day_agrees_with_the_iana_database() {
    use chrono::{TimeZone, Utc};
    let tz: chrono_tz::Tz = chrono_tz::Europe::Helsinki;
    let mut t = Utc.with_ymd_and_hms(1996, 1, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2041, 1, 1, 0, 0, 0).unwrap();
    let mut checked = 0;
    while t < end {
        assert_eq!(
            sosmeta_editor::time::finland_date(t),
            t.with_timezone(&tz).date_naive(),
            "{t}"
        );
        t += chrono::Duration::hours(1);
        checked += 1;
    }
    assert!(checked > 390_000);
    for (y, m, d, h, min) in [
        (2026, 3, 29, 0, 59),
        (2026, 3, 29, 1, 0),
        (2026, 10, 25, 0, 59),
        (2026, 10, 25, 1, 0),
        (2026, 10, 24, 21, 0),
        (2026, 10, 25, 22, 0),
    ] {
        let t = Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap();
        assert_eq!(
            sosmeta_editor::time::finland_date(t),
            t.with_timezone(&tz).date_naive(),
            "{t}"
        );
    }
}

#[test]
// See: issue 12, "A rules file with a structure OID twice drops every rule".
fn rules_reject_unknown_members_naming_the_rule() {
    let s = project("demo-kertomus.json");
    let text = format!(
        r#"{{"rules": {{"{}": [{{"field": "/demo_asiakaskertomus/merkinta", "requiredwhen": "always"}}]}}}}"#,
        s.meta.oid
    );
    let e = RuleSet::from_json(&text).unwrap_err();
    assert_eq!(e.pointer, format!("/rules/{}/0", s.meta.oid));
    assert!(e.kind.to_string().contains("requiredwhen"), "{e}");
    let e = RuleSet::from_json(r#"{"rules": {}, "rulez": {}}"#).unwrap_err();
    assert_eq!(e.pointer, "/rulez");
}
