//! "Today" in Finland. PURE apart from [`today_in_finland`], the one clock read the edges
//! (CLI `main`, the element, the demo) share; the core takes today's date as an input.
//!
//! Why: whether a delay date is in the future and whether a client is a minor
//! are decided by the day. A machine running in UTC said "yesterday" between 00:00 and
//! 02:00/03:00 Finnish time; the day is now Finland's unless the host passes its own
//! (`--today`, `today` attribute).
//!
//! Source of the rule: Finland keeps Eastern European Time, UTC+2 (Act 1978/1, *laki
//! Suomen aikavyöhykkeestä*), and EU summer time, UTC+3, from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October (Directive 2000/84/EC,
//! articles 2–3). Tested hour by hour against the IANA database (`chrono-tz`,
//! Europe/Helsinki) for 1996–2040.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc, Weekday};

/// The last Sunday of a month, at 01:00 UTC.
fn last_sunday_0100(year: i32, month: u32) -> Option<NaiveDateTime> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let last = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    let sunday = last - Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    sunday.and_hms_opt(1, 0, 0)
}

/// Finland's UTC offset in hours at an instant: 3 in summer time, else 2.
pub fn finland_offset_hours(utc: DateTime<Utc>) -> i64 {
    let t = utc.naive_utc();
    let y = t.year();
    match (last_sunday_0100(y, 3), last_sunday_0100(y, 10)) {
        (Some(start), Some(end)) if t >= start && t < end => 3,
        _ => 2,
    }
}

/// The calendar date in Finland at an instant.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sosmeta_editor::time::finland_date;
/// // 22:30 UTC on 30 November is already 1 December in Helsinki (UTC+2).
/// let t = Utc.with_ymd_and_hms(2026, 11, 30, 22, 30, 0).unwrap();
/// assert_eq!(finland_date(t).to_string(), "2026-12-01");
/// ```
pub fn finland_date(utc: DateTime<Utc>) -> NaiveDate {
    (utc + Duration::hours(finland_offset_hours(utc))).date_naive()
}

/// Finland's UTC offset in hours for a wall-clock time in Finland: 3 in summer time, else
/// 2. In the autumn hour that happens twice the earlier (summer) offset is given; a time in
/// the spring hour that does not exist gets 2.
///
/// ```
/// use sosmeta_editor::time::finland_offset_hours_local;
/// let t = |s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
/// assert_eq!(finland_offset_hours_local(t("2026-07-01T12:00")), 3);
/// assert_eq!(finland_offset_hours_local(t("2026-11-30T12:00")), 2);
/// ```
pub fn finland_offset_hours_local(local: NaiveDateTime) -> i64 {
    let if_summer = (local - Duration::hours(3)).and_utc();
    if finland_offset_hours(if_summer) == 3 {
        3
    } else {
        2
    }
}

/// The instant in Finland's offset (the CDA header's times: `20260323105424+0200`).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use sosmeta_editor::time::finland_time;
/// let t = Utc.with_ymd_and_hms(2026, 3, 23, 8, 54, 24).unwrap();
/// assert_eq!(finland_time(t).format("%Y%m%d%H%M%S%z").to_string(), "20260323105424+0200");
/// ```
pub fn finland_time(utc: DateTime<Utc>) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(finland_offset_hours(utc) as i32 * 3600)
        .expect("2 or 3 hours is a valid offset");
    utc.with_timezone(&offset)
}

/// Now in Finland, from the system clock (an edge's read, like [`today_in_finland`]).
pub fn now_in_finland() -> DateTime<FixedOffset> {
    finland_time(Utc::now())
}

/// Today's date in Finland, from the system clock. The edges call this; everything else
/// takes the date as an argument.
pub fn today_in_finland() -> NaiveDate {
    finland_date(Utc::now())
}

/// A date written `YYYY-MM-DD` (month and day of one or two digits, as chrono's
/// `%Y-%m-%d` reads them). Hand-written: chrono's format-string parser would add its whole
/// machinery to the browser build.
///
/// ```
/// use sosmeta_editor::time::parse_ymd;
/// assert_eq!(parse_ymd("2026-12-03"), chrono::NaiveDate::from_ymd_opt(2026, 12, 3));
/// assert_eq!(parse_ymd("2023-9-8"), chrono::NaiveDate::from_ymd_opt(2023, 9, 8));
/// assert_eq!(parse_ymd("2026-02-30"), None);
/// assert_eq!(parse_ymd("2026-12-03x"), None);
/// ```
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() {
        return None;
    }
    let num = |t: &str, max_len: usize| {
        (!t.is_empty() && t.len() <= max_len && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(num(y, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(m, 2)?, num(d, 2)?)
}

/// A minute written `YYYY-MM-DDTHH:MM` (a `datetime-local` value).
pub fn parse_minute(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once('T')?;
    let (h, m) = time.split_once(':')?;
    let two = |t: &str| {
        (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    parse_ymd(date)?.and_hms_opt(two(h)?, two(m)?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn summer_time_switches_at_0100_utc_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        let at = |m, d, h, min| Utc.with_ymd_and_hms(2026, m, d, h, min, 0).unwrap();
        assert_eq!(finland_offset_hours(at(3, 29, 0, 59)), 2);
        assert_eq!(finland_offset_hours(at(3, 29, 1, 0)), 3);
        assert_eq!(finland_offset_hours(at(10, 25, 0, 59)), 3);
        assert_eq!(finland_offset_hours(at(10, 25, 1, 0)), 2);
        // 21:00 UTC in summer is midnight in Helsinki.
        assert_eq!(finland_date(at(6, 30, 20, 59)).to_string(), "2026-06-30");
        assert_eq!(finland_date(at(6, 30, 21, 0)).to_string(), "2026-07-01");
        assert_eq!(finland_date(at(12, 31, 22, 0)).to_string(), "2027-01-01");
    }

    /// `parse_ymd` and `parse_minute` read what chrono's `%Y-%m-%d` / `%Y-%m-%dT%H:%M`
    /// read, and refuse what it refuses (the oracle they replace in the browser build).
    #[test]
    fn hand_parsers_agree_with_chrono() {
        for s in [
            "2026-12-03",
            "2023-9-8",
            "2026-02-30",
            "2024-02-29",
            "2026-13-01",
            "2026-12-03x",
            "x2026-12-03",
            "2026-12",
            "",
            "2026--03",
            "12026-01-01",
            "2026-001-01",
            "0-1-1",
            "2026-12-03T10:54",
            "2026-12-03T25:00",
            "2026-12-03T10:5",
        ] {
            let chrono_day = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            assert_eq!(super::parse_ymd(s), chrono_day, "{s}");
            let chrono_min = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok();
            assert_eq!(super::parse_minute(s), chrono_min, "{s}");
        }
    }
}
