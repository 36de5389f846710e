/** Server configuration: defaults, environment and command line. */
import * as v from 'valibot';

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
  /** Largest awareness state of one participant, bytes of JSON; larger closes the connection (1007). */
  maxAwarenessStateBytes: number;
  /**
   * Awareness client ids one connection may hold at once. A page publishes
   * one (its `space` document's); more are refused with a permission message.
   */
  maxAwarenessEntriesPerConnection: number;
  /** Bytes of awareness state kept for one connection; more is refused with a permission message. */
  maxAwarenessBytesPerConnection: number;
  /**
   * Bytes of awareness state one room keeps beyond 4 KiB per connection (an
   * ordinary presence always fits); more is refused with a permission message.
   * It also bounds what a newcomer or a presence query receives.
   */
  maxAwarenessBytesPerRoom: number;
  /** Shortest time between two answered presence queries (type 3) of one connection, ms. */
  awarenessQueryIntervalMs: number;
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
  /** Bytes of uploaded images one session may keep, in all. */
  maxAssetBytesPerSession: number;
  /** Uploaded images one session may keep. */
  maxAssetsPerSession: number;
  /** Bytes of recorded broadcasts (121) one session's event log may hold. */
  maxEventLogBytesPerSession: number;
  /** Wrong admin keys one address may send per minute; past it, admin requests get 429. */
  adminKeyFailuresPerMinute: number;
  /** Sessions one address may create through the admin API per minute. */
  sessionsPerMinute: number;
  /** Invites one session may issue per minute. */
  invitesPerSessionPerMinute: number;
  /** Longest a token may stay valid, seconds from now; tokens whose `exp` is later are refused. */
  maxTokenTtlSeconds: number;
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
  maxAwarenessEntriesPerConnection: 4,
  maxAwarenessBytesPerConnection: 64 * 1024,
  maxAwarenessBytesPerRoom: 256 * 1024,
  awarenessQueryIntervalMs: 1000,
  maxJsonBodyBytes: 64 * 1024,
  maxAssetBytes: 5 * 1024 * 1024,
  closeGraceMs: 5000,
  keepaliveMs: 15_000,
  maxAssetBytesPerSession: 50 * 1024 * 1024,
  maxAssetsPerSession: 200,
  maxEventLogBytesPerSession: 16 * 1024 * 1024,
  adminKeyFailuresPerMinute: 10,
  sessionsPerMinute: 30,
  invitesPerSessionPerMinute: 30,
  maxTokenTtlSeconds: 30 * 86_400,
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
  /**
   * Origins allowed to frame `/embed` (a portal's pages), e.g. `https://portal.example`.
   * Default: none but the server's own. `/therapist` and `/join` are never framed.
   */
  embedOrigins?: string[];
}

export function limitsFrom(partial: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}

/** Thrown for a configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const Text = v.pipe(v.string(), v.trim(), v.nonEmpty());
const Integer = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d+$/, 'a whole number'),
    v.transform(Number),
    v.number(),
    v.minValue(min, `at least ${min}`),
    v.maxValue(max, `at most ${max}`),
  );
const Flag = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['1', 'true', 'yes', '0', 'false', 'no'], '1, true, yes, 0, false or no'),
  v.transform((value) => value === '1' || value === 'true' || value === 'yes'),
);
const Origin = v.pipe(
  v.string(),
  v.check((value) => {
    if (value === "'self'") return true;
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, "an origin such as https://portal.example, or 'self'"),
);
const Origins = v.pipe(
  v.string(),
  v.transform((value) => value.split(/\s+/).filter(Boolean)),
  v.array(Origin),
);

/** One schema per environment variable: what it means is in the README's configuration table. */
const ENV = {
  PORT: Integer(0, 65_535),
  HOST: Text,
  ATTUNE_DATA: Text,
  ATTUNE_SECRET: Text,
  ATTUNE_ADMIN_KEY: Text,
  ATTUNE_PUBLIC_URL: v.pipe(Text, v.url('a URL such as https://attune.example')),
  ATTUNE_LOG_LEVEL: v.picklist(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    'one of fatal, error, warn, info, debug, trace, silent',
  ),
  ATTUNE_SQLITE_SYNC: v.picklist(['normal', 'full'], 'normal or full'),
  ATTUNE_TRUST_PROXY: Flag,
  ATTUNE_ENCRYPTION_KEY: Text,
  ATTUNE_DATABASE_URL: Text,
  ATTUNE_DATABASE_SCHEMA: Text,
  ATTUNE_REDIS_URL: Text,
  ATTUNE_ROOM_IDLE_MS: Integer(0),
  ATTUNE_EMBED_ORIGINS: Origins,
} as const;

