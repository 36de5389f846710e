/**
 * A session server in a process of its own, configured from the environment
 * like the `attune-server` CLI, plus what only tests need to set
 * (ATTUNE_FLUSH_INTERVAL_MS). Signal handling is the CLI's own (runServer).
 */
import { optionsFromEnv, runServer } from '@attune/session-server';

const options = optionsFromEnv(process.env);
if (process.env.ATTUNE_FLUSH_INTERVAL_MS)
  options.flushIntervalMs = Number(process.env.ATTUNE_FLUSH_INTERVAL_MS);
await runServer(options);
