//! `document.cda.xml`: the unsigned CDA R2 `ClinicalDocument` Kanta archives.
//!
//! Source: the real archive message in `../shared/kanta-samples/asia-ja-rajoitukset.cda-skeleton.xml`
//! (a production client system's test message). Every element is written in the sample's
//! order, with the sample's code systems and code-system names; the header's values come
//! from the host context ([`crate::context::HostContext`]), the restriction markings and the
//! structure; the two payloads go base64 into `nonXMLBody ID="OID<document OID>"` exactly as
//! the bundle's `document.xhtml` and `document.json` bytes.
//!
//! What is left to the host, because it happens at or after signing: `ep2:signature` (the
//! signer, the authentication method and the signing time) and `signatureCollection` (the
//! XML-DSig signatures over `#OID<document OID>`), both inside `ep2:localSocialHeader`
//! after the last element written here. The official CDA_Fi_sos schema and the v3.3
//! standard were not available; the envelope is tested element by element against the
//! sample instead (`tests/cda.rs`).

use std::fmt;

use base64::Engine;
use chrono::{DateTime, FixedOffset};

use super::bundle::{cda_header, CdaCoded, CdaHeader};
use super::RenderOptions;
use crate::context::{self, HostContext};
use crate::model::Structure;

/// The envelope's file name in the bundle.
pub const CDA_FILE: &str = "document.cda.xml";

/// The ep2 namespace of Kanta's local header (`urn:hl7finland`).
const EP2: &str = "urn:hl7finland";

/// Why the envelope cannot be written: what the host context lacks, or two inputs that
/// disagree. The rest of the bundle does not depend on it (a host that builds its own
/// envelope needs only the payloads and `metadata.json`).
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CdaGap {
    /// Occurs when the host context has no value for a header element: the member's JSON
    /// Pointer in the context.
    Missing {
        /// E.g. `/client`, `/author/registrationNumber`.
        pointer: &'static str,
    },
    /// Occurs when the context's general document type is not the structure's
    /// (`documentType`).
    DocumentTypeName {
        /// The context's display name.
        context: String,
        /// The structure's.
        structure: String,
    },
    /// Occurs when the structure's document type belongs to a code system the sample does
    /// not show (only `1.2.246.537.6.1506` documents: the sample's `1.2.246.537.6.1506.201701`).
    DocumentTypeSystem {
        /// The structure OID.
        oid: String,
    },
}

impl CdaGap {
    /// The gap's code (hosts and `metadata.json` match on it; the text is for people).
    pub fn code(&self) -> &'static str {
        match self {
            CdaGap::Missing { .. } => "context-member-missing",
            CdaGap::DocumentTypeName { .. } => "document-type-name-differs",
            CdaGap::DocumentTypeSystem { .. } => "document-type-system-unknown",
        }
    }
}

impl fmt::Display for CdaGap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CdaGap::Missing { pointer } => write!(f, "the host context has no {pointer}"),
            CdaGap::DocumentTypeName { context, structure } => write!(
                f,
                "/documentType/displayName: '{}' is not the structure's document type '{}'",
                context.escape_debug(),
                structure.escape_debug()
            ),
            CdaGap::DocumentTypeSystem { oid } => write!(
                f,
                "the document type of {oid} has no code system known here (the sample shows 1.2.246.537.6.1506.201701 only)"
            ),
        }
    }
}

/// Everything the header needs, found.
struct Header<'a> {
    host: &'a HostContext,
    doc_oid: &'a str,
    doc_type: &'a context::Code,
    client: &'a context::Client,
    author: &'a context::Author,
    custodian: &'a context::Organisation,
    case_id: &'a str,
    organiser: &'a context::Organisation,
    unit: &'a context::Organisation,
    function: context::Code,
    process: &'a context::Code,
    group: &'a context::Code,
    registry: &'a context::Code,
    retention: &'a context::Code,
    software: &'a context::Software,
    specific: (String, String),
}

