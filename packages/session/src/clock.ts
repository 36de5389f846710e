/**
 * Shared clock estimate from message 110 (NTP-style): the client sends its
 * time t0, the server answers with t0 and its own time ts, the client reads
 * t3 on arrival. offset = ts - (t0 + t3) / 2, rtt = t3 - t0. The estimate
 * keeps the samples with the smallest round trips, which carry the least
 * queueing noise.
 */

/** Milliseconds. */
export type Millis = number;

export interface ClockSample {
  offset: Millis;
  rtt: Millis;
}

// About a minute of samples at one a second: enough fast round trips to pick from,
// short enough that typical clock drift (about 10 ppm, under a millisecond a minute) stays small.
export const CLOCK_WINDOW = 64;
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
    const best = [...this.samples].sort((a, b) => a.rtt - b.rtt).slice(0, BEST);
    this._offset = median(best.map((s) => s.offset));
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
