//! [`EditorLink`]: how a host outside Yew (the custom element) reads and drives a mounted
//! [`Editor`](super::Editor) without remounting it.
//!
//! The editor stores its reducer handle here on every render. Reading goes through the
//! handle, which always sees the newest state (dispatches are applied synchronously), so a
//! `setDocument()` followed by `getDocument()` returns the new document.

use std::cell::RefCell;
use std::rc::Rc;

use yew::UseReducerHandle;

use super::state::{Action, EditorState};
use crate::assess::Assessment;
use crate::document::Document;

/// A shared slot a mounted editor fills; cheap to clone, equal only to its own clones.
#[derive(Clone, Default)]
pub struct EditorLink(Rc<RefCell<Option<UseReducerHandle<EditorState>>>>);

impl PartialEq for EditorLink {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for EditorLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_linked() {
            "EditorLink(linked)"
        } else {
            "EditorLink(empty)"
        })
    }
}

impl EditorLink {
    /// Called by the editor on each render.
    pub(crate) fn attach(&self, state: UseReducerHandle<EditorState>) {
        *self.0.borrow_mut() = Some(state);
    }

    /// Called when the editor unmounts.
    pub(crate) fn detach(&self) {
        *self.0.borrow_mut() = None;
    }

    /// True while an editor is mounted on this link.
    pub fn is_linked(&self) -> bool {
        self.0.borrow().is_some()
    }

    /// Runs `f` on the editor's current state; `None` when no editor is mounted.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&EditorState) -> T) -> Option<T> {
        let handle = self.0.borrow().clone()?;
        Some(f(&handle))
    }

    /// The document being edited (a copy).
    pub fn document(&self) -> Option<Document> {
        self.with(|s| s.doc.borrow().clone())
    }

    /// The document's canonical JSON.
    pub fn document_json(&self) -> Option<String> {
        self.with(|s| s.doc.borrow().to_canonical_json(&s.structure))
    }

    /// The current assessment (report, hidden fields, marking problems) under the
    /// editor's current rules, markings and day.
    pub fn assessment(&self) -> Option<Rc<Assessment>> {
        self.with(|s| s.assessment.clone())
    }

    /// The language the user is working in.
    pub fn lang(&self) -> Option<crate::lang::Lang> {
        self.with(|s| s.lang)
    }

    /// The rules the editor validates with.
    pub fn rules(&self) -> Option<Rc<crate::validate::Rules>> {
        self.with(|s| s.rules.clone())
    }

    /// True when no editor is mounted or its whole form is in the DOM (see the editor's
    /// `progressive` drawing).
    pub fn is_drawn(&self) -> bool {
        self.with(EditorState::is_drawn).unwrap_or(true)
    }

    /// Sends an action to the editor; false when none is mounted.
    pub fn dispatch(&self, action: Action) -> bool {
        let handle = self.0.borrow().clone();
        match handle {
            Some(h) => {
                h.dispatch(action);
                true
            }
            None => false,
        }
    }
}
