//! View models: pure functions from (structure, document, report) to what a widget shows.
//! No Yew here, so everything is unit-tested natively (JSON Forms' mapStateToProps).

use std::collections::HashMap;
use std::rc::Rc;

use crate::document::{DataPath, Document, Entry, Group, Item, Plain};
use crate::emit::format_partial_date;
use crate::lang::Lang;
use crate::messages::{issue_message, MessageLang};
use crate::model::{FieldKind, NodeId, NodeKind, Shape, Structure};
use crate::validate::{Report, Severity};

/// One choice of a code list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeOption {
    /// The code.
    pub code: String,
    /// Finnish display text.
    pub fi: String,
    /// Swedish display text (empty when unknown).
    pub sv: String,
    /// First day the code is valid, when the list says.
    pub valid_from: Option<chrono::NaiveDate>,
    /// Last day the code is valid, when the list says.
    pub valid_to: Option<chrono::NaiveDate>,
}

impl CodeOption {
    /// A code valid without limits.
    pub fn new(code: impl Into<String>, fi: impl Into<String>, sv: impl Into<String>) -> Self {
        CodeOption {
            code: code.into(),
            fi: fi.into(),
            sv: sv.into(),
            valid_from: None,
            valid_to: None,
        }
    }

    /// True when the code may be chosen on `day`.
    pub fn valid_on(&self, day: chrono::NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }

    /// The display text in `lang`, falling back to Finnish.
    pub fn display(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv if !self.sv.is_empty() => &self.sv,
            _ => &self.fi,
        }
    }
}

/// Code lists the host supplies, keyed by classification OID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeSets {
    /// Lists by OID (without `urn:oid:`).
    pub by_oid: HashMap<String, Vec<CodeOption>>,
}

impl CodeSets {
    /// Reads code lists. Accepted shapes: a map `{ "<oid>": [code, …] }`, one list file
    /// `{ "oid": "<oid>", "codes": [code, …] }` (the `shared/codesets` format) or an array
    /// of such files. A code is `{ "code", "fi", "sv"?, "validFrom"?, "validTo"? }`
    /// (dates `YYYY-MM-DD`); other members are ignored. Errors carry a JSON Pointer.
    pub fn from_json(text: &str) -> Result<CodeSets, (String, String)> {
        let v = crate::json::parse(text).map_err(|e| (e.pointer.clone(), e.to_string()))?;
        let mut out = CodeSets::default();
        out.merge_value(&v, "")?;
        Ok(out)
    }

    /// Adds the lists of an already-decoded value (see [`CodeSets::from_json`]).
    pub fn merge_value(&mut self, v: &serde_json::Value, at: &str) -> Result<(), (String, String)> {
        use serde_json::Value;
        match v {
            Value::Array(files) => {
                for (i, f) in files.iter().enumerate() {
                    self.merge_value(f, &format!("{at}/{i}"))?;
                }
                Ok(())
            }
            Value::Object(o) if o.contains_key("codes") => {
                let oid = o.get("oid").and_then(Value::as_str).ok_or_else(|| {
                    (
                        format!("{at}/oid"),
                        "a code list needs an \"oid\" string".to_string(),
                    )
                })?;
                let list = codes(&o["codes"], &format!("{at}/codes"))?;
                self.insert_new(strip_urn(oid), list, &format!("{at}/oid"))
            }
            Value::Object(o) => {
                for (oid, list) in o {
                    let p = format!("{at}/{}", crate::document::escape_pointer_token(oid));
                    self.insert_new(strip_urn(oid), codes(list, &p)?, &p)?;
                }
                Ok(())
            }
            _ => Err((
                at.to_string(),
                "code sets must be an object or an array".to_string(),
            )),
        }
    }
}

