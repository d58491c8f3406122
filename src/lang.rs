//! Languages and per-language texts (fi. *kieliversiot*).
//!
//! Sosmeta texts come as lists of `{lang, value}` with `lang` `fi`, `sv` or empty
//! (language-neutral, e.g. OIDs). This module holds no rules, only lookup with fallback.

use std::fmt;

/// A content language of a Sosmeta structure and of the display form.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Finnish (`fi`), the language every structure has.
    #[default]
    Fi,
    /// Swedish (`sv`).
    Sv,
}

impl Lang {
    /// The ISO 639-1 code, as used in `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
        }
    }

    /// Parses `fi` or `sv` (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            _ => None,
        }
    }
}

/// A text as the structures' words are compared: lowercase, whitespace collapsed to single
/// spaces (notes, descriptions, subjects and service names are matched on it).
pub fn folded(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// "Yes" / "no" in `lang`: the one table of these words (the display form, the form's
/// switches, the correction panel and the markings' before/after all read it; the
/// architecture test keeps them out of every other file).
pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Fi) => "Kyllä",
        (false, Lang::Fi) => "Ei",
        (true, Lang::Sv) => "Ja",
        (false, Lang::Sv) => "Nej",
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in Finnish, Swedish and/or language-neutral form.
///
/// Placeholder values used by Sosmeta exports (`-`, blank) are stored as absent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct LangText {
    /// Finnish text.
    pub fi: Option<String>,
    /// Swedish text.
    pub sv: Option<String>,
    /// Language-neutral text (`lang: ""`).
    pub neutral: Option<String>,
}

/// A text looked up in one language, telling whether it fell back to another language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localized<'a> {
    /// The text.
    pub text: &'a str,
    /// True when the requested language was missing and another one was used.
    pub is_fallback: bool,
}

impl LangText {
    /// True when no language has a value.
    pub fn is_empty(&self) -> bool {
        self.fi.is_none() && self.sv.is_none() && self.neutral.is_none()
    }

    /// The text in exactly this language (or the neutral text), without fallback.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        let own = match lang {
            Lang::Fi => self.fi.as_deref(),
            Lang::Sv => self.sv.as_deref(),
        };
        own.or(self.neutral.as_deref())
    }

    /// The text in `lang`, else Finnish, else Swedish, else the neutral text.
    pub fn get(&self, lang: Lang) -> Option<Localized<'_>> {
        if let Some(text) = self.exact(lang) {
            return Some(Localized {
                text,
                is_fallback: false,
            });
        }
        self.fi
            .as_deref()
            .or(self.sv.as_deref())
            .map(|text| Localized {
                text,
                is_fallback: true,
            })
    }

    /// Convenience: the text in `lang` with fallback, or `""`.
    pub fn text(&self, lang: Lang) -> &str {
        self.get(lang).map(|l| l.text).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_is_reported() {
        let t = LangText {
            fi: Some("Asiakas".into()),
            sv: None,
            neutral: None,
        };
        assert_eq!(
            t.get(Lang::Sv),
            Some(Localized {
                text: "Asiakas",
                is_fallback: true
            })
        );
        assert_eq!(
            t.get(Lang::Fi),
            Some(Localized {
                text: "Asiakas",
                is_fallback: false
            })
        );
        assert_eq!(t.exact(Lang::Sv), None);
    }

    #[test]
    fn neutral_counts_for_every_language() {
        let t = LangText {
            neutral: Some("1.2.3".into()),
            ..Default::default()
        };
        assert!(!t.get(Lang::Sv).unwrap().is_fallback);
    }
}
