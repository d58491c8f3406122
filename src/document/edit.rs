//! Edits on a document: set, clear, add item, remove item. The only way to change one.

use std::fmt;

use super::*;
use crate::model::{JsonType, NodeKind, Shape};

/// A change to a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets the value at `path` (a node, or node + index for an existing item).
    /// Missing parent groups are created. Setting an empty text clears instead.
    Set {
        /// Where.
        path: DataPath,
        /// The new value.
        value: Item,
    },
    /// Removes the value at `path` (its key disappears) and any parent groups left empty,
    /// so editing never leaves empty values behind.
    Clear {
        /// Where: a node path.
        path: DataPath,
    },
    /// Appends an item to a repeatable node.
    AddItem {
        /// The repeatable node's path.
        path: DataPath,
        /// The new item (an empty group for repeatable groups).
        value: Item,
    },
    /// Inserts an item at `index` of a repeatable node (undo of a removal).
    InsertItem {
        /// The repeatable node's path.
        path: DataPath,
        /// Where; at most the current item count.
        index: usize,
        /// The item.
        value: Item,
    },
    /// Removes one item of a repeatable node; the key goes when the last item goes.
    RemoveItem {
        /// The repeatable node's path.
        path: DataPath,
        /// Which item.
        index: usize,
    },
}

/// An edit that cannot be applied.
#[derive(Clone, Debug, PartialEq)]
pub struct EditError {
    /// The edit's path.
    pub path: DataPath,
    /// Why.
    pub kind: EditErrorKind,
}

/// Why an edit cannot be applied.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditErrorKind {
    /// Occurs when the path does not lead to a place in the structure or document.
    BadPath,
    /// Occurs when an item index is out of range.
    NoSuchItem {
        /// The index asked for.
        index: usize,
    },
    /// Occurs when the value does not fit the node (e.g. a group value for a text field).
    ShapeMismatch,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            EditErrorKind::BadPath => write!(f, "no such place in the document: {}", self.path),
            EditErrorKind::NoSuchItem { index } => write!(f, "no item {index} at {}", self.path),
            EditErrorKind::ShapeMismatch => {
                write!(f, "value does not fit the field at {}", self.path)
            }
        }
    }
}

impl std::error::Error for EditError {}

impl Document {
    /// Applies an edit.
    pub fn apply(&mut self, s: &Structure, edit: Edit) -> Result<(), EditError> {
        match edit {
            Edit::Set { path, value } => {
                if matches!(&value, Item::Plain(Plain::Text(t)) if t.is_empty())
                    || matches!(&value, Item::Parts(p) if p.values.is_empty() && p.extra.is_empty())
                {
                    return self.apply(s, Edit::Clear { path });
                }
                let err = |kind| EditError {
                    path: path.clone(),
                    kind,
                };
                let node = path
                    .last_node()
                    .ok_or_else(|| err(EditErrorKind::BadPath))?;
                if !fits(s, node, &value) {
                    return Err(err(EditErrorKind::ShapeMismatch));
                }
                let (parent, last) = split(&path).ok_or_else(|| err(EditErrorKind::BadPath))?;
                if !self.creatable(s, &parent) {
                    return Err(err(EditErrorKind::BadPath));
                }
                match last {
                    Last::Node(id) => {
                        if s.node(id).repeat.is_some() {
                            return Err(err(EditErrorKind::BadPath));
                        }
                        let g = self
                            .group_mut_create(s, &parent)
                            .ok_or_else(|| err(EditErrorKind::BadPath))?;
                        g.put(id, Entry::One(value));
                    }
                    Last::Item(id, index) => {
                        let g = self
                            .group_mut_create(s, &parent)
                            .ok_or_else(|| err(EditErrorKind::BadPath))?;
                        match g.get_mut(id) {
                            Some(Entry::Many(v)) if index < v.len() => v[index] = value,
                            _ => return Err(err(EditErrorKind::NoSuchItem { index })),
                        }
                    }
                }
                Ok(())
            }
            Edit::Clear { path } => {
                let err = |kind| EditError {
                    path: path.clone(),
                    kind,
                };
                let (parent, last) = split(&path).ok_or_else(|| err(EditErrorKind::BadPath))?;
                let Last::Node(id) = last else {
                    return Err(err(EditErrorKind::BadPath));
                };
                if let Some(g) = self.group_mut(&parent) {
                    g.remove(id);
                }
                self.prune(&parent);
                Ok(())
            }
            Edit::AddItem { path, value } => {
                let index = self.entry(&path).map(|e| e.items().len()).unwrap_or(0);
                self.apply(s, Edit::InsertItem { path, index, value })
            }
            Edit::InsertItem { path, index, value } => {
                let err = |kind| EditError {
                    path: path.clone(),
                    kind,
                };
                let (parent, last) = split(&path).ok_or_else(|| err(EditErrorKind::BadPath))?;
                let Last::Node(id) = last else {
                    return Err(err(EditErrorKind::BadPath));
                };
                if s.node(id).repeat.is_none() || !fits(s, id, &value) {
                    return Err(err(EditErrorKind::ShapeMismatch));
                }
                if !self.creatable(s, &parent) {
                    return Err(err(EditErrorKind::BadPath));
                }
                let g = self
                    .group_mut_create(s, &parent)
                    .ok_or_else(|| err(EditErrorKind::BadPath))?;
                match g.get_mut(id) {
                    Some(Entry::Many(v)) if index <= v.len() => v.insert(index, value),
                    None if index == 0 => g.put(id, Entry::Many(vec![value])),
                    _ => return Err(err(EditErrorKind::NoSuchItem { index })),
                }
                Ok(())
            }
            Edit::RemoveItem { path, index } => {
                let err = |kind| EditError {
                    path: path.clone(),
                    kind,
                };
                let (parent, last) = split(&path).ok_or_else(|| err(EditErrorKind::BadPath))?;
                let Last::Node(id) = last else {
                    return Err(err(EditErrorKind::BadPath));
                };
                let g = self
                    .group_mut(&parent)
                    .ok_or_else(|| err(EditErrorKind::NoSuchItem { index }))?;
                match g.get_mut(id) {
                    Some(Entry::Many(v)) if index < v.len() => {
                        v.remove(index);
                        if v.is_empty() {
                            g.remove(id);
                            self.prune(&parent);
                        }
                        Ok(())
                    }
                    _ => Err(err(EditErrorKind::NoSuchItem { index })),
                }
            }
        }
    }

