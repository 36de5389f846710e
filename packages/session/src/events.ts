import type { SessionStatus } from './status.js';

export interface SessionStatusDetail {
  status: SessionStatus;
  saved: boolean;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** Fired by `<attune-session>` when its connection status or saved state changes. */
    'attune-session-status': CustomEvent<SessionStatusDetail>;
  }
}
