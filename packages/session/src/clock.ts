/**
 * Shared clock estimate from message 110 (NTP-style): the client sends its
 * time t0, the server answers with t0 and its own time ts, the client reads
 * t3 on arrival. offset = ts - (t0 + t3) / 2, rtt = t3 - t0.
 *
 * The estimate reads each direction on its own: a sample's trip up is
 * ts - t0 = offset + delay up, its trip down t3 - ts = delay down - offset,
 * so with equal least delays both ways the offset is half the difference
 * between the quickest trip up and the quickest trip down in the window.
 * A sample with a quick round trip needs both legs quick at once; the
 * quickest leg each way can come from any sample, which halves the spread
 * between two clients on a jittery path (a simulation is in
 * bench/music/clock-estimator.mjs). The second quickest is used, so one
 * freak reading cannot move the clock.
 */

/** Milliseconds. */
export type Millis = number;

export interface ClockSample {
  offset: Millis;
  rtt: Millis;
}

// 64 samples: enough fast trips to pick from. The session fills the window in about 16 s (four
// samples a second after its first burst), then renews it at one a second, about a minute, short
// enough that typical clock drift (about 10 ppm, under a millisecond a minute) stays small.
export const CLOCK_WINDOW = 64;
const CLOCK_BURST = 6;
const CLOCK_BURST_GAP: Millis = 60;
const CLOCK_FILL_GAP: Millis = 250;

/**
 * The wait before the next clock sample, after `sent` samples: a burst of six
 * at once, for a first estimate; then four a second until the window is full
 * (about 16 s), so that the quickest trips come from a full window early in a
 * session; then one every `interval`. A shared pulse started with only the
 * burst behind it is a few milliseconds less tight between two people on a
 * jittery path.
 */
export function clockSampleGap(sent: number, interval: Millis): Millis {
  if (sent < CLOCK_BURST) return CLOCK_BURST_GAP;
  if (sent < CLOCK_WINDOW) return Math.min(CLOCK_FILL_GAP, interval);
  return interval;
}

/** Recent samples whose median round trip is reported. */
const BEST = 4;

export function localNow(): Millis {
  return performance.timeOrigin + performance.now();
}

export class ClockEstimate {
  private samples: ClockSample[] = [];
  private _offset: Millis = 0;
  private _rtt: Millis = Number.NaN;

  /** Shared clock minus local clock, in milliseconds. */
  get offset(): Millis {
    return this._offset;
  }

  /** Latest smoothed round trip to the server, NaN before the first sample. */
  get rtt(): Millis {
    return this._rtt;
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  add(clientSend: Millis, serverTime: Millis, clientReceive: Millis): ClockSample | null {
    const rtt = clientReceive - clientSend;
    if (!(rtt >= 0) || !Number.isFinite(serverTime)) return null;
    const sample = { offset: serverTime - (clientSend + clientReceive) / 2, rtt };
    this.samples.push(sample);
    if (this.samples.length > CLOCK_WINDOW) this.samples.shift();
    const up = quickest(this.samples.map((s) => s.offset + s.rtt / 2));
    const down = quickest(this.samples.map((s) => s.rtt / 2 - s.offset));
    this._offset = (up - down) / 2;
    this._rtt = median(this.samples.slice(-BEST).map((s) => s.rtt));
    return sample;
  }

  reset(): void {
    this.samples = [];
    this._rtt = Number.NaN;
  }

  /** Now on the shared clock (server time), in milliseconds since the epoch. */
  now(): Millis {
    return localNow() + this._offset;
  }
}

/** The second smallest value (the smallest when there is one). */
function quickest(values: number[]): number {
  let first = Number.POSITIVE_INFINITY;
  let second = Number.POSITIVE_INFINITY;
  for (const v of values) {
    if (v < first) {
      second = first;
      first = v;
    } else if (v < second) second = v;
  }
  return Number.isFinite(second) ? second : first;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
