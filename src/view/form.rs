//! The form: the structure drawn as group frames, repeatable lists, item bodies and fields,
//! each its own component that is drawn again only when something in it changed (its
//! change stamps, its issues, what is drawn of it so far). What each shows comes from the
//! view models ([`super::vm::field_vm_at`], [`super::vm::group_vm`],
//! [`super::vm::list_vm`]); edits go to the reducer.

use std::rc::Rc;

use yew::prelude::*;

use super::registry::FieldView;
use super::state::{self, Action, EditorState};
use super::text::{ui, Ui};
use super::vm::{self, dom_id, field_vm_at, group_vm, list_vm, CodeSets, GroupVm, Shown, VmCtx};
use crate::assess::Assessment;
use crate::document::{DataPath, Document, Edit, Entry, Group, Item, Parts, PathToken, Plain};
use crate::lang::Lang;
use crate::model::{FieldKind, JsonType, NodeId, NodeKind, Shape, Structure};
use crate::validate::Severity;

/// What every part of the form is drawn from, owned, so group components can hold it.
#[derive(Clone)]
pub(super) struct Shared {
    pub(super) structure: Rc<Structure>,
    pub(super) doc: Rc<std::cell::RefCell<Document>>,
    /// The one assessment (report, hidden fields, markings facts).
    pub(super) assessment: Rc<Assessment>,
    pub(super) touched: Rc<std::collections::HashSet<DataPath>>,
    pub(super) submitted: bool,
    pub(super) lang: Lang,
    pub(super) dispatch: UseReducerDispatcher<EditorState>,
    pub(super) options: Rc<std::collections::HashMap<NodeId, Rc<Vec<vm::CodeOption>>>>,
    pub(super) code_sets: Rc<CodeSets>,
    pub(super) stamps: Rc<std::cell::RefCell<state::Stamps>>,
    pub(super) epoch: u64,
    pub(super) plan: Rc<state::RevealPlan>,
    pub(super) reveal: u32,
    pub(super) items: u32,
    /// The lines of text drawn per collapsed list ([`EditorState::digests`]).
    pub(super) digests: u32,
    /// The long lists opened ([`EditorState::open`]).
    pub(super) open: Rc<std::collections::HashMap<DataPath, u32>>,
    /// The fields filled from the host context and locked ([`EditorState::locked`]).
    pub(super) locked: Rc<Vec<NodeId>>,
}

/// What one draw of a form component reads: borrowed from [`Shared`].
pub(super) struct Ctx<'a> {
    pub(super) vm: VmCtx<'a>,
    pub(super) s: &'a Structure,
    pub(super) report: &'a crate::validate::Report,
    pub(super) lang: Lang,
    pub(super) dispatch: &'a UseReducerDispatcher<EditorState>,
    pub(super) hidden: &'a std::collections::HashSet<DataPath>,
    pub(super) shared: &'a Shared,
}

impl Shared {
    pub(super) fn ctx(&self) -> Ctx<'_> {
        let shown = Shown {
            touched: &self.touched,
            submitted: self.submitted,
        };
        Ctx {
            vm: VmCtx {
                s: &self.structure,
                report: &self.assessment.report,
                issues: &self.assessment.issue_paths,
                shown,
                lang: self.lang,
                sets: &self.code_sets,
                options: &self.options,
                locked: &self.locked,
            },
            s: &self.structure,
            report: &self.assessment.report,
            lang: self.lang,
            dispatch: &self.dispatch,
            hidden: &self.assessment.hidden_set,
            shared: self,
        }
    }
}

/// Props of every form component: what decides whether its subtree must be drawn again.
/// `shared` is not compared: a component whose stamps, issues and flags are unchanged is
/// skipped (typing in one field renders only the components on its path).
#[derive(Properties)]
struct SlotProps {
    node: NodeId,
    path: DataPath,
    stamp: u64,
    shape: u64,
    /// [`crate::validate::IssuePaths::fingerprint`] of the subtree's issues (0: none).
    issues: u64,
    /// The subtree's JSON Pointer.
    pointer: Rc<str>,
    /// How much of the subtree is drawn ([`reveal_key`]).
    reveal: (u32, u32, u32),
    shared: Shared,
}

