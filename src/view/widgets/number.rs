//! Numbers: Numero and Lukumäärä (a number input), Määrä (a number with a decimal comma and
//! its unit).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::WidgetProps;
use crate::model::{FieldKind, QuantityKind};
use crate::view::field_edit::FieldEdit;
use crate::view::text::{ui, Ui};

/// Numero / Lukumäärä: a number input (whole numbers for a count).
pub fn number_input(p: &WidgetProps) -> Html {
    let vm = &p.vm;
    let oninput = p.on_edit.reform(|e: InputEvent| {
        let t: HtmlInputElement = e.target_unchecked_into();
        FieldEdit::Number(t.value())
    });
    let step = if vm.kind == FieldKind::Count {
        "1"
    } else {
        "any"
    };
    html! { <input id={vm.dom_id.clone()} class="sm-input sm-number" type="number" step={step} value={vm.text.clone()} {oninput} onblur={p.leave()}
    aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} /> }
}

/// Määrä: the number shown with a decimal comma and its unit (a sum in euros, a percent,
/// or a measure whose unit the user gives).
pub fn quantity_input(p: &WidgetProps) -> Html {
    let (vm, lang) = (&p.vm, p.lang);
    let value = vm
        .parts
        .iter()
        .find(|x| x.0 == "value")
        .map(|x| x.1.replace('.', ","))
        .unwrap_or_default();
    let unit = vm
        .parts
        .iter()
        .find(|x| x.0 == "code")
        .map(|x| x.1.clone())
        .unwrap_or_else(|| match vm.kind {
            FieldKind::Quantity(QuantityKind::Amount) => "EUR".into(),
            FieldKind::Quantity(QuantityKind::Percent) => "%".into(),
            _ => String::new(),
        });
    let unit_id = format!("{}-unit", vm.dom_id);
    let on_value = p.paired_input(unit.clone(), |value, unit| FieldEdit::Quantity {
        value,
        unit,
    });
    let on_unit = p.paired_input(value.clone(), |unit, value| FieldEdit::Quantity {
        value,
        unit,
    });
    html! {
        <span class="sm-quantity">
            <input id={vm.dom_id.clone()} class="sm-input sm-number" type="text" inputmode="decimal" value={value} oninput={on_value} onblur={p.leave()}
                aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} autocomplete="off" />
            <label class="sm-unit-label" for={unit_id.clone()}>{ ui(Ui::Unit, lang) }</label>
            <input id={unit_id} class="sm-input sm-unit" type="text" value={unit} oninput={on_unit} onblur={p.leave()} autocomplete="off" />
        </span>
    }
}
