/**
 * The shared canvas over the `space` document: pages, objects and stacking,
 * with the frame's rules applied to every write and per-person undo. No DOM:
 * the element renders what this reads, and turns input into these calls.
 */
import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import type { Role } from '@attune/session';
import { CANVAS_ORIGIN } from '../origin.js';
import { readChanges } from './changes.js';
import type { ObjectChanges } from './changes.js';
import { FrameModel, isFacilitator } from './frame.js';
import { RECORD_KEY, encodeStrokeRecord } from './stroke-record.js';
import { newId } from './ids.js';
import type { ObjectCommon, ShapeInput, StrokeInput, TextInput } from './inputs.js';
import { PageList } from './pages.js';
import { DEFAULT_SHEET, deriveSheet, sameRect } from './page-rect.js';
import { DOC_NAMES, LIMITS, SHAPE_KINDS, compareStacking, isColor, isId, readObject } from './schema.js';
import type { CanvasObject, Placement, SceneRect } from './schema.js';

export type { ShapeInput, StrokeInput, TextInput } from './inputs.js';

export interface Participant {
  id: string;
  name: string;
  role: Role;
}

export const REFUSAL = {
  readOnly: 'read-only',
  held: 'held',
  locked: 'locked',
  notOwner: 'not-owner',
  protected: 'protected',
  forbidden: 'forbidden',
  invalid: 'invalid',
  /** A new paper shape would leave some of the page's content off the paper. */
  offPaper: 'off-paper',
} as const;
export type Refusal = (typeof REFUSAL)[keyof typeof REFUSAL];

export interface CanvasChange extends ObjectChanges {
  pages: boolean;
  /** Made by this person directly (not by undo, not by a peer). */
  local: boolean;
}

export interface CanvasModelEvents {
  change: (change: CanvasChange) => void;
  frame: () => void;
  undo: () => void;
}

export class CanvasModel extends ObservableV2<CanvasModelEvents> {
  readonly objectsMap: Y.Map<Y.Map<unknown>>;
  readonly pagesMap: Y.Map<Y.Map<unknown>>;
  readonly people: Y.Map<unknown>;
  readonly frame: FrameModel;
  readonly undoManager: Y.UndoManager;
  readonly pages: PageList;
  private readonly cache = new Map<string, CanvasObject | null>();
  private readonly stopFrame: () => void;

  constructor(
    readonly space: Y.Doc,
    control: Y.Doc,
    readonly user: Participant,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.objectsMap = space.getMap(DOC_NAMES.objects);
    this.pagesMap = space.getMap(DOC_NAMES.pages);
    this.people = space.getMap(DOC_NAMES.people);
    this.frame = new FrameModel(control, user.role);
    this.pages = new PageList(this.pagesMap, user, this.frame, now, {
      transact: (fn, undoable) => this.transact(fn, undoable),
      objects: (page) => this.objects(page),
      sheet: (page) => this.pageRect(page),
    });
    this.undoManager = new Y.UndoManager([this.objectsMap, this.pagesMap], {
      trackedOrigins: new Set([CANVAS_ORIGIN]),
      captureTimeout: 0,
    });
    this.undoManager.on('stack-item-added', this.onUndoStack);
    this.undoManager.on('stack-item-popped', this.onUndoStack);
    this.objectsMap.observeDeep(this.onObjects);
    this.pagesMap.observeDeep(this.onPages);
    this.stopFrame = this.frame.observe(() => this.emit('frame', []));
  }

  // ── reading ────────────────────────────────────────────────────────────

  object(id: string): CanvasObject | null {
    if (!this.cache.has(id)) {
      const map = this.objectsMap.get(id);
      this.cache.set(id, map ? readObject(id, map) : null);
    }
    return this.cache.get(id) ?? null;
  }

  /** The page's objects, back to front. */
  objects(page: string): CanvasObject[] {
    const list: CanvasObject[] = [];
    for (const id of this.objectsMap.keys()) {
      const object = this.object(id);
      if (object && object.page === page) list.push(object);
    }
    return list.sort(compareStacking);
  }

  /**
   * The page's sheet in scene units: as stored, or for a page stored before
   * pages had a size, worked out from its content the same way on every peer.
   */
  pageRect(page: string): SceneRect {
    const stored = this.pages.get(page)?.sheet;
    if (stored) return stored;
    return isId(page) ? deriveSheet(this.objects(page)) : DEFAULT_SHEET;
  }

  /**
   * A facilitator keeps the sheet worked out for a page from before, once,
   * so it no longer changes with its content. Only where content lies outside
   * the default sheet: otherwise there is nothing to keep, and the first page
   * stays unwritten. Returns true when it wrote.
   */
  keepPageRect(page: string): boolean {
    if (!this.facilitator || !isId(page) || this.pages.get(page)?.sheet) return false;
    const sheet = deriveSheet(this.objects(page));
    if (sameRect(sheet, DEFAULT_SHEET)) return false;
    return this.pages.recordSheet(page, sheet);
  }

