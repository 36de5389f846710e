/**
 * The MIDI export of the shared protocol, with this page's instrument
 * registry, so instruments registered by a service keep their sound too.
 */
import { recordedNotesToMidi as toMidi } from '@attune/session/protocol';
import type { MidiExportOptions, RecordedNote } from '@attune/session/protocol';
import { instrumentInfo } from './instruments.js';

export type { MidiExportOptions, RecordedNote };

export function recordedNotesToMidi(
  events: readonly RecordedNote[],
  options: MidiExportOptions = {},
): Uint8Array {
  return toMidi(events, { instrument: instrumentInfo, ...options });
}
