//! The ONE place that maps a field kind to a widget ([`FieldView`]'s match). Widgets (in
//! [`super::widgets`]) read a precomputed [`FieldVm`] and report [`FieldEdit`]s; this
//! module turns them into reducer [`Action`]s through [`stored_value`] and [`edit_for`].
//! No rules are computed here.

use std::rc::Rc;

use yew::prelude::*;

use super::field_edit::{edit_for, stored_value, FieldEdit};
use super::state::{Action, EditorState};
use super::text::{ui, Ui};
use super::vm::FieldVm;
use super::widgets::{self, WidgetProps};
use crate::lang::Lang;
use crate::model::FieldKind;
use crate::validate::Severity;

/// Props of [`FieldView`]: cheap to compare, so unchanged fields do not re-render.
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The view model.
    pub vm: Rc<FieldVm>,
    /// Where edits go.
    pub dispatch: UseReducerDispatcher<EditorState>,
    /// Current language.
    pub lang: Lang,
    /// Index among repeated values (for labels like "Huomio 2").
    #[prop_or_default]
    pub item_no: Option<usize>,
}

/// What the editor does with a widget's report: leaving a field shows its issues; an edit
/// stores the value [`stored_value`] gives.
fn on_edit(vm: Rc<FieldVm>, dispatch: UseReducerDispatcher<EditorState>) -> Callback<FieldEdit> {
    Callback::from(move |edit: FieldEdit| match edit {
        FieldEdit::Leave => dispatch.dispatch(Action::Touch(vm.path.clone())),
        edit => {
            if let Some(e) = edit_for(&vm.path, stored_value(&vm, &edit)) {
                dispatch.dispatch(Action::Edit(e));
            }
        }
    })
}

/// One field: label, help, widget, messages.
#[component]
pub fn FieldView(props: &FieldProps) -> Html {
    let vm = &props.vm;
    let lang = props.lang;
    let id = vm.dom_id.clone();
    let help_id = format!("{id}-help");
    let msg_id = format!("{id}-msg");
    let has_error = vm.messages.iter().any(|m| m.0 == Severity::Error);
    let mut described: Vec<String> = Vec::new();
    if vm.help.is_some() || vm.condition_note.is_some() {
        described.push(help_id.clone());
    }
    if !vm.messages.is_empty() {
        described.push(msg_id.clone());
    }
    let described = (!described.is_empty()).then(|| AttrValue::from(described.join(" ")));
    let invalid = has_error.then_some("true");
    let label_text = match props.item_no {
        Some(n) if n > 0 => format!("{} {}", vm.label, n + 1),
        _ => vm.label.clone(),
    };
    let labelable = !matches!(
        vm.kind,
        FieldKind::Phrase | FieldKind::Signature | FieldKind::Unknown { .. }
    );
    let label = if !labelable {
        html! { <p class={classes!("sm-label", vm.hidden_title.then_some("sm-visually-hidden"))}>{ vm.label.clone() }</p> }
    } else {
        html! {
            <label for={id.clone()} class={classes!("sm-label", vm.hidden_title.then_some("sm-visually-hidden"))}>
                { label_text }
                if vm.label_is_fallback { <span class="sm-fallback" lang="fi">{ " " }{ ui(Ui::FallbackFi, lang) }</span> }
                if vm.required { <span class="sm-req" aria-hidden="true">{ " *" }</span><span class="sm-visually-hidden">{ format!(" ({})", ui(Ui::Required, lang)) }</span> }
            </label>
        }
    };
    let p = WidgetProps {
        vm: vm.clone(),
        lang,
        on_edit: on_edit(vm.clone(), props.dispatch.clone()),
        described,
        invalid,
    };
    let widget = match &vm.kind {
        FieldKind::Text => widgets::text_area(&p),
        FieldKind::Name => widgets::text_line(&p),
        FieldKind::Switch => widgets::switch_input(&p),
        FieldKind::PartialDate => widgets::partial_date_input(&p),
        FieldKind::Instant => widgets::instant_input(&p),
        FieldKind::Code if vm.options.is_empty() => widgets::code_free(&p),
        FieldKind::Code => html! { <widgets::CodeSelect ..p /> },
        FieldKind::Identifier => widgets::identifier_input(&p),
        FieldKind::Quantity(_) => widgets::quantity_input(&p),
        FieldKind::Number | FieldKind::Count => widgets::number_input(&p),
        FieldKind::Phrase => widgets::phrase_note(&p),
        FieldKind::Signature => widgets::signature_note(&p),
        FieldKind::Unknown { .. } => widgets::unsupported_note(&p),
    };
    let kind_class = format!("sm-kind-{}", vm.kind.representation().to_lowercase());
    html! {
        <div class={classes!("sm-field", kind_class, has_error.then_some("sm-has-error"))}>
            { label }
            { widget }
            if vm.help.is_some() || vm.condition_note.is_some() {
                <div id={help_id} class="sm-help">
                    if let Some(h) = &vm.help { <p>{ h }</p> }
                    if let Some(n) = &vm.condition_note { <p class="sm-condition"><strong>{ ui(Ui::Condition, lang) }{ ": " }</strong>{ n }</p> }
                </div>
            }
            if !vm.messages.is_empty() {
                <ul id={msg_id} class="sm-messages">
                    { for vm.messages.iter().map(|(sev, m)| html! {
                        <li class={if *sev == Severity::Error { "sm-error" } else { "sm-warning" }}>{ m }</li>
                    }) }
                </ul>
            }
        </div>
    }
}
