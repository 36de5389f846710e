#!/usr/bin/env node
/**
 * The pages benchmark (issue 13): what a client on a phone and a therapist on a laptop wait for
 * and see. Prints a Markdown table; never fails on a figure. See README.md.
 *
 *   npm run build && node bench/pages/run.mjs [--runs=2] [--before=DIR] [--shots=DIR]
 *     [--only=lighthouse,transfer,stage] [--out=FILE]
 *
 * Each build (this checkout, and with --before another checkout with its dependencies installed
 * and its packages built, as the anchor) has its pages built by its own Vite into a temporary
 * folder and served by its own session server on a loopback port. Then:
 *
 * 1. Lighthouse 12, mobile defaults, `--runs` runs of `/join#token=…` and of the console with a
 *    session open (`/therapist#token=…`), the builds' runs interleaved.
 * 2. JavaScript transferred before the join page's welcome step, from a fresh browser context.
 * 3. The share of the first screen that is stage for a client at 1366×768, the therapist with
 *    the console at 1366×768 and a client at 390×844, for each modality; with --shots=DIR,
 *    screenshots of each page at 1366×768 and 390×844 of this build.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { startBuild } from './builds.mjs';
import { audit } from './lighthouse.mjs';
import { LIGHTHOUSE_PAGES, failingAudits, table } from './report.mjs';
import { stageScene } from './stage.mjs';
import { joinTransfer } from './transfer.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '2' },
    before: { type: 'string' },
    shots: { type: 'string' },
    only: { type: 'string', default: 'lighthouse,transfer,stage' },
    out: { type: 'string' },
  },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs is a whole number of at least 1');
const parts = new Set(args.only.split(','));
for (const part of parts)
  if (!['lighthouse', 'transfer', 'stage'].includes(part)) throw new Error(`--only: unknown part "${part}"`);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
// Lighthouse's launcher reads CHROME_PATH; Playwright the same browser.
const chromePath = process.env.CHROME_PATH ?? chromiumPath;
const log = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);
const lighthouseVersion = createRequire(import.meta.url)('lighthouse/package.json').version;

const started = new Date();
const load = loadavg()[0];
/** @type {import('./report.mjs').Measured[]} */
const measured = [];
let browserVersion = '';
try {
  if (args.before) measured.push({ build: await startBuild(args.before, 'before', log) });
  measured.push({ build: await startBuild(repo, 'this build', log) });

  if (parts.has('lighthouse')) {
    /** Per build: the URL of each page audited, with a session and an invite of its own. */
    const urls = [];
    for (const m of measured) {
      const { sid, therapistToken } = await m.build.createSession();
      const invite = await m.build.invite(sid, therapistToken, 'Robin');
      urls.push({
        join: `${m.build.url}/join#token=${invite}`,
        therapist: `${m.build.url}/therapist#token=${therapistToken}`,
      });
      m.lighthouse = Object.fromEntries(LIGHTHOUSE_PAGES.map((p) => [p.key, []]));
    }
    for (let run = 1; run <= runs; run++)
      for (const p of LIGHTHOUSE_PAGES)
        for (const [i, m] of measured.entries()) {
          const result = await audit(urls[i][/** @type {'join' | 'therapist'} */ (p.key)], chromePath);
          m.lighthouse?.[p.key].push(result);
          log(
            `${m.build.label}: Lighthouse ${p.key} run ${run}: performance ${result.performance}, accessibility ${result.accessibility}, best practices ${result.bestPractices}, LCP ${(result.lcp / 1000).toFixed(1)} s`,
          );
        }
  }

  if (parts.has('transfer') || parts.has('stage')) {
    const browser = await chromium.launch({
      executablePath: chromePath,
      args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    });
    try {
      for (const m of measured) {
        if (parts.has('transfer')) {
          const { sid, therapistToken } = await m.build.createSession();
          const url = `${m.build.url}/join#token=${await m.build.invite(sid, therapistToken, 'Robin')}`;
          m.transfer = await joinTransfer(browser, url);
          log(`${m.build.label}: JavaScript before the welcome step ${JSON.stringify(m.transfer.welcome)}`);
        }
        if (parts.has('stage')) {
          const shots = m.build.label === 'this build' ? args.shots : undefined;
          m.stage = await stageScene(browser, m.build, { shots, log });
        }
      }
      browserVersion = `, Chromium ${browser.version()}`;
    } finally {
      await browser.close();
    }
  }
} finally {
  for (const m of measured) await m.build.close();
}

const cpu = cpus();
const builtJs = measured
  .map(
    (m) =>
      `${m.build.label}: ${m.build.assets.files} files, ${(m.build.assets.bytes / 1000).toFixed(0)} kB, the largest ${(m.build.assets.largest / 1000).toFixed(0)} kB, ${m.build.assets.precompressed ? 'with' : 'no'} .br/.gz files`,
  )
  .join('; ');
const markdown = [
  `Run ${started.toISOString()}, ${cpu.length} cores (${cpu[0]?.model.trim()}), load average ${load.toFixed(1)} at the start, Node ${process.version}, ${chromePath}${browserVersion}${parts.has('lighthouse') ? `; Lighthouse ${lighthouseVersion}, mobile defaults (simulated throttling), ${runs} run${runs > 1 ? 's' : ''} per page and build: median (range)` : ''}.`,
  `Built JavaScript: ${builtJs}. kB = 1000 bytes.`,
  '',
  table(measured),
  '',
  parts.has('lighthouse')
    ? `Accessibility and best-practice audits below full marks:\n\n${failingAudits(measured)}\n`
    : '',
].join('\n');
process.stdout.write(`${markdown}\n`);
if (args.out) writeFileSync(args.out, `${markdown}\n`);
