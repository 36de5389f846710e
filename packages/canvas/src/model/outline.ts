/**
 * A stroke's filled outline as an SVG path, from perfect-freehand. Pressure is
 * the pen's own or simulated when the points were taken, so it is not
 * simulated again here.
 */
import { getStroke } from 'perfect-freehand';
import type { StrokePoint } from './points.js';

export function strokeOutline(points: readonly StrokePoint[], size: number, last = true): string {
  const outline = getStroke(
    points.map((p) => [p.x, p.y, p.p]),
    { size, thinning: 0.6, smoothing: 0.5, streamline: 0.4, simulatePressure: false, last },
  );
  return outlineToPath(outline);
}

function outlineToPath(outline: number[][]): string {
  const n = outline.length;
  if (n === 0) return '';
  const fmt = (v: number): string => (Math.round(v * 100) / 100).toString();
  if (n < 3) {
    const [x, y] = outline[0]!;
    return `M ${fmt(x!)} ${fmt(y!)} Z`;
  }
  const [x0, y0] = outline[0]!;
  let d = `M ${fmt(x0!)} ${fmt(y0!)} Q`;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = outline[i]!;
    const [bx, by] = outline[(i + 1) % n]!;
    d += ` ${fmt(ax!)} ${fmt(ay!)} ${fmt((ax! + bx!) / 2)} ${fmt((ay! + by!) / 2)}`;
  }
  return `${d} Z`;
}