impl CodeSets {
    /// One list per OID in one input: a second list for the same OID (`urn:oid:` or not)
    /// is an error, never a silent replacement of the first.
    fn insert_new(
        &mut self,
        oid: String,
        list: Vec<CodeOption>,
        at: &str,
    ) -> Result<(), (String, String)> {
        if self.by_oid.contains_key(&oid) {
            return Err((
                at.to_string(),
                format!("code list {oid} is given twice in the same input"),
            ));
        }
        self.by_oid.insert(oid, list);
        Ok(())
    }
}

fn strip_urn(oid: &str) -> String {
    oid.trim().trim_start_matches("urn:oid:").to_string()
}

fn codes(v: &serde_json::Value, at: &str) -> Result<Vec<CodeOption>, (String, String)> {
    let arr = v
        .as_array()
        .ok_or_else(|| (at.to_string(), "a code list must be an array".to_string()))?;
    arr.iter()
        .enumerate()
        .map(|(i, c)| {
            let p = format!("{at}/{i}");
            let text = |k: &str| -> Result<Option<String>, (String, String)> {
                match c.get(k) {
                    None | Some(serde_json::Value::Null) => Ok(None),
                    Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
                    Some(_) => Err((format!("{p}/{k}"), format!("\"{k}\" must be a string"))),
                }
            };
            let date = |k: &str| -> Result<Option<chrono::NaiveDate>, (String, String)> {
                text(k)?
                    .map(|d| {
                        chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                            (
                                format!("{p}/{k}"),
                                format!("'{d}' is not a date YYYY-MM-DD"),
                            )
                        })
                    })
                    .transpose()
            };
            if !c.is_object() {
                return Err((p, "a code must be an object".to_string()));
            }
            let code = text("code")?
                .filter(|c| !c.trim().is_empty())
                .ok_or_else(|| {
                    (
                        format!("{p}/code"),
                        "a code needs a non-empty \"code\"".to_string(),
                    )
                })?;
            Ok(CodeOption {
                fi: text("fi")?.unwrap_or_else(|| code.clone()),
                sv: text("sv")?.unwrap_or_default(),
                valid_from: date("validFrom")?,
                valid_to: date("validTo")?,
                code,
            })
        })
        .collect()
}

/// Everything a field widget needs, computed once per render.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldVm {
    /// Where the value lives.
    pub path: DataPath,
    /// JSON Pointer of the value.
    pub pointer: String,
    /// DOM id of the input (derived from the JSON Pointer).
    pub dom_id: String,
    /// Label (title, else name) in the current language.
    pub label: String,
    /// True when the label fell back to Finnish.
    pub label_is_fallback: bool,
    /// Required by the schema (where the group is present).
    pub required: bool,
    /// The representation.
    pub kind: FieldKind,
    /// Help text (description) and example.
    pub help: Option<String>,
    /// The implementation note of a conditionally required field.
    pub condition_note: Option<String>,
    /// Show the value without its label (hiddenTitle).
    pub hidden_title: bool,
    /// Current text for single-text widgets (dates shown Finnish style).
    pub text: String,
    /// Current switch state.
    pub checked: Option<bool>,
    /// Current parts by key (Koodi, Tunnus, Määrä).
    pub parts: Vec<(String, String)>,
    /// The part keys in schema order (their index is what a document stores).
    pub part_keys: Vec<String>,
    /// Choices, when a code list is known (shared: computed once per structure).
    pub options: Rc<Vec<CodeOption>>,
    /// The system URI a Koodi stores (from the schema pattern or classification OID).
    pub code_system: Option<String>,
    /// Issue messages to show now (after touch or an emit attempt).
    pub messages: Vec<(Severity, String)>,
    /// Phrase text of a Fraasi.
    pub phrase: Option<String>,
}

impl FieldVm {
    /// The current text of a part (e.g. `code`), empty when absent.
    pub fn part(&self, key: &str) -> String {
        self.parts
            .iter()
            .find(|p| p.0 == key)
            .map(|p| p.1.clone())
            .unwrap_or_default()
    }
}

