// <sosmeta-editor>: the Sosmeta form editor as a custom element.
//
//   <script type="module" src="/sosmeta-editor.js"></script>
//   <sosmeta-editor structure="/structures/x.json" lang="fi"></sosmeta-editor>
//
// The module loads the WebAssembly build (wasm/sosmeta-editor.js + wasm/sosmeta-editor_bg.wasm, next
// to this file) once per page and its stylesheet (sosmeta-editor.css) unless the page sets
// <html data-sosmeta-no-styles>. Types: sosmeta-editor.d.ts. Nothing is written to browser
// storage unless the host opts in (draft-storage="session" with a draft-key or doc-oid).
// All parsing, checks and payloads come from the Rust core (src/element.rs).
//
// Limits (issue 12): every input is at most `max-bytes` (default 16 MiB) — a larger one is
// refused before it is parsed; every fetch has a timeout (`fetch-timeout`, default 30 s)
// and is aborted when the input is set again or the element is removed for good. Moving
// the element in the DOM keeps what the user typed; a removal that lasts past the current
// task frees it.

import init, { EditorHandle, audienceSees } from './wasm/sosmeta-editor.js';

// The WebAssembly and the stylesheet, next to this module. Written as
// `new URL('./…', import.meta.url)` literally, so a bundler (Vite, webpack 5, esbuild with
// its file loader) sees them, copies and hashes them and counts them in its report; a
// host that serves them elsewhere (a CDN, a strict CSP) says where with `configure()`.
const ASSETS = {
  wasm: new URL('./wasm/sosmeta-editor_bg.wasm', import.meta.url),
  css: new URL('./sosmeta-editor.css', import.meta.url),
};

/** Where the element loads its WebAssembly (`wasm`) and stylesheet (`css`) from, when not
 *  from next to this module: call before the first `<sosmeta-editor>` connects. `css:
 *  null` loads no stylesheet (the host links its own). */
export function configure({ wasm, css } = {}) {
  if (wasm !== undefined) ASSETS.wasm = new URL(String(wasm), document.baseURI);
  if (css !== undefined) ASSETS.css = css == null ? null : new URL(String(css), document.baseURI);
}
// `author-role`, not `role`: `role` is the ARIA attribute (an element with role="provider"
// has an invalid ARIA role). A `role` attribute whose value is an author role is still read,
// with a console warning (AUTHOR_ROLES).
const AUTHOR_ROLES = ['organiser', 'provider', 'registerKeeper'];
/** How long a code-set callback may take per list (ms) unless `code-sets-timeout` says. */
const CODE_SET_TIMEOUT_MS = 10000;
const TIMED_OUT = Symbol('timed out');
const OPTIONS = ['lang', 'mode', 'audience', 'author-role', 'client-birth-date', 'client-adult', 'doc-oid', 'today', 'readonly', 'derived-rules', 'explain'];
/** Largest input (structure, document, rules, markings, code sets) in bytes, by default. */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
/** How long a fetch of an input URL may take, by default (ms). */
const DEFAULT_FETCH_TIMEOUT = 30000;
const INPUTS = ['structure', 'document', 'rules', 'code-sets', 'markings', 'context'];

let wasm = null;
/** The wasm exports (the module is loaded once per page). */
function loadWasm() {
  // The mark: where the time goes before the form is drawn (the benchmark reads it).
  wasm ??= init({ module_or_path: ASSETS.wasm })
    .then((x) => { performance.mark('sosmeta:wasm'); return x; });
  return wasm;
}

function ensureStyles() {
  const d = document.documentElement;
  if (ASSETS.css == null || d.hasAttribute('data-sosmeta-no-styles') || document.querySelector('link[data-sosmeta-editor-styles]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = ASSETS.css.href;
  link.setAttribute('data-sosmeta-editor-styles', '');
  document.head.append(link);
}

const camel = (a) => a.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
/** Every property a host may set before the element upgrades. */
const UPGRADED = ['structure', 'document', 'markings', 'context', 'rules', 'codeSets', 'correctionReasons', 'draftCryptoKey', ...OPTIONS.map(camel)];
const encoder = new TextEncoder();

/** A host input that cannot be used: `code` as in `sosmeta-error`. */
class InputError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}

/** UTF-8 length of a string, computed only when it could be over `limit`. */
function overLimit(s, limit) {
  if (s.length > limit) return true;
  if (s.length * 3 <= limit) return false;
  return encoder.encode(s).length > limit;
}

/** Reads a response body up to `limit` bytes; more is refused without reading on. */
async function boundedText(resp, url, limit) {
  const tooLarge = () => new InputError('input-too-large', `${url.href}: larger than the limit of ${limit} bytes (max-bytes)`);
  const declared = Number(resp.headers.get('content-length'));
  if (declared > limit) { try { await resp.body?.cancel(); } catch { /* gone */ } throw tooLarge(); }
  // Decoded as the chunks arrive, each in the task that brought it (a 16 MiB body decoded
  // at the end was one ~150 ms task). ignoreBOM: a byte order mark reaches the core, which
  // names it.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const notText = () => new InputError('load-failed', `${url.href}: not UTF-8 text`);
  const parts = [];
  let n = 0;
  if (resp.body) {
    const reader = resp.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
      if (n > limit) { try { await reader.cancel(); } catch { /* gone */ } throw tooLarge(); }
      try { parts.push(decoder.decode(value, { stream: true })); }
      catch { try { await reader.cancel(); } catch { /* gone */ } throw notText(); }
    }
  }
  try { parts.push(decoder.decode()); } catch { throw notText(); }
  return parts.join('');
}

/** A task boundary, so the page paints and takes input between the steps of a start:
 *  `scheduler.yield()` where the browser has it, else a message to ourselves — not a
 *  `setTimeout(0)`, which browsers hold back 4 ms once timers nest five deep (the ten or
 *  so steps of a start had waited ~25–40 ms in all for nothing). */
