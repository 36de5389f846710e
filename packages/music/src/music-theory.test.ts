import { describe, expect, it } from 'vitest';
import { latencyLevel } from './latency.js';
import { beatsBetween, toContextTime } from './pulse.js';
import { SCALES, SCALE_NAMES, noteName, scaleKeys, scaleStep, snapToScale } from './scales.js';

describe('scale lock', () => {
  it('only ever yields notes of the chosen scale', () => {
    for (const scale of SCALE_NAMES) {
      for (let root = 0; root < 12; root++) {
        for (let midi = 0; midi < 128; midi++) {
          const snapped = snapToScale(midi, scale, root);
          expect((SCALES[scale] as readonly number[]).includes((snapped - root + 120) % 12)).toBe(true);
          expect(Math.abs(snapped - midi)).toBeLessThanOrEqual(2);
        }
      }
    }
  });

  it('walks C major pentatonic from middle C', () => {
    const notes = Array.from({ length: 7 }, (_, i) => noteName(scaleStep(60, i, 'pentatonic', 0)));
    expect(notes).toEqual(['C4', 'D4', 'E4', 'G4', 'A4', 'C5', 'D5']);
    expect(scaleStep(60, 2, 'minor', 9)).toBe(64); // A minor from C: C D E
  });

  it("starts an instrument's keys on the scale's tonic", () => {
    const names = (low: number, scale: Parameters<typeof scaleKeys>[2], root: number, count = 8): string[] =>
      scaleKeys(low, count, scale, root).map(noteName);
    expect(names(60, 'major', 0)).toEqual(['C4', 'D4', 'E4', 'F4', 'G4', 'A4', 'B4', 'C5']);
    // D major starts on D, not on the C♯ just above middle C.
    expect(names(60, 'major', 2)).toEqual(['D4', 'E4', 'F♯4', 'G4', 'A4', 'B4', 'C♯5', 'D5']);
    expect(names(60, 'minor-pentatonic', 9, 6)).toEqual(['A3', 'C4', 'D4', 'E4', 'G4', 'A4']);
    expect(names(60, 'minor', 9)).toEqual(['A3', 'B3', 'C4', 'D4', 'E4', 'F4', 'G4', 'A4']);
    expect(names(60, 'pentatonic', 7, 6)).toEqual(['G3', 'A3', 'B3', 'D4', 'E4', 'G4']);
    expect(names(72, 'major', 5)).toEqual(['F5', 'G5', 'A5', 'B♭5', 'C6', 'D6', 'E6', 'F6']);
    expect(names(60, 'chromatic', 2, 3)).toEqual(['D4', 'E♭4', 'E4']);
    // Every scale, every key, from every instrument's lowest note: the first key is the tonic,
    // within an octave of where the instrument starts, and the keys climb.
    for (const scale of SCALE_NAMES) {
      for (let root = 0; root < 12; root++) {
        for (const low of [52, 55, 60, 72]) {
          const keys = scaleKeys(low, 15, scale, root);
          expect(keys[0]! % 12).toBe(root);
          expect(Math.abs(keys[0]! - low)).toBeLessThanOrEqual(6);
          for (let i = 1; i < keys.length; i++) expect(keys[i]).toBeGreaterThan(keys[i - 1]!);
        }
      }
    }
  });
});

describe('shared pulse', () => {
  it('places beats at startAt + n * interval, whatever window asks', () => {
    const start = 1_000_000;
    const beats = beatsBetween(start, 120, start + 1, start + 2000);
    expect(beats.map((b) => b.at - start)).toEqual([500, 1000, 1500]);
    expect(beatsBetween(start, 120, start - 5000, start + 1)).toEqual([{ index: 0, at: start }]);
    // Two clients asking for overlapping windows agree on index and time.
    const a = beatsBetween(start, 97, start + 10_000, start + 12_000);
    const b = beatsBetween(start, 97, start + 11_000, start + 13_000);
    const shared = a.filter((x) => b.some((y) => y.index === x.index));
    for (const beat of shared) expect(b.find((y) => y.index === beat.index)!.at).toBe(beat.at);
  });

  it('converts shared time to audio time', () => {
    expect(toContextTime(10_250, 10_000, 3)).toBeCloseTo(3.25);
  });
});

describe('latency honesty', () => {
  it('grades the round trip as the therapist sees it', () => {
    expect([10, 25, 25.1, 50, 51, Number.NaN, -1, undefined].map(latencyLevel)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'poor',
      'unknown',
      'unknown',
      'unknown',
    ]);
  });
});
