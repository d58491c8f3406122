//! The browser glue of the `<sosmeta-editor>` custom element (wasm32 + `csr` only).
//!
//! `static/sosmeta-editor.js` defines the element and calls [`EditorHandle`]; this module
//! moves values between JavaScript and [`crate::view::host`], where parsing, error texts and
//! event payloads live (and are tested natively). No method throws on bad host input: it
//! becomes a `sosmeta-error` event and a visible message, never a panic.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::restrict::Markings;
use crate::validate::Rules;
use crate::view::host::{self, Host, HostError, HostProps};
use crate::view::issue_target;
use crate::view::state::Action;

/// Whether `audience` sees a document at all (`SosmetaEditorElement.audienceSees`): for a
/// portal's list, which shows only what its viewer may open. Inputs are texts
/// as the element reads them; `today` empty = Finland's day.
#[wasm_bindgen(js_name = audienceSees)]
pub fn audience_sees(
    structure: &str,
    document: &str,
    markings: &str,
    audience: &str,
    today: &str,
) -> Result<bool, JsError> {
    host::audience_sees(structure, document, markings, audience, today)
        .map_err(|e| JsError::new(&format!("{}: {e}", e.code)))
}

/// Sets the panic hook; in the demo's build (feature `demo`), mounts the demo app when the
/// page has an element `#sosmeta-demo` (the demo's `index.html`).
#[wasm_bindgen(start)]
pub fn start() {
    // A panic is a bug: say what it was on the console (the element turns the trap that
    // follows into a `sosmeta-error` event and keeps the last document it was sent).
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "sosmeta-editor panicked: {info}"
        )));
    }));
    // The demo page's build only (feature `demo`): the element's own build leaves the
    // demo app out, bytes every host would otherwise download.
    #[cfg(feature = "demo")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("sosmeta-demo"))
    {
        yew::Renderer::<crate::view::demo::DemoApp>::with_root(root).render();
    }
}

/// Sends `(name, detailJson)` to the element, which dispatches a `CustomEvent`.
#[derive(Clone)]
struct Events(js_sys::Function);

impl Events {
    fn send(&self, name: &str, detail: &serde_json::Value) {
        self.send_text(name, &detail.to_string());
    }

    /// `detail` already serialised as JSON.
    fn send_text(&self, name: &str, detail: &str) {
        let _ = self.0.call2(
            &JsValue::NULL,
            &JsValue::from_str(name),
            &JsValue::from_str(detail),
        );
    }
}

thread_local! {
    /// Yew apps of released editors, kept for the next mount. Yew 0.23 never frees the
    /// event listeners it registers on an app's root (`HostHandlers::add_listener` forgets
    /// them: "the registry is never dropped in production"), so each destroyed app leaked
    /// its root's listeners and subtree (~3 KB of wasm memory per mount). A
    /// released app is reset to an empty host and parked; the next element reuses it.
    static PARKED: RefCell<Vec<(web_sys::Element, AppHandle<Host>)>> = const { RefCell::new(Vec::new()) };
}

/// Parked apps kept at most (more are destroyed: only when more than this many elements
/// were released and none mounted since).
const MAX_PARKED: usize = 16;

struct Inner {
    app: Option<AppHandle<Host>>,
    /// The element Yew renders into (inside the custom element's root; moves to the pool
    /// with its app).
    app_root: Option<web_sys::Element>,
    props: HostProps,
    errors: Vec<HostError>,
    markings: Markings,
    /// Host context from attributes; wins over the same fields of a `markings` input.
    role_attr: Option<crate::restrict::AuthorRole>,
    birth_attr: Option<Option<chrono::NaiveDate>>,
    adult_attr: Option<bool>,
    /// The last context the host gave could not be used: no bundle until it gives one that
    /// can (the CLI stops with exit 2 on the same file).
    context_error: Option<HostError>,
    /// The host context as given (resolved with the other inputs in [`Inner::resolve`]).
    context: Option<crate::context::HostContext>,
    /// The `doc-oid` attribute as given.
    doc_oid_attr: Option<String>,
    events: Events,
    /// What [`EditorHandle::prepare`], [`EditorHandle::read_document`] and
    /// [`EditorHandle::prepare_document`] found wrong, for [`EditorHandle::show`] to report.
    pending: Vec<HostError>,
    /// The document's JSON read by `readDocument`, until `prepareDocument` fits it.
    read: Option<serde_json::Value>,
    /// The structure's JSON read by `readStructure` (or why it could not be), until
    /// `prepare` makes the structure of it.
    read_structure: Option<Result<serde_json::Value, HostError>>,
    /// The JSON text `readStructure` or `readDocument` gave, while `readStep` reads it.
    reading: Option<(host::JsonInput, crate::json::Reading)>,
}

/// The most bytes of a JSON input one [`EditorHandle::read_step`] reads: about 15–30 ms
/// of a task in Chromium on the benchmark's 2-core VM (a 16 MiB text read at once took
/// ~200–290 ms).
const READ_STEP_BYTES: usize = 2 << 20;

