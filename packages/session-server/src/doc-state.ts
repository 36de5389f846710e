/**
 * A room's document, live: every update is integrated into a Y.Doc before it
 * is stored or relayed, so the server is the referee of what the document can
 * hold. An update that decodes but cannot be integrated (an item whose origin
 * is itself, a reference into nothing) throws here, on the server, instead of
 * in every participant's page, and is refused. Sync answers are encoded from
 * the live document, so answering a sync request costs what the peer lacks,
 * not a diff over the whole stored history.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { DOC_META } from '@attune/session/protocol';

/** The origin of the server's own changes to a document. */
export const SERVER_ORIGIN = Symbol('attune-server');

/** An update with no structs and no deletions. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/** An update the document refused. `damaged` when it changed the document before it failed. */
export class IntegrityError extends Error {
  constructor(
    message: string,
    readonly damaged: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IntegrityError';
  }
}

/** A state vector from a map of client to clock, as Yjs encodes one. */
function encodeVector(state: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, state.size);
  for (const [client, clock] of state) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** True when a transaction changed the document's structure: added structs or deleted any. */
function changed(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  if (tr.beforeState.size !== tr.afterState.size) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/** What of an update the document took. */
export interface Applied {
  /** The part to store and relay (the update itself when it was taken whole); null for none. */
  stored: Uint8Array | null;
  /** Some of it refers to content the document does not have yet: offer it again later. */
  waits: boolean;
}

export class DocState {
  private live = new Y.Doc();
  /**
   * Whether the last transaction changed the document; null until one ends.
   * A refused update whose transaction changed nothing left the document as
   * it was, which is the common case: Yjs checks an item's references before
   * it links it in.
   */
  private lastChanged: boolean | null = null;
  /** Whether the last transaction wrote to the `meta` map, which only the server writes. */
  private lastWroteMeta = false;
  /** The state before the last transaction, client by client. */
  private lastBefore: Map<number, number> | null = null;
  /** Stored rows that could not be integrated and were left out when this document was loaded. */
  readonly dropped: number = 0;
  private vector: Uint8Array | null = null;
  /** An upper bound of the stored size: the rows loaded and the updates applied since. */
  private bytes = 0;

  /**
   * Loads stored rows one by one. A row that the document refuses (stored by
   * a server that did not integrate updates) is left out, and the document
   * is rebuilt from the rows before it when it had already changed it: a
   * session poisoned once opens without the poison, not empty.
   */
  constructor(updates: Uint8Array[] = []) {
    this.watch();
    const good: Uint8Array[] = [];
    let dropped = 0;
    for (const update of updates) {
      if (isEmptyUpdate(update)) continue;
      try {
        this.apply(update, true);
        good.push(update);
      } catch (error) {
        if (!(error instanceof IntegrityError)) throw error;
        dropped++;
        if (error.damaged) this.rebuild(good);
      }
    }
    // Rows may come in any order, so content may wait for a later row. What
    // still waits at the end refers to something that was never stored: it
    // is left out (a server that kept it could fail to read its own encoding).
    const store = this.live.store;
    if (store.pendingStructs || store.pendingDs) {
      store.pendingStructs = null;
      store.pendingDs = null;
      dropped++;
    }
    this.dropped = dropped;
    this.bytes = good.reduce((sum, u) => sum + u.byteLength, 0);
  }

  /** The live document. A rebuild replaces it: do not keep it across calls. */
  get doc(): Y.Doc {
    return this.live;
  }

  /** Bytes held (an upper bound of the stored size). */
  get size(): number {
    return this.bytes;
  }

  /**
   * Integrates an update and returns what of it to store and relay.
   *
   * Throws IntegrityError when the document refuses it; with `damaged`, the
   * document changed before it failed and must be rebuilt from what was
   * accepted before (the store).
   *
   * Content that refers to what the document does not have yet is not kept
   * waiting inside the document (Yjs holds such content apart and can fail to
   * read its own encoding back once it does): it is taken out again, and
   * `waits` says so. The caller keeps the update and offers it again later; a
   * page sends such updates when it reconnects with changes the server has
   * not seen, just before its sync step 2 brings them. `stored` is the part
   * that was integrated: the update itself, or null when nothing was.
   * Updates from the store and other instances (`trusted`) may wait.
   */
  apply(update: Uint8Array, trusted = false): Applied {
    const store = this.live.store;
    const pendingStructs = store.pendingStructs;
    const pendingDs = store.pendingDs;
    this.lastChanged = null;
    this.lastWroteMeta = false;
    this.lastBefore = null;
    try {
      Y.applyUpdate(this.live, update, trusted ? SERVER_ORIGIN : null);
    } catch (error) {
      this.vector = null;
      const damaged = this.lastChanged !== false;
      // Nothing was integrated: whatever it left waiting is put back as it was.
      if (!damaged) [store.pendingStructs, store.pendingDs] = [pendingStructs, pendingDs];
      throw new IntegrityError('the update cannot be applied to the document', damaged, { cause: error });
    }
    this.vector = null;
    if (this.lastWroteMeta) {
      // The document took it: it must be rebuilt without it.
      throw new IntegrityError('the update writes to the document record only the server writes', true);
    }
    const waits = store.pendingStructs !== pendingStructs || store.pendingDs !== pendingDs;
    if (!waits || trusted) {
      this.bytes += update.byteLength;
      return { stored: update, waits: false };
    }
    [store.pendingStructs, store.pendingDs] = [pendingStructs, pendingDs];
    if (!this.lastChanged || !this.lastBefore) return { stored: null, waits: true };
    // Part of it was integrated: that part, and the deletions known so far, are what others need.
    const part = Y.encodeStateAsUpdate(this.live, encodeVector(this.lastBefore));
    this.bytes += part.byteLength;
    return { stored: part, waits: true };
  }

  /**
   * Makes a change of the server's own (a migration) and returns it as an
   * update to store, or null when it changed nothing.
   */
  change(fn: (doc: Y.Doc) => void): Uint8Array | null {
    const updates: Uint8Array[] = [];
    const collect = (update: Uint8Array): void => {
      updates.push(update);
    };
    this.live.on('update', collect);
    try {
      this.live.transact(() => fn(this.live), SERVER_ORIGIN);
    } finally {
      this.live.off('update', collect);
    }
    if (updates.length === 0) return null;
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    this.bytes += update.byteLength;
    this.vector = null;
    return update;
  }

  /** The whole document as one update. */
  state(): Uint8Array {
    return Y.encodeStateAsUpdate(this.live);
  }

  stateVector(): Uint8Array {
    this.vector ??= Y.encodeStateVector(this.live);
    return this.vector;
  }

  /** What a peer with state vector `sv` lacks. Throws on a malformed vector. */
  diff(sv: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.live, sv);
  }

  /** The state to store in place of every row so far (deleted content is already collected). */
  compact(): Uint8Array {
    const state = this.state();
    this.bytes = state.byteLength;
    return state;
  }

  destroy(): void {
    this.live.destroy();
  }

  private watch(): void {
    const meta = this.live.getMap(DOC_META.map);
    this.live.on('afterTransaction', (tr: Y.Transaction) => {
      // One update can end in more than one transaction (Yjs runs some work in
      // a transaction of its own after the first): what counts is all of them.
      this.lastChanged = this.lastChanged === true || changed(tr);
      this.lastBefore ??= tr.beforeState;
      this.lastWroteMeta ||= tr.origin !== SERVER_ORIGIN && tr.changed.has(meta as never);
    });
  }

  /** Replaces the live document by one made of `good` alone. */
  private rebuild(good: Uint8Array[]): void {
    this.live.destroy();
    this.live = new Y.Doc();
    this.watch();
    for (const update of good) Y.applyUpdate(this.live, update, SERVER_ORIGIN);
    this.vector = null;
  }
}

/**
 * Checks that bytes are a well-formed Yjs update (they decode). Integration is
 * checked by `DocState.apply`; this is for updates the server does not hold a
 * document for.
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

/** The state of stored rows with every row the document refuses left out. */
export function repairedState(updates: Uint8Array[]): Uint8Array {
  const doc = new DocState(updates);
  try {
    return doc.state();
  } finally {
    doc.destroy();
  }
}
