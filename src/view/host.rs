//! What the `<sosmeta-editor>` custom element shows and says, without the browser glue:
//! [`Host`] (error box, editor, preview or author view), the parsers of host input
//! (attribute values, structure, document, rules, code sets) with typed [`HostError`]s,
//! and the JSON `detail` objects of the element's events. Native tests cover all of it;
//! `crate::element` only moves values between JavaScript and these functions.

use std::rc::Rc;

use serde_json::{json, Value};
use yew::prelude::*;

use super::author::AuthorView;
use super::text::{ui, Ui};
use super::vm::{CodeOption, CodeSets};
use super::{Editor, EditorLink, Mode};
use crate::assess::Assessment;
use crate::document::{Document, LoadError};
use crate::emit::{Bundle, Refused, RenderOptions};
use crate::lang::Lang;
use crate::messages::{issue_value, marking_value, MessageLang};
use crate::model::Structure;
use crate::restrict::{Audience, AuthorRole, Markings};
use crate::validate::{RuleSet, Rules};

/// Unusable input from the host: which input, where in it, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostError {
    /// Stable code: `structure-invalid`, `document-invalid`, `rules-invalid`,
    /// `code-sets-invalid`, `markings-invalid`, `context-invalid`, a conflict's code
    /// ([`crate::resolve::Conflict::code`]),
    /// `archived-invalid`, `correction-reasons-invalid`, `attribute-invalid`, `load-failed`,
    /// `no-structure`.
    pub code: &'static str,
    /// The input: `structure`, `document`, `rules`, `codeSets`, or an attribute name.
    pub source: String,
    /// JSON Pointer into that input (empty when it is about the whole input).
    pub pointer: String,
    /// What is wrong, for developers (English).
    pub message: String,
}

impl HostError {
    /// A new error.
    pub fn new(
        code: &'static str,
        source: impl Into<String>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> HostError {
        HostError {
            code,
            source: source.into(),
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// The `detail` of a `sosmeta-error` event.
    pub fn to_value(&self) -> Value {
        json!({
            "code": self.code,
            "source": self.source,
            "pointer": self.pointer,
            "message": self.message,
        })
    }
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.message)?;
        if !self.pointer.is_empty() {
            write!(f, " (at {})", self.pointer)?;
        }
        Ok(())
    }
}

/// What the element shows (`mode` attribute).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HostMode {
    /// The form.
    #[default]
    Edit,
    /// The display form as the `audience` sees it.
    Preview,
    /// The print layout.
    Print,
    /// The structure-author preview.
    Author,
}

fn attribute_error(name: &str, value: &str, allowed: &str) -> HostError {
    HostError::new(
        "attribute-invalid",
        name,
        "",
        format!("'{value}' is not one of {allowed}"),
    )
}

/// Reads the `lang` attribute (`fi` | `sv`).
pub fn parse_lang(v: &str) -> Result<Lang, HostError> {
    match v.trim() {
        "fi" => Ok(Lang::Fi),
        "sv" => Ok(Lang::Sv),
        other => Err(attribute_error("lang", other, "fi, sv")),
    }
}

/// Reads the `mode` attribute (`edit` | `preview` | `print` | `author`).
pub fn parse_mode(v: &str) -> Result<HostMode, HostError> {
    match v.trim() {
        "edit" => Ok(HostMode::Edit),
        "preview" => Ok(HostMode::Preview),
        "print" => Ok(HostMode::Print),
        "author" => Ok(HostMode::Author),
        other => Err(attribute_error(
            "mode",
            other,
            "edit, preview, print, author",
        )),
    }
}

/// Reads the `audience` attribute (`professional` | `client` | `guardian`).
pub fn parse_audience(v: &str) -> Result<Audience, HostError> {
    match v.trim() {
        "professional" => Ok(Audience::Professional),
        "client" => Ok(Audience::Client),
        "guardian" => Ok(Audience::Guardian),
        other => Err(attribute_error(
            "audience",
            other,
            "professional, client, guardian",
        )),
    }
}