impl Inner {
    /// Markings with the host's `author-role`, `client-birth-date` and `client-adult` attributes
    /// laid over them (the attributes win over a file's host context).
    fn with_host_attributes(&self, mut m: Markings) -> Markings {
        if let Some(r) = self.role_attr {
            m.host.author_role = Some(r);
        }
        if let Some(d) = self.birth_attr {
            m.host.client_birth_date = d;
        }
        if let Some(a) = self.adult_attr {
            m.host.client_adult = a;
        }
        m
    }

    /// The host's inputs resolved once ([`crate::resolve`], the CLI's policy): the render
    /// options get the one document OID, organiser and context; a conflict leaves the
    /// inputs as given (the bundle refuses for it) and is returned, each to be said.
    fn resolve(&mut self) -> Vec<crate::resolve::Conflict> {
        let inputs = crate::resolve::HostInputs {
            markings: self.markings.clone(),
            context: self.context.clone(),
            doc_oid: self.doc_oid_attr.clone(),
            ..Default::default()
        };
        let render = &mut self.props.render;
        match crate::resolve::resolve(&inputs) {
            Ok(o) => {
                render.doc_oid = o.doc_oid;
                render.organisation = o.organisation;
                render.host = o.host;
                Vec::new()
            }
            Err(conflicts) => {
                render.doc_oid = self.doc_oid_attr.clone();
                render.organisation = None;
                render.host = self.context.clone();
                conflicts
            }
        }
    }
}

/// One mounted editor. Created by the custom element; `free()` it (the element does, on
/// disconnect) to unmount and release everything.
#[wasm_bindgen]
pub struct EditorHandle {
    inner: Rc<RefCell<Inner>>,
}

#[wasm_bindgen]
impl EditorHandle {
    /// Mounts an empty editor into `root`; events go to `events(name, detailJson)`.
    #[wasm_bindgen(constructor)]
    pub fn new(root: web_sys::Element, events: js_sys::Function) -> EditorHandle {
        let inner = Rc::new(RefCell::new(Inner {
            app: None,
            app_root: None,
            // Every prop at its default: no structure yet, Finnish, edit mode.
            props: yew::props!(HostProps {}),
            errors: Vec::new(),
            markings: Markings::default(),
            role_attr: None,
            context_error: None,
            birth_attr: None,
            adult_attr: None,
            context: None,
            doc_oid_attr: None,
            events: Events(events),
            pending: Vec::new(),
            read: None,
            read_structure: None,
            reading: None,
        }));
        let weak = Rc::downgrade(&inner);
        {
            let mut i = inner.borrow_mut();
            let w = weak.clone();
            i.props.on_change = yew::Callback::from(move |json: String| {
                if let Some(inner) = w.upgrade() {
                    let detail = EditorHandle::change_detail(&inner.borrow(), &json);
                    let ev = inner.borrow().events.clone();
                    ev.send_text("sosmeta-change", &detail);
                }
            });
            let w = weak.clone();
            i.props.on_emit = yew::Callback::from(move |b: Rc<crate::emit::Bundle>| {
                if let Some(inner) = w.upgrade() {
                    let ev = inner.borrow().events.clone();
                    ev.send("sosmeta-emit", &host::emit_detail(&b));
                }
            });
            let w = weak.clone();
            i.props.on_refused = yew::Callback::from(move |_| {
                if let Some(inner) = w.upgrade() {
                    let detail = EditorHandle::validation(&inner.borrow());
                    let ev = inner.borrow().events.clone();
                    if let Some(d) = detail {
                        ev.send("sosmeta-validate", &d);
                    }
                }
            });
            let w = weak.clone();
            i.props.on_markings = yew::Callback::from(move |m: Markings| {
                if let Some(inner) = w.upgrade() {
                    inner.borrow_mut().markings = m;
                }
            });
            let w = weak.clone();
            i.props.on_drawn = yew::Callback::from(move |()| {
                if let Some(inner) = w.upgrade() {
                    let ev = inner.borrow().events.clone();
                    ev.send_text("sosmeta-drawn", "{}");
                }
            });
            i.props.progressive = true;
            let w = weak;
            i.props.on_rules = yew::Callback::from(move |r: Rc<Rules>| {
                if let Some(inner) = w.upgrade() {
                    inner.borrow_mut().props.rules = r;
                }
            });
            let props = i.props.clone();
            let (app_root, app) = match PARKED.with(|p| p.borrow_mut().pop()) {
                Some((el, mut app)) => {
                    app.update(props);
                    (el, app)
                }
                None => {
                    let el = gloo::utils::document()
                        .create_element("div")
                        .expect("a div can always be created");
                    el.set_class_name("sm-app");
                    let app =
                        yew::Renderer::<Host>::with_root_and_props(el.clone(), props).render();
                    (el, app)
                }
            };
            let _ = root.append_child(&app_root);
            i.app = Some(app);
            i.app_root = Some(app_root);
        }
        EditorHandle { inner }
    }

