/**
 * Finds a worker module of this folder. Built, it sits beside this file. Run
 * from source (Vitest loads the .ts files), it does not exist there and Node 20
 * cannot start a worker from TypeScript, so the build's copy is used: build the
 * package before running source that starts the store.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function storeWorkerUrl(file: 'sqlite-worker.js' | 'checkpointer.js'): URL {
  const beside = new URL(`./${file}`, import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL(`../../dist/store/${file}`, import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`${file} is not built; run npx tsc -b packages/session-server`);
}
