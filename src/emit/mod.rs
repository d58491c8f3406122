//! Output: canonical JSON, the XHTML display form and the signed-ready bundle. Pure.

mod bundle;
mod cda;
mod format;
mod text;
mod xhtml;
mod xml;

/// The canonical JSON writer lives with the document (it is the document's own form).
pub use crate::document::write_canonical_json;
pub use bundle::{
    is_oid, metadata_json, refusals, render_bundle, render_bundle_assessed, render_draft,
    render_draft_assessed, structure_refusals, Bundle, BundleFile, Manifest, ManifestEntry,
    Refusal, Refused, RenderOptions, CONFIDENTIALITY_SYSTEM,
};
pub use cda::{cda_gaps, write_cda, ArchivedCda, CdaGap, CdaParts, CdaReadError, CDA_FILE};
#[cfg(not(target_arch = "wasm32"))]
pub use cda::{cda_parts, read_cda};
pub use format::{
    format_instant, format_item, format_partial_date, mask_hetu, plain_text, FormatOptions,
};
pub use text::{doc_text, DocText};
pub use xhtml::{escape, write_xhtml, XhtmlOptions};