/// DOM id for a JSON Pointer: stable, unique per field, no whitespace.
pub fn dom_id(pointer: &str) -> String {
    let mut s = String::with_capacity(pointer.len() + 2);
    s.push_str("sm");
    if !pointer.contains(char::is_whitespace) {
        s.push_str(pointer);
        return s;
    }
    for c in pointer.chars() {
        s.push(if c.is_whitespace() { '_' } else { c });
    }
    s
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

/// The code list of a Koodi field: host list by OID, else the schema's enum with valueSet
/// texts, else the valueSet alone. Empty when none is known (free entry).
pub fn code_options(s: &Structure, id: NodeId, sets: &CodeSets) -> Vec<CodeOption> {
    let n = s.node(id);
    let value_set_fi = n
        .meta
        .value_set
        .fi
        .as_deref()
        .map(parse_value_set)
        .unwrap_or_default();
    let labels_fi: HashMap<String, String> = value_set_fi.iter().cloned().collect();
    let labels_sv: HashMap<String, String> = n
        .meta
        .value_set
        .sv
        .as_deref()
        .map(parse_value_set)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let enum_codes: Option<Vec<String>> = match &n.shape {
        Shape::Parts { parts, .. } => parts
            .iter()
            .find(|p| p.key == "code")
            .and_then(|p| p.scalar.allowed.as_ref())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            }),
        _ => None,
    };
    if let Some(oid) = &n.meta.classification_oid {
        if let Some(list) = sets.by_oid.get(oid) {
            return match &enum_codes {
                Some(allowed) => list
                    .iter()
                    .filter(|o| allowed.contains(&o.code))
                    .cloned()
                    .collect(),
                None => list.clone(),
            };
        }
    }
    let codes: Vec<String> = match enum_codes {
        Some(c) => c,
        None => value_set_fi.into_iter().map(|x| x.0).collect(),
    };
    codes
        .into_iter()
        .map(|code| CodeOption {
            valid_from: None,
            valid_to: None,
            fi: labels_fi
                .get(&code)
                .cloned()
                .unwrap_or_else(|| code.clone()),
            sv: labels_sv.get(&code).cloned().unwrap_or_default(),
            code,
        })
        .collect()
}

/// The code system a Koodi stores: the schema's `urn:oid:` pattern or enum, else the OID.
pub fn code_system(s: &Structure, id: NodeId) -> Option<String> {
    let n = s.node(id);
    if let Shape::Parts { parts, .. } = &n.shape {
        if let Some(p) = parts.iter().find(|p| p.key == "system") {
            if let Some(sys) = p.scalar.pattern.as_ref().and_then(|p| p.oid_system()) {
                return Some(sys);
            }
            if let Some(v) = p
                .scalar
                .allowed
                .as_ref()
                .and_then(|a| a.first())
                .and_then(|v| v.as_str())
            {
                return Some(v.to_string());
            }
        }
    }
    let oid = n.meta.classification_oid.as_ref()?;
    oid.chars()
        .all(|c| c.is_ascii_digit() || c == '.')
        .then(|| format!("urn:oid:{oid}"))
}

/// Which issues the user sees now: the core always reports all of them; the UI shows a
/// field's issues after it was touched or after an emit attempt.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a> {
    /// Paths the user has left (blur/change).
    pub touched: &'a std::collections::HashSet<DataPath>,
    /// An emit was attempted.
    pub submitted: bool,
}

fn ui_lang(lang: Lang) -> MessageLang {
    match lang {
        Lang::Fi => MessageLang::Fi,
        Lang::Sv => MessageLang::Sv,
    }
}

/// What every field's view model is computed from.
#[derive(Clone, Copy)]
pub struct VmCtx<'a> {
    /// The structure.
    pub s: &'a Structure,
    /// The full report.
    pub report: &'a Report,
    /// Which issues to show.
    pub shown: Shown<'a>,
    /// Current language.
    pub lang: Lang,
    /// Host code lists.
    pub sets: &'a CodeSets,
    /// Code options per Koodi node, computed once per structure and code sets
    /// ([`code_option_cache`]); missing entries are computed on the spot.
    pub options: &'a HashMap<NodeId, Rc<Vec<CodeOption>>>,
}

