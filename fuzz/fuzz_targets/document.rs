//! Any bytes as a document of the project's structures: a typed load error with pointers,
//! or a document that validates, renders inert well-formed XHTML and round-trips exactly.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sosmeta_editor::Document;
use sosmeta_editor::Structure;
use std::sync::OnceLock;

#[path = "../common/mod.rs"]
mod common;

static STRUCTURES: OnceLock<Vec<Structure>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let ss = STRUCTURES.get_or_init(|| {
        [common::DEMO, common::ALL_KINDS, common::CHILD].iter().map(|t| Structure::from_json(t).unwrap()).collect()
    });
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    common::assert_strict_json(text);
    let s = &ss[pick as usize % ss.len()];
    match Document::from_json(s, text) {
        Ok(doc) => common::exercise(s, &doc, &Default::default(), &Default::default()),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
