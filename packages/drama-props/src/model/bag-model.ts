/**
 * The magic bag. Its contents live in the `notes` document, which only
 * facilitators' connections receive, so secrecy is the server's doing, not
 * the client's code:
 *
 *   notes  props:<board>:bag       Y.Array<{ id, propId }>   what is in the bag (hidden)
 *          props:<board>:returned  Y.Map<logEntryId, true>    put-away log entries already handled
 *          props:<board>:out       Y.Map<itemId, propId>      props the bag gave out, not back yet
 *   space  props:<board>:bagInfo   Y.Map { count }            how many, never which
 *          props:<board>:draws     Y.Map<id, DrawRequest>     "I reach into the bag"
 *
 * A participant writes a draw request into `space`; a facilitator's browser
 * (which holds `notes`) takes the prop out of the bag and reveals it on the
 * board, held by the one who drew it.
 *
 * Anyone with `space` can write anything there, so nothing in it feeds the
 * bag by itself: a put-away log entry only says "look"; what goes back is
 * what `out` (facilitators only) says this item took out, once the item is
 * gone from the board. Whether a draw request really comes from the person
 * it names is for the caller to say (`fulfil`'s `vouch`, which the keeper
 * answers from server-verified presence).
 */
import type * as Y from 'yjs';
import type { BoardModel } from './board-model.js';
import { KEEPER_ORIGIN, PROPS_ORIGIN } from './origin.js';
import type { Actor } from './parse.js';
import { actor, num, randomId, storedActor, text } from './parse.js';

export const BAG_LIMITS = { contents: 200, pendingPerPerson: 1, draws: 500 } as const;

/** `refused`: the request was not made by the person it names. */
export type DrawState = 'pending' | 'done' | 'empty' | 'refused';

/** Whether to answer a pending draw now, refuse it, or leave it for later. */
export type DrawVouch = 'answer' | 'refuse' | 'wait';

export interface DrawRequest {
  id: string;
  by: Actor;
  /** The slot reached for in the closed bag, or null for "any". */
  slot: number | null;
  at: number;
  state: DrawState;
  /** The revealed board item, when done. */
  itemId: string;
}

export interface BagEntry {
  id: string;
  propId: string;
}

function parseDraw(id: string, value: unknown): DrawRequest | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const by = actor(raw['by']);
  const state = raw['state'];
  if (!by || (state !== 'pending' && state !== 'done' && state !== 'empty' && state !== 'refused'))
    return null;
  const slot = raw['slot'];
  return {
    id,
    by,
    slot:
      typeof slot === 'number' && Number.isInteger(slot) && slot >= 0 && slot < BAG_LIMITS.contents
        ? slot
        : null,
    at: num(raw['at'], 0, 8.64e15, 0),
    state,
    itemId: text(raw['itemId'], 32),
  };
}

export class BagModel {
  readonly board: BoardModel;
  readonly info: Y.Map<unknown>;
  readonly draws: Y.Map<unknown>;
  /** Facilitators only. */
  readonly contentsArray: Y.Array<unknown> | null;
  private readonly returned: Y.Map<unknown> | null;
  private readonly out: Y.Map<unknown> | null;
  private readonly notes: Y.Doc | null;
  private readonly now: () => number;

  constructor(board: BoardModel, notes: Y.Doc | null, options: { board?: string; now?: () => number } = {}) {
    const name = options.board ?? 'main';
    this.board = board;
    this.info = board.doc.getMap(`props:${name}:bagInfo`);
    this.draws = board.doc.getMap(`props:${name}:draws`);
    this.notes = notes;
    this.contentsArray = notes ? notes.getArray(`props:${name}:bag`) : null;
    this.returned = notes ? notes.getMap(`props:${name}:returned`) : null;
    this.out = notes ? notes.getMap(`props:${name}:out`) : null;
    this.now = options.now ?? Date.now;
  }

  get canKeep(): boolean {
    return this.notes !== null;
  }

  /** How many props are in the bag, as everyone sees it. */
  get count(): number {
    return Math.floor(num(this.info.get('count'), 0, BAG_LIMITS.contents, 0));
  }

  /** What is in the bag (facilitators only; empty for everyone else). */
  contents(): BagEntry[] {
    if (!this.contentsArray) return [];
    const out: BagEntry[] = [];
    for (const value of this.contentsArray) {
      const raw = value as Record<string, unknown> | null;
      if (raw && typeof raw['id'] === 'string' && typeof raw['propId'] === 'string') {
        out.push({ id: raw['id'], propId: text(raw['propId'], 80) });
      }
    }
    return out;
  }

  add(propIds: readonly string[]): void {
    const bag = this.requireNotes();
    const room = BAG_LIMITS.contents - bag.length;
    const entries = propIds
      .slice(0, Math.max(0, room))
      .map((propId) => ({ id: randomId(), propId: propId.slice(0, 80) }));
    if (entries.length === 0) return;
    this.notes!.transact(() => bag.push(entries), PROPS_ORIGIN);
    this.syncCount();
  }

  remove(entryId: string): void {
    const bag = this.requireNotes();
    const index = this.contents().findIndex((entry) => entry.id === entryId);
    if (index < 0) return;
    this.notes!.transact(() => bag.delete(index, 1), PROPS_ORIGIN);
    this.syncCount();
  }

  /** Publishes how many props the bag holds (the number only). */
  syncCount(): void {
    if (!this.contentsArray) return;
    const count = this.contents().length;
    if (this.info.get('count') !== count)
      this.board.doc.transact(() => this.info.set('count', count), PROPS_ORIGIN);
  }

