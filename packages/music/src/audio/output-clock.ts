/**
 * Shared-clock time to an audio context's time, aimed at the moment a sound
 * leaves the speakers. The output timestamp pairs a context time with the page
 * time it is heard, so participants with different output latencies still
 * hear a beat together:
 *
 *   shared ms ─(− clock offset)─▶ local epoch ms ─(− time origin)─▶ page ms
 *             ─(− output lag: page time minus context time)─▶ context s
 *
 * The lag is followed over readings rather than read once, so one noisy
 * timestamp neither moves a beat nor spaces two beats unevenly. The pulse asks
 * for every beat still to come on each tick; readings closer together than
 * FOLLOW_EVERY count once, so how many beats are pending does not change how
 * fast the lag is followed.
 */
import type * as Tone from 'tone';
import { SteadyReading } from '../pulse.js';
import type { Millis, Seconds } from '../units.js';

/** The shortest time between two readings of the output lag. */
const FOLLOW_EVERY: Millis = 20;
/** How long after a sound is due out to read the output timestamp that tells when it went. */
const HEARD_MARGIN: Millis = 5;

export class OutputClock {
  private readonly lag = new SteadyReading(0.2, 0.25, 2);
  private followedAt = -Infinity;

  constructor(private readonly context: Tone.BaseContext) {}

  /** The context time at which a sound is heard at shared time `at`, given the shared clock's offset. */
  toContextTime(at: Millis, offset: Millis): Seconds {
    const page = at - offset - performance.timeOrigin;
    const stamp = this.stamp();
    if (!stamp) return this.context.currentTime + (page - performance.now()) / 1000;
    const now = performance.now();
    if (now - this.followedAt >= FOLLOW_EVERY || !Number.isFinite(this.lag.value)) {
      this.followedAt = now;
      this.lag.follow(stamp.performanceTime - stamp.contextTime * 1000);
    }
    return (page - this.lag.value) / 1000;
  }

  /**
   * When a sound at this context time leaves the speakers, in local epoch ms,
   * from the latest output timestamp: a measurement of what toContextTime aimed at.
   */
  private contextToEpoch(time: Seconds): Millis {
    const stamp = this.stamp();
    const page = stamp
      ? stamp.performanceTime + (time - stamp.contextTime) * 1000
      : performance.now() + (time - this.context.currentTime) * 1000;
    return performance.timeOrigin + page;
  }

  /**
   * Calls `fn` just after a sound at this context time has left the speakers,
   * with when it did (local epoch ms), read from the output timestamp of that
   * moment: a stall of the audio output after it cannot move it any more.
   */
  whenHeard(time: Seconds, fn: (heard: Millis) => void): void {
    const due = this.contextToEpoch(time) - performance.timeOrigin - performance.now();
    setTimeout(() => fn(this.contextToEpoch(time)), Math.max(0, due + HEARD_MARGIN));
  }

  private stamp(): { contextTime: Seconds; performanceTime: number } | null {
    const raw = this.context.rawContext as AudioContext;
    const stamp = typeof raw.getOutputTimestamp === 'function' ? raw.getOutputTimestamp() : null;
    // Zero until the first quantum has been rendered.
    return stamp?.performanceTime && stamp.contextTime !== undefined
      ? { contextTime: stamp.contextTime, performanceTime: stamp.performanceTime }
      : null;
  }
}