/// Reads the `role` attribute (`organiser` | `provider`).
pub fn parse_role(v: &str) -> Result<AuthorRole, HostError> {
    match v.trim() {
        "organiser" => Ok(AuthorRole::Organiser),
        "provider" => Ok(AuthorRole::Provider),
        "registerKeeper" | "register-keeper" => Ok(AuthorRole::RegisterKeeper),
        other => Err(attribute_error(
            "role",
            other,
            "organiser, provider, registerKeeper",
        )),
    }
}

/// Reads the `client-birth-date` attribute (`YYYY-MM-DD`; empty clears it).
/// Parses the `today` attribute: the host's own day for delays and ages (`YYYY-MM-DD`);
/// empty means today in Finland (Europe/Helsinki).
pub fn parse_today(v: &str) -> Result<Option<chrono::NaiveDate>, HostError> {
    parse_birth_date(v).map_err(|e| HostError::new(e.code, "today", e.pointer, e.message))
}

/// Parses the `client-birth-date` attribute (`YYYY-MM-DD`; empty means none).
pub fn parse_birth_date(v: &str) -> Result<Option<chrono::NaiveDate>, HostError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    crate::time::parse_ymd(v).map(Some).ok_or_else(|| {
        HostError::new(
            "attribute-invalid",
            "client-birth-date",
            "",
            format!("'{v}' is not a date YYYY-MM-DD"),
        )
    })
}

/// Reads the `doc-oid` attribute: a dotted-decimal OID, or empty for none.
pub fn parse_doc_oid(v: &str) -> Result<Option<String>, HostError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if crate::emit::is_oid(v) {
        Ok(Some(v.to_string()))
    } else {
        Err(HostError::new(
            "attribute-invalid",
            "doc-oid",
            "",
            format!("'{v}' is not a dotted-decimal OID"),
        ))
    }
}

/// Parses a structure given by the host.
pub fn parse_structure(text: &str) -> Result<Structure, HostError> {
    structure_of(&read_structure(text)?)
}

/// The first half of [`parse_structure`]: the structure's JSON text read (strictly,
/// [`crate::json::parse`]), not yet made a structure — so the element can give each half
/// a task of its own.
pub fn read_structure(text: &str) -> Result<serde_json::Value, HostError> {
    let read = crate::json::parse(text);
    super::mark("sosmeta:structure-text");
    read.map_err(|e| read_error(JsonInput::Structure, e))
}

/// A JSON input the element reads in parts ([`read_part`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonInput {
    /// The structure's text ([`read_structure`] in one part).
    Structure,
    /// The document's text ([`read_document`] in one part).
    Document,
}

/// Reads about `bytes` more of a JSON input (a step of [`crate::json::Reading`]): its
/// value once it is read whole, `None` while there is more, or the error
/// [`read_structure`] or [`read_document`] gives for the same text.
pub fn read_part(
    r: &mut crate::json::Reading,
    input: JsonInput,
    bytes: usize,
) -> Result<Option<serde_json::Value>, HostError> {
    let read = r.step(bytes);
    if !matches!(read, Ok(None)) {
        super::mark(match input {
            JsonInput::Structure => "sosmeta:structure-text",
            JsonInput::Document => "sosmeta:document-text",
        });
    }
    read.map_err(|e| read_error(input, e))
}

/// A JSON text that could not be read, as the element reports it.
fn read_error(input: JsonInput, e: crate::json::JsonError) -> HostError {
    match input {
        JsonInput::Structure => structure_error(e.into()),
        JsonInput::Document => document_error(LoadError::Json { error: e }),
    }
}

/// The second half of [`parse_structure`]: the structure made of its JSON value.
pub fn structure_of(v: &serde_json::Value) -> Result<Structure, HostError> {
    let parsed = Structure::from_value(v);
    super::mark("sosmeta:structure");
    parsed.map_err(structure_error)
}

/// A structure that could not be read or made, as the element reports it.
fn structure_error(e: crate::model::ParseError) -> HostError {
    HostError::new(
        "structure-invalid",
        "structure",
        e.pointer.clone(),
        e.to_string(),
    )
}

/// Parses a document given by the host against `s`; every shape problem is named.
pub fn parse_document(s: &Structure, text: &str) -> Result<Document, HostError> {
    load_document(s, &read_document(text)?)
}