impl PartialEq for SlotProps {
    fn eq(&self, o: &Self) -> bool {
        self.node == o.node
            && self.path == o.path
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

/// A group that does not repeat: its frame (a fieldset, or a plain block when the
/// structure hides its title) around its children.
#[component]
fn GroupFrame(props: &SlotProps) -> Html {
    let ctx = props.shared.ctx();
    let vm = group_vm(&ctx.vm, props.node, &props.path, &props.pointer);
    let inner = children(&ctx, props.node, &props.path, &props.pointer);
    let messages = messages_html(&vm);
    if vm.flat {
        html! { <div id={vm.dom_id} class="sm-flat" tabindex="-1">{ messages }{ inner }</div> }
    } else {
        html! {
            <fieldset id={vm.dom_id.clone()} class="sm-group" tabindex="-1">
                <legend>{ vm.label.clone() }{ fallback_html(&vm, ctx.lang) }</legend>
                { messages }
                { inner }
            </fieldset>
        }
    }
}

/// A repeatable node: its list of values (a field) or items (a group), each removable down
/// to the schema's minimum, and a button that adds one.
#[component]
fn RepeatList(props: &SlotProps) -> Html {
    let ctx = props.shared.ctx();
    let doc = props.shared.doc.borrow();
    let entry = doc.entry(&props.path);
    let vm = list_vm(&ctx.vm, props.node, entry, &props.path, &props.pointer);
    let items = entry.map(|e| e.items()).unwrap_or(&[]);
    match ctx.s.node(props.node).kind {
        NodeKind::Field(_) => field_list(&ctx, props, &vm, items),
        NodeKind::Group => group_list(&ctx, props, &vm, items),
    }
}

/// The children of one item of a repeatable group.
#[component]
fn ItemBody(props: &SlotProps) -> Html {
    children(&props.shared.ctx(), props.node, &props.path, &props.pointer)
}

/// One field, drawn again only when its value, its issues or what is shown of them changed
/// (its view model is computed here, not by the group around it).
#[component]
fn FieldSlot(props: &SlotProps) -> Html {
    let ctx = props.shared.ctx();
    let doc = props.shared.doc.borrow();
    let item = match doc.entry(&props.path) {
        Some(Entry::One(i)) => Some(i),
        _ => None,
    };
    let vm = field_vm_at(
        &ctx.vm,
        item,
        props.node,
        &props.path,
        props.pointer.to_string(),
    );
    html! { <FieldView vm={Rc::new(vm)} dispatch={ctx.dispatch.clone()} lang={ctx.lang} /> }
}

/// The props of a form component for `node` at `path`, with the stamps and issues that
/// decide whether it is drawn again (`body`: one item's body; `list`: the list it is in
/// or is).
fn slot_props(
    ctx: &Ctx<'_>,
    node: NodeId,
    path: DataPath,
    pointer: &str,
    body: bool,
    list: Option<&DataPath>,
) -> SlotProps {
    let (stamp, shape) = {
        let st = ctx.shared.stamps.borrow();
        (st.value(&path), list.map(|l| st.shape(l)).unwrap_or(0))
    };
    let issues = ctx.shared.assessment.issue_paths.fingerprint(&path);
    let reveal = reveal_key(ctx.shared, node, &path, body);
    SlotProps {
        node,
        path,
        stamp,
        shape,
        issues,
        pointer: Rc::from(pointer),
        reveal,
        shared: ctx.shared.clone(),
    }
}

/// Mounts component `C` keyed by its pointer.
fn mount<C: BaseComponent<Properties = SlotProps>>(props: SlotProps) -> Html {
    let key = props.pointer.clone();
    html! { <C key={key} ..props /> }
}

/// How much of `node`'s subtree is drawn, for a component to compare: its nodes
/// ([`super::state::RevealPlan::subtree`]) and, while lists are drawn item by item and its
/// longest list is not yet drawn whole, the item count (`body`: of the item at `path`).
/// `u64::MAX` once all is drawn. A component whose lists are all drawn keeps its key while
/// later steps draw other items, so each step draws only what it adds.
fn reveal_key(shared: &Shared, node: NodeId, path: &DataPath, body: bool) -> (u32, u32, u32) {
    let nodes = shared.plan.subtree(node, shared.reveal);
    let lists = if body {
        shared.plan.has_list_below(&shared.structure, node)
    } else {
        shared.plan.has_list(node)
    };
    // Each as drawn now, or ALL when the subtree's lists are drawn whole by it.
    let (items, digests) = if lists && (shared.items != state::ALL || shared.digests != state::ALL)
    {
        let doc = shared.doc.borrow();
        let (longest, hidden) = if body {
            doc.item(path).map_or((0, 0), state::lists_in)
        } else {
            doc.entry(path).map_or((0, 0), state::lists_of)
        };
        let whole = |drawn: u32, n: usize| if n <= drawn as usize { state::ALL } else { drawn };
        (whole(shared.items, longest), whole(shared.digests, hidden))
    } else {
        (state::ALL, state::ALL)
    };
    (nodes, items, digests)
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
pub(super) fn children(ctx: &Ctx<'_>, id: NodeId, path: &DataPath, pointer: &str) -> Html {
    ctx.s
        .node(id)
        .children
        .iter()
        .map(|&c| {
            slot(
                ctx,
                c,
                &path.child(PathToken::Node(c)),
                crate::document::child_pointer(ctx.s, pointer, c),
            )
        })
        .collect::<Html>()
}

/// Node `c` at `path` (JSON Pointer `pointer`), handed to the component of its kind: a
/// group frame, a repeatable list or a field. Hidden fields are not drawn; nodes a later
/// drawing step reaches are placeholders with the same key.
fn slot(ctx: &Ctx<'_>, c: NodeId, path: &DataPath, pointer: String) -> Html {
    if ctx.hidden.contains(path) {
        return Html::default();
    }
    if !ctx.shared.plan.shown(c, ctx.shared.reveal) {
        // Drawn by a later step (progressive drawing); same key as what replaces it.
        return html! { <div key={pointer} class="sm-pending" aria-hidden="true"></div> };
    }
    let n = ctx.s.node(c);
    match (&n.kind, n.repeat) {
        (_, Some(_)) => mount::<RepeatList>(slot_props(
            ctx,
            c,
            path.clone(),
            &pointer,
            false,
            Some(path),
        )),
        (NodeKind::Group, None) => {
            mount::<GroupFrame>(slot_props(ctx, c, path.clone(), &pointer, false, None))
        }
        // Signed on paper: nothing to draw in the form.
        (NodeKind::Field(FieldKind::Signature), None) => Html::default(),
        (NodeKind::Field(_), None) => {
            let mut p = slot_props(ctx, c, path.clone(), &pointer, false, None);
            p.shape = 0;
            p.reveal = (state::ALL, state::ALL, state::ALL);
            mount::<FieldSlot>(p)
        }
    }
}

/// The label's "(suomeksi)" mark when it fell back to Finnish.
fn fallback_html(vm: &GroupVm, lang: Lang) -> Html {
    if vm.label_is_fallback {
        html! { <span class="sm-fallback" lang="fi">{ " " }{ ui(Ui::FallbackFi, lang) }</span> }
    } else {
        Html::default()
    }
}

/// A group's own issues, when there are any to show.
fn messages_html(vm: &GroupVm) -> Html {
    if vm.messages.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="sm-messages">{ for vm.messages.iter().map(|(sev, m)| html! { <li class={if *sev == Severity::Error { "sm-error" } else { "sm-warning" }}>{ m }</li> }) }</ul>
    }
}

/// A repeatable field: one widget per value, each with its remove button.
fn field_list(ctx: &Ctx<'_>, props: &SlotProps, vm: &vm::ListVm, items: &[Item]) -> Html {
    let (c, path, pointer, lang) = (props.node, &props.path, &props.pointer, ctx.lang);
    let frame = &vm.frame;
    let add = {
        let (dispatch, p, value) = (ctx.dispatch.clone(), path.clone(), new_item(ctx.s, c));
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Edit(Edit::AddItem {
                path: p.clone(),
                value: value.clone(),
            }))
        })
    };
    let (visible, drawn) = visible_and_drawn(ctx, path, items);
    html! {
        <fieldset id={frame.dom_id.clone()} class="sm-repeat" tabindex="-1">
            <legend>{ frame.label.clone() }{ fallback_html(frame, lang) }</legend>
            { for items[..visible].iter().enumerate().map(|(i, it)| {
                if i >= drawn {
                    // Drawn by a later step (progressive drawing).
                    return html! { <div class="sm-pending" key={i} aria-hidden="true"></div> };
                }
                let ip = path.child(PathToken::Index(i));
                let ipointer = format!("{pointer}/{i}");
                let fvm = field_vm_at(&ctx.vm, Some(it), c, &ip, ipointer);
                let remove = {
                    let (dispatch, p) = (ctx.dispatch.clone(), path.clone());
                    Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Edit(Edit::RemoveItem { path: p.clone(), index: i })))
                };
                html! {
                    <div class="sm-repeat-item" key={i}>
                        <FieldView vm={Rc::new(fvm)} dispatch={ctx.dispatch.clone()} {lang} item_no={Some(i)} />
                        <button type="button" class="sm-link sm-remove" onclick={remove} disabled={!vm.can_remove()}>
                            { ui(Ui::Remove, lang) }<span class="sm-visually-hidden">{ format!(": {} {}", frame.label, i + 1) }</span>
                        </button>
                    </div>
                }
            }) }
            { collapsed(ctx, props, vm, visible) }
            { messages_html(frame) }
            <button type="button" class="sm-add" onclick={add}>{ format!("{}: {}", ui(Ui::Add, lang), frame.label) }</button>
        </fieldset>
    }
}

