//! The Yew editor component. Draws what the core computes; no parsing, no rules here.
//!
//! [`Editor`] takes a parsed structure (shared `Rc`), an optional document, a language and
//! callbacks, and renders every field with the widget [`registry`] picks for its kind.

pub mod author;
pub mod correction; // internal: the panel is drawn by the Editor
pub mod demo;
#[doc(hidden)]
pub mod drawing; // internal: public for the test suite
#[doc(hidden)]
pub mod field_edit; // internal: public for the test suite
mod form;
mod hooks;
pub mod host;
pub mod link;
#[doc(hidden)]
pub mod markings; // internal: the panel is drawn by the Editor
#[doc(hidden)]
pub mod registry; // internal
#[doc(hidden)]
pub mod state; // internal: public for the test suite
#[doc(hidden)]
pub mod text; // internal
#[doc(hidden)]
pub mod vm; // internal: public for the test suite
#[doc(hidden)]
pub mod widgets; // internal

use std::rc::Rc;

use yew::prelude::*;

use crate::document::{DataPath, Document, PathToken};
use crate::emit::{Bundle, Refused, RenderOptions};
use crate::lang::Lang;
use crate::messages::{hidden_reason_message, issue_message, marking_message, MessageLang};
use crate::model::Structure;
use crate::restrict::{Audience, AudienceView, Markings};
use crate::validate::Rules;
use form::Ctx;
pub use link::EditorLink;
use state::Action;
use text::{ui, Ui};
use vm::{code_option_cache, dom_id, progress, CodeSets};

/// What the editor shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The form.
    #[default]
    Edit,
    /// The display form, read-only, as the archived XHTML shows it.
    Preview,
    /// The paper print-out: the display form with signature (Allekirjoitus) lines.
    Print,
}

/// Props of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The structure to edit a document of.
    pub structure: Rc<Structure>,
    /// An existing document to continue; empty when absent.
    #[prop_or_default]
    pub document: Option<Rc<Document>>,
    /// Initial language of labels and UI texts (the user can switch).
    #[prop_or_default]
    pub lang: Lang,
    /// The host's machine-readable conditional rules, laid over the structure's own
    /// (derived from its prose and curated) field by field.
    #[prop_or_default]
    pub rules: Rc<Rules>,
    /// Apply the structure's own rules (default); `false` applies only `rules`.
    #[prop_or(true)]
    pub structure_rules: bool,
    /// Host code lists by classification OID.
    #[prop_or_default]
    pub code_sets: Rc<CodeSets>,
    /// Document OID and organisation for the bundle.
    #[prop_or_default]
    pub render: RenderOptions,
    /// Debounced: the document's canonical JSON after changes — only when it differs from
    /// the JSON last sent (at first: the document as loaded), so leaving a field or an emit
    /// attempt sends nothing.
    #[prop_or_default]
    pub on_change: Callback<String>,
    /// A signed-ready bundle was produced.
    #[prop_or_default]
    pub on_emit: Callback<Rc<Bundle>>,
    /// Form, read-only preview or print layout.
    #[prop_or_default]
    pub mode: Mode,
    /// Initial restriction markings and host context (author role, client birth date).
    #[prop_or_default]
    pub markings: Option<Rc<Markings>>,
    /// Whose view [`Mode::Preview`] shows.
    #[prop_or(Audience::Professional)]
    pub audience: Audience,
    /// Restriction markings changed.
    #[prop_or_default]
    pub on_markings: Callback<Markings>,
    /// OmaKanta restriction reason codes the host knows beyond code 1
    /// (system 1.2.246.537.6.1288.201901).
    #[prop_or_default]
    pub reason_codes: Rc<Vec<vm::CodeOption>>,
    /// Debounce delay of `on_change` in milliseconds.
    #[prop_or(400)]
    pub debounce_ms: u32,
    /// Show the filled form with every control disabled (no edits, no emit button).
    #[prop_or_default]
    pub readonly: bool,
    /// The emit button was pressed but no bundle could be produced.
    #[prop_or_default]
    pub on_refused: Callback<Rc<Refused>>,
    /// Filled with the editor's state so a host can read and drive it (see [`EditorLink`]).
    #[prop_or_default]
    pub link: Option<EditorLink>,
    /// Draw a large form a screenful at a time (browser only): the first step at once, the
    /// rest in later tasks, so the top of the form takes input early. The form is
    /// `aria-busy` until it is complete; an emit attempt draws the rest at once.
    #[prop_or_default]
    pub progressive: bool,
    /// The whole form is in the DOM (once per editor; at once when not progressive).
    #[prop_or_default]
    pub on_drawn: Callback<()>,
    /// An archived version to correct: its document and markings are loaded, the
    /// panel shows what changed and takes the reason; the bundle is the next version.
    #[prop_or_default]
    pub correction: Option<Rc<state::Correction>>,
    /// The host's reason-of-correction codes (its list; the code system is not public).
    /// Empty: the worker types a code and its name.
    #[prop_or_default]
    pub correction_reasons: Rc<Vec<vm::CodeOption>>,
    /// In a client or guardian preview of a document that person does not see, also say
    /// why, in a banner beside (not inside) the previewed page: for a professional
    /// previewing "as the client". Off by default: a portal showing a citizen their view
    /// shows only the neutral empty state.
    #[prop_or_default]
    pub explain_hidden: bool,
    /// The editor's start, prepared by the host a step at a time in tasks of its own
    /// ([`state::SharedStart::step`]) so that mounting a large document does not block the
    /// page in one task. Taken when it was made for the same props ([`state::StartInputs`]:
    /// the same structure, document and rules objects, the same markings, day, case id and
    /// language); otherwise the editor starts anew. Default: none, the editor does all of
    /// it when it mounts.
    #[prop_or_default]
    pub start: state::SharedStart,
}

