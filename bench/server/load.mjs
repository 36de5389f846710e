/**
 * The load generator: raw y-websocket clients (`ws`, no Yjs), fixed-rate
 * senders scheduled by absolute time, and receivers that read each frame's
 * send time back from its payload.
 *
 *   scheduler (min-heap of due times) ─ frame with send time ─ ws ─▶ server
 *   server ─▶ ws ─ read time from payload ─ latency = now − send time
 *
 * A sender that falls behind by more than one period skips the frames it
 * missed (counted) instead of bursting them, so the offered rate never drifts
 * above the target and lag shows up as misses and timer lag.
 */
import WebSocket from 'ws';
import { SYNC_STEP1_EMPTY, awarenessFrame, now, readFrame, stateHead, updateFrame } from './frames.mjs';

const MAX_SAMPLES = 4_000_000;
/** Latency samples, shared: one load is measured at a time. */
let samples = new Float64Array(0);

/** Counters for one measurement window. */
class Window {
  constructor() {
    if (samples.length === 0) samples = new Float64Array(MAX_SAMPLES);
    this.latency = samples;
    this.reset();
  }
  reset() {
    this.samples = 0;
    this.delivered = 0;
    this.echoes = 0;
    this.otherIn = 0;
    this.sent = 0;
    this.missed = 0;
    /** @type {number[]} */
    this.lags = [];
    this.started = now();
  }
}

let nextClientId = 1 + Math.floor(Math.random() * 1_000_000_000);

class Client {
  /**
   * @param {string} url @param {number} index @param {Window} window
   */
  constructor(url, index, window) {
    this.id = nextClientId++;
    this.index = index;
    this.head = stateHead(index);
    this.updateClock = 0;
    this.awarenessClock = 0;
    /** Sync step 2 answers received: each one follows everything this client sent before its step 1. */
    this.answered = 0;
    this.window = window;
    this.ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    this.ws.on('error', () => {});
    this.ready = new Promise((resolve, reject) => {
      this.ws.once('open', () => this.ws.send(SYNC_STEP1_EMPTY));
      this.ws.once('close', (code) => reject(new Error(`closed with ${code} before syncing`)));
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      this.ws.on('message', (/** @type {Buffer} */ data) => {
        const frame = readFrame(data, this.id);
        const w = this.window;
        if (frame.kind === 'step1') resolve(undefined);
        if (frame.kind === 'step2') this.answered++;
        if (frame.kind === 'update' || frame.kind === 'awareness') {
          if (frame.fromSelf) {
            w.echoes++;
          } else {
            w.delivered++;
            if (w.samples < MAX_SAMPLES) w.latency[w.samples++] = now() - frame.t;
          }
        } else {
          w.otherIn++;
        }
      });
    });
  }

  sendUpdate() {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(updateFrame(this.id, this.updateClock++, now()));
  }

  sendAwareness() {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(awarenessFrame(this.id, ++this.awarenessClock, this.head, now()));
  }

  close() {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve(undefined);
      this.ws.once('close', resolve);
      this.ws.close();
    });
  }
}

/** @typedef {{ client: Client, update: boolean, period: number, due: number }} Stream */

/** A binary min-heap of streams by due time. */
class Heap {
  /** @type {Stream[]} */
  items = [];
  /** @param {Stream} s */
  push(s) {
    const a = this.items;
    a.push(s);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].due <= a[i].due) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = /** @type {Stream} */ (a.pop());
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].due < a[m].due) m = l;
        if (r < a.length && a[r].due < a[m].due) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Rooms of clients on one server: `rooms` rooms of `perRoom` clients, the
 * first client of each room drawing `updateHz` updates/s, everyone sending
 * presence at `awarenessHz`.
 */
export class Load {
  /**
   * @param {{ rooms: Array<{ urls: string[] }>, updateHz: number, awarenessHz: number }} options
   */
  constructor(options) {
    this.options = options;
    this.window = new Window();
    /** @type {Client[][]} */
    this.rooms = [];
    this.heap = new Heap();
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.running = false;
  }

