// A plain host: the module defines <sosmeta-editor>; the page listens to its events.
import 'sosmeta-editor';

const editor = document.querySelector('sosmeta-editor');
const status = document.getElementById('status');
window.sosmetaHost = { changes: 0 };
editor.addEventListener('sosmeta-change', (e) => {
  window.sosmetaHost.changes++;
  status.textContent = e.detail.valid ? 'Valmis arkistoitavaksi' : `${e.detail.errors} virhettä`;
});
