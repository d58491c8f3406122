//! The host's inputs, resolved once. PURE: no Yew, no I/O, no clock.
//!
//! A host tells the editor things through several inputs: the markings file, the host
//! context, the command line's `--doc-oid`, `--organisation`, `--today`, `--time` (the
//! element's attributes), and the archived version a correction continues. Some facts can
//! be said by two of them: the palvelutehtävä (markings `service.function`, context
//! `functionCode`), the client's birth date (markings `clientBirthDate`, context `client`),
//! the document OID, the organiser's name, the day (`today` and the date of `now`) and the
//! version (the archive's, the context's `version`). [`resolve`] merges them by **one**
//! policy, the same for the CLI, the element and the Yew `Editor`:
//!
//! > Each fact is taken from whichever input says it. Two inputs that say one fact
//! > differently are a [`Conflict`]: nothing is guessed, and no bundle is made until the
//! > host settles it.
//!
//! Each edge shows a conflict in its own form (the CLI exits 2, the element fires
//! `sosmeta-error` with the conflict's code and refuses `emit()`, the bundle refuses with
//! `Refusal::Conflict` of `crate::emit`), but the decision is made here. Options built by
//! hand (a library host filling [`RenderOptions`] itself) are checked by the same rules
//! ([`conflicts`]) when the bundle is made.
//!
//! One exception is by design, not by precedence: a correction's version number, set id
//! and what it replaces come from the archived version ([`crate::context::ArchivedVersion`]);
//! a context that says them must say the same.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::assess::Context;
use crate::context::{HostContext, Version};
use crate::lang::Lang;
use crate::restrict::{Coded, Markings, ServiceContext};

/// The resolved inputs a bundle is made with ([`crate::emit::render_bundle`]): what
/// [`resolve`] gives, or what a library host fills in itself (checked by `conflicts`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Restriction markings and the host context (author role, client birth date).
    pub markings: Markings,
    /// Today's date for delays and age; today in Finland (Europe/Helsinki) when `None`.
    pub today: Option<chrono::NaiveDate>,
    /// Language of the display form and of `metadata.json`.
    pub lang: Lang,
    /// The document's own OID, assigned by the host.
    pub doc_oid: Option<String>,
    /// Organisation name for the display form's header.
    pub organisation: Option<String>,
    /// The host context ([`crate::context::HostContext`]): echoed in `metadata.json`; its
    /// case id must agree with the fields whose notes say so; with everything the CDA
    /// header needs it gives the bundle `document.cda.xml` ([`crate::emit::write_cda`]).
    pub host: Option<crate::context::HostContext>,
    /// The document's time (the CDA header's `effectiveTime` and `ep2:creationTime`); now in
    /// Finland when `None` ([`RenderOptions::now`]).
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,
}

impl RenderOptions {
    /// Today's date: the given one, else today in Finland (`crate::time`). A library
    /// host that gives no date asks [`crate::emit::render_bundle`] to read the clock for it: this is
    /// that edge, the one clock read below the CLI and the element.
    pub fn today(&self) -> chrono::NaiveDate {
        self.today.unwrap_or_else(crate::time::today_in_finland)
    }

    /// The document's time: the given one, else now in Finland (the same edge as
    /// [`RenderOptions::today`]).
    pub fn now(&self) -> chrono::DateTime<chrono::FixedOffset> {
        self.now.unwrap_or_else(crate::time::now_in_finland)
    }

    /// The assessment context these options give ([`crate::assess::Context`]).
    pub fn context(&self) -> Context {
        Context {
            today: self.today(),
        }
    }
}

/// Everything the host says of one document, each input as given (nothing merged yet).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostInputs {
    /// The markings (a markings file, the element's attributes laid over it).
    pub markings: Markings,
    /// The host context (`--context`, the element's `context`).
    pub context: Option<HostContext>,
    /// The document OID given beside the context (`--doc-oid`, the `doc-oid` attribute).
    pub doc_oid: Option<String>,
    /// The organiser's name given beside the context (`--organisation`).
    pub organisation: Option<String>,
    /// The host's day (`--today`, the `today` attribute).
    pub today: Option<NaiveDate>,
    /// The document's time (`--time`).
    pub now: Option<DateTime<FixedOffset>>,
    /// The language of the display form.
    pub lang: Lang,
    /// The version a correction makes: the archived version's next
    /// (`crate::context::ArchivedVersion::next`) with what the worker wrote of the reason.
    pub correction: Option<Version>,
}

/// Two inputs that say one fact differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The fact.
    pub fact: Fact,
    /// The first input and what it says.
    pub first: (Source, String),
    /// The second input and what it says.
    pub second: (Source, String),
}

