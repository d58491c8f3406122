//! # sosmeta-editor
//!
//! Turns THL's national Sosmeta document structures (JSON Schema draft-07 with a `sosmeta`
//! extension) into a typed model, validates social-welfare client documents against them,
//! and renders the signed-ready payloads the host archives in Kanta: the structured form
//! (canonical JSON), the display form (XHTML), metadata and a digest manifest.
//!
//! ```
//! use sosmeta_editor::{render_bundle, validate, Document, RenderOptions, Rules, Structure};
//! let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
//! let doc = Document::from_json(&s, &std::fs::read_to_string("tests/data/demo-kertomus.filled.json").unwrap()).unwrap();
//! assert!(!validate(&s, &doc, &Rules::default()).has_errors());
//! let bundle = render_bundle(&s, &doc, &Rules::default(), &RenderOptions::default()).unwrap();
//! assert!(bundle.file("document.xhtml").is_some());
//! ```
//!
//! What is here, by what a host does (everything below is at the crate root):
//! - **Read a structure**: [`Structure::from_json`] (typed errors with the JSON pointer:
//!   [`ParseError`]); its nodes are [`Node`]s by [`NodeId`].
//! - **Read and edit a document**: [`Document::from_json`], [`Edit`], [`diff`],
//!   [`sample_document`].
//! - **Rules and issues**: [`validate`] with [`Rules`] (the structure's own rules:
//!   [`with_structure_rules`]; a host's: [`RuleSet`]) gives a [`Report`] of [`Issue`]s.
//! - **Restrictions**: [`Markings`], [`Audience`] and what a citizen or guardian sees
//!   ([`AudienceView`]); the host's context ([`HostContext`]) resolved with them by
//!   [`resolve`].
//! - **One assessment** of all of it: [`assess`] → [`Assessment`].
//! - **The payloads**: [`render_bundle`] (canonical JSON, XHTML, metadata, manifest),
//!   [`write_cda`] / `read_cda` (the CDA R2 envelope), refusals as [`Refusal`].
//! - **People's texts** in Finnish, Swedish and English: [`issue_message`] and the rest;
//!   [`lint`] for structure authors.
//! - **The Yew component**: [`Editor`] with [`EditorProps`]; the custom element is the
//!   browser build's (`docs/embedding.md`).
//! - Strict JSON reading for any input: [`json`].
//!
//! The module map and the layers are in `docs/architecture.md`; the modules themselves are
//! private.
#![warn(missing_docs, unnameable_types)]
// Without `internals` the modules are private: what only the test suite (or only the
// browser build) uses is then unused here, not dead.
#![cfg_attr(not(feature = "internals"), allow(dead_code, unused_imports))]

// The modules are the crate's own: a host uses what is re-exported below. The test
// suite also reaches inside (feature `internals`, enabled only by the crate's own
// dev-dependency on itself): hidden from the docs, no compatibility promised.
pub mod json;

