//! The structure-author preview: the form of a (possibly draft) structure next to what an
//! author must fix — lint findings, Finnish/Swedish texts with missing or copied
//! translations, and which conditionally required fields have a machine rule. Authors edit
//! the rules file in the page, try it on the form and download it.
//!
//! Everything here is computed by the core ([`crate::lint`](mod@crate::lint), [`crate::validate::RuleSet`]);
//! this module only lays it out.

use std::rc::Rc;

use yew::prelude::*;

use super::text::{ui, Ui};

use super::demo::DownloadLink;
use crate::lang::{Lang, LangText};
use crate::lint::{lint, translatable_texts, translation_finding, FindingKind};
use crate::messages::{finding_message, MessageLang};
use crate::model::Structure;
use crate::validate::structure_rules::{with_structure_rules, Handling};
use crate::validate::{RuleOptions, RuleSet, RuleSource, Rules};

/// Props of [`AuthorView`].
#[derive(Properties, PartialEq)]
pub struct AuthorProps {
    /// The structure under review (any status).
    pub structure: Rc<Structure>,
    /// The rules file text to start from; a template when absent.
    #[prop_or_default]
    pub rules_text: Option<AttrValue>,
    /// Language of the page texts.
    #[prop_or_default]
    pub lang: Lang,
    /// Renders the form with the rules being tried.
    pub form: Callback<Rc<Rules>, Html>,
    /// The author applied a rules file that compiles.
    #[prop_or_default]
    pub on_rules: Callback<Rc<Rules>>,
    /// The structure's own rules apply under the author's (as in the editor).
    #[prop_or(true)]
    pub structure_rules: bool,
}

/// The title (else name) of the node at a schema pointer, in `lang`; `None` for the root
/// or a pointer that names no node.
fn title_at(s: &Structure, pointer: &str, lang: Lang) -> Option<String> {
    s.ids()
        .skip(1)
        .find(|&id| s.node(id).schema_pointer == pointer)
        .map(|id| s.node(id).meta.label(lang).to_string())
        .filter(|t| !t.is_empty())
}

pub use crate::validate::authoring::{
    add_rule_skeleton, rule_coverage, rules_template, CoverageRow,
};

/// The coverage row's class beside yes/no: derived, curated, uncheckable.
fn coverage_class(h: &Handling) -> Option<&'static str> {
    match h {
        Handling::Rule(RuleSource::Derived) => Some("sm-cov-derived"),
        Handling::Rule(RuleSource::Curated) => Some("sm-cov-curated"),
        Handling::Uncheckable(_) => Some("sm-cov-uncheckable"),
        _ => None,
    }
}

