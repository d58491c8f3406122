//! Issues found in a document. Issues are data, not errors: drafts are incomplete.

use crate::document::DataPath;

/// How serious an issue is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The schema (or a machine rule, or a restriction requirement) rejects the document:
    /// no signed-ready bundle.
    Error,
    /// Allowed by the schema but probably wrong, or a prose rule to check by hand.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A problem found in a document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Issue {
    /// JSON Pointer into the document; for a missing property, where it should be.
    pub pointer: String,
    /// The typed path (for focusing a field in the editor).
    pub path: DataPath,
    /// What is wrong.
    pub kind: IssueKind,
}

impl Issue {
    /// The severity, fixed by the kind.
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// What is wrong. Each variant has a stable [`IssueKind::code`].
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IssueKind {
    /// Occurs when a required field or group is absent from a group that is present.
    MissingRequired,
    /// Occurs when a repeatable node has fewer items than `minItems`.
    TooFewItems {
        /// `minItems`.
        min: u64,
        /// Items present.
        found: usize,
    },
    /// Occurs when a text is shorter than `minLength`.
    TooShort {
        /// `minLength`.
        min: u64,
    },
    /// Occurs when a text does not match the schema's `pattern` (partial date, zoned time,
    /// `urn:oid:` code system, …).
    PatternMismatch {
        /// The representation the pattern belongs to, e.g. `Pvm`, or the part name.
        what: String,
        /// The pattern.
        pattern: String,
    },
    /// Occurs when a value is not one of the schema's `enum` values.
    NotAllowed {
        /// The allowed values, as JSON.
        allowed: Vec<String>,
    },
    /// Occurs when a fixed phrase (Fraasi) was changed.
    PhraseChanged,
    /// Occurs when a value has the wrong JSON type.
    WrongType {
        /// Expected type.
        expected: &'static str,
        /// Found type.
        found: &'static str,
    },
    /// Occurs when the document holds a property the structure does not know.
    UnknownProperty {
        /// The property name.
        key: String,
    },
    /// Occurs when JSON nesting is too deep to be a document of any structure.
    TooDeep,
    /// Warning: a text is empty or only whitespace.
    BlankText,
    /// Warning: an identifier (Tunnus) has an empty value.
    EmptyIdentifier,
    /// Warning: a date that matches the pattern but is not a calendar date (e.g. 2026-02-31).
    ImpossibleDate,
    /// Warning: a point in time (Hetki) without a time of day and zone.
    InstantWithoutTime,
    /// Warning: a henkilötunnus that fails its check (format, century sign, date,
    /// individual number, check character). Its holder's age counts as unknown, which
    /// makes the guardian mark required (restrict::client_age). Not an error: the schema
    /// does not check it.
    InvalidHetu {
        /// What fails.
        reason: crate::hetu::HetuError,
    },
    /// Warning: a conditionally required field is empty; its condition is prose only.
    ConditionallyRequired {
        /// The structure's implementation note (fi), which states the condition.
        note_fi: Option<String>,
        /// The note in Swedish, when the structure has one.
        note_sv: Option<String>,
    },
    /// A machine-readable rule requires this field here.
    RuleRequired {
        /// The rule's note, if it has one (a structure's rule: the sentence it states).
        note: Option<String>,
        /// Whose rule: the host's, or one read from the structure (derived or curated).
        source: super::RuleSource,
    },
    /// A machine-readable rule requires one of these fields here.
    RuleOneOfRequired {
        /// Key paths of the fields.
        fields: Vec<String>,
        /// Their labels (title, else name), as the form shows them: a person's message
        /// names fields by these, not by key path.
        labels: Vec<crate::lang::LangText>,
        /// The rule's note, if it has one (a structure's rule: the sentence it states).
        note: Option<String>,
        /// Whose rule: the host's, or one read from the structure (derived or curated).
        source: super::RuleSource,
    },
    /// Warning: a field a rule hides has a value; it will not be shown.
    HiddenHasValue,
    /// Error: contact details entered for a person whose turvakielto means they are not
    /// recorded at all (1.2.246.537.6.1505.1 `asiakkaaseen_liittyvat_henkilot`: "Jos henkilö
    /// on muu kuin asiakkaan laillinen edustaja, ja hänellä on turvakielto, ei hänen
    /// yhteystietojaan kirjata asiakkuusasiakirjalle").
    ProtectedDetailsRecorded,
    /// Warning: a text holds a character the display form cannot show (a control character
    /// XML forbids: it is kept in the structured form and shown as U+FFFD) or a bidirectional
    /// override that can make the shown text read differently from what is stored.
    UnsafeCharacter {
        /// The first such character's code point.
        code_point: u32,
    },
}

/// True for characters a text field should not carry unnoticed: XML-forbidden controls
/// (C0 except tab, line feed, carriage return; U+FFFE, U+FFFF) and bidi overrides /
/// isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe_char(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || u == 0xFFFE
        || u == 0xFFFF
        || (0x202A..=0x202E).contains(&u)
        || (0x2066..=0x2069).contains(&u)
}

