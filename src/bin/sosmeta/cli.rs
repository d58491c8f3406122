//! The CLI proper (native only).

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sosmeta_editor::document::Document;
use sosmeta_editor::emit::{render_bundle, render_draft, write_xhtml, RenderOptions, XhtmlOptions};
use sosmeta_editor::lang::Lang;
use sosmeta_editor::lint::lint;
use sosmeta_editor::messages::{
    issue_message, issue_value, marking_message, marking_value, MessageLang,
};
use sosmeta_editor::model::{NodeKind, Structure};
use sosmeta_editor::restrict::{audience_view, Audience, AudienceView, Markings};
use sosmeta_editor::validate::{validate_json, RuleSet, Rules};

#[derive(Parser)]
#[command(
    name = "sosmeta",
    version,
    about = "Sosmeta structures: check, validate, render signed-ready Kanta payloads, lint"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    Validate {
        /// Structure file.
        structure: PathBuf,
        /// Document JSON files (`-` for stdin); each is checked on its own.
        #[arg(required = true)]
        document: Vec<PathBuf>,
        /// One JSON object per issue (path, severity, code, message).
        #[arg(long)]
        json: bool,
        /// Conditional-rule overlay file.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Language of messages.
        #[arg(long, value_enum, default_value = "en")]
        lang: CliLang,
        /// Also check these restriction markings (as `render` does).
        #[arg(long)]
        markings: Option<PathBuf>,
        /// Today's date (YYYY-MM-DD) for the markings check; the system date by default.
        #[arg(long)]
        today: Option<String>,
    },
    /// Write document.json, document.xhtml, metadata.json and manifest.json.
    Render {
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
    },
    /// Print what an audience sees: the display form with redactions, or why nothing.
    Preview {
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
    },
    /// Print a plausible document that satisfies the structure (for tests and benchmarks).
    Sample {
        /// Structure file.
        structure: PathBuf,
        /// Only what the schema requires (default: every field, one item per list).
        #[arg(long)]
        minimal: bool,
    },
    /// Structure-author findings: Swedish texts, prose-only conditions, row numbers, …
    Lint {
        /// Structure file.
        structure: PathBuf,
        /// Conditional-rule overlay file (for rule coverage).
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

/// Unusable input: printed as `error: FILE: message`, exit 2.
struct Fatal(String);

fn read(path: &PathBuf) -> Result<String, Fatal> {
    let name = path.display();
    let mut bytes = Vec::new();
    let res = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    res.map_err(|e| Fatal(format!("{name}: cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Fatal(format!(
            "{name}: not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn structure(path: &PathBuf) -> Result<Structure, Fatal> {
    Structure::from_json(&read(path)?).map_err(|e| Fatal(format!("{}: {e}", path.display())))
}

fn rules(path: &Option<PathBuf>, s: &Structure) -> Result<Rules, Fatal> {
    let Some(p) = path else {
        return Ok(Rules::default());
    };
    let set = RuleSet::from_json(&read(p)?).map_err(|e| Fatal(format!("{}: {e}", p.display())))?;
    set.compile(s)
        .map_err(|e| Fatal(format!("{}: {e}", p.display())))
}

fn markings(path: &Option<PathBuf>) -> Result<Markings, Fatal> {
    let Some(p) = path else {
        return Ok(Markings::default());
    };
    Markings::from_json(&read(p)?).map_err(|e| Fatal(format!("{}: {e}", p.display())))
}

fn today(arg: &Option<String>) -> Result<chrono::NaiveDate, Fatal> {
    match arg {
        None => Ok(chrono::Local::now().date_naive()),
        Some(t) => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| Fatal(format!("--today: '{t}' is not a date YYYY-MM-DD"))),
    }
}

fn msg_lang(l: CliLang) -> MessageLang {
    match l {
        CliLang::Fi => MessageLang::Fi,
        CliLang::Sv => MessageLang::Sv,
        CliLang::En => MessageLang::En,
    }
}

fn content_lang(l: CliLang) -> Lang {
    match l {
        CliLang::Sv => Lang::Sv,
        _ => Lang::Fi,
    }
}

fn run(cli: Cli) -> Result<u8, Fatal> {
    match cli.command {
        Command::Check { structure: path } => {
            let s = structure(&path)?;
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
            println!("oid: {}", s.meta.oid);
            println!("title: {}", s.document_title(Lang::Fi));
            println!("status: {}", s.meta.status);
            println!(
                "documentType: {}",
                s.meta.document_type.as_deref().unwrap_or("-")
            );
            println!(
                "documentSubject: {}",
                s.meta.document_subject.as_deref().unwrap_or("-")
            );
            println!("groups: {groups}, fields: {fields}, required: {required}, conditionallyRequired: {conditional}");
            println!("warnings: {}", s.warnings().len());
            for w in s.warnings() {
                println!("  warning: {w}");
            }
            Ok(0)
        }
        Command::Validate {
            structure: sp,
            document,
            json,
            rules: rp,
            lang,
            markings: mp,
            today: td,
        } => {
            let s = structure(&sp)?;
            let r = rules(&rp, &s)?;
            let m = match &mp {
                Some(_) => Some((markings(&mp)?, today(&td)?)),
                None => None,
            };
            let mut worst = 0u8;
            for document in &document {
                let name = document.display().to_string();
                let checked = read(document).and_then(|text| {
                    validate_json(&s, &text, &r).map_err(|e| Fatal(format!("{name}: {e}")))
                });
                let (doc, report) = match checked {
                    Ok(x) => x,
                    // Unusable: said on stderr, the other documents are still checked.
                    Err(Fatal(msg)) => {
                        eprintln!("error: {msg}");
                        worst = 2;
                        continue;
                    }
                };
                let problems = match (&m, &doc) {
                    (Some((mk, day)), Some(doc)) => {
                        sosmeta_editor::restrict::check(&s, doc, mk, *day)
                    }
                    _ => Vec::new(),
                };
                for i in &report.issues {
                    if json {
                        println!("{}", with_file(&name, issue_value(i, msg_lang(lang))));
                    } else {
                        let message = issue_message(&i.kind, msg_lang(lang));
                        println!(
                            "{name}:{}: {} [{}] {message}",
                            i.pointer,
                            i.severity().as_str(),
                            i.kind.code()
                        );
                    }
                }
                for p in &problems {
                    if json {
                        println!("{}", with_file(&name, marking_value(p, msg_lang(lang))));
                    } else {
                        let message = marking_message(p, msg_lang(lang));
                        println!("{name}:(markings): error [{}] {message}", p.code());
                    }
                }
                let errors = report.errors().count() + problems.len();
                if !json {
                    eprintln!(
                        "{name}: {errors} error(s), {} warning(s)",
                        report.warnings().count()
                    );
                }
                if errors > 0 {
                    worst = worst.max(1);
                }
            }
            Ok(worst)
        }
        Command::Render {
            structure: sp,
            document,
            out,
            lang,
            doc_oid,
            organisation,
            rules: rp,
            draft,
            markings: mp,
            today: td,
        } => {
            let s = structure(&sp)?;
            let r = rules(&rp, &s)?;
            let name = document.display().to_string();
            let doc = Document::from_json(&s, &read(&document)?)
                .map_err(|e| Fatal(format!("{name}: {e}")))?;
            let opts = RenderOptions {
                lang: content_lang(lang),
                doc_oid,
                organisation,
                markings: markings(&mp)?,
                today: Some(today(&td)?),
            };
            std::fs::create_dir_all(&out)
                .map_err(|e| Fatal(format!("{}: cannot create: {e}", out.display())))?;
            let write = |file: &str, bytes: &[u8]| {
                let p = out.join(file);
                std::fs::write(&p, bytes)
                    .map_err(|e| Fatal(format!("{}: cannot write: {e}", p.display())))
            };
            match render_bundle(&s, &doc, &r, &opts) {
                Ok(bundle) => {
                    for f in &bundle.files {
                        write(f.name, &f.bytes)?;
                        println!(
                            "wrote {} ({} bytes)",
                            out.join(f.name).display(),
                            f.bytes.len()
                        );
                    }
                    Ok(0)
                }
                Err(refused) => {
                    eprintln!("{name}: {refused}");
                    for i in refused.report.errors() {
                        eprintln!(
                            "{name}:{}: error [{}] {}",
                            i.pointer,
                            i.kind.code(),
                            issue_message(&i.kind, MessageLang::En)
                        );
                    }
                    if draft {
                        let (j, x) = render_draft(&s, &doc, &r, &opts);
                        write("draft.json", j.as_bytes())?;
                        write("draft.xhtml", x.as_bytes())?;
                        eprintln!(
                            "wrote a draft preview (not signed-ready) to {}",
                            out.display()
                        );
                    }
                    Ok(1)
                }
            }
        }
        Command::Preview {
            structure: sp,
            document,
            audience,
            markings: mp,
            today: td,
            lang,
        } => {
            let s = structure(&sp)?;
            let name = document.display().to_string();
            let doc = Document::from_json(&s, &read(&document)?)
                .map_err(|e| Fatal(format!("{name}: {e}")))?;
            let m = markings(&mp)?;
            let audience = match audience {
                CliAudience::Client => Audience::Client,
                CliAudience::Guardian => Audience::Guardian,
                CliAudience::Professional => Audience::Professional,
            };
            let lang = content_lang(lang);
            match audience_view(&s, &doc, &m, audience, today(&td)?) {
                AudienceView::Hidden(reason) => {
                    println!(
                        "{}",
                        if lang == Lang::Sv {
                            reason.text_sv()
                        } else {
                            reason.text_fi()
                        }
                    );
                }
                AudienceView::Shown { redacted } => {
                    let x = write_xhtml(
                        &s,
                        &doc,
                        &redacted,
                        &XhtmlOptions {
                            lang,
                            ..XhtmlOptions::default()
                        },
                    );
                    println!("{x}");
                }
            }
            Ok(0)
        }
        Command::Sample {
            structure: sp,
            minimal,
        } => {
            let s = structure(&sp)?;
            let mode = if minimal {
                sosmeta_editor::document::SampleMode::Minimal
            } else {
                sosmeta_editor::document::SampleMode::Full
            };
            println!(
                "{}",
                sosmeta_editor::document::sample_document(&s, mode).to_canonical_json(&s)
            );
            Ok(0)
        }
        Command::Lint {
            structure: sp,
            rules: rp,
        } => {
            let s = structure(&sp)?;
            let r = rules(&rp, &s)?;
            let findings = lint(&s, &r);
            for f in &findings {
                println!("{}: [{}] {f}", sp.display(), f.kind.code());
            }
            eprintln!("{} finding(s)", findings.len());
            Ok(if findings.is_empty() { 0 } else { 1 })
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(finish(run(cli)))
}

fn finish(r: Result<u8, Fatal>) -> u8 {
    match r {
        Ok(code) => code,
        Err(Fatal(m)) => {
            eprintln!("error: {m}");
            2
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

/// A `--json` line: the file name first, then the shared issue object.
fn with_file(name: &str, v: serde_json::Value) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("file".into(), name.into());
    if let serde_json::Value::Object(o) = v {
        m.extend(o);
    }
    serde_json::Value::Object(m)
}
