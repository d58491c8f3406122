//! Issue 16, "The CDA envelope": the unsigned `ClinicalDocument` around the two payloads,
//! compared element by element with the real archive message
//! (`../shared/kanta-samples/asia-ja-rajoitukset.cda-skeleton.xml`), its body decoded back
//! to the payloads byte for byte, and what the host context lacks named.

use chrono::{DateTime, NaiveDate};
use sosmeta_editor::emit::{
    cda_gaps, read_cda, render_bundle, Bundle, CdaGap, RenderOptions, CDA_FILE,
};
use sosmeta_editor::Document;
use sosmeta_editor::HostContext;
use sosmeta_editor::Markings;
use sosmeta_editor::Rules;

use crate::support::*;

const OID: &str = "1.2.246.537.6.1506.15007.2024.11.28";
const DOC_OID: &str = "1.2.246.10.2012566.95.2026.688883.2655274";

fn context() -> HostContext {
    HostContext::from_json(&read(root().join("tests/data/kanta-sample.context.json"))).unwrap()
}

fn sample_markings() -> Markings {
    Markings::from_json(&read(root().join("tests/data/kanta-sample.markings.json"))).unwrap()
}

/// The sample's own times: `20260323105424+0200`.
fn sample_time() -> Option<DateTime<chrono::FixedOffset>> {
    Some(DateTime::parse_from_rfc3339("2026-03-23T10:54:24+02:00").unwrap())
}

fn sample_options() -> RenderOptions {
    sosmeta_editor::resolve(&sosmeta_editor::HostInputs {
        doc_oid: Some(DOC_OID.into()),
        markings: sample_markings(),
        today: NaiveDate::from_ymd_opt(2026, 3, 23),
        context: Some(context()),
        now: sample_time(),
        ..Default::default()
    })
    .unwrap()
}

fn text(b: &Bundle, name: &str) -> String {
    String::from_utf8(b.file(name).unwrap().bytes.clone()).unwrap()
}

/// One element as the comparison sees it: its path of qualified names, its attributes
/// (namespace-qualified, sorted) and its trimmed own text.
#[derive(Debug, PartialEq)]
struct Element {
    path: String,
    attributes: Vec<(String, String)>,
    text: String,
}

/// Every element in document order, without the signer block the host writes at signing
/// (`ep2:signature`) and without the base64 text of the body (the skeleton has comments
/// there).
fn elements(xml: &str) -> Vec<Element> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let qualified = |ns: Option<&str>, name: &str| match ns {
        Some("urn:hl7finland") => format!("ep2:{name}"),
        Some("http://www.w3.org/2001/XMLSchema-instance") => format!("xsi:{name}"),
        _ => name.to_string(),
    };
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        if n.ancestors().any(|a| {
            a.tag_name().name() == "signature" || a.tag_name().name() == "signatureCollection"
        }) {
            continue;
        }
        let path: Vec<String> = n
            .ancestors()
            .filter(|a| a.is_element())
            .map(|a| qualified(a.tag_name().namespace(), a.tag_name().name()))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let mut attributes: Vec<(String, String)> = n
            .attributes()
            .map(|a| (qualified(a.namespace(), a.name()), a.value().to_string()))
            .collect();
        attributes.sort();
        let in_body = n
            .parent_element()
            .is_some_and(|p| p.has_tag_name("nonXMLBody"));
        let text: String = if in_body {
            String::new()
        } else {
            n.children()
                .filter(|c| c.is_text())
                .map(|c| c.text().unwrap_or(""))
                .collect::<String>()
                .trim()
                .to_string()
        };
        out.push(Element {
            path: path.join("/"),
            attributes,
            text,
        });
    }
    out
}

