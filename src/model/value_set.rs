//! A Koodi field's `valueSet` prose ("1 = Kyllä, 2 = Ei" or one per line), parsed once
//! when the structure is read ([`super::NodeMeta::value_set_codes`]).

/// The (code, text) pairs of a `valueSet`, in Finnish and Swedish.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueSet {
    /// Finnish pairs.
    pub fi: Vec<(String, String)>,
    /// Swedish pairs.
    pub sv: Vec<(String, String)>,
}

impl ValueSet {
    /// The pairs of a `valueSet` text in each language.
    pub fn of(t: &crate::lang::LangText) -> ValueSet {
        ValueSet {
            fi: t.fi.as_deref().map(parse_value_set).unwrap_or_default(),
            sv: t.sv.as_deref().map(parse_value_set).unwrap_or_default(),
        }
    }
}

/// Parses a Sosmeta `valueSet` text ("1 = Kyllä, 2 = Ei" or one per line) into (code, text).
pub fn parse_value_set(text: &str) -> Vec<(String, String)> {
    // "code =" at the start of a line or after a comma; the label runs to the next one.
    let is_code = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    let skip_ws = |mut i: usize| {
        while let Some(c) = text[i..].chars().next().filter(|c| c.is_whitespace()) {
            i += c.len_utf8();
        }
        i
    };
    // (match start, code, match end)
    let try_at = |start: usize, after: usize| -> Option<(usize, String, usize)> {
        let i = skip_ws(after);
        let code_end = i + text[i..]
            .find(|c: char| !is_code(c))
            .unwrap_or(text.len() - i);
        if code_end == i {
            return None;
        }
        let j = skip_ws(code_end);
        text[j..]
            .starts_with('=')
            .then(|| (start, text[i..code_end].to_string(), skip_ws(j + 1)))
    };
    let mut found: Vec<(usize, String, usize)> = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let line_start = pos == 0 || text.as_bytes()[pos - 1] == b'\n';
        let m = if text[pos..].starts_with(',') {
            try_at(pos, pos + 1)
        } else {
            None
        }
        .or_else(|| if line_start { try_at(pos, pos) } else { None });
        match m {
            Some(m) => {
                pos = m.2.max(pos + 1);
                found.push(m);
            }
            None => pos += text[pos..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
        .iter()
        .enumerate()
        .map(|(k, (_, code, end))| {
            let next = found.get(k + 1).map_or(text.len(), |n| n.0);
            let label = text[*end..next].trim().trim_end_matches(',').trim();
            (code.clone(), label.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_set_parsing() {
        assert_eq!(
            parse_value_set("31 = Huoltaja, \n32 = Edunvalvoja, \n33 = Edunvalvontavaltuutettu"),
            [
                ("31".into(), "Huoltaja".into()),
                ("32".into(), "Edunvalvoja".into()),
                ("33".into(), "Edunvalvontavaltuutettu".into())
            ]
        );
        assert_eq!(
            parse_value_set("1 = Isyys, 2 = Otaksutun äidin äitiys"),
            [
                ("1".into(), "Isyys".into()),
                ("2".into(), "Otaksutun äidin äitiys".into())
            ]
        );
        assert_eq!(
            parse_value_set("FI = Suomi, \nSV = Ruotsi"),
            [
                ("FI".into(), "Suomi".into()),
                ("SV".into(), "Ruotsi".into())
            ]
        );
    }
}
