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
  archive(e.detail);
});

// The host's archive (this page keeps the last version in memory only): what a correction
// opens, and what an invalidation names.
let archived = null;
// The host's own reason-of-correction list (example codes: the national code system is not
// public, so a real host passes its own list and `version.reasonCodeSystem` in the context).
editor.correctionReasons = [
  { code: '1', displayName: 'Kirjausvirhe' },
  { code: '2', displayName: 'Asiavirhe' },
  { code: '3', displayName: 'Rajoitusmerkinnän muutos' },
];
function archive(d) {
  const meta = JSON.parse(d.files['metadata.json']);
  archived = { document: d.files['document.json'], metadata: d.files['metadata.json'], markings: d.markings, oid: meta.documentOid, version: meta.version };
  document.getElementById('ex-archived').textContent = `versio ${meta.version.versionNumber}, ${meta.documentOid}`;
  document.getElementById('ex-correct').disabled = !meta.documentOid;
  document.getElementById('ex-invalidate').disabled = !meta.documentOid;
}

document.getElementById('ex-correct').addEventListener('click', () => {
  if (!archived) return;
  // Every version has its own OID from the host; the set id stays.
  const parts = archived.oid.split('.');
  parts[parts.length - 1] = String(Number(parts[parts.length - 1]) + 1);
  editor.docOid = parts.join('.');
  note(editor.correct(archived) ? `korjataan versiota ${archived.version.versionNumber} (uusi OID ${editor.docOid})` : 'korjausta ei voitu aloittaa');
});

document.getElementById('ex-invalidate').addEventListener('click', () => {
  if (!archived) return;
  const r = editor.invalidate({ metadata: archived.metadata, reasonCode: '1', reasonDisplay: 'Väärä asiakas', text: document.getElementById('ex-invalidate-text').value });
  const pre = document.getElementById('ex-invalidation');
  pre.textContent = JSON.stringify(r.ok ? r.request : r, null, 2);
  pre.hidden = false;
  note(r.ok ? `mitätöintipyyntö: ${r.request.documentOid}` : `mitätöintiä ei voitu pyytää: ${r.reason}`);
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
  const meta = JSON.parse(d.files['metadata.json']);
  const version = document.getElementById('ex-version');
  version.textContent = `Versio ${meta.version.versionNumber} (setId ${meta.version.setId})` + (meta.version.reasonOfCorrection ? `, korjauksen syy: ${meta.version.reasonOfCorrection.displayName} – ${meta.version.correctionText}` : '');
  version.hidden = false;
  const changes = document.getElementById('ex-changes');
  const shown = Array.isArray(d.changes);
  changes.replaceChildren(...(d.changes || []).map((c) => {
    const li = document.createElement('li');
    li.textContent = c.marking ? `${c.marking}: ${c.before} → ${c.after}` : `${c.label} (${c.kind}): ${c.old ?? '–'} → ${c.new ?? '–'}`;
    return li;
  }));
  changes.hidden = !shown;
  document.getElementById('ex-changes-h').hidden = !shown;
  const frame = document.getElementById('ex-xhtml');
  frame.srcdoc = `<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Näyttömuoto</title></head><body>${d.files['document.xhtml']}</body></html>`;
  frame.hidden = false;
  const pre = document.getElementById('ex-json');
  pre.textContent = JSON.stringify(JSON.parse(d.files['document.json']), null, 2);
  pre.hidden = false;
}

document.getElementById('ex-lang').addEventListener('change', (e) => { editor.lang = e.target.value; });
document.getElementById('ex-role').addEventListener('change', (e) => { editor.authorRole = e.target.value; });
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