macro_rules! modules {
    ($($(#[$a:meta])* $m:ident),* $(,)?) => {$(
        $(#[$a])*
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $m;
        $(#[$a])*
        #[cfg(not(feature = "internals"))]
        mod $m;
    )*};
}
modules!(
    assess,
    codes,
    context,
    document,
    #[cfg(all(target_arch = "wasm32", feature = "csr"))]
    element,
    emit,
    hetu,
    lang,
    lint,
    messages,
    model,
    resolve,
    restrict,
    time,
    validate,
    view,
);

// ---- The API ----

// Structures: read a Sosmeta structure into a typed model.
pub use model::{is_oid, NodeKind, ParseError, Structure};
// Documents: a client document's values, read strictly, edited, compared, sampled.
pub use document::{diff, sample_document, DataPath, Document, Edit, LoadError, SampleMode};
// Rules and validation: the structure's rules, a host's own, the report.
pub use validate::structure_rules::{
    sample_satisfying, structure_rules, with_structure_rules, StructureRules,
    Summary as RulesSummary,
};
pub use validate::{
    effective_rules, shape_report, validate, Issue, Report, RuleOptions, RuleSet, Rules, RulesError,
};
// Restrictions: markings, the audience a preview is drawn for.
pub use restrict::{Audience, AudienceView, MarkingProblem, Markings, MarkingsError};
// The host's context and its resolution with the markings (one conflict policy).
pub use context::{Code, HostContext, Invalidation, Invalidator, Version};
// The code systems (OIDs) the context and the markings are coded in.
pub use context::{
    DOCUMENT_GROUP_SYSTEM, DOCUMENT_TYPE_SYSTEM, FUNCTION_SYSTEM, GENDER_SYSTEM, HETU_ROOT,
    REGISTRY_TYPE_SYSTEM, RETENTION_SYSTEM, SERVICE_PROCESS_SYSTEM,
};
pub use resolve::{resolve, HostInputs};
pub use restrict::{CONSENT_SYSTEM, RESTRICTION_REASON_SYSTEM};
// One assessment per change: rules, restrictions, readiness.
pub use assess::{assess, Assessment, Context};
// The signed-ready payloads and the CDA envelope around them.
#[cfg(not(target_arch = "wasm32"))]
pub use emit::read_cda;
pub use emit::{
    cda_gaps, render_bundle, render_bundle_assessed, render_draft, render_draft_assessed,
    structure_refusals, write_canonical_json, write_cda, write_xhtml, Bundle, BundleFile, Refusal,
    Refused, RenderOptions, XhtmlOptions,
};
// For structure authors.
pub use lint::{lint, Finding};
// Code lists (display help), languages, people's texts, Finland's day.
pub use codes::{CodeSetError, CodeSets};
pub use lang::Lang;
pub use messages::{
    hidden_reason_message, issue_message, issue_value, marking_message, marking_value, MessageLang,
};
pub use time::{now_in_finland, today_in_finland};
// The types the API's values are made of (its fields, variants and results).
pub use codes::{CodeOption, CodeSetErrorKind};
pub use context::{
    Author, Client, ContextErrorKind, InstanceId, InvalidationError, Organisation, Software,
};
pub use document::{
    Change, EditError, EditErrorKind, Entry, Group, Item, Parts, PathToken, Plain, ShapeProblem,
    ShapeProblemKind,
};
pub use emit::{ArchivedCda, CdaGap, CdaParts, CdaReadError, Manifest, ManifestEntry};
pub use hetu::HetuError;
pub use lang::{LangText, Localized};
pub use lint::FindingKind;
pub use model::{
    ContactProtection, FieldKind, JsonType, Node, NodeId, NodeMeta, ParseErrorKind, ParseWarning,
    ParseWarningKind, Part, Pattern, ProtectionSwitch, QuantityKind, Repeat, Scalar, Shape,
    StructureMeta, ValueSet,
};
pub use resolve::{Conflict, Fact, Source};
pub use restrict::{
    AuthorRole, ClientAge, Coded, ExcludedService, Exclusion, ExclusionSource, Facts, GuardianMark,
    HiddenReason, HostFacts, MarkingsErrorKind, Notice, OmaKanta, ProposalState, ServiceCode,
    ServiceContext, ServiceKind, ServiceMeaning,
};
pub use validate::derive::{Derivation, DerivedRule, DisplaySentence, Unread, UnreadReason};
pub use validate::{
    CompiledRule, Cond, CondSpec, IssueKind, IssuePaths, Rule, RuleContext, RuleSource, RuleSpec,
    RulesErrorKind, Severity,
};
pub use view::state::{Action, Correction, CorrectionEdit, SharedStart, StartInputs};
// The Yew component.
pub use view::{Editor, EditorLink, EditorProps, Mode};
// The custom element's handle (the browser build).
#[cfg(all(target_arch = "wasm32", feature = "csr"))]
pub use element::EditorHandle;

/// The README's Rust examples, run as doctests (the Yew one is `ignore`: it needs an app
/// around it; `tests/ui.rs` renders the `Editor` itself).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
