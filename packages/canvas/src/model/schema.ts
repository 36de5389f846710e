/**
 * The canvas in the `space` document, and how its objects are read back.
 * Everything read from a document came from a peer: it is validated here,
 * and anything malformed is skipped rather than rendered.
 *
 *   space.getMap('canvas.objects')  id -> Y.Map (one per object, all pages):
 *     a stroke is { d: its packed record (stroke-record.ts) } and, once
 *     moved or restacked, the placement keys and `z`; other objects keep
 *     every field as its own key.
 *   space.getMap('canvas.pages')    id -> Y.Map { title, owner, created, background,
 *                                   width, height and, rarely, x, y: the sheet (page-rect.ts) }
 *   space.getMap('canvas.people')   participant id -> display name (for "last by Sam")
 *   control.getMap('canvas')        { locked, follow }
 *   control.getMap('canvas.protected') object id -> true
 */
import type * as Y from 'yjs';
import type { StrokePoint } from './points.js';
import { RECORD_KEY, decodeStrokeRecord } from './stroke-record.js';

export const DOC_NAMES = {
  objects: 'canvas.objects',
  pages: 'canvas.pages',
  people: 'canvas.people',
  control: 'canvas',
  protected: 'canvas.protected',
} as const;

/** The page every session starts with; it exists without being written. */
export const DEFAULT_PAGE = 'main';

export const OBJECT_KINDS = ['stroke', 'rect', 'ellipse', 'line', 'arrow', 'text', 'image'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];
export const SHAPE_KINDS = ['rect', 'ellipse', 'line', 'arrow'] as const;
export type ShapeKind = (typeof SHAPE_KINDS)[number];

export const LIMITS = {
  id: 32,
  title: 80,
  name: 64,
  /** A participant id (token `sub`). */
  participant: 128,
  text: 2000,
  size: 200,
  fontSize: 400,
  pages: 100,
  /** A page's shortest and longest side, in scene units. */
  pageSide: { min: 100, max: 20_000 },
} as const;

/**
 * The shapes of paper a page can have, in scene units. About the same area
 * each, so a nib of the same size looks the same on any of them. Portrait
 * is for phones held upright (and children who draw that way): a landscape
 * sheet uses under a third of a 390 × 844 screen, a portrait one two thirds.
 */
export const PAPER_SHAPES = {
  landscape: { width: 1600, height: 1000 },
  portrait: { width: 1000, height: 1600 },
  square: { width: 1300, height: 1300 },
} as const;
export type PaperShape = keyof typeof PAPER_SHAPES;
export const isPaperShape = (v: unknown): v is PaperShape =>
  typeof v === 'string' && Object.hasOwn(PAPER_SHAPES, v);

/** Every page is a sheet of this size (16:10) unless it says otherwise. */
export const PAGE_SIZE = PAPER_SHAPES.landscape;

/** The paper shape of a sheet, or null when it is none of them (a page grown from before sheets). */
export function paperShapeOf(sheet: { width: number; height: number }): PaperShape | null {
  for (const [shape, size] of Object.entries(PAPER_SHAPES)) {
    if (size.width === sheet.width && size.height === sheet.height) return shape as PaperShape;
  }
  return null;
}

