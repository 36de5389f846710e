import { describe, expect, it } from 'vitest';
import { SteadyReading } from './pulse.js';

describe('SteadyReading', () => {
  it('takes its first reading as it is', () => {
    const r = new SteadyReading(0.1, 0.25, 4);
    expect(r.value).toBeNaN();
    expect(r.follow(12.5)).toBe(12.5);
    expect(r.follow(Number.NaN)).toBe(12.5);
  });

  it('follows small changes a fraction at a time, never a step past the limit', () => {
    const r = new SteadyReading(0.1, 0.25, 4);
    r.follow(0);
    expect(r.follow(1)).toBeCloseTo(0.1, 9);
    const steps: number[] = [];
    let last = r.value;
    for (let i = 0; i < 200; i++) {
      r.follow(3.9);
      steps.push(Math.abs(r.value - last));
      last = r.value;
    }
    expect(Math.max(...steps)).toBeLessThanOrEqual(0.25 + 1e-9);
    expect(r.value).toBeCloseTo(3.9, 3);
  });

  it('averages noise out: jitter of ±1 around a value stays within a fraction of it', () => {
    const r = new SteadyReading(0.1, 0.25, 4);
    r.follow(10);
    let worst = 0;
    for (let i = 0; i < 500; i++) worst = Math.max(worst, Math.abs(r.follow(10 + (i % 2 ? 1 : -1)) - 10));
    expect(worst).toBeLessThanOrEqual(0.1);
  });

  it('re-anchors at once past the threshold (a reconnect, an audio glitch)', () => {
    const r = new SteadyReading(0.1, 0.25, 4);
    r.follow(0);
    expect(r.follow(10)).toBe(10);
  });
});
