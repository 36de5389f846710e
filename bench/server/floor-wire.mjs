/**
 * The floor's WebSocket reader: the hand-written RFC 6455 framing that Attune's
 * session server used until it moved to `ws` (packages/session-server/src/
 * wire-socket.ts at commit 0b36f68, compiled, with its comments). It stays here
 * so that the floor keeps meaning "the least a relay on Node's sockets does":
 * it reads each chunk where it lies, with no stream per connection. It has none
 * of the limits a server needs (fragment count, pong back-pressure, idle
 * timeout); it is a yardstick for the benchmark, never a server to run.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** A Sec-WebSocket-Key: 16 random bytes in base64 (padding bits not checked, as `ws` did not). */
const KEY = /^[+/0-9A-Za-z]{22}==$/;
/** An HTTP token (RFC 7230 §3.2.6), as a subprotocol name must be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** A close frame's reason: at most 123 bytes, so the frame stays within 125. */
const MAX_REASON_BYTES = 123;
export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
};
/** A request that is not a valid WebSocket opening handshake. */
export class HandshakeError extends Error {
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}
/**
 * Checks a WebSocket opening handshake (RFC 6455 §4.2.1) and returns the
 * server's answer, the `101 Switching Protocols` response, to write as is.
 * Throws a `HandshakeError` with the HTTP status to refuse it with.
 */
