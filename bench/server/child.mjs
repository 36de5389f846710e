/**
 * What every benchmark server process answers over IPC, the same for each:
 * memory after a full GC, a heap snapshot, the profiler (profiler.mjs), and
 * stop. Announces the server's URL once it listens.
 */
import { writeHeapSnapshot } from 'node:v8';
import { profileOnRequest } from './profiler.mjs';

/**
 * @param {{ url: string, rooms: () => number, stop: () => void | Promise<void> }} server
 *   `rooms`: rooms the server holds; `stop`: closes it (the process then exits)
 */
export function answerRunner(server) {
  const send = (/** @type {object} */ message) => process.send?.(message);
  process.on('message', async (/** @type {{ op: string, file?: string }} */ message) => {
    if (message.op === 'memory') {
      globalThis.gc?.();
      globalThis.gc?.();
      send({ op: 'memory', ...process.memoryUsage(), rooms: server.rooms() });
    } else if (message.op === 'heap-snapshot') {
      globalThis.gc?.();
      send({ op: 'heap-snapshot', file: writeHeapSnapshot(message.file) });
    } else if (message.op === 'stop') {
      await server.stop();
      // A normal exit, so that --cpu-prof writes its profile.
      process.exit(0);
    }
  });
  process.on('disconnect', () => process.exit(0));
  profileOnRequest(process);
  send({ op: 'ready', url: server.url, pid: process.pid });
}
