//! Restriction markings and audience policy. PURE: no Yew, no I/O.
//!
//! Markings are document metadata the host writes into the CDA header (confidentiality,
//! special content, OmaKanta display, guardian disclosure). This module holds them as
//! enums, checks what the law and Kanta require of them ([`check`]), and decides what each
//! audience sees ([`audience_view`]). Facts: `../shared/DOMAIN.md`, seed guide 002 §4.2.

mod changes;
mod edit;
mod exclusion;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use changes::{marking_changes, GuardianView, MarkingAspect, MarkingChange, MarkingValue};
pub use edit::{apply_edit, DisplayChoice, MarkingEdit, CONSENT_1, DEFAULT_DELAY_DAYS, REASON_1};
pub use exclusion::{
    automatic_exclusion, is_shared, service_exclusion, service_meaning, service_near_miss,
    service_reminds, Exclusion, ServiceMeaning, EXCLUDED_SUBJECTS, SERVICE_NAMES, SERVICE_ROOTS,
};

use crate::document::{DataPath, Document, Entry, Item, PathToken, Plain};
use crate::model::{
    ContactProtection, NodeId, ProtectionSwitch, Structure, KEPT_CONTACT_PARTS, PROTECTED_DETAILS,
};

/// Code system of special content (erityissisältö), K/E.
pub const SPECIAL_CONTENT_SYSTEM: &str = "1.2.246.537.6.112.2007";
/// Code system of the OmaKanta display-restriction reason (`inaccessibleArgument`).
pub const RESTRICTION_REASON_SYSTEM: &str = "1.2.246.537.6.1288.201901";
/// Code system of the minor's decision on guardian disclosure (consent code).
pub const CONSENT_SYSTEM: &str = "1.2.246.537.6.1286.201901";

/// A coded value with its display text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coded {
    /// The code.
    pub code: String,
    /// Display text.
    #[serde(default)]
    pub display: String,
}

/// Who authors the document: the host's word, never assumed (a markings file or element
/// without one has no role, and nothing that needs a role may happen —
/// [`MarkingProblem::AuthorRoleMissing`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AuthorRole {
    /// The organiser's worker (palvelunjärjestäjä), e.g. the child's social worker.
    Organiser,
    /// A service provider (palveluntuottaja) recording into the organiser's register.
    Provider,
    /// A private service provider keeping its own client register: it decides its own
    /// restrictions (seed 002 table 1.1: "Yksityisessä sosiaalihuollossa palveluntuottaja on
    /// rekisterinpitäjä silloin, kun palvelua tuotetaan asiakkaalle keskinäisen sopimuksen
    /// perusteella").
    RegisterKeeper,
}

impl AuthorRole {
    /// The role as the files and attributes spell it (`organiser`, `provider`,
    /// `registerKeeper`).
    pub fn code(self) -> &'static str {
        match self {
            AuthorRole::Organiser => "organiser",
            AuthorRole::Provider => "provider",
            AuthorRole::RegisterKeeper => "registerKeeper",
        }
    }

    /// Whether this role decides the document's restrictions itself (the organiser, or a
    /// provider keeping its own register); a provider in the organiser's register only
    /// proposes (seed 002 §4.2).
    pub fn decides(self) -> bool {
        self != AuthorRole::Provider
    }
}

/// OmaKanta display of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "display", rename_all = "camelCase", deny_unknown_fields)]
pub enum OmaKanta {
    /// Shown to the client (the default).
    #[default]
    Shown,
    /// Shown from a date on.
    Delayed {
        /// First day it is shown.
        until: NaiveDate,
        /// Reason code (system [`RESTRICTION_REASON_SYSTEM`]).
        reason: Option<Coded>,
        /// Free-text justification (`authorizationRestrictionArgument`).
        #[serde(default)]
        justification: String,
    },
    /// Not shown at all.
    NotShown {
        /// Reason code (system [`RESTRICTION_REASON_SYSTEM`]).
        reason: Option<Coded>,
        /// Free-text justification.
        #[serde(default)]
        justification: String,
    },
}

impl OmaKanta {
    /// The reason code of a delay or a non-display (`None` when shown, or not given).
    pub fn reason(&self) -> Option<&Coded> {
        match self {
            OmaKanta::Shown => None,
            OmaKanta::Delayed { reason, .. } | OmaKanta::NotShown { reason, .. } => reason.as_ref(),
        }
    }

    /// The free-text justification of a delay or a non-display (`None` when shown).
    pub fn justification(&self) -> Option<&str> {
        match self {
            OmaKanta::Shown => None,
            OmaKanta::Delayed { justification, .. } | OmaKanta::NotShown { justification, .. } => {
                Some(justification)
            }
        }
    }
}

/// State of a "not shown to guardian" decision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProposalState {
    /// Decided by the organiser's responsible worker (or nothing to decide: disclosed).
    #[default]
    Decided,
    /// A provider's proposal waiting for the organiser.
    Pending,
    /// The organiser confirmed a provider's proposal: not shown.
    Confirmed,
    /// The organiser rejected a provider's proposal: shown.
    Rejected,
}

/// Guardian disclosure of a minor client's document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GuardianMark {
    /// Whether the document is shown to the guardian (as the author marks it).
    pub disclosed: bool,
    /// The minor's own decision (system [`CONSENT_SYSTEM`]).
    #[serde(default)]
    pub minor_decision: Option<Coded>,
    /// Justification when not disclosed.
    #[serde(default)]
    pub justification: String,
    /// Where a non-disclosure stands.
    #[serde(default)]
    pub proposal: ProposalState,
}

impl GuardianMark {
    /// Whether the guardian sees the document under this mark: disclosed, or a provider's
    /// non-disclosure proposal the organiser rejected (seed 002 §4.2: a provider only
    /// proposes; the organiser's decision stands). The one place this rule is written:
    /// the audience policy and the bundle's `effective` both read it.
    pub fn shown_to_guardian(&self) -> bool {
        self.disclosed || self.proposal == ProposalState::Rejected
    }
}

/// The service a document is recorded in, from the host (the CDA header's
/// `ep2:functionCode`, palvelutehtävä, code system [`FUNCTION_SYSTEM`](crate::FUNCTION_SYSTEM); and/or the
/// sosiaalipalvelu). Its codes (by the host's [`ServiceContext::codes`]) and its display
/// names (`SERVICE_NAMES`, fi and sv) decide the service exclusions: the codes of these
/// services are not in the partial lists here.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceContext {
    /// Palvelutehtävä, as the host's code list names it.
    #[serde(default)]
    pub function: Option<Coded>,
    /// Sosiaalipalvelu, as the host's code list names it.
    #[serde(default)]
    pub service: Option<Coded>,
    /// The host names the exclusion its service code means, when its code list has no
    /// Finnish names to match ("let the host name the codes").
    #[serde(default)]
    pub excludes: Option<ExcludedService>,
    /// What the host's service codes mean, matched before any name (palvelutehtävä and
    /// sosiaalipalvelu codes, the header's and the document's own fields alike).
    #[serde(default)]
    pub codes: Vec<ServiceCode>,
}

