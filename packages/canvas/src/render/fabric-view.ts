/**
 * The fabric canvas of one page, kept in step with the document by object id,
 * plus an overlay canvas for what is not in the document: strokes in
 * progress, shape previews, cursors and laser pointers. The overlay is
 * redrawn on its own, so drawing never re-renders a page of thousands of strokes.
 */
import { Canvas, Point, util } from 'fabric';
import type { FabricObject, TMat2D } from 'fabric';
import type { CanvasObject } from '../model/schema.js';
import { buildObject } from './build.js';

export interface ViewOptions {
  /** An element that holds nothing else; the view creates its canvases inside. */
  stage: HTMLElement;
  loadImage: (hash: string) => Promise<string>;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FabricView {
  readonly canvas: Canvas;
  readonly overlay: HTMLCanvasElement;
  readonly overlayContext: CanvasRenderingContext2D;
  private readonly shown = new Map<string, FabricObject>();
  private readonly ids = new WeakMap<FabricObject, string>();
  /** Builds in flight, so a newer version of an object replaces an older one. */
  private readonly versions = new Map<string, number>();
  private readonly resize: ResizeObserver;
  private disposed = false;
  private version = 0;

  constructor(private readonly options: ViewOptions) {
    const { stage } = options;
    const element = document.createElement('canvas');
    stage.append(element);
    const width = Math.max(1, stage.clientWidth);
    const height = Math.max(1, stage.clientHeight);
    this.canvas = new Canvas(element, {
      width,
      height,
      selection: false,
      preserveObjectStacking: true,
      enablePointerEvents: true,
      renderOnAddRemove: false,
      backgroundColor: '#ffffff',
    });
    this.overlay = document.createElement('canvas');
    this.overlay.setAttribute('part', 'overlay');
    this.overlay.setAttribute('aria-hidden', 'true');
    this.overlay.className = 'overlay';
    stage.append(this.overlay);
    this.overlayContext = this.overlay.getContext('2d')!;
    this.fit(width, height);
    this.resize = new ResizeObserver(() => this.fit(stage.clientWidth, stage.clientHeight));
    this.resize.observe(stage);
  }

  get viewport(): TMat2D {
    return [...this.canvas.viewportTransform] as TMat2D;
  }

  setViewport(vpt: TMat2D): void {
    this.canvas.setViewportTransform(vpt);
    this.canvas.calcOffset();
  }

  /** Zooms by `factor` around a point in stage pixels. */
  zoomAt(factor: number, x: number, y: number): void {
    const zoom = Math.min(8, Math.max(0.1, this.canvas.getZoom() * factor));
    this.canvas.zoomToPoint(new Point(x, y), zoom);
  }

  panBy(dx: number, dy: number): void {
    this.canvas.relativePan(new Point(dx, dy));
  }

  /** Client (pointer) coordinates to scene coordinates. */
  scenePoint(clientX: number, clientY: number): { x: number; y: number } {
    const rect = this.overlay.getBoundingClientRect();
    const inverse = util.invertTransform(this.canvas.viewportTransform);
    const p = util.transformPoint(new Point(clientX - rect.left, clientY - rect.top), inverse);
    return { x: p.x, y: p.y };
  }

  /** Replaces everything shown with the page's objects, back to front. */
  async showPage(objects: readonly CanvasObject[], background: string): Promise<void> {
    this.canvas.discardActiveObject();
    this.canvas.remove(...this.canvas.getObjects());
    this.shown.clear();
    this.versions.clear();
    this.canvas.backgroundColor = background;
    const version = ++this.version;
    for (const o of objects) this.versions.set(o.id, version);
    const built = objects.map((o) => buildObject(o, this.options.loadImage));
    // Only images are awaited: a page of strokes is shown without yielding.
    const made = built.some((b) => b instanceof Promise)
      ? await Promise.all(built)
      : (built as (FabricObject | null)[]);
    if (this.disposed) return;
    const ordered: FabricObject[] = [];
    objects.forEach((o, i) => {
      const object = made[i];
      // Skip what failed, and what a newer change replaced while images loaded.
      if (!object || this.versions.get(o.id) !== version) return;
      this.shown.set(o.id, object);
      this.ids.set(object, o.id);
      ordered.push(object);
    });
    this.canvas.add(...ordered);
    this.canvas.requestRenderAll();
  }

  /** Shows a new or changed object (replacing the old copy). */
  async put(object: CanvasObject, render = true): Promise<void> {
    const version = ++this.version;
    this.versions.set(object.id, version);
    const built = buildObject(object, this.options.loadImage);
    const made = built instanceof Promise ? await built : built;
    if (this.disposed || this.versions.get(object.id) !== version || !made) return;
    const old = this.shown.get(object.id);
    if (old) this.canvas.remove(old);
    this.shown.set(object.id, made);
    this.ids.set(made, object.id);
    this.canvas.add(made);
    if (render) this.canvas.requestRenderAll();
  }

  remove(id: string): void {
    this.versions.delete(id);
    const old = this.shown.get(id);
    if (!old) return;
    if (this.canvas.getActiveObject() === old) this.canvas.discardActiveObject();
    this.canvas.remove(old);
    this.shown.delete(id);
    this.canvas.requestRenderAll();
  }

  /** Puts fabric's stacking in the page's order, moving only what is out of place. */
  restack(order: readonly string[]): void {
    const wanted: FabricObject[] = [];
    for (const id of order) {
      const object = this.shown.get(id);
      if (object) wanted.push(object);
    }
    let moved = false;
    wanted.forEach((object, index) => {
      // A new stroke usually lands on top, already in place: nothing moves on a big page.
      if (this.canvas.item(index) !== object) {
        this.canvas.moveObjectTo(object, index);
        moved = true;
      }
    });
    if (moved) this.canvas.requestRenderAll();
  }

  setBackground(color: string): void {
    this.canvas.backgroundColor = color;
    this.canvas.requestRenderAll();
  }

  object(id: string): FabricObject | undefined {
    return this.shown.get(id);
  }

  idOf(object: FabricObject): string | null {
    return this.ids.get(object) ?? null;
  }

  get count(): number {
    return this.shown.size;
  }

  /** The topmost object under a scene point, within `radius` scene pixels. */
  hit(x: number, y: number, radius: number, precise: (id: string) => boolean = () => true): string | null {
    const objects = this.canvas.getObjects();
    for (let i = objects.length - 1; i >= 0; i--) {
      const object = objects[i]!;
      if (!object.visible) continue;
      const box = object.getBoundingRect();
      if (x < box.left - radius || x > box.left + box.width + radius) continue;
      if (y < box.top - radius || y > box.top + box.height + radius) continue;
      const id = this.idOf(object);
      if (id && precise(id)) return id;
    }
    return null;
  }

  /** Shows only the given objects (the replay); null shows all. */
  showOnly(ids: ReadonlySet<string> | null): void {
    for (const [id, object] of this.shown) object.visible = ids === null || ids.has(id);
    this.canvas.requestRenderAll();
  }

  /** Scene bounds of everything shown, with a margin; the stage when empty. */
  contentBounds(margin = 16): Bounds {
    const objects = [...this.shown.values()];
    if (objects.length === 0) return { x: 0, y: 0, width: this.canvas.width, height: this.canvas.height };
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const object of objects) {
      // aCoords, and so the bounding rect, are in the scene plane.
      const b = object.getBoundingRect();
      x0 = Math.min(x0, b.left);
      y0 = Math.min(y0, b.top);
      x1 = Math.max(x1, b.left + b.width);
      y1 = Math.max(y1, b.top + b.height);
    }
    return { x: x0 - margin, y: y0 - margin, width: x1 - x0 + 2 * margin, height: y1 - y0 + 2 * margin };
  }

