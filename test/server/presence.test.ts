/**
 * Presence vouched for by the server, driven from each role's own token: an
 * entry shows its connection's identity whatever the page wrote, a client id
 * stays with the person who first published it, facilitator-only fields come
 * only from facilitators, and one connection's presence is bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceState, Session } from '@attune/session';
import { MESSAGE } from '@attune/session/protocol';
import { RawClient, claimsOf } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { nodeSession, startServer, until } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.dispose();
});

/** One awareness message with the given entries, as a page would send it. */
function awarenessFrame(entries: Array<[clientId: number, clock: number, state: unknown]>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, typeof state === 'string' ? state : JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** Bytes of the awareness frames `client` received from index `from` on. */
function awarenessBytes(client: RawClient, from = 0): number {
  return client.frames
    .slice(from)
    .filter((f) => f[0] === MESSAGE.awareness)
    .reduce((sum, f) => sum + f.byteLength, 0);
}

/** The last state each client id had in the awareness frames `client` received. */
function presenceOf(client: RawClient): Map<number, Record<string, unknown> | null> {
  const seen = new Map<number, Record<string, unknown> | null>();
  for (const frame of client.frames) {
    if (frame[0] !== MESSAGE.awareness) continue;
    const decoder = decoding.createDecoder(
      decoding.readVarUint8Array(decoding.createDecoder(frame.subarray(1))),
    );
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      seen.set(id, JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null);
    }
  }
  return seen;
}

function users(session: Session): PresenceState['user'][] {
  return [...session.awareness.getStates().values()].map((s) => (s as PresenceState).user);
}

const sub = (token: string): string => String(claimsOf(token).sub);

async function meeting() {
  const { sid, therapistToken } = await server.createSession();
  const observerToken = await server.invite(sid, therapistToken, 'observer', 'Olive');
  const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
  return { sid, therapistToken, observerToken, clientToken };
}

