//! The one assessment (issue 13, "one assessment, computed once"): what `assess` finds is
//! what each part finds on its own, the editor holds it and judges it again on a new day,
//! and the guardian rule is read from one place by the policy and the bundle.

use chrono::NaiveDate;
use sosmeta_editor::restrict::{
    audience_view, check, turvakielto_redactions, Audience, AudienceView, Coded, GuardianMark,
    MarkingProblem, Markings, OmaKanta, ProposalState,
};
use sosmeta_editor::view::state::{Action, EditorState};
use sosmeta_editor::Lang;
use sosmeta_editor::Structure;
use sosmeta_editor::{assess, Context};
use sosmeta_editor::{render_bundle, RenderOptions};
use sosmeta_editor::{sample_document, Document, SampleMode};
use sosmeta_editor::{validate, Rules};
use std::rc::Rc;
use yew::Reducible;

use crate::support::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Markings that exercise each branch of the policy.
fn markings_variants() -> Vec<Markings> {
    let reason = Some(Coded {
        code: "1".into(),
        display: String::new(),
    });
    vec![
        Markings::default(),
        Markings {
            special_content: true,
            ..Markings::default()
        },
        Markings {
            omakanta: OmaKanta::Delayed {
                until: day("2027-01-01"),
                reason: reason.clone(),
                justification: "Syy".into(),
            },
            ..Markings::default()
        },
        Markings {
            guardian: Some(GuardianMark {
                disclosed: false,
                minor_decision: None,
                justification: String::new(),
                proposal: ProposalState::Pending,
            }),
            ..Markings::default()
        },
        Markings {
            omakanta: OmaKanta::NotShown {
                reason: None,
                justification: String::new(),
            },
            ..Markings::default()
        },
    ]
}

/// `assess` is the parts put together: the same report as `validate`, the same marking
/// problems as `restrict::check`, the same audience views as `audience_view`, and the
/// display form leaves out what the rules hide plus what turvakielto hides.
#[test]
// See: issue 13, "One assessment, computed once".
fn one_assessment_agrees_with_each_part_on_every_real_and_project_structure() {
    let today = day("2026-11-30");
    let mut cases: Vec<(Structure, Document)> = Vec::new();
    for path in corpus() {
        let s = Structure::from_json(&read(&path)).unwrap();
        for mode in [SampleMode::Full, SampleMode::Minimal] {
            let d = sample_document(&s, mode);
            cases.push((s.clone(), d));
        }
    }
    let lapsi = project("demo-lapsi.json");
    let d = doc(&lapsi, "tests/data/demo-lapsi.filled.json");
    cases.push((lapsi, d));
    let kertomus = project("demo-kertomus.json");
    let d = doc(&kertomus, "tests/data/demo-kertomus.invalid.json");
    cases.push((kertomus, d));
    let rules = Rules::default();
    for (s, d) in &cases {
        for m in markings_variants() {
            let a = assess(s, d, &rules, &m, Context { today });
            assert_eq!(a.report, validate(s, d, &rules), "{}", s.meta.oid);
            // The form looks issues up by typed path; the edges by pointer: the same
            // issues either way, at every issue's path and each of its ancestors.
            for i in &a.report.issues {
                assert_eq!(i.pointer, i.path.to_pointer(s));
                for n in 1..=i.path.0.len() {
                    let p = sosmeta_editor::DataPath(i.path.0[..n].to_vec());
                    let by_path: Vec<_> = a.issue_paths.at(&a.report, &p).collect();
                    let pointer = p.to_pointer(s);
                    let by_pointer: Vec<_> = a.report.at(&pointer).collect();
                    assert_eq!(by_path, by_pointer, "{pointer}");
                }
            }
            assert_eq!(a.problems, check(s, d, &m, today), "{}", s.meta.oid);
            for aud in [Audience::Professional, Audience::Client, Audience::Guardian] {
                assert_eq!(
                    a.audience_view(&m, aud),
                    audience_view(s, d, &m, aud, today),
                    "{} {aud:?}",
                    s.meta.oid
                );
            }
            let mut hidden = rules.hidden(s, d);
            hidden.extend(turvakielto_redactions(s, d, &Markings::default()));
            assert_eq!(a.display_hidden(), hidden);
            // (Whether a bundle is made is `emit::refusals`'s one answer: tests/readiness.rs;
            // the assessment's own `is_ready` was its second answer and is gone, issue 23.)
        }
    }
}

