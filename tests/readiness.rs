//! Issue 23, "May this be archived? has two answers": the element's `validate()` said
//! `valid: true` for documents `emit()` then refused. Now both come from one list
//! ([`sosmeta_editor::emit::refusals`]): for every refusal there is, `valid` is exactly
//! "the bundle is made", and the refusal reaches the host by its code.

use sosmeta_editor::assess;
use sosmeta_editor::emit::{refusals, render_bundle_assessed, RenderOptions};
use sosmeta_editor::view::host;
use sosmeta_editor::Document;
use sosmeta_editor::Lang;
use sosmeta_editor::Rules;
use sosmeta_editor::Structure;
use sosmeta_editor::{AuthorRole, Markings};
use sosmeta_editor::{HostContext, Version};

use crate::support::*;

const S: &str = "structures/demo-kertomus.json";
const FIRST: &str = "1.2.246.10.12345678.15000.2026.1";
const SECOND: &str = "1.2.246.10.12345678.15000.2026.2";

/// One case: the structure text, the document file, the options.
struct Case {
    structure: String,
    document: &'static str,
    opts: RenderOptions,
}

impl Case {
    /// The structure and the document.
    fn loaded(&self) -> (Structure, Document) {
        let s = Structure::from_json(&self.structure).unwrap();
        let doc = Document::from_json(&s, &read(root().join(self.document))).unwrap();
        (s, doc)
    }

    /// [`Case::loaded`], assessed under the case's markings and day.
    fn assessed(&self) -> (Structure, Document, sosmeta_editor::Assessment) {
        let (s, doc) = self.loaded();
        let a = assess(
            &s,
            &doc,
            &Rules::default(),
            &self.opts.markings,
            self.opts.context(),
        );
        (s, doc, a)
    }
}

fn base() -> Case {
    Case {
        structure: read(root().join(S)),
        document: "tests/data/demo-kertomus.filled.json",
        opts: RenderOptions {
            markings: Markings {
                host: sosmeta_editor::HostFacts {
                    author_role: Some(AuthorRole::Organiser),
                    ..adult_client().host
                },
                ..adult_client()
            },
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
            now: Some(chrono::DateTime::parse_from_rfc3339("2026-11-30T10:00:00+02:00").unwrap()),
            doc_oid: Some(FIRST.into()),
            ..RenderOptions::default()
        },
    }
}

/// A correction of [`FIRST`] as version 2 with OID [`SECOND`], reason and text given.
fn correction() -> Case {
    let mut c = base();
    c.opts.doc_oid = Some(SECOND.into());
    c.opts.host = Some(HostContext {
        version: Some(Version {
            set_id: FIRST.into(),
            version_number: 2,
            replaces: Some(FIRST.into()),
            reason: Some(sosmeta_editor::Code {
                code: "2".into(),
                display_name: "Asiavirhe".into(),
            }),
            text: Some("Korjattu.".into()),
            ..Version::default()
        }),
        ..HostContext::default()
    });
    c
}

fn version(c: &mut Case) -> &mut Version {
    c.opts.host.as_mut().unwrap().version.as_mut().unwrap()
}

/// Every refusal, each made by what the issue and the bundle name.
fn cases() -> Vec<(&'static str, Case)> {
    let mut v = Vec::new();
    v.push(("", base()));
    v.push(("", correction()));
    let mut c = base();
    c.structure = c
        .structure
        .replacen("\"status\": \"Valmis\"", "\"status\": \"Luonnos\"", 1);
    v.push(("structure-not-valmis", c));
    let mut c = base();
    c.document = "tests/data/demo-kertomus.invalid.json";
    v.push(("document-has-errors", c));
    let mut c = base();
    c.opts.markings.host.author_role = None;
    // Not shown, with no reason code and no author role.
    c.opts.markings.omakanta = sosmeta_editor::OmaKanta::NotShown {
        reason: None,
        justification: String::new(),
    };
    v.push(("markings-incomplete", c));
    let mut c = base();
    c.opts.doc_oid = Some("OID-1".into());
    v.push(("document-oid-invalid", c));
    let mut c = base();
    c.structure = c
        .structure
        .replacen("1.2.246.537.6.1506.99901.2026.11.22", "1.2.3", 1);
    v.push(("structure-oid-invalid", c));
    let mut c = base();
    c.structure = c
        .structure
        .replacen("\"merkinta\": {", "\"merkinta\": {\"maxLength\": 3,", 1);
    v.push(("structure-keywords-unevaluated", c));
    let mut c = correction();
    version(&mut c).reason = None;
    v.push(("correction-reason-missing", c));
    let mut c = correction();
    c.opts.doc_oid = Some(FIRST.into());
    v.push(("correction-needs-new-oid", c));
    let mut c = correction();
    version(&mut c).structure = Some("1.2.246.537.6.1506.3010.2023.9.8".into());
    v.push(("correction-structure-changed", c));
    let mut c = base();
    c.opts.host = Some(HostContext {
        version: Some(Version {
            set_id: FIRST.into(),
            version_number: 1,
            replaces: Some(SECOND.into()),
            ..Version::default()
        }),
        ..HostContext::default()
    });
    v.push(("version-inconsistent", c));
    let mut c = correction();
    version(&mut c).corrector = Some("provider".into());
    v.push(("corrector-not-allowed", c));
    let mut c = base();
    // The client's henkilötunnus field tied to the header's case id by its note (as 19
    // real fields are).
    c.structure = c.structure.replacen(
        "Ehdollisesti pakollinen: Henkilötunnus- ja Syntymäaika -kentistä toinen on pakollinen.",
        "Asianumeron tulee olla sama kuin asiakirjan metatiedoissa oleva asiatunnus.",
        1,
    );
    c.opts.host = Some(HostContext {
        case_id: Some("1.2.246.10.1.2026.9".into()),
        ..HostContext::default()
    });
    v.push(("case-id-mismatch", c));
    let mut c = base();
    c.opts.host = Some(
        HostContext::from_json(
            r#"{"client": {"id": {"root": "1.2.246.21", "extension": "010101-123N"}, "given": "Aino", "family": "Muu"}}"#,
        )
        .unwrap(),
    );
    c.opts.markings.host.client_adult = true;
    v.push(("client-not-in-document", c));
    let mut c = base();
    c.opts.host = Some(HostContext {
        document_oid: Some(SECOND.into()),
        ..HostContext::default()
    });
    v.push(("inputs-conflict", c));
    v
}

