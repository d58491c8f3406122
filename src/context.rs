//! The host context of a document. PURE: no I/O.
//!
//! What the host knows of the document and the CDA header it builds around it: the
//! document OID, the case (asiatunnus), the organiser, the register keeper (custodian), the
//! service unit, palvelutehtävä, palveluprosessi, document group, register type, retention
//! class, the author and the software. Element names and code systems follow the real Kanta
//! sample (`../shared/kanta-samples/asia-ja-rajoitukset.cda-skeleton.xml`). Read strictly
//! ([`HostContext::from_json`]): duplicate or unknown keys, wrong types, an OID that is not
//! dotted-decimal and an empty code or name are errors naming the member's JSON Pointer.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::{InputError, JsonError, Members};

/// Palvelutehtävä (`ep2:functionCode`).
pub const FUNCTION_SYSTEM: &str = "1.2.246.537.6.1221.201601";
/// Palveluprosessi (`ep2:serviceProcess/ep2:code`).
pub const SERVICE_PROCESS_SYSTEM: &str = "1.2.246.537.6.1277.201701";
/// Asiakirjaryhmä (`ep2:documentGroup`).
pub const DOCUMENT_GROUP_SYSTEM: &str = "1.2.246.537.6.1505.201601";
/// Rekisterityyppi (`ep2:registryType`).
pub const REGISTRY_TYPE_SYSTEM: &str = "1.2.246.537.6.1264.201701";
/// Kokonaissäilytysaika (`ep2:totalRetentionPeriodClass`).
pub const RETENTION_SYSTEM: &str = "1.2.246.537.6.1258.201601";
/// Asiakasasiakirjatyyppi (`code`, `ep2:specificDocumentType`), as the sample writes it.
pub const DOCUMENT_TYPE_SYSTEM: &str = "1.2.246.537.6.1506.201701";
/// Sukupuoli (`recordTarget/patientRole/patient/administrativeGenderCode`).
pub const GENDER_SYSTEM: &str = "1.2.246.537.5.1.1997";
/// Henkilötunnus (`recordTarget/patientRole/id root`).
pub const HETU_ROOT: &str = "1.2.246.21";

/// An organisation as the header names it (`id root` and `name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Organisation {
    /// Its OID (SOTE-organisaatiorekisteri).
    pub oid: String,
    /// Its name.
    pub name: String,
}

/// A code of one of the header's code systems (the system is the element's own).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Code {
    /// The code.
    pub code: String,
    /// Its display name.
    pub display_name: String,
}

/// The professional who writes the document (`author/assignedAuthor`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Author {
    /// Given names.
    pub given: String,
    /// Family name.
    pub family: String,
    /// Registration number (Valvira, root 1.2.246.537.26).
    #[serde(default)]
    pub registration_number: Option<String>,
    /// Job title.
    #[serde(default)]
    pub title: Option<String>,
}

/// An instance identifier (`id root` + `extension`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstanceId {
    /// The identifier system's OID ([`HETU_ROOT`] for a henkilötunnus).
    pub root: String,
    /// The identifier in that system.
    pub extension: String,
}

/// The client (`recordTarget/patientRole`), as the sample header writes them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Client {
    /// The client's identifier; with root [`HETU_ROOT`] a henkilötunnus, checked in full.
    pub id: InstanceId,
    /// Given names.
    pub given: String,
    /// The call name (`given qualifier="CL"`).
    #[serde(default)]
    pub call_name: Option<String>,
    /// Family name.
    pub family: String,
    /// Gender ([`GENDER_SYSTEM`]).
    #[serde(default)]
    pub gender: Option<Code>,
    /// Birth date `YYYY-MM-DD`; from the henkilötunnus when absent.
    #[serde(default)]
    pub birth_date: Option<String>,
}

impl Client {
    /// The birth date: the one given, else the henkilötunnus's.
    pub fn birth(&self) -> Option<chrono::NaiveDate> {
        match &self.birth_date {
            Some(d) => crate::time::parse_ymd(d),
            None if self.id.root == HETU_ROOT => crate::hetu::birth_date(&self.id.extension).ok(),
            None => None,
        }
    }
}

