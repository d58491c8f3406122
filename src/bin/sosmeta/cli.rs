//! The CLI proper (native only).
//!
//! Exit codes: 0 ok, 1 findings (issues, refusal, lint findings), 2 unusable input,
//! 3 output could not be written (closed pipe, full disk). Never a panic: every write is
//! checked, every line that carries text from an input is made terminal-safe
//! ([`term_safe`]), every input is read up to `--max-bytes` and no further.

use std::borrow::Cow;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sosmeta_editor::lint;
use sosmeta_editor::HostContext;
use sosmeta_editor::Lang;
use sosmeta_editor::{assess, Context};
use sosmeta_editor::{hidden_reason_message, issue_message, marking_message, MessageLang};
use sosmeta_editor::{
    render_bundle_assessed, render_draft_assessed, write_xhtml, RenderOptions, XhtmlOptions,
};
use sosmeta_editor::{structure_rules, RulesSummary as Summary};
use sosmeta_editor::{Audience, AudienceView, Markings};
use sosmeta_editor::{Document, LoadError};
use sosmeta_editor::{NodeKind, Structure};

#[path = "validate.rs"]
mod validate;
use sosmeta_editor::{effective_rules, shape_report, Report, RuleOptions, RuleSet, Rules};
use validate::{validate_command, ValidateArgs};

#[derive(Parser)]
#[command(
    name = "sosmeta",
    version,
    about = "Sosmeta structures: check, validate, render signed-ready Kanta payloads, lint"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Largest input file accepted, in bytes (structures, documents, rules, markings).
    #[arg(long, global = true, default_value_t = sosmeta_editor::json::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Apply only the `--rules` file: not the rules read from the structure's own prose
    /// nor the curated ones (both applied by default).
    #[arg(long, global = true)]
    no_derived_rules: bool,
}

#[derive(Copy, Clone, ValueEnum)]
enum CliLang {
    Fi,
    Sv,
    En,
}

