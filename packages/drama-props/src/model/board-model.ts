/**
 * A prop board in the `space` document:
 *
 *   props:<board>:items  Y.Map<id, Y.Map>   one prop: where, turned, sized, layered, labelled, grouped, by whom
 *   props:<board>:cards  Y.Map<id, Y.Map>   story and role cards
 *   props:<board>:meta   Y.Map               background
 *   props:<board>:log    Y.Array<LogEntry>   placements in order (announcements, replay)
 *
 * Positions are fractions of the board (0..1), so every screen size agrees.
 */
import * as Y from 'yjs';
import { describeEntry, parseLogEntry } from './board-log.js';
import type { LogEntry, LogKind } from './board-log.js';
import { PROPS_ORIGIN } from './origin.js';
import type { Actor } from './parse.js';
import { actor, num, randomId, storedActor, text } from './parse.js';
import { BACKGROUNDS } from './backgrounds.js';
import type { BackgroundId } from './backgrounds.js';

export interface BoardItem {
  id: string;
  propId: string;
  x: number;
  y: number;
  /** Degrees, 0..359. */
  rotation: number;
  /** 1 is the default size. */
  scale: number;
  z: number;
  label: string;
  group: string;
  /** False while a drawn prop is still in someone's hands. */
  onBoard: boolean;
  placedBy: Actor | null;
  movedBy: Actor | null;
  heldBy: Actor | null;
  fromBag: boolean;
}

export interface RoleCard {
  id: string;
  title: string;
  text: string;
  x: number;
  y: number;
  role: Actor | null;
  by: Actor | null;
}

export const BOARD_LIMITS = { items: 1000, cards: 100, log: 5000, label: 80, cardText: 400 } as const;
export const SCALE = { min: 0.25, max: 4 } as const;
const NEAR = 0.2;

export function parseItem(id: string, map: unknown): BoardItem | null {
  if (!(map instanceof Y.Map)) return null;
  const propId = map.get('propId');
  if (typeof propId !== 'string' || propId.length > 80 || id.length > 32) return null;
  return {
    id,
    propId,
    x: num(map.get('x'), 0, 1, 0.5),
    y: num(map.get('y'), 0, 1, 0.5),
    rotation: ((Math.round(num(map.get('rotation'), -1e6, 1e6, 0)) % 360) + 360) % 360,
    scale: num(map.get('scale'), SCALE.min, SCALE.max, 1),
    z: num(map.get('z'), -1e9, 1e9, 0),
    label: text(map.get('label'), BOARD_LIMITS.label),
    group: text(map.get('group'), 40),
    onBoard: map.get('onBoard') !== false,
    placedBy: actor(map.get('placedBy')),
    movedBy: actor(map.get('movedBy')),
    heldBy: actor(map.get('heldBy')),
    fromBag: map.get('fromBag') === true,
  };
}

function parseCard(id: string, map: unknown): RoleCard | null {
  if (!(map instanceof Y.Map)) return null;
  return {
    id,
    title: text(map.get('title'), BOARD_LIMITS.label),
    text: text(map.get('text'), BOARD_LIMITS.cardText),
    x: num(map.get('x'), 0, 1, 0.5),
    y: num(map.get('y'), 0, 1, 0.5),
    role: actor(map.get('role')),
    by: actor(map.get('by')),
  };
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0.5));

export class BoardModel {
  readonly doc: Y.Doc;
  readonly items: Y.Map<Y.Map<unknown>>;
  readonly cards: Y.Map<Y.Map<unknown>>;
  readonly meta: Y.Map<unknown>;
  readonly log: Y.Array<unknown>;
  /** The shared clock, for log times; `Date.now` when none is given. */
  private readonly now: () => number;

  constructor(space: Y.Doc, options: { board?: string; now?: () => number } = {}) {
    const board = options.board ?? 'main';
    if (!/^[a-z0-9-]{1,32}$/.test(board)) throw new TypeError('A board name is 1-32 of a-z, 0-9 and -');
    this.doc = space;
    this.items = space.getMap(`props:${board}:items`);
    this.cards = space.getMap(`props:${board}:cards`);
    this.meta = space.getMap(`props:${board}:meta`);
    this.log = space.getArray(`props:${board}:log`);
    this.now = options.now ?? Date.now;
  }

  /** A per-person undo history: only this participant's own changes. */
  createUndoManager(): Y.UndoManager {
    return new Y.UndoManager([this.items, this.cards, this.meta], {
      trackedOrigins: new Set([PROPS_ORIGIN]),
      captureTimeout: 300,
    });
  }