/// Finds every header value, or every gap.
fn header<'a>(s: &'a Structure, opts: &'a RenderOptions) -> Result<Header<'a>, Vec<CdaGap>> {
    static EMPTY: std::sync::OnceLock<HostContext> = std::sync::OnceLock::new();
    let host = opts
        .host
        .as_ref()
        .unwrap_or_else(|| EMPTY.get_or_init(HostContext::default));
    let mut gaps = Vec::new();
    fn need<'b, T>(
        v: Option<&'b T>,
        pointer: &'static str,
        gaps: &mut Vec<CdaGap>,
    ) -> Option<&'b T> {
        if v.is_none() {
            gaps.push(CdaGap::Missing { pointer });
        }
        v
    }
    let doc_oid = need(
        opts.doc_oid.as_ref().or(host.document_oid.as_ref()),
        "/documentOid",
        &mut gaps,
    );
    let doc_type = need(host.document_type.as_ref(), "/documentType", &mut gaps);
    if let (Some(t), Some(name)) = (doc_type, s.meta.document_type.as_deref()) {
        if t.display_name.trim() != name.trim() {
            gaps.push(CdaGap::DocumentTypeName {
                context: t.display_name.clone(),
                structure: name.trim().to_string(),
            });
        }
    }
    let specific = match s.meta.document_type_code() {
        Some((system, code)) if system == "1.2.246.537.6.1506" => Some((code, system)),
        _ => {
            gaps.push(CdaGap::DocumentTypeSystem {
                oid: s.meta.oid.clone(),
            });
            None
        }
    };
    let client = need(host.client.as_ref(), "/client", &mut gaps);
    let author = need(host.author.as_ref(), "/author", &mut gaps);
    let custodian = need(host.custodian.as_ref(), "/custodian", &mut gaps);
    let case_id = need(host.case_id.as_ref(), "/caseId", &mut gaps);
    let organiser = need(host.organiser.as_ref(), "/organiser", &mut gaps);
    let unit = need(host.service_unit.as_ref(), "/serviceUnit", &mut gaps);
    // One palvelutehtävä: the context's, else the markings' (that the two agree is
    // [`crate::resolve`]'s; the bundle refuses when they do not).
    let function = match (
        &host.function_code,
        opts.markings
            .host
            .service
            .as_ref()
            .and_then(|x| x.function.as_ref()),
    ) {
        (Some(c), _) => Some(c.clone()),
        (None, Some(f)) => Some(context::Code {
            code: f.code.clone(),
            display_name: f.display.clone(),
        }),
        (None, None) => {
            gaps.push(CdaGap::Missing {
                pointer: "/functionCode",
            });
            None
        }
    };
    let process = need(host.service_process.as_ref(), "/serviceProcess", &mut gaps);
    let group = need(host.document_group.as_ref(), "/documentGroup", &mut gaps);
    let registry = need(host.registry_type.as_ref(), "/registryType", &mut gaps);
    let retention = need(host.retention_class.as_ref(), "/retentionClass", &mut gaps);
    let software = need(host.software.as_ref(), "/software", &mut gaps);
    // Every value, when nothing is missing (each gap was named above).
    let all = || {
        Some(Header {
            host,
            doc_oid: doc_oid?,
            doc_type: doc_type?,
            client: client?,
            author: author?,
            custodian: custodian?,
            case_id: case_id?,
            organiser: organiser?,
            unit: unit?,
            function: function.clone()?,
            process: process?,
            group: group?,
            registry: registry?,
            retention: retention?,
            software: software?,
            specific: specific.clone()?,
        })
    };
    match all() {
        Some(h) if gaps.is_empty() => Ok(h),
        _ => Err(gaps),
    }
}

/// What keeps the envelope from being written under these options (empty: it can be).
///
/// ```
/// use sosmeta_editor::{cda_gaps, CdaGap, RenderOptions};
/// let s = sosmeta_editor::Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let gaps = cda_gaps(&s, &RenderOptions::default());
/// assert!(gaps.contains(&CdaGap::Missing { pointer: "/client" }));
/// ```
pub fn cda_gaps(s: &Structure, opts: &RenderOptions) -> Vec<CdaGap> {
    header(s, opts).err().unwrap_or_default()
}

