/**
 * Sessions in real Chromium outlive a server restart. The server is this
 * file's own, started and restarted from Node on the same port and data
 * folder (browser commands in vitest.config.ts), so the shared one is untouched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import type { AttuneServerInfo } from '../../../vitest.config.js';
import type { Role } from './protocol/index.js';
import type { TestSession } from '../../../test/support/browser-session.js';
import { createTestSession, inviteTo, statuses, until } from '../../../test/support/browser-session.js';
import { Session } from './session.js';

let server: AttuneServerInfo;
const open: Session[] = [];

beforeAll(async () => {
  server = await commands.startAttune();
});
afterAll(async () => {
  await commands.disposeAttune(server.id);
});
afterEach(() => {
  for (const session of open.splice(0)) session.destroy();
});

const createSession = (): Promise<TestSession> => createTestSession(server);
const invite = (sid: string, therapistToken: string, role: Role, name: string): Promise<string> =>
  inviteTo(server, sid, therapistToken, role, name);

function join(sid: string, token: string): Session {
  const session = new Session({ server: server.sync, sid, token, maxBackoffTime: 200 });
  open.push(session);
  return session;
}

const story = (session: Session): string => session.docs.space.getText('story').toString();

describe('Sessions across a server restart', () => {
  it('go offline, keep their edits, and converge and save again when the server is back', async () => {
    const { sid, therapistToken } = await createSession();
    const therapist = join(sid, therapistToken);
    const client = join(sid, await invite(sid, therapistToken, 'client', 'Sam'));
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    therapist.docs.space.getText('story').insert(0, 'Before. ');
    await until(() => story(client) === 'Before. ', 'the first edit at the client');
    await therapist.whenSaved();
    const seenByTherapist = statuses(therapist);
    const seenByClient = statuses(client);

    await commands.stopAttune(server.id);
    await until(
      () => therapist.status.status === 'offline' && client.status.status === 'offline',
      'both sessions to be offline',
    );
    client.docs.space.getText('story').insert(story(client).length, 'While the server was away. ');
    // A frame change that does not hold the room (a held room keeps the client's change back).
    therapist.docs.control.getMap('stage').set('modality', 'music');
    expect(client.saved).toBe(false);
    expect(therapist.saved).toBe(false);

    await commands.restartAttune(server.id);
    await Promise.all([therapist.whenSynced(), client.whenSynced()]);
    await until(
      () =>
        story(therapist) === 'Before. While the server was away. ' &&
        client.docs.control.getMap('stage').get('modality') === 'music',
      'the offline edits on both sides',
    );
    await Promise.all([therapist.whenSaved(), client.whenSaved()]);
    expect(seenByTherapist.at(-1)).toBe('synced');
    expect(seenByClient.at(-1)).toBe('synced');
    expect(seenByClient).toContain('offline');

    // Restart once more while both are connected and nothing is pending.
    const therapistAgain = statuses(therapist);
    const clientAgain = statuses(client);
    await commands.restartAttune(server.id);
    await until(
      () =>
        therapistAgain.includes('offline') &&
        clientAgain.includes('offline') &&
        therapist.status.status === 'synced' &&
        client.status.status === 'synced',
      'both sessions to lose the server and sync again',
    );
    client.docs.space.getText('story').insert(story(client).length, 'After.');
    await until(() => story(therapist).endsWith('After.'), 'an edit after the second restart');
    await client.whenSaved();

    // What was saved came back from storage: a newcomer gets all of it exactly once.
    const newcomer = join(sid, await invite(sid, therapistToken, 'caregiver', 'Alex'));
    await newcomer.whenSynced();
    expect(story(newcomer)).toBe('Before. While the server was away. After.');
    expect(newcomer.docs.control.getMap('stage').get('modality')).toBe('music');
  });
});
