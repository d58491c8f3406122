// End-to-end tests of the release demo in headless Chromium (Playwright driving the system
// browser) with axe-core accessibility checks and ajv as an independent JSON Schema validator.
//
//   node tools/e2e.mjs [--quick] [--only NAME-PART]   (scripts/test builds dist/ first)
//
// Serves dist/ at /, the real corpus at /corpus/ and tests/data at /data/ from a tiny
// loopback-only server. Prints "N passed, M failed" at the end.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.join(root, 'dist');
const corpus = path.resolve(root, '..', 'shared', 'sosmeta', 'structures');
const quick = process.argv.includes('--quick');
const ci = process.env.CI === 'true';

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error('dist/index.html missing: run `trunk build --release --offline` first');
  process.exit(2);
}
const haveCorpus = fs.existsSync(corpus);
if (!haveCorpus) {
  if (ci) { console.error('CI=true but ../shared/sosmeta/structures is missing'); process.exit(1); }
  console.log('NOTICE: ../shared/sosmeta/structures not found; skipping real-corpus browser tests');
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
const hanging = new Set();
let hangAborts = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  // A structure that never arrives (issue 12): the request stays open until the client
  // aborts it; `aborted` counts the aborts the element made.
  if (url.pathname.startsWith('/hang/')) { hanging.add(res); req.on('close', () => { hanging.delete(res); hangAborts++; }); return; }
  let file;
  const p = decodeURIComponent(url.pathname);
  if (p.startsWith('/corpus/')) file = path.join(corpus, path.basename(p));
  else if (p.startsWith('/data/')) file = path.join(root, 'tests', 'data', path.basename(p));
  else file = path.join(dist, p === '/' ? 'index.html' : path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ajv = new Ajv({ strict: false, allErrors: true });

let passed = 0, failed = 0;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
async function test(name, fn) {
  if (only && !name.includes(only)) return;
  const t0 = Date.now();
  try { await fn(); passed++; console.log(`ok   ${name} (${Date.now() - t0} ms)`); }
  catch (e) { failed++; console.log(`FAIL ${name}\n     ${String(e && e.stack || e).split('\n').slice(0, 6).join('\n     ')}`); }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

async function open(query = '', viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(`${base}/${query}`);
  await page.waitForSelector('.sm-editor, .demo-error', { timeout: 20000 });
  return { page, errors, context };
}

async function axe(page, what) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const v = r.violations.map(x => `${x.id}: ${x.help} (${x.nodes.length}) e.g. ${x.nodes[0].target}`);
  assert(v.length === 0, `axe ${what}: ${v.length} violation(s)\n       ${v.join('\n       ')}`);
}

/** Fill whatever the focused field needs, through the UI. */
async function fillFocused(page) {
  const info = await page.evaluate(() => {
    let el = document.activeElement;
    if (!el) return null;
    const inputs = el.matches('input,select,textarea') ? [el] : [...el.querySelectorAll('input,select,textarea')];
    const add = el.matches('input,select,textarea') ? null : el.querySelector(':scope > .sm-add, :scope > fieldset > .sm-add');
    const target = inputs.find(i => !i.value && i.type !== 'date' && !i.disabled) || inputs[0];
    if (!target) return { add: !!add, id: el.id };
    target.focus();
    return { tag: target.tagName.toLowerCase(), type: target.type, id: target.id, placeholder: target.placeholder || '', value: target.value, add: !!add, checked: target.checked };
  });
  if (!info) return;
  if (!info.tag) {
    if (info.add) await page.evaluate(() => document.activeElement.querySelector('.sm-add').click());
    return;
  }
  const k = page.keyboard;
  if (info.tag === 'select') {
    await page.evaluate(() => { const s = document.activeElement; s.selectedIndex = 1; s.dispatchEvent(new Event('change', { bubbles: true })); });
  } else if (info.type === 'checkbox') {
    await k.press('Space');
  } else if (info.type === 'datetime-local') {
    await page.fill(`[id="${info.id}"]`, '2026-03-19T13:33:30');
  } else if (info.placeholder === 'pp.kk.vvvv') {
    await k.type('23.3.2026');
  } else if (info.type === 'number') {
    await k.type('3');
  } else if (info.placeholder === 'Koodi') {
    await k.type('1');
    await page.fill(`[id="${info.id}-display"]`, 'Selite');
  } else if (info.id.endsWith('-unit')) {
    await k.type('EUR');
  } else if (/henkilotunnus/.test(info.id)) {
    // A valid adult's code: an invalid one makes the age unknown, which asks for the
    // guardian mark (issue 12).
    await k.type('131052-308T');
  } else {
    await k.type(info.value ? '' : 'Testi');
    const unit = await page.$(`[id="${info.id}-unit"]`);
    if (unit && !(await unit.inputValue())) await unit.fill('m2');
    if (info.value === '' && (await page.$(`[id="${info.id}-unit"]`))) await page.fill(`[id="${info.id}"]`, '12,5');
  }
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
}

/** Emit; while the summary lists errors, follow the first link and fill that field. */
async function fillAllRequired(page, limit = 400) {
  for (let i = 0; i < limit; i++) {
    await page.click('.sm-primary');
    const done = await page.$('.demo-bundle');
    if (done) return i;
    // A document that tells no client age asks for the guardian mark (issue 15): a worker
    // answers it in the markings panel.
    const guardian = await page.$('#sm-mk-guardian-shown');
    if (guardian && !(await guardian.isChecked()) && /huoltajalle/.test(await page.textContent('.sm-summary'))) {
      await guardian.check();
      continue;
    }
    // A minor's disclosed document carries the coded decision for the header (issue 22).
    const consent = await page.$('#sm-mk-consent');
    if (consent && !(await consent.isChecked()) && /koodina/.test(await page.textContent('.sm-summary'))) {
      await consent.check();
      continue;
    }
    const link = await page.$('.sm-summary-errors a');
    assert(link, 'emit refused but the summary lists no errors: ' + (await page.textContent('.sm-status')));
    await link.click();
    await fillFocused(page);
  }
  throw new Error('could not complete the form: ' + (await page.textContent('.sm-summary')).slice(0, 400));
}

async function emittedJson(page) {
  return await page.evaluate(async () => {
    const a = [...document.querySelectorAll('.demo-files a')].find(a => a.getAttribute('download') === 'document.json');
    return await (await fetch(a.href)).text();
  });
}

const largest = haveCorpus
  ? fs.readdirSync(corpus).map(f => [fs.statSync(path.join(corpus, f)).size, f]).sort((a, b) => b[0] - a[0]).slice(0, quick ? 1 : 3).map(x => x[1])
  : [];

await test('demo loads the built-in structure with no console errors, axe clean, 360 px too', async () => {
  const { page, errors, context } = await open();
  await axe(page, 'empty form');
  await context.close();
  const small = await open('', { width: 360, height: 800 });
  const overflow = await small.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `horizontal overflow at 360 px: ${overflow}px`);
  await axe(small.page, 'empty form at 360 px');
  assert(errors.length === 0 && small.errors.length === 0, 'console errors: ' + errors.concat(small.errors).join('; '));
  await small.context.close();
});

await test('typing shows issues only after leaving the field; language switch', async () => {
  const { page, context } = await open();
  const id = 'sm/demo_asiakaskertomus/paivamaara';
  await page.click(`[id="${id}"]`);
  await page.keyboard.type('2');
  assert(!(await page.$('.sm-messages')), 'issue shown while typing the first character');
  await page.keyboard.type('3.3.');
  await page.keyboard.press('Tab');
  const msg = await page.textContent('.sm-messages');
  assert(/VVVV/.test(msg), 'pattern message after blur: ' + msg);
  await page.click(`[id="${id}"]`);
  await page.keyboard.type('2026');
  await page.keyboard.press('Tab');
  assert(!(await page.$('.sm-messages')), 'issue gone when fixed');
  await page.click('button[lang="sv"]');
  assert(await page.isVisible('text=Anteckning'), 'Swedish labels');
  assert(await page.isVisible('text=Skapa handling klar för underskrift'), 'Swedish UI text');
  await context.close();
});

await test('add / remove with undo on a repeated group', async () => {
  const { page, context } = await open();
  await page.click('text=Lisää: Asiakas');
  assert((await page.$$('section[id="sm/demo_asiakaskertomus/asiakas"] .sm-item')).length === 2, 'two items');
  await page.fill('[id="sm/demo_asiakaskertomus/asiakas/1/sukunimi"]', 'Toinen');
  await page.click('section[id="sm/demo_asiakaskertomus/asiakas"] .sm-item:nth-of-type(2) .sm-remove');
  assert((await page.$$('section[id="sm/demo_asiakaskertomus/asiakas"] .sm-item')).length === 1, 'one item');
  await page.click('text=Peru poisto');
  assert(await page.inputValue('[id="sm/demo_asiakaskertomus/asiakas/1/sukunimi"]') === 'Toinen', 'undo restores the item');
  const removeDisabled = await page.$eval('section[id="sm/demo_asiakaskertomus/asiakas"] .sm-remove', b => b.disabled);
  assert(!removeDisabled, 'with two items one can be removed');
  await context.close();
});

await test('invalid document: error summary, focus moves to it, links move focus to fields', async () => {
  const { page, context } = await open('?structure=structures/demo-kertomus.json&document=data/demo-kertomus.invalid.json');
  await page.click('.sm-primary');
  const focused = await page.evaluate(() => document.activeElement.className);
  assert(focused.includes('sm-summary'), 'focus on summary, got ' + focused);
  const links = await page.$$eval('.sm-summary-errors a', as => as.map(a => a.textContent));
  assert(links.some(t => /Päivämäärä/.test(t)), 'summary lists the date: ' + links.join(' | '));
  await axe(page, 'form with errors');
  await page.click('.sm-summary-errors a >> nth=0');
  const id = await page.evaluate(() => document.activeElement.id);
  assert(id.startsWith('sm/'), 'focus moved to a field, got ' + id);
  await context.close();
});

/** Keyboard only: Tab until the element with this id has focus. */
async function tabTo(page, id, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(x => document.activeElement && document.activeElement.id === x, id)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached #' + id);
}

await test('keyboard-only completion of the demo structure; emit equals the CLI byte for byte', async () => {
  const { page, context } = await open();
  const k = page.keyboard;
  const d = 'sm/demo_asiakaskertomus';
  await page.click('body');
  await tabTo(page, `${d}/asiakas/0/sukunimi`); await k.type('Meikäläinen');
  await tabTo(page, `${d}/asiakas/0/etunimet`); await k.type('Maija');
  await tabTo(page, `${d}/asiakas/0/henkilotunnus`); await k.type('131052-308T');
  await tabTo(page, `${d}/kaynnin_ajankohta`); await k.type('1120'); await k.type('2026'); await k.press('ArrowRight'); await k.type('093000'); await k.type('A');
  await tabTo(page, `${d}/kayntityyppi`); await k.press('ArrowDown');
  await tabTo(page, `${d}/merkinta`); await k.type('Kotikäynti, keskusteltiin tilanteesta.');
  await tabTo(page, `${d}/asiakas_osallistui`); await k.press('Space');
  await tabTo(page, `${d}/laatija/0/sukunimi`); await k.type('Virtanen');
  await tabTo(page, `${d}/laatija/0/etunimet`); await k.type('Anna');
  await tabTo(page, `${d}/paivamaara`); await k.type('20.11.2026');
  await k.press('Tab');
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement.classList.contains('sm-primary'))); i++) await k.press('Tab');
  await k.press('Enter');
  const bundle = await page.waitForSelector('.demo-bundle', { timeout: 5000 }).catch(() => null);
  if (!bundle) {
    const why = await page.$$eval('.sm-summary-errors a', as => as.map(a => a.textContent).join(' | '));
    const inst = await page.inputValue(`[id="${d}/kaynnin_ajankohta"]`);
    throw new Error(`not emitted: ${why} (Hetki input '${inst}')`);
  }
  const files = await page.evaluate(async () => {
    const out = {};
    for (const a of document.querySelectorAll('.demo-files a')) out[a.getAttribute('download')] = await (await fetch(a.href)).text();
    return out;
  });
  const json = JSON.parse(files['document.json']);
  assert(json.demo_asiakaskertomus.paivamaara === '2026-11-20', 'date stored ISO');
  assert(json.demo_asiakaskertomus.asiakas_osallistui === true, 'switch');
  assert(json.demo_asiakaskertomus.kayntityyppi.code === '1', 'code chosen with the arrow key');
  assert(/^2026-11-20T09:30:00[+-]\d\d:\d\d$/.test(json.demo_asiakaskertomus.kaynnin_ajankohta), 'instant with zone: ' + json.demo_asiakaskertomus.kaynnin_ajankohta);
  const cli = path.join(root, 'target', 'debug', 'sosmeta');
  if (fs.existsSync(cli)) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sosmeta-e2e-'));
    fs.writeFileSync(path.join(tmp, 'doc.json'), files['document.json']);
    // The demo page is a host that says its author is the organiser's worker; the CLI is
    // told the same (the role is the host's word, issue 22).
    fs.writeFileSync(path.join(tmp, 'role.json'), '{"authorRole": "organiser"}');
    execFileSync(cli, ['render', path.join(root, 'structures', 'demo-kertomus.json'), path.join(tmp, 'doc.json'), '--out', path.join(tmp, 'out'), '--markings', path.join(tmp, 'role.json')]);
    for (const name of ['document.json', 'document.xhtml', 'metadata.json', 'manifest.json']) {
      assert(fs.readFileSync(path.join(tmp, 'out', name), 'utf8') === files[name], `${name} differs from the CLI's`);
    }
    fs.rmSync(tmp, { recursive: true });
  } else {
    assert(!ci, 'target/debug/sosmeta missing in CI');
    console.log('     NOTICE: target/debug/sosmeta not built; CLI comparison skipped');
  }
  await context.close();
});