/// The first half of [`parse_document`]: the document's JSON text read (strictly,
/// [`crate::json::parse`]), not yet fitted to the structure — so the element can give
/// each half a task of its own.
pub fn read_document(text: &str) -> Result<serde_json::Value, HostError> {
    let read = crate::json::parse(text);
    super::mark("sosmeta:document-text");
    read.map_err(|e| read_error(JsonInput::Document, e))
}

/// The second half of [`parse_document`]: the JSON value fitted to the structure.
pub fn load_document(s: &Structure, v: &serde_json::Value) -> Result<Document, HostError> {
    let loaded = Document::from_value(s, v);
    super::mark("sosmeta:document");
    loaded.map_err(document_error)
}

/// A document that could not be read or does not fit, as the element reports it.
fn document_error(e: LoadError) -> HostError {
    let pointer = match &e {
        LoadError::Shape { problems } => problems
            .first()
            .map(|p| p.pointer.clone())
            .unwrap_or_default(),
        LoadError::Json { error } => error.pointer.clone(),
    };
    HostError::new("document-invalid", "document", pointer, e.to_string())
}

/// Opens an archived version for correction: its `document.json` (must fit
/// `s`), its `metadata.json` (the version it was: [`crate::context::Version::after_archived`])
/// and its markings (a markings file; empty: none). Errors name the input and pointer.
pub fn parse_correction(
    s: &Structure,
    document: &str,
    metadata: &str,
    markings: &str,
) -> Result<crate::view::state::Correction, HostError> {
    let meta = crate::json::parse(metadata).map_err(|e| {
        HostError::new(
            "archived-invalid",
            "archived.metadata",
            e.pointer.clone(),
            e.to_string(),
        )
    })?;
    let version = crate::context::Version::after_archived(&meta)
        .map_err(|(p, what)| HostError::new("archived-invalid", "archived.metadata", p, what))?;
    archived_correction(s, document, "archived.document", markings, version)
}

/// Opens an archived CDA envelope for correction from its parts
/// ([`crate::emit::ArchivedCda::from_parts`]): its structured payload is the document, its
/// header the version; the markings come from the host (the header cannot carry all of
/// them: a delay's first day is not in it).
pub fn parse_correction_cda(
    s: &Structure,
    parts: &crate::emit::CdaParts,
    markings: &str,
) -> Result<crate::view::state::Correction, HostError> {
    let a = crate::emit::ArchivedCda::from_parts(parts).map_err(|e| {
        HostError::new(
            "archived-invalid",
            "archived.cda",
            e.path.clone(),
            e.reason.clone(),
        )
    })?;
    let version = a.next_version();
    archived_correction(s, &a.document_json, "archived.cda", markings, version)
}

/// The correction of an archived document (from `source`) and its markings file.
fn archived_correction(
    s: &Structure,
    document: &str,
    source: &str,
    markings: &str,
    version: crate::context::Version,
) -> Result<crate::view::state::Correction, HostError> {
    let archived = |mut e: HostError, source: &str| {
        e.code = "archived-invalid";
        e.source = source.into();
        e
    };
    let previous = parse_document(s, document).map_err(|e| archived(e, source))?;
    let previous_markings =
        parse_markings(markings).map_err(|e| archived(e, "archived.markings"))?;
    Ok(crate::view::state::Correction {
        previous: Rc::new(previous),
        previous_markings,
        version,
    })
}

/// The host's reason-of-correction codes: a JSON array of `{"code", "displayName"}` (the
/// context's code form; the code system is the host's `version.reasonCodeSystem`).
pub fn parse_correction_reasons(text: &str) -> Result<Vec<CodeOption>, HostError> {
    let bad = |pointer: String, m: String| {
        HostError::new(
            "correction-reasons-invalid",
            "correctionReasons",
            pointer,
            m,
        )
    };
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let v = crate::json::parse(text).map_err(|e| bad(e.pointer.clone(), e.to_string()))?;
    let Some(items) = v.as_array() else {
        return Err(bad(
            String::new(),
            "not an array of {code, displayName}".into(),
        ));
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let c = <crate::context::Code as serde::Deserialize>::deserialize(item)
            .map_err(|e| bad(format!("/{i}"), e.to_string()))?;
        if c.code.trim().is_empty() || c.display_name.trim().is_empty() {
            return Err(bad(format!("/{i}"), "empty code or name".into()));
        }
        out.push(CodeOption::new(c.code, c.display_name, ""));
    }
    Ok(out)
}