    /// The `sosmeta-change` detail as JSON text: the counts, and the document's canonical
    /// JSON spliced in as it is (no second parse and print of a possibly large document).
    fn change_detail(i: &Inner, json: &str) -> String {
        let mut counts = Self::validation(i).unwrap_or_else(|| serde_json::json!({}));
        if let serde_json::Value::Object(m) = &mut counts {
            m.remove("issues");
        }
        let counts = counts.to_string();
        let rest = counts
            .strip_prefix('{')
            .and_then(|c| c.strip_suffix('}'))
            .unwrap_or("");
        let sep = if rest.is_empty() { "" } else { "," };
        format!("{{\"document\":{json}{sep}{rest}}}")
    }

    /// The validation detail of the mounted editor's current document, from the report the
    /// editor already holds (with the rules it uses, also in the author view).
    fn validation(i: &Inner) -> Option<serde_json::Value> {
        let today = i.props.render.today();
        i.props.link.with(|st| {
            let refusals = st.refusals(&i.props.render, today);
            let a = st.assessment_on(today);
            host::validate_detail(&a, &refusals, i.context_error.as_ref(), st.lang)
        })
    }

    /// Re-renders with the current props and errors; reports `new_errors`.
    fn refresh(&self, source: &str, mut new_errors: Vec<HostError>) {
        let (events, errs) = {
            let mut i = self.inner.borrow_mut();
            i.errors.retain(|e| e.source != source);
            i.errors.extend(new_errors.iter().cloned());
            // The host's inputs resolved once; each conflict said once, by its code, while
            // it lasts (the bundle refuses for it; the markings stay as the host gave them).
            let conflicts = i.resolve();
            let had: Vec<&str> = i
                .errors
                .iter()
                .filter(|e| e.source == "resolve")
                .map(|e| e.code)
                .collect();
            i.errors.retain(|e| e.source != "resolve");
            for c in conflicts {
                let e = HostError::new(c.code(), "resolve", c.pointer().to_string(), c.to_string());
                i.errors.push(e.clone());
                if !had.contains(&e.code) {
                    new_errors.push(e);
                }
            }
            i.props.errors = Rc::new(i.errors.clone());
            i.props.markings = Some(Rc::new(i.markings.clone()));
            let props = i.props.clone();
            if let Some(app) = i.app.as_mut() {
                app.update(props);
            }
            (i.events.clone(), new_errors)
        };
        for e in errs {
            events.send("sosmeta-error", &e.to_value());
        }
    }

    /// Sets the structure (Sosmeta JSON text). Starts a new, empty document.
    #[wasm_bindgen(js_name = setStructure)]
    pub fn set_structure(&self, text: &str) {
        let errs = self.take_structure(text);
        self.refresh("structure", errs);
    }

    /// Sets the structure [`EditorHandle::read_structure`] took and the steps of
    /// [`EditorHandle::read_step`] read, as [`EditorHandle::set_structure`] sets one given
    /// whole (what the element does with a structure given without a document, or set
    /// after mount). Starts a new, empty document.
    #[wasm_bindgen(js_name = setReadStructure)]
    pub fn set_read_structure(&self) {
        let errs = self.take_read_structure();
        self.refresh("structure", errs);
    }

    /// Takes the structure's JSON text to start from, to be read by
    /// [`EditorHandle::read_step`] (what the element does when a structure and a document
    /// are given at mount). Then, each in a task of its own so the page paints and takes
    /// input between them: the steps of [`EditorHandle::read_step`] (a 16 MiB text is read
    /// a part at a time), [`EditorHandle::prepare`] (the structure made of it),
    /// [`EditorHandle::read_document`] and its steps, [`EditorHandle::prepare_document`],
    /// the steps of [`EditorHandle::prepare_step`], and [`EditorHandle::show`], which draws
    /// the form once, with the document.
    #[wasm_bindgen(js_name = readStructure)]
    pub fn read_structure(&self, structure: String) {
        let mut i = self.inner.borrow_mut();
        i.read_structure = None;
        i.reading = Some((
            host::JsonInput::Structure,
            crate::json::Reading::new(structure, crate::json::Limits::default()),
        ));
    }

    /// Appends `part` to the JSON text [`EditorHandle::read_structure`] or
    /// [`EditorHandle::read_document`] took, before its first [`EditorHandle::read_step`]:
    /// the element hands a large text over 2 MiB a task (a 16 MiB string copied into the
    /// WebAssembly memory at once took ~100 ms). A part given after reading began makes
    /// the reading fail ([`crate::json::Reading::push_str`]): nothing is left out silently.
    #[wasm_bindgen(js_name = moreText)]
    pub fn more_text(&self, part: &str) {
        if let Some((_, reading)) = self.inner.borrow_mut().reading.as_mut() {
            reading.push_str(part);
        }
    }