await test('drafts: nothing stored by default; session storage only after opting in; restored after reload', async () => {
  const { page, context } = await open();
  const id = 'sm/demo_asiakaskertomus/merkinta';
  await page.fill(`[id="${id}"]`, 'Luottamuksellinen merkintä');
  await page.waitForTimeout(600);
  const storage = () => page.evaluate(async () => ({
    local: localStorage.length, session: Object.keys(sessionStorage), cookies: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
  }));
  let st = await storage();
  assert(st.local === 0 && st.session.length === 0 && st.cookies === '' && st.idb === 0, 'nothing stored by default: ' + JSON.stringify(st));
  await page.reload(); await page.waitForSelector('.sm-editor');
  assert(await page.inputValue(`[id="${id}"]`) === '', 'not restored without opt-in');
  await page.check('#demo-optin');
  await page.fill(`[id="${id}"]`, 'Luonnos talteen');
  await page.waitForTimeout(700);
  st = await storage();
  assert(st.local === 0 && st.session.some(k => k.startsWith('sosmeta-demo-draft:')), 'session storage after opt-in: ' + JSON.stringify(st));
  await page.reload(); await page.waitForSelector('.sm-editor');
  await page.waitForFunction(x => document.getElementById(x) && document.getElementById(x).value === 'Luonnos talteen', id, { timeout: 5000 });
  await page.uncheck('#demo-optin');
  st = await storage();
  assert(!st.session.some(k => k.startsWith('sosmeta-demo-draft:')), 'opting out deletes the draft');
  await context.close();
});

await test('preview and print modes show the display form; axe clean', async () => {
  const { page, context } = await open('?structure=structures/demo-kertomus.json&document=data/demo-kertomus.filled.json');
  await page.check('#demo-mode-Esikatselu');
  await page.waitForSelector('.sm-display .soc-document');
  assert(await page.isVisible('text=131052*****'), 'masked henkilötunnus in preview');
  await axe(page, 'preview mode');
  await page.check('#demo-mode-Lomake');
  assert(await page.inputValue('[id="sm/demo_asiakaskertomus/merkinta"]') !== '', 'document kept across modes');
  await context.close();
});

