/**
 * A room's life on the server: loaded fully before anyone syncs, unloaded and
 * its memory given back after everyone leaves, a slow reader cut off without
 * slowing the others, and a document that may not grow past its limit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { SqliteStore } from '@attune/session-server';
import { encodeBroadcast } from '@attune/session/protocol';
import { RawClient, randomSid, signToken } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { startServer, stockProvider, synced, until } from '../support/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

async function gauges(url: string): Promise<{ rooms: number; connections: number; metrics: string }> {
  const health = (await (await fetch(`${url}/healthz`)).json()) as { rooms: number; connections: number };
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return { ...health, metrics };
}

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`no ${name} in /metrics`);
  return Number(match[1]);
}

function tokenFor(s: TestServer, sid: string): string {
  const exp = Math.floor(Date.now() / 1000) + 600;
  return signToken({ sid, role: 'therapist', sub: 't_life', name: 'T', exp }, s.secret);
}

async function collectGarbage(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Rooms keep documents as bytes, which live outside the JS heap: count both.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe('idle rooms', () => {
  it('unload after everyone leaves, and /healthz and /metrics say so', async () => {
    server = await startServer({ roomIdleMs: 50 });
    const s = server;
    const { sid, therapistToken } = await s.createSession();
    const clients = await Promise.all(
      (['space', 'control', 'notes'] as const).map((scope) => RawClient.open(s, sid, scope, therapistToken)),
    );
    const second = await RawClient.open(s, sid, 'space', therapistToken);
    await Promise.all([...clients, second].map((c) => c.whenSynced()));
    clients[0]!.edit((doc) => doc.getText('story').insert(0, 'kept after the room unloads'));
    await clients[0]!.saved();

    expect(s.rooms.rooms.size).toBe(3);
    let now = await gauges(s.url);
    expect([now.rooms, now.connections]).toEqual([3, 4]);
    expect(metric(now.metrics, 'attune_rooms')).toBe(3);
    expect(metric(now.metrics, 'attune_connections')).toBe(4);

    // One leaves: the room stays while someone is in it.
    second.close();
    await second.whenClosed;
    await until(() => s.stats.connections === 3, 'the server to see one leave');
    expect(s.rooms.rooms.size).toBe(3);

    for (const client of clients) client.close();
    await until(() => s.rooms.rooms.size === 0, 'every room unloaded');
    now = await gauges(s.url);
    expect([now.rooms, now.connections]).toEqual([0, 0]);
    expect(metric(now.metrics, 'attune_rooms')).toBe(0);
    expect(metric(now.metrics, 'attune_connections')).toBe(0);

    // The work is in storage, and comes back with the next visitor.
    const back = await RawClient.open(s, sid, 'space', therapistToken);
    await back.whenSynced();
    expect(back.doc.getText('story').toString()).toBe('kept after the room unloads');
    back.close();
  });

  it('give their memory back: 300 rooms opened, edited, left', async () => {
    server = await startServer({ roomIdleMs: 20 });
    const s = server;
    const text = 'a line of a story that someone wrote during the session. '.repeat(100);

    async function openEditLeave(count: number): Promise<number> {
      const clients: RawClient[] = [];
      for (let batch = 0; batch < count; batch += 50) {
        const opened = await Promise.all(
          Array.from({ length: Math.min(50, count - batch) }, () => {
            const sid = randomSid();
            return RawClient.open(s, sid, 'space', tokenFor(s, sid));
          }),
        );
        clients.push(...opened);
      }
      await Promise.all(clients.map((c) => c.whenSynced()));
      clients.forEach((client, i) => client.edit((doc) => doc.getText('story').insert(0, `${i}: ${text}`)));
      await Promise.all(clients.map((c) => c.saved()));
      // Each session's space room keeps its control room loaded: the hold is read from it.
      expect(s.rooms.rooms.size).toBe(2 * count);
      const peak = await collectGarbage();
      for (const client of clients) client.close();
      await Promise.all(clients.map((c) => c.whenClosed));
      await until(() => s.rooms.rooms.size === 0, 'every room unloaded', 20_000);
      return peak;
    }

    // A first round warms up caches, statements and compiled code that stay for good.
    await openEditLeave(60);
    const baseline = await collectGarbage();
    const peak = await openEditLeave(300);
    const after = await collectGarbage();
    const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    const report = `baseline ${mb(baseline)}, with 300 rooms ${mb(peak)}, after ${mb(after)}`;
    // The rooms and their clients cost several MB while open...
    expect(peak - baseline, report).toBeGreaterThan(5 * 2 ** 20);
    // ...and all but 1.5 MB of noise (lazily grown runtime tables) is returned.
    expect(after - baseline, report).toBeLessThan(1.5 * 2 ** 20);
  }, 60_000);
});

describe('loading', () => {
  it('answers the first sync only once the stored document is in memory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'attune-slow-load-'));
    // A real store whose reads take a while, as a busy database would.
    const store = new SqliteStore(join(dataDir, 'attune.sqlite'));
    const loadDoc = store.loadDoc.bind(store);
    let loads = 0;
    store.loadDoc = async (sid, scope) => {
      loads++;
      const result = await loadDoc(sid, scope);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return result;
    };
    server = await startServer({ dataDir, store, roomIdleMs: 20 });
    const s = server;
    const { sid, therapistToken } = await s.createSession();
    const writer = await RawClient.open(s, sid, 'space', therapistToken);
    await writer.whenSynced();
    writer.edit((doc) => {
      doc.getText('story').insert(0, 'stored before you came');
      doc.getArray('strokes').push(['spiral', 'wave']);
    });
    await writer.saved();
    writer.close();
    await until(() => s.rooms.rooms.size === 0, 'the room unloaded');
    const loadsBefore = loads;

    // A raw client: the very first step 2 it gets must hold everything.
    const raw = await RawClient.open(s, sid, 'space', therapistToken);
    // An edit sent while the room is still loading is kept, not lost.
    raw.edit((doc) => doc.getMap('early').set('hello', 1));
    await raw.whenSynced();
    // The space room and the control room it is refereed by, each read once.
    expect(loads).toBe(loadsBefore + 2);
    const first = new Y.Doc();
    const decoder = decoding.createDecoder(raw.firstStep2!);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    Y.applyUpdate(first, decoding.readVarUint8Array(decoder));
    expect(first.getText('story').toString()).toBe('stored before you came');
    expect(first.getArray('strokes').toArray()).toEqual(['spiral', 'wave']);

    // A stock provider: when it says synced, the content is there.
    const stock = stockProvider(s, sid, 'space', therapistToken);
    let atSync = '';
    stock.once('sync', () => (atSync = stock.doc.getText('story').toString()));
    await synced(stock);
    expect(atSync).toBe('stored before you came');
    await until(() => stock.doc.getMap('early').get('hello') === 1, 'the early edit');
    stock.destroy();
    raw.close();
    await s.dispose();
    server = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('a slow consumer', () => {
  it('is closed with 1013 while the others carry on', async () => {
    server = await startServer({ limits: { maxOutboundBytes: 64 * 1024 } });
    const s = server;
    const { sid, therapistToken } = await s.createSession();
    const sender = await RawClient.open(s, sid, 'space', therapistToken);
    const reader = await RawClient.open(s, sid, 'space', therapistToken);
    await Promise.all([sender.whenSynced(), reader.whenSynced()]);
    // This one stops reading its socket once it has synced.
    const slow = await RawClient.open(s, sid, 'space', therapistToken);
    await slow.whenSynced();
    slow.ws.pause();

    const payload = new Uint8Array(256 * 1024).fill(7);
    const frame = encodeBroadcast('live-stroke', payload);
    const isBroadcast = (f: Uint8Array): boolean => f[0] === 120;
    let sent = 0;
    // Until the kernel's buffers fill up, the slow socket looks fine; then it must be cut off.
    while (s.stats.closedSlow === 0) {
      if (sent >= 400) throw new Error('the slow consumer was never closed');
      sender.send(frame);
      sent++;
      await until(() => reader.frames.filter(isBroadcast).length === sent, `broadcast ${sent} at the reader`);
    }
    expect(s.stats.closedSlow).toBe(1);

    // The others keep working together.
    sender.edit((doc) => doc.getText('story').insert(0, 'still here'));
    await until(() => reader.doc.getText('story').toString() === 'still here', 'the edit at the reader');
    await sender.saved();
    expect(sender.closed).toBeNull();
    expect(reader.closed).toBeNull();

    // The slow one learns why once it reads again, and a reconnect resyncs it.
    slow.ws.resume();
    expect(await slow.whenClosed).toEqual({
      code: 1013,
      reason: 'outbound buffer full: reconnect to resync',
    });
    const again = await RawClient.open(s, sid, 'space', therapistToken);
    await again.whenSynced();
    expect(again.doc.getText('story').toString()).toBe('still here');
    again.close();
    sender.close();
    reader.close();
  });
});

describe('an idle connection', () => {
  it('is kept alive by the server, so a stock client never hits its 30 s silence timeout', async () => {
    server = await startServer({ limits: { keepaliveMs: 200 } });
    const s = server;
    const { sid, therapistToken } = await s.createSession();
    // control carries no presence: without a keepalive it is silent while nobody edits.
    const raw = await RawClient.open(s, sid, 'control', await s.invite(sid, therapistToken, 'client'));
    await raw.whenSynced();
    const received = raw.frames.length;
    await until(() => raw.frames.length > received, 'a keepalive', 3000);
    expect([...raw.frames[received]!]).toEqual([1, 1, 0]);

    // A stock provider takes it as an awareness update with no entries: nothing changes.
    const stock = stockProvider(s, sid, 'control', therapistToken);
    stock.awareness.setLocalState(null);
    await synced(stock);
    let lastMessage = stock.wsLastMessageReceived;
    const heard: number[] = [];
    const watch = setInterval(() => {
      if (stock.wsLastMessageReceived !== lastMessage)
        heard.push((lastMessage = stock.wsLastMessageReceived));
    }, 20);
    await until(() => heard.length >= 2, 'two keepalives at the stock client', 3000);
    clearInterval(watch);
    expect(stock.wsconnected).toBe(true);
    expect(stock.synced).toBe(true);
    expect(stock.awareness.getStates().size).toBe(0);
    stock.destroy();
    raw.close();
  });
});

describe('a peer that stops reading for good', () => {
  it('is dropped after the close grace, so its room can unload', async () => {
    server = await startServer({ limits: { maxOutboundBytes: 64 * 1024, closeGraceMs: 300 } });
    const s = server;
    const { sid, therapistToken } = await s.createSession();
    const sender = await RawClient.open(s, sid, 'space', therapistToken);
    const gone = await RawClient.open(s, sid, 'space', therapistToken);
    await Promise.all([sender.whenSynced(), gone.whenSynced()]);
    gone.ws.pause();
    const frame = encodeBroadcast('live-stroke', new Uint8Array(256 * 1024).fill(3));
    for (let sent = 0; s.stats.closedSlow === 0; sent++) {
      if (sent >= 400) throw new Error('the peer was never closed');
      sender.send(frame);
      await sender.saved();
    }
    // It never reads its close frame; the server must not wait for ws's 30 s timeout.
    await until(() => s.stats.connections === 1, 'the silent peer dropped', 5000);
    sender.close();
    await until(() => s.rooms.rooms.size === 0, 'the room unloaded', 5000);
  });
});

describe('the document size limit', () => {
  it('refuses an update that would pass it, and keeps it out of storage', async () => {
    server = await startServer({ limits: { maxDocBytes: 16 * 1024 } });
    const s = server;
    const { sid, therapistToken } = await s.createSession();
    const a = await RawClient.open(s, sid, 'space', therapistToken);
    const b = await RawClient.open(s, sid, 'space', therapistToken);
    await Promise.all([a.whenSynced(), b.whenSynced()]);

    a.edit((doc) => doc.getText('small').insert(0, 'x'.repeat(8 * 1024)));
    await until(() => b.doc.getText('small').length === 8 * 1024, 'the first edit at b');
    a.edit((doc) => doc.getText('big').insert(0, 'y'.repeat(10 * 1024)));
    await until(() => a.denied.length > 0, 'a permission message');
    expect(a.denied).toEqual(['document size limit reached: the change was not kept']);
    expect(a.closed).toBeNull();

    // Echoes after the refusal: nothing was relayed or stored.
    await a.saved();
    await b.saved();
    expect(b.doc.getText('big').length).toBe(0);
    const stored = new Y.Doc();
    for (const update of (await s.store.loadDoc(sid, 'space')).updates) Y.applyUpdate(stored, update);
    expect(stored.getText('small').length).toBe(8 * 1024);
    expect(stored.getText('big').length).toBe(0);

    // Small changes within the limit still go through.
    b.edit((doc) => doc.getMap('board').set('card', 'hero'));
    await until(() => a.doc.getMap('board').get('card') === 'hero', 'a small edit at a');
    expect(b.denied).toEqual([]);
    a.close();
    b.close();
  });
});