/// A fact two inputs may say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// The palvelutehtävä's code.
    Function,
    /// The client's birth date.
    ClientBirth,
    /// The document's OID.
    DocumentOid,
    /// The organiser's name.
    Organisation,
    /// The day: `today` and the date of the document's time.
    Day,
    /// A correction's set id.
    SetId,
    /// A correction's version number.
    VersionNumber,
    /// The version a correction replaces.
    Replaces,
    /// The reason of correction's code.
    ReasonCode,
    /// The reason of correction's code system.
    ReasonCodeSystem,
    /// The text explaining a correction.
    ReasonText,
    /// Who may correct the document.
    Corrector,
}

/// An input of [`HostInputs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The markings.
    Markings,
    /// The host context.
    Context,
    /// An option beside the context (a command-line option, an element attribute).
    Option,
    /// The correction (the archived version and the worker's reason).
    Correction,
}

impl Source {
    /// The input's name in a message.
    pub fn name(self) -> &'static str {
        match self {
            Source::Markings => "markings",
            Source::Context => "context",
            Source::Option => "option",
            Source::Correction => "correction",
        }
    }
}

impl Fact {
    /// Where the fact sits in the host context (a JSON Pointer).
    pub fn pointer(self) -> &'static str {
        match self {
            Fact::Function => "/functionCode",
            Fact::ClientBirth => "/client",
            Fact::DocumentOid => "/documentOid",
            Fact::Organisation => "/organiser/name",
            Fact::Day => "/today",
            Fact::SetId => "/version/setId",
            Fact::VersionNumber => "/version/versionNumber",
            Fact::Replaces => "/version/replaces",
            Fact::ReasonCode => "/version/reason",
            Fact::ReasonCodeSystem => "/version/reasonCodeSystem",
            Fact::ReasonText => "/version/text",
            Fact::Corrector => "/version/corrector",
        }
    }
}

impl Conflict {
    /// The conflict's code (for hosts and messages): `conflict-` and the fact.
    pub fn code(&self) -> &'static str {
        match self.fact {
            Fact::Function => "conflict-function-code",
            Fact::ClientBirth => "conflict-client-birth",
            Fact::DocumentOid => "conflict-document-oid",
            Fact::Organisation => "conflict-organisation",
            Fact::Day => "conflict-day",
            Fact::SetId => "conflict-set-id",
            Fact::VersionNumber => "conflict-version-number",
            Fact::Replaces => "conflict-replaces",
            Fact::ReasonCode => "conflict-reason-code",
            Fact::ReasonCodeSystem => "conflict-reason-code-system",
            Fact::ReasonText => "conflict-reason-text",
            Fact::Corrector => "conflict-corrector",
        }
    }

    /// Where the fact sits in the host context.
    pub fn pointer(&self) -> &'static str {
        self.fact.pointer()
    }
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the {} says '{}', the {} '{}' (one fact, two values: nothing is guessed)",
            self.pointer(),
            self.first.0.name(),
            self.first.1.escape_debug(),
            self.second.0.name(),
            self.second.1.escape_debug()
        )
    }
}

/// Collects conflicts while facts are merged.
#[derive(Default)]
struct Merge(Vec<Conflict>);

impl Merge {
    /// The one value of `fact` from two inputs (compared trimmed; empty text says nothing).
    fn one(
        &mut self,
        fact: Fact,
        a: (Source, Option<String>),
        b: (Source, Option<String>),
    ) -> Option<String> {
        let said = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
        match (said(a.1), said(b.1)) {
            (Some(x), Some(y)) if x.trim() != y.trim() => {
                self.0.push(Conflict {
                    fact,
                    first: (a.0, x.clone()),
                    second: (b.0, y),
                });
                Some(x)
            }
            (x, y) => x.or(y),
        }
    }
}

/// Resolves the host's inputs into the options a bundle is made with, by the module's one
/// policy; `Err` lists every conflict.
///
/// ```
/// use sosmeta_editor::{resolve, HostInputs, Fact};
/// use sosmeta_editor::HostContext;
/// let context = HostContext::from_json(r#"{"documentOid": "1.2.246.10.1.2026.1"}"#).unwrap();
/// let inputs = HostInputs { context: Some(context), ..HostInputs::default() };
/// assert_eq!(resolve(&inputs).unwrap().doc_oid.as_deref(), Some("1.2.246.10.1.2026.1"));
/// let other = HostInputs { doc_oid: Some("1.2.246.10.1.2026.2".into()), ..inputs };
/// assert_eq!(resolve(&other).unwrap_err()[0].fact, Fact::DocumentOid);
/// ```
pub fn resolve(inputs: &HostInputs) -> Result<RenderOptions, Vec<Conflict>> {
    let mut merge = Merge::default();
    let mut host = inputs.context.clone();
    let (markings, doc_oid, organisation) = with_context(
        &mut merge,
        &inputs.markings,
        &inputs.doc_oid,
        &inputs.organisation,
        host.as_ref(),
    );
    if let (Some(today), Some(now)) = (inputs.today, inputs.now) {
        merge.one(
            Fact::Day,
            (Source::Option, Some(today.to_string())),
            (Source::Option, Some(now.date_naive().to_string())),
        );
    }
    if let Some(c) = &inputs.correction {
        let h = host.get_or_insert_with(HostContext::default);
        h.version = Some(version_with(&mut merge, c, h.version.as_ref()));
    }
    if !merge.0.is_empty() {
        return Err(merge.0);
    }
    Ok(RenderOptions {
        markings,
        today: inputs.today,
        lang: inputs.lang,
        doc_oid,
        organisation,
        host,
        now: inputs.now,
    })
}