/// Done when: "The sample's header is reproduced from a context file and markings: a test
/// compares our envelope with asia-ja-rajoitukset.cda-skeleton.xml element by element
/// (ignoring the signature and times), and decoding our nonXMLBody gives our payloads byte
/// for byte." (We give the sample's own time, so the times are compared too.)
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn the_sample_header_is_reproduced_element_by_element() {
    let Some(dir) = shared() else { return };
    let Some((s, _)) = real(OID) else { return };
    let skeleton = read(dir.join("kanta-samples/asia-ja-rajoitukset.cda-skeleton.xml"));
    let json = read(dir.join("kanta-samples/lapsiperheiden-asiakassuunnitelma.structured.json"));
    let doc = Document::from_json(&s, &json).unwrap();
    let opts = sample_options();
    assert_eq!(cda_gaps(&s, &opts), vec![]);
    let bundle = render_bundle(&s, &doc, &Rules::default(), &opts).unwrap();
    let ours = text(&bundle, CDA_FILE);
    let (theirs, mine) = (elements(&skeleton), elements(&ours));
    for (i, (t, o)) in theirs.iter().zip(&mine).enumerate() {
        assert_eq!(o, t, "element {i}");
    }
    assert_eq!(mine.len(), theirs.len(), "as many elements as the sample");
    assert!(
        mine.len() > 70,
        "the comparison saw the whole header: {}",
        mine.len()
    );

    let (xhtml, json_bytes) = cda_payloads(&ours);
    assert_eq!(xhtml, bundle.file("document.xhtml").unwrap().bytes);
    assert_eq!(json_bytes, bundle.file("document.json").unwrap().bytes);
    assert!(ours.contains(&format!("<nonXMLBody ID=\"OID{DOC_OID}\">")));

    // The manifest covers the envelope; metadata.json says it was written.
    let manifest: serde_json::Value =
        serde_json::from_str(&text(&bundle, "manifest.json")).unwrap();
    let entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == CDA_FILE)
        .unwrap();
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(ours.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(entry["sha256"], digest.as_str());
    assert_eq!(entry["mediaType"], "application/xml");
    let meta: serde_json::Value = serde_json::from_str(&text(&bundle, "metadata.json")).unwrap();
    assert_eq!(meta["cdaEnvelope"], serde_json::json!({"written": true}));
}

/// The envelope is written only when the context gives the whole header; otherwise the
/// bundle says which members are missing (the payloads do not depend on it).
#[test]
fn what_the_context_lacks_is_named() {
    let s = project("demo-kertomus.json");
    let doc = doc(&s, "tests/data/demo-kertomus.filled.json");
    let opts = RenderOptions {
        doc_oid: Some("1.2.246.10.1.2026.1".into()),
        markings: adult_client(),
        host: Some(HostContext {
            case_id: Some("1.2.246.10.1.2026.9".into()),
            ..HostContext::default()
        }),
        now: sample_time(),
        ..RenderOptions::default()
    };
    let gaps = cda_gaps(&s, &opts);
    for pointer in [
        "/documentType",
        "/client",
        "/author",
        "/custodian",
        "/organiser",
        "/serviceUnit",
        "/functionCode",
        "/serviceProcess",
        "/documentGroup",
        "/registryType",
        "/retentionClass",
        "/software",
    ] {
        assert!(
            gaps.contains(&CdaGap::Missing { pointer }),
            "{pointer} not named: {gaps:?}"
        );
    }
    assert!(!gaps.contains(&CdaGap::Missing { pointer: "/caseId" }));
    assert!(!gaps.contains(&CdaGap::Missing {
        pointer: "/documentOid"
    }));
    let b = render_bundle(&s, &doc, &Rules::default(), &opts).unwrap();
    assert!(b.file(CDA_FILE).is_none());
    let meta: serde_json::Value = serde_json::from_str(&text(&b, "metadata.json")).unwrap();
    assert_eq!(meta["cdaEnvelope"]["written"], false);
    assert!(meta["cdaEnvelope"]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["code"] == "context-member-missing"
            && g["message"] == "the host context has no /client"));
}

