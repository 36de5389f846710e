/**
 * Well-known keys of the `control` document that both the server and the
 * components read.
 */

/** `control.getMap(CONTROL_MAP.consent)`: what the participants agreed to. */
export const CONTROL_MAP = {
  consent: 'consent',
  frame: 'frame',
} as const;

export const CONSENT = {
  /** When true, recorded broadcasts (121) are appended to the session's event log. */
  recordEvents: 'recordEvents',
} as const;

export const FRAME = {
  /** When true, the room is held: everything freezes for all but facilitators. */
  hold: 'hold',
} as const;
