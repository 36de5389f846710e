/**
 * The shared pulse: beats fall at `startAt + n * 60000 / tempo` on the shared
 * clock, so every participant who converts them to their own audio clock
 * hears each beat at the same moment.
 */
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
