/**
 * The SQLite database itself: one file in WAL mode, used synchronously through
 * better-sqlite3. Only the store's worker thread (sqlite-worker.ts) holds one,
 * so every read and write goes through a single connection and no two threads
 * ever wait on each other's locks; the checkpointer's PASSIVE checkpoints wait
 * for nobody.
 */
import { existsSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Scope } from '@attune/session/protocol';
import type { AuditRecord, EventRecord, UpdateWrite } from './store.js';

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

const SESSION_TABLES = ['doc_updates', 'events', 'audit', 'assets', 'revoked'] as const;

export interface SqliteDbOptions {
  synchronous: 'normal' | 'full';
  /** Leave checkpoints to another connection (the checkpointer worker). */
  manualCheckpoints: boolean;
  /** Bytes kept in a reserve file beside the database, given up to erase a session on a full disk. */
  reserveBytes?: number;
}

/** The default reserve: room for the log pages of erasing a large session. */
export const DEFAULT_RESERVE_BYTES = 4 * 1024 * 1024;
/** How often, at most, a missing reserve is made again. */
const RESERVE_RETRY_MS = 10_000;

const isFull = (error: unknown): boolean => (error as { code?: unknown }).code === 'SQLITE_FULL';

export class SqliteDb {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly writeTx: (
    updates: UpdateWrite[],
    events: EventRecord[],
    audit: AuditRecord[],
  ) => Map<string, number>;
  private readonly compactTx: (sid: string, scope: Scope, state: Uint8Array, uptoSeq: number) => void;
  private readonly endTx: (sid: string, endedAt: number) => void;
  private readonly reservePath: string | null;
  private readonly reserveBytes: number;
  private reserveTriedAt = -Infinity;

