/**
 * The server is the referee of integrity: what one participant's page sends
 * cannot wipe the session's work for everyone. Every attack is sent from a
 * real connection with that role's own token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE, CONTROL_MAP, DOC_META, FRAME, MESSAGE, SCHEMA_VERSION, SYNC } from '@attune/session/protocol';
import { DocState, HELD } from '@attune/session-server';
import { hostileUpdate } from '../support/hostile-updates.js';
import { RawClient, encodeUpdate } from '../support/raw-client.js';
import { seeded } from '../support/seeded.js';
import type { TestServer } from '../support/server.js';
import { startServer, until } from '../support/server.js';

/** The 21 bytes of the report: a sync update with one item whose origin is itself. */
const POISON_FRAME = new Uint8Array([
  0x00, 0x02, 0x12, 0x01, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x84, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00,
  0x01, 0x78, 0x00,
]);
const POISON = POISON_FRAME.subarray(3);
const REFUSED = 'the update cannot be applied to the document';
const THERAPIST_CLIENT = 1001;

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.dispose();
});

async function sessionWithWork(): Promise<{ sid: string; therapist: RawClient; therapistToken: string }> {
  const { sid, therapistToken } = await server.createSession();
  const therapist = await RawClient.open(server, sid, 'space', therapistToken);
  await therapist.whenSynced();
  // A fixed id, so that seeded updates that refer to the therapist's items are the same every run.
  therapist.doc.clientID = THERAPIST_CLIENT;
  therapist.edit((doc) => {
    doc.getArray('canvas.strokes').push([{ points: [1, 2, 3, 4], colour: '#c33' }]);
    doc.getText('story').insert(0, 'my safe place');
  });
  await therapist.saved();
  return { sid, therapist, therapistToken };
}

/** A participant invited by the therapist, connected to one scope and synced. */
async function invited(
  sid: string,
  therapistToken: string,
  role: 'client' | 'assistant',
  scope: 'space' | 'control' = 'space',
): Promise<RawClient> {
  const client = await RawClient.open(
    server,
    sid,
    scope,
    await server.invite(sid, therapistToken, role, role === 'client' ? 'Sam' : 'Ari'),
  );
  await client.whenSynced();
  return client;
}

function work(doc: Y.Doc): unknown {
  return { strokes: doc.getArray('canvas.strokes').toJSON(), story: doc.getText('story').toString() };
}

const EXPECTED_WORK = { strokes: [{ points: [1, 2, 3, 4], colour: '#c33' }], story: 'my safe place' };

/** A newcomer's whole first sync. */
async function newcomerSees(sid: string, token: string): Promise<unknown> {
  const newcomer = await RawClient.open(server, sid, 'space', token);
  await newcomer.whenSynced();
  const seen = work(newcomer.doc);
  newcomer.close();
  return seen;
}

async function storedRows(sid: string, scope: 'space' | 'control'): Promise<Uint8Array[]> {
  return (await server.store.loadDoc(sid, scope)).updates;
}

