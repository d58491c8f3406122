//! What a worker does to the restriction markings, as typed edits, and the one pure
//! function that applies them (the markings panel built markings in closures and
//! decided the provider-proposal rule, the 30-day default and which language's code name is
//! stored; it now only sends these).

use chrono::NaiveDate;

use super::{AuthorRole, Coded, GuardianMark, Markings, OmaKanta, ProposalState};
use crate::codes::CodeOption;

/// How the document is shown in OmaKanta, as the worker picks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayChoice {
    /// Shown.
    Shown,
    /// Shown from a day on.
    Delayed,
    /// Not shown.
    NotShown,
}

/// One thing a worker did in the markings panel.
#[derive(Clone, Debug, PartialEq)]
pub enum MarkingEdit {
    /// Erityissisältö on or off.
    SpecialContent(bool),
    /// Shown, delayed or not shown in OmaKanta.
    Display(DisplayChoice),
    /// The first day a delayed document is shown.
    DelayUntil(NaiveDate),
    /// The reason code of a delay or a non-display, from the list offered.
    RestrictionReason(CodeOption),
    /// The justification of a delay or a non-display.
    RestrictionText(String),
    /// Shown to the guardian or not.
    Guardian {
        /// Shown.
        disclosed: bool,
    },
    /// The justification of not showing it to the guardian.
    GuardianText(String),
    /// The minor's decision "may be disclosed" (code 1) ticked or not.
    MinorConsents(bool),
    /// The code of the minor's decision, typed (a non-disclosure's code from the host's list).
    ConsentCode(String),
    /// That code's name, typed.
    ConsentDisplay(String),
    /// The organiser confirms or rejects the provider's proposal.
    Decide(ProposalState),
    /// The automatic exclusion lifted or not.
    LiftExclusion(bool),
}

/// How many days a new delay lasts unless the worker says otherwise.
pub const DEFAULT_DELAY_DAYS: u64 = 30;

/// The one reason code the public sources give (system
/// [`super::RESTRICTION_REASON_SYSTEM`]): `(code, Finnish, Swedish)`.
pub const REASON_1: (&str, &str, &str) = (
    "1",
    "Asiakirjan näyttämisestä aiheutuu vaaraa asiakkaan terveydelle tai kehitykselle",
    "Visning av handlingen medför fara för klientens hälsa eller utveckling",
);

/// The one consent code the public sources give (system 1.2.246.537.6.1286.201901).
pub const CONSENT_1: (&str, &str, &str) = (
    "1",
    "Asiakirja voidaan luovuttaa huoltajalle, koska alaikäinen ei kiellä",
    "Handlingen kan lämnas ut till vårdnadshavaren eftersom den minderårige inte förbjuder det",
);

/// A code as the markings store it: its Finnish name, whatever the view's language (the
/// CDA header's display names are Finnish, as the Kanta sample writes them).
fn stored(code: &str, fi: &str) -> Coded {
    Coded {
        code: code.to_string(),
        display: fi.to_string(),
    }
}

