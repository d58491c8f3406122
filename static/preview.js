// The citizen / guardian view of preview.html: the list shows only what the chosen viewer
// may open (a portal lists no hidden document, not even its title); pick one to see it as
// that viewer would. The professional's view lists every document.
const viewer = document.getElementById('viewer');
const El = customElements.get('sosmeta-editor') || (await customElements.whenDefined('sosmeta-editor'));
const DOCS = [
  { title: 'Asiakaskertomus, kotikäynti', structure: 'structures/demo-kertomus.json', document: 'data/demo-kertomus.filled.json', markings: '' },
  { title: 'Asiakaskertomus, erityissisältöä', structure: 'structures/demo-kertomus.json', document: 'data/demo-kertomus.filled.json', markings: 'examples/erityissisalto.markings.json' },
  { title: 'Lapsen asiakaskertomus, näytetään huoltajalle', structure: 'structures/demo-lapsi.json', document: 'data/demo-lapsi.filled.json', markings: 'examples/lapsi-huoltajalle.markings.json' },
  { title: 'Lapsen asiakaskertomus, ei huoltajalle', structure: 'structures/demo-lapsi.json', document: 'data/demo-lapsi.filled.json', markings: 'examples/lapsi-ei-huoltajalle.markings.json' },
];
const list = document.getElementById('ex-docs');
let audience = 'client';
let visible = [];
async function relist() {
  const sees = await Promise.all(DOCS.map((d) => El.audienceSees({ structure: d.structure, document: d.document, markings: d.markings || null, audience })));
  visible = DOCS.map((_, i) => i).filter((i) => sees[i]);
  list.replaceChildren(...visible.map((i) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = DOCS[i].title;
    b.addEventListener('click', () => show(i));
    li.append(b);
    return li;
  }));
  const empty = document.getElementById('ex-docs-empty');
  empty.hidden = visible.length > 0;
  if (visible.length > 0) show(visible[0]);
  else viewer.hidden = true;
}
function show(i) {
  const d = DOCS[i];
  viewer.hidden = false;
  for (const b of list.querySelectorAll('button')) b.setAttribute('aria-current', String(b.textContent === d.title));
  viewer.structure = d.structure;
  viewer.markings = d.markings;
  viewer.document = d.document;
}
for (const r of document.querySelectorAll('input[name=audience]')) {
  r.addEventListener('change', () => {
    if (!r.checked) return;
    audience = r.value;
    viewer.audience = r.value;
    relist();
  });
}
viewer.addEventListener('sosmeta-error', (e) => console.warn('sosmeta-error', e.detail));
relist();