/// The client system (`ep2:softwareSupport`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Software {
    /// The vendor.
    #[serde(default)]
    pub moderator: Option<String>,
    /// The product.
    pub product: String,
    /// Its version.
    pub version: String,
}

/// Everything the host knows of the document beyond its content and markings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HostContext {
    /// The document's own OID (`id root`, `setId` of a first version).
    #[serde(default)]
    pub document_oid: Option<String>,
    /// The general document type (yleinen asiakirjatyyppi, `code`; [`DOCUMENT_TYPE_SYSTEM`]):
    /// the structure names it (`documentType`, e.g. "Suunnitelma") but not its code, and the
    /// code cannot be read off the structure OID (three "Lausunto" structures sit under
    /// three different leading digits), so the host gives it; its display name must be the
    /// structure's.
    #[serde(default)]
    pub document_type: Option<Code>,
    /// The client (`recordTarget`).
    #[serde(default)]
    pub client: Option<Client>,
    /// The case (asia) the document belongs to (`componentOf/encompassingEncounter/id`).
    #[serde(default)]
    pub case_id: Option<String>,
    /// The organiser (palvelunjärjestäjä; `ep2:outsourcingServiceCustomer`).
    #[serde(default)]
    pub organiser: Option<Organisation>,
    /// The register keeper (`custodian`).
    #[serde(default)]
    pub custodian: Option<Organisation>,
    /// The service unit (`encounterParticipant typeCode="ADM"`).
    #[serde(default)]
    pub service_unit: Option<Organisation>,
    /// Palvelutehtävä ([`FUNCTION_SYSTEM`]).
    #[serde(default)]
    pub function_code: Option<Code>,
    /// Palveluprosessi ([`SERVICE_PROCESS_SYSTEM`]).
    #[serde(default)]
    pub service_process: Option<Code>,
    /// Asiakirjaryhmä ([`DOCUMENT_GROUP_SYSTEM`]).
    #[serde(default)]
    pub document_group: Option<Code>,
    /// Rekisterityyppi ([`REGISTRY_TYPE_SYSTEM`]).
    #[serde(default)]
    pub registry_type: Option<Code>,
    /// Kokonaissäilytysaika ([`RETENTION_SYSTEM`]).
    #[serde(default)]
    pub retention_class: Option<Code>,
    /// The author.
    #[serde(default)]
    pub author: Option<Author>,
    /// The software.
    #[serde(default)]
    pub software: Option<Software>,
    /// Which version this is: a correction keeps the first version's set id and counts up
    /// (`setId`, `versionNumber` in the header). Absent: a first version.
    #[serde(default)]
    pub version: Option<Version>,
}

/// A document version (the CDA header's `setId` and `versionNumber`) and, for a
/// correction, why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Version {
    /// The first version's document OID (`setId`): the same for every version. (Empty in a
    /// context file when `sosmeta render --corrects` fills it from the archived version.)
    #[serde(default)]
    pub set_id: String,
    /// 1 for the first version, then one more per correction (0: filled by `--corrects`).
    #[serde(default)]
    pub version_number: u32,
    /// The OID of the version this one replaces (a correction).
    #[serde(default)]
    pub replaces: Option<String>,
    /// The reason of correction (the sample header's `reasonOfCorrection`; its code system
    /// is not public: codes come from the host's list).
    #[serde(default)]
    pub reason: Option<Code>,
    /// The OID of the host's reason-of-correction code list (`codeSystem` of
    /// `ep2:reasonOfCorrection`; left out of the envelope when not given).
    #[serde(default)]
    pub reason_code_system: Option<String>,
    /// The correction explained in words.
    #[serde(default)]
    pub text: Option<String>,
    /// Who corrects: a provider its own documents while its register-use right lasts, the
    /// organiser after it ended (seed 002 §4.1: "Palveluntuottaja vastaa kirjaamiensa
    /// tietojen korjaamisesta palvelun aikana. Rekisterinkäyttöoikeuden päätyttyä
    /// palvelunjärjestäjä vastaa … versioinnista ja mitätöinnistä"): the host says which
    /// role may correct this document (`organiser` or `provider`).
    #[serde(default)]
    pub corrector: Option<String>,
    /// The structure the archived version was written on (its `contentSpecificationId`),
    /// when this version corrects one: a correction keeps the structure. Never read from a
    /// context file; filled from the archive.
    #[serde(skip)]
    pub structure: Option<String>,
}

