//! Validation: each rule, severities, pointers, messages, the rules overlay.

use serde_json::json;
use sosmeta_editor::validate::{validate, validate_json, IssueKind, RuleSet, Rules, Severity};
use sosmeta_editor::Document;
use sosmeta_editor::Structure;
use sosmeta_editor::{issue_message, MessageLang};

use crate::support::*;

fn filled() -> serde_json::Value {
    serde_json::from_str(&read(root().join("tests/data/demo-kertomus.filled.json"))).unwrap()
}

/// (pointer, code, severity) of every issue for a mutated demo document.
fn issues_for(
    s: &Structure,
    v: &serde_json::Value,
    rules: &Rules,
) -> Vec<(String, &'static str, Severity)> {
    let (_, report) = validate_json(s, &v.to_string(), rules).unwrap();
    report
        .issues
        .iter()
        .map(|i| (i.pointer.clone(), i.kind.code(), i.severity()))
        .collect()
}

fn errors_for(s: &Structure, v: &serde_json::Value) -> Vec<(String, &'static str)> {
    issues_for(s, v, &Rules::default())
        .into_iter()
        .filter(|i| i.2 == Severity::Error)
        .map(|i| (i.0, i.1))
        .collect()
}

#[test]
fn filled_demo_is_valid() {
    let s = project("demo-kertomus.json");
    assert_eq!(errors_for(&s, &filled()), []);
}

#[test]
fn schema_rules_table() {
    let s = project("demo-kertomus.json");
    type Mutate = fn(&mut serde_json::Value);
    type Case = (&'static str, Mutate, Vec<(String, &'static str)>);
    let d = "/demo_asiakaskertomus";
    let cases: Vec<Case> = vec![
        (
            "missing required field",
            |v| {
                v["demo_asiakaskertomus"]
                    .as_object_mut()
                    .unwrap()
                    .remove("merkinta");
            },
            vec![(format!("{d}/merkinta"), "required")],
        ),
        (
            "missing required inside a repeated group",
            |v| {
                v["demo_asiakaskertomus"]["laatija"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("sukunimi");
            },
            vec![(format!("{d}/laatija/0/sukunimi"), "required")],
        ),
        (
            "empty list below minItems",
            |v| {
                v["demo_asiakaskertomus"]["asiakas"] = json!([]);
            },
            vec![(format!("{d}/asiakas"), "min-items")],
        ),
        (
            "required text too short",
            |v| {
                v["demo_asiakaskertomus"]["merkinta"] = json!("");
            },
            vec![(format!("{d}/merkinta"), "min-length")],
        ),
        (
            "Finnish-style date is not the stored form",
            |v| {
                v["demo_asiakaskertomus"]["paivamaara"] = json!("20.11.2026");
            },
            vec![(format!("{d}/paivamaara"), "pattern")],
        ),
        (
            "instant zone out of range",
            |v| {
                v["demo_asiakaskertomus"]["kaynnin_ajankohta"] = json!("2026-11-20T09:30:00+15:00");
            },
            vec![(format!("{d}/kaynnin_ajankohta"), "pattern")],
        ),
        (
            "code system of another classification",
            |v| {
                v["demo_asiakaskertomus"]["kayntityyppi"]["system"] =
                    json!("urn:oid:1.2.246.537.6.1");
            },
            vec![(format!("{d}/kayntityyppi/system"), "pattern")],
        ),
        (
            "code not in enum",
            |v| {
                v["demo_asiakaskertomus"]["kayntityyppi"]["code"] = json!("9");
            },
            vec![(format!("{d}/kayntityyppi/code"), "enum")],
        ),
        (
            "code part missing",
            |v| {
                v["demo_asiakaskertomus"]["kayntityyppi"]
                    .as_object_mut()
                    .unwrap()
                    .remove("display");
            },
            vec![(format!("{d}/kayntityyppi/display"), "required")],
        ),
        (
            "phrase changed",
            |v| {
                v["demo_asiakaskertomus"]["tiedote"] = json!("Muu teksti");
            },
            vec![(format!("{d}/tiedote"), "phrase")],
        ),
        (
            "wrong type",
            |v| {
                v["demo_asiakaskertomus"]["asiakas_osallistui"] = json!("kyllä");
            },
            vec![(format!("{d}/asiakas_osallistui"), "type")],
        ),
        (
            "unknown property",
            |v| {
                v["demo_asiakaskertomus"]["asiakas"][0]["lempinimi"] = json!("Maikki");
            },
            vec![(format!("{d}/asiakas/0/lempinimi"), "unknown-property")],
        ),
        (
            "unknown property with pointer escaping",
            |v| {
                v["demo_asiakaskertomus"]["a/b~c"] = json!(1);
            },
            vec![(format!("{d}/a~1b~0c"), "unknown-property")],
        ),
        (
            "missing document node",
            |v| {
                *v = json!({});
            },
            vec![(d.to_string(), "required")],
        ),
    ];
    for (desc, mutate, expected) in cases {
        let mut v = filled();
        mutate(&mut v);
        let got = errors_for(&s, &v);
        let want: Vec<(String, &str)> = expected.into_iter().collect();
        assert_eq!(got, want, "{desc}");
    }
}

