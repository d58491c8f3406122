//! User-visible texts for issues, in Finnish, Swedish and English. The i18n edge: the core's
//! `Display` impls are for developers; people read these.

use chrono::Datelike;

use crate::lang::Lang;
use crate::lint::FindingKind;
use crate::model::{ParseWarning, ParseWarningKind};
use crate::restrict::{HiddenReason, MarkingProblem};
use crate::validate::{Issue, IssueKind, RuleSource};

impl From<Lang> for MessageLang {
    fn from(l: Lang) -> MessageLang {
        match l {
            Lang::Fi => MessageLang::Fi,
            Lang::Sv => MessageLang::Sv,
        }
    }
}

/// One issue as the JSON object the CLI (`validate --json`) and the JS API both write:
/// `path` (JSON Pointer), `severity`, `code`, `message`.
pub fn issue_value(i: &Issue, lang: MessageLang) -> serde_json::Value {
    serde_json::json!({
        "path": i.pointer,
        "severity": i.severity().as_str(),
        "code": i.kind.code(),
        "message": issue_message(&i.kind, lang),
    })
}

/// A marking problem in the same shape as [`issue_value`] (error level, empty path).
pub fn marking_value(p: &MarkingProblem, lang: MessageLang) -> serde_json::Value {
    serde_json::json!({
        "path": "",
        "severity": "error",
        "code": p.code(),
        "message": marking_message(p, lang),
    })
}

/// Language of a message (the CLI also speaks English).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum MessageLang {
    /// Finnish.
    Fi,
    /// Swedish.
    Sv,
    /// English.
    En,
}

/// The text of `lang` among three.
fn pick(lang: MessageLang, fi: &str, sv: &str, en: &str) -> String {
    match lang {
        MessageLang::Fi => fi,
        MessageLang::Sv => sv,
        MessageLang::En => en,
    }
    .to_string()
}

/// The message for an issue kind.
pub fn issue_message(kind: &IssueKind, lang: MessageLang) -> String {
    use MessageLang::*;
    if let Some(m) = condition_message(kind, lang) {
        return m;
    }
    let t = |fi: &str, sv: &str, en: &str| pick(lang, fi, sv, en);
    match kind {
        IssueKind::MissingRequired => t(
            "Pakollinen tieto puuttuu",
            "Obligatorisk uppgift saknas",
            "Required value is missing",
        ),
        IssueKind::TooFewItems { min, found } => match lang {
            Fi => format!("Vähintään {min} kpl vaaditaan, nyt {found}"),
            Sv => format!("Minst {min} krävs, nu {found}"),
            En => format!("At least {min} required, found {found}"),
        },
        IssueKind::TooShort { min } => match lang {
            Fi => format!("Vähintään {min} merkkiä"),
            Sv => format!("Minst {min} tecken"),
            En => format!("At least {min} characters"),
        },
        IssueKind::PatternMismatch { what, .. } => match what.as_str() {
            "Pvm" => t(
                "Päivämäärän muoto on VVVV, VVVV-KK tai VVVV-KK-PP",
                "Datumet ska ha formen ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
                "Date must be YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            "Hetki" => t(
                "Ajankohdan muoto on VVVV-KK-PPTtt:mm:ss+hh:mm",
                "Tidpunkten ska ha formen ÅÅÅÅ-MM-DDTtt:mm:ss+hh:mm",
                "Point in time must be YYYY-MM-DDThh:mm:ss with a zone, e.g. +02:00",
            ),
            "system" => t(
                "Koodisto ei ole tälle kentälle sallittu (urn:oid:…)",
                "Kodsystemet är inte tillåtet för fältet (urn:oid:…)",
                "Code system is not the one this field allows (urn:oid:…)",
            ),
            _ => t(
                "Arvo on väärää muotoa",
                "Värdet har fel format",
                "Value does not match the required format",
            ),
        },
        IssueKind::NotAllowed { allowed } => match lang {
            Fi => format!("Arvo ei ole sallittu; sallitut: {}", allowed.join(", ")),
            Sv => format!("Värdet är inte tillåtet; tillåtna: {}", allowed.join(", ")),
            En => format!("Value is not allowed; allowed: {}", allowed.join(", ")),
        },
        IssueKind::PhraseChanged => t(
            "Vakiofraasia ei saa muuttaa",
            "Standardfrasen får inte ändras",
            "The fixed phrase must not be changed",
        ),
        IssueKind::WrongType { expected, found } => match lang {
            Fi => format!("Väärä tietotyyppi: odotettiin {expected}, saatiin {found}"),
            Sv => format!("Fel datatyp: väntade {expected}, fick {found}"),
            En => format!("Wrong type: expected {expected}, found {found}"),
        },
        IssueKind::UnknownProperty { key } => match lang {
            Fi => format!("Tietoa '{key}' ei ole tässä asiakirjarakenteessa"),
            Sv => format!("Uppgiften '{key}' finns inte i denna dokumentstruktur"),
            En => format!("'{key}' is not part of this document structure"),
        },
        IssueKind::TooDeep => t(
            "Liian syvä rakenne",
            "För djup struktur",
            "Nesting too deep",
        ),
        IssueKind::BlankText => t("Teksti on tyhjä", "Texten är tom", "Text is blank"),
        IssueKind::EmptyIdentifier => t(
            "Tunnus on tyhjä",
            "Beteckningen är tom",
            "Identifier value is empty",
        ),
        IssueKind::ImpossibleDate => t(
            "Päivämäärää ei ole olemassa",
            "Datumet finns inte",
            "Not a calendar date",
        ),
        IssueKind::InvalidHetu { reason } => {
            use crate::hetu::HetuError as H;
            let (fi, sv, en) = match reason {
                H::CenturySign => (
                    "välimerkki (vuosisata) ei ole kelvollinen",
                    "skiljetecknet (sekel) är ogiltigt",
                    "the century sign is not valid",
                ),
                H::Date => (
                    "syntymäaikaa ei ole olemassa",
                    "födelsedatumet finns inte",
                    "the birth date is not a calendar date",
                ),
                H::CheckCharacter => (
                    "tarkistusmerkki ei täsmää",
                    "kontrolltecknet stämmer inte",
                    "the check character does not match",
                ),
                H::IndividualNumber => (
                    "yksilönumero ei ole kelvollinen",
                    "individnumret är ogiltigt",
                    "the individual number is not valid",
                ),
                _ => (
                    "muoto ei ole PPKKVVXNNNT",
                    "formen är inte DDMMÅÅXNNNK",
                    "not of the form DDMMYYCZZZQ",
                ),
            };
            match lang {
                Fi => format!("Henkilötunnus ei ole kelvollinen: {fi}. Ikää ei voi päätellä, joten huoltajalle näyttämisestä on tehtävä merkintä."),
                Sv => format!("Personbeteckningen är ogiltig: {sv}. Åldern kan inte fastställas, så visningen för vårdnadshavaren ska markeras."),
                En => format!("Henkilötunnus is not valid: {en}. The age cannot be told, so the guardian mark is required."),
            }
        }
        IssueKind::InstantWithoutTime => t(
            "Ajankohdasta puuttuu kellonaika ja aikavyöhyke",
            "Tidpunkten saknar klockslag och tidszon",
            "Point in time lacks time of day and zone",
        ),
        IssueKind::HiddenHasValue => t(
            "Kentällä on arvo, mutta sitä ei näytetä tässä tilanteessa",
            "Fältet har ett värde men visas inte i denna situation",
            "Field has a value but is not shown in this situation",
        ),
        IssueKind::ProtectedDetailsRecorded => t(
            "Henkilöllä on turvakielto eikä hän ole asiakkaan laillinen edustaja: hänen yhteystietojaan ei kirjata. Poista yhteystiedot.",
            "Personen har spärrmarkering och är inte klientens lagliga företrädare: personens kontaktuppgifter antecknas inte. Ta bort kontaktuppgifterna.",
            "The person has turvakielto and is not the client's legal representative: their contact details are not recorded. Remove them.",
        ),
        IssueKind::UnsafeCharacter { code_point } if (0x202A..=0x2069).contains(code_point) => {
            match lang {
                Fi => format!("Tekstissä on suuntamerkki U+{code_point:04X}: näkyvä järjestys voi poiketa tallennetusta"),
                Sv => format!("Texten innehåller riktningstecknet U+{code_point:04X}: den visade ordningen kan skilja sig från den sparade"),
                En => format!("Text contains the bidirectional control U+{code_point:04X}: what is shown may read differently from what is stored"),
            }
        }
        IssueKind::UnsafeCharacter { code_point } => match lang {
            Fi => format!("Tekstissä on ohjausmerkki U+{code_point:04X}, jota näyttömuoto ei voi näyttää (näkyy merkkinä �)"),
            Sv => format!("Texten innehåller styrtecknet U+{code_point:04X} som visningsformen inte kan visa (visas som �)"),
            En => format!("Text contains the control character U+{code_point:04X}, which the display form cannot show (shown as �)"),
        },
        #[allow(unreachable_patterns)]
        _ => t("Virhe", "Fel", "Problem"),
    }
}

