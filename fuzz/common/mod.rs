//! Shared checks of the fuzz targets: what must hold for any input that loads.
#![allow(dead_code)]

use sosmeta_editor::document::Document;
use sosmeta_editor::emit::{render_draft, write_canonical_json, write_xhtml, RenderOptions, XhtmlOptions};
use sosmeta_editor::model::Structure;
use sosmeta_editor::restrict::{audience_view, check, Audience, AudienceView, Markings};
use sosmeta_editor::validate::{validate, Rules};

pub const DEMO: &str = include_str!("../../structures/demo-kertomus.json");
pub const ALL_KINDS: &str = include_str!("../../structures/demo-kaikki-tietotyypit.json");
pub const CHILD: &str = include_str!("../../structures/demo-lapsi.json");

/// The XHTML we emit: well-formed, no active content.
pub fn assert_inert_xhtml(x: &str) {
    let wrapped = format!("<root xmlns=\"http://www.w3.org/1999/xhtml\">{x}</root>");
    let doc = roxmltree::Document::parse(&wrapped).unwrap_or_else(|e| panic!("not well-formed: {e}\n{x}"));
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name().to_ascii_lowercase();
        assert!(!matches!(name.as_str(), "script" | "style" | "iframe" | "object" | "embed" | "link" | "meta" | "base" | "form"), "active element {name}");
        for a in n.attributes() {
            let an = a.name().to_ascii_lowercase();
            assert!(!an.starts_with("on"), "event attribute {an}");
            if matches!(an.as_str(), "href" | "src" | "action" | "xlink:href") {
                assert!(!a.value().trim_start().to_ascii_lowercase().starts_with("javascript:"), "javascript: URL");
            }
        }
    }
}

/// Everything a loaded document goes through: validate, markings, previews, outputs,
/// and the round trip (canonical JSON loads back to the same document, same bytes).
pub fn exercise(s: &Structure, doc: &Document, rules: &Rules, markings: &Markings) {
    let report = validate(s, doc, rules);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let _ = check(s, doc, markings, today);
    for a in [Audience::Professional, Audience::Client, Audience::Guardian] {
        if let AudienceView::Shown { redacted } = audience_view(s, doc, markings, a, today) {
            assert_inert_xhtml(&write_xhtml(s, doc, &redacted, &XhtmlOptions::default()));
        }
    }
    let json = write_canonical_json(s, doc);
    let back = Document::from_json(s, &json).expect("our own output loads");
    assert_eq!(&back, doc, "round trip changed the document");
    assert_eq!(write_canonical_json(s, &back), json, "round trip changed the bytes");
    assert_inert_xhtml(&write_xhtml(s, doc, &[], &XhtmlOptions::default()));
    let opts = RenderOptions { markings: markings.clone(), today: Some(today), ..Default::default() };
    let _ = render_draft(s, doc, rules, &opts);
    let _ = report;
}