await test('restrictions: a minor\'s document needs the guardian mark; provider proposal pending; audience previews', async () => {
  const { page, errors, context } = await open('?structure=structures/demo-lapsi.json&document=data/demo-lapsi.filled.json');
  await page.click('.sm-primary');
  const summary = await page.textContent('.sm-summary');
  assert(/alaikäinen/.test(summary), 'summary names the missing guardian mark: ' + summary);
  assert(!(await page.$('.demo-bundle')), 'no bundle without the guardian mark');
  await axe(page, 'markings panel with problems');
  // Turvakielto data never reaches the display form.
  await page.check('#sm-mk-guardian-shown');
  // The header's consent code is required too (issue 22): the summary says so, the
  // worker ticks code 1 ("alaikäinen ei kiellä").
  await page.click('.sm-primary');
  await page.waitForFunction(() => /koodina/.test(document.querySelector('.sm-summary')?.textContent || ''));
  assert(!(await page.$('.demo-bundle')), 'no bundle without the consent code');
  await page.check('#sm-mk-consent');
  await page.click('.sm-primary');
  await page.waitForSelector('.demo-bundle', { timeout: 5000 });
  const xhtml = await page.evaluate(async () => {
    const a = [...document.querySelectorAll('.demo-files a')].find(a => a.getAttribute('download') === 'document.xhtml');
    return await (await fetch(a.href)).text();
  });
  // 1505.1's note: the phone number stays, the address and municipality do not (issue 15).
  assert(!/Salainen katu|Helsinki/.test(xhtml), 'turvakielto redaction in the emitted XHTML');
  assert(/040 123 4567/.test(xhtml), 'the phone number stays under turvakielto');
  assert(!/<script/.test(xhtml), 'hostile text stays text');
  // A provider can only propose non-disclosure.
  await page.selectOption('#demo-role', 'provider');
  await page.waitForSelector('#sm-mk-guardian-hidden');
  await page.check('#sm-mk-guardian-hidden');
  await page.fill('#sm-mk-gwhy', 'Lapsen etu');
  assert(/odottaa palvelunjärjestäjän/.test(await page.textContent('.sm-proposal')), 'pending proposal shown');
  // The archive header has no element for a proposal: no bundle until the organiser
  // decides, and the summary says so (issue 15).
  await page.click('.sm-primary');
  await page.waitForFunction(() => /päättää ennen arkistointia/.test(document.querySelector('.sm-summary')?.textContent || ''));
  // Previews as the audiences see it.
  await page.check('#demo-mode-Esikatselu');
  await page.selectOption('#demo-audience', 'guardian');
  // The page previewed shows what the guardian sees (nothing, no title); the reason is the
  // professional's, in a banner beside it (issue 15).
  assert(/Ei näytettäviä tietoja/.test(await page.textContent('.sm-hidden-view')), 'guardian sees nothing');
  assert(!(await page.$('.sm-display .sm-title')), 'no title in the hidden view');
  assert(/Ei näytetä huoltajalle/.test(await page.textContent('.sm-preview-banner')), 'the professional is told why');
  await page.selectOption('#demo-audience', 'client');
  await page.waitForSelector('.sm-display .soc-document');
  // A future delay hides it from the client until then.
  await page.check('#demo-mode-Lomake');
  await page.check('#sm-mk-omakanta-delayed');
  await page.fill('#sm-mk-why', 'Viivästys');
  await page.check('#demo-mode-Esikatselu');
  await page.selectOption('#demo-audience', 'client');
  assert(/Näytetään \d+\.\d+\.\d{4} alkaen/.test(await page.textContent('.sm-preview-banner')), 'client waits for the delay');
  assert(!/Näytetään/.test(await page.textContent('.sm-display')), 'the previewed page does not say why');
  await page.selectOption('#demo-audience', 'professional');
  await page.waitForSelector('.sm-display .soc-document');
  assert(!(await page.isVisible('text=Salainen katu')), 'professional preview redacts turvakielto data too');
  await axe(page, 'professional preview');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

// ---- <sosmeta-editor> custom element and the example host pages (issue 5) ----

/** Opens an example page and waits for its element(s) to mount. */
async function openPage(file, selector = 'sosmeta-editor .sm-editor, sosmeta-editor .sm-author') {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(`${base}/${file}`);
  await page.waitForSelector(selector, { timeout: 20000 });
  await page.evaluate(() => {
    window.__events = [];
    for (const n of ['sosmeta-change', 'sosmeta-validate', 'sosmeta-emit', 'sosmeta-error', 'sosmeta-drawn']) {
      document.addEventListener(n, e => window.__events.push({ type: n, id: e.target.id, detail: e.detail }));
    }
  });
  return { page, errors, context };
}
const events = (page, type) => page.evaluate(t => window.__events.filter(e => !t || e.type === t), type);

/** Arms a wait for the next `sosmeta-change` of the page's elements (the debounced moment a
 *  draft would be saved); `await` the returned function after typing: a check that nothing
 *  was stored comes after it, never after a guessed timeout (issue 23). */
async function nextChange(page) {
  await page.evaluate(() => {
    window.__changed = false;
    for (const el of document.querySelectorAll('sosmeta-editor')) el.addEventListener('sosmeta-change', () => { window.__changed = true; }, { once: true });
  });
  return () => page.waitForFunction(() => window.__changed === true, null, { timeout: 5000 });
}

/** Runs the CLI's render on a document; returns the four files, or null without a CLI. */
function cliRender(structure, docText, extra = []) {
  const cli = path.join(root, 'target', 'debug', 'sosmeta');
  if (!fs.existsSync(cli)) {
    assert(!ci, 'target/debug/sosmeta missing in CI');
    console.log('     NOTICE: target/debug/sosmeta not built; CLI comparison skipped');
    return null;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sosmeta-e2e-'));
  fs.writeFileSync(path.join(tmp, 'doc.json'), docText);
  execFileSync(cli, ['render', structure, path.join(tmp, 'doc.json'), '--out', path.join(tmp, 'out'), ...extra]);
  const out = {};
  for (const name of ['document.json', 'document.xhtml', 'metadata.json', 'manifest.json']) out[name] = fs.readFileSync(path.join(tmp, 'out', name), 'utf8');
  fs.rmSync(tmp, { recursive: true });
  return out;
}

await test('embed.html: element mounts, host code set, change/validate/emit events, emit() equals the CLI byte for byte; axe clean', async () => {
  const { page, errors, context } = await openPage('embed.html');
  await axe(page, 'embed.html empty form');
  const d = 'sm/demo_asiakaskertomus';
  // The host code list replaced the structure's value set; the expired code is not offered.
  const opts = await page.$$eval(`[id="${d}/kayntityyppi"] option`, os => os.map(o => o.textContent));
  assert(opts.includes('1 – Tapaaminen toimistolla'), 'host code list used: ' + opts.join(' | '));
  assert(!opts.some(o => o.startsWith('9 ')), 'expired code offered: ' + opts.join(' | '));
  // Typing fires a debounced sosmeta-change with the document and issue counts.
  await page.fill(`[id="${d}/asiakas/0/sukunimi"]`, 'Meikäläinen');
  await page.waitForFunction(() => window.__events.some(e => e.type === 'sosmeta-change'), null, { timeout: 5000 });
  const change = (await events(page, 'sosmeta-change')).at(-1).detail;
  assert(change.document.demo_asiakaskertomus.asiakas[0].sukunimi === 'Meikäläinen', 'change detail document: ' + JSON.stringify(change.document));
  assert(change.errors > 0 && typeof change.warnings === 'number' && change.valid === false, 'change counts: ' + JSON.stringify(change));
  // validate(): returns and fires the same detail; the form shows the summary.
  const v = await page.evaluate(() => document.getElementById('editor').validate());
  // Errors plus marking problems (the empty form tells no client age: the guardian mark is
  // asked for, issue 15) are the error-level issues.
  assert(v.valid === false && v.errors + v.markingProblems === v.issues.filter(i => i.severity === 'error').length, 'validate detail: ' + JSON.stringify(v).slice(0, 300));
  assert(v.issues.every(i => typeof i.path === 'string' && i.code && i.message), 'issue shape');
  assert((await events(page, 'sosmeta-validate')).length === 1, 'sosmeta-validate fired once');
  await page.waitForSelector('sosmeta-editor .sm-summary');
  // emit() refused: ok false with reasons; focusFirstIssue() moves focus to a field.
  const refused = await page.evaluate(() => document.getElementById('editor').emit());
  assert(refused.ok === false && refused.reasons.length > 0, 'refusal: ' + JSON.stringify(refused).slice(0, 200));
  assert(await page.evaluate(() => document.getElementById('editor').focusFirstIssue()), 'focusFirstIssue found an issue');
  const focused = await page.evaluate(() => document.activeElement.id);
  assert(focused.startsWith('sm/'), 'focus on a field: ' + focused);
  await axe(page, 'embed.html with errors');
  // setDocument() with the filled sample, getDocument() gives it back canonically.
  const sample = fs.readFileSync(path.join(root, 'tests', 'data', 'demo-kertomus.filled.json'), 'utf8');
  await page.click('#ex-load');
  await page.waitForFunction(() => document.getElementById('editor').getDocument()?.demo_asiakaskertomus?.merkinta);
  const got = await page.evaluate(() => document.getElementById('editor').getDocument());
  assert(JSON.stringify(got) === JSON.stringify(JSON.parse(sample)), 'getDocument equals the loaded document');
  // emit(): the four payloads, bytes and manifest; the event carries the same.
  const r = await page.evaluate(() => {
    const x = document.getElementById('editor').emit();
    return { ...x, bytes: Object.fromEntries(Object.entries(x.bytes).map(([k, b]) => [k, b.length])) };
  });
  assert(r.ok === true, 'emit ok: ' + JSON.stringify(r).slice(0, 300));
  const ev = (await events(page, 'sosmeta-emit')).at(-1);
  assert(ev && ev.detail.files['document.xhtml'] === r.files['document.xhtml'], 'sosmeta-emit detail equals emit()');
  for (const f of r.manifest.files) assert(r.bytes[f.name] === f.bytes, `${f.name}: ${r.bytes[f.name]} bytes, manifest says ${f.bytes}`);
  assert(r.manifest.documentOid === '1.2.246.10.12345678.15000.2026.1', 'doc-oid attribute reached the manifest');
  const cli = cliRender(path.join(root, 'structures', 'demo-kertomus.json'), sample, ['--doc-oid', '1.2.246.10.12345678.15000.2026.1']);
  if (cli) for (const name of Object.keys(cli)) assert(cli[name] === r.files[name], `${name} differs from the CLI's`);
  await page.waitForSelector('#ex-xhtml:not([hidden])');
  await axe(page, 'embed.html with the bundle shown');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('two elements on one page work independently; removing one frees it', async () => {
  const { page, errors, context } = await openPage('embed.html');
  await page.evaluate(() => {
    const el = document.createElement('sosmeta-editor');
    el.id = 'second';
    el.setAttribute('structure', 'structures/demo-kaikki-tietotyypit.json');
    el.setAttribute('lang', 'sv');
    document.querySelector('main').append(el);
  });
  await page.waitForSelector('#second .sm-editor');
  await page.fill('[id="sm/demo_asiakaskertomus/merkinta"]', 'Vain ensimmäiseen.');
  const [a, b] = await page.evaluate(() => [document.getElementById('editor').getDocument(), document.getElementById('second').getDocument()]);
  assert(a.demo_asiakaskertomus.merkinta === 'Vain ensimmäiseen.', 'first edited');
  assert(!JSON.stringify(b).includes('Vain ensimmäiseen'), 'second untouched: ' + JSON.stringify(b).slice(0, 200));
  assert(await page.getAttribute('#second .sm-editor', 'lang') === 'sv' && await page.getAttribute('#editor .sm-editor', 'lang') === 'fi', 'languages independent');
  await page.evaluate(() => document.getElementById('editor').setAttribute('lang', 'sv'));
  await page.waitForSelector('#editor .sm-editor[lang="sv"]');
  assert((await page.inputValue('[id="sm/demo_asiakaskertomus/merkinta"]')) === 'Vain ensimmäiseen.', 'language switch keeps the text');
  await page.evaluate(() => document.getElementById('second').validate());
  const firstSummary = await page.$('#editor .sm-summary');
  assert(!firstSummary, 'validate() on the second does not show issues in the first');
  await page.evaluate(() => document.getElementById('second').remove());
  assert(await page.evaluate(() => document.getElementById('second') === null && document.querySelectorAll('.sm-element-root').length === 1), 'removed element left nothing behind');
  const v = await page.evaluate(() => document.getElementById('editor').validate());
  assert(v && v.errors > 0, 'first still works after the second was removed');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

if (largest.length) {
  await test('a large form is drawn a screenful at a time: the top takes input while the rest is drawn; ready after sosmeta-drawn', async () => {
    const { page, errors, context } = await openPage('embed.html');
    // When the first step is in the DOM, the next task (before the next step) records the
    // state and types into the first text field, as a user would while the rest is drawn.
    await page.evaluate((f) => {
      const el = document.createElement('sosmeta-editor');
      el.id = 'big';
      el.setAttribute('structure', `corpus/${f}`);
      window.__bigReady = false;
      window.__early = null;
      el.ready.then(() => { window.__bigReady = true; });
      const mo = new MutationObserver(() => {
        const input = el.querySelector('form input[type=text], form textarea');
        if (!input || window.__early) return;
        window.__early = 'seen';
        mo.disconnect();
        setTimeout(() => {
          window.__early = { busy: el.querySelector('form').getAttribute('aria-busy'), pending: el.querySelectorAll('.sm-pending').length, ready: window.__bigReady, id: input.id };
          input.value += 'Kirjoitettu kesken piirron';
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }, 0);
      });
      mo.observe(el, { childList: true, subtree: true });
      document.querySelector('main').append(el);
    }, largest[0]);
    await page.waitForFunction(() => window.__early && window.__early !== 'seen', null, { timeout: 20000 });
    const early = await page.evaluate(() => window.__early);
    assert(early.busy === 'true' && early.pending > 0 && !early.ready, 'the first step: busy, the rest pending, not ready: ' + JSON.stringify(early));
    const id = early.id;
    await page.waitForFunction(() => window.__bigReady, null, { timeout: 20000 });
    const after = await page.evaluate(() => ({
      busy: document.querySelector('#big form').hasAttribute('aria-busy'),
      pending: document.querySelectorAll('#big .sm-pending').length,
      drawn: window.__events.filter(e => e.type === 'sosmeta-drawn' && e.id === 'big').length,
    }));
    assert(!after.busy && after.pending === 0 && after.drawn === 1, 'whole form drawn once: ' + JSON.stringify(after));
    // The spacing between the form's blocks (written with :not(:first-child), not `* + *`,
    // which restyled the whole form at each drawing step): a container's first child has
    // no top margin; every later one .75rem, .25rem inside a field; none after a legend.
    const spacing = await page.evaluate(() => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      const top = (el) => parseFloat(getComputedStyle(el).marginTop) / rem;
      const bad = [];
      const form = document.querySelector('#big form');
      for (const box of [form, ...form.querySelectorAll('.sm-form-body, .sm-group, .sm-item, .sm-field')]) {
        const kids = [...box.children].filter((k) => !k.hidden && getComputedStyle(k).display !== 'none');
        kids.forEach((k, i) => {
          const after = k.previousElementSibling;
          const want = k === box.firstElementChild || after?.tagName === 'LEGEND' ? 0 : box.classList.contains('sm-field') ? 0.25 : 0.75;
          // A child's own margin (a message, a button) may be larger; never smaller.
          if (want === 0 ? top(k) !== 0 : top(k) < want) bad.push(`${box.className} > ${k.tagName}.${k.className} #${i}: ${top(k)}rem`);
        });
      }
      return bad.slice(0, 5);
    });
    assert(spacing.length === 0, 'spacing between blocks: ' + spacing.join('; '));
    assert((await page.inputValue(`[id="${id}"]`)).endsWith('Kirjoitettu kesken piirron'), 'typed text kept while drawing');
    assert(JSON.stringify(await page.evaluate(() => document.getElementById('big').getDocument())).includes('Kirjoitettu kesken piirron'), 'typed text in the document');
    assert(errors.length === 0, 'console errors: ' + errors.join('; '));
    await context.close();
  });
}

await test('bad host input raises sosmeta-error with a pointer and a visible message; the element recovers', async () => {
  const { page, context } = await openPage('embed.html');
  const last = async () => (await events(page, 'sosmeta-error')).at(-1)?.detail;
  await page.evaluate(() => { document.getElementById('editor').lang = 'de'; });
  let e = await last();
  assert(e && e.code === 'attribute-invalid' && e.source === 'lang', 'unknown lang: ' + JSON.stringify(e));
  assert(await page.isVisible('#editor .sm-host-errors') && await page.isVisible('#editor .sm-editor'), 'message shown, form still there');
  const ok = await page.evaluate(() => document.getElementById('editor').setDocument({ demo_asiakaskertomus: { asiakas: 'ei lista' } }));
  e = await last();
  assert(ok === false && e.code === 'document-invalid' && e.pointer === '/demo_asiakaskertomus/asiakas', 'wrong document: ' + JSON.stringify(e));
  await page.evaluate(async () => {
    const s = await (await fetch('structures/demo-kertomus.json')).json();
    s.properties.demo_asiakaskertomus.properties.merkinta.type = 7;
    document.getElementById('editor').structure = s;
  });
  await page.waitForFunction(() => window.__events.some(e => e.type === 'sosmeta-error' && e.detail.source === 'structure'));
  e = await last();
  assert(e.code === 'structure-invalid' && e.pointer.startsWith('/properties/demo_asiakaskertomus/properties/merkinta'), 'malformed structure: ' + JSON.stringify(e));
  assert(await page.isVisible('#editor .sm-host-errors') && !(await page.$('#editor .sm-editor')), 'error shown instead of the form');
  await page.evaluate(() => { document.getElementById('editor').structure = 'structures/puuttuu.json'; });
  await page.waitForFunction(() => window.__events.some(e => e.type === 'sosmeta-error' && e.detail.code === 'load-failed'));
  await page.evaluate(() => { document.getElementById('editor').rules = '{"rules": {"x": [{"field": 1}]}}'; });
  await page.evaluate(() => { document.getElementById('editor').codeSets = { '1.2.3': [{ fi: 'ei koodia' }] }; });
  await page.waitForFunction(() => window.__events.some(e => e.type === 'sosmeta-error' && e.detail.code === 'code-sets-invalid'));
  e = await last();
  assert(e.pointer === '/1.2.3/0/code', 'code-set pointer: ' + JSON.stringify(e));
  await axe(page, 'embed.html with host errors');
  // Recovers: a good structure mounts a form again.
  await page.evaluate(() => { const el = document.getElementById('editor'); el.lang = 'fi'; el.structure = 'structures/demo-kertomus.json'; });
  await page.waitForSelector('#editor .sm-editor');
  assert(await page.evaluate(() => document.getElementById('editor').getDocument() !== null), 'form back');
  await context.close();
});

await test('preview.html: OmaKanta-style client and guardian views list and show only what that viewer may see; axe clean', async () => {
  const { page, errors, context } = await openPage('preview.html', 'sosmeta-editor .sm-display');
  await page.waitForSelector('#viewer .soc-document');
  await axe(page, 'preview.html client view');
  const titles = () => page.$$eval('#ex-docs li button', (bs) => bs.map((b) => b.textContent));
  const pick = async (title) => {
    await page.click(`#ex-docs button:text-is("${title}")`);
    await page.waitForTimeout(300);
  };
  // The client's list has no special-content document: not even its title (issue 15).
  await page.waitForFunction(() => document.querySelectorAll('#ex-docs li').length > 0);
  let t = await titles();
  assert(!t.some((x) => /erityissisältöä/.test(x)), 'client list: ' + t.join(' | '));
  assert(t.length === 3, 'client list: ' + t.join(' | '));
  // The professional lists every document and sees the special content.
  await page.check('input[name=audience][value=professional]');
  await page.waitForFunction(() => document.querySelectorAll('#ex-docs li').length === 4);
  await pick('Asiakaskertomus, erityissisältöä');
  await page.waitForSelector('#viewer .soc-document');
  // The guardian: only the minor's document disclosed to the guardian.
  await page.check('input[name=audience][value=guardian]');
  await page.waitForFunction(() => document.querySelectorAll('#ex-docs li').length === 1);
  t = await titles();
  assert(t[0] === 'Lapsen asiakaskertomus, näytetään huoltajalle', 'guardian list: ' + t.join(' | '));
  await page.waitForSelector('#viewer .soc-document');
  assert(!(await page.$('#viewer input, #viewer textarea, #viewer select')), 'read-only view has no inputs');
  await axe(page, 'preview.html guardian, shown');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('the demo loads the shared partial code lists (../shared/codesets) for Koodi fields', async () => {
  const shared = fs.existsSync(path.join(root, '..', 'shared', 'codesets'));
  if (!shared) { console.log('     NOTICE: ../shared/codesets not found; skipped'); return; }
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on('requestfinished', r => { if (r.url().includes('/codesets/')) fetched.push(r.url()); });
  await page.goto(`${base}/?structure=corpus/1.2.246.537.6.1505.1.2023.6.1.json`);
  await page.waitForSelector('.sm-editor');
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter(e => e.name.includes('/codesets/')).length > 5);
  assert(fetched.some(u => u.endsWith('/codesets/index.json')), 'index fetched');
  const n = fs.readdirSync(path.join(root, '..', 'shared', 'codesets')).filter(f => f.endsWith('.json')).length;
  await page.waitForFunction(k => performance.getEntriesByType('resource').filter(e => e.name.includes('/codesets/1.')).length >= k, n);
  await context.close();
});

await test('author.html: draft marked, lint, fi/sv texts, rule coverage; a rule written in the page covers a field; axe clean', async () => {
  const { page, errors, context } = await openPage('author.html', 'sosmeta-editor .sm-author');
  await page.waitForSelector('#author .sm-draft');
  assert(await page.isVisible('#author .sm-lint, #author #sm-author-lint'), 'lint section');
  await axe(page, 'author.html draft');
  await page.selectOption('#ex-builtin', 'structures/demo-kertomus.json');
  await page.waitForFunction(() => !document.querySelector('#author .sm-draft') && document.querySelector('#author .sm-coverage'));
  // Issue 14: the structure's own prose already covers both conditional fields (derived);
  // derived-rules="false" leaves them to the author's rules file.
  assert(await page.$$eval('#author .sm-cov-derived', x => x.length) === 2, 'derived rows');
  assert(await page.$$eval('#author .sm-cov-no', x => x.length) === 0, 'nothing uncovered');
  await page.evaluate(() => { document.querySelector('#author').derivedRules = false; });
  await page.waitForFunction(() => document.querySelectorAll('#author .sm-cov-no').length === 2);
  const before = await page.$$eval('#author .sm-cov-no', x => x.length);
  assert(before > 0, 'uncovered conditional fields listed');
  await page.click('#author .sm-cov-no button');
  const text = await page.inputValue('#sm-rules-text');
  assert(text.includes('requiredWhen'), 'skeleton added: ' + text);
  await page.click('#author .sm-author-section .sm-primary');
  await page.waitForFunction(n => document.querySelectorAll('#author .sm-cov-no').length === n - 1, before);
  // A broken rule is reported in the page with its pointer, the form keeps the last good rules.
  await page.fill('#sm-rules-text', '{"rules": 5}');
  await page.click('#author .sm-author-section .sm-primary');
  await page.waitForSelector('#sm-rules-error');
  const href = await page.getAttribute('#author .sm-author-section a[download]', 'href');
  assert(href && href.startsWith('blob:'), 'rules download link');
  assert(await page.$$eval('#author .sm-tr-table tr', x => x.length) > 1, 'fi/sv table');
  await axe(page, 'author.html with rules');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

/** Records the URLs a page could not load (404). */
function track404(page) {
  const missing = [];
  page.on('response', (r) => { if (r.status() === 404) missing.push(r.url()); });
  return missing;
}
/** Console errors but a 404 of the example host page's code-list folder (it asks for every
 * classification a structure names and has only some: the host page's, not the editor's). */
function editorErrors(errors, missing) {
  return errors.filter((e) => !(/status of 404/.test(e) && missing.length > 0 && missing.every((u) => u.includes('/codesets/'))));
}

// ---- the structures' own conditions (issue 14) ----

await test('a real child-welfare decision: "Lasta on kuultu" ei asks for the reason, kyllä hides it; no identifiers: one error on the pair; axe clean', async () => {
  if (!haveCorpus) { console.log('     NOTICE: no corpus; skipped'); return; }
  const cli = path.join(root, 'target', 'debug', 'sosmeta');
  if (!fs.existsSync(cli)) { assert(!ci, 'target/debug/sosmeta missing in CI'); console.log('     NOTICE: no CLI; skipped'); return; }
  // Päätös erityisen huolenpidon jatkamisesta (child welfare): "Jos Lasta on kuultu
  // -kenttään on vastattu "kyllä", tätä kenttää ei näytetä. … Kenttä on pakollinen, jos
  // Lasta on kuultu -kenttään on vastattu "ei"."
  const f = '1.2.246.537.6.1506.11010.2023.12.1.json';
  const root_ = '/paatos_erityisen_huolenpidon_jatkamisesta';
  const doc = JSON.parse(execFileSync(cli, ['sample', path.join(corpus, f)], { encoding: 'utf8' }));
  const hearing = doc.paatos_erityisen_huolenpidon_jatkamisesta.paatos.rajoitus.asiakkaan_kuuleminen;
  hearing.suoritettu = true;
  delete hearing.syyt_selvittamatta_jattamiselle;
  const { page, errors, context } = await openPage('embed.html');
  const missing = track404(page);
  const id = (p) => `[id="sm${root_}${p}"]`;
  const sw = id('/paatos/rajoitus/asiakkaan_kuuleminen/suoritettu');
  const reason = id('/paatos/rajoitus/asiakkaan_kuuleminen/syyt_selvittamatta_jattamiselle');
  await page.evaluate(async ({ f, doc }) => {
    const el = document.querySelector('#editor');
    el.structure = await (await fetch(`corpus/${f}`)).text();
    el.document = doc;
  }, { f, doc });
  await page.waitForSelector(sw);
  // The structure arrives first, then the document: wait until the sample's "kyllä" is in.
  await page.waitForFunction((s) => document.querySelector(s)?.checked === true, sw);
  const at = (p) => page.evaluate((ptr) => document.querySelector('#editor').validate().issues.filter(i => i.path === ptr), root_ + p);
  // "kyllä": the reason is not in the form and not asked for.
  assert(!(await page.$(reason)), 'reason hidden while "kyllä"');
  assert((await at('/paatos/rajoitus/asiakkaan_kuuleminen/syyt_selvittamatta_jattamiselle')).length === 0, 'no issue on the hidden reason');
  // "ei": the reason appears and is required, with the structure's own sentence.
  await page.click(sw); // checked → unchecked = "ei"
  await page.waitForSelector(reason);
  const issues = await at('/paatos/rajoitus/asiakkaan_kuuleminen/syyt_selvittamatta_jattamiselle');
  assert(issues.length === 1 && issues[0].code === 'derived-required' && issues[0].severity === 'error', JSON.stringify(issues));
  assert(/Kenttä on pakollinen, jos Lasta on kuultu -kenttään on vastattu "ei"/.test(issues[0].message), issues[0].message);
  const msg = await page.textContent(`[id="sm${root_}/paatos/rajoitus/asiakkaan_kuuleminen/syyt_selvittamatta_jattamiselle-msg"]`);
  assert(msg && msg.includes('Lasta on kuultu'), 'the message is at the field: ' + msg);
  assert(!(await page.evaluate(() => document.querySelector('#editor').emit().ok)), 'no bundle while the reason is missing');
  await axe(page, 'reason asked for');
  await page.fill(reason, 'Lapsi on alle 12-vuotias eikä kykene ilmaisemaan mielipidettään.');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.waitForFunction((p) => document.querySelector('#editor').validate().issues.every(i => i.path !== p), root_ + '/paatos/rajoitus/asiakkaan_kuuleminen/syyt_selvittamatta_jattamiselle');
  // "kyllä" again hides it.
  await page.click(sw);
  await page.waitForFunction((s) => !document.querySelector(s), reason);
  // Both identifiers of the client removed: one clear error, on the pair.
  delete doc.paatos_erityisen_huolenpidon_jatkamisesta.asiakas.henkilotunnus;
  delete doc.paatos_erityisen_huolenpidon_jatkamisesta.asiakas.tilapainen_yksilointitunnus;
  assert(await page.evaluate((doc) => document.querySelector('#editor').setDocument(doc), doc), 'setDocument');
  const pair = await page.evaluate((r) => document.querySelector('#editor').validate().issues.filter(i => i.path.startsWith(r + '/asiakas/')), root_);
  assert(pair.length === 1 && pair[0].code === 'derived-one-of-required', JSON.stringify(pair));
  assert(/Henkilötunnus.*Tilapäinen yksilöintitunnus/.test(pair[0].message), pair[0].message);
  await page.waitForFunction(() => [...document.querySelectorAll('[id$="-msg"]')].some(x => /Tilapäinen yksilöintitunnus/.test(x.textContent)));
  const shown = await page.$$eval('[id$="-msg"]', (xs) => xs.map(x => x.id + ': ' + x.textContent).filter(t => /Tilapäinen yksilöintitunnus/.test(t)));
  assert(shown.length === 1, 'one message for the pair in the form: ' + JSON.stringify(shown));
  await axe(page, 'identifier pair missing');
  // derived-rules="false": the host takes the structure's rules off; the pair is fine then.
  await page.evaluate(() => { document.querySelector('#editor').derivedRules = false; });
  await page.waitForFunction((r) => document.querySelector('#editor').validate().issues.every(i => !i.path.startsWith(r + '/asiakas/') || i.severity !== 'error'), root_);
  const own = editorErrors(errors, missing);
  assert(own.length === 0, 'console errors: ' + own.join('; ') + ' ' + missing.join(' '));
  await context.close();
});

// ---- restrictions that mean what Kanta does (issue 15) ----

/** Mounts `structure` + `document` in embed.html's element with the given attributes and markings. */
async function mountAs(page, { structure, document: doc, attrs = {}, markings = null }) {
  await page.evaluate(async ({ structure, doc, attrs, markings }) => {
    const el = document.querySelector('#editor');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (markings) el.markings = markings;
    el.structure = await (await fetch(structure)).text();
    el.document = doc;
  }, { structure, doc, attrs, markings });
}

await test('exclusions in the browser: a shelter journal entry is hidden from client and guardian; turvakielto keeps the phone number; a minor second client asks for the guardian mark', async () => {
  const lapsi = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'demo-lapsi.filled.json'), 'utf8'));
  // Turvakielto (1505.1's note): the phone number stays, the address and home municipality do not.
  {
    const { page, errors, context } = await openPage('embed.html');
    const d = structuredClone(lapsi);
    d.demo_lapsen_asiakaskertomus.asiakas[0].turvakielto = true;
    await mountAs(page, { structure: 'structures/demo-lapsi.json', document: d, attrs: { mode: 'preview', audience: 'client' } });
    // The structure arrives first, then the document: wait for the client's own data.
    await page.waitForFunction(() => /Meikäläinen/.test(document.querySelector('#editor .soc-document')?.textContent || ''));
    const text = await page.textContent('#editor .soc-document');
    assert(text.includes('040 123 4567'), 'phone number shown: ' + text.slice(0, 300));
    assert(!/Salainen katu|Helsinki/.test(text), 'address and home municipality hidden');
    await axe(page, 'turvakielto client preview');
    assert(errors.length === 0, 'console errors: ' + errors.join('; '));
    await context.close();
  }
  // A family document whose second client is a minor asks for the guardian mark.
  {
    const { page, errors, context } = await openPage('embed.html');
    const d = structuredClone(lapsi);
    const adult = structuredClone(d.demo_lapsen_asiakaskertomus.asiakas[0]);
    adult.henkilotunnus.value = '010190-987H';
    adult.etunimet = 'Aikuinen';
    d.demo_lapsen_asiakaskertomus.asiakas = [adult, d.demo_lapsen_asiakaskertomus.asiakas[0]];
    await mountAs(page, { structure: 'structures/demo-lapsi.json', document: d });
    await page.waitForSelector('#editor .sm-editor form');
    const v = await page.evaluate(() => document.querySelector('#editor').validate());
    assert(v.issues.some(i => i.code === 'guardian-mark-missing'), JSON.stringify(v.issues.map(i => i.code)));
    assert(errors.length === 0, 'console errors: ' + errors.join('; '));
    await context.close();
  }
  if (!haveCorpus) { console.log('     NOTICE: no corpus; shelter case skipped'); return; }
  const cli = path.join(root, 'target', 'debug', 'sosmeta');
  if (!fs.existsSync(cli)) { assert(!ci, 'target/debug/sosmeta missing in CI'); return; }
  // A journal entry every service shares, recorded in shelter services: not for the client
  // nor the guardian; the professional sees it.
  const f = '1.2.246.537.6.1506.19005.2022.1.10.json';
  const doc = JSON.parse(execFileSync(cli, ['sample', path.join(corpus, f)], { encoding: 'utf8' }));
  const markings = {
    clientBirthDate: '2012-01-01',
    guardian: { disclosed: true },
    service: { function: { code: '99', display: 'Turvakotipalvelut' } },
  };
  for (const audience of ['client', 'guardian', 'professional']) {
    const { page, errors, context } = await openPage('embed.html');
    const missing = track404(page);
    await mountAs(page, { structure: `corpus/${f}`, document: doc, attrs: { mode: 'preview', audience }, markings });
    await page.waitForSelector('#editor .sm-editor');
    await page.waitForTimeout(100);
    const shown = await page.$('#editor .soc-document');
    if (audience === 'professional') assert(shown, 'the professional sees the entry');
    else {
      assert(!shown, `${audience} must not see a shelter journal entry`);
      const text = await page.textContent('#editor');
      assert(!text.includes('Esimerkkiteksti'), `${audience}: no content of the entry`);
    }
    await axe(page, `shelter entry as ${audience}`);
    const own = editorErrors(errors, missing);
    assert(own.length === 0, 'console errors: ' + own.join('; '));
    await context.close();
  }
});

// ---- a document's whole life (issue 16) ----

/** Gives embed.html's element the demo's filled document under a host context and emits
 *  (its doc-oid attribute removed: the context's applies). The emit result, with the
 *  files' byte lengths (`byteLengths`) in place of the bytes. */
async function emitWithContext(page, ctx) {
  const filled = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'demo-kertomus.filled.json'), 'utf8'));
  return page.evaluate(async ({ filled, ctx }) => {
    const el = document.getElementById('editor');
    await el.ready;
    el.removeAttribute('doc-oid');
    await (el.context = ctx);
    el.setDocument(filled);
    await new Promise((r) => setTimeout(r, 0));
    const x = el.emit();
    if (x.ok) x.byteLengths = Object.fromEntries(Object.entries(x.bytes).map(([k, v]) => [k, v.length]));
    delete x.bytes;
    return x;
  }, { filled, ctx });
}

await test('a list that hides many items: its lines of text come in steps after its items, all there at ready', async () => {
  const { page, context } = await openPage('embed.html');
  const d = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'demo-kertomus.filled.json'), 'utf8'));
  const first = d.demo_asiakaskertomus.asiakas[0];
  d.demo_asiakaskertomus.asiakas = Array.from({ length: 1400 }, (_, i) => ({ ...first, sukunimi: `Sukunimi${i + 1}` }));
  const r = await page.evaluate(async (doc) => {
    const el = document.createElement('sosmeta-editor');
    el.structure = await (await fetch('structures/demo-kertomus.json')).text();
    el.document = doc;
    // The number of lines each time the DOM changed (a step is one or more changes).
    const seen = [];
    new MutationObserver(() => {
      const n = el.querySelectorAll('.sm-digest').length;
      if (n !== seen.at(-1)) seen.push(n);
    }).observe(el, { childList: true, subtree: true });
    document.querySelector('main').append(el);
    await el.ready;
    const lines = [...el.querySelectorAll('.sm-digest')];
    return { seen, lines: lines.length, last: lines.at(-1)?.textContent, busy: !!el.querySelector('form[aria-busy]') };
  }, d);
  assert(r.lines === 1390 && r.last.startsWith('Asiakas 1400: Sukunimi: Sukunimi1400'), JSON.stringify({ lines: r.lines, last: r.last }));
  assert(!r.busy, 'not busy once ready');
  // 256 first, then 512 more a step: never all 1 390 at once.
  const steps = r.seen.filter((n) => n > 0);
  assert(steps[0] === 256 && steps.length >= 3 && steps.every((n, i) => i === 0 || n - steps[i - 1] <= 512), JSON.stringify(r.seen));
  await context.close();
});

