// The README's and docs/'s `js` and `html` blocks (tests/docs.rs checks the others): each
// script parses as a module (node --check; `…` stands for the host's own value), and
// every property, method, event and attribute it uses of <sosmeta-editor> exists — in
// the element's types (static/sosmeta-editor.d.ts) or its observed attributes
// (static/sosmeta-editor.js), or as a standard DOM member.
//   node tools/docs-blocks.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dts = fs.readFileSync(path.join(root, 'static/sosmeta-editor.d.ts'), 'utf8');
const js = fs.readFileSync(path.join(root, 'static/sosmeta-editor.js'), 'utf8');
// Names the element's class declares (properties, methods, accessors).
const cls = dts.slice(dts.indexOf('export declare class SosmetaEditorElement'));
const members = new Set([...cls.slice(0, cls.indexOf('\n}')).matchAll(/^\s+(?:readonly\s+|get\s+|set\s+)?(\w+)\??[(:<]/gm)].map((m) => m[1]));
// Settable properties are declared once in SosmetaSettable (the class extends it).
const settable = dts.match(/interface SosmetaSettable\s*{([\s\S]*?)\n}/);
if (settable) for (const m of settable[1].matchAll(/^\s+(?:readonly\s+)?(\w+)\??:/gm)) members.add(m[1]);
const dom = new Set(['setAttribute', 'getAttribute', 'removeAttribute', 'addEventListener', 'removeEventListener', 'append', 'remove', 'id', 'lang', 'hidden', 'focus']);
const events = new Set([...dts.matchAll(/'(sosmeta-[a-z-]+)'/g)].map((m) => m[1]));
const attrs = new Set(['id', 'class', 'style', 'lang', 'hidden']);
{
  const list = (name) => (js.match(new RegExp(`const ${name} = \\[([^\\]]*)\\]`)) || [, ''])[1];
  for (const m of (list('INPUTS') + list('OPTIONS')).matchAll(/'([a-z-]+)'/g)) attrs.add(m[1]);
  for (const m of js.match(/observedAttributes\(\) {\s*return \[([^\]]*)\]/)[1].matchAll(/'([a-z-]+)'/g)) attrs.add(m[1]);
}
if (members.size < 10 || events.size < 3 || attrs.size < 10) throw new Error(`could not read the element's types (${members.size} members, ${events.size} events, ${attrs.size} attributes)`);

const blocks = [];
for (const f of ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((x) => x.endsWith('.md')).sort().map((x) => `docs/${x}`)]) {
  const lines = fs.readFileSync(path.join(root, f), 'utf8').split('\n');
  let open = null;
  lines.forEach((l, i) => {
    if (!open && /^```(js|html)\s*$/.test(l)) open = { f, line: i + 1, lang: l.slice(3).trim(), text: [] };
    else if (open && l === '```') { blocks.push({ ...open, text: open.text.join('\n') }); open = null; }
    else if (open) open.text.push(l);
  });
}

const problems = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sosmeta-docs-'));
for (const b of blocks) {
  const at = `${b.f}:${b.line}`;
  const scripts = [];
  if (b.lang === 'js') scripts.push(b.text);
  else {
    for (const m of b.text.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)) scripts.push(m[1]);
    for (const m of b.text.matchAll(/<sosmeta-editor\s([^>]*)>/g)) {
      for (const a of m[1].matchAll(/([a-z-]+)=/g)) if (!attrs.has(a[1])) problems.push(`${at}: <sosmeta-editor ${a[1]}=…> is not an attribute of the element`);
    }
    for (const m of b.text.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)) {
      if (!/\/(sosmeta-editor\.js|wasm\/sosmeta-editor\.js|wasm\/sosmeta-editor_bg\.wasm)$/.test(m[1])) problems.push(`${at}: ${m[1]} is not a file of the package`);
    }
  }
  scripts.forEach((s, k) => {
    const file = path.join(tmp, `block-${blocks.indexOf(b)}-${k}.mjs`);
    fs.writeFileSync(file, s.replaceAll('…', 'undefined'));
    try { execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' }); } catch (e) { problems.push(`${at}: does not parse: ${e.stderr}`); }
    for (const m of s.matchAll(/\b(?:ed|el)\.(\w+)/g)) if (!members.has(m[1]) && !dom.has(m[1])) problems.push(`${at}: .${m[1]} is not a member of <sosmeta-editor>`);
    for (const m of s.matchAll(/'(sosmeta-[a-z-]+)'/g)) if (!events.has(m[1]) && m[1] !== 'sosmeta-editor') problems.push(`${at}: '${m[1]}' is not an event of <sosmeta-editor>`);
    for (const m of s.matchAll(/setAttribute\('([a-z-]+)'/g)) if (!attrs.has(m[1])) problems.push(`${at}: '${m[1]}' is not an attribute of the element`);
  });
}
fs.rmSync(tmp, { recursive: true });
if (blocks.length < 5) problems.push(`only ${blocks.length} js/html blocks found`);
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
console.log(`docs: ${blocks.length} js/html blocks parse and use only what <sosmeta-editor> has`);
