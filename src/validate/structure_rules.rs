//! The rules a structure brings with it, applied by default. PURE: no I/O.
//!
//! THL states a structure's conditions in Finnish prose only. Two sources turn that prose
//! into machine rules:
//! - **derived**: what [`super::derive`] reads out of the notes itself (any structure,
//!   including ones nobody here has seen and authors' drafts);
//! - **curated**: rules a person wrote from a note the translator cannot read
//!   (`rules/curated.rules.json`, keyed by structure OID, each with the note it comes
//!   from), compiled into the component.
//!
//! Conditions no machine can check (an earlier phase of the process, an old client
//! relationship, …) are listed with the reason in `rules/uncheckable.json` and stay
//! warnings. [`effective_rules`] lays the host's own rules file over the structure's rules
//! field by field ([`Rules::overlaid`]); [`RuleOptions::structure_rules`] `false` (CLI
//! `--no-derived-rules`, element `derived-rules="false"`) leaves only the host's.

use std::sync::OnceLock;

use serde::Deserialize;

use super::derive::{derive_rules, Derivation};
use super::{RuleSet, RuleSource, Rules, RulesError};
use crate::model::{NodeId, Structure};

/// The curated rules file compiled into the component (`rules/curated.rules.json`).
pub const CURATED_RULES_JSON: &str = include_str!("../../rules/curated.rules.json");

/// The list of conditions no machine can check (`rules/uncheckable.json`).
pub const UNCHECKABLE_JSON: &str = include_str!("../../rules/uncheckable.json");

/// Which rules apply to a document besides the host's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleOptions {
    /// Apply the structure's own rules (derived and curated). Default: yes.
    pub structure_rules: bool,
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions {
            structure_rules: true,
        }
    }
}

/// The structure's own rules and what is known of its conditional fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StructureRules {
    /// Derived and curated rules (a curated rule replaces a derived one on the same field).
    pub rules: Rules,
    /// What the translator read and left unread.
    pub derivation: Derivation,
    /// Curated rules that do not fit this structure (a draft under a published OID):
    /// left out, with why.
    pub curated_errors: Vec<RulesError>,
}

impl StructureRules {
    /// Every rule with its source (a derived one with the field whose note it was read
    /// from), every conditional field left as a warning with why, and every display
    /// sentence not applied with why: what `sosmeta rules` prints and the golden file of
    /// all rules over the shared structures holds, one line each.
    pub fn review(&self, s: &Structure) -> Vec<String> {
        let mut out = Vec::new();
        for (r, spec) in self.rules.rules.iter().zip(self.rules.specs(s)) {
            let at = self
                .derivation
                .rules
                .iter()
                .find(|d| d.rule == spec)
                .map(|d| format!(" (read at {})", s.key_path(d.from)))
                .unwrap_or_default();
            let v = serde_json::to_string(&spec).unwrap_or_default();
            out.push(format!("{} rule{at}: {v}", r.source.name()));
        }
        for (id, h) in handling(s, &self.rules, self) {
            match h {
                Handling::Uncheckable(why) => {
                    out.push(format!("uncheckable at {}: {why}", s.key_path(id)))
                }
                Handling::ProseOnly(why) => {
                    out.push(format!("prose only at {}: {why}", s.key_path(id)))
                }
                Handling::Rule(_) => {}
            }
        }
        for d in &self.derivation.display {
            if let Err(why) = &d.read {
                out.push(format!(
                    "display rule not applied at {}: {why} -- \"{}\"",
                    s.key_path(d.node),
                    d.sentence
                ));
            }
        }
        for e in &self.curated_errors {
            out.push(format!("curated rule does not fit: {e}"));
        }
        out
    }
}

/// The structure's own rules: derived from its prose, then the curated ones laid over.
pub fn structure_rules(s: &Structure) -> StructureRules {
    let derivation = derive_rules(s);
    // The translator only names fields of this structure, so its rules compile; one that
    // did not would be left out, never guessed at.
    let specs = derivation.rules.iter().map(|d| d.rule.clone()).collect();
    let (derived, _) = RuleSet::from_specs(&s.meta.oid, specs).compile_each(s, RuleSource::Derived);
    // Most structures have no curated rule: the file is only read when it names this one.
    let (curated, curated_errors) = if CURATED_RULES_JSON.contains(&format!("\"{}\"", s.meta.oid)) {
        curated().compile_each(s, RuleSource::Curated)
    } else {
        Default::default()
    };
    StructureRules {
        rules: derived.overlaid(curated),
        derivation,
        curated_errors,
    }
}

