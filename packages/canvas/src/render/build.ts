/**
 * One document object to one fabric object. Geometry never changes after an
 * object is made, so every peer builds the same fabric object and a stored
 * placement (left, top, scale, angle) means the same thing everywhere.
 */
import { Ellipse, FabricImage, FabricText, Path, Rect } from 'fabric';
import type { FabricObject } from 'fabric';
import { strokeOutlinePoints, traceOutline } from '../model/outline.js';
import { StrokeShape } from './stroke-shape.js';
import type { CanvasObject, ImageObject, ShapeObject } from '../model/schema.js';
import type { LiveStyle } from '../model/live-stroke.js';
import type { StrokePoint } from '../model/points.js';

const TOP_LEFT = { originX: 'left', originY: 'top' } as const;

/**
 * Builds the fabric object: at once for everything but an image, which waits
 * for its bytes through `loadImage`. A page of thousands of strokes is built
 * in one synchronous pass, with no promise per stroke. Coordinates are set
 * when the object is added to the canvas.
 */
export function buildObject(
  object: CanvasObject,
  loadImage: (hash: string) => Promise<string>,
): FabricObject | null | Promise<FabricObject | null> {
  if (object.kind === 'image') return makeImage(object, loadImage).then((made) => place(made, object));
  return place(make(object), object);
}

function place(made: FabricObject | null, object: CanvasObject): FabricObject | null {
  if (!made) return null;
  if (object.opacity !== 1) made.opacity = object.opacity;
  if (object.placement) made.set(object.placement);
  return made;
}

function make(object: Exclude<CanvasObject, ImageObject>): FabricObject | null {
  switch (object.kind) {
    case 'stroke':
      return new StrokeShape(object.points, object.size, {
        fill: object.color,
        globalCompositeOperation: object.highlighter ? 'multiply' : 'source-over',
      });
    case 'text':
      return new FabricText(object.text, {
        ...TOP_LEFT,
        left: object.x,
        top: object.y,
        fontSize: object.fontSize,
        fill: object.color,
        fontFamily: 'system-ui, sans-serif',
      });
    default:
      return shape(object);
  }
}

async function makeImage(
  object: ImageObject,
  loadImage: (hash: string) => Promise<string>,
): Promise<FabricObject> {
  const url = await loadImage(object.hash).catch(() => null);
  if (!url) return placeholder(object.x, object.y, object.w, object.h);
  const image = await FabricImage.fromURL(url).catch(() => null);
  if (!image) return placeholder(object.x, object.y, object.w, object.h);
  image.set({ ...TOP_LEFT, left: object.x, top: object.y });
  image.scaleX = object.w / (image.width || 1);
  image.scaleY = object.h / (image.height || 1);
  return image;
}

function placeholder(x: number, y: number, w: number, h: number): FabricObject {
  return new Rect({ ...TOP_LEFT, left: x, top: y, width: w, height: h, fill: '#e4e7eb', strokeWidth: 0 });
}

function shape(object: ShapeObject): FabricObject {
  const line = {
    stroke: object.color,
    strokeWidth: object.size,
    fill: object.fill ?? '',
    strokeLineCap: 'round' as const,
  };
  const left = Math.min(object.x, object.x + object.w);
  const top = Math.min(object.y, object.y + object.h);
  const w = Math.abs(object.w);
  const h = Math.abs(object.h);
  if (object.kind === 'rect') return new Rect({ ...line, ...TOP_LEFT, left, top, width: w, height: h });
  if (object.kind === 'ellipse')
    return new Ellipse({ ...line, ...TOP_LEFT, left, top, rx: w / 2, ry: h / 2 });
  return new Path(linePath(object.x, object.y, object.w, object.h, object.kind === 'arrow', object.size), {
    ...line,
    fill: '',
    strokeLineJoin: 'round',
  });
}

export function linePath(x: number, y: number, w: number, h: number, arrow: boolean, size: number): string {
  let d = `M ${x} ${y} L ${x + w} ${y + h}`;
  const length = Math.hypot(w, h);
  if (arrow && length > 0) {
    const head = Math.min(length / 2, 10 + size * 2);
    const angle = Math.atan2(h, w);
    for (const side of [-1, 1]) {
      const a = angle + Math.PI - (side * Math.PI) / 7;
      d += ` M ${x + w} ${y + h} L ${x + w + head * Math.cos(a)} ${y + h + head * Math.sin(a)}`;
    }
  }
  return d;
}

/** Paints a stroke in progress on a plain 2D context (the overlay). */
export function paintStroke(
  ctx: CanvasRenderingContext2D,
  points: readonly StrokePoint[],
  style: LiveStyle,
): void {
  if (points.length === 0) return;
  ctx.save();
  ctx.globalAlpha = style.opacity;
  ctx.globalCompositeOperation = style.highlighter ? 'multiply' : 'source-over';
  ctx.fillStyle = style.color;
  ctx.beginPath();
  traceOutline(ctx, strokeOutlinePoints(points, style.size, false));
  ctx.fill();
  ctx.restore();
}