/// What an archived `metadata.json` says of the version it describes, read strictly: the
/// document OID, the set id and the version number, each as the bundle writes it — a
/// value of another type (`"3"`, `2.5`, `-1`), a number out of range, a set id that is not
/// an OID or a missing member is an error naming it, never a default (a correction or an
/// invalidation of "no version" would forge one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchivedVersion {
    /// `/documentOid`.
    pub document_oid: String,
    /// `/version/setId`.
    pub set_id: String,
    /// `/version/versionNumber`: 1 or more.
    pub version_number: u32,
    /// `/contentSpecificationId`: the structure's OID, when the metadata says it.
    pub structure: Option<String>,
}

impl ArchivedVersion {
    /// The version that corrects this one: the same set id and structure, the number one
    /// up, replacing its document OID.
    pub fn next(&self) -> Version {
        let previous = Version {
            set_id: self.set_id.clone(),
            version_number: self.version_number,
            structure: self.structure.clone(),
            ..Version::default()
        };
        Version::next_of(Some(&previous), &self.document_oid)
    }

    /// Reads `metadata` (an archived `metadata.json` as a JSON value). Errors are
    /// `(pointer, what is wrong)`.
    ///
    /// ```
    /// use sosmeta_editor::context::ArchivedVersion;
    /// let meta = serde_json::json!({"documentOid": "1.2.246.10.1.2026.2", "version": {"setId": "1.2.246.10.1.2026.1", "versionNumber": 2}});
    /// assert_eq!(ArchivedVersion::from_metadata(&meta).unwrap().version_number, 2);
    /// let bad = serde_json::json!({"documentOid": "1.2.246.10.1.2026.2", "version": {"setId": "1.2.246.10.1.2026.1", "versionNumber": "3"}});
    /// assert_eq!(ArchivedVersion::from_metadata(&bad).unwrap_err().0, "/version/versionNumber");
    /// ```
    pub fn from_metadata(
        metadata: &Value,
    ) -> Result<ArchivedVersion, (&'static str, &'static str)> {
        let oid = |v: &Value, at: &'static str, missing: &'static str| match v {
            Value::Null => Err((at, missing)),
            Value::String(o) if crate::model::is_oid(o) => Ok(o.clone()),
            _ => Err((at, "not a dotted-decimal OID")),
        };
        let document_oid = oid(
            &metadata["documentOid"],
            "/documentOid",
            "the archived version has no document OID",
        )?;
        if !metadata["version"].is_object() {
            return Err((
                "/version",
                "the archived version has no version (setId, versionNumber)",
            ));
        }
        let set_id = oid(
            &metadata["version"]["setId"],
            "/version/setId",
            "the archived version has no set id",
        )?;
        let version_number = match &metadata["version"]["versionNumber"] {
            Value::Null => return Err(("/version/versionNumber", "missing")),
            Value::Number(n) => n
                .as_u64()
                .ok_or(("/version/versionNumber", "not a whole number of 1 or more"))
                .and_then(|n| {
                    // u32::MAX has no next version: too large, as the envelope reader says.
                    u32::try_from(n)
                        .ok()
                        .filter(|n| *n < u32::MAX)
                        .ok_or(("/version/versionNumber", "too large"))
                })?,
            _ => return Err(("/version/versionNumber", "not a number")),
        };
        if version_number == 0 {
            return Err(("/version/versionNumber", "not a whole number of 1 or more"));
        }
        let structure = match &metadata["contentSpecificationId"] {
            Value::Null => None,
            v => Some(oid(v, "/contentSpecificationId", "")?),
        };
        if version_number == 1 && set_id != document_oid {
            return Err((
                "/version/setId",
                "a first version's set id is its own document OID",
            ));
        }
        Ok(ArchivedVersion {
            document_oid,
            set_id,
            version_number,
            structure,
        })
    }
}

