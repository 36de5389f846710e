/**
 * Updates a room keeps back from its document, in the order they came, with
 * bounds: changes sent while the room is held (applied on release), and
 * changes that refer to content the document does not have yet (offered
 * again when their sender sends more).
 */
import type { Connection } from './connection.js';

export class Backlog {
  private items: Array<[Connection, Uint8Array]> = [];
  private bytes = 0;
  /** Updates kept per connection, so a push does not walk the whole list. */
  private readonly counts = new Map<Connection, number>();

  constructor(
    /** Bytes kept at most, from everyone. */
    private readonly maxBytes: number,
    /** Updates kept at most from one connection. */
    private readonly maxPerConnection: number,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(conn: Connection): boolean {
    return this.counts.has(conn);
  }

  /** Keeps a copy of `update`; false when a bound is reached and nothing was kept. */
  push(conn: Connection, update: Uint8Array): boolean {
    if (this.bytes + update.byteLength > this.maxBytes) return false;
    const mine = this.counts.get(conn) ?? 0;
    if (mine >= this.maxPerConnection) return false;
    this.items.push([conn, update.slice()]);
    this.bytes += update.byteLength;
    this.counts.set(conn, mine + 1);
    return true;
  }

  /** Removes and returns what `conn` sent (or everything), in order. */
  take(conn?: Connection): Array<[Connection, Uint8Array]> {
    const taken: Array<[Connection, Uint8Array]> = [];
    const kept: Array<[Connection, Uint8Array]> = [];
    for (const item of this.items) (conn === undefined || item[0] === conn ? taken : kept).push(item);
    this.items = kept;
    this.bytes = kept.reduce((sum, [, u]) => sum + u.byteLength, 0);
    if (conn === undefined) this.counts.clear();
    else this.counts.delete(conn);
    return taken;
  }
}