/// One service code the host knows the meaning of (`service.codes[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceCode {
    /// The code system's OID (e.g. 1.2.246.537.6.1222 for sosiaalipalvelu); absent: any.
    #[serde(default)]
    pub system: Option<String>,
    /// The code.
    pub code: String,
    /// What it means.
    pub means: ServiceKind,
}

/// What a service code means for OmaKanta display (`service.codes[].means`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ServiceKind {
    /// Vanhemmuuden selvittäminen.
    Parenthood,
    /// Turvakotipalvelu.
    Shelter,
    /// Lähisuhde- ja perheväkivallan ehkäisytyö.
    DomesticViolence,
    /// Adoptioneuvonta.
    AdoptionCounselling,
    /// Lapsen huollon ja tapaamisoikeuden turvaaminen (the custody process: a reminder).
    CustodyProcess,
    /// None of these: shown as usual (settles a name the matcher calls a near miss).
    Other,
}

impl ServiceKind {
    /// The meaning, `None` for [`ServiceKind::Other`].
    pub fn meaning(self) -> Option<ServiceMeaning> {
        Some(match self {
            ServiceKind::Parenthood => ServiceMeaning::Excluded(Exclusion::Parenthood),
            ServiceKind::Shelter => ServiceMeaning::Excluded(Exclusion::Shelter),
            ServiceKind::DomesticViolence => ServiceMeaning::Excluded(Exclusion::DomesticViolence),
            ServiceKind::AdoptionCounselling => {
                ServiceMeaning::Excluded(Exclusion::AdoptionCounselling)
            }
            ServiceKind::CustodyProcess => ServiceMeaning::CustodyProcess,
            ServiceKind::Other => return None,
        })
    }
}

/// An excluded service as the host names it (`service.excludes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExcludedService {
    /// Vanhemmuuden selvittäminen.
    Parenthood,
    /// Turvakotipalvelu.
    Shelter,
    /// Lähisuhde- ja perheväkivallan ehkäisytyö.
    DomesticViolence,
    /// Adoptioneuvonta.
    AdoptionCounselling,
}

impl From<ExcludedService> for Exclusion {
    fn from(e: ExcludedService) -> Exclusion {
        match e {
            ExcludedService::Parenthood => Exclusion::Parenthood,
            ExcludedService::Shelter => Exclusion::Shelter,
            ExcludedService::DomesticViolence => Exclusion::DomesticViolence,
            ExcludedService::AdoptionCounselling => Exclusion::AdoptionCounselling,
        }
    }
}

/// All restriction markings of one document: the worker's decisions, and beside them
/// ([`Markings::host`]) what the host system says of the author, the client and the service.
/// A markings file holds both, side by side (`MarkingsFile`); it is read strictly by
/// [`Markings::from_json`]'s member table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "MarkingsFile", into = "MarkingsFile")]
pub struct Markings {
    /// Special content (erityissisältö) K: never shown to the client in OmaKanta.
    #[serde(default)]
    pub special_content: bool,
    /// OmaKanta display.
    #[serde(default)]
    pub omakanta: OmaKanta,
    /// Guardian disclosure; required when the client is a minor.
    #[serde(default)]
    pub guardian: Option<GuardianMark>,
    /// The worker lifted the automatic exclusion (only adoption counselling allows it).
    #[serde(default)]
    pub exclusion_lifted: bool,
    /// What the host says (not the worker's decision): the author's role, the client's
    /// age and turvakielto, the service, the register-use right (a typed home of
    /// their own, merged with the host context by [`crate::resolve`]).
    pub host: HostFacts,
}

/// The markings file: every member side by side (the worker's decisions and the host's
/// facts), as hosts write it. Converted to and from [`Markings`] (serde's `flatten` would
/// bring its buffering into the browser build).
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MarkingsFile {
    #[serde(default)]
    special_content: bool,
    #[serde(default)]
    omakanta: OmaKanta,
    #[serde(default)]
    guardian: Option<GuardianMark>,
    #[serde(default)]
    author_role: Option<AuthorRole>,
    #[serde(default)]
    client_birth_date: Option<NaiveDate>,
    #[serde(default)]
    client_adult: bool,
    #[serde(default)]
    client_turvakielto: bool,
    #[serde(default)]
    exclusion_lifted: bool,
    #[serde(default)]
    service: Option<ServiceContext>,
    #[serde(default)]
    extended_register_right: bool,
}

impl From<MarkingsFile> for Markings {
    fn from(f: MarkingsFile) -> Markings {
        Markings {
            special_content: f.special_content,
            omakanta: f.omakanta,
            guardian: f.guardian,
            exclusion_lifted: f.exclusion_lifted,
            host: HostFacts {
                author_role: f.author_role,
                client_birth_date: f.client_birth_date,
                client_adult: f.client_adult,
                client_turvakielto: f.client_turvakielto,
                service: f.service,
                extended_register_right: f.extended_register_right,
            },
        }
    }
}

impl From<Markings> for MarkingsFile {
    fn from(m: Markings) -> MarkingsFile {
        MarkingsFile {
            special_content: m.special_content,
            omakanta: m.omakanta,
            guardian: m.guardian,
            author_role: m.host.author_role,
            client_birth_date: m.host.client_birth_date,
            client_adult: m.host.client_adult,
            client_turvakielto: m.host.client_turvakielto,
            exclusion_lifted: m.exclusion_lifted,
            service: m.host.service,
            extended_register_right: m.host.extended_register_right,
        }
    }
}

/// What the host system says of one document's author, client and service: facts the
/// worker does not decide. Resolved with the host context once
/// ([`crate::resolve`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostFacts {
    /// The author's role, from the host; `None` when the host has not said it (the least
    /// privilege: no decision that needs a role).
    pub author_role: Option<AuthorRole>,
    /// The client's birth date, when the host knows it (else read from the document).
    pub client_birth_date: Option<NaiveDate>,
    /// The host says every client of the document is an adult (its client register knows
    /// it). Without this, a birth date or a valid henkilötunnus, a client's age is unknown
    /// and the document is treated as a possible minor's.
    pub client_adult: bool,
    /// The client has turvakielto in the population register (the host knows; most
    /// structures have no switch for it): the client's municipality and contact details
    /// are redacted as the switch would (`turvakielto_redactions`).
    pub client_turvakielto: bool,
    /// The service the document is recorded in (host context).
    pub service: Option<ServiceContext>,
    /// The provider holds the extended register-use right (laaja rekisterinkäyttöoikeus,
    /// seed 002 §3.3: "Toistaiseksi ainoa toimintamalli koskee turvakotipalvelua … palveluntuottaja
    /// hoitaa joitakin palvelunjärjestäjän tehtäviä, jotka liittyvät asiakkuuden- ja
    /// asianhallinnan dokumentointiin"): it may then write the asiakkuusasiakirja.
    pub extended_register_right: bool,
}

