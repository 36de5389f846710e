/**
 * The session server: HTTP API, static demo pages and the y-websocket
 * endpoint `/sync/<sid>/<scope>?token=…`, on one port.
 *
 *   upgrade ─ rate limit ─ token ─ role × scope ─ Room ─ relay ─┬─ other sockets
 *                                                              └─ Writer ─ Store
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { Scope, TokenClaims } from '@attune/session/protocol';
import { CLOSE, MESSAGE, canRead, canWrite, isScope, isSid } from '@attune/session/protocol';
import type { Limits, ServerOptions } from './config.js';
import { limitsFrom } from './config.js';
import { Connection, type ConnectionHost } from './connection.js';
import type { ApiContext } from './http/context.js';
import { authenticate } from './http/context.js';
import { HttpError } from './http/respond.js';
import { requestListener } from './http/router.js';
import { connectOriginsOf } from './http/security.js';
import { staticFiles } from './http/static.js';
import { ApiThrottle } from './http/throttle.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { SessionQuotas } from './quotas.js';
import { RateLimiter } from './rate-limit.js';
import { ProtocolError } from './room.js';
import { RedisBus } from './redis-bus.js';
import { Rooms } from './rooms.js';
import { loadSecrets } from './secrets.js';
import { Stats } from './stats.js';
import { openStore } from './store/open.js';
import type { Store } from './store/store.js';
import { TokenKeys } from './tokens.js';
import { videoConfigFrom } from './video.js';
import { Writer } from './writer.js';
import type { Unsaved } from './writer.js';
import { HandshakeError, WsPeers } from './ws-socket.js';
import type { PeerSocket } from './socket.js';

export interface AttuneServer {
  /** `http://host:port` */
  readonly url: string;
  /** `ws://host:port/sync`, the `serverUrl` for y-websocket providers. */
  readonly syncUrl: string;
  readonly port: number;
  readonly secret: string;
  readonly adminKey: string;
  /** True when the secret or admin key was generated on this start. */
  readonly generatedSecrets: boolean;
  /** True when the admin key was generated on this start (the only start that prints it). */
  readonly generatedAdminKey: boolean;
  /** True when the admin key is kept in the data folder (a local setup), not set by the operator. */
  readonly adminKeyInDataFolder: boolean;
  readonly keys: TokenKeys;
  readonly rooms: Rooms;
  readonly stats: Stats;
  readonly store: Store;
  readonly log: Logger;
  readonly limits: Limits;
  /**
   * Admits a socket that did not come through an HTTP upgrade (one end of
   * `memorySocketPair()` in tests), with the same token, role and scope checks.
   * Rejects with an `HttpError` where an upgrade would be refused.
   */
  connect(socket: PeerSocket, sid: string, scope: string, token: string | null): Promise<void>;
  /** Stores everything, closes every connection and the port. Idempotent. */
  close(): Promise<void>;
}

export interface CreateServerOptions extends ServerOptions {
  /** A store to use instead of the SQLite file in the data folder. */
  store?: Store;
  logger?: Logger;
  /**
   * How long close() keeps trying to store what is queued when the store
   * fails (a full disk), before it gives up, logs what was lost and rejects
   * (default 5000 ms).
   */
  shutdownGraceMs?: number;
}

