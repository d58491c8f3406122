// Side-by-side browser benchmark: sosmeta-editor (the <sosmeta-editor> element, release
// build in dist/) against @rjsf/core + @rjsf/validator-ajv8 + React, in one headless
// Chromium session, on the same real Sosmeta schemas and documents.
//
//   scripts/bench            (builds everything, then runs this; see docs/performance.md)
//   node bench/run.mjs [--quick] [--keystrokes N] [--loads N] [--only NAME-PART] [--profile]
//
// Cases: the three largest real structures (full sample documents from `sosmeta sample`)
// and synthetic expansions of the largest one (its biggest repeatable group repeated 10×
// and 100×, ~1k and ~10k fields). Metrics per product:
//   first screen   navigation start → the form's first text field is in the DOM with the
//                  document, next frame drawn (the top of the form takes input)
//   whole form     navigation start → the whole form is in the DOM (ours: `ready`, after
//                  progressive drawing), next frame drawn; both: median of --loads loads
//   floor          ours with no structure: page + module + wasm, the least any form costs
//   keystroke      input event → the page has handled it (the DOM shows the new value and
//                  the new validation state; see INIT), p50/p95 over N keystrokes spread
//                  over the form's text fields; also "to next frame" (incl. vsync wait)
//   validate-all   validate() / rjsf validateForm(), until its DOM update is done
//   emit           ours only: the four signed-ready files
//   DOM            elements and bytes of HTML per field, ours and rjsf
//   static floor   ours' final DOM as plain HTML in the same page and stylesheet, no script:
//                  whole form drawn and keystroke → next frame in it (what the browser
//                  alone needs for that DOM; ours' own cost is what lies above it)
//   before drawn   the element's performance marks (wasm instantiated, the structure's
//                  JSON text read, its model made, the document's text read, it fitted,
//                  rules, assessed, first view, drawn), and the main
//                  thread's work to ready by kind (style, layout, paint, GC, script, wasm
//                  compiled on it) from a Chromium trace of one more load; TRACE_SELF=1
//                  adds every trace event's self time by name, TRACE_TIMELINE=1 each task
//                  over 2 ms in order with what is inside it and the element's marks
//   throughput     `sosmeta validate` over 10 000 documents (1 000 in --quick): documents
//                  per second on one core (--jobs 1) and on all; and (not in --quick) one
//                  run over 1505.1 with 8 000 related persons
//   longest task   the longest main-thread task (PerformanceObserver 'longtask') from
//                  navigation to ready: how long the page could not answer (target ≤ 200 ms)
//   large docs     ours only: 1505.1 with 1 000 to 15 000 related persons (1 MB to 15 MB,
//                  under max-bytes; --quick: 1 000) in the element: the longest task to
//                  ready (the 200 ms bound) and the marks
//   large structs  ours only: the largest real structure with its sections repeated (×8,
//                  4 MB; ×34, 16 MiB, what max-bytes admits; --quick: ×8) and a sample
//                  document: the longest task to ready and the marks
//   transfer       wasm + JS + CSS gzipped (-9), from the files served
//   heap           JS heap after load (performance.memory) and, ours, wasm linear memory
// Prints a table with ratios and writes bench-results/web.json. Numbers are read, never
// asserted: `--quick` (CI) only proves the harness still works.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const tools = path.join(root, 'tools', 'node_modules');
const require = createRequire(path.join(tools, 'x.js'));
const { chromium } = require('playwright-core');
const esbuild = require('esbuild');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profiling = args.includes('--profile');
const ci = process.env.CI === 'true';
const keystrokes = Number(args[args.indexOf('--keystrokes') + 1]) || (quick ? 12 : 200);
const loads = Number(args[args.indexOf('--loads') + 1]) || (quick ? 1 : 5);
const dist = path.join(root, 'dist');
// The element's own build (scripts/build-element: no demo app), as a host downloads it;
// served at /wasm/ in place of the demo's when present.
const element = path.join(root, 'target', 'element');
const wasmDir = fs.existsSync(path.join(element, 'sosmeta-editor_bg.wasm')) ? element : path.join(dist, 'wasm');
const corpus = path.resolve(root, '..', 'shared', 'sosmeta', 'structures');
const web = path.join(root, 'target', 'bench-web');
// The generated documents and the static-floor pages; kept with KEEP_GEN=1 (the path is
// printed) to read the DOM ours drew.
const gen = fs.mkdtempSync(path.join(os.tmpdir(), 'sosmeta-bench-'));

if (!fs.existsSync(path.join(dist, 'wasm', 'sosmeta-editor_bg.wasm'))) {
  console.error('dist/ has no release build: run `trunk build --release --offline` (scripts/bench does)');
  process.exit(2);
}
// The release build (scripts/bench builds it first); a debug build only when there is no
// release one, and then the throughput line says so (a newer debug build from a test run
// gave figures 3× lower that read as a regression).
const cli = ['release', 'debug'].map((p) => path.join(root, 'target', p, 'sosmeta')).find((p) => fs.existsSync(p));
if (!cli) { console.error('no target/*/sosmeta: run `cargo build --release` first'); process.exit(2); }

