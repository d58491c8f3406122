//! Totuusarvo: a checkbox with its state in words and a way back to "no answer".

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::WidgetProps;
use crate::view::field_edit::FieldEdit;
use crate::view::text::{ui, Ui};

/// A yes/no switch; "Tyhjennä" clears it back to no answer (an unanswered question is not
/// a "no").
pub fn switch_input(p: &WidgetProps) -> Html {
    let (vm, lang) = (&p.vm, p.lang);
    let onchange = {
        let on_edit = p.on_edit.clone();
        Callback::from(move |e: Event| {
            let t: HtmlInputElement = e.target_unchecked_into();
            WidgetProps::edit_and_leave(&on_edit, FieldEdit::Switch(Some(t.checked())));
        })
    };
    let clear = p.on_edit.reform(|_: MouseEvent| FieldEdit::Switch(None));
    let state = match vm.checked {
        Some(true) => ui(Ui::Yes, lang),
        Some(false) => ui(Ui::No, lang),
        None => "–",
    };
    html! {
        <span class="sm-switch">
            <input id={vm.dom_id.clone()} type="checkbox" class="sm-check" checked={vm.checked.unwrap_or(false)} {onchange} aria-describedby={p.described.clone()} aria-invalid={p.invalid} />
            <span class="sm-switch-state" aria-hidden="true">{ state }</span>
            if vm.checked.is_some() { <button type="button" class="sm-link" onclick={clear}>{ ui(Ui::Clear, lang) }<span class="sm-visually-hidden">{ format!(": {}", vm.label) }</span></button> }
        </span>
    }
}
