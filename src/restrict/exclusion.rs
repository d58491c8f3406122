//! Documents never shown in OmaKanta, decided from the structure and the service it is
//! recorded in. Reviewed data: the seed guide 002 §4.2 ("OmaKannassa jätetään näyttämättä
//! vanhemmuuden selvittämisen, turvakotipalvelun sekä lähisuhde- ja perheväkivallan
//! ehkäisytyön asiakirjat … adoptioneuvonnan asiakirjat … työntekijällä on kuitenkin
//! mahdollisuus muuttaa tätä rajausta … Lapsen huolto- ja tapaamisoikeusselvitys … jätetään
//! myös OmaKannan ulkopuolelle. Selvityksen laatimisprosessissa voidaan laatia myös
//! asiakaskertomusmerkintöjä, joita ei kuitenkaan rajata automaattisesti"). The documents
//! *of* a service are excluded, shared structures recorded in it included: the
//! table is keyed by subject, service and title. Keep it here and nowhere else.

use crate::lang::folded;
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
    /// Adoptioneuvonta (the worker may lift this: seed 002 §4.2 "työntekijällä on kuitenkin
    /// mahdollisuus muuttaa tätä rajausta").
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

    /// Only adoption counselling may be shown after the worker lifts the exclusion (seed 002
    /// §4.2: "työntekijällä on kuitenkin mahdollisuus muuttaa tätä rajausta", said of it
    /// alone).
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
        let subject = folded(subject);
        if let Some((_, e)) = EXCLUDED_SUBJECTS.iter().find(|(x, _)| folded(x) == subject) {
            return Some(*e);
        }
    }
    let title = folded(s.document_title(crate::lang::Lang::Fi));
    EXCLUDED_TITLES
        .iter()
        .find(|(x, _)| title.contains(x))
        .map(|(_, e)| *e)
}

/// What a service name (or code) means for OmaKanta display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceMeaning {
    /// Every document of the service is excluded (seed 002 §4.2).
    Excluded(Exclusion),
    /// The child custody and visiting-rights process: its journal entries are *not*
    /// excluded automatically, but the author should consider a restriction (seed 002
    /// §4.2: "Selvityksen laatimisprosessissa voidaan laatia myös asiakaskertomusmerkintöjä,
    /// joita ei kuitenkaan rajata automaattisesti pois OmaKannasta. Työntekijän tuleekin
    /// tarvittaessa huolehtia näiden rajaamisesta itse.").
    CustodyProcess,
}

