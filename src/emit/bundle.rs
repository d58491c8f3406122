//! The signed-ready bundle: document.json, document.xhtml, metadata.json, manifest.json.
//!
//! The editor never signs. It hands the host frozen bytes and their digests; any change
//! means new bytes and a new digest.

use std::fmt;

use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::text::{doc_text, DocText};
use super::{write_canonical_json, write_xhtml, XhtmlOptions};
use crate::assess::{assess, Assessment};
use crate::document::Document;
use crate::lang::Lang;
use crate::model::Structure;
use crate::restrict::{self, AuthorRole, MarkingProblem, OmaKanta, ProposalState};
use crate::validate::{Issue, Report, Rules};

/// Confidentiality code system (Kanta `confidentialityCode`).
pub const CONFIDENTIALITY_SYSTEM: &str = "1.2.246.777.5.99902.2006";

pub use crate::resolve::RenderOptions;

/// One file of a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BundleFile {
    /// File name, e.g. `document.json`.
    pub name: &'static str,
    /// Media type.
    pub media_type: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A signed-ready bundle: its files in a fixed order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// document.json, document.xhtml, metadata.json, document.cda.xml (when the host
    /// context gives the whole CDA header: see [`super::cda_gaps`]), manifest.json.
    pub files: Vec<BundleFile>,
    /// What `manifest.json` says, typed.
    pub manifest: Manifest,
}

impl Bundle {
    /// A file by name.
    pub fn file(&self, name: &str) -> Option<&BundleFile> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// Why no signed-ready bundle was produced.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Occurs when the structure's status is not `Valmis`.
    NotValmis {
        /// The status.
        status: String,
    },
    /// Occurs when the document has error-level issues.
    Errors {
        /// The errors.
        issues: Vec<Issue>,
    },
    /// Occurs when the restriction markings are incomplete or not allowed.
    Markings {
        /// The problems.
        problems: Vec<MarkingProblem>,
    },
    /// Occurs when the host's document OID is not a dotted-decimal OID.
    BadDocOid {
        /// The value given.
        value: String,
    },
    /// Occurs when the structure OID cannot give the archived document its structure and
    /// type (see [`crate::model::StructureMeta::oid_problem`]).
    StructureOid {
        /// The OID as written.
        oid: String,
        /// Why it cannot.
        reason: &'static str,
    },
    /// Occurs when the structure uses draft-07 assertions this version does not evaluate:
    /// a document could pass here and still break the schema.
    UnevaluatedKeywords {
        /// (schema pointer, keyword) pairs.
        keywords: Vec<(String, String)>,
    },
    /// Occurs when a correction (a version after the first) lacks its reason of correction
    /// (code from the host's list) or the text explaining it.
    CorrectionReasonMissing {
        /// What is missing: `reason code`, `text`.
        missing: Vec<&'static str>,
    },
    /// Occurs when a correction has no new document OID of its own (the host gives every
    /// version a new OID; the set id stays).
    CorrectionNeedsNewOid,
    /// Occurs when a correction is written on another structure than the archived version
    /// it corrects (its `contentSpecificationId`).
    StructureChanged {
        /// The archived version's structure OID.
        archived: String,
    },
    /// Occurs when the version's number and what it replaces disagree (a first version
    /// that replaces another, a correction that names none).
    VersionInconsistent {
        /// What disagrees.
        reason: &'static str,
    },
    /// Occurs when the author's role may not correct this document (the host says who may:
    /// the provider while its register-use right lasts, the organiser after it ended).
    CorrectorNotAllowed {
        /// Who may correct it.
        corrector: String,
    },
    /// Occurs when a field whose note says "Asianumeron/Asiatunnuksen tulee olla sama kuin
    /// asiakirjan metatiedoissa oleva asiatunnus" (19 notes in the corpus) differs from
    /// the host context's case id.
    CaseIdMismatch {
        /// Where the field is.
        pointer: String,
        /// The document's value.
        document: String,
        /// The host context's case id.
        context: String,
    },
    /// Occurs when the host context's client (the header's `recordTarget`) has a
    /// henkilötunnus that none of the document's clients has: the header would name
    /// someone else than the document (and the client's age, the guardian mark and who
    /// sees the document would follow that other person).
    ClientNotInDocument {
        /// The context client's henkilötunnus, masked as the display form masks it.
        context: String,
        /// The document's clients' henkilötunnukset, masked.
        document: Vec<String>,
    },
    /// Occurs when two of the host's inputs say one fact differently
    /// ([`crate::resolve`]: options built by hand are checked by the same rules).
    Conflict {
        /// Every conflict.
        conflicts: Vec<crate::resolve::Conflict>,
    },
}

