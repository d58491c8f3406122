//! Any markings file with the child's document: the restriction policy and previews never
//! panic and never emit active content.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sosmeta_editor::{sample_document, SampleMode};
use sosmeta_editor::Structure;
use sosmeta_editor::Markings;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    common::assert_strict_json(text);
    let Ok(m) = Markings::from_json(text) else { return };
    let s = Structure::from_json(common::CHILD).unwrap();
    let doc = sample_document(&s, SampleMode::Full);
    common::exercise(&s, &doc, &Default::default(), &m);
});
