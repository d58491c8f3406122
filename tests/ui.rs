//! Native SSR render tests of the editor (yew `ssr`): widgets per representation, whole
//! structures against golden HTML, language switch and fallbacks.

use std::rc::Rc;

use sosmeta_editor::Lang;
use sosmeta_editor::Structure;
use sosmeta_editor::{sample_document, Document, SampleMode};
use sosmeta_editor::{CodeOption, CodeSets};
use sosmeta_editor::{Editor, EditorProps, Mode};

use crate::support::*;

fn render(s: Structure, doc: Option<Document>, lang: Lang) -> String {
    render_mode(s, doc, lang, Mode::Edit, CodeSets::default())
}

fn render_mode(
    s: Structure,
    doc: Option<Document>,
    lang: Lang,
    mode: Mode,
    sets: CodeSets,
) -> String {
    let props = yew::props!(EditorProps {
        structure: Rc::new(s),
        document: doc.map(Rc::new),
        lang,
        code_sets: Rc::new(sets),
        mode,
    });
    render_props(props)
}

/// True when some `<tag …>` has all these attributes (in any order).
pub fn element(html: &str, tag: &str, attrs: &[(&str, &str)]) -> bool {
    let tag_re = regex::Regex::new(&format!(r"<{tag}(\s[^>]*)?>")).unwrap();
    let attr_re = regex::Regex::new(r#"([\w:-]+)="([^"]*)""#).unwrap();
    let found = tag_re.captures_iter(html).any(|c| {
        let found: Vec<(String, String)> = c
            .get(1)
            .map(|a| {
                attr_re
                    .captures_iter(a.as_str())
                    .map(|x| (x[1].to_string(), x[2].to_string()))
                    .collect()
            })
            .unwrap_or_default();
        attrs
            .iter()
            .all(|(k, v)| found.iter().any(|(fk, fv)| fk == k && fv == v))
    });
    found
}

/// Pretty-prints for readable golden diffs: one tag per line.
fn lines(html: &str) -> String {
    html.replace("><", ">\n<") + "\n"
}

#[test]
fn every_widget_of_the_all_kinds_structure() {
    let s = project("demo-kaikki-tietotyypit.json");
    let html = render(
        s.clone(),
        Some(sample_document(&s, SampleMode::Full)),
        Lang::Fi,
    );
    let has = |needle: &str| assert!(html.contains(needle), "missing {needle}\n{}", lines(&html));
    let el = |tag: &str, attrs: &[(&str, &str)]| {
        assert!(
            element(&html, tag, attrs),
            "missing <{tag} {attrs:?}>\n{}",
            lines(&html)
        )
    };
    let d = "sm/demo_kaikki_tietotyypit";
    el(
        "textarea",
        &[
            ("id", &format!("{d}/otsikko/teksti")),
            ("class", "sm-input sm-text"),
        ],
    ); // Teksti: growing text area
    el(
        "input",
        &[
            ("id", &format!("{d}/otsikko/nimi")),
            ("type", "text"),
            ("value", "Virtanen"),
        ],
    ); // Nimi: one line
    el(
        "input",
        &[("id", &format!("{d}/otsikko/kytkin")), ("type", "checkbox")],
    ); // Kytkin: a real checkbox
    has("<span aria-hidden=\"true\" class=\"sm-switch-state\">Kyllä</span>");
    el(
        "input",
        &[
            ("id", &format!("{d}/otsikko/pvm")),
            ("placeholder", "pp.kk.vvvv"),
            ("value", "23.3.2026"),
        ],
    ); // Pvm typed Finnish style
    el("input", &[("type", "date"), ("value", "2026-03-23")]); // with a picker
    el(
        "input",
        &[
            ("id", &format!("{d}/otsikko/hetki")),
            ("type", "datetime-local"),
            ("value", "2026-03-19T13:33:30"),
        ],
    ); // Hetki
    has("UTC+03:00"); // the stored zone is shown
    el("span", &[("class", "sm-code-free")]); // Koodi without a known list: code + display entry
    el("input", &[("id", &format!("{d}/koodi")), ("value", "1")]);
    el(
        "input",
        &[
            ("id", &format!("{d}/koodi-display")),
            ("value", "Esimerkkiarvo"),
        ],
    );
    el(
        "input",
        &[("id", &format!("{d}/tunnus")), ("value", "131052-308T")],
    ); // Tunnus
    has("<span class=\"sm-system\">urn:oid:1.2.246.21</span>");
    el("input", &[("id", &format!("{d}/maara")), ("value", "12,5")]); // Määrä: value with decimal comma
    el(
        "input",
        &[("id", &format!("{d}/maara-unit")), ("value", "EUR")],
    ); // + unit
    el(
        "input",
        &[
            ("id", &format!("{d}/lkm")),
            ("type", "number"),
            ("step", "1"),
        ],
    ); // Lkm
    el(
        "input",
        &[
            ("id", &format!("{d}/numero")),
            ("type", "number"),
            ("step", "any"),
        ],
    ); // Numero
    el(
        "p",
        &[("id", &format!("{d}/fraasi")), ("class", "sm-phrase")],
    ); // Fraasi read-only
    has(">Vakioteksti.</p>");
    assert!(
        !html.contains(&format!("{d}/allekirjoitus\"")),
        "Allekirjoitus only in print"
    );
    has(r#"<legend>Huomio</legend>"#); // repeatable field
    has("Lisää: Huomio");
    has(r#"<legend>Perustiedot</legend>"#); // Otsikko group
    has("pakollista täytetty");
}

#[test]
fn code_select_when_the_list_is_known_and_phrases_prefilled() {
    let s = project("demo-kertomus.json");
    let html = render(s, None, Lang::Fi);
    assert!(
        element(&html, "option", &[("value", "3")]) && html.contains(">3 – Kotikäynti</option>"),
        "{}",
        lines(&html)
    );
    // The fixed phrase is in the document from the start, shown read-only.
    assert!(html.contains("Asiakkaalla on oikeus tarkastaa häntä koskevat tiedot."));
    // hiddenField group: children shown without the frame.
    assert!(html.contains(r#"class="sm-flat""#) && !html.contains("<legend>Suunnitelma</legend>"));
    // Required repeatable groups start with one item; the heading is shown once.
    assert_eq!(
        html.matches(r#"<h2 id="sm/demo_asiakaskertomus/asiakas-h""#)
            .count(),
        1
    );
    assert!(html.contains(r#"id="sm/demo_asiakaskertomus/asiakas/0/sukunimi""#));
    // Help text tied to the input; conditional note shown where it matters.
    assert!(element(
        &html,
        "textarea",
        &[
            ("id", "sm/demo_asiakaskertomus/merkinta"),
            ("aria-describedby", "sm/demo_asiakaskertomus/merkinta-help")
        ]
    ));
    assert!(html.contains(
        "Ehdollisesti pakollinen: Henkilötunnus- ja Syntymäaika -kentistä toinen on pakollinen."
    ));
    // No issues shown before anything was touched or emitted.
    assert!(!html.contains("sm-messages") && !html.contains("sm-summary"));
}

#[test]
fn swedish_labels_and_visible_fallback() {
    let s = project("demo-kertomus.json");
    let html = render(s, None, Lang::Sv);
    assert!(html.contains(">Anteckning<") && !html.contains(">Merkintä<"));
    assert!(element(
        &html,
        "div",
        &[("class", "sm-editor"), ("lang", "sv")]
    ));
    assert!(html.contains("Skapa handling klar för underskrift"));
    let s = project("demo-luonnos.json");
    let html = render(s, None, Lang::Sv);
    assert!(
        html.contains(
            r#"Kuvaus<span lang="fi" class="sm-fallback"> (på finska, svensk text saknas)</span>"#
        ),
        "{}",
        lines(&html)
    );
}

#[test]
fn unsupported_representation_is_visible() {
    let text = r#"{"type":"object","additionalProperties":false,"sosmeta":{"oid":"1.2.3","status":"Valmis"},"required":["d"],
      "properties":{"d":{"type":"object","additionalProperties":false,"sosmeta":{"name":[{"lang":"fi","value":"D"}]},
      "properties":{"x":{"type":"string","sosmeta":{"name":[{"lang":"fi","value":"Outo"}],"representation":[{"lang":"fi","value":"Hologrammi"}],"rowNumber":1}}}}}}"#;
    let html = render(Structure::from_json(text).unwrap(), None, Lang::Fi);
    assert!(
        element(
            &html,
            "div",
            &[
                ("id", "sm/d/x"),
                ("class", "sm-unsupported"),
                ("role", "note")
            ]
        ),
        "{}",
        lines(&html)
    );
    assert!(html.contains(">Tukematon kenttä: /d/x (Hologrammi)</div>"));
}

#[test]
fn golden_html_of_whole_structures() {
    for name in ["demo-kertomus", "demo-kaikki-tietotyypit"] {
        let s = project(&format!("{name}.json"));
        let html = render(s, None, Lang::Fi);
        golden(&format!("{name}.editor.html"), &lines(&html));
    }
    if let Some((s, _)) = real("1.2.246.537.6.1506.15007.2024.11.28") {
        let dir = shared().unwrap();
        let d = Document::from_json(
            &s,
            &read(dir.join("kanta-samples/lapsiperheiden-asiakassuunnitelma.structured.json")),
        )
        .unwrap();
        golden(
            "1.2.246.537.6.1506.15007.2024.11.28.editor.html",
            &lines(&render(s, Some(d), Lang::Fi)),
        );
    }
}

#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn every_real_structure_renders_without_unsupported_fields() {
    for p in corpus() {
        let s = Structure::from_json(&read(&p)).unwrap();
        let html = render(s, None, Lang::Fi);
        assert!(!html.contains("sm-unsupported"), "{}", p.display());
        assert!(html.contains("sm-primary"));
    }
}

#[test]
fn preview_and_print_modes_show_the_display_form() {
    let s = project("demo-kaikki-tietotyypit.json");
    let d = sample_document(&s, SampleMode::Full);
    let preview = render_mode(
        s.clone(),
        Some(d.clone()),
        Lang::Fi,
        Mode::Preview,
        CodeSets::default(),
    );
    assert!(
        element(&preview, "div", &[("class", "soc-document")]),
        "{}",
        lines(&preview)
    );
    assert!(
        !preview.contains("<input") && !preview.contains("<textarea"),
        "read-only"
    );
    assert!(!preview.contains(">Allekirjoitus<"));
    let print = render_mode(s, Some(d), Lang::Sv, Mode::Print, CodeSets::default());
    assert!(
        print.contains(">Underskrift</h1>"),
        "signature line on paper: {}",
        lines(&print)
    );
}

#[test]
fn host_code_sets_give_a_searchable_select() {
    let s = project("demo-kaikki-tietotyypit.json");
    let mut sets = CodeSets::default();
    let options: Vec<CodeOption> = (1..=20)
        .map(|i| CodeOption::new(i.to_string(), format!("Palvelu {i}"), format!("Tjänst {i}")))
        .collect();
    sets.by_oid.insert("1.2.246.537.6.1222".into(), options);
    let html = render_mode(s, None, Lang::Sv, Mode::Edit, sets);
    assert!(
        element(
            &html,
            "select",
            &[("id", "sm/demo_kaikki_tietotyypit/koodi")]
        ),
        "{}",
        lines(&html)
    );
    assert!(html.contains(">7 – Tjänst 7</option>"));
    assert!(element(
        &html,
        "input",
        &[
            ("id", "sm/demo_kaikki_tietotyypit/koodi-search"),
            ("type", "search")
        ]
    ));
}

pub fn render_props(props: EditorProps) -> String {
    ssr::<Editor>(props)
}

#[test]
fn markings_panel_for_organiser_with_a_pending_proposal_and_host_reasons() {
    use sosmeta_editor::{AuthorRole, Coded, GuardianMark, Markings, OmaKanta, ProposalState};
    let s = project("demo-lapsi.json");
    let d =
        Document::from_json(&s, &read(root().join("tests/data/demo-lapsi.filled.json"))).unwrap();
    let m = Markings {
        guardian: Some(GuardianMark {
            disclosed: false,
            minor_decision: None,
            justification: "Lapsen etu".into(),
            proposal: ProposalState::Pending,
        }),
        omakanta: OmaKanta::NotShown {
            reason: Some(Coded {
                code: "2".into(),
                display: "Muu syy".into(),
            }),
            justification: "x".into(),
        },
        host: sosmeta_editor::HostFacts {
            author_role: Some(AuthorRole::Organiser),
            ..Markings::default().host
        },
        ..Markings::default()
    };
    let props = yew::props!(EditorProps {
        structure: Rc::new(s),
        document: Some(Rc::new(d)),
        markings: Some(Rc::new(m)),
        reason_codes: Rc::new(vec![CodeOption::new("2", "Muu syy", "Annan orsak")]),
    });
    let html = render_props(props);
    assert!(
        html.contains("Palveluntuottajan ehdotus odottaa päätöstäsi."),
        "{}",
        lines(&html)
    );
    assert!(html.contains("Vahvista: ei näytetä") && html.contains("Hylkää: näytetään"));
    assert!(html.contains("Asiakas on alaikäinen: merkitse jokaiseen asiakirjaan"));
    assert!(
        element(&html, "option", &[("value", "2"), ("selected", "")])
            || html.contains(">2 – Muu syy</option>")
    );
    assert!(element(
        &html,
        "input",
        &[("id", "sm-mk-guardian-hidden"), ("type", "radio")]
    ));
}

/// The hand-written value-set reader (no regex engine in the wasm build) against the
/// regular expression it replaced, on every value set of the real corpus and odd inputs.
#[test]
fn value_set_reader_equals_the_regex_it_replaced() {
    fn oracle(text: &str) -> Vec<(String, String)> {
        let re = regex::Regex::new(r"(?m)(?:^|,)\s*([0-9A-Za-z_.\-]+)\s*=\s*").unwrap();
        let ms: Vec<_> = re.captures_iter(text).collect();
        ms.iter()
            .enumerate()
            .map(|(i, c)| {
                let whole = c.get(0).unwrap();
                let end = ms
                    .get(i + 1)
                    .map(|n| n.get(0).unwrap().start())
                    .unwrap_or(text.len());
                let label = text[whole.end()..end].trim().trim_end_matches(',').trim();
                (c[1].to_string(), label.to_string())
            })
            .collect()
    }
    let mut texts: Vec<String> = [
        "",
        "1 = Kyllä, 2 = Ei",
        "1=a,2=b,,3 = c,",
        "A = x, y = 2, 3 =",
        "  7 =  seitsemän  \n\n 8 = kahdeksan\r\n9 = yhdeksän",
        "ei koodeja, vain tekstiä = ja yhtäsuuruus",
        "1 = a = b, 2 = ä, ö-3 = c",
        "1 = Kyllä,2 = Ei\n",
        "x.1-2_3 = mukana, 4 =",
        ",,,= ,1 =",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let own: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("structures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for f in corpus().into_iter().chain(own) {
        let s = sosmeta_editor::Structure::from_json(&read(&f)).unwrap();
        for id in s.ids() {
            let vs = &s.node(id).meta.value_set;
            texts.extend(vs.fi.clone());
            texts.extend(vs.sv.clone());
        }
    }
    // The written cases and the project's own structures' value sets at least.
    assert!(texts.len() > 6, "{}", texts.len());
    for t in &texts {
        assert_eq!(
            sosmeta_editor::codes::parse_value_set(t),
            oracle(t),
            "{t:?}"
        );
    }
}

/// Display pre-order of a structure's nodes (children by row number), as the form draws.
fn display_order(s: &Structure) -> Vec<sosmeta_editor::NodeId> {
    let mut out = Vec::new();
    let mut stack = vec![s.document_node()];
    while let Some(id) = stack.pop() {
        out.push(id);
        stack.extend(s.node(id).children.iter().rev());
    }
    out
}

#[test]
fn reveal_plan_draws_a_growing_prefix_of_the_form_and_ends_with_all_of_it() {
    use sosmeta_editor::view::state::{RevealPlan, ALL};
    let mut structures: Vec<Structure> = corpus()
        .iter()
        .map(|p| Structure::from_json(&read(p)).unwrap())
        .collect();
    structures.push(project("demo-kaikki-tietotyypit.json"));
    for s in &structures {
        let plan = RevealPlan::new(s, RevealPlan::FIRST, RevealPlan::CHUNK);
        let order = display_order(s);
        let mut limit = plan.first();
        let mut drawn_before = 0;
        let mut steps = 0;
        loop {
            let shown: Vec<bool> = order.iter().map(|&id| plan.shown(id, limit)).collect();
            let drawn = shown.iter().take_while(|&&x| x).count();
            assert!(
                shown[drawn..].iter().all(|&x| !x),
                "{}: step {steps} is not a prefix",
                s.meta.oid
            );
            assert!(
                drawn > drawn_before,
                "{}: step {steps} draws nothing new",
                s.meta.oid
            );
            let most = match steps {
                0 => RevealPlan::FIRST,
                1 => RevealPlan::CHUNK,
                _ => RevealPlan::MAX_CHUNK,
            } as usize;
            assert!(
                drawn - drawn_before <= most,
                "{}: step {steps} too big",
                s.meta.oid
            );
            if steps == 0 {
                assert_eq!(drawn, order.len().min(most), "{}: first step", s.meta.oid);
            }
            // A subtree counts as complete exactly when all of it is drawn.
            for (i, &id) in order.iter().enumerate() {
                let mut end = i;
                let depth = |x| s.lineage(x).len();
                while end + 1 < order.len() && depth(order[end + 1]) > depth(id) {
                    end += 1;
                }
                let complete = shown[i..=end].iter().all(|&x| x);
                assert_eq!(plan.subtree(id, limit) == ALL, complete, "{}", s.meta.oid);
            }
            drawn_before = drawn;
            steps += 1;
            if limit == ALL {
                assert_eq!(drawn, order.len(), "{}: ALL draws everything", s.meta.oid);
                break;
            }
            limit = plan.next(limit);
        }
        // Growing steps: far fewer than one per CHUNK nodes on a large structure.
        let most = 4 + order.len().div_ceil(RevealPlan::MAX_CHUNK as usize);
        assert!(steps <= most, "{}: {steps} steps", s.meta.oid);
    }
}

#[test]
fn progressive_drawing_draws_the_top_first_and_marks_the_form_busy() {
    let s = match shared() {
        Some(_) => Structure::from_json(&read(
            corpus()
                .into_iter()
                .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
                .unwrap(),
        ))
        .unwrap(),
        // Without the corpus: the demo structure with a long list of clients (drawn a few
        // items at a time), so the test runs everywhere.
        None => project("demo-kertomus.json"),
    };
    let d = match shared() {
        Some(_) => sample_document(&s, SampleMode::Full),
        None => {
            let client = r#"{"sukunimi": "Meikäläinen", "etunimet": "Maija", "henkilotunnus": {"system": "urn:oid:1.2.246.21", "value": "131052-308T"}}"#;
            let many = vec![client; 40].join(",");
            let text = read(root().join("tests/data/demo-kertomus.filled.json")).replacen(
                "\"asiakas\": [",
                &format!("\"asiakas\": [{many},"),
                1,
            );
            sosmeta_editor::Document::from_json(&s, &text).unwrap()
        }
    };
    let s = Rc::new(s);
    let all = render_props(yew::props!(EditorProps {
        structure: s.clone(),
        document: Some(Rc::new(d.clone())),
    }));
    let first = render_props(yew::props!(EditorProps {
        structure: s.clone(),
        document: Some(Rc::new(d)),
        progressive: true,
    }));
    let controls = |h: &str| h.matches("<input").count() + h.matches("<textarea").count();
    assert!(!all.contains("sm-pending") && !all.contains("aria-busy"));
    assert!(first.contains(r#"aria-busy="true""#) && first.contains("sm-pending"));
    assert!(
        controls(&first) > 5,
        "the first step draws the top of the form"
    );
    assert!(
        controls(&first) < controls(&all),
        "{} vs {}",
        controls(&first),
        controls(&all)
    );
}

#[test]
fn progressive_drawing_draws_long_lists_a_few_items_at_a_time() {
    use sosmeta_editor::view::state::{list_sizes, RevealPlan};
    let s = project("demo-kertomus.json");
    let d = sample_document(&s, SampleMode::Full);
    // The first list of groups in the sample, repeated to 10 items.
    let mut v: serde_json::Value = serde_json::from_str(&d.to_canonical_json(&s)).unwrap();
    fn grow(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::Array(a)
                if a.first().is_some_and(|x| {
                    x.is_object()
                        && ["code", "value", "system"]
                            .iter()
                            .all(|k| x.get(k).is_none())
                }) =>
            {
                let first = a[0].clone();
                a.resize(10, first);
                true
            }
            serde_json::Value::Array(a) => a.iter_mut().any(grow),
            serde_json::Value::Object(o) => o.values_mut().any(grow),
            _ => false,
        }
    }
    assert!(grow(&mut v), "the sample has a repeatable group");
    let d = Document::from_json(&s, &v.to_string()).unwrap();
    assert_eq!(list_sizes(&d).longest, 10);
    let s = Rc::new(s);
    let render = |progressive: bool| {
        render_props(yew::props!(EditorProps {
            structure: s.clone(),
            document: Some(Rc::new(d.clone())),
            progressive,
        }))
    };
    let all = render(false);
    let first = render(true);
    let items = |h: &str| h.matches(r#"class="sm-item""#).count();
    assert!(items(&all) >= 10, "{}", items(&all));
    // While drawing, a list shows its first items; the rest hold their places.
    assert!(
        items(&first) <= items(&all) - (10 - RevealPlan::ITEMS_FIRST as usize),
        "{} of {}",
        items(&first),
        items(&all)
    );
    assert!(first.contains("sm-pending") && first.contains(r#"aria-busy="true""#));
    // Later steps add items in doubling steps, but never more than ITEM_ENTRIES entries
    // of large items at once (a step is one browser task).
    let sizes = list_sizes(&d);
    assert!(sizes.item_entries > 1, "{sizes:?}");
    let mut items = RevealPlan::ITEMS_FIRST;
    let mut steps = 0;
    while items != sosmeta_editor::view::state::ALL {
        let next = RevealPlan::next_items(items, &sizes);
        let added = next.min(10) - items.min(10);
        assert!(
            added as usize * sizes.item_entries <= RevealPlan::ITEM_ENTRIES.max(sizes.item_entries),
            "{items} → {next}"
        );
        items = next;
        steps += 1;
    }
    assert!(steps >= 1);
    let big = sosmeta_editor::view::state::ListSizes {
        longest: 100,
        item_entries: 80,
        hidden: 0,
    };
    assert_eq!(RevealPlan::next_items(4, &big), 7, "3 items of 80 entries");
    assert_eq!(
        RevealPlan::next_items(97, &big),
        sosmeta_editor::view::state::ALL
    );
    let small = sosmeta_editor::view::state::ListSizes {
        longest: 100,
        item_entries: 1,
        hidden: 0,
    };
    assert_eq!(RevealPlan::next_items(4, &small), 8, "doubling");
    assert_eq!(RevealPlan::next_items(32, &small), 48, "at most ITEMS_STEP");
}

/// Issue 13: the author view's lint findings read in the page's language (Swedish here)
/// and name the field by its title, the pointer beside it, as a structure author reads it.
#[test]
fn author_view_names_findings_by_field_title_in_swedish() {
    use sosmeta_editor::view::author::{AuthorProps, AuthorView};
    let mut v: serde_json::Value =
        serde_json::from_str(&read(root().join("structures/demo-kertomus.json"))).unwrap();
    // Drop the Swedish description of "merkinta": a missing Swedish text.
    let doc_key = v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    let meta = &mut v["properties"][&doc_key]["properties"]["merkinta"]["sosmeta"];
    meta["description"] = serde_json::json!([{"lang": "fi", "value": "Mitä käynnillä tehtiin."}]);
    let s = Structure::from_json(&v.to_string()).unwrap();
    let html = ssr::<AuthorView>(yew::props!(AuthorProps {
        structure: Rc::new(s),
        lang: Lang::Sv,
        form: yew::Callback::from(|_| yew::Html::default()),
    }));
    assert!(
        html.contains("<strong>Anteckning</strong>"),
        "the field's Swedish title names the finding"
    );
    assert!(html.contains("saknar svensk version"), "{html}");
    assert!(!html.contains("has no Swedish text"));
}

/// Issue 15: a journal entry every service shares, with no service known, tells the author
/// in the markings panel that OmaKanta excludes it in some services; recorded in the
/// custody process it reminds the author to consider a restriction.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn the_markings_panel_tells_the_author_when_the_service_decides_the_exclusion() {
    let Some((s, _)) = real("1.2.246.537.6.1506.19005.2022.1.10") else {
        return;
    };
    let html = render(s.clone(), None, Lang::Fi);
    assert!(
        html.contains("Palvelutehtävää ei ole kerrottu") && html.contains("sm-notice"),
        "{}",
        lines(&html)
    );
    let m = sosmeta_editor::Markings {
        host: sosmeta_editor::HostFacts {
            service: Some(sosmeta_editor::ServiceContext {
                codes: Vec::new(),
                function: Some(sosmeta_editor::Coded {
                    code: "x".into(),
                    display: "Lapsen huolto- ja tapaamisoikeusselvitys".into(),
                }),
                service: None,
                excludes: None,
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    let html = render_props(yew::props!(EditorProps {
        structure: Rc::new(s),
        markings: Some(Rc::new(m)),
    }));
    assert!(
        html.contains("harkitse rajoitusta") && !html.contains("Palvelutehtävää ei ole kerrottu")
    );
}

/// Issue 16: the Yew editor takes the palvelutehtävä from the host context as the element
/// does (`sosmeta_editor::resolve`): a context's `functionCode` decides the exclusion
/// notices without a markings file.
#[test]
#[cfg_attr(
    sosmeta_no_corpus,
    ignore = "needs the real corpus: ../shared/sosmeta/structures"
)]
fn the_context_function_code_reaches_the_markings_panel() {
    let Some((s, _)) = real("1.2.246.537.6.1506.19005.2022.1.10") else {
        return;
    };
    let host = sosmeta_editor::HostContext::from_json(
        r#"{"functionCode": {"code": "x", "displayName": "Lapsen huolto- ja tapaamisoikeusselvitys"}}"#,
    )
    .unwrap();
    let html = render_props(yew::props!(EditorProps {
        structure: Rc::new(s),
        render: sosmeta_editor::RenderOptions {
            host: Some(host),
            ..Default::default()
        },
    }));
    assert!(
        html.contains("harkitse rajoitusta") && !html.contains("Palvelutehtävää ei ole kerrottu"),
        "{}",
        lines(&html)
    );
}

/// Issue 23: "Kyllä/Ei is written in five places (one Finnish-only in the Swedish UI)": the
/// correction panel's before/after of a yes/no field is in the view's language.
#[test]
fn the_correction_panel_says_yes_and_no_in_the_views_language() {
    use sosmeta_editor::view::correction::change_text;
    use sosmeta_editor::{Item, Plain};
    let s = project("demo-kertomus.json");
    let switch = s
        .resolve_key_path("/demo_asiakaskertomus/asiakas_osallistui")
        .unwrap();
    let date = s
        .resolve_key_path("/demo_asiakaskertomus/paivamaara")
        .unwrap();
    let yes = Item::Plain(Plain::Bool(true));
    assert_eq!(change_text(&s, switch, &yes, Lang::Sv), "Ja");
    assert_eq!(
        change_text(&s, switch, &Item::Plain(Plain::Bool(false)), Lang::Sv),
        "Nej"
    );
    assert_eq!(change_text(&s, switch, &yes, Lang::Fi), "Kyllä");
    // As the display form writes it (typed values, no JSON text parsed again).
    let d = Item::Plain(Plain::Text("2026-11-20".into()));
    assert_eq!(change_text(&s, date, &d, Lang::Fi), "20.11.2026");
}

/// The demo structure's document with `n` clients: client `k` is "Asiakas{k}", client 25
/// has no first names (an error in an item a collapsed list does not show).
fn many_clients(s: &Structure, n: usize) -> Document {
    let clients: Vec<String> = (0..n)
        .map(|k| {
            let first = if k == 25 { "" } else { "Maija" };
            format!(
                r#"{{"sukunimi": "Asiakas{k}", "etunimet": "{first}", "henkilotunnus": {{"system": "urn:oid:1.2.246.21", "value": "131052-308T"}}}}"#
            )
        })
        .collect();
    let text = read(root().join("tests/data/demo-kertomus.filled.json")).replacen(
        r#""asiakas": ["#,
        &format!(r#""asiakas": [{}, "#, clients.join(", ")),
        1,
    );
    // The file's own client comes last.
    Document::from_json(s, &text).unwrap()
}

/// Performance docs ("Long repeated lists"), from the benchmark's finding: a hundred items
/// of a large group are 67 000 elements the browser lays out again at every step. A long
/// list shows its first items and, for the rest, a button that shows them all and one line
/// of text per item hidden until find-in-page finds something in it; a list of twelve is
/// drawn whole (nobody collapses a list to hide one or two items).
#[test]
fn a_long_list_shows_its_first_items_and_the_rest_behind_a_button_and_find_in_page() {
    use sosmeta_editor::view::state::Collapse;
    let s = project("demo-kertomus.json");
    let html = render(s.clone(), Some(many_clients(&s, 40)), Lang::Fi);
    let items = |h: &str| h.matches(r#"class="sm-item""#).count();
    // The client list: 41 clients, 10 drawn; the author list (one item) stays whole.
    assert_eq!(items(&html), Collapse::SHOWN + 1, "{}", items(&html));
    assert!(html.contains("Asiakas9") && html.contains(r#"value="Asiakas9""#));
    assert!(
        !html.contains(r#"value="Asiakas10""#),
        "item 11 is not drawn as a form"
    );
    // Each item not drawn: one line of text (its fields as "label: value"), hidden until found.
    // The line has the item's id (a link to the item reveals it) and names it for the
    // editor when the browser reveals it.
    let line = regex::Regex::new(r#"<p id="([^"]+)" class="sm-digest" hidden="until-found" data-pointer="([^"]+)">([^<]*)</p>"#).unwrap();
    let found: Vec<_> = line.captures_iter(&html).collect();
    assert_eq!(found.len(), 41 - Collapse::SHOWN);
    assert_eq!(&found[0][1], "sm/demo_asiakaskertomus/asiakas/10");
    assert_eq!(&found[0][2], "/demo_asiakaskertomus/asiakas/10");
    let lines: Vec<&str> = found.iter().map(|c| c.get(3).unwrap().as_str()).collect();
    assert_eq!(
        lines[0],
        "Asiakas 11: Sukunimi: Asiakas10; Etunimet: Maija; Henkilötunnus: 131052-308T"
    );
    assert!(
        lines[30].contains("Meikäläinen"),
        "the file's own client is the last"
    );
    // The button says how many there are and how many are not shown, and what it controls.
    let controls = regex::Regex::new(r#"aria-controls="([^"]+)""#).unwrap();
    let id = &controls.captures(&html).expect("the show-all button")[1];
    assert!(element(
        &html,
        "button",
        &[
            ("class", "sm-show-all"),
            ("aria-expanded", "false"),
            ("aria-controls", id)
        ]
    ));
    assert!(html.contains(">Näytä kaikki 41 (31 ei näytetä): Asiakas</button>"));
    assert!(html.contains(&format!(r#"<div id="{id}" class="sm-collapsed-items">"#)));
    // Twelve items: drawn whole; thirteen: collapsed.
    let twelve = render(s.clone(), Some(many_clients(&s, 11)), Lang::Fi);
    assert_eq!(items(&twelve), 13);
    assert!(!twelve.contains("sm-show-all"));
    let thirteen = render(s.clone(), Some(many_clients(&s, 12)), Lang::Fi);
    assert_eq!(items(&thirteen), Collapse::SHOWN + 1);
    assert!(thirteen.contains("Näytä kaikki 13 (3 ei näytetä)"));
    let sv = render(s.clone(), Some(many_clients(&s, 40)), Lang::Sv);
    assert!(sv.contains("Visa alla 41 (31 visas inte)"), "Swedish");
}

/// The lines of text of a list that hides many items come a step at a time too, after its
/// items (performance docs: 4 000 lines were one 316 ms task): the first steps draw
/// `DIGESTS_FIRST` of them, each later step `DIGEST_STEP` more, and the form is busy until
/// all are there. A list that hides fewer is drawn whole from the start (no extra step).
#[test]
fn a_list_that_hides_many_items_draws_their_lines_in_steps() {
    use sosmeta_editor::view::state::{list_sizes, RevealPlan, ALL};
    let s = Rc::new(project("demo-kertomus.json"));
    let d = many_clients(&s, 1400);
    let sizes = list_sizes(&d);
    assert_eq!(sizes.hidden, 1401 - 10);
    let render = |progressive: bool| {
        render_props(yew::props!(EditorProps {
            structure: s.clone(),
            document: Some(Rc::new(d.clone())),
            progressive,
        }))
    };
    let lines = |h: &str| h.matches(r#"class="sm-digest""#).count();
    assert_eq!(lines(&render(false)), 1391);
    let first = render(true);
    assert_eq!(lines(&first), RevealPlan::DIGESTS_FIRST as usize);
    assert!(first.contains(r#"aria-busy="true""#));
    let first_digests = RevealPlan::first_digests(&sizes);
    assert_eq!(first_digests, RevealPlan::DIGESTS_FIRST);
    assert_eq!(RevealPlan::next_digests(first_digests, &sizes), 256 + 512);
    assert_eq!(RevealPlan::next_digests(256 + 512, &sizes), 256 + 1024);
    assert_eq!(RevealPlan::next_digests(256 + 1024, &sizes), ALL);
    // 200 hidden: all at once.
    let few = list_sizes(&many_clients(&s, 210));
    assert_eq!(RevealPlan::first_digests(&few), ALL);
}

/// An opened list is drawn whole a step at a time; the issue links (an error in an item
/// not shown), "Lisää" and undoing a removal open it, and the editor is not "drawn" until
/// every opened item is.
#[test]
fn a_collapsed_list_opens_for_its_button_an_issue_link_and_an_added_item() {
    use sosmeta_editor::document::{DataPath, Edit, Group, Item, PathToken};
    use sosmeta_editor::view::state::{Action, Collapse, EditorState, ALL};
    use yew::Reducible;
    let s = Rc::new(project("demo-kertomus.json"));
    let d = many_clients(&s, 40);
    let state = || {
        Rc::new(EditorState::new(
            s.clone(),
            Rc::new(sosmeta_editor::Rules::default()),
            d.clone(),
            Lang::Fi,
            Default::default(),
            sosmeta_editor::Context {
                today: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            },
        ))
    };
    let list = DataPath::from_pointer(&s, "/demo_asiakaskertomus/asiakas").unwrap();
    let st = state();
    assert!(st.is_drawn() && st.open.is_empty());
    assert_eq!(st.drawn_items(&list), Collapse::SHOWN);
    // The error in client 25 is in the report: the summary lists it (and links to it).
    let hetu = DataPath::from_pointer(&s, "/demo_asiakaskertomus/asiakas/25/etunimet").unwrap();
    assert!(st.report().errors().any(|i| i.path.0.starts_with(&hetu.0)));
    // The issue link opens the list; then it is drawn in steps until whole.
    let mut st = st.reduce(Action::Open(hetu.clone()));
    assert_eq!(st.open.get(&list), Some(&(Collapse::SHOWN as u32)));
    assert!(!st.is_drawn(), "the opened items are still to draw");
    let mut steps = 0;
    while !st.is_drawn() {
        let before = st.drawn_items(&list);
        st = st.reduce(Action::OpenMore);
        assert!(st.drawn_items(&list) > before);
        steps += 1;
        assert!(steps < 41);
    }
    assert_eq!(st.drawn_items(&list), 41);
    assert_eq!(st.open.get(&list), Some(&ALL));
    assert_eq!(st.version, 0, "opening is not a change of the document");
    // An item that is shown does not open its list; the list path itself (the button) does.
    let st = state().reduce(Action::Open(list.child(PathToken::Index(3))));
    assert!(st.open.is_empty());
    let st = state().reduce(Action::Open(list.clone()));
    assert!(st.open.contains_key(&list));
    // "Lisää" on a collapsed list: the new item is at its end, so the list opens.
    let st = state().reduce(Action::Edit(Edit::AddItem {
        path: list.clone(),
        value: Item::Group(Group::default()),
    }));
    assert!(st.open.contains_key(&list));
    // A removal undone puts the item back where it was: opened there too.
    let st = state().reduce(Action::Edit(Edit::RemoveItem {
        path: list.clone(),
        index: 30,
    }));
    assert!(st.open.is_empty());
    let st = st.reduce(Action::UndoRemove);
    assert!(st.open.contains_key(&list));
    // Loading another document closes every list again.
    let st = st.reduce(Action::Replace(d.clone()));
    assert!(st.open.is_empty());
}

/// How much a collapsed list shows (performance docs, "Long repeated lists"): its first
/// ten items, fewer when they are large — no more than about one drawing step's entries
/// (256) beyond the first three, which are always shown — and a list is collapsed only
/// when three items or more would be hidden.
#[test]
fn a_collapsed_list_shows_fewer_items_when_they_are_large() {
    use sosmeta_editor::document::{Entry, Group, Item, Plain};
    use sosmeta_editor::view::state::Collapse;
    // Only the count of entries matters here, not which fields they are.
    let id = project("demo-kertomus.json").document_node();
    let item = |fields: u32| {
        Item::Group(Group {
            entries: (0..fields)
                .map(|_| (id, Entry::One(Item::Plain(Plain::Text("x".into())))))
                .collect(),
            extra: Vec::new(),
        })
    };
    let list = |n: usize, fields: u32| vec![item(fields); n];
    // Small items (a client's name and henkilötunnus): ten shown.
    assert_eq!(Collapse::visible(&list(60, 3)), 10);
    assert_eq!(
        Collapse::visible(&list(12, 3)),
        12,
        "two hidden: not collapsed"
    );
    assert_eq!(Collapse::visible(&list(13, 3)), 10);
    // 80 fields an item (81 entries with the item): three fit in 256, a fourth does not.
    assert_eq!(Collapse::visible(&list(10, 80)), 3);
    assert_eq!(
        Collapse::visible(&list(5, 80)),
        5,
        "two hidden: not collapsed"
    );
    assert_eq!(Collapse::visible(&list(6, 80)), 3);
    // 50 fields: five fit (255 entries).
    assert_eq!(Collapse::visible(&list(20, 50)), 5);
    // Items larger than the budget on their own: still the first three.
    assert_eq!(Collapse::visible(&list(20, 400)), 3);
    assert_eq!(Collapse::visible(&[]), 0);
    // While not open, the global item steps draw at most the visible items; open, all.
    assert_eq!(Collapse::drawn(&list(60, 3), 4, None), 4);
    assert_eq!(Collapse::drawn(&list(60, 3), u32::MAX, None), 10);
    assert_eq!(Collapse::drawn(&list(60, 3), u32::MAX, Some(30)), 30);
    assert_eq!(Collapse::drawn(&list(60, 3), u32::MAX, Some(u32::MAX)), 60);
}

/// An editor started ahead in steps (`SharedStart`, what the element does a task per
/// step) draws the same form as one that starts when it mounts, and takes the start: no
/// step is left to do after the mount.
#[test]
fn a_start_prepared_for_the_same_props_is_taken_and_draws_the_same_form() {
    use sosmeta_editor::{SharedStart, StartInputs};
    let s = Rc::new(project("demo-lapsi.json"));
    let d = Rc::new(
        Document::from_json(&s, &read(root().join("tests/data/demo-lapsi.filled.json"))).unwrap(),
    );
    let render = sosmeta_editor::RenderOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 4),
        ..Default::default()
    };
    let props = |start: SharedStart| {
        yew::props!(EditorProps {
            structure: s.clone(),
            document: Some(d.clone()),
            render: render.clone(),
            markings: Some(Rc::new(adult_client())),
            start,
        })
    };
    let alone = render_props(props(SharedStart::default()));
    let start = SharedStart::new(StartInputs::of(&props(SharedStart::default())));
    assert!(
        start.step(),
        "the first step: the rules, the document prepared"
    );
    let started = render_props(props(start.clone()));
    assert_eq!(started, alone);
    assert!(
        !start.step(),
        "the editor took the start: nothing left to step"
    );
}

/// A start made for other inputs (here another document: the host replaced it between
/// the steps) is never used: the editor starts anew from its own props.
#[test]
fn a_start_prepared_for_other_inputs_is_not_used() {
    use sosmeta_editor::{SharedStart, StartInputs};
    let s = Rc::new(project("demo-lapsi.json"));
    let filled = Rc::new(
        Document::from_json(&s, &read(root().join("tests/data/demo-lapsi.filled.json"))).unwrap(),
    );
    let render = sosmeta_editor::RenderOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 4),
        ..Default::default()
    };
    let props = |document: Option<Rc<Document>>, start: SharedStart| {
        yew::props!(EditorProps {
            structure: s.clone(),
            document,
            render: render.clone(),
            start,
        })
    };
    let stale = SharedStart::new(StartInputs::of(&props(
        Some(filled.clone()),
        SharedStart::default(),
    )));
    while stale.step() {}
    let empty = render_props(props(None, SharedStart::default()));
    assert_ne!(
        empty,
        render_props(props(Some(filled), SharedStart::default()))
    );
    assert_eq!(render_props(props(None, stale)), empty);
}