    /// Reads on in the JSON text [`EditorHandle::read_structure`] or
    /// [`EditorHandle::read_document`] took, at most [`READ_STEP_BYTES`]: true while there
    /// is more to read (call it again in a later task), false once it is read or refused.
    #[wasm_bindgen(js_name = readStep)]
    pub fn read_step(&self) -> bool {
        let Some((input, mut reading)) = self.inner.borrow_mut().reading.take() else {
            return false;
        };
        let read = host::read_part(&mut reading, input, READ_STEP_BYTES);
        let mut i = self.inner.borrow_mut();
        match (input, read) {
            (_, Ok(None)) => {
                i.reading = Some((input, reading));
                return true;
            }
            (host::JsonInput::Structure, Ok(Some(v))) => i.read_structure = Some(Ok(v)),
            (host::JsonInput::Structure, Err(e)) => i.read_structure = Some(Err(e)),
            (host::JsonInput::Document, Ok(Some(v))) => i.read = Some(v),
            (host::JsonInput::Document, Err(e)) => {
                i.props.blocked = true;
                i.pending.push(e);
            }
        }
        false
    }

    /// Makes the structure [`EditorHandle::read_structure`] read the one to start from,
    /// without drawing (a structure that could not be read is reported by
    /// [`EditorHandle::show`], as one that does not fit).
    pub fn prepare(&self) {
        let errs = self.take_read_structure();
        let mut i = self.inner.borrow_mut();
        i.errors
            .retain(|e| e.source != "structure" && e.source != "document");
        i.pending = errs;
        i.props.start = crate::view::state::SharedStart::default();
        i.read = None;
    }

    /// Takes the document's JSON text after [`EditorHandle::prepare`], to be read by
    /// [`EditorHandle::read_step`] ([`EditorHandle::prepare_document`] fits it to the
    /// structure in a later task): false when there is no structure to read it for.
    #[wasm_bindgen(js_name = readDocument)]
    pub fn read_document(&self, document: String) -> bool {
        let mut i = self.inner.borrow_mut();
        if i.props.structure.is_none() {
            return false;
        }
        i.read = None;
        i.reading = Some((
            host::JsonInput::Document,
            crate::json::Reading::new(document, crate::json::Limits::default()),
        ));
        true
    }

    /// Fits the document [`EditorHandle::read_document`] read to the structure, without
    /// drawing: false when it does not fit (or nothing was read).
    #[wasm_bindgen(js_name = prepareDocument)]
    pub fn prepare_document(&self) -> bool {
        let (s, v) = {
            let mut i = self.inner.borrow_mut();
            (i.props.structure.clone(), i.read.take())
        };
        if v.is_none() {
            // Not read (refused: reported by `show`).
            return false;
        }
        let mut ok = false;
        if let (Some(s), Some(v)) = (s, v) {
            match host::load_document(&s, &v) {
                Ok(doc) => {
                    self.inner.borrow_mut().props.document = Some(Rc::new(doc));
                    ok = true;
                }
                Err(e) => {
                    let mut i = self.inner.borrow_mut();
                    i.props.blocked = true;
                    i.pending.push(e);
                }
            }
        }
        let mut i = self.inner.borrow_mut();
        i.props.start = Self::start_for(&i.props);
        ok
    }

    /// The editor's start for what [`EditorHandle::prepare`] and
    /// [`EditorHandle::prepare_document`] read, as the editor will mount with these props
    /// ([`crate::view::state::StartInputs`]); none for the author view (its form has the
    /// author's rules) or when there is no form to draw.
    fn start_for(p: &HostProps) -> crate::view::state::SharedStart {
        use crate::view::state::{SharedStart, StartInputs};
        match &p.structure {
            Some(s) if !p.blocked && p.mode != host::HostMode::Author => {
                SharedStart::new(StartInputs::new(
                    s.clone(),
                    p.document.clone(),
                    p.rules.clone(),
                    p.structure_rules,
                    p.markings.as_deref(),
                    &p.render,
                    p.lang,
                ))
            }
            _ => SharedStart::default(),
        }
    }

    /// Does the next step of starting the editor for what [`EditorHandle::prepare`] and
    /// [`EditorHandle::prepare_document`] read (the rules, then the assessment in three
    /// steps: [`crate::view::state::SharedStart`]); false when none is left. The element
    /// calls it in a task of its own until false, then [`EditorHandle::show`]: no one task
    /// does all of it. Inputs changed meanwhile make the editor start anew when it mounts
    /// (never a stale start).
    #[wasm_bindgen(js_name = prepareStep)]
    pub fn prepare_step(&self) -> bool {
        let start = self.inner.borrow().props.start.clone();
        start.step()
    }

    /// Draws what [`EditorHandle::prepare`] read and reports its errors.
    pub fn show(&self) {
        let errs = std::mem::take(&mut self.inner.borrow_mut().pending);
        self.refresh("document", errs);
    }

