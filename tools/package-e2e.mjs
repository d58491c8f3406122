// The npm package as a vendor meets it: install target/npm/sosmeta-editor-<version>.tgz
// (scripts/package) into fresh projects made from examples/ (plain HTML, React 19, Vue 3),
// type-check the TypeScript hosts, build each with Vite (and the plain one with esbuild
// too), serve the build under the Content-Security-Policy of docs/security.md and drive it in
// Chromium: the element loads a real structure (the project's demo structure without
// ../shared), the user types, the host receives the events, `emit()` gives the bytes
// `sosmeta render` writes, no CSP violation, and Vite's report lists the WebAssembly.
//
//   node tools/package-e2e.mjs          (scripts/test runs it after scripts/package)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { chromium } = require('playwright-core');
const ci = process.env.CI === 'true';
const version = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const tgz = path.join(root, 'target', 'npm', `sosmeta-editor-${version}.tgz`);
if (!fs.existsSync(tgz)) { console.error(`${tgz} missing: run scripts/package`); process.exit(2); }
const cli = path.join(root, 'target', 'debug', 'sosmeta');
if (!fs.existsSync(cli)) { console.error('target/debug/sosmeta missing: cargo build'); process.exit(2); }
const tools = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).dependencies;
const bin = (name) => path.join(here, 'node_modules', '.bin', name);

// The largest real structure (16002: the one vendors tried), else the demo's.
const corpus = path.resolve(root, '..', 'shared', 'sosmeta', 'structures');
let structure = path.join(corpus, '1.2.246.537.6.1506.16002.2025.1.30.json');
if (!fs.existsSync(structure)) {
  if (ci) { console.error('CI=true but ../shared/sosmeta/structures is missing'); process.exit(1); }
  console.log('NOTICE: ../shared/sosmeta/structures not found; the hosts load the demo structure');
  structure = path.join(root, 'structures', 'demo-kertomus.json');
}
const documentText = execFileSync(cli, ['sample', structure], { encoding: 'utf8' });

// docs/security.md "Content-Security-Policy", as the server sends it.
// Read from the doc's `csp` block itself, so the policy the docs advise is the one tested.
const CSP = (() => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'security.md'), 'utf8');
  const m = doc.match(/^```csp\n([\s\S]*?)\n```$/m);
  if (!m) throw new Error("docs/security.md has no ```csp block");
  return m[1].split('\n').map((l) => l.trim()).join(' ');
})();
if (!CSP.includes("script-src 'self' 'wasm-unsafe-eval'")) throw new Error(`unexpected CSP in docs/security.md: ${CSP}`);

const hosts = path.join(root, 'target', 'hosts');
fs.rmSync(hosts, { recursive: true, force: true });
fs.mkdirSync(hosts, { recursive: true });

const deps = {
  plain: ['vite', 'esbuild'],
  react: ['vite', 'react', 'react-dom', 'typescript', '@types/react', '@types/react-dom'],
  vue: ['vite', 'vue', 'typescript', 'vue-tsc'],
};

/** A fresh project from examples/<name> with the tarball installed; returns its folder. */
function project(name) {
  const dir = path.join(hosts, name);
  fs.cpSync(path.join(root, 'examples', name), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'public'), { recursive: true });
  fs.copyFileSync(structure, path.join(dir, 'public', 'structure.json'));
  fs.writeFileSync(path.join(dir, 'public', 'document.json'), documentText);
  const dependencies = { 'sosmeta-editor': `file:${tgz}` };
  for (const d of deps[name]) dependencies[d] = tools[d];
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `host-${name}`, private: true, type: 'module', dependencies }, null, 2));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

