/**
 * One y-websocket room: one scope of one session. It relays, stores and
 * answers sync, awareness and Attune's own messages for its connections.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Scope } from '@attune/session/protocol';
import {
  CLOSE,
  isFacilitator,
  MAX_CHANNEL_LENGTH,
  MESSAGE,
  SYNC,
  encodeClockReply,
  encodePermissionDenied,
  encodeSaveCheck,
} from '@attune/session/protocol';
import { AwarenessRelay } from './awareness-relay.js';
import type { AwarenessLimits } from './awareness-relay.js';
import { encodeFrame } from './wire-socket.js';
import type { Connection } from './connection.js';
import { Backlog } from './backlog.js';
import type { Applied, DocState } from './doc-state.js';
import { IntegrityError, checkStateVector, isEmptyUpdate } from './doc-state.js';
import type { Stats } from './stats.js';
import type { DurableListener } from './writer.js';

/** The answer to a change or broadcast in `space` while the room is held. */
export const HELD = 'the room is held: nothing changes until the therapist lets go';

function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, SYNC.update);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Raised for input that breaks the protocol; the connection is closed with 1007. */
export class ProtocolError extends Error {}

const facilitator = (conn: Connection): boolean => isFacilitator(conn.info.role);

export interface RoomHost {
  readonly stats: Stats;
  readonly maxDocBytes: number;
  readonly awarenessLimits: AwarenessLimits;
  storeUpdate(room: Room, update: Uint8Array): void;
  recordEvent(room: Room, conn: Connection, channel: string, payload: Uint8Array): void;
  onControlChange(room: Room): void;
  /** True while the session's room is held: only facilitators may change `space` or broadcast. */
  isHeld(sid: string): boolean;
  /**
   * The live document refused an update after it had changed: rebuild it from
   * what was stored. Frames wait meanwhile.
   */
  rebuild(room: Room): void;
  onEmpty(room: Room): void;
  /**
   * A frame this room relayed to its sockets, for other instances' sockets
   * too; `facilitatorsOnly` for the presence of someone in the waiting room.
   */
  publish(room: Room, frame: Uint8Array, facilitatorsOnly?: boolean): void;
}

interface SaveWaiter {
  conn: Connection;
  n: number;
  target: number;
}

export class Room implements DurableListener {
  readonly name: string;
  readonly sid: string;
  readonly scope: Scope;
  readonly conns = new Set<Connection>();
  readonly awareness: AwarenessRelay;
  doc: DocState | null = null;
  /** Updates accepted, and how many of them are durable. */
  received = 0;
  durable = 0;
  /** Highest stored sequence number of this room's updates. */
  lastSeq = 0;
  /** Rows written since the last compaction. */
  rowsSinceCompaction = 0;
  unloading = false;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Array<[Connection, Uint8Array]> = [];
  private remoteQueue: Array<[object, Uint8Array, boolean]> = [];
  private waiters: SaveWaiter[] = [];
  /** Changes to `space` sent while the room was held, applied when it is released. */
  private readonly held = new Backlog(4 * 1024 * 1024, 100_000);
  /** Changes that refer to content the document does not have yet, by sender. */
  private readonly deferred = new Backlog(8 * 1024 * 1024, 64);
  private readonly host: RoomHost;

  constructor(sid: string, scope: Scope, host: RoomHost) {
    this.sid = sid;
    this.scope = scope;
    this.name = `${sid}/${scope}`;
    this.host = host;
    this.awareness = new AwarenessRelay(host.awarenessLimits, host.stats);
  }

  get loaded(): boolean {
    return this.doc !== null;
  }

  /** Lets the live document go; frames wait until it is loaded again. */
  unload(): void {
    this.doc?.destroy();
    this.doc = null;
  }

  /** Called once the stored document is in memory: greet everyone who waited. */
  setLoaded(doc: DocState, lastSeq: number, rows: number): void {
    this.doc = doc;
    this.lastSeq = lastSeq;
    this.rowsSinceCompaction = rows;
    for (const conn of this.conns) if (!conn.waiting) this.greet(conn);
    const remote = this.remoteQueue;
    this.remoteQueue = [];
    for (const [owner, frame, facilitatorsOnly] of remote) this.receiveRemote(owner, frame, facilitatorsOnly);
    const queue = this.queue;
    this.queue = [];
    for (const [conn, data] of queue) if (!conn.closed) this.handle(conn, data);
  }