    /// Makes the structure the reading steps read (no redraw); the errors to report.
    fn take_read_structure(&self) -> Vec<HostError> {
        let read = self.inner.borrow_mut().read_structure.take();
        match read {
            Some(Ok(v)) => self.take_structure_with(host::structure_of(&v)),
            Some(Err(e)) => self.take_structure_with(Err(e)),
            None => Vec::new(),
        }
    }

    /// Parses a structure into the props (no redraw); the errors to report.
    fn take_structure(&self, text: &str) -> Vec<HostError> {
        self.take_structure_with(host::parse_structure(text))
    }

    /// Takes a structure (or the error that it could not be read): the document and the
    /// rules start again for it.
    fn take_structure_with(&self, parsed: Result<crate::model::Structure, HostError>) -> Vec<HostError> {
        match parsed {
            Ok(s) => {
                let mut i = self.inner.borrow_mut();
                let s = Rc::new(s);
                i.props.structure = Some(s.clone());
                i.props.generation += 1;
                i.props.document = None;
                i.props.blocked = false;
                i.errors
                    .retain(|e| e.source != "document" && e.source != "rules");
                // Rules and a rules text given before belong to the new structure too.
                if let Some(t) = i.props.rules_text.clone() {
                    match host::parse_rules(&s, &t) {
                        Ok(r) => i.props.rules = Rc::new(r),
                        Err(e) => {
                            i.props.rules = Rc::default();
                            i.errors.push(e);
                        }
                    }
                }
                Vec::new()
            }
            Err(e) => {
                let mut i = self.inner.borrow_mut();
                i.props.structure = None;
                i.props.generation += 1;
                vec![e]
            }
        }
    }

    /// Reports a host input the element could not use before it reached the core: `code`
    /// is `load-failed` (fetch failed or timed out), `input-too-large` (over `max-bytes`) or
    /// `attribute-invalid`. A structure that could not be loaded takes the old one out:
    /// nothing answers for a structure the host no longer names.
    #[wasm_bindgen(js_name = reportError)]
    pub fn report_error(&self, code: &str, source: &str, message: &str) {
        let code = match code {
            "input-too-large" => "input-too-large",
            "attribute-invalid" => "attribute-invalid",
            _ => "load-failed",
        };
        if source == "structure" {
            let mut i = self.inner.borrow_mut();
            i.props.structure = None;
            i.props.generation += 1;
        }
        self.refresh(source, vec![HostError::new(code, source, "", message)]);
    }

    /// Takes the structure out while a new one is on its way (the element calls this when
    /// the `structure` input changes): the form goes, and `validate()`, `getDocument()`
    /// and `emit()` answer for no form until the new structure is set.
    #[wasm_bindgen(js_name = unloadStructure)]
    pub fn unload_structure(&self) {
        {
            let mut i = self.inner.borrow_mut();
            i.props.structure = None;
            i.props.document = None;
            i.props.generation += 1;
            // Answer for no form from now on, not after the unmount the redraw schedules.
            i.props.link.detach();
        }
        self.refresh("structure", Vec::new());
    }

    /// Sets the document (JSON text) and returns true when it loaded. A document needs its
    /// structure: without one it is refused with a `no-structure` error.
    #[wasm_bindgen(js_name = setDocument)]
    pub fn set_document(&self, text: &str) -> bool {
        let s = self.inner.borrow().props.structure.clone();
        let Some(s) = s else {
            self.refresh(
                "document",
                vec![HostError::new(
                    "no-structure",
                    "document",
                    "",
                    "set a structure before the document",
                )],
            );
            return false;
        };
        match host::parse_document(&s, text) {
            Ok(doc) => {
                let link = self.inner.borrow().props.link.clone();
                let dispatched = link.dispatch(Action::Replace(doc.clone()));
                {
                    let mut i = self.inner.borrow_mut();
                    i.props.document = Some(Rc::new(doc));
                    i.props.blocked = false;
                    if !dispatched {
                        i.props.generation += 1;
                    }
                }
                self.refresh("document", Vec::new());
                true
            }
            Err(e) => {
                {
                    let mut i = self.inner.borrow_mut();
                    // Before a form exists, show none: an empty form would replace the document.
                    if !i.props.link.is_linked() {
                        i.props.blocked = true;
                    }
                }
                self.refresh("document", vec![e]);
                false
            }
        }
    }

    /// The document's canonical JSON text, or `undefined` when no form is mounted.
    #[wasm_bindgen(js_name = getDocument)]
    pub fn get_document(&self) -> Option<String> {
        self.inner.borrow().props.link.document_json()
    }

    /// Sets the rules file (JSON text); empty text removes the rules.
    #[wasm_bindgen(js_name = setRules)]
    pub fn set_rules(&self, text: &str) {
        let errs = {
            let mut i = self.inner.borrow_mut();
            if text.trim().is_empty() {
                i.props.rules_text = None;
                i.props.rules = Rc::default();
                Vec::new()
            } else {
                i.props.rules_text = Some(text.to_string().into());
                match i.props.structure.clone() {
                    None => Vec::new(), // compiled when the structure arrives
                    Some(s) => match host::parse_rules(&s, text) {
                        Ok(r) => {
                            i.props.rules = Rc::new(r);
                            Vec::new()
                        }
                        Err(e) => vec![e],
                    },
                }
            }
        };
        self.refresh("rules", errs);
    }