/// The message of a condition's issue — a structure's prose condition left as a warning,
/// or a rule (the structure's own or a host's) that requires a field here; `None` for
/// any other kind.
fn condition_message(kind: &IssueKind, lang: MessageLang) -> Option<String> {
    use MessageLang::*;
    let t = |fi: &str, sv: &str, en: &str| pick(lang, fi, sv, en);
    Some(match kind {
        IssueKind::ConditionallyRequired { note_fi, note_sv } => {
            let note = match lang {
                Sv => note_sv.as_ref().or(note_fi.as_ref()),
                _ => note_fi.as_ref(),
            };
            let head = t(
                "Ehdollisesti pakollinen – tarkista ehto",
                "Villkorligt obligatorisk – kontrollera villkoret",
                "Conditionally required – check the condition",
            );
            match note {
                Some(n) => format!("{head}: {}", n.trim()),
                None => head,
            }
        }
        // A structure's own rule (read from its prose or curated from it): the structure's
        // sentence is the message; Swedish and English say it is the structure's condition
        // in Finnish (the Finnish notes are what the rules are read from).
        IssueKind::RuleRequired {
            note: Some(n),
            source: RuleSource::Derived | RuleSource::Curated,
        }
        | IssueKind::RuleOneOfRequired {
            note: Some(n),
            source: RuleSource::Derived | RuleSource::Curated,
            ..
        } => {
            let n = structure_sentence(n);
            match lang {
                Fi => n,
                Sv => format!("Obligatorisk enligt strukturens villkor (på finska): {n}"),
                En => format!("Required by the structure's condition (in Finnish): {n}"),
            }
        }
        IssueKind::RuleRequired { note, .. } => {
            let head = t(
                "Pakollinen tässä tilanteessa",
                "Obligatorisk i denna situation",
                "Required in this situation",
            );
            match note {
                Some(n) => format!("{head}: {n}"),
                None => head,
            }
        }
        IssueKind::RuleOneOfRequired {
            fields,
            labels,
            note,
            ..
        } => {
            // A person reads the fields' labels, as the form shows them; the CLI's English
            // names them by key path (the structure has no English labels).
            let named = |l: crate::lang::Lang| {
                labels
                    .iter()
                    .map(|x| x.text(l).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let head = match lang {
                Fi => format!(
                    "Jokin näistä on pakollinen: {}",
                    named(crate::lang::Lang::Fi)
                ),
                Sv => format!(
                    "En av dessa är obligatorisk: {}",
                    named(crate::lang::Lang::Sv)
                ),
                En => format!("One of these is required: {}", fields.join(", ")),
            };
            match note {
                Some(n) => format!("{head} ({n})"),
                None => head,
            }
        }
        _ => return None,
    })
}

/// The message for a notice to the author about OmaKanta display (never a blocker).
pub fn notice_message(n: &crate::restrict::Notice, lang: MessageLang) -> String {
    use crate::restrict::Notice;
    let (fi, sv, en) = match n {
        Notice::ServiceUncertain { name } => {
            let name = name.escape_debug();
            return match lang {
                MessageLang::Fi => format!("Palvelun nimestä \"{name}\" ei voi päätellä, onko se OmaKannasta aina rajattu palvelu (vanhemmuuden selvittäminen, turvakotipalvelu, lähisuhde- ja perheväkivallan ehkäisytyö, adoptioneuvonta): tarkista ja rajaa tarvittaessa."),
                MessageLang::Sv => format!("Av tjänstens namn \"{name}\" framgår inte om den är en tjänst som alltid undantas i MittKanta (utredning av föräldraskap, skyddshemstjänst, förebyggande av våld i nära relationer, adoptionsrådgivning): kontrollera och begränsa vid behov."),
                MessageLang::En => format!("The service name \"{name}\" does not tell whether it is a service OmaKanta always excludes (parenthood determination, shelter, domestic-violence prevention, adoption counselling): check it and restrict the document if needed."),
            };
        }
        Notice::HostAgeContradicted => (
            "Asiakasjärjestelmän tieto asiakkaan iästä on ristiriidassa asiakirjan kanssa: asiakirjan mukaan asiakas on alaikäinen, ja asiakirjaa käsitellään alaikäisen asiakirjana.",
            "Klientdatasystemets uppgift om klientens ålder strider mot handlingen: enligt handlingen är klienten minderårig, och handlingen behandlas som en minderårigs handling.",
            "The host's word on the client's age contradicts the document: a client in the document is a minor, and the document is treated as a minor's.",
        ),
        Notice::ServiceUnknown => (
            "Palvelutehtävää ei ole kerrottu: tämä yhteinen asiakirja jätetään OmaKannassa näyttämättä, jos se kirjataan vanhemmuuden selvittämisessä, turvakotipalvelussa, lähisuhde- ja perheväkivallan ehkäisytyössä tai adoptioneuvonnassa.",
            "Serviceuppgiften har inte angetts: denna gemensamma handling visas inte i MittKanta om den antecknas i utredning av föräldraskap, skyddshemstjänst, förebyggande av våld i nära relationer eller adoptionsrådgivning.",
            "No service is given: this shared document is not shown in OmaKanta when it is recorded in parenthood determination, shelter services, domestic-violence prevention or adoption counselling.",
        ),
        Notice::ConsiderRestriction => (
            "Huolto- ja tapaamisoikeusselvityksen asiakaskertomusmerkintöjä ei rajata OmaKannasta automaattisesti: harkitse rajoitusta.",
            "Klientberättelseanteckningar i utredningen om vårdnad och umgängesrätt begränsas inte automatiskt i MittKanta: överväg en begränsning.",
            "Journal entries of the custody and visiting-rights report are not excluded from OmaKanta automatically: consider a restriction.",
        ),
    };
    match lang {
        MessageLang::Fi => fi.into(),
        MessageLang::Sv => sv.into(),
        MessageLang::En => en.into(),
    }
}

/// The message for a restriction-marking problem.
pub fn marking_message(p: &MarkingProblem, lang: MessageLang) -> String {
    let (fi, sv) = match p {
        MarkingProblem::GuardianMarkMissing => (
            "Asiakas on alaikäinen, tai hänen ikänsä ei selviä: merkitse, näytetäänkö asiakirja huoltajalle",
            "Klienten är minderårig, eller åldern framgår inte: markera om handlingen visas för vårdnadshavaren",
        ),
        MarkingProblem::GuardianJustificationMissing => (
            "Perustele, miksi asiakirjaa ei näytetä huoltajalle",
            "Motivera varför handlingen inte visas för vårdnadshavaren",
        ),
        MarkingProblem::ProviderCannotDecide => (
            "Palveluntuottaja voi vain ehdottaa; palvelunjärjestäjä päättää",
            "Serviceproducenten kan bara föreslå; anordnaren beslutar",
        ),
        MarkingProblem::OrganiserMustDecide => (
            "Vahvista tai hylkää palveluntuottajan ehdotus",
            "Bekräfta eller avslå serviceproducentens förslag",
        ),
        MarkingProblem::ReasonMissing => {
            ("Valitse rajoituksen syy", "Välj orsak till begränsningen")
        }
        MarkingProblem::JustificationMissing => {
            ("Perustele OmaKanta-rajoitus", "Motivera begränsningen")
        }
        MarkingProblem::DelayNotInFuture => (
            "Viivästyksen päivän on oltava tulevaisuudessa",
            "Fördröjningens datum måste vara i framtiden",
        ),
        MarkingProblem::ExclusionNotLiftable => (
            "Vain adoptioneuvonnan asiakirjojen OmaKanta-rajauksen voi poistaa",
            "Endast adoptionsrådgivningens undantag från MittKanta kan hävas",
        ),
        MarkingProblem::NotShownWithoutSpecialContent => (
            "Pysyvästi näyttämättä jätettävä asiakirja merkitään erityissisällöksi",
            "En handling som aldrig visas markeras som specialinnehåll",
        ),
        MarkingProblem::ConsentContradictsNonDisclosure => (
            "Alaikäisen kanta \"ei kiellä luovuttamista\" ei sovi yhteen sen kanssa, ettei asiakirjaa näytetä huoltajalle",
            "Den minderårigas ställningstagande \"förbjuder inte utlämnande\" går inte ihop med att handlingen inte visas för vårdnadshavaren",
        ),
        MarkingProblem::ProposalNotInHeader => (
            "Palveluntuottajan ehdotus odottaa: palvelunjärjestäjä päättää ennen arkistointia (arkiston otsikkotiedoissa ei ole kohtaa ehdotukselle)",
            "Serviceproducentens förslag väntar: anordnaren beslutar före arkiveringen (arkivhuvudet har ingen plats för ett förslag)",
        ),
        MarkingProblem::AuthorRoleMissing => (
            "Asiakasjärjestelmä ei ole kertonut laatijan roolia (palvelunjärjestäjä, palveluntuottaja): päätöstä, joka vaatii roolin, ei voi tehdä",
            "Klientdatasystemet har inte angett upprättarens roll (anordnare, serviceproducent): ett beslut som kräver en roll kan inte fattas",
        ),
        MarkingProblem::ConsentCodeMissing => (
            "Alaikäisen asiakkaan asiakirjaan merkitään huoltajalle luovuttamisen päätös koodina (esim. 1 = voidaan luovuttaa, koska alaikäinen ei kiellä)",
            "I en minderårig klients handling anges beslutet om utlämnande till vårdnadshavaren som kod (t.ex. 1 = kan lämnas ut eftersom den minderåriga inte förbjuder det)",
        ),
        MarkingProblem::ExclusionNotInHeader => (
            "Asiakirja jätetään OmaKannassa näyttämättä sen palvelun vuoksi, jossa se on kirjattu, mutta asiakirjan palvelutehtävä on toinen: kirjaa asiakirja rajatun palvelun palvelutehtävään tai korjaa palvelu",
            "Handlingen visas inte i MittKanta på grund av tjänsten den antecknats i, men handlingens serviceuppgift är en annan: anteckna handlingen i den undantagna tjänstens serviceuppgift eller rätta tjänsten",
        ),
        MarkingProblem::ProviderCannotKeepClientRecord => (
            "Palveluntuottaja ei voi laatia eikä muuttaa asiakkuusasiakirjaa eikä sulkea asiaa: sen tekee palvelunjärjestäjä (paitsi laajalla rekisterinkäyttöoikeudella)",
            "Serviceproducenten kan inte upprätta eller ändra klientrelationshandlingen eller avsluta ärendet: det gör anordnaren (utom med utvidgad registeranvändningsrätt)",
        ),
    };
    match lang {
        MessageLang::Fi => fi.to_string(),
        MessageLang::Sv => sv.to_string(),
        MessageLang::En => p.to_string(),
    }
}

/// Why no signed-ready bundle was made, as the worker reads it (the English text is the
/// CLI's and the library's `Display`).
pub fn refusal_message(r: &crate::emit::Refusal, lang: MessageLang) -> String {
    use crate::emit::Refusal as R;
    let sv = lang == MessageLang::Sv;
    let pick = |fi: String, s: String| if sv { s } else { fi };
    match r {
        _ if lang == MessageLang::En => r.to_string(),
        R::NotValmis { status } => pick(
            format!("Rakenteen tila on '{status}', ei 'Valmis': vain julkaistun rakenteen asiakirjan voi arkistoida"),
            format!("Strukturens status är '{status}', inte 'Valmis': bara handlingar på publicerade strukturer kan arkiveras"),
        ),
        R::Errors { issues } => pick(
            format!("Asiakirjassa on {} virhettä", issues.len()),
            format!("Handlingen har {} fel", issues.len()),
        ),
        R::Markings { problems } => problems
            .iter()
            .map(|p| marking_message(p, lang))
            .collect::<Vec<_>>()
            .join("; "),
        R::BadDocOid { value } => pick(
            format!("Asiakirjan tunniste '{value}' ei ole OID"),
            format!("Handlingens identifierare '{value}' är inte en OID"),
        ),
        R::StructureOid { oid, .. } => pick(
            format!("Rakenteen tunnisteesta {oid} ei saada asiakirjan tyyppiä"),
            format!("Handlingens typ framgår inte av strukturens identifierare {oid}"),
        ),
        R::UnevaluatedKeywords { .. } => pick(
            "Rakenteessa on sääntöjä, joita tämä versio ei tarkista: asiakirjaa ei voi todeta kelvolliseksi".into(),
            "Strukturen har regler som den här versionen inte kontrollerar: handlingen kan inte konstateras giltig".into(),
        ),
        R::CorrectionReasonMissing { .. } => pick(
            "Korjauksen syy ja selite puuttuvat".into(),
            "Orsaken till rättelsen och förklaringen saknas".into(),
        ),
        R::CorrectionNeedsNewOid => pick(
            "Korjattu versio tarvitsee oman asiakirjatunnisteen".into(),
            "Den rättade versionen behöver en egen identifierare".into(),
        ),
        R::StructureChanged { archived } => pick(
            format!("Korjaus tehdään samalle rakenteelle kuin arkistoitu versio ({archived})"),
            format!("Rättelsen görs på samma struktur som den arkiverade versionen ({archived})"),
        ),
        R::VersionInconsistent { .. } => pick(
            "Version numero ja korvattava versio eivät sovi yhteen".into(),
            "Versionsnumret och den ersatta versionen stämmer inte överens".into(),
        ),
        R::CorrectorNotAllowed { corrector } => {
            let (fi, svw) = match corrector.as_str() {
                "provider" => ("palveluntuottaja", "serviceproducenten"),
                _ => ("palvelunjärjestäjä", "anordnaren"),
            };
            pick(
                format!("Asiakirjaa voi nyt korjata vain {fi}"),
                format!("Handlingen kan nu rättas endast av {svw}"),
            )
        }
        R::CaseIdMismatch { document, context, .. } => pick(
            format!("Asianumero '{document}' ei ole asiakirjan asian tunniste '{context}'"),
            format!("Ärendenumret '{document}' är inte handlingens ärendeidentifierare '{context}'"),
        ),
        R::ClientNotInDocument { .. } => pick(
            "Asiakasjärjestelmän ilmoittama asiakas ei ole asiakirjan asiakas".into(),
            "Klienten som klientdatasystemet anger är inte handlingens klient".into(),
        ),
        R::Conflict { conflicts } => {
            let facts: Vec<&str> = conflicts.iter().map(|c| c.pointer()).collect();
            pick(
                format!("Asiakasjärjestelmän tiedot ovat ristiriidassa ({})", facts.join(", ")),
                format!("Klientdatasystemets uppgifter är motstridiga ({})", facts.join(", ")),
            )
        }
    }
}

/// Why the prose translator left a note unread, as the structure's author reads it
/// (these were English inside Finnish and Swedish messages).
pub fn unread_message(r: &crate::validate::derive::UnreadReason, lang: MessageLang) -> String {
    use crate::validate::derive::UnreadReason as U;
    let sv = lang == MessageLang::Sv;
    let pick = |fi: String, s: String| if sv { s } else { fi };
    match r {
        _ if lang == MessageLang::En => r.to_string(),
        U::NoNote => pick(
            "ei toteutusohjetta".into(),
            "ingen implementeringsanvisning".into(),
        ),
        U::NoKnownSentence => pick("ei tunnettua lausetta".into(), "ingen känd mening".into()),
        U::UnknownDisplaySentence => pick(
            "näyttämislause, jota ei tunneta".into(),
            "en visningsmening som inte är känd".into(),
        ),
        U::OneOfTooFew => pick(
            "\"toinen kentistä\" nimeää alle kaksi kenttää".into(),
            "\"ett av fälten\" nämner färre än två fält".into(),
        ),
        U::OneOfNotOneGroup => pick(
            "nimetyt kentät eivät ole samassa ryhmässä".into(),
            "de nämnda fälten är inte i samma grupp".into(),
        ),
        U::OneOfNotThisField => pick(
            "nimetyissä kentissä ei ole tätä kenttää".into(),
            "de nämnda fälten omfattar inte detta fält".into(),
        ),
        U::TwoParts { part } => pick(
            format!("kaksiosainen ehto ('{part}'): luetaan kokonaan tai ei lainkaan"),
            format!("ett villkor i två delar ('{part}'): läses helt eller inte alls"),
        ),
        U::RequiredCannotHide => pick(
            "skeema vaatii kentän: sääntö ei voi piilottaa sitä".into(),
            "schemat kräver fältet: en regel kan inte dölja det".into(),
        ),
        U::ConditionUnreadable => pick(
            "ehto, jota ei osata lukea".into(),
            "ett villkor som inte kan läsas".into(),
        ),
        U::FieldsNotApart { names } => pick(
            format!("ehdon kenttiä ei erota toisistaan: {}", names.join(", ")),
            format!("villkorets fält kan inte skiljas åt: {}", names.join(", ")),
        ),
        U::NotSwitch { name } => pick(
            format!("'{name}' ei ole kyllä/ei-kenttä"),
            format!("'{name}' är inte ett ja/nej-fält"),
        ),
        U::NotCode { name } => pick(
            format!("'{name}' ei ole koodikenttä"),
            format!("'{name}' är inte ett kodfält"),
        ),
        U::SeveralFieldsInCondition { name } => pick(
            format!("ehdossa on useampi kenttä: {name}"),
            format!("villkoret har flera fält: {name}"),
        ),
        U::NoSuchCode { name, code } => pick(
            format!("kentän '{name}' luokituksessa ei ole koodia {code}"),
            format!("fältet '{name}' har ingen kod {code}"),
        ),
        U::EmptyName => pick("tyhjä kentän nimi".into(), "ett tomt fältnamn".into()),
        U::SeveralFields { name } => pick(
            format!("nimi '{name}' on useammalla kentällä"),
            format!("namnet '{name}' har flera fält"),
        ),
        U::NoField { name } => pick(
            format!("yhdelläkään kentällä ei ole nimeä '{name}'"),
            format!("inget fält heter '{name}'"),
        ),
    }
}

/// A markings aspect's name (the correction panel's before/after view).
pub fn aspect_label(a: crate::restrict::MarkingAspect, lang: crate::lang::Lang) -> &'static str {
    use crate::lang::Lang;
    use crate::restrict::MarkingAspect as A;
    match (a, lang) {
        (A::SpecialContent, Lang::Fi) => "Erityissisältö",
        (A::SpecialContent, Lang::Sv) => "Särskilt innehåll",
        (A::OmaKanta, Lang::Fi) => "Näkyminen OmaKannassa",
        (A::OmaKanta, Lang::Sv) => "Synlighet i Mina Kanta-sidor",
        (A::Guardian, Lang::Fi) => "Näkyminen huoltajalle",
        (A::Guardian, Lang::Sv) => "Synlighet för vårdnadshavaren",
        (A::ExclusionLifted, Lang::Fi) => "Automaattinen rajaus purettu",
        (A::ExclusionLifted, Lang::Sv) => "Automatisk begränsning hävd",
    }
}

/// What a markings aspect says, in words (the correction panel's before/after view).
pub fn marking_value_text(v: &crate::restrict::MarkingValue, lang: crate::lang::Lang) -> String {
    use crate::restrict::{MarkingValue, OmaKanta, ProposalState};
    use chrono::Datelike;
    let sv = lang == crate::lang::Lang::Sv;
    let w = |fi: &'static str, s: &'static str| if sv { s } else { fi };
    let reason = |r: Option<&crate::restrict::Coded>, j: &str| {
        let mut s = String::new();
        if let Some(r) = r {
            s.push_str(&format!(" ({} {})", r.code, r.display));
        }
        if !j.trim().is_empty() {
            s.push_str(&format!(": {}", j.trim()));
        }
        s
    };
    match v {
        MarkingValue::Flag(b) => crate::lang::yes_no(*b, lang).to_string(),
        MarkingValue::OmaKanta(OmaKanta::Shown) => w("Näytetään", "Visas").to_string(),
        MarkingValue::OmaKanta(OmaKanta::Delayed {
            until,
            reason: r,
            justification,
        }) => format!(
            "{} {:02}.{:02}.{}{}",
            w("Näytetään alkaen", "Visas från"),
            until.day(),
            until.month(),
            until.year(),
            reason(r.as_ref(), justification)
        ),
        MarkingValue::OmaKanta(OmaKanta::NotShown {
            reason: r,
            justification,
        }) => format!(
            "{}{}",
            w("Ei näytetä", "Visas inte"),
            reason(r.as_ref(), justification)
        ),
        MarkingValue::Guardian(None) => "–".to_string(),
        MarkingValue::Guardian(Some(g)) => {
            let state = match g.proposal {
                ProposalState::Decided => "",
                ProposalState::Pending => w(", ehdotus odottaa", ", förslag väntar"),
                ProposalState::Confirmed => w(", ehdotus vahvistettu", ", förslaget bekräftat"),
                ProposalState::Rejected => w(", ehdotus hylätty", ", förslaget avslaget"),
            };
            format!(
                "{}{state}{}",
                if g.shown {
                    w("Näytetään", "Visas")
                } else {
                    w("Ei näytetä", "Visas inte")
                },
                reason(None, &g.justification)
            )
        }
    }
}

/// A structure-author finding as the author reads it (the English text is the CLI's
/// `lint` line without its pointer). The author view names the field by its title beside.
pub fn finding_message(kind: &FindingKind, lang: MessageLang) -> String {
    use MessageLang::*;
    let pick = |fi: String, sv: String, en: String| match lang {
        Fi => fi,
        Sv => sv,
        En => en,
    };
    match kind {
        FindingKind::MissingSwedish { key } => pick(
            format!("Tekstillä '{key}' ei ole ruotsinkielistä versiota"),
            format!("Texten '{key}' saknar svensk version"),
            format!("'{key}' has no Swedish text"),
        ),
        FindingKind::CopiedSwedish { key } => pick(
            format!("Ruotsinkielinen '{key}' on kopio suomenkielisestä tekstistä"),
            format!("Svenska '{key}' är en kopia av den finska texten"),
            format!("Swedish '{key}' is a copy of the Finnish text"),
        ),
        FindingKind::ConditionalWithoutRule { note } => {
            let first = note
                .as_deref()
                .map(|n| n.lines().next().unwrap_or("").trim().to_string());
            let with = |text: &str, label: &str| match &first {
                Some(n) => format!("{text} ({label}: {n})"),
                None => text.to_string(),
            };
            pick(
                with("Ehdollisesti pakollinen ilman koneellista sääntöä", "ehto"),
                with("Villkorligt obligatorisk utan maskinregel", "villkor"),
                with("conditionally required without a machine rule", "note"),
            )
        }
        FindingKind::ProseNotRead { reason } => pick(
            format!(
                "Ehtoa ei voitu lukea säännöksi kuvauksesta ({})",
                unread_message(reason, MessageLang::Fi)
            ),
            format!(
                "Villkoret kunde inte läsas som en regel ur beskrivningen ({})",
                unread_message(reason, MessageLang::Sv)
            ),
            format!("the condition's prose could not be read as a rule: {reason}"),
        ),
        FindingKind::DuplicateRowNumber { row, other } => pick(
            format!("Rivinumero {row} on käytössä myös kohdassa {other}"),
            format!("Radnummer {row} används också vid {other}"),
            format!("rowNumber {row} is also used at {other}"),
        ),
        FindingKind::RequiredInHiddenGroup => pick(
            "Pakollinen kohta ryhmässä, jonka otsikko on piilotettu (hiddenField)".into(),
            "Obligatorisk post i en grupp med dold rubrik (hiddenField)".into(),
            "required node inside a hiddenField group".into(),
        ),
        FindingKind::RuleHidesRequired => pick(
            "hiddenWhen-sääntö voi piilottaa tämän skeemassa pakollisen kentän".into(),
            "En hiddenWhen-regel kan dölja detta fält som schemat kräver".into(),
            "a hiddenWhen rule can hide this schema-required field".into(),
        ),
        FindingKind::Parse(k) => {
            let en = ParseWarning {
                pointer: String::new(),
                kind: k.clone(),
            }
            .to_string()
            .trim_end_matches(" at /")
            .to_string();
            let (fi, sv) = match k {
                ParseWarningKind::UnknownKeyword { keyword } => (
                    format!("Avainsana '{keyword}' ei ole ehto; ohitetaan"),
                    format!("Nyckelordet '{keyword}' är inget villkor; ignoreras"),
                ),
                ParseWarningKind::UnevaluatedKeyword { keyword } => (
                    format!("draft-07-avainsanaa '{keyword}' ei tarkisteta: asiakirjoja ei tarkisteta sitä vasten eikä allekirjoitusvalmista asiakirjaa muodosteta"),
                    format!("draft-07-nyckelordet '{keyword}' kontrolleras inte: handlingar kontrolleras inte mot det och ingen handling klar för underskrift skapas"),
                ),
                ParseWarningKind::UnknownSosmetaKey { key } => (
                    format!("Tuntematon sosmeta-avain '{key}'"),
                    format!("Okänd sosmeta-nyckel '{key}'"),
                ),
                ParseWarningKind::UnknownRepresentation { representation } => (
                    format!("Tuntematon esitysmuoto '{representation}'"),
                    format!("Okänd representation '{representation}'"),
                ),
                ParseWarningKind::MissingRepresentation => (
                    "Kentällä ei ole esitysmuotoa".to_string(),
                    "Fältet saknar representation".to_string(),
                ),
                ParseWarningKind::RepresentationMismatch {
                    representation,
                    json_type,
                } => (
                    format!("Esitysmuoto '{representation}' ei sovi tyyppiin '{json_type}'"),
                    format!("Representationen '{representation}' passar inte typen '{json_type}'"),
                ),
                ParseWarningKind::RequiredMismatch { sosmeta, schema } => (
                    format!("sosmeta.required on {sosmeta}, mutta skeeman required-lista sanoo {schema}"),
                    format!("sosmeta.required är {sosmeta} men schemats required-lista säger {schema}"),
                ),
                ParseWarningKind::RepeatableMismatch { sosmeta } => (
                    format!("sosmeta.repeatable on {sosmeta}, mutta skeeman tyyppi sanoo {}", !sosmeta),
                    format!("sosmeta.repeatable är {sosmeta} men schemats typ säger {}", !sosmeta),
                ),
                ParseWarningKind::OpenObject => (
                    "Objekti sallii lisäominaisuudet".to_string(),
                    "Objektet tillåter ytterligare egenskaper".to_string(),
                ),
            };
            pick(fi, sv, en)
        }
    }
}

/// What a professional previewing a document reads when an audience sees nothing of it
/// (why: [`HiddenReason`]).
pub fn hidden_reason_message(r: &HiddenReason, lang: MessageLang) -> String {
    match lang {
        MessageLang::Sv => hidden_reason_sv(r),
        MessageLang::Fi => hidden_reason_fi(r),
        MessageLang::En => match r {
            HiddenReason::Excluded(e) => {
                format!(
                    "Not shown in OmaKanta: {} (the subject is never shown)",
                    e.text_fi()
                )
            }
            HiddenReason::SpecialContent => "Special content".into(),
            HiddenReason::NotShown => "Not shown in OmaKanta".into(),
            HiddenReason::Delayed(d) => format!("Shown from {d}"),
            HiddenReason::NotForGuardian { pending: false } => "Not shown to the guardian".into(),
            HiddenReason::NotForGuardian { pending: true } => {
                "Not shown to the guardian (a provider's proposal waits for the organiser)".into()
            }
            HiddenReason::GuardianMarkMissing => "The guardian mark is missing".into(),
            HiddenReason::ClientNotMinor => "The client is not a minor: no guardian view".into(),
            HiddenReason::ClientAgeUnknown => {
                "The client's age cannot be told (invalid henkilötunnus): not shown to the guardian"
                    .into()
            }
        },
    }
}

fn hidden_reason_fi(r: &HiddenReason) -> String {
    match r {
            HiddenReason::Excluded(e) => format!("Ei näytetä OmaKannassa: {}", e.text_fi()),
            HiddenReason::SpecialContent => "Erityissisältö".into(),
            HiddenReason::NotShown => "Ei näytetä OmaKannassa".into(),
            HiddenReason::Delayed(d) => format!("Näytetään {}.{}.{} alkaen", d.day(), d.month(), d.year()),
            HiddenReason::NotForGuardian { pending: false } => "Ei näytetä huoltajalle".into(),
            HiddenReason::NotForGuardian { pending: true } => "Ei näytetä huoltajalle (palveluntuottajan ehdotus odottaa vastuutyöntekijän päätöstä)".into(),
            HiddenReason::GuardianMarkMissing => "Huoltajalle näyttämisen merkintä puuttuu".into(),
            HiddenReason::ClientNotMinor => "Asiakas ei ole alaikäinen: huoltajanäkymää ei ole".into(),
            HiddenReason::ClientAgeUnknown => "Asiakkaan ikää ei voi päätellä (henkilötunnus ei ole kelvollinen): ei näytetä huoltajalle".into(),
        }
}

fn hidden_reason_sv(r: &HiddenReason) -> String {
    match r {
            HiddenReason::Excluded(e) => format!("Visas inte i Mina Kanta-sidor: {}", e.text_sv()),
            HiddenReason::SpecialContent => "Särskilt innehåll".into(),
            HiddenReason::NotShown => "Visas inte i Mina Kanta-sidor".into(),
            HiddenReason::Delayed(d) => {
                format!("Visas från {}.{}.{}", d.day(), d.month(), d.year())
            }
            HiddenReason::NotForGuardian { pending: false } => {
                "Visas inte för vårdnadshavaren".into()
            }
            HiddenReason::NotForGuardian { pending: true } => {
                "Visas inte för vårdnadshavaren (serviceproducentens förslag väntar på beslut)"
                    .into()
            }
            HiddenReason::GuardianMarkMissing => {
                "Markeringen om visning för vårdnadshavaren saknas".into()
            }
            HiddenReason::ClientNotMinor => {
                "Klienten är inte minderårig: ingen vy för vårdnadshavare".into()
            }
            HiddenReason::ClientAgeUnknown => {
                "Klientens ålder kan inte fastställas (personbeteckningen är ogiltig): visas inte för vårdnadshavaren".into()
            }
        }
}

/// A structure's sentence as a message: without its "Ehdollisesti pakollinen:" label,
/// ending in a full stop.
fn structure_sentence(note: &str) -> String {
    let mut n = note.trim();
    for label in crate::validate::derive::CONDITION_LABELS {
        if let Some(rest) = n.strip_prefix(label) {
            n = rest.trim();
        }
    }
    if n.ends_with(['.', '!', '?']) {
        n.to_string()
    } else {
        format!("{n}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The author view's findings, English before, read in Finnish and Swedish
    /// like every other message; the English text is the CLI's lint line.
    #[test]
    fn findings_read_in_finnish_and_swedish() {
        let kinds = [
            FindingKind::MissingSwedish { key: "title" },
            FindingKind::CopiedSwedish { key: "name" },
            FindingKind::ConditionalWithoutRule {
                note: Some("Pakollinen, jos asiakas osallistui.\nLisää".into()),
            },
            FindingKind::DuplicateRowNumber {
                row: 3,
                other: "/properties/a".into(),
            },
            FindingKind::RequiredInHiddenGroup,
            FindingKind::RuleHidesRequired,
            FindingKind::ProseNotRead {
                reason: crate::validate::derive::UnreadReason::NoField { name: "x".into() },
            },
            FindingKind::Parse(ParseWarningKind::OpenObject),
            FindingKind::Parse(ParseWarningKind::UnknownRepresentation {
                representation: "Outo".into(),
            }),
        ];
        for k in kinds {
            let (fi, sv, en) = (
                finding_message(&k, MessageLang::Fi),
                finding_message(&k, MessageLang::Sv),
                finding_message(&k, MessageLang::En),
            );
            assert!(!fi.is_empty() && fi != sv && fi != en && sv != en, "{k:?}");
            let f = crate::lint::Finding {
                pointer: "/x".into(),
                kind: k.clone(),
            };
            assert_eq!(f.to_string(), format!("{en} at /x"));
        }
        assert!(finding_message(
            &FindingKind::ConditionalWithoutRule {
                note: Some("Pakollinen, jos asiakas osallistui.\nLisää".into())
            },
            MessageLang::Fi
        )
        .ends_with("(ehto: Pakollinen, jos asiakas osallistui.)"));
    }

    #[test]
    fn message_table() {
        let cases: &[(IssueKind, MessageLang, &str)] = &[
            (
                IssueKind::MissingRequired,
                MessageLang::Fi,
                "Pakollinen tieto puuttuu",
            ),
            (
                IssueKind::MissingRequired,
                MessageLang::Sv,
                "Obligatorisk uppgift saknas",
            ),
            (
                IssueKind::MissingRequired,
                MessageLang::En,
                "Required value is missing",
            ),
            (
                IssueKind::TooFewItems { min: 1, found: 0 },
                MessageLang::Fi,
                "Vähintään 1 kpl vaaditaan, nyt 0",
            ),
            (
                IssueKind::PatternMismatch {
                    what: "Pvm".into(),
                    pattern: String::new(),
                },
                MessageLang::En,
                "Date must be YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            (
                IssueKind::UnknownProperty { key: "x".into() },
                MessageLang::Sv,
                "Uppgiften 'x' finns inte i denna dokumentstruktur",
            ),
            (
                IssueKind::ConditionallyRequired {
                    note_fi: Some("Ehdollisesti pakollinen: jos A".into()),
                    note_sv: None,
                },
                MessageLang::Sv,
                "Villkorligt obligatorisk – kontrollera villkoret: Ehdollisesti pakollinen: jos A",
            ),
            (
                IssueKind::PhraseChanged,
                MessageLang::Fi,
                "Vakiofraasia ei saa muuttaa",
            ),
        ];
        for (kind, lang, expected) in cases {
            assert_eq!(issue_message(kind, *lang), *expected);
        }
    }

    #[test]
    fn marking_message_table() {
        let cases = [
            (MarkingProblem::GuardianMarkMissing, MessageLang::Fi, "Asiakas on alaikäinen, tai hänen ikänsä ei selviä: merkitse, näytetäänkö asiakirja huoltajalle"),
            (MarkingProblem::ExclusionNotLiftable, MessageLang::Sv, "Endast adoptionsrådgivningens undantag från MittKanta kan hävas"),
            (MarkingProblem::DelayNotInFuture, MessageLang::Sv, "Fördröjningens datum måste vara i framtiden"),
            (MarkingProblem::ProviderCannotDecide, MessageLang::En, "a service provider can only propose non-disclosure to the guardian; the organiser decides"),
        ];
        for (p, lang, expected) in cases {
            assert_eq!(marking_message(&p, lang), expected);
        }
    }
}