impl Version {
    /// The version that corrects the archived one an archived `metadata.json` (as a JSON
    /// value) describes: [`Version::next_of`] its version and document OID. Errors name the
    /// member: `(pointer, what is wrong)`.
    ///
    /// ```
    /// use sosmeta_editor::Version;
    /// let meta = serde_json::json!({"documentOid": "1.2.246.10.1.2026.2", "version": {"setId": "1.2.246.10.1.2026.1", "versionNumber": 2}});
    /// let v = Version::after_archived(&meta).unwrap();
    /// assert_eq!((v.set_id.as_str(), v.version_number), ("1.2.246.10.1.2026.1", 3));
    /// assert_eq!(Version::after_archived(&serde_json::json!({})).unwrap_err().0, "/documentOid");
    /// ```
    pub fn after_archived(metadata: &Value) -> Result<Version, (&'static str, &'static str)> {
        Ok(ArchivedVersion::from_metadata(metadata)?.next())
    }

    /// The next version of an archived one (its `metadata.json`'s `version` and document
    /// OID): the same set id, the number one up, replacing `previous_oid`.
    pub fn next_of(previous: Option<&Version>, previous_oid: &str) -> Version {
        Version {
            set_id: previous
                .map(|v| v.set_id.clone())
                .unwrap_or_else(|| previous_oid.to_string()),
            version_number: previous.map(|v| v.version_number).unwrap_or(1) + 1,
            replaces: Some(previous_oid.to_string()),
            reason: None,
            reason_code_system: None,
            text: None,
            corrector: None,
            structure: previous.and_then(|v| v.structure.clone()),
        }
    }
}

/// A context file that cannot be used: where and what.
pub type ContextError = InputError<ContextErrorKind>;

/// What makes a context file unusable.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContextErrorKind {
    /// Occurs when the text is not strict JSON.
    Json {
        /// What the strict reader found.
        error: JsonError,
    },
    /// Occurs when a member is unknown or of the wrong type.
    NotContext {
        /// What is wrong.
        reason: String,
    },
    /// Occurs when an OID is not dotted-decimal.
    NotOid {
        /// The value given.
        value: String,
    },
    /// Occurs when a code, name or number is empty, or a registration number is not digits.
    Empty,
}

impl fmt::Display for ContextErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContextErrorKind::Json { error } => write!(f, "{error}"),
            ContextErrorKind::NotContext { reason } => write!(f, "not a context file: {reason}"),
            ContextErrorKind::NotOid { value } => {
                write!(f, "'{}' is not a dotted-decimal OID", value.escape_debug())
            }
            ContextErrorKind::Empty => f.write_str("empty or not of its form"),
        }
    }
}

const CONTEXT_MEMBERS: Members = {
    use Members::{Any, Object};
    const ORG: Members = Object(&[("oid", Any), ("name", Any)]);
    const CODE: Members = Object(&[("code", Any), ("displayName", Any)]);
    Object(&[
        ("documentOid", Any),
        ("documentType", CODE),
        (
            "client",
            Object(&[
                ("id", Object(&[("root", Any), ("extension", Any)])),
                ("given", Any),
                ("callName", Any),
                ("family", Any),
                ("gender", CODE),
                ("birthDate", Any),
            ]),
        ),
        ("caseId", Any),
        ("organiser", ORG),
        ("custodian", ORG),
        ("serviceUnit", ORG),
        ("functionCode", CODE),
        ("serviceProcess", CODE),
        ("documentGroup", CODE),
        ("registryType", CODE),
        ("retentionClass", CODE),
        (
            "author",
            Object(&[
                ("given", Any),
                ("family", Any),
                ("registrationNumber", Any),
                ("title", Any),
            ]),
        ),
        (
            "software",
            Object(&[("moderator", Any), ("product", Any), ("version", Any)]),
        ),
        (
            "version",
            Object(&[
                ("setId", Any),
                ("versionNumber", Any),
                ("replaces", Any),
                ("reason", CODE),
                ("reasonCodeSystem", Any),
                ("text", Any),
                ("corrector", Any),
            ]),
        ),
    ])
};

