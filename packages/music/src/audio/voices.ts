/**
 * The sound side of the instrument registry: every instrument synthesized
 * with Tone.js, no samples. A voice plays into the node it is given.
 *
 *   voice (synths, per instrument) ──▶ output (the player's channel)
 */
import * as Tone from 'tone';
import type { Midi, Seconds } from '../units.js';

export interface Voice {
  /** Starts a note at `time` on the context's clock; velocity 0 to 1. */
  play(midi: Midi, velocity: number, time: Seconds): void;
  /** Ends a held note (instruments that ring on ignore it). */
  release(midi: Midi, time: Seconds): void;
  dispose(): void;
}

export type VoiceFactory = (context: Tone.BaseContext, output: Tone.InputNode) => Voice;

const factories = new Map<string, VoiceFactory>();

/** Adds or replaces an instrument's sound; pair it with `registerInstrumentInfo`. */
export function registerVoice(id: string, factory: VoiceFactory): void {
  factories.set(id, factory);
}

export function createVoice(id: string, context: Tone.BaseContext, output: Tone.InputNode): Voice | null {
  return factories.get(id)?.(context, output) ?? null;
}

const hz = (midi: Midi): number => 440 * 2 ** ((midi - 69) / 12);

/**
 * A polyphonic voice from a fixed pool of monophonic synths, all built up
 * front: Tone's PolySynth builds a new synth when its voices run out, which
 * costs milliseconds on the very note being played. `ring` instruments let
 * every note decay on its own.
 */
function pooled(
  make: (context: Tone.BaseContext) => Tone.Synth | Tone.FMSynth,
  ring: boolean,
  size = 12,
): VoiceFactory {
  return (context, output) => {
    const pool = Array.from({ length: size }, () => make(context).connect(output));
    const holding = new Map<Midi, number>();
    let next = 0;
    return {
      play: (midi, velocity, time) => {
        const held = holding.get(midi);
        const index = held ?? next++ % pool.length;
        holding.set(midi, index);
        if (ring) pool[index]!.triggerAttackRelease(hz(midi), 0.05, time, velocity);
        else pool[index]!.triggerAttack(hz(midi), time, velocity);
      },
      release: (midi, time) => {
        const index = holding.get(midi);
        if (index === undefined) return;
        holding.delete(midi);
        if (!ring) pool[index]!.triggerRelease(time);
      },
      dispose: () => pool.forEach((synth) => synth.dispose()),
    };
  };
}

/**
 * Plucked strings: a small round-robin pool of Karplus-Strong voices. A string
 * speaks only after one period of its delay line (6 ms for a low E), so a short
 * pick noise sounds at once, as a real pick does.
 */
function plucked(
  options: NonNullable<ConstructorParameters<typeof Tone.PluckSynth>[0]>,
  size = 6,
): VoiceFactory {
  return (context, output) => {
    const pool = Array.from({ length: size }, () =>
      new Tone.PluckSynth({ context, ...options }).connect(output),
    );
    const pick = noise(context, 0.012, 2500);
    pick.node.connect(output);
    let next = 0;
    return {
      play: (midi, velocity, time) => {
        const index = next++ % pool.length;
        pool[index]!.volume.setValueAtTime(Tone.gainToDb(Math.max(velocity, 0.05)), time);
        pool[index]!.triggerAttack(hz(midi), time);
        pick.hit(velocity * 0.3, time);
      },
      release: () => {},
      dispose: () => {
        pool.forEach((p) => p.dispose());
        pick.node.dispose();
      },
    };
  };
}

/** Percussion: each pad number plays its own small synth. */
function kit(
  pads: Record<
    number,
    (context: Tone.BaseContext) => { hit: (v: number, t: Seconds) => void; node: Tone.ToneAudioNode }
  >,
): VoiceFactory {
  return (context, output) => {
    const made = new Map<number, { hit: (v: number, t: Seconds) => void; node: Tone.ToneAudioNode }>();
    for (const [midi, make] of Object.entries(pads)) {
      const pad = make(context);
      pad.node.connect(output);
      made.set(Number(midi), pad);
    }
    const fallback = made.values().next().value;
    return {
      play: (midi, velocity, time) => (made.get(midi) ?? fallback)?.hit(velocity, time),
      release: () => {},
      dispose: () => made.forEach((pad) => pad.node.dispose()),
    };
  };
}

