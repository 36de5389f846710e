/**
 * The shared pulse: beats fall at `startAt + n * 60000 / tempo` on the shared
 * clock, so every participant who converts them to their own audio clock
 * hears each beat at the same moment.
 */
import { clamp } from './units.js';
import type { Millis } from './units.js';

export const MIN_TEMPO = 30;
export const MAX_TEMPO = 200;
export const DEFAULT_TEMPO = 80;

export function beatInterval(tempo: number): Millis {
  return 60_000 / tempo;
}

/** Shared-clock times of the beats in [from, to), with their index. */
export function beatsBetween(
  startAt: Millis,
  tempo: number,
  from: Millis,
  to: Millis,
): { index: number; at: Millis }[] {
  const interval = beatInterval(tempo);
  const beats: { index: number; at: Millis }[] = [];
  let index = Math.max(0, Math.ceil((from - startAt) / interval));
  for (let at = startAt + index * interval; at < to; at = startAt + ++index * interval) {
    if (at >= from) beats.push({ index, at });
  }
  return beats;
}

/** Converts a shared-clock time to an audio-context time, given both clocks read now. */
export function toContextTime(at: Millis, sharedNow: Millis, contextNow: number): number {
  return contextNow + (at - sharedNow) / 1000;
}

/**
 * Follows a noisy clock reading without jumping: each new reading moves it a
 * fraction of the way, at most `maxStep`, so that beats stay evenly spaced
 * when a new clock sample or output timestamp arrives, and averaging over
 * readings takes some of their noise out. Past `reanchor` (a reconnect, an
 * audio glitch, real drift) the reading is taken at once.
 */
export class SteadyReading {
  value = Number.NaN;

  constructor(
    private readonly weight: number,
    private readonly maxStep: Millis,
    private readonly reanchor: Millis,
  ) {}

  follow(reading: number): number {
    if (!Number.isFinite(reading)) return this.value;
    const change = reading - this.value;
    // NaN (no reading yet) fails the comparison too, and anchors.
    if (Math.abs(change) <= this.reanchor)
      this.value += clamp(change * this.weight, -this.maxStep, this.maxStep);
    else this.value = reading;
    return this.value;
  }
}