  /**
   * A frame another server instance relayed for this room: apply what it
   * changes here, store it, and pass it to this instance's sockets. That
   * instance has checked it, but relays before its write lands: if it dies
   * in between, this copy is the only one, and what this instance's pages
   * build on it would not load without it. So every instance stores what it
   * takes (Yjs merges the repeated rows), and a save check here waits for it.
   */
  receiveRemote(owner: object, frame: Uint8Array, facilitatorsOnly = false): void {
    if (!this.doc) {
      this.remoteQueue.push([owner, frame, facilitatorsOnly]);
      return;
    }
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const sub = decoding.readVarUint(decoder);
      if (sub !== SYNC.update) return;
      const update = decoding.readVarUint8Array(decoder);
      if (isEmptyUpdate(update)) return;
      try {
        this.doc.apply(update, true);
      } catch (error) {
        // The other instance integrated it; this one cannot. Start again from the store.
        if (error instanceof IntegrityError) this.host.rebuild(this);
        throw error;
      }
      this.received++;
      this.host.storeUpdate(this, update);
      this.broadcast(frame, null);
      if (this.scope === 'control') this.host.onControlChange(this);
    } else if (type === MESSAGE.awareness) {
      const update = decoding.readVarUint8Array(decoder);
      const { relay } = this.awareness.apply(owner, frame, update, facilitatorsOnly);
      if (relay) this.broadcast(relay, null, facilitatorsOnly ? facilitator : undefined);
    } else if (type === MESSAGE.broadcast || type === MESSAGE.recordedBroadcast) {
      this.broadcast(frame, null);
    }
  }

  add(conn: Connection): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.unloading = false;
    this.conns.add(conn);
    if (this.doc && !conn.waiting) this.greet(conn);
  }

  /**
   * Lets a connection in from the waiting room: it syncs now (its held sync
   * request is answered) and its presence, seen by facilitators so far, is
   * shown to everyone.
   */
  admit(conn: Connection): void {
    if (!conn.waiting || !this.conns.has(conn)) return;
    conn.waiting = false;
    const held = conn.heldStateVector;
    conn.heldStateVector = null;
    if (!this.doc) return; // setLoaded greets it and handles its queued frames
    this.greet(conn);
    if (held) {
      try {
        conn.send(this.syncStep2(held));
      } catch {
        conn.close(CLOSE.malformed, 'malformed state vector');
        return;
      }
    }
    const presence = this.awareness.release(conn);
    if (presence) {
      this.broadcast(presence, conn, (c) => !isFacilitator(c.info.role));
      this.host.publish(this, presence);
    }
  }

  remove(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.queue = this.queue.filter(([c]) => c !== conn);
    this.waiters = this.waiters.filter((w) => w.conn !== conn);
    // Its page resends what refers to missing content when it reconnects; held changes stay.
    this.deferred.take(conn);
    const gone = this.awareness.removeOwner(conn);
    if (gone) this.relay(gone, null);
    if (this.conns.size === 0) this.host.onEmpty(this);
  }

  /** Handles one frame. Throws ProtocolError (or a decoding error) on malformed input. */
  handle(conn: Connection, data: Uint8Array): void {
    if (!this.doc) {
      this.queue.push([conn, data]);
      return;
    }
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE.sync:
        this.onSync(conn, decoder, data);
        break;
      case MESSAGE.awareness: {
        const update = decoding.readVarUint8Array(decoder);
        this.expectEnd(decoder);
        // Stamped with the token's identity; what breaks a limit or another's claim is refused.
        const { relay, refused } = this.awareness.apply(conn, data, update, conn.waiting, conn.info);
        if (refused) conn.send(encodePermissionDenied(refused));
        // Not echoed to the sender: the server's keepalive covers y-websocket's silence timeout.
        if (!relay) break;
        if (conn.waiting) {
          // Facilitators see who is waiting; nobody else does yet.
          this.broadcast(relay, conn, facilitator);
          this.host.publish(this, relay, true);
        } else this.relay(relay, conn);
        break;
      }
      case MESSAGE.queryAwareness: {
        this.expectEnd(decoder);
        if (conn.waiting) break;
        // The answer is bounded by the room's cap; the rate keeps it from being an amplifier.
        if (!this.awareness.mayQuery(conn)) {
          conn.send(encodePermissionDenied(AwarenessRelay.queryRefusal));
          break;
        }
        const snapshot = this.presenceFor(conn);
        if (snapshot) conn.send(snapshot);
        break;
      }
      case MESSAGE.auth:
        // Clients have nothing to say on this channel; ignore as y-protocols does.
        break;
      case MESSAGE.saveCheck: {
        const n = decoding.readVarUint(decoder);
        this.expectEnd(decoder);
        // What this connection had held back is not stored yet: its "saved" waits for the release.
        const target = this.keepsBack(conn) ? Infinity : this.received;
        if (this.durable >= target) conn.send(encodeSaveCheck(n));
        else this.waiters.push({ conn, n, target });
        break;
      }
      case MESSAGE.clock: {
        const clientTime = decoding.readFloat64(decoder);
        this.expectEnd(decoder);
        conn.send(encodeClockReply(clientTime, performance.timeOrigin + performance.now()));
        break;
      }
      case MESSAGE.broadcast:
      case MESSAGE.recordedBroadcast: {
        const channel = decoding.readVarString(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        this.expectEnd(decoder);
        if (channel.length === 0 || channel.length > MAX_CHANNEL_LENGTH) {
          throw new ProtocolError('broadcast channel name must be 1 to 64 characters');
        }
        if (!this.mayChange(conn)) {
          conn.send(encodePermissionDenied(this.refusal(conn)));
          break;
        }
        this.relay(data, conn);
        if (type === MESSAGE.recordedBroadcast) this.host.recordEvent(this, conn, channel, payload);
        break;
      }
      default:
        throw new ProtocolError(`unknown message type ${type}`);
    }
  }

  /**
   * Sends one encoded frame to every connection but `except` and those in the
   * waiting room; with `only`, to those it picks.
   */
  broadcast(data: Uint8Array, except: Connection | null, only?: (conn: Connection) => boolean): void {
    let frame: Buffer | null = null;
    for (const conn of this.conns) {
      if (conn === except || conn.waiting || (only && !only(conn))) continue;
      frame ??= encodeFrame(data);
      conn.sendFrame(frame, data);
    }
  }

  /** Relays a frame to this instance's sockets (but `except`) and to the other instances. */
  private relay(data: Uint8Array, except: Connection | null): void {
    this.broadcast(data, except);
    this.host.publish(this, data);
  }

  onDurable(count: number, seq: number): void {
    this.durable += count;
    this.rowsSinceCompaction += count;
    if (seq > this.lastSeq) this.lastSeq = seq;
    this.answerWaiters();
  }

  private answerWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: SaveWaiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.target <= this.durable) waiter.conn.send(encodeSaveCheck(waiter.n));
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private greet(conn: Connection): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    encoding.writeVarUint(encoder, SYNC.step1);
    encoding.writeVarUint8Array(encoder, this.doc!.stateVector());
    conn.send(encoding.toUint8Array(encoder));
    const snapshot = this.presenceFor(conn);
    if (snapshot) conn.send(snapshot);
  }

  /** The presence `conn` may see: facilitators see who is waiting too. */
  private presenceFor(conn: Connection): Uint8Array | null {
    if (isFacilitator(conn.info.role)) return this.awareness.snapshot();
    return this.awareness.snapshot((_owner, restricted) => !restricted);
  }

  /** Sync step 2: what a peer with state vector `sv` lacks. Throws on a malformed vector. */
  private syncStep2(sv: Uint8Array): Uint8Array {
    const diff = this.doc!.diff(sv);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    encoding.writeVarUint(encoder, SYNC.step2);
    encoding.writeVarUint8Array(encoder, diff);
    return encoding.toUint8Array(encoder);
  }

  /**
   * Whether `conn` may change this room's document or broadcast in it: not
   * from the waiting room, not read-only, and in `space` not while the room
   * is held, unless a facilitator holds it.
   */
  private mayChange(conn: Connection): boolean {
    if (!conn.writable || conn.waiting) return false;
    return this.scope !== 'space' || facilitator(conn) || !this.host.isHeld(this.sid);
  }

  private refusal(conn: Connection): string {
    if (conn.waiting) return 'waiting to be let in: nothing is kept until a facilitator admits you';
    if (!conn.writable) return `${this.scope} is read-only for ${conn.info.role}`;
    this.host.stats.refusedWhileHeld++;
    return HELD;
  }

  private onSync(conn: Connection, decoder: decoding.Decoder, data: Uint8Array): void {
    const sub = decoding.readVarUint(decoder);
    if (sub === SYNC.step1) {
      const sv = decoding.readVarUint8Array(decoder);
      this.expectEnd(decoder);
      let answer: Uint8Array;
      try {
        if (conn.waiting) checkStateVector(sv);
        answer = conn.waiting ? sv : this.syncStep2(sv);
      } catch {
        throw new ProtocolError('malformed state vector');
      }
      // Answered once a facilitator lets them in.
      if (conn.waiting) conn.heldStateVector = sv;
      else conn.send(answer);
      return;
    }
    if (sub !== SYNC.step2 && sub !== SYNC.update) throw new ProtocolError(`unknown sync message ${sub}`);
    const update = decoding.readVarUint8Array(decoder);
    this.expectEnd(decoder);
    if (isEmptyUpdate(update)) return;
    if (!this.mayChange(conn)) {
      if (conn.writable && !conn.waiting) this.holdBack(conn, update);
      else conn.send(encodePermissionDenied(this.refusal(conn)));
      return;
    }
    if (this.doc!.size + update.byteLength > this.host.maxDocBytes) {
      conn.send(encodePermissionDenied('document size limit reached: the change was not kept'));
      return;
    }
    // Others receive it as a plain update (type 2): a relayed step 2 would mark
    // a peer that is still syncing as synced too early.
    let relay = data;
    if (sub === SYNC.step2) {
      relay = data.slice();
      relay[1] = SYNC.update;
    }
    this.accept(conn, update, relay);
  }

  /**
   * Integrates an update, then stores and relays what the document took:
   * what it refuses reaches nobody, and its sender is closed. Content that
   * refers to what the document does not have yet is kept back and offered
   * again when its sender sends more (a page that reconnects with changes
   * the server has not seen sends such edits just before its sync step 2).
   */
  private accept(conn: Connection, update: Uint8Array, relay: Uint8Array): void {
    const applied = this.integrate(update);
    if (applied.waits && !this.deferred.push(conn, update)) {
      conn.close(CLOSE.policy, 'too many updates that refer to content the server does not have');
    }
    if (!applied.stored || isEmptyUpdate(applied.stored)) return;
    this.keep(conn, applied.stored, applied.stored === update ? relay : encodeSyncUpdate(applied.stored));
    if (this.deferred.has(conn)) this.retryDeferred(conn);
  }

  private integrate(update: Uint8Array): Applied {
    try {
      return this.doc!.apply(update);
    } catch (error) {
      this.host.stats.refusedUpdates++;
      if (error instanceof IntegrityError && error.damaged) this.host.rebuild(this);
      throw new ProtocolError(error instanceof IntegrityError ? error.message : 'malformed document update');
    }
  }

  private keep(conn: Connection, update: Uint8Array, frame: Uint8Array): void {
    this.received++;
    this.host.storeUpdate(this, update);
    this.relay(frame, conn.closed ? null : conn);
    if (this.scope === 'control') this.host.onControlChange(this);
  }

  /** Offers `conn`'s kept-back updates again, until none of them moves on. */
  private retryDeferred(conn: Connection): void {
    let waiting = this.deferred.take(conn);
    let moved = true;
    while (moved && waiting.length > 0 && this.doc) {
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
          this.keep(conn, applied.stored, encodeSyncUpdate(applied.stored));
        }
        if (applied.waits) still.push(item);
      }
      waiting = still;
    }
    for (const [c, update] of waiting) this.deferred.push(c, update);
    this.settleWaiters();
  }

  /**
   * A participant changed `space` while the room is held. Nobody sees it
   * until the hold is released: then it is applied as if it had arrived then.
   * Dropping it would leave the sender's page for ever out of step with
   * everyone else's (its later changes build on this one), and nothing sent
   * in good faith is lost. Bounded: past the limit the sender is closed and
   * resends when it reconnects.
   */
  private holdBack(conn: Connection, update: Uint8Array): void {
    if (!this.held.push(conn, update)) {
      conn.close(CLOSE.tryAgainLater, 'too much was changed while the room was held');
      return;
    }
    conn.send(encodePermissionDenied(this.refusal(conn)));
  }

  /** The hold was released: what was held back is applied, stored and shown to everyone, in order. */
  releaseHeld(): void {
    for (const [conn, update] of this.held.take()) {
      // Rebuilding after a refused update: the rest is resent by its pages when they resync.
      if (!this.doc) break;
      try {
        this.accept(conn, update, encodeSyncUpdate(update));
      } catch (error) {
        if (!conn.closed) conn.close(CLOSE.malformed, error instanceof Error ? error.message : 'malformed');
      }
    }
    this.settleWaiters();
  }

  get heldCount(): number {
    return this.held.size;
  }

  /** Whether `conn` has changes kept back: its save checks wait for them. */
  private keepsBack(conn: Connection): boolean {
    return this.held.has(conn) || this.deferred.has(conn);
  }

  /** Save checks that waited for kept-back changes are answered once what was taken is stored. */
  private settleWaiters(): void {
    for (const waiter of this.waiters) {
      if (waiter.target === Infinity && !this.keepsBack(waiter.conn)) waiter.target = this.received;
    }
    this.answerWaiters();
  }

  private expectEnd(decoder: decoding.Decoder): void {
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
  }
}
