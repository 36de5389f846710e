/**
 * Hostile and broken input on the sync endpoint. Each bad connection must be
 * closed with a close code and a reason that says why, while a well-behaved
 * pair in the same room keeps syncing and the server keeps answering.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Closed } from '../support/raw-client.js';
import {
  RawClient,
  RawSocket,
  UpgradeRefused,
  encodeUpdate,
  randomSid,
  signToken,
} from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { seeded as random } from '../support/seeded.js';
import { startServer, until } from '../support/server.js';

const MAX_FRAME = 64 * 1024;

function randomBytes(next: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

/** Two participants in one room, and proof that they still sync and the server still answers. */
class Pair {
  private round = 0;
  private constructor(
    private readonly server: TestServer,
    readonly a: RawClient,
    readonly b: RawClient,
  ) {}

  static async join(
    server: TestServer,
    sid: string,
    tokenA: string,
    tokenB: string,
    headers?: Record<string, string>,
  ) {
    const a = await RawClient.open(server, sid, 'space', tokenA, { headers });
    const b = await RawClient.open(server, sid, 'space', tokenB, { headers });
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    return new Pair(server, a, b);
  }

  async stillSyncs(): Promise<void> {
    const n = ++this.round;
    this.a.edit((doc) => doc.getArray('from-a').push([n]));
    this.b.edit((doc) => doc.getArray('from-b').push([n]));
    await until(
      () => this.b.doc.getArray('from-a').length === n && this.a.doc.getArray('from-b').length === n,
      `round ${n} on both sides`,
    );
    await Promise.all([this.a.saved(), this.b.saved()]);
    expect(this.a.closed).toBeNull();
    expect(this.b.closed).toBeNull();
    expect(this.a.denied).toEqual([]);
    expect(Y.encodeStateVector(this.a.doc)).toEqual(Y.encodeStateVector(this.b.doc));
    const health = await fetch(`${this.server.url}/healthz`);
    expect(health.status).toBe(200);
  }

  close(): void {
    this.a.close();
    this.b.close();
  }
}

describe('malformed frames', () => {
  let server: TestServer;
  let sid: string;
  let clientToken: string;
  let pair: Pair;

  beforeAll(async () => {
    server = await startServer({ limits: { maxFrameBytes: MAX_FRAME, messagesPerSecond: 200 } });
    const created = await server.createSession();
    sid = created.sid;
    clientToken = await server.invite(sid, created.therapistToken, 'client', 'Bad');
    pair = await Pair.join(
      server,
      sid,
      created.therapistToken,
      await server.invite(sid, created.therapistToken, 'caregiver', 'Good'),
    );
  });
  afterEach(async () => {
    await pair.stillSyncs();
  });
  afterAll(async () => {
    pair.close();
    await server.dispose();
  });

  /** Opens a writable connection in the pair's room, sends `frames`, and returns how it was closed. */
  async function closedAfter(...frames: Array<Uint8Array | string>): Promise<Closed> {
    const bad = await RawClient.open(server, sid, 'space', clientToken);
    await bad.whenSynced();
    for (const frame of frames) bad.send(frame);
    return bad.whenClosed;
  }

  it('random bytes', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const next = random(seed);
      const frame = randomBytes(next, 1 + Math.floor(next() * 200));
      // Type 2 (auth) and 3 (query awareness) with nothing after are valid; make sure the frame is not.
      if (frame[0]! < 4) frame[0] = 4 + frame[0]!;
      const closed = await closedAfter(frame);
      expect(closed.code, `seed ${seed}`).toBe(1007);
      expect(closed.reason, `seed ${seed}`).toMatch(/^(unknown message type \d+|malformed message)$/);
    }
  });

  it('a truncated varint', async () => {
    expect(await closedAfter(new Uint8Array([0x80]))).toEqual({ code: 1007, reason: 'malformed message' });
    expect(await closedAfter(new Uint8Array([100, 0xff, 0xff]))).toEqual({
      code: 1007,
      reason: 'malformed message',
    });
  });

  it('a valid type with a truncated body', async () => {
    // A sync update that announces 40 bytes and carries 3.
    expect(await closedAfter(new Uint8Array([0, 2, 40, 1, 2, 3]))).toEqual({
      code: 1007,
      reason: 'malformed message',
    });
    // A clock request with half a float64.
    expect(await closedAfter(new Uint8Array([110, 1, 2, 3, 4]))).toEqual({
      code: 1007,
      reason: 'malformed message',
    });
  });

  it('trailing bytes after a valid message', async () => {
    expect(await closedAfter(new Uint8Array([100, 1, 0xaa]))).toEqual({
      code: 1007,
      reason: 'trailing bytes after the message',
    });
  });

  it('an invalid Yjs update, which is neither relayed nor stored', async () => {
    const before = (await server.store.loadDoc(sid, 'space')).updates.length;
    const closed = await closedAfter(encodeUpdate(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
    expect(closed).toEqual({ code: 1007, reason: 'the update cannot be applied to the document' });
    await pair.a.saved();
    expect((await server.store.loadDoc(sid, 'space')).updates.length).toBe(before);
  });

  it('corrupted copies of a real update never break the room', async () => {
    const source = new Y.Doc();
    source.getArray('strokes').push([{ points: [1, 2, 3, 4], colour: '#c33' }]);
    source.getText('story').insert(0, 'once upon a time');
    const update = Y.encodeStateAsUpdate(source);
    const next = random(99);
    for (let i = 0; i < 30; i++) {
      const corrupt = update.slice();
      for (let flips = 0; flips < 3; flips++)
        corrupt[Math.floor(next() * corrupt.length)] = Math.floor(next() * 256);
      const bad = await RawClient.open(server, sid, 'space', clientToken);
      await bad.whenSynced();
      bad.send(encodeUpdate(corrupt));
      // Either refused as malformed, or accepted as a (strange but valid) update.
      bad.send(new Uint8Array([100, 1]));
      await until(() => bad.closed !== null || bad.saveEchoes.has(1), `corruption ${i} answered`);
      if (bad.closed)
        expect(bad.closed).toEqual({ code: 1007, reason: 'the update cannot be applied to the document' });
      bad.close();
    }
    // Whatever was kept, a newcomer can still load the room.
    const late = await RawClient.open(server, sid, 'space', clientToken);
    await late.whenSynced();
    expect(late.doc.getArray('from-a').length).toBeGreaterThan(0);
    late.close();
  });

  it('a text frame', async () => {
    expect(await closedAfter('{"type":"sync"}')).toEqual({
      code: 1007,
      reason: 'text frames are not part of the protocol',
    });
  });

  it('a frame with a reserved bit set', async () => {
    // RSV1 means compression, which this server never agrees to; RSV2 and RSV3 mean nothing.
    for (const rsv of [0x40, 0x20, 0x10]) {
      const raw = await RawSocket.open(server, `/sync/${sid}/space?token=${clientToken}`);
      raw.sendFrame(0x80 | rsv | 0x2, new Uint8Array([100, 1]));
      await until(() => raw.closeFrame() !== null, 'a close frame');
      expect(raw.closeFrame()!.code).toBe(1002);
      await until(() => raw.ended, 'the socket to end');
    }
  });

  it('broken framing: a reserved opcode, an unmasked frame, a text frame that is not UTF-8', async () => {
    // `ws` closes these with the code RFC 6455 gives and no reason; the server logs why.
    const cases: Array<[number, Uint8Array, boolean, number]> = [
      [0x80 | 0x3, new Uint8Array([100, 1]), true, 1002],
      [0x80 | 0x2, new Uint8Array([100, 1]), false, 1002],
      [0x80 | 0x1, new Uint8Array([0xff, 0xfe, 0xfd]), true, 1007],
    ];
    for (const [first, payload, masked, code] of cases) {
      const raw = await RawSocket.open(server, `/sync/${sid}/space?token=${clientToken}`);
      raw.sendFrame(first, payload, masked);
      await until(() => raw.closeFrame() !== null, 'a close frame');
      expect(raw.closeFrame()!.code).toBe(code);
      raw.destroy();
    }
  });

  it('a frame over the size limit', async () => {
    const closed = await closedAfter(encodeUpdate(new Uint8Array(MAX_FRAME + 1)));
    expect(closed.code).toBe(1009);
  });

  it('unknown message types', async () => {
    expect(await closedAfter(new Uint8Array([77]))).toEqual({
      code: 1007,
      reason: 'unknown message type 77',
    });
    expect(await closedAfter(new Uint8Array([0xc8, 0x01, 5]))).toEqual({
      code: 1007,
      reason: 'unknown message type 200',
    });
    expect(await closedAfter(new Uint8Array([0, 9, 0]))).toEqual({
      code: 1007,
      reason: 'unknown sync message 9',
    });
  });

  it('a flood of messages', async () => {
    const bad = await RawClient.open(server, sid, 'space', clientToken);
    await bad.whenSynced();
    // 200 a second are allowed, with bursts of up to 400.
    for (let i = 0; i < 1000; i++) bad.send(new Uint8Array([100, 1]));
    expect(await bad.whenClosed).toEqual({ code: 1008, reason: 'too many messages' });
  });
});

