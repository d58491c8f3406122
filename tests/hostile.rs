//! The hostile text catalogue: in every text field of the project's structures and in
//! structure labels. Expected everywhere: stored exactly in the structured form, escaped in
//! the display form (well-formed, inert XHTML) and the editor HTML, a warning where the
//! display cannot show a character, typed errors for what cannot be a document, no panic,
//! and bounded work for huge inputs.

use std::rc::Rc;

use serde_json::{json, Value};
use sosmeta_editor::{render_draft, write_xhtml, RenderOptions, XhtmlOptions};
use sosmeta_editor::{sample_document, Document, LoadError, SampleMode};
use sosmeta_editor::{validate, Rules};
use sosmeta_editor::{Editor, EditorProps, Mode};
use sosmeta_editor::{FieldKind, NodeKind, Structure};

use crate::support::*;

/// The catalogue (unpaired surrogates cannot be Rust strings; the browser test sends them).
fn catalogue() -> Vec<String> {
    let mut v: Vec<String> = [
        "<script>alert(1)</script>",
        "<style>*{display:none}</style>",
        "<img src=x onerror=alert(1)>",
        "\" onmouseover=\"alert(1)",
        "' onfocus='alert(1)' autofocus='",
        "javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "&amp; &lt; &#0; &#x1; &nbsp; &bogus;",
        "]]> <![CDATA[ x ]]>",
        "<!-- comment --> <?xml version=\"1.0\"?> <!DOCTYPE x>",
        "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}",
        "\u{fffe}\u{ffff}",
        "\u{202e}käänteinen\u{202c}",
        "\u{2066}eristetty\u{2069}",
        "rivi 1\r\nrivi 2\ttabi",
        "🙂 e\u{301} ﷽ 𝕏",
        "{{7*7}} ${7*7} <%= 7*7 %>",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(1 << 20));
    v
}

fn text_fields(s: &Structure) -> Vec<String> {
    s.ids()
        .filter(|&id| {
            matches!(
                s.node(id).kind,
                NodeKind::Field(FieldKind::Text) | NodeKind::Field(FieldKind::Name)
            ) && s.node(id).repeat.is_none()
        })
        .map(|id| s.key_path(id))
        .collect()
}

fn set_all(v: &mut Value, s: &Structure, paths: &[String], text: &str) {
    for p in paths {
        // Key paths have no indexes: put the value in the first item of every list on the way.
        let mut cur = &mut *v;
        let id = s.resolve_key_path(p).unwrap();
        let lineage = s.lineage(id);
        for (k, n) in lineage.iter().skip(1).enumerate() {
            let node = s.node(*n);
            let last = k + 2 == lineage.len();
            let obj = cur.as_object_mut().unwrap();
            if last {
                obj.insert(node.key.clone(), json!(text));
                break;
            }
            let entry = obj.entry(node.key.clone()).or_insert_with(|| {
                if node.repeat.is_some() {
                    json!([{}])
                } else {
                    json!({})
                }
            });
            if entry.is_array() {
                if entry.as_array().unwrap().is_empty() {
                    entry.as_array_mut().unwrap().push(json!({}));
                }
                cur = &mut entry.as_array_mut().unwrap()[0];
            } else {
                cur = entry;
            }
        }
    }
}

#[test]
fn hostile_text_in_every_text_field_is_kept_exactly_and_shown_inert() {
    for name in [
        "demo-kertomus.json",
        "demo-kaikki-tietotyypit.json",
        "demo-lapsi.json",
    ] {
        let s = project(name);
        let paths = text_fields(&s);
        assert!(!paths.is_empty(), "{name}");
        let base =
            serde_json::to_value(sample_document(&s, SampleMode::Full).to_canonical_json(&s))
                .unwrap();
        let base: Value = serde_json::from_str(base.as_str().unwrap()).unwrap();
        for h in catalogue() {
            let mut v = base.clone();
            set_all(&mut v, &s, &paths, &h);
            let doc = Document::from_value(&s, &v).unwrap_or_else(|e| panic!("{name}: {e}"));
            let report = validate(&s, &doc, &Rules::default());
            let unsafe_char = h.chars().any(sosmeta_editor::validate::is_unsafe_char);
            assert_eq!(
                report
                    .issues
                    .iter()
                    .any(|i| i.kind.code() == "unsafe-character"),
                unsafe_char,
                "{name} {:?}: warning exactly when a character cannot be shown as stored",
                &h[..h.len().min(40)]
            );
            // Structured form: exactly the text, and it loads back to the same document.
            let json = doc.to_canonical_json(&s);
            let back: Value = serde_json::from_str(&json).unwrap();
            for p in &paths {
                let first = p
                    .split('/')
                    .filter(|x| !x.is_empty())
                    .fold(&back, |cur, k| {
                        let c = &cur[k];
                        if c.is_array() {
                            &c[0]
                        } else {
                            c
                        }
                    });
                assert_eq!(first.as_str(), Some(h.as_str()), "{name} {p}");
            }
            assert_eq!(Document::from_json(&s, &json).unwrap(), doc);
            // Display form: well-formed, inert.
            let x = write_xhtml(&s, &doc, &[], &XhtmlOptions::default());
            assert_safe_xhtml(&x);
            let (draft_json, draft_xhtml) =
                render_draft(&s, &doc, &Rules::default(), &RenderOptions::default());
            assert_safe_xhtml(&draft_xhtml);
            assert_eq!(Document::from_json(&s, &draft_json).unwrap(), doc);
        }
    }
}