/// The rules that apply to a document of `s`: the structure's own (unless `options` turn
/// them off) with the host's rules file laid over them field by field.
///
/// ```
/// use sosmeta_editor::{effective_rules, RuleOptions, RuleSet, Structure};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-lapsi.json").unwrap()).unwrap();
/// let rules = effective_rules(&s, None, RuleOptions::default()).unwrap();
/// assert!(!rules.rules.is_empty()); // read from the structure's prose
/// let none = effective_rules(&s, None, RuleOptions { structure_rules: false }).unwrap();
/// assert!(none.rules.is_empty());
/// ```
pub fn effective_rules(
    s: &Structure,
    host: Option<&RuleSet>,
    options: RuleOptions,
) -> Result<Rules, RulesError> {
    let host = match host {
        Some(h) => h.compile(s)?,
        None => Rules::default(),
    };
    Ok(with_structure_rules(s, host, options))
}

/// Compiled host rules `host` laid over the structure's own (unless `options` turn them
/// off): what the [`crate::view::Editor`] applies to its `rules` prop.
pub fn with_structure_rules(s: &Structure, host: Rules, options: RuleOptions) -> Rules {
    if !options.structure_rules {
        return host;
    }
    structure_rules(s).rules.overlaid(host)
}

/// The curated rules file, read once. It is checked by the tests; were it ever unreadable,
/// no curated rule applies (the derived ones still do).
pub fn curated() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| RuleSet::from_json(CURATED_RULES_JSON).unwrap_or_default())
}

/// One condition no machine can check.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncheckable {
    /// The field's key path.
    pub field: String,
    /// Why no machine can check it.
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UncheckableFile {
    uncheckable: std::collections::BTreeMap<String, Vec<Uncheckable>>,
}

/// The uncheckable conditions of `s` (fields the list names that are in `s`), with why.
pub fn uncheckable(s: &Structure) -> Vec<(NodeId, String)> {
    static FILE: OnceLock<std::collections::BTreeMap<String, Vec<Uncheckable>>> = OnceLock::new();
    let file = FILE.get_or_init(|| {
        // The library's one JSON text reader (serde_json's would add a second to the wasm).
        crate::json::parse(UNCHECKABLE_JSON)
            .ok()
            .and_then(|v| serde_json::from_value::<UncheckableFile>(v).ok())
            .map(|f| f.uncheckable)
            .unwrap_or_default()
    });
    file.get(&s.meta.oid)
        .into_iter()
        .flatten()
        .filter_map(|u| Some((s.resolve_key_path(&u.field)?, u.reason.clone())))
        .collect()
}

/// How a conditionally required field's condition is handled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Handling {
    /// A rule enforces it; from this source (the host's, derived or curated).
    Rule(RuleSource),
    /// No machine can check it: a warning, with why.
    Uncheckable(String),
    /// The translator could not read it and nobody has curated it: a warning, with why.
    ProseOnly(String),
}

/// Every `conditionalRequired` field of `s` and how its condition is handled under
/// `rules` (the effective rules) and the structure's own rules `own`.
pub fn handling(s: &Structure, rules: &Rules, own: &StructureRules) -> Vec<(NodeId, Handling)> {
    let unchecked: std::collections::HashMap<NodeId, String> =
        uncheckable(s).into_iter().rev().collect();
    let sources = rules.sources();
    let mut unread = std::collections::HashMap::new();
    for u in own.derivation.unread.iter().rev() {
        unread.insert(u.node, u.reason.to_string());
    }
    s.ids()
        .skip(1)
        .filter(|&id| s.node(id).meta.conditional_required)
        .map(|id| {
            let h = if let Some(src) = sources.get(&id) {
                Handling::Rule(*src)
            } else if let Some(why) = unchecked.get(&id) {
                Handling::Uncheckable(why.clone())
            } else {
                let why = unread
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| "no rule applies".into());
                Handling::ProseOnly(why)
            };
            (id, h)
        })
        .collect()
}

/// Counts of how a structure's conditions are handled (`sosmeta rules` prints them; the
/// README table is its output over the shared structures).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// `conditionalRequired` fields.
    pub conditional: usize,
    /// … covered by a derived rule.
    pub derived: usize,
    /// … covered by a curated rule (and no derived one).
    pub curated: usize,
    /// … no machine can check (listed with why).
    pub uncheckable: usize,
    /// … left as prose: the translator cannot read it and nobody has curated it.
    pub prose_only: usize,
    /// Rules read from prose.
    pub derived_rules: usize,
    /// Curated rules that apply.
    pub curated_rules: usize,
    /// Display sentences applied as `hiddenWhen` rules.
    pub display_applied: usize,
    /// Display sentences not applied (listed with why).
    pub display_not_applied: usize,
}

impl Summary {
    /// Column names of [`Summary::columns`].
    pub const HEADER: &'static str = "structure                                conditional derived curated uncheckable prose-only display-applied display-not-applied";

