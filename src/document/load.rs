//! JSON → [`Document`], reporting every shape problem with its pointer.

use std::fmt;

use serde_json::Value;

use super::*;
use crate::model::{JsonType, NodeKind, Shape};

/// Shape problems kept per load; more are counted, not listed (hostile input).
const MAX_PROBLEMS: usize = 1000;
/// Deepest JSON nesting accepted in a document.
const MAX_DEPTH: usize = 128;

/// A document that cannot be loaded as it is.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The text is not strict JSON: a syntax error, a duplicate key (both places named), a
    /// number that cannot be kept exactly, a byte order mark, or over the size limits.
    Json {
        /// What the strict reader found (line, column, pointer).
        error: crate::json::JsonError,
    },
    /// The JSON does not fit the structure: every problem, with its pointer.
    Shape {
        /// The problems found, in document order.
        problems: Vec<ShapeProblem>,
    },
}

/// A value that does not fit the structure.
#[derive(Clone, Debug, PartialEq)]
pub struct ShapeProblem {
    /// JSON Pointer of the value in the document.
    pub pointer: String,
    /// The nearest typed path (the value's node, or its parent for unknown keys).
    pub path: DataPath,
    /// What is wrong.
    pub kind: ShapeProblemKind,
}

/// What is wrong with a value's shape.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub enum ShapeProblemKind {
    /// Occurs when a property is not in the structure (`additionalProperties: false`).
    UnknownProperty {
        /// The property name.
        key: String,
    },
    /// Occurs when a value has the wrong JSON type.
    WrongType {
        /// The type the structure wants.
        expected: &'static str,
        /// The type found.
        found: &'static str,
    },
    /// Occurs when nesting is deeper than accepted.
    TooDeep,
    /// Occurs when a number cannot be kept exactly (see [`crate::json::canonical_number`]).
    NumberOutOfRange {
        /// The number as given.
        text: String,
    },
    /// Occurs when more problems were found than are listed.
    TooManyProblems,
}

impl fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ShapeProblemKind::UnknownProperty { key } => write!(f, "unknown property '{key}'")?,
            ShapeProblemKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")?
            }
            ShapeProblemKind::TooDeep => write!(f, "nesting deeper than {MAX_DEPTH} levels")?,
            ShapeProblemKind::NumberOutOfRange { text } => write!(
                f,
                "number {text} cannot be kept exactly (longer than {} characters written out)",
                crate::json::MAX_NUMBER_CHARS
            )?,
            ShapeProblemKind::TooManyProblems => write!(f, "more than {MAX_PROBLEMS} problems")?,
        }
        write!(f, " at {}", crate::model::display_pointer(&self.pointer))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Json { error } => write!(f, "{error}"),
            LoadError::Shape { problems } => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

pub(super) fn load_str(s: &Structure, text: &str) -> Result<Document, LoadError> {
    let v: Value = crate::json::parse(text).map_err(|e| LoadError::Json { error: e })?;
    load_value(s, &v)
}

pub(super) fn load_value(s: &Structure, v: &Value) -> Result<Document, LoadError> {
    let mut l = Loader {
        s,
        problems: Vec::new(),
    };
    let top = l.group(s.root(), v, &mut String::new(), &mut DataPath::root(), 0);
    if l.problems.is_empty() {
        Ok(Document {
            top: top.unwrap_or_default(),
        })
    } else {
        Err(LoadError::Shape {
            problems: l.problems,
        })
    }
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

struct Loader<'a> {
    s: &'a Structure,
    problems: Vec<ShapeProblem>,
}

