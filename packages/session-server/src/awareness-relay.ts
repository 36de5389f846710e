/**
 * Presence relay for one room. Awareness updates are parsed (to own, bound,
 * check and stamp them) but forwarded as the very bytes that arrived whenever
 * nothing had to be changed or dropped, so a room's presence costs no
 * re-encoding.
 *
 * Each entry from a connection is stamped with that connection's identity
 * (presence-identity.ts) and counted against the room's limits
 * (awareness-limits.ts). An awareness client id belongs to the person
 * (`sub`) who first published it in this room: nobody else can take it, and
 * its owner can take it back from any connection.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE } from '@attune/session/protocol';
import type { AwarenessCounters, AwarenessLimits, AwarenessRefusal } from './awareness-limits.js';
import { AWARENESS_REFUSAL, PresenceUsage, REFUSAL_TEXT } from './awareness-limits.js';
import type { PresenceIdentity } from './presence-identity.js';
import { stamp, subOf } from './presence-identity.js';

// What a caller passes the relay, so that a room imports one module for it.
export type { AwarenessCounters, AwarenessLimits } from './awareness-limits.js';
export type { PresenceIdentity } from './presence-identity.js';

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
  private readonly usage: PresenceUsage;

  constructor(
    private readonly limits: AwarenessLimits,
    private readonly counters: AwarenessCounters,
  ) {
    this.usage = new PresenceUsage(limits);
  }

  get size(): number {
    return this.states.size;
  }

  /** Bytes of state kept for `owner` (all of its entries). */
  bytesOf(owner: object): number {
    return this.usage.bytesOf(owner);
  }

  /** Bytes of state kept for the whole room. */
  get bytes(): number {
    return this.usage.bytes;
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
    if (this.usage.query(owner, now)) return true;
    this.refuse(AWARENESS_REFUSAL.query);
    return false;
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
    this.usage.forget(owner);
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
        // Counted, but not answered: y-websocket pages send back everyone's presence they
        // received, so honest pages do this all the time.
        this.refuse(AWARENESS_REFUSAL.clientId);
        return SKIP;
      }
    }
    if (state === 'null') {
      if (existing) this.drop(clientID, existing);
      return null;
    }
    const bytes = Buffer.byteLength(state, 'utf8');
    const usage = this.usage.of(owner);
    if (limited) {
      const mine = existing?.owner === owner ? existing : undefined;
      const why = this.usage.refusal(usage, bytes, mine ? mine.bytes : null);
      if (why) {
        this.usage.forgetIfIdle(owner, usage);
        return this.refuse(why);
      }
    }
    if (existing) this.drop(clientID, existing);
    this.usage.add(this.usage.of(owner), bytes);
    this.states.set(clientID, { clock, state, bytes, owner, sub, restricted });
    this.claim(clientID, sub);
    return null;
  }

  private drop(clientID: number, entry: Entry): void {
    this.states.delete(clientID);
    this.usage.remove(entry.owner, entry.bytes);
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

  private refuse(reason: AwarenessRefusal): AwarenessRefusal {
    this.counters.awarenessRefused[reason]++;
    return reason;
  }
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
