/**
 * Scales and scale lock: with a scale chosen, every key plays a note of it,
 * so there are no wrong notes.
 */
import { clamp } from './units.js';
import type { Midi } from './units.js';

export const SCALES = {
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  pentatonic: [0, 2, 4, 7, 9],
  'minor-pentatonic': [0, 3, 5, 7, 10],
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
} as const;
export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

/** What each scale is called on screen ("D major pentatonic"). */
export const SCALE_LABEL: Record<ScaleName, string> = {
  chromatic: 'all notes',
  pentatonic: 'major pentatonic',
  'minor-pentatonic': 'minor pentatonic',
  major: 'major',
  minor: 'minor',
};

export function isScaleName(value: unknown): value is ScaleName {
  return typeof value === 'string' && Object.hasOwn(SCALES, value);
}

const NAMES = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];

export function noteName(midi: Midi): string {
  return `${NAMES[midi % 12]}${Math.floor(midi / 12) - 1}`;
}

/**
 * The tonic (a note of pitch class `root`) nearest to `low`: at most five
 * semitones above it or six below, so the keys stay in the instrument's range.
 */
export function tonicNear(low: Midi, root: number): Midi {
  const up = (((root - low) % 12) + 12) % 12;
  return clamp(up <= 5 ? low + up : low + up - 12, 0, 127);
}

/**
 * The notes an instrument's keys play, lowest first: `count` steps of the
 * scale starting on its tonic, so D major starts on D (not on the C♯ just
 * above middle C) and A minor pentatonic on A.
 */
export function scaleKeys(low: Midi, count: number, scale: ScaleName, root: number): Midi[] {
  const tonic = tonicNear(low, root);
  return Array.from({ length: count }, (_, i) => scaleStep(tonic, i, scale, root));
}

/** The n-th note of the scale counting from `low` (which is snapped up into the scale). */
export function scaleStep(low: Midi, step: number, scale: ScaleName, root: number): Midi {
  const degrees = SCALES[scale];
  const start = snapToScale(low, scale, root, 'up');
  const rel = (((start - root) % 12) + 12) % 12;
  const index = degrees.indexOf(rel as never);
  const total = index + step;
  const octave = Math.floor(total / degrees.length);
  const degree = degrees[((total % degrees.length) + degrees.length) % degrees.length]!;
  return clamp(start - rel + octave * 12 + degree, 0, 127);
}

/** The nearest note of the scale (ties go down unless `up`). */
export function snapToScale(midi: Midi, scale: ScaleName, root: number, tie: 'down' | 'up' = 'down'): Midi {
  const degrees: readonly number[] = SCALES[scale];
  for (let distance = 0; distance < 12; distance++) {
    const order = tie === 'up' ? [midi + distance, midi - distance] : [midi - distance, midi + distance];
    for (const candidate of order) {
      const rel = (((candidate - root) % 12) + 12) % 12;
      if (degrees.includes(rel) && candidate >= 0 && candidate <= 127) return candidate;
    }
  }
  return clamp(midi, 0, 127);
}

/** Computer-keyboard rows mapped to scale steps, lowest first. */
export const KEYBOARD_ROW = ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', "'"];