describe('an update that decodes but cannot be applied', () => {
  it('closes only its sender, reaches nobody, is not stored, and the work stays for everyone', async () => {
    const { sid, therapist, therapistToken } = await sessionWithWork();
    const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
    const client = await RawClient.open(server, sid, 'space', clientToken);
    await client.whenSynced();
    const framesBefore = therapist.frames.length;
    const rowsBefore = (await storedRows(sid, 'space')).length;

    client.send(POISON_FRAME);
    expect(await client.whenClosed).toEqual({ code: CLOSE.malformed, reason: REFUSED });

    // The therapist's page got nothing of it, and still has the work.
    await therapist.saved();
    expect(therapist.frames.length - framesBefore).toBeLessThanOrEqual(2); // presence of the leaver, the save echo
    expect(therapist.frames.some((f) => Buffer.from(f).includes(Buffer.from(POISON)))).toBe(false);
    expect(work(therapist.doc)).toEqual(EXPECTED_WORK);
    // Whoever joins or reconnects gets the whole work, not an empty document.
    expect(await newcomerSees(sid, clientToken)).toEqual(EXPECTED_WORK);
    expect((await storedRows(sid, 'space')).length).toBe(rowsBefore);
    therapist.close();
  });

  it('from an assistant to control, does not stop anyone from joining', async () => {
    const { sid, therapist, therapistToken } = await sessionWithWork();
    const assistant = await invited(sid, therapistToken, 'assistant', 'control');
    assistant.send(POISON_FRAME);
    expect((await assistant.whenClosed).reason).toBe(REFUSED);
    const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
    const control = await RawClient.open(server, sid, 'control', clientToken);
    await control.whenSynced();
    expect(await newcomerSees(sid, clientToken)).toEqual(EXPECTED_WORK);
    control.close();
    therapist.close();
  });

  it.each([16, 17, 18])(
    '120 hostile updates that decode (seed %i) never break the room or reach a page',
    async (seed) => {
      const { sid, therapist, therapistToken } = await sessionWithWork();
      const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
      const random = seeded(seed);
      let wouldBreakAPage = 0;
      let refused = 0;
      for (let sent = 0; sent < 120; sent++) {
        const bytes = hostileUpdate(random, therapist.doc, [THERAPIST_CLIENT]);
        expect(() => Y.decodeUpdate(bytes)).not.toThrow();
        // What a page that applied it would do.
        const page = new Y.Doc();
        Y.applyUpdate(page, Y.encodeStateAsUpdate(therapist.doc));
        try {
          Y.applyUpdate(page, bytes);
        } catch {
          wouldBreakAPage++;
        }
        const hostile = await RawClient.open(server, sid, 'space', clientToken);
        await hostile.whenSynced();
        hostile.send(encodeUpdate(bytes));
        // A sync request after it: its answer (or a close) says the server has dealt with the
        // update. A save check could wait for good: content that refers to what the room lacks
        // is kept back.
        const answers = (): number =>
          hostile.frames.filter((f) => f[0] === MESSAGE.sync && f[1] === 1).length;
        hostile.send(hostile.syncStep1());
        await until(() => hostile.closed !== null || answers() === 2, 'an answer to the hostile update');
        if (hostile.closed) refused++;
        hostile.close();
        // The room may be rebuilding from the store after one that changed it: wait for it.
        await until(() => server.rooms.rooms.get(`${sid}/space`)?.loaded === true, 'the room loaded');
      }
      // The therapist's page applied everything it was sent without throwing (a throw here fails
      // the test), and holds the same document as a newcomer, with the work in it.
      expect(wouldBreakAPage).toBeGreaterThan(10);
      expect(refused).toBeGreaterThanOrEqual(wouldBreakAPage);
      await therapist.saved();
      const newcomer = await RawClient.open(server, sid, 'space', clientToken);
      await newcomer.whenSynced();
      // Accepted ones may add to the page (they are valid edits); the therapist's work stays (the
      // generated deletions spare it, so a loss would be the server's).
      const holdsTheWork = (doc: Y.Doc): void => {
        expect(doc.getText('story').toString()).toContain('my safe place');
        expect(doc.getArray('canvas.strokes').toJSON()).toContainEqual(EXPECTED_WORK.strokes[0]);
      };
      expect(Y.encodeStateVector(newcomer.doc)).toEqual(Y.encodeStateVector(therapist.doc));
      expect(newcomer.doc.getText('story').toString()).toBe(therapist.doc.getText('story').toString());
      holdsTheWork(newcomer.doc);
      holdsTheWork(therapist.doc);
      // And a page that loads what is stored opens it.
      const stored = new DocState(await storedRows(sid, 'space'));
      expect(stored.dropped).toBe(0);
      holdsTheWork(stored.doc);
      newcomer.close();
      therapist.close();
    },
  );

  it('a page that reconnects with changes the server has not seen loses none of them', async () => {
    const { sid, therapist, therapistToken } = await sessionWithWork();
    const phone = await RawClient.open(
      server,
      sid,
      'space',
      await server.invite(sid, therapistToken, 'client', 'Sam'),
      { sync: false },
    );
    // Drawn while the network was away: the server has never seen it.
    Y.applyUpdate(phone.doc, Y.encodeStateAsUpdate(therapist.doc));
    phone.doc.getText('story').insert(0, 'offline: ');
    // The next edit goes out as soon as the socket opens, before the page's sync step 2, and
    // refers to the offline one.
    phone.edit((doc) => doc.getText('story').insert(9, 'still me, '));
    // Then its sync step 2, with everything it has.
    phone.send(encodeUpdate(Y.encodeStateAsUpdate(phone.doc), SYNC.step2));
    phone.send(phone.syncStep1());
    await phone.whenSynced();
    await phone.saved();
    await until(
      () => therapist.doc.getText('story').toString() === 'offline: still me, my safe place',
      'both edits at the therapist',
    );
    expect(phone.closed).toBeNull();
    const stored = new DocState(await storedRows(sid, 'space'));
    expect(stored.doc.getText('story').toString()).toBe('offline: still me, my safe place');
    phone.close();
    therapist.close();
  });

  it('a client write to the record only the server keeps is refused', async () => {
    const { sid, therapist, therapistToken } = await sessionWithWork();
    const client = await invited(sid, therapistToken, 'client');
    expect(client.doc.getMap(DOC_META.map).get(DOC_META.schemaVersion)).toBe(SCHEMA_VERSION);
    client.edit((doc) => doc.getMap(DOC_META.map).set(DOC_META.schemaVersion, 999));
    expect((await client.whenClosed).code).toBe(CLOSE.malformed);
    await until(() => server.rooms.rooms.get(`${sid}/space`)?.loaded === true, 'the room rebuilt');
    expect(await newcomerSees(sid, therapistToken)).toEqual(EXPECTED_WORK);
    const stored = new DocState(await storedRows(sid, 'space'));
    expect(stored.doc.getMap(DOC_META.map).get(DOC_META.schemaVersion)).toBe(SCHEMA_VERSION);
    therapist.close();
  });
});

