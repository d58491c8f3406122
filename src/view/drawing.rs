//! The drawing machinery of the editor: the order a large form is drawn in
//! ([`RevealPlan`]) and the change stamps that let a subtree nobody touched skip its redraw
//! ([`Stamps`]). Not domain state: [`super::state::EditorState`] holds the document, its
//! assessment and what the user has seen; this module decides what to draw when.

use std::collections::HashMap;

use crate::document::{DataPath, Document, Entry, Group, Item};
use crate::model::{NodeId, Structure};

/// [`super::state::EditorState::reveal`] when the whole form is drawn.
pub const ALL: u32 = u32::MAX;

/// The order a large form is drawn in, a screenful at a time: nodes in display order
/// (pre-order, children by row number) get ranks; a step draws every node up to a rank.
///
/// The first step is what the user sees first; the rest follows in separate browser tasks,
/// so the top of the form takes input while the bottom is still being drawn.
#[derive(Debug)]
pub struct RevealPlan {
    /// Display rank by node index.
    rank: Vec<u32>,
    /// The last rank in each node's subtree, by node index.
    end: Vec<u32>,
    /// Whether a node is repeatable or has a repeatable node below it, by node index.
    has_list: Vec<bool>,
    /// Successive limits; the last is [`ALL`].
    steps: Vec<u32>,
}

impl RevealPlan {
    /// Nodes (fields and groups) drawn by the first step: about a screenful and a half.
    pub const FIRST: u32 = 32;
    /// Nodes drawn by the second step; each later step draws twice as many as the one
    /// before, up to [`RevealPlan::MAX_CHUNK`] (short tasks first, few steps in all).
    pub const CHUNK: u32 = 24;
    /// The most nodes one step draws.
    pub const MAX_CHUNK: u32 = 96;
    /// Items of each repeatable list drawn while the nodes are drawn; the rest follow
    /// in steps after all nodes are drawn (a document with a hundred items of a large group
    /// would otherwise draw them all in every step that crosses the group).
    pub const ITEMS_FIRST: u32 = 4;
    /// The most items per list a later step adds (steps add 4, 8, 16, 16, …: each step is
    /// a task and a frame, so few steps).
    pub const ITEMS_STEP: u32 = 16;
    /// The most document entries (fields and groups) the items a later step adds may hold
    /// together, about [`RevealPlan::MAX_CHUNK`] fields' worth of DOM: a step of 16 items
    /// of an 80-field group drew 10 000 elements in one 400 ms task.
    pub const ITEM_ENTRIES: usize = 256;
    /// The lines of text (one per item) of each collapsed list's other items drawn with
    /// the first steps; a list that hides more gets them [`RevealPlan::DIGEST_STEP`] at a
    /// time after its items (4 000 lines were one 316 ms task).
    pub const DIGESTS_FIRST: u32 = 256;
    /// The lines of text a later step adds per collapsed list.
    pub const DIGEST_STEP: u32 = 512;

    /// The lines of text drawn first for a document of these list sizes: all ([`ALL`])
    /// unless some list hides more than [`RevealPlan::DIGESTS_FIRST`] items.
    pub fn first_digests(lists: &ListSizes) -> u32 {
        if lists.hidden > Self::DIGESTS_FIRST as usize {
            Self::DIGESTS_FIRST
        } else {
            ALL
        }
    }

    /// The line count after `digests` ([`ALL`] once it covers the list that hides most).
    pub fn next_digests(digests: u32, lists: &ListSizes) -> u32 {
        let more = digests.saturating_add(Self::DIGEST_STEP);
        if more as usize >= lists.hidden {
            ALL
        } else {
            more
        }
    }

    /// The item count after `items` ([`ALL`] once it covers the longest list): the step
    /// doubles up to [`RevealPlan::ITEMS_STEP`] items, and adds no more entries than
    /// [`RevealPlan::ITEM_ENTRIES`] (at least one item).
    pub fn next_items(items: u32, lists: &ListSizes) -> u32 {
        let by_size = (Self::ITEM_ENTRIES / lists.item_entries.max(1)).max(1) as u32;
        let step = items.clamp(1, Self::ITEMS_STEP).min(by_size);
        let more = items.saturating_add(step);
        if more as usize >= lists.longest {
            ALL
        } else {
            more
        }
    }

