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
 * timestamp neither moves a beat nor spaces two beats unevenly.
 */
import type * as Tone from 'tone';
import { SteadyReading } from '../pulse.js';
import type { Millis, Seconds } from '../units.js';

export class OutputClock {
  private readonly lag = new SteadyReading(0.2, 0.25, 2);

  constructor(private readonly context: Tone.BaseContext) {}

  /** The context time at which a sound is heard at shared time `at`, given the shared clock's offset. */
  toContextTime(at: Millis, offset: Millis): Seconds {
    const page = at - offset - performance.timeOrigin;
    const stamp = this.stamp();
    if (stamp) return (page - this.lag.follow(stamp.performanceTime - stamp.contextTime * 1000)) / 1000;
    return this.context.currentTime + (page - performance.now()) / 1000;
  }

  /**
   * When a sound at this context time leaves the speakers, in local epoch ms,
   * from one fresh output timestamp: a measurement of what toContextTime aimed at.
   */
  contextToEpoch(time: Seconds): Millis {
    const stamp = this.stamp();
    const page = stamp
      ? stamp.performanceTime + (time - stamp.contextTime) * 1000
      : performance.now() + (time - this.context.currentTime) * 1000;
    return performance.timeOrigin + page;
  }

  /** Runs `fn` about when the context reaches `time` (for visuals, not sound). */
  at(time: Seconds, fn: () => void): void {
    setTimeout(fn, Math.max(0, (time - this.context.currentTime) * 1000));
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
