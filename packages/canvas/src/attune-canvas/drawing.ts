/**
 * Pointer input on the overlay for every tool but select (where fabric
 * handles its own pointer events): strokes stream live while drawn and are
 * committed once on pointer-up; shapes preview on the overlay; the eraser
 * removes whole objects.
 *
 * Marks belong on the paper, where everyone sees them: a stroke, shape or
 * text starts only on the page's sheet (or within a finger's width of its
 * edge, then on the edge), and its points stay on the sheet, held at the
 * edge when the pointer leaves it. The eraser, the hand, the laser and the
 * cursor work anywhere.
 */
import { newId } from '../model/ids.js';
import { LIVE_KIND } from '../model/live-stroke.js';
import type { LiveStyle } from '../model/live-stroke.js';
import { MAX_POINTS, simulatedPressure } from '../model/points.js';
import type { StrokePoint } from '../model/points.js';
import type { Refusal } from '../model/canvas-model.js';
import { clampPoint, distanceOutside } from '../model/page-rect.js';
import type { ShapeKind } from '../model/schema.js';
import { linePath, paintStroke } from '../render/build.js';
import type { FabricView } from '../render/fabric-view.js';
import type { CanvasController } from './canvas-controller.js';

export const TOOLS = [
  'pen',
  'highlighter',
  'eraser',
  'rect',
  'ellipse',
  'line',
  'arrow',
  'text',
  'select',
  'pan',
  'laser',
] as const;
export type Tool = (typeof TOOLS)[number];
const SHAPES: readonly string[] = ['rect', 'ellipse', 'line', 'arrow'];
/** Time between live chunks; one frame, so watchers see the stroke grow smoothly. */
const FLUSH_INTERVAL = 16;
/** How far off the sheet, in stage pixels, a mark may start (and start on its edge). */
const EDGE_REACH = 16;

export interface DrawingHost {
  readonly view: FabricView | null;
  readonly controller: CanvasController;
  readonly page: string;
  readonly tool: Tool;
  readonly strokeStyle: LiveStyle;
  refused(reason: Refusal): void;
  committed(id: string): void;
  textAt(x: number, y: number): void;
  viewChanged(): void;
}

interface LocalStroke {
  id: string;
  page: string;
  style: LiveStyle;
  points: StrokePoint[];
  sent: number;
}

export class DrawingInput {
  stroke: LocalStroke | null = null;
  private shape: { kind: ShapeKind; x0: number; y0: number; x1: number; y1: number } | null = null;
  private pan: { x: number; y: number } | null = null;
  private erasing = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private laser: { x: number; y: number } | null = null;
  /** Fingers down, for a two-finger pinch that zooms and pans on tablets. */
  private readonly touches = new Map<number, { x: number; y: number }>();
  private pinch: { distance: number; x: number; y: number } | null = null;

  constructor(private readonly host: DrawingHost) {}

  /** Tracks fingers; true while two of them pinch (and nothing else should happen). */
  private pinching(event: PointerEvent, phase: 'down' | 'move' | 'up'): boolean {
    if (event.pointerType !== 'touch') return false;
    if (phase === 'up') this.touches.delete(event.pointerId);
    else if (phase === 'down' || this.touches.has(event.pointerId)) {
      this.touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
    }
    const [a, b] = [...this.touches.values()];
    if (!a || !b) {
      this.pinch = null;
      return false;
    }
    const rect = this.host.view?.overlay.getBoundingClientRect();
    const now = {
      distance: Math.hypot(a.x - b.x, a.y - b.y),
      x: (a.x + b.x) / 2 - (rect?.left ?? 0),
      y: (a.y + b.y) / 2 - (rect?.top ?? 0),
    };
    if (!this.pinch) this.cancelGesture();
    else if (this.host.view && this.pinch.distance > 0) {
      this.host.view.zoomAt(now.distance / this.pinch.distance, now.x, now.y);
      this.host.view.panBy(now.x - this.pinch.x, now.y - this.pinch.y);
      this.host.viewChanged();
    }
    this.pinch = now;
    return true;
  }