// ---- the comparison bundle ----
fs.mkdirSync(web, { recursive: true });
await esbuild.build({
  entryPoints: [path.join(here, 'rjsf-entry.jsx')],
  bundle: true, minify: true, format: 'iife', target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  nodePaths: [tools], outfile: path.join(web, 'rjsf.js'), logLevel: 'error',
});

// ---- cases ----
let structures = [];
if (fs.existsSync(corpus)) {
  structures = fs.readdirSync(corpus).filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, size: fs.statSync(path.join(corpus, f)).size }))
    .sort((a, b) => b.size - a.size).slice(0, quick ? 1 : 3).map((x) => x.f);
} else if (ci) {
  console.error('CI=true but ../shared/sosmeta/structures is missing'); process.exit(1);
} else {
  console.log('NOTICE: ../shared/sosmeta/structures not found; benchmarking the demo structure only');
}
const structPath = (f) => (fs.existsSync(path.join(corpus, f)) ? path.join(corpus, f) : path.join(root, 'structures', f));
if (structures.length === 0) structures = ['demo-kertomus.json'];

function leaves(v) {
  if (Array.isArray(v)) return v.reduce((n, x) => n + leaves(x), 0);
  if (v && typeof v === 'object') {
    const vals = Object.values(v);
    if (vals.length && vals.every((x) => x === null || typeof x !== 'object') && ('code' in v || 'value' in v || 'system' in v)) return 1;
    return vals.reduce((n, x) => n + leaves(x), 0);
  }
  return 1;
}
/** The array of objects with the most fields per item (the group to repeat). */
function biggestGroup(doc) {
  let best = null;
  (function walk(v, parent, key) {
    if (Array.isArray(v)) {
      if (v.length && v[0] && typeof v[0] === 'object' && (!best || leaves(v[0]) > best.per)) best = { parent, key, per: leaves(v[0]) };
      v.forEach((x, i) => walk(x, v, i));
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, v, k);
  })(doc, null, null);
  return best;
}

const cases = [];
for (const f of structures) {
  const doc = execFileSync(cli, ['sample', structPath(f)], { encoding: 'utf8' });
  fs.writeFileSync(path.join(gen, `${f}.doc.json`), doc);
  fs.copyFileSync(structPath(f), path.join(gen, f));
  cases.push({ name: f.replace(/\.json$/, ''), structure: f, document: `${f}.doc.json`, fields: leaves(JSON.parse(doc)) });
}
for (const times of quick ? [10] : [10, 100]) {
  const f = structures[0];
  const doc = JSON.parse(fs.readFileSync(path.join(gen, `${f}.doc.json`), 'utf8'));
  const g = biggestGroup(doc);
  if (!g) break;
  const item = g.parent[g.key][0];
  g.parent[g.key] = Array.from({ length: times }, () => structuredClone(item));
  const name = `${f}.x${times}.json`;
  fs.writeFileSync(path.join(gen, name), JSON.stringify(doc));
  cases.push({ name: `${f.replace(/\.json$/, '')} ×${times}`, structure: f, document: name, fields: leaves(doc), synthetic: true });
}

// ---- the CLI over an archive: documents per second on one core and on all ----
let throughput = null;
{
  const n = quick ? 1000 : 10000;
  const f = structures[0];
  const text = fs.readFileSync(path.join(gen, `${f}.doc.json`));
  const dir = path.join(gen, 'archive');
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, String(i % 100));
    if (i < 100) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `${i}.json`), text);
  }
  const run = (jobs) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cli, ['validate', structPath(f), dir, '--json', ...(jobs ? ['--jobs', String(jobs)] : [])], { maxBuffer: 1 << 30 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const summary = JSON.parse(r.stdout.toString().trim().split('\n').pop()).summary;
    return { seconds: s, perSecond: n / s, jobs: summary.jobs, valid: summary.valid };
  };
  const one = run(1);
  const all = run(null);
  throughput = { documents: n, cli: path.relative(root, cli), one, all };
  console.log(`\nsosmeta validate over ${n} documents of ${f} (${path.relative(root, cli)}${cli.includes(`${path.sep}debug${path.sep}`) ? ', a debug build: not comparable with release figures' : ''}): one core ${one.perSecond.toFixed(0)} documents/s, ` +
    `${all.jobs} cores ${all.perSecond.toFixed(0)} documents/s (${(all.perSecond / one.perSecond).toFixed(2)}×); ${all.valid} valid`);
  fs.rmSync(dir, { recursive: true });
  // Issue 24's case: the real 1505.1 with 8 000 related persons (the sample's first one
  // repeated; ~8.7 MB, 104 000 warnings written as JSON lines), one run of the whole CLI.
  const big = '1.2.246.537.6.1505.1.2023.6.1.json';
  if (!quick && fs.existsSync(path.join(corpus, big))) {
    const d = JSON.parse(execFileSync(cli, ['sample', path.join(corpus, big)], { encoding: 'utf8' }));
    const root1505 = d.asiakkuusasiakirja;
    root1505.asiakkaaseen_liittyvat_henkilot = Array(8000).fill(root1505.asiakkaaseen_liittyvat_henkilot[0]);
    const file = path.join(gen, 'persons-8000.json');
    fs.writeFileSync(file, JSON.stringify(d));
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cli, ['validate', path.join(corpus, big), file, '--json', '--jobs', '1'], { maxBuffer: 1 << 30 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const line = JSON.parse(r.stdout.toString().split('\n')[0]);
    throughput.persons8000 = { seconds, bytes: fs.statSync(file).size, warnings: line.warnings, output: r.stdout.length };
    console.log(`sosmeta validate --json, 1505.1 with 8 000 related persons (${(throughput.persons8000.bytes / 1e6).toFixed(1)} MB, ${line.warnings} warnings, ${(r.stdout.length / 1e6).toFixed(1)} MB written): ${seconds.toFixed(2)} s`);
    fs.rmSync(file);
  }
}