/// A repeatable group: a titled section of items, each an [`ItemBody`] with its number and
/// remove button.
fn group_list(ctx: &Ctx<'_>, props: &SlotProps, vm: &vm::ListVm, items: &[Item]) -> Html {
    let (c, path, pointer, lang) = (props.node, &props.path, &props.pointer, ctx.lang);
    let frame = &vm.frame;
    let heading_id = format!("{}-h", frame.dom_id);
    let (visible, drawn) = visible_and_drawn(ctx, path, items);
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
        <section id={frame.dom_id.clone()} class="sm-repeat-group" aria-labelledby={heading_id.clone()} tabindex="-1">
            <h2 id={heading_id} class="sm-group-title">{ frame.label.clone() }{ fallback_html(frame, lang) }</h2>
            { messages_html(frame) }
            { for items[..visible].iter().enumerate().map(|(i, it)| {
                if i >= drawn {
                    // Drawn by a later step (progressive drawing).
                    return html! { <div class="sm-pending" key={i} aria-hidden="true"></div> };
                }
                let ip = path.child(PathToken::Index(i));
                let ipointer = format!("{pointer}/{i}");
                let remove = {
                    let (dispatch, p) = (ctx.dispatch.clone(), path.clone());
                    Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Edit(Edit::RemoveItem { path: p.clone(), index: i })))
                };
                let inner = match it {
                    Item::Group(_) => mount::<ItemBody>(slot_props(ctx, c, ip.clone(), &ipointer, true, Some(path))),
                    _ => Html::default(),
                };
                let item_label = format!("{} {}", frame.label, i + 1);
                html! {
                    <div id={dom_id(&ipointer)} class="sm-item" role="group" aria-label={item_label.clone()} tabindex="-1" key={i}>
                        if vm.items > 1 || vm.can_remove() {
                            <div class="sm-item-bar">
                                <span class="sm-item-no">{ format!("{}/{}", i + 1, vm.items) }</span>
                                <button type="button" class="sm-link sm-remove" onclick={remove} disabled={!vm.can_remove()}>
                                    { ui(Ui::Remove, lang) }<span class="sm-visually-hidden">{ format!(": {item_label}") }</span>
                                </button>
                            </div>
                        }
                        { inner }
                    </div>
                }
            }) }
            { collapsed(ctx, props, vm, visible) }
            <button type="button" class="sm-add" onclick={add}>{ format!("{}: {}", ui(Ui::Add, lang), frame.label) }</button>
        </section>
    }
}