  /** The page as SVG, framed on its content, with nothing about who drew it. */
  toSVG(): string {
    const bounds = this.contentBounds();
    return this.withIdentity(() =>
      this.canvas.toSVG({
        viewBox: bounds,
        width: `${Math.round(bounds.width)}`,
        height: `${Math.round(bounds.height)}`,
      }),
    );
  }

  /** The page as a PNG blob, framed on its content. */
  async toPNG(): Promise<Blob> {
    const bounds = this.contentBounds();
    const url = this.withIdentity(() =>
      this.canvas.toDataURL({
        format: 'png',
        multiplier: 1,
        left: bounds.x,
        top: bounds.y,
        width: bounds.width,
        height: bounds.height,
      }),
    );
    return (await fetch(url)).blob();
  }

  clearOverlay(): CanvasRenderingContext2D {
    const ctx = this.overlayContext;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.overlay.width, this.overlay.height);
    const ratio = window.devicePixelRatio || 1;
    const [a, b, c, d, e, f] = this.canvas.viewportTransform;
    ctx.setTransform(a * ratio, b * ratio, c * ratio, d * ratio, e * ratio, f * ratio);
    return ctx;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.resize.disconnect();
    this.overlay.remove();
    // A render still pending would only delay the release to the next frame.
    this.canvas.cancelRequestedRender();
    await this.canvas.dispose();
  }

  private withIdentity<T>(fn: () => T): T {
    const saved = this.viewport;
    this.canvas.viewportTransform = [1, 0, 0, 1, 0, 0];
    try {
      return fn();
    } finally {
      this.canvas.viewportTransform = saved;
    }
  }

  private fit(width: number, height: number): void {
    if (this.disposed || width < 1 || height < 1) return;
    this.canvas.setDimensions({ width, height });
    const ratio = window.devicePixelRatio || 1;
    this.overlay.width = Math.round(width * ratio);
    this.overlay.height = Math.round(height * ratio);
    this.overlay.style.width = `${width}px`;
    this.overlay.style.height = `${height}px`;
    this.canvas.calcOffset();
  }
}
