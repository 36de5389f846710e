/**
 * What the overlay paints that is not in the document: a shape being drawn,
 * other people's cursors with their names, and laser pointers. Cursors and
 * lasers keep their size on the screen whatever the zoom.
 */
import type { LiveStyle } from '../model/live-stroke.js';
import type { ShapeKind } from '../model/schema.js';
import { linePath } from './build.js';

export function paintShape(
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

export function paintCursor(
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

export function paintLaser(ctx: CanvasRenderingContext2D, x: number, y: number, zoom: number): void {
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