/// Of the list `items` at `path`: how many are shown (the rest are collapsed) and how
/// many of those are drawn so far.
fn visible_and_drawn(ctx: &Ctx<'_>, path: &DataPath, items: &[Item]) -> (usize, usize) {
    let open = ctx.shared.open.get(path).copied();
    let visible = if open.is_some() {
        items.len()
    } else {
        state::Collapse::visible(items)
    };
    (visible, state::Collapse::drawn(items, ctx.shared.items, open))
}

/// The items of a collapsed list after its first `visible`: a button that shows them all,
/// the count of errors among them once issues are shown, and one line of text per item
/// for find-in-page (nothing when the list shows all its items).
fn collapsed(ctx: &Ctx<'_>, props: &SlotProps, vm: &vm::ListVm, visible: usize) -> Html {
    if visible >= vm.items {
        return Html::default();
    }
    let path = &props.path;
    let lang = ctx.lang;
    let errors = if ctx.shared.submitted {
        (visible..vm.items)
            .map(|i| {
                ctx.shared
                    .assessment
                    .issue_paths
                    .at(ctx.report, &path.child(PathToken::Index(i)))
                    .filter(|i| i.severity() == Severity::Error)
                    .count()
            })
            .sum()
    } else {
        0
    };
    // The lines drawn so far ([`EditorState::digests`]; all once the form is drawn).
    let lines = if ctx.shared.digests == state::ALL {
        vm.items
    } else {
        vm.items.min(visible + ctx.shared.digests as usize)
    };
    let digests = (visible..lines).map(|i| {
        let ip = path.child(PathToken::Index(i));
        mount::<ItemDigest>(slot_props(
            ctx,
            props.node,
            ip,
            &format!("{}/{i}", props.pointer),
            true,
            Some(path),
        ))
    });
    let more_id = format!("{}-more", vm.frame.dom_id);
    let first_hidden = dom_id(&format!("{}/{visible}", props.pointer));
    let open = {
        let (dispatch, p) = (ctx.dispatch.clone(), path.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Open(p.clone()));
            // Keyboard users go on from the first item shown now.
            super::focus_when_drawn(first_hidden.clone());
        })
    };
    html! {
        <div class="sm-collapsed" key="sm-collapsed">
            <button type="button" class="sm-show-all" aria-expanded="false" aria-controls={more_id.clone()} onclick={open}>
                { format!("{} {} ({} {}): {}", ui(Ui::ShowAll, lang), vm.items, vm.items - visible, ui(Ui::NotShown, lang), vm.frame.label) }
            </button>
            if errors > 0 {
                <p class="sm-error">{ format!("{errors} {}", ui(Ui::ErrorsInCollapsed, lang)) }</p>
            }
            // When find-in-page reveals a line, the browser fires `beforematch` on it; the
            // editor opens the list (`super::hooks::use_open_on_find`).
            <div id={more_id} class="sm-collapsed-items">{ for digests }</div>
        </div>
    }
}

/// One item of a collapsed list as a line of text ([`vm::item_digest`]), hidden until
/// find-in-page finds something in it.
#[component]
fn ItemDigest(props: &SlotProps) -> Html {
    let ctx = props.shared.ctx();
    let doc = props.shared.doc.borrow();
    let Some(item) = doc.item(&props.path) else {
        return Html::default();
    };
    let i = match props.path.0.last() {
        Some(PathToken::Index(i)) => *i,
        _ => 0,
    };
    let label = ctx.s.node(props.node).meta.label(ctx.lang);
    let text = vm::item_digest(ctx.s, ctx.hidden, ctx.lang, props.node, item, &props.path);
    // `hidden="until-found"`: the html! macro takes `hidden` as a boolean only.
    let mut p = yew::virtual_dom::VTag::new("p");
    // The item's own id while it is not drawn: a link to the item (`#…/asiakas/54`)
    // reveals the line, the browser fires `beforematch`, and the list opens to it.
    p.add_attribute("id", dom_id(&props.pointer));
    p.add_attribute("class", "sm-digest");
    p.add_attribute("hidden", "until-found");
    p.add_attribute("data-pointer", props.pointer.to_string());
    p.add_child(html! { format!("{label} {}: {text}", i + 1) });
    p.into()
}
