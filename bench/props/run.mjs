#!/usr/bin/env node
/**
 * Prop board benchmark. Prints a markdown table; never fails on a timing.
 *
 *   npm run build && node bench/props/run.mjs
 *
 * 1. Opening a board with 500 props in headless Chromium (anchor: an empty board, same run).
 * 2. The work per frame while a prop moves (anchor: the idle frame interval, same run).
 * 3. A move reaching another participant through the real server over loopback
 *    (anchor: a bare Y.Map write through the same server, same run).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import WebSocket from 'ws';
import { Session } from '@attune/session';
import { createAttuneServer } from '@attune/session-server';
import { BoardModel } from '@attune/drama-props';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PROPS = 500;
const RUNS = 5;

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const median = (values) => quantile(values, 0.5);
const ms = (value) => `${value.toFixed(1)} ms`;

const dataDir = await mkdtemp(join(tmpdir(), 'attune-bench-props-'));
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

async function post(path, token, body) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

async function room() {
  const { sid, therapistToken } = await post('/api/sessions', server.adminKey, { waitingRoom: false });
  const { token } = await post(`/api/sessions/${sid}/invites`, therapistToken, {
    role: 'client',
    name: 'Bench',
    ttlSeconds: 3600,
  });
  return { sid, therapist: therapistToken, client: token };
}

const nodeSession = (sid, token) =>
  new Session({ server: server.syncUrl, sid, token, WebSocketPolyfill: WebSocket });

async function seeded(count) {
  const r = await room();
  const s = nodeSession(r.sid, r.therapist);
  await s.whenSynced();
  const board = new BoardModel(s.docs.space);
  const me = { id: s.user.id, name: s.user.name };
  const ids = (await import('@attune/drama-props')).BUILT_IN_PROPS.map((p) => p.id);
  s.docs.space.transact(() => {
    for (let i = 0; i < count; i++)
      board.place(ids[i % ids.length], (i % 25) / 25 + 0.02, Math.floor(i / 25) / 20 + 0.02, me);
  });
  await s.whenSaved();
  s.destroy();
  return r;
}

// ---- 3. loopback latency (Node) ----
async function latency() {
  const r = await room();
  const a = nodeSession(r.sid, r.therapist);
  const b = nodeSession(r.sid, r.client);
  await Promise.all([a.whenSynced(), b.whenSynced()]);
  const boardA = new BoardModel(a.docs.space);
  const boardB = new BoardModel(b.docs.space);
  const me = { id: a.user.id, name: a.user.name };
  const id = boardA.place('attune/key', 0.5, 0.5, me);
  while (!boardB.item(id)) await new Promise((resolve) => setTimeout(resolve, 1));
  const rawA = a.docs.space.getMap('bench');
  const rawB = b.docs.space.getMap('bench');
  const measure = async (write, arrived) => {
    const samples = [];
    for (let i = 1; i <= 300; i++) {
      const start = performance.now();
      await new Promise((resolve) => {
        const check = () => {
          if (arrived(i)) {
            b.docs.space.off('update', check);
            resolve();
          }
        };
        b.docs.space.on('update', check);
        write(i);
      });
      samples.push(performance.now() - start);
    }
    return samples;
  };
  const anchor = await measure(
    (i) => rawA.set('n', i),
    (i) => rawB.get('n') === i,
  );
  const moves = await measure(
    (i) => boardA.move(id, (i % 100) / 100, 0.5, me, { log: false }),
    (i) => Math.abs(boardB.item(id).x - (i % 100) / 100) < 1e-9,
  );
  a.destroy();
  b.destroy();
  return { anchor, moves };
}

// ---- 1 and 2: headless Chromium ----
async function browser() {
  const vite = await createServer({
    root: join(here, 'page'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 5390, strictPort: false },
    resolve: { dedupe: ['yjs', 'lib0', 'y-protocols', 'lit', '@lit/context'] },
    optimizeDeps: { include: ['yjs', 'lib0', 'y-protocols/awareness', 'y-websocket', 'lit'] },
  });
  await vite.listen();
  const url = vite.resolvedUrls.local[0];
  const chrome = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs],
  });
  const page = await chrome.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
  const full = await seeded(PROPS);
  const empty = await room();
  const open = async (r, count) => {
    // One warm-up, then RUNS measured opens.
    await page.evaluate((args) => window.benchOpen(args), {
      server: server.syncUrl,
      sid: r.sid,
      token: r.client,
      count,
    });
    const runs = [];
    for (let i = 0; i < RUNS; i++)
      runs.push(
        await page.evaluate((args) => window.benchOpen(args), {
          server: server.syncUrl,
          sid: r.sid,
          token: r.client,
          count,
        }),
      );
    return runs;
  };
  const emptyRuns = await open(empty, 0);
  const fullRuns = await open(full, PROPS);
  const move = await page.evaluate((args) => window.benchMove(args), {
    server: server.syncUrl,
    sid: full.sid,
    token: full.client,
    count: PROPS,
  });
  await chrome.close();
  await vite.close();
  return { emptyRuns, fullRuns, move };
}

try {
  const { emptyRuns, fullRuns, move } = await browser();
  const { anchor, moves } = await latency();
  const rows = [
    [
      'Open a board: sync + render, empty (anchor)',
      ms(median(emptyRuns.map((r) => r.total))),
      ms(
        quantile(
          emptyRuns.map((r) => r.total),
          0.95,
        ),
      ),
      '',
    ],
    [
      `Open a board: sync + render, ${PROPS} props`,
      ms(median(fullRuns.map((r) => r.total))),
      ms(
        quantile(
          fullRuns.map((r) => r.total),
          0.95,
        ),
      ),
      '< 500 ms',
    ],
    [
      `  of which render, ${PROPS} props`,
      ms(median(fullRuns.map((r) => r.render))),
      ms(
        quantile(
          fullRuns.map((r) => r.render),
          0.95,
        ),
      ),
      '',
    ],
    ['Frame interval, idle (anchor)', ms(median(move.idle)), ms(quantile(move.idle, 0.95)), ''],
    [
      `Frame interval while moving a prop among ${PROPS}`,
      ms(median(move.intervals)),
      ms(quantile(move.intervals, 0.95)),
      '< 16 ms median',
    ],
    ['  of which model write + render per move', ms(median(move.costs)), ms(quantile(move.costs, 0.95)), ''],
    ['Y.Map write A to B via server, loopback (anchor)', ms(median(anchor)), ms(quantile(anchor, 0.95)), ''],
    ['Prop move A to B via server, loopback', ms(median(moves)), ms(quantile(moves, 0.95)), 'p95 < 50 ms'],
  ];
  console.log(
    `\nProp board (${RUNS} opens each, 120 frames, 300 moves; Node ${process.version}, headless Chromium)\n`,
  );
  console.log('| measure | median | p95 | target |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
} finally {
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
