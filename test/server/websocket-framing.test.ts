/**
 * The server's WebSocket framing (`ws`, behind packages/session-server/src/ws-socket.ts),
 * spoken to over a raw TCP socket. What browsers and other clients may legally
 * send must arrive: messages in fragments, pings between them, frames split
 * across packets or packed into one, the closing handshake. What they may not
 * send closes only their own connection, with the code RFC 6455 gives. (`ws`
 * sends no reason with the close frames it sends for broken framing; the
 * server logs why.)
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBroadcast } from '@attune/session/protocol';
import { RawClient, RawSocket } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { seeded } from '../support/seeded.js';
import { startServer, until } from '../support/server.js';

const MAX_FRAME = 64 * 1024;
const FIN = 0x80;
const BINARY = 0x2;

/** A save check (message 100) with a small number: the server echoes it once it is durable. */
const saveCheck = (n: number): Uint8Array => new Uint8Array([100, n]);

function saveEchoes(raw: RawSocket): number[] {
  return raw.frames.filter((f) => f.opcode === BINARY && f.payload[0] === 100).map((f) => f.payload[1]!);
}

describe('WebSocket framing', () => {
  let server: TestServer;
  let path: string;

  beforeAll(async () => {
    server = await startServer({ limits: { maxFrameBytes: MAX_FRAME } });
    const { sid, therapistToken } = await server.createSession();
    path = `/sync/${sid}/space?token=${therapistToken}`;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a message sent in fragments, with a ping between them, arrives whole', async () => {
    const raw = await RawSocket.open(server, path);
    raw.sendFrame(BINARY, new Uint8Array([100])); // no FIN: more to come
    raw.sendFrame(FIN | 0x9, Buffer.from('still there?'));
    raw.sendFrame(FIN | 0x0, new Uint8Array([7]));
    await until(() => saveEchoes(raw).length > 0, 'the save check echoed');
    expect(saveEchoes(raw)).toEqual([7]);
    const pong = raw.frames.find((f) => f.opcode === 0xa);
    expect(pong?.payload.toString()).toBe('still there?');
    expect(raw.closeFrame()).toBeNull();
    raw.destroy();
  });

  it('frames split across packets, and frames packed into one, are all read in order', async () => {
    const raw = await RawSocket.open(server, path);
    raw.socket.setNoDelay(true);
    const split = Buffer.concat([1, 2, 3].map((n) => RawSocket.frame(FIN | BINARY, saveCheck(n))));
    for (const byte of split) {
      raw.socket.write(Buffer.from([byte]));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    raw.socket.write(Buffer.concat([4, 5, 6].map((n) => RawSocket.frame(FIN | BINARY, saveCheck(n)))));
    await until(() => saveEchoes(raw).length === 6, 'six save checks echoed');
    expect(saveEchoes(raw)).toEqual([1, 2, 3, 4, 5, 6]);
    raw.destroy();
  });

  it('a long frame (16-bit length) that arrives in pieces is read whole', async () => {
    const raw = await RawSocket.open(server, path);
    const payload = new Uint8Array(40_000);
    payload.set(saveCheck(9));
    const frame = RawSocket.frame(FIN | BINARY, payload);
    raw.socket.write(frame.subarray(0, 3));
    await new Promise((resolve) => setTimeout(resolve, 5));
    raw.socket.write(frame.subarray(3, 20_000));
    await new Promise((resolve) => setTimeout(resolve, 5));
    raw.socket.write(frame.subarray(20_000));
    await until(() => raw.closeFrame() !== null, 'the answer to a padded save check');
    // The server read all 40,000 bytes as one message: it names what followed the check.
    expect(raw.closeFrame()).toEqual({ code: 1007, reason: 'trailing bytes after the message' });
  });

  it('the closing handshake: the server answers a close frame with its own and ends the connection', async () => {
    const raw = await RawSocket.open(server, path);
    const payload = Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('bye')]); // 1000
    raw.sendFrame(FIN | 0x8, payload);
    await until(() => raw.ended, 'the connection to end');
    expect(raw.closeFrame()?.code).toBe(1000);
  });

  it("a peer that ends its side of the TCP connection gets the server's end too", async () => {
    const raw = await RawSocket.open(server, path);
    raw.socket.end();
    await until(() => raw.ended, 'the connection to close on both sides');
  });

  it('a message over the limit in fragments is refused with 1009', async () => {
    const raw = await RawSocket.open(server, path);
    const piece = new Uint8Array(30_000);
    raw.sendFrame(BINARY, piece);
    raw.sendFrame(0x0, piece);
    raw.sendFrame(FIN | 0x0, piece);
    await until(() => raw.closeFrame() !== null, 'a close frame');
    expect(raw.closeFrame()?.code).toBe(1009);
    await until(() => raw.ended, 'the connection to end');
  });

  it('broken control frames and continuations close with 1002', async () => {
    const cases: Array<[number, Uint8Array, string]> = [
      [0x9, new Uint8Array([1]), 'a fragmented ping'],
      [FIN | 0x9, new Uint8Array(126), 'a control frame longer than 125 bytes'],
      [FIN | 0x0, new Uint8Array([1]), 'a continuation with nothing to continue'],
      [FIN | 0x8, new Uint8Array([0x03]), 'a close frame of 1 byte'],
      [FIN | 0x8, new Uint8Array([0x03, 0xe7]), 'close code 999'],
    ];
    for (const [first, payload, what] of cases) {
      const raw = await RawSocket.open(server, path);
      raw.sendFrame(first, payload);
      await until(() => raw.closeFrame() !== null, `a close frame for ${what}`);
      expect(raw.closeFrame()!.code, what).toBe(1002);
      await until(() => raw.ended, 'the connection to end');
    }
  });

  it('a handshake this server cannot speak is refused with the status that says why', async () => {
    const ask = async (headers: string): Promise<string> => {
      const socket = connect(server.port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`);
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      await once(socket, 'close');
      return answer;
    };
    const key = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\n';
    const oldVersion = await ask(`${upgrade}${key}Sec-WebSocket-Version: 8\r\n`);
    expect(oldVersion).toMatch(/^HTTP\/1.1 426 /);
    expect(oldVersion).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/);
    expect(await ask(`${upgrade}Sec-WebSocket-Key: short\r\nSec-WebSocket-Version: 13\r\n`)).toMatch(
      /^HTTP\/1.1 400 [^]*Sec-WebSocket-Key/,
    );
  });

  it('random messages in random fragments, with pings between them and cut at random points, arrive whole and in order', async () => {
    // The default frame limit (1 MiB), so that messages take all three length encodings.
    const roomy = await startServer();
    try {
      const { sid, therapistToken } = await roomy.createSession();
      for (const seed of [1, 2, 3]) {
        const random = seeded(seed);
        const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
        const sender = await RawSocket.open(roomy, `/sync/${sid}/space?token=${therapistToken}`);
        sender.socket.setNoDelay(true);
        const receiver = await RawClient.open(roomy, sid, 'space', therapistToken);
        await receiver.whenSynced();

        const sent: Uint8Array[] = [];
        const pings: string[] = [];
        const stream: Buffer[] = [];
        const ping = (label: string): void => {
          pings.push(label);
          stream.push(RawSocket.frame(FIN | 0x9, Buffer.from(label)));
        };
        for (let m = 0; m < 30; m++) {
          const kind = random();
          const size = kind < 0.5 ? int(0, 125) : kind < 0.85 ? int(126, 65_535) : int(65_536, 90_000);
          const payload = new Uint8Array(size).map(() => int(0, 255));
          const message = encodeBroadcast('fuzz', payload);
          sent.push(message);
          const cuts = Array.from({ length: int(0, 3) }, () => int(0, message.byteLength)).sort(
            (a, b) => a - b,
          );
          const bounds = [0, ...cuts, message.byteLength];
          for (let k = 0; k + 1 < bounds.length; k++) {
            const last = k + 2 === bounds.length;
            const opcode = k === 0 ? BINARY : 0x0;
            stream.push(
              RawSocket.frame((last ? FIN : 0) | opcode, message.subarray(bounds[k], bounds[k + 1])),
            );
            if (random() < 0.3) ping(`seed ${seed}, message ${m}, after fragment ${k}`);
          }
        }
        const bytes = Buffer.concat(stream);
        for (let at = 0; at < bytes.byteLength;) {
          const piece = random() < 0.3 ? int(1, 12) : int(13, 20_000);
          sender.socket.write(bytes.subarray(at, at + piece));
          at += piece;
          // Let some pieces reach the server on their own.
          if (random() < 0.5) await new Promise((resolve) => setImmediate(resolve));
        }

        const broadcasts = (): Uint8Array[] => receiver.frames.filter((f) => f[0] === 120);
        await until(
          () => broadcasts().length === sent.length || sender.ended || receiver.closed !== null,
          `seed ${seed}: every message`,
        );
        expect(sender.closeFrame(), `seed ${seed}: the sender was closed`).toBeNull();
        expect(broadcasts(), `seed ${seed}`).toEqual(sent);
        const pongs = (): string[] =>
          sender.frames.filter((f) => f.opcode === 0xa).map((f) => f.payload.toString());
        await until(() => pongs().length === pings.length, `seed ${seed}: every pong`);
        expect(pongs()).toEqual(pings);
        expect(sender.closeFrame()).toBeNull();
        expect(receiver.closed).toBeNull();
        sender.destroy();
        receiver.close();
      }
    } finally {
      await roomy.dispose();
    }
  });
});
