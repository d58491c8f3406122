//! The real Kanta sample: its structured form validates, and our display form has the same
//! headings and "Label: value" lines as the sample's, except documented differences.

use chrono::NaiveDate;
use sosmeta_editor::document::Document;
use sosmeta_editor::emit::{render_bundle, RenderOptions};
use sosmeta_editor::restrict::{Coded, GuardianMark, Markings, OmaKanta, ProposalState};
use sosmeta_editor::validate::{validate, Rules};

use crate::support::*;

const OID: &str = "1.2.246.537.6.1506.15007.2024.11.28";
const DOC_OID: &str = "1.2.246.10.2012566.95.2026.688883.2655274";

/// (heading, lines) of every `soc-item`, read with an XML parser.
fn items(xhtml: &str) -> Vec<(String, Vec<String>)> {
    let doc = roxmltree::Document::parse(xhtml).unwrap();
    let class = |n: &roxmltree::Node, c: &str| n.attribute("class") == Some(c);
    doc.descendants()
        .filter(|n| class(n, "soc-item"))
        .map(|item| {
            let heading = item
                .descendants()
                .find(|n| class(n, "soc-title"))
                .and_then(|h| h.text())
                .unwrap_or("")
                .to_string();
            let mut lines = Vec::new();
            for p in item.descendants().filter(|n| n.has_tag_name("p")) {
                let mut cur = String::new();
                for n in p.descendants() {
                    if n.has_tag_name("br") {
                        lines.push(std::mem::take(&mut cur));
                    } else if n.is_text() {
                        cur.push_str(n.text().unwrap());
                    }
                }
                lines.push(cur);
            }
            lines.retain(|l| !l.trim().is_empty());
            (
                heading,
                lines.into_iter().map(|l| l.trim().to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn sample_structured_form_validates_and_display_matches() {
    let Some(dir) = shared() else { return };
    let Some((s, _)) = real(OID) else { return };
    let json = read(dir.join("kanta-samples/lapsiperheiden-asiakassuunnitelma.structured.json"));
    let doc = Document::from_json(&s, &json).unwrap();
    let report = validate(&s, &doc, &Rules::default());
    assert!(
        !report.has_errors(),
        "{:?}",
        report.errors().collect::<Vec<_>>()
    );

    // The markings the real sample's CDA header carried: special content K, a delay with
    // reason 1 and text "Viivästys 1", guardian consent code 1 (the client is a minor).
    let markings = Markings {
        special_content: true,
        omakanta: OmaKanta::Delayed {
            until: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            reason: Some(Coded { code: "1".into(), display: "Asiakirjan näyttämisestä aiheutuu vaaraa asiakkaan terveydelle tai kehitykselle".into() }),
            justification: "Viivästys 1".into(),
        },
        guardian: Some(GuardianMark {
            disclosed: true,
            minor_decision: Some(Coded { code: "1".into(), display: "Alaikäinen ei kiellä".into() }),
            justification: String::new(),
            proposal: ProposalState::Decided,
        }),
        ..Markings::default()
    };
    let today = Some(NaiveDate::from_ymd_opt(2026, 3, 23).unwrap());
    let refused = render_bundle(
        &s,
        &doc,
        &Rules::default(),
        &RenderOptions {
            doc_oid: Some(DOC_OID.into()),
            today,
            ..RenderOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(refused.to_string(), "no signed-ready bundle: restriction markings: the client is a minor, or the age is not known: mark whether the document is shown to the guardian");
    let opts = RenderOptions {
        doc_oid: Some(DOC_OID.into()),
        markings,
        today,
        ..RenderOptions::default()
    };
    let bundle = render_bundle(&s, &doc, &Rules::default(), &opts).unwrap();
    let ours_x = String::from_utf8(bundle.file("document.xhtml").unwrap().bytes.clone()).unwrap();
    assert!(ours_x.starts_with(&format!(
        "<div class=\"soc-document\" id=\"OID{DOC_OID}\" xmlns=\"http://www.w3.org/1999/xhtml\""
    )));
    let theirs = items(&read(
        dir.join("kanta-samples/lapsiperheiden-asiakassuunnitelma.display.xhtml"),
    ));
    let ours = items(&ours_x);

    let headings = |v: &[(String, Vec<String>)]| v.iter().map(|i| i.0.clone()).collect::<Vec<_>>();
    assert_eq!(headings(&ours), headings(&theirs), "soc-title sequence");

    // Documented difference: the sample's vendor compacts person groups ("Sukunimi, Etunimet",
    // masked henkilötunnus, job title, unit without labels). We print labelled lines; the
    // values and their order are the same.
    let compacted = ["Asiakas", "Laatija"];
    for ((h, ours), (_, theirs)) in ours.iter().zip(&theirs) {
        if compacted.contains(&h.as_str()) {
            let ours_values: Vec<String> = ours
                .iter()
                .map(|l| l.split_once(": ").map(|x| x.1).unwrap_or(l).to_string())
                .collect();
            assert_eq!(
                ours_values.join(", "),
                theirs.join(", "),
                "values of compacted item {h}"
            );
        } else {
            assert_eq!(ours, theirs, "lines of item {h}");
        }
    }
    // The sample's structured form comes back byte-for-byte in canonical form (same key order).
    let canonical = String::from_utf8(bundle.file("document.json").unwrap().bytes.clone()).unwrap();
    let compact: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(canonical, serde_json::to_string(&compact).unwrap());
}
