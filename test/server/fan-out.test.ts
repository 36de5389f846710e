import { afterEach, describe, expect, it } from 'vitest';
import { encodeBroadcast } from '@attune/session/protocol';
import { RawClient } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { startServer, until } from '../support/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('fan-out', () => {
  it('delivers the same bytes to every receiver at every frame-length boundary', async () => {
    server = await startServer();
    const s = server;
    const { sid, therapistToken } = await s.createSession();
    const [sender, a, b] = await Promise.all(
      [0, 1, 2].map(() => RawClient.open(s, sid, 'space', therapistToken)),
    );
    await Promise.all([sender!.whenSynced(), a!.whenSynced(), b!.whenSynced()]);
    const isBroadcast = (f: Uint8Array): boolean => f[0] === 120;
    // Payload sizes around the 7-bit, 16-bit and 64-bit length encodings of a frame.
    const sizes = [0, 1, 100, 117, 118, 119, 125, 126, 1000, 65_520, 65_535, 65_536, 70_000, 300_000];
    const sent: Uint8Array[] = [];
    for (const [i, size] of sizes.entries()) {
      const payload = new Uint8Array(size).map((_, j) => (i * 31 + j) & 0xff);
      const frame = encodeBroadcast('fan-out', payload);
      sent.push(frame);
      sender!.send(frame);
    }
    for (const receiver of [a!, b!]) {
      await until(() => receiver.frames.filter(isBroadcast).length === sizes.length, 'every broadcast');
      expect(receiver.frames.filter(isBroadcast)).toEqual(sent);
      expect(receiver.closed).toBeNull();
    }
    expect(sender!.frames.filter(isBroadcast)).toHaveLength(0);
    for (const c of [sender!, a!, b!]) c.close();
  });
});
