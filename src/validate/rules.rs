//! Machine-readable conditional rules: the overlay that turns prose `implementationNote`
//! conditions into checks. Rules are data (a JSON file keyed by structure OID).
//!
//! ```json
//! { "rules": { "<structure OID>": [
//!     { "oneOfRequired": ["/doc/asiakas/henkilotunnus", "/doc/asiakas/syntymaaika"] },
//!     { "field": "/doc/x/paattymispvm", "requiredWhen": { "equals": { "field": "/doc/x/vanha", "value": true } } },
//!     { "field": "/doc/h/toimivalta", "hiddenWhen": { "not": { "in": { "field": "/doc/h/rooli", "values": ["31", "32"] } } } }
//! ] } }
//! ```
//! Conditions: `present`, `absent`, `equals` (a Koodi compares its `code`), `in`,
//! `oneOfPresent`, `all`, `any`, `not`, `clientAdult` (`true`: the client is at least 18 on
//! the document's date; `false`: under 18; an unknown age makes a requirement a warning). Field paths are key paths without indexes; inside
//! a repeated group a condition looks at the same item as the field it is about.

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde_json::Value;

use crate::document::{group_instances, DataPath, Document, Item, PathToken, Plain};
use crate::model::{NodeId, NodeKind, Shape, Structure};

/// A rules file: rules per structure OID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleSet {
    by_oid: HashMap<String, Vec<RuleSpec>>,
}

/// A rules file that cannot be used: where ([`crate::json::InputError::pointer`]) and what.
pub type RulesError = crate::json::InputError<RulesErrorKind>;

/// What makes a rules file unusable.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RulesErrorKind {
    /// Occurs when the text is not strict JSON.
    Json {
        /// What the strict reader found.
        error: crate::json::JsonError,
    },
    /// Occurs when the file is not a rules file (a wrong shape or member).
    NotRules {
        /// What is wrong.
        reason: String,
    },
    /// Occurs when a rule names a path that is not in the structure.
    UnknownPath {
        /// The path as written.
        path: String,
        /// The structure's OID.
        structure: String,
    },
    /// Occurs when a field rule has neither or both of `requiredWhen` and `hiddenWhen`.
    FieldRuleCondition,
    /// Occurs when `oneOfRequired` names fields of different groups.
    OneOfAcrossGroups,
    /// Occurs when a rule has neither `field` nor a `oneOfRequired` list of two or more.
    NoTarget,
}

impl fmt::Display for RulesErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RulesErrorKind::Json { error } => write!(f, "{error}"),
            RulesErrorKind::NotRules { reason } => write!(f, "not a rules file: {reason}"),
            RulesErrorKind::UnknownPath { path, structure } => {
                write!(f, "path '{path}' is not in structure {structure}")
            }
            RulesErrorKind::FieldRuleCondition => {
                f.write_str("a field rule needs exactly one of 'requiredWhen' or 'hiddenWhen'")
            }
            RulesErrorKind::OneOfAcrossGroups => {
                f.write_str("'oneOfRequired' fields must be in the same group")
            }
            RulesErrorKind::NoTarget => {
                f.write_str("a rule needs 'field' or a 'oneOfRequired' list of at least two")
            }
        }
    }
}

/// One rule in the rules-file language, typed: what a host's rules file holds, what the
/// prose translator writes (`super::derive`) and what `sosmeta rules --json` prints — one
/// type for all three (no rule goes through JSON text inside the core).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RuleSpec {
    /// The field a field rule is about (its key path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Required when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<CondSpec>,
    /// One of these fields is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of_required: Option<Vec<String>>,
    /// When a `oneOfRequired` applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<CondSpec>,
    /// Hidden when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_when: Option<CondSpec>,
    /// The sentence or reason it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl fmt::Display for RuleSpec {
    /// The rule as one line of a rules file (compact JSON).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(self).map_err(|_| fmt::Error)?)
    }
}

/// A condition in the rules-file language.
#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub enum CondSpec {
    /// Always.
    Always,
    /// The field has a value.
    Present(String),
    /// The field has no value.
    Absent(String),
    /// The field's value (a code's code) is this one.
    Equals {
        /// The field.
        field: String,
        /// The value.
        value: Value,
    },
    /// The field's value is one of these.
    In {
        /// The field.
        field: String,
        /// The values.
        values: Vec<Value>,
    },
    /// One of these fields has a value.
    OneOfPresent(Vec<String>),
    /// All hold.
    All(Vec<CondSpec>),
    /// Some holds.
    Any(Vec<CondSpec>),
    /// Does not hold.
    Not(Box<CondSpec>),
    /// The client is (`true`) or is not (`false`) an adult.
    ClientAdult(bool),
}