impl Refusal {
    /// The refusal's code: what a host, the element's detail and `metadata.json`'s readers
    /// match on (the text is for people).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotValmis { .. } => "structure-not-valmis",
            Refusal::Errors { .. } => "document-has-errors",
            Refusal::Markings { .. } => "markings-incomplete",
            Refusal::BadDocOid { .. } => "document-oid-invalid",
            Refusal::StructureOid { .. } => "structure-oid-invalid",
            Refusal::UnevaluatedKeywords { .. } => "structure-keywords-unevaluated",
            Refusal::CorrectionReasonMissing { .. } => "correction-reason-missing",
            Refusal::CorrectionNeedsNewOid => "correction-needs-new-oid",
            Refusal::StructureChanged { .. } => "correction-structure-changed",
            Refusal::VersionInconsistent { .. } => "version-inconsistent",
            Refusal::CorrectorNotAllowed { .. } => "corrector-not-allowed",
            Refusal::CaseIdMismatch { .. } => "case-id-mismatch",
            Refusal::ClientNotInDocument { .. } => "client-not-in-document",
            Refusal::Conflict { .. } => "inputs-conflict",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotValmis { status } => write!(
                f,
                "structure status is '{status}', not 'Valmis': only published structures may be archived"
            ),
            Refusal::Errors { issues } => write!(f, "the document has {} error(s)", issues.len()),
            Refusal::BadDocOid { value } => write!(f, "document OID '{}' is not a dotted-decimal OID", value.escape_debug()),
            Refusal::StructureOid { oid, reason } => write!(
                f,
                "structure OID '{}' cannot identify the document: {reason}",
                oid.escape_debug()
            ),
            Refusal::UnevaluatedKeywords { keywords } => {
                let list: Vec<String> = keywords
                    .iter()
                    .map(|(p, k)| format!("keyword '{k}' at {}", crate::model::display_pointer(p)))
                    .collect();
                write!(
                    f,
                    "the structure uses draft-07 keywords this version does not evaluate ({}): a document could pass here and still break the schema",
                    list.join(", ")
                )
            }
            Refusal::CorrectionReasonMissing { missing } => write!(
                f,
                "a correction needs its reason of correction: missing {}",
                missing.join(" and ")
            ),
            Refusal::VersionInconsistent { reason } => write!(f, "the version: {reason}"),
            Refusal::StructureChanged { archived } => write!(
                f,
                "a correction keeps the structure: the archived version is written on {archived}"
            ),
            Refusal::CorrectionNeedsNewOid => f.write_str(
                "a correction is a new version: it needs a document OID of its own (the set id stays)",
            ),
            Refusal::CorrectorNotAllowed { corrector } => write!(
                f,
                "only the {corrector} may correct this document now (the host says who)"
            ),
            Refusal::CaseIdMismatch {
                pointer,
                document,
                context,
            } => write!(
                f,
                "the case id at {pointer} ('{}') differs from the document's case in the header ('{}'): they must be the same",
                document.escape_debug(),
                context.escape_debug()
            ),
            Refusal::ClientNotInDocument { context, document } => write!(
                f,
                "the host context's client ({context}) is none of the document's clients ({}): the header would name someone else",
                document.join(", ")
            ),
            Refusal::Markings { problems } => {
                let texts: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                write!(f, "restriction markings: {}", texts.join("; "))
            }
            Refusal::Conflict { conflicts } => {
                let texts: Vec<String> = conflicts.iter().map(|c| c.to_string()).collect();
                write!(f, "the host's inputs disagree: {}", texts.join("; "))
            }
        }
    }
}

