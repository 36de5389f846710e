export { AttuneInstrumentSpaceElement } from './attune-instrument-space/attune-instrument-space.element.js';
export { CEILING, MusicEngine } from './audio/engine.js';
export type { PulseOptions } from './audio/engine.js';
export { createVoice, registerVoice } from './audio/voices.js';
export type { Voice, VoiceFactory } from './audio/voices.js';
export { InstrumentSpaceController } from './controller.js';
export type { Flash, Participant, ReplayEvent } from './controller.js';
export type { NotePlayDetail } from './events.js';
export { DEFAULT_INSTRUMENT, instrumentIds, instrumentInfo, registerInstrumentInfo } from './instruments.js';
export type { InstrumentInfo, Pad } from './instruments.js';
export { latencyLevel } from './latency.js';
export type { LatencyLevel } from './latency.js';
export { recordedNotesToMidi } from './midi-export.js';
export type { MidiExportOptions, RecordedNote } from './midi-export.js';
export { InstrumentSpaceModel, MODES, MUSIC_MAP, PULSE_SOUNDS } from './model.js';
export type { Mode, MusicModelEvents, MusicState, PlayerSettings, PulseSound, PulseState } from './model.js';
export {
  INSTRUMENT_ID_PATTERN,
  MAX_NOTE_EVENT_BYTES,
  NOTE_CHANNEL,
  NOTE_EVENT_VERSION,
  decodeNoteEvent,
  encodeNoteEvent,
  isValidNoteEvent,
} from './note-events.js';
export type { NoteEvent } from './note-events.js';
export { MAX_NOTES_PER_SECOND, MUSIC_PRESENCE, NoteLink } from './note-link.js';
export type { MusicPresence, NoteLinkEvents, ReceivedNote } from './note-link.js';
export { MUSIC_ORIGIN } from './origin.js';
export { DEFAULT_TEMPO, MAX_TEMPO, MIN_TEMPO, beatInterval, beatsBetween, toContextTime } from './pulse.js';
export {
  KEYBOARD_ROW,
  SCALES,
  SCALE_LABEL,
  SCALE_NAMES,
  isScaleName,
  noteName,
  scaleKeys,
  scaleStep,
  snapToScale,
  tonicNear,
} from './scales.js';
export type { ScaleName } from './scales.js';
export type { Gain, Midi, Millis, Seconds, Velocity } from './units.js';
export { connectMidiInput, handleMidiMessage } from './web-midi.js';
export type { MidiHandlers } from './web-midi.js';
