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
/**
 * Whether the server is keeping changes. `failing` while it cannot store
 * (its disk is full or read-only): edits still reach the others but are not
 * kept, and "saved" stays false until it can again.
 */
export type SaveStatus = { status: 'saving' } | { status: 'failing'; reason: string };

export type SessionStatus =
  | { status: 'connecting' }
  | { status: 'synced' }
  | { status: 'offline' }
  | { status: 'error'; error: AttuneError };
