/** One participant's socket in one room, with its rights and its limits. */
import type { Socket } from 'node:net';
import type { Role, Scope } from '@attune/session/protocol';
import { CLOSE } from '@attune/session/protocol';
import type { Limits } from './config.js';
import type { Room } from './room.js';
import type { Stats } from './stats.js';
import { WireSocket, encodeFrame, type WireHandlers } from './wire-socket.js';

/** performance.now() in whole milliseconds. */
const nowMs = (): number => Math.floor(performance.now());

/** Connections with frames waiting for the end of this event-loop turn. */
const pendingFlush: Connection[] = [];
let flushScheduled = false;

function flushAll(): void {
  flushScheduled = false;
  // Connections queued while flushing wait for the next turn.
  const conns = pendingFlush.splice(0);
  for (const conn of conns) conn.flush();
}

export interface ConnectionInfo {
  sid: string;
  scope: Scope;
  role: Role;
  sub: string;
  /** Display name from the token, stamped on this connection's presence. */
  name: string;
  writable: boolean;
}

/**
 * What every connection of one server shares: one object, so that a
 * connection keeps no closures of its own.
 */
export interface ConnectionHost {
  readonly stats: Stats;
  readonly limits: Limits;
  /** A whole message from the peer of an open connection. */
  received(conn: Connection, data: Buffer, binary: boolean): void;
  /** The peer broke the WebSocket protocol; the connection is closing with `code`. */
  broken(conn: Connection, code: number, reason: string): void;
  /** The connection's socket is gone. */
  gone(conn: Connection): void;
}

export class Connection implements WireHandlers {
  readonly info: ConnectionInfo;
  readonly wire: WireSocket;
  private readonly host: ConnectionHost;
  /** The room this connection is in. */
  room: Room | null = null;
  /**
   * The rate limit's token bucket, in thousandths of a message, and when it was
   * last filled. Whole numbers (milliseconds, not performance.now()'s fractions)
   * stay small integers in V8, where a fraction would cost a heap number each.
   */
  private credit: number;
  private lastRefill = nowMs();
  /** When a frame was last sent to this peer (whole milliseconds of performance.now()). */
  lastSent = nowMs();
  closed = false;
  /**
   * In the waiting room: the room sends this connection nothing of its
   * document, presence or broadcasts, and keeps nothing it sends there.
   */
  waiting = false;
  /** The state vector of a sync request made while waiting, answered once admitted. */
  heldStateVector: Uint8Array | null = null;
  /**
   * Whole frames for this socket, written together once the turn's input is
   * handled: one write (one syscall) for what several peers said in one turn.
   */
  private pending: Buffer[] | null = null;
  private pendingBytes = 0;

  constructor(socket: Socket, info: ConnectionInfo, host: ConnectionHost) {
    this.info = info;
    this.host = host;
    this.credit = host.limits.messagesPerSecond * 2000;
    this.wire = new WireSocket(socket, host.limits.maxFrameBytes, this);
  }

  onWireMessage(data: Buffer, binary: boolean): void {
    if (!this.closed) this.host.received(this, data, binary);
  }

  onWireError(code: number, reason: string): void {
    this.host.broken(this, code, reason);
  }

  onWireClose(): void {
    this.closed = true;
    this.host.gone(this);
  }

  get writable(): boolean {
    return this.info.writable;
  }

  /** Sends a frame; a connection that cannot keep up is closed and resyncs on reconnect. */
  send(data: Uint8Array): void {
    if (!this.ready()) return;
    this.count(data.byteLength);
    this.queue(encodeFrame(data));
  }

  /**
   * Sends a frame made by `encodeFrame`: one encoding of a message for all of
   * its receivers.
   */
  sendFrame(frame: Buffer, payload: Uint8Array): void {
    if (!this.ready()) return;
    this.count(payload.byteLength);
    this.queue(frame);
  }

  private queue(frame: Buffer): void {
    this.pendingBytes += frame.byteLength;
    if (this.pending) {
      this.pending.push(frame);
      return;
    }
    this.pending = [frame];
    pendingFlush.push(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAll);
    }
  }

  /** Writes the frames queued this turn in one go. */
  flush(): void {
    const frames = this.pending;
    if (!frames) return;
    const bytes = this.pendingBytes;
    this.pending = null;
    this.pendingBytes = 0;
    this.wire.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames, bytes));
  }

  private ready(): boolean {
    if (this.closed) return false;
    if (this.wire.bufferedAmount + this.pendingBytes > this.host.limits.maxOutboundBytes) {
      this.host.stats.closedSlow++;
      this.close(CLOSE.tryAgainLater, 'outbound buffer full: reconnect to resync');
      return false;
    }
    return true;
  }

  private count(bytes: number): void {
    this.lastSent = nowMs();
    const stats = this.host.stats;
    stats.framesOut++;
    stats.bytesOut += bytes;
  }

  /** Token bucket over incoming messages; false when the sender is flooding. */
  admit(): boolean {
    const now = nowMs();
    const rate = this.host.limits.messagesPerSecond;
    // `rate` messages a second is `rate` thousandths of a message a millisecond.
    this.credit = Math.min(rate * 2000, this.credit + (now - this.lastRefill) * rate);
    this.lastRefill = now;
    if (this.credit < 1000) return false;
    this.credit -= 1000;
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.wire.close(code, reason);
    // A peer that no longer reads never answers the closing handshake: do not let it
    // hold its room for long.
    setTimeout(() => this.wire.terminate(), this.host.limits.closeGraceMs).unref();
  }
}
