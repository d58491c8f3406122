//! The demo app (`scripts/serve`): pick or load a structure, fill it, switch language, see
//! issues, emit and download the bundle. Drafts stay in memory; session storage only when
//! the user opts in. Nothing goes to localStorage.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::vm::CodeSets;
use super::{Editor, Mode};
use crate::document::Document;
use crate::emit::Bundle;
use crate::lang::Lang;
use crate::model::Structure;
use crate::restrict::{Audience, AuthorRole, Markings};
use crate::validate::{RuleSet, Rules};

/// The project's own structures, offered by the demo (fetched from `structures/`, which the
/// build copies next to the app; not compiled into the wasm).
pub const BUILT_IN: &[&str] = &[
    "demo-kertomus.json",
    "demo-kaikki-tietotyypit.json",
    "demo-luonnos.json",
    "demo-lapsi.json",
];

const DEMO_RULES: &str = include_str!("../../rules/demo-kertomus.rules.json");
const OPT_IN_KEY: &str = "sosmeta-demo-draft-opt-in";
const LOADING: &str = "Ladataan rakennetta…";

#[derive(Clone, PartialEq)]
struct Loaded {
    /// File name or URL it came from.
    name: String,
    structure: Rc<Structure>,
    rules: Rc<Rules>,
    document: Option<Rc<Document>>,
    key: u32,
}

fn load(text: &str, name: &str, key: u32) -> Result<Loaded, String> {
    let s = Structure::from_json(text).map_err(|e| format!("{name}: {e}"))?;
    let rules = RuleSet::from_json(DEMO_RULES)
        .ok()
        .and_then(|r| r.compile(&s).ok())
        .unwrap_or_default();
    Ok(Loaded {
        name: name.to_string(),
        structure: Rc::new(s),
        rules: Rc::new(rules),
        document: None,
        key,
    })
}

fn session_get(_key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        return web_sys::window()?
            .session_storage()
            .ok()??
            .get_item(_key)
            .ok()?;
    }
    #[allow(unreachable_code)]
    None
}

fn session_set(_key: &str, _value: Option<&str>) {
    #[cfg(target_arch = "wasm32")]
    if let Some(st) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = match _value {
            Some(v) => st.set_item(_key, v),
            None => st.remove_item(_key),
        };
    }
}

#[cfg(target_arch = "wasm32")]
fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
        .filter(|v| !v.is_empty())
}

/// Fetches a same-origin text file.
#[cfg(target_arch = "wasm32")]
async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "cannot fetch".to_string())?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| "no body".to_string())?)
        .await
        .map_err(|_| "cannot read body".to_string())?;
    text.as_string()
        .ok_or_else(|| "body is not text".to_string())
}

fn draft_key(s: &Structure) -> String {
    format!("sosmeta-demo-draft:{}", s.meta.oid)
}

/// Properties of [`DemoApp`].
#[derive(Properties, PartialEq, Default)]
pub struct DemoProps {
    /// Start with this built-in structure (file name); the first one by default.
    #[prop_or_default]
    pub initial: Option<AttrValue>,
}

