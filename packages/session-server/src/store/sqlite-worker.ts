/**
 * Runs in a worker thread: owns the SQLite connection and answers the store's
 * requests one at a time, in the order they were sent. A commit here blocks
 * only this thread, never the one relaying frames.
 */
import { parentPort } from 'node:worker_threads';
import { sqliteAnswerer } from './sqlite-handlers.js';
import type { SqliteRequest } from './sqlite-protocol.js';
import { yieldToRelaying } from './thread-priority.js';

yieldToRelaying();

const port = parentPort;
if (!port) throw new Error('sqlite-worker.js runs only as a worker thread');
const answer = sqliteAnswerer();

port.on('message', (request: SqliteRequest) => {
  const { response, transfer } = answer(request);
  port.postMessage(response, transfer);
});
