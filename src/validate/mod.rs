//! Validation: (&Structure, &Document) → [`Report`]. Pure; no Yew, no I/O.
//!
//! Error level is exactly the schema's verdict (required inside present groups, minItems,
//! minLength, pattern, enum/Fraasi, types, unknown properties) plus machine rules.
//! Stricter findings the schema allows are warnings, as are prose-only conditional
//! requirements (`conditionalRequired`), which carry their implementation note.

pub mod authoring;
pub mod derive;
mod issue;
mod protection;
mod rules;
pub mod structure_rules;

pub use issue::{is_unsafe_char, Issue, IssueKind, IssuePaths, Report, Severity};
pub use rules::{
    CompiledRule, Cond, CondSpec, Rule, RuleContext, RuleSet, RuleSource, RuleSpec, Rules,
    RulesError, RulesErrorKind,
};
pub use structure_rules::{effective_rules, RuleOptions};

use serde_json::Value;

/// The hasher of the validator's maps and sets (a lookup per field and rule instance, and
/// per name while deriving rules): foldhash natively, where SipHash was a tenth of a CLI
/// profile of a large document (the benchmark's 19 200 repeated items validate in 11.5 ms,
/// were 15.8; deriving rules 5–13 % faster); std's in the browser build, where foldhash's
/// code cost 2.3 KB of gzip for a few milliseconds.
#[cfg(not(target_arch = "wasm32"))]
type FastState = foldhash::fast::RandomState;
#[cfg(target_arch = "wasm32")]
type FastState = std::collections::hash_map::RandomState;
/// A hash map with [`FastState`].
type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;
/// A hash set with [`FastState`].
type FastSet<T> = std::collections::HashSet<T, FastState>;

use crate::document::{
    DataPath, Document, Entry, Group, Item, LoadError, PathToken, Plain, ShapeProblem,
    ShapeProblemKind,
};
use crate::model::{FieldKind, NodeId, NodeKind, Scalar, Shape, Structure};

/// Validates a loaded document.
///
/// ```
/// use sosmeta_editor::{validate, Document, Rules, Structure};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let doc = Document::from_json(&s, r#"{"demo_asiakaskertomus":{}}"#).unwrap();
/// let report = validate(&s, &doc, &Rules::default());
/// assert!(report.has_errors());
/// assert_eq!(report.issues[0].pointer, "/demo_asiakaskertomus/asiakas");
/// ```
pub fn validate(s: &Structure, doc: &Document, rules: &Rules) -> Report {
    validate_with_hidden(s, doc, rules, &rules.hidden(s, doc), RuleContext::default())
}

/// [`validate`] with the fields the rules hide already known (`hidden` is
/// [`Rules::hidden`] of this document): what [`crate::assess`](mod@crate::assess) calls, so the hidden
/// fields are found once per change.
pub fn validate_with_hidden(
    s: &Structure,
    doc: &Document,
    rules: &Rules,
    hidden: &[DataPath],
    ctx: RuleContext,
) -> Report {
    // Looked up once per field and rule instance: a set, not a scan (the scan made
    // validation quadratic in a document's repeated items).
    let hidden: FastSet<&DataPath> = hidden.iter().collect();
    let mut v = Validator {
        s,
        hidden: &hidden,
        covered: rules.sources(),
        issues: Vec::new(),
    };
    v.group(s.root(), &doc.top, &mut DataPath::root());
    rules.check(s, doc, &hidden, ctx, &mut v.issues);
    protection::check(s, doc, &mut v.issues);
    Report { issues: v.issues }
}

/// Validates JSON that may not even load: shape problems become error issues.
/// `Err` only when the text is not JSON.
pub fn validate_json(
    s: &Structure,
    text: &str,
    rules: &Rules,
) -> Result<(Option<Document>, Report), LoadError> {
    match Document::from_json(s, text) {
        Ok(doc) => {
            let r = validate(s, &doc, rules);
            Ok((Some(doc), r))
        }
        Err(LoadError::Shape { problems }) => Ok((None, shape_report(problems))),
        Err(e) => Err(e),
    }
}