/// The header's client checked against the document's, by henkilötunnus: every client of
/// the document counts; a document whose clients give no henkilötunnus cannot be checked
/// (their age still decides the guardian mark).
fn client_refusal(s: &Structure, doc: &Document, opts: &RenderOptions) -> Option<Refusal> {
    let client = opts.host.as_ref()?.client.as_ref()?;
    if client.id.root != crate::context::HETU_ROOT {
        return None;
    }
    let theirs = client.id.extension.trim().to_uppercase();
    let ours = crate::restrict::client_identifiers(s, doc);
    if ours.is_empty() || ours.contains(&theirs) {
        return None;
    }
    let mask = super::format::mask_hetu;
    Some(Refusal::ClientNotInDocument {
        context: mask(&theirs),
        document: ours.iter().map(|h| mask(h)).collect(),
    })
}

/// Everything that stands in the way of a signed-ready bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The reasons, all of them.
    pub reasons: Vec<Refusal>,
    /// The full validation report.
    pub report: Report,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no signed-ready bundle: ")?;
        for (i, r) in self.reasons.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Refused {}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Metadata<'a> {
    format: &'static str,
    content_specification_id: &'a str,
    structure_title: &'a str,
    structure_status: &'a str,
    document_definition_version: Option<&'a str>,
    document_type: DocumentType<'a>,
    document_oid: Option<&'a str>,
    language: &'static str,
    title: &'a str,
    confidentiality_code: Coded<'a>,
    markings: MarkingsOut,
    cda_header: CdaHeader<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a crate::context::HostContext>,
    version: VersionOut,
    cda_envelope: CdaEnvelope,
}

/// `metadata.json`'s `cdaEnvelope`: whether the bundle carries `document.cda.xml` and, when
/// not, what the host context lacks (each gap's message, with its pointer).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CdaEnvelope {
    written: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    gaps: Vec<GapOut>,
}

/// One gap of the envelope in `metadata.json`: its code (what a host matches on) and the
/// words for people.
#[derive(Serialize)]
struct GapOut {
    code: &'static str,
    message: String,
}

/// `metadata.json`'s `version`: the header's `setId` and `versionNumber` (a first version's
/// set id is its own OID) and, for a correction, what it replaces and why.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VersionOut {
    set_id: Option<String>,
    version_number: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    replaces: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason_of_correction: Option<crate::context::Code>,
    #[serde(skip_serializing_if = "Option::is_none")]
    correction_text: Option<String>,
}

/// The CDA header elements the host writes, exactly as the Kanta sample names them
/// (`../shared/kanta-samples/asia-ja-rajoitukset.cda-skeleton.xml`), and nothing the header
/// cannot carry. A marking state the header cannot express is refused before a bundle is
/// made ([`crate::restrict::problems`]).
#[derive(Serialize)]
pub(super) struct CdaHeader<'a> {
    #[serde(rename = "confidentialityCode")]
    pub(super) confidentiality_code: CdaCoded,
    #[serde(rename = "ep2:contentSpecificationId")]
    pub(super) content_specification_id: &'a str,
    #[serde(rename = "ep2:specialContent")]
    pub(super) special_content: CdaCoded,
    #[serde(
        rename = "ep2:inaccessibleArgument",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) inaccessible_argument: Option<CdaCoded>,
    #[serde(
        rename = "ep2:authorizationRestrictionArgument",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) authorization_restriction_argument: Option<String>,
    #[serde(
        rename = "authorization/consent/code",
        skip_serializing_if = "Option::is_none"
    )]
    pub(super) consent_code: Option<CdaCoded>,
    #[serde(rename = "ep2:functionCode", skip_serializing_if = "Option::is_none")]
    pub(super) function_code: Option<CdaCoded>,
}

/// A coded header element's attributes, as the sample writes them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CdaCoded {
    pub(super) code: String,
    pub(super) code_system: &'static str,
    pub(super) code_system_name: &'static str,
    pub(super) display_name: String,
}

