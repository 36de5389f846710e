import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { PresenceState } from '@attune/session';
import { CONTROL_MAP } from '@attune/session/protocol';
import type { TestServer } from '../support/server.js';
import { nodeSession, startServer, until } from '../support/server.js';

const redisUrl = process.env.REDIS_URL;
const databaseUrl = process.env.DATABASE_URL;
if (!redisUrl || !databaseUrl) {
  console.warn('\n*** SKIPPING the multi-instance tests: they need REDIS_URL and DATABASE_URL ***\n');
}

describe.skipIf(!redisUrl || !databaseUrl)('two server instances sharing rooms through Redis', () => {
  const schema = `attune_cluster_${randomBytes(6).toString('hex')}`;
  const shared = {
    databaseUrl: databaseUrl!,
    databaseSchema: schema,
    redisUrl: redisUrl!,
    secret: randomBytes(32).toString('base64url'),
    adminKey: 'cluster-admin-key',
  };
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.dispose();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('lets participants on different instances work together live', async () => {
    const a = await startServer(shared);
    const b = await startServer(shared);
    servers.push(a, b);
    const { sid, therapistToken } = await a.createSession();
    const clientToken = await a.invite(sid, therapistToken, 'client', 'Robin');

    const therapist = nodeSession(a, sid, therapistToken);
    therapist.docs.space.getMap('board').set('before', 'placed before anyone else came');
    await therapist.whenSynced();
    const client = nodeSession(b, sid, clientToken);
    await client.whenSynced();
    await until(() => client.docs.space.getMap('board').get('before') !== undefined, 'the earlier edit on B');

    client.docs.space.getMap('board').set('shell', 'near the stone');
    therapist.docs.space.getMap('board').set('feather', 'on the shell');
    await until(
      () =>
        therapist.docs.space.getMap('board').get('shell') === 'near the stone' &&
        client.docs.space.getMap('board').get('feather') === 'on the shell',
      'edits crossing instances',
    );

    const names = (s: typeof therapist): string[] =>
      [...s.awareness.getStates().values()].map((state) => (state as PresenceState).user?.name).sort();
    await until(() => names(client).length === 2 && names(therapist).length === 2, 'presence on both sides');
    expect(names(client)).toEqual(['Robin', 'Therapist']);

    const heard: string[] = [];
    client.onBroadcast('demo', (payload) => heard.push(new TextDecoder().decode(payload)));
    therapist.broadcast('demo', new TextEncoder().encode('hello across'));
    await until(() => heard.length === 1, 'a broadcast across instances');
    expect(heard).toEqual(['hello across']);

    await Promise.all([therapist.whenSaved(), client.whenSaved()]);
    therapist.destroy();
    client.destroy();

    const c = await startServer(shared);
    servers.push(c);
    const later = nodeSession(c, sid, therapistToken);
    await later.whenSynced();
    expect(later.docs.space.getMap('board').toJSON()).toEqual({
      before: 'placed before anyone else came',
      shell: 'near the stone',
      feather: 'on the shell',
    });
    later.destroy();
  });

  it('keeps the waiting room across instances: facilitators anywhere see who waits, admission anywhere lets them in', async () => {
    const a = await startServer(shared);
    const b = await startServer(shared);
    servers.push(a, b);
    const { sid, therapistToken } = await a.createSession({ waitingRoom: true });
    const inToken = await a.invite(sid, therapistToken, 'caregiver', 'Alex');
    const waitingToken = await a.invite(sid, therapistToken, 'client', 'Robin');

    const therapist = nodeSession(a, sid, therapistToken);
    therapist.docs.space.getMap('board').set('stone', 'in the middle');
    await therapist.whenSynced();
    therapist.docs.control.getMap(CONTROL_MAP.admission).set(String(decodeJwt(inToken).sub), true);
    await therapist.whenSaved();
    const caregiver = nodeSession(a, sid, inToken);
    await caregiver.whenSynced();

    // Robin waits on B; the therapist and the caregiver are on A.
    const robin = nodeSession(b, sid, waitingToken);
    const names = (s: typeof therapist): string[] =>
      [...s.awareness.getStates().values()].map((state) => (state as PresenceState).user?.name).sort();
    await until(() => names(therapist).includes('Robin'), 'the therapist on A seeing Robin wait on B');
    await until(() => names(caregiver).includes('Therapist'), 'presence reaching the caregiver');
    // Whatever A relays to the caregiver arrives in order: once this edit is there, so
    // would Robin's presence be.
    therapist.docs.space.getMap('board').set('marker', 'after Robin came');
    await until(() => caregiver.docs.space.getMap('board').get('marker') !== undefined, 'the marker');
    expect(names(caregiver)).not.toContain('Robin');
    expect(robin.docs.space.getMap('board').size).toBe(0);
    expect(robin.status.status).toBe('connecting');

    therapist.docs.control.getMap(CONTROL_MAP.admission).set(String(decodeJwt(waitingToken).sub), true);
    await robin.whenSynced();
    expect(robin.docs.space.getMap('board').get('stone')).toBe('in the middle');
    await until(() => names(caregiver).includes('Robin'), 'the caregiver seeing Robin once in');
    for (const s of [therapist, caregiver, robin]) s.destroy();
  });
});
