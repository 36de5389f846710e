/**
 * The music package keeps a copy of the note wire format until the session
 * package re-exports it: the two must agree byte for byte.
 */
import { describe, expect, it } from 'vitest';
import * as fromMusic from '../packages/music/src/note-events.js';
import * as fromSession from '../packages/session/src/protocol/notes.js';

describe('note wire format', () => {
  it('is the same in @attune/session and @attune/music', () => {
    expect(fromMusic.NOTE_CHANNEL).toBe(fromSession.NOTE_CHANNEL);
    for (let i = 0; i < 200; i++) {
      const event = {
        sender: i * 7919,
        seq: i,
        instrument: ['keys', 'drum-kit', 'harp'][i % 3]!,
        midi: i % 128,
        velocity: (i * 13) % 128,
        on: i % 2 === 0,
        time: 1.7e12 + i * 0.5,
      };
      const bytes = fromSession.encodeNoteEvent(event);
      expect(fromMusic.encodeNoteEvent(event)).toEqual(bytes);
      expect(fromMusic.decodeNoteEvent(bytes)).toEqual(fromSession.decodeNoteEvent(bytes));
    }
  });
});
