//! Rules-file authoring (pure): which conditionally required fields a rules file covers,
//! a template, and a `requiredWhen` skeleton added to a rules file's text. The author view
//! lays these out; errors are the rules file's own ([`RulesError`]).

use super::structure_rules::{handling, structure_rules, Handling};
use super::{Rules, RulesError, RulesErrorKind};
use crate::lang::Lang;
use crate::model::Structure;

/// One row of the rule-coverage report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageRow {
    /// Key path, as rules files name fields.
    pub path: String,
    /// Finnish label.
    pub label: String,
    /// The prose condition (Finnish implementation note).
    pub note: Option<String>,
    /// A machine rule covers the field.
    pub covered: bool,
    /// How the condition is handled: a rule (the host's, derived, curated), uncheckable
    /// or prose only, with why.
    pub handling: Handling,
}

/// Every conditionally required field with its prose and how it is handled under the
/// applied `rules` (the host's laid over the structure's own, as the editor applies them).
pub fn rule_coverage(s: &Structure, rules: &Rules) -> Vec<CoverageRow> {
    let own = structure_rules(s);
    handling(s, rules, &own)
        .into_iter()
        .map(|(id, handling)| {
            let n = s.node(id);
            CoverageRow {
                path: s.key_path(id),
                label: n.meta.label(Lang::Fi).to_string(),
                note: n.meta.implementation_note.fi.clone(),
                covered: matches!(handling, Handling::Rule(_)),
                handling,
            }
        })
        .collect()
}

/// A rules file with no rules yet for the structure.
pub fn rules_template(s: &Structure) -> String {
    let v = serde_json::json!({ "rules": { s.meta.oid.clone(): [] } });
    serde_json::to_string_pretty(&v).expect("serializes")
}

/// Adds a `requiredWhen` skeleton for `row` to a rules file text. The condition is a
/// placeholder the author must edit (it names the field itself, so it compiles and
/// shows where to write the real condition).
pub fn add_rule_skeleton(
    text: &str,
    s: &Structure,
    row: &CoverageRow,
) -> Result<String, RulesError> {
    // Strict: a duplicate key would otherwise lose the first of the two silently.
    let mut v = crate::json::parse(text)
        .map_err(|e| RulesError::new(e.pointer.clone(), RulesErrorKind::Json { error: e }))?;
    let not_rules = |pointer: String, reason: &str| {
        RulesError::new(
            pointer,
            RulesErrorKind::NotRules {
                reason: reason.to_string(),
            },
        )
    };
    let oid_pointer = format!("/rules/{}", crate::json::escape_pointer_token(&s.meta.oid));
    let rules = v
        .as_object_mut()
        .ok_or_else(|| not_rules(String::new(), "a rules file is a JSON object"))?
        .entry("rules")
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()
        .ok_or_else(|| {
            not_rules(
                "/rules".into(),
                "'rules' must be an object of rule lists by structure OID",
            )
        })?;
    let list = rules
        .entry(s.meta.oid.clone())
        .or_insert_with(|| serde_json::json!([]))
        .as_array_mut()
        .ok_or_else(|| not_rules(oid_pointer.clone(), "a structure's rules are a list"))?;
    let mut rule = serde_json::Map::new();
    rule.insert("field".into(), row.path.clone().into());
    rule.insert(
        "requiredWhen".into(),
        serde_json::json!({ "present": row.path }),
    );
    if let Some(n) = &row.note {
        rule.insert("note".into(), n.clone().into());
    }
    list.push(serde_json::Value::Object(rule));
    Ok(serde_json::to_string_pretty(&v).expect("serializes"))
}
