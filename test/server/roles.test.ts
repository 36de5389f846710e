/**
 * Who may open, read and change what: the role × scope table of DESIGN.md,
 * every way a token can be wrong, ending a session, removing a participant,
 * and the HTTP API's rights and body checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Role, Scope } from '@attune/session/protocol';
import { MESSAGE, ROLES, SCOPES, accessFor, encodeBroadcast, readBroadcast } from '@attune/session/protocol';
import { RawClient, UpgradeRefused, claimsOf, signToken } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { startServer, until } from '../support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.dispose();
});

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

async function api(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: BodyInit; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  if (options.contentType) headers['content-type'] = options.contentType;
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

/** The status and error code of a refused upgrade; fails if a WebSocket opened. */
async function refusal(sid: string, scope: Scope, token: string | null): Promise<[number, string]> {
  try {
    const client = await RawClient.open(server, sid, scope, token);
    client.close();
  } catch (error) {
    if (error instanceof UpgradeRefused) return [error.status, error.body.error?.code ?? ''];
    throw error;
  }
  throw new Error('the WebSocket opened');
}

async function storedDoc(sid: string, scope: Scope): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of (await server.store.loadDoc(sid, scope)).updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Payloads of the ephemeral broadcasts (120) a client received on a channel. */
function broadcastsOn(client: RawClient, channel: string): Uint8Array[] {
  return client.frames
    .filter((frame) => frame[0] === MESSAGE.broadcast)
    .map((frame) => {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      return readBroadcast(decoder);
    })
    .filter((b) => b.channel === channel)
    .map((b) => b.payload);
}

function expectError(answer: Answer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.body.error?.code).toBe(code);
  expect(answer.body.error?.message).toEqual(expect.any(String));
  expect(answer.body.error?.message.length).toBeGreaterThan(0);
}

describe('the role × scope table', () => {
  let sid: string;
  const tokens = {} as Record<Role, string>;
  const watchers = {} as Record<Scope, RawClient>;

  beforeAll(async () => {
    const created = await server.createSession();
    sid = created.sid;
    tokens.therapist = created.therapistToken;
    for (const role of ROLES) {
      if (role !== 'therapist') tokens[role] = await server.invite(sid, tokens.therapist, role, role);
    }
    // The therapist watches every scope and leaves something in each to be read.
    for (const scope of SCOPES) {
      const watcher = await RawClient.open(server, sid, scope, tokens.therapist);
      await watcher.whenSynced();
      watcher.edit((doc) => doc.getText('seed').insert(0, `${scope} from the therapist`));
      await watcher.saved();
      watchers[scope] = watcher;
    }
  });
  afterAll(() => {
    for (const watcher of Object.values(watchers)) watcher.close();
  });

  const cells = ROLES.flatMap((role) =>
    SCOPES.map((scope) => [role, scope, accessFor(role, scope)] as const),
  );

  it.each(cells)('%s on %s: %s', async (role, scope, access) => {
    if (access === 'none') {
      expect(await refusal(sid, scope, tokens[role])).toEqual([403, 'forbidden']);
      return;
    }
    const client = await RawClient.open(server, sid, scope, tokens[role]);
    await client.whenSynced();
    // Everyone who may open a scope reads it, including what others change live.
    expect(client.doc.getText('seed').toString()).toBe(`${scope} from the therapist`);
    const watcher = watchers[scope];
    watcher.edit((doc) => doc.getMap('live').set(role, 'hello'));
    await until(() => client.doc.getMap('live').get(role) === 'hello', `${role} sees a live edit`);

    client.edit((doc) => doc.getMap('edits').set(role, `from ${role}`));
    const channel = `cell:${role}`;
    client.send(encodeBroadcast(channel, new Uint8Array([1, 2, 3])));
    if (access === 'r') {
      await until(() => client.denied.length === 2, 'two permission messages');
      expect(client.denied).toEqual(Array(2).fill(`${scope} is read-only for ${role}`));
      // Both echoes come after anything the server could have relayed or stored.
      await client.saved();
      await watcher.saved();
      expect(watcher.doc.getMap('edits').has(role)).toBe(false);
      expect(broadcastsOn(watcher, channel)).toEqual([]);
      expect((await storedDoc(sid, scope)).getMap('edits').has(role)).toBe(false);
      expect(client.closed).toBeNull();
    } else {
      await until(
        () => watcher.doc.getMap('edits').get(role) === `from ${role}`,
        'the edit at the therapist',
      );
      await client.saved();
      expect((await storedDoc(sid, scope)).getMap('edits').get(role)).toBe(`from ${role}`);
      expect(client.denied).toEqual([]);
    }
    client.close();
  });
});

