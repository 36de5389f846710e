/**
 * The session's pages: a title, an owner, a background and a sheet each. The
 * first page exists without being written, so two people opening a new
 * session at once never create rival first pages; with no sheet stored, its
 * sheet is the default one, grown to fit content from before (page-rect.ts).
 */
import * as Y from 'yjs';
import type { FrameModel } from './frame.js';
import { isFacilitator } from './frame.js';
import { newId } from './ids.js';
import {
  DEFAULT_PAGE,
  LIMITS,
  PAPER_SHAPES,
  isColor,
  isId,
  isPaperShape,
  isParticipant,
  paperShapeOf,
  readPage,
} from './schema.js';
import type { CanvasObject, PageInfo, PaperShape, SceneRect } from './schema.js';
import { liesOn, sameRect } from './page-rect.js';
import type { Participant, Refusal } from './canvas-model.js';

/** What the page list needs of its model. */
export interface PageListHost {
  transact(fn: () => void, undoable?: boolean): void;
  /** A page's objects. */
  objects(page: string): CanvasObject[];
  /** A page's sheet, as stored or worked out (`CanvasModel#pageRect`). */
  sheet(page: string): SceneRect;
}

export class PageList {
  constructor(
    readonly map: Y.Map<Y.Map<unknown>>,
    private readonly user: Participant,
    private readonly frame: FrameModel,
    private readonly now: () => number,
    private readonly host: PageListHost,
  ) {}

  private transact(fn: () => void, undoable?: boolean): void {
    this.host.transact(fn, undoable);
  }

  /** Every page, in the order they were made (the first page first). */
  list(): PageInfo[] {
    const ids = [...this.map.keys()].filter((id) => isId(id) && id !== DEFAULT_PAGE);
    ids.sort((a, b) => {
      const ca = Number(this.map.get(a)?.get('created') ?? 0);
      const cb = Number(this.map.get(b)?.get('created') ?? 0);
      return ca - cb || (a < b ? -1 : 1);
    });
    return [DEFAULT_PAGE, ...ids].map((id, i) => readPage(id, this.map.get(id), i));
  }

  get(id: string): PageInfo | null {
    return this.list().find((p) => p.id === id) ?? null;
  }

  owner(id: string): string | null {
    const owner = this.map.get(id)?.get('owner');
    return isParticipant(owner) ? owner : null;
  }

  /**
   * A new page on paper of the given shape; a client's own page is owned by
   * them. Returns its id, or null when refused.
   */
  create(
    title: string,
    owner: string | null = isFacilitator(this.user.role) ? null : this.user.id,
    paper: PaperShape = 'landscape',
  ): string | null {
    if (!isPaperShape(paper)) return null;
    const size = PAPER_SHAPES[paper];
    const facilitator = isFacilitator(this.user.role);
    if (this.user.role === 'observer') return null;
    if (!facilitator && (this.frame.held || owner !== this.user.id)) return null;
    if (this.map.size >= LIMITS.pages) return null;
    const id = newId();
    this.transact(() => {
      const map = new Y.Map<unknown>();
      map.set('title', title.trim().slice(0, LIMITS.title));
      if (owner && isParticipant(owner)) map.set('owner', owner);
      map.set('created', this.now());
      map.set('width', size.width);
      map.set('height', size.height);
      this.map.set(id, map);
      // Not undoable: others may already be drawing on it, and their work would vanish with it.
    }, false);
    return id;
  }

  /** The shape of the page's paper; null for a sheet grown from before sheets, which is none of them. */
  paperShape(page: string): PaperShape | null {
    return paperShapeOf(this.host.sheet(page));
  }

  /**
   * Why this person may not turn the page's paper to this shape, or null
   * when they may: only facilitators change it, and only while everything on
   * the page lies on the new sheet (an empty page always), so nobody's work
   * falls off the paper.
   */
  paperShapeRefusal(page: string, shape: PaperShape): Refusal | null {
    if (this.user.role === 'observer') return 'read-only';
    if (!isFacilitator(this.user.role)) return 'forbidden';
    if (!isId(page) || !isPaperShape(shape)) return 'invalid';
    const sheet = this.reshaped(page, shape);
    return this.host.objects(page).every((o) => liesOn(sheet, o)) ? null : 'off-paper';
  }

  /**
   * Turns the page's paper to another shape, its top left corner where it
   * was; every view showing the whole page fits the new sheet at once. Not
   * undoable (choose the old shape again). Returns false when refused.
   */
  setPaperShape(page: string, shape: PaperShape): boolean {
    if (this.paperShapeRefusal(page, shape)) return false;
    const sheet = this.reshaped(page, shape);
    return sameRect(sheet, this.host.sheet(page)) || this.recordSheet(page, sheet);
  }

  /** Facilitators pass a page to another participant (or share it with null). */
  pass(page: string, owner: string | null): boolean {
    if (!isFacilitator(this.user.role) || !isId(page)) return false;
    if (owner !== null && !isParticipant(owner)) return false;
    this.transact(() => {
      const map = this.ensure(page);
      if (owner) map.set('owner', owner);
      else map.delete('owner');
    });
    return true;
  }

  /** Callers check the person may edit the page first. */
  rename(page: string, title: string): void {
    this.transact(() => this.ensure(page).set('title', title.trim().slice(0, LIMITS.title)));
  }

  setBackground(page: string, color: string): boolean {
    if (!isColor(color)) return false;
    this.transact(() => this.ensure(page).set('background', color));
    return true;
  }

  /**
   * Stores a page's sheet: the one worked out from its content, so it stays
   * put when that content is later erased or moved, or a new paper shape.
   * Not undoable: others may already be drawing on the new sheet. Callers
   * check the person may; a sheet outside `LIMITS.pageSide` is refused.
   */
  recordSheet(page: string, sheet: SceneRect): boolean {
    const { min, max } = LIMITS.pageSide;
    const fits = (side: number): boolean => Number.isFinite(side) && side >= min && side <= max;
    if (!isId(page) || !fits(sheet.width) || !fits(sheet.height)) return false;
    if (!Number.isFinite(sheet.x) || !Number.isFinite(sheet.y)) return false;
    this.transact(() => {
      const map = this.ensure(page);
      map.set('width', sheet.width);
      map.set('height', sheet.height);
      if (sheet.x !== 0) map.set('x', sheet.x);
      else if (map.has('x')) map.delete('x');
      if (sheet.y !== 0) map.set('y', sheet.y);
      else if (map.has('y')) map.delete('y');
    }, false);
    return true;
  }

  private reshaped(page: string, shape: PaperShape): SceneRect {
    const { x, y } = this.host.sheet(page);
    return { x, y, ...PAPER_SHAPES[shape] };
  }

  private ensure(page: string): Y.Map<unknown> {
    let map = this.map.get(page);
    if (!map) {
      // Only pages that already exist get here, or the first page, whose
      // concurrent creation loses at most a title or a colour.
      map = new Y.Map<unknown>();
      this.map.set(page, map);
    }
    return map;
  }
}
