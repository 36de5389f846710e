import type { Midi, Velocity } from './units.js';

export interface NotePlayDetail {
  instrument: string;
  midi: Midi;
  velocity: Velocity;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The local person played a note (not fired for others' notes or replays). */
    'attune-note-play': CustomEvent<NotePlayDetail>;
    /** The local person turned the sound on. */
    'attune-sound-start': CustomEvent<Record<string, never>>;
  }
}
