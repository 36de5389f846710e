/**
 * One y-websocket room: one scope of one session. It relays, stores and
 * answers sync, awareness and Attune's own messages for its connections.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Scope } from '@attune/session/protocol';
import {
  MAX_CHANNEL_LENGTH,
  MESSAGE,
  SYNC,
  encodeClockReply,
  encodePermissionDenied,
  encodeSaveCheck,
} from '@attune/session/protocol';
import { AwarenessRelay } from './awareness-relay.js';
import { encodeFrame } from './connection.js';
import type { Connection } from './connection.js';
import type { DocState } from './doc-state.js';
import { checkUpdate, isEmptyUpdate } from './doc-state.js';
import type { DurableListener } from './writer.js';

/** Raised for input that breaks the protocol; the connection is closed with 1007. */
export class ProtocolError extends Error {}

export interface RoomHost {
  readonly maxDocBytes: number;
  readonly maxAwarenessStateBytes: number;
  storeUpdate(room: Room, update: Uint8Array): void;
  recordEvent(room: Room, conn: Connection, channel: string, payload: Uint8Array): void;
  onControlChange(room: Room): void;
  onEmpty(room: Room): void;
  /** A frame this room relayed to its sockets, for other instances' sockets too. */
  publish(room: Room, frame: Uint8Array): void;
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
  private remoteQueue: Array<[object, Uint8Array]> = [];
  private waiters: SaveWaiter[] = [];
  private readonly host: RoomHost;

  constructor(sid: string, scope: Scope, host: RoomHost) {
    this.sid = sid;
    this.scope = scope;
    this.name = `${sid}/${scope}`;
    this.host = host;
    this.awareness = new AwarenessRelay(host.maxAwarenessStateBytes);
  }

  get loaded(): boolean {
    return this.doc !== null;
  }

  /** Called once the stored document is in memory: greet everyone who waited. */
  setLoaded(doc: DocState, lastSeq: number, rows: number): void {
    this.doc = doc;
    this.lastSeq = lastSeq;
    this.rowsSinceCompaction = rows;
    for (const conn of this.conns) this.greet(conn);
    const remote = this.remoteQueue;
    this.remoteQueue = [];
    for (const [owner, frame] of remote) this.receiveRemote(owner, frame);
    const queue = this.queue;
    this.queue = [];
    for (const [conn, data] of queue) if (!conn.closed) this.handle(conn, data);
  }

  /**
   * A frame another server instance relayed for this room: apply what it
   * changes here and pass it to this instance's sockets. That instance has
   * already checked and stored it.
   */
  receiveRemote(owner: object, frame: Uint8Array): void {
    if (!this.doc) {
      this.remoteQueue.push([owner, frame]);
      return;
    }
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const sub = decoding.readVarUint(decoder);
      if (sub !== SYNC.update) return;
      const update = decoding.readVarUint8Array(decoder);
      if (isEmptyUpdate(update)) return;
      checkUpdate(update);
      this.doc.append(update);
      this.broadcast(frame, null);
      if (this.scope === 'control') this.host.onControlChange(this);
    } else if (type === MESSAGE.awareness) {
      const relay = this.awareness.apply(owner, frame, decoding.readVarUint8Array(decoder));
      if (relay) this.broadcast(relay, null);
    } else if (type === MESSAGE.broadcast || type === MESSAGE.recordedBroadcast) {
      this.broadcast(frame, null);
    }
  }

  add(conn: Connection): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.unloading = false;
    this.conns.add(conn);
    if (this.doc) this.greet(conn);
  }

  remove(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.queue = this.queue.filter(([c]) => c !== conn);
    this.waiters = this.waiters.filter((w) => w.conn !== conn);
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
        const relay = this.awareness.apply(conn, data, update);
        // Not echoed to the sender: the server's keepalive covers y-websocket's silence timeout.
        if (relay) this.relay(relay, conn);
        break;
      }
      case MESSAGE.queryAwareness: {
        this.expectEnd(decoder);
        const snapshot = this.awareness.snapshot();
        if (snapshot) conn.send(snapshot);
        break;
      }
      case MESSAGE.auth:
        // Clients have nothing to say on this channel; ignore as y-protocols does.
        break;
      case MESSAGE.saveCheck: {
        const n = decoding.readVarUint(decoder);
        this.expectEnd(decoder);
        if (this.durable >= this.received) conn.send(encodeSaveCheck(n));
        else this.waiters.push({ conn, n, target: this.received });
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
        if (!conn.writable) {
          conn.send(encodePermissionDenied(`${this.scope} is read-only for ${conn.info.role}`));
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

  /** Sends one encoded frame to every connection but `except`. */
  broadcast(data: Uint8Array, except: Connection | null): void {
    const receivers = this.conns.size - (except && this.conns.has(except) ? 1 : 0);
    if (receivers <= 0) return;
    if (receivers === 1) {
      for (const conn of this.conns) if (conn !== except) conn.send(data);
      return;
    }
    const frame = encodeFrame(data);
    for (const conn of this.conns) if (conn !== except) conn.sendFrame(frame, data);
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
    const snapshot = this.awareness.snapshot();
    if (snapshot) conn.send(snapshot);
  }

  private onSync(conn: Connection, decoder: decoding.Decoder, data: Uint8Array): void {
    const sub = decoding.readVarUint(decoder);
    if (sub === SYNC.step1) {
      const sv = decoding.readVarUint8Array(decoder);
      this.expectEnd(decoder);
      let diff: Uint8Array;
      try {
        diff = this.doc!.diff(sv);
      } catch {
        throw new ProtocolError('malformed state vector');
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      encoding.writeVarUint(encoder, SYNC.step2);
      encoding.writeVarUint8Array(encoder, diff);
      conn.send(encoding.toUint8Array(encoder));
      return;
    }
    if (sub !== SYNC.step2 && sub !== SYNC.update) throw new ProtocolError(`unknown sync message ${sub}`);
    const update = decoding.readVarUint8Array(decoder);
    this.expectEnd(decoder);
    if (isEmptyUpdate(update)) return;
    if (!conn.writable) {
      conn.send(encodePermissionDenied(`${this.scope} is read-only for ${conn.info.role}`));
      return;
    }
    try {
      checkUpdate(update);
    } catch {
      throw new ProtocolError('malformed document update');
    }
    if (this.doc!.size + update.byteLength > this.host.maxDocBytes) {
      conn.send(encodePermissionDenied('document size limit reached: the change was not kept'));
      return;
    }
    this.doc!.append(update);
    this.received++;
    this.host.storeUpdate(this, update);
    // Others receive it as a plain update (type 2): a relayed step 2 would mark
    // a peer that is still syncing as synced too early.
    let relay = data;
    if (sub === SYNC.step2) {
      relay = data.slice();
      relay[1] = SYNC.update;
    }
    this.relay(relay, conn);
    if (this.scope === 'control') this.host.onControlChange(this);
  }

  private expectEnd(decoder: decoding.Decoder): void {
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after the message');
  }
}
