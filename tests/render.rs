//! Display form and bundle: golden files, refusals, options, hostile text.

use sosmeta_editor::Lang;
use sosmeta_editor::Rules;
use sosmeta_editor::{
    render_bundle, render_draft, write_xhtml, Refusal, RenderOptions, XhtmlOptions,
};
use sosmeta_editor::{sample_document, Document, SampleMode};

use crate::support::*;

fn bundle_golden(prefix: &str, s: &sosmeta_editor::Structure, d: &Document, opts: &RenderOptions) {
    let b = render_bundle(s, d, &Rules::default(), opts).unwrap();
    for f in &b.files {
        let text = std::str::from_utf8(&f.bytes).unwrap();
        golden(&format!("{prefix}.{}", f.name), text);
    }
    assert_safe_xhtml(std::str::from_utf8(&b.file("document.xhtml").unwrap().bytes).unwrap());
}

#[test]
fn golden_demo_kertomus() {
    let s = project("demo-kertomus.json");
    let d = doc(&s, "tests/data/demo-kertomus.filled.json");
    bundle_golden(
        "demo-kertomus",
        &s,
        &d,
        &RenderOptions {
            doc_oid: Some("1.2.246.10.1.2026.1".into()),
            organisation: Some("Demo-hyvinvointialue".into()),
            ..Default::default()
        },
    );
    bundle_golden(
        "demo-kertomus.sv",
        &s,
        &d,
        &RenderOptions {
            lang: Lang::Sv,
            ..Default::default()
        },
    );
}

#[test]
fn golden_all_kinds() {
    let s = project("demo-kaikki-tietotyypit.json");
    let d = sample_document(&s, SampleMode::Full);
    let adult = RenderOptions {
        markings: adult_client(),
        ..Default::default()
    };
    bundle_golden("demo-kaikki-tietotyypit", &s, &d, &adult);
    let print = write_xhtml(
        &s,
        &d,
        &[],
        &XhtmlOptions {
            print: true,
            ..Default::default()
        },
    );
    assert!(print.contains("<h1 class=\"soc-title\">Allekirjoitus</h1>"));
    let screen = write_xhtml(&s, &d, &[], &XhtmlOptions::default());
    assert!(
        !screen.contains("Allekirjoitus"),
        "signature lines only on paper"
    );
    let unmasked = write_xhtml(
        &s,
        &d,
        &[],
        &XhtmlOptions {
            mask_hetu: false,
            ..Default::default()
        },
    );
    assert!(
        unmasked.contains("131052-308T")
            && !screen.contains("131052-308T")
            && screen.contains("131052*****")
    );
}

#[test]
fn golden_real_structures() {
    for oid in [
        "1.2.246.537.6.1506.3010.2023.9.8",
        "1.2.246.537.6.1505.1.2023.6.1",
    ] {
        let Some((s, _)) = real(oid) else { return };
        let d = sample_document(&s, SampleMode::Full);
        let adult = RenderOptions {
            markings: sosmeta_editor::Markings {
                host: sosmeta_editor::HostFacts {
                    // 1505.1 is the organiser's client record: the role is the host's word.
                    author_role: Some(sosmeta_editor::AuthorRole::Organiser),
                    ..adult_client().host
                },
                ..adult_client()
            },
            ..Default::default()
        };
        bundle_golden(oid, &s, &d, &adult);
    }
}