impl RuleSet {
    /// Parses a rules file.
    pub fn from_json(text: &str) -> Result<RuleSet, RulesError> {
        let v = crate::json::parse(text)
            .map_err(|e| RulesError::new(e.pointer.clone(), RulesErrorKind::Json { error: e }))?;
        // Rule by rule, so an error names the rule it is in.
        let bad = |pointer: String, reason: String| {
            RulesError::new(pointer, RulesErrorKind::NotRules { reason })
        };
        let Value::Object(root) = &v else {
            return Err(bad(String::new(), "a rules file is a JSON object".into()));
        };
        if let Some(k) = root.keys().find(|k| *k != "rules") {
            return Err(bad(
                format!("/{}", crate::document::escape_pointer_token(k)),
                format!(
                    "unknown member '{}': a rules file has only 'rules'",
                    k.escape_debug()
                ),
            ));
        }
        let Some(Value::Object(by_oid)) = root.get("rules") else {
            return Err(bad(
                "/rules".into(),
                "'rules' must be an object of rule lists by structure OID".into(),
            ));
        };
        let mut out = HashMap::new();
        for (oid, list) in by_oid {
            let at = format!("/rules/{}", crate::document::escape_pointer_token(oid));
            let Value::Array(items) = list else {
                return Err(bad(at, "a structure's rules are a list".into()));
            };
            let mut rules = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let r: RuleSpec = serde_json::from_value(item.clone())
                    .map_err(|e| bad(format!("{at}/{i}"), e.to_string()))?;
                rules.push(r);
            }
            out.insert(oid.clone(), rules);
        }
        Ok(RuleSet { by_oid: out })
    }

    /// The rules of one structure, typed (the prose translator's: no rules file text).
    pub fn from_specs(oid: &str, specs: Vec<RuleSpec>) -> RuleSet {
        RuleSet {
            by_oid: HashMap::from([(oid.to_string(), specs)]),
        }
    }

    /// Resolves the rules for one structure (a host's rules file: [`RuleSource::Host`]).
    /// Paths that name nothing are errors.
    pub fn compile(&self, s: &Structure) -> Result<Rules, RulesError> {
        self.compile_as(s, RuleSource::Host)
    }

    /// [`RuleSet::compile`] for rules that come from `source`.
    pub fn compile_as(&self, s: &Structure, source: RuleSource) -> Result<Rules, RulesError> {
        let rules = self
            .raw(s)
            .iter()
            .enumerate()
            .map(|(i, r)| compile_rule(s, i, r, source))
            .collect::<Result<_, _>>()?;
        Ok(Rules { rules })
    }

    /// Every rule that fits `s`, and the errors of those that do not (for the structure's
    /// own curated rules: a draft under a published OID leaves out only what changed).
    pub fn compile_each(&self, s: &Structure, source: RuleSource) -> (Rules, Vec<RulesError>) {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for (i, r) in self.raw(s).iter().enumerate() {
            match compile_rule(s, i, r, source) {
                Ok(c) => rules.push(c),
                Err(e) => errors.push(e),
            }
        }
        (Rules { rules }, errors)
    }

    fn raw(&self, s: &Structure) -> &[RuleSpec] {
        self.by_oid
            .get(&s.meta.oid)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// Rule `i` of the structure's list, resolved.
fn compile_rule(
    s: &Structure,
    i: usize,
    r: &RuleSpec,
    source: RuleSource,
) -> Result<CompiledRule, RulesError> {
    let oid = &s.meta.oid;
    let ptr = format!("/rules/{}/{i}", crate::document::escape_pointer_token(oid));
    let field = |p: &str, sub: &str| -> Result<NodeId, RulesError> {
        s.resolve_key_path(p).ok_or_else(|| {
            RulesError::new(
                format!("{ptr}/{sub}"),
                RulesErrorKind::UnknownPath {
                    path: p.to_string(),
                    structure: oid.clone(),
                },
            )
        })
    };
    let cond = |c: &Option<CondSpec>, sub: &str| -> Result<Option<Cond>, RulesError> {
        c.as_ref()
            .map(|c| compile_cond(s, c, &format!("{ptr}/{sub}")))
            .transpose()
    };
    let rule = match (&r.field, &r.one_of_required) {
        (Some(f), None) => {
            let target = field(f, "field")?;
            match (
                cond(&r.required_when, "requiredWhen")?,
                cond(&r.hidden_when, "hiddenWhen")?,
            ) {
                (Some(c), None) => Rule::RequiredWhen { target, cond: c },
                (None, Some(c)) => Rule::HiddenWhen { target, cond: c },
                _ => return Err(RulesError::new(ptr, RulesErrorKind::FieldRuleCondition)),
            }
        }
        (None, Some(list)) if list.len() >= 2 => {
            let targets = list
                .iter()
                .enumerate()
                .map(|(k, p)| field(p, &format!("oneOfRequired/{k}")))
                .collect::<Result<Vec<_>, _>>()?;
            let parent = s.node(targets[0]).parent;
            if targets.iter().any(|t| s.node(*t).parent != parent) {
                return Err(RulesError::new(
                    format!("{ptr}/oneOfRequired"),
                    RulesErrorKind::OneOfAcrossGroups,
                ));
            }
            Rule::OneOfRequired {
                targets,
                cond: cond(&r.when, "when")?.unwrap_or(Cond::Always),
            }
        }
        _ => return Err(RulesError::new(ptr, RulesErrorKind::NoTarget)),
    };
    Ok(CompiledRule {
        rule,
        note: r.note.clone(),
        source,
    })
}

fn compile_cond(s: &Structure, c: &CondSpec, ptr: &str) -> Result<Cond, RulesError> {
    let node = |p: &str| {
        s.resolve_key_path(p).ok_or_else(|| {
            RulesError::new(
                ptr,
                RulesErrorKind::UnknownPath {
                    path: p.to_string(),
                    structure: s.meta.oid.clone(),
                },
            )
        })
    };
    Ok(match c {
        CondSpec::Always => Cond::Always,
        CondSpec::Present(p) => Cond::Present(node(p)?),
        CondSpec::Absent(p) => Cond::Not(Box::new(Cond::Present(node(p)?))),
        CondSpec::Equals { field, value } => Cond::In(node(field)?, vec![value.clone()]),
        CondSpec::In { field, values } => Cond::In(node(field)?, values.clone()),
        CondSpec::OneOfPresent(ps) => Cond::Any(
            ps.iter()
                .map(|p| node(p).map(Cond::Present))
                .collect::<Result<_, _>>()?,
        ),
        CondSpec::All(cs) => Cond::All(
            cs.iter()
                .map(|c| compile_cond(s, c, ptr))
                .collect::<Result<_, _>>()?,
        ),
        CondSpec::Any(cs) => Cond::Any(
            cs.iter()
                .map(|c| compile_cond(s, c, ptr))
                .collect::<Result<_, _>>()?,
        ),
        CondSpec::Not(c) => Cond::Not(Box::new(compile_cond(s, c, ptr)?)),
        CondSpec::ClientAdult(b) => Cond::ClientAdult(*b),
    })
}

/// Rules resolved against one structure.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rules {
    /// The rules in file order.
    pub rules: Vec<CompiledRule>,
}