/** close() could not store everything: the writes counted here are lost. */
export class UnsavedWritesError extends Error {
  constructor(readonly unsaved: Unsaved) {
    super(
      `the store did not take ${unsaved.updates} updates, ${unsaved.events} events and ${unsaved.audit} audit records (${unsaved.sessions} sessions)`,
    );
  }
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

export async function createAttuneServer(options: CreateServerOptions = {}): Promise<AttuneServer> {
  const dataDir = options.dataDir ?? '.attune-data';
  const limits = limitsFrom(options.limits);
  const log = options.logger ?? createLogger(options.logLevel ?? 'info');
  const secrets = loadSecrets(dataDir, { secret: options.secret, adminKey: options.adminKey });
  const keys = new TokenKeys(secrets.secret, { maxTtlSeconds: limits.maxTokenTtlSeconds });
  const store = openStore(options, dataDir);
  await store.init();
  const stats = new Stats();
  const quotas = new SessionQuotas(limits);
  stats.quotas = quotas;
  const metrics = createMetrics(stats);
  const writer = new Writer(store, options.flushIntervalMs ?? 25, log, (s) =>
    metrics.storeLatency.observe(s),
  );
  const rooms = new Rooms(store, writer, stats, log, limits, options.roomIdleMs ?? 5000);
  writer.onStateChange((state) => {
    stats.storeFailing = state.status === 'failing' ? 1 : 0;
    rooms.notifyWriters(state);
  });
  let bus: RedisBus | null = null;
  if (options.redisUrl) {
    bus = new RedisBus(
      options.redisUrl,
      (room, from, kind, body) => rooms.onBusMessage(room, from, kind, body),
      log,
    );
    await bus.ready();
    rooms.attachBus(bus);
  }
  const limiter = new RateLimiter(limits.connectionsPerIpPerMinute);
  const peers = new WsPeers(limits);
  const connections = new Set<Connection>();
  /** Set while closing: called when the last connection is gone. */
  let lastGone: (() => void) | null = null;
  // An awareness update with no entries: every y-protocols client applies it as a no-op.
  const keepalive = new Uint8Array([MESSAGE.awareness, 1, 0]);
  const keepaliveTimer = setInterval(
    () => {
      const quietSince = performance.now() - limits.keepaliveMs;
      for (const conn of connections) if (conn.lastSent <= quietSince) conn.send(keepalive);
    },
    Math.max(50, limits.keepaliveMs / 3),
  );
  keepaliveTimer.unref();

  const addressOf = (req: IncomingMessage): string => {
    if (options.trustProxy) {
      // The trusted proxy appends the address it saw: the rightmost entry. Those left of it
      // come from the client and can be anything, so keying limits on them lets anyone
      // pick a fresh key per request.
      const forwarded = req.headers['x-forwarded-for'];
      const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
      const last = header?.split(',').at(-1)?.trim();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  let port = options.port ?? 8787;
  const host = options.host ?? '127.0.0.1';
  const publicUrl = (req: IncomingMessage): string =>
    options.publicUrl?.replace(/\/$/, '') ?? `http://${req.headers.host ?? `${host}:${port}`}`;

  const ctx: ApiContext = {
    keys,
    adminKey: secrets.adminKey,
    store,
    rooms,
    writer,
    limits,
    log,
    publicUrl,
    addressOf,
    throttle: new ApiThrottle(secrets.adminKey, limits, quotas),
    quotas,
  };
  const video = videoConfigFrom(process.env);
  const serveStatic = options.staticDir
    ? staticFiles(options.staticDir, log, {
        embedOrigins: options.embedOrigins ?? [],
        connectOrigins: [
          ...(options.publicUrl ? connectOriginsOf(options.publicUrl) : []),
          ...(video ? connectOriginsOf(video.url) : []),
        ],
      })
    : null;

  const server: Server = createServer(requestListener({ api: ctx, stats, metrics, serveStatic }));
  server.on('clientError', (_error, socket) => socket.destroy());

  const refuse = (
    socket: Duplex,
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): void => {
    stats.refusedUpgrades++;
    rejectUpgrade(socket, status, code, message, headers);
  };

  /** The claims of a token that may read `scope` of `sid`; throws the HttpError to refuse it with. */
  async function authorize(sid: string, scope: Scope, token: string | null): Promise<TokenClaims> {
    const claims = await authenticate(ctx, token, sid);
    if (!canRead(claims.role, scope))
      throw new HttpError(403, 'forbidden', `The ${claims.role} role has no access to ${scope}`);
    return claims;
  }

  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const match = SYNC_PATH.exec(url.pathname);
    const sid = match?.[1];
    const scope = match?.[2];
    if (!sid || !isSid(sid) || !isScope(scope)) return refuse(socket, 404, 'not-found', 'No such room');
    const ip = addressOf(req);
    if (!limiter.take(ip))
      return refuse(socket, 429, 'too-many-connections', 'Too many new connections from this address');
    let claims: TokenClaims;
    try {
      claims = await authorize(sid, scope, url.searchParams.get('token'));
    } catch (error) {
      if (error instanceof HttpError) return refuse(socket, error.status, error.code, error.message);
      throw error;
    }
    if (socket.destroyed || !socket.writable) return;
    try {
      peers.upgrade(req, socket, head, (peer) => accept(peer, claims, scope));
    } catch (error) {
      if (error instanceof HandshakeError)
        return refuse(socket, error.status, 'bad-handshake', error.message, error.headers);
      throw error;
    }
  }

  async function connect(
    socket: PeerSocket,
    sid: string,
    scope: string,
    token: string | null,
  ): Promise<void> {
    if (!isSid(sid) || !isScope(scope)) throw new HttpError(404, 'not-found', 'No such room');
    accept(socket, await authorize(sid, scope, token), scope);
  }

  const audit = (conn: Connection, action: 'joined' | 'left'): void => {
    if (conn.info.scope !== 'space') return;
    writer.addAudit({
      sid: conn.info.sid,
      t: Date.now(),
      actor: conn.info.sub,
      action,
      detail: conn.info.role,
    });
  };

  const connectionHost: ConnectionHost = {
    stats,
    limits,
    received(conn, data, binary) {
      stats.framesIn++;
      stats.bytesIn += data.byteLength;
      if (!conn.admit()) {
        conn.close(CLOSE.policy, 'too many messages');
        return;
      }
      if (!binary) {
        stats.closedMalformed++;
        conn.close(CLOSE.malformed, 'text frames are not part of the protocol');
        return;
      }
      try {
        conn.room!.handle(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        stats.closedMalformed++;
        const reason = error instanceof ProtocolError ? error.message : 'malformed message';
        log.debug(
          { sid: conn.info.sid, scope: conn.info.scope, reason },
          'closing a connection for malformed input',
        );
        conn.close(CLOSE.malformed, reason);
      }
    },
    broken(conn, code, reason) {
      stats.closedMalformed++;
      log.debug(
        { sid: conn.info.sid, scope: conn.info.scope, reason },
        'closing a connection for a broken frame',
      );
      conn.close(code, reason);
    },
    gone(conn) {
      connections.delete(conn);
      stats.connections--;
      conn.room!.remove(conn);
      audit(conn, 'left');
      if (lastGone && connections.size === 0) lastGone();
    },
  };

  function accept(socket: PeerSocket, claims: TokenClaims, scope: Scope): void {
    const room = rooms.get(claims.sid, scope);
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
      connectionHost,
    );
    stats.connections++;
    connections.add(conn);
    conn.room = room;
    rooms.join(room, conn);
    audit(conn, 'joined');
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', destroySocket);
    admit(req, socket, head).catch((error: unknown) => {
      log.error({ err: error }, 'upgrade failed');
      socket.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      limiter.stop();
      ctx.throttle.stop();
      peers.stop();
      clearInterval(keepaliveTimer);
      writer.giveUpAfter(options.shutdownGraceMs ?? 5000);
      server.close();
      await rooms.closeAll(CLOSE.goingAway, 'the server is restarting');
      // Each socket's close handler still writes (its audit record) and arms its
      // room's idle timer: let them run before the last flush, or those writes
      // meet a closed store and retry forever, keeping the process alive.
      const gone = new Promise<void>((resolve) => {
        lastGone = resolve;
        if (connections.size === 0) resolve();
      });
      for (const conn of connections) conn.socket.terminate();
      server.closeAllConnections();
      await gone;
      for (const room of rooms.rooms.values()) clearTimeout(room.idleTimer);
      await writer.flush();
      const unsaved = writer.close();
      await bus?.close();
      await store.close();
      if (unsaved.updates + unsaved.events + unsaved.audit > 0) throw new UnsavedWritesError(unsaved);
    })();
    return closing;
  };

  return {
    url: `http://${urlHost}:${port}`,
    syncUrl: `ws://${urlHost}:${port}/sync`,
    port,
    secret: secrets.secret,
    adminKey: secrets.adminKey,
    generatedSecrets: secrets.generated,
    generatedAdminKey: secrets.adminKeyGenerated,
    adminKeyInDataFolder: secrets.adminKeyInDataFolder,
    keys,
    rooms,
    stats,
    store,
    log,
    limits,
    connect,
    close,
  };
}