/// The editor.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    // The host's markings with its context laid over them, found once per render for both
    // hooks (the first render's start the state; a change is dispatched).
    let host_markings = hooks::host_markings(props);
    let state = hooks::use_editor_state(props);
    hooks::use_progressive_drawing(&state, props.on_drawn.clone());
    let summary_ref = use_node_ref();
    let root_ref = use_node_ref();
    hooks::use_open_on_find(&root_ref, &state, props.mode);
    let status = use_state(|| None::<String>);
    let emit_attempts = use_state(|| 0u32);

    hooks::use_host_props(&state, props, host_markings);
    hooks::use_host_link(&state, props.link.clone());
    hooks::use_debounced_change(&state, props.on_change.clone(), props.debounce_ms);
    // The one assessment: the focus effect, the panel, the preview and the bundle read it.
    let assessment = state.assessment.clone();
    let today = assessment.today();
    let problems = &assessment.problems;
    // Asked only once the worker has tried to emit (the answer walks the structure).
    let refused = *emit_attempts > 0 && !state.refusals(&props.render, today).is_empty();
    hooks::use_focus_after_refusal(&summary_ref, *emit_attempts, refused);

    // Code options per Koodi node: static for a structure and its code sets.
    let options = {
        let (s, sets) = (state.structure.clone(), props.code_sets.clone());
        let deps = (Rc::as_ptr(&s) as usize, Rc::as_ptr(&sets) as usize);
        use_memo(deps, move |_| code_option_cache(&s, &sets))
    };
    // The markings panel is skipped on redraws where nothing of it changed: its callback
    // stays the same object.
    let on_markings = {
        let dispatch = state.dispatcher();
        let (markings, today) = (state.markings.clone(), state.today());
        use_callback(
            (props.on_markings.clone(), markings, today),
            move |edit: crate::restrict::MarkingEdit, (cb, markings, today)| {
                // The core applies the worker's edit; the host hears the new markings.
                let m = crate::restrict::apply_edit(markings, edit, *today);
                cb.emit(m.clone());
                dispatch.dispatch(Action::SetMarkings(Box::new(m)));
            },
        )
    };
    let lang = state.lang;
    let s = &*state.structure;
    let doc = state.doc.borrow();
    let dispatch = state.dispatcher();
    let shared = form::Shared {
        structure: state.structure.clone(),
        doc: state.doc.clone(),
        assessment: state.assessment.clone(),
        touched: state.touched.clone(),
        submitted: state.submitted,
        lang,
        dispatch: dispatch.clone(),
        options: options.clone(),
        code_sets: props.code_sets.clone(),
        stamps: state.stamps.clone(),
        epoch: state.epoch,
        plan: state.plan.clone(),
        reveal: state.reveal,
        items: state.items,
        digests: state.digests,
        open: state.open.clone(),
        locked: state.locked.clone(),
    };
    let ctx = shared.ctx();
    let (filled, total) = progress(s, &doc);
    let dn = s.document_node();
    let body_path = DataPath::root().child(PathToken::Node(dn));
    let form = form::children(&ctx, dn, &body_path, &body_path.to_pointer(s));

    let on_emit = emit_callback(&state, &status, &emit_attempts, props);
    let set_lang = |l: Lang| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetLang(l)))
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::UndoRemove))
    };
    let lang_switch = html! {
        <div class="sm-lang" role="group" aria-label={ui(Ui::Language, lang)}>
            <button type="button" class="sm-lang-btn" aria-pressed={(lang == Lang::Fi).to_string()} onclick={set_lang(Lang::Fi)} lang="fi">{ "Suomi" }</button>
            <button type="button" class="sm-lang-btn" aria-pressed={(lang == Lang::Sv).to_string()} onclick={set_lang(Lang::Sv)} lang="sv">{ "Svenska" }</button>
        </div>
    };
    if props.mode != Mode::Edit {
        return preview(props, &state, &doc, lang_switch);
    }
    let minor = assessment.client_is_minor();
    let panel = html! {
        <markings::MarkingsPanel markings={(*state.markings).clone()} onedit={on_markings} {lang} {minor} {today}
            exclusion={assessment.exclusion()} notices={assessment.facts.notices.clone()}
            problems={if state.submitted { problems.clone() } else { Vec::new() }}
            reasons={props.reason_codes.clone()} />
    };
    let summary = summary(&ctx, state.submitted, problems);
    let correction = state.correction.clone().map(|c| {
        let (d, t) = (dispatch.clone(), dispatch.clone());
        let on_reason = Callback::from(move |r| d.dispatch(Action::CorrectionReason(r)));
        let on_text = Callback::from(move |x| t.dispatch(Action::CorrectionText(x)));
        html! {
            <correction::CorrectionPanel structure={state.structure.clone()} correction={c} changes={state.changes.clone()}
                marking_changes={state.marking_changes()} reasons={props.correction_reasons.clone()}
                {lang} {on_reason} {on_text} submitted={state.submitted} />
        }
    });
    html! {
        <ContextProvider<Today> context={Today(today)}>
        <div ref={root_ref} class="sm-editor" lang={lang.code()}>
            <div class="sm-toolbar">
                <h1 class="sm-title">{ s.document_title(lang) }</h1>
                { lang_switch }
                <p class="sm-progress" aria-live="polite">{ format!("{filled}/{total} {}", ui(Ui::Progress, lang)) }</p>
            </div>
            { summary.map(|h| html! { <div ref={summary_ref.clone()} class="sm-summary" tabindex="-1" role="region" aria-label={ui(Ui::ErrorsTitle, lang)}>{ h }</div> }).unwrap_or_default() }
            if state.last_removed.is_some() {
                <div class="sm-undo" role="status">{ ui(Ui::Removed, lang) }{ " " }<button type="button" class="sm-link" onclick={undo}>{ ui(Ui::UndoRemove, lang) }</button></div>
            }
            if props.readonly {
                <p class="sm-readonly-note" role="note">{ ui(Ui::ReadOnly, lang) }</p>
                // A disabled fieldset disables every control inside it: nothing can change.
                <fieldset class="sm-readonly" disabled=true>
                    <legend class="sm-visually-hidden">{ s.document_title(lang) }</legend>
                    <form class="sm-form" novalidate=true aria-busy={(!state.is_drawn()).then_some("true")} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                        <div class="sm-form-body">{ form }</div>
                    </form>
                    { panel }
                </fieldset>
            } else {
                // The form's parts go in a <div>, not in the <form> itself: every property read
                // of a form element (`namespaceURI`, `insertBefore`) first looks among its
                // controls by name, so Yew's drawing steps on a form of 5 500 fields spent
                // ~6 ms on each part they put in it (docs/performance.md, 2026-12-04 evening).
                <form class="sm-form" novalidate=true aria-busy={(!state.is_drawn()).then_some("true")} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <div class="sm-form-body">{ form }</div>
                </form>
                { panel }
                { correction.unwrap_or_default() }
                <div class="sm-actions">
                    <button type="button" class="sm-primary" onclick={on_emit}>{ ui(Ui::Emit, lang) }</button>
                    <p class="sm-status" role="status">{ (*status).clone().unwrap_or_default() }</p>
                </div>
            }
        </div>
        </ContextProvider<Today>>
    }
}