/// The report of a document that does not fit the structure's shape: every shape problem
/// as an error-level issue (what `validate_json` returns for it).
pub fn shape_report(problems: Vec<ShapeProblem>) -> Report {
    let issues = problems
        .into_iter()
        .map(|p| Issue {
            pointer: p.pointer,
            path: p.path,
            kind: match p.kind {
                ShapeProblemKind::UnknownProperty { key } => IssueKind::UnknownProperty { key },
                ShapeProblemKind::WrongType { expected, found } => {
                    IssueKind::WrongType { expected, found }
                }
                _ => IssueKind::TooDeep,
            },
        })
        .collect();
    Report { issues }
}

/// JSON Schema equality: numbers compare by value (1 == 1.0), everything else structurally.
pub(crate) fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            // Exact decimal values (crate::json keeps numbers as read): 1 == 1.0 == 1e0.
            let (x, y) = (x.to_string(), y.to_string());
            x == y
                || crate::json::canonical_number(&x)
                    .is_some_and(|c| crate::json::canonical_number(&y).is_some_and(|d| c == d))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

struct Validator<'a> {
    s: &'a Structure,
    hidden: &'a FastSet<&'a DataPath>,
    /// The fields some rule decides ([`Rules::sources`]): their prose is covered.
    covered: std::collections::HashMap<NodeId, rules::RuleSource>,
    issues: Vec<Issue>,
}

