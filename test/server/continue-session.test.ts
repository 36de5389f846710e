import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { nodeSession, startServer, until } from '../support/server.js';

interface Continued {
  sid: string;
  therapistToken: string;
  therapistUrl: string;
  continuedFrom: string;
}

describe('POST /api/sessions/:sid/continue', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.dispose();
  });

  const continueFrom = (sid: string, token: string, body = '{}'): Promise<Response> =>
    fetch(`${server.url}/api/sessions/${sid}/continue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });

  it('opens a new session with the earlier shared work, but not its frame or notes', async () => {
    const { sid, therapistToken } = await server.createSession();
    const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
    const therapist = nodeSession(server, sid, therapistToken);
    const client = nodeSession(server, sid, clientToken);
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    client.docs.space.getArray('pages').push(['a page drawn last week']);
    therapist.docs.space.getMap('boards').set('scene', 'the beach');
    therapist.docs.control.getMap('frame').set('hold', true);
    therapist.docs.notes!.getText('notes').insert(0, 'private');
    await Promise.all([therapist.whenSaved(), client.whenSaved()]);
    client.destroy();

    const res = await continueFrom(sid, therapistToken);
    expect(res.status).toBe(201);
    const next = (await res.json()) as Continued;
    expect(next.sid).not.toBe(sid);
    expect(next.continuedFrom).toBe(sid);
    expect(next.therapistUrl).toContain(`/therapist#token=`);

    const reopened = nodeSession(server, next.sid, next.therapistToken);
    await reopened.whenSynced();
    expect(reopened.docs.space.getArray('pages').toArray()).toEqual(['a page drawn last week']);
    expect(reopened.docs.space.getMap('boards').get('scene')).toBe('the beach');
    expect(reopened.docs.control.getMap('frame').get('hold')).toBeUndefined();
    expect(reopened.docs.notes!.getText('notes').toString()).toBe('');

    // The two sessions are independent from now on.
    reopened.docs.space.getMap('boards').set('scene', 'the forest');
    await reopened.whenSaved();
    await until(() => therapist.docs.space.getMap('boards').get('scene') === 'the beach', 'old one kept');
    expect(therapist.docs.space.getMap('boards').get('scene')).toBe('the beach');
    therapist.destroy();
    reopened.destroy();
  });

  it('is for the therapist only, and not for an erased session', async () => {
    const { sid, therapistToken } = await server.createSession();
    const assistant = await server.invite(sid, therapistToken, 'assistant', 'Ada');
    const client = await server.invite(sid, therapistToken, 'client', 'Sam');
    expect((await continueFrom(sid, assistant)).status).toBe(403);
    expect((await continueFrom(sid, client)).status).toBe(403);
    expect((await continueFrom(sid, therapistToken, '{"bogus":1}')).status).toBe(400);
    const erased = await fetch(`${server.url}/api/sessions/${sid}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${therapistToken}` },
    });
    expect(erased.status).toBe(204);
    expect((await continueFrom(sid, therapistToken)).status).toBe(410);
  });
});
