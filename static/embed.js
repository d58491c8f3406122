// The "vendor UI" of embed.html: host settings, a host code list, events and the bundle.
const editor = document.getElementById('editor');
const log = document.getElementById('ex-log');

// A host code list for the demo structure's visit type (classification 1.2.246.537.6.99901),
// with one code no longer valid; other OIDs come from the partial lists in codesets/.
const HOST_CODES = {
  '1.2.246.537.6.99901': [
    { code: '1', fi: 'Tapaaminen toimistolla', sv: 'Möte på kontoret' },
    { code: '2', fi: 'Puhelinkeskustelu', sv: 'Telefonsamtal' },
    { code: '3', fi: 'Kotikäynti', sv: 'Hembesök' },
    { code: '9', fi: 'Vanha käyntityyppi', sv: 'Gammal besökstyp', validTo: '2020-12-31' },
  ],
};
editor.codeSets = async (oid) => {
  if (HOST_CODES[oid]) return HOST_CODES[oid];
  const r = await fetch(`codesets/${oid}.json`);
  if (!r.ok) return null; // not available: the editor offers free entry with a pattern check
  return (await r.json()).codes;
};

function note(text) {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString('fi-FI')} ${text}`;
  log.prepend(li);
}

editor.addEventListener('sosmeta-change', (e) => note(`sosmeta-change: ${e.detail.errors} virhettä, ${e.detail.warnings} huomautusta`));
editor.addEventListener('sosmeta-validate', (e) => note(`sosmeta-validate: ${e.detail.valid ? 'kunnossa' : `${e.detail.errors} virhettä, ${e.detail.markingProblems} merkintäongelmaa`}`));
editor.addEventListener('sosmeta-error', (e) => note(`sosmeta-error: ${e.detail.code} ${e.detail.source} ${e.detail.message}`));
editor.addEventListener('sosmeta-emit', (e) => {
  note(`sosmeta-emit: ${Object.keys(e.detail.files).join(', ')}`);
  showBundle(e.detail);
});

function showBundle(d) {
  document.getElementById('ex-bundle-empty').hidden = true;
  const files = document.getElementById('ex-files');
  files.replaceChildren(...d.manifest.files.map((f) => {
    const li = document.createElement('li');
    li.textContent = `${f.name} – ${f.bytes} tavua – SHA-256 ${f.sha256}`;
    return li;
  }), (() => {
    const li = document.createElement('li');
    li.textContent = `manifest.json – ${d.bytes['manifest.json'].length} tavua`;
    return li;
  })());
  const frame = document.getElementById('ex-xhtml');
  frame.srcdoc = `<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Näyttömuoto</title></head><body>${d.files['document.xhtml']}</body></html>`;
  frame.hidden = false;
  const pre = document.getElementById('ex-json');
  pre.textContent = JSON.stringify(JSON.parse(d.files['document.json']), null, 2);
  pre.hidden = false;
}

document.getElementById('ex-lang').addEventListener('change', (e) => { editor.lang = e.target.value; });
document.getElementById('ex-role').addEventListener('change', (e) => { editor.role = e.target.value; });
document.getElementById('ex-load').addEventListener('click', async () => {
  await editor.ready;
  const doc = await (await fetch('data/demo-kertomus.filled.json')).json();
  note(editor.setDocument(doc) ? 'esimerkkiasiakirja ladattu' : 'esimerkkiasiakirjaa ei voitu ladata');
});
document.getElementById('ex-validate').addEventListener('click', () => editor.validate());
document.getElementById('ex-emit').addEventListener('click', () => {
  const r = editor.emit();
  if (r && !r.ok) { note(`ei muodostettu: ${r.reasons.join('; ')}`); editor.focusFirstIssue(); }
});