function viteBuild(dir) {
  const out = execFileSync(path.join(dir, 'node_modules', '.bin', 'vite'), ['build', '--outDir', 'dist'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return out;
}

/** Serves `dir` under the CSP. */
async function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(dir, p === '/' ? 'index.html' : path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream', 'content-security-policy': CSP });
      res.end(body);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
function assert(cond, msg) { if (!cond) throw new Error(msg); }
let failed = 0;
let passed = 0;

/** Drives a built host: loads, types, checks events, emit() against the CLI. */
async function drive(name, dir) {
  const { server, base } = await serve(dir);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__csp = [];
    window.__errs = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    document.addEventListener('sosmeta-error', (e) => window.__errs.push(e.detail));
  });
  await page.goto(base + '/');
  await page.waitForFunction(() => customElements.get('sosmeta-editor') && document.querySelector('sosmeta-editor'), null, { timeout: 60000 });
  await page.evaluate(() => document.querySelector('sosmeta-editor').ready);
  const calls = await page.evaluate(() => window.sosmetaHost.codeSetCalls);
  // The user types at the end of the first text field.
  const field = page.locator('sosmeta-editor textarea, sosmeta-editor input[type=text]').first();
  await field.click({ timeout: 10000 }).catch(async (e) => {
    throw new Error(`${name}: no text field: ${JSON.stringify(await page.evaluate(() => window.__errs))} ${errors.join('; ')}: ${e}`);
  });
  await page.keyboard.press('End');
  await page.keyboard.type(' lisäys');
  await page.waitForFunction(() => window.sosmetaHost.changes > 0, null, { timeout: 10000 });
  await page.waitForFunction(() => document.getElementById('status').textContent.length > 0, null, { timeout: 10000 });
  if (calls !== undefined) {
    assert(calls > 0 || !fs.readFileSync(structure, 'utf8').includes('classificationOid'), `${name}: the codeSets callback was never asked`);
    // React re-rendered on each change, passing a new inline codeSets function each time.
    const after = await page.evaluate(() => window.sosmetaHost.codeSetCalls);
    assert(after === calls, `codeSets asked again after re-renders: ${calls} → ${after}`);
  }
  const r = await page.evaluate(() => {
    const el = document.querySelector('sosmeta-editor');
    const x = el.emit();
    const dec = new TextDecoder();
    return { ok: x.ok, reasons: x.reasons, text: el.getDocumentText(), files: x.ok ? Object.fromEntries(Object.entries(x.bytes).map(([k, b]) => [k, dec.decode(b)])) : null };
  });
  assert(r.ok, `${name}: emit refused: ${JSON.stringify(r.reasons)}`);
  assert(r.text.includes(' lisäys'), `${name}: the typed text is in the document`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sosmeta-pkg-'));
  fs.writeFileSync(path.join(tmp, 'doc.json'), r.text);
  fs.writeFileSync(path.join(tmp, 'role.json'), '{"authorRole": "organiser"}');
  execFileSync(cli, ['render', structure, path.join(tmp, 'doc.json'), '--out', path.join(tmp, 'out'), '--markings', path.join(tmp, 'role.json')]);
  for (const f of ['document.json', 'document.xhtml', 'metadata.json', 'manifest.json']) {
    assert(fs.readFileSync(path.join(tmp, 'out', f), 'utf8') === r.files[f], `${name}: ${f} differs from sosmeta render's`);
  }
  fs.rmSync(tmp, { recursive: true });
  const csp = await page.evaluate(() => window.__csp);
  assert(csp.length === 0, `${name}: CSP violations: ${csp.join('; ')}`);
  assert(errors.length === 0, `${name}: console errors: ${errors.join('; ')}`);
  await context.close();
  server.close();
}

/** The host page's own CSS — a centred app, type selectors for labels, inputs,
 *  paragraphs, lists — does not reach the editor: its elements look the same with and
 *  without it (the Vite template centred every label). */
async function hostileCss(dist) {
  const look = async () => {
    const { server, base } = await serve(dist);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(base + '/');
    await page.waitForFunction(() => document.querySelector('sosmeta-editor')?.ready, null, { timeout: 60000 });
    await page.evaluate(() => document.querySelector('sosmeta-editor').ready);
    const styles = await page.evaluate(() => {
      const props = ['text-align', 'letter-spacing', 'text-transform', 'font-size', 'font-family', 'font-weight', 'margin-top', 'padding-left', 'width', 'display', 'color', 'background-color', 'border-top-width'];
      const pick = (sel) => {
        const el = document.querySelector(`sosmeta-editor ${sel}`);
        if (!el) return null;
        const cs = getComputedStyle(el);
        return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
      };
      const pressed = document.querySelector('sosmeta-editor .sm-lang-btn[aria-pressed="true"]');
      return { label: pick('label'), input: pick('input[type=text], textarea'), legend: pick('legend'), p: pick('p'), li: pick('li'), button: pick('button'), accent: pressed && getComputedStyle(pressed).backgroundColor };
    });
    await page.close();
    server.close();
    return styles;
  };
  const clean = await look();
  const index = path.join(dist, 'index.html');
  const html = fs.readFileSync(index, 'utf8');
  fs.writeFileSync(path.join(dist, 'hostile.css'), `
    body, main { text-align: center; letter-spacing: 2px; text-transform: uppercase; font: 24px/2 serif; color: #700; }
    label { display: inline; font-size: 30px; margin: 20px; padding: 10px; font-weight: 100; }
    input, textarea { width: 50px; background-color: #ff0; border: 9px solid red; }
    p, li { margin: 3em; padding-left: 4em; }
    legend { text-align: right; font-size: 40px; }
    button { width: 400px; background-color: #0f0; }
  `);
  fs.writeFileSync(index, html.replace('<head>', '<head><link rel="stylesheet" href="/hostile.css">'));
  const hostile = await look();
  for (const k of Object.keys(clean)) {
    assert(JSON.stringify(clean[k]) === JSON.stringify(hostile[k]), `host CSS reached the editor's ${k}: ${JSON.stringify(clean[k])} → ${JSON.stringify(hostile[k])}`);
  }
  // The theming surface does reach it: --sosmeta-accent on an ancestor.
  fs.writeFileSync(path.join(dist, 'hostile.css'), 'main { --sosmeta-accent: rgb(1, 2, 3); }');
  const themed = await look();
  fs.writeFileSync(index, html);
  assert(clean.accent && themed.accent === 'rgb(1, 2, 3)', `--sosmeta-accent did not theme the editor: ${clean.accent} → ${themed.accent}`);
}

async function test(label, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${label} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${label}: ${e.stack || e}`);
  }
}

for (const name of ['plain', 'react', 'vue']) {
  await test(`${name} host: installed from the tarball, built with Vite, driven in Chromium`, async () => {
    const dir = project(name);
    if (name !== 'plain') execFileSync(path.join(dir, 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: dir, stdio: 'inherit' });
    const report = viteBuild(dir);
    assert(/\.wasm\s/.test(report), `${name}: Vite's report lists no .wasm:\n${report}`);
    assert(/\.css\s/.test(report), `${name}: Vite's report lists no stylesheet:\n${report}`);
    await drive(name, path.join(dir, 'dist'));
    if (name === 'plain') await hostileCss(path.join(dir, 'dist'));
    if (name === 'plain') {
      // esbuild: the module bundled; the package's wasm/ and stylesheet copied next to the
      // bundle (esbuild does not copy `new URL(…, import.meta.url)` assets).
      const out = path.join(dir, 'dist-esbuild');
      fs.mkdirSync(out, { recursive: true });
      execFileSync(bin('esbuild'), ['main.js', '--bundle', '--format=esm', `--outfile=${path.join(out, 'main.js')}`, '--log-level=warning'], { cwd: dir, stdio: 'inherit' });
      const pkg = path.join(dir, 'node_modules', 'sosmeta-editor');
      fs.cpSync(path.join(pkg, 'wasm'), path.join(out, 'wasm'), { recursive: true });
      fs.copyFileSync(path.join(pkg, 'sosmeta-editor.css'), path.join(out, 'sosmeta-editor.css'));
      fs.copyFileSync(path.join(dir, 'index.html'), path.join(out, 'index.html'));
      for (const f of ['structure.json', 'document.json']) fs.copyFileSync(path.join(dir, 'public', f), path.join(out, f));
      await drive('plain (esbuild)', out);
      // Properties set before the module defines the element are kept (the upgrade
      // property pattern): a structure object and a code-set callback.
      fs.writeFileSync(path.join(out, 'upgrade.html'), '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body><p id="status"></p><script type="module" src="./upgrade.js"></script></body></html>');
      fs.writeFileSync(path.join(out, 'upgrade.js'), `
        const el = document.createElement('sosmeta-editor');
        el.structure = await (await fetch('./structure.json')).json();
        window.asked = 0;
        el.codeSets = () => { window.asked++; return null; };
        el.setAttribute('author-role', 'organiser');
        document.body.append(el);
        await import('./main.js');
        await el.ready;
        window.upgraded = { fields: el.querySelectorAll('input, textarea, select').length, asked: window.asked, errors: window.__errs.length };
      `);
      const { server, base } = await serve(out);
      const page = await browser.newPage();
      await page.addInitScript(() => { window.__errs = []; document.addEventListener('sosmeta-error', (e) => window.__errs.push(e.detail)); });
      await page.goto(base + '/upgrade.html');
      await page.waitForFunction(() => window.upgraded, null, { timeout: 60000 });
      const u = await page.evaluate(() => ({ ...window.upgraded, errs: window.__errs }));
      assert(u.fields > 0 && u.errors === 0, `properties set before the upgrade: ${JSON.stringify(u)}`);
      assert(u.asked > 0 || !fs.readFileSync(structure, 'utf8').includes('classificationOid'), `the code-set callback set before the upgrade was not asked: ${JSON.stringify(u)}`);
      await page.close();
      server.close();
    }
  });
}

