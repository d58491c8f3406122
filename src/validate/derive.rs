//! Rules read out of a structure's own prose. PURE: no I/O.
//!
//! THL's structures state conditional requirements and display rules only in Finnish
//! prose (`implementationNote`, e.g. "Henkilötunnus- ja Tilapäinen yksilöintitunnus
//! -kentistä toinen on pakollinen", "Jos Lasta on kuultu -kenttään on vastattu "kyllä",
//! tätä kenttää ei näytetä. … pakollinen, jos … "ei""). [`derive_rules`] reads the
//! sentences it recognises and writes them as rules in the rules-file language
//! (`oneOfRequired`, `requiredWhen`, `hiddenWhen` with `equals` / `absent` / `any` /
//! `not`), each
//! with the prose it came from. Fields are found by their Finnish title or name among the
//! siblings of the field carrying the note, then among its ancestors' siblings, the way a
//! reader would; a name that matches nothing, or two fields alike, leaves the sentence
//! unread. Safety first: a wrong rule would stop a social worker from archiving, so what
//! is not read exactly stays a warning ([`Unread`] says why).
//!
//! Enforced by default ([`super::structure_rules`]); `sosmeta rules` prints them for
//! review ([`Derivation::rules_json`]). Reading is linear in the structure's nodes and
//! notes: names and code lists are looked up in an index built once.

use super::rules::{CondSpec, RuleSpec};

use crate::model::{FieldKind, NodeId, NodeKind, Structure};

/// One rule read from prose.
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedRule {
    /// The rule in the rules-file language, typed (with `note`: the sentence it came from).
    pub rule: RuleSpec,
    /// The node whose note it was read from.
    pub from: NodeId,
}

/// A conditional node whose prose was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// The node.
    pub node: NodeId,
    /// Why: no known sentence, or a name that resolves to no field or to several.
    pub reason: UnreadReason,
}

/// Why a note gave no rule: the translator leaves a sentence unread rather than read half
/// of it or guess a name. A code for hosts and the lint; words in `crate::messages`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnreadReason {
    /// A `conditionalRequired` node with no implementation note.
    NoNote,
    /// No sentence the translator knows.
    NoKnownSentence,
    /// A display sentence the translator does not know.
    UnknownDisplaySentence,
    /// "One of these fields" naming fewer than two.
    OneOfTooFew,
    /// "One of these fields" naming fields of different groups.
    OneOfNotOneGroup,
    /// "One of these fields" not naming the field whose note it is.
    OneOfNotThisField,
    /// A condition of two parts: read whole or not at all.
    TwoParts {
        /// What joins the parts.
        part: String,
    },
    /// A rule would hide a field the schema requires.
    RequiredCannotHide,
    /// A condition the translator cannot read.
    ConditionUnreadable,
    /// The fields of the condition cannot be told apart.
    FieldsNotApart {
        /// The names as read.
        names: Vec<String>,
    },
    /// A name that is not a yes/no field.
    NotSwitch {
        /// The name.
        name: String,
    },
    /// A name that is not a code field.
    NotCode {
        /// The name.
        name: String,
    },
    /// More than one field in a code condition.
    SeveralFieldsInCondition {
        /// The name as read.
        name: String,
    },
    /// A code the field's list does not have.
    NoSuchCode {
        /// The field's name.
        name: String,
        /// The code or item.
        code: String,
    },
    /// An empty field name.
    EmptyName,
    /// A name two fields share.
    SeveralFields {
        /// The name.
        name: String,
    },
    /// A name no field has.
    NoField {
        /// The name.
        name: String,
    },
}

impl UnreadReason {
    /// The reason's code.
    pub fn code(&self) -> &'static str {
        match self {
            UnreadReason::NoNote => "no-note",
            UnreadReason::NoKnownSentence => "no-known-sentence",
            UnreadReason::UnknownDisplaySentence => "unknown-display-sentence",
            UnreadReason::OneOfTooFew => "one-of-too-few",
            UnreadReason::OneOfNotOneGroup => "one-of-not-one-group",
            UnreadReason::OneOfNotThisField => "one-of-not-this-field",
            UnreadReason::TwoParts { .. } => "two-part-condition",
            UnreadReason::RequiredCannotHide => "required-cannot-hide",
            UnreadReason::ConditionUnreadable => "condition-unreadable",
            UnreadReason::FieldsNotApart { .. } => "fields-not-apart",
            UnreadReason::NotSwitch { .. } => "not-a-switch",
            UnreadReason::NotCode { .. } => "not-a-code-field",
            UnreadReason::SeveralFieldsInCondition { .. } => "several-fields-in-condition",
            UnreadReason::NoSuchCode { .. } => "no-such-code",
            UnreadReason::EmptyName => "empty-name",
            UnreadReason::SeveralFields { .. } => "name-not-unique",
            UnreadReason::NoField { .. } => "no-such-field",
        }
    }
}

