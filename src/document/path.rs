//! Typed paths into a document. Rendered as JSON Pointer only at the edges.

use std::fmt;

use crate::model::{unescape_pointer_token, NodeId, Shape, Structure};

/// One step of a [`DataPath`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathToken {
    /// Into a child node (a property of a group).
    Node(NodeId),
    /// Into an item of a repeatable node.
    Index(usize),
    /// Into a part of an object-shaped field (index into its parts).
    Part(u16),
}

/// A path from the document's top to a value, e.g. `asiakas / 0 / henkilotunnus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DataPath(pub Vec<PathToken>);

/// A path is looked up in a map by a slice of its tokens (e.g. an ancestor's, without
/// copying it): the derived `Hash` and `Eq` of the one-field struct are the slice's.
impl std::borrow::Borrow<[PathToken]> for DataPath {
    fn borrow(&self) -> &[PathToken] {
        &self.0
    }
}

impl DataPath {
    /// The empty path (the whole document).
    pub fn root() -> DataPath {
        DataPath(Vec::new())
    }

    /// This path extended by one token.
    pub fn child(&self, t: PathToken) -> DataPath {
        let mut v = Vec::with_capacity(self.0.len() + 1);
        v.extend_from_slice(&self.0);
        v.push(t);
        DataPath(v)
    }

    /// The last node token, if any.
    pub fn last_node(&self) -> Option<NodeId> {
        self.0.iter().rev().find_map(|t| match t {
            PathToken::Node(n) => Some(*n),
            _ => None,
        })
    }

    /// Renders the path as a JSON Pointer using the structure's property names.
    pub fn to_pointer(&self, s: &Structure) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(16 * self.0.len());
        let mut last = None;
        for t in &self.0 {
            out.push('/');
            match t {
                PathToken::Node(n) => {
                    push_escaped(&mut out, &s.node(*n).key);
                    last = Some(*n);
                }
                PathToken::Index(i) => {
                    let _ = write!(out, "{i}");
                }
                PathToken::Part(p) => {
                    let key = last.and_then(|n| match &s.node(n).shape {
                        Shape::Parts { parts, .. } => {
                            parts.get(*p as usize).map(|x| x.key.as_str())
                        }
                        _ => None,
                    });
                    push_escaped(&mut out, key.unwrap_or("?"));
                }
            }
        }
        out
    }

    /// Parses a JSON Pointer (with indexes) into a typed path. `None` when it names
    /// something the structure does not have.
    pub fn from_pointer(s: &Structure, pointer: &str) -> Option<DataPath> {
        let mut out = DataPath::root();
        let mut at = s.root();
        if pointer.is_empty() {
            return Some(out);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut expect_index = false;
        let mut in_parts = false;
        for raw in rest.split('/') {
            let tok = unescape_pointer_token(raw);
            if in_parts {
                return None;
            }
            if expect_index {
                out.0.push(PathToken::Index(tok.parse().ok()?));
                expect_index = false;
                continue;
            }
            if let Shape::Parts { parts, .. } = &s.node(at).shape {
                if at != s.root() && out.last_node() == Some(at) {
                    let i = parts.iter().position(|p| p.key == tok)?;
                    out.0.push(PathToken::Part(i as u16));
                    in_parts = true;
                    continue;
                }
            }
            let child = s.child_by_key(at, &tok)?;
            out.0.push(PathToken::Node(child));
            at = child;
            expect_index = s.node(child).repeat.is_some();
        }
        Some(out)
    }
}

impl fmt::Display for DataPath {
    /// Debug-style rendering without a structure: node ids and indexes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for t in &self.0 {
            match t {
                PathToken::Node(n) => write!(f, "/#{}", n.0)?,
                PathToken::Index(i) => write!(f, "/{i}")?,
                PathToken::Part(p) => write!(f, "/.{p}")?,
            }
        }
        Ok(())
    }
}

/// The JSON Pointer of node `child` under the item or group at `parent_pointer` (what
/// `to_pointer` gives for the child path, without walking the whole path again).
pub fn child_pointer(s: &Structure, parent_pointer: &str, child: NodeId) -> String {
    let key = &s.node(child).key;
    let mut out = String::with_capacity(parent_pointer.len() + key.len() + 1);
    out.push_str(parent_pointer);
    out.push('/');
    push_escaped(&mut out, key);
    out
}

/// Appends `s` escaped as a JSON Pointer token, without an intermediate string.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    if !s.contains(['~', '/']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}
