//! Editor state: the only place edits, markings, rules and the day are applied (Yew
//! `Reducible`), holding the document's one [`Assessment`].
//!
//! The document lives in one shared cell and is edited in place: no whole-document clone
//! per keystroke. Each change of the document bumps `version`, which is what components
//! compare. What to draw when ([`RevealPlan`], [`Stamps`]) is in [`super::drawing`].

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use yew::Reducible;

use chrono::NaiveDate;

use crate::assess::{assess, Assessment, Context};
use crate::context::{Code, Version};
use crate::document::{DataPath, Document, Edit, Entry, Item, PathToken};
use crate::emit::RenderOptions;
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
    SetMarkings(Box<Markings>),
    /// Another day (the host's `today` changed).
    SetToday(NaiveDate),
    /// Draw the form up to this step of its `RevealPlan` (`ALL`: the whole form).
    Reveal(u32),
    /// Draw this many items of every repeatable list (`ALL`: every item).
    RevealItems(u32),
    /// Draw this many lines of text of every collapsed list's other items (`ALL`: all).
    RevealDigests(u32),
    /// Open every collapsed list on the way to this path, and the list at it (a long list
    /// shows its first items until opened).
    Open(DataPath),
    /// Draw the next items of every open list not yet drawn whole.
    OpenMore,
    /// The host context's case id changed (`None`: no case id; the fields are editable).
    SetCaseId(Option<String>),
    /// Start correcting an archived version: its document and markings are loaded.
    Correct(Rc<Correction>),
    /// The reason of correction (a code from the host's list; `None`: not chosen).
    CorrectionReason(Option<Code>),
    /// The correction explained in words.
    CorrectionText(String),
}

pub use super::drawing::{
    list_sizes, lists_in, lists_of, Collapse, ListSizes, RevealPlan, Stamps, ALL,
};

/// The editor's state.
#[derive(Clone)]
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
    /// How many of each collapsed list's other items are drawn as their lines of text
    /// ([`ALL`], the default: all); a long list's lines come a step at a time after its
    /// items ([`RevealPlan::next_digests`]).
    pub digests: u32,
    /// The long lists opened, with how many of their items are drawn ([`ALL`]: all);
    /// a long list not here shows its first items.
    pub open: Rc<HashMap<DataPath, u32>>,
    /// The host context's case id: the fields whose notes tie them to it hold it.
    pub case_id: Option<Rc<str>>,
    /// Those fields while there is a case id: filled from it and not editable.
    pub locked: Rc<Vec<NodeId>>,
    /// The archived version being corrected, when this is a correction.
    pub correction: Option<Rc<Correction>>,
    /// What changed since the archived version ([`crate::document::diff`]), found once per
    /// change of a correction; empty otherwise.
    pub changes: Rc<Vec<crate::document::Change>>,
}

/// An archived version being corrected: what it was, and the version that replaces it
/// (seed 002 §4.1: corrections are new versions of the same set).
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    /// The archived document: the "before" of the before/after view.
    pub previous: Rc<Document>,
    /// The archived markings (a change to them is a change of the version too).
    pub previous_markings: Markings,
    /// The new version: the set id, the number one up, what it replaces, and the reason
    /// and text the worker gives in the editor.
    pub version: Version,
}

/// What a worker does in the correction panel.
#[derive(Clone, Debug, PartialEq)]
pub enum CorrectionEdit {
    /// The reason of correction chosen or typed (`None`: cleared).
    Reason(Option<crate::context::Code>),
    /// The text explaining it (blank: none).
    Text(String),
}

impl Correction {
    /// The correction after the worker's edit. Pure.
    pub fn with(&self, edit: CorrectionEdit) -> Correction {
        let mut c = self.clone();
        match edit {
            CorrectionEdit::Reason(code) => c.version.reason = code,
            CorrectionEdit::Text(t) => c.version.text = Some(t).filter(|t| !t.trim().is_empty()),
        }
        c
    }
}

