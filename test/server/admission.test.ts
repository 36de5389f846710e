/**
 * The waiting room, enforced by the server: until a facilitator admits them,
 * a client gets nothing of `space` (document, others' presence, broadcasts)
 * and nothing they send there is kept; facilitators see them waiting. Raw
 * sockets, so nothing here depends on a page hiding anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Role, Scope } from '@attune/session/protocol';
import {
  CLOSE,
  CONTROL_MAP,
  FRAME,
  MESSAGE,
  SYNC,
  encodeBroadcast,
  encodeClockRequest,
} from '@attune/session/protocol';
import { RawClient, claimsOf } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { startServer, until } from '../support/server.js';

let server: TestServer;
const open: RawClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const client of open) client.close();
  await server.dispose();
});

interface Meeting {
  sid: string;
  therapistToken: string;
  token(role: Role): Promise<string>;
  connect(token: string, scope?: Scope): Promise<RawClient>;
  /** The therapist's `control` connection, synced. */
  control(): Promise<RawClient>;
}

async function meeting(waitingRoom?: boolean): Promise<Meeting> {
  const { sid, therapistToken } = await server.createSession(
    waitingRoom === undefined ? {} : { waitingRoom },
  );
  let control: RawClient | null = null;
  const m: Meeting = {
    sid,
    therapistToken,
    token: (role) => server.invite(sid, therapistToken, role, 'Sam'),
    async connect(token, scope = 'space') {
      const client = await RawClient.open(server, sid, scope, token);
      open.push(client);
      return client;
    },
    async control() {
      if (!control) {
        control = await m.connect(therapistToken, 'control');
        await control.whenSynced();
      }
      return control;
    },
  };
  return m;
}

/** Waits until the server has handled everything sent on `client` before, and answered. */
async function roundTrip(client: RawClient): Promise<void> {
  const t = Math.random() * 1e9;
  client.send(encodeClockRequest(t));
  await until(
    () =>
      client.frames.some((frame) => {
        if (frame[0] !== MESSAGE.clock) return false;
        return decoding.readFloat64(decoding.createDecoder(frame.subarray(1))) === t;
      }),
    'the clock answer',
  );
}

function frameTypes(client: RawClient): number[] {
  return client.frames.map((frame) => frame[0]!);
}

/** Client ids whose presence reached `client`. */
function presenceSeen(client: RawClient): Set<number> {
  const seen = new Set<number>();
  for (const frame of client.frames) {
    if (frame[0] !== MESSAGE.awareness) continue;
    const decoder = decoding.createDecoder(
      decoding.readVarUint8Array(decoding.createDecoder(frame.subarray(1))),
    );
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      if (decoding.readVarString(decoder) !== 'null') seen.add(id);
    }
  }
  return seen;
}

function announce(client: RawClient, name: string): number {
  const awareness = new Awareness(client.doc);
  awareness.setLocalState({ user: { name } });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [client.doc.clientID]));
  client.send(encoding.toUint8Array(encoder));
  awareness.destroy();
  return client.doc.clientID;
}

async function admit(m: Meeting, token: string, admitted = true): Promise<void> {
  const control = await m.control();
  const sub = String(claimsOf(token).sub);
  control.edit((doc) => {
    if (admitted) doc.getMap(CONTROL_MAP.admission).set(sub, true);
    else doc.getMap(CONTROL_MAP.admission).delete(sub);
  });
  await control.saved();
}