#[derive(Copy, Clone, ValueEnum)]
enum CliAudience {
    Client,
    Guardian,
    Professional,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a structure; print its OID, title and counts.
    Check {
        /// Structure file (`-` for stdin).
        structure: PathBuf,
    },
    /// Validate documents: exit 0 all valid, 1 errors found, 2 unusable input.
    Validate(ValidateArgs),
    /// Print a shell completion script: `sosmeta completions bash > /etc/bash_completion.d/sosmeta`
    /// (zsh: into a folder on `$fpath` as `_sosmeta`; fish: `~/.config/fish/completions/sosmeta.fish`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write document.json, document.xhtml, metadata.json, document.cda.xml (when the
    /// context gives the whole CDA header) and manifest.json.
    Render(RenderArgs),
    /// As `render`, and the unsigned CDA envelope (document.cda.xml) is required: without
    /// it, exit 1 naming every member the context lacks.
    Cda(RenderArgs),
    /// Print what an audience sees: the display form with redactions, or why nothing.
    Preview(PreviewArgs),
    /// Print a plausible document that satisfies the structure and its own rules (for tests
    /// and benchmarks).
    Sample {
        /// Structure file.
        structure: PathBuf,
        /// Only what the schema requires (default: every field, one item per list).
        #[arg(long)]
        minimal: bool,
    },
    /// Print the request to invalidate (mitätöidä) an archived version: its metadata.json,
    /// a reason code from the host's list and a text. The host sends it; nothing new is
    /// archived.
    Invalidate {
        /// The archived version's metadata.json.
        metadata: PathBuf,
        /// Reason code (the host's list).
        #[arg(long)]
        reason_code: String,
        /// The reason's display name.
        #[arg(long)]
        reason_display: String,
        /// The reason in words.
        #[arg(long)]
        text: String,
        /// The author's role (organiser, provider, registerKeeper): the host's word; an
        /// invalidation needs it.
        #[arg(long)]
        role: Option<String>,
        /// Who may invalidate now, as the host says (organiser, or provider while its
        /// register-use right lasts); default organiser (seed 002 §4.1).
        #[arg(long)]
        invalidator: Option<String>,
    },
    /// Open an archived CDA envelope: write its two payloads (document.json,
    /// document.xhtml) into a folder and print the version it is (to correct it, edit the
    /// JSON and `render --corrects` the envelope).
    Unpack {
        /// The envelope (document.cda.xml).
        cda: PathBuf,
        /// Output directory (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
    /// What changed between two documents of one structure: fields added, changed and
    /// removed. Exit 0 the same, 1 differences, 2 unusable input.
    Diff {
        /// Structure file.
        structure: PathBuf,
        /// The earlier document.
        old: PathBuf,
        /// The later document.
        new: PathBuf,
        /// One JSON object per change (pointer, label, kind, old, new).
        #[arg(long)]
        json: bool,
    },
    /// Structure-author findings: Swedish texts, prose-only conditions, row numbers, …
    Lint {
        /// Structure file.
        structure: PathBuf,
        /// Conditional-rule overlay file (for rule coverage).
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// The structure's own rules: read from its prose (each with the sentence it came
    /// from) and curated, and the conditional fields left as warnings, with why.
    /// `--json`: a rules file. With several structures (or a folder), a summary table.
    Rules {
        /// Structure files or folders of them.
        #[arg(required = true)]
        structure: Vec<PathBuf>,
        /// Print the rules as a rules file (what `--rules` reads); one structure only.
        #[arg(long)]
        json: bool,
    },
}

/// The arguments of `render` and `cda`.
#[derive(clap::Args)]
struct RenderArgs {
    /// Structure file.
    structure: PathBuf,
    /// Document JSON (`-` for stdin).
    document: PathBuf,
    /// Output directory (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Language of the display form.
    #[arg(long, value_enum, default_value = "fi")]
    lang: CliLang,
    /// The document's own OID (assigned by the host).
    #[arg(long)]
    doc_oid: Option<String>,
    /// Organisation name for the display form's header.
    #[arg(long)]
    organisation: Option<String>,
    /// Conditional-rule overlay file.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// When not signed-ready, still write a draft preview (draft.json, draft.xhtml).
    #[arg(long)]
    draft: bool,
    /// Restriction markings file (JSON; see README): special content, OmaKanta display,
    /// guardian disclosure, author role, client birth date.
    #[arg(long)]
    markings: Option<PathBuf>,
    /// Today's date (YYYY-MM-DD) for delays and age; the system date by default.
    #[arg(long)]
    today: Option<String>,
    /// Host context file (JSON; docs/cda.md): document OID, case id,
    /// organiser, author, … — echoed in metadata.json; the case id must agree with the
    /// fields whose notes say so.
    #[arg(long)]
    context: Option<PathBuf>,
    /// Correct an archived version: its metadata.json or its CDA envelope
    /// (document.cda.xml). The new version keeps the set id, counts one up and needs a
    /// new --doc-oid and a reason of correction (the context's `version.reason` and
    /// `version.text`).
    #[arg(long)]
    corrects: Option<PathBuf>,
    /// The document's time (RFC 3339, e.g. 2026-03-23T10:54:24+02:00) for the CDA header;
    /// now in Finland by default.
    #[arg(long)]
    time: Option<String>,
}

/// Why the CLI stops early.
enum Fatal {
    /// Unusable input: printed as `error: FILE: message`, exit 2.
    Input(String),
    /// Unusable input with several problems (a structure's errors): one line each, exit 2.
    Inputs(Vec<String>),
    /// Output could not be written: printed as `error: message`, exit 3.
    Output(String),
}

/// Shorthand for an input error.
#[allow(non_snake_case)]
fn Fatal(m: String) -> Fatal {
    Fatal::Input(m)
}

/// Escapes what a terminal would act on instead of showing: control characters (C0, DEL,
/// C1 — including escape sequences, carriage return and line feed, so one message stays
/// one line) and bidirectional controls (a file name or key could otherwise make a line
/// read differently from what it says). Written as `\u{1b}`.
pub fn term_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(terminal_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if terminal_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What a terminal acts on instead of showing: control characters (C0, DEL, C1) and
/// bidirectional controls.
fn terminal_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c as u32, 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// Standard output, checked: a closed pipe or a full disk ends the run with exit 3.
struct Out {
    w: std::io::BufWriter<std::io::Stdout>,
}

impl Out {
    fn new() -> Out {
        Out {
            w: std::io::BufWriter::new(std::io::stdout()),
        }
    }

    /// One line of text that may carry input: terminal-safe.
    fn line(&mut self, s: &str) -> Result<(), Fatal> {
        self.data(&term_safe(s))
    }

    /// A JSON line that may carry input: C0 controls are escaped by JSON already; DEL, C1
    /// controls and bidi controls are written as `\uXXXX` escapes too (the same JSON value).
    fn json(&mut self, v: &serde_json::Value) -> Result<(), Fatal> {
        self.json_part(&v.to_string())?;
        self.end_line()
    }

    /// A JSON object line, `head`'s members and then `key`: an array of `items` written
    /// one at a time (a document can hold 100 000 issues: no tree and no text of them all
    /// at once). The same bytes as [`Out::json`] of the whole object.
    fn json_with_array(
        &mut self,
        head: &serde_json::Value,
        key: &str,
        items: impl Iterator<Item = serde_json::Value>,
    ) -> Result<(), Fatal> {
        let head = head.to_string();
        let open = head.strip_suffix('}').unwrap_or(&head);
        self.json_part(open)?;
        if open != "{" {
            self.json_part(",")?;
        }
        self.json_part(&serde_json::Value::from(key).to_string())?;
        self.json_part(":[")?;
        for (n, item) in items.enumerate() {
            if n > 0 {
                self.json_part(",")?;
            }
            self.json_part(&item.to_string())?;
        }
        self.json_part("]}")?;
        self.end_line()
    }

    /// Part of a JSON line, terminal-unsafe characters escaped (they occur only inside
    /// strings, so the escape is the same JSON value).
    fn json_part(&mut self, text: &str) -> Result<(), Fatal> {
        // Printable ASCII needs no look at each character (almost every line).
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return self.w.write_all(text.as_bytes()).map_err(output_error);
        }
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if terminal_unsafe(c) {
                self.w
                    .write_all(&text.as_bytes()[start..i])
                    .map_err(output_error)?;
                write!(self.w, "\\u{:04x}", c as u32).map_err(output_error)?;
                start = i + c.len_utf8();
            }
        }
        self.w
            .write_all(&text.as_bytes()[start..])
            .map_err(output_error)
    }

    fn end_line(&mut self) -> Result<(), Fatal> {
        self.w.write_all(b"\n").map_err(output_error)
    }

    /// Data written as is (JSON, XHTML: already escaped by their writers).
    fn data(&mut self, s: &str) -> Result<(), Fatal> {
        writeln!(self.w, "{s}").map_err(output_error)
    }

    fn flush(&mut self) -> Result<(), Fatal> {
        self.w.flush().map_err(output_error)
    }
}

/// Standard output must be open: Rust's runtime reopens a closed descriptor (`>&-`) on
/// `/dev/null` before `main`, so an `invalidate` request or a report would be gone with
/// exit 0. Whether it was open is asked before that ([`STDOUT_AT_START`]), on Linux.
fn stdout_open() -> Result<(), Fatal> {
    #[cfg(target_os = "linux")]
    if STDOUT_CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(Fatal::Output(
            "standard output is closed: nothing could be written".into(),
        ));
    }
    Ok(())
}