/// The code options of every Koodi field of `s` (what [`code_options`] gives), computed once.
pub fn code_option_cache(s: &Structure, sets: &CodeSets) -> HashMap<NodeId, Rc<Vec<CodeOption>>> {
    s.ids()
        .filter(|&id| matches!(s.node(id).kind, NodeKind::Field(FieldKind::Code)))
        .map(|id| (id, Rc::new(code_options(s, id, sets))))
        .collect()
}

/// Builds the view model of one field instance.
pub fn field_vm(cx: &VmCtx<'_>, item: Option<&Item>, id: NodeId, path: &DataPath) -> FieldVm {
    field_vm_at(cx, item, id, path, path.to_pointer(cx.s))
}

/// [`field_vm`] when the caller already has the path's JSON Pointer.
pub fn field_vm_at(
    cx: &VmCtx<'_>,
    item: Option<&Item>,
    id: NodeId,
    path: &DataPath,
    pointer: String,
) -> FieldVm {
    let VmCtx {
        s,
        report,
        shown,
        lang,
        sets,
        options,
    } = *cx;
    let n = s.node(id);
    let kind = match &n.kind {
        NodeKind::Field(k) => k.clone(),
        NodeKind::Group => FieldKind::Unknown {
            representation: "Otsikko".into(),
        },
    };
    let label = n.meta.label_localized(lang);
    let mut text = String::new();
    let mut checked = None;
    let mut parts = Vec::new();
    match item {
        Some(Item::Plain(Plain::Text(t))) => {
            text = match kind {
                FieldKind::PartialDate => format_partial_date(t)
                    .map(|d| finnish_short(&d))
                    .unwrap_or_else(|| t.clone()),
                _ => t.clone(),
            }
        }
        Some(Item::Plain(Plain::Bool(b))) => checked = Some(*b),
        Some(Item::Plain(Plain::Number(x))) => text = x.to_string(),
        Some(Item::Parts(p)) => {
            if let Shape::Parts { parts: specs, .. } = &n.shape {
                for (i, v) in &p.values {
                    if let Some(spec) = specs.get(*i as usize) {
                        let t = match v {
                            Plain::Text(t) => t.clone(),
                            Plain::Number(x) => x.to_string(),
                            Plain::Bool(b) => b.to_string(),
                        };
                        parts.push((spec.key.clone(), t));
                    }
                }
            }
        }
        _ => {}
    }
    let show = shown.submitted || shown.touched.contains(path);
    let messages = if show {
        report
            .at(&pointer)
            .map(|i| (i.severity(), issue_message(&i.kind, ui_lang(lang))))
            .collect()
    } else {
        Vec::new()
    };
    let help = match (n.meta.description.get(lang), n.meta.example.get(lang)) {
        (Some(d), Some(e)) => Some(format!(
            "{} {}: {}",
            d.text,
            if lang == Lang::Sv {
                "Exempel"
            } else {
                "Esimerkki"
            },
            e.text
        )),
        (Some(d), None) => Some(d.text.to_string()),
        (None, Some(e)) => Some(format!(
            "{}: {}",
            if lang == Lang::Sv {
                "Exempel"
            } else {
                "Esimerkki"
            },
            e.text
        )),
        (None, None) => None,
    };
    FieldVm {
        dom_id: dom_id(&pointer),
        pointer,
        path: path.clone(),
        label: label.text.to_string(),
        label_is_fallback: label.is_fallback,
        required: n.required,
        help,
        condition_note: n
            .meta
            .conditional_required
            .then(|| {
                n.meta
                    .implementation_note
                    .get(lang)
                    .map(|t| t.text.to_string())
            })
            .flatten(),
        hidden_title: n.meta.hidden_title,
        text,
        checked,
        parts,
        part_keys: match &n.shape {
            Shape::Parts { parts, .. } => parts.iter().map(|p| p.key.clone()).collect(),
            _ => Vec::new(),
        },
        options: if kind == FieldKind::Code {
            options
                .get(&id)
                .cloned()
                .unwrap_or_else(|| Rc::new(code_options(s, id, sets)))
        } else {
            Rc::default()
        },
        code_system: if kind == FieldKind::Code {
            code_system(s, id)
        } else {
            None
        },
        messages,
        phrase: n.meta.phrase.get(lang).map(|t| t.text.to_string()),
        kind,
    }
}