impl IssueKind {
    /// Stable machine code, used in `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            IssueKind::MissingRequired => "required",
            IssueKind::TooFewItems { .. } => "min-items",
            IssueKind::TooShort { .. } => "min-length",
            IssueKind::PatternMismatch { .. } => "pattern",
            IssueKind::NotAllowed { .. } => "enum",
            IssueKind::PhraseChanged => "phrase",
            IssueKind::WrongType { .. } => "type",
            IssueKind::UnknownProperty { .. } => "unknown-property",
            IssueKind::TooDeep => "too-deep",
            IssueKind::BlankText => "blank-text",
            IssueKind::EmptyIdentifier => "empty-identifier",
            IssueKind::ImpossibleDate => "impossible-date",
            IssueKind::InstantWithoutTime => "instant-without-time",
            IssueKind::InvalidHetu { .. } => "invalid-hetu",
            IssueKind::ConditionallyRequired { .. } => "conditional-required",
            IssueKind::RuleRequired { source, .. } => match source {
                super::RuleSource::Host => "rule-required",
                super::RuleSource::Derived => "derived-required",
                super::RuleSource::Curated => "curated-required",
            },
            IssueKind::RuleOneOfRequired { source, .. } => match source {
                super::RuleSource::Host => "rule-one-of-required",
                super::RuleSource::Derived => "derived-one-of-required",
                super::RuleSource::Curated => "curated-one-of-required",
            },
            IssueKind::HiddenHasValue => "hidden-has-value",
            IssueKind::ProtectedDetailsRecorded => "turvakielto-details-recorded",
            IssueKind::UnsafeCharacter { .. } => "unsafe-character",
        }
    }

    /// Error for what the schema or a machine rule rejects; warning otherwise.
    pub fn severity(&self) -> Severity {
        match self {
            IssueKind::BlankText
            | IssueKind::EmptyIdentifier
            | IssueKind::ImpossibleDate
            | IssueKind::InstantWithoutTime
            | IssueKind::InvalidHetu { .. }
            | IssueKind::ConditionallyRequired { .. }
            | IssueKind::HiddenHasValue
            | IssueKind::UnsafeCharacter { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// The result of validating a document: every issue, errors and warnings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// All issues in document order (rule findings after schema findings).
    pub issues: Vec<Issue>,
}

impl Report {
    /// True when some issue is an error.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity() == Severity::Error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity() == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity() == Severity::Warning)
    }

    /// Issues whose pointer is `pointer` or below it.
    pub fn at<'a>(&'a self, pointer: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| {
            i.pointer == pointer
                || (i.pointer.starts_with(pointer)
                    && i.pointer.as_bytes().get(pointer.len()) == Some(&b'/'))
        })
    }
}

/// The issues of one report by [`DataPath`]: the issues at or below a path, the issues
/// exactly at it and a fingerprint of them are one lookup each (the form asks for every
/// group and field it draws). Built once per assessment; the typed path is the key, JSON
/// Pointers are for the edges (CLI lines, event payloads, DOM ids).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IssuePaths {
    /// For each path with issues at or below it: its slot in `slots`.
    below: super::FastMap<DataPath, u32>,
    /// The issues' indexes in report order, and a fingerprint of those issues.
    slots: Vec<(Vec<u32>, u64)>,
}

