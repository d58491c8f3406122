//! What a widget tells the editor ([`FieldEdit`]) and the one function that turns it into
//! a stored value ([`stored_value`]) and an edit of the document ([`edit_for`]). PURE: no
//! Yew, no browser; natively tested.
//!
//! Widgets only report what the user did (the text typed, the box ticked, the code
//! picked); the rules of the stored shapes live here: a Koodi carries the field's code
//! system (DOMAIN.md, representations), a Tunnus its default system, a Määrä an exact
//! number read with a decimal comma and its unit, an instant its UTC offset,
//! and a partial date is stored in its ISO form.

use crate::document::{DataPath, Edit, Item, Parts, PathToken, Plain};

use super::vm::{parse_partial_date, FieldVm};

/// What the user did in one field's widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldEdit {
    /// A text typed in a Teksti or Nimi field.
    Text(String),
    /// A Totuusarvo ticked or unticked (`None`: cleared back to no answer).
    Switch(Option<bool>),
    /// A date typed Finnish style (`23.3.2026`, `3.2026`, `2026`) or ISO.
    TypedDate(String),
    /// A date picked from the calendar (ISO `YYYY-MM-DD`, empty when cleared).
    PickedDate(String),
    /// A wall-clock time from a `datetime-local` input and the UTC offset of that time
    /// where the user is (`+02:00`; the browser tells it).
    Instant {
        /// `2026-03-19T13:33` or `…:30`.
        local: String,
        /// `+02:00`.
        offset: String,
    },
    /// A Koodi's code and display text (free entry or a choice from a list).
    Code {
        /// The code.
        code: String,
        /// Its display text.
        display: String,
    },
    /// A Tunnus's value.
    Identifier(String),
    /// A Määrä's number as typed and its unit.
    Quantity {
        /// The number as typed (decimal comma, spaces).
        value: String,
        /// The unit.
        unit: String,
    },
    /// A Numero or Lukumäärä as typed.
    Number(String),
    /// The user left the field: its issues show from now on.
    Leave,
}

/// What an edit does to the stored value.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Store this value.
    Set(Item),
    /// Remove the value (an empty field).
    Clear,
    /// Leave the stored value as it is (a number still being typed, e.g. `12,`).
    Keep,
}

impl Stored {
    fn from_option(v: Option<Item>) -> Stored {
        v.map_or(Stored::Clear, Stored::Set)
    }
}

/// The stored value an edit of the field `vm` gives.
pub fn stored_value(vm: &FieldVm, edit: &FieldEdit) -> Stored {
    match edit {
        FieldEdit::Text(t) | FieldEdit::PickedDate(t) => Stored::from_option(text_item(t)),
        FieldEdit::Switch(b) => Stored::from_option(b.map(|b| Item::Plain(Plain::Bool(b)))),
        FieldEdit::TypedDate(raw) => {
            // The ISO form when it reads as a date; else the text as typed, which the
            // validator then names (never silently dropped).
            let v = parse_partial_date(raw)
                .or_else(|| (!raw.trim().is_empty()).then(|| raw.trim().to_string()));
            Stored::from_option(v.map(|v| Item::Plain(Plain::Text(v))))
        }
        FieldEdit::Instant { local, offset } => Stored::from_option(
            instant_from_local(local, offset).map(|v| Item::Plain(Plain::Text(v))),
        ),
        FieldEdit::Code { code, display } => Stored::from_option(code_item(vm, code, display)),
        FieldEdit::Identifier(v) => Stored::from_option((!v.is_empty()).then(|| {
            let system = vm.code_system.clone().or_else(|| {
                vm.parts
                    .iter()
                    .find(|p| p.0 == "system")
                    .map(|p| p.1.clone())
            });
            let mut values = Vec::new();
            if let Some(sys) = system {
                values.push(("system", Plain::Text(sys)));
            }
            values.push(("value", Plain::Text(v.clone())));
            parts_item(&vm.part_keys, values)
        })),
        FieldEdit::Quantity { value, unit } => {
            if value.trim().is_empty() && unit.trim().is_empty() {
                return Stored::Clear;
            }
            let mut values = Vec::new();
            if let Some(n) = number(value) {
                values.push(("value", Plain::Number(n)));
            }
            if !unit.is_empty() {
                values.push(("code", Plain::Text(unit.clone())));
            }
            Stored::Set(parts_item(&vm.part_keys, values))
        }
        FieldEdit::Number(v) => {
            if v.trim().is_empty() {
                Stored::Clear
            } else {
                number(v).map_or(Stored::Keep, |n| Stored::Set(Item::Plain(Plain::Number(n))))
            }
        }
        FieldEdit::Leave => Stored::Keep,
    }
}

/// The document edit that stores `value` at `path`. Clearing a repeated value removes
/// its item (an empty item would be an empty string in the list).
pub fn edit_for(path: &DataPath, value: Stored) -> Option<Edit> {
    match value {
        Stored::Set(v) => Some(Edit::Set {
            path: path.clone(),
            value: v,
        }),
        Stored::Keep => None,
        Stored::Clear => Some(match path.0.split_last() {
            Some((PathToken::Index(index), parent)) => Edit::RemoveItem {
                path: DataPath(parent.to_vec()),
                index: *index,
            },
            _ => Edit::Clear { path: path.clone() },
        }),
    }
}