describe('a flood of connections and rooms from one address', () => {
  const LIMIT = 20;
  let server: TestServer;
  let pair: Pair;
  let secret: string;
  const flooder = { 'x-forwarded-for': '203.0.113.7' };

  beforeAll(async () => {
    server = await startServer({ trustProxy: true, limits: { connectionsPerIpPerMinute: LIMIT } });
    secret = server.secret;
    const { sid, therapistToken } = await server.createSession();
    pair = await Pair.join(server, sid, therapistToken, await server.invite(sid, therapistToken, 'client'), {
      'x-forwarded-for': '198.51.100.1',
    });
  });
  afterAll(async () => {
    pair.close();
    await server.dispose();
  });

  it('is refused with 429 at the upgrade while everyone else carries on', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = (sid: string): string =>
      signToken({ sid, role: 'therapist', sub: 't_flood', name: 'F', exp }, secret);
    const opened: RawClient[] = [];
    const refused: number[] = [];
    // Each connection asks for a room of its own, as a room flood would.
    for (let i = 0; i < LIMIT + 15; i++) {
      const sid = randomSid();
      try {
        opened.push(await RawClient.open(server, sid, 'space', token(sid), { headers: flooder }));
      } catch (error) {
        if (!(error instanceof UpgradeRefused)) throw error;
        expect(error.body.error?.code).toBe('too-many-connections');
        expect(error.body.error?.message).toMatch(/too many/i);
        refused.push(error.status);
      }
    }
    expect(opened.length).toBe(LIMIT);
    expect(refused).toEqual(Array(15).fill(429));
    // Only the admitted connections got rooms: 20 plus the pair's, each space room with its control room.
    expect(server.rooms.rooms.size).toBe(2 * (LIMIT + 1));
    await pair.stillSyncs();

    // Another address still gets in.
    const other = randomSid();
    const newcomer = await RawClient.open(server, other, 'space', token(other), {
      headers: { 'x-forwarded-for': '192.0.2.44' },
    });
    await newcomer.whenSynced();
    newcomer.close();
    for (const client of opened) client.close();
    await pair.stillSyncs();
  });
});