/// The names of the excluded services and of the custody process, as parts of a name that
/// every spelling of it contains — Finnish with its inflected stems (turvakoti → turvakodit,
/// turvakodissa) and Swedish — from the seed (002 §4.2), the structures' own words
/// ("kun sosiaalipalvelu-luokituksesta valitaan Turvakotipalvelu" / "när Skyddshemsservice
/// väljs i klassificeringen"; the subjects "Väkivaltatyön", "Lapsen huollon ja
/// tapaamisoikeuden turvaamisen asiakasasiakirjat") and the document-type list
/// 1.2.246.537.6.1506's Swedish names ("Plan inom skyddshemsservicen", "Protokoll över
/// utredning av föräldraskap", "Utredning om vårdnad om barn och umgängesrätt"). Matched on
/// the lowercased name with its whitespace collapsed. Reviewed data, one place.
pub const SERVICE_NAMES: &[(&str, ServiceMeaning)] = &[
    // Turvakotipalvelu / skyddshemstjänst, skyddshemsservice.
    ("turvakoti", ServiceMeaning::Excluded(Exclusion::Shelter)),
    ("turvakodi", ServiceMeaning::Excluded(Exclusion::Shelter)),
    ("skyddshem", ServiceMeaning::Excluded(Exclusion::Shelter)),
    // Lähisuhde- ja perheväkivallan ehkäisytyö ("Väkivaltatyö") / förebyggande av våld i
    // nära relationer och familjevåld.
    (
        "väkivaltatyö",
        ServiceMeaning::Excluded(Exclusion::DomesticViolence),
    ),
    (
        "väkivallan ehkäis",
        ServiceMeaning::Excluded(Exclusion::DomesticViolence),
    ),
    (
        "väkivaltaa ehkäis",
        ServiceMeaning::Excluded(Exclusion::DomesticViolence),
    ),
    (
        "våld i nära relation",
        ServiceMeaning::Excluded(Exclusion::DomesticViolence),
    ),
    (
        "familjevåld",
        ServiceMeaning::Excluded(Exclusion::DomesticViolence),
    ),
    (
        "våldsarbete",
        ServiceMeaning::Excluded(Exclusion::DomesticViolence),
    ),
    // Vanhemmuuden (isyyden, äitiyden) selvittäminen / utredning av föräldraskap.
    (
        "vanhemmuuden selvit",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    (
        "isyyden selvit",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    (
        "äitiyden selvit",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    (
        "utredning av föräldraskap",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    (
        "föräldraskapsutredning",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    (
        "utredning av faderskap",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    (
        "faderskapsutredning",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    (
        "utredning av moderskap",
        ServiceMeaning::Excluded(Exclusion::Parenthood),
    ),
    // Adoptioneuvonta / adoptionsrådgivning.
    (
        "adoptioneuvon",
        ServiceMeaning::Excluded(Exclusion::AdoptionCounselling),
    ),
    (
        "adoptionsrådgivning",
        ServiceMeaning::Excluded(Exclusion::AdoptionCounselling),
    ),
    // Lapsen huollon ja tapaamisoikeuden turvaaminen; huolto- ja tapaamisoikeusselvitys
    // (olosuhdeselvitys) / vårdnad om barn och umgängesrätt.
    ("huollon ja tapaamisoikeu", ServiceMeaning::CustodyProcess),
    ("huolto- ja tapaamisoikeu", ServiceMeaning::CustodyProcess),
    ("olosuhdeselvity", ServiceMeaning::CustodyProcess),
    ("vårdnad och umgänge", ServiceMeaning::CustodyProcess),
    (
        "vårdnad om barn och umgänge",
        ServiceMeaning::CustodyProcess,
    ),
];

/// Word roots that a name of one of these services always holds: a name with a root but
/// none of [`SERVICE_NAMES`] is a near miss the matcher cannot settle ("Adoptiopalvelut",
/// "Väkivaltapalvelut", "Umgängesstöd") — a notice to the author, never a silent "show".
pub const SERVICE_ROOTS: &[&str] = &[
    "turvako",
    "skyddshem",
    "väkival",
    "våld",
    "vanhemmuu",
    "isyy",
    "äitiy",
    "föräldraskap",
    "faderskap",
    "moderskap",
    "adopti",
    "tapaamis",
    "umgänge",
    "vårdnad",
];

/// What a service's name (fi or sv, any inflection the table knows) means, if anything.
pub fn service_meaning(name: &str) -> Option<ServiceMeaning> {
    let name = folded(name);
    let found = |m: &dyn Fn(ServiceMeaning) -> bool| {
        SERVICE_NAMES
            .iter()
            .find(|(x, e)| m(*e) && name.contains(x))
            .map(|(_, e)| *e)
    };
    // An exclusion wins over the custody reminder when a name says both.
    found(&|e| matches!(e, ServiceMeaning::Excluded(_)))
        .or_else(|| found(&|e| e == ServiceMeaning::CustodyProcess))
}

/// The exclusion a service's name calls for, if any.
pub fn service_exclusion(name: &str) -> Option<Exclusion> {
    match service_meaning(name) {
        Some(ServiceMeaning::Excluded(e)) => Some(e),
        _ => None,
    }
}

/// Whether a service's name calls for the custody-process reminder.
pub fn service_reminds(name: &str) -> bool {
    service_meaning(name) == Some(ServiceMeaning::CustodyProcess)
}

/// Whether a service's name is a near miss: it holds a root of these services
/// ([`SERVICE_ROOTS`]) but the table cannot tell which, if any, it is.
pub fn service_near_miss(name: &str) -> bool {
    let n = folded(name);
    service_meaning(name).is_none() && SERVICE_ROOTS.iter().any(|r| n.contains(r))
}

/// The `documentSubject` of the structures shared by every service: their exclusion
/// depends on the service they are recorded in.
pub const SHARED_SUBJECT: &str = "sosiaalihuollon palvelutehtäville yhteiset asiakasasiakirjat";

/// Whether the structure is shared by every service (its exclusion needs the service).
pub fn is_shared(s: &Structure) -> bool {
    s.meta
        .document_subject
        .as_deref()
        .is_some_and(|x| folded(x) == SHARED_SUBJECT)
}