/// The demo page.
#[component]
pub fn DemoApp(props: &DemoProps) -> Html {
    let counter = use_mut_ref(|| 0u32);
    let next_key = {
        let counter = counter.clone();
        move || {
            *counter.borrow_mut() += 1;
            *counter.borrow()
        }
    };
    let loaded = use_state(|| Err::<Loaded, String>(LOADING.to_string()));
    let opt_in = use_state(|| session_get(OPT_IN_KEY).is_some());
    let bundle = use_state(|| None::<Rc<Bundle>>);
    let draft_chars = use_state(|| 0usize);
    let mode = use_state(Mode::default);
    let audience = use_state(|| Audience::Professional);
    let role = use_state(|| AuthorRole::Organiser);
    let readers = use_mut_ref(Vec::<Box<dyn std::any::Any>>::new);

    // Restore an opted-in draft for the loaded structure, once per load.
    {
        let loaded = loaded.clone();
        let opt_in = *opt_in;
        let key = loaded.as_ref().ok().map(|l| l.key);
        use_effect_with(key, move |_| {
            if let Ok(l) = &*loaded {
                if opt_in && l.document.is_none() {
                    if let Some(d) = session_get(&draft_key(&l.structure))
                        .and_then(|t| Document::from_json(&l.structure, &t).ok())
                    {
                        loaded.set(Ok(Loaded {
                            document: Some(Rc::new(d)),
                            key: l.key + 1000,
                            ..l.clone()
                        }));
                    }
                }
            }
        });
    }

    // The partial code lists of ../shared/codesets, when the build copied them (scripts/copy-codesets).
    let code_sets = use_state(|| Rc::new(CodeSets::default()));
    {
        let _code_sets = code_sets.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(index) = fetch_text("codesets/index.json").await else {
                    return;
                };
                let names: Vec<String> = crate::json::from_str(&index).unwrap_or_default();
                let mut sets = CodeSets::default();
                for n in names {
                    if let Ok(text) = fetch_text(&format!("codesets/{n}")).await {
                        if let Ok(v) = crate::json::parse(&text) {
                            let _ = sets.merge_value(&v, "");
                        }
                    }
                }
                _code_sets.set(Rc::new(sets));
            });
        });
    }

    // The first built-in structure, or `?structure=URL` (and optionally `&document=URL`):
    // files served next to the app.
    {
        let loaded = loaded.clone();
        let next_key = next_key.clone();
        let initial = props.initial.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            {
                let url = query_param("structure").unwrap_or_else(|| {
                    format!("structures/{}", initial.as_deref().unwrap_or(BUILT_IN[0]))
                });
                let doc_url = query_param("document");
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match fetch_text(&url).await {
                        Ok(text) => load(&text, &url, next_key()),
                        Err(e) => Err(format!("{url}: {e}")),
                    };
                    let result = match (result, doc_url) {
                        (Ok(l), Some(du)) => match fetch_text(&du).await {
                            Ok(t) => match Document::from_json(&l.structure, &t) {
                                Ok(d) => Ok(Loaded {
                                    document: Some(Rc::new(d)),
                                    ..l
                                }),
                                Err(e) => Err(format!("{du}: {e}")),
                            },
                            Err(e) => Err(format!("{du}: {e}")),
                        },
                        (r, _) => r,
                    };
                    loaded.set(result);
                });
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (loaded, next_key, initial);
        });
    }

    let pick = {
        let loaded = loaded.clone();
        let bundle = bundle.clone();
        let next_key = next_key.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let name = sel.value();
            if BUILT_IN.contains(&name.as_str()) {
                bundle.set(None);
                #[cfg(target_arch = "wasm32")]
                {
                    let (loaded, next_key) = (loaded.clone(), next_key.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let url = format!("structures/{name}");
                        loaded.set(match fetch_text(&url).await {
                            Ok(text) => load(&text, &name, next_key()),
                            Err(e) => Err(format!("{url}: {e}")),
                        });
                    });
                }
                #[cfg(not(target_arch = "wasm32"))]
                let _ = (&loaded, &next_key);
            }
        })
    };
    let on_file = |as_document: bool| {
        let loaded = loaded.clone();
        let readers = readers.clone();
        let next_key = next_key.clone();
        let bundle = bundle.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
            for f in files.into_iter().take(1) {
                let name = f.name();
                let loaded = loaded.clone();
                let next_key = next_key.clone();
                let bundle = bundle.clone();
                let reader =
                    gloo::file::callbacks::read_as_text(&gloo::file::File::from(f), move |res| {
                        let text = match res {
                            Ok(t) => t,
                            Err(e) => return loaded.set(Err(format!("{name}: {e}"))),
                        };
                        bundle.set(None);
                        if as_document {
                            if let Ok(l) = &*loaded {
                                match Document::from_json(&l.structure, &text) {
                                    Ok(d) => loaded.set(Ok(Loaded {
                                        document: Some(Rc::new(d)),
                                        key: next_key(),
                                        ..l.clone()
                                    })),
                                    Err(e) => loaded.set(Err(format!("{name}: {e}"))),
                                }
                            }
                        } else {
                            loaded.set(load(&text, &name, next_key()));
                        }
                    });
                readers.borrow_mut().push(Box::new(reader));
            }
        })
    };
    let files_of = |cb: Callback<Vec<web_sys::File>>| {
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut v = Vec::new();
            if let Some(list) = input.files() {
                for i in 0..list.length() {
                    if let Some(f) = list.get(i) {
                        v.push(f);
                    }
                }
            }
            cb.emit(v);
        })
    };
    let ondrop = {
        let cb = on_file(false);
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let mut v = Vec::new();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                for i in 0..list.length() {
                    if let Some(f) = list.get(i) {
                        v.push(f);
                    }
                }
            }
            cb.emit(v);
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let toggle_opt_in = {
        let opt_in = opt_in.clone();
        let loaded = loaded.clone();
        Callback::from(move |e: Event| {
            let c: web_sys::HtmlInputElement = e.target_unchecked_into();
            let on = c.checked();
            session_set(OPT_IN_KEY, on.then_some("1"));
            if !on {
                if let Ok(l) = &*loaded {
                    session_set(&draft_key(&l.structure), None);
                }
            }
            opt_in.set(on);
        })
    };
    let on_change = {
        let opt_in = *opt_in;
        let loaded = loaded.clone();
        let draft_chars = draft_chars.clone();
        Callback::from(move |json: String| {
            draft_chars.set(json.len());
            if opt_in {
                if let Ok(l) = &*loaded {
                    session_set(&draft_key(&l.structure), Some(&json));
                }
            }
        })
    };
    let on_emit = {
        let bundle = bundle.clone();
        Callback::from(move |b: Rc<Bundle>| bundle.set(Some(b)))
    };

    let editor = match &*loaded {
        Ok(l) => html! {
            <Editor key={format!("{}-{:?}", l.key, *role)} structure={l.structure.clone()} document={l.document.clone()} rules={l.rules.clone()}
                lang={Lang::Fi} mode={*mode} audience={*audience} markings={Rc::new(Markings { host: crate::restrict::HostFacts { author_role: Some(*role), ..Default::default() }, ..Markings::default() })} {on_change} {on_emit}
                code_sets={(*code_sets).clone()} progressive=true explain_hidden=true />
        },
        Err(e) if e == LOADING => html! { <p class="demo-loading" role="status">{ e.clone() }</p> },
        Err(e) => html! { <p class="demo-error" role="alert">{ e.clone() }</p> },
    };
    html! {
        <div class="demo">
            <header class="demo-header">
                <p class="demo-brand">{ "sosmeta-editor" }</p>
                <p class="demo-tagline">{ "Sosmeta-rakenteet lomakkeiksi · allekirjoitusvalmis JSON + XHTML" }</p>
            </header>
            <main class="demo-main">
                <section class="demo-load" aria-label="Rakenteen valinta" ondrop={ondrop} ondragover={ondragover}>
                    <label for="demo-pick">{ "Asiakirjarakenne" }</label>
                    <select id="demo-pick" onchange={pick}>
                        { for BUILT_IN.iter().map(|n| {
                            let selected = loaded.as_ref().is_ok_and(|l| l.name.ends_with(n));
                            html! { <option value={*n} {selected}>{ *n }</option> }
                        }) }
                    </select>
                    <label for="demo-file" class="demo-file">{ "…tai lataa Sosmeta-tiedosto (JSON) tai pudota se tähän" }</label>
                    <input id="demo-file" type="file" accept=".json,application/json" onchange={files_of(on_file(false))} />
                    <label for="demo-doc" class="demo-file">{ "Jatka olemassa olevaa asiakirjaa (JSON)" }</label>
                    <input id="demo-doc" type="file" accept=".json,application/json" onchange={files_of(on_file(true))} />
                    <p class="demo-optin">
                        <input id="demo-optin" type="checkbox" checked={*opt_in} onchange={toggle_opt_in} />
                        <label for="demo-optin">{ "Säilytä luonnos tämän välilehden istunnossa (sessionStorage). Oletuksena luonnos on vain muistissa." }</label>
                    </p>
                    if let Ok(l) = &*loaded {
                        <p class="demo-meta">{ "Rakenne " }<span id="demo-oid">{ l.structure.meta.oid.clone() }</span>{ format!(" · tila {}", l.structure.meta.status) }
                            if !l.structure.meta.is_valmis() { <strong>{ " – ei arkistoitavissa (vain luonnosesikatselu)" }</strong> }
                        </p>
                    }
                    <p class="demo-draft" aria-live="polite">{ if *draft_chars > 0 { format!("Luonnos muistissa ({} merkkiä).", *draft_chars) } else { String::new() } }</p>
                </section>
                <fieldset class="demo-mode">
                    <legend>{ "Näkymä" }</legend>
                    { for [(Mode::Edit, "Lomake"), (Mode::Preview, "Esikatselu"), (Mode::Print, "Tuloste")].into_iter().map(|(m, text)| {
                        let checked = *mode == m;
                        let mode = mode.clone();
                        let id = format!("demo-mode-{text}");
                        let onchange = Callback::from(move |_: Event| mode.set(m));
                        html! { <span class="demo-mode-choice"><input type="radio" name="demo-mode" id={id.clone()} {checked} {onchange} /><label for={id}>{ text }</label></span> }
                    }) }
                    if *mode == Mode::Preview {
                        <label for="demo-audience">{ "Kenen näkymä" }</label>
                        <select id="demo-audience" onchange={{
                            let audience = audience.clone();
                            Callback::from(move |e: Event| {
                                let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                                audience.set(match v.as_str() { "client" => Audience::Client, "guardian" => Audience::Guardian, _ => Audience::Professional });
                            })
                        }}>
                            <option value="professional" selected={*audience == Audience::Professional}>{ "Ammattilainen" }</option>
                            <option value="client" selected={*audience == Audience::Client}>{ "Asiakas (OmaKanta)" }</option>
                            <option value="guardian" selected={*audience == Audience::Guardian}>{ "Huoltaja (OmaKanta)" }</option>
                        </select>
                    }
                    <label for="demo-role">{ "Laatijan rooli" }</label>
                    <select id="demo-role" onchange={{
                        let role = role.clone();
                        Callback::from(move |e: Event| {
                            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                            role.set(match v.as_str() {
                                "provider" => AuthorRole::Provider,
                                "registerKeeper" => AuthorRole::RegisterKeeper,
                                _ => AuthorRole::Organiser,
                            });
                        })
                    }}>
                        <option value="organiser" selected={*role == AuthorRole::Organiser}>{ "Palvelunjärjestäjä" }</option>
                        <option value="provider" selected={*role == AuthorRole::Provider}>{ "Palveluntuottaja" }</option>
                        <option value="registerKeeper" selected={*role == AuthorRole::RegisterKeeper}>{ "Yksityinen palveluntuottaja, oma rekisteri" }</option>
                    </select>
                </fieldset>
                { editor }
                { bundle.as_ref().map(|b| bundle_view(b)).unwrap_or_default() }
            </main>
        </div>
    }
}

