import * as Tone from 'tone';
import { describe, expect, it } from 'vitest';
import { instrumentIds, instrumentInfo } from '../instruments.js';
import { CEILING, MusicEngine } from './engine.js';
import { PulseBeats } from './pulse-beats.js';

const THRESHOLD = 1e-3;

function firstSound(data: Float32Array, sampleRate: number): number {
  const index = data.findIndex((x) => Math.abs(x) > THRESHOLD);
  return index < 0 ? Number.NaN : index / sampleRate;
}

function peak(data: Float32Array): number {
  let max = 0;
  for (const x of data) max = Math.max(max, Math.abs(x));
  return max;
}

async function render(
  duration: number,
  fn: (engine: MusicEngine, context: Tone.BaseContext) => void,
  fadeIn = false,
): Promise<Float32Array> {
  const buffer = await Tone.Offline(
    (context) => {
      const engine = new MusicEngine(context, { fadeIn });
      fn(engine, context);
    },
    duration,
    1,
    44_100,
  );
  return buffer.getChannelData(0);
}

function firstNote(id: string): number {
  const info = instrumentInfo(id)!;
  return info.layout === 'pads' ? info.pads![0]!.midi : info.low!;
}

describe('MusicEngine, rendered offline', () => {
  for (const id of instrumentIds()) {
    it(`${id} sounds at the moment it is played`, async () => {
      const data = await render(0.5, (engine) => engine.play('p', id, firstNote(id), 100, 0.1));
      const onset = firstSound(data, 44_100);
      expect(onset).toBeGreaterThanOrEqual(0.0995);
      expect(onset).toBeLessThan(0.103);
      expect(peak(data)).toBeGreaterThan(0.02);
      expect(data.slice(0, 4400).every((x) => x === 0)).toBe(true);
    });
  }

  it('keeps every peak at or below -1 dBFS however hard everyone plays', async () => {
    const data = await render(1, (engine) => {
      engine.setMaster(1, false);
      for (let p = 0; p < 3; p++) {
        engine.setPlayer(`p${p}`, 1, false);
        for (const id of instrumentIds()) {
          for (let n = 0; n < 4; n++)
            engine.play(
              `p${p}`,
              id,
              firstNote(id) + (instrumentInfo(id)!.layout === 'keys' ? n * 4 : 0),
              127,
              0.05 + n * 0.001,
            );
        }
      }
    });
    expect(peak(data)).toBeGreaterThan(0.5);
    expect(peak(data)).toBeLessThanOrEqual(CEILING);
  });

  it('a tap released at the very moment it began still sounds', async () => {
    const data = await render(0.4, (engine) => {
      engine.play('p', 'keys', 60, 100, 0.1);
      engine.release('p', 'keys', 60, 0.1);
    });
    expect(firstSound(data, 44_100)).toBeLessThan(0.103);
    expect(peak(data)).toBeGreaterThan(0.02);
  });

  it('a muted player and "mute all" are silence', async () => {
    const muted = await render(0.6, (engine) => {
      engine.setPlayer('quiet', 0.8, true);
      engine.play('quiet', 'keys', 60, 127, 0.2);
      engine.play('quiet', 'drum-kit', 36, 127, 0.25);
    });
    expect(peak(muted)).toBe(0);
    const all = await render(0.6, (engine) => {
      engine.setMaster(0.8, true);
      engine.play('a', 'marimba', 60, 127, 0.2);
      engine.play('b', 'shaker', 70, 127, 0.2);
    });
    expect(peak(all)).toBe(0);
  });

  it('fades in on start, so the first sound is not a jolt', async () => {
    const early = await render(0.3, (engine) => engine.play('p', 'keys', 60, 127, 0), true);
    const later = await render(1.2, (engine) => engine.play('p', 'keys', 60, 127, 0.8), true);
    expect(peak(early.slice(0, 2205))).toBeLessThan(peak(later) * 0.25);
  });

  it('schedules the pulse on the shared clock', async () => {
    const beats: number[] = [];
    const data = await render(1.2, (engine, context) => {
      engine.onBeat = (_index, time) => beats.push(time);
      const shared = 1_000_000;
      engine.startPulse({
        startAt: shared + 100,
        tempo: 120,
        sound: 'click',
        sharedNow: () => shared + context.currentTime * 1000,
        toContextTime: (at) => (at - shared) / 1000,
      });
    });
    expect(beats[0]).toBeCloseTo(0.1, 6);
    expect(firstSound(data, 44_100)).toBeGreaterThanOrEqual(0.0995);
    expect(firstSound(data, 44_100)).toBeLessThan(0.103);
  });

  describe('pulse beats', () => {
    const shared = 1_000_000;
    /** Renders beats whose context time is the shared time plus `shift()` ms, ticking as `run` says. */
    function renderBeats(
      run: (beats: PulseBeats, setShift: (ms: number) => void) => void,
    ): Promise<{ data: Float32Array; scheduled: [number, number][] }> {
      const scheduled: [number, number][] = [];
      let shift = 0;
      return Tone.Offline(
        (context) => {
          const beats = new PulseBeats(
            context,
            context.rawContext.destination as unknown as AudioNode,
            {
              startAt: shared + 100,
              tempo: 120,
              sharedNow: () => shared + context.currentTime * 1000,
              toContextTime: (at) => (at - shared + shift) / 1000,
            },
            0.5,
            (index, time) => scheduled.push([index, time]),
          );
          run(beats, (ms) => (shift = ms));
        },
        0.4,
        1,
        44_100,
      ).then((buffer) => ({ data: buffer.getChannelData(0), scheduled }));
    }

    it('moves a beat not yet started when its time moves, so it sounds once, at the new time', async () => {
      const { data, scheduled } = await renderBeats((beats, setShift) => {
        beats.tick();
        // The output stalled for 30 ms (or the clock estimate moved): the beat moves with it.
        setShift(30);
        beats.tick();
        // Less than a millisecond more is the follower's smoothing: the beat stays.
        setShift(30.5);
        beats.tick();
      });
      expect(scheduled.map(([index]) => index)).toEqual([0, 0]);
      expect(scheduled[1]![1]).toBeCloseTo(0.13, 6);
      expect(peak(data.slice(0, Math.round(0.129 * 44_100)))).toBe(0);
      expect(firstSound(data, 44_100)).toBeGreaterThanOrEqual(0.1295);
      expect(firstSound(data, 44_100)).toBeLessThan(0.133);
    });

    it('takes back the beats not yet started when stopped', async () => {
      const { data, scheduled } = await renderBeats((beats) => {
        beats.tick();
        beats.stop();
      });
      expect(scheduled).toHaveLength(1);
      expect(peak(data)).toBe(0);
    });
  });
});
