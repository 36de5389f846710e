/**
 * One build of the pages, served as in production: a checkout's demo pages built by its own
 * Vite and config into a temporary folder, and its own session server (its `dist`) serving them
 * on a loopback port with a temporary data folder. The checkout must have its dependencies
 * installed and its packages built (`npm ci && npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @typedef {object} Build
 * @property {string} label
 * @property {string} commit short commit of the checkout, "+ changes" when its packages or pages differ from it
 * @property {string} url the server's base URL
 * @property {{ files: number, bytes: number, largest: number, precompressed: boolean }} assets the built JavaScript
 * @property {(options?: object) => Promise<{ sid: string, therapistToken: string }>} createSession
 * @property {(sid: string, therapistToken: string, name: string) => Promise<string>} invite a client invite's token
 * @property {() => Promise<void>} close
 */

function commitOf(/** @type {string} */ checkout) {
  const git = (/** @type {string[]} */ args) =>
    spawnSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const changed = git(['status', '--porcelain', '--', 'packages', 'demos']);
  return changed ? `${commit} + changes` : commit;
}

/** The built JavaScript: how many files, their size, the largest, and whether .br/.gz siblings exist. */
function assetsOf(/** @type {string} */ dir) {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  const js = files.filter((f) => f.endsWith('.js')).map((f) => statSync(join(dir, f)).size);
  return {
    files: js.length,
    bytes: js.reduce((a, b) => a + b, 0),
    largest: Math.max(0, ...js),
    precompressed: files.some((f) => f.endsWith('.js.br') || f.endsWith('.js.gz')),
  };
}

/**
 * Builds the checkout's pages and starts its server.
 * @param {string} checkout the repository root of the build
 * @param {string} label
 * @param {(s: string) => void} log
 * @returns {Promise<Build>}
 */
export async function startBuild(checkout, label, log) {
  const root = resolve(checkout);
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const serverEntry = join(root, 'packages/session-server/dist/index.js');
  for (const needed of [vite, serverEntry, join(root, 'demos/vite.config.ts')])
    if (!existsSync(needed))
      throw new Error(`${label}: ${needed} is missing; run "npm ci && npm run build" in ${root}`);

  const pages = await mkdtemp(join(tmpdir(), 'attune-bench-pages-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'attune-bench-pages-data-'));
  log(`${label}: building the pages of ${root} …`);
  // Its own Vite and config, as `npm start` builds them; its output goes to stderr, the table to stdout.
  const built = spawnSync(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      'demos/vite.config.ts',
      '--outDir',
      pages,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: ['ignore', 2, 2] },
  );
  if (built.status !== 0) throw new Error(`${label}: the pages did not build (exit ${built.status})`);

  const { createAttuneServer } = await import(pathToFileURL(serverEntry).href);
  const server = await createAttuneServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'warn',
    staticDir: pages,
    // One address opens many pages and sessions here.
    limits: {
      connectionsPerIpPerMinute: 100_000,
      sessionsPerMinute: 100_000,
      invitesPerSessionPerMinute: 100_000,
    },
  });

  async function post(/** @type {string} */ path, /** @type {string} */ bearer, /** @type {object} */ body) {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${label}: POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  return {
    label,
    commit: commitOf(root),
    url: server.url,
    assets: assetsOf(pages),
    // The API's default is a waiting room, as the console's sessions have.
    async createSession(options = {}) {
      const { sid, therapistToken } = await post('/api/sessions', server.adminKey, options);
      return { sid, therapistToken };
    },
    async invite(sid, therapistToken, name) {
      const { token } = await post(`/api/sessions/${sid}/invites`, therapistToken, {
        role: 'client',
        name,
        ttlSeconds: 3600,
      });
      return token;
    },
    async close() {
      await server.close();
      await rm(pages, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
