//! One assessment of a document, computed once per change. PURE: no Yew, no I/O, no clock.
//!
//! Everything the editor, the element's events, the bundle and the CLI decide about a
//! document comes from one [`Assessment`]: the validation report, the fields the rules
//! hide, the turvakielto redactions, the marking problems, the client's age and the
//! structure's automatic exclusion. Before this module the hidden fields were
//! found three times, the marking check ran once per render in five places and each caller
//! read the clock itself; now "today" is an input ([`Context`]) and only the edges (CLI
//! `main`, the element, the demo) read a clock ([`crate::time::today_in_finland`]).

use chrono::NaiveDate;

use crate::document::{DataPath, Document};
use crate::model::Structure;
use crate::restrict::ClientAge;
use crate::restrict::{self, Audience, AudienceView, Exclusion, Facts};
use crate::restrict::{MarkingProblem, Markings};
use crate::validate::{validate_with_hidden, IssuePaths, Report, RuleContext, Rules};

/// The host context an assessment depends on beyond the document and its markings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Context {
    /// Today's date: decides whether a delay is in the future and the client's age when the
    /// document has no date. The host's, else Finland's, read at the edge.
    pub today: NaiveDate,
}

/// What is known of one document under its rules and markings.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// The validation report (schema, rules, warnings).
    pub report: Report,
    /// The report's issues by typed path (what the form looks up per group and field).
    pub issue_paths: IssuePaths,
    /// Fields hidden by a `hiddenWhen` rule ([`Rules::hidden`]).
    pub hidden: Vec<DataPath>,
    /// The same paths as a set, for the form's lookup per field drawn (a scan was
    /// quadratic in a document's repeated items).
    pub hidden_set: std::collections::HashSet<DataPath>,
    /// The restriction facts: today, the document date, the client's age, the automatic
    /// exclusion and the turvakielto redactions.
    pub facts: Facts,
    /// What the law and Kanta require of the markings and is missing
    /// (`restrict::problems`).
    pub problems: Vec<MarkingProblem>,
}

/// Assesses `doc` once: validation with the hidden fields found once, the restriction
/// facts found once, and the marking problems judged by them. Whether a bundle may be made
/// is `crate::emit::refusals`'s one answer (the errors and marking problems found here are
/// two of its refusals).
///
/// ```
/// use sosmeta_editor::{assess, Audience, AudienceView, Context, Document, Markings, Rules, Structure};
/// let s = Structure::from_json(&std::fs::read_to_string("structures/demo-kertomus.json").unwrap()).unwrap();
/// let doc = Document::from_json(&s, &std::fs::read_to_string("tests/data/demo-kertomus.filled.json").unwrap()).unwrap();
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
/// let a = assess(&s, &doc, &Rules::default(), &Markings::default(), Context { today });
/// assert!(!a.report.has_errors() && a.problems.is_empty());
/// assert!(matches!(a.audience_view(&Markings::default(), Audience::Client), AudienceView::Shown { .. }));
/// ```
pub fn assess(
    s: &Structure,
    doc: &Document,
    rules: &Rules,
    markings: &Markings,
    context: Context,
) -> Assessment {
    Hidden::of(s, doc, rules, markings, context)
        .judged(s, doc, rules, markings)
        .indexed()
}

/// The first half of [`assess`]: the facts, the hidden fields and the report; the second,
/// [`Judged::indexed`], indexes them for the form. In halves (the first in two steps,
/// [`Hidden`]) so the element can give each a browser task of its own
/// (`view::state::SharedStart`): on a 4 MB document the whole was one task of ~250 ms.
pub(crate) struct Judged {
    facts: Facts,
    hidden: Vec<DataPath>,
    report: Report,
    problems: Vec<MarkingProblem>,
}

/// The first step of a [`Judged`]: the facts and the fields the rules hide.
pub(crate) struct Hidden {
    facts: Facts,
    ctx: RuleContext,
    hidden: Vec<DataPath>,
}

impl Hidden {
    /// The facts of `doc` and the fields its rules hide.
    pub(crate) fn of(
        s: &Structure,
        doc: &Document,
        rules: &Rules,
        markings: &Markings,
        context: Context,
    ) -> Hidden {
        // The facts first: a rule may depend on the client's age, known from the same source
        // as the markings'.
        let facts = Facts::of(s, doc, markings, context.today);
        let ctx = RuleContext {
            client_adult: match facts.age {
                ClientAge::Adult => Some(true),
                ClientAge::Minor => Some(false),
                ClientAge::PossiblyMinor | ClientAge::Unknown => None,
            },
        };
        let hidden = rules.hidden_in(s, doc, ctx);
        Hidden { facts, ctx, hidden }
    }

    /// The validation report with these fields hidden, and the marking problems: `doc`,
    /// `rules` and `markings` are the ones [`Hidden::of`] was given.
    pub(crate) fn judged(
        self,
        s: &Structure,
        doc: &Document,
        rules: &Rules,
        markings: &Markings,
    ) -> Judged {
        let report = validate_with_hidden(s, doc, rules, &self.hidden, self.ctx);
        let problems = restrict::problems(&self.facts, markings);
        Judged {
            facts: self.facts,
            hidden: self.hidden,
            report,
            problems,
        }
    }
}

impl Judged {
    /// The assessment: the report's issues and the hidden fields indexed by path.
    pub(crate) fn indexed(self) -> Assessment {
        Assessment {
            issue_paths: IssuePaths::new(&self.report),
            hidden_set: self.hidden.iter().cloned().collect(),
            report: self.report,
            hidden: self.hidden,
            facts: self.facts,
            problems: self.problems,
        }
    }
}

impl Assessment {
    /// Judges (new) markings on `today` against the same document: the report and hidden
    /// fields stay, the facts that depend on the markings (the host's birth date) and the
    /// day are found again.
    pub fn rejudged(
        mut self,
        s: &Structure,
        doc: &Document,
        markings: &Markings,
        today: NaiveDate,
    ) -> Assessment {
        self.facts = Facts::of(s, doc, markings, today);
        self.problems = restrict::problems(&self.facts, markings);
        self
    }

    /// Today's date it was assessed on.
    pub fn today(&self) -> NaiveDate {
        self.facts.today
    }

    /// Whether the client is a minor (`None`: not known).
    pub fn client_is_minor(&self) -> Option<bool> {
        self.facts.age.is_minor()
    }

    /// The structure's automatic OmaKanta exclusion.
    pub fn exclusion(&self) -> Option<Exclusion> {
        self.facts.exclusion
    }

    /// Fields the display form leaves out for everyone: hidden by a rule or by
    /// turvakielto.
    pub fn display_hidden(&self) -> Vec<DataPath> {
        let mut v = self.hidden.clone();
        v.extend(self.facts.redactions.iter().cloned());
        v
    }

    /// What `audience` sees under `markings` (`restrict::view`).
    pub fn audience_view(&self, markings: &Markings, audience: Audience) -> AudienceView {
        restrict::view(&self.facts, markings, audience)
    }
}
