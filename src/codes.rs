//! Code lists: the host's lists by classification OID ([`CodeSets`]), the structures'
//! own `valueSet` prose ([`parse_value_set`], parsed once in the model) and the list a Koodi
//! field offers
//! ([`code_options`]). PURE: no Yew; this module is the parser of code-set input, the one
//! place that walks its JSON.
//!
//! Sources: the `shared/codesets` list format (`{ "oid", "codes": [...] }`), the Sosmeta
//! `valueSet` texts ("1 = Kyllä, 2 = Ei") and a Koodi's `classificationOid` (DOMAIN.md).

use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use crate::lang::Lang;
pub use crate::model::parse_value_set;
use crate::model::{FieldKind, NodeId, NodeKind, Shape, Structure};

/// A code-set input that cannot be used: where ([`crate::json::InputError::pointer`]) and
/// what.
pub type CodeSetError = crate::json::InputError<CodeSetErrorKind>;

/// What makes a code-set input unusable.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeSetErrorKind {
    /// Occurs when the text is not strict JSON.
    Json {
        /// What the strict reader found.
        error: crate::json::JsonError,
    },
    /// Occurs when the input is neither an object nor an array.
    NotCodeSets,
    /// Occurs when a list file (`{"codes": …}`) has no `oid` string.
    ListWithoutOid,
    /// Occurs when one OID is given twice in one input (never a silent replacement).
    GivenTwice {
        /// The OID.
        oid: String,
    },
    /// Occurs when a code list is not an array.
    ListNotArray,
    /// Occurs when a code is not an object.
    CodeNotObject,
    /// Occurs when a code has no non-empty `code`.
    NoCode,
    /// Occurs when a member that holds text holds something else.
    NotText {
        /// The member.
        member: String,
    },
    /// Occurs when `validFrom` / `validTo` is not a date `YYYY-MM-DD`.
    NotDate {
        /// The value as written.
        value: String,
    },
}

impl fmt::Display for CodeSetErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeSetErrorKind::Json { error } => write!(f, "{error}"),
            CodeSetErrorKind::NotCodeSets => f.write_str("code sets must be an object or an array"),
            CodeSetErrorKind::ListWithoutOid => f.write_str("a code list needs an \"oid\" string"),
            CodeSetErrorKind::GivenTwice { oid } => {
                write!(f, "code list {oid} is given twice in the same input")
            }
            CodeSetErrorKind::ListNotArray => f.write_str("a code list must be an array"),
            CodeSetErrorKind::CodeNotObject => f.write_str("a code must be an object"),
            CodeSetErrorKind::NoCode => f.write_str("a code needs a non-empty \"code\""),
            CodeSetErrorKind::NotText { member } => write!(f, "\"{member}\" must be a string"),
            CodeSetErrorKind::NotDate { value } => write!(f, "'{value}' is not a date YYYY-MM-DD"),
        }
    }
}

/// One choice of a code list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeOption {
    /// The code.
    pub code: String,
    /// Finnish display text.
    pub fi: String,
    /// Swedish display text (empty when unknown).
    pub sv: String,
    /// First day the code is valid, when the list says.
    pub valid_from: Option<chrono::NaiveDate>,
    /// Last day the code is valid, when the list says.
    pub valid_to: Option<chrono::NaiveDate>,
}

impl CodeOption {
    /// A code valid without limits.
    pub fn new(code: impl Into<String>, fi: impl Into<String>, sv: impl Into<String>) -> Self {
        CodeOption {
            code: code.into(),
            fi: fi.into(),
            sv: sv.into(),
            valid_from: None,
            valid_to: None,
        }
    }

    /// True when the code may be chosen on `day`.
    pub fn valid_on(&self, day: chrono::NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }

    /// The display text in `lang`, falling back to Finnish.
    pub fn display(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv if !self.sv.is_empty() => &self.sv,
            _ => &self.fi,
        }
    }
}

/// Code lists the host supplies, keyed by classification OID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeSets {
    /// Lists by OID (without `urn:oid:`).
    pub by_oid: HashMap<String, Vec<CodeOption>>,
}

