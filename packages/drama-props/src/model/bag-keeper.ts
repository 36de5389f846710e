/**
 * The facilitator's side of the magic bag: it answers pending draws, takes
 * put-away props back into the bag and publishes the count. It runs in any
 * browser (or Node process) that holds the `notes` document; the caller says
 * whether this one is the keeper now and whether it is synced, so a bag that
 * has not loaded yet is never reported empty. It only looks again at what
 * changed, so a busy board costs the keeper nothing.
 *
 * Presence here means awareness states as the session server relays them:
 * the server writes each entry's `user` (id = the token's `sub`, role, name)
 * from the publisher's token and keeps facilitator-only fields out of
 * everyone else's, so these rules may trust `user.role` and `user.id`.
 */
import { isFacilitator, isRole } from '@attune/session/protocol';
import type { BagModel, DrawRequest, DrawVouch } from './bag-model.js';

/** The presence field by which a facilitator's page says it can keep the bag. */
export const KEEPER_PRESENCE_FIELD = 'propsKeeper';
/**
 * The presence field in which a participant's page names its own pending
 * draw request: the keeper answers a request into someone's hands only when
 * their presence names it.
 */
export const DRAW_PRESENCE_FIELD = 'propsDraw';

interface PresenceLike {
  user?: { id?: unknown; role?: unknown };
  [field: string]: unknown;
}

function facilitatorPresence(state: unknown): boolean {
  const role = (state as PresenceLike | null)?.user?.role;
  return isRole(role) && isFacilitator(role);
}

/**
 * Whether the page whose awareness client id is `me` keeps the bag now: of
 * the facilitators whose presence says they can keep it, the one with the
 * lowest client id, so two facilitators do not answer the same draw twice.
 * Anyone else's claim is ignored.
 */
export function isBagKeeper(states: ReadonlyMap<number, unknown>, me: number): boolean {
  for (const [clientId, state] of states) {
    if (clientId >= me || !facilitatorPresence(state)) continue;
    if ((state as PresenceLike)[KEEPER_PRESENCE_FIELD] === true) return false;
  }
  return true;
}

/**
 * Vouches for draw requests from presence: a request is answered when its
 * drawer's presence names it, refused when the drawer is here and none of
 * their presences names it (someone else wrote it in their name), and waits
 * while the drawer is not here.
 */
export function drawVouch(presence: Iterable<unknown>): (draw: DrawRequest) => DrawVouch {
  const named = new Map<string, Set<unknown>>();
  for (const state of presence) {
    const id = (state as PresenceLike | null)?.user?.id;
    if (typeof id !== 'string') continue;
    let set = named.get(id);
    if (!set) named.set(id, (set = new Set()));
    set.add((state as PresenceLike)[DRAW_PRESENCE_FIELD]);
  }
  return (draw) => {
    const set = named.get(draw.by.id);
    if (!set) return 'wait';
    return set.has(draw.id) ? 'answer' : 'refuse';
  };
}

export interface KeeperOptions {
  /** True for the one facilitator who keeps the bag (default: always). */
  isKeeper?: () => boolean;
  /** True once the documents have synced with the server (default: always). */
  isReady?: () => boolean;
  /**
   * Everyone's verified presence (awareness states); with it, a draw is
   * answered only when the drawer's presence names it (`DRAW_PRESENCE_FIELD`).
   * Without it every request is taken at its word.
   */
  presence?: () => Iterable<unknown>;
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
    const { isKeeper = () => true, isReady = () => true, random, presence } = this.options;
    if (this.running || this.stopped || !isReady() || !isKeeper()) return;
    // Our own writes below trigger the observers again; the flag stops re-entry.
    this.running = true;
    try {
      const { draws, log, count } = this.dirty;
      this.dirty = { draws: false, log: false, count: false };
      if (draws && this.bag.requests().some((r) => r.state === 'pending'))
        this.bag.fulfil(random, presence ? drawVouch(presence()) : undefined);
      if (log) this.bag.collectReturns();
      if (count || draws || log) this.bag.syncCount();
    } finally {
      this.running = false;
    }
  }

  /** Presence changed: a waiting draw's drawer may be here now. */
  presenceChanged(): void {
    this.mark('draws');
  }

  private mark(what: 'draws' | 'log' | 'count'): void {
    this.dirty[what] = true;
    if (!this.running) queueMicrotask(() => this.run());
  }
}