/// One resolved rule with its note.
#[derive(Clone, Debug, PartialEq)]
pub struct CompiledRule {
    /// What it says.
    pub rule: Rule,
    /// Free text explaining it (for rules read from a structure: the sentence).
    pub note: Option<String>,
    /// Where it comes from.
    pub source: RuleSource,
}

/// Where a rule comes from: it decides the issue code of a violation (`rule-required`,
/// `derived-required`, `curated-required`, and the same for `-one-of-required`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RuleSource {
    /// The host's rules file.
    #[default]
    Host,
    /// Read out of the structure's own prose by `super::derive`.
    Derived,
    /// Written by a person from the structure's prose (`rules/curated.rules.json`).
    Curated,
}

impl RuleSource {
    /// `host`, `derived`, `curated`.
    pub fn name(self) -> &'static str {
        match self {
            RuleSource::Host => "host",
            RuleSource::Derived => "derived",
            RuleSource::Curated => "curated",
        }
    }
}

/// What a rule decides about a field: whether it must be filled, or whether it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Slot {
    Requires(NodeId),
    Hides(NodeId),
}

impl Rule {
    fn slots(&self) -> Vec<Slot> {
        match self {
            Rule::RequiredWhen { target, .. } => vec![Slot::Requires(*target)],
            Rule::OneOfRequired { targets, .. } => {
                targets.iter().map(|t| Slot::Requires(*t)).collect()
            }
            Rule::HiddenWhen { target, .. } => vec![Slot::Hides(*target)],
        }
    }
}

