import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import type { AttuneServer } from '@attune/session-server';
import type { Role } from '@attune/session/protocol';

import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

export { chromiumArgs, chromiumPath };

const dedupe = ['yjs', 'lib0', 'y-protocols', 'lit', '@lit/context'];

/**
 * Attune servers that a browser test starts, stops and restarts from Node. A
 * restart keeps the port and the data folder, so the page's sockets reconnect
 * by themselves and find the stored documents.
 */
interface OwnServer {
  port: number;
  dataDir: string;
  server: AttuneServer | null;
}
const ownServers = new Map<string, OwnServer>();

async function listen(own: OwnServer): Promise<AttuneServer> {
  const { createAttuneServer } = await import('@attune/session-server');
  const server = await createAttuneServer({
    dataDir: own.dataDir,
    port: own.port,
    host: '127.0.0.1',
    logLevel: 'silent',
    roomIdleMs: 200,
    limits: {
      connectionsPerIpPerMinute: 100_000,
      sessionsPerMinute: 100_000,
      invitesPerSessionPerMinute: 100_000,
    },
  });
  own.server = server;
  own.port = server.port;
  return server;
}

function ownServer(id: string): OwnServer {
  const own = ownServers.get(id);
  if (!own) throw new Error(`no Attune server ${id}`);
  return own;
}

async function stopOwn(own: OwnServer): Promise<void> {
  const server = own.server;
  own.server = null;
  await server?.close();
}

export interface AttuneServerInfo {
  id: string;
  http: string;
  sync: string;
  adminKey: string;
}

interface AttuneTokenClaims {
  sid: string;
  role: Role;
  sub: string;
  name: string;
  ttlSeconds: number;
}

const attuneCommands = {
  async startAttune(): Promise<AttuneServerInfo> {
    const own: OwnServer = { port: 0, dataDir: await mkdtemp(join(tmpdir(), 'attune-own-')), server: null };
    const server = await listen(own);
    const id = String(server.port);
    ownServers.set(id, own);
    return { id, http: server.url, sync: server.syncUrl, adminKey: server.adminKey };
  },
  /** Stops the server (storing everything first); its data stays for a restart. */
  async stopAttune(_ctx: unknown, id: string): Promise<void> {
    await stopOwn(ownServer(id));
  },
  /** Starts it again on the same port with the same data, stopping it first if it runs. */
  async restartAttune(_ctx: unknown, id: string): Promise<void> {
    const own = ownServer(id);
    await stopOwn(own);
    await listen(own);
  },
  /** Stops the server and erases its data folder. */
  async disposeAttune(_ctx: unknown, id: string): Promise<void> {
    const own = ownServer(id);
    ownServers.delete(id);
    await stopOwn(own);
    await rm(own.dataDir, { recursive: true, force: true });
  },
  /** What the server's /healthz says, read from Node (the page's origin differs). */
  async attuneHealth(_ctx: unknown, id: string): Promise<{ rooms: number; connections: number }> {
    const server = ownServer(id).server;
    if (!server) throw new Error(`Attune server ${id} is stopped`);
    return (await (await fetch(`${server.url}/healthz`)).json()) as { rooms: number; connections: number };
  },
  /** A token signed by the server's secret; a negative ttl gives an expired one. */
  async signAttuneToken(_ctx: unknown, id: string, claims: AttuneTokenClaims): Promise<string> {
    const server = ownServer(id).server;
    if (!server) throw new Error(`Attune server ${id} is stopped`);
    return server.keys.sign(claims);
  },
};

declare module 'vitest/internal/browser' {
  interface BrowserCommands {
    startAttune: () => Promise<AttuneServerInfo>;
    stopAttune: (id: string) => Promise<void>;
    restartAttune: (id: string) => Promise<void>;
    disposeAttune: (id: string) => Promise<void>;
    attuneHealth: (id: string) => Promise<{ rooms: number; connections: number }>;
    signAttuneToken: (id: string, claims: AttuneTokenClaims) => Promise<string>;
  }
}

export default defineConfig({
  resolve: { dedupe },
  test: {
    projects: [
      {
        resolve: { dedupe },
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**', '**/dist/**'],
          pool: 'forks',
          execArgv: ['--expose-gc'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { dedupe },
        optimizeDeps: {
          include: [
            'yjs',
            'lib0',
            'y-protocols/awareness',
            'y-websocket',
            'lit',
            'livekit-client',
            'fabric',
            'tone',
            'perfect-freehand',
            '@tonejs/midi',
            'axe-core',
          ],
        },
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          globalSetup: ['test/support/global-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            commands: attuneCommands,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