/// The context and the markings must agree on the one palvelutehtävä and the one client;
/// the general document type must be the structure's.
#[test]
fn disagreeing_inputs_are_named_not_guessed() {
    let s = subject().s;
    let mut opts = sample_options();
    // The markings say Lastensuojelu, the context Lapsiperheiden palvelut.
    opts.markings = Markings::from_json(
        r#"{"service": {"function": {"code": "10", "display": "Lastensuojelu"}}, "clientBirthDate": "2018-04-18"}"#,
    )
    .unwrap();
    // Decided by `resolve` (issue 23: one conflict policy), refused by the bundle.
    let conflicts = sosmeta_editor::resolve::conflicts(&opts);
    assert!(
        conflicts.iter().any(|c| c.to_string()
            == "/functionCode: the context says '24', the markings '10' (one fact, two values: nothing is guessed)"),
        "{conflicts:?}"
    );
    let refused = render_bundle(&s, &minimal_sample(&s), &Rules::default(), &opts).unwrap_err();
    assert!(
        refused
            .reasons
            .iter()
            .any(|r| r.code() == "inputs-conflict"),
        "{refused}"
    );
    // The markings' birth date is not the henkilötunnus's.
    opts.markings = Markings::from_json(r#"{"clientBirthDate": "2010-01-01"}"#).unwrap();
    let conflicts = sosmeta_editor::resolve::conflicts(&opts);
    assert!(
        conflicts.iter().any(|c| c.to_string()
            == "/client: the context says '2018-04-18', the markings '2010-01-01' (one fact, two values: nothing is guessed)"),
        "{conflicts:?}"
    );
    // A document type that is not the structure's.
    let mut o = sample_options();
    o.host
        .as_mut()
        .unwrap()
        .document_type
        .as_mut()
        .unwrap()
        .display_name = "Päätös".into();
    assert_eq!(
        cda_gaps(&s, &o),
        vec![CdaGap::DocumentTypeName {
            context: "Päätös".into(),
            structure: "Suunnitelma".into()
        }]
    );
}

/// A correction's envelope: the same set id, version 2, its own OID on the body, and the
/// reason of correction with the host's code system (the sample's commented-out
/// `reasonOfCorrection`).
#[test]
fn a_correction_is_version_two_of_the_same_set_in_the_envelope() {
    let Subject { s, json, .. } = subject();
    let doc = Document::from_json(&s, &json).unwrap();
    let mut opts = sample_options();
    let new_oid = "1.2.246.10.2012566.95.2026.688883.2655275";
    // The new version's OID is the document's one OID: the option's and the context's.
    opts.doc_oid = Some(new_oid.into());
    opts.host.as_mut().unwrap().document_oid = Some(new_oid.into());
    opts.host.as_mut().unwrap().version = Some(sosmeta_editor::Version {
        set_id: DOC_OID.into(),
        version_number: 2,
        replaces: Some(DOC_OID.into()),
        reason: Some(sosmeta_editor::Code {
            code: "3".into(),
            display_name: "Asiavirheen korjaus".into(),
        }),
        reason_code_system: Some("1.2.246.10.2012566.99.1".into()),
        text: Some("Palveluprosessin vaihe korjattu".into()),
        corrector: None,
        structure: None,
    });
    // Who corrects is the host's word (issue 22: no role, no correction).
    opts.markings.host.author_role = Some(sosmeta_editor::AuthorRole::Organiser);
    let b = render_bundle(&s, &doc, &Rules::default(), &opts).unwrap();
    let x = text(&b, CDA_FILE);
    let d = roxmltree::Document::parse(&x).unwrap();
    let attr = |name: &str, a: &str| {
        d.descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name)
            .and_then(|n| n.attribute(a))
            .map(str::to_string)
    };
    assert_eq!(attr("setId", "root").as_deref(), Some(DOC_OID));
    assert_eq!(attr("versionNumber", "value").as_deref(), Some("2"));
    assert_eq!(attr("id", "root").as_deref(), Some(new_oid));
    assert_eq!(attr("nonXMLBody", "ID"), Some(format!("OID{new_oid}")));
    assert_eq!(attr("reasonOfCorrection", "code").as_deref(), Some("3"));
    assert_eq!(
        attr("reasonOfCorrection", "codeSystem").as_deref(),
        Some("1.2.246.10.2012566.99.1")
    );
    assert_eq!(
        attr("reasonOfCorrection", "displayName").as_deref(),
        Some("Asiavirheen korjaus")
    );
}

