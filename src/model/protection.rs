//! What each group's own note says its turvakielto or secret-contacts switch does to the
//! group's details. Read from the structure's words, per group — never one rule for all
//! (the client-relationship document's client note keeps the phone number and the contact
//! address; its related-persons note says the details are not recorded at all; the other
//! structures say only that the protected details must not reach outsiders).

use super::{FieldKind, NodeId, NodeKind, Structure};

/// The rule a group's switch carries, as its note or description words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactProtection {
    /// 1.2.246.537.6.1505.1 `asiakas/turvakielto`, note: "ei kotikuntaa, tilapäistä
    /// asuinkuntaa eikä yhteystietoja puhelinnumeroa ja yhteysosoitetta lukuun ottamatta
    /// näytetä": municipality, temporary municipality and the contact details are hidden,
    /// but the phone number and the contact address.
    KeepsPhoneAndContactAddress,
    /// 1.2.246.537.6.1505.1 `asiakkaaseen_liittyvat_henkilot/turvakielto`: "Jos henkilö on
    /// muu kuin asiakkaan laillinen edustaja, ja hänellä on turvakielto, ei hänen
    /// yhteystietojaan kirjata asiakkuusasiakirjalle": the contact details are not recorded
    /// at all (an error when entered, unless the person is the client's legal
    /// representative) and never shown.
    NotRecorded,
    /// Every other turvakielto switch ("Palvelunantajalla on erityinen velvollisuus
    /// huolehtia, etteivät turvakiellon suojaamat tiedot pääse ulkopuolisten käsiin", or no
    /// words at all): no exception is given, so the municipality and every contact detail,
    /// phone number included, are hidden (the safe side).
    Protected,
    /// A `salaiset_yhteystiedot` switch (1505.1: "Yhteystietoja ja tietoa kotikunnasta ei
    /// saa luovuttaa muille asianosaisille, jos henkilö näin pyytää turvallisuusuhan
    /// takia"): the municipality and every contact detail are hidden.
    Secret,
}

impl ContactProtection {
    /// Stable name (the golden sweep, the docs).
    pub fn code(self) -> &'static str {
        match self {
            ContactProtection::KeepsPhoneAndContactAddress => "keeps-phone-and-contact-address",
            ContactProtection::NotRecorded => "not-recorded",
            ContactProtection::Protected => "protected",
            ContactProtection::Secret => "secret",
        }
    }

    /// Whether the phone number and the contact address stay shown.
    pub fn keeps_phone_and_contact_address(self) -> bool {
        self == ContactProtection::KeepsPhoneAndContactAddress
    }
}

/// One protection switch of a structure: the switch, its group and the rule its words give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProtectionSwitch {
    /// The Kytkin (`turvakielto` or `salaiset_yhteystiedot`).
    pub switch: NodeId,
    /// The group it protects.
    pub group: NodeId,
    /// What its words say.
    pub rule: ContactProtection,
}

/// Keys of the details a protection hides (the 1505.1 note's "kotikunta, tilapäinen
/// asuinkunta … yhteystiedot").
pub const PROTECTED_DETAILS: &[&str] = &["kotikunta", "tilapainen_asuinkunta", "yhteystiedot"];

/// Parts of `yhteystiedot` the 1505.1 client note leaves shown.
pub const KEPT_CONTACT_PARTS: &[&str] = &["puhelinnumero", "yhteysosoite"];

/// Codes of the role list 1.2.246.537.6.1284 that make a person the client's legal
/// representative: 1505.1 `toimivalta` ("asiakkaan laillisena edustajana toimivan henkilön
/// toimivaltaa"), shown "jos Rooli-kentässä … on valittu 31 = Huoltaja, 32 = Edunvalvoja,
/// 33 = Edunvalvontavaltuutettu tai 34 = Valtuutettu".
pub const LEGAL_REPRESENTATIVE_ROLES: &[&str] = &["31", "32", "33", "34"];

/// The rule the words of a switch give (its Finnish implementation note and description).
pub fn protection_rule(key: &str, note: &str, description: &str) -> ContactProtection {
    if key == "salaiset_yhteystiedot" {
        return ContactProtection::Secret;
    }
    let words = crate::lang::folded(&format!("{note} {description}"));
    if words.contains("puhelinnumeroa ja yhteysosoitetta lukuun ottamatta") {
        ContactProtection::KeepsPhoneAndContactAddress
    } else if words.contains("yhteystietojaan kirjata") || words.contains("yhteystietoja kirjata") {
        ContactProtection::NotRecorded
    } else {
        ContactProtection::Protected
    }
}

impl Structure {
    /// Every turvakielto and secret-contacts switch of the structure, with its group and
    /// the rule its own words give (`protection_rule`), in structure order.
    pub fn protection_switches(&self) -> Vec<ProtectionSwitch> {
        self.ids()
            .filter_map(|id| {
                let n = self.node(id);
                if !matches!(n.key.as_str(), "turvakielto" | "salaiset_yhteystiedot")
                    || n.kind != NodeKind::Field(FieldKind::Switch)
                {
                    return None;
                }
                let rule = protection_rule(
                    &n.key,
                    n.meta.implementation_note.fi.as_deref().unwrap_or(""),
                    n.meta.description.fi.as_deref().unwrap_or(""),
                );
                Some(ProtectionSwitch {
                    switch: id,
                    group: n.parent?,
                    rule,
                })
            })
            .collect()
    }
}

/// The words of a service field's description that say it names the document's own
/// service ("palvelutehtävä, johon asiakirja kuuluu", "sosiaalipalvelu, jonka antamiseen
/// asiakaskertomusmerkintä liittyy", …).
const DOCUMENT_SERVICE_WORDS: &[&str] = &[
    "asiakirja kuuluu",
    "asiakirja liittyy",
    "asiakaskertomusmerkintä kuuluu",
    "asiakaskertomusmerkintä liittyy",
];

impl Structure {
    /// The Koodi fields that say which service the document itself is recorded in
    /// (palvelutehtävä or sosiaalipalvelu): a field directly under the document, or one
    /// whose description says so — "palvelutehtävä, johon asiakirja kuuluu", "sosiaalipalvelu,
    /// jonka antamiseen asiakirja liittyy", "… johon asiakaskertomusmerkintä kuuluu", "…
    /// jonka antamiseen asiakaskertomusmerkintä liittyy". Services a document merely lists
    /// (1505.1's palvelutehtävät of the client, a plan's or a decision's services) are not
    /// among them: seed 002 §4.2 excludes the documents *of* a service.
    pub fn document_service_nodes(&self) -> Vec<NodeId> {
        let doc = self.document_node();
        self.ids()
            .filter(|&id| {
                let n = self.node(id);
                if !matches!(n.key.as_str(), "palvelutehtava" | "sosiaalipalvelu")
                    || n.kind != NodeKind::Field(FieldKind::Code)
                {
                    return false;
                }
                let words = crate::lang::folded(n.meta.description.fi.as_deref().unwrap_or(""));
                n.parent == Some(doc) || DOCUMENT_SERVICE_WORDS.iter().any(|w| words.contains(w))
            })
            .collect()
    }
}
