#!/usr/bin/env node
/**
 * `npm start`: builds the demo pages when they are missing or older than
 * their sources, then runs the session server with them on one port
 * (8787 by default), on the embedded SQLite storage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ConfigError, optionsFromEnv, runServer } from '@attune/session-server';

let options;
try {
  options = optionsFromEnv(process.env);
} catch (error) {
  // A bad variable is named in the message; a stack trace would only hide it.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`npm start: ${error.message}\n`);
  process.exit(1);
}
const demos = 'demos';
const built = 'demos/dist';
if (existsSync(`${demos}/vite.config.ts`)) {
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--config', `${demos}/vite.config.ts`, '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

options.dataDir ??= '.attune-data';
if (existsSync(built)) options.staticDir = built;
await runServer(options);
