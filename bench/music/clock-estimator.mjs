#!/usr/bin/env node
/**
 * Simulates the session's shared-clock estimate (median offset of the fastest
 * samples in a sliding window) on a path of 20 ms ± 10 ms each way, and prints
 * the offset error for a few window sizes. The true offset is zero, so the
 * estimate is its own error.
 *
 *   node bench/music/clock-estimator.mjs
 */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
function estimate(window, best) {
  const samples = Array.from({ length: window }, () => {
    const up = 20 + (random() * 2 - 1) * 10;
    const down = 20 + (random() * 2 - 1) * 10;
    return { rtt: up + down, offset: (up - down) / 2 };
  });
  const fastest = samples.sort((a, b) => a.rtt - b.rtt).slice(0, best);
  return Math.abs(median(fastest.map((s) => s.offset)));
}
console.log('| window | fastest kept | p50 | p95 | p99 |\n|---|---|---|---|---|');
for (const [window, best] of [
  [16, 4],
  [32, 4],
  [64, 4],
  [64, 8],
]) {
  const errors = Array.from({ length: 20_000 }, () => estimate(window, best)).sort((a, b) => a - b);
  const at = (p) => `${errors[Math.floor(errors.length * p)].toFixed(2)} ms`;
  console.log(`| ${window} | ${best} | ${at(0.5)} | ${at(0.95)} | ${at(0.99)} |`);
}
