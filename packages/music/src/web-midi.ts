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

function inputsMessage(count: number): string {
  return count > 0
    ? `MIDI keyboard connected (${count} input${count > 1 ? 's' : ''})`
    : 'MIDI is on; no keyboard found yet';
}

/**
 * Plays from every MIDI input, also those plugged in later. `onStatus` hears
 * the status again when an input comes or goes.
 */
export async function connectMidiInput(
  handlers: MidiHandlers,
  onStatus: (message: string) => void = () => {},
): Promise<{ stop: (() => void) | null; message: string }> {
  if (typeof navigator === 'undefined' || typeof navigator.requestMIDIAccess !== 'function') {
    return { stop: null, message: 'This browser has no MIDI support' };
  }
  try {
    const access = await navigator.requestMIDIAccess();
    const listen = (event: MIDIMessageEvent): void => handleMidiMessage(event.data, handlers);
    const connected = (): number => {
      let count = 0;
      access.inputs.forEach((input) => {
        if (input.state === 'disconnected') return;
        count++;
        // The same listener twice is one listener, so inputs seen before are not doubled.
        input.addEventListener('midimessage', listen);
      });
      return count;
    };
    const changed = (): void => onStatus(inputsMessage(connected()));
    const count = connected();
    access.addEventListener('statechange', changed);
    return {
      stop: () => {
        access.removeEventListener('statechange', changed);
        access.inputs.forEach((input) => input.removeEventListener('midimessage', listen));
      },
      message: inputsMessage(count),
    };
  } catch {
    return { stop: null, message: 'MIDI access was not allowed' };
  }
}