#[test]
fn validate_says_valid_exactly_when_emit_gives_a_bundle_for_every_refusal() {
    let mut seen = std::collections::BTreeSet::new();
    for (expected, c) in cases() {
        let (s, doc, a) = c.assessed();
        let list = refusals(&s, &doc, &a, &c.opts);
        let bundle = render_bundle_assessed(&s, &doc, &a, &c.opts);
        let detail = host::validate_detail(&a, &list, None, Lang::Fi);
        assert_eq!(detail["valid"], bundle.is_ok(), "{expected}: {detail}");
        let codes: Vec<&str> = list.iter().map(|r| r.code()).collect();
        match &bundle {
            Ok(_) => assert!(expected.is_empty(), "{expected}: a bundle was made"),
            Err(r) => {
                assert_eq!(r.reasons, list, "{expected}");
                assert!(codes.contains(&expected), "{expected}: {codes:?}");
                // The host reads the same codes in the detail.
                let in_detail: Vec<&str> = detail["refusals"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x["code"].as_str().unwrap())
                    .collect();
                assert_eq!(in_detail, codes, "{expected}");
                // Every refusal has the worker's words in Finnish and Swedish (issue 23: they
                // reached workers as English).
                use sosmeta_editor::messages::{refusal_message, MessageLang};
                for r in &list {
                    let (fi, sv) = (
                        refusal_message(r, MessageLang::Fi),
                        refusal_message(r, MessageLang::Sv),
                    );
                    assert!(
                        !fi.is_empty() && fi != sv && fi != r.to_string(),
                        "{expected}: {fi}"
                    );
                }
                seen.insert(expected);
            }
        }
    }
    // Every refusal the bundle has was made above.
    assert_eq!(seen.len(), 14, "{seen:?}");
}

/// "validate() agrees with emit()" through the editor's own state too: the one path the
/// Editor's button and the element's `emit()` take ([`EditorState::bundle`]).
#[test]
fn the_editor_state_gives_the_same_answer() {
    for (expected, c) in cases() {
        let (s, doc) = c.loaded();
        let today = c.opts.today.unwrap();
        let st = sosmeta_editor::view::state::EditorState::new(
            std::rc::Rc::new(s),
            std::rc::Rc::new(Rules::default()),
            doc,
            Lang::Fi,
            c.opts.markings.clone(),
            sosmeta_editor::Context { today },
        );
        let list = st.refusals(&c.opts, today);
        assert_eq!(
            list.is_empty(),
            st.bundle(&c.opts, today).is_ok(),
            "{expected}"
        );
    }
}

/// Issue 23, "the manifest is serialised and parsed back for an event": the bundle keeps
/// it typed, and the typed manifest is exactly the bytes of `manifest.json`.
#[test]
fn the_typed_manifest_is_the_manifest_file() {
    let c = base();
    let (s, doc, a) = c.assessed();
    let b = render_bundle_assessed(&s, &doc, &a, &c.opts).unwrap();
    assert_eq!(
        serde_json::to_string(&b.manifest).unwrap().as_bytes(),
        b.file("manifest.json").unwrap().bytes.as_slice()
    );
    assert_eq!(b.manifest.files.len(), b.files.len() - 1);
    let d = host::emit_detail(&b);
    assert_eq!(d["manifest"], serde_json::to_value(&b.manifest).unwrap());
}
