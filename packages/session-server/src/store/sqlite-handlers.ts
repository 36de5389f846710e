/**
 * The SQLite store's request handlers: one database per instance, requests
 * answered one at a time in the order they came. They run in the store's
 * worker thread (sqlite-worker.ts), or in the caller's thread when the
 * process has a single core to run on (sqlite.ts, `InThreadPort`).
 */
import { SqliteDb } from './sqlite-db.js';
import {
  packBytes,
  transferablesOf,
  unpackBytes,
  type PackedBytes,
  type SqliteCalls,
  type SqliteMethod,
  type SqliteRequest,
  type SqliteResponse,
  toWireError,
} from './sqlite-protocol.js';

/** An answer whose packed bytes are transferred rather than cloned. */
class Transferring<T> {
  readonly buffers: ArrayBuffer[];
  constructor(
    readonly value: T,
    ...packs: PackedBytes[]
  ) {
    this.buffers = transferablesOf(...packs);
  }
}

type Answer<M extends SqliteMethod> = SqliteCalls[M]['result'] | Transferring<SqliteCalls[M]['result']>;
type Handlers = { [M in SqliteMethod]: (...args: SqliteCalls[M]['args']) => Answer<M> };

/** Answers requests against one database; `transfer` lists the buffers the answer hands back. */
export type Answerer = (request: SqliteRequest) => { response: SqliteResponse; transfer: ArrayBuffer[] };

export function sqliteAnswerer(): Answerer {
  let db: SqliteDb | null = null;
  let openError: Error | null = null;

  function open(): SqliteDb {
    if (db) return db;
    throw new Error(`the SQLite database is not open${openError ? `: ${openError.message}` : ''}`);
  }

  const handlers: Handlers = {
    open(options) {
      try {
        db = new SqliteDb(options.path, options);
      } catch (error) {
        openError = error as Error;
        throw error;
      }
      return null;
    },
    write(batch) {
      const data = unpackBytes(batch.updateData);
      const payloads = unpackBytes(batch.eventPayloads);
      const last = open().write(
        batch.updates.map((u, i) => ({ ...u, data: data[i]! })),
        batch.events.map((e, i) => ({ ...e, payload: payloads[i]! })),
        batch.audit,
      );
      return [...last];
    },
    loadDoc(sid, scope) {
      const rows = open().loadDoc(sid, scope);
      const updates = packBytes(rows.map((r) => r.data));
      return new Transferring({ updates, lastSeq: rows.length ? rows[rows.length - 1]!.seq : 0 }, updates);
    },
    compactDoc(sid, scope, state, uptoSeq) {
      open().compactDoc(sid, scope, unpackBytes(state)[0]!, uptoSeq);
      return null;
    },
    readEvents(sid) {
      const rows = open().readEvents(sid);
      const payloads = packBytes(rows.map((r) => r.payload));
      const records = rows.map(({ payload: _, ...record }) => record);
      return new Transferring({ records, payloads }, payloads);
    },
    readAudit: (sid) => open().readAudit(sid),
    putAsset(sid, hash, type, data) {
      open().putAsset(sid, hash, type, unpackBytes(data)[0]!);
      return null;
    },
    getAsset(sid, hash) {
      const row = open().getAsset(sid, hash);
      if (!row) return null;
      const data = packBytes([row.data]);
      return new Transferring({ type: row.type, data }, data);
    },
    createSession(sid, createdAt) {
      open().createSession(sid, createdAt);
      return null;
    },
    endSession(sid, endedAt) {
      open().endSession(sid, endedAt);
      return null;
    },
    isEnded: (sid) => open().isEnded(sid),
    revoke(sid, sub, at) {
      open().revoke(sid, sub, at);
      return null;
    },
    isRevoked: (sid, sub) => open().isRevoked(sid, sub),
    close() {
      db?.close();
      db = null;
      openError = new Error('the store was closed');
      return null;
    },
  };

  return (request) => {
    let response: SqliteResponse;
    const returned = request.lent;
    let transfer: ArrayBuffer[] = [];
    try {
      const handler = handlers[request.method] as (...args: unknown[]) => unknown;
      if (typeof handler !== 'function') throw new Error(`unknown store method ${String(request.method)}`);
      let value = handler(...request.args);
      if (value instanceof Transferring) ({ value, buffers: transfer } = value);
      response = { id: request.id, returned, ok: true, value: value as SqliteCalls[SqliteMethod]['result'] };
    } catch (error) {
      response = { id: request.id, returned, ok: false, error: toWireError(error) };
    }
    return { response, transfer: [...transfer, ...returned] };
  };
}
