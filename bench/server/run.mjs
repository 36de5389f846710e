#!/usr/bin/env node
/**
 * The server benchmark: Attune's session server against `@y/websocket-server`
 * 0.1.1 under the same load, in the same run. The generator (this process) is
 * pinned to core 0, each server to core 1. See README.md.
 *
 *   node bench/server/run.mjs [--quick] [--rooms=50,100] [--hot=2,10] [--windows=5]
 *     [--window=3] [--warmup=2] [--idle-rooms=200] [--idle-rounds=2] [--no-small] [--no-hot] [--no-idle]
 *     [--only=attune|reference] [--floor] [--out=file.md] [--profile=ROOMS] [--gc=single|threads]
 *     [--node-flags="--flag …"] [--before=DIST]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyFrames } from './frames.mjs';
import { profileMarkdown, stalls, stallsMarkdown, summarize } from './profile.mjs';
import { idleTable, loadTable, ratioTable, targets } from './report.mjs';
import { idleCapacity, underLoad } from './scenarios.mjs';
import { GENERATOR_CORE, SERVER_CORE, startServer } from './servers.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rooms: { type: 'string' },
    hot: { type: 'string' },
    windows: { type: 'string' },
    window: { type: 'string' },
    warmup: { type: 'string' },
    'idle-rooms': { type: 'string' },
    'idle-rounds': { type: 'string' },
    'no-idle': { type: 'boolean', default: false },
    'no-hot': { type: 'boolean', default: false },
    'no-small': { type: 'boolean', default: false },
    only: { type: 'string' },
    floor: { type: 'boolean', default: false },
    out: { type: 'string' },
    profile: { type: 'string' },
    gc: { type: 'string', default: 'single' },
    'node-flags': { type: 'string' },
    before: { type: 'string' },
  },
});

// Pin this process (and every thread it starts) to the generator's core, once.
if (process.env.ATTUNE_BENCH_PINNED !== '1') {
  if (availableParallelism() < 2) console.warn('Fewer than 2 cores: the generator and the server share one.');
  const pinned = spawnSync(
    'taskset',
    ['-c', String(GENERATOR_CORE), process.execPath, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, ATTUNE_BENCH_PINNED: '1' },
    },
  );
  if (pinned.error) throw pinned.error;
  process.exit(pinned.status ?? 1);
}

const list = (/** @type {string | undefined} */ s, /** @type {number[]} */ d) =>
  s ? s.split(',').map(Number) : d;
const quick = args.quick;
const settings = {
  rooms: list(args.rooms, quick ? [50, 100] : [50, 100, 150, 200, 250]),
  hot: list(args.hot, quick ? [2, 10] : [2, 5, 10, 20, 50]),
  windows: Number(args.windows ?? (quick ? 3 : 4)),
  windowSeconds: Number(args.window ?? (quick ? 2 : 3)),
  warmupSeconds: Number(args.warmup ?? (quick ? 1 : 2)),
  idleRooms: Number(args['idle-rooms'] ?? (quick ? 100 : 200)),
  idleRounds: Number(args['idle-rounds'] ?? (quick ? 1 : 2)),
};
if (args.gc !== 'single' && args.gc !== 'threads') throw new Error('--gc is single or threads');
/** Node flags for both servers: the same for each, so that they meet the same conditions. */
const serverFlags = [
  ...(args.gc === 'single' ? ['--single-threaded-gc'] : []),
  ...(args['node-flags']?.split(/\s+/).filter(Boolean) ?? []),
];
/** @type {Array<import('./servers.mjs').Kind>} */
const kinds = args.only ? [/** @type {any} */ (args.only)] : ['attune', 'reference'];
/** The floor (floor-server.mjs): a yardstick beside the two, in every workload; the targets compare only the two. */
const loadKinds = [
  ...kinds,
  // Another build of Attune's server (its dist folder), beside this one: a change measured in one run.
  ...(args.before ? [/** @type {const} */ ('attune-before')] : []),
  ...(args.floor ? [/** @type {const} */ ('floor')] : []),
];
/** Starts a server of `kind` with the run's Node flags (and, for 'attune-before', its build). */
const start = (/** @type {import('./servers.mjs').Kind} */ kind) =>
  startServer(kind, serverFlags, args.before);
const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);

verifyFrames();

if (args.profile) {
  await profileServers(Number(args.profile));
  process.exit(0);
}

const started = Date.now();
const header = [
  `Run ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), load average ${loadavg()[0].toFixed(1)} at start; generator on core ${GENERATOR_CORE}, server on core ${SERVER_CORE}.`,
  `Windows: ${settings.windows} × ${settings.windowSeconds} s after ${settings.warmupSeconds} s warm-up; each figure is the median over the windows.`,
  `Both servers run with Node flags: ${serverFlags.join(' ') || '(none)'}.`,
];

const servers = [];
for (const kind of loadKinds) servers.push(await start(kind));