impl std::fmt::Display for UnreadReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnreadReason::NoNote => f.write_str("no implementation note"),
            UnreadReason::NoKnownSentence => f.write_str("no sentence the translator knows"),
            UnreadReason::UnknownDisplaySentence => {
                f.write_str("a display sentence the translator does not know")
            }
            UnreadReason::OneOfTooFew => f.write_str("one of fewer than two fields"),
            UnreadReason::OneOfNotOneGroup => f.write_str("the fields named are not in one group"),
            UnreadReason::OneOfNotThisField => {
                f.write_str("the fields named do not include this one")
            }
            UnreadReason::TwoParts { part } => {
                write!(
                    f,
                    "a condition of two parts ('{part}'): read whole or not at all"
                )
            }
            UnreadReason::RequiredCannotHide => {
                f.write_str("the schema requires this field: a rule cannot hide it")
            }
            UnreadReason::ConditionUnreadable => {
                f.write_str("a condition the translator cannot read")
            }
            UnreadReason::FieldsNotApart { names } => {
                write!(
                    f,
                    "the fields of the condition cannot be told apart: {names:?}"
                )
            }
            UnreadReason::NotSwitch { name } => write!(f, "'{name}' is not a yes/no field"),
            UnreadReason::NotCode { name } => write!(f, "'{name}' is not a code field"),
            UnreadReason::SeveralFieldsInCondition { name } => {
                write!(f, "more than one field in the condition: {name}")
            }
            UnreadReason::NoSuchCode { name, code } => write!(f, "'{name}' lists no code {code}"),
            UnreadReason::EmptyName => f.write_str("an empty field name"),
            UnreadReason::SeveralFields { name } => write!(f, "'{name}' names more than one field"),
            UnreadReason::NoField { name } => write!(f, "no field is called '{name}'"),
        }
    }
}

/// The rules read from a structure's prose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Derivation {
    /// Rules, each once (a pair's rule is stated on both fields; kept once).
    pub rules: Vec<DerivedRule>,
    /// Nodes whose prose gave a rule (both fields of a pair, though the rule is kept once).
    pub covered: Vec<NodeId>,
    /// `conditionalRequired` nodes with no rule read from their prose.
    pub unread: Vec<Unread>,
    /// Every display sentence ("Kenttää ei näytetä, jos …", "… näytetään, jos …") of any
    /// node: read into a `hiddenWhen` rule, or why not.
    pub display: Vec<DisplaySentence>,
}

/// A sentence that says when a field or group is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplaySentence {
    /// The node whose note it is in.
    pub node: NodeId,
    /// The sentence.
    pub sentence: String,
    /// `Ok` when a `hiddenWhen` rule was read from it; else why not.
    pub read: Result<(), UnreadReason>,
}

impl Derivation {
    /// The rules as a rules file for structure `oid` (what [`super::RuleSet::from_json`]
    /// reads).
    pub fn rules_json(&self, oid: &str) -> String {
        let list: Vec<&RuleSpec> = self.rules.iter().map(|r| &r.rule).collect();
        serde_json::json!({ "rules": { oid: list } }).to_string()
    }

    /// Whether some rule was read from `node`'s prose.
    pub fn covers(&self, node: NodeId) -> bool {
        // In node order: read in the structure's order.
        self.covered.binary_search(&node).is_ok()
    }

    /// (covered, all) `conditionalRequired` nodes of `s`, the structure it was read from.
    pub fn coverage(&self, s: &Structure) -> (usize, usize) {
        let conditional = || s.ids().filter(|&id| s.node(id).meta.conditional_required);
        (
            conditional().filter(|&id| self.covers(id)).count(),
            conditional().count(),
        )
    }
}

/// Reads the rules the structure's prose states.
pub fn derive_rules(s: &Structure) -> Derivation {
    let mut out = Derivation::default();
    // The kept rules by what makes them the same ([`rule_key`]): one lookup per new rule
    // (comparing each with every kept one was quadratic in a structure's rules).
    let mut kept = super::FastSet::default();
    let r = &Reader::of(s);
    for id in s.ids().skip(1) {
        let n = s.node(id);
        let Some(note) = n.meta.implementation_note.fi.as_deref() else {
            if n.meta.conditional_required {
                out.unread.push(Unread {
                    node: id,
                    reason: UnreadReason::NoNote,
                });
            }
            continue;
        };
        let mut read = Vec::new();
        let mut why = None;
        for sentence in sentences(&normalize(note)) {
            let result = read_sentence(r, id, &sentence);
            if is_display_sentence(&body(&sentence).to_lowercase()) {
                out.display.push(DisplaySentence {
                    node: id,
                    sentence: sentence.clone(),
                    read: match &result {
                        Ok(Some(r)) if r.hidden_when.is_some() => Ok(()),
                        Ok(_) => Err(UnreadReason::UnknownDisplaySentence),
                        Err(e) => Err(e.clone()),
                    },
                });
            }
            match result {
                Ok(Some(rule)) => read.push(rule),
                Ok(None) => {}
                Err(e) => why = why.or(Some(e)),
            }
        }
        if read.is_empty() {
            if n.meta.conditional_required {
                out.unread.push(Unread {
                    node: id,
                    reason: why.unwrap_or(UnreadReason::NoKnownSentence),
                });
            }
            continue;
        }
        out.covered.push(id);
        for rule in read {
            if kept.insert(rule_key(&rule)) {
                out.rules.push(DerivedRule { rule, from: id });
            }
        }
    }
    out
}

/// What makes two rules the same: everything but their note (a pair's rule, written on
/// both fields) and the order of a `oneOfRequired` list — as text, to be hashed.
fn rule_key(r: &RuleSpec) -> String {
    let mut r = r.clone();
    r.note = None;
    if let Some(list) = &mut r.one_of_required {
        list.sort();
    }
    r.to_string()
}