/// A markings file that cannot be used: where ([`crate::json::InputError::pointer`]) and
/// what.
pub type MarkingsError = crate::json::InputError<MarkingsErrorKind>;

/// What makes a markings file unusable.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkingsErrorKind {
    /// Occurs when the text is not strict JSON.
    Json {
        /// What the strict reader found.
        error: crate::json::JsonError,
    },
    /// Occurs when the file is not a markings file: an unknown member, a wrong type or a
    /// value out of its set.
    NotMarkings {
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for MarkingsErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkingsErrorKind::Json { error } => write!(f, "{error}"),
            MarkingsErrorKind::NotMarkings { reason } => {
                write!(f, "not a markings file: {reason}")
            }
        }
    }
}

/// The members of a markings file at every level (see [`crate::json::Members`]).
const MARKINGS_MEMBERS: crate::json::Members = {
    use crate::json::Members::{Any, Object};
    const CODED: crate::json::Members = Object(&[("code", Any), ("display", Any)]);
    Object(&[
        ("specialContent", Any),
        (
            "omakanta",
            Object(&[
                ("display", Any),
                ("until", Any),
                ("reason", CODED),
                ("justification", Any),
            ]),
        ),
        (
            "guardian",
            Object(&[
                ("disclosed", Any),
                ("minorDecision", CODED),
                ("justification", Any),
                ("proposal", Any),
            ]),
        ),
        ("authorRole", Any),
        ("clientBirthDate", Any),
        ("clientAdult", Any),
        ("clientTurvakielto", Any),
        ("exclusionLifted", Any),
        ("extendedRegisterRight", Any),
        (
            "service",
            Object(&[
                ("function", CODED),
                ("service", CODED),
                ("excludes", Any),
                ("codes", Any),
            ]),
        ),
    ])
};

impl Markings {
    /// Reads a markings file (JSON). Strict at every level: duplicate keys, unknown keys
    /// (`minordecision` for `minorDecision`) and arrays where an object belongs (`[]`,
    /// `[true]`) are errors with the pointer — a marking is never dropped on the way.
    pub fn from_json(text: &str) -> Result<Markings, MarkingsError> {
        let v = crate::json::parse(text).map_err(|e| {
            MarkingsError::new(e.pointer.clone(), MarkingsErrorKind::Json { error: e })
        })?;
        if let Some((pointer, reason)) = crate::json::unknown_member(&v, &MARKINGS_MEMBERS) {
            return Err(MarkingsError::new(
                pointer,
                MarkingsErrorKind::NotMarkings { reason },
            ));
        }
        Markings::deserialize(&v).map_err(|e| {
            // A type serde refuses: the member it is in is the pointer.
            let pointer = crate::json::first_unreadable_member::<Markings>(&v);
            MarkingsError::new(
                pointer,
                MarkingsErrorKind::NotMarkings {
                    reason: e.to_string(),
                },
            )
        })
    }
}

/// Whom a preview is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Audience {
    /// A social-welfare professional.
    Professional,
    /// The client in OmaKanta.
    Client,
    /// The guardian of a minor client in OmaKanta.
    Guardian,
}

/// Why an audience sees nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HiddenReason {
    /// The structure's subject is never shown in OmaKanta.
    Excluded(Exclusion),
    /// Special content (erityissisältö).
    SpecialContent,
    /// Marked not shown in OmaKanta.
    NotShown,
    /// Delayed: shown from this date.
    Delayed(NaiveDate),
    /// Not shown to the guardian (pending: a provider's proposal not yet decided).
    NotForGuardian {
        /// A provider's proposal waiting for the organiser.
        pending: bool,
    },
    /// The guardian mark is missing.
    GuardianMarkMissing,
    /// The client is not a minor on the document date: no guardian view.
    ClientNotMinor,
    /// A client's age cannot be told (a henkilötunnus that fails its check): the guardian
    /// sees nothing until it is corrected or the host gives the birth date.
    ClientAgeUnknown,
}

/// What an audience sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AudienceView {
    /// Nothing, for this reason.
    Hidden(HiddenReason),
    /// The document, without these fields (turvakielto redactions).
    Shown {
        /// Field paths not shown.
        redacted: Vec<DataPath>,
    },
}

/// A problem with the markings. Error level: no signed-ready bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkingProblem {
    /// The client is a minor on the document date and the guardian mark is missing.
    GuardianMarkMissing,
    /// Non-disclosure to the guardian without a justification.
    GuardianJustificationMissing,
    /// A provider marked a decision only the organiser can make.
    ProviderCannotDecide,
    /// An organiser left a provider's proposal pending on its own document.
    OrganiserMustDecide,
    /// A delay or non-display without a reason code.
    ReasonMissing,
    /// A delay or non-display without a justification.
    JustificationMissing,
    /// A delay date that is not in the future.
    DelayNotInFuture,
    /// The exclusion was marked lifted, but only adoption counselling's may be (seed 002
    /// §4.2: "työntekijällä on kuitenkin mahdollisuus muuttaa tätä rajausta" is said of
    /// adoption counselling alone).
    ExclusionNotLiftable,
    /// A provider writing the client-relationship document (asiakkuusasiakirja), which the
    /// organiser keeps (seed 002 §4.1.2: "Palveluntuottaja ei voi itse päivittää tietoja
    /// asiakkuusasiakirjalle"; §4.1.1: the provider cannot close a case or end the client
    /// relationship) — unless the host states the extended register-use right.
    ProviderCannotKeepClientRecord,
    /// "Not shown" without special content: the header has no other element for permanent
    /// non-display (seed 002 §4.2: "asiakirjan voi jättää pysyvästi näyttämättä käyttämällä
    /// erityissisältömerkintää").
    NotShownWithoutSpecialContent,
    /// The minor's consent code 1 ("voidaan luovuttaa huoltajille … koska alaikäinen ei
    /// kiellä") with a document not disclosed to the guardian: the header would contradict
    /// itself (`authorization/consent/code` against the non-disclosure).
    ConsentContradictsNonDisclosure,
    /// A provider's non-disclosure proposal still pending: the CDA header has no element
    /// for a proposal, so a signed-ready bundle cannot say it; the organiser decides first.
    ProposalNotInHeader,
    /// The host has not said the author's role, and the markings need one (a non-disclosure
    /// to the guardian or a decision on a proposal, a lifted exclusion, the client record):
    /// the least privilege, never the organiser's by default.
    AuthorRoleMissing,
    /// A minor's document without the coded guardian decision the header's
    /// `authorization/consent/code` (system [`CONSENT_SYSTEM`]) carries: disclosed — code 1,
    /// "voidaan luovuttaa huoltajille … koska alaikäinen ei kiellä", or the host's code;
    /// not disclosed — the host's code for the minor's refusal.
    ConsentCodeMissing,
    /// The document is excluded by the service it is recorded in (the host's sosiaalipalvelu
    /// or the document's own service field), but the header's `functionCode` names another
    /// service: the archived header would not say the exclusion. Record the document under
    /// the excluded service's palvelutehtävä (or correct the service).
    ExclusionNotInHeader,
}

