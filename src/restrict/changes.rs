//! What changed in the restriction markings between an archived version and its
//! correction (issue 16: "Changing restriction markings of an archived document (lifting a
//! delay, the organiser confirming or rejecting a provider's proposal) is a new version with
//! a reason too"). PURE.

use chrono::Datelike;

use super::{Markings, OmaKanta, ProposalState};
use crate::lang::Lang;

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

impl MarkingAspect {
    /// The aspect's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MarkingAspect::SpecialContent, Lang::Fi) => "Erityissisältö",
            (MarkingAspect::SpecialContent, Lang::Sv) => "Särskilt innehåll",
            (MarkingAspect::OmaKanta, Lang::Fi) => "Näkyminen OmaKannassa",
            (MarkingAspect::OmaKanta, Lang::Sv) => "Synlighet i Mina Kanta-sidor",
            (MarkingAspect::Guardian, Lang::Fi) => "Näkyminen huoltajalle",
            (MarkingAspect::Guardian, Lang::Sv) => "Synlighet för vårdnadshavaren",
            (MarkingAspect::ExclusionLifted, Lang::Fi) => "Automaattinen rajaus purettu",
            (MarkingAspect::ExclusionLifted, Lang::Sv) => "Automatisk begränsning hävd",
        }
    }
}

/// One changed aspect: how it read before and after, in the view's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkingChange {
    /// Which aspect.
    pub aspect: MarkingAspect,
    /// Before.
    pub before: String,
    /// After.
    pub after: String,
}

use crate::lang::yes_no;

/// Each aspect of `m` in words.
fn describe(m: &Markings, lang: Lang) -> [(MarkingAspect, String); 4] {
    let sv = lang == Lang::Sv;
    let reason = |r: &Option<super::Coded>, j: &str| {
        let mut s = String::new();
        if let Some(r) = r {
            s.push_str(&format!(" ({} {})", r.code, r.display));
        }
        if !j.trim().is_empty() {
            s.push_str(&format!(": {}", j.trim()));
        }
        s
    };
    let omakanta = match &m.omakanta {
        OmaKanta::Shown => if sv { "Visas" } else { "Näytetään" }.to_string(),
        OmaKanta::Delayed {
            until,
            reason: r,
            justification,
        } => format!(
            "{} {}{}",
            if sv {
                "Visas från"
            } else {
                "Näytetään alkaen"
            },
            format_args!("{:02}.{:02}.{}", until.day(), until.month(), until.year()),
            reason(r, justification)
        ),
        OmaKanta::NotShown {
            reason: r,
            justification,
        } => format!(
            "{}{}",
            if sv { "Visas inte" } else { "Ei näytetä" },
            reason(r, justification)
        ),
    };
    let guardian = match &m.guardian {
        None => "–".to_string(),
        Some(g) => {
            let state = match g.proposal {
                ProposalState::Decided => "",
                ProposalState::Pending => {
                    if sv {
                        ", förslag väntar"
                    } else {
                        ", ehdotus odottaa"
                    }
                }
                ProposalState::Confirmed => {
                    if sv {
                        ", förslaget bekräftat"
                    } else {
                        ", ehdotus vahvistettu"
                    }
                }
                ProposalState::Rejected => {
                    if sv {
                        ", förslaget avslaget"
                    } else {
                        ", ehdotus hylätty"
                    }
                }
            };
            format!(
                "{}{state}{}",
                match (g.shown_to_guardian(), sv) {
                    (true, false) => "Näytetään",
                    (false, false) => "Ei näytetä",
                    (true, true) => "Visas",
                    (false, true) => "Visas inte",
                },
                reason(&None, &g.justification)
            )
        }
    };
    [
        (
            MarkingAspect::SpecialContent,
            yes_no(m.special_content, lang).to_string(),
        ),
        (MarkingAspect::OmaKanta, omakanta),
        (MarkingAspect::Guardian, guardian),
        (
            MarkingAspect::ExclusionLifted,
            yes_no(m.exclusion_lifted, lang).to_string(),
        ),
    ]
}

/// The aspects whose words differ between `before` and `after`.
///
/// ```
/// use sosmeta_editor::lang::Lang;
/// use sosmeta_editor::restrict::{marking_changes, MarkingAspect, Markings};
/// let delayed = Markings::from_json(r#"{"omakanta": {"display": "delayed", "until": "2027-03-01", "reason": {"code": "1", "display": "Vaara"}, "justification": "Viivästys"}}"#).unwrap();
/// let c = marking_changes(&delayed, &Markings::default(), Lang::Fi);
/// assert_eq!(c[0].aspect, MarkingAspect::OmaKanta);
/// assert_eq!((c[0].before.as_str(), c[0].after.as_str()), ("Näytetään alkaen 01.03.2027 (1 Vaara): Viivästys", "Näytetään"));
/// ```
pub fn marking_changes(before: &Markings, after: &Markings, lang: Lang) -> Vec<MarkingChange> {
    describe(before, lang)
        .into_iter()
        .zip(describe(after, lang))
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, a)| MarkingChange {
            aspect: b.0,
            before: b.1,
            after: a.1,
        })
        .collect()
}
