//! The correction panel: which version this is, what changed since the archived
//! version (fields and restriction markings, before and after) and the reason of correction
//! the worker gives. Draws what the state holds ([`super::state::EditorState::changes`],
//! [`crate::restrict::marking_changes`]); decides nothing: the bundle refuses a correction
//! without its reason ([`crate::emit::Refusal::CorrectionReasonMissing`]).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::Correction;
use super::text::{ui, Ui};
use crate::codes::CodeOption;
use crate::context::Code;
use crate::document::Change;
use crate::lang::Lang;
use crate::restrict::MarkingChange;

/// Props of [`CorrectionPanel`].
#[derive(Properties, PartialEq)]
pub struct CorrectionProps {
    /// The structure (the fields' labels in the view's language).
    pub structure: Rc<crate::model::Structure>,
    /// The correction.
    pub correction: Rc<Correction>,
    /// The fields changed since the archived version.
    pub changes: Rc<Vec<Change>>,
    /// The markings changed since it.
    pub marking_changes: Vec<MarkingChange>,
    /// The host's reason-of-correction codes (free code and name when empty).
    pub reasons: Rc<Vec<CodeOption>>,
    /// Language.
    pub lang: Lang,
    /// The worker chose or wrote a reason (`None`: cleared).
    pub on_reason: Callback<Option<Code>>,
    /// The worker wrote the explaining text.
    pub on_text: Callback<String>,
    /// Show the missing reason as an error (after an emit attempt).
    pub submitted: bool,
}

/// A changed value as the worker reads it: as the display form writes it (dates in the
/// Finnish way, a code by its name, yes/no in the view's language), the henkilötunnus in
/// full (the professional sees it in the form too).
pub fn change_text(
    s: &crate::model::Structure,
    node: crate::model::NodeId,
    item: &crate::document::Item,
    lang: Lang,
) -> String {
    let opts = crate::emit::FormatOptions {
        lang,
        mask_hetu: false,
    };
    crate::emit::format_item(s, node, item, opts)
}

