/** One participant's socket in one room, with its rights and its limits. */
import type { Role, Scope } from '@attune/session/protocol';
import { CLOSE } from '@attune/session/protocol';
import type { Limits } from './config.js';
import type { Room } from './room.js';
import type { PeerEvents, PeerSocket } from './socket.js';
import type { Stats } from './stats.js';

/** performance.now() in whole milliseconds. */
const nowMs = (): number => Math.floor(performance.now());

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
  received(conn: Connection, data: Uint8Array, binary: boolean): void;
  /** The peer broke the WebSocket protocol; the connection is closing with `code`. */
  broken(conn: Connection, code: number, reason: string): void;
  /** The connection's socket is gone. */
  gone(conn: Connection): void;
}

export class Connection implements PeerEvents {
  readonly info: ConnectionInfo;
  readonly socket: PeerSocket;
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

  constructor(socket: PeerSocket, info: ConnectionInfo, host: ConnectionHost) {
    this.info = info;
    this.host = host;
    this.credit = host.limits.messagesPerSecond * 2000;
    this.socket = socket;
    socket.listen(this);
  }

  onPeerMessage(data: Uint8Array, binary: boolean): void {
    if (!this.closed) this.host.received(this, data, binary);
  }

  onPeerError(code: number, reason: string): void {
    this.host.broken(this, code, reason);
  }

  onPeerClose(): void {
    this.closed = true;
    this.host.gone(this);
  }

  get writable(): boolean {
    return this.info.writable;
  }

  /** Sends a message; a connection that cannot keep up is closed and resyncs on reconnect. */
  send(data: Uint8Array): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.host.limits.maxOutboundBytes) {
      this.host.stats.closedSlow++;
      this.close(CLOSE.tryAgainLater, 'outbound buffer full: reconnect to resync');
      return;
    }
    this.lastSent = nowMs();
    const stats = this.host.stats;
    stats.framesOut++;
    stats.bytesOut += data.byteLength;
    this.socket.send(data);
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

  /** Closes with `code`; the socket drops a peer that does not finish the closing handshake. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }
}
