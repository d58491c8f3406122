// <sosmeta-editor>: the Sosmeta form editor as a custom element.
//
//   <script type="module" src="/sosmeta-editor.js"></script>
//   <sosmeta-editor structure="/structures/x.json" lang="fi"></sosmeta-editor>
//
// The module loads the WebAssembly build (wasm/sosmeta-editor.js + wasm/sosmeta-editor_bg.wasm, next
// to this file) once per page and its stylesheet (sosmeta-editor.css) unless the page sets
// <html data-sosmeta-no-styles>. Types: sosmeta-editor.d.ts. Nothing is written to browser
// storage. All parsing, checks and payloads come from the Rust core (src/element.rs).

import init, { EditorHandle } from './wasm/sosmeta-editor.js';

const BASE = new URL('.', import.meta.url);
const OPTIONS = ['lang', 'mode', 'audience', 'role', 'client-birth-date', 'doc-oid', 'readonly'];
const INPUTS = ['structure', 'document', 'rules', 'code-sets', 'markings'];

let wasm = null;
function loadWasm() {
  wasm ??= init({ module_or_path: new URL('wasm/sosmeta-editor_bg.wasm', BASE) });
  return wasm;
}

function ensureStyles() {
  const d = document.documentElement;
  if (d.hasAttribute('data-sosmeta-no-styles') || document.querySelector('link[data-sosmeta-editor-styles]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('sosmeta-editor.css', BASE).href;
  link.setAttribute('data-sosmeta-editor-styles', '');
  document.head.append(link);
}

const camel = (a) => a.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const encoder = new TextEncoder();

/** Text of an input given as an object, JSON text, or a URL (fetched, same rules as fetch()). */
async function inputText(value) {
  if (value == null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  const s = String(value).trim();
  if (s === '') return '';
  if (s.startsWith('{') || s.startsWith('[')) return s;
  const url = new URL(s, document.baseURI);
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`${url.href}: HTTP ${resp.status}`);
  return await resp.text();
}

function withBytes(detail) {
  if (detail && detail.ok && detail.files) {
    detail.bytes = {};
    for (const [name, text] of Object.entries(detail.files)) detail.bytes[name] = encoder.encode(text);
  }
  return detail;
}

export class SosmetaEditorElement extends HTMLElement {
  static get observedAttributes() {
    return [...INPUTS, ...OPTIONS];
  }

  #handle = null;
  #root = null;
  #dead = false;
  #lastDocument = null;
  #inputs = { structure: undefined, document: undefined, rules: undefined, 'code-sets': undefined, markings: undefined };
  #queue = Promise.resolve();
  #resolveReady = null;
  #drawnWaiters = [];
  /** Resolves when the editor is mounted and its whole form is in the DOM (the wasm module
   *  is loaded once per page). A large form is drawn a screenful at a time: its top takes
   *  input before `ready`; the form is `aria-busy` until the rest is drawn. */
  ready = new Promise((r) => { this.#resolveReady = r; });

  connectedCallback() {
    if (this.#root) return;
    ensureStyles();
    const root = document.createElement('div');
    root.className = 'sm-element-root';
    this.#root = root;
    this.append(root);
    // Fetch every input while the WebAssembly module loads (they do not depend on it).
    const given = (name) => (this.#inputs[name] !== undefined ? this.#inputs[name] : this.getAttribute(name));
    const names = ['code-sets', 'markings', 'rules', 'structure', 'document'];
    const take = async (name) => {
      const v = given(name);
      if (v == null || (name === 'code-sets' && typeof v === 'function')) return { v };
      try { return { v, text: await inputText(v) }; } catch (e) { return { v, error: e }; }
    };
    const fetched = Promise.all(names.map(take));
    this.#enqueue(async () => {
      try {
        await loadWasm();
      } catch (e) {
        root.innerHTML = '';
        const p = document.createElement('p');
        p.setAttribute('role', 'alert');
        p.className = 'sm-host-errors';
        p.textContent = `Lomaketta ei voitu ladata (WebAssembly): ${e && e.message ? e.message : e}`;
        root.append(p);
        this.#fire('sosmeta-error', { code: 'load-failed', source: 'wasm', pointer: '', message: String(e && e.message ? e.message : e) });
        return;
      }
      if (this.#root !== root) return; // removed while loading
      this.#handle = new EditorHandle(root, (name, detail) => this.#fire(name, JSON.parse(detail)));
      for (const o of OPTIONS) {
        if (this.hasAttribute(o)) this.#call((h) => h.setOption(o, o === 'readonly' ? 'true' : this.getAttribute(o)));
      }
      // Apply the inputs in order; structure and document together, so the form is drawn
      // once, with the document.
      // An input set again while the module loaded replaces what was fetched for it.
      const texts = await fetched;
      await Promise.all(names.map(async (name, i) => {
        if (texts[i].v !== given(name)) texts[i] = await take(name);
      }));
      const [codeSets, markings, rules, structure, doc] = texts;
      for (const [name, r] of [['code-sets', codeSets], ['markings', markings], ['rules', rules]]) {
        if (r.v != null) await this.#apply(name, r.error ? r.v : r.text ?? r.v);
      }
      // A draft kept in this tab's sessionStorage (host opt-in) when no document is given.
      const key = this.#draftKey();
      const draft = key && doc.v == null ? sessionStorage.getItem(key) : null;
      if (draft) { doc.v = draft; doc.text = draft; }
      if (structure.text != null && doc.text != null && !doc.error) {
        if (this.#call((h) => h.load(structure.text, doc.text), false)) this.#lastDocument = JSON.parse(doc.text);
        if (typeof given('code-sets') === 'function') await this.#applyProvider(given('code-sets'));
      } else {
        if (structure.v != null) await this.#apply('structure', structure.error ? structure.v : structure.text);
        if (doc.v != null) await this.#apply('document', doc.error ? doc.v : doc.text);
      }
      // The editor draws in the microtasks after load; then a large form is still drawing
      // (in later tasks) until `sosmeta-drawn`.
      await new Promise((r) => setTimeout(r, 0));
      if (!this.#call((h) => h.isDrawn(), true)) await new Promise((r) => this.#drawnWaiters.push(r));
      this.#resolveReady(this);
    });
  }

  disconnectedCallback() {
    // Removing the element frees its state: the Yew app is destroyed and the memory released.
    if (this.#handle) {
      // A handle whose wasm trapped may not free cleanly; the element is gone either way.
      try { this.#handle.free(); } catch { /* already reported */ }
      this.#handle = null;
    }
    if (this.#root) this.#root.remove();
    this.#root = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (INPUTS.includes(name)) {
      this.#inputs[name] = undefined; // the attribute wins over an earlier property
      if (this.#handle && value != null) this.#enqueue(() => this.#apply(name, value));
    } else {
      const v = name === 'readonly' ? String(value !== null) : value ?? '';
      this.#call((h) => h.setOption(name, v));
    }
  }

  /** Test hook (see src/element.rs): makes this element's wasm panic. */
  panicForTests() {
    this.#call((h) => h.panicForTests());
  }

  /** Calls the wasm handle; a trap (a bug: a Rust panic) disables this element only,
   *  shows a message and fires `sosmeta-error` with the last document the host was sent. */
  #call(f, fallback = null) {
    if (!this.#handle || this.#dead) return fallback;
    try {
      return f(this.#handle);
    } catch (e) {
      this.#fail(e);
      return fallback;
    }
  }

  #fail(e) {
    if (this.#dead) return;
    this.#dead = true;
    const message = String(e && e.message ? e.message : e);
    if (this.#root) {
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.className = 'sm-host-errors';
      p.textContent = 'Lomakkeessa tapahtui sisäinen virhe. Viimeisin tallennettu luonnos on tallessa; lataa sivu uudelleen. (Internt fel i blanketten.)';
      this.#root.prepend(p);
    }
    this.#fire('sosmeta-error', { code: 'internal-error', source: 'wasm', pointer: '', message, lastDocument: this.#lastDocument });
    this.#drawn();
  }

  #drawn() {
    for (const r of this.#drawnWaiters.splice(0)) r();
  }

  /** A wasm trap outside a method call (in an event handler): every element is told. */
  static reportTrap(e) {
    for (const el of document.querySelectorAll('sosmeta-editor')) {
      if (el instanceof SosmetaEditorElement) el.#fail(e);
    }
  }

  #enqueue(task) {
    this.#queue = this.#queue.then(task).catch((e) => console.error('sosmeta-editor:', e));
    return this.#queue;
  }

  async #apply(name, value) {
    if (!this.#handle || this.#dead) return;
    if (name === 'code-sets' && typeof value === 'function') {
      return this.#applyProvider(value);
    }
    let text;
    try {
      text = await inputText(value);
    } catch (e) {
      this.#call((h) => h.reportLoadError(name === 'code-sets' ? 'codeSets' : name, String(e && e.message ? e.message : e)));
      return;
    }
    if (!this.#handle || text == null) return;
    switch (name) {
      case 'structure':
        this.#call((h) => h.setStructure(text));
        if (typeof this.#inputs['code-sets'] === 'function') await this.#applyProvider(this.#inputs['code-sets']);
        break;
      case 'document': this.#call((h) => h.setDocument(text)); break;
      case 'rules': this.#call((h) => h.setRules(text)); break;
      case 'code-sets': this.#call((h) => h.setCodeSets(text)); break;
      case 'markings': this.#call((h) => h.setMarkings(text)); break;
    }
  }

  /** Asks a host callback for each classification OID the structure uses. */
  async #applyProvider(provider) {
    const oids = this.#call((h) => h.codeSetOids(), []);
    const sets = {};
    try {
      await Promise.all(oids.map(async (oid) => {
        const list = await provider(oid);
        if (Array.isArray(list)) sets[oid] = list;
      }));
    } catch (e) {
      this.#call((h) => h.reportLoadError('codeSets', `code-set callback failed: ${e && e.message ? e.message : e}`));
      return;
    }
    this.#call((h) => h.setCodeSets(JSON.stringify(sets)));
  }

  /** sessionStorage key of this element's draft, when the host opted in with
   *  `draft-storage="session"` (nothing is stored otherwise). */
  #draftKey() {
    if (this.getAttribute('draft-storage') !== 'session') return null;
    const s = this.#inputs.structure !== undefined && typeof this.#inputs.structure === 'string' ? this.#inputs.structure : this.getAttribute('structure');
    return `sosmeta-editor-draft:${location.pathname}#${this.id || ''}:${(s || '').slice(0, 200)}`;
  }

  #fire(name, detail) {
    if (name === 'sosmeta-drawn') this.#drawn();
    if (name === 'sosmeta-emit') withBytes(detail);
    if (name === 'sosmeta-change' && detail && detail.document) {
      this.#lastDocument = detail.document;
      const key = this.#draftKey();
      if (key) try { sessionStorage.setItem(key, JSON.stringify(detail.document)); } catch { /* quota: keep editing */ }
    }
    if (name === 'sosmeta-emit') {
      const key = this.#draftKey();
      if (key) sessionStorage.removeItem(key);
    }
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #setInput(name, value) {
    this.#inputs[name] = value;
    if (this.#handle) return this.#enqueue(() => this.#apply(name, value));
    return this.ready;
  }

  // Inputs: an object, JSON text or a URL. Setting one after mounting applies it.
  get structure() { return this.#inputs.structure ?? this.getAttribute('structure'); }
  set structure(v) { this.#setInput('structure', v); }
  get document() { return this.getDocument(); }
  set document(v) { this.#setInput('document', v); }
  /** Restriction markings (a markings file: object, JSON text or URL). */
  get markings() { return this.#inputs.markings ?? this.getAttribute('markings'); }
  set markings(v) { this.#setInput('markings', v); }
  get rules() { return this.#inputs.rules ?? this.getAttribute('rules'); }
  set rules(v) { this.#setInput('rules', v); }
  /** Code lists by OID (object, array of list files, JSON text, URL) or `(oid) => list | Promise<list>`. */
  get codeSets() { return this.#inputs['code-sets'] ?? this.getAttribute('code-sets'); }
  set codeSets(v) { this.#setInput('code-sets', v); }

  /** Validates now, shows every issue, fires `sosmeta-validate`; null before mounting. */
  validate() {
    const r = this.#call((h) => h.validate());
    return r == null ? null : JSON.parse(r);
  }

  /** Produces the signed-ready bundle (fires `sosmeta-emit`) or the reasons it cannot. */
  emit() {
    const r = this.#call((h) => h.emit());
    return r == null ? null : withBytes(JSON.parse(r));
  }

  /** The document as a JSON object (canonical: as it would be archived); null without a form. */
  getDocument() {
    if (this.#dead) return this.#lastDocument;
    const t = this.#call((h) => h.getDocument());
    return t == null ? null : JSON.parse(t);
  }

  /** Replaces the document (object or JSON text); false (and `sosmeta-error`) when it does not fit. */
  setDocument(doc) {
    this.#inputs.document = doc;
    const ok = this.#call((h) => h.setDocument(typeof doc === 'string' ? doc : JSON.stringify(doc)), false);
    if (ok) this.#lastDocument = typeof doc === 'string' ? JSON.parse(doc) : doc;
    return ok;
  }

  /** Shows every issue and focuses the first; false when there is none. */
  focusFirstIssue() {
    return this.#call((h) => h.focusFirstIssue(), false);
  }
}

for (const a of OPTIONS) {
  const prop = camel(a);
  Object.defineProperty(SosmetaEditorElement.prototype, prop, {
    get() { return a === 'readonly' ? this.hasAttribute(a) : this.getAttribute(a); },
    set(v) {
      if (a === 'readonly') this.toggleAttribute(a, Boolean(v));
      else if (v == null) this.removeAttribute(a);
      else this.setAttribute(a, String(v));
    },
  });
}

if (!customElements.get('sosmeta-editor')) {
  customElements.define('sosmeta-editor', SosmetaEditorElement);
  window.addEventListener('error', (e) => {
    if (e.error instanceof WebAssembly.RuntimeError) SosmetaEditorElement.reportTrap(e.error);
  });
}
