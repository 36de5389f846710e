/**
 * Readers for values in the shared documents. Any participant can write the
 * `space` document, so every value is checked and bounded when read, never trusted.
 */

export interface Actor {
  /** The opaque participant id (`sub` of the token). */
  id: string;
  /** Display name, for announcements. */
  name: string;
}

export function text(value: unknown, max: number, fallback = ''): string {
  if (typeof value !== 'string') return fallback;
  return value.length > max ? value.slice(0, max) : value;
}

export function num(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

export function actor(value: unknown): Actor | null {
  if (!value || typeof value !== 'object') return null;
  const { id, name } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || id.length > 64) return null;
  return { id, name: text(name, 60, '') };
}

/** An actor as it is stored: only the two fields, bounded. */
export function storedActor(who: Actor): Actor {
  return { id: who.id.slice(0, 64), name: who.name.slice(0, 60) };
}

export function randomId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 14);
}