/// The header's one free-text argument (`ep2:authorizationRestrictionArgument`; the sample's
/// comment: "Perustelut alaikäisen pyynnölle, että tietoja ei luovuteta huoltajalle tai
/// tekstimuotoinen perustelu asiakirjan viivästämiselle tai näyttämättä jättämiselle"):
/// the OmaKanta justification, the guardian justification, or — when both are given —
/// both, each labelled, OmaKanta first.
fn restriction_argument(m: &crate::restrict::Markings) -> Option<String> {
    let omakanta = m
        .omakanta
        .justification()
        .map(|j| j.trim().to_string())
        .filter(|j| !j.is_empty());
    let guardian = m
        .guardian
        .as_ref()
        .filter(|g| !g.shown_to_guardian())
        .map(|g| g.justification.trim().to_string())
        .filter(|j| !j.is_empty());
    match (omakanta, guardian) {
        (Some(o), Some(g)) => Some(format!("OmaKanta: {o}\nHuoltaja: {g}")),
        (o, g) => o.or(g),
    }
}

pub(super) fn cda_header<'a>(s: &'a Structure, m: &crate::restrict::Markings) -> CdaHeader<'a> {
    let reason = m.omakanta.reason();
    CdaHeader {
        confidentiality_code: CdaCoded {
            code: "6".into(),
            code_system: CONFIDENTIALITY_SYSTEM,
            code_system_name: "KanTa-palvelut - Asiakirjan luottamuksellisuus",
            display_name: "Sosiaalihuollon salassapidettävä".into(),
        },
        content_specification_id: &s.meta.oid,
        special_content: CdaCoded {
            code: if m.special_content { "K" } else { "E" }.into(),
            code_system: restrict::SPECIAL_CONTENT_SYSTEM,
            code_system_name: "AR/YDIN - Kyllä/EI/Ei tietoa",
            // The header's display name is Finnish, as the sample writes it.
            display_name: crate::lang::yes_no(m.special_content, Lang::Fi).into(),
        },
        inaccessible_argument: reason.map(|r| CdaCoded {
            code: r.code.clone(),
            code_system: restrict::RESTRICTION_REASON_SYSTEM,
            code_system_name:
                "Sosiaalihuolto - Perustelut asiakirjan näyttämisen rajaamiselle Omakannassa",
            display_name: r.display.clone(),
        }),
        authorization_restriction_argument: restriction_argument(m),
        consent_code: m
            .guardian
            .as_ref()
            .and_then(|g| g.minor_decision.as_ref())
            .map(|c| CdaCoded {
                code: c.code.clone(),
                code_system: restrict::CONSENT_SYSTEM,
                code_system_name:
                    "Sosiaalihuolto - Alaikäisen asiakastietojen luovuttaminen huoltajille",
                display_name: c.display.clone(),
            }),
        function_code: m
            .host
            .service
            .as_ref()
            .and_then(|c| c.function.as_ref())
            .map(|c| CdaCoded {
                code: c.code.clone(),
                code_system: crate::context::FUNCTION_SYSTEM,
                code_system_name: "Sosiaalihuolto - Palvelutehtävä",
                display_name: c.display.clone(),
            }),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocumentType<'a> {
    code_system: Option<String>,
    code: Option<String>,
    display_name: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Coded<'a> {
    code: &'a str,
    code_system: &'a str,
    display_name: &'a str,
}

/// Restriction markings as `metadata.json` carries them (Kanta element names).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MarkingsOut {
    special_content: CodedOut,
    omakanta_display: &'static str,
    delay_until: Option<String>,
    inaccessible_argument: Option<CodedOut>,
    authorization_restriction_argument: Option<String>,
    automatic_exclusion: Option<&'static str>,
    exclusion_lifted: bool,
    minor_client: Option<bool>,
    guardian_disclosure: Option<GuardianOut>,
    consent: Option<CodedOut>,
    author_role: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CodedOut {
    code: String,
    code_system: &'static str,
    display_name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GuardianOut {
    disclosed: bool,
    effective: bool,
    justification: Option<String>,
    proposal_state: &'static str,
}

/// `manifest.json`: the bundle's files, their sizes and digests (what the host signs and
/// archives against). Kept typed in the [`Bundle`] for hosts (the element's detail reads it
/// without parsing the bytes back).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// `sosmeta-editor/manifest/1`.
    pub format: &'static str,
    /// The structure's OID.
    pub content_specification_id: String,
    /// The document's OID.
    pub document_oid: Option<String>,
    /// Every file before the manifest.
    pub files: Vec<ManifestEntry>,
}

