//! Documents never shown in OmaKanta, decided from the structure and the service it is
//! recorded in. Reviewed data: the seed guide 002 §4.2 ("OmaKannassa jätetään näyttämättä
//! vanhemmuuden selvittämisen, turvakotipalvelun sekä lähisuhde- ja perheväkivallan
//! ehkäisytyön asiakirjat … adoptioneuvonnan asiakirjat … työntekijällä on kuitenkin
//! mahdollisuus muuttaa tätä rajausta … Lapsen huolto- ja tapaamisoikeusselvitys … jätetään
//! myös OmaKannan ulkopuolelle. Selvityksen laatimisprosessissa voidaan laatia myös
//! asiakaskertomusmerkintöjä, joita ei kuitenkaan rajata automaattisesti"). The documents
//! *of* a service are excluded, shared structures recorded in it included (issue 15): the
//! table is keyed by subject, service and title. Keep it here and nowhere else.

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

/// Service names (palvelutehtävä or sosiaalipalvelu, as a code list displays them; matched
/// lowercase, as a part of the name) whose every document is excluded. The code values of
/// these services are not in the partial code lists here, so the match is by the display
/// names of the lists the host supplies (seed 002 §4.2; issue 15).
pub const EXCLUDED_SERVICES: &[(&str, Exclusion)] = &[
    ("vanhemmuuden selvittämi", Exclusion::Parenthood),
    ("turvakoti", Exclusion::Shelter),
    ("perheväkivallan ehkäisy", Exclusion::DomesticViolence),
    ("lähisuhdeväkivallan ehkäisy", Exclusion::DomesticViolence),
    ("väkivaltatyö", Exclusion::DomesticViolence),
    ("adoptioneuvon", Exclusion::AdoptionCounselling),
];

/// Service names whose journal entries are *not* excluded automatically, but the author
/// should consider a restriction (seed 002 §4.2: "Selvityksen laatimisprosessissa voidaan
/// laatia myös asiakaskertomusmerkintöjä, joita ei kuitenkaan rajata automaattisesti pois
/// OmaKannasta. Työntekijän tuleekin tarvittaessa huolehtia näiden rajaamisesta itse.").
pub const REMINDED_SERVICES: &[&str] = &["huolto- ja tapaamisoikeus", "olosuhdeselvitys"];

/// The `documentSubject` of the structures shared by every service: their exclusion
/// depends on the service they are recorded in.
pub const SHARED_SUBJECT: &str = "sosiaalihuollon palvelutehtäville yhteiset asiakasasiakirjat";

pub(super) fn norm(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The exclusion a service's name calls for, if any.
pub fn service_exclusion(name: &str) -> Option<Exclusion> {
    let name = norm(name);
    EXCLUDED_SERVICES
        .iter()
        .find(|(x, _)| name.contains(x))
        .map(|(_, e)| *e)
}

/// Whether a service's name calls for the custody-process reminder.
pub fn service_reminds(name: &str) -> bool {
    let name = norm(name);
    REMINDED_SERVICES.iter().any(|x| name.contains(x))
}

/// Whether the structure is shared by every service (its exclusion needs the service).
pub fn is_shared(s: &Structure) -> bool {
    s.meta
        .document_subject
        .as_deref()
        .is_some_and(|x| norm(x) == SHARED_SUBJECT)
}
