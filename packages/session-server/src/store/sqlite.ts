/**
 * The embedded default store: one SQLite file in WAL mode. better-sqlite3 is
 * synchronous, and a commit on the thread that relays frames stalled every
 * room for its whole length; so the database lives in a worker thread
 * (sqlite-worker.ts) and this class only sends it requests. Writes still
 * arrive in batches, one transaction each.
 *
 * A second thread only helps with a second core to run it on. On one core
 * (a small instance, or a server pinned with taskset) it takes turns with
 * relaying anyway, and costs CPU (messages, thread switches) and memory (a
 * second isolate, a second malloc arena); there the same requests are
 * answered in this thread (`InThreadPort`).
 */
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dirname } from 'node:path';
import type { Scope } from '@attune/session/protocol';
import type { Asset, AuditRecord, EventRecord, Store, StoredDoc, WriteBatch } from './store.js';
import {
  fromWireError,
  packBytes,
  transferablesOf,
  unpackBytes,
  type SqliteCalls,
  type SqliteMethod,
  type SqliteRequest,
  type SqliteResponse,
} from './sqlite-protocol.js';
import { sqliteAnswerer } from './sqlite-handlers.js';
import { storeWorkerUrl } from './worker-url.js';

export interface SqliteStoreOptions {
  synchronous?: 'normal' | 'full';
  /** Milliseconds between write-ahead log checkpoints, run off the main thread (default 1000). */
  checkpointIntervalMs?: number;
  /** Called after each checkpoint that found frames in the log (for metrics and tests). */
  onCheckpoint?: (frames: { log: number; checkpointed: number }) => void;
  /**
   * Where the database work runs: its own worker thread, or this thread.
   * Default `auto`: a worker when the process may use more than one core.
   */
  thread?: 'worker' | 'this' | 'auto';
  /**
   * Bytes kept free in a file beside the database (`<file>-reserve`), given
   * up when erasing a session finds the disk full (default 4 MiB; 0: none).
   */
  reserveBytes?: number;
}

/** What the store needs of a worker thread. */
interface Port {
  postMessage(request: SqliteRequest, transfer: ArrayBuffer[]): void;
  on(event: 'message', listener: (response: SqliteResponse) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  ref(): void;
  unref(): void;
  terminate(): Promise<unknown>;
}

/** The worker's answers, given in this thread: same order, same messages, no copies. */
class InThreadPort extends EventEmitter implements Port {
  private readonly answer = sqliteAnswerer();
  private ended = false;

  postMessage(request: SqliteRequest): void {
    queueMicrotask(() => {
      if (this.ended) return;
      this.emit('message', this.answer(request).response);
    });
  }

  ref(): void {}
  unref(): void {}

  async terminate(): Promise<number> {
    if (!this.ended) {
      this.ended = true;
      this.emit('exit', 0);
    }
    return 0;
  }
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

export class SqliteStore implements Store {
  private worker: Port | null = null;
  private readonly inThread: boolean;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private opened: Promise<unknown>;
  private checkpointer: Worker | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly path: string,
    private readonly options: SqliteStoreOptions = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const thread = options.thread ?? 'auto';
    this.inThread = thread === 'this' || (thread === 'auto' && availableParallelism() < 2);
    this.opened = this.spawn();
    // The checkpointer's connection must find the file already in WAL mode.
    this.opened.then(
      () => this.startCheckpointer(),
      () => {
        // init() and every request report why it did not open.
      },
    );
  }

  async init(): Promise<void> {
    await this.opened;
  }

  async loadDoc(sid: string, scope: Scope): Promise<StoredDoc> {
    const { updates, lastSeq } = await this.call('loadDoc', [sid, scope]);
    return { updates: unpackBytes(updates), lastSeq };
  }

  async write(batch: WriteBatch): Promise<Map<string, number>> {
    const updateData = packBytes(batch.updates.map((u) => u.data));
    const eventPayloads = packBytes(batch.events.map((e) => e.payload));
    const last = await this.call(
      'write',
      [
        {
          updates: batch.updates.map(({ sid, scope }) => ({ sid, scope })),
          updateData,
          events: batch.events.map(({ payload: _, ...record }) => record),
          eventPayloads,
          audit: batch.audit,
        },
      ],
      transferablesOf(updateData, eventPayloads),
    );
    return new Map(last);
  }

  async compactDoc(sid: string, scope: Scope, state: Uint8Array, uptoSeq: number): Promise<void> {
    const packed = packBytes([state]);
    await this.call('compactDoc', [sid, scope, packed, uptoSeq], transferablesOf(packed));
  }

  async readEvents(sid: string): Promise<EventRecord[]> {
    const { records, payloads } = await this.call('readEvents', [sid]);
    const bytes = unpackBytes(payloads);
    return records.map((record, i) => ({ ...record, payload: bytes[i]! }));
  }

  async readAudit(sid: string): Promise<AuditRecord[]> {
    return this.call('readAudit', [sid]);
  }