impl HostContext {
    /// Reads and checks a context file (JSON, strict).
    ///
    /// ```
    /// use sosmeta_editor::HostContext;
    /// let c = HostContext::from_json(r#"{"caseId": "1.2.246.10.2012566.95.2026.778465.646"}"#).unwrap();
    /// assert_eq!(c.case_id.as_deref(), Some("1.2.246.10.2012566.95.2026.778465.646"));
    /// let e = HostContext::from_json(r#"{"organiser": {"oid": "HKI", "name": "Helsinki"}}"#).unwrap_err();
    /// assert_eq!(e.pointer, "/organiser/oid");
    /// ```
    pub fn from_json(text: &str) -> Result<HostContext, ContextError> {
        let v = crate::json::parse(text).map_err(|e| {
            ContextError::new(e.pointer.clone(), ContextErrorKind::Json { error: e })
        })?;
        if let Some((pointer, reason)) = crate::json::unknown_member(&v, &CONTEXT_MEMBERS) {
            return Err(ContextError::new(
                pointer,
                ContextErrorKind::NotContext { reason },
            ));
        }
        if let Some((pointer, c)) = unsafe_text(&v, &mut String::new()) {
            return Err(ContextError::new(
                pointer,
                ContextErrorKind::NotContext {
                    reason: format!(
                        "the text holds U+{:04X}, which the CDA header cannot carry as written (a control or bidirectional character)",
                        c as u32
                    ),
                },
            ));
        }
        let c = HostContext::deserialize(&v).map_err(|e| {
            ContextError::new(
                crate::json::first_unreadable_member::<HostContext>(&v),
                ContextErrorKind::NotContext {
                    reason: e.to_string(),
                },
            )
        })?;
        c.check()?;
        Ok(c)
    }

