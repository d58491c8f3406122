// The rjsf comparison page of the benchmark: @rjsf/core + @rjsf/validator-ajv8 + React,
// fed the same Sosmeta schema and document as ours (rjsf reads JSON Schema directly and
// ignores the sosmeta extension). Live validation on change, as a form that shows issues
// while typing needs. Exposes window.__bench for the harness.
import React, { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';

const q = new URLSearchParams(location.search);

function App({ schema, data }) {
  const [formData, setFormData] = useState(data);
  const ref = useRef(null);
  useEffect(() => {
    window.__bench = { validateAll: () => ref.current.validateForm(), ready: true };
  }, []);
  return (
    <Form
      ref={ref}
      schema={schema}
      validator={validator}
      formData={formData}
      liveValidate="onChange"
      showErrorList="top"
      onChange={(e) => setFormData(e.formData)}
      onSubmit={() => {}}
    />
  );
}

async function main() {
  const [schema, data] = await Promise.all([
    fetch(q.get('structure')).then((r) => r.json()),
    q.get('document') ? fetch(q.get('document')).then((r) => r.json()) : Promise.resolve(undefined),
  ]);
  // Sosmeta files name draft-07 with an http $schema URL ajv does not need to fetch.
  delete schema.$schema;
  createRoot(document.getElementById('root')).render(<App schema={schema} data={data} />);
}
main();
