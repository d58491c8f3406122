//! `sosmeta validate S PATH…`: documents and folders of documents (an archive) checked on
//! every core, each file's verdict written in the order given, a progress bar on a
//! terminal, and a summary at the end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sosmeta_editor::Structure;
use sosmeta_editor::{assess, Context};
use sosmeta_editor::{issue_value, marking_value};
use sosmeta_editor::{validate, Report, RuleOptions, Rules};
use sosmeta_editor::{MarkingProblem, Markings};

use super::{
    load, markings, msg_lang, print_report, read, rules, say, structure, today, CliLang, Fatal, Out,
};

/// The arguments of `validate`.
#[derive(clap::Args)]
pub(super) struct ValidateArgs {
    /// Structure file.
    structure: PathBuf,
    /// Document JSON files and folders (every `*.json` below a folder, in name order;
    /// `-` for stdin). Each document is checked on its own.
    #[arg(required = true)]
    document: Vec<PathBuf>,
    /// JSON lines: one object per file (valid ones too: file, status, errors, warnings,
    /// issues or the reason it could not be read), then one summary object.
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
    /// Documents checked at once; all cores by default.
    #[arg(long)]
    jobs: Option<std::num::NonZeroUsize>,
    /// No progress bar (it is drawn only when standard error is a terminal anyway).
    #[arg(long)]
    no_progress: bool,
}

/// One document's verdict.
enum Verdict {
    /// It could not be read or is not a document: why.
    Unreadable(String),
    /// Checked: the report and, with markings, their problems.
    Checked(Report, Vec<MarkingProblem>),
}

/// What every check shares (read once, used by every thread).
struct Shared {
    s: Structure,
    rules: Rules,
    markings: Option<(Markings, chrono::NaiveDate)>,
    max: usize,
}

impl Shared {
    fn check(&self, path: &Path) -> Verdict {
        let name = path.display().to_string();
        let loaded = match read(path, self.max).and_then(|text| load(&self.s, &text, &name)) {
            Ok(x) => x,
            Err(Fatal::Input(m)) => return Verdict::Unreadable(m),
            Err(Fatal::Inputs(ms)) => return Verdict::Unreadable(ms.join("; ")),
            Err(Fatal::Output(m)) => return Verdict::Unreadable(m),
        };
        match (loaded, &self.markings) {
            // With markings, the one assessment judges them too.
            (Ok(doc), Some((mk, day))) => {
                let a = assess(&self.s, &doc, &self.rules, mk, Context { today: *day });
                Verdict::Checked(a.report, a.problems)
            }
            (Ok(doc), None) => Verdict::Checked(validate(&self.s, &doc, &self.rules), Vec::new()),
            (Err(unfit), _) => Verdict::Checked(unfit, Vec::new()),
        }
    }
}

/// The counts the summary gives.
#[derive(Default)]
struct Tally {
    valid: usize,
    invalid: usize,
    unreadable: usize,
}