/// A resolved rule.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// `target` must be present when `cond` holds.
    RequiredWhen {
        /// The field.
        target: NodeId,
        /// The condition.
        cond: Cond,
    },
    /// At least one of `targets` (siblings) must be present when `cond` holds.
    OneOfRequired {
        /// The fields.
        targets: Vec<NodeId>,
        /// The condition.
        cond: Cond,
    },
    /// `target` is not shown (in the form or the display form) when `cond` holds.
    HiddenWhen {
        /// The field.
        target: NodeId,
        /// The condition.
        cond: Cond,
    },
}

/// A resolved condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    /// Always true.
    Always,
    /// The field has a value.
    Present(NodeId),
    /// The field's value (a Koodi's code) is one of these.
    In(NodeId, Vec<Value>),
    /// All hold.
    All(Vec<Cond>),
    /// Some hold.
    Any(Vec<Cond>),
    /// Does not hold.
    Not(Box<Cond>),
    /// The client is (`true`) at least 18 years old, or (`false`) under 18, on the
    /// document's date; not known when the document and the host tell no age.
    ClientAdult(bool),
}

/// What a rule's condition may depend on beyond the document: the client's age, from the
/// same source the restriction markings use (`crate::restrict::client_age`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RuleContext {
    /// Whether the client is an adult; `None`: not known (then a rule on the age neither
    /// hides a field nor makes it an error: the field gets a warning).
    pub client_adult: Option<bool>,
}

impl Rules {
    /// These rules with `over` laid on top, field by field: a rule of `over` that says when
    /// a field is required (`requiredWhen`, or `oneOfRequired` naming it) replaces every
    /// rule here that says when that field is required; one that says when a field is
    /// hidden replaces the ones here that hide it. Everything else is kept. (A host turns a
    /// rule read from a structure off by writing one that never holds:
    /// `{"field": F, "requiredWhen": {"not": "always"}}`.)
    pub fn overlaid(mut self, over: Rules) -> Rules {
        let taken: std::collections::HashSet<Slot> =
            over.rules.iter().flat_map(|r| r.rule.slots()).collect();
        self.rules
            .retain(|r| !r.rule.slots().iter().any(|s| taken.contains(s)));
        self.rules.extend(over.rules);
        self
    }

    /// Each field some rule decides (when it is required, or whether it is shown), with
    /// the source of the first such rule: one pass over the rules, for callers that ask
    /// about many fields (asking rule by rule per field was quadratic).
    pub fn sources(&self) -> std::collections::HashMap<NodeId, RuleSource> {
        let mut out = std::collections::HashMap::new();
        for r in &self.rules {
            for slot in r.rule.slots() {
                let (Slot::Requires(n) | Slot::Hides(n)) = slot;
                out.entry(n).or_insert(r.source);
            }
        }
        out
    }

    /// Nodes some `hiddenWhen` rule can hide.
    pub fn hideable(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.rules.iter().filter_map(|r| match &r.rule {
            Rule::HiddenWhen { target, .. } => Some(*target),
            _ => None,
        })
    }

    /// Paths (parent instance + node) of fields hidden in this document (the client's
    /// age not known).
    pub fn hidden(&self, s: &Structure, doc: &Document) -> Vec<DataPath> {
        self.hidden_in(s, doc, RuleContext::default())
    }

    /// [`Rules::hidden`] knowing what `ctx` tells. A field is hidden only when its rule
    /// surely holds (an unknown age hides nothing).
    pub fn hidden_in(&self, s: &Structure, doc: &Document, ctx: RuleContext) -> Vec<DataPath> {
        let mut out = Vec::new();
        for r in &self.rules {
            if let Rule::HiddenWhen { target, cond } = &r.rule {
                for (gp, _) in group_instances(s, doc, s.node(*target).parent.unwrap_or(s.root())) {
                    if eval(s, doc, &gp, cond, ctx) == Some(true) {
                        out.push(gp.child(PathToken::Node(*target)));
                    }
                }
            }
        }
        out
    }