await test('a long repeated list: the first items drawn, the rest behind a button and in find-in-page; an issue link, a search and the button open it; then every item in the accessibility tree and the tab order; axe clean', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const d = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'demo-kertomus.filled.json'), 'utf8'));
  const first = d.demo_asiakaskertomus.asiakas[0];
  // 60 clients; the 41st has no first names (an error in an item the list does not show).
  d.demo_asiakaskertomus.asiakas = Array.from({ length: 60 }, (_, i) => ({ ...first, sukunimi: `Sukunimi${i + 1}`, etunimet: i === 40 ? '' : first.etunimet }));
  const mount = async (page) => {
    await mountAs(page, { structure: 'structures/demo-kertomus.json', document: d });
    // The document is set after the structure: wait for its last line, then for `ready`.
    await page.waitForFunction(() => [...document.querySelectorAll('.sm-digest')].some((p) => p.textContent.includes('Sukunimi60')), null, { timeout: 30000 });
    await page.evaluate(() => document.querySelector('#editor').ready);
    await page.evaluate(() => { window.__byValue = (v) => [...document.querySelectorAll('#editor input')].find((i) => i.value === v); });
  };
  await mount(page);
  const list = '#sm\\/demo_asiakaskertomus\\/asiakas';
  const shown = (page) => page.evaluate((list) => document.querySelectorAll(`${list} > .sm-item`).length, list);
  // Collapsed: ten items drawn, fifty as lines of text hidden until found.
  assert(await shown(page) === 10, `items drawn: ${await shown(page)}`);
  const lines = await page.evaluate(() => [...document.querySelectorAll('.sm-digest')].map((p) => [p.getAttribute('hidden'), p.textContent]));
  assert(lines.length === 50 && lines.every(([h]) => h === 'until-found'), JSON.stringify(lines.slice(0, 2)));
  assert(lines[49][1].startsWith('Asiakas 60: Sukunimi: Sukunimi60; Etunimet: '), lines[49][1]);
  const button = await page.evaluate(() => { const b = document.querySelector('.sm-show-all'); return [b.textContent, b.getAttribute('aria-expanded'), !!document.getElementById(b.getAttribute('aria-controls'))]; });
  assert(button[0] === 'Näytä kaikki 60 (50 ei näytetä): Asiakas' && button[1] === 'false' && button[2], JSON.stringify(button));
  // An emit attempt: the collapsed part counts its error, the summary links to it, and the
  // link opens the list and moves focus into the field once it is drawn.
  await page.evaluate(() => document.querySelector('#editor').emit());
  await page.waitForSelector('.sm-collapsed .sm-error');
  assert(await page.textContent('.sm-collapsed .sm-error') === '1 virhettä kohdissa, joita ei näytetä');
  const target = 'sm/demo_asiakaskertomus/asiakas/40/etunimet';
  await page.click(`.sm-summary-errors a[href="#${target}"]`);
  await page.waitForFunction((t) => document.activeElement?.id === t, target, { timeout: 20000 });
  assert(await shown(page) === 60, 'the issue link opened the list');
  assert(await page.evaluate(() => !document.querySelector('.sm-show-all')), 'no button once open');
  // Opened: every item's fields in the accessibility tree (asked per surname input: a named
  // text box with its value), Tab from the 59th item into the 60th, axe clean.
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('Accessibility.enable');
  let named = 0;
  for (let i = 1; i <= 60; i++) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: `window.__byValue('Sukunimi${i}')` });
    if (!result.objectId) continue;
    const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { backendNodeId: node.backendNodeId, fetchRelatives: false });
    const n = nodes[0];
    if (n && !n.ignored && n.role?.value === 'textbox' && /^Sukunimi/.test(n.name?.value || '') && n.value?.value === `Sukunimi${i}`) named++;
  }
  assert(named === 60, `named text boxes with their values in the accessibility tree: ${named} of 60`);
  await page.evaluate(() => window.__byValue('Sukunimi59').focus());
  let landed = false;
  for (let i = 0; i < 12 && !landed; i++) {
    await page.keyboard.press('Tab');
    landed = await page.evaluate(() => document.activeElement?.closest('.sm-item') === window.__byValue('Sukunimi60').closest('.sm-item'));
  }
  assert(landed, 'Tab reaches the last item');
  await axe(page, 'a list of 60 items, opened');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
  // A new page (collapsed): a search that lands in a hidden line opens the list and moves
  // focus to the item found (the browser fires beforematch on the line; a text fragment is
  // the search a test can start).
  {
    const { page, errors, context } = await openPage('embed.html');
    await mount(page);
    assert(await shown(page) === 10, 'collapsed');
    await axe(page, 'a list of 60 items, collapsed');
    // The hidden text is searchable (window.find finds it while the line is hidden) ...
    assert(await page.evaluate(() => window.find('Sukunimi55')), 'window.find finds a hidden line');
    assert(await shown(page) === 10, 'finding does not draw');
    // ... and the browser's reveal of a hidden line (beforematch: fired by find-in-page, a
    // text fragment or, here, a link to the item) opens the list and focuses the item.
    await page.evaluate(() => { location.hash = '#sm/demo_asiakaskertomus/asiakas/54'; });
    await page.waitForFunction(() => document.activeElement?.id === 'sm/demo_asiakaskertomus/asiakas/54', null, { timeout: 20000 });
    assert(await shown(page) === 60, 'the search opened the list');
    assert(errors.length === 0, 'console errors: ' + errors.join('; '));
    await context.close();
  }
  // And the button: focus goes on from the first item it shows.
  {
    const { page, errors, context } = await openPage('embed.html');
    await mount(page);
    await page.click('.sm-show-all');
    await page.waitForFunction(() => document.activeElement?.id === 'sm/demo_asiakaskertomus/asiakas/10', null, { timeout: 20000 });
    await page.waitForFunction((list) => document.querySelectorAll(`${list} > .sm-item`).length === 60, list);
    assert(errors.length === 0, 'console errors: ' + errors.join('; '));
    await context.close();
  }
});

