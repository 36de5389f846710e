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
