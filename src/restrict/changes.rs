//! What changed in the restriction markings between an archived version and its
//! correction ("Changing restriction markings of an archived document (lifting a
//! delay, the organiser confirming or rejecting a provider's proposal) is a new version with
//! a reason too"). PURE.

use super::{Markings, OmaKanta, ProposalState};

/// One aspect of the markings a reader of the before/after view tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkingAspect {
    /// Erityissisältö.
    SpecialContent,
    /// OmaKanta display: shown, delayed to a day, not shown (with its reason and text).
    OmaKanta,
    /// Guardian disclosure and where a proposal stands.
    Guardian,
    /// The automatic exclusion lifted by the worker.
    ExclusionLifted,
}

/// What one aspect says, typed (its words are `crate::messages::marking_value_text`'s).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkingValue {
    /// Erityissisältö or a lifted exclusion: yes or no.
    Flag(bool),
    /// The OmaKanta display.
    OmaKanta(OmaKanta),
    /// Shown to the guardian or not, the proposal's state and the justification.
    Guardian(Option<GuardianView>),
}

/// The guardian mark as the before/after view tells it apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuardianView {
    /// Shown to the guardian (a pending or rejected proposal counts as its effect).
    pub shown: bool,
    /// Where a provider's proposal stands.
    pub proposal: ProposalState,
    /// The justification, trimmed.
    pub justification: String,
}

/// One changed aspect: what it said before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkingChange {
    /// Which aspect.
    pub aspect: MarkingAspect,
    /// Before.
    pub before: MarkingValue,
    /// After.
    pub after: MarkingValue,
}

/// Each aspect of `m`, typed.
fn values(m: &Markings) -> [(MarkingAspect, MarkingValue); 4] {
    let guardian = m.guardian.as_ref().map(|g| GuardianView {
        shown: g.shown_to_guardian(),
        proposal: g.proposal,
        justification: g.justification.trim().to_string(),
    });
    [
        (
            MarkingAspect::SpecialContent,
            MarkingValue::Flag(m.special_content),
        ),
        (
            MarkingAspect::OmaKanta,
            MarkingValue::OmaKanta(m.omakanta.clone()),
        ),
        (MarkingAspect::Guardian, MarkingValue::Guardian(guardian)),
        (
            MarkingAspect::ExclusionLifted,
            MarkingValue::Flag(m.exclusion_lifted),
        ),
    ]
}

/// The aspects that differ between `before` and `after`.
///
/// ```
/// use sosmeta_editor::restrict::{marking_changes, MarkingAspect, MarkingValue, Markings, OmaKanta};
/// let delayed = Markings::from_json(r#"{"omakanta": {"display": "delayed", "until": "2027-03-01", "reason": {"code": "1", "display": "Vaara"}, "justification": "Viivästys"}}"#).unwrap();
/// let c = marking_changes(&delayed, &Markings::default());
/// assert_eq!(c[0].aspect, MarkingAspect::OmaKanta);
/// assert_eq!(c[0].after, MarkingValue::OmaKanta(OmaKanta::Shown));
/// ```
pub fn marking_changes(before: &Markings, after: &Markings) -> Vec<MarkingChange> {
    values(before)
        .into_iter()
        .zip(values(after))
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, a)| MarkingChange {
            aspect: b.0,
            before: b.1,
            after: a.1,
        })
        .collect()
}
