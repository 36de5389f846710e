/**
 * A y-websocket client written out by hand over `ws`, so tests can send exactly
 * the bytes they mean (valid or not) and see every frame and close the server
 * sends back. It keeps a Y.Doc in sync like a provider would, but only sends
 * local edits when asked to.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Scope } from '@attune/session/protocol';
import { MESSAGE, SYNC, encodeSaveCheck } from '@attune/session/protocol';
import { until } from './server.js';

export interface Closed {
  code: number;
  reason: string;
}

/** An upgrade the server answered with an HTTP status instead of a WebSocket. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: string } },
  ) {
    super(`upgrade refused with ${status}`);
  }
}

const REMOTE = Symbol('remote');

export interface RawClientOptions {
  /** Extra upgrade request headers (e.g. X-Forwarded-For behind a proxy). */
  headers?: Record<string, string>;
  /** Send the first sync step as soon as the socket opens. Default true. */
  sync?: boolean;
  /** Stop reading from the socket (a slow consumer). Default false. */
  paused?: boolean;
}

export class RawClient {
  readonly doc = new Y.Doc();
  /** Every frame received, in order. */
  readonly frames: Uint8Array[] = [];
  /** Reasons of permission-denied messages (type 2). */
  readonly denied: string[] = [];
  /** Save checks echoed by the server. */
  readonly saveEchoes = new Set<number>();
  /** True once the server's sync step 2 arrived. */
  synced = false;
  /** The first sync step 2 the server sent, as received. */
  firstStep2: Uint8Array | null = null;
  closed: Closed | null = null;
  readonly whenClosed: Promise<Closed>;
  private nextCheck = 1;

  private constructor(readonly ws: WebSocket) {
    this.whenClosed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        resolve(this.closed);
      });
    });
    ws.on('error', () => {
      // A close event always follows; tests look at that.
    });
    ws.on('message', (raw: Buffer) => this.receive(new Uint8Array(raw)));
  }

  /** Opens a connection; rejects with UpgradeRefused when the server answers with HTTP. */
  static open(
    server: { syncUrl: string },
    sid: string,
    scope: Scope | string,
    token: string | null,
    options: RawClientOptions = {},
  ): Promise<RawClient> {
    const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(`${server.syncUrl}/${sid}/${scope}${query}`, {
      headers: options.headers,
      perMessageDeflate: false,
    });
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let body = {};
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as object;
          } catch {
            // Not JSON: the status says enough.
          }
          reject(new UpgradeRefused(res.statusCode ?? 0, body));
          ws.terminate();
        });
      });
      ws.once('open', () => {
        if (options.paused) ws.pause();
        if (options.sync !== false) client.send(client.syncStep1());
        resolve(client);
      });
      ws.once('error', (error) => reject(error));
    });
  }

  send(data: Uint8Array | string): void {
    this.ws.send(data);
  }

  /** Sync step 1 with this client's state vector. */
  syncStep1(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    return encoding.toUint8Array(encoder);
  }

  /** Makes a local edit and sends it as a sync update; returns the update. */
  edit(change: (doc: Y.Doc) => void): Uint8Array {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array, origin: unknown): void => {
      if (origin !== REMOTE) update = update ? Y.mergeUpdates([update, u]) : u;
    };
    this.doc.on('update', capture);
    try {
      this.doc.transact(() => change(this.doc));
    } finally {
      this.doc.off('update', capture);
    }
    if (!update) throw new Error('the edit changed nothing');
    this.send(encodeUpdate(update));
    return update;
  }

  /** Sends a save check and resolves when the server echoes it (everything before it is stored). */
  async saved(timeoutMs = 10_000): Promise<void> {
    const n = this.nextCheck++;
    this.send(encodeSaveCheck(n));
    await until(() => this.saveEchoes.has(n) || this.closed !== null, `save check ${n}`, timeoutMs);
    if (!this.saveEchoes.has(n)) throw new Error(`closed before save check ${n}: ${this.closed?.code}`);
  }

  async whenSynced(timeoutMs = 10_000): Promise<void> {
    await until(() => this.synced, 'sync step 2 from the server', timeoutMs);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }

  private receive(data: Uint8Array): void {
    this.frames.push(data);
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const sub = decoding.peekVarUint(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
      if (sub === SYNC.step2) {
        this.firstStep2 ??= data;
        this.synced = true;
      }
      if (encoding.length(encoder) > 1 && this.ws.readyState === WebSocket.OPEN) {
        this.send(encoding.toUint8Array(encoder));
      }
    } else if (type === MESSAGE.auth) {
      decoding.readVarUint(decoder);
      this.denied.push(decoding.readVarString(decoder));
    } else if (type === MESSAGE.saveCheck) {
      this.saveEchoes.add(decoding.readVarUint(decoder));
    }
  }
}

