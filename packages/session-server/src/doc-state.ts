/**
 * A document kept as Yjs update bytes, not as a live Y.Doc. The server only
 * relays, stores and answers sync requests, and all three work on encoded
 * updates (merge, diff, state vector), so it never pays to integrate every
 * update into an object graph, and an idle room costs only its bytes.
 */
import * as Y from 'yjs';

/** An update with no structs and no deletions. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * Appended updates are merged in two levels, so the cost of merging stays
 * proportional to what arrived, not to the whole document: every TAIL
 * updates are merged into one chunk (cheap, they are small), and only every
 * CHUNKS chunks, or when someone needs the whole state, is everything merged.
 * Merging the whole document on every few updates stalled relaying for
 * milliseconds once documents grew.
 */
const TAIL = 128;
const CHUNKS = 32;
/**
 * Merges run between event-loop turns, a few milliseconds' worth per turn:
 * rooms that started together fill their tails together, and merging them
 * all inside one frame's handling held every other frame back. A tail this
 * long is merged at once, so a backlog cannot grow without bound. Each room
 * merges after between ½ and 1½ TAIL updates, picked at random, so rooms that
 * opened together (sessions start on the hour) do not all merge in the same
 * second.
 */
const MERGE_BUDGET_MS = 1;
const MAX_TAIL = TAIL * 4;

const due = new Set<DocState>();
let mergeScheduled = false;

function scheduleMerges(): void {
  if (mergeScheduled) return;
  mergeScheduled = true;
  setImmediate(runMerges);
}

function runMerges(): void {
  mergeScheduled = false;
  const started = performance.now();
  for (const doc of due) {
    due.delete(doc);
    doc.mergeTail();
    if (performance.now() - started >= MERGE_BUDGET_MS) break;
  }
  if (due.size > 0) scheduleMerges();
}

/**
 * The newest updates, copied end to end into one buffer of their own. An update
 * arrives as a view into the socket chunk it was read from; kept as such, it
 * would hold that chunk, and kept as one object each, updates that wait
 * seconds for their merge outlive two scavenges and end up in the old
 * generation as garbage, which a full collection then clears in one pause on
 * the server's only core. Here a tail is two objects however long it grows,
 * and the chunks it was read from die young.
 */
class Tail {
  private buffer: Uint8Array | null = null;
  /** Where each update ends in `buffer`. */
  private ends: number[] = [];

  get length(): number {
    return this.ends.length;
  }

  get bytes(): number {
    return this.ends.length === 0 ? 0 : this.ends[this.ends.length - 1]!;
  }

  push(update: Uint8Array): void {
    const used = this.bytes;
    const needed = used + update.byteLength;
    if (!this.buffer || needed > this.buffer.byteLength) {
      const grown = new Uint8Array(Math.max(needed, 2 * (this.buffer?.byteLength ?? 128)));
      if (this.buffer) grown.set(this.buffer.subarray(0, used));
      this.buffer = grown;
    }
    this.buffer.set(update, used);
    this.ends.push(needed);
  }

  /** The updates, as views into the buffer. A cleared tail starts a new buffer, so they stay valid. */
  updates(): Uint8Array[] {
    const buffer = this.buffer;
    if (!buffer) return [];
    let start = 0;
    return this.ends.map((end) => {
      const update = buffer.subarray(start, end);
      start = end;
      return update;
    });
  }

  clear(): void {
    this.buffer = null;
    this.ends = [];
  }
}

export class DocState {
  /** Everything merged so far, then merged chunks of later updates, then the newest updates. */
  private base: Uint8Array | null;
  private chunks: Uint8Array[] = [];
  private readonly tail = new Tail();
  private bytes: number;
  private vector: Uint8Array | null = null;
  private readonly tailLimit = (TAIL >> 1) + Math.floor(Math.random() * TAIL);

  constructor(updates: Uint8Array[] = []) {
    this.base = null;
    for (const u of updates) if (u.byteLength > EMPTY_UPDATE.byteLength) this.tail.push(u);
    this.bytes = this.tail.bytes;
  }

  /** Bytes held (an upper bound of the stored size). */
  get size(): number {
    return this.bytes;
  }

  append(update: Uint8Array): void {
    this.tail.push(update);
    this.bytes += update.byteLength;
    this.vector = null;
    if (this.tail.length >= MAX_TAIL) this.mergeTail();
    else if (this.tail.length >= this.tailLimit) {
      due.add(this);
      scheduleMerges();
    }
  }

  /** Updates appended and not merged yet. */
  get unmerged(): number {
    return this.tail.length;
  }

  /** Merges the newest updates into one chunk (and everything, every CHUNKS chunks). */
  mergeTail(): void {
    due.delete(this);
    if (this.tail.length < 2) return;
    const chunk = Y.mergeUpdates(this.tail.updates());
    this.bytes += chunk.byteLength - this.tail.bytes;
    this.tail.clear();
    this.chunks.push(chunk);
    if (this.chunks.length >= CHUNKS) this.merge();
  }

  /** The whole document as one update. */
  state(): Uint8Array {
    this.merge();
    return this.base ?? EMPTY_UPDATE;
  }

  stateVector(): Uint8Array {
    this.vector ??= Y.encodeStateVectorFromUpdate(this.state());
    return this.vector;
  }

  /** What a peer with state vector `sv` lacks. */
  diff(sv: Uint8Array): Uint8Array {
    return Y.diffUpdate(this.state(), sv);
  }

  /**
   * Rebuilds the state through a Y.Doc so that deleted content is garbage
   * collected, which merging alone does not do. Used when compacting storage.
   */
  compact(): Uint8Array {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, this.state());
      const state = Y.encodeStateAsUpdate(doc);
      this.base = state.byteLength > EMPTY_UPDATE.byteLength ? state : null;
      this.bytes = state.byteLength;
      this.vector = null;
      return state;
    } finally {
      doc.destroy();
    }
  }

  private merge(): void {
    due.delete(this);
    const parts = [...(this.base ? [this.base] : []), ...this.chunks, ...this.tail.updates()];
    const fromTail = this.chunks.length === 0 && !this.base;
    this.chunks = [];
    this.tail.clear();
    if (parts.length === 0) return;
    // One update alone from the tail is copied out, so that it does not hold the tail's buffer.
    this.base = parts.length > 1 ? Y.mergeUpdates(parts) : fromTail ? parts[0]!.slice() : parts[0]!;
    this.bytes = this.base.byteLength;
  }
}

/**
 * Checks that bytes are a well-formed Yjs update before they are relayed or
 * stored, so one broken client cannot break the others or the stored room.
 * Throws on malformed input.
 */
export function checkUpdate(update: Uint8Array): void {
  Y.decodeUpdate(update);
}

/** Throws unless `sv` is a well-formed state vector. */
export function checkStateVector(sv: Uint8Array): void {
  Y.decodeStateVector(sv);
}

/** True when an update carries nothing (no structs, no deletions). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= EMPTY_UPDATE.byteLength;
}
