//! Canonical JSON, round trips and edits.

use serde_json::json;
use sosmeta_editor::{
    DataPath, Document, Edit, EditErrorKind, Group, Item, LoadError, Parts, PathToken, Plain,
};

use crate::support::*;

#[test]
fn canonical_order_is_structure_order_whatever_the_input_order() {
    let s = project("demo-kertomus.json");
    let shuffled = r#"{"demo_asiakaskertomus":{"paivamaara":"2026-11-20","merkinta":"M",
        "kayntityyppi":{"display":"Puhelu","code":"2","system":"urn:oid:1.2.246.537.6.99901"}}}"#;
    let doc = Document::from_json(&s, shuffled).unwrap();
    assert_eq!(
        doc.to_canonical_json(&s),
        r#"{"demo_asiakaskertomus":{"kayntityyppi":{"system":"urn:oid:1.2.246.537.6.99901","code":"2","display":"Puhelu"},"merkinta":"M","paivamaara":"2026-11-20"}}"#
    );
}

#[test]
fn filled_document_round_trips_byte_for_byte() {
    let s = project("demo-kertomus.json");
    let d = doc(&s, "tests/data/demo-kertomus.filled.json");
    let out = d.to_canonical_json(&s);
    let again = Document::from_json(&s, &out).unwrap();
    assert_eq!(again, d);
    assert_eq!(again.to_canonical_json(&s), out);
    golden("demo-kertomus.document.json", &out);
}

/// Numbers are kept as values in one canonical spelling (crate::json): `1.0` → `1`,
/// `-2.5e-7` → `-0.00000025`; reading the output again gives the same document.
#[test]
fn numbers_and_odd_text_survive() {
    let s = project("demo-kaikki-tietotyypit.json");
    let text = r#"{"demo_kaikki_tietotyypit":{"otsikko":{"teksti":"\"lainaus\" \\ \u0001 \ud83d\ude00 </p>"},"maara":{"value":1.0,"code":"EUR"},"lkm":3,"numero":-2.5e-7}}"#;
    let d = Document::from_json(&s, text).unwrap();
    let out = d.to_canonical_json(&s);
    assert_eq!(
        out,
        "{\"demo_kaikki_tietotyypit\":{\"otsikko\":{\"teksti\":\"\\\"lainaus\\\" \\\\ \\u0001 😀 </p>\"},\"maara\":{\"value\":1,\"code\":\"EUR\"},\"numero\":-0.00000025,\"lkm\":3}}"
    );
    assert_eq!(Document::from_json(&s, &out).unwrap(), d);
}

#[test]
fn loading_reports_every_shape_problem_and_drops_nothing() {
    let s = project("demo-kertomus.json");
    let bad = r#"{"demo_asiakaskertomus":{"merkinta":5,"asiakas":{"sukunimi":"x"},"extra":{"a":1},
        "kayntityyppi":{"code":1,"foo":"bar"}},"toinen":true}"#;
    let LoadError::Shape { problems } = Document::from_json(&s, bad).unwrap_err() else {
        panic!()
    };
    let got: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        got,
        [
            "expected string, found number at /demo_asiakaskertomus/merkinta",
            "expected array, found object at /demo_asiakaskertomus/asiakas",
            "unknown property 'extra' at /demo_asiakaskertomus/extra",
            "expected string, found number at /demo_asiakaskertomus/kayntityyppi/code",
            "unknown property 'foo' at /demo_asiakaskertomus/kayntityyppi/foo",
            "unknown property 'toinen' at /toinen",
        ]
    );
    assert!(matches!(
        Document::from_json(&s, "{").unwrap_err(),
        LoadError::Json { error } if error.line == 1
    ));
    // The typed path of a problem inside a repeated item is that value's (the view puts
    // the message on that field), after other items and keys were read before it.
    let bad = r#"{"demo_asiakaskertomus":{"asiakas":[{"sukunimi":"a"},{"sukunimi":"b","etunimet":5}],"merkinta":"x"}}"#;
    let LoadError::Shape { problems } = Document::from_json(&s, bad).unwrap_err() else {
        panic!()
    };
    let p = &problems[0];
    assert_eq!(p.pointer, "/demo_asiakaskertomus/asiakas/1/etunimet");
    assert_eq!(p.path, path(&s, &p.pointer));
}

fn path(s: &sosmeta_editor::Structure, pointer: &str) -> DataPath {
    DataPath::from_pointer(s, pointer).unwrap_or_else(|| panic!("{pointer}"))
}

