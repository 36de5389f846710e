/**
 * How a room takes changes to its document: every update is integrated into
 * the live document before it is stored or relayed, so what the document
 * refuses reaches nobody and its sender is closed. Changes sent to `space`
 * while the room is held, and content that refers to what the document does
 * not have yet, are kept back and taken later.
 *
 *   update ─ held? ─ integrate ─┬─ taken ─ store ─ relay
 *                               ├─ waits ─ kept back, offered again when its sender sends more
 *                               └─ refused ─ sender closed (and the room rebuilt if it changed)
 */
import { CLOSE, MESSAGE, SYNC } from '@attune/session/protocol';
import * as encoding from 'lib0/encoding';
import { Backlog } from './backlog.js';
import type { Connection } from './connection.js';
import type { Applied, DocState } from './doc-state.js';
import { IntegrityError, isEmptyUpdate } from './doc-state.js';
import type { SaveChecks } from './save-checks.js';
import type { Stats } from './stats.js';

/** Raised for input that breaks the protocol; the connection is closed with 1007. */
export class ProtocolError extends Error {}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, SYNC.update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** What the gate needs of its room. */
export interface ChangeSink {
  readonly doc: DocState | null;
  readonly stats: Stats;
  readonly saves: SaveChecks;
  /** Stores a taken update and relays `frame` to everyone but `from`. */
  take(from: Connection, update: Uint8Array, frame: Uint8Array): void;
  /** The document changed before it refused an update: read it again from the store. */
  rebuild(): void;
}

export class DocChanges {
  /** Changes to `space` sent while the room was held, applied when it is released. */
  private readonly held = new Backlog(4 * 1024 * 1024, 100_000);
  /** Changes that refer to content the document does not have yet, by sender. */
  private readonly deferred = new Backlog(8 * 1024 * 1024, 64);

  constructor(private readonly room: ChangeSink) {}

  get heldCount(): number {
    return this.held.size;
  }

  /** Whether `conn` has changes kept back: its save checks wait for them. */
  keepsBack(conn: Connection): boolean {
    return this.held.has(conn) || this.deferred.has(conn);
  }

  /** `conn` left: its page resends what refers to missing content when it reconnects; held changes stay. */
  forget(conn: Connection): void {
    this.deferred.take(conn);
  }

  /**
   * Integrates an update, then stores and relays what the document took.
   * Content that refers to what the document does not have yet is kept back
   * and offered again when its sender sends more (a page that reconnects with
   * changes the server has not seen sends such edits just before its sync
   * step 2, which brings what they refer to).
   */
  accept(conn: Connection, update: Uint8Array, relay: Uint8Array): void {
    const applied = this.integrate(update);
    if (applied.waits && !this.deferred.push(conn, update)) {
      conn.close(CLOSE.policy, 'too many updates that refer to content the server does not have');
    }
    if (!applied.stored || isEmptyUpdate(applied.stored)) return;
    this.room.take(
      conn,
      applied.stored,
      applied.stored === update ? relay : encodeSyncUpdate(applied.stored),
    );
    if (this.deferred.has(conn)) this.retryDeferred(conn);
  }

  /**
   * A participant changed `space` while the room is held. Nobody sees it
   * until the hold is released: then it is applied as if it had arrived then.
   * Dropping it would leave the sender's page for ever out of step with
   * everyone else's (its later changes build on this one), and nothing sent
   * in good faith is lost. Bounded: past the limit the sender is closed and
   * resends when it reconnects. False when it was not kept.
   */
  holdBack(conn: Connection, update: Uint8Array): boolean {
    if (this.held.push(conn, update)) return true;
    conn.close(CLOSE.tryAgainLater, 'too much was changed while the room was held');
    return false;
  }

  /** The hold was released: what was held back is applied, stored and shown to everyone, in order. */
  releaseHeld(): void {
    for (const [conn, update] of this.held.take()) {
      // Rebuilding after a refused update: the rest is resent by its pages when they resync.
      if (!this.room.doc) break;
      try {
        this.accept(conn, update, encodeSyncUpdate(update));
      } catch (error) {
        if (!conn.closed) conn.close(CLOSE.malformed, error instanceof Error ? error.message : 'malformed');
      }
    }
    this.room.saves.settle((c) => this.keepsBack(c));
  }

  private integrate(update: Uint8Array): Applied {
    try {
      return this.room.doc!.apply(update);
    } catch (error) {
      this.room.stats.refusedUpdates++;
      if (error instanceof IntegrityError && error.damaged) this.room.rebuild();
      throw new ProtocolError(error instanceof IntegrityError ? error.message : 'malformed document update');
    }
  }

  /** Offers `conn`'s kept-back updates again, until none of them moves on. */
  private retryDeferred(conn: Connection): void {
    let waiting = this.deferred.take(conn);
    let moved = true;
    while (moved && waiting.length > 0 && this.room.doc) {
      moved = false;
      const still: typeof waiting = [];
      for (const item of waiting) {
        let applied: Applied;
        try {
          applied = this.integrate(item[1]);
        } catch (error) {
          conn.close(CLOSE.malformed, error instanceof Error ? error.message : 'malformed document update');
          return;
        }
        if (applied.stored && !isEmptyUpdate(applied.stored)) {
          moved = true;
          this.room.take(conn, applied.stored, encodeSyncUpdate(applied.stored));
        }
        if (applied.waits) still.push(item);
      }
      waiting = still;
    }
    for (const [c, update] of waiting) this.deferred.push(c, update);
    this.room.saves.settle((c) => this.keepsBack(c));
  }
}