// ---- server ----
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file;
  if (p.startsWith('/gen/')) file = path.join(gen, path.basename(p));
  else if (p === '/bench/rjsf.js') file = path.join(web, 'rjsf.js');
  else if (p.startsWith('/bench/')) file = path.join(here, path.basename(p));
  else if (p.startsWith('/wasm/')) {
    // --profile serves the build with function names (scripts/build-element --names).
    const named = path.join(wasmDir, 'sosmeta-editor.named.wasm');
    file = profiling && p.endsWith('_bg.wasm') && fs.existsSync(named) ? named : path.join(wasmDir, path.basename(p));
  }
  else file = path.join(dist, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(body);
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--no-first-run', '--enable-precise-memory-info'],
});

// Marks "ready" one frame after the page says so; records keystroke latencies.
// Keystroke latency: from the `input` event (the browser has the new text) to the end of
// the page's work for it — every handler plus the microtasks they queued (Yew renders and
// React flushes there), measured by a window-level listener that runs last and waits two
// microtask hops. This is the JS + DOM-update time, deterministic to ~0.1 ms on an empty
// page. `__paint` additionally waits for the next frame (style, layout, paint; it includes
// up to one vsync interval of waiting, so it is noisy by nature).
const INIT = () => {
  window.__lat = [];
  window.__paint = [];
  // Long tasks (over 50 ms) on the main thread until ready: the longest is the longest
  // time the page could not answer the user.
  window.__longest = 0;
  window.__longTasks = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (window.__readyAt === undefined) { window.__longest = Math.max(window.__longest, e.duration); window.__longTasks++; }
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long-task timing in this browser */ }
  const micro = () => Promise.resolve().then(() => Promise.resolve());
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  window.__micro = micro;
  const poll = () => (window.__bench && window.__bench.ready ? frame().then(() => { window.__readyAt = performance.now(); }) : setTimeout(poll, 1));
  poll();
  // The first screen: the form's first text field is in the DOM (with the document), drawn.
  const first = () => (document.querySelector('main form input, main form textarea') ? frame().then(() => { window.__firstAt = performance.now(); }) : setTimeout(first, 1));
  first();
  document.addEventListener('input', () => {
    const t0 = performance.now();
    window.addEventListener('input', () => { micro().then(() => window.__lat.push(performance.now() - t0)); }, { once: true });
    frame().then(() => window.__paint.push(performance.now() - t0));
  }, true);
};

/** A fresh browser context and page (nothing cached) with INIT installed; page errors go
 *  to `errors` when given. */
async function freshPage(errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  if (errors) page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(INIT);
  return { context, page };
}

/** The events of `evs` not inside another of them (by start and duration; of two that
 *  start together, the longer), in time order. */
function outermost(evs) {
  const out = [];
  for (const e of [...evs].sort((a, b) => a.ts - b.ts || (b.dur || 0) - (a.dur || 0))) {
    const last = out[out.length - 1];
    if (!last || e.ts >= last.ts + (last.dur || 0)) out.push(e);
  }
  return out;
}

/** One more fresh load of `url` under a Chromium trace, navigation to ready: the main
 *  thread's task time split into style, layout, paint, garbage collection and the rest
 *  (script, parsing, DOM building), in ms. */
