import { describe, expect, it } from 'vitest';
import { outlineToPath, strokeOutlinePoints, traceOutline } from './outline.js';

/** Records a traced path as SVG path data, rounded as `outlineToPath` rounds. */
function traced(outline: number[][], dx: number, dy: number): string {
  const f = (v: number): string => (Math.round(v * 100) / 100).toString();
  let d = '';
  traceOutline(
    {
      moveTo: (x: number, y: number) => (d += `M ${f(x)} ${f(y)} Q`),
      quadraticCurveTo: (cx: number, cy: number, x: number, y: number) =>
        (d += ` ${f(cx)} ${f(cy)} ${f(x)} ${f(y)}`),
      closePath: () => (d += ' Z'),
    } as unknown as CanvasPath,
    outline,
    dx,
    dy,
  );
  return d;
}

describe('stroke outline', () => {
  it('traces on a canvas the same curve it exports as SVG', () => {
    const points = Array.from({ length: 40 }, (_v, i) => ({
      x: i * 3,
      y: Math.sin(i / 4) * 20,
      p: 0.3 + (i % 7) / 10,
    }));
    const outline = strokeOutlinePoints(points, 8);
    expect(outline.length).toBeGreaterThan(10);
    expect(traced(outline, -5, 7)).toBe(outlineToPath(outline, -5, 7));
    expect(traced([], 0, 0)).toBe('');
  });
});