impl Validator<'_> {
    fn push(&mut self, path: DataPath, kind: IssueKind) {
        self.issues.push(Issue {
            pointer: path.to_pointer(self.s),
            path,
            kind,
        });
    }

    // `path` is one stack shared by the whole walk (pushed and popped around each step):
    // a path is only copied when an issue is recorded.
    fn group(&mut self, id: NodeId, g: &Group, path: &mut DataPath) {
        for &c in &self.s.node(id).children {
            let n = self.s.node(c);
            path.0.push(PathToken::Node(c));
            let is_hidden = self.hidden.contains(&*path);
            match g.get(c) {
                None => {
                    if n.required {
                        self.push(path.clone(), IssueKind::MissingRequired);
                    } else if n.meta.conditional_required
                        && !self.covered.contains_key(&c)
                        && !is_hidden
                    {
                        self.push(
                            path.clone(),
                            IssueKind::ConditionallyRequired {
                                note_fi: n.meta.implementation_note.fi.clone(),
                                note_sv: n.meta.implementation_note.sv.clone(),
                            },
                        );
                    }
                }
                Some(Entry::One(item)) => {
                    if is_hidden {
                        self.push(path.clone(), IssueKind::HiddenHasValue);
                    }
                    self.item(c, item, path);
                }
                Some(Entry::Many(items)) => {
                    if is_hidden && !items.is_empty() {
                        self.push(path.clone(), IssueKind::HiddenHasValue);
                    }
                    let min = n.repeat.map(|r| r.min_items).unwrap_or(0);
                    if (items.len() as u64) < min {
                        self.push(
                            path.clone(),
                            IssueKind::TooFewItems {
                                min,
                                found: items.len(),
                            },
                        );
                    }
                    for (i, it) in items.iter().enumerate() {
                        path.0.push(PathToken::Index(i));
                        self.item(c, it, path);
                        path.0.pop();
                    }
                }
            }
            path.0.pop();
        }
    }

    fn item(&mut self, id: NodeId, item: &Item, path: &mut DataPath) {
        let n = self.s.node(id);
        let kind = match &n.kind {
            NodeKind::Field(k) => Some(k),
            NodeKind::Group => None,
        };
        match (item, &n.shape) {
            (Item::Group(g), _) => self.group(id, g, path),
            (Item::Plain(p), Shape::Scalar(sc)) => self.plain(kind, None, sc, p, path),
            (Item::Parts(parts), Shape::Parts { parts: specs, .. }) => {
                for (i, spec) in specs.iter().enumerate() {
                    path.0.push(PathToken::Part(i as u16));
                    match parts.get(i as u16) {
                        None if spec.required => {
                            self.push(path.clone(), IssueKind::MissingRequired)
                        }
                        None => {}
                        Some(v) => {
                            if kind == Some(&FieldKind::Identifier) && spec.key == "value" {
                                if let Plain::Text(t) = v {
                                    if t.trim().is_empty() {
                                        self.push(path.clone(), IssueKind::EmptyIdentifier);
                                    } else if n.key == "henkilotunnus" {
                                        // Its age decides the guardian mark (restrict::client_age).
                                        if let Err(e) = crate::hetu::birth_date(t) {
                                            self.push(
                                                path.clone(),
                                                IssueKind::InvalidHetu { reason: e },
                                            );
                                        }
                                    }
                                }
                            }
                            self.plain(kind, Some(&spec.key), &spec.scalar, v, path)
                        }
                    }
                    path.0.pop();
                }
            }
            // Loading guarantees items fit their node; nothing else can occur.
            _ => {}
        }
    }

    fn plain(
        &mut self,
        kind: Option<&FieldKind>,
        part: Option<&str>,
        sc: &Scalar,
        v: &Plain,
        path: &DataPath,
    ) {
        if let Plain::Text(t) = v {
            if let Some(c) = t.chars().find(|&c| issue::is_unsafe_char(c)) {
                self.push(
                    path.clone(),
                    IssueKind::UnsafeCharacter {
                        code_point: c as u32,
                    },
                );
            }
            if let Some(min) = sc.min_length {
                if (t.chars().count() as u64) < min {
                    self.push(path.clone(), IssueKind::TooShort { min });
                }
            }
            if let Some(p) = &sc.pattern {
                if !p.is_match(t) {
                    let what = match (part, kind) {
                        (Some(part), _) => part.to_string(),
                        (None, Some(k)) => k.representation().to_string(),
                        (None, None) => String::new(),
                    };
                    self.push(
                        path.clone(),
                        IssueKind::PatternMismatch {
                            what,
                            pattern: p.source.clone(),
                        },
                    );
                } else if part.is_none() {
                    match kind {
                        Some(FieldKind::PartialDate) if !is_calendar_date(t) => {
                            self.push(path.clone(), IssueKind::ImpossibleDate)
                        }
                        Some(FieldKind::Instant) if !t.contains('T') => {
                            self.push(path.clone(), IssueKind::InstantWithoutTime)
                        }
                        Some(FieldKind::Instant)
                            if !is_calendar_date(&t[..t.find('T').unwrap_or(t.len())]) =>
                        {
                            self.push(path.clone(), IssueKind::ImpossibleDate)
                        }
                        _ => {}
                    }
                }
            }
            let free_text = sc.allowed.is_none()
                && matches!(kind, Some(FieldKind::Text | FieldKind::Name))
                && part.is_none();
            if free_text
                && t.trim().is_empty()
                && sc
                    .min_length
                    .is_none_or(|m| (t.chars().count() as u64) >= m)
            {
                self.push(path.clone(), IssueKind::BlankText);
            }
        }
        if let Some(allowed) = &sc.allowed {
            let same = |a: &Value| match (a, v) {
                (Value::String(a), Plain::Text(t)) => a == t,
                (Value::Bool(a), Plain::Bool(b)) => a == b,
                (Value::Number(_), Plain::Number(_)) => json_equal(a, &v.to_json()),
                _ => false,
            };
            if !allowed.iter().any(same) {
                let k = if kind == Some(&FieldKind::Phrase) && part.is_none() {
                    IssueKind::PhraseChanged
                } else {
                    IssueKind::NotAllowed {
                        allowed: allowed.iter().map(|a| a.to_string()).collect(),
                    }
                };
                self.push(path.clone(), k);
            }
        }
    }
}

/// True for `YYYY`, `YYYY-MM` and real `YYYY-MM-DD` dates (pattern already checked).
fn is_calendar_date(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let parts: Vec<&str> = t.split('-').collect();
    match parts.as_slice() {
        [_] => true,
        [_, m] => m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
        [y, m, d] => match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => chrono::NaiveDate::from_ymd_opt(y, m, d).is_some(),
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        for (d, ok) in [
            ("2026", true),
            ("2026-02", true),
            ("2026-02-28", true),
            ("2026-02-30", false),
            ("2024-02-29", true),
            ("2026-01-00", false),
        ] {
            assert_eq!(is_calendar_date(d), ok, "{d}");
        }
    }

    #[test]
    fn json_equality_is_numeric() {
        assert!(json_equal(&serde_json::json!(1), &serde_json::json!(1.0)));
        assert!(!json_equal(&serde_json::json!("1"), &serde_json::json!(1)));
    }
}
