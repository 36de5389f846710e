/**
 * Each page is one sheet of paper in scene units: every view fits it to its
 * own stage, so people on screens of any size see the same whole page.
 *
 * New pages store their sheet (`PAGE_SIZE`, 16:10). A page stored before
 * pages had a size keeps none; its sheet is worked out here from the page's
 * content, the same on every peer: the default sheet, grown to take in
 * whatever was drawn outside it. Object bounds are estimates from the
 * document alone (no fonts, no DOM), on the generous side, so that nothing
 * drawn is left off the sheet.
 */
import { LIMITS, PAGE_SIZE } from './schema.js';
import type { CanvasObject, SceneRect } from './schema.js';

/** Room left around content that lies outside the default sheet. */
const CONTENT_MARGIN = 24;
/** A generous average glyph width, as a share of the font size. */
const GLYPH_WIDTH = 0.62;
const LINE_HEIGHT = 1.2;

export const DEFAULT_SHEET: SceneRect = { x: 0, y: 0, ...PAGE_SIZE };

export function union(a: SceneRect, b: SceneRect): SceneRect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** The overlap of two rectangles, or null when they do not meet. */
export function intersect(a: SceneRect, b: SceneRect): SceneRect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

export function sameRect(a: SceneRect | null, b: SceneRect | null, tolerance = 1e-6): boolean {
  if (!a || !b) return a === b;
  return (
    Math.abs(a.x - b.x) <= tolerance &&
    Math.abs(a.y - b.y) <= tolerance &&
    Math.abs(a.width - b.width) <= tolerance &&
    Math.abs(a.height - b.height) <= tolerance
  );
}

/** The point moved onto the rectangle (unchanged when it is on it). */
export function clampPoint(rect: SceneRect, x: number, y: number): { x: number; y: number } {
  return {
    x: Math.min(rect.x + rect.width, Math.max(rect.x, x)),
    y: Math.min(rect.y + rect.height, Math.max(rect.y, y)),
  };
}

/** How far the point lies outside the rectangle (0 on it). */
export function distanceOutside(rect: SceneRect, x: number, y: number): number {
  const dx = Math.max(rect.x - x, 0, x - (rect.x + rect.width));
  const dy = Math.max(rect.y - y, 0, y - (rect.y + rect.height));
  return Math.hypot(dx, dy);
}

/** Where an object lies on its page, as fabric will draw it (estimated for text). */
export function objectBounds(object: CanvasObject): SceneRect {
  // The box the object is built with, and whether fabric places it by its centre.
  let box: SceneRect;
  let centred = false;
  switch (object.kind) {
    case 'stroke': {
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const p of object.points) {
        x0 = Math.min(x0, p.x);
        y0 = Math.min(y0, p.y);
        x1 = Math.max(x1, p.x);
        y1 = Math.max(y1, p.y);
      }
      const r = object.size / 2;
      box = { x: x0 - r, y: y0 - r, width: x1 - x0 + 2 * r, height: y1 - y0 + 2 * r };
      centred = true;
      break;
    }
    case 'text': {
      const lines = object.text.split('\n');
      const longest = Math.max(...lines.map((l) => l.length));
      box = {
        x: object.x,
        y: object.y,
        width: longest * object.fontSize * GLYPH_WIDTH,
        height: lines.length * object.fontSize * LINE_HEIGHT,
      };
      break;
    }
    case 'image':
      box = { x: object.x, y: object.y, width: object.w, height: object.h };
      break;
    default: {
      const r = object.size / 2;
      box = {
        x: Math.min(object.x, object.x + object.w) - r,
        y: Math.min(object.y, object.y + object.h) - r,
        width: Math.abs(object.w) + 2 * r,
        height: Math.abs(object.h) + 2 * r,
      };
      // Lines and arrows are paths, which fabric places by their centre.
      centred = object.kind === 'line' || object.kind === 'arrow';
    }
  }
  const placement = object.placement;
  if (!placement) return box;
  // Moved, scaled or rotated: the corners of the scaled box, turned about its origin.
  const w = box.width * placement.scaleX;
  const h = box.height * placement.scaleY;
  const [dx, dy] = centred ? [-w / 2, -h / 2] : [0, 0];
  const angle = (placement.angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [cx, cy] of [
    [dx, dy],
    [dx + w, dy],
    [dx, dy + h],
    [dx + w, dy + h],
  ] as const) {
    const x = placement.left + cx * cos - cy * sin;
    const y = placement.top + cx * sin + cy * cos;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The sheet of a page stored without one: the default sheet, grown to take in,
 * with a margin, everything drawn outside it, in whole scene units. Each
 * object counts on its own, so the order of objects does not matter.
 */
export function deriveSheet(objects: readonly CanvasObject[]): SceneRect {
  const base = DEFAULT_SHEET;
  let sheet = base;
  for (const object of objects) {
    const b = objectBounds(object);
    if (![b.x, b.y, b.width, b.height].every(Number.isFinite)) continue;
    const inside =
      b.x >= base.x && b.y >= base.y && b.x + b.width <= base.width && b.y + b.height <= base.height;
    if (inside) continue;
    sheet = union(sheet, {
      x: b.x - CONTENT_MARGIN,
      y: b.y - CONTENT_MARGIN,
      width: b.width + 2 * CONTENT_MARGIN,
      height: b.height + 2 * CONTENT_MARGIN,
    });
  }
  // Content absurdly far away (a malformed peer) cannot make the sheet endless.
  const { max } = LIMITS.pageSide;
  const x = Math.max(Math.floor(sheet.x), -max / 2);
  const y = Math.max(Math.floor(sheet.y), -max / 2);
  return {
    x,
    y,
    width: Math.min(Math.ceil(sheet.x + sheet.width) - x, max),
    height: Math.min(Math.ceil(sheet.y + sheet.height) - y, max),
  };
}

const bounds = new WeakMap<CanvasObject, SceneRect>();

/**
 * Whether an object lies on a sheet. A mark may overhang the edge by half
 * its nib, as the pen leaves it when drawn right on the edge (drawing.ts).
 */
export function liesOn(sheet: SceneRect, object: CanvasObject): boolean {
  // Objects read from the document are cached until they change, so their bounds can be too:
  // the menu asks about every object of the page on each render.
  let b = bounds.get(object);
  if (!b) bounds.set(object, (b = objectBounds(object)));
  const slack = ('size' in object ? object.size / 2 : 0) + 0.5;
  return (
    b.x >= sheet.x - slack &&
    b.y >= sheet.y - slack &&
    b.x + b.width <= sheet.x + sheet.width + slack &&
    b.y + b.height <= sheet.y + sheet.height + slack
  );
}
