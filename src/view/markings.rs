//! The restriction-markings panel: special content, OmaKanta display, guardian disclosure.
//! Draws the markings and the decisions `restrict` computes; applies no rules itself.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::text::{ui, Ui};

use crate::lang::Lang;
use crate::restrict::{
    AuthorRole, DisplayChoice, Exclusion, MarkingEdit, MarkingProblem, Markings, OmaKanta,
    ProposalState,
};

use crate::restrict::{CONSENT_1, REASON_1};

/// Props of [`MarkingsPanel`].
#[derive(Properties, PartialEq)]
pub struct MarkingsProps {
    /// Current markings.
    pub markings: Markings,
    /// What the worker did (applied by [`crate::restrict::apply_edit`]).
    pub onedit: Callback<MarkingEdit>,
    /// Language.
    pub lang: Lang,
    /// Whether the client is a minor on the document date (`None`: unknown yet).
    pub minor: Option<bool>,
    /// Automatic OmaKanta exclusion of the structure.
    pub exclusion: Option<Exclusion>,
    /// Problems to show (after an emit attempt).
    pub problems: Vec<MarkingProblem>,
    /// What the author is told about OmaKanta display (service unknown, consider a
    /// restriction).
    #[prop_or_default]
    pub notices: Vec<crate::restrict::Notice>,
    /// Reason codes the host knows beyond code 1 (code, Finnish, Swedish).
    #[prop_or_default]
    pub reasons: Rc<Vec<crate::view::vm::CodeOption>>,
    /// Today (the host's, else Finland's): a new delay's default day is counted from it.
    pub today: chrono::NaiveDate,
}

/// Each control's new value as an edit (`None`: not one, e.g. a half-typed date).
fn send(cb: &Callback<MarkingEdit>, f: fn(String) -> Option<MarkingEdit>) -> Callback<String> {
    let cb = cb.clone();
    Callback::from(move |v: String| {
        if let Some(e) = f(v) {
            cb.emit(e)
        }
    })
}

fn input_value(cb: Callback<String>) -> Callback<Event> {
    Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
}

fn area_value(cb: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |e: InputEvent| {
        cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    })
}

fn checked(cb: Callback<String>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        cb.emit(
            e.target_unchecked_into::<HtmlInputElement>()
                .checked()
                .to_string(),
        )
    })
}

fn radio(
    name: &str,
    value: &'static str,
    label: &str,
    current: &str,
    cb: &Callback<String>,
) -> Html {
    let id = format!("sm-mk-{name}-{value}");
    let cb = cb.clone();
    let onchange = Callback::from(move |_: Event| cb.emit(value.to_string()));
    html! { <span class="sm-radio"><input type="radio" id={id.clone()} name={format!("sm-mk-{name}")} checked={current == value} {onchange} /><label for={id}>{ label.to_string() }</label></span> }
}

/// The markings panel: draws the markings and sends what the worker does.
#[component]
pub fn MarkingsPanel(props: &MarkingsProps) -> Html {
    let lang = props.lang;
    let m = &props.markings;
    let special = send(&props.onedit, |v| {
        Some(MarkingEdit::SpecialContent(v == "true"))
    });
    let lift = send(&props.onedit, |v| {
        Some(MarkingEdit::LiftExclusion(v == "true"))
    });
    let ml = crate::messages::MessageLang::from(lang);
    let problems = (!props.problems.is_empty()).then(|| html! {
        <ul class="sm-messages" id="sm-markings-problems">
            { for props.problems.iter().map(|p| html! { <li class="sm-error">{ crate::messages::marking_message(p, ml) }</li> }) }
        </ul>
    });
    html! {
        <section class="sm-markings" id="sm-markings" tabindex="-1" aria-labelledby="sm-markings-h">
            <h2 id="sm-markings-h" class="sm-group-title">{ ui(Ui::MkTitle, lang) }</h2>
            { problems }
            { for props.notices.iter().map(|n| html! { <p class="sm-note sm-notice" role="note">{ crate::messages::notice_message(n, ml) }</p> }) }
            if let Some(e) = props.exclusion {
                <p class="sm-note sm-exclusion" role="note">{ format!("{}: {}", ui(Ui::MkExcluded, lang), if lang == Lang::Sv { e.text_sv() } else { e.text_fi() }) }</p>
                if e.can_be_lifted() {
                    <p class="sm-check-row"><input type="checkbox" id="sm-mk-lift" checked={m.exclusion_lifted} onchange={checked(lift)} />
                        <label for="sm-mk-lift">{ ui(Ui::MkLiftExclusion, lang) }</label></p>
                }
            }
            <p class="sm-check-row"><input type="checkbox" id="sm-mk-special" checked={m.special_content} onchange={checked(special)} />
                <label for="sm-mk-special">{ ui(Ui::MkSpecialContent, lang) }</label></p>
            { omakanta_fieldset(props) }
            { guardian_fieldset(props) }
        </section>
    }
}

