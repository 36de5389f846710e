import { describe, expect, it } from 'vitest';
import { handleMidiMessage } from './web-midi.js';

describe('Web MIDI input', () => {
  it('plays note on with its velocity, and ends on note off or velocity 0, on any channel', () => {
    const log: string[] = [];
    const handlers = {
      noteOn: (m: number, v: number) => log.push(`on ${m} ${v}`),
      noteOff: (m: number) => log.push(`off ${m}`),
    };
    for (const bytes of [
      [0x90, 60, 100],
      [0x93, 64, 20],
      [0x80, 60, 0],
      [0x93, 64, 0],
      [0xb0, 7, 100],
      [0x90, 60],
      [0x90, 200, 1],
      [0x90, 61, 128],
    ]) {
      handleMidiMessage(new Uint8Array(bytes), handlers);
    }
    handleMidiMessage(null, handlers);
    expect(log).toEqual(['on 60 100', 'on 64 20', 'off 60', 'off 64']);
  });
});
