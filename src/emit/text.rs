//! The display form's own words, in the document's language: what the archived XHTML and
//! the metadata say besides the client's data. One table keyed by [`DocText`].

use crate::lang::Lang;

/// A text of the display form or the metadata.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum DocText {
    /// A true Totuusarvo, or a coded "K" (e.g. special content).
    Yes,
    /// A false Totuusarvo, or a coded "E".
    No,
    /// The banner of a draft preview: never signed-ready, never archived.
    DraftBanner,
}

/// The text for `key` in `lang`.
pub fn doc_text(key: DocText, lang: Lang) -> &'static str {
    let (fi, sv) = match key {
        DocText::Yes => return crate::lang::yes_no(true, lang),
        DocText::No => return crate::lang::yes_no(false, lang),
        DocText::DraftBanner => (
            "LUONNOS – ei allekirjoitusvalmis eikä arkistoitavissa",
            "UTKAST – inte klar för underskrift eller arkivering",
        ),
    };
    match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
    }
}
