//! Differential check: our error-level verdict against the `jsonschema` crate's, on valid
//! sample documents and mutated invalid ones, for every real structure.

use serde_json::{json, Value};
use sosmeta_editor::document::{
    escape_pointer_token, sample_document, Entry, Group, Item, SampleMode,
};
use sosmeta_editor::validate::{validate_json, Rules};
use sosmeta_editor::{JsonType, NodeId, Shape, Structure};

use crate::support::*;

/// Places in a sample document that mutations aim at.
#[derive(Default)]
struct Targets {
    /// (group instance pointer, group node)
    groups: Vec<(String, NodeId)>,
    /// (pointer, node, is required) of present properties
    props: Vec<(String, bool)>,
    /// list pointers with minItems >= 1
    min_lists: Vec<String>,
    /// (pointer, json type, has pattern, has enum, has minLength) of plain values incl. parts
    plains: Vec<(String, JsonType, bool, bool, bool)>,
    /// pointers of object-shaped field values
    parts_objects: Vec<String>,
}

fn collect(s: &Structure, id: NodeId, g: &Group, ptr: &str, t: &mut Targets) {
    t.groups.push((ptr.to_string(), id));
    for (c, e) in &g.entries {
        let n = s.node(*c);
        let p = format!("{ptr}/{}", escape_pointer_token(&n.key));
        t.props.push((p.clone(), n.required));
        if n.repeat.is_some_and(|r| r.min_items >= 1) {
            t.min_lists.push(p.clone());
        }
        let items: Vec<(String, &Item)> = match e {
            Entry::One(i) => vec![(p.clone(), i)],
            Entry::Many(v) => v
                .iter()
                .enumerate()
                .map(|(k, i)| (format!("{p}/{k}"), i))
                .collect(),
        };
        for (ip, item) in items {
            match (item, &n.shape) {
                (Item::Group(inner), _) => collect(s, *c, inner, &ip, t),
                (Item::Plain(_), Shape::Scalar(sc)) => t.plains.push((
                    ip,
                    sc.json_type,
                    sc.pattern.is_some(),
                    sc.allowed.is_some(),
                    sc.min_length.is_some(),
                )),
                (Item::Parts(pv), Shape::Parts { parts, .. }) => {
                    t.parts_objects.push(ip.clone());
                    for (k, _) in &pv.values {
                        let sc = &parts[*k as usize].scalar;
                        t.plains.push((
                            format!("{ip}/{}", parts[*k as usize].key),
                            sc.json_type,
                            sc.pattern.is_some(),
                            sc.allowed.is_some(),
                            sc.min_length.is_some(),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
}

fn set(v: &mut Value, ptr: &str, new: Value) {
    *v.pointer_mut(ptr).unwrap_or_else(|| panic!("no {ptr}")) = new;
}

fn remove(v: &mut Value, ptr: &str) {
    let (parent, key) = ptr.rsplit_once('/').unwrap();
    let key = key.replace("~1", "/").replace("~0", "~");
    v.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(&key);
}

/// Every `step`-th element, at most `cap` of them: deterministic thinning of big structures.
fn thin<T: Clone>(v: &[T], cap: usize) -> Vec<T> {
    let step = v.len().div_ceil(cap).max(1);
    v.iter().step_by(step).cloned().collect()
}

#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn error_verdicts_agree_with_jsonschema_on_every_real_structure() {
    let files = corpus();
    let mut cases = 0usize;
    let mut invalid_cases = 0usize;
    let mut disagreements = Vec::new();
    for path in &files {
        let text = read(path);
        let schema: Value = serde_json::from_str(&text).unwrap();
        let s = Structure::from_json(&text).unwrap();
        let oracle = oracle(&schema);
        let mut check = |what: &str, v: &Value| {
            let (_, report) = validate_json(&s, &v.to_string(), &Rules::default()).unwrap();
            let ours = report.has_errors();
            let theirs = !oracle.is_valid(v);
            cases += 1;
            invalid_cases += theirs as usize;
            if ours != theirs {
                let first = report
                    .errors()
                    .next()
                    .map(|i| format!("{} {}", i.pointer, i.kind.code()));
                disagreements.push(format!(
                    "{}: {what}: ours={ours} jsonschema={theirs} ({first:?})",
                    s.meta.oid
                ));
            }
        };
        for mode in [SampleMode::Full, SampleMode::Minimal] {
            let doc = sample_document(&s, mode);
            let base: Value = serde_json::from_str(&doc.to_canonical_json(&s)).unwrap();
            check(&format!("{mode:?} sample"), &base);
            if mode == SampleMode::Minimal {
                continue;
            }
            let mut t = Targets::default();
            collect(&s, s.root(), &doc.top, "", &mut t);
            for (p, required) in thin(&t.props, 60) {
                let mut v = base.clone();
                remove(&mut v, &p);
                check(&format!("drop {p} (required={required})"), &v);
            }
            for (g, _) in thin(&t.groups, 25) {
                let mut v = base.clone();
                v.pointer_mut(&g)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("tuntematon_kentta".into(), json!("x"));
                check(&format!("unknown key in {g:?}"), &v);
            }
            for p in thin(&t.parts_objects, 15) {
                let mut v = base.clone();
                v.pointer_mut(&p)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("extra".into(), json!(1));
                check(&format!("unknown part in {p}"), &v);
            }
            for p in &t.min_lists {
                let mut v = base.clone();
                set(&mut v, p, json!([]));
                check(&format!("empty list {p}"), &v);
            }
            let plains = thin(&t.plains, 60);
            for (p, ty, pattern, allowed, min_length) in plains {
                let mut v = base.clone();
                set(
                    &mut v,
                    &p,
                    if ty == JsonType::String {
                        json!(42)
                    } else {
                        json!("x")
                    },
                );
                check(&format!("wrong type {p}"), &v);
                if pattern {
                    for bad in [
                        "23.3.2026",
                        "urn:oid:9.9.9",
                        "2026-13-01",
                        "2026-03-19T25:00:00+02:00",
                    ] {
                        let mut v = base.clone();
                        set(&mut v, &p, json!(bad));
                        check(&format!("pattern {p} = {bad}"), &v);
                    }
                }
                if allowed {
                    let mut v = base.clone();
                    set(&mut v, &p, json!("ei-sallittu"));
                    check(&format!("enum {p}"), &v);
                }
                if min_length {
                    let mut v = base.clone();
                    set(&mut v, &p, json!(""));
                    check(&format!("minLength {p}"), &v);
                }
            }
            for (g, _) in thin(&t.groups, 10)
                .into_iter()
                .filter(|(g, _)| !g.is_empty())
            {
                let mut v = base.clone();
                set(&mut v, &g, json!("ei objekti"));
                check(&format!("group replaced by text {g}"), &v);
            }
        }
        check("empty object", &json!({}));
        check("array at the top", &json!([]));
    }
    eprintln!(
        "differential: {} structures, {cases} documents ({invalid_cases} invalid by jsonschema), {} disagreements",
        files.len(),
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements[..disagreements.len().min(30)].join("\n")
    );
    if !files.is_empty() {
        assert!(
            cases > 20_000 && invalid_cases > 15_000,
            "{cases} {invalid_cases}"
        );
    }
}
