//! View models: pure functions from (structure, document, report) to what a widget shows.
//! No Yew here, so everything is unit-tested natively (JSON Forms' mapStateToProps).

use std::collections::HashMap;
use std::rc::Rc;

use crate::document::{DataPath, Document, Entry, Group, Item, Plain};
use crate::emit::format_partial_date;
use crate::lang::Lang;
use crate::messages::{issue_message, MessageLang};
use crate::model::{FieldKind, NodeId, NodeKind, Shape, Structure};
use crate::validate::{IssuePaths, Report, Severity};

pub use crate::codes::{code_option_cache, code_options, code_system, CodeOption, CodeSets};

/// Everything a field widget needs, computed once per render.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldVm {
    /// Where the value lives.
    pub path: DataPath,
    /// JSON Pointer of the value.
    pub pointer: String,
    /// DOM id of the input (derived from the JSON Pointer).
    pub dom_id: String,
    /// Label (title, else name) in the current language.
    pub label: String,
    /// True when the label fell back to Finnish.
    pub label_is_fallback: bool,
    /// Required by the schema (where the group is present).
    pub required: bool,
    /// The representation.
    pub kind: FieldKind,
    /// Help text (description) and example.
    pub help: Option<String>,
    /// The implementation note of a conditionally required field.
    pub condition_note: Option<String>,
    /// Show the value without its label (hiddenTitle).
    pub hidden_title: bool,
    /// Current text for single-text widgets (dates shown Finnish style).
    pub text: String,
    /// Current switch state.
    pub checked: Option<bool>,
    /// Current parts by key (Koodi, Tunnus, Määrä).
    pub parts: Vec<(String, String)>,
    /// The part keys in schema order (their index is what a document stores).
    pub part_keys: Vec<String>,
    /// Filled from the host context and not editable here (the case id).
    pub locked: bool,
    /// Choices, when a code list is known (shared: computed once per structure).
    pub options: Rc<Vec<CodeOption>>,
    /// The system URI a Koodi stores (from the schema pattern or classification OID).
    pub code_system: Option<String>,
    /// Issue messages to show now (after touch or an emit attempt).
    pub messages: Vec<(Severity, String)>,
    /// Phrase text of a Fraasi.
    pub phrase: Option<String>,
}

impl FieldVm {
    /// The current text of a part (e.g. `code`), empty when absent.
    pub fn part(&self, key: &str) -> String {
        self.parts
            .iter()
            .find(|p| p.0 == key)
            .map(|p| p.1.clone())
            .unwrap_or_default()
    }
}

/// DOM id for a JSON Pointer: stable, unique per field, no whitespace.
pub fn dom_id(pointer: &str) -> String {
    let mut s = String::with_capacity(pointer.len() + 2);
    s.push_str("sm");
    if !pointer.contains(char::is_whitespace) {
        s.push_str(pointer);
        return s;
    }
    for c in pointer.chars() {
        s.push(if c.is_whitespace() { '_' } else { c });
    }
    s
}

/// Which issues the user sees now: the core always reports all of them; the UI shows a
/// field's issues after it was touched or after an emit attempt.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    /// Paths the user has left (blur/change).
    pub touched: &'a std::collections::HashSet<DataPath>,
    /// An emit was attempted.
    pub submitted: bool,
}

/// What every field's view model is computed from.
#[derive(Clone, Copy)]
pub struct VmCtx<'a> {
    /// The structure.
    pub s: &'a Structure,
    /// The full report.
    pub report: &'a Report,
    /// Its issues by typed path.
    pub issues: &'a IssuePaths,
    /// Which issues to show.
    pub shown: Shown<'a>,
    /// Current language.
    pub lang: Lang,
    /// Host code lists.
    pub sets: &'a CodeSets,
    /// Code options per Koodi node, computed once per structure and code sets
    /// ([`code_option_cache`]); missing entries are computed on the spot.
    pub options: &'a HashMap<NodeId, Rc<Vec<CodeOption>>>,
    /// Fields filled from the host context and locked (the case-id fields while the host
    /// gives a case id).
    pub locked: &'a [NodeId],
}

/// What a group's frame or a repeatable list shows (its fieldset or section), computed when
/// that component draws.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupVm {
    /// DOM id of the frame (from the JSON Pointer): what issue links move focus to.
    pub dom_id: String,
    /// Title (else name) in the current language.
    pub label: String,
    /// True when the label fell back to Finnish.
    pub label_is_fallback: bool,
    /// Drawn without a frame (the structure hides the group's title, `hiddenField`).
    pub flat: bool,
    /// Issues of the group itself (e.g. too few items), shown after an emit attempt.
    pub messages: Vec<(Severity, String)>,
}