/// `validate`: each document's report (and marking problems with markings), in the order
/// given; exit 1 on issues, 2 when a document cannot be read (the others are still
/// checked).
pub(super) fn validate_command(
    args: ValidateArgs,
    max: usize,
    rule_options: RuleOptions,
    out: &mut Out,
) -> Result<u8, Fatal> {
    let started = Instant::now();
    let s = structure(&args.structure, max)?;
    let r = rules(&args.rules, &s, max, rule_options)?;
    let m = match &args.markings {
        Some(_) => Some((markings(&args.markings, max)?, today(&args.today)?)),
        None => None,
    };
    let mut worst = 0u8;
    // The structure itself can stand in the way (said once, exit 1 as `render`).
    for reason in sosmeta_editor::structure_refusals(&s) {
        say(&format!(
            "{}: not signed-ready: {reason}",
            args.structure.display()
        ));
        worst = 1;
    }
    let files = documents(&args.document)?;
    let shared = Shared {
        s,
        rules: r,
        markings: m,
        max,
    };
    let jobs = args
        .jobs
        .map(|j| j.get())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(files.len().max(1));
    let bar = if args.no_progress {
        indicatif::ProgressBar::hidden()
    } else {
        // Drawn on standard error only when it is a terminal (indicatif hides it otherwise).
        let b = indicatif::ProgressBar::new(files.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files, {per_sec}, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    };
    let mut tally = Tally::default();
    let mut failed: Result<(), Fatal> = Ok(());
    each_in_order(
        &files,
        jobs,
        |p| shared.check(p),
        |i, verdict| {
            bar.inc(1);
            if failed.is_err() {
                return;
            }
            let name = files[i].display().to_string();
            let written = bar.suspend(|| write_verdict(out, &name, &verdict, args.json, args.lang));
            match written {
                Ok(code) => {
                    worst = worst.max(code);
                    match code {
                        0 => tally.valid += 1,
                        1 => tally.invalid += 1,
                        _ => tally.unreadable += 1,
                    }
                }
                Err(e) => failed = Err(e),
            }
        },
    );
    bar.finish_and_clear();
    failed?;
    let seconds = started.elapsed().as_secs_f64();
    if args.json {
        out.json(&serde_json::json!({ "summary": {
            "files": files.len(), "valid": tally.valid, "invalid": tally.invalid,
            "unreadable": tally.unreadable, "seconds": (seconds * 1000.0).round() / 1000.0,
            "jobs": jobs,
        }}))?;
    } else if files.len() > 1 {
        say(&format!(
            "{} files: {} valid, {} invalid, {} unreadable ({seconds:.2} s, {jobs} at once)",
            files.len(),
            tally.valid,
            tally.invalid,
            tally.unreadable
        ));
    }
    Ok(worst)
}

/// Writes one file's verdict; its exit code (0 valid, 1 issues, 2 unreadable).
fn write_verdict(
    out: &mut Out,
    name: &str,
    verdict: &Verdict,
    json: bool,
    lang: CliLang,
) -> Result<u8, Fatal> {
    let (report, problems) = match verdict {
        Verdict::Unreadable(why) => {
            if json {
                out.json(&serde_json::json!({
                    "file": name, "status": "unreadable", "error": why,
                }))?;
            } else {
                say(&format!("error: {why}"));
            }
            return Ok(2);
        }
        Verdict::Checked(report, problems) => (report, problems),
    };
    let errors = report.errors().count() + problems.len();
    let warnings = report.warnings().count();
    if json {
        let m = msg_lang(lang);
        let issues = report
            .issues
            .iter()
            .map(|i| issue_value(i, m))
            .chain(problems.iter().map(|p| marking_value(p, m)));
        let head = serde_json::json!({
            "file": name,
            "status": if errors > 0 { "invalid" } else { "valid" },
            "errors": errors,
            "warnings": warnings,
        });
        out.json_with_array(&head, "issues", issues)?;
    } else {
        print_report(out, name, report, problems, lang)?;
        say(&format!("{name}: {errors} error(s), {warnings} warning(s)"));
    }
    Ok(u8::from(errors > 0))
}

/// The documents `paths` name: files as given; below a folder every `*.json` file, in name
/// order (folders reached through a symbolic link are not entered: no cycles).
fn documents(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Fatal> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() != "-" && p.is_dir() {
            let before = out.len();
            walk(p, &mut out)?;
            out[before..].sort();
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Every `*.json` file below `dir` (iteratively: a deep tree cannot overflow the stack).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Fatal> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .map_err(|e| Fatal::Input(format!("{}: cannot read the folder: {e}", d.display())))?;
        for e in entries {
            let e = e.map_err(|e| {
                Fatal::Input(format!("{}: cannot read the folder: {e}", d.display()))
            })?;
            let path = e.path();
            let Ok(kind) = e.file_type() else { continue };
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "json")
                && (kind.is_file() || (kind.is_symlink() && path.is_file()))
            {
                out.push(path);
            }
        }
    }
    Ok(())
}

/// Runs `work` over `items` on `jobs` threads and hands each result to `done` in the
/// items' order, as soon as it and every one before it are ready. The items go in slices
/// of `jobs × 32`: at most one slice of results waits for a slow earlier one, however
/// large the archive.
fn each_in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(usize, R),
) {
    if jobs <= 1 {
        for (i, item) in items.iter().enumerate() {
            done(i, work(item));
        }
        return;
    }
    let slice = jobs * 32;
    for (k, part) in items.chunks(slice).enumerate() {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, R)>(jobs * 4);
        std::thread::scope(|scope| {
            for _ in 0..jobs.min(part.len()) {
                let tx = tx.clone();
                let (next, work) = (&next, &work);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = part.get(i) else { break };
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            let mut waiting = BTreeMap::new();
            let mut want = 0;
            for (i, r) in rx {
                waiting.insert(i, r);
                while let Some(r) = waiting.remove(&want) {
                    done(k * slice + want, r);
                    want += 1;
                }
            }
        });
    }
}
