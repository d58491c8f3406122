//! What changed between two documents of one structure ("a clear before/after
//! view of what changed (fields added, changed, removed), in the editor and as `sosmeta
//! diff OLD NEW`"). PURE.

use super::{DataPath, Document, Entry, Group, Item, PathToken};
use crate::lang::Lang;
use crate::model::{NodeId, Shape, Structure};

/// One field's change.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The field's JSON Pointer (in the new document; in the old one when removed).
    pub pointer: String,
    /// The field's Finnish label.
    pub label: String,
    /// The field's node (its label in another language: `s.node(node).meta.label(lang)`).
    pub node: NodeId,
    /// Its value before, when it had one (typed: no JSON text in the core).
    pub old: Option<Item>,
    /// Its value after, when it has one.
    pub new: Option<Item>,
}

impl Change {
    /// The value before as compact JSON (what the CLI and the host's detail carry).
    pub fn old_json(&self, s: &Structure) -> Option<String> {
        self.old.as_ref().map(|v| value_json(s, self.node, v))
    }

    /// The value after as compact JSON.
    pub fn new_json(&self, s: &Structure) -> Option<String> {
        self.new.as_ref().map(|v| value_json(s, self.node, v))
    }

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
/// use sosmeta_editor::{diff, Document, Structure};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let a = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"merkinta":"A"}}"#).unwrap();
/// let b = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"merkinta":"B"}}"#).unwrap();
/// let c = diff(&s, &a, &b);
/// assert_eq!((c[0].pointer.as_str(), c[0].kind()), ("/demo_asiakaskertomus/merkinta", "changed"));
/// ```
pub fn diff(s: &Structure, old: &Document, new: &Document) -> Vec<Change> {
    // Both documents walked side by side (a group's entries are sorted by node): equal
    // subtrees are skipped after one comparison, and only a changed field gets a pointer. The editor diffs on every change of a correction.
    let mut d = Diff {
        s,
        changed: Vec::new(),
        removed: Vec::new(),
    };
    d.groups(&old.top, &new.top, &DataPath::root());
    d.changed.append(&mut d.removed);
    d.changed
}

struct Diff<'s> {
    s: &'s Structure,
    /// Added and changed fields, in the new document's order.
    changed: Vec<Change>,
    /// Removed fields, in the old document's order.
    removed: Vec<Change>,
}

impl Diff<'_> {
    fn change(
        &self,
        path: &DataPath,
        node: NodeId,
        old: Option<&Item>,
        new: Option<&Item>,
    ) -> Change {
        Change {
            pointer: path.to_pointer(self.s),
            label: self.s.node(node).meta.label(Lang::Fi).to_string(),
            node,
            old: old.cloned(),
            new: new.cloned(),
        }
    }

    fn groups(&mut self, a: &Group, b: &Group, at: &DataPath) {
        let (mut i, mut j) = (0, 0);
        while i < a.entries.len() || j < b.entries.len() {
            let ea = a.entries.get(i);
            let eb = b.entries.get(j);
            match (ea, eb) {
                (Some((ia, x)), Some((ib, y))) if ia == ib => {
                    if x != y {
                        self.entries(*ia, Some(x), Some(y), &at.child(PathToken::Node(*ia)));
                    }
                    i += 1;
                    j += 1;
                }
                (Some((ia, x)), Some((ib, _))) if ia < ib => {
                    self.entries(*ia, Some(x), None, &at.child(PathToken::Node(*ia)));
                    i += 1;
                }
                (Some((ia, x)), None) => {
                    self.entries(*ia, Some(x), None, &at.child(PathToken::Node(*ia)));
                    i += 1;
                }
                (_, Some((ib, y))) => {
                    self.entries(*ib, None, Some(y), &at.child(PathToken::Node(*ib)));
                    j += 1;
                }
                (None, None) => break,
            }
        }
    }

    fn entries(&mut self, id: NodeId, a: Option<&Entry>, b: Option<&Entry>, path: &DataPath) {
        let many = matches!(a, Some(Entry::Many(_))) || matches!(b, Some(Entry::Many(_)));
        let xs = a.map_or(&[][..], Entry::items);
        let ys = b.map_or(&[][..], Entry::items);
        for k in 0..xs.len().max(ys.len()) {
            let here = if many {
                path.child(PathToken::Index(k))
            } else {
                path.clone()
            };
            self.items(id, xs.get(k), ys.get(k), &here);
        }
    }

    fn items(&mut self, id: NodeId, a: Option<&Item>, b: Option<&Item>, path: &DataPath) {
        match (a, b) {
            (Some(Item::Group(x)), Some(Item::Group(y))) => {
                if x != y {
                    self.groups(x, y, path)
                }
            }
            (Some(Item::Group(x)), other) => {
                self.groups(x, &Group::default(), path);
                if other.is_some() {
                    self.items(id, None, other, path);
                }
            }
            (other, Some(Item::Group(y))) => {
                if other.is_some() {
                    self.items(id, other, None, path);
                }
                self.groups(&Group::default(), y, path);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    let c = self.change(path, id, Some(x), Some(y));
                    self.changed.push(c);
                }
            }
            (Some(x), None) => {
                let c = self.change(path, id, Some(x), None);
                self.removed.push(c);
            }
            (None, Some(y)) => {
                let c = self.change(path, id, None, Some(y));
                self.changed.push(c);
            }
            (None, None) => {}
        }
    }
}

/// A field value as compact JSON (parts by their schema keys).
fn value_json(s: &Structure, id: NodeId, item: &Item) -> String {
    match item {
        Item::Group(_) => String::new(),
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
    }
}
