//! Event wiring of the editor in a real browser (wasm-bindgen-test, headless Chromium):
//! typing, touch-then-show issues, add/remove/undo, language switch, focus moves.
//! Run: `cargo test --target wasm32-unknown-unknown --test wasm` (scripts/test does).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use sosmeta_editor::Structure;
use sosmeta_editor::{Editor, EditorProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const DEMO: &str = include_str!("../structures/demo-kertomus.json");

struct Mounted {
    root: Element,
    changes: Rc<RefCell<Vec<String>>>,
}

async fn tick() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

async fn mount() -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let changes = Rc::new(RefCell::new(Vec::new()));
    let sink = changes.clone();
    let props = yew::props!(EditorProps {
        structure: Rc::new(Structure::from_json(DEMO).unwrap()),
        on_change: yew::Callback::from(move |json: String| sink.borrow_mut().push(json)),
        debounce_ms: 0,
    });
    yew::Renderer::<Editor>::with_root_and_props(root.clone(), props).render();
    tick().await;
    Mounted { root, changes }
}

/// The element with `id` in this test's editor (every test mounts its own editor into the
/// same page, so a page-wide lookup could find another test's field).
fn by_id<T: JsCast>(m: &Mounted, id: &str) -> T {
    m.root
        .query_selector(&format!("[id=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no #{id}"))
        .dyn_into::<T>()
        .unwrap()
}

fn fire(el: &Element, kind: &str) {
    let e = web_sys::Event::new_with_event_init_dict(kind, &{
        let i = web_sys::EventInit::new();
        i.set_bubbles(true);
        i
    })
    .unwrap();
    el.dispatch_event(&e).unwrap();
}

