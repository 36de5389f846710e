/**
 * Helpers for browser tests: create a session through the real HTTP API and
 * invite participants, exactly as the therapist console does, and wait for
 * what a participant would see.
 */
import { inject, vi } from 'vitest';
import type {
  CreateSessionRequest,
  CreateSessionResponse,
  InviteResponse,
  Role,
  Session,
  SessionStatus,
} from '@attune/session';

/** Where a server is: the shared one (`inject('attune')`) or a test's own. */
export interface ServerAddress {
  http: string;
  sync: string;
  adminKey: string;
}

export interface TestSession {
  sid: string;
  sync: string;
  http: string;
  therapistToken: string;
  invite(role: Role, name: string): Promise<string>;
}

/** Invites a participant as the session's therapist; resolves to their token. */
export async function inviteTo(
  server: Pick<ServerAddress, 'http'>,
  sid: string,
  therapistToken: string,
  role: Role,
  name: string,
): Promise<string> {
  const response = await fetch(`${server.http}/api/sessions/${sid}/invites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${therapistToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role, name, ttlSeconds: 3600 }),
  });
  if (response.status !== 201) throw new Error(`inviting failed: ${response.status}`);
  return ((await response.json()) as InviteResponse).token;
}

/**
 * A session as the console creates it, but without a waiting room unless
 * asked: tests of other things let everyone straight in.
 */
export async function createTestSession(
  server: ServerAddress = inject('attune'),
  options: CreateSessionRequest = { waitingRoom: false },
): Promise<TestSession> {
  const created = await fetch(`${server.http}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (created.status !== 201) throw new Error(`creating a session failed: ${created.status}`);
  const { sid, therapistToken } = (await created.json()) as CreateSessionResponse;
  return {
    sid,
    sync: server.sync,
    http: server.http,
    therapistToken,
    invite: (role, name) => inviteTo(server, sid, therapistToken, role, name),
  };
}

/** Waits until `check` holds, polling, with what it waits for in the error. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeout = 10_000,
): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`still waiting for ${what}`);
    },
    { timeout, interval: 10 },
  );
}

/** Every status a session goes through from now on. */
export function statuses(session: Session): SessionStatus['status'][] {
  const seen: SessionStatus['status'][] = [];
  session.on('status', (status) => seen.push(status.status));
  return seen;
}
