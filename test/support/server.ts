/**
 * Node-side helpers: a real Attune server on a free loopback port with a
 * fresh SQLite file, and participants made through the real HTTP API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type {
  CreateSessionRequest,
  CreateSessionResponse,
  InviteResponse,
  Role,
  Scope,
} from '@attune/session';
import { Session } from '@attune/session';
import type { AttuneServer, CreateServerOptions } from '@attune/session-server';
import { createAttuneServer } from '@attune/session-server';

export interface TestServer extends AttuneServer {
  dataDir: string;
  /** Creates a session through the API; returns its id and the therapist token. */
  createSession(options?: CreateSessionRequest): Promise<{ sid: string; therapistToken: string }>;
  /** Invites a participant through the API as the therapist. */
  invite(sid: string, therapistToken: string, role: Role, name?: string): Promise<string>;
  /** Closes the server and removes its data folder. */
  dispose(): Promise<void>;
}

export async function startServer(options: CreateServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'attune-test-')));
  const server = await createAttuneServer({
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    roomIdleMs: 50,
    ...options,
    dataDir,
    // Tests open many sessions and connections from one address; the tests about these limits set their own.
    limits: {
      connectionsPerIpPerMinute: 100_000,
      sessionsPerMinute: 100_000,
      invitesPerSessionPerMinute: 100_000,
      ...options.limits,
    },
  });
  return Object.assign(server, {
    dataDir,
    /**
     * A session through the admin API. Without a waiting room unless asked:
     * tests of other things let everyone straight in (the API's default is a
     * waiting room; test/server/admission.test.ts is about that).
     */
    async createSession(options: CreateSessionRequest = { waitingRoom: false }) {
      const res = await fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(options),
      });
      if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as CreateSessionResponse;
      return { sid: body.sid, therapistToken: body.therapistToken };
    },
    async invite(sid: string, therapistToken: string, role: Role, name = 'Participant') {
      const res = await fetch(`${server.url}/api/sessions/${sid}/invites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${therapistToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role, name }),
      });
      if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`);
      return ((await res.json()) as InviteResponse).token;
    },
    async dispose() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  });
}

/** A Session in Node, over `ws`. */
export function nodeSession(server: { syncUrl: string }, sid: string, token: string): Session {
  return new Session({
    server: server.syncUrl,
    sid,
    token,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 200,
  });
}

/** A stock y-websocket provider, configured only as DESIGN.md says. */
export function stockProvider(
  server: { syncUrl: string },
  sid: string,
  scope: Scope,
  token: string,
  doc = new Y.Doc(),
): WebsocketProvider {
  return new WebsocketProvider(server.syncUrl, `${sid}/${scope}`, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
}

/** Resolves when `check` returns true, polling on events rather than sleeping blindly. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function synced(provider: WebsocketProvider): Promise<void> {
  return provider.synced
    ? Promise.resolve()
    : new Promise((resolve) => provider.once('sync', () => resolve()));
}