/// The view model of the group (or list) `id` at `pointer`. Only a group's own issues are
/// shown on its frame; a list of fields shows its issues on the fields.
pub fn group_vm(cx: &VmCtx<'_>, id: NodeId, path: &DataPath, pointer: &str) -> GroupVm {
    let n = cx.s.node(id);
    let label = n.meta.label_localized(cx.lang);
    let messages = if cx.shown.submitted && n.kind == NodeKind::Group {
        let ml = MessageLang::from(cx.lang);
        cx.issues
            .exactly_at(cx.report, path)
            .map(|i| (i.severity(), issue_message(&i.kind, ml)))
            .collect()
    } else {
        Vec::new()
    };
    GroupVm {
        dom_id: dom_id(pointer),
        label: label.text.to_string(),
        label_is_fallback: label.is_fallback,
        flat: n.meta.hidden_field,
        messages,
    }
}

/// What a repeatable list shows: its frame and what its items allow.
#[derive(Clone, Debug, PartialEq)]
pub struct ListVm {
    /// The list's frame.
    pub frame: GroupVm,
    /// How many items it has.
    pub items: usize,
    /// The fewest items the schema allows (`minItems`): no item can be removed below it.
    pub min_items: u64,
}

impl ListVm {
    /// Whether an item may be removed (more items than the schema's minimum).
    pub fn can_remove(&self) -> bool {
        self.items as u64 > self.min_items
    }
}

/// The view model of the repeatable node `id` at `pointer` holding `entry`.
pub fn list_vm(
    cx: &VmCtx<'_>,
    id: NodeId,
    entry: Option<&Entry>,
    path: &DataPath,
    pointer: &str,
) -> ListVm {
    ListVm {
        frame: group_vm(cx, id, path, pointer),
        items: entry.map_or(0, |e| e.items().len()),
        min_items: cx.s.node(id).repeat.map_or(0, |r| r.min_items),
    }
}

/// Builds the view model of one field instance.
pub fn field_vm(cx: &VmCtx<'_>, item: Option<&Item>, id: NodeId, path: &DataPath) -> FieldVm {
    field_vm_at(cx, item, id, path, path.to_pointer(cx.s))
}