await test('React types: the JSX element and its events are typed; `onSosmetaChange` is an error, not a listener that never fires', async () => {
  const dir = path.join(hosts, 'react');
  fs.writeFileSync(path.join(dir, 'wrong.tsx'), "import type {} from 'sosmeta-editor/react';\nexport const A = () => <sosmeta-editor lang=\"fi\" onSosmetaChange={() => {}} />;\nexport const B = () => <sosmeta-editor lang=\"en\" />;\n");
  let out = '';
  try {
    execFileSync(path.join(dir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--jsx', 'react-jsx', '--strict', '--skipLibCheck', '--moduleResolution', 'Bundler', '--module', 'ESNext', '--target', 'ES2022', 'wrong.tsx'], { cwd: dir, encoding: 'utf8' });
  } catch (e) {
    out = String(e.stdout);
  }
  assert(/wrong\.tsx\(2,.*onSosmetaChange/.test(out), `onSosmetaChange not refused:\n${out}`);
  assert(/wrong\.tsx\(3,.*"en"/.test(out), `lang="en" not refused:\n${out}`);
});

await test('The shipped declaration files type-check on their own (no skipLibCheck: a host that checks libraries sees no error of ours)', async () => {
  for (const [host, files] of [['react', ['sosmeta-editor.d.ts', 'react.d.ts']], ['vue', ['sosmeta-editor.d.ts', 'vue.d.ts']]]) {
    const dir = path.join(hosts, host);
    const pkg = path.join(dir, 'node_modules', 'sosmeta-editor');
    let out = '';
    try {
      execFileSync(path.join(dir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--skipDefaultLibCheck', '--moduleResolution', 'Bundler', '--module', 'ESNext', '--target', 'ES2022', '--lib', 'ES2022,DOM', ...files.map((f) => path.join(pkg, f))], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      out = String(e.stdout) + String(e.stderr) || String(e);
    }
    assert(out === '', `${host}: tsc on the shipped types:\n${out}`);
  }
});

await test('Vue types: a template is checked against the element (`:lang="42"` is an error; a right one is clean)', async () => {
  const dir = path.join(hosts, 'vue');
  fs.writeFileSync(path.join(dir, 'Right.vue'), `<script setup lang="ts">
import type { SosmetaChangeDetail } from 'sosmeta-editor';
const onChange = (e: CustomEvent<SosmetaChangeDetail>) => console.log(e.detail.valid);
</script>
<template><sosmeta-editor lang="sv" structure="./structure.json" author-role="organiser" @sosmeta-change="onChange" /></template>
`);
  fs.writeFileSync(path.join(dir, 'Wrong.vue'), '<template><sosmeta-editor :lang="42" mode="edit" /></template>\n');
  fs.writeFileSync(path.join(dir, 'tsconfig.vue.json'), JSON.stringify({ extends: './tsconfig.json', include: ['main.ts', '*.vue'] }));
  const vueTsc = path.join(dir, 'node_modules', '.bin', 'vue-tsc');
  let out = '';
  try {
    execFileSync(vueTsc, ['--noEmit', '-p', 'tsconfig.vue.json'], { cwd: dir, encoding: 'utf8' });
  } catch (e) {
    out = String(e.stdout);
  }
  assert(/Wrong\.vue\(1,\d+\): error TS2322/.test(out) && out.includes('"fi" | "sv"'), `:lang="42" not refused:\n${out}`);
  assert(!/Right\.vue/.test(out), `the right template was refused:\n${out}`);
});

await browser.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
