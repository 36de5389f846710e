/**
 * The bearer token contract (DESIGN.md): a JWT signed with HS256 by the server
 * secret. Portals mint these with any JWT library.
 */
import type { Role } from './access.js';
import { isRole } from './access.js';
import { isSid } from './ids.js';

export interface TokenClaims {
  /** Session id. */
  sid: string;
  role: Role;
  /** Opaque participant id: never an email or a name. */
  sub: string;
  /** Display name shown to others in the session. */
  name: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export const TOKEN_ALGORITHM = 'HS256';
export const MAX_TOKEN_LENGTH = 4096;
export const MAX_NAME_LENGTH = 64;
export const MAX_SUB_LENGTH = 128;

/** Checks the shape of decoded claims; signature checks are the server's. */
export function checkClaims(payload: Record<string, unknown>): TokenClaims | null {
  const { sid, role, sub, name, exp } = payload;
  if (!isSid(sid) || !isRole(role)) return null;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUB_LENGTH) return null;
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH) return null;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  return { sid, role, sub, name, exp };
}

/**
 * Reads a token's claims without verifying it. The browser uses this to know
 * its own role and name; it grants nothing, as the server verifies every use.
 */
export function readClaims(token: string): TokenClaims | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof payload !== 'object' || payload === null) return null;
    return checkClaims(payload as Record<string, unknown>);
  } catch {
    return null;
  }
}