    /// Every value of its form: OIDs dotted-decimal, codes and names not empty, a
    /// registration number of digits.
    fn check(&self) -> Result<(), ContextError> {
        let oid = |v: &Option<String>, at: &str| match v {
            Some(x) if !crate::model::is_oid(x) => Err(ContextError::new(
                at,
                ContextErrorKind::NotOid { value: x.clone() },
            )),
            _ => Ok(()),
        };
        let filled = |v: &str, at: String| {
            if v.trim().is_empty() {
                Err(ContextError::new(at, ContextErrorKind::Empty))
            } else {
                Ok(())
            }
        };
        oid(&self.document_oid, "/documentOid")?;
        oid(&self.case_id, "/caseId")?;
        for (o, at) in [
            (&self.organiser, "/organiser"),
            (&self.custodian, "/custodian"),
            (&self.service_unit, "/serviceUnit"),
        ] {
            if let Some(o) = o {
                oid(&Some(o.oid.clone()), &format!("{at}/oid"))?;
                filled(&o.name, format!("{at}/name"))?;
            }
        }
        if let Some(c) = &self.client {
            oid(&Some(c.id.root.clone()), "/client/id/root")?;
            filled(&c.id.extension, "/client/id/extension".into())?;
            if c.id.root == HETU_ROOT {
                if let Err(e) = crate::hetu::birth_date(&c.id.extension) {
                    return Err(ContextError::new(
                        "/client/id/extension",
                        ContextErrorKind::NotContext {
                            reason: format!("not a henkilötunnus: {e}"),
                        },
                    ));
                }
            }
            filled(&c.given, "/client/given".into())?;
            filled(&c.family, "/client/family".into())?;
            if let Some(d) = &c.birth_date {
                if crate::time::parse_ymd(d).is_none() {
                    return Err(ContextError::new(
                        "/client/birthDate",
                        ContextErrorKind::NotContext {
                            reason: "a birth date is YYYY-MM-DD".into(),
                        },
                    ));
                }
                if c.id.root == HETU_ROOT
                    && c.birth() != crate::hetu::birth_date(&c.id.extension).ok()
                {
                    return Err(ContextError::new(
                        "/client/birthDate",
                        ContextErrorKind::NotContext {
                            reason: "the birth date is not the henkilötunnus's".into(),
                        },
                    ));
                }
            }
        }
        for (c, at) in [
            (&self.document_type, "/documentType"),
            (
                &self.client.as_ref().and_then(|c| c.gender.clone()),
                "/client/gender",
            ),
            (&self.function_code, "/functionCode"),
            (&self.service_process, "/serviceProcess"),
            (&self.document_group, "/documentGroup"),
            (&self.registry_type, "/registryType"),
            (&self.retention_class, "/retentionClass"),
        ] {
            if let Some(c) = c {
                filled(&c.code, format!("{at}/code"))?;
                filled(&c.display_name, format!("{at}/displayName"))?;
            }
        }
        if let Some(a) = &self.author {
            filled(&a.given, "/author/given".into())?;
            filled(&a.family, "/author/family".into())?;
            if let Some(n) = &a.registration_number {
                if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
                    return Err(ContextError::new(
                        "/author/registrationNumber",
                        ContextErrorKind::Empty,
                    ));
                }
            }
        }
        if let Some(s) = &self.software {
            filled(&s.product, "/software/product".into())?;
            filled(&s.version, "/software/version".into())?;
        }
        if let Some(v) = &self.version {
            if !v.set_id.is_empty() {
                oid(&Some(v.set_id.clone()), "/version/setId")?;
            }
            oid(&v.replaces, "/version/replaces")?;
            oid(&v.reason_code_system, "/version/reasonCodeSystem")?;
            if let Some(c) = &v.corrector {
                if c != "organiser" && c != "provider" {
                    return Err(ContextError::new(
                        "/version/corrector",
                        ContextErrorKind::NotContext {
                            reason: "one of: organiser, provider".into(),
                        },
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The first string of `v` (with its pointer) holding a character the envelope cannot carry
/// as written: XML-forbidden controls (C0 but tab, line feed, carriage return; U+FFFE,
/// U+FFFF), C1 controls and bidirectional overrides. The envelope would write U+FFFD where
/// `metadata.json` keeps the original: two different headers of one document.
fn unsafe_text(v: &Value, at: &mut String) -> Option<(String, char)> {
    let bad = |c: char| {
        let u = c as u32;
        (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || (0x7F..=0x9F).contains(&u)
            || u == 0xFFFE
            || u == 0xFFFF
            || (0x202A..=0x202E).contains(&u)
            || (0x2066..=0x2069).contains(&u)
    };
    match v {
        Value::String(t) => t.chars().find(|&c| bad(c)).map(|c| (at.clone(), c)),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, x)| {
            let len = at.len();
            at.push_str(&format!("/{i}"));
            let r = unsafe_text(x, at);
            at.truncate(len);
            r
        }),
        Value::Object(m) => m.iter().find_map(|(k, x)| {
            let len = at.len();
            at.push('/');
            at.push_str(&crate::json::escape_pointer_token(k));
            let r = unsafe_text(x, at);
            at.truncate(len);
            r
        }),
        _ => None,
    }
}

/// An invalidation request (mitätöinti: "a request with its reason and the
/// document it invalidates, no new content; the host sends it"). Seed 002 §4.1: after the
/// register-use right ends the organiser "vastaa palveluntuottajien laatimien
/// asiakasasiakirjojen versioinnista ja mitätöinnistä".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invalidation {
    /// Always `sosmeta-editor/invalidation/1`.
    pub format: &'static str,
    /// The document invalidated (its OID).
    pub document_oid: String,
    /// Its set id.
    pub set_id: String,
    /// Its version number.
    pub version_number: u32,
    /// Why (a code from the host's list).
    pub reason: Code,
    /// Why, in words.
    pub text: String,
}

/// Why an invalidation request cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InvalidationError {
    /// The archived `metadata.json` does not say which version it is: where and what
    /// (`ArchivedVersion::from_metadata`).
    Archived {
        /// The member (`/documentOid`, `/version/setId`, `/version/versionNumber`).
        pointer: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// The reason code, its display name or the text is missing.
    ReasonMissing,
    /// The host has not said the author's role: an invalidation needs one.
    RoleMissing,
    /// The author's role may not invalidate this document now.
    RoleNotAllowed {
        /// Who may (`organiser` unless the host says `provider`).
        allowed: String,
    },
}

/// Who asks for an invalidation: the author's role (`organiser`, `provider`,
/// `registerKeeper`) and who may invalidate now, as the host says (`organiser` by default:
/// seed 002 §4.1 — after the provider's register-use right ends the organiser "vastaa
/// palveluntuottajien laatimien asiakasasiakirjojen versioinnista ja mitätöinnistä"; a
/// provider invalidates only when the host says its right lasts, as for corrections).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Invalidator<'a> {
    /// The author's role; `None` when the host has not said it.
    pub role: Option<&'a str>,
    /// Who may invalidate now (`organiser` or `provider`); `None`: the organiser.
    pub allowed: Option<&'a str>,
}

impl Invalidator<'_> {
    fn check(&self) -> Result<(), InvalidationError> {
        let role = match self.role.map(str::trim) {
            None | Some("") => return Err(InvalidationError::RoleMissing),
            Some("organiser" | "registerKeeper" | "register-keeper") => "organiser",
            Some(other) => other,
        };
        let allowed = self
            .allowed
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or("organiser");
        if role == allowed {
            Ok(())
        } else {
            Err(InvalidationError::RoleNotAllowed {
                allowed: allowed.to_string(),
            })
        }
    }
}

impl fmt::Display for InvalidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InvalidationError::Archived { pointer, reason } => {
                return write!(f, "the archived metadata.json at {pointer}: {reason}")
            }
            InvalidationError::ReasonMissing => {
                "an invalidation needs a reason code, its display name and a text"
            }
            InvalidationError::RoleMissing => {
                "an invalidation needs the author's role (organiser, provider, registerKeeper): the host has not said it"
            }
            InvalidationError::RoleNotAllowed { allowed } => {
                return write!(
                    f,
                    "only the {} may invalidate this document now (seed 002 §4.1; the host says who)",
                    allowed.escape_debug()
                )
            }
        })
    }
}

