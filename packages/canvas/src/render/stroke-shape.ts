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

  constructor(
    points: readonly StrokePoint[],
    size: number,
    options: { fill: string; globalCompositeOperation: GlobalCompositeOperation },
  ) {
    super({ ...options, strokeWidth: 0, objectCaching: false });
    this.outline = strokeOutlinePoints(points, size);
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of this.outline) {
      x0 = Math.min(x0, x!);
      y0 = Math.min(y0, y!);
      x1 = Math.max(x1, x!);
      y1 = Math.max(y1, y!);
    }
    if (!Number.isFinite(x0)) [x0, y0, x1, y1] = [0, 0, 0, 0];
    this.cx = (x0 + x1) / 2;
    this.cy = (y0 + y1) / 2;
    // fabric's default origin is the centre: the object sits where it was drawn.
    this.set({ width: x1 - x0, height: y1 - y0, left: this.cx, top: this.cy });
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