  readonly down = (event: PointerEvent): void => {
    const { view, controller, tool, page } = this.host;
    const model = controller.model;
    if (this.pinching(event, 'down') || !view || !model || !event.isPrimary) return;
    (event.target as Element).setPointerCapture?.(event.pointerId);
    event.preventDefault();
    const { x, y } = view.scenePoint(event.clientX, event.clientY);
    if (tool === 'pan') {
      this.pan = { x: event.clientX, y: event.clientY };
      return;
    }
    if (tool === 'laser') return this.move(event);
    const refusal = model.refusal(page);
    if (refusal) return this.host.refused(refusal);
    const marking = tool !== 'eraser';
    if (marking && distanceOutside(view.sheet, x, y) > EDGE_REACH / view.canvas.getZoom()) return;
    if (tool === 'pen' || tool === 'highlighter') {
      const on = clampPoint(view.sheet, x, y);
      const point = { ...on, p: pressure(event, null, on.x, on.y, 1) };
      this.stroke = { id: newId(), page, style: { ...this.host.strokeStyle }, points: [point], sent: 0 };
      this.scheduleFlush();
    } else if (tool === 'eraser') {
      this.erasing = true;
      this.erase(x, y);
    } else if (SHAPES.includes(tool)) {
      const on = clampPoint(view.sheet, x, y);
      this.shape = { kind: tool as ShapeKind, x0: on.x, y0: on.y, x1: on.x, y1: on.y };
    } else if (tool === 'text') {
      const on = clampPoint(view.sheet, x, y);
      this.host.textAt(on.x, on.y);
    }
    this.paint();
  };

  readonly move = (event: PointerEvent): void => {
    const { view, controller, page, tool } = this.host;
    if (this.pinching(event, 'move') || !view || !event.isPrimary) return;
    const { x, y } = view.scenePoint(event.clientX, event.clientY);
    controller.setPointer({ page, x, y, laser: tool === 'laser' });
    this.laser = tool === 'laser' ? { x, y } : null;
    if (this.pan) {
      view.panBy(event.clientX - this.pan.x, event.clientY - this.pan.y);
      this.pan = { x: event.clientX, y: event.clientY };
      this.host.viewChanged();
    } else if (this.stroke) {
      const events = event.getCoalescedEvents?.() ?? [];
      for (const e of events.length ? events : [event]) {
        if (this.stroke.points.length >= MAX_POINTS) break;
        const p = clampPoint(view.sheet, ...xy(view.scenePoint(e.clientX, e.clientY)));
        const last = this.stroke.points.at(-1)!;
        this.stroke.points.push({ ...p, p: pressure(e, last, p.x, p.y, view.canvas.getZoom()) });
      }
      this.scheduleFlush();
    } else if (this.shape) {
      const on = clampPoint(view.sheet, x, y);
      this.shape.x1 = on.x;
      this.shape.y1 = on.y;
    } else if (this.erasing) {
      this.erase(x, y);
    }
    this.paint();
  };

  readonly up = (event: PointerEvent): void => {
    if (this.pinching(event, 'up') || !event.isPrimary) return;
    const model = this.host.controller.model;
    const { stroke, shape } = this;
    this.stroke = null;
    this.shape = null;
    this.pan = null;
    this.erasing = false;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (stroke && model) {
      const id = model.addStroke({
        id: stroke.id,
        page: stroke.page,
        points: stroke.points,
        ...stroke.style,
      });
      if (id) this.host.committed(id);
      else this.cancel(stroke);
    } else if (shape && model) {
      const w = shape.x1 - shape.x0;
      const h = shape.y1 - shape.y0;
      if (Math.hypot(w, h) >= 3) {
        const id = model.addShape({
          page: this.host.page,
          kind: shape.kind,
          x: shape.x0,
          y: shape.y0,
          w,
          h,
          ...this.host.strokeStyle,
        });
        if (id) this.host.committed(id);
      }
    }
    this.paint();
  };

  readonly cancelGesture = (event?: PointerEvent): void => {
    if (event?.pointerType === 'touch') this.touches.delete(event.pointerId);
    if (this.stroke) this.cancel(this.stroke);
    this.stroke = null;
    this.shape = null;
    this.pan = null;
    this.erasing = false;
    this.paint();
  };

  readonly leave = (): void => {
    this.laser = null;
    this.host.controller.setPointer(null);
    this.paint();
  };

