//! The component's own UI texts in Finnish and Swedish (the i18n edge of the view).

use crate::lang::Lang;

/// A UI text key.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Ui {
    Required,
    Add,
    Remove,
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
    HostErrors,
    NoStructure,
    NotValid,
}

/// The text for `key` in `lang`.
pub fn ui(key: Ui, lang: Lang) -> &'static str {
    use Ui::*;
    let (fi, sv) = match key {
        Required => ("pakollinen", "obligatorisk"),
        Add => ("Lisää", "Lägg till"),
        Remove => ("Poista", "Ta bort"),
        UndoRemove => ("Peru poisto", "Ångra borttagningen"),
        Removed => ("Kohde poistettu.", "Posten togs bort."),
        Yes => ("Kyllä", "Ja"),
        No => ("Ei", "Nej"),
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
    };
    match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
    }
}