export function encodeUpdate(update: Uint8Array, sub: number = SYNC.update): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An HS256 JWT, as a portal's backend would mint one with any JWT library. */
export function signToken(payload: Record<string, unknown>, secret: string): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** The claims inside a token, unverified (the tests' own tokens only). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** A fresh, valid session id (16 random bytes of base64url). */
export function randomSid(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
}

/**
 * A WebSocket spoken by hand over a TCP socket, for frames no WebSocket
 * library will send (reserved bits set, broken framing).
 */
export class RawSocket {
  private buffer = Buffer.alloc(0);
  /** Frames from the server: opcode and payload. */
  readonly frames: Array<{ opcode: number; payload: Buffer }> = [];
  ended = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    socket.on('close', () => (this.ended = true));
    socket.on('error', () => (this.ended = true));
  }

  /** Performs the opening handshake; resolves once the server answered 101. */
  static async open(server: { port: number }, path: string): Promise<RawSocket> {
    const socket = connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    let head = Buffer.alloc(0);
    while (!head.includes('\r\n\r\n')) {
      const [chunk] = (await once(socket, 'data')) as [Buffer];
      head = Buffer.concat([head, chunk]);
    }
    const end = head.indexOf('\r\n\r\n') + 4;
    const status = head.subarray(0, head.indexOf('\r\n')).toString();
    if (!status.startsWith('HTTP/1.1 101')) throw new Error(`no upgrade: ${status}`);
    const raw = new RawSocket(socket);
    raw.buffer = head.subarray(end);
    raw.parse();
    return raw;
  }

  /**
   * Writes one client frame. `first` is the whole first byte: FIN, RSV1-3 and
   * opcode. Clients must mask; `masked: false` breaks that rule on purpose.
   */
  sendFrame(first: number, payload: Uint8Array, masked = true): void {
    this.socket.write(RawSocket.frame(first, payload, masked));
  }

  /** One client frame's bytes (see `sendFrame`), to write whole, in pieces or with others. */
  static frame(first: number, payload: Uint8Array, masked = true, mask: Uint8Array = randomBytes(4)): Buffer {
    const length = payload.byteLength;
    const maskBit = masked ? 0x80 : 0;
    let header: Buffer;
    if (length < 126) {
      header = Buffer.from([first, maskBit | length]);
    } else if (length < 0x10000) {
      header = Buffer.from([first, maskBit | 126, length >> 8, length & 0xff]);
    } else {
      header = Buffer.alloc(10);
      header[0] = first;
      header[1] = maskBit | 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    if (!masked) return Buffer.concat([header, payload]);
    const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    return Buffer.concat([header, mask, body]);
  }

  /** The server's close frame, once it arrived. */
  closeFrame(): Closed | null {
    const frame = this.frames.find((f) => f.opcode === 0x8);
    if (!frame) return null;
    return {
      code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005,
      reason: frame.payload.subarray(2).toString('utf8'),
    };
  }

  destroy(): void {
    this.socket.destroy();
  }

  private parse(): void {
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      this.frames.push({ opcode, payload: this.buffer.subarray(offset, offset + length) });
      this.buffer = this.buffer.subarray(offset + length);
    }
  }
}