impl CodeSets {
    /// Reads code lists. Accepted shapes: a map `{ "<oid>": [code, …] }`, one list file
    /// `{ "oid": "<oid>", "codes": [code, …] }` (the `shared/codesets` format) or an array
    /// of such files. A code is `{ "code", "fi", "sv"?, "validFrom"?, "validTo"? }`
    /// (dates `YYYY-MM-DD`); other members are ignored. Errors carry a JSON Pointer.
    pub fn from_json(text: &str) -> Result<CodeSets, CodeSetError> {
        let v = crate::json::parse(text).map_err(|e| {
            CodeSetError::new(e.pointer.clone(), CodeSetErrorKind::Json { error: e })
        })?;
        let mut out = CodeSets::default();
        out.merge_value(&v, "")?;
        Ok(out)
    }

    /// Adds the lists of an already-decoded value (see [`CodeSets::from_json`]).
    pub fn merge_value(&mut self, v: &serde_json::Value, at: &str) -> Result<(), CodeSetError> {
        use serde_json::Value;
        match v {
            Value::Array(files) => {
                for (i, f) in files.iter().enumerate() {
                    self.merge_value(f, &format!("{at}/{i}"))?;
                }
                Ok(())
            }
            Value::Object(o) if o.contains_key("codes") => {
                let oid = o.get("oid").and_then(Value::as_str).ok_or_else(|| {
                    CodeSetError::new(format!("{at}/oid"), CodeSetErrorKind::ListWithoutOid)
                })?;
                let list = match o.get("codes") {
                    Some(list) => codes(list, &format!("{at}/codes"))?,
                    None => Vec::new(),
                };
                self.insert_new(strip_urn(oid), list, &format!("{at}/oid"))
            }
            Value::Object(o) => {
                for (oid, list) in o {
                    let p = format!("{at}/{}", crate::json::escape_pointer_token(oid));
                    self.insert_new(strip_urn(oid), codes(list, &p)?, &p)?;
                }
                Ok(())
            }
            _ => Err(CodeSetError::new(at, CodeSetErrorKind::NotCodeSets)),
        }
    }
}

impl CodeSets {
    /// One list per OID in one input: a second list for the same OID (`urn:oid:` or not)
    /// is an error, never a silent replacement of the first.
    fn insert_new(
        &mut self,
        oid: String,
        list: Vec<CodeOption>,
        at: &str,
    ) -> Result<(), CodeSetError> {
        if self.by_oid.contains_key(&oid) {
            return Err(CodeSetError::new(at, CodeSetErrorKind::GivenTwice { oid }));
        }
        self.by_oid.insert(oid, list);
        Ok(())
    }
}

fn strip_urn(oid: &str) -> String {
    oid.trim().trim_start_matches("urn:oid:").to_string()
}

fn codes(v: &serde_json::Value, at: &str) -> Result<Vec<CodeOption>, CodeSetError> {
    let arr = v
        .as_array()
        .ok_or_else(|| CodeSetError::new(at, CodeSetErrorKind::ListNotArray))?;
    arr.iter()
        .enumerate()
        .map(|(i, c)| {
            let p = format!("{at}/{i}");
            let text = |k: &str| -> Result<Option<String>, CodeSetError> {
                match c.get(k) {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                    Some(_) => Err(CodeSetError::new(
                        format!("{p}/{k}"),
                        CodeSetErrorKind::NotText {
                            member: k.to_string(),
                        },
                    )),
                }
            };
            let date = |k: &str| -> Result<Option<chrono::NaiveDate>, CodeSetError> {
                text(k)?
                    .map(|d| {
                        crate::time::parse_ymd(&d).ok_or_else(|| {
                            CodeSetError::new(
                                format!("{p}/{k}"),
                                CodeSetErrorKind::NotDate { value: d.clone() },
                            )
                        })
                    })
                    .transpose()
            };
            if !c.is_object() {
                return Err(CodeSetError::new(p, CodeSetErrorKind::CodeNotObject));
            }
            let code = text("code")?
                .filter(|c| !c.trim().is_empty())
                .ok_or_else(|| CodeSetError::new(format!("{p}/code"), CodeSetErrorKind::NoCode))?;
            Ok(CodeOption {
                fi: text("fi")?.unwrap_or_else(|| code.clone()),
                sv: text("sv")?.unwrap_or_default(),
                valid_from: date("validFrom")?,
                valid_to: date("validTo")?,
                code,
            })
        })
        .collect()
}

