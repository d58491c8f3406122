// A Vue 3 host, with render functions (no runtime template compiler: a strict CSP holds).
// Vue sets a property the element has (`structure`) and listens with `onSosmeta-change`.
import { createApp, h, ref } from 'vue';
import 'sosmeta-editor';
import type {} from 'sosmeta-editor/vue';
import type { SosmetaChangeDetail } from 'sosmeta-editor';

declare global {
  interface Window { sosmetaHost: { changes: number } }
}
window.sosmetaHost = { changes: 0 };

createApp({
  setup() {
    const status = ref('');
    return () => [
      h('sosmeta-editor', {
        structure: './structure.json',
        document: './document.json',
        'author-role': 'organiser',
        lang: 'fi',
        'onSosmeta-change': (e: CustomEvent<SosmetaChangeDetail>) => {
          window.sosmetaHost.changes++;
          status.value = e.detail.valid ? 'Valmis arkistoitavaksi' : `${e.detail.errors} virhettä`;
        },
      }),
      h('p', { id: 'status', role: 'status' }, status.value),
    ];
  },
}).mount('#app');