/// The author page body.
#[component]
pub fn AuthorView(props: &AuthorProps) -> Html {
    let s = props.structure.clone();
    let initial = props
        .rules_text
        .as_ref()
        .map(|t| t.to_string())
        .unwrap_or_else(|| rules_template(&s));
    let text = use_state(|| initial.clone());
    let applied = {
        let s = s.clone();
        use_state(move || {
            RuleSet::from_json(&initial)
                .and_then(|r| r.compile(&s))
                .map(Rc::new)
                .unwrap_or_default()
        })
    };
    let rules_error = use_state(|| None::<String>);
    let lang = props.lang;

    // Found once per structure and applied rules, not on every keystroke in the rules text.
    let found = {
        let (s, rules) = (s.clone(), (*applied).clone());
        let own = props.structure_rules;
        use_memo(
            (Rc::as_ptr(&s) as usize, Rc::as_ptr(&rules) as usize, own),
            move |_| {
                // What the form applies: the author's rules over the structure's own.
                let all = with_structure_rules(
                    &s,
                    (*rules).clone(),
                    RuleOptions {
                        structure_rules: own,
                    },
                );
                (lint(&s, &all), rule_coverage(&s, &all))
            },
        )
    };
    let (findings, coverage) = (&found.0, &found.1);
    let uncovered = coverage.iter().filter(|r| !r.covered).count();

    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(el.value());
        })
    };
    let apply = {
        let (text, applied, err, s, cb) = (
            text.clone(),
            applied.clone(),
            rules_error.clone(),
            s.clone(),
            props.on_rules.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            match RuleSet::from_json(&text).and_then(|r| r.compile(&s)) {
                Ok(r) => {
                    let r = Rc::new(r);
                    err.set(None);
                    cb.emit(r.clone());
                    applied.set(r);
                }
                Err(e) => err.set(Some(e.to_string())),
            }
        })
    };

    let status = if s.meta.is_valmis() {
        html! { <p class="sm-author-status">{ format!("{} {}", ui(Ui::AuStatusLabel, lang), s.meta.status) }</p> }
    } else {
        html! {
            <p class="sm-author-status sm-draft" role="status">
                <strong>{ ui(Ui::AuDraft, lang) }</strong>
                { format!(" – {} '{}'. {}", ui(Ui::AuStatus, lang), s.meta.status,
                    ui(Ui::AuNotArchivable, lang)) }
            </p>
        }
    };

    let lint_list = html! {
        <section class="sm-author-section" aria-labelledby="sm-author-lint">
            <h2 id="sm-author-lint">{ format!("{} ({})", ui(Ui::AuFindings, lang), findings.len()) }</h2>
            if findings.is_empty() {
                <p>{ ui(Ui::AuNoFindings, lang) }</p>
            } else {
                <ul class="sm-lint">
                    { for findings.iter().map(|f| html! {
                        // The field by its title, as the author reads it; the pointer beside.
                        <li class={classes!("sm-lint-item", format!("sm-lint-{}", f.kind.code()))}>
                            if let Some(title) = title_at(&s, &f.pointer, lang) { <strong>{ title }</strong>{ " " } }
                            <code>{ f.pointer.clone() }</code>{ ": " }{ finding_message(&f.kind, MessageLang::from(lang)) }
                            { " " }<span class="sm-note">{ format!("({})", f.kind.code()) }</span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    };

    // fi/sv texts: problems first, everything else behind a disclosure.
    let mut problems = Vec::new();
    let mut all = Vec::new();
    for id in s.ids().skip(1) {
        let n = s.node(id);
        for (key, text) in translatable_texts(&n.meta) {
            if text.fi.is_none() && text.sv.is_none() {
                continue;
            }
            let row = (s.key_path(id), key, text, translation_finding(key, text));
            if row.3.is_some() {
                problems.push(row.clone());
            }
            all.push(row);
        }
    }
    let row_html =
        |(path, key, text, finding): &(String, &'static str, &LangText, Option<FindingKind>)| {
            let (class, state) = match finding {
                Some(FindingKind::MissingSwedish { .. }) => {
                    ("sm-tr-missing", ui(Ui::AuSwedishMissing, lang))
                }
                Some(FindingKind::CopiedSwedish { .. }) => {
                    ("sm-tr-copied", ui(Ui::AuCopiedFromFinnish, lang))
                }
                _ => ("sm-tr-ok", "✓"),
            };
            html! {
                <tr class={class}>
                    <td><code>{ path }</code><br /><span class="sm-note">{ *key }</span></td>
                    <td lang="fi">{ text.fi.clone().unwrap_or_default() }</td>
                    <td lang="sv">{ text.sv.clone().unwrap_or_default() }</td>
                    <td>{ state }</td>
                </tr>
            }
        };
    let table = |rows: &[(String, &'static str, &LangText, Option<FindingKind>)],
                 caption: String| {
        html! {
            <div class="sm-table-wrap" role="region" aria-label={caption.clone()} tabindex="0">
                <table class="sm-tr-table">
                    <caption>{ caption }</caption>
                    <thead><tr>
                        <th scope="col">{ ui(Ui::AuPlace, lang) }</th>
                        <th scope="col">{ "suomi" }</th>
                        <th scope="col">{ "svenska" }</th>
                        <th scope="col">{ ui(Ui::AuState, lang) }</th>
                    </tr></thead>
                    <tbody>{ for rows.iter().map(row_html) }</tbody>
                </table>
            </div>
        }
    };
    let translations = html! {
        <section class="sm-author-section" aria-labelledby="sm-author-tr">
            <h2 id="sm-author-tr">{ format!("{} ({})", ui(Ui::AuTranslations, lang), problems.len()) }</h2>
            if problems.is_empty() {
                <p>{ ui(Ui::AuAllTranslated, lang) }</p>
            } else {
                { table(&problems, ui(Ui::AuMissingTranslations, lang).to_string()) }
            }
            <details>
                <summary>{ format!("{} ({})", ui(Ui::AuAllTextsSideBySide, lang), all.len()) }</summary>
                { table(&all, ui(Ui::AuAllTexts, lang).to_string()) }
            </details>
        </section>
    };

    let coverage_html = html! {
        <section class="sm-author-section" aria-labelledby="sm-author-cov">
            <h2 id="sm-author-cov">{ format!("{} ({}/{} {})", ui(Ui::AuConditional, lang),
                coverage.len() - uncovered, coverage.len(), ui(Ui::AuRule, lang)) }</h2>
            if coverage.is_empty() {
                <p>{ ui(Ui::AuNoConditional, lang) }</p>
            } else {
                <ul class="sm-coverage">
                    { for coverage.iter().map(|row| {
                        let add = {
                            let (text, err, s, row) = (text.clone(), rules_error.clone(), s.clone(), row.clone());
                            Callback::from(move |_: MouseEvent| match add_rule_skeleton(&text, &s, &row) {
                                Ok(t) => { err.set(None); text.set(t) }
                                Err(e) => err.set(Some(e.to_string())),
                            })
                        };
                        html! {
                            <li class={classes!(if row.covered { "sm-cov-yes" } else { "sm-cov-no" }, coverage_class(&row.handling))}>
                                <strong>{ &row.label }</strong>{ " " }<code>{ &row.path }</code>
                                { " – " }{ match &row.handling {
                                    Handling::Rule(RuleSource::Host) => ui(Ui::AuHasRule, lang),
                                    Handling::Rule(RuleSource::Derived) => ui(Ui::AuDerived, lang),
                                    Handling::Rule(RuleSource::Curated) => ui(Ui::AuCurated, lang),
                                    Handling::Uncheckable(_) => ui(Ui::AuUncheckable, lang),
                                    Handling::ProseOnly(_) => ui(Ui::AuProseOnly, lang),
                                } }
                                if let Handling::Uncheckable(why) | Handling::ProseOnly(why) = &row.handling { <span class="sm-note" lang="en">{ format!(" ({why})") }</span> }
                                if let Some(n) = &row.note { <p class="sm-note" lang="fi">{ n }</p> }
                                if !row.covered {
                                    <button type="button" class="sm-link" onclick={add}>
                                        { ui(Ui::AuAddRuleSkeleton, lang) }<span class="sm-visually-hidden">{ format!(": {}", row.label) }</span>
                                    </button>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    };

    let editor = html! {
        <section class="sm-author-section" aria-labelledby="sm-author-rules">
            <h2 id="sm-author-rules">{ ui(Ui::AuRulesFile, lang) }</h2>
            <label for="sm-rules-text">{ ui(Ui::AuRulesJson, lang) }</label>
            <textarea id="sm-rules-text" class="sm-input sm-rules-text" rows="12" spellcheck="false" value={(*text).clone()} {oninput}
                aria-describedby={rules_error.is_some().then_some("sm-rules-error")} aria-invalid={rules_error.is_some().then_some("true")} />
            if let Some(e) = &*rules_error {
                <p id="sm-rules-error" class="sm-error" role="alert">{ e }</p>
            }
            <div class="sm-actions">
                <button type="button" class="sm-primary" onclick={apply}>{ ui(Ui::AuTryRules, lang) }</button>
                <DownloadLink name={AttrValue::from(format!("{}.rules.json", s.meta.oid))} media_type="application/json" bytes={Rc::new(text.as_bytes().to_vec())} />
            </div>
        </section>
    };

    html! {
        <div class="sm-author" lang={lang.code()}>
            <div class="sm-author-panels">
                { status }
                { lint_list }
                { coverage_html }
                { editor }
                { translations }
            </div>
            <div class="sm-author-form">
                { props.form.emit((*applied).clone()) }
            </div>
        </div>
    }
}
