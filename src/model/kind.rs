//! Field kinds: one variant per Sosmeta representation (fi. *esitysmuoto*).

use std::fmt;

/// What kind of value a field holds, from its Sosmeta `representation`.
///
/// Classified once in [`crate::model::Structure::from_json`]; the view has exactly one
/// `match` over it and the display form formats values by it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// Free text (fi. *Teksti*), a JSON string, possibly multi-line.
    Text,
    /// A name (fi. *Nimi*), a single-line JSON string.
    Name,
    /// Yes/no switch (fi. *Kytkin*), a JSON boolean.
    Switch,
    /// Date, possibly partial (fi. *Pvm*): `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    PartialDate,
    /// Point in time with zone (fi. *Hetki*), e.g. `2026-03-19T13:33:30+03:00`.
    Instant,
    /// Coded value (fi. *Koodi*): `{system, code, display}`.
    Code,
    /// Identifier (fi. *Tunnus*): `{system?, value}`.
    Identifier,
    /// Quantity with a unit: amount (fi. *Määrä*), percent (*Prosentti*) or measure (*Mitta*).
    Quantity(QuantityKind),
    /// A number (fi. *Numero*).
    Number,
    /// A count (fi. *Lkm*).
    Count,
    /// A fixed phrase shown as is (fi. *Fraasi*).
    Phrase,
    /// Handwritten signature line (fi. *Allekirjoitus*), only for paper print-outs.
    Signature,
    /// A representation this version does not know; kept with a parse warning.
    Unknown {
        /// The representation text as written in the structure.
        representation: String,
    },
}

/// The three quantity representations.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum QuantityKind {
    /// *Määrä*: an amount, e.g. euros.
    Amount,
    /// *Prosentti*: a percentage.
    Percent,
    /// *Mitta*: a measure, e.g. square metres.
    Measure,
}

impl FieldKind {
    /// Classifies a Finnish representation name. `None` for group representations
    /// (`Otsikko`) and unknown names.
    pub fn from_representation(fi: &str) -> Option<FieldKind> {
        Some(match fi.trim() {
            "Teksti" => FieldKind::Text,
            "Nimi" => FieldKind::Name,
            "Kytkin" => FieldKind::Switch,
            "Pvm" => FieldKind::PartialDate,
            "Hetki" => FieldKind::Instant,
            "Koodi" => FieldKind::Code,
            "Tunnus" => FieldKind::Identifier,
            "Määrä" => FieldKind::Quantity(QuantityKind::Amount),
            "Prosentti" => FieldKind::Quantity(QuantityKind::Percent),
            "Mitta" => FieldKind::Quantity(QuantityKind::Measure),
            "Numero" => FieldKind::Number,
            "Lkm" => FieldKind::Count,
            "Fraasi" => FieldKind::Phrase,
            "Allekirjoitus" => FieldKind::Signature,
            _ => return None,
        })
    }

    /// The Finnish representation name of this kind.
    pub fn representation(&self) -> &str {
        match self {
            FieldKind::Text => "Teksti",
            FieldKind::Name => "Nimi",
            FieldKind::Switch => "Kytkin",
            FieldKind::PartialDate => "Pvm",
            FieldKind::Instant => "Hetki",
            FieldKind::Code => "Koodi",
            FieldKind::Identifier => "Tunnus",
            FieldKind::Quantity(QuantityKind::Amount) => "Määrä",
            FieldKind::Quantity(QuantityKind::Percent) => "Prosentti",
            FieldKind::Quantity(QuantityKind::Measure) => "Mitta",
            FieldKind::Number => "Numero",
            FieldKind::Count => "Lkm",
            FieldKind::Phrase => "Fraasi",
            FieldKind::Signature => "Allekirjoitus",
            FieldKind::Unknown { representation } => representation,
        }
    }

    /// True for kinds stored as a JSON object of parts (Koodi, Tunnus, quantities).
    pub fn is_object_shaped(&self) -> bool {
        matches!(
            self,
            FieldKind::Code | FieldKind::Identifier | FieldKind::Quantity(_)
        )
    }
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.representation())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_fifteen_representations_classify() {
        let names = [
            "Teksti",
            "Nimi",
            "Kytkin",
            "Pvm",
            "Hetki",
            "Koodi",
            "Tunnus",
            "Määrä",
            "Prosentti",
            "Mitta",
            "Numero",
            "Lkm",
            "Fraasi",
            "Allekirjoitus",
        ];
        for n in names {
            let k = FieldKind::from_representation(n).expect(n);
            assert_eq!(k.representation(), n);
        }
        // The fifteenth, Otsikko, is a group heading, not a field.
        assert_eq!(FieldKind::from_representation("Otsikko"), None);
    }
}
