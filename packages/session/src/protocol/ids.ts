/**
 * Session ids and room names. A session id is random and URL-safe: it never
 * carries personal data.
 */
import type { Scope } from './access.js';
import { isScope } from './access.js';

/** 16 to 64 characters of base64url. */
export const SID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function isSid(value: unknown): value is string {
  return typeof value === 'string' && SID_PATTERN.test(value);
}

/** The y-websocket room name of one scope of a session: `<sid>/<scope>`. */
export function roomName(sid: string, scope: Scope): string {
  return `${sid}/${scope}`;
}

export function parseRoomName(room: string): { sid: string; scope: Scope } | null {
  const slash = room.indexOf('/');
  if (slash < 0) return null;
  const sid = room.slice(0, slash);
  const scope = room.slice(slash + 1);
  if (!isSid(sid) || !isScope(scope)) return null;
  return { sid, scope };
}
