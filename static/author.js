// author.html: load a structure (built-in or a local file) and an optional rules file.
const el = document.getElementById('author');
const status = document.getElementById('ex-status');
document.getElementById('ex-builtin').addEventListener('change', (e) => {
  el.rules = '';
  el.structure = e.target.value;
  status.textContent = `Ladattu: ${e.target.value}`;
});
async function readFile(input) {
  const f = input.files && input.files[0];
  return f ? { name: f.name, text: await f.text() } : null;
}
document.getElementById('ex-file').addEventListener('change', async (e) => {
  const f = await readFile(e.target);
  if (!f) return;
  el.rules = '';
  el.structure = f.text;
  status.textContent = `Ladattu: ${f.name}`;
});
document.getElementById('ex-rules').addEventListener('change', async (e) => {
  const f = await readFile(e.target);
  if (!f) return;
  el.rules = f.text;
  el.structure = el.structure; // restart the author view with the new rules text
  status.textContent = `Säännöt: ${f.name}`;
});
el.addEventListener('sosmeta-error', (e) => { status.textContent = `Virhe: ${e.detail.source}: ${e.detail.message}`; });
