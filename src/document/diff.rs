//! What changed between two documents of one structure (issue 16: "a clear before/after
//! view of what changed (fields added, changed, removed), in the editor and as `sosmeta
//! diff OLD NEW`"). PURE.

use super::{DataPath, Document, Entry, Group, Item, PathToken};
use crate::lang::Lang;
use crate::model::{NodeId, Shape, Structure};

/// One field's change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The field's JSON Pointer (in the new document; in the old one when removed).
    pub pointer: String,
    /// The field's Finnish label.
    pub label: String,
    /// Its value before (compact JSON), when it had one.
    pub old: Option<String>,
    /// Its value after (compact JSON), when it has one.
    pub new: Option<String>,
}

impl Change {
    /// `added`, `removed` or `changed`.
    pub fn kind(&self) -> &'static str {
        match (&self.old, &self.new) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        }
    }
}

/// Every field added, changed or removed from `old` to `new`, in document order (the new
/// document's fields first, then the removed ones where they were).
///
/// ```
/// use sosmeta_editor::{model::Structure, document::{Document, diff}};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let a = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"merkinta":"A"}}"#).unwrap();
/// let b = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"merkinta":"B"}}"#).unwrap();
/// let c = diff(&s, &a, &b);
/// assert_eq!((c[0].pointer.as_str(), c[0].kind()), ("/demo_asiakaskertomus/merkinta", "changed"));
/// ```
pub fn diff(s: &Structure, old: &Document, new: &Document) -> Vec<Change> {
    let before = leaves(s, old);
    let after = leaves(s, new);
    // By pointer: the editor diffs on every change of a correction (linear, not n²).
    let before_at: std::collections::HashMap<&str, &String> =
        before.iter().map(|(p, _, v)| (p.as_str(), v)).collect();
    let after_at: std::collections::HashSet<&str> =
        after.iter().map(|(p, _, _)| p.as_str()).collect();
    let mut out = Vec::new();
    for (pointer, node, value) in &after {
        let was = before_at.get(pointer.as_str()).copied();
        if was != Some(value) {
            out.push(Change {
                pointer: pointer.clone(),
                label: s.node(*node).meta.label(Lang::Fi).to_string(),
                old: was.cloned(),
                new: Some(value.clone()),
            });
        }
    }
    for (pointer, node, value) in &before {
        if !after_at.contains(pointer.as_str()) {
            out.push(Change {
                pointer: pointer.clone(),
                label: s.node(*node).meta.label(Lang::Fi).to_string(),
                old: Some(value.clone()),
                new: None,
            });
        }
    }
    out
}

/// Every field value of `doc`: (pointer, node, compact JSON), in document order.
fn leaves(s: &Structure, doc: &Document) -> Vec<(String, NodeId, String)> {
    let mut out = Vec::new();
    walk(s, &doc.top, &DataPath::root(), &mut out);
    out
}

fn walk(s: &Structure, g: &Group, at: &DataPath, out: &mut Vec<(String, NodeId, String)>) {
    for (id, entry) in &g.entries {
        let path = at.child(PathToken::Node(*id));
        match entry {
            Entry::One(item) => item_leaf(s, *id, item, &path, out),
            Entry::Many(items) => {
                for (i, item) in items.iter().enumerate() {
                    item_leaf(s, *id, item, &path.child(PathToken::Index(i)), out);
                }
            }
        }
    }
}

fn item_leaf(
    s: &Structure,
    id: NodeId,
    item: &Item,
    path: &DataPath,
    out: &mut Vec<(String, NodeId, String)>,
) {
    let value = match item {
        Item::Group(g) => return walk(s, g, path, out),
        Item::Plain(p) => p.to_json().to_string(),
        Item::Parts(p) => {
            let keys: Vec<&str> = match &s.node(id).shape {
                Shape::Parts { parts, .. } => parts.iter().map(|x| x.key.as_str()).collect(),
                _ => Vec::new(),
            };
            let mut o = serde_json::Map::new();
            for (i, v) in &p.values {
                if let Some(k) = keys.get(*i as usize) {
                    o.insert((*k).to_string(), v.to_json());
                }
            }
            for (k, v) in &p.extra {
                o.insert(k.clone(), v.clone());
            }
            serde_json::Value::Object(o).to_string()
        }
    };
    out.push((path.to_pointer(s), id, value));
}