/** A rectangle in scene units: a page's sheet, or the part of it someone looks at. */
export interface SceneRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the user moved, scaled or rotated an object (fabric's own terms). */
export interface Placement {
  left: number;
  top: number;
  scaleX: number;
  scaleY: number;
  angle: number;
}

interface Common {
  id: string;
  page: string;
  /** The author's opaque participant id. */
  author: string;
  /** Shared-clock ms when it was made. */
  created: number;
  /** Stacking order on the page; higher is in front. */
  z: number;
  color: string;
  opacity: number;
  placement: Placement | null;
}

export interface StrokeObject extends Common {
  kind: 'stroke';
  points: StrokePoint[];
  /** Nib diameter in scene pixels. */
  size: number;
  highlighter: boolean;
}
export interface ShapeObject extends Common {
  kind: ShapeKind;
  x: number;
  y: number;
  w: number;
  h: number;
  size: number;
  fill: string | null;
}
export interface TextObject extends Common {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  fontSize: number;
}
export interface ImageObject extends Common {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  /** sha256 hex of the stored asset. */
  hash: string;
}
export type CanvasObject = StrokeObject | ShapeObject | TextObject | ImageObject;

export interface PageInfo {
  id: string;
  title: string;
  /** The owning participant's id, or null for a shared page. */
  owner: string | null;
  created: number;
  background: string;
  /**
   * The sheet, as stored; null for a page written before pages had a size,
   * whose sheet is worked out from its content (`CanvasModel#pageRect`).
   */
  sheet: SceneRect | null;
}

export const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const HASH_PATTERN = /^[0-9a-f]{64}$/;

export const isColor = (v: unknown): v is string => typeof v === 'string' && COLOR_PATTERN.test(v);
export const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
export const isParticipant = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= LIMITS.participant;
const num = (v: unknown, fallback: number, lo = -1e7, hi = 1e7): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

function readPlacement(map: Y.Map<unknown>): Placement | null {
  const left = map.get('left');
  const top = map.get('top');
  if (typeof left !== 'number' || typeof top !== 'number') return null;
  return {
    left: num(left, 0),
    top: num(top, 0),
    scaleX: num(map.get('scaleX'), 1, 0.01, 100),
    scaleY: num(map.get('scaleY'), 1, 0.01, 100),
    angle: num(map.get('angle'), 0, -360, 360),
  };
}

/** Reads one object's map; null when it is malformed. */
export function readObject(id: string, map: Y.Map<unknown>): CanvasObject | null {
  if (!isId(id)) return null;
  const record = map.get(RECORD_KEY);
  if (record !== undefined) return readStroke(id, map, record);
  const kind = map.get('kind');
  const page = map.get('page');
  // Strokes exist only as packed records.
  if (!isId(page) || kind === 'stroke' || !OBJECT_KINDS.includes(kind as ObjectKind)) return null;
  const common: Common = {
    id,
    page,
    author: str(map.get('author'), LIMITS.participant),
    created: num(map.get('created'), 0, 0, 1e14),
    z: num(map.get('z'), 0, -1e12, 1e12),
    color: isColor(map.get('color')) ? (map.get('color') as string) : '#1f2933',
    opacity: num(map.get('opacity'), 1, 0.05, 1),
    placement: readPlacement(map),
  };
  const x = num(map.get('x'), 0);
  const y = num(map.get('y'), 0);
  switch (kind as ObjectKind) {
    case 'text': {
      const text = str(map.get('text'), LIMITS.text);
      if (!text) return null;
      return {
        ...common,
        kind: 'text',
        x,
        y,
        text,
        fontSize: num(map.get('fontSize'), 24, 6, LIMITS.fontSize),
      };
    }
    case 'image': {
      const hash = map.get('hash');
      if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) return null;
      return {
        ...common,
        kind: 'image',
        x,
        y,
        w: num(map.get('w'), 100, 1),
        h: num(map.get('h'), 100, 1),
        hash,
      };
    }
    default: {
      const fill = map.get('fill');
      return {
        ...common,
        kind: kind as ShapeKind,
        x,
        y,
        w: num(map.get('w'), 0),
        h: num(map.get('h'), 0),
        size: num(map.get('size'), 4, 0.5, LIMITS.size),
        fill: isColor(fill) ? fill : null,
      };
    }
  }
}

function readStroke(id: string, map: Y.Map<unknown>, record: unknown): StrokeObject | null {
  if (!(record instanceof Uint8Array)) return null;
  let fields;
  try {
    fields = decodeStrokeRecord(record);
  } catch {
    return null;
  }
  const { page, author, created, color, size, opacity, highlighter, points } = fields;
  if (!isId(page) || !isParticipant(author) || points.length === 0) return null;
  const z = map.has('z') ? num(map.get('z'), fields.z, -1e12, 1e12) : fields.z;
  const placement = readPlacement(map);
  return {
    id,
    kind: 'stroke',
    page,
    author,
    created,
    z,
    color,
    opacity,
    placement,
    points,
    size,
    highlighter,
  };
}

/** Stacking order: z, then creation time, then id, so every peer agrees. */
export function compareStacking(a: CanvasObject, b: CanvasObject): number {
  return a.z - b.z || a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function readPage(id: string, map: Y.Map<unknown> | undefined, index: number): PageInfo {
  const owner = map?.get('owner');
  return {
    id,
    title: str(map?.get('title'), LIMITS.title) || `Page ${index + 1}`,
    owner: isParticipant(owner) ? owner : null,
    created: num(map?.get('created'), 0, 0, 1e14),
    background: isColor(map?.get('background')) ? (map!.get('background') as string) : '#ffffff',
    sheet: map ? readSheet(map) : null,
  };
}

/** A stored sheet; null when absent or out of bounds (then it is worked out again). */
function readSheet(map: Y.Map<unknown>): SceneRect | null {
  const { min, max } = LIMITS.pageSide;
  const side = (v: unknown): number | null =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : null;
  const width = side(map.get('width'));
  const height = side(map.get('height'));
  if (width === null || height === null) return null;
  return { x: num(map.get('x'), 0, -1e6, 1e6), y: num(map.get('y'), 0, -1e6, 1e6), width, height };
}
