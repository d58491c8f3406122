//! Output: canonical JSON, the XHTML display form and the signed-ready bundle. Pure.

mod bundle;
mod format;
mod json;
mod xhtml;

pub use bundle::{
    is_oid, metadata_json, render_bundle, render_draft, Bundle, BundleFile, Refusal, Refused,
    RenderOptions, CONFIDENTIALITY_SYSTEM,
};
pub use format::{
    format_instant, format_item, format_partial_date, mask_hetu, plain_text, FormatOptions,
};
pub use json::write_canonical_json;
pub use xhtml::{escape, write_xhtml, XhtmlOptions};