    /// The plan for `s`: a step of `first` nodes, then `chunk`, doubling up to
    /// [`RevealPlan::MAX_CHUNK`].
    pub fn new(s: &Structure, first: u32, chunk: u32) -> RevealPlan {
        // Node ids index an arena that also holds the schema root.
        let mut rank = vec![0; s.len() + 1];
        let mut end = vec![0; s.len() + 1];
        let mut has_list = vec![false; s.len() + 1];
        let mut next = 0u32;
        // Iterative pre-order walk (structures nest deeply in hostile input).
        let mut stack = vec![(s.document_node(), false)];
        while let Some((id, done)) = stack.pop() {
            if done {
                end[id.index()] = next.saturating_sub(1);
                let n = s.node(id);
                has_list[id.index()] =
                    n.repeat.is_some() || n.children.iter().any(|c| has_list[c.index()]);
                continue;
            }
            rank[id.index()] = next;
            next += 1;
            stack.push((id, true));
            for &c in s.node(id).children.iter().rev() {
                stack.push((c, false));
            }
        }
        let mut steps = Vec::new();
        let mut limit = first.max(1) - 1;
        let mut size = chunk.max(1);
        while limit < next.saturating_sub(1) {
            steps.push(limit);
            limit = limit.saturating_add(size);
            size = (size * 2).min(Self::MAX_CHUNK.max(chunk));
        }
        steps.push(ALL);
        RevealPlan {
            rank,
            end,
            has_list,
            steps,
        }
    }

    /// The limit of the first step.
    pub fn first(&self) -> u32 {
        self.steps[0]
    }

    /// The limit after `limit` ([`ALL`] at the end).
    pub fn next(&self, limit: u32) -> u32 {
        self.steps
            .iter()
            .copied()
            .find(|&l| l > limit)
            .unwrap_or(ALL)
    }

    /// Whether node `id` is drawn at `limit`.
    pub fn shown(&self, id: NodeId, limit: u32) -> bool {
        limit == ALL || self.rank.get(id.index()).is_none_or(|&r| r <= limit)
    }

    /// Whether `id` is repeatable or has a repeatable node below it.
    pub fn has_list(&self, id: NodeId) -> bool {
        self.has_list.get(id.index()).copied().unwrap_or(true)
    }

    /// Whether a repeatable node is below `id` (an item of `id` holds a list).
    pub fn has_list_below(&self, s: &Structure, id: NodeId) -> bool {
        s.node(id).children.iter().any(|&c| self.has_list(c))
    }

    /// What a component drawing `id`'s subtree compares: [`ALL`] once all of it is drawn,
    /// else the limit itself (the subtree changes with every step).
    pub fn subtree(&self, id: NodeId, limit: u32) -> u32 {
        if limit == ALL || self.end.get(id.index()).is_none_or(|&e| e <= limit) {
            ALL
        } else {
            limit
        }
    }
}

/// Change stamps per path, so a subtree nobody touched is not rendered again.
///
/// `values[p]` is the version of the last edit or touch at or below `p`; `shape[list]` the
/// version of the last insert or removal in a repeatable list (its items' indexes moved).
#[derive(Debug, Default)]
pub struct Stamps {
    values: HashMap<DataPath, u64>,
    shape: HashMap<DataPath, u64>,
    /// Counts [`Stamps::bump`]s: their stamps have the top bit set, so they never equal a
    /// version.
    ticks: u64,
}

impl Stamps {
    /// Version of the last change at or below `path` (0: never).
    pub fn value(&self, path: &DataPath) -> u64 {
        self.values.get(path).copied().unwrap_or(0)
    }

    /// Version of the last insert or removal in the list at `path` (0: never).
    pub fn shape(&self, path: &DataPath) -> u64 {
        self.shape.get(path).copied().unwrap_or(0)
    }

    pub(super) fn touch(&mut self, path: &DataPath, version: u64) {
        for k in 1..=path.0.len() {
            self.values.insert(DataPath(path.0[..k].to_vec()), version);
        }
    }

    /// Marks `path` and everything above it changed without a change of the document (a
    /// list opened or drawn further): they are drawn again.
    pub(super) fn bump(&mut self, path: &DataPath) {
        self.ticks += 1;
        self.touch(path, (1 << 63) | self.ticks);
    }

    pub(super) fn reshape(&mut self, list: &DataPath, version: u64) {
        self.touch(list, version);
        self.shape.insert(list.clone(), version);
    }
}

/// Long repeatable lists are drawn collapsed: their first items (up to [`Collapse::SHOWN`],
/// fewer when the items are large), then a button that shows the rest and, for
/// find-in-page, each hidden item as one line of text under `hidden="until-found"` (the
/// browser opens the list when a search lands in it). A list of 100 items of an 80-field
/// group is 67 000 elements drawn; collapsed, 2 000 and 97 lines. A list the user opens
/// (the button, an issue link, a search, "Lisää") is drawn whole, a step at a time
/// ([`Collapse::next_open`]).
pub struct Collapse;

impl Collapse {
    /// The most items a collapsed list shows.
    pub const SHOWN: usize = 10;
    /// The fewest items a collapsed list shows, however large they are.
    pub const MIN_SHOWN: usize = 3;
    /// The document entries (fields and groups, all levels) the shown items of a
    /// collapsed list hold at most, beyond its first [`Collapse::MIN_SHOWN`] items: about
    /// what one drawing step adds ([`RevealPlan::ITEM_ENTRIES`]).
    pub const ENTRIES: usize = RevealPlan::ITEM_ENTRIES;
    /// A list is collapsed only when this many items or more would be hidden (nobody
    /// collapses a list to hide one or two items).
    pub const MIN_HIDDEN: usize = 3;

