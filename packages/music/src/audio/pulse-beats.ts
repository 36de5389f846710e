/**
 * The shared pulse's beats on one page. Each beat is scheduled a little ahead
 * on the audio clock, at the context time that the shared clock and the
 * output timestamp give for it. Until a beat starts, it is checked again on
 * every tick: when the page's output stalls (its audio thread starved for a
 * moment, the context's time falls behind) or the clock estimate moves, the
 * beats still to come are moved to their new time instead of sounding late.
 *
 * A beat is a small graph of its own (a sine that drops two octaves in 8 ms
 * under a fast decay, a membrane's knock), so it can be taken back before it
 * starts; a shared synthesizer's scheduled events cannot.
 */
import type * as Tone from 'tone';
import { beatsBetween } from '../pulse.js';
import type { Gain, Millis, Seconds } from '../units.js';

/** How far ahead beats are scheduled: more than a busy main thread's longest usual pause. */
export const PULSE_AHEAD: Millis = 200;
/** A beat whose time moved by more than this is moved; less is the follower's own smoothing. */
export const PULSE_MOVE: Seconds = 0.001;
/** Audio within this much of the context's time may already be rendered: too late to move. */
const RENDERED: Seconds = 0.006;
const PITCH_DROP: Seconds = 0.008;
const DECAY: Seconds = 0.09;

export interface PulseTiming {
  startAt: Millis;
  tempo: number;
  /** Shared-clock now, ms. */
  sharedNow: () => Millis;
  /** Maps a shared-clock time to this context's clock. */
  toContextTime: (at: Millis) => Seconds;
}

interface Scheduled {
  time: Seconds;
  osc: OscillatorNode;
  gain: GainNode;
}

export class PulseBeats {
  private readonly pending = new Map<number, Scheduled>();
  private lastBeat = -1;

  constructor(
    private readonly context: Tone.BaseContext,
    private readonly destination: AudioNode,
    private readonly timing: PulseTiming,
    /** Peak level of a beat, as a gain. */
    private readonly level: Gain,
    /** Called when a beat is scheduled and again when it is moved, with its context time. */
    private readonly onBeat: (index: number, time: Seconds) => void,
  ) {}

  /** Schedules the beats of the next PULSE_AHEAD ms and moves those not yet started. */
  tick(): void {
    const now = this.timing.sharedNow();
    const current = this.context.currentTime;
    for (const [index, beat] of this.pending) if (beat.time < current - DECAY) this.pending.delete(index);
    for (const beat of beatsBetween(this.timing.startAt, this.timing.tempo, now, now + PULSE_AHEAD)) {
      const time = this.timing.toContextTime(beat.at);
      if (time < current + RENDERED) continue;
      const scheduled = this.pending.get(beat.index);
      if (scheduled) {
        if (Math.abs(scheduled.time - time) <= PULSE_MOVE || scheduled.time < current + RENDERED) continue;
        this.cancel(scheduled);
      } else if (beat.index <= this.lastBeat) continue;
      this.lastBeat = Math.max(this.lastBeat, beat.index);
      this.pending.set(beat.index, this.schedule(time, beat.index % 4 === 0));
      this.onBeat(beat.index, time);
    }
  }

  /** Takes back the beats not yet started; one already sounding rings out. */
  stop(): void {
    const current = this.context.currentTime;
    for (const beat of this.pending.values()) if (beat.time >= current + RENDERED) this.cancel(beat);
    this.pending.clear();
  }

  private schedule(time: Seconds, downbeat: boolean): Scheduled {
    const pitch = downbeat ? 440 : 329.63;
    const osc = this.context.createOscillator();
    const gain = this.context.createGain();
    osc.frequency.setValueAtTime(pitch * 2, time);
    osc.frequency.exponentialRampToValueAtTime(pitch, time + PITCH_DROP);
    gain.gain.setValueAtTime(0, time);
    gain.gain.linearRampToValueAtTime(this.level * (downbeat ? 0.9 : 0.6), time + 0.001);
    gain.gain.exponentialRampToValueAtTime(1e-4, time + DECAY);
    gain.gain.setValueAtTime(0, time + DECAY);
    osc.connect(gain).connect(this.destination);
    osc.onended = () => gain.disconnect();
    osc.start(time);
    osc.stop(time + DECAY + 0.005);
    return { time, osc, gain };
  }

  private cancel(beat: Scheduled): void {
    beat.gain.disconnect();
    beat.osc.onended = null;
    beat.osc.stop();
  }
}
