//! The widgets: one small component per kind of input. Each draws a precomputed
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

pub use code::{CodeFree, CodeSelect};
pub use date::{InstantInput, PartialDateInput};
pub use note::{PhraseNote, SignatureNote, UnsupportedNote};
pub use number::{NumberInput, QuantityInput};
pub use switch::SwitchInput;
pub use text::{IdentifierInput, TextArea, TextLine};

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

    /// Reports `edit`, then that the user left the field (a choice is complete at once).
    fn edit_and_leave(on_edit: &Callback<FieldEdit>, edit: FieldEdit) {
        on_edit.emit(edit);
        on_edit.emit(FieldEdit::Leave);
    }
}
