/**
 * Note events of the shared instrument space: the payload of recorded
 * broadcasts (121) on `NOTE_CHANNEL`. Compact and DOM-free, so the server can
 * read its event log for MIDI export.
 *
 *   uint8      version (1)
 *   uint8      flags: bit 0 = note on
 *   varUint    sender: the awareness clientID of the player
 *   varUint    seq: per sender, increasing, to spot loss and reordering
 *   varString  instrument id (1 to 32 characters of [a-z0-9-])
 *   uint8      midi note (0 to 127)
 *   uint8      velocity (0 to 127)
 *   float64    time on the shared clock (server time, ms since the epoch)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The broadcast channel that carries note events. */
export const NOTE_CHANNEL = 'music:note';
export const NOTE_EVENT_VERSION = 1;
/** Longest encoded note event, in bytes; anything longer is rejected unread. */
export const MAX_NOTE_EVENT_BYTES = 64;
export const INSTRUMENT_ID_PATTERN = /^[a-z0-9-]{1,32}$/;

export interface NoteEvent {
  /** The player's awareness clientID (not personal data). */
  sender: number;
  seq: number;
  instrument: string;
  /** MIDI note number, 0 to 127. */
  midi: number;
  /** MIDI velocity, 0 to 127. */
  velocity: number;
  on: boolean;
  /** When it was played, on the shared clock (ms since the epoch). */
  time: number;
}

function isByte7(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 127;
}

/** True when every field is within its bounds. */
export function isValidNoteEvent(event: NoteEvent): boolean {
  return (
    Number.isSafeInteger(event.sender) &&
    event.sender >= 0 &&
    Number.isSafeInteger(event.seq) &&
    event.seq >= 0 &&
    INSTRUMENT_ID_PATTERN.test(event.instrument) &&
    isByte7(event.midi) &&
    isByte7(event.velocity) &&
    typeof event.on === 'boolean' &&
    Number.isFinite(event.time) &&
    event.time >= 0
  );
}

export function encodeNoteEvent(event: NoteEvent): Uint8Array {
  if (!isValidNoteEvent(event)) throw new RangeError('Note event out of bounds');
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, NOTE_EVENT_VERSION);
  encoding.writeUint8(encoder, event.on ? 1 : 0);
  encoding.writeVarUint(encoder, event.sender);
  encoding.writeVarUint(encoder, event.seq);
  encoding.writeVarString(encoder, event.instrument);
  encoding.writeUint8(encoder, event.midi);
  encoding.writeUint8(encoder, event.velocity);
  encoding.writeFloat64(encoder, event.time);
  return encoding.toUint8Array(encoder);
}

/** Reads a note event; null for anything malformed, out of bounds or of another version. */
export function decodeNoteEvent(payload: Uint8Array): NoteEvent | null {
  if (!(payload instanceof Uint8Array) || payload.length > MAX_NOTE_EVENT_BYTES) return null;
  try {
    const decoder = decoding.createDecoder(payload);
    if (decoding.readUint8(decoder) !== NOTE_EVENT_VERSION) return null;
    const flags = decoding.readUint8(decoder);
    if (flags > 1) return null;
    const event: NoteEvent = {
      on: flags === 1,
      sender: decoding.readVarUint(decoder),
      seq: decoding.readVarUint(decoder),
      instrument: decoding.readVarString(decoder),
      midi: decoding.readUint8(decoder),
      velocity: decoding.readUint8(decoder),
      time: decoding.readFloat64(decoder),
    };
    if (decoding.hasContent(decoder)) return null;
    return isValidNoteEvent(event) ? event : null;
  } catch {
    return null;
  }
}
