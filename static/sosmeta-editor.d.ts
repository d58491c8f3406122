// Types of the <sosmeta-editor> custom element (sosmeta-editor.js).

/** A Sosmeta structure, document or rules file: a parsed object, JSON text, or a URL. */
export type SosmetaInput = object | string;

/** One code of a host code list. Dates are `YYYY-MM-DD`; other members are ignored. */
export interface SosmetaCode {
  code: string;
  fi: string;
  sv?: string;
  validFrom?: string;
  validTo?: string;
}

/**
 * Host code lists: `{ "<classification OID>": SosmetaCode[] }`, one list file
 * `{ oid, codes }`, an array of those, JSON text or a URL — or a callback the element
 * calls with each classification OID the structure uses (return `null` for "not available").
 */
export type SosmetaCodeSets =
  | Record<string, SosmetaCode[]>
  | { oid: string; codes: SosmetaCode[] }
  | Array<{ oid: string; codes: SosmetaCode[] }>
  | string
  | ((oid: string) => SosmetaCode[] | null | Promise<SosmetaCode[] | null>);

/** One issue: `path` is a JSON Pointer into the document ("" for restriction markings). */
export interface SosmetaIssue {
  path: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** `detail` of `sosmeta-validate`, and what `validate()` returns. */
export interface SosmetaValidateDetail {
  /** Exactly "emit() gives a bundle": no refusal below. */
  valid: boolean;
  /** What stands between the document and a bundle, each by its code (docs/cda.md "May this be
   *  archived? has one answer"). */
  refusals: Array<{ code: string; message: string; text: string }>;
  errors: number;
  warnings: number;
  markingProblems: number;
  issues: SosmetaIssue[];
}

/** `detail` of `sosmeta-change` (debounced after edits; only when the document differs from the one last sent). */
export interface SosmetaChangeDetail {
  /** The document as it would be archived (canonical JSON). */
  document: object;
  valid: boolean;
  errors: number;
  warnings: number;
  markingProblems: number;
}

export type SosmetaFileName = 'document.json' | 'document.xhtml' | 'metadata.json' | 'document.cda.xml' | 'manifest.json';

/** `detail` of `sosmeta-emit`, and what a successful `emit()` returns. */
export interface SosmetaEmitDetail {
  ok: true;
  /** The files as text (all UTF-8); `document.cda.xml` only when the context gives the
   *  whole CDA header (metadata.json's `cdaEnvelope` lists what it lacks otherwise). */
  files: Partial<Record<SosmetaFileName, string>> & Record<Exclude<SosmetaFileName, 'document.cda.xml'>, string>;
  /** The same payloads as the exact bytes to sign and archive. */
  bytes: Record<SosmetaFileName, Uint8Array>;
  mediaTypes: Record<SosmetaFileName, string>;
  /** manifest.json parsed: file names, sizes and SHA-256 digests. */
  manifest: {
    format: 'sosmeta-editor/manifest/1';
    contentSpecificationId: string;
    documentOid?: string | null;
    files: Array<{ name: string; mediaType: string; bytes: number; sha256: string; sha256Base64: string }>;
  };
  /** The version's restriction markings as a markings file: archive them with the
   *  version and give them to `correct()` when it is corrected. */
  markings: object;
  /** A correction's changes since the archived version: fields (pointer, label, kind,
   *  old and new as compact JSON) and restriction markings (marking, before, after). */
  changes?: Array<
    | { pointer: string; label: string; kind: 'added' | 'changed' | 'removed'; old: string | null; new: string | null }
    | { marking: string; kind: 'changed'; before: string; after: string }
  >;
}

/** What `invalidate()` returns (and `sosmeta-invalidate`'s detail when ok). */
export type SosmetaInvalidation =
  | { ok: true; request: { format: 'sosmeta-editor/invalidation/1'; documentOid: string; setId: string; versionNumber: number; reason: { code: string; displayName: string }; text: string } }
  | { ok: false; reason: string };

/** What `emit()` returns when no signed-ready bundle can be produced. */
export interface SosmetaRefusal {
  ok: false;
  reasons: string[];
  validation: SosmetaValidateDetail;
}

/** `detail` of `sosmeta-error`: unusable host input. */
export interface SosmetaErrorDetail {
  code:
    | 'structure-invalid'
    | 'document-invalid'
    | 'rules-invalid'
    | 'code-sets-invalid'
    | 'markings-invalid'
    | 'context-invalid'
    /** The context and the markings name a different palvelutehtävä or client birth date. */
    | 'conflict-function-code' | 'conflict-client-birth' | 'conflict-document-oid' | 'conflict-organisation' | 'conflict-day'
    | 'conflict-set-id' | 'conflict-version-number' | 'conflict-replaces' | 'conflict-reason-code' | 'conflict-reason-code-system'
    | 'conflict-reason-text' | 'conflict-corrector'
    /** `correct()` was given a document, metadata or markings that cannot be used. */
    | 'archived-invalid'
    | 'correction-reasons-invalid'
    /** `draftCryptoKey` is not a non-extractable AES-GCM key for encrypt and decrypt. */
    | 'draft-key-invalid'
    /** The encrypted draft could not be kept (no IndexedDB, quota); editing goes on. */
    | 'draft-failed'
    | 'attribute-invalid'
    /** A fetch failed, or took longer than `fetch-timeout`. */
    | 'load-failed'
    /** An input larger than `max-bytes` (default 16 MiB); nothing of it was loaded. */
    | 'input-too-large'
    /** `setDocument()` before the editor was ready (await `ready`). */
    | 'not-ready'
    | 'no-structure'
    /** A bug (a panic inside the wasm): this element stops; `lastDocument` keeps the draft. */
    | 'internal-error';
  /** The input: structure, document, rules, codeSets, wasm, or the attribute's name. */
  source: string;
  /** JSON Pointer into that input ("" when about the whole input). */
  pointer: string;
  message: string;
  /** With `internal-error`: the last document the element sent in `sosmeta-change`. */
  lastDocument?: object | null;
}

/**
 * Where the element loads its WebAssembly (`wasm`) and stylesheet (`css`) from, when not
 * from next to the module (a CDN, a strict CSP): call before the first `<sosmeta-editor>`
 * connects. `css: null` loads no stylesheet (the host links its own).
 */
export declare function configure(assets: { wasm?: string | URL; css?: string | URL | null }): void;

export declare class SosmetaEditorElement extends HTMLElement {
  /** Resolves when the editor is mounted and its whole form is in the DOM (a large form
   *  is drawn a screenful at a time; its top takes input earlier). Rejects when the
   *  element is removed before that. A new promise after a removal and re-insertion. */
  readonly ready: Promise<SosmetaEditorElement>;
  structure: SosmetaInput | null;
  /** Reading gives the current document (same as getDocument()). */
  document: SosmetaInput | null;
  rules: SosmetaInput | null;
  /** Restriction markings file (specialContent, omakanta, guardian, …). */
  markings: SosmetaInput | null;
  codeSets: SosmetaCodeSets | null;
  /** The attribute `lang`: `'fi'` or `'sv'`; `''` when absent (Finnish), as
   *  `HTMLElement.lang` reads. Setting `''` or `null` removes it. */
  lang: 'fi' | 'sv' | '';
  mode: 'edit' | 'preview' | 'print' | 'author' | null;
  audience: 'professional' | 'client' | 'guardian' | null;
  /** `registerKeeper`: a private provider keeping its own register (decides its own restrictions). */
  /** Attribute `author-role` (not `role`, the ARIA attribute). The host's word, with no
   *  default: `null` (absent or removed) is no role, and nothing that needs one happens
   *  (a non-disclosure to the guardian, a lifted exclusion, the client record, a
   *  correction, an invalidation). */
  authorRole: 'organiser' | 'provider' | 'registerKeeper' | null;
  /** `YYYY-MM-DD`. */
  clientBirthDate: string | null;
  /**
   * `"true"`: the host (its client register) says every client of the document is an
   * adult. Without it, a birth date or a valid henkilötunnus a client's age is unknown and
   * the document asks for the guardian mark.
   */
  clientAdult: string | null;
  /** Dotted-decimal OID of the document (for metadata and the display form). */
  docOid: string | null;
  /** `YYYY-MM-DD`: the host's day for delays and ages; absent = today in Finland. */
  today: string | null;
  readonly: boolean;
  /**
   * The structure's own rules (read from its Finnish prose, and curated) apply unless
   * this is `false` (attribute `derived-rules="false"`); a `rules` file is laid over them
   * field by field either way.
   */
  derivedRules: boolean;
  /**
   * The host context (object, JSON text or URL; docs/cda.md): document OID, case
   * id, organiser, custodian, service unit, header codes, author, software, version.
   */
  context: object | string | null;
  // Attribute `draft-storage="session"`: the host opts in to keeping the draft in this
  // tab's sessionStorage (restored on reload when no document is given; removed on emit).
  // It needs `draft-key` (or `doc-oid`): what identifies this document and its client; a
  // draft is only ever restored under the same key.
  // Attribute `max-bytes`: largest input in bytes (default 16777216).
  // Attribute `fetch-timeout`: ms a fetched input may take (default 30000).

