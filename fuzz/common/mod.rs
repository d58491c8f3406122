//! Shared checks of the fuzz targets: what must hold for any input that loads.
#![allow(dead_code)]

use sosmeta_editor::Document;
use sosmeta_editor::{render_draft, write_canonical_json, write_xhtml, RenderOptions, XhtmlOptions};
use sosmeta_editor::Structure;
use sosmeta_editor::{assess, Audience, AudienceView, Context, Markings};
use sosmeta_editor::{validate, Rules};

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
    let assessment = assess(s, doc, rules, markings, Context { today });
    for a in [Audience::Professional, Audience::Client, Audience::Guardian] {
        if let AudienceView::Shown { redacted } = assessment.audience_view(markings, a) {
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

/// Issue 12 invariants of every text input (structure, document, rules, markings): what
/// the strict reader accepts has no duplicate key and keeps every number's value exactly.
/// The oracle is serde_json reading the same text on its own (it keeps the last of
/// duplicate keys and, with `arbitrary_precision`, each number as written).
pub fn assert_strict_json(text: &str) {
    let Ok(ours) = sosmeta_editor::json::parse(text) else { return };
    // Every key occurrence in the text, counted by serde as it reads.
    let Ok(Counted(occurrences)) = serde_json::from_str::<Counted>(text) else {
        panic!("we accepted JSON serde_json rejects: {text:?}");
    };
    assert_eq!(occurrences, members(&ours), "a duplicate key was accepted: {text:?}");
    // The same values, numbers compared in the canonical spelling.
    let theirs: serde_json::Value = serde_json::from_str(text).expect("serde_json read it above");
    assert_eq!(canonical(&theirs), ours, "a value changed on reading: {text:?}");
    for n in numbers(&ours) {
        assert_eq!(
            sosmeta_editor::json::canonical_number(&n).as_deref(),
            Some(n.as_str()),
            "a number is not in the canonical spelling"
        );
    }
}

fn members(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Object(m) => m.len() + m.values().map(members).sum::<usize>(),
        serde_json::Value::Array(a) => a.iter().map(members).sum(),
        _ => 0,
    }
}

fn numbers(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Number(n) => vec![n.to_string()],
        serde_json::Value::Object(m) => m.values().flat_map(numbers).collect(),
        serde_json::Value::Array(a) => a.iter().flat_map(numbers).collect(),
        _ => Vec::new(),
    }
}

fn canonical(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => {
            let c = sosmeta_editor::json::canonical_number(&n.to_string())
                .expect("accepted numbers have a canonical spelling");
            Value::Number(sosmeta_editor::json::number(&c).expect("canonical"))
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), canonical(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

/// The number of object members in a JSON text, every occurrence of a key counted.
struct Counted(usize);

impl<'de> serde::Deserialize<'de> for Counted {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CountVisitor)
    }
}

struct CountVisitor;

impl<'de> serde::de::Visitor<'de> for CountVisitor {
    type Value = Counted;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Counted, E> { Ok(Counted(0)) }
    fn visit_i64<E>(self, _: i64) -> Result<Counted, E> { Ok(Counted(0)) }
    fn visit_u64<E>(self, _: u64) -> Result<Counted, E> { Ok(Counted(0)) }
    fn visit_f64<E>(self, _: f64) -> Result<Counted, E> { Ok(Counted(0)) }
    fn visit_str<E>(self, _: &str) -> Result<Counted, E> { Ok(Counted(0)) }
    fn visit_string<E>(self, _: String) -> Result<Counted, E> { Ok(Counted(0)) }
    fn visit_unit<E>(self) -> Result<Counted, E> { Ok(Counted(0)) }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Counted, A::Error> {
        let mut n = 0;
        while let Some(Counted(k)) = a.next_element()? {
            n += k;
        }
        Ok(Counted(n))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Counted, A::Error> {
        let mut n = 0;
        while let Some(key) = m.next_key::<String>()? {
            // serde_json's arbitrary_precision hands a number over as this one-member map.
            if key == "$serde_json::private::Number" {
                let _: String = m.next_value()?;
                return Ok(Counted(0));
            }
            let Counted(k) = m.next_value()?;
            n += 1 + k;
        }
        Ok(Counted(n))
    }
}
