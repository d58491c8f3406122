// Vue 3 template types for <sosmeta-editor>: `import type {} from 'sosmeta-editor/vue'`
// once. Tell Vue's compiler it is a custom element (Vite: `vue({ template: {
// compilerOptions: { isCustomElement: (t) => t === 'sosmeta-editor' } } })`); bind its
// properties with `.prop` or plain `:` (Vue sets a property the element has), listen with
// `@sosmeta-change`.
import type { DefineComponent } from 'vue';
import type {
  SosmetaEditorElement,
  SosmetaChangeDetail,
  SosmetaValidateDetail,
  SosmetaEmitDetail,
  SosmetaErrorDetail,
  SosmetaInvalidation,
} from './sosmeta-editor.js';

type Settable = 'structure' | 'document' | 'rules' | 'markings' | 'codeSets' | 'context' | 'correctionReasons' | 'draftCryptoKey';

/** What `<sosmeta-editor>` takes in a Vue template. */
export type SosmetaEditorVueProps = Partial<Pick<SosmetaEditorElement, Settable>> & {
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
  'onSosmeta-change'?: (e: CustomEvent<SosmetaChangeDetail>) => void;
  'onSosmeta-validate'?: (e: CustomEvent<SosmetaValidateDetail>) => void;
  'onSosmeta-emit'?: (e: CustomEvent<SosmetaEmitDetail>) => void;
  'onSosmeta-error'?: (e: CustomEvent<SosmetaErrorDetail>) => void;
  'onSosmeta-invalidate'?: (e: CustomEvent<SosmetaInvalidation>) => void;
  'onSosmeta-drawn'?: (e: CustomEvent<Record<string, never>>) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'sosmeta-editor': DefineComponent<SosmetaEditorVueProps>;
  }
}