/// [`field_vm`] when the caller already has the path's JSON Pointer.
pub fn field_vm_at(
    cx: &VmCtx<'_>,
    item: Option<&Item>,
    id: NodeId,
    path: &DataPath,
    pointer: String,
) -> FieldVm {
    let VmCtx {
        s,
        report,
        issues,
        shown,
        lang,
        sets,
        options,
        locked,
    } = *cx;
    let locked = locked.contains(&id);
    let n = s.node(id);
    let kind = match &n.kind {
        NodeKind::Field(k) => k.clone(),
        NodeKind::Group => FieldKind::Unknown {
            representation: "Otsikko".into(),
        },
    };
    let label = n.meta.label_localized(lang);
    let mut text = String::new();
    let mut checked = None;
    let mut parts = Vec::new();
    match item {
        Some(Item::Plain(Plain::Text(t))) => {
            text = match kind {
                FieldKind::PartialDate => format_partial_date(t)
                    .map(|d| finnish_short(&d))
                    .unwrap_or_else(|| t.clone()),
                _ => t.clone(),
            }
        }
        Some(Item::Plain(Plain::Bool(b))) => checked = Some(*b),
        Some(Item::Plain(Plain::Number(x))) => text = x.to_string(),
        Some(Item::Parts(p)) => {
            if let Shape::Parts { parts: specs, .. } = &n.shape {
                for (i, v) in &p.values {
                    if let Some(spec) = specs.get(*i as usize) {
                        let t = match v {
                            Plain::Text(t) => t.clone(),
                            Plain::Number(x) => x.to_string(),
                            Plain::Bool(b) => b.to_string(),
                        };
                        parts.push((spec.key.clone(), t));
                    }
                }
            }
        }
        _ => {}
    }
    let show = shown.submitted || shown.touched.contains(path);
    let messages = if show {
        issues
            .at(report, path)
            .map(|i| {
                (
                    i.severity(),
                    issue_message(&i.kind, MessageLang::from(lang)),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let help = match (n.meta.description.get(lang), n.meta.example.get(lang)) {
        (Some(d), Some(e)) => Some(format!(
            "{} {}: {}",
            d.text,
            crate::view::text::ui(crate::view::text::Ui::Example, lang),
            e.text
        )),
        (Some(d), None) => Some(d.text.to_string()),
        (None, Some(e)) => Some(format!(
            "{}: {}",
            crate::view::text::ui(crate::view::text::Ui::Example, lang),
            e.text
        )),
        (None, None) => None,
    };
    let help = if locked {
        let note = crate::view::text::ui(crate::view::text::Ui::CaseIdLocked, lang);
        Some(match help {
            Some(h) => format!("{note} {h}"),
            None => note.to_string(),
        })
    } else {
        help
    };
    FieldVm {
        locked,
        dom_id: dom_id(&pointer),
        pointer,
        path: path.clone(),
        label: label.text.to_string(),
        label_is_fallback: label.is_fallback,
        required: n.required,
        help,
        condition_note: n
            .meta
            .conditional_required
            .then(|| {
                n.meta
                    .implementation_note
                    .get(lang)
                    .map(|t| t.text.to_string())
            })
            .flatten(),
        hidden_title: n.meta.hidden_title,
        text,
        checked,
        parts,
        part_keys: match &n.shape {
            Shape::Parts { parts, .. } => parts.iter().map(|p| p.key.clone()).collect(),
            _ => Vec::new(),
        },
        options: if kind == FieldKind::Code {
            options
                .get(&id)
                .cloned()
                .unwrap_or_else(|| Rc::new(code_options(s, id, sets)))
        } else {
            Rc::default()
        },
        code_system: if kind == FieldKind::Code {
            code_system(s, id)
        } else {
            None
        },
        messages,
        phrase: n.meta.phrase.get(lang).map(|t| t.text.to_string()),
        kind,
    }
}

/// `23.03.2026` → `23.3.2026` (how people type it).
fn finnish_short(d: &str) -> String {
    d.split('.')
        .map(|p| {
            p.strip_prefix('0')
                .filter(|r| !r.is_empty() && p.len() == 2)
                .unwrap_or(p)
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Parses a partial date typed Finnish style (`23.3.2026`, `3.2026`, `2026`) or ISO into
/// the stored ISO form. `None` when it is neither (the raw text is then stored and the
/// validator says why).
pub fn parse_partial_date(input: &str) -> Option<String> {
    let t = input.trim();
    if t.is_empty() {
        return None;
    }
    let is_num = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if t.contains('.') {
        let p: Vec<&str> = t.split('.').filter(|x| !x.is_empty()).collect();
        if !p.iter().all(|x| is_num(x)) {
            return None;
        }
        return match p.as_slice() {
            [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
                Some(format!("{y}-{:0>2}-{:0>2}", m, d))
            }
            [m, y] if y.len() == 4 && m.len() <= 2 => Some(format!("{y}-{:0>2}", m)),
            _ => None,
        };
    }
    let p: Vec<&str> = t.split('-').collect();
    match p.as_slice() {
        [y] if y.len() == 4 && is_num(y) => Some(y.to_string()),
        [y, m] if y.len() == 4 && is_num(y) && m.len() == 2 && is_num(m) => Some(t.to_string()),
        [y, m, d]
            if y.len() == 4
                && is_num(y)
                && m.len() == 2
                && is_num(m)
                && d.len() == 2
                && is_num(d) =>
        {
            Some(t.to_string())
        }
        _ => None,
    }
}

/// Required-field progress over present groups: (filled, total).
pub fn progress(s: &Structure, doc: &Document) -> (usize, usize) {
    fn walk(s: &Structure, id: NodeId, g: &Group, acc: &mut (usize, usize)) {
        for &c in &s.node(id).children {
            let n = s.node(c);
            let e = g.get(c);
            if n.required {
                acc.1 += 1;
                if e.is_some_and(|e| !e.items().is_empty()) {
                    acc.0 += 1;
                }
            }
            if let Some(e) = e {
                for it in e.items() {
                    if let Item::Group(inner) = it {
                        walk(s, c, inner, acc);
                    }
                }
            }
        }
    }
    let mut acc = (0, 0);
    walk(s, s.root(), &doc.top, &mut acc);
    // The document node itself is bookkeeping, not a field people fill.
    if matches!(doc.top.get(s.document_node()), Some(Entry::One(_))) {
        acc.0 -= 1;
    }
    acc.1 -= 1;
    acc
}

/// One line of text for an item of a collapsed list that is not drawn: each filled field
/// as "label: value", in the structure's order, groups' fields in brackets after their
/// label; fields the rules hide (`hidden`) are left out. What find-in-page searches in
/// place of the item's widgets (values as the form shows them: henkilötunnus unmasked).
pub fn item_digest(
    s: &Structure,
    hidden: &std::collections::HashSet<DataPath>,
    lang: Lang,
    id: NodeId,
    item: &Item,
    path: &DataPath,
) -> String {
    fn walk(
        cx: (&Structure, &std::collections::HashSet<DataPath>, Lang),
        id: NodeId,
        item: &Item,
        path: &DataPath,
        out: &mut String,
    ) {
        let (s, hidden, lang) = cx;
        let Item::Group(g) = item else {
            let text = super::correction::change_text(s, id, item, lang);
            out.push_str(text.trim());
            return;
        };
        let mut first = true;
        for &c in &s.node(id).children {
            let cp = path.child(crate::document::PathToken::Node(c));
            let Some(e) = g.get(c).filter(|_| !hidden.contains(&cp)) else {
                continue;
            };
            for (k, it) in e.items().iter().enumerate() {
                let ip = match e {
                    Entry::Many(_) => cp.child(crate::document::PathToken::Index(k)),
                    Entry::One(_) => cp.clone(),
                };
                let mut part = String::new();
                walk(cx, c, it, &ip, &mut part);
                if part.is_empty() {
                    continue;
                }
                if !first {
                    out.push_str("; ");
                }
                first = false;
                out.push_str(s.node(c).meta.label(lang));
                if matches!(it, Item::Group(_)) {
                    out.push_str(" (");
                    out.push_str(&part);
                    out.push(')');
                } else {
                    out.push_str(": ");
                    out.push_str(&part);
                }
            }
        }
    }
    let mut out = String::new();
    walk((s, hidden, lang), id, item, path, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list's frame and what its items allow: the schema's `minItems` (DOMAIN.md:
    /// required repeatable groups) decides whether an item can be removed; a group's own
    /// issues show on its frame only after an emit attempt.
    #[test]
    fn list_and_group_view_models() {
        let s = Structure::from_json(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/structures/demo-kertomus.json"
            ))
            .unwrap(),
        )
        .unwrap();
        let doc = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"asiakas":[]}}"#).unwrap();
        let report = crate::validate::validate(&s, &doc, &crate::validate::Rules::default());
        let asiakas = s.child_by_key(s.document_node(), "asiakas").unwrap();
        let path = DataPath::root()
            .child(crate::document::PathToken::Node(s.document_node()))
            .child(crate::document::PathToken::Node(asiakas));
        let pointer = path.to_pointer(&s);
        let touched = std::collections::HashSet::new();
        let options = HashMap::new();
        let sets = CodeSets::default();
        let issues = crate::validate::IssuePaths::new(&report);
        let cx = |submitted| VmCtx {
            s: &s,
            report: &report,
            issues: &issues,
            shown: Shown {
                touched: &touched,
                submitted,
            },
            lang: Lang::Sv,
            sets: &sets,
            options: &options,
            locked: &[],
        };
        let entry = doc.entry(&path);
        let before = list_vm(&cx(false), asiakas, entry, &path, &pointer);
        assert_eq!((before.items, before.min_items), (0, 1));
        assert!(!before.can_remove());
        assert!(before.frame.messages.is_empty());
        assert_eq!(before.frame.dom_id, dom_id(&pointer));
        let after = list_vm(&cx(true), asiakas, entry, &path, &pointer);
        assert_eq!(after.frame.messages.len(), 1, "{:?}", report.issues);
        assert_eq!(after.frame.messages[0].0, Severity::Error);
    }

    #[test]
    fn partial_date_input_table() {
        let cases = [
            ("23.3.2026", Some("2026-03-23")),
            ("3.2026", Some("2026-03")),
            ("2026", Some("2026")),
            ("2026-03-23", Some("2026-03-23")),
            ("2026-03", Some("2026-03")),
            (" 1.12.2026 ", Some("2026-12-01")),
            ("23/3/2026", None),
            ("huomenna", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_partial_date(input).as_deref(), want, "{input}");
        }
        assert_eq!(finnish_short("03.01.2026"), "3.1.2026");
    }

    #[test]
    fn dom_ids() {
        assert_eq!(dom_id("/a/0/b c"), "sm/a/0/b_c");
    }
}