    /// Sets the restriction markings (a markings JSON file, as `sosmeta render --markings`
    /// reads); `author-role`, `client-birth-date` and `client-adult` attributes win over the file's
    /// host context.
    #[wasm_bindgen(js_name = setMarkings)]
    pub fn set_markings(&self, text: &str) {
        let errs = match host::parse_markings(text) {
            Ok(m) => {
                let mut i = self.inner.borrow_mut();
                i.markings = i.with_host_attributes(m);
                Vec::new()
            }
            Err(e) => vec![e],
        };
        self.refresh("markings", errs);
    }

    /// Sets the host context (a context JSON file, as `sosmeta render --context` reads; empty
    /// text removes it): echoed in the bundle's metadata, its case id checked against the
    /// document, its document OID and organiser name used unless `doc-oid` is set.
    #[wasm_bindgen(js_name = setContext)]
    pub fn set_context(&self, text: &str) {
        let errs = match host::parse_context(text) {
            Ok(c) => {
                let mut i = self.inner.borrow_mut();
                i.context = c;
                i.context_error = None;
                Vec::new()
            }
            Err(e) => {
                self.inner.borrow_mut().context_error = Some(e.clone());
                vec![e]
            }
        };
        self.refresh("context", errs);
    }

    /// Opens an archived version for correction: its `document.json`, its
    /// `metadata.json` and its markings file (empty text: none). The form holds the archived
    /// document; the correction panel shows what changes and takes the reason; `emit()`
    /// gives the next version (the host gives its new OID: `doc-oid` or the context's
    /// `documentOid`). False and a `sosmeta-error` `archived-invalid` naming the input
    /// (`archived.document`, `archived.metadata`, `archived.markings`) and pointer when one
    /// cannot be used; nothing changes then.
    pub fn correct(&self, document: &str, metadata: &str, markings: &str) -> bool {
        self.open_correction(|s| host::parse_correction(s, document, metadata, markings))
    }

    /// [`EditorHandle::correct`] from an archived CDA envelope (`document.cda.xml`): its
    /// parts as the element's `DOMParser` found them (JSON of [`crate::emit::CdaParts`]),
    /// judged by the core; the markings from the host.
    #[wasm_bindgen(js_name = correctCda)]
    pub fn correct_cda(&self, parts: &str, markings: &str) -> bool {
        self.open_correction(|s| {
            let parts = crate::json::parse(parts)
                .ok()
                .and_then(|v| <crate::emit::CdaParts as serde::Deserialize>::deserialize(&v).ok())
                .ok_or_else(|| {
                    HostError::new("archived-invalid", "archived.cda", "", "unreadable parts")
                })?;
            host::parse_correction_cda(s, &parts, markings)
        })
    }

    fn open_correction(
        &self,
        parse: impl FnOnce(
            &crate::model::Structure,
        ) -> Result<crate::view::state::Correction, HostError>,
    ) -> bool {
        let s = self.inner.borrow().props.structure.clone();
        let Some(s) = s else {
            self.refresh(
                "archived",
                vec![HostError::new(
                    "no-structure",
                    "archived",
                    "",
                    "correct() needs the structure first",
                )],
            );
            return false;
        };
        match parse(&s) {
            Ok(mut c) => {
                {
                    let mut i = self.inner.borrow_mut();
                    // The host's attributes win over the archived markings too: the role of
                    // who corrects now, not of who wrote then.
                    c.previous_markings = i.with_host_attributes(c.previous_markings);
                    i.markings = c.previous_markings.clone();
                    let c = Rc::new(c);
                    i.props.correction = Some(c.clone());
                    let link = i.props.link.clone();
                    drop(i);
                    // At once, as `setDocument`: an `emit()` in the same task is of the
                    // correction, never a plain first version.
                    link.dispatch(Action::Correct(c));
                }
                self.refresh("archived", Vec::new());
                true
            }
            Err(e) => {
                self.refresh("archived", vec![e]);
                false
            }
        }
    }

    /// Sets the host's reason-of-correction codes: a JSON array of `{code, displayName}`.
    #[wasm_bindgen(js_name = setCorrectionReasons)]
    pub fn set_correction_reasons(&self, text: &str) {
        let errs = match host::parse_correction_reasons(text) {
            Ok(r) => {
                self.inner.borrow_mut().props.correction_reasons = Rc::new(r);
                Vec::new()
            }
            Err(e) => vec![e],
        };
        self.refresh("correctionReasons", errs);
    }