  nameOf(participant: string): string {
    const name = this.people.get(participant);
    return typeof name === 'string' ? name.slice(0, LIMITS.name) : '';
  }

  get facilitator(): boolean {
    return isFacilitator(this.user.role);
  }

  /** Why this person may not draw on the page now, or null when they may. */
  refusal(page: string): Refusal | null {
    if (this.user.role === 'observer') return REFUSAL.readOnly;
    if (this.facilitator) return null;
    if (this.frame.held) return REFUSAL.held;
    if (this.frame.locked) return REFUSAL.locked;
    const owner = this.pages.owner(page);
    if (owner !== null && owner !== this.user.id) return REFUSAL.notOwner;
    return null;
  }

  /** Why this person may not change or remove the object, or null. */
  objectRefusal(id: string): Refusal | null {
    const object = this.object(id);
    if (!object) return REFUSAL.invalid;
    const refusal = this.refusal(object.page);
    if (refusal) return refusal;
    if (!this.facilitator && this.frame.isProtected(id)) return REFUSAL.protected;
    return null;
  }

  // ── writing ────────────────────────────────────────────────────────────

  /** Commits a finished stroke; returns its id, or null when refused or already there. */
  addStroke(input: StrokeInput): string | null {
    if (input.points.length === 0 || !isColor(input.color)) return null;
    return this.insert(input.page, input.id, (common) => ({
      [RECORD_KEY]: encodeStrokeRecord(
        {
          ...common,
          color: input.color,
          size: clampNumber(input.size, 0.5, LIMITS.size),
          opacity: clampNumber(input.opacity ?? 1, 0.05, 1),
          highlighter: input.highlighter === true,
        },
        input.points,
      ),
    }));
  }

  addShape(input: ShapeInput): string | null {
    if (!SHAPE_KINDS.includes(input.kind)) return null;
    if (!isColor(input.color)) return null;
    return this.insert(input.page, undefined, (common) => ({
      ...common,
      kind: input.kind,
      x: input.x,
      y: input.y,
      w: input.w,
      h: input.h,
      color: input.color,
      size: clampNumber(input.size, 0.5, LIMITS.size),
      opacity: clampNumber(input.opacity ?? 1, 0.05, 1),
      ...(input.fill && isColor(input.fill) ? { fill: input.fill } : {}),
    }));
  }

  addText(input: TextInput): string | null {
    const text = input.text.trim().slice(0, LIMITS.text);
    if (!text || !isColor(input.color)) return null;
    return this.insert(input.page, undefined, (common) => ({
      ...common,
      kind: 'text',
      x: input.x,
      y: input.y,
      text,
      color: input.color,
      fontSize: clampNumber(input.fontSize, 6, LIMITS.fontSize),
    }));
  }

  addImage(input: { page: string; x: number; y: number; w: number; h: number; hash: string }): string | null {
    if (!/^[0-9a-f]{64}$/.test(input.hash)) return null;
    return this.insert(input.page, undefined, (common) => ({ ...input, ...common, kind: 'image' }));
  }

  /** Changes the words of a text object. */
  setText(id: string, text: string): boolean {
    const map = this.objectsMap.get(id);
    const words = text.trim().slice(0, LIMITS.text);
    if (!map || !words || this.object(id)?.kind !== 'text' || this.objectRefusal(id)) return false;
    this.transact(() => map.set('text', words));
    return true;
  }

  /** Records where the user moved, scaled or rotated an object. */
  place(id: string, placement: Placement): boolean {
    const map = this.objectsMap.get(id);
    if (!map || this.objectRefusal(id)) return false;
    if (!Object.values(placement).every((n) => Number.isFinite(n))) return false;
    this.transact(() => {
      map.set('left', placement.left);
      map.set('top', placement.top);
      map.set('scaleX', clampNumber(placement.scaleX, 0.01, 100));
      map.set('scaleY', clampNumber(placement.scaleY, 0.01, 100));
      map.set('angle', placement.angle);
    });
    return true;
  }

  /** Removes whole objects (the eraser); those this person may not touch stay. */
  remove(ids: readonly string[]): string[] {
    const removable = ids.filter((id) => this.objectsMap.has(id) && !this.objectRefusal(id));
    if (removable.length) this.transact(() => removable.forEach((id) => this.objectsMap.delete(id)));
    return removable;
  }

  bringForward(id: string): boolean {
    return this.restack(id, 1);
  }

  sendBackward(id: string): boolean {
    return this.restack(id, -1);
  }

