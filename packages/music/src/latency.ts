/** Round-trip honesty: how a participant's delay to the server is shown. */
import type { Millis } from './units.js';

export type LatencyLevel = 'good' | 'fair' | 'poor' | 'unknown';

/** ≤ 25 ms good (green), ≤ 50 ms fair (amber), else poor (red). */
export function latencyLevel(rtt: Millis | null | undefined): LatencyLevel {
  if (typeof rtt !== 'number' || !Number.isFinite(rtt) || rtt < 0) return 'unknown';
  if (rtt <= 25) return 'good';
  if (rtt <= 50) return 'fair';
  return 'poor';
}
