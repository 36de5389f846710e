/**
 * The one thing a connection needs from a WebSocket: send a binary message,
 * say how much is still unsent, close. Rooms and connections talk to this and
 * nothing else, so they run over `ws` on a real port (`ws-socket.ts`) and over
 * an in-memory pair in tests (`memory-socket.ts`) alike.
 *
 * Framing, the closing handshake, ping and pong, and the transport's own limits
 * (frame size, fragments, idle peers) belong to the implementation.
 */
export interface PeerSocket {
  /** Sends one binary message. Does nothing once the socket is closing. */
  send(data: Uint8Array): void;
  /** Bytes given to `send` that the peer has not yet been sent. */
  readonly bufferedAmount: number;
  /**
   * Starts the closing handshake with `code` and `reason`. A peer that does not
   * finish it within the implementation's grace period is dropped.
   */
  close(code: number, reason: string): void;
  /** Drops the connection at once, without a closing handshake. */
  terminate(): void;
  /** Hands what the peer sends to `events` from now on. Called once, by the connection. */
  listen(events: PeerEvents): void;
}

/**
 * What a socket tells its connection. One object per connection, usually the
 * connection itself: the socket keeps no closures of its own for it.
 */
export interface PeerEvents {
  /** A whole message; `binary` is false for a text message. */
  onPeerMessage(data: Uint8Array, binary: boolean): void;
  /** The peer broke the WebSocket protocol; the socket is already closing with `code`. */
  onPeerError(code: number, reason: string): void;
  /** The connection is gone. Called once, last. */
  onPeerClose(): void;
}