  constructor(path: string, options: SqliteDbOptions) {
    this.reserveBytes = options.reserveBytes ?? DEFAULT_RESERVE_BYTES;
    this.reservePath = path === ':memory:' || this.reserveBytes <= 0 ? null : `${path}-reserve`;
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    // Never map the database file: a mapped page that cannot be written (a read-only remount,
    // a full disk) is a SIGBUS that kills the process, where a write() is an error code.
    this.db.pragma('mmap_size = 0');
    this.db.exec(SCHEMA);
    if (options.manualCheckpoints) this.db.pragma('wal_autocheckpoint = 0');
    this.keepReserve();
    const db = this.db;
    this.statements = {
      insertUpdate: db.prepare('INSERT INTO doc_updates (sid, scope, data) VALUES (?, ?, ?)'),
      insertEvent: db.prepare(
        'INSERT INTO events (sid, t, sub, role, scope, channel, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertAudit: db.prepare('INSERT INTO audit (sid, t, actor, action, detail) VALUES (?, ?, ?, ?, ?)'),
      loadDoc: db.prepare('SELECT seq, data FROM doc_updates WHERE sid = ? AND scope = ? ORDER BY seq'),
      dropUpdates: db.prepare('DELETE FROM doc_updates WHERE sid = ? AND scope = ? AND seq <= ?'),
      readEvents: db.prepare(
        'SELECT sid, t, sub, role, scope, channel, payload FROM events WHERE sid = ? ORDER BY id',
      ),
      readAudit: db.prepare('SELECT sid, t, actor, action, detail FROM audit WHERE sid = ? ORDER BY id'),
      putAsset: db.prepare('INSERT OR IGNORE INTO assets (sid, hash, type, data) VALUES (?, ?, ?, ?)'),
      getAsset: db.prepare('SELECT type, data FROM assets WHERE sid = ? AND hash = ?'),
      createSession: db.prepare('INSERT OR IGNORE INTO sessions (sid, created_at) VALUES (?, ?)'),
      endSession: db.prepare(
        'INSERT INTO sessions (sid, created_at, ended_at) VALUES (?, ?, ?) ON CONFLICT (sid) DO UPDATE SET ended_at = excluded.ended_at',
      ),
      dropSessionRows: SESSION_TABLES.map((table) => db.prepare(`DELETE FROM ${table} WHERE sid = ?`)),
      isEnded: db.prepare('SELECT ended_at FROM sessions WHERE sid = ?'),
      revoke: db.prepare('INSERT OR IGNORE INTO revoked (sid, sub, t) VALUES (?, ?, ?)'),
      isRevoked: db.prepare('SELECT 1 FROM revoked WHERE sid = ? AND sub = ?'),
    };
    const s = this.statements;
    this.writeTx = db.transaction((updates: UpdateWrite[], events: EventRecord[], audit: AuditRecord[]) => {
      const last = new Map<string, number>();
      for (const u of updates) {
        const info = s.insertUpdate.run(u.sid, u.scope, u.data);
        last.set(`${u.sid}/${u.scope}`, Number(info.lastInsertRowid));
      }
      for (const e of events) s.insertEvent.run(e.sid, e.t, e.sub, e.role, e.scope, e.channel, e.payload);
      for (const a of audit) s.insertAudit.run(a.sid, a.t, a.actor, a.action, a.detail);
      return last;
    });
    this.compactTx = db.transaction((sid: string, scope: Scope, state: Uint8Array, uptoSeq: number) => {
      s.dropUpdates.run(sid, scope, uptoSeq);
      s.insertUpdate.run(sid, scope, state);
    });
    this.endTx = db.transaction((sid: string, endedAt: number) => {
      for (const drop of s.dropSessionRows) drop.run(sid);
      s.endSession.run(sid, endedAt, endedAt);
    });
  }

  write(updates: UpdateWrite[], events: EventRecord[], audit: AuditRecord[]): Map<string, number> {
    const last = this.writeTx(updates, events, audit);
    this.keepReserve();
    return last;
  }

  loadDoc(sid: string, scope: Scope): Array<{ seq: number; data: Buffer }> {
    return this.statements.loadDoc.all(sid, scope) as Array<{ seq: number; data: Buffer }>;
  }

  compactDoc(sid: string, scope: Scope, state: Uint8Array, uptoSeq: number): void {
    this.compactTx(sid, scope, state, uptoSeq);
  }

  readEvents(sid: string): Array<Omit<EventRecord, 'payload'> & { payload: Buffer }> {
    return this.statements.readEvents.all(sid) as Array<Omit<EventRecord, 'payload'> & { payload: Buffer }>;
  }

  readAudit(sid: string): AuditRecord[] {
    return this.statements.readAudit.all(sid) as AuditRecord[];
  }

  putAsset(sid: string, hash: string, type: string, data: Uint8Array): void {
    this.statements.putAsset.run(sid, hash, type, data);
  }

  getAsset(sid: string, hash: string): { type: string; data: Buffer } | undefined {
    return this.statements.getAsset.get(sid, hash) as { type: string; data: Buffer } | undefined;
  }

  createSession(sid: string, createdAt: number): void {
    this.statements.createSession.run(sid, createdAt);
  }

  /**
   * Erasing is how space is freed, so it must work on a full disk: when the
   * log cannot grow, the reserve file is given up for it. The freed pages
   * then take the writes that were waiting.
   */
  endSession(sid: string, endedAt: number): void {
    try {
      this.endTx(sid, endedAt);
    } catch (error) {
      if (!isFull(error) || !this.reservePath || !existsSync(this.reservePath)) throw error;
      unlinkSync(this.reservePath);
      this.reserveTriedAt = performance.now();
      this.endTx(sid, endedAt);
    }
  }

  /**
   * Makes the reserve file when it is missing and the disk has room to
   * spare (four times its size), at most every few seconds.
   */
  keepReserve(): void {
    const path = this.reservePath;
    if (!path || performance.now() - this.reserveTriedAt < RESERVE_RETRY_MS) return;
    this.reserveTriedAt = performance.now();
    try {
      if (existsSync(path)) return;
      const fs = statfsSync(dirname(path));
      if (fs.bavail * fs.bsize < 4 * this.reserveBytes) return;
      writeFileSync(path, new Uint8Array(this.reserveBytes));
    } catch {
      // No reserve this time (erasing on a full disk may then fail, and says so); no half of one.
      try {
        unlinkSync(path);
      } catch {
        // It was never made.
      }
    }
  }

  isEnded(sid: string): boolean {
    const row = this.statements.isEnded.get(sid) as { ended_at: number | null } | undefined;
    return row?.ended_at != null;
  }

  revoke(sid: string, sub: string, at: number): void {
    this.statements.revoke.run(sid, sub, at);
  }

  isRevoked(sid: string, sub: string): boolean {
    return this.statements.isRevoked.get(sid, sub) !== undefined;
  }

  /** Folds the whole log into the file, so a closed database is one file again. */
  close(): void {
    if (!this.db.open) return;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A full or read-only disk: the log keeps what the file could not take, and the next open reads it.
    } finally {
      this.db.close();
    }
  }
}
