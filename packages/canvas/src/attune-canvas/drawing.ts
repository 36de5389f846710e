/**
 * Pointer input on the overlay for every tool but select (where fabric
 * handles its own pointer events): strokes stream live while drawn and are
 * committed once on pointer-up; shapes preview on the overlay; the eraser
 * removes whole objects.
 *
 * Marks belong on the paper, where everyone sees them. As with a pen on a
 * sheet taped to a table, only the part of a gesture over the paper leaves a
 * mark: a stroke begins where the pen comes onto the sheet (on its edge) and
 * ends where it leaves, and coming back on starts a new stroke. Within a
 * finger's width of the edge counts as on it. Shapes and text start and end
 * on the nearest point of the sheet. The eraser, the hand, the laser and
 * the cursor work anywhere.
 */
import { newId } from '../model/ids.js';
import { LIVE_KIND } from '../model/live-stroke.js';
import type { LiveStyle } from '../model/live-stroke.js';
import { MAX_POINTS, simulatedPressure } from '../model/points.js';
import type { StrokePoint } from '../model/points.js';
import type { Refusal } from '../model/canvas-model.js';
import { clampPoint, distanceOutside } from '../model/page-rect.js';
import type { ShapeKind } from '../model/schema.js';
import { paintStroke } from '../render/build.js';
import { paintCursor, paintLaser, paintShape } from '../render/overlay-paint.js';
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
/** How far off the sheet, in stage pixels, a pen still counts as on it (drawing on its edge). */
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
  /** A pen or highlighter is down; `outside` is its last point off the paper, if it is off. */
  private inking: { page: string; style: LiveStyle; outside: { x: number; y: number } | null } | null = null;
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
    if (tool === 'pen' || tool === 'highlighter') {
      this.inking = { page, style: { ...this.host.strokeStyle }, outside: null };
      this.ink(event, x, y);
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
    } else if (this.inking) {
      const events = event.getCoalescedEvents?.() ?? [];
      for (const e of events.length ? events : [event]) {
        const p = view.scenePoint(e.clientX, e.clientY);
        this.ink(e, p.x, p.y);
      }
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
    const { shape } = this;
    this.finishStroke();
    this.inking = null;
    this.shape = null;
    this.pan = null;
    this.erasing = false;
    if (shape && model) {
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
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.stroke = null;
    this.inking = null;
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

  /** One point of a pen gesture: on the paper it draws, off it the stroke ends. */
  private ink(event: PointerEvent, x: number, y: number): void {
    const { view } = this.host;
    const inking = this.inking;
    if (!view || !inking) return;
    const zoom = view.canvas.getZoom();
    if (distanceOutside(view.sheet, x, y) > EDGE_REACH / zoom) {
      // Leaving the paper: the stroke runs to its edge and ends there.
      if (this.stroke) {
        this.addPoint(event, clampPoint(view.sheet, x, y), zoom);
        this.finishStroke();
      }
      inking.outside = { x, y };
      return;
    }
    const point = clampPoint(view.sheet, x, y);
    if (!this.stroke) {
      // Coming onto the paper (or starting on it): a new stroke from the edge it crossed.
      const from = inking.outside ? clampPoint(view.sheet, inking.outside.x, inking.outside.y) : point;
      const first = { ...from, p: pressure(event, null, from.x, from.y, zoom) };
      this.stroke = { id: newId(), page: inking.page, style: inking.style, points: [first], sent: 0 };
      inking.outside = null;
      if (from === point) return this.scheduleFlush();
    }
    this.addPoint(event, point, zoom);
  }

  private addPoint(event: PointerEvent, at: { x: number; y: number }, zoom: number): void {
    const stroke = this.stroke;
    if (!stroke || stroke.points.length >= MAX_POINTS) return;
    stroke.points.push({ ...at, p: pressure(event, stroke.points.at(-1)!, at.x, at.y, zoom) });
    this.scheduleFlush();
  }

  /** Commits the stroke being drawn, if any. */
  private finishStroke(): void {
    const stroke = this.stroke;
    const model = this.host.controller.model;
    this.stroke = null;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!stroke || !model) return;
    const id = model.addStroke({ id: stroke.id, page: stroke.page, points: stroke.points, ...stroke.style });
    if (id) this.host.committed(id);
    else this.cancel(stroke);
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
