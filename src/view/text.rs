//! The component's own UI texts in Finnish and Swedish (the i18n edge of the view).

use crate::lang::Lang;

/// A UI text key.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Ui {
    NothingToShow,
    PreviewBanner,
    Required,
    Add,
    Remove,
    /// "Näytä kaikki" on a collapsed list's button.
    ShowAll,
    /// "ei näytetä": how many items the collapsed list does not show.
    NotShown,
    /// "virhettä näyttämättömissä kohdissa": errors in a collapsed list's hidden items.
    ErrorsInCollapsed,
    UndoRemove,
    Removed,
    Yes,
    No,
    Clear,
    Emit,
    EmitOk,
    ErrorsTitle,
    WarningsTitle,
    Progress,
    Language,
    Unsupported,
    SignatureOnPaper,
    CodeFree,
    Code,
    Display,
    Unit,
    Value,
    System,
    PickDate,
    NotANumber,
    FallbackFi,
    Item,
    Condition,
    NoErrors,
    Search,
    ReadOnly,
    CaseIdLocked,
    CorrTitle,
    CorrReplaces,
    CorrChanges,
    CorrNone,
    CorrField,
    CorrBefore,
    CorrAfter,
    CorrAdded,
    CorrChanged,
    CorrRemoved,
    CorrReason,
    CorrReasonCode,
    CorrReasonName,
    CorrText,
    HostErrors,
    NoStructure,
    NotValid,
    Example,
    // The restriction-markings panel (view/markings.rs).
    MkTitle,
    MkExcluded,
    MkLiftExclusion,
    MkSpecialContent,
    MkOmaKanta,
    MkShown,
    MkDelayed,
    MkNotShown,
    MkShownFrom,
    MkReason,
    MkJustification,
    MkGuardian,
    MkGuardianRequired,
    MkMinorNote,
    MkGuardianShown,
    MkGuardianHidden,
    MkMinorDecision,
    MkConsentCode,
    MkConsentDisplay,
    MkRoleMissing,
    MkConfirm,
    MkReject,
    MkProposalPending,
    MkProposalAwaitsYou,
    MkProposalConfirmed,
    MkProposalRejected,
    MkDecided,
    // The structure author view (view/author.rs).
    AuStatusLabel,
    AuDraft,
    AuStatus,
    AuNotArchivable,
    AuFindings,
    AuNoFindings,
    AuSwedishMissing,
    AuCopiedFromFinnish,
    AuPlace,
    AuState,
    AuTranslations,
    AuAllTranslated,
    AuMissingTranslations,
    AuAllTextsSideBySide,
    AuAllTexts,
    AuConditional,
    AuRule,
    AuNoConditional,
    AuHasRule,
    AuProseOnly,
    AuDerived,
    /// A curated rule covers the field.
    AuCurated,
    /// The condition cannot be checked by a machine.
    AuUncheckable,
    AuAddRuleSkeleton,
    AuRulesFile,
    AuRulesJson,
    AuTryRules,
}