    /// How many items of `items` are visible while the list is not open: all of them, or
    /// its first ones when the rest is long enough to collapse.
    pub fn visible(items: &[Item]) -> usize {
        let mut total = 0;
        let mut k = 0;
        while k < items.len().min(Self::SHOWN) {
            let e = entries(&items[k]);
            if k >= Self::MIN_SHOWN && total + e > Self::ENTRIES {
                break;
            }
            total += e;
            k += 1;
        }
        if items.len() - k >= Self::MIN_HIDDEN {
            k
        } else {
            items.len()
        }
    }

    /// The items of the list `list` drawn while the global item step is `items` and the
    /// list's own step is `open` (`None`: the list is not open).
    pub fn drawn(list: &[Item], items: u32, open: Option<u32>) -> usize {
        let visible = Self::visible(list);
        match open {
            Some(c) if visible < list.len() => list
                .len()
                .min(c as usize)
                .max(visible.min(items as usize)),
            _ => visible.min(items as usize),
        }
    }

    /// The open list's step after `count` items of `items` are drawn ([`ALL`] once they
    /// all are): as many items as hold [`RevealPlan::ITEM_ENTRIES`] entries, 1 to 64.
    pub fn next_open(count: u32, items: &[Item]) -> u32 {
        let from = (count as usize).min(items.len());
        let ahead = &items[from..items.len().min(from + 64)];
        let biggest = ahead.iter().map(entries).max().unwrap_or(1);
        let more = from + (RevealPlan::ITEM_ENTRIES / biggest.max(1)).clamp(1, 64);
        if more >= items.len() {
            ALL
        } else {
            more as u32
        }
    }

}

/// Of the lists in `item`'s subtree as drawn: the most items one shows (what the global
/// item steps draw; a collapsed list counts its visible items), and the most items one
/// hides (collapsed: its lines of text). `(0, 0)`: no list.
pub fn lists_in(item: &Item) -> (usize, usize) {
    match item {
        Item::Group(g) => g
            .entries
            .iter()
            .map(|(_, e)| lists_of(e))
            .fold((0, 0), most),
        _ => (0, 0),
    }
}

/// [`lists_in`] of `e` (if a list) and of the lists below it.
pub fn lists_of(e: &Entry) -> (usize, usize) {
    let (own, drawn) = match e {
        Entry::Many(items) => {
            let visible = Collapse::visible(items);
            ((visible, items.len() - visible), &items[..visible])
        }
        Entry::One(_) => ((0, 0), e.items()),
    };
    drawn.iter().map(lists_in).fold(own, most)
}

/// The larger of each of two pairs.
fn most(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    (a.0.max(b.0), a.1.max(b.1))
}

/// The sizes that pace the drawing of long lists ([`RevealPlan::next_items`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListSizes {
    /// The most items any repeatable list has.
    pub longest: usize,
    /// The entries (fields and groups, all levels) of the largest item of any list longer
    /// than [`RevealPlan::ITEMS_FIRST`]: what a step adds per item at most, per list.
    pub item_entries: usize,
    /// The most items a collapsed list hides (drawn as lines of text).
    pub hidden: usize,
}

/// The list sizes of `doc` as the global item steps draw it (collapsed lists: their
/// visible items), in one walk (each entry is counted once per list above it).
pub fn list_sizes(doc: &Document) -> ListSizes {
    let mut sizes = ListSizes::default();
    let mut stack: Vec<&Group> = vec![&doc.top];
    while let Some(g) = stack.pop() {
        for (_, e) in &g.entries {
            let mut drawn = e.items();
            if let Entry::Many(items) = e {
                drawn = &items[..Collapse::visible(items)];
                sizes.longest = sizes.longest.max(drawn.len());
                sizes.hidden = sizes.hidden.max(items.len() - drawn.len());
                if drawn.len() > RevealPlan::ITEMS_FIRST as usize {
                    let most = drawn.iter().map(entries).max().unwrap_or(0);
                    sizes.item_entries = sizes.item_entries.max(most);
                }
            }
            for it in drawn {
                if let Item::Group(sub) = it {
                    stack.push(sub);
                }
            }
        }
    }
    sizes
}

/// Entries (fields and groups, all levels) at or below `it`, itself included.
fn entries(it: &Item) -> usize {
    match it {
        Item::Group(g) => {
            1 + g
                .entries
                .iter()
                .flat_map(|(_, e)| e.items())
                .map(entries)
                .sum::<usize>()
        }
        _ => 1,
    }
}
