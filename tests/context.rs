//! Issue 16, "Context from the host": typed, validated, one clear error per bad field; the
//! case id agrees with the fields whose notes say so; the context reaches metadata.json.

use sosmeta_editor::Rules;
use sosmeta_editor::{render_bundle, Refusal, RenderOptions};
use sosmeta_editor::{sample_document, Document, SampleMode};
use sosmeta_editor::{Code, ContextErrorKind, HostContext};

use crate::support::*;

/// The context of the real sample's header (`asia-ja-rajoitukset.cda-skeleton.xml`).
const SAMPLE_CONTEXT: &str = r#"{
  "documentOid": "1.2.246.10.2012566.95.2026.688883.2655274",
  "caseId": "1.2.246.10.2012566.95.2026.778465.646",
  "organiser": {"oid": "1.2.246.10.2012566.10.40", "name": "Helsingin sosiaali- ja terveystoimi"},
  "custodian": {"oid": "1.2.246.10.2012566.10.40", "name": "Helsingin sosiaali- ja terveystoimi"},
  "serviceUnit": {"oid": "1.2.246.10.2012566.10.40006775", "name": "Lapsiperheiden sosiaaliohjaus Vuosaaren perhekeskus 1, Helsingin sotepe"},
  "functionCode": {"code": "24", "displayName": "Lapsiperheiden palvelut"},
  "serviceProcess": {"code": "3", "displayName": "Asiakkuuden suunnittelu"},
  "documentGroup": {"code": "5", "displayName": "Toisen tai myöhemmän vaiheen asiakasasiakirja"},
  "registryType": {"code": "1", "displayName": "Sosiaalihuollon asiakasrekisteri"},
  "retentionClass": {"code": "1", "displayName": "Säilytetään pysyvästi"},
  "author": {"given": "Angelica", "family": "Johansson", "registrationNumber": "25104559650"},
  "software": {"moderator": "Epic Systems Corporation", "product": "Apotti", "version": "11.7.0"}
}"#;

