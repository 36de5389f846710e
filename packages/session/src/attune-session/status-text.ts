import type { SaveStatus, SessionStatus } from '../status.js';

/**
 * What a participant reads about the connection: plain words, no jargon.
 * `waiting`: connected, and in the session's waiting room until a therapist
 * lets them in (the shared work does not open before then).
 */
export function statusText(
  status: SessionStatus,
  saved: boolean,
  save: SaveStatus = { status: 'saving' },
  waiting = false,
): string {
  if (waiting && status.status === 'connecting') {
    return 'Connected. Waiting for your therapist to let you in.';
  }
  if (save.status === 'failing' && status.status === 'synced') {
    return 'Connected, but your work cannot be saved right now. Keep this page open: it will say when saving works again.';
  }
  switch (status.status) {
    case 'connecting':
      return 'Connecting to the session…';
    case 'synced':
      return saved ? 'Connected. Your work is saved.' : 'Connected. Saving your work…';
    case 'offline':
      return 'The connection dropped. Keep going: your work is kept and will be sent when it is back.';
    case 'error':
      switch (status.error.reason) {
        case 'expired':
          return 'This link has expired. Please ask your therapist for a new one.';
        case 'session-ended':
          return 'This session has ended. Thank you for taking part.';
        case 'removed':
          return 'You are no longer in this session.';
        case 'forbidden':
          return 'This link does not open this session. Please ask your therapist for a new one.';
        default:
          return 'This link does not work. Please ask your therapist for a new one.';
      }
  }
}