async function storedSpace(sid: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await server.store.loadDoc(sid, 'space')).updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('the waiting room', () => {
  it('is on for sessions created through the API unless asked otherwise', async () => {
    const m = await meeting();
    const control = await m.control();
    expect(control.doc.getMap(CONTROL_MAP.frame).get(FRAME.waitingRoom)).toBe(true);
    const open = await meeting(false);
    expect((await open.control()).doc.getMap(CONTROL_MAP.frame).get(FRAME.waitingRoom)).toBe(false);
  });

  it('gives a waiting client nothing of the shared space, and shows them only to facilitators', async () => {
    const m = await meeting();
    const therapist = await m.connect(m.therapistToken);
    await therapist.whenSynced();
    therapist.edit((doc) => doc.getArray('strokes').push(['the therapist drew this']));
    await therapist.saved();
    const admittedToken = await m.token('client');
    await admit(m, admittedToken);
    const admitted = await m.connect(admittedToken);
    await admitted.whenSynced();

    const waiting = await m.connect(await m.token('client'));
    const waitingId = announce(waiting, 'Waiting person');
    therapist.edit((doc) => doc.getArray('strokes').push(['drawn while they wait']));
    therapist.send(encodeBroadcast('canvas.live', new Uint8Array([1, 2, 3])));
    await therapist.saved();
    await roundTrip(waiting);
    await roundTrip(admitted);

    // Nothing of the space: no sync, no document, no others' presence, no broadcasts.
    expect(frameTypes(waiting).filter((t) => t !== MESSAGE.clock)).toEqual([]);
    expect(waiting.synced).toBe(false);
    expect(waiting.doc.getArray('strokes').length).toBe(0);
    // The therapist sees who is waiting; the client already in does not.
    await until(() => presenceSeen(therapist).has(waitingId), 'the therapist seeing the waiting client');
    expect(presenceSeen(admitted).has(waitingId)).toBe(false);
    expect(admitted.doc.getArray('strokes').toArray()).toEqual([
      'the therapist drew this',
      'drawn while they wait',
    ]);
  });

  it('keeps nothing a waiting client sends to the space', async () => {
    const m = await meeting();
    const therapist = await m.connect(m.therapistToken);
    await therapist.whenSynced();
    const waiting = await m.connect(await m.token('client'));
    waiting.edit((doc) => doc.getMap('board').set('scribble', 'before being let in'));
    waiting.send(encodeBroadcast('canvas.live', new Uint8Array([9])));
    await until(() => waiting.denied.length >= 2, 'both refusals');
    expect(waiting.denied[0]).toMatch(/waiting to be let in/);
    await roundTrip(therapist);
    const relayed = therapist.frames.filter(
      (f) => f[0] === MESSAGE.broadcast || (f[0] === MESSAGE.sync && f[1] === SYNC.update),
    );
    expect(relayed).toEqual([]);
    expect((await storedSpace(m.sid)).getMap('board').get('scribble')).toBeUndefined();
    expect(waiting.closed).toBeNull();
  });

  it('lets a client in when a facilitator admits them: they sync, and everyone sees them', async () => {
    const m = await meeting();
    const therapist = await m.connect(m.therapistToken);
    await therapist.whenSynced();
    therapist.edit((doc) => doc.getArray('strokes').push(['already here']));
    await therapist.saved();
    const otherToken = await m.token('caregiver');
    await admit(m, otherToken);
    const other = await m.connect(otherToken);
    await other.whenSynced();

    const token = await m.token('client');
    const client = await m.connect(token);
    const id = announce(client, 'Sam');
    await until(() => presenceSeen(therapist).has(id), 'the therapist seeing them wait');
    await admit(m, token);

    await client.whenSynced();
    expect(client.doc.getArray('strokes').toArray()).toEqual(['already here']);
    await until(() => presenceSeen(other).has(id), 'the caregiver seeing them once they are in');
    // From now on what they draw is kept and shared.
    client.edit((doc) => doc.getArray('strokes').push(['the client drew this']));
    await client.saved();
    await until(() => therapist.doc.getArray('strokes').length === 2, 'the therapist receiving it');
    expect((await storedSpace(m.sid)).getArray('strokes').toArray()).toEqual([
      'already here',
      'the client drew this',
    ]);
  });

  it('sends someone back to the waiting room: their space connection closes and they wait again', async () => {
    const m = await meeting();
    const token = await m.token('client');
    await admit(m, token);
    const client = await m.connect(token);
    await client.whenSynced();
    await admit(m, token, false);
    const closed = await client.whenClosed;
    expect(closed.code).toBe(CLOSE.waiting);
    expect(closed.reason).toMatch(/waiting room/);

    const again = await m.connect(token);
    await roundTrip(again);
    expect(again.synced).toBe(false);
    // Their control connection is not affected: they can see when they are let in.
    const control = await m.connect(token, 'control');
    await control.whenSynced();
  });

  it('lets everyone in at once when the waiting room is turned off', async () => {
    const m = await meeting();
    const client = await m.connect(await m.token('observer'));
    await roundTrip(client);
    expect(client.synced).toBe(false);
    const control = await m.control();
    control.edit((doc) => doc.getMap(CONTROL_MAP.frame).set(FRAME.waitingRoom, false));
    await client.whenSynced();
  });

  it('has no waiting room when the session was created without one', async () => {
    const m = await meeting(false);
    const client = await m.connect(await m.token('client'));
    await client.whenSynced();
    client.edit((doc) => doc.getArray('strokes').push(['straight in']));
    await client.saved();
    expect((await storedSpace(m.sid)).getArray('strokes').toArray()).toEqual(['straight in']);
  });
});
