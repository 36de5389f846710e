/**
 * Starts one real Attune server for the browser tests, on a free loopback
 * port with a fresh SQLite file, and tells the tests where it is.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAttuneServer } from '@attune/session-server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    attune: { http: string; sync: string; adminKey: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'attune-browser-'));
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
  project.provide('attune', { http: server.url, sync: server.syncUrl, adminKey: server.adminKey });
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