async function leaveAndUnload(sid: string, ...clients: RawClient[]): Promise<void> {
  for (const c of clients) c.close();
  await until(
    () => ![...server.rooms.rooms.keys()].some((name) => name.startsWith(sid)),
    'the rooms unloaded',
  );
}

describe('a session stored with a poisoned update', () => {
  it('opens with its work, without the poison, and is stored again without it', async () => {
    const { sid, therapist, therapistToken } = await sessionWithWork();
    await leaveAndUnload(sid, therapist);
    // As a server that only decoded updates would have stored it.
    await server.store.write({ updates: [{ sid, scope: 'space', data: POISON }], events: [], audit: [] });

    expect(await newcomerSees(sid, therapistToken)).toEqual(EXPECTED_WORK);
    await until(() => !server.rooms.rooms.has(`${sid}/space`), 'the room unloaded');
    const rows = await storedRows(sid, 'space');
    expect(rows.some((row) => Buffer.from(row).equals(Buffer.from(POISON)))).toBe(false);
    expect(new DocState(rows).dropped).toBe(0);
  });

  it('continued into next week, opens with the work and without the poison', async () => {
    const { sid, therapist, therapistToken } = await sessionWithWork();
    await leaveAndUnload(sid, therapist);
    await server.store.write({ updates: [{ sid, scope: 'space', data: POISON }], events: [], audit: [] });
    const res = await fetch(`${server.url}/api/sessions/${sid}/continue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${therapistToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(201);
    const next = (await res.json()) as { sid: string; therapistToken: string };
    expect(await newcomerSees(next.sid, next.therapistToken)).toEqual(EXPECTED_WORK);
  });
});

describe('versioned documents', () => {
  it('a document stored before versions were recorded is migrated and keeps its work', async () => {
    const { sid, therapistToken } = await server.createSession();
    const old = new Y.Doc();
    old.getText('story').insert(0, 'my safe place');
    old.getArray('canvas.strokes').push([{ points: [1, 2, 3, 4], colour: '#c33' }]);
    await server.store.write({
      updates: [{ sid, scope: 'space', data: Y.encodeStateAsUpdate(old) }],
      events: [],
      audit: [],
    });
    const before = new DocState(await storedRows(sid, 'space'));
    expect(before.doc.getMap(DOC_META.map).has(DOC_META.schemaVersion)).toBe(false);
    const client = await RawClient.open(server, sid, 'space', therapistToken);
    await client.whenSynced();
    expect(work(client.doc)).toEqual(EXPECTED_WORK);
    await client.saved();
    const after = new DocState(await storedRows(sid, 'space'));
    expect(after.doc.getMap(DOC_META.map).get(DOC_META.schemaVersion)).toBe(SCHEMA_VERSION);
    client.close();
  });

  it('a document from a newer server is refused with a clear reason, and left as it was', async () => {
    const { sid, therapistToken } = await server.createSession();
    const newer = new Y.Doc();
    newer.getMap(DOC_META.map).set(DOC_META.schemaVersion, SCHEMA_VERSION + 1);
    newer.getText('story').insert(0, 'written by a newer Attune');
    const row = Y.encodeStateAsUpdate(newer);
    await server.store.write({ updates: [{ sid, scope: 'space', data: row }], events: [], audit: [] });
    const client = await RawClient.open(server, sid, 'space', therapistToken);
    expect(await client.whenClosed).toEqual({
      code: CLOSE.newerSchema,
      reason: 'this session was saved by a newer version of Attune',
    });
    expect(await storedRows(sid, 'space')).toEqual([row]);
  });
});

describe('the hold, enforced by the server', () => {
  function broadcast(channel: string, payload: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.broadcast);
    encoding.writeVarString(encoder, channel);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
  }

  it('keeps a client’s writes back and drops its broadcasts while held, and applies them on release', async () => {
    const { sid, therapist, therapistToken } = await sessionWithWork();
    const control = await RawClient.open(server, sid, 'control', therapistToken);
    await control.whenSynced();
    const client = await invited(sid, therapistToken, 'client');

    control.edit((doc) => doc.getMap(CONTROL_MAP.frame).set(FRAME.hold, true));
    await control.saved();
    // A modified page writes straight to the document, and broadcasts a live stroke.
    client.edit((doc) => doc.getText('story').insert(0, 'during the hold: '));
    client.send(broadcast('canvas:live', new Uint8Array([1, 2, 3])));
    await until(() => client.denied.length >= 2, 'two refusals');
    expect(client.denied).toEqual([HELD, HELD]);
    // Nothing the client sent is stored yet, so its page does not say "saved".
    const saving = client.saved(20_000);
    let saved = false;
    void saving.then(() => (saved = true));
    // The therapist may still change the page while holding.
    therapist.edit((doc) => doc.getArray('canvas.strokes').push(['the therapist, while holding']));
    await therapist.saved();
    await until(
      () => client.doc.getArray('canvas.strokes').length === 2,
      'the therapist’s stroke at the client',
    );
    expect(therapist.doc.getText('story').toString()).toBe('my safe place');
    expect(therapist.frames.some((f) => f[0] === MESSAGE.broadcast)).toBe(false);
    expect(new DocState(await storedRows(sid, 'space')).doc.getText('story').toString()).toBe(
      'my safe place',
    );

    expect(saved).toBe(false);

    control.edit((doc) => doc.getMap(CONTROL_MAP.frame).set(FRAME.hold, false));
    await control.saved();
    // On release, what was kept back reaches everyone and is stored; the broadcast is gone.
    await saving;
    await until(
      () => therapist.doc.getText('story').toString() === 'during the hold: my safe place',
      'the held change at the therapist',
    );
    client.edit((doc) => doc.getArray('canvas.strokes').push(['after the hold']));
    await until(
      () => therapist.doc.getArray('canvas.strokes').toJSON().includes('after the hold'),
      'the client’s stroke after release',
    );
    expect(client.denied.length).toBe(2);
    expect(therapist.frames.some((f) => f[0] === MESSAGE.broadcast)).toBe(false);
    const stored = new DocState(await storedRows(sid, 'space')).doc;
    expect(stored.getText('story').toString()).toBe('during the hold: my safe place');
    for (const c of [control, client, therapist]) c.close();
  });
});
