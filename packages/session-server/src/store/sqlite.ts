/**
 * The embedded default store: one SQLite file in WAL mode. better-sqlite3 is
 * synchronous; writes arrive in batches, one transaction each, so the event
 * loop pays one commit per batch rather than one per update.
 */
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Scope } from '@attune/session/protocol';
import type { Asset, AuditRecord, EventRecord, Store, StoredDoc, WriteBatch } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  sid TEXT NOT NULL, scope TEXT NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates (sid, scope, seq);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, sid TEXT NOT NULL, t REAL NOT NULL, sub TEXT NOT NULL,
  role TEXT NOT NULL, scope TEXT NOT NULL, channel TEXT NOT NULL, payload BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS events_sid ON events (sid, id);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, sid TEXT NOT NULL, t REAL NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_sid ON audit (sid, id);
CREATE TABLE IF NOT EXISTS sessions (sid TEXT PRIMARY KEY, created_at REAL NOT NULL, ended_at REAL);
CREATE TABLE IF NOT EXISTS revoked (sid TEXT NOT NULL, sub TEXT NOT NULL, t REAL NOT NULL, PRIMARY KEY (sid, sub));
CREATE TABLE IF NOT EXISTS assets (
  sid TEXT NOT NULL, hash TEXT NOT NULL, type TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (sid, hash));
`;

export interface SqliteStoreOptions {
  synchronous?: 'normal' | 'full';
  /** Milliseconds between write-ahead log checkpoints, run off the main thread (default 1000). */
  checkpointIntervalMs?: number;
  /** Called after each checkpoint that found frames in the log (for metrics and tests). */
  onCheckpoint?: (frames: { log: number; checkpointed: number }) => void;
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly insertUpdate: Database.Statement;
  private readonly insertEvent: Database.Statement;
  private readonly insertAudit: Database.Statement;
  private readonly writeTx: (batch: WriteBatch) => Map<string, number>;
  private readonly checkpointer: Worker | null = null;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    if (path !== ':memory:') {
      // Checkpoints fsync: keep them off the thread that relays frames.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new Worker(new URL('./checkpointer.js', import.meta.url), {
        workerData: { path, intervalMs: options.checkpointIntervalMs ?? 1000 },
      });
      this.checkpointer.unref();
      const onCheckpoint = options.onCheckpoint;
      if (onCheckpoint) {
        this.checkpointer.on('message', (message: unknown) => {
          if (typeof message === 'object' && message !== null)
            onCheckpoint(message as { log: number; checkpointed: number });
        });
      }
      this.checkpointer.on('error', () => {
        // Without it the log only grows until close, which checkpoints; nothing is lost.
      });
    }
    this.insertUpdate = this.db.prepare('INSERT INTO doc_updates (sid, scope, data) VALUES (?, ?, ?)');
    this.insertEvent = this.db.prepare(
      'INSERT INTO events (sid, t, sub, role, scope, channel, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertAudit = this.db.prepare(
      'INSERT INTO audit (sid, t, actor, action, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.writeTx = this.db.transaction((batch: WriteBatch) => {
      const last = new Map<string, number>();
      for (const u of batch.updates) {
        const info = this.insertUpdate.run(u.sid, u.scope, u.data);
        last.set(`${u.sid}/${u.scope}`, Number(info.lastInsertRowid));
      }
      for (const e of batch.events) {
        this.insertEvent.run(e.sid, e.t, e.sub, e.role, e.scope, e.channel, e.payload);
      }
      for (const a of batch.audit) this.insertAudit.run(a.sid, a.t, a.actor, a.action, a.detail);
      return last;
    });
  }

  async init(): Promise<void> {}

  async loadDoc(sid: string, scope: Scope): Promise<StoredDoc> {
    const rows = this.db
      .prepare('SELECT seq, data FROM doc_updates WHERE sid = ? AND scope = ? ORDER BY seq')
      .all(sid, scope) as Array<{ seq: number; data: Buffer }>;
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: rows.length ? rows[rows.length - 1]!.seq : 0,
    };
  }

  async write(batch: WriteBatch): Promise<Map<string, number>> {
    return this.writeTx(batch);
  }

  async compactDoc(sid: string, scope: Scope, state: Uint8Array, uptoSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM doc_updates WHERE sid = ? AND scope = ? AND seq <= ?')
        .run(sid, scope, uptoSeq);
      this.insertUpdate.run(sid, scope, state);
    })();
  }

  async readEvents(sid: string): Promise<EventRecord[]> {
    const rows = this.db
      .prepare('SELECT sid, t, sub, role, scope, channel, payload FROM events WHERE sid = ? ORDER BY id')
      .all(sid) as Array<Omit<EventRecord, 'payload'> & { payload: Buffer }>;
    return rows.map((r) => ({ ...r, payload: new Uint8Array(r.payload) }));
  }

  async readAudit(sid: string): Promise<AuditRecord[]> {
    return this.db
      .prepare('SELECT sid, t, actor, action, detail FROM audit WHERE sid = ? ORDER BY id')
      .all(sid) as AuditRecord[];
  }

  async putAsset(sid: string, hash: string, asset: Asset): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO assets (sid, hash, type, data) VALUES (?, ?, ?, ?)')
      .run(sid, hash, asset.type, asset.data);
  }

  async getAsset(sid: string, hash: string): Promise<Asset | null> {
    const row = this.db.prepare('SELECT type, data FROM assets WHERE sid = ? AND hash = ?').get(sid, hash) as
      { type: string; data: Buffer } | undefined;
    return row ? { type: row.type, data: new Uint8Array(row.data) } : null;
  }

  async createSession(sid: string, createdAt: number): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO sessions (sid, created_at) VALUES (?, ?)').run(sid, createdAt);
  }

  async endSession(sid: string, endedAt: number): Promise<void> {
    this.db.transaction(() => {
      for (const table of ['doc_updates', 'events', 'audit', 'assets', 'revoked']) {
        this.db.prepare(`DELETE FROM ${table} WHERE sid = ?`).run(sid);
      }
      this.db
        .prepare(
          'INSERT INTO sessions (sid, created_at, ended_at) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET ended_at = excluded.ended_at',
        )
        .run(sid, endedAt, endedAt);
    })();
  }

  async isEnded(sid: string): Promise<boolean> {
    const row = this.db.prepare('SELECT ended_at FROM sessions WHERE sid = ?').get(sid) as
      { ended_at: number | null } | undefined;
    return row?.ended_at != null;
  }

  async revoke(sid: string, sub: string, at: number): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO revoked (sid, sub, t) VALUES (?, ?, ?)').run(sid, sub, at);
  }

  async isRevoked(sid: string, sub: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM revoked WHERE sid = ? AND sub = ?').get(sid, sub) !== undefined;
  }

  async close(): Promise<void> {
    const worker = this.checkpointer;
    if (worker) {
      await new Promise<void>((resolve) => {
        const done = (): void => resolve();
        worker.once('message', done);
        worker.once('exit', done);
        worker.postMessage('stop');
      });
      await worker.terminate();
    }
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
