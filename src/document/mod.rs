//! The filled-in document (fi. *asiakasasiakirja*): typed values per field kind.
//!
//! Loading checks shapes (types, unknown properties) and reports every problem with its
//! JSON Pointer; nothing is trimmed or dropped. Writing back ([`Document::to_canonical_json`])
//! and loading again gives the same document. Constraint checks (required, patterns, …)
//! live in `validate`, not here. No Yew here.

mod diff;
mod edit;
mod json;
mod load;
mod path;
mod prepare;
mod sample;

pub use crate::model::{escape_pointer_token, unescape_pointer_token};
pub use diff::{diff, Change};
pub use edit::{Edit, EditError, EditErrorKind};
pub use json::write_canonical_json;
pub use load::{LoadError, ShapeProblem, ShapeProblemKind};
pub use path::{child_pointer, DataPath, PathToken};
pub use sample::{sample_document, sample_item, SampleMode};

use crate::model::{NodeId, Structure};

/// A filled-in document for one structure.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Document {
    /// The top-level JSON object: holds the document node.
    pub top: Group,
}

/// The values of a data group, in the structure's child order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Group {
    /// Present children, sorted by node id (one entry per node; lookups are binary
    /// searches, so loading and validating stay linear in a group's width). Writers
    /// follow the structure's child order, not this one.
    pub entries: Vec<(NodeId, Entry)>,
    /// Properties kept from an open object (`additionalProperties` not false). Empty for
    /// every real Sosmeta structure.
    pub extra: Vec<(String, serde_json::Value)>,
}

/// A present child: one value, or the items of a repeatable node.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// A non-repeatable node's value.
    One(Item),
    /// A repeatable node's items (possibly empty).
    Many(Vec<Item>),
}

/// One value of a node.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A data group.
    Group(Group),
    /// A plain value.
    Plain(Plain),
    /// The parts of an object-shaped field (Koodi, Tunnus, Määrä, …).
    Parts(Parts),
}

/// The present parts of an object-shaped field.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Parts {
    /// (part index, value), sorted by part index.
    pub values: Vec<(u16, Plain)>,
    /// Properties kept from an open object.
    pub extra: Vec<(String, serde_json::Value)>,
}

/// A plain JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Plain {
    /// A string.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// A number, exactly as read.
    Number(serde_json::Number),
}

impl Plain {
    /// The string, when this is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Plain::Text(s) => Some(s),
            _ => None,
        }
    }

    /// As a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Plain::Text(s) => serde_json::Value::String(s.clone()),
            Plain::Bool(b) => serde_json::Value::Bool(*b),
            Plain::Number(n) => serde_json::Value::Number(n.clone()),
        }
    }
}

impl Group {
    /// The entry of a child node.
    pub fn get(&self, id: NodeId) -> Option<&Entry> {
        self.entries
            .binary_search_by_key(&id, |(n, _)| *n)
            .ok()
            .map(|i| &self.entries[i].1)
    }

    /// True when the Kytkin `id` is present and on.
    pub fn switch_on(&self, id: NodeId) -> bool {
        matches!(
            self.get(id),
            Some(Entry::One(Item::Plain(Plain::Bool(true))))
        )
    }

    /// True when nothing is present.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.extra.is_empty()
    }

    pub(crate) fn get_mut(&mut self, id: NodeId) -> Option<&mut Entry> {
        self.entries
            .binary_search_by_key(&id, |(n, _)| *n)
            .ok()
            .map(|i| &mut self.entries[i].1)
    }

    /// Inserts or replaces a child's entry, keeping the entries sorted.
    pub(crate) fn put(&mut self, id: NodeId, entry: Entry) {
        match self.entries.binary_search_by_key(&id, |(n, _)| *n) {
            Ok(i) => self.entries[i].1 = entry,
            Err(i) => self.entries.insert(i, (id, entry)),
        }
    }

    pub(crate) fn remove(&mut self, id: NodeId) -> Option<Entry> {
        let i = self.entries.binary_search_by_key(&id, |(n, _)| *n).ok()?;
        Some(self.entries.remove(i).1)
    }
}

impl Parts {
    /// The value of part `index`.
    pub fn get(&self, index: u16) -> Option<&Plain> {
        self.values
            .iter()
            .find(|(i, _)| *i == index)
            .map(|(_, v)| v)
    }

    /// The value of the part named `key` (looked up in the node's shape).
    pub fn by_key<'a>(&'a self, s: &Structure, node: NodeId, key: &str) -> Option<&'a Plain> {
        match &s.node(node).shape {
            crate::model::Shape::Parts { parts, .. } => {
                let i = parts.iter().position(|p| p.key == key)?;
                self.get(i as u16)
            }
            _ => None,
        }
    }
}

