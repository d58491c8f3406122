//! Editor state: the only place edits are applied (Yew `Reducible`).
//!
//! The document lives in one shared cell and is edited in place: no whole-document clone
//! per keystroke. Each action bumps `version`, which is what components compare.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use yew::Reducible;

use chrono::NaiveDate;

use crate::assess::{assess, Assessment, Context};
use crate::document::{DataPath, Document, Edit, Entry, Group, Item, PathToken};
use crate::lang::Lang;
use crate::model::{NodeId, Structure};
use crate::restrict::Markings;
use crate::validate::{Report, Rules};

/// What the user did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Change the document.
    Edit(Edit),
    /// The user left a field: show its issues from now on.
    Touch(DataPath),
    /// An emit was attempted: show every issue.
    Submit,
    /// Switch the language of labels and UI texts.
    SetLang(Lang),
    /// Put back the item removed last.
    UndoRemove,
    /// Replace the whole document (load).
    Replace(Document),
    /// Use other machine rules (the host or a structure author changed them); the
    /// document and what the user has seen stay.
    SetRules(Rc<Rules>),
    /// New restriction markings (the user in the markings panel, or the host).
    SetMarkings(Markings),
    /// Another day (the host's `today` changed).
    SetToday(NaiveDate),
    /// Draw the form up to this step of its [`RevealPlan`] ([`ALL`]: the whole form).
    Reveal(u32),
    /// Draw this many items of every repeatable list ([`ALL`]: every item).
    RevealItems(u32),
}

/// [`EditorState::reveal`] when the whole form is drawn.
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
    /// in steps of up to [`RevealPlan::ITEMS_STEP`] items of every list, after all nodes are drawn
    /// (a document with a hundred items of a large group would otherwise draw them all in
    /// every step that crosses the group).
    pub const ITEMS_FIRST: u32 = 4;
    /// The most items per list a later step adds (steps add 4, 8, 16, 16, …: each step
    /// lays out the whole form again, so few steps; each is a task, so not too long ones).
    pub const ITEMS_STEP: u32 = 16;

    /// The item count after `items` ([`ALL`] once it covers `longest`, the longest list).
    pub fn next_items(items: u32, longest: usize) -> u32 {
        let more = items.saturating_add(items.clamp(1, Self::ITEMS_STEP));
        if more as usize >= longest {
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

    fn touch(&mut self, path: &DataPath, version: u64) {
        for k in 1..=path.0.len() {
            self.values.insert(DataPath(path.0[..k].to_vec()), version);
        }
    }

    fn reshape(&mut self, list: &DataPath, version: u64) {
        self.touch(list, version);
        self.shape.insert(list.clone(), version);
    }
}

/// The editor's state.
pub struct EditorState {
    /// The parsed structure, shared, never cloned.
    pub structure: Rc<Structure>,
    /// Machine rules.
    pub rules: Rc<Rules>,
    /// The document, edited in place.
    pub doc: Rc<RefCell<Document>>,
    /// Bumped by every change.
    pub version: u64,
    /// The one assessment of the current document under its rules, markings and day
    /// ([`crate::assess`](mod@crate::assess)): found once per change, read by every part of the view, the
    /// element's events and the bundle.
    pub assessment: Rc<Assessment>,
    /// The restriction markings (their only owner in the view).
    pub markings: Rc<Markings>,
    /// Fields the user has left.
    pub touched: Rc<HashSet<DataPath>>,
    /// An emit was attempted.
    pub submitted: bool,
    /// Current language.
    pub lang: Lang,
    /// The last removed item, for undo: (list path, index, item).
    pub last_removed: Option<(DataPath, usize, Item)>,
    /// The last edit that could not be applied (a bug if ever shown).
    pub edit_error: Option<String>,
    /// Change stamps per path (shared, updated in place).
    pub stamps: Rc<RefCell<Stamps>>,
    /// Bumped when the whole document changes (load): everything renders again.
    pub epoch: u64,
    /// The drawing order of this structure.
    pub plan: Rc<RevealPlan>,
    /// How much of the form is drawn: a step of `plan`, [`ALL`] (the default) when all.
    pub reveal: u32,
    /// How many items of each repeatable list are drawn ([`ALL`], the default: all).
    pub items: u32,
}

impl PartialEq for EditorState {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
            && Rc::ptr_eq(&self.doc, &other.doc)
            && self.submitted == other.submitted
            && self.lang == other.lang
            && Rc::ptr_eq(&self.touched, &other.touched)
            && Rc::ptr_eq(&self.rules, &other.rules)
            && Rc::ptr_eq(&self.assessment, &other.assessment)
            && self.reveal == other.reveal
            && self.items == other.items
    }
}

