/**
 * PostgreSQL store for production and for several server instances sharing
 * one database. Same tables as the SQLite store; every write batch is one
 * transaction.
 */
import pg from 'pg';
import type { Scope } from '@attune/session/protocol';
import type { Asset, AuditRecord, EventRecord, Store, StoredDoc, WriteBatch } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS attune_doc_updates (
  seq BIGSERIAL PRIMARY KEY, sid TEXT NOT NULL, scope TEXT NOT NULL, data BYTEA NOT NULL);
CREATE INDEX IF NOT EXISTS attune_doc_updates_doc ON attune_doc_updates (sid, scope, seq);
CREATE TABLE IF NOT EXISTS attune_events (
  id BIGSERIAL PRIMARY KEY, sid TEXT NOT NULL, t DOUBLE PRECISION NOT NULL, sub TEXT NOT NULL,
  role TEXT NOT NULL, scope TEXT NOT NULL, channel TEXT NOT NULL, payload BYTEA NOT NULL);
CREATE INDEX IF NOT EXISTS attune_events_sid ON attune_events (sid, id);
CREATE TABLE IF NOT EXISTS attune_audit (
  id BIGSERIAL PRIMARY KEY, sid TEXT NOT NULL, t DOUBLE PRECISION NOT NULL,
  actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS attune_audit_sid ON attune_audit (sid, id);
CREATE TABLE IF NOT EXISTS attune_sessions (
  sid TEXT PRIMARY KEY, created_at DOUBLE PRECISION NOT NULL, ended_at DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS attune_revoked (
  sid TEXT NOT NULL, sub TEXT NOT NULL, t DOUBLE PRECISION NOT NULL, PRIMARY KEY (sid, sub));
CREATE TABLE IF NOT EXISTS attune_assets (
  sid TEXT NOT NULL, hash TEXT NOT NULL, type TEXT NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (sid, hash));
`;

export interface PostgresStoreOptions {
  connectionString: string;
  /** A schema to keep the tables in (created when missing). */
  schema?: string;
  max?: number;
}

function bytes(value: Buffer): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly schema: string | undefined;

  constructor(options: PostgresStoreOptions) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
      throw new Error('The PostgreSQL schema name must be lower-case letters, digits and underscores');
    }
    this.schema = options.schema;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 8,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle client that loses its connection must not bring the process down.
    this.pool.on('error', () => {});
  }

  async init(): Promise<void> {
    if (this.schema) await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
    await this.pool.query(SCHEMA);
  }

  async loadDoc(sid: string, scope: Scope): Promise<StoredDoc> {
    const { rows } = await this.pool.query<{ seq: string; data: Buffer }>(
      'SELECT seq, data FROM attune_doc_updates WHERE sid = $1 AND scope = $2 ORDER BY seq',
      [sid, scope],
    );
    return {
      updates: rows.map((r) => bytes(r.data)),
      lastSeq: rows.length ? Number(rows[rows.length - 1]!.seq) : 0,
    };
  }

  async write(batch: WriteBatch): Promise<Map<string, number>> {
    const client = await this.pool.connect();
    const last = new Map<string, number>();
    try {
      await client.query('BEGIN');
      if (batch.updates.length) {
        const { rows } = await client.query<{ seq: string; sid: string; scope: string }>(
          `INSERT INTO attune_doc_updates (sid, scope, data)
           SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[]) RETURNING seq, sid, scope`,
          [
            batch.updates.map((u) => u.sid),
            batch.updates.map((u) => u.scope),
            batch.updates.map((u) => Buffer.from(u.data)),
          ],
        );
        for (const row of rows) {
          const key = `${row.sid}/${row.scope}`;
          last.set(key, Math.max(last.get(key) ?? 0, Number(row.seq)));
        }
      }
      if (batch.events.length) {
        const e = batch.events;
        await client.query(
          `INSERT INTO attune_events (sid, t, sub, role, scope, channel, payload)
           SELECT * FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[])`,
          [
            e.map((x) => x.sid),
            e.map((x) => x.t),
            e.map((x) => x.sub),
            e.map((x) => x.role),
            e.map((x) => x.scope),
            e.map((x) => x.channel),
            e.map((x) => Buffer.from(x.payload)),
          ],
        );
      }
      if (batch.audit.length) {
        const a = batch.audit;
        await client.query(
          `INSERT INTO attune_audit (sid, t, actor, action, detail)
           SELECT * FROM unnest($1::text[], $2::float8[], $3::text[], $4::text[], $5::text[])`,
          [
            a.map((x) => x.sid),
            a.map((x) => x.t),
            a.map((x) => x.actor),
            a.map((x) => x.action),
            a.map((x) => x.detail),
          ],
        );
      }
      await client.query('COMMIT');
      return last;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async compactDoc(sid: string, scope: Scope, state: Uint8Array, uptoSeq: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM attune_doc_updates WHERE sid = $1 AND scope = $2 AND seq <= $3', [
        sid,
        scope,
        uptoSeq,
      ]);
      await client.query('INSERT INTO attune_doc_updates (sid, scope, data) VALUES ($1, $2, $3)', [
        sid,
        scope,
        Buffer.from(state),
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async readEvents(sid: string): Promise<EventRecord[]> {
    const { rows } = await this.pool.query<Omit<EventRecord, 'payload'> & { payload: Buffer }>(
      'SELECT sid, t, sub, role, scope, channel, payload FROM attune_events WHERE sid = $1 ORDER BY id',
      [sid],
    );
    return rows.map((r) => ({ ...r, payload: bytes(r.payload) }));
  }

  async readAudit(sid: string): Promise<AuditRecord[]> {
    const { rows } = await this.pool.query<AuditRecord>(
      'SELECT sid, t, actor, action, detail FROM attune_audit WHERE sid = $1 ORDER BY id',
      [sid],
    );
    return rows;
  }

  async putAsset(sid: string, hash: string, asset: Asset): Promise<void> {
    await this.pool.query(
      'INSERT INTO attune_assets (sid, hash, type, data) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [sid, hash, asset.type, Buffer.from(asset.data)],
    );
  }

  async getAsset(sid: string, hash: string): Promise<Asset | null> {
    const { rows } = await this.pool.query<{ type: string; data: Buffer }>(
      'SELECT type, data FROM attune_assets WHERE sid = $1 AND hash = $2',
      [sid, hash],
    );
    return rows[0] ? { type: rows[0].type, data: bytes(rows[0].data) } : null;
  }

  async createSession(sid: string, createdAt: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO attune_sessions (sid, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [sid, createdAt],
    );
  }

  async endSession(sid: string, endedAt: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const table of [
        'attune_doc_updates',
        'attune_events',
        'attune_audit',
        'attune_assets',
        'attune_revoked',
      ]) {
        await client.query(`DELETE FROM ${table} WHERE sid = $1`, [sid]);
      }
      await client.query(
        `INSERT INTO attune_sessions (sid, created_at, ended_at) VALUES ($1, $2, $2)
         ON CONFLICT (sid) DO UPDATE SET ended_at = excluded.ended_at`,
        [sid, endedAt],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async isEnded(sid: string): Promise<boolean> {
    const { rows } = await this.pool.query(
      'SELECT 1 FROM attune_sessions WHERE sid = $1 AND ended_at IS NOT NULL',
      [sid],
    );
    return rows.length > 0;
  }

  async revoke(sid: string, sub: string, at: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO attune_revoked (sid, sub, t) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [sid, sub, at],
    );
  }

  async isRevoked(sid: string, sub: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM attune_revoked WHERE sid = $1 AND sub = $2', [
      sid,
      sub,
    ]);
    return rows.length > 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