    /// The invalidation request (mitätöinti) of the archived version a `metadata.json`
    /// describes, with the host's reason code, its name and a text: JSON text of
    /// `{ ok: true, request }` (and a `sosmeta-invalidate` event), or `{ ok: false, reason }`.
    /// No new content: the host sends the request.
    pub fn invalidate(&self, metadata: &str, code: &str, display: &str, text: &str) -> String {
        let events = self.inner.borrow().events.clone();
        let meta = match crate::json::parse(metadata) {
            Ok(m) => m,
            Err(e) => {
                return serde_json::json!({ "ok": false, "reason": format!("metadata: {e}") })
                    .to_string()
            }
        };
        let reason = crate::context::Code {
            code: code.trim().to_string(),
            display_name: display.trim().to_string(),
        };
        let (role, allowed) = {
            let i = self.inner.borrow();
            let role = i
                .markings
                .host
                .author_role
                .map(crate::restrict::AuthorRole::code);
            let allowed = i
                .props
                .render
                .host
                .as_ref()
                .and_then(|h| h.version.as_ref())
                .and_then(|v| v.corrector.clone());
            (role, allowed)
        };
        let by = crate::context::Invalidator {
            role,
            allowed: allowed.as_deref(),
        };
        match crate::context::Invalidation::of(&meta, reason, text, by) {
            Ok(r) => {
                let d = serde_json::json!({ "ok": true, "request": r });
                events.send("sosmeta-invalidate", &d);
                d.to_string()
            }
            Err(e) => serde_json::json!({ "ok": false, "reason": e.to_string() }).to_string(),
        }
    }

    /// Sets host code sets (JSON text, see `CodeSets::from_json`); replaces earlier ones.
    #[wasm_bindgen(js_name = setCodeSets)]
    pub fn set_code_sets(&self, text: &str) {
        let errs = match host::parse_code_sets(text) {
            Ok(c) => {
                self.inner.borrow_mut().props.code_sets = Rc::new(c);
                Vec::new()
            }
            Err(e) => vec![e],
        };
        self.refresh("codeSets", errs);
    }

    /// The classification OIDs of the structure's Koodi fields (for a code-set callback).
    #[wasm_bindgen(js_name = codeSetOids)]
    pub fn code_set_oids(&self) -> Vec<String> {
        let i = self.inner.borrow();
        let Some(s) = i.props.structure.as_ref() else {
            return Vec::new();
        };
        host::code_set_oids(s)
    }

    /// Sets an attribute-like option: `lang`, `mode`, `audience`, `author-role`,
    /// `client-birth-date`, `doc-oid`, `today` (the host's day; empty = Finland's),
    /// `readonly` (`"true"`/`"false"`). Unknown names and
    /// values are reported as `sosmeta-error`; the previous value stays.
    #[wasm_bindgen(js_name = setOption)]
    pub fn set_option(&self, name: &str, value: &str) {
        let result: Result<(), HostError> = (|| {
            let mut i = self.inner.borrow_mut();
            // A removed attribute (empty value) means the default.
            let value = match (name, value.trim()) {
                ("lang", "") => "fi",
                ("mode", "") => "edit",
                ("audience", "") => "professional",
                (_, v) => v,
            };
            match name {
                "lang" => i.props.lang = host::parse_lang(value)?,
                "mode" => i.props.mode = host::parse_mode(value)?,
                "audience" => i.props.audience = host::parse_audience(value)?,
                // No role (absent or removed): the least privilege, never the organiser's.
                "author-role" if value.is_empty() => {
                    i.role_attr = None;
                    i.markings.host.author_role = None;
                }
                "author-role" => {
                    let r = host::parse_role(value)?;
                    i.role_attr = Some(r);
                    i.markings.host.author_role = Some(r);
                }
                "client-birth-date" => {
                    let d = host::parse_birth_date(value)?;
                    i.birth_attr = Some(d);
                    i.markings.host.client_birth_date = d;
                }
                // The host's word that every client is an adult (else an unknown age asks
                // for the guardian mark).
                "client-adult" => {
                    let a = value == "true";
                    i.adult_attr = Some(a);
                    i.markings.host.client_adult = a;
                }
                "doc-oid" => i.doc_oid_attr = host::parse_doc_oid(value)?,
                "today" => i.props.render.today = host::parse_today(value)?,
                "readonly" => i.props.readonly = value == "true",
                // A professional previewing "as the client": say why a document is hidden,
                // in a banner beside the previewed page (never for a citizen's own view).
                "explain" => i.props.explain_hidden = value == "true",
                // The structure's own rules (derived and curated) apply unless "false".
                "derived-rules" => i.props.structure_rules = value != "false",
                other => {
                    return Err(HostError::new(
                        "attribute-invalid",
                        other,
                        "",
                        "unknown option",
                    ))
                }
            }
            Ok(())
        })();
        self.refresh(name, result.err().into_iter().collect());
    }

    /// Validates now, shows every issue in the form, fires `sosmeta-validate` and returns
    /// its detail as JSON text (`undefined` when no form is mounted).
    pub fn validate(&self) -> Option<String> {
        let (detail, link, events) = {
            let i = self.inner.borrow();
            (
                Self::validation(&i)?,
                i.props.link.clone(),
                i.events.clone(),
            )
        };
        link.dispatch(Action::Submit);
        events.send("sosmeta-validate", &detail);
        Some(detail.to_string())
    }

