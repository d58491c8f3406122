//! Restriction markings and the audience policy: decision tables, the corpus exclusion
//! list, redactions identical in previews and the emitted XHTML, CLI.

use chrono::NaiveDate;
use sosmeta_editor::restrict::*;
use sosmeta_editor::Document;
use sosmeta_editor::Rules;
use sosmeta_editor::Structure;
use sosmeta_editor::{hidden_reason_message, MessageLang};
use sosmeta_editor::{render_bundle, write_xhtml, Refusal, RenderOptions, XhtmlOptions};

use crate::support::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-22";

fn lapsi(adult: bool, turvakielto: bool) -> (Structure, Document) {
    let s = project("demo-lapsi.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&read(root().join("tests/data/demo-lapsi.filled.json"))).unwrap();
    if adult {
        v["demo_lapsen_asiakaskertomus"]["asiakas"][0]["henkilotunnus"]["value"] =
            "010190-987H".into();
    }
    v["demo_lapsen_asiakaskertomus"]["asiakas"][0]["turvakielto"] = turvakielto.into();
    let d = Document::from_value(&s, &v).unwrap();
    (s, d)
}

/// A guardian mark; the minor's "does not forbid" (consent code 1) goes with a disclosed
/// document only (with a non-disclosure it contradicts the header, issue 15).
fn mark(disclosed: bool, proposal: ProposalState) -> Option<GuardianMark> {
    Some(GuardianMark {
        disclosed,
        minor_decision: Some(if disclosed {
            Coded {
                code: "1".into(),
                display: "Alaikäinen ei kiellä".into(),
            }
        } else {
            host_refusal_code()
        }),
        justification: if disclosed {
            String::new()
        } else {
            "Lapsen etu".into()
        },
        proposal,
    })
}

fn reason() -> Option<Coded> {
    Some(Coded {
        code: "1".into(),
        display: "Vaaraa asiakkaan terveydelle tai kehitykselle".into(),
    })
}

#[test]
fn client_age_from_hetu_birth_date_or_host() {
    let (s, d) = lapsi(false, false);
    let today = date(TODAY);
    assert_eq!(client_birth_date(&s, &d, None), Some(date("2012-01-01")));
    assert_eq!(
        client_is_minor(&s, &d, &Markings::default(), today),
        Some(true)
    );
    let (s2, d2) = lapsi(true, false);
    assert_eq!(
        client_is_minor(&s2, &d2, &Markings::default(), today),
        Some(false)
    );
    // Issue 22: "A host statement may add facts; it may not contradict the document
    // silently: say the conflict, and decide for the child's safety" — a host birth date of
    // an adult does not make the document's minor an adult.
    let m = Markings {
        host: sosmeta_editor::HostFacts {
            client_birth_date: Some(date("1990-01-01")),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(client_is_minor(&s, &d, &m, today), Some(true));
    assert!(Facts::of(&s, &d, &m, today)
        .notices
        .contains(&Notice::HostAgeContradicted));
    // It adds what the document does not tell: a client with no birth data.
    let unknown = Document::from_json(
        &s,
        r#"{"demo_lapsen_asiakaskertomus": {"paivamaara": "2026-11-20", "asiakas": [{"sukunimi": "X", "etunimet": "Y"}]}}"#,
    )
    .unwrap();
    assert_eq!(
        client_is_minor(&s, &unknown, &Markings::default(), today),
        None
    );
    assert_eq!(client_is_minor(&s, &unknown, &m, today), Some(false));
    assert!(!Facts::of(&s, &unknown, &m, today)
        .notices
        .contains(&Notice::HostAgeContradicted));
    // 18th birthday between the document date and today: the document date decides.
    let m = Markings {
        host: sosmeta_editor::HostFacts {
            client_birth_date: Some(date("2008-11-21")),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        client_is_minor(&s, &unknown, &m, today),
        Some(true),
        "document 2026-11-20, 18 on 2026-11-21"
    );
}

#[test]
fn marking_checks_table() {
    let (s, minor) = lapsi(false, false);
    let (_, adult) = lapsi(true, false);
    let today = date(TODAY);
    use AuthorRole::*;
    use MarkingProblem::*;
    use ProposalState::*;
    let cases: Vec<(&str, &Document, Markings, Vec<MarkingProblem>)> = vec![
        (
            "minor without mark",
            &minor,
            Markings::default(),
            vec![GuardianMarkMissing],
        ),
        ("adult without mark", &adult, Markings::default(), vec![]),
        (
            // Issue 22: the role is the host's word; without it a non-disclosure (a
            // decision only the organiser makes, seed 002 §4.2) cannot be made.
            "no role, not disclosed",
            &minor,
            Markings {
                guardian: mark(false, Decided),
                ..Default::default()
            },
            vec![AuthorRoleMissing],
        ),
        (
            // The header's authorization/consent/code (the Kanta sample) carries the
            // decision: a minor's mark without it is refused (issue 22).
            "minor disclosed without the consent code",
            &minor,
            Markings {
                guardian: Some(GuardianMark {
                    minor_decision: None,
                    ..mark(true, Decided).unwrap()
                }),
                ..Default::default()
            },
            vec![ConsentCodeMissing],
        ),
        (
            "minor disclosed",
            &minor,
            Markings {
                guardian: mark(true, Decided),
                ..Default::default()
            },
            vec![],
        ),
        (
            "organiser not disclosed",
            &minor,
            Markings {
                guardian: mark(false, Decided),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Organiser),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![],
        ),
        (
            "not disclosed without justification",
            &minor,
            Markings {
                guardian: Some(GuardianMark {
                    justification: " ".into(),
                    ..mark(false, Decided).unwrap()
                }),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Organiser),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![GuardianJustificationMissing],
        ),
        (
            // A proposal is allowed while editing, but the archive header has no element for
            // it: no bundle until the organiser decides (issue 15).
            "provider proposes",
            &minor,
            Markings {
                guardian: mark(false, Pending),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Provider),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![ProposalNotInHeader],
        ),
        (
            "provider cannot confirm its own proposal",
            &minor,
            Markings {
                guardian: mark(false, Confirmed),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Provider),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![ProviderCannotDecide],
        ),
        (
            "provider cannot decide alone",
            &minor,
            Markings {
                guardian: mark(false, Decided),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Provider),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![ProviderCannotDecide],
        ),
        (
            "provider disclosed",
            &minor,
            Markings {
                guardian: mark(true, Decided),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Provider),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![],
        ),
        (
            "organiser confirms",
            &minor,
            Markings {
                guardian: mark(false, Confirmed),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Organiser),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![],
        ),
        (
            "organiser rejects",
            &minor,
            Markings {
                guardian: mark(false, Rejected),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Organiser),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![],
        ),
        (
            "organiser leaves pending",
            &minor,
            Markings {
                guardian: mark(false, Pending),
                host: sosmeta_editor::HostFacts {
                    author_role: Some(Organiser),
                    ..Default::default()
                },
                ..Default::default()
            },
            vec![OrganiserMustDecide],
        ),
        (
            "delay in the future",
            &adult,
            Markings {
                omakanta: OmaKanta::Delayed {
                    until: date("2027-03-01"),
                    reason: reason(),
                    justification: "Viivästys".into(),
                },
                ..Default::default()
            },
            vec![],
        ),
        (
            "delay in the past",
            &adult,
            Markings {
                omakanta: OmaKanta::Delayed {
                    until: date("2026-11-22"),
                    reason: reason(),
                    justification: "x".into(),
                },
                ..Default::default()
            },
            vec![DelayNotInFuture],
        ),
        (
            "delay without reason or text",
            &adult,
            Markings {
                omakanta: OmaKanta::Delayed {
                    until: date("2027-01-01"),
                    reason: None,
                    justification: String::new(),
                },
                ..Default::default()
            },
            vec![ReasonMissing, JustificationMissing],
        ),
        (
            "not shown with reason",
            &adult,
            Markings {
                omakanta: OmaKanta::NotShown {
                    reason: reason(),
                    justification: "x".into(),
                },
                special_content: true,
                ..Default::default()
            },
            vec![],
        ),
        (
            // Seed 002 §4.2: permanent non-display *is* the special-content marking.
            "not shown without special content",
            &adult,
            Markings {
                omakanta: OmaKanta::NotShown {
                    reason: reason(),
                    justification: "x".into(),
                },
                ..Default::default()
            },
            vec![NotShownWithoutSpecialContent],
        ),
        (
            "not shown without text",
            &adult,
            Markings {
                omakanta: OmaKanta::NotShown {
                    reason: reason(),
                    justification: String::new(),
                },
                special_content: true,
                ..Default::default()
            },
            vec![JustificationMissing],
        ),
    ];
    for (desc, d, m, want) in cases {
        assert_eq!(check(&s, d, &m, today), want, "{desc}");
    }
}

/// The policy written as the issue states it, first rule wins: the oracle for the
/// exhaustive table.
fn expected(
    aud: Audience,
    minor: bool,
    excl: Option<Exclusion>,
    m: &Markings,
    today: NaiveDate,
) -> Result<(), HiddenReason> {
    let (lifted, special, om, g) = (
        m.exclusion_lifted,
        m.special_content,
        &m.omakanta,
        &m.guardian,
    );
    if aud == Audience::Professional {
        return Ok(());
    }
    if let Some(e) = excl {
        if !(e == Exclusion::AdoptionCounselling && lifted) {
            return Err(HiddenReason::Excluded(e));
        }
    }
    if special {
        return Err(HiddenReason::SpecialContent);
    }
    if matches!(om, OmaKanta::NotShown { .. }) {
        return Err(HiddenReason::NotShown);
    }
    if let OmaKanta::Delayed { until, .. } = om {
        if *until > today {
            return Err(HiddenReason::Delayed(*until));
        }
    }
    if aud == Audience::Guardian {
        if !minor {
            return Err(HiddenReason::ClientNotMinor);
        }
        match g {
            None => return Err(HiddenReason::GuardianMarkMissing),
            Some(g) if !g.disclosed && g.proposal != ProposalState::Rejected => {
                return Err(HiddenReason::NotForGuardian {
                    pending: g.proposal == ProposalState::Pending,
                })
            }
            _ => {}
        }
    }
    Ok(())
}

#[test]
fn audience_policy_over_every_combination() {
    let today = date(TODAY);
    let subjects = [
        (None, "Lastensuojelun avohuollon asiakasasiakirjat", "Demo"),
        (
            Some(Exclusion::Parenthood),
            "Vanhemmuuden selvittämisen asiakasasiakirjat",
            "Demo",
        ),
        (
            Some(Exclusion::Shelter),
            "Turvakotipalvelun asiakasasiakirjat",
            "Demo",
        ),
        (
            Some(Exclusion::DomesticViolence),
            "Väkivaltatyön asiakasasiakirjat",
            "Demo",
        ),
        (
            Some(Exclusion::AdoptionCounselling),
            "Adoptioneuvonnan asiakasasiakirjat",
            "Demo",
        ),
        (
            Some(Exclusion::CustodyReport),
            "Lapsen huollon ja tapaamisoikeuden turvaamisen asiakasasiakirjat",
            "Lapsen huolto- ja tapaamisoikeusselvitys",
        ),
    ];
    let omakanta = omakanta_states();
    let guardians = guardian_marks(mark);
    let mut n = 0;
    for adult in [false, true] {
        for turvakielto in [false, true] {
            let (base, d) = lapsi(adult, turvakielto);
            for (excl, subject, title) in &subjects {
                let mut s = base.clone();
                s.meta.document_subject = Some(subject.to_string());
                let _ = title;
                let s = if *title != "Demo" {
                    retitle(&s, title)
                } else {
                    s
                };
                assert_eq!(automatic_exclusion(&s), *excl, "{subject}");
                for lifted in [false, true] {
                    for special in [false, true] {
                        for om in &omakanta {
                            for g in &guardians {
                                for role in [AuthorRole::Organiser, AuthorRole::Provider] {
                                    let m = Markings {
                                        special_content: special,
                                        omakanta: om.clone(),
                                        guardian: g.clone(),
                                        exclusion_lifted: lifted,
                                        host: sosmeta_editor::HostFacts {
                                            author_role: Some(role),
                                            client_birth_date: None,
                                            client_adult: false,
                                            client_turvakielto: false,
                                            service: None,
                                            extended_register_right: false,
                                        },
                                    };
                                    for aud in [
                                        Audience::Professional,
                                        Audience::Client,
                                        Audience::Guardian,
                                    ] {
                                        let got = audience_view(&s, &d, &m, aud, today);
                                        let want = expected(aud, !adult, *excl, &m, today);
                                        match (got, want) {
                                            (AudienceView::Shown { redacted }, Ok(())) => {
                                                assert_eq!(redacted.len(), if turvakielto { 2 } else { 0 }, "turvakielto redactions");
                                            }
                                            (AudienceView::Hidden(r), Err(w)) => assert_eq!(r, w),
                                            (got, want) => panic!("{aud:?} adult={adult} {subject} special={special} {om:?} {g:?}: got {got:?}, want {want:?}"),
                                        }
                                        n += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(n, 2 * 2 * 6 * 2 * 2 * 4 * 6 * 2 * 3);
}

/// A copy of the structure whose document title is `title` (for title-based exclusion).
fn retitle(s: &Structure, title: &str) -> Structure {
    let mut v: serde_json::Value =
        serde_json::from_str(&read(root().join("structures/demo-lapsi.json"))).unwrap();
    v["properties"]["demo_lapsen_asiakaskertomus"]["sosmeta"]["name"][0]["value"] = title.into();
    v["sosmeta"]["documentSubject"] = s.meta.document_subject.clone().into();
    Structure::from_value(&v).unwrap()
}

#[test]
fn texts_the_professional_reads() {
    let cases = [
        (
            HiddenReason::NotForGuardian { pending: false },
            "Ei näytetä huoltajalle",
        ),
        (
            HiddenReason::Delayed(date("2027-03-01")),
            "Näytetään 1.3.2027 alkaen",
        ),
        (HiddenReason::SpecialContent, "Erityissisältö"),
        (
            HiddenReason::Excluded(Exclusion::Shelter),
            "Ei näytetä OmaKannassa: turvakotipalvelu",
        ),
    ];
    for (r, t) in cases {
        assert_eq!(hidden_reason_message(&r, MessageLang::Fi), t);
    }
}

#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn corpus_exclusions_follow_the_subject_list() {
    let excluded_subjects: Vec<&str> = EXCLUDED_SUBJECTS.iter().map(|x| x.0).collect();
    let mut excluded = 0;
    for p in corpus() {
        let s = Structure::from_json(&read(&p)).unwrap();
        let subject = s.meta.document_subject.clone().unwrap_or_default();
        let by_subject = excluded_subjects.contains(&subject.as_str());
        let e = automatic_exclusion(&s);
        if by_subject {
            assert!(e.is_some(), "{} ({subject}) must be excluded", s.meta.oid);
        } else if e.is_some() {
            // The only title-based exclusion: the custody and visiting-rights report.
            assert_eq!(e, Some(Exclusion::CustodyReport), "{}", s.meta.oid);
            assert_eq!(s.meta.oid, "1.2.246.537.6.1506.7005.2025.3.21");
        }
        excluded += e.is_some() as usize;
    }
    if excluded > 0 {
        assert_eq!(
            excluded,
            14 + 1 + 4 + 11 + 1,
            "parenthood + shelter + violence + adoption + custody report"
        );
    }
}

#[test]
fn bundle_refused_until_the_guardian_mark_and_metadata_carries_markings() {
    let (s, d) = lapsi(false, true);
    let today = Some(date(TODAY));
    let refused = render_bundle(
        &s,
        &d,
        &Rules::default(),
        &RenderOptions {
            today,
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        refused.reasons,
        [Refusal::Markings {
            problems: vec![MarkingProblem::GuardianMarkMissing]
        }]
    );
    // A provider's pending proposal — here with the minor's "does not forbid" too — cannot
    // go into the header: refused, with why (issue 15).
    let mut g = mark(false, ProposalState::Pending).unwrap();
    g.minor_decision = mark(true, ProposalState::Decided).unwrap().minor_decision;
    let pending = Markings {
        guardian: Some(g),
        host: sosmeta_editor::HostFacts {
            author_role: Some(AuthorRole::Provider),
            ..Default::default()
        },
        ..Default::default()
    };
    let render_with = |markings: Markings| {
        render_bundle(
            &s,
            &d,
            &Rules::default(),
            &RenderOptions {
                today,
                markings,
                ..Default::default()
            },
        )
    };
    let refused = render_with(pending).unwrap_err();
    assert_eq!(
        refused.reasons,
        [Refusal::Markings {
            problems: vec![
                MarkingProblem::ConsentContradictsNonDisclosure,
                MarkingProblem::ProposalNotInHeader
            ]
        }]
    );
    // The organiser confirmed it; special content and a delay with its reason.
    let g = mark(false, ProposalState::Confirmed).unwrap();
    let m = Markings {
        guardian: Some(g),
        omakanta: OmaKanta::Delayed {
            until: date("2027-03-01"),
            reason: reason(),
            justification: "Viivästys 1".into(),
        },
        special_content: true,
        host: sosmeta_editor::HostFacts {
            author_role: Some(AuthorRole::Organiser),
            ..Default::default()
        },
        ..Default::default()
    };
    let b = render_with(m).unwrap();
    let meta = std::str::from_utf8(&b.file("metadata.json").unwrap().bytes).unwrap();
    golden("demo-lapsi.metadata.json", meta);
    let v: serde_json::Value = serde_json::from_str(meta).unwrap();
    assert_eq!(v["markings"]["specialContent"]["code"], "K");
    assert_eq!(
        v["markings"]["inaccessibleArgument"]["codeSystem"],
        RESTRICTION_REASON_SYSTEM
    );
    assert_eq!(
        v["markings"]["guardianDisclosure"]["proposalState"],
        "confirmed"
    );
    assert_eq!(v["markings"]["minorClient"], true);
    // The header's one free-text argument carries both justifications, labelled.
    assert_eq!(
        v["cdaHeader"]["ep2:authorizationRestrictionArgument"],
        "OmaKanta: Viivästys 1\nHuoltaja: Lapsen etu"
    );
    // The refusal's coded decision goes into the header (issue 22: required).
    assert_eq!(v["cdaHeader"]["authorization/consent/code"]["code"], "3");
    // The manifest's digest covers the markings.
    let manifest = std::str::from_utf8(&b.file("manifest.json").unwrap().bytes).unwrap();
    assert!(manifest.contains("\"name\":\"metadata.json\""));
}

#[test]
fn turvakielto_redaction_is_the_same_in_previews_and_the_emitted_xhtml() {
    let (s, d) = lapsi(true, true);
    let b = render_bundle(
        &s,
        &d,
        &Rules::default(),
        &RenderOptions {
            today: Some(date(TODAY)),
            ..Default::default()
        },
    )
    .unwrap();
    let emitted = std::str::from_utf8(&b.file("document.xhtml").unwrap().bytes).unwrap();
    // 1505.1's note, literally: "ei kotikuntaa … eikä yhteystietoja puhelinnumeroa ja
    // yhteysosoitetta lukuun ottamatta näytetä" — the phone number stays (issue 15).
    assert!(!emitted.contains("Helsinki") && !emitted.contains("Salainen katu"));
    assert!(emitted.contains("040 123 4567"), "the phone number stays");
    assert!(emitted.contains("Meikäläinen"));
    for aud in [Audience::Professional, Audience::Client] {
        let AudienceView::Shown { redacted } =
            audience_view(&s, &d, &Markings::default(), aud, date(TODAY))
        else {
            panic!()
        };
        assert_eq!(
            write_xhtml(&s, &d, &redacted, &XhtmlOptions::default()),
            emitted,
            "{aud:?}"
        );
    }
    // Hostile text stays text.
    assert_safe_xhtml(emitted);
    assert!(emitted.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;"));
}

/// Issue 12, "The minor gate cannot be walked around": a henkilötunnus that fails its
/// check (here a lowercase century sign) gives no age; the age counts as unknown and an
/// unknown age is a possible minor — the guardian mark stays required, the field is flagged
/// and the guardian sees nothing.
#[test]
// See: issue 12, "The minor gate cannot be walked around" (010112a9876).
fn minor_gate_holds_for_a_lowercase_century_sign() {
    let s = project("demo-lapsi.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&read(root().join("tests/data/demo-lapsi.filled.json"))).unwrap();
    for bad in ["010112a9876", "010112a987C", "010112A9876", "320112A987C"] {
        v["demo_lapsen_asiakaskertomus"]["asiakas"][0]["henkilotunnus"]["value"] = bad.into();
        let d = Document::from_value(&s, &v).unwrap();
        let today = date(TODAY);
        assert_eq!(
            client_age(&s, &d, &Markings::default(), today),
            ClientAge::PossiblyMinor,
            "{bad}"
        );
        assert!(
            check(&s, &d, &Markings::default(), today)
                .contains(&MarkingProblem::GuardianMarkMissing),
            "{bad}: the guardian mark must stay required"
        );
        let report = sosmeta_editor::validate(&s, &d, &Rules::default());
        assert!(
            report.issues.iter().any(|i| i.kind.code() == "invalid-hetu"
                && i.pointer == "/demo_lapsen_asiakaskertomus/asiakas/0/henkilotunnus/value"),
            "{bad}: flagged on its field"
        );
        let m = Markings {
            guardian: mark(true, ProposalState::Decided),
            ..Default::default()
        };
        assert_eq!(
            audience_view(&s, &d, &m, Audience::Guardian, today),
            AudienceView::Hidden(HiddenReason::ClientAgeUnknown),
            "{bad}: hide rather than leak"
        );
    }
}

/// Issue 12: an adult listed before the minor must not lift the guardian requirement.
#[test]
// See: issue 12, "The minor gate cannot be walked around" (an adult listed first).
fn minor_gate_holds_when_an_adult_is_listed_first() {
    let s = project("demo-lapsi.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&read(root().join("tests/data/demo-lapsi.filled.json"))).unwrap();
    let minor = v["demo_lapsen_asiakaskertomus"]["asiakas"][0].clone();
    let mut adult = minor.clone();
    adult["henkilotunnus"]["value"] = "010190-987H".into();
    v["demo_lapsen_asiakaskertomus"]["asiakas"] = serde_json::json!([adult, minor]);
    let d = Document::from_value(&s, &v).unwrap();
    let today = date(TODAY);
    assert_eq!(
        client_age(&s, &d, &Markings::default(), today),
        ClientAge::Minor
    );
    assert!(
        check(&s, &d, &Markings::default(), today).contains(&MarkingProblem::GuardianMarkMissing)
    );
    let bundle = render_bundle(
        &s,
        &d,
        &Rules::default(),
        &RenderOptions {
            today: Some(today),
            ..Default::default()
        },
    );
    assert!(
        bundle.is_err(),
        "no signed-ready bundle without the guardian mark"
    );
}

/// Issue 15, "every client, and an unknown age is not an adult": a second client with
/// neither henkilötunnus nor birth date makes the age unknown — the guardian mark is
/// required and the guardian sees nothing — unless the host says the client is an adult
/// (`clientAdult`) or gives the birth date; a document with no client at all is the same.
#[test]
fn an_unknown_age_is_not_an_adult() {
    let today = date(TODAY);
    let (s, d) = lapsi(true, false);
    let mut v: serde_json::Value = serde_json::from_str(&d.to_canonical_json(&s)).unwrap();
    let first = v["demo_lapsen_asiakaskertomus"]["asiakas"][0].clone();
    let mut second = first.clone();
    second.as_object_mut().unwrap().remove("henkilotunnus");
    second.as_object_mut().unwrap().remove("syntymaaika");
    v["demo_lapsen_asiakaskertomus"]["asiakas"] = serde_json::json!([first, second]);
    let d2 = Document::from_value(&s, &v).unwrap();
    assert_eq!(
        client_age(&s, &d2, &Markings::default(), today),
        ClientAge::PossiblyMinor
    );
    assert_eq!(
        check(&s, &d2, &Markings::default(), today),
        [MarkingProblem::GuardianMarkMissing]
    );
    assert_eq!(
        audience_view(&s, &d2, &disclosed_to_guardian(), Audience::Guardian, today),
        AudienceView::Hidden(HiddenReason::ClientAgeUnknown)
    );
    // The host's word settles it.
    assert!(check(&s, &d2, &adult_client(), today).is_empty());
    // No client in the document at all: also not known.
    let mut v = v.clone();
    v["demo_lapsen_asiakaskertomus"]
        .as_object_mut()
        .unwrap()
        .remove("asiakas");
    if let Ok(d3) = Document::from_value(&s, &v) {
        assert_eq!(
            client_age(&s, &d3, &Markings::default(), today),
            ClientAge::Unknown
        );
        assert!(ClientAge::Unknown.needs_guardian_mark());
    }
}

/// Issue 15: "The guardian view shows nothing for a client who is 18 on the viewing date"
/// — a document written while the client was 17 is not shown to the guardian once the
/// client has turned 18, though its guardian mark was (and stays) required.
#[test]
fn the_guardian_view_ends_when_the_client_turns_18() {
    // The client's birth date is the host's alone (the document gives no henkilötunnus: a
    // document minor would outweigh the host, issue 22).
    let (s, _) = lapsi(false, false);
    let mut v: serde_json::Value =
        serde_json::from_str(&read(root().join("tests/data/demo-lapsi.filled.json"))).unwrap();
    v["demo_lapsen_asiakaskertomus"]["asiakas"][0]
        .as_object_mut()
        .unwrap()
        .remove("henkilotunnus");
    let d = Document::from_value(&s, &v).unwrap();
    let m = Markings {
        host: sosmeta_editor::HostFacts {
            client_birth_date: Some(date("2008-11-21")),
            ..disclosed_to_guardian().host
        },
        ..disclosed_to_guardian()
    };
    // The document is dated before the 18th birthday (the demo's paivamaara).
    let facts = Facts::of(&s, &d, &m, date("2026-11-22"));
    assert_eq!(facts.age, ClientAge::Minor, "a minor on the document date");
    assert_eq!(facts.age_today, ClientAge::Adult, "18 on the viewing date");
    assert_eq!(
        view(&facts, &m, Audience::Guardian),
        AudienceView::Hidden(HiddenReason::ClientNotMinor)
    );
    assert!(problems(&facts, &m).is_empty());
    // The day before the birthday the guardian still sees it.
    let facts = Facts::of(&s, &d, &m, date("2026-11-20"));
    assert!(matches!(
        view(&facts, &m, Audience::Guardian),
        AudienceView::Shown { .. }
    ));
}

/// Issue 15, "Turvakielto exactly as the structures say": 1505.1's note hides kotikunta,
/// tilapäinen asuinkunta and the contact details *except the phone number and the contact
/// address*; `salaiset_yhteystiedot` ("Yhteystietoja ja tietoa kotikunnasta ei saa
/// luovuttaa muille asianosaisille") hides all of them; the host's `clientTurvakielto`
/// (population register) does what the switch does for a structure that has none.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn turvakielto_follows_the_asiakkuusasiakirja_note_literally() {
    let Some((s, _)) = real("1.2.246.537.6.1505.1.2023.6.1") else {
        return;
    };
    let base = serde_json::json!({"asiakkuusasiakirja": {"asiakas": {
        "sukunimi": "Meikäläinen", "etunimet": "Maija", "turvakielto": true,
        "kotikunta": {"kunta": {"system": "urn:oid:1.2.246.537.6.21.2003", "code": "091", "display": "Helsinki"}},
        "yhteystiedot": {
            "osoite": [{"lahiosoite": "Kotikatu 1"}],
            "yhteysosoite": {"lahiosoite": "PL 123"},
            "puhelinnumero": "040 123 4567",
            "sahkopostiosoite": "maija@example.fi"
        }
    }}});
    let shown = |v: &serde_json::Value, m: &Markings| redacted_display(&s, v, m);
    let x = shown(&base, &Markings::default());
    assert!(
        !x.contains("Helsinki") && !x.contains("Kotikatu") && !x.contains("maija@"),
        "{x}"
    );
    assert!(
        x.contains("040 123 4567") && x.contains("PL 123"),
        "phone and contact address stay"
    );
    // Secret contact details: nothing of them, nor the municipality.
    let mut secret = base.clone();
    secret["asiakkuusasiakirja"]["asiakas"]["turvakielto"] = false.into();
    secret["asiakkuusasiakirja"]["asiakas"]["salaiset_yhteystiedot"] = true.into();
    let x = shown(&secret, &Markings::default());
    assert!(!x.contains("Helsinki") && !x.contains("040 123 4567") && !x.contains("PL 123"));
    // Neither switch: all shown; the host's register says turvakielto: as the switch.
    let mut none = base.clone();
    none["asiakkuusasiakirja"]["asiakas"]["turvakielto"] = false.into();
    assert!(shown(&none, &Markings::default()).contains("Kotikatu"));
    let host = Markings {
        host: sosmeta_editor::HostFacts {
            client_turvakielto: true,
            ..Markings::default().host
        },
        ..Markings::default()
    };
    let x = shown(&none, &host);
    assert!(!x.contains("Kotikatu") && !x.contains("Helsinki") && x.contains("040 123 4567"));
}

/// Seed 002 §4.2, issue 15 "Exclusions follow the service, not only the structure":
/// "OmaKannassa jätetään näyttämättä vanhemmuuden selvittämisen, turvakotipalvelun sekä
/// lähisuhde- ja perheväkivallan ehkäisytyön asiakirjat" — a shared journal entry recorded
/// in one of these services (the host's palvelutehtävä / sosiaalipalvelu, or the document's
/// own field) is hidden from the client and the guardian. "Lapsen huolto- ja
/// tapaamisoikeusselvitys … asiakaskertomusmerkintöjä, joita ei kuitenkaan rajata
/// automaattisesti … Työntekijän tuleekin tarvittaessa huolehtia näiden rajaamisesta itse":
/// shown, with a reminder. A shared structure with no service known: the author is told.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn exclusions_follow_the_service_a_document_is_recorded_in() {
    // Merkintä tapaamisesta tai yhteydenotosta: "Sosiaalihuollon palvelutehtäville yhteiset".
    let Some((s, _)) = real("1.2.246.537.6.1506.19005.2022.1.10") else {
        return;
    };
    assert!(is_shared(&s) && automatic_exclusion(&s).is_none());
    let today = date(TODAY);
    let doc = |function: Option<&str>| {
        let mut v = serde_json::json!({"merkinta_tapaamisesta_tai_yhteydenotosta": {
            "asiakas": [{"sukunimi": "V", "etunimet": "A", "henkilotunnus": {"value": "131052-308T"}}],
            "laatija": {"sukunimi": "V", "etunimet": "A"}}});
        if let Some(f) = function {
            v["merkinta_tapaamisesta_tai_yhteydenotosta"]["asiakaskertomusmerkinta"] = serde_json::json!({"palvelutehtava": {"system": "urn:oid:1.2.246.537.6.1221", "code": "x", "display": f}});
        }
        Document::from_value(&s, &v).unwrap()
    };
    let host = |function: &str| Markings {
        host: sosmeta_editor::HostFacts {
            service: Some(ServiceContext {
                codes: Vec::new(),
                function: Some(Coded {
                    code: "99".into(),
                    display: function.into(),
                }),
                service: None,
                excludes: None,
            }),
            ..Markings::default().host
        },
        ..Markings::default()
    };
    let seen = |d: &Document, m: &Markings| {
        (
            audience_view(&s, d, m, Audience::Client, today),
            Facts::of(&s, d, m, today).notices,
        )
    };
    // The host's service context.
    for (name, want) in [
        ("Turvakotipalvelut", Exclusion::Shelter),
        (
            "Lähisuhde- ja perheväkivallan ehkäisytyö",
            Exclusion::DomesticViolence,
        ),
        ("Vanhemmuuden selvittäminen", Exclusion::Parenthood),
        ("Adoptioneuvonta", Exclusion::AdoptionCounselling),
    ] {
        let (v, notices) = seen(&doc(None), &host(name));
        assert_eq!(
            v,
            AudienceView::Hidden(HiddenReason::Excluded(want)),
            "{name}"
        );
        assert!(notices.is_empty());
        assert_eq!(
            audience_view(&s, &doc(None), &host(name), Audience::Guardian, today),
            AudienceView::Hidden(HiddenReason::Excluded(want))
        );
    }
    // The document's own palvelutehtävä counts too.
    let (v, _) = seen(&doc(Some("Turvakotipalvelu")), &Markings::default());
    assert_eq!(
        v,
        AudienceView::Hidden(HiddenReason::Excluded(Exclusion::Shelter))
    );
    // The host names the exclusion its code means (its list has no Finnish names).
    let coded_only = Markings {
        host: sosmeta_editor::HostFacts {
            service: Some(ServiceContext {
                codes: Vec::new(),
                function: Some(Coded {
                    code: "301".into(),
                    display: String::new(),
                }),
                service: None,
                excludes: Some(ExcludedService::Shelter),
            }),
            ..Markings::default().host
        },
        ..Markings::default()
    };
    let (v, _) = seen(&doc(None), &coded_only);
    assert_eq!(
        v,
        AudienceView::Hidden(HiddenReason::Excluded(Exclusion::Shelter))
    );
    let named = Markings::from_json(
        r#"{"service": {"function": {"code": "301"}, "excludes": "domesticViolence"}}"#,
    )
    .unwrap();
    let (v, _) = seen(&doc(None), &named);
    assert_eq!(
        v,
        AudienceView::Hidden(HiddenReason::Excluded(Exclusion::DomesticViolence))
    );
    // Another service: shown; no service at all: shown, and the author is told.
    let (v, notices) = seen(&doc(None), &host("Lapsiperheiden palvelut"));
    assert!(matches!(v, AudienceView::Shown { .. }) && notices.is_empty());
    let (v, notices) = seen(&doc(None), &Markings::default());
    assert!(matches!(v, AudienceView::Shown { .. }));
    assert_eq!(notices, [Notice::ServiceUnknown]);
    // The custody process: not excluded, a reminder.
    let (v, notices) = seen(
        &doc(None),
        &host("Lapsen huolto- ja tapaamisoikeusselvitys"),
    );
    assert!(matches!(v, AudienceView::Shown { .. }));
    assert_eq!(notices, [Notice::ConsiderRestriction]);
    // Only adoption counselling's exclusion can be lifted, and lifting it is checked.
    let lifted = |name: &str| Markings {
        exclusion_lifted: true,
        host: sosmeta_editor::HostFacts {
            // The worker who lifts it: a role is the host's word (issue 22).
            author_role: Some(AuthorRole::Organiser),
            ..host(name).host.clone()
        },
        ..host(name)
    };
    assert!(check(&s, &doc(None), &lifted("Turvakotipalvelut"), today)
        .contains(&MarkingProblem::ExclusionNotLiftable));
    assert_eq!(
        audience_view(
            &s,
            &doc(None),
            &lifted("Turvakotipalvelut"),
            Audience::Client,
            today
        ),
        AudienceView::Hidden(HiddenReason::Excluded(Exclusion::Shelter))
    );
    assert!(check(&s, &doc(None), &lifted("Adoptioneuvonta"), today).is_empty());
    assert!(matches!(
        audience_view(
            &s,
            &doc(None),
            &lifted("Adoptioneuvonta"),
            Audience::Client,
            today
        ),
        AudienceView::Shown { .. }
    ));
}

/// Seed 002 table 1.1 ("Yksityisessä sosiaalihuollossa palveluntuottaja on rekisterinpitäjä
/// silloin, kun palvelua tuotetaan asiakkaalle keskinäisen sopimuksen perusteella"): a
/// provider keeping its own register decides its own restrictions — its non-disclosure to
/// the guardian is a decision, not a proposal. §4.1.2 ("Palveluntuottaja ei voi itse
/// päivittää tietoja asiakkuusasiakirjalle") and §3.3 (laaja rekisterinkäyttöoikeus): a
/// provider cannot write the asiakkuusasiakirja unless the host states the extended right.
#[test]
fn roles_and_registers() {
    let today = date(TODAY);
    let (s, d) = lapsi(false, false);
    let hidden = |role| Markings {
        guardian: mark(false, ProposalState::Decided),
        host: sosmeta_editor::HostFacts {
            author_role: Some(role),
            ..Markings::default().host
        },
        ..Markings::default()
    };
    assert_eq!(
        check(&s, &d, &hidden(AuthorRole::Provider), today),
        [MarkingProblem::ProviderCannotDecide]
    );
    assert!(check(&s, &d, &hidden(AuthorRole::RegisterKeeper), today).is_empty());
    assert!(check(&s, &d, &hidden(AuthorRole::Organiser), today).is_empty());
    assert_eq!(
        audience_view(
            &s,
            &d,
            &hidden(AuthorRole::RegisterKeeper),
            Audience::Guardian,
            today
        ),
        AudienceView::Hidden(HiddenReason::NotForGuardian { pending: false })
    );
    let Some((s, _)) = real("1.2.246.537.6.1505.1.2023.6.1") else {
        return;
    };
    assert!(is_client_record(&s));
    let d = Document::from_json(&s, r#"{"asiakkuusasiakirja": {}}"#).unwrap();
    let as_role = |role, extended| Markings {
        host: sosmeta_editor::HostFacts {
            author_role: Some(role),
            extended_register_right: extended,
            client_adult: true,
            ..Markings::default().host
        },
        ..Markings::default()
    };
    assert_eq!(
        check(&s, &d, &as_role(AuthorRole::Provider, false), today),
        [MarkingProblem::ProviderCannotKeepClientRecord]
    );
    assert!(check(&s, &d, &as_role(AuthorRole::Provider, true), today).is_empty());
    assert!(check(&s, &d, &as_role(AuthorRole::Organiser, false), today).is_empty());
    assert!(check(&s, &d, &as_role(AuthorRole::RegisterKeeper, false), today).is_empty());
}

/// Issue 23: the markings panel sends typed edits and the core applies them
/// (`restrict::apply_edit`). Seed 002 §4.2: "Palveluntuottaja ei siis voi tehdä yksin
/// ratkaisua laatimiensa asiakirjojen näyttämättä jättämisestä asiakkaan huoltajalle" — a
/// provider's non-disclosure is a pending proposal, the organiser's is decided, and only
/// the organiser's decision settles a proposal. A delay starts from the host's day
/// (`DEFAULT_DELAY_DAYS`) with reason code 1; stored code names are Finnish, as the Kanta
/// sample's header writes them, whatever the view's language.
#[test]
fn marking_edits_are_applied_by_the_core() {
    use sosmeta_editor::restrict::{
        apply_edit, AuthorRole, DisplayChoice, MarkingEdit, Markings, OmaKanta, ProposalState,
        DEFAULT_DELAY_DAYS,
    };
    use sosmeta_editor::CodeOption;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let with_role = |r| Markings {
        host: sosmeta_editor::HostFacts {
            author_role: Some(r),
            ..Markings::default().host
        },
        ..Markings::default()
    };
    let hidden = MarkingEdit::Guardian { disclosed: false };
    let p = apply_edit(&with_role(AuthorRole::Provider), hidden.clone(), today);
    assert_eq!(
        p.guardian.as_ref().unwrap().proposal,
        ProposalState::Pending
    );
    let o = apply_edit(&with_role(AuthorRole::Organiser), hidden, today);
    assert_eq!(
        o.guardian.as_ref().unwrap().proposal,
        ProposalState::Decided
    );
    let confirmed = apply_edit(&p, MarkingEdit::Decide(ProposalState::Confirmed), today);
    assert_eq!(
        confirmed.guardian.unwrap().proposal,
        ProposalState::Confirmed
    );
    // A delay: 30 days from the host's day, reason code 1 in Finnish.
    let d = apply_edit(
        &Markings::default(),
        MarkingEdit::Display(DisplayChoice::Delayed),
        today,
    );
    let OmaKanta::Delayed { until, reason, .. } = &d.omakanta else {
        panic!("{:?}", d.omakanta)
    };
    assert_eq!(*until, today + chrono::Days::new(DEFAULT_DELAY_DAYS));
    assert_eq!(reason.as_ref().unwrap().code, "1");
    // A reason chosen in the Swedish view is stored by its Finnish name.
    let r = apply_edit(
        &d,
        MarkingEdit::RestrictionReason(CodeOption::new("7", "Syy seitsemän", "Skäl sju")),
        today,
    );
    assert_eq!(r.omakanta.reason().unwrap().display, "Syy seitsemän");
    // Delayed → not shown keeps the worker's reason and justification.
    let r = apply_edit(&r, MarkingEdit::RestrictionText("Perustelu".into()), today);
    let n = apply_edit(&r, MarkingEdit::Display(DisplayChoice::NotShown), today);
    assert_eq!(n.omakanta.reason().unwrap().code, "7");
    assert_eq!(n.omakanta.justification(), Some("Perustelu"));
    // The delay's day moves; shown clears it all.
    let later = chrono::NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    let moved = apply_edit(&d, MarkingEdit::DelayUntil(later), today);
    assert!(matches!(moved.omakanta, OmaKanta::Delayed { until, .. } if until == later));
    let shown = apply_edit(&moved, MarkingEdit::Display(DisplayChoice::Shown), today);
    assert_eq!(shown.omakanta, OmaKanta::Shown);
    // The minor's coded decision: typed code and name, or the code-1 box.
    let g = apply_edit(&o, MarkingEdit::ConsentCode("3".into()), today);
    let g = apply_edit(&g, MarkingEdit::ConsentDisplay("Kieltää".into()), today);
    let c = g
        .guardian
        .as_ref()
        .unwrap()
        .minor_decision
        .as_ref()
        .unwrap();
    assert_eq!((c.code.as_str(), c.display.as_str()), ("3", "Kieltää"));
    let s = apply_edit(
        &Markings::default(),
        MarkingEdit::Guardian { disclosed: true },
        today,
    );
    let s = apply_edit(&s, MarkingEdit::MinorConsents(true), today);
    assert_eq!(s.guardian.unwrap().minor_decision.unwrap().code, "1");
    assert!(
        apply_edit(
            &Markings::default(),
            MarkingEdit::SpecialContent(true),
            today
        )
        .special_content
    );
    assert!(
        apply_edit(
            &Markings::default(),
            MarkingEdit::LiftExclusion(true),
            today
        )
        .exclusion_lifted
    );
}
