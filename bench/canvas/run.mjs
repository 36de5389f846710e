#!/usr/bin/env node
/**
 * The canvas benchmark: starts a real Attune server, serves bench/canvas with
 * Vite, runs page.ts in headless Chromium and prints a markdown table of
 * Attune's figures beside their anchors, measured in the same run.
 *
 *   npm run build && node bench/canvas/run.mjs [--strokes=5000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { createAttuneServer } from '../../packages/session-server/dist/index.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const { values: args } = parseArgs({
  options: { strokes: { type: 'string', default: '5000' }, profile: { type: 'boolean', default: false } },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'attune-canvas-bench-'));
const server = await createAttuneServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'warn' });
const vite = await createServer({
  configFile: false,
  root,
  logLevel: 'warn',
  server: { host: '127.0.0.1', port: 0 },
  resolve: { dedupe: ['yjs', 'lib0', 'y-protocols', 'lit', '@lit/context'] },
  optimizeDeps: { entries: ['bench/canvas/index.html'] },
});
let browser;
try {
  const post = async (path, token, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const { sid, therapistToken } = await post('/api/sessions', server.adminKey, { waitingRoom: false });
  const invite = async (name) =>
    (await post(`/api/sessions/${sid}/invites`, therapistToken, { role: 'client', name, ttlSeconds: 3600 }))
      .token;
  const tokens = [await invite('A'), await invite('B')];
  await vite.listen();
  const url = vite.resolvedUrls.local[0];
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const config = {
    sync: server.syncUrl,
    sid,
    tokens,
    pageStrokes: Number(args.strokes),
    profile: args.profile,
  };
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  const profiles = [];
  if (args.profile) {
    const cdp = await page.context().newCDPSession(page);
    cdp.on('Profiler.consoleProfileFinished', (e) => profiles.push(e.profile));
    await cdp.send('Profiler.enable');
  }
  await page.goto(`${url}bench/canvas/index.html#${encodeURIComponent(JSON.stringify(config))}`);
  await page.waitForFunction(() => window.__results || window.__error, null, { timeout: 600_000 });
  const error = await page.evaluate(() => window.__error);
  if (error) throw new Error(error);
  const rows = await page.evaluate(() => window.__results);
  const version = await browser.version();
  console.log(`Canvas benchmark, headless Chromium ${version}, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| measure | Attune | anchor | anchor value | target |');
  console.log('|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.measure} | ${r.attune} | ${r.anchor} | ${r.anchorValue} | ${r.target} |`);
  const notes = await page.evaluate(() => window.__notes ?? []);
  if (notes.length) console.log(`\n${notes.join('\n')}`);
  if (profiles.length) printProfile(profiles);
} finally {
  await browser?.close();
  await vite.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Self and total time by function over the profiled runs of opening the page, the heaviest first. */
function printProfile(list) {
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  const name = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${url.split('/').pop().split('?')[0]}:${lineNumber + 1}`;
  };
  for (const profile of list) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = profile.timeDeltas[i] ?? 0;
      total += dt;
      let id = profile.samples[i];
      self.set(name(byId.get(id)), (self.get(name(byId.get(id))) ?? 0) + dt);
      const seen = new Set();
      for (; id !== undefined; id = parent.get(id)) seen.add(name(byId.get(id)));
      for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  const top = (map, title) => {
    console.log(
      `\n${title}, ${list.length} runs of opening the page (${(total / 1000).toFixed(0)} ms in all):`,
    );
    for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  };
  top(self, 'Self time');
  top(inclusive, 'Total time');
}