/// OmaKanta display: shown, delayed to a day, not shown — with the reason and text.
fn omakanta_fieldset(props: &MarkingsProps) -> Html {
    let (lang, m) = (props.lang, &props.markings);
    let display_kind = send(&props.onedit, |v| {
        Some(MarkingEdit::Display(match v.as_str() {
            "delayed" => DisplayChoice::Delayed,
            "notShown" => DisplayChoice::NotShown,
            _ => DisplayChoice::Shown,
        }))
    });
    let until = send(&props.onedit, |v| {
        crate::time::parse_ymd(&v).map(MarkingEdit::DelayUntil)
    });
    let restriction_text = send(&props.onedit, |v| Some(MarkingEdit::RestrictionText(v)));
    let mut reasons = vec![crate::view::vm::CodeOption::new(
        REASON_1.0, REASON_1.1, REASON_1.2,
    )];
    reasons.extend(
        props
            .reasons
            .iter()
            .filter(|o| o.code != REASON_1.0)
            .cloned(),
    );
    let current_reason = m
        .omakanta
        .reason()
        .map(|r| r.code.clone())
        .unwrap_or_default();
    let reason_code = {
        let (reasons, cb) = (reasons.clone(), props.onedit.clone());
        Callback::from(move |v: String| {
            if let Some(o) = reasons.iter().find(|o| o.code == v) {
                cb.emit(MarkingEdit::RestrictionReason(o.clone()))
            }
        })
    };
    let kind = match &m.omakanta {
        OmaKanta::Shown => "shown",
        OmaKanta::Delayed { .. } => "delayed",
        OmaKanta::NotShown { .. } => "notShown",
    };
    html! {
        <fieldset class="sm-group">
            <legend>{ ui(Ui::MkOmaKanta, lang) }</legend>
            <div class="sm-radios">
                { radio("omakanta", "shown", ui(Ui::MkShown, lang), kind, &display_kind) }
                { radio("omakanta", "delayed", ui(Ui::MkDelayed, lang), kind, &display_kind) }
                { radio("omakanta", "notShown", ui(Ui::MkNotShown, lang), kind, &display_kind) }
            </div>
            if let OmaKanta::Delayed { until: u, .. } = &m.omakanta {
                <label for="sm-mk-until" class="sm-label">{ ui(Ui::MkShownFrom, lang) }</label>
                <input id="sm-mk-until" class="sm-input sm-short" type="date" value={u.to_string()} onchange={input_value(until)} />
            }
            if kind != "shown" {
                <label for="sm-mk-reason" class="sm-label">{ ui(Ui::MkReason, lang) }<span class="sm-req" aria-hidden="true">{ " *" }</span></label>
                <select id="sm-mk-reason" class="sm-input sm-select" onchange={Callback::from({ let cb = reason_code.clone(); move |e: Event| cb.emit(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()) })}>
                    { for reasons.iter().map(|o| html! { <option value={o.code.clone()} selected={o.code == current_reason}>{ format!("{} – {}", o.code, o.display(lang)) }</option> }) }
                </select>
                <label for="sm-mk-why" class="sm-label">{ ui(Ui::MkJustification, lang) }<span class="sm-req" aria-hidden="true">{ " *" }</span></label>
                <textarea id="sm-mk-why" class="sm-input sm-text" rows="2" value={m.omakanta.justification().unwrap_or_default().to_string()} oninput={area_value(restriction_text)} />
            }
        </fieldset>
    }
}

