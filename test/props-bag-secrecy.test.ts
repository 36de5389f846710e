/**
 * Magic bag secrecy through the real server: a client's sockets never carry
 * the bag's contents; only a drawn prop reaches them, and only once drawn.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { Session } from '@attune/session';
import { createAttuneServer } from '@attune/session-server';
import { BagKeeper, BagModel, BoardModel } from '@attune/drama-props';

type Server = Awaited<ReturnType<typeof createAttuneServer>>;
let server: Server;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'attune-props-'));
  server = await createAttuneServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn' });
});
afterAll(async () => {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function post<T>(path: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

async function newRoom(): Promise<{ sid: string; therapist: string; client: string }> {
  const { sid, therapistToken } = await post<{ sid: string; therapistToken: string }>(
    '/api/sessions',
    server.adminKey,
    { waitingRoom: false },
  );
  const { token } = await post<{ token: string }>(`/api/sessions/${sid}/invites`, therapistToken, {
    role: 'client',
    name: 'Sam',
    ttlSeconds: 600,
  });
  return { sid, therapist: therapistToken, client: token };
}

/** A raw socket that asks for the whole document and keeps every byte it receives. */
class Tap {
  readonly received: Buffer[] = [];
  readonly socket: WebSocket;
  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data: Buffer) => this.received.push(Buffer.from(data)));
    this.socket.on('open', () => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, 0);
      syncProtocol.writeSyncStep1(enc, new Y.Doc());
      this.socket.send(encoding.toUint8Array(enc));
    });
  }
  get bytes(): Buffer {
    return Buffer.concat(this.received);
  }
  contains(text: string): boolean {
    return this.bytes.includes(Buffer.from(text, 'utf8'));
  }
  close(): void {
    this.socket.close();
  }
}

async function until(check: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function session(sid: string, token: string): Session {
  return new Session({
    server: server.syncUrl,
    sid,
    token,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

const SECRET = ['sunglasses', 'feather', 'crystal ball'];

describe('magic bag secrecy', () => {
  it('never sends the bag\u2019s contents to a client, and sends a prop only once drawn', async () => {
    const { sid, therapist: therapistToken, client: clientToken } = await newRoom();
    const therapist = session(sid, therapistToken);
    await therapist.whenSynced();
    const tBoard = new BoardModel(therapist.docs.space);
    const tBag = new BagModel(tBoard, therapist.docs.notes);
    tBag.add(SECRET.map((name) => `attune/${name.replace(' ', '-')}`));
    const stopKeeper = new BagKeeper(tBag, { random: () => 0 }).start();
    await therapist.whenSaved();

    const taps = ['space', 'control'].map(
      (scope) => new Tap(`${server.syncUrl}/${sid}/${scope}?token=${encodeURIComponent(clientToken)}`),
    );
    const client = session(sid, clientToken);
    await client.whenSynced();
    expect(client.docs.notes).toBeNull();
    const cBag = new BagModel(new BoardModel(client.docs.space), null);
    await until(() => cBag.count === 3, 'the count to reach the client');
    // The raw taps have synced both documents in full.
    await until(() => taps[0]!.contains('bagInfo'), 'the space document on the tap');
    for (const tap of taps) for (const name of SECRET) expect(tap.contains(name), name).toBe(false);

    // The client cannot even open the notes room.
    const notesTap = new Tap(`${server.syncUrl}/${sid}/notes?token=${encodeURIComponent(clientToken)}`);
    const refused = await new Promise<boolean>((resolve) => {
      notesTap.socket.on('unexpected-response', () => resolve(true));
      notesTap.socket.on('error', () => resolve(true));
      notesTap.socket.on('open', () => resolve(false));
    });
    expect(refused).toBe(true);
    expect(notesTap.received).toEqual([]);

    // The client draws; the therapist's keeper answers with the first prop.
    const request = cBag.requestDraw({ id: client.user.id, name: client.user.name })!;
    await until(() => cBag.request(request)?.state === 'done', 'the draw to be answered');
    const item = cBag.board.item(cBag.request(request)!.itemId)!;
    expect(item).toMatchObject({
      propId: 'attune/sunglasses',
      heldBy: { id: client.user.id },
      onBoard: false,
    });
    await until(() => taps[0]!.contains('sunglasses'), 'the drawn prop on the tap');
    expect(cBag.count).toBe(2);
    for (const tap of taps) {
      expect(tap.contains('feather')).toBe(false);
      expect(tap.contains('crystal')).toBe(false);
    }

    stopKeeper();
    for (const tap of taps) tap.close();
    client.destroy();
    therapist.destroy();
  });
});
