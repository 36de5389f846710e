/**
 * Starting the two servers as child processes pinned to their own core, and
 * reading what they cost from /proc.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TokenKeys } from '../../packages/session-server/dist/tokens.js';

export const SERVER_CORE = 1;
export const GENERATOR_CORE = 0;

/** @typedef {'attune' | 'attune-before' | 'reference' | 'floor'} Kind */
/**
 * @typedef {object} ServerProcess
 * @property {Kind} kind
 * @property {number} pid
 * @property {string} url http://host:port
 * @property {string} syncUrl ws://host:port/sync
 * @property {TokenKeys | null} keys signs tokens as a portal's backend does (Attune only)
 * @property {() => Promise<{ rss: number, heapTotal: number, heapUsed: number, external: number, rooms: number }>} memory after a full GC
 * @property {() => Promise<void>} profileStart starts V8's CPU profiler in the server
 * @property {(file: string) => Promise<void>} profileStop writes the profile to `file`
 * @property {(file: string) => Promise<void>} heapSnapshot writes a V8 heap snapshot to `file`
 * @property {() => Promise<void>} stop
 */

const SCRIPTS = {
  attune: fileURLToPath(new URL('./attune-server.mjs', import.meta.url)),
  // Another build of Attune's server (--before=DIR), the same script with that build's dist.
  'attune-before': fileURLToPath(new URL('./attune-server.mjs', import.meta.url)),
  reference: fileURLToPath(new URL('./reference-server.mjs', import.meta.url)),
  floor: fileURLToPath(new URL('./floor-server.mjs', import.meta.url)),
};

/** True for Attune's server, this build's or another's: it takes tokens and unloads idle rooms. */
export const isAttune = (/** @type {Kind} */ kind) => kind === 'attune' || kind === 'attune-before';

/**
 * @param {Kind} kind
 * @param {string[]} [flags] Node flags, the same for both servers (see README: garbage collection on one core)
 * @param {string} [dist] for 'attune-before': the `dist` folder of the build to run
 * @returns {Promise<ServerProcess>}
 */
export async function startServer(kind, flags = [], dist) {
  const nodeArgs = ['--expose-gc', ...flags];
  // The portal's shared secret: tokens are signed here, outside the server, as DESIGN.md allows.
  const secret = randomBytes(32).toString('base64url');
  const child = spawn('taskset', ['-c', String(SERVER_CORE), process.execPath, ...nodeArgs, SCRIPTS[kind]], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: isAttune(kind)
      ? { ...process.env, ATTUNE_SECRET: secret, ...(dist ? { ATTUNE_SERVER_DIST: dist } : {}) }
      : process.env,
  });
  /** @type {Array<(m: any) => void>} */
  const waiting = [];
  child.on('message', (m) => waiting.shift()?.(m));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ready = await Promise.race([
    new Promise((resolve) => waiting.push(resolve)),
    exited.then((code) => {
      throw new Error(`the ${kind} server exited with ${code} before it was ready`);
    }),
  ]);
  const ask = (/** @type {string} */ op, extra = {}) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      child.send({ op, ...extra });
    });
  return {
    kind,
    pid: ready.pid,
    url: ready.url,
    syncUrl: ready.url.replace(/^http/, 'ws') + '/sync',
    keys: isAttune(kind) ? new TokenKeys(secret) : null,
    memory: () => /** @type {Promise<any>} */ (ask('memory')),
    heapSnapshot: async (file) => void (await ask('heap-snapshot', { file })),
    profileStart: async () => void (await ask('profile-start')),
    profileStop: async (file) => void (await ask('profile-stop', { file })),
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ op: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/**
 * CPU seconds (user + system, all threads; and the system part alone) and
 * resident bytes of a process, from /proc/<pid>/stat.
 */
export function procStat(/** @type {number} */ pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  // Fields after the command name, which may hold spaces: field 3 is the state.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  const rss = Number(fields[24 - 3]);
  return { cpu: (utime + stime) / TICKS_PER_SECOND, system: stime / TICKS_PER_SECOND, rss: rss * PAGE_BYTES };
}

/** Busy and total jiffies of one core, from /proc/stat. */
export function coreStat(/** @type {number} */ core) {
  const line = readFileSync('/proc/stat', 'latin1')
    .split('\n')
    .find((l) => l.startsWith(`cpu${core} `));
  if (!line) return { busy: 0, total: 0 };
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + v[4];
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** A new session id and a token for each of its participants: a therapist and clients. */
export async function attuneTokens(/** @type {ServerProcess} */ server, /** @type {number} */ participants) {
  if (!server.keys) throw new Error('only Attune takes tokens');
  const sid = randomBytes(16).toString('base64url');
  const tokens = [];
  for (let i = 0; i < participants; i++) {
    const role = i === 0 ? 'therapist' : 'client';
    const sub = `${role[0]}_${randomBytes(12).toString('base64url')}`;
    tokens.push(await server.keys.sign({ sid, role, sub, name: `Participant ${i}`, ttlSeconds: 3600 }));
  }
  return { sid, tokens };
}
