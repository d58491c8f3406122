//! The Yew editor component. Draws what the core computes; no parsing, no rules here.
//!
//! [`Editor`] takes a parsed structure (shared `Rc`), an optional document, a language and
//! callbacks, and renders every field with the widget [`registry`] picks for its kind.

pub mod author;
pub mod demo;
pub mod field_edit;
pub mod host;
pub mod link;
pub mod markings;
pub mod registry;
pub mod state;
pub mod text;
pub mod vm;
pub mod widgets;

use std::rc::Rc;

use yew::prelude::*;

use crate::assess::Assessment;
use crate::document::{DataPath, Document, Edit, Entry, Group, Item, Parts, PathToken, Plain};
use crate::emit::{render_bundle_assessed, Bundle, Refused, RenderOptions};
use crate::lang::Lang;
use crate::messages::{issue_message, MessageLang};
use crate::model::{FieldKind, JsonType, NodeId, NodeKind, Shape, Structure};
use crate::restrict::{Audience, AudienceView, Markings};
use crate::validate::{Rules, Severity};
pub use link::EditorLink;
use registry::FieldView;
use state::{Action, EditorState};
use text::{ui, Ui};
use vm::{code_option_cache, dom_id, field_vm_at, progress, CodeSets, Shown, VmCtx};

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
    /// Machine-readable conditional rules.
    #[prop_or_default]
    pub rules: Rc<Rules>,
    /// Host code lists by classification OID.
    #[prop_or_default]
    pub code_sets: Rc<CodeSets>,
    /// Document OID and organisation for the bundle.
    #[prop_or_default]
    pub render: RenderOptions,
    /// Debounced: the document's canonical JSON after changes.
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
}

/// Runs `f` when `value` differs from the one of the previous render (never on the first).
#[hook]
fn use_changed<T: PartialEq + Clone + 'static>(value: T, f: impl FnOnce(&T)) {
    let last = use_mut_ref(|| value.clone());
    let changed = *last.borrow() != value;
    if changed {
        *last.borrow_mut() = value.clone();
        f(&value);
    }
}

/// What every part of the form is drawn from, owned, so group components can hold it.
#[derive(Clone)]
struct Shared {
    structure: Rc<Structure>,
    doc: Rc<std::cell::RefCell<Document>>,
    /// The one assessment (report, hidden fields, markings facts).
    assessment: Rc<Assessment>,
    touched: Rc<std::collections::HashSet<DataPath>>,
    submitted: bool,
    lang: Lang,
    dispatch: UseReducerDispatcher<EditorState>,
    options: Rc<std::collections::HashMap<NodeId, Rc<Vec<vm::CodeOption>>>>,
    code_sets: Rc<CodeSets>,
    stamps: Rc<std::cell::RefCell<state::Stamps>>,
    epoch: u64,
    plan: Rc<state::RevealPlan>,
    reveal: u32,
    items: u32,
    issue_index: Rc<IssueIndex>,
}

/// For every pointer that has issues at or below it, a fingerprint of those issues, so
/// "did anything under this pointer change" is one lookup, not a scan and a copy of the
/// issues (asked for every group and field a redraw passes).
struct IssueIndex {
    by_pointer: std::collections::HashMap<String, u64>,
}

impl IssueIndex {
    fn new(report: &crate::validate::Report) -> IssueIndex {
        use std::hash::{Hash, Hasher};
        let mut by_pointer: std::collections::HashMap<String, u64> = Default::default();
        // In document order, each issue is mixed into its own pointer and every ancestor.
        for issue in &report.issues {
            let mut h = std::hash::DefaultHasher::new();
            issue.hash(&mut h);
            let hash = h.finish();
            let p = issue.pointer.as_str();
            let ends = p
                .match_indices('/')
                .map(|(i, _)| i)
                .skip(1)
                .chain(std::iter::once(p.len()));
            for end in ends {
                let slot = by_pointer.entry(p[..end].to_string()).or_insert(0);
                *slot = (slot.rotate_left(5) ^ hash).wrapping_mul(0x100_0000_01b3) | 1;
            }
        }
        IssueIndex { by_pointer }
    }

