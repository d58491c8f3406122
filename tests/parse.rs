//! Structure parsing: project fixtures, the real corpus, negative fixtures.

use std::collections::BTreeSet;

use sosmeta_editor::Lang;
use sosmeta_editor::{FieldKind, NodeKind, QuantityKind, Shape, Structure};

use crate::support::*;

#[test]
fn demo_structure_model() {
    let s = project("demo-kertomus.json");
    assert_eq!(s.meta.oid, "1.2.246.537.6.1506.99901.2026.11.22");
    assert!(s.meta.is_valmis());
    assert_eq!(
        s.meta.document_type_code(),
        Some(("1.2.246.537.6.1506".into(), "99901".into()))
    );
    let doc = s.document_node();
    let keys: Vec<&str> = s
        .node(doc)
        .children
        .iter()
        .map(|c| s.node(*c).key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "asiakas",
            "kaynnin_ajankohta",
            "kayntityyppi",
            "merkinta",
            "asiakas_osallistui",
            "suunnitelma",
            "tiedote",
            "laatija",
            "paivamaara"
        ]
    );
    let asiakas = s.resolve_key_path("/demo_asiakaskertomus/asiakas").unwrap();
    assert_eq!(s.node(asiakas).repeat.unwrap().min_items, 1);
    assert!(s.node(asiakas).required);
    let hetu = s
        .resolve_key_path("/demo_asiakaskertomus/asiakas/henkilotunnus")
        .unwrap();
    assert_eq!(s.node(hetu).kind, NodeKind::Field(FieldKind::Identifier));
    assert!(s.is_henkilotunnus(hetu));
    assert!(s.node(hetu).meta.conditional_required);
    assert_eq!(s.node(hetu).meta.label(Lang::Sv), "Personbeteckning");
    let code = s
        .resolve_key_path("/demo_asiakaskertomus/kayntityyppi")
        .unwrap();
    match &s.node(code).shape {
        Shape::Parts { parts, closed } => {
            assert!(closed);
            let keys: Vec<&str> = parts.iter().map(|p| p.key.as_str()).collect();
            assert_eq!(
                keys,
                ["system", "code", "display"],
                "parts keep schema order"
            );
            assert_eq!(
                parts[0]
                    .scalar
                    .pattern
                    .as_ref()
                    .unwrap()
                    .oid_system()
                    .as_deref(),
                Some("urn:oid:1.2.246.537.6.99901")
            );
        }
        other => panic!("{other:?}"),
    }
    let suunnitelma = s
        .resolve_key_path("/demo_asiakaskertomus/suunnitelma")
        .unwrap();
    assert!(s.node(suunnitelma).meta.hidden_field);
    assert!(s.warnings().is_empty(), "{:?}", s.warnings());
}

#[test]
fn every_representation_in_the_all_kinds_structure() {
    let s = project("demo-kaikki-tietotyypit.json");
    let kinds: BTreeSet<String> = s
        .ids()
        .filter_map(|id| match &s.node(id).kind {
            NodeKind::Field(k) => Some(k.representation().to_string()),
            NodeKind::Group => s.node(id).meta.representation.fi.clone(),
        })
        .collect();
    let all = [
        "Teksti",
        "Nimi",
        "Kytkin",
        "Pvm",
        "Hetki",
        "Koodi",
        "Tunnus",
        "Määrä",
        "Prosentti",
        "Mitta",
        "Numero",
        "Lkm",
        "Fraasi",
        "Allekirjoitus",
        "Otsikko",
    ];
    for r in all {
        assert!(kinds.contains(r), "{r} missing from {kinds:?}");
    }
    let pvm = s
        .resolve_key_path("/demo_kaikki_tietotyypit/otsikko/pvm")
        .unwrap();
    assert_eq!(
        s.node(pvm).meta.label(Lang::Fi),
        "Osittainen päivämäärä",
        "title wins over name"
    );
    let mitta = s
        .resolve_key_path("/demo_kaikki_tietotyypit/mitta")
        .unwrap();
    assert_eq!(
        s.node(mitta).kind,
        NodeKind::Field(FieldKind::Quantity(QuantityKind::Measure))
    );
}

