/**
 * The server's open connections: what each one's messages, broken frames and
 * closing lead to, the keepalive for quiet ones, and the audit record of every
 * join and leave of the shared space.
 */
import type { Logger } from 'pino';
import { CLOSE, MESSAGE } from '@attune/session/protocol';
import type { Limits } from './config.js';
import type { Connection, ConnectionHost } from './connection.js';
import { ProtocolError } from './room.js';
import type { Stats } from './stats.js';
import type { Writer } from './writer.js';

export interface ConnectionHostContext {
  stats: Stats;
  limits: Limits;
  log: Logger;
  writer: Writer;
}

export class OpenConnections implements ConnectionHost {
  readonly stats: Stats;
  readonly limits: Limits;
  private readonly log: Logger;
  private readonly writer: Writer;
  private readonly open = new Set<Connection>();
  /** Set while closing: called when the last connection is gone. */
  private lastGone: (() => void) | null = null;
  // An awareness update with no entries: every y-protocols client applies it as a no-op.
  private readonly keepalive = new Uint8Array([MESSAGE.awareness, 1, 0]);
  private readonly keepaliveTimer: ReturnType<typeof setInterval>;

  constructor({ stats, limits, log, writer }: ConnectionHostContext) {
    this.stats = stats;
    this.limits = limits;
    this.log = log;
    this.writer = writer;
    this.keepaliveTimer = setInterval(
      () => {
        const quietSince = performance.now() - limits.keepaliveMs;
        for (const conn of this.open) if (conn.lastSent <= quietSince) conn.send(this.keepalive);
      },
      Math.max(50, limits.keepaliveMs / 3),
    );
    this.keepaliveTimer.unref();
  }

  received(conn: Connection, data: Uint8Array, binary: boolean): void {
    const stats = this.stats;
    stats.framesIn++;
    stats.bytesIn += data.byteLength;
    if (!conn.admit()) {
      conn.close(CLOSE.policy, 'too many messages');
      return;
    }
    if (!binary) {
      stats.closedMalformed++;
      conn.close(CLOSE.malformed, 'text frames are not part of the protocol');
      return;
    }
    try {
      conn.room!.handle(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      stats.closedMalformed++;
      const reason = error instanceof ProtocolError ? error.message : 'malformed message';
      this.log.debug(
        { sid: conn.info.sid, scope: conn.info.scope, reason },
        'closing a connection for malformed input',
      );
      conn.close(CLOSE.malformed, reason);
    }
  }

  broken(conn: Connection, code: number, reason: string): void {
    this.stats.closedMalformed++;
    this.log.debug(
      { sid: conn.info.sid, scope: conn.info.scope, reason },
      'closing a connection for a broken frame',
    );
    conn.close(code, reason);
  }

  gone(conn: Connection): void {
    this.open.delete(conn);
    this.stats.connections--;
    conn.room!.remove(conn);
    this.audit(conn, 'left');
    if (this.lastGone && this.open.size === 0) this.lastGone();
  }

  /** Counts in a connection that is about to join its room. */
  add(conn: Connection): void {
    this.stats.connections++;
    this.open.add(conn);
  }

  audit(conn: Connection, action: 'joined' | 'left'): void {
    if (conn.info.scope !== 'space') return;
    this.writer.addAudit({
      sid: conn.info.sid,
      t: Date.now(),
      actor: conn.info.sub,
      action,
      detail: conn.info.role,
    });
  }

  /**
   * Terminates every connection's socket; resolves when the last one is gone,
   * that is once each socket's close handler has run.
   */
  terminateAll(): Promise<void> {
    const gone = new Promise<void>((resolve) => {
      this.lastGone = resolve;
      if (this.open.size === 0) resolve();
    });
    for (const conn of this.open) conn.socket.terminate();
    return gone;
  }

  stop(): void {
    clearInterval(this.keepaliveTimer);
  }
}