#[test]
fn hostile_labels_are_escaped_in_the_editor_and_the_display_form() {
    let text = read(root().join("structures/demo-kertomus.json"));
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let evil = "<img src=x onerror=alert(1)>\u{202e}\"'&";
    // Every Finnish text of every property: names, titles, descriptions, notes.
    fn walk(v: &mut Value, evil: &str) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if matches!(
                        k.as_str(),
                        "name" | "title" | "description" | "implementationNote"
                    ) {
                        if let Value::Array(a) = x {
                            for t in a {
                                if t["lang"] == "fi" {
                                    t["value"] = json!(evil);
                                }
                            }
                        }
                    } else {
                        walk(x, evil);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, evil)),
            _ => {}
        }
    }
    walk(&mut v, evil);
    let s = Structure::from_value(&v).unwrap();
    let doc = sample_document(&s, SampleMode::Full);
    assert_safe_xhtml(&write_xhtml(&s, &doc, &[], &XhtmlOptions::default()));
    let html = ssr::<Editor>(yew::props!(EditorProps {
        structure: Rc::new(s),
        document: Some(Rc::new(doc)),
        mode: Mode::Edit,
    }));
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "label escaped"
    );
    assert!(!html.contains("<img"), "no element from a label");
}

#[test]
fn deep_nesting_gives_typed_errors_not_a_stack_overflow() {
    let s = project("demo-kertomus.json");
    for depth in [200usize, 10_000, 100_000] {
        let doc = format!(
            "{{\"demo_asiakaskertomus\": {}{}}}",
            "{\"a\":".repeat(depth) + "1",
            "}".repeat(depth)
        );
        match Document::from_json(&s, &doc) {
            Err(LoadError::Json { .. }) | Err(LoadError::Shape { .. }) => {}
            other => panic!("depth {depth}: {other:?}"),
        }
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(Document::from_json(&s, &arrays).is_err());
        let schema = format!(
            "{{\"sosmeta\": {{}}, \"properties\": {}{}}}",
            "{\"x\": {\"type\": \"object\", \"properties\": ".repeat(depth) + "{}",
            "}}".repeat(depth)
        );
        assert!(Structure::from_json(&schema).is_err(), "depth {depth}");
    }
}

#[test]
fn ten_thousand_items_validate_and_render() {
    let s = project("demo-kertomus.json");
    let mut v: Value =
        serde_json::from_str(&read(root().join("tests/data/demo-kertomus.filled.json"))).unwrap();
    let item = v["demo_asiakaskertomus"]["asiakas"][0].clone();
    v["demo_asiakaskertomus"]["asiakas"] = Value::Array(vec![item; 10_000]);
    let doc = Document::from_value(&s, &v).unwrap();
    let report = validate(&s, &doc, &Rules::default());
    assert!(!report.has_errors(), "{:?}", report.issues.first());
    let x = write_xhtml(&s, &doc, &[], &XhtmlOptions::default());
    assert_safe_xhtml(&x);
    assert_eq!(
        Document::from_json(&s, &doc.to_canonical_json(&s)).unwrap(),
        doc
    );
}

#[test]
fn unknown_data_is_rejected_with_every_pointer_never_trimmed() {
    let s = project("demo-kertomus.json");
    let mut v: Value =
        serde_json::from_str(&read(root().join("tests/data/demo-kertomus.filled.json"))).unwrap();
    v["demo_asiakaskertomus"]["salainen_lisatieto"] = json!("ei rakenteessa");
    v["demo_asiakaskertomus"]["asiakas"][0]["lempinimi"] = json!("x");
    v["ylimaarainen_juuri"] = json!(1);
    match Document::from_value(&s, &v) {
        Err(LoadError::Shape { problems }) => {
            let mut ptrs: Vec<_> = problems.iter().map(|p| p.pointer.as_str()).collect();
            ptrs.sort();
            assert_eq!(
                ptrs,
                [
                    "/demo_asiakaskertomus/asiakas/0/lempinimi",
                    "/demo_asiakaskertomus/salainen_lisatieto",
                    "/ylimaarainen_juuri"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}
