/**
 * Helpers for browser tests: create a session through the real HTTP API and
 * invite participants, exactly as the therapist console does.
 */
import { inject } from 'vitest';
import type { CreateSessionResponse, InviteResponse, Role } from '@attune/session';

export interface TestSession {
  sid: string;
  sync: string;
  http: string;
  therapistToken: string;
  invite(role: Role, name: string): Promise<string>;
}

export async function createTestSession(): Promise<TestSession> {
  const { http, sync, adminKey } = inject('attune');
  const created = await fetch(`${http}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (!created.ok) throw new Error(`creating a session failed: ${created.status}`);
  const { sid, therapistToken } = (await created.json()) as CreateSessionResponse;
  return {
    sid,
    sync,
    http,
    therapistToken,
    async invite(role, name) {
      const response = await fetch(`${http}/api/sessions/${sid}/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${therapistToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role, name, ttlSeconds: 3600 }),
      });
      if (!response.ok) throw new Error(`inviting failed: ${response.status}`);
      return ((await response.json()) as InviteResponse).token;
    },
  };
}
