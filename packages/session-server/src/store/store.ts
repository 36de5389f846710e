/**
 * Where sessions are kept. One interface, an embedded SQLite default and
 * PostgreSQL for production. Every method may be async: callers never rely
 * on a store answering synchronously.
 */
import type { Scope } from '@attune/session/protocol';

export interface StoredDoc {
  /** The stored updates, in any order (Yjs updates commute). */
  updates: Uint8Array[];
  /** The highest sequence number among them (0 when none). */
  lastSeq: number;
}

export interface EventRecord {
  sid: string;
  /** Server time, ms since the epoch. */
  t: number;
  sub: string;
  role: string;
  scope: Scope;
  channel: string;
  payload: Uint8Array;
}

export interface AuditRecord {
  sid: string;
  t: number;
  /** An opaque participant id, or 'admin'. Never a name. */
  actor: string;
  action: string;
  /** Short, non-personal detail (a role, a scope, a count). */
  detail: string;
}

export interface UpdateWrite {
  sid: string;
  scope: Scope;
  data: Uint8Array;
}

export interface WriteBatch {
  updates: UpdateWrite[];
  events: EventRecord[];
  audit: AuditRecord[];
}

export interface Asset {
  type: string;
  data: Uint8Array;
}

export interface Store {
  /** Creates tables; called once before use. */
  init(): Promise<void>;
  loadDoc(sid: string, scope: Scope): Promise<StoredDoc>;
  /**
   * Stores a batch atomically; when it resolves the batch is durable. Returns
   * the last sequence number written per room (`sid/scope`).
   */
  write(batch: WriteBatch): Promise<Map<string, number>>;
  /** Replaces the rows up to `uptoSeq` of a document by one state update. */
  compactDoc(sid: string, scope: Scope, state: Uint8Array, uptoSeq: number): Promise<void>;
  readEvents(sid: string): Promise<EventRecord[]>;
  readAudit(sid: string): Promise<AuditRecord[]>;
  putAsset(sid: string, hash: string, asset: Asset): Promise<void>;
  getAsset(sid: string, hash: string): Promise<Asset | null>;
  createSession(sid: string, createdAt: number): Promise<void>;
  /** Erases everything kept for the session; only a tombstone remains, so its tokens stop working. */
  endSession(sid: string, endedAt: number): Promise<void>;
  isEnded(sid: string): Promise<boolean>;
  revoke(sid: string, sub: string, at: number): Promise<void>;
  isRevoked(sid: string, sub: string): Promise<boolean>;
  close(): Promise<void>;
}