/// The host's rules laid over the structure's own
/// ([`crate::validate::structure_rules::with_structure_rules`]; `structure_rules: false`:
/// the host's alone). Found when an editor starts and when the host's rules or the switch
/// change, not per render.
pub fn applied_rules(s: &Structure, host: &Rc<Rules>, structure_rules: bool) -> Rc<Rules> {
    Rc::new(crate::validate::structure_rules::with_structure_rules(
        s,
        (**host).clone(),
        crate::validate::RuleOptions { structure_rules },
    ))
}

/// The host's markings with what its context (`render.host`) says of the same facts,
/// resolved by [`crate::resolve`] (one palvelutehtävä, one client). On a conflict the
/// markings stay as given: the element fires the conflict's code and the bundle refuses
/// ([`crate::emit::Refusal::Conflict`]).
pub fn host_markings(markings: Option<&Markings>, render: &RenderOptions) -> Markings {
    let m = markings.cloned().unwrap_or_default();
    let inputs = crate::resolve::HostInputs {
        markings: m.clone(),
        context: render.host.clone(),
        ..Default::default()
    };
    crate::resolve::resolve(&inputs).map_or(m, |o| o.markings)
}

/// What an editor starts from: the [`super::Editor`]'s props as its first render reads
/// them ([`StartInputs::of`]): the markings resolved with the host context, the day
/// decided.
#[derive(Clone, Debug)]
pub struct StartInputs {
    structure: Rc<Structure>,
    document: Option<Rc<Document>>,
    rules: Rc<Rules>,
    structure_rules: bool,
    markings: Markings,
    today: NaiveDate,
    case_id: Option<String>,
    lang: Lang,
}

impl StartInputs {
    /// The inputs of an editor with these props (the names of [`super::EditorProps`]):
    /// the markings resolved with `render.host` (`host_markings`), the day `render`'s
    /// (else today in Finland: a clock read, the edge), the case id `render.host`'s.
    pub fn new(
        structure: Rc<Structure>,
        document: Option<Rc<Document>>,
        rules: Rc<Rules>,
        structure_rules: bool,
        markings: Option<&Markings>,
        render: &RenderOptions,
        lang: Lang,
    ) -> StartInputs {
        StartInputs {
            structure,
            document,
            rules,
            structure_rules,
            markings: host_markings(markings, render),
            today: render.today(),
            case_id: render.host.as_ref().and_then(|h| h.case_id.clone()),
            lang,
        }
    }

    /// The inputs of an editor mounted with `props`.
    pub fn of(props: &super::EditorProps) -> StartInputs {
        StartInputs::new(
            props.structure.clone(),
            props.document.clone(),
            props.rules.clone(),
            props.structure_rules,
            props.markings.as_deref(),
            &props.render,
            props.lang,
        )
    }

    /// The same inputs: the shared ones by identity (the same structure, document and
    /// rules objects), the rest by value. A start made for other inputs is never used.
    fn same(&self, o: &StartInputs) -> bool {
        Rc::ptr_eq(&self.structure, &o.structure)
            && match (&self.document, &o.document) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && Rc::ptr_eq(&self.rules, &o.rules)
            && self.structure_rules == o.structure_rules
            && self.markings == o.markings
            && self.today == o.today
            && self.case_id == o.case_id
            && self.lang == o.lang
    }
}

/// How far a [`Start`] has come.
enum Stage {
    /// Nothing done yet.
    Begun,
    /// The rules found and the document copied and prepared for the form.
    Ruled(Rc<Rules>, Document),
    /// The facts and the fields the rules hide.
    Hidden(Rc<Rules>, Document, Box<crate::assess::Hidden>),
    /// Judged: the facts, the hidden fields and the report (the first half of the
    /// assessment).
    Judged(Rc<Rules>, Document, Box<crate::assess::Judged>),
    /// The state, assessed.
    Done(Box<EditorState>),
    /// Taken by an editor.
    Taken,
}

/// An editor's start done a step at a time, so a host can give each step a task of its
/// own and the page paints and takes input between them (the bound: no main-thread block
/// over 200 ms; for a 4 MB document the steps together were one task of ~430 ms). The
/// steps: (1) the rules laid over the structure's own, and the document copied and
/// prepared for the form; (2) the facts and hidden fields; (3) the report; (4) their
/// index for the form (the assessment in three steps, [`crate::assess::Hidden`],
/// [`crate::assess::Judged`]) and the case id's fields. The [`super::Editor`] takes the state when it mounts with the same inputs
/// ([`StartInputs`]); for other inputs (a stale start) it starts anew. An editor without
/// one runs the same steps at once: one way through.
pub(crate) struct Start {
    inputs: StartInputs,
    stage: Stage,
}

