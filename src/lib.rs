//! # sosmeta-editor
//!
//! Turns THL's national Sosmeta document structures (JSON Schema draft-07 with a `sosmeta`
//! extension) into a typed model, validates social-welfare client documents against them,
//! and renders the signed-ready payloads the host archives in Kanta: the structured form
//! (canonical JSON), the display form (XHTML), metadata and a digest manifest.
//!
//! ```
//! use sosmeta_editor::{model::Structure, document::Document, validate::{validate, Rules},
//!     emit::{render_bundle, RenderOptions}};
//! let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
//! let doc = Document::from_json(&s, &std::fs::read_to_string("tests/data/demo-kertomus.filled.json").unwrap()).unwrap();
//! assert!(!validate(&s, &doc, &Rules::default()).has_errors());
//! let bundle = render_bundle(&s, &doc, &Rules::default(), &RenderOptions::default()).unwrap();
//! assert!(bundle.file("document.xhtml").is_some());
//! ```
//!
//! Module map: [`model`] (structure, pure) → [`document`] (values, pure) → [`validate`]
//! (issues, pure) → [`emit`] (JSON / XHTML / bundle, pure); [`lint`] for structure
//! authors; [`messages`] for people-facing texts.
#![warn(missing_docs)]

pub mod assess;
pub mod codes;
pub mod document;
#[cfg(all(target_arch = "wasm32", feature = "csr"))]
pub mod element;
pub mod emit;
pub mod hetu;
pub mod json;
pub mod lang;
pub mod lint;
pub mod messages;
pub mod model;
pub mod restrict;
pub mod time;
pub mod validate;
pub mod view;

pub use lang::Lang;

// The browser build allocates with Talc instead of dlmalloc (faster on the many small
// allocations of parsing and drawing; smaller code). Single-threaded wasm only.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
