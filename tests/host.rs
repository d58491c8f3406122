//! The custom element's Rust side, natively: host input parsers and their typed errors,
//! event payloads, code sets, the Host component (errors, read-only, author view) and the
//! author tools. The browser glue is covered by tools/e2e.mjs.

use std::rc::Rc;

use sosmeta_editor::validate::structure_rules::Handling;
use sosmeta_editor::view::author::{add_rule_skeleton, rule_coverage, rules_template};
use sosmeta_editor::view::host::{self, Host, HostError, HostMode, HostProps};
use sosmeta_editor::with_structure_rules;
use sosmeta_editor::CodeOption;
use sosmeta_editor::Lang;
use sosmeta_editor::{assess, Context};
use sosmeta_editor::{render_bundle, RenderOptions};
use sosmeta_editor::{validate, RuleOptions, RuleSource, Rules};
use sosmeta_editor::{Audience, AuthorRole, Markings};

use crate::support::*;
use crate::ui::element;

fn props(s: Option<sosmeta_editor::Structure>) -> HostProps {
    yew::props!(HostProps {
        structure: s.map(Rc::new)
    })
}

#[test]
fn attribute_values_are_checked_and_named() {
    assert_eq!(host::parse_lang("sv").unwrap(), Lang::Sv);
    assert_eq!(host::parse_mode("author").unwrap(), HostMode::Author);
    assert_eq!(
        host::parse_audience("guardian").unwrap(),
        Audience::Guardian
    );
    assert_eq!(host::parse_role("provider").unwrap(), AuthorRole::Provider);
    assert_eq!(
        host::parse_birth_date("2012-05-01").unwrap(),
        chrono::NaiveDate::from_ymd_opt(2012, 5, 1)
    );
    assert_eq!(host::parse_birth_date(" ").unwrap(), None);
    assert_eq!(
        host::parse_today("2027-01-10").unwrap(),
        chrono::NaiveDate::from_ymd_opt(2027, 1, 10)
    );
    assert_eq!(host::parse_today("").unwrap(), None);
    assert_eq!(
        host::parse_doc_oid("1.2.246.10.1").unwrap().as_deref(),
        Some("1.2.246.10.1")
    );
    for (e, source) in [
        (host::parse_lang("de").unwrap_err(), "lang"),
        (host::parse_mode("view").unwrap_err(), "mode"),
        (host::parse_audience("parent").unwrap_err(), "audience"),
        (host::parse_role("admin").unwrap_err(), "role"),
        (
            host::parse_birth_date("1.5.2012").unwrap_err(),
            "client-birth-date",
        ),
        (host::parse_today("10.1.2027").unwrap_err(), "today"),
        (host::parse_doc_oid("1.2.x").unwrap_err(), "doc-oid"),
        (host::parse_doc_oid("1..2").unwrap_err(), "doc-oid"),
    ] {
        assert_eq!(e.code, "attribute-invalid");
        assert_eq!(e.source, source);
        assert!(!e.message.is_empty());
    }
}

