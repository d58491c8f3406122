//! The ONE place that maps a field kind to a widget. Widgets read a precomputed
//! [`FieldVm`] and dispatch [`Action`]s; no rules are computed here.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::{Action, EditorState};
use super::text::{ui, Ui};
use super::vm::{parse_partial_date, FieldVm};
use crate::document::{DataPath, Edit, Item, Parts, PathToken, Plain};
use crate::lang::Lang;
use crate::model::{FieldKind, QuantityKind};
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

fn set_or_clear(path: &DataPath, value: Option<Item>) -> Action {
    let is_item = matches!(path.0.last(), Some(PathToken::Index(_)));
    match value {
        Some(v) => Action::Edit(Edit::Set {
            path: path.clone(),
            value: v,
        }),
        None if is_item => {
            let (last, parent) = path.0.split_last().expect("item path");
            let PathToken::Index(index) = last else {
                unreachable!("checked above")
            };
            Action::Edit(Edit::RemoveItem {
                path: DataPath(parent.to_vec()),
                index: *index,
            })
        }
        None => Action::Edit(Edit::Clear { path: path.clone() }),
    }
}

/// Builds an object-shaped value from parts named by key; the schema's part order decides
/// the stored indexes (never assumed).
fn parts_item(part_keys: &[String], values: Vec<(&str, Plain)>) -> Item {
    let mut v: Vec<(u16, Plain)> = values
        .into_iter()
        .filter_map(|(k, p)| part_keys.iter().position(|x| x == k).map(|i| (i as u16, p)))
        .collect();
    v.sort_by_key(|x| x.0);
    Item::Parts(Parts {
        values: v,
        extra: vec![],
    })
}

/// A Koodi value: the field's system, the code and its display text (`None` when both
/// are empty).
fn code_item(vm: &FieldVm, code: String, display: String) -> Option<Item> {
    if code.is_empty() && display.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    if let Some(sys) = &vm.code_system {
        values.push(("system", Plain::Text(sys.clone())));
    }
    if !code.is_empty() {
        values.push(("code", Plain::Text(code)));
    }
    if !display.is_empty() {
        values.push(("display", Plain::Text(display)));
    }
    Some(parts_item(&vm.part_keys, values))
}

fn text_item(t: String) -> Option<Item> {
    (!t.is_empty()).then_some(Item::Plain(Plain::Text(t)))
}

/// A typed number (decimal comma, spaces as thousands separators) kept exactly: the
/// canonical decimal of what was typed, never a binary float's rounding.
fn number(t: &str) -> Option<serde_json::Number> {
    let t = t.trim().replace(',', ".").replace([' ', '\u{a0}'], "");
    let t = t.strip_prefix('+').unwrap_or(&t);
    // People type "0,5" and ".5" and "5."; JSON wants a digit on both sides of the point.
    let t = match t.strip_prefix('.') {
        Some(r) => format!("0.{r}"),
        None => t.to_string(),
    };
    let t = t.strip_suffix('.').unwrap_or(&t);
    crate::json::canonical_number(t).and_then(|c| crate::json::number(&c))
}

/// The local UTC offset (`+02:00`) for a wall-clock time, from the browser's zone.
fn local_offset(datetime_local: &str) -> String {
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
    // Outside a browser (server rendering, tests): Finland's offset for that wall-clock
    // time, computed, not read from the machine's zone.
    let hours = chrono::NaiveDateTime::parse_from_str(datetime_local, "%Y-%m-%dT%H:%M:%S")
        .map(crate::time::finland_offset_hours_local)
        .unwrap_or(2);
    format!("+{hours:02}:00")
}

