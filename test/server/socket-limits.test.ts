/**
 * What one peer can make the server hold or keep at the WebSocket level, from
 * a valid token, over a raw TCP socket: fragments that never end a message,
 * pings it never reads the answers to, silence, a frame trickled in a byte at
 * a time. Each is bounded, and a real client that idles is kept.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, RawSocket } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { startServer, until } from '../support/server.js';

const FIN = 0x80;
const BINARY = 0x2;
const IDLE_MS = 600;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The server's JS heap after a full collection, in MB (the server runs in this process). */
function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Writes `bytes` in 64 KB pieces, waiting for the socket to take each, until it is done or closed. */
async function pour(raw: RawSocket, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.byteLength && !raw.ended; at += 65_536) {
    if (!raw.socket.write(bytes.subarray(at, at + 65_536))) {
      await Promise.race([
        new Promise((resolve) => raw.socket.once('drain', resolve)),
        until(() => raw.ended, 'the socket to close', 30_000),
      ]);
    }
  }
}

describe('limits at the WebSocket level', () => {
  let server: TestServer;
  let path: string;
  let sid: string;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ limits: { idleTimeoutMs: IDLE_MS } });
    ({ sid, therapistToken: token } = await server.createSession());
    path = `/sync/${sid}/space?token=${token}`;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a flood of empty continuation frames is closed with 1008, and the heap hardly grows', async () => {
    const raw = await RawSocket.open(server, path);
    const before = heapMb();
    // One message begun and never finished, then a million empty continuations (6 bytes each).
    const empty = RawSocket.frame(0x0, new Uint8Array(0));
    const flood = Buffer.concat([
      RawSocket.frame(BINARY, new Uint8Array([100])),
      ...Array(1_000_000).fill(empty),
    ]);
    await pour(raw, flood);
    await until(() => raw.closeFrame() !== null || raw.ended, 'the server to close the connection', 30_000);
    expect(raw.closeFrame()?.code).toBe(1008);
    await until(() => raw.ended, 'the connection to end');
    const grown = heapMb() - before;
    expect(grown, `heap grew by ${grown.toFixed(1)} MB`).toBeLessThan(10);
  });

  it('pings whose pongs are never read do not queue without bound', async () => {
    const raw = await RawSocket.open(server, path);
    await until(() => server.stats.connections > 0, 'the connection to be counted');
    raw.socket.pause(); // reads nothing from now on
    const conn = [...server.rooms.rooms.values()].flatMap((room) => [...room.conns]).at(-1)!;
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, conn.socket.bufferedAmount)), 5);
    try {
      // 300,000 pings of 125 bytes: 38 MB of pongs if every one were answered and queued.
      const ping = RawSocket.frame(FIN | 0x9, new Uint8Array(125).fill(7));
      for (let sent = 0; sent < 300_000 && !raw.ended; sent += 5_000) {
        await pour(raw, Buffer.concat(Array<Buffer>(5_000).fill(ping)));
        most = Math.max(most, conn.socket.bufferedAmount);
      }
      most = Math.max(most, conn.socket.bufferedAmount);
    } finally {
      clearInterval(watch);
    }
    const limit = server.limits.maxOutboundBytes;
    expect(most, `${(most / 2 ** 20).toFixed(1)} MB queued`).toBeLessThanOrEqual(limit + 65_536);
    raw.destroy();
  });

  it('a socket that says nothing after the upgrade is closed within the idle timeout', async () => {
    const raw = await RawSocket.open(server, path);
    const opened = performance.now();
    // A raw socket answers none of the server's pings.
    await until(() => raw.ended, 'the silent socket to be closed', IDLE_MS * 4);
    expect(performance.now() - opened).toBeLessThan(IDLE_MS + 250);
  });

  it('a frame trickled in a byte at a time is closed within the idle timeout', async () => {
    const raw = await RawSocket.open(server, path);
    raw.socket.setNoDelay(true);
    const frame = RawSocket.frame(FIN | BINARY, new Uint8Array(100).fill(1));
    const started = performance.now();
    const trickle = setInterval(() => {
      const at = Math.floor((performance.now() - started) / 50);
      if (!raw.ended && at < frame.byteLength) raw.socket.write(frame.subarray(at, at + 1));
    }, 50);
    try {
      await until(() => raw.ended, 'the trickling socket to be closed', IDLE_MS * 4);
    } finally {
      clearInterval(trickle);
    }
    // The frame would take 5.3 s at this pace.
    expect(performance.now() - started).toBeLessThan(IDLE_MS + 250);
  });

  it('a client that answers pings is kept, however long it says nothing', async () => {
    const client = await RawClient.open(server, sid, 'space', token);
    await client.whenSynced();
    const quiet = performance.now();
    // Three idle timeouts without sending a message; `ws` answers the server's pings, as browsers do.
    await until(() => performance.now() - quiet > IDLE_MS * 3 || client.closed !== null, 'three timeouts');
    expect(client.closed).toBeNull();
    await client.saved();
    client.close();
  });
});