    /// A fingerprint of the issues at `pointer` or below it: 0 when there are none, equal
    /// for equal issues (in document order).
    fn fingerprint(&self, pointer: &str) -> u64 {
        self.by_pointer.get(pointer).copied().unwrap_or(0)
    }
}

struct Ctx<'a> {
    vm: VmCtx<'a>,
    s: &'a Structure,
    report: &'a crate::validate::Report,
    shown: Shown<'a>,
    lang: Lang,
    dispatch: &'a UseReducerDispatcher<EditorState>,
    hidden: &'a [DataPath],
    shared: &'a Shared,
}

impl Shared {
    fn ctx(&self) -> Ctx<'_> {
        let shown = Shown {
            touched: &self.touched,
            submitted: self.submitted,
        };
        Ctx {
            vm: VmCtx {
                s: &self.structure,
                report: &self.assessment.report,
                shown,
                lang: self.lang,
                sets: &self.code_sets,
                options: &self.options,
            },
            s: &self.structure,
            report: &self.assessment.report,
            shown,
            lang: self.lang,
            dispatch: &self.dispatch,
            hidden: &self.assessment.hidden,
            shared: self,
        }
    }
}

/// Props of [`GroupView`]: what decides whether a group's subtree must be drawn again.
/// `shared` is not compared: a group whose stamps, issues and flags are unchanged is skipped
/// (typing in one field renders only the groups on its path).
#[derive(Properties)]
struct GroupProps {
    node: NodeId,
    path: DataPath,
    /// Draw only the children (a repeated item's body), not the group's own frame.
    body: bool,
    stamp: u64,
    shape: u64,
    /// [`IssueIndex::fingerprint`] of the subtree's issues (0: none).
    issues: u64,
    /// The subtree's JSON Pointer.
    pointer: Rc<str>,
    /// How much of the subtree is drawn ([`reveal_key`]).
    reveal: u64,
    shared: Shared,
}

impl PartialEq for GroupProps {
    fn eq(&self, o: &Self) -> bool {
        self.node == o.node
            && self.path == o.path
            && self.body == o.body
            && self.stamp == o.stamp
            && self.shape == o.shape
            && self.reveal == o.reveal
            && self.issues == o.issues
            && self.shared.epoch == o.shared.epoch
            // "Submitted" only changes what a subtree with issues shows.
            && (self.shared.submitted == o.shared.submitted
                || (self.issues == 0 && o.issues == 0))
            && self.shared.lang == o.shared.lang
            && Rc::ptr_eq(&self.shared.structure, &o.shared.structure)
            && Rc::ptr_eq(&self.shared.options, &o.shared.options)
            && (Rc::ptr_eq(&self.shared.assessment, &o.shared.assessment)
                || self.shared.assessment.hidden == o.shared.assessment.hidden)
    }
}

/// One group (or one repeated item's body), drawn again only when something in it changed.
#[component]
fn GroupView(props: &GroupProps) -> Html {
    if !props.body {
        return own_frame(props);
    }
    let ctx = props.shared.ctx();
    let doc = props.shared.doc.borrow();
    let (list, index) = match props.path.0.split_last() {
        Some((PathToken::Index(i), rest)) => (DataPath(rest.to_vec()), *i),
        _ => return Html::default(),
    };
    let g = match doc.entry(&list).and_then(|e| e.items().get(index)) {
        Some(Item::Group(g)) => Some(g),
        _ => None,
    };
    children(&ctx, props.node, g, &props.path, &props.pointer)
}

/// One field, drawn again only when its value, its issues or what is shown of them changed
/// (its view model is computed here, not by the group around it).
#[component]
fn FieldSlot(props: &GroupProps) -> Html {
    own_frame(props)
}