impl Start {
    /// A start for `inputs`, nothing done yet.
    pub(crate) fn new(inputs: StartInputs) -> Start {
        Start {
            inputs,
            stage: Stage::Begun,
        }
    }

    /// Does the next step: true when one was done, false when there was none left.
    pub(crate) fn step(&mut self) -> bool {
        let i = &self.inputs;
        self.stage = match std::mem::replace(&mut self.stage, Stage::Taken) {
            Stage::Begun => {
                let rules = applied_rules(&i.structure, &i.rules, i.structure_rules);
                let mut doc = i.document.as_deref().cloned().unwrap_or_default();
                doc.prepare_for_form(&i.structure);
                super::mark("sosmeta:rules");
                Stage::Ruled(rules, doc)
            }
            Stage::Ruled(rules, doc) => {
                let context = Context { today: i.today };
                let hidden =
                    crate::assess::Hidden::of(&i.structure, &doc, &rules, &i.markings, context);
                Stage::Hidden(rules, doc, Box::new(hidden))
            }
            Stage::Hidden(rules, doc, hidden) => {
                let judged = hidden.judged(&i.structure, &doc, &rules, &i.markings);
                Stage::Judged(rules, doc, Box::new(judged))
            }
            Stage::Judged(rules, doc, judged) => {
                let st = EditorState::of_assessed(
                    i.structure.clone(),
                    rules,
                    doc,
                    judged.indexed(),
                    i.lang,
                    i.markings.clone(),
                )
                .with_case_id(i.case_id.as_deref());
                super::mark("sosmeta:assessed");
                Stage::Done(Box::new(st))
            }
            done => {
                self.stage = done;
                return false;
            }
        };
        true
    }

    /// The state for `inputs`: this start's when it was made for the same ones (its
    /// remaining steps done now), else a new one. Leaves this start taken.
    pub(crate) fn finish(&mut self, inputs: StartInputs) -> EditorState {
        if !self.inputs.same(&inputs) {
            *self = Start::new(inputs);
        }
        loop {
            match std::mem::replace(&mut self.stage, Stage::Taken) {
                Stage::Done(st) => return *st,
                // Taken before: the same steps again.
                Stage::Taken => self.stage = Stage::Begun,
                other => {
                    self.stage = other;
                    self.step();
                }
            }
        }
    }
}

/// An editor's start done ahead, a step at a time, shared between a host and the editor
/// it mounts (the [`super::Editor`]'s `start` prop), so the host can give each step a task
/// of its own and the page paints and takes input between them. The steps: (1) the host's
/// rules laid over the structure's own, and the document copied and prepared for the
/// form; then the assessment, in three steps. The editor takes the result when it
/// mounts with the same inputs ([`StartInputs`]), else starts anew. Compared by identity.
#[derive(Clone, Default)]
pub struct SharedStart(Rc<RefCell<Option<Start>>>);

impl PartialEq for SharedStart {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for SharedStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedStart")
    }
}

impl SharedStart {
    /// A shared start for `inputs`.
    pub fn new(inputs: StartInputs) -> SharedStart {
        SharedStart(Rc::new(RefCell::new(Some(Start::new(inputs)))))
    }

    /// Does the next step; false when none is left or the editor took it.
    pub fn step(&self) -> bool {
        self.0.borrow_mut().as_mut().is_some_and(Start::step)
    }