#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn real_corpus_parses_without_errors_or_warnings_and_uses_all_representations() {
    let mut reps = BTreeSet::new();
    let mut nodes = 0;
    for path in corpus() {
        let s = Structure::from_json(&read(&path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            s.warnings().is_empty(),
            "{}: {:?}",
            path.display(),
            s.warnings()
        );
        assert_eq!(
            format!("{}.json", s.meta.oid),
            path.file_name().unwrap().to_str().unwrap()
        );
        assert!(s.meta.is_valmis());
        nodes += s.len();
        for id in s.ids() {
            match &s.node(id).kind {
                NodeKind::Field(FieldKind::Unknown { representation }) => {
                    panic!("unknown {representation}")
                }
                NodeKind::Field(k) => {
                    reps.insert(k.representation().to_string());
                }
                NodeKind::Group => {
                    if let Some(r) = &s.node(id).meta.representation.fi {
                        reps.insert(r.clone());
                    }
                }
            }
        }
    }
    if nodes > 0 {
        assert_eq!(reps.len(), 15, "{reps:?}");
        assert!(nodes > 9000, "{nodes}");
    }
}

#[test]
fn invalid_structures_give_typed_errors_with_pointers() {
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&read(root().join("tests/data/invalid-structures.json"))).unwrap();
    assert!(cases.len() >= 10);
    for c in cases {
        let desc = c["description"].as_str().unwrap();
        let text = match &c["structure"] {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let err = Structure::from_json(&text)
            .err()
            .unwrap_or_else(|| panic!("{desc}: parsed"));
        let msg = err.to_string();
        let want = c["error_contains"].as_str().unwrap();
        assert!(msg.contains(want), "{desc}: '{msg}' lacks '{want}'");
    }
}

#[test]
fn warnings_are_kept_not_silenced() {
    let text = r#"{"type":"object","additionalProperties":false,"sosmeta":{"oid":"1.2.3.4.5.6","status":"Valmis"},
      "required":["d"],"properties":{"d":{"type":"object","additionalProperties":false,"sosmeta":{"name":[{"lang":"fi","value":"D"}]},
      "properties":{"x":{"type":"string","maxLength":3,"sosmeta":{"representation":[{"lang":"fi","value":"Hologrammi"}],"rowNumber":1}},
      "y":{"type":"string","sosmeta":{"representation":[{"lang":"fi","value":"Kytkin"}],"rowNumber":2}}}}}}"#;
    let s = Structure::from_json(text).unwrap();
    let w: Vec<String> = s.warnings().iter().map(|w| w.to_string()).collect();
    assert_eq!(
        w,
        [
            "draft-07 keyword 'maxLength' is not evaluated: documents are not checked against it and no signed-ready bundle is made at /properties/d/properties/x",
            "unknown representation 'Hologrammi' at /properties/d/properties/x",
            "representation 'Kytkin' does not fit type 'string' at /properties/d/properties/y",
        ]
    );
    let x = s.resolve_key_path("/d/x").unwrap();
    assert_eq!(
        s.node(x).kind,
        NodeKind::Field(FieldKind::Unknown {
            representation: "Hologrammi".into()
        })
    );
}

/// Every real structure read a part at a time (`json::Reading`, as the element reads a
/// large input in tasks) is the value one reading gives, at a step that pauses it
/// hundreds of times and at an odd one.
#[test]
fn real_structures_read_in_parts_are_read_whole() {
    use sosmeta_editor::json::{parse, Limits, Reading};
    for f in corpus() {
        let text = read(&f);
        let whole = parse(&text).unwrap();
        for bytes in [997, 4096] {
            let mut r = Reading::new(text.clone(), Limits::default());
            let mut steps = 0;
            let v = loop {
                steps += 1;
                if let Some(v) = r.step(bytes).unwrap() {
                    break v;
                }
            };
            assert_eq!(v, whole, "{}", f.display());
            assert!(
                steps > text.len() / bytes / 2,
                "{}: {steps} steps",
                f.display()
            );
        }
    }
}
