//! Preparing a document for the form (pure): the phrases of present groups and the first
//! item of every required repeatable group, so a social worker sees what must be filled.
//! The structure says both: a Fraasi's text is fixed (`sosmeta` phrase), and a required
//! repeatable group has `minItems` (DOMAIN.md).

use super::{DataPath, Document, Edit, Entry, Group, Item, Parts, PathToken, Plain};
use crate::model::{FieldKind, NodeId, NodeKind, Structure};

impl Document {
    /// Prepares a document for the form: the document group exists, every fixed phrase
    /// (Fraasi) of a present group holds its text and every required repeatable group
    /// (`minItems` ≥ 1) has its first item, so the form shows what must be filled.
    pub fn prepare_for_form(&mut self, s: &Structure) {
        let dn = s.document_node();
        let root = DataPath::root().child(PathToken::Node(dn));
        if self.top.get(dn).is_none() {
            self.top.put(dn, Entry::One(Item::Group(Group::default())));
        }
        fill_new_item(s, self, &root);
    }

    /// Sets the `value` part of identifier field `node` to `value` in every present
    /// instance of its group, and creates its group when no ancestor repeats (a repeated
    /// group's items are filled as they exist). The field's other parts stay. Returns the
    /// paths that changed. Used for the case id the host context gives.
    pub fn fill_identifier(&mut self, s: &Structure, node: NodeId, value: &str) -> Vec<DataPath> {
        let n = s.node(node);
        let (Some(parent), crate::model::Shape::Parts { parts, .. }) = (n.parent, &n.shape) else {
            return Vec::new();
        };
        let Some(at) = parts.iter().position(|p| p.key == "value") else {
            return Vec::new();
        };
        let at = at as u16;
        let mut places: Vec<(DataPath, Option<Parts>)> = super::group_instances(s, self, parent)
            .into_iter()
            .map(|(p, g)| {
                let now = match g.get(node) {
                    Some(Entry::One(Item::Parts(p))) => Some(p.clone()),
                    _ => None,
                };
                (p.child(PathToken::Node(node)), now)
            })
            .collect();
        let lineage = s.lineage(node);
        if places.is_empty() && lineage.iter().all(|&x| s.node(x).repeat.is_none()) {
            let mut path = DataPath::root();
            for &x in lineage.iter().skip(1) {
                path = path.child(PathToken::Node(x));
            }
            places.push((path, None));
        }
        let mut changed = Vec::new();
        for (path, now) in places {
            if now
                .as_ref()
                .and_then(|p| p.get(at))
                .and_then(Plain::as_text)
                == Some(value)
            {
                continue;
            }
            let mut parts = now.unwrap_or_default();
            parts.values.retain(|(i, _)| *i != at);
            parts.values.push((at, Plain::Text(value.to_string())));
            parts.values.sort_by_key(|(i, _)| *i);
            let edit = Edit::Set {
                path: path.clone(),
                value: Item::Parts(parts),
            };
            if self.apply(s, edit).is_ok() {
                changed.push(path);
            }
        }
        changed
    }

    /// The same for a newly added item at `path` (and its present sub-groups).
    pub fn fill_new_item(&mut self, s: &Structure, path: &DataPath) {
        fill_new_item(s, self, path);
    }
}

/// In the group at `path` (and its present sub-groups): add the phrase of every Fraasi and
/// the first item of every required repeatable group that has none.
fn fill_new_item(s: &Structure, doc: &mut Document, path: &DataPath) {
    let Some(node) = path.last_node() else { return };
    let children = s.node(node).children.clone();
    for c in children {
        let n = s.node(c);
        let cpath = path.child(PathToken::Node(c));
        let present = doc.group_at(path).and_then(|g| g.get(c)).is_some();
        match &n.kind {
            NodeKind::Field(FieldKind::Phrase) if !present && n.repeat.is_none() => {
                if let Some(p) = n
                    .meta
                    .phrase
                    .fi
                    .clone()
                    .or_else(|| n.meta.phrase.sv.clone())
                {
                    let _ = doc.apply(
                        s,
                        Edit::Set {
                            path: cpath,
                            value: Item::Plain(Plain::Text(p)),
                        },
                    );
                }
            }
            NodeKind::Group if n.repeat.is_some_and(|r| r.min_items > 0) && !present => {
                let first = Edit::AddItem {
                    path: cpath.clone(),
                    value: Item::Group(Group::default()),
                };
                let added = doc.apply(s, first).is_ok();
                if added {
                    fill_new_item(s, doc, &cpath.child(PathToken::Index(0)));
                }
            }
            NodeKind::Group if present => {
                let count = doc
                    .group_at(path)
                    .and_then(|g| g.get(c))
                    .map(|e| (e.items().len(), matches!(e, Entry::Many(_))));
                match count {
                    Some((k, true)) => {
                        for i in 0..k {
                            fill_new_item(s, doc, &cpath.child(PathToken::Index(i)));
                        }
                    }
                    Some((_, false)) => fill_new_item(s, doc, &cpath),
                    None => {}
                }
            }
            _ => {}
        }
    }
}
