//! Issues found in a document. Issues are data, not errors: drafts are incomplete.

use crate::document::DataPath;

/// How serious an issue is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The schema (or a machine rule, or a restriction requirement) rejects the document:
    /// no signed-ready bundle.
    Error,
    /// Allowed by the schema but probably wrong, or a prose rule to check by hand.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Issue {
    /// JSON Pointer into the document; for a missing property, where it should be.
    pub pointer: String,
    /// The typed path (for focusing a field in the editor).
    pub path: DataPath,
    /// What is wrong.
    pub kind: IssueKind,
}

impl Issue {
    /// The severity, fixed by the kind.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// What is wrong. Each variant has a stable [`IssueKind::code`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IssueKind {
    /// Occurs when a required field or group is absent from a group that is present.
    MissingRequired,
    /// Occurs when a repeatable node has fewer items than `minItems`.
    TooFewItems {
        /// `minItems`.
        min: u64,
        /// Items present.
        found: usize,
    },
    /// Occurs when a text is shorter than `minLength`.
    TooShort {
        /// `minLength`.
        min: u64,
    },
    /// Occurs when a text does not match the schema's `pattern` (partial date, zoned time,
    /// `urn:oid:` code system, …).
    PatternMismatch {
        /// The representation the pattern belongs to, e.g. `Pvm`, or the part name.
        what: String,
        /// The pattern.
        pattern: String,
    },
    /// Occurs when a value is not one of the schema's `enum` values.
    NotAllowed {
        /// The allowed values, as JSON.
        allowed: Vec<String>,
    },
    /// Occurs when a fixed phrase (Fraasi) was changed.
    PhraseChanged,
    /// Occurs when a value has the wrong JSON type.
    WrongType {
        /// Expected type.
        expected: &'static str,
        /// Found type.
        found: &'static str,
    },
    /// Occurs when the document holds a property the structure does not know.
    UnknownProperty {
        /// The property name.
        key: String,
    },
    /// Occurs when JSON nesting is too deep to be a document of any structure.
    TooDeep,
    /// Warning: a text is empty or only whitespace.
    BlankText,
    /// Warning: an identifier (Tunnus) has an empty value.
    EmptyIdentifier,
    /// Warning: a date that matches the pattern but is not a calendar date (e.g. 2026-02-31).
    ImpossibleDate,
    /// Warning: a point in time (Hetki) without a time of day and zone.
    InstantWithoutTime,
    /// Warning: a henkilötunnus that fails its check (format, century sign, date,
    /// individual number, check character). Its holder's age counts as unknown, which
    /// makes the guardian mark required (restrict::client_age). Not an error: the schema
    /// does not check it.
    InvalidHetu {
        /// What fails.
        reason: crate::hetu::HetuError,
    },
    /// Warning: a conditionally required field is empty; its condition is prose only.
    ConditionallyRequired {
        /// The structure's implementation note (fi), which states the condition.
        note_fi: Option<String>,
        /// The note in Swedish, when the structure has one.
        note_sv: Option<String>,
    },
    /// A machine-readable rule requires this field here.
    RuleRequired {
        /// The rule's note, if it has one.
        note: Option<String>,
    },
    /// A machine-readable rule requires one of these fields here.
    RuleOneOfRequired {
        /// Key paths of the fields.
        fields: Vec<String>,
        /// The rule's note, if it has one.
        note: Option<String>,
    },
    /// Warning: a field a rule hides has a value; it will not be shown.
    HiddenHasValue,
    /// Warning: a text holds a character the display form cannot show (a control character
    /// XML forbids: it is kept in the structured form and shown as U+FFFD) or a bidirectional
    /// override that can make the shown text read differently from what is stored.
    UnsafeCharacter {
        /// The first such character's code point.
        code_point: u32,
    },
}

/// True for characters a text field should not carry unnoticed: XML-forbidden controls
/// (C0 except tab, line feed, carriage return; U+FFFE, U+FFFF) and bidi overrides /
/// isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe_char(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || u == 0xFFFE
        || u == 0xFFFF
        || (0x202A..=0x202E).contains(&u)
        || (0x2066..=0x2069).contains(&u)
}

impl IssueKind {
    /// Stable machine code, used in `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            IssueKind::MissingRequired => "required",
            IssueKind::TooFewItems { .. } => "min-items",
            IssueKind::TooShort { .. } => "min-length",
            IssueKind::PatternMismatch { .. } => "pattern",
            IssueKind::NotAllowed { .. } => "enum",
            IssueKind::PhraseChanged => "phrase",
            IssueKind::WrongType { .. } => "type",
            IssueKind::UnknownProperty { .. } => "unknown-property",
            IssueKind::TooDeep => "too-deep",
            IssueKind::BlankText => "blank-text",
            IssueKind::EmptyIdentifier => "empty-identifier",
            IssueKind::ImpossibleDate => "impossible-date",
            IssueKind::InstantWithoutTime => "instant-without-time",
            IssueKind::InvalidHetu { .. } => "invalid-hetu",
            IssueKind::ConditionallyRequired { .. } => "conditional-required",
            IssueKind::RuleRequired { .. } => "rule-required",
            IssueKind::RuleOneOfRequired { .. } => "rule-one-of-required",
            IssueKind::HiddenHasValue => "hidden-has-value",
            IssueKind::UnsafeCharacter { .. } => "unsafe-character",
        }
    }

    /// Error for what the schema or a machine rule rejects; warning otherwise.
    pub fn severity(&self) -> Severity {
        match self {
            IssueKind::BlankText
            | IssueKind::EmptyIdentifier
            | IssueKind::ImpossibleDate
            | IssueKind::InstantWithoutTime
            | IssueKind::InvalidHetu { .. }
            | IssueKind::ConditionallyRequired { .. }
            | IssueKind::HiddenHasValue
            | IssueKind::UnsafeCharacter { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// The result of validating a document: every issue, errors and warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// All issues in document order (rule findings after schema findings).
    pub issues: Vec<Issue>,
}

impl Report {
    /// True when some issue is an error.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity() == Severity::Error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity() == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity() == Severity::Warning)
    }

    /// Issues whose pointer is `pointer` or below it.
    pub fn at<'a>(&'a self, pointer: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| {
            i.pointer == pointer
                || (i.pointer.starts_with(pointer)
                    && i.pointer.as_bytes().get(pointer.len()) == Some(&b'/'))
        })
    }
}
