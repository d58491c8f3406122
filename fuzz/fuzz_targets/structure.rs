//! Any bytes as a structure file: a typed error or a structure whose sample documents go
//! through everything (validate, outputs, previews, round trip) without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sosmeta_editor::{sample_document, SampleMode};
use sosmeta_editor::Structure;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    common::assert_strict_json(text);
    let Ok(s) = Structure::from_json(text) else { return };
    for mode in [SampleMode::Minimal, SampleMode::Full] {
        let doc = sample_document(&s, mode);
        common::exercise(&s, &doc, &Default::default(), &Default::default());
    }
    let _ = sosmeta_editor::lint(&s, &Default::default());
});
