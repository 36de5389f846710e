/**
 * Presence is vouched for by the server: each entry from a connection carries
 * that connection's identity (`user.id` = the token's `sub`, `user.role`,
 * `user.name`), whatever the page wrote, and facilitator-only fields are
 * removed from everyone else's.
 */
import type { Role } from '@attune/session/protocol';
import { isFacilitator } from '@attune/session/protocol';

/** Who publishes: the identity from a connection's verified token. */
export interface PresenceIdentity {
  sub: string;
  role: Role;
  name: string;
}

/** Presence fields only a facilitator's page may set (the magic bag's keeper). */
export const FACILITATOR_PRESENCE_FIELDS: readonly string[] = ['propsKeeper'];

/**
 * Writes the publisher's identity into a state; returns the new JSON, or
 * null when the state already said exactly that.
 */
export function stamp(state: Record<string, unknown>, identity: PresenceIdentity): string | null {
  let changed = false;
  let user = state['user'] as Record<string, unknown> | undefined;
  if (!user || typeof user !== 'object' || Array.isArray(user)) {
    user = {};
    state['user'] = user;
    changed = true;
  }
  const fields: Array<[string, string]> = [
    ['id', identity.sub],
    ['role', identity.role],
    ['name', identity.name],
  ];
  for (const [key, value] of fields) {
    if (user[key] !== value) {
      user[key] = value;
      changed = true;
    }
  }
  if (!isFacilitator(identity.role)) {
    for (const field of FACILITATOR_PRESENCE_FIELDS) {
      if (field in state) {
        delete state[field];
        changed = true;
      }
    }
  }
  return changed ? JSON.stringify(state) : null;
}

/** The `sub` a stamped state speaks for (what another instance relays). */
export function subOf(value: unknown): string {
  const user = (value as { user?: { id?: unknown } } | null)?.user;
  return typeof user?.id === 'string' ? user.id : '';
}