fn bundle_view(b: &Bundle) -> Html {
    let xhtml = b
        .file("document.xhtml")
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .unwrap_or_default();
    let preview = format!("<!DOCTYPE html><html lang=\"fi\"><head><meta charset=\"utf-8\"><title>Näyttömuoto</title></head><body>{xhtml}</body></html>");
    html! {
        <section class="demo-bundle" aria-labelledby="demo-bundle-h">
            <h2 id="demo-bundle-h">{ "Allekirjoitusvalmis paketti" }</h2>
            <ul class="demo-files">
                { for b.files.iter().map(|f| html! { <li><DownloadLink name={f.name} media_type={f.media_type} bytes={Rc::new(f.bytes.clone())} /></li> }) }
            </ul>
            <iframe class="demo-preview" title="Näyttömuodon esikatselu" sandbox="" srcdoc={preview}></iframe>
        </section>
    }
}

/// Props of [`DownloadLink`].
#[derive(Properties, PartialEq)]
pub(crate) struct DownloadProps {
    /// File name offered to the browser.
    pub name: AttrValue,
    /// Media type of the blob.
    pub media_type: &'static str,
    /// The bytes.
    pub bytes: Rc<Vec<u8>>,
}

/// A download link for in-memory bytes (a blob URL, revoked when the bytes change).
#[component]
pub(crate) fn DownloadLink(props: &DownloadProps) -> Html {
    let url = use_memo(props.bytes.clone(), |bytes| {
        ObjectUrl::new(bytes, props.media_type)
    });
    html! { <a href={url.href()} download={props.name.clone()}>{ format!("{} ({} tavua)", props.name, props.bytes.len()) }</a> }
}

/// A blob URL for downloads (browser only); revoked when dropped.
struct ObjectUrl(RefCell<Option<String>>);

impl ObjectUrl {
    fn new(_bytes: &[u8], _media_type: &str) -> ObjectUrl {
        #[cfg(target_arch = "wasm32")]
        {
            let blob = gloo::file::Blob::new_with_options(_bytes, Some(_media_type));
            let url = web_sys::Url::create_object_url_with_blob(&blob.into()).ok();
            return ObjectUrl(RefCell::new(url));
        }
        #[allow(unreachable_code)]
        ObjectUrl(RefCell::new(None))
    }

    fn href(&self) -> String {
        self.0.borrow().clone().unwrap_or_else(|| "#".into())
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        if let Some(u) = self.0.borrow().as_ref() {
            let _ = web_sys::Url::revoke_object_url(u);
        }
    }
}
