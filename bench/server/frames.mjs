/**
 * Pre-encoded y-websocket frames for the load generator, with no Yjs on the
 * hot path. Each drawing update is a genuine Yjs update (one `Y.Array.push`
 * of a short string) written byte for byte as Yjs writes it; `verifyFrames()`
 * proves that against Yjs itself before any run. The send time travels inside
 * the payload: in the pushed string (`@t=` + 14 fixed-width characters) and in
 * the awareness state (`"t":`), so the receiving client of the same process
 * reads it back on the same clock.
 */
import * as Y from 'yjs';

const TIME_MARK = Buffer.from('@t=');
const TIME_WIDTH = 14;
const ARRAY_NAME = 'p';
const AWARENESS_MARK = Buffer.from('"t":');

/** The current time in ms on the generator's monotonic clock. */
export const now = () => performance.now();

/** @param {number[]} out @param {number} n */
function varUint(out, n) {
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** @param {number} t */
function timeText(t) {
  return t.toFixed(3).padStart(TIME_WIDTH, '0');
}

/**
 * The Yjs update that the client `client` produces when it pushes its
 * `clock`-th string onto the root array, as a sync update frame (0, 2).
 * @param {number} client @param {number} clock @param {number} t
 */
export function updateFrame(client, clock, t) {
  /** @type {number[]} */
  const u = [1, 1];
  varUint(u, client);
  varUint(u, clock);
  if (clock === 0) {
    // ContentAny, no origin: the parent is the root type named ARRAY_NAME.
    u.push(8, 1, ARRAY_NAME.length, ...Buffer.from(ARRAY_NAME));
  } else {
    // ContentAny with the previous item of the same client as left origin.
    u.push(0x88);
    varUint(u, client);
    varUint(u, clock - 1);
  }
  const text = `@t=${timeText(t)}`;
  u.push(1, 119, text.length, ...Buffer.from(text), 0);
  /** @type {number[]} */
  const frame = [0, 2];
  varUint(frame, u.length);
  return Buffer.from(frame.concat(u));
}

/**
 * An awareness frame (1) carrying one client's presence with its send time.
 * @param {number} client @param {number} clock @param {string} stateHead JSON up to the time field
 * @param {number} t
 */
export function awarenessFrame(client, clock, stateHead, t) {
  const state = Buffer.from(`${stateHead}"t":${t.toFixed(3)}}`);
  /** @type {number[]} */
  const inner = [1];
  varUint(inner, client);
  varUint(inner, clock);
  varUint(inner, state.length);
  /** @type {number[]} */
  const head = [1];
  varUint(head, inner.length + state.length);
  return Buffer.concat([Buffer.from(head.concat(inner)), state]);
}

/** A presence state as a client would publish it, without the closing brace and time. */
export function stateHead(/** @type {number} */ i) {
  const x = (i * 37) % 1000;
  return `{"user":{"id":"b_${i}","name":"Participant ${i}","role":"client","color":"#3a7bd5"},"cursor":{"x":${x},"y":${1000 - x}},`;
}

/** Sync step 1 with an empty state vector: "send me everything". */
export const SYNC_STEP1_EMPTY = Buffer.from([0, 0, 1, 0]);

/** @param {Buffer} buf @param {number} pos @returns {[number, number]} value, next position */
function readVarUint(buf, pos) {
  let n = 0;
  let mult = 1;
  for (;;) {
    const b = buf[pos++];
    n += (b & 0x7f) * mult;
    if (b < 0x80) return [n, pos];
    mult *= 128;
  }
}

/**
 * Reads one received frame. Returns the kind and, when it carries a send time
 * from another client, that time; `fromSelf` marks a server echo.
 * @param {Buffer} buf @param {number} self this client's id
 * @returns {{ kind: 'update' | 'awareness' | 'step1' | 'step2' | 'other', t: number, fromSelf: boolean }}
 */
export function readFrame(buf, self) {
  const type = buf[0];
  if (type === 0) {
    const sub = buf[1];
    if (sub === 0) return { kind: 'step1', t: NaN, fromSelf: false };
    // Step 2 answers this client's own step 1: the document so far, not a relayed frame.
    if (sub === 1) return { kind: 'step2', t: NaN, fromSelf: false };
    if (sub !== 2) return { kind: 'other', t: NaN, fromSelf: false };
    const at = buf.indexOf(TIME_MARK, 2);
    if (at < 0) return { kind: 'other', t: NaN, fromSelf: false };
    // The first struct's client id follows the length prefix and [1 client, n structs].
    let [, pos] = readVarUint(buf, 2);
    [, pos] = readVarUint(buf, pos);
    [, pos] = readVarUint(buf, pos);
    const [client] = readVarUint(buf, pos);
    const t = Number(buf.toString('latin1', at + TIME_MARK.length, at + TIME_MARK.length + TIME_WIDTH));
    return { kind: 'update', t, fromSelf: client === self };
  }
  if (type === 1) {
    let [, pos] = readVarUint(buf, 1);
    const [count, p1] = readVarUint(buf, pos);
    pos = p1;
    if (count !== 1) return { kind: 'other', t: NaN, fromSelf: false };
    const [client] = readVarUint(buf, pos);
    const at = buf.indexOf(AWARENESS_MARK, pos);
    if (at < 0) return { kind: 'other', t: NaN, fromSelf: client === self };
    const start = at + AWARENESS_MARK.length;
    let end = start;
    while (end < buf.length && buf[end] !== 0x7d /* } */ && buf[end] !== 0x2c /* , */) end++;
    const t = Number(buf.toString('latin1', start, end));
    return { kind: 'awareness', t, fromSelf: client === self };
  }
  return { kind: 'other', t: NaN, fromSelf: false };
}

/**
 * Checks the hand-written frames against Yjs: the same bytes as
 * `Y.Array.push`, and a document built from them holds the pushed strings.
 */
export function verifyFrames() {
  const client = 2_000_000_001;
  const doc = new Y.Doc();
  doc.clientID = client;
  /** @type {Uint8Array[]} */
  const fromYjs = [];
  doc.on('update', (/** @type {Uint8Array} */ u) => fromYjs.push(u));
  const times = [];
  for (let i = 0; i < 300; i++) {
    const t = 1000 + i * 33.333;
    times.push(t);
    doc.getArray(ARRAY_NAME).push([`@t=${timeText(t)}`]);
  }
  const replica = new Y.Doc();
  for (let i = 0; i < times.length; i++) {
    const frame = updateFrame(client, i, times[i]);
    let [len, pos] = readVarUint(frame, 2);
    const update = frame.subarray(pos, pos + len);
    if (Buffer.compare(update, Buffer.from(fromYjs[i])) !== 0) {
      throw new Error(`update ${i} differs from what Yjs writes`);
    }
    const read = readFrame(frame, 0);
    if (read.kind !== 'update' || Math.abs(read.t - times[i]) > 0.001) throw new Error('time not read back');
    Y.applyUpdate(replica, update);
  }
  const items = replica.getArray(ARRAY_NAME).toArray();
  if (items.length !== times.length || items[299] !== `@t=${timeText(times[299])}`) {
    throw new Error('a document built from the frames lacks the pushed items');
  }
  const aw = awarenessFrame(123456, 300, stateHead(7), 4321.5);
  const a = readFrame(aw, 1);
  if (a.kind !== 'awareness' || a.t !== 4321.5 || a.fromSelf) throw new Error('awareness time not read back');
  const inner = aw.subarray(readVarUint(aw, 1)[1]);
  const state = JSON.parse(inner.toString('utf8', inner.indexOf('{')));
  if (state.t !== 4321.5 || state.user.name !== 'Participant 7')
    throw new Error('awareness state is not JSON');
}