impl EditorState {
    /// A state for `doc`, with required repeatable groups given their first items and fixed
    /// phrases filled in where their group is present.
    pub fn new(
        structure: Rc<Structure>,
        rules: Rc<Rules>,
        mut doc: Document,
        lang: Lang,
        markings: Markings,
        context: Context,
    ) -> EditorState {
        doc.prepare_for_form(&structure);
        let assessment = Rc::new(assess(&structure, &doc, &rules, &markings, context));
        let plan = Rc::new(RevealPlan::new(
            &structure,
            RevealPlan::FIRST,
            RevealPlan::CHUNK,
        ));
        EditorState {
            plan,
            reveal: ALL,
            items: ALL,
            structure,
            rules,
            doc: Rc::new(RefCell::new(doc)),
            version: 0,
            assessment,
            markings: Rc::new(markings),
            touched: Rc::new(HashSet::new()),
            submitted: false,
            lang,
            last_removed: None,
            edit_error: None,
            stamps: Rc::default(),
            epoch: 0,
        }
    }

    fn next(&self) -> EditorState {
        EditorState {
            structure: self.structure.clone(),
            rules: self.rules.clone(),
            doc: self.doc.clone(),
            version: self.version + 1,
            assessment: self.assessment.clone(),
            markings: self.markings.clone(),
            touched: self.touched.clone(),
            submitted: self.submitted,
            lang: self.lang,
            last_removed: self.last_removed.clone(),
            edit_error: None,
            stamps: self.stamps.clone(),
            epoch: self.epoch,
            plan: self.plan.clone(),
            reveal: self.reveal,
            items: self.items,
        }
    }

    /// True when the whole form is drawn (every node and every item).
    pub fn is_drawn(&self) -> bool {
        self.reveal == ALL && self.items == ALL
    }

    /// The validation report of the current document.
    pub fn report(&self) -> &Report {
        &self.assessment.report
    }

    /// Today's date the document is assessed on.
    pub fn today(&self) -> NaiveDate {
        self.assessment.today()
    }

    /// Assesses the document again (after an edit, a load or new rules).
    fn reassess(&mut self) {
        let doc = self.doc.borrow();
        let context = Context {
            today: self.today(),
        };
        self.assessment = Rc::new(assess(
            &self.structure,
            &doc,
            &self.rules,
            &self.markings,
            context,
        ));
    }

    /// The assessment on `day`: the one held when it is of that day, else the held one
    /// judged again on `day` (an editor left open past midnight: the edge reads the clock
    /// again and a delay that was tomorrow is today).
    pub fn assessment_on(&self, day: NaiveDate) -> Rc<Assessment> {
        if day == self.today() {
            self.assessment.clone()
        } else {
            Rc::new(self.judged(day))
        }
    }

    /// The held assessment with its markings judged again on `day` (the report stays).
    fn judged(&self, day: NaiveDate) -> Assessment {
        let mut a = (*self.assessment).clone();
        a.facts.today = day;
        a.with_markings(&self.structure, &self.doc.borrow(), &self.markings)
    }

