//! Corpus sweep: every real structure — sample documents, validate, render, check outputs
//! with the independent validator and an XML parser, round trip.

use sosmeta_editor::lint;
use sosmeta_editor::Lang;
use sosmeta_editor::Structure;
use sosmeta_editor::{render_bundle, write_cda, write_xhtml, CdaGap, RenderOptions, XhtmlOptions};
use sosmeta_editor::{sample_satisfying, with_structure_rules};
use sosmeta_editor::{validate, RuleOptions, Rules};
use sosmeta_editor::{Document, SampleMode};

use crate::support::*;

#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn every_real_structure_renders_a_valid_signed_ready_bundle() {
    let files = corpus();
    let mut bundles = 0;
    let mut envelopes = 0;
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
                markings: sosmeta_editor::Markings {
                    host: sosmeta_editor::HostFacts {
                        // The client record (1505.1) is the organiser's: the role is the host's.
                        author_role: Some(sosmeta_editor::AuthorRole::Organiser),
                        ..disclosed_to_guardian().host
                    },
                    ..disclosed_to_guardian()
                },
                today: None,
                host: None,
                now: None,
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
            // The CDA envelope around these payloads, with a whole context (issue 16): it
            // parses, and its body gives the payloads back byte for byte.
            let full = RenderOptions {
                host: Some(full_context(&s)),
                ..opts.clone()
            };
            match write_cda(&s, &full, json.as_bytes(), x.as_bytes()) {
                Ok(cda) => {
                    let (dx, dj) = cda_payloads(&cda);
                    assert_eq!(
                        (dx.as_slice(), dj.as_slice()),
                        (x.as_bytes(), json.as_bytes())
                    );
                    envelopes += 1;
                }
                // Only the two client-level (1505) structures: no code system known.
                Err(gaps) => assert_eq!(
                    gaps,
                    vec![CdaGap::DocumentTypeSystem {
                        oid: s.meta.oid.clone()
                    }],
                    "{}",
                    s.meta.oid
                ),
            }
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
        assert_eq!(envelopes, 2 * 165);
    }
}