/// Parses and compiles a rules file for `s`.
pub fn parse_rules(s: &Structure, text: &str) -> Result<Rules, HostError> {
    RuleSet::from_json(text)
        .and_then(|r| r.compile(s))
        .map_err(|e| HostError::new("rules-invalid", "rules", e.pointer.clone(), e.to_string()))
}

/// Whether `audience` sees the document at all (a portal's list shows only what its viewer
/// may open): the inputs as the element reads them; `today` empty = Finland's.
pub fn audience_sees(
    structure: &str,
    document: &str,
    markings: &str,
    audience: &str,
    today: &str,
) -> Result<bool, HostError> {
    let s = parse_structure(structure)?;
    let doc = parse_document(&s, document)?;
    let m = parse_markings(markings)?;
    let audience = parse_audience(audience)?;
    let today = parse_today(today)?.unwrap_or_else(crate::time::today_in_finland);
    Ok(matches!(
        crate::restrict::audience_view(&s, &doc, &m, audience, today),
        crate::restrict::AudienceView::Shown { .. }
    ))
}

/// Parses a host context file (see [`crate::context::HostContext::from_json`]); empty text
/// means none.
pub fn parse_context(text: &str) -> Result<Option<crate::context::HostContext>, HostError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::context::HostContext::from_json(text)
        .map(Some)
        .map_err(|e| {
            HostError::new(
                "context-invalid",
                "context",
                e.pointer.clone(),
                e.to_string(),
            )
        })
}

/// Parses a markings file; empty text means no markings.
pub fn parse_markings(text: &str) -> Result<Markings, HostError> {
    if text.trim().is_empty() {
        return Ok(Markings::default());
    }
    Markings::from_json(text).map_err(|m| {
        HostError::new(
            "markings-invalid",
            "markings",
            m.pointer.clone(),
            m.to_string(),
        )
    })
}

/// Parses host code sets (see [`CodeSets::from_json`]).
pub fn parse_code_sets(text: &str) -> Result<CodeSets, HostError> {
    CodeSets::from_json(text).map_err(|e| {
        HostError::new(
            "code-sets-invalid",
            "codeSets",
            e.pointer,
            e.kind.to_string(),
        )
    })
}

