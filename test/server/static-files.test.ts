/**
 * The built pages as the server sends them: precompressed siblings chosen by
 * Accept-Encoding, hashed assets cached for a year, pages revalidated, the
 * icon served, and a file that vanished after the start answered with a 404
 * while everything else keeps working.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import { startServer } from '../support/server.js';

const APP = `export const words = ${JSON.stringify('calm and steady '.repeat(400))};\n`;
const OTHER = `export const other = ${JSON.stringify('x'.repeat(3000))};\n`;
const PAGE =
  '<!doctype html><html lang="en"><head><link rel="icon" href="/favicon.svg" type="image/svg+xml" />' +
  '<script type="module" src="/assets/join-Ab12Cd34.js"></script></head><body></body></html>';
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15"/></svg>';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with exactly these headers (fetch would add and undo its own Accept-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function builtFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'attune-static-'));
  mkdirSync(join(root, 'join'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'join/index.html'), PAGE);
  writeFileSync(join(root, 'favicon.svg'), ICON);
  for (const [name, text] of [
    ['join-Ab12Cd34.js', APP],
    ['other-Ef56Gh78.js', OTHER],
  ] as const) {
    writeFileSync(join(root, 'assets', name), text);
    writeFileSync(join(root, 'assets', `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(root, 'assets', `${name}.gz`), gzipSync(text));
  }
  return root;
}

let server: TestServer | null = null;
let root = '';
afterEach(async () => {
  await server?.dispose();
  server = null;
  rmSync(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('send the brotli or gzip sibling the browser takes, cached for a year as immutable', async () => {
    root = builtFolder();
    server = await startServer({ staticDir: root });
    const url = `${server.url}/assets/join-Ab12Cd34.js`;

    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.byteLength).toBeLessThan(APP.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(APP);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(APP);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP);
  });

  it('revalidate pages (no-cache, with a validator) and serve the icon', async () => {
    root = builtFolder();
    server = await startServer({ staticDir: root });
    const page = await get(`${server.url}/join`, { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toMatch(/img-src 'self'/);
    const etag = String(page.headers.etag);
    expect(etag).not.toBe('undefined');
    const again = await get(`${server.url}/join`, { 'if-none-match': etag });
    expect(again.status).toBe(304);

    const icon = await get(`${server.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(icon.body.toString()).toBe(ICON);
  });

  it('answer 404 for a file removed after the start, and keep serving everything else', async () => {
    root = builtFolder();
    server = await startServer({ staticDir: root });
    for (const suffix of ['', '.br', '.gz']) rmSync(join(root, `assets/join-Ab12Cd34.js${suffix}`));

    for (const encoding of ['br', 'gzip', '']) {
      const gone = await get(`${server.url}/assets/join-Ab12Cd34.js`, { 'accept-encoding': encoding });
      expect(gone.status, encoding || 'identity').toBe(404);
      expect(gone.headers['cache-control']).toBe('no-store');
      expect(gone.headers['content-encoding']).toBeUndefined();
      expect(gone.body.toString()).toBe('Not found');
    }
    rmSync(join(root, 'join/index.html'));
    expect((await get(`${server.url}/join`)).status).toBe(404);

    const other = await get(`${server.url}/assets/other-Ef56Gh78.js`, { 'accept-encoding': 'br' });
    expect(other.status).toBe(200);
    expect(brotliDecompressSync(other.body).toString()).toBe(OTHER);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