/// DOMAIN.md (restriction markings): a delay date must be in the future. An editor opened
/// yesterday still judges by today when the edge gives it today's date: the delay that
/// was "tomorrow" is now "today" and no longer allowed.
#[test]
// See: issue 13, "Today is an input everywhere; only the edges read a clock".
fn editor_left_open_past_midnight_judges_the_delay_by_the_new_day() {
    let s = Rc::new(project("demo-kertomus.json"));
    let d = doc(&s, "tests/data/demo-kertomus.filled.json");
    let m = Markings {
        omakanta: OmaKanta::Delayed {
            until: day("2026-12-01"),
            reason: Some(Coded {
                code: "1".into(),
                display: String::new(),
            }),
            justification: "Syy".into(),
        },
        ..Markings::default()
    };
    let st = EditorState::new(
        s,
        Rc::new(Rules::default()),
        d,
        Lang::Fi,
        m,
        Context {
            today: day("2026-11-30"),
        },
    );
    assert!(st.assessment.problems.is_empty());
    let next_day = st.assessment_on(day("2026-12-01"));
    assert_eq!(next_day.problems, [MarkingProblem::DelayNotInFuture]);
    // The same day gives the very assessment the editor holds (nothing recomputed).
    assert!(Rc::ptr_eq(
        &st.assessment_on(day("2026-11-30")),
        &st.assessment
    ));
    // The host's new day goes through the reducer; the document version stays.
    let st = Rc::new(st).reduce(Action::SetToday(day("2026-12-01")));
    assert_eq!(st.assessment.problems, [MarkingProblem::DelayNotInFuture]);
    assert_eq!(st.version, 0);
}

/// Markings have one owner in the view: the reducer. A change of markings judges them
/// again without touching the document (its version, which `on_change` follows, stays).
#[test]
// See: issue 13, "Markings go through the reducer".
fn markings_change_through_the_reducer_and_are_judged_at_once() {
    let s = Rc::new(project("demo-lapsi.json"));
    let d = doc(&s, "tests/data/demo-lapsi.filled.json");
    let st = Rc::new(EditorState::new(
        s,
        Rc::new(Rules::default()),
        d,
        Lang::Fi,
        Markings::default(),
        Context {
            today: day("2026-11-22"),
        },
    ));
    // Seed 002 §4.2: a minor client's document needs the guardian mark.
    assert_eq!(
        st.assessment.problems,
        [MarkingProblem::GuardianMarkMissing]
    );
    let marked = disclosed_to_guardian();
    let st = st.reduce(Action::SetMarkings(Box::new(marked.clone())));
    assert!(st.assessment.problems.is_empty());
    assert_eq!(*st.markings, marked);
    assert_eq!(st.version, 0);
    assert!(matches!(
        st.assessment
            .audience_view(&st.markings, Audience::Guardian),
        AudienceView::Shown { .. }
    ));
}

/// Seed 002 §4.2: a service provider only proposes non-disclosure; when the organiser
/// rejects the proposal the document is shown to the guardian. The preview policy and
/// the bundle's `guardianDisclosure.effective` read the same rule.
#[test]
// See: issue 13, "the guardian sees it rule is written twice".
fn rejected_proposal_is_shown_to_the_guardian_in_the_preview_and_the_bundle() {
    let s = project("demo-lapsi.json");
    let d = doc(&s, "tests/data/demo-lapsi.filled.json");
    let today = day("2026-11-22");
    for (proposal, shown) in [
        (ProposalState::Rejected, true),
        (ProposalState::Confirmed, false),
    ] {
        let m = Markings {
            guardian: Some(GuardianMark {
                disclosed: false,
                minor_decision: Some(host_refusal_code()),
                justification: "Lapsen etu".into(),
                proposal,
            }),
            host: sosmeta_editor::HostFacts {
                // The organiser decided on the proposal (a role is the host's word, issue 22).
                author_role: Some(sosmeta_editor::AuthorRole::Organiser),
                ..Markings::default().host
            },
            ..Markings::default()
        };
        let a = assess(&s, &d, &Rules::default(), &m, Context { today });
        assert_eq!(
            matches!(
                a.audience_view(&m, Audience::Guardian),
                AudienceView::Shown { .. }
            ),
            shown
        );
        let b = render_bundle(
            &s,
            &d,
            &Rules::default(),
            &RenderOptions {
                markings: m,
                today: Some(today),
                ..Default::default()
            },
        )
        .unwrap();
        let meta: serde_json::Value =
            serde_json::from_slice(&b.file("metadata.json").unwrap().bytes).unwrap();
        assert_eq!(
            meta["markings"]["guardianDisclosure"]["effective"], shown,
            "{proposal:?}"
        );
    }
}