    /// Judges the markings again (new markings or another day): the report stays.
    fn rejudge(&mut self, today: NaiveDate) {
        self.assessment = Rc::new(self.judged(today));
    }
}

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.next();
        let s = self.structure.clone();
        match action {
            Action::Edit(edit) => {
                let removed = match &edit {
                    Edit::RemoveItem { path, index } => {
                        let doc = self.doc.borrow();
                        doc.entry(path)
                            .and_then(|e| e.items().get(*index).cloned())
                            .map(|it| (path.clone(), *index, it))
                    }
                    _ => None,
                };
                let added = match &edit {
                    Edit::AddItem { path, .. } => Some(path.clone()),
                    _ => None,
                };
                // A new item is shown at once, even while long lists are still drawn.
                if matches!(edit, Edit::AddItem { .. } | Edit::InsertItem { .. }) {
                    next.items = ALL;
                }
                {
                    let mut st = self.stamps.borrow_mut();
                    match &edit {
                        Edit::Set { path, .. } | Edit::Clear { path } => {
                            st.touch(path, next.version)
                        }
                        Edit::AddItem { path, .. }
                        | Edit::InsertItem { path, .. }
                        | Edit::RemoveItem { path, .. } => st.reshape(path, next.version),
                    }
                }
                let result = self.doc.borrow_mut().apply(&s, edit);
                match result {
                    Ok(()) => {
                        if removed.is_some() {
                            next.last_removed = removed;
                        }
                        if let Some(list) = added {
                            let mut doc = self.doc.borrow_mut();
                            let n = doc.entry(&list).map(|e| e.items().len()).unwrap_or(0);
                            if n > 0 {
                                doc.fill_new_item(&s, &list.child(PathToken::Index(n - 1)));
                            }
                        }
                        next.reassess();
                    }
                    Err(e) => next.edit_error = Some(e.to_string()),
                }
            }
            Action::Touch(path) => {
                if !self.touched.contains(&path) {
                    self.stamps.borrow_mut().touch(&path, next.version);
                    let mut t = (*self.touched).clone();
                    t.insert(path);
                    next.touched = Rc::new(t);
                }
            }
            // Every issue is listed and linked: the whole form must be there.
            Action::Submit => {
                next.submitted = true;
                next.reveal = ALL;
                next.items = ALL;
            }
            // Not a change of the document: the version (what `on_change` follows) stays.
            Action::Reveal(limit) => {
                next.version = self.version;
                next.reveal = next.reveal.max(limit);
            }
            Action::RevealItems(n) => {
                next.version = self.version;
                next.items = next.items.max(n);
            }
            Action::SetLang(lang) => next.lang = lang,
            Action::UndoRemove => {
                if let Some((path, index, item)) = next.last_removed.take() {
                    next.items = ALL;
                    self.stamps.borrow_mut().reshape(&path, next.version);
                    let r = self.doc.borrow_mut().apply(
                        &s,
                        Edit::InsertItem {
                            path,
                            index,
                            value: item,
                        },
                    );
                    if let Err(e) = r {
                        next.edit_error = Some(e.to_string());
                    }
                    next.reassess();
                }
            }
            Action::SetRules(rules) => {
                next.rules = rules;
                next.reassess();
            }
            // Not a change of the document: the version stays.
            Action::SetMarkings(m) => {
                next.version = self.version;
                if *self.markings != m {
                    next.markings = Rc::new(m);
                    next.rejudge(self.today());
                }
            }
            Action::SetToday(day) => {
                next.version = self.version;
                if day != self.today() {
                    next.rejudge(day);
                }
            }
            Action::Replace(mut doc) => {
                doc.prepare_for_form(&s);
                *self.doc.borrow_mut() = doc;
                next.epoch = next.version;
                next.touched = Rc::new(HashSet::new());
                next.submitted = false;
                next.last_removed = None;
                next.reassess();
            }
        }
        Rc::new(next)
    }
}

/// The most items any repeatable list of `doc` has.
pub fn max_items(doc: &Document) -> usize {
    let mut most = 0;
    let mut stack: Vec<&Group> = vec![&doc.top];
    while let Some(g) = stack.pop() {
        for (_, e) in &g.entries {
            if let Entry::Many(items) = e {
                most = most.max(items.len());
            }
            for it in e.items() {
                if let Item::Group(sub) = it {
                    stack.push(sub);
                }
            }
        }
    }
    most
}
