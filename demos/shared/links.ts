/**
 * Tokens arrive in the URL fragment (`#token=…`) so that they never reach a
 * server log. A page reads it once, keeps it in sessionStorage (this tab only)
 * and removes it from the address bar, so that a reload keeps working and a
 * shared screen does not show it.
 */
import type { TokenClaims } from '@attune/session/protocol';
import { readClaims } from '@attune/session/protocol';

/** Whether the address carries a token: the page was opened from a link, not reloaded. */
export function hasLinkToken(): boolean {
  return new URLSearchParams(location.hash.slice(1)).has('token');
}

export function takeToken(storageKey: string): string | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const fromLink = params.get('token');
  if (fromLink && readClaims(fromLink)) {
    sessionStorage.setItem(storageKey, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
    return fromLink;
  }
  return sessionStorage.getItem(storageKey);
}

export function claimsOf(token: string | null): TokenClaims | null {
  return token ? readClaims(token) : null;
}