/// The text for `key` in `lang`.
pub fn ui(key: Ui, lang: Lang) -> &'static str {
    use Ui::*;
    let (fi, sv) = match key {
        Required => ("pakollinen", "obligatorisk"),
        Add => ("Lisää", "Lägg till"),
        Remove => ("Poista", "Ta bort"),
        ShowAll => ("Näytä kaikki", "Visa alla"),
        NotShown => ("ei näytetä", "visas inte"),
        ErrorsInCollapsed => (
            "virhettä kohdissa, joita ei näytetä",
            "fel i poster som inte visas",
        ),
        UndoRemove => ("Peru poisto", "Ångra borttagningen"),
        Removed => ("Kohde poistettu.", "Posten togs bort."),
        Yes => return crate::lang::yes_no(true, lang),
        No => return crate::lang::yes_no(false, lang),
        Clear => ("Tyhjennä", "Töm"),
        Emit => (
            "Muodosta allekirjoitusvalmis asiakirja",
            "Skapa handling klar för underskrift",
        ),
        EmitOk => (
            "Allekirjoitusvalmis asiakirja muodostettu.",
            "Handlingen är klar för underskrift.",
        ),
        ErrorsTitle => ("Korjaa ennen allekirjoitusta", "Rätta före underskrift"),
        WarningsTitle => ("Tarkistettavaa", "Att kontrollera"),
        Progress => ("pakollista täytetty", "obligatoriska ifyllda"),
        Language => ("Kieli", "Språk"),
        Unsupported => ("Tukematon kenttä", "Fält som inte stöds"),
        SignatureOnPaper => (
            "Allekirjoitetaan paperitulosteeseen.",
            "Undertecknas på pappersutskriften.",
        ),
        CodeFree => (
            "Koodistoa ei ole saatavilla: kirjoita koodi ja selite.",
            "Kodsystemet finns inte: skriv kod och förklaring.",
        ),
        Code => ("Koodi", "Kod"),
        Display => ("Selite", "Förklaring"),
        Unit => ("Yksikkö", "Enhet"),
        Value => ("Arvo", "Värde"),
        System => ("Tunnisteen järjestelmä", "Beteckningens system"),
        PickDate => ("Valitse päivä", "Välj dag"),
        NotANumber => ("Anna luku, esim. 12,5", "Ange ett tal, t.ex. 12,5"),
        FallbackFi => (
            "(suomeksi, ruotsinkielinen teksti puuttuu)",
            "(på finska, svensk text saknas)",
        ),
        Item => ("Kohde", "Post"),
        Condition => ("Ehto", "Villkor"),
        NoErrors => ("Ei korjattavaa.", "Inget att rätta."),
        Search => ("Hae koodistosta", "Sök i kodsystemet"),
        CaseIdLocked => (
            "Asiatunnus tulee asiakirjan metatiedoista eikä sitä muuteta tässä.",
            "Ärendekoden kommer från handlingens metadata och ändras inte här.",
        ),
        ReadOnly => (
            "Vain luku: asiakirjaa ei voi muokata tässä näkymässä.",
            "Endast läsning: handlingen kan inte redigeras här.",
        ),
        HostErrors => ("Lomaketta ei voitu avata", "Blanketten kunde inte öppnas"),
        NoStructure => (
            "Asiakirjarakennetta ei ole annettu.",
            "Ingen handlingsstruktur har angetts.",
        ),
        NotValid => ("ei voimassa", "inte i kraft"),
        Example => ("Esimerkki", "Exempel"),
        NothingToShow => ("Ei näytettäviä tietoja.", "Inga uppgifter att visa."),
        PreviewBanner => (
            "Ammattilaisen esikatselu (ei osa katsojan näkymää)",
            "Förhandsgranskning för yrkesperson (inte en del av vyn)",
        ),
        MkTitle | MkExcluded | MkLiftExclusion | MkSpecialContent | MkOmaKanta | MkShown
        | MkDelayed | MkNotShown | MkShownFrom | MkReason | MkJustification | MkGuardian
        | MkGuardianRequired | MkMinorNote | MkGuardianShown | MkGuardianHidden
        | MkMinorDecision | MkConsentCode | MkConsentDisplay | MkRoleMissing | MkConfirm
        | MkReject | MkProposalPending | MkProposalAwaitsYou | MkProposalConfirmed
        | MkProposalRejected | MkDecided => markings_words(key),
        CorrTitle | CorrReplaces | CorrChanges | CorrNone | CorrField | CorrBefore | CorrAfter
        | CorrAdded | CorrChanged | CorrRemoved | CorrReason | CorrReasonCode | CorrReasonName
        | CorrText => correction_words(key),
        AuStatusLabel
        | AuDraft
        | AuStatus
        | AuNotArchivable
        | AuFindings
        | AuNoFindings
        | AuSwedishMissing
        | AuCopiedFromFinnish
        | AuPlace
        | AuState
        | AuTranslations
        | AuAllTranslated
        | AuMissingTranslations
        | AuAllTextsSideBySide
        | AuAllTexts
        | AuConditional
        | AuRule
        | AuNoConditional
        | AuHasRule
        | AuProseOnly
        | AuDerived
        | AuCurated
        | AuUncheckable
        | AuAddRuleSkeleton
        | AuRulesFile
        | AuRulesJson
        | AuTryRules => author_words(key),
    };
    match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
    }
}