/// `23.03.2026` → `23.3.2026` (how people type it).
fn finnish_short(d: &str) -> String {
    d.split('.')
        .map(|p| {
            p.strip_prefix('0')
                .filter(|r| !r.is_empty() && p.len() == 2)
                .unwrap_or(p)
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Parses a partial date typed Finnish style (`23.3.2026`, `3.2026`, `2026`) or ISO into
/// the stored ISO form. `None` when it is neither (the raw text is then stored and the
/// validator says why).
pub fn parse_partial_date(input: &str) -> Option<String> {
    let t = input.trim();
    if t.is_empty() {
        return None;
    }
    let is_num = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if t.contains('.') {
        let p: Vec<&str> = t.split('.').filter(|x| !x.is_empty()).collect();
        if !p.iter().all(|x| is_num(x)) {
            return None;
        }
        return match p.as_slice() {
            [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
                Some(format!("{y}-{:0>2}-{:0>2}", m, d))
            }
            [m, y] if y.len() == 4 && m.len() <= 2 => Some(format!("{y}-{:0>2}", m)),
            _ => None,
        };
    }
    let p: Vec<&str> = t.split('-').collect();
    match p.as_slice() {
        [y] if y.len() == 4 && is_num(y) => Some(y.to_string()),
        [y, m] if y.len() == 4 && is_num(y) && m.len() == 2 && is_num(m) => Some(t.to_string()),
        [y, m, d]
            if y.len() == 4
                && is_num(y)
                && m.len() == 2
                && is_num(m)
                && d.len() == 2
                && is_num(d) =>
        {
            Some(t.to_string())
        }
        _ => None,
    }
}

/// Required-field progress over present groups: (filled, total).
pub fn progress(s: &Structure, doc: &Document) -> (usize, usize) {
    fn walk(s: &Structure, id: NodeId, g: &Group, acc: &mut (usize, usize)) {
        for &c in &s.node(id).children {
            let n = s.node(c);
            let e = g.get(c);
            if n.required {
                acc.1 += 1;
                if e.is_some_and(|e| !e.items().is_empty()) {
                    acc.0 += 1;
                }
            }
            if let Some(e) = e {
                for it in e.items() {
                    if let Item::Group(inner) = it {
                        walk(s, c, inner, acc);
                    }
                }
            }
        }
    }
    let mut acc = (0, 0);
    walk(s, s.root(), &doc.top, &mut acc);
    // The document node itself is bookkeeping, not a field people fill.
    if matches!(doc.top.get(s.document_node()), Some(Entry::One(_))) {
        acc.0 -= 1;
    }
    acc.1 -= 1;
    acc
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

    #[test]
    fn partial_date_input_table() {
        let cases = [
            ("23.3.2026", Some("2026-03-23")),
            ("3.2026", Some("2026-03")),
            ("2026", Some("2026")),
            ("2026-03-23", Some("2026-03-23")),
            ("2026-03", Some("2026-03")),
            (" 1.12.2026 ", Some("2026-12-01")),
            ("23/3/2026", None),
            ("huomenna", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_partial_date(input).as_deref(), want, "{input}");
        }
        assert_eq!(finnish_short("03.01.2026"), "3.1.2026");
    }

    #[test]
    fn dom_ids() {
        assert_eq!(dom_id("/a/0/b c"), "sm/a/0/b_c");
    }
}