    /// The state for `inputs` (`Start::finish`); the start is let go (a stale one too:
    /// its copy of the document is freed).
    pub(crate) fn finish(&self, inputs: StartInputs) -> EditorState {
        let mut start = self.0.borrow_mut().take().unwrap_or_else(|| Start::new(inputs.clone()));
        start.finish(inputs)
    }
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
            && self.digests == other.digests
            && Rc::ptr_eq(&self.open, &other.open)
            && Rc::ptr_eq(&self.locked, &other.locked)
            && Rc::ptr_eq(&self.changes, &other.changes)
            && self.correction == other.correction
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
        let assessment = assess(&structure, &doc, &rules, &markings, context);
        EditorState::of_assessed(structure, rules, doc, assessment, lang, markings)
    }

    /// A state for `doc` already prepared for the form ([`Document::prepare_for_form`])
    /// and assessed: with the drawing plan.
    fn of_assessed(
        structure: Rc<Structure>,
        rules: Rc<Rules>,
        doc: Document,
        assessment: Assessment,
        lang: Lang,
        markings: Markings,
    ) -> EditorState {
        let assessment = Rc::new(assessment);
        let plan = Rc::new(RevealPlan::new(
            &structure,
            RevealPlan::FIRST,
            RevealPlan::CHUNK,
        ));
        EditorState {
            plan,
            reveal: ALL,
            items: ALL,
            digests: ALL,
            open: Rc::default(),
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
            case_id: None,
            locked: Rc::default(),
            correction: None,
            changes: Rc::default(),
        }
    }

    /// The options a bundle of this state is made with, resolved by [`crate::resolve`]: the
    /// host's `base` with the editor's language, markings and day, the document's time (the
    /// host's, else now at the emit) and, for a correction, its version with the
    /// worker's reason. `Err`: the inputs disagree.
    pub fn resolved(
        &self,
        base: &RenderOptions,
        today: NaiveDate,
    ) -> Result<RenderOptions, Vec<crate::resolve::Conflict>> {
        crate::resolve::resolve(&crate::resolve::HostInputs {
            markings: (*self.markings).clone(),
            context: base.host.clone(),
            doc_oid: base.doc_oid.clone(),
            organisation: base.organisation.clone(),
            today: Some(today),
            // The host's time when it gives one; else the clock's at the emit (the edge).
            now: base.now,
            lang: self.lang,
            correction: self.correction.as_ref().map(|c| c.version.clone()),
        })
    }

    /// Everything that stands between this state and a signed-ready bundle on `today`: the
    /// one answer the Editor's button, the element's `validate()` and `emit()` give
    /// ([`crate::emit::refusals`]).
    pub fn refusals(&self, base: &RenderOptions, today: NaiveDate) -> Vec<crate::emit::Refusal> {
        match self.resolved(base, today) {
            Ok(opts) => crate::emit::refusals(
                &self.structure,
                &self.doc.borrow(),
                &self.assessment_on(today),
                &opts,
            ),
            Err(conflicts) => vec![crate::emit::Refusal::Conflict { conflicts }],
        }
    }

    /// The signed-ready bundle of this state on `today`, or why not: the one emit path.
    pub fn bundle(
        &self,
        base: &RenderOptions,
        today: NaiveDate,
    ) -> Result<crate::emit::Bundle, crate::emit::Refused> {
        let a = self.assessment_on(today);
        match self.resolved(base, today) {
            Ok(opts) => {
                crate::emit::render_bundle_assessed(&self.structure, &self.doc.borrow(), &a, &opts)
            }
            Err(conflicts) => Err(crate::emit::Refused {
                reasons: vec![crate::emit::Refusal::Conflict { conflicts }],
                report: a.report.clone(),
            }),
        }
    }

    /// The markings' changes since the archived version.
    pub fn marking_changes(&self) -> Vec<crate::restrict::MarkingChange> {
        match &self.correction {
            Some(c) => crate::restrict::marking_changes(&c.previous_markings, &self.markings),
            None => Vec::new(),
        }
    }

    /// Starts correcting an archived version: its document and markings are loaded; what
    /// the user had done is forgotten.
    pub fn start_correction(&mut self, c: Rc<Correction>) {
        self.markings = Rc::new(c.previous_markings.clone());
        let doc = (*c.previous).clone();
        self.correction = Some(c);
        self.replace_document(doc);
    }

    /// Takes a whole new document (a load, or an archived version to correct): prepared
    /// for the form, the case id filled in, everything drawn again, what the user had seen
    /// and removed forgotten, assessed.
    fn replace_document(&mut self, mut doc: Document) {
        doc.prepare_for_form(&self.structure);
        *self.doc.borrow_mut() = doc;
        self.fill_case_id();
        self.epoch = self.version;
        self.touched = Rc::new(HashSet::new());
        self.submitted = false;
        self.last_removed = None;
        self.open = Rc::default();
        self.reassess();
    }

    /// Finds the changes since the archived version again (a correction only).
    fn rediff(&mut self) {
        if let Some(c) = &self.correction {
            self.changes = Rc::new(crate::document::diff(
                &self.structure,
                &c.previous,
                &self.doc.borrow(),
            ));
        }
    }

    /// This state with the host context's case id: its fields filled and locked.
    pub fn with_case_id(mut self, case_id: Option<&str>) -> EditorState {
        self.take_case_id(case_id.map(str::to_string));
        self
    }

    /// Takes a case id: fills and locks its fields, or unlocks them. False when it is the
    /// case id already taken (blank is none): nothing changed.
    fn take_case_id(&mut self, case_id: Option<String>) -> bool {
        let case_id: Option<Rc<str>> = case_id
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .map(Rc::from);
        if case_id == self.case_id {
            // Nothing to fill, lock or unlock: a state built without a case id is not
            // assessed a second time (it was a whole second assessment on first paint).
            return false;
        }
        self.locked = Rc::new(if case_id.is_some() {
            self.structure.case_id_nodes()
        } else {
            Vec::new()
        });
        self.case_id = case_id;
        // Every field draws again (their locks changed).
        self.epoch = self.version;
        self.fill_case_id();
        self.reassess();
        true
    }

    /// Writes the case id into its fields where they are present or can be made.
    fn fill_case_id(&self) {
        let Some(case) = self.case_id.clone() else {
            return;
        };
        let mut doc = self.doc.borrow_mut();
        for &n in self.locked.iter() {
            for path in doc.fill_identifier(&self.structure, n, &case) {
                self.stamps.borrow_mut().touch(&path, self.version);
            }
        }
    }

    /// True when `edit` would change a locked field.
    fn is_locked(&self, edit: &Edit) -> bool {
        match edit {
            Edit::Set { path, .. } | Edit::Clear { path } => {
                path.last_node().is_some_and(|n| self.locked.contains(&n))
            }
            _ => false,
        }
    }

    fn next(&self) -> EditorState {
        EditorState {
            version: self.version + 1,
            edit_error: None,
            ..self.clone()
        }
    }

    /// True when the whole form is drawn (every node, every item, and every item of the
    /// lists opened).
    pub fn is_drawn(&self) -> bool {
        self.reveal == ALL
            && self.items == ALL
            && self.digests == ALL
            && self.open.values().all(|&c| c == ALL)
    }

    /// How many items of the list at `list` are drawn now.
    pub fn drawn_items(&self, list: &DataPath) -> usize {
        let doc = self.doc.borrow();
        let items = doc.entry(list).map_or(&[][..], Entry::items);
        Collapse::drawn(items, self.items, self.open.get(list).copied())
    }

    /// Opens every collapsed list on the way to `path` whose item there is not visible, and
    /// the list at `path` itself: each opened list is drawn again, a step at a time.
    fn open_to(&mut self, path: &DataPath) {
        let doc = self.doc.borrow();
        let mut open: Option<HashMap<DataPath, u32>> = None;
        for k in 1..=path.0.len() {
            if !matches!(path.0[k - 1], PathToken::Node(_)) {
                continue;
            }
            let list = DataPath(path.0[..k].to_vec());
            let Some(Entry::Many(items)) = doc.entry(&list) else {
                continue;
            };
            let visible = Collapse::visible(items);
            let hidden = match path.0.get(k) {
                None => true,
                Some(PathToken::Index(i)) => *i >= visible,
                Some(_) => false,
            };
            if visible < items.len() && hidden && !self.open.contains_key(&list) {
                self.stamps.borrow_mut().bump(&list);
                open.get_or_insert_with(|| (*self.open).clone())
                    .insert(list, visible as u32);
            }
        }
        if let Some(o) = open {
            self.open = Rc::new(o);
        }
    }

    /// The validation report of the current document.
    pub fn report(&self) -> &Report {
        &self.assessment.report
    }

    /// Today's date the document is assessed on.
    pub fn today(&self) -> NaiveDate {
        self.assessment.today()
    }

    /// Assesses the document again (after an edit, a load or new rules), and finds a
    /// correction's changes.
    fn reassess(&mut self) {
        self.rediff();
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
        (*self.assessment).clone().rejudged(
            &self.structure,
            &self.doc.borrow(),
            &self.markings,
            day,
        )
    }

    /// Judges the markings again (new markings or another day): the report stays.
    fn rejudge(&mut self, today: NaiveDate) {
        self.assessment = Rc::new(self.judged(today));
    }
    /// `next` after a document edit: applied, the removed item kept for undo, a new item
    /// filled (the case id too), assessed again; an edit the document refuses is said.
    fn edited(&self, next: &mut EditorState, edit: Edit) {
        let s = self.structure.clone();
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
                Edit::Set { path, .. } | Edit::Clear { path } => st.touch(path, next.version),
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
                    drop(doc);
                    next.fill_case_id();
                    // The new item is at the end of a long list: it is opened.
                    next.open_to(&list);
                }
                next.reassess();
            }
            Err(e) => next.edit_error = Some(e.to_string()),
        }
    }
}

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.next();
        let s = self.structure.clone();
        match action {
            // The case id comes from the host: its fields take no edits.
            Action::Edit(edit) if self.is_locked(&edit) => {
                next.version = self.version;
                next.edit_error = Some(format!(
                    "{}: the case id comes from the host context",
                    match &edit {
                        Edit::Set { path, .. } | Edit::Clear { path } => path.to_pointer(&s),
                        _ => String::new(),
                    }
                ));
            }
            Action::Edit(edit) => self.edited(&mut next, edit),
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
                next.digests = ALL;
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
            Action::RevealDigests(n) => {
                next.version = self.version;
                next.digests = next.digests.max(n);
            }
            // Not a change of the document either.
            Action::Open(path) => {
                next.version = self.version;
                next.open_to(&path);
            }
            Action::OpenMore => {
                next.version = self.version;
                let doc = self.doc.borrow();
                let mut open = (*self.open).clone();
                for (list, count) in open.iter_mut().filter(|(_, c)| **c != ALL) {
                    let items = doc.entry(list).map_or(&[][..], Entry::items);
                    *count = Collapse::next_open(*count, items);
                    self.stamps.borrow_mut().bump(list);
                }
                next.open = Rc::new(open);
            }
            Action::SetLang(lang) => next.lang = lang,
            // The element dispatches the correction at once (an `emit()` in the same task
            // must see it) and the props bring the same one again: started once.
            Action::Correct(c) if self.correction.as_ref().is_some_and(|o| Rc::ptr_eq(o, &c)) => {
                next.version = self.version;
            }
            Action::Correct(c) => next.start_correction(c),
            Action::CorrectionReason(code) => {
                next.version = self.version;
                next.correction = self
                    .correction
                    .as_ref()
                    .map(|c| Rc::new(c.with(CorrectionEdit::Reason(code))));
            }
            Action::CorrectionText(text) => {
                next.version = self.version;
                next.correction = self
                    .correction
                    .as_ref()
                    .map(|c| Rc::new(c.with(CorrectionEdit::Text(text))));
            }
            Action::SetCaseId(c) => {
                if !next.take_case_id(c) {
                    next.version = self.version;
                }
            }
            Action::UndoRemove => {
                if let Some((path, index, item)) = next.last_removed.take() {
                    next.items = ALL;
                    self.stamps.borrow_mut().reshape(&path, next.version);
                    let r = self.doc.borrow_mut().apply(
                        &s,
                        Edit::InsertItem {
                            path: path.clone(),
                            index,
                            value: item,
                        },
                    );
                    if let Err(e) = r {
                        next.edit_error = Some(e.to_string());
                    }
                    next.open_to(&path.child(PathToken::Index(index)));
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
                if *self.markings != *m {
                    next.markings = Rc::new(*m);
                    next.rejudge(self.today());
                }
            }
            Action::SetToday(day) => {
                next.version = self.version;
                if day != self.today() {
                    next.rejudge(day);
                }
            }
            Action::Replace(doc) => next.replace_document(doc),
        }
        Rc::new(next)
    }
}
