/**
 * `PeerSocket` over `ws`: the framing, the closing handshake and the transport's
 * limits come from the library the field uses, set up for this server.
 *
 *   upgrade ─ Attune's checks (server.ts) ─ checkHandshake ─ handleUpgrade ─ WsPeerSocket
 *                                                      heartbeat: ping ─ pong ─┘
 *
 * What `ws` bounds by itself: the message size (`maxPayload`, 1009), fragments
 * per message (16,384, then 1008), buffered chunks, and pongs the peer does not
 * read (more than 60 unsent, and the socket is dropped). What is added here: a
 * heartbeat that drops a peer that answers nothing, which also ends a frame
 * trickled in slowly, and one socket write per connection per event-loop turn.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ServerOptions } from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Limits } from './config.js';
import type { PeerEvents, PeerSocket } from './socket.js';

/** A Sec-WebSocket-Key: 16 random bytes in base64 (padding bits not checked, as `ws` does not). */
const KEY = /^[+/0-9A-Za-z]{22}==$/;

/** A request that is not a WebSocket opening handshake this server speaks. */
export class HandshakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Checks a WebSocket opening handshake (RFC 6455 §4.2.1) before `ws` sees it,
 * so that a refusal is the server's JSON answer with the status that says why,
 * like every other refusal at the upgrade. `ws` checks again; it would also
 * take version 8, which no browser has sent since 2012.
 */
export function checkHandshake(req: IncomingMessage): void {
  if (req.method !== 'GET') throw new HandshakeError(405, 'A WebSocket upgrade must be a GET request');
  if (req.headers.upgrade?.toLowerCase() !== 'websocket')
    throw new HandshakeError(400, 'The Upgrade header must be "websocket"');
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !KEY.test(key.trim()))
    throw new HandshakeError(400, 'Missing or invalid Sec-WebSocket-Key header');
  if (req.headers['sec-websocket-version'] !== '13')
    throw new HandshakeError(426, 'Only WebSocket version 13 is spoken here', {
      'Sec-WebSocket-Version': '13',
    });
}

/** The close code `ws` sent for a protocol error, from the error's documented `code`. */
function closeCodeOf(error: Error & { code?: string }): number | null {
  const code = error.code;
  if (!code?.startsWith('WS_ERR_')) return null;
  if (code.startsWith('WS_ERR_UNSUPPORTED_')) return 1009;
  if (code === 'WS_ERR_INVALID_UTF8') return 1007;
  if (code.startsWith('WS_ERR_TOO_MANY_')) return 1008;
  return 1002;
}

/** Sockets written to in this event-loop turn: uncorked together once the turn's input is handled. */
const corked: WsPeerSocket[] = [];
let uncorkScheduled = false;

function uncorkAll(): void {
  uncorkScheduled = false;
  for (const peer of corked.splice(0)) peer.uncork();
}

// The listeners are the same functions for every socket; each finds its peer through `this`,
// so that a connection costs no closures.
const PEER = Symbol('attune.peer');
type Wired = WebSocket & { [PEER]: WsPeerSocket };
function onMessage(this: WebSocket, data: Buffer, binary: boolean): void {
  const peer = (this as Wired)[PEER];
  peer.alive = true;
  peer.events?.onPeerMessage(data, binary);
}
function onPong(this: WebSocket): void {
  (this as Wired)[PEER].alive = true;
}
function onError(this: WebSocket, error: Error): void {
  const code = closeCodeOf(error);
  if (code !== null) (this as Wired)[PEER].events?.onPeerError(code, error.message);
}
function onClose(this: WebSocket): void {
  (this as Wired)[PEER].gone();
}

export class WsPeerSocket implements PeerSocket {
  /** Set by the connection through `listen`. */
  events: PeerEvents | null = null;
  /** The peer answered (a pong or a message) since the last heartbeat. */
  alive = true;
  private corked = false;

  constructor(
    readonly ws: WebSocket,
    /** The TCP socket under `ws`, which this server handed to it at the upgrade. */
    private readonly raw: Socket,
    private readonly owner: WsPeers,
  ) {
    (ws as Wired)[PEER] = this;
    ws.on('message', onMessage);
    ws.on('pong', onPong);
    ws.on('error', onError);
    ws.on('close', onClose);
  }

  listen(events: PeerEvents): void {
    this.events = events;
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    // What several peers said in one turn leaves in one write (one syscall), not one per message.
    if (!this.corked) {
      this.corked = true;
      this.raw.cork();
      corked.push(this);
      if (!uncorkScheduled) {
        uncorkScheduled = true;
        setImmediate(uncorkAll);
      }
    }
    this.ws.send(data, { binary: true });
  }

  /** @internal The turn is over: write what was sent in it. */
  uncork(): void {
    this.corked = false;
    this.raw.uncork();
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  /** @internal One heartbeat: drop a peer that answered nothing since the last one, ping the rest. */
  beat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  /** @internal The connection is gone. */
  gone(): void {
    this.owner.peers.delete(this);
    this.events?.onPeerClose();
  }
}

/** `ws` as this server uses it: no compression, its size limit, and the heartbeat. */
export class WsPeers {
  readonly peers = new Set<WsPeerSocket>();
  private readonly server: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(limits: Limits) {
    // closeTimeout and maxPendingAutoPongs are ws 8.23 options that its published types lack.
    const options: ServerOptions & { closeTimeout: number } = {
      noServer: true,
      perMessageDeflate: false,
      maxPayload: limits.maxFrameBytes,
      skipUTF8Validation: false,
      clientTracking: false,
      // A peer that does not answer our close frame is dropped after this.
      closeTimeout: limits.closeGraceMs,
    };
    this.server = new WebSocketServer(options);
    // Every peer answers a ping (browsers do it themselves); one that answers none in two
    // rounds is gone or stuck mid-frame. Half the timeout apart, so none is kept past it.
    this.heartbeat = setInterval(() => {
      for (const peer of this.peers) peer.beat();
    }, limits.idleTimeoutMs / 2);
    this.heartbeat.unref();
  }

  /**
   * Completes an upgrade that Attune's own checks let through; `accepted` gets
   * the socket in the same turn. Throws a `HandshakeError` for a request that
   * is not a WebSocket handshake this server speaks.
   */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, accepted: (peer: WsPeerSocket) => void): void {
    checkHandshake(req);
    this.server.handleUpgrade(req, socket, head, (ws) => {
      const peer = new WsPeerSocket(ws, socket as Socket, this);
      this.peers.add(peer);
      accepted(peer);
    });
  }

  /** Stops the heartbeat; the sockets are closed by their connections. */
  stop(): void {
    clearInterval(this.heartbeat);
    this.server.close();
  }
}