    /// Produces the signed-ready bundle. On success fires `sosmeta-emit` and returns its
    /// detail (`ok: true`); otherwise shows the issues, fires `sosmeta-validate` and
    /// returns `{ ok: false, reasons, validation }`. JSON text; `undefined` without a form.
    pub fn emit(&self) -> Option<String> {
        let (render, link, events, unusable) = {
            let i = self.inner.borrow();
            (
                i.props.render.clone(),
                i.props.link.clone(),
                i.events.clone(),
                i.context_error.clone(),
            )
        };
        // Today is read again (the host's, else the clock's: this is the edge).
        let today = render.today();
        let outcome = link.with(|st| {
            // The verdict `validate()` gives, found once: the bundle refuses for exactly the
            // refusals it lists (and an unusable context refuses every bundle).
            let made = match &unusable {
                Some(_) => Err(st.refusals(&render, today)),
                None => st.bundle(&render, today).map_err(|r| r.reasons),
            };
            match made {
                Ok(b) => {
                    let changes = st.correction.as_ref().map(|_| {
                        host::changes_value(
                            &st.structure,
                            &st.changes,
                            &st.marking_changes(),
                            st.lang,
                        )
                    });
                    let markings = serde_json::to_value(&*st.markings).unwrap_or_default();
                    Ok((b, changes, markings))
                }
                Err(reasons) => {
                    let a = st.assessment_on(today);
                    Err(host::validate_detail(
                        &a,
                        &reasons,
                        unusable.as_ref(),
                        st.lang,
                    ))
                }
            }
        })?;
        match outcome {
            Ok((b, changes, markings)) => {
                let mut d = host::emit_detail(&b);
                // The markings as a markings file: what the host archives with the version
                // and gives `correct()` when it is corrected.
                d["markings"] = markings;
                if let Some(c) = changes {
                    d["changes"] = c;
                }
                events.send("sosmeta-emit", &d);
                Some(d.to_string())
            }
            Err(validation) => {
                link.dispatch(Action::Submit);
                events.send("sosmeta-validate", &validation);
                Some(host::refused_detail(validation).to_string())
            }
        }
    }

    /// Test hook: panics inside the wasm, so the browser tests can check that the element
    /// reports it and keeps the host's last document. Never called by the element itself.
    #[wasm_bindgen(js_name = panicForTests)]
    pub fn panic_for_tests(&self) {
        let _held = self.inner.borrow_mut();
        panic!("panic requested by a test");
    }

    /// True when the whole form is in the DOM (the element's `ready` waits for it).
    #[wasm_bindgen(js_name = isDrawn)]
    pub fn is_drawn(&self) -> bool {
        self.inner.borrow().props.link.is_drawn()
    }

    /// Shows every issue and moves focus to the first one (errors first, then marking
    /// problems, then warnings). Returns false when there is none.
    #[wasm_bindgen(js_name = focusFirstIssue)]
    pub fn focus_first_issue(&self) -> bool {
        let (link, today) = {
            let i = self.inner.borrow();
            (i.props.link.clone(), i.props.render.today())
        };
        let Some(target) = link.with(|st| {
            let a = st.assessment_on(today);
            let s = &st.structure;
            let at = |i: &crate::validate::Issue| (issue_target(s, &i.path), Some(i.path.clone()));
            let first_error = a.report.errors().next().map(at);
            first_error
                .or_else(|| (!a.problems.is_empty()).then(|| ("sm-markings".to_string(), None)))
                .or_else(|| a.report.warnings().next().map(at))
        }) else {
            return false;
        };
        link.dispatch(Action::Submit);
        match target {
            Some((id, path)) => {
                // An issue in a collapsed list's hidden items: the list opens first.
                if let Some(p) = path {
                    link.dispatch(Action::Open(p));
                }
                // Submit draws the whole form; a field not drawn yet is focused once it is.
                crate::view::focus_when_drawn(id);
                true
            }
            None => false,
        }
    }
}

impl Drop for EditorHandle {
    fn drop(&mut self) {
        if let Ok(mut i) = self.inner.try_borrow_mut() {
            // The link holds the editor's reducer handle, which holds the editor: break
            // that cycle here, whatever the unmount does (memory grew per mount without).
            i.props.link.detach();
            if let (Some(mut app), Some(el)) = (i.app.take(), i.app_root.take()) {
                // Reset to an empty host (the editor unmounts and its state is freed), then
                // park the app for the next element instead of destroying it.
                app.update(yew::props!(HostProps {}));
                el.remove();
                PARKED.with(|p| {
                    let mut p = p.borrow_mut();
                    if p.len() < MAX_PARKED {
                        p.push((el, app));
                    } else {
                        app.destroy();
                    }
                });
            }
        }
    }
}
