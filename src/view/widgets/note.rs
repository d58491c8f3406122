//! Fields that take no input: a fixed phrase, a signature line, a representation this
//! version does not support (said, never silently dropped).

use yew::prelude::*;

use super::WidgetProps;
use crate::view::text::{ui, Ui};

/// Fraasi: the structure's fixed text.
pub fn phrase_note(p: &WidgetProps) -> Html {
    let vm = &p.vm;
    html! { <p id={vm.dom_id.clone()} class="sm-phrase" tabindex="-1">{ vm.phrase.clone().unwrap_or_else(|| vm.text.clone()) }</p> }
}

/// Allekirjoitus: signed on paper, not in the form.
pub fn signature_note(p: &WidgetProps) -> Html {
    html! { <p id={p.vm.dom_id.clone()} class="sm-note" tabindex="-1">{ ui(Ui::SignatureOnPaper, p.lang) }</p> }
}

/// A representation this version cannot edit: named with its pointer.
pub fn unsupported_note(p: &WidgetProps) -> Html {
    let vm = &p.vm;
    html! {
        <div id={vm.dom_id.clone()} class="sm-unsupported" role="note" tabindex="-1">
            { format!("{}: {} ({})", ui(Ui::Unsupported, p.lang), vm.pointer, vm.kind.representation()) }
        </div>
    }
}