/// What a [`GroupView`] (not an item's body) or a [`FieldSlot`] draws: its node with its
/// frame (fieldset, list section or field widget).
fn own_frame(props: &GroupProps) -> Html {
    let ctx = props.shared.ctx();
    let doc = props.shared.doc.borrow();
    child_impl(
        &ctx,
        props.node,
        doc.entry(&props.path),
        &props.path,
        props.pointer.to_string(),
        true,
    )
}

/// A [`GroupView`] for `path`, with the stamps and issues that decide whether it is redrawn.
fn group_view(
    ctx: &Ctx<'_>,
    node: NodeId,
    path: DataPath,
    pointer: &str,
    body: bool,
    list: Option<&DataPath>,
) -> Html {
    let (stamp, shape) = {
        let st = ctx.shared.stamps.borrow();
        (st.value(&path), list.map(|l| st.shape(l)).unwrap_or(0))
    };
    let issues = ctx.shared.issue_index.fingerprint(pointer);
    let reveal = reveal_key(ctx.shared, node, body);
    let pointer: Rc<str> = Rc::from(pointer);
    html! {
        <GroupView key={pointer.clone()} {node} {path} {body} {stamp} {shape} {issues} {reveal} pointer={pointer.clone()} shared={ctx.shared.clone()} />
    }
}

/// How much of `node`'s subtree is drawn, for a component to compare: its nodes
/// ([`state::RevealPlan::subtree`]) and, while lists are drawn item by item and it has a
/// list, the item count (`body`: of one item of `node`). `u64::MAX` once all is drawn.
fn reveal_key(shared: &Shared, node: NodeId, body: bool) -> u64 {
    let nodes = shared.plan.subtree(node, shared.reveal);
    let lists = if body {
        shared.plan.has_list_below(&shared.structure, node)
    } else {
        shared.plan.has_list(node)
    };
    let items = if lists { shared.items } else { state::ALL };
    (u64::from(nodes) << 32) | u64::from(items)
}

/// A scheduled drawing step; dropping it cancels it.
type NextStep = (
    Option<gloo::render::AnimationFrame>,
    gloo::timers::callback::Timeout,
    Rc<std::cell::RefCell<Option<gloo::timers::callback::Timeout>>>,
);

/// Schedules the drawing step to `next` in a task of its own. After the first step it waits
/// for the browser to paint (a task after the next animation frame, or 100 ms where frames
/// do not come: a hidden tab), so the top of the form shows at once; later steps follow
/// without waiting for frames.
fn next_step(
    dispatch: UseReducerDispatcher<EditorState>,
    next: Action,
    after_paint: bool,
) -> NextStep {
    use gloo::timers::callback::Timeout;
    let after_frame: Rc<std::cell::RefCell<Option<Timeout>>> = Rc::default();
    if !after_paint {
        let step = Timeout::new(0, move || dispatch.dispatch(next));
        return (None, step, after_frame);
    }
    let slot = after_frame.clone();
    let (d, again) = (dispatch.clone(), next.clone());
    let frame = gloo::render::request_animation_frame(move |_| {
        *slot.borrow_mut() = Some(Timeout::new(0, move || d.dispatch(again)));
    });
    let fallback = Timeout::new(100, move || dispatch.dispatch(next));
    (Some(frame), fallback, after_frame)
}