    /// Evaluates requirement rules; `hidden` comes from [`Rules::hidden_in`]. A rule that
    /// holds is an error; one that may hold (the client's age not known) a warning with
    /// the rule's note, never a guess that blocks.
    pub(crate) fn check(
        &self,
        s: &Structure,
        doc: &Document,
        hidden: &super::FastSet<&DataPath>,
        ctx: RuleContext,
        out: &mut Vec<super::Issue>,
    ) {
        use super::{Issue, IssueKind};
        let maybe = |r: &CompiledRule, path: DataPath| Issue {
            pointer: path.to_pointer(s),
            path,
            kind: IssueKind::ConditionallyRequired {
                note_fi: r.note.clone(),
                note_sv: None,
            },
        };
        for r in &self.rules {
            match &r.rule {
                Rule::RequiredWhen { target, cond } => {
                    for (gp, g) in
                        group_instances(s, doc, s.node(*target).parent.unwrap_or(s.root()))
                    {
                        let path = gp.child(PathToken::Node(*target));
                        if g.get(*target).is_some() || hidden.contains(&path) {
                            continue;
                        }
                        let holds = eval(s, doc, &gp, cond, ctx);
                        if holds.is_none() {
                            out.push(maybe(r, path));
                        } else if holds == Some(true) {
                            out.push(Issue {
                                pointer: path.to_pointer(s),
                                path,
                                kind: IssueKind::RuleRequired {
                                    note: r.note.clone(),
                                    source: r.source,
                                },
                            });
                        }
                    }
                }
                Rule::OneOfRequired { targets, cond } => {
                    for (gp, g) in
                        group_instances(s, doc, s.node(targets[0]).parent.unwrap_or(s.root()))
                    {
                        let visible: Vec<NodeId> = targets
                            .iter()
                            .copied()
                            .filter(|t| !hidden.contains(&gp.child(PathToken::Node(*t))))
                            .collect();
                        if visible.is_empty() || visible.iter().any(|t| g.get(*t).is_some()) {
                            continue;
                        }
                        let path = gp.child(PathToken::Node(visible[0]));
                        let holds = eval(s, doc, &gp, cond, ctx);
                        if holds.is_none() {
                            out.push(maybe(r, path));
                        } else if holds == Some(true) {
                            out.push(Issue {
                                pointer: path.to_pointer(s),
                                path,
                                kind: IssueKind::RuleOneOfRequired {
                                    fields: targets.iter().map(|t| s.key_path(*t)).collect(),
                                    labels: targets
                                        .iter()
                                        .map(|t| {
                                            let m = &s.node(*t).meta;
                                            if m.title.is_empty() {
                                                m.name.clone()
                                            } else {
                                                m.title.clone()
                                            }
                                        })
                                        .collect(),
                                    note: r.note.clone(),
                                    source: r.source,
                                },
                            });
                        }
                    }
                }
                Rule::HiddenWhen { .. } => {}
            }
        }
    }
}

/// Items of node `target` as seen from the group instance at `ctx`: shared repeated
/// ancestors keep the context's item; deeper repeats count every item.
fn values_at<'d>(
    s: &Structure,
    doc: &'d Document,
    ctx: &DataPath,
    target: NodeId,
) -> Vec<&'d Item> {
    let lineage = s.lineage(target);
    // Longest prefix of ctx whose nodes are on the target's lineage.
    let mut start = DataPath::root();
    let mut depth = 1; // lineage[0] is the schema root
    let mut i = 0;
    while i < ctx.0.len() {
        match ctx.0[i] {
            PathToken::Node(n) if lineage.get(depth) == Some(&n) && n != target => {
                start.0.push(PathToken::Node(n));
                if let Some(PathToken::Index(ix)) = ctx.0.get(i + 1) {
                    start.0.push(PathToken::Index(*ix));
                    i += 1;
                }
                depth += 1;
            }
            _ => break,
        }
        i += 1;
    }
    let Some(g0) = doc.group_at(&start) else {
        return Vec::new();
    };
    let mut groups = vec![g0];
    let mut out = Vec::new();
    for (k, &n) in lineage.iter().enumerate().skip(depth) {
        let last = k == lineage.len() - 1;
        let mut next = Vec::new();
        for g in groups {
            if let Some(e) = g.get(n) {
                for it in e.items() {
                    if last {
                        out.push(it);
                    } else if let Item::Group(inner) = it {
                        next.push(inner);
                    }
                }
            }
        }
        groups = next;
    }
    out
}