/// Hostile text in the context (markup, quotes, line breaks) stays text: the envelope
/// parses and gives the values back as given.
#[test]
fn hostile_context_text_stays_text() {
    let s = subject().s;
    let doc = minimal_sample(&s);
    let mut opts = sample_options();
    let evil = "A&B <script>\"x\"</script>\n'y'\u{7}";
    client_of(&s, &doc, &mut opts);
    {
        let h = opts.host.as_mut().unwrap();
        h.client.as_mut().unwrap().family = evil.into();
        h.organiser.as_mut().unwrap().name = evil.into();
        h.case_id = None;
    }
    // One organiser name: the display form's and the context's.
    opts.organisation = Some(evil.into());
    opts.host.as_mut().unwrap().case_id = Some("1.2.246.10.2012566.95.2026.778465.646".into());
    let b = match render_bundle(&s, &doc, &Rules::default(), &opts) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    };
    let x = text(&b, CDA_FILE);
    let d = roxmltree::Document::parse(&x).unwrap();
    let family = d
        .descendants()
        .find(|n| n.has_tag_name("family"))
        .and_then(|n| n.text())
        .unwrap();
    // The one character XML 1.0 cannot carry (BEL) becomes U+FFFD; the rest comes back.
    assert_eq!(family, "A&B <script>\"x\"</script>\n'y'\u{FFFD}");
    assert!(!x.contains("<script>"));
}