impl MarkingProblem {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            MarkingProblem::GuardianMarkMissing => "guardian-mark-missing",
            MarkingProblem::GuardianJustificationMissing => "guardian-justification-missing",
            MarkingProblem::ProviderCannotDecide => "provider-cannot-decide",
            MarkingProblem::OrganiserMustDecide => "organiser-must-decide",
            MarkingProblem::ReasonMissing => "restriction-reason-missing",
            MarkingProblem::JustificationMissing => "restriction-justification-missing",
            MarkingProblem::DelayNotInFuture => "delay-not-in-future",
            MarkingProblem::ExclusionNotLiftable => "exclusion-not-liftable",
            MarkingProblem::ProviderCannotKeepClientRecord => "provider-cannot-keep-client-record",
            MarkingProblem::NotShownWithoutSpecialContent => "not-shown-without-special-content",
            MarkingProblem::ConsentContradictsNonDisclosure => "consent-contradicts-non-disclosure",
            MarkingProblem::ProposalNotInHeader => "proposal-not-in-header",
            MarkingProblem::AuthorRoleMissing => "author-role-missing",
            MarkingProblem::ConsentCodeMissing => "guardian-consent-code-missing",
            MarkingProblem::ExclusionNotInHeader => "exclusion-not-in-header",
        }
    }
}

impl fmt::Display for MarkingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MarkingProblem::GuardianMarkMissing => "the client is a minor, or the age is not known: mark whether the document is shown to the guardian",
            MarkingProblem::GuardianJustificationMissing => "not shown to the guardian: a justification is required",
            MarkingProblem::ProviderCannotDecide => "a service provider can only propose non-disclosure to the guardian; the organiser decides",
            MarkingProblem::OrganiserMustDecide => "the organiser's worker decides: confirm or reject, not pending",
            MarkingProblem::ReasonMissing => "a delayed or hidden document needs a reason code",
            MarkingProblem::JustificationMissing => "a delayed or hidden document needs a justification",
            MarkingProblem::DelayNotInFuture => "the delay date must be in the future",
            MarkingProblem::ExclusionNotLiftable => "only adoption counselling's exclusion from OmaKanta can be lifted",
            MarkingProblem::ProviderCannotKeepClientRecord => "a service provider cannot create or change the client-relationship document (asiakkuusasiakirja) or close the case; the organiser does (unless the host states the extended register-use right)",
            MarkingProblem::NotShownWithoutSpecialContent => "a document not shown in OmaKanta at all is marked with special content (erityissisältö K): the header has no other element for it",
            MarkingProblem::ConsentContradictsNonDisclosure => "the minor's consent code 1 says the document may be disclosed to the guardians: it cannot go with a non-disclosure",
            MarkingProblem::ProposalNotInHeader => "a pending proposal not to show the document to the guardian has no place in the archive header: the organiser decides before the document is archived",
            MarkingProblem::AuthorRoleMissing => "the host has not said the author's role (organiser, provider, registerKeeper): a decision that needs a role cannot be made",
            MarkingProblem::ConsentCodeMissing => "a minor's document needs the coded guardian decision for the header (authorization/consent/code, system 1.2.246.537.6.1286.201901)",
            MarkingProblem::ExclusionNotInHeader => "the document is excluded from OmaKanta by the service it is recorded in, but the header's palvelutehtävä (functionCode) names another service: the archived header would not say the exclusion",
        })
    }
}

/// A henkilötunnus's birth date, when the code passes the full check ([`crate::hetu`]).
pub fn hetu_birth_date(hetu: &str) -> Option<NaiveDate> {
    crate::hetu::birth_date(hetu).ok()
}

fn full_date(t: &str) -> Option<NaiveDate> {
    crate::time::parse_ymd(t)
}

/// What the document tells of one client's birth date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientBirth {
    /// From a valid henkilötunnus, else a full birth date.
    Known(NaiveDate),
    /// A henkilötunnus is given but fails its check: the age is unknown.
    InvalidHetu,
    /// Neither is given.
    NotGiven,
}

/// The birth of every client (each item of the document's `asiakas` group), in order.
pub fn client_births(s: &Structure, doc: &Document) -> Vec<ClientBirth> {
    let Some((asiakas, items)) = client_items(s, doc) else {
        return Vec::new();
    };
    let birth_node = s.child_by_key(asiakas, "syntymaaika");
    items
        .iter()
        .map(|item| {
            let Item::Group(g) = item else {
                return ClientBirth::NotGiven;
            };
            if let Some(t) = client_hetu(s, asiakas, g) {
                return match crate::hetu::birth_date(t) {
                    Ok(d) => ClientBirth::Known(d),
                    Err(_) => ClientBirth::InvalidHetu,
                };
            }
            match birth_node.and_then(|b| g.get(b)) {
                Some(Entry::One(Item::Plain(Plain::Text(t)))) => {
                    full_date(t).map_or(ClientBirth::NotGiven, ClientBirth::Known)
                }
                _ => ClientBirth::NotGiven,
            }
        })
        .collect()
}

/// The client's birth date: the host's, else the first client's valid henkilötunnus, else
/// that client's full birth date in the document.
pub fn client_birth_date(
    s: &Structure,
    doc: &Document,
    host: Option<NaiveDate>,
) -> Option<NaiveDate> {
    if host.is_some() {
        return host;
    }
    match client_births(s, doc).first() {
        Some(ClientBirth::Known(d)) => Some(*d),
        _ => None,
    }
}

