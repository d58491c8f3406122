//! Structure-author lint.

use sosmeta_editor::lint;
use sosmeta_editor::{RuleSet, Rules};

use crate::support::*;

#[test]
fn lint_findings_on_the_draft_structure() {
    let s = project("demo-luonnos.json");
    let got: Vec<String> = lint(&s, &Rules::default())
        .iter()
        .map(|f| format!("{} {f}", f.kind.code()))
        .collect();
    assert_eq!(
        got,
        [
            "missing-sv 'name' has no Swedish text at /properties/demo_luonnos/properties/kuvaus",
            "copied-sv Swedish 'name' is a copy of the Finnish text at /properties/demo_luonnos/properties/lisatieto",
        ]
    );
}

#[test]
fn rule_coverage_and_rules_that_hide_required_fields() {
    let s = project("demo-kertomus.json");
    let codes = |r: &Rules| {
        lint(&s, r)
            .iter()
            .map(|f| f.kind.code())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&Rules::default()),
        ["conditional-without-rule", "conditional-without-rule"]
    );
    let rules = RuleSet::from_json(&read(root().join("rules/demo-kertomus.rules.json")))
        .unwrap()
        .compile(&s)
        .unwrap();
    assert_eq!(codes(&rules), Vec::<&str>::new());
    let hide_required = format!(
        r#"{{"rules":{{"{}":[{{"field":"/demo_asiakaskertomus/merkinta","hiddenWhen":"always"}}]}}}}"#,
        s.meta.oid
    );
    let r = RuleSet::from_json(&hide_required)
        .unwrap()
        .compile(&s)
        .unwrap();
    assert!(codes(&r).contains(&"rule-hides-required"));
}

#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn real_corpus_lint_counts() {
    let mut conditional = 0;
    let (mut not_read, mut unread) = (0, 0);
    for p in corpus() {
        let s = sosmeta_editor::Structure::from_json(&read(&p)).unwrap();
        let findings = lint(&s, &Rules::default());
        conditional += findings
            .iter()
            .filter(|f| f.kind.code() == "conditional-without-rule")
            .count();
        // Issue 14: every field whose prose the translator left is named, with why.
        not_read += findings
            .iter()
            .filter(|f| f.kind.code() == "prose-not-read")
            .count();
        unread += sosmeta_editor::validate::derive::derive_rules(&s)
            .unread
            .len();
    }
    assert_eq!(not_read, unread);
    if conditional > 0 {
        assert_eq!(
            conditional, 487,
            "every conditionalRequired node of the corpus is reported"
        );
    }
}