async function tracedLoad(url) {
  const { context, page } = await freshPage();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'v8.execute', 'blink.user_timing'] });
  await page.goto(url);
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 600000 });
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await context.close();
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const on = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const split = (evs) => {
    const sum = (pred) => evs.filter(pred).reduce((n, e) => n + (e.dur || 0), 0) / 1000;
    const tasks = sum((e) => e.name === 'RunTask');
    const style = sum((e) => e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles');
    const layout = sum((e) => e.name === 'Layout');
    const paint = sum((e) => ['Paint', 'PrePaint', 'Layerize', 'UpdateLayer', 'Commit'].includes(e.name));
    const isGc = (e) => /^(MinorGC|MajorGC|V8\.GC_SCAVENGER|V8\.GCScavenger|V8\.GCFinalizeMC|BlinkGC\.)/.test(e.name) && !e.name.includes('.Atomic');
    const gc = sum(isGc);
    // Script: the outermost JS (and wasm) entry points, less the style, layout, paint and
    // GC they forced; what remains of "other" is the browser's own (HTML parsing, wasm
    // compilation on the main thread, task overhead).
    const entries = new Set(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'v8.callFunction']);
    const outer = outermost(evs.filter((x) => entries.has(x.name)));
    const within = (e) => {
      let lo = 0;
      let hi = outer.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (outer[mid].ts > e.ts) hi = mid - 1; else lo = mid + 1;
      }
      const o = outer[hi];
      return o && e.ts + (e.dur || 0) <= o.ts + (o.dur || 0);
    };
    const forced = sum((e) => (e.name === 'UpdateLayoutTree' || e.name === 'RecalculateStyles' || e.name === 'Layout' || isGc(e)) && within(e));
    // The browser's own work on the wasm on this thread: compiling each function when it is
    // first called (`wasm.CompileLazy`: V8 compiles wasm lazily; it happens inside the
    // call, so it is taken out of script), taking in the streamed bytes, instantiating.
    // Only the outermost of nested ones (`v8.wasm.compileConsume` holds `wasm.OnBytesReceived`).
    const wasmSet = new Set(outermost(evs.filter((x) => /^(v8\.)?wasm\./.test(x.name))));
    const isWasm = (e) => wasmSet.has(e);
    const wasm = sum(isWasm);
    const wasmInScript = sum((e) => isWasm(e) && within(e));
    const script = Math.max(0, outer.reduce((n, e) => n + (e.dur || 0), 0) / 1000 - forced - wasmInScript);
    const other = Math.max(0, tasks - style - layout - paint - gc);
    return { tasks, style, layout, paint, gc, script: Math.min(script, other), wasm, rest: Math.max(0, other - script - wasm), other };
  };
  // TRACE_SELF=1: every main-thread event's self time (its duration less its children's),
  // by name, the largest first: what "the rest" is made of.
  if (process.env.TRACE_SELF) {
    const self = new Map();
    const stack = [];
    for (const e of [...on].sort((a, b) => a.ts - b.ts || (b.dur || 0) - (a.dur || 0))) {
      while (stack.length && e.ts >= stack[stack.length - 1].ts + (stack[stack.length - 1].dur || 0)) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(parent.name, (self.get(parent.name) || 0) - (e.dur || 0) / 1000);
      self.set(e.name, (self.get(e.name) || 0) + (e.dur || 0) / 1000);
      stack.push(e);
    }
    console.log(`  self time by trace event (${url}):`);
    for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  }
  if (process.env.TRACE_TIMELINE) {
    // The page's own main thread: the one that ran the element's marks.
    const mark = events.find((e) => e.name.startsWith('sosmeta:'));
    const page = mark ? `${mark.pid}:${mark.tid}` : null;
    const navs = events.filter((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === page && (!mark || e.ts <= mark.ts));
    const nav = navs.at(-1)?.ts ?? on[0].ts;
    const tasks = on.filter((e) => e.name === 'RunTask' && e.dur > 2000 && (!page || `${e.pid}:${e.tid}` === page)).sort((a, b) => a.ts - b.ts);
    for (const t of tasks) {
      const inner = on.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur && (e.dur || 0) > 3000 && e.name !== 'RunTask');
      console.log(`    ${((t.ts - nav) / 1000).toFixed(0).padStart(5)} +${(t.dur / 1000).toFixed(1).padStart(6)}  ${inner.slice(0, 8).map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''} ${(e.dur / 1000).toFixed(1)}`).join(', ')}`);
    }
    const marks = events.filter((e) => e.name.startsWith('sosmeta:') && e.ph !== 'e');
    for (const m of marks) console.log(`    mark ${m.name} ${((m.ts - nav) / 1000).toFixed(0)}`);
  }
  // The longest task, split the same way (the events inside its time span).
  const longest = on.filter((e) => e.name === 'RunTask').reduce((a, e) => (!a || e.dur > a.dur ? e : a), null);
  const inLongest = longest ? on.filter((e) => e === longest || (e.name !== 'RunTask' && e.ts >= longest.ts && e.ts + (e.dur || 0) <= longest.ts + longest.dur)) : [];
  return { ...split(on), longest: longest ? split(inLongest) : null };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN; };

/** The page that draws `c` for `product`: ours, rjsf, or `static` — ours' final DOM as
 *  plain HTML in the same stylesheet, no script (the floor a browser needs for that DOM). */
function pageUrl(product, c) {
  if (product === 'static') return `${base}/gen/${encodeURIComponent(c.staticPage)}`;
  return `${base}/bench/${product === 'ours' ? 'ours.html' : 'rjsf.html'}?structure=/gen/${encodeURIComponent(c.structure)}&document=/gen/${encodeURIComponent(c.document)}`;
}

/** The static-floor page for `c`: `html` (ours' `<sosmeta-editor>` as drawn) in the page
 *  and stylesheet ours uses; ready (for INIT) once parsed. */
function writeStaticPage(c, html) {
  c.staticPage = `${c.document}.static.html`;
  fs.writeFileSync(path.join(gen, c.staticPage), `<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8" /><title>static floor</title>
<link rel="icon" href="data:," /><link rel="stylesheet" href="/sosmeta-editor.css" /></head>
<body><main id="root">${html}</main><script>window.__bench = { ready: true };</script></body></html>`);
}

async function measure(product, c) {
  const url = pageUrl(product, c);
  const errors = [];
  // First screen and whole form: the median of `loads` fresh loads (a new browser context
  // each: nothing cached); the keystrokes are typed into the last one.
  const screens = [];
  const wholes = [];
  const markRuns = [];
  const longest = [];
  let context;
  let page;
  for (let i = 0; i < loads; i++) {
    if (context) await context.close();
    ({ context, page } = await freshPage(errors));
    await page.goto(url);
    await page.waitForFunction(() => window.__readyAt !== undefined && window.__firstAt !== undefined, null, { timeout: 600000 });
    const [a, b, m, lt] = await page.evaluate(() => [window.__firstAt, window.__readyAt,
      performance.getEntriesByType('mark').filter((x) => x.name.startsWith('sosmeta:')).map((x) => [x.name, x.startTime])
        // When the structure and document had arrived (their fetches' last byte).
        .concat([['inputs fetched', Math.max(0, ...performance.getEntriesByType('resource').filter((x) => x.name.includes('/gen/')).map((x) => x.responseEnd))]]),
      window.__longest]);
    screens.push(a);
    wholes.push(b);
    longest.push(lt);
    markRuns.push(Object.fromEntries(m));
  }
  // Where the time goes before the form is drawn: the element's marks (median per mark
  // over the loads), and the main thread's work by kind from one more load, traced.
  const marks = {};
  for (const name of new Set(markRuns.flatMap((r) => Object.keys(r)))) marks[name] = pct(markRuns.map((r) => r[name]).filter((x) => x != null), 50);
  const trace = product === 'static' ? null : await tracedLoad(url);
  const firstScreen = pct(screens, 50);
  const firstRender = pct(wholes, 50);
  // The DOM a person's browser holds for the form: elements and bytes of HTML.
  const dom = await page.evaluate((p) => {
    const el = document.querySelector(p === 'rjsf' ? '#root' : 'sosmeta-editor');
    return el ? { html: el.outerHTML, elements: el.querySelectorAll('*').length } : { html: '', elements: 0 };
  }, product);
  const sel = product !== 'rjsf' ? 'sosmeta-editor textarea, sosmeta-editor input[type=text]:not([id$="-display"])' : '#root textarea, #root input[type=text]';
  const count = await page.$$eval(sel, (xs) => xs.length);
  const fields = Math.max(1, Math.min(count, Math.ceil(keystrokes / 4)));
  const per = Math.ceil(keystrokes / fields);
  const budget = Date.now() + (quick ? 30000 : 120000);
  let typed = 0;
  const lats = [];
  const paints = [];
  for (let i = 0; i < fields && typed < keystrokes && Date.now() < budget; i++) {
    const idx = Math.floor((i * count) / fields);
    await page.$$eval(sel, (xs, k) => { xs[k].scrollIntoView({ block: 'center' }); xs[k].focus(); }, idx);
    await page.keyboard.press('End');
    // A person sees the field before typing into it: the frame that draws the scrolled-to
    // part of the form (content-visibility) is not counted as the first keystroke's.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.evaluate(() => { window.__lat.length = 0; window.__paint.length = 0; });
    for (let k = 0; k < per && typed < keystrokes; k++) {
      const before = await page.evaluate(() => window.__lat.length);
      await page.keyboard.press(String.fromCharCode(97 + (k % 26)));
      await page.waitForFunction((n) => window.__lat.length > n && window.__paint.length > n, before, { timeout: 600000 });
      typed++;
    }
    const [lat, paint] = await page.evaluate(() => [window.__lat.slice(), window.__paint.slice()]);
    // KEY_DETAIL=1: each field typed into, with its keystrokes' latencies (to the end of
    // the page's work / to the next frame): which fields make the p95.
    if (process.env.KEY_DETAIL) {
      const id = await page.$$eval(sel, (xs, k) => xs[k].id || xs[k].name, idx);
      console.log(`    ${product} ${id}: ${lat.map((x) => x.toFixed(1)).join(' ')} / ${paint.map((x) => x.toFixed(1)).join(' ')}`);
    }
    lats.push(...lat);
    paints.push(...paint);
  }
  const t = await page.evaluate(async () => {
    if (!window.__bench.validateAll) return { validate: null, emit: null, heap: null, wasm: null };
    const t0 = performance.now();
    window.__bench.validateAll();
    await window.__micro();
    const validate = performance.now() - t0;
    let emit = null;
    if (window.__bench.emit) {
      const t1 = performance.now();
      window.__bench.emit();
      await window.__micro();
      emit = performance.now() - t1;
    }
    return { validate, emit, heap: performance.memory ? performance.memory.usedJSHeapSize : null, wasm: window.__wasmMemory ? window.__wasmMemory() : null };
  });
  await context.close();
  return { firstScreen, firstRender, latencies: lats.map((x) => Math.round(x * 10) / 10), keystrokes: lats.length, p50: pct(lats, 50), p95: pct(lats, 95), max: Math.max(...lats), paintP50: pct(paints, 50), paintP95: pct(paints, 95), validate: t.validate, emit: t.emit, heapMB: t.heap / 1048576, wasmMB: t.wasm == null ? null : t.wasm / 1048576, textFields: count, marks, trace, longestTask: pct(longest, 50), domElements: dom.elements, domBytes: dom.html.length, html: product === 'ours' ? dom.html : undefined, errors };
}

const gz = (files) => files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
const size = {
  ours: gz([path.join(wasmDir, 'sosmeta-editor_bg.wasm'), path.join(wasmDir, 'sosmeta-editor.js'), ...['sosmeta-editor.js', 'sosmeta-editor.css'].map((f) => path.join(dist, f))]),
  oursWasm: gz([path.join(wasmDir, 'sosmeta-editor_bg.wasm')]),
  rjsf: gz([path.join(web, 'rjsf.js')]),
};

const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const results = [];
const exact = cases.some((x) => x.name === only);
const selected = cases.filter((x) => !only || (exact ? x.name === only : x.name.includes(only)));

/** `--profile`: one load of ours per selected case under the V8 CPU profiler (the wasm with
 *  its function names), navigation to ready; prints the functions with the most self time.
 *  What a missed target is looked into with; nothing else is measured. */
async function profileLoad(c) {
  const { context, page } = await freshPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(`  page: ${m.text()}`); });
  page.on('pageerror', (e) => console.log(`  page: ${e}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await page.goto(pageUrl('ours', c));
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 90000 }).catch(async (e) => {
    console.log(await page.evaluate(() => [JSON.stringify(window.__bench), document.body.innerHTML.slice(0, 500)]));
    throw e;
  });
  const { profile } = await cdp.send('Profiler.stop');
  await context.close();
  const self = new Map();
  const dt = profile.timeDeltas;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'program'})`;
    self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${c.name}: CPU profile to ready, ${total.toFixed(0)} ms sampled; most self time:`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name.length > 110 ? `${name.slice(0, 107)}...` : name}`);
  }
  // The call tree by total (self + callees) time, cut at 3 % of the whole: which calls
  // from the page (the element's exports, Yew's scheduler) the time is spent under.
  const own = new Map();
  profile.samples.forEach((id, i) => own.set(id, (own.get(id) || 0) + (dt[i] || 0) / 1000));
  const inclusive = (n) => {
    if (n.total === undefined) n.total = (own.get(n.id) || 0) + (n.children || []).reduce((a, k) => a + inclusive(byId.get(k)), 0);
    return n.total;
  };
  const cut = total * (Number(process.env.PROFILE_CUT) || 0.03);
  console.log(`  call tree (total ms, cut at ${cut.toFixed(0)} ms):`);
  const walk = (n, depth) => {
    if (depth > 24) return;
    for (const k of (n.children || []).map((x) => byId.get(x)).sort((a, b) => inclusive(b) - inclusive(a))) {
      if (inclusive(k) < cut) break;
      const name = k.callFrame.functionName || `(${k.callFrame.url.split('/').pop() || 'program'})`;
      console.log(`  ${inclusive(k).toFixed(1).padStart(8)} ${'  '.repeat(depth)}${name.length > 90 ? `${name.slice(0, 87)}...` : name}`);
      walk(k, depth + 1);
    }
  };
  walk(profile.nodes[0], 0);
}
if (profiling) {
  for (const c of selected) await profileLoad(c);
  await browser.close();
  server.close();
  process.exit(0);
}
for (const c of selected) {
  const ours = await measure('ours', c);
  const rjsf = await measure('rjsf', c);
  writeStaticPage(c, ours.html);
  delete ours.html;
  const floorRun = await measure('static', c);
  delete floorRun.html;
  results.push({ case: c.name, fields: c.fields, synthetic: !!c.synthetic, ours, rjsf, static: floorRun });
  const f = (x, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));
  const ratio = (a, b) => (a > 0 && b > 0 ? `${(b / a).toFixed(1)}×` : '–');
  console.log(`\n${c.name} (${c.fields} fields; ${ours.textFields} / ${rjsf.textFields} text inputs)`);
  console.log(`  ${'metric'.padEnd(22)} ${'ours'.padStart(10)} ${'rjsf'.padStart(10)}  rjsf/ours`);
  for (const [label, a, b] of [
    ['first screen ms', ours.firstScreen, rjsf.firstScreen],
    ['whole form drawn ms', ours.firstRender, rjsf.firstRender],
    [`keystroke p50 ms (${ours.keystrokes}/${rjsf.keystrokes})`, ours.p50, rjsf.p50],
    ['keystroke p95 ms', ours.p95, rjsf.p95],
    ['  to next frame p95 ms', ours.paintP95, rjsf.paintP95],
    ['validate-all ms', ours.validate, rjsf.validate],
    ['emit ms', ours.emit, null],
    ['JS heap MB', ours.heapMB, rjsf.heapMB],
    ['longest task to ready ms', ours.longestTask, rjsf.longestTask],
    ['DOM elements / field', ours.domElements / c.fields, rjsf.domElements / c.fields],
    ['DOM bytes / field', ours.domBytes / c.fields, rjsf.domBytes / c.fields],
  ]) console.log(`  ${label.padEnd(22)} ${f(a, 2).padStart(10)} ${f(b, 2).padStart(10)}  ${b == null ? '' : ratio(a, b)}`);
  // Before the form is drawn: the element's marks, each from the one before it.
  const order = ['sosmeta:wasm', 'sosmeta:structure-text', 'sosmeta:structure', 'sosmeta:document-text', 'sosmeta:document', 'sosmeta:rules', 'sosmeta:assessed', 'sosmeta:first-view', 'sosmeta:drawn'];
  let prev = 0;
  const steps = [];
  for (const name of order) {
    if (ours.marks[name] == null) continue;
    steps.push(`${name.slice(8)} +${(ours.marks[name] - prev).toFixed(0)}`);
    prev = ours.marks[name];
  }
  console.log(`  before drawn (ms from the step before; navigation start = 0): ${steps.join(', ')}, next frame +${(ours.firstRender - prev).toFixed(0)}` +
    `; structure and document fetched at ${f(ours.marks['inputs fetched'], 0)} ms`);
  const tr = (x) => (x ? `tasks ${f(x.tasks, 0)} = style ${f(x.style, 0)} + layout ${f(x.layout, 0)} + paint ${f(x.paint, 0)} + GC ${f(x.gc, 0)} + script ${f(x.script, 0)} + wasm ${f(x.wasm, 0)} + the rest ${f(x.rest, 0)}` : '–');
  console.log(`  main thread to ready (traced load), ours: ${tr(ours.trace)}`);
  console.log(`                                      rjsf: ${tr(rjsf.trace)}`);
  console.log(`  longest task (traced load), ours: ${tr(ours.trace?.longest)}; rjsf: ${tr(rjsf.trace?.longest)}`);
  // The static floor: ours' final DOM as plain HTML (no script) in the same page.
  console.log(`  static floor: whole form drawn ${f(floorRun.firstRender)} ms (ours ${(ours.firstRender / floorRun.firstRender).toFixed(1)}× it), ` +
    `keystroke → next frame p95 ${f(floorRun.paintP95)} ms; ${floorRun.domElements} elements, ${(floorRun.domBytes / 1024).toFixed(0)} KB of HTML`);
  for (const e of [...ours.errors, ...rjsf.errors]) console.log(`  page error: ${e}`);
}
// The floor of ours: the page, the module and the WebAssembly alone (an element with no
// structure), median of 5 loads. What any form costs before its structure is read.
let floor = null;
{
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const { context, page } = await freshPage();
    await page.goto(`${base}/bench/ours.html`);
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60000 });
    runs.push(await page.evaluate(() => window.__readyAt));
    await context.close();
  }
  floor = pct(runs, 50);
  const big = results.find((r) => !r.synthetic);
  console.log(`\nfloor: ours with no structure (page + module + wasm instantiated, next frame) ${floor.toFixed(1)} ms` +
    (big ? `; 1/5 of rjsf's first screen on ${big.case}: ${(big.rjsf.firstScreen / 5).toFixed(1)} ms` : ''));
}
/** `loads` fresh loads of ours with the structure and document in gen/: each load's
 *  longest task to ready and the element's marks; the median load (by longest task) and
 *  its marks, each from the one before it. */
