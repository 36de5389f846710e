/**
 * The floor: the least a Node server on `net` does to relay this load, as a
 * yardstick for the other two, not a server anyone should run. It reads frames
 * with a private copy of the hand-written reader Attune's server had before it
 * moved to `ws` (floor-wire.mjs), encodes each message once and writes it to
 * the room's other clients, one write per receiver per event-loop turn, as
 * Attune does. Nothing else: no auth, no limits, no document, no awareness
 * checks, no storage, no metrics, no logs. It answers a client's sync step 1
 * with an empty step 2, so that the generator's clients sync as they do
 * elsewhere. Talks to the runner over IPC.
 */
import http from 'node:http';
import { HandshakeError, WireSocket, destroySocket, encodeFrame, handshakeResponse } from './floor-wire.mjs';
import { answerRunner } from './child.mjs';
import { SYNC_STEP1_EMPTY } from './frames.mjs';

/** Sync step 2 with an empty Yjs update: the answer to every client's step 1. */
const STEP2_EMPTY = encodeFrame(Buffer.from([0, 1, 2, 0, 0]));
const STEP1 = encodeFrame(SYNC_STEP1_EMPTY);

/** @type {Map<string, Set<Peer>>} */
const rooms = new Map();
/** @type {Set<Peer>} peers with frames waiting for this turn's write */
const queued = new Set();
let flushScheduled = false;

function flushAll() {
  flushScheduled = false;
  const peers = [...queued];
  queued.clear();
  for (const peer of peers) peer.flush();
}

class Peer {
  /** @param {import('node:net').Socket} socket @param {string} room */
  constructor(socket, room) {
    this.room = room;
    /** @type {Buffer[]} */
    this.pending = [];
    this.wire = new WireSocket(socket, 1 << 20, this);
  }

  /** @param {Buffer} frame */
  send(frame) {
    this.pending.push(frame);
    queued.add(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAll);
    }
  }

  flush() {
    const frames = this.pending;
    if (frames.length === 0) return;
    this.pending = [];
    this.wire.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  }

  /** @param {Buffer} data */
  onWireMessage(data) {
    if (data[0] === 0 && data[1] === 0) {
      this.send(STEP2_EMPTY);
      return;
    }
    const frame = encodeFrame(data);
    for (const other of rooms.get(this.room) ?? []) if (other !== this) other.send(frame);
  }

  /** @param {number} code @param {string} reason */
  onWireError(code, reason) {
    this.wire.close(code, reason);
  }

  onWireClose() {
    queued.delete(this);
    const peers = rooms.get(this.room);
    peers?.delete(this);
    if (peers?.size === 0) rooms.delete(this.room);
  }
}

const server = http.createServer((_request, response) => {
  response.writeHead(404);
  response.end();
});
server.on('upgrade', (request, socket, head) => {
  socket.on('error', destroySocket);
  let response;
  try {
    response = handshakeResponse(request);
  } catch (error) {
    if (!(error instanceof HandshakeError)) throw error;
    socket.end(`HTTP/1.1 ${error.status} ${http.STATUS_CODES[error.status]}\r\n\r\n`);
    return;
  }
  const room = new URL(request.url ?? '/', 'http://x').pathname;
  socket.write(response);
  const peer = new Peer(/** @type {import('node:net').Socket} */ (socket), room);
  let peers = rooms.get(room);
  if (!peers) rooms.set(room, (peers = new Set()));
  peers.add(peer);
  peer.send(STEP1);
  peer.wire.begin(head);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = /** @type {import('node:net').AddressInfo} */ (server.address());

answerRunner({
  url: `http://127.0.0.1:${address.port}`,
  rooms: () => rooms.size,
  stop() {
    for (const peers of rooms.values()) for (const peer of peers) peer.wire.terminate();
    server.close();
  },
});
