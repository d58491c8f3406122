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
//! Module map (layers, lowest first; `tests/architecture.rs` keeps them): [`lang`],
//! [`json`], [`hetu`], [`time`] (leaves) → [`model`] (structure) → [`document`] (values),
//! [`codes`] (code lists) → [`validate`](mod@validate) (issues) → [`restrict`] (markings, audience
//! policy) → [`assess`](mod@assess) (one assessment per change) → [`emit`] (JSON / XHTML / bundle),
//! [`lint`](mod@lint) (for structure authors) → [`messages`] (people's texts) → [`view`] (Yew) →
//! `element` (the custom element, wasm only).
//!
//! The intended API is re-exported at the top level (below); the modules hold the rest.
//! Modules marked internal in [`view`] are public only for the test suite.
#![warn(missing_docs)]

pub mod assess;
pub mod codes;
pub mod context;
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
pub mod resolve;
pub mod restrict;
pub mod time;
pub mod validate;
pub mod view;

pub use assess::{assess, Assessment, Context};
pub use codes::{CodeSetError, CodeSets};
pub use document::{DataPath, Document, LoadError};
pub use emit::{
    render_bundle, render_bundle_assessed, render_draft, Bundle, BundleFile, Refusal, Refused,
    RenderOptions,
};
pub use lang::Lang;
pub use lint::{lint, Finding};
pub use model::{ParseError, Structure};
pub use restrict::{Audience, AudienceView, Markings, MarkingsError};
pub use validate::{validate, Issue, Report, RuleSet, Rules, RulesError};
pub use view::{Editor, EditorLink, EditorProps, Mode};

/// The README's Rust examples, run as doctests (the Yew one is `ignore`: it needs an app
/// around it; `tests/ui.rs` renders the `Editor` itself).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
