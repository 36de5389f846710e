import { describe, expect, it } from 'vitest';
import { CLOCK_WINDOW, ClockEstimate, clockSampleGap, localNow } from './clock.js';

/** A server whose clock runs `offset` ms ahead; the reply leaves it halfway through the trip. */
function exchange(clock: ClockEstimate, t0: number, offset: number, outbound: number, inbound: number) {
  return clock.add(t0, t0 + outbound + offset, t0 + outbound + inbound);
}

describe('ClockEstimate', () => {
  it('starts at offset 0 with no round trip measured', () => {
    const clock = new ClockEstimate();
    expect(clock.offset).toBe(0);
    expect(clock.rtt).toBeNaN();
    expect(clock.sampleCount).toBe(0);
  });

  it('finds the offset of a server ahead or behind from symmetric trips', () => {
    const ahead = new ClockEstimate();
    exchange(ahead, 1_000, 250, 5, 5);
    expect(ahead.offset).toBe(250);
    expect(ahead.rtt).toBe(10);

    const behind = new ClockEstimate();
    exchange(behind, 1_000, -1_200.5, 2, 2);
    expect(behind.offset).toBeCloseTo(-1_200.5, 9);
  });

  it('trusts the quickest round trips over congested ones', () => {
    const clock = new ClockEstimate();
    // Four clean samples (1 ms each way), then slow ones queued on the way back,
    // which would pull a plain average 100 ms off.
    for (let i = 0; i < 4; i++) exchange(clock, 10_000 + i * 100, 40, 1, 1);
    for (let i = 0; i < 8; i++) exchange(clock, 20_000 + i * 100, 40, 1, 200);
    expect(clock.offset).toBe(40);
    // The round trip reported is the recent one, so a player can see the line is slow now.
    expect(clock.rtt).toBe(201);
  });

  it('takes the quickest trip each way, even from different samples', () => {
    const clock = new ClockEstimate();
    // The true offset is 12 ms. No sample is quick both ways, but some are quick up
    // (1 ms) and others quick down (1 ms): a round-trip filter would be 9.5 ms off.
    for (let i = 0; i < 3; i++) exchange(clock, 1_000 + i * 100, 12, 1, 20);
    for (let i = 0; i < 3; i++) exchange(clock, 2_000 + i * 100, 12, 20, 1);
    expect(clock.offset).toBeCloseTo(12, 9);
  });

  it('is not moved by one freak reading', () => {
    const clock = new ClockEstimate();
    for (let i = 0; i < 8; i++) exchange(clock, 1_000 + i * 100, 30, 2, 2);
    // A reply stamped 50 ms early (a local clock step, say) looks like a very quick trip up.
    clock.add(5_000, 5_000 + 2 + 30 - 50, 5_000 + 4);
    expect(clock.offset).toBeCloseTo(30, 9);
  });

  it('forgets samples older than its window', () => {
    const clock = new ClockEstimate();
    // Very quick samples at an old offset, then many ordinary ones at a new offset.
    for (let i = 0; i < 4; i++) exchange(clock, i * 10, 500, 0, 0);
    for (let i = 0; i < CLOCK_WINDOW; i++) exchange(clock, 1_000 + i * 10, 30, 3, 3);
    expect(clock.offset).toBe(30);
    expect(clock.sampleCount).toBe(CLOCK_WINDOW);
  });

  it('ignores replies that cannot be right', () => {
    const clock = new ClockEstimate();
    exchange(clock, 1_000, 20, 3, 3);
    expect(clock.add(2_000, 2_010, 1_999)).toBeNull(); // received before it was sent
    expect(clock.add(2_000, Number.NaN, 2_004)).toBeNull();
    expect(clock.add(2_000, Number.POSITIVE_INFINITY, 2_004)).toBeNull();
    expect(clock.add(Number.NaN, 2_000, 2_004)).toBeNull();
    expect(clock.sampleCount).toBe(1);
    expect(clock.offset).toBe(20);
  });

  it('gives the shared time as local time plus the offset', () => {
    const clock = new ClockEstimate();
    exchange(clock, 5_000, 1_000, 1, 1);
    const before = localNow();
    const shared = clock.now();
    const after = localNow();
    expect(shared).toBeGreaterThanOrEqual(before + 1_000);
    expect(shared).toBeLessThanOrEqual(after + 1_000);
  });

  it('keeps the offset but forgets the round trip on reset, and starts afresh', () => {
    const clock = new ClockEstimate();
    exchange(clock, 1_000, 70, 2, 2);
    clock.reset();
    expect(clock.sampleCount).toBe(0);
    expect(clock.rtt).toBeNaN();
    // The last known offset still serves until a new sample arrives.
    expect(clock.offset).toBe(70);
    exchange(clock, 3_000, -10, 4, 4);
    expect(clock.offset).toBe(-10);
    expect(clock.rtt).toBe(8);
  });
});

describe('clock sampling', () => {
  it('fills the estimate window within about 16 s, then samples at the interval', () => {
    let elapsed = 0;
    for (let sent = 1; sent < CLOCK_WINDOW; sent++) elapsed += clockSampleGap(sent, 1000);
    expect(elapsed).toBeLessThanOrEqual(16_000);
    expect(clockSampleGap(1, 1000)).toBeLessThanOrEqual(100);
    expect(clockSampleGap(CLOCK_WINDOW, 1000)).toBe(1000);
    expect(clockSampleGap(CLOCK_WINDOW, 5000)).toBe(5000);
    // A session asking for frequent samples is never slowed by the fill.
    expect(clockSampleGap(20, 100)).toBe(100);
  });
});
