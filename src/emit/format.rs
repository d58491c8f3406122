//! Value → display text, as the Kanta display form shows it (Finnish-style dates, Kyllä/Ei,
//! codes as display text, masked henkilötunnus). Shared by the XHTML writer and the view.

use super::text::{doc_text, DocText};
use crate::document::{Item, Plain};
use crate::lang::Lang;
use crate::model::{FieldKind, NodeId, Structure};

/// Display options that change how values look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    /// Language of fixed words (Kyllä/Ei).
    pub lang: Lang,
    /// Mask henkilötunnus (`180418*****`). On by default.
    pub mask_hetu: bool,
}

/// Formats one value of node `id` for reading.
pub fn format_item(s: &Structure, id: NodeId, item: &Item, opts: FormatOptions) -> String {
    let kind = match &s.node(id).kind {
        crate::model::NodeKind::Field(k) => k,
        crate::model::NodeKind::Group => return String::new(),
    };
    match item {
        Item::Plain(p) => format_plain(kind, p, opts),
        Item::Parts(parts) => {
            let get = |k: &str| parts.by_key(s, id, k).map(|p| plain_text(p, opts.lang));
            match kind {
                FieldKind::Code => get("display")
                    .filter(|d| !d.trim().is_empty())
                    .or(get("code"))
                    .unwrap_or_default(),
                FieldKind::Identifier => {
                    let v = get("value").unwrap_or_default();
                    if opts.mask_hetu && s.is_henkilotunnus(id) {
                        mask_hetu(&v)
                    } else {
                        v
                    }
                }
                FieldKind::Quantity(_) => {
                    let v = parts
                        .by_key(s, id, "value")
                        .map(|p| plain_text(p, opts.lang))
                        .unwrap_or_default();
                    match get("code") {
                        Some(u) if !u.is_empty() => format!("{v} {u}"),
                        _ => v,
                    }
                }
                _ => parts
                    .values
                    .iter()
                    .map(|(_, p)| plain_text(p, opts.lang))
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        }
        Item::Group(_) => String::new(),
    }
}

fn format_plain(kind: &FieldKind, p: &Plain, opts: FormatOptions) -> String {
    match (kind, p) {
        (FieldKind::PartialDate, Plain::Text(t)) => {
            format_partial_date(t).unwrap_or_else(|| t.clone())
        }
        (FieldKind::Instant, Plain::Text(t)) => format_instant(t).unwrap_or_else(|| t.clone()),
        _ => plain_text(p, opts.lang),
    }
}

/// Text of a plain value: Kyllä/Ei (Ja/Nej), numbers with a decimal comma.
pub fn plain_text(p: &Plain, lang: Lang) -> String {
    match p {
        Plain::Text(t) => t.clone(),
        Plain::Bool(b) => doc_text(if *b { DocText::Yes } else { DocText::No }, lang).to_string(),
        Plain::Number(n) => n.to_string().replace('.', ","),
    }
}

/// `2026-03-23` → `23.03.2026`, `2026-03` → `03.2026`, `2026` → `2026`.
pub fn format_partial_date(t: &str) -> Option<String> {
    let parts: Vec<&str> = t.split('-').collect();
    let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] if ok(y, 4) => Some(y.to_string()),
        [y, m] if ok(y, 4) && ok(m, 2) => Some(format!("{m}.{y}")),
        [y, m, d] if ok(y, 4) && ok(m, 2) && ok(d, 2) => Some(format!("{d}.{m}.{y}")),
        _ => None,
    }
}

/// `2026-03-19T13:33:30+03:00` → `19.03.2026 13.33` (the wall-clock time as recorded).
pub fn format_instant(t: &str) -> Option<String> {
    let (date, time) = t.split_once('T')?;
    let d = format_partial_date(date)?;
    let hh = time.get(0..2)?;
    let mm = time.get(3..5)?;
    if !hh.bytes().chain(mm.bytes()).all(|b| b.is_ascii_digit())
        || time.as_bytes().get(2) != Some(&b':')
    {
        return None;
    }
    Some(format!("{d} {hh}.{mm}"))
}

/// Masks a henkilötunnus as the Kanta display form does: the birth date part and `*****`.
pub fn mask_hetu(v: &str) -> String {
    let head: String = v.chars().take(6).collect();
    if head.chars().count() < 6 {
        return "*".repeat(v.chars().count().max(1));
    }
    format!("{head}*****")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_and_time_table() {
        assert_eq!(
            format_partial_date("2026-03-23").as_deref(),
            Some("23.03.2026")
        );
        assert_eq!(format_partial_date("2026-03").as_deref(), Some("03.2026"));
        assert_eq!(format_partial_date("2026").as_deref(), Some("2026"));
        assert_eq!(format_partial_date("23.3.2026"), None);
        assert_eq!(
            format_instant("2026-03-19T13:33:30+03:00").as_deref(),
            Some("19.03.2026 13.33")
        );
        assert_eq!(format_instant("2026-03-19"), None);
    }

    #[test]
    fn hetu_masking() {
        assert_eq!(mask_hetu("180418A903L"), "180418*****");
        assert_eq!(mask_hetu("123"), "***");
    }

    #[test]
    fn switch_words() {
        assert_eq!(plain_text(&Plain::Bool(true), Lang::Fi), "Kyllä");
        assert_eq!(plain_text(&Plain::Bool(false), Lang::Sv), "Nej");
        assert_eq!(
            plain_text(
                &Plain::Number(serde_json::Number::from_f64(12.5).unwrap()),
                Lang::Fi
            ),
            "12,5"
        );
    }
}
