//! Native micro-benchmarks: parse, validate, render JSON + XHTML, bundle, for the largest
//! real structures (from `../shared/sosmeta/structures`) and the project's demo structures,
//! then (full mode) every real structure with corpus total / mean / worst.
//! Prints a table and writes `bench-results/core.json`. Not a test: nothing is asserted.
//!
//! `cargo bench --bench core` (add `-- --quick` for a smoke run, `-- --growth` for the rule
//! growth series alone).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use sosmeta_editor::SampleMode;
use sosmeta_editor::Structure;
use sosmeta_editor::{
    render_bundle, write_canonical_json, write_xhtml, RenderOptions, XhtmlOptions,
};
use sosmeta_editor::{sample_satisfying, structure_rules, with_structure_rules};
use sosmeta_editor::{validate, RuleOptions, Rules};

/// Median time of `f` over enough runs to fill `budget`.
fn measure<T>(budget: Duration, mut f: impl FnMut() -> T) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < budget && times.len() < 10_000) {
        let t = Instant::now();
        black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// A structure whose document group holds `n` text fields side by side, and a document
/// filling every one: the case where a per-field lookup by scan turns quadratic.
fn wide(n: usize) -> (String, String) {
    let mut props = Vec::with_capacity(n);
    let mut doc = Vec::with_capacity(n);
    for i in 0..n {
        props.push(format!(
            r#""f{i}":{{"type":"string","sosmeta":{{"name":[{{"lang":"fi","value":"Kenttä {i}"}}],"representation":[{{"lang":"fi","value":"Teksti"}}],"rowNumber":{}}}}}"#,
            n - i
        ));
        doc.push(format!(r#""f{i}":"arvo {i}""#));
    }
    let structure = format!(
        r#"{{"type":"object","additionalProperties":false,"sosmeta":{{"oid":"1.2.246.537.6.1506.99990.2026.11.30","status":"Valmis"}},"required":["d"],"properties":{{"d":{{"type":"object","additionalProperties":false,"sosmeta":{{"name":[{{"lang":"fi","value":"Leveä"}}]}},"required":["f0"],"properties":{{{}}}}}}}}}"#,
        props.join(",")
    );
    (structure, format!(r#"{{"d":{{{}}}}}"#, doc.join(",")))
}

/// `doc` with its last field cleared: one keystroke's worth of change, as a correction's
/// before/after sees it.
fn one_field_cleared(s: &Structure, doc: &sosmeta_editor::Document) -> sosmeta_editor::Document {
    use sosmeta_editor::{diff, DataPath, Document, Edit};
    let all = diff(s, &Document::default(), doc);
    let last = all.last().expect("a field");
    let path = DataPath::from_pointer(s, &last.pointer).expect("its path");
    let mut edited = doc.clone();
    edited.apply(s, Edit::Clear { path }).expect("cleared");
    assert_eq!(diff(s, doc, &edited).len(), 1);
    edited
}

/// Load, validate and write JSON for ever wider groups: time per field should stay flat
/// (issue 12: 8 000 fields took 0.29 s and 32 000 took 4.1 s before the lookups were
/// indexed).
fn wide_groups(quick: bool, budget: Duration) -> serde_json::Value {
    let sizes: &[usize] = if quick {
        &[1_000, 8_000]
    } else {
        &[1_000, 8_000, 32_000, 64_000]
    };
    println!(
        "\n{:<24} {:>10} {:>12} {:>12} {:>12} {:>14} {:>10}",
        "wide group (fields)",
        "load ms",
        "validate ms",
        "json ms",
        "xhtml ms",
        "validate ns/field",
        "diff ms"
    );
    let mut rows = Vec::new();
    for &n in sizes {
        let (st, dt) = wide(n);
        let s = Structure::from_json(&st).unwrap();
        let doc = sosmeta_editor::Document::from_json(&s, &dt).unwrap();
        let rules = Rules::default();
        let load = measure(budget, || {
            sosmeta_editor::Document::from_json(&s, &dt).unwrap()
        });
        let val = measure(budget, || validate(&s, &doc, &rules));
        let json = measure(budget, || write_canonical_json(&s, &doc));
        let xhtml = measure(budget, || {
            write_xhtml(&s, &doc, &[], &XhtmlOptions::default())
        });
        // A correction's before/after, as the editor finds it per change (issue 16).
        let edited = one_field_cleared(&s, &doc);
        let diff = measure(budget, || sosmeta_editor::diff(&s, &doc, &edited));
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{:<24} {:>10.2} {:>12.2} {:>12.2} {:>12.2} {:>14.0} {:>10.2}",
            n,
            ms(load),
            ms(val),
            ms(json),
            ms(xhtml),
            val.as_secs_f64() * 1e9 / n as f64,
            ms(diff)
        );
        rows.push(serde_json::json!({
            "fields": n, "load_ms": ms(load), "validate_ms": ms(val), "json_ms": ms(json), "xhtml_ms": ms(xhtml), "diff_ms": ms(diff),
        }));
    }
    serde_json::Value::Array(rows)
}

/// The real 1505.1 (asiakkuusasiakirja) with 1 000, 2 000, 4 000 (and 8 000) related
/// persons, under its own rules: assessing and writing the display form should grow
/// linearly (issue 24: a scan of the hidden fields per field made 4 000 persons take 18 s
/// to validate and 8 000 34 s to render).
fn related_persons(corpus: &std::path::Path, quick: bool) -> serde_json::Value {
    use sosmeta_editor::Markings;
    use sosmeta_editor::{assess, Context};
    let path = corpus.join("1.2.246.537.6.1505.1.2023.6.1.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return serde_json::Value::Null;
    };
    let s = Structure::from_json(&text).unwrap();
    let rules = sosmeta_editor::effective_rules(
        &s,
        None,
        RuleOptions {
            structure_rules: true,
        },
    )
    .unwrap();
    let sample = sosmeta_editor::sample_satisfying(&s, sosmeta_editor::SampleMode::Full, &rules);
    let mut v: serde_json::Value = serde_json::from_str(&sample.to_canonical_json(&s)).unwrap();
    let people = &mut v["asiakkuusasiakirja"]["asiakkaaseen_liittyvat_henkilot"];
    let one = match people {
        serde_json::Value::Array(a) => a[0].clone(),
        other => other.clone(),
    };
    let sizes: &[usize] = if quick {
        &[1_000, 2_000, 4_000]
    } else {
        &[1_000, 2_000, 4_000, 8_000]
    };
    println!(
        "\n{:<24} {:>12} {:>12} {:>12} {:>16}",
        "1505.1 related persons", "load ms", "assess ms", "xhtml ms", "assess µs/person"
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let mut rows = Vec::new();
    for &n in sizes {
        v["asiakkuusasiakirja"]["asiakkaaseen_liittyvat_henkilot"] =
            serde_json::Value::Array(vec![one.clone(); n]);
        let text = v.to_string();
        // Reading the document: what the element's document step costs (natively).
        let t = Instant::now();
        let doc = black_box(sosmeta_editor::Document::from_json(&s, &text).unwrap());
        let load_t = t.elapsed();
        let markings = Markings::default();
        // Once each: a run at 8 000 is long enough to measure by itself.
        let t = Instant::now();
        let a = black_box(assess(&s, &doc, &rules, &markings, Context { today }));
        let assess_t = t.elapsed();
        let hidden = a.display_hidden();
        let t = Instant::now();
        black_box(write_xhtml(&s, &doc, &hidden, &XhtmlOptions::default()));
        let xhtml_t = t.elapsed();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{:<24} {:>12.1} {:>12.1} {:>12.1} {:>16.1}",
            n,
            ms(load_t),
            ms(assess_t),
            ms(xhtml_t),
            us(assess_t) / n as f64
        );
        rows.push(
            serde_json::json!({ "persons": n, "load_ms": ms(load_t), "assess_ms": ms(assess_t), "xhtml_ms": ms(xhtml_t) }),
        );
    }
    serde_json::Value::Array(rows)
}

/// One Sosmeta field's JSON: `name` its Finnish name, `rep` its representation, `note` a
/// conditional implementation note, `extra` more `sosmeta` members.
fn synthetic_field(name: &str, rep: &str, row: usize, note: Option<&str>, extra: &str) -> String {
    let note = note.map_or(String::new(), |n| {
        format!(
            r#","implementationNote":[{{"lang":"fi","value":{}}}],"conditionalRequired":true"#,
            serde_json::Value::from(n)
        )
    });
    let meta = format!(
        r#""sosmeta":{{"name":[{{"lang":"fi","value":{}}}],"representation":[{{"lang":"fi","value":"{rep}"}}],"rowNumber":{row}{note}{extra}}}"#,
        serde_json::Value::from(name)
    );
    match rep {
        "Kytkin" => format!(r#"{{"type":"boolean",{meta}}}"#),
        "Koodi" => format!(
            r#"{{"type":"object","additionalProperties":false,"required":["system","code","display"],"properties":{{"system":{{"type":"string"}},"code":{{"type":"string"}},"display":{{"type":"string"}}}},{meta}}}"#
        ),
        _ => format!(r#"{{"type":"string",{meta}}}"#),
    }
}

/// A structure of one document group holding `fields` (key, field JSON); `repeat` makes
/// the group an array of items.
fn synthetic_structure(fields: &[(String, String)], repeat: bool) -> String {
    let props: Vec<String> = fields
        .iter()
        .map(|(k, f)| format!(r#""{k}":{f}"#))
        .collect();
    let group = format!(
        r#"{{"type":"object","additionalProperties":false,"sosmeta":{{"name":[{{"lang":"fi","value":"Ryhmä"}}]}},"properties":{{{}}}}}"#,
        props.join(",")
    );
    let inner = if repeat {
        format!(r#""g":{{"type":"array","items":{group}}}"#)
    } else {
        format!(r#""g":{group}"#)
    };
    format!(
        r#"{{"type":"object","additionalProperties":false,"sosmeta":{{"oid":"1.2.246.537.6.1506.99991.2026.12.3","status":"Valmis"}},"required":["d"],"properties":{{"d":{{"type":"object","additionalProperties":false,"sosmeta":{{"name":[{{"lang":"fi","value":"Kasvu"}}]}},"properties":{{{inner}}}}}}}}}"#
    )
}

/// The four shapes of the structure's own rules that grew super-linearly (issue 24), at
/// size `n`: (structure, document).
fn growth_case(case: &str, n: usize) -> (String, String) {
    let mut fields = Vec::new();
    match case {
        // Conditional notes naming fields that no group has.
        "unresolved names" => {
            for i in 0..n {
                let note = format!(
                    "Ehdollisesti pakollinen: Kenttä on pakollinen, jos kenttään \"Puuttuva {i}\" on vastattu \"kyllä\"."
                );
                fields.push((
                    format!("f{i}"),
                    synthetic_field(&format!("Kenttä {i}"), "Kytkin", i + 1, Some(&note), ""),
                ));
            }
            (
                synthetic_structure(&fields, false),
                r#"{"d":{"g":{}}}"#.to_string(),
            )
        }
        // Each switch required when the one before it is answered "kyllä".
        "condition chain" => {
            let mut doc = Vec::new();
            for i in 0..n {
                let note = (i > 0).then(|| {
                    format!("Ehdollisesti pakollinen: Kenttä on pakollinen, jos kenttään \"Kytkin {}\" on vastattu \"kyllä\".", i - 1)
                });
                fields.push((
                    format!("k{i}"),
                    synthetic_field(&format!("Kytkin {i}"), "Kytkin", i + 1, note.as_deref(), ""),
                ));
                if i % 2 == 0 {
                    doc.push(format!(r#""k{i}":true"#));
                }
            }
            (
                synthetic_structure(&fields, false),
                format!(r#"{{"d":{{"g":{{{}}}}}}}"#, doc.join(",")),
            )
        }
        // One condition naming every code of an `n`-code list.
        "one condition, N codes" => {
            let set: Vec<String> = (0..n).map(|i| format!("{i} = Luokka {i}")).collect();
            let extra = format!(
                r#","valueSet":[{{"lang":"fi","value":{}}}]"#,
                serde_json::Value::from(set.join(", "))
            );
            fields.push((
                "luokitus".into(),
                synthetic_field("Luokitus", "Koodi", 1, None, &extra),
            ));
            let codes: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let note = format!(
                "Ehdollisesti pakollinen: Kenttä on pakollinen, jos kenttään \"Luokitus\" on valittu {}.",
                codes.join(", ")
            );
            fields.push((
                "t".into(),
                synthetic_field("Teksti", "Teksti", 2, Some(&note), ""),
            ));
            (
                synthetic_structure(&fields, false),
                r#"{"d":{"g":{"luokitus":{"system":"urn:oid:1.2.3","code":"1","display":"Luokka 1"}}}}"#.to_string(),
            )
        }
        // `n` items of a repeated group, each with a switch that requires one field and
        // hides another.
        _ => {
            fields.push(("k".into(), synthetic_field("Kytkin", "Kytkin", 1, None, "")));
            fields.push(("t".into(), synthetic_field("Perustelu", "Teksti", 2, Some("Ehdollisesti pakollinen: Kenttä on pakollinen, jos kenttään \"Kytkin\" on vastattu \"kyllä\"."), "")));
            fields.push((
                "h".into(),
                synthetic_field(
                    "Lisätieto",
                    "Teksti",
                    3,
                    Some("Kenttää ei näytetä, jos kenttään \"Kytkin\" on vastattu \"ei\"."),
                    "",
                ),
            ));
            let items: Vec<String> = (0..n)
                .map(|i| {
                    if i % 2 == 0 {
                        r#"{"k":true}"#.to_string()
                    } else {
                        r#"{"k":false,"h":"piilossa"}"#.to_string()
                    }
                })
                .collect();
            (
                synthetic_structure(&fields, true),
                format!(r#"{{"d":{{"g":[{}]}}}}"#, items.join(",")),
            )
        }
    }
}

/// The growth series of the structure's own rules (issue 24): each case at ×1, ×2, ×4 —
/// read the structure, derive its rules, read the document, validate — and the ratio of
/// the last to the first (4 is linear; 16 quadratic).
fn rule_growth(quick: bool) -> serde_json::Value {
    let cases = [
        ("unresolved names", 2_000),
        ("condition chain", 2_000),
        ("one condition, N codes", 2_000),
        ("repeated items", 4_800),
    ];
    println!(
        "\n{:<26} {:>8} {:>6} {:>12} {:>12} {:>12} {:>10}",
        "rule growth", "n", "rules", "derive ms", "validate ms", "total ms", "×4 ratio"
    );
    let mut out = Vec::new();
    for (case, base) in cases {
        let mut first = None;
        let mut rows = Vec::new();
        for k in [1, 2, 4] {
            let n = base * k;
            let (st, dt) = growth_case(case, n);
            let t = Instant::now();
            let s = Structure::from_json(&st).unwrap();
            let rules = with_structure_rules(&s, Rules::default(), RuleOptions::default());
            let derive = t.elapsed();
            let doc = sosmeta_editor::Document::from_json(&s, &dt).unwrap();
            let t2 = Instant::now();
            let issues = black_box(validate(&s, &doc, &rules));
            let val = t2.elapsed();
            let total = t.elapsed();
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let ratio = first.map(|f: f64| ms(total) / f);
            first.get_or_insert(ms(total));
            println!(
                "{:<26} {:>8} {:>6} {:>12.1} {:>12.1} {:>12.1} {:>10}",
                case,
                n,
                rules.rules.len(),
                ms(derive),
                ms(val),
                ms(total),
                ratio
                    .filter(|_| k == 4)
                    .map_or(String::new(), |r| format!("{r:.1}"))
            );
            rows.push(serde_json::json!({ "n": n, "derive_ms": ms(derive), "validate_ms": ms(val), "total_ms": ms(total), "rules": rules.rules.len(), "issues": issues.issues.len() }));
            if quick && k == 2 {
                break;
            }
        }
        out.push(serde_json::json!({ "case": case, "rows": rows }));
    }
    serde_json::Value::Array(out)
}

/// Every structure file in `dir`, sorted by name.
fn structure_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    all.sort();
    all
}

/// The options the bundles are timed with: an adult client whose author says its role
/// (some structures' markings need one, e.g. 1505.1, the client record), so a bundle, not
/// a refusal, is timed.
fn bundle_options() -> RenderOptions {
    RenderOptions {
        markings: sosmeta_editor::Markings {
            host: sosmeta_editor::HostFacts {
                author_role: Some(sosmeta_editor::AuthorRole::Organiser),
                client_adult: true,
                ..Default::default()
            },
            ..Default::default()
        },
        ..Default::default()
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // `-- --growth`: only the rule growth series (full sizes), for profiling.
    if std::env::args().any(|a| a == "--growth") {
        rule_growth(false);
        return;
    }
    // `-- --persons`: only 1505.1 with related persons (full sizes), for profiling.
    if std::env::args().any(|a| a == "--persons") {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        related_persons(&root.join("../shared/sosmeta/structures"), false);
        return;
    }
    let budget = Duration::from_millis(if quick { 20 } else { 400 });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/sosmeta/structures");
    let mut files: Vec<PathBuf> = Vec::new();
    if corpus.is_dir() {
        let mut all: Vec<(u64, PathBuf)> = std::fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (std::fs::metadata(&p).unwrap().len(), p))
            .collect();
        all.sort_by_key(|x| std::cmp::Reverse(x.0));
        files.extend(all.into_iter().take(if quick { 1 } else { 5 }).map(|x| x.1));
    } else {
        eprintln!(
            "NOTICE: ../shared/sosmeta/structures not found; benchmarking project structures only"
        );
    }
    files.push(root.join("structures/demo-kertomus.json"));

    println!(
        "{:<42} {:>6} {:>10} {:>11} {:>10} {:>10} {:>11}",
        "structure (Full sample)",
        "nodes",
        "parse µs",
        "validate µs",
        "json µs",
        "xhtml µs",
        "bundle µs"
    );
    // Issue 16: the CDA envelope around the payloads (the Kanta sample's context made to
    // fit each structure) and a correction's before/after diff (the editor finds it on
    // every change of a correction).
    let context_text =
        std::fs::read_to_string(root.join("tests/data/kanta-sample.context.json")).unwrap();
    let mut envelope_rows = Vec::new();
    let mut rows = Vec::new();
    for p in &files {
        let text = std::fs::read_to_string(p).unwrap();
        let s = Structure::from_json(&text).unwrap();
        // As the editor and the CLI run: the structure's own rules apply (issue 14).
        let rules = with_structure_rules(&s, Rules::default(), RuleOptions::default());
        let doc = sample_satisfying(&s, SampleMode::Full, &rules);
        let parse = measure(budget, || Structure::from_json(&text).unwrap());
        let val = measure(budget, || validate(&s, &doc, &rules));
        let json = measure(budget, || write_canonical_json(&s, &doc));
        let xhtml = measure(budget, || {
            write_xhtml(&s, &doc, &[], &XhtmlOptions::default())
        });
        let opts = bundle_options();
        let bundle = measure(budget, || render_bundle(&s, &doc, &rules, &opts).unwrap());
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        println!(
            "{:<42} {:>6} {:>10.1} {:>11.1} {:>10.1} {:>10.1} {:>11.1}",
            name,
            s.len(),
            us(parse),
            us(val),
            us(json),
            us(xhtml),
            us(bundle)
        );
        rows.push(serde_json::json!({
            "structure": name, "nodes": s.len(), "parse_us": us(parse), "validate_us": us(val),
            "json_us": us(json), "xhtml_us": us(xhtml), "bundle_us": us(bundle),
        }));
        let mut host = sosmeta_editor::HostContext::from_json(&context_text).unwrap();
        if let (Some(t), Some(d)) = (&s.meta.document_type, host.document_type.as_mut()) {
            d.display_name = t.trim().to_string();
        }
        let full = RenderOptions {
            host: Some(host),
            now: chrono::DateTime::parse_from_rfc3339("2026-03-23T10:54:24+02:00").ok(),
            ..RenderOptions::default()
        };
        let (j, x) = (
            write_canonical_json(&s, &doc),
            write_xhtml(&s, &doc, &[], &XhtmlOptions::default()),
        );
        let cda = sosmeta_editor::write_cda(&s, &full, j.as_bytes(), x.as_bytes())
            .ok()
            .map(|_| {
                us(measure(budget, || {
                    sosmeta_editor::write_cda(&s, &full, j.as_bytes(), x.as_bytes())
                }))
            });
        let edited = one_field_cleared(&s, &doc);
        let diff = us(measure(budget, || sosmeta_editor::diff(&s, &doc, &edited)));
        envelope_rows.push((name.clone(), cda, diff));
    }
    println!(
        "\n{:<42} {:>10} {:>12}",
        "structure (Full sample)", "cda µs", "diff µs"
    );
    for (name, cda, diff) in &envelope_rows {
        let cda = cda.map_or("-".to_string(), |c| format!("{c:.1}"));
        println!("{name:<42} {cda:>10} {diff:>12.1}");
    }
    // The structure's own rules as the editor finds them at load (issue 14): the prose
    // read, the rules compiled, the curated ones laid over. Per structure, then total,
    // mean and worst. Runs in --quick too (fewer repetitions).
    let mut derive_summary = serde_json::Value::Null;
    if corpus.is_dir() {
        let all = structure_files(&corpus);
        let budget = Duration::from_millis(if quick { 1 } else { 30 });
        let mut times = Vec::new();
        let mut worst_name = String::new();
        for p in &all {
            let s = Structure::from_json(&std::fs::read_to_string(p).unwrap()).unwrap();
            let t = us(measure(budget, || structure_rules(&s)));
            if times.iter().all(|&x| x < t) {
                worst_name = s.meta.oid.clone();
            }
            times.push(t);
        }
        let total: f64 = times.iter().sum();
        let worst = times.iter().cloned().fold(0.0, f64::max);
        println!(
            "
structure rules (prose read + compiled + curated): {} structures, total {:.1} µs, mean {:.1} µs, worst {:.1} µs ({})",
            times.len(),
            total,
            total / times.len().max(1) as f64,
            worst,
            worst_name
        );
        derive_summary = serde_json::json!({
            "structures": times.len(), "total_us": total,
            "mean_us": total / times.len().max(1) as f64, "worst_us": worst, "worst": worst_name,
        });
    }
    // Every real structure once (not in --quick): median per structure, then the corpus
    // total, mean and worst, so a slow outlier cannot hide behind the largest files.
    let mut corpus_summary = serde_json::Value::Null;
    if !quick && corpus.is_dir() {
        let all = structure_files(&corpus);
        let small = Duration::from_millis(30);
        let mut cols: [Vec<f64>; 4] = Default::default();
        for p in &all {
            let text = std::fs::read_to_string(p).unwrap();
            let s = Structure::from_json(&text).unwrap();
            let rules = with_structure_rules(&s, Rules::default(), RuleOptions::default());
            let doc = sample_satisfying(&s, SampleMode::Full, &rules);
            cols[0].push(us(measure(small, || Structure::from_json(&text).unwrap())));
            cols[1].push(us(measure(small, || validate(&s, &doc, &rules))));
            cols[2].push(us(measure(small, || {
                (
                    write_canonical_json(&s, &doc),
                    write_xhtml(&s, &doc, &[], &XhtmlOptions::default()),
                )
            })));
            let opts = bundle_options();
            cols[3].push(us(measure(small, || {
                render_bundle(&s, &doc, &rules, &opts).unwrap()
            })));
        }
        println!(
            "\ncorpus: {} structures (Full samples)   {:>12} {:>12} {:>14} {:>12}",
            all.len(),
            "parse µs",
            "validate µs",
            "json+xhtml µs",
            "bundle µs"
        );
        let stat = |f: &dyn Fn(&[f64]) -> f64, label: &str| {
            println!(
                "  {:<38} {:>12.1} {:>12.1} {:>14.1} {:>12.1}",
                label,
                f(&cols[0]),
                f(&cols[1]),
                f(&cols[2]),
                f(&cols[3])
            );
        };
        let sum = |v: &[f64]| v.iter().sum::<f64>();
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let max = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max);
        stat(&sum, "total");
        stat(&mean, "mean");
        stat(&max, "worst");
        corpus_summary = serde_json::json!({
            "structures": all.len(),
            "total_us": { "parse": sum(&cols[0]), "validate": sum(&cols[1]), "json_xhtml": sum(&cols[2]), "bundle": sum(&cols[3]) },
            "mean_us": { "parse": mean(&cols[0]), "validate": mean(&cols[1]), "json_xhtml": mean(&cols[2]), "bundle": mean(&cols[3]) },
            "worst_us": { "parse": max(&cols[0]), "validate": max(&cols[1]), "json_xhtml": max(&cols[2]), "bundle": max(&cols[3]) },
        });
    }
    let wide = wide_groups(quick, budget);
    let persons = related_persons(&corpus, quick);
    let growth = rule_growth(quick);
    let out = root.join("bench-results");
    let _ = std::fs::create_dir_all(&out);
    let report = serde_json::json!({ "wide_group": wide, "related_persons": persons, "rule_growth": growth, "quick": quick, "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1), "rows": rows, "corpus": corpus_summary, "derive": derive_summary });
    let _ = std::fs::write(
        out.join("core.json"),
        serde_json::to_string_pretty(&report).unwrap(),
    );
    println!("wrote bench-results/core.json");
}