await test('the host context reaches the bundle: document OID, organiser in the header, context in metadata; a bad one is named', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const ctx = {
    documentOid: '1.2.246.10.2012566.95.2026.688883.2655274',
    caseId: '1.2.246.10.2012566.95.2026.778465.646',
    organiser: { oid: '1.2.246.10.2012566.10.40', name: 'Helsingin sosiaali- ja terveystoimi' },
  };
  const x = await emitWithContext(page, ctx);
  assert(x.ok, 'emit: ' + JSON.stringify(x).slice(0, 400));
  const r = { meta: JSON.parse(x.files['metadata.json']), xhtml: x.files['document.xhtml'] };
  assert(r.meta.context.caseId === ctx.caseId, 'context in metadata: ' + JSON.stringify(r.meta.context));
  assert(r.xhtml.includes(`id="OID${ctx.documentOid}"`), 'document OID from the context');
  assert(r.xhtml.includes('<div class="soc-hdr1">Helsingin sosiaali- ja terveystoimi</div>'), 'organiser in the header');
  // A bad context: sosmeta-error naming the member.
  await page.evaluate(async () => { await (document.getElementById('editor').context = { organiser: { oid: 'HKI', name: 'x' } }); });
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'sosmeta-error' && e.detail.code === 'context-invalid'));
  const e = (await events(page, 'sosmeta-error')).find((e) => e.detail.code === 'context-invalid');
  assert(e.detail.pointer === '/organiser/oid', JSON.stringify(e.detail));
  // While the context cannot be used, no bundle (the CLI exits 2 on the same file); a good
  // one again, and emit works (issue 23).
  const refused = await page.evaluate(() => document.getElementById('editor').emit());
  assert(!refused.ok && refused.reasons.some((m) => m.startsWith('context-invalid')), JSON.stringify(refused).slice(0, 300));
  await page.evaluate(async (ctx) => { await (document.getElementById('editor').context = ctx); }, ctx);
  assert((await page.evaluate(() => document.getElementById('editor').emit())).ok, 'emit after a good context');
  await axe(page, 'embed.html with a context');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('issue 16 in the browser: correct an archived version in embed.html (load archived, change, reason, emit version 2, the changes shown); invalidate it', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const filled = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'demo-kertomus.filled.json'), 'utf8'));
  await page.evaluate(async (filled) => {
    const el = document.getElementById('editor');
    await el.ready;
    el.setDocument(filled);
  }, filled);
  await page.waitForFunction(() => /asumistilanteesta/.test(document.getElementById('editor').getDocumentText() || ''));
  // Version 1: the host's emit button; the page archives it.
  await page.click('#ex-emit');
  await page.waitForFunction(() => /versio 1/.test(document.getElementById('ex-archived').textContent));
  const first = await page.evaluate(() => document.getElementById('editor').docOid);
  // Open it for correction: the panel says which version, nothing changed yet. The host's
  // author-role attribute (the corrector's role now) wins over the archived markings' role.
  await page.evaluate(() => { document.getElementById('editor').authorRole = 'provider'; });
  await page.click('#ex-correct');
  await page.waitForSelector('#sm-correction');
  assert((await page.textContent('#sm-correction-title')).includes('Korjaus: versio 2'), 'panel title');
  assert(await page.isVisible('#sm-correction .sm-no-changes'), 'no changes yet');
  // The worker changes the entry.
  const id = 'sm/demo_asiakaskertomus/merkinta';
  await page.fill(`[id="${id}"]`, 'Keskusteltiin asumistilanteesta ja taloudesta.');
  await page.evaluate(() => document.activeElement.blur());
  await page.waitForSelector('#sm-correction table.sm-changes tr[data-pointer="/demo_asiakaskertomus/merkinta"]');
  const row = await page.textContent('#sm-correction tr[data-pointer="/demo_asiakaskertomus/merkinta"]');
  assert(row.includes('Keskusteltiin asumistilanteesta.') && row.includes('ja taloudesta'), 'before and after: ' + row);
  // In Swedish the table names the field in Swedish.
  await page.click('#editor .sm-lang-btn[lang="sv"]');
  await page.waitForFunction(() => /Anteckning/.test(document.querySelector('#sm-correction tr[data-pointer="/demo_asiakaskertomus/merkinta"] th')?.textContent || ''));
  await page.click('#editor .sm-lang-btn[lang="fi"]');
  // Without a reason: refused, the reason fields marked.
  let r = await page.evaluate(() => document.getElementById('editor').emit());
  assert(!r.ok && r.reasons.some((x) => x.includes('missing reason code and text')), JSON.stringify(r).slice(0, 400));
  assert(await page.getAttribute('#sm-correction-code', 'aria-invalid') === 'true', 'reason marked missing');
  await page.selectOption('#sm-correction-code', '2');
  await page.fill('#sm-correction-text', 'Merkinnästä puuttui talous.');
  await axe(page, 'embed.html correcting version 1');
  // Version 2: same set, the reason, the changes beside the bundle.
  await page.click('#ex-emit');
  await page.waitForFunction(() => /Versio 2/.test(document.getElementById('ex-version').textContent));
  const version = await page.textContent('#ex-version');
  assert(version.includes(`setId ${first}`) && version.includes('Asiavirhe') && version.includes('Merkinnästä puuttui talous.'), version);
  const changes = await page.textContent('#ex-changes');
  assert(changes.includes('Merkintä') && changes.includes('changed'), changes);
  const v2 = await page.evaluate(() => document.getElementById('editor').emit());
  const meta = JSON.parse(v2.files['metadata.json']);
  assert(v2.markings.authorRole === 'provider' && meta.markings.authorRole === 'provider', 'the author-role attribute wins: ' + JSON.stringify(v2.markings));
  assert(meta.version.versionNumber === 2 && meta.version.replaces === first && meta.documentOid !== first, JSON.stringify(meta.version));
  // The old spelling role="…" of author-role is still read, with a console warning.
  const warned = [];
  page.on('console', (m) => { if (m.type() === 'warning') warned.push(m.text()); });
  const legacy = await page.evaluate(async () => {
    const el = document.getElementById('editor');
    el.removeAttribute('author-role');
    el.setAttribute('role', 'registerKeeper');
    await new Promise((r) => setTimeout(r, 0));
    const x = el.emit();
    el.removeAttribute('role');
    el.authorRole = 'provider';
    return x.ok ? x.markings.authorRole : JSON.stringify(x.reasons);
  });
  assert(legacy === 'registerKeeper' && warned.some((w) => w.includes('use author-role')), 'legacy role: ' + legacy + ' ' + warned.join('; '));
  // Invalidate the archived version (now version 2): a request, no new content. Seed 002
  // §4.1: the organiser invalidates unless the host says the provider's right lasts, and
  // without a role nothing happens (issue 22).
  await page.waitForFunction(() => /versio 2/.test(document.getElementById('ex-archived').textContent));
  const refusedInvalidation = await page.evaluate(() => {
    const el = document.getElementById('editor');
    const m = JSON.stringify({ documentOid: '1.2.246.10.1.2026.9', version: { setId: '1.2.246.10.1.2026.9', versionNumber: 1 } });
    const args = { metadata: m, reasonCode: '1', reasonDisplay: 'Väärä asiakas', text: 'x' };
    const asProvider = el.invalidate(args);
    el.removeAttribute('author-role');
    const noRole = el.invalidate(args);
    el.authorRole = 'organiser';
    return [asProvider, noRole];
  });
  assert(!refusedInvalidation[0].ok && /only the organiser/.test(refusedInvalidation[0].reason), JSON.stringify(refusedInvalidation[0]));
  assert(!refusedInvalidation[1].ok && /author's role/.test(refusedInvalidation[1].reason), JSON.stringify(refusedInvalidation[1]));
  await page.click('#ex-invalidate');
  const inv = JSON.parse(await page.textContent('#ex-invalidation'));
  assert(inv.documentOid === meta.documentOid && inv.setId === first && inv.versionNumber === 2 && inv.text === 'Kirjattu väärälle asiakkaalle', JSON.stringify(inv));
  await axe(page, 'embed.html after a correction and an invalidation');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('issue 16: with the host\'s CryptoKey the draft is kept encrypted in IndexedDB (no plaintext, fresh IV per save), survives a reload, and goes on emit or discardDraft()', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const secret = 'Salainen merkintä 4242 Meikäläinen';
  // The host: a non-extractable AES-GCM key derived from its session secret (the same
  // after a reload), and an element for one client's document.
  const mount = async (draftKey, late = false) => page.evaluate(async ({ draftKey, late }) => {
    const raw = await crypto.subtle.importKey('raw', new TextEncoder().encode('host session secret'), 'PBKDF2', false, ['deriveKey']);
    const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', salt: new TextEncoder().encode('sosmeta-drafts'), iterations: 1000, hash: 'SHA-256' },
      raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    document.getElementById('editor')?.remove();
    document.getElementById('enc')?.remove();
    const el = document.createElement('sosmeta-editor');
    el.id = 'enc';
    el.setAttribute('structure', 'structures/demo-kertomus.json');
    el.setAttribute('draft-key', draftKey);
    if (!late) el.draftCryptoKey = key;
    document.querySelector('main').append(el);
    await el.ready;
    if (late) el.draftCryptoKey = key;
  }, { draftKey, late });
  const records = () => page.evaluate(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('sosmeta-editor-drafts'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    if (!db.objectStoreNames.contains('drafts')) { db.close(); return []; }
    const all = await new Promise((res, rej) => { const r = db.transaction('drafts').objectStore('drafts').getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    db.close();
    return all.map((r) => ({ keys: Object.keys(r).sort(), id: r.id, iv: Array.from(r.iv), data: Array.from(new Uint8Array(r.data)) }));
  });
  await page.goto(`${base}/embed.html`);
  await page.waitForSelector('sosmeta-editor .sm-editor');
  await mount('asiakas-123/asia-9/kertomus-1');
  // A key that may be exported is refused: nothing would keep the draft secret.
  const refused = await page.evaluate(async () => {
    const k = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    const el = document.getElementById('enc');
    const seen = new Promise((r) => el.addEventListener('sosmeta-error', (e) => r(e.detail.code), { once: true }));
    const keep = el.draftCryptoKey;
    el.draftCryptoKey = k;
    const code = await seen;
    const was = el.draftCryptoKey;
    el.draftCryptoKey = keep;
    return { code, was };
  });
  assert(refused.code === 'draft-key-invalid' && refused.was === null, JSON.stringify(refused));
  const id = 'sm/demo_asiakaskertomus/merkinta';
  await page.fill(`#enc [id="${id}"]`, secret);
  await page.evaluate(() => document.activeElement.blur());
  await page.waitForFunction(async () => {
    const dbs = indexedDB.databases ? await indexedDB.databases() : [];
    return dbs.some((d) => d.name === 'sosmeta-editor-drafts');
  });
  let recs = [];
  for (let i = 0; i < 50 && recs.length === 0; i++) { recs = await records(); if (!recs.length) await page.waitForTimeout(100); }
  assert(recs.length === 1, 'one record: ' + recs.length);
  assert(JSON.stringify(recs[0].keys) === JSON.stringify(['data', 'id', 'iv']) && recs[0].iv.length === 12, JSON.stringify(recs[0].keys));
  // No plaintext: not the typed text, not the client's name, not the draft key, in any encoding.
  const bytes = Buffer.from(recs[0].data);
  for (const s of [secret, 'Salainen', 'Meikäläinen', 'asiakas-123', 'merkinta', 'demo_asiakaskertomus']) {
    for (const enc of ['utf8', 'latin1', 'utf16le']) assert(!bytes.includes(Buffer.from(s, enc)), `plaintext "${s}" (${enc}) in the record`);
    assert(!String(recs[0].id).includes(s), 'plaintext in the id');
  }
  assert(await page.evaluate(() => sessionStorage.length + localStorage.length) === 0, 'nothing in web storage');
  // A fresh IV per save.
  await page.fill(`#enc [id="${id}"]`, secret + ' ja lisää');
  await page.evaluate(() => document.activeElement.blur());
  let again = recs;
  for (let i = 0; i < 50 && JSON.stringify(again[0]?.iv) === JSON.stringify(recs[0].iv); i++) { await page.waitForTimeout(100); again = await records(); }
  assert(again.length === 1 && JSON.stringify(again[0].iv) !== JSON.stringify(recs[0].iv) && again[0].id === recs[0].id, 'a new IV, the same record');
  // A crashed or reloaded tab: the same key restores the draft.
  await page.reload();
  await page.waitForSelector('sosmeta-editor .sm-editor');
  await mount('asiakas-123/asia-9/kertomus-1');
  let doc = await page.evaluate(() => document.getElementById('enc').getDocument());
  assert(doc && doc.demo_asiakaskertomus && doc.demo_asiakaskertomus.merkinta === secret + ' ja lisää', 'restored: ' + JSON.stringify(doc));
  await axe(page, 'an element with a restored encrypted draft');
  // A key set after the element connected restores the kept draft; the blank form is never
  // saved over it (issue 23).
  await mount('asiakas-123/asia-9/kertomus-1', true);
  await page.waitForFunction((want) => document.getElementById('enc').getDocument()?.demo_asiakaskertomus?.merkinta === want, secret + ' ja lisää');
  // A live element switched to another client (draft-key + setDocument): that client's
  // draft is a record of its own; the first client's stays as it was (issue 23).
  await page.evaluate(() => {
    const el = document.getElementById('enc');
    el.setAttribute('draft-key', 'asiakas-789/asia-2/kertomus-3');
    el.setDocument({ demo_asiakaskertomus: {} });
  });
  await page.fill(`#enc [id="${id}"]`, 'Toisen asiakkaan merkintä');
  await page.evaluate(() => document.activeElement.blur());
  let two = [];
  for (let i = 0; i < 50 && two.length < 2; i++) { two = await records(); if (two.length < 2) await page.waitForTimeout(100); }
  assert(two.length === 2, 'the other client\'s draft is a record of its own: ' + two.length);
  await page.evaluate(() => document.getElementById('enc').discardDraft());
  assert((await records()).length === 1, 'the other client\'s draft discarded');
  await mount('asiakas-123/asia-9/kertomus-1');
  doc = await page.evaluate(() => document.getElementById('enc').getDocument());
  assert(doc?.demo_asiakaskertomus?.merkinta === secret + ' ja lisää', 'the first client\'s draft untouched: ' + JSON.stringify(doc));
  // Another client's document under the same key: no draft of this one.
  await mount('asiakas-456/asia-1/kertomus-7');
  doc = await page.evaluate(() => document.getElementById('enc').getDocument());
  assert(!JSON.stringify(doc || {}).includes('Salainen'), 'another document got the draft: ' + JSON.stringify(doc));
  // Emit deletes it (and the debounced change after the emit does not bring it back).
  await mount('asiakas-123/asia-9/kertomus-1');
  assert((await records()).length === 1, 'only this document has a draft');
  const filled = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'demo-kertomus.filled.json'), 'utf8'));
  const emitted = await page.evaluate(async (filled) => {
    const el = document.getElementById('enc');
    el.setAttribute('doc-oid', '1.2.246.10.12345678.15000.2026.9');
    el.setDocument(filled);
    const r = el.emit();
    await new Promise((r) => setTimeout(r, 900));
    return r.ok ? 'ok' : r.reasons.join('; ');
  }, filled);
  assert(emitted === 'ok', 'emit: ' + emitted);
  assert((await records()).length === 0, 'the draft is gone after emit');
  // The host says so: discardDraft() deletes a kept draft.
  await page.fill(`#enc [id="${id}"]`, secret);
  await page.evaluate(() => document.activeElement.blur());
  for (let i = 0; i < 50 && (await records()).length === 0; i++) await page.waitForTimeout(100);
  assert((await records()).length === 1, 'a new draft after more typing');
  await page.evaluate(() => document.getElementById('enc').discardDraft());
  assert((await records()).length === 0, 'discardDraft deleted it');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('issue 16: with the whole host context the element\'s emit() also gives document.cda.xml, whose body decodes to the payloads', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const ctx = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'kanta-sample.context.json'), 'utf8'));
  // The demo structure's document type and its client (born 1952: an adult).
  ctx.documentType = { code: '19', displayName: 'Asiakaskertomusmerkintä' };
  ctx.client = { id: { root: '1.2.246.21', extension: '131052-308T' }, given: 'Maija Liisa', family: 'Meikäläinen' };
  const x = await emitWithContext(page, ctx);
  assert(x.ok, 'emit: ' + JSON.stringify(x).slice(0, 600));
  const r = await page.evaluate(async (x) => {
    const el = document.getElementById('editor');
    const cda = x.files['document.cda.xml'];
    const d = new DOMParser().parseFromString(cda, 'application/xml');
    const body = d.getElementsByTagNameNS('urn:hl7-org:v3', 'nonXMLBody')[0];
    const b64 = (n) => new TextDecoder().decode(Uint8Array.from(atob(n.textContent.trim()), (c) => c.charCodeAt(0)));
    return {
      parseError: d.getElementsByTagName('parsererror').length,
      id: body.getAttribute('ID'),
      json: b64(d.getElementsByTagNameNS('urn:hl7finland', 'json')[0]) === x.files['document.json'],
      xhtml: b64(body.getElementsByTagNameNS('urn:hl7-org:v3', 'text')[0]) === x.files['document.xhtml'],
      inManifest: x.manifest.files.some((f) => f.name === 'document.cda.xml'),
      bytes: x.byteLengths['document.cda.xml'] === new TextEncoder().encode(cda).length,
      functionCode: d.getElementsByTagNameNS('urn:hl7finland', 'functionCode')[0].getAttribute('code'),
      // Open the archived envelope for correction (the browser's DOMParser finds the parts).
      opened: el.correct({ cda, markings: x.markings }),
      title: await new Promise((r) => setTimeout(() => r(document.getElementById('sm-correction-title')?.textContent), 50)),
      broken: await (async () => {
        const seen = new Promise((r) => el.addEventListener('sosmeta-error', (e) => r(e.detail), { once: true }));
        const ok = el.correct({ cda: cda.replace(/<versionNumber value="1"\/>/, '') });
        const e = await seen;
        return { ok, code: e.code, source: e.source, pointer: e.pointer };
      })(),
    };
  }, x);
  assert(r.opened && /Korjaus: versio 2/.test(r.title || ''), 'correct({cda}): ' + JSON.stringify([r.opened, r.title]));
  assert(!r.broken.ok && r.broken.code === 'archived-invalid' && r.broken.source === 'archived.cda' && r.broken.pointer === '/ClinicalDocument/versionNumber', JSON.stringify(r.broken));
  assert(r.parseError === 0 && r.id === `OID${ctx.documentOid}`, JSON.stringify(r));
  assert(r.json && r.xhtml && r.inManifest && r.bytes && r.functionCode === '24', JSON.stringify(r));
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