/// `2026-03-19T13:33` or `…:30` from a datetime-local input → stored instant with offset.
pub fn instant_from_local(v: &str) -> Option<String> {
    if v.len() < 16 {
        return None;
    }
    let with_secs = if v.len() == 16 {
        format!("{v}:00")
    } else {
        v[..19].to_string()
    };
    Some(format!("{with_secs}{}", local_offset(&with_secs)))
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
    let dispatch = props.dispatch.clone();
    let path = vm.path.clone();
    let touch = {
        let dispatch = dispatch.clone();
        let path = path.clone();
        Callback::from(move |_: FocusEvent| dispatch.dispatch(Action::Touch(path.clone())))
    };
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
    let widget = match &vm.kind {
        FieldKind::Text => {
            let rows = (vm.text.lines().count() + 1).clamp(2, 20).to_string();
            let oninput = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |e: InputEvent| {
                    let t: HtmlTextAreaElement = e.target_unchecked_into();
                    dispatch.dispatch(set_or_clear(&path, text_item(t.value())));
                })
            };
            html! { <textarea id={id.clone()} class="sm-input sm-text" rows={rows} value={vm.text.clone()} {oninput} onblur={touch.clone()}
            aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} /> }
        }
        FieldKind::Name => {
            let oninput = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |e: InputEvent| {
                    let t: HtmlInputElement = e.target_unchecked_into();
                    dispatch.dispatch(set_or_clear(&path, text_item(t.value())));
                })
            };
            html! { <input id={id.clone()} class="sm-input" type="text" value={vm.text.clone()} {oninput} onblur={touch.clone()}
            aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} autocomplete="off" /> }
        }
        FieldKind::Switch => {
            let checked = vm.checked.unwrap_or(false);
            let onchange = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |e: Event| {
                    let t: HtmlInputElement = e.target_unchecked_into();
                    dispatch.dispatch(set_or_clear(
                        &path,
                        Some(Item::Plain(Plain::Bool(t.checked()))),
                    ));
                    dispatch.dispatch(Action::Touch(path.clone()));
                })
            };
            let clear = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |_: MouseEvent| dispatch.dispatch(set_or_clear(&path, None)))
            };
            let state = match vm.checked {
                Some(true) => ui(Ui::Yes, lang),
                Some(false) => ui(Ui::No, lang),
                None => "–",
            };
            html! {
                <span class="sm-switch">
                    <input id={id.clone()} type="checkbox" class="sm-check" {checked} {onchange} aria-describedby={described.clone()} aria-invalid={invalid} />
                    <span class="sm-switch-state" aria-hidden="true">{ state }</span>
                    if vm.checked.is_some() { <button type="button" class="sm-link" onclick={clear}>{ ui(Ui::Clear, lang) }<span class="sm-visually-hidden">{ format!(": {}", vm.label) }</span></button> }
                </span>
            }
        }
        FieldKind::PartialDate => {
            let oninput = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |e: InputEvent| {
                    let t: HtmlInputElement = e.target_unchecked_into();
                    let raw = t.value();
                    let v = parse_partial_date(&raw)
                        .or_else(|| (!raw.trim().is_empty()).then(|| raw.trim().to_string()));
                    dispatch.dispatch(set_or_clear(&path, v.map(|v| Item::Plain(Plain::Text(v)))));
                })
            };
            let onpick = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |e: Event| {
                    let t: HtmlInputElement = e.target_unchecked_into();
                    dispatch.dispatch(set_or_clear(&path, text_item(t.value())));
                    dispatch.dispatch(Action::Touch(path.clone()));
                })
            };
            let iso = parse_partial_date(&vm.text)
                .filter(|d| d.len() == 10)
                .unwrap_or_default();
            html! {
                <span class="sm-date">
                    <input id={id.clone()} class="sm-input sm-short" type="text" inputmode="numeric" placeholder="pp.kk.vvvv" value={vm.text.clone()} {oninput} onblur={touch.clone()}
                        aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} autocomplete="off" />
                    <input type="date" class="sm-picker" value={iso} onchange={onpick} aria-label={format!("{}: {}", vm.label, ui(Ui::PickDate, lang))} tabindex="-1" />
                </span>
            }
        }
        FieldKind::Instant => {
            let onchange = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |e: Event| {
                    let t: HtmlInputElement = e.target_unchecked_into();
                    dispatch.dispatch(set_or_clear(
                        &path,
                        instant_from_local(&t.value()).map(|v| Item::Plain(Plain::Text(v))),
                    ));
                    dispatch.dispatch(Action::Touch(path.clone()));
                })
            };
            let local = vm.text.get(..19).unwrap_or("").to_string();
            let zone = vm.text.get(19..).unwrap_or("").to_string();
            html! {
                <span class="sm-instant">
                    <input id={id.clone()} class="sm-input sm-short" type="datetime-local" step="1" value={local} {onchange}
                        aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} />
                    if !zone.is_empty() { <span class="sm-zone">{ format!("UTC{zone}") }</span> }
                </span>
            }
        }
        FieldKind::Code => code_widget(vm, &dispatch, lang, &described, invalid, &touch),
        FieldKind::Identifier => {
            let system = vm
                .parts
                .iter()
                .find(|p| p.0 == "system")
                .map(|p| p.1.clone());
            let value = vm.part("value");
            let oninput = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                let default_system = vm.code_system.clone().or(system.clone());
                let keys = vm.part_keys.clone();
                Callback::from(move |e: InputEvent| {
                    let t: HtmlInputElement = e.target_unchecked_into();
                    let v = t.value();
                    let item = (!v.is_empty()).then(|| {
                        let mut values = Vec::new();
                        if let Some(sys) = &default_system {
                            values.push(("system", Plain::Text(sys.clone())));
                        }
                        values.push(("value", Plain::Text(v)));
                        parts_item(&keys, values)
                    });
                    dispatch.dispatch(set_or_clear(&path, item));
                })
            };
            html! {
                <span class="sm-identifier">
                    <input id={id.clone()} class="sm-input sm-short" type="text" value={value} {oninput} onblur={touch.clone()} autocomplete="off"
                        aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} />
                    if let Some(sys) = system { <span class="sm-system">{ sys }</span> }
                </span>
            }
        }
        FieldKind::Quantity(q) => {
            let value = vm
                .parts
                .iter()
                .find(|p| p.0 == "value")
                .map(|p| p.1.replace('.', ","))
                .unwrap_or_default();
            let unit = vm
                .parts
                .iter()
                .find(|p| p.0 == "code")
                .map(|p| p.1.clone())
                .unwrap_or_else(|| match q {
                    QuantityKind::Amount => "EUR".into(),
                    QuantityKind::Percent => "%".into(),
                    QuantityKind::Measure => String::new(),
                });
            let unit_id = format!("{id}-unit");
            let make = {
                let (value0, unit0) = (value.clone(), unit.clone());
                let (dispatch0, path0) = (dispatch.clone(), path.clone());
                let keys0 = vm.part_keys.clone();
                move |value_input: bool| {
                    let (dispatch, path) = (dispatch0.clone(), path0.clone());
                    let (value, unit) = (value0.clone(), unit0.clone());
                    let keys = keys0.clone();
                    Callback::from(move |e: InputEvent| {
                        let t: HtmlInputElement = e.target_unchecked_into();
                        let (v, u) = if value_input {
                            (t.value(), unit.clone())
                        } else {
                            (value.clone(), t.value())
                        };
                        let item = if v.trim().is_empty() && u.trim().is_empty() {
                            None
                        } else {
                            let mut values = Vec::new();
                            if let Some(n) = number(&v) {
                                values.push(("value", Plain::Number(n)));
                            }
                            if !u.is_empty() {
                                values.push(("code", Plain::Text(u)));
                            }
                            Some(parts_item(&keys, values))
                        };
                        dispatch.dispatch(set_or_clear(&path, item));
                    })
                }
            };
            html! {
                <span class="sm-quantity">
                    <input id={id.clone()} class="sm-input sm-number" type="text" inputmode="decimal" value={value} oninput={make(true)} onblur={touch.clone()}
                        aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} autocomplete="off" />
                    <label class="sm-unit-label" for={unit_id.clone()}>{ ui(Ui::Unit, lang) }</label>
                    <input id={unit_id} class="sm-input sm-unit" type="text" value={unit} oninput={make(false)} onblur={touch.clone()} autocomplete="off" />
                </span>
            }
        }
        FieldKind::Number | FieldKind::Count => {
            let oninput = {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                Callback::from(move |e: InputEvent| {
                    let t: HtmlInputElement = e.target_unchecked_into();
                    let v = t.value();
                    if v.trim().is_empty() {
                        dispatch.dispatch(set_or_clear(&path, None));
                    } else if let Some(n) = number(&v) {
                        dispatch.dispatch(set_or_clear(&path, Some(Item::Plain(Plain::Number(n)))));
                    }
                })
            };
            let step = if vm.kind == FieldKind::Count {
                "1"
            } else {
                "any"
            };
            html! { <input id={id.clone()} class="sm-input sm-number" type="number" step={step} value={vm.text.clone()} {oninput} onblur={touch.clone()}
            aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} /> }
        }
        FieldKind::Phrase => {
            html! { <p id={id.clone()} class="sm-phrase" tabindex="-1">{ vm.phrase.clone().unwrap_or_else(|| vm.text.clone()) }</p> }
        }
        FieldKind::Signature => {
            html! { <p id={id.clone()} class="sm-note" tabindex="-1">{ ui(Ui::SignatureOnPaper, lang) }</p> }
        }
        FieldKind::Unknown { .. } => html! {
            <div id={id.clone()} class="sm-unsupported" role="note" tabindex="-1">
                { format!("{}: {} ({})", ui(Ui::Unsupported, lang), vm.pointer, vm.kind.representation()) }
            </div>
        },
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