use super::xml::{Layout, Xml};

impl Xml {
    /// A coded element with the sample's attribute order (code, codeSystem,
    /// codeSystemName, displayName).
    fn coded(&mut self, name: &str, code: &str, system: &str, system_name: &str, display: &str) {
        self.empty(
            name,
            &[
                ("code", code),
                ("codeSystem", system),
                ("codeSystemName", system_name),
                ("displayName", display),
            ],
        );
    }

    fn cda_coded(&mut self, name: &str, c: &CdaCoded) {
        self.coded(
            name,
            &c.code,
            c.code_system,
            c.code_system_name,
            &c.display_name,
        );
    }

    fn organisation(&mut self, name: &str, o: &context::Organisation) {
        self.open(name, &[]);
        self.empty("id", &[("root", &o.oid)]);
        self.leaf("name", &[], &o.name);
        self.close(name);
    }
}

/// The header's time form (`20260323105424+0200`). Written by hand: chrono's `format`
/// would bring its whole strftime machinery into the browser build (~10 KB gzipped).
fn cda_time(t: &DateTime<FixedOffset>) -> String {
    use chrono::{Datelike, Timelike};
    let off = t.offset().local_minus_utc();
    let (sign, off) = if off < 0 { ('-', -off) } else { ('+', off) };
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}{sign}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        off / 3600,
        off % 3600 / 60
    )
}

/// A date in the header's form (`20180418`).
fn cda_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The general document type's code system name, as the sample writes it.
const TYPE_NAME: &str = "Sosiaalihuolto - Asiakasasiakirjatyyppi";

/// Writes the unsigned envelope around `json` and `xhtml` (the bundle's payload bytes), in
/// the sample's element order: the document's identity, the client, the author and the
/// custodian, the case, the social-welfare header, the body.
pub fn write_cda(
    s: &Structure,
    opts: &RenderOptions,
    json: &[u8],
    xhtml: &[u8],
) -> Result<String, Vec<CdaGap>> {
    let h = header(s, opts)?;
    let marks = cda_header(s, &opts.markings);
    let now = cda_time(&opts.now());
    let mut x = Xml::new(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        Layout::Indented,
        json.len() * 2 + xhtml.len() * 2 + 8192,
    );
    identity(&mut x, &h, &marks, &now, opts.lang);
    record_target(&mut x, h.client);
    author_and_custodian(&mut x, &h, &marks);
    component_of(&mut x, &h);
    local_header(&mut x, s, &h, &marks, &now);
    body(&mut x, &h, json, xhtml);
    x.close("ClinicalDocument");
    Ok(x.out)
}

