//! Finnish personal identity code (fi. *henkilötunnus*, hetu): full check and birth date.
//! PURE, a leaf: no imports from the crate.
//!
//! Source: Digital and Population Data Services Agency (DVV), "Henkilötunnus" — format
//! `DDMMYYCZZZQ`: birth date, century sign (`+` 1800s; `-`, `Y`, `X`, `W`, `V`, `U` 1900s;
//! `A`, `B`, `C`, `D`, `E`, `F` 2000s — the extra signs in use since 1.1.2023), individual
//! number `ZZZ` (002–899; 900–999 for temporary codes), and the check character `Q`: the
//! nine digits `DDMMYYZZZ` modulo 31 indexing `0123456789ABCDEFHJKLMNPRSTUVWXY`.
//!
//! Why it matters here: the client's age decides whether the guardian mark is
//! required. A code that fails any part of the check gives no age — a lowercase century
//! sign (`010112a9876`) must not turn a minor into "age unknown, so no mark needed".

use chrono::NaiveDate;

/// Why a henkilötunnus is not valid.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HetuError {
    /// Occurs when the code is not 11 characters of the form `DDMMYYCZZZQ`.
    Format,
    /// Occurs when the century sign is not one of `+ - Y X W V U A B C D E F` (upper case).
    CenturySign,
    /// Occurs when `DDMMYY` with the century is not a calendar date.
    Date,
    /// Occurs when the individual number is 000 or 001 (never given).
    IndividualNumber,
    /// Occurs when the check character does not match.
    CheckCharacter,
}

impl std::fmt::Display for HetuError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HetuError::Format => "not of the form DDMMYYCZZZQ",
            HetuError::CenturySign => "unknown century sign (one of + - Y X W V U A B C D E F)",
            HetuError::Date => "the birth date is not a calendar date",
            HetuError::IndividualNumber => "individual number 000 or 001 is never given",
            HetuError::CheckCharacter => "the check character does not match",
        })
    }
}

impl std::error::Error for HetuError {}

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Checks a henkilötunnus fully and returns the birth date. Surrounding whitespace is
/// ignored; nothing else is forgiven.
///
/// ```
/// use sosmeta_editor::hetu::{birth_date, HetuError};
/// assert_eq!(birth_date("131052-308T").unwrap().to_string(), "1952-10-13");
/// assert_eq!(birth_date("010112a987C"), Err(HetuError::CenturySign));
/// assert_eq!(birth_date("010112A9876"), Err(HetuError::CheckCharacter));
/// ```
pub fn birth_date(hetu: &str) -> Result<NaiveDate, HetuError> {
    let h = hetu.trim().as_bytes();
    if h.len() != 11
        || !h[..6].iter().all(u8::is_ascii_digit)
        || !h[7..10].iter().all(u8::is_ascii_digit)
    {
        return Err(HetuError::Format);
    }
    let century = match h[6] {
        b'+' => 1800,
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
        b'A' | b'B' | b'C' | b'D' | b'E' | b'F' => 2000,
        _ => return Err(HetuError::CenturySign),
    };
    let two = |a: usize| u32::from(h[a] - b'0') * 10 + u32::from(h[a + 1] - b'0');
    let (d, m, y) = (two(0), two(2), two(4) as i32);
    let date = NaiveDate::from_ymd_opt(century + y, m, d).ok_or(HetuError::Date)?;
    let individual = u32::from(h[7] - b'0') * 100 + two(8);
    if individual < 2 {
        return Err(HetuError::IndividualNumber);
    }
    let nine = (d * 10_000 + m * 100 + y as u32) as u64 * 1000 + u64::from(individual);
    if CHECK[(nine % 31) as usize] != h[10] {
        return Err(HetuError::CheckCharacter);
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Examples from DVV's description of the code and its century signs.
    #[test]
    fn the_check_follows_dvv() {
        let ok = [
            ("131052-308T", "1952-10-13"),
            ("131052Y308T", "1952-10-13"),
            ("010112A987C", "2012-01-01"),
            ("010112F987C", "2012-01-01"),
            ("010180+1232", "1880-01-01"),
            ("290200A1239", "2000-02-29"),
            ("010199-9001", "1999-01-01"),
        ];
        for (h, d) in ok {
            assert_eq!(
                birth_date(h).map(|x| x.to_string()),
                Ok(d.to_string()),
                "{h}"
            );
        }
        let bad = [
            ("010112a987C", HetuError::CenturySign),
            ("010112G987C", HetuError::CenturySign),
            ("010112A9876", HetuError::CheckCharacter),
            ("131052-308t", HetuError::CheckCharacter),
            ("310299A123B", HetuError::Date),
            ("290201A1239", HetuError::Date),
            ("010112A001K", HetuError::IndividualNumber),
            ("0101-2A987C", HetuError::Format),
            ("010112A987", HetuError::Format),
            ("010112A987CC", HetuError::Format),
            ("", HetuError::Format),
            ("０１０１１２A987C", HetuError::Format),
        ];
        for (h, e) in bad {
            assert_eq!(birth_date(h), Err(e), "{h}");
        }
    }
}
