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
import type { Logger } from 'pino';
import { CLOSE } from '@attune/session/protocol';
import type { Limits, ServerOptions } from './config.js';
import { limitsFrom } from './config.js';
import { OpenConnections } from './connection-host.js';
import type { ApiContext } from './http/context.js';
import { requestListener } from './http/router.js';
import { connectOriginsOf } from './http/security.js';
import { staticFiles } from './http/static.js';
import { ApiThrottle } from './http/throttle.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { SessionQuotas } from './quotas.js';
import { RateLimiter } from './rate-limit.js';
import { RedisBus } from './redis-bus.js';
import { Rooms } from './rooms.js';
import { loadSecrets } from './secrets.js';
import type { PeerSocket } from './socket.js';
import { Stats } from './stats.js';
import { openStore } from './store/open.js';
import type { Store } from './store/store.js';
import { TokenKeys } from './tokens.js';
import type { UpgradeContext } from './upgrade.js';
import { connect, handleUpgrades } from './upgrade.js';
import { videoConfigFrom } from './video.js';
import { Writer } from './writer.js';
import type { Unsaved } from './writer.js';
import { WsPeers } from './ws-socket.js';

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
  const connections = new OpenConnections({ stats, limits, log, writer });

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

  const upgrades: UpgradeContext = { api: ctx, rooms, stats, limiter, peers, connections };
  handleUpgrades(server, upgrades);

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
      connections.stop();
      writer.giveUpAfter(options.shutdownGraceMs ?? 5000);
      server.close();
      await rooms.closeAll(CLOSE.goingAway, 'the server is restarting');
      // Each socket's close handler still writes (its audit record) and arms its
      // room's idle timer: let them run before the last flush, or those writes
      // meet a closed store and retry forever, keeping the process alive.
      const gone = connections.terminateAll();
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
    connect: (socket, sid, scope, token) => connect(upgrades, socket, sid, scope, token),
    close,
  };
}
