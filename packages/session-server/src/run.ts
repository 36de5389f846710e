/** Runs a server as a process: prints where it is, stores everything on signals. */
import { join } from 'node:path';
import type { CreateServerOptions } from './server.js';
import { createAttuneServer } from './server.js';

/**
 * The longest a stop may take. close() gives up on a failing store before
 * this (shutdownGraceMs); this catches anything else that hangs, so that a
 * supervisor's SIGKILL (often 10 s after SIGTERM) never has to.
 */
const STOP_DEADLINE_MS = 9500;

export async function runServer(options: CreateServerOptions): Promise<void> {
  const server = await createAttuneServer(options);
  const out = process.stdout;
  out.write(`\nAttune is running at ${server.url}\n`);
  if (options.staticDir) out.write(`  Therapist console: ${server.url}/therapist\n`);
  out.write(`  Sync endpoint:     ${server.syncUrl}\n`);
  if (server.adminKeyInDataFolder) {
    // A local setup: the operator needs the key to create sessions in the console. It is shown
    // once, on the start that made it, so later logs (often kept and shared) never hold it.
    // One given with ATTUNE_ADMIN_KEY is theirs already and is never printed.
    const where = join(options.dataDir ?? '.attune-data', 'secrets.json');
    if (server.generatedAdminKey) {
      out.write(
        `  Admin key:         ${server.adminKey}\n` +
          `                     (generated now and kept in ${where}; it is not printed again.\n` +
          '                     Set ATTUNE_ADMIN_KEY to choose your own)\n',
      );
    } else {
      out.write(`  Admin key:         kept in ${where} (field "adminKey")\n`);
    }
  }
  out.write('\n');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'storing everything before exit');
    setTimeout(() => {
      server.log.error(
        { signal, seconds: STOP_DEADLINE_MS / 1000 },
        'shutdown took too long; exiting anyway',
      );
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        server.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