/// The Editor's emit button: the one emit path ([`state::EditorState::bundle`]); a refusal
/// is said in the worker's language and the form shows every issue.
fn emit_callback(
    state: &UseReducerHandle<state::EditorState>,
    status: &UseStateHandle<Option<String>>,
    emit_attempts: &UseStateHandle<u32>,
    props: &EditorProps,
) -> Callback<MouseEvent> {
    let state = state.clone();
    let status = status.clone();
    let emit_attempts = emit_attempts.clone();
    let cb = props.on_emit.clone();
    let refused_cb = props.on_refused.clone();
    let opts = props.render.clone();
    Callback::from(move |_: MouseEvent| {
        // The document's time: the host's, else now (the click is the edge).
        match state.bundle(&opts, state.today()) {
            Ok(b) => {
                status.set(Some(ui(Ui::EmitOk, state.lang).to_string()));
                cb.emit(Rc::new(b));
            }
            Err(refused) => {
                // In the worker's language, from the message table.
                let ml = crate::messages::MessageLang::from(state.lang);
                let text: Vec<String> = refused
                    .reasons
                    .iter()
                    .map(|r| crate::messages::refusal_message(r, ml))
                    .collect();
                refused_cb.emit(Rc::new(refused));
                status.set(Some(text.join("; ")));
                state.dispatch(Action::Submit);
            }
        }
        emit_attempts.set(*emit_attempts + 1);
    })
}

