/**
 * Attune's session server as the benchmark runs it: a child process with
 * auth, limits and SQLite storage on, in a temporary data folder. Only the
 * rate of new connections per address is raised, since every benchmark
 * client comes from 127.0.0.1. The token secret comes from the runner, which
 * signs participants' tokens as a portal's backend would. Talks to the runner
 * over IPC.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { answerRunner } from './child.mjs';

// Another build's dist folder (run.mjs --before=DIR), or this checkout's.
const dist = process.env.ATTUNE_SERVER_DIST
  ? pathToFileURL(`${resolve(process.env.ATTUNE_SERVER_DIST)}/`)
  : new URL('../../packages/session-server/dist/', import.meta.url);
/** @type {typeof import('../../packages/session-server/dist/server.js')} */
const { createAttuneServer } = await import(new URL('server.js', dist).href);

const dataDir = await mkdtemp(join(tmpdir(), 'attune-bench-'));
const server = await createAttuneServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  secret: process.env.ATTUNE_SECRET,
  logLevel: 'silent',
  limits: { connectionsPerIpPerMinute: 1_000_000_000, sessionsPerMinute: 1_000_000_000 },
});

answerRunner({
  url: server.url,
  rooms: () => server.stats.rooms,
  async stop() {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});
