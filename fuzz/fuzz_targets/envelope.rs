//! Issue 16: any bytes as a host context and as an archived envelope. A context that reads
//! gives an envelope that reads back to the same payloads and version (or names its gaps);
//! any text read as an envelope gives the payloads or a named error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sosmeta_editor::HostContext;
use sosmeta_editor::{sample_document, SampleMode};
use sosmeta_editor::{read_cda, write_canonical_json, write_cda, write_xhtml, RenderOptions, XhtmlOptions};
use sosmeta_editor::Structure;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = read_cda(text);
    common::assert_strict_json(text);
    let Ok(host) = HostContext::from_json(text) else { return };
    let s = Structure::from_json(common::CHILD).unwrap();
    let doc = sample_document(&s, SampleMode::Full);
    // The display form names the document, as a bundle's does (the reader checks it).
    let shown = XhtmlOptions { doc_oid: host.document_oid.clone(), ..XhtmlOptions::default() };
    let (json, xhtml) = (write_canonical_json(&s, &doc), write_xhtml(&s, &doc, &[], &shown));
    let opts = RenderOptions {
        host: Some(host),
        now: chrono::DateTime::parse_from_rfc3339("2026-03-23T10:54:24+02:00").ok(),
        ..RenderOptions::default()
    };
    if let Ok(cda) = write_cda(&s, &opts, json.as_bytes(), xhtml.as_bytes()) {
        let back = read_cda(&cda).expect("our own envelope reads back");
        assert_eq!(back.document_json, json);
        assert_eq!(back.display_xhtml, xhtml);
    }
});