/** Limits that the environment may set, each with its variable. */
const LIMIT_ENV: Array<[keyof Limits, string]> = [
  ['maxFrameBytes', 'ATTUNE_MAX_FRAME_BYTES'],
  ['maxDocBytes', 'ATTUNE_MAX_DOC_BYTES'],
  ['maxOutboundBytes', 'ATTUNE_MAX_OUTBOUND_BYTES'],
  ['connectionsPerIpPerMinute', 'ATTUNE_CONNECTIONS_PER_IP_PER_MINUTE'],
  ['messagesPerSecond', 'ATTUNE_MESSAGES_PER_SECOND'],
  ['maxAssetBytes', 'ATTUNE_MAX_ASSET_BYTES'],
  ['maxAssetBytesPerSession', 'ATTUNE_MAX_ASSET_BYTES_PER_SESSION'],
  ['maxAssetsPerSession', 'ATTUNE_MAX_ASSETS_PER_SESSION'],
  ['maxEventLogBytesPerSession', 'ATTUNE_MAX_EVENT_LOG_BYTES_PER_SESSION'],
  ['adminKeyFailuresPerMinute', 'ATTUNE_ADMIN_KEY_FAILURES_PER_MINUTE'],
  ['sessionsPerMinute', 'ATTUNE_SESSIONS_PER_MINUTE'],
  ['invitesPerSessionPerMinute', 'ATTUNE_INVITES_PER_SESSION_PER_MINUTE'],
  ['maxTokenTtlSeconds', 'ATTUNE_MAX_TOKEN_TTL_SECONDS'],
  ['idleTimeoutMs', 'ATTUNE_IDLE_TIMEOUT_MS'],
];

/** The variable's value through its schema; undefined when unset or empty; a ConfigError naming it otherwise. */
function read<S extends v.GenericSchema<string, unknown>>(
  env: NodeJS.ProcessEnv,
  name: string,
  schema: S,
): v.InferOutput<S> | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const result = v.safeParse(schema, raw);
  if (result.success) return result.output;
  // The value itself is not repeated: it may be a secret.
  throw new ConfigError(`${name} must be ${result.issues.map((i) => expected(i)).join(', ')}`);
}

function expected(issue: v.BaseIssue<unknown>): string {
  // valibot's own messages say "Invalid type: Expected …"; ours are the words after "must be".
  return issue.message.startsWith('Invalid ') ? (issue.expected ?? 'valid') : issue.message;
}

/** Options from the environment, for the CLI and `npm start`. Throws a ConfigError naming a bad variable. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {};
  const set = <K extends keyof ServerOptions>(key: K, value: ServerOptions[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set('port', read(env, 'PORT', ENV.PORT));
  set('host', read(env, 'HOST', ENV.HOST));
  set('dataDir', read(env, 'ATTUNE_DATA', ENV.ATTUNE_DATA));
  set('secret', read(env, 'ATTUNE_SECRET', ENV.ATTUNE_SECRET));
  set('adminKey', read(env, 'ATTUNE_ADMIN_KEY', ENV.ATTUNE_ADMIN_KEY));
  set('publicUrl', read(env, 'ATTUNE_PUBLIC_URL', ENV.ATTUNE_PUBLIC_URL));
  set('logLevel', read(env, 'ATTUNE_LOG_LEVEL', ENV.ATTUNE_LOG_LEVEL));
  set('sqliteSync', read(env, 'ATTUNE_SQLITE_SYNC', ENV.ATTUNE_SQLITE_SYNC));
  if (read(env, 'ATTUNE_TRUST_PROXY', ENV.ATTUNE_TRUST_PROXY)) options.trustProxy = true;
  set('encryptionKey', read(env, 'ATTUNE_ENCRYPTION_KEY', ENV.ATTUNE_ENCRYPTION_KEY));
  set('databaseUrl', read(env, 'ATTUNE_DATABASE_URL', ENV.ATTUNE_DATABASE_URL));
  set('databaseSchema', read(env, 'ATTUNE_DATABASE_SCHEMA', ENV.ATTUNE_DATABASE_SCHEMA));
  set('redisUrl', read(env, 'ATTUNE_REDIS_URL', ENV.ATTUNE_REDIS_URL));
  set('roomIdleMs', read(env, 'ATTUNE_ROOM_IDLE_MS', ENV.ATTUNE_ROOM_IDLE_MS));
  set('embedOrigins', read(env, 'ATTUNE_EMBED_ORIGINS', ENV.ATTUNE_EMBED_ORIGINS));
  const limits: Partial<Limits> = {};
  for (const [key, name] of LIMIT_ENV) {
    const value = read(env, name, Integer(1));
    if (value !== undefined) limits[key] = value;
  }
  if (Object.keys(limits).length) options.limits = limits;
  return options;
}

/** A port from the command line (`--port`), checked as PORT is. */
export function portFrom(text: string, name = '--port'): number {
  const value = read({ [name]: text }, name, ENV.PORT);
  if (value === undefined) throw new ConfigError(`${name} must be a whole number`);
  return value;
}