/// The markings panel's words (Finnish, Swedish).
fn markings_words(key: Ui) -> (&'static str, &'static str) {
    use Ui::*;
    match key {
        MkTitle => ("Näkyvyys ja rajoitukset", "Synlighet och begränsningar"),
        MkExcluded => ("Ei näytetä OmaKannassa", "Visas inte i Mina Kanta-sidor"),
        MkLiftExclusion => (
            "Palvelunjärjestäjä poistaa rajauksen (näytetään OmaKannassa)",
            "Anordnaren häver begränsningen (visas i Mina Kanta-sidor)",
        ),
        MkSpecialContent => (
            "Erityissisältö: ei näytetä asiakkaalle OmaKannassa",
            "Särskilt innehåll: visas inte för klienten i Mina Kanta-sidor",
        ),
        MkOmaKanta => ("Näyttäminen OmaKannassa", "Visning i Mina Kanta-sidor"),
        MkShown => ("Näytetään", "Visas"),
        MkDelayed => ("Näytetään myöhemmin", "Visas senare"),
        MkNotShown => ("Ei näytetä", "Visas inte"),
        MkShownFrom => ("Näytetään alkaen", "Visas från"),
        MkReason => ("Syy", "Orsak"),
        MkJustification => ("Perustelu", "Motivering"),
        MkGuardian => ("Näyttäminen huoltajalle", "Visning för vårdnadshavaren"),
        MkGuardianRequired => (
            " (pakollinen: asiakas on alaikäinen)",
            " (obligatorisk: klienten är minderårig)",
        ),
        MkMinorNote => (
            "Asiakas on alaikäinen: merkitse jokaiseen asiakirjaan, näytetäänkö se huoltajalle.",
            "Klienten är minderårig: markera i varje handling om den visas för vårdnadshavaren.",
        ),
        MkGuardianShown => ("Näytetään huoltajalle", "Visas för vårdnadshavaren"),
        MkGuardianHidden => ("Ei näytetä huoltajalle", "Visas inte för vårdnadshavaren"),
        MkMinorDecision => ("Alaikäisen oma päätös", "Den minderårigas eget beslut"),
        MkConsentCode => (
            "Päätöksen koodi (Alaikäisen asiakastietojen luovuttaminen huoltajille)",
            "Beslutets kod (Utlämnande av en minderårig klients uppgifter till vårdnadshavare)",
        ),
        MkConsentDisplay => ("Koodin selite", "Kodens beskrivning"),
        MkRoleMissing => (
            "Asiakasjärjestelmä ei ole kertonut laatijan roolia: päätöksiä, jotka vaativat roolin, ei voi tehdä.",
            "Klientdatasystemet har inte angett upprättarens roll: beslut som kräver en roll kan inte fattas.",
        ),
        MkConfirm => ("Vahvista: ei näytetä", "Bekräfta: visas inte"),
        MkReject => ("Hylkää: näytetään", "Avslå: visas"),
        MkProposalPending => (
            "Ehdotus: odottaa palvelunjärjestäjän vastuutyöntekijän päätöstä.",
            "Förslag: väntar på beslut av anordnarens ansvariga arbetstagare.",
        ),
        MkProposalAwaitsYou => (
            "Palveluntuottajan ehdotus odottaa päätöstäsi.",
            "Serviceproducentens förslag väntar på ditt beslut.",
        ),
        MkProposalConfirmed => (
            "Vastuutyöntekijä on vahvistanut: ei näytetä huoltajalle.",
            "Den ansvariga arbetstagaren har bekräftat: visas inte.",
        ),
        MkProposalRejected => (
            "Vastuutyöntekijä on hylännyt ehdotuksen: näytetään huoltajalle.",
            "Den ansvariga arbetstagaren har avslagit förslaget: visas.",
        ),
        MkDecided => (
            "Vastuutyöntekijän päätös.",
            "Den ansvariga arbetstagarens beslut.",
        ),
        _ => ("", ""),
    }
}