/// What is known of the clients' age on the document date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientAge {
    /// A client is under 18 (any of them, in any order).
    Minor,
    /// No client is known to be a minor, but one's age cannot be told (an invalid
    /// henkilötunnus, or a client with neither henkilötunnus nor birth date): treated as a
    /// possible minor — the guardian mark is required and the guardian sees nothing.
    PossiblyMinor,
    /// Every client is known to be an adult (or the host says so).
    Adult,
    /// The document has no client at all and the host gave no age: also treated as a
    /// possible minor's document ("an unknown age is not an adult").
    Unknown,
}

/// The clients' age on the document date ([`client_age_on`]).
pub fn client_age(s: &Structure, doc: &Document, m: &Markings, today: NaiveDate) -> ClientAge {
    client_age_on(s, doc, m, document_date(s, doc, today))
}

/// The clients' age on `on`. Every client counts (seed 002 §4.2: "palveluntuottajan tulee
/// merkitä jokaiseen laatimaansa asiakirjaan, näytetäänkö asiakirjaa huoltajalle" for a
/// minor client — a minor listed after an adult is still a minor, whatever the host says of
/// its client); the host's word adds what the document does not tell, and a client whose
/// age nobody tells makes the age not known (107 structures have a repeatable `asiakas`;
/// an unknown age is not an adult).
pub fn client_age_on(s: &Structure, doc: &Document, m: &Markings, on: NaiveDate) -> ClientAge {
    age_of(&client_births(s, doc), m, on)
}

/// [`client_age_on`] of births already read. Every client counts, the host's word among
/// them: a minor anywhere (the document's clients or the host's birth date) makes the
/// document a minor's; the host's adult statement (`clientBirthDate` of an adult, or
/// `clientAdult`) adds what the document does not tell (clients of unknown age) but never
/// outweighs a document client who is a minor — that contradiction is said
/// ([`Notice::HostAgeContradicted`]) and decided for the child's safety.
fn age_of(births: &[ClientBirth], m: &Markings, on: NaiveDate) -> ClientAge {
    let document_minor = births
        .iter()
        .any(|b| matches!(b, ClientBirth::Known(d) if is_minor(*d, on)));
    let host_minor = m.host.client_birth_date.is_some_and(|b| is_minor(b, on));
    if document_minor || host_minor {
        ClientAge::Minor
    } else if host_says_adult(m, on) {
        ClientAge::Adult
    } else if births.is_empty() {
        ClientAge::Unknown
    } else if births.iter().all(|b| matches!(b, ClientBirth::Known(_))) {
        ClientAge::Adult
    } else {
        ClientAge::PossiblyMinor
    }
}

/// Whether the host says the client is an adult on `on`.
fn host_says_adult(m: &Markings, on: NaiveDate) -> bool {
    m.host.client_birth_date.is_some_and(|b| !is_minor(b, on))
        || (m.host.client_adult && m.host.client_birth_date.is_none())
}

/// Whether the host's adult statement is contradicted by a document client who is a minor
/// on `on`.
fn host_age_contradicted(births: &[ClientBirth], m: &Markings, on: NaiveDate) -> bool {
    (m.host.client_adult || m.host.client_birth_date.is_some_and(|b| !is_minor(b, on)))
        && births
            .iter()
            .any(|b| matches!(b, ClientBirth::Known(d) if is_minor(*d, on)))
}

/// The henkilötunnus of every client (`asiakas` item) of the document that gives one,
/// uppercased and trimmed, in order.
pub fn client_identifiers(s: &Structure, doc: &Document) -> Vec<String> {
    let Some((asiakas, items)) = client_items(s, doc) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Item::Group(g) => client_hetu(s, asiakas, g).map(|t| t.trim().to_uppercase()),
            _ => None,
        })
        .collect()
}

/// The document's client node (`asiakas`) and its items.
fn client_items<'d>(s: &Structure, doc: &'d Document) -> Option<(NodeId, &'d [Item])> {
    let asiakas = s.child_by_key(s.document_node(), "asiakas")?;
    Some((asiakas, doc.body(s)?.get(asiakas)?.items()))
}

/// One client's henkilötunnus as written (a Tunnus's `value`, or plain text), when given.
fn client_hetu<'g>(
    s: &Structure,
    asiakas: NodeId,
    g: &'g crate::document::Group,
) -> Option<&'g str> {
    let h = s.child_by_key(asiakas, "henkilotunnus")?;
    let text = match g.get(h)? {
        Entry::One(Item::Parts(p)) => p.by_key(s, h, "value").and_then(Plain::as_text),
        Entry::One(Item::Plain(Plain::Text(t))) => Some(t.as_str()),
        _ => None,
    }?;
    Some(text).filter(|t| !t.trim().is_empty())
}

/// The document's date: its top-level `paivamaara` (full date), else today.
pub fn document_date(s: &Structure, doc: &Document, today: NaiveDate) -> NaiveDate {
    let found = (|| {
        let p = s.child_by_key(s.document_node(), "paivamaara")?;
        match doc.body(s)?.get(p)? {
            Entry::One(Item::Plain(Plain::Text(t))) => full_date(t),
            _ => None,
        }
    })();
    found.unwrap_or(today)
}

/// True when someone born on `birth` is under 18 on `on`.
pub fn is_minor(birth: NaiveDate, on: NaiveDate) -> bool {
    let eighteenth = NaiveDate::from_ymd_opt(birth.year() + 18, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(birth.year() + 18, 3, 1))
        .unwrap_or(birth);
    on < eighteenth
}

/// Whether a client is a minor on the document date (`None`: unknown or possibly minor;
/// see [`client_age`]).
pub fn client_is_minor(
    s: &Structure,
    doc: &Document,
    m: &Markings,
    today: NaiveDate,
) -> Option<bool> {
    client_age(s, doc, m, today).is_minor()
}

impl ClientAge {
    /// `Some(true)` for a minor, `Some(false)` for an adult, `None` when not known
    /// (unknown or possibly a minor).
    pub fn is_minor(self) -> Option<bool> {
        match self {
            ClientAge::Minor => Some(true),
            ClientAge::Adult => Some(false),
            ClientAge::PossiblyMinor | ClientAge::Unknown => None,
        }
    }

    /// Whether the guardian mark is required: unless every client is known to be an adult
    /// (safe side, issues 12 and 15).
    pub fn needs_guardian_mark(self) -> bool {
        self != ClientAge::Adult
    }
}