/// The classification OIDs the structure's fields name, sorted, without duplicates (what
/// a host code-set callback is asked for).
pub fn code_set_oids(s: &Structure) -> Vec<String> {
    let mut v: Vec<String> = s
        .ids()
        .filter_map(|id| s.node(id).meta.classification_oid.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The issue counts and issues the element's events carry, from the one assessment.
pub fn validate_detail(
    a: &Assessment,
    refusals: &[crate::emit::Refusal],
    unusable: Option<&HostError>,
    lang: Lang,
) -> Value {
    let (report, problems) = (&a.report, &a.problems);
    let ml = MessageLang::from(lang);
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let issues: Vec<Value> = report
        .issues
        .iter()
        .map(|i| issue_value(i, ml))
        .chain(problems.iter().map(|p| marking_value(p, ml)))
        .collect();
    // Each refusal by its code, in the worker's language (`message`) and as the CLI and the
    // library say it (`text`, English: what a host logs).
    let reasons: Vec<Value> = unusable
        .map(|e| json!({ "code": e.code, "message": e.message, "text": e.message }))
        .into_iter()
        .chain(refusals.iter().map(|r| {
            json!({
                "code": r.code(),
                "message": crate::messages::refusal_message(r, ml),
                "text": r.to_string(),
            })
        }))
        .collect();
    json!({
        // Exactly "emit() would give a bundle": no refusal, no unusable input.
        "valid": reasons.is_empty(),
        "errors": errors,
        "warnings": warnings,
        "markingProblems": problems.len(),
        "refusals": reasons,
        "issues": issues,
    })
}

/// The `detail` of `sosmeta-emit`: every file of the bundle as text (all four are UTF-8),
/// their media types and SHA-256 digests, and the manifest as an object.
pub fn emit_detail(b: &Bundle) -> Value {
    let mut files = serde_json::Map::new();
    let mut media = serde_json::Map::new();
    for f in &b.files {
        files.insert(
            f.name.to_string(),
            String::from_utf8_lossy(&f.bytes).into_owned().into(),
        );
        media.insert(f.name.to_string(), f.media_type.into());
    }
    // The typed manifest (no parse of the bytes just written).
    let manifest = serde_json::to_value(&b.manifest).unwrap_or(Value::Null);
    json!({ "ok": true, "files": files, "mediaTypes": media, "manifest": manifest })
}

/// A correction's changes as `emit()`'s detail carries them: one object per field
/// (`pointer`, `label`, `kind`, `old`, `new`: compact JSON) and per marking aspect
/// (`marking`, `before`, `after`: words in the editor's language).
pub fn changes_value(
    s: &Structure,
    fields: &[crate::document::Change],
    markings: &[crate::restrict::MarkingChange],
    lang: Lang,
) -> Value {
    let mut out: Vec<Value> = fields
        .iter()
        .map(|c| {
            json!({ "pointer": c.pointer, "label": c.label, "kind": c.kind(), "old": c.old_json(s), "new": c.new_json(s) })
        })
        .collect();
    out.extend(markings.iter().map(|m| {
        json!({
            "marking": crate::messages::aspect_label(m.aspect, lang),
            "kind": "changed",
            "before": crate::messages::marking_value_text(&m.before, lang),
            "after": crate::messages::marking_value_text(&m.after, lang),
        })
    }));
    Value::Array(out)
}

/// The result of `emit()` when no bundle could be produced.
pub fn refused_detail(validation: Value) -> Value {
    let reasons: Vec<Value> = validation["refusals"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    format!(
                        "{}: {}",
                        r["code"].as_str().unwrap_or(""),
                        r["text"].as_str().unwrap_or("")
                    )
                    .into()
                })
                .collect()
        })
        .unwrap_or_default();
    json!({ "ok": false, "reasons": reasons, "validation": validation })
}

/// Props of [`Host`].
#[derive(Properties, PartialEq, Clone)]
pub struct HostProps {
    /// The structure; `None` until the host gives one that parses.
    #[prop_or_default]
    pub structure: Option<Rc<Structure>>,
    /// Bumped when the editor must start over (new structure, document before mounting).
    #[prop_or_default]
    pub generation: u32,
    /// The document to start from.
    #[prop_or_default]
    pub document: Option<Rc<Document>>,
    /// A document was given but could not be loaded: show no form rather than an empty one
    /// that would replace it.
    #[prop_or_default]
    pub blocked: bool,
    /// Input problems to show.
    #[prop_or_default]
    pub errors: Rc<Vec<HostError>>,
    /// What to show.
    #[prop_or_default]
    pub mode: HostMode,
    /// Whose view the preview is.
    #[prop_or(Audience::Professional)]
    pub audience: Audience,
    /// Language.
    #[prop_or_default]
    pub lang: Lang,
    /// No edits.
    #[prop_or_default]
    pub readonly: bool,
    /// The host's compiled rules (laid over the structure's own by the editor).
    #[prop_or_default]
    pub rules: Rc<Rules>,
    /// Apply the structure's own rules (`derived-rules`, default yes).
    #[prop_or(true)]
    pub structure_rules: bool,
    /// The rules file text (the author view edits it).
    #[prop_or_default]
    pub rules_text: Option<AttrValue>,
    /// Host code sets.
    #[prop_or_default]
    pub code_sets: Rc<CodeSets>,
    /// Document OID and organisation.
    #[prop_or_default]
    pub render: RenderOptions,
    /// Markings and host context.
    #[prop_or_default]
    pub markings: Option<Rc<Markings>>,
    /// Filled by the mounted editor.
    #[prop_or_default]
    pub link: EditorLink,
    /// Debounced document JSON.
    #[prop_or_default]
    pub on_change: Callback<String>,
    /// A bundle was produced by the emit button.
    #[prop_or_default]
    pub on_emit: Callback<Rc<Bundle>>,
    /// The emit button was refused.
    #[prop_or_default]
    pub on_refused: Callback<Rc<Refused>>,
    /// The user changed the markings.
    #[prop_or_default]
    pub on_markings: Callback<Markings>,
    /// The author applied rules.
    #[prop_or_default]
    pub on_rules: Callback<Rc<Rules>>,
    /// Debounce of `on_change` in milliseconds.
    #[prop_or(400)]
    pub debounce_ms: u32,
    /// Draw a large form a screenful at a time ([`Editor`]'s `progressive`).
    #[prop_or_default]
    pub progressive: bool,
    /// The whole form is in the DOM.
    #[prop_or_default]
    pub on_drawn: Callback<()>,
    /// `explain`: a hidden client/guardian preview also says why, beside the page.
    #[prop_or_default]
    pub explain_hidden: bool,
    /// An archived version being corrected ([`Editor`]'s `correction`).
    #[prop_or_default]
    pub correction: Option<Rc<crate::view::state::Correction>>,
    /// The host's reason-of-correction codes.
    #[prop_or_default]
    pub correction_reasons: Rc<Vec<CodeOption>>,
    /// The editor's start, prepared in tasks of the element's own ([`Editor`]'s `start`).
    #[prop_or_default]
    pub start: crate::view::state::SharedStart,
}