/// Three-valued: `None` when the condition depends on what is not known (the client's
/// age) and the rest does not decide it.
fn eval(s: &Structure, doc: &Document, at: &DataPath, c: &Cond, ctx: RuleContext) -> Option<bool> {
    match c {
        Cond::Always => Some(true),
        Cond::Present(n) => Some(!values_at(s, doc, at, *n).is_empty()),
        Cond::In(n, vals) => Some(values_at(s, doc, at, *n).iter().any(|it| {
            let v = comparable(s, *n, it);
            v.is_some_and(|v| vals.iter().any(|x| super::json_equal(x, &v)))
        })),
        // Three-valued: one operand that decides (false for all, true for any) decides;
        // else one unknown leaves it unknown.
        Cond::All(cs) => decided(cs.iter().map(|c| eval(s, doc, at, c, ctx)), false),
        Cond::Any(cs) => decided(cs.iter().map(|c| eval(s, doc, at, c, ctx)), true),
        Cond::Not(c) => eval(s, doc, at, c, ctx).map(|v| !v),
        Cond::ClientAdult(adult) => ctx.client_adult.map(|a| a == *adult),
    }
}

/// `All` (`decisive` false) or `Any` (`decisive` true) of three-valued operands.
fn decided(vs: impl Iterator<Item = Option<bool>>, decisive: bool) -> Option<bool> {
    let mut unknown = false;
    for v in vs {
        match v {
            Some(b) if b == decisive => return Some(decisive),
            None => unknown = true,
            _ => {}
        }
    }
    (!unknown).then_some(!decisive)
}

fn comparable(s: &Structure, n: NodeId, it: &Item) -> Option<Value> {
    match it {
        Item::Plain(p) => Some(p.to_json()),
        Item::Parts(parts) if matches!(s.node(n).kind, NodeKind::Field(_)) => {
            let key = match &s.node(n).shape {
                Shape::Parts { parts: ps, .. } if ps.iter().any(|p| p.key == "code") => "code",
                _ => "value",
            };
            parts.by_key(s, n, key).map(Plain::to_json)
        }
        _ => None,
    }
}

impl Rules {
    /// The rules in the rules-file language, in order (each with its note), typed.
    pub fn specs(&self, s: &Structure) -> Vec<RuleSpec> {
        self.rules
            .iter()
            .map(|r| {
                let mut o = RuleSpec {
                    note: r.note.clone(),
                    ..RuleSpec::default()
                };
                match &r.rule {
                    Rule::RequiredWhen { target, cond } => {
                        o.field = Some(s.key_path(*target));
                        o.required_when = Some(cond_spec(s, cond));
                    }
                    Rule::HiddenWhen { target, cond } => {
                        o.field = Some(s.key_path(*target));
                        o.hidden_when = Some(cond_spec(s, cond));
                    }
                    Rule::OneOfRequired { targets, cond } => {
                        o.one_of_required = Some(targets.iter().map(|t| s.key_path(*t)).collect());
                        if *cond != Cond::Always {
                            o.when = Some(cond_spec(s, cond));
                        }
                    }
                }
                o
            })
            .collect()
    }

    /// [`Rules::specs`] as JSON: what `sosmeta rules --json` prints and
    /// [`RuleSet::from_json`] reads back.
    pub fn to_json(&self, s: &Structure) -> Vec<Value> {
        self.specs(s)
            .iter()
            .map(|r| serde_json::to_value(r).unwrap_or(Value::Null))
            .collect()
    }
}

fn cond_spec(s: &Structure, c: &Cond) -> CondSpec {
    match c {
        Cond::Always => CondSpec::Always,
        Cond::Present(n) => CondSpec::Present(s.key_path(*n)),
        Cond::Not(inner) => match inner.as_ref() {
            Cond::Present(n) => CondSpec::Absent(s.key_path(*n)),
            other => CondSpec::Not(Box::new(cond_spec(s, other))),
        },
        Cond::In(n, vals) if vals.len() == 1 => CondSpec::Equals {
            field: s.key_path(*n),
            value: vals[0].clone(),
        },
        Cond::In(n, vals) => CondSpec::In {
            field: s.key_path(*n),
            values: vals.clone(),
        },
        Cond::ClientAdult(b) => CondSpec::ClientAdult(*b),
        Cond::All(cs) => CondSpec::All(cs.iter().map(|c| cond_spec(s, c)).collect()),
        Cond::Any(cs) => CondSpec::Any(cs.iter().map(|c| cond_spec(s, c)).collect()),
    }
}
