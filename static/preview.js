// The citizen / guardian view of preview.html: pick a document, see it as the audience would.
const viewer = document.getElementById('viewer');
const DOCS = [
  { title: 'Asiakaskertomus, kotikäynti', structure: 'structures/demo-kertomus.json', document: 'data/demo-kertomus.filled.json', markings: '' },
  { title: 'Asiakaskertomus, erityissisältöä', structure: 'structures/demo-kertomus.json', document: 'data/demo-kertomus.filled.json', markings: 'examples/erityissisalto.markings.json' },
  { title: 'Lapsen asiakaskertomus, näytetään huoltajalle', structure: 'structures/demo-lapsi.json', document: 'data/demo-lapsi.filled.json', markings: 'examples/lapsi-huoltajalle.markings.json' },
  { title: 'Lapsen asiakaskertomus, ei huoltajalle', structure: 'structures/demo-lapsi.json', document: 'data/demo-lapsi.filled.json', markings: 'examples/lapsi-ei-huoltajalle.markings.json' },
];
const list = document.getElementById('ex-docs');
const buttons = DOCS.map((d, i) => {
  const li = document.createElement('li');
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = d.title;
  b.addEventListener('click', () => show(i));
  li.append(b);
  list.append(li);
  return b;
});
function show(i) {
  const d = DOCS[i];
  buttons.forEach((b, j) => b.setAttribute('aria-current', String(i === j)));
  viewer.structure = d.structure;
  viewer.markings = d.markings;
  viewer.document = d.document;
}
for (const r of document.querySelectorAll('input[name=audience]')) {
  r.addEventListener('change', () => { if (r.checked) viewer.audience = r.value; });
}
viewer.addEventListener('sosmeta-error', (e) => console.warn('sosmeta-error', e.detail));
show(0);