/// Builds an object-shaped value from parts named by key; the schema's part order decides
/// the stored indexes (never assumed).
fn parts_item(part_keys: &[String], values: Vec<(&str, Plain)>) -> Item {
    let mut v: Vec<(u16, Plain)> = values
        .into_iter()
        .filter_map(|(k, p)| part_keys.iter().position(|x| x == k).map(|i| (i as u16, p)))
        .collect();
    v.sort_by_key(|x| x.0);
    Item::Parts(Parts {
        values: v,
        extra: vec![],
    })
}

/// A Koodi value: the field's system, the code and its display text (`None` when both
/// are empty).
fn code_item(vm: &FieldVm, code: &str, display: &str) -> Option<Item> {
    if code.is_empty() && display.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    if let Some(sys) = &vm.code_system {
        values.push(("system", Plain::Text(sys.clone())));
    }
    if !code.is_empty() {
        values.push(("code", Plain::Text(code.to_string())));
    }
    if !display.is_empty() {
        values.push(("display", Plain::Text(display.to_string())));
    }
    Some(parts_item(&vm.part_keys, values))
}

fn text_item(t: &str) -> Option<Item> {
    (!t.is_empty()).then(|| Item::Plain(Plain::Text(t.to_string())))
}

/// A typed number (decimal comma, spaces as thousands separators) kept exactly: the
/// canonical decimal of what was typed, never a binary float's rounding.
pub fn number(t: &str) -> Option<serde_json::Number> {
    let t = t.trim().replace(',', ".").replace([' ', '\u{a0}'], "");
    let t = t.strip_prefix('+').unwrap_or(&t);
    // People type "0,5" and ".5" and "5."; JSON wants a digit on both sides of the point.
    let t = match t.strip_prefix('.') {
        Some(r) => format!("0.{r}"),
        None => t.to_string(),
    };
    let t = t.strip_suffix('.').unwrap_or(&t);
    crate::json::canonical_number(t).and_then(|c| crate::json::number(&c))
}