describe('presence from the token', () => {
  it('shows an observer who claims to be the therapist as the observer it is', async () => {
    const { sid, therapistToken, observerToken, clientToken } = await meeting();
    const therapist = nodeSession(server, sid, therapistToken);
    const client = nodeSession(server, sid, clientToken);
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    await until(() => users(client).length === 2, 'the therapist and the client to see each other');

    const observer = await RawClient.open(server, sid, 'space', observerToken);
    await observer.whenSynced();
    const forgedId = 0x7a11;
    observer.send(
      awarenessFrame([
        [
          forgedId,
          1,
          { user: { name: 'Dr Real', role: 'therapist', id: sub(therapistToken) }, propsKeeper: true },
        ],
      ]),
    );
    await until(() => client.awareness.getStates().has(forgedId), 'the observer’s presence');
    await until(() => therapist.awareness.getStates().has(forgedId), 'the observer’s presence');

    for (const session of [client, therapist]) {
      const forged = session.awareness.getStates().get(forgedId) as Record<string, unknown>;
      expect(forged['user']).toMatchObject({ id: sub(observerToken), role: 'observer', name: 'Olive' });
      expect(forged['propsKeeper']).toBeUndefined();
      expect(users(session).filter((u) => u.role === 'therapist')).toHaveLength(1);
      expect(users(session).filter((u) => u.name === 'Dr Real')).toHaveLength(0);
    }
    // A page that publishes what its token says is relayed as it is.
    expect(users(client).find((u) => u.role === 'therapist')?.id).toBe(sub(therapistToken));
    observer.close();
    therapist.destroy();
    client.destroy();
  });

  it('keeps the therapist’s client id theirs: a forged entry does not outlive their reconnect', async () => {
    const { sid, therapistToken, observerToken, clientToken } = await meeting();
    const therapist = nodeSession(server, sid, therapistToken);
    await therapist.whenSynced();
    const therapistId = therapist.docs.space.clientID;
    const therapistName = therapist.user.name;
    const observer = await RawClient.open(server, sid, 'space', observerToken);
    await observer.whenSynced();
    await until(() => presenceOf(observer).get(therapistId) != null, 'the therapist’s presence');

    // While the therapist is away (their socket closed), the observer takes their client id.
    const seenGone = observer.frames.length;
    therapist.provider('space')!.disconnect();
    await until(
      () => observer.frames.length > seenGone && presenceOf(observer).get(therapistId) === null,
      'the therapist to leave',
    );
    const forged = { user: { name: 'Dr Fake', role: 'therapist', id: sub(therapistToken) } };
    observer.send(awarenessFrame([[therapistId, 999, forged]]));
    await observer.saved();

    therapist.provider('space')!.connect();
    await therapist.whenSynced();
    // A newcomer sees the real therapist under that client id, and no one else there.
    const newcomer = nodeSession(server, sid, clientToken);
    await newcomer.whenSynced();
    await until(() => newcomer.awareness.getStates().has(therapistId), 'the therapist’s presence');
    const state = newcomer.awareness.getStates().get(therapistId) as PresenceState;
    expect(state.user).toMatchObject({ id: sub(therapistToken), role: 'therapist', name: therapistName });
    expect(users(newcomer).filter((u) => u.name === 'Dr Fake')).toHaveLength(0);
    // Refused without a word (pages echo others' presence all the time), and counted.
    expect(observer.denied.filter((reason) => reason.startsWith('presence refused'))).toEqual([]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/attune_awareness_refused_total\{reason="client-id"\} [1-9]/);
    observer.close();
    therapist.destroy();
    newcomer.destroy();
  });

  it('lets the same person take their client id back from an older connection of theirs', async () => {
    const { sid, therapistToken, clientToken } = await meeting();
    const first = await RawClient.open(server, sid, 'space', clientToken);
    const second = await RawClient.open(server, sid, 'space', clientToken);
    const watcher = await RawClient.open(server, sid, 'space', therapistToken);
    await Promise.all([first.whenSynced(), second.whenSynced(), watcher.whenSynced()]);
    first.send(awarenessFrame([[4242, 1, { user: { name: 'Sam' }, cursor: 1 }]]));
    await until(() => presenceOf(watcher).get(4242)?.['cursor'] === 1, 'the first presence');
    // The page reconnected before its old socket was closed: the new socket publishes the same id.
    second.send(awarenessFrame([[4242, 2, { user: { name: 'Sam' }, cursor: 2 }]]));
    await until(() => presenceOf(watcher).get(4242)?.['cursor'] === 2, 'the second presence');
    first.close();
    await first.whenClosed;
    await second.saved();
    // The old socket's departure does not take the entry away from the new one.
    expect(presenceOf(watcher).get(4242)?.['cursor']).toBe(2);
    second.close();
    watcher.close();
  });
});

