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
} from '@attune/session/protocol';
import { AwarenessRelay } from './awareness-relay.js';
import type { AwarenessLimits } from './awareness-relay.js';
import type { Connection } from './connection.js';
import type { ChangeSink } from './doc-changes.js';
import { DocChanges, ProtocolError } from './doc-changes.js';
import type { DocState } from './doc-state.js';
import { IntegrityError, checkStateVector, isEmptyUpdate } from './doc-state.js';
import { SaveChecks } from './save-checks.js';
import type { Stats } from './stats.js';
import type { DurableListener } from './writer.js';

/** The answer to a change or broadcast in `space` while the room is held. */
export const HELD = 'the room is held: nothing changes until the therapist lets go';

export { ProtocolError };

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

export class Room implements DurableListener, ChangeSink {
  readonly name: string;
  readonly sid: string;
  readonly scope: Scope;
  readonly conns = new Set<Connection>();
  readonly awareness: AwarenessRelay;
  doc: DocState | null = null;
  /** Updates taken and stored, answering save checks. */
  readonly saves = new SaveChecks();
  readonly changes: DocChanges = new DocChanges(this);
  /** Highest stored sequence number of this room's updates. */
  lastSeq = 0;
  /** Rows written since the last compaction. */
  rowsSinceCompaction = 0;
  unloading = false;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  private queue: Array<[Connection, Uint8Array]> = [];
  private remoteQueue: Array<[object, Uint8Array, boolean]> = [];
  private readonly host: RoomHost;

  constructor(sid: string, scope: Scope, host: RoomHost) {
    this.sid = sid;
    this.scope = scope;
    this.name = `${sid}/${scope}`;
    this.host = host;
    this.awareness = new AwarenessRelay(host.awarenessLimits, host.stats);
  }

  get stats(): Stats {
    return this.host.stats;
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
      this.saves.received++;
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
    this.saves.forget(conn);
    this.changes.forget(conn);
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
        // What this connection had kept back is not stored yet: its "saved" waits for it.
        this.saves.check(conn, n, this.changes.keepsBack(conn));
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
   * Sends a message to every connection but `except` and those in the
   * waiting room; with `only`, to those it picks.
   */
  broadcast(data: Uint8Array, except: Connection | null, only?: (conn: Connection) => boolean): void {
    for (const conn of this.conns) {
      if (conn === except || conn.waiting || (only && !only(conn))) continue;
      conn.send(data);
    }
  }

  /** Relays a frame to this instance's sockets (but `except`) and to the other instances. */
  private relay(data: Uint8Array, except: Connection | null): void {
    this.broadcast(data, except);
    this.host.publish(this, data);
  }

  onDurable(count: number, seq: number): void {
    this.rowsSinceCompaction += count;
    if (seq > this.lastSeq) this.lastSeq = seq;
    this.saves.stored(count);
  }

  /** Stores an update the document took and relays `frame` to everyone but `from`. */
  take(from: Connection, update: Uint8Array, frame: Uint8Array): void {
    this.saves.received++;
    this.host.storeUpdate(this, update);
    this.relay(frame, from.closed ? null : from);
    if (this.scope === 'control') this.host.onControlChange(this);
  }

  rebuild(): void {
    this.host.rebuild(this);
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
      const held = conn.writable && !conn.waiting;
      if (!held || this.changes.holdBack(conn, update)) conn.send(encodePermissionDenied(this.refusal(conn)));
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
    this.changes.accept(conn, update, relay);
  }

  private expectEnd(decoder: decoding.Decoder): void {
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
  }
}