/// One file in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ManifestEntry {
    /// File name.
    pub name: &'static str,
    /// Media type.
    pub media_type: &'static str,
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256, hex.
    pub sha256: String,
    /// SHA-256, base64.
    pub sha256_base64: String,
}

pub use crate::model::is_oid;

/// What stands between the structure itself and a signed-ready bundle, whatever the
/// document says: its status, its OID, draft-07 keywords this version does not evaluate.
/// `render_bundle` refuses for these; `sosmeta validate` says them.
pub fn structure_refusals(s: &Structure) -> Vec<Refusal> {
    let mut reasons = Vec::new();
    if !s.meta.is_valmis() {
        reasons.push(Refusal::NotValmis {
            status: s.meta.status.clone(),
        });
    }
    if let Some(reason) = s.meta.oid_problem() {
        reasons.push(Refusal::StructureOid {
            oid: s.meta.oid.clone(),
            reason,
        });
    }
    let unevaluated: Vec<(String, String)> = s
        .unevaluated_keywords()
        .map(|(p, k)| (p.to_string(), k.to_string()))
        .collect();
    if !unevaluated.is_empty() {
        reasons.push(Refusal::UnevaluatedKeywords {
            keywords: unevaluated,
        });
    }
    reasons
}

/// What stands between a correction and a signed-ready bundle (seed 002 §4.1:
/// corrections are versions): a reason code and a text, a new document OID, and the right
/// corrector.
fn correction_refusals(s: &Structure, opts: &RenderOptions) -> Vec<Refusal> {
    let Some(v) = opts.host.as_ref().and_then(|h| h.version.as_ref()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if v.set_id.is_empty() || v.version_number == 0 {
        out.push(Refusal::CorrectionReasonMissing {
            missing: vec!["set id and version number (the archived version's)"],
        });
    }
    // A correction keeps the structure the archived version was written on.
    if let Some(archived) = v.structure.as_deref().filter(|a| *a != s.meta.oid) {
        out.push(Refusal::StructureChanged {
            archived: archived.to_string(),
        });
    }
    // A first version replaces nothing; a later one says what it replaces (never a
    // "version 1 that replaces another OID", nor a correction of nothing).
    if v.version_number == 1 && v.replaces.is_some() {
        out.push(Refusal::VersionInconsistent {
            reason: "a first version (versionNumber 1) replaces no other version",
        });
    }
    if v.version_number > 1 && v.replaces.as_deref().is_none_or(|r| r.trim().is_empty()) {
        out.push(Refusal::VersionInconsistent {
            reason: "a correction (versionNumber 2 or more) names the version it replaces",
        });
    }
    if v.version_number > 1 {
        let mut missing = Vec::new();
        if v.reason.as_ref().is_none_or(|r| r.code.trim().is_empty()) {
            missing.push("reason code");
        }
        if v.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
            missing.push("text");
        }
        if !missing.is_empty() {
            out.push(Refusal::CorrectionReasonMissing { missing });
        }
        if opts.doc_oid.is_none()
            || opts.doc_oid == v.replaces
            || opts.doc_oid.as_ref() == Some(&v.set_id)
        {
            out.push(Refusal::CorrectionNeedsNewOid);
        }
    }
    if v.version_number > 1 && opts.markings.host.author_role.is_none() {
        // A correction needs the host's word on who corrects (seed 002 §4.1).
        out.push(Refusal::Markings {
            problems: vec![crate::restrict::MarkingProblem::AuthorRoleMissing],
        });
    }
    if let Some(c) = &v.corrector {
        let role = match opts.markings.host.author_role {
            Some(AuthorRole::Provider) => "provider",
            Some(AuthorRole::Organiser | AuthorRole::RegisterKeeper) => "organiser",
            None => "",
        };
        if c != role {
            out.push(Refusal::CorrectorNotAllowed {
                corrector: c.clone(),
            });
        }
    }
    out
}

