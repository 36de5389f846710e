/**
 * Rooms and connections over an in-memory socket pair instead of TCP: the
 * same token checks, relay, storage and closes as over `ws`, with no port.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE, encodeSaveCheck } from '@attune/session/protocol';
import type { MemorySocket } from '@attune/session-server';
import { HttpError, memorySocketPair } from '@attune/session-server';
import type { TestServer } from '../support/server.js';
import { startServer, until } from '../support/server.js';

const REMOTE = Symbol('remote');

/** A y-protocols client on the far end of a memory pair. */
class MemoryClient {
  readonly doc = new Y.Doc();
  readonly saveEchoes = new Set<number>();
  synced = false;
  gone = false;

  constructor(readonly socket: MemorySocket) {
    socket.listen({
      onPeerMessage: (data) => this.receive(data),
      onPeerError: () => {},
      onPeerClose: () => (this.gone = true),
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      syncProtocol.writeUpdate(encoder, update);
      socket.send(encoding.toUint8Array(encoder));
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    socket.send(encoding.toUint8Array(encoder));
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      if (syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE) === 1) this.synced = true;
      if (encoding.length(encoder) > 1) this.socket.send(encoding.toUint8Array(encoder));
    } else if (type === MESSAGE.saveCheck) this.saveEchoes.add(decoding.readVarUint(decoder));
  }
}

describe('rooms over an in-memory socket pair', () => {
  let server: TestServer;
  let sid: string;
  let therapistToken: string;

  beforeAll(async () => {
    server = await startServer();
    ({ sid, therapistToken } = await server.createSession());
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function join(token: string, scope = 'space'): Promise<MemoryClient> {
    const [serverEnd, clientEnd] = memorySocketPair();
    await server.connect(serverEnd, sid, scope, token);
    return new MemoryClient(clientEnd);
  }

  it('two participants converge, and what they wrote is stored', async () => {
    const clientToken = await server.invite(sid, therapistToken, 'client', 'Robin');
    const therapist = await join(therapistToken);
    const client = await join(clientToken);
    await until(() => therapist.synced && client.synced, 'both synced');
    therapist.doc.getArray<string>('strokes').push(['from the therapist']);
    client.doc.getArray<string>('strokes').push(['from the client']);
    await until(
      () => therapist.doc.getArray('strokes').length === 2 && client.doc.getArray('strokes').length === 2,
      'each to see the other',
    );
    expect(client.doc.getArray('strokes').toArray().sort()).toEqual([
      'from the client',
      'from the therapist',
    ]);
    client.socket.send(encodeSaveCheck(1));
    await until(() => client.saveEchoes.has(1), 'the save check');
    const stored = new Y.Doc();
    for (const update of (await server.store.loadDoc(sid, 'space')).updates) Y.applyUpdate(stored, update);
    expect(stored.getArray('strokes').length).toBe(2);
    therapist.socket.close(1000, '');
    client.socket.close(1000, '');
    await until(() => server.stats.connections === 0, 'both connections to be gone');
  });

  it('a text message closes only its sender, with the code and reason the protocol gives', async () => {
    const bad = await join(therapistToken);
    const good = await join(therapistToken);
    await until(() => bad.synced && good.synced, 'both synced');
    bad.socket.sendText('{"type":"sync"}');
    await until(() => bad.gone, 'the sender to be closed');
    expect(bad.socket.closed).toEqual({ code: 1007, reason: 'text frames are not part of the protocol' });
    expect(good.socket.closed).toBeNull();
    good.socket.close(1000, '');
  });

  it('the same token checks as an upgrade', async () => {
    const observerToken = await server.invite(sid, therapistToken, 'observer', 'Sam');
    const refused = (scope: string, token: string | null) =>
      join(token ?? '', scope).then(
        () => null,
        (error: unknown) => (error instanceof HttpError ? error.status : error),
      );
    expect(await refused('notes', observerToken)).toBe(403);
    expect(await refused('space', 'not-a-token')).toBe(401);
    expect(await refused('nowhere', therapistToken)).toBe(404);
  });
});