/// What the markings are judged by, computed once per change of the document or the
/// markings ([`Facts::of`]); `problems` and `view` read it without walking the
/// document again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Today (the host's, or Finland's read at the edge).
    pub today: NaiveDate,
    /// The document's date (`document_date`).
    pub document_date: NaiveDate,
    /// The clients' age on the document date (`client_age`).
    pub age: ClientAge,
    /// The clients' age today, the viewing date: a guardian sees nothing of a client who
    /// is 18 today, whatever the document's date (`client_age_on`).
    pub age_today: ClientAge,
    /// The document's automatic OmaKanta exclusion: by the structure's subject or title, or
    /// by the service it is recorded in (`exclusion_of`).
    pub exclusion: Option<Exclusion>,
    /// Where the exclusion was found (what the header can say of it).
    pub exclusion_source: Option<ExclusionSource>,
    /// What the header's `functionCode` means (`function_code_meaning`).
    pub function_meaning: Option<ServiceMeaning>,
    /// What the author is told beside the markings (`exclusion_of`); never blocks.
    pub notices: Vec<Notice>,
    /// The structure is the client-relationship document the organiser keeps
    /// (`is_client_record`).
    pub client_record: bool,
    /// Fields turvakielto hides (`turvakielto_redactions`).
    pub redactions: Vec<DataPath>,
}

impl Facts {
    /// The facts of `doc` under the host context in `m` on `today`.
    pub fn of(s: &Structure, doc: &Document, m: &Markings, today: NaiveDate) -> Facts {
        let function_meaning = function_code_meaning(m);
        let (exclusion, mut notices) = exclusion_with(s, doc, m, function_meaning);
        // The document's date and the clients' births, each read once.
        let document_date = document_date(s, doc, today);
        let births = client_births(s, doc);
        if host_age_contradicted(&births, m, document_date) {
            notices.push(Notice::HostAgeContradicted);
        }
        Facts {
            today,
            document_date,
            exclusion_source: exclusion.map(|e| e.1),
            exclusion: exclusion.map(|e| e.0),
            function_meaning,
            age: age_of(&births, m, document_date),
            age_today: age_of(&births, m, today),
            notices,
            client_record: is_client_record(s),
            redactions: turvakielto_redactions(s, doc, m),
        }
    }
}

/// Whether `s` is the asia- ja asiakkuusasiakirja (subject "Asia- ja asiakkuusasiakirja"):
/// the organiser's document (seed 002 §4.1.1).
pub fn is_client_record(s: &Structure) -> bool {
    s.meta
        .document_subject
        .as_deref()
        .is_some_and(|x| crate::lang::folded(x) == "asia- ja asiakkuusasiakirja")
}

/// What the author is told about OmaKanta display beside the markings (never a blocker).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A structure every service shares, and no service is known (neither the host's nor a
    /// field of the document): whether OmaKanta excludes it depends on the service.
    ServiceUnknown,
    /// Recorded in the custody and visiting-rights process: not excluded automatically,
    /// consider a restriction (seed 002 §4.2).
    ConsiderRestriction,
    /// A service name the matcher cannot settle (`service_near_miss`): it holds a root of
    /// an excluded service's name but none of its names. The document is shown unless the
    /// author restricts it, or the host names the code ([`ServiceContext::codes`]).
    ServiceUncertain {
        /// The name as given.
        name: String,
    },
    /// The host says something of the client that the document contradicts (a birth date
    /// or `clientAdult` against a document client who is a minor): the document's word is
    /// taken for the child's safety.
    HostAgeContradicted,
}

/// One service a document is recorded in, with its code when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedService {
    /// The code system (as written: `urn:oid:…` or a bare OID), when known.
    pub system: Option<String>,
    /// The code, when known.
    pub code: Option<String>,
    /// The display name.
    pub name: String,
}

/// The services the document's own fields say it is recorded in
/// ([`Structure::document_service_nodes`]): never the services a document merely lists.
pub fn document_services(s: &Structure, doc: &Document) -> Vec<NamedService> {
    let mut out = Vec::new();
    for id in s.document_service_nodes() {
        let Some(parent) = s.node(id).parent else {
            continue;
        };
        for (_, g) in crate::document::group_instances(s, doc, parent) {
            for it in g.get(id).map(Entry::items).unwrap_or_default() {
                if let Item::Parts(p) = it {
                    let text = |k| {
                        p.by_key(s, id, k)
                            .and_then(Plain::as_text)
                            .map(str::to_string)
                    };
                    out.push(NamedService {
                        system: text("system"),
                        code: text("code"),
                        name: text("display").unwrap_or_default(),
                    });
                }
            }
        }
    }
    out
}

/// Where the document's automatic exclusion was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExclusionSource {
    /// The structure's subject or title: the header's `contentSpecificationId` says it.
    Structure,
    /// The palvelutehtävä: the header's `functionCode` says it.
    FunctionCode,
    /// The host's sosiaalipalvelu, or the document's own service fields: the header's
    /// `functionCode` does not say it by itself.
    Service,
}

fn bare_oid(system: &str) -> &str {
    system.trim().trim_start_matches("urn:oid:")
}

/// What one service means: the host's code table first (by code and system), then its
/// names (fi and sv).
fn meaning_of(codes: &[ServiceCode], svc: &NamedService) -> Option<ServiceMeaning> {
    let by_code = svc.code.as_deref().and_then(|code| {
        codes.iter().find(|c| {
            c.code.trim() == code.trim()
                && c.system.as_deref().is_none_or(|want| {
                    svc.system.as_deref().is_none_or(|have| {
                        let (want, have) = (bare_oid(want), bare_oid(have));
                        have == want || have.starts_with(&format!("{want}."))
                    })
                })
        })
    });
    match by_code {
        Some(c) => c.means.meaning(),
        None => service_meaning(&svc.name),
    }
}

/// The document's automatic exclusion, where it was found, and the author's notices: the
/// structure's subject or title first ([`automatic_exclusion`]), then the service — the
/// host's palvelutehtävä (its code by [`ServiceContext::codes`], `excludes`, or its name),
/// its sosiaalipalvelu, then the document's own service fields (seed 002 §4.2: the documents
/// *of* these services, shared structures recorded in them included).
pub fn exclusion_of(
    s: &Structure,
    doc: &Document,
    m: &Markings,
) -> (Option<(Exclusion, ExclusionSource)>, Vec<Notice>) {
    exclusion_with(s, doc, m, function_code_meaning(m))
}