  /** Repaints the overlay on the next frame. */
  paint(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paintNow();
    });
  }

  paintNow(): void {
    const { view, controller, page } = this.host;
    if (!view) return;
    const ctx = view.clearOverlay();
    for (const live of controller.live.onPage(page)) paintStroke(ctx, live.points, live.style);
    if (this.stroke) paintStroke(ctx, this.stroke.points, this.stroke.style);
    if (this.shape) paintShape(ctx, this.shape, this.host.strokeStyle);
    const zoom = view.canvas.getZoom();
    for (const peer of controller.peers) {
      if (peer.page !== page) continue;
      if (peer.laser) paintLaser(ctx, peer.x, peer.y, zoom);
      else paintCursor(ctx, peer.x, peer.y, peer.color, peer.name, zoom);
    }
    if (this.laser) paintLaser(ctx, this.laser.x, this.laser.y, zoom);
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private erase(x: number, y: number): void {
    const { view, controller } = this.host;
    const model = controller.model;
    if (!view || !model) return;
    const radius = 6 / view.canvas.getZoom();
    const id = view.hit(x, y, radius, (candidate) => nearStroke(model.object(candidate), x, y, radius));
    if (!id) return;
    const refusal = model.objectRefusal(id);
    if (refusal) return this.host.refused(refusal);
    model.remove([id]);
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const stroke = this.stroke;
      if (!stroke || stroke.sent >= stroke.points.length) return;
      const points = stroke.points.slice(stroke.sent);
      this.host.controller.send({
        kind: LIVE_KIND.points,
        id: stroke.id,
        page: stroke.page,
        start: stroke.sent,
        style: stroke.style,
        points,
      });
      stroke.sent = stroke.points.length;
    }, FLUSH_INTERVAL);
  }

  private cancel(stroke: LocalStroke): void {
    this.host.controller.send({
      kind: LIVE_KIND.cancel,
      id: stroke.id,
      page: stroke.page,
      start: 0,
      style: stroke.style,
      points: [],
    });
  }
}

const xy = (p: { x: number; y: number }): [number, number] => [p.x, p.y];

/** A pen's own pressure where the device gives it; otherwise simulated from speed. */
function pressure(
  event: PointerEvent,
  previous: StrokePoint | null,
  x: number,
  y: number,
  zoom: number,
): number {
  if (event.pointerType === 'pen' && event.pressure > 0) return event.pressure;
  return simulatedPressure(previous, x, y, zoom);
}

/** A stroke as drawn (not moved since) is hit only near its points, not anywhere in its box. */
function nearStroke(
  object: ReturnType<NonNullable<CanvasController['model']>['object']>,
  x: number,
  y: number,
  radius: number,
): boolean {
  if (!object || object.kind !== 'stroke' || object.placement) return true;
  const reach = radius + object.size / 2;
  return object.points.some((p) => Math.hypot(p.x - x, p.y - y) <= reach);
}

function paintShape(
  ctx: CanvasRenderingContext2D,
  s: { kind: ShapeKind; x0: number; y0: number; x1: number; y1: number },
  style: LiveStyle,
): void {
  ctx.save();
  ctx.strokeStyle = style.color;
  ctx.globalAlpha = style.opacity;
  ctx.lineWidth = style.size;
  ctx.lineCap = 'round';
  const [w, h] = [s.x1 - s.x0, s.y1 - s.y0];
  if (s.kind === 'rect') ctx.strokeRect(s.x0, s.y0, w, h);
  else if (s.kind === 'ellipse') {
    ctx.beginPath();
    ctx.ellipse(s.x0 + w / 2, s.y0 + h / 2, Math.abs(w / 2), Math.abs(h / 2), 0, 0, Math.PI * 2);
    ctx.stroke();
  } else ctx.stroke(new Path2D(linePath(s.x0, s.y0, w, h, s.kind === 'arrow', style.size)));
  ctx.restore();
}

function paintCursor(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  color: string,
  name: string,
  zoom: number,
): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(1 / zoom, 1 / zoom);
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(0, 0);
  ctx.lineTo(0, 16);
  ctx.lineTo(11, 11);
  ctx.closePath();
  ctx.fill();
  ctx.font = '13px system-ui, sans-serif';
  const width = ctx.measureText(name).width;
  ctx.fillRect(12, 14, width + 10, 20);
  ctx.fillStyle = '#ffffff';
  ctx.fillText(name, 17, 28);
  ctx.restore();
}

function paintLaser(ctx: CanvasRenderingContext2D, x: number, y: number, zoom: number): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(1 / zoom, 1 / zoom);
  ctx.fillStyle = 'rgba(220, 38, 38, 0.25)';
  ctx.beginPath();
  ctx.arc(0, 0, 14, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#dc2626';
  ctx.beginPath();
  ctx.arc(0, 0, 6, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
}
