//! Preparing a document for the form (pure): the phrases of present groups and the first
//! item of every required repeatable group, so a social worker sees what must be filled.
//! The structure says both: a Fraasi's text is fixed (`sosmeta` phrase), and a required
//! repeatable group has `minItems` (DOMAIN.md).

use super::{DataPath, Document, Edit, Entry, Group, Item, PathToken, Plain};
use crate::model::{FieldKind, NodeKind, Structure};

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
