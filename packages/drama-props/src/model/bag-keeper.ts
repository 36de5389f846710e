/**
 * The facilitator's side of the magic bag: it answers pending draws, takes
 * put-away props back into the bag and publishes the count. It runs in any
 * browser (or Node process) that holds the `notes` document; the caller says
 * whether this one is the keeper now and whether it is synced, so a bag that
 * has not loaded yet is never reported empty. It only looks again at what
 * changed, so a busy board costs the keeper nothing.
 */
import type { BagModel } from './bag-model.js';

export interface KeeperOptions {
  /** True for the one facilitator who keeps the bag (default: always). */
  isKeeper?: () => boolean;
  /** True once the documents have synced with the server (default: always). */
  isReady?: () => boolean;
  random?: () => number;
}

export class BagKeeper {
  private readonly bag: BagModel;
  private readonly options: KeeperOptions;
  private running = false;
  private stopped = false;
  private dirty = { draws: true, log: true, count: true };
  private readonly onDraws = (): void => this.mark('draws');
  private readonly onLog = (): void => this.mark('log');
  private readonly onContents = (): void => this.mark('count');

  constructor(bag: BagModel, options: KeeperOptions = {}) {
    if (!bag.canKeep) throw new Error('Only a facilitator, who holds the notes document, can keep the bag');
    this.bag = bag;
    this.options = options;
  }

  /** Starts answering on every change; returns the function that stops it. */
  start(): () => void {
    const { draws, info, board, contentsArray } = this.bag;
    draws.observe(this.onDraws);
    info.observe(this.onContents);
    board.log.observe(this.onLog);
    contentsArray!.observe(this.onContents);
    this.run();
    return () => {
      this.stopped = true;
      draws.unobserve(this.onDraws);
      info.unobserve(this.onContents);
      board.log.unobserve(this.onLog);
      contentsArray!.unobserve(this.onContents);
    };
  }

  /** One round over whatever changed. Safe to call at any time. */
  run(): void {
    const { isKeeper = () => true, isReady = () => true, random } = this.options;
    if (this.running || this.stopped || !isReady() || !isKeeper()) return;
    // Our own writes below trigger the observers again; the flag stops re-entry.
    this.running = true;
    try {
      const { draws, log, count } = this.dirty;
      this.dirty = { draws: false, log: false, count: false };
      if (draws && this.bag.requests().some((r) => r.state === 'pending')) this.bag.fulfil(random);
      if (log) this.bag.collectReturns();
      if (count || draws || log) this.bag.syncCount();
    } finally {
      this.running = false;
    }
  }

  private mark(what: 'draws' | 'log' | 'count'): void {
    this.dirty[what] = true;
    if (!this.running) queueMicrotask(() => this.run());
  }
}
