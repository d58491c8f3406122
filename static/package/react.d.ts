// React 19 JSX types for <sosmeta-editor>: `import type {} from 'sosmeta-editor/react'`
// once (or list it in tsconfig's "types"). React 19 sets a property the element has
// (structure, codeSets, markings, …) as a property and listens to `on` + the event's own
// name: write `onsosmeta-change`, not `onSosmetaChange` (that name is an error here,
// instead of a listener that never fires).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { SosmetaEditorElement, SosmetaEvents, SosmetaSettable } from './sosmeta-editor.js';

/** React 19's listeners: `on` + the event's own name. */
type Listeners = { [K in keyof SosmetaEvents as `on${K}`]?: (e: SosmetaEvents[K]) => void };

/** What `<sosmeta-editor>` takes in JSX: its properties, its attributes (kebab-case, as
 *  in HTML) and its events. */
export interface SosmetaEditorJsxProps
  extends Omit<DetailedHTMLProps<HTMLAttributes<SosmetaEditorElement>, SosmetaEditorElement>, 'lang'>,
    Partial<Pick<SosmetaEditorElement, SosmetaSettable>>,
    Listeners {
  lang?: 'fi' | 'sv';
  mode?: 'edit' | 'preview' | 'print' | 'author';
  audience?: 'professional' | 'client' | 'guardian';
  'author-role'?: 'organiser' | 'provider' | 'registerKeeper';
  'client-birth-date'?: string;
  'client-adult'?: 'true' | 'false';
  'doc-oid'?: string;
  today?: string;
  readonly?: boolean;
  'derived-rules'?: 'true' | 'false';
  explain?: string;
  'draft-storage'?: 'session';
  'draft-key'?: string;
  'max-bytes'?: number | string;
  'fetch-timeout'?: number | string;
  'code-sets-timeout'?: number | string;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'sosmeta-editor': SosmetaEditorJsxProps;
    }
  }
}
