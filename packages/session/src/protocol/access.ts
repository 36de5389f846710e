/**
 * Scopes, roles and who may do what: the table in DESIGN.md, enforced by the
 * server for every frame and used by the browser to decide which scopes to open.
 */

export const SCOPES = ['space', 'control', 'notes'] as const;
export type Scope = (typeof SCOPES)[number];

export const ROLES = ['therapist', 'assistant', 'client', 'caregiver', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS = {
  none: 'none',
  read: 'r',
  readWrite: 'rw',
} as const;
export type Access = (typeof ACCESS)[keyof typeof ACCESS];

const TABLE: Record<Scope, Record<Role, Access>> = {
  space: { therapist: 'rw', assistant: 'rw', client: 'rw', caregiver: 'rw', observer: 'r' },
  control: { therapist: 'rw', assistant: 'rw', client: 'r', caregiver: 'r', observer: 'r' },
  notes: { therapist: 'rw', assistant: 'rw', client: 'none', caregiver: 'none', observer: 'none' },
};

export function accessFor(role: Role, scope: Scope): Access {
  return TABLE[scope][role];
}

export function canRead(role: Role, scope: Scope): boolean {
  return TABLE[scope][role] !== 'none';
}

export function canWrite(role: Role, scope: Scope): boolean {
  return TABLE[scope][role] === 'rw';
}

/** The scopes a role can open, in the order a session opens them. */
export function scopesFor(role: Role): Scope[] {
  return SCOPES.filter((scope) => canRead(role, scope));
}

/** Roles that run the session: they hold the frame and may invite others. */
export function isFacilitator(role: Role): boolean {
  return role === 'therapist' || role === 'assistant';
}

/**
 * Clients, caregivers and observers wait until a facilitator admits them,
 * when the session has a waiting room (`frame.waitingRoom` in `control`).
 */
export function needsAdmission(role: Role): boolean {
  return !isFacilitator(role);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
