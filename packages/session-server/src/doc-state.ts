/**
 * A document kept as Yjs update bytes, not as a live Y.Doc. The server only
 * relays, stores and answers sync requests, and all three work on encoded
 * updates (merge, diff, state vector), so it never pays to integrate every
 * update into an object graph, and an idle room costs only its bytes.
 */
import * as Y from 'yjs';

/** An update with no structs and no deletions. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** Appended updates are merged once this many wait, to bound memory and sync cost. */
const MERGE_AFTER = 128;

export class DocState {
  private parts: Uint8Array[];
  private bytes: number;
  private vector: Uint8Array | null = null;

  constructor(updates: Uint8Array[] = []) {
    this.parts = updates.filter((u) => u.byteLength > EMPTY_UPDATE.byteLength);
    this.bytes = this.parts.reduce((sum, u) => sum + u.byteLength, 0);
  }

  /** Bytes held (an upper bound of the stored size). */
  get size(): number {
    return this.bytes;
  }

  append(update: Uint8Array): void {
    this.parts.push(update);
    this.bytes += update.byteLength;
    this.vector = null;
    if (this.parts.length >= MERGE_AFTER) this.merge();
  }

  /** The whole document as one update. */
  state(): Uint8Array {
    this.merge();
    return this.parts[0] ?? EMPTY_UPDATE;
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
      this.parts = state.byteLength > EMPTY_UPDATE.byteLength ? [state] : [];
      this.bytes = state.byteLength;
      this.vector = null;
      return state;
    } finally {
      doc.destroy();
    }
  }

  private merge(): void {
    if (this.parts.length > 1) {
      const merged = Y.mergeUpdates(this.parts);
      this.parts = [merged];
      this.bytes = merged.byteLength;
    }
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

/** True when an update carries nothing (no structs, no deletions). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength <= EMPTY_UPDATE.byteLength;
}