impl IssuePaths {
    /// The index of `report`.
    pub fn new(report: &Report) -> IssuePaths {
        use std::hash::{Hash, Hasher};
        let mut below: super::FastMap<DataPath, u32> = Default::default();
        let mut slots: Vec<(Vec<u32>, u64)> = Vec::new();
        // The slots of the previous issue's path and of its ancestors (`at[n - 1]`: of its
        // first `n` steps). Issues come mostly in document order, so the next one shares
        // most of them: each is looked up once per run of issues below it, not once per
        // issue (1505.1 with 15 000 related persons: 195 000 issues, ~5 steps each).
        let mut prev: &[crate::document::PathToken] = &[];
        let mut at: Vec<u32> = Vec::new();
        for (k, issue) in report.issues.iter().enumerate() {
            let mut h = std::hash::DefaultHasher::new();
            issue.hash(&mut h);
            let hash = h.finish();
            let path = issue.path.0.as_slice();
            let common = prev.iter().zip(path).take_while(|(a, b)| a == b).count();
            at.truncate(common);
            for n in common + 1..=path.len() {
                // Looked up by the borrowed prefix: a path is copied only the first time
                // it is seen.
                let prefix = &path[..n];
                let slot = match below.get(prefix) {
                    Some(&slot) => slot,
                    None => {
                        let slot = slots.len() as u32;
                        slots.push(Default::default());
                        below.insert(DataPath(prefix.to_vec()), slot);
                        slot
                    }
                };
                at.push(slot);
            }
            // In report order, each issue is mixed into its own path and every ancestor.
            for &slot in &at {
                let slot = &mut slots[slot as usize];
                slot.0.push(k as u32);
                slot.1 = (slot.1.rotate_left(5) ^ hash).wrapping_mul(0x100_0000_01b3) | 1;
            }
            prev = path;
        }
        IssuePaths { below, slots }
    }

