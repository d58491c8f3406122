//! Text inputs: Teksti (a growing text area), Nimi (one line), Tunnus (its value, with
//! the system shown beside it).

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::WidgetProps;
use crate::view::field_edit::FieldEdit;

/// Teksti: a text area that grows with its lines (2–20 rows).
pub fn text_area(p: &WidgetProps) -> Html {
    let vm = &p.vm;
    let rows = (vm.text.lines().count() + 1).clamp(2, 20).to_string();
    let oninput = p.on_edit.reform(|e: InputEvent| {
        let t: HtmlTextAreaElement = e.target_unchecked_into();
        FieldEdit::Text(t.value())
    });
    html! { <textarea id={vm.dom_id.clone()} class="sm-input sm-text" rows={rows} value={vm.text.clone()} {oninput} onblur={p.leave()}
    aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} /> }
}

/// Nimi: one line of text.
pub fn text_line(p: &WidgetProps) -> Html {
    let vm = &p.vm;
    let oninput = p.on_edit.reform(|e: InputEvent| {
        let t: HtmlInputElement = e.target_unchecked_into();
        FieldEdit::Text(t.value())
    });
    html! { <input id={vm.dom_id.clone()} class="sm-input" type="text" value={vm.text.clone()} {oninput} onblur={p.leave()}
    aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} autocomplete="off" /> }
}

/// Tunnus: the identifier's value; its system (stored or the schema's) is shown beside.
pub fn identifier_input(p: &WidgetProps) -> Html {
    let vm = &p.vm;
    let system = vm
        .parts
        .iter()
        .find(|x| x.0 == "system")
        .map(|x| x.1.clone());
    let oninput = p.on_edit.reform(|e: InputEvent| {
        let t: HtmlInputElement = e.target_unchecked_into();
        FieldEdit::Identifier(t.value())
    });
    html! {
        <span class="sm-identifier">
            <input id={vm.dom_id.clone()} class="sm-input sm-short" type="text" value={vm.part("value")} {oninput} onblur={p.leave()} autocomplete="off"
                readonly={vm.locked} aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} />
            if let Some(sys) = system { <span class="sm-system">{ sys }</span> }
        </span>
    }
}