/// `ClinicalDocument` opened, and what the document is: id, type, time, confidentiality,
/// language, set and version.
fn identity(x: &mut Xml, h: &Header, marks: &CdaHeader, now: &str, lang: crate::lang::Lang) {
    x.open(
        "ClinicalDocument",
        &[
            ("xmlns", "urn:hl7-org:v3"),
            (
                "xsi:schemaLocation",
                "urn:hl7-org:v3 ../../cda/CDA_Fi_sos.xsd",
            ),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.empty("realmCode", &[("code", "FI")]);
    x.empty(
        "typeId",
        &[
            ("extension", "POCD_HD000040"),
            ("root", "2.16.840.1.113883.1.3"),
        ],
    );
    x.empty("id", &[("root", h.doc_oid)]);
    x.coded(
        "code",
        &h.doc_type.code,
        context::DOCUMENT_TYPE_SYSTEM,
        TYPE_NAME,
        &h.doc_type.display_name,
    );
    x.empty("effectiveTime", &[("value", now)]);
    x.cda_coded("confidentialityCode", &marks.confidentiality_code);
    // As the sample writes it ("FI"); no Unicode case tables for two letters.
    let lang = match lang {
        crate::lang::Lang::Fi => "FI",
        crate::lang::Lang::Sv => "SV",
    };
    x.empty("languageCode", &[("code", lang)]);
    let (set_id, number) = match h.host.version.as_ref() {
        Some(v) if !v.set_id.is_empty() => (v.set_id.as_str(), v.version_number.max(1)),
        _ => (h.doc_oid, 1),
    };
    x.empty("setId", &[("root", set_id)]);
    x.empty("versionNumber", &[("value", &number.to_string())]);
}

/// `recordTarget`: the client.
fn record_target(x: &mut Xml, client: &context::Client) {
    x.open("recordTarget", &[]);
    x.open("patientRole", &[]);
    x.empty(
        "id",
        &[
            ("root", &client.id.root),
            ("extension", &client.id.extension),
        ],
    );
    x.open("patient", &[]);
    x.open("name", &[]);
    x.leaf("given", &[], &client.given);
    if let Some(call) = &client.call_name {
        x.leaf("given", &[("qualifier", "CL")], call);
    }
    x.leaf("family", &[], &client.family);
    x.close("name");
    if let Some(g) = &client.gender {
        x.coded(
            "administrativeGenderCode",
            &g.code,
            context::GENDER_SYSTEM,
            "AR/YDIN - Sukupuoli",
            &g.display_name,
        );
    }
    if let Some(b) = client.birth() {
        x.empty("birthTime", &[("value", &cda_date(b))]);
    }
    x.close("patient");
    x.close("patientRole");
    x.close("recordTarget");
}

/// `author`, `custodian` and the minor's consent (`authorization`).
fn author_and_custodian(x: &mut Xml, h: &Header, marks: &CdaHeader) {
    x.open("author", &[]);
    x.empty("time", &[("nullFlavor", "NA")]);
    x.open("assignedAuthor", &[]);
    match &h.author.registration_number {
        Some(n) => x.empty("id", &[("root", "1.2.246.537.26"), ("extension", n)]),
        None => x.empty("id", &[("nullFlavor", "NA")]),
    }
    x.open("assignedPerson", &[]);
    x.open("name", &[]);
    x.leaf("given", &[], &h.author.given);
    x.leaf("family", &[], &h.author.family);
    x.close("name");
    x.close("assignedPerson");
    x.close("assignedAuthor");
    x.close("author");

    x.open("custodian", &[]);
    x.open("assignedCustodian", &[]);
    x.organisation("representedCustodianOrganization", h.custodian);
    x.close("assignedCustodian");
    x.close("custodian");

    if let Some(consent) = &marks.consent_code {
        x.open("authorization", &[]);
        x.open("consent", &[]);
        x.cda_coded("code", consent);
        x.empty("statusCode", &[("code", "completed")]);
        x.close("consent");
        x.close("authorization");
    }
}

/// `componentOf`: the case, the organiser and the service unit.
fn component_of(x: &mut Xml, h: &Header) {
    x.open("componentOf", &[]);
    x.open("encompassingEncounter", &[]);
    // As the sample: the case's OID with nullFlavor NA beside it.
    x.empty("id", &[("root", h.case_id), ("nullFlavor", "NA")]);
    x.empty("effectiveTime", &[("nullFlavor", "NA")]);
    x.open("responsibleParty", &[]);
    x.open("assignedEntity", &[]);
    x.empty("id", &[("nullFlavor", "NA")]);
    x.organisation("representedOrganization", h.organiser);
    x.close("assignedEntity");
    x.close("responsibleParty");
    x.open("encounterParticipant", &[("typeCode", "ADM")]);
    x.open("assignedEntity", &[]);
    x.empty("id", &[("nullFlavor", "NA")]);
    x.organisation("representedOrganization", h.unit);
    x.close("assignedEntity");
    x.close("encounterParticipant");
    x.close("encompassingEncounter");
    x.close("componentOf");
}

/// `ep2:localSocialHeader`: the social-welfare header (type, group, formats, service,
/// markings, a correction's reason).
fn local_header(x: &mut Xml, s: &Structure, h: &Header, marks: &CdaHeader, now: &str) {
    x.open("ep2:localSocialHeader", &[("xmlns:ep2", EP2)]);
    x.coded(
        "ep2:specificDocumentType",
        &h.specific.0,
        context::DOCUMENT_TYPE_SYSTEM,
        TYPE_NAME,
        s.document_title(crate::lang::Lang::Fi),
    );
    x.empty("ep2:creationTime", &[("value", now)]);
    x.coded(
        "ep2:documentGroup",
        &h.group.code,
        context::DOCUMENT_GROUP_SYSTEM,
        "Sosiaalihuolto - Asiakirjaryhmä",
        &h.group.display_name,
    );
    x.coded(
        "ep2:fileFormat",
        "2",
        "1.2.246.537.6.1502.201601",
        "Sosiaalihuolto - Asiakirjan näyttömuodon formaatti",
        "XHTML_1.1",
    );
    x.coded(
        "ep2:structuredFileFormat",
        "5",
        "1.2.246.537.5.40179.2008",
        "eArkisto - Asiakirjan tiedostomuoto",
        "JSON",
    );
    let mut software: Vec<(&str, &str)> = Vec::new();
    if let Some(m) = &h.software.moderator {
        software.push(("moderator", m));
    }
    software.push(("product", &h.software.product));
    software.push(("version", &h.software.version));
    x.empty("ep2:softwareSupport", &software);
    // The sample's attribute order for these two: code, displayName, codeSystemName,
    // codeSystem.
    x.empty(
        "ep2:functionCode",
        &[
            ("code", &h.function.code),
            ("displayName", &h.function.display_name),
            ("codeSystemName", "Sosiaalihuolto - Palvelutehtävä"),
            ("codeSystem", context::FUNCTION_SYSTEM),
        ],
    );
    x.empty(
        "ep2:recordStatus",
        &[
            ("code", "3"),
            ("displayName", "Arkistointivalmis"),
            ("codeSystemName", "eArkisto - Asiakirjan valmistumisen tila"),
            ("codeSystem", "1.2.246.537.5.40154.2008"),
        ],
    );
    x.coded(
        "ep2:registryType",
        &h.registry.code,
        context::REGISTRY_TYPE_SYSTEM,
        "Sosiaalihuolto - Asiakirjan rekisteritunnus",
        &h.registry.display_name,
    );
    x.empty(
        "ep2:outsourcingServiceCustomer",
        &[("root", &h.organiser.oid)],
    );
    x.leaf("ep2:outsourcingServiceCustomerName", &[], &h.organiser.name);
    x.coded(
        "ep2:totalRetentionPeriodClass",
        &h.retention.code,
        context::RETENTION_SYSTEM,
        "Sosiaalihuolto - asiakirjan kokonaissäilytysaika",
        &h.retention.display_name,
    );
    x.cda_coded("ep2:specialContent", &marks.special_content);
    x.leaf(
        "ep2:contentSpecificationId",
        &[],
        marks.content_specification_id,
    );
    x.open("ep2:serviceProcess", &[]);
    x.leaf("ep2:type", &[], "Sosiaalihuollon palveluprosessi");
    x.empty(
        "ep2:code",
        &[
            ("code", &h.process.code),
            ("displayName", &h.process.display_name),
            ("codeSystem", context::SERVICE_PROCESS_SYSTEM),
            (
                "codeSystemName",
                "Sosiaalihuolto - Sosiaalihuollon palveluprosessi",
            ),
        ],
    );
    x.close("ep2:serviceProcess");
    if let Some(arg) = &marks.authorization_restriction_argument {
        x.leaf("ep2:authorizationRestrictionArgument", &[], arg);
    }
    if let Some(reason) = &marks.inaccessible_argument {
        x.cda_coded("ep2:inaccessibleArgument", reason);
    }
    if let Some(v) = h.host.version.as_ref().filter(|v| v.version_number > 1) {
        if let Some(r) = &v.reason {
            let mut attrs: Vec<(&str, &str)> = vec![("code", &r.code)];
            if let Some(system) = &v.reason_code_system {
                attrs.push(("codeSystem", system));
            }
            attrs.push(("displayName", &r.display_name));
            x.empty("ep2:reasonOfCorrection", &attrs);
        }
    }
    x.close("ep2:localSocialHeader");
}

/// `component/nonXMLBody`: the display form and the structured form, base64.
fn body(x: &mut Xml, h: &Header, json: &[u8], xhtml: &[u8]) {
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    x.open("component", &[]);
    let body_id = format!("OID{}", h.doc_oid);
    x.open("nonXMLBody", &[("ID", &body_id)]);
    x.leaf_raw(
        "text",
        &[
            ("mediaType", "application/xhtml+xml"),
            ("representation", "B64"),
        ],
        &b64(xhtml),
    );
    x.leaf_raw("ep2:json", &[("xmlns:ep2", "urn:hl7finland")], &b64(json));
    x.close("nonXMLBody");
    x.close("component");
}

/// What an archived envelope gives back: the version it is and its two payloads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchivedCda {
    /// `id root`.
    pub document_oid: String,
    /// `setId root`.
    pub set_id: String,
    /// `versionNumber value`.
    pub version_number: u32,
    /// The structured form (`ep2:json`, decoded).
    pub document_json: String,
    /// The display form (`text`, decoded).
    pub display_xhtml: String,
    /// `ep2:contentSpecificationId`: the structure's OID, when the header says it.
    pub structure: Option<String>,
}

impl ArchivedCda {
    /// The version that corrects this one: the same set id, one up, replacing it.
    pub fn next_version(&self) -> crate::context::Version {
        crate::context::ArchivedVersion {
            document_oid: self.document_oid.clone(),
            set_id: self.set_id.clone(),
            version_number: self.version_number,
            structure: self.structure.clone(),
        }
        .next()
    }
}

/// Why an envelope cannot be read back: where (an element path such as
/// `/ClinicalDocument/component/nonXMLBody/ep2:json`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CdaReadError {
    /// The element (or `/` for the whole text).
    pub path: String,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for CdaReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for CdaReadError {}

/// The parts of an archived envelope a correction needs, as its XML holds them: found by
/// the edge (natively [`read_cda`] with roxmltree; in the browser the element with the
/// browser's own `DOMParser`, so no XML parser ships in the wasm) and judged here, once.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CdaParts {
    /// Why the text is not XML, when it is not.
    #[serde(default)]
    pub xml_error: Option<String>,
    /// The root is `ClinicalDocument` in `urn:hl7-org:v3`.
    #[serde(default)]
    pub clinical_document: bool,
    /// `id/@root`.
    #[serde(default)]
    pub id: Option<String>,
    /// `setId/@root`.
    #[serde(default)]
    pub set_id: Option<String>,
    /// `versionNumber/@value`.
    #[serde(default)]
    pub version_number: Option<String>,
    /// `component/nonXMLBody/@ID` (`None`: no body).
    #[serde(default)]
    pub body_id: Option<String>,
    /// The text of `nonXMLBody/ep2:json` (base64).
    #[serde(default)]
    pub json: Option<String>,
    /// The text of `nonXMLBody/text` (base64).
    #[serde(default)]
    pub xhtml: Option<String>,
    /// The text of the header's `ep2:contentSpecificationId` (the first in document order).
    #[serde(default)]
    pub content_specification_id: Option<String>,
    /// The paths of the elements a correction reads (`id`, `setId`, `versionNumber`,
    /// `component`, `nonXMLBody`, `ep2:json`, `text`) that occur more than once where they
    /// stand: an envelope with two of one is refused, never read by its first.
    #[serde(default)]
    pub duplicates: Vec<String>,
}

