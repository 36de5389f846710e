/**
 * Batches store writes: everything that arrives within one flush interval
 * goes into one transaction. Rooms learn when their updates are durable,
 * which is what answers save checks (message 100).
 *
 * A failed batch is kept and tried again. While the store keeps failing (a
 * full or read-only disk), the writer is "not saving": listeners are told,
 * so the people writing can be, and told again when writes land once more.
 * Nothing is dropped, except what belongs to an erased session, and what is
 * still queued when the process must stop (counted and logged, never shown).
 */
import type { Logger } from 'pino';
import type { AuditRecord, EventRecord, Store, UpdateWrite, WriteBatch } from './store/store.js';
import type { StoreTrouble } from './store/trouble.js';
import { storeTroubleOf, troubleCode, troubleReason } from './store/trouble.js';

export interface DurableListener {
  /** `count` more of this room's updates are durable, the last at `seq`. */
  onDurable(count: number, seq: number): void;
}

/** Whether writes are landing. `failing` lasts until one lands again. */
export type SaveState =
  { status: 'saving' } | { status: 'failing'; trouble: StoreTrouble | null; reason: string; since: number };

/** Writes that could not be stored before the writer closed. */
export interface Unsaved {
  updates: number;
  events: number;
  audit: number;
  sessions: number;
}

/** Thrown where a caller asked not to wait through a failing store. */
export class StoreFailingError extends Error {
  readonly status = 507;
  readonly code: 'storage-full' | 'storage-unavailable';
  constructor(readonly trouble: StoreTrouble | null) {
    super(
      trouble === 'full'
        ? "The server's disk is full: nothing can be stored until space is freed"
        : "The server's storage cannot take writes right now",
    );
    this.code = troubleCode(trouble);
  }
}

const MAX_BATCH = 2000;
/** Failures of an unknown kind in a row before the people writing are told. */
const UNKNOWN_FAILURES_BEFORE_FAILING = 3;
/** Longest pause between attempts: space freed is noticed within this. */
const MAX_RETRY_MS = 1000;
/** Erased sessions remembered, so late writes (a leaving socket's audit) cannot bring rows back. */
const ERASED_KEPT = 10_000;

const emptyBatch = (): WriteBatch => ({ updates: [], events: [], audit: [] });

export class Writer {
  private batch: WriteBatch = emptyBatch();
  private owners: DurableListener[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;
  /** The store call in flight, settled either way; without the pause after a failure. */
  private attempt: Promise<void> | null = null;
  private failures = 0;
  private _state: SaveState = { status: 'saving' };
  private readonly listeners = new Set<(state: SaveState) => void>();
  private readonly erased = new Set<string>();
  private closed = false;
  private markClosed!: () => void;
  /** Settles when the writer stops: nothing waits on a store call that hangs past that. */
  private readonly stopped = new Promise<void>((resolve) => (this.markClosed = resolve));
  private wake: (() => void) | null = null;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: Store,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly onLatency: (seconds: number) => void,
  ) {}

  get pending(): number {
    return this.batch.updates.length + this.batch.events.length + this.batch.audit.length;
  }

  get state(): SaveState {
    return this._state;
  }

