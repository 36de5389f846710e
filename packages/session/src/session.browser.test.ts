/**
 * The browser Session in real Chromium against the real server that the
 * browser project shares (test/support/global-server.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TestSession } from '../../../test/support/browser-session.js';
import { createTestSession, statuses, until } from '../../../test/support/browser-session.js';
import type { BroadcastMeta } from './scope-channel.js';
import { Session } from './session.js';

const open: Session[] = [];

function join(test: TestSession, token: string): Session {
  const session = new Session({ server: test.sync, sid: test.sid, token, maxBackoffTime: 200 });
  open.push(session);
  return session;
}

afterEach(() => {
  for (const session of open.splice(0)) session.destroy();
});

describe('Session in the browser', () => {
  it('converges with another Session through the server and shows when the work is saved', async () => {
    const test = await createTestSession();
    const therapist = join(test, test.therapistToken);
    const client = join(test, await test.invite('client', 'Sam'));
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    expect(therapist.status).toEqual({ status: 'synced' });
    expect(therapist.scopes).toEqual(['space', 'control', 'notes']);
    expect(client.scopes).toEqual(['space', 'control']);
    expect(client.docs.notes).toBeNull();
    expect(client.user).toMatchObject({ name: 'Sam', role: 'client' });

    const savedEvents: boolean[] = [];
    client.on('saved', (saved) => savedEvents.push(saved));
    expect(client.saved).toBe(true);
    client.docs.space.getText('story').insert(0, 'A boat on a calm sea');
    expect(client.saved).toBe(false);
    therapist.docs.space.getMap('board').set('sun', { x: 10, y: 20 });
    therapist.docs.control.getMap('frame').set('hold', false);

    await until(
      () =>
        therapist.docs.space.getText('story').toString() === 'A boat on a calm sea' &&
        client.docs.space.getMap('board').get('sun') !== undefined &&
        client.docs.control.getMap('frame').get('hold') === false,
      'both edits on both sides',
    );
    await Promise.all([client.whenSaved(), therapist.whenSaved()]);
    expect(client.saved).toBe(true);
    expect(savedEvents).toEqual([false, true]);

    // What was saved is on the server: someone joining now gets all of it.
    const late = join(test, await test.invite('caregiver', 'Alex'));
    await late.whenSynced();
    expect(late.docs.space.getText('story').toString()).toBe('A boat on a calm sea');
    expect(late.docs.space.getMap('board').get('sun')).toEqual({ x: 10, y: 20 });
    expect(late.docs.control.getMap('frame').get('hold')).toBe(false);
  });

  it('calls the HTTP API as its participant without handing the token to components', async () => {
    const test = await createTestSession();
    const client = join(test, await test.invite('client', 'Sam'));
    const me = await client.fetchApi(`/api/sessions/${test.sid}/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ sid: test.sid, role: 'client', name: 'Sam' });
    // The client's rights, not more: exporting is the therapist's.
    const exported = await client.fetchApi(`/api/sessions/${test.sid}/export`);
    expect(exported.status).toBe(403);
  });

  it('is told when the server refuses a change to a read-only scope, and nobody receives it', async () => {
    const test = await createTestSession();
    const therapist = join(test, test.therapistToken);
    const client = join(test, await test.invite('client', 'Sam'));
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    expect(client.canWrite('control')).toBe(false);

    const denied = new Promise<[string, string]>((resolve) =>
      client.on('permission-denied', (scope, reason) => resolve([scope, reason])),
    );
    client.docs.control.getMap('frame').set('hold', true);
    const [scope, reason] = await denied;
    expect(scope).toBe('control');
    expect(reason).toMatch(/read-only/);
    // The client's own change stays local; it never counts as unsaved work.
    expect(client.saved).toBe(true);

    // The therapist's later change arrives, the client's never did.
    therapist.docs.control.getMap('frame').set('marker', 1);
    await until(() => client.docs.control.getMap('frame').get('marker') === 1, 'the marker');
    await therapist.whenSaved();
    expect(therapist.docs.control.getMap('frame').has('hold')).toBe(false);
  });

  it('relays a broadcast (120) to the others and not back to the sender', async () => {
    const test = await createTestSession();
    const therapist = join(test, test.therapistToken);
    const client = join(test, await test.invite('client', 'Sam'));
    const caregiver = join(test, await test.invite('caregiver', 'Alex'));
    await Promise.all([therapist.whenSynced(), client.whenSynced(), caregiver.whenSynced()]);

    const heard = (session: Session): Array<[number[], BroadcastMeta]> => {
      const got: Array<[number[], BroadcastMeta]> = [];
      session.onBroadcast('canvas:live', (payload, meta) => got.push([[...payload], meta]));
      return got;
    };
    const atTherapist = heard(therapist);
    const atClient = heard(client);
    const atCaregiver = heard(caregiver);
    const other: number[][] = [];
    client.onBroadcast('other-channel', (payload) => other.push([...payload]));

    expect(therapist.broadcast('canvas:live', new Uint8Array([1, 2, 3]))).toBe(true);
    const expected = [[[1, 2, 3], { scope: 'space', recorded: false }]];
    await until(() => atClient.length === 1 && atCaregiver.length === 1, 'the broadcast at both others');
    expect(atClient).toEqual(expected);
    expect(atCaregiver).toEqual(expected);

    // A save check the therapist sends afterwards comes back on the same socket,
    // after anything the server would have echoed for the broadcast.
    therapist.docs.space.getMap('board').set('after-broadcast', true);
    await therapist.whenSaved();
    expect(atTherapist).toEqual([]);
    expect(other).toEqual([]);
  });

  it('relays a recorded broadcast (121) marked as recorded, and keeps it in the log once consent is given', async () => {
    const test = await createTestSession();
    const therapist = join(test, test.therapistToken);
    const client = join(test, await test.invite('client', 'Sam'));
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    const atTherapist: BroadcastMeta[] = [];
    const atClient: Array<[number[], BroadcastMeta]> = [];
    therapist.onBroadcast('music:note', (_payload, meta) => atTherapist.push(meta));
    client.onBroadcast('music:note', (payload, meta) => atClient.push([[...payload], meta]));

    therapist.docs.control.getMap('consent').set('recordEvents', true);
    await therapist.whenSaved();
    expect(therapist.broadcast('music:note', new Uint8Array([60, 100]), { record: true })).toBe(true);
    await until(() => atClient.length === 1, 'the recorded broadcast');
    expect(atClient).toEqual([[[60, 100], { scope: 'space', recorded: true }]]);

    therapist.docs.space.getMap('board').set('after-note', true);
    await therapist.whenSaved();
    expect(atTherapist).toEqual([]);

    const response = await fetch(`${test.http}/api/sessions/${test.sid}/export`, {
      headers: { authorization: `Bearer ${test.therapistToken}` },
    });
    expect(response.status).toBe(200);
    const { events } = (await response.json()) as {
      events: Array<{ channel: string; role: string; payload: string }>;
    };
    expect(events).toEqual([
      expect.objectContaining({ channel: 'music:note', role: 'therapist', payload: btoa('\x3c\x64') }),
    ]);
  });

  it('refuses to broadcast where the role may not write', async () => {
    const test = await createTestSession();
    const observer = join(test, await test.invite('observer', 'Supervisor'));
    const client = join(test, await test.invite('client', 'Sam'));
    await Promise.all([observer.whenSynced(), client.whenSynced()]);
    expect(observer.broadcast('canvas:live', new Uint8Array([1]))).toBe(false);
    expect(client.broadcast('frame:tick', new Uint8Array([1]), { scope: 'control' })).toBe(false);
  });

  it('estimates the shared clock and the round trip to the server', async () => {
    const test = await createTestSession();
    const session = join(test, test.therapistToken);
    await session.whenSynced();
    await until(() => session.clock.sampleCount >= 6, 'the first burst of clock samples');
    // Server and browser run on this one machine: their clocks agree closely.
    expect(Math.abs(session.clock.offset)).toBeLessThan(25);
    expect(session.clock.rtt).toBeGreaterThanOrEqual(0);
    expect(session.clock.rtt).toBeLessThan(250);
    expect(Math.abs(session.clock.now() - Date.now())).toBeLessThan(50);
  });

  it('keeps edits made while disconnected and sends them when it reconnects', async () => {
    const test = await createTestSession();
    const therapist = join(test, test.therapistToken);
    const client = join(test, await test.invite('client', 'Sam'));
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    const seen = statuses(client);

    client.disconnect();
    await until(() => client.status.status === 'offline', 'the client to be offline');
    client.docs.space.getText('story').insert(0, 'Written on the train. ');
    therapist.docs.space.getText('story').insert(0, 'Meanwhile. ');
    await therapist.whenSaved();
    expect(client.saved).toBe(false);
    expect(client.docs.space.getText('story').toString()).toBe('Written on the train. ');
    expect(therapist.docs.space.getText('story').toString()).toBe('Meanwhile. ');

    client.connect();
    await client.whenSynced();
    await until(
      () =>
        therapist.docs.space.getText('story').toString() === client.docs.space.getText('story').toString() &&
        therapist.docs.space.getText('story').length === 'Written on the train. Meanwhile. '.length,
      'both edits on both sides',
    );
    await client.whenSaved();
    expect(seen).toEqual(['offline', 'connecting', 'synced']);
  });

  it('releases everything on destroy, once', async () => {
    const test = await createTestSession();
    const session = join(test, test.therapistToken);
    await session.whenSynced();
    const sockets = (['space', 'control', 'notes'] as const).map((scope) => session.provider(scope)!.ws!);
    expect(sockets.every((ws) => ws.readyState === WebSocket.OPEN)).toBe(true);
    session.destroy();
    session.destroy();
    await until(() => sockets.every((ws) => ws.readyState === WebSocket.CLOSED), 'the sockets to close');
    expect(session.provider('space')).toBeNull();
  });
});