impl ArchivedCda {
    /// Judges an envelope's parts: OIDs dotted-decimal, a version number, the body's `ID`
    /// `OID` + the document OID, both payloads base64 of UTF-8 text.
    pub fn from_parts(p: &CdaParts) -> Result<ArchivedCda, CdaReadError> {
        let err = |path: &str, reason: &str| CdaReadError {
            path: path.to_string(),
            reason: reason.to_string(),
        };
        if let Some(e) = &p.xml_error {
            return Err(err("/", e));
        }
        if !p.clinical_document {
            return Err(err("/", "not a CDA ClinicalDocument (urn:hl7-org:v3)"));
        }
        let oid = |v: &Option<String>, name: &str| -> Result<String, CdaReadError> {
            let path = format!("/ClinicalDocument/{name}");
            let v = v.as_deref().ok_or_else(|| err(&path, "missing"))?;
            if !crate::model::is_oid(v) {
                return Err(err(&path, "not a dotted-decimal OID"));
            }
            Ok(v.to_string())
        };
        if let Some(d) = p.duplicates.first() {
            return Err(err(
                d,
                "occurs more than once: which one is the archived version?",
            ));
        }
        let document_oid = oid(&p.id, "id")?;
        let set_id = oid(&p.set_id, "setId")?;
        let version_number = p
            .version_number
            .as_deref()
            .ok_or_else(|| err("/ClinicalDocument/versionNumber", "missing"))?
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1 && *n < u32::MAX)
            .ok_or_else(|| err("/ClinicalDocument/versionNumber", "not a version number"))?;
        let body_path = "/ClinicalDocument/component/nonXMLBody";
        let body_id = p
            .body_id
            .as_deref()
            .ok_or_else(|| err(body_path, "missing"))?;
        if body_id != format!("OID{document_oid}") {
            return Err(err(body_path, "its ID is not OID + the document OID"));
        }
        let payload = |text: &Option<String>, shown: &str| -> Result<String, CdaReadError> {
            let path = format!("{body_path}/{shown}");
            let text: String = text
                .as_deref()
                .ok_or_else(|| err(&path, "missing"))?
                .split_whitespace()
                .collect();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| err(&path, &format!("not base64: {e}")))?;
            String::from_utf8(bytes).map_err(|_| err(&path, "not UTF-8 text"))
        };
        let document_json = payload(&p.json, "ep2:json")?;
        if let Err(e) = crate::json::parse(&document_json) {
            return Err(err(
                &format!("{body_path}/ep2:json"),
                &format!("the structured form is not JSON: {e}"),
            ));
        }
        let display_xhtml = payload(&p.xhtml, "text")?;
        let lower = display_xhtml.to_ascii_lowercase();
        if lower.contains("<script") || lower.contains("javascript:") {
            return Err(err(
                &format!("{body_path}/text"),
                "the display form holds a script: a display form has none",
            ));
        }
        if !display_xhtml.contains(&format!("id=\"OID{document_oid}\"")) {
            return Err(err(
                &format!("{body_path}/text"),
                "the display form is not the header's document (its id is not OID + the document OID)",
            ));
        }
        Ok(ArchivedCda {
            document_oid,
            set_id,
            version_number,
            document_json,
            display_xhtml,
            structure: match p.content_specification_id.as_deref() {
                None => None,
                Some(o) if crate::model::is_oid(o) => Some(o.to_string()),
                Some(_) => {
                    return Err(err(
                        "/ClinicalDocument/ep2:contentSpecificationId",
                        "not a dotted-decimal OID",
                    ))
                }
            },
        })
    }
}