// ---- hardening (issue 7) ----

await test('CSP: every page runs under its Content-Security-Policy with no violation (no inline script, no eval)', async () => {
  for (const [file, sel] of [['index.html', '.sm-editor'], ['embed.html', 'sosmeta-editor .sm-editor'], ['preview.html', 'sosmeta-editor .sm-display'], ['author.html', 'sosmeta-editor .sm-author']]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => { window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`)); });
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto(`${base}/${file}`);
    await page.waitForSelector(sel, { timeout: 20000 });
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert(csp && !csp.includes('unsafe-inline') && !/unsafe-eval(?!')/.test(csp.replace("'wasm-unsafe-eval'", '')), `${file}: CSP ${csp}`);
    assert(await page.$$eval('script:not([src])', s => s.filter(x => x.textContent.trim()).length) === 0, `${file}: inline script`);
    const v = await page.evaluate(() => window.__csp);
    assert(v.length === 0 && errors.length === 0, `${file}: ${v.join('; ')} ${errors.join('; ')}`);
    await context.close();
  }
});

await test('hostile text typed into the element stays text; unpaired surrogates do not break it; nothing stored in the browser', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const id = 'sm/demo_asiakaskertomus/merkinta';
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>]]>&amp;\u202e';
  await page.fill(`[id="${id}"]`, evil);
  await page.evaluate(() => document.activeElement.blur());
  assert(await page.evaluate(() => document.querySelectorAll('sosmeta-editor img, sosmeta-editor script').length === 0 && window.__pwned === undefined), 'markup from typed text');
  let doc = await page.evaluate(() => document.getElementById('editor').getDocument());
  assert(doc.demo_asiakaskertomus.merkinta === evil, 'stored exactly: ' + JSON.stringify(doc.demo_asiakaskertomus.merkinta));
  // An unpaired surrogate from JS: stored as U+FFFD, the editor keeps working.
  await page.evaluate((id) => { const t = document.getElementById(id); t.value = 'x\uD800y'; t.dispatchEvent(new Event('input', { bubbles: true })); }, id);
  doc = await page.evaluate(() => document.getElementById('editor').getDocument());
  assert(doc.demo_asiakaskertomus.merkinta === 'x\uFFFDy', 'lone surrogate: ' + JSON.stringify(doc.demo_asiakaskertomus.merkinta));
  // A text the host was not sent yet: a document equal to the last one sent sends no event.
  const changed = await nextChange(page);
  await page.evaluate(([id, evil]) => { const t = document.getElementById(id); t.value = evil; t.dispatchEvent(new Event('input', { bubbles: true })); }, [id, `${evil}!`]);
  await changed();
  // The preview shows it as text too.
  await page.evaluate(() => { document.getElementById('editor').mode = 'preview'; });
  await page.waitForSelector('#editor .sm-display');
  assert(await page.evaluate(() => document.querySelectorAll('sosmeta-editor img, sosmeta-editor script').length === 0 && window.__pwned === undefined), 'markup in the preview');
  assert((await page.textContent('#editor .sm-display')).includes('<img src=x'), 'shown as text');
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
  }));
  assert(stored.local === 0 && stored.session === 0 && stored.cookie === '' && stored.idb === 0 && stored.caches === 0, 'browser storage: ' + JSON.stringify(stored));
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('undo and retyping give back the original bytes; a wasm panic in one element is reported with the last draft, the other keeps working', async () => {
  const { page, context } = await openPage('embed.html');
  await page.click('#ex-load');
  await page.waitForFunction(() => document.getElementById('editor').getDocument()?.demo_asiakaskertomus?.merkinta);
  const before = await page.evaluate(() => document.getElementById('editor').emit().files);
  const id = 'sm/demo_asiakaskertomus/merkinta';
  await page.focus(`[id="${id}"]`);
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await page.keyboard.press('Backspace');
  await page.click('#editor .sm-repeat-group .sm-add >> nth=0');   // add an item,
  await page.click('#editor .sm-item .sm-remove >> nth=0');        // remove the real one,
  await page.click('#editor .sm-undo button');                     // undo that,
  await page.click('#editor .sm-item .sm-remove >> nth=1');        // remove the added one
  const after = await page.evaluate(() => document.getElementById('editor').emit().files);
  for (const n of ['document.json', 'document.xhtml']) assert(before[n] === after[n], `${n} changed by edit + undo`);
  // A second element, then a panic in the first.
  await page.evaluate(() => {
    const el = document.createElement('sosmeta-editor');
    el.id = 'second'; el.setAttribute('structure', 'structures/demo-kaikki-tietotyypit.json');
    document.querySelector('main').append(el);
  });
  await page.waitForSelector('#second .sm-editor');
  await page.fill(`[id="${id}"]`, 'Viimeisin luonnos');
  await page.waitForFunction(() => window.__events.some(e => e.type === 'sosmeta-change' && e.detail.document.demo_asiakaskertomus.merkinta === 'Viimeisin luonnos'), null, { timeout: 5000 });
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.evaluate(() => document.getElementById('editor').panicForTests());
  const e = (await events(page, 'sosmeta-error')).at(-1);
  assert(e && e.id === 'editor' && e.detail.code === 'internal-error', 'panic reported: ' + JSON.stringify(e && e.detail).slice(0, 200));
  assert(e.detail.lastDocument.demo_asiakaskertomus.merkinta === 'Viimeisin luonnos', 'last draft in the event');
  assert(await page.isVisible('#editor [role=alert]'), 'visible message');
  assert((await page.evaluate(() => document.getElementById('editor').getDocument())).demo_asiakaskertomus.merkinta === 'Viimeisin luonnos', 'getDocument gives the last draft');
  assert(consoleErrors.some(m => m.includes('panicked')), 'panic message on the console');
  const v = await page.evaluate(() => document.getElementById('second').validate());
  assert(v && typeof v.errors === 'number', 'the other element still works');
  // A panic before any change: the event carries the document the element was given (kept
  // as text, read only now).
  const given = await page.evaluate(async () => {
    const first = document.getElementById('editor');
    const el = document.createElement('sosmeta-editor');
    el.id = 'third';
    el.setAttribute('structure', first.getAttribute('structure'));
    const text = first.getDocumentText();
    el.document = text;
    document.querySelector('main').append(el);
    await el.ready;
    el.panicForTests();
    return text;
  });
  const third = (await events(page, 'sosmeta-error')).filter((x) => x.id === 'third').at(-1);
  assert(third && third.detail.code === 'internal-error', 'third panic reported');
  assert(JSON.stringify(third.detail.lastDocument) === given, 'the given document in the event: ' + JSON.stringify(third.detail.lastDocument).slice(0, 120));
  assert(await page.evaluate(() => document.getElementById('third').getDocumentText()) === given, 'getDocumentText gives the given document');
  await context.close();
});

await test('reload restores the element draft only when the host opted in (draft-storage="session")', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/embed.html`);
  await page.waitForSelector('#editor .sm-editor');
  const id = 'sm/demo_asiakaskertomus/merkinta';
  // Without opt-in: typed text is gone after a reload, nothing in storage.
  const changed = await nextChange(page);
  await page.fill(`[id="${id}"]`, 'Ei tallenneta');
  await changed();
  assert(await page.evaluate(() => sessionStorage.length === 0 && localStorage.length === 0), 'stored without opt-in');
  await page.reload();
  await page.waitForSelector('#editor .sm-editor');
  assert((await page.inputValue(`[id="${id}"]`)) === '', 'restored without opt-in');
  // With the host's opt-in: restored after a reload, removed after emit.
  const optIn = async () => page.evaluate(() => {
    const old = document.getElementById('editor');
    const el = document.createElement('sosmeta-editor');
    el.id = 'editor';
    for (const a of ['structure', 'rules', 'doc-oid', 'lang']) el.setAttribute(a, old.getAttribute(a));
    el.setAttribute('draft-storage', 'session');
    old.replaceWith(el);
  });
  await optIn();
  await page.waitForSelector('#editor .sm-editor');
  await page.fill(`[id="${id}"]`, 'Luonnos talteen');
  await page.waitForFunction(() => sessionStorage.length === 1, null, { timeout: 5000 });
  await page.reload();
  await optIn();
  await page.waitForSelector('#editor .sm-editor');
  await page.waitForFunction((id) => document.getElementById(id)?.value === 'Luonnos talteen', id, { timeout: 5000 });
  assert(await page.evaluate(() => localStorage.length === 0), 'localStorage used');
  await context.close();
});


// ---- Nothing lost, nothing leaked (issue 12) ----

await test('moving the element keeps what was typed; ready rejects for an element removed while loading; only a lasting removal frees it', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const id = 'sm/demo_asiakaskertomus/merkinta';
  await page.fill(`[id="${id}"]`, 'Siirron yli');
  await page.evaluate(() => {
    const el = document.getElementById('editor');
    const s = document.createElement('section');
    s.id = 'elsewhere';
    document.querySelector('main').append(s);
    s.append(el); // a move: disconnected and connected in one task
  });
  await page.waitForTimeout(100);
  assert(await page.evaluate(() => document.getElementById('editor').parentNode.id === 'elsewhere'), 'moved');
  assert((await page.inputValue(`[id="${id}"]`)) === 'Siirron yli', 'typed text kept after a move');
  assert((await page.evaluate(() => document.getElementById('editor').getDocument())).demo_asiakaskertomus.merkinta === 'Siirron yli', 'document kept after a move');
  // Removed and put back in the same task: the same editor.
  await page.evaluate(() => { const el = document.getElementById('editor'); const p = el.parentNode; el.remove(); p.prepend(el); });
  await page.waitForTimeout(100);
  assert((await page.inputValue(`[id="${id}"]`)) === 'Siirron yli', 'typed text kept after a re-insertion');
  // Removed while loading: ready rejects.
  const r = await page.evaluate(async () => {
    const el = document.createElement('sosmeta-editor');
    el.setAttribute('structure', 'structures/demo-kertomus.json');
    document.querySelector('main').append(el);
    el.remove();
    try { await el.ready; return 'resolved'; } catch (e) { return `rejected: ${e.message}`; }
  });
  assert(r.startsWith('rejected'), 'ready for a removed element: ' + r);
  // A lasting removal frees it (nothing left in the page).
  await page.evaluate(() => document.getElementById('editor').remove());
  await page.waitForTimeout(50);
  assert(await page.evaluate(() => document.querySelectorAll('.sm-element-root').length === 0), 'freed');
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('a structure that never arrives: fetch timeout and abort; validate()/getDocument() never answer for the old structure', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const before = hangAborts;
  const r = await page.evaluate(() => {
    const el = document.getElementById('editor');
    el.setAttribute('fetch-timeout', '400');
    el.setAttribute('structure', '/hang/never.json');
    return { v: el.validate(), d: el.getDocument(), e: el.emit() };
  });
  assert(r.v === null && r.d === null && r.e === null, 'old structure still answering: ' + JSON.stringify(r).slice(0, 200));
  await page.waitForFunction(() => window.__events.some(e => e.type === 'sosmeta-error' && e.detail.code === 'load-failed' && e.detail.message.includes('400 ms')), null, { timeout: 5000 });
  // A newer input aborts the older fetch and is applied.
  await page.evaluate(() => {
    const el = document.getElementById('editor');
    el.setAttribute('fetch-timeout', '30000');
    el.setAttribute('structure', '/hang/again.json');
    el.setAttribute('structure', 'structures/demo-kaikki-tietotyypit.json');
  });
  await page.waitForSelector('#editor .sm-editor');
  const doc = await page.evaluate(() => document.getElementById('editor').getDocument());
  assert(doc && !('demo_asiakaskertomus' in doc), 'new structure answers: ' + JSON.stringify(doc));
  // A removed element aborts what it was fetching.
  await page.evaluate(() => { const el = document.getElementById('editor'); el.setAttribute('structure', '/hang/third.json'); el.remove(); });
  // The server sees an abort when the socket closes: poll for it (a fixed wait failed once
  // in nine runs on a busy machine) for up to 5 s.
  for (let i = 0; i < 50 && !(hangAborts >= before + 2 && hanging.size === 0); i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  assert(hangAborts >= before + 2 && hanging.size === 0, `fetches aborted: ${hangAborts - before}, still open: ${hanging.size}`);
  const timeouts = (await events(page, 'sosmeta-error')).filter(e => e.detail.code === 'load-failed');
  assert(timeouts.length === 1, 'a superseded fetch is not an error: ' + JSON.stringify(timeouts.map(e => e.detail.message)));
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('setDocument() before mount refuses (false + not-ready) and is never applied later; inputs over max-bytes are refused whole', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const r = await page.evaluate(async () => {
    const el = document.createElement('sosmeta-editor');
    el.id = 'early';
    el.setAttribute('structure', 'structures/demo-kertomus.json');
    document.querySelector('main').append(el);
    const ok = el.setDocument({ demo_asiakaskertomus: { merkinta: 'Liian aikaisin' } });
    await el.ready;
    return { ok, doc: el.getDocument() };
  });
  assert(r.ok === false, 'setDocument before mount returned ' + r.ok);
  assert(!JSON.stringify(r.doc).includes('Liian aikaisin'), 'applied although refused: ' + JSON.stringify(r.doc));
  const e = (await events(page, 'sosmeta-error')).find(x => x.id === 'early');
  assert(e && e.detail.code === 'not-ready', 'not-ready error: ' + JSON.stringify(e));
  // max-bytes: a structure over the limit is refused before it is parsed.
  await page.evaluate(() => {
    const el = document.createElement('sosmeta-editor');
    el.id = 'small';
    el.setAttribute('max-bytes', '1000');
    el.setAttribute('structure', 'structures/demo-kertomus.json');
    document.querySelector('main').append(el);
  });
  await page.waitForFunction(() => window.__events.some(e => e.id === 'small' && e.detail.code === 'input-too-large'), null, { timeout: 5000 });
  assert(!(await page.$('#small .sm-editor')), 'no form from an input over the limit');
  const big = await page.evaluate(() => {
    const el = document.getElementById('editor');
    el.setAttribute('max-bytes', '5000');
    const ok = el.setDocument({ demo_asiakaskertomus: { merkinta: 'x'.repeat(6000) } });
    return { ok, code: window.__events.at(-1).detail.code, kept: el.getDocument()?.demo_asiakaskertomus?.merkinta?.length ?? 0 };
  });
  assert(big.ok === false && big.code === 'input-too-large' && big.kept < 6000, 'large setDocument: ' + JSON.stringify(big));
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

if (haveCorpus) {
  await test('a large input is handed over and read in parts: a 6 MB document loads whole; a duplicate key in its last item is named with its pointer; a body that is not UTF-8 is refused; a large structure alone or set after mount, and one replaced while read', async () => {
    const f = '1.2.246.537.6.1505.1.2023.6.1.json';
    const cli = path.join(root, 'target', 'debug', 'sosmeta');
    const d = JSON.parse(execFileSync(cli, ['sample', path.join(corpus, f)], { encoding: 'utf8' }));
    const list = d.asiakkuusasiakirja.asiakkaaseen_liittyvat_henkilot;
    const n = 6000;
    d.asiakkuusasiakirja.asiakkaaseen_liittyvat_henkilot = Array(n).fill(list[0]);
    const whole = JSON.stringify(d);
    // The same text with the last item's first key given twice (exactly: its member again).
    const last = list[0];
    const k0 = Object.keys(last)[0];
    const dupItem = `{${JSON.stringify(k0)}:${JSON.stringify(last[k0])},${JSON.stringify(last).slice(1)}`;
    d.asiakkuusasiakirja.asiakkaaseen_liittyvat_henkilot = [...Array(n - 1).fill(list[0]), '@@LAST@@'];
    const dup = JSON.stringify(d).replace('"@@LAST@@"', dupItem);
    assert(whole.length > 2 * (2 << 20), `the document is ${whole.length} characters: more than two parts of 2 MiB`);
    const { page, errors, context } = await openPage('embed.html');
    await context.route('**/large/whole.json', (r) => r.fulfill({ contentType: 'application/json', body: whole }));
    await context.route('**/large/dup.json', (r) => r.fulfill({ contentType: 'application/json', body: dup }));
    await context.route('**/large/latin1.json', (r) => r.fulfill({ contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0xe4, 0x22, 0x3a, 0x31, 0x7d]) }));
    const mount = (id, structure, doc) => page.evaluate(({ id, structure, doc }) => {
      const el = document.createElement('sosmeta-editor');
      el.id = id;
      el.setAttribute('structure', structure);
      if (doc) el.setAttribute('document', doc);
      document.querySelector('main').append(el);
      return el.ready.then(() => 'ready', (e) => String(e));
    }, { id, structure, doc });
    assert(await mount('whole', `corpus/${f}`, 'large/whole.json') === 'ready', 'the large document is ready');
    const got = await page.evaluate(() => {
      const el = document.getElementById('whole');
      const doc = el.getDocument();
      return { items: doc?.asiakkuusasiakirja?.asiakkaaseen_liittyvat_henkilot?.length, text: el.getDocumentText().length };
    });
    assert(got.items === n, `all ${n} items read: ${JSON.stringify(got)}`);
    assert(JSON.stringify(JSON.parse(await page.evaluate(() => document.getElementById('whole').getDocumentText()))) === whole, 'the document as given, nothing lost');
    assert(!(await events(page, 'sosmeta-error')).some((e) => e.id === 'whole'), 'no error for the whole document');
    await mount('dup', `corpus/${f}`, 'large/dup.json');
    await page.waitForFunction(() => window.__events.some((e) => e.id === 'dup' && e.type === 'sosmeta-error'), null, { timeout: 20000 });
    const dupErr = (await events(page, 'sosmeta-error')).find((e) => e.id === 'dup').detail;
    assert(dupErr.code === 'document-invalid' && dupErr.pointer === `/asiakkuusasiakirja/asiakkaaseen_liittyvat_henkilot/${n - 1}/${k0}`,
      'the duplicate key named where it is: ' + JSON.stringify(dupErr).slice(0, 300));
    assert(/duplicate key/.test(dupErr.message), 'says duplicate key: ' + dupErr.message.slice(0, 200));
    await mount('latin1', 'large/latin1.json');
    await page.waitForFunction(() => window.__events.some((e) => e.id === 'latin1' && e.type === 'sosmeta-error'), null, { timeout: 20000 });
    const l1 = (await events(page, 'sosmeta-error')).find((e) => e.id === 'latin1').detail;
    assert(l1.code === 'load-failed' && /not UTF-8 text/.test(l1.message), 'not UTF-8: ' + JSON.stringify(l1));
    // A structure given without a document, and one set after mount, are read in parts too:
    // the largest real structure with its sections repeated (over 2 MiB) loads whole; one
    // replaced while it is read is never set.
    const st = JSON.parse(fs.readFileSync(path.join(corpus, largest[0]), 'utf8'));
    const top = Object.values(st.properties)[0];
    const sections = Object.entries(top.properties);
    top.properties = {};
    for (let k = 0; k < 12; k++) for (const [key, v] of sections) top.properties[k ? `${key}_${k}` : key] = v;
    const bigStructure = JSON.stringify(st, null, 2);
    assert(bigStructure.length > 2 << 20, 'the structure is over one part: ' + bigStructure.length);
    await context.route('**/large/structure.json', (r) => r.fulfill({ contentType: 'application/json', body: bigStructure }));
    const lastKey = `${sections[0][0]}_5`;
    assert(await mount('alone', 'large/structure.json') === 'ready', 'the large structure alone is ready');
    assert(await page.evaluate((k) => !!document.querySelector(`#alone [id$="/${k}"], #alone [id*="/${k}/"]`), lastKey), `its last copy of the first section (${lastKey}) is drawn`);
    const replaced = await page.evaluate(async () => {
      const el = document.getElementById('editor');
      // Replaced while it is read (its body has arrived; the element hands it over and
      // reads it a part a task): only the newer is set.
      const arrived = new Promise((r) => new PerformanceObserver((l, o) => {
        if (l.getEntries().some((e) => e.name.endsWith('large/structure.json'))) { o.disconnect(); r(); }
      }).observe({ type: 'resource' }));
      el.setAttribute('structure', 'large/structure.json');
      await arrived;
      el.setAttribute('structure', 'structures/demo-kertomus.json');
      // From then on the element answers for the newer structure or for none, never for
      // the one it replaced (looked at every task until the newer is there and after).
      const seen = new Set();
      const until = performance.now() + 1500;
      while (performance.now() < until) {
        for (const k of Object.keys(el.getDocument() ?? {})) seen.add(k);
        await new Promise((r) => setTimeout(r, 0));
      }
      return [...seen];
    });
    assert(JSON.stringify(replaced) === '["demo_asiakaskertomus"]', 'only the newer structure is ever set: ' + JSON.stringify(replaced));
    assert(errors.length === 0, 'console errors: ' + errors.join('; '));
    await context.close();
  });
}

await test('drafts stay with their document: keyed by draft-key / doc-oid, never restored into another client\'s form', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/embed.html`);
  await page.waitForSelector('#editor .sm-editor');
  const id = 'sm/demo_asiakaskertomus/asiakas/0/sukunimi';
  const put = async (key) => page.evaluate((key) => {
    const old = document.getElementById('editor');
    const el = document.createElement('sosmeta-editor');
    el.id = 'editor';
    el.setAttribute('structure', old.getAttribute('structure'));
    el.setAttribute('draft-storage', 'session');
    if (key) el.setAttribute('draft-key', key); else el.removeAttribute('doc-oid');
    window.__errs = [];
    el.addEventListener('sosmeta-error', (e) => window.__errs.push(e.detail));
    old.replaceWith(el);
    return el.ready.then(() => true);
  }, key);
  await put('asiakas-A/asia-1');
  await page.fill(`[id="${id}"]`, 'Asiakas A');
  await page.waitForFunction(() => sessionStorage.length === 1, null, { timeout: 5000 });
  await put('asiakas-B/asia-2');
  assert((await page.inputValue(`[id="${id}"]`)) === '', 'client B opened with client A\'s draft');
  await put('asiakas-A/asia-1');
  await page.waitForFunction((id) => document.getElementById(id)?.value === 'Asiakas A', id, { timeout: 5000 });
  // Without a key: nothing stored, and the host is told.
  await page.evaluate(() => sessionStorage.clear());
  await put(null);
  const changed = await nextChange(page);
  await page.fill(`[id="${id}"]`, 'Ilman avainta');
  await changed();
  assert(await page.evaluate(() => sessionStorage.length === 0), 'stored without a key');
  assert(await page.evaluate(() => window.__errs.some(e => e.code === 'attribute-invalid' && e.source === 'draft-storage')), 'host told about the missing key');
  await context.close();
});

await test('the today attribute is the host\'s day for delays; without it the day is Finland\'s', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const r = await page.evaluate(() => {
    const el = document.getElementById('editor');
    el.markings = { omakanta: { display: 'delayed', until: '2099-01-10', reason: { code: '1', display: 'x' }, justification: 'j' } };
    return new Promise((res) => setTimeout(() => {
      const codes = () => (el.validate()?.issues || []).map((i) => i.code);
      el.setAttribute('today', '2099-01-10');
      const onTheDay = codes();
      el.setAttribute('today', '2099-01-09');
      const dayBefore = codes();
      el.setAttribute('today', 'huomenna');
      const bad = window.__events.at(-1).detail;
      el.removeAttribute('today');
      const finland = codes();
      res({ onTheDay, dayBefore, bad, finland });
    }, 50));
  });
  assert(r.onTheDay.includes('delay-not-in-future'), 'delay on the host\'s today: ' + JSON.stringify(r.onTheDay));
  assert(!r.dayBefore.includes('delay-not-in-future'), 'delay the day before: ' + JSON.stringify(r.dayBefore));
  assert(r.bad.code === 'attribute-invalid' && r.bad.source === 'today', 'bad today: ' + JSON.stringify(r.bad));
  assert(!r.finland.includes('delay-not-in-future'), 'Finland\'s day is before 2099-01-10: ' + JSON.stringify(r.finland));
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('numbers are exact: getDocument(), getDocumentText(), events and emit() agree on 9007199254740993', async () => {
  const cli = path.join(root, 'target', 'debug', 'sosmeta');
  if (!fs.existsSync(cli)) { assert(!ci, 'target/debug/sosmeta missing in CI'); console.log('     NOTICE: no CLI; skipped'); return; }
  const sample = execFileSync(cli, ['sample', path.join(root, 'structures', 'demo-kaikki-tietotyypit.json')], { encoding: 'utf8' })
    .trim().replace(/"numero":[0-9.]+/, '"numero":9007199254740993');
  assert(sample.includes('9007199254740993'), 'fixture: ' + sample);
  const { page, errors, context } = await openPage('embed.html');
  const r = await page.evaluate(async (sample) => {
    const el = document.getElementById('editor');
    // Its sample tells no client age: the host says the client is an adult (issue 15).
    el.setAttribute('client-adult', 'true');
    el.setAttribute('structure', 'structures/demo-kaikki-tietotyypit.json');
    await new Promise((res) => el.addEventListener('sosmeta-drawn', res, { once: true }));
    const ok = el.setDocument(sample);
    // Edit another field first (load → edit → emit).
    await new Promise((r) => setTimeout(r, 0));
    const t = el.querySelector('form textarea');
    t.value = 'Muokattu toinen kenttä';
    t.dispatchEvent(new Event('input', { bubbles: true }));
    const x = el.emit();
    return { ok, text: el.getDocumentText(), obj: JSON.stringify(el.getDocument()), emitted: x.ok ? x.files['document.json'] : JSON.stringify(x).slice(0, 300) };
  }, sample);
  assert(r.ok, 'setDocument');
  assert(r.text.includes('"numero":9007199254740993') && r.text.includes('Muokattu toinen kenttä'), 'getDocumentText: ' + r.text);
  assert(r.obj === r.text, 'JSON.stringify(getDocument()) differs from the archived text: ' + r.obj);
  assert(r.emitted === r.text, 'emit() differs: ' + r.emitted);
  // The change event carries the same exact value.
  await page.waitForFunction(() => window.__events.some(e => e.type === 'sosmeta-change' && JSON.stringify(e.detail.document).includes('"numero":9007199254740993')), null, { timeout: 5000 });
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

await test('mounting and unmounting 500 times does not grow wasm memory', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const cycles = quick ? 100 : 500;
  const r = await page.evaluate(async (cycles) => {
    const structure = await (await fetch('structures/demo-kertomus.json')).text();
    const El = customElements.get('sosmeta-editor');
    const once = async () => {
      const el = document.createElement('sosmeta-editor');
      el.structure = structure;
      document.querySelector('main').append(el);
      await el.ready;
      el.remove();
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => setTimeout(r, 0));
    };
    for (let i = 0; i < 40; i++) await once(); // warm up: caches, interned strings, allocator pools
    const before = await El.wasmMemoryBytes();
    for (let i = 0; i < cycles; i++) await once();
    const after = await El.wasmMemoryBytes();
    return { before, after, left: document.querySelectorAll('.sm-element-root').length };
  }, cycles);
  console.log(`     wasm memory ${r.before} → ${r.after} bytes over ${cycles} mounts`);
  assert(r.left === 1, 'roots left behind: ' + r.left);
  assert(r.after - r.before <= 128 * 1024, `wasm memory grew by ${r.after - r.before} bytes over ${cycles} mounts`);
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

for (const f of largest) {
  await test(`largest real structure ${f}: fill every required field through the UI, emit, validate`, async () => {
    const { page, errors, context } = await open(`?structure=corpus/${f}`);
    await axe(page, 'empty form');
    await page.click('.sm-primary');
    await page.waitForSelector('.sm-summary');
    await axe(page, 'form with errors');
    const rounds = await fillAllRequired(page);
    const json = JSON.parse(await emittedJson(page));
    const schema = JSON.parse(fs.readFileSync(path.join(corpus, f), 'utf8'));
    const valid = ajv.validate(schema, json);
    assert(valid, 'ajv: ' + JSON.stringify(ajv.errors && ajv.errors.slice(0, 3)));
    const xhtml = await page.evaluate(async () => {
      const a = [...document.querySelectorAll('.demo-files a')].find(a => a.getAttribute('download') === 'document.xhtml');
      return await (await fetch(a.href)).text();
    });
    await axe(page, 'after emit');
    const preview = await browser.newPage();
    await preview.setContent(`<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Näyttömuoto</title></head><body><main>${xhtml}</main></body></html>`);
    await axe(preview, 'emitted display form');
    await preview.close();
    assert(errors.length === 0, 'console errors: ' + errors.join('; '));
    console.log(`     filled in ${rounds} rounds`);
    await context.close();
  });
}

await test('issue 23 in the element: emit() right after correct() is of the correction; a correction draft is restored as a correction; conflicting inputs are named and refused, validate() agreeing with emit(); a silent code-set callback times out; a removed element never turns ready', async () => {
  const { page, errors, context } = await openPage('embed.html');
  const filled = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'data', 'demo-kertomus.filled.json'), 'utf8'));
  const r = await page.evaluate(async (filled) => {
    const el = document.getElementById('editor');
    await el.ready;
    el.authorRole = 'organiser';
    el.setDocument(filled);
    await new Promise((r) => setTimeout(r, 0));
    const v1 = el.emit();
    if (!v1.ok) return { v1: v1.reasons };
    const archived = { document: v1.files['document.json'], metadata: v1.files['metadata.json'], markings: v1.markings };
    el.docOid = '1.2.246.10.12345678.15000.2026.2';
    // The same task: the correction is already in force.
    const opened = el.correct(archived);
    const same = el.emit();
    const v = el.validate();
    return { opened, same: same.ok ? JSON.parse(same.files['metadata.json']).version : same.reasons, valid: v.valid, codes: v.refusals.map((x) => x.code), archived };
  }, filled);
  assert(r.opened && Array.isArray(r.same) && r.same.some((x) => x.startsWith('correction-reason-missing')), 'emit after correct(): ' + JSON.stringify(r.same ?? r.v1));
  assert(r.valid === false && r.codes.includes('correction-reason-missing'), 'validate() agrees: ' + JSON.stringify(r.codes));
  // A draft of the correction, kept in this tab (host opt-in), restored as a correction.
  const restored = await page.evaluate(async (archived) => {
    const mk = () => {
      const old = document.getElementById('editor');
      const el = document.createElement('sosmeta-editor');
      el.id = 'editor';
      el.setAttribute('structure', old.getAttribute('structure'));
      el.setAttribute('draft-storage', 'session');
      el.setAttribute('draft-key', 'asiakas-1/korjaus');
      el.setAttribute('author-role', 'organiser');
      el.setAttribute('doc-oid', '1.2.246.10.12345678.15000.2026.2');
      old.replaceWith(el);
      return el;
    };
    let el = mk();
    await el.ready;
    el.correct(archived);
    el.setDocument(JSON.parse(archived.document));
    await new Promise((r) => setTimeout(r, 900));
    el = mk();
    await el.ready;
    await new Promise((r) => setTimeout(r, 50));
    const x = el.emit();
    return { panel: !!document.getElementById('sm-correction'), ok: x.ok, reasons: x.reasons || [] };
  }, r.archived);
  assert(restored.panel && !restored.ok && restored.reasons.some((x) => x.startsWith('correction-reason-missing')), 'restored correction draft: ' + JSON.stringify(restored));
  // doc-oid against the context's documentOid: one conflict, by code; emit refused.
  const conflict = await page.evaluate(async (filled) => {
    const el = document.getElementById('editor');
    const seen = [];
    el.addEventListener('sosmeta-error', (e) => seen.push(e.detail.code));
    await (el.context = { documentOid: '1.2.246.10.12345678.15000.2026.7' });
    await new Promise((r) => setTimeout(r, 0));
    const v = el.validate();
    const x = el.emit();
    return { seen, valid: v.valid, ok: x.ok, reasons: x.reasons || [] };
  }, filled);
  assert(conflict.seen.includes('conflict-document-oid'), 'conflict event: ' + JSON.stringify(conflict.seen));
  assert(conflict.valid === false && !conflict.ok && conflict.reasons.some((x) => x.startsWith('inputs-conflict')), 'refused: ' + JSON.stringify(conflict));
  // A code-set callback that never answers: ready all the same, and the host is told.
  const late = await page.evaluate(async () => {
    const old = document.getElementById('editor');
    const el = document.createElement('sosmeta-editor');
    el.setAttribute('structure', old.getAttribute('structure'));
    el.setAttribute('code-sets-timeout', '300');
    const seen = [];
    el.addEventListener('sosmeta-error', (e) => seen.push(e.detail));
    el.codeSets = () => new Promise(() => {});
    old.replaceWith(el);
    const ready = await Promise.race([el.ready.then(() => 'ready'), new Promise((r) => setTimeout(() => r('stalled'), 5000))]);
    return { ready, seen: seen.map((e) => e.code + ': ' + e.message) };
  });
  assert(late.ready === 'ready' && late.seen.some((m) => /did not answer within 300 ms/.test(m)), 'silent code sets: ' + JSON.stringify(late));
  // Removed before ready: ready rejects, never resolves (20 tries).
  const removed = await page.evaluate(async () => {
    const host = document.querySelector('sosmeta-editor');
    const out = [];
    for (let i = 0; i < 20; i++) {
      const el = document.createElement('sosmeta-editor');
      el.setAttribute('structure', host.getAttribute('structure'));
      document.body.append(el);
      let readyBefore = false;
      const settled = el.ready.then(() => 'ready', () => 'rejected');
      el.ready.then(() => { readyBefore = true; }, () => {});
      await new Promise((r) => setTimeout(r, i * 3));
      const wasReady = readyBefore;
      el.remove();
      const outcome = await Promise.race([settled, new Promise((r) => setTimeout(() => r('pending'), 3000))]);
      if (!wasReady) out.push(outcome);
    }
    return out;
  });
  assert(removed.every((x) => x === 'rejected'), 'removed before ready: ' + removed.join(','));
  // "A structure given as an object leaves the structure out of the draft's identity": a
  // draft typed in one structure (given as an object) is not restored into another under
  // the same draft-key.
  const crossed = await page.evaluate(async () => {
    const [a, b] = await Promise.all(['structures/demo-kertomus.json', 'structures/demo-lapsi.json'].map(async (u) => (await fetch(u)).json()));
    const mk = async (structure) => {
      const old = document.querySelector('sosmeta-editor');
      const el = document.createElement('sosmeta-editor');
      el.setAttribute('draft-storage', 'session');
      el.setAttribute('draft-key', 'asiakas-9/asia-9');
      el.structure = structure;
      old.replaceWith(el);
      await el.ready;
      return el;
    };
    sessionStorage.clear();
    let el = await mk(a);
    el.setDocument({ demo_asiakaskertomus: { merkinta: 'Vain kertomukseen' } });
    await new Promise((r) => setTimeout(r, 900));
    const kept = sessionStorage.length;
    el = await mk(b);
    const text = el.getDocumentText() || '';
    el = await mk(a);
    const back = el.getDocumentText() || '';
    sessionStorage.clear();
    return { kept, leaked: text.includes('Vain kertomukseen'), back: back.includes('Vain kertomukseen') };
  });
  assert(crossed.kept === 1 && !crossed.leaked && crossed.back, 'structure objects in the draft identity: ' + JSON.stringify(crossed));
  assert(errors.length === 0, 'console errors: ' + errors.join('; '));
  await context.close();
});

if (haveCorpus) {
  await test('every real structure renders in the browser without console errors', async () => {
    const files = fs.readdirSync(corpus).filter(f => f.endsWith('.json')).sort();
    const list = quick ? files.slice(0, 10) : files;
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto(`${base}/`);
    await page.waitForSelector('.sm-editor');
    for (const f of list) {
      // Through the file picker: no page reload between structures.
      const oid = f.replace(/\.json$/, '');
      await page.setInputFiles('#demo-file', path.join(corpus, f));
      await page.waitForFunction(o => {
        const e = document.querySelector('.demo-error');
        return e || [...document.querySelectorAll('#demo-oid')].some(x => x.textContent === o);
      }, oid, { timeout: 20000 });
      const err = await page.$('.demo-error');
      assert(!err, `${f}: ${err && await err.textContent()}`);
      assert(!(await page.$('.sm-unsupported')), `${f}: unsupported field shown`);
      assert(errors.length === 0, `${f}: console errors: ${errors.join('; ')}`);
    }
    console.log(`     ${list.length} structures`);
    await context.close();
  });
}

for (const r of hanging) r.destroy();
await browser.close();
server.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
