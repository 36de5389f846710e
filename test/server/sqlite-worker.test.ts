/**
 * The SQLite store keeps its database in a worker thread (or, on one core, in
 * the caller's). These tests use a real file (or ':memory:') and a real
 * worker: what was acknowledged is on disk after close, a failed request
 * fails alone, and a worker that dies is reported and replaced.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '@attune/session-server';
import type { Scope } from '@attune/session/protocol';

const SID = 'abcdefghijklmnopqrstuv';
const OTHER = 'vutsrqponmlkjihgfedcba';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'attune-sqlite-'));
  dirs.push(dir);
  return join(dir, 'attune.sqlite');
}

function bytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i) & 0xff);
}

function update(data: Uint8Array, sid = SID, scope: Scope = 'space') {
  return { updates: [{ sid, scope, data }], events: [], audit: [] };
}

/** The worker is private; a test reaches it only to kill it as a crash would. */
function workerOf(store: SqliteStore): Worker {
  return (store as unknown as { worker: Worker }).worker;
}

describe.each(['worker', 'this'] as const)('the SQLite store, its work in %s thread', (thread) => {
  it('writes a real file that reads back the same after close and reopen', async () => {
    const path = await tempFile();
    const store = new SqliteStore(path, { thread });
    await store.init();
    // Views into a larger buffer, as updates cut from a socket chunk are, and an empty one.
    const chunk = bytes(9000, 1);
    const updates = [chunk.subarray(100, 1100), chunk.subarray(5000, 5003), new Uint8Array(0)];
    const payload = bytes(300, 2);
    await store.createSession(SID, 1000);
    const last = await store.write({
      updates: updates.map((data) => ({ sid: SID, scope: 'space' as const, data })),
      events: [{ sid: SID, t: 1001, sub: 'p_1', role: 'client', scope: 'space', channel: 'music', payload }],
      audit: [{ sid: SID, t: 1002, actor: 'admin', action: 'join', detail: 'client' }],
    });
    await store.putAsset(SID, 'hash1', { type: 'image/png', data: bytes(2048, 3) });
    await store.revoke(SID, 'p_2', 1003);
    // The caller's arrays stay whole: the Writer sends a failed batch again.
    expect(updates.map((u) => u.byteLength)).toEqual([1000, 3, 0]);
    expect(chunk.byteLength).toBe(9000);
    await store.close();

    // On disk, read by another connection, with the log folded back into the file.
    expect((await stat(`${path}-wal`).catch(() => ({ size: 0 }))).size).toBe(0);
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT seq, data FROM doc_updates ORDER BY seq').all() as Array<{
      seq: number;
      data: Buffer;
    }>;
    db.close();
    expect(rows.map((r) => new Uint8Array(r.data))).toEqual(updates.map((u) => new Uint8Array(u)));
    expect(last.get(`${SID}/space`)).toBe(rows[rows.length - 1]!.seq);

    const again = new SqliteStore(path, { thread });
    await again.init();
    const doc = await again.loadDoc(SID, 'space');
    expect(doc.updates.map((u) => Array.from(u))).toEqual(updates.map((u) => Array.from(u)));
    expect(doc.lastSeq).toBe(last.get(`${SID}/space`));
    expect(await again.readEvents(SID)).toEqual([
      { sid: SID, t: 1001, sub: 'p_1', role: 'client', scope: 'space', channel: 'music', payload },
    ]);
    expect(await again.readAudit(SID)).toEqual([
      { sid: SID, t: 1002, actor: 'admin', action: 'join', detail: 'client' },
    ]);
    expect(await again.getAsset(SID, 'hash1')).toEqual({ type: 'image/png', data: bytes(2048, 3) });
    expect(await again.getAsset(SID, 'nothing')).toBeNull();
    expect(await again.isRevoked(SID, 'p_2')).toBe(true);
    expect(await again.isRevoked(SID, 'p_1')).toBe(false);

    // Compacting replaces the rows with one state; ending leaves only the tombstone.
    await again.compactDoc(SID, 'space', bytes(50, 4), doc.lastSeq);
    expect((await again.loadDoc(SID, 'space')).updates).toEqual([bytes(50, 4)]);
    await again.endSession(SID, 2000);
    expect(await again.isEnded(SID)).toBe(true);
    expect((await again.loadDoc(SID, 'space')).updates).toEqual([]);
    expect(await again.getAsset(SID, 'hash1')).toBeNull();
    await again.close();
  });

  it('keeps working in memory', async () => {
    const store = new SqliteStore(':memory:', { thread });
    await store.init();
    await store.write(update(bytes(10, 5)));
    expect((await store.loadDoc(SID, 'space')).updates).toEqual([bytes(10, 5)]);
    expect((await store.loadDoc(OTHER, 'space')).updates).toEqual([]);
    await store.close();
  });

  it('rejects a failing request with its own error, stores none of its batch, and goes on', async () => {
    const store = new SqliteStore(await tempFile(), { thread });
    const bad = {
      updates: [
        { sid: SID, scope: 'space' as const, data: bytes(20, 6) },
        { sid: SID, scope: null as unknown as Scope, data: bytes(20, 7) },
      ],
      events: [],
      audit: [],
    };
    const failed = store.write(bad);
    // Sent behind the failing one, before it has failed.
    const next = store.write(update(bytes(20, 8)));
    await expect(failed).rejects.toMatchObject({
      message: 'NOT NULL constraint failed: doc_updates.scope',
      code: 'SQLITE_CONSTRAINT_NOTNULL',
    });
    await next;
    expect((await store.loadDoc(SID, 'space')).updates).toEqual([bytes(20, 8)]);
    await store.close();
    await expect(store.write(update(bytes(20, 9)))).rejects.toThrow('the SQLite store is closed');
    await expect(store.loadDoc(SID, 'space')).rejects.toThrow('the SQLite store is closed');
    await store.close();
  });

  it('reports a file it cannot open from init() and from every request', async () => {
    // A folder where the file should be.
    const store = new SqliteStore(dirname(await tempFile()), { thread });
    await expect(store.init()).rejects.toThrow(/unable to open database file/);
    await expect(store.isEnded(SID)).rejects.toThrow(/not open: unable to open database file/);
    await store.close();
  });

  it('loses no acknowledged write when closed with writes pending', async () => {
    const path = await tempFile();
    const store = new SqliteStore(path, { thread });
    const writes = Array.from({ length: 200 }, (_, i) =>
      store.write({
        updates: Array.from({ length: 5 }, (_, j) => ({
          sid: i % 2 ? SID : OTHER,
          scope: 'space' as const,
          data: bytes(512, i * 5 + j),
        })),
        events: [],
        audit: [{ sid: SID, t: i, actor: 'admin', action: 'write', detail: String(i) }],
      }),
    );
    const closed = store.close();
    const outcomes = await Promise.allSettled(writes);
    await closed;
    const acknowledged = outcomes.filter((o) => o.status === 'fulfilled').length;
    // Every write was sent before close(), so close() waits for all of them.
    expect(acknowledged).toBe(200);

    const again = new SqliteStore(path, { thread });
    expect((await again.loadDoc(SID, 'space')).updates).toHaveLength(500);
    expect((await again.loadDoc(OTHER, 'space')).updates).toHaveLength(500);
    expect((await again.readAudit(SID)).map((a) => a.detail)).toEqual(
      Array.from({ length: 200 }, (_, i) => String(i)),
    );
    await again.close();
  });
});

describe('the SQLite store in its worker thread', () => {
  it('rejects what a dead worker held with a clear error, then carries on in a new one', async () => {
    const path = await tempFile();
    const store = new SqliteStore(path, { thread: 'worker' });
    await store.write(update(bytes(30, 10)));
    void workerOf(store).terminate();
    const lost = store.write(update(bytes(30, 11)));
    await expect(lost).rejects.toThrow(/the SQLite store's worker thread stopped \(exit code \d+\)/);
    // The Writer sends the batch again: a new thread opens the file and takes it.
    await store.write(update(bytes(30, 11)));
    expect((await store.loadDoc(SID, 'space')).updates).toEqual([bytes(30, 10), bytes(30, 11)]);
    await store.close();
  });

  it('says so when a dead worker took an in-memory database with it', async () => {
    const store = new SqliteStore(':memory:', { thread: 'worker' });
    await store.write(update(bytes(30, 12)));
    await workerOf(store).terminate();
    await expect(store.loadDoc(SID, 'space')).rejects.toThrow(/in-memory database with it/);
    await store.close();
  });
});
