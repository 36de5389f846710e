/**
 * The shared clock converges through a delaying, jittery path: server and
 * client share this machine's clock, so the true offset is zero and any
 * offset the estimate reports is its error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Session } from '@attune/session';
import { startDelayProxy } from './music-support/delay-proxy.js';
import type { DelayProxy } from './music-support/delay-proxy.js';
import { startNodeServer } from './music-support/node-server.js';
import type { NodeTestServer } from './music-support/node-server.js';

let server: NodeTestServer;
let proxy: DelayProxy;

beforeAll(async () => {
  server = await startNodeServer();
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  proxy = await startDelayProxy({ host: '127.0.0.1', port: server.port }, 20, 10, random);
});

afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

describe('shared clock through a 40 ms round trip with ±10 ms jitter', () => {
  it('converges to the server clock well inside the one-way delay, and reports the round trip', async () => {
    const session = await server.createSession();
    const client = new Session({
      server: `ws://127.0.0.1:${proxy.port}/sync`,
      sid: session.sid,
      token: await session.invite('client', 'Clock'),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      clockInterval: 50,
    });
    try {
      await client.whenSynced();
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (client.clock.sampleCount >= 16) {
            client.off('clock', check);
            resolve();
          }
        };
        client.on('clock', check);
      });
      // Taking the server time as is would be 20 ms off; half the round trip corrects it to within a few ms.
      expect(Math.abs(client.clock.offset)).toBeLessThanOrEqual(8);
      expect(client.clock.rtt).toBeGreaterThanOrEqual(25);
      expect(client.clock.rtt).toBeLessThanOrEqual(65);
      expect(Math.abs(client.clock.now() - Date.now())).toBeLessThanOrEqual(10);
    } finally {
      client.destroy();
    }
  });
});
