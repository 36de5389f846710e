/** A real Attune server in Node for music's cross-package tests and benchmarks. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAttuneServer } from '@attune/session-server';
import type { CreateSessionResponse, InviteResponse, Role } from '@attune/session';

export interface NodeTestServer {
  http: string;
  sync: string;
  port: number;
  createSession(): Promise<{
    sid: string;
    therapistToken: string;
    invite(role: Role, name: string): Promise<string>;
  }>;
  close(): Promise<void>;
}

export async function startNodeServer(): Promise<NodeTestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'attune-music-'));
  const server = await createAttuneServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'warn',
    roomIdleMs: 200,
    limits: {
      connectionsPerIpPerMinute: 100_000,
      sessionsPerMinute: 100_000,
      invitesPerSessionPerMinute: 100_000,
    },
  });
  const http = server.url;
  return {
    http,
    sync: server.syncUrl,
    port: Number(new URL(http).port),
    async createSession() {
      const created = await fetch(`${http}/api/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ waitingRoom: false }),
      });
      const { sid, therapistToken } = (await created.json()) as CreateSessionResponse;
      return {
        sid,
        therapistToken,
        async invite(role, name) {
          const response = await fetch(`${http}/api/sessions/${sid}/invites`, {
            method: 'POST',
            headers: { authorization: `Bearer ${therapistToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ role, name, ttlSeconds: 3600 }),
          });
          return ((await response.json()) as InviteResponse).token;
        },
      };
    },
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