#[test]
fn edits_set_clear_add_remove() {
    let s = project("demo-kertomus.json");
    let mut d = Document::new();
    let text = |t: &str| Item::Plain(Plain::Text(t.into()));
    d.apply(
        &s,
        Edit::Set {
            path: path(&s, "/demo_asiakaskertomus/suunnitelma/jatkotoimet"),
            value: text("Soitto"),
        },
    )
    .unwrap();
    assert_eq!(
        d.to_canonical_json(&s),
        r#"{"demo_asiakaskertomus":{"suunnitelma":{"jatkotoimet":"Soitto"}}}"#
    );
    // Clearing the only field removes the key and the groups left empty: nothing empty stays.
    d.apply(
        &s,
        Edit::Clear {
            path: path(&s, "/demo_asiakaskertomus/suunnitelma/jatkotoimet"),
        },
    )
    .unwrap();
    assert_eq!(d.to_canonical_json(&s), "{}");
    // Setting an empty text is a clear.
    d.apply(
        &s,
        Edit::Set {
            path: path(&s, "/demo_asiakaskertomus/merkinta"),
            value: text("x"),
        },
    )
    .unwrap();
    d.apply(
        &s,
        Edit::Set {
            path: path(&s, "/demo_asiakaskertomus/merkinta"),
            value: text(""),
        },
    )
    .unwrap();
    assert_eq!(d.to_canonical_json(&s), "{}");
    // Repeated groups.
    let asiakas = path(&s, "/demo_asiakaskertomus/asiakas");
    d.apply(
        &s,
        Edit::AddItem {
            path: asiakas.clone(),
            value: Item::Group(Group::default()),
        },
    )
    .unwrap();
    d.apply(
        &s,
        Edit::AddItem {
            path: asiakas.clone(),
            value: Item::Group(Group::default()),
        },
    )
    .unwrap();
    d.apply(
        &s,
        Edit::Set {
            path: path(&s, "/demo_asiakaskertomus/asiakas/1/sukunimi"),
            value: text("Toinen"),
        },
    )
    .unwrap();
    assert_eq!(
        d.to_canonical_json(&s),
        r#"{"demo_asiakaskertomus":{"asiakas":[{},{"sukunimi":"Toinen"}]}}"#
    );
    d.apply(
        &s,
        Edit::RemoveItem {
            path: asiakas.clone(),
            index: 0,
        },
    )
    .unwrap();
    assert_eq!(
        d.to_canonical_json(&s),
        r#"{"demo_asiakaskertomus":{"asiakas":[{"sukunimi":"Toinen"}]}}"#
    );
    d.apply(
        &s,
        Edit::RemoveItem {
            path: asiakas.clone(),
            index: 0,
        },
    )
    .unwrap();
    assert_eq!(d.to_canonical_json(&s), "{}");
    // Object-shaped values.
    let code = path(&s, "/demo_asiakaskertomus/kayntityyppi");
    let parts = Parts {
        values: vec![
            (1, Plain::Text("2".into())),
            (2, Plain::Text("Puhelu".into())),
        ],
        extra: vec![],
    };
    d.apply(
        &s,
        Edit::Set {
            path: code.clone(),
            value: Item::Parts(parts),
        },
    )
    .unwrap();
    assert_eq!(
        d.to_canonical_json(&s),
        r#"{"demo_asiakaskertomus":{"kayntityyppi":{"code":"2","display":"Puhelu"}}}"#
    );
}

#[test]
fn bad_edits_are_typed_errors() {
    let s = project("demo-kertomus.json");
    let mut d = Document::new();
    let e = d
        .apply(
            &s,
            Edit::Set {
                path: path(&s, "/demo_asiakaskertomus/asiakas_osallistui"),
                value: Item::Plain(Plain::Text("kyllä".into())),
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, EditErrorKind::ShapeMismatch);
    let e = d
        .apply(
            &s,
            Edit::RemoveItem {
                path: path(&s, "/demo_asiakaskertomus/asiakas"),
                index: 3,
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, EditErrorKind::NoSuchItem { index: 3 });
    let e = d
        .apply(
            &s,
            Edit::Set {
                path: path(&s, "/demo_asiakaskertomus/asiakas/0/sukunimi"),
                value: Item::Plain(Plain::Text("x".into())),
            },
        )
        .unwrap_err();
    assert_eq!(e.kind, EditErrorKind::BadPath);
    assert_eq!(d, Document::new(), "failed edits change nothing");
}

#[test]
fn data_paths_render_as_json_pointers() {
    let s = project("demo-kertomus.json");
    for p in [
        "/demo_asiakaskertomus/asiakas/0/henkilotunnus/value",
        "/demo_asiakaskertomus/kayntityyppi/code",
        "/demo_asiakaskertomus",
    ] {
        assert_eq!(path(&s, p).to_pointer(&s), p);
    }
    assert!(DataPath::from_pointer(&s, "/demo_asiakaskertomus/nope").is_none());
    assert!(DataPath::from_pointer(&s, "/demo_asiakaskertomus/asiakas/x").is_none());
    let p = path(&s, "/demo_asiakaskertomus/asiakas/2");
    assert_eq!(p.0.last(), Some(&PathToken::Index(2)));
    let _ = json!(null);
}
