/**
 * The audio engine of one participant's page. Live notes play at once (no
 * Transport, look-ahead 0); the shared pulse is scheduled ahead on the
 * shared clock.
 *
 *   voice ─▶ player gain (volume, mute) ─┐
 *   voice ─▶ player gain ────────────────┼─▶ master gain (fade-in, mute all)
 *   pulse ─▶ pulse gain ─────────────────┘      ─▶ ceiling (≤ -1 dBFS) ─▶ out
 *
 * The master limiter is a soft ceiling (a wave shaper), not a compressor:
 * Chromium's DynamicsCompressorNode delays its input by about 6 ms to look
 * ahead, which live playing cannot afford. The ceiling is transparent below
 * its knee (0.6, about -4.4 dBFS) and never lets a sample past -1 dBFS.
 */
import * as Tone from 'tone';
import type { PulseSound } from '../model.js';
import { clamp } from '../units.js';
import type { Gain, Midi, Seconds, Velocity } from '../units.js';
import { PulseBeats } from './pulse-beats.js';
import type { PulseTiming } from './pulse-beats.js';
import { createVoice } from './voices.js';
import type { Voice } from './voices.js';

/** -1 dBFS as linear gain: nothing leaves the engine louder than this. */
export const CEILING = 10 ** (-1 / 20);
/** How long a volume change or the first start takes, so nothing starts loud. */
export const FADE: Seconds = 0.05;
export const START_FADE: Seconds = 0.4;
/**
 * The shortest note: a tap whose press and release land in one audio quantum
 * (a synthesized click, a switch, both messages in one frame from afar) would
 * otherwise be cancelled before it sounds.
 */
export const MIN_NOTE: Seconds = 0.04;

/** Identity up to the knee, then a smooth bend that never passes the ceiling. */
function ceilingCurve(size = 4096): Float32Array {
  const knee = 0.6;
  const room = CEILING - knee - 0.02;
  const curve = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const x = (i / (size - 1)) * 2 - 1;
    const a = Math.abs(x);
    const y = a <= knee ? a : knee + room * Math.tanh((a - knee) / room);
    curve[i] = Math.sign(x) * y;
  }
  return curve;
}

interface Channel {
  gain: Tone.Gain;
  voices: Map<string, Voice>;
  volume: Gain;
  muted: boolean;
}

export interface PulseOptions extends PulseTiming {
  sound: PulseSound;
  /** The drone's pitch. */
  root?: Midi;
}

export class MusicEngine {
  readonly context: Tone.BaseContext;
  private readonly master: Tone.Gain;
  private readonly ceiling: Tone.WaveShaper;
  private readonly pulseGain: Tone.Gain;
  private readonly channels = new Map<string, Channel>();
  /** When each held note began, by player, instrument and note. */
  private readonly held = new Map<string, Seconds>();
  private masterVolume: Gain = 0.8;
  private muteAll = false;
  private pulseTimer: ReturnType<typeof setInterval> | undefined;
  private pulseBeats: PulseBeats | null = null;
  private drone: Tone.PolySynth | null = null;
  private disposed = false;
  /** Called for each scheduled pulse beat (its index and context time) and again if it moves. */
  onBeat: ((index: number, time: Seconds) => void) | null = null;

  constructor(context: Tone.BaseContext, options: { fadeIn?: boolean } = {}) {
    this.context = context;
    this.ceiling = new Tone.WaveShaper({ context });
    // Set at once rather than when the context runs, so nothing ever passes unshaped.
    this.ceiling.curve = ceilingCurve();
    this.ceiling.oversample = 'none';
    this.master = new Tone.Gain({ context, gain: options.fadeIn === false ? this.masterVolume : 0 });
    this.pulseGain = new Tone.Gain({ context, gain: 0.5 });
    this.pulseGain.connect(this.master);
    this.master.chain(this.ceiling, context.destination);
    if (options.fadeIn !== false) this.master.gain.rampTo(this.masterVolume, START_FADE, context.currentTime);
  }

  /** Plays a note now (or at `time`) for a participant on an instrument. */
  play(
    player: string,
    instrument: string,
    midi: Midi,
    velocity: Velocity,
    time: Seconds = this.context.currentTime,
  ): void {
    if (this.disposed) return;
    this.voice(player, instrument)?.play(midi, clamp(velocity, 1, 127) / 127, time);
    this.held.set(`${player}\n${instrument}\n${midi}`, time);
  }

