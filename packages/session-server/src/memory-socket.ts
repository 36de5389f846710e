/**
 * Two `PeerSocket`s joined in memory, for tests: what one end sends, the other
 * receives on a later microtask, as over a network, so that an answer is never
 * handled inside the call that provoked it. No framing, no TCP.
 */
import type { PeerEvents, PeerSocket } from './socket.js';

export interface Closed {
  code: number;
  reason: string;
}

export class MemorySocket implements PeerSocket {
  /** The other end. */
  other!: MemorySocket;
  /** How the connection was closed, from either end; null while it is open. */
  closed: Closed | null = null;
  private events: PeerEvents | null = null;
  /** Messages that arrived before `listen`. */
  private early: Array<[Uint8Array, boolean]> = [];
  private inFlight = 0;
  private ended = false;

  listen(events: PeerEvents): void {
    this.events = events;
    for (const [data, binary] of this.early.splice(0)) events.onPeerMessage(data, binary);
  }

  get bufferedAmount(): number {
    return this.inFlight;
  }

  send(data: Uint8Array): void {
    this.sendMessage(data, true);
  }

  /** Sends a text message, which Attune's protocol does not allow (for tests of that). */
  sendText(text: string): void {
    this.sendMessage(new TextEncoder().encode(text), false);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    const closed = { code, reason };
    this.closed = closed;
    this.other.closed = closed;
    queueMicrotask(() => {
      this.gone();
      this.other.gone();
    });
  }

  terminate(): void {
    this.close(1006, '');
  }

  private sendMessage(data: Uint8Array, binary: boolean): void {
    if (this.closed) return;
    // A copy, as the bytes would be on the other side of a socket.
    const copy = data.slice();
    this.inFlight += copy.byteLength;
    queueMicrotask(() => {
      this.inFlight -= copy.byteLength;
      this.other.receive(copy, binary);
    });
  }

  private receive(data: Uint8Array, binary: boolean): void {
    if (this.closed) return;
    if (this.events) this.events.onPeerMessage(data, binary);
    else this.early.push([data, binary]);
  }

  private gone(): void {
    if (this.ended) return;
    this.ended = true;
    this.events?.onPeerClose();
  }
}

/** Two sockets joined to each other: give one to the server, speak through the other. */
export function memorySocketPair(): [MemorySocket, MemorySocket] {
  const a = new MemorySocket();
  const b = new MemorySocket();
  a.other = b;
  b.other = a;
  return [a, b];
}
