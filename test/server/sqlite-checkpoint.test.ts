import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '@attune/session-server';
import { until } from '../support/server.js';

describe('the SQLite store', () => {
  it('checkpoints its write-ahead log off the main thread, keeping the log bounded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'attune-wal-'));
    const path = join(dir, 'attune.sqlite');
    const seen: Array<{ log: number; checkpointed: number }> = [];
    const store = new SqliteStore(path, { checkpointIntervalMs: 20, onCheckpoint: (f) => seen.push(f) });
    const round = (n: number) => ({
      updates: Array.from({ length: 200 }, (_, i) => ({
        sid: 'abcdefghijklmnopqrstuv',
        scope: 'space' as const,
        data: new Uint8Array(4096).fill((n + i) & 0xff),
      })),
      events: [],
      audit: [],
    });
    let walAfterFirst = 0;
    for (let n = 0; n < 8; n++) {
      await store.write(round(n));
      const before = seen.length;
      // The worker reports a checkpoint that took in every frame of the log.
      await until(() => seen.slice(before).some((f) => f.checkpointed === f.log), `checkpoint ${n}`, 10_000);
      if (n === 0) walAfterFirst = (await stat(`${path}-wal`)).size;
    }
    // 8 rounds of about 0.8 MB: without checkpoints the log would hold all of them.
    const wal = (await stat(`${path}-wal`)).size;
    expect(wal).toBeLessThan(walAfterFirst * 2);
    expect((await store.loadDoc('abcdefghijklmnopqrstuv', 'space')).updates).toHaveLength(1600);
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
});