/// Shown to the guardian or not, the minor's coded decision, and a provider's proposal.
fn guardian_fieldset(props: &MarkingsProps) -> Html {
    let (lang, m) = (props.lang, &props.markings);
    let guardian_choice = send(&props.onedit, |v| {
        Some(MarkingEdit::Guardian {
            disclosed: v == "shown",
        })
    });
    let guardian_text = send(&props.onedit, |v| Some(MarkingEdit::GuardianText(v)));
    let consent = send(&props.onedit, |v| {
        Some(MarkingEdit::MinorConsents(v == "true"))
    });
    let consent_code = send(&props.onedit, |v| Some(MarkingEdit::ConsentCode(v)));
    let consent_display = send(&props.onedit, |v| Some(MarkingEdit::ConsentDisplay(v)));
    let decide = |state: ProposalState| {
        let cb = props.onedit.clone();
        Callback::from(move |_: MouseEvent| cb.emit(MarkingEdit::Decide(state)))
    };
    let guardian_kind = match &m.guardian {
        None => "",
        Some(g) if g.disclosed => "shown",
        Some(_) => "hidden",
    };
    html! {
        <>
        if props.minor != Some(false) {
            <fieldset class="sm-group" id="sm-mk-guardian">
                <legend>
                    { ui(Ui::MkGuardian, lang) }
                    if props.minor == Some(true) { <span class="sm-req" aria-hidden="true">{ " *" }</span><span class="sm-visually-hidden">{ ui(Ui::MkGuardianRequired, lang) }</span> }
                </legend>
                if props.minor == Some(true) { <p class="sm-note">{ ui(Ui::MkMinorNote, lang) }</p> }
                <div class="sm-radios">
                    { radio("guardian", "shown", ui(Ui::MkGuardianShown, lang), guardian_kind, &guardian_choice) }
                    { radio("guardian", "hidden", ui(Ui::MkGuardianHidden, lang), guardian_kind, &guardian_choice) }
                </div>
                if let Some(g) = &m.guardian {
                    if g.disclosed {
                        <p class="sm-check-row"><input type="checkbox" id="sm-mk-consent" checked={g.minor_decision.as_ref().is_some_and(|c| c.code == CONSENT_1.0)} onchange={checked(consent)} />
                            <label for="sm-mk-consent">{ format!("{}: {}", ui(Ui::MkMinorDecision, lang), if lang == Lang::Sv { CONSENT_1.2 } else { CONSENT_1.1 }) }</label></p>
                    } else {
                        <label for="sm-mk-ccode" class="sm-label">{ ui(Ui::MkConsentCode, lang) }<span class="sm-req" aria-hidden="true">{ " *" }</span></label>
                        <input id="sm-mk-ccode" class="sm-input" value={g.minor_decision.as_ref().map(|c| c.code.clone()).unwrap_or_default()} onchange={input_value(consent_code)} />
                        <label for="sm-mk-cdisplay" class="sm-label">{ ui(Ui::MkConsentDisplay, lang) }</label>
                        <input id="sm-mk-cdisplay" class="sm-input" value={g.minor_decision.as_ref().map(|c| c.display.clone()).unwrap_or_default()} onchange={input_value(consent_display)} />
                    }
                    if m.host.author_role.is_none() && !g.disclosed {
                        <p class="sm-proposal" role="status">{ ui(Ui::MkRoleMissing, lang) }</p>
                    }
                    if !g.disclosed {
                        <label for="sm-mk-gwhy" class="sm-label">{ ui(Ui::MkJustification, lang) }<span class="sm-req" aria-hidden="true">{ " *" }</span></label>
                        <textarea id="sm-mk-gwhy" class="sm-input sm-text" rows="2" value={g.justification.clone()} oninput={area_value(guardian_text)} />
                        <p class="sm-proposal" role="status">{ proposal_text(g.proposal, m.host.author_role, lang) }</p>
                        if m.host.author_role.is_some_and(AuthorRole::decides) && g.proposal != ProposalState::Decided {
                            <p class="sm-decide">
                                <button type="button" class="sm-add" onclick={decide(ProposalState::Confirmed)}>{ ui(Ui::MkConfirm, lang) }</button>
                                { " " }
                                <button type="button" class="sm-add" onclick={decide(ProposalState::Rejected)}>{ ui(Ui::MkReject, lang) }</button>
                            </p>
                        }
                    }
                }
            </fieldset>
        }
        </>
    }
}

fn proposal_text(p: ProposalState, role: Option<AuthorRole>, lang: Lang) -> &'static str {
    match (p, role) {
        (ProposalState::Pending, Some(AuthorRole::Provider)) => ui(Ui::MkProposalPending, lang),
        (ProposalState::Pending, _) => ui(Ui::MkProposalAwaitsYou, lang),
        (ProposalState::Confirmed, _) => ui(Ui::MkProposalConfirmed, lang),
        (ProposalState::Rejected, _) => ui(Ui::MkProposalRejected, lang),
        (ProposalState::Decided, _) => ui(Ui::MkDecided, lang),
    }
}