/// A sentence that says, on a condition, whether a field or group is shown (not one about
/// titles or phrase texts, which are layout).
fn is_display_sentence(lower: &str) -> bool {
    (lower.contains("näytetä") || lower.contains("näytetään"))
        && (lower.contains("jos ") || lower.contains(" kun "))
        && !lower.contains("otsiko")
        && !lower.contains("otsikko")
        && !lower.contains("fraasi")
}

/// Typographic quotes to `"`, whitespace collapsed.
fn normalize(t: &str) -> String {
    let t: String = t
        .chars()
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    t.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Sentences: split at `. ` outside quotes.
fn sentences(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        if c == '"' {
            quoted = !quoted;
        }
        if c == '.' && !quoted && chars.get(i + 1).is_none_or(|n| *n == ' ') {
            out.push(cur.trim().trim_end_matches('.').to_string());
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The labels THL puts before a conditional requirement ("Ehdollisesti pakollinen: …").
pub const CONDITION_LABELS: [&str; 2] = ["Ehdollisesti pakollinen:", "Ehdollinen pakollisuus:"];

/// The part after a leading "Ehdollisesti pakollinen:" / "Ehdollinen pakollisuus:" label.
fn body(sentence: &str) -> &str {
    for label in CONDITION_LABELS {
        if let Some(i) = sentence.find(label) {
            return sentence[i + label.len()..].trim();
        }
    }
    sentence
}

/// One sentence: `Ok(Some(rule))` when read, `Ok(None)` when it states no condition the
/// translator knows, `Err(reason)` when it looks like one but cannot be read safely.
fn read_sentence(
    r: &Reader<'_>,
    at: NodeId,
    sentence: &str,
) -> Result<Option<RuleSpec>, UnreadReason> {
    let s = r.s;
    // Everything is matched and cut in one lowercase text (lowercasing can change byte
    // lengths: indexes found in one text never cut another). Names compare in lowercase.
    let b = body(sentence).to_lowercase();
    let b = b.as_str();
    let lower = b;
    let note = sentence.to_string();
    // "A- ja B -kentistä toinen on pakollinen", "Toinen kentistä A ja B on pakollinen",
    // "Joko A-kenttä tai B -kenttä on pakollinen", "A, B ja C -kentistä yksi on pakollinen".
    if lower.contains("on pakollinen") && !lower.contains(" jos ") && !lower.contains("mikäli") {
        if let Some(names) = one_of_names(b) {
            let targets = resolve_all(r, at, &names)?;
            if targets.len() < 2 {
                return Err(UnreadReason::OneOfTooFew);
            }
            let parent = s.node(targets[0]).parent;
            if targets.iter().any(|t| s.node(*t).parent != parent) {
                return Err(UnreadReason::OneOfNotOneGroup);
            }
            if !targets.contains(&at) {
                return Err(UnreadReason::OneOfNotThisField);
            }
            let paths: Vec<String> = targets.iter().map(|t| s.key_path(*t)).collect();
            return Ok(Some(RuleSpec {
                one_of_required: Some(paths),
                note: Some(note),
                ..RuleSpec::default()
            }));
        }
    }
    // "Jos X -kenttään on vastattu "kyllä", tätä kenttää ei näytetä.", "Kenttää ei
    // näytetä, jos …": hidden when.
    // (A group: "Tietokokonaisuutta ei näytetä, jos …", "…, ei tätä tietokokonaisuutta
    // näytetä".)
    // The main clause must be about this field alone: "Jos A, näytetään tämä kenttä, ja B
    // -kenttää ei näytetä" hides *another* field and is not read.
    let hides_this = (lower.starts_with("jos ")
        && !lower.contains("näytetään")
        && [
            ", tätä kenttää ei näytetä",
            ", kenttää ei näytetä",
            ", ei tätä kenttää näytetä",
            ", tätä tietokokonaisuutta ei näytetä",
            ", ei tätä tietokokonaisuutta näytetä",
        ]
        .iter()
        .any(|e| lower.ends_with(e)))
        || [
            "kenttää ei näytetä, jos ",
            "tätä kenttää ei näytetä, jos ",
            "tietokokonaisuutta ei näytetä, jos ",
            "tätä tietokokonaisuutta ei näytetä, jos ",
        ]
        .iter()
        .any(|p| lower.starts_with(p));
    // "(Tämä) kenttä näytetään (vain), jos …", "Tietokokonaisuus näytetään vain silloin,
    // kun …", "Jos …, tämä tietokokonaisuus näytetään": hidden unless.
    let shows_this = [
        "kenttä",
        "tämä kenttä",
        "tietokokonaisuus",
        "tämä tietokokonaisuus",
    ]
    .iter()
    .any(|w| {
        [
            " näytetään, jos ",
            " näytetään vain, jos ",
            " näytetään vain silloin, kun ",
        ]
        .iter()
        .any(|p| lower.starts_with(&format!("{w}{p}")))
    }) || (lower.starts_with("jos ")
        && (lower.ends_with(", tämä tietokokonaisuus näytetään")
            || lower.ends_with(", tämä kenttä näytetään")));
    // "Kenttä on pakollinen, jos X -kenttään on vastattu "ei"", "… jos kytkin "X" on
    // asennossa kyllä …, on tämä kenttä pakollinen", "… jos X -kenttä jätetään tyhjäksi",
    // "… jos X -kenttään on valittu 2 = …".
    let requires_this = lower.starts_with("kenttä on pakollinen, jos ")
        || lower.starts_with("kenttä on pakollinen jos ")
        || lower.starts_with("kenttä on pakollinen, mikäli ")
        || lower.starts_with("tietokokonaisuus on pakollinen, jos ")
        || (lower.starts_with("jos ")
            && (lower.ends_with("on tämä kenttä pakollinen")
                || lower.ends_with("on tämä kohta pakollinen")
                || lower.ends_with(", tämä kenttä on pakollinen")
                || lower.ends_with(", kenttä on pakollinen")))
        || (lower.starts_with("mikäli ") && lower.ends_with("on tämä tietokenttä pakollinen"));
    enum Kind {
        Hidden,
        Required,
    }
    let (kind, negate) = match (hides_this, shows_this, requires_this) {
        (true, _, _) => (Kind::Hidden, false),
        (_, true, _) => (Kind::Hidden, true),
        (_, _, true) => (Kind::Required, false),
        _ => return Ok(None),
    };
    if let Some(part) = second_part(lower) {
        // "… kyllä ja Gamma … ei", "… paitsi jos …", "… tai jos asiakas on alle
        // 18-vuotias" were read as a rule about their first half. The whole condition or
        // nothing.
        return Err(UnreadReason::TwoParts { part });
    }
    if matches!(kind, Kind::Hidden) && s.node(at).required {
        // Hiding it would leave a form no one can complete.
        return Err(UnreadReason::RequiredCannotHide);
    }
    let Some(cond) = condition(r, at, b)? else {
        return Err(UnreadReason::ConditionUnreadable);
    };
    let cond = if negate {
        CondSpec::Not(Box::new(cond))
    } else {
        cond
    };
    let mut rule = RuleSpec {
        field: Some(s.key_path(at)),
        note: Some(note),
        ..RuleSpec::default()
    };
    match kind {
        Kind::Hidden => rule.hidden_when = Some(cond),
        Kind::Required => rule.required_when = Some(cond),
    }
    Ok(Some(rule))
}

/// The condition clause of a conditional sentence (`b` in lowercase): after its "jos " /
/// "mikäli " / " kun ", up to the main clause when the sentence starts with the condition
/// (the main clause follows its last comma).
fn condition_clause(b: &str) -> &str {
    let starts = ["jos ", "mikäli "].iter().any(|p| b.starts_with(p));
    let start = ["jos ", "mikäli ", " kun "]
        .iter()
        .filter_map(|w| b.find(w).map(|k| k + w.len()))
        .min()
        .unwrap_or(0);
    let end = if starts {
        b.rfind(", ").filter(|e| *e >= start).unwrap_or(b.len())
    } else {
        b.len()
    };
    b[start..end].trim().trim_end_matches('.')
}

/// What makes a condition two conditions, if anything: a second condition joined on
/// ("tai jos", "ja jos", "paitsi", "ellei", "lukuun ottamatta", an age after another
/// condition) or a second answer ("… "kyllä" ja Gamma -kenttään "ei"").
fn second_part(b: &str) -> Option<String> {
    let clause = condition_clause(b);
    for joint in [
        " tai jos ",
        " ja jos ",
        " tai mikäli ",
        " ja mikäli ",
        " tai kun ",
        " ja kun ",
        "paitsi ",
        " ellei ",
        " lukuun ottamatta",
        " sekä ",
    ] {
        if clause.contains(joint) {
            return Some(joint.trim().to_string());
        }
    }
    // An age beside another condition (an age alone is read by `age_condition`).
    if clause.contains("-vuotias") && !clause.starts_with("asiakas on ") {
        return Some("-vuotias".into());
    }
    // Answers: "kyllä" / "ei" as words (quoted or not) — two of them are two conditions.
    // A condition said twice ("asiakkaalla ei ole asuntoa, eli kenttään "X" on vastattu
    // "ei"") is counted in its field's words, after "eli".
    let said = clause
        .rfind(" eli ")
        .map_or(clause, |e| &clause[e + " eli ".len()..]);
    let answers = said
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| *w == "kyllä" || *w == "ei")
        .count();
    (answers > 1).then(|| "kyllä/ei".into())
}

/// The names of a "one of these fields" sentence (`b` in lowercase).
fn one_of_names(b: &str) -> Option<Vec<String>> {
    for marker in [
        "-kentistä toinen on pakollinen",
        "-kentistä yksi on pakollinen",
    ] {
        if let Some(i) = b.find(marker) {
            return Some(split_names(&b[..i]));
        }
    }
    for lead in [
        "toinen kentistä",
        "yksi kentistä",
        "toinen seuraavista kentistä",
        "yksi seuraavista kentistä",
    ] {
        let Some(rest) = b.strip_prefix(lead) else {
            continue;
        };
        // "Toinen kentistä A ja B on pakollinen" or "… on pakollinen: "A" tai "B"".
        let end = rest.find(" on pakollinen")?;
        let (before, after) = (&rest[..end], &rest[end + " on pakollinen".len()..]);
        let names = match after.strip_prefix(':') {
            Some(list) if before.trim().is_empty() => list,
            _ => before,
        };
        return Some(split_names(names));
    }
    if let Some(rest) = b.strip_prefix("joko ") {
        let end = rest.find(" on pakollinen")?;
        let inner = &rest[..end];
        let names: Vec<String> = inner
            .split(" tai ")
            .map(|n| clean_name(n).to_string())
            .collect();
        return (names.len() >= 2).then_some(names);
    }
    None
}

/// "A- ja B", "A, B ja C", ""A" tai "B"" → names.
fn split_names(t: &str) -> Vec<String> {
    let t = t.trim();
    if t.contains('"') {
        return t
            .split('"')
            .skip(1)
            .step_by(2)
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
    }
    t.split(", ")
        .flat_map(|p| p.split(" ja "))
        .flat_map(|p| p.split(" tai "))
        .map(|n| clean_name(n).to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// `n` without a trailing "-kenttä" / "-kenttään" (quotes kept).
fn without_field_word(n: &str) -> &str {
    let mut n = n.trim();
    for suffix in [" -kenttään", "-kenttään", " -kenttä", "-kenttä"] {
        if let Some(x) = n.strip_suffix(suffix) {
            n = x.trim();
        }
    }
    n
}

/// A name as written before "-kenttä": no quotes, no trailing hyphen or "-kenttä".
fn clean_name(n: &str) -> &str {
    let mut n = n.trim().trim_matches('"').trim();
    for suffix in [" -kenttä", "-kenttä", " -kenttään", "-kenttään", "-"] {
        if let Some(x) = n.strip_suffix(suffix) {
            n = x.trim().trim_matches('"').trim();
        }
    }
    n
}

/// The condition after the first "jos " (else the first " kun ": "… vain silloin, kun …").
fn after_if(b: &str) -> Option<&str> {
    match b.find("jos ") {
        Some(j) => Some(&b[j + "jos ".len()..]),
        None => b.find(" kun ").map(|k| &b[k + " kun ".len()..]),
    }
}

/// "jos X -kenttään on vastattu "kyllä"/"ei"", "jos kenttään "X" on vastattu …",
/// "jos kytkin (kentässä) "X" on asennossa kyllä", "jos "A" tai "B" -kenttään on vastattu
/// "kyllä"", "jos jompikumpi seuraavista kytkimistä on asennossa kyllä …: "A" tai "B"":
/// `equals X true/false` (each X a Kytkin; several: `any`).
fn answer_condition(
    r: &Reader<'_>,
    at: NodeId,
    b: &str,
) -> Result<Option<(CondSpec, bool)>, UnreadReason> {
    let s = r.s;
    let Some(after) = after_if(b) else {
        return Ok(None);
    };
    // "… on vastattu "kyllä"", "… on kirjattu "ei"", "… vastataan "kyllä"", "… on
    // vastattu kyllä".
    let verb = [" on vastattu ", " on kirjattu ", " vastataan "]
        .iter()
        .filter_map(|v| after.find(v).map(|k| (k, *v)))
        .min_by_key(|(k, _)| *k);
    let answer_at = |rest: &str| -> Option<bool> {
        let rest = rest.strip_prefix('"').unwrap_or(rest);
        let word_end = |w: &str| {
            rest.strip_prefix(w)
                .is_some_and(|r| r.is_empty() || r.starts_with(['"', ',', ' ', '.', ')']))
        };
        if word_end("kyllä") {
            Some(true)
        } else if word_end("ei") {
            Some(false)
        } else {
            None
        }
    };
    let (names, yes) = if let Some(rest) = after.strip_prefix("kytkin on asennossa ") {
        // "kytkin on asennossa "ei" edellisessä kentässä(,) eli kentässä "X"".
        let Some(yes) = answer_at(rest) else {
            return Ok(None);
        };
        let Some(e) = rest.find("kentässä \"") else {
            return Ok(None);
        };
        (split_names(&rest[e + "kentässä ".len()..]), yes)
    } else if let Some((k, v)) = verb {
        let Some(yes) = answer_at(&after[k + v.len()..]) else {
            return Ok(None);
        };
        let mut name = after[..k].trim();
        // "…, eli kun kenttään "X"": the field is named after "eli (kun)".
        if let Some(e) = name.rfind("eli kun ") {
            name = &name[e + "eli kun ".len()..];
        } else if let Some(e) = name.rfind(" eli ") {
            name = &name[e + " eli ".len()..];
        }
        // "kohdassa "G" kenttään "X"": X of group G (found by its name below).
        if let Some(r) = name.strip_prefix("kohdassa \"") {
            if let Some(k) = r.find("\" kenttään ") {
                name = &r[k + "\" kenttään ".len()..];
            }
        }
        for lead in ["kenttään ", "tähän "] {
            name = name.strip_prefix(lead).unwrap_or(name);
        }
        for tail in ["-kenttää", " -kenttää"] {
            name = name.strip_suffix(tail).unwrap_or(name);
        }
        // A title may itself hold "tai" ("Lasta on kuultu tai lapsen mielipide on
        // selvitetty"): the whole name first, then the names it lists.
        let whole = clean_name(name);
        let names = if !whole.contains('"') && resolve(r, at, whole).is_ok() {
            vec![whole.to_string()]
        } else {
            // Quotes kept: ""A" tai "B" -kenttään" lists A and B.
            split_names(without_field_word(name))
        };
        (names, yes)
    } else if let Some(rest) =
        after.strip_prefix("jompikumpi seuraavista kytkimistä on asennossa kyllä")
    {
        // "… eli valintaruutu on valittu: "A" tai "B"".
        let Some(c) = rest.find(':') else {
            return Ok(None);
        };
        (split_names(&rest[c + 1..]), true)
    } else if let Some(k) = after.find(" on asennossa kyllä") {
        let mut name = after[..k].trim();
        for lead in ["kytkin kentässä ", "kytkin "] {
            name = name.strip_prefix(lead).unwrap_or(name);
        }
        (vec![clean_name(name).to_string()], true)
    } else {
        return Ok(None);
    };
    if names.is_empty() || names.iter().any(|n| n.is_empty() || n.contains('"')) {
        return Err(UnreadReason::FieldsNotApart { names });
    }
    let mut conds = Vec::new();
    for name in &names {
        let x = resolve(r, at, name)?;
        if s.node(x).kind != NodeKind::Field(FieldKind::Switch) {
            return Err(UnreadReason::NotSwitch {
                name: name.to_string(),
            });
        }
        conds.push(CondSpec::Equals {
            field: s.key_path(x),
            value: yes.into(),
        });
    }
    let cond = if conds.len() == 1 {
        conds.remove(0)
    } else {
        CondSpec::Any(conds)
    };
    Ok(Some((cond, yes)))
}

/// "jos X -kenttään on valittu 2 = …", "jos kentän "X" luokituksesta on valittu luokka 2",
/// "jos X-kentässä olevasta luokituksesta on valittu 31 = A, 32 = B tai 33 = C", "jos
/// X-kenttään valitaan Vammaispalvelut": `equals`/`in` X codes (X a Koodi). A code is
/// taken from the field's own code list, by code or by its Finnish name; a field with no
/// list of its own takes only codes the sentence spells out with their names ("2 =
/// Kielteinen ratkaisu"). Anything else is not guessed.
fn code_condition(r: &Reader<'_>, at: NodeId, b: &str) -> Result<Option<CondSpec>, UnreadReason> {
    let s = r.s;
    let Some(after) = after_if(b) else {
        return Ok(None);
    };
    let after = after.trim_start();
    let verbs = [
        " luokituksesta on valittu luokka ",
        " on valittu luokituksesta ",
        " on valittu ",
        " valitaan ",
        " on kirjattu ",
    ];
    let Some((k, verb)) = verbs
        .iter()
        .filter_map(|v| after.find(v).map(|k| (k, *v)))
        .min_by_key(|(k, v)| (*k, std::cmp::Reverse(v.len())))
    else {
        return Ok(None);
    };
    let mut name = after[..k].trim();
    for lead in ["kentän ", "kenttään ", "tähän "] {
        name = name.strip_prefix(lead).unwrap_or(name);
    }
    for tail in [
        " -kentässä käytettävästä luokituksesta",
        "-kentässä käytettävästä luokituksesta",
        " -kentässä käytetystä luokituksesta",
        "-kentässä käytetystä luokituksesta",
        " -kentässä olevasta luokituksesta",
        "-kentässä olevasta luokituksesta",
        " -kentässä luokituksesta",
        "-kentässä luokituksesta",
        " -kentän luokituksesta",
        "-kentän luokituksesta",
        "-luokituksesta",
        " luokituksesta",
        " -kentän",
        "-kentän",
    ] {
        name = name.strip_suffix(tail).unwrap_or(name);
    }
    // "kentässä "X" käytetystä luokituksesta".
    name = name.strip_prefix("kentässä ").unwrap_or(name);
    for tail in [" käytetystä", " käytettävästä"] {
        name = name.strip_suffix(tail).unwrap_or(name);
    }
    let mut rest = &after[k + verb.len()..];
    // The condition ends where the main clause begins.
    for end in [
        ", tätä ",
        ", tämä ",
        ", ei tätä",
        ", on tämä",
        ", näytetään",
        ", kenttä ",
        " eli ",
    ] {
        if let Some(e) = rest.find(end) {
            rest = &rest[..e];
        }
    }
    let rest = rest.strip_prefix("luokituksesta ").unwrap_or(rest);
    let rest = rest.strip_prefix("koodi ").unwrap_or(rest);
    let rest = rest.strip_prefix("luokka ").unwrap_or(rest);
    let name = clean_name(name).to_string();
    // A title may itself hold "tai" ("Asiakkaan turvakotiin ohjannut henkilö tai taho").
    let whole = resolve(r, at, &name).ok();
    if whole.is_none() && (name.contains('"') || name.contains(" tai ") || name.contains(" ja ")) {
        return Err(UnreadReason::SeveralFieldsInCondition { name });
    }
    // Items: "2 = a", "31 = a, 32 = b tai 33 = c", "vammaispalvelut", "laitospalvelu tai …".
    let items: Vec<&str> = rest
        .split(", ")
        .flat_map(|p| p.split(" tai "))
        .map(str::trim)
        .collect();
    if items.is_empty() || items.iter().any(|i| i.is_empty()) {
        return Ok(None);
    }
    let x = match whole {
        Some(x) => x,
        None => resolve(r, at, &name)?,
    };
    if s.node(x).kind != NodeKind::Field(FieldKind::Code) {
        return Err(UnreadReason::NotCode {
            name: name.to_string(),
        });
    }
    let list = r.list(x);
    let mut codes = Vec::new();
    for item in items {
        let code: String = item
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let tail = item[code.len()..].trim_start();
        let named = tail.starts_with('=');
        // "99 Muu": a code followed by the very name the field's list gives it.
        let with_its_name =
            !code.is_empty() && !tail.is_empty() && list.coded(&code).any(|(_, n)| *n == key(tail));
        let is_code = !code.is_empty() && (tail.is_empty() || named || with_its_name);
        // The code as the field's own list spells it (the sentence was lowercased).
        let from_list = list
            .coded(&code)
            .find(|_| is_code)
            .or_else(|| list.named(&key(item)));
        // Digits only: a code with letters lost its case in the lowercased sentence.
        let spelled_out =
            is_code && named && list.is_empty() && code.chars().all(|c| c.is_ascii_digit());
        match (from_list, spelled_out) {
            (Some((c, _)), _) => codes.push(serde_json::Value::from(c.clone())),
            (None, true) => codes.push(serde_json::Value::from(code.clone())),
            (None, false) if is_code => {
                return Err(UnreadReason::NoSuchCode {
                    name,
                    code: code.clone(),
                })
            }
            (None, false) => {
                return Err(UnreadReason::NoSuchCode {
                    name,
                    code: item.to_string(),
                })
            }
        }
    }
    let field = s.key_path(x);
    Ok(Some(if codes.len() == 1 {
        CondSpec::Equals {
            field,
            value: codes.remove(0),
        }
    } else {
        CondSpec::In {
            field,
            values: codes,
        }
    }))
}

/// Any condition the translator reads after "jos": a switch's answer, a chosen code, a
/// field left empty.
fn condition(r: &Reader<'_>, at: NodeId, b: &str) -> Result<Option<CondSpec>, UnreadReason> {
    if let Some(c) = age_condition(b) {
        return Ok(Some(c));
    }
    if let Some((c, _)) = answer_condition(r, at, b)? {
        return Ok(Some(c));
    }
    if let Some(c) = code_condition(r, at, b)? {
        return Ok(Some(c));
    }
    if let Some(c) = chosen_condition(r, at, b)? {
        return Ok(Some(c));
    }
    empty_condition(r, at, b)
}

/// "mikäli kenttä "X" on valittu" (X a Kytkin drawn as a check box): `equals X true`.
fn chosen_condition(r: &Reader<'_>, at: NodeId, b: &str) -> Result<Option<CondSpec>, UnreadReason> {
    let s = r.s;
    let Some(j) = b.find("mikäli kenttä \"") else {
        return Ok(None);
    };
    let rest = &b[j + "mikäli kenttä ".len()..];
    let Some(k) = rest.find("\" on valittu") else {
        return Ok(None);
    };
    if !rest[k + "\" on valittu".len()..].trim().is_empty() {
        return Ok(None);
    }
    let name = rest[1..k].trim().trim_end_matches('.');
    let x = resolve(r, at, name)?;
    if s.node(x).kind != NodeKind::Field(FieldKind::Switch) {
        return Err(UnreadReason::NotSwitch {
            name: name.to_string(),
        });
    }
    Ok(Some(CondSpec::Equals {
        field: s.key_path(x),
        value: true.into(),
    }))
}

/// "jos asiakas on vähintään 18-vuotias" / "… on täyttänyt 18 vuotta": `clientAdult true`;
/// "jos asiakas on alle 18-vuotias": `clientAdult false`. The whole condition only (a
/// sentence that adds more after the age is not read).
fn age_condition(b: &str) -> Option<CondSpec> {
    let j = b.find("jos ")?;
    let cond = b[j + 4..].trim().trim_end_matches('.');
    match cond {
        "asiakas on vähintään 18-vuotias" | "asiakas on täyttänyt 18 vuotta" => {
            Some(CondSpec::ClientAdult(true))
        }
        "asiakas on alle 18-vuotias" => Some(CondSpec::ClientAdult(false)),
        _ => None,
    }
}

/// "jos X -kenttä jätetään tyhjäksi", "Mikäli tietokenttä X jätetään tyhjäksi":
/// `absent X`.
fn empty_condition(r: &Reader<'_>, at: NodeId, b: &str) -> Result<Option<CondSpec>, UnreadReason> {
    let s = r.s;
    let Some(k) = b
        .find(" jätetään tyhjäksi")
        .or_else(|| b.find(" on jätetty tyhjäksi"))
    else {
        return Ok(None);
    };
    let start = b
        .find("jos ")
        .map(|j| j + 4)
        .or_else(|| b.find("mikäli ").map(|j| j + "mikäli ".len()));
    let Some(start) = start.filter(|&st| st <= k) else {
        return Ok(None);
    };
    let name = b[start..k].trim();
    let name = name.strip_prefix("tietokenttä ").unwrap_or(name);
    let name = clean_name(name).to_string();
    let x = resolve(r, at, &name)?;
    Ok(Some(CondSpec::Absent(s.key_path(x))))
}

fn resolve_all(r: &Reader<'_>, at: NodeId, names: &[String]) -> Result<Vec<NodeId>, UnreadReason> {
    names.iter().map(|n| resolve(r, at, n)).collect()
}

/// The field a reader means by `name` from the field `at`: a sibling whose Finnish title
/// or name is `name` (case and spacing aside), else one among the siblings of `at`'s
/// group, and so on up; else the one field of the whole structure so called (a note may
/// name a field of another group). Two alike at the nearest level, or none at all: an
/// error. Each level is one lookup in [`Reader`]'s index (a scan of the siblings and then
/// of every node made a structure of n notes cost n²).
fn resolve(r: &Reader<'_>, at: NodeId, name: &str) -> Result<NodeId, UnreadReason> {
    let s = r.s;
    let want = key(name);
    if want.is_empty() {
        return Err(UnreadReason::EmptyName);
    }
    let several = || UnreadReason::SeveralFields {
        name: name.to_string(),
    };
    let mut level = s.node(at).parent;
    while let Some(p) = level {
        match r.children.get(&(p, want.clone())).map(Vec::as_slice) {
            Some([one]) => return Ok(*one),
            Some([_, _, ..]) => return Err(several()),
            _ => level = s.node(p).parent,
        }
    }
    let mut anywhere = r
        .anywhere
        .get(&want)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&c| c != at);
    match (anywhere.next(), anywhere.next()) {
        (Some(one), None) => Ok(one),
        (None, _) => Err(UnreadReason::NoField {
            name: name.to_string(),
        }),
        (Some(_), Some(_)) => Err(several()),
    }
}

/// A structure indexed for reading its notes: every node under the [`key`] of its
/// Finnish title and of its name, by parent and over the whole structure, and each code
/// field's list by code and by name (built on first use). Built once per derivation.
struct Reader<'s> {
    s: &'s Structure,
    /// (parent, name key) → the children so called, in order.
    children: super::FastMap<(NodeId, String), Vec<NodeId>>,
    /// name key → every node so called (the root aside), in order.
    anywhere: super::FastMap<String, Vec<NodeId>>,
    /// A code field's list, indexed ([`CodeList`]).
    lists: std::cell::RefCell<super::FastMap<NodeId, std::rc::Rc<CodeList>>>,
}

impl<'s> Reader<'s> {
    fn of(s: &'s Structure) -> Reader<'s> {
        let mut children: super::FastMap<_, Vec<NodeId>> = Default::default();
        let mut anywhere: super::FastMap<_, Vec<NodeId>> = Default::default();
        for id in s.ids().skip(1) {
            let m = &s.node(id).meta;
            let mut keys: Vec<String> = [&m.title.fi, &m.name.fi]
                .into_iter()
                .flatten()
                .map(|t| key(t))
                .collect();
            keys.dedup();
            for k in keys {
                if let Some(p) = s.node(id).parent {
                    children.entry((p, k.clone())).or_default().push(id);
                }
                anywhere.entry(k).or_default().push(id);
            }
        }
        Reader {
            s,
            children,
            anywhere,
            lists: Default::default(),
        }
    }

    /// The code list of field `x`, indexed.
    fn list(&self, x: NodeId) -> std::rc::Rc<CodeList> {
        let mut lists = self.lists.borrow_mut();
        lists
            .entry(x)
            .or_insert_with(|| {
                std::rc::Rc::new(CodeList::of(&self.s.node(x).meta.value_set_codes.fi))
            })
            .clone()
    }
}

/// A field's Finnish code list as a sentence is matched against it: by lowercased code
/// (the sentence was lowercased) and by the [`key`] of a code's name.
struct CodeList {
    /// (code, key of its name), in the list's order.
    entries: Vec<(String, String)>,
    /// Lowercased code → the entries so coded, in order.
    by_code: super::FastMap<String, Vec<usize>>,
    /// Name key → the first entry so named.
    by_name: super::FastMap<String, usize>,
}

impl CodeList {
    fn of(list: &[(String, String)]) -> CodeList {
        let mut by_code: super::FastMap<String, Vec<usize>> = Default::default();
        let mut by_name = super::FastMap::default();
        let mut entries = Vec::with_capacity(list.len());
        for (i, (c, n)) in list.iter().enumerate() {
            by_code.entry(c.to_lowercase()).or_default().push(i);
            let k = key(n);
            by_name.entry(k.clone()).or_insert(i);
            entries.push((c.clone(), k));
        }
        CodeList {
            entries,
            by_code,
            by_name,
        }
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries whose lowercased code is `code`.
    fn coded(&self, code: &str) -> impl Iterator<Item = &(String, String)> {
        self.by_code
            .get(code)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// The first entry named (by key) `name_key`.
    fn named(&self, name_key: &str) -> Option<&(String, String)> {
        self.by_name.get(name_key).map(|&i| &self.entries[i])
    }
}

/// A name compared as a reader would: lowercase, no quotes, one space between words, no
/// "(Otsikkoa ei näytetä)" remark, no full stop at the end.
fn key(t: &str) -> String {
    let t = t.replace("(Otsikkoa ei näytetä)", "");
    normalize(&t.to_lowercase())
        .trim()
        .trim_matches('"')
        .trim()
        .trim_end_matches('.')
        .trim()
        .to_string()
}
