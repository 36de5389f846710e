/** Units, named as Tone.js names them. */

/** Seconds on an audio context's clock. */
export type Seconds = number;
/** Milliseconds on the shared clock (server time since the epoch) or a duration. */
export type Millis = number;
/** MIDI note number, 0 to 127. */
export type Midi = number;
/** MIDI velocity, 0 to 127. */
export type Velocity = number;
/** Linear gain, 0 to 1. */
export type Gain = number;

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** A finite number within bounds, or the fallback. */
export function bounded(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? clamp(value, min, max) : fallback;
}