  get background(): BackgroundId {
    const value = this.meta.get('background');
    return typeof value === 'string' && value in BACKGROUNDS ? (value as BackgroundId) : 'blank';
  }

  setBackground(background: BackgroundId): void {
    if (!(background in BACKGROUNDS)) throw new TypeError(`Unknown background ${background}`);
    this.doc.transact(() => this.meta.set('background', background), PROPS_ORIGIN);
  }

  item(id: string): BoardItem | null {
    return parseItem(id, this.items.get(id));
  }

  /** Every valid item, back to front. */
  list(): BoardItem[] {
    const out: BoardItem[] = [];
    for (const [id, map] of this.items) {
      const item = parseItem(id, map);
      if (item) out.push(item);
    }
    return out.sort((a, b) => a.z - b.z || (a.id < b.id ? -1 : 1));
  }

  cardList(): RoleCard[] {
    const out: RoleCard[] = [];
    for (const [id, map] of this.cards) {
      const card = parseCard(id, map);
      if (card) out.push(card);
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  entries(): LogEntry[] {
    return this.log
      .toArray()
      .map(parseLogEntry)
      .filter((e): e is LogEntry => e !== null);
  }

  /** The nearest other prop on the board within reach of (x, y). */
  nearest(x: number, y: number, except: string): BoardItem | null {
    let best: BoardItem | null = null;
    let bestDistance = NEAR;
    for (const item of this.list()) {
      if (item.id === except || !item.onBoard) continue;
      const d = Math.hypot(item.x - x, item.y - y);
      if (d < bestDistance) {
        best = item;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Places a prop; returns its item id, or null when the board is full. */
  place(
    propId: string,
    x: number,
    y: number,
    by: Actor,
    extra: { heldBy?: Actor; onBoard?: boolean; fromBag?: boolean } = {},
  ): string | null {
    if (this.items.size >= BOARD_LIMITS.items || propId.length > 80) return null;
    const id = randomId();
    const topZ = this.list().reduce((max, item) => Math.max(max, item.z), 0);
    this.doc.transact(() => {
      const map = new Y.Map<unknown>();
      map.set('propId', propId);
      map.set('x', clamp01(x));
      map.set('y', clamp01(y));
      map.set('rotation', 0);
      map.set('scale', 1);
      map.set('z', topZ + 1);
      map.set('placedBy', storedActor(by));
      map.set('onBoard', extra.onBoard ?? true);
      if (extra.heldBy) map.set('heldBy', storedActor(extra.heldBy));
      if (extra.fromBag) map.set('fromBag', true);
      this.items.set(id, map);
      const kind: LogKind = extra.fromBag ? 'draw' : 'place';
      this.append(
        { kind, itemId: id, propId, x: clamp01(x), y: clamp01(y), by },
        extra.onBoard === false ? null : { x, y, except: id },
      );
    }, PROPS_ORIGIN);
    return id;
  }

  /**
   * Moves an item (and the rest of its group by the same amount). With
   * `log: false` it is a step of a carried prop: no log entry until it is put down.
   */
  move(id: string, x: number, y: number, by: Actor, options: { log?: boolean } = {}): void {
    const item = this.item(id);
    const map = this.items.get(id);
    if (!item || !map) return;
    const nx = clamp01(x);
    const ny = clamp01(y);
    const dx = nx - item.x;
    const dy = ny - item.y;
    this.doc.transact(() => {
      map.set('x', nx);
      map.set('y', ny);
      map.set('onBoard', true);
      map.set('movedBy', storedActor(by));
      if (item.group) {
        for (const other of this.list()) {
          if (other.group !== item.group || other.id === id) continue;
          const otherMap = this.items.get(other.id)!;
          otherMap.set('x', clamp01(other.x + dx));
          otherMap.set('y', clamp01(other.y + dy));
        }
      }
      if (options.log !== false) {
        const kind = item.onBoard ? 'move' : 'place';
        this.append(
          { kind, itemId: id, propId: item.propId, x: nx, y: ny, by },
          { x: nx, y: ny, except: id },
        );
      }
    }, PROPS_ORIGIN);
  }

  /** Records where a carried prop was put down. */
  putDown(id: string, by: Actor): void {
    const item = this.item(id);
    if (item) this.move(id, item.x, item.y, by);
  }

  rotate(id: string, degrees: number, by: Actor): void {
    this.edit(id, by, (map, item) =>
      map.set('rotation', (((item.rotation + Math.round(degrees)) % 360) + 360) % 360),
    );
  }

  resize(id: string, factor: number, by: Actor): void {
    this.edit(id, by, (map, item) =>
      map.set('scale', Math.min(SCALE.max, Math.max(SCALE.min, item.scale * factor))),
    );
  }

  /** Brings an item to the front or sends it to the back. */
  layer(id: string, where: 'front' | 'back', by: Actor): void {
    const all = this.list();
    const z =
      where === 'front' ? Math.max(0, ...all.map((i) => i.z)) + 1 : Math.min(0, ...all.map((i) => i.z)) - 1;
    this.edit(id, by, (map) => map.set('z', z));
  }

  setLabel(id: string, label: string, by: Actor): void {
    this.edit(id, by, (map) => map.set('label', label.slice(0, BOARD_LIMITS.label)));
  }

  /** Puts items in one group (they move together); an empty name ungroups them. */
  group(ids: readonly string[], name: string, by: Actor): void {
    this.doc.transact(() => {
      for (const id of ids) this.edit(id, by, (map) => map.set('group', name.slice(0, 40)));
    }, PROPS_ORIGIN);
  }

  hand(id: string, to: Actor, by: Actor): void {
    const item = this.item(id);
    if (!item) return;
    this.doc.transact(() => {
      this.items.get(id)!.set('heldBy', storedActor(to));
      this.append({ kind: 'hand', itemId: id, propId: item.propId, x: item.x, y: item.y, by, to }, null);
    }, PROPS_ORIGIN);
  }

  /** Takes a prop off the board (a drawn one goes back to the bag, see BagModel). */
  putAway(id: string, by: Actor): void {
    const item = this.item(id);
    if (!item) return;
    this.doc.transact(() => {
      this.items.delete(id);
      this.append(
        { kind: 'away', itemId: id, propId: item.propId, x: item.x, y: item.y, by, fromBag: item.fromBag },
        null,
      );
    }, PROPS_ORIGIN);
  }

  /** Removes every prop and card in one step, which the clearer's undo brings back. */
  clear(by: Actor): void {
    this.doc.transact(() => {
      for (const id of [...this.items.keys()]) this.items.delete(id);
      for (const id of [...this.cards.keys()]) this.cards.delete(id);
      this.append({ kind: 'clear', itemId: '', propId: '', x: 0.5, y: 0.5, by }, null);
    }, PROPS_ORIGIN);
  }

  addCard(title: string, body: string, x: number, y: number, by: Actor): string | null {
    if (this.cards.size >= BOARD_LIMITS.cards) return null;
    const id = randomId();
    this.doc.transact(() => {
      const map = new Y.Map<unknown>();
      map.set('title', title.slice(0, BOARD_LIMITS.label));
      map.set('text', body.slice(0, BOARD_LIMITS.cardText));
      map.set('x', clamp01(x));
      map.set('y', clamp01(y));
      map.set('by', storedActor(by));
      this.cards.set(id, map);
    }, PROPS_ORIGIN);
    return id;
  }

  /** Gives a card's role to a participant, or frees it with null. */
  takeRole(cardId: string, who: Actor | null): void {
    const map = this.cards.get(cardId);
    if (!(map instanceof Y.Map)) return;
    this.doc.transact(() => (who ? map.set('role', storedActor(who)) : map.delete('role')), PROPS_ORIGIN);
  }

  removeCard(cardId: string): void {
    this.doc.transact(() => this.cards.delete(cardId), PROPS_ORIGIN);
  }

  describe(entry: LogEntry, nameOf: (propId: string) => string, selfId?: string): string {
    return describeEntry(entry, { nameOf, selfId });
  }

  private edit(id: string, by: Actor, change: (map: Y.Map<unknown>, item: BoardItem) => void): void {
    const item = this.item(id);
    const map = this.items.get(id);
    if (!item || !map) return;
    this.doc.transact(() => {
      change(map, item);
      map.set('movedBy', storedActor(by));
    }, PROPS_ORIGIN);
  }

  private append(
    entry: Omit<LogEntry, 'id' | 'at'>,
    nearTo: { x: number; y: number; except: string } | null,
  ): void {
    const full: Record<string, unknown> = {
      ...entry,
      id: randomId(),
      at: this.now(),
      by: storedActor(entry.by),
    };
    if (entry.to) full['to'] = storedActor(entry.to);
    if (nearTo) {
      const near = this.nearest(nearTo.x, nearTo.y, nearTo.except);
      if (near) full['near'] = near.propId;
    }
    this.log.push([full]);
    const overflow = this.log.length - BOARD_LIMITS.log;
    if (overflow > 0) this.log.delete(0, overflow);
  }
}
