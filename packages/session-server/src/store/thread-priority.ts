/**
 * Lowers the calling thread's scheduling priority. On Linux each thread has
 * its own nice value; when the server has one core (or is pinned to one), the
 * store's threads and the relaying thread take turns on it, and at equal
 * priority a commit could hold relaying back for a whole time slice. Below
 * normal, the scheduler lets relaying go first; batched writes wait a little
 * longer instead, which is what the Writer's batching is for.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

export function yieldToRelaying(): void {
  try {
    // "<pid>/task/<tid>": the kernel's id of this thread, which setpriority() takes on Linux.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux, or not allowed: equal priority only costs some latency.
  }
}