impl Loader<'_> {
    fn problem(&mut self, pointer: &str, path: &DataPath, kind: ShapeProblemKind) {
        if self.problems.len() == MAX_PROBLEMS {
            self.problems.push(ShapeProblem {
                pointer: String::new(),
                path: DataPath::root(),
                kind: ShapeProblemKind::TooManyProblems,
            });
        }
        if self.problems.len() > MAX_PROBLEMS {
            return;
        }
        self.problems.push(ShapeProblem {
            pointer: pointer.to_string(),
            path: path.clone(),
            kind,
        });
    }

    /// The group at `ptr` / `path` (both grown and put back per key: no copy per field).
    fn group(
        &mut self,
        id: NodeId,
        v: &Value,
        ptr: &mut String,
        path: &mut DataPath,
        depth: usize,
    ) -> Option<Group> {
        let Some(obj) = v.as_object() else {
            self.problem(
                ptr,
                path,
                ShapeProblemKind::WrongType {
                    expected: "object",
                    found: type_name(v),
                },
            );
            return None;
        };
        if depth > MAX_DEPTH {
            self.problem(ptr, path, ShapeProblemKind::TooDeep);
            return None;
        }
        let closed = matches!(self.s.node(id).shape, Shape::Group { closed: true });
        let mut g = Group::default();
        for (key, value) in obj {
            let len = ptr.len();
            ptr.push('/');
            super::path::push_escaped(ptr, key);
            match self.s.child_by_key(id, key) {
                Some(child) => {
                    path.0.push(PathToken::Node(child));
                    let e = self.entry(child, value, ptr, path, depth + 1);
                    path.0.pop();
                    if let Some(e) = e {
                        // Keys are unique (crate::json), so each child comes once.
                        g.entries.push((child, e));
                    }
                }
                None if closed => self.problem(
                    ptr,
                    path,
                    ShapeProblemKind::UnknownProperty { key: key.clone() },
                ),
                None => g.extra.push((key.clone(), value.clone())),
            }
            ptr.truncate(len);
        }
        g.entries.sort_unstable_by_key(|(n, _)| *n);
        Some(g)
    }

    fn entry(
        &mut self,
        id: NodeId,
        v: &Value,
        ptr: &mut String,
        path: &mut DataPath,
        depth: usize,
    ) -> Option<Entry> {
        if self.s.node(id).repeat.is_none() {
            return self.item(id, v, ptr, path, depth).map(Entry::One);
        }
        let Some(arr) = v.as_array() else {
            self.problem(
                ptr,
                path,
                ShapeProblemKind::WrongType {
                    expected: "array",
                    found: type_name(v),
                },
            );
            return None;
        };
        let mut items = Vec::with_capacity(arr.len());
        for (i, iv) in arr.iter().enumerate() {
            let len = ptr.len();
            {
                use std::fmt::Write;
                let _ = write!(ptr, "/{i}");
            }
            path.0.push(PathToken::Index(i));
            let it = self.item(id, iv, ptr, path, depth + 1);
            path.0.pop();
            if let Some(it) = it {
                items.push(it);
            }
            ptr.truncate(len);
        }
        Some(Entry::Many(items))
    }

    fn item(
        &mut self,
        id: NodeId,
        v: &Value,
        ptr: &mut String,
        path: &mut DataPath,
        depth: usize,
    ) -> Option<Item> {
        let node = self.s.node(id);
        match (&node.kind, &node.shape) {
            (NodeKind::Group, _) => self.group(id, v, ptr, path, depth).map(Item::Group),
            (_, Shape::Parts { parts, closed }) => {
                let Some(obj) = v.as_object() else {
                    self.problem(
                        ptr,
                        path,
                        ShapeProblemKind::WrongType {
                            expected: "object",
                            found: type_name(v),
                        },
                    );
                    return None;
                };
                let mut out = Parts::default();
                for (key, pv) in obj {
                    let len = ptr.len();
                    ptr.push('/');
                    super::path::push_escaped(ptr, key);
                    match parts.iter().position(|p| &p.key == key) {
                        Some(i) => {
                            if let Some(pl) = self.plain(parts[i].scalar.json_type, pv, ptr, path) {
                                out.values.push((i as u16, pl));
                            }
                        }
                        None if *closed => self.problem(
                            ptr,
                            path,
                            ShapeProblemKind::UnknownProperty { key: key.clone() },
                        ),
                        None => out.extra.push((key.clone(), pv.clone())),
                    }
                    ptr.truncate(len);
                }
                out.values.sort_by_key(|(i, _)| *i);
                Some(Item::Parts(out))
            }
            (_, Shape::Scalar(sc)) => self.plain(sc.json_type, v, ptr, path).map(Item::Plain),
            (_, Shape::Group { .. }) => self.group(id, v, ptr, path, depth).map(Item::Group),
        }
    }

    fn plain(&mut self, t: JsonType, v: &Value, ptr: &str, path: &DataPath) -> Option<Plain> {
        let ok = match (t, v) {
            (JsonType::String, Value::String(s)) => Some(Plain::Text(s.clone())),
            (JsonType::Boolean, Value::Bool(b)) => Some(Plain::Bool(*b)),
            (JsonType::Number | JsonType::Integer, Value::Number(n)) => {
                // Stored in the canonical spelling (crate::json): exact, one way to write it.
                // Numbers from crate::json are canonical already: kept as they are, not
                // spelled out and read again.
                let text = n.to_string();
                match crate::json::canonical_number(&text) {
                    Some(c) if t == JsonType::Integer && c.contains('.') => None,
                    Some(c) if c == text => Some(Plain::Number(n.clone())),
                    Some(c) => crate::json::number(&c).map(Plain::Number),
                    None => {
                        self.problem(ptr, path, ShapeProblemKind::NumberOutOfRange { text });
                        return None;
                    }
                }
            }
            _ => None,
        };
        if ok.is_none() {
            self.problem(
                ptr,
                path,
                ShapeProblemKind::WrongType {
                    expected: t.name(),
                    found: type_name(v),
                },
            );
        }
        ok
    }
}