/// The preview and print modes: the display form as the audience sees it (or the
/// portal's empty state), the reason beside the page for a professional when asked.
fn preview(
    props: &EditorProps,
    state: &state::EditorState,
    doc: &crate::document::Document,
    lang_switch: Html,
) -> Html {
    let (s, lang, assessment) = (&*state.structure, state.lang, &state.assessment);
    let view = assessment.audience_view(&state.markings, props.audience);
    // What the viewer sees of a hidden document is what the portal shows when there is
    // nothing: no title, no reason. The reason is the professional's, outside the page.
    let mut banner = Html::default();
    let nothing =
        matches!(view, AudienceView::Hidden(_)) && props.audience != Audience::Professional;
    let body = match view {
        AudienceView::Hidden(reason) if props.audience != Audience::Professional => {
            if props.explain_hidden {
                banner = html! {
                    <aside class="sm-preview-banner" role="note">
                        <strong>{ ui(Ui::PreviewBanner, lang) }</strong>{ ": " }
                        { hidden_reason_message(&reason, MessageLang::from(lang)) }
                    </aside>
                };
            }
            html! { <p class="sm-hidden-view sm-nothing" role="status">{ ui(Ui::NothingToShow, lang) }</p> }
        }
        AudienceView::Hidden(reason) => html! {
            <p class="sm-hidden-view" role="status">{ hidden_reason_message(&reason, MessageLang::from(lang)) }</p>
        },
        AudienceView::Shown { redacted } => {
            let mut hidden = assessment.hidden.clone();
            hidden.extend(redacted);
            // Our own writer's output: every text escaped, no active content (see emit::xhtml).
            let xhtml = crate::emit::write_xhtml(
                s,
                doc,
                &hidden,
                &crate::emit::XhtmlOptions {
                    lang,
                    doc_oid: props.render.doc_oid.clone(),
                    organisation: props.render.organisation.clone(),
                    print: props.mode == Mode::Print,
                    ..Default::default()
                },
            );
            Html::from_html_unchecked(AttrValue::from(xhtml))
        }
    };
    html! {
        <>
        { banner }
        <div class={classes!("sm-editor", "sm-display", (props.mode == Mode::Print).then_some("sm-print"))} lang={lang.code()}>
            <div class="sm-toolbar">
                if !nothing { <h1 class="sm-title">{ s.document_title(lang) }</h1> }
                { lang_switch }
            </div>
            { body }
        </div>
        </>
    }
}

