//! Errors and warnings from reading a Sosmeta structure.

use std::fmt;

/// A structure that cannot be used. Carries the JSON Pointer of the offending schema node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// JSON Pointer into the structure file (`""` is the whole file).
    pub pointer: String,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// What made a structure unusable.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Occurs when the input is not strict JSON: a syntax error, a duplicate key, a number
    /// that cannot be kept exactly, a byte order mark or an input over the size limits.
    Json {
        /// What the strict reader found (line, column, pointer).
        error: crate::json::JsonError,
    },
    /// Occurs when a schema node is not a JSON object.
    NotAnObject,
    /// Occurs when the root has no `sosmeta` block, so this is not a Sosmeta export.
    NotSosmeta,
    /// Occurs when a required keyword is missing, e.g. `type` or the root `sosmeta.oid`.
    MissingKeyword {
        /// The keyword.
        keyword: String,
    },
    /// Occurs when a keyword has a value of the wrong JSON type.
    BadKeyword {
        /// The keyword.
        keyword: String,
        /// What was expected, e.g. `a string`.
        expected: &'static str,
    },
    /// Occurs when the root does not hold exactly one document property.
    RootProperties {
        /// How many properties the root has.
        count: usize,
    },
    /// Occurs when a node's `type` is not one of object, array, string, number, integer, boolean.
    UnsupportedType {
        /// The type as written.
        found: String,
    },
    /// Occurs when a `required` entry names a property that does not exist.
    UnknownRequired {
        /// The missing property name.
        name: String,
    },
    /// Occurs when a `pattern` is not a valid regular expression.
    BadPattern {
        /// The pattern.
        pattern: String,
        /// The regex engine's message.
        message: String,
    },
    /// Occurs when an object-shaped field (Koodi, Tunnus, Määrä, …) has a nested object or array part.
    NestedPart {
        /// The part's name.
        part: String,
    },
    /// Occurs when `sosmeta.oid` is not a dotted-decimal OID (see [`super::is_oid`]): it
    /// becomes the archived document's `contentSpecificationId`.
    BadOid {
        /// The value as written.
        oid: String,
    },
    /// Occurs when nesting is deeper than the parser accepts (hostile input).
    TooDeep {
        /// The depth limit.
        limit: usize,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ParseErrorKind::Json { error } => write!(f, "{error}")?,
            ParseErrorKind::NotAnObject => write!(f, "schema node is not a JSON object")?,
            ParseErrorKind::NotSosmeta => write!(
                f,
                "not a Sosmeta structure: the root has no 'sosmeta' block"
            )?,
            ParseErrorKind::MissingKeyword { keyword } => write!(f, "missing keyword '{keyword}'")?,
            ParseErrorKind::BadKeyword { keyword, expected } => {
                write!(f, "keyword '{keyword}' must be {expected}")?
            }
            ParseErrorKind::RootProperties { count } => write!(
                f,
                "the root must hold exactly one document property, found {count}"
            )?,
            ParseErrorKind::UnsupportedType { found } => write!(f, "unsupported type '{found}'")?,
            ParseErrorKind::UnknownRequired { name } => {
                write!(f, "'required' names '{name}', which is not a property")?
            }
            ParseErrorKind::BadPattern { pattern, message } => {
                write!(f, "invalid pattern '{pattern}': {message}")?
            }
            ParseErrorKind::NestedPart { part } => write!(
                f,
                "part '{part}' of an object-shaped field must be a plain value"
            )?,
            ParseErrorKind::TooDeep { limit } => write!(f, "nesting deeper than {limit} levels")?,
            ParseErrorKind::BadOid { oid } => write!(
                f,
                "structure OID '{}' is not a dotted-decimal OID (it identifies the archived document's structure)",
                oid.escape_debug()
            )?,
        }
        if !matches!(self.kind, ParseErrorKind::Json { .. }) {
            write!(f, " at {}", display_pointer(&self.pointer))?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// A structure whose text is not strict JSON: the reader's error, at its pointer.
impl From<crate::json::JsonError> for ParseError {
    fn from(error: crate::json::JsonError) -> ParseError {
        ParseError {
            pointer: error.pointer.clone(),
            kind: ParseErrorKind::Json { error },
        }
    }
}

pub use crate::json::display_pointer;

/// Something in a structure that is usable but not understood fully. Kept in the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseWarning {
    /// JSON Pointer of the schema node.
    pub pointer: String,
    /// What was noticed.
    pub kind: ParseWarningKind,
}

/// What a parse warning is about.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseWarningKind {
    /// Occurs when a schema node uses a keyword that is not a draft-07 assertion (an
    /// annotation such as `default`, or a vendor extension): nothing to evaluate.
    UnknownKeyword {
        /// The keyword.
        keyword: String,
    },
    /// Occurs when a schema node uses a draft-07 assertion this version does not evaluate
    /// (`maxLength`, `const`, `minimum`, `oneOf`, `format`, …). Documents are then not fully
    /// checked, so no signed-ready bundle is made for the structure.
    UnevaluatedKeyword {
        /// The keyword.
        keyword: String,
    },
    /// Occurs when a `sosmeta` block has a key this version does not know.
    UnknownSosmetaKey {
        /// The key.
        key: String,
    },
    /// Occurs when the representation is not one of the fifteen Sosmeta representations.
    UnknownRepresentation {
        /// The representation as written.
        representation: String,
    },
    /// Occurs when a field has no representation; its kind is guessed from the JSON type.
    MissingRepresentation,
    /// Occurs when the representation does not fit the JSON type (e.g. Kytkin on a string).
    RepresentationMismatch {
        /// The representation.
        representation: String,
        /// The JSON type.
        json_type: String,
    },
    /// Occurs when `sosmeta.required` disagrees with the parent's `required` array.
    RequiredMismatch {
        /// The value of `sosmeta.required`.
        sosmeta: bool,
        /// Whether the parent's `required` array names the node.
        schema: bool,
    },
    /// Occurs when `sosmeta.repeatable` disagrees with `type: array`.
    RepeatableMismatch {
        /// The value of `sosmeta.repeatable`.
        sosmeta: bool,
    },
    /// Occurs when an object does not set `additionalProperties: false` (it is then open).
    OpenObject,
}

impl fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ParseWarningKind::UnknownKeyword { keyword } => {
                write!(f, "keyword '{keyword}' is not an assertion; ignored")?
            }
            ParseWarningKind::UnevaluatedKeyword { keyword } => write!(
                f,
                "draft-07 keyword '{keyword}' is not evaluated: documents are not checked against it and no signed-ready bundle is made"
            )?,
            ParseWarningKind::UnknownSosmetaKey { key } => {
                write!(f, "unknown sosmeta key '{key}'")?
            }
            ParseWarningKind::UnknownRepresentation { representation } => {
                write!(f, "unknown representation '{representation}'")?
            }
            ParseWarningKind::MissingRepresentation => write!(f, "field has no representation")?,
            ParseWarningKind::RepresentationMismatch {
                representation,
                json_type,
            } => write!(
                f,
                "representation '{representation}' does not fit type '{json_type}'"
            )?,
            ParseWarningKind::RequiredMismatch { sosmeta, schema } => write!(
                f,
                "sosmeta.required is {sosmeta} but the schema's required array says {schema}"
            )?,
            ParseWarningKind::RepeatableMismatch { sosmeta } => write!(
                f,
                "sosmeta.repeatable is {sosmeta} but the schema type says {}",
                !sosmeta
            )?,
            ParseWarningKind::OpenObject => write!(f, "object allows additional properties")?,
        }
        write!(f, " at {}", display_pointer(&self.pointer))
    }
}
