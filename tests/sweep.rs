//! Corpus sweep: every real structure — sample documents, validate, render, check outputs
//! with the independent validator and an XML parser, round trip.

use sosmeta_editor::document::{Document, SampleMode};
use sosmeta_editor::emit::{render_bundle, write_xhtml, RenderOptions, XhtmlOptions};
use sosmeta_editor::lang::Lang;
use sosmeta_editor::lint::lint;
use sosmeta_editor::model::Structure;
use sosmeta_editor::validate::structure_rules::{sample_satisfying, with_structure_rules};
use sosmeta_editor::validate::{validate, RuleOptions, Rules};

use crate::support::*;

#[test]
fn every_real_structure_renders_a_valid_signed_ready_bundle() {
    let files = corpus();
    let mut bundles = 0;
    for path in &files {
        let text = read(path);
        let s = Structure::from_json(&text).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let oracle = oracle(&schema);
        // The structure's own rules apply (issue 14): the samples satisfy them too.
        let rules = with_structure_rules(&s, Rules::default(), RuleOptions::default());
        for mode in [SampleMode::Full, SampleMode::Minimal] {
            let doc = sample_satisfying(&s, mode, &rules);
            let report = validate(&s, &doc, &rules);
            assert!(
                !report.has_errors(),
                "{}: {mode:?}: {:?}",
                s.meta.oid,
                report.errors().next()
            );
            let opts = RenderOptions {
                lang: Lang::Fi,
                doc_oid: Some("1.2.246.10.1.2026.1".into()),
                organisation: Some("Testi".into()),
                // Sample clients may be minors (birth date only): mark guardian disclosure.
                markings: disclosed_to_guardian(),
                today: None,
                host: None,
            };
            let bundle = render_bundle(&s, &doc, &rules, &opts).unwrap();
            bundles += 1;
            let json = std::str::from_utf8(&bundle.file("document.json").unwrap().bytes).unwrap();
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert!(
                oracle.is_valid(&value),
                "{}: emitted JSON invalid for jsonschema",
                s.meta.oid
            );
            let x = std::str::from_utf8(&bundle.file("document.xhtml").unwrap().bytes).unwrap();
            assert_safe_xhtml(x);
            // Round trip: load(emit(doc)) == doc, and emitting again gives the same bytes.
            let again = Document::from_json(&s, json).unwrap();
            assert_eq!(again, doc, "{}: round trip", s.meta.oid);
            assert_eq!(
                render_bundle(&s, &again, &rules, &opts).unwrap(),
                bundle,
                "{}: deterministic",
                s.meta.oid
            );
            let sv = write_xhtml(
                &s,
                &doc,
                &[],
                &XhtmlOptions {
                    lang: Lang::Sv,
                    ..XhtmlOptions::default()
                },
            );
            assert_safe_xhtml(&sv);
        }
        let _ = lint(&s, &Rules::default());
    }
    if !files.is_empty() {
        assert_eq!(bundles, 2 * 167);
    }
}
