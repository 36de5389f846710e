/** Seeded hand-like strokes, so every run measures the same drawing. */
import * as prng from 'lib0/prng';
import { simulatedPressure } from '../../packages/canvas/src/model/points.js';
import type { StrokePoint } from '../../packages/canvas/src/model/points.js';

export function strokes(seed: number, count: number, minPoints: number, maxPoints: number): StrokePoint[][] {
  const gen = prng.create(seed);
  const list: StrokePoint[][] = [];
  for (let s = 0; s < count; s++) {
    let x = prng.real53(gen) * 1000;
    let y = prng.real53(gen) * 750;
    let heading = prng.real53(gen) * Math.PI * 2;
    const n = prng.int32(gen, minPoints, maxPoints);
    const points: StrokePoint[] = [];
    let previous: StrokePoint | null = null;
    for (let i = 0; i < n; i++) {
      // A pointer sampled at 60 to 120 Hz moves 1 to 8 px between samples.
      heading += (prng.real53(gen) - 0.5) * 0.5;
      const step = 1 + prng.real53(gen) * 7;
      x += Math.cos(heading) * step;
      y += Math.sin(heading) * step;
      const point: StrokePoint = { x, y, p: simulatedPressure(previous, x, y) };
      points.push(point);
      previous = point;
    }
    list.push(points);
  }
  return list;
}