impl Invalidation {
    /// The request to invalidate the version an archived `metadata.json` (as a JSON value)
    /// describes.
    ///
    /// ```
    /// use sosmeta_editor::{Code, Invalidation, Invalidator};
    /// let meta = serde_json::json!({"documentOid": "1.2.246.10.1.2026.2", "version": {"setId": "1.2.246.10.1.2026.1", "versionNumber": 2}});
    /// let reason = Code { code: "1".into(), display_name: "Väärä asiakas".into() };
    /// let by = Invalidator { role: Some("organiser"), allowed: None };
    /// let r = Invalidation::of(&meta, reason.clone(), "Kirjattu väärälle asiakkaalle", by).unwrap();
    /// assert_eq!((r.set_id.as_str(), r.version_number), ("1.2.246.10.1.2026.1", 2));
    /// let provider = Invalidator { role: Some("provider"), allowed: None };
    /// assert!(Invalidation::of(&meta, reason, "Kirjattu väärälle asiakkaalle", provider).is_err());
    /// ```
    pub fn of(
        metadata: &Value,
        reason: Code,
        text: &str,
        by: Invalidator<'_>,
    ) -> Result<Invalidation, InvalidationError> {
        by.check()?;
        let a = ArchivedVersion::from_metadata(metadata)
            .map_err(|(pointer, reason)| InvalidationError::Archived { pointer, reason })?;
        if reason.code.trim().is_empty()
            || reason.display_name.trim().is_empty()
            || text.trim().is_empty()
        {
            return Err(InvalidationError::ReasonMissing);
        }
        Ok(Invalidation {
            format: "sosmeta-editor/invalidation/1",
            document_oid: a.document_oid,
            set_id: a.set_id,
            version_number: a.version_number,
            reason,
            text: text.trim().to_string(),
        })
    }
}