    /// The issues of `report` (the one this index was built from) at `path` or below it,
    /// in report order.
    pub fn at<'a>(
        &'a self,
        report: &'a Report,
        path: &DataPath,
    ) -> impl Iterator<Item = &'a Issue> {
        self.below
            .get(path)
            .and_then(|&slot| self.slots.get(slot as usize))
            .map(|(v, _)| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .filter_map(move |&k| report.issues.get(k as usize))
    }

    /// The issues exactly at `path` (a group's own, e.g. too few items).
    pub fn exactly_at<'a>(
        &'a self,
        report: &'a Report,
        path: &'a DataPath,
    ) -> impl Iterator<Item = &'a Issue> {
        self.at(report, path).filter(move |i| i.path == *path)
    }

    /// A fingerprint of the issues at `path` or below it: 0 when there are none, equal for
    /// equal issues (in report order).
    pub fn fingerprint(&self, path: &DataPath) -> u64 {
        self.below
            .get(path)
            .and_then(|&slot| self.slots.get(slot as usize))
            .map_or(0, |(_, f)| *f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::PathToken;
    use crate::model::NodeId;

    fn path(tokens: &[u32]) -> DataPath {
        // Even numbers are nodes, odd ones item indexes (shape only matters for equality).
        DataPath(
            tokens
                .iter()
                .map(|&t| {
                    if t % 2 == 0 {
                        PathToken::Node(NodeId(t))
                    } else {
                        PathToken::Index(t as usize)
                    }
                })
                .collect(),
        )
    }

    fn report(issues: &[(&[u32], IssueKind)]) -> Report {
        Report {
            issues: issues
                .iter()
                .map(|(p, k)| Issue {
                    pointer: String::new(),
                    path: path(p),
                    kind: k.clone(),
                })
                .collect(),
        }
    }

    /// The form redraws a group only when the issues at or below it changed: the index
    /// answers for a path and everything below it, never for a sibling.
    /// The index answers as a search of the whole report would, whatever order the issues
    /// come in (it reuses the previous issue's ancestors: a path that leaves a branch and
    /// comes back, a shorter one after a longer one, the same path twice, the root).
    #[test]
    fn issue_paths_answer_as_a_search_of_the_report_in_any_order() {
        let r = report(&[
            (&[2, 4, 1, 6], IssueKind::MissingRequired),
            (&[2, 4, 1, 7], IssueKind::MissingRequired),
            (&[2, 4], IssueKind::TooShort { min: 2 }),
            (&[3, 4, 1], IssueKind::MissingRequired),
            (&[2, 4, 1, 6], IssueKind::MissingRequired),
            (&[], IssueKind::TooShort { min: 1 }),
            (&[2, 8], IssueKind::MissingRequired),
            (&[3], IssueKind::MissingRequired),
        ]);
        let i = IssuePaths::new(&r);
        // (The root is not indexed: the form asks for its groups and fields.)
        let all: [&[u32]; 9] = [&[2], &[2, 4], &[2, 4, 1], &[2, 4, 1, 6], &[2, 4, 1, 7], &[2, 8], &[3], &[3, 4], &[3, 4, 1]];
        for p in all {
            let want: Vec<usize> = (0..r.issues.len())
                .filter(|&k| r.issues[k].path.0.starts_with(&path(p).0))
                .collect();
            let got: Vec<usize> = i
                .at(&r, &path(p))
                .map(|x| r.issues.iter().position(|y| std::ptr::eq(x, y)).unwrap())
                .collect();
            assert_eq!(got, want, "{p:?}");
        }
        // The same report in another order: the same issues at each path, other fingerprints
        // only where the order below a path changed.
        let mut swapped = r.clone();
        swapped.issues.swap(0, 3);
        let j = IssuePaths::new(&swapped);
        for p in all {
            assert_eq!(j.at(&swapped, &path(p)).count(), i.at(&r, &path(p)).count(), "{p:?}");
        }
        assert_eq!(j.fingerprint(&path(&[2, 8])), i.fingerprint(&path(&[2, 8])));
    }

    #[test]
    fn issue_paths_cover_a_path_and_everything_below_it_only() {
        let r = report(&[
            (&[2, 4, 1, 6], IssueKind::MissingRequired),
            (&[2, 8], IssueKind::TooShort { min: 2 }),
        ]);
        let i = IssuePaths::new(&r);
        for p in [&[2][..], &[2, 4], &[2, 4, 1], &[2, 4, 1, 6], &[2, 8]] {
            assert_ne!(i.fingerprint(&path(p)), 0, "{p:?}");
        }
        for p in [&[2, 4, 1, 6, 10][..], &[2, 4, 3], &[2, 10], &[12], &[]] {
            assert_eq!(i.fingerprint(&path(p)), 0, "{p:?}");
            assert_eq!(i.at(&r, &path(p)).count(), 0);
        }
        assert_eq!(i.at(&r, &path(&[2])).count(), 2);
        assert_eq!(i.exactly_at(&r, &path(&[2])).count(), 0);
        assert_eq!(i.exactly_at(&r, &path(&[2, 8])).count(), 1);
        assert_ne!(i.fingerprint(&path(&[2, 4])), i.fingerprint(&path(&[2, 8])));
        // Equal issues give equal fingerprints; another issue below changes the ancestors
        // and leaves the other branch alone.
        let same = IssuePaths::new(&r.clone());
        assert_eq!(i, same);
        let more = IssuePaths::new(&report(&[
            (&[2, 4, 1, 6], IssueKind::MissingRequired),
            (&[2, 4, 1, 10], IssueKind::MissingRequired),
            (&[2, 8], IssueKind::TooShort { min: 2 }),
        ]));
        assert_ne!(
            i.fingerprint(&path(&[2, 4])),
            more.fingerprint(&path(&[2, 4]))
        );
        assert_ne!(i.fingerprint(&path(&[2])), more.fingerprint(&path(&[2])));
        assert_eq!(
            i.fingerprint(&path(&[2, 8])),
            more.fingerprint(&path(&[2, 8]))
        );
        assert_eq!(
            i.fingerprint(&path(&[2, 4, 1, 6])),
            more.fingerprint(&path(&[2, 4, 1, 6]))
        );
    }
}
