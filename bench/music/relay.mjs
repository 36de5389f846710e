/**
 * The relay part of the music benchmark, in Node: a probe room's note from A
 * to B while other rooms are busy playing, through Attune's server and through
 * a minimal ws relay (the anchor) under the same load. Clients, server and
 * relay share this process, so both figures carry the same client overhead
 * and their difference is what the server adds.
 */
import * as decoding from 'lib0/decoding';
import { WebSocketServer } from 'ws';
import { MESSAGE, encodeBroadcast } from '../../packages/session/dist/protocol/index.js';
import { NOTE_CHANNEL, decodeNoteEvent, encodeNoteEvent } from '../../packages/music/dist/note-events.js';

const PROBES = 1000;
const PROBE_GAP_MS = 10;
/** Each busy player plays four notes a second, a lively group. */
const BUSY_GAP_MS = 250;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

function connect(WebSocket, url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.binaryType = 'arraybuffer';
    ws.once('error', reject);
    // The first frame from Attune (sync step 1) means the room is loaded; the anchor sends none.
    const timer = setTimeout(() => resolve(ws), 300);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve(ws);
    });
  });
}

let seq = 0;
function note(time) {
  return encodeBroadcast(
    NOTE_CHANNEL,
    encodeNoteEvent({ sender: 1, seq: seq++, instrument: 'keys', midi: 60, velocity: 90, on: true, time }),
    true,
  );
}

async function run(WebSocket, pairs, probe) {
  const sockets = [];
  for (const [x, y] of pairs) sockets.push(await connect(WebSocket, x), await connect(WebSocket, y));
  const [a, b] = [await connect(WebSocket, probe[0]), await connect(WebSocket, probe[1])];
  const timers = sockets.map((ws, i) => {
    const start = setTimeout(
      () => {
        timers[i] = setInterval(() => ws.readyState === ws.OPEN && ws.send(note(Date.now())), BUSY_GAP_MS);
      },
      (i * BUSY_GAP_MS) / sockets.length,
    );
    return start;
  });
  const sent = new Map();
  const latencies = [];
  b.on('message', (data) => {
    const at = performance.now();
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type !== MESSAGE.recordedBroadcast && type !== MESSAGE.broadcast) return;
    decoding.readVarString(decoder);
    const event = decodeNoteEvent(decoding.readVarUint8Array(decoder));
    const t0 = event && sent.get(event.seq);
    if (t0 !== undefined) latencies.push(at - t0);
  });
  await sleep(1000);
  for (let i = 0; i < PROBES; i++) {
    const message = note(Date.now());
    const event = decodeNoteEvent(
      decoding.readVarUint8Array(
        (() => {
          const d = decoding.createDecoder(message);
          decoding.readVarUint(d);
          decoding.readVarString(d);
          return d;
        })(),
      ),
    );
    sent.set(event.seq, performance.now());
    a.send(message);
    await sleep(PROBE_GAP_MS);
  }
  await sleep(500);
  for (const t of timers) {
    clearTimeout(t);
    clearInterval(t);
  }
  for (const ws of [...sockets, a, b]) ws.terminate();
  return latencies;
}

function minimalRelay() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  const rooms = new Map();
  wss.on('connection', (ws, req) => {
    const room = rooms.get(req.url) ?? new Set();
    rooms.set(req.url, room);
    room.add(ws);
    ws.on('message', (data) => {
      for (const other of room) if (other !== ws && other.readyState === other.OPEN) other.send(data);
    });
    ws.on('close', () => room.delete(ws));
  });
  return new Promise((resolve) => wss.on('listening', () => resolve(wss)));
}

export async function measureRelay({ server, newSession, rooms, WebSocket }) {
  const sessions = [];
  for (let i = 0; i <= rooms; i++) sessions.push(await newSession(['x', 'y']));
  const attuneUrl = (s, i) => `${server.syncUrl}/${s.sid}/space?token=${s.tokens[i]}`;
  const [probeSession, ...busy] = sessions;
  const attune = await run(
    WebSocket,
    busy.map((s) => [attuneUrl(s, 0), attuneUrl(s, 1)]),
    [attuneUrl(probeSession, 0), attuneUrl(probeSession, 1)],
  );
  const relay = await minimalRelay();
  const port = relay.address().port;
  const anchorUrl = (i) => `ws://127.0.0.1:${port}/room-${i}`;
  const anchor = await run(
    WebSocket,
    busy.map((_, i) => [anchorUrl(i + 1), anchorUrl(i + 1)]),
    [anchorUrl(0), anchorUrl(0)],
  );
  await new Promise((r) => relay.close(r));
  return { attune, anchor };
}
