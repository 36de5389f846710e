/**
 * Save checks (message 100) of one room: a check is echoed once every update
 * the room had taken before it is durable. A connection with changes kept
 * back (held, or waiting for what they refer to) waits until they are taken.
 */
import { encodeSaveCheck } from '@attune/session/protocol';
import type { Connection } from './connection.js';

interface Waiter {
  conn: Connection;
  n: number;
  /** How many updates must be durable; Infinity until the connection's kept-back changes are taken. */
  target: number;
}

export class SaveChecks {
  /** Updates taken into the document, and how many of them are durable. */
  received = 0;
  durable = 0;
  private waiters: Waiter[] = [];

  /** A save check `n` from `conn`; `keepsBack` when some of what it sent is not taken yet. */
  check(conn: Connection, n: number, keepsBack: boolean): void {
    const target = keepsBack ? Infinity : this.received;
    if (this.durable >= target) conn.send(encodeSaveCheck(n));
    else this.waiters.push({ conn, n, target });
  }

  /** `count` more updates are durable. */
  stored(count: number): void {
    this.durable += count;
    this.answer();
  }

  /** Checks that waited for kept-back changes now wait for what is taken so far. */
  settle(keepsBack: (conn: Connection) => boolean): void {
    for (const waiter of this.waiters) {
      if (waiter.target === Infinity && !keepsBack(waiter.conn)) waiter.target = this.received;
    }
    this.answer();
  }

  forget(conn: Connection): void {
    this.waiters = this.waiters.filter((w) => w.conn !== conn);
  }

  private answer(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.target <= this.durable) waiter.conn.send(encodeSaveCheck(waiter.n));
      else still.push(waiter);
    }
    this.waiters = still;
  }
}