  /** Calls `listener` on every change between saving and failing; returns how to stop. */
  onStateChange(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Throws StoreFailingError while writes are not landing. */
  assertSaving(): void {
    if (this._state.status === 'failing') throw new StoreFailingError(this._state.trouble);
  }

  addUpdate(owner: DurableListener, write: UpdateWrite): void {
    if (this.refuses(write.sid)) return;
    this.batch.updates.push(write);
    this.owners.push(owner);
    this.schedule();
  }

  addEvent(event: EventRecord): void {
    if (this.refuses(event.sid)) return;
    this.batch.events.push(event);
    this.schedule();
  }

  addAudit(record: AuditRecord): void {
    if (this.refuses(record.sid)) return;
    this.batch.audit.push(record);
    this.schedule();
  }

  /**
   * Resolves once everything added so far is durable, or the writer is
   * closed. With `orFail`, rejects with StoreFailingError instead of waiting
   * through a failing store (for a request someone is waiting on).
   */
  async flush(options: { orFail?: boolean } = {}): Promise<void> {
    while (!this.closed) {
      if (options.orFail) this.assertSaving();
      if (this.flushing) {
        await Promise.race([this.flushing, this.stopped]);
        continue;
      }
      if (this.pending === 0) return;
      await Promise.race([this.run(), this.stopped]);
    }
  }

  /**
   * Before a session is erased: drops its queued writes, refuses new ones,
   * and waits for a store call in flight (which may hold some of them) to
   * settle, but not for retries. Undo with `unforget` when erasing fails.
   */
  async forget(sid: string): Promise<void> {
    this.erased.add(sid);
    if (this.erased.size > ERASED_KEPT) this.erased.delete(this.erased.values().next().value!);
    this.dropSession(sid);
    await this.attempt;
    // A failed attempt put its batch back; the session's part goes again.
    this.dropSession(sid);
  }

  unforget(sid: string): void {
    this.erased.delete(sid);
  }

  /**
   * Shutdown: keeps trying for `ms`, then gives up, so that flush() returns.
   * close() afterwards says what was lost.
   */
  giveUpAfter(ms: number): void {
    if (this.closed || this.deadline) return;
    this.deadline = setTimeout(() => this.stop(), ms);
    this.deadline.unref?.();
  }

  /** Stops for good and returns what could not be stored (also logged, as counts only). */
  close(): Unsaved {
    this.stop();
    const unsaved: Unsaved = {
      updates: this.batch.updates.length,
      events: this.batch.events.length,
      audit: this.batch.audit.length,
      sessions: new Set([...this.batch.updates, ...this.batch.events, ...this.batch.audit].map((w) => w.sid))
        .size,
    };
    if (unsaved.updates + unsaved.events + unsaved.audit > 0) {
      this.log.error(unsaved, 'stopping with writes the store did not take: they are lost');
    }
    this.batch = emptyBatch();
    this.owners = [];
    return unsaved;
  }

  private stop(): void {
    this.closed = true;
    this.markClosed();
    clearTimeout(this.timer);
    this.timer = undefined;
    clearTimeout(this.deadline);
    this.wake?.();
  }

  private refuses(sid: string): boolean {
    return this.closed || this.erased.has(sid);
  }

  private dropSession(sid: string): void {
    const keep = this.batch.updates.map((u) => u.sid !== sid);
    this.owners = this.owners.filter((_, i) => keep[i]);
    this.batch = {
      updates: this.batch.updates.filter((_, i) => keep[i]),
      events: this.batch.events.filter((e) => e.sid !== sid),
      audit: this.batch.audit.filter((a) => a.sid !== sid),
    };
  }

  private schedule(): void {
    if (this.timer || this.flushing || this.closed) return;
    const delay = this.pending >= MAX_BATCH ? 0 : this.intervalMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private setState(state: SaveState): void {
    this._state = state;
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.log.error({ err: error }, 'a save-state listener failed');
      }
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private run(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    const owners = this.owners;
    this.batch = emptyBatch();
    this.owners = [];
    const started = performance.now();
    const write = this.store.write(batch);
    this.attempt = write.then(
      () => undefined,
      () => undefined,
    );
    this.flushing = write
      .then((lastSeq) => {
        this.failures = 0;
        this.onLatency((performance.now() - started) / 1000);
        if (this._state.status === 'failing') {
          const seconds = Math.round((Date.now() - this._state.since) / 1000);
          this.log.warn({ seconds, queued: this.pending }, 'store writes land again; saving resumed');
          this.setState({ status: 'saving' });
        }
        const byOwner = new Map<DurableListener, { count: number; room: string }>();
        owners.forEach((owner, i) => {
          const entry = byOwner.get(owner);
          if (entry) entry.count++;
          else byOwner.set(owner, { count: 1, room: `${batch.updates[i]!.sid}/${batch.updates[i]!.scope}` });
        });
        for (const [owner, { count, room }] of byOwner) owner.onDurable(count, lastSeq.get(room) ?? 0);
      })
      .catch((error: unknown) => {
        // Keep the batch: put it back in front (less what was erased meanwhile) and try again.
        this.failures++;
        this.batch = {
          updates: [...batch.updates, ...this.batch.updates],
          events: [...batch.events, ...this.batch.events],
          audit: [...batch.audit, ...this.batch.audit],
        };
        this.owners = [...owners, ...this.owners];
        for (const sid of this.erased) this.dropSession(sid);
        const trouble = storeTroubleOf(error);
        const code = (error as { code?: unknown }).code;
        if (this._state.status === 'saving') {
          // Logged once per episode, not once per attempt: a full disk would fill the log too.
          this.log.error({ err: error, code, trouble, queued: this.pending }, 'store write failed; retrying');
          if (trouble || this.failures >= UNKNOWN_FAILURES_BEFORE_FAILING) {
            this.setState({ status: 'failing', trouble, reason: troubleReason(trouble), since: Date.now() });
          }
        } else if (this.failures % 60 === 0) {
          this.log.error(
            { code, trouble, queued: this.pending, failures: this.failures },
            'store still failing',
          );
        }
        return this.pause(Math.min(MAX_RETRY_MS, 50 * 2 ** this.failures));
      })
      .finally(() => {
        this.flushing = null;
        this.attempt = null;
        if (this.pending > 0) this.schedule();
      });
    return this.flushing;
  }
}