describe('tokens', () => {
  let sid: string;
  let therapistToken: string;
  let clientToken: string;
  const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3600;

  beforeAll(async () => {
    ({ sid, therapistToken } = await server.createSession());
    clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
  });

  it('accepts a token a portal minted with the server secret', async () => {
    const token = signToken(
      { sid, role: 'client', sub: 'c_portal', name: 'Portal client', exp: inAnHour() },
      server.secret,
    );
    const client = await RawClient.open(server, sid, 'space', token);
    await client.whenSynced();
    client.close();
  });

  it('refuses a forged token (signed with another secret)', async () => {
    const forged = signToken(
      { sid, role: 'therapist', sub: 't_forged', name: 'Mallory', exp: inAnHour() },
      'not-the-server-secret',
    );
    expect(await refusal(sid, 'notes', forged)).toEqual([401, 'token-invalid']);
    expectError(await api('GET', `/api/sessions/${sid}/me`, { token: forged }), 401, 'token-invalid');
  });

  it('refuses an expired token', async () => {
    const expired = signToken(
      { sid, role: 'client', sub: 'c_old', name: 'Old', exp: Math.floor(Date.now() / 1000) - 5 },
      server.secret,
    );
    expect(await refusal(sid, 'space', expired)).toEqual([401, 'token-expired']);
    expectError(await api('GET', `/api/sessions/${sid}/me`, { token: expired }), 401, 'token-expired');
  });

  it('refuses a token for another session', async () => {
    const other = await server.createSession();
    expect(await refusal(sid, 'space', other.therapistToken)).toEqual([403, 'wrong-session']);
    expectError(
      await api('POST', `/api/sessions/${sid}/invites`, {
        token: other.therapistToken,
        json: { role: 'client', name: 'Sam' },
      }),
      403,
      'wrong-session',
    );
  });

  it('refuses a missing token', async () => {
    expect(await refusal(sid, 'space', null)).toEqual([401, 'token-missing']);
    expectError(await api('GET', `/api/sessions/${sid}/me`), 401, 'token-missing');
  });

  it('refuses garbage', async () => {
    for (const garbage of ['garbage', 'a.b.c', '%00%ff', 'x'.repeat(5000)]) {
      expect(await refusal(sid, 'space', garbage)).toEqual([401, 'token-invalid']);
    }
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = clientToken.split('.');
    const claims = { ...claimsOf(clientToken), role: 'therapist' };
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await refusal(sid, 'notes', tampered)).toEqual([401, 'token-invalid']);
    expect(await refusal(sid, 'space', tampered)).toEqual([401, 'token-invalid']);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({
      sid,
      role: 'therapist',
      sub: 't_none',
      name: 'None',
      exp: inAnHour(),
    })}.`;
    expect(await refusal(sid, 'notes', unsigned)).toEqual([401, 'token-invalid']);
  });

  it('refuses a validly signed token with bad claims', async () => {
    const badRole = signToken(
      { sid, role: 'admin', sub: 'x_1', name: 'Root', exp: inAnHour() },
      server.secret,
    );
    expect(await refusal(sid, 'space', badRole)).toEqual([401, 'token-invalid']);
  });
});

describe('ending a session', () => {
  it('disconnects everyone, erases the work and refuses its tokens with 410', async () => {
    const { sid, therapistToken } = await server.createSession();
    const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
    const client = await RawClient.open(server, sid, 'space', clientToken);
    const notes = await RawClient.open(server, sid, 'notes', therapistToken);
    await Promise.all([client.whenSynced(), notes.whenSynced()]);
    client.edit((doc) => doc.getText('story').insert(0, 'a private story'));
    await client.saved();
    expect((await server.store.loadDoc(sid, 'space')).updates.length).toBeGreaterThan(0);

    expectError(await api('DELETE', `/api/sessions/${sid}`, { token: clientToken }), 403, 'forbidden');
    expect((await api('DELETE', `/api/sessions/${sid}`, { token: therapistToken })).status).toBe(204);

    expect(await client.whenClosed).toEqual({ code: 4410, reason: 'the session has ended' });
    expect(await notes.whenClosed).toEqual({ code: 4410, reason: 'the session has ended' });
    expect((await server.store.loadDoc(sid, 'space')).updates).toEqual([]);
    expect(await refusal(sid, 'space', clientToken)).toEqual([410, 'session-ended']);
    expect(await refusal(sid, 'space', therapistToken)).toEqual([410, 'session-ended']);
    expectError(await api('GET', `/api/sessions/${sid}/me`, { token: therapistToken }), 410, 'session-ended');
  });

  it('can be ended with the admin key', async () => {
    const { sid, therapistToken } = await server.createSession();
    expect((await api('DELETE', `/api/sessions/${sid}`, { token: server.adminKey })).status).toBe(204);
    expect(await refusal(sid, 'control', therapistToken)).toEqual([410, 'session-ended']);
  });
});

describe('removing a participant', () => {
  it('disconnects them at once with 4403 and refuses their token from then on', async () => {
    const { sid, therapistToken } = await server.createSession();
    const removedToken = await server.invite(sid, therapistToken, 'client', 'Removed');
    const stayingToken = await server.invite(sid, therapistToken, 'caregiver', 'Staying');
    const sub = claimsOf(removedToken).sub as string;
    const space = await RawClient.open(server, sid, 'space', removedToken);
    const control = await RawClient.open(server, sid, 'control', removedToken);
    const staying = await RawClient.open(server, sid, 'space', stayingToken);
    await Promise.all([space.whenSynced(), control.whenSynced(), staying.whenSynced()]);

    expectError(
      await api('DELETE', `/api/sessions/${sid}/participants/${sub}`, { token: stayingToken }),
      403,
      'forbidden',
    );
    const removed = await api('DELETE', `/api/sessions/${sid}/participants/${encodeURIComponent(sub)}`, {
      token: therapistToken,
    });
    expect(removed).toEqual({ status: 200, body: { removed: sub } });

    const gone = { code: 4403, reason: 'removed from the session' };
    expect(await space.whenClosed).toEqual(gone);
    expect(await control.whenClosed).toEqual(gone);
    // Everyone else stays and keeps working.
    staying.edit((doc) => doc.getMap('board').set('still', 'here'));
    await staying.saved();
    expect(staying.closed).toBeNull();

    expect(await refusal(sid, 'space', removedToken)).toEqual([403, 'participant-removed']);
    expectError(
      await api('GET', `/api/sessions/${sid}/me`, { token: removedToken }),
      403,
      'participant-removed',
    );
    staying.close();
  });
});

describe('the HTTP API', () => {
  let sid: string;
  let therapistToken: string;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    ({ sid, therapistToken } = await server.createSession());
    tokens.therapist = therapistToken;
    for (const role of ROLES) {
      if (role !== 'therapist') tokens[role] = await server.invite(sid, therapistToken, role, role);
    }
  });

  it('creates sessions only with the admin key', async () => {
    expectError(await api('POST', '/api/sessions'), 401, 'admin-key-required');
    expectError(await api('POST', '/api/sessions', { token: 'wrong-key' }), 401, 'admin-key-required');
    expectError(await api('POST', '/api/sessions', { token: therapistToken }), 401, 'admin-key-required');
    const created = await api('POST', '/api/sessions', { token: server.adminKey });
    expect(created.status).toBe(201);
    const {
      sid: newSid,
      therapistToken: token,
      therapistUrl,
    } = created.body as {
      sid: string;
      therapistToken: string;
      therapistUrl: string;
    };
    expect(newSid).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(claimsOf(token)).toMatchObject({ sid: newSid, role: 'therapist' });
    // The token travels in the fragment, which never reaches a server log.
    expect(therapistUrl).toBe(`${server.url}/therapist#token=${token}`);
  });

  it('lets a therapist invite every role, and says where to join', async () => {
    for (const role of ROLES) {
      const answer = await api('POST', `/api/sessions/${sid}/invites`, {
        token: therapistToken,
        json: { role, name: `A ${role}`, ttlSeconds: 3600 },
      });
      expect(answer.status).toBe(201);
      const { token, url } = answer.body as { token: string; url: string };
      const claims = claimsOf(token);
      expect(claims).toMatchObject({ sid, role, name: `A ${role}` });
      expect((claims.exp as number) - Date.now() / 1000).toBeGreaterThan(3590);
      const page = role === 'therapist' || role === 'assistant' ? 'therapist' : 'join';
      expect(url).toBe(`${server.url}/${page}#token=${token}`);
    }
  });

  it('lets an assistant invite, but not a therapist', async () => {
    const invite = (role: Role): Promise<Answer> =>
      api('POST', `/api/sessions/${sid}/invites`, { token: tokens.assistant, json: { role, name: 'Kim' } });
    expect((await invite('client')).status).toBe(201);
    expect((await invite('assistant')).status).toBe(201);
    expectError(await invite('therapist'), 403, 'forbidden');
  });

  it.each(['client', 'caregiver', 'observer'] as const)('refuses invites from a %s', async (role) => {
    expectError(
      await api('POST', `/api/sessions/${sid}/invites`, {
        token: tokens[role],
        json: { role: 'client', name: 'Friend' },
      }),
      403,
      'forbidden',
    );
  });

  it('validates invite bodies', async () => {
    const invite = (options: Parameters<typeof api>[2]): Promise<Answer> =>
      api('POST', `/api/sessions/${sid}/invites`, { token: therapistToken, ...options });
    expectError(await invite({ json: { role: 'admin', name: 'Root' } }), 400, 'invalid-body');
    expectError(await invite({ json: { role: 'client', name: 'x'.repeat(65) } }), 400, 'invalid-body');
    expectError(await invite({ json: { role: 'client', name: '   ' } }), 400, 'invalid-body');
    expectError(await invite({ json: { role: 'client' } }), 400, 'invalid-body');
    expectError(await invite({ json: { role: 'client', name: 'Sam', isAdmin: true } }), 400, 'invalid-body');
    expectError(await invite({ json: { role: 'client', name: 'Sam', ttlSeconds: -1 } }), 400, 'invalid-body');
    expectError(await invite({ json: ['client', 'Sam'] }), 400, 'invalid-body');
    expectError(
      await invite({ body: '{"role": "client", "name": ', contentType: 'application/json' }),
      400,
      'invalid-json',
    );
    expectError(
      await invite({ body: 'role=client&name=Sam', contentType: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
    );
    const huge = JSON.stringify({ role: 'client', name: 'Sam', padding: 'x'.repeat(100_000) });
    expectError(await invite({ body: huge, contentType: 'application/json' }), 413, 'body-too-large');
    // Nothing above made a token: the next valid invite still works as before.
    expect((await invite({ json: { role: 'client', name: 'x'.repeat(64) } })).status).toBe(201);
  });

  it('exports the session for the therapist only', async () => {
    const writer = await RawClient.open(server, sid, 'space', tokens.client);
    await writer.whenSynced();
    writer.edit((doc) => doc.getArray('strokes').push(['a red spiral']));
    await writer.saved();
    writer.close();

    for (const role of ['assistant', 'client', 'caregiver', 'observer'] as const) {
      expectError(await api('GET', `/api/sessions/${sid}/export`, { token: tokens[role] }), 403, 'forbidden');
    }
    const exported = await api('GET', `/api/sessions/${sid}/export`, { token: therapistToken });
    expect(exported.status).toBe(200);
    const documents = exported.body.documents as Record<Scope, string>;
    expect(Object.keys(documents).sort()).toEqual(['control', 'notes', 'space']);
    const space = new Y.Doc();
    Y.applyUpdate(space, Buffer.from(documents.space, 'base64'));
    expect(space.getArray('strokes').toArray()).toEqual(['a red spiral']);
    expect(Array.isArray(exported.body.events)).toBe(true);
    const audit = exported.body.audit as Array<{ action: string; actor: string }>;
    expect(audit.map((a) => a.action)).toContain('session-created');
    // The audit log names participants by opaque id, never by name.
    for (const { actor } of audit) expect(actor).toMatch(/^(admin|[tacgo]_[\w-]+)$/);
    expect(JSON.stringify(audit)).not.toContain('Kim');
  });

  describe('assets', () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0')]);
    const webp = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([0x1a, 0, 0, 0]),
      Buffer.from('WEBPVP8 '),
      Buffer.alloc(14),
    ]);
    const upload = (body: Buffer, contentType: string, token = therapistToken): Promise<Answer> =>
      api('POST', `/api/sessions/${sid}/assets`, { token, body: new Uint8Array(body), contentType });

    it.each([
      ['PNG', png, 'image/png'],
      ['JPEG', jpeg, 'image/jpeg'],
      ['WebP', webp, 'image/webp'],
    ] as const)('accepts a %s and serves it back', async (_name, bytes, type) => {
      // The declared type does not matter; the bytes do.
      const answer = await upload(bytes, 'application/octet-stream', tokens.client);
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ type, bytes: bytes.byteLength });
      const res = await fetch(`${server.url}${answer.body.url as string}`, {
        headers: { authorization: `Bearer ${tokens.observer}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    });

    it('refuses a file that lies about its type', async () => {
      const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
      expectError(await upload(gif, 'image/png'), 415, 'unsupported-media-type');
      expectError(
        await upload(Buffer.from('<svg onload="alert(1)"/>'), 'image/png'),
        415,
        'unsupported-media-type',
      );
    });

    it('refuses an image over 5 MB', async () => {
      const big = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
      expectError(await upload(big, 'image/png'), 413, 'asset-too-large');
    });

    it('refuses uploads from observers and from outside the session', async () => {
      expectError(await upload(png, 'image/png', tokens.observer), 403, 'forbidden');
      expectError(
        await api('POST', `/api/sessions/${sid}/assets`, {
          body: new Uint8Array(png),
          contentType: 'image/png',
        }),
        401,
        'token-missing',
      );
    });
  });
});