/// `sosmeta cda` writes the bundle with the envelope, or names what the context lacks
/// (exit 1).
#[test]
fn sosmeta_cda_writes_the_envelope_or_names_the_gaps() {
    let Subject {
        structure,
        document,
        ..
    } = subject();
    let out = scratch("cda");
    let ctx = root().join("tests/data/kanta-sample.context.json");
    let markings = root().join("tests/data/kanta-sample.markings.json");
    let o = run_cli(&[
        "cda",
        structure.to_str().unwrap(),
        document.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--context",
        ctx.to_str().unwrap(),
        "--markings",
        markings.to_str().unwrap(),
        "--today",
        "2026-03-23",
        "--time",
        "2026-03-23T10:54:24+02:00",
    ]);
    assert_success(&o);
    let cda = read(out.join(CDA_FILE));
    if let Some(dir) = shared() {
        let skeleton = read(dir.join("kanta-samples/asia-ja-rajoitukset.cda-skeleton.xml"));
        assert_eq!(elements(&cda), elements(&skeleton));
    }
    let (_, json) = cda_payloads(&cda);
    assert_eq!(json, std::fs::read(out.join("document.json")).unwrap());

    // Without a context: exit 1, each gap named with the context file's name.
    let empty = out.join("empty.json");
    std::fs::write(&empty, "{}").unwrap();
    let o = run_cli(&[
        "cda",
        structure.to_str().unwrap(),
        document.to_str().unwrap(),
        "--out",
        out.join("b").to_str().unwrap(),
        "--context",
        empty.to_str().unwrap(),
        "--markings",
        markings.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("empty.json: no CDA envelope: the host context has no /client"),
        "{err}"
    );
    assert!(!out.join("b").exists());

    // A bad time is an unusable input.
    let o = run_cli(&[
        "cda",
        structure.to_str().unwrap(),
        document.to_str().unwrap(),
        "--out",
        out.join("c").to_str().unwrap(),
        "--time",
        "yesterday",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

/// Done when: "Round trip: render → correct → render gives version 2 with the same set id,
/// the reason, a diff, and payloads that validate" — here from the archived envelope
/// itself: `sosmeta unpack` gives its payloads back, `render --corrects v1/document.cda.xml`
/// makes version 2 of the same set, and the library reads every envelope it writes.
#[test]
fn a_correction_opens_from_the_archived_envelope() {
    let Subject {
        structure,
        document: sample,
        ..
    } = subject();
    let scratch = scratch("cda-rt");
    let p = |x: &str| scratch.join(x).to_str().unwrap().to_string();
    let structure = structure.to_str().unwrap();
    let ctx = root().join("tests/data/kanta-sample.context.json");
    let markings = root().join("tests/data/kanta-sample.markings.json");
    let (ctx, markings) = (ctx.to_str().unwrap(), markings.to_str().unwrap());
    let common = [
        "--markings",
        markings,
        "--today",
        "2026-03-23",
        "--time",
        "2026-03-23T10:54:24+02:00",
    ];
    let mut args = vec!["cda", structure, sample.to_str().unwrap(), "--out"];
    let v1 = p("v1");
    args.extend([v1.as_str(), "--context", ctx]);
    args.extend(common);
    let o = run_cli(&args);
    assert_success(&o);

    // Unpack the archived envelope: the payloads come back byte for byte.
    let unpacked = p("unpacked");
    let o = run_cli(&[
        "unpack",
        &format!("{v1}/document.cda.xml"),
        "--out",
        &unpacked,
    ]);
    assert_success(&o);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("documentOid: {DOC_OID}\nsetId: {DOC_OID}\nversionNumber: 1\n")
    );
    assert_eq!(
        read(format!("{unpacked}/document.json")),
        read(format!("{v1}/document.json"))
    );
    assert_eq!(
        read(format!("{unpacked}/document.xhtml")),
        read(format!("{v1}/document.xhtml"))
    );
    // Unpacked into the envelope's own folder: the envelope, metadata.json and
    // manifest.json stay (issue 23: "an output step removes only what it wrote before").
    let before: Vec<String> = ["document.cda.xml", "metadata.json", "manifest.json"]
        .iter()
        .map(|n| read(format!("{v1}/{n}")))
        .collect();
    let o = run_cli(&["unpack", &format!("{v1}/document.cda.xml"), "--out", &v1]);
    assert_success(&o);
    let after: Vec<String> = ["document.cda.xml", "metadata.json", "manifest.json"]
        .iter()
        .map(|n| read(format!("{v1}/{n}")))
        .collect();
    assert_eq!(before, after);

    // The worker corrects the service process text; version 2 from the envelope.
    let mut doc: serde_json::Value =
        serde_json::from_str(&read(format!("{unpacked}/document.json"))).unwrap();
    let text = doc.to_string();
    let changed = text.replacen("Sosh-Aik", "Sosh-Aik-Korjattu", 1);
    assert_ne!(text, changed, "the sample names its client");
    doc = serde_json::from_str(&changed).unwrap();
    let corrected = p("corrected.json");
    std::fs::write(&corrected, doc.to_string()).unwrap();
    let mut c2: serde_json::Value = serde_json::from_str(&read(ctx)).unwrap();
    let v2_oid = "1.2.246.10.2012566.95.2026.688883.2655275";
    c2["documentOid"] = v2_oid.into();
    c2["version"] = serde_json::json!({"reason": {"code": "1", "displayName": "Kirjausvirhe"}, "reasonCodeSystem": "1.2.246.10.2012566.99.1", "text": "Sukunimi korjattu."});
    let ctx2 = p("context2.json");
    std::fs::write(&ctx2, c2.to_string()).unwrap();
    let v2 = p("v2");
    let mut args = vec!["cda", structure, corrected.as_str(), "--out", v2.as_str()];
    let cda1 = format!("{v1}/document.cda.xml");
    args.extend(["--context", ctx2.as_str(), "--corrects", cda1.as_str()]);
    args.extend(common);
    let o = run_cli(&args);
    assert_success(&o);
    let a = read_cda(&read(format!("{v2}/document.cda.xml"))).unwrap();
    assert_eq!(
        (a.document_oid.as_str(), a.set_id.as_str(), a.version_number),
        (v2_oid, DOC_OID, 2)
    );
    assert!(read(format!("{v2}/document.cda.xml")).contains(
        r#"<ep2:reasonOfCorrection code="1" codeSystem="1.2.246.10.2012566.99.1" displayName="Kirjausvirhe"/>"#
    ));
    // The diff names the change; the corrected payload validates.
    let o = run_cli(&[
        "diff",
        structure,
        &format!("{unpacked}/document.json"),
        &format!("{v2}/document.json"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Sosh-Aik-Korjattu"));
    let o = run_cli(&["validate", structure, &format!("{v2}/document.json")]);
    assert_success(&o);
}

/// An envelope that cannot be read back says where and what, never panics.
#[test]
fn unreadable_envelopes_are_named() {
    let good = {
        let s = subject().s;
        let doc = minimal_sample(&s);
        let mut opts = sample_options();
        client_of(&s, &doc, &mut opts);
        opts.host.as_mut().unwrap().case_id = None;
        let mut o = opts.clone();
        o.host.as_mut().unwrap().case_id = Some("1.2.246.10.2012566.95.2026.778465.646".into());
        let b = render_bundle(&s, &doc, &Rules::default(), &o).unwrap();
        let x = text(&b, CDA_FILE);
        let a = read_cda(&x).unwrap();
        assert_eq!(
            a.document_json.as_bytes(),
            b.file("document.json").unwrap().bytes
        );
        x
    };
    let cases: Vec<(String, &str)> = vec![
        ("not xml <".into(), "/"),
        ("<html/>".into(), "/"),
        (
            good.replace("<setId ", "<setIdX "),
            "/ClinicalDocument/setId: missing",
        ),
        (
            good.replace(
                r#"<versionNumber value="1"/>"#,
                r#"<versionNumber value="x"/>"#,
            ),
            "/ClinicalDocument/versionNumber: not a version number",
        ),
        (
            good.replacen(&format!(r#"ID="OID{DOC_OID}""#), r#"ID="OID1.2.3""#, 1),
            "/ClinicalDocument/component/nonXMLBody: its ID is not OID + the document OID",
        ),
        (
            good.replacen(
                r#"<ep2:json xmlns:ep2="urn:hl7finland">"#,
                r#"<ep2:json xmlns:ep2="urn:hl7finland">!!"#,
                1,
            ),
            "/ClinicalDocument/component/nonXMLBody/ep2:json: not base64",
        ),
    ];
    for (xml, want) in cases {
        let e = read_cda(&xml).unwrap_err().to_string();
        assert!(e.starts_with(want), "{want} → {e}");
    }
}

/// The element's `correct({ cda })`: the archived envelope's structured payload is the
/// document, its header the version; a broken envelope is `archived-invalid` with its path.
#[test]
fn the_element_opens_a_correction_from_an_envelope() {
    use sosmeta_editor::view::host::parse_correction_cda;
    let Subject { s, json, .. } = subject();
    let doc = Document::from_json(&s, &json).unwrap();
    let b = render_bundle(&s, &doc, &Rules::default(), &sample_options()).unwrap();
    let cda = text(&b, CDA_FILE);
    let c = parse_correction_cda(
        &s,
        &sosmeta_editor::emit::cda_parts(&cda),
        &read(root().join("tests/data/kanta-sample.markings.json")),
    )
    .unwrap();
    assert_eq!(*c.previous, doc);
    assert_eq!(
        (c.version.set_id.as_str(), c.version.version_number),
        (DOC_OID, 2)
    );
    assert_eq!(c.version.replaces.as_deref(), Some(DOC_OID));
    assert!(c.previous_markings.special_content);
    let e = parse_correction_cda(
        &s,
        &sosmeta_editor::emit::cda_parts(&cda.replace("<versionNumber value=\"1\"/>", "")),
        "",
    )
    .unwrap_err();
    assert_eq!(
        (e.code, e.source.as_str(), e.pointer.as_str()),
        (
            "archived-invalid",
            "archived.cda",
            "/ClinicalDocument/versionNumber"
        )
    );
}
