/** One participant's socket in one room, with its rights and its limits. */
import type { WebSocket } from 'ws';
import type { Role, Scope } from '@attune/session/protocol';
import { CLOSE } from '@attune/session/protocol';
import type { Stats } from './stats.js';

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
  private readonly ws: WebSocket;
  private readonly stats: Stats;
  private readonly maxOutbound: number;
  private readonly rate: number;
  private readonly closeGraceMs: number;
  private tokens: number;
  private lastRefill = performance.now();
  /** When a frame was last sent to this peer (performance.now()). */
  lastSent = performance.now();
  closed = false;

  constructor(
    ws: WebSocket,
    info: ConnectionInfo,
    stats: Stats,
    limits: { maxOutboundBytes: number; messagesPerSecond: number; closeGraceMs: number },
  ) {
    this.ws = ws;
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
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.maxOutbound) {
      this.stats.closedSlow++;
      this.close(CLOSE.tryAgainLater, 'outbound buffer full: reconnect to resync');
      return;
    }
    this.lastSent = performance.now();
    this.stats.framesOut++;
    this.stats.bytesOut += data.byteLength;
    this.ws.send(data);
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
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
      return;
    }
    // A peer that no longer reads never answers the closing handshake: do not let it
    // hold its room for ws's 30 s timeout.
    setTimeout(() => this.ws.terminate(), this.closeGraceMs).unref();
  }
}
