/** One participant's socket in one room, with its rights and its limits. */
import type { Role, Scope } from '@attune/session/protocol';
import { CLOSE } from '@attune/session/protocol';
import type { Stats } from './stats.js';
import { encodeFrame, type WireSocket } from './wire-socket.js';

export { encodeFrame };

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
  ip: string;
  writable: boolean;
}

export class Connection {
  readonly info: ConnectionInfo;
  private readonly wire: WireSocket;
  private readonly stats: Stats;
  private readonly maxOutbound: number;
  private readonly rate: number;
  private readonly closeGraceMs: number;
  private tokens: number;
  private lastRefill = performance.now();
  /** When a frame was last sent to this peer (performance.now()). */
  lastSent = performance.now();
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
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    wire: WireSocket,
    info: ConnectionInfo,
    stats: Stats,
    limits: { maxOutboundBytes: number; messagesPerSecond: number; closeGraceMs: number },
  ) {
    this.wire = wire;
    this.info = info;
    this.stats = stats;
    this.maxOutbound = limits.maxOutboundBytes;
    this.rate = limits.messagesPerSecond;
    this.closeGraceMs = limits.closeGraceMs;
    this.tokens = this.rate * 2;
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
    this.pending.push(frame);
    this.pendingBytes += frame.byteLength;
    if (this.pending.length > 1) return;
    pendingFlush.push(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAll);
    }
  }

  /** Writes the frames queued this turn in one go. */
  flush(): void {
    const frames = this.pending;
    if (frames.length === 0) return;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.wire.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames, bytes));
  }

  private ready(): boolean {
    if (this.closed) return false;
    if (this.wire.bufferedAmount + this.pendingBytes > this.maxOutbound) {
      this.stats.closedSlow++;
      this.close(CLOSE.tryAgainLater, 'outbound buffer full: reconnect to resync');
      return false;
    }
    return true;
  }

  private count(bytes: number): void {
    this.lastSent = performance.now();
    this.stats.framesOut++;
    this.stats.bytesOut += bytes;
  }

  /** Token bucket over incoming messages; false when the sender is flooding. */
  admit(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.rate * 2, this.tokens + ((now - this.lastRefill) * this.rate) / 1000);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    this.wire.close(code, reason);
    // A peer that no longer reads never answers the closing handshake: do not let it
    // hold its room for long.
    setTimeout(() => this.wire.terminate(), this.closeGraceMs).unref();
  }
}