#[cfg(target_os = "linux")]
static STDOUT_CLOSED_AT_START: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Runs as the process starts, before Rust's runtime: is descriptor 1 open?
#[cfg(target_os = "linux")]
extern "C" fn record_stdout() {
    // SAFETY: fcntl(F_GETFD) only reads the descriptor's flags; -1 means it is not open.
    if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
        STDOUT_CLOSED_AT_START.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The ELF constructor that runs [`record_stdout`] before `main`.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static STDOUT_AT_START: extern "C" fn() = record_stdout;

fn output_error(e: std::io::Error) -> Fatal {
    Fatal::Output(format!("cannot write to standard output: {e}"))
}

/// One line on standard error, terminal-safe. A failing stderr has nowhere to report to.
fn say(s: &str) {
    let _ = writeln!(std::io::stderr(), "{}", term_safe(s));
}

/// Reads a file (or stdin for `-`) as UTF-8, at most `limit` bytes: a larger input is an
/// error before it is read on (`/dev/zero` does not grow memory).
fn read(path: &Path, limit: usize) -> Result<String, Fatal> {
    let name = path.display();
    let mut bytes = Vec::new();
    let cap = (limit as u64).saturating_add(1);
    let res = if path.as_os_str() == "-" {
        std::io::stdin()
            .take(cap)
            .read_to_end(&mut bytes)
            .map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes).map(|_| ()))
    };
    res.map_err(|e| Fatal(format!("{name}: cannot read: {e}")))?;
    if bytes.len() > limit {
        return Err(Fatal(format!(
            "{name}: larger than the limit of {limit} bytes (--max-bytes)"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Fatal(format!(
            "{name}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Reads a structure; every error of the structure is reported, not only the first.
/// The next version of the archived one whose `metadata.json` is at `path`: its set id,
/// its number one up, replacing its document OID.
fn archived_version(path: &Path, limit: usize) -> Result<sosmeta_editor::Version, Fatal> {
    let name = path.display();
    let text = read(path, limit)?;
    // An archived CDA envelope: its header says the version.
    if text.trim_start().starts_with('<') {
        return sosmeta_editor::read_cda(&text)
            .map(|a| a.next_version())
            .map_err(|e| Fatal(format!("{name}: {}", term_safe(&e.to_string()))));
    }
    let meta = sosmeta_editor::json::parse(&text).map_err(|e| Fatal(format!("{name}: {e}")))?;
    sosmeta_editor::Version::after_archived(&meta)
        .map_err(|(pointer, what)| Fatal(format!("{name}: {pointer}: {what}")))
}

/// Structure files: each path itself, or a folder's `*.json` files in name order.
fn structure_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Fatal> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut here: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Fatal(format!("{}: {e}", p.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "json"))
                .collect();
            here.sort();
            out.extend(here);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// One structure's own rules, each with its source and the sentence it states, then every
/// conditional field left as a warning, with why ([`sosmeta_editor::StructureRules::review`]).
fn print_structure_rules(out: &mut Out, path: &Path, s: &Structure) -> Result<(), Fatal> {
    let own = structure_rules(s);
    for line in own.review(s) {
        out.line(&format!("{}: {line}", path.display()))?;
    }
    say(&Summary::of(s, &own).line());
    Ok(())
}

/// The summary table over several structures (docs/rules.md).
#[derive(Default)]
struct RulesTable {
    rows: Vec<(String, Summary)>,
}

impl RulesTable {
    fn add(&mut self, s: &Structure) {
        let own = structure_rules(s);
        self.rows.push((s.meta.oid.clone(), Summary::of(s, &own)));
    }

    fn lines(&self) -> Vec<String> {
        let mut out = vec![Summary::HEADER.to_string()];
        let mut total = Summary::default();
        for (oid, sum) in &self.rows {
            out.push(format!("{oid:<40} {}", sum.columns()));
            total.add(sum);
        }
        out.push(format!(
            "{:<40} {}",
            format!("total ({} structures)", self.rows.len()),
            total.columns()
        ));
        out.push(total.line());
        out
    }
}

fn structure(path: &Path, limit: usize) -> Result<Structure, Fatal> {
    Structure::from_json_all(&read(path, limit)?).map_err(|errors| {
        Fatal::Inputs(
            errors
                .iter()
                .map(|e| format!("{}: {e}", path.display()))
                .collect(),
        )
    })
}

/// The rules that apply: the structure's own (unless `--no-derived-rules`) with the
/// `--rules` file laid over them.
fn rules(
    path: &Option<PathBuf>,
    s: &Structure,
    limit: usize,
    options: RuleOptions,
) -> Result<Rules, Fatal> {
    let host = match path {
        Some(p) => Some(
            RuleSet::from_json(&read(p, limit)?)
                .map_err(|e| Fatal(format!("{}: {e}", p.display())))?,
        ),
        None => None,
    };
    effective_rules(s, host.as_ref(), options).map_err(|e| {
        Fatal(format!(
            "{}: {e}",
            path.as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        ))
    })
}

fn markings(path: &Option<PathBuf>, limit: usize) -> Result<Markings, Fatal> {
    let Some(p) = path else {
        return Ok(Markings::default());
    };
    Markings::from_json(&read(p, limit)?).map_err(|e| Fatal(format!("{}: {e}", p.display())))
}

/// A document read from `name`: loaded, or (inner `Err`) the report of a document that does
/// not fit the structure (issues, exit 1), or (outer `Err`) unusable input.
fn load(s: &Structure, text: &str, name: &str) -> Result<Result<Document, Report>, Fatal> {
    match Document::from_json(s, text) {
        Ok(doc) => Ok(Ok(doc)),
        Err(LoadError::Shape { problems }) => Ok(Err(shape_report(problems))),
        Err(e) => Err(Fatal(format!("{name}: {e}"))),
    }
}

/// `--today`, else today in Finland (Europe/Helsinki): the machine's own time zone never
/// decides a delay or an age.
fn today(arg: &Option<String>) -> Result<chrono::NaiveDate, Fatal> {
    match arg {
        None => Ok(sosmeta_editor::today_in_finland()),
        Some(t) => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .ok()
            .filter(|_| t.len() == 10)
            .ok_or_else(|| Fatal(format!("--today: '{t}' is not a date YYYY-MM-DD"))),
    }
}

/// `--doc-oid` must be a dotted-decimal OID: it becomes the archived document's id.
fn doc_oid(arg: Option<String>) -> Result<Option<String>, Fatal> {
    match arg {
        Some(o) if !sosmeta_editor::is_oid(&o) => Err(Fatal(format!(
            "--doc-oid: '{o}' is not a dotted-decimal OID (e.g. 1.2.246.10.12345678.15000.2026.1)"
        ))),
        other => Ok(other),
    }
}

fn msg_lang(l: CliLang) -> MessageLang {
    match l {
        CliLang::Fi => MessageLang::Fi,
        CliLang::Sv => MessageLang::Sv,
        CliLang::En => MessageLang::En,
    }
}

/// The display form's language: Finnish or Swedish, the languages a Kanta display form
/// and the structures' texts are written in. `--lang en` (English messages elsewhere) is
/// refused here rather than quietly writing Finnish.
fn content_lang(l: CliLang) -> Result<Lang, Fatal> {
    match l {
        CliLang::Fi => Ok(Lang::Fi),
        CliLang::Sv => Ok(Lang::Sv),
        CliLang::En => Err(Fatal(
            "--lang en: the display form is written in Finnish (fi) or Swedish (sv), the languages of the structures' texts".into(),
        )),
    }
}

fn run(cli: Cli) -> Result<u8, Fatal> {
    stdout_open()?;
    let mut out = Out::new();
    let code = run_to(cli, &mut out)?;
    out.flush()?;
    Ok(code)
}

/// `render` and `cda`: the host's inputs read and resolved once ([`resolve_inputs`]), the
/// document assessed, the bundle written (or why not, and a draft when asked).
fn render_command(
    args: RenderArgs,
    need_cda: bool,
    out: &mut Out,
    max: usize,
    rule_options: RuleOptions,
) -> Result<u8, Fatal> {
    let opts = resolve_inputs(&args, max)?;
    let RenderArgs {
        structure: sp,
        document,
        out: dir,
        rules: rp,
        draft,
        context: cp,
        ..
    } = args;
    let s = structure(&sp, max)?;
    let r = rules(&rp, &s, max, rule_options)?;
    let name = document.display().to_string();
    let text = read(&document, max)?;
    if need_cda {
        let gaps = sosmeta_editor::cda_gaps(&s, &opts);
        if !gaps.is_empty() {
            for g in &gaps {
                say(&format!(
                    "{}: no CDA envelope: {}",
                    cp.as_ref()
                        .map_or("context".into(), |p| p.display().to_string()),
                    term_safe(&g.to_string())
                ));
            }
            return Ok(1);
        }
    }
    // The same verdict as `validate`: a document that does not fit the structure
    // has issues (exit 1), not an unusable input.
    let doc = match load(&s, &text, &name)? {
        Ok(doc) => doc,
        Err(unfit) => {
            print_report(out, &name, &unfit, &[], CliLang::En)?;
            say(&format!(
                "{name}: no signed-ready bundle: the document does not fit the structure{}",
                if draft {
                    "; no draft either (a draft needs a document that loads)"
                } else {
                    ""
                }
            ));
            return Ok(1);
        }
    };
    let a = assess(&s, &doc, &r, &opts.markings, opts.context());
    match render_bundle_assessed(&s, &doc, &a, &opts) {
        Ok(bundle) => {
            let files: Vec<(&str, &[u8])> = bundle
                .files
                .iter()
                .map(|f| (f.name, f.bytes.as_slice()))
                .collect();
            write_render(&dir, OutputStep::Render, &files)?;
            for f in &bundle.files {
                out.line(&format!(
                    "wrote {} ({} bytes)",
                    dir.join(f.name).display(),
                    f.bytes.len()
                ))?;
            }
            Ok(0)
        }
        Err(refused) => {
            say(&format!("{name}: {refused}"));
            for i in refused.report.errors() {
                say(&format!(
                    "{name}:{}: error [{}] {}",
                    i.pointer,
                    i.kind.code(),
                    issue_message(&i.kind, MessageLang::En)
                ));
            }
            if draft {
                let (j, x) = render_draft_assessed(&s, &doc, &a, &opts);
                write_render(
                    &dir,
                    OutputStep::Render,
                    &[("draft.json", j.as_bytes()), ("draft.xhtml", x.as_bytes())],
                )?;
                say(&format!(
                    "wrote a draft preview (not signed-ready) to {}",
                    dir.display()
                ));
            }
            Ok(1)
        }
    }
}

/// The render's inputs (markings, context, `--doc-oid`, `--organisation`, `--today`,
/// `--time`, `--corrects`) read strictly and resolved by [`sosmeta_editor::resolve`]: a
/// conflict is an unusable input (exit 2) naming the context file and every fact. The
/// clock is read here, for what the host did not say.
fn resolve_inputs(args: &RenderArgs, max: usize) -> Result<RenderOptions, Fatal> {
    let now = match &args.time {
        Some(t) => Some(chrono::DateTime::parse_from_rfc3339(t).map_err(|e| {
            Fatal(format!(
                "--time {}: {e} (RFC 3339, e.g. 2026-03-23T10:54:24+02:00)",
                term_safe(t)
            ))
        })?),
        None => None,
    };
    let context = match &args.context {
        Some(p) => Some(
            HostContext::from_json(&read(p, max)?)
                .map_err(|e| Fatal(format!("{}: {e}", p.display())))?,
        ),
        None => None,
    };
    let correction = match &args.corrects {
        Some(p) => Some(archived_version(p, max)?),
        None => None,
    };
    let inputs = sosmeta_editor::HostInputs {
        markings: markings(&args.markings, max)?,
        context,
        doc_oid: doc_oid(args.doc_oid.clone())?,
        organisation: args.organisation.clone(),
        today: match &args.today {
            Some(_) => Some(today(&args.today)?),
            None => None,
        },
        now,
        lang: content_lang(args.lang)?,
        correction,
    };
    let mut opts = sosmeta_editor::resolve(&inputs).map_err(|conflicts| {
        let file = args
            .context
            .as_ref()
            .map_or("options".to_string(), |p| p.display().to_string());
        Fatal::Inputs(
            conflicts
                .iter()
                .map(|c| format!("{file}: [{}] {}", c.code(), term_safe(&c.to_string())))
                .collect(),
        )
    })?;
    opts.today
        .get_or_insert_with(sosmeta_editor::today_in_finland);
    opts.now.get_or_insert_with(sosmeta_editor::now_in_finland);
    Ok(opts)
}

/// Prints the validation report (and marking problems) of one document, a line each;
/// returns the number of errors.
fn print_report(
    out: &mut Out,
    name: &str,
    report: &sosmeta_editor::Report,
    problems: &[sosmeta_editor::MarkingProblem],
    lang: CliLang,
) -> Result<usize, Fatal> {
    for i in &report.issues {
        let message = issue_message(&i.kind, msg_lang(lang));
        out.line(&format!(
            "{name}:{}: {} [{}] {message}",
            i.pointer,
            i.severity().as_str(),
            i.kind.code()
        ))?;
    }
    for p in problems {
        let message = marking_message(p, msg_lang(lang));
        out.line(&format!(
            "{name}:(markings): error [{}] {message}",
            p.code()
        ))?;
    }
    Ok(report.errors().count() + problems.len())
}

/// `check`: what the structure is and holds.
fn check_command(path: &Path, max: usize, out: &mut Out) -> Result<u8, Fatal> {
    let s = structure(path, max)?;
    let (mut groups, mut fields, mut required, mut conditional) = (0, 0, 0, 0);
    for id in s.ids().skip(1) {
        let n = s.node(id);
        match n.kind {
            NodeKind::Group => groups += 1,
            NodeKind::Field(_) => fields += 1,
        }
        required += n.required as usize;
        conditional += n.meta.conditional_required as usize;
    }
    out.line(&format!("oid: {}", s.meta.oid))?;
    out.line(&format!("title: {}", s.document_title(Lang::Fi)))?;
    out.line(&format!("status: {}", s.meta.status))?;
    out.line(&format!(
        "documentType: {}",
        s.meta.document_type.as_deref().unwrap_or("-")
    ))?;
    out.line(&format!(
        "documentSubject: {}",
        s.meta.document_subject.as_deref().unwrap_or("-")
    ))?;
    out.line(&format!("groups: {groups}, fields: {fields}, required: {required}, conditionallyRequired: {conditional}"))?;
    out.line(&format!("warnings: {}", s.warnings().len()))?;
    for w in s.warnings() {
        out.line(&format!("  warning: {w}"))?;
    }
    Ok(0)
}

/// The arguments of `preview`.
#[derive(clap::Args)]
struct PreviewArgs {
    /// Structure file.
    structure: PathBuf,
    /// Document JSON (`-` for stdin).
    document: PathBuf,
    /// Audience.
    #[arg(long = "as", value_enum)]
    audience: CliAudience,
    /// Restriction markings file (JSON).
    #[arg(long)]
    markings: Option<PathBuf>,
    /// Today's date (YYYY-MM-DD); the system date by default.
    #[arg(long)]
    today: Option<String>,
    /// Language of the display form.
    #[arg(long, value_enum, default_value = "fi")]
    lang: CliLang,
    /// Conditional-rule overlay file (fields its rules hide are not shown).
    #[arg(long)]
    rules: Option<PathBuf>,
}

/// `preview`: the display form as `audience` would see it (or why they see nothing).
fn preview_command(
    args: PreviewArgs,
    max: usize,
    rule_options: RuleOptions,
    out: &mut Out,
) -> Result<u8, Fatal> {
    let PreviewArgs {
        structure: sp,
        document,
        audience,
        markings: mp,
        today: td,
        lang,
        rules: rp,
    } = args;
    let s = structure(&sp, max)?;
    let r = rules(&rp, &s, max, rule_options)?;
    let name = document.display().to_string();
    let doc = Document::from_json(&s, &read(&document, max)?)
        .map_err(|e| Fatal(format!("{name}: {e}")))?;
    let m = markings(&mp, max)?;
    let audience = match audience {
        CliAudience::Client => Audience::Client,
        CliAudience::Guardian => Audience::Guardian,
        CliAudience::Professional => Audience::Professional,
    };
    let lang = content_lang(lang)?;
    let a = assess(&s, &doc, &r, &m, Context { today: today(&td)? });
    match a.audience_view(&m, audience) {
        AudienceView::Hidden(reason) => {
            out.line(&hidden_reason_message(&reason, MessageLang::from(lang)))?;
        }
        AudienceView::Shown { mut redacted } => {
            // Fields a rule hides are in nobody's display form.
            redacted.extend(a.hidden.iter().cloned());
            let x = write_xhtml(
                &s,
                &doc,
                &redacted,
                &XhtmlOptions {
                    lang,
                    ..XhtmlOptions::default()
                },
            );
            out.data(&x)?;
        }
    }
    Ok(0)
}

/// `diff`: what changed between two documents of one structure; exit 1 when anything did.
fn diff_command(
    sp: PathBuf,
    old: PathBuf,
    new: PathBuf,
    json: bool,
    max: usize,
    out: &mut Out,
) -> Result<u8, Fatal> {
    let s = structure(&sp, max)?;
    let load_doc = |p: &PathBuf| -> Result<Document, Fatal> {
        let name = p.display().to_string();
        Document::from_json(&s, &read(p, max)?).map_err(|e| Fatal(format!("{name}: {e}")))
    };
    let (a, b) = (load_doc(&old)?, load_doc(&new)?);
    let changes = sosmeta_editor::diff(&s, &a, &b);
    for c in &changes {
        if json {
            out.json(&serde_json::json!({
                "pointer": c.pointer, "label": c.label, "kind": c.kind(),
                "old": c.old_json(&s), "new": c.new_json(&s),
            }))?;
        } else {
            let line = match (c.old_json(&s), c.new_json(&s)) {
                (None, Some(n)) => format!("+ {} ({}): {n}", c.pointer, c.label),
                (Some(o), None) => format!("- {} ({}): {o}", c.pointer, c.label),
                (Some(o), Some(n)) => format!("~ {} ({}): {o} → {n}", c.pointer, c.label),
                (None, None) => continue,
            };
            out.line(&line)?;
        }
    }
    say(&format!("{} change(s)", changes.len()));
    Ok(if changes.is_empty() { 0 } else { 1 })
}

/// `rules`: the structures' own rules (derived from their prose and curated).
fn rules_command(sp: Vec<PathBuf>, json: bool, max: usize, out: &mut Out) -> Result<u8, Fatal> {
    let files = structure_files(&sp)?;
    if json {
        let [one] = files.as_slice() else {
            return Err(Fatal("--json prints the rules of one structure".into()));
        };
        let s = structure(one, max)?;
        let own = structure_rules(&s);
        let v = serde_json::json!({ "rules": { s.meta.oid.clone(): own.rules.to_json(&s) } });
        out.data(&format!(
            "{}\n",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        ))?;
        return Ok(0);
    }
    if let [one] = files.as_slice() {
        let s = structure(one, max)?;
        print_structure_rules(out, one, &s)?;
        return Ok(0);
    }
    let mut table = RulesTable::default();
    for f in &files {
        table.add(&structure(f, max)?);
    }
    for line in table.lines() {
        out.line(&line)?;
    }
    Ok(0)
}

fn run_to(cli: Cli, out: &mut Out) -> Result<u8, Fatal> {
    let max = cli.max_bytes;
    let rule_options = RuleOptions {
        structure_rules: !cli.no_derived_rules,
    };
    let need_cda = matches!(cli.command, Command::Cda(_));
    match cli.command {
        Command::Check { structure: path } => check_command(&path, max, out),
        Command::Validate(args) => validate_command(args, max, rule_options, out),
        Command::Completions { shell } => completions_command(shell, out),
        Command::Unpack { cda, out: dir } => unpack_command(&cda, &dir, max, out),
        Command::Render(args) | Command::Cda(args) => {
            render_command(args, need_cda, out, max, rule_options)
        }
        Command::Preview(args) => preview_command(args, max, rule_options, out),
        Command::Sample {
            structure: sp,
            minimal,
        } => sample_command(&sp, minimal, max, rule_options, out),
        Command::Rules {
            structure: sp,
            json,
        } => rules_command(sp, json, max, out),
        Command::Invalidate {
            metadata,
            reason_code,
            reason_display,
            text,
            role,
            invalidator,
        } => {
            let reason = sosmeta_editor::Code {
                code: reason_code,
                display_name: reason_display,
            };
            let by = sosmeta_editor::Invalidator {
                role: role.as_deref(),
                allowed: invalidator.as_deref(),
            };
            invalidate_command(&metadata, reason, &text, by, max, out)
        }
        Command::Diff {
            structure: sp,
            old,
            new,
            json,
        } => diff_command(sp, old, new, json, max, out),
        Command::Lint {
            structure: sp,
            rules: rp,
        } => lint_command(&sp, &rp, max, rule_options, out),
    }
}

/// `completions`: the shell's completion script.
fn completions_command(shell: clap_complete::Shell, out: &mut Out) -> Result<u8, Fatal> {
    let mut text = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "sosmeta",
        &mut text,
    );
    out.data(String::from_utf8_lossy(&text).trim_end())?;
    Ok(0)
}

/// `unpack`: an archived envelope's two payloads into `dir`, and the version it is.
fn unpack_command(cda: &Path, dir: &Path, max: usize, out: &mut Out) -> Result<u8, Fatal> {
    let name = cda.display().to_string();
    let a = sosmeta_editor::read_cda(&read(cda, max)?)
        .map_err(|e| Fatal(format!("{name}: {}", term_safe(&e.to_string()))))?;
    write_render(
        dir,
        OutputStep::Unpack,
        &[
            ("document.json", a.document_json.as_bytes()),
            ("document.xhtml", a.display_xhtml.as_bytes()),
        ],
    )?;
    out.line(&format!("documentOid: {}", a.document_oid))?;
    out.line(&format!("setId: {}", a.set_id))?;
    out.line(&format!("versionNumber: {}", a.version_number))?;
    Ok(0)
}

/// `sample`: a plausible document the structure and its own rules accept.
fn sample_command(
    sp: &Path,
    minimal: bool,
    max: usize,
    rule_options: RuleOptions,
    out: &mut Out,
) -> Result<u8, Fatal> {
    let s = structure(sp, max)?;
    let mode = if minimal {
        sosmeta_editor::SampleMode::Minimal
    } else {
        sosmeta_editor::SampleMode::Full
    };
    // A sample the structure's own rules accept too (unless --no-derived-rules).
    let r = rules(&None, &s, max, rule_options)?;
    let doc = sosmeta_editor::sample_satisfying(&s, mode, &r);
    out.data(&doc.to_canonical_json(&s))?;
    Ok(0)
}

/// `invalidate`: the request to invalidate an archived version, as one JSON line.
fn invalidate_command(
    metadata: &Path,
    reason: sosmeta_editor::Code,
    text: &str,
    by: sosmeta_editor::Invalidator<'_>,
    max: usize,
    out: &mut Out,
) -> Result<u8, Fatal> {
    let name = metadata.display().to_string();
    let meta = sosmeta_editor::json::parse(&read(metadata, max)?)
        .map_err(|e| Fatal(format!("{name}: {e}")))?;
    let request = sosmeta_editor::Invalidation::of(&meta, reason, text, by)
        .map_err(|e| Fatal(format!("{name}: {e}")))?;
    // One JSON line; bidi and C1 controls of the host's text as `\uXXXX` escapes.
    let v = serde_json::to_value(&request)
        .map_err(|e| Fatal::Output(format!("cannot write the request: {e}")))?;
    out.json(&v)?;
    Ok(0)
}

/// `lint`: the structure author's findings; exit 1 when there are any.
fn lint_command(
    sp: &Path,
    rp: &Option<PathBuf>,
    max: usize,
    rule_options: RuleOptions,
    out: &mut Out,
) -> Result<u8, Fatal> {
    let s = structure(sp, max)?;
    let r = rules(rp, &s, max, rule_options)?;
    let findings = lint(&s, &r);
    for f in &findings {
        out.line(&format!("{}: [{}] {f}", sp.display(), f.kind.code()))?;
    }
    say(&format!("{} finding(s)", findings.len()));
    Ok(if findings.is_empty() { 0 } else { 1 })
}

/// Which output step writes a folder: each keeps its own ledger of what it wrote there
/// (`.sosmeta-render`, `.sosmeta-unpack`), and the next write of the same step removes
/// those of them it does not write again — and nothing else. A folder's other files, an
/// archived envelope beside its unpacked payloads, a host's own `draft.json`, are never
/// ours to delete.
#[derive(Clone, Copy)]
enum OutputStep {
    /// `render` and `cda`: a bundle or a draft.
    Render,
    /// `unpack`: an envelope's two payloads.
    Unpack,
}

impl OutputStep {
    fn ledger(self) -> &'static str {
        match self {
            OutputStep::Render => ".sosmeta-render",
            OutputStep::Unpack => ".sosmeta-unpack",
        }
    }
}

/// The names the last write of `step` into `dir` recorded; none when there is no ledger or
/// for anything but a plain file name.
fn written_before(dir: &Path, step: OutputStep) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(dir.join(step.ledger())) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|n| {
            !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                && !n.starts_with('.')
        })
        .map(str::to_string)
        .collect()
}

/// Writes one render's files into `dir`: first all of them into a temporary folder inside
/// `dir` (a failed write — a full disk — removes it and leaves `dir` as it was), then the
/// files the same step's earlier write recorded ([`OutputStep`]) and this one does not write
/// are removed,
/// the new ones moved in, `manifest.json` last, and the ledger written (renames within one
/// file system: no partial file is ever visible).
fn write_render(dir: &Path, step: OutputStep, files: &[(&str, &[u8])]) -> Result<(), Fatal> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Fatal(format!("{}: cannot create: {e}", dir.display())))?;
    let tmp = dir.join(format!(
        ".sosmeta-render-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir(&tmp)?;
        for (name, bytes) in files {
            let mut f = std::fs::File::create(tmp.join(name))?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(Fatal::Output(format!(
            "{}: cannot write the files, nothing changed: {e}",
            dir.display()
        )));
    }
    let moved = (|| -> std::io::Result<()> {
        for old in written_before(dir, step) {
            if files.iter().any(|f| f.0 == old) {
                continue;
            }
            match std::fs::remove_file(dir.join(&old)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        let mut order: Vec<&str> = files.iter().map(|f| f.0).collect();
        order.sort_by_key(|n| *n == "manifest.json");
        for name in &order {
            std::fs::rename(tmp.join(name), dir.join(name))?;
        }
        let mut ledger = order.join("\n");
        ledger.push('\n');
        std::fs::write(dir.join(step.ledger()), ledger)
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    moved.map_err(|e| {
        Fatal::Output(format!(
            "{}: cannot move the files in place: {e}",
            dir.display()
        ))
    })
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(finish(run(cli)))
}

fn finish(r: Result<u8, Fatal>) -> u8 {
    match r {
        Ok(code) => code,
        Err(Fatal::Input(m)) => {
            say(&format!("error: {m}"));
            2
        }
        Err(Fatal::Inputs(ms)) => {
            for m in ms {
                say(&format!("error: {m}"));
            }
            2
        }
        Err(Fatal::Output(m)) => {
            say(&format!("error: {m}"));
            3
        }
    }
}

/// Runs the CLI on these arguments (without the program name) and returns its exit code;
/// bad arguments give 2, as from the shell. Used by the CLI fuzz target.
#[allow(dead_code)]
pub fn run_args<I: IntoIterator<Item = String>>(args: I) -> u8 {
    match Cli::try_parse_from(std::iter::once("sosmeta".to_string()).chain(args)) {
        Ok(cli) => finish(run(cli)),
        Err(_) => 2,
    }
}
