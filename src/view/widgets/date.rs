//! Dates: a partial date typed Finnish style (with a calendar beside it) and an instant
//! (a wall-clock time whose UTC offset the browser tells).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::WidgetProps;
use crate::view::field_edit::FieldEdit;
use crate::view::text::{ui, Ui};
use crate::view::vm::parse_partial_date;

/// PVM: `pp.kk.vvvv` typed (or `kk.vvvv`, `vvvv`), or a day picked from the calendar.
pub fn partial_date_input(p: &WidgetProps) -> Html {
    let (vm, lang) = (&p.vm, p.lang);
    let oninput = p.on_edit.reform(|e: InputEvent| {
        let t: HtmlInputElement = e.target_unchecked_into();
        FieldEdit::TypedDate(t.value())
    });
    let onpick = {
        let on_edit = p.on_edit.clone();
        Callback::from(move |e: Event| {
            let t: HtmlInputElement = e.target_unchecked_into();
            WidgetProps::edit_and_leave(&on_edit, FieldEdit::PickedDate(t.value()));
        })
    };
    let iso = parse_partial_date(&vm.text)
        .filter(|d| d.len() == 10)
        .unwrap_or_default();
    html! {
        <span class="sm-date">
            <input id={vm.dom_id.clone()} class="sm-input sm-short" type="text" inputmode="numeric" placeholder="pp.kk.vvvv" value={vm.text.clone()} {oninput} onblur={p.leave()}
                aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} autocomplete="off" />
            <input type="date" class="sm-picker" value={iso} onchange={onpick} aria-label={format!("{}: {}", vm.label, ui(Ui::PickDate, lang))} tabindex="-1" />
        </span>
    }
}

/// Ajanhetki: a `datetime-local` input; the stored instant carries the UTC offset of that
/// wall-clock time where the user is.
pub fn instant_input(p: &WidgetProps) -> Html {
    let vm = &p.vm;
    let onchange = {
        let on_edit = p.on_edit.clone();
        Callback::from(move |e: Event| {
            let t: HtmlInputElement = e.target_unchecked_into();
            let local = t.value();
            let offset = local_offset(&local);
            WidgetProps::edit_and_leave(&on_edit, FieldEdit::Instant { local, offset });
        })
    };
    let local = vm.text.get(..19).unwrap_or("").to_string();
    let zone = vm.text.get(19..).unwrap_or("").to_string();
    html! {
        <span class="sm-instant">
            <input id={vm.dom_id.clone()} class="sm-input sm-short" type="datetime-local" step="1" value={local} {onchange}
                aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} />
            if !zone.is_empty() { <span class="sm-zone">{ format!("UTC{zone}") }</span> }
        </span>
    }
}

/// The UTC offset (`+02:00`) of a wall-clock time (`YYYY-MM-DDTHH:MM[:SS]`) in the
/// browser's zone: the edge that knows where the user is. Outside a browser (server
/// rendering, tests) Finland's offset for that time, computed, not read from the machine.
pub fn local_offset(datetime_local: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(datetime_local));
        let minutes = -(d.get_timezone_offset() as i32);
        if minutes != i32::MIN && d.get_time().is_finite() {
            let sign = if minutes < 0 { '-' } else { '+' };
            let m = minutes.abs();
            return format!("{sign}{:02}:{:02}", m / 60, m % 60);
        }
    }
    // The offset does not depend on the seconds: the minute is enough.
    let minute = datetime_local.get(..16).unwrap_or("");
    let hours = crate::time::parse_minute(minute)
        .map(crate::time::finland_offset_hours_local)
        .unwrap_or(2);
    format!("+{hours:02}:00")
}