#[test]
fn missing_required_only_inside_present_groups() {
    let s = project("demo-kertomus.json");
    let mut v = filled();
    v["demo_asiakaskertomus"]
        .as_object_mut()
        .unwrap()
        .remove("suunnitelma");
    assert_eq!(errors_for(&s, &v), []);
    let s2 = project("demo-kaikki-tietotyypit.json");
    let v = json!({"demo_kaikki_tietotyypit": {"otsikko": {}}});
    assert_eq!(
        errors_for(&s2, &v),
        [(
            "/demo_kaikki_tietotyypit/otsikko/teksti".to_string(),
            "required"
        )]
    );
    let v = json!({"demo_kaikki_tietotyypit": {}});
    assert_eq!(
        errors_for(&s2, &v),
        [("/demo_kaikki_tietotyypit/otsikko".to_string(), "required")]
    );
}

#[test]
fn stricter_findings_are_warnings() {
    let s = project("demo-kertomus.json");
    let d = "/demo_asiakaskertomus";
    let mut v = filled();
    v["demo_asiakaskertomus"]["merkinta"] = json!("   ");
    v["demo_asiakaskertomus"]["asiakas"][0]["henkilotunnus"]["value"] = json!("");
    v["demo_asiakaskertomus"]["paivamaara"] = json!("2026-02-30");
    v["demo_asiakaskertomus"]["kaynnin_ajankohta"] = json!("2026-11-20");
    let got = issues_for(&s, &v, &Rules::default());
    let want = vec![
        (
            format!("{d}/asiakas/0/henkilotunnus/value"),
            "empty-identifier",
            Severity::Warning,
        ),
        (
            format!("{d}/asiakas/0/syntymaaika"),
            "conditional-required",
            Severity::Warning,
        ),
        (
            format!("{d}/kaynnin_ajankohta"),
            "instant-without-time",
            Severity::Warning,
        ),
        (format!("{d}/merkinta"), "blank-text", Severity::Warning),
        (
            format!("{d}/paivamaara"),
            "impossible-date",
            Severity::Warning,
        ),
    ];
    assert_eq!(got, want);
}

#[test]
fn conditional_warning_carries_the_implementation_note() {
    let s = project("demo-kertomus.json");
    let doc = doc(&s, "tests/data/demo-kertomus.filled.json");
    let r = validate(&s, &doc, &Rules::default());
    let w: Vec<_> = r.warnings().collect();
    assert_eq!(w.len(), 1);
    assert_eq!(
        issue_message(&w[0].kind, MessageLang::Fi),
        "Ehdollisesti pakollinen – tarkista ehto: Ehdollisesti pakollinen: Henkilötunnus- ja Syntymäaika -kentistä toinen on pakollinen."
    );
}

fn demo_rules() -> Rules {
    let s = project("demo-kertomus.json");
    RuleSet::from_json(&read(root().join("rules/demo-kertomus.rules.json")))
        .unwrap()
        .compile(&s)
        .unwrap()
}

#[test]
fn rules_overlay_one_of_required_replaces_the_prose_warning() {
    let s = project("demo-kertomus.json");
    let rules = demo_rules();
    let d = "/demo_asiakaskertomus";
    // henkilötunnus present: the one-of rule is satisfied, no prose warning remains.
    assert_eq!(issues_for(&s, &filled(), &rules), []);
    // neither present: one error at the first field, in the right item.
    let mut v = filled();
    v["demo_asiakaskertomus"]["asiakas"] = json!([
        {"sukunimi": "A", "etunimet": "B", "syntymaaika": "2010-05"},
        {"sukunimi": "C", "etunimet": "D"}
    ]);
    let got = issues_for(&s, &v, &rules);
    assert_eq!(
        got,
        [(
            format!("{d}/asiakas/1/henkilotunnus"),
            "rule-one-of-required",
            Severity::Error
        )]
    );
}

