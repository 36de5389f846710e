#!/usr/bin/env node
/**
 * The music benchmark: starts a real Attune server and a delaying proxy,
 * serves bench/music with Vite, drives participant pages in headless Chromium
 * with real pointer input, loads the server with busy rooms from Node, and
 * prints a markdown table of Attune's figures beside anchors measured in the
 * same run.
 *
 *   npm run build && node bench/music/run.mjs [--notes=200] [--rooms=100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import WebSocket from 'ws';
import { createAttuneServer } from '../../packages/session-server/dist/index.js';
import { measureRelay } from './relay.mjs';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const { values: args } = parseArgs({
  options: {
    notes: { type: 'string', default: '200' },
    rooms: { type: 'string', default: '100' },
    restarts: { type: 'string', default: '8' },
    // One part alone while working on it: local (and A to B), relay, or pulse.
    only: { type: 'string', default: '' },
  },
});
const part = (name) => args.only === '' || args.only === name;
const NOTES = Number(args.notes);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'attune-music-bench-'));
const server = await createAttuneServer({
  dataDir,
  port: 0,
  host: '127.0.0.1',
  logLevel: 'warn',
  limits: {
    connectionsPerIpPerMinute: 100_000,
    sessionsPerMinute: 100_000,
    invitesPerSessionPerMinute: 100_000,
  },
});
const vite = await createServer({
  configFile: false,
  root,
  logLevel: 'warn',
  server: { host: '127.0.0.1', port: 0 },
  resolve: { dedupe: ['yjs', 'lib0', 'y-protocols', 'lit', '@lit/context'] },
  optimizeDeps: { entries: ['bench/music/index.html'] },
});

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a');
const pair = (xs) => `${ms(pct(xs, 0.5))} / ${ms(pct(xs, 0.99))}`;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

async function post(path, token, body) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function newSession(names) {
  const { sid, therapistToken } = await post('/api/sessions', server.adminKey, { waitingRoom: false });
  const tokens = [];
  for (const name of names)
    tokens.push(
      (await post(`/api/sessions/${sid}/invites`, therapistToken, { role: 'client', name, ttlSeconds: 3600 }))
        .token,
    );
  return { sid, therapistToken, tokens };
}

let browser;
let proxy;
const rows = [];
try {
  await vite.listen();
  const base = vite.resolvedUrls.local[0];
  const { startDelayProxy } = await vite.ssrLoadModule('/test/music-support/delay-proxy.ts');
  let seed = 7;
  proxy = await startDelayProxy(
    { host: '127.0.0.1', port: Number(new URL(server.url).port) },
    20,
    10,
    () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32,
  );
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--disable-renderer-backgrounding', '--disable-background-timer-throttling'],
  });
  const open = async (sync, sid, token, clockInterval = 5000) => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(
      `${base}bench/music/index.html#${encodeURIComponent(JSON.stringify({ sync, sid, token, clockInterval }))}`,
    );
    // Vite may reload a page once while it optimizes dependencies: start until it stays started.
    for (let attempt = 0; ; attempt++) {
      await page.waitForFunction(() => window.bench?.ready, null, { timeout: 180_000 });
      await page.evaluate(() => window.bench.start()).catch(() => {});
      await sleep(1000);
      if (await page.evaluate(() => window.bench?.started?.()).catch(() => false)) break;
      if (attempt === 3) throw new Error('the bench page did not start');
    }
    return page;
  };

  // 1 and 2: local trigger and A to B over loopback, against Tone's default and a note in the doc.
  if (part('local')) {
    const direct = await newSession(['A', 'B']);
    const a = await open(server.syncUrl, direct.sid, direct.tokens[0]);
    const b = await open(server.syncUrl, direct.sid, direct.tokens[1]);
    // Each target's centre, measured once. Every press is driven alike, the key and both anchors:
    // the pointer moves there, 15 ms later goes down and up. Not locator.click(): its checks before
    // each press (scrolling, waiting for animation frames, hit-target listeners in the page that run
    // in the measured pointerdown) were Playwright's work in front of the very press being timed.
    const targets = [];
    for (const selector of ['attune-instrument-space button[data-midi="60"]', '#tone-default', '#doc-note']) {
      const box = await a.locator(selector).boundingBox();
      targets.push({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
    }
    // Interleaved, so that the measures and their anchors meet the same moments of the machine.
    for (let i = 0; i < NOTES; i++) {
      for (const { x, y } of targets) {
        await a.mouse.move(x, y);
        await sleep(15);
        await a.mouse.down();
        await a.mouse.up();
      }
    }
    await sleep(300);
    const logA = await a.evaluate(() => ({ ...window.bench.log, origin: performance.timeOrigin }));
    const logB = await b.evaluate(() => window.bench.log);
    if (
      logA.down.length !== NOTES ||
      logA.toneDefault.length !== NOTES ||
      logA.docDown.length !== NOTES ||
      logA.local.length !== logA.down.length ||
      logB.remote.length < logA.down.length
    ) {
      throw new Error(
        `notes went missing: of ${NOTES} presses each, the key got ${logA.down.length} (${logA.local.length} played, ${logB.remote.length} heard), the anchors ${logA.toneDefault.length} and ${logA.docDown.length}`,
      );
    }
    const localCall = logA.local.map((x, i) => x.call - logA.down[i]);
    const localTrigger = logA.local.map((x, i) => x.trigger - logA.down[i]);
    const localSpeaker = logA.local.map((x, i) => x.speaker - logA.down[i]);
    const localHandler = logA.local.map((x, i) => x.trigger - logA.entry[i]);
    const toneTrigger = logA.toneDefault.map((x) => x.trigger - x.down);
    const toneSpeaker = logA.toneDefault.map((x) => x.speaker - x.down);
    const remote = logB.remote.slice(0, logA.down.length).map((t, i) => t - (logA.origin + logA.down[i]));
    if (process.env.MUSIC_BENCH_DEBUG) {
      const arrive = (type) => logB.frames.filter((f) => f.type === type).map((f) => f.at);
      const broadcastArrive = arrive(121)
        .slice(0, logA.down.length * 2)
        .filter((_, i) => i % 2 === 0)
        .map((t, i) => t - (logA.origin + logA.down[i]));
      const syncArrive = arrive(0)
        .slice(-logA.docDown.length)
        .map((t, i) => t - logA.docDown[i]);
      const sentAfter = logA.sent.filter((_, i) => i % 2 === 0).map((t, i) => t - logA.down[i]);
      console.log('engine.play cost on A', pair(logA.playCost), 'on B', pair(logB.playCost));
      console.log('A sent note after', pair(sentAfter), 'A sent doc after', pair(logA.docSent));
      console.log(
        'arrival of 121 on B',
        pair(broadcastArrive),
        'arrival of doc updates on B',
        pair(syncArrive),
      );
    }
    const docRelay = logB.docSeen.slice(0, logA.docDown.length).map((t, i) => t - logA.docDown[i]);
    rows.push({
      measure: 'local pointerdown to Tone trigger time, p50 / p99',
      attune: pair(localTrigger),
      anchor: "Tone's default look-ahead (0.1 s)",
      anchorValue: pair(toneTrigger),
      target: '≤ 3 ms p99',
    });
    rows.push({
      measure: 'local pointerdown to the trigger call (handler), p50 / p99',
      attune: pair(localCall),
      anchor: 'a bare pointerdown listener',
      anchorValue: pair(logA.docCall),
      target: '',
    });
    rows.push({
      measure: "the element's own handler: trigger time minus the event's entry into the element, p50 / p99",
      attune: pair(localHandler),
      anchor: '',
      anchorValue: '',
      target: '',
    });
    rows.push({
      measure: 'local pointerdown to the speaker (output timestamp), p50 / p99',
      attune: pair(localSpeaker),
      anchor: "Tone's default look-ahead",
      anchorValue: pair(toneSpeaker),
      target: '',
    });
    rows.push({
      measure: `A's pointerdown to B's trigger, loopback, p50 / p99 (${remote.length} notes)`,
      attune: pair(remote),
      anchor: 'the note written to the shared Y.Doc',
      anchorValue: pair(docRelay),
      target: '≤ 15 ms p99',
    });
    await a.close();
    await b.close();
  }

  // 3: the server's relay latency for a note with busy rooms, against a minimal ws relay.
  if (part('relay')) {
    const relay = await measureRelay({ server, newSession, rooms: Number(args.rooms), WebSocket });
    rows.push({
      measure: `note relay A to B with ${args.rooms} busy rooms, p50 / p99`,
      attune: pair(relay.attune),
      anchor: 'minimal ws relay, same load',
      anchorValue: pair(relay.anchor),
      target: '',
    });
    rows.push({
      measure: "the server's added relay latency (Attune minus anchor), p50 / p99",
      attune: `${ms(pct(relay.attune, 0.5) - pct(relay.anchor, 0.5))} / ${ms(pct(relay.attune, 0.99) - pct(relay.anchor, 0.99))}`,
      anchor: '',
      anchorValue: '',
      target: '≤ 1 ms p99',
    });
  }

  // 4: shared pulse phase between two clients through the delaying proxy.
  if (part('pulse')) {
    const far = await newSession(['C', 'D']);
    const viaProxy = `ws://127.0.0.1:${proxy.port}/sync`;
    // The session's own clock schedule: a burst, then four samples a second until the window is full.
    const c = await open(viaProxy, far.sid, far.tokens[0], 1000);
    const d = await open(viaProxy, far.sid, far.tokens[1], 1000);
    const { Session } = await import('../../packages/session/dist/index.js');
    const { CLOCK_WINDOW } = await import('../../packages/session/dist/clock.js');
    const { InstrumentSpaceModel } = await import('../../packages/music/dist/model.js');
    const therapist = new Session({
      server: viaProxy,
      sid: far.sid,
      token: far.therapistToken,
      WebSocketPolyfill: WebSocket,
      clockInterval: 1000,
    });
    await therapist.whenSynced();
    const model = new InstrumentSpaceModel(therapist.docs.space, therapist.docs.control);
    model.lockSetup({ tempo: 120 });
    for (const page of [c, d])
      await page.waitForFunction((n) => window.bench.clock().samples >= n, CLOCK_WINDOW, {
        timeout: 180_000,
      });
    while (therapist.clock.sampleCount < CLOCK_WINDOW) await sleep(100);
    const phase = [];
    const arrival = [];
    const rtts = await Promise.all([c, d].map((p) => p.evaluate(() => window.bench.clock().rtt)));
    for (let r = 0; r < Number(args.restarts); r++) {
      const startAt = Math.ceil(therapist.clock.now() + 400);
      model.startPulse(startAt, 'click');
      await sleep(3400);
      const [bc, bd] = await Promise.all([c, d].map((p) => p.evaluate(() => window.bench.beats())));
      for (const beat of bc) {
        const other = bd.find((x) => x.index === beat.index);
        if (!other) continue;
        phase.push(Math.abs(beat.heard - other.heard));
        if (process.env.MUSIC_BENCH_DEBUG) {
          // heard = at - offset + (stamp now - stamp when scheduled): the two pages' session offsets
          // (the pulse follows them steadily, so it lags their steps) and the output timestamps' part.
          const clock = other.offset - beat.offset;
          const stamp = beat.stampNow - beat.stamp - (other.stampNow - other.stamp);
          console.log(
            `restart ${r} beat ${beat.index}: phase ${(beat.heard - other.heard).toFixed(2)} session offsets ${clock.toFixed(2)} stamp ${stamp.toFixed(2)}`,
          );
        }
      }
      const [sc, sd] = await Promise.all(
        [c, d].map((p) =>
          p.evaluate((s) => window.bench.log.pulseSeen.find((x) => x.startAt === s)?.at, startAt),
        ),
      );
      if (sc && sd) arrival.push(Math.abs(sc - sd));
      model.stopPulse();
      await sleep(300);
    }
    rows.push({
      measure: `shared pulse phase error between two clients via the proxy (40 ms ± 10 ms; rtt seen ${rtts.map((x) => x.toFixed(0)).join(', ')} ms), p50 / p95 over ${phase.length} beats`,
      attune: `${ms(pct(phase, 0.5))} / ${ms(pct(phase, 0.95))}`,
      anchor: 'start the pulse on arrival of the start',
      anchorValue: `${ms(pct(arrival, 0.5))} / ${ms(pct(arrival, 0.95))}`,
      target: '≤ 2 ms p95',
    });
    model.destroy();
    therapist.destroy();
    await c.close();
    await d.close();
  }

  const version = await browser.version();
  console.log(
    `Music benchmark, headless Chromium ${version}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
  );
  console.log('| measure | Attune | anchor | anchor value | target |');
  console.log('|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.measure} | ${r.attune} | ${r.anchor} | ${r.anchorValue} | ${r.target} |`);
} finally {
  await browser?.close();
  await proxy?.close();
  await vite.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
