#!/usr/bin/env node
/**
 * Simulates the session's shared-clock estimate (median offset of the fastest
 * samples in a sliding window) on a path of 20 ms ± 10 ms each way, and prints
 * the offset error for a few window sizes, for one client and between two
 * clients. The true offset is zero, so the estimate is its own error.
 *
 * Beside it, the same window read another way: the fastest trip each way on
 * its own. A sample's trip up is ts - t0 = offset + rtt / 2 and down is
 * t3 - ts = rtt / 2 - offset, so the offset is half the difference between the
 * smallest up and the smallest down. A sample with a fast round trip needs
 * both legs fast at once; the fastest of each leg comes from any sample.
 *
 *   node bench/music/clock-estimator.mjs
 */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
let seed = 1;
/** mulberry32: a small seeded generator, so runs repeat. */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function estimate(window, best) {
  const samples = Array.from({ length: window }, () => {
    const up = 20 + (random() * 2 - 1) * 10;
    const down = 20 + (random() * 2 - 1) * 10;
    return { rtt: up + down, offset: (up - down) / 2 };
  });
  if (best === 'each way') {
    const up = Math.min(...samples.map((s) => s.offset + s.rtt / 2));
    const down = Math.min(...samples.map((s) => s.rtt / 2 - s.offset));
    return (up - down) / 2;
  }
  const fastest = samples.sort((a, b) => a.rtt - b.rtt).slice(0, best);
  return median(fastest.map((s) => s.offset));
}
const at = (xs, p) => `${xs[Math.floor(xs.length * p)].toFixed(2)} ms`;
console.log('| window | fastest kept | one client p50 / p95 | between two clients p50 / p95 |');
console.log('|---|---|---|---|');
for (const [window, best] of [
  [16, 4],
  [32, 4],
  [64, 4],
  [128, 4],
  [256, 4],
  [16, 'each way'],
  [32, 'each way'],
  [64, 'each way'],
]) {
  const one = [];
  const two = [];
  for (let i = 0; i < 20_000; i++) {
    const a = estimate(window, best);
    one.push(Math.abs(a));
    two.push(Math.abs(a - estimate(window, best)));
  }
  one.sort((x, y) => x - y);
  two.sort((x, y) => x - y);
  console.log(
    `| ${window} | ${best} | ${at(one, 0.5)} / ${at(one, 0.95)} | ${at(two, 0.5)} / ${at(two, 0.95)} |`,
  );
}
