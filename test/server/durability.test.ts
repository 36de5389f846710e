/**
 * What a save check confirmed survives the server process dying, and a
 * graceful stop keeps even what was not confirmed yet. The server runs in a
 * child process on a data folder that outlives it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { CreateSessionResponse, InviteResponse } from '@attune/session';
import { Session } from '@attune/session';
import { encodeSaveCheck } from '@attune/session/protocol';
import type { ChildServer } from '../support/child-server.js';
import { childSecrets, startChild, stopChild } from '../support/child-server.js';
import { MESSAGE, encodeClockRequest } from '@attune/session/protocol';
import { RawClient } from '../support/raw-client.js';
import { nodeSession, startServer, until } from '../support/server.js';

interface Item {
  id: string;
}

/** One participant drawing continuously, remembering which of its items the server confirmed stored. */
class Participant {
  readonly pushed: string[] = [];
  confirmed = 0;
  syncs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    readonly name: string,
    readonly session: Session,
  ) {
    // `saved` true means every edit so far is durable; a lower bound at any moment.
    session.on('saved', (saved) => {
      if (saved) this.confirmed = this.pushed.length;
    });
    session.on('status', (status) => {
      if (status.status === 'synced') this.syncs++;
    });
  }

  get items(): Y.Array<Item> {
    return this.session.docs.space.getArray<Item>('items');
  }

  start(): void {
    const tick = (): void => {
      if (this.stopped) return;
      const id = `${this.name}-${this.pushed.length}`;
      this.pushed.push(id);
      this.items.push([{ id }]);
      this.timer = setTimeout(tick, 5 + Math.random() * 25);
    };
    tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

function idsOf(items: Item[]): string[] {
  return items.map((item) => item.id);
}

function expectNoDuplicates(ids: string[]): void {
  expect(ids.length).toBe(new Set(ids).size);
}

describe('durability', () => {
  let dataDir: string;
  const secrets = childSecrets();
  const children: ChildServer[] = [];
  const sessions: Session[] = [];

  async function start(options: { port?: number; flushIntervalMs?: number } = {}): Promise<ChildServer> {
    const child = await startChild({ dataDir, ...secrets, ...options });
    children.push(child);
    return child;
  }

  async function post<T>(child: ChildServer, path: string, token: string, body?: unknown): Promise<T> {
    const res = await fetch(`${child.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as T;
  }

  /** The stored `space` document, through the therapist's export. */
  async function exported(child: ChildServer, sid: string, token: string): Promise<Y.Doc> {
    const res = await fetch(`${child.url}/api/sessions/${sid}/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { documents: { space: string } };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(body.documents.space, 'base64'));
    return doc;
  }

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'attune-durability-'));
  });
  afterEach(async () => {
    for (const session of sessions.splice(0)) session.destroy();
    for (const child of children.splice(0)) await stopChild(child, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every confirmed edit through SIGKILL, then converges without duplicates', async () => {
    const first = await start();
    const { sid, therapistToken } = await post<CreateSessionResponse>(
      first,
      '/api/sessions',
      secrets.adminKey,
      { waitingRoom: false },
    );
    const tokens = [therapistToken];
    for (const role of ['client', 'caregiver'] as const) {
      tokens.push(
        (
          await post<InviteResponse>(first, `/api/sessions/${sid}/invites`, therapistToken, {
            role,
            name: role,
          })
        ).token,
      );
    }
    const writers = tokens.map((token, i) => {
      const session = new Session({
        server: first.syncUrl,
        sid,
        token,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        maxBackoffTime: 100,
        saveCheckDelay: 20,
      });
      sessions.push(session);
      return new Participant(`p${i}`, session);
    });
    await Promise.all(writers.map((w) => w.session.whenSynced()));
    for (const writer of writers) writer.start();

    // Mid-stream: every writer has had edits confirmed and has more on the way.
    await until(
      () => writers.every((w) => w.confirmed >= 15 && w.pushed.length > w.confirmed),
      'confirmed edits from every writer',
    );
    const confirmedAtKill = writers.map((w) => w.pushed.slice(0, w.confirmed));
    expect(await stopChild(first, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const pushedAtKill = writers.map((w) => w.pushed.length);

    // The edits go on while the server is away.
    await until(
      () => writers.every((w, i) => w.pushed.length >= pushedAtKill[i]! + 10),
      'edits made offline',
    );

    // Restarted where the clients cannot reach it yet: what did the disk keep?
    const inspect = await start();
    const stored = idsOf((await exported(inspect, sid, therapistToken)).getArray<Item>('items').toArray());
    expectNoDuplicates(stored);
    const storedSet = new Set(stored);
    confirmedAtKill.forEach((ids, i) => {
      const missing = ids.filter((id) => !storedSet.has(id));
      expect(missing, `confirmed edits of writer ${i} lost`).toEqual([]);
    });
    expect(await stopChild(inspect, 'SIGTERM')).toEqual({ code: 0, signal: null });

    // Back on the old address: the clients reconnect by themselves and keep going.
    const syncsBefore = writers.map((w) => w.syncs);
    const back = await start({ port: first.port });
    await until(() => writers.every((w, i) => w.syncs > syncsBefore[i]!), 'every client reconnected', 15_000);
    const pushedAtReconnect = writers.map((w) => w.pushed.length);
    await until(
      () => writers.every((w, i) => w.pushed.length >= pushedAtReconnect[i]! + 10),
      'edits after reconnecting',
    );
    for (const writer of writers) writer.stop();

    const everything = writers.flatMap((w) => w.pushed).sort();
    await until(
      () => writers.every((w) => w.session.saved && w.items.length === everything.length),
      'all edits everywhere, saved',
      15_000,
    );
    for (const writer of writers) {
      const ids = idsOf(writer.items.toArray());
      expectNoDuplicates(ids);
      expect([...ids].sort()).toEqual(everything);
      // Same order everywhere, not only the same set.
      expect(ids).toEqual(idsOf(writers[0]!.items.toArray()));
    }
    const final = idsOf((await exported(back, sid, therapistToken)).getArray<Item>('items').toArray());
    expect(final).toEqual(idsOf(writers[0]!.items.toArray()));
  });

  it('stores everything, confirmed or not, before exiting on SIGTERM', async () => {
    // Writes are batched a minute apart here, so nothing is stored before the signal.
    const first = await start({ flushIntervalMs: 60_000 });
    const { sid, therapistToken } = await post<CreateSessionResponse>(
      first,
      '/api/sessions',
      secrets.adminKey,
    );
    const client = await RawClient.open(first, sid, 'space', therapistToken);
    await client.whenSynced();
    for (let i = 0; i < 50; i++) client.edit((doc) => doc.getArray('items').push([{ id: `edit-${i}` }]));
    client.send(encodeSaveCheck(1));
    // A marker: clock replies are immediate, so the server has handled everything above.
    client.send(encodeClockRequest(1));
    await until(() => client.frames.some((f) => f[0] === MESSAGE.clock), 'the clock reply');
    expect(client.saveEchoes.has(1)).toBe(false);

    expect(await stopChild(first, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await client.whenClosed).toEqual({ code: 1001, reason: 'the server is restarting' });
    expect(client.saveEchoes.has(1)).toBe(false);

    const again = await start({ flushIntervalMs: 60_000 });
    const reader = await RawClient.open(again, sid, 'space', therapistToken);
    await reader.whenSynced();
    expect(idsOf(reader.doc.getArray<Item>('items').toArray())).toEqual(
      Array.from({ length: 50 }, (_, i) => `edit-${i}`),
    );
    reader.close();
  });
});

describe('saved while drawing', () => {
  it('confirms edits during a continuous stroke, not only after it ends', async () => {
    const server = await startServer();
    try {
      const { sid, therapistToken } = await server.createSession();
      const session = nodeSession(server, sid, therapistToken);
      await session.whenSynced();
      const points = session.docs.space.getArray<number>('stroke');
      let drawing = true;
      let savedWhileDrawing = 0;
      session.on('saved', (saved) => {
        if (saved && drawing) savedWhileDrawing++;
      });
      // 25 points a second for two seconds, faster than the save check delay (100 ms).
      for (let i = 0; i < 50; i++) {
        points.push([i]);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      drawing = false;
      expect(savedWhileDrawing).toBeGreaterThan(0);
      await session.whenSaved();
      session.destroy();
    } finally {
      await server.dispose();
    }
  });
});
