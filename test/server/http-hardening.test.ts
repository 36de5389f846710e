/**
 * The smaller points of issue 16 (9) over HTTP: security headers and static
 * files, participant removal rules, malformed paths, token bounds and the
 * forwarded address that keys rate limits.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync } from 'node:zlib';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient, UpgradeRefused, claimsOf, signToken } from '../support/raw-client.js';
import type { TestServer } from '../support/server.js';
import { startServer, until } from '../support/server.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.dispose();
  server = null;
});

interface ErrorBody {
  error: { code: string; message: string };
}

const EMBED_STYLE = '\n      body { margin: 0; }\n    ';
const APP_JS = `console.log(${JSON.stringify('x'.repeat(2000))});\n`;

function demoFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'attune-static-'));
  const page = (body: string, head = ''): string =>
    `<!doctype html><html><head>${head}<script type="module" src="/assets/app-Ab12Cd34.js"></script></head><body>${body}</body></html>`;
  for (const name of ['therapist', 'join', 'embed']) mkdirSync(join(root, name));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'therapist/index.html'), page('console'));
  writeFileSync(join(root, 'join/index.html'), page('join'));
  writeFileSync(join(root, 'embed/index.html'), page('embed', `<style>${EMBED_STYLE}</style>`));
  writeFileSync(join(root, 'assets/app-Ab12Cd34.js'), APP_JS);
  writeFileSync(join(root, 'assets/app-Ab12Cd34.js.br'), brotliCompressSync(APP_JS));
  writeFileSync(join(root, 'assets/gone-Zz99Yy88.js'), 'export {};\n');
  return root;
}

/** A GET with exactly these headers (fetch would add its own Accept-Encoding). */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
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

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('served pages', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('forbid framing of /therapist and /join, and let only configured portals frame /embed', async () => {
    root = demoFolder();
    server = await startServer({ staticDir: root, embedOrigins: ['https://portal.example'] });
    for (const page of ['/therapist', '/join']) {
      const res = await get(`${server.url}${page}`);
      expect(res.status).toBe(200);
      expect(res.headers['x-frame-options']).toBe('DENY');
      const csp = directives(String(res.headers['content-security-policy']));
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toContain("'self'");
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('connect-src')).toContain("'self'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const embed = await get(`${server.url}/embed`);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const csp = directives(String(embed.headers['content-security-policy']));
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://portal.example']);
    // The page's own inline <style> is allowed by its hash, not by 'unsafe-inline'.
    const hash = createHash('sha256').update(EMBED_STYLE).digest('base64');
    expect(csp.get('style-src')).toEqual(["'self'", `'sha256-${hash}'`]);
  });

  it('cache hashed assets for a year, serve precompressed files, and survive a file deleted after start', async () => {
    root = demoFolder();
    server = await startServer({ staticDir: root });
    const plain = await get(`${server.url}/assets/app-Ab12Cd34.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
    const br = await get(`${server.url}/assets/app-Ab12Cd34.js`, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.byteLength).toBeLessThan(APP_JS.length);

    rmSync(join(root, 'assets/gone-Zz99Yy88.js'));
    const gone = await get(`${server.url}/assets/gone-Zz99Yy88.js`).catch((error: Error) => error);
    expect(gone instanceof Error || gone.status !== 200).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await get(`${server.url}/therapist`)).status).toBe(200);
  });

  it('never serve files outside the folder', async () => {
    root = demoFolder();
    server = await startServer({ staticDir: root });
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/%E0%A4%A']) {
      const res = await get(`${server.url}${path}`);
      expect(res.status).toBe(404);
    }
  });
});

describe('removing participants', () => {
  const remove = (s: TestServer, sid: string, sub: string, token: string | null): Promise<Response> =>
    fetch(`${s.url}/api/sessions/${sid}/participants/${sub}`, {
      method: 'DELETE',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('an assistant cannot remove a therapist, present or not; a therapist can', async () => {
    server = await startServer();
    const { sid, therapistToken } = await server.createSession();
    const assistant = await server.invite(sid, therapistToken, 'assistant');
    const therapistSub = String(claimsOf(therapistToken).sub);
    // Not connected: known from the id this server minted.
    const absent = await remove(server, sid, therapistSub, assistant);
    expect(absent.status).toBe(403);
    expect(((await absent.json()) as ErrorBody).error.message).toMatch(
      /Only a therapist can remove a therapist/,
    );
    // A therapist minted by a portal with an opaque sub: known from their connection.
    const portalTherapist = signToken(
      {
        sid,
        role: 'therapist',
        sub: 'portal-user-17',
        name: 'Dr Lee',
        exp: Math.floor(Date.now() / 1000) + 3600,
      },
      server.secret,
    );
    const connected = await RawClient.open(server, sid, 'space', portalTherapist);
    await connected.whenSynced();
    expect((await remove(server, sid, 'portal-user-17', assistant)).status).toBe(403);
    expect(connected.closed).toBeNull();
    // Once they left: known from the audit log of joins.
    connected.close();
    await connected.whenClosed;
    expect((await remove(server, sid, 'portal-user-17', assistant)).status).toBe(403);
    // The therapist may remove another therapist; the assistant may remove a client.
    expect((await remove(server, sid, 'portal-user-17', therapistToken)).status).toBe(200);
    const client = await server.invite(sid, therapistToken, 'client');
    expect((await remove(server, sid, String(claimsOf(client).sub), assistant)).status).toBe(200);
    // And the therapist still works.
    const me = await fetch(`${server.url}/api/sessions/${sid}/me`, {
      headers: { authorization: `Bearer ${therapistToken}` },
    });
    expect(me.status).toBe(200);
  });

  it('answers malformed percent-encoding with 400, without a token and without logging a stack', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    server = await startServer({ logger: pino({ level: 'debug' }, sink) });
    const { sid } = await server.createSession();
    const res = await remove(server, sid, '%E0%A4%A', null);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('invalid-path');
    expect(lines.join('')).not.toMatch(/"stack"|request failed|URIError/);
  });
});

describe('tokens', () => {
  const me = async (s: TestServer, sid: string, claims: Record<string, unknown>): Promise<Response> =>
    fetch(`${s.url}/api/sessions/${sid}/me`, {
      headers: {
        authorization: `Bearer ${signToken({ sid, role: 'client', sub: 'c_1', ...claims }, s.secret)}`,
      },
    });
  const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3600;

  it('refuse an exp far ahead, and empty, blank or overlong names', async () => {
    server = await startServer({ limits: { maxTokenTtlSeconds: 7 * 86_400 } });
    const { sid } = await server.createSession();
    expect((await me(server, sid, { name: 'Sam', exp: inAnHour() })).status).toBe(200);
    const forever = await me(server, sid, { name: 'Sam', exp: 253402300799 });
    expect(forever.status).toBe(401);
    expect(((await forever.json()) as ErrorBody).error.code).toBe('token-invalid');
    const eightDays = Math.floor(Date.now() / 1000) + 8 * 86_400;
    expect((await me(server, sid, { name: 'Sam', exp: eightDays })).status).toBe(401);
    for (const name of ['', '   ', 'x'.repeat(65)]) {
      expect((await me(server, sid, { name, exp: inAnHour() })).status).toBe(401);
    }
    // Sockets are checked by the same rule.
    const refused = await RawClient.open(
      server,
      sid,
      'space',
      signToken({ sid, role: 'client', sub: 'c_2', name: ' ', exp: inAnHour() }, server.secret),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UpgradeRefused);
  });

  it('invites longer than the bound are cut to it', async () => {
    server = await startServer({ limits: { maxTokenTtlSeconds: 3600 } });
    const { sid, therapistToken } = await server.createSession();
    expect(Number(claimsOf(therapistToken).exp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);
    const res = await fetch(`${server.url}/api/sessions/${sid}/me`, {
      headers: { authorization: `Bearer ${therapistToken}` },
    });
    expect(res.status).toBe(200);
  });
});

describe('behind a proxy', () => {
  it('keys rate limits on the rightmost X-Forwarded-For entry, which the proxy added', async () => {
    server = await startServer({ trustProxy: true, limits: { connectionsPerIpPerMinute: 2 } });
    const { sid, therapistToken } = await server.createSession();
    const open = (forged: string): Promise<RawClient> =>
      RawClient.open(server!, sid, 'space', therapistToken, {
        headers: { 'x-forwarded-for': `${forged}, 192.0.2.50` },
      });
    const a = await open('10.0.0.1');
    const b = await open('10.0.0.2');
    const third = await open('10.0.0.3').catch((error: unknown) => error);
    expect(third).toBeInstanceOf(UpgradeRefused);
    expect((third as UpgradeRefused).status).toBe(429);
    // Another client of the same proxy is counted on its own.
    const other = await RawClient.open(server, sid, 'space', therapistToken, {
      headers: { 'x-forwarded-for': '10.0.0.1, 192.0.2.51' },
    });
    await until(() => other.synced || other.closed !== null, 'the other client');
    for (const c of [a, b, other]) c.close();
  });
});
