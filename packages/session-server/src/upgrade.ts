/**
 * Admission to a room, through `/sync/<sid>/<scope>?token=…` over an HTTP
 * upgrade or by a socket handed over directly, with the same checks:
 *
 *   upgrade ─ rate limit ─ token ─ role × scope ─ Connection in its Room
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Scope, TokenClaims } from '@attune/session/protocol';
import { canRead, canWrite, isScope, isSid } from '@attune/session/protocol';
import { Connection } from './connection.js';
import type { OpenConnections } from './connection-host.js';
import type { ApiContext } from './http/context.js';
import { authenticate } from './http/context.js';
import { HttpError } from './http/respond.js';
import type { RateLimiter } from './rate-limit.js';
import type { Rooms } from './rooms.js';
import type { PeerSocket } from './socket.js';
import type { Stats } from './stats.js';
import type { WsPeers } from './ws-socket.js';
import { HandshakeError } from './ws-socket.js';

export interface UpgradeContext {
  api: ApiContext;
  rooms: Rooms;
  stats: Stats;
  limiter: RateLimiter;
  peers: WsPeers;
  connections: OpenConnections;
}

const SYNC_PATH = /^\/sync\/([^/]+)\/([^/?]+)$/;

function rejectUpgrade(
  socket: Duplex,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ error: { code, message } });
  const reason =
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      405: 'Method Not Allowed',
      410: 'Gone',
      426: 'Upgrade Required',
      429: 'Too Many Requests',
    }[status] ?? 'Error';
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${extra}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** An `error` listener for upgrade sockets: a socket error ends only that socket. */
function destroySocket(this: Duplex): void {
  this.destroy();
}

function refuse(
  uc: UpgradeContext,
  socket: Duplex,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void {
  uc.stats.refusedUpgrades++;
  rejectUpgrade(socket, status, code, message, headers);
}

/** The claims of a token that may read `scope` of `sid`; throws the HttpError to refuse it with. */
async function authorize(
  uc: UpgradeContext,
  sid: string,
  scope: Scope,
  token: string | null,
): Promise<TokenClaims> {
  const claims = await authenticate(uc.api, token, sid);
  if (!canRead(claims.role, scope))
    throw new HttpError(403, 'forbidden', `The ${claims.role} role has no access to ${scope}`);
  return claims;
}

async function admit(uc: UpgradeContext, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const match = SYNC_PATH.exec(url.pathname);
  const sid = match?.[1];
  const scope = match?.[2];
  if (!sid || !isSid(sid) || !isScope(scope)) return refuse(uc, socket, 404, 'not-found', 'No such room');
  const ip = uc.api.addressOf(req);
  if (!uc.limiter.take(ip))
    return refuse(uc, socket, 429, 'too-many-connections', 'Too many new connections from this address');
  let claims: TokenClaims;
  try {
    claims = await authorize(uc, sid, scope, url.searchParams.get('token'));
  } catch (error) {
    if (error instanceof HttpError) return refuse(uc, socket, error.status, error.code, error.message);
    throw error;
  }
  if (socket.destroyed || !socket.writable) return;
  try {
    uc.peers.upgrade(req, socket, head, (peer) => accept(uc, peer, claims, scope));
  } catch (error) {
    if (error instanceof HandshakeError)
      return refuse(uc, socket, error.status, 'bad-handshake', error.message, error.headers);
    throw error;
  }
}

/**
 * Admits a socket that did not come through an HTTP upgrade; rejects with an
 * `HttpError` where an upgrade would be refused.
 */
export async function connect(
  uc: UpgradeContext,
  socket: PeerSocket,
  sid: string,
  scope: string,
  token: string | null,
): Promise<void> {
  if (!isSid(sid) || !isScope(scope)) throw new HttpError(404, 'not-found', 'No such room');
  accept(uc, socket, await authorize(uc, sid, scope, token), scope);
}

function accept(uc: UpgradeContext, socket: PeerSocket, claims: TokenClaims, scope: Scope): void {
  const room = uc.rooms.get(claims.sid, scope);
  const conn = new Connection(
    socket,
    {
      // The room's copy of the session id: one string for all of its connections.
      sid: room.sid,
      scope,
      role: claims.role,
      sub: claims.sub,
      name: claims.name,
      writable: canWrite(claims.role, scope),
    },
    uc.connections,
  );
  uc.connections.add(conn);
  conn.room = room;
  uc.rooms.join(room, conn);
  uc.connections.audit(conn, 'joined');
}

/** Answers `server`'s upgrade requests: each one admitted to its room or refused. */
export function handleUpgrades(server: Server, uc: UpgradeContext): void {
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', destroySocket);
    admit(uc, req, socket, head).catch((error: unknown) => {
      uc.api.log.error({ err: error }, 'upgrade failed');
      socket.destroy();
    });
  });
}