/// The identifier fields whose notes tie them to the header's case id ("Asianumeron tulee
/// olla sama kuin asiakirjan metatiedoissa oleva asiatunnus"), with their values:
/// `(pointer, value)` for every filled one.
pub fn case_id_fields(s: &Structure, doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for id in s.case_id_nodes() {
        let n = s.node(id);
        let Some(parent) = n.parent else { continue };
        for (gp, g) in crate::document::group_instances(s, doc, parent) {
            if let Some(crate::document::Entry::One(crate::document::Item::Parts(p))) = g.get(id) {
                if let Some(v) = p
                    .by_key(s, id, "value")
                    .and_then(crate::document::Plain::as_text)
                {
                    let path = gp.child(crate::document::PathToken::Node(id));
                    out.push((path.to_pointer(s), v.to_string()));
                }
            }
        }
    }
    out
}

/// Renders the signed-ready bundle, or says why not.
///
/// ```
/// use sosmeta_editor::{render_bundle, Document, RenderOptions, Rules, Structure};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let doc = Document::from_json(&s, &std::fs::read_to_string("tests/data/demo-kertomus.filled.json").unwrap()).unwrap();
/// let b = render_bundle(&s, &doc, &Rules::default(), &RenderOptions::default()).unwrap();
/// assert_eq!(b.files.len(), 4);
/// assert_eq!(render_bundle(&s, &doc, &Rules::default(), &RenderOptions::default()).unwrap(), b);
/// ```
pub fn render_bundle(
    s: &Structure,
    doc: &Document,
    rules: &Rules,
    opts: &RenderOptions,
) -> Result<Bundle, Refused> {
    let a = assess(s, doc, rules, &opts.markings, opts.context());
    render_bundle_assessed(s, doc, &a, opts)
}

/// Everything that stands between this document, assessed as `a` under `opts`, and a
/// signed-ready bundle: the one answer to "may this be archived?" ([`render_bundle_assessed`]
/// refuses for exactly these; the element's `validate()` says `valid` when there is none).
pub fn refusals(
    s: &Structure,
    doc: &Document,
    a: &Assessment,
    opts: &RenderOptions,
) -> Vec<Refusal> {
    let mut reasons = structure_refusals(s);
    let conflicts = crate::resolve::conflicts(opts);
    if !conflicts.is_empty() {
        reasons.push(Refusal::Conflict { conflicts });
    }
    if a.report.has_errors() {
        reasons.push(Refusal::Errors {
            issues: a.report.errors().cloned().collect(),
        });
    }
    if !a.problems.is_empty() {
        reasons.push(Refusal::Markings {
            problems: a.problems.clone(),
        });
    }
    if let Some(oid) = &opts.doc_oid {
        if !is_oid(oid) {
            reasons.push(Refusal::BadDocOid { value: oid.clone() });
        }
    }
    reasons.extend(correction_refusals(s, opts));
    if let Some(case) = opts.host.as_ref().and_then(|h| h.case_id.as_deref()) {
        for (pointer, document) in case_id_fields(s, doc) {
            if document.trim() != case {
                reasons.push(Refusal::CaseIdMismatch {
                    pointer,
                    document,
                    context: case.to_string(),
                });
            }
        }
    }
    reasons.extend(client_refusal(s, doc, opts));
    reasons
}