/// The correction panel's words (Finnish, Swedish).
fn correction_words(key: Ui) -> (&'static str, &'static str) {
    use Ui::*;
    match key {
        CorrTitle => ("Korjaus: versio", "Rättelse: version"),
        CorrReplaces => (
            "Korvaa arkistoidun asiakirjan",
            "Ersätter den arkiverade handlingen",
        ),
        CorrChanges => (
            "Muutokset arkistoituun versioon",
            "Ändringar mot den arkiverade versionen",
        ),
        CorrNone => ("Ei vielä muutoksia.", "Inga ändringar ännu."),
        CorrField => ("Tieto", "Uppgift"),
        CorrBefore => ("Ennen", "Före"),
        CorrAfter => ("Jälkeen", "Efter"),
        CorrAdded => ("lisätty", "tillagd"),
        CorrChanged => ("muutettu", "ändrad"),
        CorrRemoved => ("poistettu", "borttagen"),
        CorrReason => ("Korjauksen syy", "Orsak till rättelsen"),
        CorrReasonCode => ("Korjauksen syyn koodi", "Kod för orsaken till rättelsen"),
        CorrReasonName => ("Korjauksen syyn nimi", "Namn på orsaken till rättelsen"),
        CorrText => ("Korjauksen perustelu", "Motivering till rättelsen"),
        _ => ("", ""),
    }
}

/// The author view's words (Finnish, Swedish).
fn author_words(key: Ui) -> (&'static str, &'static str) {
    use Ui::*;
    match key {
        AuStatusLabel => ("Tila:", "Status:"),
        AuDraft => ("Luonnos", "Utkast"),
        AuStatus => ("tila", "status"),
        AuNotArchivable => (
            "Tällä rakenteella ei voi muodostaa arkistoitavaa asiakirjaa.",
            "Med denna struktur kan ingen arkiverbar handling skapas.",
        ),
        AuFindings => ("Tarkistuslöydökset", "Granskningsfynd"),
        AuNoFindings => ("Ei löydöksiä.", "Inga fynd."),
        AuSwedishMissing => ("ruotsi puuttuu", "svenska saknas"),
        AuCopiedFromFinnish => ("kopioitu suomesta", "kopierad från finska"),
        AuPlace => ("Kohta", "Ställe"),
        AuState => ("Tila", "Status"),
        AuTranslations => ("Käännökset", "Översättningar"),
        AuAllTranslated => (
            "Kaikilla suomenkielisillä teksteillä on oma ruotsinkielinen käännös.",
            "Alla finska texter har en egen svensk översättning.",
        ),
        AuMissingTranslations => (
            "Puuttuvat tai kopioidut käännökset",
            "Saknade eller kopierade översättningar",
        ),
        AuAllTextsSideBySide => ("Kaikki tekstit rinnakkain", "Alla texter sida vid sida"),
        AuAllTexts => ("Kaikki tekstit", "Alla texter"),
        AuConditional => ("Ehdollisesti pakolliset", "Villkorligt obligatoriska"),
        AuRule => ("sääntö", "regel"),
        AuNoConditional => (
            "Rakenteessa ei ole ehdollisesti pakollisia kenttiä.",
            "Strukturen har inga villkorligt obligatoriska fält.",
        ),
        AuHasRule => ("koneellinen sääntö on", "maskinregel finns"),
        AuProseOnly => ("vain sanallinen ehto", "endast villkor i text"),
        AuDerived => (
            "sääntö luettu rakenteen kuvauksesta",
            "regel läst ur strukturens beskrivning",
        ),
        AuCurated => (
            "sääntö kirjoitettu rakenteen kuvauksesta käsin",
            "regel skriven för hand ur strukturens beskrivning",
        ),
        AuUncheckable => (
            "ehtoa ei voi tarkistaa koneellisesti",
            "villkoret kan inte kontrolleras maskinellt",
        ),
        AuAddRuleSkeleton => ("Lisää sääntöpohja", "Lägg till regelmall"),
        AuRulesFile => ("Sääntötiedosto", "Regelfil"),
        AuRulesJson => ("Ehtosäännöt (JSON)", "Villkorsregler (JSON)"),
        AuTryRules => (
            "Kokeile sääntöjä lomakkeella",
            "Pröva reglerna på blanketten",
        ),
        _ => ("", ""),
    }
}
