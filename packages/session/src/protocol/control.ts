/**
 * Well-known keys of the `control` document that both the server and the
 * components read.
 */

/** `control.getMap(CONTROL_MAP.consent)`: what the participants agreed to. */
export const CONTROL_MAP = {
  consent: 'consent',
  frame: 'frame',
  /** Participant id (`sub`) -> true for everyone a facilitator let in. */
  admission: 'admission',
} as const;

export const CONSENT = {
  /** When true, recorded broadcasts (121) are appended to the session's event log. */
  recordEvents: 'recordEvents',
} as const;

export const FRAME = {
  /** When true, the room is held: everything freezes for all but facilitators. */
  hold: 'hold',
  /**
   * When true, the session has a waiting room: until a facilitator admits
   * them, clients, caregivers and observers get nothing of `space` from the
   * server (no document, no presence, no broadcasts) and what they send there
   * is refused. Set when the session is created (`waitingRoom` in
   * `POST /api/sessions`, on by default) and changeable by facilitators.
   */
  waitingRoom: 'waitingRoom',
} as const;

/**
 * Every document (each scope of a session) records the version of the shape
 * its content was written in, in `doc.getMap(DOC_META.map)`. The server
 * migrates an older document when it loads it and refuses one newer than it
 * knows, so a session reopened after an upgrade opens, and one written by a
 * newer server is not damaged by an older one.
 */
export const DOC_META = {
  map: 'meta',
  schemaVersion: 'schemaVersion',
} as const;

/** The shape of the documents this version of Attune writes. */
export const SCHEMA_VERSION = 1;
