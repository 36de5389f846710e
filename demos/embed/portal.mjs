#!/usr/bin/env node
/**
 * A tiny portal backend: what a service's own server does to put Attune in its
 * pages. It mints a participant token with the documented contract (an HS256
 * JWT signed with ATTUNE_SECRET; claims sid, role, sub, name, exp) and sends
 * the browser to the embedding page with the token in the URL fragment.
 *
 *   ATTUNE_SECRET=… ATTUNE_ADMIN_KEY=… node demos/embed/portal.mjs [--port 8790] [--attune http://127.0.0.1:8787]
 *
 * Without ATTUNE_SECRET / ATTUNE_ADMIN_KEY it reads .attune-data/secrets.json,
 * as kept by `npm start`. Open http://127.0.0.1:8790/ (plain page) or /react.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { SignJWT } from 'jose';

const ROLES = ['therapist', 'assistant', 'client', 'caregiver', 'observer'];

/** Mints an Attune token; the portal decides who the person is and which role they have. */
export async function mintToken(secret, { sid, role, name, ttlSeconds = 7200 }) {
  if (!ROLES.includes(role)) throw new RangeError('unknown role');
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(sid)) throw new RangeError('bad session id');
  const display =
    String(name ?? '')
      .trim()
      .slice(0, 64) || 'Guest';
  // An opaque participant id: the portal keeps its own mapping to its user, Attune never sees it.
  const sub = `p_${randomBytes(12).toString('base64url')}`;
  return new SignJWT({ sid, role, name: display })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + Math.min(Math.max(60, ttlSeconds), 86_400))
    .sign(new TextEncoder().encode(secret));
}

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const kept = existsSync('.attune-data/secrets.json')
    ? JSON.parse(readFileSync('.attune-data/secrets.json', 'utf8'))
    : {};
  const secret = process.env.ATTUNE_SECRET ?? kept.secret;
  const adminKey = process.env.ATTUNE_ADMIN_KEY ?? kept.adminKey;
  if (!secret || !adminKey) {
    console.error('Set ATTUNE_SECRET and ATTUNE_ADMIN_KEY, or run `npm start` once first.');
    process.exit(1);
  }
  const attune = option('attune', 'http://127.0.0.1:8787').replace(/\/$/, '');
  const port = Number(option('port', '8790'));
  // One session for the demo portal, created through the admin API. A portal
  // usually has a lobby of its own, so this session has no waiting room.
  const created = await fetch(`${attune}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ waitingRoom: false }),
  });
  if (!created.ok) throw new Error(`creating a session failed with ${created.status}`);
  const { sid } = await created.json();
  createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://portal');
    const page = url.pathname === '/react' ? 'embed/react' : url.pathname === '/' ? 'embed' : null;
    if (!page || req.method !== 'GET') return void res.writeHead(404).end();
    const role = url.searchParams.get('role') ?? 'client';
    mintToken(secret, {
      sid,
      role: ROLES.includes(role) ? role : 'client',
      name: url.searchParams.get('name'),
    })
      .then((token) =>
        res
          .writeHead(302, { location: `${attune}/${page}#token=${token}`, 'cache-control': 'no-store' })
          .end(),
      )
      .catch(() => res.writeHead(400).end());
  }).listen(port, '127.0.0.1', () => {
    console.log(`Portal on http://127.0.0.1:${port}/ (plain page) and /react, for session ${sid}`);
    console.log(`Add ?role=therapist to open the same session as its therapist.`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
