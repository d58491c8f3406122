//! Koodi: a choice from a known code list (searchable when long), or a free code and its
//! text when no list is known.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::WidgetProps;
use crate::view::field_edit::FieldEdit;
use crate::view::text::{ui, Ui};

/// Lists longer than this get a search box above the select.
const SEARCH_FROM: usize = 12;

/// A free code and its display text (no list known); the code system is named beside.
pub fn code_free(p: &WidgetProps) -> Html {
    let (vm, lang) = (&p.vm, p.lang);
    let id = vm.dom_id.clone();
    let code = vm.part("code");
    let display = vm.part("display");
    let display_id = format!("{id}-display");
    let on_code = p.paired_input(display.clone(), |code, display| FieldEdit::Code {
        code,
        display,
    });
    let on_display = p.paired_input(code.clone(), |display, code| FieldEdit::Code {
        code,
        display,
    });
    html! {
        <span class="sm-code-free">
            <input id={id} class="sm-input sm-short" type="text" value={code} oninput={on_code} onblur={p.leave()} autocomplete="off"
                aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()} placeholder={ui(Ui::Code, lang)} />
            <label class="sm-visually-hidden" for={display_id.clone()}>{ format!("{}: {}", vm.label, ui(Ui::Display, lang)) }</label>
            <input id={display_id} class="sm-input" type="text" value={display} oninput={on_display} onblur={p.leave()} autocomplete="off" placeholder={ui(Ui::Display, lang)} />
            <span class="sm-note">{ ui(Ui::CodeFree, lang) }{ vm.code_system.as_ref().map(|s| format!(" ({s})")).unwrap_or_default() }</span>
        </span>
    }
}

/// A select over a known code list; long lists get a search box that filters the choices
/// by code or text (the chosen value always stays in the list).
#[component]
pub fn CodeSelect(p: &WidgetProps) -> Html {
    let filter = use_state(String::new);
    let (vm, lang) = (&p.vm, p.lang);
    let id = vm.dom_id.clone();
    let code = vm.part("code");
    let onchange = {
        let (on_edit, vm) = (p.on_edit.clone(), p.vm.clone());
        Callback::from(move |e: Event| {
            let t: HtmlSelectElement = e.target_unchecked_into();
            let code = t.value();
            // The chosen code's text in the user's language; nothing chosen clears both.
            let display = vm
                .options
                .iter()
                .find(|o| o.code == code && !code.is_empty())
                .map(|o| o.display(lang).to_string())
                .unwrap_or_default();
            WidgetProps::edit_and_leave(&on_edit, FieldEdit::Code { code, display });
        })
    };
    let needle = filter.to_lowercase();
    // Today from the editor (the host's day, else Finland's read at its edge). A select
    // drawn outside an editor has no day and offers every code.
    let today = use_context::<crate::view::Today>().map(|t| t.0);
    // Codes outside their validity are not offered; a stored one stays visible, marked.
    let shown = vm
        .options
        .iter()
        .filter(|o| today.is_none_or(|d| o.valid_on(d)) || o.code == code)
        .filter(|o| {
            needle.is_empty()
                || o.code == code
                || o.code.to_lowercase().contains(&needle)
                || o.display(lang).to_lowercase().contains(&needle)
        });
    let search = (vm.options.len() > SEARCH_FROM).then(|| {
        let current = (*filter).clone();
        let filter = filter.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let t: HtmlInputElement = e.target_unchecked_into();
            filter.set(t.value());
        });
        let search_id = format!("{id}-search");
        html! {
            <>
                <label class="sm-visually-hidden" for={search_id.clone()}>{ format!("{}: {}", vm.label, ui(Ui::Search, lang)) }</label>
                <input id={search_id} class="sm-input sm-short" type="search" placeholder={ui(Ui::Search, lang)} value={current} {oninput} autocomplete="off" />
            </>
        }
    });
    html! {
        <span class="sm-code-select">
            { search }
            <select id={id} class="sm-input sm-select" {onchange} onblur={p.leave()} aria-describedby={p.described.clone()} aria-invalid={p.invalid} aria-required={p.required()}>
                <option value="" selected={code.is_empty()}>{ "–" }</option>
                { for shown.map(|o| html! {
                    <option value={o.code.clone()} selected={o.code == code}>{
                        if today.is_none_or(|d| o.valid_on(d)) { format!("{} – {}", o.code, o.display(lang)) }
                        else { format!("{} – {} ({})", o.code, o.display(lang), ui(Ui::NotValid, lang)) }
                    }</option>
                }) }
            </select>
        </span>
    }
}