/// [`render_bundle`] of a document already assessed (the editor holds one assessment per
/// change). `a` must be the assessment of `doc` under `opts.markings`.
pub fn render_bundle_assessed(
    s: &Structure,
    doc: &Document,
    a: &Assessment,
    opts: &RenderOptions,
) -> Result<Bundle, Refused> {
    let reasons = refusals(s, doc, a, opts);
    if !reasons.is_empty() {
        return Err(Refused {
            reasons,
            report: a.report.clone(),
        });
    }
    let hidden = a.display_hidden();
    let json = write_canonical_json(s, doc).into_bytes();
    let xhtml = write_xhtml(
        s,
        doc,
        &hidden,
        &XhtmlOptions {
            lang: opts.lang,
            doc_oid: opts.doc_oid.clone(),
            organisation: opts.organisation.clone(),
            ..XhtmlOptions::default()
        },
    )
    .into_bytes();
    // The envelope first: its gaps are what metadata.json says of it (found once).
    let cda = super::write_cda(s, opts, &json, &xhtml);
    let gaps = cda.as_ref().err().cloned().unwrap_or_default();
    let cda = cda.ok();
    let metadata = metadata_with_gaps(s, a, opts, &gaps).into_bytes();
    let mut files = vec![
        BundleFile {
            name: "document.json",
            media_type: "application/json",
            bytes: json,
        },
        BundleFile {
            name: "document.xhtml",
            media_type: "application/xhtml+xml",
            bytes: xhtml,
        },
        BundleFile {
            name: "metadata.json",
            media_type: "application/json",
            bytes: metadata,
        },
    ];
    if let Some(cda) = cda {
        files.push(BundleFile {
            name: super::CDA_FILE,
            media_type: "application/xml",
            bytes: cda.into_bytes(),
        });
    }
    let manifest = Manifest {
        format: "sosmeta-editor/manifest/1",
        content_specification_id: s.meta.oid.clone(),
        document_oid: opts.doc_oid.clone(),
        files: files
            .iter()
            .map(|f| {
                let digest = Sha256::digest(&f.bytes);
                ManifestEntry {
                    name: f.name,
                    media_type: f.media_type,
                    bytes: f.bytes.len(),
                    sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
                    sha256_base64: base64::engine::general_purpose::STANDARD.encode(digest),
                }
            })
            .collect(),
    };
    let bytes = serde_json::to_string(&manifest)
        .expect("manifest serializes")
        .into_bytes();
    files.push(BundleFile {
        name: "manifest.json",
        media_type: "application/json",
        bytes,
    });
    Ok(Bundle { files, manifest })
}

/// `metadata.json`: what the host needs for the CDA header, restriction markings included.
/// `a` is the document's assessment under `opts.markings`.
pub fn metadata_json(s: &Structure, a: &Assessment, opts: &RenderOptions) -> String {
    metadata_with_gaps(s, a, opts, &super::cda_gaps(s, opts))
}

