import { describe, expect, it } from 'vitest';
import { MAX_NOTE_EVENT_BYTES, decodeNoteEvent, encodeNoteEvent } from './note-events.js';
import type { NoteEvent } from './note-events.js';

const sample: NoteEvent = {
  sender: 3_141_592_653,
  seq: 17,
  instrument: 'hand-drum',
  midi: 60,
  velocity: 101,
  on: true,
  time: 1_763_750_000_123.25,
};

describe('note events', () => {
  it('round-trips every field, compactly', () => {
    const bytes = encodeNoteEvent(sample);
    expect(bytes.length).toBeLessThanOrEqual(30);
    expect(decodeNoteEvent(bytes)).toEqual(sample);
    expect(decodeNoteEvent(encodeNoteEvent({ ...sample, on: false, velocity: 0 }))).toMatchObject({
      on: false,
      velocity: 0,
    });
  });

  it('refuses to encode out-of-bounds events', () => {
    for (const bad of [
      { midi: 128 },
      { midi: -1 },
      { velocity: 200 },
      { velocity: 1.5 },
      { instrument: '' },
      { instrument: 'Keys!' },
      { instrument: 'x'.repeat(33) },
      { time: Number.NaN },
      { sender: -1 },
      { seq: 0.5 },
    ]) {
      expect(() => encodeNoteEvent({ ...sample, ...bad })).toThrow(RangeError);
    }
  });

  it('reads malformed, truncated, oversized or foreign payloads as null', () => {
    const good = encodeNoteEvent(sample);
    for (let cut = 0; cut < good.length; cut++) expect(decodeNoteEvent(good.slice(0, cut))).toBeNull();
    expect(decodeNoteEvent(new Uint8Array([...good, 0]))).toBeNull();
    expect(decodeNoteEvent(new Uint8Array(MAX_NOTE_EVENT_BYTES + 1))).toBeNull();
    const otherVersion = good.slice();
    otherVersion[0] = 2;
    expect(decodeNoteEvent(otherVersion)).toBeNull();
    const badFlags = good.slice();
    badFlags[1] = 7;
    expect(decodeNoteEvent(badFlags)).toBeNull();
    // Random bytes never throw and never yield an out-of-bounds event.
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(1 + (i % 40)).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      const event = decodeNoteEvent(bytes);
      if (event) expect(event.midi).toBeLessThanOrEqual(127);
    }
  });
});