/// Reads an archived envelope (ours, or any with the sample's shape) natively: its parts
/// with roxmltree, judged by [`ArchivedCda::from_parts`]. "Open an archived
/// document (… or the payloads of a CDA) for correction".
///
/// ```
/// use sosmeta_editor::read_cda;
/// let e = read_cda("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>").unwrap_err();
/// assert_eq!(e.to_string(), "/ClinicalDocument/id: missing");
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn read_cda(xml: &str) -> Result<ArchivedCda, CdaReadError> {
    ArchivedCda::from_parts(&cda_parts(xml))
}

/// The parts of an envelope as roxmltree finds them (natively; what the element's
/// `DOMParser` finds in the browser).
#[cfg(not(target_arch = "wasm32"))]
pub fn cda_parts(xml: &str) -> CdaParts {
    const V3: &str = "urn:hl7-org:v3";
    fn child<'a, 'i>(
        parent: roxmltree::Node<'a, 'i>,
        ns: &str,
        name: &str,
    ) -> Option<roxmltree::Node<'a, 'i>> {
        parent.children().find(|n| {
            n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(ns)
        })
    }
    // A DOCTYPE (and with it any internal entity) is refused by both readers alike.
    if xml.contains("<!DOCTYPE") {
        return CdaParts {
            xml_error: Some("a DOCTYPE is not allowed in an envelope".into()),
            ..CdaParts::default()
        };
    }
    match roxmltree::Document::parse(xml) {
        Err(e) => CdaParts {
            xml_error: Some(e.to_string()),
            ..CdaParts::default()
        },
        Ok(doc) => {
            let root = doc.root_element();
            let attr = |name: &str, a: &str| {
                child(root, V3, name).and_then(|n| n.attribute(a).map(str::to_string))
            };
            let body = child(root, V3, "component").and_then(|c| child(c, V3, "nonXMLBody"));
            let text = |ns: &str, name: &str| {
                body.and_then(|b| child(b, ns, name)).map(|n| {
                    n.descendants()
                        .filter(|c| c.is_text())
                        .filter_map(|c| c.text())
                        .collect::<String>()
                })
            };
            let count = |parent: Option<roxmltree::Node<'_, '_>>, ns: &str, name: &str| {
                parent.map_or(0, |p| {
                    p.children()
                        .filter(|n| {
                            n.is_element()
                                && n.tag_name().name() == name
                                && n.tag_name().namespace() == Some(ns)
                        })
                        .count()
                })
            };
            let component = child(root, V3, "component");
            let mut duplicates = Vec::new();
            for (parent, ns, name, path) in [
                (Some(root), V3, "id", "/ClinicalDocument/id"),
                (Some(root), V3, "setId", "/ClinicalDocument/setId"),
                (
                    Some(root),
                    V3,
                    "versionNumber",
                    "/ClinicalDocument/versionNumber",
                ),
                (Some(root), V3, "component", "/ClinicalDocument/component"),
                (
                    component,
                    V3,
                    "nonXMLBody",
                    "/ClinicalDocument/component/nonXMLBody",
                ),
                (
                    body,
                    EP2,
                    "json",
                    "/ClinicalDocument/component/nonXMLBody/ep2:json",
                ),
                (
                    body,
                    V3,
                    "text",
                    "/ClinicalDocument/component/nonXMLBody/text",
                ),
            ] {
                if count(parent, ns, name) > 1 {
                    duplicates.push(path.to_string());
                }
            }
            CdaParts {
                duplicates,
                xml_error: None,
                clinical_document: root.tag_name().name() == "ClinicalDocument"
                    && root.tag_name().namespace() == Some(V3),
                id: attr("id", "root"),
                set_id: attr("setId", "root"),
                version_number: attr("versionNumber", "value"),
                body_id: body.and_then(|b| b.attribute("ID").map(str::to_string)),
                json: text(EP2, "json"),
                xhtml: text(V3, "text"),
                content_specification_id: root
                    .descendants()
                    .find(|n| {
                        n.is_element()
                            && n.tag_name().name() == "contentSpecificationId"
                            && n.tag_name().namespace() == Some(EP2)
                    })
                    .map(|n| n.text().unwrap_or_default().trim().to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_times_are_written_with_their_offset() {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        assert_eq!(
            cda_time(&t("2026-07-01T09:05:03+03:00")),
            "20260701090503+0300"
        );
        assert_eq!(
            cda_time(&t("2026-01-01T00:00:00-05:30")),
            "20260101000000-0530"
        );
        assert_eq!(
            cda_date(chrono::NaiveDate::from_ymd_opt(2018, 4, 8).unwrap()),
            "20180408"
        );
    }
}