/// The code list of a Koodi field: host list by OID, else the schema's enum with valueSet
/// texts, else the valueSet alone. Empty when none is known (free entry).
pub fn code_options(s: &Structure, id: NodeId, sets: &CodeSets) -> Vec<CodeOption> {
    let n = s.node(id);
    let value_set = &n.meta.value_set_codes;
    let labels_fi: HashMap<&str, &str> = value_set
        .fi
        .iter()
        .map(|(c, t)| (c.as_str(), t.as_str()))
        .collect();
    let labels_sv: HashMap<&str, &str> = value_set
        .sv
        .iter()
        .map(|(c, t)| (c.as_str(), t.as_str()))
        .collect();
    let enum_codes: Option<Vec<String>> = match &n.shape {
        Shape::Parts { parts, .. } => parts
            .iter()
            .find(|p| p.key == "code")
            .and_then(|p| p.scalar.allowed.as_ref())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            }),
        _ => None,
    };
    if let Some(oid) = &n.meta.classification_oid {
        if let Some(list) = sets.by_oid.get(oid) {
            return match &enum_codes {
                Some(allowed) => list
                    .iter()
                    .filter(|o| allowed.contains(&o.code))
                    .cloned()
                    .collect(),
                None => list.clone(),
            };
        }
    }
    let codes: Vec<String> = match enum_codes {
        Some(c) => c,
        None => value_set.fi.iter().map(|x| x.0.clone()).collect(),
    };
    codes
        .into_iter()
        .map(|code| CodeOption {
            valid_from: None,
            valid_to: None,
            fi: labels_fi
                .get(code.as_str())
                .map_or_else(|| code.clone(), |t| t.to_string()),
            sv: labels_sv
                .get(code.as_str())
                .map(|t| t.to_string())
                .unwrap_or_default(),
            code,
        })
        .collect()
}

/// The code system a Koodi stores: the schema's `urn:oid:` pattern or enum, else the OID.
pub fn code_system(s: &Structure, id: NodeId) -> Option<String> {
    let n = s.node(id);
    if let Shape::Parts { parts, .. } = &n.shape {
        if let Some(p) = parts.iter().find(|p| p.key == "system") {
            if let Some(sys) = p.scalar.pattern.as_ref().and_then(|p| p.oid_system()) {
                return Some(sys);
            }
            if let Some(v) = p
                .scalar
                .allowed
                .as_ref()
                .and_then(|a| a.first())
                .and_then(|v| v.as_str())
            {
                return Some(v.to_string());
            }
        }
    }
    let oid = n.meta.classification_oid.as_ref()?;
    oid.chars()
        .all(|c| c.is_ascii_digit() || c == '.')
        .then(|| format!("urn:oid:{oid}"))
}

/// The code options of every Koodi field of `s` (what [`code_options`] gives), computed once.
pub fn code_option_cache(s: &Structure, sets: &CodeSets) -> HashMap<NodeId, Rc<Vec<CodeOption>>> {
    s.ids()
        .filter(|&id| matches!(s.node(id).kind, NodeKind::Field(FieldKind::Code)))
        .map(|id| (id, Rc::new(code_options(s, id, sets))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Host code lists are read strictly: every error names where (ground rule: a typed
    /// error with the JSON pointer) and one OID twice is an error, never a replacement.
    #[test]
    fn code_set_errors_name_the_pointer() {
        let e = CodeSets::from_json(r#"{"oid":"1.2","codes":[{"code":"1","fi":2}]}"#).unwrap_err();
        assert_eq!(e.pointer, "/codes/0/fi");
        assert_eq!(e.to_string(), "\"fi\" must be a string at /codes/0/fi");
        let twice = r#"[{"oid":"1.2","codes":[]},{"oid":"urn:oid:1.2","codes":[]}]"#;
        let e = CodeSets::from_json(twice).unwrap_err();
        assert_eq!(e.kind, CodeSetErrorKind::GivenTwice { oid: "1.2".into() });
        assert_eq!(e.pointer, "/1/oid");
        let e =
            CodeSets::from_json(r#"{"1.2":[{"code":"1","validTo":"31.12.2020"}]}"#).unwrap_err();
        assert_eq!(e.pointer, "/1.2/0/validTo");
        let ok = CodeSets::from_json(r#"{"urn:oid:1.2":[{"code":"1","validTo":"2020-12-31"}]}"#)
            .unwrap();
        let c = &ok.by_oid["1.2"][0];
        assert_eq!(c.fi, "1", "the code stands in for a missing Finnish text");
        let day = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(c.valid_on(day("2020-12-31")) && !c.valid_on(day("2021-01-01")));
    }
}