fn type_into(m: &Mounted, id: &str, text: &str) {
    let el: Element = by_id(m, id);
    if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(text);
    } else {
        el.dyn_ref::<HtmlInputElement>().unwrap().set_value(text);
    }
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &{
        let i = web_sys::InputEventInit::new();
        i.set_bubbles(true);
        i
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn count(m: &Mounted, selector: &str) -> u32 {
    m.root.query_selector_all(selector).unwrap().length()
}

fn click(m: &Mounted, selector: &str) {
    let el: HtmlElement = m
        .root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn typing_updates_the_document_and_issues_wait_for_blur() {
    let m = mount().await;
    let id = "sm/demo_asiakaskertomus/paivamaara";
    type_into(&m, id, "2");
    tick().await;
    assert_eq!(
        count(&m, ".sm-messages"),
        0,
        "no issue while typing the first character"
    );
    let last = m.changes.borrow().last().cloned().unwrap();
    assert!(last.contains("\"paivamaara\":\"2\""), "{last}");
    fire(&by_id::<Element>(&m, id), "blur");
    tick().await;
    assert_eq!(
        count(&m, ".sm-messages"),
        1,
        "issue shown after leaving the field"
    );
    type_into(&m, id, "23.3.2026");
    tick().await;
    assert!(
        m.changes
            .borrow()
            .last()
            .unwrap()
            .contains("\"paivamaara\":\"2026-03-23\""),
        "Finnish input stored as ISO"
    );
    assert_eq!(count(&m, ".sm-messages"), 0);
    type_into(&m, id, "");
    tick().await;
    assert!(
        !m.changes.borrow().last().unwrap().contains("paivamaara"),
        "clearing removes the key"
    );
}

#[wasm_bindgen_test]
async fn add_remove_and_undo_items() {
    let m = mount().await;
    let items = "section[id='sm/demo_asiakaskertomus/asiakas'] .sm-item";
    assert_eq!(count(&m, items), 1);
    click(
        &m,
        "section[id='sm/demo_asiakaskertomus/asiakas'] > .sm-add",
    );
    tick().await;
    assert_eq!(count(&m, items), 2);
    type_into(&m, "sm/demo_asiakaskertomus/asiakas/1/sukunimi", "Toinen");
    tick().await;
    click(
        &m,
        "section[id='sm/demo_asiakaskertomus/asiakas'] .sm-item:nth-of-type(2) .sm-remove",
    );
    tick().await;
    assert_eq!(count(&m, items), 1);
    click(&m, ".sm-undo button");
    tick().await;
    assert_eq!(count(&m, items), 2);
    assert_eq!(
        by_id::<HtmlInputElement>(&m, "sm/demo_asiakaskertomus/asiakas/1/sukunimi").value(),
        "Toinen"
    );
}

#[wasm_bindgen_test]
async fn language_switch_changes_labels_and_ui_texts() {
    let m = mount().await;
    assert!(m.root.text_content().unwrap().contains("Merkintä"));
    click(&m, "button[lang='sv']");
    tick().await;
    let text = m.root.text_content().unwrap();
    assert!(
        text.contains("Anteckning") && text.contains("Skapa handling klar för underskrift"),
        "{text}"
    );
    assert_eq!(
        m.root
            .query_selector(".sm-editor")
            .unwrap()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("sv")
    );
}

#[wasm_bindgen_test]
async fn emit_moves_focus_to_the_summary_and_links_to_fields() {
    let m = mount().await;
    click(&m, ".sm-primary");
    tick().await;
    let doc = web_sys::window().unwrap().document().unwrap();
    let active = doc.active_element().unwrap();
    assert!(
        active.class_name().contains("sm-summary"),
        "focus on the summary, got {}",
        active.class_name()
    );
    click(&m, ".sm-summary-errors a");
    tick().await;
    let active = doc.active_element().unwrap();
    assert!(
        active.id().starts_with("sm/"),
        "focus on a field, got '{}'",
        active.id()
    );
}

/// `on_change` is for saving drafts: it says the document changed. Leaving a field, an
/// emit attempt, the same value typed again and a character typed and deleted within the
/// debounce leave the document as the host last got it, and send nothing.
#[wasm_bindgen_test]
async fn the_change_callback_fires_only_when_the_document_differs_from_the_last_sent() {
    let m = mount().await;
    let id = "sm/demo_asiakaskertomus/paivamaara";
    let sent = || m.changes.borrow().len();
    fire(&by_id::<Element>(&m, id), "blur");
    tick().await;
    assert_eq!(sent(), 0, "leaving a field without typing");
    click(&m, ".sm-primary");
    tick().await;
    assert_eq!(sent(), 0, "an emit attempt");
    // Typed and deleted before the debounce ends: the document is as loaded.
    type_into(&m, id, "2");
    type_into(&m, id, "");
    tick().await;
    assert_eq!(sent(), 0, "typed and deleted again");
    type_into(&m, id, "2");
    tick().await;
    assert_eq!(sent(), 1, "a real change is sent");
    type_into(&m, id, "2");
    fire(&by_id::<Element>(&m, id), "blur");
    tick().await;
    assert_eq!(sent(), 1, "the same value again, then leaving the field");
    type_into(&m, id, "");
    tick().await;
    assert_eq!(
        sent(),
        2,
        "back to the loaded document differs from the last sent"
    );
    assert!(!m.changes.borrow()[1].contains("paivamaara"));
}

/// In the browser, schema patterns run on the browser's RegExp (ECMA-262, `u` flag):
/// syntax errors are reported at parse time, matching is a search, `\d` is ASCII.
#[wasm_bindgen_test]
fn patterns_use_the_browsers_regexp() {
    use sosmeta_editor::Pattern;
    let p = Pattern::new("^urn:oid:1\\.2\\.246(\\.\\d+)*$").unwrap();
    assert!(p.is_match("urn:oid:1.2.246.537"));
    assert!(!p.is_match("urn:oid:1.2.246.x"));
    assert!(!p.is_match("urn:oid:1.2.246.\u{0661}"), "\\d is ASCII only");
    assert!(
        Pattern::new("a").unwrap().is_match("xay"),
        "unanchored search"
    );
    let e = Pattern::new("(unclosed").unwrap_err();
    assert!(!e.is_empty());
    // A whole structure: the demo's date pattern rejects a bad date in validation.
    let s = Structure::from_json(DEMO).unwrap();
    let doc = sosmeta_editor::Document::from_json(
        &s,
        r#"{"demo_asiakaskertomus": {"paivamaara": "2026-13-01"}}"#,
    )
    .unwrap();
    let report = sosmeta_editor::validate(&s, &doc, &Default::default());
    assert!(
        report
            .issues
            .iter()
            .any(|i| i.kind.code() == "pattern" && i.pointer.ends_with("/paivamaara")),
        "{:?}",
        report.issues
    );
}
