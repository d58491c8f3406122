//! Restrictions that cannot leak: every contact under turvakielto, every client's age and
//! identity, every exclusion in the header, in both languages, no role by default. Each
//! test is built from its source passage (quoted above it).

use chrono::NaiveDate;
use sosmeta_editor::document::Document;
use sosmeta_editor::emit::{write_xhtml, XhtmlOptions};
use sosmeta_editor::model::Structure;
use sosmeta_editor::restrict::*;
use sosmeta_editor::validate::{validate, Rules};

use crate::support::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The display form of `v` with the turvakielto redactions of `m`.
fn display(s: &Structure, v: &serde_json::Value, m: &Markings) -> String {
    let d = Document::from_value(s, v).unwrap();
    let red = turvakielto_redactions(s, &d, m);
    write_xhtml(s, &d, &red, &XhtmlOptions::default())
}

fn codes(s: &Structure, v: &serde_json::Value) -> Vec<(String, String)> {
    let d = Document::from_value(s, v).unwrap();
    validate(s, &d, &Rules::default())
        .issues
        .iter()
        .map(|i| (i.kind.code().to_string(), i.pointer.clone()))
        .collect()
}

/// 1.2.246.537.6.1505.1 `asiakkaaseen_liittyvat_henkilot/turvakielto`: "Jos henkilö on muu
/// kuin asiakkaan laillinen edustaja, ja hänellä on turvakielto, ei hänen yhteystietojaan
/// kirjata asiakkuusasiakirjalle." — her phone number, address and e-mail are not recorded
/// (an error at the details) and never shown; the client's own note's exception ("puhelin-
/// numeroa ja yhteysosoitetta lukuun ottamatta") is not hers. A legal representative
/// (`toimivalta`: "31 = Huoltaja, 32 = Edunvalvoja, 33 = Edunvalvontavaltuutettu tai 34 =
/// Valtuutettu") may be recorded, but nothing of the details is shown.
#[test]
fn a_related_person_under_turvakielto_has_no_contact_details() {
    let Some((s, _)) = real("1.2.246.537.6.1505.1.2023.6.1") else {
        return;
    };
    let person = |rooli: Option<&str>| {
        let mut p = serde_json::json!({
            "sukunimi": "Virtanen", "etunimet": "Sari", "turvakielto": true,
            "yhteystiedot": {
                "osoite": [{"lahiosoite": "Piilokatu 9"}],
                "puhelinnumero": "050 999 8888",
                "sahkopostiosoite": "sari@example.fi"
            }
        });
        if let Some(code) = rooli {
            p["rooli"] = serde_json::json!([{"system": "urn:oid:1.2.246.537.6.1284", "code": code, "display": "Rooli"}]);
        }
        serde_json::json!({"asiakkuusasiakirja": {"asiakkaaseen_liittyvat_henkilot": [p]}})
    };
    let pointer = "/asiakkuusasiakirja/asiakkaaseen_liittyvat_henkilot/0/yhteystiedot";
    for rooli in [None, Some("12")] {
        let v = person(rooli);
        let found = codes(&s, &v);
        assert!(
            found.contains(&("turvakielto-details-recorded".into(), pointer.into())),
            "{rooli:?}: {found:?}"
        );
        let x = display(&s, &v, &Markings::default());
        assert!(
            !x.contains("050 999 8888") && !x.contains("Piilokatu") && !x.contains("sari@"),
            "{x}"
        );
        assert!(x.contains("Virtanen"), "the person herself is shown");
    }
    // A guardian (31) is the client's legal representative: recorded, still not shown.
    let v = person(Some("31"));
    assert!(!codes(&s, &v)
        .iter()
        .any(|(c, _)| c == "turvakielto-details-recorded"));
    let x = display(&s, &v, &Markings::default());
    assert!(
        !x.contains("050 999 8888") && !x.contains("Piilokatu"),
        "{x}"
    );
    // Without turvakielto the details are recorded and shown.
    let mut open = person(None);
    open["asiakkuusasiakirja"]["asiakkaaseen_liittyvat_henkilot"][0]["turvakielto"] = false.into();
    assert!(
        codes(&s, &open).is_empty()
            || !codes(&s, &open)
                .iter()
                .any(|(c, _)| c == "turvakielto-details-recorded")
    );
    assert!(display(&s, &open, &Markings::default()).contains("050 999 8888"));
}

/// The turvakielto switch of every other structure says only "Palvelunantajalla on
/// erityinen velvollisuus huolehtia, etteivät turvakiellon suojaamat tiedot pääse
/// ulkopuolisten käsiin" — no phone-number exception: the phone number, the address and the
/// municipality are all hidden (the safe side). Lastensuojeluilmoitus (4009) and its client.
#[test]
fn a_turvakielto_without_the_exception_hides_the_phone_number_too() {
    let Some((s, _)) = real("1.2.246.537.6.1506.4009.2023.4.28") else {
        return;
    };
    let v = serde_json::json!({"lastensuojeluilmoitus": {"asiakas": {
        "sukunimi": "Lahtinen", "etunimet": "Onni", "turvakielto": true,
        "yhteystiedot": {"osoite": [{"lahiosoite": "Turvakatu 5"}], "puhelinnumero": "044 111 2222"}
    }}});
    let x = display(&s, &v, &Markings::default());
    assert!(
        !x.contains("044 111 2222") && !x.contains("Turvakatu"),
        "{x}"
    );
    assert!(x.contains("Lahtinen"));
    // The host's population-register word on a client does the same.
    let mut off = v.clone();
    off["lastensuojeluilmoitus"]["asiakas"]["turvakielto"] = false.into();
    assert!(display(&s, &off, &Markings::default()).contains("044 111 2222"));
    let host = Markings {
        client_turvakielto: true,
        ..Markings::default()
    };
    let x = display(&s, &off, &host);
    assert!(
        !x.contains("044 111 2222") && !x.contains("Turvakatu"),
        "{x}"
    );
    // Not an error to record them: this note does not say they are not recorded.
    assert!(!codes(&s, &v)
        .iter()
        .any(|(c, _)| c == "turvakielto-details-recorded"));
}

/// Every group of the 167 structures with a turvakielto (or secret-contacts) switch and the
/// rule its own note gives it: a wrong generalisation shows up as a diff of
/// `tests/golden/turvakielto-rules.txt`.
#[test]
fn every_turvakielto_switch_and_its_rule() {
    let files = corpus();
    if files.is_empty() {
        return;
    }
    let mut out = String::from("# structure OID  group pointer  switch  rule\n");
    for path in &files {
        let s = Structure::from_json(&read(path)).unwrap();
        for w in s.protection_switches() {
            out.push_str(&format!(
                "{}  {}  {}  {}\n",
                s.meta.oid,
                s.key_path(w.group),
                s.node(w.switch).key,
                w.rule.code()
            ));
        }
    }
    golden("turvakielto-rules.txt", &out);
}
