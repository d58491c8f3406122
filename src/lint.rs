//! Structure-author findings (`sosmeta lint`): what is wrong or incomplete in a structure.
//! Pure; reads only the parsed model and the rules overlay.

use std::collections::HashMap;
use std::fmt;

use crate::lang::LangText;
use crate::model::{NodeKind, NodeMeta, ParseWarningKind, Structure};
use crate::validate::Rules;

/// One lint finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// JSON Pointer into the structure file.
    pub pointer: String,
    /// What was found.
    pub kind: FindingKind,
}

/// What a lint finding is about.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// A Finnish text has no Swedish version.
    MissingSwedish {
        /// The sosmeta key, e.g. `name`.
        key: &'static str,
    },
    /// The Swedish text is the Finnish text copied.
    CopiedSwedish {
        /// The sosmeta key.
        key: &'static str,
    },
    /// A conditionally required field has no machine rule; its condition is prose only.
    ConditionalWithoutRule {
        /// The Finnish implementation note, if any.
        note: Option<String>,
    },
    /// A conditional node's prose could not be read as a rule
    /// (`crate::validate::derive`): it stays a warning until a rules file covers it.
    ProseNotRead {
        /// Why (no known sentence, a name that resolves to nothing, …).
        reason: crate::validate::derive::UnreadReason,
    },
    /// Two nodes share a rowNumber.
    DuplicateRowNumber {
        /// The number.
        row: u32,
        /// The other node's pointer.
        other: String,
    },
    /// A required field or group sits in a hiddenField group.
    RequiredInHiddenGroup,
    /// A rule can hide a field the schema requires: it would still block archiving.
    RuleHidesRequired,
    /// A parse warning (unknown representation, unknown keyword, mismatches, …).
    Parse(ParseWarningKind),
}

impl FindingKind {
    /// Stable code for machine output.
    pub fn code(&self) -> &'static str {
        match self {
            FindingKind::MissingSwedish { .. } => "missing-sv",
            FindingKind::CopiedSwedish { .. } => "copied-sv",
            FindingKind::ConditionalWithoutRule { .. } => "conditional-without-rule",
            FindingKind::ProseNotRead { .. } => "prose-not-read",
            FindingKind::DuplicateRowNumber { .. } => "duplicate-row-number",
            FindingKind::RequiredInHiddenGroup => "required-in-hidden-group",
            FindingKind::RuleHidesRequired => "rule-hides-required",
            FindingKind::Parse(ParseWarningKind::UnknownRepresentation { .. }) => {
                "unknown-representation"
            }
            FindingKind::Parse(_) => "parse-warning",
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FindingKind::MissingSwedish { key } => write!(f, "'{key}' has no Swedish text")?,
            FindingKind::CopiedSwedish { key } => {
                write!(f, "Swedish '{key}' is a copy of the Finnish text")?
            }
            FindingKind::ConditionalWithoutRule { note } => {
                write!(f, "conditionally required without a machine rule")?;
                if let Some(n) = note {
                    write!(f, " (note: {})", n.lines().next().unwrap_or("").trim())?;
                }
            }
            FindingKind::ProseNotRead { reason } => write!(
                f,
                "the condition's prose could not be read as a rule: {reason}"
            )?,
            FindingKind::DuplicateRowNumber { row, other } => {
                write!(f, "rowNumber {row} is also used at {other}")?
            }
            FindingKind::RequiredInHiddenGroup => {
                write!(f, "required node inside a hiddenField group")?
            }
            FindingKind::RuleHidesRequired => {
                write!(f, "a hiddenWhen rule can hide this schema-required field")?
            }
            FindingKind::Parse(k) => {
                let w = crate::model::ParseWarning {
                    pointer: String::new(),
                    kind: k.clone(),
                };
                let text = w.to_string();
                write!(f, "{}", text.trim_end_matches(" at /"))?;
            }
        }
        write!(f, " at {}", crate::model::display_pointer(&self.pointer))
    }
}

/// The texts of a node that should exist in Finnish and Swedish, by sosmeta key.
pub fn translatable_texts(m: &NodeMeta) -> [(&'static str, &LangText); 7] {
    [
        ("name", &m.name),
        ("title", &m.title),
        ("description", &m.description),
        ("example", &m.example),
        ("implementationNote", &m.implementation_note),
        ("valueSet", &m.value_set),
        ("phrase", &m.phrase),
    ]
}

/// What is wrong with one text's Swedish version: missing, or the Finnish text copied.
pub fn translation_finding(key: &'static str, t: &LangText) -> Option<FindingKind> {
    match (&t.fi, &t.sv) {
        (Some(_), None) => Some(FindingKind::MissingSwedish { key }),
        (Some(fi), Some(sv))
            if fi.trim() == sv.trim() && fi.chars().filter(|c| c.is_alphabetic()).count() > 3 =>
        {
            Some(FindingKind::CopiedSwedish { key })
        }
        _ => None,
    }
}

/// Lints a structure, with the rules overlay for coverage.
pub fn lint(s: &Structure, rules: &Rules) -> Vec<Finding> {
    let mut out = Vec::new();
    for w in s.warnings() {
        out.push(Finding {
            pointer: w.pointer.clone(),
            kind: FindingKind::Parse(w.kind.clone()),
        });
    }
    let mut rows: HashMap<u32, String> = HashMap::new();
    let covered = rules.sources();
    for id in s.ids().skip(1) {
        let n = s.node(id);
        let p = n.schema_pointer.clone();
        for (key, text) in translatable_texts(&n.meta) {
            if let Some(kind) = translation_finding(key, text) {
                out.push(Finding {
                    pointer: p.clone(),
                    kind,
                });
            }
        }
        if n.meta.conditional_required && !covered.contains_key(&id) {
            out.push(Finding {
                pointer: p.clone(),
                kind: FindingKind::ConditionalWithoutRule {
                    note: n.meta.implementation_note.fi.clone(),
                },
            });
        }
        if let Some(row) = n.meta.row_number {
            if let Some(other) = rows.get(&row) {
                out.push(Finding {
                    pointer: p.clone(),
                    kind: FindingKind::DuplicateRowNumber {
                        row,
                        other: other.clone(),
                    },
                });
            } else {
                rows.insert(row, p.clone());
            }
        }
        if n.required {
            if let Some(parent) = n.parent {
                let pn = s.node(parent);
                if pn.kind == NodeKind::Group && pn.meta.hidden_field {
                    out.push(Finding {
                        pointer: p.clone(),
                        kind: FindingKind::RequiredInHiddenGroup,
                    });
                }
            }
        }
    }
    // Prose the translator could not read, and why (names it could not resolve too).
    for u in crate::validate::derive::derive_rules(s).unread {
        out.push(Finding {
            pointer: s.node(u.node).schema_pointer.clone(),
            kind: FindingKind::ProseNotRead { reason: u.reason },
        });
    }
    for id in rules.hideable() {
        if s.node(id).required {
            out.push(Finding {
                pointer: s.node(id).schema_pointer.clone(),
                kind: FindingKind::RuleHidesRequired,
            });
        }
    }
    out
}
