import type { SaveStatus, SessionStatus } from './status.js';

export interface SessionStatusDetail {
  status: SessionStatus;
  saved: boolean;
  /** `failing` while the server cannot keep changes (its disk is full or read-only). */
  save: SaveStatus;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Fired by `<attune-session>` when its connection status or saved state changes. */
    'attune-session-status': CustomEvent<SessionStatusDetail>;
  }
}