  /** Opens every connection (a few at a time) and waits until each has the server's sync step 1. */
  async connect(concurrency = 32) {
    let index = 0;
    const all = this.options.rooms.flatMap((room, r) => room.urls.map((url, i) => ({ url, r, i })));
    for (let r = 0; r < this.options.rooms.length; r++) this.rooms.push([]);
    const worker = async () => {
      while (index < all.length) {
        const { url, r, i } = all[index++];
        const client = new Client(url, r * 1000 + i, this.window);
        this.rooms[r][i] = client;
        await client.ready;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Starts the fixed-rate senders, with phases spread over each period. */
  start() {
    const t0 = now() + 20;
    const { updateHz, awarenessHz } = this.options;
    for (const room of this.rooms) {
      room.forEach((client, i) => {
        if (awarenessHz > 0) {
          const period = 1000 / awarenessHz;
          this.heap.push({ client, update: false, period, due: t0 + Math.random() * period });
        }
        if (i === 0 && updateHz > 0) {
          const period = 1000 / updateHz;
          this.heap.push({ client, update: true, period, due: t0 + Math.random() * period });
        }
      });
    }
    this.running = true;
    this.tick();
  }

  tick() {
    if (!this.running) return;
    const w = this.window;
    let t = now();
    let n = 0;
    while (this.heap.items.length && this.heap.items[0].due <= t) {
      const s = this.heap.pop();
      const lag = t - s.due;
      w.lags.push(lag);
      let step = 1;
      if (lag >= s.period) {
        const skipped = Math.floor(lag / s.period);
        w.missed += skipped;
        step += skipped;
      }
      s.due += step * s.period;
      if (s.update) s.client.sendUpdate();
      else s.client.sendAwareness();
      w.sent++;
      this.heap.push(s);
      if (++n % 64 === 0) t = now();
    }
    const next = this.heap.items.length ? this.heap.items[0].due - now() : 1000;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next));
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** Sends `count` drawing updates from each room's first client and one presence from everyone. */
  async prime(count) {
    for (const room of this.rooms) {
      for (let k = 0; k < count; k++) room[0].sendUpdate();
      for (const client of room) client.sendAwareness();
    }
    await this.settle();
  }

  /**
   * Resolves once the server has handled everything each client sent so far:
   * a sync step 1 is answered in order, after the frames before it.
   */
  async handled(timeoutMs = 30_000) {
    const clients = this.rooms.flat();
    const targets = clients.map((c) => c.answered + 1);
    for (const c of clients) c.ws.send(SYNC_STEP1_EMPTY);
    const deadline = Date.now() + timeoutMs;
    while (clients.some((c, i) => c.answered < targets[i])) {
      if (Date.now() > deadline) throw new Error('the server did not answer every sync step 1');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Resolves once every socket has sent what it was given. */
  async settle() {
    for (const room of this.rooms) {
      for (const client of room) {
        while (client.ws.bufferedAmount > 0) await new Promise((r) => setImmediate(r));
      }
    }
  }

  async close() {
    this.stop();
    await Promise.all(this.rooms.flat().map((c) => c.close()));
  }

  beginWindow() {
    this.window.reset();
  }

  /** What this window measured. */
  endWindow() {
    const w = this.window;
    const seconds = (now() - w.started) / 1000;
    const latency = w.latency.subarray(0, w.samples).sort();
    const lags = Float64Array.from(w.lags).sort();
    return {
      seconds,
      delivered: w.delivered,
      echoes: w.echoes,
      otherIn: w.otherIn,
      sent: w.sent,
      missed: w.missed,
      p50: quantile(latency, 0.5),
      p99: quantile(latency, 0.99),
      lagP99: quantile(lags, 0.99),
    };
  }
}

/** @param {Float64Array} sorted @param {number} q */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
