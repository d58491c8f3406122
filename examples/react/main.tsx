// A React 19 host. The module is imported before React renders: React 19 sets a property
// (`structure`, `codeSets`) only when the element has it when it renders — on an element
// not yet defined it writes an attribute ("[object Object]") or drops a function. The
// module is small; the WebAssembly loads when the first element connects. `codeSets` is an
// inline function (a new one on every render): the element asks for each list once.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'sosmeta-editor';
import type {} from 'sosmeta-editor/react';
import type { SosmetaChangeDetail } from 'sosmeta-editor';

declare global {
  interface Window { sosmetaHost: { changes: number; codeSetCalls: number } }
}
window.sosmetaHost = { changes: 0, codeSetCalls: 0 };

function App() {
  const [structure, setStructure] = useState<object | null>(null);
  const [document, setDocument] = useState<object | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    Promise.all(['./structure.json', './document.json'].map((u) => fetch(u).then((r) => r.json())))
      .then(([s, d]) => { setStructure(s); setDocument(d); });
  }, []);
  if (!structure || !document) return <p>Ladataan…</p>;
  return (
    <>
      <sosmeta-editor
        structure={structure}
        document={document}
        author-role="organiser"
        lang="fi"
        codeSets={(oid: string) => { window.sosmetaHost.codeSetCalls++; void oid; return null; }}
        onsosmeta-change={(e: CustomEvent<SosmetaChangeDetail>) => {
          window.sosmetaHost.changes++;
          setStatus(e.detail.valid ? 'Valmis arkistoitavaksi' : `${e.detail.errors} virhettä`);
        }}
      />
      <p id="status" role="status">{status}</p>
    </>
  );
}

createRoot(window.document.getElementById('root')!).render(<App />);
