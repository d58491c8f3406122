// Vue 3 template types for <sosmeta-editor>: `import type {} from 'sosmeta-editor/vue'`
// once. Tell Vue's compiler it is a custom element (Vite: `vue({ template: {
// compilerOptions: { isCustomElement: (t) => t === 'sosmeta-editor' } } })`); bind its
// properties with `.prop` or plain `:` (Vue sets a property the element has), listen with
// `@sosmeta-change`.
import type { DefineComponent } from 'vue';
import type { SosmetaEditorElement, SosmetaEvents, SosmetaSettable } from './sosmeta-editor.js';

/** Vue's listeners: `on` + the event name capitalised (`@sosmeta-change` is `onSosmeta-change`). */
type Listeners = { [K in keyof SosmetaEvents as `on${Capitalize<K>}`]?: (e: SosmetaEvents[K]) => void };

/** What `<sosmeta-editor>` takes in a Vue template. */
export type SosmetaEditorVueProps = Partial<Pick<SosmetaEditorElement, SosmetaSettable>> & Listeners & {
  lang?: 'fi' | 'sv';
  mode?: 'edit' | 'preview' | 'print' | 'author';
  audience?: 'professional' | 'client' | 'guardian';
  authorRole?: 'organiser' | 'provider' | 'registerKeeper';
  clientBirthDate?: string;
  clientAdult?: 'true' | 'false';
  docOid?: string;
  today?: string;
  readonly?: boolean;
  derivedRules?: boolean;
  draftStorage?: 'session';
  draftKey?: string;
  maxBytes?: number | string;
  fetchTimeout?: number | string;
  codeSetsTimeout?: number | string;
};

declare module 'vue' {
  interface GlobalComponents {
    'sosmeta-editor': DefineComponent<SosmetaEditorVueProps>;
  }
}
