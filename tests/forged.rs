//! What was forged or lost in a document's life (issue 23's second list): each a regression
//! test that failed before its fix.

use sosmeta_editor::context::{ArchivedVersion, Version};

use crate::support::*;

const FIRST: &str = "1.2.246.10.2012566.95.2026.1";
const SECOND: &str = "1.2.246.10.2012566.95.2026.2";

fn meta(version: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"documentOid": FIRST, "version": version})
}

/// "An archived versionNumber of "3", 2.5, -1 or missing is read as 'no version' …
/// versionNumber: 0 gives 'version 1 replaces v1'": each is an error naming the member.
#[test]
fn an_archived_version_is_read_strictly() {
    for (bad, at) in [
        (
            serde_json::json!({"setId": FIRST, "versionNumber": "3"}),
            "/version/versionNumber",
        ),
        (
            serde_json::json!({"setId": FIRST, "versionNumber": 2.5}),
            "/version/versionNumber",
        ),
        (
            serde_json::json!({"setId": FIRST, "versionNumber": -1}),
            "/version/versionNumber",
        ),
        (
            serde_json::json!({"setId": FIRST, "versionNumber": 0}),
            "/version/versionNumber",
        ),
        (
            serde_json::json!({"setId": FIRST}),
            "/version/versionNumber",
        ),
        (
            serde_json::json!({"setId": FIRST, "versionNumber": 1_u64 << 40}),
            "/version/versionNumber",
        ),
        (
            serde_json::json!({"setId": "\"><x>", "versionNumber": 2}),
            "/version/setId",
        ),
        (serde_json::json!({"versionNumber": 2}), "/version/setId"),
        (serde_json::json!(null), "/version"),
        // A first version's set id is its own OID.
        (
            serde_json::json!({"setId": SECOND, "versionNumber": 1}),
            "/version/setId",
        ),
    ] {
        let m = meta(bad.clone());
        assert_eq!(
            ArchivedVersion::from_metadata(&m).map_err(|e| e.0),
            Err(at),
            "{bad}"
        );
        assert_eq!(
            Version::after_archived(&m).map_err(|e| e.0),
            Err(at),
            "{bad}"
        );
    }
    let ok = Version::after_archived(&meta(
        serde_json::json!({"setId": FIRST, "versionNumber": 1}),
    ))
    .unwrap();
    assert_eq!((ok.set_id.as_str(), ok.version_number), (FIRST, 2));
}