function nextTask() {
  if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
  return new Promise((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => { c.port1.close(); r(); };
    c.port2.postMessage(null);
  });
}

/** A JSON text is handed to the WebAssembly about `PART` characters at a time. */
const PART = 2 << 20;
/** Where the part of `text` from `a` ends: `PART` characters on, never between the two
 *  halves of a surrogate pair. */
function partEnd(text, a) {
  let b = Math.min(text.length, a + PART);
  const c = text.charCodeAt(b - 1);
  if (b < text.length && c >= 0xd800 && c < 0xdc00) b -= 1;
  return b;
}

/** Text of an input given as an object, JSON text, or a URL (fetched, same rules as fetch(),
 *  with a timeout and an abort signal), at most `limit` bytes. */
async function inputText(value, { signal, limit = DEFAULT_MAX_BYTES, timeout = DEFAULT_FETCH_TIMEOUT } = {}) {
  if (value == null) return null;
  let text;
  if (typeof value === 'object') text = JSON.stringify(value);
  else {
    const s = String(value).trim();
    if (s === '') return '';
    // An object a framework wrote as an attribute because the element was not defined
    // yet when it rendered (React 19 and Vue set a property only when the element has it):
    // say so, rather than fetch a URL "[object Object]".
    if (s === '[object Object]') throw new InputError('attribute-invalid', 'an object was set as an attribute ("[object Object]"): the element was not defined when the host rendered it — import \'sosmeta-editor\' before rendering (the module is small; the WebAssembly loads when the first element connects)');
    if (s.startsWith('{') || s.startsWith('[') || s.startsWith('\uFEFF')) text = s;
    else {
      const url = new URL(s, document.baseURI);
      const signals = [AbortSignal.timeout(timeout)];
      if (signal) signals.push(signal);
      let resp;
      try {
        resp = await fetch(url, { signal: AbortSignal.any(signals) });
        if (!resp.ok) throw new InputError('load-failed', `${url.href}: HTTP ${resp.status}`);
        return await boundedText(resp, url, limit);
      } catch (e) {
        if (e instanceof InputError) throw e;
        if (signal && signal.aborted) throw new InputError('aborted', `${url.href}: replaced or removed before it arrived`);
        if (e && e.name === 'TimeoutError') throw new InputError('load-failed', `${url.href}: no answer in ${timeout} ms (fetch-timeout)`);
        throw new InputError('load-failed', `${url.href}: ${e && e.message ? e.message : e}`);
      }
    }
  }
  if (overLimit(text, limit)) throw new InputError('input-too-large', `input larger than the limit of ${limit} bytes (max-bytes)`);
  return text;
}

/** The canonical spelling of a JavaScript number (as the core writes numbers: plain
 *  decimal, no exponent, no trailing zeros). */
function canonicalNumber(n) {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  if (!m) return null;
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = (int + frac).replace(/^0+/, '');
  let e = Number(exp) - frac.length;
  if (!digits) return '0';
  const stripped = digits.replace(/0+$/, '');
  e += digits.length - stripped.length;
  digits = stripped;
  let out;
  if (e >= 0) out = digits + '0'.repeat(e);
  else {
    const p = digits.length + e;
    out = p > 0 ? `${digits.slice(0, p)}.${digits.slice(p)}` : `0.${'0'.repeat(-p)}${digits}`;
  }
  return sign + out;
}

/** JSON.parse that never rounds: a number a JavaScript number cannot hold exactly
 *  (9007199254740993, 0.1000000000000000055511151231257827) comes back as
 *  `JSON.rawJSON(text)`, which `JSON.stringify` writes out exactly as the core wrote it —
 *  so `getDocument()`, event details and `emit()` agree. Browsers without `JSON.rawJSON`
 *  get a RangeError instead of a silently changed value. */
const SOURCE_TEXT = (() => {
  let ok = false;
  JSON.parse('1', (k, v, c) => { ok = Boolean(c && c.source === '1'); return v; });
  return ok;
})();


/** A kept draft's text: the document's text, or for a correction the document with the
 *  archived version it corrects (`{ sosmetaDraft: 1, document, correction }`), so the
 *  restored draft is opened as a correction again. */
function wrapDraft(documentText, correction) {
  return correction ? JSON.stringify({ sosmetaDraft: 1, document: documentText, correction }) : documentText;
}

/** The document text and the correction (or null) of a kept draft's text. */
function unwrapDraft(text) {
  try {
    const v = JSON.parse(text);
    if (v && v.sosmetaDraft === 1 && typeof v.document === 'string') return { document: v.document, correction: v.correction || null };
  } catch { /* a plain document text */ }
  return { document: text, correction: null };
}
function parseExact(text) {
  if (!SOURCE_TEXT) {
    // No source text in the reviver (older browsers): accept only what reads back the
    // same; anything else would be a silent rounding.
    const v = JSON.parse(text);
    if (JSON.stringify(v) !== text) throw new RangeError('this browser cannot hand these numbers over exactly; use getDocumentText()');
    return v;
  }
  return JSON.parse(text, function (key, value, context) {
    if (typeof value !== 'number' || !context || typeof context.source !== 'string') return value;
    if (canonicalNumber(value) === context.source) return value;
    if (typeof JSON.rawJSON === 'function') return JSON.rawJSON(context.source);
    throw new RangeError(`number ${context.source} cannot be held exactly by a JavaScript number; use getDocumentText()`);
  });
}

function withBytes(detail) {
  if (detail && detail.ok && detail.files) {
    detail.bytes = {};
    for (const [name, text] of Object.entries(detail.files)) detail.bytes[name] = encoder.encode(text);
  }
  return detail;
}

