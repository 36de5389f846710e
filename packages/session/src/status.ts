import type { AttuneError } from './errors.js';

export const SESSION_STATUS = {
  connecting: 'connecting',
  synced: 'synced',
  offline: 'offline',
  error: 'error',
} as const;

/**
 * Where the session stands. `offline` means it was connected and lost the
 * server: edits are kept and sent when it returns. `error` is final (a bad,
 * expired or revoked token, or an ended session): the session stops trying.
 */
export type SessionStatus =
  | { status: 'connecting' }
  | { status: 'synced' }
  | { status: 'offline' }
  | { status: 'error'; error: AttuneError };