  setBackground(page: string, color: string): boolean {
    return !this.refusal(page) && isId(page) && this.pages.setBackground(page, color);
  }

  /** Therapist only: removes every unprotected object of the page, in one undoable step. */
  clearPage(page: string): number {
    if (this.user.role !== 'therapist') return 0;
    const ids = this.objects(page)
      .filter((o) => !this.frame.isProtected(o.id))
      .map((o) => o.id);
    if (ids.length) this.transact(() => ids.forEach((id) => this.objectsMap.delete(id)));
    return ids.length;
  }

  renamePage(page: string, title: string): boolean {
    if (!isId(page) || this.refusal(page)) return false;
    this.pages.rename(page, title);
    return true;
  }

  undo(): boolean {
    return this.undoManager.undo() !== null;
  }

  redo(): boolean {
    return this.undoManager.redo() !== null;
  }

  get canUndo(): boolean {
    return this.undoManager.canUndo();
  }

  get canRedo(): boolean {
    return this.undoManager.canRedo();
  }

  override destroy(): void {
    this.objectsMap.unobserveDeep(this.onObjects);
    this.pagesMap.unobserveDeep(this.onPages);
    this.stopFrame();
    this.undoManager.destroy();
    super.destroy();
  }

  // ── internals ──────────────────────────────────────────────────────────

  /** Writes a new object; `build` gets the fields every object has and returns its keys. */
  private insert(
    page: string,
    id: string | undefined,
    build: (common: ObjectCommon) => Record<string, unknown>,
  ): string | null {
    if (!isId(page) || this.refusal(page)) return null;
    const objectId = id ?? newId();
    if (!isId(objectId) || this.objectsMap.has(objectId)) return null;
    // The first mark on a page with no stored sheet keeps the sheet it has now (worked out
    // from what is there), so nothing drawn from now on can grow or shrink it.
    if (!this.pages.get(page)?.sheet) this.pages.recordSheet(page, this.pageRect(page));
    const top = this.objects(page).at(-1);
    const fields = build({
      page,
      author: this.user.id.slice(0, LIMITS.participant),
      created: this.now(),
      z: top ? Math.floor(top.z) + 1 : 0,
    });
    this.transact(() => {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(fields)) {
        if (typeof value === 'number' && !Number.isFinite(value)) continue;
        map.set(key, value);
      }
      this.objectsMap.set(objectId, map);
      if (this.people.get(this.user.id) !== this.user.name) {
        this.people.set(this.user.id, this.user.name.slice(0, LIMITS.name));
      }
    });
    return objectId;
  }

  private restack(id: string, direction: 1 | -1): boolean {
    const object = this.object(id);
    if (!object || this.objectRefusal(id)) return false;
    const list = this.objects(object.page);
    const index = list.findIndex((o) => o.id === id);
    const next = list[index + direction];
    if (!next) return false;
    const beyond = list[index + 2 * direction];
    this.transact(() => {
      if (!beyond) {
        this.objectsMap.get(id)!.set('z', next.z + direction);
      } else if (beyond.z !== next.z) {
        this.objectsMap.get(id)!.set('z', (next.z + beyond.z) / 2);
      } else {
        // Ties leave no room between neighbours: renumber the page once.
        list.splice(index, 1);
        list.splice(index + direction, 0, object);
        list.forEach((o, i) => this.objectsMap.get(o.id)?.set('z', i));
      }
    });
    return true;
  }

  private transact(fn: () => void, undoable = true): void {
    const stack = this.undoManager.undoStack.length;
    this.space.transact(fn, CANVAS_ORIGIN);
    this.undoManager.stopCapturing();
    if (!undoable && this.undoManager.undoStack.length > stack) this.undoManager.undoStack.pop();
  }

  private readonly onUndoStack = (): void => this.emit('undo', []);

  private readonly onObjects = (
    events: Y.YEvent<Y.AbstractType<unknown>>[],
    transaction: Y.Transaction,
  ): void => {
    const changes = readChanges(events, this.objectsMap);
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) this.cache.delete(id);
    this.emit('change', [{ ...changes, pages: false, local: transaction.origin === CANVAS_ORIGIN }]);
  };

  private readonly onPages = (
    _events: Y.YEvent<Y.AbstractType<unknown>>[],
    transaction: Y.Transaction,
  ): void => {
    this.emit('change', [
      {
        added: [],
        updated: [],
        placed: [],
        removed: [],
        pages: true,
        local: transaction.origin === CANVAS_ORIGIN,
      },
    ]);
  };
}

function clampNumber(value: number, lo: number, hi: number): number {
  return Number.isFinite(value) ? Math.min(hi, Math.max(lo, value)) : lo;
}