/// The same through the CLI: `render --corrects` and `invalidate` refuse the unreadable
/// version (exit 2, naming it) instead of forging one; the invalidation's text is written
/// terminal-safe (bidi and C1 controls as `\uXXXX`).
#[test]
fn the_cli_neither_corrects_nor_invalidates_a_version_it_cannot_read() {
    let dir = scratch("forged-version");
    let m = dir.join("metadata.json");
    let meta = |version: &str| {
        std::fs::write(
            &m,
            format!(r#"{{"documentOid": "{FIRST}", "version": {version}}}"#),
        )
        .unwrap()
    };
    let invalidate = |text: &str| {
        run_cli(&[
            "invalidate",
            m.to_str().unwrap(),
            "--reason-code",
            "1",
            "--reason-display",
            "Väärä",
            "--text",
            text,
            "--role",
            "organiser",
        ])
    };
    for (bad, at) in [
        (
            r#"{"setId": "1.2.246.10.2012566.95.2026.1", "versionNumber": "7"}"#,
            "/version/versionNumber",
        ),
        (
            r#"{"setId": "1.2.246.10.2012566.95.2026.1", "versionNumber": 1099511627776}"#,
            "/version/versionNumber",
        ),
        (
            r#"{"setId": "\"><x>", "versionNumber": 2}"#,
            "/version/setId",
        ),
    ] {
        meta(bad);
        let o = invalidate("x");
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(at), "{bad}");
        let o = run_cli(&[
            "render",
            "structures/demo-kertomus.json",
            "tests/data/demo-kertomus.filled.json",
            "--out",
            dir.join("v2").to_str().unwrap(),
            "--doc-oid",
            SECOND,
            "--corrects",
            m.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains(at), "{bad}");
    }
    meta(&format!(r#"{{"setId": "{FIRST}", "versionNumber": 1}}"#));
    let o = invalidate("Väärä \u{202e}asia\u{9b}kas");
    assert_success(&o);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        !out.contains('\u{202e}') && !out.contains('\u{9b}'),
        "{out}"
    );
    assert!(out.contains("\\u202e") && out.contains("\\u009b"), "{out}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["text"], "Väärä \u{202e}asia\u{9b}kas");
    // "With stdout closed (>&-) it exits 0 and the request is gone": the request is the
    // command's whole output, so a closed standard output is an output error (exit 3).
    #[cfg(unix)]
    {
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "\"{}\" invalidate \"{}\" --reason-code 1 --reason-display V --text x --role organiser >&-",
                env!("CARGO_BIN_EXE_sosmeta"),
                m.display()
            ))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(3), "{o:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("standard output is closed"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// "A context version alone makes a 'version 1' that replaces another OID, with no reason;
/// a context version beside --corrects is silently replaced"; "--doc-oid / --organisation
/// that differ from the context give one bundle with two document OIDs and two organiser
/// names". Each is refused, naming what disagrees.
#[test]
fn disagreeing_versions_and_names_are_refused_not_merged() {
    let dir = scratch("forged-context");
    let ctx = dir.join("context.json");
    let render = |extra: &[&str]| {
        let mut args = vec![
            "render",
            "structures/demo-kertomus.json",
            "tests/data/demo-kertomus.filled.json",
            "--out",
            dir.join("out").to_str().unwrap().to_string().leak(),
            "--today",
            "2026-11-30",
            "--context",
            ctx.to_str().unwrap().to_string().leak(),
        ];
        args.extend(extra);
        run_cli(&args)
    };
    // A "version 1" that replaces another document.
    std::fs::write(
        &ctx,
        format!(r#"{{"documentOid": "{SECOND}", "version": {{"setId": "{SECOND}", "versionNumber": 1, "replaces": "{FIRST}"}}}}"#),
    )
    .unwrap();
    let o = render(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("replaces no other version"));
    // --doc-oid against the context's document OID; --organisation against its organiser.
    std::fs::write(
        &ctx,
        format!(r#"{{"documentOid": "{SECOND}", "organiser": {{"oid": "1.2.246.10.1", "name": "Hyvinvointialue"}}}}"#),
    )
    .unwrap();
    let o = render(&["--doc-oid", FIRST]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/documentOid"));
    let o = render(&["--organisation", "Toinen"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/organiser/name"));
    assert_success(&render(&[
        "--doc-oid",
        SECOND,
        "--organisation",
        "Hyvinvointialue",
    ]));
    // A context version beside --corrects that says another number.
    let archived = dir.join("archived.json");
    std::fs::write(
        &archived,
        format!(
            r#"{{"documentOid": "{FIRST}", "version": {{"setId": "{FIRST}", "versionNumber": 1}}}}"#
        ),
    )
    .unwrap();
    std::fs::write(
        &ctx,
        format!(r#"{{"documentOid": "{SECOND}", "version": {{"versionNumber": 5, "reason": {{"code": "1", "displayName": "Kirjausvirhe"}}, "text": "Korjattu"}}}}"#),
    )
    .unwrap();
    let o = render(&["--corrects", archived.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/version/versionNumber"));
    // "--today and --time that disagree are both used": one day, or exit 2 naming it.
    std::fs::write(&ctx, "{}").unwrap();
    let o = render(&["--time", "2026-12-01T09:00:00+02:00"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("[conflict-day]") && err.contains("2026-11-30") && err.contains("2026-12-01"),
        "{err}"
    );
    assert_success(&render(&["--time", "2026-11-30T09:00:00+02:00"]));
    std::fs::remove_dir_all(&dir).ok();
}

/// "A correction may change the structure: version 2 of a 15007 set rendered from another
/// structure, exit 0" — refused, from the archived metadata.json and from the envelope.
#[test]
fn a_correction_keeps_the_structure() {
    let dir = scratch("forged-structure");
    let v1 = dir.join("v1");
    let o = run_cli(&[
        "render",
        "structures/demo-kertomus.json",
        "tests/data/demo-kertomus.filled.json",
        "--out",
        v1.to_str().unwrap(),
        "--doc-oid",
        FIRST,
        "--today",
        "2026-11-30",
    ]);
    assert_success(&o);
    let ctx = dir.join("context.json");
    std::fs::write(
        &ctx,
        r#"{"version": {"reason": {"code": "1", "displayName": "Kirjausvirhe"}, "text": "Korjattu"}}"#,
    )
    .unwrap();
    let role = dir.join("role.json");
    std::fs::write(&role, r#"{"authorRole": "organiser", "clientAdult": true, "guardian": {"disclosed": true, "minorDecision": {"code": "1", "display": "Ei kiellä"}}}"#).unwrap();
    let correct = |structure: &str, document: &str| {
        run_cli(&[
            "render",
            structure,
            document,
            "--out",
            dir.join("v2").to_str().unwrap(),
            "--doc-oid",
            SECOND,
            "--today",
            "2026-11-30",
            "--context",
            ctx.to_str().unwrap(),
            "--markings",
            role.to_str().unwrap(),
            "--corrects",
            v1.join("metadata.json").to_str().unwrap(),
        ])
    };
    let o = correct(
        "structures/demo-lapsi.json",
        "tests/data/demo-lapsi.filled.json",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("a correction keeps the structure"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_success(&correct(
        "structures/demo-kertomus.json",
        "tests/data/demo-kertomus.filled.json",
    ));
    // The envelope says its structure too.
    if let Some((s, xml)) = envelope() {
        let a = sosmeta_editor::read_cda(&xml).unwrap();
        assert_eq!(a.structure.as_deref(), Some(s.meta.oid.as_str()));
        assert_eq!(
            a.next_version().structure.as_deref(),
            Some(s.meta.oid.as_str())
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// "Control characters in context names become U+FFFD in the envelope while metadata.json
/// keeps the originals, silently" — the context is refused, naming the member.
#[test]
fn a_context_text_the_envelope_cannot_carry_is_refused() {
    use sosmeta_editor::HostContext;
    for (text, at) in [
        (
            r#"{"client": {"id": {"root": "1.2.246.21", "extension": "180418A903L"}, "given": "Aa", "family": "B\u0007b"}}"#,
            "/client/family",
        ),
        (
            r#"{"organiser": {"oid": "1.2.246.10.1", "name": "Hyvinvointi\u202ealue"}}"#,
            "/organiser/name",
        ),
        (
            r#"{"caseId": "1.2.3", "serviceUnit": {"oid": "1.2.246.10.2", "name": "Yksikkö\u0085"}}"#,
            "/serviceUnit/name",
        ),
    ] {
        let e = HostContext::from_json(text).unwrap_err();
        assert_eq!(e.pointer, at, "{text}");
        assert!(e.to_string().contains("U+"), "{e}");
    }
    // Line breaks and tabs are text the envelope carries.
    assert!(HostContext::from_json(
        r#"{"organiser": {"oid": "1.2.246.10.1", "name": "Hyvinvointi-\nalue"}}"#
    )
    .is_ok());
}

/// A whole envelope of a 15007 sample document, version 1 with document OID [`FIRST`].
fn envelope() -> Option<(sosmeta_editor::Structure, String)> {
    let s = subject().s;
    let doc = minimal_sample(&s);
    let mut opts = sosmeta_editor::RenderOptions {
        doc_oid: Some(FIRST.into()),
        host: Some(full_context(&s)),
        markings: sosmeta_editor::Markings {
            host: sosmeta_editor::HostFacts {
                author_role: Some(sosmeta_editor::AuthorRole::Organiser),
                ..disclosed_to_guardian().host
            },
            ..disclosed_to_guardian()
        },
        today: chrono::NaiveDate::from_ymd_opt(2026, 3, 23),
        ..Default::default()
    };
    opts.host.as_mut().unwrap().document_oid = Some(FIRST.into());
    client_of(&s, &doc, &mut opts);
    let b =
        sosmeta_editor::render_bundle(&s, &doc, &sosmeta_editor::Rules::default(), &opts).unwrap();
    let xml = String::from_utf8(b.file("document.cda.xml").unwrap().bytes.clone()).unwrap();
    Some((s, xml))
}

/// "An envelope whose payloads disagree with its header or with each other (another OID,
/// not JSON, a <script> in the display payload) is unpacked with exit 0; a second
/// <component>, <nonXMLBody>, <ep2:json>, <id> or <setId> is ignored; the element reads an
/// envelope with a DOCTYPE internal entity the CLI refuses." Each is refused, naming where.
#[test]
fn an_envelope_that_disagrees_with_itself_is_refused() {
    use base64::Engine;
    use sosmeta_editor::read_cda;
    let Some((_, xml)) = envelope() else { return };
    let b64 = |t: &str| base64::engine::general_purpose::STANDARD.encode(t);
    let a = read_cda(&xml).unwrap();
    let (json64, xhtml64) = (b64(&a.document_json), b64(&a.display_xhtml));
    assert!(
        xml.contains(&json64) && xml.contains(&xhtml64),
        "payloads as written"
    );
    let scripted = a
        .display_xhtml
        .replacen("</div>", "<script>x()</script></div>", 1);
    let other = a
        .display_xhtml
        .replace(&format!("OID{FIRST}"), "OID1.2.3.4");
    let cases: Vec<(String, &str)> = vec![
        (xml.replace(&json64, &b64("ei JSON")), "ep2:json"),
        (xml.replace(&xhtml64, &b64(&scripted)), "nonXMLBody/text"),
        (xml.replace(&xhtml64, &b64(&other)), "nonXMLBody/text"),
        (
            xml.replacen("<setId ", "<setId root=\"1.2.3\"/><setId ", 1),
            "/ClinicalDocument/setId",
        ),
        (
            xml.replacen("<id ", "<id root=\"1.2.3\"/><id ", 1),
            "/ClinicalDocument/id",
        ),
        (
            xml.replacen(
                "<ClinicalDocument",
                "<!DOCTYPE x [<!ENTITY e \"y\">]><ClinicalDocument",
                1,
            ),
            "/",
        ),
    ];
    for (bad, at) in cases {
        let e = read_cda(&bad).unwrap_err();
        assert!(
            e.path.contains(at) || (at == "/" && e.path == "/"),
            "{at}: {e}"
        );
    }
    // The writer's own envelope passes.
    assert!(read_cda(&xml).is_ok());
}

/// The one conflict policy (issue 23: "the correction's version is merged twice with
/// opposite precedence (CLI: the context wins; view: the correction wins)"): each fact from
/// whichever input says it; two that differ are a conflict, whichever edge merges them.
#[test]
fn one_policy_merges_a_correction_with_the_context() {
    use sosmeta_editor::{resolve, Fact, HostInputs};
    use sosmeta_editor::{Code, HostContext, Version};
    let archived = Version {
        set_id: FIRST.into(),
        version_number: 2,
        replaces: Some(FIRST.into()),
        ..Version::default()
    };
    let reason = |c: &str| {
        Some(Code {
            code: c.into(),
            display_name: "Syy".into(),
        })
    };
    let with = |mine: Option<Code>, theirs: Option<Code>| HostInputs {
        correction: Some(Version {
            reason: mine,
            ..archived.clone()
        }),
        context: Some(HostContext {
            version: Some(Version {
                reason: theirs,
                corrector: Some("organiser".into()),
                ..Version::default()
            }),
            ..HostContext::default()
        }),
        ..HostInputs::default()
    };
    // The worker's reason alone, the context's alone: that one; the context's corrector added.
    let v = resolve(&with(reason("2"), None))
        .unwrap()
        .host
        .unwrap()
        .version
        .unwrap();
    assert_eq!(
        (v.reason.unwrap().code.as_str(), v.corrector.as_deref()),
        ("2", Some("organiser"))
    );
    let v = resolve(&with(None, reason("3")))
        .unwrap()
        .host
        .unwrap()
        .version
        .unwrap();
    assert_eq!(v.reason.unwrap().code, "3");
    // Both, the same: fine; different: a conflict, in every edge alike.
    assert!(resolve(&with(reason("2"), reason("2"))).is_ok());
    let c = resolve(&with(reason("2"), reason("3"))).unwrap_err();
    assert_eq!(c[0].fact, Fact::ReasonCode);
    assert_eq!(c[0].code(), "conflict-reason-code");
}

/// Issue 25: "`render --lang en` is accepted and writes the Finnish form" — refused (exit 2),
/// as `preview` is; nothing written.
#[test]
fn an_english_display_form_is_refused_not_written_in_finnish() {
    let dir = scratch("lang-en");
    for cmd in ["render", "preview"] {
        let mut args = vec![
            cmd,
            "structures/demo-kertomus.json",
            "tests/data/demo-kertomus.filled.json",
            "--lang",
            "en",
        ];
        let out = dir.join("out");
        if cmd == "render" {
            args.extend(["--out", out.to_str().unwrap()]);
        } else {
            args.extend(["--as", "client"]);
        }
        let o = run_cli(&args);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {o:?}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("--lang en"),
            "{cmd}"
        );
        assert!(!out.exists(), "{cmd} wrote something");
    }
    std::fs::remove_dir_all(&dir).ok();
}