    fn group_mut(&mut self, path: &DataPath) -> Option<&mut Group> {
        self.walk_mut(None, path)
    }

    fn group_mut_create(&mut self, s: &Structure, path: &DataPath) -> Option<&mut Group> {
        self.walk_mut(Some(s), path)
    }

    /// Walks to the group at `path`; with a structure, creates missing non-repeatable groups.
    fn walk_mut(&mut self, s: Option<&Structure>, path: &DataPath) -> Option<&mut Group> {
        let mut g = &mut self.top;
        let toks = &path.0;
        let mut i = 0;
        while i < toks.len() {
            let PathToken::Node(id) = toks[i] else {
                return None;
            };
            let next_index = match toks.get(i + 1) {
                Some(PathToken::Index(ix)) => Some(*ix),
                _ => None,
            };
            if g.get(id).is_none() {
                let s = s?;
                if s.node(id).kind != NodeKind::Group || s.node(id).repeat.is_some() {
                    return None;
                }
                g.put(id, Entry::One(Item::Group(Group::default())));
            }
            let entry = g.get_mut(id)?;
            g = match (entry, next_index) {
                (Entry::One(Item::Group(inner)), None) => inner,
                (Entry::Many(v), Some(ix)) => match v.get_mut(ix)? {
                    Item::Group(inner) => inner,
                    _ => return None,
                },
                _ => return None,
            };
            i += if next_index.is_some() { 2 } else { 1 };
        }
        Some(g)
    }

    /// True when the group at `path` exists or can be created (only missing
    /// non-repeatable groups can be created; list items must exist). Checked before any
    /// change, so a failed edit changes nothing.
    fn creatable(&self, s: &Structure, path: &DataPath) -> bool {
        let toks = &path.0;
        let mut i = 0;
        let mut g = Some(&self.top);
        while i < toks.len() {
            let PathToken::Node(id) = toks[i] else {
                return false;
            };
            let index = match toks.get(i + 1) {
                Some(PathToken::Index(ix)) => Some(*ix),
                _ => None,
            };
            let n = s.node(id);
            if n.kind != NodeKind::Group || n.repeat.is_some() != index.is_some() {
                return false;
            }
            g = match (g.and_then(|g| g.get(id)), index) {
                (Some(Entry::One(Item::Group(inner))), None) => Some(inner),
                (Some(Entry::Many(v)), Some(ix)) => match v.get(ix) {
                    Some(Item::Group(inner)) => Some(inner),
                    _ => return false,
                },
                (None, None) => None,
                _ => return false,
            };
            i += if index.is_some() { 2 } else { 1 };
        }
        true
    }

    /// Removes empty non-repeatable groups from `path` upwards.
    fn prune(&mut self, path: &DataPath) {
        let mut p = path.clone();
        while let Some(PathToken::Node(id)) = p.0.last().copied() {
            let parent = DataPath(p.0[..p.0.len() - 1].to_vec());
            let empty = matches!(self.group_at(&p), Some(g) if g.is_empty());
            if !empty {
                return;
            }
            if let Some(g) = self.group_mut(&parent) {
                g.remove(id);
            }
            p = parent;
        }
    }
}

enum Last {
    Node(NodeId),
    Item(NodeId, usize),
}

fn split(path: &DataPath) -> Option<(DataPath, Last)> {
    let t = &path.0;
    match t.last()? {
        PathToken::Node(id) => Some((DataPath(t[..t.len() - 1].to_vec()), Last::Node(*id))),
        PathToken::Index(ix) => match t.get(t.len().checked_sub(2)?)? {
            PathToken::Node(id) => {
                Some((DataPath(t[..t.len() - 2].to_vec()), Last::Item(*id, *ix)))
            }
            _ => None,
        },
        PathToken::Part(_) => None,
    }
}

fn fits(s: &Structure, id: NodeId, value: &Item) -> bool {
    let node = s.node(id);
    match (&node.shape, value) {
        (Shape::Group { .. }, Item::Group(_)) => true,
        (Shape::Parts { parts, .. }, Item::Parts(p)) => p.values.iter().all(|(i, v)| {
            parts
                .get(*i as usize)
                .is_some_and(|part| plain_fits(part.scalar.json_type, v))
        }),
        (Shape::Scalar(sc), Item::Plain(v)) => plain_fits(sc.json_type, v),
        _ => false,
    }
}

fn plain_fits(t: JsonType, v: &Plain) -> bool {
    matches!(
        (t, v),
        (JsonType::String, Plain::Text(_))
            | (JsonType::Boolean, Plain::Bool(_))
            | (JsonType::Number, Plain::Number(_))
    ) || matches!((t, v), (JsonType::Integer, Plain::Number(n)) if crate::json::is_integer(n))
}
