/**
 * Quotas and rate limits (issue 16, point 8): what one session may keep and
 * how fast the admin key, session creation and invites may be tried. Each
 * refusal is a clear JSON error and a count in `attune_quota_refusals_total`.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSENT, CONTROL_MAP, encodeBroadcast } from '@attune/session/protocol';
import { RawClient } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { nodeSession, startServer, until } from '../support/server.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (bytes: number): Buffer => Buffer.concat([PNG, randomBytes(bytes - PNG.byteLength)]);

let server: TestServer | null = null;
afterEach(async () => {
  await server?.dispose();
  server = null;
});

async function refusals(s: TestServer, reason: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`attune_quota_refusals_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').at(-1)) : NaN;
}

interface ErrorBody {
  error: { code: string; message: string };
}

describe('uploads per session', () => {
  const upload = (s: TestServer, sid: string, token: string, body: Buffer): Promise<Response> =>
    fetch(`${s.url}/api/sessions/${sid}/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(body),
    });

  it('refuses images past the session total with 413 asset-quota-bytes; the same image again is free', async () => {
    server = await startServer({
      limits: { maxAssetBytes: 100_000, maxAssetBytesPerSession: 250_000 },
    });
    const { sid, therapistToken } = await server.createSession();
    const client = await server.invite(sid, therapistToken, 'client');
    const first = png(90_000);
    expect((await upload(server, sid, client, first)).status).toBe(201);
    expect((await upload(server, sid, client, png(90_000))).status).toBe(201);
    const third = await upload(server, sid, client, png(90_000));
    expect(third.status).toBe(413);
    const body = (await third.json()) as ErrorBody;
    expect(body.error.code).toBe('asset-quota-bytes');
    expect(body.error.message).toMatch(/250000 bytes/);
    // Uploading an image the session already keeps stores nothing new.
    expect((await upload(server, sid, client, first)).status).toBe(201);
    // Another session has its own allowance.
    const other = await server.createSession();
    expect((await upload(server, other.sid, other.therapistToken, png(90_000))).status).toBe(201);
    expect(await refusals(server, 'asset-bytes')).toBe(1);
  });

  it('refuses images past the session count with 413 asset-quota-count', async () => {
    server = await startServer({ limits: { maxAssetsPerSession: 3 } });
    const { sid, therapistToken } = await server.createSession();
    for (let i = 0; i < 3; i++)
      expect((await upload(server, sid, therapistToken, png(200))).status).toBe(201);
    const refused = await upload(server, sid, therapistToken, png(200));
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('asset-quota-count');
    expect(await refusals(server, 'asset-count')).toBe(1);
  });
});

describe('the event log per session', () => {
  it('stops recording past its bytes, keeps relaying, and tells the sender once', async () => {
    server = await startServer({ limits: { maxEventLogBytesPerSession: 10_000 } });
    const { sid, therapistToken } = await server.createSession();
    const therapist = nodeSession(server, sid, therapistToken);
    await therapist.whenSynced();
    therapist.docs.control.getMap(CONTROL_MAP.consent).set(CONSENT.recordEvents, true);
    await therapist.whenSaved();
    const clientToken = await server.invite(sid, therapistToken, 'client');
    const sender = await RawClient.open(server, sid, 'space', clientToken);
    const listener = await RawClient.open(server, sid, 'space', therapistToken);
    await Promise.all([sender.whenSynced(), listener.whenSynced()]);
    // The room learns the consent flag from control; wait until a first event is kept.
    const exportEvents = async (): Promise<number> => {
      const res = await fetch(`${server!.url}/api/sessions/${sid}/export`, {
        headers: { authorization: `Bearer ${therapistToken}` },
      });
      return ((await res.json()) as { events: unknown[] }).events.length;
    };
    const relayed = (): number => listener.frames.filter((f) => f[0] === 121).length;
    for (let i = 0; i < 6; i++) sender.send(encodeBroadcast('notes', randomBytes(4_000), true));
    await until(() => relayed() === 6, 'six relayed broadcasts');
    await sender.saved();
    // 2 × (5 + 4,000) bytes fit in 10,000; the third would not.
    expect(await exportEvents()).toBe(2);
    expect(sender.denied.filter((r) => /event log limit/.test(r))).toHaveLength(1);
    expect(sender.closed).toBeNull();
    expect(await refusals(server, 'event-log-bytes')).toBe(4);
    sender.close();
    listener.close();
    therapist.destroy();
  });
});

describe('admin key attempts', () => {
  const create = (s: TestServer, key: string, address: string): Promise<Response> =>
    fetch(`${s.url}/api/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'x-forwarded-for': address,
      },
      body: JSON.stringify({ waitingRoom: false }),
    });

  it('answers 429 with Retry-After after 10 wrong keys a minute from one address; others are unaffected', async () => {
    server = await startServer({ trustProxy: true });
    for (let i = 0; i < 10; i++) expect((await create(server, `wrong-${i}`, '203.0.113.7')).status).toBe(401);
    const limited = await create(server, 'wrong-again', '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as ErrorBody).error.code).toBe('too-many-attempts');
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    // Not even the right key is compared from there: that would tell a guesser they were right.
    expect((await create(server, server.adminKey, '203.0.113.7')).status).toBe(429);
    expect((await create(server, server.adminKey, '198.51.100.2')).status).toBe(201);
    expect(await refusals(server, 'admin-key-failures')).toBe(2);
  });

  it('counts wrong bearers on DELETE /api/sessions/:sid too, while the therapist still erases', async () => {
    server = await startServer({ trustProxy: true, limits: { adminKeyFailuresPerMinute: 3 } });
    const { sid, therapistToken } = await server.createSession();
    const erase = (token: string): Promise<Response> =>
      fetch(`${server!.url}/api/sessions/${sid}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' },
      });
    expect((await erase('guess-1')).status).toBe(401);
    expect((await erase('guess-2')).status).toBe(401);
    expect((await erase('guess-3')).status).toBe(429);
    expect((await erase(server.adminKey)).status).toBe(429);
    expect((await erase(therapistToken)).status).toBe(204);
  });
});

describe('session creation and invites', () => {
  it('limits sessions created per address per minute', async () => {
    server = await startServer({ trustProxy: true, limits: { sessionsPerMinute: 3 } });
    const create = (address: string): Promise<Response> =>
      fetch(`${server!.url}/api/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server!.adminKey}`, 'x-forwarded-for': address },
      });
    for (let i = 0; i < 3; i++) expect((await create('203.0.113.20')).status).toBe(201);
    const refused = await create('203.0.113.20');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('too-many-sessions');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await create('203.0.113.21')).status).toBe(201);
    expect(await refusals(server, 'sessions-per-minute')).toBe(1);
  });

  it('limits invites per session per minute', async () => {
    server = await startServer({ limits: { invitesPerSessionPerMinute: 3 } });
    const { sid, therapistToken } = await server.createSession();
    const invite = (id: string, token: string): Promise<Response> =>
      fetch(`${server!.url}/api/sessions/${id}/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'client', name: 'Sam' }),
      });
    for (let i = 0; i < 3; i++) expect((await invite(sid, therapistToken)).status).toBe(201);
    const refused = await invite(sid, therapistToken);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('too-many-invites');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const other = await server.createSession();
    expect((await invite(other.sid, other.therapistToken)).status).toBe(201);
    expect(await refusals(server, 'invites-per-minute')).toBe(1);
  });
});