#[test]
fn the_sample_headers_context_reads_and_bad_fields_are_named() {
    let c = HostContext::from_json(SAMPLE_CONTEXT).unwrap();
    assert_eq!(c.function_code.as_ref().unwrap().code, "24");
    assert_eq!(
        c.author.as_ref().unwrap().registration_number.as_deref(),
        Some("25104559650")
    );
    let err = |text: &str| HostContext::from_json(text).unwrap_err();
    let e = err(r#"{"organiser": {"oid": "HKI", "name": "Helsinki"}}"#);
    assert_eq!(
        (e.pointer.as_str(), &e.kind),
        (
            "/organiser/oid",
            &ContextErrorKind::NotOid {
                value: "HKI".into()
            }
        )
    );
    assert_eq!(err(r#"{"caseId": "asia 646"}"#).pointer, "/caseId");
    assert_eq!(
        err(r#"{"functionCode": {"code": " ", "displayName": "x"}}"#).pointer,
        "/functionCode/code"
    );
    assert_eq!(
        err(r#"{"author": {"given": "A", "family": "B", "registrationNumber": "12A"}}"#).pointer,
        "/author/registrationNumber"
    );
    let e = err(r#"{"serviceUnit": {"oid": "1.2.3", "name": "x", "nimi": "y"}}"#);
    assert_eq!(e.pointer, "/serviceUnit/nimi");
    assert!(matches!(e.kind, ContextErrorKind::NotContext { .. }));
    assert_eq!(err(r#"{"caseId": 5}"#).pointer, "/caseId");
    assert!(matches!(
        err(r#"{"caseId": "1.2", "caseId": "1.3"}"#).kind,
        ContextErrorKind::Json { .. }
    ));
    assert!(matches!(
        err("[]").kind,
        ContextErrorKind::NotContext { .. }
    ));
}

/// "Asianumeron tulee olla sama kuin asiakirjan metatiedoissa oleva asiatunnus"
/// (1.2.246.537.6.1506.11062's asianumero): a different case id in the host context means
/// no bundle, naming the field; the same one gives a bundle whose metadata carries the
/// context.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn the_case_id_agrees_with_the_fields_whose_notes_say_so() {
    let Some((s, _)) = real("1.2.246.537.6.1506.11062.2024.11.4") else {
        return;
    };
    let sample = sample_document(&s, SampleMode::Full).to_canonical_json(&s);
    let case = "1.2.246.10.2012566.95.2026.778465.646";
    let with_case = |value: &str| {
        let text = sample.replacen(
            "\"asianumero\":{\"system\":\"urn:oid:1.2.246.537.6.1\",\"value\":\"TUNNUS-1\"}",
            &format!(
                "\"asianumero\":{{\"system\":\"urn:oid:1.2.246.537.6.1\",\"value\":\"{value}\"}}"
            ),
            1,
        );
        Document::from_json(&s, &text).unwrap()
    };
    let opts = RenderOptions {
        markings: disclosed_to_guardian(),
        host: Some(HostContext::from_json(SAMPLE_CONTEXT).unwrap()),
        ..RenderOptions::default()
    };
    let rules = sosmeta_editor::with_structure_rules(&s, Rules::default(), Default::default());
    let refused = render_bundle(&s, &with_case("ASIA-1"), &rules, &opts).unwrap_err();
    let mismatch: Vec<&Refusal> = refused
        .reasons
        .iter()
        .filter(|r| matches!(r, Refusal::CaseIdMismatch { .. }))
        .collect();
    assert_eq!(mismatch.len(), 1, "{refused}");
    assert!(
        refused.to_string().contains("asianumero") && refused.to_string().contains(case),
        "{refused}"
    );
    let b = render_bundle(&s, &with_case(case), &rules, &opts).unwrap_or_else(|r| panic!("{r}"));
    let meta: serde_json::Value =
        serde_json::from_slice(&b.file("metadata.json").unwrap().bytes).unwrap();
    assert_eq!(meta["context"]["caseId"], case);
    assert_eq!(
        meta["context"]["serviceUnit"]["oid"],
        "1.2.246.10.2012566.10.40006775"
    );
}

/// `sosmeta render --context FILE`: a bad context is unusable input (exit 2, pointer named);
/// a good one reaches metadata.json and gives the document OID and organisation.
#[test]
fn the_cli_reads_the_context_file() {
    let dir = scratch("context");
    let ctx = dir.join("context.json");
    let run = run_cli;
    let render = |ctx: &str| {
        run(&[
            "render",
            "structures/demo-kertomus.json",
            "tests/data/demo-kertomus.filled.json",
            "--out",
            dir.join("out").to_str().unwrap(),
            "--today",
            "2026-11-30",
            "--context",
            ctx,
        ])
    };
    std::fs::write(&ctx, r#"{"organiser": {"oid": "HKI", "name": "x"}}"#).unwrap();
    let o = render(ctx.to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("/organiser/oid"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::write(&ctx, SAMPLE_CONTEXT).unwrap();
    let o = render(ctx.to_str().unwrap());
    assert_success(&o);
    let meta = read(dir.join("out/metadata.json"));
    assert!(
        meta.contains("\"documentOid\":\"1.2.246.10.2012566.95.2026.688883.2655274\""),
        "{meta}"
    );
    assert!(meta.contains("\"serviceUnit\""));
    let x = read(dir.join("out/document.xhtml"));
    assert!(x.contains("id=\"OID1.2.246.10.2012566.95.2026.688883.2655274\""));
    assert!(x.contains("<div class=\"soc-hdr1\">Helsingin sosiaali- ja terveystoimi</div>"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 16: "A clear before/after view of what changed (fields added, changed, removed) …
/// as `sosmeta diff OLD NEW`": exit 0 when the same, 1 with the changes, one line each
/// (`+` added, `~` changed, `-` removed) or one JSON object each.
#[test]
fn sosmeta_diff_lists_what_changed() {
    let dir = scratch("diff");
    let old = read(root().join("tests/data/demo-kertomus.filled.json"));
    let mut v: serde_json::Value = serde_json::from_str(&old).unwrap();
    let d = &mut v["demo_asiakaskertomus"];
    d["merkinta"] = "Korjattu merkintä.".into();
    d.as_object_mut().unwrap().remove("tiedote");
    d["asiakas"][0]["syntymaaika"] = "1952-10-13".into();
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::write(&a, &old).unwrap();
    std::fs::write(&b, v.to_string()).unwrap();
    let run = run_cli;
    let s = "structures/demo-kertomus.json";
    let same = run(&["diff", s, a.to_str().unwrap(), a.to_str().unwrap()]);
    assert_eq!(same.status.code(), Some(0));
    assert!(same.stdout.is_empty());
    let o = run(&["diff", s, a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines.iter().any(|l| l.starts_with(
            "+ /demo_asiakaskertomus/asiakas/0/syntymaaika (Syntymäaika): \"1952-10-13\""
        )),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("~ /demo_asiakaskertomus/merkinta")
                && l.ends_with("→ \"Korjattu merkintä.\"")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("- /demo_asiakaskertomus/tiedote")),
        "{text}"
    );
    let j = run(&[
        "diff",
        s,
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--json",
    ]);
    let kinds: Vec<String> = String::from_utf8(j.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(sorted, ["added", "changed", "removed"]);
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 16, "Done when": render → correct → render gives version 2 with the same set id,
/// the reason and a diff, and payloads that validate; a correction without a reason is
/// refused with a message naming what is missing.
#[test]
fn a_correction_is_version_two_of_the_same_set_with_its_reason() {
    let dir = scratch("correct");
    let run = run_cli;
    let s = "structures/demo-kertomus.json";
    let v1 = dir.join("v1");
    let v2 = dir.join("v2");
    let first = "1.2.246.10.2012566.95.2026.1";
    let second = "1.2.246.10.2012566.95.2026.2";
    render_first_version(&v1, first);
    // The worker corrects the entry.
    let mut doc: serde_json::Value = serde_json::from_str(&read(v1.join("document.json"))).unwrap();
    doc["demo_asiakaskertomus"]["merkinta"] =
        "Keskusteltiin asumistilanteesta ja taloudesta.".into();
    let corrected = dir.join("corrected.json");
    std::fs::write(&corrected, doc.to_string()).unwrap();
    // Who corrects is the host's word (issue 22: without a role, no correction).
    let role = dir.join("role.json");
    std::fs::write(&role, r#"{"authorRole": "organiser"}"#).unwrap();
    // One correction: the corrected document rendered as the next version of `of`.
    let correct =
        |out: &std::path::Path, oid: &str, of: &std::path::Path, context: Option<&str>| {
            let mut args = vec![
                "render",
                s,
                corrected.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--doc-oid",
                oid,
                "--today",
                "2026-11-30",
                "--markings",
                role.to_str().unwrap(),
                "--corrects",
                of.to_str().unwrap(),
            ];
            args.extend(context.map(|c| ["--context", c]).into_iter().flatten());
            run(&args)
        };
    let o = correct(&v2, second, &v1.join("metadata.json"), None);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("missing reason code and text"), "{err}");
    let ctx = dir.join("context.json");
    std::fs::write(
        &ctx,
        r#"{"version": {"reason": {"code": "2", "displayName": "Asiavirhe"}, "text": "Merkinnästä puuttui talous."}}"#,
    )
    .unwrap();
    let ctx = ctx.to_str().unwrap();
    let o = correct(&v2, second, &v1.join("metadata.json"), Some(ctx));
    assert_success(&o);
    let meta: serde_json::Value = serde_json::from_str(&read(v2.join("metadata.json"))).unwrap();
    assert_eq!(meta["version"]["setId"], first);
    assert_eq!(meta["version"]["versionNumber"], 2);
    assert_eq!(meta["version"]["replaces"], first);
    assert_eq!(meta["version"]["reasonOfCorrection"]["code"], "2");
    assert_eq!(meta["documentOid"], second);
    // The payloads validate, and the diff names the change.
    let o = run(&["validate", s, v2.join("document.json").to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = run(&[
        "diff",
        s,
        v1.join("document.json").to_str().unwrap(),
        v2.join("document.json").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("~ /demo_asiakaskertomus/merkinta"));
    // A third version counts on from the second.
    let v3 = dir.join("v3");
    let o = correct(
        &v3,
        "1.2.246.10.2012566.95.2026.3",
        &v2.join("metadata.json"),
        Some(ctx),
    );
    assert_success(&o);
    let meta: serde_json::Value = serde_json::from_str(&read(v3.join("metadata.json"))).unwrap();
    assert_eq!(
        (
            meta["version"]["setId"].as_str(),
            meta["version"]["versionNumber"].as_u64()
        ),
        (Some(first), Some(3))
    );
    // The same OID again is not a new version.
    let o = correct(&v3, second, &v2.join("metadata.json"), Some(ctx));
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs a document OID of its own"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Seed 002 §4.1: "Palveluntuottaja vastaa kirjaamiensa tietojen korjaamisesta palvelun
/// aikana. Rekisterinkäyttöoikeuden päätyttyä palvelunjärjestäjä vastaa … versioinnista ja
/// mitätöinnistä": the host says who may correct (`version.corrector`), the editor enforces
/// it against the author's role.
#[test]
fn only_the_corrector_the_host_names_may_correct() {
    use sosmeta_editor::{AuthorRole, Markings};
    use sosmeta_editor::{Code, Version};
    let s = project("demo-kertomus.json");
    let d = crate::support::doc(&s, "tests/data/demo-kertomus.filled.json");
    let opts = |role, corrector: &str| RenderOptions {
        doc_oid: Some("1.2.246.10.2012566.95.2026.2".into()),
        markings: Markings {
            host: sosmeta_editor::HostFacts {
                author_role: Some(role),
                ..Markings::default().host
            },
            ..Markings::default()
        },
        host: Some(HostContext {
            version: Some(Version {
                set_id: "1.2.246.10.2012566.95.2026.1".into(),
                version_number: 2,
                replaces: Some("1.2.246.10.2012566.95.2026.1".into()),
                reason: Some(Code {
                    code: "2".into(),
                    display_name: "Asiavirhe".into(),
                }),
                reason_code_system: None,
                text: Some("Korjattu".into()),
                corrector: Some(corrector.into()),
                structure: None,
            }),
            ..HostContext::default()
        }),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
        ..RenderOptions::default()
    };
    let r = render_bundle(
        &s,
        &d,
        &Rules::default(),
        &opts(AuthorRole::Provider, "organiser"),
    )
    .unwrap_err();
    assert!(
        r.reasons.contains(&Refusal::CorrectorNotAllowed {
            corrector: "organiser".into()
        }),
        "{r}"
    );
    assert!(render_bundle(
        &s,
        &d,
        &Rules::default(),
        &opts(AuthorRole::Organiser, "organiser")
    )
    .is_ok());
    assert!(render_bundle(
        &s,
        &d,
        &Rules::default(),
        &opts(AuthorRole::Provider, "provider")
    )
    .is_ok());
}

/// Issue 16: "Invalidation (mitätöinti): a request with its reason and the document it
/// invalidates, no new content; the host sends it" — `sosmeta invalidate` prints it; a
/// missing reason or text is refused.
#[test]
fn an_invalidation_is_a_request_with_its_reason() {
    let dir = scratch("invalidate");
    let run = run_cli;
    let oid = "1.2.246.10.2012566.95.2026.1";
    render_first_version(&dir, oid);
    let meta = dir.join("metadata.json");
    let invalidate_as = |text: &str, who: &[&str]| {
        let mut args = vec![
            "invalidate",
            meta.to_str().unwrap(),
            "--reason-code",
            "1",
            "--reason-display",
            "Väärä asiakas",
            "--text",
            text,
        ];
        args.extend(who);
        run(&args)
    };
    let invalidate = |text: &str| invalidate_as(text, &["--role", "organiser"]);
    // Seed 002 §4.1: after the provider's register-use right ends the organiser "vastaa
    // palveluntuottajien laatimien asiakasasiakirjojen versioinnista ja mitätöinnistä" —
    // checked as corrections are: no role, nothing; a provider only when the host says its
    // right lasts.
    let o = invalidate_as("Kirjattu väärälle asiakkaalle", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("needs the author's role"));
    let o = invalidate_as("Kirjattu väärälle asiakkaalle", &["--role", "provider"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("only the organiser may invalidate"));
    let o = invalidate_as(
        "Kirjattu väärälle asiakkaalle",
        &["--role", "provider", "--invalidator", "provider"],
    );
    assert_success(&o);
    let o = invalidate("Kirjattu väärälle asiakkaalle");
    assert_success(&o);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["documentOid"], oid);
    assert_eq!(r["setId"], oid);
    assert_eq!(r["versionNumber"], 1);
    assert_eq!(r["reason"]["code"], "1");
    assert!(r.get("document").is_none(), "no new content");
    let o = invalidate(" ");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("needs a reason code, its display name and a text"));
    std::fs::remove_dir_all(&dir).ok();
}

/// Renders the filled demo entry as a first version with document OID `oid` into `out`.
fn render_first_version(out: &std::path::Path, oid: &str) {
    let o = run_cli(&[
        "render",
        "structures/demo-kertomus.json",
        "tests/data/demo-kertomus.filled.json",
        "--out",
        out.to_str().unwrap(),
        "--doc-oid",
        oid,
        "--today",
        "2026-11-30",
    ]);
    assert_success(&o);
}

/// Issue 16: "Fields whose notes say they must equal header data … are filled from the
/// context, locked, and checked for agreement." The Yew editor with a host case id: the
/// field holds it, its input is read-only with the reason beside it, an edit to it is
/// refused, and a document loaded with another value gets the case id; without a case id
/// the field is editable as before.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn the_case_id_fields_are_filled_from_the_context_and_locked() {
    use sosmeta_editor::view::state::{Action, EditorState};
    use sosmeta_editor::{DataPath, Edit, Item, Parts, PathToken, Plain};
    use sosmeta_editor::{Editor, EditorProps};
    use std::rc::Rc;
    use yew::Reducible;
    let Some((s, _)) = real("1.2.246.537.6.1506.12015.2024.11.1") else {
        return;
    };
    let case = "1.2.246.10.2012566.95.2026.778465.646";
    let nodes = s.case_id_nodes();
    assert_eq!(nodes.len(), 1, "the structure's one Asianumero");
    let field = nodes[0];
    let render = RenderOptions {
        host: Some(HostContext {
            case_id: Some(case.into()),
            ..HostContext::default()
        }),
        ..RenderOptions::default()
    };
    let html = ssr::<Editor>(yew::props!(EditorProps {
        structure: Rc::new(s.clone()),
        render: render.clone(),
    }));
    let input = regex::Regex::new(r#"<input[^>]*id="sm/[a-z_]+/asianumero"[^>]*>"#).unwrap();
    let tag = input.find(&html).expect("the Asianumero input").as_str();
    assert!(tag.contains(&format!("value=\"{case}\"")), "{tag}");
    assert!(tag.contains("readonly"), "{tag}");
    assert!(html.contains("Asiatunnus tulee asiakirjan metatiedoista eikä sitä muuteta tässä."));
    // Without a case id: editable, empty.
    let html = ssr::<Editor>(yew::props!(EditorProps {
        structure: Rc::new(s.clone()),
    }));
    let tag = input.find(&html).unwrap().as_str();
    assert!(!tag.contains("readonly") && !tag.contains(case), "{tag}");

    // No case id (or a blank one) changes nothing: the state is not assessed again (a
    // second whole assessment on every first paint, issue 24's profile) and no version
    // is spent.
    let plain = editor_state(&s);
    let before = plain.assessment.clone();
    let plain = Rc::new(plain.with_case_id(None).with_case_id(Some("  ")));
    assert!(Rc::ptr_eq(&before, &plain.assessment), "assessed again");
    assert!(plain.locked.is_empty() && plain.case_id.is_none());
    let again = plain.clone().reduce(Action::SetCaseId(Some(" ".into())));
    assert_eq!(again.version, plain.version);
    assert!(Rc::ptr_eq(&before, &again.assessment));

    // The state: an edit to the field is refused; a loaded document gets the case id.
    let st = Rc::new(editor_state(&s).with_case_id(Some(case)));
    let path = DataPath::root()
        .child(PathToken::Node(s.document_node()))
        .child(PathToken::Node(field));
    let value = |st: &EditorState| {
        let doc = st.doc.borrow();
        match doc.item(&path) {
            Some(Item::Parts(p)) => p
                .by_key(&s, field, "value")
                .and_then(Plain::as_text)
                .map(str::to_string),
            _ => None,
        }
    };
    assert_eq!(value(&st).as_deref(), Some(case));
    let st = st.reduce(Action::Edit(Edit::Set {
        path: path.clone(),
        value: Item::Parts(Parts {
            values: vec![(1, Plain::Text("HKI-1".into()))],
            extra: vec![],
        }),
    }));
    assert_eq!(value(&st).as_deref(), Some(case), "the edit was refused");
    assert!(st
        .edit_error
        .as_deref()
        .unwrap()
        .contains("the case id comes from the host context"));
    let mut other = sample_document(&s, SampleMode::Full);
    other.fill_identifier(&s, field, "HKI-1");
    let st = st.reduce(Action::Replace(other));
    assert_eq!(
        value(&st).as_deref(),
        Some(case),
        "a loaded document gets the case id"
    );
    // The host takes the case id away: the field is editable again and keeps its value.
    let st = st.reduce(Action::SetCaseId(None));
    assert!(st.locked.is_empty());
    let st = st.reduce(Action::Edit(Edit::Clear { path: path.clone() }));
    assert_eq!(value(&st), None);
}

/// Issue 16, "Corrections and versions" in the editor: an archived version opened for
/// correction holds its document; the before/after view lists each changed field and
/// marking; the bundle is refused without the reason (naming what is missing) and is then
/// version 2 of the same set, with the reason, in metadata.json and the CDA envelope.
#[test]
fn the_editor_corrects_an_archived_version() {
    use sosmeta_editor::view::state::{Action, Correction, EditorState};
    use sosmeta_editor::{DataPath, Edit, Item, PathToken, Plain};
    use sosmeta_editor::{Editor, EditorProps};
    use std::rc::Rc;
    use yew::Reducible;
    let s = project("demo-kertomus.json");
    let first = "1.2.246.10.2012566.95.2026.1";
    let archived = doc(&s, "tests/data/demo-kertomus.filled.json");
    let meta =
        serde_json::json!({"documentOid": first, "version": {"setId": first, "versionNumber": 1}});
    let delayed = sosmeta_editor::Markings::from_json(
        r#"{"clientAdult": true, "omakanta": {"display": "delayed", "until": "2027-03-01", "reason": {"code": "1", "display": "Vaara"}, "justification": "Viivästys"}}"#,
    )
    .unwrap();
    let c = Rc::new(Correction {
        previous: Rc::new(archived.clone()),
        previous_markings: delayed.clone(),
        version: sosmeta_editor::Version::after_archived(&meta).unwrap(),
    });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let st = Rc::new(editor_state(&s));
    let st = st.reduce(Action::Correct(c.clone()));
    assert!(st.changes.is_empty(), "{:?}", st.changes);
    assert_eq!(*st.markings, delayed, "the archived markings are loaded");
    // The worker corrects the entry and lifts the delay.
    let merkinta = s.child_by_key(s.document_node(), "merkinta").unwrap();
    let path = DataPath::root()
        .child(PathToken::Node(s.document_node()))
        .child(PathToken::Node(merkinta));
    let st = st.reduce(Action::Edit(Edit::Set {
        path,
        value: Item::Plain(Plain::Text("Keskusteltiin asumisesta.".into())),
    }));
    let lifted = sosmeta_editor::Markings {
        host: sosmeta_editor::HostFacts {
            client_adult: true,
            // The corrector's role: the host's word (issue 22).
            author_role: Some(sosmeta_editor::AuthorRole::Organiser),
            ..Default::default()
        },
        ..Default::default()
    };
    let st = st.reduce(Action::SetMarkings(Box::new(lifted)));
    assert_eq!(st.changes.len(), 1);
    assert_eq!(
        (st.changes[0].pointer.as_str(), st.changes[0].kind()),
        ("/demo_asiakaskertomus/merkinta", "changed")
    );
    let mk = st.marking_changes();
    assert_eq!(mk.len(), 1);
    // Typed in the core; the words are the message table's (issue 23).
    let text = |v| sosmeta_editor::messages::marking_value_text(v, sosmeta_editor::Lang::Fi);
    assert_eq!(
        text(&mk[0].before),
        "Näytetään alkaen 01.03.2027 (1 Vaara): Viivästys"
    );
    assert_eq!(text(&mk[0].after), "Näytetään");
    assert_eq!(
        sosmeta_editor::messages::marking_value_text(&mk[0].after, sosmeta_editor::Lang::Sv),
        "Visas"
    );

    // No reason yet: refused, naming both.
    let base = RenderOptions {
        doc_oid: Some("1.2.246.10.2012566.95.2026.2".into()),
        ..RenderOptions::default()
    };
    // The one emit path of the Editor and the element.
    let emit = |st: &EditorState| st.bundle(&base, today);
    let refused = emit(&st).unwrap_err();
    assert!(
        refused.to_string().contains("missing reason code and text"),
        "{refused}"
    );
    let st = st.reduce(Action::CorrectionReason(Some(Code {
        code: "2".into(),
        display_name: "Asiavirhe".into(),
    })));
    let st = st.reduce(Action::CorrectionText("Merkintä oli väärä.".into()));
    let b = emit(&st).unwrap();
    let meta: serde_json::Value =
        serde_json::from_slice(&b.file("metadata.json").unwrap().bytes).unwrap();
    assert_eq!(meta["version"]["setId"], first);
    assert_eq!(meta["version"]["versionNumber"], 2);
    assert_eq!(meta["version"]["replaces"], first);
    assert_eq!(meta["version"]["reasonOfCorrection"]["code"], "2");
    assert_eq!(meta["version"]["correctionText"], "Merkintä oli väärä.");
    assert_eq!(meta["markings"]["omakantaDisplay"], "shown");

    // The panel: version, the changed field before and after, the marking, the reason.
    let html = ssr::<Editor>(yew::props!(EditorProps {
        structure: Rc::new(s.clone()),
        correction: Some(c),
    }));
    assert!(html.contains("Korjaus: versio 2"), "{html}");
    assert!(html.contains("Ei vielä muutoksia."));
    assert!(html.contains(r#"<textarea id="sm-correction-text""#));
}

/// The markings `emit()` hands back (`detail.markings`) are a markings file: what the host
/// archives with the version and gives `correct()` later.
#[test]
fn markings_serialize_as_the_markings_file_they_came_from() {
    for text in [
        r#"{"specialContent": true, "omakanta": {"display": "delayed", "until": "2027-03-01", "reason": {"code": "1", "display": "Vaara"}, "justification": "Viivästys"}, "guardian": {"disclosed": false, "justification": "Lapsen etu", "proposal": "pending", "minorDecision": {"code": "1", "display": "x"}}, "authorRole": "provider", "clientBirthDate": "2012-01-01", "service": {"function": {"code": "24", "display": "Lapsiperheiden palvelut"}}}"#,
        r#"{"omakanta": {"display": "notShown", "reason": {"code": "1", "display": "Vaara"}, "justification": "j"}, "clientAdult": true, "clientTurvakielto": true, "exclusionLifted": true, "extendedRegisterRight": true}"#,
        "{}",
    ] {
        let m = sosmeta_editor::Markings::from_json(text).unwrap();
        let again = serde_json::to_string(&m).unwrap();
        assert_eq!(
            sosmeta_editor::Markings::from_json(&again).unwrap(),
            m,
            "{again}"
        );
    }
}

/// `document::diff` over the corpus (the Full and Minimal samples of every structure, both
/// ways): nothing between a document and itself; every change's old and new value is what
/// the JSON Pointer finds in the old and new canonical JSON (serde_json as the oracle), and
/// they differ; the reverse diff names the same fields with added ↔ removed.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn diff_agrees_with_the_documents_json() {
    use sosmeta_editor::diff;
    let files = corpus();
    for path in files.iter().take(60) {
        let s = sosmeta_editor::Structure::from_json(&read(path)).unwrap();
        let full = sample_document(&s, SampleMode::Full);
        let min = minimal_sample(&s);
        assert!(diff(&s, &full, &full).is_empty());
        let (fj, mj): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(&full.to_canonical_json(&s)).unwrap(),
            serde_json::from_str(&min.to_canonical_json(&s)).unwrap(),
        );
        for (a, b, aj, bj) in [(&full, &min, &fj, &mj), (&min, &full, &mj, &fj)] {
            let forward = diff(&s, a, b);
            assert_eq!(forward.is_empty(), aj == bj, "{}", s.meta.oid);
            for c in &forward {
                let at = |v: &serde_json::Value| v.pointer(&c.pointer).map(|x| x.to_string());
                assert_eq!(c.old_json(&s), at(aj), "{} {} old", s.meta.oid, c.pointer);
                assert_eq!(c.new_json(&s), at(bj), "{} {} new", s.meta.oid, c.pointer);
                assert_ne!(c.old, c.new);
            }
            let mut back: Vec<(String, &str)> = diff(&s, b, a)
                .iter()
                .map(|c| (c.pointer.clone(), c.kind()))
                .map(|(p, k)| {
                    let k = match k {
                        "added" => "removed",
                        "removed" => "added",
                        k => k,
                    };
                    (p, k)
                })
                .collect();
            let mut fwd: Vec<(String, &str)> = forward
                .iter()
                .map(|c| (c.pointer.clone(), c.kind()))
                .collect();
            back.sort();
            fwd.sort();
            assert_eq!(fwd, back, "{}", s.meta.oid);
        }
    }
}
