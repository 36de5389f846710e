/**
 * Web MIDI input: any connected keyboard or pad plays the local instrument,
 * with its own velocity.
 */
import type { Midi, Velocity } from './units.js';

export interface MidiHandlers {
  noteOn: (midi: Midi, velocity: Velocity) => void;
  noteOff: (midi: Midi) => void;
}

/** Reads one MIDI message; note on with velocity 0 is a note off, as the standard says. */
export function handleMidiMessage(data: Uint8Array | null | undefined, handlers: MidiHandlers): void {
  if (!data || data.length < 3) return;
  const kind = data[0]! & 0xf0;
  const note = data[1]!;
  const velocity = data[2]!;
  if (note > 127 || velocity > 127) return;
  if (kind === 0x90 && velocity > 0) handlers.noteOn(note, velocity);
  else if (kind === 0x80 || kind === 0x90) handlers.noteOff(note);
}

export async function connectMidiInput(
  handlers: MidiHandlers,
): Promise<{ stop: (() => void) | null; message: string }> {
  if (typeof navigator === 'undefined' || typeof navigator.requestMIDIAccess !== 'function') {
    return { stop: null, message: 'This browser has no MIDI support' };
  }
  try {
    const access = await navigator.requestMIDIAccess();
    const listen = (event: MIDIMessageEvent): void => handleMidiMessage(event.data, handlers);
    const attach = (): void =>
      access.inputs.forEach((input) => input.addEventListener('midimessage', listen));
    attach();
    access.addEventListener('statechange', attach);
    const count = access.inputs.size;
    return {
      stop: () => {
        access.removeEventListener('statechange', attach);
        access.inputs.forEach((input) => input.removeEventListener('midimessage', listen));
      },
      message:
        count > 0
          ? `MIDI keyboard connected (${count} input${count > 1 ? 's' : ''})`
          : 'MIDI is on; no keyboard found yet',
    };
  } catch {
    return { stop: null, message: 'MIDI access was not allowed' };
  }
}
