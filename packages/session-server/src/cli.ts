#!/usr/bin/env node
/**
 * `attune-server [--port N] [--host H] [--data DIR] [--static DIR]`, with the
 * environment (PORT, HOST, ATTUNE_DATA, ATTUNE_SECRET, ATTUNE_ADMIN_KEY, …)
 * as defaults. Stores everything on SIGTERM and SIGINT before exiting.
 */
import { parseArgs } from 'node:util';
import { ConfigError, optionsFromEnv, portFrom } from './config.js';
import type { ServerOptions } from './config.js';
import { runServer } from './run.js';

function fail(message: string): never {
  process.stderr.write(`attune-server could not start: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    static: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: attune-server [--port 8787] [--host 127.0.0.1] [--data ./.attune-data] [--static DIR]\n' +
      'Environment: PORT, HOST, ATTUNE_DATA, ATTUNE_SECRET, ATTUNE_ADMIN_KEY, ATTUNE_PUBLIC_URL, ATTUNE_LOG_LEVEL,\n' +
      '  ATTUNE_SQLITE_SYNC (normal|full), ATTUNE_MAX_FRAME_BYTES, ATTUNE_MAX_DOC_BYTES, ATTUNE_MAX_OUTBOUND_BYTES,\n' +
      '  ATTUNE_CONNECTIONS_PER_IP_PER_MINUTE, ATTUNE_MESSAGES_PER_SECOND, ATTUNE_ROOM_IDLE_MS, ATTUNE_TRUST_PROXY,\n' +
      '  ATTUNE_EMBED_ORIGINS, ATTUNE_MAX_ASSET_BYTES(_PER_SESSION), ATTUNE_MAX_ASSETS_PER_SESSION,\n' +
      '  ATTUNE_MAX_EVENT_LOG_BYTES_PER_SESSION, ATTUNE_ADMIN_KEY_FAILURES_PER_MINUTE, ATTUNE_SESSIONS_PER_MINUTE,\n' +
      '  ATTUNE_INVITES_PER_SESSION_PER_MINUTE, ATTUNE_MAX_TOKEN_TTL_SECONDS (see the README)\n',
  );
  process.exit(0);
}

let options: ServerOptions;
try {
  options = optionsFromEnv(process.env);
  if (values.port !== undefined) options.port = portFrom(values.port);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
if (values.host !== undefined) options.host = values.host;
if (values.data !== undefined) options.dataDir = values.data;
if (values.static !== undefined) options.staticDir = values.static;

runServer(options).catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});