// ---- Encrypted drafts (issue 16) ----
// With a host CryptoKey (AES-GCM, non-extractable) the draft is kept in IndexedDB as
// AES-GCM ciphertext, a fresh 12-byte IV per save, the document's identity (draft-key and
// structure) as additional authenticated data. A record holds a random id, the IV and the
// ciphertext: nothing about the client or the document in the clear (not even the key it
// belongs to: a draft is found by trying to decrypt under this identity).
const DRAFT_DB = 'sosmeta-editor-drafts';
const DRAFT_STORE = 'drafts';

function request(r) {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

function openDrafts() {
  const r = indexedDB.open(DRAFT_DB, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(DRAFT_STORE, { keyPath: 'id' });
  return request(r);
}

/** Runs `fn(store)` in one transaction; resolves with its result when the transaction is done. */
async function inDrafts(mode, fn) {
  const db = await openDrafts();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction(DRAFT_STORE, mode);
      let out;
      Promise.resolve(fn(t.objectStore(DRAFT_STORE))).then((v) => { out = v; }, reject);
      t.oncomplete = () => resolve(out);
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  } finally {
    db.close();
  }
}

/** True for a key the element may keep drafts under: AES-GCM, encrypt and decrypt, not extractable. */
function usableDraftKey(k) {
  return typeof CryptoKey !== 'undefined' && k instanceof CryptoKey && k.algorithm && k.algorithm.name === 'AES-GCM'
    && k.usages.includes('encrypt') && k.usages.includes('decrypt') && k.extractable === false;
}

/** This identity's draft: `{ id, text }`, or null. Records of other documents (or keys) do
 *  not decrypt under it and are left alone. */
async function findDraft(key, identity) {
  const all = await inDrafts('readonly', (s) => request(s.getAll()));
  const aad = encoder.encode(identity);
  for (const r of all) {
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: r.iv, additionalData: aad }, key, r.data);
      return { id: r.id, text: new TextDecoder().decode(plain) };
    } catch { /* another document's or another key's */ }
  }
  return null;
}

/** The parts of an archived CDA envelope a correction needs, found with the browser's own
 *  XML parser (no parser ships in the wasm); the core judges them (`CdaParts`). */
function cdaParts(xml) {
  const V3 = 'urn:hl7-org:v3';
  const d = new DOMParser().parseFromString(xml, 'application/xml');
  const broken = d.getElementsByTagName('parsererror')[0];
  if (broken) return { xmlError: `not XML: ${broken.textContent.trim().slice(0, 200)}` };
  // A DOCTYPE (and with it any internal entity) is refused, as the CLI's reader refuses it.
  if (d.doctype || xml.includes('<!DOCTYPE')) return { xmlError: 'a DOCTYPE is not allowed in an envelope' };
  const root = d.documentElement;
  const child = (p, ns, name) => (p ? [...p.children].find((c) => c.namespaceURI === ns && c.localName === name) : undefined);
  const count = (p, ns, name) => (p ? [...p.children].filter((c) => c.namespaceURI === ns && c.localName === name).length : 0);
  const attr = (name, a) => child(root, V3, name)?.getAttribute(a) ?? null;
  const body = child(child(root, V3, 'component'), V3, 'nonXMLBody');
  const text = (ns, name) => child(body, ns, name)?.textContent ?? null;
  return {
    clinicalDocument: root.namespaceURI === V3 && root.localName === 'ClinicalDocument',
    id: attr('id', 'root'),
    setId: attr('setId', 'root'),
    versionNumber: attr('versionNumber', 'value'),
    bodyId: body ? body.getAttribute('ID') : null,
    json: text('urn:hl7finland', 'json'),
    xhtml: text(V3, 'text'),
    contentSpecificationId: d.getElementsByTagNameNS('urn:hl7finland', 'contentSpecificationId')[0]?.textContent.trim() ?? null,
    duplicates: [
      [root, V3, 'id', '/ClinicalDocument/id'],
      [root, V3, 'setId', '/ClinicalDocument/setId'],
      [root, V3, 'versionNumber', '/ClinicalDocument/versionNumber'],
      [root, V3, 'component', '/ClinicalDocument/component'],
      [child(root, V3, 'component'), V3, 'nonXMLBody', '/ClinicalDocument/component/nonXMLBody'],
      [body, 'urn:hl7finland', 'json', '/ClinicalDocument/component/nonXMLBody/ep2:json'],
      [body, V3, 'text', '/ClinicalDocument/component/nonXMLBody/text'],
    ].filter(([p, ns, name]) => count(p, ns, name) > 1).map((x) => x[3]),
  };
}

export class SosmetaEditorElement extends HTMLElement {
  static get observedAttributes() {
    return [...INPUTS, ...OPTIONS, 'draft-storage', 'draft-key', 'role'];
  }

  #handle = null;
  #root = null;
  #dead = false;
  #lastDocument = null;
  // The text of the last document loaded, read into #lastDocument only when asked for (an
  // editor that died): reading a large document in JavaScript as well cost the task that
  // draws the form ~100 ms for 4 MB.
  #lastText = null;
  /** The archived version being corrected, as `correct()` was given it (texts): kept with
   *  the draft, so a restored draft of a correction is a correction again. */
  #correction = null;
  #correctionReasons = null;
  #cryptoKey = null;
  #draftRecord = null;
  #draftChain = Promise.resolve();
  #draftFailed = false;
  #emittedText = null;
  #inputs = { structure: undefined, document: undefined, rules: undefined, 'code-sets': undefined, markings: undefined, context: undefined };
  #queue = Promise.resolve();
  #settleReady = null;
  #drawnWaiters = [];
  /** One AbortController per input being fetched: setting the input again or removing the
   *  element for good aborts it. */
  #controllers = {};
  /** Counts connects and disconnects: a release waits to see whether the element came back. */
  #connections = 0;
  /** How many times each input was set after mounting (see #change). */
  #turns = {};
  #draftWarned = false;
  /** Resolves when the editor is mounted and its whole form is in the DOM (the wasm module
   *  is loaded once per page). A large form is drawn a screenful at a time: its top takes
   *  input before `ready`; the form is `aria-busy` until the rest is drawn. Rejects when
   *  the element is removed before it was ready. */
  ready = this.#newReady();

