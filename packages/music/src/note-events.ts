/** The note wire format lives in the shared protocol, which the server reads too. */
export {
  INSTRUMENT_ID_PATTERN,
  MAX_NOTE_EVENT_BYTES,
  NOTE_CHANNEL,
  NOTE_EVENT_VERSION,
  decodeNoteEvent,
  encodeNoteEvent,
  isValidNoteEvent,
} from '@attune/session/protocol';
export type { NoteEvent } from '@attune/session/protocol';
