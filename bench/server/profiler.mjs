/**
 * V8's CPU profiler (the one behind `node --cpu-prof`), started and stopped
 * by the runner over IPC so that a profile covers only the measured load,
 * not start-up and connecting.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/** @param {NodeJS.Process} proc */
export function profileOnRequest(proc) {
  /** @type {Session | null} */
  let session = null;
  const post = (/** @type {string} */ method, /** @type {object} */ params = {}) =>
    new Promise((resolve, reject) =>
      /** @type {Session} */ (session).post(method, params, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  proc.on('message', async (/** @type {{ op: string, file?: string }} */ message) => {
    if (message.op === 'profile-start') {
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
      proc.send?.({ op: 'profile-start' });
    } else if (message.op === 'profile-stop' && session && message.file) {
      const { profile } = /** @type {{ profile: object }} */ (await post('Profiler.stop'));
      writeFileSync(message.file, JSON.stringify(profile));
      session.disconnect();
      session = null;
      proc.send?.({ op: 'profile-stop' });
    }
  });
}
