/**
 * Recorded note events (the server's log of 121 broadcasts on 'music:note')
 * to a standard MIDI file, one track per participant. DOM-free: the server's
 * export uses it, and so does the instrument space.
 */
import * as midiModule from '@tonejs/midi';
import { NOTE_CHANNEL, decodeNoteEvent } from './notes.js';
import type { NoteEvent } from './notes.js';

// @tonejs/midi is CommonJS in Node (a default export) and ESM in bundlers (named).
const { Midi } = (midiModule as unknown as { default?: typeof midiModule }).default ?? midiModule;

export interface RecordedNote {
  /** Server time of arrival, ms since the epoch. */
  t: number;
  /** The sender's opaque participant id. */
  sub: string;
  payload: Uint8Array;
  /** When present, only 'music:note' entries are read. */
  channel?: string;
}

/** How an instrument sounds in General MIDI. */
export interface InstrumentMidi {
  /** General MIDI program (0-based); percussion tracks use channel 10 instead. */
  program: number;
  percussion: boolean;
}

/** The built-in instruments of the instrument space, for files made where it is not loaded. */
export const BUILT_IN_INSTRUMENT_MIDI = {
  keys: { program: 0, percussion: false },
  'drum-kit': { program: 0, percussion: true },
  'hand-drum': { program: 0, percussion: true },
  'chime-bars': { program: 14, percussion: false },
  marimba: { program: 12, percussion: false },
  guitar: { program: 24, percussion: false },
  harp: { program: 46, percussion: false },
  shaker: { program: 0, percussion: true },
} as const satisfies Record<string, InstrumentMidi>;

export interface MidiExportOptions {
  /** General MIDI sound of an instrument id (default: the built-in instruments; others play as piano). */
  instrument?: (id: string) => InstrumentMidi | undefined;
  /** Longest note kept, seconds: a note never released ends here (default 4). */
  maxNoteSeconds?: number;
  /** How much earlier or later than its arrival a note's own time may claim to be (default 5000 ms). */
  maxSkewMs?: number;
  /** Most events read (default 200 000). */
  maxEvents?: number;
}

const PERCUSSION_SECONDS = 0.25;

/**
 * Builds the MIDI file; tracks are named "Participant 1…n" in order of first note, never by name.
 * Notes of one participant held at the same time on the same pitch are merged. */
export function recordedNotesToMidi(
  events: readonly RecordedNote[],
  options: MidiExportOptions = {},
): Uint8Array {
  const maxNote = options.maxNoteSeconds ?? 4;
  const maxSkew = options.maxSkewMs ?? 5000;
  const instrumentInfo =
    options.instrument ??
    ((id: string) => (BUILT_IN_INSTRUMENT_MIDI as Record<string, InstrumentMidi | undefined>)[id]);
  const parsed: { sub: string; at: number; note: NoteEvent }[] = [];
  for (const entry of events.slice(0, options.maxEvents ?? 200_000)) {
    if (entry.channel !== undefined && entry.channel !== NOTE_CHANNEL) continue;
    if (typeof entry.sub !== 'string' || !Number.isFinite(entry.t)) continue;
    const note = decodeNoteEvent(entry.payload);
    if (!note) continue;
    // The player's own shared-clock time is truer than arrival, unless it is implausible.
    const at = Math.abs(note.time - entry.t) <= maxSkew ? note.time : entry.t;
    parsed.push({ sub: entry.sub, at, note });
  }
  parsed.sort((a, b) => a.at - b.at);
  const midi = new Midi();
  midi.header.setTempo(120);
  if (parsed.length === 0) return midi.toArray();
  const origin = parsed[0]!.at;
  const tracks = new Map<string, ReturnType<typeof midi.addTrack>>();
  /** Held notes per participant, instrument and pitch: their start and velocity. */
  const held = new Map<string, { start: number; velocity: number; sub: string; midi: number }>();
  for (const { sub, note } of parsed) {
    if (tracks.has(sub) || !note.on) continue;
    // One track per participant, in order of first note; channel and program follow their first instrument.
    const track = midi.addTrack();
    const info = instrumentInfo(note.instrument);
    track.name = `Participant ${tracks.size + 1}`;
    if (info?.percussion) track.channel = 9;
    else {
      track.channel = tracks.size % 9;
      track.instrument.number = info?.program ?? 0;
    }
    tracks.set(sub, track);
  }
  const add = (sub: string, pitch: number, start: number, end: number, velocity: number): void => {
    const duration = Math.max(0.01, Math.min(end - start, maxNote));
    tracks.get(sub)?.addNote({ midi: pitch, time: start, duration, velocity: velocity / 127 });
  };
  for (const { sub, at, note } of parsed) {
    const seconds = (at - origin) / 1000;
    const key = `${sub}\n${note.instrument}\n${note.midi}`;
    const open = held.get(key);
    const percussion = instrumentInfo(note.instrument)?.percussion ?? false;
    if (open) {
      held.delete(key);
      add(open.sub, open.midi, open.start, seconds, open.velocity);
    }
    if (note.on && note.velocity > 0) {
      if (percussion) add(sub, note.midi, seconds, seconds + PERCUSSION_SECONDS, note.velocity);
      else held.set(key, { start: seconds, velocity: note.velocity, sub, midi: note.midi });
    }
  }
  for (const open of held.values()) add(open.sub, open.midi, open.start, open.start + maxNote, open.velocity);
  return midi.toArray();
}
