import * as midiModule from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { recordedNotesToMidi } from './midi-export.js';
import type { RecordedNote } from './midi-export.js';
import { encodeNoteEvent } from './note-events.js';
import { readSmf } from '../../../test/music-support/smf-reader.js';

const { Midi } = (midiModule as unknown as { default?: typeof midiModule }).default ?? midiModule;

const T0 = 1_763_750_000_000;
function note(
  sub: string,
  sender: number,
  seq: number,
  instrument: string,
  midi: number,
  velocity: number,
  on: boolean,
  ms: number,
  arrival = 8,
): RecordedNote {
  return {
    t: T0 + ms + arrival,
    sub,
    channel: 'music:note',
    payload: encodeNoteEvent({ sender, seq, instrument, midi, velocity, on, time: T0 + ms }),
  };
}

describe('recordedNotesToMidi', () => {
  const log: RecordedNote[] = [
    note('client-x', 11, 0, 'keys', 60, 100, true, 0),
    note('therapist-y', 22, 0, 'hand-drum', 60, 90, true, 250, 30),
    note('client-x', 11, 1, 'keys', 60, 0, false, 500),
    note('client-x', 11, 2, 'keys', 64, 40, true, 500),
    { t: T0 + 600, sub: 'client-x', channel: 'canvas:stroke', payload: new Uint8Array([1, 2, 3]) },
    { t: T0 + 700, sub: 'client-x', channel: 'music:note', payload: new Uint8Array([9, 9, 9]) },
    note('client-x', 11, 3, 'keys', 64, 0, false, 1000),
    note('therapist-y', 22, 1, 'hand-drum', 61, 127, true, 1000, 2),
  ];

  it('writes one track per participant that an independent reader parses back to the notes played', () => {
    const smf = readSmf(recordedNotesToMidi(log));
    expect(smf.format).toBe(1);
    const noteTracks = smf.tracks.filter((t) => t.length > 0);
    expect(noteTracks).toHaveLength(2);
    const [client, therapist] = noteTracks as [(typeof noteTracks)[0], (typeof noteTracks)[0]];
    const sec = (tick: number): number => tick / smf.ppq / 2; // 120 bpm: 2 beats a second
    expect(
      client.map((e) => [e.type, e.note, e.velocity > 0 ? Math.round(e.velocity) : 0, sec(e.tick)]),
    ).toEqual(
      [
        ['on', 60, 100, 0],
        ['off', 60, 0, 0.5],
        ['on', 64, 40, 0.5],
        ['off', 64, 0, 1],
      ].map(([type, n, v, s]) => [type, n, type === 'off' ? expect.any(Number) : v, s]),
    );
    expect(therapist.every((e) => e.channel === 9)).toBe(true);
    expect(therapist.filter((e) => e.type === 'on').map((e) => [e.note, e.velocity, sec(e.tick)])).toEqual([
      [60, 90, 0.25],
      [61, 127, 1],
    ]);
  });

  it('reads back through @tonejs/midi too, with neutral track names', () => {
    const midi = new Midi(recordedNotesToMidi(log));
    const tracks = midi.tracks.filter((t) => t.notes.length > 0);
    expect(tracks.map((t) => t.name)).toEqual(['Participant 1', 'Participant 2']);
    expect(tracks[0]!.notes.map((n) => [n.midi, Math.round(n.velocity * 127), n.time, n.duration])).toEqual([
      [60, 100, 0, 0.5],
      [64, 40, 0.5, 0.5],
    ]);
    expect(tracks[1]!.instrument.percussion).toBe(true);
    expect(tracks[0]!.instrument.number).toBe(0);
  });

  it('uses arrival time when a sender claims an implausible time, and survives an empty log', () => {
    const skewed = [
      note('a', 1, 0, 'keys', 60, 80, true, 0),
      { ...note('a', 1, 1, 'keys', 62, 80, true, 10_000_000), t: T0 + 1000 },
    ];
    const midi = new Midi(recordedNotesToMidi(skewed));
    expect(midi.tracks[0]!.notes.map((n) => n.midi)).toEqual([60, 62]);
    expect(midi.tracks[0]!.notes[1]!.time).toBeCloseTo(1, 2);
    expect(new Midi(recordedNotesToMidi([])).tracks.every((t) => t.notes.length === 0)).toBe(true);
  });
});
