//! Documents never shown in OmaKanta, decided from the structure. Reviewed data: the seed
//! guide 002 §4.2 lists paternity/parenthood determination, shelter services, prevention of
//! domestic violence, adoption counselling (the organiser may lift it) and the child
//! custody and visiting-rights report. Keep the list here and nowhere else.

use crate::model::Structure;

/// Why a structure is excluded from OmaKanta.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// Vanhemmuuden selvittäminen.
    Parenthood,
    /// Turvakotipalvelu.
    Shelter,
    /// Lähisuhde- ja perheväkivallan ehkäisytyö (the corpus calls it "Väkivaltatyö").
    DomesticViolence,
    /// Adoptioneuvonta (the organiser may lift this).
    AdoptionCounselling,
    /// Lapsen huolto- ja tapaamisoikeusselvitys (olosuhdeselvitys).
    CustodyReport,
}

impl Exclusion {
    /// Finnish name.
    pub fn text_fi(self) -> &'static str {
        match self {
            Exclusion::Parenthood => "vanhemmuuden selvittäminen",
            Exclusion::Shelter => "turvakotipalvelu",
            Exclusion::DomesticViolence => "lähisuhde- ja perheväkivallan ehkäisytyö",
            Exclusion::AdoptionCounselling => "adoptioneuvonta",
            Exclusion::CustodyReport => "huolto- ja tapaamisoikeusselvitys",
        }
    }

    /// Swedish name.
    pub fn text_sv(self) -> &'static str {
        match self {
            Exclusion::Parenthood => "utredning av föräldraskap",
            Exclusion::Shelter => "skyddshemstjänst",
            Exclusion::DomesticViolence => "förebyggande av våld i nära relationer och familjevåld",
            Exclusion::AdoptionCounselling => "adoptionsrådgivning",
            Exclusion::CustodyReport => "utredning om vårdnad och umgängesrätt",
        }
    }

    /// Only adoption counselling may be shown after the organiser lifts the exclusion.
    pub fn can_be_lifted(self) -> bool {
        self == Exclusion::AdoptionCounselling
    }
}

/// `documentSubject` values whose every document is excluded.
pub const EXCLUDED_SUBJECTS: &[(&str, Exclusion)] = &[
    (
        "Vanhemmuuden selvittämisen asiakasasiakirjat",
        Exclusion::Parenthood,
    ),
    ("Turvakotipalvelun asiakasasiakirjat", Exclusion::Shelter),
    (
        "Väkivaltatyön asiakasasiakirjat",
        Exclusion::DomesticViolence,
    ),
    (
        "Adoptioneuvonnan asiakasasiakirjat",
        Exclusion::AdoptionCounselling,
    ),
];

/// Document titles excluded whatever their subject (the custody and visiting-rights report;
/// other documents of that service area are shown).
pub const EXCLUDED_TITLES: &[(&str, Exclusion)] = &[
    (
        "huolto- ja tapaamisoikeusselvitys",
        Exclusion::CustodyReport,
    ),
    ("olosuhdeselvitys", Exclusion::CustodyReport),
];

/// The automatic exclusion of a structure, if any.
pub fn automatic_exclusion(s: &Structure) -> Option<Exclusion> {
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    if let Some(subject) = &s.meta.document_subject {
        let subject = norm(subject);
        if let Some((_, e)) = EXCLUDED_SUBJECTS.iter().find(|(x, _)| norm(x) == subject) {
            return Some(*e);
        }
    }
    let title = norm(s.document_title(crate::lang::Lang::Fi));
    EXCLUDED_TITLES
        .iter()
        .find(|(x, _)| title.contains(x))
        .map(|(_, e)| *e)
}
