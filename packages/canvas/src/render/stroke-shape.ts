/**
 * A committed freehand stroke on the fabric canvas. It fills its
 * perfect-freehand outline straight from the numbers, skipping fabric's path
 * parsing and per-object cache canvases, which is what lets a page of
 * thousands of strokes open in well under a second. SVG export writes the
 * same outline as path data.
 */
import { FabricObject } from 'fabric';
import type { TSVGReviver } from 'fabric';
import { outlineToPath, strokeOutlinePoints, traceOutline } from '../model/outline.js';
import type { Outline } from '../model/outline.js';
import type { StrokePoint } from '../model/points.js';

export class StrokeShape extends FabricObject {
  static override type = 'AttuneStroke';
  private readonly outline: Outline;
  private readonly cx: number;
  private readonly cy: number;
  private path2d: Path2D | null = null;
  /** The handles' places once worked out (internal: read `oCoords`). */
  handles: FabricObject['oCoords'] | undefined;

  constructor(
    points: readonly StrokePoint[],
    size: number,
    options: { fill: string; globalCompositeOperation: GlobalCompositeOperation },
  ) {
    const outline = strokeOutlinePoints(points, size);
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of outline) {
      if (x! < x0) x0 = x!;
      if (x! > x1) x1 = x!;
      if (y! < y0) y0 = y!;
      if (y! > y1) y1 = y!;
    }
    if (!Number.isFinite(x0)) [x0, y0, x1, y1] = [0, 0, 0, 0];
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    // fabric's default origin is the centre: the object sits where it was drawn.
    super({
      ...options,
      strokeWidth: 0,
      objectCaching: false,
      width: x1 - x0,
      height: y1 - y0,
      left: cx,
      top: cy,
    });
    this.outline = outline;
    this.cx = cx;
    this.cy = cy;
  }

  /**
   * Only the corners, which hit testing and culling use. The handles' places
   * (`oCoords`) matter only once the stroke is selected, so they are worked
   * out when first read (see below), not for every stroke of a page on open.
   */
  override setCoords(): void {
    this.aCoords = this.calcACoords();
    this.handles = undefined;
  }

  override _render(ctx: CanvasRenderingContext2D): void {
    if (!this.path2d) {
      this.path2d = new Path2D();
      traceOutline(this.path2d, this.outline, -this.cx, -this.cy);
    }
    ctx.fillStyle = this.fill as string;
    ctx.fill(this.path2d);
  }

  override _toSVG(_reviver?: TSVGReviver): string[] {
    return ['<path ', 'COMMON_PARTS', `d="${outlineToPath(this.outline, -this.cx, -this.cy)}" />\n`];
  }
}

// fabric reads and writes `oCoords` as a plain property; here it is worked out on first read.
Object.defineProperty(StrokeShape.prototype, 'oCoords', {
  configurable: true,
  get(this: StrokeShape) {
    if (!this.handles && this.canvas) this.handles = this.calcOCoords();
    return this.handles ?? {};
  },
  set(this: StrokeShape, value: FabricObject['oCoords']) {
    this.handles = value;
  },
});
