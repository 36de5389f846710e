export interface HoldChangeDetail {
  hold: boolean;
}

export interface TimerStartDetail {
  minutes: number;
}

export interface WaitingRoomChangeDetail {
  on: boolean;
}

export interface ParticipantDetail {
  /** The participant's opaque id (`sub`). */
  id: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** The local facilitator held or released the room. */
    'attune-hold-change': CustomEvent<HoldChangeDetail>;
    /** The local facilitator started the session timer. */
    'attune-timer-start': CustomEvent<TimerStartDetail>;
    /** The local facilitator stopped the session timer. */
    'attune-timer-stop': CustomEvent<Record<string, never>>;
    /** The local facilitator turned the waiting room on or off. */
    'attune-waiting-room-change': CustomEvent<WaitingRoomChangeDetail>;
    /** The local facilitator admitted someone from the waiting room. */
    'attune-participant-admit': CustomEvent<ParticipantDetail>;
    /** The local facilitator removed someone; their link no longer works. */
    'attune-participant-remove': CustomEvent<ParticipantDetail>;
  }
}

export function emit<K extends keyof GlobalEventHandlersEventMap>(
  from: HTMLElement,
  type: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
