/**
 * Runs in a worker thread: folds SQLite's write-ahead log back into the
 * database file now and then. A checkpoint copies pages and fsyncs the file;
 * on the main thread it stalled relaying for several milliseconds, and on the
 * store's own worker it would hold every queued write (and so every save
 * check) for as long. Here it stalls nobody: PASSIVE never waits for the
 * writer, and WAL lets the store's worker commit while a checkpoint runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { yieldToRelaying } from './thread-priority.js';

yieldToRelaying();
const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new Database(path);
db.pragma('busy_timeout = 1000');
db.pragma('mmap_size = 0');
const timer = setInterval(() => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
    if (result && result.log > 0)
      parentPort?.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch {
    // Busy or closing: the next round will do it.
  }
}, intervalMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('stopped');
});