function membrane(
  context: Tone.BaseContext,
  midi: Midi,
  options: NonNullable<ConstructorParameters<typeof Tone.MembraneSynth>[0]> = {},
) {
  const node = new Tone.MembraneSynth({ context, ...options });
  return { node, hit: (v: number, t: Seconds) => node.triggerAttackRelease(hz(midi), 0.1, t, v) };
}

function noise(
  context: Tone.BaseContext,
  decay: Seconds,
  highpass: number,
  type: 'white' | 'pink' = 'white',
) {
  const filter = new Tone.Filter({ context, frequency: highpass, type: 'highpass' });
  const synth = new Tone.NoiseSynth({
    context,
    noise: { type },
    envelope: { attack: 0.001, decay, sustain: 0 },
  });
  synth.connect(filter);
  // Disposing the filter alone would leave the synth running: dispose both.
  const dispose = filter.dispose.bind(filter);
  filter.dispose = () => {
    synth.dispose();
    return dispose();
  };
  return { node: filter, hit: (v: number, t: Seconds) => synth.triggerAttack(t, v) };
}

function metal(context: Tone.BaseContext, decay: Seconds, frequency: number) {
  const node = new Tone.MetalSynth({
    context,
    envelope: { attack: 0.001, decay, release: 0.05 },
    harmonicity: 5.1,
    resonance: 4000,
    octaves: 1.5,
  });
  node.volume.value = -14;
  return { node, hit: (v: number, t: Seconds) => node.triggerAttackRelease(frequency, decay, t, v) };
}

registerVoice(
  'keys',
  pooled(
    (context) =>
      new Tone.Synth({
        context,
        oscillator: { type: 'triangle' },
        envelope: { attack: 0.004, decay: 0.4, sustain: 0.35, release: 0.8 },
      }),
    false,
  ),
);
registerVoice(
  'marimba',
  pooled(
    (context) =>
      new Tone.Synth({
        context,
        oscillator: { type: 'sine' },
        envelope: { attack: 0.001, decay: 0.6, sustain: 0, release: 0.4 },
      }),
    true,
  ),
);
registerVoice(
  'chime-bars',
  pooled(
    (context) =>
      new Tone.FMSynth({
        context,
        harmonicity: 3.01,
        modulationIndex: 6,
        envelope: { attack: 0.001, decay: 2.5, sustain: 0, release: 2 },
        modulationEnvelope: { attack: 0.001, decay: 0.6, sustain: 0, release: 0.5 },
      }),
    true,
    8,
  ),
);
registerVoice('guitar', plucked({ attackNoise: 1.2, dampening: 3800, resonance: 0.94 }));
registerVoice('harp', plucked({ attackNoise: 0.6, dampening: 2600, resonance: 0.985 }));
registerVoice(
  'drum-kit',
  kit({
    36: (c) =>
      membrane(c, 36, { pitchDecay: 0.05, octaves: 6, envelope: { attack: 0.001, decay: 0.4, sustain: 0 } }),
    38: (c) => noise(c, 0.18, 1500),
    42: (c) => metal(c, 0.06, 400),
    45: (c) =>
      membrane(c, 45, { pitchDecay: 0.03, octaves: 3, envelope: { attack: 0.001, decay: 0.35, sustain: 0 } }),
    49: (c) => metal(c, 0.9, 300),
  }),
);
registerVoice(
  'hand-drum',
  kit({
    60: (c) =>
      membrane(c, 43, { pitchDecay: 0.02, octaves: 2, envelope: { attack: 0.001, decay: 0.5, sustain: 0 } }),
    61: (c) =>
      membrane(c, 55, {
        pitchDecay: 0.01,
        octaves: 1.5,
        envelope: { attack: 0.001, decay: 0.2, sustain: 0 },
      }),
  }),
);
registerVoice(
  'shaker',
  kit({
    70: (c) => noise(c, 0.12, 5000),
    82: (c) => noise(c, 0.07, 7000, 'pink'),
  }),
);