  #newReady() {
    let settle;
    const p = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    // A host that never awaits `ready` gets no unhandled-rejection noise; one that does
    // still sees the rejection.
    p.catch(() => {});
    this.#settleReady = settle;
    return p;
  }

  #limit() {
    const v = Number(this.getAttribute('max-bytes'));
    return Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_BYTES;
  }

  #timeout() {
    const v = Number(this.getAttribute('fetch-timeout'));
    return Number.isFinite(v) && v > 0 ? v : DEFAULT_FETCH_TIMEOUT;
  }

  /** Text of one input, fetched under this element's limits; a newer fetch of the same
   *  input aborts the older one. */
  async #text(name, value) {
    this.#controllers[name]?.abort();
    const c = new AbortController();
    this.#controllers[name] = c;
    try {
      return await inputText(value, { signal: c.signal, limit: this.#limit(), timeout: this.#timeout() });
    } finally {
      if (this.#controllers[name] === c) delete this.#controllers[name];
    }
  }

  constructor() {
    super();
    // Properties a host set on the element before this module defined it (a framework
    // renders `<sosmeta-editor>` and sets `codeSets`, `structure`, … before the lazy
    // module loads) sit on the instance and would hide the class's setters: take them
    // and set them again through the setters (the "upgrade property" pattern).
    for (const prop of UPGRADED) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const v = this[prop];
        delete this[prop];
        this[prop] = v;
      }
    }
  }

  connectedCallback() {
    this.#connections++;
    if (this.#root) {
      // Moved or re-inserted before the release: the same editor, with what was typed.
      if (this.#root.parentNode !== this) this.append(this.#root);
      return;
    }
    ensureStyles();
    const root = document.createElement('div');
    root.className = 'sm-element-root';
    this.#root = root;
    this.append(root);
    // Fetch every input while the WebAssembly module loads (they do not depend on it).
    const given = (name) => (this.#inputs[name] !== undefined ? this.#inputs[name] : this.getAttribute(name));
    const names = ['code-sets', 'markings', 'rules', 'context', 'structure', 'document'];
    const take = async (name) => {
      const v = given(name);
      if (v == null || (name === 'code-sets' && typeof v === 'function')) return { v };
      try { return { v, text: await this.#text(name, v) }; } catch (e) { return { v, error: e }; }
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
        this.#settleReady?.reject(new Error('the WebAssembly module could not be loaded'));
        return;
      }
      if (this.#root !== root) return; // released while loading (ready already rejected)
      this.#handle = new EditorHandle(root, (name, detail) => this.#fire(name, parseExact(detail)));
      for (const o of OPTIONS) {
        if (this.hasAttribute(o)) this.#call((h) => h.setOption(o, o === 'readonly' ? 'true' : this.getAttribute(o)));
      }
      if (!this.hasAttribute('author-role') && AUTHOR_ROLES.includes(this.getAttribute('role'))) this.#legacyRole(this.getAttribute('role'));
      // Apply the inputs in order; structure and document together, so the form is drawn
      // once, with the document.
      // An input set again while the module loaded replaces what was fetched for it.
      const texts = await fetched;
      if (this.#root !== root) return;
      await Promise.all(names.map(async (name, i) => {
        if (texts[i].v !== given(name)) texts[i] = await take(name);
      }));
      if (this.#root !== root) return;
      const [codeSets, markings, rules, context, structure, doc] = texts;
      for (const [name, r] of [['code-sets', codeSets], ['markings', markings], ['rules', rules], ['context', context]]) {
        if (r.v != null) await this.#applyTaken(name, r);
      }
      if (this.#correctionReasons != null) this.correctionReasons = this.#correctionReasons;
      // A draft kept in this tab's sessionStorage (host opt-in) when no document is given:
      // only the draft of this document (draft-key / doc-oid), never another client's.
      let draft = null;
      if (doc.v == null && this.#cryptoKey) {
        const key = this.#cryptoKey;
        const identity = this.#draftIdentity('draftCryptoKey');
        if (identity) {
          await this.#draftStep(async () => {
            const found = await findDraft(key, identity);
            if (found) { this.#draftRecord = { identity, id: found.id }; draft = found.text; }
          });
        }
        if (this.#root !== root) return;
      } else if (doc.v == null) {
        draft = this.#readDraft();
      }
      let restoredCorrection = null;
      if (draft != null) {
        const d = unwrapDraft(draft);
        restoredCorrection = d.correction;
        doc.v = d.document; doc.text = d.document;
      }
      if (structure.text != null && doc.text != null && !doc.error) {
        // Read the structure's text, then make its model, then read the document, then
        // start the editor, then draw, each in a task of its own: the page paints and takes input in between (one task for all
        // of it blocked a 4 MB document's page for ~430 ms).
        // (The texts were decoded in the task that fetched them: a task of their own too.)
        await nextTask();
        if (this.#root !== root) return;
        const still = () => this.#root === root;
        if (!(await this.#readInParts('structure', structure.text, still))) return;
        await nextTask();
        if (this.#root !== root) return;
        this.#call((h) => h.prepare());
        await nextTask();
        if (this.#root !== root) return;
        let ok = await this.#readInParts('document', doc.text, still);
        if (!still()) return;
        await nextTask();
        if (this.#root !== root) return;
        if (ok) {
          ok = this.#call((h) => h.prepareDocument(), false);
          await nextTask();
          if (this.#root !== root) return;
        }
        // Starting the editor (the rules, the assessment) a step per task too.
        while (this.#call((h) => h.prepareStep(), false)) {
          await nextTask();
          if (this.#root !== root) return;
        }
        this.#call((h) => h.show());
        if (ok) this.#keepLast(doc.text);
        if (typeof given('code-sets') === 'function') await this.#applyProvider(given('code-sets'));
      } else {
        if (structure.v != null) await this.#applyTaken('structure', structure);
        if (doc.v != null) await this.#applyTaken('document', doc);
      }
      // A draft of a correction: the archived version opened again, then the worker's draft
      // (never a plain first version with no reason).
      if (restoredCorrection && this.correct(restoredCorrection)) this.#call((h) => h.setDocument(doc.text));
      // The editor draws in the microtasks after load; then a large form is still drawing
      // (in later tasks) until `sosmeta-drawn`.
      await new Promise((r) => setTimeout(r, 0));
      if (this.#root !== root) return;
      if (!this.#call((h) => h.isDrawn(), true)) await new Promise((r) => this.#drawnWaiters.push(r));
      if (this.#root !== root) return;
      if (this.isConnected) this.#settleReady.resolve(this);
      // Removed meanwhile: the release queued by the removal runs first and rejects `ready`;
      // put back in the same task, it is still this editor, and ready.
      else setTimeout(() => { if (this.#root === root && this.isConnected) this.#settleReady.resolve(this); }, 0);
    });
  }

  disconnectedCallback() {
    // A move (`other.append(el)`) disconnects and connects again at once: keep everything.
    // Only a removal that lasts past the current task frees the editor.
    const seen = this.#connections;
    setTimeout(() => {
      if (!this.isConnected && this.#connections === seen) this.#release();
    }, 0);
  }

  /** Frees the editor: aborts fetches, destroys the Yew app, releases the wasm memory,
   *  rejects a `ready` that had not resolved. Connecting again mounts a new editor. */
  #release() {
    for (const c of Object.values(this.#controllers)) c.abort();
    this.#controllers = {};
    if (this.#handle) {
      // A handle whose wasm trapped may not free cleanly; the element is gone either way.
      try { this.#handle.free(); } catch { /* already reported */ }
      this.#handle = null;
    }
    if (this.#root) this.#root.remove();
    this.#root = null;
    this.#settleReady.reject(new Error('sosmeta-editor was removed before it was ready'));
    this.#drawn();
    this.ready = this.#newReady();
    this.#dead = false;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'draft-storage' || name === 'draft-key') return; // read when used
    if (name === 'role') {
      // An ARIA role is the host's business; an author role there is the old spelling.
      if (AUTHOR_ROLES.includes(value) && !this.hasAttribute('author-role')) this.#legacyRole(value);
      return;
    }
    if (INPUTS.includes(name)) {
      this.#inputs[name] = undefined; // the attribute wins over an earlier property
      if (this.#handle && value != null) this.#change(name, value);
    } else {
      const v = name === 'readonly' ? String(value !== null) : value ?? '';
      this.#call((h) => h.setOption(name, v));
    }
  }

  #warnedRole = false;
  /** The old `role="provider"` spelling of `author-role`: applied, with a warning once. */
  #legacyRole(value) {
    if (!this.#warnedRole) {
      this.#warnedRole = true;
      console.warn('sosmeta-editor: use author-role="…" (role is the ARIA attribute; role="' + value + '" is an invalid ARIA role)');
    }
    this.#call((h) => h.setOption('author-role', value));
  }

  /** Test hook (see src/element.rs): makes this element's wasm panic. */
  panicForTests() {
    this.#call((h) => h.panicForTests());
  }

  /** Test hook: bytes of WebAssembly memory the page's editors use (it only grows). */
  static async wasmMemoryBytes() {
    return (await loadWasm()).memory.buffer.byteLength;
  }

  /**
   * Whether `audience` ('client', 'guardian', 'professional') sees a document at all, for a
   * portal's list that shows only what its viewer may open. Each input is an object, JSON
   * text or a URL, as the element's properties; `today` is `YYYY-MM-DD` (else Finland's).
   */
  static async audienceSees({ structure, document: doc, markings = null, audience, today = '' }) {
    await loadWasm();
    const [s, d, m] = await Promise.all([structure, doc, markings].map((v) => inputText(v)));
    return audienceSees(s ?? '', d ?? '', m ?? '', audience, today ?? '');
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
    let lastDocument = null;
    try { lastDocument = this.#lastKept(); } catch { /* a number JavaScript cannot hold: getDocumentText() has it */ }
    this.#fire('sosmeta-error', { code: 'internal-error', source: 'wasm', pointer: '', message, lastDocument });
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

  /** An input set after mounting. A new structure takes the old one out at once: until
   *  it arrives, `validate()`, `getDocument()` and `emit()` answer for no form rather than
   *  for the structure the attribute no longer names. */
  #change(name, value) {
    // The older fetch of this input is aborted now, not when the queue reaches the newer
    // one (a fetch that never answers would hold the queue until its timeout).
    this.#controllers[name]?.abort();
    if (name === 'structure') this.#call((h) => h.unloadStructure());
    // Only the newest value of an input is applied: an older one still waiting in the
    // queue is skipped.
    const turn = (this.#turns[name] = (this.#turns[name] || 0) + 1);
    return this.#enqueue(() => (turn === this.#turns[name] ? this.#apply(name, value) : undefined));
  }

  /** Hands a JSON text to the WebAssembly and reads it, a part (2 MiB) a task: false when
   *  `still()` turned false meanwhile (released, or a newer input) or there is no
   *  structure to read a document for. */
  async #readInParts(kind, text, still) {
    const first = text.slice(0, partEnd(text, 0));
    if (kind === 'structure') this.#call((h) => h.readStructure(first));
    else if (!this.#call((h) => h.readDocument(first), false)) return false;
    for (let a = first.length, b; a < text.length; a = b) {
      await nextTask();
      if (!still()) return false;
      b = partEnd(text, a);
      this.#call((h) => h.moreText(text.slice(a, b)));
    }
    while (this.#call((h) => h.readStep(), false)) {
      await nextTask();
      if (!still()) return false;
    }
    return true;
  }

  /** Applies an input whose text (or fetch error) was taken at mount. */
  async #applyTaken(name, taken) {
    if (name === 'code-sets' && typeof taken.v === 'function') return this.#applyProvider(taken.v);
    if (taken.error) return this.#reportInputError(name, taken.error);
    return this.#applyText(name, taken.text ?? taken.v);
  }

  async #apply(name, value) {
    if (!this.#handle || this.#dead) return;
    if (name === 'code-sets' && typeof value === 'function') {
      return this.#applyProvider(value);
    }
    let text;
    try {
      text = await this.#text(name, value);
    } catch (e) {
      // An input replaced while it was fetched: the newer one is applied instead.
      if (e instanceof InputError && e.code === 'aborted') return;
      this.#reportInputError(name, e);
      return;
    }
    return this.#applyText(name, text);
  }

  #reportInputError(name, e) {
    if (e instanceof InputError && e.code === 'aborted') return;
    const code = e instanceof InputError ? e.code : 'load-failed';
    this.#call((h) => h.reportError(code, name === 'code-sets' ? 'codeSets' : name, String(e && e.message ? e.message : e)));
  }

  async #applyText(name, text) {
    if (!this.#handle || text == null) return;
    switch (name) {
      case 'structure': {
        // Read in parts (a 16 MiB structure at once was a ~400 ms task); a newer structure
        // or a removal meanwhile leaves this one unset.
        const root = this.#root;
        const turn = this.#turns.structure;
        if (!(await this.#readInParts('structure', text, () => this.#root === root && this.#turns.structure === turn))) break;
        this.#call((h) => h.setReadStructure());
        if (typeof this.#inputs['code-sets'] === 'function') await this.#applyProvider(this.#inputs['code-sets']);
        break;
      }
      case 'document': this.#call((h) => h.setDocument(text)); break;
      case 'rules': this.#call((h) => h.setRules(text)); break;
      case 'code-sets': this.#call((h) => h.setCodeSets(text)); break;
      case 'markings': this.#call((h) => h.setMarkings(text)); break;
      case 'context': this.#call((h) => h.setContext(text)); break;
    }
  }

  /** Asks a host callback for each classification OID the structure uses. */
  async #applyProvider(provider) {
    const oids = this.#call((h) => h.codeSetOids(), []);
    const sets = {};
    // A callback that never answers must not stall the element: each list waits at most
    // `code-sets-timeout` ms (default 10 000); the ones that came are used, the rest said.
    const limit = Number(this.getAttribute('code-sets-timeout')) || CODE_SET_TIMEOUT_MS;
    const late = [];
    try {
      await Promise.all(oids.map(async (oid) => {
        let timer;
        const timeout = new Promise((r) => { timer = setTimeout(() => r(TIMED_OUT), limit); });
        const list = await Promise.race([Promise.resolve(provider(oid)), timeout]).finally(() => clearTimeout(timer));
        if (list === TIMED_OUT) late.push(oid);
        else if (Array.isArray(list)) sets[oid] = list;
      }));
    } catch (e) {
      this.#call((h) => h.reportError('load-failed', 'codeSets', `code-set callback failed: ${e && e.message ? e.message : e}`));
      return;
    }
    if (late.length > 0) {
      this.#call((h) => h.reportError('load-failed', 'codeSets', `code-set callback did not answer within ${limit} ms for ${late.join(', ')}; those fields take a free code`));
    }
    this.#call((h) => h.setCodeSets(JSON.stringify(sets)));
  }

  /** sessionStorage key of this element's draft, when the host opted in with
   *  `draft-storage="session"` AND said which document it is (`draft-key`, else `doc-oid`).
   *  A draft is never shared between documents: without a key nothing is stored, and the
   *  host is told once (`sosmeta-error`, attribute-invalid). */
  #draftKey() {
    if (this.#cryptoKey || this.getAttribute('draft-storage') !== 'session') return null;
    return this.#draftIdentity('draft-storage');
  }

  /** What identifies this document's draft: `draft-key` (else `doc-oid`) and the structure.
   *  Without it nothing is stored, and the host is told once. */
  #draftIdentity(source) {
    const id = this.getAttribute('draft-key') || this.getAttribute('doc-oid');
    if (!id) {
      if (!this.#draftWarned) {
        this.#draftWarned = true;
        const message = `${source === 'draftCryptoKey' ? 'draftCryptoKey' : 'draft-storage="session"'} needs draft-key (or doc-oid): what identifies this document and its client; no draft is kept without it`;
        this.#call((h) => h.reportError('attribute-invalid', source, message));
        if (!this.#handle) this.#fire('sosmeta-error', { code: 'attribute-invalid', source, pointer: '', message });
      }
      return null;
    }
    const given = this.#inputs.structure;
    const s = typeof given === 'string' ? given
      : given && typeof given === 'object' ? (given.sosmeta && given.sosmeta.oid) || JSON.stringify(given)
      : this.getAttribute('structure');
    return `sosmeta-editor-draft:${id}\u0000${(s || '').slice(0, 200)}`;
  }

  /** Runs one encrypted-draft step after the ones before it (saves land in order). A
   *  failure (no IndexedDB, quota) is said once; editing goes on. */
  #draftStep(fn) {
    this.#draftChain = this.#draftChain.then(fn).catch((e) => {
      if (this.#draftFailed) return;
      this.#draftFailed = true;
      const message = `the encrypted draft could not be kept: ${e && e.message ? e.message : e}`;
      this.dispatchEvent(new CustomEvent('sosmeta-error', { detail: { code: 'draft-failed', source: 'draftCryptoKey', pointer: '', message }, bubbles: true, composed: true }));
    });
    return this.#draftChain;
  }

  /** Encrypts and stores the draft under a fresh IV, replacing this document's record. */
  #saveEncrypted(text) {
    const key = this.#cryptoKey;
    const identity = this.#draftIdentity('draftCryptoKey');
    if (!key || !identity) return;
    this.#draftStep(async () => {
      // The record belongs to one identity: another client's (a draft-key changed on a
      // live element) is looked up, never overwritten.
      if (this.#draftRecord?.identity !== identity) {
        this.#draftRecord = { identity, id: (await findDraft(key, identity))?.id ?? crypto.randomUUID() };
      }
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(identity) }, key, encoder.encode(text));
      const record = { id: this.#draftRecord.id, iv, data };
      await inDrafts('readwrite', (s) => request(s.put(record)));
    });
  }

  /** Deletes this document's encrypted draft (on emit, or when the host says so). */
  discardDraft() {
    const key = this.#cryptoKey;
    const identity = key ? this.#draftIdentity('draftCryptoKey') : null;
    return this.#draftStep(async () => {
      if (!key || !identity) return;
      const id = (this.#draftRecord?.identity === identity ? this.#draftRecord.id : null) ?? (await findDraft(key, identity))?.id;
      this.#draftRecord = null;
      if (id) await inDrafts('readwrite', (s) => request(s.delete(id)));
    });
  }

  /** The host's AES-GCM `CryptoKey` (not extractable) to keep the draft encrypted in
   *  IndexedDB; null: nothing is stored (unless `draft-storage="session"`). Set it before
   *  the element connects so a kept draft is restored when no document is given. */
  get draftCryptoKey() { return this.#cryptoKey; }
  set draftCryptoKey(k) {
    if (k == null) { this.#cryptoKey = null; this.#draftRecord = null; return; }
    if (!usableDraftKey(k)) {
      this.#cryptoKey = null;
      const message = 'draftCryptoKey must be an AES-GCM CryptoKey for encrypt and decrypt that is not extractable; no draft is kept';
      // An event for the host, not an alert in the form: the worker's editing goes on.
      this.#fire('sosmeta-error', { code: 'draft-key-invalid', source: 'draftCryptoKey', pointer: '', message });
      return;
    }
    this.#cryptoKey = k;
    this.#draftRecord = null;
    // Set after the element connected: the kept draft of this document is restored (as at
    // connect, when the host gave no document) before any save can replace it.
    if (this.#handle && this.#inputs.document === undefined && !this.hasAttribute('document')) {
      const identity = this.#draftIdentity('draftCryptoKey');
      if (!identity) return;
      this.#draftStep(async () => {
        const found = await findDraft(k, identity);
        if (!found || this.#cryptoKey !== k) return;
        this.#draftRecord = { identity, id: found.id };
        const d = unwrapDraft(found.text);
        if (d.correction) this.correct(d.correction);
        if (this.#call((h) => h.setDocument(d.document), false)) this.#keepLast(d.document);
      });
    }
  }

  /** The kept draft of exactly this document (its key is stored with it and compared). */
  #readDraft() {
    const key = this.#draftKey();
    if (!key) return null;
    try {
      const kept = JSON.parse(sessionStorage.getItem(key) || 'null');
      return kept && kept.key === key && typeof kept.document === 'string' ? kept.document : null;
    } catch { return null; }
  }

  /** Keeps `text` as the last document loaded (read when asked for: #lastKept). */
  #keepLast(text) {
    this.#lastText = text;
    this.#lastDocument = null;
  }

  /** The last document loaded or changed, as a JSON object; null when none. */
  #lastKept() {
    if (this.#lastText != null) {
      this.#lastDocument = parseExact(this.#lastText);
      this.#lastText = null;
    }
    return this.#lastDocument;
  }

  #fire(name, detail) {
    if (name === 'sosmeta-drawn') this.#drawn();
    if (name === 'sosmeta-emit') withBytes(detail);
    if (name === 'sosmeta-change' && detail && detail.document) {
      this.#lastDocument = detail.document;
      this.#lastText = null;
      const key = this.#draftKey();
      if (key) try { sessionStorage.setItem(key, JSON.stringify({ key, document: wrapDraft(JSON.stringify(detail.document), this.#correction) })); } catch { /* quota: keep editing */ }
      // The document just archived is no draft (a debounced change can come after emit).
      const text = JSON.stringify(detail.document);
      if (this.#cryptoKey && text !== this.#emittedText) this.#saveEncrypted(wrapDraft(text, this.#correction));
    }
    if (name === 'sosmeta-emit') {
      const key = this.#draftKey();
      if (key) sessionStorage.removeItem(key);
      this.#emittedText = detail && detail.files ? detail.files['document.json'] : null;
      if (this.#cryptoKey) this.discardDraft();
    }
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  #setInput(name, value) {
    // A code-set callback set again as an equal function (the same source text: a
    // framework passes a new inline arrow function on every render) is the same loader:
    // the lists it gave are not asked for again.
    const old = this.#inputs[name];
    if (typeof value === 'function' && typeof old === 'function' && (value === old || String(value) === String(old))) {
      this.#inputs[name] = value;
      return this.ready;
    }
    this.#inputs[name] = value;
    if (this.#handle) return this.#change(name, value);
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
  /** The host context (document OID, case id, organiser, author, …; docs/cda.md). */
  get context() { return this.#inputs.context ?? this.getAttribute('context'); }
  set context(v) { this.#setInput('context', v); }
  get rules() { return this.#inputs.rules ?? this.getAttribute('rules'); }
  set rules(v) { this.#setInput('rules', v); }
  /** Code lists by OID (object, array of list files, JSON text, URL) or `(oid) => list | Promise<list>`. */
  get codeSets() { return this.#inputs['code-sets'] ?? this.getAttribute('code-sets'); }
  set codeSets(v) { this.#setInput('code-sets', v); }

  /** Validates now, shows every issue, fires `sosmeta-validate`; null without a form. */
  validate() {
    const r = this.#call((h) => h.validate());
    return r == null ? null : parseExact(r);
  }

  /** Produces the signed-ready bundle (fires `sosmeta-emit`) or the reasons it cannot. */
  emit() {
    const r = this.#call((h) => h.emit());
    return r == null ? null : withBytes(parseExact(r));
  }

  /** The document as a JSON object (canonical: as it would be archived); null without a
   *  form. Numbers a JavaScript number cannot hold exactly are `JSON.rawJSON` values, so
   *  `JSON.stringify` gives back the archived bytes. */
  getDocument() {
    if (this.#dead) return this.#lastKept();
    const t = this.#call((h) => h.getDocument());
    return t == null ? null : parseExact(t);
  }

  /** The document's canonical JSON text, exactly as `emit()` archives it; null without a form. */
  getDocumentText() {
    if (this.#dead) {
      let d;
      // A number this browser cannot hold exactly: the text as it was loaded.
      try { d = this.#lastKept(); } catch { return this.#lastText; }
      return d == null ? null : JSON.stringify(d);
    }
    return this.#call((h) => h.getDocument()) ?? null;
  }

  /** Replaces the document (object or JSON text): true when it was applied; false and a
   *  `sosmeta-error` when it was not (it does not fit, it is too large, or the editor is
   *  not ready yet — `await el.ready` first, or set the `document` property, which is
   *  applied when the editor mounts). Never both. */
  setDocument(doc) {
    if (!this.#handle || this.#dead) {
      this.#fire('sosmeta-error', { code: 'not-ready', source: 'document', pointer: '', message: 'setDocument() before the editor is ready: await el.ready, or set the document property (applied when it mounts)' });
      return false;
    }
    const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
    if (overLimit(text, this.#limit())) {
      this.#call((h) => h.reportError('input-too-large', 'document', `input larger than the limit of ${this.#limit()} bytes (max-bytes)`));
      return false;
    }
    const ok = this.#call((h) => h.setDocument(text), false);
    if (ok) {
      this.#inputs.document = doc;
      this.#keepLast(text);
    }
    return ok;
  }

  /** Opens an archived version for correction: `{ document, metadata, markings? }` (each
   *  an object or JSON text: its document.json, metadata.json and markings file), or
   *  `{ cda, markings? }` (its document.cda.xml text). True
   *  when applied; false and a `sosmeta-error` `archived-invalid` when not. `emit()` then
   *  gives the next version, with `changes`. */
  correct(archived) {
    if (!this.#handle || this.#dead) {
      this.#fire('sosmeta-error', { code: 'not-ready', source: 'archived', pointer: '', message: 'correct() before the editor is ready: await el.ready' });
      return false;
    }
    const text = (v) => (v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    const a = archived || {};
    const parts = a.cda != null ? [text(a.cda), text(a.markings)] : [text(a.document), text(a.metadata), text(a.markings)];
    if (parts.some((t) => overLimit(t, this.#limit()))) {
      this.#call((h) => h.reportError('input-too-large', 'archived', `input larger than the limit of ${this.#limit()} bytes (max-bytes)`));
      return false;
    }
    const ok = a.cda != null
      ? this.#call((h) => h.correctCda(JSON.stringify(cdaParts(parts[0])), parts[1]), false)
      : this.#call((h) => h.correct(parts[0], parts[1], parts[2]), false);
    if (ok) this.#correction = a.cda != null ? { cda: parts[0], markings: parts[1] } : { document: parts[0], metadata: parts[1], markings: parts[2] };
    return ok;
  }

  /** The host's reason-of-correction codes: `[{ code, displayName }]` (its own list). */
  get correctionReasons() { return this.#correctionReasons; }
  set correctionReasons(v) {
    this.#correctionReasons = v;
    const t = v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    this.#call((h) => h.setCorrectionReasons(t));
  }

  /** The invalidation request of an archived version: `{ metadata, reasonCode,
   *  reasonDisplay, text }` → `{ ok: true, request }` (and `sosmeta-invalidate`) or
   *  `{ ok: false, reason }`. No new content; the host sends the request. */
  invalidate(r) {
    const a = r || {};
    const meta = a.metadata == null ? '' : typeof a.metadata === 'string' ? a.metadata : JSON.stringify(a.metadata);
    const out = this.#call((h) => h.invalidate(meta, String(a.reasonCode ?? ''), String(a.reasonDisplay ?? ''), String(a.text ?? '')));
    return out == null ? null : JSON.parse(out);
  }

  /** Shows every issue and focuses the first; false when there is none. */
  focusFirstIssue() {
    return this.#call((h) => h.focusFirstIssue(), false);
  }
}

for (const a of OPTIONS) {
  const prop = camel(a);
  Object.defineProperty(SosmetaEditorElement.prototype, prop, {
    get() {
      if (a === 'readonly') return this.hasAttribute(a);
      // The structure's own rules apply unless the host says derived-rules="false".
      if (a === 'derived-rules') return this.getAttribute(a) !== 'false';
      // `lang` reads as HTMLElement's own does: '' when absent.
      if (a === 'lang') return this.getAttribute(a) ?? '';
      return this.getAttribute(a);
    },
    set(v) {
      if (a === 'readonly') this.toggleAttribute(a, Boolean(v));
      else if (a === 'derived-rules') this.setAttribute(a, v === false || v === 'false' ? 'false' : 'true');
      else if (v == null || (a === 'lang' && v === '')) this.removeAttribute(a);
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