  async putAsset(sid: string, hash: string, asset: Asset): Promise<void> {
    const packed = packBytes([asset.data]);
    await this.call('putAsset', [sid, hash, asset.type, packed], transferablesOf(packed));
  }

  async getAsset(sid: string, hash: string): Promise<Asset | null> {
    const row = await this.call('getAsset', [sid, hash]);
    return row ? { type: row.type, data: unpackBytes(row.data)[0]! } : null;
  }

  async createSession(sid: string, createdAt: number): Promise<void> {
    await this.call('createSession', [sid, createdAt]);
  }

  async endSession(sid: string, endedAt: number): Promise<void> {
    await this.call('endSession', [sid, endedAt]);
  }

  async isEnded(sid: string): Promise<boolean> {
    return this.call('isEnded', [sid]);
  }

  async revoke(sid: string, sub: string, at: number): Promise<void> {
    await this.call('revoke', [sid, sub, at]);
  }

  async isRevoked(sid: string, sub: string): Promise<boolean> {
    return this.call('isRevoked', [sid, sub]);
  }

  /**
   * Answers every request sent before it, then checkpoints the whole log into
   * the file, closes the database and ends its thread. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.opened.catch(() => undefined);
    await this.stopCheckpointer();
    const worker = this.worker;
    if (!worker) return;
    try {
      // The worker answers in order, so this comes back after everything pending.
      await this.send(worker, 'close', []);
    } finally {
      this.worker = null;
      await worker.terminate();
    }
  }

  private spawn(): Promise<unknown> {
    const worker: Port = this.inThread ? new InThreadPort() : new Worker(storeWorkerUrl('sqlite-worker.js'));
    // Held only while a request waits, so an idle store never keeps a process alive.
    worker.unref();
    let crash: Error | null = null;
    worker.on('message', (response: SqliteResponse) => this.answer(worker, response));
    worker.on('error', (error) => {
      crash = error;
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const error = new Error(
        `the SQLite store's worker thread stopped (exit code ${code})${crash ? `: ${crash.message}` : ''}`,
        { cause: crash ?? undefined },
      );
      const pending = [...this.pending.values()];
      this.pending.clear();
      // A write among them may have committed; the Writer sends it again, and
      // Yjs updates applied twice change nothing.
      for (const p of pending) p.reject(error);
    });
    this.worker = worker;
    return this.send(worker, 'open', [
      {
        path: this.path,
        synchronous: this.options.synchronous ?? 'normal',
        manualCheckpoints: this.path !== ':memory:',
        ...(this.options.reserveBytes === undefined ? {} : { reserveBytes: this.options.reserveBytes }),
      },
    ]);
  }

  private call<M extends SqliteMethod>(
    method: M,
    args: SqliteCalls[M]['args'],
    transfer: ArrayBuffer[] = [],
  ): Promise<SqliteCalls[M]['result']> {
    if (this.closing) return Promise.reject(new Error('the SQLite store is closed'));
    if (!this.worker) {
      if (this.path === ':memory:') {
        return Promise.reject(
          new Error("the SQLite store's worker thread stopped, and its in-memory database with it"),
        );
      }
      // The file holds everything acknowledged: a new thread picks up where the old one stopped.
      this.opened = this.spawn();
      this.opened.catch(() => undefined);
    }
    return this.send(this.worker!, method, args, transfer);
  }

  private send<M extends SqliteMethod>(
    worker: Port,
    method: M,
    args: SqliteCalls[M]['args'],
    transfer: ArrayBuffer[] = [],
  ): Promise<SqliteCalls[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      const request: SqliteRequest<M> = { id, method, args, lent: transfer };
      worker.postMessage(request, transfer);
    });
  }

  private answer(worker: Port, response: SqliteResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) worker.unref();
    if (response.ok) pending.resolve(response.value as never);
    else pending.reject(fromWireError(response.error));
  }

  private startCheckpointer(): void {
    if (this.path === ':memory:' || this.closing || this.checkpointer) return;
    const checkpointer = new Worker(storeWorkerUrl('checkpointer.js'), {
      workerData: { path: this.path, intervalMs: this.options.checkpointIntervalMs ?? 1000 },
    });
    checkpointer.unref();
    const onCheckpoint = this.options.onCheckpoint;
    if (onCheckpoint) {
      checkpointer.on('message', (message: unknown) => {
        if (typeof message === 'object' && message !== null)
          onCheckpoint(message as { log: number; checkpointed: number });
      });
    }
    checkpointer.on('error', () => {
      // Without it the log only grows until close, which checkpoints; nothing is lost.
    });
    this.checkpointer = checkpointer;
  }

  private async stopCheckpointer(): Promise<void> {
    const worker = this.checkpointer;
    if (!worker) return;
    this.checkpointer = null;
    // Its connection must be closed before ours truncates the log.
    await new Promise<void>((resolve) => {
      worker.on('message', (message: unknown) => {
        if (message === 'stopped') resolve();
      });
      worker.once('exit', () => resolve());
      worker.postMessage('stop');
    });
    await worker.terminate();
  }
}
