/**
 * Presence relay for one room. Awareness updates are parsed (to own, bound
 * and check them) but forwarded as the very bytes that arrived whenever
 * nothing had to be dropped, so a room's presence costs no re-encoding.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE } from '@attune/session/protocol';

interface Entry {
  clock: number;
  state: string;
  owner: object;
  /** Published by someone in the waiting room: for facilitators only. */
  restricted: boolean;
}

export class AwarenessRelay {
  private readonly states = new Map<number, Entry>();

  constructor(private readonly maxStateBytes: number) {}

  get size(): number {
    return this.states.size;
  }

  /**
   * Applies an awareness update from `owner`. Returns the message to relay
   * (the original frame when every entry was accepted), or null when
   * nothing remains. Throws on malformed input. `restricted` marks what
   * someone in the waiting room publishes, which only facilitators may see.
   */
  apply(owner: object, frame: Uint8Array, update: Uint8Array, restricted = false): Uint8Array | null {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 64) throw new RangeError('too many awareness entries');
    const accepted: Array<[number, number, string]> = [];
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      if (state.length > this.maxStateBytes) throw new RangeError('awareness state too large');
      // Other clients parse it as JSON; a broken state must not reach them.
      JSON.parse(state);
      const existing = this.states.get(clientID);
      if (existing && existing.owner !== owner) continue;
      if (state === 'null') this.states.delete(clientID);
      else this.states.set(clientID, { clock, state, owner, restricted });
      accepted.push([clientID, clock, state]);
    }
    if (decoding.hasContent(decoder)) throw new RangeError('trailing bytes in awareness update');
    if (accepted.length === count) return count ? frame : null;
    return accepted.length ? encodeAwareness(accepted) : null;
  }

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
        this.states.delete(id);
      }
    }
    return gone.length ? encodeAwareness(gone) : null;
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