export function handshakeResponse(req) {
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
  const accept = createHash('sha1')
    .update(key.trim() + GUID)
    .digest('base64');
  let response =
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Accept: ${accept}\r\n`;
  // Attune's own clients name no subprotocol; another client that names some gets its first.
  const offered = req.headers['sec-websocket-protocol'];
  if (offered !== undefined) {
    const first = offered.split(',')[0].trim();
    if (!TOKEN.test(first)) throw new HandshakeError(400, 'Invalid Sec-WebSocket-Protocol header');
    response += `Sec-WebSocket-Protocol: ${first}\r\n`;
  }
  return `${response}\r\n`;
}
/** A whole unmasked server frame (RFC 6455 §5.2) with the given opcode around `data`. */
export function encodeFrame(data, opcode = OPCODE.binary) {
  const length = data.byteLength;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x80 | opcode; // FIN
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(data, header);
  return frame;
}
/** Close codes a peer may send (RFC 6455 §7.4). */
function isValidCloseCode(code) {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}
function closePayload(code, reason) {
  let text = Buffer.from(reason);
  if (text.byteLength > MAX_REASON_BYTES) {
    // Cut on a character boundary: drop continuation bytes left dangling at the end.
    let end = MAX_REASON_BYTES;
    while (end > 0 && (text[end] & 0xc0) === 0x80) end--;
    text = text.subarray(0, end);
  }
  const payload = Buffer.allocUnsafe(2 + text.byteLength);
  payload.writeUInt16BE(code, 0);
  payload.set(text, 2);
  return payload;
}
const WIRE = Symbol('attune.wire');
// The socket's listeners are the same functions for every connection; each finds its
// WireSocket through the socket (`this`), so a connection costs no closures.
function onSocketData(chunk) {
  this[WIRE].receive(chunk);
}
/** An `error` listener for sockets from the upgrade on: a socket error ends only that socket. */
export function destroySocket() {
  this.destroy();
}
function onSocketClose() {
  this[WIRE].gone();
}
class FrameError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}
/*
 * What a connection keeps is kept small: thousands sit idle on one server, so
 * the rarely needed reassembly state lives in objects made only when needed, and
 * the closing state in one small integer.
 */
const CLOSE_SENT = 1;
const CLOSE_RECEIVED = 2;
const ENDED = 4;
export class WireSocket {
  constructor(socket, maxPayload, handlers) {
    this.socket = socket;
    this.maxPayload = maxPayload;
    this.handlers = handlers;
    this.partial = null;
    this.fragments = null;
    this.flags = 0;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    // Node's HTTP server keeps sockets half-open when the peer ends; here its FIN is answered
    // with ours at once (Node does that itself when allowHalfOpen is off).
    socket.allowHalfOpen = false;
    socket[WIRE] = this;
    socket.on('data', onSocketData);
    if (!socket.listeners('error').includes(destroySocket)) socket.on('error', destroySocket);
    socket.on('close', onSocketClose);
  }
  /** @internal The socket closed. */
  gone() {
    if (this.flags & ENDED) return;
    this.flags |= ENDED;
    this.handlers.onWireClose();
  }
  /** Reads what the client sent after its handshake, in the same packet. */
  begin(head) {
    if (head.byteLength > 0) this.receive(Buffer.from(head));
  }
  /** True until a close frame has been sent or the socket is gone: frames may still go out. */
  get open() {
    return !(this.flags & (CLOSE_SENT | ENDED)) && !this.socket.destroyed;
  }
  /** Bytes written but not yet taken by the kernel. */
  get bufferedAmount() {
    return this.socket.writableLength;
  }
  /** Writes whole frames (from `encodeFrame`) while the connection is open. */
  write(frames) {
    if (this.open) this.socket.write(frames);
  }
  /**
   * Starts the closing handshake. The TCP connection ends when the peer answers
   * with its close frame, or at once if it already sent one.
   */
  close(code, reason) {
    if (!this.open) return;
    this.flags |= CLOSE_SENT;
    this.socket.write(encodeFrame(closePayload(code, reason), OPCODE.close));
    if (this.flags & CLOSE_RECEIVED) this.socket.end();
  }
  /** Drops the TCP connection without a closing handshake. */
  terminate() {
    this.socket.destroy();
  }
  /** @internal Reads a chunk from the socket. */
  receive(chunk) {
    if (this.flags & (CLOSE_RECEIVED | ENDED)) return;
    const partial = this.partial;
    if (partial) {
      partial.chunks.push(chunk);
      partial.bytes += chunk.byteLength;
      if (partial.bytes < partial.needed) return;
      chunk = Buffer.concat(partial.chunks, partial.bytes);
      this.partial = null;
    }
    let at = 0;
    try {
      while (at < chunk.byteLength && !(this.flags & (CLOSE_RECEIVED | ENDED))) {
        const used = this.readFrame(chunk, at);
        if (used < 0) {
          const rest = chunk.subarray(at);
          this.partial = { chunks: [rest], bytes: rest.byteLength, needed: -used };
          return;
        }
        at += used;
      }
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.fail(error.code, error.message);
    }
  }
  /**
   * Reads the frame at `at` and acts on it. Returns the bytes it took, or, when
   * the frame has not arrived whole, minus the bytes it needs to be read.
   */
  readFrame(chunk, at) {
    const available = chunk.byteLength - at;
    if (available < 2) return -2;
    const first = chunk[at];
    const second = chunk[at + 1];
    if (first & 0x70) {
      const bits = [0x40, 0x20, 0x10].flatMap((bit, i) => (first & bit ? [`RSV${i + 1}`] : []));
      throw new FrameError(1002, `invalid frame: ${bits.join(', ')} must be clear`);
    }
    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    if (!(second & 0x80)) throw new FrameError(1002, 'invalid frame: MASK must be set');
    const control = opcode >= 0x8;
    if (control) {
      if (opcode > OPCODE.pong) throw new FrameError(1002, `invalid opcode ${opcode}`);
      if (!fin) throw new FrameError(1002, 'invalid frame: FIN must be set on a control frame');
    } else if (opcode > OPCODE.binary) throw new FrameError(1002, `invalid opcode ${opcode}`);
    else if (opcode === OPCODE.continuation && !this.fragments)
      throw new FrameError(1002, 'invalid frame: a continuation with nothing to continue');
    else if (opcode !== OPCODE.continuation && this.fragments)
      throw new FrameError(1002, `invalid opcode ${opcode}: the fragmented message is not finished`);
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      header = 4;
      if (available < header) return -header;
      length = chunk.readUInt16BE(at + 2);
    } else if (length === 127) {
      header = 10;
      if (available < header) return -header;
      const high = chunk.readUInt32BE(at + 2);
      length = high > 0 ? Number.MAX_SAFE_INTEGER : chunk.readUInt32BE(at + 6);
    }
    if (control && length > 125)
      throw new FrameError(1002, 'invalid frame: a control frame longer than 125 bytes');
    if (length + (this.fragments?.bytes ?? 0) > this.maxPayload)
      throw new FrameError(1009, `frame too large: the limit is ${this.maxPayload} bytes`);
    const start = at + header + 4;
    if (available < header + 4 + length) return -(header + 4 + length);
    const payload = chunk.subarray(start, start + length);
    const mask = chunk.subarray(start - 4, start);
    for (let i = 0; i < length; i++) payload[i] = payload[i] ^ mask[i & 3];
    if (control) this.onControl(opcode, payload);
    else this.onData(opcode, fin, payload);
    return header + 4 + length;
  }
  onData(opcode, fin, payload) {
    if (opcode !== OPCODE.continuation) {
      if (fin) this.deliver(payload, opcode === OPCODE.binary);
      else
        this.fragments = { chunks: [payload], bytes: payload.byteLength, binary: opcode === OPCODE.binary };
      return;
    }
    const fragments = this.fragments;
    fragments.chunks.push(payload);
    fragments.bytes += payload.byteLength;
    if (!fin) return;
    this.fragments = null;
    this.deliver(Buffer.concat(fragments.chunks, fragments.bytes), fragments.binary);
  }
  deliver(message, binary) {
    if (!binary && !isUtf8(message)) throw new FrameError(1007, 'invalid text frame: not UTF-8');
    if (!(this.flags & CLOSE_SENT)) this.handlers.onWireMessage(message, binary);
  }
  onControl(opcode, payload) {
    if (opcode === OPCODE.ping) {
      if (this.open) this.socket.write(encodeFrame(payload, OPCODE.pong));
      return;
    }
    if (opcode === OPCODE.pong) return;
    // Close: check it, answer it (echoing the peer's code), and end the TCP connection.
    if (payload.byteLength === 1) throw new FrameError(1002, 'invalid close frame: 1 byte');
    let code = 1000;
    if (payload.byteLength >= 2) {
      code = payload.readUInt16BE(0);
      if (!isValidCloseCode(code)) throw new FrameError(1002, `invalid close code ${code}`);
      if (!isUtf8(payload.subarray(2)))
        throw new FrameError(1007, 'invalid close frame: the reason is not UTF-8');
    }
    this.flags |= CLOSE_RECEIVED;
    if (this.flags & CLOSE_SENT) this.socket.end();
    else {
      this.flags |= CLOSE_SENT;
      this.socket.end(encodeFrame(payload.byteLength >= 2 ? closePayload(code, '') : payload, OPCODE.close));
    }
  }
  /** Fails the connection (RFC 6455 §7.1.7): tells the caller, sends a close frame, ends TCP. */
  fail(code, reason) {
    this.flags |= CLOSE_RECEIVED; // read nothing more from this peer
    this.partial = null;
    this.fragments = null;
    this.handlers.onWireError(code, reason);
    this.close(code, reason);
    this.socket.end();
  }
}