/// [`metadata_json`] with the envelope's gaps already found (`cdaEnvelope`).
fn metadata_with_gaps(
    s: &Structure,
    a: &Assessment,
    opts: &RenderOptions,
    gaps: &[super::CdaGap],
) -> String {
    let m = &opts.markings;
    let reason = |r: &Option<restrict::Coded>| {
        r.as_ref().map(|r| CodedOut {
            code: r.code.clone(),
            code_system: restrict::RESTRICTION_REASON_SYSTEM,
            display_name: r.display.clone(),
        })
    };
    let (display, until, arg, text) = match &m.omakanta {
        OmaKanta::Shown => ("shown", None, None, None),
        OmaKanta::Delayed {
            until,
            reason: r,
            justification,
        } => (
            "delayed",
            Some(until.to_string()),
            reason(r),
            Some(justification.clone()),
        ),
        OmaKanta::NotShown {
            reason: r,
            justification,
        } => ("notShown", None, reason(r), Some(justification.clone())),
    };
    let markings = MarkingsOut {
        special_content: CodedOut {
            code: if m.special_content { "K" } else { "E" }.into(),
            code_system: restrict::SPECIAL_CONTENT_SYSTEM,
            // The code's Finnish display (the Kanta sample's displayName language).
            display_name: doc_text(
                if m.special_content {
                    DocText::Yes
                } else {
                    DocText::No
                },
                Lang::Fi,
            )
            .into(),
        },
        omakanta_display: display,
        delay_until: until,
        inaccessible_argument: arg,
        authorization_restriction_argument: text,
        automatic_exclusion: a.exclusion().map(|e| e.text_fi()),
        exclusion_lifted: m.exclusion_lifted,
        minor_client: a.client_is_minor(),
        guardian_disclosure: m.guardian.as_ref().map(|g| GuardianOut {
            disclosed: g.disclosed,
            effective: g.shown_to_guardian(),
            justification: (!g.justification.trim().is_empty()).then(|| g.justification.clone()),
            proposal_state: match g.proposal {
                ProposalState::Decided => "decided",
                ProposalState::Pending => "pending",
                ProposalState::Confirmed => "confirmed",
                ProposalState::Rejected => "rejected",
            },
        }),
        consent: m
            .guardian
            .as_ref()
            .and_then(|g| g.minor_decision.as_ref())
            .map(|c| CodedOut {
                code: c.code.clone(),
                code_system: restrict::CONSENT_SYSTEM,
                display_name: c.display.clone(),
            }),
        author_role: m.host.author_role.map(AuthorRole::code),
    };
    let code = s.meta.document_type_code();
    let m = Metadata {
        format: "sosmeta-editor/metadata/1",
        content_specification_id: &s.meta.oid,
        structure_title: &s.meta.title,
        structure_status: &s.meta.status,
        document_definition_version: s.meta.document_definition_version.as_deref(),
        document_type: DocumentType {
            code_system: code.as_ref().map(|c| c.0.clone()),
            code: code.map(|c| c.1),
            display_name: s.meta.document_type.as_deref(),
        },
        document_oid: opts.doc_oid.as_deref(),
        language: opts.lang.code(),
        title: s.document_title(opts.lang),
        confidentiality_code: Coded {
            code: "6",
            code_system: CONFIDENTIALITY_SYSTEM,
            display_name: "Sosiaalihuollon salassapidettävä",
        },
        markings,
        cda_header: cda_header(s, &opts.markings),
        context: opts.host.as_ref(),
        version: match opts.host.as_ref().and_then(|h| h.version.as_ref()) {
            Some(v) => VersionOut {
                set_id: Some(v.set_id.clone()),
                version_number: v.version_number,
                replaces: v.replaces.clone(),
                reason_of_correction: v.reason.clone(),
                correction_text: v.text.clone(),
            },
            None => VersionOut {
                set_id: opts.doc_oid.clone(),
                version_number: 1,
                replaces: None,
                reason_of_correction: None,
                correction_text: None,
            },
        },
        cda_envelope: {
            let gaps: Vec<GapOut> = gaps
                .iter()
                .map(|g| GapOut {
                    code: g.code(),
                    message: g.to_string(),
                })
                .collect();
            CdaEnvelope {
                written: gaps.is_empty(),
                gaps,
            }
        },
    };
    serde_json::to_string(&m).expect("metadata serializes")
}

/// A clearly marked draft preview: the JSON and a display form with a "LUONNOS" banner.
/// Never signed-ready; for documents with errors or structures that are not `Valmis`.
pub fn render_draft(
    s: &Structure,
    doc: &Document,
    rules: &Rules,
    opts: &RenderOptions,
) -> (String, String) {
    let a = assess(s, doc, rules, &opts.markings, opts.context());
    render_draft_assessed(s, doc, &a, opts)
}

/// [`render_draft`] of a document already assessed (`a`: `doc` under `opts.markings`).
pub fn render_draft_assessed(
    s: &Structure,
    doc: &Document,
    a: &Assessment,
    opts: &RenderOptions,
) -> (String, String) {
    let hidden = a.display_hidden();
    let xhtml = write_xhtml(
        s,
        doc,
        &hidden,
        &XhtmlOptions {
            lang: opts.lang,
            doc_oid: opts.doc_oid.clone().filter(|o| is_oid(o)),
            organisation: opts.organisation.clone(),
            draft: true,
            ..XhtmlOptions::default()
        },
    );
    (write_canonical_json(s, doc), xhtml)
}