async function largeLoads(structure, doc, loads) {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const { context, page } = await freshPage();
    await page.goto(`${base}/bench/ours.html?structure=/gen/${structure}&document=/gen/${doc}`);
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 600000 });
    runs.push(await page.evaluate(() => ({ longest: window.__longest, ready: window.__readyAt,
      marks: performance.getEntriesByType('mark').filter((x) => x.name.startsWith('sosmeta:')).map((x) => [x.name.slice(8), x.startTime]) })));
    await context.close();
  }
  const mid = [...runs].sort((a, b) => a.longest - b.longest)[Math.floor(runs.length / 2)];
  let prev = 0;
  const marks = mid.marks.map(([name, t]) => { const x = `${name} +${(t - prev).toFixed(0)}`; prev = t; return x; }).join(', ');
  return { runs, mid, marks };
}

// Large documents in the element (the 200 ms bound): 1505.1 with N related persons (the
// sample's first repeated), the element's longest task until ready and its marks, each
// from the one before it; median of the loads. --quick: 1 000 persons, one load.
const largeDocs = [];
{
  const big = '1.2.246.537.6.1505.1.2023.6.1.json';
  if (fs.existsSync(path.join(corpus, big))) {
    const d0 = JSON.parse(execFileSync(cli, ['sample', path.join(corpus, big)], { encoding: 'utf8' }));
    fs.copyFileSync(path.join(corpus, big), path.join(gen, 'large-structure.json'));
    console.log(`\nlarge documents in the element (${big} with N related persons; longest task until ready, the element's marks):`);
    for (const n of quick ? [1000] : [1000, 2000, 4000, 8000, 15000]) {
      const d = structuredClone(d0);
      d.asiakkuusasiakirja.asiakkaaseen_liittyvat_henkilot = Array(n).fill(d.asiakkuusasiakirja.asiakkaaseen_liittyvat_henkilot[0]);
      const file = `large-${n}.json`;
      fs.writeFileSync(path.join(gen, file), JSON.stringify(d));
      const { runs, mid, marks } = await largeLoads('large-structure.json', file, quick ? 1 : n > 4000 ? 2 : 3);
      const mb = fs.statSync(path.join(gen, file)).size / 1e6;
      largeDocs.push({ persons: n, mb, longest: runs.map((r) => r.longest), ready: mid.ready, marks: mid.marks });
      console.log(`  ${String(n).padStart(5)} persons (${mb.toFixed(1)} MB): longest task ${runs.map((r) => r.longest.toFixed(0)).join(', ')} ms; ready ${mid.ready.toFixed(0)} ms; ${marks}`);
    }
  }
}
// Large structures in the element (the 200 ms bound for what max-bytes admits): the
// largest real structure with its sections repeated (×8 ≈ 4 MB, ×34 ≈ 16 MiB; --quick: ×8)
// and a sample document, the element's longest task until ready and its marks.
const largeStructures = [];
{
  const baseFile = structures.length ? structPath(structures[0]) : null;
  if (baseFile && fs.existsSync(baseFile)) {
    console.log(`\nlarge structures in the element (${structures[0]}, its sections repeated; longest task until ready, the element's marks):`);
    for (const times of quick ? [8] : [8, 34]) {
      const st = JSON.parse(fs.readFileSync(baseFile, "utf8"));
      const top = Object.values(st.properties)[0];
      const sections = Object.entries(top.properties);
      top.properties = {};
      for (let k = 0; k < times; k++) for (const [key, v] of sections) top.properties[k ? `${key}_${k}` : key] = structuredClone(v);
      const sFile = `large-structure-x${times}.json`;
      fs.writeFileSync(path.join(gen, sFile), JSON.stringify(st, null, 2));
      const dFile = `large-structure-x${times}.doc.json`;
      fs.writeFileSync(path.join(gen, dFile), execFileSync(cli, ['sample', path.join(gen, sFile)], { maxBuffer: 1 << 30 }));
      const { runs, mid, marks } = await largeLoads(sFile, dFile, quick ? 1 : 2);
      const mb = fs.statSync(path.join(gen, sFile)).size / 1e6;
      largeStructures.push({ times, mb, longest: runs.map((r) => r.longest), ready: mid.ready, marks: mid.marks });
      console.log(`  ×${String(times).padEnd(3)} (${mb.toFixed(1)} MB): longest task ${runs.map((r) => r.longest.toFixed(0)).join(', ')} ms; ready ${mid.ready.toFixed(0)} ms; ${marks}`);
    }
  }
}
console.log(`\ntransfer (gzip -9): ours ${(size.ours / 1024).toFixed(0)} KB (wasm ${(size.oursWasm / 1024).toFixed(0)} KB, from ${path.relative(root, wasmDir)}), rjsf ${(size.rjsf / 1024).toFixed(0)} KB`);

const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium: browser.version() };
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
const out = path.join(root, 'bench-results', quick ? 'web-quick.json' : 'web.json');
fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), quick, keystrokes, loads, machine, size, floor, throughput, largeDocs, largeStructures, results: results.map((r) => ({ ...r, ours: { ...r.ours }, rjsf: { ...r.rjsf } })) }, null, 2) + '\n');
console.log(`machine: ${machine.cpus} × ${machine.cpu}, ${machine.memGB} GB, Chromium ${machine.chromium}\nwrote ${path.relative(root, out)}`);
await browser.close();
server.close();
if (process.env.KEEP_GEN) console.log(`kept: ${gen}`);
else fs.rmSync(gen, { recursive: true });
const pageErrors = results.flatMap((r) => [...r.ours.errors, ...r.rjsf.errors, ...r.static.errors]);
process.exit(pageErrors.length && quick ? 1 : 0);