fn code_widget(
    vm: &FieldVm,
    dispatch: &UseReducerDispatcher<EditorState>,
    lang: Lang,
    described: &Option<AttrValue>,
    invalid: Option<&'static str>,
    touch: &Callback<FocusEvent>,
) -> Html {
    let id = vm.dom_id.clone();
    let path = vm.path.clone();
    let code = vm.part("code");
    let display = vm.part("display");
    let build = {
        let vm = vm.clone();
        move |code: String, display: String| code_item(&vm, code, display)
    };
    if !vm.options.is_empty() {
        return html! {
            <CodeSelect vm={Rc::new(vm.clone())} dispatch={dispatch.clone()} {lang} described={described.clone()} invalid={invalid} touch={touch.clone()} />
        };
    }
    let display_id = format!("{id}-display");
    let make = {
        let (code0, display0) = (code.clone(), display.clone());
        let (dispatch0, path0) = (dispatch.clone(), path.clone());
        move |is_code: bool| {
            let (dispatch, path, build) = (dispatch0.clone(), path0.clone(), build.clone());
            let (code, display) = (code0.clone(), display0.clone());
            Callback::from(move |e: InputEvent| {
                let t: HtmlInputElement = e.target_unchecked_into();
                let (c, d) = if is_code {
                    (t.value(), display.clone())
                } else {
                    (code.clone(), t.value())
                };
                dispatch.dispatch(set_or_clear(&path, build(c, d)));
            })
        }
    };
    html! {
        <span class="sm-code-free">
            <input id={id} class="sm-input sm-short" type="text" value={code.clone()} oninput={make(true)} onblur={touch.clone()} autocomplete="off"
                aria-describedby={described.clone()} aria-invalid={invalid} aria-required={vm.required.then_some("true")} placeholder={ui(Ui::Code, lang)} />
            <label class="sm-visually-hidden" for={display_id.clone()}>{ format!("{}: {}", vm.label, ui(Ui::Display, lang)) }</label>
            <input id={display_id} class="sm-input" type="text" value={display} oninput={make(false)} onblur={touch.clone()} autocomplete="off" placeholder={ui(Ui::Display, lang)} />
            <span class="sm-note">{ ui(Ui::CodeFree, lang) }{ vm.code_system.as_ref().map(|s| format!(" ({s})")).unwrap_or_default() }</span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_indexes_follow_the_schema_not_an_assumed_order() {
        let keys = vec!["value".to_string(), "system".to_string()];
        let item = parts_item(
            &keys,
            vec![
                ("system", Plain::Text("urn:oid:1.2".into())),
                ("value", Plain::Text("x".into())),
                ("nope", Plain::Bool(true)),
            ],
        );
        assert_eq!(
            item,
            Item::Parts(Parts {
                values: vec![
                    (0, Plain::Text("x".into())),
                    (1, Plain::Text("urn:oid:1.2".into()))
                ],
                extra: vec![]
            })
        );
    }

    #[test]
    fn numbers_accept_a_decimal_comma() {
        assert_eq!(
            number("12,5").map(|n| n.to_string()).as_deref(),
            Some("12.5")
        );
        assert_eq!(
            number("1 000").map(|n| n.to_string()).as_deref(),
            Some("1000")
        );
        assert_eq!(number("x"), None);
        assert_eq!(
            number("1234567890123456,78")
                .map(|n| n.to_string())
                .as_deref(),
            Some("1234567890123456.78")
        );
        assert_eq!(
            number("9007199254740993").map(|n| n.to_string()).as_deref(),
            Some("9007199254740993")
        );
    }
}

/// Lists longer than this get a search box above the select.
const SEARCH_FROM: usize = 12;

#[derive(Properties, PartialEq)]
struct CodeSelectProps {
    vm: Rc<FieldVm>,
    dispatch: UseReducerDispatcher<EditorState>,
    lang: Lang,
    described: Option<AttrValue>,
    invalid: Option<&'static str>,
    touch: Callback<FocusEvent>,
}

/// A select over a known code list; long lists get a search box that filters the choices
/// by code or text (the chosen value always stays in the list).
#[component]
fn CodeSelect(props: &CodeSelectProps) -> Html {
    let filter = use_state(String::new);
    let vm = &props.vm;
    let lang = props.lang;
    let id = vm.dom_id.clone();
    let code = vm.part("code");
    let onchange = {
        let (dispatch, vm) = (props.dispatch.clone(), props.vm.clone());
        Callback::from(move |e: Event| {
            let t: HtmlSelectElement = e.target_unchecked_into();
            let c = t.value();
            let d = vm
                .options
                .iter()
                .find(|o| o.code == c)
                .map(|o| o.display(lang).to_string())
                .unwrap_or_default();
            let item = if c.is_empty() {
                None
            } else {
                code_item(&vm, c, d)
            };
            dispatch.dispatch(set_or_clear(&vm.path, item));
            dispatch.dispatch(Action::Touch(vm.path.clone()));
        })
    };
    let needle = filter.to_lowercase();
    // Today from the editor (the host's day, else Finland's read at its edge). A select
    // drawn outside an editor has no day and offers every code.
    let today = use_context::<super::Today>().map(|t| t.0);
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
            <select id={id} class="sm-input sm-select" {onchange} onblur={props.touch.clone()} aria-describedby={props.described.clone()} aria-invalid={props.invalid} aria-required={vm.required.then_some("true")}>
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