  /** Builds a player's instrument ahead of its first note, so that note is not slowed by building it. */
  prepare(player: string, instrument: string): void {
    if (!this.disposed) this.voice(player, instrument);
  }

  release(player: string, instrument: string, midi: Midi, time: Seconds = this.context.currentTime): void {
    if (this.disposed) return;
    const key = `${player}\n${instrument}\n${midi}`;
    const start = this.held.get(key) ?? -Infinity;
    this.held.delete(key);
    this.channels
      .get(player)
      ?.voices.get(instrument)
      ?.release(midi, Math.max(time, start + MIN_NOTE));
  }

  setPlayer(player: string, volume: Gain, muted: boolean): void {
    const channel = this.channel(player);
    channel.volume = clamp(volume, 0, 1);
    channel.muted = muted;
    channel.gain.gain.rampTo(muted ? 0 : channel.volume, FADE, this.context.currentTime);
  }

  setMaster(volume: Gain, muteAll: boolean): void {
    this.masterVolume = clamp(volume, 0, 1);
    this.muteAll = muteAll;
    this.master.gain.cancelScheduledValues(this.context.currentTime);
    this.master.gain.rampTo(muteAll ? 0 : this.masterVolume, FADE, this.context.currentTime);
  }

  /** Starts (or retimes) the shared pulse. Beats are scheduled PULSE_AHEAD ms ahead, and moved if their time moves. */
  startPulse(options: PulseOptions): void {
    this.stopPulse();
    if (options.sound === 'drone') {
      this.drone = new Tone.PolySynth({
        context: this.context,
        voice: Tone.Synth,
        options: {
          oscillator: { type: 'sine' },
          envelope: { attack: 1.5, decay: 0, sustain: 1, release: 1.5 },
        },
      });
      this.drone.volume.value = -18;
      this.drone.connect(this.pulseGain);
      const root = options.root ?? 48;
      const start = Math.max(this.context.currentTime, options.toContextTime(options.startAt));
      this.drone.triggerAttack(
        [root, root + 7].map((m) => 440 * 2 ** ((m - 69) / 12)),
        start,
      );
    }
    // Each beat peaks at -6 dB before the pulse gain, -16 dB under a drone.
    const beats = new PulseBeats(
      this.context,
      this.pulseGain.input,
      options,
      Tone.dbToGain(options.sound === 'drone' ? -16 : -6),
      (index, time) => this.onBeat?.(index, time),
    );
    this.pulseBeats = beats;
    beats.tick();
    this.pulseTimer = setInterval(() => beats.tick(), 25);
  }

  stopPulse(): void {
    clearInterval(this.pulseTimer);
    this.pulseTimer = undefined;
    this.pulseBeats?.stop();
    this.pulseBeats = null;
    const drone = this.drone;
    if (drone) {
      drone.releaseAll(this.context.currentTime);
      setTimeout(() => drone.dispose(), 2000);
    }
    this.drone = null;
  }

  /** Silences every sounding note at once (the therapist's stop). */
  releaseAll(): void {
    for (const channel of this.channels.values()) {
      for (const voice of channel.voices.values()) voice.dispose();
      channel.voices.clear();
    }
    this.held.clear();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopPulse();
    this.releaseAll();
    for (const channel of this.channels.values()) channel.gain.dispose();
    this.channels.clear();
    this.pulseGain.dispose();
    this.master.dispose();
    this.ceiling.dispose();
  }

  private channel(player: string): Channel {
    let channel = this.channels.get(player);
    if (!channel) {
      const gain = new Tone.Gain({ context: this.context, gain: 0.8 });
      gain.connect(this.master);
      channel = { gain, voices: new Map(), volume: 0.8, muted: false };
      this.channels.set(player, channel);
    }
    return channel;
  }

  private voice(player: string, instrument: string): Voice | null {
    const channel = this.channel(player);
    let voice = channel.voices.get(instrument);
    if (!voice) {
      voice = createVoice(instrument, this.context, channel.gain) ?? undefined;
      if (!voice) return null;
      channel.voices.set(instrument, voice);
    }
    return voice;
  }
}
