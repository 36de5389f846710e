/**
 * Encryption at rest binds each sealed row to where it belongs: a row moved
 * to another session or scope does not open, and rows sealed before that
 * binding (format version 1) still do.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EncryptedStore, SqliteStore } from '@attune/session-server';
import { randomSid } from '../support/raw-client.js';

const key = randomBytes(32);
let dir = '';
let inner: SqliteStore | null = null;

async function stores(): Promise<{ inner: SqliteStore; sealed: EncryptedStore }> {
  dir = mkdtempSync(join(tmpdir(), 'attune-sealed-'));
  inner = new SqliteStore(join(dir, 'attune.sqlite'), { synchronous: 'normal' });
  const sealed = new EncryptedStore(inner, key);
  await sealed.init();
  return { inner, sealed };
}

afterEach(async () => {
  await inner?.close();
  inner = null;
  rmSync(dir, { recursive: true, force: true });
});

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
}

/** A row as this server sealed it before associated data: `[1] iv tag body`. */
function sealedV1(plain: Uint8Array): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
}

describe('sealed rows', () => {
  it('open where they were written, and not in another session or scope', async () => {
    const { inner, sealed } = await stores();
    const [a, b] = [randomSid(), randomSid()];
    await sealed.write({
      updates: [{ sid: a, scope: 'notes', data: update('private note') }],
      events: [],
      audit: [],
    });
    expect(textOf((await sealed.loadDoc(a, 'notes')).updates)).toBe('private note');

    const raw = (await inner.loadDoc(a, 'notes')).updates[0]!;
    expect(raw[0]).toBe(2);
    // Someone with write access to the database copies the sealed row elsewhere.
    await inner.write({ updates: [{ sid: b, scope: 'notes', data: raw }], events: [], audit: [] });
    await inner.write({ updates: [{ sid: a, scope: 'space', data: raw }], events: [], audit: [] });
    await expect(sealed.loadDoc(b, 'notes')).rejects.toThrow(/does not open/);
    await expect(sealed.loadDoc(a, 'space')).rejects.toThrow(/does not open/);
  });

  it('bind images to their session and hash, and events to their session', async () => {
    const { inner, sealed } = await stores();
    const [a, b] = [randomSid(), randomSid()];
    const hash = 'a'.repeat(64);
    await sealed.putAsset(a, hash, { type: 'image/png', data: new Uint8Array([1, 2, 3]) });
    expect((await sealed.getAsset(a, hash))?.data).toEqual(new Uint8Array([1, 2, 3]));
    const raw = (await inner.getAsset(a, hash))!;
    await inner.putAsset(b, hash, raw);
    await inner.putAsset(a, 'b'.repeat(64), raw);
    await expect(sealed.getAsset(b, hash)).rejects.toThrow(/does not open/);
    await expect(sealed.getAsset(a, 'b'.repeat(64))).rejects.toThrow(/does not open/);

    const event = { t: 1, sub: 'c_1', role: 'client', scope: 'space' as const, channel: 'notes' };
    await sealed.write({
      updates: [],
      events: [{ ...event, sid: a, payload: new Uint8Array([9]) }],
      audit: [],
    });
    const [stored] = await inner.readEvents(a);
    await inner.write({ updates: [], events: [{ ...stored!, sid: b }], audit: [] });
    expect((await sealed.readEvents(a))[0]!.payload).toEqual(new Uint8Array([9]));
    await expect(sealed.readEvents(b)).rejects.toThrow(/does not open/);
  });

  it('written before the binding (version 1) still open, and are sealed anew on compaction', async () => {
    const { inner, sealed } = await stores();
    const sid = randomSid();
    await inner.write({
      updates: [{ sid, scope: 'space', data: sealedV1(update('last week')) }],
      events: [],
      audit: [],
    });
    const loaded = await sealed.loadDoc(sid, 'space');
    expect(textOf(loaded.updates)).toBe('last week');
    await sealed.compactDoc(sid, 'space', Y.mergeUpdates(loaded.updates), loaded.lastSeq);
    const rows = (await inner.loadDoc(sid, 'space')).updates;
    expect(rows.map((r) => r[0])).toEqual([2]);
    expect(textOf((await sealed.loadDoc(sid, 'space')).updates)).toBe('last week');
  });
});