/// What options built by hand say twice and differently: the markings against the
/// context, the document OID and the organiser's name against the context's (the checks of
/// [`resolve`] that can still be made on its result; empty for a resolved one).
pub fn conflicts(opts: &RenderOptions) -> Vec<Conflict> {
    let mut merge = Merge::default();
    with_context(
        &mut merge,
        &opts.markings,
        &opts.doc_oid,
        &opts.organisation,
        opts.host.as_ref(),
    );
    merge.0
}

/// The facts the context shares with the markings and the options, merged: the markings,
/// the document OID and the organiser's name ([`resolve`] and [`conflicts`] alike).
fn with_context(
    merge: &mut Merge,
    markings: &Markings,
    doc_oid: &Option<String>,
    organisation: &Option<String>,
    host: Option<&HostContext>,
) -> (Markings, Option<String>, Option<String>) {
    // Without a context nothing can disagree; the options still go through `one` (empty
    // text says nothing).
    let markings = match host {
        Some(h) => markings_with(merge, markings, h),
        None => markings.clone(),
    };
    let doc_oid = merge.one(
        Fact::DocumentOid,
        (Source::Option, doc_oid.clone()),
        (Source::Context, host.and_then(|h| h.document_oid.clone())),
    );
    let organisation = merge.one(
        Fact::Organisation,
        (Source::Option, organisation.clone()),
        (
            Source::Context,
            host.and_then(|h| h.organiser.as_ref().map(|o| o.name.clone())),
        ),
    );
    (markings, doc_oid, organisation)
}

/// The markings with what the context says of the same facts: its `functionCode` is the
/// markings' `service.function` (what exclusions follow), its client's birth date
/// (henkilötunnus or `birthDate`) is `clientBirthDate`.
fn markings_with(merge: &mut Merge, m: &Markings, h: &HostContext) -> Markings {
    let mut m = m.clone();
    if let Some(f) = &h.function_code {
        let service = m.host.service.get_or_insert_with(ServiceContext::default);
        let mine = service.function.as_ref().map(|c| c.code.clone());
        if merge
            .one(
                Fact::Function,
                (Source::Context, Some(f.code.clone())),
                (Source::Markings, mine),
            )
            .is_some()
            && service.function.is_none()
        {
            service.function = Some(Coded {
                code: f.code.clone(),
                display: f.display_name.clone(),
            });
        }
    }
    if let Some(born) = h.client.as_ref().and_then(|c| c.birth()) {
        let mine = m.host.client_birth_date.map(|d| d.to_string());
        merge.one(
            Fact::ClientBirth,
            (Source::Context, Some(born.to_string())),
            (Source::Markings, mine),
        );
        m.host.client_birth_date.get_or_insert(born);
    }
    m
}

/// A correction's version with the context's `version`: the number, set id and what is
/// replaced are the archive's (the context may only repeat them); the reason, its code
/// system, the text and the corrector from whichever says them.
fn version_with(merge: &mut Merge, c: &Version, given: Option<&Version>) -> Version {
    let Some(g) = given else {
        return c.clone();
    };
    let number = |n: u32| (n != 0).then(|| n.to_string());
    merge.one(
        Fact::SetId,
        (Source::Correction, Some(c.set_id.clone())),
        (Source::Context, Some(g.set_id.clone())),
    );
    merge.one(
        Fact::VersionNumber,
        (Source::Correction, number(c.version_number)),
        (Source::Context, number(g.version_number)),
    );
    merge.one(
        Fact::Replaces,
        (Source::Correction, c.replaces.clone()),
        (Source::Context, g.replaces.clone()),
    );
    let code = |v: &Version| v.reason.as_ref().map(|r| r.code.clone());
    let reason = match merge.one(
        Fact::ReasonCode,
        (Source::Correction, code(c)),
        (Source::Context, code(g)),
    ) {
        Some(_) if code(c).is_some_and(|x| !x.trim().is_empty()) => c.reason.clone(),
        Some(_) => g.reason.clone(),
        None => c.reason.clone().or_else(|| g.reason.clone()),
    };
    Version {
        reason,
        reason_code_system: merge.one(
            Fact::ReasonCodeSystem,
            (Source::Correction, c.reason_code_system.clone()),
            (Source::Context, g.reason_code_system.clone()),
        ),
        text: merge.one(
            Fact::ReasonText,
            (Source::Correction, c.text.clone()),
            (Source::Context, g.text.clone()),
        ),
        corrector: merge.one(
            Fact::Corrector,
            (Source::Correction, c.corrector.clone()),
            (Source::Context, g.corrector.clone()),
        ),
        ..c.clone()
    }
}