/// `m` after `edit`, on `today`. Pure.
///
/// - A new delay is shown [`DEFAULT_DELAY_DAYS`] days from today, with reason code 1; a
///   change between a delay and a non-display keeps the reason and the justification.
/// - A provider that does not show a document to the guardian makes a proposal the
///   organiser decides (seed 002 §3.3): `Pending`; anyone else decides (`Decided`).
/// - Stored code names are Finnish, as the Kanta sample's header writes them.
///
/// ```
/// use sosmeta_editor::restrict::{apply_edit, AuthorRole, DisplayChoice, MarkingEdit, Markings, OmaKanta, ProposalState};
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
/// let m = apply_edit(&Markings::default(), MarkingEdit::Display(DisplayChoice::Delayed), today);
/// assert!(matches!(m.omakanta, OmaKanta::Delayed { until, .. } if until.to_string() == "2027-01-02"));
/// let mut provider = Markings::default();
/// provider.host.author_role = Some(AuthorRole::Provider);
/// let m = apply_edit(&provider, MarkingEdit::Guardian { disclosed: false }, today);
/// assert_eq!(m.guardian.unwrap().proposal, ProposalState::Pending);
/// ```
pub fn apply_edit(m: &Markings, edit: MarkingEdit, today: NaiveDate) -> Markings {
    let mut m = m.clone();
    match edit {
        MarkingEdit::SpecialContent(on) => m.special_content = on,
        MarkingEdit::Display(choice) => m.omakanta = display(&m.omakanta, choice, today),
        MarkingEdit::DelayUntil(day) => {
            if let OmaKanta::Delayed { until, .. } = &mut m.omakanta {
                *until = day;
            }
        }
        MarkingEdit::RestrictionReason(o) => match &mut m.omakanta {
            OmaKanta::Delayed { reason, .. } | OmaKanta::NotShown { reason, .. } => {
                *reason = Some(stored(&o.code, &o.fi))
            }
            OmaKanta::Shown => {}
        },
        MarkingEdit::RestrictionText(t) => match &mut m.omakanta {
            OmaKanta::Delayed { justification, .. } | OmaKanta::NotShown { justification, .. } => {
                *justification = t
            }
            OmaKanta::Shown => {}
        },
        MarkingEdit::Guardian { disclosed } => {
            let prev = m.guardian.take();
            m.guardian = Some(GuardianMark {
                disclosed,
                minor_decision: prev.as_ref().and_then(|g| g.minor_decision.clone()),
                justification: prev.map(|g| g.justification).unwrap_or_default(),
                proposal: match (m.host.author_role, disclosed) {
                    (Some(AuthorRole::Provider), false) => ProposalState::Pending,
                    _ => ProposalState::Decided,
                },
            });
        }
        MarkingEdit::GuardianText(t) => {
            if let Some(g) = &mut m.guardian {
                g.justification = t;
            }
        }
        MarkingEdit::MinorConsents(yes) => {
            if let Some(g) = &mut m.guardian {
                g.minor_decision = yes.then(|| stored(CONSENT_1.0, CONSENT_1.1));
            }
        }
        MarkingEdit::ConsentCode(code) => {
            if let Some(g) = &mut m.guardian {
                let display = g
                    .minor_decision
                    .take()
                    .map(|c| c.display)
                    .unwrap_or_default();
                g.minor_decision = (!code.trim().is_empty() || !display.is_empty())
                    .then_some(Coded { code, display });
            }
        }
        MarkingEdit::ConsentDisplay(display) => {
            if let Some(g) = &mut m.guardian {
                let code = g.minor_decision.take().map(|c| c.code).unwrap_or_default();
                g.minor_decision = (!display.trim().is_empty() || !code.is_empty())
                    .then_some(Coded { code, display });
            }
        }
        MarkingEdit::Decide(state) => {
            if let Some(g) = &mut m.guardian {
                g.proposal = state;
            }
        }
        MarkingEdit::LiftExclusion(on) => m.exclusion_lifted = on,
    }
    m
}

/// The OmaKanta display after the worker's choice (the justification and reason kept
/// between a delay and a non-display).
fn display(prev: &OmaKanta, choice: DisplayChoice, today: NaiveDate) -> OmaKanta {
    let (reason, justification) = match prev {
        OmaKanta::Delayed {
            reason,
            justification,
            ..
        }
        | OmaKanta::NotShown {
            reason,
            justification,
        } => (reason.clone(), justification.clone()),
        OmaKanta::Shown => (Some(stored(REASON_1.0, REASON_1.1)), String::new()),
    };
    match (choice, prev) {
        (DisplayChoice::Shown, _) => OmaKanta::Shown,
        (DisplayChoice::Delayed, OmaKanta::Delayed { .. })
        | (DisplayChoice::NotShown, OmaKanta::NotShown { .. }) => prev.clone(),
        (DisplayChoice::Delayed, _) => OmaKanta::Delayed {
            until: today + chrono::Days::new(DEFAULT_DELAY_DAYS),
            reason,
            justification,
        },
        (DisplayChoice::NotShown, _) => OmaKanta::NotShown {
            reason,
            justification,
        },
    }
}