  requests(): DrawRequest[] {
    const out: DrawRequest[] = [];
    for (const [id, value] of this.draws) {
      const draw = parseDraw(id, value);
      if (draw) out.push(draw);
    }
    return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  }

  request(id: string): DrawRequest | null {
    return parseDraw(id, this.draws.get(id));
  }

  /**
   * Reaches into the bag: at random (`slot` null) or for one slot of the
   * closed bag. Returns the request id, or null when this person is still
   * waiting for a draw or the bag is empty.
   */
  requestDraw(by: Actor, slot: number | null = null, id: string = randomId()): string | null {
    if (this.count === 0) return null;
    const pending = this.requests().filter((r) => r.state === 'pending' && r.by.id === by.id);
    if (pending.length >= BAG_LIMITS.pendingPerPerson) return null;
    this.board.doc.transact(() => {
      this.pruneDraws();
      this.draws.set(id, { by: storedActor(by), slot, at: this.now(), state: 'pending', itemId: '' });
    }, PROPS_ORIGIN);
    return id;
  }

  /**
   * Answers pending draws (facilitators only): takes each prop out of the
   * bag and reveals it on the board in the drawer's hands. `vouch` says
   * whether a request really is its drawer's (default: every one is); a
   * refused one is marked so, and never answered. Returns how many were
   * answered or refused.
   */
  fulfil(
    random: () => number = Math.random,
    vouch: (draw: DrawRequest) => DrawVouch = () => 'answer',
  ): number {
    const bag = this.requireNotes();
    let answered = 0;
    for (const draw of this.requests()) {
      if (draw.state !== 'pending') continue;
      const verdict = vouch(draw);
      if (verdict === 'wait') continue;
      if (verdict === 'refuse') {
        this.board.doc.transact(
          () => this.draws.set(draw.id, { ...this.rawDraw(draw), state: 'refused' }),
          KEEPER_ORIGIN,
        );
        answered += 1;
        continue;
      }
      const contents = this.contents();
      if (contents.length === 0) {
        this.board.doc.transact(
          () => this.draws.set(draw.id, { ...this.rawDraw(draw), state: 'empty' }),
          PROPS_ORIGIN,
        );
        answered += 1;
        continue;
      }
      const index =
        draw.slot === null
          ? Math.floor(random() * contents.length) % contents.length
          : draw.slot % contents.length;
      const entry = contents[index]!;
      this.notes!.transact(() => bag.delete(index, 1), PROPS_ORIGIN);
      // The outer origin wins for the nested writes of `place`.
      this.board.doc.transact(() => {
        const itemId = this.board.place(entry.propId, 0.5, 0.5, draw.by, {
          heldBy: draw.by,
          onBoard: false,
          fromBag: true,
        });
        this.draws.set(draw.id, { ...this.rawDraw(draw), state: 'done', itemId: itemId ?? '' });
        // The reveal and the new count arrive together, in one update.
        this.syncCount();
        if (itemId) this.notes!.transact(() => this.out!.set(itemId, entry.propId), PROPS_ORIGIN);
      }, KEEPER_ORIGIN);
      answered += 1;
    }
    if (answered > 0) this.syncCount();
    return answered;
  }

  /**
   * Returns drawn props that were put away to the bag (facilitators only).
   * Only a prop the bag gave out (`out`) and that has left the board goes
   * back, as the prop it was, once: a log entry written by hand puts
   * nothing in the bag.
   */
  collectReturns(): number {
    const bag = this.requireNotes();
    const returned = this.returned!;
    const out = this.out!;
    const back: Array<{ entryId: string; itemId: string; propId: string }> = [];
    for (const e of this.board.entries()) {
      if (e.kind !== 'away' || !e.fromBag || !e.id || returned.has(e.id)) continue;
      const propId = out.get(e.itemId);
      if (typeof propId !== 'string' || this.board.items.has(e.itemId)) continue;
      if (back.some((b) => b.itemId === e.itemId)) continue;
      back.push({ entryId: e.id, itemId: e.itemId, propId });
    }
    const room = BAG_LIMITS.contents - bag.length;
    const taken = back.slice(0, Math.max(0, room));
    if (taken.length === 0) return 0;
    this.notes!.transact(() => {
      for (const entry of taken) {
        returned.set(entry.entryId, true);
        out.delete(entry.itemId);
        bag.push([{ id: randomId(), propId: entry.propId }]);
      }
    }, PROPS_ORIGIN);
    this.syncCount();
    return taken.length;
  }

  /** The closing ritual: every prop on the board is put away, drawn ones back into the bag. */
  putAllAway(by: Actor): void {
    this.board.doc.transact(() => {
      for (const item of this.board.list()) this.board.putAway(item.id, by);
    }, KEEPER_ORIGIN);
    if (this.canKeep) this.collectReturns();
  }

  private rawDraw(draw: DrawRequest): Record<string, unknown> {
    return { by: storedActor(draw.by), slot: draw.slot, at: draw.at, state: draw.state, itemId: draw.itemId };
  }

  /** Keeps the request map bounded: the oldest answered requests go first. */
  private pruneDraws(): void {
    const answered = this.requests().filter((r) => r.state !== 'pending');
    const excess = this.draws.size + 1 - BAG_LIMITS.draws;
    for (const draw of answered.slice(0, Math.max(0, excess))) this.draws.delete(draw.id);
  }

  private requireNotes(): Y.Array<unknown> {
    if (!this.contentsArray) throw new Error('Only facilitators hold the bag');
    return this.contentsArray;
  }
}