/// The element's content.
#[component]
pub fn Host(props: &HostProps) -> Html {
    let lang = props.lang;
    let errors = (!props.errors.is_empty()).then(|| {
        html! {
            <div class="sm-host-errors" role="alert">
                <h2>{ ui(Ui::HostErrors, lang) }</h2>
                <ul>
                    { for props.errors.iter().map(|e| html! { <li><code>{ e.code }</code>{ " " }{ e.to_string() }</li> }) }
                </ul>
            </div>
        }
    });
    let body = match (&props.structure, props.blocked) {
        (None, _) => {
            if props.errors.is_empty() {
                html! { <p class="sm-empty">{ ui(Ui::NoStructure, lang) }</p> }
            } else {
                Html::default()
            }
        }
        (Some(_), true) => Html::default(),
        (Some(s), false) => {
            let p = props.clone();
            let s = s.clone();
            let editor = move |rules: Rc<Rules>, mode: Mode| {
                html! {
                    <Editor key={p.generation} structure={s.clone()} document={p.document.clone()} lang={p.lang}
                        {rules} code_sets={p.code_sets.clone()} render={p.render.clone()}
                        on_change={p.on_change.clone()} on_emit={p.on_emit.clone()} on_refused={p.on_refused.clone()}
                        {mode} markings={p.markings.clone()} audience={p.audience}
                        on_markings={p.on_markings.clone()} debounce_ms={p.debounce_ms}
                        readonly={p.readonly} link={Some(p.link.clone())} structure_rules={p.structure_rules}
                        progressive={p.progressive} on_drawn={p.on_drawn.clone()} explain_hidden={p.explain_hidden}
                        correction={p.correction.clone()} correction_reasons={p.correction_reasons.clone()}
                        start={p.start.clone()} />
                }
            };
            match props.mode {
                HostMode::Author => {
                    let form = Callback::from(move |rules: Rc<Rules>| editor(rules, Mode::Edit));
                    html! {
                        <AuthorView key={props.generation} structure={props.structure.clone().expect("matched")}
                            rules_text={props.rules_text.clone()} {lang} {form} on_rules={props.on_rules.clone()}
                            structure_rules={props.structure_rules} />
                    }
                }
                HostMode::Edit => editor(props.rules.clone(), Mode::Edit),
                HostMode::Preview => editor(props.rules.clone(), Mode::Preview),
                HostMode::Print => editor(props.rules.clone(), Mode::Print),
            }
        }
    };
    html! {
        <div class="sm-host">
            { errors }
            { body }
        </div>
    }
}
