/**
 * The writer over a store that fails as a full disk does (errors coded
 * SQLITE_FULL), without root: the state it reports, erasing past it, and
 * giving up on close. test/server/disk-trouble.test.ts does the same on a
 * real full disk where mounting is allowed.
 */
import { describe, expect, it } from 'vitest';
import type { SaveState } from '@attune/session-server';
import { SqliteStore, Writer, createLogger } from '@attune/session-server';

class FlakyStore extends SqliteStore {
  full = false;
  override write(batch: Parameters<SqliteStore['write']>[0]): ReturnType<SqliteStore['write']> {
    if (this.full)
      return Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    return super.write(batch);
  }
}

const listener = {
  durable: 0,
  onDurable(count: number) {
    this.durable += count;
  },
};
const update = (sid: string, n: number) => ({
  sid,
  scope: 'space' as const,
  data: new Uint8Array([0, 0, n]),
});

describe('writer on a failing store', () => {
  it('says when saving stops and resumes, lands what waited, and drops an erased session at once', async () => {
    const store = new FlakyStore(':memory:', { thread: 'this', reserveBytes: 0 });
    await store.init();
    const writer = new Writer(store, 5, createLogger('silent'), () => {});
    const states: SaveState[] = [];
    writer.onStateChange((s) => states.push(s));
    store.full = true;
    writer.addUpdate(listener, update('keep', 1));
    writer.addUpdate(listener, update('erase', 2));
    const until = async (check: () => boolean): Promise<void> => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };
    await until(() => writer.state.status === 'failing');
    expect(writer.state).toMatchObject({ status: 'failing', trouble: 'full' });
    await expect(writer.flush({ orFail: true })).rejects.toMatchObject({ status: 507, code: 'storage-full' });

    const started = performance.now();
    await writer.forget('erase');
    expect(performance.now() - started).toBeLessThan(500);
    writer.addAudit({ sid: 'erase', t: 0, actor: 'x', action: 'left', detail: '' });
    expect(writer.pending).toBe(1);

    store.full = false;
    await writer.flush();
    expect(writer.state.status).toBe('saving');
    expect(states.map((s) => s.status)).toEqual(['failing', 'saving']);
    expect((await store.loadDoc('keep', 'space')).updates).toHaveLength(1);
    expect((await store.loadDoc('erase', 'space')).updates).toHaveLength(0);
    await store.close();
  });

  it('gives up on close after its grace and counts what was lost', async () => {
    const store = new FlakyStore(':memory:', { thread: 'this', reserveBytes: 0 });
    await store.init();
    const writer = new Writer(store, 5, createLogger('silent'), () => {});
    store.full = true;
    for (let i = 0; i < 3; i++) writer.addUpdate(listener, update('s', i));
    writer.addEvent({
      sid: 's',
      t: 0,
      sub: 'c',
      role: 'client',
      scope: 'space',
      channel: 'n',
      payload: new Uint8Array(1),
    });
    writer.giveUpAfter(300);
    const started = performance.now();
    await writer.flush();
    expect(performance.now() - started).toBeLessThan(1500);
    expect(writer.close()).toEqual({ updates: 3, events: 1, audit: 0, sessions: 1 });
    await store.close();
  });
});