/// [`exclusion_of`] with the palvelutehtävä's meaning already found.
fn exclusion_with(
    s: &Structure,
    doc: &Document,
    m: &Markings,
    function_meaning: Option<ServiceMeaning>,
) -> (Option<(Exclusion, ExclusionSource)>, Vec<Notice>) {
    let ctx = m.host.service.as_ref();
    let codes: &[ServiceCode] = ctx.map(|c| c.codes.as_slice()).unwrap_or_default();
    let function = ctx
        .and_then(|c| c.function.as_ref())
        .map(|c| host_service(c, crate::context::FUNCTION_SYSTEM));
    let mut services: Vec<NamedService> = ctx
        .and_then(|c| c.service.as_ref())
        .map(|c| host_service(c, "1.2.246.537.6.1222"))
        .into_iter()
        .collect();
    services.extend(document_services(s, doc));
    let excluded = |m: Option<ServiceMeaning>| match m {
        Some(ServiceMeaning::Excluded(e)) => Some(e),
        _ => None,
    };
    let exclusion = automatic_exclusion(s)
        .map(|e| (e, ExclusionSource::Structure))
        .or_else(|| excluded(function_meaning).map(|e| (e, ExclusionSource::FunctionCode)))
        .or_else(|| {
            services
                .iter()
                .find_map(|x| excluded(meaning_of(codes, x)))
                .map(|e| (e, ExclusionSource::Service))
        });
    let mut notices = Vec::new();
    if exclusion.is_none() {
        let all: Vec<&NamedService> = function.iter().chain(services.iter()).collect();
        if is_shared(s)
            && all
                .iter()
                .all(|x| x.name.trim().is_empty() && x.code.is_none())
        {
            notices.push(Notice::ServiceUnknown);
        }
        if all
            .iter()
            .any(|x| meaning_of(codes, x) == Some(ServiceMeaning::CustodyProcess))
        {
            notices.push(Notice::ConsiderRestriction);
        }
        for x in all {
            let settled = x
                .code
                .as_deref()
                .is_some_and(|code| codes.iter().any(|c| c.code.trim() == code.trim()));
            if !settled && service_near_miss(&x.name) {
                notices.push(Notice::ServiceUncertain {
                    name: x.name.clone(),
                });
            }
        }
    }
    (exclusion, notices)
}

/// What the header's `functionCode` means (the host's palvelutehtävä): its code by the
/// host's table, the host's `excludes`, or its name.
pub fn function_code_meaning(m: &Markings) -> Option<ServiceMeaning> {
    let ctx = m.host.service.as_ref()?;
    if let Some(e) = ctx.excludes {
        return Some(ServiceMeaning::Excluded(e.into()));
    }
    let f = ctx.function.as_ref()?;
    meaning_of(&ctx.codes, &host_service(f, crate::context::FUNCTION_SYSTEM))
}

/// A service the host names (its code, empty as none, in `system`).
fn host_service(c: &Coded, system: &str) -> NamedService {
    NamedService {
        system: Some(system.to_string()),
        code: Some(c.code.clone()).filter(|x| !x.trim().is_empty()),
        name: c.display.clone(),
    }
}

/// What the law and Kanta require of the markings (see [`problems`]).
pub fn check(s: &Structure, doc: &Document, m: &Markings, today: NaiveDate) -> Vec<MarkingProblem> {
    problems(&Facts::of(s, doc, m, today), m)
}

/// What the law and Kanta require of the markings, judged by the document's facts: a
/// delay or non-display needs a reason code and a justification (DOMAIN.md, restriction
/// markings; Kanta sample `inaccessibleArgument` / `authorizationRestrictionArgument`), a
/// delay lies in the future, a minor's document carries the guardian mark and a
/// non-disclosure its justification, and only the organiser decides (seed 002 §4.2).
pub fn problems(facts: &Facts, m: &Markings) -> Vec<MarkingProblem> {
    let today = facts.today;
    let mut out = Vec::new();
    match &m.omakanta {
        OmaKanta::Shown => {}
        OmaKanta::Delayed {
            until,
            reason,
            justification,
        } => {
            if *until <= today {
                out.push(MarkingProblem::DelayNotInFuture);
            }
            if reason.as_ref().is_none_or(|r| r.code.trim().is_empty()) {
                out.push(MarkingProblem::ReasonMissing);
            }
            if justification.trim().is_empty() {
                out.push(MarkingProblem::JustificationMissing);
            }
        }
        OmaKanta::NotShown {
            reason,
            justification,
        } => {
            if reason.as_ref().is_none_or(|r| r.code.trim().is_empty()) {
                out.push(MarkingProblem::ReasonMissing);
            }
            if justification.trim().is_empty() {
                out.push(MarkingProblem::JustificationMissing);
            }
        }
    }
    if m.exclusion_lifted && facts.exclusion.is_some_and(|e| !e.can_be_lifted()) {
        out.push(MarkingProblem::ExclusionNotLiftable);
    }
    let role = m.host.author_role;
    if facts.client_record && role == Some(AuthorRole::Provider) && !m.host.extended_register_right
    {
        out.push(MarkingProblem::ProviderCannotKeepClientRecord);
    }
    // Without the host's word on the role, nothing that needs one (seed 002 §4.1–4.2: who
    // keeps the client record, who decides non-disclosure to the guardian, who lifts an
    // exclusion).
    let needs_role = facts.client_record
        || m.exclusion_lifted
        || m.guardian
            .as_ref()
            .is_some_and(|g| !g.disclosed || g.proposal != ProposalState::Decided);
    if role.is_none() && needs_role {
        out.push(MarkingProblem::AuthorRoleMissing);
    }
    // An exclusion found from the service the document is recorded in, which the header's
    // `functionCode` does not say: the archived header would not carry it (seed 002 §4.2).
    let header_names_function = m
        .host
        .service
        .as_ref()
        .is_some_and(|c| c.function.is_some() || c.excludes.is_some());
    if facts.exclusion_source == Some(ExclusionSource::Service)
        && header_names_function
        && facts.function_meaning != facts.exclusion.map(ServiceMeaning::Excluded)
    {
        out.push(MarkingProblem::ExclusionNotInHeader);
    }
    // What the CDA header cannot say is refused (the Kanta sample's header).
    if matches!(m.omakanta, OmaKanta::NotShown { .. }) && !m.special_content {
        out.push(MarkingProblem::NotShownWithoutSpecialContent);
    }
    if let Some(g) = &m.guardian {
        if !g.shown_to_guardian()
            && g.minor_decision
                .as_ref()
                .is_some_and(|c| c.code.trim() == "1")
        {
            out.push(MarkingProblem::ConsentContradictsNonDisclosure);
        }
    }
    let minor = facts.age.needs_guardian_mark();
    match &m.guardian {
        None if minor => out.push(MarkingProblem::GuardianMarkMissing),
        None => {}
        Some(g) => {
            if !g.disclosed && g.justification.trim().is_empty() {
                out.push(MarkingProblem::GuardianJustificationMissing);
            }
            // The header's `authorization/consent/code` carries the decision (the Kanta
            // sample): a minor's document without it would go out with no mark at all.
            if minor
                && g.minor_decision
                    .as_ref()
                    .is_none_or(|c| c.code.trim().is_empty())
            {
                out.push(MarkingProblem::ConsentCodeMissing);
            }
            let Some(role) = role else {
                return out;
            };
            match (role.decides(), g.disclosed, g.proposal) {
                // A provider's non-disclosure is only a proposal, and a pending proposal has
                // no element in the header: the organiser decides first.
                (false, false, ProposalState::Pending) => {
                    out.push(MarkingProblem::ProposalNotInHeader)
                }
                (false, false, _) => out.push(MarkingProblem::ProviderCannotDecide),
                (false, true, ProposalState::Decided) => {}
                (false, true, _) => out.push(MarkingProblem::ProviderCannotDecide),
                // The organiser, or a provider keeping its own register, decides.
                (true, _, ProposalState::Pending) => out.push(MarkingProblem::OrganiserMustDecide),
                (true, _, _) => {}
            }
        }
    }
    out
}