#[test]
fn bad_structure_document_rules_and_markings_carry_a_pointer() {
    let text = read("structures/demo-kertomus.json");
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["properties"]["demo_asiakaskertomus"]["properties"]["merkinta"]["type"] = 7.into();
    let e = host::parse_structure(&v.to_string()).unwrap_err();
    assert_eq!(e.code, "structure-invalid");
    assert!(
        e.pointer
            .starts_with("/properties/demo_asiakaskertomus/properties/merkinta"),
        "{e:?}"
    );
    let e = host::parse_structure("{").unwrap_err();
    assert_eq!(
        (e.code, e.source.as_str()),
        ("structure-invalid", "structure")
    );

    let s = project("demo-kertomus.json");
    let e = host::parse_document(&s, r#"{"demo_asiakaskertomus": {"asiakas": "x"}}"#).unwrap_err();
    assert_eq!(e.code, "document-invalid");
    assert_eq!(e.pointer, "/demo_asiakaskertomus/asiakas");
    let e = host::parse_document(&s, "[1, 2").unwrap_err();
    assert_eq!((e.code, e.pointer.as_str()), ("document-invalid", ""));
    assert!(e.message.contains("line"), "{e}");

    let e = host::parse_rules(&s, r#"{"rules": {"1.2.246.537.6.1506.99901.2026.11.22": [{"field": "/ei/ole", "requiredWhen": "always"}]}}"#).unwrap_err();
    assert_eq!(e.code, "rules-invalid");
    assert!(e.pointer.starts_with("/rules/"), "{e:?}");

    let e = host::parse_markings(r#"{"guardian": {"disclosed": "no"}}"#).unwrap_err();
    assert_eq!(e.code, "markings-invalid");
    assert_eq!(
        host::parse_markings(r#"{"specialContent": true}"#).unwrap(),
        Markings {
            special_content: true,
            ..Default::default()
        }
    );
    // The event detail names everything.
    let d = HostError::new("document-invalid", "document", "/a/0", "expected string").to_value();
    assert_eq!(d["code"], "document-invalid");
    assert_eq!(d["pointer"], "/a/0");
}

#[test]
fn code_sets_in_every_accepted_shape_with_validity_and_pointed_errors() {
    let map = host::parse_code_sets(
        r#"{"urn:oid:1.2.3": [{"code": "1", "fi": "Yksi", "sv": "Ett", "validTo": "2020-12-31"}, {"code": "2", "fi": "Kaksi"}]}"#,
    )
    .unwrap();
    let list = &map.by_oid["1.2.3"];
    assert_eq!(list.len(), 2);
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert!(list[0].valid_on(day(2020, 12, 31)) && !list[0].valid_on(day(2021, 1, 1)));
    assert!(list[1].valid_on(day(1900, 1, 1)));
    assert_eq!(
        list[1].display(Lang::Sv),
        "Kaksi",
        "Swedish falls back to Finnish"
    );

    let file = host::parse_code_sets(r#"{"oid": "1.2.4", "name": {"fi": "x"}, "codes": [{"code": "A", "fi": "a", "evidence": ["example"]}]}"#).unwrap();
    assert_eq!(file.by_oid["1.2.4"], vec![CodeOption::new("A", "a", "")]);
    let arr = host::parse_code_sets(
        r#"[{"oid": "1.2.5", "codes": []}, {"oid": "1.2.6", "codes": [{"code": "B", "fi": "b"}]}]"#,
    )
    .unwrap();
    assert_eq!(arr.by_oid.len(), 2);

    for (text, pointer) in [
        (r#"{"1.2.3": [{"fi": "no code"}]}"#, "/1.2.3/0/code"),
        (r#"{"1.2.3": [{"code": "1", "fi": 5}]}"#, "/1.2.3/0/fi"),
        (
            r#"{"1.2.3": [{"code": "1", "validFrom": "1.1.2020"}]}"#,
            "/1.2.3/0/validFrom",
        ),
        (r#"{"1.2.3": {"code": "1"}}"#, "/1.2.3"),
        (r#"[{"oid": "1.2.3", "codes": 5}]"#, "/0/codes"),
        (r#"[{"codes": []}]"#, "/0/oid"),
        ("5", ""),
    ] {
        let e = host::parse_code_sets(text).unwrap_err();
        assert_eq!(
            (e.code, e.pointer.as_str()),
            ("code-sets-invalid", pointer),
            "{text}: {e}"
        );
    }
}

#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn the_shared_partial_code_lists_all_load() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("codesets");
    let mut n = 0;
    for f in std::fs::read_dir(&dir).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let sets =
            host::parse_code_sets(&read(&p)).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_eq!(sets.by_oid.len(), 1, "{}", p.display());
        n += 1;
    }
    assert!(n > 10, "only {n} code lists");
}

#[test]
fn host_code_list_drives_the_select_expired_codes_hidden_unless_stored() {
    let s = project("demo-kertomus.json");
    assert!(host::code_set_oids(&s).contains(&"1.2.246.537.6.99901".to_string()));
    let sets = host::parse_code_sets(r#"{"1.2.246.537.6.99901": [{"code": "1", "fi": "Toimistolla"}, {"code": "2", "fi": "Puhelu"}, {"code": "3", "fi": "Kotona"}, {"code": "9", "fi": "Vanha", "validTo": "2000-01-01"}]}"#).unwrap();
    let mut p = props(Some(s.clone()));
    p.code_sets = Rc::new(sets.clone());
    let html = ssr::<Host>(p);
    assert!(html.contains("1 – Toimistolla"), "host list used");
    assert!(!html.contains("9 – Vanha"), "expired code offered");
    // Validity is judged on the editor's day (the host's `render.today`), not read from a
    // clock. (Code 9 above is also outside the schema's enum; code 3 is in it.)
    let expiring = host::parse_code_sets(r#"{"1.2.246.537.6.99901": [{"code": "1", "fi": "Toimistolla"}, {"code": "3", "fi": "Kotona", "validTo": "2000-01-01"}]}"#).unwrap();
    let mut p = props(Some(s.clone()));
    p.code_sets = Rc::new(expiring.clone());
    assert!(!ssr::<Host>(p).contains("3 – Kotona"), "expired today");
    let mut p = props(Some(s.clone()));
    p.code_sets = Rc::new(expiring);
    p.render.today = chrono::NaiveDate::from_ymd_opt(1999, 12, 31);
    let html = ssr::<Host>(p);
    assert!(
        html.contains(">3 – Kotona<"),
        "valid on the host's day 1999-12-31"
    );
    // A stored expired code stays visible, marked as not valid.
    let mut doc = read("tests/data/demo-kertomus.filled.json");
    doc = doc.replacen("Kotikäynti", "Kotona", 1);
    let sets = host::parse_code_sets(r#"{"1.2.246.537.6.99901": [{"code": "1", "fi": "Toimistolla"}, {"code": "3", "fi": "Kotona", "validTo": "2000-01-01"}]}"#).unwrap();
    let mut p = props(Some(s.clone()));
    p.code_sets = Rc::new(sets);
    p.document = Some(Rc::new(host::parse_document(&s, &doc).unwrap()));
    let html = ssr::<Host>(p);
    assert!(
        html.contains("3 – Kotona (ei voimassa)"),
        "stored expired code kept"
    );
}

#[test]
fn host_shows_errors_instead_of_a_form_that_would_replace_a_document() {
    let mut p = props(None);
    let html = ssr::<Host>(p.clone());
    assert!(html.contains("Asiakirjarakennetta ei ole annettu"));
    p.errors = Rc::new(vec![HostError::new(
        "structure-invalid",
        "structure",
        "/properties",
        "bad <b>",
    )]);
    let html = ssr::<Host>(p);
    assert!(element(
        &html,
        "div",
        &[("class", "sm-host-errors"), ("role", "alert")]
    ));
    assert!(html.contains("bad &lt;b&gt;"), "host text escaped");
    assert!(html.contains("/properties"));

    let mut p = props(Some(project("demo-kertomus.json")));
    p.blocked = true;
    p.errors = Rc::new(vec![HostError::new(
        "document-invalid",
        "document",
        "/x",
        "expected object",
    )]);
    let html = ssr::<Host>(p);
    assert!(
        !html.contains("sm-editor"),
        "no empty form while the document is refused"
    );
}

#[test]
fn readonly_disables_every_control_and_hides_emit() {
    let s = project("demo-kertomus.json");
    let mut p = props(Some(s.clone()));
    p.document = Some(Rc::new(doc(&s, "tests/data/demo-kertomus.filled.json")));
    p.readonly = true;
    let html = ssr::<Host>(p);
    let at = html.find("sm-readonly\"").expect("read-only fieldset");
    let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
    assert!(
        tag.starts_with("<fieldset") && tag.contains("disabled"),
        "{tag}"
    );
    assert!(!html.contains("sm-primary"), "no emit button");
    assert!(html.contains("Vain luku"));
}

#[test]
fn author_view_marks_drafts_and_lists_lint_texts_and_rule_coverage() {
    let mut p = props(Some(project("demo-luonnos.json")));
    p.mode = HostMode::Author;
    let html = ssr::<Host>(p);
    assert!(
        html.contains("sm-draft") && html.contains("Luonnos"),
        "draft marked"
    );
    assert!(html.contains("sm-author-lint") && html.contains("sm-tr-table"));
    assert!(html.contains("sm-editor"), "the form is shown too");

    let s = project("demo-kertomus.json");
    let mut p = props(Some(s.clone()));
    p.mode = HostMode::Author;
    let html = ssr::<Host>(p);
    assert!(!html.contains("sm-draft"));
    let bare = rule_coverage(&s, &Rules::default());
    assert!(!bare.is_empty() && bare.iter().all(|r| !r.covered));
    // Issue 14: the structure's own rules apply by default; the author view says which
    // field a rule read from the prose covers, and why the rest are prose only.
    let applied = with_structure_rules(&s, Rules::default(), RuleOptions::default());
    let rows = rule_coverage(&s, &applied);
    let derived = rows
        .iter()
        .filter(|r| r.handling == Handling::Rule(RuleSource::Derived))
        .count();
    assert!(derived > 0, "{rows:#?}");
    assert_eq!(html.matches("sm-cov-derived").count(), derived);
    assert_eq!(html.matches("sm-cov-yes").count(), derived);
    assert_eq!(html.matches("sm-cov-no").count(), rows.len() - derived);
    assert!(rows
        .iter()
        .all(|r| r.covered || matches!(&r.handling, Handling::ProseOnly(why) if !why.is_empty())));
    // derived-rules="false": nothing the structure says is applied.
    let mut p = props(Some(s.clone()));
    p.mode = HostMode::Author;
    p.structure_rules = false;
    let html = ssr::<Host>(p);
    assert_eq!(html.matches("sm-cov-no").count(), rows.len());
}

#[test]
fn a_rule_skeleton_compiles_and_covers_its_field() {
    let s = project("demo-kertomus.json");
    let rows = rule_coverage(&s, &Rules::default());
    let text = add_rule_skeleton(&rules_template(&s), &s, &rows[0]).unwrap();
    let rules = host::parse_rules(&s, &text).unwrap();
    let after = rule_coverage(&s, &rules);
    assert!(after[0].covered);
    assert_eq!(after.iter().filter(|r| r.covered).count(), 1);
    // The skeleton does not change a verdict: it requires the field only when it is present.
    let d = doc(&s, "tests/data/demo-kertomus.filled.json");
    assert_eq!(
        validate(&s, &d, &rules).errors().count(),
        validate(&s, &d, &Rules::default()).errors().count()
    );
    assert!(add_rule_skeleton("{", &s, &rows[0])
        .unwrap_err()
        .to_string()
        .contains("line 1"));
    // A typed rules-file error naming where (issue 13: one error shape per domain).
    assert_eq!(
        add_rule_skeleton(r#"{"rules": []}"#, &s, &rows[0])
            .unwrap_err()
            .pointer,
        "/rules"
    );
}

#[test]
fn event_payloads_match_the_bundle_and_the_report() {
    let s = project("demo-kertomus.json");
    let d = doc(&s, "tests/data/demo-kertomus.filled.json");
    let opts = RenderOptions {
        doc_oid: Some("1.2.246.10.1.2026.1".into()),
        ..Default::default()
    };
    let b = render_bundle(&s, &d, &Rules::default(), &opts).unwrap();
    let detail = host::emit_detail(&b);
    assert_eq!(detail["ok"], true);
    for f in &b.files {
        assert_eq!(
            detail["files"][f.name].as_str().unwrap().as_bytes(),
            &f.bytes[..]
        );
        assert_eq!(detail["mediaTypes"][f.name], f.media_type);
    }
    assert_eq!(detail["manifest"]["documentOid"], "1.2.246.10.1.2026.1");
    assert_eq!(detail["manifest"]["files"].as_array().unwrap().len(), 3);

    let bad = doc(&s, "tests/data/demo-kertomus.invalid.json");
    let report = validate(&s, &bad, &Rules::default());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let a = assess(
        &s,
        &bad,
        &Rules::default(),
        &adult_client(),
        Context { today },
    );
    assert_eq!(a.report, report);
    let refusals = sosmeta_editor::emit::refusals(&s, &bad, &a, &opts);
    let v = host::validate_detail(&a, &refusals, None, Lang::Sv);
    assert_eq!(v["valid"], false);
    // The worker's words in Swedish, from the message table; the host's log text in English.
    for (r, x) in refusals.iter().zip(v["refusals"].as_array().unwrap()) {
        let ml = sosmeta_editor::MessageLang::Sv;
        assert_eq!(
            x["message"],
            sosmeta_editor::messages::refusal_message(r, ml)
        );
        assert_eq!(x["text"], r.to_string());
    }
    assert_eq!(v["errors"], report.errors().count());
    assert_eq!(v["warnings"], report.warnings().count());
    let issues = v["issues"].as_array().unwrap();
    assert_eq!(issues.len(), report.issues.len());
    assert!(issues
        .iter()
        .all(|i| i["message"].as_str().is_some_and(|m| !m.is_empty())));
    let refused = sosmeta_editor::render_bundle_assessed(&s, &bad, &a, &opts).unwrap_err();
    let r = host::refused_detail(v);
    assert_eq!(r["ok"], false);
    // The reasons are the bundle's refusals, each by its code.
    let reasons: Vec<&str> = r["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), refused.reasons.len());
    for (text, refusal) in reasons.iter().zip(&refused.reasons) {
        assert_eq!(*text, format!("{}: {refusal}", refusal.code()));
    }
}

/// Issue 15, "Previews that do not leak": a client or guardian preview of a document that
/// person does not see shows only the neutral empty state — no title, no reason; with
/// `explain_hidden` (a professional previewing "as the client") the reason is in a banner
/// beside the previewed page, not in it. `audience_sees` answers a portal's list.
#[test]
fn hidden_previews_show_nothing_and_explain_only_beside_the_page() {
    use sosmeta_editor::Audience;
    use sosmeta_editor::{EditorProps, Mode};
    let s = project("demo-kertomus.json");
    let d = doc(&s, "tests/data/demo-kertomus.filled.json");
    let special = Markings {
        special_content: true,
        ..Default::default()
    };
    let html = |explain: bool| {
        crate::ui::render_props(yew::props!(EditorProps {
            structure: Rc::new(s.clone()),
            document: Some(Rc::new(d.clone())),
            mode: Mode::Preview,
            audience: Audience::Client,
            markings: Some(Rc::new(special.clone())),
            explain_hidden: explain,
        }))
    };
    let citizen = html(false);
    assert!(citizen.contains("Ei näytettäviä tietoja"), "{citizen}");
    assert!(
        !citizen.contains("Erityissisältö") && !citizen.contains("sm-title"),
        "{citizen}"
    );
    assert!(!citizen.contains(s.document_title(Lang::Fi)));
    let professional = html(true);
    let banner = professional.find("sm-preview-banner").unwrap();
    let page = professional.find("sm-display").unwrap();
    assert!(banner < page, "the banner is beside the page, not in it");
    assert!(professional[banner..page].contains("Erityissisältö"));
    assert!(!professional[page..].contains("Erityissisältö"));
    // A portal's list.
    let st = read(root().join("structures/demo-kertomus.json"));
    let dt = read(root().join("tests/data/demo-kertomus.filled.json"));
    let m = r#"{"specialContent": true}"#;
    assert!(!host::audience_sees(&st, &dt, m, "client", "2026-11-30").unwrap());
    assert!(host::audience_sees(&st, &dt, m, "professional", "2026-11-30").unwrap());
    assert!(host::audience_sees(&st, &dt, "", "client", "2026-11-30").unwrap());
    assert_eq!(
        host::audience_sees(&st, &dt, "", "kuka", "")
            .unwrap_err()
            .code,
        "attribute-invalid"
    );
}
