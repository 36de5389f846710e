/**
 * Versioned documents. Each scope's document records the version of the shape
 * it was written in (`meta.schemaVersion`). A document older than this server
 * is migrated, step by step, when its room loads; one newer is refused, so an
 * older server never rewrites what it does not understand.
 */
import type * as Y from 'yjs';
import type { Scope } from '@attune/session/protocol';
import { DOC_META, SCHEMA_VERSION } from '@attune/session/protocol';
import type { DocState } from './doc-state.js';

export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(
      `the document was written with schema version ${version}; this server knows up to ${SCHEMA_VERSION}`,
    );
    this.name = 'NewerSchemaError';
  }
}

export interface Migration {
  /** The version a document has after this step. */
  to: number;
  /** Changes a document of version `to - 1` of `scope` into version `to`. */
  migrate(doc: Y.Doc, scope: Scope): void;
}

/**
 * The steps, in order. Version 1 is the first one recorded: documents stored
 * before it have the same shape and only gain the record.
 */
export const MIGRATIONS: readonly Migration[] = [{ to: 1, migrate: () => {} }];

/** The schema version a document records; 0 for one stored before versions were recorded. */
export function schemaVersion(doc: Y.Doc): number {
  const value = doc.getMap(DOC_META.map).get(DOC_META.schemaVersion);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

/**
 * Brings a loaded document to the current version. Returns the change to
 * store (null when it was current), throws NewerSchemaError for a document
 * from a newer server.
 */
export function migrate(
  state: DocState,
  scope: Scope,
  migrations: readonly Migration[] = MIGRATIONS,
  current = SCHEMA_VERSION,
): Uint8Array | null {
  const version = schemaVersion(state.doc);
  if (version > current) throw new NewerSchemaError(version);
  if (version === current) return null;
  return state.change((doc) => {
    for (const step of migrations) {
      if (step.to > version && step.to <= current) step.migrate(doc, scope);
    }
    doc.getMap(DOC_META.map).set(DOC_META.schemaVersion, current);
  });
}