const load = async (/** @type {number} */ rooms, /** @type {number} */ perRoom) => {
  const rows = [];
  for (const server of servers) {
    log(`${server.kind}: ${rooms} room(s) × ${perRoom} clients …`);
    const row = await underLoad(server, {
      rooms,
      perRoom,
      updateHz: 30,
      awarenessHz: 10,
      warmupSeconds: settings.warmupSeconds,
      windowSeconds: settings.windowSeconds,
      windows: settings.windows,
      others: servers.filter((s) => s !== server),
    });
    log(
      `  p50 ${row.p50.toFixed(2)} ms, p99 ${row.p99.toFixed(2)} ms, server CPU ${(row.serverCpu * 100).toFixed(0)}% (kernel ${(row.serverKernelCpu * 100).toFixed(0)}%), ${row.usPerFrame.toFixed(1)} µs/frame, generator ${(row.generatorCpu * 100).toFixed(0)}%, its core ${(row.generatorCoreBusy * 100).toFixed(0)}% busy${row.saturated ? ' (generator saturated)' : row.contended ? ' (generator core contended)' : ''}`,
    );
    rows.push(row);
  }
  return rows;
};

const small = [];
for (const rooms of args['no-small'] ? [] : settings.rooms) {
  const rows = await load(rooms, 4);
  small.push(...rows);
  if (rows.some((r) => r.saturated)) {
    log(`The generator saturated at ${rooms} rooms: larger R would measure the generator, not the server.`);
    break;
  }
}
const hot = [];
if (!args['no-hot']) for (const n of settings.hot) hot.push(...(await load(1, n)));
for (const server of servers) await server.stop();

const idle = [];
if (!args['no-idle']) {
  for (const kind of loadKinds) {
    log(`${kind}: idle capacity, ${settings.idleRooms} rooms …`);
    const server = await start(kind);
    try {
      idle.push(
        await idleCapacity(server, {
          rooms: settings.idleRooms,
          updatesPerRoom: 30,
          rounds: settings.idleRounds,
        }),
      );
    } finally {
      await server.stop();
    }
  }
}

const saturatedAt = small.find((r) => r.saturated);
const report = [
  '## Server benchmark',
  '',
  ...header,
  `Duration: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  '',
  '### Many small rooms (R rooms × 4 clients: one draws 30 updates/s, all send presence at 10 Hz)',
  '',
  loadTable(small, 'R'),
  '',
  saturatedAt
    ? `The generator saturated at R = ${saturatedAt.rooms} (${saturatedAt.server} run: generator CPU ${(saturatedAt.generatorCpu * 100).toFixed(0)}%, its core ${(saturatedAt.generatorCoreBusy * 100).toFixed(0)}% busy, timer lag p99 ${saturatedAt.lagP99.toFixed(1)} ms, ${(saturatedAt.missedShare * 100).toFixed(1)}% sends missed): from there on the generator, not the server, is the limit.`
    : 'The generator did not saturate at any R offered.',
  small.concat(hot).some((r) => r.contended)
    ? 'Rows marked "generator core contended": other work on the machine kept the generator\'s core full and its timers slipped; their latencies are not the server\'s alone.'
    : '',
  '',
  ratioTable(small, 'R'),
  '',
  '### One hot room (N clients: one draws 30 updates/s, all send presence at 10 Hz)',
  '',
  hot.length ? loadTable(hot, 'N') : '(not run)',
  '',
  hot.length ? ratioTable(hot, 'N') : '',
  '',
  '### Idle capacity (rooms with 30 updates and everyone present, then everyone leaves)',
  '',
  idle.length ? idleTable(idle) : '(not run)',
  '',
  '### Targets (issue 6)',
  '',
  kinds.length === 2 ? targets(small, idle) : '(needs both servers)',
  '',
].join('\n');
console.log(report);
if (args.out) writeFileSync(args.out, report);

/** Profiles each server under `rooms` small rooms (measured windows only) and prints where its time goes. */
async function profileServers(/** @type {number} */ rooms) {
  const dir = mkdtempSync(join(tmpdir(), 'attune-prof-'));
  const parts = [];
  for (const kind of loadKinds) {
    const server = await start(kind);
    const file = join(dir, `${kind}.cpuprofile`);
    try {
      const row = await underLoad(server, {
        rooms,
        perRoom: 4,
        updateHz: 30,
        awarenessHz: 10,
        warmupSeconds: 2,
        windowSeconds: 5,
        windows: 2,
        others: [],
        profileFile: file,
      });
      log(
        `${kind} profiled at ${rooms} rooms: server CPU ${(row.serverCpu * 100).toFixed(0)}%, ${row.usPerFrame.toFixed(1)} µs/frame`,
      );
      parts.push(
        `### ${kind} server profile, ${rooms} rooms × 4 clients (10 s under load; server CPU ${(row.serverCpu * 100).toFixed(0)}%, ${row.usPerFrame.toFixed(1)} µs per relayed frame)\n\n${profileMarkdown(summarize(file))}\n\n${stallsMarkdown(stalls(file))}\n`,
      );
    } finally {
      await server.stop();
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const text = parts.join('\n');
  console.log(text);
  if (args.out) writeFileSync(args.out, text);
}