/// Today as the editor sees it (the host's `render.today`, else Finland's), for the
/// widgets that need it (code-list validity) without reading a clock themselves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Today(pub(crate) chrono::NaiveDate);

fn summary(
    ctx: &Ctx<'_>,
    submitted: bool,
    problems: &[crate::restrict::MarkingProblem],
) -> Option<Html> {
    if !submitted {
        return None;
    }
    let lang = ctx.lang;
    let mlang = MessageLang::from(lang);
    let link = |i: &crate::validate::Issue| {
        let target = issue_target(ctx.s, &i.path);
        let label = i
            .path
            .last_node()
            .map(|n| ctx.s.node(n).meta.label(lang).to_string())
            .unwrap_or_default();
        let href = format!("#{target}");
        let (dispatch, path) = (ctx.dispatch.clone(), i.path.clone());
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            // An issue in a collapsed list's hidden items: the list opens first.
            dispatch.dispatch(Action::Open(path.clone()));
            focus_when_drawn(target.clone());
        });
        html! { <li><a {href} {onclick}>{ format!("{label}: {}", issue_message(&i.kind, mlang)) }</a></li> }
    };
    let errors: Vec<_> = ctx.report.errors().collect();
    let warnings: Vec<_> = ctx.report.warnings().collect();
    let marking_links = problems.iter().map(|p| {
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            focus_by_id("sm-markings");
        });
        html! { <li><a href="#sm-markings" {onclick}>{ marking_message(p, MessageLang::from(lang)) }</a></li> }
    });
    Some(html! {
        <>
            <h2>{ format!("{} ({})", ui(Ui::ErrorsTitle, lang), errors.len() + problems.len()) }</h2>
            if errors.is_empty() && problems.is_empty() { <p>{ ui(Ui::NoErrors, lang) }</p> }
            <ul class="sm-summary-errors">{ for errors.iter().map(|i| link(i)) }{ for marking_links }</ul>
            if !warnings.is_empty() {
                <details class="sm-summary-warnings">
                    <summary>{ format!("{} ({})", ui(Ui::WarningsTitle, lang), warnings.len()) }</summary>
                    <ul>{ for warnings.iter().map(|i| link(i)) }</ul>
                </details>
            }
        </>
    })
}

/// The DOM id of the widget an issue at `path` is shown on (parts belong to their field).
pub fn issue_target(s: &Structure, path: &DataPath) -> String {
    let mut p = path.clone();
    while matches!(p.0.last(), Some(PathToken::Part(_))) {
        p.0.pop();
    }
    dom_id(&p.to_pointer(s))
}

/// Moves keyboard focus to the element with this id (browser only); false when there is
/// no such element or it cannot take focus (the text line standing for an item of a
/// collapsed list has the item's id until the item is drawn).
pub(crate) fn focus_by_id(_id: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some((doc, el)) = doc.and_then(|d| d.get_element_by_id(_id).map(|e| (d, e))) {
            if let Ok(h) = el.clone().dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
                return doc.active_element().as_ref() == Some(&el);
            }
        }
    }
    false
}

/// Moves keyboard focus to the element with this id now or, when a later drawing step
/// draws it (an item of a list just opened), once it is there: tried every 50 ms for 10 s
/// at most (browser only).
pub(crate) fn focus_when_drawn(id: String) {
    #[cfg(target_arch = "wasm32")]
    {
        fn again(id: String, left: u32) {
            gloo::timers::callback::Timeout::new(50, move || {
                if !focus_by_id(&id) && left > 0 {
                    again(id, left - 1);
                }
            })
            .forget();
        }
        if !focus_by_id(&id) {
            again(id, 200);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

/// Marks a moment on the page's performance timeline (`performance.mark("sosmeta:…")`):
/// the benchmark reads them to say where the time goes before the form is drawn
/// (structure parsed, document parsed, rules, assessed, first view, drawn). Natively,
/// nothing.
pub(crate) fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}