  validate(): SosmetaValidateDetail | null;
  emit(): SosmetaEmitDetail | SosmetaRefusal | null;
  /** Numbers a JavaScript number cannot hold exactly come back as `JSON.rawJSON` values
   *  (JSON.stringify writes them exactly). */
  getDocument(): object | null;
  /** The canonical JSON text, byte for byte what `emit()` archives. */
  getDocumentText(): string | null;
  /** True when applied; false and `sosmeta-error` when not (never both). */
  setDocument(doc: object | string): boolean;
  focusFirstIssue(): boolean;
  /** Opens an archived version for correction (docs/cda.md, "Corrections in the editor"). */
  correct(
    archived:
      | { document: object | string; metadata: object | string; markings?: object | string | null }
      | { cda: string; markings?: object | string | null },
  ): boolean;
  /**
   * The host's AES-GCM `CryptoKey` (not extractable, e.g. derived from its session): the
   * draft is then kept encrypted in IndexedDB (fresh IV per save, the document's
   * `draft-key` as authenticated data), restored when the element connects with no
   * document, deleted on emit or by `discardDraft()`. Null: nothing is stored.
   */
  draftCryptoKey: CryptoKey | null;
  /** Deletes this document's encrypted draft. */
  discardDraft(): Promise<void>;
  /** The host's reason-of-correction codes. */
  correctionReasons: Array<{ code: string; displayName: string }> | string | null;
  /** The invalidation request (mitätöinti) of an archived version. */
  invalidate(r: { metadata: object | string; reasonCode: string; reasonDisplay: string; text: string }): SosmetaInvalidation | null;
}

/** Every event the element fires, with its `detail`: the one list the DOM, React and
 *  Vue types are made from. */
export interface SosmetaEventDetails {
  'sosmeta-change': SosmetaChangeDetail;
  'sosmeta-validate': SosmetaValidateDetail;
  'sosmeta-emit': SosmetaEmitDetail;
  'sosmeta-error': SosmetaErrorDetail;
  'sosmeta-invalidate': SosmetaInvalidation;
  /** The whole form is in the DOM (after each mount of a structure). */
  'sosmeta-drawn': Record<string, never>;
}

/** The element's events as `CustomEvent`s, by name. */
export type SosmetaEvents = { [K in keyof SosmetaEventDetails]: CustomEvent<SosmetaEventDetails[K]> };

/** The properties a host sets with values that are not text (framework bindings). */
export type SosmetaSettable = 'structure' | 'document' | 'rules' | 'markings' | 'codeSets' | 'context' | 'correctionReasons' | 'draftCryptoKey';

declare global {
  interface HTMLElementTagNameMap {
    'sosmeta-editor': SosmetaEditorElement;
  }
  interface HTMLElementEventMap extends SosmetaEvents {}
}
