//! Any rules file against the demo structure: a typed error with a pointer, or rules that
//! validate sample documents (and hide fields) without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sosmeta_editor::{sample_document, SampleMode};
use sosmeta_editor::Structure;
use sosmeta_editor::RuleSet;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    common::assert_strict_json(text);
    let s = Structure::from_json(common::DEMO).unwrap();
    let rules = match RuleSet::from_json(text).and_then(|r| r.compile(&s)) {
        Ok(r) => r,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    for mode in [SampleMode::Minimal, SampleMode::Full] {
        let doc = sample_document(&s, mode);
        let _ = rules.hidden(&s, &doc);
        common::exercise(&s, &doc, &rules, &Default::default());
    }
});
