/**
 * Presence relay for one room. Awareness updates are parsed (to own, bound,
 * check and stamp them) but forwarded as the very bytes that arrived whenever
 * nothing had to be changed or dropped, so a room's presence costs no
 * re-encoding.
 *
 * Presence is vouched for by the server: each entry from a connection carries
 * that connection's identity (`user.id` = the token's `sub`, `user.role`,
 * `user.name`), whatever the page wrote, and facilitator-only fields are
 * removed from everyone else's. An awareness client id belongs to the person
 * (`sub`) who first published it in this room: nobody else can take it, and
 * its owner can take it back from any connection.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Role } from '@attune/session/protocol';
import { MESSAGE, isFacilitator } from '@attune/session/protocol';

/** Who publishes: the identity from a connection's verified token. */
export interface PresenceIdentity {
  sub: string;
  role: Role;
  name: string;
}

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

const REFUSAL_TEXT: Record<AwarenessRefusal, string> = {
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

/** Presence fields only a facilitator's page may set (the magic bag's keeper). */
export const FACILITATOR_PRESENCE_FIELDS: readonly string[] = ['propsKeeper'];

/** What every connection may keep regardless of the room's cap: an ordinary presence. */
export const SMALL_PRESENCE_BYTES = 4096;

/** An entry left out without a word (another instance's, for an id this one keeps). */
const SKIP = 'skip';

/** How many client ids a room remembers the owner of, once their entries are gone. */
const REMEMBERED_CLIENT_IDS = 4096;

interface Entry {
  clock: number;
  state: string;
  bytes: number;
  owner: object;
  /** The `sub` the entry speaks for. */
  sub: string;
  /** Published by someone in the waiting room: for facilitators only. */
  restricted: boolean;
}

interface OwnerUsage {
  entries: number;
  bytes: number;
  lastQuery: number;
}

export interface AwarenessResult {
  /** The message to relay, or null when nothing remains. */
  relay: Uint8Array | null;
  /** Why (some of) it was refused, for a permission message to the sender; null when all was kept. */
  refused: string | null;
}

export class AwarenessRelay {
  private readonly states = new Map<number, Entry>();
  /** Client id to the `sub` who first published it here, oldest first. */
  private readonly claims = new Map<number, string>();
  private readonly usage = new Map<object, OwnerUsage>();
  /** Bytes kept beyond each owner's small allowance. */
  private largeBytes = 0;

  constructor(
    private readonly limits: AwarenessLimits,
    private readonly counters: AwarenessCounters,
  ) {}

  get size(): number {
    return this.states.size;
  }

  /** Bytes of state kept for `owner` (all of its entries). */
  bytesOf(owner: object): number {
    return this.usage.get(owner)?.bytes ?? 0;
  }

  /** Bytes of state kept for the whole room. */
  get bytes(): number {
    let total = 0;
    for (const u of this.usage.values()) total += u.bytes;
    return total;
  }

  /**
   * Applies an awareness update from `owner`, whose verified identity is
   * `identity` (null for what another server instance relays: it has already
   * checked and stamped it). Throws on malformed input. `restricted` marks
   * what someone in the waiting room publishes, which only facilitators may see.
   */
  apply(
    owner: object,
    frame: Uint8Array,
    update: Uint8Array,
    restricted = false,
    identity: PresenceIdentity | null = null,
  ): AwarenessResult {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 64) throw new RangeError('too many awareness entries');
    const accepted: Array<[number, number, string]> = [];
    let changed = false;
    let refused: AwarenessRefusal | null = null;
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      if (raw.length > this.limits.maxStateBytes) throw new RangeError('awareness state too large');
      // Other clients parse it as JSON; a broken state must not reach them.
      const value: unknown = JSON.parse(raw);
      let state = raw;
      let sub: string;
      if (identity) {
        sub = identity.sub;
        if (value !== null) {
          if (typeof value !== 'object' || Array.isArray(value)) {
            refused = this.refuse(AWARENESS_REFUSAL.shape);
            continue;
          }
          const stamped = stamp(value as Record<string, unknown>, identity);
          if (stamped !== null) {
            state = stamped;
            changed = true;
            this.counters.awarenessStamped++;
          }
        }
      } else sub = subOf(value);
      const why = this.take(owner, sub, clientID, clock, state, restricted, identity !== null);
      if (why === SKIP) continue;
      if (why) {
        refused = why;
        continue;
      }
      accepted.push([clientID, clock, state]);
    }
    if (decoding.hasContent(decoder)) throw new RangeError('trailing bytes in awareness update');
    const reason = refused ? REFUSAL_TEXT[refused] : null;
    if (accepted.length === 0) return { relay: null, refused: reason };
    if (accepted.length === count && !changed) return { relay: frame, refused: reason };
    return { relay: encodeAwareness(accepted), refused: reason };
  }

  /**
   * Whether `owner` may have its presence query (type 3) answered now: one a
   * `queryIntervalMs`. The answer is bounded by the room's cap in any case.
   */
  mayQuery(owner: object, now = performance.now()): boolean {
    const usage = this.usageOf(owner);
    if (now - usage.lastQuery < this.limits.queryIntervalMs) {
      this.refuse(AWARENESS_REFUSAL.query);
      this.forgetIfIdle(owner, usage);
      return false;
    }
    usage.lastQuery = now;
    return true;
  }

  /** The text of the permission message for a refused presence query. */
  static readonly queryRefusal = REFUSAL_TEXT['query-rate'];

  /**
   * Everyone's current presence, for a newcomer; null when nobody has any.
   * `include` picks entries by owner and by whether they are restricted.
   */
  snapshot(include: (owner: object, restricted: boolean) => boolean = () => true): Uint8Array | null {
    const entries: Array<[number, number, string]> = [];
    for (const [id, e] of this.states) {
      if (include(e.owner, e.restricted)) entries.push([id, e.clock, e.state]);
    }
    return entries.length ? encodeAwareness(entries) : null;
  }

  /**
   * What `owner` published while waiting is for everyone now (they were let
   * in); returns the message that shows it to those who could not see it.
   */
  release(owner: object): Uint8Array | null {
    const entries: Array<[number, number, string]> = [];
    for (const [id, e] of this.states) {
      if (e.owner !== owner || !e.restricted) continue;
      e.restricted = false;
      entries.push([id, e.clock, e.state]);
    }
    return entries.length ? encodeAwareness(entries) : null;
  }

  /** Removes what `owner` published; returns the message that tells the others. */
  removeOwner(owner: object): Uint8Array | null {
    const gone: Array<[number, number, string]> = [];
    for (const [id, entry] of this.states) {
      if (entry.owner === owner) {
        gone.push([id, entry.clock + 1, 'null']);
        this.drop(id, entry);
      }
    }
    this.usage.delete(owner);
    return gone.length ? encodeAwareness(gone) : null;
  }

  /**
   * Keeps (or, for a `null` state, removes) one entry for `owner`; returns why
   * it was refused, or null.
   */
  private take(
    owner: object,
    sub: string,
    clientID: number,
    clock: number,
    state: string,
    restricted: boolean,
    limited: boolean,
  ): AwarenessRefusal | typeof SKIP | null {
    const existing = this.states.get(clientID);
    if (!limited) {
      // Another instance checked it; it may not override what this one keeps for others.
      if (existing && existing.owner !== owner) return SKIP;
    } else {
      const claimedBy = this.claims.get(clientID);
      // A client id is its first publisher's; its owner may take it from any connection
      // (a reconnect whose old socket is not closed yet, or anyone who slipped in).
      if (claimedBy !== undefined ? claimedBy !== sub : existing !== undefined && existing.sub !== sub) {
        return this.refuse(AWARENESS_REFUSAL.clientId);
      }
    }
    if (state === 'null') {
      if (existing) this.drop(clientID, existing);
      return null;
    }
    const bytes = Buffer.byteLength(state, 'utf8');
    const usage = this.usageOf(owner);
    const mine = existing?.owner === owner ? existing : undefined;
    const entries = usage.entries + (mine ? 0 : 1);
    const ownerBytes = usage.bytes + bytes - (mine?.bytes ?? 0);
    if (limited) {
      let why: AwarenessRefusal | null = null;
      if (entries > this.limits.maxEntriesPerConnection) why = AWARENESS_REFUSAL.entries;
      else if (ownerBytes > this.limits.maxBytesPerConnection) why = AWARENESS_REFUSAL.connectionBytes;
      else if (
        this.largeBytes + large(ownerBytes) - large(usage.bytes) > this.limits.maxBytesPerRoom &&
        ownerBytes > usage.bytes
      )
        why = AWARENESS_REFUSAL.roomBytes;
      if (why) {
        this.forgetIfIdle(owner, usage);
        return this.refuse(why);
      }
    }
    if (existing) this.drop(clientID, existing);
    const after = this.usageOf(owner);
    this.largeBytes += large(after.bytes + bytes) - large(after.bytes);
    after.entries++;
    after.bytes += bytes;
    this.states.set(clientID, { clock, state, bytes, owner, sub, restricted });
    this.claim(clientID, sub);
    return null;
  }

  private drop(clientID: number, entry: Entry): void {
    this.states.delete(clientID);
    const usage = this.usage.get(entry.owner);
    if (!usage) return;
    this.largeBytes -= large(usage.bytes) - large(usage.bytes - entry.bytes);
    usage.entries--;
    usage.bytes -= entry.bytes;
  }

  private claim(clientID: number, sub: string): void {
    if (this.claims.has(clientID)) return;
    this.claims.set(clientID, sub);
    if (this.claims.size <= REMEMBERED_CLIENT_IDS) return;
    // Forget the oldest claim whose entry is gone; live entries keep theirs.
    for (const id of this.claims.keys()) {
      if (!this.states.has(id)) {
        this.claims.delete(id);
        return;
      }
    }
  }

  private usageOf(owner: object): OwnerUsage {
    let usage = this.usage.get(owner);
    if (!usage) this.usage.set(owner, (usage = { entries: 0, bytes: 0, lastQuery: -Infinity }));
    return usage;
  }

  private forgetIfIdle(owner: object, usage: OwnerUsage): void {
    if (usage.entries === 0 && usage.lastQuery === -Infinity) this.usage.delete(owner);
  }

  private refuse(reason: AwarenessRefusal): AwarenessRefusal {
    this.counters.awarenessRefused[reason]++;
    return reason;
  }
}

/** The bytes of an owner's presence that count against the room's cap. */
function large(bytes: number): number {
  return bytes > SMALL_PRESENCE_BYTES ? bytes - SMALL_PRESENCE_BYTES : 0;
}

/**
 * Writes the publisher's identity into a state; returns the new JSON, or
 * null when the state already said exactly that.
 */
function stamp(state: Record<string, unknown>, identity: PresenceIdentity): string | null {
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
function subOf(value: unknown): string {
  const user = (value as { user?: { id?: unknown } } | null)?.user;
  return typeof user?.id === 'string' ? user.id : '';
}

function encodeAwareness(entries: Array<[number, number, string]>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, state);
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}
