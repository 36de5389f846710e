/** Server configuration: defaults, environment and command line. */

export interface Limits {
  /** Largest WebSocket frame accepted, bytes. */
  maxFrameBytes: number;
  /** Largest stored document, bytes; updates past it are refused. */
  maxDocBytes: number;
  /** Unsent bytes a connection may hold before it is closed with 1013. */
  maxOutboundBytes: number;
  /** New connections one address may open per minute. */
  connectionsPerIpPerMinute: number;
  /** Messages one connection may send per second (bursts up to twice that). */
  messagesPerSecond: number;
  /** Largest awareness state of one participant, bytes of JSON. */
  maxAwarenessStateBytes: number;
  /** Largest HTTP JSON body, bytes. */
  maxJsonBodyBytes: number;
  /** Largest uploaded asset, bytes. */
  maxAssetBytes: number;
  /** Milliseconds a closed peer has to finish the closing handshake before its socket is dropped. */
  closeGraceMs: number;
  /**
   * A connection that was sent nothing for this long gets an empty awareness
   * message: y-websocket clients drop a socket after 30 s of silence, and a
   * scope without presence (control, notes) is silent while nobody edits.
   */
  keepaliveMs: number;
  /**
   * A connection that answers nothing for this long (no message, no pong to the
   * server's pings, which browsers send by themselves) is dropped; so is one
   * whose frame trickles in too slowly to finish in this time.
   */
  idleTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 1024 * 1024,
  maxDocBytes: 32 * 1024 * 1024,
  maxOutboundBytes: 8 * 1024 * 1024,
  connectionsPerIpPerMinute: 300,
  messagesPerSecond: 500,
  maxAwarenessStateBytes: 16 * 1024,
  maxJsonBodyBytes: 64 * 1024,
  maxAssetBytes: 5 * 1024 * 1024,
  closeGraceMs: 5000,
  keepaliveMs: 15_000,
  idleTimeoutMs: 60_000,
};

export interface ServerOptions {
  /** Port to listen on; 0 picks a free one. Default 8787. */
  port?: number;
  /** Address to bind. Default 127.0.0.1. */
  host?: string;
  /** Folder for the SQLite file and generated secrets. Default ./.attune-data */
  dataDir?: string;
  /** HS256 secret for tokens; generated and kept in the data folder when absent. */
  secret?: string;
  /** Admin key for `POST /api/sessions`; generated and kept when absent. */
  adminKey?: string;
  /** The address people open, for links (default http://host:port). */
  publicUrl?: string;
  /** A folder of static pages to serve (the demos). */
  staticDir?: string;
  limits?: Partial<Limits>;
  /** Milliseconds a room stays in memory after its last connection leaves. */
  roomIdleMs?: number;
  /** Milliseconds between batched store writes (default 25): fewer commits, at a little more delay before "saved". */
  flushIntervalMs?: number;
  /** pino level; 'silent' for none. */
  logLevel?: string;
  /** SQLite `synchronous`: 'normal' survives a process crash, 'full' also a power loss. */
  sqliteSync?: 'normal' | 'full';
  /** Trust X-Forwarded-For for client addresses (behind a reverse proxy). */
  trustProxy?: boolean;
  /** A key (32 bytes, base64 or hex) to encrypt stored documents and events at rest. */
  encryptionKey?: string;
  /** A PostgreSQL connection string: store there instead of the SQLite file. */
  databaseUrl?: string;
  /** The PostgreSQL schema for Attune's tables (default: the connection's search path). */
  databaseSchema?: string;
  /** A Redis URL: share rooms with other instances of the server. */
  redisUrl?: string;
}

export function limitsFrom(partial: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}

/** Options from the environment, for the CLI and `npm start`. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {};
  if (env.PORT) options.port = Number(env.PORT);
  if (env.HOST) options.host = env.HOST;
  if (env.ATTUNE_DATA) options.dataDir = env.ATTUNE_DATA;
  if (env.ATTUNE_SECRET) options.secret = env.ATTUNE_SECRET;
  if (env.ATTUNE_ADMIN_KEY) options.adminKey = env.ATTUNE_ADMIN_KEY;
  if (env.ATTUNE_PUBLIC_URL) options.publicUrl = env.ATTUNE_PUBLIC_URL;
  if (env.ATTUNE_LOG_LEVEL) options.logLevel = env.ATTUNE_LOG_LEVEL;
  if (env.ATTUNE_SQLITE_SYNC === 'full' || env.ATTUNE_SQLITE_SYNC === 'normal') {
    options.sqliteSync = env.ATTUNE_SQLITE_SYNC;
  }
  if (env.ATTUNE_TRUST_PROXY === '1' || env.ATTUNE_TRUST_PROXY === 'true') options.trustProxy = true;
  if (env.ATTUNE_ENCRYPTION_KEY) options.encryptionKey = env.ATTUNE_ENCRYPTION_KEY;
  if (env.ATTUNE_DATABASE_URL) options.databaseUrl = env.ATTUNE_DATABASE_URL;
  if (env.ATTUNE_DATABASE_SCHEMA) options.databaseSchema = env.ATTUNE_DATABASE_SCHEMA;
  if (env.ATTUNE_REDIS_URL) options.redisUrl = env.ATTUNE_REDIS_URL;
  const limits: Partial<Limits> = {};
  const numeric: Array<[keyof Limits, string]> = [
    ['maxFrameBytes', 'ATTUNE_MAX_FRAME_BYTES'],
    ['maxDocBytes', 'ATTUNE_MAX_DOC_BYTES'],
    ['maxOutboundBytes', 'ATTUNE_MAX_OUTBOUND_BYTES'],
    ['connectionsPerIpPerMinute', 'ATTUNE_CONNECTIONS_PER_IP_PER_MINUTE'],
    ['messagesPerSecond', 'ATTUNE_MESSAGES_PER_SECOND'],
    ['idleTimeoutMs', 'ATTUNE_IDLE_TIMEOUT_MS'],
  ];
  for (const [key, name] of numeric) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
      limits[key] = n;
    }
  }
  if (Object.keys(limits).length) options.limits = limits;
  if (env.ATTUNE_ROOM_IDLE_MS) options.roomIdleMs = Number(env.ATTUNE_ROOM_IDLE_MS);
  return options;
}
