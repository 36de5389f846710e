import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@attune/session';
import type { TestServer } from '../support/server.js';
import { startServer } from '../support/server.js';

const LIVEKIT = {
  LIVEKIT_URL: 'ws://127.0.0.1:7880',
  LIVEKIT_API_KEY: 'devkey',
  LIVEKIT_API_SECRET: 'a-secret-of-at-least-thirty-two-characters',
};

async function videoToken(server: TestServer, sid: string, token: string | null): Promise<Response> {
  return fetch(`${server.url}/api/sessions/${sid}/video-token`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

describe('GET /api/sessions/:sid/video-token', () => {
  let server: TestServer;
  let sid: string;
  let therapistToken: string;
  beforeAll(async () => {
    server = await startServer();
    ({ sid, therapistToken } = await server.createSession());
  });
  afterAll(async () => {
    for (const key of Object.keys(LIVEKIT)) delete process.env[key];
    await server.dispose();
  });

  it('answers 503 video-unavailable without LiveKit, and still checks the token first', async () => {
    for (const key of Object.keys(LIVEKIT)) delete process.env[key];
    const ok = await videoToken(server, sid, therapistToken);
    expect(ok.status).toBe(503);
    expect(((await ok.json()) as { error: { code: string } }).error.code).toBe('video-unavailable');
    const missing = await videoToken(server, sid, null);
    expect(missing.status).toBe(401);
    const other = await server.createSession();
    const wrong = await videoToken(server, sid, other.therapistToken);
    expect(wrong.status).toBe(403);
  });

  it('says in /api/features whether video is offered, so a page need not ask and fail', async () => {
    for (const key of Object.keys(LIVEKIT)) delete process.env[key];
    const off = await fetch(`${server.url}/api/features`);
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ video: false });
    Object.assign(process.env, LIVEKIT);
    expect(await (await fetch(`${server.url}/api/features`)).json()).toEqual({ video: true });
    for (const key of Object.keys(LIVEKIT)) delete process.env[key];
  });

  it('grants by role: everyone joins and subscribes, an observer never publishes', async () => {
    Object.assign(process.env, LIVEKIT);
    const verifier = new TokenVerifier(LIVEKIT.LIVEKIT_API_KEY, LIVEKIT.LIVEKIT_API_SECRET);
    const roles: Role[] = ['therapist', 'assistant', 'client', 'caregiver', 'observer'];
    for (const role of roles) {
      const name = `Person ${role}`;
      const token =
        role === 'therapist' ? therapistToken : await server.invite(sid, therapistToken, role, name);
      const res = await videoToken(server, sid, token);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { url: string; token: string; room: string; identity: string };
      expect(body.url).toBe(LIVEKIT.LIVEKIT_URL);
      const grants = await verifier.verify(body.token);
      const sub = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
      // The identity is the opaque participant id, never the display name.
      expect(grants.sub).toBe(sub);
      expect(body.identity).toBe(sub);
      expect(JSON.stringify(grants)).not.toContain(name);
      expect(grants.video?.room).toBe(sid);
      expect(grants.video?.roomJoin).toBe(true);
      expect(grants.video?.canSubscribe).toBe(true);
      expect(grants.video?.canPublish).toBe(role !== 'observer');
      expect(grants.video?.canPublishData).toBe(role !== 'observer');
      expect(grants.video?.roomAdmin).not.toBe(true);
    }
  });

  it('signs with the configured secret only, and refuses removed participants', async () => {
    Object.assign(process.env, LIVEKIT);
    const clientToken = await server.invite(sid, therapistToken, 'client', 'Sam');
    const res = await videoToken(server, sid, clientToken);
    const body = (await res.json()) as { token: string };
    await expect(
      new TokenVerifier(LIVEKIT.LIVEKIT_API_KEY, 'another-secret-of-thirty-two-chars!!').verify(body.token),
    ).rejects.toThrow();
    const sub = JSON.parse(Buffer.from(clientToken.split('.')[1]!, 'base64url').toString()).sub as string;
    const removed = await fetch(`${server.url}/api/sessions/${sid}/participants/${encodeURIComponent(sub)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${therapistToken}` },
    });
    expect(removed.status).toBe(200);
    expect((await videoToken(server, sid, clientToken)).status).toBe(403);
  });
});
