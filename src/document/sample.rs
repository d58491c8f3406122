//! Example documents for a structure: demo content, benchmarks and corpus tests.

use super::*;
use crate::model::{FieldKind, JsonType, NodeKind, QuantityKind, Scalar, Shape};

/// Which fields a sample document fills.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SampleMode {
    /// Only what the schema requires (repeatable nodes get `minItems` items).
    Minimal,
    /// Every field and group, one item per repeatable node (or `minItems`).
    Full,
}

/// Builds a document that satisfies the structure's schema, with plausible values.
pub fn sample_document(s: &Structure, mode: SampleMode) -> Document {
    Document {
        top: group(s, s.root(), mode),
    }
}

/// A plausible value for one node (a group with what `mode` fills of it).
pub fn sample_item(s: &Structure, id: NodeId, mode: SampleMode) -> Item {
    item(s, id, mode)
}

fn group(s: &Structure, id: NodeId, mode: SampleMode) -> Group {
    let mut g = Group::default();
    for &c in &s.node(id).children {
        let n = s.node(c);
        if mode == SampleMode::Minimal && !n.required {
            continue;
        }
        let entry = match n.repeat {
            Some(r) => {
                let count = match mode {
                    SampleMode::Minimal => r.min_items,
                    SampleMode::Full => r.min_items.max(1),
                };
                Entry::Many((0..count).map(|_| item(s, c, mode)).collect())
            }
            None => Entry::One(item(s, c, mode)),
        };
        g.entries.push((c, entry));
    }
    g.entries.sort_unstable_by_key(|(n, _)| *n);
    g
}

fn item(s: &Structure, id: NodeId, mode: SampleMode) -> Item {
    let n = s.node(id);
    let kind = match &n.kind {
        NodeKind::Group => return Item::Group(group(s, id, mode)),
        NodeKind::Field(k) => k,
    };
    match &n.shape {
        Shape::Scalar(sc) => Item::Plain(plain_for(s, id, kind, sc)),
        Shape::Parts { parts, .. } => {
            let mut out = Parts::default();
            for (i, p) in parts.iter().enumerate() {
                if mode == SampleMode::Minimal && !p.required {
                    continue;
                }
                out.values
                    .push((i as u16, part_value(s, id, kind, &p.key, &p.scalar)));
            }
            Item::Parts(out)
        }
        Shape::Group { .. } => Item::Group(group(s, id, mode)),
    }
}

fn from_enum(sc: &Scalar) -> Option<Plain> {
    let v = sc.allowed.as_ref()?.first()?;
    Some(match v {
        serde_json::Value::String(t) => Plain::Text(t.clone()),
        serde_json::Value::Bool(b) => Plain::Bool(*b),
        serde_json::Value::Number(n) => Plain::Number(n.clone()),
        _ => return None,
    })
}

fn typed_default(sc: &Scalar, text: &str) -> Plain {
    match sc.json_type {
        JsonType::String => Plain::Text(text.to_string()),
        JsonType::Boolean => Plain::Bool(true),
        JsonType::Number | JsonType::Integer => Plain::Number(1.into()),
    }
}

fn plain_for(s: &Structure, id: NodeId, kind: &FieldKind, sc: &Scalar) -> Plain {
    if let Some(p) = from_enum(sc) {
        return p;
    }
    // A switch under which the group's details are not recorded at all is off: the sample
    // fills every detail, and the structure says they may not stand beside it.
    if s.node(id).key == "turvakielto"
        && s.protection_switches()
            .iter()
            .any(|w| w.switch == id && w.rule == crate::model::ContactProtection::NotRecorded)
    {
        return Plain::Bool(false);
    }
    let text = match kind {
        FieldKind::PartialDate => "2026-03-23".to_string(),
        FieldKind::Instant => "2026-03-19T13:33:30+03:00".to_string(),
        FieldKind::Phrase => s
            .node(id)
            .meta
            .phrase
            .text(crate::lang::Lang::Fi)
            .to_string(),
        FieldKind::Name => "Virtanen".to_string(),
        _ => "Esimerkkiteksti".to_string(),
    };
    fit_pattern(sc, typed_default(sc, &text))
}

fn fit_pattern(sc: &Scalar, value: Plain) -> Plain {
    let Some(p) = &sc.pattern else { return value };
    if let Plain::Text(t) = &value {
        if p.is_match(t) {
            return value;
        }
        for c in ["2026-03-23", "2026-03-19T13:33:30+03:00", "1"] {
            if p.is_match(c) {
                return Plain::Text(c.to_string());
            }
        }
        if let Some(sys) = p.oid_system() {
            return Plain::Text(sys);
        }
    }
    value
}

fn part_value(s: &Structure, id: NodeId, kind: &FieldKind, key: &str, sc: &Scalar) -> Plain {
    if let Some(p) = from_enum(sc) {
        return p;
    }
    let meta = &s.node(id).meta;
    let text = match (kind, key) {
        (_, "system") => {
            if let Some(sys) = sc.pattern.as_ref().and_then(|p| p.oid_system()) {
                sys
            } else if let Some(u) = &meta.system_uri {
                u.clone()
            } else if let Some(o) = meta
                .classification_oid
                .as_ref()
                .filter(|o| o.chars().all(|c| c.is_ascii_digit() || c == '.'))
            {
                format!("urn:oid:{o}")
            } else {
                "urn:oid:1.2.246.537.6.1".to_string()
            }
        }
        (FieldKind::Code, "code") => meta
            .accepted_values
            .first()
            .cloned()
            .unwrap_or_else(|| "1".into()),
        (FieldKind::Code, "display") => "Esimerkkiarvo".to_string(),
        (FieldKind::Identifier, "value") => {
            if s.is_henkilotunnus(id) {
                "131052-308T".to_string()
            } else {
                "TUNNUS-1".to_string()
            }
        }
        (FieldKind::Quantity(q), "code") => match q {
            QuantityKind::Amount => "EUR",
            QuantityKind::Percent => "%",
            QuantityKind::Measure => "m2",
        }
        .to_string(),
        (FieldKind::Quantity(_), "value") if sc.json_type == JsonType::Number => {
            return Plain::Number(serde_json::Number::from_f64(12.5).expect("finite"))
        }
        _ => "Esimerkki".to_string(),
    };
    fit_pattern(sc, typed_default(sc, &text))
}
