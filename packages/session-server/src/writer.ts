/**
 * Batches store writes: everything that arrives within one flush interval
 * goes into one transaction. Rooms learn when their updates are durable,
 * which is what answers save checks (message 100).
 */
import type { Logger } from 'pino';
import type { AuditRecord, EventRecord, Store, UpdateWrite, WriteBatch } from './store/store.js';

export interface DurableListener {
  /** `count` more of this room's updates are durable, the last at `seq`. */
  onDurable(count: number, seq: number): void;
}

const MAX_BATCH = 2000;

export class Writer {
  private batch: WriteBatch = { updates: [], events: [], audit: [] };
  private owners: DurableListener[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;
  private failures = 0;

  constructor(
    private readonly store: Store,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly onLatency: (seconds: number) => void,
  ) {}

  get pending(): number {
    return this.batch.updates.length + this.batch.events.length + this.batch.audit.length;
  }

  addUpdate(owner: DurableListener, write: UpdateWrite): void {
    this.batch.updates.push(write);
    this.owners.push(owner);
    this.schedule();
  }

  addEvent(event: EventRecord): void {
    this.batch.events.push(event);
    this.schedule();
  }

  addAudit(record: AuditRecord): void {
    this.batch.audit.push(record);
    this.schedule();
  }

  /** Resolves once everything added so far is durable. */
  async flush(): Promise<void> {
    for (let guard = 0; guard < 1000; guard++) {
      if (this.flushing) {
        await this.flushing;
        continue;
      }
      if (this.pending === 0) return;
      await this.run();
    }
  }

  private schedule(): void {
    if (this.timer || this.flushing) return;
    const delay = this.pending >= MAX_BATCH ? 0 : this.intervalMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private run(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.batch;
    const owners = this.owners;
    this.batch = { updates: [], events: [], audit: [] };
    this.owners = [];
    const started = performance.now();
    this.flushing = this.store
      .write(batch)
      .then((lastSeq) => {
        this.failures = 0;
        this.onLatency((performance.now() - started) / 1000);
        const byOwner = new Map<DurableListener, { count: number; room: string }>();
        owners.forEach((owner, i) => {
          const entry = byOwner.get(owner);
          if (entry) entry.count++;
          else byOwner.set(owner, { count: 1, room: `${batch.updates[i]!.sid}/${batch.updates[i]!.scope}` });
        });
        for (const [owner, { count, room }] of byOwner) owner.onDurable(count, lastSeq.get(room) ?? 0);
      })
      .catch((error: unknown) => {
        // Keep the batch: put it back in front and try again with a growing pause.
        this.failures++;
        this.log.error({ err: error, failures: this.failures }, 'store write failed; retrying');
        this.batch = {
          updates: [...batch.updates, ...this.batch.updates],
          events: [...batch.events, ...this.batch.events],
          audit: [...batch.audit, ...this.batch.audit],
        };
        this.owners = [...owners, ...this.owners];
        return new Promise<void>((resolve) => setTimeout(resolve, Math.min(5000, 50 * 2 ** this.failures)));
      })
      .finally(() => {
        this.flushing = null;
        if (this.pending > 0) this.schedule();
      });
    return this.flushing;
  }
}