/// The correction panel.
#[component]
pub fn CorrectionPanel(props: &CorrectionProps) -> Html {
    let lang = props.lang;
    let v = &props.correction.version;
    let reason = v.reason.clone();
    let on_reason = {
        let reasons = props.reasons.clone();
        let d = props.on_reason.clone();
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<HtmlSelectElement>().value();
            let chosen = reasons.iter().find(|o| o.code == code).map(|o| Code {
                code: o.code.clone(),
                display_name: o.fi.clone(),
            });
            d.emit(chosen);
        })
    };
    let free_part = |code_part: bool| {
        let d = props.on_reason.clone();
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| {
            let t = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut r = reason.clone().unwrap_or_default();
            if code_part {
                r.code = t;
            } else {
                r.display_name = t;
            }
            let r = (!r.code.trim().is_empty() || !r.display_name.trim().is_empty()).then_some(r);
            d.emit(r);
        })
    };
    let on_text = {
        let d = props.on_text.clone();
        Callback::from(move |e: InputEvent| {
            let t = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            d.emit(t);
        })
    };
    let missing_reason =
        props.submitted && reason.as_ref().is_none_or(|r| r.code.trim().is_empty());
    let missing_text = props.submitted && v.text.as_deref().is_none_or(|t| t.trim().is_empty());
    let kind = |c: &Change| match c.kind() {
        "added" => (Ui::CorrAdded, "sm-added"),
        "removed" => (Ui::CorrRemoved, "sm-removed"),
        _ => (Ui::CorrChanged, "sm-changed"),
    };
    let none = props.changes.is_empty() && props.marking_changes.is_empty();
    let required = html! {
        <>
            <span class="sm-req" aria-hidden="true">{ " *" }</span>
            <span class="sm-visually-hidden">{ format!(" ({})", ui(Ui::Required, lang)) }</span>
        </>
    };
    html! {
        <section id="sm-correction" class="sm-correction" aria-labelledby="sm-correction-title">
            <h2 id="sm-correction-title">{ format!("{} {}", ui(Ui::CorrTitle, lang), v.version_number) }</h2>
            <p class="sm-correction-of">{ format!("{} {}", ui(Ui::CorrReplaces, lang), v.replaces.clone().unwrap_or_default()) }</p>
            <h3 id="sm-changes-title">{ ui(Ui::CorrChanges, lang) }</h3>
            if none {
                <p class="sm-no-changes" role="status">{ ui(Ui::CorrNone, lang) }</p>
            } else {
                <table class="sm-changes" aria-labelledby="sm-changes-title">
                    <thead><tr>
                        <th scope="col">{ ui(Ui::CorrField, lang) }</th>
                        <th scope="col">{ ui(Ui::CorrBefore, lang) }</th>
                        <th scope="col">{ ui(Ui::CorrAfter, lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for props.changes.iter().map(|c| {
                            let (word, class) = kind(c);
                            html! {
                                <tr class={class} data-pointer={c.pointer.clone()}>
                                    <th scope="row">{ props.structure.node(c.node).meta.label(lang).to_string() }<span class="sm-visually-hidden">{ format!(" ({})", ui(word, lang)) }</span></th>
                                    <td>{ c.old.as_ref().map(|x| change_text(&props.structure, c.node, x, lang)).unwrap_or_else(|| "–".into()) }</td>
                                    <td>{ c.new.as_ref().map(|x| change_text(&props.structure, c.node, x, lang)).unwrap_or_else(|| "–".into()) }</td>
                                </tr>
                            }
                        }) }
                        { for props.marking_changes.iter().map(|m| html! {
                            <tr class="sm-changed sm-marking-change">
                                <th scope="row">{ crate::messages::aspect_label(m.aspect, lang) }<span class="sm-visually-hidden">{ format!(" ({})", ui(Ui::CorrChanged, lang)) }</span></th>
                                <td>{ crate::messages::marking_value_text(&m.before, lang) }</td>
                                <td>{ crate::messages::marking_value_text(&m.after, lang) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <div class="sm-field">
                if props.reasons.is_empty() {
                    <label for="sm-correction-code" class="sm-label">{ ui(Ui::CorrReasonCode, lang) }{ required.clone() }</label>
                    <input id="sm-correction-code" class="sm-input sm-short" type="text" autocomplete="off"
                        value={reason.as_ref().map(|r| r.code.clone()).unwrap_or_default()}
                        aria-required="true" aria-invalid={missing_reason.then_some("true")} oninput={free_part(true)} />
                    <label for="sm-correction-name" class="sm-label">{ ui(Ui::CorrReasonName, lang) }</label>
                    <input id="sm-correction-name" class="sm-input" type="text" autocomplete="off"
                        value={reason.as_ref().map(|r| r.display_name.clone()).unwrap_or_default()} oninput={free_part(false)} />
                } else {
                    <label for="sm-correction-code" class="sm-label">{ ui(Ui::CorrReason, lang) }{ required.clone() }</label>
                    <select id="sm-correction-code" class="sm-input sm-select" aria-required="true"
                        aria-invalid={missing_reason.then_some("true")} onchange={on_reason}>
                        <option value="" selected={reason.is_none()}>{ "–" }</option>
                        { for props.reasons.iter().map(|o| {
                            let selected = reason.as_ref().is_some_and(|r| r.code == o.code);
                            html! { <option value={o.code.clone()} {selected}>{ format!("{} – {}", o.code, o.display(lang)) }</option> }
                        }) }
                    </select>
                }
            </div>
            <div class="sm-field">
                <label for="sm-correction-text" class="sm-label">{ ui(Ui::CorrText, lang) }{ required }</label>
                <textarea id="sm-correction-text" class="sm-input sm-textarea" rows="3" aria-required="true"
                    aria-invalid={missing_text.then_some("true")} value={v.text.clone().unwrap_or_default()} oninput={on_text} />
            </div>
        </section>
    }
}