#[test]
fn rules_required_when_and_hidden_when() {
    let s = project("demo-kertomus.json");
    let rules = demo_rules();
    let d = "/demo_asiakaskertomus";
    // Home visit (code 3) requires a next meeting date.
    let mut v = filled();
    v["demo_asiakaskertomus"]["suunnitelma"]
        .as_object_mut()
        .unwrap()
        .remove("seuraava_tapaaminen");
    assert_eq!(
        issues_for(&s, &v, &rules),
        [(
            format!("{d}/suunnitelma/seuraava_tapaaminen"),
            "rule-required",
            Severity::Error
        )]
    );
    // A phone call (code 2) does not, and hides "asiakas osallistui": a value there is a warning.
    v["demo_asiakaskertomus"]["kayntityyppi"]["code"] = json!("2");
    assert_eq!(
        issues_for(&s, &v, &rules),
        [(
            format!("{d}/asiakas_osallistui"),
            "hidden-has-value",
            Severity::Warning
        )]
    );
    let doc = Document::from_value(&s, &v).unwrap();
    let hidden = rules.hidden(&s, &doc);
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].to_pointer(&s), format!("{d}/asiakas_osallistui"));
}

#[test]
fn rules_file_errors_name_the_pointer() {
    let s = project("demo-kertomus.json");
    let oid = &s.meta.oid;
    let cases = [
        (json!({"rules": {oid: [{"field": "/demo_asiakaskertomus/nope", "requiredWhen": "always"}]}}), format!("path '/demo_asiakaskertomus/nope' is not in structure {oid} at /rules/{oid}/0/field")),
        (json!({"rules": {oid: [{"field": "/demo_asiakaskertomus/merkinta"}]}}), format!("a field rule needs exactly one of 'requiredWhen' or 'hiddenWhen' at /rules/{oid}/0")),
        (json!({"rules": {oid: [{"oneOfRequired": ["/demo_asiakaskertomus/merkinta", "/demo_asiakaskertomus/asiakas/sukunimi"]}]}}), format!("'oneOfRequired' fields must be in the same group at /rules/{oid}/0/oneOfRequired")),
        (json!({"rules": {oid: [{"field": "/demo_asiakaskertomus/merkinta", "requiredWhen": {"present": "/x"}}]}}), format!("path '/x' is not in structure {oid} at /rules/{oid}/0/requiredWhen")),
    ];
    for (file, want) in cases {
        let err = RuleSet::from_json(&file.to_string())
            .unwrap()
            .compile(&s)
            .unwrap_err();
        assert_eq!(err.to_string(), want);
    }
    assert!(RuleSet::from_json(r#"{"rules": 5}"#)
        .unwrap_err()
        .to_string()
        .starts_with("not a rules file"));
}

#[test]
fn report_at_filters_by_pointer_prefix() {
    let s = project("demo-kertomus.json");
    let doc = Document::from_json(&s, r#"{"demo_asiakaskertomus":{"asiakas":[{}]}}"#).unwrap();
    let r = validate(&s, &doc, &Rules::default());
    let at: Vec<&str> = r
        .at("/demo_asiakaskertomus/asiakas/0")
        .map(|i| i.pointer.as_str())
        .collect();
    assert_eq!(
        at[..2],
        [
            "/demo_asiakaskertomus/asiakas/0/sukunimi",
            "/demo_asiakaskertomus/asiakas/0/etunimet"
        ]
    );
    assert!(r
        .at("/demo_asiakaskertomus/asiakas/0")
        .all(|i| i.pointer.starts_with("/demo_asiakaskertomus/asiakas/0/")));
    assert!(matches!(r.issues[0].kind, IssueKind::MissingRequired));
}

/// A social worker reads which fields are meant by their labels, as the form shows them,
/// never by key path ("Jokin näistä on pakollinen: /demo_asiakaskertomus/asiakas/…" was
/// shown in the form's error summary); the CLI's English keeps the key paths.
#[test]
fn one_of_required_names_fields_by_their_labels() {
    let s = project("demo-kertomus.json");
    let rules = RuleSet::from_json(&read(root().join("rules/demo-kertomus.rules.json")))
        .unwrap()
        .compile(&s)
        .unwrap();
    let mut v = filled();
    let client = &mut v["demo_asiakaskertomus"]["asiakas"][0];
    client.as_object_mut().unwrap().remove("henkilotunnus");
    client.as_object_mut().unwrap().remove("syntymaaika");
    let (_, report) = validate_json(&s, &v.to_string(), &rules).unwrap();
    let issue = report
        .issues
        .iter()
        .find(|i| matches!(i.kind, IssueKind::RuleOneOfRequired { .. }))
        .expect("the rule holds");
    let fi = issue_message(&issue.kind, MessageLang::Fi);
    assert!(
        fi.starts_with("Jokin näistä on pakollinen: Henkilötunnus, Syntymäaika"),
        "{fi}"
    );
    assert!(!fi.contains("/demo_"), "{fi}");
    let sv = issue_message(&issue.kind, MessageLang::Sv);
    assert!(
        sv.starts_with("En av dessa är obligatorisk: Personbeteckning, Födelsedatum"),
        "{sv}"
    );
    let en = issue_message(&issue.kind, MessageLang::En);
    assert!(
        en.contains("/demo_asiakaskertomus/asiakas/henkilotunnus"),
        "{en}"
    );
}