#[test]
fn no_bundle_for_errors_or_unpublished_structures() {
    let s = project("demo-luonnos.json");
    let d = Document::from_json(&s, r#"{"demo_luonnos":{"kuvaus":"Kuvaus"}}"#).unwrap();
    let adult = RenderOptions {
        markings: adult_client(),
        ..Default::default()
    };
    let refused = render_bundle(&s, &d, &Rules::default(), &adult).unwrap_err();
    assert_eq!(
        refused.reasons,
        [Refusal::NotValmis {
            status: "Luonnos".into()
        }]
    );
    let (_, x) = render_draft(&s, &d, &Rules::default(), &RenderOptions::default());
    assert!(x.contains("<p class=\"soc-draft\">LUONNOS"));
    assert_safe_xhtml(&x);

    let s = project("demo-kertomus.json");
    let d = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"merkinta":"M"}}"#).unwrap();
    let refused = render_bundle(
        &s,
        &d,
        &Rules::default(),
        &RenderOptions {
            doc_oid: Some("OID:1".into()),
            markings: adult_client(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(refused.reasons.len(), 2);
    assert!(matches!(&refused.reasons[0], Refusal::Errors { issues } if issues.len() == 5));
    assert_eq!(
        refused.reasons[1],
        Refusal::BadDocOid {
            value: "OID:1".into()
        }
    );
    assert_eq!(
        refused.to_string(),
        "no signed-ready bundle: the document has 5 error(s); document OID 'OID:1' is not a dotted-decimal OID"
    );
}

#[test]
fn hostile_text_is_escaped_in_the_display_form() {
    let s = project("demo-kertomus.json");
    let hostile = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "]]><!--",
        "&amp; &#x3C; &lt;",
        "\u{0}\u{1b}\u{7f}",
        "\u{202e}käänteinen",
        "\" onmouseover=\"x",
    ];
    for h in hostile {
        let mut v: serde_json::Value =
            serde_json::from_str(&read(root().join("tests/data/demo-kertomus.filled.json")))
                .unwrap();
        v["demo_asiakaskertomus"]["merkinta"] = serde_json::json!(h);
        v["demo_asiakaskertomus"]["asiakas"][0]["sukunimi"] = serde_json::json!(h);
        let d = Document::from_value(&s, &v).unwrap();
        let b = render_bundle(&s, &d, &Rules::default(), &RenderOptions::default()).unwrap();
        let x = std::str::from_utf8(&b.file("document.xhtml").unwrap().bytes).unwrap();
        assert_safe_xhtml(x);
        let parsed = roxmltree::Document::parse(x).unwrap();
        let texts: String = parsed.descendants().filter_map(|n| n.text()).collect();
        let expected: String = h
            .chars()
            .map(|c| {
                if (c as u32) < 0x20 && c != '\n' {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect();
        assert!(texts.contains(&expected), "{h:?} not shown as text");
        // The structured form keeps the text exactly.
        let j: serde_json::Value =
            serde_json::from_slice(&b.file("document.json").unwrap().bytes).unwrap();
        assert_eq!(j["demo_asiakaskertomus"]["merkinta"], h);
    }
}

#[test]
fn hidden_by_rule_is_not_displayed() {
    let s = project("demo-kertomus.json");
    let rules =
        sosmeta_editor::RuleSet::from_json(&read(root().join("rules/demo-kertomus.rules.json")))
            .unwrap()
            .compile(&s)
            .unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&read(root().join("tests/data/demo-kertomus.filled.json"))).unwrap();
    v["demo_asiakaskertomus"]["kayntityyppi"]["code"] = serde_json::json!("2");
    let d = Document::from_value(&s, &v).unwrap();
    let b = render_bundle(&s, &d, &rules, &RenderOptions::default()).unwrap();
    let x = std::str::from_utf8(&b.file("document.xhtml").unwrap().bytes).unwrap();
    assert!(!x.contains("Asiakas osallistui"));
    let plain = render_bundle(&s, &d, &Rules::default(), &RenderOptions::default()).unwrap();
    assert!(
        std::str::from_utf8(&plain.file("document.xhtml").unwrap().bytes)
            .unwrap()
            .contains("Asiakas osallistui")
    );
}

/// Issue 16: the display form's header and footer follow the structures' own notes —
/// "Asianumero näytetään asiakirjan ylätunnisteessa" (`soc-hdr3`) and "Versiotunnuksena
/// näytetään asiakirjan alatunnisteessa otsikko-kentässä oleva tunnus" (`soc-ftr1`); the
/// sample's `soc-hdr1` organisation and `soc-hdr2` general document type stay.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn header_and_footer_identifiers_follow_the_structures_notes() {
    let Some((s, _)) = real("1.2.246.537.6.1506.11062.2024.11.4") else {
        return;
    };
    let mut v: serde_json::Value =
        serde_json::from_str(&sample_document(&s, SampleMode::Full).to_canonical_json(&s)).unwrap();
    let top = v.as_object_mut().unwrap().values_mut().next().unwrap();
    let text = top.to_string();
    let text = text
        .replacen(
            "\"asianumero\":{\"system\":\"urn:oid:1.2.246.537.6.1\",\"value\":\"TUNNUS-1\"}",
            "\"asianumero\":{\"system\":\"urn:oid:1.2.246.537.6.1\",\"value\":\"ASIA-2026-77\"}",
            1,
        )
        .replacen(
            "\"versiotunnus\":{\"system\":\"urn:oid:1.2.246.537.6.1\",\"value\":\"TUNNUS-1\"}",
            "\"versiotunnus\":{\"system\":\"urn:oid:1.2.246.537.6.1\",\"value\":\"LOMAKE-3.1\"}",
            1,
        );
    *top = serde_json::from_str(&text).unwrap();
    let d = Document::from_value(&s, &v).unwrap();
    let x = write_xhtml(
        &s,
        &d,
        &[],
        &XhtmlOptions {
            organisation: Some("Testin hyvinvointialue".into()),
            ..Default::default()
        },
    );
    let between = |a: &str, b: &str| {
        let i = x.find(a).unwrap() + a.len();
        x[i..i + x[i..].find(b).unwrap()].to_string()
    };
    assert_eq!(
        between("<div class=\"soc-hdr1\">", "</div>"),
        "Testin hyvinvointialue"
    );
    assert!(!between("<div class=\"soc-hdr2\">", "</div>").is_empty());
    assert!(
        between("<div class=\"soc-hdr3\">", "</div>").ends_with(": ASIA-2026-77"),
        "{x}"
    );
    assert!(
        between("<div class=\"soc-ftr1\">", "</div>").ends_with(": LOMAKE-3.1"),
        "{x}"
    );
    assert_safe_xhtml(&x);
}