impl Entry {
    /// The items: one for [`Entry::One`], all for [`Entry::Many`].
    pub fn items(&self) -> &[Item] {
        match self {
            Entry::One(i) => std::slice::from_ref(i),
            Entry::Many(v) => v,
        }
    }
}

impl Document {
    /// An empty document (no document node yet).
    pub fn new() -> Document {
        Document::default()
    }

    /// Loads a JSON document against a structure.
    ///
    /// ```
    /// use sosmeta_editor::{Document, Structure};
    /// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
    /// let doc = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"merkinta":"Tapaaminen"}}"#).unwrap();
    /// assert_eq!(doc.to_canonical_json(&s), r#"{"demo_asiakaskertomus":{"merkinta":"Tapaaminen"}}"#);
    /// // Unknown data is an error naming its pointer, never dropped.
    /// let err = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"x":1}}"#).unwrap_err();
    /// assert!(err.to_string().contains("/demo_asiakaskertomus/x"));
    /// ```
    pub fn from_json(s: &Structure, text: &str) -> Result<Document, LoadError> {
        load::load_str(s, text)
    }

    /// Loads an already-decoded JSON value.
    pub fn from_value(s: &Structure, value: &serde_json::Value) -> Result<Document, LoadError> {
        load::load_value(s, value)
    }

    /// The document node's group, when present.
    pub fn body(&self, s: &Structure) -> Option<&Group> {
        match self.top.get(s.document_node())? {
            Entry::One(Item::Group(g)) => Some(g),
            _ => None,
        }
    }

    /// Writes the canonical JSON form (see [`write_canonical_json`]).
    pub fn to_canonical_json(&self, s: &Structure) -> String {
        write_canonical_json(s, self)
    }

    /// The entry at a path ending in a node token, e.g. `asiakas`.
    pub fn entry(&self, path: &DataPath) -> Option<&Entry> {
        let (last, parent) = path.0.split_last()?;
        let PathToken::Node(id) = last else {
            return None;
        };
        self.group_at(&DataPath(parent.to_vec()))?.get(*id)
    }

    /// The item at a path: ends in a node (non-repeatable) or node + index.
    pub fn item(&self, path: &DataPath) -> Option<&Item> {
        match path.0.last()? {
            PathToken::Index(i) => {
                let e = self.entry(&DataPath(path.0[..path.0.len() - 1].to_vec()))?;
                match e {
                    Entry::Many(v) => v.get(*i),
                    Entry::One(_) => None,
                }
            }
            PathToken::Node(_) => match self.entry(path)? {
                Entry::One(i) => Some(i),
                Entry::Many(_) => None,
            },
            PathToken::Part(_) => None,
        }
    }

    /// The group at a path (the top for the empty path).
    pub fn group_at(&self, path: &DataPath) -> Option<&Group> {
        let mut g = &self.top;
        let mut pending: Option<&Entry> = None;
        for t in &path.0 {
            match t {
                PathToken::Node(n) => {
                    if let Some(Entry::One(Item::Group(inner))) = pending.take() {
                        g = inner;
                    }
                    pending = Some(g.get(*n)?);
                }
                PathToken::Index(i) => match pending.take()? {
                    Entry::Many(v) => match v.get(*i)? {
                        Item::Group(inner) => g = inner,
                        _ => return None,
                    },
                    Entry::One(_) => return None,
                },
                PathToken::Part(_) => return None,
            }
        }
        match pending {
            None => Some(g),
            Some(Entry::One(Item::Group(inner))) => Some(inner),
            Some(_) => None,
        }
    }
}

/// All present instances of group node `g` in the document, with their paths.
pub fn group_instances<'d>(
    s: &Structure,
    doc: &'d Document,
    g: NodeId,
) -> Vec<(DataPath, &'d Group)> {
    let mut cur: Vec<(DataPath, &Group)> = vec![(DataPath::root(), &doc.top)];
    for &n in s.lineage(g).iter().skip(1) {
        let mut next = Vec::new();
        for (p, grp) in cur {
            match grp.get(n) {
                Some(Entry::One(Item::Group(inner))) => {
                    next.push((p.child(PathToken::Node(n)), inner))
                }
                Some(Entry::Many(items)) => {
                    for (i, it) in items.iter().enumerate() {
                        if let Item::Group(inner) = it {
                            next.push((
                                p.child(PathToken::Node(n)).child(PathToken::Index(i)),
                                inner,
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        cur = next;
    }
    cur
}
