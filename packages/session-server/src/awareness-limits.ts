/**
 * What a room's presence may hold, and the accounting against it: per
 * connection (entries and bytes), per room (bytes beyond each connection's
 * small allowance) and the pace of presence queries.
 */

export interface AwarenessLimits {
  /** Largest single state, bytes of JSON; larger closes the connection as malformed. */
  maxStateBytes: number;
  /** Client ids one connection may hold at once. */
  maxEntriesPerConnection: number;
  /** Bytes of state one connection may have kept at once. */
  maxBytesPerConnection: number;
  /**
   * Bytes of state a room keeps, beyond a small allowance per connection
   * (`SMALL_PRESENCE_BYTES`), so that one flood cannot keep an ordinary
   * newcomer's presence out.
   */
  maxBytesPerRoom: number;
  /** Shortest time between two answered presence queries (type 3) of one connection. */
  queryIntervalMs: number;
}

/** Why an entry or a query was refused; the label of `attune_awareness_refused_total`. */
export const AWARENESS_REFUSAL = {
  clientId: 'client-id',
  entries: 'entries',
  connectionBytes: 'connection-bytes',
  roomBytes: 'room-bytes',
  shape: 'shape',
  query: 'query-rate',
} as const;
export type AwarenessRefusal = (typeof AWARENESS_REFUSAL)[keyof typeof AWARENESS_REFUSAL];

export const REFUSAL_TEXT: Record<AwarenessRefusal, string> = {
  'client-id': 'presence refused: that presence id belongs to someone else',
  entries: 'presence refused: too many presence entries on one connection',
  'connection-bytes': 'presence refused: this connection’s presence is too large',
  'room-bytes': 'presence refused: the room’s presence is full',
  shape: 'presence refused: a presence state must be an object',
  'query-rate': 'presence query refused: at most one a second',
};

export interface AwarenessCounters {
  awarenessRefused: Record<AwarenessRefusal, number>;
  /** Entries whose identity or facilitator-only fields the server rewrote. */
  awarenessStamped: number;
}

/** What every connection may keep regardless of the room's cap: an ordinary presence. */
export const SMALL_PRESENCE_BYTES = 4096;

export interface OwnerUsage {
  entries: number;
  bytes: number;
  lastQuery: number;
}

/** What each owner (a connection, or another instance) keeps in one room's presence. */
export class PresenceUsage {
  private readonly owners = new Map<object, OwnerUsage>();
  /** Bytes kept beyond each owner's small allowance. */
  private largeBytes = 0;

  constructor(private readonly limits: AwarenessLimits) {}

  /** Bytes of state kept for `owner` (all of its entries). */
  bytesOf(owner: object): number {
    return this.owners.get(owner)?.bytes ?? 0;
  }

  /** Bytes of state kept for the whole room. */
  get bytes(): number {
    let total = 0;
    for (const u of this.owners.values()) total += u.bytes;
    return total;
  }

  of(owner: object): OwnerUsage {
    let usage = this.owners.get(owner);
    if (!usage) this.owners.set(owner, (usage = { entries: 0, bytes: 0, lastQuery: -Infinity }));
    return usage;
  }

  /**
   * Why `usage` may not keep a state of `bytes`, in place of one of its own of
   * `replaced` bytes (null for a new entry); null when it may.
   */
  refusal(usage: OwnerUsage, bytes: number, replaced: number | null): AwarenessRefusal | null {
    const entries = usage.entries + (replaced === null ? 1 : 0);
    const ownerBytes = usage.bytes + bytes - (replaced ?? 0);
    if (entries > this.limits.maxEntriesPerConnection) return AWARENESS_REFUSAL.entries;
    if (ownerBytes > this.limits.maxBytesPerConnection) return AWARENESS_REFUSAL.connectionBytes;
    if (
      this.largeBytes + large(ownerBytes) - large(usage.bytes) > this.limits.maxBytesPerRoom &&
      ownerBytes > usage.bytes
    )
      return AWARENESS_REFUSAL.roomBytes;
    return null;
  }

  /** Counts a new entry of `bytes` for `usage`. */
  add(usage: OwnerUsage, bytes: number): void {
    this.largeBytes += large(usage.bytes + bytes) - large(usage.bytes);
    usage.entries++;
    usage.bytes += bytes;
  }

  /** Takes an entry of `bytes` off what `owner` keeps. */
  remove(owner: object, bytes: number): void {
    const usage = this.owners.get(owner);
    if (!usage) return;
    this.largeBytes -= large(usage.bytes) - large(usage.bytes - bytes);
    usage.entries--;
    usage.bytes -= bytes;
  }

  /**
   * Whether `owner` may have its presence query (type 3) answered at `now`:
   * one a `queryIntervalMs`. Notes the time when it may.
   */
  query(owner: object, now: number): boolean {
    const usage = this.of(owner);
    if (now - usage.lastQuery < this.limits.queryIntervalMs) {
      this.forgetIfIdle(owner, usage);
      return false;
    }
    usage.lastQuery = now;
    return true;
  }

  forgetIfIdle(owner: object, usage: OwnerUsage): void {
    if (usage.entries === 0 && usage.lastQuery === -Infinity) this.owners.delete(owner);
  }

  forget(owner: object): void {
    this.owners.delete(owner);
  }
}

/** The bytes of an owner's presence that count against the room's cap. */
function large(bytes: number): number {
  return bytes > SMALL_PRESENCE_BYTES ? bytes - SMALL_PRESENCE_BYTES : 0;
}
