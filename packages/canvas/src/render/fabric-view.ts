/**
 * The fabric canvas of one page, kept in step with the document by object id,
 * plus an overlay canvas for what is not in the document: strokes in
 * progress, shape previews, cursors and laser pointers. The overlay is
 * redrawn on its own, so drawing never re-renders a page of thousands of strokes.
 *
 * The page is a sheet of paper drawn under everything (fabric's background
 * image, so it moves with the view); the stage around it shows through. The
 * view looks at its page through a camera (camera.ts): the whole sheet,
 * fitted to the stage, until the person zooms or pans.
 */
import { Canvas, Point, Rect, Shadow, util } from 'fabric';
import type { FabricObject, TMat2D } from 'fabric';
import { DEFAULT_SHEET, intersect, sameRect } from '../model/page-rect.js';
import type { CanvasObject, SceneRect } from '../model/schema.js';
import { buildObject } from './build.js';
import { FRAME_MARGIN, ZOOM_RANGE, fitViewport, focusOf, frameOf, toStage } from './camera.js';
import type { Insets, Viewport } from './camera.js';

export interface ViewOptions {
  /** An element that holds nothing else; the view creates its canvases inside. */
  stage: HTMLElement;
  loadImage: (hash: string) => Promise<string>;
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
  private sheetRect: SceneRect = DEFAULT_SHEET;
  private readonly paper: Rect;
  private insets: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  private margin = FRAME_MARGIN;
  /** What the camera keeps in view; the sheet while `fitted`. */
  private focusRect: SceneRect = DEFAULT_SHEET;
  private fitted = true;

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
    });
    // The paper: its own colour, a soft edge, never cached (it is one rectangle).
    this.paper = new Rect({
      originX: 'left',
      originY: 'top',
      fill: '#ffffff',
      strokeWidth: 0,
      objectCaching: false,
      selectable: false,
      evented: false,
      shadow: new Shadow({ color: 'rgba(31, 41, 51, 0.18)', blur: 14, offsetY: 2, nonScaling: true }),
    });
    this.canvas.backgroundImage = this.paper;
    this.placePaper();
    this.overlay = document.createElement('canvas');
    this.overlay.setAttribute('part', 'overlay');
    this.overlay.setAttribute('aria-hidden', 'true');
    this.overlay.className = 'overlay';
    stage.append(this.overlay);
    this.overlayContext = this.overlay.getContext('2d')!;
    this.sizeTo(width, height);
    this.resize = new ResizeObserver(() => this.sizeTo(stage.clientWidth, stage.clientHeight));
    this.resize.observe(stage);
  }

  get viewport(): Viewport {
    return [...this.canvas.viewportTransform] as Viewport;
  }

  /** The page's sheet, in scene units. */
  get sheet(): SceneRect {
    return this.sheetRect;
  }

  /** What the view keeps in sight, in scene units: the sheet, or the part zoomed to. */
  get focus(): SceneRect {
    return this.focusRect;
  }

  /** True while the view shows the whole sheet (nobody zoomed or panned since). */
  get showsWholePage(): boolean {
    return this.fitted;
  }

  /**
   * The part of the sheet in view, in scene units; what a follower is shown.
   * The whole sheet when it is all in view.
   */
  get pageInView(): SceneRect {
    if (this.fitted) return this.sheetRect;
    return intersect(this.focusRect, this.sheetRect) ?? this.sheetRect;
  }

  /**
   * Room taken over the stage by what floats on it (the tool bar), in stage
   * pixels, and the margin kept around the fitted page.
   */
  setInsets(insets: Insets, margin = FRAME_MARGIN): void {
    const old = this.insets;
    const same = Object.entries(insets).every(([k, v]) => Math.abs(old[k as keyof Insets] - v) < 0.5);
    if (same && margin === this.margin) return;
    this.insets = { ...insets };
    this.margin = margin;
    this.applyFocus();
  }

  /** The stage's size in CSS pixels. */
  get stageSize(): { width: number; height: number } {
    return { width: this.canvas.width, height: this.canvas.height };
  }

  /** Shows the whole sheet again. */
  fit(): void {
    this.fitted = true;
    this.focusRect = this.sheetRect;
    this.applyFocus();
  }

  /** Shows a part of the scene, whole and centred (follow me). */
  show(rect: SceneRect): void {
    if (!(rect.width > 0 && rect.height > 0)) return this.fit();
    this.fitted = sameRect(rect, this.sheetRect);
    this.focusRect = { ...rect };
    this.applyFocus();
  }

  /** Zooms by `factor` around a point in stage pixels, within `ZOOM_RANGE` of the whole page. */
  zoomAt(factor: number, x: number, y: number): void {
    const whole = this.wholePageZoom();
    const zoom = Math.min(
      whole * ZOOM_RANGE.max,
      Math.max(whole * ZOOM_RANGE.min, this.canvas.getZoom() * factor),
    );
    this.canvas.zoomToPoint(new Point(x, y), zoom);
    this.moved();
  }

  panBy(dx: number, dy: number): void {
    this.canvas.relativePan(new Point(dx, dy));
    this.moved();
  }

  /** Where the sheet is drawn now, in client (viewport CSS) pixels, like getBoundingClientRect. */
  sheetClientRect(): DOMRect {
    const stage = this.overlay.getBoundingClientRect();
    const r = toStage(this.viewport, this.sheetRect);
    return new DOMRect(stage.left + r.x, stage.top + r.y, r.width, r.height);
  }

  /** A new sheet or paper colour; a view showing the whole page shows the whole new one. */
  setSheet(sheet: SceneRect, background: string): void {
    const changed = !sameRect(sheet, this.sheetRect);
    this.sheetRect = { ...sheet };
    this.paper.set({ fill: background });
    this.placePaper();
    if (changed && this.fitted) this.fit();
    else this.canvas.requestRenderAll();
    if (changed) this.onRefit?.();
  }

  /** Client (pointer) coordinates to scene coordinates. */
  scenePoint(clientX: number, clientY: number): { x: number; y: number } {
    const rect = this.overlay.getBoundingClientRect();
    const inverse = util.invertTransform(this.canvas.viewportTransform);
    const p = util.transformPoint(new Point(clientX - rect.left, clientY - rect.top), inverse);
    return { x: p.x, y: p.y };
  }

  /**
   * Replaces everything shown with the page's objects, back to front, on its
   * sheet, shown whole.
   */
  async showPage(objects: readonly CanvasObject[], background: string, sheet: SceneRect): Promise<void> {
    this.canvas.discardActiveObject();
    this.canvas.remove(...this.canvas.getObjects());
    this.shown.clear();
    this.versions.clear();
    this.setSheet(sheet, background);
    this.fit();
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

  /** The page as SVG: the whole sheet, with nothing about who drew it. */
  toSVG(): string {
    const { x, y, width, height } = this.sheetRect;
    return this.forExport(() =>
      this.canvas.toSVG({
        viewBox: { x, y, width, height },
        width: `${Math.round(width)}`,
        height: `${Math.round(height)}`,
      }),
    );
  }

  /** The page as a PNG blob: the whole sheet, one pixel per scene unit. */
  async toPNG(): Promise<Blob> {
    const { x, y, width, height } = this.sheetRect;
    const url = this.forExport(() =>
      this.canvas.toDataURL({ format: 'png', multiplier: 1, left: x, top: y, width, height }),
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

  /** Runs an export at one pixel per scene unit, the paper without its shadow. */
  private forExport<T>(fn: () => T): T {
    const saved = this.viewport;
    const shadow = this.paper.shadow;
    this.canvas.viewportTransform = [1, 0, 0, 1, 0, 0];
    this.paper.shadow = null;
    try {
      return fn();
    } finally {
      this.paper.shadow = shadow;
      this.canvas.viewportTransform = saved as TMat2D;
    }
  }

  private placePaper(): void {
    const { x, y, width, height } = this.sheetRect;
    this.paper.set({ left: x, top: y, width, height });
    this.paper.setCoords();
  }

  private frame(): SceneRect {
    return frameOf(this.canvas.width, this.canvas.height, this.insets, this.margin);
  }

  private wholePageZoom(): number {
    return fitViewport(this.sheetRect, this.frame())[0];
  }

  /** Puts the focus in the frame: on a new sheet, a resize or new insets. */
  private applyFocus(): void {
    if (this.disposed) return;
    this.canvas.setViewportTransform(fitViewport(this.focusRect, this.frame()) as TMat2D);
    this.canvas.calcOffset();
    this.canvas.requestRenderAll();
  }

  /** The person zoomed or panned: what is in the frame now is what the view keeps. */
  private moved(): void {
    this.fitted = false;
    this.focusRect = focusOf(this.viewport, this.frame());
    this.canvas.requestRenderAll();
  }

  private sizeTo(width: number, height: number): void {
    if (this.disposed || width < 1 || height < 1) return;
    this.canvas.setDimensions({ width, height });
    const ratio = window.devicePixelRatio || 1;
    this.overlay.width = Math.round(width * ratio);
    this.overlay.height = Math.round(height * ratio);
    this.overlay.style.width = `${width}px`;
    this.overlay.style.height = `${height}px`;
    this.applyFocus();
    this.onRefit?.();
  }

  /**
   * Called after the stage was resized or the sheet changed size, and the
   * view refitted: the overlay needs a repaint, and the bar may move.
   */
  onRefit: (() => void) | null = null;
}
