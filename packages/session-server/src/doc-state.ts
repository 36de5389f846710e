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

export class DocState {
  /** Everything merged so far, then merged chunks of later updates, then the newest updates. */
  private base: Uint8Array | null;
  private chunks: Uint8Array[] = [];
  private tail: Uint8Array[];
  private bytes: number;
  private vector: Uint8Array | null = null;
  private readonly tailLimit = (TAIL >> 1) + Math.floor(Math.random() * TAIL);

  constructor(updates: Uint8Array[] = []) {
    this.base = null;
    this.tail = updates.filter((u) => u.byteLength > EMPTY_UPDATE.byteLength);
    this.bytes = this.tail.reduce((sum, u) => sum + u.byteLength, 0);
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
    const chunk = Y.mergeUpdates(this.tail);
    this.bytes += chunk.byteLength - this.tail.reduce((sum, u) => sum + u.byteLength, 0);
    this.tail = [];
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
    const parts = [...(this.base ? [this.base] : []), ...this.chunks, ...this.tail];
    this.chunks = [];
    this.tail = [];
    if (parts.length === 0) return;
    this.base = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
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