/// The editor.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let state = {
        let (s, r, d, l) = (
            props.structure.clone(),
            props.rules.clone(),
            props.document.clone(),
            props.lang,
        );
        let markings = props.markings.as_deref().cloned().unwrap_or_default();
        // Today is the host's (`render.today`), else Finland's, read here: the Yew host's
        // edge. The state holds it from now on (a changed `render.today` is sent below).
        let context = props.render.context();
        let progressive = props.progressive;
        use_reducer(move || {
            let doc = d.map(|d| (*d).clone()).unwrap_or_default();
            let mut st = EditorState::new(s, r, doc, l, markings, context);
            if progressive {
                st.reveal = st.plan.first();
                st.items = state::RevealPlan::ITEMS_FIRST;
            }
            st
        })
    };
    // Drawing in steps: each step in its own task, so input and painting come between.
    {
        let dispatch = state.dispatcher();
        let plan = state.plan.clone();
        let on_drawn = props.on_drawn.clone();
        let doc = state.doc.clone();
        use_effect_with((state.reveal, state.items), move |&(limit, items)| {
            let step = if limit != state::ALL {
                let next = Action::Reveal(plan.next(limit));
                Some(next_step(dispatch, next, limit == plan.first()))
            } else if items != state::ALL {
                // The nodes are drawn; now the rest of the items of long lists.
                let next = state::RevealPlan::next_items(items, state::max_items(&doc.borrow()));
                Some(next_step(dispatch, Action::RevealItems(next), false))
            } else {
                on_drawn.emit(());
                None
            };
            move || drop(step)
        });
    }
    let summary_ref = use_node_ref();
    let status = use_state(|| None::<String>);
    let emit_attempts = use_state(|| 0u32);

    // Props that change after mounting: language, rules and markings follow the host
    // without a remount (the document and what the user has seen stay).
    {
        let dispatch = state.dispatcher();
        use_changed(props.lang, |l| dispatch.dispatch(Action::SetLang(*l)));
        let rules_ptr = Rc::as_ptr(&props.rules) as usize;
        let rules = props.rules.clone();
        let d = dispatch.clone();
        use_changed(rules_ptr, move |_| d.dispatch(Action::SetRules(rules)));
        // By value: hosts may pass a fresh Rc with the same markings on every render.
        let d = dispatch.clone();
        use_changed(props.markings.as_deref().cloned(), move |m| {
            d.dispatch(Action::SetMarkings(m.clone().unwrap_or_default()))
        });
        use_changed(props.render.today, move |t| {
            if let Some(day) = t {
                dispatch.dispatch(Action::SetToday(*day))
            }
        });
    }
    if let Some(link) = &props.link {
        link.attach(state.clone());
    }
    {
        let link = props.link.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(l) = link {
                    l.detach()
                }
            }
        });
    }

    // Debounced change callback (browser only: effects do not run in SSR).
    {
        let doc = state.doc.clone();
        let s = state.structure.clone();
        let on_change = props.on_change.clone();
        let ms = props.debounce_ms;
        use_effect_with(state.version, move |v| {
            let timer = (*v > 0).then(|| {
                gloo::timers::callback::Timeout::new(ms, move || {
                    on_change.emit(doc.borrow().to_canonical_json(&s))
                })
            });
            move || drop(timer)
        });
    }
    // The one assessment: the focus effect, the panel, the preview and the bundle read it.
    let assessment = state.assessment.clone();
    let today = assessment.today();
    let problems = &assessment.problems;
    // After an emit attempt with errors, move focus to the summary.
    {
        let summary_ref = summary_ref.clone();
        let has_errors = !assessment.is_ready();
        use_effect_with(*emit_attempts, move |n| {
            if *n > 0 && has_errors {
                if let Some(el) = summary_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

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
        use_callback(props.on_markings.clone(), move |m: Markings, cb| {
            cb.emit(m.clone());
            dispatch.dispatch(Action::SetMarkings(m));
        })
    };
    let issue_index = {
        let a = state.assessment.clone();
        use_memo(Rc::as_ptr(&a) as usize, move |_| IssueIndex::new(&a.report))
    };
    let lang = state.lang;
    let s = &*state.structure;
    let doc = state.doc.borrow();
    let dispatch = state.dispatcher();
    let shared = Shared {
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
        issue_index: issue_index.clone(),
    };
    let ctx = shared.ctx();
    let (filled, total) = progress(s, &doc);
    let dn = s.document_node();
    let body_path = DataPath::root().child(PathToken::Node(dn));
    let body = match doc.top.get(dn) {
        Some(Entry::One(Item::Group(g))) => Some(g),
        _ => None,
    };
    let form = children(&ctx, dn, body, &body_path, &body_path.to_pointer(s));

    let on_emit = {
        let state = state.clone();
        let status = status.clone();
        let emit_attempts = emit_attempts.clone();
        let cb = props.on_emit.clone();
        let refused_cb = props.on_refused.clone();
        let opts = props.render.clone();
        Callback::from(move |_: MouseEvent| {
            let doc = state.doc.borrow();
            let opts = RenderOptions {
                lang: state.lang,
                markings: (*state.markings).clone(),
                today: Some(state.today()),
                ..opts.clone()
            };
            match render_bundle_assessed(&state.structure, &doc, &state.assessment, &opts) {
                Ok(b) => {
                    status.set(Some(ui(Ui::EmitOk, state.lang).to_string()));
                    cb.emit(Rc::new(b));
                }
                Err(refused) => {
                    let reasons = refused.reasons.clone();
                    refused_cb.emit(Rc::new(refused));
                    status.set(Some(
                        reasons
                            .iter()
                            .map(|r| r.to_string())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ));
                    state.dispatch(Action::Submit);
                }
            }
            emit_attempts.set(*emit_attempts + 1);
        })
    };
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
        let view = assessment.audience_view(&state.markings, props.audience);
        let body = match view {
            AudienceView::Hidden(reason) => html! {
                <p class="sm-hidden-view" role="status">{ if lang == Lang::Sv { reason.text_sv() } else { reason.text_fi() } }</p>
            },
            AudienceView::Shown { redacted } => {
                let mut hidden = assessment.hidden.clone();
                hidden.extend(redacted);
                // Our own writer's output: every text escaped, no active content (see emit::xhtml).
                let xhtml = crate::emit::write_xhtml(
                    s,
                    &doc,
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
        return html! {
            <div class={classes!("sm-editor", "sm-display", (props.mode == Mode::Print).then_some("sm-print"))} lang={lang.code()}>
                <div class="sm-toolbar">
                    <h1 class="sm-title">{ s.document_title(lang) }</h1>
                    { lang_switch }
                </div>
                { body }
            </div>
        };
    }
    let minor = assessment.client_is_minor();
    let panel = html! {
        <markings::MarkingsPanel markings={(*state.markings).clone()} onchange={on_markings} {lang} {minor} {today}
            exclusion={assessment.exclusion()} problems={if state.submitted { problems.clone() } else { Vec::new() }}
            reasons={props.reason_codes.clone()} />
    };
    let summary = summary(&ctx, state.submitted, problems);
    html! {
        <ContextProvider<Today> context={Today(today)}>
        <div class="sm-editor" lang={lang.code()}>
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
                        { form }
                    </form>
                    { panel }
                </fieldset>
            } else {
                <form class="sm-form" novalidate=true aria-busy={(!state.is_drawn()).then_some("true")} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { form }
                </form>
                { panel }
                <div class="sm-actions">
                    <button type="button" class="sm-primary" onclick={on_emit}>{ ui(Ui::Emit, lang) }</button>
                    <p class="sm-status" role="status">{ (*status).clone().unwrap_or_default() }</p>
                </div>
            }
        </div>
        </ContextProvider<Today>>
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
    let mlang = if lang == Lang::Sv {
        MessageLang::Sv
    } else {
        MessageLang::Fi
    };
    let link = |i: &crate::validate::Issue| {
        let target = issue_target(ctx.s, &i.path);
        let label = i
            .path
            .last_node()
            .map(|n| ctx.s.node(n).meta.label(lang).to_string())
            .unwrap_or_default();
        let href = format!("#{target}");
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            focus_by_id(&target);
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
        html! { <li><a href="#sm-markings" {onclick}>{ markings::problem_text(p, lang) }</a></li> }
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
/// no such element.
pub(crate) fn focus_by_id(_id: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(_id))
        {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
                return true;
            }
        }
    }
    false
}

/// A default new item for a repeatable node.
fn new_item(s: &Structure, id: NodeId) -> Item {
    match &s.node(id).shape {
        Shape::Group { .. } => Item::Group(Group::default()),
        Shape::Parts { .. } => Item::Parts(Parts::default()),
        Shape::Scalar(sc) => Item::Plain(match sc.json_type {
            JsonType::String => Plain::Text(String::new()),
            JsonType::Boolean => Plain::Bool(false),
            JsonType::Number | JsonType::Integer => Plain::Number(0.into()),
        }),
    }
}

/// The children of the group or item at `path` (whose JSON Pointer is `pointer`).
fn children(ctx: &Ctx<'_>, id: NodeId, g: Option<&Group>, path: &DataPath, pointer: &str) -> Html {
    ctx.s
        .node(id)
        .children
        .iter()
        .map(|&c| {
            child_impl(
                ctx,
                c,
                g.and_then(|g| g.get(c)),
                &path.child(PathToken::Node(c)),
                crate::document::child_pointer(ctx.s, pointer, c),
                false,
            )
        })
        .collect::<Html>()
}

/// Node `c` at `path` (JSON Pointer `pointer`): handed to its component, or drawn here
/// (`frame`: by that component).
fn child_impl(
    ctx: &Ctx<'_>,
    c: NodeId,
    entry: Option<&Entry>,
    path: &DataPath,
    pointer: String,
    frame: bool,
) -> Html {
    if ctx.hidden.contains(path) {
        return Html::default();
    }
    let n = ctx.s.node(c);
    let lang = ctx.lang;
    if !ctx.shared.plan.shown(c, ctx.shared.reveal) {
        // Drawn by a later step (progressive drawing); same key as what replaces it.
        return html! { <div key={pointer} class="sm-pending" aria-hidden="true"></div> };
    }
    // A group, a field or a repeatable list is handed to its own component, which draws it
    // (and computes labels and messages) only when something in it changed.

    match (&n.kind, n.repeat, frame) {
        (NodeKind::Group, None, false) => {
            return group_view(ctx, c, path.clone(), &pointer, false, None)
        }
        // A repeatable group or field: its list, redrawn when an item or the list changed.
        (_, Some(_), false) => {
            return group_view(ctx, c, path.clone(), &pointer, false, Some(path))
        }
        (NodeKind::Field(k), None, false) if *k != FieldKind::Signature => {
            let stamp = ctx.shared.stamps.borrow().value(path);
            let issues = ctx.shared.issue_index.fingerprint(&pointer);
            let pointer: Rc<str> = Rc::from(pointer);
            return html! {
                <FieldSlot key={pointer.clone()} node={c} path={path.clone()} body={false} {stamp} shape={0} {issues} reveal={u64::MAX} pointer={pointer.clone()} shared={ctx.shared.clone()} />
            };
        }
        _ => {}
    }
    let label = n.meta.label_localized(lang);
    let gid = dom_id(&pointer);
    let fallback = label.is_fallback.then(
        || html! { <span class="sm-fallback" lang="fi">{ " " }{ ui(Ui::FallbackFi, lang) }</span> },
    );
    let group_messages = if ctx.shown.submitted {
        let mlang = if lang == Lang::Sv {
            MessageLang::Sv
        } else {
            MessageLang::Fi
        };
        let msgs: Vec<_> = ctx
            .report
            .issues
            .iter()
            .filter(|i| i.pointer == pointer && n.kind == NodeKind::Group)
            .map(|i| (i.severity(), issue_message(&i.kind, mlang)))
            .collect();
        (!msgs.is_empty()).then(|| html! {
            <ul class="sm-messages">{ for msgs.into_iter().map(|(sev, m)| html! { <li class={if sev == Severity::Error { "sm-error" } else { "sm-warning" }}>{ m }</li> }) }</ul>
        })
    } else {
        None
    };
    match (&n.kind, n.repeat) {
        (NodeKind::Field(k), None) => {
            let item = match entry {
                Some(Entry::One(i)) => Some(i),
                _ => None,
            };
            if *k == FieldKind::Signature {
                return Html::default();
            }
            // Drawn by the FieldSlot itself.
            let vm = field_vm_at(&ctx.vm, item, c, path, pointer);
            html! { <FieldView vm={Rc::new(vm)} dispatch={ctx.dispatch.clone()} {lang} /> }
        }
        (NodeKind::Field(_), Some(r)) => {
            let items = entry.map(|e| e.items()).unwrap_or(&[]);
            let add = {
                let (dispatch, p, value) = (ctx.dispatch.clone(), path.clone(), new_item(ctx.s, c));
                Callback::from(move |_: MouseEvent| {
                    dispatch.dispatch(Action::Edit(Edit::AddItem {
                        path: p.clone(),
                        value: value.clone(),
                    }))
                })
            };
            html! {
                <fieldset id={gid} class="sm-repeat" tabindex="-1">
                    <legend>{ label.text }{ fallback }</legend>
                    { for items.iter().enumerate().map(|(i, it)| {
                        if i as u64 >= u64::from(ctx.shared.items) {
                            // Drawn by a later step (progressive drawing).
                            return html! { <div class="sm-pending" key={i} aria-hidden="true"></div> };
                        }
                        let ip = path.child(PathToken::Index(i));
                        let ipointer = format!("{pointer}/{i}");
                        let vm = field_vm_at(&ctx.vm, Some(it), c, &ip, ipointer);
                        let remove = {
                            let (dispatch, p) = (ctx.dispatch.clone(), path.clone());
                            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Edit(Edit::RemoveItem { path: p.clone(), index: i })))
                        };
                        html! {
                            <div class="sm-repeat-item" key={i}>
                                <FieldView vm={Rc::new(vm)} dispatch={ctx.dispatch.clone()} {lang} item_no={Some(i)} />
                                <button type="button" class="sm-link sm-remove" onclick={remove} disabled={(items.len() as u64) <= r.min_items}>
                                    { ui(Ui::Remove, lang) }<span class="sm-visually-hidden">{ format!(": {} {}", label.text, i + 1) }</span>
                                </button>
                            </div>
                        }
                    }) }
                    { group_messages }
                    <button type="button" class="sm-add" onclick={add}>{ format!("{}: {}", ui(Ui::Add, lang), label.text) }</button>
                </fieldset>
            }
        }
        (NodeKind::Group, None) => {
            let g = match entry {
                Some(Entry::One(Item::Group(g))) => Some(g),
                _ => None,
            };
            let inner = children(ctx, c, g, path, &pointer);
            if n.meta.hidden_field {
                html! { <div id={gid} class="sm-flat" tabindex="-1">{ group_messages }{ inner }</div> }
            } else {
                html! {
                    <fieldset id={gid} class="sm-group" tabindex="-1">
                        <legend>{ label.text }{ fallback }</legend>
                        { group_messages }
                        { inner }
                    </fieldset>
                }
            }
        }
        (NodeKind::Group, Some(r)) => {
            let items = entry.map(|e| e.items()).unwrap_or(&[]);
            let heading_id = format!("{gid}-h");
            let add = {
                let (dispatch, p) = (ctx.dispatch.clone(), path.clone());
                Callback::from(move |_: MouseEvent| {
                    dispatch.dispatch(Action::Edit(Edit::AddItem {
                        path: p.clone(),
                        value: Item::Group(Group::default()),
                    }))
                })
            };
            html! {
                <section id={gid} class="sm-repeat-group" aria-labelledby={heading_id.clone()} tabindex="-1">
                    <h2 id={heading_id} class="sm-group-title">{ label.text }{ fallback }</h2>
                    { group_messages }
                    { for items.iter().enumerate().map(|(i, it)| {
                        if i as u64 >= u64::from(ctx.shared.items) {
                            // Drawn by a later step (progressive drawing).
                            return html! { <div class="sm-pending" key={i} aria-hidden="true"></div> };
                        }
                        let ip = path.child(PathToken::Index(i));
                        let remove = {
                            let (dispatch, p) = (ctx.dispatch.clone(), path.clone());
                            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Edit(Edit::RemoveItem { path: p.clone(), index: i })))
                        };
                        let inner = match it {
                            Item::Group(_) => group_view(ctx, c, ip.clone(), &format!("{pointer}/{i}"), true, Some(path)),
                            _ => Html::default(),
                        };
                        let item_label = format!("{} {}", label.text, i + 1);
                        html! {
                            <div class="sm-item" role="group" aria-label={item_label.clone()} key={i}>
                                if items.len() > 1 || (items.len() as u64) > r.min_items {
                                    <div class="sm-item-bar">
                                        <span class="sm-item-no">{ format!("{}/{}", i + 1, items.len()) }</span>
                                        <button type="button" class="sm-link sm-remove" onclick={remove} disabled={(items.len() as u64) <= r.min_items}>
                                            { ui(Ui::Remove, lang) }<span class="sm-visually-hidden">{ format!(": {item_label}") }</span>
                                        </button>
                                    </div>
                                }
                                { inner }
                            </div>
                        }
                    }) }
                    <button type="button" class="sm-add" onclick={add}>{ format!("{}: {}", ui(Ui::Add, lang), label.text) }</button>
                </section>
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IssueIndex;
    use crate::document::DataPath;
    use crate::validate::{Issue, IssueKind, Report};

    fn report(pointers: &[(&str, IssueKind)]) -> Report {
        Report {
            issues: pointers
                .iter()
                .map(|(p, k)| Issue {
                    pointer: p.to_string(),
                    path: DataPath::root(),
                    kind: k.clone(),
                })
                .collect(),
        }
    }

    #[test]
    fn issue_fingerprints_cover_a_pointer_and_everything_below_it_only() {
        let r = report(&[
            ("/d/a/0/x", IssueKind::MissingRequired),
            ("/d/b", IssueKind::TooShort { min: 2 }),
        ]);
        let i = IssueIndex::new(&r);
        for p in ["/d", "/d/a", "/d/a/0", "/d/a/0/x", "/d/b"] {
            assert_ne!(i.fingerprint(p), 0, "{p}");
        }
        // A sibling whose name starts alike is not "below".
        for p in ["/d/a/0/xy", "/d/a/1", "/d/bb", "/e", ""] {
            assert_eq!(i.fingerprint(p), 0, "{p}");
        }
        assert_ne!(i.fingerprint("/d/a"), i.fingerprint("/d/b"));
        // Equal issues give equal fingerprints; another issue below changes the ancestors
        // and leaves the other branch alone.
        let same = IssueIndex::new(&r.clone());
        assert_eq!(i.fingerprint("/d"), same.fingerprint("/d"));
        let more = IssueIndex::new(&report(&[
            ("/d/a/0/x", IssueKind::MissingRequired),
            ("/d/a/0/y", IssueKind::MissingRequired),
            ("/d/b", IssueKind::TooShort { min: 2 }),
        ]));
        assert_ne!(i.fingerprint("/d/a"), more.fingerprint("/d/a"));
        assert_ne!(i.fingerprint("/d"), more.fingerprint("/d"));
        assert_eq!(i.fingerprint("/d/b"), more.fingerprint("/d/b"));
        assert_eq!(i.fingerprint("/d/a/0/x"), more.fingerprint("/d/a/0/x"));
    }
}