describe('presence limits', () => {
  it('bounds what one connection keeps, what a newcomer receives and what a query returns', async () => {
    const { sid, therapistToken, observerToken } = await meeting();
    const therapist = await RawClient.open(server, sid, 'space', therapistToken);
    await therapist.whenSynced();
    const observer = await RawClient.open(server, sid, 'space', observerToken);
    await observer.whenSynced();
    const padding = 'x'.repeat(15_900);
    const before = awarenessBytes(therapist);
    // 8 messages of 64 entries of about 16 KB: 8 MB if it were all kept.
    for (let m = 0; m < 8; m++) {
      const entries: Array<[number, number, unknown]> = [];
      for (let i = 0; i < 64; i++) entries.push([10_000 + m * 64 + i, 1, { user: {}, padding }]);
      observer.send(awarenessFrame(entries));
    }
    await observer.saved(30_000);
    expect(observer.closed).toBeNull();
    expect(observer.denied.some((r) => r.includes('too many presence entries'))).toBe(true);
    // Relayed to others: at most one connection's worth.
    expect(awarenessBytes(therapist) - before).toBeLessThan(70_000);

    const newcomer = await RawClient.open(server, sid, 'space', therapistToken);
    await newcomer.whenSynced();
    await newcomer.saved();
    const greeting = awarenessBytes(newcomer);
    expect(greeting).toBeGreaterThan(30_000);
    expect(greeting).toBeLessThan(70_000);

    // A one-byte query is answered once, bounded; straight away again, refused.
    const seen = newcomer.frames.length;
    newcomer.send(Uint8Array.of(MESSAGE.queryAwareness));
    newcomer.send(Uint8Array.of(MESSAGE.queryAwareness));
    await newcomer.saved();
    expect(awarenessBytes(newcomer, seen)).toBeLessThan(70_000);
    expect(awarenessBytes(newcomer, seen)).toBeGreaterThan(30_000);
    expect(newcomer.denied.some((r) => r.includes('presence query refused'))).toBe(true);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/attune_awareness_refused_total\{reason="entries"\} [1-9]/);
    expect(metrics).toMatch(/attune_awareness_refused_total\{reason="query-rate"\} [1-9]/);
    for (const c of [therapist, observer, newcomer]) c.close();
  });

  it('caps the room, yet an ordinary presence still gets in', async () => {
    const small = await startServer({ limits: { maxAwarenessBytesPerRoom: 100_000 } });
    try {
      const { sid, therapistToken } = await small.createSession();
      const observerToken = await small.invite(sid, therapistToken, 'observer', 'Olive');
      const clientToken = await small.invite(sid, therapistToken, 'client', 'Sam');
      const floods = await Promise.all(
        [0, 1, 2].map(() => RawClient.open(small, sid, 'space', observerToken)),
      );
      const padding = 'x'.repeat(15_900);
      for (const [n, flood] of floods.entries()) {
        await flood.whenSynced();
        const entries: Array<[number, number, unknown]> = [];
        for (let i = 0; i < 4; i++) entries.push([20_000 + n * 4 + i, 1, { user: {}, padding }]);
        flood.send(awarenessFrame(entries));
        await flood.saved();
      }
      expect(floods[2]!.denied.some((r) => r.includes('room’s presence is full'))).toBe(true);

      const client = nodeSession(small, sid, clientToken);
      const watcher = nodeSession(small, sid, therapistToken);
      await Promise.all([client.whenSynced(), watcher.whenSynced()]);
      await until(() => users(watcher).some((u) => u.name === 'Sam'), 'the client’s presence');
      client.destroy();
      watcher.destroy();
      for (const flood of floods) flood.close();
    } finally {
      await small.dispose();
    }
  });
});

describe('choosing one’s own name', () => {
  it('gives a new token with the name (same person, role and expiry) that presence then shows', async () => {
    const { sid, therapistToken } = await server.createSession();
    const token = await server.invite(sid, therapistToken, 'client', 'Kai');
    const rename = (name: unknown, bearer = token): Promise<Response> =>
      fetch(`${server.url}/api/sessions/${sid}/me/name`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
    const res = await rename('Kai R');
    expect(res.status).toBe(200);
    const renamed = ((await res.json()) as { token: string }).token;
    const before = claimsOf(token);
    const after = claimsOf(renamed);
    expect(after).toMatchObject({ sid, role: 'client', sub: before.sub, name: 'Kai R', exp: before.exp });

    const therapist = await RawClient.open(server, sid, 'space', therapistToken);
    await therapist.whenSynced();
    const client = await RawClient.open(server, sid, 'space', renamed);
    await client.whenSynced();
    client.send(
      awarenessFrame([[client.doc.clientID, 1, { user: { name: 'Someone else', role: 'client' } }]]),
    );
    await until(() => presenceOf(therapist).has(client.doc.clientID), 'the client’s presence');
    expect(presenceOf(therapist).get(client.doc.clientID)).toMatchObject({
      user: { name: 'Kai R', role: 'client', id: before.sub },
    });

    // A blank or overlong name is refused; a bad token gets nothing.
    expect((await rename('   ')).status).toBe(400);
    expect((await rename('x'.repeat(500))).status).toBe(400);
    expect((await rename('Kai', `${token}x`)).status).toBe(401);
    client.close();
    therapist.close();
  });
});