/// `2026-03-19T13:33` or `…:30` from a datetime-local input, with the offset of that
/// wall-clock time → the stored instant (`2026-03-19T13:33:00+02:00`).
pub fn instant_from_local(v: &str, offset: &str) -> Option<String> {
    if v.len() < 16 || !v.is_char_boundary(16) || (v.len() > 19 && !v.is_char_boundary(19)) {
        return None;
    }
    let with_secs = if v.len() == 16 {
        format!("{v}:00")
    } else {
        v[..19.min(v.len())].to_string()
    };
    Some(format!("{with_secs}{offset}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldKind;
    use std::rc::Rc;

    fn vm(kind: FieldKind, keys: &[&str], system: Option<&str>) -> FieldVm {
        FieldVm {
            path: DataPath(vec![]),
            pointer: String::new(),
            dom_id: String::new(),
            label: String::new(),
            label_is_fallback: false,
            locked: false,
            required: false,
            kind,
            help: None,
            condition_note: None,
            hidden_title: false,
            text: String::new(),
            checked: None,
            parts: vec![],
            part_keys: keys.iter().map(|k| k.to_string()).collect(),
            options: Rc::new(vec![]),
            code_system: system.map(str::to_string),
            messages: vec![],
            phrase: None,
        }
    }

    #[test]
    fn part_indexes_follow_the_schema_not_an_assumed_order() {
        let keys = vec!["value".to_string(), "system".to_string()];
        let item = parts_item(
            &keys,
            vec![
                ("system", Plain::Text("urn:oid:1.2".into())),
                ("value", Plain::Text("x".into())),
                ("nope", Plain::Bool(true)),
            ],
        );
        assert_eq!(
            item,
            Item::Parts(Parts {
                values: vec![
                    (0, Plain::Text("x".into())),
                    (1, Plain::Text("urn:oid:1.2".into()))
                ],
                extra: vec![]
            })
        );
    }

    #[test]
    fn numbers_accept_a_decimal_comma() {
        let n = |t: &str| number(t).map(|n| n.to_string());
        assert_eq!(n("12,5").as_deref(), Some("12.5"));
        assert_eq!(n("1 000").as_deref(), Some("1000"));
        assert_eq!(n("x"), None);
        assert_eq!(
            n("1234567890123456,78").as_deref(),
            Some("1234567890123456.78")
        );
        assert_eq!(n("9007199254740993").as_deref(), Some("9007199254740993"));
        assert_eq!(n(",5").as_deref(), Some("0.5"));
        assert_eq!(n("5,").as_deref(), Some("5"));
    }

    /// DOMAIN.md (representations): a Koodi stores the field's code system with the code
    /// and its text; a code and a text both cleared clears the value.
    #[test]
    fn a_code_carries_the_fields_system() {
        let v = vm(
            FieldKind::Code,
            &["code", "system", "display"],
            Some("urn:oid:1.2.3"),
        );
        let e = FieldEdit::Code {
            code: "1".into(),
            display: "Kyllä".into(),
        };
        assert_eq!(
            stored_value(&v, &e),
            Stored::Set(Item::Parts(Parts {
                values: vec![
                    (0, Plain::Text("1".into())),
                    (1, Plain::Text("urn:oid:1.2.3".into())),
                    (2, Plain::Text("Kyllä".into()))
                ],
                extra: vec![]
            }))
        );
        let none = FieldEdit::Code {
            code: String::new(),
            display: String::new(),
        };
        assert_eq!(stored_value(&v, &none), Stored::Clear);
    }

    /// A Tunnus gets the schema's system when the user types only the value; without a
    /// schema system the one already stored stays.
    #[test]
    fn an_identifier_keeps_its_system() {
        let v = vm(
            FieldKind::Identifier,
            &["system", "value"],
            Some("urn:oid:1.2.246.21"),
        );
        let Stored::Set(Item::Parts(p)) = stored_value(&v, &FieldEdit::Identifier("x".into()))
        else {
            panic!("a value")
        };
        assert_eq!(p.values[0], (0, Plain::Text("urn:oid:1.2.246.21".into())));
        let mut stored = vm(FieldKind::Identifier, &["system", "value"], None);
        stored.parts = vec![("system".into(), "urn:oid:9".into())];
        let Stored::Set(Item::Parts(p)) = stored_value(&stored, &FieldEdit::Identifier("x".into()))
        else {
            panic!("a value")
        };
        assert_eq!(p.values[0], (0, Plain::Text("urn:oid:9".into())));
        assert_eq!(
            stored_value(&stored, &FieldEdit::Identifier(String::new())),
            Stored::Clear
        );
    }

    /// a typed number is kept exactly; one still being typed leaves the stored
    /// value alone; a quantity keeps its unit even before a number is typed.
    #[test]
    fn numbers_and_quantities() {
        let n = vm(FieldKind::Number, &[], None);
        assert_eq!(
            stored_value(&n, &FieldEdit::Number("12,5".into())),
            Stored::Set(Item::Plain(Plain::Number(number("12.5").unwrap())))
        );
        assert_eq!(
            stored_value(&n, &FieldEdit::Number("-".into())),
            Stored::Keep
        );
        assert_eq!(
            stored_value(&n, &FieldEdit::Number(" ".into())),
            Stored::Clear
        );
        let q = vm(
            FieldKind::Quantity(crate::model::QuantityKind::Amount),
            &["value", "code"],
            None,
        );
        let e = FieldEdit::Quantity {
            value: String::new(),
            unit: "EUR".into(),
        };
        assert_eq!(
            stored_value(&q, &e),
            Stored::Set(Item::Parts(Parts {
                values: vec![(1, Plain::Text("EUR".into()))],
                extra: vec![]
            }))
        );
        let cleared = FieldEdit::Quantity {
            value: " ".into(),
            unit: String::new(),
        };
        assert_eq!(stored_value(&q, &cleared), Stored::Clear);
    }

    #[test]
    fn dates_and_instants() {
        let d = vm(FieldKind::PartialDate, &[], None);
        let text = |t: &str| Stored::Set(Item::Plain(Plain::Text(t.into())));
        assert_eq!(
            stored_value(&d, &FieldEdit::TypedDate("23.3.2026".into())),
            text("2026-03-23")
        );
        // Not a date: kept as typed, so the validator names it.
        assert_eq!(
            stored_value(&d, &FieldEdit::TypedDate(" 32.13.x ".into())),
            text("32.13.x")
        );
        assert_eq!(
            stored_value(&d, &FieldEdit::PickedDate(String::new())),
            Stored::Clear
        );
        let i = vm(FieldKind::Instant, &[], None);
        let e = FieldEdit::Instant {
            local: "2026-03-19T13:33".into(),
            offset: "+02:00".into(),
        };
        assert_eq!(stored_value(&i, &e), text("2026-03-19T13:33:00+02:00"));
        assert_eq!(
            instant_from_local("2026-03-19T13:33:30.5", "+03:00").as_deref(),
            Some("2026-03-19T13:33:30+03:00")
        );
        assert_eq!(instant_from_local("2026-03-19", "+02:00"), None);
    }

    #[test]
    fn clearing_a_repeated_value_removes_its_item() {
        use crate::model::NodeId;
        let list = DataPath(vec![PathToken::Node(NodeId(3))]);
        let item = list.child(PathToken::Index(2));
        assert_eq!(
            edit_for(&item, Stored::Clear),
            Some(Edit::RemoveItem {
                path: list.clone(),
                index: 2
            })
        );
        assert_eq!(
            edit_for(&list, Stored::Clear),
            Some(Edit::Clear { path: list.clone() })
        );
        assert_eq!(edit_for(&list, Stored::Keep), None);
    }
}
