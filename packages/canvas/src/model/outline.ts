/**
 * A stroke's filled outline from perfect-freehand. Pressure is the pen's own
 * or was simulated when the points were taken, so it is not simulated again.
 */
import { getStroke } from 'perfect-freehand';
import type { StrokePoint } from './points.js';

export type Outline = number[][];

export function strokeOutlinePoints(points: readonly StrokePoint[], size: number, last = true): Outline {
  return getStroke(
    points.map((p) => [p.x, p.y, p.p]),
    { size, thinning: 0.6, smoothing: 0.5, streamline: 0.4, simulatePressure: false, last },
  );
}

/** The outline as SVG path data, shifted by (dx, dy). */
export function outlineToPath(outline: Outline, dx = 0, dy = 0): string {
  const n = outline.length;
  if (n === 0) return '';
  const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();
  const x = (i: number): number => outline[i % n]![0]! + dx;
  const y = (i: number): number => outline[i % n]![1]! + dy;
  if (n < 3) return `M ${fmt(x(0))} ${fmt(y(0))} Z`;
  let d = `M ${fmt(x(0))} ${fmt(y(0))} Q`;
  for (let i = 0; i < n; i++)
    d += ` ${fmt(x(i))} ${fmt(y(i))} ${fmt((x(i) + x(i + 1)) / 2)} ${fmt((y(i) + y(i + 1)) / 2)}`;
  return `${d} Z`;
}

/** The same curve traced into a 2D context path, with no string in between. */
export function traceOutline(path: CanvasPath, outline: Outline, dx = 0, dy = 0): void {
  const n = outline.length;
  if (n === 0) return;
  // A hot loop on opening a page: plain reads, no closures.
  const first = outline[0]!;
  let x = first[0]! + dx;
  let y = first[1]! + dy;
  path.moveTo(x, y);
  for (let i = 0; i < n; i++) {
    const next = outline[i + 1 < n ? i + 1 : 0]!;
    const nx = next[0]! + dx;
    const ny = next[1]! + dy;
    path.quadraticCurveTo(x, y, (x + nx) / 2, (y + ny) / 2);
    x = nx;
    y = ny;
  }
  path.closePath();
}

export function strokeOutline(points: readonly StrokePoint[], size: number, last = true): string {
  return outlineToPath(strokeOutlinePoints(points, size, last));
}
