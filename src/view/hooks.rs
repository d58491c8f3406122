//! The [`Editor`](super::Editor)'s hooks, one concern each: its state, drawing a large
//! form in steps, following the host's props, the host link, the debounced change event
//! and focus after a refused emit. The editor component itself only draws.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{self, Action, EditorState};
use super::{EditorLink, EditorProps};

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

/// The editor's state, made once from the first props: the document prepared for the
/// form, assessed under the host's rules, markings and day — by the host's
/// [`state::SharedStart`] when it prepared one for these inputs in tasks of its own, else
/// here ([`state::StartInputs::of`]: today is the host's, else Finland's, read here in
/// the initialiser — the Yew host's edge).
#[hook]
pub(super) fn use_editor_state(props: &EditorProps) -> UseReducerHandle<EditorState> {
    // The initialiser runs on the first render only: the inputs are resolved and the clock
    // read there, not on every render.
    use_reducer(|| {
        let mut st = props.start.finish(state::StartInputs::of(props));
        if let Some(c) = props.correction.clone() {
            st.start_correction(c);
        }
        if props.progressive {
            st.reveal = st.plan.first();
            st.items = state::RevealPlan::ITEMS_FIRST;
            st.digests = state::RevealPlan::first_digests(&state::list_sizes(&st.doc.borrow()));
        }
        st
    })
}

/// The host's markings with what its context says of the same facts
/// ([`state::host_markings`]).
pub(super) fn host_markings(props: &EditorProps) -> crate::restrict::Markings {
    state::host_markings(props.markings.as_deref(), &props.render)
}

/// The host context's case id (`render.host.caseId`).
fn case_id_of(props: &EditorProps) -> Option<String> {
    props.render.host.as_ref()?.case_id.clone()
}

/// Drawing in steps: each step in its own task, so input and painting come between;
/// `on_drawn` once all of the form is in the DOM.
#[hook]
pub(super) fn use_progressive_drawing(
    state: &UseReducerHandle<EditorState>,
    on_drawn: Callback<()>,
) {
    let dispatch = state.dispatcher();
    let plan = state.plan.clone();
    let doc = state.doc.clone();
    let first = use_mut_ref(|| true);
    // Measured once, when the items start: a list grown meanwhile is drawn whole at the end.
    let lists = use_mut_ref(|| None::<state::ListSizes>);
    let drawn = use_mut_ref(|| false);
    let opening = state.open.values().any(|&c| c != state::ALL);
    let open_key = Rc::as_ptr(&state.open) as usize;
    let digests = state.digests;
    use_effect_with((state.reveal, state.items, digests, open_key), move |&(limit, items, digests, _)| {
        if first.replace(false) {
            super::mark("sosmeta:first-view");
        }
        let sizes = || {
            *lists
                .borrow_mut()
                .get_or_insert_with(|| state::list_sizes(&doc.borrow()))
        };
        let step = if limit != state::ALL {
            let next = Action::Reveal(plan.next(limit));
            Some(next_step(dispatch, next, limit == plan.first()))
        } else if items != state::ALL {
            // The nodes are drawn; now the rest of the items of long lists.
            let next = state::RevealPlan::next_items(items, &sizes());
            Some(next_step(dispatch, Action::RevealItems(next), false))
        } else if digests != state::ALL {
            // Then the lines of text of the lists that hide many items.
            let next = state::RevealPlan::next_digests(digests, &sizes());
            Some(next_step(dispatch, Action::RevealDigests(next), false))
        } else if opening {
            // Lists the user opened, a step at a time.
            Some(next_step(dispatch, Action::OpenMore, false))
        } else {
            // Once per editor (a list opened later is drawn without a second event).
            if !drawn.replace(true) {
                super::mark("sosmeta:drawn");
                on_drawn.emit(());
            }
            None
        };
        move || drop(step)
    });
}

/// Props that change after mounting: language, rules, markings and the host's day follow
/// the host without a remount (the document and what the user has seen stay).
#[hook]
pub(super) fn use_host_props(
    state: &UseReducerHandle<EditorState>,
    props: &EditorProps,
    markings: crate::restrict::Markings,
) {
    let dispatch = state.dispatcher();
    let d = dispatch.clone();
    use_changed(props.lang, move |l| d.dispatch(Action::SetLang(*l)));
    let rules_key = (Rc::as_ptr(&props.rules) as usize, props.structure_rules);
    let (s, rules) = (props.structure.clone(), props.rules.clone());
    let d = dispatch.clone();
    use_changed(rules_key, move |&(_, own)| {
        d.dispatch(Action::SetRules(state::applied_rules(&s, &rules, own)))
    });
    // By value: hosts may pass a fresh Rc with the same markings on every render.
    let d = dispatch.clone();
    use_changed(markings, move |m| {
        d.dispatch(Action::SetMarkings(Box::new(m.clone())))
    });
    let d = dispatch.clone();
    use_changed(case_id_of(props), move |c| {
        d.dispatch(Action::SetCaseId(c.clone()))
    });
    let d = dispatch.clone();
    use_changed(props.correction.clone(), move |c| {
        if let Some(c) = c {
            d.dispatch(Action::Correct(c.clone()))
        }
    });
    use_changed(props.render.today, move |t| {
        if let Some(day) = t {
            dispatch.dispatch(Action::SetToday(*day))
        }
    });
}

