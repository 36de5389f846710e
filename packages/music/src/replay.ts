/**
 * Replaying an exported note log: the recorded notes decoded, bounded, and
 * timed from the first note's time on the shared clock.
 */
import { NOTE_CHANNEL, decodeNoteEvent } from './note-events.js';
import type { NoteEvent } from './note-events.js';
import type { Millis } from './units.js';

/** A recorded event as the export gives it (payload as bytes or base64). */
export interface ReplayEvent {
  t: Millis;
  channel?: string;
  sub?: string;
  payload: Uint8Array | string;
}

const MAX_REPLAY_NOTES = 100_000;

/** Calls `play` for every note of the log at its time (divided by `speed`); returns the timers and how many notes. */
export function scheduleReplay(
  events: readonly ReplayEvent[],
  speed: number,
  play: (note: NoteEvent, who: string | undefined) => void,
): { count: number; timers: ReturnType<typeof setTimeout>[] } {
  const notes = events
    .filter((e) => e.channel === undefined || e.channel === NOTE_CHANNEL)
    .map((e) => ({
      e,
      note: decodeNoteEvent(typeof e.payload === 'string' ? fromBase64(e.payload) : e.payload),
    }))
    .filter((x): x is { e: ReplayEvent; note: NoteEvent } => x.note !== null)
    .slice(0, MAX_REPLAY_NOTES);
  if (notes.length === 0) return { count: 0, timers: [] };
  const first = notes[0]!.note.time;
  const timers = notes.map(({ e, note }) =>
    setTimeout(() => play(note, e.sub), Math.max(0, (note.time - first) / speed)),
  );
  return { count: notes.length, timers };
}

function fromBase64(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text.slice(0, 256)), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}
