/**
 * The facilitator's side of the magic bag: whenever the documents change, it
 * answers pending draws and takes put-away props back into the bag. It runs
 * in any browser (or Node process) that holds the `notes` document; the
 * caller says whether this one is the keeper now and whether it is synced,
 * so a bag that has not loaded yet is never reported empty.
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
  private readonly onUpdate = (): void => this.run();

  constructor(bag: BagModel, options: KeeperOptions = {}) {
    if (!bag.canKeep) throw new Error('Only a facilitator, who holds the notes document, can keep the bag');
    this.bag = bag;
    this.options = options;
  }

  /** Starts answering on every change; returns the function that stops it. */
  start(): () => void {
    const space = this.bag.board.doc;
    const notes = this.bag.contentsArray!.doc!;
    space.on('update', this.onUpdate);
    notes.on('update', this.onUpdate);
    this.run();
    return () => {
      this.stopped = true;
      space.off('update', this.onUpdate);
      notes.off('update', this.onUpdate);
    };
  }

  /** One round: count, draws, returns. Safe to call at any time. */
  run(): void {
    const { isKeeper = () => true, isReady = () => true, random } = this.options;
    if (this.running || this.stopped || !isReady() || !isKeeper()) return;
    // Our own writes fire 'update' again; the flag stops re-entry.
    this.running = true;
    try {
      this.bag.syncCount();
      if (this.bag.requests().some((r) => r.state === 'pending')) this.bag.fulfil(random);
      this.bag.collectReturns();
    } finally {
      this.running = false;
    }
  }
}
