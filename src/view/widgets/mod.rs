//! The widgets: one small drawing function per kind of input (a component only where it
//! keeps state of its own: the code list's search box). Each draws a precomputed
//! [`FieldVm`] and reports what the user did as a [`FieldEdit`]; none knows the reducer,
//! the document or how a value is stored ([`super::field_edit`] decides that).
//! [`super::registry`] picks the widget for a field kind.

mod code;
mod date;
mod note;
mod number;
mod switch;
mod text;

use std::rc::Rc;

use yew::prelude::*;

pub use code::{code_free, CodeSelect};
pub use date::{instant_input, partial_date_input};
pub use note::{phrase_note, signature_note, unsupported_note};
pub use number::{number_input, quantity_input};
pub use switch::switch_input;
pub use text::{identifier_input, text_area, text_line};

use super::field_edit::FieldEdit;
use super::vm::FieldVm;
use crate::lang::Lang;

/// What every widget gets.
#[derive(Properties, PartialEq, Clone)]
pub struct WidgetProps {
    /// The field's view model.
    pub vm: Rc<FieldVm>,
    /// The language of UI texts.
    pub lang: Lang,
    /// Where the widget reports what the user did.
    pub on_edit: Callback<FieldEdit>,
    /// `aria-describedby`: the help and message ids, when there are any.
    #[prop_or_default]
    pub described: Option<AttrValue>,
    /// `aria-invalid`: `Some("true")` when the field has an error shown.
    #[prop_or_default]
    pub invalid: Option<&'static str>,
}

impl WidgetProps {
    /// `aria-required` of the field's main input.
    fn required(&self) -> Option<&'static str> {
        self.vm.required.then_some("true")
    }

    /// A blur handler: the user left the field.
    fn leave(&self) -> Callback<FocusEvent> {
        self.on_edit.reform(|_| FieldEdit::Leave)
    }

    /// The `oninput` of one of two inputs that make one value together (a code and its
    /// text, a number and its unit): `make(typed, other)` with the other input's value as
    /// it is now.
    fn paired_input(
        &self,
        other: String,
        make: impl Fn(String, String) -> FieldEdit + 'static,
    ) -> Callback<InputEvent> {
        self.on_edit.reform(move |e: InputEvent| {
            let t: web_sys::HtmlInputElement = e.target_unchecked_into();
            make(t.value(), other.clone())
        })
    }

    /// Reports `edit`, then that the user left the field (a choice is complete at once).
    fn edit_and_leave(on_edit: &Callback<FieldEdit>, edit: FieldEdit) {
        on_edit.emit(edit);
        on_edit.emit(FieldEdit::Leave);
    }
}
