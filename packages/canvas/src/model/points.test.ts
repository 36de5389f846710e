import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { decodePoints, encodePoints, MAX_POINTS, quantizePoints, simulatedPressure } from './points.js';
import type { StrokePoint } from './points.js';

function scribble(seed: number, count: number): StrokePoint[] {
  const gen = prng.create(seed);
  const points: StrokePoint[] = [];
  let x = 400;
  let y = 300;
  let previous: StrokePoint | null = null;
  for (let i = 0; i < count; i++) {
    x += prng.real53(gen) * 12 - 6;
    y += prng.real53(gen) * 12 - 6;
    const point: StrokePoint = { x, y, p: simulatedPressure(previous, x, y) };
    points.push(point);
    previous = point;
  }
  return points;
}

describe('point encoding', () => {
  it('round-trips to half a pixel and 64 pressure steps', () => {
    const points = scribble(1, 500);
    const decoded = decodePoints(encodePoints(points));
    expect(decoded).toEqual(quantizePoints(points));
    decoded.forEach((p, i) => {
      expect(Math.abs(p.x - points[i]!.x)).toBeLessThanOrEqual(0.25);
      expect(Math.abs(p.p - points[i]!.p)).toBeLessThanOrEqual(0.5 / 63 + 1e-9);
    });
  });

  it('takes at most 4 bytes per point for hand-drawn movement', () => {
    for (const seed of [2, 3, 4]) {
      const points = scribble(seed, 1000);
      expect(encodePoints(points).byteLength / points.length).toBeLessThanOrEqual(4);
    }
  });

  it('keeps far jumps and negative coordinates exact', () => {
    const points = [
      { x: -5000.5, y: 12000, p: 0 },
      { x: 90000, y: -3.5, p: 1 },
      { x: 0, y: 0, p: 0.5 },
    ];
    expect(decodePoints(encodePoints(points))).toEqual(quantizePoints(points));
  });

  it('clamps what is not a number or out of range', () => {
    const [point] = decodePoints(encodePoints([{ x: Number.NaN, y: 5e9, p: 7 }]));
    expect(point).toEqual({ x: 0, y: 1_000_000, p: 1 });
  });

  it('refuses malformed bytes', () => {
    const good = encodePoints(scribble(5, 10));
    expect(() => decodePoints(good.slice(0, good.length - 2))).toThrow();
    expect(() => decodePoints(Uint8Array.of(9, 0))).toThrow(/encoding/);
    expect(() => decodePoints(Uint8Array.of(...good, 0))).toThrow(/trailing/);
    const huge = Uint8Array.of(1, 0xff, 0xff, 0x7f);
    expect(() => decodePoints(huge)).toThrow(/too many/);
  });

  it('drops points past the limit', () => {
    const points = Array.from({ length: MAX_POINTS + 10 }, (_v, i) => ({ x: i % 50, y: 0, p: 0.5 }));
    expect(decodePoints(encodePoints(points))).toHaveLength(MAX_POINTS);
  });
});
