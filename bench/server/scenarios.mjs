/**
 * The workloads: rooms under load (many small rooms, one hot room) and idle
 * capacity. Each measures one server process while the generator, in this
 * process, offers the load.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Load } from './load.mjs';
import { GENERATOR_CORE, SERVER_CORE, attuneTokens, coreStat, isAttune, procStat } from './servers.mjs';

/** @typedef {import('./servers.mjs').ServerProcess} ServerProcess */

/**
 * When the generator is the limit: it uses nearly all of its core itself, or
 * most of it while its timers slip. When its timers slip on a full core that
 * other work on the machine is using, the run is marked contended instead:
 * its latencies say more about the machine than about the server.
 */
export const SATURATION = { cpu: 0.85, cpuSlipping: 0.7, coreBusy: 0.95, lagP99Ms: 10, missedShare: 0.01 };

/** Connection URLs for `rooms` rooms of `perRoom` clients on `server`. */
export async function roomUrls(
  /** @type {ServerProcess} */ server,
  /** @type {number} */ rooms,
  perRoom = 4,
) {
  /** @type {Array<{ urls: string[] }>} */
  const out = new Array(rooms);
  let next = 0;
  const worker = async () => {
    while (next < rooms) {
      const r = next++;
      if (isAttune(server.kind)) {
        const { sid, tokens } = await attuneTokens(server, perRoom);
        out[r] = { urls: tokens.map((t) => `${server.syncUrl}/${sid}/space?token=${t}`) };
      } else {
        const sid = randomBytes(16).toString('base64url');
        out[r] = { urls: Array.from({ length: perRoom }, () => `${server.syncUrl}/${sid}/space`) };
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}

/** Rooms an Attune server holds in memory (0 for the reference, which never says). */
async function loadedRooms(/** @type {ServerProcess} */ server) {
  if (!isAttune(server.kind)) return 0;
  const res = await fetch(`${server.url}/healthz`);
  return /** @type {{ rooms: number }} */ (await res.json()).rooms;
}

/** Waits until an Attune server has unloaded its idle rooms (down to `expected`). */
export async function untilRoomsUnloaded(
  /** @type {ServerProcess} */ server,
  expected = 0,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  while ((await loadedRooms(server)) > expected) {
    if (Date.now() > deadline) throw new Error(`${server.kind} kept its rooms for ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** @param {number[]} values */
export function median(values) {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs one configuration and returns the medians over its windows.
 * @param {ServerProcess} server
 * @param {{ rooms: number, perRoom: number, updateHz: number, awarenessHz: number,
 *   warmupSeconds: number, windowSeconds: number, windows: number, others: ServerProcess[],
 *   profileFile?: string }} c
 */
export async function underLoad(server, c) {
  const urls = await roomUrls(server, c.rooms, c.perRoom);
  // Nothing left over from an earlier configuration may run while this one is measured.
  for (const other of [server, ...c.others]) await untilRoomsUnloaded(other);
  const load = new Load({ rooms: urls, updateHz: c.updateHz, awarenessHz: c.awarenessHz });
  try {
    await load.connect();
    load.start();
    await sleep(c.warmupSeconds * 1000);
    if (c.profileFile) await server.profileStart();
    const windows = [];
    for (let i = 0; i < c.windows; i++) {
      const before = procStat(server.pid);
      const gen0 = process.cpuUsage();
      const core0 = coreStat(GENERATOR_CORE);
      const core1 = coreStat(SERVER_CORE);
      load.beginWindow();
      await sleep(c.windowSeconds * 1000);
      const m = load.endWindow();
      const after = procStat(server.pid);
      const gen = process.cpuUsage(gen0);
      const core0After = coreStat(GENERATOR_CORE);
      const core1After = coreStat(SERVER_CORE);
      const busy = (/** @type {{ busy: number, total: number }} */ a, /** @type {typeof a} */ b) =>
        (b.busy - a.busy) / Math.max(1, b.total - a.total);
      const cpuSeconds = after.cpu - before.cpu;
      windows.push({
        p50: m.p50,
        p99: m.p99,
        serverCpu: cpuSeconds / m.seconds,
        serverKernelCpu: (after.system - before.system) / m.seconds,
        usPerFrame: (cpuSeconds * 1e6) / Math.max(1, m.delivered),
        framesPerSecond: m.delivered / m.seconds,
        offeredPerSecond: m.sent / m.seconds,
        echoesPerSecond: m.echoes / m.seconds,
        rssMb: after.rss / 2 ** 20,
        generatorCpu: (gen.user + gen.system) / 1e6 / m.seconds,
        lagP99: m.lagP99,
        generatorCoreBusy: busy(core0, core0After),
        serverCoreBusy: busy(core1, core1After),
        missedShare: m.missed / Math.max(1, m.sent + m.missed),
      });
    }
    if (c.profileFile) await server.profileStop(c.profileFile);
    /** @type {Record<string, number>} */
    const result = {};
    for (const key of Object.keys(windows[0])) result[key] = median(windows.map((w) => w[key]));
    const slipping = result.lagP99 > SATURATION.lagP99Ms || result.missedShare > SATURATION.missedShare;
    const saturated =
      result.generatorCpu >= SATURATION.cpu || (result.generatorCpu >= SATURATION.cpuSlipping && slipping);
    const contended = !saturated && slipping && result.generatorCoreBusy >= SATURATION.coreBusy;
    return {
      server: server.kind,
      rooms: c.rooms,
      perRoom: c.perRoom,
      windows: windows.length,
      saturated,
      contended,
      slipping,
      ...result,
    };
  } finally {
    await load.close();
  }
}

/**
 * Idle capacity on a fresh server: memory per room and per connection while
 * rooms sit idle with some content and presence, and after everyone leaves
 * (twice, with new rooms the second time).
 * @param {ServerProcess} server
 * @param {{ rooms: number, updatesPerRoom: number, rounds: number }} c one round (quick) skips the
 *   per-connection split and the second round
 */
export async function idleCapacity(server, c) {
  // Warm the code paths first, so the baseline is not the cold process.
  const warm = new Load({ rooms: await roomUrls(server, 5), updateHz: 0, awarenessHz: 0 });
  await warm.connect();
  await warm.prime(c.updatesPerRoom);
  await warm.handled();
  await warm.close();
  // Tokens come first, as a portal makes them before anyone joins.
  const urls = await roomUrls(server, c.rooms, 4);
  await untilRoomsUnloaded(server);
  const base = await settled(server);

  /** Fills the rooms: their first clients with content and presence, then three more each. */
  const fill = async (
    /** @type {Array<{ urls: string[] }>} */ rooms,
    /** @type {boolean} */ measureOne,
    /** @type {boolean} */ measure,
  ) => {
    const first = new Load({
      rooms: rooms.map((r) => ({ urls: r.urls.slice(0, 1) })),
      updateHz: 0,
      awarenessHz: 0,
    });
    await first.connect();
    await first.prime(c.updatesPerRoom);
    await first.handled();
    const one = measureOne ? await settled(server) : null;
    const rest = new Load({
      rooms: rooms.map((r) => ({ urls: r.urls.slice(1) })),
      updateHz: 0,
      awarenessHz: 0,
    });
    await rest.connect();
    await rest.prime(0);
    await rest.handled();
    const burst = await server.memory();
    const four = measure ? await settled(server) : null;
    await first.close();
    await rest.close();
    const leftAt = Date.now();
    await untilRoomsUnloaded(server);
    // The reference never says when it is done; give it as long as Attune took, and at least 6 s.
    await sleep(Math.max(0, 6000 - (Date.now() - leftAt)));
    return { one, four, burst, after: await settled(server) };
  };
  const { one, four, burst, after } = await fill(urls, c.rounds >= 2, true);
  if (!four) throw new Error('unreachable');
  // More rounds of as many new rooms: what stays after them shows whether memory is reused or lost.
  /** @type {Array<{ heapUsed: number, rss: number, rooms: number }>} */
  const rounds = [];
  for (let r = 2; r <= c.rounds; r++)
    rounds.push((await fill(await roomUrls(server, c.rooms, 4), false, false)).after);
  const again = rounds.at(-1);

  const kb = (/** @type {number} */ bytes) => bytes / 1024;
  const perConnRss = one ? kb(four.rss - one.rss) / (3 * c.rooms) : NaN;
  const perConnHeap = one ? kb(four.heapUsed - one.heapUsed) / (3 * c.rooms) : NaN;
  return {
    server: server.kind,
    rooms: c.rooms,
    roomRssKb: kb(four.rss - base.rss) / c.rooms,
    roomHeapKb: kb(four.heapUsed - base.heapUsed) / c.rooms,
    burstRoomRssKb: kb(burst.rss - base.rss) / c.rooms,
    bareRoomRssKb: one ? kb(one.rss - base.rss) / c.rooms - perConnRss : NaN,
    bareRoomHeapKb: one ? kb(one.heapUsed - base.heapUsed) / c.rooms - perConnHeap : NaN,
    connRssKb: perConnRss,
    connHeapKb: perConnHeap,
    baseRssMb: base.rss / 2 ** 20,
    peakRssMb: four.rss / 2 ** 20,
    afterRssMb: after.rss / 2 ** 20,
    baseHeapMb: base.heapUsed / 2 ** 20,
    peakHeapMb: four.heapUsed / 2 ** 20,
    afterHeapMb: after.heapUsed / 2 ** 20,
    roomExternalKb: kb(four.external - base.external) / c.rooms,
    afterExternalMb: after.external / 2 ** 20,
    againHeapMb: again ? again.heapUsed / 2 ** 20 : NaN,
    againRssMb: again ? again.rss / 2 ** 20 : NaN,
    /** Heap after each round, the first included. */
    roundsHeapMb: [after, ...rounds].map((m) => m.heapUsed / 2 ** 20),
    roomsAfter: (again ?? after).rooms,
  };
}

/**
 * Memory once the server has settled: V8 gives back the young generation it
 * grew during a burst (connecting, syncing) only when its memory reducer runs,
 * some seconds after allocation calms down, so readings wait for that and
 * then until the committed heap stops changing.
 * @param {ServerProcess} server
 */
async function settled(server, minMs = 9000, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  await sleep(minMs);
  let last = await server.memory();
  for (;;) {
    await sleep(1000);
    const now = await server.memory();
    if (now.heapTotal === last.heapTotal || Date.now() > deadline) return now;
    last = now;
  }
}
