/**
 * The instrument registry's description side: what each instrument is called,
 * what it offers to play (keys or pads), and its General MIDI mapping for
 * export. No audio here; the voices are in audio/voices.ts.
 */
import { BUILT_IN_INSTRUMENT_MIDI } from '@attune/session/protocol';
import type { Midi } from './units.js';

export interface Pad {
  /** The note this pad sends (General MIDI percussion numbers for kits). */
  midi: Midi;
  label: string;
}

export interface InstrumentInfo {
  id: string;
  label: string;
  /** Keys follow the scale; pads are fixed sounds. */
  layout: 'keys' | 'pads';
  /** For keys: the lowest note shown, and how many scale steps. */
  low?: Midi;
  steps?: number;
  pads?: readonly Pad[];
  /** General MIDI program (0-based) for export; percussion tracks use channel 10. */
  program: number;
  percussion: boolean;
}

const registry = new Map<string, InstrumentInfo>();

export function registerInstrumentInfo(info: InstrumentInfo): void {
  if (!/^[a-z0-9-]{1,32}$/.test(info.id)) throw new RangeError(`Bad instrument id ${info.id}`);
  registry.set(info.id, info);
}

export function instrumentInfo(id: string): InstrumentInfo | undefined {
  return registry.get(id);
}

export function instrumentIds(): string[] {
  return [...registry.keys()];
}

export const DEFAULT_INSTRUMENT = 'keys';

for (const info of [
  { id: 'keys', label: 'Keys', layout: 'keys', low: 60, steps: 15, ...BUILT_IN_INSTRUMENT_MIDI['keys'] },
  {
    id: 'drum-kit',
    label: 'Drum kit',
    layout: 'pads',
    pads: [
      { midi: 36, label: 'Bass drum' },
      { midi: 38, label: 'Snare' },
      { midi: 42, label: 'Hi-hat' },
      { midi: 45, label: 'Tom' },
      { midi: 49, label: 'Cymbal' },
    ],
    ...BUILT_IN_INSTRUMENT_MIDI['drum-kit'],
  },
  {
    id: 'hand-drum',
    label: 'Hand drum',
    layout: 'pads',
    pads: [
      { midi: 60, label: 'Drum centre' },
      { midi: 61, label: 'Drum edge' },
    ],
    ...BUILT_IN_INSTRUMENT_MIDI['hand-drum'],
  },
  {
    id: 'chime-bars',
    label: 'Chime bars',
    layout: 'keys',
    low: 72,
    steps: 8,
    ...BUILT_IN_INSTRUMENT_MIDI['chime-bars'],
  },
  {
    id: 'marimba',
    label: 'Marimba',
    layout: 'keys',
    low: 60,
    steps: 15,
    ...BUILT_IN_INSTRUMENT_MIDI['marimba'],
  },
  {
    id: 'guitar',
    label: 'Guitar',
    layout: 'keys',
    low: 52,
    steps: 15,
    ...BUILT_IN_INSTRUMENT_MIDI['guitar'],
  },
  { id: 'harp', label: 'Harp', layout: 'keys', low: 55, steps: 15, ...BUILT_IN_INSTRUMENT_MIDI['harp'] },
  {
    id: 'shaker',
    label: 'Shaker',
    layout: 'pads',
    pads: [
      { midi: 70, label: 'Shake' },
      { midi: 82, label: 'Soft shake' },
    ],
    ...BUILT_IN_INSTRUMENT_MIDI['shaker'],
  },
] satisfies InstrumentInfo[]) {
  registerInstrumentInfo(info);
}
