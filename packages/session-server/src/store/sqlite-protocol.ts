/**
 * What the SQLite store and its worker thread say to each other: numbered
 * requests naming a method, answered once each, in order.
 *
 * Binary values travel packed: all of a message's byte arrays copied end to
 * end into one fresh buffer that is transferred, not cloned. Cloning a
 * Uint8Array copies its whole underlying ArrayBuffer, and an update that
 * arrived in a WebSocket frame is a view into a socket chunk of up to 64 KB.
 * Transferring the caller's own arrays would detach them, and the Writer
 * keeps a failed batch to send it again.
 *
 * The packed buffers are lent, not given: the worker hands them back with its
 * answer. A transferred buffer is freed by the garbage collector of the thread
 * holding it last, and the worker, allocating little, may not collect for a
 * long time; the relaying thread collects often.
 */
import type { Scope } from '@attune/session/protocol';
import type { AuditRecord, EventRecord } from './store.js';

/** Byte arrays laid end to end; `ends[i]` is where the i-th one stops. */
export interface PackedBytes {
  bytes: Uint8Array;
  ends: Uint32Array;
}

export function packBytes(list: readonly Uint8Array[]): PackedBytes {
  const ends = new Uint32Array(list.length);
  let total = 0;
  list.forEach((item, i) => {
    total += item.byteLength;
    ends[i] = total;
  });
  const bytes = new Uint8Array(total);
  list.forEach((item, i) => bytes.set(item, i === 0 ? 0 : ends[i - 1]));
  return { bytes, ends };
}

/** Views into the packed buffer, without copying. */
export function unpackBytes({ bytes, ends }: PackedBytes): Uint8Array[] {
  const list = new Array<Uint8Array>(ends.length);
  let start = 0;
  ends.forEach((end, i) => {
    list[i] = bytes.subarray(start, end);
    start = end;
  });
  return list;
}

/** The buffers to transfer with a message holding these packs. */
export function transferablesOf(...packs: PackedBytes[]): ArrayBuffer[] {
  return packs.flatMap((p) => [p.bytes.buffer as ArrayBuffer, p.ends.buffer as ArrayBuffer]);
}

export interface WireBatch {
  updates: Array<{ sid: string; scope: Scope }>;
  updateData: PackedBytes;
  events: Array<Omit<EventRecord, 'payload'>>;
  eventPayloads: PackedBytes;
  audit: AuditRecord[];
}

export interface OpenOptions {
  path: string;
  synchronous: 'normal' | 'full';
  manualCheckpoints: boolean;
  reserveBytes?: number;
}

/** Every request's arguments and answer. Binary answers are packed the same way. */
export interface SqliteCalls {
  open: { args: [options: OpenOptions]; result: null };
  write: { args: [batch: WireBatch]; result: Array<[room: string, seq: number]> };
  loadDoc: { args: [sid: string, scope: Scope]; result: { updates: PackedBytes; lastSeq: number } };
  compactDoc: { args: [sid: string, scope: Scope, state: PackedBytes, uptoSeq: number]; result: null };
  readEvents: {
    args: [sid: string];
    result: { records: Array<Omit<EventRecord, 'payload'>>; payloads: PackedBytes };
  };
  readAudit: { args: [sid: string]; result: AuditRecord[] };
  putAsset: { args: [sid: string, hash: string, type: string, data: PackedBytes]; result: null };
  getAsset: { args: [sid: string, hash: string]; result: { type: string; data: PackedBytes } | null };
  createSession: { args: [sid: string, createdAt: number]; result: null };
  endSession: { args: [sid: string, endedAt: number]; result: null };
  isEnded: { args: [sid: string]; result: boolean };
  revoke: { args: [sid: string, sub: string, at: number]; result: null };
  isRevoked: { args: [sid: string, sub: string]; result: boolean };
  /** Checkpoints the whole log into the file and closes the connection. */
  close: { args: []; result: null };
}

export type SqliteMethod = keyof SqliteCalls;

export interface SqliteRequest<M extends SqliteMethod = SqliteMethod> {
  id: number;
  method: M;
  args: SqliteCalls[M]['args'];
  /** The transferred buffers among `args`, to be handed back with the answer. */
  lent: ArrayBuffer[];
}

/** An error as it crossed the thread boundary: better-sqlite3's `code` survives. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  return error;
}

export type SqliteResponse = { id: number; returned: ArrayBuffer[] } & (
  { ok: true; value: SqliteCalls[SqliteMethod]['result'] } | { ok: false; error: WireError }
);