/// Paths of the fields turvakielto and secret contact details hide in this document, each
/// group by the rule its own switch's words give ([`Structure::protection_switches`],
/// [`ContactProtection`]):
/// - 1505.1's client note keeps the phone number and the contact address and hides the
///   municipality, the temporary municipality and the other contact details;
/// - every other switch that is on (1505.1's related persons, whose details are not
///   recorded at all; the generic "turvakiellon suojaamat tiedot" of the other structures;
///   `salaiset_yhteystiedot`) hides the municipality and every contact detail;
/// - the host's `clientTurvakielto` (population register) works on every client
///   (`asiakas`) item as the client group's own switch would, or — where the structure has
///   none — as [`ContactProtection::Protected`].
///
/// The display form goes to others (a guardian, other units), so the fields are hidden from
/// it for everyone: the safe side (docs/restrictions.md, "Turvakielto").
pub fn turvakielto_redactions(s: &Structure, doc: &Document, m: &Markings) -> Vec<DataPath> {
    let mut out = Vec::new();
    let switches = s.protection_switches();
    let client = s.child_by_key(s.document_node(), "asiakas");
    let mut groups: Vec<NodeId> = switches
        .iter()
        .map(|w| w.group)
        .chain(client.filter(|_| m.host.client_turvakielto))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    for parent in groups {
        let own: Vec<&ProtectionSwitch> = switches.iter().filter(|w| w.group == parent).collect();
        // The host's word on the client: as the client group's turvakielto switch says.
        let host_rule = (m.host.client_turvakielto && Some(parent) == client).then(|| {
            own.iter()
                .find(|w| s.node(w.switch).key == "turvakielto")
                .map_or(ContactProtection::Protected, |w| w.rule)
        });
        for (gp, g) in crate::document::group_instances(s, doc, parent) {
            let rules: Vec<ContactProtection> = own
                .iter()
                .filter(|w| g.switch_on(w.switch))
                .map(|w| w.rule)
                .chain(host_rule)
                .collect();
            if rules.is_empty() {
                continue;
            }
            let keep_some = rules.iter().all(|r| r.keeps_phone_and_contact_address());
            for key in PROTECTED_DETAILS {
                let Some(c) = s.child_by_key(parent, key) else {
                    continue;
                };
                let parts: Vec<_> = s.node(c).children.clone();
                if *key != "yhteystiedot" || !keep_some || parts.is_empty() {
                    out.push(gp.child(PathToken::Node(c)));
                    continue;
                }
                // The contact details but the phone number and the contact address.
                for (yp, _) in crate::document::group_instances(s, doc, c) {
                    if !yp.0.starts_with(&gp.0) {
                        continue;
                    }
                    for &part in &parts {
                        if !KEPT_CONTACT_PARTS.contains(&s.node(part).key.as_str()) {
                            out.push(yp.child(PathToken::Node(part)));
                        }
                    }
                }
            }
        }
    }
    out
}

/// What `audience` sees of this document today (see [`view`]).
pub fn audience_view(
    s: &Structure,
    doc: &Document,
    m: &Markings,
    audience: Audience,
    today: NaiveDate,
) -> AudienceView {
    view(&Facts::of(s, doc, m, today), m, audience)
}

/// The one policy function: what `audience` sees, judged by the document's facts.
pub fn view(facts: &Facts, m: &Markings, audience: Audience) -> AudienceView {
    let today = facts.today;
    let redacted = facts.redactions.clone();
    if audience == Audience::Professional {
        return AudienceView::Shown { redacted };
    }
    if let Some(e) = facts.exclusion {
        if !(m.exclusion_lifted && e.can_be_lifted()) {
            return AudienceView::Hidden(HiddenReason::Excluded(e));
        }
    }
    if m.special_content {
        return AudienceView::Hidden(HiddenReason::SpecialContent);
    }
    match &m.omakanta {
        OmaKanta::NotShown { .. } => return AudienceView::Hidden(HiddenReason::NotShown),
        OmaKanta::Delayed { until, .. } if *until > today => {
            return AudienceView::Hidden(HiddenReason::Delayed(*until))
        }
        _ => {}
    }
    if audience == Audience::Guardian {
        // Judged on the viewing date: a guardian's view ends when the client turns 18.
        match facts.age_today {
            ClientAge::Minor => {}
            ClientAge::PossiblyMinor | ClientAge::Unknown => {
                return AudienceView::Hidden(HiddenReason::ClientAgeUnknown)
            }
            ClientAge::Adult => return AudienceView::Hidden(HiddenReason::ClientNotMinor),
        }
        match &m.guardian {
            None => return AudienceView::Hidden(HiddenReason::GuardianMarkMissing),
            Some(g) if !g.shown_to_guardian() => {
                return AudienceView::Hidden(HiddenReason::NotForGuardian {
                    pending: g.proposal == ProposalState::Pending,
                });
            }
            Some(_) => {}
        }
    }
    AudienceView::Shown { redacted }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hetu_birth_dates() {
        let cases = [
            ("131052-308T", Some((1952, 10, 13))),
            ("010110A1230", Some((2010, 1, 1))),
            ("290200A1239", Some((2000, 2, 29))),
            ("010180+1232", Some((1880, 1, 1))),
            ("010101Y123N", Some((1901, 1, 1))),
            // Any failed part of the check: no date ("010112a9876").
            ("010112a987C", None),
            ("010112A9876", None),
            ("310299A123B", None),
            ("abc", None),
        ];
        for (h, want) in cases {
            assert_eq!(
                hetu_birth_date(h),
                want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
                "{h}"
            );
        }
    }

    #[test]
    fn age_boundaries() {
        let b = NaiveDate::from_ymd_opt(2008, 3, 1).unwrap();
        assert!(is_minor(b, NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()));
        assert!(!is_minor(b, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        let leap = NaiveDate::from_ymd_opt(2008, 2, 29).unwrap();
        assert!(is_minor(
            leap,
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        ));
        assert!(!is_minor(
            leap,
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        ));
    }
}