/// Keeps the host's [`EditorLink`] on this editor's state while it is mounted.
#[hook]
pub(super) fn use_host_link(state: &UseReducerHandle<EditorState>, link: Option<EditorLink>) {
    if let Some(link) = &link {
        link.attach(state.clone());
    }
    use_effect_with((), move |_| {
        move || {
            if let Some(l) = link {
                l.detach()
            }
        }
    });
}

/// The change callback, `ms` after the last step of the editor's state, with the document's
/// canonical JSON — only when that differs from the JSON last sent (at first: the document
/// the editor started with). Steps that leave the document as it was (leaving a field, an
/// emit attempt, opening a list, typing a character and deleting it again within the
/// debounce) send nothing, so a host saving a draft on every change saves no identical
/// ones. Each serialization is linear in the document, so the starting one is taken in a
/// task of its own `ms` after mounting, not in the task that draws the first view (43 ms
/// there for a 4 MB document); a change before it is sent whatever it is (browser only:
/// effects do not run in server rendering).
#[hook]
pub(super) fn use_debounced_change(
    state: &UseReducerHandle<EditorState>,
    on_change: Callback<String>,
    ms: u32,
) {
    use gloo::timers::callback::Timeout;
    let doc = state.doc.clone();
    let s = state.structure.clone();
    let sent = use_mut_ref(|| None::<String>);
    let mounted = use_mut_ref(|| false);
    use_effect_with(state.version, move |_| {
        let timer = if !mounted.replace(true) {
            // Dropped (never taken) when a step comes first.
            Timeout::new(ms, move || {
                *sent.borrow_mut() = Some(doc.borrow().to_canonical_json(&s))
            })
        } else {
            Timeout::new(ms, move || {
                let json = doc.borrow().to_canonical_json(&s);
                if sent.borrow().as_deref() != Some(json.as_str()) {
                    *sent.borrow_mut() = Some(json.clone());
                    on_change.emit(json);
                }
            })
        };
        move || drop(timer)
    });
}

/// After an emit attempt (`attempts` counts them) that was refused, focus moves to the
/// summary of what is missing.
#[hook]
pub(super) fn use_focus_after_refusal(summary: &NodeRef, attempts: u32, refused: bool) {
    let summary = summary.clone();
    use_effect_with(attempts, move |n| {
        if *n > 0 && refused {
            if let Some(el) = summary.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
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

/// Find-in-page in a collapsed list: when the browser reveals one of its hidden lines
/// (`beforematch`, fired on the line for find-in-page, a text fragment or a link to the
/// item, bubbling to the editor's root), the list opens and the item takes focus once it is
/// drawn. The line names its item by `data-pointer`.
#[hook]
pub(super) fn use_open_on_find(
    root: &NodeRef,
    state: &UseReducerHandle<EditorState>,
    mode: super::Mode,
) {
    let (root, dispatch, s) = (root.clone(), state.dispatcher(), state.structure.clone());
    // Again when the root may be another element (the form is drawn in edit mode only).
    use_effect_with((Rc::as_ptr(&s) as usize, mode), move |_| {
        let listener = listen_beforematch(&root, move |pointer| {
            if let Some(p) = crate::document::DataPath::from_pointer(&s, &pointer) {
                dispatch.dispatch(Action::Open(p));
                super::focus_when_drawn(super::vm::dom_id(&pointer));
            }
        });
        move || drop(listener)
    });
}

/// Listens for `beforematch` under `node`; `f` gets the `data-pointer` of the element
/// revealed. Removed when the returned value is dropped (browser only).
fn listen_beforematch(
    node: &NodeRef,
    f: impl Fn(String) + 'static,
) -> Option<Box<dyn std::any::Any>> {
    #[cfg(target_arch = "wasm32")]
    {
        let el = node.get()?;
        Some(Box::new(gloo::events::EventListener::new(
            &el,
            "beforematch",
            move |e| {
                use wasm_bindgen::JsCast;
                let pointer = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.get_attribute("data-pointer"));
                if let Some(p) = pointer {
                    f(p);
                }
            },
        )))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (node, f);
        None
    }
}
