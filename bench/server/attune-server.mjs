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
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import { createAttuneServer } from '../../packages/session-server/dist/server.js';
import { profileOnRequest } from './profiler.mjs';

const dataDir = await mkdtemp(join(tmpdir(), 'attune-bench-'));
const server = await createAttuneServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  secret: process.env.ATTUNE_SECRET,
  logLevel: 'silent',
  limits: { connectionsPerIpPerMinute: 1_000_000_000 },
});

const send = (/** @type {object} */ message) => process.send?.(message);

process.on('message', async (/** @type {{ op: string }} */ message) => {
  if (message.op === 'memory') {
    globalThis.gc?.();
    globalThis.gc?.();
    send({ op: 'memory', ...process.memoryUsage(), rooms: server.stats.rooms });
  } else if (message.op === 'heap-snapshot') {
    globalThis.gc?.();
    send({ op: 'heap-snapshot', file: writeHeapSnapshot(/** @type {any} */ (message).file) });
  } else if (message.op === 'stop') {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    // A normal exit, so that --cpu-prof writes its profile.
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
profileOnRequest(process);

send({ op: 'ready', url: server.url, pid: process.pid });