    /// The counts of `s` under its own rules `own`.
    pub fn of(s: &Structure, own: &StructureRules) -> Summary {
        let mut sum = Summary::default();
        for (_, h) in handling(s, &own.rules, own) {
            sum.conditional += 1;
            match h {
                Handling::Rule(RuleSource::Curated) => sum.curated += 1,
                Handling::Rule(_) => sum.derived += 1,
                Handling::Uncheckable(_) => sum.uncheckable += 1,
                Handling::ProseOnly(_) => sum.prose_only += 1,
            }
        }
        for r in &own.rules.rules {
            match r.source {
                RuleSource::Curated => sum.curated_rules += 1,
                _ => sum.derived_rules += 1,
            }
        }
        for d in &own.derivation.display {
            if d.read.is_ok() {
                sum.display_applied += 1;
            } else {
                sum.display_not_applied += 1;
            }
        }
        sum
    }

    /// Adds another structure's counts.
    pub fn add(&mut self, o: &Summary) {
        self.conditional += o.conditional;
        self.derived += o.derived;
        self.curated += o.curated;
        self.uncheckable += o.uncheckable;
        self.prose_only += o.prose_only;
        self.derived_rules += o.derived_rules;
        self.curated_rules += o.curated_rules;
        self.display_applied += o.display_applied;
        self.display_not_applied += o.display_not_applied;
    }

    /// The counts as table columns (under [`Summary::HEADER`]).
    pub fn columns(&self) -> String {
        format!(
            "{:>11} {:>7} {:>7} {:>11} {:>10} {:>15} {:>19}",
            self.conditional,
            self.derived,
            self.curated,
            self.uncheckable,
            self.prose_only,
            self.display_applied,
            self.display_not_applied
        )
    }

    /// One line: coverage in per cent and the rule counts.
    pub fn line(&self) -> String {
        // Tenths of a per cent, rounded half up, in integers (formatting a float would
        // bring the float formatter, ~20 KB, into the browser build).
        let pct = |n: usize| {
            let tenths = if self.conditional == 0 {
                1000
            } else {
                (n * 2000 + self.conditional) / (2 * self.conditional)
            };
            format!("{}.{}", tenths / 10, tenths % 10)
        };
        format!(
            "{}/{} conditionally required field(s) covered by a rule ({} %): {} derived \
             ({} %), {} curated; {} uncheckable, {} prose only; {} derived and {} curated \
             rule(s); {} display rule(s) applied, {} not",
            self.derived + self.curated,
            self.conditional,
            pct(self.derived + self.curated),
            self.derived,
            pct(self.derived),
            self.curated,
            self.uncheckable,
            self.prose_only,
            self.derived_rules,
            self.curated_rules,
            self.display_applied,
            self.display_not_applied
        )
    }
}

/// A sample document of `s` that `rules` accept: [`crate::document::sample_document`]
/// (which knows only the schema) with every field a rule requires filled in, and the
/// required fields of groups that creates, and the fields whose condition is prose only or
/// on an age not known (`sosmeta sample`, the corpus tests, the benchmarks). A rule no value can satisfy leaves its error (the loop stops).
pub fn sample_satisfying(
    s: &Structure,
    mode: crate::document::SampleMode,
    rules: &Rules,
) -> crate::document::Document {
    use crate::document::{sample_document, sample_item, Edit, PathToken};
    use crate::validate::IssueKind;
    let mut doc = sample_document(s, mode);
    for _ in 0..16 {
        let report = super::validate(s, &doc, rules);
        // Conditional warnings too: a rule on the client's age warns while the age is
        // unknown here, and the sample must pass whatever age a host later gives.
        let missing: Vec<_> = report
            .issues
            .iter()
            .filter(|i| {
                matches!(
                    i.kind,
                    IssueKind::MissingRequired
                        | IssueKind::RuleRequired { .. }
                        | IssueKind::RuleOneOfRequired { .. }
                        | IssueKind::ConditionallyRequired { .. }
                )
            })
            .map(|i| i.path.clone())
            .collect();
        if missing.is_empty() {
            break;
        }
        let mut changed = false;
        for path in missing {
            let Some(id) = path.last_node() else { continue };
            if !matches!(path.0.last(), Some(PathToken::Node(_))) {
                continue;
            }
            let value = sample_item(s, id, crate::document::SampleMode::Minimal);
            let edit = if s.node(id).repeat.is_some() {
                Edit::AddItem { path, value }
            } else {
                Edit::Set { path, value }
            };
            changed |= doc.apply(s, edit).is_ok();
        }
        if !changed {
            break;
        }
    }
    doc
}
